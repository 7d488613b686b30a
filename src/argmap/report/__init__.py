"""The offline HTML report: an overview page of the comparison and one page per text.

:func:`write_report` writes ``DIR/index.html`` (the texts, the five teaching tables of
:mod:`argmap.tables`, the comparison map) and one page per text (its map drawn, its nodes
listed with their quotes and where each stands in the source, its coverage figure from
:mod:`argmap.coverage`). The pages open from the file system with no network: the style sheet
and the little script (a filter of the tables by concept and by author, which the pages do
without) are inline, drawings are inline SVG, and a Content Security Policy forbids fetching
anything and running any script but the report's own.

The pages are built as strings by pure functions (:func:`index_html`, :func:`text_html`),
given the drawings and coverage figures that :func:`report_pages` gathers (it runs ``dot``
and reads the source texts); :func:`write_report` writes them into a fresh folder beside
``DIR`` and swaps it in, so a failure never leaves half a report. Every text from a map is
HTML-escaped.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TypeAlias

from argmap.cache import source_text
from argmap.comparison import METRICS, compare
from argmap.concepts import Vocabulary
from argmap.coverage import audit
from argmap.drawing.amap import render
from argmap.drawing.backend import run_dot_many
from argmap.drawing.comparison import render_comparison
from argmap.errors import ExportError, MetricError
from argmap.files import is_replaceable_folder, replace_folder
from argmap.metrics import NORMALIZATIONS
from argmap.model import ArgumentMap
from argmap.projection import Level
from argmap.quotes import SourceText, anchor
from argmap.report.overview import index_html, report_title
from argmap.report.page import GENERATOR, INDEX, TextFacts, author_names, inline_svg, page_names
from argmap.report.text_page import text_html

__all__ = [
    "INDEX",
    "Pages",
    "TextFacts",
    "index_html",
    "inline_svg",
    "page_names",
    "report_pages",
    "text_html",
    "write_pages",
    "write_report",
]

Pages: TypeAlias = dict[str, str]




def _check_choice(metric: str, normalization: str) -> str:
    metric = metric.replace("-", "_")
    if metric not in METRICS:
        raise MetricError(f"unknown metric {metric!r}; choose one of {', '.join(METRICS)}")
    if normalization not in NORMALIZATIONS:
        raise MetricError(f"unknown normalization {normalization!r}; choose one of {', '.join(NORMALIZATIONS)}")
    return metric


def _with_source(amap: ArgumentMap) -> tuple[ArgumentMap, SourceText]:
    """The map with its quotes anchored (where that was not done), and its source text: one
    :class:`SourceText` per text, which anchoring, the coverage audit and the page share (and
    maps loaded earlier in the process built already)."""
    source = source_text(amap)
    if not all(q.anchored for n in amap.nodes for q in n.quotes):
        amap = anchor(amap, source)
    return amap, source


def report_pages(
    maps: Sequence[ArgumentMap],
    *,
    vocabulary: Vocabulary | None = None,
    metric: str = "jaccard",
    normalization: str = "none",
    title: str | None = None,
    drawings: bool = True,
    level: Level = "fine",
) -> Pages:
    """Every page of the report as text, by file name: ``index.html`` and one page per map.

    Reads each map's source text (for offsets and coverage) and, with ``drawings``, runs
    Graphviz's ``dot`` to draw each map and the comparison map. ``vocabulary`` defaults to
    the one the maps name (as for :func:`argmap.compare`); ``metric`` (``jaccard``,
    ``distance-ratio``, ``congruence``, ``conflict``) and ``normalization`` choose the
    agreement matrix; ``title`` heads the overview (default: from the outcome concept);
    ``level`` (``fine`` or ``broad``) the level of the concept hierarchy compared at.
    Raises :class:`~argmap.errors.ExportError` where ``maps`` is empty,
    :class:`~argmap.errors.MetricError` for an unknown ``metric``, ``normalization`` or ``level``,
    :class:`~argmap.errors.LoadError` where a source text or the vocabulary file cannot be
    read (:class:`~argmap.errors.QuoteError` where a quote is not in its text); with
    ``drawings``, :class:`~argmap.errors.ValidationError` for a map with duplicate node ids
    or links to unknown nodes, :class:`~argmap.errors.GraphvizNotFound` where ``dot`` is
    missing and :class:`~argmap.errors.RenderError` where it fails.
    """
    maps = list(maps)
    if not maps:
        raise ExportError("a report needs at least one map")
    metric = _check_choice(metric, normalization)
    c = compare(maps, vocabulary=vocabulary, level=level)
    vocab = c.vocabulary
    prepared = [_with_source(amap) for amap in maps]
    anchored = [amap for amap, _ in prepared]
    svgs: list[str | None] = [None] * (len(maps) + 1)
    if drawings:
        dots = [render(amap, legend=True, vocabulary=vocab).source for amap in anchored]
        svgs = [svg.decode("utf-8") for svg in run_dot_many([*dots, render_comparison(c).source])]
    facts = {key: TextFacts(svg, audit(amap, vocab, source), source)
             for key, (amap, source), svg in zip(c.keys, prepared, svgs, strict=False)}
    comparison_svg = svgs[-1]
    pages = page_names(c.keys)
    names = author_names(c)
    heading = title or report_title(c)
    out: Pages = {INDEX: index_html(anchored, c, pages=pages, facts=facts, comparison_svg=comparison_svg,
                                    metric=metric, normalization=normalization, title=title)}
    for amap, key in zip(anchored, c.keys, strict=True):
        out[pages[key]] = text_html(amap, key=key, pages=pages, facts=facts[key], vocabulary=vocab,
                                    names=names, report_title=heading)
    return out


def _is_report(folder: Path) -> bool:
    """Whether ``folder`` holds nothing but an earlier report (or nothing at all): only such
    a folder may be replaced."""
    return is_replaceable_folder(folder, f'<meta name="generator" content="{GENERATOR} ', (".html",), INDEX)


def write_pages(pages: Mapping[str, str], out_dir: str | os.PathLike[str]) -> Path:
    """Write ``pages`` (file name -> text) as the folder ``out_dir``, all at once: into a
    new folder beside it, then swapped in, so that a failure leaves the old report (or none),
    never half of one. ``out_dir`` must be new, empty, or an earlier report.

    Raises :class:`~argmap.errors.ExportError` where the folder cannot be written, is a
    file, or holds files that are not an earlier report.
    """
    target = Path(out_dir)
    for name in pages:
        if Path(name).name != name or not name.endswith(".html"):
            raise ExportError(f"a report page must be a plain .html file name, got {name!r}")
    try:
        return replace_folder(target, pages, replaceable=_is_report)
    except NotADirectoryError:
        raise ExportError(f"{target} is a file, not a folder: choose a folder for the report") from None
    except FileExistsError:
        raise ExportError(f"{target} holds files that are not an argmap report; choose a new or empty folder "
                          "(the report replaces the whole folder)") from None
    except OSError as exc:
        raise ExportError(f"cannot write the report into {target}: {exc.strerror or exc}") from None


def write_report(
    maps: Sequence[ArgumentMap],
    out_dir: str | os.PathLike[str],
    *,
    vocabulary: Vocabulary | None = None,
    metric: str = "jaccard",
    normalization: str = "none",
    title: str | None = None,
    drawings: bool = True,
    level: Level = "fine",
) -> Path:
    """Write the HTML report of ``maps`` into the folder ``out_dir`` and return the path of
    its ``index.html``, the page to open.

    The options are those of :func:`report_pages`. ``out_dir`` is replaced as a whole (it
    must be new, empty, or an earlier report, so that nothing else is lost); a failure
    leaves the earlier report in place. Raises :class:`~argmap.errors.ExportError` where the
    folder cannot be written, is a file, or holds files that are not an earlier report, and
    otherwise as :func:`report_pages` does (before anything is written).
    """
    pages = report_pages(maps, vocabulary=vocabulary, metric=metric, normalization=normalization,
                         title=title, drawings=drawings, level=level)
    return write_pages(pages, out_dir) / INDEX
