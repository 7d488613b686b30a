"""The ``argmap`` command line: argument parsing and exit codes, nothing else.

Each sub-command calls the public Python API; heavy libraries (networkx, graphviz) are
imported only inside the commands that need them, so ``argmap --help`` stays fast.
Exit codes: 0 success, 1 a problem with the user's files, 2 a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from argmap import __version__
from argmap.errors import ArgmapError, Problem, Severity

__all__ = ["main"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _UsageError(Exception):
    """A command line that cannot be carried out (exit code 2)."""


def _yaml_files(paths: Iterable[str]) -> list[Path]:
    """The files named, with each directory replaced by the YAML files under it."""
    files: list[Path] = []
    for name in paths:
        p = Path(name)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.suffix in (".yaml", ".yml") and q.is_file())
            if not found:
                raise _UsageError(f"{p}: no .yaml files in this directory")
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            raise _UsageError(f"{p}: no such file or directory")
    return files


def _map_files(paths: Iterable[str]) -> list[Path]:
    """Like :func:`_yaml_files`, without vocabulary files."""
    from argmap.yamlio import is_vocabulary_file

    return [p for p in _yaml_files(paths) if not is_vocabulary_file(p)]


def _cmd_validate(args: argparse.Namespace) -> int:
    from argmap.validate import check
    from argmap.yamlio import load_vocabulary

    vocabulary = load_vocabulary(args.vocabulary) if args.vocabulary else None
    files = _yaml_files(args.paths)
    errors = warnings = 0
    for path in files:
        for problem in check(path, vocabulary):
            if problem.severity is Severity.ERROR:
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


def _cmd_schema(args: argparse.Namespace) -> int:
    from argmap.schema import map_json_schema, map_schema, vocabulary_schema

    schemas = {"map": map_schema, "vocabulary": vocabulary_schema, "json": map_json_schema}
    schema = schemas[args.which]()
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from argmap.errors import ExportError
    from argmap.formats import export_text
    from argmap.yamlio import load, write_text

    text = export_text(load(args.map), args.to)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        write_text(args.output, text)
    except OSError as exc:
        raise ExportError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    import os

    from argmap.errors import ExportError
    from argmap.formats import import_file, write_imported
    from argmap.yamlio import dumps

    if args.thesis is not None and args.source_format in ("json", "graphml"):
        raise _UsageError(
            f"--thesis applies to AIF and Argdown: a {args.source_format} map names its thesis"
        )
    source_file = None
    if args.text is not None:
        base = Path(args.output).resolve().parent if args.output else Path.cwd()
        source_file = Path(os.path.relpath(Path(args.text).resolve(), base)).as_posix()
    imported = import_file(args.file, args.source_format, thesis=args.thesis, text=args.text,
                           source_file=source_file)
    for notice in imported.notices:
        print(notice, file=sys.stderr)
    if args.output:
        try:
            written = write_imported(imported, args.output)
        except OSError as exc:
            raise ExportError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        print("wrote " + ", ".join(str(p) for p in written), file=sys.stderr)
    else:
        sys.stdout.write(dumps(imported.map))
        if imported.source_text is not None:
            print(f"argmap import: the map quotes a generated source text "
                  f"({imported.map.source.file}) that is written only with -o MAP.yaml",
                  file=sys.stderr)
    return EXIT_OK


Command = Callable[[argparse.Namespace], int]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Comparative argument mapping: validate, compare and render quote-anchored argument maps.",
        epilog="Run 'argmap COMMAND --help' for a command's options. Docs: docs/format.md",
    )
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="check maps: syntax, quotes, structure",
                       description="Check map and vocabulary files; a directory means every "
                                   ".yaml file under it. Prints path:line:col: error: message.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="map files or directories")
    p.add_argument("--vocabulary", metavar="FILE",
                   help="concept vocabulary (default: the map's `vocabulary:` or concepts.yaml beside it)")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("-q", "--quiet", action="store_true", help="do not print the summary line")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("schema", help="print the JSON Schema of the map format",
                       description="Print a JSON Schema for editors and validators.")
    p.add_argument("which", nargs="?", choices=["map", "vocabulary", "json"], default="map",
                   help="which file format (default: map; json: argmap JSON, with quote offsets)")
    p.set_defaults(func=_cmd_schema)

    formats = ("aif", "argdown", "graphml", "json")
    p = sub.add_parser(
        "export", help="write a map as AIF, Argdown, GraphML or JSON",
        description="Write a map in another format (to standard output without -o). Quotes are "
                    "found in the source text first. See docs/interchange.md.")
    p.add_argument("map", metavar="MAP", help="the map file (YAML)")
    p.add_argument("--to", required=True, choices=formats, help="the format to write")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write to FILE (atomically) instead of standard output")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser(
        "import", help="read a map from AIF, Argdown, GraphML or JSON",
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code instead of exiting (for tests)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help, --version and usage errors
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    func: Command = args.func
    try:
        return func(args)
    except _UsageError as exc:
        print(f"argmap {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ArgmapError as exc:
        print(exc, file=sys.stderr)
        return EXIT_PROBLEMS
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def _print_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        print(problem)
