"""docs/teaching.md works as written: its commands run on the seed corpus and the student's
example map, and the output it quotes is what `argmap diff` prints."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from argmap.cli import main
from conftest import HAVE_DOT, MAPS, ROOT, SEEDS

DOC = ROOT / "docs" / "teaching.md"
EXAMPLES = ROOT / "docs" / "examples"
HAVE_MAPS = any(MAPS.glob("0*.yaml"))


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)


def _commands() -> list[str]:
    return [line.removeprefix("$ ") for block in _blocks("console") for line in block.splitlines()
            if line.startswith("$ ")]


def _draws(command: str) -> bool:
    """Whether a command runs Graphviz's dot."""
    words = command.split()
    return words[1] == "render" or (words[1] == "report" and "--no-drawings" not in words)


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the seed texts, the maps and the example student map, as the current folder."""
    if not HAVE_MAPS:
        pytest.skip("no seed maps in maps/ yet")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(MAPS, tmp_path / "maps")
    shutil.copytree(EXAMPLES, tmp_path / "docs" / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def test_doc_has_commands() -> None:
    """The guide shows the report, the tables, validation, audit and the diff."""
    verbs = {shlex.split(c)[1] for c in _commands() if c.startswith("argmap ")}
    assert {"report", "table", "validate", "audit", "diff", "render"} <= verbs


@pytest.mark.parametrize("command", [pytest.param(c, id=c[:70]) for c in _commands()])
def test_command_runs(corpus: Path, command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Each command of the guide succeeds on the seed corpus."""
    words = shlex.split(command)
    if words[:2] == ["mkdir", "-p"]:
        for name in words[2:]:
            Path(name).mkdir(parents=True, exist_ok=True)
        return
    assert words[0] == "argmap", f"the test runs argmap and mkdir only, not {words[0]}"
    if _draws(command) and not HAVE_DOT:
        pytest.skip("Graphviz's `dot` is not installed")
    for name in words:
        if name.startswith("handouts/"):
            Path("handouts").mkdir(exist_ok=True)
    code = main(words[1:])
    assert code == 0, capsys.readouterr().err
    output = next((words[i + 1] for i, w in enumerate(words) if w in ("-o", "--output")), None)
    if output is not None:
        assert Path(output).exists()


def test_quoted_output_is_real(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every line of output the guide quotes appears in what `argmap diff` prints today."""
    assert main(["diff", "docs/examples/student-003.yaml", "maps/003-shifting-sands.yaml", "--no-color"]) == 0
    printed = [line.strip() for line in capsys.readouterr().out.splitlines()]
    quoted = [line.strip() for block in _blocks("text") for line in block.splitlines() if line.strip()]
    assert quoted
    missing = [line for line in quoted if line not in printed]
    assert missing == []
