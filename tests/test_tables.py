"""Teaching tables: the five tables, their four formats, escaping, files and the CLI.

Golden files under tests/golden/tables/ pin each table in each format for the hand-made pair
of maps in tests/fixtures/tables/ (compared by the ``golden`` fixture in tests/conftest.py);
refresh them with ARGMAP_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import tables
from argmap.cli import main
from argmap.errors import ExportError, MetricError
from argmap.tables import Cell, Column, Row, Table, write_latex
from conftest import MAPS as SEED_MAPS
from conftest import ROOT, Golden

FIXTURES = Path(__file__).parent / "fixtures" / "tables" / "maps"
GOLDEN = Path(__file__).parent / "golden" / "tables"
SUFFIX = {"md": "md", "html": "html", "latex": "tex", "csv": "csv"}


@pytest.fixture(scope="module")
def pair() -> list[argmap.ArgumentMap]:
    """The hand-made pair of maps: Ada North and an unsigned text named by its title."""
    return [argmap.load(FIXTURES / "north.yaml"), argmap.load(FIXTURES / "south.yaml")]


# --- golden output -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", tables.FORMATS)
@pytest.mark.parametrize("kind", tables.KINDS)
def test_golden(pair: list[argmap.ArgumentMap], kind: str, fmt: str, golden: Golden) -> None:
    """Each table in each format is exactly the reviewed output (CSV keeps its CRLF line ends)."""
    table = tables.build_table(kind, pair)
    golden.check(GOLDEN / f"{kind}.{SUFFIX[fmt]}", tables.format_table(table, fmt))


@pytest.mark.parametrize("fmt", ["html", "latex"])
def test_golden_standalone(pair: list[argmap.ArgumentMap], fmt: str, golden: Golden) -> None:
    """A whole HTML page and a whole LaTeX document are exactly the reviewed output."""
    table = tables.build_table("factors", pair)
    golden.check(GOLDEN / f"factors-standalone.{SUFFIX[fmt]}", tables.format_table(table, fmt, standalone=True))


# --- what the tables say ---------------------------------------------------------------------------


def _texts(table: Table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def test_theses_table(pair: list[argmap.ArgumentMap]) -> None:
    """Theses: author (display name where none is stated), title, year, thesis with quote, outlook."""
    t = tables.theses_table(pair)
    assert [c.header for c in t.columns] == ["Author", "Title", "Year", "Thesis", "Outlook"]
    north, south = t.rows
    assert _texts(t)[0] == ["Ada North", "Why ties warm", "2021", "Ties are warming", "Close partners by 2030"]
    assert north.cells[3].quotes == ("Ties between the two capitals are warming.",)
    assert north.cells[4].note == "\u201cBy 2030 the two will be close partners.\u201d"
    assert _texts(t)[1][0] == "A cold peace: 50% rhetoric, 50% hedging"
    assert _texts(t)[1][2:] == ["n.d.", "A cold peace", "no prediction"]
    assert dict(south.attributes) == {"data-author": "south"}


def test_factors_table(pair: list[argmap.ArgumentMap]) -> None:
    """Factors: the effect on the outcome, indirect through another factor, mixed, or silent."""
    t = tables.factors_table(pair)
    assert _texts(t) == [
        ["Regional rivalry", "hinders", "helps"],
        ["Western sanctions", "helps", "mixed"],
        ["Trade & energy", "helps", "silent"],
        ["Foreign aid", "helps (indirect)", "silent"],
    ]
    aid = t.rows[3].cells[1]
    assert aid.note == "via Western sanctions: \u201cForeign aid from the West once bought loyalty\u201d"
    mixed = t.rows[1].cells[2].note
    assert mixed is not None and mixed.startswith("helps: \u201cSanctions force")
    assert "hinders: \u201csanctions also" in mixed
    assert [dict(r.attributes)["data-concept"] for r in t.rows] == ["rivalry", "sanctions", "trade", "aid"]
    assert "Bilateral ties" in t.caption


def test_factor_without_effect_mentions() -> None:
    """A factor the author links to nothing reads 'mentions', with its quote."""
    amap = argmap.loads(
        "source: {id: m, file: x.txt, author: Mo}\n"
        "nodes:\n"
        "  - {id: T, kind: thesis, label: t, quote: alpha}\n"
        "  - {id: o, kind: outcome, concept: ties, label: o, quote: beta}\n"
        "  - {id: f, kind: factor, concept: rivalry, label: f, quote: gamma}\n"
        "edges:\n  - {from: f, to: T, rel: supports}\n", anchor=False)
    vocabulary = argmap.load_vocabulary(FIXTURES / "concepts.yaml")
    t = tables.factors_table([amap], vocabulary=vocabulary)
    assert _texts(t) == [["Regional rivalry", "mentions"]]
    assert t.rows[0].cells[1].note == "\u201cgamma\u201d"


def _causal_map(edges: str) -> argmap.ArgumentMap:
    nodes = "".join(f"  - {{id: {c}, kind: factor, concept: {c}, label: {c}, quote: {c}}}\n"
                    for c in ("aid", "sanctions", "trade", "rivalry"))
    return argmap.loads(
        "source: {id: m, file: x.txt, author: Mo}\nnodes:\n  - {id: T, kind: thesis, label: t, quote: t}\n"
        "  - {id: ties, kind: outcome, concept: ties, label: ties, quote: ties}\n" + nodes + "edges:\n" + edges,
        anchor=False)


@pytest.mark.parametrize(
    ("edges", "effect"),
    [
        pytest.param("  - {from: aid, to: sanctions, rel: causes, sign: '+'}\n"
                     "  - {from: sanctions, to: ties, rel: causes, sign: '-'}\n"
                     "  - {from: aid, to: trade, rel: causes, sign: '+'}\n"
                     "  - {from: trade, to: rivalry, rel: causes, sign: '+'}\n"
                     "  - {from: rivalry, to: ties, rel: causes, sign: '+'}\n",
                     "hinders (indirect)", id="longer-detour-ignored"),
        pytest.param("  - {from: aid, to: sanctions, rel: causes, sign: '+'}\n"
                     "  - {from: sanctions, to: ties, rel: causes, sign: '-'}\n"
                     "  - {from: aid, to: trade, rel: causes, sign: '+'}\n"
                     "  - {from: trade, to: ties, rel: causes, sign: '+'}\n",
                     "mixed (indirect)", id="two-shortest-chains"),
        pytest.param("  - {from: aid, to: sanctions, rel: causes, sign: '-'}\n"
                     "  - {from: sanctions, to: ties, rel: causes, sign: '-'}\n"
                     "  - {from: aid, to: ties, rel: causes, sign: '-'}\n",
                     "hinders", id="direct-link-first"),
    ],
)
def test_indirect_effects(edges: str, effect: str) -> None:
    """A factor without a direct link takes the sign of its shortest chains to the outcome."""
    vocabulary = argmap.load_vocabulary(FIXTURES / "concepts.yaml")
    t = tables.factors_table([_causal_map(edges)], vocabulary=vocabulary)
    assert {row.cells[0].text: row.cells[1].text for row in t.rows}["Foreign aid"] == effect


def test_propositions_table(pair: list[argmap.ArgumentMap]) -> None:
    """Propositions: affirms / denies / qualifies / mixed, the mixed note quoting both sides."""
    t = tables.propositions_table(pair)
    assert _texts(t) == [
        ["Ties are improving", "affirms", "denies"],
        ["Arms deals are wise", "affirms", "mixed"],
        ["The alliance was rational", "affirms", "qualifies"],
    ]
    assert t.rows[1].cells[2].note == ("affirms: \u201cArms deals pay the bills\u201d / "
                                       "denies: \u201carms deals are unwise in the long run\u201d")


def test_silent_where_an_author_does_not_speak(pair: list[argmap.ArgumentMap]) -> None:
    """Cells say 'silent' exactly where the comparison has no view of that author, never ''."""
    c = argmap.compare(pair)
    by_label = {r.label: r for r in c.concepts}
    for build in (tables.factors_table, tables.propositions_table):
        t = build(c)
        for row in t.rows:
            concept = by_label[row.cells[0].text]
            for key, cell in zip(c.keys, row.cells[1:], strict=True):
                assert (cell.text == "silent") == (key not in concept.by_source)
                assert cell.attribute("data-author") == key


@pytest.mark.parametrize(
    ("metric", "normalization"),
    [pytest.param(m, n, id=f"{m}-{n}") for m in ("jaccard", "distance_ratio") for n in ("none",)]
    + [pytest.param(m, n, id=f"{m}-{n}") for m in ("congruence", "conflict") for n in ("none", "average", "jaccard")],
)
def test_agreement_values(pair: list[argmap.ArgumentMap], metric: str, normalization: str) -> None:
    """The agreement matrix shows the comparison's own values, rounded for reading."""
    c = argmap.compare(pair)
    t = tables.agreement_table(c, metric, normalization=normalization)
    m = c.matrix(metric, normalization=normalization)  # type: ignore[arg-type]
    digits = 3 if metric == "distance_ratio" else 2
    for key, row in zip(c.keys, t.rows, strict=True):
        for value, cell in zip(m.row(key), row.cells[1:], strict=True):
            assert float(cell.text) == pytest.approx(value, abs=0.5 * 10 ** -digits)
    assert all(col.numeric for col in t.columns[1:])
    assert t.rows[0].cells[1].attribute("class") == "argmap-diagonal"


def test_agreement_counts_are_whole_numbers(pair: list[argmap.ArgumentMap]) -> None:
    """Raw congruence and conflict counts print without decimals."""
    t = tables.agreement_table(pair, "conflict")
    assert _texts(t)[0][1:] == ["0", "2"]  # ties-improving, and arms deals (south both affirms and denies)
    assert "normalisation" not in t.title
    assert "average normalisation" in tables.agreement_table(pair, "conflict", normalization="average").title


def test_agreement_rejects_unknown_metric(pair: list[argmap.ArgumentMap]) -> None:
    """An unknown metric is a MetricError naming the choices."""
    with pytest.raises(MetricError, match="jaccard"):
        tables.agreement_table(pair, "cosine")


def test_divergences_table(pair: list[argmap.ArgumentMap]) -> None:
    """Divergences: one row per controversy, each author's stance with their quotes."""
    t = tables.divergences_table(pair)
    assert _texts(t) == [["Ties are improving", "affirms", "denies"],
                         ["Regional rivalry \u2192 Bilateral ties", "hinders", "helps"]]
    assert t.rows[0].cells[2].quotes == ("Nothing suggests that ties are improving.",)
    assert dict(t.rows[1].attributes) == {"data-concept": "rivalry ties", "data-kind": "link"}


