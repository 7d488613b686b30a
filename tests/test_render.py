"""Drawing maps: exact DOT text, valid SVG with every node, label and quote, safe escaping,
layout options, a clear error without Graphviz, and files that are whole or absent."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import argmap
from argmap import Kind, RenderError, ValidationError, output_format, render, render_file, render_gallery, render_svg
from argmap._jupyter import mimebundle
from argmap._text import visible
from argmap.cli import main
from argmap.drawing.dot import escape_html, escape_plain, wrap_lines
from argmap.drawing.parts import caption_label
from argmap.errors import ExportError, GraphvizNotFound
from argmap.gallery import GALLERY_OPTIONS
from conftest import MAPS, ROOT, Golden

SVG = "{http://www.w3.org/2000/svg}"
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"

# A small map with every kind, relation and sign, two sections and one node outside them.
SMALL = """\
source:
  id: small-test
  file: small.txt
  title: Friends at a Distance
  author: A. Writer
  year: 2014
nodes:
  - {id: T, kind: thesis, quote: "the two states have drifted apart ... now converge",
     label: "Pakistan and Russia drifted apart but are now converging"}
  - {id: rel, kind: outcome, concept: pak-russia-relations, section: History,
     label: "Distant relations for decades", quote: "relations remained distant"}
  - {id: us, kind: factor, concept: us-dependence, section: History,
     label: "Alliance with the United States",
     quote: ["Pakistan joined SEATO", "and CENTO soon after"]}
  - {id: cpec, kind: factor, concept: china-cpec, section: Outlook,
     label: "China's corridor draws Russia in", quote: "the corridor invites Moscow"}
  - {id: c1, kind: claim, section: History, label: "The elite looked West",
     quote: "the elite looked to the West"}
  - {id: e1, kind: evidence, section: History, label: "Liaquat Ali Khan visits Washington (1950)",
     quote: "Liaquat Ali Khan went to Washington in 1950"}
  - {id: c2, kind: claim, section: History, label: "Moscow invited Pakistan first",
     quote: "the first invitation came from Moscow"}
  - {id: r1, kind: recommendation, concept: balance-all-powers, stance: affirms, section: Outlook,
     label: "Balance all the great powers", quote: "Pakistan should balance all powers",
     note: "A judgement call: the text hedges."}
  - {id: p1, kind: prediction, section: Outlook, label: "Ties will deepen",
     quote: "ties will deepen"}
edges:
  - {from: rel, to: T, rel: supports}
  - {from: us, to: rel, rel: causes, sign: "-"}
  - {from: cpec, to: rel, rel: causes, sign: "+"}
  - {from: c1, to: us, rel: supports}
  - {from: e1, to: c1, rel: supports}
  - {from: c2, to: c1, rel: attacks}
  - {from: p1, to: T, rel: supports}
  - {from: r1, to: p1, rel: supports}
"""

THESIS_ONLY = "  - {id: T, kind: thesis, label: t, quote: q}\n"
HOSTILE = 'Q "quoted" \\N back\\slash <b>tag</b> {a|b} & &amp; ]]> -- \u200bzero\u202eevil\nline'


def small() -> argmap.ArgumentMap:
    return argmap.loads(SMALL)


def svg_nodes(svg: str) -> dict[str, ET.Element]:
    """The SVG's node groups by DOT node name (their <title>)."""
    root = ET.fromstring(svg)
    out = {}
    for g in root.iter(f"{SVG}g"):
        if g.get("class") == "node":
            title = g.find(f"{SVG}title")
            assert title is not None
            out[title.text or ""] = g
    return out


def texts(group: ET.Element) -> str:
    return " ".join(t.text or "" for t in group.iter(f"{SVG}text"))


def tooltip(group: ET.Element) -> str:
    links = [a.get(XLINK_TITLE) for a in group.iter(f"{SVG}a")]
    assert links
    assert links[0] is not None
    return links[0]


# --- DOT text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("style", "options"),
    [pytest.param("colour", {"legend": True, "clusters": True}, id="colour-legend-clusters"),
     pytest.param("greyscale", {}, id="greyscale-defaults")],
)
def test_golden_dot(style: str, options: dict[str, bool], golden: Golden) -> None:
    """The DOT text of a small map equals the reviewed golden file, per style."""
    golden.check(f"small-{style}.dot", render(small(), style=style, **options).source)


def test_same_map_same_dot_in_any_process() -> None:
    """Byte-identical DOT across processes with different hash seeds (no set order leaks)."""
    code = ("import sys, argmap\nsys.path.insert(0, 'tests')\nfrom test_render import SMALL\n"
            "m = argmap.loads(SMALL)\n"
            "dot = argmap.render(m, legend=True, clusters=True, kinds='factor,outcome,claim')\n"
            "sys.stdout.write(dot.source)")
    outs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "src")}
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                              check=True)
        outs.add(done.stdout)
    assert len(outs) == 1


