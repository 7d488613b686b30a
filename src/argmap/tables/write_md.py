"""A :class:`~argmap.tables.Table` as a GitHub-flavoured Markdown pipe table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap._text import escape_markdown, one_line, quoted
from argmap.errors import ExportError

if TYPE_CHECKING:
    from argmap.tables.table import Cell, Table

__all__ = ["to_markdown"]


def _md(text: str) -> str:
    return escape_markdown(text)


def _md_cell(cell: Cell, label: str | None) -> str:
    text = _md(cell.shown)
    if label is not None:
        text += f"[^{label}]"
    for side, quote in cell.labelled_quotes():
        text += "<br>" + (f"{_md(side)}: " if side else "") + _md(quoted(one_line(quote)))
    return text


def to_markdown(table: Table, *, heading: int = 3) -> str:
    """The table as a GitHub-flavoured pipe table under a heading of level ``heading`` (0 for
    the title in bold), its caption below, and notes as footnotes (``[^factors-1]``)."""
    if not 0 <= heading <= 6:
        raise ExportError(f"Markdown heading level must be 0 to 6, got {heading}")
    title = _md(one_line(table.title))
    out = [f"{'#' * heading} {title}" if heading else f"**{title}**", ""]
    if table.caption.strip():
        out += [_md(one_line(table.caption)), ""]
    out.append("| " + " | ".join(_md(one_line(c.label)) for c in table.columns) + " |")
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
        out += [f"[^{label}]: {_md(one_line(note))}" for label, note in notes]
    return "\n".join(out) + "\n"
