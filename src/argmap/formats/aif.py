"""AIF, the Argument Interchange Format, in the JSON dialect of AIFdb and OVA.

**Export.** Each node becomes an I-node whose text is the node's label; each of its quotes
becomes an L-node (the author's locution) that asserts the I-node through a YA-node
``Asserting``. A ``supports`` edge becomes an RA-node ``Default Inference``, ``attacks`` a
CA-node ``Default Conflict``, ``causes`` an RA-node with the scheme ``Cause To Effect``.
What AIF has no place for (kind, concept, stance, section, notes, the causal sign, quote
offsets, the source's metadata) goes into an ``argmap`` member of the nodes and of the
graph, which AIF tools ignore, so that ``from_aif(to_aif(m)) == m``.

**Import.** I-nodes become nodes (their text is both label and quote), RA-nodes ``supports``
edges (``causes``, sign ``+``, where the scheme is cause-to-effect), CA-nodes ``attacks``,
MA-nodes (rephrase) ``supports`` edges noted as rephrases; a CA-node that attacks an
RA-node (undercut) becomes ``attacks`` edges on that inference's conclusion. The dialogue
layer (L, YA, TA nodes) is kept as provenance in the notes of the nodes and edges it
anchors; PA-nodes and dialogue nodes that anchor nothing are reported as notices. The thesis
is the conclusion that premises nothing; where several are, pass ``thesis``.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, NotRequired, TypedDict, TypeVar

from argmap import _yaml
from argmap.errors import ExportError, LoadError, Problem
from argmap.formats import _json
from argmap.formats._common import (
    Imported,
    Notices,
    clean_id,
    dump_json,
    finish,
    mark_thesis,
    pick_thesis,
    quotable,
    quote_from_data,
    quote_to_data,
)
from argmap.model import ArgumentMap, Edge, Kind, Node, Quote, Relation, Sign, Source
from argmap.yamlio import write_text

__all__ = [
    "AifEdge",
    "AifGraph",
    "AifLocution",
    "AifNode",
    "ArgmapGraphInfo",
    "ArgmapNodeInfo",
    "ArgmapRelationInfo",
    "QuoteData",
    "dumps_aif",
    "from_aif",
    "import_aif",
    "import_aif_file",
    "read_aif",
    "to_aif",
    "write_aif",
]

#: Version of the ``argmap`` members argmap writes into AIF files.
FORMAT_VERSION = 1

T = TypeVar("T")
NodeType = Literal["I", "L", "RA", "CA", "MA", "PA", "YA", "TA"]


# --- wire types ------------------------------------------------------------------------------


class QuoteData(TypedDict):
    """A quote with its character offsets in the source text."""

    text: str
    spans: list[list[int]]


class ArgmapNodeInfo(TypedDict):
    """What argmap keeps on an I-node beyond its text (the label)."""

    id: str
    kind: str
    label: str
    quotes: list[str | QuoteData]
    concept: NotRequired[str]
    stance: NotRequired[str]
    section: NotRequired[str]
    note: NotRequired[str]


class ArgmapRelationInfo(TypedDict):
    """What argmap keeps on an RA- or CA-node: the edge's relation, sign, quote and note."""

    order: int
    relation: str
    sign: NotRequired[str]
    quote: NotRequired[str | QuoteData]
    note: NotRequired[str]


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


# --- export ----------------------------------------------------------------------------------

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


def _check_exportable(amap: ArgumentMap, fmt: str) -> None:
    """Formats that link by id need unique node ids and edges between known nodes."""
    seen: set[str] = set()
    for n in amap.nodes:
        if n.id in seen:
            raise ExportError(
                f"cannot write {fmt}: node id {n.id!r} is used twice "
                "(run `argmap validate` to find every problem)"
            )
        seen.add(n.id)
    for e in amap.edges:
        for end in (e.source, e.target):
            if end not in seen:
                raise ExportError(
                    f"cannot write {fmt}: an edge refers to unknown node {end!r} "
                    "(run `argmap validate` to find every problem)"
                )


