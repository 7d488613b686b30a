"""Rich displays in Jupyter and IPython: a map as its drawing; a diff and a comparison as a
summary, their drawing and tables; an agreement matrix as a table.

The model and the comparison know nothing of display; this module registers display
functions for their types with IPython's formatters (``for_type_by_name``, so that nothing
is imported before an object is shown). ``import argmap`` calls :func:`register` when it
runs inside IPython. Every type also has a short ``repr`` (one line), which is the
``text/plain`` a notebook stores beside the rich display. Drawings wider than a notebook
cell are scaled to its width (the SVG's ``viewBox`` kept, its width set to 100%, its height
following); the
drawing files argmap writes keep their own size. Where a drawing cannot be made (Graphviz
missing, a broken map), the display says why and shows the rest.
"""

from __future__ import annotations

import math
import re
from typing import Any

from argmap._text import escape_html
from argmap.errors import ArgmapError

__all__ = ["CELL_WIDTH", "fit_svg", "html", "mimebundle", "register", "summary"]

# (module, class name) of each type shown richly.
_TYPES = (("argmap.model", "ArgumentMap"), ("argmap.diffing", "MapDiff"), ("argmap.comparison", "Comparison"),
          ("argmap.pairwise", "AgreementMatrix"))

#: A notebook cell's width in points (about 930 pixels): a drawing wider than this is
#: scaled down to the cell's width, a narrower one keeps its size.
CELL_WIDTH = 700

_SVG_ROOT = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')
_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)


def summary(obj: Any) -> str:
    """A one-line description of a map, diff, comparison or matrix: its ``repr``."""
    return repr(obj)


def fit_svg(svg: str, *, inline: bool = False) -> str:
    """Graphviz's SVG made to fit a notebook cell: comments dropped and, where the drawing is
    wider than :data:`CELL_WIDTH` points (or always, ``inline`` in HTML, where a CSS
    ``max-width`` keeps a small drawing from growing), the root's width set to 100% and its
    height left to follow (auto), the ``viewBox`` kept so that it scales. ``inline`` also drops the XML
    prolog and doctype, which HTML does not take."""
    svg = _COMMENT.sub("", svg)
    if inline:
        svg = svg[svg.index("<svg"):]
    found = _SVG_ROOT.search(svg)
    if found is None:
        return svg
    width = float(found.group(1))
    # No height attribute: the height follows from the width and the viewBox's aspect ratio
    # (an explicit height="auto" is no SVG 1.1 length, and an inline drawing would centre
    # itself in a viewport of the default height).
    if inline:
        root = f'<svg width="100%" style="max-width: {math.ceil(width)}pt; height: auto"'
    elif width > CELL_WIDTH:
        root = '<svg width="100%"'
    else:
        return svg
    return svg[:found.start()] + root + svg[found.end():]


def _svg(obj: Any) -> str:
    from argmap.drawing.backend import run_dot

    name = type(obj).__name__
    if name == "ArgumentMap":
        from argmap.drawing.amap import render

        graph = render(obj, legend=True)
    elif name == "MapDiff":
        from argmap.drawing.comparison import render_diff

        graph = render_diff(obj)
    else:
        from argmap.drawing.comparison import render_comparison

        graph = render_comparison(obj)
    return run_dot(graph.source).decode("utf-8")


# --- HTML ------------------------------------------------------------------------------------

_CSS = """<style>
.argmap-nb { font-size: 0.9em; }
.argmap-nb .argmap-table { margin: 0.6em 0; }
.argmap-nb .argmap-table caption .argmap-caption { font-size: 0.9em; }
.argmap-nb details > summary { cursor: pointer; color: #444; }
</style>"""


def _mark(word: str) -> str | None:
    from argmap.tables.table import MARKS

    return MARKS.get(word)


