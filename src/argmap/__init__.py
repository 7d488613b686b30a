"""argmap: comparative argument mapping.

Each text's argument is a typed graph (thesis, claims, evidence, causal factors,
recommendations, predictions) whose every node is anchored by a verbatim quote that argmap
finds in the source text. Load maps, validate them, compare what different authors claim,
draw them, and write teaching tables and reports.

>>> import argmap
>>> m = argmap.load("maps/002-lost-opportunities.yaml")   # doctest: +SKIP
>>> c = argmap.compare("maps/")                            # doctest: +SKIP

Every public name is listed in ``__all__`` and imported on first use (PEP 562), so that
``import argmap`` and ``argmap --help`` cost almost nothing; docs/architecture.md lists the
modules behind them.
"""

from __future__ import annotations

import sys
import types

from argmap._version import __version__

# Not `from typing import TYPE_CHECKING`: typing costs more to import than the rest of
# `import argmap` (type checkers read the name alone).
TYPE_CHECKING = False
if TYPE_CHECKING:  # for type checkers and editors; at run time names load on first use
    from argmap._gc import gc_paused
    from argmap.alignment import NodeMatch, SameTextComparison, compare_same_text
    from argmap.cache import cache_folder, caching
    from argmap.compare_json import (
        comparison_json_chunks,
        comparison_schema,
        comparison_to_dict,
        comparison_to_json,
        diff_schema,
        diff_to_dict,
        diff_to_json,
    )
    from argmap.compare_markdown import comparison_to_markdown, diff_to_markdown
    from argmap.compare_metrics import nearest_authors
    from argmap.compare_text import comparison_to_text, diff_to_text
    from argmap.comparison import (
        METRICS,
        Comparison,
        ConceptRow,
        Consensus,
        Controversy,
        LinkRow,
        PartialAgreement,
        SharedConcept,
        compare,
    )
    from argmap.concepts import Concept, ConceptKind, Period, Vocabulary
    from argmap.coverage import Audit, CueHit, Passage, audit
    from argmap.diffing import ConceptDiff, LinkDiff, MapDiff, Status, diff
    from argmap.drafting import Draft, DraftEdge, DraftNode, draft, new_map
    from argmap.drawing.amap import RenderOptions, render, render_file, render_svg
    from argmap.drawing.backend import output_format, write_rendering
    from argmap.drawing.comparison import render_comparison, render_diff
    from argmap.errors import (
        ArgmapError,
        DifferentTextError,
        ExportError,
        GraphvizNotFound,
        LoadError,
        MetricError,
        PathError,
        Problem,
        QuoteError,
        RenderError,
        Severity,
        ValidationError,
    )
    from argmap.files import read_text, write_chunks, write_text
    from argmap.formats import (
        Anchoring,
        Imported,
        export_text,
        from_aif,
        from_argdown,
        from_arggraph,
        from_brat,
        from_graphml,
        from_json,
        from_kialo,
        import_file,
        read_aif,
        read_argdown,
        read_arggraph,
        read_brat,
        read_graphml,
        read_json,
        read_kialo,
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
    from argmap.gallery import render_gallery
    from argmap.graph import from_networkx, to_networkx
    from argmap.model import (
        ArgumentMap,
        ChangeDirection,
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
    from argmap.pairwise import AgreementMatrix
    from argmap.periods import Change, Tension
    from argmap.projection import (
        AuthorStance,
        CausalLink,
        CausalPath,
        ConceptUse,
        LinkSign,
        Mention,
        Projection,
        display_name,
        project,
    )
    from argmap.quotes import SourceText, anchor, anchor_problems, read_source, source_path
    from argmap.report import report_pages, write_report
    from argmap.schema import map_json_schema, map_schema, vocabulary_schema
    from argmap.tables import (
        Cell,
        Column,
        Row,
        Table,
        agreement_table,
        build_table,
        divergences_table,
        factors_table,
        format_table,
        propositions_table,
        table_format,
        theses_table,
        write_table,
    )
    from argmap.thesis import ThesisCandidate
    from argmap.validation import check, validate
    from argmap.watching import Watcher, WatchUpdate, watch
    from argmap.workspace import (
        Corpus,
        find_vocabulary,
        load_corpus,
        load_maps,
        map_files,
        same_source,
        vocabulary_for,
    )
    from argmap.yamlio import (
        dump,
        dump_vocabulary,
        dumps,
        dumps_vocabulary,
        load,
        load_vocabulary,
        loads,
        loads_vocabulary,
    )

# Where each public name lives, by module; read by __getattr__ below.
_PUBLIC: dict[str, tuple[str, ...]] = {
    "argmap.errors": ("ArgmapError", "DifferentTextError", "ExportError", "GraphvizNotFound", "LoadError",
                      "MetricError", "PathError", "Problem", "QuoteError", "RenderError", "Severity",
                      "ValidationError"),
    "argmap.model": ("ArgumentMap", "ChangeDirection", "Edge", "Kind", "Node", "Position", "Quote", "Relation",
                     "Sign", "Source", "Span", "Stance"),
    "argmap.concepts": ("Concept", "ConceptKind", "Period", "Vocabulary"),
    "argmap.files": ("read_text", "write_chunks", "write_text"),
    "argmap.yamlio": ("dump", "dump_vocabulary", "dumps", "dumps_vocabulary", "load", "load_vocabulary", "loads",
                      "loads_vocabulary"),
    "argmap.quotes": ("SourceText", "anchor", "anchor_problems", "read_source", "source_path"),
    "argmap.cache": ("cache_folder", "caching"),
    "argmap._gc": ("gc_paused",),
    "argmap.workspace": ("Corpus", "find_vocabulary", "load_corpus", "load_maps", "map_files", "same_source",
                         "vocabulary_for"),
    "argmap.validation": ("check", "validate"),
    "argmap.coverage": ("Audit", "CueHit", "Passage", "audit"),
    "argmap.thesis": ("ThesisCandidate",),
    "argmap.drafting": ("Draft", "DraftEdge", "DraftNode", "draft", "new_map"),
    "argmap.schema": ("map_json_schema", "map_schema", "vocabulary_schema"),
    "argmap.graph": ("from_networkx", "to_networkx"),
    "argmap.projection": ("AuthorStance", "CausalLink", "CausalPath", "ConceptUse", "LinkSign", "Mention",
                          "Projection", "display_name", "project"),
    "argmap.diffing": ("ConceptDiff", "LinkDiff", "MapDiff", "Status", "diff"),
    "argmap.comparison": ("METRICS", "Comparison", "ConceptRow", "Consensus", "Controversy", "LinkRow",
                          "PartialAgreement", "SharedConcept", "compare"),
    "argmap.periods": ("Change", "Tension"),
    "argmap.pairwise": ("AgreementMatrix",),
    "argmap.alignment": ("NodeMatch", "SameTextComparison", "compare_same_text"),
    "argmap.compare_json": ("comparison_json_chunks", "comparison_schema", "comparison_to_dict", "comparison_to_json",
                            "diff_schema", "diff_to_dict", "diff_to_json"),
    "argmap.compare_text": ("comparison_to_text", "diff_to_text"),
    "argmap.compare_markdown": ("comparison_to_markdown", "diff_to_markdown"),
    "argmap.compare_metrics": ("nearest_authors",),
    "argmap.drawing.amap": ("RenderOptions", "render", "render_file", "render_svg"),
    "argmap.drawing.comparison": ("render_comparison", "render_diff"),
    "argmap.drawing.backend": ("output_format", "write_rendering"),
    "argmap.tables": ("Cell", "Column", "Row", "Table", "agreement_table", "build_table", "divergences_table",
                      "factors_table", "format_table", "propositions_table", "table_format", "theses_table",
                      "write_table"),
    "argmap.formats": ("Anchoring", "Imported", "export_text", "from_aif", "from_argdown", "from_arggraph",
                       "from_brat", "from_graphml", "from_json", "from_kialo", "import_file", "read_aif",
                       "read_argdown", "read_arggraph", "read_brat", "read_graphml", "read_json", "read_kialo",
                       "to_aif", "to_argdown", "to_graphml", "to_json", "write_aif", "write_argdown",
                       "write_graphml", "write_imported", "write_json"),
    "argmap.gallery": ("render_gallery",),
    "argmap.report": ("report_pages", "write_report"),
    "argmap.watching": ("WatchUpdate", "Watcher", "watch"),
}
_WHERE = {name: module for module, names in _PUBLIC.items() for name in names}

__all__ = [
    "METRICS",
    "AgreementMatrix",
    "Anchoring",
    "ArgmapError",
    "ArgumentMap",
    "Audit",
    "AuthorStance",
    "CausalLink",
    "CausalPath",
    "Cell",
    "Change",
    "ChangeDirection",
    "Column",
    "Comparison",
    "Concept",
    "ConceptDiff",
    "ConceptKind",
    "ConceptRow",
    "ConceptUse",
    "Consensus",
    "Controversy",
    "Corpus",
    "CueHit",
    "DifferentTextError",
    "Draft",
    "DraftEdge",
    "DraftNode",
    "Edge",
    "ExportError",
    "GraphvizNotFound",
    "Imported",
    "Kind",
    "LinkDiff",
    "LinkRow",
    "LinkSign",
    "LoadError",
    "MapDiff",
    "Mention",
    "MetricError",
    "Node",
    "NodeMatch",
    "PartialAgreement",
    "Passage",
    "PathError",
    "Period",
    "Position",
    "Problem",
    "Projection",
    "Quote",
    "QuoteError",
    "Relation",
    "RenderError",
    "RenderOptions",
    "Row",
    "SameTextComparison",
    "Severity",
    "SharedConcept",
    "Sign",
    "Source",
    "SourceText",
    "Span",
    "Stance",
    "Status",
    "Table",
    "Tension",
    "ThesisCandidate",
    "ValidationError",
    "Vocabulary",
    "WatchUpdate",
    "Watcher",
    "__version__",
    "agreement_table",
    "anchor",
    "anchor_problems",
    "audit",
    "build_table",
    "cache_folder",
    "caching",
    "check",
    "compare",
    "compare_same_text",
    "comparison_json_chunks",
    "comparison_schema",
    "comparison_to_dict",
    "comparison_to_json",
    "comparison_to_markdown",
    "comparison_to_text",
    "diff",
    "diff_schema",
    "diff_to_dict",
    "diff_to_json",
    "diff_to_markdown",
    "diff_to_text",
    "display_name",
    "divergences_table",
    "draft",
    "dump",
    "dump_vocabulary",
    "dumps",
    "dumps_vocabulary",
    "export_text",
    "factors_table",
    "find_vocabulary",
    "format_table",
    "from_aif",
    "from_argdown",
    "from_arggraph",
    "from_brat",
    "from_graphml",
    "from_json",
    "from_kialo",
    "from_networkx",
    "gc_paused",
    "import_file",
    "load",
    "load_corpus",
    "load_maps",
    "load_vocabulary",
    "loads",
    "loads_vocabulary",
    "map_files",
    "map_json_schema",
    "map_schema",
    "nearest_authors",
    "new_map",
    "output_format",
    "project",
    "propositions_table",
    "read_aif",
    "read_argdown",
    "read_arggraph",
    "read_brat",
    "read_graphml",
    "read_json",
    "read_kialo",
    "read_source",
    "read_text",
    "render",
    "render_comparison",
    "render_diff",
    "render_file",
    "render_gallery",
    "render_svg",
    "report_pages",
    "same_source",
    "source_path",
    "table_format",
    "theses_table",
    "to_aif",
    "to_argdown",
    "to_graphml",
    "to_json",
    "to_networkx",
    "validate",
    "vocabulary_for",
    "vocabulary_schema",
    "watch",
    "write_aif",
    "write_argdown",
    "write_chunks",
    "write_graphml",
    "write_imported",
    "write_json",
    "write_rendering",
    "write_report",
    "write_table",
    "write_text",
]

# Submodules kept for old import paths whose names are also public functions: importing one
# (``import argmap.compare``) must not rebind ``argmap.compare`` to the module.
_FUNCTIONS_OVER_MODULES = frozenset({"audit", "compare", "render", "validate"})


def __getattr__(name: str) -> object:
    """A public name, imported from its module on first use (PEP 562) and then kept."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """The ``argmap`` module: keeps a public function bound where Python's import system would
    set a same-named legacy submodule over it (``argmap.compare`` stays the function)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _FUNCTIONS_OVER_MODULES and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

if "IPython" in sys.modules:  # in a notebook or IPython shell: rich displays for maps and comparisons
    from argmap import _jupyter

    _jupyter.register()
