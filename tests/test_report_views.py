"""The report's newer views: the summary that opens the overview, the agreements table, the
source text beside the map (quotes linked both ways, implicit nodes apart), display names, and
the single-file report (one document, nothing fetched, links kept inside it).

What only a browser can check (the summary in the first screen, zoom, widths) is in
test_report_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap import report
from argmap.cli import main
from argmap.errors import ExportError
from argmap.report.single import single_file
from argmap.report.source_view import QuoteMark, source_html

TABLES = Path(__file__).parent / "fixtures" / "tables" / "maps"
EAST = Path(__file__).parent / "fixtures" / "report" / "maps" / "east.yaml"


class _Doc(HTMLParser):
    """Elements with their attributes, the text inside each ``p.src-line`` by id, and whether
    every element closes in order."""

    VOID = frozenset({"meta", "link", "br", "input", "img", "hr", "path", "polygon", "polyline", "ellipse",
                      "stop", "rect", "circle", "line"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.lines: dict[str, str] = {}
        self.scripts: list[str] = []
        self._line: str | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        if tag == "p" and "src-line" in a.get("class", ""):
            self._line = a["id"]
            self.lines[self._line] = ""
        if self._skip or (tag == "sup" and a.get("class") == "also"):
            self._skip += 1
        if tag == "script":
            self.scripts.append("")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else '(nothing)'}>")
            return
        self.stack.pop()
        if self._skip:
            self._skip -= 1
        if tag == "p":
            self._line = None

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "script":
            self.scripts[-1] += data
        if self._line is not None and not self._skip:
            self.lines[self._line] += data

    def all(self, tag: str, cls: str | None = None) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == tag and (cls is None or cls in a.get("class", "").split())]

    @property
    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.elements if "id" in a]


def _parse(text: str) -> _Doc:
    doc = _Doc()
    doc.feed(text)
    doc.close()
    return doc


@pytest.fixture(scope="module")
def trio() -> list[argmap.ArgumentMap]:
    """Ada North, the unsigned cold peace, and Eastward (a short name, an implicit premise)."""
    return [argmap.load(TABLES / "north.yaml"), argmap.load(TABLES / "south.yaml"), argmap.load(EAST)]


@pytest.fixture(scope="module")
def pages(trio: list[argmap.ArgumentMap]) -> dict[str, str]:
    return argmap.report_pages(trio, drawings=False)


# --- the summary -----------------------------------------------------------------------------------


def test_summary_opens_the_overview(pages: dict[str, str]) -> None:
    """The first thing after the heading is the summary: three lists, agree, partly agree,
    split, each point a link to a row of the evidence below."""
    main_part = pages["index.html"].split('<main id="main" tabindex="-1">\n', 1)[1]
    assert re.match(r"<h1>[^<]*</h1>\n<section id=\"summary\"", main_part)
    summary = main_part.split("</section>", 1)[0]
    assert re.findall(r"<h3>([^<]*) <span", summary) == ["They agree", "They partly agree", "They split"]
    doc = _parse(pages["index.html"])
    rows = {a["id"]: a for a in doc.all("tr") if "id" in a}
    targets = re.findall(r'<a href="#([^"]+)">', summary)
    assert targets, summary
    for target in targets:
        assert target in rows or target in ("agreements", "divergences"), target


def test_summary_names_the_sides(pages: dict[str, str]) -> None:
    """A split names who is on each side, by display name: North and the cold peace contradict
    each other on rivalry (helps against hinders); North and Eastward agree that trade helps."""
    summary = pages["index.html"].split('id="summary"', 1)[1].split("</section>", 1)[0]
    split = summary.split("They split", 1)[1]
    rivalry = next(li for li in re.findall(r"<li>.*?</li>", split) if "Regional rivalry" in li)
    assert "helps</span> A cold peace" in rivalry and "hinders</span> Ada North" in rivalry
    agree = summary.split("They agree", 1)[1].split("They partly agree", 1)[0]
    trade = next(li for li in re.findall(r"<li>.*?</li>", agree) if "Trade &amp; energy" in li)
    assert "helps" in trade and "Ada North" in trade
    assert ("Eastward" in trade) or ("Cy East" in trade)  # the display name (Source.name once it counts)


def test_co_mention_is_not_agreement(trio: list[argmap.ArgumentMap]) -> None:
    """Authors who only mention the same outcome do not agree on it: no point of the summary
    is a concept that nobody takes a stance on."""
    c = argmap.compare(trio)
    agreed = [f for f in report.summary.findings(c) if f.sort == "agree"]
    assert agreed
    for f in agreed:
        assert len(f.sides) == 1 and f.sides[0][0] in ("helps", "hinders", "affirms", "denies", "qualifies")


def test_agreements_table_holds_the_evidence(pages: dict[str, str], trio: list[argmap.ArgumentMap]) -> None:
    """Each agreement of the summary is a row of the agreements table, with each author's
    view and quote; an author who is silent says so."""
    doc = _parse(pages["index.html"])
    table = pages["index.html"].split('data-table="agreements"', 1)[1].split("</table>", 1)[0]
    trade = re.search(r'<tr id="agreements-\d+" data-concept="trade ties">.*?</tr>', table, re.DOTALL)
    assert trade is not None
    assert "“Trade with the east grows every year.”" in html.unescape(trade.group())
    assert 'class="argmap-silent" data-author="south"' in trade.group()
    assert len(doc.ids) == len(set(doc.ids))


PERIODS = Path(__file__).parent / "fixtures" / "periods" / "maps"


def test_summary_with_periods_partial_agreement_and_change() -> None:
    """Findings dated to a period say which; a partial agreement names each side; an author's
    change of view over time is a line of its own, linked to the node on the author's page."""
    pages = argmap.report_pages(argmap.load_maps(PERIODS), drawings=False)
    summary = pages["index.html"].split('id="summary"', 1)[1].split("</section>", 1)[0]
    partly = summary.split("They partly agree", 1)[1].split("They split", 1)[0]
    assert re.search(r'<a href="#agreements-\d+">Arms trade should expand <span class="when">\(since 2014\)</span></a>',
                     partly)
    assert "affirms</span> Mir, Qadir; " in partly and "qualifies</span> The Pulse" in partly
    split = summary.split("They split", 1)[1]
    assert '(1947-1954)</span></a>: <span class="who"><span class="argmap-affirms">+\u00a0affirms</span> Qadir' in split
    change = re.search(r'<div class="summary-changes">.*?</div>', summary, re.DOTALL)
    assert change is not None
    assert ('The Pulse: <a href="pulse.html#node-6">Afghanistan → Bilateral relations</a>: '
            "hinders (1955-1990) → helps (since 2014)") in change.group()
    assert 'id="node-6"' in pages["pulse.html"]
    table = pages["index.html"].split('data-table="agreements"', 1)[1].split("</table>", 1)[0]
    assert "Arms trade should expand (Since the Crimea crisis (since 2014)) (in part)" in html.unescape(table)


