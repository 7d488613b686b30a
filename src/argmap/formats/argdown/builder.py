"""From Argdown's model of a document to an argument map: statements and arguments become
nodes, Argdown's relations and premise-conclusion structures edges (see docs/interchange.md)."""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path
from typing import Any

from argmap.codec import source_from_data
from argmap.errors import LoadError, Problem
from argmap.files import decode, read_bytes, read_text
from argmap.formats._common import Imported, Notices, finish, mark_thesis, pick_thesis, quote_from_data
from argmap.formats._structure import resolve_loops
from argmap.formats.argdown import yaml12
from argmap.formats.argdown.edges import build_edges
from argmap.formats.argdown.elements import Model
from argmap.formats.argdown.interpret import interpret
from argmap.formats.argdown.lexer import tokenize
from argmap.formats.argdown.nodes import Owner, build_nodes, own, select
from argmap.formats.argdown.parser import Skipped, parse
from argmap.formats.argdown.tokens import INDENT, RELATIONS, Lexed
from argmap.model import ArgumentMap, Edge, Kind, Node, Quote, Source

__all__ = ["from_argdown", "import_argdown", "import_argdown_file", "read_argdown", "read_model"]


def read_model(text: str, notices: Notices) -> tuple[Model, Lexed]:
    """Argdown's model of a document (see ``interpret``), with notices for what Argdown's
    lexer, parser and model refuse or this reader leaves out."""
    lexed = tokenize(text)
    tree, skipped = parse(lexed)
    model = interpret(tree)
    if lexed.unreadable:
        lines = sorted({lexed.position(k)[0] for k in lexed.unreadable})
        notices.add(
            f"{len(lexed.unreadable)} backslash(es) with nothing to escape (line "
            f"{_listing(lines)}): Argdown's lexer stops there; read as text",
            at=lexed.position(lexed.unreadable[0]),
            hint="write a backslash as \\\\",
            code="argdown-syntax",
        )
    for block in skipped:
        _report_skipped(block, lexed, notices)
    for offset, message, code in model.problems:
        notices.add(message, at=lexed.position(offset), code=code)
    return model, lexed


def _listing(values: list[int]) -> str:
    return ", ".join(map(str, values[:10])) + (" ..." if len(values) > 10 else "")


def _report_skipped(block: Skipped, lexed: Lexed, notices: Notices) -> None:
    first, last = lexed.position(block.start)[0], lexed.position(max(block.start, block.end - 1))[0]
    kinds = [t.kind for t in block.tokens]
    titles = sum(
        k in ("StatementDefinition", "StatementReference", "ArgumentDefinition", "ArgumentReference")
        for k in kinds
    )
    relations = sum(k in RELATIONS for k in kinds)
    where = f"line {first}" if first == last else f"lines {first}-{last}"
    if len(kinds) > 1 and kinds[0] == INDENT and kinds[1] in RELATIONS:
        notices.add(
            f"a relation with nothing above it to attach to ({where}): left out, as Argdown "
            f"cannot parse it ({relations} relation(s), {titles} title(s) there)",
            at=lexed.position(block.start),
            hint="Argdown relations follow the statement or argument they bear on, without an empty line",
            code="argdown-orphan",
        )
        return
    line, column = lexed.position(block.at)
    if block.limit:
        notices.add(
            f"{where} left out: {block.message} at line {line}, column {column} (argmap's limit); "
            f"{titles} statement or argument title(s) and {relations} relation(s) there",
            at=lexed.position(block.start),
            code="argdown-limit",
        )
        return
    notices.add(
        f"{where} left out: Argdown cannot parse {'it' if first == last else 'them'} ({block.message} at "
        f"line {line}, column {column}); {titles} statement or argument title(s) and {relations} relation(s) there",
        at=lexed.position(block.start),
        hint="Argdown's own parser reports the same error; correct the Argdown to import these lines",
        code="argdown-syntax",
    )


def _front_matter(model: Model, notices: Notices) -> dict[str, Any]:
    """The front matter's title, author (as written) and argmap's own entry."""
    text = model.front_matter_text
    if text is None or not isinstance(model.front_matter, dict):
        return {}
    entries: dict[str, Any] = {}
    for raw_line in text.split("\n"):
        if raw_line.startswith("argmap:"):
            try:
                entries["argmap"] = json.loads(raw_line[len("argmap:") :])
            except ValueError:
                notices.add(
                    "the `argmap:` entry of the front matter is not JSON: ignored",
                    at=(1, 1),
                    code="argdown-front-matter",
                )
    for key, value in yaml12.scalar_texts(text).items():
        if key in ("title", "author") and value.strip():
            entries[key] = value.strip()
    return entries


