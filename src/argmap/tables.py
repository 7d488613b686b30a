"""Comparison tables for teaching, each one :class:`Table` written in four formats.

A :class:`Table` is plain data: a title, a caption, column headers and rows of cells, each
cell with its text, an optional short quote or note, optional verbatim quotes to show in
full, and optional HTML attributes (``data-author``, ``data-concept``) that a page can filter
on. The builders make the five teaching tables from a comparison of authors
(:func:`theses_table`, :func:`factors_table`, :func:`propositions_table`,
:func:`agreement_table`, :func:`divergences_table`); the writers turn any table into
Markdown, HTML, LaTeX or CSV text (:func:`to_markdown`, :func:`to_html`, :func:`to_latex`,
:func:`to_csv`), escaping every character that means something in the target format, and
:func:`write_table` writes one to a file atomically.

A cell never holds an empty string: an author who does not address a concept is *silent*,
which must not read as a blank, and so as a disagreement.
"""

from __future__ import annotations

import csv
import functools
import html
import io
import math
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, TypeAlias, cast

import attrs

from argmap.compare import (
    METRICS,
    AuthorStance,
    CausalLink,
    Comparison,
    ConceptRow,
    ConceptUse,
    LinkRow,
    LinkSign,
    Projection,
    compare,
)
from argmap.concepts import ConceptKind, Vocabulary
from argmap.errors import ExportError, MetricError
from argmap.metrics import Normalization
from argmap.model import ArgumentMap, Kind, Quote, Sign, Stance

__all__ = [
    "FORMATS",
    "KINDS",
    "Cell",
    "Column",
    "Row",
    "Table",
    "agreement_table",
    "build_table",
    "divergences_table",
    "factors_table",
    "format_table",
    "propositions_table",
    "table_format",
    "theses_table",
    "to_csv",
    "to_html",
    "to_latex",
    "to_markdown",
    "write_table",
]

TableKind: TypeAlias = Literal["theses", "factors", "propositions", "agreement", "divergences"]
TableFormat: TypeAlias = Literal["md", "html", "latex", "csv"]
#: The tables :func:`build_table` makes.
KINDS: tuple[TableKind, ...] = ("theses", "factors", "propositions", "agreement", "divergences")
#: The formats :func:`format_table` writes.
FORMATS: tuple[TableFormat, ...] = ("md", "html", "latex", "csv")
_SUFFIXES: dict[str, TableFormat] = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
                                     ".tex": "latex", ".latex": "latex", ".csv": "csv"}

# --- the table -----------------------------------------------------------------------------

