"""Drawing comparisons: two authors' maps overlaid as a diff, and the map of many authors.

Both drawings work at the level of the shared concepts (see :mod:`argmap.projection`): each
concept is a node shaped by its kind as in a single map (outcome: octagon, factor: hexagon,
proposition: rounded box) and each concept-level causal link is an arrow with its sign.
:func:`render_diff` marks what only one author says, what both say alike, partly alike or
in opposition; :func:`render_comparison` annotates every concept and link with the authors
who assert it. Like :func:`argmap.render`, both build DOT text without running anything.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from argmap.comparison import Comparison, ConceptRow, LinkRow, compare
from argmap.concepts import ConceptKind
from argmap.diffing import ConceptDiff, MapDiff, Status, diff
from argmap.drawing.concept_map import (
    _OI,
    _SIGN,
    _STANCE_ORDER,
    STATUS_NAMES,
    _add_concepts,
    _concept_look,
    _contested,
    _describe,
    _Key,
    _KeyEntry,
    _layout,
    _link_tooltip,
    _loose_title,
    _names,
    _on_line,
    _tag,
    _use_stance,
    _use_tooltip,
    author_numbers,
    sign_looks,
    status_looks,
)
from argmap.drawing.dot import dot_edge, escape_html, escape_plain, html_lines, wrap_lines
from argmap.drawing.parts import Direction, base_graph, caption
from argmap.drawing.style import EdgeLook, NodeLook, Style, get_style
from argmap.model import ArgumentMap
from argmap.periods import Timeline
from argmap.projection import AuthorStance, CausalLink, ConceptUse, LinkSign

if TYPE_CHECKING:  # graphviz is imported lazily: it costs ~70 ms
    import graphviz

    from argmap.concepts import Vocabulary

__all__ = ["render_comparison", "render_diff"]

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


def _when(timeline: Timeline, period: str | None) -> str:
    """`` (1954-1971)`` for a dated period, nothing for an undated one."""
    return f" ({timeline.short(period)})" if period is not None else ""


def _node_status(items: list[ConceptDiff]) -> tuple[Status, str | None]:
    """One status for a concept compared in several periods: the strongest finding, and a
    mark where the authors speak of it only in different periods."""
    statuses = {c.status for c in items}
    for status in (Status.CONFLICT, Status.PARTIAL, Status.AGREE):
        if status in statuses:
            return status, None
    if len(statuses) > 1:
        return Status.PARTIAL, "different periods"
    return next(iter(statuses)), None


def _signs(a: CausalLink | None, b: CausalLink | None) -> str:
    """Each author who asserts the link with their sign: ``A +``, ``B −``, ``A ± · B +``."""
    return " \u00b7 ".join(f"{side} {_SIGN[link.sign]}" for side, link in (("A", a), ("B", b)) if link is not None)


def _width(authors: int, total: int, widest: float = 6.0) -> tuple[float, float]:
    """A link's pen width and arrowhead size: 1.2 points for one author, up to ``widest``
    for all of them, with an arrowhead that grows with it."""
    width = 1.2 if total <= 1 else round(1.2 + (widest - 1.2) * (authors - 1) / (total - 1), 1)
    return width, round(0.6 + 0.07 * width, 2)


def _neutral(kind_look: NodeLook, style: Style) -> NodeLook:
    """A kind's shape without its fill: in a diff the fill tells the status."""
    return attrs.evolve(kind_look, fillcolor="#FFFFFF", color=style.muted, penwidth=1.0,
                        peripheries=1, style="filled")


def _sign_class(signs: Iterable[LinkSign], opposed: bool) -> str:
    """Which of the :class:`SignLooks` a link takes: ``conflict`` where two authors give
    opposite signs, ``helps`` or ``hinders`` where every author gives that sign, else
    ``mixed`` (both signs, by one author or by authors who do not oppose each other)."""
    found = frozenset(signs)
    if opposed:
        return "conflict"
    if found == {LinkSign.HELPS}:
        return "helps"
    return "hinders" if found == {LinkSign.HINDERS} else "mixed"


_SIGN_KEY = {"helps": "helps (+)", "hinders": "hinders (\u2212)", "mixed": "both signs (\u00b1)",
             "conflict": "opposite signs"}


#: The pen width of a diff's link both authors assert (one author's: 1.2 points).
_DIFF_WIDEST = 3.2


