"""Diffs and comparisons as JSON data: the documented contract and its JSON Schemas.

The JSON layout is a contract (``docs/compare-json.md``): :func:`comparison_schema` and
:func:`diff_schema` are its JSON Schemas, which the tests validate every output against.
Paths are written relative to a root folder (the project folder the maps sit in, found by
:func:`find_root`), so that the output does not depend on where the project was cloned.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from argmap.alignment import SameTextComparison
from argmap.compare_metrics import (
    ALL_PAIRS_UP_TO,
    METRIC_DECIMALS,
    PairChoice,
    check_metrics,
    choose_pairs,
    is_corpus,
    metrics_chunks,
    metrics_entry,
    metrics_schema,
)
from argmap.comparison import Comparison, ConceptRow, LinkRow
from argmap.diffing import ConceptDiff, LinkDiff, MapDiff, Status
from argmap.errors import Problem
from argmap.model import Edge, Node, Quote
from argmap.pairwise import METRICS
from argmap.projection import AuthorStance, CausalLink, ConceptUse, LinkSign, Projection
from argmap.quotes import source_path

__all__ = [
    "ALL_PAIRS_UP_TO",
    "FORMAT_VERSION",
    "METRIC_DECIMALS",
    "choose_pairs",
    "comparison_json_chunks",
    "comparison_schema",
    "comparison_to_dict",
    "comparison_to_json",
    "diff_schema",
    "diff_to_dict",
    "diff_to_json",
    "find_root",
    "metrics_entry",
    "relative_path",
]

FORMAT_VERSION = 2



def _number(x: float) -> float | None:
    return None if math.isnan(x) else x


def find_root(paths: Iterable[Path]) -> Path | None:
    """The project folder: the nearest ancestor of the first path holding ``.git`` or
    ``pyproject.toml``, else the deepest folder common to all the paths."""
    absolute = [p.absolute() for p in paths]
    if not absolute:
        return None
    for folder in absolute[0].parents:
        if (folder / ".git").exists() or (folder / "pyproject.toml").is_file():
            return folder
    try:
        return Path(os.path.commonpath([str(p.parent) for p in absolute]))
    except ValueError:  # paths on different drives
        return None


def relative_path(path: Path | None, root: Path | None) -> str | None:
    if path is None:
        return None
    absolute = Path(os.path.normpath(path.absolute()))
    if root is not None:
        try:
            return absolute.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def roots(projections: Sequence[Projection], root: Path | None) -> Path | None:
    if root is not None:
        return root
    paths = [p for pr in projections for p in (pr.path, pr.source_file) if p is not None]
    return find_root(paths)


def _source_entry(p: Projection, root: Path | None) -> dict[str, Any]:
    s = p.source
    return {"id": p.key, "file": relative_path(p.source_file, root) or s.file, "title": s.title,
            "author": s.author, "year": s.year, "name": p.name, "map": relative_path(p.path, root)}


def _quotes(quotes: Iterable[Quote]) -> list[str]:
    return [q.text for q in quotes]


def _use_entry(use: ConceptUse) -> dict[str, Any]:
    return {"stance": use.stance.value, "nodes": list(use.nodes), "quotes": _quotes(use.quotes)}


def _link_entry(link: CausalLink) -> dict[str, Any]:
    return {"sign": link.sign.value,
            "paths": [{"nodes": list(p.nodes), "labels": list(p.labels), "sign": p.sign.value,
                       "quotes": _quotes(p.quotes)} for p in link.paths]}


def _reason(item: ConceptDiff | LinkDiff) -> str:
    if isinstance(item, ConceptDiff):
        return "opposite-stance"
    return "opposite-sign" if item.status is Status.CONFLICT else "unmatched-link"


def _item_entry(item: ConceptDiff | LinkDiff, *, reason: bool = False) -> dict[str, Any]:
    if isinstance(item, ConceptDiff):
        entry: dict[str, Any] = {
            "type": "concept", "concept": item.concept,
            "a": item.a.stance.value if item.a else None, "b": item.b.stance.value if item.b else None}
    else:
        entry = {"type": "link", "from": item.cause, "to": item.effect,
                 "a": item.a.sign.value if item.a else None, "b": item.b.sign.value if item.b else None}
    if reason:
        entry["reason"] = _reason(item)
    return entry


def _pair_entry(d: MapDiff) -> dict[str, Any]:
    return {
        "a": d.a.key, "b": d.b.key,
        "shared": list(d.shared), "only_a": list(d.only_a), "only_b": list(d.only_b),
        "agree": [_item_entry(i) for i in d.agreements],
        "diverge": [_item_entry(i, reason=True) for i in d.divergences],
        "partial": [_item_entry(i) for i in d.partial],
        "jaccard": d.jaccard, "distance_ratio": d.distance_ratio,
        "congruence": d.congruence, "conflict": d.conflict,
    }


def _node_entry(n: Node) -> dict[str, Any]:
    return {"id": n.id, "kind": n.kind.value, "label": n.label, "concept": n.concept,
            "quotes": _quotes(n.quotes)}


def _edge_entry(e: Edge) -> dict[str, Any]:
    return {"from": e.source, "to": e.target, "rel": e.relation.value,
            "sign": e.sign.value if e.sign else None}


def _same_text_entry(s: SameTextComparison, root: Path | None) -> dict[str, Any]:
    return {
        "how": s.how,
        "file": relative_path(Path(os.path.normpath(source_path(s.map_b))), root),
        "node_precision": _number(s.node_precision), "node_recall": _number(s.node_recall),
        "edge_precision": _number(s.edge_precision), "edge_recall": _number(s.edge_recall),
        "kind_agreement": _number(s.kind_agreement), "kind_kappa": _number(s.kind_kappa),
        "concept_agreement": _number(s.concept_agreement),
        "concept_kappa": _number(s.concept_kappa),
        "matches": [{"a": m.a.id, "b": m.b.id, "overlap": m.overlap, "same_kind": m.same_kind,
                     "same_concept": m.same_concept} for m in s.matches],
        "missed": [_node_entry(n) for n in s.missed],
        "added": [_node_entry(n) for n in s.added],
        "matched_edges": [[_edge_entry(x), _edge_entry(y)] for x, y in s.matched_edges],
        "relabelled_edges": [[_edge_entry(x), _edge_entry(y)] for x, y in s.relabelled_edges],
        "missed_edges": [_edge_entry(e) for e in s.missed_edges],
        "added_edges": [_edge_entry(e) for e in s.added_edges],
    }


def diff_to_dict(d: MapDiff, *, root: Path | None = None) -> dict[str, Any]:
    """A diff as JSON-ready data (layout in ``docs/compare-json.md``).

    File paths are given relative to ``root``, by default the project folder of the maps
    (the nearest folder above them with ``.git`` or ``pyproject.toml``). Never raises for a
    diff made by :func:`argmap.diff`: the files are not read, their paths only made relative.
    """
    root = roots((d.a, d.b), root)
    return {
        "format": "argmap-diff", "version": FORMAT_VERSION,
        "a": _source_entry(d.a, root), "b": _source_entry(d.b, root),
        "concepts": [{"id": c.concept, "kind": c.kind.value, "label": c.label, "status": c.status.value,
                      "a": _use_entry(c.a) if c.a else None, "b": _use_entry(c.b) if c.b else None}
                     for c in d.concepts],
        "links": [{"from": k.cause, "to": k.effect, "status": k.status.value, "divergent": k.divergent,
                   "a": _link_entry(k.a) if k.a else None, "b": _link_entry(k.b) if k.b else None}
                  for k in d.links],
        "summary": _pair_entry(d),
        "same_text": _same_text_entry(d.same_text, root) if d.same_text else None,
    }


def _side_entry(row: ConceptRow | LinkRow, key: str) -> dict[str, Any]:
    if isinstance(row, ConceptRow):
        use = row.by_source[key]
        return {"source": key, "nodes": list(use.nodes), "quotes": _quotes(use.quotes)}
    link = row.by_source[key]
    return {"source": key, "paths": [{"nodes": list(p.nodes), "sign": p.sign.value,
                                      "quotes": _quotes(p.quotes)} for p in link.paths]}


def _subject(row: ConceptRow | LinkRow) -> dict[str, Any]:
    if isinstance(row, ConceptRow):
        return {"type": "concept", "concept": row.concept, "label": row.label}
    return {"type": "link", "from": row.cause, "to": row.effect}


def _consensus_entries(c: Comparison) -> list[dict[str, Any]]:
    consensus = []
    for item in c.consensus:
        entry = {**_subject(item.subject), "sources": list(item.sources)}
        if isinstance(item.subject, LinkRow):
            entry["sign"] = next(iter(item.subject.by_source.values())).sign.value
        else:
            entry["by_source"] = {k: u.stance.value for k, u in item.subject.by_source.items()}
        consensus.append(entry)
    return consensus


def _tension_entries(c: Comparison) -> list[dict[str, Any]]:
    tensions = []
    for t in c.tensions:
        if isinstance(t.subject, ConceptUse):
            tensions.append({"source": t.source, "type": "concept", "concept": t.subject.concept,
                             "stances": sorted(s.value for s in t.subject.stances),
                             "nodes": list(t.subject.nodes), "quotes": _quotes(t.subject.quotes)})
        else:
            tensions.append({"source": t.source, "type": "link", "from": t.subject.cause,
                             "to": t.subject.effect, **_link_entry(t.subject)})
    return tensions


def comparison_to_dict(c: Comparison, *, root: Path | None = None, pairs: PairChoice = None,
                       metrics: Sequence[str] = METRICS,
                       skipped: Sequence[tuple[Path, Sequence[Problem]]] = ()) -> dict[str, Any]:
    """A comparison as JSON-ready data (the contract in ``docs/compare-json.md``).

    ``pairs`` chooses the pairs whose full diff is listed (their number grows with the square
    of the number of maps): every pair (True), none (False), the pairs of authors given (by
    key or map file), or by default every pair for at most :data:`ALL_PAIRS_UP_TO` maps and
    none above. The ``metrics`` named are given for every pair, as triangles (see
    :func:`metrics_entry`). ``skipped`` lists map files left out, with their problems.
    ``root`` as in :func:`diff_to_dict`. Raises :class:`~argmap.errors.ExportError` for a
    pair naming an unknown author and :class:`~argmap.errors.MetricError` for an unknown
    metric; otherwise never for a comparison made by :func:`argmap.compare` (the files are
    not read, their paths only made relative).
    """
    out: dict[str, Any] = {}
    for name, value in _comparison_parts(c, root=root, pairs=pairs, metrics=metrics, skipped=skipped):
        if value is _METRICS:
            value = metrics_entry(c, metrics)
        elif isinstance(value, Iterator):
            value = list(value)
        out[name] = value
    return out


#: Stands for the ``metrics`` entry in :func:`_comparison_parts` (written by its own writer).
_METRICS = object()


def _comparison_parts(c: Comparison, *, root: Path | None, pairs: PairChoice, metrics: Sequence[str],
                      skipped: Sequence[tuple[Path, Sequence[Problem]]]) -> Iterator[tuple[str, Any]]:
    """The top-level entries in order; the long lists as iterators, each item made when read.
    The choices are checked before the first entry."""
    root = roots(c.projections, root)
    chosen, listed = choose_pairs(c, pairs)
    check_metrics(metrics)
    yield "format", "argmap-compare"
    yield "version", FORMAT_VERSION
    yield "min_authors", c.min_authors
    yield "sources", (_source_entry(p, root) for p in c.projections)
    yield "concepts", ({"id": r.concept, "kind": r.kind.value, "label": r.label,
                        "by_source": {k: _use_entry(u) for k, u in r.by_source.items()}}
                       for r in c.concepts)
    yield "links", ({"from": r.cause, "to": r.effect,
                     "by_source": {k: link.sign.value for k, link in r.by_source.items()}}
                    for r in c.links)
    yield "pairs_listed", listed
    yield "pairs", (_pair_entry(c.pair(a, b)) for a, b in chosen)
    yield "metrics", _METRICS
    yield "consensus", iter(_consensus_entries(c))
    yield "controversies", ({**_subject(x.subject),
                             "sides": {side: [_side_entry(x.subject, k) for k in keys]
                                       for side, keys in x.sides.items()}}
                            for x in c.controversies)
    yield "tensions", iter(_tension_entries(c))
    yield "skipped", ({"map": relative_path(path, root), "problems": [str(p) for p in problems]}
                      for path, problems in skipped)


def _dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def diff_to_json(d: MapDiff, *, root: Path | None = None) -> str:
    """A diff as JSON text (:func:`diff_to_dict`).

    Never raises for a diff made by :func:`argmap.diff` (metrics without a value are null).
    """
    return _dumps(diff_to_dict(d, root=root))


def comparison_to_json(c: Comparison, *, root: Path | None = None, pairs: PairChoice = None,
                       metrics: Sequence[str] = METRICS,
                       skipped: Sequence[tuple[Path, Sequence[Problem]]] = ()) -> str:
    """A comparison as JSON text (:func:`comparison_to_dict`; the text of
    :func:`comparison_json_chunks` joined).

    Raises as :func:`comparison_to_dict`.
    """
    return "".join(comparison_json_chunks(c, root=root, pairs=pairs, metrics=metrics, skipped=skipped))


def _one_line(value: Any, _indent: str) -> str:
    """``value`` on one line (json's C encoder, which ``indent`` turns off)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def _indented(value: Any, indent: str) -> str:
    """``value`` as ``json.dumps(indent=2)`` writes it, nested ``indent`` deep."""
    return json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False).replace("\n", "\n" + indent)


def comparison_json_chunks(c: Comparison, *, root: Path | None = None, pairs: PairChoice = None,
                           metrics: Sequence[str] = METRICS,
                           skipped: Sequence[tuple[Path, Sequence[Problem]]] = ()) -> Iterator[str]:
    """The JSON text of :func:`comparison_to_json` in pieces, each list item made as it is
    written, so that a comparison of thousands of maps streams to a file without one huge
    string. The layout is that of ``json.dumps(indent=2)``, but each ``metrics`` array on
    one line; above :data:`ALL_PAIRS_UP_TO` maps, each item of a top-level list on one line
    too (quicker to write, and to read with line tools). Raises as :func:`comparison_to_dict`
    (before the first piece)."""
    item_text = _one_line if is_corpus(c) else _indented
    for i, (name, value) in enumerate(_comparison_parts(c, root=root, pairs=pairs, metrics=metrics,
                                                        skipped=skipped)):
        yield ("{\n  " if i == 0 else ",\n  ") + json.dumps(name) + ": "
        if value is _METRICS:
            yield from metrics_chunks(c, metrics, "  ")
        elif isinstance(value, Iterator):
            empty = True
            for item in value:
                yield ("[\n    " if empty else ",\n    ") + item_text(item, "    ")
                empty = False
            yield "[]" if empty else "\n  ]"
        else:
            yield _indented(value, "  ")
    yield "\n}\n"


