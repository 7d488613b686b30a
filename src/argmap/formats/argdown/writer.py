"""Writing a map as Argdown: titled statements tagged with kind and concept, relation lines,
and data blocks holding what Argdown has no syntax for."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from argmap.codec import edge_options, node_options, source_to_data
from argmap.concepts import CONCEPT_ID
from argmap.files import write_text
from argmap.formats._common import (
    check_exportable,
    quote_to_data,
)
from argmap.model import ArgumentMap, Relation, Sign

__all__ = ["FORMAT_VERSION", "to_argdown", "write_argdown"]

FORMAT_VERSION = 1

_ALWAYS = set("\\@#*_[]<>{}=")
# In data strings: braces and `=` would end a data block or open front matter; a `]` or `>`
# followed by `:` would let a title token run on from the reference before the block; the
# rest are characters JavaScript's YAML reader refuses or takes for line breaks.
_JSON_UNSAFE = re.compile("[][{}<>=\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_TITLE = re.compile(r"[^\W_](?:[\w.-]| (?! ))*", re.UNICODE)


def _escape(text: str) -> str:
    """Text as Argdown reads it back: markup characters escaped, line breaks as spaces."""
    text = re.sub(r"\r\n|\r|\n", " ", text)
    out = []
    for i, ch in enumerate(text):
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if (
            ch in _ALWAYS
            or (ch == "/" and nxt != "" and nxt in "/*")
            or (ch in ".:" and nxt and not nxt.isspace())
        ):
            out.append("\\")
        out.append(ch)
    return "".join(out)


def _flow(value: Any) -> str:
    """JSON that is also YAML flow syntax and that Argdown's lexer keeps in one data block.

    Inside strings, the characters listed at ``_JSON_UNSAFE`` are written as ``\\uXXXX``.
    """
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    text = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        text = _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


def _titles(amap: ArgumentMap) -> dict[str, str]:
    """A statement title per node: the id where Argdown can hold it, else ``node-N``."""
    titles: dict[str, str] = {}
    used: set[str] = set()
    for n in amap.nodes:
        if _TITLE.fullmatch(n.id) and n.id.casefold() not in used:
            titles[n.id] = n.id
            used.add(n.id.casefold())
    for i, n in enumerate(amap.nodes, 1):
        if n.id not in titles:
            k = i
            while f"node-{k}" in used:
                k += len(amap.nodes)
            titles[n.id] = f"node-{k}"
            used.add(f"node-{k}")
    return titles


def to_argdown(amap: ArgumentMap) -> str:
    """The map as an Argdown document; node data and exact relations kept in data blocks.

    Raises :class:`~argmap.errors.ExportError` where node ids repeat or an edge names an
    unknown node.
    """
    check_exportable(amap, "Argdown")
    titles = _titles(amap)
    s = amap.source
    front = ["==="]
    if s.title:
        front.append(f"title: {_flow(s.title)}")
    if s.author:
        front.append(f"author: {_flow(s.author)}")
    info: dict[str, Any] = {
        "argmap": FORMAT_VERSION,
        "source": source_to_data(s),
    }
    if amap.vocabulary is not None:
        info["vocabulary"] = amap.vocabulary
    if amap.excluded:
        info["exclude"] = [quote_to_data(q) for q in amap.excluded]
    front += [f"argmap: {_flow(info)}", "==="]
    blocks = ["\n".join(front)]
    section: str | None = None
    order = {id(e): i for i, e in enumerate(amap.edges)}
    for n in amap.nodes:
        if n.section is not None and n.section != section:
            blocks.append(f"# {_escape(n.section)}")
            section = n.section
        data: dict[str, Any] = {
            "argmap": FORMAT_VERSION,
            "id": n.id,
            "kind": n.kind.value,
            "label": n.label,
            "quotes": [quote_to_data(q) for q in n.quotes],
        }
        data.update(node_options(n))
        tags = f" #{n.kind.value}"
        if n.concept is not None and CONCEPT_ID.match(n.concept):
            tags += f" #{n.concept}"
        lines = [f"[{titles[n.id]}]: {_escape(n.label)}{tags} {_flow(data)}"]
        for e in amap.edges_from(n.id):
            attack = e.relation is Relation.ATTACKS or e.sign is Sign.HINDERS
            edge: dict[str, Any] = {
                "argmap": FORMAT_VERSION,
                "order": order[id(e)],
                "relation": e.relation.value,
            }
            options = edge_options(e)
            tail: dict[str, Any] = {key: options.pop(key) for key in ("note", "draft") if key in options}
            edge.update(options)
            if e.quote is not None:
                edge["quote"] = quote_to_data(e.quote)
            edge.update(tail)
            lines.append(f"  {'->' if attack else '+>'} [{titles[e.target]}] {_flow(edge)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def write_argdown(amap: ArgumentMap, path: str | os.PathLike[str]) -> Path:
    """Write the map as an Argdown file, atomically.

    Raises :class:`~argmap.errors.ExportError` as :func:`to_argdown` does (before anything
    is written), and ``OSError`` where the file cannot be written.
    """
    return write_text(path, to_argdown(amap))