def _comparison_tables(c: Any) -> list[Any]:
    """The authors, the concept x author matrix of stances and the link x author matrix of
    signs, as :class:`~argmap.tables.Table`\\ s."""
    from argmap.comparison import ConceptRow, LinkRow
    from argmap.projection import LinkSign
    from argmap.tables.table import Cell, Column, Row, Table

    number = {key: i for i, key in enumerate(c.keys, 1)}
    authors = Table("notebook-authors", "Authors", "Numbered as in the drawing; key = the map's source id.",
                    [Column("No."), Column("Name"), Column("Key"), Column("Title")],
                    [Row([Cell(f"[{number[p.key]}]"), Cell(p.name), Cell(p.key),
                          Cell(p.source.title or "untitled")]) for p in c.projections])
    author_columns = [Column(p.name, short=f"[{number[p.key]}]", attributes={"data-author": p.key})
                      for p in c.projections]
    split = {x.subject.concept for x in c.controversies if isinstance(x.subject, ConceptRow)}
    split_links = {(x.subject.cause, x.subject.effect) for x in c.controversies if isinstance(x.subject, LinkRow)}
    shared = {x.subject.concept for x in c.consensus if isinstance(x.subject, ConceptRow)}

    def standing(split_here: bool, shared_here: bool) -> Cell:
        if split_here:
            return Cell("split", attributes={"class": "argmap-denies"})
        return Cell("shared" if shared_here else "\u2014", attributes={} if shared_here else {"class": "argmap-silent"})

    rows = []
    for r in c.concepts:
        cells = [Cell(r.label, attributes={"title": r.concept}), Cell(r.kind.value),
                 standing(r.concept in split, r.concept in shared)]
        for p in c.projections:
            use = r.by_source.get(p.key)
            word = use.stance.value if use is not None else "silent"
            cells.append(Cell(word, mark=_mark(word), attributes={"class": f"argmap-{word}"}))
        rows.append(Row(cells, attributes={"data-concept": r.concept}))
    concepts = Table("notebook-concepts", "Concepts by author",
                     "Each author's stance (+ affirms, \u2212 denies, ~ qualifies, \u00b1 mixed; mentions: no "
                     "stance); split: some authors affirm what others deny.",
                     [Column("Concept"), Column("Kind"), Column("Across authors"), *author_columns], rows)
    words = {LinkSign.HELPS: "helps", LinkSign.HINDERS: "hinders", LinkSign.MIXED: "mixed"}
    labels = {r.concept: r.label for r in c.concepts}
    rows = []
    for k in c.links:
        cells = [Cell(f"{labels.get(k.cause, k.cause)} \u2192 {labels.get(k.effect, k.effect)}"),
                 standing((k.cause, k.effect) in split_links, False)]
        for p in c.projections:
            link = k.by_source.get(p.key)
            word = words[link.sign] if link is not None else "silent"
            cells.append(Cell(word, mark=_mark(word), attributes={"class": f"argmap-{word}"}))
        rows.append(Row(cells))
    links = Table("notebook-links", "Causal links by author",
                  "The sign each author gives a link (+ helps, \u2212 hinders, \u00b1 both); split: opposite signs.",
                  [Column("Link"), Column("Across authors"), *author_columns], rows)
    return [authors, concepts, links]


def _diff_tables(d: Any) -> list[Any]:
    """The concepts and the causal links of a diff, each with both authors' views and its
    status, as :class:`~argmap.tables.Table`\\ s."""
    from argmap.projection import LinkSign
    from argmap.tables.table import Cell, Column, Row, Table

    name_a, name_b = d.names
    sides = [Column(f"A: {name_a}", short="A"), Column(f"B: {name_b}", short="B")]

    def view(word: str | None) -> Cell:
        word = word or "silent"
        return Cell(word, mark=_mark(word), attributes={"class": f"argmap-{word}"})

    concepts = Table("notebook-diff-concepts", "Concepts", f"A = {name_a}, B = {name_b}.",
                     [Column("Concept"), Column("Kind"), *sides, Column("Status")],
                     [Row([Cell(x.label, attributes={"title": x.concept}), Cell(x.kind.value),
                           view(x.a.stance.value if x.a else None), view(x.b.stance.value if x.b else None),
                           Cell(x.status.value)]) for x in d.concepts])
    words = {LinkSign.HELPS: "helps", LinkSign.HINDERS: "hinders", LinkSign.MIXED: "mixed"}
    labels = {x.concept: x.label for x in d.concepts}
    links = Table("notebook-diff-links", "Causal links", "+ helps, \u2212 hinders, \u00b1 both signs.",
                  [Column("Link"), *sides, Column("Status")],
                  [Row([Cell(f"{labels.get(k.cause, k.cause)} \u2192 {labels.get(k.effect, k.effect)}"),
                        view(words[k.a.sign] if k.a else None), view(words[k.b.sign] if k.b else None),
                        Cell(k.status.value)]) for k in d.links])
    return [concepts, links]


