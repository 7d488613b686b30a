"""The HTML report: its pages, their escaping, accessibility markup, offline use and writing.

The browser checks (the filter, the drawings shown, links followed) are in
test_report_browser.py. The golden file tests/golden/report/north-main.html pins the main
part of one text's page (compared by the ``golden`` fixture in tests/conftest.py); refresh it
with ARGMAP_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap import audit, report
from argmap.cli import main
from argmap.errors import ExportError, LoadError, MetricError, RenderError
from conftest import MAPS as SEED_MAPS
from conftest import ROOT, Golden
from strategies import maps

TABLES = Path(__file__).parent / "fixtures" / "tables" / "maps"
HOSTILE = Path(__file__).parent / "fixtures" / "report" / "maps" / "hostile.yaml"


class _Page(HTMLParser):
    """Collects what the tests look at: elements with their attributes, text, ids, links,
    scripts, and whether every element opened was closed in order."""

    VOID = frozenset({"meta", "link", "br", "input", "img", "hr", "path", "polygon", "polyline", "ellipse",
                      "stop", "rect", "circle", "line"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self._script = True
            self.scripts.append("")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else '(nothing)'}>")
            return
        self.stack.pop()
        if tag == "script":
            self._script = False

    def handle_data(self, data: str) -> None:
        if self._script:
            self.scripts[-1] += data
        else:
            self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.elements if t == tag]

    @property
    def ids(self) -> list[str]:
        return [str(a["id"]) for _, a in self.elements if a.get("id") is not None]


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def pair() -> list[argmap.ArgumentMap]:
    """The hand-made pair of maps of the table tests: Ada North and an unsigned text."""
    return [argmap.load(TABLES / "north.yaml"), argmap.load(TABLES / "south.yaml")]


@pytest.fixture(scope="module")
def pages(pair: list[argmap.ArgumentMap]) -> dict[str, str]:
    """The report of the pair, without drawings (no Graphviz needed)."""
    return argmap.report_pages(pair, drawings=False)


# --- the pages -----------------------------------------------------------------------------------


def test_pages_are_the_overview_and_one_per_text(pages: dict[str, str]) -> None:
    """An overview and one page per map, named by the map's id."""
    assert list(pages) == ["index.html", "north.html", "south.html"]


@pytest.mark.parametrize("name", ["index.html", "north.html", "south.html"])
def test_page_is_well_formed_and_accessible(pages: dict[str, str], name: str) -> None:
    """Every element closes in order; ids are unique; each table has a caption and each
    header cell a scope; the page has a language, a title, a skip link to its main part."""
    page = _parse(pages[name])
    assert page.errors == [] and page.stack == []
    assert len(page.ids) == len(set(page.ids))
    assert page.all("html")[0]["lang"] == "en"
    assert len(page.all("title")) == 1 and len(page.all("main")) == 1
    assert page.all("a")[0] == {"class": "skip", "href": "#main"} and "main" in page.ids
    assert len(page.all("caption")) == len(page.all("table")) > 0
    assert all(a.get("scope") in ("col", "row") for a in page.all("th"))
    for label in page.all("label"):
        assert label.get("for") in page.ids


@pytest.mark.parametrize("name", ["index.html", "north.html", "south.html"])
def test_links_resolve(pages: dict[str, str], name: str) -> None:
    """Every link goes to another page of the report or to an element that exists."""
    parsed = {n: _parse(p) for n, p in pages.items()}
    for a in parsed[name].all("a"):
        href = str(a["href"])
        target, _, fragment = href.partition("#")
        page = parsed[target or name]
        assert target == "" or target in pages, href
        assert not fragment or fragment in page.ids, href


