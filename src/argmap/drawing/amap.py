"""Drawing one argument map: each node kind its own shape and fill, each relation its own line,
causal links their sign, the thesis where the eye starts. :func:`render` builds the DOT
without running anything; :func:`render_svg` and :func:`render_file` draw it with ``dot``.
"""

from __future__ import annotations

import os
from collections import Counter, deque
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Unpack

import attrs

from argmap.drawing.backend import output_format, run_dot, write_rendering
from argmap.drawing.dot import PLAIN_ID, dot_edge, dot_node, escape_html, escape_plain, html_lines, quoted, wrap_lines
from argmap.drawing.parts import (
    AUTO_WIDTH,
    DIRECTIONS,
    Direction,
    DrawingOptions,
    add_legend,
    base_graph,
    caption_label,
)
from argmap.drawing.style import EdgeLook, NodeLook, Style, edge_look, get_style, implicit, through_hidden
from argmap.errors import Problem, RenderError, ValidationError
from argmap.model import ArgumentMap, Edge, Kind, Node, Relation, Sign

if TYPE_CHECKING:  # graphviz is imported lazily: it costs ~70 ms
    import graphviz

    from argmap.concepts import Vocabulary

__all__ = ["KIND_NAMES", "SKELETON_KINDS", "RenderOptions", "drawing_options", "render", "render_file", "render_svg"]


