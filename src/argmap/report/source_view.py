"""The source beside the map: a text's whole source, with what the map quotes marked.

Every quoted span is highlighted and is a link to the row of its node (an edge's quote to its
source node's row); each quote's first span carries an anchor (``src-N-K``: node N, its K-th
quote) that the node's row links back to, so that one click answers "where does the author
say that?" in both directions. Passages set aside as not argument (headings, references, page
furniture, what the map excludes) are dimmed, and sentences no quote touches are marked, as
the coverage audit (:mod:`argmap.coverage`) finds them. Each line of the source is a
paragraph with its line number (``L12``), so that "line 12" elsewhere in the page links here.
Nothing needs the script: the marks are plain links and styles (the script only outlines
every span of the quote a link points to).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from typing import TypeVar

import attrs

from argmap.coverage import Audit
from argmap.model import ArgumentMap, Quote
from argmap.report.page import esc

__all__ = ["QuoteMark", "quote_marks", "source_html"]

_NEWLINE = re.compile("\n")
_Item = TypeVar("_Item", bound=tuple[int, int] | tuple[int, int, object])


@attrs.frozen
class QuoteMark:
    """One quote of the map placed in the source: its anchor key (``src-3-1``), the row it
    links to (``node-3``), the node's label, its spans as ``(start, end)`` character
    offsets, and the id of the node (of an edge's source node) that the row shows."""

    key: str
    row: str
    label: str
    spans: tuple[tuple[int, int], ...]
    node: str = ""


def quote_marks(amap: ArgumentMap, anchors: Mapping[str, str]) -> dict[str, list[QuoteMark]]:
    """Each node's quotes as marks, by node id (quotes that were not anchored are left out),
    then each edge's quote under the key ``edge-I`` (its source node's row)."""
    out: dict[str, list[QuoteMark]] = {}
    labels = {n.id: n.label for n in amap.nodes}

    def mark(key: str, node: str, quote: Quote) -> QuoteMark | None:
        spans = tuple((s.start, s.end) for s in quote.spans if s.end > s.start)
        return QuoteMark(key, anchors[node], labels.get(node, node), spans, node) if spans else None

    for node in amap.nodes:
        row = anchors[node.id]
        found = [mark(f"src-{row.removeprefix('node-')}-{k}", node.id, q) for k, q in enumerate(node.quotes, 1)]
        out.setdefault(node.id, []).extend(m for m in found if m is not None)
    for i, edge in enumerate(amap.edges, 1):
        if edge.quote is not None and edge.source in anchors:
            found_edge = mark(f"src-e{i}", edge.source, edge.quote)
            if found_edge is not None:
                out[f"edge-{i}"] = [found_edge]
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    """Each line's ``(start, end)`` offsets, the line break left out."""
    ends = [m.start() for m in _NEWLINE.finditer(text)]
    return list(zip([0, *(e + 1 for e in ends)], [*ends, len(text)], strict=True))


def _per_line(items: Sequence[_Item], lines: Sequence[tuple[int, int]]) -> list[list[_Item]]:
    """For each line, the items (``(start, end, ...)``) that touch it (``start < line end``
    and ``end > line start``), in the order given: what a filter of all items for each line
    gives, found by bisecting the lines (sorted and apart, as :func:`_lines` gives them)
    instead of testing every item on every line."""
    starts = [a for a, _ in lines]
    ends = [b for _, b in lines]
    out: list[list[_Item]] = [[] for _ in lines]
    for item in items:
        # the lines ending after the item starts, up to the last starting before it ends
        for i in range(bisect_right(ends, item[0]), bisect_left(starts, item[1])):
            out[i].append(item)
    return out


def _segment(text: str, quotes: Sequence[QuoteMark], set_aside: str | None, untouched: bool, opens: str) -> str:
    """One stretch of text that every mark covers alike, as HTML; ``opens`` is said (to
    screen readers only) where a set-aside or untouched passage begins."""
    body = (f'<span class="sr-only">({opens}) </span>' if opens else "") + esc(text)
    classes = []
    if set_aside is not None:
        classes.append("set-aside")
    if untouched:
        classes.append("untouched")
    if quotes:
        inner = quotes[-1]  # the last to begin: the narrowest quote here
        keys = " ".join(q.key for q in quotes)
        labels = "; ".join(dict.fromkeys(q.label for q in quotes))
        cls = " ".join(["q", *classes])
        return (f'<a class="{cls}" href="#{inner.row}" data-q="{keys}" '
                f'title="Quoted by: {esc(labels)}">{body}</a>')
    if classes:
        return f'<span class="{" ".join(classes)}">{body}</span>'
    return body


def source_html(text: str, marks: Mapping[str, Sequence[QuoteMark]], audit: Audit | None) -> str:
    """The whole source ``text`` as HTML: one paragraph per line, quoted spans linked to their
    nodes' rows with an anchor at each quote's start, set-aside passages dimmed and passages
    no quote touches marked (from ``audit``; without it, neither). A pure function."""
    every = sorted((m for ms in marks.values() for m in ms), key=lambda m: (m.spans[0], m.key))
    spans = [(a, b, m) for m in every for a, b in m.spans]
    aside = [(p.start, p.end, p.reason) for p in audit.excluded] if audit is not None else []
    bare = [(p.start, p.end) for p in audit.uncovered] if audit is not None else []
    opening = {a: f"set aside: {why}" for a, _, why in aside}
    opening.update({a: "no quote touches this" for a, _ in bare})
    starts: dict[int, list[str]] = {}
    for m in every:
        starts.setdefault(m.spans[0][0], []).append(m.key)
    cuts = {0, len(text)}
    for a, b, _ in spans:
        cuts.update((a, b))
    for a, b, _ in aside:
        cuts.update((a, b))
    for a, b in bare:
        cuts.update((a, b))
    ids = {m.row: (m.node, m.label) for m in every}
    ordered_cuts = sorted(cuts)
    out = []
    lines = _lines(text)
    # what touches each line, in the order given (a stretch's quotes keep it)
    spans_by_line, aside_by_line = _per_line(spans, lines), _per_line(aside, lines)
    bare_by_line = _per_line(bare, lines)
    for n, (line_start, line_end) in enumerate(lines, 1):
        if not text[line_start:line_end].strip():
            continue
        inner = ordered_cuts[bisect_right(ordered_cuts, line_start):bisect_left(ordered_cuts, line_end)]
        points = [line_start, *inner, line_end]
        line_spans, line_aside, line_bare = spans_by_line[n - 1], aside_by_line[n - 1], bare_by_line[n - 1]
        stretches = []
        for a, b in itertools.pairwise(points):
            here = [m for s, e, m in line_spans if s <= a < e]
            reason = next((why for s, e, why in line_aside if s <= a < e), None)
            untouched = reason is None and any(s <= a < e for s, e in line_bare)
            stretches.append((a, b, here, reason, untouched))
        pieces = []
        for i, (a, b, here, reason, untouched) in enumerate(stretches):
            for key in starts.pop(a, []):
                pieces.append(f'<span class="src-anchor" id="{key}" data-key="{key}"></span>')
            pieces.append(_segment(text[a:b], here, reason, untouched, opening.pop(a, "")))
            rows = list(dict.fromkeys(m.row for m in here))
            following = {m.row for m in stretches[i + 1][2]} if i + 1 < len(stretches) else set()
            if len(rows) > 1 and following != set(rows):
                # Several nodes quote these words: the highlight links the last, these the others.
                others = " ".join(f'<a href="#{row}" aria-label="also quoted by {esc(ids[row][1])}">'
                                  f"{esc(ids[row][0])}</a>" for row in rows[:-1])
                pieces.append(f'<sup class="also">also {others}</sup>')
        out.append(f'<p class="src-line" id="L{n}" data-line="{n}">{"".join(pieces)}</p>\n')
    # A quote that starts on an empty line or past the text still gets its anchor.
    rest = "".join(f'<span class="src-anchor" id="{k}" data-key="{k}"></span>' for ks in starts.values() for k in ks)
    key = ('<p class="src-key">Key: <span class="q">quoted by a node (a link to it)</span> '
           '<span class="untouched">no quote touches it</span> '
           '<span class="set-aside">set aside as not argument</span></p>\n')
    return f'{key}<div class="source-text">\n{"".join(out)}{rest}</div>\n'
