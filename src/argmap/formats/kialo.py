"""Importing Kialo discussions from the text file Kialo and Kialo Edu export.

An export starts ``Discussion Title: ...``, then numbers every claim by its place in the
tree, one claim per line (a claim may continue on further lines)::

    1. Towns should keep libraries open at night.
    1.1. Pro: Students need a quiet place to study.
    1.1.1. Con: -> See 1.2.
    1.2. Con: Longer hours cost money.

* ``1.`` (the root claim) is the thesis;
* ``N.M. Pro: text`` is a claim that ``supports`` its parent ``N.``, ``Con`` one that
  ``attacks`` it;
* ``N.M. Pro: -> See X.Y.`` (a claim linked in a second place) is one more edge from claim
  ``X.Y`` to the parent;
* ``N.M. Thesis: text`` (a multi-thesis discussion under a question) is a claim; the
  thesis is then the root of the largest argument;
* the title becomes the source's title; ``Sources:`` and lines before the first claim are
  left out with a notice.

Node ids are the claims' places without the final dot (``1.2.1``); labels are the claims'
texts with Markdown links reduced to their words and Kialo's backslash escapes removed. An
export has no source text: a text is generated from the claims as written (links included),
one per paragraph, as for other imports without a source.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from argmap.errors import LoadError, Problem
from argmap.files import decode, read_bytes
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

__all__ = ["from_kialo", "import_kialo", "import_kialo_file", "read_kialo"]

_TITLE = re.compile(r"^\s*Discussion Title:\s*(.*?)\s*$")
_CLAIM = re.compile(r"^\s*((?:\d+\.)+)\s*(?:(Pro|Con|Thesis)\s*:\s*)?(.*?)\s*$", re.IGNORECASE)
_LINK = re.compile(r"^->\s*See\s+((?:\d+\.)*\d+\.?)\s*$", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")
_FOOTNOTE = re.compile(r"\[\d+\]")


class _Claim:
    def __init__(self, stance: str, first: str, line: int) -> None:
        self.stance, self.lines, self.line = stance, [first], line

    @property
    def body(self) -> str:
        return "\n".join(self.lines).strip()


def _label(text: str) -> str:
    """A claim's words: Markdown links reduced to their text, escapes and footnote marks removed."""
    text = _MARKDOWN_LINK.sub(lambda m: m.group(1), text)
    text = _FOOTNOTE.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return " ".join(text.split())


