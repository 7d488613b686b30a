"""Tables written in a format chosen by name or by a file's suffix."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal, TypeAlias

from argmap.errors import ExportError
from argmap.files import write_text
from argmap.tables.table import Table
from argmap.tables.write_csv import to_csv
from argmap.tables.write_html import to_html
from argmap.tables.write_latex import to_latex
from argmap.tables.write_md import to_markdown

__all__ = ["FORMATS", "TableFormat", "format_table", "table_format", "write_table"]

TableFormat: TypeAlias = Literal["md", "html", "latex", "csv"]
#: The formats :func:`format_table` writes.
FORMATS: tuple[TableFormat, ...] = ("md", "html", "latex", "csv")
_SUFFIXES: dict[str, TableFormat] = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
                                     ".tex": "latex", ".latex": "latex", ".csv": "csv"}



def format_table(table: Table, fmt: str, *, standalone: bool = False) -> str:
    """The table as text in one of :data:`FORMATS` (``md``, ``html``, ``latex``, ``csv``);
    ``standalone`` asks for a whole HTML page or LaTeX document.

    Raises :class:`~argmap.errors.ExportError` for any other ``fmt``.
    """
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
    """The format a file name asks for by its suffix (.md, .html, .tex, .csv).

    Raises :class:`~argmap.errors.ExportError` for any other suffix (or none); ``.markdown``,
    ``.htm`` and ``.latex`` are accepted too.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise ExportError(f"{path}: cannot tell the table format from the suffix {suffix or '(none)'!r}; "
                          f"use .md, .html, .tex or .csv, or name the format")
    return _SUFFIXES[suffix]


def write_table(table: Table, path: str | os.PathLike[str], fmt: str | None = None, *,
                standalone: bool = False) -> Path:
    """Write the table to ``path`` atomically, in ``fmt`` or the format its suffix names.

    Raises :class:`~argmap.errors.ExportError` for an unknown ``fmt``, or without ``fmt`` a
    suffix that names no format (before anything is written), and ``OSError`` where the file
    cannot be written.
    """
    return write_text(path, format_table(table, fmt or table_format(path), standalone=standalone))