def test_divergences_limit_quotes(pair: list[argmap.ArgumentMap]) -> None:
    """Past max_quotes the caption says the map holds the rest; no note without content."""
    t = tables.divergences_table(pair, max_quotes=1, max_quote=20)
    cell = t.rows[0].cells[1]
    assert cell.quotes == ("Ties between the …",)
    assert cell.note is None
    north = argmap.load(FIXTURES / "north.yaml")
    extra = argmap.Node("imp2", "claim", "Again", argmap.Quote("Regional rivalry pushed them apart"),
                        concept="ties-improving", stance="affirms")
    north = north.__class__(north.source, (*north.nodes, extra), north.edges, path=north.path,
                            vocabulary=north.vocabulary)
    t = tables.divergences_table([north, pair[1]], max_quotes=1)
    assert t.rows[0].cells[1].note is None
    assert "At most 1 quote per author; the map holds the rest." in t.caption


def test_divergences_say_which_side_each_quote_is_on() -> None:
    """An author who holds both sides of a controversy has each quote labelled with its side,
    one quote of each side shown first; the cell carries the ± mark."""
    compare_maps = Path(__file__).parent / "fixtures" / "compare" / "maps"
    maps = [argmap.load(compare_maps / f"{n}.yaml", anchor=False) for n in ("alpha", "beta", "gamma")]
    t = tables.divergences_table(maps, max_quotes=2)
    row = next(r for r in t.rows if r.attributes and dict(r.attributes)["data-concept"] == "relations-improving")
    gamma = row.cells[3]
    assert (gamma.text, gamma.mark) == ("mixed", "\u00b1")
    assert sorted(gamma.quote_labels) == ["affirms", "denies"]
    assert '<span class="argmap-side">affirms:</span> “' in t.to_html()
    assert "affirms: “" in t.to_markdown()
    assert row.cells[1].quote_labels == ()  # one side only: the word says it
    assert row.cells[1].mark == "+"


@pytest.mark.parametrize("colour", ["#0072b2", "#c04f00", "#a3507e", "#00785a", "#767676"])
def test_table_colours_are_legible(colour: str) -> None:
    """Each value colour of the table style sheet has a contrast of at least 4.5:1 on white
    (WCAG 2.1 AA for text), and the four judgement colours differ."""
    from argmap.tables.write_html import CSS

    assert colour in CSS

    def luminance(hex_colour: str) -> float:
        rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    assert 1.05 / (luminance(colour) + 0.05) >= 4.5


def test_no_controversy_says_so(pair: list[argmap.ArgumentMap]) -> None:
    """A comparison without controversies gives an empty table whose caption says why."""
    t = tables.divergences_table(pair[:1])
    assert t.rows == ()
    assert "do not contradict" in t.caption
    assert "| Controversy |" in t.to_markdown()


def test_same_display_names_told_apart(pair: list[argmap.ArgumentMap]) -> None:
    """Two authors who would read the same get their keys added."""
    c = argmap.compare([pair[0], pair[0]])
    t = tables.propositions_table(c)
    assert [col.header for col in t.columns[1:]] == [f"Ada North ({key})" for key in c.keys]
    assert len(set(c.keys)) == 2


# --- the Table itself ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "message"),
    [
        pytest.param(lambda: Cell(""), "must not be empty", id="empty-cell"),
        pytest.param(lambda: Cell("  "), "must not be empty", id="blank-cell"),
        pytest.param(lambda: Cell("x", note=""), "must not be empty", id="empty-note"),
        pytest.param(lambda: Cell("x", attributes={"onclick": "alert(1)"}), "not allowed", id="event-handler"),
        pytest.param(lambda: Cell("x", attributes={"data-X": "1"}), "not allowed", id="upper-case-data"),
        pytest.param(lambda: Column("h", width=0), "positive", id="zero-width"),
        pytest.param(lambda: Table("t", "T", "", [Column("a")], [Row([Cell("1"), Cell("2")])]), "2 cells",
                     id="row-too-long"),
        pytest.param(lambda: Table("t", "T", "", [], []), "at least one column", id="no-columns"),
        pytest.param(lambda: Table("Bad Kind", "T", "", [Column("a")], []), "lower-case", id="bad-kind"),
    ],
)
def test_table_invariants(build: Any, message: str) -> None:
    """A table refuses empty cells, unsafe HTML attributes and rows that do not fit."""
    with pytest.raises(ValueError, match=message):
        build()


def test_repr_html(pair: list[argmap.ArgumentMap]) -> None:
    """Jupyter gets the HTML fragment with its style sheet."""
    html = tables.build_table("propositions", pair)._repr_html_()
    assert html.startswith("<style>") and '<table class="argmap-table argmap-propositions"' in html


def test_format_table_rejects_unknown_format(pair: list[argmap.ArgumentMap]) -> None:
    """An unknown format or kind is an ExportError naming the choices."""
    with pytest.raises(ExportError, match="md, html, latex, csv"):
        tables.format_table(tables.build_table("theses", pair), "docx")
    with pytest.raises(ExportError, match="theses"):
        tables.build_table("essays", pair)


