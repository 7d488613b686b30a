"""What the importers share: the import result, generated source texts and the thesis rule."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from argmap.anchoring import Aligner, Alignment, Miss
from argmap.codec import quote_from_data, quote_to_data
from argmap.errors import ExportError, LoadError, Problem, QuoteError, Severity
from argmap.files import decode, read_bytes, write_text
from argmap.formats._structure import infer_thesis, resolve_loops
from argmap.model import ArgumentMap, Edge, Kind, Node, Quote
from argmap.quotes import SourceText, anchor, split_segments
from argmap.yamlio import dumps

__all__ = [
    "Anchoring",
    "Imported",
    "Notices",
    "anchor_tolerantly",
    "check_exportable",
    "clean_id",
    "dump_json",
    "finish",
    "mark_thesis",
    "pick_thesis",
    "quotable",
    "quote_from_data",
    "quote_to_data",
    "read_source_text",
    "write_imported",
]


@attrs.frozen
class Anchoring:
    """How an import's nodes were found in the source text given with it (counts of nodes).

    ``exact``: every quote occurs as written (layout forgiven, as ``argmap validate`` does);
    ``tolerant``: found only once case, punctuation and whitespace were ignored or a few
    characters edited (see :mod:`argmap.anchoring`; the quote is then the source's own
    passage and the label keeps the imported wording); ``implicit``: not found, or implicit
    already, kept as an implicit node with a note saying why.
    """

    exact: int = 0
    tolerant: int = 0
    implicit: int = 0

    def __str__(self) -> str:
        total = self.exact + self.tolerant + self.implicit
        return (f"{total} node(s): {self.exact} anchored exactly, {self.tolerant} tolerantly, "
                f"{self.implicit} implicit")


@attrs.frozen
class Imported:
    """A map read from another format, with what the import made up or could not carry over.

    ``source_text`` is the text generated for a map that came without one (the texts of its
    statements, one per paragraph, so that every quote is verbatim by construction); it is
    None where the map cites a real source text. ``notices`` are warnings about what the
    import kept only as a note or left out, each with where it is in the imported file.
    ``anchoring`` counts how the nodes were found in a source text given with the import
    (None where none was given or the text was generated).
    """

    map: ArgumentMap
    source_text: str | None = None
    notices: tuple[Problem, ...] = ()
    anchoring: Anchoring | None = None


class Notices:
    """Collects warnings about an imported file."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.items: list[Problem] = []

    def sorted(self) -> tuple[Problem, ...]:
        """The warnings in file order."""
        return tuple(sorted(self.items, key=lambda p: (p.line or 0, p.column or 0)))

    def add(
        self,
        message: str,
        *,
        at: tuple[int | None, int | None] = (None, None),
        hint: str | None = None,
        code: str = "import",
    ) -> None:
        """Record a warning at ``at`` (line, column; either may be unknown)."""
        self.items.append(
            Problem(
                message,
                path=self.path,
                line=at[0],
                column=at[1],
                hint=hint,
                severity=Severity.WARNING,
                code=code,
            )
        )


# With ``indent``, json puts every number of a span on its own line; these fold them back.
# Raw line breaks never occur inside JSON strings, so the patterns cannot touch quoted text.
_PAIR = re.compile(r"\[\n\s*(-?\d+),\n\s*(-?\d+)\n\s*\]")
_PAIRS = re.compile(r"\[\n\s*(\[-?\d+, -?\d+\](?:,\n\s*\[-?\d+, -?\d+\])*)\n\s*\]")
_BREAK = re.compile(r",\n\s*")


def dump_json(data: Any, *, indent: int | None = 2) -> str:
    """JSON text (characters kept, not escaped), spans folded onto one line: ``[[3, 9]]``."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    if indent is not None:
        text = _PAIR.sub(r"[\1, \2]", text)
        text = _PAIRS.sub(lambda m: "[" + _BREAK.sub(", ", m.group(1)) + "]", text)
    return text + "\n"


_SPACE = re.compile(r"\s+")


def clean_id(raw: object) -> str | None:
    """A usable node id from another tool's identifier, or None where nothing is left."""
    text = str(raw)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch.isspace())
    text = _SPACE.sub(" ", text).strip()
    return text or None


