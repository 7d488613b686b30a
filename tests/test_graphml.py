"""GraphML via networkx: every field an attribute, read back exactly."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import argmap
from argmap.errors import ExportError, LoadError
from argmap.formats import from_graphml, read_graphml, to_graphml, write_graphml

SMALL = Path(__file__).parent / "data" / "interchange" / "small.yaml"
NS = "{http://graphml.graphdrawing.org/xmlns}"
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_attributes_are_plain_graphml() -> None:
    """Graph tools see kinds, labels and relations as ordinary attributes."""
    root = ET.fromstring(to_graphml(argmap.load(SMALL)).encode("utf-8"))
    keys = {k.get("id"): (k.get("for"), k.get("attr.name")) for k in root.iter(f"{NS}key")}
    names = {(where, name) for where, name in keys.values()}
    assert {
        ("node", "kind"),
        ("node", "label"),
        ("node", "quotes"),
        ("edge", "rel"),
        ("edge", "sign"),
        ("edge", "order"),
        ("graph", "source_id"),
    } <= names
    thesis = next(n for n in root.iter(f"{NS}node") if n.get("id") == "thesis")
    values = {keys[d.get("key")][1]: d.text for d in thesis.iter(f"{NS}data")}  # type: ignore[index]
    assert values["kind"] == "thesis"
    assert values["concept"] == "pak-russia-relations"


def test_parallel_edges_keep_their_order(tmp_path: Path) -> None:
    """Two edges between the same nodes both survive, in map order."""
    src = argmap.Source("s", "s.txt")
    nodes = [
        argmap.Node("a", "thesis", "A", argmap.Quote("a")),
        argmap.Node("b", "claim", "B", argmap.Quote("b")),
    ]
    edges = [
        argmap.Edge("b", "a", "attacks"),
        argmap.Edge("a", "b", "supports"),
        argmap.Edge("b", "a", "supports", note="second"),
    ]
    amap = argmap.ArgumentMap(src, nodes, edges)
    write_graphml(amap, tmp_path / "m.graphml")
    assert read_graphml(tmp_path / "m.graphml") == amap


def test_text_xml_cannot_hold_is_refused() -> None:
    """A control character XML 1.0 cannot hold is an export error naming the field."""
    amap = argmap.ArgumentMap(
        argmap.Source("s", "s.txt"),
        [argmap.Node("a", "thesis", "bell \x07 here", argmap.Quote("a"))],
    )
    with pytest.raises(ExportError, match=r"node 'a' `label` holds the character U\+0007"):
        to_graphml(amap)


def test_carriage_returns_survive() -> None:
    """A carriage return, which XML readers would turn into a line feed, comes back as written."""
    amap = argmap.ArgumentMap(
        argmap.Source("s", "s.txt"),
        [argmap.Node("a", "thesis", "one\r\ntwo\rthree", argmap.Quote("a\r"))],
    )
    assert from_graphml(to_graphml(amap)) == amap


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<graphml><graph", "not readable as GraphML"),
        ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><graphml/>', "DOCTYPE"),
        (
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
            '<node id="a"/></graph></graphml>',
            "not an argmap GraphML graph",
        ),
    ],
    ids=["broken-xml", "entities", "foreign-graph"],
)
def test_bad_graphml_is_a_load_error(text: str, message: str) -> None:
    """Broken XML, entity declarations and graphs without argmap's attributes are LoadErrors."""
    with pytest.raises(LoadError, match=message):
        from_graphml(text)


def test_refused_declaration_is_located() -> None:
    """The DOCTYPE refusal points at the declaration's line and column, counted in characters."""
    text = '<?xml version="1.0"?>\n<!-- é -->  <!DOCTYPE lolz [<!ENTITY lol "lol">]>\n<graphml/>'
    with pytest.raises(LoadError) as caught:
        from_graphml(text)
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (2, 13)


def test_networkx_is_imported_only_for_graphml() -> None:
    """Importing argmap.formats (AIF, Argdown, JSON) does not import networkx."""
    code = "import sys, argmap.formats; print('networkx' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