@pytest.mark.parametrize("name", ["index.html", "north.html"])
def test_nothing_is_fetched(pages: dict[str, str], name: str) -> None:
    """No URL outside the report, no style sheet or script to fetch, and a policy that forbids
    any fetch: the page works offline from the file system."""
    text = pages[name]
    page = _parse(text)
    # The policy's script hash is base64, which may hold "//" by chance: look past it.
    outside = re.sub(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">', "", text)
    assert not re.search(r"https?:|//[a-z]|@import|url\(", outside, re.IGNORECASE)
    assert all("src" not in a for _, a in page.elements)
    assert [a.get("rel") for a in page.all("link")] == ["icon"]
    policy = next(a["content"] for a in page.all("meta") if a.get("http-equiv") == "Content-Security-Policy")
    assert policy is not None and "default-src 'none'" in policy and "base-uri 'none'" in policy


@pytest.mark.parametrize("name", ["index.html", "north.html"])
def test_policy_allows_the_one_script(pages: dict[str, str], name: str) -> None:
    """The page's one script is the one whose hash the policy allows (else the filter would
    silently not run)."""
    page = _parse(pages[name])
    assert len(page.scripts) == 1
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode("utf-8")).digest()).decode("ascii")
    policy = str(next(a["content"] for a in page.all("meta") if a.get("http-equiv") == "Content-Security-Policy"))
    assert f"script-src 'sha256-{digest}'" in policy


def test_overview_holds_the_five_tables_and_the_filter(pages: dict[str, str]) -> None:
    """The overview has the texts, the five teaching tables (with the agreements beside the
    divergences), a filter hidden until the script shows it, and the comparison map's place."""
    page = _parse(pages["index.html"])
    assert [a["data-table"] for a in page.all("table")] == ["texts", "theses", "factors", "propositions",
                                                           "agreements", "divergences", "agreement"]
    form = page.all("form")[0]
    assert form["id"] == "filter" and "hidden" in form and form["role"] == "search"
    concepts = [a["value"] for a in page.all("option")]
    assert concepts[:2] == ["", "ties"] and "rivalry" in concepts and "ties-improving" in concepts
    assert {"", "north", "south"} <= set(concepts)
    assert {"summary", "texts", "theses", "factors", "propositions", "agreements", "agreement", "divergences",
            "comparison-map"} <= set(page.ids)
    assert "The comparison map was not drawn" in pages["index.html"]


def test_overview_links_each_text(pages: dict[str, str]) -> None:
    """The list of texts links each text's page, by title or, without one, by its display name."""
    page = _parse(pages["index.html"])
    hrefs = [a["href"] for a in page.all("a")]
    assert "north.html" in hrefs and "south.html" in hrefs
    assert "Why ties warm" in "".join(page.text)


@pytest.mark.parametrize("metric", ["jaccard", "distance-ratio", "congruence", "conflict"])
def test_metric_chooses_the_agreement_matrix(pair: list[argmap.ArgumentMap], metric: str) -> None:
    """The agreement section shows the metric asked for."""
    name = {"jaccard": "Jaccard similarity", "distance-ratio": "distance ratio"}.get(metric, metric)
    index = argmap.report_pages(pair, metric=metric, drawings=False)["index.html"]
    assert f"Agreement between authors: {name}" in index


def test_unknown_metric(pair: list[argmap.ArgumentMap]) -> None:
    """An unknown metric or normalisation is refused before any work."""
    with pytest.raises(MetricError, match="unknown metric"):
        argmap.report_pages(pair, metric="cosine")
    with pytest.raises(MetricError, match="unknown normalization"):
        argmap.report_pages(pair, metric="congruence", normalization="max")


def test_no_maps() -> None:
    """A report of nothing is an error that says so."""
    with pytest.raises(ExportError, match="at least one map"):
        argmap.report_pages([])


def test_text_page_lists_nodes_with_offsets(pair: list[argmap.ArgumentMap], pages: dict[str, str]) -> None:
    """A text's page lists every node with its kind and each quote with its line and offsets."""
    north = pair[0]
    page = _parse(pages["north.html"])
    text = "".join(page.text)
    rows = [a for a in page.all("tr") if "data-kind" in a]
    assert [a["data-kind"] for a in rows] == [n.kind.value for n in north.nodes]
    for node in north.nodes:
        span = node.quotes[0].spans[0]
        assert f"characters {span.start:,}\u2013{span.end:,}" in text
    assert "line 3, characters 15\u201357" in text


def test_text_page_shows_coverage(pair: list[argmap.ArgumentMap], pages: dict[str, str]) -> None:
    """The coverage figure is the audit's, as a meter and in words."""
    figures = audit(pair[1])
    page = _parse(pages["south.html"])
    meter = page.all("meter")[0]
    assert float(str(meter["value"])) == pytest.approx(figures.coverage, abs=1e-4)
    assert f"({figures.covered_sentences} of {figures.sentences} sentences)" in "".join(page.text)


