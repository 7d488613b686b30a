"""The public API: what ``import argmap`` offers, how it loads, and what the command line uses."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

import argmap

ROOT = Path(__file__).resolve().parent.parent
MAPS = ROOT / "maps"
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV,
                          check=True).stdout


def test_all_lists_every_public_name_once_and_each_resolves() -> None:
    """``__all__`` is the table of public names, each reachable as ``argmap.NAME``."""
    assert len(argmap.__all__) == len(set(argmap.__all__))
    assert set(argmap.__all__) == {*argmap._WHERE, "__version__"}
    for name in argmap.__all__:
        assert getattr(argmap, name) is not None, name
    assert set(argmap.__all__) <= set(dir(argmap))


def test_result_types_of_public_functions_are_public() -> None:
    """What the main functions return can be named: Audit, Comparison, MapDiff, AgreementMatrix, ..."""
    for name in ("Audit", "Comparison", "MapDiff", "AgreementMatrix", "Projection", "SameTextComparison",
                 "Table", "Imported", "Problem", "SourceText"):
        assert name in argmap.__all__


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = argmap.nothing_here


@pytest.mark.parametrize("name", ["compare", "render", "validate", "audit"])
def test_importing_a_legacy_module_keeps_the_function(name: str) -> None:
    """``import argmap.compare`` leaves ``argmap.compare`` the function, whichever comes first."""
    out = run(f"import argmap.{name}, argmap, inspect, sys\n"
              f"print(inspect.isfunction(argmap.{name}), type(sys.modules['argmap.{name}']).__name__)")
    assert out.split() == ["True", "module"]
    out = run(f"import argmap, inspect\nf = argmap.{name}\nimport argmap.{name}\nprint(argmap.{name} is f)")
    assert out.strip() == "True"


def test_compare_and_diff_take_paths_and_folders() -> None:
    """``argmap.compare("maps/")`` compares every map in the folder; diff takes two paths."""
    c = argmap.compare(str(MAPS))
    assert len(c.keys) == 5
    assert argmap.compare(MAPS).keys == c.keys
    files = sorted(p for p in MAPS.glob("0*.yaml"))
    assert argmap.compare([files[0], argmap.load(files[1])]).keys == c.keys[:2]
    d = argmap.diff(files[0], files[1])
    assert (d.a.key, d.b.key) == c.keys[:2]


def test_load_of_a_folder_says_what_to_use() -> None:
    with pytest.raises(argmap.LoadError, match="is a folder") as info:
        argmap.load(MAPS)
    assert "load_maps" in (info.value.problems[0].hint or "")


def test_import_argmap_loads_no_library() -> None:
    """``import argmap`` imports neither attrs, PyYAML, networkx, graphviz nor typing."""
    out = run("import sys, argmap\n"
              "print(sorted(m for m in ('attrs', 'yaml', 'networkx', 'graphviz', 'typing', 'argmap.model')"
              " if m in sys.modules))")
    assert out.strip() == "[]"


def test_help_imports_only_what_parsing_needs() -> None:
    """``argmap --help`` loads no argmap module beyond the CLI and no third-party library."""
    out = run("import sys\nfrom argmap.cli import main\n"
              "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
              "print(sorted(m for m in sys.modules if m.startswith('argmap.') or m in ('attrs', 'yaml')))")
    assert out.strip().splitlines()[-1] == "['argmap._version', 'argmap.cli']"


@pytest.mark.parametrize("module", ["cli", "commands"])
def test_the_command_line_uses_only_the_public_api(module: str) -> None:
    """The command line's modules import nothing from argmap but the package itself (and the
    CLI its own commands), and use only public names."""
    tree = ast.parse((ROOT / "src" / "argmap" / f"{module}.py").read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {f"{node.module}.{alias.name}" if node.module == "argmap" else node.module or ""
                 for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names}
    allowed = {"argmap", "argmap.commands"} | {f"argmap.{name}" for name in argmap.__all__}
    assert {m for m in imported if m.startswith("argmap")} - allowed == set()
    used = {node.attr for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "argmap"}
    assert used - set(argmap.__all__) == set()
