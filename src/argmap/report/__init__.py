"""The offline HTML report: an overview page of the comparison and one page per text.

:func:`write_report` writes ``DIR/index.html`` (a summary of who agrees, partly agrees and
splits, the texts, the teaching tables of :mod:`argmap.tables` with the agreements beside
the divergences, the comparison map) and one page per text (its map drawn, a large one on
its causal skeleton first; its nodes listed with their quotes and where each stands in the
source, implicit nodes apart; the whole source text with every quote marked and linked to
its node; its coverage figure from :mod:`argmap.coverage`). With ``single_file=True`` it
writes all of it as one HTML file instead (:mod:`argmap.report.single`), to upload or
e-mail. The pages open from the file system with no network: the style sheet and the little
script (zooming the drawings, a filter of the tables by concept and by author; the pages
work without it) are inline, drawings are inline SVG, and a Content Security Policy forbids
fetching anything and running any script but the report's own.

The pages are built as strings by pure functions (:func:`index_html`, :func:`text_html`),
given the drawings and coverage figures that :func:`report_pages` gathers (it runs ``dot``
and reads the source texts); :func:`write_report` writes them into a fresh folder beside
``DIR`` and swaps it in (or writes the one file atomically), so a failure never leaves half
a report. Every text from a map is HTML-escaped.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TypeAlias

from argmap.cache import source_text
from argmap.comparison import METRICS, Comparison, compare
from argmap.concepts import Vocabulary
from argmap.coverage import audit
from argmap.drawing.amap import SKELETON_KINDS, render
from argmap.drawing.backend import run_dot_many
from argmap.drawing.comparison import render_comparison
from argmap.errors import ExportError, MetricError
from argmap.files import is_replaceable_folder, replace_folder, write_text
from argmap.metrics import NORMALIZATIONS
from argmap.model import ArgumentMap
from argmap.projection import Level
from argmap.quotes import SourceText, anchor
from argmap.report.drawings import SKELETON_ABOVE, inline_svg
from argmap.report.overview import index_html, index_parts, report_title
from argmap.report.page import GENERATOR, INDEX, Parts, TextFacts, author_names, page, page_names
from argmap.report.single import single_file
from argmap.report.text_page import text_html, text_parts

__all__ = [
    "INDEX",
    "SKELETON_ABOVE",
    "Pages",
    "Parts",
    "TextFacts",
    "index_html",
    "inline_svg",
    "page_names",
    "report_file",
    "report_pages",
    "report_parts",
    "single_file",
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


def _large(amap: ArgumentMap) -> bool:
    """Whether a map opens on its causal skeleton: over :data:`SKELETON_ABOVE` nodes, with a
    skeleton of at least two nodes that leaves a fifth of the map out."""
    shown = sum(1 for n in amap.nodes if n.kind in SKELETON_KINDS)
    return len(amap.nodes) > SKELETON_ABOVE and 2 <= shown <= 0.8 * len(amap.nodes)


def _drawings(maps: Sequence[ArgumentMap], c: Comparison) -> tuple[list[str], list[str | None], str]:
    """Each map drawn whole, each large map's skeleton, and the comparison map, run through
    ``dot`` at once (several at a time)."""
    vocab = c.vocabulary
    dots = [render(amap, legend=True, vocabulary=vocab).source for amap in maps]
    large = [i for i, amap in enumerate(maps) if _large(amap)]
    dots += [render(maps[i], legend=True, vocabulary=vocab, skeleton=True).source for i in large]
    svgs = [svg.decode("utf-8") for svg in run_dot_many([*dots, render_comparison(c).source])]
    skeletons: list[str | None] = [None] * len(maps)
    for i, svg in zip(large, svgs[len(maps):-1], strict=True):
        skeletons[i] = svg
    return svgs[:len(maps)], skeletons, svgs[-1]


def report_parts(
    maps: Sequence[ArgumentMap],
    *,
    vocabulary: Vocabulary | None = None,
    metric: str = "jaccard",
    normalization: str = "none",
    title: str | None = None,
    drawings: bool = True,
    level: Level = "fine",
) -> tuple[dict[str, Parts], dict[str, str]]:
    """Every page of the report as :class:`Parts`, by file name (the overview first), and
    each text page's display name, by file name; the options and errors are those of
    :func:`report_pages`."""
    maps = list(maps)
    if not maps:
        raise ExportError("a report needs at least one map")
    metric = _check_choice(metric, normalization)
    c = compare(maps, vocabulary=vocabulary, level=level)
    vocab = c.vocabulary
    prepared = [_with_source(amap) for amap in maps]
    anchored = [amap for amap, _ in prepared]
    whole: list[str | None] = [None] * len(maps)
    skeletons: list[str | None] = [None] * len(maps)
    comparison_svg = None
    if drawings:
        drawn, skeletons, comparison_svg = _drawings(anchored, c)
        whole = list(drawn)
    facts = {key: TextFacts(svg, audit(amap, vocab, source), source, skeleton)
             for key, (amap, source), svg, skeleton in zip(c.keys, prepared, whole, skeletons, strict=True)}
    pages = page_names(c.keys)
    names = author_names(c)
    heading = title or report_title(c)
    out = {INDEX: index_parts(anchored, c, pages=pages, facts=facts, comparison_svg=comparison_svg,
                              metric=metric, normalization=normalization, title=title)}
    for amap, key in zip(anchored, c.keys, strict=True):
        out[pages[key]] = text_parts(amap, key=key, pages=pages, facts=facts[key], vocabulary=vocab,
                                     names=names, report_title=heading)
    return out, {pages[key]: names[key] for key in c.keys}


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

    Reads each map's source text (for offsets, coverage and the source view) and, with
    ``drawings``, runs Graphviz's ``dot`` to draw each map (a map of over
    :data:`SKELETON_ABOVE` nodes also as its causal skeleton, which its page opens on) and
    the comparison map. ``vocabulary`` defaults to the one the maps name (as for
    :func:`argmap.compare`); ``metric`` (``jaccard``, ``distance-ratio``, ``congruence``,
    ``conflict``) and ``normalization`` choose the agreement matrix; ``title`` heads the
    overview (default: from the outcome concept); ``level`` (``fine`` or ``broad``) the level
    of the concept hierarchy compared at.
    Raises :class:`~argmap.errors.ExportError` where ``maps`` is empty,
    :class:`~argmap.errors.MetricError` for an unknown ``metric``, ``normalization`` or ``level``,
    :class:`~argmap.errors.LoadError` where a source text or the vocabulary file cannot be
    read (:class:`~argmap.errors.QuoteError` where a quote is not in its text); with
    ``drawings``, :class:`~argmap.errors.ValidationError` for a map with duplicate node ids
    or links to unknown nodes, :class:`~argmap.errors.GraphvizNotFound` where ``dot`` is
    missing and :class:`~argmap.errors.RenderError` where it fails.
    """
    parts, _ = report_parts(maps, vocabulary=vocabulary, metric=metric, normalization=normalization,
                            title=title, drawings=drawings, level=level)
    return {name: page(p) for name, p in parts.items()}


