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

if TYPE_CHECKING:  # output and interchange modules load on first use (see __getattr__ below)
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
    from argmap.render_compare import render_comparison, render_diff
    from argmap.report import report_pages, write_report
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
    "Imported",
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
    "project",
    "propositions_table",
    "read_aif",
    "read_argdown",
    "read_graphml",
    "read_json",
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
    "write_report",
    "write_table",
]


_FORMATS = frozenset({
    "Imported", "from_aif", "from_argdown", "from_graphml", "from_json", "import_file", "read_aif",
    "read_argdown", "read_graphml", "read_json", "to_aif", "to_argdown", "to_graphml", "to_json",
    "write_aif", "write_argdown", "write_graphml", "write_imported", "write_json",
})
# Where each lazily loaded public name lives. The drawing of comparisons, the tables, the
# report and the interchange formats cost ~120 ms to import and most commands need none.
_LAZY = {
    **dict.fromkeys(_FORMATS, "argmap.formats"),
    **dict.fromkeys(("render_comparison", "render_diff"), "argmap.render_compare"),
    **dict.fromkeys(("report_pages", "write_report"), "argmap.report"),
    **dict.fromkeys(("Cell", "Column", "Row", "Table", "agreement_table", "build_table", "divergences_table",
                     "factors_table", "propositions_table", "theses_table", "write_table"), "argmap.tables"),
}


def __getattr__(name: str) -> object:
    """The output and interchange functions, imported on first use to keep ``import argmap`` quick."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
