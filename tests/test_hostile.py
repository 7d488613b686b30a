"""Hostile text in labels, quotes and ids comes out escaped and intact in every interchange format.

Each format is read back with a standard parser for that format (PyYAML, json, ElementTree,
the Argdown CLI), not only with argmap's own readers, so that escaping is checked the way
another tool sees the file. The outputs of other modules (DOT, SVG, HTML, Markdown, LaTeX,
CSV) have their own hostile-text tests beside those modules.
"""

from __future__ import annotations

import json
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

import argmap
from argmap import ArgumentMap, Edge, Node, Quote, Source
from argmap.formats import (
    dumps_aif,
    from_aif,
    from_argdown,
    from_graphml,
    from_json,
    to_aif,
    to_argdown,
    to_graphml,
    to_json,
)
from argmap.formats.argdown.writer import _titles
from conftest import ARGDOWN

HOSTILE = {
    "double-quotes": 'He said "no"',
    "single-quotes": "it's 'quoted'",
    "backslashes": "C:\\path\\to \\n \\\\ end\\",
    "script": "<script>alert('x')</script>",
    "braces": "{} {{x}} {% raw %} ${x}",
    "pipe": "a | b || c",
    "percent": "100% %s %(name)s",
    "ampersand": "AT&T &amp; &lt;",
    "dollar": "$x$ $$ \\(x\\)",
    "hash": "#tag # heading #(two words)",
    "underscore": "_it_ __bold__ snake_case",
    "newlines": "one\ntwo\r\nthree\rfour\n\n",
    "right-to-left": "\u202eevil\u202c \u200f\u05e9\u05dc\u05d5\u05dd "
    "\u0645\u0631\u062d\u0628\u0627 \u061c",
    "zero-width": "zero\u200bwidth\u200c\u200d\u2060\ufeff",
    "argdown-markup": "[T]: <A>: @[m] +> -> <!-- c --> /* c */ // c === --",
    "everything": "\"'\\<>&{}|%$#_^~*`\n\u202e\u200b",
}


def hostile(text: str) -> ArgumentMap:
    """A two-node map whose ids, labels, quotes, notes and section all hold ``text``."""
    ident = "".join(ch for ch in f"id {text}" if unicodedata.category(ch) != "Cc").strip()
    nodes = [
        Node(ident, "thesis", text, [Quote(text), Quote(f"also {text}")], section=text, note=text),
        Node(f"{ident} 2", "claim", f"2 {text}", Quote(text), concept=text),
    ]
    edges = [Edge(f"{ident} 2", ident, "supports", quote=Quote(text), note=text)]
    return ArgumentMap(
        Source(ident, f"{ident}.txt", title=text, author=text), nodes, edges, excluded=[Quote(text)]
    )


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_yaml_keeps_hostile_text(text: str) -> None:
    """PyYAML reads the labels, quotes and ids of argmap's YAML back unchanged."""
    amap = hostile(text)
    data = yaml.safe_load(argmap.dumps(amap))
    assert data["nodes"][0]["label"] == text
    assert data["nodes"][0]["id"] == amap.nodes[0].id
    assert data["nodes"][0]["quote"] == [text, f"also {text}"]
    assert argmap.loads(argmap.dumps(amap)) == amap


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_json_keeps_hostile_text(text: str) -> None:
    """Python's json module reads argmap's JSON back unchanged."""
    amap = hostile(text)
    data = json.loads(to_json(amap))
    assert data["nodes"][0]["label"] == text
    assert data["edges"][0]["note"] == text
    assert from_json(to_json(amap)) == amap


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_aif_keeps_hostile_text(text: str) -> None:
    """In AIF, I-node texts are the labels and L-node texts the quotes, unchanged."""
    amap = hostile(text)
    data = json.loads(dumps_aif(amap))
    by_id = {n["nodeID"]: n for n in data["nodes"]}
    assert by_id[amap.nodes[0].id]["text"] == text
    assert text in [n["text"] for n in data["nodes"] if n["type"] == "L"]
    assert from_aif(to_aif(amap)) == amap


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_graphml_keeps_hostile_text(text: str) -> None:
    """ElementTree reads the GraphML attributes back unchanged (carriage returns included)."""
    amap = hostile(text)
    root = ET.fromstring(to_graphml(amap).encode("utf-8"))
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    keys = {k.get("id"): k.get("attr.name") for k in root.iter(f"{ns}key")}
    node = next(n for n in root.iter(f"{ns}node") if n.get("id") == amap.nodes[0].id)
    values = {keys[d.get("key")]: d.text for d in node.iter(f"{ns}data")}
    assert values["label"] == text
    assert json.loads(values["quotes"] or "")[0] == text
    assert from_graphml(to_graphml(amap)) == amap


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_argdown_keeps_hostile_text(text: str) -> None:
    """argmap's Argdown reader gives the map back, and each label stays on its statement's line."""
    amap = hostile(text)
    document = to_argdown(amap)
    assert from_argdown(document) == amap
    statements = [line for line in document.splitlines() if line.startswith("[")]
    assert len(statements) == len(amap.nodes)


@pytest.mark.needs_argdown
def test_argdown_cli_reads_hostile_text(tmp_path: Path) -> None:
    """The Argdown CLI parses every hostile export and shows each label as its statement text."""
    maps = {name: hostile(text) for name, text in HOSTILE.items()}
    for name, amap in maps.items():
        (tmp_path / f"{name}.argdown").write_text(to_argdown(amap), "utf-8")
    assert ARGDOWN is not None
    result = subprocess.run(
        [ARGDOWN, "json", str(tmp_path / "*.argdown"), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for name, amap in maps.items():
        parsed = json.loads((tmp_path / "out" / f"{name}.json").read_text("utf-8"))
        titles = _titles(amap)
        for node in amap.nodes:
            members = parsed["statements"][titles[node.id]]["members"]
            shown = next(m["text"] for m in members if m.get("role") == "top-level-statement")
            assert " ".join(shown.split()).startswith(" ".join(node.label.split())), name


def test_offsets_of_hostile_quotes_survive(tmp_path: Path) -> None:
    """Quotes found in a source text of hostile characters keep their offsets through export."""
    text = "\n\n".join(HOSTILE.values())
    (tmp_path / "source.txt").write_text(text, "utf-8")
    nodes = [
        Node(f"n{i}", "thesis" if i == 0 else "claim", f"label {i}", Quote(t))
        for i, t in enumerate(v for v in HOSTILE.values() if v.strip())
    ]
    amap = argmap.anchor(ArgumentMap(Source("s", "source.txt"), nodes), text)
    assert all(q.anchored for n in amap.nodes for q in n.quotes)
    assert from_json(to_json(amap)) == amap
    assert from_aif(to_aif(amap)) == amap
    assert from_argdown(to_argdown(amap)) == amap