# --- JSON Schemas ---------------------------------------------------------------------------

_STR: dict[str, Any] = {"type": "string"}
_STRS: dict[str, Any] = {"type": "array", "items": _STR}
_OPT_STR: dict[str, Any] = {"type": ["string", "null"]}
_PROB: dict[str, Any] = {"type": ["number", "null"], "minimum": 0, "maximum": 1}
_STANCES = [s.value for s in AuthorStance]
_SIGNS = [s.value for s in LinkSign]


def _object(properties: dict[str, Any], required: Sequence[str] | None = None) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "properties": properties,
            "required": list(properties if required is None else required)}


def _defs() -> dict[str, Any]:
    item_props = {"type": {"enum": ["concept", "link"]}, "concept": _STR, "from": _STR, "to": _STR,
                  "a": _OPT_STR, "b": _OPT_STR}
    return {
        "source": _object({
            "id": {**_STR, "description": "The author's key: the source id, or id/map-stem where "
                                          "several maps encode one source."},
            "file": {**_STR, "description": "Path of the source text, relative to the project."},
            "title": _OPT_STR, "author": _OPT_STR, "year": {"type": ["integer", "null"]},
            "name": {**_STR, "description": "Display name: author, else title, else id."},
            "map": {**_OPT_STR, "description": "Path of the map file, relative to the project."},
        }),
        "use": _object({"stance": {"enum": _STANCES}, "nodes": _STRS, "quotes": _STRS}),
        "path": _object({"nodes": _STRS, "labels": _STRS, "sign": {"enum": ["+", "-"]},
                         "quotes": _STRS}),
        "link": _object({"sign": {"enum": _SIGNS},
                         "paths": {"type": "array", "items": {"$ref": "#/$defs/path"}}}),
        "item": _object(item_props, ["type", "a", "b"]),
        "divergence": _object({**item_props, "reason": {
            "enum": ["opposite-stance", "opposite-sign", "unmatched-link"]}}, ["type", "a", "b", "reason"]),
        "pair": _object({
            "a": _STR, "b": _STR, "shared": _STRS, "only_a": _STRS, "only_b": _STRS,
            "agree": {"type": "array", "items": {"$ref": "#/$defs/item"}},
            "diverge": {"type": "array", "items": {"$ref": "#/$defs/divergence"}},
            "partial": {"type": "array", "items": {"$ref": "#/$defs/item"}},
            "jaccard": {"type": "number", "minimum": 0, "maximum": 1},
            "distance_ratio": {"type": "number", "minimum": 0},
            "congruence": {"type": "number", "minimum": 0},
            "conflict": {"type": "number", "minimum": 0},
        }),
    }


