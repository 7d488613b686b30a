"""Shared fixtures and settings: paths to the repository, its seeds and maps, and ../shared
(optional); the tools some tests need, Graphviz's `dot` and the Argdown CLI (skip without them,
fail where ARGMAP_REQUIRE_DOT=1 / ARGMAP_REQUIRE_NODE_TOOLS=1); Hypothesis profiles."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MAPS = ROOT / "maps"
SHARED = ROOT.parent / "shared"
NODE_TOOLS = ROOT / "tools" / "node"
HAVE_DOT = shutil.which("dot") is not None
NO_DOT = "Graphviz's `dot` is not installed (apt-get install graphviz)"


def find_argdown() -> str | None:
    """The Argdown CLI: $ARGMAP_ARGDOWN if set, else the pinned one that `npm ci` installs into
    tools/node/node_modules (scripts/bootstrap.sh runs it where npm is)."""
    given = os.environ.get("ARGMAP_ARGDOWN")
    if given:
        return given
    pinned = NODE_TOOLS / "node_modules" / ".bin" / "argdown"
    return str(pinned) if pinned.is_file() else None


ARGDOWN = find_argdown()
NO_ARGDOWN = ("the Argdown CLI is not installed (`npm ci` in tools/node, which `make test` runs where npm is; "
              "or set ARGMAP_ARGDOWN=/path/to/argdown)")

# --- Hypothesis ------------------------------------------------------------------------------
# "dev": Hypothesis' defaults (new random examples each run, 200 ms deadline, failures replayed
# from .hypothesis/). "ci": the same examples every run, no deadline on a busy machine, and the
# blob that reproduces a failure printed (@reproduce_failure). CI=... picks "ci";
# HYPOTHESIS_PROFILE=name picks any.
settings.register_profile("dev")
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)


def _hypothesis_profile() -> str:
    chosen = os.environ.get("HYPOTHESIS_PROFILE")
    if chosen:
        return chosen
    return "ci" if os.environ.get("CI", "").lower() not in ("", "0", "false") else "dev"


settings.load_profile(_hypothesis_profile())


def pytest_report_header(config: pytest.Config) -> str:
    return f"hypothesis profile: {_hypothesis_profile()}"


# --- tools a test needs: Graphviz's dot, the Argdown CLI ---------------------------------------
# A test marked needs_dot or needs_argdown skips where the tool is missing, or fails instead
# where ARGMAP_REQUIRE_DOT=1 or ARGMAP_REQUIRE_NODE_TOOLS=1 says it must run (CI installs both).


def _missing_tools(item: pytest.Item) -> list[tuple[str, str | None]]:
    """What ``item`` needs and lacks: the reason, and the variable that requires it where set."""
    missing = []
    if "needs_dot" in item.keywords and not HAVE_DOT:
        missing.append((NO_DOT, "ARGMAP_REQUIRE_DOT"))
    if "needs_argdown" in item.keywords and ARGDOWN is None:
        missing.append((NO_ARGDOWN, "ARGMAP_REQUIRE_NODE_TOOLS"))
    return [(reason, var if os.environ.get(var) == "1" else None) for reason, var in missing]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs_argdown: needs the Argdown CLI from tools/node (skipped where absent)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the tests whose tool is missing, where it is not required (see pytest_runtest_setup)."""
    for item in items:
        for reason, required_by in _missing_tools(item):
            if required_by is None:
                item.add_marker(pytest.mark.skip(reason=reason))


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Fail, instead of skipping, a test whose missing tool the environment requires."""
    for reason, required_by in _missing_tools(item):
        if required_by is not None:
            pytest.fail(f"{reason}, and {required_by}=1 asks for the tests that need it to run", pytrace=False)


@pytest.fixture
def shared() -> Path:
    """The ../shared folder beside the checkout; tests using it skip where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED
