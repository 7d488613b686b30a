"""Two authors compared: where they agree and diverge, concept by concept and causal link by
causal link (:func:`diff`).

Both maps are first projected onto the shared concepts (:mod:`argmap.projection`). Claims are
compared in each period they are about (:mod:`argmap.periods`): claims about periods that do
not overlap never agree or conflict. Stances and signs are compared as sets, so that a mixed
view is neither hidden nor forced to one side (see :class:`Status`). Where two maps encode
the same source text (a student's map and a reference map), the diff also aligns their nodes
by quote offsets (:mod:`argmap.alignment`).
"""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeAlias, TypeVar

import attrs

from argmap import metrics
from argmap.alignment import SameTextComparison, compare_same_text
from argmap.concepts import ConceptKind, Vocabulary
from argmap.files import sha256
from argmap.model import ArgumentMap, Stance
from argmap.periods import Change, Tension, Timeline, changes, drop_repeats, periods_compared, tensions
from argmap.projection import CausalLink, ConceptUse, Level, Projection, check_level, project
from argmap.workspace import read_maps, same_source, vocabulary_file, vocabulary_for

__all__ = ["ConceptDiff", "DiffItem", "LinkDiff", "MapDiff", "MapOrPath", "Status", "diff", "vocabulary_warnings"]

_OPPOSITES = {(Stance.AFFIRMS.value, Stance.DENIES.value)}

MapOrPath: TypeAlias = ArgumentMap | str | os.PathLike[str]
T = TypeVar("T", ConceptUse, CausalLink)


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


def fine_concepts(p: Projection) -> dict[str, str]:
    """Each node's concept as its map links it (at the broad level, the narrower concept its
    use was rolled up from), by node id."""
    return {m.node: m.concept for u in p.concepts for m in u.mentions if m.concept is not None}


def aspects_conflict(a: CausalLink, b: CausalLink, fine_a: Mapping[str, str], fine_b: Mapping[str, str],
                     vocabulary: Vocabulary | None) -> bool:
    """Whether two links with opposite signs at the broad level are opposed about one subject:
    a path of each, with opposite signs, between concepts that are the same or one narrower
    than the other (SKOS broader). Opposite signs on different narrower concepts (bipolarity
    hinders, the Sino-Soviet split helps) are different aspects of the broad concept, not a
    disagreement. ``fine_a`` and ``fine_b`` are :func:`fine_concepts` of the two authors."""
    def related(x: str, y: str) -> bool:
        return x == y or (vocabulary is not None and (x in vocabulary.ancestors(y) or y in vocabulary.ancestors(x)))

    def aspects(link: CausalLink, fine: Mapping[str, str]) -> set[tuple[str, str, str]]:
        return {(fine.get(path.nodes[0], link.cause), fine.get(path.nodes[-1], link.effect), path.sign.value)
                for path in link.paths}

    return any(sa != sb and related(ca, cb) and related(ea, eb)
               for ca, ea, sa in aspects(a, fine_a) for cb, eb, sb in aspects(b, fine_b))


def _stance_set(use: ConceptUse) -> frozenset[str]:
    return use.qualifiers  # a mere mention compares as {"mentions"}: agrees with a mention only


def _sign_set(link: CausalLink) -> frozenset[str]:
    return frozenset(s.value for s in link.signs)


@attrs.frozen
class ConceptDiff:
    """One concept in a two-author diff, in one period: each author's use of it there (None
    if silent about that period), and how the two stand (:class:`Status`). ``period`` is the
    period compared in (None: the undated claims); each use pools the author's claims that
    meet it (an undated claim meets every period), each mention keeping its own period."""

    concept: str
    kind: ConceptKind
    label: str
    a: ConceptUse | None
    b: ConceptUse | None
    status: Status
    period: str | None = None

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
    """One concept-level causal link in a two-author diff, in one period (as for
    :class:`ConceptDiff`).

    ``divergent`` is true for opposite signs, and for a link one author asserts between two
    concepts that the other author also uses without linking them in any period.
    """

    cause: str
    effect: str
    a: CausalLink | None
    b: CausalLink | None
    status: Status
    divergent: bool
    period: str | None = None

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
    order, once per period they are compared in (see :class:`ConceptDiff`), each with a
    :class:`Status` (``agree``, ``partial``, ``conflict``, ``only-a``, ``only-b``) that
    renderers can colour. The metrics are those of :mod:`argmap.metrics`, over each map as a
    whole (periods pooled): Jaccard similarity of the concept sets, the distance ratio of the
    concept-level causal maps (strengths +1/-1, 0 for a link with both signs, ``max_strength``
    1), and DNA congruence and conflict counts (stances as qualifiers, ``mentions`` for a
    factor without one). ``level`` is the level of the concept hierarchy compared at;
    ``warnings`` say what makes the comparison less sure (the maps name different
    vocabularies, or the vocabulary lacks concepts or periods they use).
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
    level: Level = attrs.field(default="fine", kw_only=True)
    warnings: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    timeline: Timeline = attrs.field(factory=Timeline, kw_only=True, eq=False, repr=False)

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

    def _concept_ids(self, a: bool, b: bool) -> tuple[str, ...]:
        ids = self.a.concept_ids, self.b.concept_ids
        return tuple(dict.fromkeys(c.concept for c in self.concepts
                                   if (c.concept in ids[0]) is a and (c.concept in ids[1]) is b))

    @property
    def shared(self) -> tuple[str, ...]:
        """Concepts both authors use (in any period), as Jaccard counts them."""
        return self._concept_ids(True, True)

    @property
    def only_a(self) -> tuple[str, ...]:
        """Concepts only author a uses."""
        return self._concept_ids(True, False)

    @property
    def only_b(self) -> tuple[str, ...]:
        """Concepts only author b uses."""
        return self._concept_ids(False, True)

    @property
    def tensions(self) -> tuple[Tension, ...]:
        """Each author's own mixed views within one period (author a's first)."""
        return (*tensions(self.a, self.timeline), *tensions(self.b, self.timeline))

    @property
    def changes(self) -> tuple[Change, ...]:
        """Each author's changes of view between periods (author a's first)."""
        return (*changes(self.a, self.timeline), *changes(self.b, self.timeline))

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

    def concept(self, concept_id: str, period: str | None = None) -> ConceptDiff | None:
        """The comparison of one concept in one period (None: the undated claims), or None
        where it is not compared there."""
        return next((c for c in self.concepts if (c.concept, c.period) == (concept_id, period)), None)

    def link(self, cause: str, effect: str, period: str | None = None) -> LinkDiff | None:
        """The comparison of one causal link in one period, or None where it is not compared there."""
        return next((k for k in self.links if (k.cause, k.effect, k.period) == (cause, effect, period)), None)

    def swapped(self) -> MapDiff:
        """The same diff with the authors exchanged: ``diff(b, a) == diff(a, b).swapped()``."""
        return MapDiff(
            self.b, self.a,
            tuple(c.swapped() for c in self.concepts), tuple(k.swapped() for k in self.links),
            self.jaccard, self.distance_ratio, self.congruence, self.conflict,
            self.same_text.swapped() if self.same_text is not None else None,
            level=self.level, warnings=self.warnings, timeline=self.timeline,
        )


class _Catalogue:
    """Concept labels, kinds and a stable order, from the vocabulary where it knows them."""

    def __init__(self, vocabulary: Vocabulary | None, projections: Iterable[Projection]) -> None:
        self.vocabulary = vocabulary
        self.timeline = Timeline(vocabulary)
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


def _status(a: frozenset[str] | None, b: frozenset[str] | None, opposite: tuple[str, str]) -> Status:
    if a is None or b is None:
        return Status.ONLY_B if a is None else Status.ONLY_A
    return _compare_sets(a, b, opposite)


