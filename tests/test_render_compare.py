"""Drawing comparisons: the diff overlay of two authors and the comparison map of several.

The hand-made maps of tests/fixtures/compare/ have known answers (see tests/test_compare.py):
alpha and beta agree on the US alliance (-), conflict on the India factor (- vs +) and on
whether relations are improving, partly agree on the rationality of alignment; only alpha
links the elite outlook to the alliance, only beta invokes China; gamma holds mixed views.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap import (
    ArgumentMap,
    Edge,
    Node,
    Quote,
    Source,
    Status,
    render_comparison,
    render_diff,
    render_gallery,
    write_rendering,
)
from argmap._jupyter import mimebundle
from argmap._text import visible
from argmap.cli import main
from argmap.concepts import Concept, Vocabulary
from argmap.drawing.backend import run_dot
from argmap.drawing.concept_map import AUTO_CONCEPTS, author_numbers, sign_looks, status_looks
from argmap.drawing.style import GREYSCALE
from conftest import MAPS, ROOT, Golden
from test_render import SVG, svg_nodes, texts, tooltip

FIXTURES = Path(__file__).parent / "fixtures" / "compare" / "maps"
HOSTILE = 'Q "quoted" \\N back\\slash <b>tag</b> {a|b} & &amp; ]]> -- \u200bzero\u202eevil\nline'


@pytest.fixture(scope="module")
def maps() -> dict[str, ArgumentMap]:
    """alpha, beta and gamma, loaded without looking up their quotes."""
    return {name: argmap.load(FIXTURES / f"{name}.yaml", anchor=False) for name in ("alpha", "beta", "gamma")}


def statements(dot: str) -> dict[str, str]:
    """Each node or edge statement of DOT text by its name (``a -> b`` for an edge)."""
    out = {}
    for line in dot.splitlines():
        match = re.match(r'\t+("(?:[^"\\]|\\.)*"|[\w#.-]+)(?: -> ("(?:[^"\\]|\\.)*"|[\w#.-]+))? \[', line)
        if match:
            tail, head = (g.strip('"') if g else g for g in match.groups())
            out[f"{tail} -> {head}" if head else tail] = line
    return out


def svg_edges(svg: str) -> dict[str, ET.Element]:
    """The SVG's edge groups by their title (``tail->head``)."""
    out = {}
    for g in ET.fromstring(svg).iter(f"{SVG}g"):
        if g.get("class") == "edge":
            title = g.find(f"{SVG}title")
            assert title is not None
            out[title.text or ""] = g
    return out


def y_of(group: ET.Element) -> float:
    return float(next(group.iter(f"{SVG}text")).get("y", 0))


# --- DOT text -------------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["colour", "greyscale"])
def test_golden_diff_dot(maps: dict[str, ArgumentMap], style: str, golden: Golden) -> None:
    """The DOT text of alpha vs beta equals the reviewed golden file, per style."""
    golden.check(f"diff-alpha-beta-{style}.dot", render_diff(maps["alpha"], maps["beta"], style=style).source)


@pytest.mark.parametrize("style", ["colour", "greyscale"])
def test_golden_comparison_dot(maps: dict[str, ArgumentMap], style: str, golden: Golden) -> None:
    """The DOT text of the comparison of alpha, beta and gamma equals the golden file, per style."""
    golden.check(f"comparison-{style}.dot", render_comparison(list(maps.values()), style=style).source)


def test_same_input_same_dot_in_any_process() -> None:
    """Byte-identical DOT across processes with different hash seeds (no set order leaks)."""
    code = ("import sys, argmap\nfrom pathlib import Path\n"
            "F = Path('tests/fixtures/compare/maps')\n"
            "m = [argmap.load(F / f'{n}.yaml', anchor=False) for n in ('alpha', 'beta', 'gamma')]\n"
            "sys.stdout.write(argmap.render_diff(m[0], m[2]).source)\n"
            "sys.stdout.write(argmap.render_comparison(m, style='greyscale').source)")
    outs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "src")}
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, check=True)
        outs.add(done.stdout)
    assert len(outs) == 1


def test_a_diff_or_two_maps_draw_alike(maps: dict[str, ArgumentMap]) -> None:
    """render_diff takes two maps or their MapDiff and draws the same; other arguments are
    TypeErrors."""
    d = argmap.diff(maps["alpha"], maps["beta"])
    assert render_diff(d).source == render_diff(maps["alpha"], maps["beta"]).source
    c = argmap.compare(maps.values())
    assert render_comparison(c).source == render_comparison(list(maps.values())).source
    with pytest.raises(TypeError, match="second map"):
        render_diff(maps["alpha"])
    with pytest.raises(TypeError, match="not a MapDiff and a map"):
        render_diff(d, maps["beta"])