def pick_thesis(
    candidates: Sequence[str],
    ids: Sequence[str],
    thesis: str | None,
    *,
    path: Path | None,
    what: str,
    option: str = "--thesis ID",
    located: Mapping[str, tuple[int | None, int | None]] | None = None,
    edges: Sequence[Edge] | None = None,
    notices: Notices | None = None,
) -> str:
    """The id of the thesis: the one given, else the only candidate, else the one inferred.

    ``candidates`` are the conclusions that premise nothing; ``ids`` every imported node;
    ``located`` where each node is in the file, for positions. With ``edges`` and
    ``notices``, an ambiguous thesis is inferred (the root of the largest argument, see
    :func:`argmap.formats._structure.infer_thesis`) and a notice says which and why;
    without them it is a clear error naming the candidates.
    """

    def listing(values: Sequence[str]) -> str:
        shown = ", ".join(repr(v) for v in values[:12])
        return shown + (f" and {len(values) - 12} more" if len(values) > 12 else "")

    if thesis is not None:
        if thesis not in ids:
            raise LoadError(
                Problem(
                    f"no {what} with id {thesis!r} to make the thesis",
                    path=path,
                    hint="candidates (conclusions that premise nothing): "
                    + (listing(candidates) or "none"),
                    code="thesis-unknown",
                )
            )
        return thesis
    if len(candidates) == 1:
        return candidates[0]
    if not candidates and len(ids) == 1:
        return ids[0]
    if edges is not None and notices is not None and ids:
        chosen, roots, reach = infer_thesis(ids, edges)
        pool = f"{len(roots)} conclusions support or attack nothing further ({listing(roots)})" if roots else (
            f"no {what} is a conclusion that premises nothing (the graph has no edges or only cycles)")
        notices.add(f"thesis inferred: {pool}; chose {chosen!r}, the root of the largest argument "
                    f"({reach} of {len(ids)} {what}s reach it; ties go to the first in the file)",
                    at=(located or {}).get(chosen, (None, None)),
                    hint=f"name another with {option}", code="thesis-inferred")
        return chosen
    if candidates:
        message = (
            f"cannot tell which {what} is the thesis: {len(candidates)} conclusions "
            f"support or attack nothing further ({listing(candidates)})"
        )
    else:
        message = f"cannot tell which {what} is the thesis: no {what} is the conclusion of another"
    line, column = (located or {}).get((list(candidates) or list(ids))[0], (None, None))
    raise LoadError(
        Problem(
            message,
            path=path,
            line=line,
            column=column,
            hint=f"name the author's main point with {option} (one of: "
            f"{listing(list(candidates) or list(ids))})",
            code="thesis-ambiguous",
        )
    )


def mark_thesis(nodes: Iterable[Node], chosen: str) -> list[Node]:
    """The nodes with ``chosen`` as the one thesis: any other thesis becomes a claim."""
    return [
        attrs.evolve(n, kind=Kind.THESIS) if n.id == chosen
        else attrs.evolve(n, kind=Kind.CLAIM) if n.kind is Kind.THESIS
        else n
        for n in nodes
    ]


def quotable(text: str) -> bool:
    """Whether a text, placed in a source text, is found as a quote of itself: it has
    something the quote matcher sees (not only whitespace, zero-width characters or
    ellipses) between any ellipses. Linear in the text's length."""
    segments = split_segments(text)
    return bool(segments) and all(SourceText(s).canonical for s in segments)


def read_source_text(path: Path) -> tuple[str, Problem | None]:
    """A source text given with an import, and a notice where it had to be converted.

    Corpora ship texts in Windows-1252 now and then; such a text is decoded as that and the
    notice says so (the import then writes it beside the map as UTF-8, so that ``argmap
    validate`` can check its quotes). Raises :class:`~argmap.errors.LoadError` where the file
    cannot be read or is neither UTF-8 nor Windows-1252.
    """
    data = read_bytes(path)
    try:
        return decode(data, path), None
    except LoadError as exc:
        first = exc.problems[0]
        if first.code != "encoding":
            raise
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise exc from None
    return text, Problem(
        f"the source text is not UTF-8 ({first.message}, line {first.line}, column {first.column}): read as "
        "Windows-1252 and written beside the map as UTF-8, which the map quotes",
        path=path, severity=Severity.WARNING, code="source-converted")