def _link_key(style: Style, classes: set[str], total: int, one: str, all_: str,
              widest: float = 6.0) -> list[_KeyEntry]:
    """The key's lines: each sign class drawn (see :func:`_sign_class`), then how the width
    counts the authors (``one``: a link one author asserts, ``all_``: all of them)."""
    lines = sign_looks(style)
    entries: list[_KeyEntry] = [(name, None, getattr(lines, c)) for c, name in _SIGN_KEY.items() if c in classes]
    if total > 1:
        for count, name in ((1, f"asserted by {one}"), (total, f"by {all_}")):
            width, arrow = _width(count, total, widest)
            entries.append((name, None, attrs.evolve(lines.helps, color=style.muted, penwidth=width,
                                                     arrowsize=arrow)))
    return entries


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

    Raises ``TypeError`` unless given two maps or one :class:`MapDiff`, ``ValueError`` for an
    unknown ``style`` or ``direction``, and (given two maps without ``vocabulary``)
    :class:`~argmap.errors.LoadError` where the vocabulary file they name (or
    ``concepts.yaml`` beside them) cannot be read. Nothing is run.
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
    t = d.timeline
    by_concept: dict[str, list[ConceptDiff]] = {}
    for item in d.concepts:
        by_concept.setdefault(item.concept, []).append(item)
    concepts = list(by_concept)
    kinds = {c.concept: c.kind for c in d.concepts}
    labels = {c.concept: c.label for c in d.concepts}
    layout = _layout(concepts, kinds, [(k.cause, k.effect) for k in d.links], direction)
    graph = base_graph("diff", look, layout.direction)
    names = _names(concepts)
    name_a, name_b = d.names
    node_status = {cid: _node_status(items) for cid, items in by_concept.items()}
    if caption:
        n = Counter(status if mark is None else mark for status, mark in node_status.values())
        apart = f", {n['different periods']} in different periods" if n["different periods"] else ""
        summary = (f"{len(d.shared)} shared concepts ({n[Status.AGREE]} agree, {n[Status.PARTIAL]} partly, "
                   f"{n[Status.CONFLICT]} in conflict{apart}), {n[Status.ONLY_A]} only in A, {n[Status.ONLY_B]} "
                   f"only in B; {len(d.links)} causal links")
        graph.attr("graph", label=_caption(f"A: {name_a} vs B: {name_b}", summary, look))

    nodes: dict[str, dict[str, str]] = {}
    for cid, items in by_concept.items():
        first = items[0]
        node_st, mark = node_status[cid]
        status = looks[node_st]
        shape = _concept_look(look, first.kind)
        mentions = all(u is None or u.stance is AuthorStance.MENTIONS for c in items for u in (c.a, c.b))
        if mark is None:
            mark = "shared" if node_st is Status.AGREE and mentions else STATUS_NAMES[node_st]
        label = f"{_tag(first.kind, look, mark, status.tag)}<BR/>{html_lines(wrap_lines(first.label, wrap))}"
        stances = [f"{line}{escape_html(_when(t, c.period))}" for c in items
                   if (line := _stances(("A", c.a), ("B", c.b)))]
        if stances:
            label += f'<BR/><FONT POINT-SIZE="10">{"<BR/>".join(stances)}</FONT>'
        tip = [f"{first.label} ({cid}): {first.kind.value}"]
        for c in items:
            status_text = ("shared: both authors invoke it" if mark == "shared"
                           else _explained(c.status, "stance"))
            tip += [f"{t.label(c.period)}: {status_text}" if c.period is not None or len(items) > 1 else status_text,
                    *_use_tooltip(f"A, {name_a}", c.a), *_use_tooltip(f"B, {name_b}", c.b)]
        nodes[cid] = {"label": f"<{label}>", "tooltip": escape_plain("\n".join(tip)),
                      **attrs.evolve(status.node, shape=shape.shape, margin=shape.margin).attributes()}
    key = None
    if legend:
        present = {st for st, _ in node_status.values()}
        shown = [s for s in Status if s in present or s in (Status.ONLY_A, Status.ONLY_B)]
        entries: list[_KeyEntry] = [(k.value.capitalize(), _neutral(_concept_look(look, k), look), None)
                                    for k in ConceptKind if k in kinds.values()]
        entries += [(_KEY_NAMES[s], looks[s].node, None) for s in shown]
        classes = {_sign_class((x.sign for x in (k.a, k.b) if x is not None), k.status is Status.CONFLICT)
                   for k in d.links}
        entries += _link_key(look, classes, 2, "one author", "both", _DIFF_WIDEST)
        key = _Key(entries, [("A", _describe(d.a.source)), ("B", _describe(d.b.source))])
    _add_concepts(graph, layout, names, nodes, _loose_title(layout.loose, kinds), look, key)

    lines = sign_looks(look)
    for k, against in zip(d.links, layout.against, strict=True):
        tail, head = (k.effect, k.cause) if against else (k.cause, k.effect)
        tip = [f"{labels[k.cause]} \u2192 {labels[k.effect]}{_when(t, k.period)}", _explained(k.status, "sign")]
        if k.divergent and k.status in (Status.ONLY_A, Status.ONLY_B):
            tip.append(f"{'B' if k.status is Status.ONLY_A else 'A'} uses both concepts but does not link them")
        tip += [*_link_tooltip(f"A, {name_a}", k.a), *_link_tooltip(f"B, {name_b}", k.b)]
        given = [x for x in (k.a, k.b) if x is not None]
        line = getattr(lines, _sign_class((x.sign for x in given), k.status is Status.CONFLICT))
        width, arrow = _width(len(given), 2, _DIFF_WIDEST)
        line = attrs.evolve(line, penwidth=width, arrowsize=arrow)
        text = f"<B>{escape_html(_signs(k.a, k.b))}</B>"
        if k.period is not None:
            text += f'<BR/><FONT POINT-SIZE="9">{escape_html(t.short(k.period))}</FONT>'
        dot_edge(graph, names[tail], names[head], label=_on_line(text),
                 fontcolor=looks[k.status].tag, fontsize="12", tooltip=escape_plain("\n".join(tip)),
                 **line.attributes(reverse=against))
    return graph


