"""Any number of authors compared at once (:func:`compare`): the concept x author and link x
author matrices, what authors agree on, partly agree on, dispute, each author's own mixed
views and changes over time, and every pairwise metric as an author x author matrix.

Two authors' views are compared as in :mod:`argmap.diffing`: in each period the claims are
about (:mod:`argmap.periods`), stances and signs as sets.
"""

from __future__ import annotations

import itertools
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from argmap import metrics
from argmap.concepts import ConceptKind, Period, Vocabulary
from argmap.diffing import (
    MapDiff,
    MapFacts,
    MapOrPath,
    Status,
    _Catalogue,
    _compare_sets,
    _diff_projections,
    _sign_set,
    _stance_set,
    aspects_conflict,
    facts_warnings,
    fine_concepts,
    stance_warnings,
)
from argmap.errors import LoadError, MetricError, Problem
from argmap.model import ArgumentMap, Sign, Source, Stance
from argmap.pairwise import METRICS, AgreementMatrix, Metric, PairwiseBits, _unknown_author
from argmap.periods import Change, Tension, Timeline, changes, drop_repeats, periods_compared, tensions
from argmap.projected import read_projected
from argmap.projection import CausalLink, ConceptUse, Level, Projection, check_level, project
from argmap.workspace import _Bar, load_corpus, vocabulary_for

__all__ = [
    "METRICS",
    "Change",
    "Comparison",
    "ConceptRow",
    "Consensus",
    "Controversy",
    "LinkRow",
    "PartialAgreement",
    "SharedConcept",
    "Tension",
    "compare",
]


@attrs.frozen
class ConceptRow:
    """One concept in one period across authors: each author's use of it, keyed by author key.

    In the concept x author matrix (:attr:`Comparison.concepts`) ``period`` is the period the
    uses are dated to (None: undated). As the subject of a consensus, controversy or other
    finding, it is the period compared in, and each use pools the author's claims that meet
    it (an undated claim meets every period). An author who does not invoke the concept
    there has no key in ``by_source``.
    """

    concept: str
    kind: ConceptKind
    label: str
    by_source: Mapping[str, ConceptUse] = attrs.field(hash=False)
    period: str | None = None

    def __repr__(self) -> str:
        n = len(self.by_source)
        return f"<ConceptRow {self.concept} ({self.kind.value}): {n} author{'s' * (n != 1)}>"


@attrs.frozen
class LinkRow:
    """One concept-level causal link in one period across authors, keyed by author key
    (``period`` as for :class:`ConceptRow`)."""

    cause: str
    effect: str
    by_source: Mapping[str, CausalLink] = attrs.field(hash=False)
    period: str | None = None

    def __repr__(self) -> str:
        n = len(self.by_source)
        return f"<LinkRow {self.cause} -> {self.effect}: {n} author{'s' * (n != 1)}>"


def _subject(subject: ConceptRow | LinkRow) -> str:
    """A concept's id, or a link as ``cause -> effect``, for a short repr."""
    return subject.concept if isinstance(subject, ConceptRow) else f"{subject.cause} -> {subject.effect}"


@attrs.frozen
class Consensus:
    """A concept (or link) on which at least ``min_authors`` authors hold the very same view
    in one period: every author who takes a stance on the concept there takes the same one
    (or every author who asserts the link gives it the same sign), and none holds a mixed
    view. Authors who merely mention a concept are not part of a consensus (see
    :class:`SharedConcept`); ``affirms`` against ``qualifies`` is a :class:`PartialAgreement`.
    """

    subject: ConceptRow | LinkRow
    sources: tuple[str, ...]

    def __repr__(self) -> str:
        return f"<Consensus {_subject(self.subject)}: {', '.join(self.sources)}>"