def generated_text(header: str, texts: Iterable[str]) -> str:
    """A source text made of each distinct text as a paragraph, then a closing header.

    The header comes last so that a quote is found in its own paragraph before any
    accidental match in the header's words.
    """
    return "\n\n".join([*dict.fromkeys(texts), header]) + "\n"


def finish(
    amap: ArgumentMap,
    *,
    text: str | None,
    source_file: str | None,
    header: str,
    generate: bool,
    notices: Notices,
    tolerant: bool = False,
    wordings: Mapping[str, Sequence[str]] | None = None,
    located: Mapping[str, tuple[int | None, int | None]] | None = None,
    keep_text: bool = False,
) -> Imported:
    """Anchor an imported map's quotes in the given text, or in a text generated for it.

    ``keep_text``: the given text is to be written beside the map (it came inside the
    imported file, or was converted to UTF-8), so ``Imported.source_text`` holds it.

    A map of another tool (``generate``) first has its loops resolved (see
    :func:`argmap.formats._structure.resolve_loops`). With ``text``, every quote must occur
    in it (:class:`QuoteError` lists those that do not), unless ``tolerant``: then each node
    is anchored as :func:`anchor_tolerantly` says and ``Imported.anchoring`` counts how;
    ``source.file`` becomes ``source_file``. Without it, a map that cites no real text
    (``generate``) gets one made of its node quotes, whose header paragraph is excluded.
    """
    where = located or {}
    if generate:
        nodes, edges = resolve_loops(amap.nodes, amap.edges, notices, where=lambda n: where.get(n, (None, None)))
        amap = attrs.evolve(amap, nodes=nodes, edges=edges)
    if text is not None:
        amap = attrs.evolve(
            amap, source=attrs.evolve(amap.source, file=source_file or amap.source.file)
        )
        if tolerant:
            anchored, counts = anchor_tolerantly(amap, text, notices, wordings=wordings, located=where)
            return Imported(anchored, text if keep_text else None, notices.sorted(), counts)
        try:
            return Imported(anchor(amap, text), text if keep_text else None, notices.sorted())
        except QuoteError as exc:
            raise QuoteError([attrs.evolve(p, path=notices.path) for p in exc.problems]) from None
    if not generate:
        return Imported(amap, None, notices.sorted())
    # Each quote is a paragraph of the generated text, and the importers made sure that every
    # quote is ``quotable``: found by construction. Offsets are left to ``argmap.load``, which
    # computes them when the written map is read (the matcher's cost grows with quote length).
    source = generated_text(header, (q.text for n in amap.nodes for q in n.quotes))
    amap = _own_paragraphs(amap, source)
    return Imported(attrs.evolve(amap, excluded=(Quote(header),)), source, notices.sorted())


def _own_paragraphs(amap: ArgumentMap, source: str) -> ArgumentMap:
    """Each quote of a generated text taken at its own paragraph: where a statement's words
    occur more than once (inside another statement, say), ``occurrence`` names the place that
    is its paragraph, so the map is not anchored in another statement or warned about as
    ambiguous. Only quotes whose text occurs twice verbatim are looked up."""
    starts: dict[str, int] = {}
    offset = 0
    for paragraph in source.split("\n\n"):
        starts.setdefault(paragraph, offset)
        offset += len(paragraph) + 2
    found: SourceText | None = None

    def own(q: Quote) -> Quote:
        nonlocal found
        if q.occurrence is not None or source.count(q.text) < 2 or q.text not in starts:
            return q
        found = found or SourceText(source)
        places = [m.spans[0].start for m in found.occurrences(q.text)]
        return attrs.evolve(q, occurrence=places.index(starts[q.text]) + 1) if starts[q.text] in places else q

    nodes = [attrs.evolve(n, quotes=tuple(own(q) for q in n.quotes)) if n.quotes else n for n in amap.nodes]
    return attrs.evolve(amap, nodes=tuple(nodes))


