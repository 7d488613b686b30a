"""Comparison tables for teaching, each one :class:`Table` written in four formats.

A :class:`Table` is plain data (:mod:`argmap.tables.table`). The builders make the five
teaching tables from a comparison of authors (:func:`theses_table`, :func:`factors_table`,
:func:`propositions_table`, :func:`agreement_table`, :func:`divergences_table`, in
:mod:`argmap.tables.teaching`); the writers turn any table into Markdown, HTML, LaTeX or CSV
text (:func:`to_markdown`, :func:`to_html`, :func:`to_latex`, :func:`to_csv`), escaping
every character that means something in the target format, and :func:`write_table` writes
one to a file atomically.
"""

from argmap.tables.formats import FORMATS, TableFormat, format_table, table_format, write_table
from argmap.tables.table import Cell, Column, Row, Table
from argmap.tables.teaching import (
    KINDS,
    TableKind,
    agreement_table,
    build_table,
    divergences_table,
    factors_table,
    propositions_table,
    theses_table,
)
from argmap.tables.write_csv import to_csv
from argmap.tables.write_html import to_html
from argmap.tables.write_latex import to_latex
from argmap.tables.write_md import to_markdown

__all__ = [
    "FORMATS",
    "KINDS",
    "Cell",
    "Column",
    "Row",
    "Table",
    "TableFormat",
    "TableKind",
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