def test_each_kind_and_relation_looks_different() -> None:
    """Every node kind has its own shape and fill; attacks have their own arrowhead and line."""
    from argmap.drawing.style import COLOUR, GREYSCALE

    for style in (COLOUR, GREYSCALE):
        looks = {(v.shape, v.style, v.peripheries) for v in style.nodes.values()}
        assert len(looks) == len(Kind), style.name
        assert style.attacks.arrow != style.supports.arrow
        assert style.attacks.style != style.supports.style
    assert len({v.fillcolor for v in COLOUR.nodes.values()}) == len(Kind)
    assert (COLOUR.helps.mark, COLOUR.hinders.mark) == ("+", "\u2212")


def test_signs_on_causal_edges() -> None:
    """Causal links carry their sign at the cause's end; support links carry none."""
    dot = render(small()).source
    lines = {line.split(" [")[0].strip(): line for line in dot.splitlines() if " -> " in line}
    assert "headlabel=<<B>\u2212</B>>" in lines["rel -> us"]
    assert "headlabel=<<B>+</B>>" in lines["rel -> cpec"]
    assert "label" not in lines["T -> rel"].replace("tooltip", "")


def test_caption_names_title_author_year() -> None:
    """The caption gives title, author and year; with none stated, the source id says so."""
    label = caption_label(small().source)
    assert "Friends at a Distance" in label
    assert "A. Writer \u00b7 2014" in label
    bare = argmap.Source(id="003-shifting-sands", file="x.txt")
    assert "003-shifting-sands" in caption_label(bare)
    assert "no title, author or year stated" in caption_label(bare)
    assert "label=" not in render(small(), caption=False).source.split("node [")[0]


# --- layout options -----------------------------------------------------------------------------


@pytest.mark.parametrize("direction", ["TB", "BT", "LR"])
def test_direction_sets_rankdir(direction: str) -> None:
    """The direction option becomes the graph's rankdir."""
    assert f"rankdir={direction}" in render(small(), direction=direction).source


def test_auto_direction_turns_wide_maps_sideways() -> None:
    """`auto` keeps a small map top-down and lays a wide fan of reasons left to right."""
    assert "rankdir=TB" in render(small()).source
    fan = "".join(f"  - {{id: c{i}, kind: claim, label: reason {i}, quote: q}}\n" for i in range(8))
    wide = argmap.loads("source: {id: w, file: w.txt}\nnodes:\n"
                        "  - {id: T, kind: thesis, label: t, quote: q}\n" + fan + "edges:\n"
                        + "".join(f"  - {{from: c{i}, to: T, rel: supports}}\n" for i in range(8)))
    assert "rankdir=LR" in render(wide).source


def test_kinds_keep_only_those_nodes() -> None:
    """`kinds` draws only nodes of those kinds and the links among them."""
    dot = render(small(), kinds=["factor", "outcome"]).source
    drawn = set(re.findall(r"^\t\t?(\w+) \[label=", dot, re.MULTILINE)) - {"graph"}
    assert drawn == {"rel", "us", "cpec"}
    assert len(re.findall(r" -> ", dot)) == 2


def test_kinds_contract_causal_chains_through_hidden_nodes() -> None:
    """A causal chain through hidden nodes becomes one dotted link with the signs' product."""
    m = argmap.loads("source: {id: c, file: c.txt}\nnodes:\n"
                     "  - {id: o, kind: outcome, label: outcome, quote: q}\n"
                     "  - {id: f, kind: factor, label: factor, quote: q}\n"
                     "  - {id: mid, kind: claim, label: middle step, quote: q}\n"
                     "edges:\n"
                     "  - {from: f, to: mid, rel: causes, sign: '-'}\n"
                     "  - {from: mid, to: o, rel: causes, sign: '-'}\n")
    dot = render(m, kinds="factor,outcome", legend=True).source
    line = next(x for x in dot.splitlines() if "o -> f" in x)
    # drawn as a link of its sign (here +: solid), with a ring behind the arrowhead
    assert "style=solid" in line
    assert "arrowtail=veeodot" in line
    assert "<<B>+</B>>" in line
    assert "through nodes not shown: middle step" in line
    assert "causes, through nodes not shown (ring)" in dot


def test_kinds_errors() -> None:
    """An unknown kind is a ValueError; kinds that match no node are a RenderError."""
    with pytest.raises(ValueError, match="unknown node kind 'fact'"):
        render(small(), kinds=["fact"])
    m = argmap.loads(f"source: {{id: x, file: x.txt}}\nnodes:\n{THESIS_ONLY}")
    with pytest.raises(RenderError, match="no prediction nodes to draw"):
        render(m, kinds=["prediction"])


