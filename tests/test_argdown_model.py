"""Argdown as Argdown reads it: argmap's import against @argdown/core's own model, side by side.

tools/node/argdown-model.js runs @argdown/core (pinned in tools/node/package.json) on Argdown
files and prints the statements, arguments and relations of Argdown's model. For every file
Argdown parses without errors, argmap's import must have the same statements and arguments
(less the untitled paragraphs it counts in a notice) and, relation for relation, the edges
docs/interchange.md maps them to; where Argdown reports errors, argmap reports them too.

The files: ../shared/external/argdown (real examples from the Argdown repository), the small
fixtures in tests/data/argdown (one per rule: repeated relations, undercuts, indentation, front
matter read as YAML 1.2, ...), and any folder named by ARGMAP_ARGDOWN_CORPUS (for instance a
checkout's Argdown test documents). Skipped where Node or the pinned packages are missing;
ARGMAP_REQUIRE_NODE_TOOLS=1 makes that a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.errors import LoadError
from argmap.formats import import_argdown_file
from argmap.formats._common import Notices, clean_id
from argmap.formats.argdown import yaml12
from argmap.formats.argdown.builder import read_model

HERE = Path(__file__).parent
ROOT = HERE.parent
FIXTURES = HERE / "data" / "argdown"
SCRIPT = ROOT / "tools" / "node" / "argdown-model.js"
CORE = ROOT / "tools" / "node" / "node_modules" / "@argdown" / "core" / "package.json"
EXTERNAL = ROOT.parent / "shared" / "external" / "argdown"
UNTITLED = re.compile(r"Untitled \d+")
#: Argdown's relation types: the argmap relation, and a word the edge's note must hold.
MAPPING = {
    "support": ("supports", None),
    "attack": ("attacks", None),
    "entails": ("supports", "entailment"),
    "contrary": ("attacks", "contrariety"),
    "contradictory": ("attacks", "contradiction"),
    "undercut": ("attacks", "undercut"),
}


def node_tools() -> str | None:
    """Why the side-by-side test cannot run here, or None."""
    if shutil.which("node") is None:
        return "Node is not installed"
    if not CORE.is_file():
        return "@argdown/core is not installed (`npm ci` in tools/node, which `make setup` runs)"
    return None


@pytest.fixture(scope="module")
def argdown_core() -> None:
    missing = node_tools()
    if missing is None:
        return
    if os.environ.get("ARGMAP_REQUIRE_NODE_TOOLS") == "1":
        pytest.fail(f"{missing}, and ARGMAP_REQUIRE_NODE_TOOLS=1 asks for the tests that need it to run")
    pytest.skip(missing)


def argdown_models(files: list[Path]) -> dict[str, Any]:
    """Argdown's model of each file, as tools/node/argdown-model.js prints it."""
    result = subprocess.run(
        ["node", str(SCRIPT), *map(str, files)], capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stderr
    models: dict[str, Any] = json.loads(result.stdout)
    return models


def node_id(title: str, statements: set[str], argument: bool) -> str:
    """argmap's node id for an Argdown title (docs/interchange.md)."""
    base = clean_id(title) or title
    return f"{base} (argument)" if argument and title in statements else base


Edges = set[tuple[str, str, str]]


def expected(model: dict[str, Any]) -> tuple[set[str], Counter[str], Edges, dict[tuple[str, str, str], str]]:
    """What argmap's import must hold for Argdown's model: node ids, counts of left-out
    untitled statements (by notice code), edges, and the word each edge's note must hold."""
    titles = {s["title"] for s in model["statements"]}
    in_pcs = {s["title"] for a in model["arguments"] for s in a["pcs"]}
    related = {(r["fromType"], r["from"]) for r in model["relations"]}
    related |= {("argument" if r["toType"] == "inference" else r["toType"], r["to"]) for r in model["relations"]}
    ids: set[str] = set()
    left_out: Counter[str] = Counter()
    for statement in model["statements"]:
        title = statement["title"]
        if UNTITLED.fullmatch(title) and title not in in_pcs and ("equivalence-class", title) not in related:
            left_out["argdown-list" if statement["inList"] else "argdown-prose"] += statement["members"]
            continue
        ids.add(node_id(title, titles, argument=False))
    ids |= {node_id(a["title"], titles, argument=True) for a in model["arguments"]}

    def end(kind: str, title: str) -> str:
        return node_id(title, titles, argument=kind in ("argument", "inference"))

    edges: set[tuple[str, str, str]] = set()
    notes: dict[tuple[str, str, str], str] = {}
    for r in model["relations"]:
        relation, word = MAPPING[r["type"]]
        edge = (end(r["fromType"], r["from"]), end(r["toType"], r["to"]), relation)
        edges.add(edge)
        if word is not None:
            notes[edge] = word
    for argument in model["arguments"]:
        node = node_id(argument["title"], titles, argument=True)
        for statement in argument["pcs"]:
            stmt = node_id(statement["title"], titles, argument=False)
            edges.add((node, stmt, "supports") if statement["role"] == "main-conclusion" else (stmt, node, "supports"))
    return ids, left_out, edges, notes


def compare(path: Path, model: dict[str, Any]) -> None:
    """argmap's import of ``path`` holds what Argdown's ``model`` holds (see the module)."""
    if model["errors"]:
        notices = Notices(path)
        read_model(path.read_text("utf-8-sig"), notices)
        codes = {n.code for n in notices.items}
        assert codes & {"argdown-syntax", "argdown-orphan", "argdown-model", "argdown-data", "argdown-front-matter"}, (
            f"Argdown reports {model['errors'][:1]}, argmap nothing"
        )
        return
    ids, left_out, edges, notes = expected(model)
    if not ids:  # nothing to import: argmap says so
        with pytest.raises(LoadError, match="no statement or argument"):
            import_argdown_file(path)
        return
    imported = import_argdown_file(path, thesis=sorted(ids)[0])
    amap = imported.map
    assert {n.id for n in amap.nodes} == ids
    found = [(e.source, e.target, e.relation.value) for e in amap.edges]
    assert len(found) == len(set(found)), "one edge per relation"
    # argmap's one departure: an import always validates, so a relation from a statement to
    # itself, or one closing a cycle of supports, is left out, each with a notice.
    repaired = [n for n in imported.notices if n.code in ("import-self-loop", "import-support-cycle")]
    assert set(found) <= edges
    assert len(edges - set(found)) == len(repaired), (edges - set(found), repaired)
    for edge, word in notes.items():
        if edge not in found:
            continue  # left out above, with its notice
        note = next(e.note or "" for e in amap.edges if (e.source, e.target, e.relation.value) == edge)
        assert word in note, (edge, note)
    counted = Counter[str]()
    for notice in imported.notices:
        if notice.code in ("argdown-prose", "argdown-list"):
            counted[notice.code] += int(notice.message.split()[0])
    assert counted == left_out
    undercuts = sum(r["type"] == "undercut" for r in model["relations"])
    assert sum(n.code == "argdown-undercut" for n in imported.notices) == undercuts
    assert not [n for n in imported.notices if n.code in ("argdown-syntax", "argdown-orphan", "argdown-model")]
    if isinstance(model.get("frontMatter"), (dict, list)):
        text = path.read_text("utf-8")
        body = re.search(r"===+([\s\S]*?)===+", text)
        assert body is not None
        assert _plain(yaml12.load(body.group(1))) == model["frontMatter"], "front matter read as js-yaml reads it"


def _plain(value: Any) -> Any:
    """A YAML value as JSON shows it (dates as ISO text, as JavaScript's JSON does)."""

    def date(value: Any) -> str:
        text = str(value.isoformat())
        return text + "T00:00:00.000Z" if len(text) == 10 else text

    return json.loads(json.dumps(value, default=date))


def files() -> list[Path]:
    found = [*sorted(FIXTURES.glob("*.argdown")), HERE / "data" / "interchange" / "foreign.argdown"]
    if EXTERNAL.is_dir():
        found += sorted(EXTERNAL.glob("*.argdown"))
    corpus = os.environ.get("ARGMAP_ARGDOWN_CORPUS")
    if corpus:
        found += sorted(Path(corpus).rglob("*.argdown"))
    return found


FILES = files()


@pytest.fixture(scope="module")
def models(argdown_core: None) -> dict[str, Any]:
    return argdown_models(FILES)


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_import_agrees_with_argdowns_model(models: dict[str, Any], path: Path) -> None:
    """Statements, arguments and relations as Argdown's own model has them."""
    compare(path, models[str(path)])


def test_every_rule_has_a_fixture_that_argdown_parses(models: dict[str, Any]) -> None:
    """The fixtures are Argdown that Argdown reads without errors (except the one made to
    hold errors), so that the comparison above checks something for each rule."""
    for path in sorted(FIXTURES.glob("*.argdown")):
        errors = models[str(path)]["errors"]
        assert bool(errors) == path.name.startswith("errors"), (path.name, errors[:1])


# --- generated documents ------------------------------------------------------------------------

_STATEMENTS = ["[A]", "[B]", "[C]", "[A]: Text of A.", "[B]: Text of B. #tag", "[D]: Text of D.", "Untitled text."]
_ARGUMENTS = ["<X>", "<Y>", "<X>: Text of X.", "<Z>: Text of Z."]
_SYMBOLS = ["+", "-", "<+", "<-", "+>", "->", "><", "_>", "<_"]
_SETTINGS = [
    "model:\n  mode: strict",
    "model:\n  transformArgumentRelations: off",
    "model:\n  explodeArguments: yes",
    "title: 010\nauthor: on",
]


@st.composite
def _tree(draw: st.DrawFn, indent: int, depth: int) -> list[str]:
    lines: list[str] = []
    for _ in range(draw(st.integers(0, 3))):
        symbol = draw(st.sampled_from(_SYMBOLS))
        member = draw(st.sampled_from(_STATEMENTS if symbol == "><" else _STATEMENTS + _ARGUMENTS))
        width = indent + draw(st.sampled_from([2, 2, 2, 4, 1]))
        lines.append(" " * width + f"{symbol} {member}")
        if depth < 3:
            lines += draw(_tree(width, depth + 1))
    return lines


@st.composite
def _reconstruction(draw: st.DrawFn) -> list[str]:
    lines: list[str] = []
    number = 1
    for _step in range(draw(st.integers(1, 3))):
        for _ in range(draw(st.integers(1, 2))):
            lines.append(f"({number}) " + draw(st.sampled_from([*_STATEMENTS[:6], "A premise."])))
            lines += draw(_tree(0, 2)) if draw(st.booleans()) else []
            number += 1
        lines.append(draw(st.sampled_from(["----", "-- a rule --", "--\nrule one, rule two\n--"])))
        if draw(st.booleans()):
            lines.append("  <_ " + draw(st.sampled_from(_STATEMENTS)))
        lines.append(f"({number}) " + draw(st.sampled_from(["[C]", "[D]", "A conclusion."])))
        number += 1
    title = draw(st.sampled_from(["", "<X>\n\n", "<Y>: Text of Y.\n\n"]))
    return [title + "\n".join(lines), *draw(_tree(0, 1))]


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Small Argdown documents made of the constructs whose reading matters for the model."""
    blocks = []
    if draw(st.booleans()):
        blocks.append("===\n" + draw(st.sampled_from(_SETTINGS)) + "\n===")
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["tree", "tree", "pcs", "heading", "list", "prose"]))
        if kind == "tree":
            blocks.append("\n".join([draw(st.sampled_from(_STATEMENTS + _ARGUMENTS)), *draw(_tree(0, 0))]))
        elif kind == "pcs":
            blocks.append("\n".join(draw(_reconstruction())))
        elif kind == "heading":
            blocks.append("# A heading")
        elif kind == "list":
            blocks.append("* [B]: Text of B.\n* An untitled item.")
        else:
            blocks.append("Some prose.")
    return "\n\n".join(blocks) + "\n"


@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(documents(), min_size=30, max_size=30))
def test_generated_documents_agree_with_argdowns_model(
    argdown_core: None, tmp_path_factory: pytest.TempPathFactory, texts: list[str]
) -> None:
    """Generated documents mixing every construct: where Argdown reads them without errors,
    argmap's import agrees with its model; where Argdown reports errors, argmap reports them."""
    folder = tmp_path_factory.mktemp("generated")
    paths = []
    for k, text in enumerate(texts):
        paths.append(folder / f"d{k}.argdown")
        paths[-1].write_text(text, "utf-8")
    models = argdown_models(paths)
    for path in paths:
        compare(path, models[str(path)])
