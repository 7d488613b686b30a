"""One author's map seen at the level of the shared concepts.

Maps of different texts share no nodes, only the concepts of the shared vocabulary. So each
map is first *projected* onto its concepts (:func:`project`): for every concept it links, the
author's stance and the nodes and quotes that carry it; and the concept-level causal links,
where a chain of ``causes`` edges through nodes without a concept is contracted into one link
whose sign is the product of the signs along it, reversed at each end that describes a fall
of its concept (``direction: decrease``). Stances are kept per concept and period, links per
cause, effect and period (see :mod:`argmap.periods`). An author who links one proposition with
two different stances in one period, or asserts one link with both signs, holds a *mixed*
view (:attr:`AuthorStance.MIXED`, :attr:`LinkSign.MIXED`) with every quote kept.

At the ``broad`` level every concept is replaced by its top concept in the vocabulary's
hierarchy (:meth:`argmap.Vocabulary.top`), as if the author had linked the broad concept.
"""

from __future__ import annotations

import enum
import os
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal, TypeAlias

import attrs

from argmap.concepts import ConceptKind, Vocabulary
from argmap.errors import MetricError
from argmap.model import (
    ArgumentMap,
    ChangeDirection,
    Edge,
    Kind,
    Node,
    Quote,
    Relation,
    Sign,
    Source,
    Stance,
    _replaced,
)

__all__ = [
    "LEVELS",
    "AuthorStance",
    "CausalLink",
    "CausalPath",
    "ConceptUse",
    "Level",
    "LinkSign",
    "Mention",
    "Projection",
    "check_level",
    "describe_source",
    "display_name",
    "display_names",
    "project",
]

_MENTIONS = "mentions"

Level: TypeAlias = Literal["fine", "broad"]
#: The levels of the concept hierarchy a comparison works at: ``fine`` (the concepts as the
#: maps link them) or ``broad`` (each rolled up to its top concept).
LEVELS: tuple[Level, ...] = ("fine", "broad")


def check_level(level: str) -> Level:
    """``level`` if it is one of :data:`LEVELS`; raises :class:`~argmap.errors.MetricError`
    otherwise."""
    if level not in LEVELS:
        raise MetricError(f"level must be one of {', '.join(LEVELS)}; got {level!r}")
    return level


class AuthorStance(enum.StrEnum):
    """An author's position on a concept, as projected from every node that links it."""

    AFFIRMS = "affirms"
    DENIES = "denies"
    QUALIFIES = "qualifies"
    MENTIONS = "mentions"  #: invoked without a stance (factors, the outcome)
    MIXED = "mixed"  #: linked with two or more different stances: the author's own tension


class LinkSign(enum.StrEnum):
    """The direction of a concept-level causal link; ``mixed`` where an author asserts both."""

    HELPS = "+"
    HINDERS = "-"
    MIXED = "mixed"


def display_name(source: Source) -> str:
    """How a text is named in every table, drawing and output: the source's short ``name``,
    else its author, else its title, else the source id. Never raises."""
    return source.name or source.author or source.title or source.id


def display_names(projections: Iterable[Projection]) -> dict[str, str]:
    """Each author's display name by key, with the key added where two would read the same
    (two maps of one text, say)."""
    names = {p.key: p.name for p in projections}
    counts: dict[str, int] = defaultdict(int)
    for name in names.values():
        counts[name] += 1
    return {k: f"{n} ({k})" if counts[n] > 1 else n for k, n in names.items()}


def describe_source(source: Source) -> str:
    """A text in one line for people: its display name, then the author (year) and title
    where they add to it: ``Hussain: Syed Hussain (2012), Pakistan and Russia``."""
    name = display_name(source)
    year = f" ({source.year})" if source.year is not None else ""
    title = [source.title] if source.title and source.title != name else []
    if source.author == name:
        return ", ".join([name + year, *title])
    return f"{name}: " + ", ".join([(source.author or "author not stated") + year, *title])


