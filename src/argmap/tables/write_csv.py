"""A :class:`~argmap.tables.Table` as CSV (RFC 4180), safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from argmap._text import one_line, quoted

if TYPE_CHECKING:
    from argmap.tables.table import Cell, Table

__all__ = ["to_csv"]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_value(text: str, guard: bool) -> str:
    # A spreadsheet runs a cell that starts like a formula; a leading ' makes it text.
    return "'" + text if guard and text.startswith(_FORMULA_START) else text


def _csv_extra(cell: Cell) -> str:
    parts = [(f"{side}: " if side else "") + quoted(one_line(q)) for side, q in cell.labelled_quotes()]
    if cell.note is not None:
        parts.append(cell.note)
    return "\n".join(parts)


def to_csv(table: Table, *, guard_formulas: bool = True) -> str:
    """The table as CSV (RFC 4180: CRLF line ends, fields with commas, quotes or line breaks
    quoted, quotes doubled), one header row and one line per row; no title or caption.

    A column whose cells carry notes or quotes is followed by a column of them, headed
    ``HEADER quote``. A cell's mark (``+``, ``−``) is left out: the word carries it. Text is
    kept as it is, except that, with ``guard_formulas``, a value
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
