"""Drawing comparisons: two authors' maps overlaid as a diff, and the map of many authors.

Both drawings work at the level of the shared concepts (see :mod:`argmap.compare`): each
concept is a node shaped by its kind as in a single map (outcome: octagon, factor: hexagon,
proposition: rounded box) and each concept-level causal link is an arrow with its sign.
:func:`render_diff` marks what only one author says, what both say alike, partly alike or
in opposition; :func:`render_comparison` annotates every concept and link with the authors
who assert it. Like :func:`argmap.render`, both build DOT text without running anything;
:func:`argmap.render.run_dot` and :func:`argmap.render.write_rendering` draw it.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, deque
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeAlias

import attrs

from argmap.compare import (
    AuthorStance,
    CausalLink,
    Comparison,
    ConceptUse,
    LinkRow,
    LinkSign,
    MapDiff,
    Status,
    compare,
    diff,
)
from argmap.concepts import ConceptKind
from argmap.model import ArgumentMap, Kind, Source
from argmap.render import (
    DIRECTIONS,
    MINUS,
    OKABE_ITO,
    Direction,
    EdgeLook,
    NodeLook,
    Style,
    base_graph,
    caption,
    dot_edge,
    dot_node,
    escape_html,
    escape_plain,
    get_style,
    tint,
    wrap_lines,
)

if TYPE_CHECKING:  # graphviz is imported lazily: it costs ~70 ms
    import graphviz

    from argmap.concepts import Vocabulary

__all__ = [
    "AUTO_CONCEPTS",
    "STATUS_NAMES",
    "StatusLook",
    "author_numbers",
    "render_comparison",
    "render_diff",
    "status_looks",
]

#: How a diff names each status, in its legend and in the tag above a concept's label.
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
_PLAIN_ID = re.compile(r"[A-Za-z0-9_.-]+")

#: The most concepts one row of a top-down diff or comparison may hold before ``auto`` turns
#: it sideways: concept boxes are small, and sixteen side by side still fit a projected slide.
AUTO_CONCEPTS = 16


# --- looks -------------------------------------------------------------------------------


@attrs.frozen
class StatusLook:
    """How a diff marks one :class:`~argmap.compare.Status`: the outline and fill of a
    concept (its shape comes from the concept's kind), the line of a causal link, and the
    colour of the status tag."""

    node: NodeLook
    line: EdgeLook
    tag: str


def _double(colour: str) -> str:
    """A Graphviz colour list that draws two parallel lines: the mark of a conflict."""
    return f"{colour}:#FFFFFF:{colour}"


_OI = OKABE_ITO
_COLOUR_STATUS: Mapping[Status, StatusLook] = {
    Status.ONLY_A: StatusLook(NodeLook("box", tint(_OI["blue"], 0.2), _OI["blue"], "filled,dashed", 1.6),
                              EdgeLook(_OI["blue"], "vee", "dashed", 1.8), _OI["blue"]),
    Status.ONLY_B: StatusLook(NodeLook("box", tint(_OI["reddish purple"], 0.3), "#A3507E", "filled,dotted", 2.2),
                              EdgeLook("#A3507E", "vee", "dotted", 2.4), "#A3507E"),
    Status.AGREE: StatusLook(NodeLook("box", tint(_OI["bluish green"], 0.3), "#006B4E", "filled", 2.0),
                             EdgeLook(_OI["bluish green"], "vee", "solid", 2.4), "#006B4E"),
    Status.PARTIAL: StatusLook(NodeLook("box", tint(_OI["orange"], 0.35), "#9C6B00", "filled", 1.2),
                               EdgeLook(_OI["orange"], "vee", "solid", 1.3), "#9C6B00"),
    Status.CONFLICT: StatusLook(NodeLook("box", tint(_OI["vermillion"], 0.3), _OI["vermillion"], "filled", 1.6,
                                         peripheries=2),
                                EdgeLook(_double(_OI["vermillion"]), "vee", "solid", 1.4), _OI["vermillion"]),
}

# Greyscale: the outline's and line's style carries the status, the fill only helps.
_GREY_STATUS: Mapping[Status, StatusLook] = {
    Status.ONLY_A: StatusLook(NodeLook("box", "#FFFFFF", "#000000", "filled,dashed", 1.6),
                              EdgeLook("#000000", "vee", "dashed", 1.6), "#000000"),
    Status.ONLY_B: StatusLook(NodeLook("box", "#FFFFFF", "#000000", "filled,dotted", 2.2),
                              EdgeLook("#000000", "vee", "dotted", 2.2), "#000000"),
    Status.AGREE: StatusLook(NodeLook("box", "#D4D4D4", "#000000", "filled", 2.0),
                             EdgeLook("#000000", "vee", "solid", 2.4), "#000000"),
    Status.PARTIAL: StatusLook(NodeLook("box", "#EDEDED", "#000000", "filled", 1.0),
                               EdgeLook("#000000", "vee", "solid", 1.0), "#000000"),
    Status.CONFLICT: StatusLook(NodeLook("box", "#FFFFFF", "#000000", "filled", 1.6, peripheries=2),
                                EdgeLook(_double("#000000"), "vee", "solid", 1.4), "#000000"),
}


def status_looks(style: str | Style) -> Mapping[Status, StatusLook]:
    """The diff's look of each status in a style: every status differs by the outline or
    line style (dashed only A, dotted only B, double for a conflict) as well as by colour,
    so that the greyscale style keeps every distinction."""
    return _GREY_STATUS if get_style(style).name == "greyscale" else _COLOUR_STATUS


@attrs.frozen
class _LinkLooks:
    """The comparison map's lines: all authors give one sign, an author gives both, two
    authors give opposite signs."""

    agree: EdgeLook
    mixed: EdgeLook
    conflict: EdgeLook


# Filled arrowheads: an open one drawn with a wide pen closes up into a blob.
_COLOUR_LINKS = _LinkLooks(EdgeLook(_OI["blue"]), EdgeLook("#A3507E", style="dashed"),
                           EdgeLook(_double(_OI["vermillion"])))
_GREY_LINKS = _LinkLooks(EdgeLook("#000000"), EdgeLook("#000000", style="dashed"),
                         EdgeLook(_double("#000000")))


def _contested(style: Style) -> NodeLook:
    """A proposition some authors affirm and others deny."""
    plain = style.nodes[Kind.CLAIM]
    colour = "#000000" if style.name == "greyscale" else _OI["vermillion"]
    return attrs.evolve(plain, color=colour, penwidth=1.6, peripheries=2)


def _concept_look(style: Style, kind: ConceptKind) -> NodeLook:
    return style.nodes[_KIND_OF_CONCEPT[kind]]


# --- text ---------------------------------------------------------------------------------


def _html_lines(lines: Iterable[str]) -> str:
    return "<BR/>".join(escape_html(line) for line in lines)


def _quoted(text: str) -> str:
    return f"\u201c{' '.join(text.split())}\u201d"


def author_numbers(numbers: Iterable[int]) -> str:
    """Author numbers as short labels: ``[1] [3]``, runs of three or more as ``[1–5]``."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"[{ordered[i]}\u2013{ordered[j]}]")
        else:
            parts.extend(f"[{n}]" for n in ordered[i:j + 1])
        i = j + 1
    return " ".join(parts)


def _describe(source: Source, key: str) -> str:
    """An author as the key lists them: the map's key, then author (year) and title where stated."""
    who = source.author or ""
    if source.year is not None:
        who = f"{who} ({source.year})" if who else str(source.year)
    stated = ", ".join(x for x in (who, source.title or "") if x)
    return f"{key}: {stated}" if stated else key


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
        lines.extend(f"  {_quoted(q.text)}" for q in m.quotes)
    return lines


def _link_tooltip(who: str, link: CausalLink | None) -> list[str]:
    if link is None:
        return [f"{who}: silent"]
    lines = [f"{who}: {_SIGN[link.sign]}" + (" (both signs)" if link.sign is LinkSign.MIXED else "")]
    for path in link.paths:
        chain = " \u2192 ".join(path.labels)
        lines.append(f"\u2022 {chain} ({_SIGN[LinkSign(path.sign.value)]})")
        lines.extend(f"  {_quoted(q.text)}" for q in path.quotes)
    return lines


# --- layout -------------------------------------------------------------------------------


def _names(concepts: Sequence[str]) -> dict[str, str]:
    """DOT node names: the concept id where it is plain and cannot clash with the legend's
    names, a numbered stand-in otherwise (``#`` never occurs in a plain id)."""
    return {c: c if _PLAIN_ID.fullmatch(c) and not c.startswith("legend") else f"#{i}"
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
        f'<TD ALIGN="LEFT" BALIGN="LEFT">{_html_lines(wrap_lines(text, 40))}</TD></TR>'
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

    Unlike :func:`argmap.render.add_legend`, which sets the key beside a map's root, this
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
                dot_node(row, f"legend_{i}", label=f"<{_html_lines(wrap_lines(name, 18))}>",
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


# --- the diff -----------------------------------------------------------------------------


_KEY_NAMES = {Status.ONLY_A: "only A", Status.ONLY_B: "only B", Status.AGREE: "shared, agreeing",
              Status.PARTIAL: "partly agreeing", Status.CONFLICT: "conflicting"}


def _explained(status: Status, what: str) -> str:
    """A status in words, for a tooltip; ``what`` is ``stance`` or ``sign``."""
    return {
        Status.ONLY_A: f"only A: B {'is silent on it' if what == 'stance' else 'does not assert it'}",
        Status.ONLY_B: f"only B: A {'is silent on it' if what == 'stance' else 'does not assert it'}",
        Status.AGREE: f"agree: the same {what}",
        Status.PARTIAL: f"partly agree: different {what}s, not opposed",
        Status.CONFLICT: f"conflict: opposite {what}s",
    }[status]


def _stances(*sides: tuple[str, ConceptUse | None]) -> str:
    """``A denies · B affirms``: each side's stance, where it takes one."""
    return " \u00b7 ".join(f"<B>{side}</B> {escape_html(_use_stance(use))}" for side, use in sides
                           if use is not None and use.stance is not AuthorStance.MENTIONS)


def _signs(a: CausalLink | None, b: CausalLink | None) -> str:
    """``+`` where one sign is all there is to say, else ``A ± · B +``."""
    if a is not None and b is not None and a.sign is not b.sign:
        return f"A {_SIGN[a.sign]} \u00b7 B {_SIGN[b.sign]}"
    link = a or b
    assert link is not None
    return _SIGN[link.sign]


def _neutral(kind_look: NodeLook, style: Style) -> NodeLook:
    """A kind's shape without its fill: in a diff the fill tells the status."""
    return attrs.evolve(kind_look, fillcolor="#FFFFFF", color=style.muted, penwidth=1.0,
                        peripheries=1, style="filled")


def _caption(head: str, sub: str, style: Style) -> str:
    return caption(head, sub, style, width=80)


def render_diff(
    a: ArgumentMap | MapDiff,
    b: ArgumentMap | None = None,
    *,
    style: str | Style = "colour",
    direction: Direction = "auto",
    legend: bool = True,
    caption: bool = True,
    wrap: int = 22,
    vocabulary: Vocabulary | None = None,
) -> graphviz.Digraph:
    """Two authors' concept-level maps overlaid, as a ``graphviz.Digraph`` (DOT text only).

    Pass two maps (``vocabulary`` as for :func:`argmap.diff`) or one :class:`MapDiff`. Every
    concept and causal link either author uses is drawn once and marked: only A (dashed),
    only B (dotted), agree (solid, thick), partly agree (solid, thin) or conflict (a double
    outline or line: opposite stances or signs), by colour as well in the colour style.
    Stances and signs are written on the drawing, tooltips hold both authors' quotes, the
    key names both authors. The causal map hangs from its outcome; ``direction`` and
    ``wrap`` work as for :func:`argmap.render`. Concepts in no causal link (mostly
    propositions) come last, beside the key.
    """
    if isinstance(a, MapDiff):
        if b is not None:
            raise TypeError("render_diff takes two maps or one MapDiff, not a MapDiff and a map")
        d = a
    elif b is None:
        raise TypeError("render_diff needs a second map (or a MapDiff alone)")
    else:
        d = diff(a, b, vocabulary=vocabulary, same_text=False)
    look = get_style(style)
    looks = status_looks(look)
    concepts = [c.concept for c in d.concepts]
    kinds = {c.concept: c.kind for c in d.concepts}
    labels = {c.concept: c.label for c in d.concepts}
    layout = _layout(concepts, kinds, [(k.cause, k.effect) for k in d.links], direction)
    graph = base_graph("diff", look, layout.direction)
    names = _names(concepts)
    name_a, name_b = d.names
    if caption:
        n = Counter(c.status for c in d.concepts)
        summary = (f"{len(d.shared)} shared concepts ({n[Status.AGREE]} agree, {n[Status.PARTIAL]} partly, "
                   f"{n[Status.CONFLICT]} in conflict), {n[Status.ONLY_A]} only in A, {n[Status.ONLY_B]} "
                   f"only in B; {len(d.links)} causal links")
        graph.attr("graph", label=_caption(f"A: {name_a} vs B: {name_b}", summary, look))

    nodes: dict[str, dict[str, str]] = {}
    for c in d.concepts:
        status = looks[c.status]
        shape = _concept_look(look, c.kind)
        mentions = all(u is None or u.stance is AuthorStance.MENTIONS for u in (c.a, c.b))
        mark = "shared" if c.status is Status.AGREE and mentions else STATUS_NAMES[c.status]
        label = f"{_tag(c.kind, look, mark, status.tag)}<BR/>{_html_lines(wrap_lines(c.label, wrap))}"
        stances = _stances(("A", c.a), ("B", c.b))
        if stances:
            label += f'<BR/><FONT POINT-SIZE="10">{stances}</FONT>'
        status_text = "shared: both authors invoke it" if mark == "shared" else _explained(c.status, "stance")
        tip = [f"{c.label} ({c.concept}): {c.kind.value}", status_text,
               *_use_tooltip(f"A, {name_a}", c.a), *_use_tooltip(f"B, {name_b}", c.b)]
        nodes[c.concept] = {"label": f"<{label}>", "tooltip": escape_plain("\n".join(tip)),
                            **attrs.evolve(status.node, shape=shape.shape, margin=shape.margin).attributes()}
    key = None
    if legend:
        present = {c.status for c in d.concepts} | {k.status for k in d.links}
        shown = [s for s in Status if s in present or s in (Status.ONLY_A, Status.ONLY_B)]
        entries: list[_KeyEntry] = [(k.value.capitalize(), _neutral(_concept_look(look, k), look), None)
                                    for k in ConceptKind if k in kinds.values()]
        entries += [(_KEY_NAMES[s], looks[s].node, looks[s].line) for s in shown]
        key = _Key(entries, [("A", _describe(d.a.source, d.a.key)), ("B", _describe(d.b.source, d.b.key))])
    _add_concepts(graph, layout, names, nodes, _loose_title(layout.loose, kinds), look, key)

    for k, against in zip(d.links, layout.against, strict=True):
        tail, head = (k.effect, k.cause) if against else (k.cause, k.effect)
        tip = [f"{labels[k.cause]} \u2192 {labels[k.effect]}", _explained(k.status, "sign")]
        if k.divergent and k.status in (Status.ONLY_A, Status.ONLY_B):
            tip.append(f"{'B' if k.status is Status.ONLY_A else 'A'} uses both concepts but does not link them")
        tip += [*_link_tooltip(f"A, {name_a}", k.a), *_link_tooltip(f"B, {name_b}", k.b)]
        dot_edge(graph, names[tail], names[head], label=_on_line(f"<B>{escape_html(_signs(k.a, k.b))}</B>"),
                 fontcolor=looks[k.status].tag, fontsize="12", tooltip=escape_plain("\n".join(tip)),
                 **looks[k.status].line.attributes(reverse=against))
    return graph


# --- the comparison map -------------------------------------------------------------------


def _stance_groups(uses: Mapping[str, ConceptUse], number: Mapping[str, int]) -> list[tuple[str, str]]:
    """Each stance taken, with the authors who take it: ``[("affirms", "[2] [5]"), ...]``."""
    groups: dict[AuthorStance, list[int]] = {}
    for key, use in uses.items():
        groups.setdefault(use.stance, []).append(number[key])
    return [(s.value, author_numbers(groups[s])) for s in _STANCE_ORDER if s in groups]


def _sign_groups(row: LinkRow, number: Mapping[str, int]) -> list[tuple[str, str]]:
    """Each sign given, with the authors who give it: ``[("+", "[1–3]"), ("−", "[5]")]``."""
    groups: dict[LinkSign, list[int]] = {}
    for key, link in row.by_source.items():
        groups.setdefault(link.sign, []).append(number[key])
    return [(_SIGN[s], author_numbers(groups[s])) for s in LinkSign if s in groups]


def _link_class(row: LinkRow, contested: set[tuple[str, str]]) -> str:
    """``conflict`` where two authors give opposite signs, ``mixed`` where an author gives
    both, else ``agree``."""
    if (row.cause, row.effect) in contested:
        return "conflict"
    if any(link.sign is LinkSign.MIXED for link in row.by_source.values()):
        return "mixed"
    return "agree"


_CLASS_NOTE = {"conflict": "; authors give opposite signs", "mixed": "; an author gives both signs",
               "agree": ""}


def _sized(line: EdgeLook, count: int, total: int) -> EdgeLook:
    """A link's line, wider the more authors assert it: 1.2 points for one author, up to 6
    for all of them, with an arrowhead that grows with it."""
    width = 1.2 if total <= 1 else round(1.2 + 4.8 * (count - 1) / (total - 1), 1)
    return attrs.evolve(line, penwidth=width, arrowsize=round(0.6 + 0.07 * width, 2))


def render_comparison(
    maps_or_comparison: Comparison | Iterable[ArgumentMap],
    *,
    style: str | Style = "colour",
    direction: Direction = "auto",
    legend: bool = True,
    caption: bool = True,
    wrap: int = 22,
    vocabulary: Vocabulary | None = None,
) -> graphviz.Digraph:
    """The comparison map of several authors, as a ``graphviz.Digraph`` (DOT text only).

    Pass the maps (``vocabulary`` as for :func:`argmap.compare`) or a :class:`Comparison`.
    Concepts are nodes shaped by kind, each listing the authors who invoke it by number
    (``[1] [3]``, runs as ``[1–5]``) and, for a proposition, each author's stance; a
    proposition some authors affirm and others deny has a double outline. Causal links are
    arrows labelled with each sign and its authors, wider the more authors assert them;
    links with opposite signs from two authors are drawn double, links an author gives both
    signs dashed. The key maps the numbers to the authors; tooltips hold every quote.
    """
    if isinstance(maps_or_comparison, Comparison):
        c = maps_or_comparison
    else:
        c = compare(maps_or_comparison, vocabulary=vocabulary)
    look = get_style(style)
    lines = _GREY_LINKS if look.name == "greyscale" else _COLOUR_LINKS
    alarm = "#000000" if look.name == "greyscale" else _OI["vermillion"]
    number = {key: i for i, key in enumerate(c.keys, 1)}
    who = {p.key: f"[{number[p.key]}] {p.name}" for p in c.projections}
    total = len(c.keys)
    concepts = [row.concept for row in c.concepts]
    kinds = {row.concept: row.kind for row in c.concepts}
    labels = {row.concept: row.label for row in c.concepts}
    layout = _layout(concepts, kinds, [(k.cause, k.effect) for k in c.links], direction)
    graph = base_graph("comparison", look, layout.direction)
    names = _names(concepts)
    contested_concepts = {x.subject.concept for x in c.controversies if not isinstance(x.subject, LinkRow)}
    contested_links = {(x.subject.cause, x.subject.effect) for x in c.controversies
                       if isinstance(x.subject, LinkRow)}
    if caption:
        outcomes = [row.label for row in c.concepts if row.kind is ConceptKind.OUTCOME]
        title = (f"{outcomes[0]}: what {total} authors argue" if len(outcomes) == 1
                 else f"{total} authors compared")
        sub = ("Each concept lists the authors who invoke it, each arrow the authors who assert the "
               "causal link, by sign (+ helps, \u2212 hinders, \u00b1 both)")
        graph.attr("graph", label=_caption(title, sub, look))

    nodes: dict[str, dict[str, str]] = {}
    for row in c.concepts:
        contested = row.concept in contested_concepts
        tag = _tag(row.kind, look, "contested" if contested else None, alarm)
        groups = _stance_groups(row.by_source, number)
        if [stance for stance, _ in groups] == ["mentions"]:
            authors = escape_html(groups[0][1])
        else:
            authors = "<BR/>".join(f"{escape_html(stance)} {escape_html(n)}" for stance, n in groups)
        label = f'{tag}<BR/>{_html_lines(wrap_lines(row.label, wrap))}<BR/><FONT POINT-SIZE="10">{authors}</FONT>'
        tip = [f"{row.label} ({row.concept}): {row.kind.value}",
               f"invoked by {len(row.by_source)} of {total} authors"]
        for author, use in row.by_source.items():
            tip += _use_tooltip(who[author], use)
        shape = _contested(look) if contested else _concept_look(look, row.kind)
        nodes[row.concept] = {"label": f"<{label}>", "tooltip": escape_plain("\n".join(tip)),
                              **shape.attributes()}
    key = None
    if legend:
        entries: list[_KeyEntry] = [(k.value.capitalize(), _concept_look(look, k), None)
                                    for k in ConceptKind if k in kinds.values()]
        if contested_concepts:
            entries.append(("Contested proposition", _contested(look), None))
        entries.append(("asserted by 1 author", None, _sized(lines.agree, 1, total)))
        if total > 1:
            entries.append((f"by all {total}", None, _sized(lines.agree, total, total)))
        used = {_link_class(k, contested_links) for k in c.links}
        if "mixed" in used:
            entries.append(("an author gives both signs (\u00b1)", None, lines.mixed))
        if "conflict" in used:
            entries.append(("authors give opposite signs", None, lines.conflict))
        key = _Key(entries, [(f"[{number[p.key]}]", _describe(p.source, p.key)) for p in c.projections])
    _add_concepts(graph, layout, names, nodes, _loose_title(layout.loose, kinds), look, key)

    for link_row, against in zip(c.links, layout.against, strict=True):
        cause, effect = link_row.cause, link_row.effect
        tail, head = (effect, cause) if against else (cause, effect)
        kind = _link_class(link_row, contested_links)
        line = _sized(getattr(lines, kind), len(link_row.by_source), total)
        text = "<BR/>".join(f"<B>{escape_html(sign)}</B> {escape_html(n)}"
                            for sign, n in _sign_groups(link_row, number))
        tip = [f"{labels[cause]} \u2192 {labels[effect]}",
               f"asserted by {len(link_row.by_source)} of {total} authors{_CLASS_NOTE[kind]}"]
        for author, link in link_row.by_source.items():
            tip += _link_tooltip(who[author], link)
        dot_edge(graph, names[tail], names[head], label=_on_line(text), fontcolor=line.color.split(":")[0],
                 fontsize="10", tooltip=escape_plain("\n".join(tip)), **line.attributes(reverse=against))
    return graph
