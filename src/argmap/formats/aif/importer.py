"""Importing AIF: I-nodes become nodes, scheme nodes edges, the dialogue layer provenance.

The import runs in phases, one method each of :class:`_Import`: the shapes and ids of the
nodes and edges; the dialogue layer (who asserted what); the I-nodes; the scheme nodes;
what is left out (each with a notice); and the source, thesis and quotes.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from argmap.errors import LoadError, Problem
from argmap.files import read_bytes
from argmap.formats import _json
from argmap.formats._common import (
    Imported,
    Notices,
    clean_id,
    finish,
    mark_thesis,
    pick_thesis,
    quotable,
    read_source_text,
)
from argmap.formats._structure import resolve_loops
from argmap.formats.aif.reader import (
    CAUSAL,
    DIALOGUE,
    MAX_LINKS,
    S_TYPES,
    AifReader,
    Locate,
    own_node,
    own_source,
    relation_info,
    short,
)
from argmap.model import ArgumentMap, Edge, Kind, Node, Quote, Relation, Sign, Source

__all__ = ["from_aif", "import_aif", "import_aif_file", "read_aif"]


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

    Raises :class:`~argmap.errors.LoadError` for data that is not AIF, and where the thesis
    cannot be told (name it with ``thesis``).
    """
    return _Import(data, path=Path(path) if path is not None else None, locate=None).run(
        thesis=thesis, text=text, source_file=source_file, source_id=source_id)


def _wrapped(data: Any) -> tuple[Any, str | None, tuple[str, ...]]:
    """The AIF graph of a document, the analysed text that came with it, and where the graph
    is: OVA3 and xAIF put the graph under ``"AIF"`` and the text under ``"text"`` (a string,
    or an object whose ``txt`` is one)."""
    if isinstance(data, dict) and "nodes" not in data and isinstance(data.get("AIF"), dict):
        text = data.get("text")
        if isinstance(text, dict):
            text = text.get("txt")
        return data["AIF"], text if isinstance(text, str) and text.strip() else None, ("AIF",)
    return data, None, ()


def from_aif(
    data: Any,
    *,
    thesis: str | None = None,
    text: str | None = None,
    source_file: str | None = None,
    source_id: str = "aif-import",
) -> ArgumentMap:
    """The map in AIF data; see :func:`import_aif` for the notices, the generated text and
    the errors raised."""
    return import_aif(data, thesis=thesis, text=text, source_file=source_file, source_id=source_id).map