def test_text_pages_link_neighbours(pages: dict[str, str]) -> None:
    """Each text's page links the overview and the previous and next texts."""
    first, last = _parse(pages["north.html"]), _parse(pages["south.html"])
    assert {"index.html", "south.html"} <= {a["href"] for a in first.all("a")}
    assert {"index.html", "north.html"} <= {a["href"] for a in last.all("a")}


def test_unanchored_maps_are_anchored(pair: list[argmap.ArgumentMap]) -> None:
    """Maps loaded without looking up their quotes still get offsets."""
    loose = [argmap.load(TABLES / "north.yaml", anchor=False)]
    page = argmap.report_pages(loose, drawings=False)["north.html"]
    assert "line 3, characters 15\u201357" in page


def test_missing_source_text(tmp_path: Path) -> None:
    """A map whose source text is missing is a load error naming the file."""
    text = (TABLES / "north.yaml").read_text(encoding="utf-8").replace("../seeds/north.txt", "nowhere.txt")
    amap = argmap.loads(text, path=tmp_path / "north.yaml", anchor=False)
    with pytest.raises(LoadError, match=r"nowhere\.txt"):
        argmap.report_pages([amap], drawings=False)


def test_golden_text_page(pages: dict[str, str], golden: Golden) -> None:
    """The main part of a text's page is exactly the reviewed one."""
    main_part = re.search(r"<main .*?</main>\n", pages["north.html"], re.DOTALL)
    assert main_part is not None
    golden.check("report/north-main.html", main_part.group())


@pytest.mark.parametrize(("keys", "names"), [
    pytest.param(["a", "b"], ["a.html", "b.html"], id="plain"),
    pytest.param(["index", "INDEX"], ["index-2.html", "INDEX-3.html"], id="not-the-overview"),
    pytest.param(["a/b", "a b"], ["a-b.html", "a-b-2.html"], id="unsafe-and-clashing"),
    pytest.param(["../..", "<>", ""], ["text.html", "text-2.html", "text-3.html"], id="nothing-left"),
    pytest.param(["Ça va", "x" * 100], ["a-va.html", "x" * 80 + ".html"], id="non-ascii-and-long"),
])
def test_page_names(keys: list[str], names: list[str]) -> None:
    """Page names are safe file names, unique (ignoring case), never the overview's."""
    assert list(report.page_names(keys).values()) == names


# --- hostile maps ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_pages() -> dict[str, str]:
    """The report of a map whose every text is markup, beside an ordinary one."""
    return argmap.report_pages([argmap.load(HOSTILE), argmap.load(TABLES / "north.yaml")], drawings=False)


def test_hostile_map_is_text(hostile_pages: dict[str, str]) -> None:
    """Labels, quotes, notes, ids, titles and authors that hold markup come out as text: the
    only script is the report's own, no element carries an event handler, and every
    hostile text reads back whole."""
    amap = argmap.load(HOSTILE)
    for name, text in hostile_pages.items():
        page = _parse(text)
        assert page.errors == [] and page.stack == [], name
        assert len(page.all("script")) == 1 and "__pwned" not in page.scripts[0], name
        assert not page.all("img") and not page.all("svg") and not page.all("style")[1:], name
        assert not any(k.startswith("on") for _, a in page.elements for k in a), name
    page = _parse(hostile_pages[report.page_names([amap.id])[amap.id]])
    shown = "".join(page.text)
    for node in amap.nodes:
        assert node.label in shown
        assert f"\u201c{node.quotes[0].text}\u201d" in shown
    assert amap.source.title is not None and amap.source.author is not None
    assert amap.source.title in shown and amap.source.author in shown
    assert page.all("title") and amap.source.title in "".join(page.text)


