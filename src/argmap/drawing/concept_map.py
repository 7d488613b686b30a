"""The pieces of concept-level drawings (a diff of two authors, the comparison map of many):
the looks of each status, concept nodes shaped by kind, the layout around the outcome,
tooltips with the authors' quotes, and the key naming the authors.
"""

from __future__ import annotations

import itertools
from collections import Counter, deque
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeAlias

import attrs

from argmap._text import runs
from argmap.concepts import ConceptKind
from argmap.diffing import Status
from argmap.drawing.dot import PLAIN_ID, dot_edge, dot_node, escape_html, html_lines, quoted, wrap_lines
from argmap.drawing.parts import DIRECTIONS
from argmap.drawing.style import ATTACK_PURPLE, MINUS, OKABE_ITO, EdgeLook, NodeLook, Style, get_style, tint
from argmap.model import Kind, Source
from argmap.projection import AuthorStance, CausalLink, ConceptUse, LinkSign, describe_source

if TYPE_CHECKING:  # graphviz is imported lazily: it costs ~70 ms
    import graphviz

__all__ = ["AUTO_CONCEPTS", "STATUS_NAMES", "SignLooks", "StatusLook", "author_numbers", "sign_looks", "status_looks"]

STATUS_NAMES: Mapping[Status, str] = {
    Status.ONLY_A: "only A",
    Status.ONLY_B: "only B",
    Status.AGREE: "agree",
    Status.PARTIAL: "partly agree",
    Status.CONFLICT: "conflict",
}

_SIGN = {LinkSign.HELPS: "+", LinkSign.HINDERS: MINUS, LinkSign.MIXED: "\u00b1"}
_STANCE_ORDER = (AuthorStance.AFFIRMS, AuthorStance.QUALIFIES, AuthorStance.DENIES,
                 AuthorStance.MIXED, AuthorStance.MENTIONS)
# A concept is drawn like the node kind that usually carries it in a single map.
_KIND_OF_CONCEPT = {ConceptKind.OUTCOME: Kind.OUTCOME, ConceptKind.FACTOR: Kind.FACTOR,
                    ConceptKind.PROPOSITION: Kind.CLAIM}

#: The most concepts one row of a top-down diff or comparison may hold before ``auto`` turns
#: it sideways: concept boxes are small, and sixteen side by side still fit a projected slide.
AUTO_CONCEPTS = 16


# --- looks -------------------------------------------------------------------------------


@attrs.frozen
class StatusLook:
    """How a diff marks one :class:`~argmap.Status` on a concept: the outline and fill (its
    shape comes from the concept's kind) and the colour of the status tag. A causal link shows
    its sign by its line (see :class:`SignLooks`), its status by width, doubling and label."""

    node: NodeLook
    tag: str


_OI = OKABE_ITO
_COLOUR_STATUS: Mapping[Status, StatusLook] = {
    Status.ONLY_A: StatusLook(NodeLook("box", tint(_OI["blue"], 0.2), _OI["blue"], "filled,dashed", 1.6), _OI["blue"]),
    Status.ONLY_B: StatusLook(NodeLook("box", tint(_OI["reddish purple"], 0.3), "#A3507E", "filled,dotted", 2.2),
                              "#A3507E"),
    Status.AGREE: StatusLook(NodeLook("box", tint(_OI["bluish green"], 0.3), "#006B4E", "filled", 2.0), "#006B4E"),
    Status.PARTIAL: StatusLook(NodeLook("box", tint(_OI["orange"], 0.35), "#9C6B00", "filled", 1.2), "#9C6B00"),
    Status.CONFLICT: StatusLook(NodeLook("box", tint(_OI["vermillion"], 0.3), _OI["vermillion"], "filled", 1.6,
                                         peripheries=2), _OI["vermillion"]),
}

