"""One author's map seen at the level of the shared concepts.

Maps of different texts share no nodes, only the concepts of the shared vocabulary. So each
map is first *projected* onto its concepts (:func:`project`): for every concept it links, the
author's stance and the nodes and quotes that carry it; and the concept-level causal links,
where a chain of ``causes`` edges through nodes without a concept is contracted into one link
whose sign is the product of the signs along it. An author who links one proposition with two
different stances, or asserts one link with both signs, holds a *mixed* view
(:attr:`AuthorStance.MIXED`, :attr:`LinkSign.MIXED`) with every quote kept.
"""

from __future__ import annotations

import enum
import os
from collections import defaultdict, deque
from collections.abc import Mapping
from pathlib import Path
from typing import TypeAlias

import attrs

from argmap.concepts import ConceptKind, Vocabulary
from argmap.model import ArgumentMap, Edge, Kind, Node, Quote, Relation, Sign, Source, Stance

__all__ = [
    "AuthorStance",
    "CausalLink",
    "CausalPath",
    "ConceptUse",
    "LinkSign",
    "Mention",
    "Projection",
    "display_name",
    "project",
]

_MENTIONS = "mentions"


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
    """How an author is named in comparisons: author, else title, else the source id."""
    return source.author or source.title or source.id





@attrs.frozen
class Mention:
    """One node of a map that links a concept."""

    node: str
    kind: Kind
    label: str
    stance: Stance | None
    quotes: tuple[Quote, ...]

    @classmethod
    def of(cls, node: Node) -> Mention:
        """The mention a node makes."""
        return cls(node.id, node.kind, node.label, node.stance, node.quotes)


def _author_stance(stances: frozenset[Stance]) -> AuthorStance:
    if not stances:
        return AuthorStance.MENTIONS
    if len(stances) > 1:
        return AuthorStance.MIXED
    return AuthorStance(next(iter(stances)).value)


@attrs.frozen
class ConceptUse:
    """What one author says about one concept: the stance and every node that links it."""

    concept: str
    mentions: tuple[Mention, ...]
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



@attrs.frozen
class CausalPath:
    """One chain of ``causes`` edges that makes a concept-level link.

    ``nodes`` runs from the cause node to the effect node; ``quotes`` are those of every node
    but the effect (whose quotes belong to the effect concept) and of the edges, in order.
    """

    nodes: tuple[str, ...]
    labels: tuple[str, ...]
    sign: Sign
    quotes: tuple[Quote, ...]


@attrs.frozen
class CausalLink:
    """A causal link between two concepts in one author's map, with every path behind it."""

    cause: str
    effect: str
    paths: tuple[CausalPath, ...]
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