@pytest.mark.needs_dot
def test_hostile_map_drawn_is_text(tmp_path: Path) -> None:
    """Drawn, the hostile map's texts stay text inside the inline SVG."""
    pages = argmap.report_pages([argmap.load(HOSTILE)])
    for text in pages.values():
        page = _parse(text)
        assert page.errors == [] and len(page.all("script")) == 1
        assert not any(k.startswith("on") for _, a in page.elements for k in a)
        assert not page.all("img") and not page.all("foreignobject")
    drawn = next(text for name, text in pages.items() if name != "index.html")
    assert len(_parse(drawn).all("svg")) == 1 and "&lt;script&gt;" in drawn


# --- inline SVG ----------------------------------------------------------------------------------

SVG = ('<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- made by hand -->\n'
       '<svg width="10pt" height="10pt" viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg" '
       'xmlns:xlink="http://www.w3.org/1999/xlink">\n<g id="graph0" class="graph"><title>G</title>\n'
       '<g id="node1" class="node"><g id="a_node1"><a xlink:title="&lt;q&gt;"><polygon points="0,0 1,1"/>'
       "<text>A</text></a></g></g></g>\n</svg>\n")


def test_inline_svg() -> None:
    """Prologue and comments go, ids get the prefix, the drawing gets a role, title and description."""
    out = report.inline_svg(SVG, title="Map <1>", description="A & B", prefix="map")
    assert out.startswith('<svg width="10pt"') and "<!--" not in out and "<?xml" not in out
    assert 'role="img" aria-labelledby="map-title map-desc"' in out
    assert '<title id="map-title">Map &lt;1&gt;</title>' in out and '<desc id="map-desc">A &amp; B</desc>' in out
    assert 'id="map-node1"' in out and 'id="map-a_node1"' in out and 'id="node1"' not in out


def test_inline_svg_keeps_text() -> None:
    """Text that reads like an id or a reference stays as written: only tags change."""
    svg = SVG.replace("<text>A</text>", '<text>id="x" url(#y)</text>')
    out = report.inline_svg(svg, title="t", description="d", prefix="p")
    assert '<text>id="x" url(#y)</text>' in out


def _prefixed_tag_by_tag(svg: str, prefix: str) -> str:
    """The reference for prefixing: each tag on its own, its id and url(#...) references."""
    def tag(m: re.Match[str]) -> str:
        text = re.sub(r'(?<=\s)id="([^"]*)"', lambda i: f'id="{prefix}-{i.group(1)}"', m.group())
        return re.sub(r"url\(#([^)]*)\)", lambda u: f"url(#{prefix}-{u.group(1)})", text)
    return re.sub(r"<[^<>]*>", tag, svg)


_WORD = st.text(alphabet="abx_-1 ", min_size=0, max_size=6)
_TEXT = st.lists(st.one_of(_WORD, st.builds(lambda w: f'id="{w}"', _WORD), st.builds(lambda w: f"url(#{w})", _WORD),
                           st.sampled_from(['"', ")", " id=\"", "url(#", "&amp;"])), max_size=5).map("".join)
_ATTRIBUTE = st.one_of(
    st.builds(lambda w: f'id="{w}"', _WORD), st.builds(lambda w: f'class="{w}"', _WORD),
    st.builds(lambda w: f'fill="url(#{w})"', _WORD), st.builds(lambda w: f'stroke="url(#{w})"', _WORD),
    st.builds(lambda w: f'xlink:title="{w} id=&quot;{w}&quot;"', _WORD),
    st.builds(lambda w: f'data-id="{w}"', _WORD))
_ELEMENT = st.builds(lambda name, attributes, text: f"<{name}{''.join(' ' + a for a in attributes)}>{text}</{name}>",
                     st.sampled_from(["g", "text", "a", "path"]),
                     st.lists(_ATTRIBUTE, max_size=3, unique_by=lambda a: a.split("=", 1)[0]), _TEXT)


def _links_cell_by_scanning(node: argmap.Node, amap: argmap.ArgumentMap, anchors: dict[str, str]) -> str:
    """The links cell as it was built: every node and edge of the map looked at for each row."""
    from argmap.report.page import esc
    from argmap.report.text_page import _ACTIVE, _PASSIVE, _relation

    labels = {n.id: n.label for n in amap.nodes}
    implicit = {n.id for n in amap.nodes if n.implicit}

    def target(node_id: str) -> str:
        label = esc(labels.get(node_id, node_id))
        mark = ' <span class="node-id-inline">(implicit)</span>' if node_id in implicit else ""
        return f'<a href="#{anchors[node_id]}">{label}</a>{mark}' if node_id in anchors else label

    items = [f"\u2192 {esc(_relation(e, _ACTIVE))} {target(e.target)}" for e in amap.edges_from(node.id)]
    items += [f"\u2190 {esc(_relation(e, _PASSIVE))} {target(e.source)}" for e in amap.edges_to(node.id)]
    if not items:
        return '<span class="argmap-silent">none</span>'
    return '<ul class="links">' + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