def _node_info(n: Node) -> ArgmapNodeInfo:
    info: ArgmapNodeInfo = {
        "id": n.id,
        "kind": n.kind.value,
        "label": n.label,
        "quotes": [_quote_data(q) for q in n.quotes],
    }
    if n.concept is not None:
        info["concept"] = n.concept
    if n.stance is not None:
        info["stance"] = n.stance.value
    if n.section is not None:
        info["section"] = n.section
    if n.note is not None:
        info["note"] = n.note
    return info


def _quote_data(q: Quote) -> str | QuoteData:
    data = quote_to_data(q)
    return data if isinstance(data, str) else QuoteData(text=data["text"], spans=data["spans"])


def to_aif(amap: ArgumentMap) -> AifGraph:
    """The map as an AIF graph (JSON-ready dicts), with argmap's own fields kept aside.

    Raises :class:`~argmap.errors.ExportError` where node ids repeat or an edge names an
    unknown node: AIF links nodes by id.
    """
    _check_exportable(amap, "AIF")
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
        if e.sign is not None:
            info["sign"] = e.sign.value
        if e.quote is not None:
            info["quote"] = _quote_data(e.quote)
        if e.note is not None:
            info["note"] = e.note
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
        "source": {
            "id": s.id,
            "file": s.file,
            "title": s.title,
            "author": s.author,
            "venue": s.venue,
            "year": s.year,
        },
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
    """Write the map as an AIF JSON file, atomically."""
    return write_text(path, dumps_aif(amap))


# --- import ----------------------------------------------------------------------------------

_S_TYPES = {"RA", "CA", "MA", "PA"}
#: Premises times conclusions of one scheme node (or speakers times targets of a YA node)
#: past which a file is refused: a real inference has a handful, a hostile one could ask
#: for billions of edges.
_MAX_LINKS = 10_000
_DIALOGUE = {"L", "YA", "TA"}
_CAUSAL = re.compile(r"cause\s*to\s*effect|causal", re.IGNORECASE)
Locate = Callable[[tuple[str | int, ...]], tuple[int, int] | None]


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


