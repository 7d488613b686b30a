"""From parsed Argdown to an argument map: statements become nodes, relations edges."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Any

from argmap.codec import edge_options_from_data, node_options_from_data, source_from_data
from argmap.errors import LoadError, Problem
from argmap.files import decode, read_bytes, read_text
from argmap.formats._common import (
    Imported,
    Notices,
    finish,
    mark_thesis,
    pick_thesis,
    quotable,
    quote_from_data,
)
from argmap.formats.argdown.lexer import (
    _data,
    _strip_comments,
)
from argmap.formats.argdown.parser import (
    _front_matter,
    _lines,
    _Parser,
)
from argmap.formats.argdown.writer import (
    FORMAT_VERSION,
)
from argmap.model import ArgumentMap, Edge, Kind, Node, Quote, Relation, Sign, Source

__all__ = ["from_argdown", "import_argdown", "import_argdown_file", "read_argdown"]


def import_argdown(
    text: str | bytes,
    *,
    thesis: str | None = None,
    source_text: str | None = None,
    source_file: str | None = None,
    source_id: str = "argdown-import",
    path: str | os.PathLike[str] | None = None,
) -> Imported:
    """Import an Argdown document, with notices about what was not carried over.

    ``thesis`` names the statement or argument (by title) to take as the thesis where the
    document does not tell; ``source_text`` is the text the statements quote, recorded as
    ``source_file``. Without it, a document argmap did not write gets a generated source
    text (see :class:`~argmap.formats.Imported`).

    Raises :class:`~argmap.errors.LoadError` where the text is not UTF-8, holds no statement
    or argument, has a malformed argmap data block or front matter, or where the thesis
    cannot be told (name it with ``thesis``); :class:`~argmap.errors.QuoteError` where a
    statement does not occur in ``source_text``.
    """
    p = Path(path) if path is not None else None
    notices = Notices(p)
    document = decode(text, p).replace("\r\n", "\n").replace("\r", "\n")
    document, front = _front_matter(document, notices)
    parser = _Parser(p, notices)
    parser.parse(_lines(*_strip_comments(document)))
    if parser.prose:
        shown = ", ".join(str(n) for n in parser.prose[:10]) + (
            " ..." if len(parser.prose) > 10 else ""
        )
        notices.add(
            f"{len(parser.prose)} untitled paragraph(s) outside any relation left out "
            f"(line {shown}): "
            "Argdown's map leaves them out as well",
            at=(parser.prose[0], 1),
            code="argdown-prose",
        )
    return _build(
        parser,
        front,
        thesis=thesis,
        source_text=source_text,
        source_file=source_file,
        source_id=source_id,
        path=p,
        notices=notices,
    )


def _own(value: Any) -> dict[str, Any] | None:
    return value if isinstance(value, dict) and value.get("argmap") == FORMAT_VERSION else None


def _opt(info: dict[str, Any], key: str) -> Any:
    value = info.get(key)
    if value is not None and not isinstance(value, str):
        raise TypeError(f"`{key}` must be a string, got {value!r:.40}")
    return value


def _build(
    parser: _Parser,
    front: dict[str, Any],
    *,
    thesis: str | None,
    source_text: str | None,
    source_file: str | None,
    source_id: str,
    path: Path | None,
    notices: Notices,
) -> Imported:
    problems: list[Problem] = []

    def bad(el_line: int, column: int, exc: Exception) -> None:
        problems.append(
            Problem(
                f"malformed argmap data block: {exc}",
                path=path,
                line=el_line,
                column=column,
                hint="argmap writes these blocks; remove the block to import the element as "
                "plain Argdown",
                code="argdown-data",
            )
        )

    ids: dict[int, str] = {}
    located: dict[str, tuple[int | None, int | None]] = {}
    nodes: list[Node] = []
    taken: set[str] = set()
    untitled = 0
    for el in sorted(parser.elements, key=lambda e: e.order):
        own = next((d for d in map(_data, el.text.data) if _own(d) and "id" in d), None)
        try:
            if own is not None:
                label = own["label"]
                if el.text.text and " ".join(str(label).split()) != el.text.text:
                    label = el.text.text  # edited in an Argdown editor: the edit wins
                node = Node(
                    id=own["id"],
                    kind=own["kind"],
                    label=label,
                    quotes=[quote_from_data(q) for q in own["quotes"]],
                    **node_options_from_data(own),
                )
            else:
                if el.title is None:
                    untitled += 1
                    base = f"{el.kind} {untitled}"
                else:
                    base = (
                        el.title
                        if el.kind == "statement" or el.title not in parser.statements
                        else f"{el.title} (argument)"
                    )
                node_id = base
                while node_id in taken:
                    node_id += "'"
                label = next(
                    (t for t in (el.text.text, el.title) if t and quotable(t)),
                    f"[{el.kind} at line {el.line} without text]",
                )
                kinds = [t for t in el.text.tags if t in {k.value for k in Kind}]
                extra = [t for t in el.text.tags if t not in kinds]
                parts = []
                if el.kind == "argument":
                    parts.append(
                        f"Argdown argument <{el.title}>" if el.title else "Argdown argument"
                    )
                if extra:
                    parts.append("tags: " + ", ".join(dict.fromkeys(extra)))
                for d in el.text.data:
                    if _own(_data(d)) is None:
                        parts.append(f"data: {' '.join(d.split())}")
                parts += el.pcs
                quotes = [Quote(t) for t in dict.fromkeys([label, *filter(quotable, el.others)])]
                node = Node(
                    id=node_id,
                    kind=Kind(kinds[0]) if kinds else Kind.CLAIM,
                    label=label,
                    quotes=quotes,
                    section=el.section,
                    note="; ".join(parts) or None,
                )
        except (KeyError, TypeError, ValueError) as exc:
            bad(el.line, el.column, exc)
            continue
        if node.id in taken:
            problems.append(
                Problem(
                    f"two statements map to node id {node.id!r}",
                    path=path,
                    line=el.line,
                    column=el.column,
                    code="argdown-duplicate",
                )
            )
            continue
        taken.add(node.id)
        ids[id(el)] = node.id
        located[node.id] = (el.line, el.column)
        nodes.append(node)
    own_edges: list[tuple[int, Edge]] = []
    edges: list[Edge] = []
    for link in parser.links:
        a, b = ids.get(id(link.source)), ids.get(id(link.target))
        if a is None or b is None:
            continue
        data = _own(link.data)
        try:
            if data is not None:
                relation = Relation(data["relation"])
                options = edge_options_from_data(data)
                raw_sign = options.pop("sign")
                sign = Sign(raw_sign) if raw_sign is not None else None
                shown = (
                    Relation.ATTACKS
                    if relation is Relation.ATTACKS or sign is Sign.HINDERS
                    else Relation.SUPPORTS
                )
                if shown is link.relation:
                    order = data["order"]
                    if type(order) is not int:
                        raise TypeError(f"`order` must be a whole number, got {order!r:.40}")
                    quote = (
                        quote_from_data(data["quote"]) if data.get("quote") is not None else None
                    )
                    own_edges.append(
                        (
                            order,
                            Edge(a, b, relation, sign=sign, quote=quote, **options),
                        )
                    )
                    continue
                notices.add(
                    f"the relation at line {link.line} was changed from {relation.value}: "
                    "imported as written",
                    at=(link.line, link.column),
                    code="argdown-edited",
                )
            edges.append(Edge(a, b, link.relation, note=link.note))
        except (KeyError, TypeError, ValueError) as exc:
            bad(link.line, link.column, exc)
    if problems:
        raise LoadError(problems)
    all_edges = [e for _o, e in sorted(own_edges, key=lambda oe: oe[0])] + edges
    if not nodes:
        raise LoadError(
            Problem(
                "no statement or argument to import",
                path=path,
                line=1,
                column=1,
                hint="argmap imports titled statements ([Title]: text), arguments "
                "(<Title>: text) and their relations",
                code="argdown-empty",
            )
        )

    info = _own(front.get("argmap"))
    vocabulary = None
    excluded: tuple[Quote, ...] = ()
    try:
        if info is not None:
            source = source_from_data(info["source"])
            vocabulary = _opt(info, "vocabulary")
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
                f"malformed `argmap:` entry in the front matter: {exc}",
                path=path,
                line=1,
                column=1,
                code="argdown-data",
            )
        ) from None
    node_ids = [n.id for n in nodes]
    if thesis is not None or not any(n.kind is Kind.THESIS for n in nodes):
        sources_of = {e.source for e in all_edges}
        candidates = sorted(
            (n for n in dict.fromkeys(e.target for e in all_edges) if n not in sources_of),
            key={node_id: k for k, node_id in enumerate(node_ids)}.__getitem__,
        )
        chosen = pick_thesis(
            candidates,
            node_ids,
            thesis,
            path=path,
            what="statement or argument",
            option="--thesis TITLE",
            located=located,
        )
        nodes = mark_thesis(nodes, chosen)
    amap = ArgumentMap(source, nodes, all_edges, excluded=excluded, vocabulary=vocabulary)
    header = (
        f"[Generated by argmap from the Argdown file {path.name if path else '(text)'}: the texts "
        "of its statements and arguments, one per paragraph, so that every quote is verbatim.]"
    )
    return finish(
        amap,
        text=source_text,
        source_file=source_file,
        header=header,
        generate=info is None,
        notices=notices,
    )


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