def _matrix_table(m: Any) -> Any:
    from argmap.tables.table import Cell, Column, Row, Table

    def value(x: float) -> str:
        return "n/a" if math.isnan(x) else f"{x:.3g}"

    return Table("notebook-matrix", f"{m.metric}" + (f" ({m.normalization})" if m.normalization != "none" else ""),
                 "Row author against column author; the diagonal compares each author with themselves.",
                 [Column("Author"), *(Column(k, numeric=True) for k in m.keys)],
                 [Row([Cell(k), *(Cell(value(x)) for x in m.row(k))]) for k in m.keys])


def _drawing(obj: Any) -> tuple[str | None, str | None]:
    """The drawing fitted for inline HTML, or None and the reason it cannot be made."""
    try:
        return fit_svg(_svg(obj), inline=True), None
    except ArgmapError as exc:
        return None, str(exc)


def html(obj: Any, *, drawing: bool = True) -> str:
    """The HTML a notebook shows for a diff, comparison or agreement matrix: a summary line,
    the drawing scaled to the cell (unless ``drawing`` is false, or it cannot be made: then
    the reason) and compact tables of who says what. Raises nothing for those types."""
    svg, reason = _drawing(obj) if drawing and type(obj).__name__ != "AgreementMatrix" else (None, None)
    return _html(obj, svg, reason)


def _html(obj: Any, svg: str | None, reason: str | None) -> str:
    from argmap.tables.write_html import CSS, to_html

    name = type(obj).__name__
    parts = [_CSS, f"<style>{CSS}</style>", '<div class="argmap-nb">',
             f"<p><b>{escape_html(summary(obj), attribute=False)}</b></p>"]
    if name == "AgreementMatrix":
        tables = [_matrix_table(obj)]
    else:
        if name == "MapDiff":
            parts.append(f"<p>Jaccard {obj.jaccard:.2f} \u00b7 distance ratio {obj.distance_ratio:.3f} \u00b7 "
                         f"congruence {obj.congruence:g} \u00b7 conflict {obj.conflict:g}. Every quote: "
                         "<code>to_records()</code>.</p>")
        else:
            parts.append(f"<p>{len(obj.consensus)} shared by two authors or more without opposition, "
                         f"{len(obj.tensions)} views an author holds both ways. Every quote: "
                         "<code>to_records()</code>.</p>")
        if svg is not None:
            parts.append(f"<details open><summary>Drawing</summary>{svg}</details>")
        elif reason is not None:
            parts.append(f"<p>(not drawn: {escape_html(reason, attribute=False)})</p>")
        tables = _diff_tables(obj) if name == "MapDiff" else _comparison_tables(obj)
    parts += [to_html(t) for t in tables]
    parts.append("</div>")
    return "\n".join(parts)


def mimebundle(obj: Any, include: object = None, exclude: object = None) -> dict[str, str]:
    """A Jupyter display bundle: a map's drawing as SVG (scaled to the cell where wider) or,
    where it cannot be drawn, the :func:`summary` and the reason as text; a diff's,
    comparison's or matrix's :func:`html`, with the summary (and the reason a drawing is
    missing) as text."""
    name = type(obj).__name__
    if name == "ArgumentMap":
        try:
            return {"image/svg+xml": fit_svg(_svg(obj))}
        except ArgmapError as exc:
            return {"text/plain": f"{summary(obj)}\n(not drawn: {exc})"}
    svg, reason = _drawing(obj) if name != "AgreementMatrix" else (None, None)
    text = summary(obj) + (f"\n(not drawn: {reason})" if reason is not None else "")
    return {"text/html": _html(obj, svg, reason), "text/plain": text}


def register(ipython: Any = None) -> bool:
    """Register the displays with an IPython shell (the running one by default); False where
    there is none."""
    if ipython is None:
        try:
            from IPython import get_ipython  # type: ignore[import-not-found, unused-ignore]
        except ImportError:
            return False
        ipython = get_ipython()
    if ipython is None:
        return False
    formatter = ipython.display_formatter.mimebundle_formatter
    for module, name in _TYPES:
        formatter.for_type_by_name(module, name, mimebundle)
    return True
