"""The shared concept vocabulary that lets different authors' maps be aligned.

A vocabulary lists concepts (the outcome, causal factors, contested propositions), each of
which may name a ``broader`` concept, the SKOS idea of a hierarchy: a coarse concept split
into precise ones stays as their broader concept, so that a comparison can be read at either
level. It also lists the periods that maps may date their claims to.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

__all__ = ["Concept", "ConceptKind", "Period", "Vocabulary", "suggest"]

CONCEPT_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ConceptKind(enum.StrEnum):
    """What a concept names: the explained outcome, a cause, or a contested proposition."""

    OUTCOME = "outcome"
    FACTOR = "factor"
    PROPOSITION = "proposition"


def _concept_id(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not CONCEPT_ID.match(value):
        raise ValueError(
            f"{attribute.name} must be lower-case words joined by hyphens "
            f"(e.g. 'india-factor'), got {value!r}"
        )


def _non_empty(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name} must be a non-empty string, got {value!r}")


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class Concept:
    """A shared idea several authors may invoke, with the cue terms that signal it in a text.

    ``broader`` is the id of the coarser concept this one narrows (SKOS ``broader``), or None
    for a top concept.
    """

    id: str = attrs.field(validator=_concept_id)
    kind: ConceptKind = attrs.field(converter=ConceptKind)
    label: str = attrs.field(validator=_non_empty)
    scope: str = ""
    cues: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    broader: str | None = attrs.field(default=None, kw_only=True)

    @broader.validator
    def _check_broader(self, attribute: attrs.Attribute[str | None], value: str | None) -> None:
        if value is not None:
            _concept_id(self, attribute, value)
            if value == self.id:
                raise ValueError(f"concept {self.id!r} cannot be its own broader concept")


def _year_or_none(_inst: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise TypeError(f"{attribute.name} must be a year (a whole number) or None, got {value!r}")


@attrs.frozen
class Period:
    """A span of years that maps date their claims to: ``start`` and ``end`` inclusive, in
    years; ``end`` None for a period still running. Two claims conflict only where their
    periods overlap."""

    id: str = attrs.field(validator=_concept_id)
    label: str = attrs.field(validator=_non_empty)
    start: int = attrs.field(validator=_year_or_none)
    end: int | None = attrs.field(default=None, validator=_year_or_none)
    scope: str = ""

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"period {self.id!r} ends ({self.end}) before it starts ({self.start})")

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one year."""
        end_a = self.end if self.end is not None else 10**6
        end_b = other.end if other.end is not None else 10**6
        return self.start <= end_b and other.start <= end_a

    @property
    def span(self) -> str:
        """The years as people write them: ``1947-1954``, ``since 2014``."""
        return f"since {self.start}" if self.end is None else f"{self.start}-{self.end}"


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to a misspelt ``word``, or None where nothing is close."""
    import difflib  # here, not at the top: only a misspelling needs it (about 2 ms to import)

    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _concepts(value: Iterable[Concept]) -> tuple[Concept, ...]:
    return tuple(value)


def _periods(value: Iterable[Period]) -> tuple[Period, ...]:
    return tuple(value)


@attrs.frozen
class Vocabulary:
    """An ordered set of concepts with unique ids, and the periods maps may date claims to.

    Raises ``ValueError`` for a repeated concept or period id, a ``broader`` that names no
    concept, or ``broader`` links that go round in a circle.
    """

    concepts: tuple[Concept, ...] = attrs.field(converter=_concepts)
    path: Path | None = attrs.field(default=None, eq=False, repr=False)
    periods: tuple[Period, ...] = attrs.field(default=(), converter=_periods, kw_only=True)
    _index: dict[str, Concept] = attrs.field(init=False, eq=False, repr=False)
    _period_index: dict[str, Period] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, Concept] = {}
        for concept in self.concepts:
            if concept.id in index:
                raise ValueError(f"duplicate concept id {concept.id!r}")
            index[concept.id] = concept
        object.__setattr__(self, "_index", index)
        periods: dict[str, Period] = {}
        for period in self.periods:
            if period.id in periods:
                raise ValueError(f"duplicate period id {period.id!r}")
            periods[period.id] = period
        object.__setattr__(self, "_period_index", periods)
        for concept in self.concepts:
            if concept.broader is not None and concept.broader not in index:
                raise ValueError(f"concept {concept.id!r} names an unknown broader concept {concept.broader!r}")
            self.ancestors(concept.id)  # raises on a circle

    def ancestors(self, concept_id: str) -> tuple[str, ...]:
        """The broader concepts of a concept, nearest first (empty for a top concept or an
        unknown id). Raises ``ValueError`` where ``broader`` links go round in a circle."""
        out: list[str] = []
        current = self._index.get(concept_id)
        while current is not None and current.broader is not None:
            if current.broader == concept_id or current.broader in out:
                raise ValueError(f"the broader concepts of {concept_id!r} go round in a circle: "
                                 + " -> ".join([concept_id, *out, current.broader]))
            out.append(current.broader)
            current = self._index.get(current.broader)
        return tuple(out)

    def top(self, concept_id: str) -> str:
        """The broadest concept above ``concept_id`` (itself for a top or unknown concept)."""
        above = self.ancestors(concept_id)
        return above[-1] if above else concept_id

    def narrower(self, concept_id: str) -> tuple[Concept, ...]:
        """The concepts that name ``concept_id`` as their broader concept, in vocabulary order."""
        return tuple(c for c in self.concepts if c.broader == concept_id)

    def period(self, period_id: str) -> Period | None:
        """The period with this id, or None."""
        return self._period_index.get(period_id)

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._index

    def __getitem__(self, concept_id: str) -> Concept:
        return self._index[concept_id]

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __len__(self) -> int:
        return len(self.concepts)

    def get(self, concept_id: str) -> Concept | None:
        """The concept with this id, or None."""
        return self._index.get(concept_id)

    def of_kind(self, kind: ConceptKind | str) -> tuple[Concept, ...]:
        """The concepts of one kind, in vocabulary order."""
        wanted = ConceptKind(kind)
        return tuple(c for c in self.concepts if c.kind is wanted)

    def suggest(self, concept_id: str) -> str | None:
        """The known id closest to a misspelt one."""
        return suggest(concept_id, self._index)