def test_clusters_box_sections() -> None:
    """With clusters, each section is a labelled box holding its nodes; without, no boxes."""
    dot = render(small(), clusters=True).source
    assert dot.count("subgraph cluster_") == 2
    history = dot.split("subgraph cluster_1 {")[1].split("}")[0]
    assert "<I>History</I>" in history
    assert "\t\te1 [" in history
    assert "T [" in dot.split("subgraph cluster_2")[1].split("}")[1]  # the thesis has no section
    assert "cluster" not in render(small()).source


def test_legend_lists_what_is_drawn() -> None:
    """The key shows the kinds and relations the drawing uses, and only those."""
    dot = render(small(), legend=True, kinds="factor,outcome").source
    key = dot.split("subgraph legend {")[1]
    assert "<Factor>" in key
    assert "<Outcome>" in key
    assert "<Claim>" not in key
    assert "causes, helps" in key
    assert "causes, hinders" in key
    assert "supports" not in key
    assert "legend" not in render(small()).source


def test_broken_maps_are_refused_with_their_location() -> None:
    """A link to an unknown node is a ValidationError naming the line, not a stray node."""
    m = argmap.loads(f"source: {{id: x, file: x.txt}}\nnodes:\n{THESIS_ONLY}"
                     "edges:\n  - {from: ghost, to: T, rel: supports}\n", path="m.yaml")
    message = r"m\.yaml:5:5: error: link ghost -> T: no node has id 'ghost'"
    with pytest.raises(ValidationError, match=message):
        render(m)


def test_node_named_like_the_key_keeps_its_own_place() -> None:
    """A node whose id starts with "legend" gets a stand-in name: the key cannot swallow it."""
    m = argmap.loads(f"source: {{id: x, file: x.txt}}\nnodes:\n{THESIS_ONLY}"
                     "  - {id: legend, kind: claim, label: a claim, quote: q}\n"
                     "edges:\n  - {from: legend, to: T, rel: supports}\n")
    dot = render(m, legend=True).source
    assert '"#1" [label=<<FONT POINT-SIZE="8" COLOR="#595959">CLAIM</FONT><BR/>a claim>' in dot
    assert 'T -> "#1"' in dot


@pytest.mark.parametrize(("name", "value"), [("style", "blue"), ("direction", "RL")])
def test_bad_options(name: str, value: str) -> None:
    """Unknown style or direction values are ValueErrors naming the choices."""
    with pytest.raises(ValueError, match="use"):
        render(small(), **{name: value})


# --- SVG ----------------------------------------------------------------------------------------


@pytest.mark.needs_dot
@pytest.mark.parametrize("style", ["colour", "greyscale"])
def test_svg_has_every_node_edge_label_and_quote(style: str) -> None:
    """The SVG parses as XML with one node per map node, one edge per link, every label
    in its node, and every quote and concept in its node's tooltip."""
    m = small()
    svg = render_svg(m, style=style, clusters=True)
    nodes = svg_nodes(svg)
    assert set(nodes) == {n.id for n in m.nodes}
    edges = [g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("class") == "edge"]
    assert len(edges) == len(m.edges)
    for n in m.nodes:
        tag = " \u00b7 ".join(x for x in (n.concept, n.stance) if x)
        concept = f" [{tag}]" if tag else ""
        assert texts(nodes[n.id]) == f"{n.kind.value.upper()}{concept} {n.label}"
        tip = tooltip(nodes[n.id])
        for q in n.quotes:
            assert f"\u201c{q.text}\u201d" in tip
        if n.concept:
            assert f"Concept: {n.concept}" in tip
    assert "Stance: affirms" in tooltip(nodes["r1"])
    assert "Note: A judgement call" in tooltip(nodes["r1"])


@pytest.mark.needs_dot
def test_thesis_on_top_or_bottom_or_left() -> None:
    """The thesis is drawn above every other node (TB), below (BT), left of them (LR)."""
    def positions(direction: str) -> dict[str, tuple[float, float]]:
        out = {}
        for name, g in svg_nodes(render_svg(small(), direction=direction)).items():
            first = next(g.iter(f"{SVG}text"))
            out[name] = (float(first.get("x", 0)), float(first.get("y", 0)))
        return out

    tb, bt, lr = positions("TB"), positions("BT"), positions("LR")
    assert tb["T"][1] < min(y for k, (_, y) in tb.items() if k != "T")
    assert bt["T"][1] > max(y for k, (_, y) in bt.items() if k != "T")
    assert lr["T"][0] < min(x for k, (x, _) in lr.items() if k != "T")


