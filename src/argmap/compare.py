"""Comparing authors: concept-level projections, two-author diffs and N-author comparisons.

Maps of different texts share no nodes, only the concepts of the shared vocabulary. So each
map is first *projected* onto its concepts (:func:`project`): for every concept it links, the
author's stance and the nodes and quotes that carry it; and the concept-level causal links,
where a chain of ``causes`` edges through nodes without a concept is contracted into one link
whose sign is the product of the signs along it.

Two projections are then compared concept by concept and link by link (:func:`diff`), and
any number of them at once (:func:`compare`). An author who links one proposition with two
different stances, or asserts one link with both signs, is recorded as holding a *mixed*
view (:attr:`AuthorStance.MIXED`, :attr:`LinkSign.MIXED`) with every quote kept, never one
side picked: see :class:`Status` for how mixed views compare.

Where two maps encode the same source text (a student's map and a reference map), the diff
also aligns their nodes by quote offsets (:func:`compare_same_text`).
"""

from __future__ import annotations

import enum
import hashlib
import itertools
import os
from array import array
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Literal, TypeAlias

import attrs

from argmap import metrics
from argmap.concepts import ConceptKind, Vocabulary
from argmap.errors import MetricError
from argmap.model import ArgumentMap, Edge, Kind, Node, Quote, Relation, Sign, Source, Stance

__all__ = [
    "METRICS",
    "AgreementMatrix",
    "AuthorStance",
    "CausalLink",
    "CausalPath",
    "Comparison",
    "ConceptDiff",
    "ConceptRow",
    "ConceptUse",
    "Consensus",
    "Controversy",
    "LinkDiff",
    "LinkRow",
    "LinkSign",
    "MapDiff",
    "Mention",
    "NodeMatch",
    "Projection",
    "SameTextComparison",
    "Status",
    "Tension",
    "compare",
    "compare_same_text",
    "diff",
    "display_name",
    "project",
    "same_source",
]

Metric: TypeAlias = Literal["jaccard", "distance_ratio", "congruence", "conflict"]
#: The pairwise metrics :meth:`Comparison.matrix` and :class:`MapDiff` provide.
METRICS: tuple[Metric, ...] = ("jaccard", "distance_ratio", "congruence", "conflict")
_OPPOSITES = {(Stance.AFFIRMS.value, Stance.DENIES.value)}
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


class Status(enum.StrEnum):
    """How two authors stand on one concept or causal link.

    Stances (and signs) are compared as sets, so that a mixed view is neither hidden nor
    forced to one side: the same set is ``agree``; disjoint sets with an opposing pair
    (affirms/denies, ``+``/``-``) are ``conflict``; anything else where both speak
    (affirms vs qualifies, or a mixed view against one of its sides) is ``partial``.
    """

    AGREE = "agree"
    PARTIAL = "partial"
    CONFLICT = "conflict"
    ONLY_A = "only-a"
    ONLY_B = "only-b"

    def swapped(self) -> Status:
        """The status seen from the other author's side."""
        if self is Status.ONLY_A:
            return Status.ONLY_B
        if self is Status.ONLY_B:
            return Status.ONLY_A
        return self


def display_name(source: Source) -> str:
    """How an author is named in comparisons: author, else title, else the source id."""
    return source.author or source.title or source.id


# --- projection ----------------------------------------------------------------------------


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


# --- two authors ---------------------------------------------------------------------------


def _compare_sets(a: frozenset[str], b: frozenset[str], opposite: tuple[str, str]) -> Status:
    if a == b:
        return Status.AGREE
    x, y = opposite
    if not a & b and ((x in a and y in b) or (y in a and x in b)):
        return Status.CONFLICT
    return Status.PARTIAL


def _stance_set(use: ConceptUse) -> frozenset[str]:
    return use.qualifiers  # a mere mention compares as {"mentions"}: agrees with a mention only


def _sign_set(link: CausalLink) -> frozenset[str]:
    return frozenset(s.value for s in link.signs)


@attrs.frozen
class ConceptDiff:
    """One concept in a two-author diff: each author's use of it (None if silent), and how
    the two stand (:class:`Status`)."""

    concept: str
    kind: ConceptKind
    label: str
    a: ConceptUse | None
    b: ConceptUse | None
    status: Status

    @property
    def divergent(self) -> bool:
        """Whether the authors take opposite stances."""
        return self.status is Status.CONFLICT

    def swapped(self) -> ConceptDiff:
        """The same comparison with the authors exchanged."""
        return attrs.evolve(self, a=self.b, b=self.a, status=self.status.swapped())


