"""GraphML, for graph tools (Gephi, yEd, Cytoscape, networkx), written by networkx.

Every field becomes a GraphML attribute: on nodes ``kind``, ``label``, ``concept``,
``stance``, ``section``, ``note`` and ``quotes``; on edges ``rel``, ``sign``, ``quote``,
``note`` and ``order`` (the edge's place in the map); on the graph the source's metadata,
``vocabulary`` and ``excluded``. Quotes, with their offsets, are JSON text, since GraphML
attributes hold single values. Fields that are empty are left out. ``from_graphml``
reverses ``to_graphml`` exactly; text that XML 1.0 cannot hold (control characters other
than tab and line breaks) is refused with :class:`~argmap.errors.ExportError`.

networkx is imported inside the functions: it costs about 200 ms.
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path
from typing import Any

from argmap.codec import (
    edge_options,
    edge_options_from_data,
    node_options,
    node_options_from_data,
    quote_from_data,
    quote_to_data,
    source_from_data,
    source_to_data,
)
from argmap.errors import ExportError, LoadError, Problem
from argmap.files import MAX_BYTES, read_bytes, write_text
from argmap.formats._common import check_exportable
from argmap.model import ArgumentMap, Edge, Node

__all__ = ["from_graphml", "read_graphml", "to_graphml", "write_graphml"]

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def _check(where: str, value: str) -> str:
    bad = _NOT_XML.search(value)
    if bad is not None:
        raise ExportError(
            f"cannot write GraphML: {where} holds the character U+{ord(bad.group()):04X}, "
            "which XML 1.0 cannot hold; remove it from the map"
        )
    return value


def _put(attrs: dict[str, Any], key: str, value: Any, where: str) -> None:
    if value is None:
        return
    attrs[key] = _check(f"{where} `{key}`", value) if isinstance(value, str) else value


def to_graphml(amap: ArgumentMap) -> str:
    """The map as GraphML text; every field kept as an attribute (see the module docs)."""
    import networkx as nx

    check_exportable(amap, "GraphML")
    graph = nx.MultiDiGraph()
    s = amap.source
    for key, value in source_to_data(s).items():
        _put(graph.graph, f"source_{key}", value, "the source")
    _put(graph.graph, "vocabulary", amap.vocabulary, "the map")
    if amap.excluded:
        graph.graph["excluded"] = json.dumps(
            [quote_to_data(q) for q in amap.excluded], ensure_ascii=False
        )
    for n in amap.nodes:
        data: dict[str, Any] = {}
        where = f"node {n.id!r}"
        _check(f"{where} id", n.id)
        _put(data, "kind", n.kind.value, where)
        _put(data, "label", n.label, where)
        for key, value in node_options(n).items():
            _put(data, key, value, where)
        data["quotes"] = _check(
            f"{where} quotes", json.dumps([quote_to_data(q) for q in n.quotes], ensure_ascii=False)
        )
        graph.add_node(n.id, **data)
    for i, e in enumerate(amap.edges):
        data = {"rel": e.relation.value, "order": i}
        where = f"edge {e.source!r} -> {e.target!r}"
        for key, value in edge_options(e).items():
            _put(data, key, value, where)
        if e.quote is not None:
            data["quote"] = _check(
                f"{where} quote", json.dumps(quote_to_data(e.quote), ensure_ascii=False)
            )
        graph.add_edge(e.source, e.target, **data)
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    # XML readers turn a raw carriage return into a line feed; a character reference survives.
    return buffer.getvalue().decode("utf-8").replace("\r", "&#13;")


def write_graphml(amap: ArgumentMap, path: str | os.PathLike[str]) -> Path:
    """Write the map as a GraphML file, atomically."""
    return write_text(path, to_graphml(amap))


def _text(data: dict[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{where} attribute `{key}` must be text, got {value!r:.40}")
    return value


def _quotes(raw: Any, where: str) -> Any:
    if not isinstance(raw, str):
        raise TypeError(f"{where} needs a `quotes` attribute (JSON text)")
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise ValueError(f"{where} `quotes` is not JSON: {exc}") from None


def from_graphml(text: str | bytes, *, path: str | os.PathLike[str] | None = None) -> ArgumentMap:
    """Read a map from GraphML written by :func:`to_graphml` (or edited in a graph tool).

    Raises :class:`~argmap.errors.LoadError` where the XML is broken or an attribute is
    missing or of the wrong type. Nodes keep their document order, edges their ``order``.
    """
    import networkx as nx

    p = Path(path) if path is not None else None
    data = text.encode("utf-8") if isinstance(text, str) else text
    if len(data) > MAX_BYTES:
        raise LoadError(
            Problem(
                f"input is larger than argmap's limit of {MAX_BYTES // 2**20} MiB",
                path=p,
                code="too-large",
            )
        )
    doctype = _DOCTYPE.search(data)
    if doctype is not None:
        at_line, at_column = _at(data, doctype.start())
        raise LoadError(
            Problem(
                "GraphML with a DOCTYPE or entity declarations is refused",
                path=p,
                line=at_line,
                column=at_column,
                hint="GraphML never needs them; they can make a small file expand without bound",
                code="graphml-doctype",
            )
        )
    try:
        graph = nx.parse_graphml(data, node_type=str, force_multigraph=True)
    except Exception as exc:  # ElementTree, expat and networkx raise a wide variety
        line, column = _xml_position(exc)
        if line is None:  # networkx's own errors: point at the graph, else the file's start
            line, column = _find(data, r"<graph\b")
        if line is None:
            line, column = 1, 1
        raise LoadError(
            Problem(
                f"not readable as GraphML: {exc}", path=p, line=line, column=column, code="graphml"
            )
        ) from None
    element = r"<graph\b"  # where to point a problem: the element being read
    try:
        g = graph.graph
        source = source_from_data({"id": str(g.get("source_id", "")), "file": _text(g, "source_file", "the graph")
                                   or "", **{k: g.get(f"source_{k}") for k in ("title", "author", "venue", "year",
                                                                               "name", "note")}})
        nodes = []
        for nid, d in graph.nodes(data=True):
            where = f"node {nid!r}"
            element = rf'<node\b[^>]*\bid="{re.escape(_attr(nid))}"'
            nodes.append(
                Node(
                    id=nid,
                    kind=d.get("kind", ""),
                    label=_text(d, "label", where) or "",
                    quotes=[quote_from_data(q) for q in _quotes(d.get("quotes"), where)],
                    **node_options_from_data(d),
                )
            )
        edges: list[tuple[int, Edge]] = []
        for u, v, d in graph.edges(data=True):
            where = f"edge {u!r} -> {v!r}"
            element = (
                rf'<edge\b[^>]*\bsource="{re.escape(_attr(u))}"'
                rf'[^>]*\btarget="{re.escape(_attr(v))}"'
            )
            quote = _text(d, "quote", where)
            edges.append(
                (
                    d.get("order", len(edges)) if isinstance(d.get("order"), int) else 10**9,
                    Edge(
                        u,
                        v,
                        d.get("rel", ""),
                        quote=quote_from_data(_quotes(quote, where)) if quote is not None else None,
                        **edge_options_from_data(d),
                    ),
                )
            )
        excluded_raw = g.get("excluded")
        excluded = (
            [quote_from_data(q) for q in _quotes(excluded_raw, "the graph")] if excluded_raw else []
        )
        return ArgumentMap(
            source,
            nodes,
            [e for _o, e in sorted(edges, key=lambda oe: oe[0])],
            excluded=excluded,
            vocabulary=_text(g, "vocabulary", "the graph"),
            path=p,
        )
    except (TypeError, ValueError, KeyError) as exc:
        line, column = _find(data, element)
        raise LoadError(
            Problem(
                f"not an argmap GraphML graph: {exc}",
                path=p,
                line=line,
                column=column,
                code="graphml",
                hint="argmap reads GraphML it wrote (attributes kind, label, quotes, rel, ...)",
            )
        ) from None


def _attr(value: str) -> str:
    """A value as ElementTree writes it in an attribute."""
    for raw, escaped in (
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ('"', "&quot;"),
        ("\n", "&#10;"),
        ("\r", "&#13;"),
        ("\t", "&#09;"),
    ):
        value = value.replace(raw, escaped)
    return value


def _at(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (1-based, in characters) of a byte offset into ``data``."""
    text = data[:offset].decode("utf-8", "replace")
    return text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1


def _find(data: bytes, pattern: str) -> tuple[int | None, int | None]:
    """Line and column of the element a problem is about (networkx keeps no positions)."""
    text = data.decode("utf-8", "replace")
    found = re.search(pattern, text) or re.search(r"<graph\b", text)
    if found is None:
        return None, None
    start = found.start()
    return text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1


def _xml_position(exc: Exception) -> tuple[int | None, int | None]:
    position = getattr(exc, "position", None)
    if isinstance(position, tuple) and len(position) == 2:
        return position[0], position[1] + 1
    return None, None


def read_graphml(path: str | os.PathLike[str]) -> ArgumentMap:
    """Read a GraphML file written by :func:`write_graphml`."""
    p = Path(path)
    return from_graphml(read_bytes(p), path=p)
