"""The core model: frozen classes for sources, nodes, edges and argument maps.

The model holds what an author argues, nothing about how it is stored or drawn. Field
validators guard each value's own invariants (a kind is a :class:`Kind`, a label is not
empty); rules about the graph as a whole (one thesis, no dangling edges, signs only on causal
edges) are checked by :func:`argmap.validate`, so that a broken map can still be loaded and
every problem in it reported at once.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

if TYPE_CHECKING:  # networkx is imported lazily: it costs ~200 ms
    import networkx as nx

__all__ = [
    "ArgumentMap",
    "ChangeDirection",
    "Edge",
    "Kind",
    "Node",
    "Position",
    "Quote",
    "Relation",
    "Sign",
    "Source",
    "Span",
    "Stance",
]


class Kind(enum.StrEnum):
    """What a node is in the author's argument."""

    THESIS = "thesis"  #: the main point the text argues for
    CLAIM = "claim"  #: a supporting or opposing assertion
    EVIDENCE = "evidence"  #: an event, treaty, visit or figure the author cites
    FACTOR = "factor"  #: a cause the author invokes to explain an outcome
    OUTCOME = "outcome"  #: the state of affairs the causal explanation explains
    RECOMMENDATION = "recommendation"  #: what the author says should be done
    PREDICTION = "prediction"  #: the author's outlook on what will happen


class Relation(enum.StrEnum):
    """How one node bears on another."""

    SUPPORTS = "supports"
    ATTACKS = "attacks"
    CAUSES = "causes"


class Sign(enum.StrEnum):
    """Direction of a causal link: the cause helps (+) or hinders (-) the effect."""

    HELPS = "+"
    HINDERS = "-"

    def __mul__(self, other: object) -> Sign:
        if not isinstance(other, Sign):
            return NotImplemented
        return Sign.HELPS if self is other else Sign.HINDERS


class Stance(enum.StrEnum):
    """An author's position on a contested proposition."""

    AFFIRMS = "affirms"
    DENIES = "denies"
    QUALIFIES = "qualifies"


class ChangeDirection(enum.StrEnum):
    """Which way a node moves the variable its concept names: a factor concept is a variable,
    and a node may describe a rise of it (the default) or a fall (``decrease``: the end of
    the Cold War is a fall of bipolarity). A fall reverses the concept-level sign."""

    INCREASE = "increase"
    DECREASE = "decrease"


def _non_empty(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name} must be a non-empty string, got {value!r}")


#: The characters of Unicode category Cc (C0 and C1 controls and DEL): one regex search is
#: much quicker than asking :mod:`unicodedata` for the category of every character.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _identifier(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    _non_empty(_inst, attribute, value)
    if value != value.strip():
        raise ValueError(f"{attribute.name} must not start or end with whitespace: {value!r}")
    if _CONTROL.search(value):
        raise ValueError(f"{attribute.name} must not contain control characters: {value!r}")


