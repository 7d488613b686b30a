"""Structural validation: every rule, collected, with positions."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap import Severity

DATA = Path(__file__).parent / "data"
VOCAB = argmap.load_vocabulary(DATA / "concepts.yaml")
HEAD = "source: {id: s, file: source.txt}\nnodes:\n"


def _codes(text: str) -> list[tuple[str, int | None]]:
    m = argmap.loads(text, path="m.yaml")
    return [(p.code, p.line) for p in argmap.validate(m, VOCAB)]


def test_valid_sample_has_no_problems() -> None:
    """The sample map passes every rule."""
    assert argmap.validate(argmap.load(DATA / "valid.yaml"), VOCAB) == []


RULES = [
    pytest.param("  - {id: T, kind: thesis, label: x, quote: q}\n  - {id: T, kind: claim, label: y, quote: q}\n"
                 "edges: []\n", ("duplicate-id", 4), id="duplicate-id"),
    pytest.param("  - {id: T, kind: thesis, label: x, quote: q}\nedges:\n  - {from: T, to: Tx, rel: supports}\n",
                 ("unknown-node", 5), id="unknown-node"),
    # located at the first node, where `kind: thesis` could go (issue 13: "a missing thesis is located")
    pytest.param("  - {id: a, kind: claim, label: x, quote: q}\n", ("thesis-count", 3), id="no-thesis"),
    pytest.param("  - {id: a, kind: thesis, label: x, quote: q}\n  - {id: b, kind: thesis, label: x, quote: q}\n",
                 ("thesis-count", 4), id="two-theses"),
    pytest.param("  - {id: T, kind: thesis, label: x, quote: q}\n  - {id: f, kind: factor, label: x, quote: q}\n"
                 "edges:\n  - {from: f, to: T, rel: causes}\n", ("missing-sign", 6), id="causes-without-sign"),
    pytest.param("  - {id: T, kind: thesis, label: x, quote: q}\n  - {id: f, kind: claim, label: x, quote: q}\n"
                 "edges:\n  - {from: f, to: T, rel: supports, sign: '+'}\n", ("stray-sign", 6), id="sign-on-supports"),
    pytest.param("  - {id: T, kind: thesis, label: x, quote: q}\n  - {id: a, kind: claim, label: x, quote: q}\n"
                 "  - {id: b, kind: claim, label: x, quote: q}\n"
                 "edges:\n  - {from: a, to: b, rel: supports}\n  - {from: b, to: a, rel: supports}\n"
                 "  - {from: a, to: T, rel: supports}\n", ("support-cycle", 4), id="support-cycle"),
    pytest.param("  - {id: T, kind: thesis, label: x, quote: q, concept: india-factor, stance: affirms}\n",
                 ("stray-stance", 3), id="stance-on-factor"),
    pytest.param("  - {id: T, kind: thesis, label: x, quote: q, concept: relations-improving}\n",
                 ("missing-stance", 3), id="proposition-without-stance"),
    pytest.param("  - {id: T, kind: thesis, label: x, quote: q, concept: india-factr}\n",
                 ("unknown-concept", 3), id="unknown-concept"),
    pytest.param("  - {id: T, kind: thesis, label: x, quote: q}\n  - {id: lone, kind: claim, label: x, quote: q}\n",
                 ("unreachable", 4), id="unreachable"),
    pytest.param("  - {id: T, kind: thesis, label: x, quote: q}\nedges:\n  - {from: T, to: T, rel: supports}\n",
                 ("self-loop", 5), id="self-loop"),
]


@pytest.mark.parametrize(("nodes", "expected"), RULES)
def test_rule(nodes: str, expected: tuple[str, int | None]) -> None:
    """Each rule reports its problem at the offending node or edge."""
    assert expected in _codes(HEAD + nodes)


def test_unknown_concept_suggests() -> None:
    """An unknown concept id gets a did-you-mean hint."""
    m = argmap.loads(HEAD + "  - {id: T, kind: thesis, label: x, quote: q, concept: india-factr}\n")
    (problem,) = argmap.validate(m, VOCAB)
    assert problem.hint == "did you mean 'india-factor'?"


def test_unreachable_is_a_warning_and_all_problems_collected() -> None:
    """Warnings are marked as such, and several problems are reported together."""
    m = argmap.loads(HEAD + "  - {id: a, kind: claim, label: x, quote: q}\n"
                     "  - {id: a, kind: claim, label: x, quote: q}\n"
                     "edges:\n  - {from: a, to: zz, rel: causes}\n", path="m.yaml")
    codes = {p.code for p in argmap.validate(m, VOCAB)}
    assert {"duplicate-id", "thesis-count", "unknown-node", "missing-sign"} <= codes
    m2 = argmap.loads(HEAD + "  - {id: T, kind: thesis, label: x, quote: q}\n"
                      "  - {id: b, kind: claim, label: x, quote: q}\n")
    (warning,) = argmap.validate(m2)
    assert warning.severity is Severity.WARNING


def test_check_reports_quotes_and_structure_together(tmp_path: Path) -> None:
    """check() gathers quote misses and structural problems from one file without raising."""
    (tmp_path / "source.txt").write_text("One sentence here.\n")
    (tmp_path / "concepts.yaml").write_text((DATA / "concepts.yaml").read_text())
    f = tmp_path / "m.yaml"
    f.write_text(HEAD + "  - {id: T, kind: thesis, label: x, quote: 'Two sentences'}\n"
                 "  - {id: c, kind: claim, label: x, quote: 'One sentence', concept: nope}\n"
                 "edges:\n  - {from: c, to: T, rel: supports}\n")
    codes = [(p.code, p.line) for p in argmap.check(f)]
    assert ("quote-not-found", 3) in codes
    assert ("unknown-concept", 4) in codes


def test_check_never_raises_on_syntax_errors(tmp_path: Path) -> None:
    """A broken file yields problems, not an exception."""
    f = tmp_path / "m.yaml"
    f.write_bytes(b"source: [\n")
    (problem,) = argmap.check(f)
    assert problem.code == "syntax" and problem.line is not None
