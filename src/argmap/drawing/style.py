"""The looks of argmap's drawings: a shape and fill per node kind, a line per relation (causal
links per sign), in a colour style (Okabe-Ito, safe under the common colour-vision
deficiencies) and a greyscale style for black-and-white print.

A causal link that helps and one that hinders differ in colour *and* line style (blue and
solid, vermillion and dashed; solid and dashed in greyscale) and carry their sign (``+``,
``−``) at the arrowhead, so that neither colour vision nor a colour printer is needed to
tell them apart. Every drawing (a map, a diff, a comparison) uses these two looks.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from argmap.drawing.dot import escape_html
from argmap.model import Kind, Relation, Sign

__all__ = [
    "ATTACK_PURPLE",
    "CHAIN_ARROW",
    "COLOUR",
    "FONT",
    "GREYSCALE",
    "MINUS",
    "OKABE_ITO",
    "EdgeLook",
    "NodeLook",
    "Style",
    "edge_look",
    "get_style",
    "implicit",
    "through_hidden",
    "tint",
]

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
#: Okabe-Ito's reddish purple, darkened to 5.2:1 on white: the attack line, apart from the
#: vermillion of a causal link that hinders.
ATTACK_PURPLE = "#A3507E"

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
    attacks=EdgeLook(ATTACK_PURPLE, "tee", "dotted", 2.0, arrowsize=1.2),
    helps=EdgeLook(_OI["blue"], "vee", "solid", 1.8, "+"),
    hinders=EdgeLook(_OI["vermillion"], "vee", "dashed", 1.8, MINUS),
    unsigned=EdgeLook("#595959", "vee", "solid", 1.6, "?"),
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
    attacks=EdgeLook("#000000", "tee", "dotted", 2.0, arrowsize=1.2),
    helps=EdgeLook("#000000", "vee", "solid", 1.8, "+"),
    hinders=EdgeLook("#000000", "vee", "dashed", 1.8, MINUS),
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


#: The arrowhead of a causal link drawn for a chain through nodes left out: the sign's own
#: arrowhead with a small ring behind it, so that the line keeps the sign's colour and style.
CHAIN_ARROW = "odot"


def through_hidden(look: EdgeLook) -> EdgeLook:
    """A causal link that stands for a chain through nodes the drawing leaves out: the look
    of its sign (colour, line style, mark) with a ring behind the arrowhead and a thinner line."""
    return attrs.evolve(look, arrow=f"{look.arrow}{CHAIN_ARROW}", penwidth=max(1.0, look.penwidth - 0.6))


def implicit(look: NodeLook) -> NodeLook:
    """The look of an implicit node (an unstated premise or a reconstruction, no quote): its
    kind's shape with a dashed outline and no fill, in colour and greyscale alike."""
    styles = [s for s in look.style.split(",") if s not in ("dashed", "dotted", "filled", "bold")]
    return attrs.evolve(look, style=",".join([*styles, "filled", "dashed"]), fillcolor="#FFFFFF",
                        penwidth=max(look.penwidth, 1.6))