@attrs.frozen
class Mention:
    """One node of a map that links a concept.

    ``concept`` is the concept as the node links it (at the broad level the use is that of
    its top concept); ``period`` the period the node is about; ``direction`` whether it
    describes a rise or a fall of the concept; ``implicit`` whether it is a reconstruction
    with no quote.
    """

    node: str
    kind: Kind
    label: str
    stance: Stance | None
    quotes: tuple[Quote, ...]
    concept: str | None = attrs.field(default=None, kw_only=True)
    period: str | None = attrs.field(default=None, kw_only=True)
    direction: ChangeDirection | None = attrs.field(default=None, kw_only=True)
    implicit: bool = attrs.field(default=False, kw_only=True)

    @classmethod
    def of(cls, node: Node) -> Mention:
        """The mention a node makes."""
        return cls(node.id, node.kind, node.label, node.stance, node.quotes, concept=node.concept,
                   period=node.period, direction=node.direction, implicit=node.implicit)


def _author_stance(stances: frozenset[Stance]) -> AuthorStance:
    if not stances:
        return AuthorStance.MENTIONS
    if len(stances) > 1:
        return AuthorStance.MIXED
    return AuthorStance(next(iter(stances)).value)


@attrs.frozen
class ConceptUse:
    """What one author says about one concept in one period: the stance and every node that
    links it. ``period`` is None for undated nodes; in a diff or comparison it is the period
    compared in, and each mention keeps its own."""

    concept: str
    mentions: tuple[Mention, ...]
    period: str | None = None
    #: The distinct stances the author's nodes take (empty for a mere mention).
    stances: frozenset[Stance] = attrs.field(init=False, eq=False, repr=False)
    #: The author's stance: one of the stances, ``mentions`` without one, else ``mixed``.
    stance: AuthorStance = attrs.field(init=False, eq=False, repr=False)
    #: The stances as strings, ``{"mentions"}`` where there is none (the DNA qualifiers).
    qualifiers: frozenset[str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        stances = frozenset(m.stance for m in self.mentions if m.stance is not None)
        object.__setattr__(self, "stances", stances)
        object.__setattr__(self, "stance", _author_stance(stances))
        object.__setattr__(self, "qualifiers", frozenset(s.value for s in stances) or frozenset({_MENTIONS}))

    def __repr__(self) -> str:
        return f"<ConceptUse {self.concept}: {self.stance.value}, {len(self.mentions)} nodes>"

    @property
    def nodes(self) -> tuple[str, ...]:
        """Ids of the nodes that link the concept, in file order."""
        return tuple(m.node for m in self.mentions)

    @property
    def quotes(self) -> tuple[Quote, ...]:
        """Every quote of those nodes, in file order."""
        return tuple(q for m in self.mentions for q in m.quotes)

    @property
    def implicit(self) -> bool:
        """Whether the use rests only on implicit nodes (reconstructions with no quote)."""
        return all(m.implicit for m in self.mentions)

    @property
    def concepts(self) -> tuple[str, ...]:
        """The concepts the nodes link as written (at the broad level, the narrower ones)."""
        return tuple(dict.fromkeys(m.concept or self.concept for m in self.mentions))

    @property
    def periods(self) -> tuple[str | None, ...]:
        """The periods of the nodes, in order of first use (None: undated)."""
        return tuple(dict.fromkeys(m.period for m in self.mentions))


@attrs.frozen
class CausalPath:
    """One chain of ``causes`` edges that makes a concept-level link.

    ``nodes`` runs from the cause node to the effect node; ``quotes`` are those of every node
    but the effect (whose quotes belong to the effect concept) and of the edges, in order.
    ``sign`` is the concept-level sign: ``chain_sign`` (the product of the edge signs as
    drawn) reversed for each end whose node describes a fall of its concept
    (``directions``: the cause's and the effect's). ``period`` is the period the chain is
    about (None: undated); ``implicit`` is true where no quote backs the chain (every node
    but the effect implicit, and no edge quoted).
    """

    nodes: tuple[str, ...]
    labels: tuple[str, ...]
    sign: Sign
    quotes: tuple[Quote, ...]
    period: str | None = attrs.field(default=None, kw_only=True)
    chain_sign: Sign | None = attrs.field(default=None, kw_only=True)
    directions: tuple[ChangeDirection, ChangeDirection] = attrs.field(
        default=(ChangeDirection.INCREASE, ChangeDirection.INCREASE), kw_only=True)
    implicit: bool = attrs.field(default=False, kw_only=True)

    @property
    def flipped(self) -> bool:
        """Whether the concept-level sign differs from the sign as drawn."""
        return self.chain_sign is not None and self.chain_sign is not self.sign


@attrs.frozen
class CausalLink:
    """A causal link between two concepts in one author's map, in one period, with every
    path behind it. ``period`` is None for undated paths; in a diff or comparison it is the
    period compared in, and each path keeps its own."""

    cause: str
    effect: str
    paths: tuple[CausalPath, ...]
    period: str | None = None
    #: The distinct signs of the paths.
    signs: frozenset[Sign] = attrs.field(init=False, eq=False, repr=False)
    #: ``+`` or ``-``, or ``mixed`` where paths of both signs link the two concepts.
    sign: LinkSign = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        signs = frozenset(p.sign for p in self.paths)
        object.__setattr__(self, "signs", signs)
        sign = LinkSign(next(iter(signs)).value) if len(signs) == 1 else LinkSign.MIXED
        object.__setattr__(self, "sign", sign)

    def __repr__(self) -> str:
        return f"<CausalLink {self.cause} -> {self.effect}: {self.sign.value}, {len(self.paths)} paths>"

    @property
    def strength(self) -> float:
        """+1 (helps), -1 (hinders) or 0 (mixed: no net direction), for the distance ratio."""
        return {LinkSign.HELPS: 1.0, LinkSign.HINDERS: -1.0, LinkSign.MIXED: 0.0}[self.sign]

    @property
    def implicit(self) -> bool:
        """Whether every path behind the link rests on implicit nodes only."""
        return all(p.implicit for p in self.paths)

    @property
    def periods(self) -> tuple[str | None, ...]:
        """The periods of the paths, in order of first use (None: undated)."""
        return tuple(dict.fromkeys(p.period for p in self.paths))


def _pooled_strength(links: Iterable[CausalLink]) -> float:
    signs = {s for k in links for s in k.signs}
    return 0.0 if len(signs) != 1 else (1.0 if Sign.HELPS in signs else -1.0)


@attrs.frozen
class Projection:
    """One author's map seen at the level of the shared concepts.

    ``concepts`` holds one :class:`ConceptUse` per concept and period, ``links`` one
    :class:`CausalLink` per cause, effect and period. ``kinds`` gives each linked concept's
    kind, from the vocabulary where it lists the concept, else inferred (a stance makes a
    proposition, an outcome node an outcome, any other node a factor). ``causal_concepts``
    are the concepts of the author's causal map, counted by the distance ratio: the factors
    and outcomes linked plus every end of a link. ``level`` is the level of the concept
    hierarchy; ``quoted_nodes`` and ``implicit_nodes`` count the map's nodes of each sort.
    """

    source: Source
    concepts: tuple[ConceptUse, ...]
    links: tuple[CausalLink, ...]
    kinds: Mapping[str, ConceptKind] = attrs.field(hash=False)
    causal_concepts: frozenset[str]
    key: str
    path: Path | None = attrs.field(default=None, eq=False, repr=False)
    source_file: Path | None = attrs.field(default=None, eq=False, repr=False)
    level: Level = attrs.field(default="fine", kw_only=True)
    quoted_nodes: int = attrs.field(default=0, kw_only=True)
    implicit_nodes: int = attrs.field(default=0, kw_only=True)
    _concept_index: dict[tuple[str, str | None], ConceptUse] = attrs.field(init=False, eq=False, repr=False)
    _uses: dict[str, tuple[ConceptUse, ...]] = attrs.field(init=False, eq=False, repr=False)
    _link_index: dict[tuple[str, str, str | None], CausalLink] = attrs.field(init=False, eq=False, repr=False)
    _between: dict[tuple[str, str], tuple[CausalLink, ...]] = attrs.field(init=False, eq=False, repr=False)
    _arcs: dict[tuple[str, str], float] = attrs.field(init=False, eq=False, repr=False)
    _qualifiers: dict[str, frozenset[str]] = attrs.field(init=False, eq=False, repr=False)
    #: The concepts the author links.
    concept_ids: frozenset[str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_concept_index", {(u.concept, u.period): u for u in self.concepts})
        uses: dict[str, list[ConceptUse]] = {}
        for u in self.concepts:
            uses.setdefault(u.concept, []).append(u)
        object.__setattr__(self, "_uses", {c: tuple(us) for c, us in uses.items()})
        object.__setattr__(self, "_link_index", {(k.cause, k.effect, k.period): k for k in self.links})
        between: dict[tuple[str, str], list[CausalLink]] = {}
        for k in self.links:
            between.setdefault((k.cause, k.effect), []).append(k)
        object.__setattr__(self, "_between", {c: tuple(ks) for c, ks in between.items()})
        object.__setattr__(self, "concept_ids", frozenset(self._uses))
        object.__setattr__(self, "_arcs", {pair: _pooled_strength(ks) for pair, ks in self._between.items()})
        object.__setattr__(self, "_qualifiers", {
            c: frozenset(s.value for u in us for s in u.stances) or frozenset({_MENTIONS})
            for c, us in self._uses.items()})

    def with_key(self, key: str) -> Projection:
        """This projection under another author key (what a comparison calls the author):
        the same values, those derived from them copied rather than worked out again."""
        return _replaced(self, key=key)

    def __repr__(self) -> str:
        return (f"<Projection {self.key} ({self.name}): {len(self.concepts)} concepts, "
                f"{len(self.links)} causal links>")

    @property
    def name(self) -> str:
        """The text's display name (see :func:`display_name`)."""
        return display_name(self.source)

    @property
    def concept_order(self) -> tuple[str, ...]:
        """The concepts the author links, in order of first use."""
        return tuple(self._uses)

    @property
    def link_order(self) -> tuple[tuple[str, str], ...]:
        """The ``(cause, effect)`` pairs the author links, in order of first use."""
        return tuple(self._between)

    def concept(self, concept_id: str, period: str | None = None) -> ConceptUse | None:
        """The author's use of a concept in one period (None: the undated nodes), or None
        where the author says nothing of it there."""
        return self._concept_index.get((concept_id, period))

    def uses(self, concept_id: str) -> tuple[ConceptUse, ...]:
        """The author's uses of a concept, one per period (empty where silent on it)."""
        return self._uses.get(concept_id, ())

    def link(self, cause: str, effect: str, period: str | None = None) -> CausalLink | None:
        """The author's causal link from one concept to another in one period (None: the
        undated paths), or None."""
        return self._link_index.get((cause, effect, period))

    def links_between(self, cause: str, effect: str) -> tuple[CausalLink, ...]:
        """The author's causal links from one concept to another, one per period."""
        return self._between.get((cause, effect), ())

    def arcs(self) -> dict[tuple[str, str], float]:
        """The causal links as ``(cause, effect) -> strength`` for :func:`metrics.distance_ratio`,
        the periods pooled: +1 or -1 where every path has that sign, 0 where they differ."""
        return dict(self._arcs)

    def qualifiers(self) -> dict[str, frozenset[str]]:
        """Each concept's stances as strings, the periods pooled, for :func:`metrics.congruence`
        and ``conflict`` (``{"mentions"}`` where the author takes no stance on it)."""
        return dict(self._qualifiers)


def _infer_kind(use: ConceptUse) -> ConceptKind:
    if use.stances:
        return ConceptKind.PROPOSITION
    if any(m.kind is Kind.OUTCOME for m in use.mentions):
        return ConceptKind.OUTCOME
    return ConceptKind.FACTOR


# A search state: a node id, the sign so far (+1 or -1), the period of the first dated edge so
# far and that of the first dated node before this one (the chain's period: see _path).
_State: TypeAlias = tuple[str, int, str | None, str | None]
_Parents: TypeAlias = dict[_State, tuple[_State, Edge] | None]


def _on_path(node: str, state: _State, parent: _Parents) -> bool:
    current: _State | None = state
    while current is not None:
        if current[0] == node:
            return True
        step = parent[current]
        current = step[0] if step is not None else None
    return False


def _causal_links(amap: ArgumentMap, nodes: Mapping[str, Node],
                  concept_of: Mapping[str, str]) -> tuple[CausalLink, ...]:
    """Concept-level links: a breadth-first search from every node with a concept, through
    nodes without one, over (node, sign so far, period so far) states. Each state is reached
    once, by its shortest chain, and a chain never visits a node twice (a walk around a loop
    is not an argued chain), so the search stays polynomial; in a tangle of loops among
    concept-less nodes a longer chain may therefore go unreported (finding every sign of
    every simple chain is NP-hard in general)."""
    # each usable edge once, with what the search reads of it and of its target: the edge,
    # its sign as +1 or -1, the target's id, the edge's period, the target's period and the
    # target's concept (None: the chain goes on through it)
    out: dict[str, list[tuple[Edge, int, str, str | None, str | None, str | None]]] = {}
    for e in amap.edges:
        if (e.relation is Relation.CAUSES and e.sign is not None and e.source != e.target
                and e.source in nodes and e.target in nodes):
            out.setdefault(e.source, []).append((e, 1 if e.sign is Sign.HELPS else -1, e.target, e.period,
                                                 nodes[e.target].period, concept_of.get(e.target)))
    found: dict[tuple[str, str, str | None], list[CausalPath]] = {}
    none: list[tuple[Edge, int, str, str | None, str | None, str | None]] = []
    for start in nodes.values():
        cause = concept_of.get(start.id)
        if cause is None or start.id not in out:
            continue
        origin: _State = (start.id, 1, None, start.period)
        parent: _Parents = {origin: None}
        queue = deque([origin])
        while queue:
            state = queue.popleft()
            here, sign, edge_period, node_period = state
            for edge, step, target, period, target_period, effect in out.get(here, none):
                # the chain's period so far; where it ends, the effect's period comes last
                nxt = (target, sign * step, edge_period or period,
                       node_period if effect is not None else node_period or target_period)
                if nxt in parent or _on_path(target, state, parent):
                    continue
                parent[nxt] = (state, edge)
                if effect is None:
                    queue.append(nxt)
                elif effect != cause:
                    path = _path(nxt, parent, nodes)
                    found.setdefault((cause, effect, path.period), []).append(path)
    return tuple(CausalLink(cause, effect, tuple(paths), period)
                 for (cause, effect, period), paths in found.items())


_INCREASE, _DECREASE = ChangeDirection.INCREASE, ChangeDirection.DECREASE
_REVERSED = {Sign.HELPS: Sign.HINDERS, Sign.HINDERS: Sign.HELPS}


def _path(end: _State, parent: _Parents, nodes: Mapping[str, Node]) -> CausalPath:
    """The chain that reached ``end``. Its period is that of the first dated edge, else of the
    first dated node from the cause on (the cause's own, then the nodes in between), else the
    effect's; its concept-level sign reverses the drawn sign at each end that is a fall."""
    edges: list[Edge] = []
    state = end
    while (step := parent[state]) is not None:
        state, edge = step
        edges.append(edge)
    edges.reverse()
    chain = [nodes[edges[0].source]]
    quotes: list[Quote] = []
    for edge in edges:
        quotes.extend(chain[-1].quotes)
        if edge.quote is not None:
            quotes.append(edge.quote)
        chain.append(nodes[edge.target])
    drawn = Sign.HELPS if end[1] > 0 else Sign.HINDERS
    cause, effect = chain[0], chain[-1]
    directions = (cause.direction or _INCREASE, effect.direction or _INCREASE)
    # a fall at one end reverses the sign; a fall at both ends reverses it twice
    sign = drawn if (directions[0] is _DECREASE) == (directions[1] is _DECREASE) else _REVERSED[drawn]
    period = end[2] or end[3] or effect.period
    implicit = not quotes and all(n.implicit for n in chain[:-1])
    return CausalPath(tuple([n.id for n in chain]), tuple([n.label for n in chain]), sign, tuple(quotes),
                      period=period, chain_sign=drawn, directions=directions, implicit=implicit)


_SOURCE_FILES: dict[tuple[str, str], Path] = {}


def _source_file(folder: str, path: Path, file: str) -> Path:
    """The source text's path beside the map at ``path`` (``folder`` its folder as a string):
    made once per folder and file (a corpus has thousands of maps in one folder, quoting a
    few texts), the memo kept small."""
    found = _SOURCE_FILES.get((folder, file))
    if found is None:
        if len(_SOURCE_FILES) >= 256:
            _SOURCE_FILES.clear()
        found = _SOURCE_FILES[folder, file] = Path(os.path.normpath(path.parent / file))
    return found


def project(amap: ArgumentMap, vocabulary: Vocabulary | None = None, *, key: str | None = None,
            level: Level = "fine") -> Projection:
    """The map at the level of its concepts: each concept's stance, nodes and quotes, and the
    concept-level causal links, per period.

    A chain of ``causes`` edges through nodes without a concept becomes one link whose sign
    is the product of the signs along it, reversed at each end whose node describes a fall
    of its concept (``direction: decrease``: "the end of bipolarity helps" is "bipolarity
    hinders"); a chain stops at the first node with a concept. Its period is that of its
    first dated edge, else of its first dated node from the cause on, else the effect's.
    Links from a concept to itself are dropped, as are ``causes`` edges without a sign or
    with an unknown end (:func:`argmap.validate` reports those). ``key`` names the author in
    a comparison (default: the source id). ``level="broad"`` rolls every concept up to its
    top concept in ``vocabulary`` (:meth:`argmap.Vocabulary.top`) first.

    Raises :class:`~argmap.errors.MetricError` for an unknown ``level``; nothing else for
    any map, even an invalid one (of duplicate node ids the first counts), and reads no
    file; a concept the ``vocabulary`` lacks gets its kind from the map.
    """
    level = check_level(level)
    broad = level == "broad" and vocabulary is not None
    # one pass over the nodes: the first of each id, its concept at the level asked for (as
    # linked, or its top concept), its mention, and the count of implicit nodes
    nodes: dict[str, Node] = {}
    concept_of: dict[str, str] = {}
    grouped: dict[tuple[str, str | None], list[Mention]] = {}
    implicit = 0
    for n in amap.nodes:
        if n.id in nodes:
            continue
        nodes[n.id] = n
        if n.implicit:
            implicit += 1
        if n.concept is not None:
            concept = concept_of[n.id] = vocabulary.top(n.concept) if broad else n.concept  # type: ignore[union-attr]
            grouped.setdefault((concept, n.period), []).append(
                Mention(n.id, n.kind, n.label, n.stance, n.quotes, concept=n.concept, period=n.period,
                        direction=n.direction, implicit=n.implicit))
    uses = tuple(ConceptUse(c, tuple(ms), period) for (c, period), ms in grouped.items())
    pooled: dict[str, list[Mention]] = {}
    for use in uses:
        pooled.setdefault(use.concept, []).extend(use.mentions)
    kinds: dict[str, ConceptKind] = {}
    for concept, mentions in pooled.items():
        known = vocabulary.get(concept) if vocabulary is not None else None
        kinds[concept] = known.kind if known is not None else _infer_kind(ConceptUse(concept, tuple(mentions)))
    links = _causal_links(amap, nodes, concept_of)
    causal = {c for c, k in kinds.items() if k is not ConceptKind.PROPOSITION}
    causal.update(c for link in links for c in (link.cause, link.effect))
    source_file = None
    if amap.path is not None:
        source_file = _source_file(os.path.dirname(amap.path), amap.path, amap.source.file)
    return Projection(amap.source, uses, links, kinds, frozenset(causal), key or amap.source.id,
                      path=amap.path, source_file=source_file, level=level,
                      quoted_nodes=len(nodes) - implicit, implicit_nodes=implicit)
