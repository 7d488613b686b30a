"""Any number of authors compared at once (:func:`compare`): the concept x author and link x
author matrices, what authors agree on, what they dispute, each author's own mixed views, and
every pairwise metric as an author x author matrix.

Two authors' views are compared as in :mod:`argmap.diffing`: stances and signs as sets.
"""

from __future__ import annotations

import itertools
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from argmap import metrics
from argmap.concepts import ConceptKind, Vocabulary
from argmap.diffing import (
    MapDiff,
    MapOrPath,
    Status,
    _Catalogue,
    _compare_sets,
    _diff_projections,
    _sign_set,
    _stance_set,
)
from argmap.errors import MetricError
from argmap.model import ArgumentMap, Sign, Source, Stance
from argmap.pairwise import METRICS, AgreementMatrix, Metric, PairwiseBits
from argmap.projection import AuthorStance, CausalLink, ConceptUse, LinkSign, Projection, project
from argmap.workspace import load_maps, vocabulary_for

__all__ = [
    "METRICS",
    "Comparison",
    "ConceptRow",
    "Consensus",
    "Controversy",
    "LinkRow",
    "Tension",
    "compare",
]


def _as_maps(values: MapOrPath | Iterable[MapOrPath]) -> list[ArgumentMap]:
    """Maps as given; a path to a file or folder (alone or in the list) read with every map in it."""
    if isinstance(values, ArgumentMap | str | os.PathLike):
        values = [values]
    out: list[ArgumentMap] = []
    for value in values:
        out.extend([value] if isinstance(value, ArgumentMap) else load_maps(value))
    return out


@attrs.frozen
class ConceptRow:
    """One concept across authors: each author's use of it, keyed by author key.

    An author who does not invoke the concept has no key in ``by_source``.
    """

    concept: str
    kind: ConceptKind
    label: str
    by_source: Mapping[str, ConceptUse] = attrs.field(hash=False)

    def __repr__(self) -> str:
        n = len(self.by_source)
        return f"<ConceptRow {self.concept} ({self.kind.value}): {n} author{'s' * (n != 1)}>"


@attrs.frozen
class LinkRow:
    """One concept-level causal link across authors, keyed by author key."""

    cause: str
    effect: str
    by_source: Mapping[str, CausalLink] = attrs.field(hash=False)

    def __repr__(self) -> str:
        n = len(self.by_source)
        return f"<LinkRow {self.cause} -> {self.effect}: {n} author{'s' * (n != 1)}>"


def _subject(subject: ConceptRow | LinkRow) -> str:
    """A concept's id, or a link as ``cause -> effect``, for a short repr."""
    return subject.concept if isinstance(subject, ConceptRow) else f"{subject.cause} -> {subject.effect}"


@attrs.frozen
class Consensus:
    """A concept (or link) invoked by at least ``min_authors`` authors, none opposing another.

    For a concept, no author affirms it while another (or the same) denies it; a *qualifies*
    sits with either side. For a link, every author gives it the same sign. A mixed view
    therefore blocks consensus.
    """

    subject: ConceptRow | LinkRow
    sources: tuple[str, ...]

    def __repr__(self) -> str:
        return f"<Consensus {_subject(self.subject)}: {', '.join(self.sources)}>"


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

    def __repr__(self) -> str:
        sides = "; ".join(f"{side} {', '.join(keys)}" for side, keys in self.sides.items())
        return f"<Controversy {_subject(self.subject)}: {sides}>"


@attrs.frozen
class Tension:
    """An author's own mixed view: one concept with several stances, or a link with both signs.

    A link with both signs is often a factor the author says worked in opposite directions
    at different times (two paths through different intermediate nodes); the paths show which.
    """

    source: str
    subject: ConceptUse | CausalLink

    def __repr__(self) -> str:
        what = (self.subject.concept if isinstance(self.subject, ConceptUse)
                else f"{self.subject.cause} -> {self.subject.effect}")
        return f"<Tension {self.source}: {what} held both ways>"


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
    _bits: list[PairwiseBits] = attrs.field(factory=list, init=False, eq=False, repr=False)
    _by_key: dict[str, Projection] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    _catalogue: _Catalogue | None = attrs.field(default=None, eq=False, repr=False, alias="catalogue")

    def __repr__(self) -> str:
        return (f"<Comparison of {len(self.projections)} authors: {len(self.concepts)} concepts, "
                f"{len(self.links)} causal links, {len(self.controversies)} controversies>")

    def to_records(self) -> list[dict[str, Any]]:
        """Tidy rows, one per quote: who (source key, display name) says what about which
        concept or causal link (stance or sign, period), through which node, in which words
        (quote, start and end offsets in characters); the keys are
        :data:`argmap.records.COLUMNS`. Raises nothing."""
        from argmap.records import comparison_records

        return comparison_records(self)

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a ``pandas.DataFrame`` (one column per key, in order).

        Raises ``ModuleNotFoundError`` where pandas, an optional extra
        (``pip install 'argmap[pandas]'``), is not installed.
        """
        from argmap.records import COLUMNS, comparison_records, to_dataframe

        return to_dataframe(comparison_records(self), COLUMNS)

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
            self._bits.append(PairwiseBits(self.projections))
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
    maps: MapOrPath | Iterable[MapOrPath],
    *,
    vocabulary: Vocabulary | str | os.PathLike[str] | None = None,
    min_authors: int = 2,
) -> Comparison:
    """Compare any number of authors' maps at the level of the shared concepts.

    ``maps`` are maps, paths of map files or folders (every map under a folder, as
    :func:`argmap.load_maps` reads them), or one such path: ``compare("maps/")``.
    ``vocabulary`` (a vocabulary or its file) defaults to the one the first map names or
    ``concepts.yaml`` beside it. ``min_authors`` is the *k* of the consensus: how many
    authors must invoke a concept (or assert a link) for it to count. Authors are keyed by
    source id; where several maps encode the same source, by ``id/map-file-stem``.

    Raises :class:`~argmap.errors.MetricError` for ``min_authors`` below 1,
    :class:`~argmap.errors.PathError` for a path that names no map, and
    :class:`~argmap.errors.LoadError` listing every problem of the files that cannot be read.
    """
    if min_authors < 1:
        raise MetricError(f"min_authors must be at least 1, got {min_authors}")
    maps = _as_maps(maps)
    vocabulary = vocabulary_for(maps, vocabulary)
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
