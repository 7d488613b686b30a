"""docs/authoring.md works as written: its console session runs, command after command, on a
copy of the seed texts and maps, and every line of output it shows is what the command prints
today (a newcomer found the pasted figures stale; this keeps them true)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import HAVE_DOT, MAPS, ROOT, SEEDS

DOC = ROOT / "docs" / "authoring.md"


def _session() -> list[tuple[str, list[str]]]:
    """Each ``$`` command of the doc's console blocks, in order, with the lines shown after it."""
    out: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL):
        for line in block.splitlines():
            if line.startswith("$ "):
                out.append((line.removeprefix("$ "), []))
            elif out and line.strip():
                out[-1][1].append(line.rstrip())
    return out


def test_the_doc_has_a_session() -> None:
    """The guide shows commands with their output (the test below checks something)."""
    session = _session()
    assert len(session) >= 8 and sum(len(shown) for _, shown in session) >= 40


@pytest.mark.skipif(not HAVE_DOT, reason="Graphviz's dot is not installed")
def test_the_session_prints_what_the_doc_shows(tmp_path: Path) -> None:
    """Each command prints every line the guide shows after it (one shows a refusal, so the
    exit status is the doc's business) and none ends in a traceback."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(MAPS, tmp_path / "maps")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "NO_COLOR": "1", "ARGMAP_NO_CACHE": "1"}
    env.pop("COLUMNS", None)
    stale: list[str] = []
    for command, shown in _session():
        result = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=tmp_path, env=env,
                                capture_output=True, text=True, check=False)
        assert "Traceback" not in result.stderr, f"{command}\n{result.stderr}"  # some show a refusal
        printed = {line.rstrip() for line in (result.stdout + result.stderr).splitlines()}
        stale += [f"{command}\n    {line}" for line in shown if line not in printed]
    assert stale == []
