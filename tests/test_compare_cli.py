"""`argmap diff` and `argmap compare`: output formats, the JSON contract, colour, exit codes.

Golden files under tests/golden/ are compared exactly (the ``golden`` fixture in
tests/conftest.py); refresh them (and the schemas embedded in docs/compare-json.md) with
ARGMAP_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import argmap
from argmap import (
    compare,
    comparison_schema,
    comparison_to_dict,
    comparison_to_markdown,
    comparison_to_text,
    diff,
    diff_schema,
    diff_to_dict,
    diff_to_markdown,
    diff_to_text,
)
from argmap.cli import main
from conftest import Golden

ROOT = Path(__file__).resolve().parent.parent
MAPS = Path(__file__).parent / "fixtures" / "compare" / "maps"
DOC = ROOT / "docs" / "compare-json.md"


def _maps(*names: str) -> list[argmap.ArgumentMap]:
    return [argmap.load(MAPS / f"{n}.yaml") for n in names]


# --- golden output ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "render"),
    [
        pytest.param("diff-alpha-beta.txt", lambda d: diff_to_text(d, width=88, root=ROOT), id="text"),
        pytest.param("diff-alpha-beta.md", lambda d: diff_to_markdown(d, root=ROOT), id="md"),
    ],
)
def test_diff_golden(name: str, render: Any, golden: Golden) -> None:
    """The diff of alpha and beta, as text and Markdown, is exactly the reviewed output."""
    a, b = _maps("alpha", "beta")
    golden.check(name, render(diff(a, b)))


def test_student_diff_golden(golden: Golden) -> None:
    """The student's map against the reference: the same-text section leads the output."""
    s, a = _maps("alpha-student", "alpha")
    text = diff_to_text(diff(s, a), width=88, root=ROOT)
    golden.check("diff-student-alpha.txt", text)
    assert "Same source text (same file: tests/fixtures/compare/seeds/alpha.txt)" in text


@pytest.mark.parametrize(
    ("name", "render"),
    [
        pytest.param("compare.txt", lambda c: comparison_to_text(c, width=88, root=ROOT), id="text"),
        pytest.param("compare.md", lambda c: comparison_to_markdown(c, root=ROOT), id="md"),
    ],
)
def test_compare_golden(name: str, render: Any, golden: Golden) -> None:
    """The comparison of alpha, beta and gamma, as text and Markdown."""
    golden.check(name, render(compare(_maps("alpha", "beta", "gamma"))))


def test_text_is_wrapped_to_the_width() -> None:
    """No line of the text output is wider than asked (quotes and paths are wrapped)."""
    s, a, b = _maps("alpha-student", "alpha", "beta")
    for width in (60, 88):
        text = diff_to_text(diff(a, b), width=width, root=ROOT) + diff_to_text(diff(s, a), width=width, root=ROOT)
        long = [line for line in text.splitlines() if len(line) > width]
        assert long == []


# --- the JSON contract -----------------------------------------------------------------------------


