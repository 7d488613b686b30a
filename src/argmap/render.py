"""Drawing argument maps with Graphviz: DOT built by pure functions, one place that runs ``dot``.

:func:`render` turns a map into a ``graphviz.Digraph`` without running anything, so its
``.source`` is plain DOT text that tests compare exactly and that needs no Graphviz install.
Only :func:`run_dot` runs the ``dot`` executable; :func:`render_svg`, :func:`render_file` and
:func:`write_rendering` build on it, and every file is written atomically. The looks
(:data:`COLOUR`, :data:`GREYSCALE`), the escaping helpers, the caption and the legend are
meant to be reused by every drawing argmap makes.

The ``graphviz`` package is imported inside the functions that need it, so that
``import argmap`` stays fast. ``argmap.render`` is the function :func:`render`, which hides
this module's name on the package: reach its other names with ``from argmap.render import``.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import shutil
import subprocess
import unicodedata
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypedDict, Unpack

import attrs

from argmap.errors import (
    ArgmapError,
    ExportError,
    GraphvizNotFound,
    Problem,
    RenderError,
    ValidationError,
)
from argmap.model import ArgumentMap, Edge, Kind, Node, Relation, Sign, Source

if TYPE_CHECKING:  # graphviz is imported lazily: it costs ~70 ms
    import graphviz

    from argmap.concepts import Vocabulary

__all__ = [
    "AUTO_WIDTH",
    "COLOUR",
    "DIRECTIONS",
    "FORMATS",
    "GALLERY_OPTIONS",
    "GREYSCALE",
    "INSTALL_HELP",
    "OKABE_ITO",
    "DrawingOptions",
    "EdgeLook",
    "NodeLook",
    "RenderOptions",
    "Style",
    "add_legend",
    "base_graph",
    "caption",
    "caption_label",
    "dot_edge",
    "dot_id",
    "dot_node",
    "edge_look",
    "escape_html",
    "escape_plain",
    "get_style",
    "mimebundle",
    "output_format",
    "render",
    "render_file",
    "render_gallery",
    "render_svg",
    "run_dot",
    "tint",
    "visible",
    "wrap_lines",
    "write_rendering",
]

Direction = Literal["auto", "TB", "BT", "LR"]
#: Layout directions, named by where the thesis (or the outcome of a causal layout) goes:
#: ``TB`` at the top, ``BT`` at the bottom, ``LR`` on the left; ``auto`` is ``TB`` unless
#: more than :data:`AUTO_WIDTH` nodes would share a row, then ``LR``.
DIRECTIONS: tuple[Direction, ...] = ("auto", "TB", "BT", "LR")

#: The most nodes one row of a top-down layout may hold before ``auto`` turns it sideways:
#: text boxes side by side grow wide fast, while stacked they stay readable.
AUTO_WIDTH = 6

#: Output formats, named by file suffix; ``dot`` (also ``.gv``) is the DOT text itself.
FORMATS = ("svg", "png", "pdf", "dot")

INSTALL_HELP = (
    "Graphviz's `dot` program draws the maps, and it was not found on PATH. Install it:\n"
    "  Debian/Ubuntu: sudo apt-get install graphviz\n"
    "  macOS:         brew install graphviz\n"
    "  conda:         conda install -c conda-forge graphviz\n"
    "(A .dot file needs no Graphviz: write one and draw it elsewhere.)"
)

#: The Okabe-Ito palette (Okabe & Ito 2008), told apart under the common colour-vision
#: deficiencies.
OKABE_ITO: Mapping[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}

#: Helvetica's metrics: Liberation Sans or Arial stand in where it is missing.
FONT = "Helvetica,Arial,sans-serif"

# --- looks -------------------------------------------------------------------------------


def _number(value: float) -> str:
    return f"{value:g}"


@attrs.frozen
class NodeLook:
    """How one kind of node is drawn: shape, fill and outline (Graphviz attribute values)."""

    shape: str
    fillcolor: str
    color: str = "#333333"
    style: str = "filled"
    penwidth: float = 1.2
    peripheries: int = 1
    margin: str | None = None  #: room around the label, where a shape needs other than usual

    def attributes(self) -> dict[str, str]:
        """The DOT node attributes of this look."""
        out = {"shape": self.shape, "style": self.style, "fillcolor": self.fillcolor,
               "color": self.color, "penwidth": _number(self.penwidth)}
        if self.peripheries != 1:
            out["peripheries"] = str(self.peripheries)
        if self.margin is not None:
            out["margin"] = self.margin
        return out


@attrs.frozen
class EdgeLook:
    """How one kind of link is drawn: colour, line style, arrowhead and a mark (the sign)."""

    color: str
    arrow: str = "normal"
    style: str = "solid"
    penwidth: float = 1.2
    mark: str | None = None  #: a short label on the line, e.g. the sign of a causal link
    arrowsize: float = 0.8

    def attributes(self, *, reverse: bool = False) -> dict[str, str]:
        """The DOT edge attributes; ``reverse`` where the DOT edge runs against the link."""
        out = {"color": self.color, "style": self.style, "penwidth": _number(self.penwidth),
               "arrowsize": _number(self.arrowsize)}
        if reverse:
            out.update(dir="back", arrowtail=self.arrow)
        else:
            out["arrowhead"] = self.arrow
        if self.mark is not None:
            # At the arrowhead, as in causal loop diagrams. A mid-edge label would also
            # make dot 2.43 fail on some clustered layouts ("trouble in init_rank").
            end = "headlabel" if reverse else "taillabel"
            out.update({end: f"<<B>{escape_html(self.mark)}</B>>", "fontcolor": self.color,
                        "fontsize": "14", "labeldistance": "1.4", "labelangle": "40"})
        return out


@attrs.frozen
class Style:
    """A complete look: a :class:`NodeLook` per node kind, an :class:`EdgeLook` per relation
    (causal links per sign), and the colours of text, section boxes and muted notes."""

    name: str
    nodes: Mapping[Kind, NodeLook]
    supports: EdgeLook
    attacks: EdgeLook
    helps: EdgeLook  #: causes, sign "+"
    hinders: EdgeLook  #: causes, sign "-"
    unsigned: EdgeLook  #: causes without a sign (an invalid map, drawn anyway)
    text: str = "#1A1A1A"
    muted: str = "#595959"  #: kind tags, sub-captions, section titles
    section_line: str = "#BDBDBD"
    section_fill: str = "#F5F5F5"
    section_style: str = "rounded,filled"


def tint(hex_colour: str, share: float) -> str:
    """``hex_colour`` (``#RRGGBB``) mixed with white, keeping ``share`` of the colour: the
    light fills behind black text."""
    rgb = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * share):02X}" for c in rgb)


_OI = OKABE_ITO
_TIGHT = "0.02,0.02"  # polygons leave room around the label already
_POINTED = "0.22,0.14"  # the arrow-shaped recommendation needs room at its point and top
MINUS = "\u2212"  # the minus sign: wider and easier to see on a line than a hyphen

#: Okabe-Ito tints for fills (black text stays legible), a shape per kind, a line per relation.
COLOUR = Style(
    name="colour",
    nodes={
        Kind.THESIS: NodeLook("box", tint(_OI["vermillion"], 0.35), _OI["vermillion"],
                              "rounded,filled,bold", 2.5),
        Kind.CLAIM: NodeLook("box", "#F2F2F2", "#666666", "rounded,filled"),
        Kind.EVIDENCE: NodeLook("note", tint(_OI["yellow"], 0.45), "#8C8400"),
        Kind.FACTOR: NodeLook("hexagon", tint(_OI["orange"], 0.4), "#9C6B00", margin=_TIGHT),
        Kind.OUTCOME: NodeLook("octagon", tint(_OI["bluish green"], 0.4), "#006B4E",
                               penwidth=1.5, peripheries=2, margin=_TIGHT),
        Kind.RECOMMENDATION: NodeLook("cds", tint(_OI["reddish purple"], 0.45), "#A3507E",
                                      margin=_POINTED),
        Kind.PREDICTION: NodeLook("parallelogram", tint(_OI["sky blue"], 0.45), "#2D7DB3",
                                  margin=_TIGHT),
    },
    supports=EdgeLook("#4D4D4D", "normal"),
    attacks=EdgeLook(_OI["vermillion"], "tee", "dashed", 1.6, arrowsize=1.2),
    helps=EdgeLook(_OI["blue"], "vee", "solid", 1.6, "+"),
    hinders=EdgeLook(_OI["blue"], "vee", "solid", 1.6, MINUS),
    unsigned=EdgeLook(_OI["blue"], "vee", "solid", 1.6, "?"),
)

#: Black on white and light grey: shapes, outlines and line styles carry every distinction.
GREYSCALE = Style(
    name="greyscale",
    nodes={
        Kind.THESIS: NodeLook("box", "#D9D9D9", "#000000", "rounded,filled,bold", 2.5),
        Kind.CLAIM: NodeLook("box", "#FFFFFF", "#000000", "rounded,filled"),
        Kind.EVIDENCE: NodeLook("note", "#F0F0F0", "#000000"),
        Kind.FACTOR: NodeLook("hexagon", "#FFFFFF", "#000000", margin=_TIGHT),
        Kind.OUTCOME: NodeLook("octagon", "#E6E6E6", "#000000", penwidth=1.5, peripheries=2,
                               margin=_TIGHT),
        Kind.RECOMMENDATION: NodeLook("cds", "#FFFFFF", "#000000", "filled,dashed",
                                      margin=_POINTED),
        Kind.PREDICTION: NodeLook("parallelogram", "#FFFFFF", "#000000", "filled,dotted", 1.6,
                                  margin=_TIGHT),
    },
    supports=EdgeLook("#000000", "normal"),
    attacks=EdgeLook("#000000", "tee", "dashed", 1.6, arrowsize=1.2),
    helps=EdgeLook("#000000", "vee", "bold", 1.4, "+"),
    hinders=EdgeLook("#000000", "vee", "bold", 1.4, MINUS),
    unsigned=EdgeLook("#000000", "vee", "bold", 1.4, "?"),
    text="#000000",
    muted="#404040",
    section_line="#737373",
    section_fill="#FFFFFF",
    section_style="rounded,dashed",
)

_STYLES = {"colour": COLOUR, "color": COLOUR, "greyscale": GREYSCALE, "grayscale": GREYSCALE}


def get_style(style: str | Style) -> Style:
    """The :class:`Style` named ``colour`` or ``greyscale`` (US spellings accepted)."""
    if isinstance(style, Style):
        return style
    try:
        return _STYLES[style]
    except KeyError:
        raise ValueError(f"unknown style {style!r}: use 'colour' or 'greyscale'") from None


def edge_look(style: Style, relation: Relation, sign: Sign | None = None) -> EdgeLook:
    """The look of a link: supports, attacks, or causes with its sign."""
    if relation is Relation.SUPPORTS:
        return style.supports
    if relation is Relation.ATTACKS:
        return style.attacks
    if sign is Sign.HELPS:
        return style.helps
    return style.hinders if sign is Sign.HINDERS else style.unsigned


def _through_hidden(look: EdgeLook) -> EdgeLook:
    """A causal link that stands for a chain through nodes the drawing leaves out."""
    return attrs.evolve(look, style="dotted" if look.style == "solid" else f"{look.style},dotted")


# --- text --------------------------------------------------------------------------------

_INVISIBLE = frozenset("\u061c\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\ufffe\uffff")
_WHITESPACE = frozenset("\t\n\r")


def _invisible(ch: str) -> bool:
    return ch in _INVISIBLE or (
        ch not in _WHITESPACE and unicodedata.category(ch) in ("Cc", "Cf", "Cs"))


def visible(text: str) -> str:
    """``text`` with every invisible control or format character shown as ``[U+XXXX]``.

    Zero-width characters and right-to-left overrides can make a label read differently from
    what the file says, and control characters are not allowed in SVG; showing them keeps
    the drawing honest. Tabs and newlines are kept (labels collapse them into spaces).
    """
    if text.isprintable():  # the common case, checked in C: nothing invisible inside
        return text
    return "".join(f"[U+{ord(ch):04X}]" if _invisible(ch) else ch for ch in text)


def _greedy(words: Sequence[str], width: int) -> list[str]:
    """Words filled into lines of at most ``width`` characters; longer words are cut."""
    lines: list[str] = []
    line = ""
    for word in words:
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line = f"{line} {word}"
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def wrap_lines(text: str, width: int) -> list[str]:
    """``text`` with its whitespace collapsed, wrapped into balanced lines of at most
    ``width`` characters (a word is cut only where it alone is wider).

    Balanced: as few lines as wrapping at ``width`` gives, each as short as it can be, so
    that a label does not end in one stray word.
    """
    words = visible(text).split()
    width = max(width, 1)
    lines = _greedy(words, width)
    if len(lines) < 2:
        return lines or [""]
    longest = max(len(w) for w in words)
    fewest = -(-len(" ".join(words)) // len(lines))  # no narrower width fits in as many lines
    start = max(fewest, longest if longest <= width else 1)
    for narrower in range(start, width):
        tried = _greedy(words, narrower)
        if len(tried) <= len(lines):
            return tried
    return lines


_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\\": "\\\\",
         "\n": " ", "\r": " ", "\t": " "}
_HTML_SPECIAL = re.compile("[" + re.escape("".join(_HTML)) + "]")


def escape_html(text: str) -> str:
    """``text`` made safe as one line inside a Graphviz HTML-like label (``<...>``).

    Besides the markup characters, backslashes are doubled: Graphviz reads ``\\N`` as the
    node's name even there (and decodes entities first). Line breaks become spaces; put
    ``<BR/>`` between lines.
    """
    return _HTML_SPECIAL.sub(lambda m: _HTML[m.group()], visible(text))


# Graphviz unescapes a tooltip twice (2.43: "\\\\" shows as one backslash) and decodes
# entities before that, so a backslash takes four; tests/test_render.py checks the result.
_PLAIN = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\\": "\\" * 4,
          "\n": "&#10;", "\r": "", "\t": " "}
_PLAIN_SPECIAL = re.compile("[" + re.escape("".join(_PLAIN)) + "]")


def escape_plain(text: str) -> str:
    """``text`` made safe as a plain DOT string such as a tooltip, its newlines kept.

    Graphviz reads ``&...;`` as entities and backslashes as escapes (``\\N`` is the node's
    name): markup characters and newlines become entities, backslashes are escaped.
    """
    return _PLAIN_SPECIAL.sub(lambda m: _PLAIN[m.group()], visible(text))


def _html_lines(lines: Iterable[str]) -> str:
    return "<BR/>".join(escape_html(line) for line in lines)


def _quoted(text: str) -> str:
    return f"\u201c{' '.join(text.split())}\u201d"


# --- DOT statements ------------------------------------------------------------------------

_DOT_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|-?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)")
_DOT_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})


@functools.lru_cache(maxsize=2048)  # colours, shapes and styles recur on every node
def dot_id(value: str) -> str:
    """``value`` as a DOT id: bare where it may be, an HTML-like label (``<...>``) as it is,
    anything else in double quotes."""
    if value.startswith("<") and value.endswith(">"):
        return value
    if _DOT_ID.fullmatch(value) and value.lower() not in _DOT_KEYWORDS:
        return value
    return '"' + value.replace('"', '\\"') + '"'


@functools.lru_cache(maxsize=256)
def _key_order(keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(keys, key=lambda k: (k != "label", k)))


def _attributes(attributes: Mapping[str, str]) -> str:
    return " ".join(f"{k}={dot_id(attributes[k])}" for k in _key_order(tuple(attributes)))


def dot_node(graph: graphviz.Digraph, name: str, **attributes: str) -> None:
    """Add a node statement to ``graph`` (or a subgraph): label first, then attributes
    sorted by name, so that the DOT text depends on nothing but the values.

    Statements are written straight into ``graph.body``: the ``graphviz`` package's own
    quoting costs more than the rest of a drawing. Values must already be escaped (see
    :func:`escape_html`, :func:`escape_plain`).
    """
    graph.body.append(f"\t{dot_id(name)} [{_attributes(attributes)}]\n")


def dot_edge(graph: graphviz.Digraph, tail: str, head: str, **attributes: str) -> None:
    """Add an edge statement to ``graph``, like :func:`dot_node`."""
    graph.body.append(f"\t{dot_id(tail)} -> {dot_id(head)} [{_attributes(attributes)}]\n")


# --- caption and legend ------------------------------------------------------------------


def caption(head: str, sub: str | None = None, style: Style = COLOUR, *, width: int = 70) -> str:
    """An HTML-like graph label: ``head`` in large bold type, ``sub`` below it in grey."""
    label = f'<FONT POINT-SIZE="18"><B>{_html_lines(wrap_lines(head, width))}</B></FONT>'
    if sub:
        label += (f'<BR/><FONT POINT-SIZE="12" COLOR="{style.muted}">'
                  f"{_html_lines(wrap_lines(sub, width + 20))}</FONT>")
    return f"<{label}>"


def caption_label(source: Source, style: Style = COLOUR, *, width: int = 70) -> str:
    """The :func:`caption` naming a text: its title in bold, then author and year.

    Where the text states none of them, the source id stands in and the caption says so.
    """
    if source.title is not None:
        head, rest = source.title, [source.author, source.year]
    elif source.author is not None:
        head, rest = source.author, [source.year]
    elif source.year is not None:
        head, rest = source.id, [source.year, "no title or author stated in the text"]
    else:
        head, rest = source.id, ["no title, author or year stated in the text"]
    sub = " \u00b7 ".join(str(x) for x in rest if x is not None)
    return caption(head, sub, style, width=width)


def add_legend(graph: graphviz.Digraph, nodes: Sequence[tuple[str, NodeLook]],
               edges: Sequence[tuple[str, EdgeLook]], *, title: str = "Key") -> None:
    """Add a key beside the root of ``graph``: a row of sample shapes and, below it, a row
    of sample lines (columns, in a left-right layout).

    ``nodes`` and ``edges`` are (name, look) pairs; every drawing passes the entries it
    uses. Invisible links keep the items in order and the lines below the shapes.
    """
    shapes = ["legend"]
    with graph.subgraph(name="legend") as key:
        key.attr(rank="same")
        dot_node(key, "legend", label=f"<<B>{escape_html(title)}</B>>", shape="plaintext",
                 style="", fontsize="12")
        for i, (name, shape) in enumerate(nodes):
            dot_node(key, f"legend_n{i}", label=f"<{escape_html(name)}>",
                     **{**shape.attributes(), "fontsize": "10", "margin": "0.08,0.03"})
            shapes.append(f"legend_n{i}")
        for a, b in itertools.pairwise(shapes):
            dot_edge(key, a, b, style="invis")
    if not edges:
        return
    with graph.subgraph(name="legend_lines") as key:
        key.attr(rank="same")
        previous = None
        for i, (name, line) in enumerate(edges):
            text, end = f"legend_e{i}", f"legend_e{i}_end"
            dot_node(key, text, label=f"<{escape_html(name)}>", shape="plaintext", style="",
                     fontsize="10", margin="0.06,0")
            dot_node(key, end, label="", shape="point", width="0.01", style="invis")
            dot_edge(key, text, end, minlen="2", **line.attributes())
            if previous is not None:
                dot_edge(key, previous, text, style="invis")
            previous = end
    dot_edge(graph, "legend", "legend_e0", style="invis")


# --- the map ------------------------------------------------------------------------------

_KIND_NAMES = {k: k.value.capitalize() for k in Kind}
# Which node the layout hangs from, by kind: the thesis, else an outcome, ...
_ROOT_ORDER = {k: i for i, k in enumerate((
    Kind.THESIS, Kind.OUTCOME, Kind.PREDICTION, Kind.RECOMMENDATION, Kind.CLAIM, Kind.FACTOR,
    Kind.EVIDENCE))}
_PLAIN_ID = re.compile(r"[A-Za-z0-9_.-]+")


@attrs.frozen
class _Link:
    """One line of the drawing: a link of the map, or a causal chain through hidden nodes."""

    source: str
    target: str
    relation: Relation
    sign: Sign | None
    edge: Edge | None  # None for a chain
    via: tuple[str, ...] = ()  # the hidden nodes a chain runs through


def _dot_names(nodes: Sequence[Node]) -> dict[str, str]:
    """DOT node names: the map's ids where they are plain and cannot clash with the key's
    names (``legend...``), a numbered stand-in otherwise (``#`` never occurs in a plain id,
    so the two cannot clash)."""
    return {n.id: n.id if _PLAIN_ID.fullmatch(n.id) and not n.id.startswith("legend") else f"#{i}"
            for i, n in enumerate(nodes)}


def _kinds(kinds: Iterable[Kind | str] | str | None) -> frozenset[Kind]:
    if kinds is None:
        return frozenset(Kind)
    if isinstance(kinds, str):
        kinds = kinds.split(",")
    wanted: set[Kind] = set()
    for k in kinds:
        try:
            wanted.add(Kind(k.strip() if isinstance(k, str) else k))
        except ValueError:
            allowed = ", ".join(x.value for x in Kind)
            raise ValueError(f"unknown node kind {k!r}: use {allowed}") from None
    return frozenset(wanted)


def _check_drawable(amap: ArgumentMap) -> None:
    """Refuse maps a drawing would misrepresent: duplicate ids, links to unknown nodes."""
    problems: list[Problem] = []

    def at(item: Node | Edge, message: str) -> Problem:
        pos = item.position
        return Problem(message, path=amap.path, line=pos.line if pos else None,
                       column=pos.column if pos else None, code="render",
                       hint="run `argmap validate` on the map to see every problem")

    seen: set[str] = set()
    for n in amap.nodes:
        if n.id in seen:
            problems.append(at(n, f"duplicate node id {n.id!r}: the drawing would merge them"))
        seen.add(n.id)
    for e in amap.edges:
        for end in dict.fromkeys((e.source, e.target)):
            if end not in seen:
                problems.append(at(e, f"link {e.source} -> {e.target}: no node has id {end!r}"))
    if problems:
        raise ValidationError(problems)


def _links(amap: ArgumentMap, shown: set[str]) -> list[_Link]:
    """The links between shown nodes, then each causal chain that runs from a shown node
    through hidden ones to a shown node, as one link whose sign is the chain's product."""
    links = [_Link(e.source, e.target, e.relation, e.sign, e) for e in amap.edges
             if e.source in shown and e.target in shown]
    causes: dict[str, list[Edge]] = {}
    for e in amap.edges:
        if e.relation is Relation.CAUSES:
            causes.setdefault(e.source, []).append(e)
    drawn: set[tuple[str, str, Sign | None]] = set()
    for start in amap.nodes:
        if start.id not in shown:
            continue
        # depth-first along causal links through hidden nodes, each (node, sign) once
        stack: list[tuple[str, Sign | None, tuple[str, ...]]] = [
            (e.target, e.sign, (e.target,)) for e in reversed(causes.get(start.id, []))
            if e.target not in shown]
        visited = {(here, sign) for here, sign, _ in stack}
        while stack:
            here, sign, via = stack.pop()
            for e in reversed(causes.get(here, [])):
                product = sign * e.sign if sign is not None and e.sign is not None else None
                if e.target not in shown:
                    if (e.target, product) not in visited:
                        visited.add((e.target, product))
                        stack.append((e.target, product, (*via, e.target)))
                elif e.target != start.id and (start.id, e.target, product) not in drawn:
                    drawn.add((start.id, e.target, product))
                    links.append(_Link(start.id, e.target, Relation.CAUSES, product, None, via))
    return links


def _levels(nodes: Sequence[Node], links: Sequence[_Link]) -> dict[str, int]:
    """Each node's distance from its root: the thesis, else an outcome, ... (by kind)."""
    order = {n.id: i for i, n in enumerate(nodes)}
    neighbours: dict[str, list[str]] = {n.id: [] for n in nodes}
    for link in links:
        neighbours[link.source].append(link.target)
        neighbours[link.target].append(link.source)
    level: dict[str, int] = {}
    for root in sorted(nodes, key=lambda n: (_ROOT_ORDER[n.kind], order[n.id])):
        if root.id in level:
            continue
        level[root.id] = 0
        queue = deque([root.id])
        while queue:
            here = queue.popleft()
            for there in neighbours[here]:
                if there not in level:
                    level[there] = level[here] + 1
                    queue.append(there)
    return level


def _against(nodes: Sequence[Node], links: Sequence[_Link], level: Mapping[str, int]) -> list[bool]:
    """For each link, whether its DOT edge runs against it.

    Each DOT edge runs from the node nearer the root to the farther one (file order breaks
    ties), so the root sits alone at the top of the layout while the arrows still point the
    way the author argues.
    """
    order = {n.id: i for i, n in enumerate(nodes)}
    return [(level[k.source], order[k.source]) > (level[k.target], order[k.target])
            for k in links]


def _direction(direction: str, level: Mapping[str, int]) -> str:
    if direction != "auto":
        return direction
    widest = max(Counter(level.values()).values(), default=0)
    return "LR" if widest > AUTO_WIDTH else "TB"


def _node_label(node: Node, style: Style, width: int) -> str:
    tag = (f'<FONT POINT-SIZE="8" COLOR="{style.muted}">'
           f"{escape_html(_KIND_NAMES[node.kind].upper())}</FONT>")
    if node.kind is Kind.THESIS:
        lines = _html_lines(wrap_lines(node.label, width + 8))
        return f'<{tag}<BR/><FONT POINT-SIZE="13"><B>{lines}</B></FONT>>'
    return f"<{tag}<BR/>{_html_lines(wrap_lines(node.label, width))}>"


def _node_tooltip(node: Node, vocabulary: Vocabulary | None) -> str:
    lines = [_quoted(q.text) for q in node.quotes]
    if node.concept is not None:
        concept = vocabulary.get(node.concept) if vocabulary is not None else None
        lines.append(f"Concept: {concept.label} ({node.concept})" if concept is not None
                     else f"Concept: {node.concept}")
    if node.stance is not None:
        lines.append(f"Stance: {node.stance.value}")
    if node.note is not None:
        lines.append(f"Note: {' '.join(node.note.split())}")
    return "\n".join(lines)


def _link_tooltip(link: _Link, labels: Mapping[str, str]) -> str:
    what = link.relation.value + (f" ({link.sign.value})" if link.sign is not None else "")
    lines = [f"{labels[link.source]} \u2192 {what} \u2192 {labels[link.target]}"]
    if link.via:
        lines.append("through nodes not shown: " + "; ".join(labels[v] for v in link.via))
    if link.edge is not None and link.edge.quote is not None:
        lines.append(_quoted(link.edge.quote.text))
    if link.edge is not None and link.edge.note is not None:
        lines.append(f"Note: {' '.join(link.edge.note.split())}")
    return "\n".join(lines)


def _link_look(style: Style, link: _Link) -> EdgeLook:
    look = edge_look(style, link.relation, link.sign)
    return _through_hidden(look) if link.edge is None else look


def _link_entries(style: Style, links: Sequence[_Link]) -> list[tuple[str, EdgeLook]]:
    present = {(k.relation, k.sign if k.relation is Relation.CAUSES else None) for k in links}
    entries = [
        ("supports", (Relation.SUPPORTS, None)),
        ("attacks", (Relation.ATTACKS, None)),
        ("causes, helps", (Relation.CAUSES, Sign.HELPS)),
        ("causes, hinders", (Relation.CAUSES, Sign.HINDERS)),
        ("causes, sign missing", (Relation.CAUSES, None)),
    ]
    out = [(name, edge_look(style, *key)) for name, key in entries if key in present]
    if any(k.edge is None for k in links):
        out.append(("causes, through nodes not shown", _through_hidden(style.helps)))
    return out


class DrawingOptions(TypedDict, total=False):
    """The keyword options every drawing takes: a map, a diff and a comparison."""

    style: str | Style
    direction: Direction
    legend: bool
    caption: bool
    wrap: int


class RenderOptions(DrawingOptions, total=False):
    """The keyword options of :func:`render`, for the functions that pass them on."""

    kinds: Iterable[Kind | str] | str | None
    clusters: bool
    vocabulary: Vocabulary | None


def _drawing_options(options: RenderOptions) -> DrawingOptions:
    """The options of a map's drawing that a diff or a comparison takes too."""
    out: DrawingOptions = {}
    if "style" in options:
        out["style"] = options["style"]
    if "direction" in options:
        out["direction"] = options["direction"]
    if "legend" in options:
        out["legend"] = options["legend"]
    if "caption" in options:
        out["caption"] = options["caption"]
    if "wrap" in options:
        out["wrap"] = options["wrap"]
    return out


def base_graph(name: str, style: Style, direction: str = "TB") -> graphviz.Digraph:
    """An empty ``Digraph`` with argmap's fonts, spacing and layout direction."""
    import graphviz

    if direction not in ("TB", "BT", "LR"):
        raise ValueError(f"unknown direction {direction!r}: use TB, BT or LR")
    graph = graphviz.Digraph(name=name if _PLAIN_ID.fullmatch(name) else "argmap")
    graph.attr("graph", rankdir=direction, nodesep="0.3", ranksep="0.5", pad="0.3",
               bgcolor="white", fontname=FONT, fontcolor=style.text, labelloc="t")
    graph.attr("node", fontname=FONT, fontsize="11", fontcolor=style.text, margin="0.14,0.07")
    graph.attr("edge", fontname=FONT)
    return graph


def render(
    amap: ArgumentMap,
    *,
    style: str | Style = "colour",
    direction: Direction = "auto",
    kinds: Iterable[Kind | str] | str | None = None,
    legend: bool = False,
    caption: bool = True,
    clusters: bool = False,
    wrap: int = 26,
    vocabulary: Vocabulary | None = None,
) -> graphviz.Digraph:
    """The map as a ``graphviz.Digraph``; nothing is run, and ``.source`` is the DOT text.

    Each node kind has its own shape and fill, each relation its own line and arrowhead,
    causal links their sign. The thesis comes first: at the top with ``direction="TB"``, at
    the bottom with ``"BT"``, on the left with ``"LR"``; ``"auto"`` turns a map sideways
    (``LR``) where a row would hold more than :data:`AUTO_WIDTH` nodes. Where ``kinds`` leaves
    the thesis out, the outcome takes its place, so ``kinds=("factor", "outcome")`` draws
    the causal skeleton. Links are drawn where both ends are shown; a causal chain through
    hidden nodes becomes one dotted link with the product of the signs. ``clusters`` boxes
    nodes by ``Node.section`` where the map records sections; labels are wrapped at
    ``wrap`` characters; each node's tooltip holds its quotes and concept (with the concept's
    label where a ``vocabulary`` is given). The same map and options give the same DOT text.

    Raises :class:`~argmap.errors.ValidationError` for duplicate node ids or links to unknown
    nodes, :class:`~argmap.errors.RenderError` where ``kinds`` leaves nothing to draw, and
    ``ValueError`` for an unknown style, direction or kind.
    """
    look = get_style(style)
    wanted = _kinds(kinds)
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}: use {', '.join(DIRECTIONS)}")
    _check_drawable(amap)
    nodes = [n for n in amap.nodes if n.kind in wanted]
    if not nodes:
        asked = ", ".join(sorted(k.value for k in wanted))
        present = ", ".join(dict.fromkeys(n.kind.value for n in amap.nodes))
        raise RenderError(f"map {amap.id!r} has no {asked} nodes to draw (it has: {present})")
    links = _links(amap, {n.id for n in nodes})
    level = _levels(nodes, links)
    graph = base_graph(amap.id, look, _direction(direction, level))
    names = _dot_names(amap.nodes)
    if caption:
        graph.attr("graph", label=caption_label(amap.source, look))

    def add_node(target: graphviz.Digraph, node: Node) -> None:
        dot_node(target, names[node.id], label=_node_label(node, look, wrap),
                 tooltip=escape_plain(_node_tooltip(node, vocabulary)),
                 **look.nodes[node.kind].attributes())

    sections = list(dict.fromkeys(n.section for n in nodes if n.section is not None))
    if clusters and sections:
        for i, section in enumerate(sections, 1):
            with graph.subgraph(name=f"cluster_{i}") as box:
                box.attr(label=f"<<I>{_html_lines(wrap_lines(section, 60))}</I>>",
                         fontsize="11", fontcolor=look.muted, labeljust="l",
                         color=look.section_line, fillcolor=look.section_fill,
                         style=look.section_style)
                for node in nodes:
                    if node.section == section:
                        add_node(box, node)
    for node in nodes:
        if not (clusters and node.section is not None):
            add_node(graph, node)

    labels = {n.id: n.label for n in amap.nodes}
    for link, against in zip(links, _against(nodes, links, level), strict=True):
        tail, head = (link.target, link.source) if against else (link.source, link.target)
        dot_edge(graph, names[tail], names[head],
                 tooltip=escape_plain(_link_tooltip(link, labels)),
                 **_link_look(look, link).attributes(reverse=against))

    if legend:
        kinds_shown = [k for k in Kind if any(n.kind is k for n in nodes)]
        add_legend(graph, [(_KIND_NAMES[k], look.nodes[k]) for k in kinds_shown],
                   _link_entries(look, links))
    return graph


