"""Importing arggraph XML, the format of the Argumentative Microtexts corpus (Peldszus & Stede).

An arggraph segments a text into EDUs (elementary discourse units), groups them (through
``joint`` nodes where several EDUs make one unit) into ADUs (argumentative discourse units,
each the proponent's or the opponent's), and links ADUs by typed edges:

* an ADU becomes a node: its label the text of its EDUs, a quote per EDU, its role
  (proponent or opponent) in the note; ``seg`` edges (EDU or joint to ADU) say which EDUs;
* ``sup`` and ``exa`` (support, support by example) become ``supports`` (``exa`` noted),
  ``reb`` (rebutting attack) ``attacks``;
* ``und`` (undercut: an attack on another edge, i.e. on an inference) becomes ``attacks``
  on the premise (source ADU) of the edge it undercuts, noted as an undercut of that
  inference. argmap has no edges on edges; attacking the inference's premise weakens that
  inference and keeps the undercut's polarity (an undercut of an attack defends the
  attacked claim), where attacking the conclusion would not;
* ``add`` (an additional premise of another edge) becomes the same relation from this ADU
  to that edge's target, noted as a linked premise;
* the ADU that supports, attacks, undercuts and adds to nothing (the central claim) is the
  thesis.

Quotes are EDU texts, verbatim: with the corpus's ``.txt`` (``text``), each is found there
exactly; without it a source text is generated from the EDUs. Every edge or element the
import cannot place is reported in a notice.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path
from xml.parsers import expat

from argmap.errors import LoadError, Problem
from argmap.files import MAX_BYTES, read_bytes
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
from argmap.model import ArgumentMap, Edge, Kind, Node, Quote, Relation, Source

__all__ = ["from_arggraph", "import_arggraph", "import_arggraph_file", "read_arggraph"]

_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ROLES = {"pro": "proponent", "opp": "opponent"}


class _Element:
    def __init__(self, tag: str, attrs: dict[str, str], line: int, column: int) -> None:
        self.tag, self.attrs, self.line, self.column = tag, attrs, line, column
        self.text: list[str] = []


def _parse(data: bytes, path: Path | None) -> tuple[_Element | None, list[_Element]]:
    """The root element and its children, with their lines and columns (1-based)."""
    if len(data) > MAX_BYTES:
        raise LoadError(Problem(f"input is larger than argmap's limit of {MAX_BYTES // 2**20} MiB",
                                path=path, code="too-large"))
    if found := _ENTITY.search(data):
        line = data.count(b"\n", 0, found.start()) + 1
        column = found.start() - (data.rfind(b"\n", 0, found.start()) + 1) + 1
        raise LoadError(Problem("arggraph XML with entity declarations is refused", path=path, line=line,
                                column=column,
                                hint="arggraph never needs them; they can make a small file expand without bound",
                                code="arggraph-entity"))
    parser = expat.ParserCreate()
    stack: list[_Element] = []
    root: list[_Element] = []
    children: list[_Element] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        element = _Element(tag, attrs, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        if not stack:
            root.append(element)
        elif len(stack) == 1:
            children.append(element)
        stack.append(element)

    def end(_tag: str) -> None:
        stack.pop()

    def chars(text: str) -> None:
        if stack:
            stack[-1].text.append(text)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise LoadError(Problem(f"not readable as XML: {expat.ErrorString(exc.code)}", path=path,
                                line=exc.lineno, column=exc.offset + 1, code="arggraph")) from None
    return (root[0] if root else None), children


def import_arggraph(
    data: str | bytes,
    *,
    thesis: str | None = None,
    text: str | None = None,
    source_file: str | None = None,
    source_id: str = "arggraph-import",
    path: str | os.PathLike[str] | None = None,
) -> Imported:
    """Import arggraph XML (see the module for what becomes what), with notices.

    ``text`` is the source text the EDUs are quoted from (the corpus's ``.txt``), recorded
    as ``source_file``; without it a source text is generated from the EDUs. ``thesis`` (an
    ADU id) overrides the central claim. Raises :class:`~argmap.errors.LoadError` for XML
    that is broken, declares entities or is not an arggraph, or a ``thesis`` that is no ADU.
    """
    p = Path(path) if path is not None else None
    raw = data.encode("utf-8") if isinstance(data, str) else data
    root, children = _parse(raw, p)
    if root is None or root.tag != "arggraph":
        raise LoadError(Problem(f"not an arggraph file: the root element is <{root.tag if root else ''}>",
                                path=p, line=root.line if root else 1, column=root.column if root else 1,
                                hint="arggraph files (arg-microtexts) start with <arggraph id=...>",
                                code="arggraph"))
    notices = Notices(p)
    edus: dict[str, _Element] = {}
    adus: dict[str, _Element] = {}
    joints: set[str] = set()
    edges: dict[str, _Element] = {}
    problems: list[Problem] = []
    for el in children:
        ident = el.attrs.get("id")
        if el.tag not in ("edu", "adu", "joint", "edge"):
            notices.add(f"<{el.tag}> is not an arggraph element: left out", at=(el.line, el.column),
                        code="arggraph-unknown")
            continue
        if not ident:
            problems.append(Problem(f"<{el.tag}> has no `id`", path=p, line=el.line, column=el.column,
                                    code="arggraph"))
            continue
        if ident in edus or ident in adus or ident in joints or ident in edges:
            problems.append(Problem(f"id {ident!r} is used twice", path=p, line=el.line, column=el.column,
                                    code="arggraph"))
            continue
        if el.tag == "edu":
            edus[ident] = el
        elif el.tag == "adu":
            adus[ident] = el
        elif el.tag == "joint":
            joints.add(ident)
        else:
            if not all(el.attrs.get(k) for k in ("src", "trg", "type")):
                problems.append(Problem(f"edge {ident!r} needs `src`, `trg` and `type`", path=p, line=el.line,
                                        column=el.column, code="arggraph"))
                continue
            edges[ident] = el
    if problems:
        raise LoadError(problems)
    if not adus:
        raise LoadError(Problem("the arggraph holds no ADU to import", path=p, line=root.line,
                                column=root.column, code="arggraph-empty"))
    # Segmentation: EDU -> ADU, EDU -> joint -> ADU.
    parts: dict[str, list[str]] = defaultdict(list)
    for e in edges.values():
        if e.attrs["type"] == "seg":
            parts[e.attrs["trg"]].append(e.attrs["src"])
    edu_order = {k: i for i, k in enumerate(edus)}

    def edus_of(unit: str, depth: int = 0) -> list[str]:
        if unit in edus:
            return [unit]
        if depth > 10:
            return []
        return [x for part in parts.get(unit, []) for x in edus_of(part, depth + 1)]

    nodes: list[Node] = []
    located: dict[str, tuple[int | None, int | None]] = {}
    used_edus: set[str] = set()
    for aid, el in adus.items():
        mine = sorted(dict.fromkeys(edus_of(aid)), key=edu_order.__getitem__)
        used_edus.update(mine)
        texts = [" ".join("".join(edus[x].text).split()) for x in mine]
        texts = [t for t in texts if quotable(t)]
        role = _ROLES.get(el.attrs.get("type", ""), el.attrs.get("type") or "no role")
        note = f"arggraph ADU {aid} ({role})" + (f", EDUs {', '.join(mine)}" if mine else "")
        located[aid] = (el.line, el.column)
        if texts:
            nodes.append(Node(aid, Kind.CLAIM, " ".join(texts), [Quote(t) for t in texts], note=note))
        else:
            notices.add(f"ADU {aid!r} is segmented from no EDU with text: imported as an implicit node",
                        at=(el.line, el.column), code="arggraph-no-text")
            nodes.append(Node(aid, Kind.CLAIM, f"[ADU {aid} without text]", implicit=True,
                              note=note + "; the arggraph gives it no text"))
    for eid, el in edus.items():
        if eid not in used_edus:
            notices.add(f"EDU {eid!r} belongs to no ADU (not argumentative): kept only in the source text",
                        at=(el.line, el.column), code="arggraph-edu")
    out = _relations(edges, adus, notices)
    ids = [n.id for n in nodes]
    sources = {e.attrs["src"] for e in edges.values() if e.attrs["type"] != "seg"}
    central = [a for a in adus if a not in sources]
    chosen = pick_thesis(central, ids, thesis, path=p, what="ADU", option="--thesis ADU-ID", located=located,
                         edges=out, notices=notices)
    # `topic_id` names the prompt several texts answer, not the text: a note, not the title (as a
    # title it became every such text's display name, so a comparison showed one name three times)
    topic = root.attrs.get("topic_id")
    source = Source(id=clean_id(root.attrs.get("id", "")) or source_id, file=source_file or f"{source_id}.source.txt",
                    note=f"arggraph topic: {topic}" if topic else None)
    amap = ArgumentMap(source, mark_thesis(nodes, chosen), out)
    header = (f"[Generated by argmap from the arggraph file {p.name if p else '(data)'}: the texts of its "
              "EDUs, one per paragraph, so that every quote is verbatim.]")
    return finish(amap, text=text, source_file=source_file, header=header, generate=True, notices=notices,
                  tolerant=True, located=located)


def _relations(edges: dict[str, _Element], adus: dict[str, _Element], notices: Notices) -> list[Edge]:
    """The argmap edges of an arggraph's argumentative edges (see the module's table)."""

    def resolve(eid: str, depth: int = 0) -> tuple[Relation, str, str] | None:
        """An edge's relation, target ADU and description; None where it leads nowhere."""
        el = edges.get(eid)
        if el is None or depth > 20:
            return None
        kind, src, trg = el.attrs["type"], el.attrs["src"], el.attrs["trg"]
        if kind in ("sup", "exa", "reb"):
            if trg not in adus:
                return None
            relation = Relation.ATTACKS if kind == "reb" else Relation.SUPPORTS
            return relation, trg, f"{src} {'rebuts' if kind == 'reb' else 'supports'} {trg}"
        if kind == "und":
            target = edges.get(trg)
            if target is None:
                return None
            premise = target.attrs["src"]
            if premise not in adus:
                return None
            return Relation.ATTACKS, premise, f"{src} undercuts {trg}"
        if kind == "add":
            return resolve(trg, depth + 1)
        return None

    out: list[Edge] = []
    for eid, el in edges.items():
        kind, src, trg = el.attrs["type"], el.attrs["src"], el.attrs["trg"]
        if kind == "seg":
            continue
        at = (el.line, el.column)
        if kind not in ("sup", "exa", "reb", "und", "add"):
            notices.add(f"edge {eid!r} has type {kind!r}, which arggraph does not define: left out", at=at,
                        code="arggraph-unknown")
            continue
        resolved = resolve(eid)
        if src not in adus or resolved is None:
            notices.add(f"{kind} edge {eid!r} from {src!r} to {trg!r} does not join ADUs (or edges between them): "
                        "left out", at=at, code="arggraph-dangling")
            continue
        relation, target, _what = resolved
        parts = [f"arggraph {kind} edge {eid}"]
        if kind == "exa":
            parts.append("support by example")
        if kind == "und":
            inner = edges[trg]
            what = "rebuts" if inner.attrs["type"] == "reb" else inner.attrs["type"]
            parts.append(f"undercuts the inference {trg} ({inner.attrs['src']} {what} {inner.attrs['trg']}): "
                         f"an attack on that inference, recorded on its premise {target}, whose truth it "
                         "does not deny")
            notices.add(f"und edge {eid!r}: {src} undercuts the inference {trg}; imported as an attack on its "
                        f"premise {target!r}, noted as an undercut", at=at, code="arggraph-undercut")
        if kind == "add":
            base = edges[trg]
            parts.append(f"a linked premise: joins {base.attrs['src']} in edge {trg} ({_what})")
        out.append(Edge(src, target, relation, note="; ".join(parts)))
    return out


