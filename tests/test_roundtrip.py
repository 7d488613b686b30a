"""Round trips: YAML text, networkx, and the JSON Schema agree with the loader."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import ArgumentMap, Edge, Kind, Node, Quote, Relation, Sign, Source, Stance

DATA = Path(__file__).parent / "data"

# Text that survives YAML: printable characters, including quotes, colons, hashes and
# non-Latin scripts; not surrogates or control characters.
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85\u2028\u2029\ufeff"),
    min_size=1, max_size=40,
).filter(lambda s: s.strip() != "")
ident = st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,8}", fullmatch=True)


@st.composite
def maps(draw: st.DrawFn) -> ArgumentMap:
    """Valid-shaped maps: any kinds, labels, quotes and relations (graph rules not enforced)."""
    ids = draw(st.lists(ident, min_size=1, max_size=8, unique=True))
    nodes = [
        Node(id=i, kind=draw(st.sampled_from(Kind)), label=draw(text),
             quotes=[Quote(q) for q in draw(st.lists(text, min_size=1, max_size=3))],
             concept=draw(st.none() | st.from_regex(r"[a-z]{1,6}(-[a-z]{1,6})?", fullmatch=True)),
             stance=draw(st.none() | st.sampled_from(Stance)),
             section=draw(st.none() | text), note=draw(st.none() | text))
        for i in ids
    ]
    edges = []
    for _ in range(draw(st.integers(0, 10))):
        rel = draw(st.sampled_from(Relation))
        edges.append(Edge(draw(st.sampled_from(ids)), draw(st.sampled_from(ids)), rel,
                          sign=draw(st.sampled_from(Sign)) if rel is Relation.CAUSES else None,
                          quote=draw(st.none() | text.map(Quote)), note=draw(st.none() | text)))
    source = Source(id=draw(ident), file=draw(text), title=draw(st.none() | text),
                    author=draw(st.none() | text), venue=draw(st.none() | text),
                    year=draw(st.none() | st.integers(-3000, 3000)))
    excluded = [Quote(q) for q in draw(st.lists(text, max_size=2))]
    return ArgumentMap(source, nodes, edges, excluded=excluded,
                       vocabulary=draw(st.none() | st.just("concepts.yaml")))


@settings(max_examples=150, deadline=None)
@given(maps())
def test_yaml_round_trip(m: ArgumentMap) -> None:
    """Property: loads(dumps(m)) == m for any valid-shaped map."""
    assert argmap.loads(argmap.dumps(m)) == m


@settings(max_examples=100, deadline=None)
@given(maps())
def test_dumped_maps_satisfy_schema(m: ArgumentMap) -> None:
    """Property: whatever the writer emits, the published JSON Schema accepts."""
    jsonschema.validate(yaml.safe_load(argmap.dumps(m)), argmap.map_schema())


@settings(max_examples=60, deadline=None)
@given(maps())
def test_networkx_round_trip(m: ArgumentMap) -> None:
    """Property: from_networkx(to_networkx(m)) == m, attributes kept."""
    assert ArgumentMap.from_networkx(m.to_networkx()) == m


def test_networkx_attributes() -> None:
    """The graph is a MultiDiGraph carrying kinds, relations, signs and quote offsets."""
    m = argmap.load(DATA / "valid.yaml")
    g = m.to_networkx()
    assert type(g).__name__ == "MultiDiGraph"
    assert g.nodes["india"]["concept"] == "india-factor"
    assert g.nodes["seato"]["quotes"][0]["spans"] == [(m.node("seato").quotes[0].start, m.node("seato").quotes[0].end)]
    (data,) = g.get_edge_data("india", "rel").values()
    assert data["rel"] == "causes" and data["sign"] == "-"
    assert ArgumentMap.from_networkx(g) == m


def test_file_round_trip(tmp_path: Path) -> None:
    """dump() writes a file that load() reads back equal, anchored quotes included."""
    m = argmap.load(DATA / "valid.yaml")
    out = tmp_path / "copy.yaml"
    (tmp_path / "source.txt").write_text((DATA / "source.txt").read_text())
    argmap.dump(m, out)
    assert argmap.load(out) == m


SCHEMA_REJECTS = [
    pytest.param({"source": {"id": "s"}, "nodes": []}, id="source-without-file"),
    pytest.param({"source": {"id": "s", "file": "f"}, "nodes": [{"id": "a", "kind": "thesys", "label": "x",
                                                                  "quote": "q"}]}, id="bad-kind"),
    pytest.param({"source": {"id": "s", "file": "f"}, "nodes": [], "extra": 1}, id="unknown-key"),
    pytest.param({"source": {"id": "s", "file": "f", "year": "2012"}, "nodes": []}, id="string-year"),
    pytest.param({"source": {"id": "s", "file": "f"}, "nodes": [{"id": "a", "kind": "claim", "label": "x",
                                                                  "quote": []}]}, id="empty-quotes"),
]


@pytest.mark.parametrize("data", SCHEMA_REJECTS)
def test_schema_and_loader_reject_alike(data: dict[str, object]) -> None:
    """Documents the loader refuses, the schema refuses too."""
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, argmap.map_schema())
    with pytest.raises(argmap.LoadError):
        argmap.loads(yaml.safe_dump(data))


def test_repository_files_satisfy_schemas() -> None:
    """The sample map and every vocabulary in the repository validate against the schemas."""
    jsonschema.validate(yaml.safe_load((DATA / "valid.yaml").read_text()), argmap.map_schema())
    root = Path(__file__).parent.parent
    for vocab in [DATA / "concepts.yaml", root / "maps" / "concepts.yaml"]:
        jsonschema.validate(yaml.safe_load(vocab.read_text()), argmap.vocabulary_schema())


def test_written_files_get_the_usual_mode(tmp_path: Path) -> None:
    """Atomic writes give files the mode a plain open() would (not mkstemp's private 0600)."""
    import os

    from argmap.yamlio import write_text

    umask = os.umask(0o022)
    try:
        out = write_text(tmp_path / "x.txt", "hello")
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o644
    assert out.read_text() == "hello"