@attrs.frozen
class Projection:
    """One author's map seen at the level of the shared concepts.

    ``kinds`` gives each linked concept's kind, from the vocabulary where it lists the
    concept, else inferred (a stance makes a proposition, an outcome node an outcome, any
    other node a factor). ``causal_concepts`` are the concepts of the author's causal map,
    counted by the distance ratio: the factors and outcomes linked plus every end of a link.
    """

    source: Source
    concepts: tuple[ConceptUse, ...]
    links: tuple[CausalLink, ...]
    kinds: Mapping[str, ConceptKind] = attrs.field(hash=False)
    causal_concepts: frozenset[str]
    key: str
    path: Path | None = attrs.field(default=None, eq=False, repr=False)
    source_file: Path | None = attrs.field(default=None, eq=False, repr=False)
    _concept_index: dict[str, ConceptUse] = attrs.field(init=False, eq=False, repr=False)
    _link_index: dict[tuple[str, str], CausalLink] = attrs.field(init=False, eq=False, repr=False)
    #: The concepts the author links.
    concept_ids: frozenset[str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_concept_index", {u.concept: u for u in self.concepts})
        object.__setattr__(self, "_link_index", {(k.cause, k.effect): k for k in self.links})
        object.__setattr__(self, "concept_ids", frozenset(self._concept_index))

    def __repr__(self) -> str:
        return (f"<Projection {self.key} ({self.name}): {len(self.concepts)} concepts, "
                f"{len(self.links)} causal links>")

    @property
    def name(self) -> str:
        """The author's display name (see :func:`display_name`)."""
        return display_name(self.source)

    def concept(self, concept_id: str) -> ConceptUse | None:
        """The author's use of a concept, or None where the author is silent on it."""
        return self._concept_index.get(concept_id)

    def link(self, cause: str, effect: str) -> CausalLink | None:
        """The author's causal link from one concept to another, or None."""
        return self._link_index.get((cause, effect))

    def arcs(self) -> dict[tuple[str, str], float]:
        """The causal links as ``(cause, effect) -> strength`` for :func:`metrics.distance_ratio`."""
        return {(k.cause, k.effect): k.strength for k in self.links}

    def qualifiers(self) -> dict[str, frozenset[str]]:
        """Each concept's stances as strings, for :func:`metrics.congruence` and ``conflict``."""
        return {u.concept: u.qualifiers for u in self.concepts}


def _infer_kind(use: ConceptUse) -> ConceptKind:
    if use.stances:
        return ConceptKind.PROPOSITION
    if any(m.kind is Kind.OUTCOME for m in use.mentions):
        return ConceptKind.OUTCOME
    return ConceptKind.FACTOR


_State: TypeAlias = tuple[str, int]  # a node id and the sign so far, +1 or -1
_Parents: TypeAlias = dict[_State, tuple[_State, Edge] | None]


def _on_path(node: str, state: _State, parent: _Parents) -> bool:
    current: _State | None = state
    while current is not None:
        if current[0] == node:
            return True
        step = parent[current]
        current = step[0] if step is not None else None
    return False


def _causal_links(amap: ArgumentMap, nodes: Mapping[str, Node]) -> tuple[CausalLink, ...]:
    """Concept-level links: a breadth-first search from every node with a concept, through
    nodes without one, over (node, sign-so-far) states. Each state is reached once, by its
    shortest chain, and a chain never visits a node twice (a walk around a loop is not an
    argued chain), so the search stays polynomial; in a tangle of loops among concept-less
    nodes a longer chain may therefore go unreported (finding every sign of every simple
    chain is NP-hard in general)."""
    out: dict[str, list[tuple[Edge, int]]] = defaultdict(list)
    for e in amap.edges:
        if (e.relation is Relation.CAUSES and e.sign is not None and e.source != e.target
                and e.source in nodes and e.target in nodes):
            out[e.source].append((e, 1 if e.sign is Sign.HELPS else -1))
    found: dict[tuple[str, str], list[CausalPath]] = {}
    for start in nodes.values():
        if start.concept is None or start.id not in out:
            continue
        origin = (start.id, 1)
        parent: _Parents = {origin: None}
        queue = deque([origin])
        while queue:
            state = queue.popleft()
            for edge, sign in out[state[0]]:
                nxt = (edge.target, state[1] * sign)
                if nxt in parent or _on_path(edge.target, state, parent):
                    continue
                parent[nxt] = (state, edge)
                target = nodes[edge.target]
                if target.concept is None:
                    queue.append(nxt)
                elif target.concept != start.concept:
                    path = _path(nxt, parent, nodes)
                    found.setdefault((start.concept, target.concept), []).append(path)
    return tuple(CausalLink(cause, effect, tuple(paths)) for (cause, effect), paths in found.items())


def _path(end: _State, parent: _Parents, nodes: Mapping[str, Node]) -> CausalPath:
    edges: list[Edge] = []
    state = end
    while (step := parent[state]) is not None:
        state, edge = step
        edges.append(edge)
    edges.reverse()
    ids = (edges[0].source, *(e.target for e in edges))
    quotes: list[Quote] = []
    for edge in edges:
        quotes.extend(nodes[edge.source].quotes)
        if edge.quote is not None:
            quotes.append(edge.quote)
    sign = Sign.HELPS if end[1] > 0 else Sign.HINDERS
    return CausalPath(ids, tuple(nodes[i].label for i in ids), sign, tuple(quotes))


def project(amap: ArgumentMap, vocabulary: Vocabulary | None = None, *, key: str | None = None) -> Projection:
    """The map at the level of its concepts: each concept's stance, nodes and quotes, and the
    concept-level causal links.

    A chain of ``causes`` edges through nodes without a concept becomes one link whose sign
    is the product of the signs along it; a chain stops at the first node with a concept.
    Links from a concept to itself are dropped, as are ``causes`` edges without a sign or
    with an unknown end (:func:`argmap.validate` reports those). ``key`` names the author in
    a comparison (default: the source id).

    Raises nothing for any map, even an invalid one (of duplicate node ids the first counts),
    and reads no file; a concept the ``vocabulary`` lacks gets its kind from the map.
    """
    nodes: dict[str, Node] = {}
    for n in amap.nodes:
        nodes.setdefault(n.id, n)
    grouped: dict[str, list[Mention]] = {}
    for n in nodes.values():
        if n.concept is not None:
            grouped.setdefault(n.concept, []).append(Mention.of(n))
    uses = tuple(ConceptUse(c, tuple(ms)) for c, ms in grouped.items())
    kinds: dict[str, ConceptKind] = {}
    for use in uses:
        known = vocabulary.get(use.concept) if vocabulary is not None else None
        kinds[use.concept] = known.kind if known is not None else _infer_kind(use)
    links = _causal_links(amap, nodes)
    causal = {c for c, k in kinds.items() if k is not ConceptKind.PROPOSITION}
    causal.update(c for link in links for c in (link.cause, link.effect))
    source_file = None
    if amap.path is not None:
        source_file = Path(os.path.normpath(amap.path.parent / amap.source.file))
    return Projection(amap.source, uses, links, kinds, frozenset(causal), key or amap.source.id,
                      path=amap.path, source_file=source_file)