def from_arggraph(data: str | bytes, *, thesis: str | None = None, text: str | None = None,
                  source_file: str | None = None) -> ArgumentMap:
    """The map in arggraph XML; see :func:`import_arggraph` (and the errors it raises)."""
    return import_arggraph(data, thesis=thesis, text=text, source_file=source_file).map


def import_arggraph_file(
    path: str | os.PathLike[str],
    *,
    thesis: str | None = None,
    text: str | os.PathLike[str] | None = None,
    source_file: str | None = None,
) -> Imported:
    """Import an arggraph XML file; problems are reported with their line and column.

    ``text`` is the path of the source text (the corpus's ``.txt`` beside the ``.xml``);
    ``source.file`` records it as ``source_file`` (default: the path as given). Raises
    :class:`~argmap.errors.LoadError` where a file cannot be read or is not an arggraph.
    """
    p = Path(path)
    source_text = None
    converted = None
    if text is not None:
        source_text, converted = read_source_text(Path(text))
        source_file = source_file or str(text)
    imported = import_arggraph(read_bytes(p), thesis=thesis, text=source_text, source_file=source_file,
                               source_id=clean_id(p.stem) or "arggraph-import", path=p)
    if converted is None:
        return imported
    import attrs

    return attrs.evolve(imported, source_text=source_text, notices=(converted, *imported.notices))


def read_arggraph(path: str | os.PathLike[str], *, thesis: str | None = None,
                  text: str | os.PathLike[str] | None = None, source_file: str | None = None) -> ArgumentMap:
    """The map in an arggraph XML file; see :func:`import_arggraph_file` (and the errors it raises)."""
    return import_arggraph_file(path, thesis=thesis, text=text, source_file=source_file).map
