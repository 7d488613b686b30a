"""AIF JSON: lossless export and import of argmap maps, and import of real AIFdb/OVA files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

import argmap
from argmap import Kind, Relation, Sign
from argmap.errors import ExportError, LoadError
from argmap.formats import (
    Anchoring,
    from_aif,
    import_aif,
    import_aif_file,
    read_aif,
    to_aif,
    write_aif,
    write_imported,
)

SMALL = Path(__file__).parent / "data" / "interchange" / "small.yaml"
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_export_uses_aif_node_types() -> None:
    """Nodes are I-nodes, quotes L-nodes asserting them, edges RA/CA nodes with schemes."""
    graph = to_aif(argmap.load(SMALL))
    by_id = {n["nodeID"]: n for n in graph["nodes"]}
    assert by_id["thesis"]["type"] == "I"
    assert by_id["thesis"]["text"] == "Pakistan-Russia ties have warmed, but only a little"
    schemes = [(n["type"], n.get("scheme")) for n in graph["nodes"] if n["type"] in ("RA", "CA")]
    assert schemes == [
        ("RA", "Default Inference"),
        ("RA", "Cause To Effect"),
        ("RA", "Cause To Effect"),
        ("CA", "Default Conflict"),
        ("CA", "Default Conflict"),
        ("RA", "Default Inference"),
    ]
    locutions = [n["text"] for n in graph["nodes"] if n["type"] == "L"]
    assert "Pakistan still depends on the IMF" in locutions
    ids = set(by_id)
    assert all(e["fromID"] in ids and e["toID"] in ids for e in graph["edges"])


def test_generated_ids_never_clash_with_node_ids() -> None:
    """Scheme and locution node ids are fresh even where map ids look like them."""
    src = argmap.Source("s", "s.txt")
    nodes = [
        argmap.Node("ra1", "thesis", "A", argmap.Quote("a")),
        argmap.Node("l1", "claim", "B", argmap.Quote("b")),
    ]
    amap = argmap.ArgumentMap(src, nodes, [argmap.Edge("l1", "ra1", "supports")])
    ids = [n["nodeID"] for n in to_aif(amap)["nodes"]]
    assert len(ids) == len(set(ids))
    assert from_aif(to_aif(amap)) == amap


@pytest.mark.parametrize(
    ("nodes", "edges", "message"),
    [(["a", "a"], [], "used twice"), (["a"], [("a", "b")], "unknown node 'b'")],
    ids=["duplicate-id", "dangling-edge"],
)
def test_export_refuses_broken_maps(
    nodes: list[str], edges: list[tuple[str, str]], message: str
) -> None:
    """AIF links nodes by id: duplicate ids and dangling edges are export errors."""
    amap = argmap.ArgumentMap(
        argmap.Source("s", "s.txt"),
        [argmap.Node(i, "claim", i, argmap.Quote(i)) for i in nodes],
        [argmap.Edge(a, b, "supports") for a, b in edges],
    )
    with pytest.raises(ExportError, match=message):
        to_aif(amap)


def test_write_aif_writes_json(tmp_path: Path) -> None:
    """write_aif writes the AIF JSON that read_aif reads back."""
    amap = argmap.load(SMALL)
    write_aif(amap, tmp_path / "small.json")
    assert read_aif(tmp_path / "small.json") == amap


# --- import of files argmap did not write -----------------------------------------------------


def aif(
    nodes: list[tuple[str, str, str] | dict[str, Any]], edges: list[tuple[str, str]]
) -> dict[str, Any]:
    """A small AIF document from (id, type, text) triples and (from, to) pairs."""
    return {
        "nodes": [
            n if isinstance(n, dict) else {"nodeID": n[0], "type": n[1], "text": n[2]}
            for n in nodes
        ],
        "edges": [
            {"edgeID": f"e{i}", "fromID": a, "toID": b, "formEdgeID": None}
            for i, (a, b) in enumerate(edges)
        ],
        "locutions": [],
    }


def test_i_nodes_and_inferences_become_nodes_and_edges() -> None:
    """I-nodes become claims, RA supports, CA attacks, MA a noted support; the root the thesis."""
    doc = aif(
        [
            ("1", "I", "Main point"),
            ("2", "I", "A reason"),
            ("3", "I", "An objection"),
            ("4", "I", "The reason again"),
            ("10", "RA", "Default Inference"),
            ("11", "CA", "Default Conflict"),
            ("12", "MA", "Default Rephrase"),
        ],
        [("2", "10"), ("10", "1"), ("3", "11"), ("11", "2"), ("2", "12"), ("12", "4")],
    )
    imported = import_aif(doc, thesis="1")
    amap = imported.map
    assert [(n.id, n.kind) for n in amap.nodes] == [
        ("1", Kind.THESIS),
        ("2", Kind.CLAIM),
        ("3", Kind.CLAIM),
        ("4", Kind.CLAIM),
    ]
    assert [(e.source, e.target, e.relation) for e in amap.edges] == [
        ("2", "1", Relation.SUPPORTS),
        ("3", "2", Relation.ATTACKS),
        ("2", "4", Relation.SUPPORTS),
    ]
    assert "rephrase" in (amap.edges[2].note or "")
    assert argmap.validate(amap) == []


def test_thesis_is_the_conclusion_that_premises_nothing() -> None:
    """With one root conclusion, no --thesis is needed."""
    doc = aif(
        [("1", "I", "Main point"), ("2", "I", "A reason"), ("9", "RA", "RA")],
        [("2", "9"), ("9", "1")],
    )
    assert from_aif(doc).thesis == from_aif(doc).node("1")


def test_ambiguous_thesis_is_inferred_with_a_notice() -> None:
    """Several root conclusions of equal reach: the first is the thesis, and a notice names
    the candidates and --thesis (issue 12: the thesis is inferred, not demanded)."""
    doc = aif(
        [
            ("1", "I", "One"),
            ("2", "I", "Two"),
            ("3", "I", "Reason"),
            ("8", "RA", "RA"),
            ("9", "RA", "RA"),
        ],
        [("3", "8"), ("8", "1"), ("3", "9"), ("9", "2")],
    )
    imported = import_aif(doc)
    assert imported.map.thesis.id == "1"  # type: ignore[union-attr]
    [notice] = [p for p in imported.notices if p.code == "thesis-inferred"]
    assert "2 conclusions" in notice.message and "'1', '2'" in notice.message
    assert "--thesis ID" in (notice.hint or "")
    with pytest.raises(LoadError, match="no I-node with id 'nope'"):
        from_aif(doc, thesis="nope")
    assert from_aif(doc, thesis="2").thesis.id == "2"  # type: ignore[union-attr]


def test_linked_premises_and_undercuts_are_noted() -> None:
    """Linked premises each support the conclusion; a CA on an RA attacks that inference's
    premises (as the arggraph import records an undercut), noted and counted."""
    doc = aif(
        [
            ("1", "I", "C"),
            ("2", "I", "P1"),
            ("3", "I", "P2"),
            ("4", "I", "Undercutter"),
            ("9", "RA", "RA"),
            ("10", "CA", "CA"),
        ],
        [("2", "9"), ("3", "9"), ("9", "1"), ("4", "10"), ("10", "9")],
    )
    imported = import_aif(doc, thesis="1")
    edges = [(e.source, e.target, e.relation.value) for e in imported.map.edges]
    assert edges == [("2", "1", "supports"), ("3", "1", "supports"), ("4", "2", "attacks"), ("4", "3", "attacks")]
    assert "linked premises 2, 3" in (imported.map.edges[0].note or "")
    assert "undercuts the inference 9" in (imported.map.edges[2].note or "")
    assert [n.code for n in imported.notices] == ["aif-undercut"]


def test_an_undercut_of_an_objection_does_not_attack_the_thesis() -> None:
    """The proponent undercuts the opponent's objection (a CA on a CA): recorded on the
    objection's premise, the proponent defends the thesis instead of attacking it."""
    doc = aif(
        [("1", "I", "Thesis"), ("2", "I", "Objection"), ("3", "I", "But the objection misses the point"),
         ("8", "CA", "Default Conflict"), ("9", "CA", "Default Conflict")],
        [("2", "8"), ("8", "1"), ("3", "9"), ("9", "8")],
    )
    imported = import_aif(doc, thesis="1")
    edges = {(e.source, e.target, e.relation.value) for e in imported.map.edges}
    assert edges == {("2", "1", "attacks"), ("3", "2", "attacks")}
    (notice,) = imported.notices
    assert "CA node 8" in notice.message and "premises (2)" in notice.message


