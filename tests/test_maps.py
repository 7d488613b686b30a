"""The seed maps: valid, complete in structure, and faithful to their sources' metadata."""

from __future__ import annotations

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