@pytest.mark.needs_dot
def test_outcome_on_top_of_causal_skeleton() -> None:
    """Where kinds leave out the thesis, the outcome takes the top."""
    nodes = svg_nodes(render_svg(small(), kinds="factor,outcome", direction="TB"))
    y = {k: float(next(g.iter(f"{SVG}text")).get("y", 0)) for k, g in nodes.items()}
    assert y["rel"] < min(y["us"], y["cpec"])


def hostile_map() -> argmap.ArgumentMap:
    node = argmap.Node("h", Kind.CLAIM, HOSTILE, [argmap.Quote(HOSTILE)], note=HOSTILE)
    thesis = argmap.Node("T", Kind.THESIS, "thesis", [argmap.Quote("q")])
    source = argmap.Source(id="hostile", file="h.txt", title=HOSTILE, author="<&>")
    return argmap.ArgumentMap(source, [thesis, node], [argmap.Edge("h", "T", "supports",
                                                                   quote=argmap.Quote(HOSTILE))])


@pytest.mark.needs_dot
@pytest.mark.parametrize("style", ["colour", "greyscale"])
def test_hostile_text_is_escaped(style: str) -> None:
    """Quotes, backslashes, markup, braces, bars, entities, newlines, zero-width and
    right-to-left characters come out as plain visible text in valid SVG."""
    svg = render_svg(hostile_map(), style=style, legend=True)
    nodes = svg_nodes(svg)
    shown = " ".join(visible(HOSTILE).split())
    assert " ".join(texts(nodes["h"]).split()) == f"CLAIM {shown}"
    assert "\u202e" not in svg
    assert "\u200b" not in svg
    assert "[U+202E]evil" in texts(nodes["h"])
    assert "[U+200B]zero" in texts(nodes["h"])
    tip = tooltip(nodes["h"])
    assert tip.startswith(f"\u201c{shown}\u201d")
    assert tip.endswith(f"Note: {shown}")
    assert shown in " ".join(t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text"))


DOT_WORDS = ["node", "graph", "Edge", "strict", "1", "-2.5", "a.b", "a:b", 'a"b', "<x>", "a\\b",
             "\u00e9t\u00e9", "#0"]


@pytest.mark.needs_dot
def test_node_ids_that_mean_something_to_dot() -> None:
    """Ids that are DOT keywords, numbers, ports, quotes or markup still give one node each."""
    nodes = [argmap.Node(i, Kind.CLAIM, f"label {n}", [argmap.Quote("q")])
             for n, i in enumerate(DOT_WORDS)]
    edges = [argmap.Edge(a, b, "supports") for a, b in itertools.pairwise(DOT_WORDS)]
    m = argmap.ArgumentMap(argmap.Source("ids", "ids.txt"), nodes, edges)
    svg = render_svg(m)
    groups = svg_nodes(svg)
    assert len(groups) == len(DOT_WORDS)
    assert sorted(texts(g) for g in groups.values()) == sorted(
        f"CLAIM label {n}" for n in range(len(DOT_WORDS)))
    assert sum(g.get("class") == "edge" for g in ET.fromstring(svg).iter(f"{SVG}g")) == len(edges)


@given(st.text(max_size=60))
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_escaped_label_text_is_well_formed_xml(text: str) -> None:
    """Any text, escaped for an HTML-like label, is well-formed markup that reads back as
    the visible text."""
    root = ET.fromstring(f"<x>{escape_html(text)}</x>")
    assert (root.text or "") == re.sub(r"[\t\n\r]", " ", visible(text)).replace("\\", "\\\\")
    assert '"' not in escape_plain(text)
    assert "\n" not in escape_plain(text)


@pytest.mark.needs_dot
@given(st.text(min_size=1, max_size=40).filter(str.strip))
@example("\\N \\G \\n \\\\ trailing\\")
@example("&amp; &lt; &#92; <B>x</B> ]]> -->")
@example("\u202eevil\u200b \u2066x\u2069 \x00\x1f\x7f\x85 \ufeff")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_label_survives_dot(text: str) -> None:
    """Whatever a label holds, dot draws it and the SVG shows it as its visible text."""
    node = argmap.Node("n", Kind.THESIS, text, [argmap.Quote(text)])
    svg = render_svg(argmap.ArgumentMap(argmap.Source("s", "s.txt"), [node]), caption=False)
    group = svg_nodes(svg)["n"]
    assert "".join(texts(group).split()[1:]) == "".join(visible(text).split())
    assert tooltip(group) == visible(f"\u201c{' '.join(text.split())}\u201d")


@given(st.text(max_size=200), st.integers(min_value=1, max_value=40))
def test_wrapping_keeps_words_within_width(text: str, width: int) -> None:
    """Wrapped lines keep every word in order and stay within the width (a longer word is split)."""
    lines = wrap_lines(text, width)
    assert all(len(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(visible(text).split())


def test_wrapping_is_balanced() -> None:
    """A label does not end in one stray word when even lines fit in as many rows."""
    assert wrap_lines("Relations under-rated and mostly negative for decades", 26) == [
        "Relations under-rated", "and mostly negative", "for decades"]
    assert wrap_lines("short", 26) == ["short"]


# --- running dot, files ------------------------------------------------------------------------


@pytest.fixture
def no_dot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PATH points at an empty folder: no `dot` to be found."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.mark.usefixtures("no_dot")
def test_missing_dot_names_install_commands(tmp_path: Path) -> None:
    """Without dot: GraphvizNotFound naming the apt, brew and conda commands; DOT output and
    everything else keep working."""
    with pytest.raises(GraphvizNotFound) as info:
        render_svg(small())
    message = str(info.value)
    for command in ("sudo apt-get install graphviz", "brew install graphviz",
                    "conda install -c conda-forge graphviz"):
        assert command in message
    assert isinstance(info.value, argmap.ArgmapError)
    assert render(small()).source.startswith("digraph")
    written = render_file(small(), tmp_path / "m.dot")
    assert written.read_text(encoding="utf-8") == render(small()).source
    assert not (tmp_path / "m.svg").exists()
    with pytest.raises(GraphvizNotFound):
        render_file(small(), tmp_path / "m.svg")
    assert not (tmp_path / "m.svg").exists()
    assert argmap.validate(small()) is not None


@pytest.mark.usefixtures("no_dot")
def test_missing_dot_cli_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI says how to install Graphviz and exits 1, without a traceback."""
    path = tmp_path / "m.yaml"
    path.write_text(SMALL, encoding="utf-8")
    assert main(["render", str(path), "-o", str(tmp_path / "m.svg")]) == 1
    err = capsys.readouterr().err
    assert "brew install graphviz" in err
    assert "Traceback" not in err


@pytest.mark.usefixtures("no_dot")
def test_notebook_without_dot_explains() -> None:
    """In Jupyter, a map without Graphviz shows a summary and the install hint as text."""
    bundle = mimebundle(small())
    assert list(bundle) == ["text/plain"]
    assert "small-test" in bundle["text/plain"]
    assert "apt-get install graphviz" in bundle["text/plain"]


@pytest.mark.needs_dot
def test_notebook_shows_svg() -> None:
    """In Jupyter, a map shows as its SVG drawing."""
    bundle = mimebundle(small())
    ET.fromstring(bundle["image/svg+xml"])


def fake_dot(folder: Path, script: str) -> None:
    folder.mkdir()
    exe = folder / "dot"
    exe.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    exe.chmod(0o755)


@pytest.mark.skipif(sys.platform == "win32", reason="uses a shell script as a fake dot")
def test_failed_render_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A dot that writes half an SVG then fails: RenderError with its message, no new file,
    the old file untouched, no temporary file left behind."""
    fake_dot(tmp_path / "bin", "while read -r line; do :; done; printf '<svg><g>'\n"
                               "echo 'Error: out of memory' >&2; exit 3")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RenderError, match=r"exit code 3\): Error: out of memory"):
        render_file(small(), out / "new.svg")
    (out / "old.png").write_bytes(b"old drawing")
    with pytest.raises(RenderError):
        render_file(small(), out / "old.png")
    assert sorted(p.name for p in out.iterdir()) == ["old.png"]
    assert (out / "old.png").read_bytes() == b"old drawing"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("m.svg", "svg"), ("m.PNG", "png"), ("m.pdf", "pdf"), ("m.dot", "dot"), ("m.gv", "dot")],
)
def test_format_from_suffix(name: str, fmt: str) -> None:
    """The output format follows the file's suffix."""
    assert output_format(name) == fmt