def import_argdown(
    text: str | bytes,
    *,
    thesis: str | None = None,
    source_text: str | None = None,
    source_file: str | None = None,
    source_id: str = "argdown-import",
    path: str | os.PathLike[str] | None = None,
) -> Imported:
    """Import an Argdown document as Argdown itself reads it, with notices for what the map
    leaves out or keeps only as a note.

    The statements, arguments and relations are those of Argdown's own model (@argdown/core
    1.7.5): one edge per relation however often it is written; an undercut of an inference
    attacks the argument (with a notice); premise-conclusion structures link their
    statements to the argument. ``thesis`` names the statement or argument (by title) to take
    as the thesis where the document does not tell; ``source_text`` is the text the
    statements quote, recorded as ``source_file``. Without it, a document argmap did not
    write gets a generated source text (see :class:`~argmap.formats.Imported`).

    Raises :class:`~argmap.errors.LoadError` where the text is not UTF-8, holds no statement
    or argument, has a malformed argmap data block or front matter, or where the thesis
    cannot be told (name it with ``thesis``); :class:`~argmap.errors.QuoteError` where a
    statement does not occur in ``source_text``.
    """
    p = Path(path) if path is not None else None
    notices = Notices(p)
    model, lexed = read_model(decode(text, p), notices)
    front = _front_matter(model, notices)
    owners = select(model, lexed, notices)
    nodes, ids, problems = build_nodes(owners, model, lexed, p)
    edges, edge_problems = build_edges(model, lexed, ids, notices, p)
    problems += edge_problems
    if problems:
        raise LoadError(problems)
    if not nodes:  # say why, where blocks were left out
        empty = Problem(
            "no statement or argument to import",
            path=p,
            line=1,
            column=1,
            hint="argmap imports titled statements ([Title]: text), arguments "
            "(<Title>: text) and their relations",
            code="argdown-empty",
        )
        raise LoadError([empty, *notices.sorted()])
    info = own(front.get("argmap"))
    vocabulary = None
    excluded: tuple[Quote, ...] = ()
    try:
        if info is not None:
            source = source_from_data(info["source"])
            vocabulary = info.get("vocabulary")
            if vocabulary is not None and not isinstance(vocabulary, str):
                raise TypeError(f"`vocabulary` must be a string, got {vocabulary!r:.40}")
            excluded = tuple(quote_from_data(q) for q in info.get("exclude", []))
        else:
            source = Source(
                id=source_id,
                file=source_file or f"{source_id}.source.txt",
                title=front.get("title"),
                author=front.get("author"),
            )
    except (KeyError, TypeError, ValueError) as exc:
        raise LoadError(
            Problem(
                f"malformed `argmap:` entry in the front matter: {exc}", path=p, line=1, column=1, code="argdown-data"
            )
        ) from None
    if info is None:  # loops resolved before the thesis is chosen, as the AIF import does
        located: dict[str, tuple[int | None, int | None]] = {o.id: lexed.position(o.start) for o in owners}
        nodes, edges = resolve_loops(nodes, edges, notices, where=lambda n: located.get(n, (None, None)))
    nodes = _with_thesis(nodes, edges, owners, lexed, thesis, p, notices)
    amap = ArgumentMap(source, nodes, edges, excluded=excluded, vocabulary=vocabulary)
    header = (
        f"[Generated by argmap from the Argdown file {p.name if p else '(text)'}: the texts "
        "of its statements and arguments, one per paragraph, so that every quote is verbatim.]"
    )
    return finish(
        amap, text=source_text, source_file=source_file, header=header, generate=info is None, notices=notices
    )


def _with_thesis(
    nodes: list[Node], edges: list[Edge], owners: list[Owner], lexed: Lexed, thesis: str | None, path: Path | None,
    notices: Notices,
) -> list[Node]:
    """The nodes with the thesis marked: the one named, the document's own, the only
    conclusion that supports or attacks nothing further, or, where there are several, the
    root of the largest argument (with a notice saying so), as every import chooses."""
    if thesis is None and any(n.kind is Kind.THESIS for n in nodes):
        return nodes
    node_ids = [n.id for n in nodes]
    position = {node_id: k for k, node_id in enumerate(node_ids)}
    sources = {e.source for e in edges}
    candidates = sorted(
        (n for n in dict.fromkeys(e.target for e in edges) if n not in sources), key=position.__getitem__
    )
    located = {o.id: lexed.position(o.start) for o in owners}
    chosen = pick_thesis(
        candidates,
        node_ids,
        thesis,
        path=path,
        what="statement or argument",
        option="--thesis TITLE",
        located={k: (v[0], v[1]) for k, v in located.items()},
        edges=edges,
        notices=notices,
    )
    return mark_thesis(nodes, chosen)


def from_argdown(
    text: str | bytes,
    *,
    thesis: str | None = None,
    source_text: str | None = None,
    source_file: str | None = None,
    source_id: str = "argdown-import",
) -> ArgumentMap:
    """The map in an Argdown document; see :func:`import_argdown` for notices and texts.

    Raises as :func:`import_argdown` does: :class:`~argmap.errors.LoadError` for a document
    that cannot be imported or whose thesis cannot be told, and
    :class:`~argmap.errors.QuoteError` where a statement does not occur in ``source_text``.
    """
    return import_argdown(
        text, thesis=thesis, source_text=source_text, source_file=source_file, source_id=source_id
    ).map


def import_argdown_file(
    path: str | os.PathLike[str],
    *,
    thesis: str | None = None,
    text: str | os.PathLike[str] | None = None,
    source_file: str | None = None,
) -> Imported:
    """Import an Argdown file; ``text`` is the path of the source text its statements quote.

    Raises :class:`~argmap.errors.LoadError` where the file or ``text`` cannot be read, and
    otherwise as :func:`import_argdown` does.
    """
    p = Path(path)
    source_text = None
    if text is not None:
        source_text = read_text(Path(text))
        source_file = source_file or str(text)
    stem = " ".join(p.stem.split()) or "argdown-import"
    stem = "".join(ch for ch in stem if unicodedata.category(ch) != "Cc") or "argdown-import"
    return import_argdown(
        read_bytes(p),
        thesis=thesis,
        source_text=source_text,
        source_file=source_file,
        source_id=stem,
        path=p,
    )


def read_argdown(
    path: str | os.PathLike[str],
    *,
    thesis: str | None = None,
    text: str | os.PathLike[str] | None = None,
) -> ArgumentMap:
    """The map in an Argdown file; see :func:`import_argdown_file`.

    Raises :class:`~argmap.errors.LoadError` where the file or ``text`` cannot be read, the
    document cannot be imported or its thesis cannot be told, and
    :class:`~argmap.errors.QuoteError` where a statement does not occur in ``text``.
    """
    return import_argdown_file(path, thesis=thesis, text=text).map