# Attribute names a cell may carry into HTML; anything else could smuggle in an event handler.
_ATTRIBUTE_NAME = re.compile(r"^(?:class|title|lang|dir|id|data-[a-z0-9]+(?:-[a-z0-9]+)*)$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


def _attributes(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((str(k), str(v)) for k, v in items)


def _check_attributes(_inst: object, _attribute: attrs.Attribute[Any], value: tuple[tuple[str, str], ...]) -> None:
    for name, _ in value:
        if not _ATTRIBUTE_NAME.match(name):
            raise ValueError(f"HTML attribute {name!r} is not allowed in a table: use class, title, lang, "
                             f"dir, id or a data-* name in lower case")
    names = [name for name, _ in value]
    if len(set(names)) != len(names):
        raise ValueError(f"HTML attribute given twice: {names}")


def _says_something(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"a table {attribute.name} must not be empty (write 'silent', 'n/a' or "
                         f"'not stated' instead), got {value!r}")


def _optional_note(_inst: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        _says_something(_inst, attribute, value)


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _non_empty_strings(_inst: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for item in value:
        _says_something(_inst, attribute, item)


@attrs.frozen
class Cell:
    """One cell: its text, and optionally a short quote or note and verbatim quotes.

    ``note`` is kept out of the way (a footnote in Markdown and LaTeX, an expandable
    ``<details>`` in HTML, its own column in CSV); ``quotes`` are shown in full under the
    text (their own column in CSV). ``attributes`` go onto the HTML element only.
    """

    text: str = attrs.field(validator=_says_something)
    note: str | None = attrs.field(default=None, validator=_optional_note)
    quotes: tuple[str, ...] = attrs.field(default=(), converter=_strings, validator=_non_empty_strings)
    attributes: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_attributes, validator=_check_attributes)

    def attribute(self, name: str) -> str | None:
        """The value of one HTML attribute, or None."""
        return dict(self.attributes).get(name)


@attrs.frozen
class Column:
    """A column: its header (``short``, where given, heads it in Markdown, HTML and LaTeX,
    the full header kept for CSV and the HTML tooltip), whether it holds numbers (set
    right), its relative width in LaTeX, and the HTML attributes of its header cell (e.g.
    ``data-author``)."""

    header: str = attrs.field(validator=_says_something)
    short: str | None = attrs.field(default=None, validator=_optional_note)
    numeric: bool = False
    width: float = attrs.field(default=1.0)
    attributes: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_attributes, validator=_check_attributes)

    @property
    def label(self) -> str:
        """The header as shown in a laid-out table: the short one where there is one."""
        return self.short or self.header

    @width.validator
    def _check_width(self, _attribute: attrs.Attribute[float], value: float) -> None:
        if not (isinstance(value, int | float) and math.isfinite(value) and value > 0):
            raise ValueError(f"column width must be a positive number, got {value!r}")


def _cells(value: Iterable[Cell]) -> tuple[Cell, ...]:
    return tuple(value)


@attrs.frozen
class Row:
    """A row of cells, with the HTML attributes of its ``<tr>`` (e.g. ``data-concept``)."""

    cells: tuple[Cell, ...] = attrs.field(converter=_cells)
    attributes: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_attributes, validator=_check_attributes)


def _columns(value: Iterable[Column]) -> tuple[Column, ...]:
    return tuple(value)


def _rows(value: Iterable[Row]) -> tuple[Row, ...]:
    return tuple(value)


@attrs.frozen
class Table:
    """A titled table whose rows each start with a header cell (unless ``row_headers`` is
    false); ``kind`` names it in CSS classes, footnote labels and LaTeX labels."""

    kind: str = attrs.field()
    title: str = attrs.field(validator=_says_something)
    caption: str
    columns: tuple[Column, ...] = attrs.field(converter=_columns)
    rows: tuple[Row, ...] = attrs.field(converter=_rows)
    row_headers: bool = True

    @kind.validator
    def _check_kind(self, _attribute: attrs.Attribute[str], value: str) -> None:
        if not isinstance(value, str) or not _NAME.match(value):
            raise ValueError(f"table kind must be lower-case words joined by hyphens, got {value!r}")

    def __attrs_post_init__(self) -> None:
        if not self.columns:
            raise ValueError("a table needs at least one column")
        for i, row in enumerate(self.rows, 1):
            if len(row.cells) != len(self.columns):
                raise ValueError(f"row {i} has {len(row.cells)} cells for {len(self.columns)} columns")

    def to_markdown(self, *, heading: int = 3) -> str:
        """The table as a GitHub pipe table (:func:`to_markdown`)."""
        return to_markdown(self, heading=heading)

    def to_html(self, *, standalone: bool = False) -> str:
        """The table as an HTML fragment, or a whole page (:func:`to_html`)."""
        return to_html(self, standalone=standalone)

    def to_latex(self, *, standalone: bool = False) -> str:
        """The table as a booktabs ``longtable`` (:func:`to_latex`)."""
        return to_latex(self, standalone=standalone)

    def to_csv(self) -> str:
        """The table as RFC 4180 CSV (:func:`to_csv`)."""
        return to_csv(self)

    def _repr_html_(self) -> str:
        """Jupyter shows the table as HTML with its style sheet."""
        return f"<style>{_CSS}</style>\n{to_html(self)}"


# --- text helpers ----------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters (0: no
    limit) with `` …`` marking the cut."""
    text = _one_line(text)
    if limit <= 0 or len(text) <= limit:
        return text
    cut = text[: max(1, limit - 2)]
    space = cut.rfind(" ")
    if text[len(cut)] != " " and space > limit // 2:  # not at the end of a word: back to the last one
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + " …"


def _quoted(text: str) -> str:
    return f"\u201c{text}\u201d"


def _invisible(ch: str) -> bool:
    """Characters TeX cannot typeset: control and format characters (zero-width spaces,
    direction overrides, ...), surrogates and private-use characters."""
    return ch not in "\n\t" and unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co")


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _show_controls(text: str) -> str:
    """Control characters other than tab and line break (which HTML forbids) shown as
    ``[U+XXXX]``; format characters (zero-width, direction marks) are kept as they are."""
    if text.isprintable():
        return text
    return "".join(f"[U+{ord(ch):04X}]" if ch not in "\t\n" and unicodedata.category(ch) == "Cc" else ch
                   for ch in text)


# --- Markdown ----------------------------------------------------------------------------------

# Backslash escapes work for every ASCII punctuation mark in CommonMark; these are the ones
# that can start emphasis, code, links, footnotes, strikethrough, math (GitHub) or headings,
# or end a cell. `<` and `>` become entities so that no HTML gets through, and so does an `&`
# that would start an entity (a lone `&` is plain text and stays legible).
_MD = {c: f"\\{c}" for c in "\\`*_[]|#~$!"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_MD_SPECIAL = re.compile("[" + re.escape("".join(c for c in _MD if c != "&")) + "]|&(?=#?[A-Za-z0-9]+;)")
# Characters that would end or break a Markdown table row.
_MD_BREAKS = re.compile("[\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]")


def _md_edges(text: str) -> str:
    """White space other than plain spaces at either end written as character references,
    which Markdown does not trim (a no-break space that opens a cell stays)."""
    start, end = len(text) - len(text.lstrip()), len(text.rstrip())
    if text[:start].strip(" ") == "" and text[end:].strip(" ") == "":
        return text

    def refer(part: str) -> str:
        return "".join(ch if ch == " " else f"&#x{ord(ch):X};" for ch in part)

    return refer(text[:start]) + text[start:end] + refer(text[end:])


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell: special characters escaped, each line break
    a ``<br>``; other characters are kept as they are."""
    text = _show_controls(_MD_BREAKS.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n")))
    return _md_edges("<br>".join(_MD_SPECIAL.sub(lambda m: _MD[m.group()], line.replace("\t", " "))
                                 for line in text.split("\n")))


def _md_cell(cell: Cell, label: str | None) -> str:
    text = _md(cell.text)
    if label is not None:
        text += f"[^{label}]"
    for quote in cell.quotes:
        text += "<br>" + _md(_quoted(_one_line(quote)))
    return text


def to_markdown(table: Table, *, heading: int = 3) -> str:
    """The table as a GitHub-flavoured pipe table under a heading of level ``heading`` (0 for
    the title in bold), its caption below, and notes as footnotes (``[^factors-1]``)."""
    if not 0 <= heading <= 6:
        raise ExportError(f"Markdown heading level must be 0 to 6, got {heading}")
    title = _md(_one_line(table.title))
    out = [f"{'#' * heading} {title}" if heading else f"**{title}**", ""]
    if table.caption.strip():
        out += [_md(_one_line(table.caption)), ""]
    out.append("| " + " | ".join(_md(_one_line(c.label)) for c in table.columns) + " |")
    out.append("|" + "|".join("---:" if c.numeric else "---" for c in table.columns) + "|")
    notes: list[tuple[str, str]] = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            label = None
            if cell.note is not None:
                label = f"{table.kind}-{len(notes) + 1}"
                notes.append((label, cell.note))
            cells.append(_md_cell(cell, label))
        out.append("| " + " | ".join(cells) + " |")
    if notes:
        out.append("")
        out += [f"[^{label}]: {_md(_one_line(note))}" for label, note in notes]
    return "\n".join(out) + "\n"


# --- HTML --------------------------------------------------------------------------------------


def _html(text: str, *, attribute: bool = False) -> str:
    """Text safe in HTML content (``& < >`` escaped) or, with ``attribute``, in a quoted
    attribute value (quotes escaped too); line breaks kept as ``\\n``."""
    return html.escape(_show_controls(text.replace("\r\n", "\n").replace("\r", "\n")), quote=attribute)


def _html_text(text: str) -> str:
    return "<br>".join(_html(line) for line in text.split("\n"))


def _html_attributes(pairs: Iterable[tuple[str, str]]) -> str:
    return "".join(f' {name}="{_html(value, attribute=True)}"' for name, value in pairs)


def _merge(pairs: Iterable[tuple[str, str]], extra_class: str | None) -> list[tuple[str, str]]:
    merged = list(pairs)
    if extra_class:
        for i, (name, value) in enumerate(merged):
            if name == "class":
                merged[i] = (name, f"{value} {extra_class}")
                break
        else:
            merged.insert(0, ("class", extra_class))
    return merged


def _header_attributes(column: Column) -> list[tuple[str, str]]:
    attributes = _merge(column.attributes, "argmap-number" if column.numeric else None)
    if column.label != column.header and not any(name == "title" for name, _ in attributes):
        attributes.append(("title", column.header))
    return attributes


def _html_cell(cell: Cell, tag: str, scope: str | None, numeric: bool) -> str:
    attributes = _merge(cell.attributes, "argmap-number" if numeric else None)
    if scope:
        attributes.insert(0, ("scope", scope))
    body = _html_text(cell.text)
    if cell.note is not None and not cell.quotes:
        body = (f'<details class="argmap-note"><summary>{body}</summary>'
                f"<p>{_html_text(cell.note)}</p></details>")
    for quote in cell.quotes:
        body += f'<p class="argmap-quote">{_html(_quoted(_one_line(quote)))}</p>'
    if cell.note is not None and cell.quotes:  # the quotes are in view: the note follows them
        body += f'<p class="argmap-more">{_html_text(cell.note)}</p>'
    return f"<{tag}{_html_attributes(attributes)}>{body}</{tag}>"


def to_html(table: Table, *, standalone: bool = False) -> str:
    """The table as an HTML fragment: one ``<table class="argmap-table argmap-KIND">`` with a
    ``<caption>``, ``<thead>``, and ``<th scope>`` for column and row headers; a note opens
    from a ``<details>`` in its cell (or follows the cell's quotes, where it has some).
    Every text is escaped. ``standalone`` wraps it in a whole page with its style sheet
    inline (nothing is fetched from the network)."""
    out = [f'<table class="argmap-table argmap-{table.kind}" data-table="{table.kind}">']
    caption = f'<span class="argmap-title">{_html(_one_line(table.title))}</span>'
    if table.caption.strip():
        caption += f' <span class="argmap-caption">{_html(_one_line(table.caption))}</span>'
    out.append(f"<caption>{caption}</caption>")
    out.append("<thead>")
    header = "".join(f'<th scope="col"{_html_attributes(_header_attributes(c))}>{_html(_one_line(c.label))}</th>'
                     for c in table.columns)
    out.append(f"<tr>{header}</tr>")
    out.append("</thead>")
    out.append("<tbody>")
    for row in table.rows:
        cells = []
        for i, (cell, column) in enumerate(zip(row.cells, table.columns, strict=True)):
            head = i == 0 and table.row_headers
            cells.append(_html_cell(cell, "th" if head else "td", "row" if head else None, column.numeric))
        out.append(f"<tr{_html_attributes(row.attributes)}>{''.join(cells)}</tr>")
    out.append("</tbody>")
    out.append("</table>")
    fragment = "\n".join(out) + "\n"
    if not standalone:
        return fragment
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_html(_one_line(table.title))}</title>\n"
        f"<style>{_CSS}{_PAGE_CSS}</style>\n"
        "</head>\n<body>\n<main>\n"
        f"{fragment}"
        "</main>\n"
        # Closed <details> do not print: open them all before printing.
        "<script>addEventListener('beforeprint', () => "
        "document.querySelectorAll('details').forEach(d => { d.open = true; }));</script>\n"
        "</body>\n</html>\n"
    )


