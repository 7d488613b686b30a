"""JSON Schemas of the map and vocabulary formats, built from the model's enums.

Editors (VS Code's YAML extension, JetBrains IDEs) use them to check and complete map files;
``argmap schema`` prints them. The tests check that the loader and the schema agree.
"""

from __future__ import annotations

from typing import Any

from argmap.concepts import CONCEPT_ID, ConceptKind
from argmap.model import ChangeDirection, Kind, Relation, Sign, Stance

__all__ = ["map_json_schema", "map_schema", "vocabulary_schema"]

SCHEMA_BASE = "https://argmap.readthedocs.io/schema"
_IDENT: dict[str, Any] = {
    "oneOf": [{"type": "string", "minLength": 1, "pattern": r"^\S(?:[^\x00-\x1f\x7f]*\S)?$"},
              {"type": "integer"}],
}
_TEXT: dict[str, Any] = {"type": "string", "minLength": 1, "pattern": r"\S"}
_OPT_TEXT: dict[str, Any] = {"type": ["string", "null"], "minLength": 1, "pattern": r"\S"}
_DRAFT: dict[str, Any] = {"type": "number", "minimum": 0, "maximum": 1,
                          "description": "Confidence of a proposal nobody has reviewed; delete once checked."}


def _values(enum_cls: Any) -> list[str]:
    return [m.value for m in enum_cls]