def test_write_table(pair: list[argmap.ArgumentMap], tmp_path: Path) -> None:
    """write_table picks the format from the suffix; a bad suffix leaves no file."""
    t = tables.build_table("agreement", pair)
    written = tables.write_table(t, tmp_path / "a.tex")
    assert written.read_text(encoding="utf-8") == t.to_latex()
    assert tables.write_table(t, tmp_path / "a.txt", "csv").read_bytes() == t.to_csv().encode()
    with pytest.raises(ExportError, match="suffix"):
        tables.write_table(t, tmp_path / "a.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.tex", "a.txt"]


# --- hostile text ------------------------------------------------------------------------------------

RLO, PDF, ZWSP, ZWJ = "\u202e", "\u202c", "\u200b", "\u200d"
HOSTILE = ('He said "no" & \'yes\' \\ <script>alert(1)</script> {x} a|b 100% $5 #1 snake_case ~t^ `tick` '
           f"[l](x) *em* --- ,, << >> &amp; <br>\nsecond line {RLO}evil{PDF} zero{ZWSP}width{ZWJ} café")


def _hostile_table(extra: str = "") -> Table:
    text = HOSTILE + extra
    return Table(
        "hostile", f"Title {text}", f"Caption {text}",
        [Column(f"Head {text}"), Column("Author", attributes={"data-author": 'x" onclick="alert(1)'}),
         Column("Number", numeric=True)],
        [Row([Cell(text), Cell(text, note=f"note {text}", attributes={"data-author": text}), Cell("1")],
             attributes={"data-concept": "<x>"}),
         Row([Cell("quotes"), Cell("silent", quotes=[text, "second"]), Cell(text)])],
    )


def _md_split(line: str) -> list[str]:
    """A pipe-table row split on its unescaped pipes."""
    cells, current, i = [], "", 0
    while i < len(line):
        if line[i] == "\\":
            current += line[i:i + 2]
            i += 2
            continue
        if line[i] == "|":
            cells.append(current)
            current = ""
        else:
            current += line[i]
        i += 1
    cells.append(current)
    return [c.strip(" ") for c in cells[1:-1]]  # as Markdown does: spaces around a cell do not count


_MD_TOKEN = re.compile(r"\\([!-/:-@\[-`{-~])|&#x([0-9A-F]+);|&lt;|&gt;|&amp;|<br>")


def _md_unescape(text: str) -> str:
    table = {"&lt;": "<", "&gt;": ">", "&amp;": "&", "<br>": "\n"}

    def back(m: re.Match[str]) -> str:
        if m.group(1) is not None:
            return m.group(1)
        if m.group(2) is not None:
            return chr(int(m.group(2), 16))
        return table[m.group()]

    return _MD_TOKEN.sub(back, text)


def _commonmark() -> Any:
    """A CommonMark renderer with GFM tables and footnotes (markdown-it-py), or None."""
    try:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.footnote import footnote_plugin
    except ImportError:
        return None
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(footnote_plugin)


COMMONMARK = _commonmark()


def test_hostile_markdown() -> None:
    """Markdown: every row keeps its cells, no raw HTML gets through, the text reads back intact."""
    text = tables.to_markdown(_hostile_table())
    lines = text.split("\n")
    rows = [line for line in lines if line.startswith("| ")]
    assert len(rows) == 3  # header and two rows: no line break escaped the table
    for row in rows:
        assert len(_md_split(row)) == 3
    first = _md_split(rows[1])
    assert _md_unescape(first[0]) == HOSTILE
    assert _md_unescape(first[1]) == HOSTILE + "[^hostile-1]"
    assert "<script" not in text and "<br>\nsecond" not in text
    footnote = next(line for line in lines if line.startswith("[^hostile-1]: "))
    assert _md_unescape(footnote.removeprefix("[^hostile-1]: ")) == "note " + " ".join(HOSTILE.split())
    assert RLO in text and ZWSP in text and ZWJ in text


