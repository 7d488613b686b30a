"""A teaching table as plain data: a title, a caption, column headers and rows of cells.

Each cell has its text, an optional short quote or note, optional verbatim quotes to show in
full, and optional HTML attributes (``data-author``, ``data-concept``) that a page can filter
on. A cell never holds an empty string: an author who does not address a concept is
*silent*, which must not read as a blank, and so as a disagreement. The writers
(``write_md``, ``write_html``, ``write_latex``, ``write_csv``) turn a table into text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

__all__ = ["MARKS", "Cell", "Column", "Row", "Table"]


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


#: The symbols set beside a judgement in the teaching tables, so that it reads without colour:
#: ``+`` helps or affirms, ``−`` (U+2212) hinders or denies, ``±`` mixed (both), ``~``
#: qualifies. A mention and silence take no side and get none.
MARKS = {"helps": "+", "affirms": "+", "hinders": "\u2212", "denies": "\u2212", "mixed": "\u00b1",
         "qualifies": "~"}


def _check_labels(inst: Cell, _attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if value and len(value) != len(inst.quotes):
        raise ValueError(f"a cell has {len(inst.quotes)} quotes and {len(value)} quote labels: give one per quote")
    for label in value:
        _says_something(inst, _attribute, label)


@attrs.frozen
class Cell:
    """One cell: its text, and optionally a mark, a short quote or note and verbatim quotes.

    ``mark`` is a symbol set before the text in Markdown, HTML and LaTeX (see :data:`MARKS`);
    CSV keeps the word alone. ``note`` is kept out of the way (a footnote in Markdown and
    LaTeX, an expandable ``<details>`` in HTML, its own column in CSV); ``quotes`` are shown
    in full under the text (their own column in CSV), each after its label in
    ``quote_labels`` where given (``helps:``, ``denies:``: which side a quote is on).
    ``attributes`` go onto the HTML element only.
    """

    text: str = attrs.field(validator=_says_something)
    note: str | None = attrs.field(default=None, validator=_optional_note)
    quotes: tuple[str, ...] = attrs.field(default=(), converter=_strings, validator=_non_empty_strings)
    attributes: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_attributes, validator=_check_attributes)
    mark: str | None = attrs.field(default=None, validator=_optional_note, kw_only=True)
    quote_labels: tuple[str, ...] = attrs.field(default=(), converter=_strings, validator=_check_labels,
                                                kw_only=True)

    @property
    def shown(self) -> str:
        """The text with its mark before it, as the laid-out formats show it."""
        return f"{self.mark} {self.text}" if self.mark else self.text

    def labelled_quotes(self) -> tuple[tuple[str | None, str], ...]:
        """Each quote with its label (None where the cell gives none)."""
        labels: tuple[str | None, ...] = self.quote_labels or (None,) * len(self.quotes)
        return tuple(zip(labels, self.quotes, strict=True))

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

    def __repr__(self) -> str:
        return f"<Table {self.kind}: {self.title!r}, {len(self.rows)} rows x {len(self.columns)} columns>"

    def to_markdown(self, *, heading: int = 3) -> str:
        """The table as a GitHub pipe table (:func:`argmap.tables.to_markdown`)."""
        from argmap.tables.write_md import to_markdown

        return to_markdown(self, heading=heading)

    def to_html(self, *, standalone: bool = False) -> str:
        """The table as an HTML fragment, or a whole page (:func:`argmap.tables.to_html`)."""
        from argmap.tables.write_html import to_html

        return to_html(self, standalone=standalone)

    def to_latex(self, *, standalone: bool = False) -> str:
        """The table as a booktabs ``longtable`` (:func:`argmap.tables.to_latex`)."""
        from argmap.tables.write_latex import to_latex

        return to_latex(self, standalone=standalone)

    def to_csv(self) -> str:
        """The table as RFC 4180 CSV (:func:`argmap.tables.to_csv`)."""
        from argmap.tables.write_csv import to_csv

        return to_csv(self)

    def _repr_html_(self) -> str:
        """Jupyter shows the table as HTML with its style sheet."""
        from argmap.tables.write_html import CSS, to_html

        return f"<style>{CSS}</style>\n{to_html(self)}"
