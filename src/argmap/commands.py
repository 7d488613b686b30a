"""The command line's commands: each takes the parsed arguments, calls the public API
(``argmap.*``) and returns an exit code. :mod:`argmap.cli` parses the arguments and maps the
errors to exit codes; this module is imported only once a command runs."""

from __future__ import annotations

import argparse
import itertools
import os
import sys

import argmap

# Not `from typing import TYPE_CHECKING`: typing alone costs more than the rest of --help.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

    from argmap import ArgumentMap, Vocabulary

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

__all__ = ["UsageError"]


class UsageError(Exception):
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
    seen: set[str] = set()  # a broken vocabulary is a problem of every map that uses it: told once
    for path in files:
        for problem in argmap.check(path, vocabulary):
            if str(problem) in seen:
                continue
            seen.add(str(problem))
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


def _cmd_watch(args: argparse.Namespace) -> int:
    if args.output is not None:
        try:
            argmap.output_format(args.output)
        except argmap.ExportError as exc:
            raise UsageError(str(exc)) from None
        if len(argmap.map_files(args.paths, vocabularies=True)) != 1:
            raise UsageError("-o draws one map: name exactly one map file to watch")
    return int(argmap.watch(args.paths, vocabulary=args.vocabulary, output=args.output))


def _cmd_audit(args: argparse.Namespace) -> int:
    results = []
    for amap in argmap.load_maps(args.paths):
        results.append(argmap.audit(amap, argmap.vocabulary_for(amap, args.vocabulary)))
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
        raise UsageError(f"give exactly one of MAP, --diff A B or --compare PATH... (got {given})")
    if args.map is None and (args.kinds or args.clusters or args.skeleton):
        raise UsageError("--kinds, --skeleton and --clusters draw one map; they do not apply to --diff or --compare")
    if args.kinds and args.skeleton:
        raise UsageError("give --kinds or --skeleton, not both: the skeleton is the thesis, factors and outcomes")
    try:
        argmap.output_format(args.output)
    except argmap.ExportError as exc:
        raise UsageError(str(exc)) from None
    vocabulary = _vocabulary(args)
    drawing: dict[str, Any] = {"style": args.style, "direction": args.direction, "legend": args.legend,
                               "caption": args.caption}
    if args.wrap is not None:  # else each drawing's own default
        drawing["wrap"] = args.wrap
    if args.diff:
        for name in args.diff:
            if not _path(name).is_file():
                raise UsageError(f"{name}: no such map file")
        a, b = argmap.load_maps(args.diff, anchor=False)
        graph = argmap.render_diff(a, b, vocabulary=vocabulary, **drawing)
    elif args.compare:
        graph = argmap.render_comparison(_maps_from(args.compare, anchor=False), vocabulary=vocabulary, **drawing)
    else:
        if not _path(args.map).is_file():
            raise UsageError(f"{args.map}: no such map file")
        [amap] = argmap.load_maps([args.map], anchor=False)  # through the cache, as every command
        if vocabulary is None:
            vocabulary = argmap.vocabulary_for(amap)
        graph = argmap.render(amap, kinds=args.kinds, skeleton=args.skeleton, clusters=args.clusters,
                              vocabulary=vocabulary, **drawing)
    written = argmap.write_rendering(graph.source, args.output, parents=True)
    if not args.quiet:
        print(f"wrote {written}", file=sys.stderr)
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    schemas = {"map": argmap.map_schema, "vocabulary": argmap.vocabulary_schema, "json": argmap.map_json_schema}
    schema = schemas[args.which]()
    print(_json().dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


def _vocabulary(args: argparse.Namespace) -> Vocabulary | None:
    """The vocabulary named by --vocabulary, or None to let each map find its own."""
    return argmap.vocabulary_for([], args.vocabulary) if args.vocabulary else None


def _maps_from(paths: Iterable[str], *, anchor: bool = True) -> list[ArgumentMap]:
    """Every map among the paths (directories expanded), all load problems reported at once."""
    return argmap.load_maps(paths, anchor=anchor)


def _use_color(args: argparse.Namespace) -> bool:
    """Colour only for a terminal, unless --no-color or NO_COLOR (https://no-color.org) says not."""
    if args.no_color or os.environ.get("NO_COLOR") or args.output is not None:
        return False
    return sys.stdout.isatty()


def _emit(text: str, output: str | None) -> None:
    """Text to standard output, or written atomically to ``output`` (missing folders made, as
    render and report do)."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        argmap.write_text(output, text, parents=True)
    except OSError as exc:
        raise argmap.ExportError(f"cannot write {output}: {exc.strerror or exc}") from None



def _cmd_diff(args: argparse.Namespace) -> int:
    vocabulary = _vocabulary(args)
    result = argmap.diff(args.a, args.b, vocabulary=vocabulary, level=args.level)
    width = min(120, _terminal_size().columns)
    text = {"json": argmap.diff_to_json, "md": argmap.diff_to_markdown}.get(args.format)
    _emit(text(result) if text else argmap.diff_to_text(result, color=_use_color(args), width=width), args.output)
    return EXIT_OK


def _cmd_compare(args: argparse.Namespace) -> int:
    if args.format != "json" and (args.pairs or args.all_pairs or args.metrics):
        raise UsageError("--pairs, --all-pairs and --metrics choose what the JSON carries: add --format json")
    if args.pairs and args.all_pairs:
        raise UsageError("give --pairs A,B ... or --all-pairs, not both")
    vocabulary = _vocabulary(args)
    try:
        result = argmap.compare(args.paths, vocabulary=vocabulary, min_authors=args.min_authors, level=args.level,
                                keep_going=args.keep_going, progress=True, jobs=0)
    except argmap.LoadError as exc:  # every problem, then what happened, last, where it is read
        print(exc, file=sys.stderr)
        files = len({p.path for p in exc.problems})
        print(f"argmap compare: {len(exc.problems)} problem{'s' * (len(exc.problems) != 1)} in {files} "
              f"file{'s' * (files != 1)}; nothing was compared or written"
              + ("" if args.keep_going else " (--keep-going leaves out the map files that do not load)"),
              file=sys.stderr)
        return EXIT_PROBLEMS
    skipped = list(result.skipped)
    _report_skipped(skipped)
    if args.format == "json":
        pairs = True if args.all_pairs else (args.pairs or None)
        chunks = argmap.comparison_json_chunks(result, pairs=pairs, metrics=args.metrics or argmap.METRICS,
                                               skipped=skipped, jobs=0,
                                               progress=args.output is not None or not sys.stdout.isatty())
        try:  # the pairs' names are checked (once the maps are read) before the first piece
            chunks = itertools.chain([next(chunks)], chunks)
        except argmap.ExportError as exc:
            raise UsageError(f"--pairs: {exc}") from None
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


def _cmd_table(args: argparse.Namespace) -> int:
    if args.kind != "agreement" and (args.metric is not None or args.normalization is not None):
        raise UsageError("--metric and --normalization apply to --kind agreement only")
    fmt = args.format
    if fmt is None:
        try:
            fmt = argmap.table_format(args.output) if args.output else "md"
        except argmap.ExportError as exc:
            raise UsageError(f"{exc} (--format md|html|latex|csv)") from None
    vocabulary = _vocabulary(args)
    maps = _maps_from(args.paths)
    comparison = argmap.compare(maps, vocabulary=vocabulary, level=args.level)
    table = argmap.build_table(args.kind, maps, comparison=comparison,
                               metric=args.metric or "jaccard", normalization=args.normalization or "none")
    _emit(argmap.format_table(table, fmt, standalone=args.standalone), args.output)
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    _emit(argmap.export_text(argmap.load(args.map), args.to), args.output)
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    if args.thesis is not None and args.source_format in ("json", "graphml"):
        raise UsageError(
            f"--thesis applies to AIF and Argdown (and arggraph, brat, Kialo) imports: a {args.source_format} "
            "map names its thesis"
        )
    source_file = None
    text = args.text  # brat reads the .txt beside the .ann itself (with its own message if it is missing)
    if text is None and args.source_format == "brat":
        text = os.fspath(_path(args.file).with_suffix(".txt"))  # brat's convention: the .txt beside the .ann
    if text is not None:  # recorded relative to where the map is written, as `source.file` is read
        base = _path(args.output).resolve().parent if args.output else _path(os.getcwd())
        source_file = _path(os.path.relpath(_path(text).resolve(), base)).as_posix()
    imported = argmap.import_file(args.file, args.source_format, thesis=args.thesis, text=args.text,
                           source_file=source_file)
    for notice in imported.notices:
        print(notice, file=sys.stderr)
    if imported.anchoring is not None:
        print(f"argmap import: {imported.anchoring} in the source text", file=sys.stderr)
    if args.output:
        try:
            written = argmap.write_imported(imported, args.output)
        except OSError as exc:
            raise argmap.ExportError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        print("wrote " + ", ".join(str(p) for p in written), file=sys.stderr)
        _warn_unless_valid(written[-1])
    else:
        sys.stdout.write(argmap.dumps(imported.map))
        if imported.source_text is not None:
            print(f"argmap import: the map quotes a generated source text "
                  f"({imported.map.source.file}) that is written only with -o MAP.yaml",
                  file=sys.stderr)
    return EXIT_OK


def _warn_unless_valid(path: os.PathLike[str]) -> None:
    """Say so where a map just written does not validate where it lies: an imported map can
    name a source text or a vocabulary by a path that held only where it was exported."""
    errors = [p for p in argmap.check(path) if p.severity is argmap.Severity.ERROR]
    if not errors:
        return
    print(f"argmap import: warning: {path} does not validate yet ({len(errors)} error{'s' * (len(errors) != 1)}); "
          "the first:", file=sys.stderr)
    import textwrap

    print(textwrap.indent(str(errors[0]), "    "), file=sys.stderr)
    print("    a source text or vocabulary the map names by a path from elsewhere: give the text with "
          "--text FILE, or edit `source.file` and `vocabulary` in the map", file=sys.stderr)


def _cmd_report(args: argparse.Namespace) -> int:
    if args.output is None and args.single_file is None:
        raise UsageError("argmap report needs -o DIR (a folder of pages) or --single-file FILE.html "
                         "(one file to upload or e-mail), or both")
    vocabulary = _vocabulary(args)
    maps = _maps_from(args.paths)
    options: dict[str, Any] = {"vocabulary": vocabulary, "metric": args.metric, "normalization": args.normalization,
                               "title": args.title, "drawings": args.drawings, "level": args.level}
    try:
        if args.output is not None:
            index = argmap.write_report(maps, args.output, **options)
            if not args.quiet:
                print(f"wrote {index.parent}: the overview and {len(maps)} text page{'s' * (len(maps) != 1)}; "
                      f"open {index}", file=sys.stderr)
        if args.single_file is not None:
            single = argmap.write_report(maps, args.single_file, single_file=True, **options)
            if not args.quiet:
                print(f"wrote {single}: the whole report in one file (the overview and {len(maps)} "
                      f"text{'s' * (len(maps) != 1)}); open it, upload it or e-mail it", file=sys.stderr)
    except argmap.GraphvizNotFound as exc:
        hint = "(argmap report --no-drawings makes the report without the maps drawn)"
        raise argmap.GraphvizNotFound(f"{exc}\n{hint}") from None
    return EXIT_OK




def _text_and_output(args: argparse.Namespace) -> tuple[str, str]:
    """The text to map, and its path as the map's ``source.file`` (relative to the map's folder,
    or to the working folder where the map goes to standard output); refuses to overwrite."""
    text_path = _path(args.text)
    if not text_path.is_file():
        raise UsageError(f"{args.text}: no such text file")
    if args.output and _path(args.output).exists() and not args.force:
        raise UsageError(f"{args.output} exists: choose another name, or add --force to replace it")
    base = _path(args.output).resolve().parent if args.output else _path(os.getcwd())
    return argmap.read_text(text_path), _path(os.path.relpath(text_path.resolve(), base)).as_posix()


def _source_id(args: argparse.Namespace) -> str | None:
    """The map's name (``-o shifting-sands.yaml``: shifting-sands) as the text's id; None (the
    text file's name) where the map goes to standard output or the name is blank."""
    if not args.output or getattr(args, "format", "yaml") == "json":
        return None
    stem: str = _path(args.output).stem.strip()
    return stem if stem and stem.isprintable() else None


def _cmd_new(args: argparse.Namespace) -> int:
    text, source_file = _text_and_output(args)
    amap = argmap.new_map(text, source_file=source_file, source_id=_source_id(args))
    _emit(argmap.dumps(amap), args.output)
    if args.output and not args.quiet:
        thesis = amap.thesis
        where = "a placeholder thesis (the text has no sentence to quote)" if thesis is None or thesis.implicit \
            else "a thesis stub quoting the likeliest thesis sentence"
        print(f"wrote {args.output}: the source block, {len(amap.excluded)} `exclude` passages and {where}; "
              f"edit it, then run: argmap validate {args.output}", file=sys.stderr)
    return EXIT_OK


def _cmd_draft(args: argparse.Namespace) -> int:
    text, source_file = _text_and_output(args)
    vocabulary, vocabulary_file = None, None
    beside = _path(args.output).resolve().parent / "concepts.yaml" if args.output else None
    if args.vocabulary:
        vocabulary = argmap.load_vocabulary(args.vocabulary)
        chosen = _path(args.vocabulary).resolve()
        if beside is None or chosen != beside:
            base = beside.parent if beside is not None else _path(os.getcwd())
            vocabulary_file = _path(os.path.relpath(chosen, base)).as_posix()
    elif beside is not None and beside.is_file():
        vocabulary = argmap.load_vocabulary(beside)
    result = argmap.draft(text, vocabulary=vocabulary, source_file=source_file, vocabulary_file=vocabulary_file,
                          source_id=_source_id(args))
    if args.format == "json":
        _emit(_json().dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n", args.output)
    else:
        _emit(argmap.dumps(result.map), args.output)
    if not args.quiet:
        where = f"wrote {args.output}: " if args.output else ""
        print(where + result.summary(), file=sys.stderr)
        if args.output and args.format == "yaml":
            print(f"next: check each proposal against the text, delete its `draft:` line, then run: "
                  f"argmap validate {args.output}", file=sys.stderr)
    return EXIT_OK