def comparison_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``argmap compare --format json``.

    Never raises: the schema is built from constants, not read from a file.
    """
    side_entry = _object({"source": _STR, "nodes": _STRS, "quotes": _STRS,
                          "paths": {"type": "array", "items": _object(
                              {"nodes": _STRS, "sign": {"enum": ["+", "-"]}, "quotes": _STRS})}},
                         ["source"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://argmap.readthedocs.io/schema/compare.json",
        "title": "argmap comparison of several authors",
        "type": "object", "additionalProperties": False,
        "required": ["format", "version", "min_authors", "sources", "concepts", "links", "pairs_listed", "pairs",
                     "metrics", "consensus", "controversies", "tensions", "skipped"],
        "properties": {
            "format": {"const": "argmap-compare"},
            "version": {"const": FORMAT_VERSION},
            "min_authors": {"type": "integer", "minimum": 1},
            "sources": {"type": "array", "items": {"$ref": "#/$defs/source"}},
            "concepts": {"type": "array", "items": _object({
                "id": _STR, "kind": {"enum": ["outcome", "factor", "proposition"]}, "label": _STR,
                "by_source": {"type": "object", "additionalProperties": {"$ref": "#/$defs/use"}},
            })},
            "links": {"type": "array", "items": _object({
                "from": _STR, "to": _STR,
                "by_source": {"type": "object", "additionalProperties": {"enum": _SIGNS}},
            })},
            "pairs_listed": {"enum": ["all", "requested"], "description": (
                "all: `pairs` holds every pair; requested: only the pairs asked for (none by default above "
                f"{ALL_PAIRS_UP_TO} maps). `metrics` always covers every pair.")},
            "pairs": {"type": "array", "items": {"$ref": "#/$defs/pair"}},
            "metrics": metrics_schema(),
            "consensus": {"type": "array", "items": _object({
                "type": {"enum": ["concept", "link"]}, "concept": _STR, "label": _STR,
                "from": _STR, "to": _STR, "sources": _STRS, "sign": {"enum": ["+", "-"]},
                "by_source": {"type": "object", "additionalProperties": {"enum": _STANCES}},
            }, ["type", "sources"])},
            "controversies": {"type": "array", "items": _object({
                "type": {"enum": ["concept", "link"]}, "concept": _STR, "label": _STR,
                "from": _STR, "to": _STR,
                "sides": {"type": "object", "propertyNames": {"enum": ["affirms", "denies", "qualifies", "+", "-"]},
                          "additionalProperties": {"type": "array", "items": side_entry}},
            }, ["type", "sides"])},
            "tensions": {"type": "array", "items": _object({
                "source": _STR, "type": {"enum": ["concept", "link"]}, "concept": _STR,
                "stances": _STRS, "nodes": _STRS, "quotes": _STRS, "from": _STR, "to": _STR,
                "sign": {"const": "mixed"}, "paths": {"type": "array", "items": {"$ref": "#/$defs/path"}},
            }, ["source", "type"])},
            "skipped": {"type": "array", "description": "Map files left out (argmap compare --keep-going).",
                        "items": _object({"map": _OPT_STR, "problems": _STRS})},
        },
        "$defs": _defs(),
    }


def diff_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``argmap diff --format json``.

    Never raises: the schema is built from constants, not read from a file.
    """
    node = _object({"id": _STR, "kind": _STR, "label": _STR, "concept": _OPT_STR, "quotes": _STRS})
    edge = _object({"from": _STR, "to": _STR, "rel": _STR, "sign": {"enum": ["+", "-", None]}})
    edges = {"type": "array", "items": edge}
    edge_pairs = {"type": "array", "items": {"type": "array", "prefixItems": [edge, edge],
                                            "minItems": 2, "maxItems": 2}}
    same_text = _object({
        "how": {"enum": ["same file", "identical text"]}, "file": _OPT_STR,
        "node_precision": _PROB, "node_recall": _PROB, "edge_precision": _PROB, "edge_recall": _PROB,
        "kind_agreement": _PROB, "kind_kappa": {"type": ["number", "null"]},
        "concept_agreement": _PROB, "concept_kappa": {"type": ["number", "null"]},
        "matches": {"type": "array", "items": _object({
            "a": _STR, "b": _STR, "overlap": {"type": "number"}, "same_kind": {"type": "boolean"},
            "same_concept": {"type": "boolean"}})},
        "missed": {"type": "array", "items": node}, "added": {"type": "array", "items": node},
        "matched_edges": edge_pairs, "relabelled_edges": edge_pairs,
        "missed_edges": edges, "added_edges": edges,
    })
    status = {"enum": [s.value for s in Status]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://argmap.readthedocs.io/schema/diff.json",
        "title": "argmap diff of two authors",
        "type": "object", "additionalProperties": False,
        "required": ["format", "version", "a", "b", "concepts", "links", "summary", "same_text"],
        "properties": {
            "format": {"const": "argmap-diff"},
            "version": {"const": FORMAT_VERSION},
            "a": {"$ref": "#/$defs/source"}, "b": {"$ref": "#/$defs/source"},
            "concepts": {"type": "array", "items": _object({
                "id": _STR, "kind": {"enum": ["outcome", "factor", "proposition"]}, "label": _STR,
                "status": status,
                "a": {"oneOf": [{"$ref": "#/$defs/use"}, {"type": "null"}]},
                "b": {"oneOf": [{"$ref": "#/$defs/use"}, {"type": "null"}]},
            })},
            "links": {"type": "array", "items": _object({
                "from": _STR, "to": _STR, "status": status, "divergent": {"type": "boolean"},
                "a": {"oneOf": [{"$ref": "#/$defs/link"}, {"type": "null"}]},
                "b": {"oneOf": [{"$ref": "#/$defs/link"}, {"type": "null"}]},
            })},
            "summary": {"$ref": "#/$defs/pair"},
            "same_text": {"oneOf": [same_text, {"type": "null"}]},
        },
        "$defs": _defs(),
    }
