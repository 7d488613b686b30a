"""Shared fixtures: paths to the repository, its seeds and maps, and ../shared (optional)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MAPS = ROOT / "maps"
SHARED = ROOT.parent / "shared"
HAVE_DOT = shutil.which("dot") is not None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip tests marked ``needs_dot`` where Graphviz's ``dot`` is not installed."""
    if HAVE_DOT:
        return
    skip = pytest.mark.skip(reason="Graphviz's `dot` is not installed (apt-get install graphviz)")
    for item in items:
        if "needs_dot" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def shared() -> Path:
    """The ../shared folder beside the checkout; tests using it skip where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED
