"""argmap: comparative argument mapping.

Each text's argument is a typed graph (thesis, claims, evidence, causal factors,
recommendations, predictions) whose every node is anchored by a verbatim quote that argmap
finds in the source text. Load maps, validate them, and compare what different authors claim.

>>> import argmap
>>> m = argmap.load("maps/002-lost-opportunities.yaml")   # doctest: +SKIP
>>> m.thesis.label                                          # doctest: +SKIP
"""

from __future__ import annotations

from argmap.compare import (
    AgreementMatrix,
    AuthorStance,
    Comparison,
    LinkSign,
    MapDiff,
    Projection,
    SameTextComparison,
    Status,
    compare,
    compare_same_text,
    diff,
    project,
    same_source,
)
from argmap.concepts import Concept, ConceptKind, Vocabulary
from argmap.errors import (
    ArgmapError,
    ExportError,
    GraphvizNotFound,
    LoadError,
    MetricError,
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
from argmap.render import render, render_file, render_gallery, render_svg
from argmap.render_compare import render_comparison, render_diff
from argmap.report import report_pages, write_report
from argmap.schema import map_schema, vocabulary_schema
from argmap.tables import (
    Cell,
    Column,
    Row,
    Table,
    agreement_table,
    build_table,
    divergences_table,
    factors_table,
    propositions_table,
    theses_table,
    write_table,
)
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

__version__ = "0.1.0"

__all__ = [
    "AgreementMatrix",
    "ArgmapError",
    "ArgumentMap",
    "AuthorStance",
    "Cell",
    "Column",
    "Comparison",
    "Concept",
    "ConceptKind",
    "Edge",
    "ExportError",
    "GraphvizNotFound",
    "Kind",
    "LinkSign",
    "LoadError",
    "MapDiff",
    "MetricError",
    "Node",
    "Position",
    "Problem",
    "Projection",
    "Quote",
    "QuoteError",
    "Relation",
    "RenderError",
    "Row",
    "SameTextComparison",
    "Severity",
    "Sign",
    "Source",
    "SourceText",
    "Span",
    "Stance",
    "Status",
    "Table",
    "ValidationError",
    "Vocabulary",
    "__version__",
    "agreement_table",
    "anchor",
    "anchor_problems",
    "build_table",
    "check",
    "compare",
    "compare_same_text",
    "diff",
    "divergences_table",
    "dump",
    "dump_vocabulary",
    "dumps",
    "dumps_vocabulary",
    "factors_table",
    "find_vocabulary",
    "load",
    "load_vocabulary",
    "loads",
    "loads_vocabulary",
    "map_schema",
    "project",
    "propositions_table",
    "read_source",
    "render",
    "render_comparison",
    "render_diff",
    "render_file",
    "render_gallery",
    "render_svg",
    "report_pages",
    "same_source",
    "theses_table",
    "validate",
    "vocabulary_schema",
    "write_report",
    "write_table",
]
