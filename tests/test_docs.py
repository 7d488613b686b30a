"""The documentation's examples work as written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import jsonschema
import yaml

import argmap
from conftest import MAPS, ROOT, SEEDS


def test_format_example_validates(tmp_path: Path) -> None:
    """The complete example in docs/format.md loads, finds its quotes and passes validation."""
    doc = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    match = re.search(r"## A complete example\n\n```yaml\n(.*?)```", doc, re.DOTALL)
    assert match is not None
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "maps").mkdir()
    shutil.copy(MAPS / "concepts.yaml", tmp_path / "maps")
    example = tmp_path / "maps" / "example.yaml"
    example.write_text(match.group(1), encoding="utf-8")
    assert [str(p) for p in argmap.check(example)] == []
    jsonschema.validate(yaml.safe_load(match.group(1)), argmap.map_schema())


def test_readme_python_example_runs() -> None:
    """The Python example in the README runs from the repository root."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```python\n(.*?)```", readme, re.DOTALL)
    assert match is not None
    import os

    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        exec(compile(match.group(1), "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