# --- running dot and writing files --------------------------------------------------------


def run_dot(source: str, fmt: str = "svg") -> bytes:
    """Run Graphviz's ``dot`` on DOT text; return its output in ``fmt`` (svg, png, pdf).

    The one place argmap runs an executable. Raises :class:`~argmap.errors.GraphvizNotFound`
    with install instructions where ``dot`` is missing, :class:`~argmap.errors.RenderError`
    with dot's message where it fails.
    """
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizNotFound(INSTALL_HELP)
    try:
        done = subprocess.run([exe, f"-T{fmt}"], input=source.encode("utf-8"),
                              capture_output=True, check=False)
    except OSError as exc:
        raise GraphvizNotFound(f"cannot run {exe}: {exc.strerror or exc}\n{INSTALL_HELP}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip() or "no message"
        raise RenderError(f"Graphviz's dot failed (exit code {done.returncode}): {message}")
    return done.stdout


def output_format(path: str | os.PathLike[str]) -> str:
    """The format a file name asks for, by its suffix: svg, png, pdf or dot (also ``.gv``).

    Raises :class:`~argmap.errors.ExportError` for any other suffix.
    """
    suffix = Path(path).suffix.lower()
    fmt = "dot" if suffix == ".gv" else suffix.lstrip(".")
    if fmt not in FORMATS:
        raise ExportError(f"{path}: cannot tell the drawing's format from the suffix "
                          f"{suffix or '(none)'!r}: use .svg, .png, .pdf or .dot")
    return fmt


def write_rendering(source: str, path: str | os.PathLike[str]) -> Path:
    """Draw DOT text into ``path`` in the format its suffix names, atomically.

    A ``.dot`` file gets the DOT text itself and needs no Graphviz. A failed drawing leaves
    the old file (or no file) in place. Returns the path written.
    """
    from argmap.yamlio import write_text

    fmt = output_format(path)
    data = source if fmt == "dot" else run_dot(source, fmt)
    try:
        return write_text(path, data)
    except OSError as exc:
        raise RenderError(f"cannot write {path}: {exc.strerror or exc}") from None


def render_svg(amap: ArgumentMap, **options: Unpack[RenderOptions]) -> str:
    """The map drawn as SVG text; ``options`` are those of :func:`render`."""
    return run_dot(render(amap, **options).source, "svg").decode("utf-8")


def render_file(
    amap: ArgumentMap, path: str | os.PathLike[str], **options: Unpack[RenderOptions]
) -> Path:
    """Draw the map into ``path`` (svg, png, pdf or dot, by its suffix), atomically.

    ``options`` are those of :func:`render`. Returns the path written.
    """
    output_format(path)  # a bad suffix fails before any work is done
    return write_rendering(render(amap, **options).source, path)


#: The options of the gallery images, which are also ``argmap render``'s defaults.
GALLERY_OPTIONS: RenderOptions = {"legend": True}


def render_gallery(maps_dir: str | os.PathLike[str], out_dir: str | os.PathLike[str], *,
                   comparison: bool = True, diffs: Iterable[tuple[str, str]] = (),
                   **options: Unpack[RenderOptions]) -> list[Path]:
    """Draw every map in ``maps_dir`` as ``out_dir/<map file name>.svg``, then the comparison
    map of them all as ``comparison.svg`` (where there are two maps or more and
    ``comparison`` is true) and each pair of ``diffs`` (map file names without ``.yaml``) as
    ``diff-<a>-<b>.svg``; return the files written.

    Vocabulary files are skipped; each map's vocabulary (``concepts.yaml`` beside it) names
    the concepts in the tooltips. ``options`` override :data:`GALLERY_OPTIONS`; the comparison
    and the diffs take those that apply to them (style, direction, legend, caption, wrap).
    Raises :class:`~argmap.errors.RenderError` for a diff naming a map that is not there.
    """
    from argmap.render_compare import render_comparison, render_diff
    from argmap.validate import find_vocabulary
    from argmap.yamlio import is_vocabulary_file, load, load_vocabulary

    target = Path(out_dir)
    pairs = list(diffs)
    opts: RenderOptions = {**GALLERY_OPTIONS, **options}
    maps: dict[str, ArgumentMap] = {}
    for path in sorted(Path(maps_dir).glob("*.yaml")):
        if not is_vocabulary_file(path):
            maps[path.stem] = load(path, anchor=False)
    missing = sorted({name for pair in pairs for name in pair} - set(maps))
    if missing:
        raise RenderError(f"no map {', '.join(missing)} in {maps_dir} to draw a diff of "
                          f"(maps there: {', '.join(maps) or 'none'})")
    target.mkdir(parents=True, exist_ok=True)
    vocabularies: dict[Path, Vocabulary] = {}
    written = []
    for stem, amap in maps.items():
        map_opts: RenderOptions = {**opts}
        found = find_vocabulary(amap)
        if found is not None and "vocabulary" not in options:
            if found not in vocabularies:
                vocabularies[found] = load_vocabulary(found)
            map_opts["vocabulary"] = vocabularies[found]
        written.append(render_file(amap, target / f"{stem}.svg", **map_opts))
    shared = _drawing_options(opts)
    vocabulary = opts.get("vocabulary")
    if comparison and len(maps) > 1:
        graph = render_comparison(list(maps.values()), vocabulary=vocabulary, **shared)
        written.append(write_rendering(graph.source, target / "comparison.svg"))
    for a, b in pairs:
        graph = render_diff(maps[a], maps[b], vocabulary=vocabulary, **shared)
        written.append(write_rendering(graph.source, target / f"diff-{a}-{b}.svg"))
    return written


def mimebundle(draw: Callable[[], str], summary: str) -> dict[str, str]:
    """A Jupyter display bundle: the SVG that ``draw`` returns, or, where it cannot be drawn
    (Graphviz missing, a broken map), ``summary`` and the reason as text."""
    try:
        return {"image/svg+xml": draw()}
    except ArgmapError as exc:
        return {"text/plain": f"{summary}\n(not drawn: {exc})"}