def test_cause_to_effect_scheme_imports_as_causes() -> None:
    """An RA with a cause-to-effect scheme becomes a causal edge (sign + assumed, noted)."""
    doc = aif(
        [
            ("1", "I", "Effect"),
            ("2", "I", "Cause"),
            {"nodeID": "9", "type": "RA", "text": "Cause To Effect", "scheme": "Cause To Effect"},
        ],
        [("2", "9"), ("9", "1")],
    )
    edge = from_aif(doc).edges[0]
    assert (edge.relation, edge.sign) == (Relation.CAUSES, Sign.HELPS)
    assert "sign + assumed" in (edge.note or "")


def test_dialogue_nodes_are_kept_or_reported() -> None:
    """L/YA/TA nodes become provenance notes; PA and unanchored dialogue nodes are notices."""
    doc = aif(
        [
            ("1", "I", "C"),
            ("2", "I", "P"),
            ("9", "RA", "RA"),
            ("20", "L", "Ann: C"),
            ("21", "YA", "Asserting"),
            ("22", "L", "Ann: P"),
            ("23", "YA", "Asserting"),
            ("24", "TA", "Default Transition"),
            ("25", "YA", "Arguing"),
            ("30", "L", "Bob: unrelated"),
            ("31", "PA", "Preference"),
        ],
        [
            ("2", "9"),
            ("9", "1"),
            ("20", "21"),
            ("21", "1"),
            ("22", "23"),
            ("23", "2"),
            ("22", "24"),
            ("24", "20"),
            ("24", "25"),
            ("25", "9"),
            ("1", "31"),
            ("31", "2"),
        ],
    )
    doc["locutions"] = [{"nodeID": "20", "personID": "7"}]
    imported = import_aif(doc)
    amap = imported.map
    assert "asserted in AIF locution 20 by person 7: 'Ann: C' (Asserting 21)" in (
        amap.node("1").note or ""
    )
    assert "AIF transition 24 (locution 22 to 20), Arguing 25" in (amap.edges[0].note or "")
    codes = sorted(n.code for n in imported.notices)
    assert codes == ["aif-dialogue", "aif-preference"]
    assert any("'30'" in n.message for n in imported.notices)