# Okabe-Ito colours (safe for colour-blind readers), darkened for contrast on white; the
# words themselves carry the meaning, so greyscale print loses nothing.
_CSS = """
.argmap-table { border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; line-height: 1.35; }
.argmap-table caption { text-align: left; padding-bottom: 0.5rem; caption-side: top; }
.argmap-table .argmap-title { display: block; font-weight: bold; font-size: 1.05rem; }
.argmap-table .argmap-caption { display: block; color: #444; max-width: 60rem; }
.argmap-table th, .argmap-table td { padding: 0.3rem 0.6rem; text-align: left; vertical-align: top;
  border-bottom: 1px solid #ddd; }
.argmap-table thead th { border-bottom: 2px solid #333; }
.argmap-table tbody th { font-weight: normal; min-width: 9rem; }
.argmap-table .argmap-number { text-align: right; font-variant-numeric: tabular-nums; }
.argmap-table .argmap-diagonal { color: #888; }
.argmap-table .argmap-silent { color: #767676; font-style: italic; }
.argmap-table .argmap-affirms, .argmap-table .argmap-helps { color: #005a8c; }
.argmap-table .argmap-denies, .argmap-table .argmap-hinders { color: #a04000; }
.argmap-table .argmap-qualifies, .argmap-table .argmap-mixed { color: #7a5c00; }
.argmap-table .argmap-quote { margin: 0.3rem 0 0; color: #222; font-style: italic; max-width: 28rem; }
.argmap-table .argmap-more { margin: 0.3rem 0 0; color: #555; font-size: 0.85em; }
.argmap-table details summary { cursor: pointer; }
.argmap-table details p { margin: 0.3rem 0 0; color: #222; font-style: italic; max-width: 24rem; }
"""
_PAGE_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111;
  margin: 2rem; }