def test_concept_filter_lists_each_concept_once() -> None:
    """A concept compared in several periods is one choice in the filter (the filter follows
    the concept through every period's rows), never one identical label per period."""
    pages = argmap.report_pages(argmap.load_maps(PERIODS), drawings=False)
    select = pages["index.html"].split('id="filter-concept"', 1)[1].split("</select>", 1)[0]
    values = re.findall(r'<option value="([^"]*)"', select)
    assert len(values) == len(set(values)) > 2
    c = argmap.compare(argmap.load_maps(PERIODS))
    assert len(c.concepts) > len(values) - 1  # the fixture has concepts in several periods


def test_single_text_has_nothing_to_compare() -> None:
    """A report of one text says there is nothing to compare instead of three empty lists."""
    index = argmap.report_pages([argmap.load(EAST)], drawings=False)["index.html"]
    assert 'id="summary"' in index and "nothing to compare" in index


# --- a text's page: the source beside the map ---------------------------------------------------------


def test_source_view_shows_the_whole_text(pages: dict[str, str], trio: list[argmap.ArgumentMap]) -> None:
    """The text section holds every non-blank line of the source, verbatim, as line L<n> (with,
    for screen readers, a word where a set-aside or untouched passage begins)."""
    text = argmap.read_source(trio[2])
    doc = _parse(pages["east.html"])
    expected = {f"L{n}": line for n, line in enumerate(text.split("\n"), 1) if line.strip()}
    said = re.compile(r"\((?:set aside: [^)]*|no quote touches this)\) ")
    assert {k: said.sub("", v) for k, v in doc.lines.items()} == expected