def anchor_tolerantly(
    amap: ArgumentMap,
    text: str,
    notices: Notices,
    *,
    wordings: Mapping[str, Sequence[str]] | None = None,
    located: Mapping[str, tuple[int | None, int | None]] | None = None,
) -> tuple[ArgumentMap, Anchoring]:
    """Every node found in ``text`` by :class:`argmap.anchoring.Aligner`, and the counts.

    A node's quotes are aligned one by one; its first quote may also be found through any of
    ``wordings[node id]`` (another wording of the same statement, e.g. the locution an AIF
    I-node was analysed from). Each quote becomes the source's own passage; a node none of
    whose quotes is found becomes implicit (label kept) with a note and a notice saying why.
    An edge quote not found is left out, with a notice.
    """
    aligner = Aligner(text)
    where = located or {}
    counts = {"exact": 0, "tolerant": 0, "implicit": 0}
    unfound = 0  # nodes with a text that the source does not hold
    nodes: list[Node] = []
    for n in amap.nodes:
        if n.implicit:
            counts["implicit"] += 1
            nodes.append(n)
            continue
        found: dict[str, Quote] = {}
        how: list[Alignment] = []
        misses: list[Miss] = []
        for i, q in enumerate(n.quotes):
            if q.spans and aligner.confirms(q):  # offsets the format gave (brat): kept as they are
                how.append(Alignment(q, "exact"))
                found.setdefault(q.text, q)
                continue
            extra = list((wordings or {}).get(n.id, ())) if i == 0 else []
            result = aligner.best([q.text, *extra])
            if isinstance(result, Alignment):
                how.append(result)
                found.setdefault(result.quote.text, result.quote)
            else:
                misses.append(result)
        if found:
            counts["tolerant" if any(a.tolerant for a in how) else "exact"] += 1
            nodes.append(attrs.evolve(n, quotes=tuple(found.values())))
            for miss in misses:
                notices.add(f"{len(misses)} of the {len(n.quotes)} quotes of node {n.id!r} are not in the source "
                            f"text: left out, the node keeps the others (closest: {miss.reason})",
                            at=where.get(n.id, (None, None)), code="import-quote-left-out")
                break
            continue
        counts["implicit"] += 1
        unfound += 1
        best = max(misses, key=lambda m: m.similarity)
        why = f"not found in the source text {amap.source.file!r}: {best.reason}"
        nodes.append(attrs.evolve(n, quotes=(), implicit=True, note=f"{n.note}; {why}" if n.note else why))
        shown = " ".join(n.label.split())
        notices.add(f"node {n.id!r} ({shown[:60] + ('…' if len(shown) > 60 else '')!r}) {why}: "
                    "imported as an implicit node", at=where.get(n.id, (None, None)), code="import-implicit")
    edges: list[Edge] = []
    for e in amap.edges:
        if e.quote is not None:
            result = aligner.align(e.quote.text)
            if isinstance(result, Alignment):
                e = attrs.evolve(e, quote=result.quote)
            else:
                notices.add(f"the quote of edge {e.source!r} -> {e.target!r} is not in the source text: "
                            f"left out ({result.reason})", at=where.get(e.source, (None, None)),
                            code="import-edge-quote")
                e = attrs.evolve(e, quote=None)
        edges.append(e)
    anchored = attrs.evolve(amap, nodes=tuple(nodes), edges=tuple(edges))
    if amap.excluded:
        anchored = anchor(anchored, aligner.source)  # excluded passages must occur as written
    if unfound > 0 and counts["exact"] + counts["tolerant"] == 0:
        notices.add(f"none of the {unfound} statements with a text was found in the source text: they are "
                    "implicit nodes", hint="is it the text the file annotates? Give the right one with --text FILE",
                    code="import-text-unmatched")
    return anchored, Anchoring(**counts)


def write_imported(imported: Imported, path: str | os.PathLike[str]) -> tuple[Path, ...]:
    """Write an imported map as YAML and, if one was generated, its source text beside it.

    The generated text is named after the map (``MAP.source.txt`` for ``MAP.yaml``) and
    ``source.file`` points to it, so ``argmap validate MAP.yaml`` finds every quote. Each
    file is written atomically; missing folders are made. Returns the paths written.

    Raises ``OSError`` where a file cannot be written; the source text is written first, so
    a failure on the map leaves the new source text in place.
    """
    target = Path(path)
    amap = imported.map
    written: list[Path] = []
    if imported.source_text is not None:
        name = f"{target.stem}.source.txt"
        written.append(write_text(target.parent / name, imported.source_text, parents=True))
        amap = attrs.evolve(amap, source=attrs.evolve(amap.source, file=name))
    written.append(write_text(target, dumps(amap), parents=True))
    return tuple(written)


def check_exportable(amap: ArgumentMap, fmt: str) -> None:
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
