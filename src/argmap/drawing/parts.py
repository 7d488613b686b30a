"""The pieces every drawing shares: an empty graph with argmap's fonts and spacing, the caption,
the key (legend), and the options every drawing takes.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, TypedDict

from argmap.drawing.dot import PLAIN_ID, dot_edge, dot_node, escape_html, html_lines, wrap_lines
from argmap.drawing.style import COLOUR, FONT, EdgeLook, NodeLook, Style
from argmap.model import Source
from argmap.projection import display_name

if TYPE_CHECKING:  # graphviz is imported lazily: it costs ~70 ms
    import graphviz

__all__ = [
    "AUTO_WIDTH",
    "DIRECTIONS",
    "Direction",
    "DrawingOptions",
    "add_legend",
    "base_graph",
    "caption",
    "caption_label",
]

Direction = Literal["auto", "TB", "BT", "LR"]
#: Layout directions, named by where the thesis (or the outcome of a causal layout) goes:
#: ``TB`` at the top, ``BT`` at the bottom, ``LR`` on the left; ``auto`` is ``TB`` unless
#: more than :data:`AUTO_WIDTH` nodes would share a row, then ``LR``.
DIRECTIONS: tuple[Direction, ...] = ("auto", "TB", "BT", "LR")

#: The most nodes one row of a top-down layout may hold before ``auto`` turns it sideways:
#: text boxes side by side grow wide fast, while stacked they stay readable.
AUTO_WIDTH = 6




def caption(head: str, sub: str | None = None, style: Style = COLOUR, *, width: int = 70) -> str:
    """An HTML-like graph label: ``head`` in large bold type, ``sub`` below it in grey (each
    line of ``sub`` wrapped on its own)."""
    label = f'<FONT POINT-SIZE="18"><B>{html_lines(wrap_lines(head, width))}</B></FONT>'
    if sub:
        lines = "<BR/>".join(html_lines(wrap_lines(part, width + 20)) for part in sub.split("\n"))
        label += f'<BR/><FONT POINT-SIZE="12" COLOR="{style.muted}">{lines}</FONT>'
    return f"<{label}>"


def caption_label(source: Source, style: Style = COLOUR, *, width: int = 70, note: str | None = None) -> str:
    """The :func:`caption` naming a text: its title in bold, then its display name (see
    :func:`argmap.projection.display_name`, the name every table and comparison uses), author
    and year, and ``note`` (what the drawing leaves out, say) on a line of its own.

    Where the text states none of title, author and year, the source id stands in and the
    caption says so.
    """
    name = display_name(source)
    if source.title is not None:
        head, rest = source.title, [source.author, source.year]
    elif source.author is not None:
        head, rest = source.author, [source.year]
    elif source.year is not None:
        head, rest = source.id, [source.year, "no title or author stated in the text"]
    else:
        head, rest = source.id, ["no title, author or year stated in the text"]
    if name not in (head, source.author):
        rest.insert(0, name)
    sub = " \u00b7 ".join(str(x) for x in rest if x is not None)
    if note:
        sub = f"{sub}\n{note}" if sub else note
    return caption(head, sub, style, width=width)


#: At most this many samples side by side in a row of the key, so that the key of a small
#: map is not wider than the map itself.
KEY_ROW = 4


def add_legend(graph: graphviz.Digraph, nodes: Sequence[tuple[str, NodeLook]],
               edges: Sequence[tuple[str, EdgeLook]], *, title: str = "Key") -> None:
    """Add a key beside the root of ``graph``: rows of sample shapes (at most
    :data:`KEY_ROW` a row, the title first) and, below them, rows of sample lines (half as
    many a row; columns, in a left-right layout).

    ``nodes`` and ``edges`` are (name, look) pairs; every drawing passes the entries it
    uses. Invisible links keep the items of a row in order and each row below the one before.
    """
    shapes: list[tuple[str, dict[str, str]]] = [
        ("legend", {"label": f"<<B>{escape_html(title)}</B>>", "shape": "plaintext", "style": "",
                    "fontsize": "12"})]
    shapes += [(f"legend_n{i}", {"label": f"<{escape_html(name)}>", **shape.attributes(), "fontsize": "10",
                                 "margin": "0.08,0.03"}) for i, (name, shape) in enumerate(nodes)]
    firsts: list[str] = []
    for r, k in enumerate(range(0, len(shapes), KEY_ROW)):
        row = shapes[k:k + KEY_ROW]
        with graph.subgraph(name="legend" if r == 0 else f"legend_{r}") as key:
            key.attr(rank="same")
            for name, attributes in row:
                dot_node(key, name, **attributes)
            for (a, _), (b, _) in itertools.pairwise(row):
                dot_edge(key, a, b, style="invis")
        firsts.append(row[0][0])
    per_row = max(1, KEY_ROW // 2)
    for r, k in enumerate(range(0, len(edges), per_row)):
        with graph.subgraph(name="legend_lines" if r == 0 else f"legend_lines_{r}") as key:
            key.attr(rank="same")
            previous = None
            for i, (name, line) in enumerate(edges[k:k + per_row], k):
                text, end = f"legend_e{i}", f"legend_e{i}_end"
                dot_node(key, text, label=f"<{escape_html(name)}>", shape="plaintext", style="",
                         fontsize="10", margin="0.06,0")
                dot_node(key, end, label="", shape="point", width="0.01", style="invis")
                dot_edge(key, text, end, minlen="2", **line.attributes())
                if previous is not None:
                    dot_edge(key, previous, text, style="invis")
                previous = end
        firsts.append(f"legend_e{k}")
    for a, b in itertools.pairwise(firsts):
        dot_edge(graph, a, b, style="invis")


class DrawingOptions(TypedDict, total=False):
    """The keyword options every drawing takes: a map, a diff and a comparison."""

    style: str | Style
    direction: Direction
    legend: bool
    caption: bool
    wrap: int



def base_graph(name: str, style: Style, direction: str = "TB") -> graphviz.Digraph:
    """An empty ``Digraph`` with argmap's fonts, spacing and layout direction."""
    import graphviz

    if direction not in ("TB", "BT", "LR"):
        raise ValueError(f"unknown direction {direction!r}: use TB, BT or LR")
    graph = graphviz.Digraph(name=name if PLAIN_ID.fullmatch(name) else "argmap")
    graph.attr("graph", rankdir=direction, nodesep="0.3", ranksep="0.5", pad="0.3",
               bgcolor="white", fontname=FONT, fontcolor=style.text, labelloc="t")
    graph.attr("node", fontname=FONT, fontsize="11", fontcolor=style.text, margin="0.14,0.07")
    graph.attr("edge", fontname=FONT)
    return graph
