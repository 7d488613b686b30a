"""Importing brat standoff annotations (``.ann`` beside its ``.txt``), as the Argument
Annotated Essays corpus (Stab & Gurevych) uses them.

brat stores annotations apart from the text, one per line, by character offsets
``[start, end)`` into the ``.txt`` (brat's "Annotation data format"):

* ``T1⇥MajorClaim 503 575⇥text`` (text-bound): a node quoting exactly that passage; the
  first ``MajorClaim`` is the thesis, later ones (the essay restating it) are merged into
  it as further quotes;
* ``T2⇥Claim ...``, ``T3⇥Premise ...`` (or any other type): a claim node, its type in the
  note; discontinuous spans ``0 5;9 12`` make one quote joined by `` ... ``;
* ``R1⇥supports Arg1:T3 Arg2:T2`` / ``attacks``: ``supports`` / ``attacks`` from Arg1 to Arg2;
* ``A1⇥Stance T2 For`` / ``Against`` on a claim: the claim ``supports`` / ``attacks`` the
  thesis;
* ``#1⇥AnnotatorNotes T2⇥text``: the node's note;
* events (``E``), normalisations (``N``), equivalences (``*``), other relations and
  attributes: a notice each, left out.

Offsets are exact, so every quote is the source's own passage at the annotated place (with
the ``occurrence`` that makes ``argmap validate`` find it there). Where no MajorClaim is
annotated, the thesis is inferred as for other imports.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from argmap.anchoring import spans_quote
from argmap.errors import LoadError, Problem
from argmap.files import decode, read_bytes
from argmap.formats._common import Imported, Notices, clean_id, finish, mark_thesis, pick_thesis, read_source_text
from argmap.model import ArgumentMap, Edge, Kind, Node, Quote, Relation, Source, Span
from argmap.quotes import SourceText

__all__ = ["from_brat", "import_brat", "import_brat_file", "read_brat"]

_TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
_RELATION = re.compile(r"^(R\d+)\t(\S+) Arg1:(\S+) Arg2:(\S+)\s*$")
_ATTRIBUTE = re.compile(r"^([AM]\d+)\t(\S+) (\S+)(?: (\S+))?\s*$")
_NOTE = re.compile(r"^(#\d+)\t(\S+) (\S+)\t(.*)$")
_RELATIONS = {"supports": Relation.SUPPORTS, "attacks": Relation.ATTACKS}
_STANCES = {"for": Relation.SUPPORTS, "against": Relation.ATTACKS}


def import_brat(
    ann: str,
    text: str,
    *,
    thesis: str | None = None,
    source_file: str = "source.txt",
    source_id: str = "brat-import",
    path: str | os.PathLike[str] | None = None,
) -> Imported:
    """Import brat standoff annotations ``ann`` of the text ``text`` (see the module).

    ``thesis`` (a T id) overrides the MajorClaim. Raises :class:`~argmap.errors.LoadError`
    for a line brat does not define, offsets outside the text, a recorded text that differs
    from the text at its offsets, or references to annotations that do not exist.
    """
    p = Path(path) if path is not None else None
    notices = Notices(p)
    source = SourceText(text)
    problems: list[Problem] = []
    bound: dict[str, tuple[str, list[Span], int]] = {}  # id -> (type, spans, line)
    relations: list[tuple[str, str, str, str, int]] = []
    attributes: list[tuple[str, str, str, str | None, int]] = []
    notes: dict[str, list[str]] = {}

    def problem(line: int, message: str, hint: str | None = None) -> None:
        problems.append(Problem(message, path=p, line=line, column=1, hint=hint, code="brat"))

    for number, raw in enumerate(ann.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if m := _TEXT_BOUND.match(line):
            ident, kind, offsets, recorded = m.groups()
            spans = []
            for part in offsets.split(";"):
                a, b = (int(x) for x in part.split())
                if not 0 <= a < b <= len(text):
                    problem(number, f"{ident}: offsets {a}-{b} lie outside the text ({len(text)} characters)",
                            "is the .txt the one these annotations were made on?")
                    break
                spans.append(Span(a, b))
            else:
                shown = " ".join(text[s.start:s.end] for s in spans)
                if " ".join(shown.split()) != " ".join(recorded.split()):
                    problem(number, f"{ident}: the text at {offsets} is {shown[:60]!r}, the annotation says "
                                    f"{recorded[:60]!r}", "is the .txt the one these annotations were made on?")
                    continue
                if ident in bound:
                    problem(number, f"{ident} is defined twice")
                    continue
                bound[ident] = (kind, spans, number)
        elif m := _RELATION.match(line):
            ident, kind, arg1, arg2 = m.groups()
            relations.append((ident, kind, arg1, arg2, number))
        elif m := _ATTRIBUTE.match(line):
            ident, name, target, value = m.groups()
            attributes.append((ident, name, target, value, number))
        elif m := _NOTE.match(line):
            _ident, _kind, target, note = m.groups()
            notes.setdefault(target, []).append(note.strip())
        elif line[:1] in ("E", "N", "*"):
            notices.add(f"brat {'event' if line[0] == 'E' else 'normalisation' if line[0] == 'N' else 'equivalence'}"
                        f" annotation {line.split()[0]!r} has no argmap equivalent: left out", at=(number, 1),
                        code="brat-unsupported")
        else:
            problem(number, f"not a brat standoff line: {line[:60]!r}",
                    "lines start with T (text-bound), R (relation), A (attribute), E, N, * or # (note)")
    if problems:
        raise LoadError(problems)
    if not bound:
        raise LoadError(Problem("the .ann file holds no text-bound annotation to import", path=p, code="brat-empty"))
    majors = [i for i, (kind, _s, _n) in bound.items() if kind.lower() == "majorclaim"]
    merged: dict[str, str] = dict.fromkeys(majors[1:], majors[0]) if majors else {}
    nodes: list[Node] = []
    located: dict[str, tuple[int | None, int | None]] = {}
    quotes_of: dict[str, list[Quote]] = {}
    for ident, (_kind, spans, number) in bound.items():
        quote = spans_quote(source, spans)
        if quote is None:
            raise LoadError(Problem(f"{ident}: the annotated passage has nothing a quote can hold", path=p,
                                    line=number, column=1, code="brat"))
        owner = merged.get(ident, ident)
        quotes_of.setdefault(owner, []).append(quote)
        located.setdefault(owner, (number, 1))
    for ident, (kind, spans, _number) in bound.items():
        if ident in merged:
            continue
        quotes = quotes_of[ident]
        parts = [f"brat {kind} {ident}"]
        restated = [m for m, owner in merged.items() if owner == ident]
        if restated:
            parts.append(f"restated as {', '.join(restated)} (merged: the essay states its major claim again)")
        parts.extend(notes.get(ident, []))
        label = " ".join(" ".join(text[s.start:s.end] for s in spans).split())
        nodes.append(Node(ident, Kind.CLAIM, label, quotes, note="; ".join(parts)))
    if merged:
        notices.add(f"{len(majors)} MajorClaims ({', '.join(majors)}): the first is the thesis, the others restate "
                    "it and are merged into it as further quotes", at=located[majors[0]], code="brat-major-claims")
    edges: list[Edge] = []
    for ident, kind, arg1, arg2, number in relations:
        relation = _RELATIONS.get(kind.lower())
        ends = [merged.get(x, x) for x in (arg1, arg2)]
        if relation is None or not all(x in bound for x in (arg1, arg2)):
            why = f"relation type {kind!r} has no argmap equivalent" if relation is None else "names no annotation"
            notices.add(f"brat relation {ident} ({kind} {arg1} -> {arg2}) {why}: left out", at=(number, 1),
                        code="brat-relation")
            continue
        edges.append(Edge(ends[0], ends[1], relation, note=f"brat {ident} ({kind})"))
    for ident, name, target, value, number in attributes:
        relation = _STANCES.get((value or "").lower()) if name.lower() == "stance" else None
        if relation is None or target not in bound or not majors:
            why = ("no MajorClaim to take a stance on" if relation is not None and target in bound
                   else "has no argmap equivalent")
            notices.add(f"brat attribute {ident} ({name} {target} {value or ''}) {why}: left out".replace(" )", ")"),
                        at=(number, 1), code="brat-attribute")
            continue
        edges.append(Edge(merged.get(target, target), majors[0], relation,
                          note=f"brat {ident}: Stance {value} (towards the major claim)"))
    ids = [n.id for n in nodes]
    if thesis is None and majors:
        chosen = majors[0]
    else:
        sources = {e.source for e in edges}
        roots = [i for i in dict.fromkeys(e.target for e in edges) if i not in sources]
        chosen = pick_thesis(roots, ids, merged.get(thesis, thesis) if thesis else None, path=p,
                             what="annotation", option="--thesis T-ID", located=located, edges=edges,
                             notices=notices)
    amap = ArgumentMap(Source(id=source_id, file=source_file), mark_thesis(nodes, chosen), edges)
    return finish(amap, text=text, source_file=source_file, header="", generate=True, notices=notices,
                  tolerant=True, located=located)


def from_brat(ann: str, text: str, *, thesis: str | None = None, source_file: str = "source.txt") -> ArgumentMap:
    """The map in brat annotations of a text; see :func:`import_brat` (and the errors it raises)."""
    return import_brat(ann, text, thesis=thesis, source_file=source_file).map


def import_brat_file(
    path: str | os.PathLike[str],
    *,
    thesis: str | None = None,
    text: str | os.PathLike[str] | None = None,
    source_file: str | None = None,
) -> Imported:
    """Import a brat ``.ann`` file and the text it annotates.

    ``text`` defaults to the ``.txt`` of the same name beside it (brat's convention);
    ``source.file`` records it as ``source_file`` (default: the path as given). Raises
    :class:`~argmap.errors.LoadError` where a file cannot be read or the annotations do not
    fit the text (see :func:`import_brat`).
    """
    p = Path(path)
    text_path = Path(text) if text is not None else p.with_suffix(".txt")
    ann = decode(read_bytes(p), p)
    try:
        source_text, converted = read_source_text(text_path)
    except LoadError as exc:
        if text is None and exc.problems[0].code == "not-found":
            raise LoadError(Problem(f"brat annotations need their text: no {text_path.name} beside {p.name}",
                                    path=p, hint="give the text with --text FILE", code="brat-text")) from None
        raise
    imported = import_brat(ann, source_text, thesis=thesis, source_file=source_file or str(text_path),
                           source_id=clean_id(p.stem) or "brat-import", path=p)
    if converted is None:
        return imported
    import attrs

    return attrs.evolve(imported, source_text=source_text, notices=(converted, *imported.notices))


def read_brat(path: str | os.PathLike[str], *, thesis: str | None = None,
              text: str | os.PathLike[str] | None = None, source_file: str | None = None) -> ArgumentMap:
    """The map in a brat ``.ann`` file; see :func:`import_brat_file` (and the errors it raises)."""
    return import_brat_file(path, thesis=thesis, text=text, source_file=source_file).map