@pytest.mark.parametrize(
    ("name", "status", "node_style", "peripheries"),
    [pytest.param("relations", "SHARED", "filled", None, id="agree"),
     pytest.param("china-factor", "ONLY B", "filled,dotted", None, id="only-b"),
     pytest.param("relations-improving", "CONFLICT", "filled", "2", id="conflict"),
     pytest.param("alignment-was-rational", "PARTLY AGREE", "filled", None, id="partial")],
)
def test_diff_marks_each_concept(maps: dict[str, ArgumentMap], name: str, status: str, node_style: str,
                                 peripheries: str | None) -> None:
    """Each concept carries its status as a tag and as its outline: dotted only B, double
    for a conflict."""
    line = statements(render_diff(maps["alpha"], maps["beta"]).source)[name]
    assert f"<B>{status}</B>" in line
    assert re.search(rf'style="?{node_style}"? ', line)
    assert (f"peripheries={peripheries}" in line) if peripheries else "peripheries" not in line


@pytest.mark.parametrize(
    ("edge", "sign", "line_style", "double", "width"),
    [pytest.param("relations -> us-alliance", "A \u2212 \u00b7 B \u2212", "dashed", False, "3.2", id="agree"),
     pytest.param("relations -> india-factor", "A \u2212 \u00b7 B +", "solid", True, "3.2", id="conflict"),
     pytest.param("us-alliance -> elite-outlook", "A +", "solid", False, "1.2", id="only-a"),
     pytest.param("relations -> china-factor", "B +", "solid", False, "1.2", id="only-b")],
)
def test_diff_marks_each_link(maps: dict[str, ArgumentMap], edge: str, sign: str, line_style: str,
                              double: bool, width: str) -> None:
    """Each causal link names who asserts it with which sign; its line shows the sign as in a
    single map (solid helps, dashed hinders), a conflict as a double line, and is wider where
    both authors assert it; arrows point from cause to effect with the outcome on top."""
    line = statements(render_diff(maps["alpha"], maps["beta"]).source)[edge]
    assert f"<TD><B>{sign}</B></TD>" in line
    assert f"style={line_style} " in line
    assert (":#FFFFFF:" in line) is double
    assert f"penwidth={width} " in line
    assert "dir=back" in line  # the DOT edge runs from the outcome, the arrow to it


def test_diff_shows_stances_and_names_authors(maps: dict[str, ArgumentMap]) -> None:
    """Propositions show each author's stance; the caption and the key name both authors."""
    dot = render_diff(maps["alpha"], maps["beta"]).source
    assert "<B>A</B> affirms \u00b7 <B>B</B> denies" in statements(dot)["relations-improving"]
    assert "A: Ann Alpha vs B: A different reading" in dot
    key = statements(dot)["legend_authors"]
    # the key names each text by its display name (issue 11 item 7), no longer by map id
    assert "Ann Alpha (2020), Why the<BR/>two countries drifted apart" in key
    assert "A different reading: author not stated" in key


def test_diff_key_lists_statuses_and_kinds(maps: dict[str, ArgumentMap]) -> None:
    """The key shows the concept kinds drawn, each status with its outline, each sign drawn
    with its line and what width says, and leaves out the key (but not the order of rows)
    without a legend."""
    dot = render_diff(maps["alpha"], maps["beta"]).source
    names = [re.findall(r"label=<(.*?)> ", line)[0]
             for name, line in statements(dot).items() if re.fullmatch(r"legend_\d+", name)]
    assert names == ["Outcome", "Factor", "Proposition", "shared, agreeing", "partly agreeing",
                     "conflicting", "only A", "only B", "helps (+)", "hinders (\u2212)", "opposite signs",
                     "asserted by<BR/>one author", "by both"]
    assert dot.count("_start -> legend_") == 5
    bare = render_diff(maps["alpha"], maps["beta"], legend=False, caption=False).source
    assert "Key" not in bare
    assert "legend_authors" not in bare
    assert "rank=sink" in bare  # an invisible anchor keeps the propositions below the map