def test_quotes_link_both_ways(pages: dict[str, str], trio: list[argmap.ArgumentMap]) -> None:
    """Every quoted node's row links to an anchor in the text, each anchor starts a highlighted
    quote, and each highlighted quote links to a row of the nodes table."""
    doc = _parse(pages["east.html"])
    ids = set(doc.ids)
    rows = {a["id"] for a in doc.all("tr") if a.get("id", "").startswith("node-")}
    backs = [a["href"][1:] for a in doc.all("a", "to-source")]
    quoted_nodes = [n for n in trio[2].nodes if n.quotes]
    assert len(backs) == sum(len(n.quotes) for n in quoted_nodes)
    assert all(b in ids and b.startswith("src-") for b in backs)
    highlights = doc.all("a", "q")
    assert highlights and all(a["href"][1:] in rows for a in highlights)
    keys = {k for a in highlights for k in a["data-q"].split()}
    assert set(backs) <= keys
    assert "src-e1" in keys  # the quote of a causal link is marked too, linked to its cause's row


def test_overlapping_quotes(pages: dict[str, str]) -> None:
    """Words quoted by two nodes link to the narrower quote's node and name the other."""
    east = pages["east.html"]
    assert re.search(r'<a class="q" href="#node-2" data-q="src-1-1 src-2-1"[^>]*>warms the ties</a>'
                     r'<sup class="also">also <a href="#node-1"', east)


def test_set_aside_and_untouched_passages(pages: dict[str, str]) -> None:
    """A passage the map excludes is dimmed (with its reason for screen readers); a sentence no
    quote touches is marked."""
    east = _parse(pages["east.html"])
    assert east.lines["L3"].startswith("(set aside: marked `exclude` in the map) Note:")
    assert east.lines["L7"].startswith("(no quote touches this) A sentence about the weather")
    assert any("set-aside" in a.get("class", "") for a in east.all("span"))
    assert any("untouched" in a.get("class", "") for a in east.all("span"))


def test_implicit_nodes_apart(pages: dict[str, str], trio: list[argmap.ArgumentMap]) -> None:
    """An implicit node (no quote) is listed in a table of its own, with its note shown, and
    not among the quoted nodes."""
    east = pages["east.html"]
    quoted_table, implicit_table = east.split('<table class="nodes')[1:3]
    assert '<th scope="row">Trading partners do not quarrel' not in quoted_table
    assert '<th scope="row">Trading partners do not quarrel' in implicit_table
    assert 'Trading partners do not quarrel</a> <span class="node-id-inline">(implicit)</span>' in quoted_table
    assert "Unstated: the step from trade to warmth needs it." in implicit_table
    assert 'id="implicit-h">Implicit nodes (1)' in east
    assert "; 1 of them implicit (no quote)" in east


def test_text_page_named_by_display_name(pages: dict[str, str]) -> None:
    """A text's page is headed by its display name, with the title beneath, and the pager names
    the neighbouring texts."""
    north = pages["north.html"]
    assert "<h1>Ada North</h1>" in north and '<p class="byline">Why ties warm · 2021</p>' in north
    assert "Next text: A cold peace: 50% rhetoric, 50% hedging" in html.unescape(north)


@given(text=st.text(alphabet=st.sampled_from("ab <>&\"'\n.é"), min_size=1, max_size=60),
       cuts=st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12), st.integers(1, 3)), max_size=6))
def test_source_html_keeps_the_text(text: str, cuts: list[tuple[int, int, int]]) -> None:
    """Whatever the quotes, the source view is well-formed, shows each line's text verbatim
    and gives each quote exactly one anchor."""
    marks: dict[str, list[QuoteMark]] = {}
    for i, (start, length, row) in enumerate(cuts, 1):
        start = min(start, len(text) - 1)
        end = min(len(text), start + length)
        marks.setdefault(f"n{i}", []).append(QuoteMark(f"src-{row}-{i}", f"node-{row}", f"label {row}",
                                                       ((start, end),), f"n{row}"))
    doc = _parse(source_html(text, marks, None))
    assert doc.errors == [] and doc.stack == []
    expected = {f"L{n}": line for n, line in enumerate(text.split("\n"), 1) if line.strip()}
    assert doc.lines == expected
    anchors = [a["id"] for a in doc.all("span", "src-anchor")]
    assert sorted(anchors) == sorted(m.key for ms in marks.values() for m in ms)


@given(text=st.text(alphabet=st.sampled_from("ab \n"), max_size=40),
       items=st.lists(st.tuples(st.integers(-3, 45), st.integers(-3, 45), st.integers()), max_size=12))
def test_source_view_finds_what_touches_each_line_as_a_filter_does(
        text: str, items: list[tuple[int, int, int]]) -> None:
    """The source view sorts the quotes and passages onto lines by bisecting: for any spans
    (empty, reversed, before or past the text, across lines and empty lines), each line gets
    what a filter of every span for that line gives, in the same order."""
    from argmap.report.source_view import _lines, _per_line

    lines = _lines(text)
    assert _per_line(items, lines) == [[(s, e, x) for s, e, x in items if s < b and e > a] for a, b in lines]
    pairs = [(s, e) for s, e, _ in items]
    assert _per_line(pairs, lines) == [[(s, e) for s, e in pairs if s < b and e > a] for a, b in lines]


