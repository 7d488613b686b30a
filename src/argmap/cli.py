"""The ``argmap`` command line: argument parsing and exit codes, nothing else.

Each sub-command calls the public Python API (``argmap.*``, whose names load on first use),
so ``argmap --help`` imports nothing but the standard library it needs to parse arguments.
Exit codes: 0 success, 1 a problem with the user's files, 2 a usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys

import argmap

# Not `from typing import TYPE_CHECKING`: typing alone costs more than the rest of --help.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any


__all__ = ["main"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


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


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def _pair(text: str) -> tuple[str, str]:
    """``--pairs A,B``: two author keys (or map files) separated by a comma."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) == 1 and os.path.exists(text):
        # --pairs takes every word after it: a map file or folder given after the pairs lands here
        raise argparse.ArgumentTypeError(
            f"{text!r} is a path, not a pair: give the maps before --pairs, which takes every "
            f"word after it (argmap compare {text} --format json --pairs A,B)")
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


def _add_cache(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-cache", action="store_true",
                   help="read every map file afresh, without the cache of loaded maps (also: ARGMAP_NO_CACHE=1)")


def _add_vocabulary(p: argparse.ArgumentParser, *, level: bool = False) -> None:
    p.add_argument("--vocabulary", metavar="FILE",
                   help="concept vocabulary (default: the maps' `vocabulary:` or concepts.yaml beside them)")
    if level:
        p.add_argument("--level", choices=["fine", "broad"], default="fine",
                       help="compare the concepts as the maps link them (fine, the default) or each rolled "
                            "up to its top concept in the vocabulary's hierarchy (broad)")


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

    p = _sub(sub, command, "new", help="start a map of a text: source block, exclude candidates, a thesis stub",
             description="Write a valid map skeleton for a plain text (UTF-8): the source block with the title, "
                         "author and year its opening lines state (null otherwise), the running headers, URLs, "
                         "footnote numbers and reference lists as `exclude` candidates, and a thesis stub to "
                         "fill in. Docs: docs/authoring.md")
    p.add_argument("text", metavar="TEXT", help="the source text")
    p.add_argument("-o", "--output", metavar="MAP", help="write the map here (default: standard output)")
    p.add_argument("--force", action="store_true", help="replace MAP if it exists")
    p.add_argument("-q", "--quiet", action="store_true", help="do not print what was written")

    p = _sub(sub, command, "draft", help="propose a map of a text for you to refine (every proposal marked draft)",
             description="Propose a map of a plain text (UTF-8): ranked thesis candidates, nodes by kind from cue "
                         "words, concept links from the vocabulary's cue terms, edges from connectives and causal "
                         "verbs. Every quote is cut from the text; every proposal carries `draft: <confidence>`, "
                         "which `argmap validate` reports until you delete it. --format json prints the thesis "
                         "candidates, nodes and edges with their character offsets. Docs: docs/authoring.md")
    p.add_argument("text", metavar="TEXT", help="the source text")
    p.add_argument("--vocabulary", metavar="FILE",
                   help="concept vocabulary whose cue terms link concepts (default: concepts.yaml beside MAP)")
    p.add_argument("-o", "--output", metavar="MAP", help="write the map (or the JSON) here (default: standard output)")
    p.add_argument("--format", choices=["yaml", "json"], default="yaml",
                   help="yaml: the map file; json: the proposals with offsets, and the map (default: yaml)")
    p.add_argument("--force", action="store_true", help="replace MAP if it exists")
    p.add_argument("-q", "--quiet", action="store_true", help="do not print the summary")

    p = _sub(sub, command, "watch", help="check maps again (and redraw one) every time a file is saved",
             description="Check map and vocabulary files now and after every save of a map, its source "
                         "text or its vocabulary, printing what was fixed and what is new; with -o, "
                         "redraw the map after every save that leaves it without errors. Ctrl-C stops. "
                         "Needs the watchfiles package (pip install 'argmap[watch]').")
    p.add_argument("paths", nargs="+", metavar="PATH", help="map files or directories")
    _add_vocabulary(p)
    p.add_argument("-o", "--output", metavar="FILE",
                   help="redraw the (one) map here on every valid save (.svg, .png, .pdf or .dot)")

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
                   help="one map: draw only these node kinds, e.g. factor,outcome")
    p.add_argument("--skeleton", action="store_true",
                   help="one map: draw its causal skeleton, the thesis, factors and outcomes (a causal chain "
                        "through the nodes left out becomes one link): the view a large map opens on")
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

    p = _sub(sub, command, "schema", help="print the JSON Schema of the map format",
                       description="Print a JSON Schema for editors and validators.")
    p.add_argument("which", nargs="?", choices=["map", "vocabulary", "json"], default="map",
                   help="which file format (default: map; json: argmap JSON, with quote offsets)")

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
    _add_vocabulary(p, level=True)
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")

    p = _sub(sub, command, "compare", help="compare several authors: consensus, controversies, metrics",
                       description="Compare any number of maps at the level of the shared concepts: the "
                                   "concept x author matrix, consensus, controversies with quotes, and "
                                   "every pair's metrics (the JSON lists full pair diffs for up to 50 maps, "
                                   "or the pairs --pairs names). A directory means every map under it.")
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
    _add_vocabulary(p, level=True)
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")

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
    _add_vocabulary(p, level=True)
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")

    formats = ("aif", "argdown", "graphml", "json")
    p = _sub(sub, command, "export", help="write a map as AIF, Argdown, GraphML or JSON",
        description="Write a map in another format (to standard output without -o). Quotes are "
                    "found in the source text first. See docs/interchange.md.")
    p.add_argument("map", metavar="MAP", help="the map file (YAML)")
    p.add_argument("--to", required=True, choices=formats, help="the format to write")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write to FILE (atomically) instead of standard output")

    p = _sub(sub, command, "import",
             help="read a map from AIF, Argdown, arggraph, brat, GraphML, JSON or a Kialo export",
        description="Read a map made in another tool and write it as argmap YAML (to standard "
                    "output without -o). Without --text, the texts of the imported statements are "
                    "written as a generated source text beside MAP.yaml (MAP.source.txt), so that "
                    "`argmap validate` finds every quote. With --text, AIF, arggraph, brat and Kialo "
                    "statements are found in it even where re-cased, re-punctuated or lightly edited "
                    "(the quote is the text's own passage); those not found become implicit nodes. "
                    "See docs/interchange.md.")
    p.add_argument("file", metavar="FILE", help="the file to import (brat: the .ann file)")
    p.add_argument("--from", dest="source_format", required=True,
                   choices=("aif", "argdown", "arggraph", "brat", "graphml", "json", "kialo"),
                   help="the format of FILE")
    p.add_argument("--text", metavar="SOURCE",
                   help="the source text the statements quote (brat: default the .txt beside the .ann)")
    p.add_argument("--thesis", metavar="ID",
                   help="the statement to take as the thesis (AIF nodeID, Argdown title, ADU or T id, "
                        "Kialo place) instead of the one the import infers")
    p.add_argument("-o", "--output", metavar="MAP.yaml",
                   help="write the map here (and MAP.source.txt beside it)")

    p = _sub(sub, command, "report", help="an offline HTML report of the comparison, with a page per text",
                       description="Write a folder of HTML pages that open from the file system, with no "
                                   "network: DIR/index.html (a summary of who agrees and who splits, the "
                                   "texts, the teaching tables, the comparison map, a filter by concept and "
                                   "author) and one page per text "
                                   "(its map, every node with its quotes and their places in the source, the "
                                   "whole text with the quotes marked, its coverage). DIR is replaced as a "
                                   "whole: it must be new, empty, or an earlier report. --single-file writes "
                                   "the same report as one HTML file to upload or e-mail. Docs: docs/teaching.md")
    p.add_argument("paths", nargs="+", metavar="PATH", help="map files or directories")
    p.add_argument("-o", "--output", metavar="DIR", help="the folder to write the report into")
    p.add_argument("--single-file", metavar="FILE.html",
                   help="also (or instead) write the whole report as this one self-contained HTML file")
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
    _add_vocabulary(p, level=True)
    p.add_argument("-q", "--quiet", action="store_true", help="do not print what was written")
    return parser