def read_aif(
    path: str | os.PathLike[str],
    *,
    thesis: str | None = None,
    text: str | os.PathLike[str] | None = None,
    source_file: str | None = None,
) -> ArgumentMap:
    """The map in an AIF JSON file; see :func:`import_aif_file` (and the errors it raises)."""
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
    Raises :class:`~argmap.errors.LoadError` for a file that cannot be read or is not AIF.
    """
    p = Path(path)
    root = _json.parse(read_bytes(p), p)
    source_text = None
    converted = None
    if text is not None:
        source_text, converted = read_source_text(Path(text))
        source_file = source_file or str(text)
    data = _json.to_python(root)
    _graph, _text, prefix = _wrapped(data)
    job = _Import(data, path=p, locate=lambda where: _json.locate(root, (*prefix, *where)))
    if converted is not None:
        job.notices.items.append(converted)
    return job.run(thesis=thesis, text=source_text, source_file=source_file,
                   source_id=clean_id(p.stem) or "aif-import", keep_text=converted is not None)


class _Import:
    """One AIF document being imported; each phase fills in what the next one reads."""

    def __init__(self, data: Any, *, path: Path | None, locate: Locate | None) -> None:
        self.data, self.analysed_text, _prefix = _wrapped(data)
        self.path = path
        self.r = AifReader(path, locate)
        self.notices = Notices(path)
        self.nodes: dict[str, tuple[int, dict[str, Any], str]] = {}  # id -> (index, node, type)
        self.ins: dict[str, list[str]] = defaultdict(list)
        self.outs: dict[str, list[str]] = defaultdict(list)
        self.graph_info: Any = None
        self.anchored_by: dict[str, list[str]] = defaultdict(list)  # I or S node -> provenance notes
        self.used_dialogue: set[str] = set()
        self.argmap_id: dict[str, str] = {}
        self.built: list[Node] = []
        self.foreign = 0
        self.wordings: dict[str, list[str]] = defaultdict(list)  # I-node -> its locutions' texts
        self.rephrases: set[tuple[str, str]] = set()

    def run(self, *, thesis: str | None, text: str | None, source_file: str | None, source_id: str,
            keep_text: bool = False) -> Imported:
        self.shapes()
        self.dialogue()
        self.i_nodes()
        edges = self.schemes()
        self.leftovers()
        return self.finish(edges, thesis=thesis, text=text, source_file=source_file, source_id=source_id,
                           keep_text=keep_text)

    # --- helpers -----------------------------------------------------------------------------

    def where(self, nid: str) -> tuple[int | None, int | None]:
        return self.r.at(("nodes", self.nodes[nid][0]))

    def typed(self, ids: list[str], *kinds: str) -> list[str]:
        return [x for x in dict.fromkeys(ids) if self.nodes[x][2] in kinds]

    # --- 1. shapes and ids -------------------------------------------------------------------

    def shapes(self) -> None:
        r, data = self.r, self.data
        if not isinstance(data, dict):
            r.error((), f"an AIF file must be a JSON object with `nodes` and `edges`, found {type(data).__name__}")
            r.raise_if_any()
        raw_nodes = r.items(data, "nodes")
        raw_edges = r.items(data, "edges")
        self.graph_info = data.get("argmap")
        for i, item in raw_nodes:
            nid = r.ident(item, ("nodes", i), "nodeID")
            kind = item.get("type")
            if not isinstance(kind, str):
                r.error(("nodes", i, "type") if "type" in item else ("nodes", i),
                        f'node `type` must be a string such as "I" or "RA", found {kind!r:.40}')
                continue
            if not isinstance(item.get("text", ""), str):
                r.error(("nodes", i, "text"), f"node `text` must be a string, found {item['text']!r:.40}")
                continue
            if nid is None:
                continue
            if nid in self.nodes:
                r.error(("nodes", i, "nodeID"), f"duplicate nodeID {nid!r} (first in node {self.nodes[nid][0] + 1})")
                continue
            self.nodes[nid] = (i, item, kind)
        links: list[tuple[int, str, str]] = []
        for i, item in raw_edges:
            a, b = r.ident(item, ("edges", i), "fromID"), r.ident(item, ("edges", i), "toID")
            if a is not None and b is not None:
                links.append((i, a, b))
        r.raise_if_any()
        for i, a, b in links:
            missing = [x for x in (a, b) if x not in self.nodes]
            if missing:
                self.notices.add(f"edge from {a!r} to {b!r} names no node {missing[0]!r}: left out",
                                 at=r.at(("edges", i)), code="aif-dangling-edge")
                continue
            self.outs[a].append(b)
            self.ins[b].append(a)

    # --- 2. the dialogue layer: who asserted what, which transition anchors which inference --

    def dialogue(self) -> None:
        nodes, typed = self.nodes, self.typed
        persons = {
            str(loc.get("nodeID")): loc.get("personID")
            for loc in self.data.get("locutions") or []
            if isinstance(loc, dict) and loc.get("personID") is not None
        }
        own_ids = {nid for nid, (_i, item, kind) in nodes.items() if kind == "I" and "argmap" in item}
        for yid, (_i, item, kind) in nodes.items():
            if kind != "YA":
                continue
            targets = typed(self.outs[yid], "I", *S_TYPES)
            speakers = typed(self.ins[yid], "L", "TA")
            if not targets or not speakers:
                continue
            if len(targets) * len(speakers) > MAX_LINKS:
                continue  # not a dialogue structure: reported later as anchoring nothing
            if self.graph_info is not None and all(t in own_ids for t in targets):
                self.used_dialogue.update([yid, *speakers])  # argmap's own L-nodes: they repeat the quotes
                continue
            for s in speakers:
                stext = nodes[s][1].get("text", "")
                if nodes[s][2] == "L":
                    who = f" by person {persons[s]}" if s in persons else ""
                    note = (f"asserted in AIF locution {s}{who}: {short(stext, 100_000)} "
                            f"({item.get('text') or 'YA'} {yid})")
                    for t in targets:
                        self.wordings[t].extend(_spoken(stext))
                else:
                    froms = ", ".join(typed(self.ins[s], "L")) or "?"
                    tos = ", ".join(typed(self.outs[s], "L")) or "?"
                    note = f"AIF transition {s} (locution {froms} to {tos}), {item.get('text') or 'YA'} {yid}"
                for t in targets:
                    self.anchored_by[t].append(note)
            self.used_dialogue.update([yid, *speakers])
            for s in speakers:  # the locutions a transition joins are part of its provenance
                if nodes[s][2] == "TA":
                    self.used_dialogue.update(typed(self.ins[s] + self.outs[s], "L"))

    # --- 3. I-nodes --------------------------------------------------------------------------

    def i_nodes(self) -> None:
        r = self.r
        taken: set[str] = set()
        for nid, (i, item, kind) in self.nodes.items():
            if kind != "I":
                continue
            itext = item.get("text", "")
            if "argmap" in item and self.graph_info is not None:
                node = r.info(("nodes", i), own_node, item["argmap"], itext)
                if node is None:
                    continue
            else:
                node = self._foreign_node(nid, i, itext, taken)
            if node.id in taken:
                r.error(("nodes", i), f"two I-nodes map to node id {node.id!r}")
                continue
            taken.add(node.id)
            self.argmap_id[nid] = node.id
            self.built.append(node)
        r.raise_if_any()

    def _foreign_node(self, nid: str, i: int, itext: str, taken: set[str]) -> Node:
        """An I-node another tool wrote: a claim whose label and quote are its text."""
        self.foreign += 1
        new_id = clean_id(nid) or f"i{i + 1}"
        while new_id in taken:
            new_id += "'"
        if quotable(itext):
            label, quote = " ".join(itext.split()), itext
        else:
            label = quote = f"[I-node {nid} without text]"
            self.notices.add(f"I-node {nid!r} has no text: its label and quote say so",
                             at=self.where(nid), code="aif-empty")
        parts = self.anchored_by.get(nid, [])
        return Node(id=new_id, kind=Kind.CLAIM, label=label, quotes=Quote(quote),
                    note="; ".join(parts) if parts else None)

    # --- 4. scheme nodes ---------------------------------------------------------------------

    def schemes(self) -> list[Edge]:
        r, typed, argmap_id = self.r, self.typed, self.argmap_id
        own_edges: list[tuple[int, Edge]] = []
        edges: list[Edge] = []
        for sid, (i, item, kind) in self.nodes.items():
            if kind not in S_TYPES:
                continue
            premises = [argmap_id[x] for x in typed(self.ins[sid], "I") if x in argmap_id]
            conclusions = [argmap_id[x] for x in typed(self.outs[sid], "I") if x in argmap_id]
            undercut = typed(self.outs[sid], *S_TYPES)
            scheme = item.get("scheme") or item.get("text") or kind
            scheme = scheme if isinstance(scheme, str) else kind
            if kind == "PA":
                self.notices.add(
                    f"PA node {sid!r} (preference: {', '.join(premises) or '?'} over "
                    f"{', '.join(conclusions) or '?'}) has no argmap equivalent: left out",
                    at=self.where(sid), code="aif-preference")
                continue
            if kind == "CA" and undercut:
                # argmap's edges join statements: an attack on an inference (or on another attack) is
                # recorded on that scheme's premises, which keeps its polarity, as the arggraph import
                # does (on the conclusion, an undercut of an objection would attack the thesis it defends)
                for target in undercut:
                    hit = [argmap_id[x] for x in typed(self.ins[target], "I") if x in argmap_id]
                    hit = hit or [argmap_id[x] for x in typed(self.outs[target], "I") if x in argmap_id]
                    conclusions.extend(c for c in hit if c not in conclusions)
                what = ", ".join(f"{self.nodes[t][2]} node {t}" for t in undercut)
                self.notices.add(f"CA node {sid!r} undercuts the scheme {what}: imported as attacks on its premises "
                                 f"({', '.join(conclusions) or 'none found'}), whose truth it does not deny",
                                 at=self.where(sid), code="aif-undercut")
            if not premises or not conclusions:
                self.notices.add(f"{kind} node {sid!r} ({scheme}) lacks a premise or a conclusion: left out",
                                 at=self.where(sid), code="aif-incomplete")
                continue
            if len(premises) * len(conclusions) > MAX_LINKS:
                line, column = self.where(sid)
                raise LoadError(Problem(
                    f"{kind} node {sid!r} links {len(premises)} premises to {len(conclusions)} "
                    "conclusions: more than argmap can take for one inference",
                    path=self.path, line=line, column=column,
                    hint="an AIF scheme node has one conclusion; check the file", code="aif-too-many-links"))
            info = item.get("argmap") if self.graph_info is not None else None
            if info is not None:
                parsed = r.info(("nodes", i), relation_info, info)
                if parsed is None:
                    continue
                order, relation, quote, options = parsed
                own_edges.extend((order, Edge(p, c, relation, quote=quote, **options))
                                 for p in premises for c in conclusions)
                continue
            edges.extend(self._foreign_edges(sid, kind, scheme, premises, conclusions, undercut))
        r.raise_if_any()
        return [e for _o, e in sorted(own_edges, key=lambda oe: oe[0])] + edges

    def _foreign_edges(self, sid: str, kind: str, scheme: str, premises: list[str], conclusions: list[str],
                       undercut: list[str]) -> list[Edge]:
        """The edges of a scheme node another tool wrote, each noting where it came from."""
        sign = None
        parts = [f"AIF {kind} node {sid}" + (f" ({scheme})" if scheme != kind else "")]
        if kind == "MA":
            relation = Relation.SUPPORTS
            parts.append("a rephrase of the premise")
            self.rephrases.update((p, c) for p in premises for c in conclusions)
        elif kind == "CA":
            relation = Relation.ATTACKS
            if undercut:
                parts.append(f"undercuts the inference {', '.join(undercut)}: an attack on that inference, "
                             "recorded on its premise")
        elif CAUSAL.search(scheme):
            relation, sign = Relation.CAUSES, Sign.HELPS
            parts.append("sign + assumed (AIF does not record it)")
        else:
            relation = Relation.SUPPORTS
        if len(premises) > 1:
            parts.append(f"linked premises {', '.join(premises)}")
        parts.extend(self.anchored_by.get(sid, []))
        return [Edge(p, c, relation, sign=sign, note="; ".join(parts)) for p in premises for c in conclusions]

    # --- 5. what the import leaves out -------------------------------------------------------

    def leftovers(self) -> None:
        for nid, (_i, item, kind) in self.nodes.items():
            if kind in DIALOGUE and nid not in self.used_dialogue:
                text_part = f": {short(item.get('text', ''))}" if kind == "L" else ""
                self.notices.add(f"{kind} node {nid!r}{text_part} anchors no proposition or inference: "
                                 "kept only in this notice", at=self.where(nid), code="aif-dialogue")
            elif kind not in DIALOGUE and kind not in S_TYPES and kind != "I":
                self.notices.add(f"node {nid!r} of type {kind!r} is not an AIF type argmap knows: left out",
                                 at=self.where(nid), code="aif-unknown-type")

    # --- 6. source, thesis, quotes -----------------------------------------------------------

    def finish(self, all_edges: list[Edge], *, thesis: str | None, text: str | None, source_file: str | None,
               source_id: str, keep_text: bool = False) -> Imported:
        r, path = self.r, self.path
        vocabulary = None
        excluded: tuple[Quote, ...] = ()
        if self.graph_info is not None:
            own = r.info((), own_source, self.graph_info)
            r.raise_if_any()
            assert own is not None  # a problem was raised otherwise
            source, vocabulary, excluded = own
            if self.foreign:
                self.notices.add(f"{self.foreign} I-node(s) were added outside argmap: their texts may not occur "
                                 f"in the source text {source.file!r}", code="aif-mixed")
        else:
            source = Source(id=source_id, file=source_file or f"{source_id}.source.txt")
        built = self.built
        if not built:
            line, column = r.at(("nodes",))
            raise LoadError(Problem("the AIF file holds no I-node (proposition) to import",
                                    path=path, line=line, column=column, code="aif-empty"))
        located = {self.argmap_id[k]: self.where(k) for k in self.argmap_id}
        foreign = self.graph_info is None
        if foreign:
            rephrases = {(self.argmap_id.get(a, a), self.argmap_id.get(b, b)) for a, b in self.rephrases}
            built, all_edges = resolve_loops(built, all_edges, self.notices, rephrases=rephrases,
                                             where=lambda n: located.get(n, (None, None)))
        ids = [n.id for n in built]
        if thesis is not None or not any(n.kind is Kind.THESIS for n in built):
            sources_of = {e.source for e in all_edges}
            candidates = [n for n in dict.fromkeys(e.target for e in all_edges) if n not in sources_of]
            rank = {node_id: k for k, node_id in enumerate(ids)}
            candidates.sort(key=rank.__getitem__)
            chosen = pick_thesis(candidates, ids, self.argmap_id.get(thesis, thesis) if thesis else None,
                                 path=path, what="I-node", located=located, edges=all_edges,
                                 notices=self.notices)
            built = mark_thesis(built, chosen)
        amap = ArgumentMap(source, built, all_edges, excluded=excluded, vocabulary=vocabulary)
        header = (f"[Generated by argmap from the AIF file {path.name if path else '(data)'}: the texts "
                  "of its I-nodes, one per paragraph, so that every quote is verbatim.]")
        analysed = text is None and foreign and self.analysed_text is not None
        if analysed:
            text = self.analysed_text
            self.notices.add("the file carries the analysed text (`text`): the I-nodes are anchored in it, "
                             "and it is written beside the map as its source text", code="aif-analysed-text")
        wordings = {self.argmap_id[k]: v for k, v in self.wordings.items() if k in self.argmap_id}
        return finish(amap, text=text, source_file=source_file, header=header, generate=foreign,
                      notices=self.notices, tolerant=foreign, wordings=wordings, located=located,
                      keep_text=keep_text or analysed)


_SPEAKER = re.compile(r"^[^:\n]{1,80}?\s*:\s+")


def _spoken(locution: str) -> list[str]:
    """The wordings an AIF locution offers for its proposition: AIFdb and OVA write the
    speaker first (``Speaker : words``); the words alone come first, then the whole text."""
    out: list[str] = []
    rest = locution
    while (m := _SPEAKER.match(rest)) is not None and len(out) < 3:
        rest = rest[m.end():]
        if rest.strip():
            out.append(rest)
    return [*out, locution]