@media print {
  body { margin: 0; }
  .argmap-table { font-size: 9pt; }
  .argmap-table tr { break-inside: avoid; }
  .argmap-table details summary { list-style: none; }
}
"""


# --- LaTeX -------------------------------------------------------------------------------------

_LATEX = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}", '"': r"\textquotedbl{}",
    "'": r"\textquotesingle{}", "`": r"\textasciigrave{}",
    # `\\` and the booktabs rules read a following [ or * as their own argument.
    "[": "{[}", "]": "{]}", "*": "{*}",
    # Symbols pdfLaTeX's UTF-8 input does not know, written as text commands that it does.
    "\u2192": r"\textrightarrow{}", "\u2190": r"\textleftarrow{}", "\u2212": r"\textminus{}",
    "\u00b1": r"\textpm{}", "\u00ad": r"\-", "\u00a0": "~",
}


def _latex_char(ch: str) -> str:
    if ch in _LATEX:
        return _LATEX[ch]
    if ch == "\t":
        return " "
    if _invisible(ch):
        return f"{{[}}U+{ord(ch):04X}{{]}}"
    return ch


# Pairs of these make ligatures that would change the text: -- and --- (dashes), `` and ''
# (curly quotes), ,, << >> (low quotes, guillemets), !` ?` (inverted marks). A kern breaks
# them in every engine; an empty group does not in LuaLaTeX and XeLaTeX.
_LIGATURE = frozenset("-,<>'`!?")
_NO_LIGATURE = r"{\kern0pt}"


@functools.cache
def _latex_specials() -> re.Pattern[str]:
    """The characters to escape, and the first of each ligature pair (compiled on first use:
    ~5 ms that ``import argmap`` need not pay)."""
    pairs = re.escape("".join(sorted(_LIGATURE)))
    return re.compile(f"(?P<pair>[{pairs}])(?=[{pairs}])|[" + re.escape("".join(_LATEX)) + "]")


def _latex_special(m: re.Match[str]) -> str:
    ch = m.group()
    return _LATEX.get(ch, ch) + (_NO_LIGATURE if m.group("pair") else "")


def _latex_line(line: str) -> str:
    if line.isprintable():  # the common case, no control or format character: one regex pass
        return _latex_specials().sub(_latex_special, line)
    out = []
    for i, ch in enumerate(line):
        out.append(_latex_char(ch))
        if ch in _LIGATURE and line[i + 1 : i + 2] in _LIGATURE:
            out.append(_NO_LIGATURE)
    return "".join(out)


def _latex(text: str) -> str:
    """Text safe in a LaTeX table cell: every special character escaped, ligatures that
    would change the text broken, control and invisible format characters shown as
    ``[U+XXXX]`` (TeX cannot typeset them), each line break a ``\\newline``. Other
    characters stay UTF-8."""
    return r"\newline ".join(_latex_line(line) for line in _lines(text))


def _latex_cell(cell: Cell, mark: int | None) -> str:
    text = _latex(cell.text)
    if mark is not None:
        text += rf"\textsuperscript{{{mark}}}"
    for quote in cell.quotes:
        text += r"\newline{\itshape " + _latex(_quoted(_one_line(quote))) + "}"
    return text


def _latex_columns(table: Table) -> str:
    total = sum(c.width for c in table.columns)
    specs = []
    for c in table.columns:
        align = r"\raggedleft" if c.numeric else r"\raggedright"
        specs.append(rf">{{{align}\arraybackslash}}p{{\dimexpr {c.width / total:.3f}\linewidth-2\tabcolsep\relax}}")
    return "@{}" + "".join(specs) + "@{}"


_LATEX_NOTE = (
    "% Needs \\usepackage{booktabs,longtable,array}. The text is UTF-8: compile with LuaLaTeX or\n"
    "% XeLaTeX (any script), or with pdfLaTeX and \\usepackage[T1]{fontenc} (Latin script only;\n"
    "% UTF-8 input is pdfLaTeX's default since 2018).\n"
)


def _latex_size(table: Table) -> str | None:
    """A smaller type for wide tables, smaller still where they quote at length."""
    if len(table.columns) <= 4:
        return None
    quoting = any(cell.quotes for row in table.rows for cell in row.cells)
    return r"\footnotesize" if quoting else r"\small"


def to_latex(table: Table, *, standalone: bool = False) -> str:
    """The table as a booktabs ``longtable`` (it breaks across pages, its header repeated),
    with its title and caption as the ``\\caption``, notes as numbered marks listed below.
    Every special character is escaped; text stays UTF-8 (see the comment at the top of
    the output for the engines). ``standalone`` makes a whole document that compiles with
    pdfLaTeX, LuaLaTeX or XeLaTeX (landscape for tables of more than five columns)."""
    out = [f"% argmap table: {table.kind}", _LATEX_NOTE.rstrip("\n"), r"\begingroup",
           r"\setlength{\LTcapwidth}{\linewidth}"]
    size = _latex_size(table)
    if size:
        out.append(size)
    caption = _latex(_one_line(table.title))
    if table.caption.strip():
        stop = "" if table.title.rstrip()[-1:] in ".?!:" else "."
        caption = rf"\textbf{{{caption}{stop}}} {_latex(_one_line(table.caption))}"
    short = _latex(_one_line(table.title))
    head = " & ".join(_latex(_one_line(c.label)) for c in table.columns) + r" \\"
    out += [
        rf"\begin{{longtable}}{{{_latex_columns(table)}}}",
        rf"\caption[{{{short}}}]{{{caption}}}\label{{tab:argmap-{table.kind}}}\\",
        r"\toprule", head, r"\midrule", r"\endfirsthead",
        r"\toprule", head, r"\midrule", r"\endhead",
        r"\bottomrule", r"\endlastfoot",
    ]
    # Rows of several lines read better with a little space between them.
    spaced = any(cell.quotes or "\n" in cell.text for row in table.rows for cell in row.cells)
    notes: list[str] = []
    for i, row in enumerate(table.rows):
        cells = []
        for cell in row.cells:
            mark = None
            if cell.note is not None:
                notes.append(cell.note)
                mark = len(notes)
            cells.append(_latex_cell(cell, mark))
        if spaced and i:
            out.append(r"\addlinespace")
        out.append(" & ".join(cells) + r" \\")
    out.append(r"\end{longtable}")
    if notes:
        out.append(r"\begin{flushleft}\footnotesize")
        items = [r"\textit{Notes}"]
        items += [rf"\textsuperscript{{{i}}}\,{_latex(_one_line(n))}" for i, n in enumerate(notes, 1)]
        out.append(" \\\\\n".join(items))
        out.append(r"\end{flushleft}")
    out.append(r"\endgroup")
    fragment = "\n".join(out) + "\n"
    if not standalone:
        return fragment
    landscape = ",landscape" if len(table.columns) > 5 else ""
    return (
        "\\documentclass[a4paper,10pt]{article}\n"
        "\\usepackage{iftex}\n"
        "\\ifPDFTeX\\usepackage[T1]{fontenc}\\fi\n"
        f"\\usepackage[margin=2cm{landscape}]{{geometry}}\n"
        "\\usepackage{booktabs,longtable,array}\n"
        "\\begin{document}\n"
        f"{fragment}"
        "\\end{document}\n"
    )


# --- CSV ---------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_value(text: str, guard: bool) -> str:
    # A spreadsheet runs a cell that starts like a formula; a leading ' makes it text.
    return "'" + text if guard and text.startswith(_FORMULA_START) else text


def _csv_extra(cell: Cell) -> str:
    parts = [_quoted(_one_line(q)) for q in cell.quotes]
    if cell.note is not None:
        parts.append(cell.note)
    return "\n".join(parts)


def to_csv(table: Table, *, guard_formulas: bool = True) -> str:
    """The table as CSV (RFC 4180: CRLF line ends, fields with commas, quotes or line breaks
    quoted, quotes doubled), one header row and one line per row; no title or caption.

    A column whose cells carry notes or quotes is followed by a column of them, headed
    ``HEADER quote``. Text is kept as it is, except that, with ``guard_formulas``, a value
    that starts with ``= + - @`` (which a spreadsheet would run as a formula) gets a
    leading ``'``.
    """
    extra = [any(row.cells[i].note is not None or row.cells[i].quotes for row in table.rows)
             for i in range(len(table.columns))]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    header: list[str] = []
    for column, more in zip(table.columns, extra, strict=True):
        header.append(column.header)
        if more:
            header.append(f"{column.header} quote")
    writer.writerow([_csv_value(h, guard_formulas) for h in header])
    for row in table.rows:
        values: list[str] = []
        for cell, more in zip(row.cells, extra, strict=True):
            values.append(cell.text)
            if more:
                values.append(_csv_extra(cell))
        writer.writerow([_csv_value(v, guard_formulas) for v in values])
    return buffer.getvalue()


# --- formats and files -------------------------------------------------------------------------


def format_table(table: Table, fmt: str, *, standalone: bool = False) -> str:
    """The table as text in one of :data:`FORMATS` (``md``, ``html``, ``latex``, ``csv``);
    ``standalone`` asks for a whole HTML page or LaTeX document."""
    if fmt == "md":
        return to_markdown(table)
    if fmt == "html":
        return to_html(table, standalone=standalone)
    if fmt == "latex":
        return to_latex(table, standalone=standalone)
    if fmt == "csv":
        return to_csv(table)
    raise ExportError(f"unknown table format {fmt!r}; choose one of {', '.join(FORMATS)}")


def table_format(path: str | os.PathLike[str]) -> TableFormat:
    """The format a file name asks for by its suffix (.md, .html, .tex, .csv)."""
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise ExportError(f"{path}: cannot tell the table format from the suffix {suffix or '(none)'!r}; "
                          f"use .md, .html, .tex or .csv, or name the format")
    return _SUFFIXES[suffix]


def write_table(table: Table, path: str | os.PathLike[str], fmt: str | None = None, *,
                standalone: bool = False) -> Path:
    """Write the table to ``path`` atomically, in ``fmt`` or the format its suffix names."""
    from argmap.yamlio import write_text

    return write_text(path, format_table(table, fmt or table_format(path), standalone=standalone))


# --- the teaching tables -------------------------------------------------------------------------

_DEFAULT_NOTE = 200  # characters of a quote in a note
_DEFAULT_QUOTE = 320  # characters of a quote shown in full in a cell


def _comparison(source: Comparison | Iterable[ArgumentMap], vocabulary: Vocabulary | None) -> Comparison:
    if isinstance(source, Comparison):
        return source
    return compare(list(source), vocabulary=vocabulary)


def _short_name(name: str, limit: int = 28) -> str:
    return _shorten(name, limit)


def _author_names(c: Comparison) -> dict[str, str]:
    """Each author's display name, with the key added where two would read the same."""
    names = {p.key: p.name for p in c.projections}
    counts = Counter(names.values())
    return {k: f"{n} ({k})" if counts[n] > 1 else n for k, n in names.items()}