def test_generated_source_text_makes_every_quote_verbatim(tmp_path: Path) -> None:
    """Without --text, the I-node texts become a source text written beside the map."""
    doc = aif(
        [("1", "I", "Main point."), ("2", "I", 'A reason, with "quotes".'), ("9", "RA", "RA")],
        [("2", "9"), ("9", "1")],
    )
    imported = import_aif(doc)
    assert imported.source_text is not None
    assert imported.source_text.startswith("Main point.\n\nA reason")
    written = write_imported(imported, tmp_path / "debate.yaml")
    assert [p.name for p in written] == ["debate.source.txt", "debate.yaml"]
    assert argmap.check(tmp_path / "debate.yaml") == []


def test_text_option_checks_quotes_against_the_source() -> None:
    """With a source text, I-node texts are found in it; those that are not become implicit
    nodes with a note and a notice each (issue 12: no longer an error)."""
    doc = aif(
        [("1", "I", "Main point"), ("2", "I", "A reason"), ("9", "RA", "RA")],
        [("2", "9"), ("9", "1")],
    )
    text = "Intro. Main point, and then A reason follows."
    amap = from_aif(doc, text=text, source_file="src.txt")
    assert amap.source.file == "src.txt"
    assert amap.node("2").quotes[0].spans[0].start == text.index("A reason")
    imported = import_aif(doc, text="Something else entirely.", source_file="src.txt")
    assert all(n.implicit and "not found in the source text" in (n.note or "") for n in imported.map.nodes)
    assert [p.code for p in imported.notices].count("import-implicit") == 2
    assert imported.anchoring == Anchoring(exact=0, tolerant=0, implicit=2)