KIND_NAMES = {k: k.value.capitalize() for k in Kind}
# Which node the layout hangs from, by kind: the thesis, else an outcome, ...
_ROOT_ORDER = {k: i for i, k in enumerate((
    Kind.THESIS, Kind.OUTCOME, Kind.PREDICTION, Kind.RECOMMENDATION, Kind.CLAIM, Kind.FACTOR,
    Kind.EVIDENCE))}


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
    return {n.id: n.id if PLAIN_ID.fullmatch(n.id) and not n.id.startswith("legend") else f"#{i}"
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


def _concept_tag(node: Node, style: Style, vocabulary: Vocabulary | None) -> str | None:
    """The line under the kind tag naming what the node stands for in the comparison: its
    concept (the vocabulary's label where given, else the id), stance and period."""
    parts = []
    if node.concept is not None:
        concept = vocabulary.get(node.concept) if vocabulary is not None else None
        parts.append(concept.label if concept is not None else node.concept)
    if node.stance is not None:
        parts.append(node.stance.value)
    if node.period is not None:
        period = vocabulary.period(node.period) if vocabulary is not None else None
        parts.append(period.label if period is not None else node.period)
    if not parts:
        return None
    text = escape_html(" \u00b7 ".join(parts))
    return f'<FONT POINT-SIZE="9" COLOR="{style.muted}">[{text}]</FONT>'


def _node_label(node: Node, style: Style, width: int, vocabulary: Vocabulary | None = None) -> str:
    kind = KIND_NAMES[node.kind].upper() + (" \u00b7 IMPLICIT" if node.implicit else "")
    head = f'<FONT POINT-SIZE="8" COLOR="{style.muted}">{escape_html(kind)}</FONT>'
    tag = _concept_tag(node, style, vocabulary)
    if tag is not None:
        head += f"<BR/>{tag}"
    if node.kind is Kind.THESIS:
        lines = html_lines(wrap_lines(node.label, width + 8))
        text = f'<FONT POINT-SIZE="13"><B>{lines}</B></FONT>'
    else:
        text = html_lines(wrap_lines(node.label, width))
    if node.implicit:
        text = f"<I>{text}</I>"
    return f"<{head}<BR/>{text}>"


def _node_tooltip(node: Node, vocabulary: Vocabulary | None) -> str:
    lines = [quoted(q.text) for q in node.quotes]
    if node.implicit:
        lines.append("Implicit: the text does not state it (an unstated premise or a reconstruction)")
    if node.concept is not None:
        concept = vocabulary.get(node.concept) if vocabulary is not None else None
        lines.append(f"Concept: {concept.label} ({node.concept})" if concept is not None
                     else f"Concept: {node.concept}")
    if node.stance is not None:
        lines.append(f"Stance: {node.stance.value}")
    if node.period is not None:
        period = vocabulary.period(node.period) if vocabulary is not None else None
        lines.append(f"Period: {period.label} ({node.period})" if period is not None else f"Period: {node.period}")
    if node.note is not None:
        lines.append(f"Note: {' '.join(node.note.split())}")
    return "\n".join(lines)


def _link_tooltip(link: _Link, labels: Mapping[str, str]) -> str:
    what = link.relation.value + (f" ({link.sign.value})" if link.sign is not None else "")
    lines = [f"{labels[link.source]} \u2192 {what} \u2192 {labels[link.target]}"]
    if link.via:
        lines.append("through nodes not shown: " + "; ".join(labels[v] for v in link.via))
    if link.edge is not None and link.edge.quote is not None:
        lines.append(quoted(link.edge.quote.text))
    if link.edge is not None and link.edge.period is not None:
        lines.append(f"Period: {link.edge.period}")
    if link.edge is not None and link.edge.note is not None:
        lines.append(f"Note: {' '.join(link.edge.note.split())}")
    return "\n".join(lines)


def _link_look(style: Style, link: _Link) -> EdgeLook:
    look = edge_look(style, link.relation, link.sign)
    return through_hidden(look) if link.edge is None else look


def _link_entries(style: Style, links: Sequence[_Link]) -> list[tuple[str, EdgeLook]]:
    present = {(k.relation, k.sign if k.relation is Relation.CAUSES else None) for k in links}
    entries = [
        ("supports", (Relation.SUPPORTS, None)),
        ("attacks", (Relation.ATTACKS, None)),
        (f"causes, helps ({style.helps.mark})", (Relation.CAUSES, Sign.HELPS)),
        (f"causes, hinders ({style.hinders.mark})", (Relation.CAUSES, Sign.HINDERS)),
        ("causes, sign missing", (Relation.CAUSES, None)),
    ]
    out = [(name, edge_look(style, *key)) for name, key in entries if key in present]
    if any(k.edge is None for k in links):
        chain = next((k for k in links if k.edge is None), None)
        sign = chain.sign if chain is not None else Sign.HELPS
        out.append(("causes, through nodes not shown (ring)",
                    through_hidden(edge_look(style, Relation.CAUSES, sign))))
    return out


def _node_entries(style: Style, nodes: Sequence[Node]) -> list[tuple[str, NodeLook]]:
    """The key's shapes: each kind drawn, an implicit node where there is one, and what the
    bracketed line under a kind tag means where a node has a concept."""
    out = [(KIND_NAMES[k], style.nodes[k]) for k in Kind if any(n.kind is k for n in nodes)]
    if any(n.implicit for n in nodes):
        out.append(("Implicit: not in the text", implicit(style.nodes[Kind.CLAIM])))
    if any(n.concept is not None or n.stance is not None or n.period is not None for n in nodes):
        out.append(("[concept]: the shared concept it stands for",
                    NodeLook("plaintext", "#FFFFFF", style="solid", penwidth=0)))
    return out


#: The node kinds of a map's causal skeleton: the factors and outcome, and the thesis.
SKELETON_KINDS = frozenset({Kind.THESIS, Kind.FACTOR, Kind.OUTCOME})


class RenderOptions(DrawingOptions, total=False):
    """The keyword options of :func:`render`, for the functions that pass them on."""

    kinds: Iterable[Kind | str] | str | None
    skeleton: bool
    clusters: bool
    vocabulary: Vocabulary | None


def drawing_options(options: RenderOptions) -> DrawingOptions:
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



def render(
    amap: ArgumentMap,
    *,
    style: str | Style = "colour",
    direction: Direction = "auto",
    kinds: Iterable[Kind | str] | str | None = None,
    skeleton: bool = False,
    legend: bool = False,
    caption: bool = True,
    clusters: bool = False,
    wrap: int = 26,
    vocabulary: Vocabulary | None = None,
) -> graphviz.Digraph:
    """The map as a ``graphviz.Digraph``; nothing is run, and ``.source`` is the DOT text.

    Each node kind has its own shape and fill, each relation its own line and arrowhead;
    a causal link that helps is a solid blue line marked ``+``, one that hinders a dashed
    vermillion line marked ``−`` (solid and dashed black in greyscale). Under its kind tag a
    node names the shared concept it stands for (the vocabulary's label where a
    ``vocabulary`` is given, else the concept id), with its stance and period, so that the
    drawing can be read beside the teaching tables. An implicit node (no quote) has a dashed
    outline, no fill, an italic label and the tag IMPLICIT.

    The thesis comes first: at the top with ``direction="TB"``, at the bottom with ``"BT"``,
    on the left with ``"LR"``; ``"auto"`` turns a map sideways (``LR``) where a row would
    hold more than :data:`AUTO_WIDTH` nodes. ``kinds`` draws only nodes of those kinds;
    ``skeleton=True`` draws the causal skeleton, the thesis, factors and outcomes (the
    caption says how many of the map's nodes it shows), the view a large map opens on.
    Where ``kinds`` leaves the thesis out, the outcome takes its place. Links are drawn
    where both ends are shown; a causal chain through hidden nodes becomes one link with
    the product of the signs, drawn like a link of that sign with a ring behind its
    arrowhead. ``clusters`` boxes nodes by ``Node.section`` where the map records
    sections; labels are wrapped at ``wrap`` characters; each node's tooltip holds its
    quotes, concept and note. The same map and options give the same DOT text.

    Raises :class:`~argmap.errors.ValidationError` for duplicate node ids or links to unknown
    nodes, :class:`~argmap.errors.RenderError` where ``kinds`` leaves nothing to draw, and
    ``ValueError`` for an unknown style, direction or kind, or ``kinds`` given with
    ``skeleton``.
    """
    look = get_style(style)
    if skeleton and kinds is not None:
        raise ValueError("give kinds or skeleton=True, not both: the skeleton is the thesis, factors and outcomes")
    wanted = SKELETON_KINDS if skeleton else _kinds(kinds)
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}: use {', '.join(DIRECTIONS)}")
    _check_drawable(amap)
    nodes = [n for n in amap.nodes if n.kind in wanted]
    if not nodes:
        asked = ", ".join(sorted(k.value for k in wanted)) or "(no kinds given)"
        present = ", ".join(dict.fromkeys(n.kind.value for n in amap.nodes))
        raise RenderError(f"map {amap.id!r} has no {asked} nodes to draw (it has: {present})")
    links = _links(amap, {n.id for n in nodes})
    level = _levels(nodes, links)
    graph = base_graph(amap.id, look, _direction(direction, level))
    names = _dot_names(amap.nodes)
    if caption:
        note = None
        if skeleton:
            note = f"causal skeleton: the thesis, factors and outcomes, {len(nodes)} of {len(amap.nodes)} nodes"
            if any(link.edge is None for link in links):
                note += "; a ringed arrow runs through nodes not shown"
        graph.attr("graph", label=caption_label(amap.source, look, note=note))

    def add_node(target: graphviz.Digraph, node: Node) -> None:
        node_look = look.nodes[node.kind]
        dot_node(target, names[node.id], label=_node_label(node, look, wrap, vocabulary),
                 tooltip=escape_plain(_node_tooltip(node, vocabulary)),
                 **(implicit(node_look) if node.implicit else node_look).attributes())

    sections = list(dict.fromkeys(n.section for n in nodes if n.section is not None))
    if clusters and sections:
        for i, section in enumerate(sections, 1):
            with graph.subgraph(name=f"cluster_{i}") as box:
                box.attr(label=f"<<I>{html_lines(wrap_lines(section, 60))}</I>>",
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
    # The thesis alone in the first rank: the roots of parts of the map that do not reach
    # it (an outcome the thesis does not rest on, say) hang below it, not beside it.
    roots = sorted((n for n in nodes if level[n.id] == 0), key=lambda n: _ROOT_ORDER[n.kind])
    if roots and roots[0].kind is Kind.THESIS:
        for other in roots[1:]:
            dot_edge(graph, names[roots[0].id], names[other.id], style="invis")
    if legend:
        add_legend(graph, _node_entries(look, nodes), _link_entries(look, links))
    return graph



def render_svg(amap: ArgumentMap, **options: Unpack[RenderOptions]) -> str:
    """The map drawn as SVG text; ``options`` are those of :func:`render`.

    Raises as :func:`render` does (:class:`~argmap.errors.ValidationError`,
    :class:`~argmap.errors.RenderError`, ``ValueError``), and
    :class:`~argmap.errors.GraphvizNotFound` where ``dot`` is missing or
    :class:`~argmap.errors.RenderError` where it fails.
    """
    return run_dot(render(amap, **options).source, "svg").decode("utf-8")


def render_file(
    amap: ArgumentMap, path: str | os.PathLike[str], **options: Unpack[RenderOptions]
) -> Path:
    """Draw the map into ``path`` (svg, png, pdf or dot, by its suffix), atomically.

    ``options`` are those of :func:`render`. Returns the path written.

    Raises :class:`~argmap.errors.ExportError` for a suffix that names no format (before any
    work is done), as :func:`render` does for the map and options,
    :class:`~argmap.errors.GraphvizNotFound` where ``dot`` is missing (a ``.dot`` file needs
    none), and :class:`~argmap.errors.RenderError` where ``dot`` fails or the file cannot be
    written.
    """
    output_format(path)  # a bad suffix fails before any work is done
    return write_rendering(render(amap, **options).source, path)