@pytest.mark.parametrize("name", ["m.jpg", "m", "m.svg.bak"])
def test_unknown_suffix_is_an_export_error(name: str) -> None:
    """Other suffixes are refused before any drawing, naming the allowed ones."""
    with pytest.raises(ExportError, match=r"use \.svg, \.png, \.pdf or \.dot"):
        output_format(name)


@pytest.mark.needs_dot
@pytest.mark.parametrize("suffix", ["svg", "png", "pdf", "dot"])
def test_render_file_formats(tmp_path: Path, suffix: str) -> None:
    """render_file writes each format, recognisable by its first bytes."""
    path = render_file(small(), tmp_path / f"m.{suffix}", legend=True)
    head = path.read_bytes()[:16]
    assert {"svg": b"<?xml", "png": b"\x89PNG", "pdf": b"%PDF", "dot": b"digraph"}[suffix] in head


def test_write_error_is_a_render_error(tmp_path: Path) -> None:
    """Writing into a missing folder is a RenderError naming the file, not an OSError."""
    with pytest.raises(RenderError, match="cannot write"):
        render_file(small(), tmp_path / "missing" / "m.dot")


# --- CLI -----------------------------------------------------------------------------------------


@pytest.fixture
def small_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


@pytest.mark.needs_dot
def test_cli_render_svg(small_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`argmap render MAP -o out.svg` writes the SVG with a key, and says so."""
    out = small_file.parent / "out.svg"
    assert main(["render", str(small_file), "-o", str(out), "--style", "greyscale",
                 "--direction", "LR", "--kinds", "factor,outcome,thesis"]) == 0
    assert f"wrote {out}" in capsys.readouterr().err
    svg = out.read_text(encoding="utf-8")
    assert set(svg_nodes(svg)) >= {"T", "rel", "us", "cpec", "legend"}


def test_cli_render_dot_options(small_file: Path) -> None:
    """CLI options reach the drawing: no legend, no caption, clusters, wrap width; the
    output folder is made where missing."""
    out = small_file.parent / "build" / "out.dot"
    assert main(["render", str(small_file), "-o", str(out), "--no-legend", "--no-caption",
                 "--clusters", "--wrap", "12", "-q"]) == 0
    dot = out.read_text(encoding="utf-8")
    assert "cluster_1" in dot
    assert "legend" not in dot
    assert "Friends" not in dot
    assert "Liaquat Ali<BR/>" in dot
    assert main(["render", str(small_file), "-o", str(out), "-q"]) == 0
    assert "legend" in out.read_text(encoding="utf-8")


def test_cli_render_skeleton(small_file: Path) -> None:
    """`argmap render MAP --skeleton` draws what `render(skeleton=True)` draws."""
    out = small_file.parent / "skeleton.dot"
    assert main(["render", str(small_file), "--skeleton", "-o", str(out), "-q"]) == 0
    assert out.read_text(encoding="utf-8") == render(small(), skeleton=True, legend=True).source


@pytest.mark.parametrize(
    "args",
    [pytest.param(["-o", "x.jpg"], id="bad-suffix"),
     pytest.param(["-o", "x.svg", "--skeleton", "--kinds", "factor"], id="skeleton-and-kinds"),
     pytest.param(["-o", "x.svg", "--kinds", "factor,outcom"], id="bad-kind"),
     pytest.param(["-o", "x.svg", "--style", "neon"], id="bad-style"),
     pytest.param([], id="no-output")],
)
def test_cli_usage_errors(
    small_file: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad output names and option values are usage errors: exit 2 and a message."""
    assert main(["render", str(small_file), *args]) == 2
    assert capsys.readouterr().err


def test_cli_missing_map(tmp_path: Path) -> None:
    """A map file that does not exist is a usage error."""
    assert main(["render", str(tmp_path / "none.yaml"), "-o", str(tmp_path / "x.svg")]) == 2


def test_cli_broken_map_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A map that does not load: exit 1 with file:line:col, no traceback."""
    path = tmp_path / "bad.yaml"
    broken = f"source: {{id: s, file: x.txt}}\nnodes:\n{THESIS_ONLY}".replace("thesis", "thesys")
    path.write_text(broken, encoding="utf-8")
    assert main(["render", str(path), "-o", str(tmp_path / "x.dot")]) == 1
    err = capsys.readouterr().err
    assert f"{path}:3:" in err
    assert "Traceback" not in err


def test_render_help_and_import_stay_light() -> None:
    """`import argmap` and `argmap render --help` import neither graphviz nor networkx."""
    code = ("import sys\nimport argmap\nfrom argmap.cli import main\ntry:\n"
            "    main(['render', '--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('graphviz', 'networkx') if m in sys.modules))")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip().endswith("[]")


def test_render_is_a_function_and_a_module() -> None:
    """`argmap.render(map)` is the drawing function; the module's names import by `from`."""
    from argmap import render as render_function
    from argmap import render_gallery as gallery

    assert render_function is render
    assert callable(argmap.render)
    assert gallery is argmap.render_gallery


# --- gallery ------------------------------------------------------------------------------------


@pytest.mark.needs_dot
def test_gallery_draws_every_map(tmp_path: Path) -> None:
    """render_gallery draws each map of a folder as SVG, skipping the vocabulary, and names
    concepts from the vocabulary beside the maps."""
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "b-small.yaml").write_text(SMALL, encoding="utf-8")
    (maps / "a-other.yaml").write_text(SMALL.replace("small-test", "other"), encoding="utf-8")
    (maps / "concepts.yaml").write_text(
        "concepts:\n  - {id: us-dependence, kind: factor,\n"
        "     label: Dependence on the United States}\n",
        encoding="utf-8")
    written = render_gallery(maps, tmp_path / "img", diffs=[("a-other", "b-small")])
    assert [p.name for p in written] == ["a-other.svg", "b-small.svg", "comparison.svg",
                                         "diff-a-other-b-small.svg"]
    for path in written[2:]:
        assert "legend" in svg_nodes(path.read_text(encoding="utf-8"))
    nodes = svg_nodes(written[1].read_text(encoding="utf-8"))
    assert "Concept: Dependence on the United States (us-dependence)" in tooltip(nodes["us"])
    assert "legend" in nodes