def _author_columns(c: Comparison, names: Mapping[str, str], width: float = 1.0) -> list[Column]:
    columns = []
    for key in c.keys:
        short = _short_name(names[key])
        columns.append(Column(names[key], short=short if short != names[key] else None, width=width,
                              attributes={"data-author": key}))
    return columns


def _silent(key: str) -> Cell:
    return Cell("silent", attributes={"class": "argmap-silent", "data-author": key})


def _first_quote(quotes: Iterable[Quote], limit: int) -> str | None:
    for q in quotes:
        return _quoted(_shorten(q.text, limit))
    return None


def theses_table(
    maps: Sequence[ArgumentMap],
    *,
    comparison: Comparison | None = None,
    max_quote: int = _DEFAULT_QUOTE,
    max_note: int = _DEFAULT_NOTE,
) -> Table:
    """Per text: the author, title and year, the thesis in a short label with its quote,
    and the outlook (the author's predictions, their quotes as notes).

    Authors are keyed as in :func:`argmap.compare` (pass ``comparison`` to reuse one) and
    named by :func:`argmap.compare.display_name` where the text names no author.
    """
    maps = list(maps)
    c = comparison if comparison is not None else compare(maps)
    keys = c.keys
    if len(keys) != len(maps):
        raise ValueError(f"the comparison has {len(keys)} authors for {len(maps)} maps")
    names = _author_names(c)
    rows = []
    for amap, key in zip(maps, keys, strict=True):
        s = amap.source
        theses = amap.nodes_of(Kind.THESIS)
        if theses:
            thesis = Cell("\n".join(n.label for n in theses),
                          quotes=[_shorten(q.text, max_quote) for n in theses for q in n.quotes])
        else:
            thesis = Cell("no thesis marked", attributes={"class": "argmap-silent"})
        predictions = amap.nodes_of(Kind.PREDICTION)
        if len(predictions) == 1:
            outlook = Cell(predictions[0].label, note=_quoted(_shorten(predictions[0].quotes[0].text, max_note)))
        elif predictions:  # numbered, so that each note finds its prediction
            outlook = Cell("\n".join(f"{i}. {n.label}" for i, n in enumerate(predictions, 1)),
                           note=" ".join(f"{i}. {_quoted(_shorten(n.quotes[0].text, max_note))}"
                                         for i, n in enumerate(predictions, 1)))
        else:
            outlook = Cell("no prediction", attributes={"class": "argmap-silent"})
        rows.append(Row([
            Cell(names[key]),
            Cell(s.title or "untitled", attributes={} if s.title else {"class": "argmap-silent"}),
            Cell(str(s.year) if s.year is not None else "n.d.",
                 attributes={} if s.year is not None else {"class": "argmap-silent"}),
            thesis,
            outlook,
        ], attributes={"data-author": key}))
    columns = [Column("Author", width=1.2), Column("Title", width=1.5), Column("Year", width=0.5),
               Column("Thesis", width=3.3), Column("Outlook", width=2.0)]
    return Table(
        "theses", "Theses and outlook",
        "Each text’s main thesis, in a short label and in the author’s own words, and what the "
        "author expects to happen (quotes in the notes). A text that names no author is named "
        "by its title or map id, as in the other tables; n.d. = no date stated.",
        columns, rows,
    )