@attrs.frozen
class LinkDiff:
    """One concept-level causal link in a two-author diff.

    ``divergent`` is true for opposite signs, and for a link one author asserts between two
    concepts that the other author also uses without linking them.
    """

    cause: str
    effect: str
    a: CausalLink | None
    b: CausalLink | None
    status: Status
    divergent: bool

    def swapped(self) -> LinkDiff:
        """The same comparison with the authors exchanged."""
        return attrs.evolve(self, a=self.b, b=self.a, status=self.status.swapped())


DiffItem: TypeAlias = ConceptDiff | LinkDiff


@attrs.frozen
class MapDiff:
    """Where two authors agree and diverge, concept by concept and link by link.

    ``concepts`` and ``links`` hold every concept and link either author uses, in vocabulary
    order, each with a :class:`Status` (``agree``, ``partial``, ``conflict``, ``only-a``,
    ``only-b``) that renderers can colour. The metrics are those of :mod:`argmap.metrics`:
    Jaccard similarity of the concept sets, the distance ratio of the concept-level causal
    maps (strengths +1/-1, 0 for a mixed link, ``max_strength`` 1), and DNA congruence and
    conflict counts (stances as qualifiers, ``mentions`` for a factor without one).
    """

    a: Projection
    b: Projection
    concepts: tuple[ConceptDiff, ...]
    links: tuple[LinkDiff, ...]
    jaccard: float
    distance_ratio: float
    congruence: float
    conflict: float
    same_text: SameTextComparison | None = None

    @property
    def names(self) -> tuple[str, str]:
        """Display names of the two authors, told apart where they would read the same."""
        na, nb = self.a.name, self.b.name
        if na != nb:
            return na, nb
        pa, pb = self.a.path, self.b.path
        if pa is not None and pb is not None and pa.name != pb.name:
            return f"{na} ({pa.name})", f"{nb} ({pb.name})"
        return f"{na} (A)", f"{nb} (B)"

    @property
    def shared(self) -> tuple[str, ...]:
        """Concepts both authors use."""
        return tuple(c.concept for c in self.concepts if c.a is not None and c.b is not None)

    @property
    def only_a(self) -> tuple[str, ...]:
        """Concepts only author a uses."""
        return tuple(c.concept for c in self.concepts if c.status is Status.ONLY_A)

    @property
    def only_b(self) -> tuple[str, ...]:
        """Concepts only author b uses."""
        return tuple(c.concept for c in self.concepts if c.status is Status.ONLY_B)

    @property
    def agreements(self) -> tuple[DiffItem, ...]:
        """Shared concepts with the same stance and shared links with the same sign."""
        return (*(c for c in self.concepts if c.status is Status.AGREE),
                *(k for k in self.links if k.status is Status.AGREE))

    @property
    def divergences(self) -> tuple[DiffItem, ...]:
        """Opposite stances, opposite signs, and links one author asserts between concepts
        both use while the other does not."""
        return (*(c for c in self.concepts if c.divergent), *(k for k in self.links if k.divergent))

    @property
    def partial(self) -> tuple[DiffItem, ...]:
        """Concepts and links both authors address with different but not opposing views."""
        return (*(c for c in self.concepts if c.status is Status.PARTIAL),
                *(k for k in self.links if k.status is Status.PARTIAL))

    def concept(self, concept_id: str) -> ConceptDiff | None:
        """The comparison of one concept, or None where neither author uses it."""
        return next((c for c in self.concepts if c.concept == concept_id), None)

    def link(self, cause: str, effect: str) -> LinkDiff | None:
        """The comparison of one causal link, or None where neither author asserts it."""
        return next((k for k in self.links if (k.cause, k.effect) == (cause, effect)), None)

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        """Jupyter shows the diff drawn as SVG (see :func:`argmap.render_diff`), or says why not."""
        from argmap.render import mimebundle, run_dot
        from argmap.render_compare import render_diff

        summary = (f"<MapDiff {self.a.key} vs {self.b.key}: {len(self.shared)} shared concepts, "
                   f"{len(self.divergences)} divergences>")
        return mimebundle(lambda: run_dot(render_diff(self).source).decode("utf-8"), summary)

    def swapped(self) -> MapDiff:
        """The same diff with the authors exchanged: ``diff(b, a) == diff(a, b).swapped()``."""
        return MapDiff(
            self.b, self.a,
            tuple(c.swapped() for c in self.concepts), tuple(k.swapped() for k in self.links),
            self.jaccard, self.distance_ratio, self.congruence, self.conflict,
            self.same_text.swapped() if self.same_text is not None else None,
        )


