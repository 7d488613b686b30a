"""The command line: exit codes, output format, and a fast --help."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from argmap import __version__
from argmap.cli import main

DATA = Path(__file__).parent / "data"


def test_validate_valid_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """A valid map and vocabulary: exit 0 and a summary."""
    assert main(["validate", str(DATA)]) == 0
    assert "0 errors" in capsys.readouterr().err


def test_validate_problems_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Problems: exit 1, each printed as path:line:col: error: message, no traceback."""
    f = tmp_path / "bad.yaml"
    f.write_text("source: {id: s, file: x.txt}\nnodes:\n  - {id: a, kind: thesys, label: x, quote: q}\n")
    assert main(["validate", str(f)]) == 1
    out = capsys.readouterr()
    assert f"{f}:3:19: error: node `kind` must be one of" in out.out
    assert "Traceback" not in out.out + out.err


def test_a_broken_vocabulary_is_told_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A vocabulary error is a problem of the file and of every map that uses it: validate
    prints it once and counts it once."""
    (tmp_path / "s.txt").write_text("alpha beta gamma\n")
    (tmp_path / "concepts.yaml").write_text("concepts:\n  - {id: a, kind: factr, label: A}\n")
    for name in ("m1", "m2"):
        (tmp_path / f"{name}.yaml").write_text(
            "source: {id: s, file: s.txt}\nnodes:\n  - {id: T, kind: thesis, label: x, quote: alpha}\n")
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert out.out.count("concepts.yaml:2:") == 1 and "3 files checked: 1 error, 0 warnings" in out.err


def test_warnings_fail_only_with_strict(tmp_path: Path) -> None:
    """Warnings leave exit 0 unless --strict."""
    (tmp_path / "s.txt").write_text("alpha beta gamma\n")
    f = tmp_path / "m.yaml"
    f.write_text("source: {id: s, file: s.txt}\nnodes:\n  - {id: T, kind: thesis, label: x, quote: alpha}\n"
                 "  - {id: b, kind: claim, label: y, quote: gamma}\n")
    assert main(["validate", "-q", str(f)]) == 0
    assert main(["validate", "-q", "--strict", str(f)]) == 1


@pytest.mark.parametrize(
    "argv",
    [pytest.param([], id="no-command"), pytest.param(["validate"], id="no-path"),
     pytest.param(["validate", "/nonexistent/x.yaml"], id="missing-path"),
     pytest.param(["frobnicate"], id="unknown-command")],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Usage errors exit 2 with a message on stderr."""
    assert main(argv) == 2
    assert capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the package version."""
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out


def test_schema_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`argmap schema` prints the map schema; `schema vocabulary` the vocabulary one."""
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "argmap argument map"
    assert main(["schema", "vocabulary"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "argmap concept vocabulary"


def test_help_does_not_import_heavy_libraries() -> None:
    """`argmap --help` stays fast: networkx and graphviz are not imported."""
    code = ("import sys\nfrom argmap.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('networkx', 'graphviz') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]")


def test_module_entry_point() -> None:
    """`python -m argmap` runs the same command line."""
    result = subprocess.run([sys.executable, "-m", "argmap", "validate", "-q", str(DATA)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_bad_input_exits_1_with_position(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each bad input of the loader tests makes `argmap validate` exit 1 with file:line, no traceback."""
    from test_load import CASES

    for case in CASES:
        text, line, _column, fragment = case.values
        f = tmp_path / f"{case.id}.yaml"
        f.write_text(str(text), encoding="utf-8")
        assert main(["validate", str(f)]) == 1, case.id
        out = capsys.readouterr()
        assert f"{f}:{line}:" in out.out, case.id
        assert fragment in out.out, case.id
        assert "Traceback" not in out.out + out.err


def test_import_argmap_leaves_output_modules_unloaded() -> None:
    """`import argmap` loads neither the renderers' heavy parts, the tables, the report nor the formats,
    yet their public names work on first use."""
    code = ("import sys, argmap\n"
            "print(sorted(m for m in ('argmap.tables', 'argmap.report', 'argmap.drawing.comparison', 'argmap.formats',"
            " 'networkx', 'graphviz') if m in sys.modules))\n"
            "print(argmap.Table.__module__, argmap.render_diff.__module__, callable(argmap.compare))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "[]"
    assert out[1] == "argmap.tables.table argmap.drawing.comparison True"


def test_an_unknown_option_gets_the_commands_own_usage(capsys: pytest.CaptureFixture[str]) -> None:
    """An option the command does not take is refused by that command (its usage, its name),
    with a pointer where a common guess is wrong (render takes the format from -o's suffix)."""
    assert main(["render", "m.yaml", "-o", "m.svg", "--format", "jpg"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: argmap render") and "argmap render: error: unrecognized arguments" in err
    assert "suffix of -o" in err
    assert main(["validate", "maps", "--bogus"]) == 2
    err = capsys.readouterr().err
    assert "argmap validate: error: unrecognized arguments: --bogus" in err and "suffix" not in err


@pytest.mark.parametrize("argv", [
    ["validate", "maps/", "--strict", "-q"],
    ["compare", "a.yaml", "b.yaml", "--format", "json", "--pairs", "a,b", "--level", "broad", "--keep-going"],
    ["render", "--compare", "maps/", "-o", "x.svg", "--no-cache"],
    ["report", "maps/", "-o", "out", "--title", "T", "-q"],
    ["diff", "a.yaml", "b.yaml", "--format", "md"],
    ["table", "maps/", "--kind", "agreement", "--metric", "congruence"],
    ["import", "x.json", "--from", "aif", "--text", "t.txt", "-o", "m.yaml"],
    ["validate", "maps/", "--bogus"],
])
def test_the_parser_of_one_command_reads_its_line_as_the_whole_parser_does(argv: list[str]) -> None:
    """Where a command is named only its sub-parser is built; it reads that command's line
    (options, defaults, leftovers) exactly as the parser of every command does."""
    import argparse

    from argmap import cli

    one, every = cli._parser(cli._command(argv)), cli._parser(None)
    [sub] = [a for a in one._actions if isinstance(a, argparse._SubParsersAction)]
    assert list(sub.choices) == [argv[0]]
    assert one.parse_known_args(argv) == every.parse_known_args(argv)