GENERATOR = re.compile(r"Generated by graphviz version ([^\s]+)")


def dot_version() -> str:
    done = subprocess.run(["dot", "-V"], capture_output=True, text=True, check=True)
    match = re.search(r"version ([^\s]+)", done.stderr + done.stdout)
    assert match
    return match.group(1)


@pytest.mark.needs_dot
def test_gallery_images_are_current(tmp_path: Path) -> None:
    """Each committed docs/img/<map>.svg equals a fresh drawing of maps/<map>.yaml, and
    comparison.svg and diff-<a>-<b>.svg fresh drawings of the maps (regenerate with
    `python scripts/gallery.py`)."""
    images = sorted((ROOT / "docs" / "img").glob("*.svg"))
    if not images:
        pytest.skip("no gallery images committed yet (python scripts/gallery.py writes them)")
    version = dot_version()
    stems = [p.stem for p in MAPS.glob("*.yaml")]
    diffs = [(a, b) for a, b in itertools.permutations(stems, 2)
             if any(image.name == f"diff-{a}-{b}.svg" for image in images)]
    fresh = {p.name: p for p in render_gallery(MAPS, tmp_path, diffs=diffs, **GALLERY_OPTIONS)}
    for image in images:
        committed = image.read_text(encoding="utf-8")
        made_by = GENERATOR.search(committed)
        if made_by is None or made_by.group(1) != version:
            pytest.skip(f"{image.name} was drawn by another Graphviz version than {version}")
        assert image.name in fresh, f"{image.name} has no map maps/{image.stem}.yaml (nor is it a diff of two)"
        assert fresh[image.name].read_text(encoding="utf-8") == committed, (
            f"{image.name} is out of date: run python scripts/gallery.py")