def report_file(
    maps: Sequence[ArgumentMap],
    *,
    vocabulary: Vocabulary | None = None,
    metric: str = "jaccard",
    normalization: str = "none",
    title: str | None = None,
    drawings: bool = True,
    level: Level = "fine",
) -> str:
    """The whole report as one self-contained HTML document (see
    :mod:`argmap.report.single`); options and errors as for :func:`report_pages`."""
    parts, names = report_parts(maps, vocabulary=vocabulary, metric=metric, normalization=normalization,
                                title=title, drawings=drawings, level=level)
    return single_file(parts, names=names)


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
    out: str | os.PathLike[str],
    *,
    vocabulary: Vocabulary | None = None,
    metric: str = "jaccard",
    normalization: str = "none",
    title: str | None = None,
    drawings: bool = True,
    level: Level = "fine",
    single_file: bool = False,
) -> Path:
    """Write the HTML report of ``maps`` into the folder ``out`` and return the path of its
    ``index.html``, the page to open; with ``single_file``, write it as the one HTML file
    ``out`` instead (every page a section of it, styles, script and drawings inline, nothing
    fetched: a file to upload to a learning platform or send by e-mail) and return ``out``.

    The other options are those of :func:`report_pages`. The folder ``out`` is replaced as a
    whole (it must be new, empty, or an earlier report, so that nothing else is lost); the
    file ``out`` is written atomically (missing folders on the way are made). A failure
    leaves the earlier report in place. Raises :class:`~argmap.errors.ExportError` where the folder or file
    cannot be written, where the folder is a file or holds files that are not an earlier
    report, or where the file is a folder; otherwise as :func:`report_pages` does (before
    anything is written).
    """
    if single_file:
        target = Path(out)
        if target.is_dir():
            raise ExportError(f"{target} is a folder: --single-file writes one HTML file (name it, e.g. report.html)")
        text = report_file(maps, vocabulary=vocabulary, metric=metric, normalization=normalization,
                           title=title, drawings=drawings, level=level)
        try:
            return write_text(target, text, parents=True)
        except OSError as exc:
            raise ExportError(f"cannot write the report to {target}: {exc.strerror or exc}") from None
    pages = report_pages(maps, vocabulary=vocabulary, metric=metric, normalization=normalization,
                         title=title, drawings=drawings, level=level)
    return write_pages(pages, out) / INDEX
