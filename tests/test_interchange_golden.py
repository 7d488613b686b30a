"""Golden files: the small map in each format, and the YAML made from foreign AIF and Argdown.

Compared exactly (bytes, newline included) by the ``golden`` fixture (tests/conftest.py);
refresh with ARGMAP_UPDATE_GOLDEN=1 after a deliberate change, and read the diff before
committing it. Also: every seed map in maps/
comes back unchanged from every format (skipped while maps/ holds none).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import argmap
from argmap.formats import (
    export_text,
    from_aif,
    from_argdown,
    from_graphml,
    from_json,
    import_aif_file,
    import_argdown_file,
)
from argmap.workspace import is_vocabulary_file
from conftest import Golden

HERE = Path(__file__).parent
DATA = HERE / "data" / "interchange"
MAPS = HERE.parent / "maps"
READERS = {
    "aif": lambda text: from_aif(json.loads(text)),
    "argdown": from_argdown,
    "graphml": from_graphml,
    "json": from_json,
}


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("aif", "small.aif.json"),
        ("argdown", "small.argdown"),
        ("graphml", "small.graphml"),
        ("json", "small.json"),
    ],
    ids=["aif", "argdown", "graphml", "json"],
)
def test_export_golden(fmt: str, name: str, golden: Golden) -> None:
    """The small map's export is byte for byte the golden file."""
    golden.check(f"interchange/{name}", export_text(argmap.load(DATA / "small.yaml"), fmt))


@pytest.mark.parametrize(
    ("source", "read", "name"),
    [
        ("foreign.aif.json", import_aif_file, "foreign-aif.yaml"),
        ("foreign.argdown", import_argdown_file, "foreign-argdown.yaml"),
    ],
    ids=["aif", "argdown"],
)
def test_import_golden(source: str, read: object, name: str, golden: Golden) -> None:
    """The YAML and notices made from a hand-made foreign file are the golden ones."""
    imported = read(DATA / source)  # type: ignore[operator]
    notices = "".join(f"# {n.line}:{n.column} {n.code}: {n.message}\n" for n in imported.notices)
    golden.check(f"interchange/{name}", notices + argmap.dumps(imported.map))


def seed_maps() -> list[Path]:
    """The seed maps in maps/ (none until they are written)."""
    return [p for p in sorted(MAPS.glob("*.yaml")) if not is_vocabulary_file(p)]


@pytest.mark.parametrize("fmt", list(READERS))
def test_seed_maps_round_trip(fmt: str) -> None:
    """Every seed map, quote offsets included, comes back unchanged from every format."""
    paths = seed_maps()
    if not paths:
        pytest.skip("no seed map in maps/ yet")
    for path in paths:
        amap = argmap.load(path)
        assert READERS[fmt](export_text(amap, fmt)) == amap, path.name