@pytest.mark.needs_dot
def test_gallery_doc_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Python example in docs/gallery.md runs as written (beside copies of the maps)."""
    if not (MAPS / "002-lost-opportunities.yaml").exists():
        pytest.skip("the seed map 002 is not in maps/ yet")
    doc = (ROOT / "docs" / "gallery.md").read_text(encoding="utf-8")
    match = re.search(r"```python\n(.*?)```", doc, re.DOTALL)
    assert match is not None
    shutil.copytree(MAPS, tmp_path / "maps")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    exec(compile(match.group(1), "gallery.md", "exec"), {})
    assert (tmp_path / "002.png").read_bytes().startswith(b"\x89PNG")
    assert "legend_authors" in svg_nodes((tmp_path / "diff.svg").read_text(encoding="utf-8"))
    assert (tmp_path / "comparison.pdf").read_bytes().startswith(b"%PDF")


SEED_MAPS = sorted(p for p in MAPS.glob("[0-9][0-9][0-9]-*.yaml"))


@pytest.mark.needs_dot
@pytest.mark.skipif(not SEED_MAPS, reason="no seed maps in maps/ yet")
@pytest.mark.parametrize("path", SEED_MAPS, ids=[p.stem for p in SEED_MAPS])
def test_seed_maps_draw(path: Path) -> None:
    """Each seed map draws as valid SVG holding every one of its nodes."""
    m = argmap.load(path, anchor=False)
    assert set(svg_nodes(render_svg(m))) == {n.id for n in m.nodes}



def _causal_edges(dot: str, mark: str) -> list[dict[str, str]]:
    """The attributes of each DOT edge that carries the sign ``mark`` at its arrowhead."""
    edges = []
    for line in dot.splitlines():
        if " -> " in line and f"label=<<B>{mark}</B>>" in line and not line.lstrip().startswith("legend"):
            edges.append(dict(re.findall(r'(\w+)=("[^"]*"|<<[^>]*>>|[^ \]]+)', line)))
    return edges


@pytest.mark.skipif(not SEED_MAPS, reason="no seed maps in maps/ yet")
@pytest.mark.parametrize("path", SEED_MAPS, ids=[p.stem for p in SEED_MAPS])
def test_seed_map_helps_and_hinders_differ(path: Path) -> None:
    """In the DOT of a seed map, causal links that help and that hinder share neither colour
    nor line style (colour style), nor line style (greyscale); the key draws them as the map does."""
    m = argmap.load(path, anchor=False)
    for style in ("colour", "greyscale"):
        dot = render(m, style=style, legend=True).source
        helps, hinders = _causal_edges(dot, "+"), _causal_edges(dot, "\u2212")
        assert helps and hinders, f"{path.stem} has no causal link of each sign"
        styles = ({e["style"] for e in helps}, {e["style"] for e in hinders})
        assert not styles[0] & styles[1], (style, styles)
        if style == "colour":
            colours = ({e["color"] for e in helps}, {e["color"] for e in hinders})
            assert not colours[0] & colours[1], colours
        key = dict(re.findall(r"legend_e\d+ \[label=<(causes, \w+) \(.\)>.*?\n.*?\n\t\tlegend_e\d+ -> "
                              r"legend_e\d+_end \[[^\n]*style=(\w+)", dot))
        assert key == {"causes, helps": next(iter(styles[0])), "causes, hinders": next(iter(styles[1]))}


def test_skeleton_draws_thesis_factors_and_outcomes() -> None:
    """`skeleton=True` keeps the thesis, factors and outcomes, says so in the caption, and
    refuses `kinds` beside it."""
    dot = render(small(), skeleton=True).source
    drawn = set(re.findall(r"^\t\t?(\w+) \[label=", dot, re.MULTILINE)) - {"graph"}
    assert drawn == {"T", "rel", "us", "cpec"}
    assert "causal skeleton: the thesis, factors and outcomes, 4 of 9 nodes" in dot
    with pytest.raises(ValueError, match="not both"):
        render(small(), skeleton=True, kinds="factor")


def test_implicit_node_looks_different() -> None:
    """An implicit node has a dashed outline, no fill, an italic label and the IMPLICIT tag;
    the key says what it means."""
    m = argmap.loads(f"source: {{id: x, file: x.txt}}\nnodes:\n{THESIS_ONLY}"
                     "  - {id: u, kind: claim, label: unstated premise, implicit: true, note: the text assumes it}\n"
                     "edges:\n  - {from: u, to: T, rel: supports}\n")
    for style in ("colour", "greyscale"):
        line = next(x for x in render(m, style=style, legend=True).source.splitlines() if x.startswith("\tu ["))
        assert "CLAIM \u00b7 IMPLICIT" in line
        assert "<I>unstated premise</I>" in line
        assert 'style="rounded,filled,dashed"' in line
        assert 'fillcolor="#FFFFFF"' in line
        assert "Implicit: not in the text" in render(m, style=style, legend=True).source


def test_nodes_name_their_concept_from_the_vocabulary() -> None:
    """A node shows its concept's label (from the vocabulary, else its id) under the kind tag."""
    vocabulary = argmap.Vocabulary([argmap.Concept("us-dependence", "factor", "Dependence on the US")])
    line = next(x for x in render(small(), vocabulary=vocabulary).source.splitlines() if x.startswith("\tus ["))
    assert '<FONT POINT-SIZE="8" COLOR="#595959">FACTOR</FONT><BR/><FONT POINT-SIZE="9" COLOR="#595959">' \
           "[Dependence on the US]</FONT><BR/>Alliance with the" in line