def test_hostile_markdown_rendered() -> None:
    """A CommonMark parser with GFM tables and footnotes renders every hostile text as written."""
    if COMMONMARK is None:
        pytest.skip("markdown-it-py and mdit-py-plugins are not installed (pip install --group test)")
    parser = _Cells()
    parser.feed(COMMONMARK.render(tables.to_markdown(_hostile_table())))
    assert set(parser.tags) <= {"h3", "p", "table", "thead", "tbody", "tr", "th", "td", "br", "sup", "a", "hr",
                                "section", "ol", "li"}
    assert parser.cells[:6] == [f"Head {' '.join(HOSTILE.split())}", "Author", "Number", HOSTILE,
                                HOSTILE + "[1]", "1"]
    assert parser.cells[7] == "silent\n\u201c" + " ".join(HOSTILE.split()) + "\u201d\n\u201csecond\u201d"


class _Cells(HTMLParser):
    """Collects the tags, attributes and the text of each cell of an HTML table."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[dict[str, str | None]] = []
        self.cells: list[str] = []
        self.caption = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.append(dict(attrs))
        if tag in ("td", "th"):
            self._in = "cell"
            self.cells.append("")
        elif tag == "caption":
            self._in = "caption"
        elif tag == "br":
            self.handle_data("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th", "caption"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "cell":
            self.cells[-1] += data
        elif self._in == "caption":
            self.caption += data


def test_hostile_html() -> None:
    """HTML: only the table's own tags, attributes kept whole, every text intact once parsed."""
    text = tables.to_html(_hostile_table())
    parser = _Cells()
    parser.feed(text)
    assert set(parser.tags) <= {"table", "caption", "span", "thead", "tbody", "tr", "th", "td", "details",
                                "summary", "p", "br"}
    assert not any(name.startswith("on") for a in parser.attributes for name in a)
    assert {"data-author": 'x" onclick="alert(1)', "scope": "col"} in parser.attributes
    assert {"data-author": HOSTILE} in parser.attributes
    assert parser.cells[3] == HOSTILE
    assert parser.cells[4] == HOSTILE + "note " + HOSTILE
    assert parser.cells[7] == "silent\u201c" + " ".join(HOSTILE.split()) + "\u201d\u201csecond\u201d"
    assert f"Title {' '.join(HOSTILE.split())}" in parser.caption
    assert RLO in text and ZWSP in text and "<script" not in text


def test_hostile_html_standalone_has_no_network() -> None:
    """The standalone page inlines its style and fetches nothing."""
    page = tables.to_html(_hostile_table(), standalone=True)
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert not re.search(r"(?:src|href)\s*=|@import|url\(|https?://", page)


def test_hostile_csv() -> None:
    """CSV: RFC 4180 quoting and CRLF line ends; reading it back gives every text unchanged."""
    text = tables.to_csv(_hostile_table())
    assert text.endswith("\r\n") and text.count("\r\n") == 3
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert rows[0] == [f"Head {HOSTILE}", "Author", "Author quote", "Number"]
    assert rows[1] == [HOSTILE, HOSTILE, f"note {HOSTILE}", "1"]
    assert rows[2] == ["quotes", "silent", f"\u201c{' '.join(HOSTILE.split())}\u201d\n\u201csecond\u201d", HOSTILE]


@pytest.mark.parametrize(("value", "written"), [
    pytest.param("=1+1", "'=1+1", id="equals"), pytest.param("@SUM(A1)", "'@SUM(A1)", id="at"),
    pytest.param("+1", "'+1", id="plus"), pytest.param("-1", "'-1", id="minus"),
    pytest.param("a=1", "a=1", id="inside"),
])
def test_csv_formulas_guarded(value: str, written: str) -> None:
    """A value a spreadsheet would run as a formula gets a leading apostrophe (unless turned off)."""
    t = Table("t", "T", "", [Column("h")], [Row([Cell(value)])])
    assert list(csv.reader(io.StringIO(tables.to_csv(t))))[1] == [written]
    assert list(csv.reader(io.StringIO(tables.to_csv(t, guard_formulas=False))))[1] == [value]