class _Catalogue:
    """Concept labels, kinds and a stable order, from the vocabulary where it knows them."""

    def __init__(self, vocabulary: Vocabulary | None, projections: Iterable[Projection]) -> None:
        self.vocabulary = vocabulary
        self.rank = {c.id: i for i, c in enumerate(vocabulary or ())}
        self.kinds: dict[str, ConceptKind] = {}
        for p in projections:
            for concept, kind in p.kinds.items():
                self.kinds.setdefault(concept, kind)

    def order(self, concept: str) -> tuple[int, str]:
        return self.rank.get(concept, len(self.rank)), concept

    def label(self, concept: str) -> str:
        known = self.vocabulary.get(concept) if self.vocabulary is not None else None
        return known.label if known is not None else concept

    def kind(self, concept: str) -> ConceptKind:
        known = self.vocabulary.get(concept) if self.vocabulary is not None else None
        return known.kind if known is not None else self.kinds.get(concept, ConceptKind.FACTOR)

    def sort_concepts(self, concepts: Iterable[str]) -> list[str]:
        return sorted(set(concepts), key=self.order)

    def sort_links(self, links: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        return sorted(set(links), key=lambda k: (self.order(k[0]), self.order(k[1])))


def _pair_metrics(a: Projection, b: Projection) -> tuple[float, float, float, float]:
    qa, qb = a.qualifiers(), b.qualifiers()
    return (
        metrics.jaccard(a.concept_ids, b.concept_ids),
        metrics.distance_ratio(a.arcs(), b.arcs(), concepts_a=a.causal_concepts,
                               concepts_b=b.causal_concepts, max_strength=1.0),
        metrics.congruence(qa, qb),
        metrics.conflict(qa, qb, opposites=_OPPOSITES),
    )


def _diff_projections(a: Projection, b: Projection, catalogue: _Catalogue,
                      same_text: SameTextComparison | None = None) -> MapDiff:
    concepts = []
    for cid in catalogue.sort_concepts(a.concept_ids | b.concept_ids):
        ua, ub = a.concept(cid), b.concept(cid)
        if ua is None or ub is None:
            status = Status.ONLY_B if ua is None else Status.ONLY_A
        else:
            status = _compare_sets(_stance_set(ua), _stance_set(ub), ("affirms", "denies"))
        concepts.append(ConceptDiff(cid, catalogue.kind(cid), catalogue.label(cid), ua, ub, status))
    links = []
    cells = [(k.cause, k.effect) for k in (*a.links, *b.links)]
    for cause, effect in catalogue.sort_links(cells):
        la, lb = a.link(cause, effect), b.link(cause, effect)
        if la is not None and lb is not None:
            status = _compare_sets(_sign_set(la), _sign_set(lb), ("+", "-"))
            divergent = status is Status.CONFLICT
        else:
            status = Status.ONLY_B if la is None else Status.ONLY_A
            other = a if la is None else b
            divergent = cause in other.concept_ids and effect in other.concept_ids
        links.append(LinkDiff(cause, effect, la, lb, status, divergent))
    return MapDiff(a, b, tuple(concepts), tuple(links), *_pair_metrics(a, b), same_text=same_text)


def _find_vocabulary(maps: Iterable[ArgumentMap]) -> Vocabulary | None:
    from argmap.validate import find_vocabulary
    from argmap.yamlio import load_vocabulary

    for amap in maps:
        if amap.path is None and amap.vocabulary is None:
            continue
        found = find_vocabulary(amap)
        if found is not None:
            return load_vocabulary(found)
    return None


def diff(
    a: ArgumentMap,
    b: ArgumentMap,
    *,
    vocabulary: Vocabulary | None = None,
    same_text: bool | None = None,
) -> MapDiff:
    """Compare two authors' maps concept by concept and link by link.

    ``vocabulary`` defaults to the one the maps name or ``concepts.yaml`` beside them; it
    gives labels, kinds and the order of concepts. Where both maps encode the same source
    text (see :func:`same_source`; force with ``same_text=True``, skip with ``False``), the
    diff also aligns their nodes, taking ``b`` as the reference (:func:`compare_same_text`).
    """
    if vocabulary is None:
        vocabulary = _find_vocabulary((a, b))
    pa, pb = project(a, vocabulary), project(b, vocabulary)
    same = None
    if same_text or (same_text is None and same_source(a, b)):
        same = compare_same_text(a, b)
    return _diff_projections(pa, pb, _Catalogue(vocabulary, (pa, pb)), same)


# --- N authors -----------------------------------------------------------------------------


@attrs.frozen
class ConceptRow:
    """One concept across authors: each author's use of it, keyed by author key.

    An author who does not invoke the concept has no key in ``by_source``.
    """

    concept: str
    kind: ConceptKind
    label: str
    by_source: Mapping[str, ConceptUse] = attrs.field(hash=False)


@attrs.frozen
class LinkRow:
    """One concept-level causal link across authors, keyed by author key."""

    cause: str
    effect: str
    by_source: Mapping[str, CausalLink] = attrs.field(hash=False)


@attrs.frozen
class Consensus:
    """A concept (or link) invoked by at least ``min_authors`` authors, none opposing another.

    For a concept, no author affirms it while another (or the same) denies it; a *qualifies*
    sits with either side. For a link, every author gives it the same sign. A mixed view
    therefore blocks consensus.
    """

    subject: ConceptRow | LinkRow
    sources: tuple[str, ...]


@attrs.frozen
class Controversy:
    """A proposition some authors affirm and others deny, or a link with opposite signs.

    It takes two authors whose views conflict as in a diff: one affirms (or gives ``+``) and
    the other denies (``-``), neither holding both. Authors who share the same mixed view do
    not make a controversy; their views are listed as :class:`Tension`. ``sides`` maps each
    stance (or sign) to the authors who hold it; a mixed view appears on each of its sides.
    """

    subject: ConceptRow | LinkRow
    sides: Mapping[str, tuple[str, ...]] = attrs.field(hash=False)


@attrs.frozen
class Tension:
    """An author's own mixed view: one concept with several stances, or a link with both signs.

    A link with both signs is often a factor the author says worked in opposite directions
    at different times (two paths through different intermediate nodes); the paths show which.
    """

    source: str
    subject: ConceptUse | CausalLink


@attrs.frozen
class AgreementMatrix:
    """An author x author matrix of one pairwise metric: ``matrix[a, b]`` compares the authors
    with keys ``a`` and ``b``; ``rows[i][j]`` compares ``keys[i]`` with ``keys[j]``.

    Values are stored as one packed array of floats (8 bytes each), so that a matrix of
    1,000 authors takes 8 MB, not the 40 MB of nested tuples.
    """

    metric: str
    normalization: str
    keys: tuple[str, ...]
    _values: array[float] = attrs.field(repr=False, hash=False)
    _index: dict[str, int] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if len(self._values) != len(self.keys) ** 2:
            raise ValueError(f"{len(self.keys)} keys need {len(self.keys) ** 2} values, got {len(self._values)}")
        object.__setattr__(self, "_index", {k: i for i, k in enumerate(self.keys)})

    def __getitem__(self, pair: tuple[str, str]) -> float:
        i, j = self._index[pair[0]], self._index[pair[1]]
        return self._values[i * len(self.keys) + j]

    def row(self, key: str) -> tuple[float, ...]:
        """One author's values against every author, in key order."""
        n = len(self.keys)
        start = self._index[key] * n
        return tuple(self._values[start:start + n])

    @property
    def rows(self) -> tuple[tuple[float, ...], ...]:
        """The matrix as a tuple of rows."""
        return tuple(self.row(k) for k in self.keys)

    def to_dict(self) -> dict[str, dict[str, float]]:
        """The matrix as ``{row key: {column key: value}}``."""
        return {k: dict(zip(self.keys, self.row(k), strict=True)) for k in self.keys}


class _Bits:
    """Each projection's concepts, stances and links as integer bit sets, so that a metric
    for every pair of N authors costs a few ``int.bit_count`` calls per pair.

    Valid for the strengths projections use (+1, -1, 0), where the distance ratio's
    per-cell difference ``|a - b|`` equals ``|sgn a - sgn b|``: the numerator is then the
    number of links each author asserts, minus twice the links both assert with one sign.
    """

    def __init__(self, projections: Sequence[Projection]) -> None:
        concept_bit: dict[str, int] = {}
        cell_bit: dict[tuple[str, str], int] = {}

        def concept(key: str) -> int:
            return 1 << concept_bit.setdefault(key, len(concept_bit))

        def cell(key: tuple[str, str]) -> int:
            return 1 << cell_bit.setdefault(key, len(cell_bit))

        self.concepts: list[int] = []
        self.causal: list[int] = []
        self.stances: list[int] = []
        self.affirms: list[int] = []
        self.denies: list[int] = []
        self.helps: list[int] = []
        self.hinders: list[int] = []
        for p in projections:
            concepts = causal = stances = affirms = denies = helps = hinders = 0
            for use in p.concepts:
                b = concept(use.concept)
                concepts |= b
                for q in use.qualifiers:
                    stances |= cell((use.concept, q))
                if Stance.AFFIRMS in use.stances:
                    affirms |= b
                if Stance.DENIES in use.stances:
                    denies |= b
            for cid in p.causal_concepts:
                causal |= concept(cid)
            for link in p.links:
                if link.sign is LinkSign.HELPS:
                    helps |= cell((link.cause, link.effect))
                elif link.sign is LinkSign.HINDERS:
                    hinders |= cell((link.cause, link.effect))
            self.concepts.append(concepts)
            self.causal.append(causal)
            self.stances.append(stances)
            self.affirms.append(affirms)
            self.denies.append(denies)
            self.helps.append(helps)
            self.hinders.append(hinders)

    def matrix(self, metric: str, normalization: str) -> array[float]:
        """One metric for every pair, row-major (upper triangle computed, then mirrored)."""
        n = len(self.concepts)
        values = array("d", bytes(8 * n * n))
        if metric == "jaccard":
            sets = self.concepts
            for i in range(n):
                a, base = sets[i], i * n
                for j in range(i, n):
                    union = (a | sets[j]).bit_count()
                    values[base + j] = (a & sets[j]).bit_count() / union if union else 1.0
        elif metric == "distance_ratio":
            causal, helps, hinders = self.causal, self.helps, self.hinders
            sizes = [k.bit_count() for k in causal]
            linked = [(h | d).bit_count() for h, d in zip(helps, hinders, strict=True)]
            for i in range(n):
                ki, hi, di, si, li, base = causal[i], helps[i], hinders[i], sizes[i], linked[i], i * n
                for j in range(i, n):
                    pc = (ki & causal[j]).bit_count()
                    pa, pb = si - pc, sizes[j] - pc
                    denominator = 2 * pc * pc + 2 * pc * (pa + pb) + pa * pa + pb * pb - (2 * pc + pa + pb)
                    if denominator > 0:
                        same = (hi & helps[j]).bit_count() + (di & hinders[j]).bit_count()
                        values[base + j] = (li + linked[j] - 2 * same) / denominator
        else:
            cells, affirms, denies = self.stances, self.affirms, self.denies
            sizes = [c.bit_count() for c in cells]
            for i in range(n):
                ci, ai, di, si, base = cells[i], affirms[i], denies[i], sizes[i], i * n
                for j in range(i, n):
                    if metric == "congruence":
                        count = (ci & cells[j]).bit_count()
                    else:
                        count = (ai & denies[j]).bit_count() + (di & affirms[j]).bit_count()
                    if normalization == "none":
                        values[base + j] = count
                    else:
                        norm = (si + sizes[j]) / 2 if normalization == "average" else (ci | cells[j]).bit_count()
                        values[base + j] = count / norm if norm else 0.0
        for i in range(n):
            for j in range(i + 1, n):
                values[j * n + i] = values[i * n + j]
        return values


@attrs.frozen
class Comparison:
    """Several authors compared at once.

    ``concepts`` is the concept x author matrix (one :class:`ConceptRow` per concept any
    author uses, in vocabulary order), ``links`` the same for causal links. ``consensus``
    lists what at least ``min_authors`` authors invoke without opposing one another,
    ``controversies`` what some affirm and others deny (or link with opposite signs), and
    ``tensions`` each author's own mixed views. Every pair's :class:`MapDiff` is built on
    demand (:meth:`pair`, :meth:`pairs`), and any pairwise metric as an author x author
    matrix (:meth:`matrix`), so that a comparison of many maps stays cheap.
    """

    projections: tuple[Projection, ...]
    concepts: tuple[ConceptRow, ...]
    links: tuple[LinkRow, ...]
    consensus: tuple[Consensus, ...]
    controversies: tuple[Controversy, ...]
    tensions: tuple[Tension, ...]
    min_authors: int
    vocabulary: Vocabulary | None = attrs.field(default=None, eq=False, repr=False)
    _diffs: dict[tuple[str, str], MapDiff] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    _matrices: dict[tuple[str, str], AgreementMatrix] = attrs.field(
        factory=dict, init=False, eq=False, repr=False)
    _bits: list[_Bits] = attrs.field(factory=list, init=False, eq=False, repr=False)
    _by_key: dict[str, Projection] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    _catalogue: _Catalogue | None = attrs.field(default=None, eq=False, repr=False, alias="catalogue")

    @property
    def keys(self) -> tuple[str, ...]:
        """The authors' keys (source ids, made unique), in the order the maps were given."""
        return tuple(p.key for p in self.projections)

    @property
    def sources(self) -> tuple[Source, ...]:
        """The sources compared, in order."""
        return tuple(p.source for p in self.projections)

    def projection(self, key: str) -> Projection:
        """The projection of one author; ``KeyError`` for an unknown key."""
        if not self._by_key:
            self._by_key.update((p.key, p) for p in self.projections)
        return self._by_key[key]

    def pair(self, a: str, b: str) -> MapDiff:
        """The diff of two authors, by key (computed once, then kept)."""
        if (a, b) not in self._diffs:
            if (b, a) in self._diffs:
                return self._diffs[b, a].swapped()
            pa, pb = self.projection(a), self.projection(b)
            if self._catalogue is None:
                object.__setattr__(self, "_catalogue", _Catalogue(self.vocabulary, self.projections))
            assert self._catalogue is not None
            self._diffs[a, b] = _diff_projections(pa, pb, self._catalogue)
        return self._diffs[a, b]

    def pairs(self) -> Iterator[MapDiff]:
        """Every pair's diff, each pair once, in the order the maps were given."""
        for a, b in itertools.combinations(self.keys, 2):
            yield self.pair(a, b)

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        """Jupyter shows the comparison map drawn as SVG (see :func:`argmap.render_comparison`),
        or says why not."""
        from argmap.render import mimebundle, run_dot
        from argmap.render_compare import render_comparison

        summary = (f"<Comparison of {len(self.projections)} authors: {len(self.concepts)} concepts, "
                   f"{len(self.links)} causal links, {len(self.controversies)} controversies>")
        return mimebundle(lambda: run_dot(render_comparison(self).source).decode("utf-8"), summary)

    def matrix(self, metric: Metric, *, normalization: metrics.Normalization = "none") -> AgreementMatrix:
        """An author x author matrix of one metric: ``jaccard``, ``distance_ratio``,
        ``congruence`` or ``conflict`` (the last two with a DNA ``normalization``: ``none``,
        ``average`` or ``jaccard``). Values equal those of :class:`MapDiff` and
        :mod:`argmap.metrics`; the diagonal compares each author with themselves."""
        if metric not in METRICS:
            raise MetricError(f"unknown metric {metric!r}; choose one of {', '.join(METRICS)}")
        if normalization not in metrics.NORMALIZATIONS:
            raise MetricError(f"normalization must be one of {', '.join(metrics.NORMALIZATIONS)}; "
                              f"got {normalization!r}")
        if metric in ("jaccard", "distance_ratio"):
            normalization = "none"
        cached = self._matrices.get((metric, normalization))
        if cached is not None:
            return cached
        if not self._bits:
            self._bits.append(_Bits(self.projections))
        result = AgreementMatrix(metric, normalization, self.keys, self._bits[0].matrix(metric, normalization))
        self._matrices[metric, normalization] = result
        return result


def _unique_keys(maps: Sequence[ArgumentMap]) -> list[str]:
    counts: defaultdict[str, int] = defaultdict(int)
    for m in maps:
        counts[m.source.id] += 1
    keys: list[str] = []
    taken: set[str] = set()
    for m in maps:
        key = m.source.id
        if counts[key] > 1 and m.path is not None:
            key = f"{key}/{m.path.stem}"
        base, n = key, 1
        while key in taken:
            n += 1
            key = f"{base}#{n}"
        keys.append(key)
        taken.add(key)
    return keys


def _sides(row: ConceptRow) -> dict[str, tuple[str, ...]]:
    sides: dict[str, list[str]] = {s.value: [] for s in Stance}
    for key, use in row.by_source.items():
        for stance in use.stances:
            sides[stance.value].append(key)
    return {s: tuple(keys) for s, keys in sides.items() if keys}


def _link_sides(row: LinkRow) -> dict[str, tuple[str, ...]]:
    sides: dict[str, list[str]] = {s.value: [] for s in Sign}
    for key, link in row.by_source.items():
        for sign in link.signs:
            sides[sign.value].append(key)
    return {s: tuple(keys) for s, keys in sides.items() if keys}


def _opposed(views: Iterable[frozenset[str]], opposite: tuple[str, str]) -> bool:
    """Whether two authors' views conflict as in a diff (:class:`Status`): disjoint sets, one
    holding one side and the other the opposite. Authors with the same mixed view, or a mixed
    view against one of its sides, do not."""
    distinct = set(views)
    return any(_compare_sets(x, y, opposite) is Status.CONFLICT
               for x, y in itertools.combinations(distinct, 2))


def compare(
    maps: Iterable[ArgumentMap],
    *,
    vocabulary: Vocabulary | None = None,
    min_authors: int = 2,
) -> Comparison:
    """Compare any number of authors' maps at the level of the shared concepts.

    ``vocabulary`` defaults to the one the first map names or ``concepts.yaml`` beside it.
    ``min_authors`` is the *k* of the consensus: how many authors must invoke a concept (or
    assert a link) for it to count. Authors are keyed by source id; where several maps
    encode the same source, by ``id/map-file-stem``.
    """
    maps = list(maps)
    if min_authors < 1:
        raise MetricError(f"min_authors must be at least 1, got {min_authors}")
    if vocabulary is None:
        vocabulary = _find_vocabulary(maps)
    projections = tuple(project(m, vocabulary, key=k) for m, k in zip(maps, _unique_keys(maps), strict=True))
    catalogue = _Catalogue(vocabulary, projections)
    uses: dict[str, dict[str, ConceptUse]] = defaultdict(dict)
    links: dict[tuple[str, str], dict[str, CausalLink]] = defaultdict(dict)
    for p in projections:
        for use in p.concepts:
            uses[use.concept][p.key] = use
        for link in p.links:
            links[link.cause, link.effect][p.key] = link
    rows = tuple(ConceptRow(cid, catalogue.kind(cid), catalogue.label(cid), uses[cid])
                 for cid in catalogue.sort_concepts(uses))
    link_rows = tuple(LinkRow(cause, effect, links[cause, effect])
                      for cause, effect in catalogue.sort_links(links))
    consensus: list[Consensus] = []
    controversies: list[Controversy] = []
    for row in rows:
        sides = _sides(row)
        if len(row.by_source) >= min_authors and not ("affirms" in sides and "denies" in sides):
            consensus.append(Consensus(row, tuple(row.by_source)))
        if _opposed((_stance_set(u) for u in row.by_source.values()), ("affirms", "denies")):
            controversies.append(Controversy(row, sides))
    for link_row in link_rows:
        sides = _link_sides(link_row)
        if len(link_row.by_source) >= min_authors and len(sides) == 1:
            consensus.append(Consensus(link_row, tuple(link_row.by_source)))
        if _opposed((_sign_set(k) for k in link_row.by_source.values()), ("+", "-")):
            controversies.append(Controversy(link_row, sides))
    tensions = [Tension(p.key, use) for p in projections for use in p.concepts
                if use.stance is AuthorStance.MIXED]
    tensions += [Tension(p.key, link) for p in projections for link in p.links
                 if link.sign is LinkSign.MIXED]
    return Comparison(projections, rows, link_rows, tuple(consensus), tuple(controversies),
                      tuple(tensions), min_authors, vocabulary, catalogue=catalogue)


# --- the same text encoded twice -------------------------------------------------------------


def _source_file(amap: ArgumentMap) -> Path:
    from argmap.yamlio import source_path

    return source_path(amap)


def same_source(a: ArgumentMap, b: ArgumentMap) -> bool:
    """Whether two maps encode the same source text: the same file, or files with the same
    bytes (compared by SHA-256). False where either file cannot be read."""
    fa, fb = _source_file(a), _source_file(b)
    try:
        if fa.resolve() == fb.resolve() and fa.is_file():
            return True
        return hashlib.sha256(fa.read_bytes()).digest() == hashlib.sha256(fb.read_bytes()).digest()
    except OSError:
        return False


def _intervals(node: Node) -> list[tuple[int, int]]:
    spans = sorted((s.start, s.end) for q in node.quotes for s in q.spans)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _overlap(x: list[tuple[int, int]], y: list[tuple[int, int]]) -> int:
    i = j = total = 0
    while i < len(x) and j < len(y):
        lo, hi = max(x[i][0], y[j][0]), min(x[i][1], y[j][1])
        if lo < hi:
            total += hi - lo
        if x[i][1] < y[j][1]:
            i += 1
        else:
            j += 1
    return total


@attrs.frozen
class NodeMatch:
    """A node of map a and the node of map b whose quotes cover the same passage.

    ``overlap`` is the shared characters over the length of the shorter of the two quoted
    passages (1.0: one lies wholly inside the other).
    """

    a: Node
    b: Node
    overlap: float

    @property
    def same_kind(self) -> bool:
        """Whether both nodes have the same kind."""
        return self.a.kind is self.b.kind

    @property
    def same_concept(self) -> bool:
        """Whether both nodes link the same concept (or both none)."""
        return self.a.concept == self.b.concept


def _nan_ratio(part: int, whole: int) -> float:
    return part / whole if whole else float("nan")


@attrs.frozen
class SameTextComparison:
    """Two encodings of one source text, node by node: the teaching comparison.

    Map ``b`` is the reference: precision is the share of ``a``'s nodes (edges) found in
    ``b``, recall the share of ``b``'s found in ``a``. Nodes are aligned one to one by the
    overlap of their quotes; an edge of ``a`` is found when ``b`` has an edge between the
    aligned nodes with the same relation and sign, and ``relabelled`` where ``b`` joins the
    same two nodes differently (another relation or sign, or the other direction).
    """

    how: str
    matches: tuple[NodeMatch, ...]
    missed: tuple[Node, ...]
    added: tuple[Node, ...]
    matched_edges: tuple[tuple[Edge, Edge], ...]
    relabelled_edges: tuple[tuple[Edge, Edge], ...]
    missed_edges: tuple[Edge, ...]
    added_edges: tuple[Edge, ...]
    map_a: ArgumentMap = attrs.field(eq=False, repr=False)
    map_b: ArgumentMap = attrs.field(eq=False, repr=False)

    @property
    def node_precision(self) -> float:
        """Share of a's nodes that have a counterpart in b (nan for no nodes)."""
        return _nan_ratio(len(self.matches), len(self.map_a.nodes))

    @property
    def node_recall(self) -> float:
        """Share of b's nodes that have a counterpart in a."""
        return _nan_ratio(len(self.matches), len(self.map_b.nodes))

    @property
    def edge_precision(self) -> float:
        """Share of a's edges found in b (nan where a has no edges)."""
        return _nan_ratio(len(self.matched_edges), len(self.map_a.edges))

    @property
    def edge_recall(self) -> float:
        """Share of b's edges found in a (nan where b has no edges)."""
        return _nan_ratio(len(self.matched_edges), len(self.map_b.edges))

    @property
    def kind_agreement(self) -> float:
        """Share of aligned nodes given the same kind."""
        return _nan_ratio(sum(m.same_kind for m in self.matches), len(self.matches))

    @property
    def concept_agreement(self) -> float:
        """Share of aligned nodes linked to the same concept (or both to none)."""
        return _nan_ratio(sum(m.same_concept for m in self.matches), len(self.matches))

    @property
    def kind_kappa(self) -> float:
        """Cohen's kappa of the kinds given to aligned nodes (nan where undefined)."""
        return metrics.cohen_kappa([m.a.kind.value for m in self.matches],
                                   [m.b.kind.value for m in self.matches])

    @property
    def concept_kappa(self) -> float:
        """Cohen's kappa of the concepts of aligned nodes, no concept counting as a category."""
        return metrics.cohen_kappa([m.a.concept or "" for m in self.matches],
                                   [m.b.concept or "" for m in self.matches])

    def swapped(self) -> SameTextComparison:
        """The comparison with a and b exchanged (b's view of a)."""
        return SameTextComparison(
            self.how, tuple(NodeMatch(m.b, m.a, m.overlap) for m in self.matches),
            self.added, self.missed, tuple((y, x) for x, y in self.matched_edges),
            tuple((y, x) for x, y in self.relabelled_edges), self.added_edges,
            self.missed_edges, self.map_b, self.map_a)


def _anchored(amap: ArgumentMap) -> ArgumentMap:
    if all(q.anchored for n in amap.nodes for q in n.quotes):
        return amap
    from argmap.quotes import anchor

    return anchor(amap)


def compare_same_text(a: ArgumentMap, b: ArgumentMap, *, min_overlap: float = 0.5) -> SameTextComparison:
    """Align two maps of the same source node by node, taking ``b`` as the reference.

    Two nodes are candidates when their quoted passages share at least ``min_overlap`` of
    the shorter one; candidates are paired greedily, largest overlap first (ties in file
    order), each node at most once. Quotes not yet anchored are looked up in the source
    text first (:class:`~argmap.errors.QuoteError` where one is not there).
    """
    if not 0 < min_overlap <= 1:
        raise MetricError(f"min_overlap must lie in (0, 1], got {min_overlap!r}")
    fa, fb = _source_file(a), _source_file(b)
    try:
        how = "same file" if fa.resolve() == fb.resolve() else "identical text"
    except OSError:
        how = "identical text"
    a, b = _anchored(a), _anchored(b)
    spans_b = [(n, _intervals(n)) for n in b.nodes]
    candidates: list[tuple[float, int, int]] = []
    for i, na in enumerate(a.nodes):
        xa = _intervals(na)
        if not xa:
            continue
        length_a = sum(e - s for s, e in xa)
        for j, (_nb, xb) in enumerate(spans_b):
            if not xb or xb[0][0] >= xa[-1][1] or xa[0][0] >= xb[-1][1]:
                continue
            shared = _overlap(xa, xb)
            if shared:
                ratio = shared / min(length_a, sum(e - s for s, e in xb))
                if ratio >= min_overlap:
                    candidates.append((-ratio, i, j))
    candidates.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[NodeMatch] = []
    for neg_ratio, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append(NodeMatch(a.nodes[i], b.nodes[j], -neg_ratio))
    pairs.sort(key=lambda m: a.nodes.index(m.a))
    to_b = {m.a.id: m.b.id for m in pairs}
    remaining = list(b.edges)
    matched: list[tuple[Edge, Edge]] = []
    unmatched_a: list[Edge] = []
    for edge in a.edges:
        ends = (to_b.get(edge.source), to_b.get(edge.target))
        hit = next((e for e in remaining if (e.source, e.target) == ends
                    and e.relation is edge.relation and e.sign == edge.sign), None)
        if hit is None:
            unmatched_a.append(edge)
        else:
            remaining.remove(hit)
            matched.append((edge, hit))
    relabelled: list[tuple[Edge, Edge]] = []
    added: list[Edge] = []
    for edge in unmatched_a:
        pair = {to_b.get(edge.source), to_b.get(edge.target)}
        hit = next((e for e in remaining if None not in pair and {e.source, e.target} == pair), None)
        if hit is None:
            added.append(edge)
        else:
            remaining.remove(hit)
            relabelled.append((edge, hit))
    return SameTextComparison(
        how, tuple(pairs),
        tuple(n for j, n in enumerate(b.nodes) if j not in used_b),
        tuple(n for i, n in enumerate(a.nodes) if i not in used_a),
        tuple(matched), tuple(relabelled), tuple(remaining), tuple(added), a, b,
    )
