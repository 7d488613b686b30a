"""The package's layers, kept by reading every import in the source (imports inside functions
included; imports under ``if TYPE_CHECKING:`` left out, as they never run).

docs/architecture.md describes the same table. A module may import modules of its own layer
or of the layers below it; within a layer, imports run one way (no cycles). The one
exception is declared in :data:`HOOKS`: a convenience method of a lower layer that reaches
up, forming a cycle of at most two modules. Reads and writes of files go through
``argmap.files`` only, and only ``argmap.drawing.backend`` runs a program.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "argmap"

#: Layers from the bottom up; a module's layer is that of the longest matching prefix.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("core", ("argmap._version", "argmap._gc", "argmap.errors", "argmap.model", "argmap.concepts", "argmap._text")),
    ("bytes", ("argmap.files",)),
    ("own formats", ("argmap._yaml", "argmap._reader", "argmap._canon", "argmap._hints", "argmap.quotes",
                     "argmap.anchoring", "argmap.codec", "argmap.yamlio")),
    ("discovery", ("argmap.cache", "argmap.workspace")),
    ("analysis", ("argmap.graph", "argmap.schema", "argmap.metrics", "argmap.projection", "argmap.projected",
                  "argmap.periods",
                  "argmap.pairwise", "argmap.alignment", "argmap.diffing", "argmap.comparison", "argmap.records",
                  "argmap.validation", "argmap.segmentation", "argmap.coverage", "argmap.cues", "argmap.thesis",
                  "argmap.drafting")),
    ("outputs", ("argmap.drawing", "argmap.tables", "argmap.compare_schema", "argmap.compare_json",
                 "argmap.compare_metrics", "argmap.compare_words", "argmap.compare_text", "argmap.compare_markdown",
                 "argmap.formats")),
    ("workflows", ("argmap.report", "argmap.gallery", "argmap._jupyter", "argmap.watching")),
    ("interface", ("argmap.cli", "argmap.commands", "argmap.__main__", "argmap", "argmap.compare", "argmap.render",
                   "argmap.validate", "argmap.audit")),
)

#: Imports that reach up a layer, each a declared convenience: (importer, imported) -> why.
HOOKS = {
    ("argmap.model", "argmap.graph"): "ArgumentMap.to_networkx / from_networkx, a method for notebook users",
}

#: The modules allowed to touch file contents, and the one allowed to run programs.
FILES_MODULE = "argmap.files"
PROCESS_MODULE = "argmap.drawing.backend"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    best, level = -1, -1
    for i, (_name, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, level = len(prefix), i
    return level


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node that can run: the bodies of ``if TYPE_CHECKING:`` are left out."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))


def imports_of(module: str) -> set[str]:
    """The argmap modules ``module`` imports at run time (a name from a module counts as the
    module; a submodule imported by name as the submodule)."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "argmap")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            if base.split(".")[0] != "argmap":
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in MODULES else base)
    found.discard(module)
    return found


def graph() -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_nodes_from(MODULES)
    for module in MODULES:
        g.add_edges_from((module, other) for other in imports_of(module))
    return g


def test_every_module_has_a_layer() -> None:
    """A new module must be placed in a layer here and in docs/architecture.md."""
    assert [m for m in MODULES if layer_of(m) < 0] == []


def test_imports_run_down_the_layers() -> None:
    """No module imports a module of a higher layer, except the declared hooks."""
    g = graph()
    upward = [(a, b, LAYERS[layer_of(a)][0], LAYERS[layer_of(b)][0]) for a, b in g.edges
              if layer_of(b) > layer_of(a) and (a, b) not in HOOKS]
    assert upward == []


def test_no_import_cycles_beyond_declared_hooks() -> None:
    """Imports form no cycle, but for the declared hooks, each a cycle of two modules."""
    g = graph()
    cycles = [sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1]
    allowed = [sorted(pair) for pair in HOOKS]
    assert [c for c in cycles if c not in allowed] == []
    assert max((len(c) for c in cycles), default=1) <= 2


def test_the_hooks_are_still_needed() -> None:
    """A declared hook that no module uses any more is removed from the list."""
    g = graph()
    assert [pair for pair in HOOKS if not g.has_edge(*pair)] == []


def test_lower_layers_do_not_import_the_package_root() -> None:
    """Only the interface layer imports ``argmap`` itself (which reaches every module)."""
    g = graph()
    assert [a for a, b in g.edges if b == "argmap" and LAYERS[layer_of(a)][0] != "interface"] == []


# --- file and process access ---------------------------------------------------------------

#: Calls that read or change a file's content, or create or remove files and folders.
_FILE_METHODS = {"read_text", "read_bytes", "write_text", "write_bytes", "open", "unlink", "rmdir", "mkdir",
                 "touch"}
_OS_FILE = {"replace", "rename", "remove", "unlink", "open", "fdopen", "makedirs", "mkdir", "rmdir", "write"}
_SHUTIL_ALLOWED = {"which", "get_terminal_size"}  # no file content involved
#: Owners whose methods of those names are argmap's own API (which goes through argmap.files).
_OWN = {"argmap", "files"}


def _calls(module: str) -> Iterator[tuple[int, str, str]]:
    """(line, owner, name) of every call that runs, and ``import`` pseudo-calls."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute):
                owner = func.value.id if isinstance(func.value, ast.Name) else "?"
                yield node.lineno, owner, func.attr
            elif isinstance(func, ast.Name):
                yield node.lineno, "", func.id
        elif isinstance(node, ast.Import):
            yield from ((node.lineno, "import", alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield node.lineno, "import", node.module or ""


def _touches_files(owner: str, name: str) -> bool:
    if owner == "import":
        return name.split(".")[0] == "tempfile"
    if owner == "":
        return name == "open"
    if owner == "os":
        return name in _OS_FILE
    if owner == "shutil":
        return name not in _SHUTIL_ALLOWED
    return name in _FILE_METHODS and owner not in _OWN


@pytest.mark.parametrize("module", sorted(MODULES))
def test_file_contents_are_read_and_written_in_one_module(module: str) -> None:
    """Only argmap.files opens, writes, renames or removes files (atomic writes, size limits and
    strict UTF-8 live there); every other module asks it."""
    touching = [(line, f"{owner}.{name}") for line, owner, name in _calls(module) if _touches_files(owner, name)]
    if module == FILES_MODULE:
        assert touching, "argmap.files no longer touches files: update FILES_MODULE"
    else:
        assert touching == []


def _runs_programs(owner: str, name: str) -> bool:
    if owner == "import":
        return name.split(".")[0] == "subprocess"
    if owner == "os":
        return name in ("system", "popen") or name.startswith(("exec", "spawn"))
    return owner == "subprocess"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_only_the_drawing_backend_runs_programs(module: str) -> None:
    """Exactly one module runs an executable (Graphviz's dot)."""
    running = [(line, owner, name) for line, owner, name in _calls(module) if _runs_programs(owner, name)]
    if module == PROCESS_MODULE:
        assert running, "the drawing backend no longer runs dot: update PROCESS_MODULE"
    else:
        assert running == []