# Greyscale: the outline's style carries the status, the fill only helps.
_GREY_STATUS: Mapping[Status, StatusLook] = {
    Status.ONLY_A: StatusLook(NodeLook("box", "#FFFFFF", "#000000", "filled,dashed", 1.6), "#000000"),
    Status.ONLY_B: StatusLook(NodeLook("box", "#FFFFFF", "#000000", "filled,dotted", 2.2), "#000000"),
    Status.AGREE: StatusLook(NodeLook("box", "#D4D4D4", "#000000", "filled", 2.0), "#000000"),
    Status.PARTIAL: StatusLook(NodeLook("box", "#EDEDED", "#000000", "filled", 1.0), "#000000"),
    Status.CONFLICT: StatusLook(NodeLook("box", "#FFFFFF", "#000000", "filled", 1.6, peripheries=2), "#000000"),
}


def status_looks(style: str | Style) -> Mapping[Status, StatusLook]:
    """The diff's look of each status on a concept in a style: every status differs by the
    outline (dashed only A, dotted only B, double for a conflict, thick agree, thin partial)
    as well as by colour, so that the greyscale style keeps every distinction."""
    return _GREY_STATUS if get_style(style).name == "greyscale" else _COLOUR_STATUS


@attrs.frozen
class SignLooks:
    """The lines of concept-level causal links, by the signs the authors give them: the
    single map's looks of ``+`` (helps) and ``−`` (hinders), ``±`` where both signs are
    given without two authors opposing each other (an author's mixed view, say), and a
    double line of both colours where two authors give opposite signs."""

    helps: EdgeLook
    hinders: EdgeLook
    mixed: EdgeLook
    conflict: EdgeLook


def _double(first: str, second: str) -> str:
    """A Graphviz colour list that draws two parallel lines: the mark of a conflict."""
    return f"{first}:#FFFFFF:{second}"


def sign_looks(style: str | Style) -> SignLooks:
    """The lines of concept-level causal links in a style (see :class:`SignLooks`): helps and
    hinders as in a single map (blue solid, vermillion dashed; solid and dashed black in
    greyscale), both signs dotted (reddish purple), opposite signs a double line. Arrowheads
    are filled: an open one drawn with a wide pen closes up into a blob."""
    look = get_style(style)
    helps = EdgeLook(look.helps.color, "normal", look.helps.style)
    hinders = EdgeLook(look.hinders.color, "normal", look.hinders.style)
    mixed_colour = "#000000" if look.name == "greyscale" else ATTACK_PURPLE
    return SignLooks(helps, hinders, EdgeLook(mixed_colour, "normal", "dotted"),
                     EdgeLook(_double(helps.color, hinders.color), "normal", "solid"))


def _contested(style: Style) -> NodeLook:
    """A proposition some authors affirm and others deny."""
    plain = style.nodes[Kind.CLAIM]
    colour = "#000000" if style.name == "greyscale" else _OI["vermillion"]
    return attrs.evolve(plain, color=colour, penwidth=1.6, peripheries=2)


def _concept_look(style: Style, kind: ConceptKind) -> NodeLook:
    return style.nodes[_KIND_OF_CONCEPT[kind]]


# --- text ---------------------------------------------------------------------------------


def author_numbers(numbers: Iterable[int]) -> str:
    """Author numbers as short labels: ``[1] [3]``, runs of three or more as ``[1–5]``."""
    parts: list[str] = []
    for first, last in runs(numbers):
        if last - first >= 2:
            parts.append(f"[{first}\u2013{last}]")
        else:
            parts.extend(f"[{n}]" for n in range(first, last + 1))
    return " ".join(parts)


def _describe(source: Source) -> str:
    """A text as the key lists it: its display name, then author (year) and title where they
    add to it (:func:`argmap.projection.describe_source`)."""
    return describe_source(source)


def _tag(kind: ConceptKind, style: Style, mark: str | None = None, colour: str | None = None) -> str:
    """The small line above a concept's label: its kind, and a status in bold."""
    tag = f'<FONT POINT-SIZE="8" COLOR="{style.muted}">{escape_html(kind.value.upper())}</FONT>'
    if mark:
        tag += (f'<FONT POINT-SIZE="8" COLOR="{colour or style.muted}"> \u00b7 '
                f"<B>{escape_html(mark.upper())}</B></FONT>")
    return tag