_SIGN_WORD = {Sign.HELPS: "helps", Sign.HINDERS: "hinders"}


def _effect_word(signs: Iterable[Sign]) -> str:
    found = frozenset(signs)
    return _SIGN_WORD[next(iter(found))] if len(found) == 1 else "mixed"


@attrs.frozen
class _Effect:
    """What an author says one factor does to one outcome: the signs, and the concepts the
    effect runs through (empty for a direct link), with the links that make it up."""

    outcome: str
    signs: frozenset[Sign]
    via: tuple[str, ...]
    first: CausalLink


def _effects(p: Projection, factor: str, outcomes: Sequence[str]) -> list[_Effect]:
    """The factor's effect on each outcome in the author's causal map: a direct link if the
    author draws one, else the shortest chains of links through other concepts, each one's
    sign the product of the signs along it (a mixed link passes on both signs)."""
    effects = []
    out: dict[str, list[CausalLink]] = {}
    for link in p.links:
        out.setdefault(link.cause, []).append(link)
    for outcome in outcomes:
        direct = p.link(factor, outcome)
        if direct is not None:
            effects.append(_Effect(outcome, direct.signs, (), direct))
            continue
        # Breadth first, one chain length at a time, over (concept, sign so far); stop at the
        # first length that reaches the outcome, so that a longer detour cannot add a sign.
        start = (factor, 1)
        parent: dict[tuple[str, int], tuple[tuple[str, int], CausalLink] | None] = {start: None}
        level = [start]
        reached: list[tuple[str, int]] = []
        while level and not reached:
            following = []
            for state in level:
                for link in out.get(state[0], ()):
                    for sign in link.signs:
                        nxt = (link.effect, state[1] * (1 if sign is Sign.HELPS else -1))
                        if nxt in parent or link.effect == factor:
                            continue
                        parent[nxt] = (state, link)
                        if link.effect == outcome:
                            reached.append(nxt)
                        elif link.effect not in outcomes:
                            following.append(nxt)
            level = following
        if reached:
            chain: list[CausalLink] = []
            state = reached[0]
            while (step := parent[state]) is not None:
                state, link = step
                chain.append(link)
            chain.reverse()
            signs = frozenset(Sign.HELPS if s > 0 else Sign.HINDERS for _, s in reached)
            effects.append(_Effect(outcome, signs, tuple(k.effect for k in chain[:-1]), chain[0]))
    return effects


def _link_quote(link: CausalLink, limit: int, sign: Sign | None = None) -> str | None:
    """The first quote of the link's paths (of one sign), preferring one that the paths of
    the other sign do not share, so that a mixed link quotes each side in its own words."""
    mine = [q.text for p in link.paths if sign is None or p.sign is sign for q in p.quotes]
    theirs = {q.text for p in link.paths if sign is not None and p.sign is not sign for q in p.quotes}
    own = [t for t in mine if t not in theirs] or mine
    return _quoted(_shorten(own[0], limit)) if own else None