@given(maps(max_nodes=6), st.data())
def test_links_cells_gathered_once_a_map_read_as_before(amap: argmap.ArgumentMap, data: st.DataObject) -> None:
    """Each row's links cell, from links gathered once a map, is the cell a scan of the whole
    map gives, duplicate ids, links to unknown nodes and rows without an anchor included."""
    from argmap.report.text_page import _links_cell, _MapLinks

    nodes = list(amap.nodes)
    if data.draw(st.booleans(), "duplicate") and nodes:
        first = nodes[0]
        nodes.append(argmap.Node(first.id, argmap.Kind.CLAIM, "another label", note="why", implicit=True))
    edges = list(amap.edges)
    if data.draw(st.booleans(), "dangling") and nodes:
        edges.append(argmap.Edge(nodes[-1].id, "nowhere", argmap.Relation.SUPPORTS))
    amap = argmap.ArgumentMap(amap.source, nodes, edges)
    anchored = data.draw(st.lists(st.sampled_from([n.id for n in nodes]), unique=True), "anchored") if nodes else []
    anchors = {node_id: f"node-{i}" for i, node_id in enumerate(anchored, 1)}
    links = _MapLinks(amap)
    for node in [*nodes, argmap.Node("nowhere", argmap.Kind.CLAIM, "x", (argmap.Quote("x"),))]:
        assert _links_cell(node, links, anchors) == _links_cell_by_scanning(node, amap, anchors)


@given(st.lists(_ELEMENT, max_size=8))
def test_inline_svg_prefixes_as_tag_by_tag(elements: list[str]) -> None:
    """Ids and url(#...) references get the prefix exactly where a tag-by-tag rewrite puts
    it (inside tags only, every one of a tag's references), whatever text lies between."""
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{"".join(elements)}</svg>'
    out = report.inline_svg(svg, title="t", description="d", prefix="p")
    body = out.split("</desc>", 1)[1]
    assert body == _prefixed_tag_by_tag(svg, "p").split(">", 1)[1]


@pytest.mark.parametrize("bad", [
    pytest.param("<script>alert(1)</script>", id="script"),
    pytest.param('<g onload="alert(1)"></g>', id="event-handler"),
    pytest.param("<foreignObject><p>x</p></foreignObject>", id="foreign-object"),
    pytest.param('<a xlink:href="https://example.org/"><text>x</text></a>', id="link-out"),
    pytest.param('<image xlink:href="#x"/>', id="image"),
    pytest.param("<g>", id="not-well-formed"),
    pytest.param('<a href="javascript:alert(1)"><text>x</text></a>', id="link-out-without-xlink"),
    pytest.param('<g ONCLICK="alert(1)"></g>', id="event-handler-in-capitals"),
    pytest.param('<svg:script xmlns:svg="http://www.w3.org/2000/svg">x</svg:script>', id="script-with-a-prefix"),
])
def test_inline_svg_refuses_what_could_run(bad: str) -> None:
    """A drawing with anything but shapes, text and tooltips is refused, never embedded."""
    svg = SVG.replace("<text>A</text>", bad)
    with pytest.raises(RenderError):
        report.inline_svg(svg, title="t", description="d", prefix="p")


def test_inline_svg_needs_svg() -> None:
    """Text that is no SVG at all is refused."""
    with pytest.raises(RenderError, match="no <svg>"):
        report.inline_svg("<html></html>", title="t", description="d", prefix="p")


# --- writing -------------------------------------------------------------------------------------


