"""Round trips: YAML text, networkx, and the JSON Schema agree with the loader."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given, settings

import argmap
from argmap import ArgumentMap
from strategies import maps

DATA = Path(__file__).parent / "data"

@settings(max_examples=60, deadline=None)
@given(maps())
def test_yaml_round_trip(m: ArgumentMap) -> None:
    """Property: loads(dumps(m)) == m for any valid-shaped map."""
    assert argmap.loads(argmap.dumps(m)) == m


@settings(max_examples=40, deadline=None)
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

    from argmap import write_text

    umask = os.umask(0o022)
    try:
        out = write_text(tmp_path / "x.txt", "hello")
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o644
    assert out.read_text() == "hello"