def _factor_cell(p: Projection, use: ConceptUse, factor: str, outcomes: Sequence[str],
                 labels: Mapping[str, str], max_note: int) -> Cell:
    effects = _effects(p, factor, outcomes)
    if not effects:
        return Cell("mentions", note=_first_quote(use.quotes, max_note),
                    attributes={"class": "argmap-mentions", "data-author": p.key})
    words, notes = [], []
    for e in effects:
        word = _effect_word(e.signs) + (" (indirect)" if e.via else "")
        words.append(word if len(outcomes) == 1 else f"{word}: {labels[e.outcome]}")
        via = "via " + " → ".join(labels.get(v, v) for v in e.via) + ": " if e.via else ""
        if len(e.signs) > 1 and not e.via:
            quotes = [f"{_SIGN_WORD[s]}: {q}" for s in (Sign.HELPS, Sign.HINDERS)
                      if (q := _link_quote(e.first, max_note, s)) is not None]
            notes.append(" / ".join(quotes))
        else:
            quote = _link_quote(e.first, max_note)
            if quote or via:
                notes.append(via + (quote or ""))
    css = {"helps": "argmap-helps", "hinders": "argmap-hinders"}.get(
        _effect_word(frozenset(s for e in effects for s in e.signs)), "argmap-mixed")
    return Cell("\n".join(words), note=" ".join(n for n in notes if n) or None,
                attributes={"class": css, "data-author": p.key})


def factors_table(
    source: Comparison | Iterable[ArgumentMap],
    *,
    vocabulary: Vocabulary | None = None,
    max_note: int = _DEFAULT_NOTE,
) -> Table:
    """Causal factor x author: what each author says the factor does to the outcome the
    maps explain (helps, hinders, mixed; *indirect* where it runs through another factor;
    *mentions* where the author draws no effect; *silent* where the factor is not
    addressed), with a short quote in the notes."""
    c = _comparison(source, vocabulary)
    names = _author_names(c)
    labels = {r.concept: r.label for r in c.concepts}
    outcomes = [r.concept for r in c.concepts if r.kind is ConceptKind.OUTCOME]
    rows = []
    for r in c.concepts:
        if r.kind is not ConceptKind.FACTOR:
            continue
        cells = [Cell(r.label)]
        for p in c.projections:
            use = r.by_source.get(p.key)
            cells.append(_silent(p.key) if use is None else
                         _factor_cell(p, use, r.concept, outcomes, labels, max_note))
        rows.append(Row(cells, attributes={"data-concept": r.concept}))
    target = (labels[outcomes[0]] if len(outcomes) == 1
              else "the outcomes named in each cell" if outcomes else "the outcome")
    caption = (f"What each author says a factor does to {target}: helps, hinders, or mixed "
               "(both, in different respects or periods); indirect = through another factor; "
               "mentions = invoked without an effect on it; silent = not addressed. The notes quote "
               "the author.")
    if not rows:
        caption += " No author invokes a causal factor."
    return Table("factors", "Causal factors by author", caption,
                 [Column("Factor", width=1.6), *_author_columns(c, names)], rows)


def _stance_note(use: ConceptUse, limit: int) -> str | None:
    if use.stance is AuthorStance.MIXED:
        parts = []
        for stance in Stance:
            quotes = [q for m in use.mentions if m.stance is stance for q in m.quotes]
            quote = _first_quote(quotes, limit)
            if quote:
                parts.append(f"{stance.value}: {quote}")
        return " / ".join(parts) or None
    return _first_quote(use.quotes, limit)


def propositions_table(
    source: Comparison | Iterable[ArgumentMap],
    *,
    vocabulary: Vocabulary | None = None,
    max_note: int = _DEFAULT_NOTE,
) -> Table:
    """Contested proposition x author: affirms, denies, qualifies, mixed (the author takes
    more than one of these), mentions (no stance) or silent, with a short quote in the notes."""
    c = _comparison(source, vocabulary)
    names = _author_names(c)
    rows = []
    for r in c.concepts:
        if r.kind is not ConceptKind.PROPOSITION:
            continue
        cells = [Cell(r.label)]
        for p in c.projections:
            use = r.by_source.get(p.key)
            if use is None:
                cells.append(_silent(p.key))
            else:
                cells.append(Cell(use.stance.value, note=_stance_note(use, max_note),
                                  attributes={"class": f"argmap-{use.stance.value}", "data-author": p.key}))
        rows.append(Row(cells, attributes={"data-concept": r.concept}))
    caption = ("Each author’s stance on each proposition: affirms, denies, qualifies, mixed (more "
               "than one of these in different places), mentions (no stance), or silent (not "
               "addressed). The notes quote the author.")
    if not rows:
        caption += " No author takes up a proposition."
    return Table("propositions", "Contested propositions by author", caption,
                 [Column("Proposition", width=1.6), *_author_columns(c, names)], rows)


_METRIC_TITLES = {"jaccard": "Jaccard similarity", "distance_ratio": "distance ratio",
                  "congruence": "congruence", "conflict": "conflict"}
_METRIC_CAPTIONS = {
    "jaccard": "Jaccard similarity of the concepts two authors invoke (Jaccard 1912): concepts "
               "both invoke over concepts either invokes; 1 = the same concepts, 0 = none in common.",
    "distance_ratio": "Distance ratio of two authors’ causal maps (Langfield-Smith & Wirth 1992): "
                      "how far their cause-and-effect claims differ; 0 = the same claims, higher = "
                      "further apart.",
    "congruence": "Congruence (Leifeld 2017): the concepts on which both authors take the same "
                  "stance, a factor both invoke counting as shared; higher = closer.",
    "conflict": "Conflict (Leifeld 2017): the propositions one author affirms and the other "
                "denies; 0 = no direct disagreement.",
}
_NORMALIZATION_CAPTIONS = {
    "none": "",
    "average": " Divided by the two authors’ average number of stances.",
    "jaccard": " Divided by the number of stances either author takes.",
}


def _metric_value(x: float, counts: bool, digits: int) -> str:
    if math.isnan(x):
        return "n/a"
    if counts and x == int(x):
        return str(int(x))
    return f"{x:.{digits}f}"


