"""The seed maps: valid, complete in structure, and faithful to their sources' metadata."""

from __future__ import annotations

import functools
import itertools
from pathlib import Path

import pytest
import yaml

import argmap
from argmap import Kind, Relation, audit
from conftest import MAPS, SEEDS

MAP_FILES = sorted(p for p in MAPS.glob("[0-9][0-9][0-9]-*.yaml"))
SOURCES = {s["file"]: s for s in yaml.safe_load((SEEDS / "SOURCES.yaml").read_text(encoding="utf-8"))["sources"]}
VOCAB = argmap.load_vocabulary(MAPS / "concepts.yaml")
ids = [p.stem for p in MAP_FILES]


def test_one_map_per_seed() -> None:
    """Every seed text has exactly one map, named after its seed number."""
    assert sorted(p.name[:3] for p in MAP_FILES) == sorted(f[:3] for f in SOURCES)


def test_vocabulary_holds_required_ids(shared: Path) -> None:
    """maps/concepts.yaml defines every concept id the shared vocabulary requires."""
    import re

    required = re.findall(r"^\| `([a-z0-9-]+)`", (shared / "vocabulary.md").read_text(), re.MULTILINE)
    assert len(required) >= 20
    assert set(required) <= {c.id for c in VOCAB}


@pytest.mark.parametrize("path", MAP_FILES, ids=ids)
def test_valid_without_warnings(path: Path) -> None:
    """`argmap validate` finds no problem, not even a warning."""
    assert [str(p) for p in argmap.check(path)] == []


@pytest.mark.parametrize("path", MAP_FILES, ids=ids)
def test_metadata_matches_sources(path: Path) -> None:
    """The map's source block agrees with seeds/SOURCES.yaml (nothing invented)."""
    m = argmap.load(path, anchor=False)
    entry = SOURCES[Path(m.source.file).name]
    for key in ("title", "author", "venue", "year"):
        assert getattr(m.source, key) == entry[key], key


@pytest.mark.parametrize("path", MAP_FILES, ids=ids)
def test_causal_chain_reaches_outcome(path: Path) -> None:
    """Some factor linked to a concept reaches the outcome node through `causes` edges."""
    m = argmap.load(path, anchor=False)
    outcomes = {n.id for n in m.nodes if n.concept == "pak-russia-relations"}
    assert outcomes, "no node is linked to pak-russia-relations"
    causes: dict[str, list[str]] = {}
    for e in m.edges:
        if e.relation is Relation.CAUSES:
            causes.setdefault(e.source, []).append(e.target)
    starts = [n.id for n in m.nodes if n.kind is Kind.FACTOR and n.concept and n.concept not in outcomes]
    reached = set()
    todo = list(starts)
    while todo:
        node = todo.pop()
        for nxt in causes.get(node, []):
            if nxt not in reached:
                reached.add(nxt)
                todo.append(nxt)
    assert reached & outcomes


@pytest.mark.parametrize("path", MAP_FILES, ids=ids)
def test_every_section_covered(path: Path) -> None:
    """Each section heading of the text is a heading line there and has at least one node."""
    m = argmap.load(path, anchor=False)
    entry = SOURCES[Path(m.source.file).name]
    lines = {line.strip() for line in (SEEDS / entry["file"]).read_text(encoding="utf-8").splitlines()}
    for heading in entry["sections"]:
        assert heading in lines, f"{heading!r} is not a line of the text"
    assert set(entry["sections"]) <= {n.section for n in m.nodes}
    assert {n.section for n in m.nodes} - {None} <= set(entry["sections"])


@pytest.mark.parametrize("path", MAP_FILES, ids=ids)
def test_argument_is_covered(path: Path) -> None:
    """The audit finds most of the argumentative text quoted (a guard against thin maps)."""
    m = argmap.load(path)
    assert audit(m).coverage >= 0.8


# --------------------------------------------------------------------------- issue 11: the re-read maps

@functools.cache
def _load_all() -> dict[str, argmap.ArgumentMap]:
    return {p.name[:3]: argmap.load(p, anchor=False) for p in MAP_FILES}


def test_display_names_match_sources() -> None:
    """Every text has one short display name, the same in its map and in seeds/SOURCES.yaml."""
    names = {}
    for key, m in _load_all().items():
        entry = SOURCES[Path(m.source.file).name]
        assert m.source.name and m.source.name == entry["name"], key
        names[key] = m.source.name
    assert len(set(names.values())) == len(names)
    assert names["002"] == "Hussain" and names["003"] == "The Pulse"


def test_undated_texts_say_what_they_suggest() -> None:
    """A year is recorded only where the text fixes it (002); the others explain in a note."""
    for key, m in _load_all().items():
        assert m.source.note, key
        if m.source.year is None:
            assert "does not fix its year" in m.source.note, key
    assert _load_all()["002"].source.year == 2012


def test_required_ids_are_top_concepts(shared: Path) -> None:
    """Rolling narrower concepts up lands exactly on the required ids: none of them has a
    broader concept, and each coarse one the issue names is split into narrower variables."""
    import re

    required = re.findall(r"^\| `([a-z0-9-]+)`", (shared / "vocabulary.md").read_text(), re.MULTILINE)
    for cid in required:
        assert VOCAB.ancestors(cid) == (), cid
    for coarse in ("great-power-politics", "afghanistan-conflict", "india-factor", "china-cpec",
                   "civil-military-divide", "institutional-weakness", "us-dependence"):
        assert len(VOCAB.narrower(coarse)) >= 2, coarse


