"""Shared fixtures and settings: paths to the repository, its seeds and maps, and ../shared
(optional); the tools some tests need, Graphviz's `dot` and the Argdown CLI (skip without them,
fail where ARGMAP_REQUIRE_DOT=1 / ARGMAP_REQUIRE_NODE_TOOLS=1); Hypothesis profiles; and the
``golden`` fixture that compares output with reviewed golden files."""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from collections.abc import Generator
from pathlib import Path

import pytest
from hypothesis import settings

pytest_plugins = ["pytester"]  # for tests/test_golden.py

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MAPS = ROOT / "maps"
SHARED = ROOT.parent / "shared"
GOLDEN = Path(__file__).resolve().parent / "golden"
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


_TEST_CACHE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs_argdown: needs the Argdown CLI from tools/node (skipped where absent)")
    # The cache of loaded maps goes into a folder of the test run's own (the commands the tests
    # start inherit it), never into the user's cache folder.
    if "ARGMAP_CACHE_DIR" not in os.environ:
        _TEST_CACHE.append(tempfile.mkdtemp(prefix="argmap-test-cache-"))
        os.environ["ARGMAP_CACHE_DIR"] = _TEST_CACHE[0]


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _TEST_CACHE:
        shutil.rmtree(folder, ignore_errors=True)


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


# --- golden files ----------------------------------------------------------------------------

UPDATE_GOLDEN = "ARGMAP_UPDATE_GOLDEN"


def update_golden_requested(value: str | None) -> bool:
    """Only ARGMAP_UPDATE_GOLDEN=1 rewrites golden files; any other value (0 too) compares."""
    return value == "1"


class Golden:
    """Output compared exactly, byte for byte, with a reviewed file under ``root``; with
    ``update`` the file is (re)written instead and the test is reported as skipped, naming it."""

    def __init__(self, root: Path, *, update: bool) -> None:
        self.root = root
        self.update = update
        self.rewritten: list[Path] = []
        self.unchanged: list[Path] = []

    def path(self, name: str | Path) -> Path:
        """A golden file: ``name`` relative to the root, or an absolute path as it is."""
        return Path(name) if Path(name).is_absolute() else self.root / name

    def check(self, name: str | Path, actual: str | bytes) -> None:
        """``actual`` (text is compared as its UTF-8 bytes, line ends included) equals the
        golden file ``name``; with ``update``, the file becomes ``actual``."""
        __tracebackhide__ = True
        path = self.path(name)
        data = actual.encode("utf-8") if isinstance(actual, str) else actual
        expected = path.read_bytes() if path.is_file() else None
        if self.update:
            if expected == data:
                self.unchanged.append(path)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                self.rewritten.append(path)
            return
        shown = _shown(path)
        if expected is None:
            raise AssertionError(f"no golden file {shown}: write it with {UPDATE_GOLDEN}=1, then review it")
        if data != expected:
            raise AssertionError(f"the output differs from the golden file {shown} (- golden, + output); if the "
                                 f"change is deliberate, refresh it with {UPDATE_GOLDEN}=1 and review the diff\n"
                                 + golden_diff(expected, data, shown))

    def summary(self) -> str:
        said = []
        if self.rewritten:
            said.append("rewrote " + ", ".join(_shown(p) for p in self.rewritten))
        if self.unchanged:
            said.append("already up to date: " + ", ".join(_shown(p) for p in self.unchanged))
        return "; ".join(said) or "wrote no golden file"


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def golden_diff(expected: bytes, actual: bytes, name: str, limit: int = 200) -> str:
    """A readable account of how ``actual`` differs from ``expected``: a unified diff of the
    lines (at most ``limit``), or what differs where the lines read the same."""
    try:
        old, new = expected.decode("utf-8"), actual.decode("utf-8")
    except UnicodeDecodeError:
        at = next((i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b),
                  min(len(expected), len(actual)))
        return f"binary: {len(expected)} bytes golden, {len(actual)} bytes output, first difference at byte {at}"
    if old.splitlines() == new.splitlines():
        return ("the lines are the same; only the line ends differ "
                f"(golden {_ends(old)}, output {_ends(new)})")
    lines = list(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                      f"{name} (golden)", f"{name} (output)"))
    lines = [line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines]
    more = f"... and {len(lines) - limit} more diff lines\n" if len(lines) > limit else ""
    return "".join(lines[:limit]) + more


def _ends(text: str) -> str:
    kinds = sorted({"CRLF" if "\r\n" in text else "", "LF" if "\n" in text.replace("\r\n", "") else ""} - {""})
    final = "ends with a line end" if text.endswith(("\n", "\r")) else "no line end at the end"
    return f"{'+'.join(kinds) or 'no line ends'}, {final}"


_GOLDEN_KEY = pytest.StashKey[Golden]()


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """Compare output with golden files under tests/golden: ``golden.check(name, text_or_bytes)``.

    ARGMAP_UPDATE_GOLDEN=1 (only that value) rewrites them instead, and the test is then
    reported as skipped with the files it rewrote; review the diff before committing it."""
    made = Golden(GOLDEN, update=update_golden_requested(os.environ.get(UPDATE_GOLDEN)))
    request.node.stash[_GOLDEN_KEY] = made
    return made


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, pytest.TestReport,
                                                                                               pytest.TestReport]:
    """A test that passed while rewriting golden files checked nothing: report it as skipped."""
    report = yield
    made = item.stash.get(_GOLDEN_KEY, None)
    if made is not None and made.update and report.when == "call" and report.passed:
        report.outcome = "skipped"
        path, line, _ = item.location
        report.longrepr = (str(ROOT / path), (line or 0) + 1, f"Skipped: {UPDATE_GOLDEN}=1: {made.summary()}")
    return report
