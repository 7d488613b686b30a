"""The shared concept vocabulary that lets different authors' maps be aligned."""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

__all__ = ["Concept", "ConceptKind", "Vocabulary", "suggest"]

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
    """A shared idea several authors may invoke, with the cue terms that signal it in a text."""

    id: str = attrs.field(validator=_concept_id)
    kind: ConceptKind = attrs.field(converter=ConceptKind)
    label: str = attrs.field(validator=_non_empty)
    scope: str = ""
    cues: tuple[str, ...] = attrs.field(default=(), converter=_strings)


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to a misspelt ``word``, or None where nothing is close."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _concepts(value: Iterable[Concept]) -> tuple[Concept, ...]:
    return tuple(value)


@attrs.frozen
class Vocabulary:
    """An ordered set of concepts with unique ids."""

    concepts: tuple[Concept, ...] = attrs.field(converter=_concepts)
    path: Path | None = attrs.field(default=None, eq=False, repr=False)
    _index: dict[str, Concept] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, Concept] = {}
        for concept in self.concepts:
            if concept.id in index:
                raise ValueError(f"duplicate concept id {concept.id!r}")
            index[concept.id] = concept
        object.__setattr__(self, "_index", index)

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