def agreement_table(
    source: Comparison | Iterable[ArgumentMap],
    metric: str = "jaccard",
    *,
    normalization: str = "none",
    vocabulary: Vocabulary | None = None,
) -> Table:
    """Author x author matrix of one metric (``jaccard``, ``distance_ratio``, ``congruence``
    or ``conflict``, the last two with a ``normalization``: ``none``, ``average`` or
    ``jaccard``); values as :meth:`argmap.Comparison.matrix` gives them, the diagonal
    comparing each author with themselves (greyed in HTML)."""
    metric = metric.replace("-", "_")
    if metric not in METRICS:
        raise MetricError(f"unknown metric {metric!r}; choose one of {', '.join(METRICS)}")
    c = _comparison(source, vocabulary)
    m = c.matrix(metric, normalization=cast(Normalization, normalization))  # matrix() checks both
    counts = metric in ("congruence", "conflict") and m.normalization == "none"
    digits = 3 if metric == "distance_ratio" else 2  # distance ratios of real maps differ in the 2nd decimal
    names = _author_names(c)
    rows = []
    for key in m.keys:
        cells = [Cell(names[key])]
        for other, value in zip(m.keys, m.row(key), strict=True):
            attributes = [("data-author", other)]
            if other == key:
                attributes.insert(0, ("class", "argmap-diagonal"))
            cells.append(Cell(_metric_value(value, counts, digits), attributes=attributes))
        rows.append(Row(cells, attributes={"data-author": key}))
    title = f"Agreement between authors: {_METRIC_TITLES[metric]}"
    if m.normalization != "none":
        title += f" ({m.normalization} normalisation)"
    caption = _METRIC_CAPTIONS[metric] + _NORMALIZATION_CAPTIONS[m.normalization]
    columns = [Column("Author", width=1.6),
               *(attrs.evolve(col, numeric=True) for col in _author_columns(c, names))]
    return Table("agreement", title, caption, columns, rows)


def _limited(quotes: Iterable[Quote], max_quotes: int, max_quote: int) -> tuple[list[str], int]:
    seen: list[str] = []
    for q in quotes:
        text = _shorten(q.text, max_quote)
        if text not in seen:
            seen.append(text)
    if max_quotes <= 0 or len(seen) <= max_quotes:
        return seen, 0
    return seen[:max_quotes], len(seen) - max_quotes


def _more(extra: int) -> str | None:
    return f"{extra} more quote{'s' * (extra != 1)} in the map" if extra else None


def divergences_table(
    source: Comparison | Iterable[ArgumentMap],
    *,
    vocabulary: Vocabulary | None = None,
    max_quotes: int = 2,
    max_quote: int = 240,
) -> Table:
    """One row per controversy (a proposition some authors affirm and others deny, or a
    causal link they give opposite signs) with each author's stance and words side by side:
    at most ``max_quotes`` quotes per author (0: all), each cut to ``max_quote`` characters."""
    c = _comparison(source, vocabulary)
    names = _author_names(c)
    labels = {r.concept: r.label for r in c.concepts}
    rows = []
    for x in c.controversies:
        subject = x.subject
        if isinstance(subject, ConceptRow):
            head = Cell(subject.label)
            row_attributes = {"data-concept": subject.concept, "data-kind": "proposition"}
        else:
            head = Cell(f"{labels.get(subject.cause, subject.cause)} → "
                        f"{labels.get(subject.effect, subject.effect)}")
            row_attributes = {"data-concept": f"{subject.cause} {subject.effect}", "data-kind": "link"}
        cells = [head]
        for p in c.projections:
            cells.append(_divergence_cell(subject, p.key, max_quotes, max_quote))
        rows.append(Row(cells, attributes=row_attributes))
    caption = ("Each row is a proposition some authors affirm and others deny, or a causal link "
               "they see working in opposite directions (helps against hinders), with each author’s "
               "own words: the material for a discussion.")
    if not rows:
        caption += " The authors compared do not contradict one another."
    return Table("divergences", "Divergences: where the authors disagree", caption,
                 [Column("Controversy", width=1.3), *_author_columns(c, names, width=1.6)], rows)


def _divergence_cell(subject: ConceptRow | LinkRow, key: str, max_quotes: int, max_quote: int) -> Cell:
    if isinstance(subject, ConceptRow):
        use = subject.by_source.get(key)
        if use is None:
            return _silent(key)
        word = use.stance.value
        quotes, extra = _limited(use.quotes, max_quotes, max_quote)
    else:
        link = subject.by_source.get(key)
        if link is None:
            return _silent(key)
        word = {LinkSign.HELPS: "helps", LinkSign.HINDERS: "hinders"}.get(link.sign, "mixed")
        quotes, extra = _limited(_link_quotes(link), max_quotes, max_quote)
    return Cell(word, note=_more(extra), quotes=quotes,
                attributes={"class": f"argmap-{word}", "data-author": key})


def _link_quotes(link: CausalLink) -> Iterator[Quote]:
    """A link's quotes, the first of each path first, so that a mixed link shows both sides."""
    for path in link.paths:
        yield from path.quotes[:1]
    for path in link.paths:
        yield from path.quotes[1:]


def build_table(
    kind: str,
    maps: Sequence[ArgumentMap],
    *,
    comparison: Comparison | None = None,
    vocabulary: Vocabulary | None = None,
    metric: str = "jaccard",
    normalization: str = "none",
) -> Table:
    """One of the teaching tables (:data:`KINDS`) for these maps; ``comparison`` reuses a
    comparison of the same maps, ``metric`` and ``normalization`` choose the agreement
    matrix."""
    if kind not in KINDS:
        raise ExportError(f"unknown table kind {kind!r}; choose one of {', '.join(KINDS)}")
    c = comparison if comparison is not None else compare(list(maps), vocabulary=vocabulary)
    if kind == "theses":
        return theses_table(maps, comparison=c)
    if kind == "factors":
        return factors_table(c)
    if kind == "propositions":
        return propositions_table(c)
    if kind == "agreement":
        return agreement_table(c, metric, normalization=normalization)
    return divergences_table(c)