def test_write_report(pair: list[argmap.ArgumentMap], tmp_path: Path) -> None:
    """The report is written into a new folder (parents made) and the overview's path returned;
    nothing is left beside it."""
    out = tmp_path / "a" / "report"
    index = argmap.write_report(pair, out, drawings=False)
    assert index == out / "index.html"
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "north.html", "south.html"]
    assert sorted(p.name for p in out.parent.iterdir()) == ["report"]
    assert oct(out.stat().st_mode & 0o777) == oct(0o777 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_write_report_replaces_an_earlier_report(pair: list[argmap.ArgumentMap], tmp_path: Path) -> None:
    """An earlier report is replaced as a whole: a page of a map no longer given is gone."""
    out = tmp_path / "report"
    argmap.write_report(pair, out, drawings=False)
    argmap.write_report(pair[:1], out, drawings=False)
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "north.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


@pytest.mark.parametrize("other", ["notes.txt", "index.html"])
def test_write_report_keeps_other_folders(pair: list[argmap.ArgumentMap], tmp_path: Path, other: str) -> None:
    """A folder holding anything but an earlier report is refused and left as it was."""
    (tmp_path / other).write_text("mine", encoding="utf-8")
    with pytest.raises(ExportError, match="not an argmap report"):
        argmap.write_report(pair, tmp_path, drawings=False)
    assert [p.name for p in tmp_path.iterdir()] == [other]


def test_write_report_into_a_file(pair: list[argmap.ArgumentMap], tmp_path: Path) -> None:
    """A file where the folder should be is refused."""
    (tmp_path / "report").write_text("x", encoding="utf-8")
    with pytest.raises(ExportError, match="is a file"):
        argmap.write_report(pair, tmp_path / "report", drawings=False)


def test_failed_write_leaves_the_earlier_report(pair: list[argmap.ArgumentMap], tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A write that fails half way leaves the earlier report whole and no temporary folder."""
    out = tmp_path / "report"
    argmap.write_report(pair, out, drawings=False)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    written = 0
    real = Path.write_text

    def failing(self: Path, *args: object, **kwargs: object) -> int:
        nonlocal written
        written += 1
        if written == 2:
            raise OSError(28, "No space left on device")
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", failing)
    with pytest.raises(ExportError, match="No space left on device"):
        argmap.write_report(pair[:1], out, drawings=False)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_write_pages_refuses_paths() -> None:
    """Page names are plain .html file names: nothing can be written outside the folder."""
    with pytest.raises(ExportError, match=r"plain \.html file name"):
        report.write_pages({"../evil.html": "x"}, "unused")


# --- the command line -------------------------------------------------------------------------------


def test_cli_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`argmap report DIR -o OUT --no-drawings` writes the report and says what to open."""
    out = tmp_path / "out"
    assert main(["report", str(TABLES), "-o", str(out), "--no-drawings", "--metric", "distance-ratio"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "north.html", "south.html"]
    assert "Agreement between authors: distance ratio" in (out / "index.html").read_text(encoding="utf-8")
    assert f"open {out / 'index.html'}" in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "code", "message"), [
    pytest.param(["report", str(TABLES)], 2, "needs -o DIR", id="no-output"),
    pytest.param(["report", str(TABLES), "-o", "x", "--metric", "cosine"], 2, "invalid choice", id="bad-metric"),
    pytest.param(["report", "nowhere/", "-o", "x"], 2, "no such file", id="no-maps"),
])
def test_cli_report_usage(argv: list[str], code: int, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Usage errors exit 2 with the reason."""
    assert main(argv) == code
    assert message in capsys.readouterr().err


def test_cli_report_refuses_other_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder of other files is a problem (exit 1), not a traceback, and is left alone."""
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["report", str(TABLES), "-o", str(tmp_path), "--no-drawings"]) == 1
    assert "not an argmap report" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_cli_report_without_dot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    """Without Graphviz the report fails with the install help and the way around it."""
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["report", str(TABLES), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "apt-get install graphviz" in err and "--no-drawings" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.needs_dot
def test_cli_report_with_drawings(tmp_path: Path) -> None:
    """With Graphviz each text's page and the overview hold one inline drawing."""
    out = tmp_path / "out"
    assert main(["report", str(TABLES), "-o", str(out), "-q"]) == 0
    for page in out.iterdir():
        parsed = _parse(page.read_text(encoding="utf-8"))
        assert parsed.errors == []
        svgs = parsed.all("svg")
        assert len(svgs) == 1 and svgs[0]["role"] == "img"
        assert len(parsed.ids) == len(set(parsed.ids))
        assert all(label.get("for") in parsed.ids for label in parsed.all("label"))


@pytest.mark.needs_dot
def test_seed_maps_report(tmp_path: Path) -> None:
    """The report of the seed maps has a page per map and draws each of them: a map of over
    40 nodes twice, its causal skeleton first, then the whole map."""
    paths = sorted(p for p in SEED_MAPS.glob("*.yaml") if p.name != "concepts.yaml")
    if not paths:
        pytest.skip("no seed maps in maps/ yet")
    maps = [argmap.load(p) for p in paths]
    index = argmap.write_report(maps, tmp_path / "report")
    names = sorted(p.name for p in index.parent.iterdir())
    assert names == sorted(["index.html", *(f"{p.stem}.html" for p in paths)])
    assert len(_parse(index.read_text(encoding="utf-8")).all("svg")) == 1
    for amap, path in zip(maps, paths, strict=True):
        page = _parse((index.parent / f"{path.stem}.html").read_text(encoding="utf-8"))
        assert len(page.all("svg")) == (2 if len(amap.nodes) > report.SKELETON_ABOVE else 1)


@pytest.mark.needs_dot
def test_demo_builds_everything(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """`make demo`'s driver draws the maps, writes every table in every format and the report,
    and prints the page to open."""
    if not any(SEED_MAPS.glob("0*.yaml")):
        pytest.skip("no seed maps in maps/ yet")
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    import demo

    assert demo.main(["--out", str(tmp_path)]) == 0
    assert len(list((tmp_path / "maps").glob("*.svg"))) == len(list(SEED_MAPS.glob("0*.yaml"))) + 2
    assert len(list((tmp_path / "tables").iterdir())) == 20
    assert (tmp_path / "report" / "index.html").is_file()
    assert capsys.readouterr().out.rstrip().endswith(f"Open {tmp_path / 'report' / 'index.html'}")


def test_the_report_prepares_each_source_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Anchoring, the coverage audit and the text page share one SourceText per text (they
    made three), and maps loaded earlier in the process leave theirs for the report."""
    from argmap import quotes

    maps = argmap.load_maps(sorted(SEED_MAPS.glob("0*.yaml")))
    made: list[str] = []
    original = quotes.SourceText._build

    def counting(text: str) -> quotes.SourceText:
        made.append(text)
        return original(text)

    quotes._shared.cache_clear()
    monkeypatch.setattr(quotes.SourceText, "_build", counting)
    argmap.report_pages(maps, drawings=False)
    assert len(made) == len(set(made)) == len(maps)
    argmap.report_pages(maps, drawings=False)
    assert len(made) == len(maps)


@given(st.text(max_size=40) | st.text(alphabet=st.sampled_from("a &<>\"'\r\n\t\x00\x85\u2028"), max_size=20),
       st.booleans())
def test_html_escaping_is_the_standard_librarys(text: str, attribute: bool) -> None:
    """The report's escaping (written out so that the html package need not be imported)
    gives what html.escape gives, control characters shown and line ends made ``\\n``."""
    import html

    from argmap import _text

    shown = _text.show_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
    assert _text.escape_html(text, attribute=attribute) == html.escape(shown, quote=attribute)


@pytest.mark.needs_dot
def test_a_warm_report_imports_only_what_it_uses(tmp_path: Path) -> None:
    """Run again on a warm cache, the report reads every drawing from the cache: it imports
    no thread pool (nothing is drawn), nor difflib (only a misspelt name or a quote not found
    needs it)."""
    import subprocess
    import sys

    code = ("import sys\nfrom argmap.cli import main\n"
            f"code = main(['report', {str(SEED_MAPS)!r}, '-o', {str(tmp_path / 'out')!r}, '-q'])\n"
            "print(code, sorted(m for m in ('concurrent.futures', 'difflib') if m in sys.modules))")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "ARGMAP_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("ARGMAP_NO_CACHE", None)
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
            for _ in range(2)]
    assert runs[0].stdout.split()[0] == "0", runs[0].stderr
    assert runs[1].stdout.strip() == "0 []"
