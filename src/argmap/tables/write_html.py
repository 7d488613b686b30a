"""A :class:`~argmap.tables.Table` as an HTML table (a fragment, or a whole page)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from argmap._text import escape_html, html_lines, one_line, quoted

if TYPE_CHECKING:
    from argmap.tables.table import Cell, Column, Table

__all__ = ["CSS", "to_html"]



def _html(text: str, *, attribute: bool = False) -> str:
    return escape_html(text, attribute=attribute)


def _html_text(text: str) -> str:
    return html_lines(text)


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
    if cell.mark:  # a symbol beside the word, so that it reads without colour
        body = f'<span class="argmap-mark">{_html(cell.mark)}</span> {body}'
    if cell.note is not None and not cell.quotes:
        body = (f'<details class="argmap-note"><summary>{body}</summary>'
                f"<p>{_html_text(cell.note)}</p></details>")
    for side, quote in cell.labelled_quotes():
        said = f'<span class="argmap-side">{_html(side)}:</span> ' if side else ""
        body += f'<p class="argmap-quote">{said}{_html(quoted(one_line(quote)))}</p>'
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
    caption = f'<span class="argmap-title">{_html(one_line(table.title))}</span>'
    if table.caption.strip():
        caption += f' <span class="argmap-caption">{_html(one_line(table.caption))}</span>'
    out.append(f"<caption>{caption}</caption>")
    out.append("<thead>")
    header = "".join(f'<th scope="col"{_html_attributes(_header_attributes(c))}>{_html(one_line(c.label))}</th>'
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
        f"<title>{_html(one_line(table.title))}</title>\n"
        f"<style>{CSS}{_PAGE_CSS}</style>\n"
        "</head>\n<body>\n<main>\n"
        f"{fragment}"
        "</main>\n"
        # Closed <details> do not print: open them all before printing.
        "<script>addEventListener('beforeprint', () => "
        "document.querySelectorAll('details').forEach(d => { d.open = true; }));</script>\n"
        "</body>\n</html>\n"
    )


# Okabe-Ito hues (safe for colour-blind readers), darkened where needed to a contrast of at
# least 4.5:1 on white (WCAG AA): blue #0072B2 (5.2:1) for helps and affirms, vermillion
# #C04F00 (4.8:1) for hinders and denies, reddish purple #A3507E (5.2:1) for mixed, bluish
# green #00785A (5.5:1) for qualifies. The words and their marks (+ − ± ~) carry the meaning,
# so greyscale print loses nothing.
CSS = """
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
.argmap-table .argmap-affirms, .argmap-table .argmap-helps { color: #0072b2; }
.argmap-table .argmap-denies, .argmap-table .argmap-hinders { color: #c04f00; }
.argmap-table .argmap-mixed { color: #a3507e; }
.argmap-table .argmap-qualifies { color: #00785a; }
.argmap-table .argmap-mark { font-weight: bold; display: inline-block; min-width: 0.8em; }
.argmap-table .argmap-side { font-style: normal; font-weight: bold; color: #444; }
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
