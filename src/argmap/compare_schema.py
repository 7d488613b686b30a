"""The JSON Schemas (draft 2020-12) of ``argmap compare`` and ``argmap diff`` as JSON: the
contract of ``docs/compare-json.md``, which the tests validate every output against and the
docs carry verbatim."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from argmap.compare_metrics import ALL_PAIRS_UP_TO, metrics_schema
from argmap.diffing import Status
from argmap.model import ChangeDirection
from argmap.projection import LEVELS, AuthorStance, LinkSign

__all__ = ["FORMAT_VERSION", "comparison_schema", "diff_schema"]

#: The version of the JSON layout. Version 2 added periods, levels, partial agreements,
#: shared concepts, changes over time, implicit nodes and warnings.
FORMAT_VERSION = 2

_STR: dict[str, Any] = {"type": "string"}
_STRS: dict[str, Any] = {"type": "array", "items": _STR}
_OPT_STR: dict[str, Any] = {"type": ["string", "null"]}
_PERIOD: dict[str, Any] = {"type": ["string", "null"],
                           "description": "A period id of the vocabulary; null: no period stated."}
_PERIODS: dict[str, Any] = {"type": "array", "items": _PERIOD}
_BOOL: dict[str, Any] = {"type": "boolean"}
_PROB: dict[str, Any] = {"type": ["number", "null"], "minimum": 0, "maximum": 1}
_STANCES = [s.value for s in AuthorStance]
_SIGNS = [s.value for s in LinkSign]
_KINDS = {"enum": ["outcome", "factor", "proposition"]}


def _object(properties: dict[str, Any], required: Sequence[str] | None = None) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "properties": properties,
            "required": list(properties if required is None else required)}


def _array(ref: str) -> dict[str, Any]:
    return {"type": "array", "items": {"$ref": f"#/$defs/{ref}"}}


def _defs() -> dict[str, Any]:
    item_props = {"type": {"enum": ["concept", "link"]}, "concept": _STR, "from": _STR, "to": _STR,
                  "period": _PERIOD, "a": _OPT_STR, "b": _OPT_STR}
    return {
        "source": _object({
            "id": {**_STR, "description": "The author's key: the source id, or id/map-stem where "
                                          "several maps encode one source."},
            "file": {**_STR, "description": "Path of the source text, relative to the project."},
            "title": _OPT_STR, "author": _OPT_STR, "year": {"type": ["integer", "null"]},
            "name": {**_STR, "description": "Display name: the source's name, else author, else title, else id."},
            "map": {**_OPT_STR, "description": "Path of the map file, relative to the project."},
            "quoted_nodes": {"type": "integer", "minimum": 0},
            "implicit_nodes": {"type": "integer", "minimum": 0,
                               "description": "Nodes the author does not state: reconstructions with no quote."},
        }),
        "period": _object({"id": _STR, "label": _STR, "start": {"type": "integer"},
                           "end": {"type": ["integer", "null"]}, "span": _STR}),
        "use": _object({"stance": {"enum": _STANCES}, "nodes": _STRS, "quotes": _STRS, "periods": _PERIODS,
                        "concepts": {**_STRS, "description": "The concepts the nodes link as written."},
                        "implicit": {**_BOOL, "description": "Every node is implicit: nothing is quoted."}}),
        "path": _object({"nodes": _STRS, "labels": _STRS, "sign": {"enum": ["+", "-"]}, "quotes": _STRS,
                         "period": _PERIOD, "chain_sign": {"enum": ["+", "-"]},
                         "directions": {"type": "array", "minItems": 2, "maxItems": 2,
                                        "items": {"enum": [d.value for d in ChangeDirection]}},
                         "implicit": _BOOL}),
        "link": _object({"sign": {"enum": _SIGNS}, "paths": _array("path"), "implicit": _BOOL}),
        "item": _object(item_props, ["type", "period", "a", "b"]),
        "divergence": _object({**item_props, "reason": {
            "enum": ["opposite-stance", "opposite-sign", "unmatched-link"]}}, ["type", "period", "a", "b", "reason"]),
        "pair": _object({
            "a": _STR, "b": _STR, "shared": _STRS, "only_a": _STRS, "only_b": _STRS,
            "agree": _array("item"), "diverge": _array("divergence"), "partial": _array("item"),
            "jaccard": {"type": "number", "minimum": 0, "maximum": 1},
            "distance_ratio": {"type": "number", "minimum": 0},
            "congruence": {"type": "number", "minimum": 0},
            "conflict": {"type": "number", "minimum": 0},
        }),
        "tension": _object({
            "source": _STR, "type": {"enum": ["concept", "link"]}, "period": _PERIOD, "concept": _STR,
            "stances": _STRS, "nodes": _STRS, "quotes": _STRS, "from": _STR, "to": _STR,
            "sign": {"const": "mixed"}, "paths": _array("path"), "implicit": _BOOL,
        }, ["source", "type", "period"]),
        "change": _object({
            "source": _STR, "type": {"enum": ["concept", "link"]}, "concept": _STR, "from": _STR, "to": _STR,
            "views": {"type": "array", "minItems": 2, "items": _object({
                "period": _STR, "stance": {"enum": _STANCES}, "nodes": _STRS, "quotes": _STRS,
                "sign": {"enum": _SIGNS}, "paths": _array("path"), "implicit": _BOOL}, ["period"])},
        }, ["source", "type", "views"]),
    }


def _common() -> dict[str, Any]:
    return {
        "version": {"const": FORMAT_VERSION},
        "level": {"enum": list(LEVELS)},
        "periods": _array("period"),
        "warnings": _STRS,
    }


def comparison_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``argmap compare --format json``.

    Never raises: the schema is built from constants, not read from a file.
    """
    side_entry = _object({"source": _STR, "periods": _PERIODS, "nodes": _STRS, "quotes": _STRS,
                          "paths": _array("path"), "implicit": _BOOL}, ["source", "periods", "implicit"])
    sides = {"type": "object", "propertyNames": {"enum": ["affirms", "denies", "qualifies", "+", "-"]},
             "additionalProperties": {"type": "array", "items": side_entry}}
    subject = {"type": {"enum": ["concept", "link"]}, "concept": _STR, "label": _STR, "from": _STR, "to": _STR,
               "period": _PERIOD}
    claim_periods = {"type": "object", "additionalProperties": _PERIODS}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://argmap.readthedocs.io/schema/compare.json",
        "title": "argmap comparison of several authors",
        "type": "object", "additionalProperties": False,
        "required": ["format", "version", "level", "min_authors", "periods", "warnings", "sources", "concepts",
                     "links", "pairs_listed", "pairs", "metrics", "consensus", "partial_agreements", "shared_concepts",
                     "controversies", "tensions", "changes", "skipped"],
        "properties": {
            "format": {"const": "argmap-compare"},
            **_common(),
            "min_authors": {"type": "integer", "minimum": 1},
            "sources": _array("source"),
            "concepts": {"type": "array", "items": _object({
                "id": _STR, "period": _PERIOD, "kind": _KINDS, "label": _STR,
                "by_source": {"type": "object", "additionalProperties": {"$ref": "#/$defs/use"}},
            })},
            "links": {"type": "array", "items": _object({
                "from": _STR, "to": _STR, "period": _PERIOD,
                "by_source": {"type": "object", "additionalProperties": {"enum": _SIGNS}},
            })},
            "pairs_listed": {"enum": ["all", "requested"], "description": (
                "all: `pairs` holds every pair; requested: only the pairs asked for (none by default above "
                f"{ALL_PAIRS_UP_TO} maps). `metrics` always covers every pair.")},
            "pairs": _array("pair"),
            "metrics": metrics_schema(),
            "skipped": {"type": "array", "description": "Map files left out (argmap compare --keep-going).",
                        "items": {"type": "object", "additionalProperties": False, "required": ["map", "problems"],
                                  "properties": {"map": {"type": ["string", "null"]},
                                                 "problems": {"type": "array", "items": {"type": "string"}}}}},
            "consensus": {"type": "array", "items": _object({
                **subject, "sources": _STRS, "sign": {"enum": ["+", "-"]},
                "by_source": {"type": "object", "additionalProperties": {"enum": ["affirms", "denies", "qualifies"]}},
                "claim_periods": claim_periods,
            }, ["type", "period", "sources", "claim_periods"])},
            "partial_agreements": {"type": "array", "items": _object(
                {**subject, "sides": sides}, ["type", "period", "sides"])},
            "shared_concepts": {"type": "array", "items": _object({
                "concept": _STR, "label": _STR, "period": _PERIOD, "sources": _STRS,
                "claim_periods": claim_periods})},
            "controversies": {"type": "array", "items": _object(
                {**subject, "sides": sides}, ["type", "period", "sides"])},
            "tensions": _array("tension"),
            "changes": _array("change"),
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
            "a": _STR, "b": _STR, "overlap": {"type": "number"}, "same_kind": _BOOL,
            "same_concept": _BOOL})},
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
        "required": ["format", "version", "level", "periods", "warnings", "a", "b", "concepts", "links",
                     "summary", "tensions", "changes", "same_text"],
        "properties": {
            "format": {"const": "argmap-diff"},
            **_common(),
            "a": {"$ref": "#/$defs/source"}, "b": {"$ref": "#/$defs/source"},
            "concepts": {"type": "array", "items": _object({
                "id": _STR, "period": _PERIOD, "kind": _KINDS, "label": _STR, "status": status,
                "a": {"oneOf": [{"$ref": "#/$defs/use"}, {"type": "null"}]},
                "b": {"oneOf": [{"$ref": "#/$defs/use"}, {"type": "null"}]},
            })},
            "links": {"type": "array", "items": _object({
                "from": _STR, "to": _STR, "period": _PERIOD, "status": status, "divergent": _BOOL,
                "a": {"oneOf": [{"$ref": "#/$defs/link"}, {"type": "null"}]},
                "b": {"oneOf": [{"$ref": "#/$defs/link"}, {"type": "null"}]},
            })},
            "summary": {"$ref": "#/$defs/pair"},
            "tensions": _array("tension"),
            "changes": _array("change"),
            "same_text": {"oneOf": [same_text, {"type": "null"}]},
        },
        "$defs": _defs(),
    }