# --- the comparison map -------------------------------------------------------------------


def _stance_groups(rows: Iterable[ConceptRow], number: Mapping[str, int],
                   timeline: Timeline) -> list[tuple[str, str]]:
    """Each stance taken in each period, with the authors who take it:
    ``[("affirms", "[2] [5]"), ("denies (1947-1954)", "[1]"), ...]``."""
    groups: dict[tuple[AuthorStance, str | None], list[int]] = {}
    for row in rows:
        for key, use in row.by_source.items():
            groups.setdefault((use.stance, row.period), []).append(number[key])
    order = sorted({p for _, p in groups}, key=timeline.order)
    return [(s.value + _when(timeline, p), author_numbers(groups[s, p]))
            for p in order for s in _STANCE_ORDER if (s, p) in groups]


def _sign_groups(row: LinkRow, number: Mapping[str, int]) -> list[tuple[str, str]]:
    """Each sign given, with the authors who give it: ``[("+", "[1–3]"), ("−", "[5]")]``."""
    groups: dict[LinkSign, list[int]] = {}
    for key, link in row.by_source.items():
        groups.setdefault(link.sign, []).append(number[key])
    return [(_SIGN[s], author_numbers(groups[s])) for s in LinkSign if s in groups]


def _link_class(row: LinkRow, contested: set[tuple[str, str, str | None]]) -> str:
    """The link's :func:`_sign_class`: ``conflict`` where the comparison lists it as a
    controversy in its period, else by the signs its authors give."""
    return _sign_class((link.sign for link in row.by_source.values()),
                       (row.cause, row.effect, row.period) in contested)


_CLASS_NOTE = {"conflict": "; authors give opposite signs", "mixed": "; both signs are given",
               "helps": "", "hinders": ""}