def _optional_text(_inst: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        _non_empty(_inst, attribute, value)


@attrs.frozen(order=True)
class Position:
    """A place in a file, 1-based, for error messages."""

    line: int
    column: int


@attrs.frozen(order=True)
class Span:
    """Character offsets ``[start, end)`` of a quoted passage in the source text."""

    start: int = attrs.field(validator=attrs.validators.ge(0))
    end: int = attrs.field()

    @end.validator
    def _check_end(self, _attribute: attrs.Attribute[int], value: int) -> None:
        if value <= self.start:
            raise ValueError(f"span end {value} must lie after its start {self.start}")


def _spans(value: Iterable[Span]) -> tuple[Span, ...]:
    return tuple(value)


def _occurrence(_inst: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise ValueError(f"{attribute.name} must be a whole number of at least 1, got {value!r}")


def _confidence(_inst: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ValueError(f"{attribute.name} must be a confidence from 0 to 1, got {value!r}")


@attrs.frozen
class Quote:
    """A verbatim passage of the source text; ``...`` or ``…`` joins segments in order.

    ``spans`` holds the offsets of each segment once the quote has been found in the source
    (see :func:`argmap.anchor`); it is empty for a quote that has not been checked.
    ``occurrence`` chooses which place (1 for the first) a passage that occurs several times
    in the source stands for.
    """

    text: str = attrs.field(validator=_non_empty)
    spans: tuple[Span, ...] = attrs.field(default=(), converter=_spans)
    position: Position | None = attrs.field(default=None, eq=False, repr=False)
    occurrence: int | None = attrs.field(default=None, validator=_occurrence, kw_only=True)

    @property
    def anchored(self) -> bool:
        """Whether the quote has been found in its source."""
        return bool(self.spans)

    @property
    def start(self) -> int | None:
        """Offset of the first quoted character, if anchored."""
        return self.spans[0].start if self.spans else None

    @property
    def end(self) -> int | None:
        """Offset just after the last quoted character, if anchored."""
        return self.spans[-1].end if self.spans else None


def _year(_inst: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise TypeError(f"{attribute.name} must be an integer year or None, got {value!r}")


@attrs.frozen
class Source:
    """The text a map encodes, with the metadata the text itself states (None where silent).

    ``name`` is the short display name every table, drawing and report uses for the text
    ("Hussain", "The Pulse"); ``note`` records what the metadata rests on (how the text fixes
    its year, say).
    """

    id: str = attrs.field(validator=_identifier)
    file: str = attrs.field(validator=_non_empty)
    title: str | None = attrs.field(default=None, validator=_optional_text)
    author: str | None = attrs.field(default=None, validator=_optional_text)
    venue: str | None = attrs.field(default=None, validator=_optional_text)
    year: int | None = attrs.field(default=None, validator=_year)
    position: Position | None = attrs.field(default=None, eq=False, repr=False)
    name: str | None = attrs.field(default=None, validator=_optional_text, kw_only=True)
    note: str | None = attrs.field(default=None, validator=_optional_text, kw_only=True)

    @property
    def citation(self) -> str:
        """A short human-readable reference: author (year), title."""
        who = self.author or "Unknown author"
        when = f" ({self.year})" if self.year is not None else ""
        what = f", {self.title}" if self.title else ""
        return f"{who}{when}{what}"


def _quotes(value: Iterable[Quote] | Quote) -> tuple[Quote, ...]:
    return (value,) if isinstance(value, Quote) else tuple(value)


@attrs.frozen
class Node:
    """One statement in the argument, anchored by at least one verbatim quote.

    An ``implicit`` node is an unstated premise or a reconstruction: it has a label and a
    note saying why, and no quote. ``period`` names a period of the vocabulary the statement
    is about; ``direction`` says whether the node describes a rise or a fall of the variable
    its concept names; ``draft`` is the confidence of a proposal that no person has reviewed
    yet (``argmap draft`` writes it; deleting it marks the node reviewed).
    """

    id: str = attrs.field(validator=_identifier)
    kind: Kind = attrs.field(converter=Kind)
    label: str = attrs.field(validator=_non_empty)
    quotes: tuple[Quote, ...] = attrs.field(default=(), converter=_quotes)
    concept: str | None = attrs.field(default=None, validator=_optional_text)
    stance: Stance | None = attrs.field(
        default=None, converter=attrs.converters.optional(Stance)
    )
    section: str | None = attrs.field(default=None, validator=_optional_text)
    note: str | None = attrs.field(default=None, validator=_optional_text)
    position: Position | None = attrs.field(default=None, eq=False, repr=False)
    implicit: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool), kw_only=True)
    period: str | None = attrs.field(default=None, validator=_optional_text, kw_only=True)
    direction: ChangeDirection | None = attrs.field(
        default=None, converter=attrs.converters.optional(ChangeDirection), kw_only=True)
    draft: float | None = attrs.field(default=None, validator=_confidence, kw_only=True)

    @quotes.validator
    def _check_quotes(self, _attribute: attrs.Attribute[Any], value: tuple[Quote, ...]) -> None:
        if not all(isinstance(q, Quote) for q in value):
            raise TypeError("quotes must be Quote objects")
        if not value and not self.implicit:
            raise ValueError(f"node {self.id!r} needs at least one quote (or `implicit: true`)")
        if value and self.implicit:
            raise ValueError(f"implicit node {self.id!r} cannot have a quote: the text does not state it")


@attrs.frozen
class Edge:
    """A relation from one node (``source``) to another (``target``).

    ``supports`` and ``attacks`` point from the reason to what it bears on; ``causes`` points
    from cause to effect and carries a :class:`Sign`. ``period`` names the period of the
    vocabulary a causal claim is about (it overrides the nodes' own); ``draft`` is the
    confidence of an unreviewed proposal, as for :class:`Node`.
    """

    source: str = attrs.field(validator=_identifier)
    target: str = attrs.field(validator=_identifier)
    relation: Relation = attrs.field(converter=Relation)
    sign: Sign | None = attrs.field(default=None, converter=attrs.converters.optional(Sign))
    quote: Quote | None = None
    note: str | None = attrs.field(default=None, validator=_optional_text)
    position: Position | None = attrs.field(default=None, eq=False, repr=False)
    period: str | None = attrs.field(default=None, validator=_optional_text, kw_only=True)
    draft: float | None = attrs.field(default=None, validator=_confidence, kw_only=True)


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen
class ArgumentMap:
    """One author's argument as a typed graph over quoted statements.

    ``excluded`` marks passages of the source that are not argument (reference lists,
    navigation, captions), so that coverage figures leave them out. ``vocabulary`` is the
    path of the concept vocabulary as written in the file, relative to the map; ``path`` is
    the file the map was loaded from, used to find the source text.
    """

    source: Source
    nodes: tuple[Node, ...] = attrs.field(converter=_tuple)
    edges: tuple[Edge, ...] = attrs.field(default=(), converter=_tuple)
    excluded: tuple[Quote, ...] = attrs.field(default=(), converter=_tuple)
    vocabulary: str | None = attrs.field(default=None, validator=_optional_text)
    path: Path | None = attrs.field(default=None, eq=False, repr=False)

    def __repr__(self) -> str:
        where = f", from {self.path}" if self.path is not None else ""
        return f"<ArgumentMap {self.id}: {len(self.nodes)} nodes, {len(self.edges)} edges{where}>"

    @property
    def id(self) -> str:
        """The source id, which names the map in comparisons."""
        return self.source.id

    @property
    def thesis(self) -> Node | None:
        """The thesis node, or None where the map has none (or several)."""
        theses = [n for n in self.nodes if n.kind is Kind.THESIS]
        return theses[0] if len(theses) == 1 else None

    def node(self, node_id: str) -> Node:
        """The node with this id; ``KeyError`` where there is none."""
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)

    def nodes_of(self, *kinds: Kind | str) -> tuple[Node, ...]:
        """The nodes of the given kinds, in file order."""
        wanted = {Kind(k) for k in kinds}
        return tuple(n for n in self.nodes if n.kind in wanted)

    def edges_from(self, node_id: str) -> Iterator[Edge]:
        """Edges whose source is ``node_id``."""
        return (e for e in self.edges if e.source == node_id)

    def edges_to(self, node_id: str) -> Iterator[Edge]:
        """Edges whose target is ``node_id``."""
        return (e for e in self.edges if e.target == node_id)

    @property
    def concepts(self) -> tuple[str, ...]:
        """The vocabulary concepts the map links, in first-use order."""
        return tuple(dict.fromkeys(n.concept for n in self.nodes if n.concept))

    def to_networkx(self) -> nx.MultiDiGraph:
        """The map as a ``networkx.MultiDiGraph``, with every node and edge attribute kept."""
        from argmap.graph import to_networkx

        return to_networkx(self)

    @classmethod
    def from_networkx(cls, graph: nx.MultiDiGraph) -> ArgumentMap:
        """Rebuild a map from :meth:`to_networkx` output."""
        from argmap.graph import from_networkx

        return from_networkx(graph)


_FIELD_NAMES: dict[type[Any], tuple[str, ...]] = {}


def _field_names(cls: type[Any]) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in attrs.fields(cls))
    return names


_M = TypeVar("_M")


def _replaced(obj: _M, **changes: Any) -> _M:
    """A copy of a frozen model object with the ``changes`` made, without running its
    constructor: ``attrs.evolve`` for changes the caller knows to be valid (a quote given the
    spans where it was found, a node given those quotes). Anchoring makes about 150 such copies
    a map, and evolve's second run of every converter and validator was a measurable part of
    loading one. Raises ``AttributeError`` for a name that is not a field."""
    cls: type[Any] = type(obj)
    names = _field_names(cls)
    unknown = changes.keys() - set(names)
    if unknown:
        raise AttributeError(f"{type(obj).__name__} has no field {sorted(unknown)[0]!r}")
    new: _M = object.__new__(cls)
    for name in names:
        object.__setattr__(new, name, changes[name] if name in changes else getattr(obj, name))
    return new