class _Reader:
    """Checks the shape of untrusted AIF data, collecting located problems."""

    def __init__(self, path: Path | None, locate: Locate | None) -> None:
        self.path = path
        self.locate = locate
        self.problems: list[Problem] = []

    def at(self, where: tuple[str | int, ...]) -> tuple[int | None, int | None]:
        found = self.locate(where) if self.locate is not None else None
        return found if found is not None else (None, None)

    def error(self, where: tuple[str | int, ...], message: str, hint: str | None = None) -> None:
        line, column = self.at(where)
        self.problems.append(
            Problem(message, path=self.path, line=line, column=column, hint=hint, code="aif")
        )

    def raise_if_any(self) -> None:
        if self.problems:
            raise LoadError(self.problems)

    def items(self, data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
        value = data.get(key)
        if not isinstance(value, list):
            found = "nothing" if value is None else type(value).__name__
            self.error(
                (key,) if key in data else (),
                f"an AIF file needs `{key}`: a list; found {found}",
                "is this an AIF JSON file (from AIFdb or OVA)?",
            )
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append((i, item))
            else:
                self.error(
                    (key, i), f"`{key}` item {i + 1} must be an object, found {type(item).__name__}"
                )
        return out

    def ident(self, item: dict[str, Any], where: tuple[str | int, ...], key: str) -> str | None:
        value = item.get(key)
        if (isinstance(value, str) and value) or (
            isinstance(value, int) and not isinstance(value, bool)
        ):
            return str(value)
        self.error(
            (*where, key) if key in item else where,
            f"`{key}` must be a non-empty string or a number, found {value!r:.40}",
        )
        return None

    def info(self, where: tuple[str | int, ...], build: Callable[..., T], *args: Any) -> T | None:
        """Build a value from an ``argmap`` member, turning malformed data into a problem."""
        try:
            return build(*args)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            self.error(
                (*where, "argmap"),
                f"malformed `argmap` member: {exc}",
                "argmap writes this member; remove it to import the node as plain AIF",
            )
            return None


def _opt(info: dict[str, Any], key: str) -> Any:
    value = info.get(key)
    if value is not None and not isinstance(value, str):
        raise TypeError(f"`{key}` must be a string, got {value!r:.40}")
    return value


def _own_node(info: Any, text: str) -> Node:
    if not isinstance(info, dict):
        raise TypeError("expected an object")
    quotes = info["quotes"]
    if not isinstance(quotes, list):
        raise TypeError("`quotes` must be a list")
    label = info["label"]
    if (
        isinstance(label, str)
        and " ".join(text.split()) != " ".join(label.split())
        and quotable(text)
    ):
        label = text  # the I-node's text was edited in another tool: the edit wins
    return Node(
        id=info["id"],
        kind=info["kind"],
        label=label,
        quotes=[quote_from_data(q) for q in quotes],
        concept=_opt(info, "concept"),
        stance=_opt(info, "stance"),
        section=_opt(info, "section"),
        note=_opt(info, "note"),
    )


def _own_source(info: Any) -> tuple[Source, str | None, tuple[Quote, ...]]:
    if not isinstance(info, dict) or not isinstance(info.get("source"), dict):
        raise TypeError("expected an object with `source`")
    s = info["source"]
    year = s.get("year")
    source = Source(
        id=s["id"],
        file=s["file"],
        title=_opt(s, "title"),
        author=_opt(s, "author"),
        venue=_opt(s, "venue"),
        year=year,
    )
    exclude = info.get("exclude", [])
    if not isinstance(exclude, list):
        raise TypeError("`exclude` must be a list")
    return source, _opt(info, "vocabulary"), tuple(quote_from_data(q) for q in exclude)


def _relation_info(info: Any) -> tuple[int, Relation, Sign | None, Quote | None, str | None]:
    if not isinstance(info, dict):
        raise TypeError("expected an object")
    order = info["order"]
    if type(order) is not int:
        raise TypeError(f"`order` must be a whole number, got {order!r:.40}")
    quote = info.get("quote")
    sign = info.get("sign")
    return (
        order,
        Relation(info["relation"]),
        Sign(sign) if sign is not None else None,
        quote_from_data(quote) if quote is not None else None,
        _opt(info, "note"),
    )


def import_aif(
    data: Any,
    *,
    thesis: str | None = None,
    text: str | None = None,
    source_file: str | None = None,
    source_id: str = "aif-import",
    path: str | os.PathLike[str] | None = None,
) -> Imported:
    """Import AIF data (a decoded JSON document), with notices about what was not carried over.

    ``thesis`` names the I-node (by ``nodeID``) to take as the thesis where the file does not
    tell; ``text`` is the source text the I-node texts are quoted from, recorded as
    ``source_file``. Without ``text``, a file argmap did not write gets a generated source
    text (see :class:`~argmap.formats.Imported`). ``path`` is used in messages.
    """
    return _import(
        data,
        thesis=thesis,
        text=text,
        source_file=source_file,
        source_id=source_id,
        path=Path(path) if path is not None else None,
        locate=None,
    )


def from_aif(
    data: Any,
    *,
    thesis: str | None = None,
    text: str | None = None,
    source_file: str | None = None,
    source_id: str = "aif-import",
) -> ArgumentMap:
    """The map in AIF data; see :func:`import_aif` for the notices and the generated text."""
    return import_aif(
        data, thesis=thesis, text=text, source_file=source_file, source_id=source_id
    ).map


def read_aif(
    path: str | os.PathLike[str],
    *,
    thesis: str | None = None,
    text: str | os.PathLike[str] | None = None,
    source_file: str | None = None,
) -> ArgumentMap:
    """The map in an AIF JSON file; see :func:`import_aif_file`."""
    return import_aif_file(path, thesis=thesis, text=text, source_file=source_file).map


def import_aif_file(
    path: str | os.PathLike[str],
    *,
    thesis: str | None = None,
    text: str | os.PathLike[str] | None = None,
    source_file: str | None = None,
) -> Imported:
    """Import an AIF JSON file; problems are reported with their line and column.

    ``text`` is the path of the source text; ``source.file`` records it as ``source_file``
    (default: the path as given). Write the result with :func:`argmap.formats.write_imported`.
    """
    p = Path(path)
    root = _json.parse(_yaml.read_bytes(p), p)
    source_text = None
    if text is not None:
        source_text = _yaml.decode(_yaml.read_bytes(Path(text)), Path(text))
        source_file = source_file or str(text)
    return _import(
        _json.to_python(root),
        thesis=thesis,
        text=source_text,
        source_file=source_file,
        source_id=clean_id(p.stem) or "aif-import",
        path=p,
        locate=lambda where: _json.locate(root, where),
    )


def _import(
    data: Any,
    *,
    thesis: str | None,
    text: str | None,
    source_file: str | None,
    source_id: str,
    path: Path | None,
    locate: Locate | None,
) -> Imported:
    r = _Reader(path, locate)
    notices = Notices(path)
    if not isinstance(data, dict):
        r.error(
            (),
            "an AIF file must be a JSON object with `nodes` and `edges`, "
            f"found {type(data).__name__}",
        )
        r.raise_if_any()
    raw_nodes = r.items(data, "nodes")
    raw_edges = r.items(data, "edges")
    graph_info = data.get("argmap")

    # 1. shapes and ids
    nodes: dict[str, tuple[int, dict[str, Any], str]] = {}  # id -> (index, node, type)
    for i, item in raw_nodes:
        nid = r.ident(item, ("nodes", i), "nodeID")
        kind = item.get("type")
        if not isinstance(kind, str):
            r.error(
                ("nodes", i, "type") if "type" in item else ("nodes", i),
                f'node `type` must be a string such as "I" or "RA", found {kind!r:.40}',
            )
            continue
        if not isinstance(item.get("text", ""), str):
            r.error(
                ("nodes", i, "text"), f"node `text` must be a string, found {item['text']!r:.40}"
            )
            continue
        if nid is None:
            continue
        if nid in nodes:
            r.error(
                ("nodes", i, "nodeID"),
                f"duplicate nodeID {nid!r} (first in node {nodes[nid][0] + 1})",
            )
            continue
        nodes[nid] = (i, item, kind)
    links: list[tuple[int, str, str]] = []
    for i, item in raw_edges:
        a, b = r.ident(item, ("edges", i), "fromID"), r.ident(item, ("edges", i), "toID")
        if a is not None and b is not None:
            links.append((i, a, b))
    r.raise_if_any()

    def where(nid: str) -> tuple[int | None, int | None]:
        return r.at(("nodes", nodes[nid][0]))

    ins: dict[str, list[str]] = defaultdict(list)
    outs: dict[str, list[str]] = defaultdict(list)
    for i, a, b in links:
        missing = [x for x in (a, b) if x not in nodes]
        if missing:
            notices.add(
                f"edge from {a!r} to {b!r} names no node {missing[0]!r}: left out",
                at=r.at(("edges", i)),
                code="aif-dangling-edge",
            )
            continue
        outs[a].append(b)
        ins[b].append(a)

    def typed(ids: list[str], *kinds: str) -> list[str]:
        return [x for x in dict.fromkeys(ids) if nodes[x][2] in kinds]

    persons = {
        str(loc.get("nodeID")): loc.get("personID")
        for loc in data.get("locutions") or []
        if isinstance(loc, dict) and loc.get("personID") is not None
    }

    # 2. the dialogue layer: who asserted what, which transition anchors which inference
    anchored_by: dict[str, list[str]] = defaultdict(list)  # I or S node -> provenance notes
    used_dialogue: set[str] = set()
    own_ids = {nid for nid, (_i, item, kind) in nodes.items() if kind == "I" and "argmap" in item}
    for yid, (_i, item, kind) in nodes.items():
        if kind != "YA":
            continue
        targets = typed(outs[yid], "I", *_S_TYPES)
        speakers = typed(ins[yid], "L", "TA")
        if not targets or not speakers:
            continue
        if len(targets) * len(speakers) > _MAX_LINKS:
            continue  # not a dialogue structure: reported below as anchoring nothing
        if graph_info is not None and all(t in own_ids for t in targets):
            used_dialogue.update([yid, *speakers])  # argmap's own L-nodes: they repeat the quotes
            continue
        for s in speakers:
            stext = nodes[s][1].get("text", "")
            if nodes[s][2] == "L":
                who = f" by person {persons[s]}" if s in persons else ""
                note = (
                    f"asserted in AIF locution {s}{who}: {_short(stext, 100_000)} "
                    f"({item.get('text') or 'YA'} {yid})"
                )
            else:
                froms = ", ".join(typed(ins[s], "L")) or "?"
                tos = ", ".join(typed(outs[s], "L")) or "?"
                note = (
                    f"AIF transition {s} (locution {froms} to {tos}), "
                    f"{item.get('text') or 'YA'} {yid}"
                )
            for t in targets:
                anchored_by[t].append(note)
        used_dialogue.update([yid, *speakers])
        for s in speakers:  # the locutions a transition joins are part of its provenance
            if nodes[s][2] == "TA":
                used_dialogue.update(typed(ins[s] + outs[s], "L"))

    # 3. I-nodes
    taken: set[str] = set()
    argmap_id: dict[str, str] = {}
    built: list[Node] = []
    foreign = 0
    for nid, (i, item, kind) in nodes.items():
        if kind != "I":
            continue
        itext = item.get("text", "")
        if "argmap" in item and graph_info is not None:
            node = r.info(("nodes", i), _own_node, item["argmap"], itext)
            if node is None:
                continue
        else:
            foreign += 1
            new_id = clean_id(nid) or f"i{i + 1}"
            while new_id in taken:
                new_id += "'"
            if quotable(itext):
                label, quote = " ".join(itext.split()), itext
            else:
                label = quote = f"[I-node {nid} without text]"
                notices.add(
                    f"I-node {nid!r} has no text: its label and quote say so",
                    at=where(nid),
                    code="aif-empty",
                )
            parts = anchored_by.get(nid, [])
            node = Node(
                id=new_id,
                kind=Kind.CLAIM,
                label=label,
                quotes=Quote(quote),
                note="; ".join(parts) if parts else None,
            )
        if node.id in taken:
            r.error(("nodes", i), f"two I-nodes map to node id {node.id!r}")
            continue
        taken.add(node.id)
        argmap_id[nid] = node.id
        built.append(node)
    r.raise_if_any()

    # 4. scheme nodes
    own_edges: list[tuple[int, Edge]] = []
    edges: list[Edge] = []
    for sid, (i, item, kind) in nodes.items():
        if kind not in _S_TYPES:
            continue
        premises = [argmap_id[x] for x in typed(ins[sid], "I") if x in argmap_id]
        conclusions = [argmap_id[x] for x in typed(outs[sid], "I") if x in argmap_id]
        undercut = typed(outs[sid], *_S_TYPES)
        scheme = item.get("scheme") or item.get("text") or kind
        scheme = scheme if isinstance(scheme, str) else kind
        if kind == "PA":
            notices.add(
                f"PA node {sid!r} (preference: {', '.join(premises) or '?'} over "
                f"{', '.join(conclusions) or '?'}) has no argmap equivalent: left out",
                at=where(sid),
                code="aif-preference",
            )
            continue
        if kind == "CA" and undercut:
            for target in undercut:
                hit = [argmap_id[x] for x in typed(outs[target], "I") if x in argmap_id]
                conclusions.extend(c for c in hit if c not in conclusions)
            notices.add(
                f"CA node {sid!r} attacks the inference {', '.join(undercut)}: imported as "
                f"attacks on its conclusion",
                at=where(sid),
                code="aif-undercut",
            )
        if not premises or not conclusions:
            notices.add(
                f"{kind} node {sid!r} ({scheme}) lacks a premise or a conclusion: left out",
                at=where(sid),
                code="aif-incomplete",
            )
            continue
        if len(premises) * len(conclusions) > _MAX_LINKS:
            line, column = where(sid)
            raise LoadError(
                Problem(
                    f"{kind} node {sid!r} links {len(premises)} premises to {len(conclusions)} "
                    "conclusions: more than argmap can take for one inference",
                    path=path,
                    line=line,
                    column=column,
                    hint="an AIF scheme node has one conclusion; check the file",
                    code="aif-too-many-links",
                )
            )
        info = item.get("argmap") if graph_info is not None else None
        if info is not None:
            parsed = r.info(("nodes", i), _relation_info, info)
            if parsed is None:
                continue
            order, relation, sign, quote, own_note = parsed
            for p in premises:
                for c in conclusions:
                    own_edges.append(
                        (order, Edge(p, c, relation, sign=sign, quote=quote, note=own_note))
                    )
            continue
        sign = None
        parts = [f"AIF {kind} node {sid}" + (f" ({scheme})" if scheme != kind else "")]
        if kind == "MA":
            relation = Relation.SUPPORTS
            parts.append("a rephrase of the premise")
        elif kind == "CA":
            relation = Relation.ATTACKS
            if undercut:
                parts.append(f"undercuts the inference {', '.join(undercut)}")
        elif _CAUSAL.search(scheme):
            relation, sign = Relation.CAUSES, Sign.HELPS
            parts.append("sign + assumed (AIF does not record it)")
        else:
            relation = Relation.SUPPORTS
        if len(premises) > 1:
            parts.append(f"linked premises {', '.join(premises)}")
        parts.extend(anchored_by.get(sid, []))
        for p in premises:
            for c in conclusions:
                edges.append(Edge(p, c, relation, sign=sign, note="; ".join(parts)))
    r.raise_if_any()
    all_edges = [e for _o, e in sorted(own_edges, key=lambda oe: oe[0])] + edges

    # 5. what the import leaves out
    for nid, (_i, item, kind) in nodes.items():
        if kind in _DIALOGUE and nid not in used_dialogue:
            text_part = f": {_short(item.get('text', ''))}" if kind == "L" else ""
            notices.add(
                f"{kind} node {nid!r}{text_part} anchors no proposition or inference: "
                "kept only in this notice",
                at=where(nid),
                code="aif-dialogue",
            )
        elif kind not in _DIALOGUE and kind not in _S_TYPES and kind != "I":
            notices.add(
                f"node {nid!r} of type {kind!r} is not an AIF type argmap knows: left out",
                at=where(nid),
                code="aif-unknown-type",
            )

    # 6. source, thesis, quotes
    vocabulary = None
    excluded: tuple[Quote, ...] = ()
    if graph_info is not None:
        own = r.info((), _own_source, graph_info)
        r.raise_if_any()
        assert own is not None  # a problem was raised otherwise
        source, vocabulary, excluded = own
        if foreign:
            notices.add(
                f"{foreign} I-node(s) were added outside argmap: their texts may not occur "
                f"in the source text {source.file!r}",
                code="aif-mixed",
            )
    else:
        source = Source(id=source_id, file=source_file or f"{source_id}.source.txt")
    if not built:
        line, column = r.at(("nodes",))
        raise LoadError(
            Problem(
                "the AIF file holds no I-node (proposition) to import",
                path=path,
                line=line,
                column=column,
                code="aif-empty",
            )
        )
    ids = [n.id for n in built]
    if thesis is not None or not any(n.kind is Kind.THESIS for n in built):
        sources_of = {e.source for e in all_edges}
        candidates = [n for n in dict.fromkeys(e.target for e in all_edges) if n not in sources_of]
        rank = {node_id: k for k, node_id in enumerate(ids)}
        candidates.sort(key=rank.__getitem__)
        chosen = pick_thesis(
            candidates,
            ids,
            argmap_id.get(thesis, thesis) if thesis else None,
            path=path,
            what="I-node",
            located={argmap_id[k]: where(k) for k in argmap_id},
        )
        built = mark_thesis(built, chosen)
    amap = ArgumentMap(source, built, all_edges, excluded=excluded, vocabulary=vocabulary)
    header = (
        f"[Generated by argmap from the AIF file {path.name if path else '(data)'}: the texts "
        "of its I-nodes, one per paragraph, so that every quote is verbatim.]"
    )
    return finish(
        amap,
        text=text,
        source_file=source_file,
        header=header,
        generate=graph_info is None,
        notices=notices,
    )
