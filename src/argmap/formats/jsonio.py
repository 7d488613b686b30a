"""argmap's own JSON: the structure of the YAML map file, plus the offsets of every quote.

A JSON map holds the same keys as a YAML map (see ``docs/format.md``); a quote that has been
found in the source text is written as an object with its character offsets::

    "quote": {"text": "Pakistan has long ...", "spans": [[120, 161]]}

and an unanchored quote as a plain string, as in YAML. :func:`argmap.schema.map_json_schema`
describes the format. Reading goes through the YAML loader's checks, so problems are
reported with the same messages, lines and columns; ``from_json(to_json(m)) == m``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import attrs
import yaml

from argmap import _yaml
from argmap.codec import map_to_data
from argmap.errors import LoadError, Problem
from argmap.files import read_bytes, write_text
from argmap.formats import _json
from argmap.formats._common import dump_json
from argmap.model import ArgumentMap, Quote, Span
from argmap.yamlio import load_node

__all__ = ["from_json", "read_json", "to_json", "to_json_data", "write_json"]


def to_json_data(amap: ArgumentMap) -> dict[str, Any]:
    """The map as JSON-ready data: the YAML layout, anchored quotes as ``{text, spans}``."""
    return map_to_data(amap, spans=True)


def to_json(amap: ArgumentMap, *, indent: int | None = 2) -> str:
    """The map as argmap JSON text (UTF-8 characters kept, not escaped).

    Never raises: every map, even an invalid one, can be written as JSON.
    """
    return dump_json(to_json_data(amap), indent=indent)


class _Spans:
    """Replaces quote objects by their text node, keeping the offsets by position."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.by_position: dict[tuple[int, int], tuple[Span, ...]] = {}
        self.problems: list[Problem] = []

    def error(self, node: yaml.Node, message: str) -> None:
        self.problems.append(
            _yaml.problem_at(
                self.path,
                node.start_mark,
                message,
                hint='write a quote as "text" or {"text": "...", "spans": [[start, end]]}',
                code="shape",
            )
        )

    def quote(self, node: yaml.Node) -> yaml.Node:
        if not isinstance(node, yaml.MappingNode):
            return node
        fields = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
        unknown = [k for k in fields if k not in ("text", "spans", "occurrence")]
        if unknown or "text" not in fields:
            self.error(
                node,
                "a quote object takes `text` and `spans` (and `occurrence`); found "
                + (", ".join(sorted(fields)) or "nothing"),
            )
            return node
        text: yaml.Node = fields["text"]
        if "spans" in fields:
            spans = self.spans(fields["spans"])
            if spans is not None and isinstance(text, yaml.ScalarNode):
                self.by_position[(text.start_mark.line + 1, text.start_mark.column + 1)] = spans
        if "occurrence" not in fields:
            return text
        # keep {text, occurrence} for the loader, which reads a quote's occurrence itself
        node.value = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value != "spans"]
        return node

    def spans(self, node: yaml.Node) -> tuple[Span, ...] | None:
        items = node.value if isinstance(node, yaml.SequenceNode) else None
        if items is None:
            self.error(node, "quote `spans` must be a list of [start, end] pairs")
            return None
        out = []
        for item in items:
            pair = item.value if isinstance(item, yaml.SequenceNode) else None
            if (
                pair is None
                or len(pair) != 2
                or not all(
                    isinstance(v, yaml.ScalarNode) and v.tag == "tag:yaml.org,2002:int"
                    for v in pair
                )
            ):
                self.error(item, "a span must be a pair of whole numbers [start, end]")
                return None
            try:
                out.append(Span(int(pair[0].value), int(pair[1].value)))
            except ValueError as exc:
                self.error(item, f"invalid span: {exc}")
                return None
        return tuple(out)

    def quotes(self, node: yaml.Node) -> None:
        """Rewrite the quote objects under a ``quote`` or ``exclude`` value in place."""
        if isinstance(node, yaml.SequenceNode):
            node.value = [self.quote(item) for item in node.value]

    def rewrite(self, root: yaml.Node) -> yaml.Node:
        if not isinstance(root, yaml.MappingNode):
            return root
        for i, (key, value) in enumerate(root.value):
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name == "exclude":
                self.quotes(value)
                root.value[i] = (key, self.quote(value))
            elif name in ("nodes", "edges") and isinstance(value, yaml.SequenceNode):
                for item in value.value:
                    if not isinstance(item, yaml.MappingNode):
                        continue
                    for j, (k, v) in enumerate(item.value):
                        if isinstance(k, yaml.ScalarNode) and k.value == "quote":
                            self.quotes(v)
                            item.value[j] = (k, self.quote(v))
        return root

    def apply(self, q: Quote) -> Quote:
        if q.position is None:
            return q
        spans = self.by_position.get((q.position.line, q.position.column))
        return attrs.evolve(q, spans=spans) if spans else q


def from_json(
    data: str | bytes | dict[str, Any],
    *,
    path: str | os.PathLike[str] | None = None,
    anchor: bool = False,
) -> ArgumentMap:
    """Read a map from argmap JSON text (or already decoded JSON data).

    Every problem is reported with its line and column, as for YAML. Quote offsets are
    taken from the file; with ``anchor=True`` they are recomputed from the source text.

    Raises :class:`~argmap.errors.LoadError` listing every problem (not UTF-8, not JSON, not
    a map, data that cannot be encoded as JSON); with ``anchor=True`` also where the source
    text cannot be read, and :class:`~argmap.errors.QuoteError` for quotes not in it.
    """
    p = Path(path) if path is not None else None
    if isinstance(data, dict):
        try:
            data = json.dumps(data, ensure_ascii=False, indent=1)
        except (TypeError, ValueError) as exc:
            raise LoadError(Problem(f"not JSON data: {exc}", path=p, code="type")) from None
    root = _json.parse(data, p)
    spans = _Spans(p)
    root = spans.rewrite(root)
    if spans.problems:
        raise LoadError(spans.problems)
    amap = load_node(root, path=p)
    amap = attrs.evolve(
        amap,
        nodes=[attrs.evolve(n, quotes=tuple(spans.apply(q) for q in n.quotes)) for n in amap.nodes],
        edges=[attrs.evolve(e, quote=spans.apply(e.quote)) if e.quote else e for e in amap.edges],
        excluded=[spans.apply(q) for q in amap.excluded],
    )
    if anchor:
        from argmap.quotes import anchor as _anchor

        amap = _anchor(amap)
    return amap


def read_json(path: str | os.PathLike[str], *, anchor: bool = False) -> ArgumentMap:
    """Read an argmap JSON file (see :func:`from_json`).

    Raises :class:`~argmap.errors.LoadError` where the file cannot be read, and as
    :func:`from_json` for its content.
    """
    p = Path(path)
    return from_json(read_bytes(p), path=p, anchor=anchor)


def write_json(amap: ArgumentMap, path: str | os.PathLike[str]) -> Path:
    """Write the map as argmap JSON, atomically.

    Raises ``OSError`` where the file cannot be written (the old file is then left in place).
    """
    return write_text(path, to_json(amap))