BAD_AIF = [
    ("not-object", "[]", "must be a JSON object"),
    ("no-nodes", '{"edges": []}', "needs `nodes`"),
    ("node-not-object", '{"nodes": [5], "edges": []}', "must be an object"),
    ("no-node-id", '{"nodes": [{"type": "I", "text": "x"}], "edges": []}', "`nodeID` must be"),
    (
        "bad-type",
        '{"nodes": [{"nodeID": "1", "type": 5, "text": "x"}], "edges": []}',
        "node `type`",
    ),
    (
        "bad-text",
        '{"nodes": [{"nodeID": "1", "type": "I", "text": []}], "edges": []}',
        "node `text`",
    ),
    (
        "duplicate-id",
        '{"nodes": [{"nodeID": "1", "type": "I", "text": "x"}, '
        '{"nodeID": "1", "type": "I", "text": "y"}], "edges": []}',
        "duplicate nodeID",
    ),
    (
        "no-i-node",
        '{"nodes": [{"nodeID": "1", "type": "L", "text": "x"}], "edges": []}',
        "no I-node",
    ),
    (
        "bad-argmap-member",
        '{"argmap": {"version": 1, "source": {"id": "s", "file": "f"}}, '
        '"nodes": [{"nodeID": "1", "type": "I", "text": "x", "argmap": {"id": "1"}}], "edges": []}',
        "malformed `argmap` member",
    ),
]


@pytest.mark.parametrize(("text", "message"), [b[1:] for b in BAD_AIF], ids=[b[0] for b in BAD_AIF])
def test_malformed_aif_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    """Malformed AIF files raise a LoadError naming the problem, located where possible."""
    path = tmp_path / "bad.json"
    path.write_text(text, "utf-8")
    with pytest.raises(LoadError, match=message) as info:
        import_aif_file(path)
    assert info.value.path == path
    assert info.value.line is not None


def test_dangling_edges_are_reported() -> None:
    """An edge to a missing node is left out with a notice."""
    doc = aif([("1", "I", "C")], [("1", "404")])
    imported = import_aif(doc)
    assert [n.code for n in imported.notices] == ["aif-dangling-edge"]


# --- the real files in ../shared/external/aif ----------------------------------------------------


def test_real_aif_original_infers_its_thesis(shared: Path) -> None:
    """6064-original has three root conclusions: the notice names them and the root of the
    largest argument (29054, the one the docs used to pick with --thesis) is the thesis."""
    imported = import_aif_file(shared / "external" / "aif" / "6064-original.json")
    assert imported.map.thesis.id == "29054"  # type: ignore[union-attr]
    [notice] = [p for p in imported.notices if p.code == "thesis-inferred"]
    assert "3 conclusions" in notice.message and "'29054', '111805', '111839'" in notice.message


@pytest.mark.parametrize(
    ("name", "thesis", "nodes", "edges"),
    [("6064-original", "29054", 9, 5), ("6064-reconstructed", "111805", 9, 8)],
    ids=["original", "reconstructed"],
)
def test_real_aif_files_import_and_validate(
    shared: Path, tmp_path: Path, name: str, thesis: str, nodes: int, edges: int
) -> None:
    """The AIFdb samples import with --thesis, and the written YAML validates."""
    imported = import_aif_file(shared / "external" / "aif" / f"{name}.json", thesis=thesis)
    assert (len(imported.map.nodes), len(imported.map.edges)) == (nodes, edges)
    assert imported.map.thesis is not None
    assert imported.map.thesis.id == thesis
    write_imported(imported, tmp_path / f"{name}.yaml")
    problems = argmap.check(tmp_path / f"{name}.yaml")
    assert [p for p in problems if p.severity is argmap.Severity.ERROR] == []


def test_real_aif_dialogue_is_never_dropped_silently(shared: Path) -> None:
    """Every L, YA and TA node of 6064-original is either in a note or in a notice."""
    path = shared / "external" / "aif" / "6064-original.json"
    imported = import_aif_file(path, thesis="29054")
    data = json.loads(path.read_text("utf-8"))
    mentioned = " ".join(
        [
            *(n.note or "" for n in imported.map.nodes),
            *(e.note or "" for e in imported.map.edges),
            *(p.message for p in imported.notices),
        ]
    )
    for node in data["nodes"]:
        if node["type"] in ("L", "YA", "TA"):
            assert node["nodeID"] in mentioned, node