class _Ignored:
    """Stands in for the sub-parser of a command not being run: takes its arguments, keeps none."""

    def __getattr__(self, _name: str) -> Callable[..., _Ignored]:
        return lambda *_args, **_kwargs: self


def _sub(sub: Any, command: str | None, name: str, **kwargs: Any) -> Any:
    """Add sub-command ``name``; the parser to fill in, or an :class:`_Ignored` one where
    another command is being run. Where a command is named, the others are not added at all
    (each sub-parser costs argparse's set-up and three gettext look-ups, about 10 ms for the
    thirteen); without one (``""``: the main help, ``None``: unsure) every command is listed."""
    if command and command != name:
        return _Ignored()
    return sub.add_parser(name, **kwargs)


def _command(argv: Sequence[str]) -> str | None:
    """The sub-command named on a command line ("" for none), or None where unsure."""
    for arg in argv:
        if not arg.startswith("-"):
            return arg if arg in _COMMANDS else None
    return ""


_COMMANDS = frozenset({"new", "draft", "validate", "audit", "render", "schema", "diff", "compare", "table", "export",
                       "import", "report", "watch"})


def _own_parser(parser: argparse.ArgumentParser, command: str | None) -> argparse.ArgumentParser:
    """The sub-parser of ``command`` (the main parser where there is none)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            found: argparse.ArgumentParser = action.choices[command]
            return found
    return parser


def _unrecognized(command: str | None, extra: Sequence[str]) -> str:
    message = f"unrecognized arguments: {' '.join(extra)}"
    if command == "render" and any(x == "--format" or x.startswith("--format=") for x in extra):
        message += " (render takes the format from the suffix of -o: .svg, .png, .pdf or .dot)"
    return message


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code instead of exiting (for tests)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = _parser(_command(argv))
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:  # told by the command's own parser, so that its usage is what is printed
            _own_parser(parser, args.command).error(_unrecognized(args.command, extra))
    except SystemExit as exc:  # argparse exits on --help, --version and usage errors
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    from argmap import commands  # the command modules load only once a command runs
    func: Callable[[argparse.Namespace], int] = getattr(commands, f"_cmd_{args.command.replace('-', '_')}")
    # A command that ends when its work is done runs without the cyclic garbage collector (its
    # few objects in cycles go with the process); watch, which runs until stopped, keeps it.
    with contextlib.nullcontext() if args.command == "watch" else argmap.gc_paused():
        if getattr(args, "no_cache", False):
            with argmap.caching(False):
                return _run(func, args)
        return _run(func, args)


def _run(func: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a sub-command, turning argmap's errors into messages and exit codes."""
    from argmap import commands

    try:
        return func(args)
    except (commands.UsageError, argmap.PathError) as exc:
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