_Compared: TypeAlias = list[tuple[str | None, dict[str, T], frozenset[tuple[str, str | None]]]]


def _single(x: Sequence[T]) -> bool:
    """Whether an author makes at most one claim on a subject, undated: the common case."""
    return not x or (len(x) == 1 and x[0].period is None)


def _diff_projections(a: Projection, b: Projection, catalogue: _Catalogue,
                      same_text: SameTextComparison | None = None, warnings: Sequence[str] = ()) -> MapDiff:
    timeline = catalogue.timeline
    concepts: list[ConceptDiff] = []
    for cid in catalogue.sort_concepts(a.concept_ids | b.concept_ids):
        kind, label = catalogue.kind(cid), catalogue.label(cid)
        xa, xb = a.uses(cid), b.uses(cid)
        compared: _Compared[ConceptUse]
        if _single(xa) and _single(xb):
            compared = [(None, {side: x[0] for side, x in (("a", xa), ("b", xb)) if x}, frozenset())]
        else:
            compared = periods_compared({side: x for side, x in (("a", xa), ("b", xb)) if x}, timeline)
        found: list[tuple[ConceptDiff, frozenset[tuple[str, str | None]]]] = []
        for period, views, ids in compared:
            ua, ub = views.get("a"), views.get("b")
            status = _status(_stance_set(ua) if ua else None, _stance_set(ub) if ub else None,
                             ("affirms", "denies"))
            found.append((ConceptDiff(cid, kind, label, ua, ub, status, period), ids))
        concepts += drop_repeats(found, _same_status)
    links: list[LinkDiff] = []
    fine = (fine_concepts(a), fine_concepts(b)) if a.level == "broad" else None  # once per diff
    for cause, effect in catalogue.sort_links([*a.link_order, *b.link_order]):
        ka, kb = a.links_between(cause, effect), b.links_between(cause, effect)
        compared_k: _Compared[CausalLink]
        if _single(ka) and _single(kb):
            compared_k = [(None, {side: x[0] for side, x in (("a", ka), ("b", kb)) if x}, frozenset())]
        else:
            compared_k = periods_compared({side: x for side, x in (("a", ka), ("b", kb)) if x}, timeline)
        found_k: list[tuple[LinkDiff, frozenset[tuple[str, str | None]]]] = []
        for period, pooled, ids in compared_k:
            la, lb = pooled.get("a"), pooled.get("b")
            status = _status(_sign_set(la) if la else None, _sign_set(lb) if lb else None, ("+", "-"))
            if (status is Status.CONFLICT and fine is not None and la is not None and lb is not None
                    and not aspects_conflict(la, lb, *fine, catalogue.vocabulary)):
                status = Status.PARTIAL  # opposite signs on different narrower concepts: other aspects
            if la is not None and lb is not None:
                divergent = status is Status.CONFLICT
            else:
                other = a if la is None else b
                divergent = (cause in other.concept_ids and effect in other.concept_ids
                             and not other.links_between(cause, effect))
            found_k.append((LinkDiff(cause, effect, la, lb, status, divergent, period), ids))
        links += drop_repeats(found_k, _same_status)
    return MapDiff(a, b, tuple(concepts), tuple(links), *_pair_metrics(a, b), same_text=same_text,
                   level=a.level, warnings=tuple(warnings), timeline=timeline)


def _same_status(x: ConceptDiff | LinkDiff, y: ConceptDiff | LinkDiff) -> bool:
    return x.status is y.status


def _content_id(path: Path) -> str:
    """What identifies a vocabulary file's content: its SHA-256, or its path where it cannot be read."""
    try:
        return sha256(path).hex()
    except OSError:
        return os.path.normpath(path.absolute())


