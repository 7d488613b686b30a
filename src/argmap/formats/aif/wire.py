"""The AIF JSON wire format as typed dictionaries, kept apart from the model: what argmap
writes, and the ``argmap`` members it adds so that an export reads back unchanged."""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

__all__ = [
    "FORMAT_VERSION",
    "AifEdge",
    "AifGraph",
    "AifLocution",
    "AifNode",
    "ArgmapGraphInfo",
    "ArgmapNodeInfo",
    "ArgmapRelationInfo",
    "NodeType",
    "QuoteData",
]

#: Version of the ``argmap`` members argmap writes into AIF files.
FORMAT_VERSION = 1

NodeType = Literal["I", "L", "RA", "CA", "MA", "PA", "YA", "TA"]


class QuoteData(TypedDict):
    """A quote with its character offsets in the source text, and the occurrence it chooses."""

    text: str
    spans: NotRequired[list[list[int]]]
    occurrence: NotRequired[int]


class ArgmapNodeInfo(TypedDict):
    """What argmap keeps on an I-node beyond its text (the label)."""

    id: str
    kind: str
    label: str
    quotes: list[str | QuoteData]
    implicit: NotRequired[bool]
    concept: NotRequired[str]
    direction: NotRequired[str]
    stance: NotRequired[str]
    period: NotRequired[str]
    section: NotRequired[str]
    note: NotRequired[str]
    draft: NotRequired[float]


class ArgmapRelationInfo(TypedDict):
    """What argmap keeps on an RA- or CA-node: the edge's relation, sign, quote and note."""

    order: int
    relation: str
    sign: NotRequired[str]
    period: NotRequired[str]
    quote: NotRequired[str | QuoteData]
    note: NotRequired[str]
    draft: NotRequired[float]


class ArgmapGraphInfo(TypedDict):
    """What argmap keeps on the graph: the source, the vocabulary, excluded passages."""

    version: int
    source: dict[str, str | int | None]
    vocabulary: NotRequired[str]
    exclude: NotRequired[list[str | QuoteData]]


class AifNode(TypedDict):
    """An AIF node: I (information), L (locution), RA, CA, MA, PA (schemes), YA, TA (dialogue)."""

    nodeID: str
    text: str
    type: str
    timestamp: NotRequired[str]
    scheme: NotRequired[str]
    schemeID: NotRequired[str]
    argmap: NotRequired[ArgmapNodeInfo | ArgmapRelationInfo]


class AifEdge(TypedDict):
    """A directed AIF edge between two nodes."""

    edgeID: str
    fromID: str
    toID: str
    formEdgeID: None


class AifLocution(TypedDict):
    """AIFdb's record of who spoke an L-node, and when."""

    nodeID: str
    personID: str
    timestamp: str
    start: str | None
    end: str | None
    source: str | None


class AifGraph(TypedDict):
    """An AIF JSON document."""

    nodes: list[AifNode]
    edges: list[AifEdge]
    locutions: list[AifLocution]
    argmap: NotRequired[ArgmapGraphInfo]