@attrs.frozen
class Controversy:
    """A proposition some authors affirm and others deny, or a link with opposite signs, in
    claims about overlapping periods.

    It takes two authors whose views conflict as in a diff: one affirms (or gives ``+``) and
    the other denies (``-``), neither holding both. Authors who share the same mixed view do
    not make a controversy; their views are listed as :class:`Tension`. ``sides`` maps each
    stance (or sign) to the authors who hold it; a mixed view appears on each of its sides.
    """

    subject: ConceptRow | LinkRow
    sides: Mapping[str, tuple[str, ...]] = attrs.field(hash=False)

    @property
    def views(self) -> dict[str, tuple[str, ...]]:
        """Each author once: ``sides`` with the authors who hold several of them moved to a
        side of their own, ``mixed`` (last), as a reader should see them."""
        return _views(self.sides)

    def __repr__(self) -> str:
        sides = "; ".join(f"{side} {', '.join(keys)}" for side, keys in self.views.items())
        return f"<Controversy {_subject(self.subject)}: {sides}>"


@attrs.frozen
class PartialAgreement:
    """A concept (or link) on which at least two authors (and ``min_authors``) take stances
    in one period that differ without opposing: ``affirms`` against ``qualifies``, or a
    mixed view against one of its sides. Neither a consensus nor a controversy. ``sides`` as
    for :class:`Controversy`."""

    subject: ConceptRow | LinkRow
    sides: Mapping[str, tuple[str, ...]] = attrs.field(hash=False)

    @property
    def views(self) -> dict[str, tuple[str, ...]]:
        """Each author once, as for :attr:`Controversy.views`."""
        return _views(self.sides)

    def __repr__(self) -> str:
        sides = "; ".join(f"{side} {', '.join(keys)}" for side, keys in self.views.items())
        return f"<PartialAgreement {_subject(self.subject)}: {sides}>"


