"""Two authors compared: where they agree and diverge, concept by concept and causal link by
causal link (:func:`diff`).

Both maps are first projected onto the shared concepts (:mod:`argmap.projection`). Stances
and signs are compared as sets, so that a mixed view is neither hidden nor forced to one side
(see :class:`Status`). Where two maps encode the same source text (a student's map and a
reference map), the diff also aligns their nodes by quote offsets (:mod:`argmap.alignment`).
"""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable
from typing import Any, TypeAlias

import attrs

from argmap import metrics
from argmap.alignment import SameTextComparison, compare_same_text
from argmap.concepts import ConceptKind, Vocabulary
from argmap.model import ArgumentMap, Stance
from argmap.projection import CausalLink, ConceptUse, Projection, project
from argmap.workspace import read_maps, same_source, vocabulary_for

__all__ = ["ConceptDiff", "DiffItem", "LinkDiff", "MapDiff", "MapOrPath", "Status", "diff"]

_OPPOSITES = {(Stance.AFFIRMS.value, Stance.DENIES.value)}

MapOrPath: TypeAlias = ArgumentMap | str | os.PathLike[str]


def _as_pair(a: MapOrPath, b: MapOrPath) -> tuple[ArgumentMap, ArgumentMap]:
    """Two maps as given, or read from their files (quotes anchored), the problems of both
    files reported at once."""
    files = [x for x in (a, b) if not isinstance(x, ArgumentMap)]
    read = iter(read_maps(files))
    first = a if isinstance(a, ArgumentMap) else next(read)
    second = b if isinstance(b, ArgumentMap) else next(read)
    return first, second


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

    def __repr__(self) -> str:
        views = ", ".join(f"{side} {use.stance.value}" for side, use in (("A", self.a), ("B", self.b)) if use)
        return f"<ConceptDiff {self.concept}: {self.status.value} ({views})>"


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

    def __repr__(self) -> str:
        views = ", ".join(f"{side} {link.sign.value}" for side, link in (("A", self.a), ("B", self.b)) if link)
        return f"<LinkDiff {self.cause} -> {self.effect}: {self.status.value} ({views})>"


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

    def __repr__(self) -> str:
        return (f"<MapDiff {self.a.key} vs {self.b.key}: {len(self.shared)} shared concepts, "
                f"{len(self.divergences)} divergences>")

    def to_records(self) -> list[dict[str, Any]]:
        """Tidy rows, one per quote, as :meth:`argmap.Comparison.to_records` gives them, each
        with the author's side (A or B) and the status of its concept or link; the keys are
        :data:`argmap.records.DIFF_COLUMNS`. Raises nothing."""
        from argmap.records import diff_records

        return diff_records(self)

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a ``pandas.DataFrame`` (one column per key, in order).

        Raises ``ModuleNotFoundError`` where pandas, an optional extra
        (``pip install 'argmap[pandas]'``), is not installed.
        """
        from argmap.records import DIFF_COLUMNS, diff_records, to_dataframe

        return to_dataframe(diff_records(self), DIFF_COLUMNS)

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


def diff(
    a: MapOrPath,
    b: MapOrPath,
    *,
    vocabulary: Vocabulary | str | os.PathLike[str] | None = None,
    same_text: bool | None = None,
) -> MapDiff:
    """Compare two authors' maps concept by concept and link by link.

    ``a`` and ``b`` are maps or paths of map files (read with their quotes anchored).
    ``vocabulary`` (a vocabulary or its file) defaults to the one the maps name or
    ``concepts.yaml`` beside them; it gives labels, kinds and the order of concepts. Where
    both maps encode the same source text (see :func:`argmap.same_source`; force with
    ``same_text=True``, skip with ``False``), the diff also aligns their nodes, taking ``b``
    as the reference (:func:`argmap.compare_same_text`).

    Raises :class:`~argmap.errors.LoadError` for a map or vocabulary file that cannot be
    read, and :class:`~argmap.errors.QuoteError` where aligning the same text finds a quote
    missing from it.
    """
    a, b = _as_pair(a, b)
    vocabulary = vocabulary_for((a, b), vocabulary)
    pa, pb = project(a, vocabulary), project(b, vocabulary)
    same = None
    if same_text or (same_text is None and same_source(a, b)):
        same = compare_same_text(a, b)
    return _diff_projections(pa, pb, _Catalogue(vocabulary, (pa, pb)), same)
