"""Writing a map as AIF JSON: an I-node per node, an L-node and YA-node per quote, a scheme
node per edge, with ``argmap`` members holding what AIF has no place for."""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

from argmap.codec import edge_options, node_options, source_to_data
from argmap.files import write_text
from argmap.formats._common import check_exportable, dump_json, quote_to_data
from argmap.formats.aif.wire import (
    FORMAT_VERSION,
    AifEdge,
    AifGraph,
    AifNode,
    ArgmapGraphInfo,
    ArgmapNodeInfo,
    ArgmapRelationInfo,
    QuoteData,
)
from argmap.model import ArgumentMap, Node, Quote, Relation

__all__ = ["dumps_aif", "to_aif", "write_aif"]

_SCHEMES = {
    Relation.SUPPORTS: ("RA", "Default Inference"),
    Relation.ATTACKS: ("CA", "Default Conflict"),
    Relation.CAUSES: ("RA", "Cause To Effect"),
}


class _Ids:
    """Fresh ids for the nodes argmap adds (S, L and YA nodes), never clashing with node ids."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = set(taken)
        self.count: dict[str, int] = defaultdict(int)

    def __call__(self, prefix: str) -> str:
        while True:
            self.count[prefix] += 1
            candidate = f"{prefix.lower()}{self.count[prefix]}"
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate


def _node_info(n: Node) -> ArgmapNodeInfo:
    info: ArgmapNodeInfo = {
        "id": n.id,
        "kind": n.kind.value,
        "label": n.label,
        "quotes": [_quote_data(q) for q in n.quotes],
    }
    info.update(node_options(n))  # type: ignore[typeddict-item]
    return info


def _quote_data(q: Quote) -> str | QuoteData:
    data = quote_to_data(q)
    return data if isinstance(data, str) else QuoteData(**data)  # type: ignore[typeddict-item]


def to_aif(amap: ArgumentMap) -> AifGraph:
    """The map as an AIF graph (JSON-ready dicts), with argmap's own fields kept aside.

    Raises :class:`~argmap.errors.ExportError` where node ids repeat or an edge names an
    unknown node: AIF links nodes by id.
    """
    check_exportable(amap, "AIF")
    fresh = _Ids({n.id for n in amap.nodes})
    nodes: list[AifNode] = []
    edges: list[AifEdge] = []

    def link(source: str, target: str) -> None:
        edges.append(
            {"edgeID": f"e{len(edges) + 1}", "fromID": source, "toID": target, "formEdgeID": None}
        )

    for n in amap.nodes:
        nodes.append({"nodeID": n.id, "text": n.label, "type": "I", "argmap": _node_info(n)})
    for i, e in enumerate(amap.edges):
        kind, scheme = _SCHEMES[e.relation]
        info: ArgmapRelationInfo = {"order": i, "relation": e.relation.value}
        options = edge_options(e)
        tail = {key: options.pop(key) for key in ("note", "draft") if key in options}
        info.update(options)  # type: ignore[typeddict-item]
        if e.quote is not None:
            info["quote"] = _quote_data(e.quote)
        info.update(tail)  # type: ignore[typeddict-item]
        sid = fresh(kind)
        nodes.append(
            {"nodeID": sid, "text": scheme, "type": kind, "scheme": scheme, "argmap": info}
        )
        link(e.source, sid)
        link(sid, e.target)
    for n in amap.nodes:
        for q in n.quotes:
            lid, yid = fresh("L"), fresh("YA")
            nodes.append({"nodeID": lid, "text": q.text, "type": "L"})
            nodes.append({"nodeID": yid, "text": "Asserting", "type": "YA", "scheme": "Asserting"})
            link(lid, yid)
            link(yid, n.id)
    s = amap.source
    graph_info: ArgmapGraphInfo = {
        "version": FORMAT_VERSION,
        "source": source_to_data(s),
    }
    if amap.vocabulary is not None:
        graph_info["vocabulary"] = amap.vocabulary
    if amap.excluded:
        graph_info["exclude"] = [_quote_data(q) for q in amap.excluded]
    return {"nodes": nodes, "edges": edges, "locutions": [], "argmap": graph_info}


def dumps_aif(amap: ArgumentMap) -> str:
    """The map as AIF JSON text."""
    return dump_json(to_aif(amap), indent=1)


def write_aif(amap: ArgumentMap, path: str | os.PathLike[str]) -> Path:
    """Write the map as an AIF JSON file, atomically.

    Raises :class:`~argmap.errors.ExportError` as :func:`to_aif` does (before anything is
    written), and ``OSError`` where the file cannot be written.
    """
    return write_text(path, dumps_aif(amap))