@pytest.mark.needs_dot
@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_thesis_first_in_the_skeleton(direction: str) -> None:
    """In the skeleton the thesis stays where the eye starts: above (TB) or left of (LR)
    every other node."""
    nodes = svg_nodes(render_svg(small(), skeleton=True, direction=direction, legend=True))
    at = {k: [float(v) for v in (next(g.iter(f"{SVG}text")).get(a, "0") for a in ("x", "y"))]
          for k, g in nodes.items() if not k.startswith("legend")}
    axis = 1 if direction == "TB" else 0
    assert at["T"][axis] < min(v[axis] for k, v in at.items() if k != "T")


@given(st.text(alphabet=st.sampled_from('ab &<>"\\\n\r\t\u200b\x00\u202e;#1'), max_size=30) | st.text(max_size=30))
def test_dot_escapes_equal_a_substitution_by_their_tables(text: str) -> None:
    """escape_html and escape_plain (one replace a special character) give what replacing
    every special character at once by its table gives."""
    from argmap.drawing import dot

    for escape, table in ((dot.escape_html, dot._HTML), (dot.escape_plain, dot._PLAIN)):
        special = re.compile("[" + re.escape("".join(table)) + "]")
        assert escape(text) == special.sub(lambda m, table=table: table[m.group()], visible(text))