def map_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an argument map file.

    Never raises: the schema is built from constants, not read from a file.
    """
    text = {"type": "string", "minLength": 1, "pattern": r"\S",
            "description": "Verbatim text of the source; '...' or '…' joins segments in order."}
    quote = {"oneOf": [text, {
        "type": "object", "required": ["text"], "additionalProperties": False,
        "description": "A passage that occurs several times in the source, with the occurrence it stands for.",
        "properties": {"text": text, "occurrence": {"type": "integer", "minimum": 1,
                                                    "description": "1 for the first place, 2 for the second, ..."}},
    }]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}/map.json",
        "title": "argmap argument map",
        "description": "One text's argument as a typed graph, every node anchored by a verbatim quote.",
        "type": "object",
        "required": ["source", "nodes"],
        "additionalProperties": False,
        "properties": {
            "source": {
                "type": "object",
                "description": "The text this map encodes; metadata as the text states it, null where silent.",
                "required": ["id", "file"],
                "additionalProperties": False,
                "properties": {
                    "id": _IDENT,
                    "file": {**_TEXT, "description": "Path of the source text, relative to the map file."},
                    "title": _OPT_TEXT,
                    "author": _OPT_TEXT,
                    "venue": _OPT_TEXT,
                    "year": {"type": ["integer", "null"]},
                    "name": {**_OPT_TEXT, "description": "Short display name used in every output."},
                    "note": {**_OPT_TEXT,
                             "description": "What the metadata rests on (e.g. how the text fixes its year)."},
                },
            },
            "vocabulary": {**_TEXT, "description": "Path of the concept vocabulary, relative to the map."},
            "nodes": {"type": ["array", "null"], "items": {"$ref": "#/$defs/node"}},
            "edges": {"type": ["array", "null"], "items": {"$ref": "#/$defs/edge"}},
            "exclude": {
                "description": "Passages that are not argument (references, navigation), left out of coverage.",
                "oneOf": [quote, {"type": "array", "minItems": 1, "items": quote}],
            },
        },
        "$defs": {
            "quote": quote,
            "node": {
                "type": "object",
                "required": ["id", "kind", "label"],
                "additionalProperties": False,
                "if": {"required": ["implicit"], "properties": {"implicit": {"const": True}}},
                "then": {"not": {"required": ["quote"]}},
                "else": {"required": ["quote"]},
                "properties": {
                    "id": _IDENT,
                    "kind": {"enum": _values(Kind)},
                    "label": {**_TEXT, "description": "A short paraphrase in the encoder's words."},
                    "implicit": {"type": "boolean",
                                 "description": "An unstated premise or reconstruction: no quote, a note saying why."},
                    "quote": {"oneOf": [{"$ref": "#/$defs/quote"},
                                        {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/quote"}}]},
                    "concept": {**_TEXT, "description": "Id of a vocabulary concept."},
                    "direction": {"enum": _values(ChangeDirection),
                                  "description": "Whether the node describes a rise (default) or a fall of "
                                                 "its concept."},
                    "stance": {"enum": _values(Stance)},
                    "period": {**_TEXT, "description": "Id of a period of the vocabulary."},
                    "section": _OPT_TEXT,
                    "note": _OPT_TEXT,
                    "draft": _DRAFT,
                },
            },
            "edge": {
                "type": "object",
                "required": ["from", "to", "rel"],
                "additionalProperties": False,
                "properties": {
                    "from": _IDENT,
                    "to": _IDENT,
                    "rel": {"enum": _values(Relation)},
                    "sign": {"enum": _values(Sign),
                             "description": "Only on `causes`: '+' helps, '-' hinders."},
                    "period": {**_TEXT, "description": "Id of a period of the vocabulary."},
                    "quote": {"$ref": "#/$defs/quote"},
                    "note": _OPT_TEXT,
                    "draft": _DRAFT,
                },
            },
        },
    }


def map_json_schema() -> dict[str, Any]:
    """The JSON Schema of argmap's JSON map format (see :mod:`argmap.formats.jsonio`).

    The same as :func:`map_schema`, except that a quote found in the source text may be
    written as ``{"text": ..., "spans": [[start, end], ...]}`` with its character offsets.
    Never raises: the schema is built from constants, not read from a file.
    """
    schema = map_schema()
    plain, choosing = schema["$defs"]["quote"]["oneOf"]
    anchored = {
        "type": "object",
        "required": ["text"],
        "additionalProperties": False,
        "description": "A quote with the offsets [start, end) of each segment in the source text.",
        "properties": {
            **choosing["properties"],
            "spans": {"type": "array",
                      "items": {"type": "array", "minItems": 2, "maxItems": 2,
                                "items": {"type": "integer", "minimum": 0}}},
        },
    }
    quote = {"oneOf": [plain, anchored]}
    schema["$id"] = f"{SCHEMA_BASE}/map-json.json"
    schema["title"] = "argmap argument map (JSON, with quote offsets)"
    schema["$defs"]["quote"] = quote
    schema["properties"]["exclude"]["oneOf"] = [
        quote, {"type": "array", "minItems": 1, "items": quote},
    ]
    return schema


def vocabulary_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a concept vocabulary file.

    Never raises: the schema is built from constants, not read from a file.
    """
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}/vocabulary.json",
        "title": "argmap concept vocabulary",
        "type": "object",
        "required": ["concepts"],
        "additionalProperties": False,
        "properties": {
            "periods": {
                "type": ["array", "null"],
                "description": "Spans of years that maps date their claims to (start and end inclusive).",
                "items": {
                    "type": "object",
                    "required": ["id", "label", "start"],
                    "additionalProperties": False,
                    "properties": {
                        "id": {"type": "string", "pattern": CONCEPT_ID.pattern},
                        "label": _TEXT,
                        "start": {"type": "integer"},
                        "end": {"type": ["integer", "null"], "description": "null: still running"},
                        "scope": {"type": ["string", "null"]},
                    },
                },
            },
            "concepts": {
                "type": ["array", "null"],
                "items": {
                    "type": "object",
                    "required": ["id", "kind", "label"],
                    "additionalProperties": False,
                    "properties": {
                        "id": {"type": "string", "pattern": CONCEPT_ID.pattern},
                        "kind": {"enum": _values(ConceptKind)},
                        "label": _TEXT,
                        "broader": {"type": ["string", "null"], "pattern": CONCEPT_ID.pattern,
                                    "description": "Id of the coarser concept this one narrows (SKOS broader)."},
                        "scope": {"type": ["string", "null"]},
                        "cues": {"type": ["array", "null"], "items": _TEXT},
                    },
                },
            },
        },
    }
