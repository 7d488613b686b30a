"""A map's parts as plain data (strings, numbers, booleans, lists and dicts) and back.

The YAML writer and every interchange format that carries argmap's own fields (argmap JSON,
the ``argmap`` members of AIF, GraphML attributes, Argdown data blocks) use these functions,
so that a field added to the model is written and read the same way everywhere. The
``*_from_data`` functions take untrusted data and raise ``TypeError``, ``ValueError`` or
``KeyError`` (each caller turns that into a located problem of its format).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from argmap.model import ArgumentMap, Edge, Node, Quote, Source, Span

__all__ = [
    "edge_options",
    "edge_options_from_data",
    "map_to_data",
    "node_options",
    "node_options_from_data",
    "quote_from_data",
    "quote_to_data",
    "source_from_data",
    "source_to_data",
]


def quote_to_data(q: Quote, *, spans: bool = True) -> str | dict[str, Any]:
    """A quote as data: its text, or ``{text, occurrence, spans}`` where it chooses an
    occurrence or (with ``spans``) has been anchored."""
    data: dict[str, Any] = {"text": q.text}
    if q.occurrence is not None:
        data["occurrence"] = q.occurrence
    if spans and q.spans:
        data["spans"] = [[s.start, s.end] for s in q.spans]
    return q.text if len(data) == 1 else data


def quote_from_data(value: Any) -> Quote:
    """The inverse of :func:`quote_to_data`."""
    if isinstance(value, str):
        return Quote(value)
    if not isinstance(value, Mapping) or not isinstance(value.get("text"), str):
        raise TypeError(f"a quote must be a string or {{text, spans}}, got {value!r:.60}")
    unknown = sorted(set(value) - {"text", "spans", "occurrence"})
    if unknown:
        raise TypeError(f"a quote takes text, occurrence and spans, not {', '.join(unknown)}")
    spans = value.get("spans", [])
    if not isinstance(spans, list) or not all(
        isinstance(s, list) and len(s) == 2 and all(type(v) is int for v in s) for s in spans
    ):
        raise TypeError(f"quote spans must be a list of [start, end] pairs, got {spans!r:.60}")
    return Quote(value["text"], spans=tuple(Span(a, b) for a, b in spans), occurrence=value.get("occurrence"))


def _text_or_none(data: Mapping[str, Any], key: str) -> Any:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise TypeError(f"`{key}` must be a string, got {value!r:.40}")
    return value


def source_to_data(s: Source) -> dict[str, Any]:
    """The source's fields; the stated metadata always (null where the text is silent),
    ``name`` and ``note`` where set."""
    data: dict[str, Any] = {"id": s.id, "file": s.file, "title": s.title, "author": s.author,
                            "venue": s.venue, "year": s.year}
    if s.name is not None:
        data["name"] = s.name
    if s.note is not None:
        data["note"] = s.note
    return data


def source_from_data(data: Mapping[str, Any]) -> Source:
    """The inverse of :func:`source_to_data`."""
    year = data.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise TypeError(f"`year` must be a whole number, got {year!r:.40}")
    return Source(id=data["id"], file=data["file"], title=_text_or_none(data, "title"),
                  author=_text_or_none(data, "author"), venue=_text_or_none(data, "venue"), year=year,
                  name=_text_or_none(data, "name"), note=_text_or_none(data, "note"))


def node_options(n: Node) -> dict[str, Any]:
    """The optional fields of a node that are set, in the file format's order (the quotes
    go between ``section`` and ``note`` in a map file)."""
    data: dict[str, Any] = {}
    if n.implicit:
        data["implicit"] = True
    for key in ("concept", "direction", "stance", "period", "section", "note"):
        value = getattr(n, key)
        if value is not None:
            data[key] = str(value)
    if n.draft is not None:
        data["draft"] = n.draft
    return data


def node_options_from_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments of :class:`~argmap.Node` for the optional fields in ``data``."""
    out: dict[str, Any] = {key: _text_or_none(data, key)
                           for key in ("concept", "direction", "stance", "period", "section", "note")}
    implicit = data.get("implicit", False)
    if not isinstance(implicit, bool):
        raise TypeError(f"`implicit` must be true or false, got {implicit!r:.40}")
    out["implicit"] = implicit
    out["draft"] = data.get("draft")
    return out


def edge_options(e: Edge) -> dict[str, Any]:
    """The optional fields of an edge that are set (the quote apart), in the file's order."""
    data: dict[str, Any] = {}
    if e.sign is not None:
        data["sign"] = e.sign.value
    if e.period is not None:
        data["period"] = e.period
    if e.note is not None:
        data["note"] = e.note
    if e.draft is not None:
        data["draft"] = e.draft
    return data


def edge_options_from_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments of :class:`~argmap.Edge` for the optional fields in ``data``
    (the quote apart)."""
    return {"sign": _text_or_none(data, "sign"), "period": _text_or_none(data, "period"),
            "note": _text_or_none(data, "note"), "draft": data.get("draft")}


def _quotes_data(quotes: tuple[Quote, ...], spans: bool) -> Any:
    return quote_to_data(quotes[0], spans=spans) if len(quotes) == 1 else [quote_to_data(q, spans=spans)
                                                                           for q in quotes]


def map_to_data(amap: ArgumentMap, *, spans: bool = False) -> dict[str, Any]:
    """The map as plain data in the map file's layout (keys in documented order); with
    ``spans``, anchored quotes carry their offsets (argmap JSON)."""
    data: dict[str, Any] = {"source": source_to_data(amap.source)}
    if amap.vocabulary is not None:
        data["vocabulary"] = amap.vocabulary
    nodes = []
    for n in amap.nodes:
        item: dict[str, Any] = {"id": n.id, "kind": n.kind.value, "label": n.label}
        options = node_options(n)
        note, draft = options.pop("note", None), options.pop("draft", None)
        item.update(options)
        if n.quotes:
            item["quote"] = _quotes_data(n.quotes, spans)
        if note is not None:
            item["note"] = note
        if draft is not None:
            item["draft"] = draft
        nodes.append(item)
    data["nodes"] = nodes
    edges = []
    for e in amap.edges:
        edge: dict[str, Any] = {"from": e.source, "to": e.target, "rel": e.relation.value}
        options = edge_options(e)
        note, draft = options.pop("note", None), options.pop("draft", None)
        edge.update(options)
        if e.quote is not None:
            edge["quote"] = quote_to_data(e.quote, spans=spans)
        if note is not None:
            edge["note"] = note
        if draft is not None:
            edge["draft"] = draft
        edges.append(edge)
    data["edges"] = edges
    if amap.excluded:
        data["exclude"] = [quote_to_data(q, spans=spans) for q in amap.excluded]
    return data