def test_periods_partition_the_years() -> None:
    """The periods follow one another without overlap, except since-2022, which lies inside
    since-2014 (two claims conflict only where their periods share a year)."""
    periods = [p for p in VOCAB.periods if p.id != "since-2022"]
    assert periods[0].start == 1947 and periods[-1].end is None
    for a, b in itertools.pairwise(periods):
        assert a.end is not None and b.start == a.end + 1, (a.id, b.id)
    inner, outer = VOCAB.period("since-2022"), VOCAB.period("since-2014")
    assert inner is not None and outer is not None and inner.overlaps(outer)


def test_each_proposition_is_dated_alike() -> None:
    """All nodes that take a stance on one proposition carry the same period (or none), so
    that a comparison by period sets them side by side."""
    periods: dict[str, set[str | None]] = {}
    for m in _load_all().values():
        for n in m.nodes:
            if n.stance is not None and n.concept is not None:
                periods.setdefault(n.concept, set()).add(n.period)
    assert {c: p for c, p in periods.items() if len(p) > 1} == {}


#: Node-level readings the issue named as wrong, pinned as they now are:
#: (map, node, concept, stance, direction).
FIXED_READINGS = [
    ("000", "china71", "sino-american-rapprochement", None, None),
    ("000", "wa-explained", None, None, None),
    ("001", "f-india-friction", "moscow-delhi-closeness", None, "decrease"),
    ("002", "frontline", "western-alliance", None, None),
    ("002", "cw-end", "cold-war-bipolarity", None, "decrease"),
    ("003", "c-arms", "arms-trade-should-expand", "denies", None),
    ("003", "p-outlook", "cold-war-bitterness-overcome", "denies", None),
    ("004", "f-postcw", "economic-interdependence", None, None),
    ("004", "rec-arms", "arms-trade-should-expand", "denies", None),
    ("004", "rec-china", "sino-russian-alignment", None, None),
]


@pytest.mark.parametrize(("key", "node", "concept", "stance", "direction"), FIXED_READINGS,
                         ids=[f"{k}-{n}" for k, n, *_ in FIXED_READINGS])
def test_issue_11_readings(key: str, node: str, concept: str | None, stance: str | None,
                           direction: str | None) -> None:
    """The misreadings issue 11 lists stay fixed."""
    n = _load_all()[key].node(node)
    assert n.concept == concept
    assert (n.stance.value if n.stance else None) == stance
    assert (n.direction.value if n.direction else None) == direction


def test_cw_end_quotes_whole_sentence_and_notes_the_contradiction() -> None:
    """002's end of the Cold War quotes its sentence to the end, and the note says the text
    contradicts itself on the early 1990s."""
    n = _load_all()["002"].node("cw-end")
    assert n.quotes[0].text.endswith("the past perceptions became the main obstacle in mending the ways.")
    assert n.note is not None and "contradicts itself" in n.note


def test_thesis_of_004_carries_the_gradual_shift() -> None:
    """004's thesis quotes the gradual, careful adjustment the author argues for."""
    texts = " ".join(q.text for q in _load_all()["004"].node("T").quotes)
    assert "gradual and sustainable shift" in texts and "very carefully" in texts


#: The disagreements of docs/reading-notes.md (section 3), as the maps carry them: for each
#: proposition the texts that affirm it and those that deny it (a text holding both counts
#: on both sides).
DISAGREEMENTS = {
    "moscow-open-early": ({"001", "002", "004"}, {"000", "003"}),
    "western-alignment-was-rational": ({"004"}, {"002"}),
    "no-anti-soviet-intent": ({"002"}, {"000", "002", "004"}),
    "thaw-before-bhutto": ({"002", "003"}, {"000", "002"}),
    "seventies-warm": ({"000", "002"}, {"003"}),
    "afghan-jihad-policy-sound": ({"000"}, {"002"}),
    "nineties-improvement": ({"002"}, {"000", "002", "003", "004"}),
    "pm-visit-1990s": ({"002"}, {"004"}),
    "arms-trade-should-expand": ({"000", "001", "004"}, {"003", "004"}),
    "defence-led-partnership": ({"001"}, {"004"}),
    "russia-drifting-from-india": ({"001", "004"}, {"000", "003"}),
    "cold-war-bitterness-overcome": ({"001"}, {"002", "003"}),
    "relations-improving-since-2022": ({"003"}, {"000"}),
    "crude-stall-was-moscows-choice": ({"000"}, {"003"}),
    "russia-reliable-partner": ({"002"}, {"004"}),
    "relations-structurally-determined": ({"003"}, {"002"}),
    "impediments-minor": ({"002", "004"}, {"000", "003"}),
    "proximity-favoured-moscow": ({"002"}, {"001"}),
    "fresh-start-needed": ({"002"}, {"004"}),
    "relations-will-improve": ({"001", "004"}, {"000"}),
}


@pytest.mark.parametrize("proposition", sorted(DISAGREEMENTS))
def test_disagreements_are_decidable(proposition: str) -> None:
    """Each disagreement a teacher would teach is in the maps: the same proposition, affirmed
    by one side and denied by the other."""
    sides: dict[str, set[str]] = {"affirms": set(), "denies": set()}
    for key, m in _load_all().items():
        for n in m.nodes:
            if n.concept == proposition and n.stance is not None and n.stance.value in sides:
                sides[n.stance.value].add(key)
    assert (sides["affirms"], sides["denies"]) == DISAGREEMENTS[proposition]