def import_kialo(
    data: str,
    *,
    thesis: str | None = None,
    text: str | None = None,
    source_file: str | None = None,
    source_id: str = "kialo-import",
    path: str | os.PathLike[str] | None = None,
) -> Imported:
    """Import a Kialo discussion export (see the module), with notices.

    ``thesis`` (a claim's place, ``1.2``) overrides the root claim; ``text`` is a source
    text the claims are quoted from (anchored tolerantly); without it one is generated.
    Raises :class:`~argmap.errors.LoadError` where no numbered claim is found, a claim's
    place has no parent, or ``thesis`` names no claim.
    """
    p = Path(path) if path is not None else None
    notices = Notices(p)
    title = None
    claims: dict[str, _Claim] = {}
    order: list[str] = []
    current: str | None = None
    skipped: list[int] = []
    sources_at = None
    for number, raw in enumerate(data.splitlines(), start=1):
        line = raw.rstrip()
        if title is None and not claims and (m := _TITLE.match(line)):
            title = m.group(1) or None
            continue
        if sources_at is None and line.strip().lower() in ("sources:", "sources"):
            sources_at = number
            current = None
            continue
        if sources_at is not None:
            continue
        m = _CLAIM.match(line)
        place = m.group(1).rstrip(".") if m else ""
        if m and (place == "1" or place.rsplit(".", 1)[0] in claims):
            if place in claims:
                raise LoadError(Problem(f"claim {place}. is numbered twice", path=p, line=number, column=1,
                                        code="kialo"))
            claims[place] = _Claim((m.group(2) or "").capitalize(), m.group(3), number)
            order.append(place)
            current = place
        elif current is not None:
            claims[current].lines.append(line)
        elif line.strip():
            skipped.append(number)
    if not claims:
        raise LoadError(Problem("no Kialo claim found: an export numbers its claims `1.`, `1.1. Pro: ...`",
                                path=p, line=1, column=1, hint="export the discussion from Kialo as a text file",
                                code="kialo"))
    if skipped:
        notices.add(f"{len(skipped)} line(s) before the first claim are not claims: left out (lines "
                    f"{', '.join(map(str, skipped[:10]))}{' ...' if len(skipped) > 10 else ''})",
                    at=(skipped[0], 1), code="kialo-skipped")
    if sources_at is not None:
        notices.add("the `Sources:` list at the end is left out (the claims keep their links)",
                    at=(sources_at, 1), code="kialo-sources")
    nodes: list[Node] = []
    edges: list[Edge] = []
    located: dict[str, tuple[int | None, int | None]] = {}
    for place in order:
        claim = claims[place]
        stance, body, number = claim.stance, claim.body, claim.line
        located[place] = (number, 1)
        parent = place.rsplit(".", 1)[0] if "." in place else None
        relation = {"Pro": Relation.SUPPORTS, "Con": Relation.ATTACKS}.get(stance)
        link = _LINK.match(body)
        if link:
            target = link.group(1).rstrip(".")
            if target not in claims or _LINK.match(claims[target].body) or parent is None or relation is None:
                notices.add(f"claim {place}. links to {target}., which this export does not hold as a claim: "
                            "left out", at=(number, 1), code="kialo-link")
                continue
            note = f"Kialo {place}: {stance} (the claim {target} linked here)"
            edges.append(Edge(target, parent, relation, note=note))
            continue
        label = _label(body)
        if not label or not quotable(body):
            notices.add(f"claim {place}. has no text: left out", at=(number, 1), code="kialo-empty")
            continue
        note = f"Kialo {place}" + (f": {stance}" if stance else "")
        nodes.append(Node(place, Kind.CLAIM, label, Quote(body), note=note))
        if parent is not None and relation is not None:
            edges.append(Edge(place, parent, relation))
    kept = {n.id for n in nodes}
    dropped = [e for e in edges if e.source not in kept or e.target not in kept]
    for e in dropped:
        notices.add(f"edge {e.source} -> {e.target} names a claim that was left out: left out",
                    at=located.get(e.source, (None, None)), code="kialo-link")
    edges = [e for e in edges if e not in dropped]
    ids = [n.id for n in nodes]
    theses = [x for x in order if claims[x].stance == "Thesis" and x in kept]
    if thesis is not None or theses or "1" not in kept:
        sources = {e.source for e in edges}
        roots = [x for x in (theses or dict.fromkeys(e.target for e in edges)) if x not in sources]
        chosen = pick_thesis(roots, ids, thesis.rstrip(".") if thesis else None, path=p, what="claim",
                             option="--thesis PLACE", located=located, edges=edges, notices=notices)
    else:
        chosen = "1"
    source = Source(id=source_id, file=source_file or f"{source_id}.source.txt", title=title)
    amap = ArgumentMap(source, mark_thesis(nodes, chosen), edges)
    header = (f"[Generated by argmap from the Kialo export {p.name if p else '(text)'}: the texts of its "
              "claims, one per paragraph, so that every quote is verbatim.]")
    return finish(amap, text=text, source_file=source_file, header=header, generate=True, notices=notices,
                  tolerant=True, located=located)


def from_kialo(data: str, *, thesis: str | None = None, text: str | None = None,
               source_file: str | None = None) -> ArgumentMap:
    """The map in a Kialo export; see :func:`import_kialo` (and the errors it raises)."""
    return import_kialo(data, thesis=thesis, text=text, source_file=source_file).map


def import_kialo_file(
    path: str | os.PathLike[str],
    *,
    thesis: str | None = None,
    text: str | os.PathLike[str] | None = None,
    source_file: str | None = None,
) -> Imported:
    """Import a Kialo export file (``.txt``); write the result with
    :func:`argmap.formats.write_imported`, which writes the generated source text beside it.

    Raises :class:`~argmap.errors.LoadError` where a file cannot be read or is not a Kialo
    export (see :func:`import_kialo`).
    """
    p = Path(path)
    source_text = None
    converted = None
    if text is not None:
        source_text, converted = read_source_text(Path(text))
        source_file = source_file or str(text)
    imported = import_kialo(decode(read_bytes(p), p), thesis=thesis, text=source_text, source_file=source_file,
                            source_id=clean_id(p.stem) or "kialo-import", path=p)
    if converted is None:
        return imported
    import attrs

    return attrs.evolve(imported, source_text=source_text, notices=(converted, *imported.notices))


def read_kialo(path: str | os.PathLike[str], *, thesis: str | None = None,
               text: str | os.PathLike[str] | None = None, source_file: str | None = None) -> ArgumentMap:
    """The map in a Kialo export file; see :func:`import_kialo_file` (and the errors it raises)."""
    return import_kialo_file(path, thesis=thesis, text=text, source_file=source_file).map
