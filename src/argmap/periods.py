"""Claims over time: which periods claims are about, which claims meet, and what one author
says differently in different periods.

A claim (an author's stance on a concept, or a causal link's sign) may be dated to a period of
the vocabulary. Two claims *meet* where their periods overlap (:meth:`Timeline.meet`); an
undated claim meets every period, so that it is compared with everything (a map dates what
matters). Claims are compared *in a period* (:func:`periods_compared`): each dated period any
claim names, and the undated claims among themselves; in each, an author's view pools every
claim of theirs that meets it. Within one author, a view that differs between periods that do
not overlap is a :class:`Change` over time; a view that holds both sides within one period is
a :class:`Tension` (a mixed view).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeAlias, TypeVar

import attrs

from argmap.concepts import Period, Vocabulary
from argmap.model import _replaced
from argmap.projection import CausalLink, ConceptUse, LinkSign, Projection

__all__ = ["UNDATED", "Change", "ClaimIds", "Tension", "Timeline", "changes", "drop_repeats", "periods_compared",
           "pool", "tensions"]

#: How an undated period is named in outputs.
UNDATED = "no period stated"

_FAR = 10**6


class Timeline:
    """The periods of a vocabulary: their order, whether two meet, and their names.

    A period the vocabulary does not list (``argmap validate`` reports it) meets every
    period, since nothing says it does not: comparing too much can show a disagreement that
    is not there, but never hides one that is.
    """

    def __init__(self, vocabulary: Vocabulary | None = None) -> None:
        periods = vocabulary.periods if vocabulary is not None else ()
        self._periods: dict[str, Period] = {p.id: p for p in periods}
        self._rank = {p.id: i for i, p in enumerate(periods)}
        self._apart: dict[str, frozenset[str]] = {}

    def get(self, period: str | None) -> Period | None:
        """The vocabulary's period with this id, or None (undated or unknown)."""
        return self._periods.get(period) if period is not None else None

    def order(self, period: str | None) -> tuple[int, int, int, int, str]:
        """A sort key: undated first, then known periods by start and end year, then unknown ids."""
        if period is None:
            return (0, 0, 0, 0, "")
        known = self._periods.get(period)
        if known is None:
            return (2, 0, 0, 0, period)
        end = known.end if known.end is not None else _FAR
        return (1, known.start, end, self._rank[period], period)

    def meet(self, a: str | None, b: str | None) -> bool:
        """Whether claims about these periods can agree or conflict: an undated claim meets
        every period, a period meets itself and every period it overlaps."""
        if a is None or b is None or a == b:
            return True
        pa, pb = self._periods.get(a), self._periods.get(b)
        if pa is None or pb is None:
            return True
        return pa.overlaps(pb)

    def apart(self, period: str) -> frozenset[str]:
        """The vocabulary's periods that a claim about ``period`` does not meet (none for a
        period the vocabulary does not list): :meth:`meet` for many claims at once, as one set
        lookup each (a corpus compares thousands of claims in each period)."""
        found = self._apart.get(period)
        if found is None:
            found = self._apart[period] = frozenset(q for q in self._periods if not self.meet(q, period))
        return found

    def label(self, period: str | None) -> str:
        """The period in words: ``Cold War alignment (1954-1971)``, or ``no period stated``."""
        if period is None:
            return UNDATED
        known = self._periods.get(period)
        return f"{known.label} ({known.span})" if known is not None else period

    def short(self, period: str | None) -> str:
        """The period in a few characters: ``1954-1971``, ``since 2014``, ``undated``."""
        if period is None:
            return "undated"
        known = self._periods.get(period)
        return known.span if known is not None else period

    def used(self, ids: Iterable[str | None]) -> tuple[Period, ...]:
        """The vocabulary periods among ``ids``, in time order."""
        found = {p for p in ids if p is not None and p in self._periods}
        return tuple(self._periods[p] for p in sorted(found, key=self.order))


T = TypeVar("T", ConceptUse, CausalLink)
#: The claims behind a view: ``(author, period of the claim)`` pairs.
ClaimIds: TypeAlias = frozenset[tuple[str, str | None]]


def pool(items: Sequence[T], period: str | None) -> T:
    """One author's claims on one subject taken together, as the view they hold in ``period``."""
    first = items[0]
    if len(items) == 1:
        # one claim: itself, dated to the period by a copy (its derived values, which do not
        # depend on the period, are copied rather than worked out again for each author)
        return first if first.period == period else _replaced(first, period=period)
    if isinstance(first, ConceptUse):
        mentions = tuple(m for u in items if isinstance(u, ConceptUse) for m in u.mentions)
        return ConceptUse(first.concept, mentions, period)  # type: ignore[return-value]
    paths = tuple(p for k in items if isinstance(k, CausalLink) for p in k.paths)
    return CausalLink(first.cause, first.effect, paths, period)


def _meeting(periods: tuple[str | None, ...], period: str | None, apart: frozenset[str | None] | None,
             ) -> tuple[int, ...] | None:
    """Which of an author's claims (given by their periods) meet ``period``, as their places;
    None where all do. ``apart`` holds the periods that do not meet it (None: ``period`` is
    None, which only undated claims meet)."""
    places = tuple(k for k, p in enumerate(periods) if (p is None if apart is None else p not in apart))
    return None if len(places) == len(periods) else places


def periods_compared(claims: Mapping[str, Sequence[T]], timeline: Timeline, *,
                     undated_authors: int = 2) -> list[tuple[str | None, dict[str, T], ClaimIds]]:
    """The periods in which claims on one subject are compared, in time order, each with every
    author's view there (their claims that meet it, pooled) and the claims behind them.

    ``claims`` maps each author to their claims on the subject (one per period). The periods
    are every dated period a claim names, and, first, the undated claims among themselves
    where at least ``undated_authors`` authors make one or nothing is dated (otherwise the
    undated claims take part in every dated period anyway). The same finding may come out of
    several periods: see :func:`drop_repeats`.
    """
    if all(len(items) == 1 and items[0].period is None for items in claims.values()):  # the common case
        return [(None, {author: items[0] for author, items in claims.items()},
                 frozenset((author, None) for author in claims))]
    # Authors whose claims have the same periods meet a period alike: which of their claims
    # meet it is worked out once for each such tuple of periods (a corpus has few).
    written = {author: tuple([x.period for x in items]) for author, items in claims.items()}
    distinct = set(written.values())
    dated = sorted({p for periods in distinct for p in periods if p is not None}, key=timeline.order)
    undated = sum(1 for periods in written.values() if None in periods)
    chosen: list[str | None] = [None] if undated and (not dated or undated >= undated_authors) else []
    chosen += dated
    out = []
    for period in chosen:
        apart = None if period is None else timeline.apart(period)
        meeting = {periods: _meeting(periods, period, apart) for periods in distinct}
        views: dict[str, T] = {}
        ids: list[tuple[str, str | None]] = []
        for author, items in claims.items():
            periods = written[author]
            places = meeting[periods]
            if places is None:
                views[author] = pool(items, period)
                ids += [(author, p) for p in periods]
            elif places:
                views[author] = pool([items[k] for k in places], period)
                ids += [(author, periods[k]) for k in places]
        out.append((period, views, frozenset(ids)))
    return out


K = TypeVar("K")


def drop_repeats(found: Sequence[tuple[K, ClaimIds]], same: Callable[[K, K], bool]) -> list[K]:
    """Items found in several periods, each kept once: an item whose claims are all among
    those of another item that ``same`` says tells the same (a consensus within a larger
    consensus, say) is dropped; of equal ones the first is kept."""
    if len(found) < 2:
        return [item for item, _ in found]
    kept: list[K] = []
    for i, (item, ids) in enumerate(found):
        repeat = any((ids < other or (ids == other and j < i)) and same(item, x)
                     for j, (x, other) in enumerate(found) if j != i)
        if not repeat:
            kept.append(item)
    return kept


# --- within one author -----------------------------------------------------------------------


@attrs.frozen
class Tension:
    """An author's own mixed view within one period: one concept taken with several stances,
    or a link given both signs, by claims about that period (an undated claim counts for
    every period). ``subject.period`` is the period; each mention or path keeps its own."""

    source: str
    subject: ConceptUse | CausalLink

    @property
    def period(self) -> str | None:
        """The period in which the author holds both views (None: undated claims)."""
        return self.subject.period

    def __repr__(self) -> str:
        what = (self.subject.concept if isinstance(self.subject, ConceptUse)
                else f"{self.subject.cause} -> {self.subject.effect}")
        when = f" in {self.period}" if self.period is not None else ""
        return f"<Tension {self.source}: {what} held both ways{when}>"


@attrs.frozen
class Change:
    """An author whose view of one concept or link differs between periods that do not
    overlap: a change over time, not a tension. ``views`` holds the author's dated claims on
    it, one per period, in time order."""

    source: str
    views: tuple[ConceptUse, ...] | tuple[CausalLink, ...]

    @property
    def concept(self) -> str | None:
        """The concept, for a change of stance (None for a link)."""
        first = self.views[0]
        return first.concept if isinstance(first, ConceptUse) else None

    @property
    def link(self) -> tuple[str, str] | None:
        """``(cause, effect)``, for a change of sign (None for a concept)."""
        first = self.views[0]
        return (first.cause, first.effect) if isinstance(first, CausalLink) else None

    def __repr__(self) -> str:
        what = self.concept or " -> ".join(self.link or ())
        return f"<Change {self.source}: {what} over {len(self.views)} periods>"


def _view(x: ConceptUse | CausalLink) -> frozenset[str]:
    if isinstance(x, ConceptUse):
        return frozenset(s.value for s in x.stances)
    return frozenset(s.value for s in x.signs)


def _mixed(x: ConceptUse | CausalLink) -> bool:
    return len(x.stances) > 1 if isinstance(x, ConceptUse) else x.sign is LinkSign.MIXED


def _by_subject(p: Projection) -> list[Sequence[ConceptUse] | Sequence[CausalLink]]:
    return [*(p.uses(c) for c in p.concept_order), *(p.links_between(c, e) for c, e in p.link_order)]


def _mixed_views(key: str, items: Sequence[T], timeline: Timeline) -> list[tuple[Tension, ClaimIds]]:
    if len(items) == 1:  # one claim: mixed or not, whatever its period
        return [(Tension(key, items[0]), frozenset())] if _mixed(items[0]) else []
    return [(Tension(key, view), ids)
            for _period, views, ids in periods_compared({key: items}, timeline, undated_authors=1)
            for view in views.values() if _mixed(view)]


def tensions(p: Projection, timeline: Timeline) -> tuple[Tension, ...]:
    """The author's mixed views, each once: for every concept and link, each period the author
    dates a claim to (and the undated claims), where the claims meeting it hold both sides.
    A tension whose claims are all part of another's is not repeated."""
    out: list[Tension] = []
    groups = [_mixed_views(p.key, p.uses(c), timeline) for c in p.concept_order]
    groups += [_mixed_views(p.key, p.links_between(c, e), timeline) for c, e in p.link_order]
    for found in groups:
        if len(found) < 2:
            out.extend(t for t, _ in found)
            continue
        found.sort(key=lambda t: len(t[1]))
        kept: list[tuple[Tension, ClaimIds]] = []
        for t, ids in found:
            if not any(other <= ids for _, other in kept):
                kept.append((t, ids))
        out.extend(t for t, _ in sorted(kept, key=lambda t: timeline.order(t[0].period)))
    return tuple(out)


def changes(p: Projection, timeline: Timeline) -> tuple[Change, ...]:
    """The author's changes of view over time: concepts taken with different stances (a mere
    mention is no view) and links given different signs in periods that do not overlap."""
    out: list[Change] = []
    for items in _by_subject(p):
        if len(items) < 2:
            continue
        dated = sorted((x for x in items if x.period is not None and _view(x)),
                       key=lambda x: timeline.order(x.period))
        if any(not timeline.meet(x.period, y.period) and _view(x) != _view(y)
               for i, x in enumerate(dated) for y in dated[i + 1:]):
            out.append(Change(p.key, tuple(dated)))  # type: ignore[arg-type]
    return tuple(out)