_LATEX_TOKENS = sorted(((v, k) for k, v in write_latex._LATEX.items()), key=lambda p: -len(p[0]))
_LATEX_TOKEN = re.compile(r"\\newline |\{\\kern0pt\}|" + "|".join(re.escape(v) for v, _ in _LATEX_TOKENS))


def _latex_unescape(text: str) -> str:
    back = dict(_LATEX_TOKENS) | {"\\newline ": "\n", "{\\kern0pt}": ""}
    return _LATEX_TOKEN.sub(lambda m: back[m.group()], text)


def test_hostile_latex_text() -> None:
    """LaTeX: every special character escaped and read back; invisible characters shown."""
    text = tables.to_latex(_hostile_table())
    row = next(line for line in text.split("\n") if line.startswith("He said"))
    first = row.split(" & ")[0]
    assert _latex_unescape(first) == HOSTILE.replace(RLO, "[U+202E]").replace(PDF, "[U+202C]").replace(
        ZWSP, "[U+200B]").replace(ZWJ, "[U+200D]")
    bare = re.sub(r"\\(?:textbackslash|textasciitilde|textasciicircum|textless|textgreater|textbar|"
                  r"textquotedbl|textquotesingle|textasciigrave)\{\}|\\[&%$#_{}]|\\newline |\{\\kern0pt\}", "", first)
    assert not re.search(r"[\\&%$#_^~<>|\"'`]", bare)


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs", "Cc", "Cf", "Co", "Zl", "Zp")) | st.just("\n"),
               min_size=1).filter(lambda s: s.strip()))
def test_any_text_survives_every_format(text: str) -> None:
    """Any text reads back unchanged from Markdown (raw and rendered), HTML, LaTeX and CSV."""
    t = Table("t", "T", "", [Column("h"), Column("v")], [Row([Cell("r"), Cell(text)])])
    markdown = tables.to_markdown(t)
    assert _md_unescape(_md_split(markdown.split("\n")[4])[1]) == text.strip(" ")
    if COMMONMARK is not None:  # and as a Markdown renderer reads it (spaces around a cell do not count)
        rendered = _Cells()
        rendered.feed(COMMONMARK.render(markdown))
        assert rendered.cells[-1] == text.strip(" ")
    parser = _Cells()
    parser.feed(tables.to_html(t))
    assert parser.cells[-1] == text
    latex_row = next(line for line in tables.to_latex(t).split("\n") if line.startswith("r & "))
    assert _latex_unescape(latex_row.removeprefix("r & ").removesuffix(r" \\")) == text
    assert list(csv.reader(io.StringIO(tables.to_csv(t, guard_formulas=False), newline="")))[1] == ["r", text]


# --- compiling LaTeX -----------------------------------------------------------------------------------

ENGINES = [pytest.param(e, marks=pytest.mark.skipif(
    shutil.which(e) is None,
    reason=f"{e} is not installed (Debian: apt-get install texlive-latex-base texlive-latex-recommended"
           f"{' texlive-luatex' if e == 'lualatex' else ''})"), id=e) for e in ("pdflatex", "lualatex")]


