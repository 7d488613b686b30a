"""Reading and writing argument maps and vocabularies as YAML.

The loader checks the shape of a file (known keys, value types, allowed kinds) and collects
every problem with its line and column before raising one :class:`~argmap.errors.LoadError`.
Graph-level rules (one thesis, edges to known nodes, ...) are left to :func:`argmap.validate`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from argmap import _yaml
from argmap._reader import QUOTE_KEYS, Reader, position
from argmap.codec import map_to_data
from argmap.concepts import Concept, ConceptKind, Period, Vocabulary, suggest
from argmap.errors import LoadError, Problem
from argmap.files import read_bytes, write_text
from argmap.model import (
    ArgumentMap,
    ChangeDirection,
    Edge,
    Kind,
    Node,
    Quote,
    Relation,
    Sign,
    Source,
    Stance,
)

__all__ = [
    "EDGE_KEYS",
    "MAP_KEYS",
    "NODE_KEYS",
    "PERIOD_KEYS",
    "QUOTE_KEYS",
    "SOURCE_KEYS",
    "VOCABULARY_KEYS",
    "dump",
    "dump_vocabulary",
    "dumps",
    "dumps_vocabulary",
    "load",
    "load_node",
    "load_vocabulary",
    "loads",
    "loads_vocabulary",
    "map_to_data",
]

# The keys each part of a map file accepts; (required, optional).
MAP_KEYS = (("source", "nodes"), ("edges", "exclude", "vocabulary"))
SOURCE_KEYS = (("id", "file"), ("title", "author", "venue", "year", "name", "note"))
NODE_KEYS = (("id", "kind", "label"),
             ("implicit", "concept", "direction", "stance", "period", "section", "quote", "note", "draft"))
EDGE_KEYS = (("from", "to", "rel"), ("sign", "period", "quote", "note", "draft"))
VOCABULARY_KEYS = (("concepts",), ("periods",))
CONCEPT_KEYS = (("id", "kind", "label"), ("broader", "scope", "cues"))
PERIOD_KEYS = (("id", "label", "start"), ("end", "scope"))

def _read_source(r: Reader, node: yaml.Node) -> Source | None:
    entries = r.mapping(node, "`source`", SOURCE_KEYS)
    if entries is None:
        return None
    values: dict[str, Any] = {}
    for name, (_key, value) in entries.items():
        if name == "id":
            values["id"] = r.identifier(value, "source `id`")
        elif name in ("name", "note"):
            values[name] = r.optional_text(value, f"source `{name}`")
        elif name == "year":
            values["year"] = r.year(value, "source `year`")
        elif name == "file":
            values["file"] = r.text(value, "source `file`")
        else:
            values[name] = r.optional_text(value, f"source `{name}`")
    if any(values.get(k) is None for k in SOURCE_KEYS[0]):
        return None
    return r.build(node, Source, position=position(node), **values)


def _check_quote_presence(r: Reader, node: yaml.Node, entries: dict[str, tuple[yaml.Node, yaml.Node]],
                          implicit: bool | None) -> None:
    """A node quotes the text, or is marked implicit (an unstated premise) and quotes nothing."""
    if implicit and "quote" in entries:
        r.error(entries["quote"][0], "an implicit node has no quote: the text does not state it",
                "remove `quote`, or remove `implicit: true` if the text does state it", code="implicit-quote")
    elif not implicit and "quote" not in entries:
        r.error(node, "a node is missing `quote`",
                "quote the passage that states it; for an unstated premise write `implicit: true` "
                "and a `note` saying why", code="missing-key")


def _read_node(r: Reader, node: yaml.Node) -> Node | None:
    before = len(r.problems)
    entries = r.mapping(node, "a node", NODE_KEYS)
    if entries is None:
        return None
    values: dict[str, Any] = {}
    for name, (_key, value) in entries.items():
        if name == "id":
            values["id"] = r.identifier(value, "node `id`")
        elif name == "kind":
            values["kind"] = r.choice(value, "node `kind`", Kind)
        elif name == "stance":
            values["stance"] = r.choice(value, "node `stance`", Stance)
        elif name == "quote":
            values["quotes"] = r.quotes(value, "node `quote`")
        elif name == "label":
            values["label"] = r.text(value, "node `label`")
        elif name == "concept":
            values["concept"] = r.text(value, "node `concept`", as_written=True)
        elif name == "implicit":
            values["implicit"] = r.flag(value, "node `implicit`")
        elif name == "direction":
            values["direction"] = r.choice(value, "node `direction`", ChangeDirection)
        elif name == "period":
            values["period"] = r.text(value, "node `period`", as_written=True)
        elif name == "draft":
            values["draft"] = r.confidence(value, "node `draft`")
        else:
            values[name] = r.optional_text(value, f"node `{name}`")
    if "implicit" not in entries or values.get("implicit") is not None:  # else already reported
        _check_quote_presence(r, node, entries, values.get("implicit"))
    if len(r.problems) > before:
        return None
    return r.build(node, Node, position=position(node), **values)


def _read_edge(r: Reader, node: yaml.Node) -> Edge | None:
    before = len(r.problems)
    entries = r.mapping(node, "an edge", EDGE_KEYS)
    if entries is None:
        return None
    values: dict[str, Any] = {}
    for name, (_key, value) in entries.items():
        if name in ("from", "to"):
            values["source" if name == "from" else "target"] = r.identifier(value, f"edge `{name}`")
        elif name == "rel":
            values["relation"] = r.choice(value, "edge `rel`", Relation)
        elif name == "sign":
            values["sign"] = r.choice(
                value, "edge `sign`", Sign,
                hint='write sign: "+" (helps) or sign: "-" (hinders), in quotes',
            )
        elif name == "quote":
            quotes = r.quotes(value, "edge `quote`")
            if quotes is not None and len(quotes) > 1:
                r.error(value, "an edge takes a single quote (join passages with ...)")
            values["quote"] = quotes[0] if quotes else None
        elif name == "period":
            values["period"] = r.text(value, "edge `period`", as_written=True)
        elif name == "draft":
            values["draft"] = r.confidence(value, "edge `draft`")
        else:
            values["note"] = r.optional_text(value, "edge `note`")
    if len(r.problems) > before:
        return None
    return r.build(node, Edge, position=position(node), **values)


def _read_map(root: yaml.Node, path: Path | None) -> ArgumentMap:
    r = Reader(path)
    if not isinstance(root, yaml.MappingNode):
        r.error(root, f"a map file must be a mapping with `source:` and `nodes:`, found {_yaml.describe(root)}",
                "see docs/format.md for a complete example", code="top-level")
        raise LoadError(r.problems)
    entries = r.mapping(root, "the map", MAP_KEYS) or {}
    source = _read_source(r, entries["source"][1]) if "source" in entries else None
    nodes: list[Node] = []
    edges: list[Edge] = []
    excluded: tuple[Quote, ...] = ()
    vocabulary = None
    if "nodes" in entries:
        for item in r.sequence(entries["nodes"][1], "`nodes`") or []:
            built = _read_node(r, item)
            if built is not None:
                nodes.append(built)
    if "edges" in entries:
        for item in r.sequence(entries["edges"][1], "`edges`") or []:
            edge = _read_edge(r, item)
            if edge is not None:
                edges.append(edge)
    if "exclude" in entries:
        excluded = r.quotes(entries["exclude"][1], "`exclude`") or ()
    if "vocabulary" in entries:
        vocabulary = r.text(entries["vocabulary"][1], "`vocabulary`")
    if r.problems or source is None:
        raise LoadError(sorted(r.problems, key=lambda p: (p.line or 0, p.column or 0)))
    built_map = r.build(root, ArgumentMap, source=source, nodes=nodes, edges=edges,
                        excluded=excluded, vocabulary=vocabulary, path=path)
    if built_map is None:  # pragma: no cover - every field was checked above
        raise LoadError(r.problems)
    return built_map


def _as_path(path: str | os.PathLike[str] | None) -> Path | None:
    return Path(path) if path is not None else None


def loads(
    text: str | bytes, *, path: str | os.PathLike[str] | None = None, anchor: bool = False
) -> ArgumentMap:
    """Parse a map from YAML text; ``path`` is used in messages and to find the source text.

    With ``anchor=True`` every quote is looked up in the source text (see :func:`argmap.anchor`).

    Raises :class:`~argmap.errors.LoadError` listing every problem of the text (not UTF-8,
    not YAML, not a map) with its line and column; with ``anchor=True`` also where the
    source text cannot be read, and :class:`~argmap.errors.QuoteError` for quotes not in it.
    """
    p = _as_path(path)
    amap = _read_map(_yaml.compose(text, p), p)
    if anchor:
        from argmap.quotes import anchor as _anchor

        amap = _anchor(amap)
    return amap


def load_node(root: yaml.Node, *, path: str | os.PathLike[str] | None = None) -> ArgumentMap:
    """Build a map from an already parsed node tree, with every check :func:`loads` makes.

    argmap's JSON reader (:mod:`argmap.formats.jsonio`) yields the same position-carrying
    nodes, so JSON files get the same checks and messages as YAML files.
    """
    return _read_map(root, _as_path(path))


def load(path: str | os.PathLike[str], *, anchor: bool = True) -> ArgumentMap:
    """Read a map file and, by default, find every quote in its source text.

    One file, one map: :func:`argmap.load_maps` reads every map in a folder. Raises
    :class:`~argmap.errors.LoadError` (or its subclass ``QuoteError``) listing every problem
    with its line and column, and for a folder or a file that cannot be read.
    """
    p = Path(path)
    if p.is_dir():
        raise LoadError(Problem("is a folder, not a map file", path=p, code="not-found",
                                hint="argmap.load_maps(folder) reads every map in a folder; "
                                     "argmap.compare(folder) compares them"))
    return loads(read_bytes(p), path=p, anchor=anchor)


def _read_vocabulary(root: yaml.Node, path: Path | None) -> Vocabulary:
    r = Reader(path)
    if not isinstance(root, yaml.MappingNode):
        r.error(root, f"a vocabulary file must be a mapping with `concepts:`, found {_yaml.describe(root)}",
                code="top-level")
        raise LoadError(r.problems)
    entries = r.mapping(root, "the vocabulary", VOCABULARY_KEYS) or {}
    concepts: list[Concept] = []
    seen: dict[str, int] = {}
    broader_at: dict[str, yaml.Node] = {}
    items = r.sequence(entries["concepts"][1], "`concepts`") if "concepts" in entries else None
    for item in items or []:
        fields = r.mapping(item, "a concept", CONCEPT_KEYS)
        if fields is None:
            continue
        values: dict[str, Any] = {}
        for name, (_key, value) in fields.items():
            if name == "kind":
                values["kind"] = r.choice(value, "concept `kind`", ConceptKind)
            elif name == "cues":
                cues = r.sequence(value, "concept `cues`")
                values["cues"] = [c for c in (r.text(v, "a cue") for v in cues or []) if c]
            elif name == "scope":
                values["scope"] = r.optional_text(value, "concept `scope`") or ""
            elif name == "broader":
                values["broader"] = r.optional_text(value, "concept `broader`")
            else:
                values[name] = r.text(value, f"concept `{name}`", as_written=name == "id")
        if any(values.get(k) is None for k in CONCEPT_KEYS[0]):
            continue
        cid = values["id"]
        if cid in seen:
            r.error(fields["id"][1], f"duplicate concept id {cid!r} (first on line {seen[cid]})",
                    code="duplicate-id")
            continue
        seen[cid] = position(item).line
        concept = r.build(fields["id"][1], Concept, **values)
        if concept is not None:
            concepts.append(concept)
            if "broader" in fields:
                broader_at[cid] = fields["broader"][1]
    periods = _read_periods(r, entries["periods"][1]) if "periods" in entries else []
    _check_broader(r, concepts, broader_at)
    if r.problems:
        raise LoadError(r.problems)
    return Vocabulary(concepts, path=path, periods=periods)


def _read_periods(r: Reader, node: yaml.Node) -> list[Period]:
    periods: list[Period] = []
    seen: dict[str, int] = {}
    for item in r.sequence(node, "`periods`") or []:
        fields = r.mapping(item, "a period", PERIOD_KEYS)
        if fields is None:
            continue
        values: dict[str, Any] = {}
        for name, (_key, value) in fields.items():
            if name in ("start", "end"):
                values[name] = (None if name == "end" and r.scalar(value) is None
                                else r.year(value, f"period `{name}`"))
            elif name == "scope":
                values["scope"] = r.optional_text(value, "period `scope`") or ""
            else:
                values[name] = r.text(value, f"period `{name}`", as_written=name == "id")
        if any(values.get(k) is None for k in PERIOD_KEYS[0]):
            continue
        pid = values["id"]
        if pid in seen:
            r.error(fields["id"][1], f"duplicate period id {pid!r} (first on line {seen[pid]})", code="duplicate-id")
            continue
        seen[pid] = position(item).line
        period = r.build(fields["id"][1], Period, **values)
        if period is not None:
            periods.append(period)
    return periods


def _check_broader(r: Reader, concepts: list[Concept], at: dict[str, yaml.Node]) -> None:
    """Every ``broader`` names a concept of the vocabulary, and no chain of them is a circle."""
    known = {c.id: c for c in concepts}
    for c in concepts:
        if c.broader is None:
            continue
        if c.broader not in known:
            close = suggest(c.broader, known)
            r.error(at[c.id], f"concept {c.id!r} names an unknown broader concept {c.broader!r}",
                    f"did you mean `{close}`?" if close else "add that concept, or fix the id", code="unknown-concept")
            continue
        chain, current = [c.id], known.get(c.broader)
        while current is not None:
            if current.id in chain:
                r.error(at[c.id], "broader concepts go round in a circle: " + " -> ".join([*chain, current.id]),
                        "a concept cannot be (indirectly) broader than itself", code="broader-cycle")
                for cid in chain:
                    known.pop(cid, None)
                break
            chain.append(current.id)
            current = known.get(current.broader) if current.broader else None


def loads_vocabulary(text: str | bytes, *, path: str | os.PathLike[str] | None = None) -> Vocabulary:
    """Parse a concept vocabulary from YAML text.

    Raises :class:`~argmap.errors.LoadError` listing every problem of the text (not UTF-8,
    not YAML, not a vocabulary) with its line and column.
    """
    p = _as_path(path)
    return _read_vocabulary(_yaml.compose(text, p), p)


def load_vocabulary(path: str | os.PathLike[str]) -> Vocabulary:
    """Read a concept vocabulary file such as ``maps/concepts.yaml``.

    Raises :class:`~argmap.errors.LoadError` where the file cannot be read or is not a
    vocabulary, listing every problem with its line and column.
    """
    p = Path(path)
    return loads_vocabulary(read_bytes(p), path=p)


# --- writing -------------------------------------------------------------------------------

_DumperBase: type[Any] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_DumperBase):  # type: ignore[misc]
    """The safe dumper, quoting every string that YAML 1.1 or YAML 1.2 would read as
    something else (``"010"``, ``"yes"``, ``"1e3"``), so that any reader gets the text back."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        tag = super().resolve(kind, value, implicit)
        if kind is yaml.ScalarNode and implicit[0] and tag == "tag:yaml.org,2002:str":
            return _yaml.core_tag(value)
        return tag