def _sized(line: EdgeLook, count: int, total: int) -> EdgeLook:
    """A link's line, wider the more authors assert it (see :func:`_width`)."""
    width, arrow = _width(count, total)
    return attrs.evolve(line, penwidth=width, arrowsize=arrow)


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

    Raises ``ValueError`` for an unknown ``style`` or ``direction``, and (given maps without
    ``vocabulary``) :class:`~argmap.errors.LoadError` where the vocabulary file they name (or
    ``concepts.yaml`` beside them) cannot be read. Nothing is run.
    """
    if isinstance(maps_or_comparison, Comparison):
        c = maps_or_comparison
    else:
        c = compare(maps_or_comparison, vocabulary=vocabulary)
    look = get_style(style)
    t = c.timeline
    lines = sign_looks(look)
    alarm = "#000000" if look.name == "greyscale" else _OI["vermillion"]
    number = {key: i for i, key in enumerate(c.keys, 1)}
    who = {p.key: f"[{number[p.key]}] {p.name}" for p in c.projections}
    total = len(c.keys)
    by_concept: dict[str, list[ConceptRow]] = {}
    for row in c.concepts:
        by_concept.setdefault(row.concept, []).append(row)
    concepts = list(by_concept)
    kinds = {row.concept: row.kind for row in c.concepts}
    labels = {row.concept: row.label for row in c.concepts}
    layout = _layout(concepts, kinds, [(k.cause, k.effect) for k in c.links], direction)
    graph = base_graph("comparison", look, layout.direction)
    names = _names(concepts)
    contested_concepts = {x.subject.concept for x in c.controversies if isinstance(x.subject, ConceptRow)}
    contested_links = {(x.subject.cause, x.subject.effect, period) for x in c.controversies
                       if isinstance(x.subject, LinkRow)
                       for link in x.subject.by_source.values() for period in link.periods}
    if caption:
        outcomes = [row.label for row in c.concepts if row.kind is ConceptKind.OUTCOME]
        title = (f"{outcomes[0]}: what {total} authors argue" if len(set(outcomes)) == 1
                 else f"{total} authors compared")
        sub = ("Each concept lists the authors who invoke it, each arrow the authors who assert the "
               "causal link, by sign (+ helps, \u2212 hinders, \u00b1 both), with the years where dated")
        graph.attr("graph", label=_caption(title, sub, look))

    nodes: dict[str, dict[str, str]] = {}
    for cid, rows in by_concept.items():
        first = rows[0]
        contested = cid in contested_concepts
        tag = _tag(first.kind, look, "contested" if contested else None, alarm)
        groups = _stance_groups(rows, number, t)
        if [stance for stance, _ in groups] == ["mentions"]:
            authors = escape_html(groups[0][1])
        else:
            authors = "<BR/>".join(f"{escape_html(stance)} {escape_html(n)}" for stance, n in groups)
        label = f'{tag}<BR/>{html_lines(wrap_lines(first.label, wrap))}<BR/><FONT POINT-SIZE="10">{authors}</FONT>'
        invokers = {k for row in rows for k in row.by_source}
        tip = [f"{first.label} ({cid}): {first.kind.value}", f"invoked by {len(invokers)} of {total} authors"]
        for row in rows:
            for author, use in row.by_source.items():
                tip += _use_tooltip(who[author] + _when(t, row.period), use)
        shape = _contested(look) if contested else _concept_look(look, first.kind)
        nodes[cid] = {"label": f"<{label}>", "tooltip": escape_plain("\n".join(tip)), **shape.attributes()}
    key = None
    if legend:
        entries: list[_KeyEntry] = [(k.value.capitalize(), _concept_look(look, k), None)
                                    for k in ConceptKind if k in kinds.values()]
        if contested_concepts:
            entries.append(("Contested proposition", _contested(look), None))
        entries += _link_key(look, {_link_class(k, contested_links) for k in c.links}, total, "1 author",
                             f"all {total}")
        key = _Key(entries, [(f"[{number[p.key]}]", _describe(p.source)) for p in c.projections])
    _add_concepts(graph, layout, names, nodes, _loose_title(layout.loose, kinds), look, key)

    for link_row, against in zip(c.links, layout.against, strict=True):
        cause, effect = link_row.cause, link_row.effect
        tail, head = (effect, cause) if against else (cause, effect)
        kind = _link_class(link_row, contested_links)
        line = _sized(getattr(lines, kind), len(link_row.by_source), total)
        text = "<BR/>".join(f"<B>{escape_html(sign)}</B> {escape_html(n)}"
                            for sign, n in _sign_groups(link_row, number))
        if link_row.period is not None:
            text += f'<BR/><FONT POINT-SIZE="9">{escape_html(t.short(link_row.period))}</FONT>'
        tip = [f"{labels[cause]} \u2192 {labels[effect]}{_when(t, link_row.period)}",
               f"asserted by {len(link_row.by_source)} of {total} authors{_CLASS_NOTE[kind]}"]
        for author, link in link_row.by_source.items():
            tip += _link_tooltip(who[author], link)
        dot_edge(graph, names[tail], names[head], label=_on_line(text), fontcolor=look.text,
                 fontsize="10", tooltip=escape_plain("\n".join(tip)), **line.attributes(reverse=against))
    return graph