def _use_stance(use: ConceptUse) -> str:
    if use.stance is AuthorStance.MIXED:
        return "mixed (" + ", ".join(s.value for s in sorted(use.stances)) + ")"
    return use.stance.value


def _use_tooltip(who: str, use: ConceptUse | None) -> list[str]:
    if use is None:
        return [f"{who}: silent"]
    lines = [f"{who}: {_use_stance(use)}"]
    for m in use.mentions:
        stance = f" ({m.stance.value})" if m.stance is not None and use.stance is AuthorStance.MIXED else ""
        lines.append(f"\u2022 {m.label}{stance}")
        lines.extend(f"  {quoted(q.text)}" for q in m.quotes)
    return lines


def _link_tooltip(who: str, link: CausalLink | None) -> list[str]:
    if link is None:
        return [f"{who}: silent"]
    lines = [f"{who}: {_SIGN[link.sign]}" + (" (both signs)" if link.sign is LinkSign.MIXED else "")]
    for path in link.paths:
        chain = " \u2192 ".join(path.labels)
        lines.append(f"\u2022 {chain} ({_SIGN[LinkSign(path.sign.value)]})")
        lines.extend(f"  {quoted(q.text)}" for q in path.quotes)
    return lines


# --- layout -------------------------------------------------------------------------------


def _names(concepts: Sequence[str]) -> dict[str, str]:
    """DOT node names: the concept id where it is plain and cannot clash with the legend's
    names, a numbered stand-in otherwise (``#`` never occurs in a plain id)."""
    return {c: c if PLAIN_ID.fullmatch(c) and not c.startswith("legend") else f"#{i}"
            for i, c in enumerate(concepts)}


@attrs.frozen
class _Layout:
    """Where things go: each linked concept's distance from the outcome, which links run
    against their DOT edge, the concepts in no link, and the direction."""

    level: Mapping[str, int]
    against: tuple[bool, ...]
    loose: tuple[str, ...]
    direction: str


def _layout(concepts: Sequence[str], kinds: Mapping[str, ConceptKind],
            links: Sequence[tuple[str, str]], direction: str) -> _Layout:
    """Hang the causal map from its outcome(s), as a single map hangs from its thesis: each
    DOT edge runs from the concept nearer the outcome to the farther one, so the outcome
    comes first (top in ``TB``, left in ``LR``) while arrows still point from cause to effect."""
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}: use {', '.join(DIRECTIONS)}")
    order = {c: i for i, c in enumerate(concepts)}
    neighbours: dict[str, list[str]] = {c: [] for c in concepts}
    for cause, effect in links:
        neighbours[cause].append(effect)
        neighbours[effect].append(cause)
    level: dict[str, int] = {}
    for root in sorted(concepts, key=lambda c: (kinds[c] is not ConceptKind.OUTCOME, order[c])):
        if root in level or not neighbours[root]:
            continue
        level[root] = 0
        queue = deque([root])
        while queue:
            here = queue.popleft()
            for there in neighbours[here]:
                if there not in level:
                    level[there] = level[here] + 1
                    queue.append(there)
    against = tuple((level[c], order[c]) > (level[e], order[e]) for c, e in links)
    loose = tuple(c for c in concepts if c not in level)
    if direction == "auto":
        widest = max(Counter(level.values()).values(), default=0)
        direction = "LR" if widest > AUTO_CONCEPTS else "TB"
    return _Layout(level, against, loose, direction)


def _on_line(html: str) -> str:
    """An edge label on a white ground, legible where it overlaps a line."""
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLPADDING="1" BGCOLOR="white"><TR><TD>{html}</TD></TR></TABLE>>'


def _author_table(rows: Sequence[tuple[str, str]], title: str) -> str:
    """The key from author labels ([1], A) to the texts, as an HTML-like label."""
    cells = "".join(
        f'<TR><TD ALIGN="RIGHT" VALIGN="TOP"><B>{escape_html(mark)}</B></TD>'
        f'<TD ALIGN="LEFT" BALIGN="LEFT">{html_lines(wrap_lines(text, 40))}</TD></TR>'
        for mark, text in rows)
    return (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
            f'<TR><TD COLSPAN="2" ALIGN="LEFT"><B>{escape_html(title)}</B></TD></TR>{cells}</TABLE>>')