def _views(sides: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """``sides`` with every author who appears on more than one side under ``mixed`` instead."""
    counts = Counter(k for keys in sides.values() for k in keys)
    out = {side: kept for side, keys in sides.items() if (kept := tuple(k for k in keys if counts[k] == 1))}
    mixed = tuple(dict.fromkeys(k for keys in sides.values() for k in keys if counts[k] > 1))
    if mixed:
        out["mixed"] = mixed
    return out


@attrs.frozen
class SharedConcept:
    """A concept at least ``min_authors`` authors invoke in one period without any of them
    taking a stance on it (factors, the outcome): a shared concept, never a consensus."""

    subject: ConceptRow
    sources: tuple[str, ...]

    def __repr__(self) -> str:
        return f"<SharedConcept {_subject(self.subject)}: {', '.join(self.sources)}>"


@attrs.frozen
class Comparison:
    """Several authors compared at once.

    ``concepts`` is the concept x author matrix (one :class:`ConceptRow` per concept and
    period any author uses, in vocabulary order, undated first), ``links`` the same for
    causal links. Claims are compared in each period they are about (claims about periods
    that do not overlap never agree or conflict): ``consensus`` lists what at least
    ``min_authors`` authors hold alike, ``partial_agreements`` what they take differently
    without opposing, ``shared_concepts`` what they invoke without a stance,
    ``controversies`` what some affirm and others deny (or link with opposite signs),
    ``tensions`` each author's own mixed views within a period and ``changes`` each
    author's changes of view between periods. ``level`` is the level of the concept
    hierarchy; ``warnings`` (one sentence each) say what makes the comparison less sure
    (vocabularies that differ or lack what the maps use, maps that link nothing or break the
    vocabulary's stance rules); ``skipped`` lists the map files left out with ``keep_going``,
    each as ``(path, problems)`` (:class:`~argmap.errors.Problem` with path, line, column and
    hint). Every pair's
    :class:`MapDiff` is built on demand (:meth:`pair`, :meth:`pairs`), and any pairwise
    metric as an author x author matrix (:meth:`matrix`), so that a comparison of many maps
    stays cheap.
    """

    projections: tuple[Projection, ...]
    concepts: tuple[ConceptRow, ...]
    links: tuple[LinkRow, ...]
    consensus: tuple[Consensus, ...]
    controversies: tuple[Controversy, ...]
    tensions: tuple[Tension, ...]
    min_authors: int
    vocabulary: Vocabulary | None = attrs.field(default=None, eq=False, repr=False)
    partial_agreements: tuple[PartialAgreement, ...] = attrs.field(default=(), kw_only=True)
    shared_concepts: tuple[SharedConcept, ...] = attrs.field(default=(), kw_only=True)
    changes: tuple[Change, ...] = attrs.field(default=(), kw_only=True)
    level: Level = attrs.field(default="fine", kw_only=True)
    warnings: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    #: The map files left out because they did not load (``keep_going``), each with its problems.
    skipped: tuple[tuple[Path, tuple[Problem, ...]], ...] = attrs.field(default=(), kw_only=True, eq=False)
    _diffs: dict[tuple[str, str], MapDiff] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    _matrices: dict[tuple[str, str], AgreementMatrix] = attrs.field(
        factory=dict, init=False, eq=False, repr=False)
    _bits: list[PairwiseBits] = attrs.field(factory=list, init=False, eq=False, repr=False)
    _by_key: dict[str, Projection] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    _index: dict[str, int] = attrs.field(factory=dict, init=False, eq=False, repr=False)
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

    @property
    def timeline(self) -> Timeline:
        """The vocabulary's periods: their order, overlaps and names."""
        return self._cat().timeline

    @property
    def periods(self) -> tuple[Period, ...]:
        """The vocabulary periods the claims compared are dated to, in time order."""
        return self.timeline.used([*(r.period for r in self.concepts), *(k.period for k in self.links)])

    def _cat(self) -> _Catalogue:
        if self._catalogue is None:
            object.__setattr__(self, "_catalogue", _Catalogue(self.vocabulary, self.projections))
        assert self._catalogue is not None
        return self._catalogue

    def projection(self, key: str) -> Projection:
        """The projection of one author; ``KeyError`` for an unknown key (the message names
        some of the keys)."""
        if not self._by_key:
            self._by_key.update((p.key, p) for p in self.projections)
        try:
            return self._by_key[key]
        except KeyError:
            raise KeyError(_unknown_author(key, self.keys)) from None

    def pair(self, a: str, b: str) -> MapDiff:
        """The diff of two authors, by key (computed once, then kept). ``KeyError`` for an
        unknown key."""
        if (a, b) not in self._diffs:
            if (b, a) in self._diffs:
                return self._diffs[b, a].swapped()
            pa, pb = self.projection(a), self.projection(b)
            self._diffs[a, b] = _diff_projections(pa, pb, self._cat())
        return self._diffs[a, b]

    def pairs(self) -> Iterator[MapDiff]:
        """Every pair's diff, each pair once, in the order the maps were given."""
        for a, b in itertools.combinations(self.keys, 2):
            yield self.pair(a, b)

    def matrix(self, metric: Metric, *, normalization: metrics.Normalization = "none") -> AgreementMatrix:
        """An author x author matrix of one metric: ``jaccard``, ``distance_ratio``,
        ``congruence`` or ``conflict`` (the last two with a DNA ``normalization``: ``none``,
        ``average`` or ``jaccard``). Values equal those of :class:`MapDiff` and
        :mod:`argmap.metrics`; the diagonal compares each author with themselves. Made once,
        then kept: 8 bytes a pair (10,000 authors: 400 MB). Raises
        :class:`~argmap.errors.MetricError` for an unknown metric or normalization."""
        normalization = _checked_metric(metric, normalization)
        cached = self._matrices.get((metric, normalization))
        if cached is not None:
            return cached
        result = AgreementMatrix(metric, normalization, self.keys, self._pairwise().matrix(metric, normalization))
        self._matrices[metric, normalization] = result
        return result

    def metric(self, metric: Metric, a: str, b: str, *, normalization: metrics.Normalization = "none") -> float:
        """One pairwise metric of two authors, by key: ``c.matrix(metric)[a, b]``, without
        making the matrix where it has not been made. A corpus report that shows each of N
        authors' nearest pair needs N values, not the N(N-1)/2 of a matrix (10,000 authors:
        400 MB and seconds a metric). The value is the matrix's, bit for bit.

        Raises :class:`~argmap.errors.MetricError` for an unknown metric or normalization, and
        ``KeyError`` for an unknown key (the message names some of the keys).
        """
        normalization = _checked_metric(metric, normalization)
        cached = self._matrices.get((metric, normalization))
        if cached is not None:
            return cached[a, b]
        if not self._index:
            self._index.update((k, i) for i, k in enumerate(self.keys))
        for key in (a, b):
            if key not in self._index:
                raise KeyError(_unknown_author(key, self.keys))
        return float(self._pairwise().pair_function(metric, normalization)(self._index[a], self._index[b]))

    def _pairwise(self) -> PairwiseBits:
        """The authors' bit sets for the metrics, made once."""
        if not self._bits:
            self._bits.append(PairwiseBits(self.projections))
        return self._bits[0]


def _checked_metric(metric: str, normalization: str) -> metrics.Normalization:
    """The normalization a metric takes (``none`` for Jaccard and the distance ratio, which
    have none). Raises :class:`~argmap.errors.MetricError` for an unknown metric or
    normalization."""
    if metric not in METRICS:
        raise MetricError(f"unknown metric {metric!r}; choose one of {', '.join(METRICS)}")
    if normalization not in metrics.NORMALIZATIONS:
        raise MetricError(f"normalization must be one of {', '.join(metrics.NORMALIZATIONS)}; "
                          f"got {normalization!r}")
    return "none" if metric in ("jaccard", "distance_ratio") else normalization


def _unique_keys(named: Sequence[tuple[str, Path | None]]) -> list[str]:
    """Each author's key from their maps' (source id, path) pairs: the source id, made unique
    by the map file's stem where several maps encode one source, and by a count after that."""
    counts: defaultdict[str, int] = defaultdict(int)
    for source_id, _path in named:
        counts[source_id] += 1
    keys: list[str] = []
    taken: set[str] = set()
    for source_id, path in named:
        key = source_id
        if counts[key] > 1 and path is not None:
            key = f"{key}/{path.stem}"
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


_Finding = Consensus | Controversy | PartialAgreement | SharedConcept
_Ids = frozenset[tuple[str, str | None]]


def _concept_findings(row: ConceptRow, k: int) -> _Finding | None:
    """What one concept in one period is: a controversy, a partial agreement, a consensus,
    a shared concept, or nothing to report."""
    if _opposed((_stance_set(u) for u in row.by_source.values()), ("affirms", "denies")):
        return Controversy(row, _sides(row))
    takers = {key: u for key, u in row.by_source.items() if u.stances}
    views = {frozenset(u.stances) for u in takers.values()}
    if len(views) > 1 and len(takers) >= max(2, k):
        return PartialAgreement(row, _sides(row))
    if len(views) == 1 and len(next(iter(views))) == 1 and len(takers) >= k:
        return Consensus(attrs.evolve(row, by_source=takers), tuple(takers))
    if not takers and len(row.by_source) >= k:
        return SharedConcept(row, tuple(row.by_source))
    return None


def _link_findings(row: LinkRow, k: int, aspects: _Aspects | None = None) -> _Finding | None:
    """What one link in one period is: a controversy, a partial agreement, a consensus or nothing.

    With ``aspects`` (at the broad level), opposite signs make a controversy only where two
    authors are opposed about one subject (:func:`argmap.diffing.aspects_conflict`); opposite
    signs on different narrower concepts make a partial agreement."""
    views = [_sign_set(link) for link in row.by_source.values()]
    if _opposed(views, ("+", "-")) and (aspects is None or aspects.opposed(row)):
        return Controversy(row, _link_sides(row))
    if len(set(views)) > 1 and len(views) >= max(2, k):
        return PartialAgreement(row, _link_sides(row))
    if len(set(views)) == 1 and len(views[0]) == 1 and len(views) >= k:
        return Consensus(row, tuple(row.by_source))
    return None


class _Aspects:
    """What a broad-level comparison needs to tell a disagreement from different aspects: each
    author's narrower concepts by node, and the vocabulary's hierarchy."""

    def __init__(self, projections: Sequence[Projection], vocabulary: Vocabulary | None) -> None:
        self.fine = {p.key: fine_concepts(p) for p in projections}
        self.vocabulary = vocabulary

    def opposed(self, row: LinkRow) -> bool:
        """Whether two authors of the row, opposed by their signs, are opposed about one subject."""
        return any(
            _compare_sets(_sign_set(x), _sign_set(y), ("+", "-")) is Status.CONFLICT
            and aspects_conflict(x, y, self.fine[kx], self.fine[ky], self.vocabulary)
            for (kx, x), (ky, y) in itertools.combinations(row.by_source.items(), 2))


def _findings(projections: Sequence[Projection], catalogue: _Catalogue, k: int) -> list[_Finding]:
    """Every concept and link compared in each period its claims are about, each finding
    once (one that lies within a larger one of the same sort is dropped)."""
    timeline = catalogue.timeline
    uses: dict[str, dict[str, tuple[ConceptUse, ...]]] = defaultdict(dict)
    links: dict[tuple[str, str], dict[str, tuple[CausalLink, ...]]] = defaultdict(dict)
    for p in projections:
        for cid in p.concept_order:
            uses[cid][p.key] = p.uses(cid)
        for pair in p.link_order:
            links[pair][p.key] = p.links_between(*pair)
    out: list[_Finding] = []
    for cid in catalogue.sort_concepts(uses):
        found: list[tuple[_Finding, _Ids]] = []
        for period, views, ids in periods_compared(uses[cid], timeline):
            finding = _concept_findings(ConceptRow(cid, catalogue.kind(cid), catalogue.label(cid), views, period), k)
            if finding is not None:
                found.append((finding, ids))
        out += drop_repeats(found, _same_sort)
    aspects = _Aspects(projections, catalogue.vocabulary) if any(p.level == "broad" for p in projections) else None
    for cause, effect in catalogue.sort_links(links):
        found = []
        for period, pooled, ids in periods_compared(links[cause, effect], timeline):
            finding = _link_findings(LinkRow(cause, effect, pooled, period), k, aspects)
            if finding is not None:
                found.append((finding, ids))
        out += drop_repeats(found, _same_sort)
    return out


def _same_sort(x: _Finding, y: _Finding) -> bool:
    return type(x) is type(y)


def compare(
    maps: MapOrPath | Iterable[MapOrPath],
    *,
    vocabulary: Vocabulary | str | os.PathLike[str] | None = None,
    min_authors: int = 2,
    level: Level = "fine",
    keep_going: bool = False,
    progress: bool = False,
    jobs: int = 1,
) -> Comparison:
    """Compare any number of authors' maps at the level of the shared concepts.

    ``maps`` are maps, paths of map files or folders (every map under a folder, as
    :func:`argmap.load_maps` reads them), or one such path: ``compare("maps/")``.
    ``vocabulary`` (a vocabulary or its file) defaults to the one the first map names or
    ``concepts.yaml`` beside it. ``min_authors`` is the *k* of the consensus (and of partial
    agreements and shared concepts): how many authors must hold a view for it to count.
    ``level`` is ``fine`` (the concepts as linked) or ``broad`` (each rolled up to its top
    concept in the vocabulary). Authors are keyed by source id; where several maps encode
    the same source, by ``id/map-file-stem``.

    Map files are read as their projections, through the cache of projections
    (:mod:`argmap.projected`): a comparison run again on a corpus that did not change
    builds no map. ``keep_going`` leaves out map files that do not load and lists them in
    :attr:`Comparison.skipped`; ``progress`` shows a progress bar on a terminal (then a
    line while the authors are compared) and
    ``jobs`` reads maps not in the cache in that many processes (0: one per core), as for
    :func:`argmap.load_corpus` (spawned processes: a script that calls this with ``jobs``
    other than 1 at its top level needs ``if __name__ == "__main__":``).

    Raises :class:`~argmap.errors.MetricError` for ``min_authors`` below 1 or an unknown
    ``level``, :class:`~argmap.errors.PathError` for a path that names no map, and
    :class:`~argmap.errors.LoadError` listing every problem of the files that cannot be read
    (with ``keep_going``, only where no map loads).
    """
    if min_authors < 1:
        raise MetricError(f"min_authors must be at least 1, got {min_authors}")
    level = check_level(level)
    values: list[MapOrPath] = [maps] if isinstance(maps, ArgumentMap | str | os.PathLike) else list(maps)
    failed: list[tuple[Path, tuple[Problem, ...]]] = []
    if values and not any(isinstance(v, ArgumentMap) for v in values):
        found, projected, failed = read_projected(values, vocabulary, level=level,  # type: ignore[arg-type]
                                                  progress=progress, jobs=jobs)
        _check_failed(failed, keep_going, bool(projected))
        vocabulary = found
        projections = [p.projection for p in projected]
        facts = [p.facts for p in projected]
    else:
        loaded: list[ArgumentMap] = []
        for value in values:
            if isinstance(value, ArgumentMap):
                loaded.append(value)
            else:
                corpus = load_corpus(value, progress=progress, jobs=jobs)
                loaded.extend(corpus.maps)
                failed.extend(corpus.failed)
        _check_failed(failed, keep_going, bool(loaded))
        vocabulary = vocabulary_for(loaded, vocabulary)
        projections = [project(m, vocabulary, level=level) for m in loaded]
        facts = [MapFacts.of(m) for m in loaded]
    keys = _unique_keys([(p.source.id, p.path) for p in projections])
    projections = [p if p.key == key else p.with_key(key) for p, key in zip(projections, keys, strict=True)]
    status = _Bar(None, progress and len(projections) > 1, f"comparing {len(projections):,} authors", status=True)
    try:
        return _compared(tuple(projections), facts, keys, vocabulary, min_authors, level, tuple(failed))
    finally:
        status.close()


def _check_failed(failed: list[tuple[Path, tuple[Problem, ...]]], keep_going: bool, any_loaded: bool) -> None:
    """Raise :class:`~argmap.errors.LoadError` listing every problem of the files that did not
    load, unless ``keep_going`` and some map did."""
    if failed and (not keep_going or not any_loaded):
        raise LoadError([p for _path, problems in failed for p in problems])


def _compared(projections: tuple[Projection, ...], facts: Sequence[MapFacts], keys: Sequence[str],
              vocabulary: Vocabulary | None, min_authors: int, level: Level,
              skipped: tuple[tuple[Path, tuple[Problem, ...]], ...]) -> Comparison:
    """The comparison of authors' projections (keyed), with each map's facts for the warnings."""
    catalogue = _Catalogue(vocabulary, projections)
    timeline = catalogue.timeline
    uses: dict[tuple[str, str | None], dict[str, ConceptUse]] = defaultdict(dict)
    links: dict[tuple[str, str, str | None], dict[str, CausalLink]] = defaultdict(dict)
    for p in projections:
        for use in p.concepts:
            uses[use.concept, use.period][p.key] = use
        for link in p.links:
            links[link.cause, link.effect, link.period][p.key] = link
    rows = tuple(ConceptRow(cid, catalogue.kind(cid), catalogue.label(cid), uses[cid, period], period)
                 for cid, period in sorted(uses, key=lambda x: (catalogue.order(x[0]), timeline.order(x[1]))))
    link_rows = tuple(LinkRow(cause, effect, links[cause, effect, period], period)
                      for cause, effect, period in sorted(
                          links, key=lambda x: (catalogue.order(x[0]), catalogue.order(x[1]), timeline.order(x[2]))))
    findings = _findings(projections, catalogue, min_authors)
    return Comparison(
        projections, rows, link_rows,
        tuple(f for f in findings if isinstance(f, Consensus)),
        tuple(f for f in findings if isinstance(f, Controversy)),
        tuple(t for p in projections for t in tensions(p, timeline)),
        min_authors, vocabulary,
        partial_agreements=tuple(f for f in findings if isinstance(f, PartialAgreement)),
        shared_concepts=tuple(f for f in findings if isinstance(f, SharedConcept)),
        changes=tuple(ch for p in projections for ch in changes(p, timeline)),
        level=level, warnings=(*facts_warnings(facts, keys, vocabulary), *stance_warnings(projections, vocabulary)),
        catalogue=catalogue,
        skipped=skipped,
    )