def _schema_blocks() -> list[str]:
    return re.findall(r"```json schema\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_docs_carry_the_current_schemas(golden: Golden) -> None:
    """docs/compare-json.md embeds exactly the schemas the code validates against (the doc is
    compared with itself holding the current schemas, and rewritten so by ARGMAP_UPDATE_GOLDEN=1)."""
    current = [json.dumps(comparison_schema(), indent=2) + "\n", json.dumps(diff_schema(), indent=2) + "\n"]
    text = DOC.read_text(encoding="utf-8")
    for new in current:
        text = re.sub(r"```json schema\n.*?```", lambda _m, n=new: "```json schema-new\n" + n + "```",  # type: ignore[misc]
                      text, count=1, flags=re.DOTALL)
    golden.check(DOC, text.replace("```json schema-new\n", "```json schema\n"))
    assert _schema_blocks() == current


@pytest.mark.parametrize(
    "names",
    [
        pytest.param(("alpha", "beta", "gamma"), id="three"),
        pytest.param(("alpha", "alpha-student"), id="same-source"),
        pytest.param(("beta",), id="one"),
    ],
)
def test_compare_json_validates_against_the_documented_schema(names: tuple[str, ...]) -> None:
    """`compare` JSON validates against the schema in the docs; silent authors have no key."""
    data = comparison_to_dict(compare(_maps(*names)), root=ROOT)
    schema = json.loads(_schema_blocks()[0])
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    for concept in data["concepts"]:
        assert all(concept["by_source"].values())


def test_compare_json_content() -> None:
    """The JSON names each source's file relative to the project and holds what was built in."""
    data = comparison_to_dict(compare(_maps("alpha", "beta", "gamma")), root=ROOT)
    assert data["sources"][0] == {
        "id": "alpha", "file": "tests/fixtures/compare/seeds/alpha.txt", "title": "Why the two countries drifted apart",
        "author": "Ann Alpha", "year": 2020, "name": "Ann Alpha", "map": "tests/fixtures/compare/maps/alpha.yaml",
        "quoted_nodes": 8, "implicit_nodes": 0}
    improving = next(c for c in data["concepts"] if c["id"] == "relations-improving")
    assert improving["by_source"]["beta"] == {
        "stance": "denies", "nodes": ["imp"], "quotes": ["Nothing suggests that relations are improving."],
        "periods": [None], "concepts": ["relations-improving"], "implicit": False}
    assert improving["by_source"]["gamma"]["stance"] == "mixed"
    links = {(k["from"], k["to"]): k["by_source"] for k in data["links"]}
    assert links["india-factor", "relations"] == {"alpha": "-", "beta": "+"}
    assert links["us-alliance", "relations"] == {"alpha": "-", "beta": "-", "gamma": "mixed"}
    pair = data["pairs"][0]
    assert (pair["a"], pair["b"], pair["only_b"]) == ("alpha", "beta", ["china-factor"])
    assert {"type": "concept", "concept": "relations-improving", "period": None, "a": "affirms", "b": "denies",
            "reason": "opposite-stance"} in pair["diverge"]
    assert pair["distance_ratio"] == pytest.approx(0.125)
    assert [x.get("concept") or [x["from"], x["to"]] for x in data["controversies"]] == [
        "relations-improving", ["india-factor", "relations"]]


def test_diff_json_validates_against_the_documented_schema() -> None:
    """`diff` JSON, with and without the same-text section, validates against its schema."""
    schema = json.loads(_schema_blocks()[1])
    for a, b in (("alpha", "beta"), ("alpha-student", "alpha")):
        data = diff_to_dict(diff(*_maps(a, b)), root=ROOT)
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["same_text"]["node_recall"] == 0.5


def test_docs_python_example_runs(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The Python example of docs/compare-json.md runs from the repository root."""
    if not (ROOT / "maps" / "002-lost-opportunities.yaml").is_file():
        pytest.skip("the seed maps are not in maps/ yet")
    block = re.search(r"## 7\. From Python\n\n```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert block is not None
    monkeypatch.chdir(ROOT)
    namespace: dict[str, Any] = {}
    exec(compile(block.group(1), str(DOC), "exec"), namespace)
    assert json.loads(namespace["json_text"])["format"] == "argmap-compare"
    assert "⟷" in capsys.readouterr().out


# --- the command line ----------------------------------------------------------------------------


def test_cli_diff_text(capsys: pytest.CaptureFixture[str]) -> None:
    """`argmap diff A B` prints headings and both quotes; no colour when not a terminal."""
    assert main(["diff", str(MAPS / "alpha.yaml"), str(MAPS / "beta.yaml")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Ann Alpha  ⟷  A different reading\n")
    assert "Divergences (3)" in out and "“Nothing suggests that relations are improving.”" in out
    assert "\x1b[" not in out


@pytest.mark.parametrize(
    ("argv", "env", "coloured"),
    [
        pytest.param([], {}, True, id="tty"),
        pytest.param(["--no-color"], {}, False, id="no-color-flag"),
        pytest.param([], {"NO_COLOR": "1"}, False, id="NO_COLOR"),
        pytest.param([], {"NO_COLOR": ""}, True, id="empty-NO_COLOR"),
    ],
)
def test_cli_diff_colour(argv: list[str], env: dict[str, str], coloured: bool,
                         capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Colour on a terminal, unless --no-color or a non-empty NO_COLOR."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["diff", *argv, str(MAPS / "alpha.yaml"), str(MAPS / "beta.yaml")]) == 0
    assert ("\x1b[" in capsys.readouterr().out) is coloured


@pytest.mark.parametrize("fmt", ["json", "md"])
def test_cli_diff_formats(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--format json is the documented JSON, --format md Markdown."""
    assert main(["diff", "--format", fmt, str(MAPS / "alpha.yaml"), str(MAPS / "beta.yaml")]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        assert json.loads(out)["format"] == "argmap-diff"
    else:
        assert out.startswith("# Ann Alpha and A different reading\n")


def test_cli_diff_says_same_source(capsys: pytest.CaptureFixture[str]) -> None:
    """A student's map against the reference: the output says it is the same source text."""
    assert main(["diff", str(MAPS / "alpha-student.yaml"), str(MAPS / "alpha.yaml")]) == 0
    assert "Same source text (same file" in capsys.readouterr().out


def test_cli_compare_json_to_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`argmap compare DIR --format json -o FILE` writes valid JSON for every map in DIR."""
    out = tmp_path / "c.json"
    assert main(["compare", str(MAPS), "--format", "json", "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [s["id"] for s in data["sources"]] == ["alpha/alpha-student", "alpha/alpha", "beta", "gamma"]
    jsonschema.validate(data, comparison_schema(), cls=jsonschema.Draft202012Validator)


def test_cli_compare_text_and_min_authors(capsys: pytest.CaptureFixture[str]) -> None:
    """Text is the default; --min-authors sets the consensus threshold."""
    files = [str(MAPS / f"{n}.yaml") for n in ("alpha", "beta", "gamma")]
    assert main(["compare", "--min-authors", "3", *files]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Comparing 3 authors\n")
    # co-mention is no longer consensus (issue 11): the two concepts all three invoke are shared
    assert "Consensus: the same stance or sign, held by at least 3 authors (0)" in out
    assert "Shared concepts: invoked without a stance, not an agreement (2)" in out


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        pytest.param(["diff", "nowhere.yaml", "nowhere.yaml"], 1, "no such file", id="missing-map"),
        pytest.param(["compare", "nowhere/"], 2, "no such file or directory", id="missing-dir"),
        pytest.param(["compare", "--min-authors", "0", "x.yaml"], 2, "at least 1", id="bad-k"),
        pytest.param(["diff", "--format", "xml", "a", "b"], 2, "invalid choice", id="bad-format"),
    ],
)
def test_cli_errors(argv: list[str], code: int, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Users' mistakes: exit 1 for bad files, 2 for bad command lines, never a traceback."""
    assert main(argv) == code
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_cli_reports_every_broken_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every map that fails to load is reported, with its position, before exiting 1."""
    for name in ("x", "y"):
        (tmp_path / f"{name}.yaml").write_text("source: {id: s, file: s.txt}\nnodes: 3\n")
    assert main(["compare", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "x.yaml:2:8" in err and "y.yaml:2:8" in err


def test_compare_commands_do_not_import_networkx_or_graphviz(tmp_path: Path) -> None:
    """diff and compare stay clear of the heavy libraries."""
    out = str(tmp_path / "out")
    code = ("import sys; from argmap.cli import main; "
            f"main(['compare', {str(MAPS)!r}, '--format', 'json', '-o', {out!r}]); "
            f"main(['diff', {str(MAPS / 'alpha.yaml')!r}, {str(MAPS / 'beta.yaml')!r}, '-o', {out!r}]); "
            "print(sorted(m for m in ('networkx', 'graphviz') if m in sys.modules))")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.strip() == "[]"


def test_a_failed_compare_ends_with_what_happened(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Many maps that do not load print many problems; the last line says how many, that
    nothing was written, and (without --keep-going) how to compare the rest."""
    from argmap.cli import main

    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text("source: [\n", encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["compare", str(tmp_path), "--format", "json", "-o", str(out)]) == 1
    err = capsys.readouterr().err.rstrip().splitlines()
    assert err[-1] == ("argmap compare: 2 problems in 2 files; nothing was compared or written "
                       "(--keep-going leaves out the map files that do not load)")
    assert any("a.yaml" in line for line in err) and any("b.yaml" in line for line in err)
    assert not out.exists()
    assert main(["compare", str(tmp_path), "--keep-going"]) == 1
    assert capsys.readouterr().err.rstrip().splitlines()[-1] == \
        "argmap compare: 2 problems in 2 files; nothing was compared or written"