_KeyEntry: TypeAlias = tuple[str, NodeLook | None, EdgeLook | None]


@attrs.frozen
class _Key:
    """The key: entries (a name in a sample shape, or as plain text where the shape is
    None, optionally reached by a sample line), then the authors' labels."""

    entries: Sequence[_KeyEntry]
    authors: Sequence[tuple[str, str]]


def _add_concepts(graph: graphviz.Digraph, layout: _Layout, names: Mapping[str, str],
                  nodes: Mapping[str, Mapping[str, str]], loose_title: str, style: Style,
                  key: _Key | None) -> None:
    """Add the concepts of the causal map, then, after it, a rank of the concepts in no
    causal link (mostly propositions) under a heading, and last a rank with the key: two
    rows below a ``TB`` drawing, two columns right of an ``LR`` one.

    Unlike :func:`argmap.drawing.parts.add_legend`, which sets the key beside a map's root, this
    keeps the root's rank free: a comparison's outcome has a dozen causes beside it.
    """
    for concept, attributes in nodes.items():
        if concept not in layout.loose:
            dot_node(graph, names[concept], **attributes)
    if layout.loose:
        with graph.subgraph(name="legend_loose") as row:
            row.attr(rank="same")
            dot_node(row, "legend_loose", label=f"<<I>{escape_html(loose_title)}</I>>",
                     shape="plaintext", style="", fontsize="12", fontcolor=style.muted, height="0.3")
            for concept in layout.loose:
                dot_node(row, names[concept], **nodes[concept])
            chain = ["legend_loose", *(names[c] for c in layout.loose)]
            for a, b in itertools.pairwise(chain):  # keeps the row in this order
                dot_edge(row, a, b, style="invis")
    elif key is None:
        return
    items = ["legend"]
    with graph.subgraph(name="legend") as row:
        row.attr(rank="sink")
        if key is None:  # an invisible anchor for the row above
            dot_node(row, "legend", label="", shape="point", width="0.01", style="invis")
        else:
            dot_node(row, "legend", label="<<B>Key</B>>", shape="plaintext", style="",
                     fontsize="12", height="0.3")
            for i, (name, shape, _line) in enumerate(key.entries):
                look = (shape.attributes() if shape is not None
                        else {"shape": "plaintext", "style": "", "margin": "0.06,0"})
                dot_node(row, f"legend_{i}", label=f"<{html_lines(wrap_lines(name, 18))}>",
                         **{"margin": "0.08,0.03", **look, "fontsize": "10", "height": "0.3"})
                items.append(f"legend_{i}")
            if key.authors:
                dot_node(row, "legend_authors", label=_author_table(key.authors, "Authors"),
                         shape="plaintext", style="", fontsize="10")
                items.append("legend_authors")
        for a, b in itertools.pairwise(items):  # in this order, close together
            dot_edge(row, a, b, style="invis", weight="5")
    # Rows of their own, after every concept of the causal map: weightless links only set
    # the ranks, they do not pull anything out of place.
    after = "legend_loose" if layout.loose else "legend"
    for concept in nodes:
        if concept not in layout.loose:
            dot_edge(graph, names[concept], after, style="invis", weight="0")
    if layout.loose:
        dot_edge(graph, "legend_loose", "legend", style="invis")
    for i, (_name, _shape, line) in enumerate(key.entries if key is not None else ()):
        if line is not None:  # the sample line ends at its name, so it starts one rank before
            dot_node(graph, f"legend_{i}_start", label="", shape="point", width="0.01", style="invis")
            dot_edge(graph, f"legend_{i}_start", f"legend_{i}", weight="10", **line.attributes())


def _loose_title(loose: Sequence[str], kinds: Mapping[str, ConceptKind]) -> str:
    """The heading of the concepts in no causal link."""
    if all(kinds[c] is ConceptKind.PROPOSITION for c in loose):
        return "Propositions"
    return "Concepts in no causal link"
