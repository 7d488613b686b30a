"""Conversion between argument maps and networkx graphs (attributes kept both ways)."""

from __future__ import annotations

from typing import Any

import networkx as nx

from argmap.model import ArgumentMap, Edge, Node, Quote, Source, Span

__all__ = ["from_networkx", "to_networkx"]


def _quote_data(q: Quote) -> dict[str, Any]:
    return {"text": q.text, "spans": [(s.start, s.end) for s in q.spans], "occurrence": q.occurrence}


def _quote(data: dict[str, Any]) -> Quote:
    return Quote(data["text"], spans=tuple(Span(a, b) for a, b in data.get("spans", ())),
                 occurrence=data.get("occurrence"))


def to_networkx(amap: ArgumentMap) -> nx.MultiDiGraph:
    """A ``MultiDiGraph`` whose graph attributes hold the source and whose nodes and edges
    carry every field of the map (kinds, relations and signs as their string values).

    Each edge's ``order`` attribute keeps its position in the file, which networkx's own
    iteration order (grouped by node) would lose. Never raises: every map, even an invalid
    one, converts (duplicate node ids merge into one graph node).
    """
    g = nx.MultiDiGraph()
    s = amap.source
    g.graph.update(source={"id": s.id, "file": s.file, "title": s.title, "author": s.author, "venue": s.venue,
                           "year": s.year, "name": s.name, "note": s.note},
                   excluded=[_quote_data(q) for q in amap.excluded], vocabulary=amap.vocabulary)
    for n in amap.nodes:
        g.add_node(n.id, kind=n.kind.value, label=n.label, quotes=[_quote_data(q) for q in n.quotes],
                   concept=n.concept, stance=n.stance.value if n.stance else None,
                   section=n.section, note=n.note, implicit=n.implicit, period=n.period,
                   direction=n.direction.value if n.direction else None, draft=n.draft)
    for order, e in enumerate(amap.edges):
        g.add_edge(e.source, e.target, order=order, rel=e.relation.value, sign=e.sign.value if e.sign else None,
                   quote=_quote_data(e.quote) if e.quote else None, note=e.note, period=e.period, draft=e.draft)
    return g


def from_networkx(graph: nx.MultiDiGraph) -> ArgumentMap:
    """Rebuild a map from :func:`to_networkx` output: ``from_networkx(to_networkx(m)) == m``.

    Raises ``KeyError`` where the graph lacks an attribute :func:`to_networkx` writes (the
    graph's ``source``, a node's ``kind``, ``label`` or ``quotes``, an edge's ``rel``), and
    ``ValueError`` or ``TypeError`` for a value the model refuses (an unknown kind, an empty
    label); none of these is an :class:`~argmap.errors.ArgmapError`.
    """
    source = Source(**graph.graph["source"])
    nodes = [
        Node(id=nid, kind=d["kind"], label=d["label"], quotes=[_quote(q) for q in d["quotes"]],
             concept=d.get("concept"), stance=d.get("stance"), section=d.get("section"), note=d.get("note"),
             implicit=d.get("implicit", False), period=d.get("period"), direction=d.get("direction"),
             draft=d.get("draft"))
        for nid, d in graph.nodes(data=True)
    ]
    edges = [
        Edge(u, v, d["rel"], sign=d.get("sign"), quote=_quote(d["quote"]) if d.get("quote") else None,
             note=d.get("note"), period=d.get("period"), draft=d.get("draft"))
        for u, v, d in sorted(graph.edges(data=True), key=lambda uvd: uvd[2].get("order", 0))
    ]
    return ArgumentMap(source, nodes, edges, excluded=[_quote(q) for q in graph.graph.get("excluded", [])],
                       vocabulary=graph.graph.get("vocabulary"))