def test_greyscale_statuses_differ_without_colour() -> None:
    """In greyscale every status has its own outline, and every sign class its own line,
    told apart by style, width and doubling alone."""
    looks = status_looks(GREYSCALE)
    nodes = {(k.node.style, k.node.peripheries, k.node.penwidth, k.node.fillcolor) for k in looks.values()}
    assert len(nodes) == len(Status)
    signs = sign_looks(GREYSCALE)
    lines = [signs.helps, signs.hinders, signs.mixed, signs.conflict]
    assert len({(k.style, k.color.count(":")) for k in lines}) == len(lines)
    colours = {c for k in looks.values() for c in (k.node.color,)} | {c for k in lines for c in k.color.split(":")}
    assert colours <= {"#000000", "#FFFFFF"}


def test_helps_and_hinders_differ_in_colour_and_line() -> None:
    """The concept-level lines of helps and hinders share neither colour nor line style in
    the colour style, nor line style in greyscale; a conflict is a double line of both."""
    colour = sign_looks("colour")
    assert colour.helps.color != colour.hinders.color
    assert colour.helps.style != colour.hinders.style
    assert colour.conflict.color == f"{colour.helps.color}:#FFFFFF:{colour.hinders.color}"
    grey = sign_looks(GREYSCALE)
    assert grey.helps.style != grey.hinders.style


def test_comparison_labels_authors_by_number(maps: dict[str, ArgumentMap]) -> None:
    """Concepts list their authors, propositions each stance; links their authors by sign,
    wider the more authors assert them; conflicts are double, mixed views dashed."""
    lines = statements(render_comparison(list(maps.values())).source)
    assert "<BR/>Bilateral relations<BR/><FONT POINT-SIZE=\"10\">[1\u20133]</FONT>" in lines["relations"]
    improving = lines["relations-improving"]
    assert "affirms [1]<BR/>denies [2]<BR/>mixed [3]" in improving
    assert "<B>CONTESTED</B>" in improving
    assert "peripheries=2" in improving
    us = lines["relations -> us-alliance"]
    assert "<TD><B>\u2212</B> [1] [2]<BR/><B>\u00b1</B> [3]</TD>" in us
    assert "penwidth=6 " in us
    assert "style=dotted" in us  # both signs given: neither the solid of + nor the dashed of -
    india = lines["relations -> india-factor"]
    assert ":#FFFFFF:" in india
    assert "<B>+</B> [2]<BR/><B>\u2212</B> [1]" in india
    assert "penwidth=3.6 " in india
    assert "penwidth=1.2 " in lines["us-alliance -> elite-outlook"]
    key = lines["legend_authors"]
    for n, text in ((1, "Ann Alpha (2020)"), (2, "A different reading: author not stated"),
                    (3, "Gail Gamma, A torn account")):
        assert re.search(rf"<B>\[{n}\]</B></TD><TD [^>]*>{re.escape(text)}", key)


@pytest.mark.parametrize(
    ("numbers", "text"),
    [([], ""), ([3], "[3]"), ([1, 3], "[1] [3]"), ([1, 2], "[1] [2]"), ([5, 1, 2, 3], "[1\u20133] [5]"),
     ([1, 2, 3, 4, 5, 7, 8], "[1\u20135] [7] [8]")],
)
def test_author_numbers(numbers: list[int], text: str) -> None:
    """Author numbers in order, runs of three or more shortened."""
    assert author_numbers(numbers) == text


@given(st.sets(st.integers(min_value=1, max_value=60)))
def test_author_numbers_keep_every_author(numbers: set[int]) -> None:
    """Expanding the short labels gives back exactly the authors."""
    found: set[int] = set()
    for part in author_numbers(numbers).split():
        first, _, last = part.strip("[]").partition("\u2013")
        found.update(range(int(first), int(last or first) + 1))
    assert found == numbers


@pytest.mark.parametrize("direction", ["TB", "BT", "LR"])
def test_direction_sets_rankdir(maps: dict[str, ArgumentMap], direction: str) -> None:
    """The direction option becomes the graph's rankdir; unknown ones are ValueErrors."""
    assert f"rankdir={direction}" in render_diff(maps["alpha"], maps["beta"], direction=direction).source
    assert f"rankdir={direction}" in render_comparison(list(maps.values()), direction=direction).source
    with pytest.raises(ValueError, match="unknown direction"):
        render_comparison(list(maps.values()), direction="RL")


def fan(n: int, *, source: str = "s") -> ArgumentMap:
    """A map whose outcome has ``n`` causes, each with its own concept."""
    nodes = [Node("o", "outcome", "outcome", Quote("q"), concept="o")]
    nodes += [Node(f"f{i}", "factor", f"factor {i}", Quote("q"), concept=f"f{i}") for i in range(n)]
    edges = [Edge(f"f{i}", "o", "causes", sign="+") for i in range(n)]
    return ArgumentMap(Source(source, f"{source}.txt"), nodes, edges)