@attrs.frozen
class MapFacts:
    """What :func:`vocabulary_warnings` reads from one map, so that a comparison of maps read
    as projections (:mod:`argmap.projected`) can warn without the maps: the file (``path``)
    and its ``vocabulary:`` key, which say which vocabulary file it uses; the concepts its
    nodes link and the periods its nodes and edges name, each once, in first-use order."""

    path: Path | None
    vocabulary: str | None
    concepts: tuple[str, ...]
    periods: tuple[str, ...]

    @classmethod
    def of(cls, amap: ArgumentMap) -> MapFacts:
        """The facts of a loaded map."""
        periods = (*(n.period for n in amap.nodes), *(e.period for e in amap.edges))
        return cls(amap.path, amap.vocabulary, amap.concepts,
                   tuple(dict.fromkeys(p for p in periods if p is not None)))


def vocabulary_warnings(maps: Sequence[ArgumentMap], keys: Sequence[str], vocabulary: Vocabulary | None) -> list[str]:
    """What makes a comparison of these maps less sure: the maps name vocabulary files with
    different contents, the vocabulary lacks concepts or periods the maps use, or maps link
    no concept at all (nothing to compare, whatever the metrics say). Reads the
    vocabulary files the maps name (a file that cannot be read is told apart by its path)."""
    return facts_warnings([MapFacts.of(m) for m in maps], keys, vocabulary)


def stance_warnings(projections: Sequence[Projection], vocabulary: Vocabulary | None) -> list[str]:
    """What the vocabulary's stance rules say of the maps compared, which a comparison does not
    check itself (``argmap validate`` reports them node by node): a stance on a concept that
    is not a proposition, a proposition linked without one. Such claims are compared as
    written, so the warning says which concepts and authors they touch (five authors named,
    the rest counted). Empty without a vocabulary. Raises nothing."""
    if vocabulary is None:
        return []
    stanced: dict[str, list[str]] = {}
    unstanced: dict[str, list[str]] = {}
    for p in projections:
        for use in p.concepts:
            for m in use.mentions:
                known = vocabulary.get(m.concept or use.concept)
                if known is None:
                    continue
                proposition = known.kind is ConceptKind.PROPOSITION
                if m.stance is not None and not proposition:
                    found = stanced.setdefault(f"{known.id} ({known.kind.value})", [])
                elif m.stance is None and proposition:
                    found = unstanced.setdefault(known.id, [])
                else:
                    continue
                if p.key not in found:
                    found.append(p.key)
    if not stanced and not unstanced:
        return []

    def listed(found: dict[str, list[str]]) -> str:
        return "; ".join(f"{concept}: {', '.join(keys[:5])}" + (f" and {len(keys) - 5} more" if len(keys) > 5 else "")
                         for concept, keys in found.items())

    parts = []
    if stanced:
        parts.append(f"a stance on a concept that is not a proposition ({listed(stanced)}), compared as that "
                     "author's view of it")
    if unstanced:
        parts.append(f"a proposition linked without a stance ({listed(unstanced)}), compared as a mention")
    authors = len({k for found in (stanced, unstanced) for keys in found.values() for k in keys})
    return [f"{authors} map{'s break' if authors != 1 else ' breaks'} the vocabulary's stance rules: "
            f"{'; and '.join(parts)}. Fix the maps or the vocabulary; `argmap validate` shows each node."]


