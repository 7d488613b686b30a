"""The map and vocabulary fields behind periods, directions of change, concept hierarchies,
implicit premises, drafts, chosen occurrences and display names: read, checked, written."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

import argmap
from argmap import ChangeDirection, LoadError, Severity
from argmap.codec import map_to_data

SOURCE = "Alpha rose. Beta fell. Alpha rose. The end of alpha came.\n"
HEAD = "source: {id: s, file: s.txt, name: Short, note: the text dates itself}\nnodes:\n"
THESIS = "  - {id: T, kind: thesis, label: t, quote: Beta fell}\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "s.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "concepts.yaml").write_text(
        "periods:\n"
        "  - {id: early, label: Early years, start: 1947, end: 1954}\n"
        "  - {id: now, label: Since 2014, start: 2014, end: null}\n"
        "concepts:\n"
        "  - {id: alpha, kind: factor, label: Alpha}\n"
        "  - {id: alpha-rise, kind: factor, label: Rise of alpha, broader: alpha}\n"
        "  - {id: rel, kind: outcome, label: Relations}\n", encoding="utf-8")
    return tmp_path


def write(folder: Path, body: str) -> Path:
    path = folder / "m.yaml"
    path.write_text(HEAD + THESIS + body, encoding="utf-8")
    return path


def codes(path: Path) -> list[tuple[str, int | None]]:
    return [(p.code, p.line) for p in argmap.check(path)]


def test_new_fields_load_and_round_trip(folder: Path) -> None:
    """Every new field is read from YAML and written back the same."""
    path = write(folder, "  - id: a\n    kind: factor\n    label: a\n    concept: alpha-rise\n"
                         "    direction: decrease\n    period: now\n    quote: {text: Alpha rose, occurrence: 2}\n"
                         "    draft: 0.5\n"
                         "  - {id: p, kind: claim, label: unstated, implicit: true, note: the argument needs it}\n"
                         "edges:\n  - {from: a, to: T, rel: causes, sign: '-', period: early, draft: 1}\n"
                         "  - {from: p, to: T, rel: supports}\n")
    m = argmap.load(path)
    a, p = m.node("a"), m.node("p")
    assert (a.direction, a.period, a.draft) == (ChangeDirection.DECREASE, "now", 0.5)
    assert a.quotes[0].occurrence == 2
    assert a.quotes[0].spans[0].start == SOURCE.index("Alpha rose", 1)  # the second place
    assert (p.implicit, p.quotes) == (True, ())
    assert (m.edges[0].period, m.edges[0].draft) == ("early", 1.0)
    assert (m.source.name, m.source.note) == ("Short", "the text dates itself")
    assert argmap.loads(argmap.dumps(m), path=path, anchor=True) == m
    jsonschema.validate(map_to_data(m), argmap.map_schema())


@pytest.mark.parametrize(
    ("body", "code", "line"),
    [
        pytest.param("  - {id: p, kind: claim, label: x}\n", "missing-key", 4, id="no-quote"),
        pytest.param("  - {id: p, kind: claim, label: x, implicit: true, note: n, quote: Beta}\n",
                     "implicit-quote", 4, id="implicit-with-quote"),
        pytest.param("  - {id: p, kind: claim, label: x, implicit: yes please, note: n}\n", "type", 4,
                     id="implicit-not-a-flag"),
        pytest.param("  - {id: p, kind: claim, label: x, quote: {text: Beta, occurrence: 0}}\n", "type", 4,
                     id="occurrence-zero"),
        pytest.param("  - {id: p, kind: claim, label: x, quote: Beta, draft: 2}\n", "type", 4, id="draft-above-1"),
        pytest.param("  - {id: p, kind: claim, label: x, quote: Beta, direction: down}\n", "choice", 4,
                     id="bad-direction"),
    ],
)
def test_bad_new_fields_are_located(folder: Path, body: str, code: str, line: int) -> None:
    """Each mistake is one problem, at its line."""
    assert codes(write(folder, body)) == [(code, line)]


def test_rules_for_the_new_fields(folder: Path) -> None:
    """Implicit nodes say why; periods exist; a direction needs a concept; drafts are flagged."""
    path = write(folder, "  - {id: a, kind: claim, label: a, implicit: true}\n"
                         "  - {id: b, kind: claim, label: b, quote: Beta fell, period: erly, draft: 0.3}\n"
                         "  - {id: c, kind: claim, label: c, quote: Beta fell, direction: decrease}\n"
                         "edges:\n  - {from: a, to: T, rel: supports}\n  - {from: b, to: T, rel: supports}\n"
                         "  - {from: c, to: T, rel: supports}\n")
    problems = argmap.check(path)
    found = {(p.code, p.line, p.severity) for p in problems}
    assert ("implicit-without-note", 4, Severity.ERROR) in found
    assert ("unknown-period", 5, Severity.ERROR) in found
    assert ("unreviewed-draft", 5, Severity.WARNING) in found
    assert ("direction-without-concept", 6, Severity.ERROR) in found
    hint = next(p.hint for p in problems if p.code == "unknown-period")
    assert "'early'" in (hint or "")


def test_occurrence_beyond_the_places_lists_them(folder: Path) -> None:
    path = write(folder, "  - {id: a, kind: claim, label: a, quote: {text: Alpha rose, occurrence: 3}}\n"
                         "edges:\n  - {from: a, to: T, rel: supports}\n")
    problem = next(p for p in argmap.check(path) if p.code == "quote-occurrence")
    assert "holds it 2 times (line 1:1, line 1:24)" in problem.message
    assert problem.line == 4


def test_vocabulary_hierarchy_and_periods(folder: Path) -> None:
    v = argmap.load_vocabulary(folder / "concepts.yaml")
    assert v.ancestors("alpha-rise") == ("alpha",)
    assert v.top("alpha-rise") == "alpha"
    assert [c.id for c in v.narrower("alpha")] == ["alpha-rise"]
    early, now = v.period("early"), v.period("now")
    assert early is not None and now is not None
    assert (early.span, now.span, early.overlaps(now)) == ("1947-1954", "since 2014", False)
    assert argmap.loads_vocabulary(argmap.dumps_vocabulary(v)) == v


@pytest.mark.parametrize(
    ("concepts", "code", "line"),
    [
        pytest.param("  - {id: a, kind: factor, label: A, broader: nothing}\n", "unknown-concept", 2,
                     id="unknown-broader"),
        pytest.param("  - {id: a, kind: factor, label: A, broader: b}\n"
                     "  - {id: b, kind: factor, label: B, broader: a}\n", "broader-cycle", 2, id="cycle"),
    ],
)
def test_bad_hierarchies_are_located(concepts: str, code: str, line: int) -> None:
    with pytest.raises(LoadError) as info:
        argmap.loads_vocabulary("concepts:\n" + concepts)
    assert (info.value.problems[0].code, info.value.problems[0].line) == (code, line)


def test_period_that_ends_before_it_starts_is_located() -> None:
    with pytest.raises(LoadError) as info:
        argmap.loads_vocabulary("periods:\n  - {id: p, label: P, start: 1990, end: 1980}\nconcepts: []\n")
    assert info.value.line == 2
    assert "ends (1980) before it starts (1990)" in str(info.value)
