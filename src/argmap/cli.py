"""The ``argmap`` command line: argument parsing and exit codes, nothing else.

Each sub-command calls the public Python API (``argmap.*``, whose names load on first use),
so ``argmap --help`` imports nothing but the standard library it needs to parse arguments.
Exit codes: 0 success, 1 a problem with the user's files, 2 a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys

import argmap

# Not `from typing import TYPE_CHECKING`: typing alone costs more than the rest of --help.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import Any

    from argmap import ArgumentMap, Vocabulary

__all__ = ["main"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _UsageError(Exception):
    """A command line that cannot be carried out (exit code 2)."""


# The standard library modules below are imported by the commands that use them, so that
# `argmap --help` stays as quick as a bare interpreter (a benchmark measures it).
def _json() -> Any:
    import json

    return json


def _path(*parts: str | os.PathLike[str]) -> Any:
    from pathlib import Path

    return Path(*parts)


def _terminal_size() -> os.terminal_size:
    import shutil

    return shutil.get_terminal_size((100, 24))


def _cmd_validate(args: argparse.Namespace) -> int:
    vocabulary = _vocabulary(args)
    files = argmap.map_files(args.paths, vocabularies=True)
    errors = warnings = 0
    for path in files:
        for problem in argmap.check(path, vocabulary):
            if problem.severity is argmap.Severity.ERROR:
                errors += 1
            else:
                warnings += 1
            print(problem)
    failed = errors > 0 or (args.strict and warnings > 0)
    if not args.quiet:
        summary = f"{len(files)} file{'s' * (len(files) != 1)} checked: "
        summary += f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        print(summary, file=sys.stderr)
    return EXIT_PROBLEMS if failed else EXIT_OK


def _cmd_audit(args: argparse.Namespace) -> int:
    results = []
    for amap in argmap.load_maps(args.paths):
        vocab_path = args.vocabulary or argmap.find_vocabulary(amap)
        results.append(argmap.audit(amap, argmap.load_vocabulary(vocab_path) if vocab_path else None))
    if args.format == "json":
        print(_json().dumps([r.to_dict() for r in results], indent=2, ensure_ascii=False))
    else:
        print("\n\n".join(r.to_text(limit=0 if args.all else 10) for r in results))
    low = [r for r in results if r.coverage < args.min_coverage]
    for r in low:
        print(f"{r.map_id}: coverage {r.coverage:.1%} is below --min-coverage {args.min_coverage:.0%}",
              file=sys.stderr)
    return EXIT_PROBLEMS if low else EXIT_OK

def _cmd_render(args: argparse.Namespace) -> int:
    chosen = [name for name, value in (("MAP", args.map), ("--diff", args.diff), ("--compare", args.compare))
              if value]
    if len(chosen) != 1:
        given = " and ".join(chosen) if chosen else "none of them"
        raise _UsageError(f"give exactly one of MAP, --diff A B or --compare PATH... (got {given})")
    if args.map is None and (args.kinds or args.clusters):
        raise _UsageError("--kinds and --clusters draw one map; they do not apply to --diff or --compare")
    try:
        argmap.output_format(args.output)
    except argmap.ExportError as exc:
        raise _UsageError(str(exc)) from None
    vocabulary = _vocabulary(args)
    drawing: dict[str, Any] = {"style": args.style, "direction": args.direction, "legend": args.legend,
                               "caption": args.caption}
    if args.wrap is not None:  # else each drawing's own default
        drawing["wrap"] = args.wrap
    if args.diff:
        for name in args.diff:
            if not _path(name).is_file():
                raise _UsageError(f"{name}: no such map file")
        a, b = argmap.load_maps(args.diff, anchor=False)
        graph = argmap.render_diff(a, b, vocabulary=vocabulary, **drawing)
    elif args.compare:
        graph = argmap.render_comparison(_maps_from(args.compare, anchor=False), vocabulary=vocabulary, **drawing)
    else:
        if not _path(args.map).is_file():
            raise _UsageError(f"{args.map}: no such map file")
        amap = argmap.load(args.map, anchor=False)
        if vocabulary is None and (found := argmap.find_vocabulary(amap)) is not None:
            vocabulary = argmap.load_vocabulary(found)
        graph = argmap.render(amap, kinds=args.kinds, clusters=args.clusters, vocabulary=vocabulary, **drawing)
    written = argmap.write_rendering(graph.source, args.output, parents=True)
    if not args.quiet:
        print(f"wrote {written}", file=sys.stderr)
    return EXIT_OK


def _kind_list(text: str) -> list[str]:
    """``--kinds factor,outcome`` as a list, each checked against the node kinds."""
    kinds = [k.strip() for k in text.split(",") if k.strip()]
    allowed = [k.value for k in argmap.Kind]
    unknown = [k for k in kinds if k not in allowed]
    if unknown or not kinds:
        raise argparse.ArgumentTypeError(
            f"unknown node kind {', '.join(map(repr, unknown)) or '(none given)'}: "
            f"use a comma-separated list of {', '.join(allowed)}")
    return kinds


_SPELLINGS = {"color": "colour", "grayscale": "greyscale", "tb": "TB", "bt": "BT", "lr": "LR"}


def _cmd_schema(args: argparse.Namespace) -> int:
    schemas = {"map": argmap.map_schema, "vocabulary": argmap.vocabulary_schema, "json": argmap.map_json_schema}
    schema = schemas[args.which]()
    print(_json().dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


def _vocabulary(args: argparse.Namespace) -> Vocabulary | None:
    """The vocabulary named by --vocabulary, or None to let each map find its own."""
    return argmap.load_vocabulary(args.vocabulary) if args.vocabulary else None


def _maps_from(paths: Iterable[str], *, anchor: bool = True) -> list[ArgumentMap]:
    """Every map among the paths (directories expanded), all load problems reported at once."""
    return argmap.load_maps(paths, anchor=anchor)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def _use_color(args: argparse.Namespace) -> bool:
    """Colour only for a terminal, unless --no-color or NO_COLOR (https://no-color.org) says not."""
    if args.no_color or os.environ.get("NO_COLOR") or args.output is not None:
        return False
    return sys.stdout.isatty()


def _emit(text: str, output: str | None) -> None:
    """Text to standard output, or written atomically to ``output``."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        argmap.write_text(output, text)
    except OSError as exc:
        raise argmap.ExportError(f"cannot write {output}: {exc.strerror or exc}") from None



def _cmd_diff(args: argparse.Namespace) -> int:
    vocabulary = _vocabulary(args)
    result = argmap.diff(args.a, args.b, vocabulary=vocabulary)
    width = min(120, _terminal_size().columns)
    text = {"json": argmap.diff_to_json, "md": argmap.diff_to_markdown}.get(args.format)
    _emit(text(result) if text else argmap.diff_to_text(result, color=_use_color(args), width=width), args.output)
    return EXIT_OK


def _cmd_compare(args: argparse.Namespace) -> int:
    if args.format != "json" and (args.pairs or args.all_pairs or args.metrics):
        raise _UsageError("--pairs, --all-pairs and --metrics choose what the JSON carries: add --format json")
    if args.pairs and args.all_pairs:
        raise _UsageError("give --pairs A,B ... or --all-pairs, not both")
    vocabulary = _vocabulary(args)
    if args.keep_going:
        corpus = argmap.load_corpus(args.paths, progress=True, jobs=0)
        maps, skipped = list(corpus.maps), list(corpus.failed)
        _report_skipped(skipped)
        if not maps:
            raise argmap.LoadError([p for _path, problems in skipped for p in problems])
    else:
        maps, skipped = list(argmap.load_corpus(args.paths, progress=True, jobs=0).maps_or_raise()), []
    result = argmap.compare(maps, vocabulary=vocabulary, min_authors=args.min_authors)
    if args.format == "json":
        pairs = True if args.all_pairs else (args.pairs or None)
        chunks = argmap.comparison_json_chunks(result, pairs=pairs, metrics=args.metrics or argmap.METRICS,
                                               skipped=skipped)
        if args.output is None:
            for chunk in chunks:
                sys.stdout.write(chunk)
        else:
            try:
                argmap.write_chunks(args.output, chunks)
            except OSError as exc:
                raise argmap.ExportError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        return EXIT_OK
    width = min(120, _terminal_size().columns)
    if args.format == "md":
        _emit(argmap.comparison_to_markdown(result), args.output)
    else:
        _emit(argmap.comparison_to_text(result, width=width), args.output)
    return EXIT_OK


def _report_skipped(skipped: list[Any]) -> None:
    """Say which map files --keep-going left out, and why (the JSON lists them too)."""
    if not skipped:
        return
    print(f"argmap compare: left out {len(skipped)} map file{'s' * (len(skipped) != 1)} that did not load:",
          file=sys.stderr)
    for _path, problems in skipped:
        for problem in problems:
            print(problem, file=sys.stderr)


def _pair(text: str) -> tuple[str, str]:
    """``--pairs A,B``: two author keys (or map files) separated by a comma."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2 or not all(parts):
        raise argparse.ArgumentTypeError(f"a pair is two authors separated by a comma, e.g. alpha,beta; got {text!r}")
    return parts[0], parts[1]


def _metric_list(text: str) -> list[str]:
    names = [m.strip().replace("-", "_") for m in text.split(",") if m.strip()]
    unknown = [m for m in names if m not in argmap.METRICS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown metric {', '.join(map(repr, unknown)) or '(none given)'}: "
            f"use a comma-separated list of {', '.join(argmap.METRICS)}")
    return names


def _cmd_table(args: argparse.Namespace) -> int:
    if args.kind != "agreement" and (args.metric is not None or args.normalization is not None):
        raise _UsageError("--metric and --normalization apply to --kind agreement only")
    fmt = args.format
    if fmt is None:
        try:
            fmt = argmap.table_format(args.output) if args.output else "md"
        except argmap.ExportError as exc:
            raise _UsageError(f"{exc} (--format md|html|latex|csv)") from None
    vocabulary = _vocabulary(args)
    maps = _maps_from(args.paths)
    table = argmap.build_table(args.kind, maps, comparison=argmap.compare(maps, vocabulary=vocabulary),
                               metric=args.metric or "jaccard", normalization=args.normalization or "none")
    _emit(argmap.format_table(table, fmt, standalone=args.standalone), args.output)
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    _emit(argmap.export_text(argmap.load(args.map), args.to), args.output)
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    if args.thesis is not None and args.source_format in ("json", "graphml"):
        raise _UsageError(
            f"--thesis applies to AIF and Argdown: a {args.source_format} map names its thesis"
        )
    source_file = None
    if args.text is not None:
        base = _path(args.output).resolve().parent if args.output else _path(os.getcwd())
        source_file = _path(os.path.relpath(_path(args.text).resolve(), base)).as_posix()
    imported = argmap.import_file(args.file, args.source_format, thesis=args.thesis, text=args.text,
                           source_file=source_file)
    for notice in imported.notices:
        print(notice, file=sys.stderr)
    if args.output:
        try:
            written = argmap.write_imported(imported, args.output)
        except OSError as exc:
            raise argmap.ExportError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        print("wrote " + ", ".join(str(p) for p in written), file=sys.stderr)
    else:
        sys.stdout.write(argmap.dumps(imported.map))
        if imported.source_text is not None:
            print(f"argmap import: the map quotes a generated source text "
                  f"({imported.map.source.file}) that is written only with -o MAP.yaml",
                  file=sys.stderr)
    return EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    vocabulary = _vocabulary(args)
    maps = _maps_from(args.paths)
    try:
        index = argmap.write_report(maps, args.output, vocabulary=vocabulary, metric=args.metric,
                             normalization=args.normalization, title=args.title, drawings=args.drawings)
    except argmap.GraphvizNotFound as exc:
        hint = "(argmap report --no-drawings makes the report without the maps drawn)"
        raise argmap.GraphvizNotFound(f"{exc}\n{hint}") from None
    if not args.quiet:
        print(f"wrote {index.parent}: the overview and {len(maps)} text page{'s' * (len(maps) != 1)}; open {index}",
              file=sys.stderr)
    return EXIT_OK




def _add_cache(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-cache", action="store_true",
                   help="read every map file afresh, without the cache of loaded maps (also: ARGMAP_NO_CACHE=1)")


def _add_vocabulary(p: argparse.ArgumentParser) -> None:
    p.add_argument("--vocabulary", metavar="FILE",
                   help="concept vocabulary (default: the maps' `vocabulary:` or concepts.yaml beside them)")


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``command``, only that sub-command gets its arguments (the others are
    listed with their help line), which keeps ``argmap --help`` quick. ``None``: all of them."""
    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Comparative argument mapping: validate, compare and render quote-anchored argument maps.",
        epilog="Run 'argmap COMMAND --help' for a command's options. Docs: docs/format.md",
    )
    parser.add_argument("--version", action="version", version=f"argmap {argmap.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = _sub(sub, command, "validate", help="check maps: syntax, quotes, structure",
                       description="Check map and vocabulary files; a directory means every "
                                   ".yaml file under it. Prints path:line:col: error: message.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="map files or directories")
    p.add_argument("--vocabulary", metavar="FILE",
                   help="concept vocabulary (default: the map's `vocabulary:` or concepts.yaml beside it)")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    _add_cache(p)
    p.add_argument("-q", "--quiet", action="store_true", help="do not print the summary line")
    p.set_defaults(func=_cmd_validate)

    p = _sub(sub, command, "audit", help="report how much of its source text a map covers",
                       description="For each map: the share of argumentative text its quotes touch, the "
                                   "passages no quote touches, and vocabulary concepts whose cue terms "
                                   "occur in the text but that the map does not link.")
    p.add_argument("paths", nargs="+", metavar="MAP", help="map files or directories")
    p.add_argument("--vocabulary", metavar="FILE", help="concept vocabulary for the cue-term check")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--all", action="store_true", help="list every uncovered passage, not the first 10")
    p.add_argument("--min-coverage", type=float, default=0.0, metavar="SHARE",
                   help="exit 1 if a map covers less than this share (0-1) of its argumentative text")
    _add_cache(p)
    p.set_defaults(func=_cmd_audit)

    p = _sub(sub, command, "render", help="draw a map, a two-author diff or a comparison as SVG, PNG, PDF or DOT",
                       usage="argmap render (MAP | --diff A B | --compare PATH...) -o FILE [options]",
                       description="Draw one map (each node kind its own shape and colour, each "
                                   "quote in its node's tooltip), two authors' maps overlaid (--diff: "
                                   "what only one says, what both say alike or in opposition), or the "
                                   "comparison map of several authors (--compare: each concept and "
                                   "causal link with the authors who assert it). The format follows "
                                   "the output file's suffix (.svg, .png, .pdf, or .dot, which needs no "
                                   "Graphviz). Docs: docs/gallery.md")
    p.add_argument("map", metavar="MAP", nargs="?", help="the map file")
    p.add_argument("--diff", nargs=2, metavar=("A", "B"),
                   help="overlay two authors' maps at the level of their shared concepts")
    p.add_argument("--compare", nargs="+", metavar="PATH",
                   help="draw the comparison map of these maps (a directory: every map under it)")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="where to write the drawing (.svg, .png, .pdf or .dot)")
    p.add_argument("--style", type=lambda s: _SPELLINGS.get(s, s), default="colour",
                   choices=["colour", "greyscale"],
                   help="colour (colour-blind safe) or greyscale for black-and-white print")
    p.add_argument("--direction", type=lambda s: _SPELLINGS.get(s, s), default="auto",
                   choices=["auto", "TB", "BT", "LR"],
                   help="where the thesis (the outcome, for --diff and --compare) goes: TB top, BT "
                        "bottom, LR left; auto (default): TB, or LR where the drawing is too wide "
                        "to read top-down")
    p.add_argument("--kinds", type=_kind_list, metavar="KIND,...",
                   help="one map: draw only these node kinds, e.g. factor,outcome for the causal skeleton")
    p.add_argument("--no-legend", dest="legend", action="store_false",
                   help="leave out the key to shapes, lines and authors")
    p.add_argument("--no-caption", dest="caption", action="store_false",
                   help="leave out the title line above the drawing")
    p.add_argument("--clusters", action="store_true",
                   help="one map: box the nodes of each section of the text (where the map records them)")
    p.add_argument("--wrap", type=_positive_int, metavar="N",
                   help="wrap labels at N characters (default: 26 for a map, 22 for concepts)")
    _add_cache(p)
    _add_vocabulary(p)
    p.add_argument("-q", "--quiet", action="store_true", help="do not print the file written")
    p.set_defaults(func=_cmd_render)

    p = _sub(sub, command, "schema", help="print the JSON Schema of the map format",
                       description="Print a JSON Schema for editors and validators.")
    p.add_argument("which", nargs="?", choices=["map", "vocabulary", "json"], default="map",
                   help="which file format (default: map; json: argmap JSON, with quote offsets)")
    p.set_defaults(func=_cmd_schema)

    p = _sub(sub, command, "diff", help="compare two authors' maps concept by concept",
                       description="Where two authors agree and diverge: shared concepts, opposite "
                                   "stances, causal links with opposite signs, each with both quotes. "
                                   "Two maps of the same source text are also aligned node by node, "
                                   "B taken as the reference (a student's map against a teacher's).")
    p.add_argument("a", metavar="A", help="first map (e.g. the student's)")
    p.add_argument("b", metavar="B", help="second map (e.g. the reference)")
    p.add_argument("--format", choices=["text", "json", "md"], default="text",
                   help="output format (default: text; json is documented in docs/compare-json.md)")
    p.add_argument("--no-color", action="store_true",
                   help="no colour (also when NO_COLOR is set or the output is not a terminal)")
    _add_cache(p)
    _add_vocabulary(p)
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(func=_cmd_diff)

    p = _sub(sub, command, "compare", help="compare several authors: consensus, controversies, metrics",
                       description="Compare any number of maps at the level of the shared concepts: the "
                                   "concept x author matrix, consensus, controversies with quotes, and "
                                   "every pair's diff and metrics. A directory means every map under it.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="map files or directories")
    p.add_argument("--format", choices=["text", "json", "md"], default="text",
                   help="output format (default: text; json is documented in docs/compare-json.md)")
    p.add_argument("--min-authors", type=_positive_int, default=2, metavar="K",
                   help="consensus needs at least K authors (default: 2)")
    p.add_argument("--pairs", nargs="+", type=_pair, metavar="A,B",
                   help="json: list the full diff of these pairs of authors (keys or map files); by default "
                        "every pair up to 50 maps, none above (every pair's metrics are always there)")
    p.add_argument("--all-pairs", action="store_true", help="json: list every pair's full diff, however many maps")
    p.add_argument("--metrics", type=_metric_list, metavar="NAME,...",
                   help="json: the pairwise metrics to give for every pair (default: all four: "
                        "jaccard,distance_ratio,congruence,conflict)")
    p.add_argument("--keep-going", action="store_true",
                   help="leave out map files that do not load (listed on standard error and in the JSON) "
                        "instead of stopping")
    _add_cache(p)
    _add_vocabulary(p)
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(func=_cmd_compare)

    p = _sub(sub, command, "table", help="a comparison table for teaching: Markdown, HTML, LaTeX or CSV",
                       description="One teaching table for the maps given: theses (each text's thesis and "
                                   "outlook), factors (causal factor x author), propositions (stance x "
                                   "author), agreement (author x author metric) or divergences (each "
                                   "controversy with the authors' quotes side by side). Docs: docs/tables.md")
    p.add_argument("paths", nargs="+", metavar="PATH", help="map files or directories")
    p.add_argument("--kind", required=True,
                   choices=["theses", "factors", "propositions", "agreement", "divergences"],
                   help="which table")
    p.add_argument("--format", choices=["md", "html", "latex", "csv"],
                   help="output format (default: from the suffix of -o, else md)")
    p.add_argument("--metric", type=lambda s: s.replace("_", "-"),
                   choices=["jaccard", "distance-ratio", "congruence", "conflict"],
                   help="for --kind agreement: the metric (default: jaccard)")
    p.add_argument("--normalization", "--normalisation", choices=["none", "average", "jaccard"],
                   help="for --kind agreement with congruence or conflict: divide the counts by the "
                        "authors' average number of stances or by all stances either takes (default: none)")
    p.add_argument("--standalone", action="store_true",
                   help="html and latex: a whole page or document instead of a fragment to embed")
    _add_cache(p)
    _add_vocabulary(p)
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(func=_cmd_table)

    formats = ("aif", "argdown", "graphml", "json")
    p = _sub(sub, command, "export", help="write a map as AIF, Argdown, GraphML or JSON",
        description="Write a map in another format (to standard output without -o). Quotes are "
                    "found in the source text first. See docs/interchange.md.")
    p.add_argument("map", metavar="MAP", help="the map file (YAML)")
    p.add_argument("--to", required=True, choices=formats, help="the format to write")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write to FILE (atomically) instead of standard output")
    p.set_defaults(func=_cmd_export)

    p = _sub(sub, command, "import", help="read a map from AIF, Argdown, GraphML or JSON",
        description="Read a map made in another tool and write it as argmap YAML (to standard "
                    "output without -o). Without --text, the texts of the imported statements are "
                    "written as a generated source text beside MAP.yaml (MAP.source.txt), so that "
                    "`argmap validate` finds every quote. See docs/interchange.md.")
    p.add_argument("file", metavar="FILE", help="the file to import")
    p.add_argument("--from", dest="source_format", required=True, choices=formats,
                   help="the format of FILE")
    p.add_argument("--text", metavar="SOURCE",
                   help="the source text the statements quote; every quote is checked")
    p.add_argument("--thesis", metavar="ID",
                   help="the statement to take as the thesis (AIF nodeID or Argdown title) where "
                        "the file does not tell")
    p.add_argument("-o", "--output", metavar="MAP.yaml",
                   help="write the map here (and MAP.source.txt beside it)")
    p.set_defaults(func=_cmd_import)

    p = _sub(sub, command, "report", help="an offline HTML report of the comparison, with a page per text",
                       description="Write a folder of HTML pages that open from the file system, with no "
                                   "network: DIR/index.html (the texts, the five teaching tables, the "
                                   "comparison map, a filter by concept and author) and one page per text "
                                   "(its map, every node with its quotes and their places in the source, its "
                                   "coverage). DIR is replaced as a whole: it must be new, empty, or an "
                                   "earlier report. Docs: docs/teaching.md")
    p.add_argument("paths", nargs="+", metavar="PATH", help="map files or directories")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write the report into")
    p.add_argument("--metric", type=lambda s: s.replace("_", "-"), default="jaccard",
                   choices=["jaccard", "distance-ratio", "congruence", "conflict"],
                   help="the agreement matrix's metric (default: jaccard)")
    p.add_argument("--normalization", "--normalisation", choices=["none", "average", "jaccard"], default="none",
                   help="for congruence or conflict: divide the counts by the authors' average number of "
                        "stances or by all stances either takes (default: none)")
    p.add_argument("--title", help="the overview's heading (default: from the outcome the maps explain)")
    p.add_argument("--no-drawings", dest="drawings", action="store_false",
                   help="leave the maps undrawn (needs no Graphviz)")
    _add_cache(p)
    _add_vocabulary(p)
    p.add_argument("-q", "--quiet", action="store_true", help="do not print the folder written")
    p.set_defaults(func=_cmd_report)
    return parser


class _Ignored:
    """Stands in for the sub-parser of a command not being run: takes its arguments, keeps none."""

    def __getattr__(self, _name: str) -> Callable[..., _Ignored]:
        return lambda *_args, **_kwargs: self


def _sub(sub: Any, command: str | None, name: str, **kwargs: Any) -> Any:
    """Add sub-command ``name``; the parser to fill in, or an :class:`_Ignored` one where
    another command is being run."""
    p = sub.add_parser(name, **kwargs)
    return p if command is None or command == name else _Ignored()


def _command(argv: Sequence[str]) -> str | None:
    """The sub-command named on a command line ("" for none), or None where unsure."""
    for arg in argv:
        if not arg.startswith("-"):
            return arg if arg in _COMMANDS else None
    return ""


_COMMANDS = frozenset({"validate", "audit", "render", "schema", "diff", "compare", "table", "export", "import",
                       "report"})


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code instead of exiting (for tests)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = _parser(_command(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help, --version and usage errors
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    func: Callable[[argparse.Namespace], int] = args.func
    if getattr(args, "no_cache", False):
        with argmap.caching(False):
            return _run(func, args)
    return _run(func, args)


def _run(func: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a sub-command, turning argmap's errors into messages and exit codes."""
    try:
        return func(args)
    except (_UsageError, argmap.PathError) as exc:
        print(f"argmap {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except argmap.ArgmapError as exc:
        print(exc, file=sys.stderr)
        return EXIT_PROBLEMS
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130