# --- the single-file report ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def single(trio: list[argmap.ArgumentMap]) -> str:
    return report.report_file(trio, drawings=False)


def test_single_file_is_one_document(single: str, pages: dict[str, str]) -> None:
    """One well-formed document: a section per page, unique ids, every link to an element of
    the document, the one script the policy allows, nothing to fetch."""
    doc = _parse(single)
    assert doc.errors == [] and doc.stack == []
    ids = doc.ids
    assert len(ids) == len(set(ids))
    sections = [a["id"] for a in doc.all("section", "report-page")]
    assert sections == ["page-index", "page-north", "page-south", "page-east"]
    for a in doc.all("a"):
        assert a["href"].startswith("#") and a["href"][1:] in ids, a["href"]
    for label in doc.all("label"):
        assert label["for"] in ids
    outside = re.sub(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">', "", single)
    assert not re.search(r"https?:|//[a-z]|@import|url\((?!#)|\bsrc=", outside, re.IGNORECASE)
    assert len(doc.scripts) == 1
    digest = base64.b64encode(hashlib.sha256(doc.scripts[0].encode("utf-8")).digest()).decode("ascii")
    policy = next(a["content"] for a in doc.all("meta") if a.get("http-equiv") == "Content-Security-Policy")
    assert f"script-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy
    assert len(doc.all("h1")) == 1 and len(doc.all("main")) == 1


def test_single_file_keeps_every_page(single: str, pages: dict[str, str]) -> None:
    """Every node row, quote anchor and table of the folder's pages is in the one file."""
    doc = _parse(single)
    for name, text in pages.items():
        prefix = "" if name == "index.html" else name.removesuffix(".html") + "--"
        for i in _parse(text).ids:
            if i != "main":
                assert prefix + i in doc.ids, (name, i)


def test_single_file_links_between_pages(single: str) -> None:
    """A link to a text's page leads to its section; a node's link within its page stays there."""
    assert 'href="#page-north"' in single and 'href="#page-index"' in single
    assert 'href="#north--node-2"' in single and 'id="north--node-2"' in single
    assert 'href="#north--src-1-1"' in single


def test_single_file_rewrite_leaves_text_alone() -> None:
    """Only tags change: text that reads like an id or a link stays as written."""
    parts = {"index.html": report.Parts("T", (), '<p>id="x" href="#y"</p><a href="a.html#z">a</a>\n'),
             "a.html": report.Parts("A", (("#z", "Z"),), '<h1 id="z">id="z"</h1><a href="index.html">back</a>\n')}
    out = single_file(parts)
    assert '<p>id="x" href="#y"</p><a href="#a--z">a</a>' in out
    assert '<h2 id="a--z">id="z"</h2><a href="#page-index">back</a>' in out


def test_write_single_file(trio: list[argmap.ArgumentMap], tmp_path: Path) -> None:
    """write_report(single_file=True) writes the one file and nothing beside it (making missing
    folders); a folder in its place, or a file where a folder should be, is refused."""
    out = argmap.write_report(trio, tmp_path / "report.html", single_file=True, drawings=False)
    assert out == tmp_path / "report.html"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    (tmp_path / "folder.html").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        argmap.write_report(trio, tmp_path / "folder.html", single_file=True, drawings=False)
    assert argmap.write_report(trio, tmp_path / "new" / "r.html", single_file=True, drawings=False).is_file()
    with pytest.raises(ExportError, match="cannot write"):
        argmap.write_report(trio, tmp_path / "report.html" / "r.html", single_file=True, drawings=False)


def test_cli_single_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`argmap report PATH --single-file FILE` writes one file and says so; with -o too, both."""
    out = tmp_path / "r.html"
    assert main(["report", str(TABLES), "--single-file", str(out), "--no-drawings"]) == 0
    assert out.is_file() and [p.name for p in tmp_path.iterdir()] == ["r.html"]
    assert "the whole report in one file" in capsys.readouterr().err
    assert main(["report", str(TABLES), "--single-file", str(out), "-o", str(tmp_path / "site"),
                 "--no-drawings", "-q"]) == 0
    assert (tmp_path / "site" / "index.html").is_file()
    assert capsys.readouterr().err == ""