def _yaml_text(data: Any) -> str:
    return str(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                         width=100, default_flow_style=False))


def dumps(amap: ArgumentMap) -> str:
    """The map as YAML text in the documented format; ``loads(dumps(m)) == m``.

    Raises nothing for a map argmap read; only a string built in Python with a lone surrogate,
    which UTF-8 cannot hold, raises ``UnicodeEncodeError``.
    """
    return _yaml_text(map_to_data(amap))


def dump(amap: ArgumentMap, file: str | os.PathLike[str] | None = None) -> str:
    """The map as YAML text; with ``file``, also written there atomically.

    Raises ``OSError`` where ``file`` cannot be written (the old file is then left in place),
    otherwise as :func:`dumps`.
    """
    text = dumps(amap)
    if file is not None:
        write_text(file, text)
    return text


def dumps_vocabulary(vocabulary: Vocabulary) -> str:
    """A vocabulary as YAML text; ``loads_vocabulary(dumps_vocabulary(v)) == v``.

    Raises nothing for a vocabulary argmap read; only a string built in Python with a lone
    surrogate, which UTF-8 cannot hold, raises ``UnicodeEncodeError``.
    """
    concepts = []
    for c in vocabulary.concepts:
        item: dict[str, Any] = {"id": c.id, "kind": c.kind.value, "label": c.label}
        if c.broader is not None:
            item["broader"] = c.broader
        if c.scope:
            item["scope"] = c.scope
        if c.cues:
            item["cues"] = list(c.cues)
        concepts.append(item)
    data: dict[str, Any] = {}
    if vocabulary.periods:
        data["periods"] = [{"id": p.id, "label": p.label, "start": p.start, "end": p.end,
                            **({"scope": p.scope} if p.scope else {})} for p in vocabulary.periods]
    data["concepts"] = concepts
    return _yaml_text(data)


def dump_vocabulary(vocabulary: Vocabulary, file: str | os.PathLike[str] | None = None) -> str:
    """A vocabulary as YAML text; with ``file``, also written there atomically.

    Raises ``OSError`` where ``file`` cannot be written (the old file is then left in place),
    otherwise as :func:`dumps_vocabulary`.
    """
    text = dumps_vocabulary(vocabulary)
    if file is not None:
        write_text(file, text)
    return text