def facts_warnings(facts: Sequence[MapFacts], keys: Sequence[str], vocabulary: Vocabulary | None) -> list[str]:
    """:func:`vocabulary_warnings` from each map's :class:`MapFacts` (the same texts)."""
    out: list[str] = []
    named: dict[str, list[str]] = {}
    for fact, key in zip(facts, keys, strict=True):
        found = vocabulary_file(fact.path, fact.vocabulary)
        if found is not None:
            named.setdefault(os.path.normpath(found), []).append(key)
    files: dict[str, tuple[str, list[str]]] = {}
    for name, users in named.items():  # each file read once
        files.setdefault(_content_id(Path(name)), (name, []))[1].extend(users)
    if len(files) > 1:
        groups = "; ".join(f"{name} ({', '.join(users)})" for name, users in files.values())
        out.append(f"the maps name different vocabularies: {groups}. Concepts with the same id are "
                   "compared as if they meant the same; check that they do, or use one vocabulary.")
    if vocabulary is not None:
        where = f" ({Path(vocabulary.path).as_posix()})" if vocabulary.path is not None else ""
        for what, used, known in (
            ("concepts", [(c, key) for fact, key in zip(facts, keys, strict=True) for c in fact.concepts],
             vocabulary.get),
            ("periods", [(period, key) for fact, key in zip(facts, keys, strict=True) for period in fact.periods],
             vocabulary.period),
        ):
            missing: dict[str, list[str]] = {}
            for item, key in used:
                if known(item) is None and key not in missing.setdefault(item, []):
                    missing[item].append(key)
            if missing:
                listed = ", ".join(f"{item} ({', '.join(users)})" for item, users in missing.items())
                effect = ("their labels and kinds are guessed from the maps, and they have no broader concept"
                          if what == "concepts" else "claims about them are compared with every period")
                out.append(f"the vocabulary{where} lacks {len(missing)} {what[:-1] if len(missing) == 1 else what} "
                           f"the maps use: {listed}; {effect}.")
    unlinked = [key for fact, key in zip(facts, keys, strict=True) if not fact.concepts]
    if len(facts) > 1 and len(unlinked) == len(facts):
        out.append("no map links a concept, so there is nothing to compare: every finding is empty and every "
                   "pair's metrics are those of two empty sets (Jaccard 1, distance ratio 0), not agreement. "
                   "Link nodes to the concepts of a vocabulary (docs/format.md), or compare maps of one text "
                   "node by node with `argmap diff`.")
    elif unlinked:
        out.append(f"{len(unlinked)} map{'s link' if len(unlinked) != 1 else ' links'} no concept and take"
                   f"{'' if len(unlinked) != 1 else 's'} part in no finding: {', '.join(unlinked)}.")
    return out


def diff(
    a: MapOrPath,
    b: MapOrPath,
    *,
    vocabulary: Vocabulary | str | os.PathLike[str] | None = None,
    same_text: bool | None = None,
    level: Level = "fine",
) -> MapDiff:
    """Compare two authors' maps concept by concept and link by link, period by period.

    ``a`` and ``b`` are maps or paths of map files (read with their quotes anchored).
    ``vocabulary`` (a vocabulary or its file) defaults to the one the maps name or
    ``concepts.yaml`` beside them; it gives labels, kinds, periods, the concept hierarchy
    and the order of concepts. ``level`` is ``fine`` (the concepts as linked) or ``broad``
    (each rolled up to its top concept). Where both maps encode the same source text (see
    :func:`argmap.same_source`; force with ``same_text=True``, skip with ``False``), the diff
    also aligns their nodes, taking ``b`` as the reference (:func:`argmap.compare_same_text`).

    Raises :class:`~argmap.errors.LoadError` for a map or vocabulary file that cannot be
    read, :class:`~argmap.errors.MetricError` for an unknown ``level``,
    :class:`~argmap.errors.DifferentTextError` for ``same_text=True`` on maps of two
    different texts, and :class:`~argmap.errors.QuoteError` where aligning the same text
    finds a quote missing from it.
    """
    level = check_level(level)
    a, b = _as_pair(a, b)
    vocabulary = vocabulary_for((a, b), vocabulary)
    pa, pb = project(a, vocabulary, level=level), project(b, vocabulary, level=level)
    same = None
    if same_text or (same_text is None and same_source(a, b)):
        same = compare_same_text(a, b)
    d = _diff_projections(pa, pb, _Catalogue(vocabulary, (pa, pb)), same)
    warnings = vocabulary_warnings((a, b), d.names, vocabulary)  # named, so that swapped() keeps them right
    return attrs.evolve(d, warnings=tuple(warnings)) if warnings else d