def test_auto_direction(maps: dict[str, ArgumentMap]) -> None:
    """`auto` draws top-down unless more than AUTO_CONCEPTS concepts would share a row."""
    assert "rankdir=TB" in render_comparison(list(maps.values())).source
    assert "rankdir=TB" in render_diff(fan(AUTO_CONCEPTS), fan(1, source="t")).source
    assert "rankdir=LR" in render_diff(fan(AUTO_CONCEPTS + 1), fan(1, source="t")).source


# --- SVG ----------------------------------------------------------------------------------------


@pytest.mark.needs_dot
@pytest.mark.parametrize("style", ["colour", "greyscale"])
def test_diff_svg_has_every_concept_link_label_and_quote(maps: dict[str, ArgumentMap], style: str) -> None:
    """The diff's SVG parses as XML with one node per concept, one edge per causal link, every
    label, and both authors' quotes in the tooltips."""
    d = argmap.diff(maps["alpha"], maps["beta"])
    svg = run_dot(render_diff(d, style=style).source).decode()
    nodes = svg_nodes(svg)
    concepts = {c.concept for c in d.concepts}
    assert concepts <= set(nodes)
    assert set(nodes) - concepts == {"legend", "legend_loose", "legend_authors", *(f"legend_{i}" for i in range(13))}
    for c in d.concepts:
        assert c.label in " ".join(texts(nodes[c.concept]).split())
        for use in (c.a, c.b):
            for quote in use.quotes if use is not None else ():
                assert f"\u201c{' '.join(quote.text.split())}\u201d" in tooltip(nodes[c.concept])
    edges = svg_edges(svg)
    # every DOT edge runs from the end nearer the outcome: here, from effect to cause
    assert {e for e in edges if not e.startswith("legend")} == {f"{k.effect}->{k.cause}" for k in d.links}
    assert len([e for e in edges if e.startswith("legend")]) == 5
    india = tooltip(edges["relations->india-factor"])
    assert "\u201cThe rivalry with India pushed Moscow and the country further apart.\u201d" in india
    assert "\u201cIndia, by contrast, gave both states a reason to talk.\u201d" in india
    assert "conflict: opposite signs" in india


@pytest.mark.needs_dot
def test_comparison_svg_layout(maps: dict[str, ArgumentMap]) -> None:
    """Top-down: the outcome above its causes, the propositions below the causal map, the key
    below them; every concept and link drawn once, with every author's quotes."""
    c = argmap.compare(maps.values())
    svg = run_dot(render_comparison(c, direction="TB").source).decode()
    nodes = svg_nodes(svg)
    causal = ["relations", "us-alliance", "india-factor", "china-factor", "elite-outlook"]
    loose = ["relations-improving", "alignment-was-rational"]
    assert y_of(nodes["relations"]) < min(y_of(nodes[n]) for n in causal[1:])
    assert max(y_of(nodes[n]) for n in causal) < min(y_of(nodes[n]) for n in loose)
    assert max(y_of(nodes[n]) for n in loose) < y_of(nodes["legend"])
    assert {row.concept for row in c.concepts} <= set(nodes)
    edges = [e for e in svg_edges(svg) if not e.startswith("legend")]
    assert len(edges) == len(c.links)
    tip = tooltip(nodes["relations-improving"])
    for author in ("[1] Ann Alpha: affirms", "[2] A different reading: denies",
                   "[3] Gail Gamma: mixed (affirms, denies)", "\u201cSome say relations are improving.\u201d"):
        assert author in tip


def hostile_maps() -> tuple[ArgumentMap, ArgumentMap, Vocabulary]:
    """Two maps whose labels, titles and concept ids hold every character that needs escaping."""
    vocabulary = Vocabulary([Concept("o", "outcome", HOSTILE), Concept("legend", "factor", HOSTILE + " f"),
                             Concept("p", "proposition", HOSTILE + " p")])

    def one(source_id: str, sign: str, stance: str) -> ArgumentMap:
        nodes = [Node("o", "outcome", HOSTILE, Quote(HOSTILE), concept="o"),
                 Node("f", "factor", HOSTILE, Quote(HOSTILE), concept="legend"),
                 Node("g", "factor", HOSTILE, Quote(HOSTILE), concept='we"ird \\N <id>'),
                 Node("p", "claim", HOSTILE, Quote(HOSTILE), concept="p", stance=stance)]
        edges = [Edge("f", "o", "causes", sign=sign), Edge("g", "o", "causes", sign="+")]
        return ArgumentMap(Source(source_id, "x.txt", title=HOSTILE, author="<&>"), nodes, edges)

    return one("a", "+", "affirms"), one("b", "-", "denies"), vocabulary


@pytest.mark.needs_dot
@pytest.mark.parametrize("style", ["colour", "greyscale"])
def test_hostile_text_is_escaped(style: str) -> None:
    """Labels, titles, quotes and concept ids with quotes, backslashes, markup, braces, bars,
    entities, newlines and invisible characters come out as visible text in valid SVG."""
    a, b, vocabulary = hostile_maps()
    shown = "".join(visible(HOSTILE).split())
    for graph in (render_diff(a, b, vocabulary=vocabulary, style=style),
                  render_comparison([a, b], vocabulary=vocabulary, style=style)):
        svg = run_dot(graph.source).decode()
        assert "\u202e" not in svg
        nodes = svg_nodes(svg)
        assert "legend" in nodes  # the concept named "legend" did not take the key's place
        drawn = {"".join(texts(g).split()) for g in nodes.values()}  # wrapping may cut long words
        assert any(shown in text for text in drawn)
        assert any(f"{shown}f" in text for text in drawn)
        assert any("we\"ird\\N<id>" in text for text in drawn)
        tips = [tooltip(g) for g in nodes.values() if g.find(f".//{SVG}a") is not None]
        assert any(visible(f"\u201c{' '.join(HOSTILE.split())}\u201d") in tip for tip in tips)


# --- Jupyter, files, CLI ------------------------------------------------------------------------


@pytest.mark.needs_dot
def test_notebook_shows_diff_and_comparison(maps: dict[str, ArgumentMap]) -> None:
    """In Jupyter, a MapDiff and a Comparison show their drawings (inline in their HTML,
    beside their tables: see tests/test_notebook.py)."""
    for shown in (argmap.diff(maps["alpha"], maps["beta"]), argmap.compare(maps.values())):
        page = mimebundle(shown)["text/html"]
        svg = page[page.index("<svg"):page.index("</svg>") + len("</svg>")]
        assert "legend_authors" in svg_nodes(svg)


def test_notebook_without_dot_explains(maps: dict[str, ArgumentMap], tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Without Graphviz a MapDiff and a Comparison show a summary and the install hint."""
    monkeypatch.setenv("PATH", str(tmp_path))
    d = argmap.diff(maps["alpha"], maps["beta"])
    assert mimebundle(d)["text/plain"].startswith("<MapDiff alpha vs beta: 6 shared concepts, ")
    text = mimebundle(argmap.compare(maps.values()))["text/plain"]
    assert text.startswith("<Comparison of 3 authors: 7 concepts, 4 causal links, 2 controversies>")
    assert "apt-get install graphviz" in text
    assert render_diff(d).source.startswith("digraph diff {")


@pytest.fixture
def fixture_maps(tmp_path: Path) -> Path:
    """The fixture maps and their vocabulary, copied to a folder of their own."""
    folder = tmp_path / "maps"
    folder.mkdir()
    for name in ("alpha", "beta", "gamma", "concepts"):
        (folder / f"{name}.yaml").write_text((FIXTURES / f"{name}.yaml").read_text(encoding="utf-8"),
                                             encoding="utf-8")
    return folder


def test_cli_diff_and_compare_dot(fixture_maps: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`argmap render --diff A B` and `--compare PATH...` write what the Python API draws,
    with the vocabulary beside the maps and the options given."""
    out = fixture_maps.parent / "build" / "diff.dot"
    assert main(["render", "--diff", str(fixture_maps / "alpha.yaml"), str(fixture_maps / "beta.yaml"),
                 "-o", str(out), "--style", "greyscale"]) == 0
    assert f"wrote {out}" in capsys.readouterr().err
    a, b = (argmap.load(fixture_maps / f"{n}.yaml", anchor=False) for n in ("alpha", "beta"))
    assert out.read_text(encoding="utf-8") == render_diff(a, b, style="greyscale").source
    assert "Bilateral relations" in out.read_text(encoding="utf-8")
    out = fixture_maps.parent / "comparison.dot"
    assert main(["render", "--compare", str(fixture_maps), "-o", str(out), "--direction", "LR",
                 "--no-legend", "--no-caption", "-q"]) == 0
    maps = [argmap.load(fixture_maps / f"{n}.yaml", anchor=False) for n in ("alpha", "beta", "gamma")]
    expected = render_comparison(maps, direction="LR", legend=False, caption=False).source
    assert out.read_text(encoding="utf-8") == expected


@pytest.mark.needs_dot
def test_cli_compare_svg(fixture_maps: Path) -> None:
    """`argmap render --compare` draws SVG with the key."""
    out = fixture_maps.parent / "comparison.svg"
    assert main(["render", "--compare", *(str(p) for p in sorted(fixture_maps.glob("[abg]*.yaml"))),
                 "-o", str(out), "-q"]) == 0
    assert {"relations", "legend_authors"} <= set(svg_nodes(out.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    "args",
    [pytest.param([], id="nothing"),
     pytest.param(["alpha.yaml", "--compare", "beta.yaml"], id="map-and-compare"),
     pytest.param(["--diff", "alpha.yaml", "beta.yaml", "--compare", "beta.yaml"], id="diff-and-compare"),
     pytest.param(["--diff", "alpha.yaml"], id="diff-one-map"),
     pytest.param(["--diff", "alpha.yaml", "beta.yaml", "--kinds", "factor"], id="diff-kinds"),
     pytest.param(["--compare", "alpha.yaml", "--clusters"], id="compare-clusters"),
     pytest.param(["--compare", "alpha.yaml", "--skeleton"], id="compare-skeleton"),
     pytest.param(["--diff", "alpha.yaml", "none.yaml"], id="diff-missing-file"),
     pytest.param(["--compare", "none"], id="compare-missing-path")],
)
def test_cli_usage_errors(fixture_maps: Path, args: list[str], capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Anything but exactly one of MAP, --diff A B, --compare PATH..., options that draw one
    map only, and missing files are usage errors: exit 2 with a message, no file."""
    monkeypatch.chdir(fixture_maps)
    assert main(["render", *args, "-o", "out.dot"]) == 2
    assert capsys.readouterr().err.startswith(("argmap render: ", "usage: "))
    assert not (fixture_maps / "out.dot").exists()


def test_cli_broken_map_exit_1(fixture_maps: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A map that does not load: exit 1 with file:line:col, no traceback."""
    broken = fixture_maps / "broken.yaml"
    broken.write_text("source: {id: x, file: x.txt}\nnodes:\n  - {id: T, kind: thesys, label: t, quote: q}\n",
                      encoding="utf-8")
    assert main(["render", "--compare", str(fixture_maps), "-o", str(fixture_maps / "x.dot")]) == 1
    err = capsys.readouterr().err
    assert f"{broken}:3:" in err
    assert "Traceback" not in err


def test_gallery_refuses_unknown_diff(fixture_maps: Path, tmp_path: Path) -> None:
    """A diff of a map that is not there is a RenderError naming it, before anything is drawn."""
    with pytest.raises(argmap.RenderError, match="no map delta in"):
        render_gallery(fixture_maps, tmp_path / "img", diffs=[("alpha", "delta")])
    assert not (tmp_path / "img").exists()


def test_dot_file_needs_no_graphviz(maps: dict[str, ArgumentMap], tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Without dot, a .dot file of a comparison is still written, and an .svg fails cleanly."""
    monkeypatch.setenv("PATH", str(tmp_path))
    graph = render_comparison(list(maps.values()))
    assert write_rendering(graph.source, tmp_path / "c.dot").read_text(encoding="utf-8") == graph.source
    with pytest.raises(argmap.GraphvizNotFound):
        write_rendering(graph.source, tmp_path / "c.svg")
    assert not (tmp_path / "c.svg").exists()


# --- the seed maps ------------------------------------------------------------------------------

SEED_MAPS = sorted(MAPS.glob("[0-9][0-9][0-9]-*.yaml"))


@pytest.mark.needs_dot
@pytest.mark.skipif(len(SEED_MAPS) < 2, reason="fewer than two seed maps in maps/ yet")
def test_seed_maps_compare_and_diff() -> None:
    """The seed maps' comparison map and the diff of the first and last draw as valid SVG
    holding every concept."""
    seeds = [argmap.load(p, anchor=False) for p in SEED_MAPS]
    c = argmap.compare(seeds)
    assert {row.concept for row in c.concepts} <= set(svg_nodes(run_dot(render_comparison(c).source).decode()))
    d = argmap.diff(seeds[0], seeds[-1])
    assert {x.concept for x in d.concepts} <= set(svg_nodes(run_dot(render_diff(d).source).decode()))
