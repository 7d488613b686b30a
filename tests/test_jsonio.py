"""argmap's own JSON: the YAML layout plus quote offsets, read with the YAML loader's checks."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

import argmap
from argmap.errors import LoadError
from argmap.formats import from_json, read_json, to_json, to_json_data, write_json
from argmap.schema import map_json_schema
from strategies import maps

SMALL = Path(__file__).parent / "data" / "interchange" / "small.yaml"
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(maps(anchored=True))
def test_json_export_matches_its_schema(amap: argmap.ArgumentMap) -> None:
    """Every export validates against map_json_schema()."""
    jsonschema.validate(json.loads(to_json(amap)), map_json_schema())


def test_anchored_quotes_carry_offsets() -> None:
    """Quotes found in the source are written with their spans; the rest stay strings."""
    amap = argmap.load(SMALL)
    data = to_json_data(amap)
    first = data["nodes"][0]["quote"]
    assert first["text"] == "The thaw is real but shallow"
    start, end = first["spans"][0]
    assert argmap.read_source(amap)[start:end] == "The thaw is real but shallow"
    unanchored = to_json_data(argmap.load(SMALL, anchor=False))
    assert unanchored["nodes"][0]["quote"] == "The thaw is real but shallow"


def test_yaml_layout_is_kept() -> None:
    """Without offsets, argmap JSON holds exactly what the YAML file holds."""
    amap = argmap.load(SMALL, anchor=False)
    assert to_json_data(amap) == argmap.yamlio.map_to_data(amap)


def test_read_and_write_files(tmp_path: Path) -> None:
    """write_json then read_json gives the same map; anchor=True recomputes offsets."""
    amap = argmap.load(SMALL)
    target = tmp_path / "small.json"
    write_json(amap, target)
    assert read_json(target) == amap
    (tmp_path / "small.txt").write_text(SMALL.with_suffix(".txt").read_text("utf-8"), "utf-8")
    assert read_json(target, anchor=True) == amap


def test_decoded_data_is_accepted() -> None:
    """from_json takes decoded JSON data as well as text."""
    amap = argmap.load(SMALL)
    assert from_json(to_json_data(amap)) == amap


def at(text: str, marker: str, *, last: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of ``marker`` in ``text``."""
    offset = text.rindex(marker) if last else text.index(marker)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


HEAD = '{"source": {"id": "a", "file": "b"}, '
NODE = HEAD + '"nodes": [{"id": "t", "kind": "thesis", "label": "x", "quote": '
BROKEN = [
    ("syntax", HEAD + '"nodes": [}', "}", True, "expected a value"),
    ("trailing-comma", HEAD[:-2] + ",}", "}", True, "remove the trailing comma"),
    ("single-quotes", "{'source': 1}", "'", False, "expected a key in double quotes"),
    (
        "wrong-type",
        '{\n  "source": {"id": "a", "file": "b"},\n  "nodes": 5\n}',
        "5",
        False,
        "must be a list",
    ),
    ("unknown-key", HEAD + '"nodes": [], "node": []}', '"node"', False, "unknown key"),
    ("duplicate-key", HEAD + '"nodes": [], "nodes": []}', '"nodes"', True, "duplicate key"),
    ("bad-span", NODE + '{"text": "x", "spans": [[5, 2]]}}]}', "[5", False, "span end 2"),
    (
        "span-not-pair",
        NODE + '{"text": "x", "spans": [1]}}]}',
        "1]",
        False,
        "pair of whole numbers",
    ),
    ("quote-object-keys", NODE + '{"txt": "x"}}]}', '{"txt"', False, "takes `text` and `spans`"),
    ("extra-data", HEAD + '"nodes": []} []', "[]", True, "after the end"),
    (
        "lone-surrogate",
        '{"source": {"id": "\\ud800", "file": "b"}, "nodes": []}',
        '"\\ud800',
        False,
        "lone surrogate",
    ),
    (
        "control-in-string",
        '{"source": {"id": "a\nb", "file": "b"}, "nodes": []}',
        "\n",
        False,
        "control",
    ),
    ("deep", "[" * 300, "[" * 100, True, "nested more than"),
    ("empty", "   ", " ", False, "empty"),
]


@pytest.mark.parametrize(
    ("text", "marker", "last", "message"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_broken_json_is_located(text: str, marker: str, last: bool, message: str) -> None:
    """Each problem in a JSON map is reported at its line and column."""
    with pytest.raises(LoadError) as info:
        from_json(text)
    assert (info.value.line, info.value.column) == at(text, marker, last=last)
    assert message in str(info.value)


def test_schema_accepts_plain_maps_too() -> None:
    """A JSON map without offsets is also valid under the JSON schema (the YAML layout)."""
    data = argmap.yamlio.map_to_data(argmap.load(SMALL, anchor=False))
    jsonschema.validate(data, map_json_schema())