@pytest.mark.parametrize("engine", ENGINES)
def test_latex_compiles(engine: str, pair: list[argmap.ArgumentMap], tmp_path: Path) -> None:
    """A teaching table and a table of hostile text compile; the hostile text prints as written."""
    extra = " \u05e9\u05dc\u05d5\u05dd" if engine == "lualatex" else ""  # Hebrew: no pdfLaTeX font for it
    body = tables.to_latex(tables.build_table("divergences", pair)) + tables.to_latex(_hostile_table(extra))
    document = tables.to_latex(_hostile_table(), standalone=True).replace(
        tables.to_latex(_hostile_table()), body)
    (tmp_path / "t.tex").write_text(document, encoding="utf-8")
    run = subprocess.run([engine, "-interaction=nonstopmode", "-halt-on-error", "t.tex"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stdout[-3000:]
    if shutil.which("pdftotext"):
        printed = subprocess.run(["pdftotext", "-layout", "t.pdf", "-"], cwd=tmp_path, capture_output=True,
                                 text=True, check=True).stdout
        for piece in ("<script>alert(1)</script>", "{x}", "100% $5 #1 snake_case", '"no"', "---", ",, << >>", "café",
                      "[U+202E]evil[U+202C]", "Regional rivalry"):
            assert piece in printed, piece


# --- the command line --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", tables.FORMATS)
def test_cli_matches_golden(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`argmap table DIR --kind K --format F` prints the golden output."""
    assert main(["table", str(FIXTURES), "--kind", "factors", "--format", fmt]) == 0
    assert capsys.readouterr().out == (GOLDEN / f"factors.{SUFFIX[fmt]}").read_bytes().decode("utf-8")


def test_cli_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-o writes the file, its format taken from the suffix; --standalone makes a whole page."""
    out = tmp_path / "agreement.html"
    argv = ["table", str(FIXTURES / "north.yaml"), str(FIXTURES / "south.yaml"), "--kind", "agreement",
            "--metric", "distance-ratio", "--standalone", "-o", str(out)]
    assert main(argv) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "distance ratio" in page
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["--kind", "factors", "--metric", "jaccard"], id="metric-not-agreement"),
        pytest.param(["--kind", "agreement", "--metric", "cosine"], id="unknown-metric"),
        pytest.param(["--kind", "essays"], id="unknown-kind"),
        pytest.param(["--kind", "theses", "-o", "x.docx"], id="unknown-suffix"),
        pytest.param([], id="no-kind"),
    ],
)
def test_cli_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Usage errors exit 2 with a message."""
    assert main(["table", str(FIXTURES), *argv]) == 2
    assert capsys.readouterr().err


def test_cli_problems_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A broken map or an unwritable output exits 1 with a message, no traceback."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("source: {id: s, file: x.txt}\nnodes: []\nfoo: 1\n")
    assert main(["table", str(bad), "--kind", "theses"]) == 1
    (tmp_path / "a-file").write_text("", "utf-8")
    assert main(["table", str(FIXTURES), "--kind", "theses", "-o", str(tmp_path / "a-file" / "t.md")]) == 1
    err = capsys.readouterr().err
    assert "bad.yaml:3:1" in err and "cannot write" in err and "Traceback" not in err


# --- the docs and the seed maps -------------------------------------------------------------------------------------


def test_seed_maps_make_every_table() -> None:
    """On the real seed maps every table builds in every format, and no cell is empty."""
    paths = sorted(p for p in SEED_MAPS.glob("*.yaml") if p.name != "concepts.yaml")
    if not paths:
        pytest.skip("no seed maps in maps/ yet")
    maps = [argmap.load(p) for p in paths]
    c = argmap.compare(maps)
    for kind in tables.KINDS:
        t = tables.build_table(kind, maps, comparison=c)
        assert all(cell.text.strip() for row in t.rows for cell in row.cells)
        for fmt in tables.FORMATS:
            assert tables.format_table(t, fmt)
    assert len(tables.divergences_table(c).rows) == len(c.controversies)


def test_docs_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Python examples in docs/tables.md run as written from the repository root."""
    if not (SEED_MAPS / "002-lost-opportunities.yaml").is_file():
        pytest.skip("the seed maps are not in maps/ yet")
    doc = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    examples = re.findall(r"```python\n(.*?)```", doc, re.DOTALL)
    assert len(examples) == 2
    shutil.copytree(SEED_MAPS, tmp_path / "maps")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "build").mkdir()
    monkeypatch.chdir(tmp_path)
    for example in examples:
        exec(compile(example, "docs/tables.md", "exec"), {})
    assert (tmp_path / "build" / "factors.tex").read_text(encoding="utf-8").startswith("% argmap table: factors")
