"""argmap: comparative argument mapping.

Each text's argument is a typed graph (thesis, claims, evidence, causal factors,
recommendations, predictions) whose every node is anchored by a verbatim quote that argmap
finds in the source text. Load maps, validate them, and compare what different authors claim.

>>> import argmap
>>> m = argmap.load("maps/002-lost-opportunities.yaml")   # doctest: +SKIP
>>> m.thesis.label                                          # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.concepts import Concept, ConceptKind, Vocabulary
from argmap.errors import (
    ArgmapError,
    ExportError,
    GraphvizNotFound,
    LoadError,
    Problem,
    QuoteError,
    RenderError,
    Severity,
    ValidationError,
)
from argmap.model import (
    ArgumentMap,
    Edge,
    Kind,
    Node,
    Position,
    Quote,
    Relation,
    Sign,
    Source,
    Span,
    Stance,
)
from argmap.quotes import SourceText, anchor, anchor_problems
from argmap.schema import map_json_schema, map_schema, vocabulary_schema
from argmap.validate import check, find_vocabulary, validate
from argmap.yamlio import (
    dump,
    dump_vocabulary,
    dumps,
    dumps_vocabulary,
    load,
    load_vocabulary,
    loads,
    loads_vocabulary,
    read_source,
)

if TYPE_CHECKING:  # the interchange formats load on first use (see __getattr__ below)
    from argmap.formats import (
        Imported,
        from_aif,
        from_argdown,
        from_graphml,
        from_json,
        import_file,
        read_aif,
        read_argdown,
        read_graphml,
        read_json,
        to_aif,
        to_argdown,
        to_graphml,
        to_json,
        write_aif,
        write_argdown,
        write_graphml,
        write_imported,
        write_json,
    )

__version__ = "0.1.0"

__all__ = [
    "ArgmapError",
    "ArgumentMap",
    "Concept",
    "ConceptKind",
    "Edge",
    "ExportError",
    "GraphvizNotFound",
    "Imported",
    "Kind",
    "LoadError",
    "Node",
    "Position",
    "Problem",
    "Quote",
    "QuoteError",
    "Relation",
    "RenderError",
    "Severity",
    "Sign",
    "Source",
    "SourceText",
    "Span",
    "Stance",
    "ValidationError",
    "Vocabulary",
    "__version__",
    "anchor",
    "anchor_problems",
    "check",
    "dump",
    "dump_vocabulary",
    "dumps",
    "dumps_vocabulary",
    "find_vocabulary",
    "from_aif",
    "from_argdown",
    "from_graphml",
    "from_json",
    "import_file",
    "load",
    "load_vocabulary",
    "loads",
    "loads_vocabulary",
    "map_json_schema",
    "map_schema",
    "read_aif",
    "read_argdown",
    "read_graphml",
    "read_json",
    "read_source",
    "to_aif",
    "to_argdown",
    "to_graphml",
    "to_json",
    "validate",
    "vocabulary_schema",
    "write_aif",
    "write_argdown",
    "write_graphml",
    "write_imported",
    "write_json",
]


_FORMATS = frozenset({
    "Imported", "from_aif", "from_argdown", "from_graphml", "from_json", "import_file", "read_aif",
    "read_argdown", "read_graphml", "read_json", "to_aif", "to_argdown", "to_graphml", "to_json",
    "write_aif", "write_argdown", "write_graphml", "write_imported", "write_json",
})


def __getattr__(name: str) -> object:
    """The interchange functions, imported on first use to keep ``import argmap`` quick."""
    if name in _FORMATS:
        from argmap import formats

        return getattr(formats, name)
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")
