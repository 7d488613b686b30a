"""Argdown: lossless export that the Argdown CLI parses, and import of the statement subset."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap import Kind, Relation
from argmap.errors import LoadError
from argmap.formats import (
    from_argdown,
    import_argdown,
    import_argdown_file,
    read_argdown,
    to_argdown,
    write_argdown,
    write_imported,
)
from argmap.formats.argdown.writer import _escape, _titles
from argmap.workspace import is_vocabulary_file
from conftest import ARGDOWN
from strategies import hostile_map, maps

HERE = Path(__file__).parent
SMALL = HERE / "data" / "interchange" / "small.yaml"
MAPS = HERE.parent / "maps"
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(maps(anchored=True, markup=True))
def test_argdown_round_trip_with_dense_markup(amap: argmap.ArgumentMap) -> None:
    """Text made almost only of Argdown markup survives too."""
    assert from_argdown(to_argdown(amap)) == amap


def test_export_shows_statements_tags_and_relations() -> None:
    """Nodes become titled statements tagged with kind and concept; edges relation lines."""
    text = to_argdown(argmap.load(SMALL))
    assert (
        "\n[thesis]: Pakistan-Russia ties have warmed, but only a little #thesis "
        "#pak-russia-relations {" in text
    )
    assert "\n[imf]: Dependence on the IMF #factor #imf-dependence {" in text
    assert "\n  -> [thesis] {" in text  # the IMF hinders the thesis
    assert "\n# Causes\n" in text
    assert text.startswith('===\ntitle: "Pakistan and Russia: A Cautious Thaw"\nargmap: {')


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a # b", "a \\# b"),
        ("[x]: <y>", "\\[x\\]: \\<y\\>"),
        ("e.g. 3.5 a: b", "e\\.g. 3\\.5 a: b"),
        ("http://x /* y */", "http\\:\\//x \\/\\* y \\*/"),
        ("{a} = b", "\\{a\\} \\= b"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines", "two lines"),
        ("@[m] **b** _i_", "\\@\\[m\\] \\*\\*b\\*\\* \\_i\\_"),
        (
            "plain text, with commas; and (parentheses)",
            "plain text, with commas; and (parentheses)",
        ),
    ],
    ids=[
        "tag",
        "titles",
        "special-chars",
        "comments",
        "data-frontmatter",
        "backslash",
        "newline",
        "mention-emphasis",
        "plain",
    ],
)
def test_escape(text: str, escaped: str) -> None:
    """Markup characters are escaped with backslashes; line breaks become spaces."""
    assert _escape(text) == escaped


def test_write_and_read_files(tmp_path: Path) -> None:
    """write_argdown then read_argdown gives the same map."""
    amap = argmap.load(SMALL)
    write_argdown(amap, tmp_path / "small.argdown")
    assert read_argdown(tmp_path / "small.argdown") == amap


def test_edits_in_argdown_win_over_the_data() -> None:
    """A label edited in an Argdown editor, or a relation turned around, is imported as written."""
    text = to_argdown(argmap.load(SMALL, anchor=False))
    text = text.replace(
        "[embargo]: Russia lifted its arms embargo in 2014", "[embargo]: Russia ended its embargo"
    )
    text = text.replace(
        '  +> [thesis] {"argmap": 1, "order": 0', '  -> [thesis] {"argmap": 1, "order": 0'
    )
    imported = import_argdown(text)
    assert imported.map.node("embargo").label == "Russia ended its embargo"
    edge = next(e for e in imported.map.edges if e.source == "embargo")
    assert edge.relation is Relation.ATTACKS
    assert [n.code for n in imported.notices] == ["argdown-edited"]


# --- the Argdown CLI -----------------------------------------------------------------------------


def run_argdown(files: list[Path], out: Path) -> dict[str, dict[str, object]]:
    """Run `argdown json` on the files; fail with its messages on any error."""
    assert ARGDOWN is not None
    result = subprocess.run(
        [ARGDOWN, "json", str(files[0].parent / "*.argdown"), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "error" not in output.lower(), output
    return {f.stem: json.loads((out / f"{f.stem}.json").read_text("utf-8")) for f in files}


def exported_maps() -> list[argmap.ArgumentMap]:
    """The seed maps in maps/, where there are any."""
    found = [p for p in sorted(MAPS.glob("*.yaml")) if not is_vocabulary_file(p)]
    return [argmap.load(p) for p in found]


@pytest.mark.needs_argdown
@settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(maps(markup=True), min_size=12, max_size=12),
    st.lists(maps(), min_size=12, max_size=12),
)
def test_argdown_cli_parses_every_export(
    tmp_path_factory: pytest.TempPathFactory,
    dense: list[argmap.ArgumentMap],
    mixed: list[argmap.ArgumentMap],
) -> None:
    """`argdown json` parses exports of hostile and random maps without errors, texts intact."""
    folder = tmp_path_factory.mktemp("argdown")
    amaps = [argmap.load(SMALL), hostile_map(), *dense, *mixed]
    files = []
    for i, amap in enumerate(amaps):
        files.append(folder / f"m{i}.argdown")
        files[-1].write_text(to_argdown(amap), "utf-8")
    parsed = run_argdown(files, folder / "json")
    for i, amap in enumerate(amaps):
        statements: dict[str, Any] = parsed[f"m{i}"]["statements"]  # type: ignore[assignment]
        assert len(statements) == len(amap.nodes)
        for node_id, title in _titles(amap).items():
            text = next(
                m["text"]
                for m in statements[title]["members"]
                if m.get("role") == "top-level-statement"
            )
            assert " ".join(text.split()).startswith(" ".join(amap.node(node_id).label.split()))


@pytest.mark.needs_argdown
def test_argdown_cli_parses_every_exported_seed_map(tmp_path: Path) -> None:
    """Every seed map in maps/ exports to Argdown that the Argdown CLI parses."""
    seeds = exported_maps()
    if not seeds:
        pytest.skip("no seed map in maps/ yet")
    files = []
    for amap in seeds:
        files.append(tmp_path / f"{amap.id}.argdown")
        files[-1].write_text(to_argdown(amap), "utf-8")
    parsed = run_argdown(files, tmp_path / "json")
    for amap in seeds:
        assert len(parsed[amap.id]["statements"]) == len(amap.nodes)  # type: ignore[arg-type]


# --- import of Argdown argmap did not write ------------------------------------------------------


@pytest.mark.parametrize(
    ("symbol", "source", "target", "relation"),
    [
        ("+", "B", "A", "supports"),
        ("<+", "B", "A", "supports"),
        ("-", "B", "A", "attacks"),
        ("<-", "B", "A", "attacks"),
        ("+>", "A", "B", "supports"),
        ("->", "A", "B", "attacks"),
        ("_>", "A", "B", "attacks"),
        ("<_", "B", "A", "attacks"),
    ],
    ids=[
        "support",
        "incoming-support",
        "attack",
        "incoming-attack",
        "outgoing-support",
        "outgoing-attack",
        "undercut",
        "incoming-undercut",
    ],
)
def test_relation_symbols(symbol: str, source: str, target: str, relation: str) -> None:
    """Each Argdown relation symbol becomes an edge in the right direction."""
    amap = from_argdown(f"[A]: The first.\n  {symbol} [B]: The second.\n", thesis="A")
    assert [(e.source, e.target, e.relation.value) for e in amap.edges] == [
        (source, target, relation)
    ]


def test_statements_arguments_and_trees() -> None:
    """Titles become ids, texts labels and quotes, nested relations edges, headings sections."""
    text = """
# Main

[T]: The thesis. #pro
  + <A>: An argument
    for it. {source: "p1"}
    - [O]: An objection.
  - Untitled objection.

[T]: Same thesis, again.
"""
    imported = import_argdown(text)
    amap = imported.map
    assert [n.id for n in amap.nodes] == ["T", "A", "O", "Untitled 1"]  # Argdown's own name
    assert amap.node("T").kind is Kind.THESIS
    assert [q.text for q in amap.node("T").quotes] == ["The thesis.", "Same thesis, again."]
    assert amap.node("A").label == "An argument for it."
    assert amap.node("A").note == 'Argdown argument <A>; data: {source: "p1"}'
    assert amap.node("T").note == "tags: pro"
    assert amap.node("O").section == "Main"
    assert [(e.source, e.target, e.relation.value) for e in amap.edges] == [
        ("A", "T", "supports"),
        ("O", "A", "attacks"),
        ("Untitled 1", "T", "attacks"),
    ]
    assert argmap.validate(amap) == []


def test_premise_conclusion_structures_become_notes_and_links() -> None:
    """A PCS stays as text in the argument's note; titled premises and conclusion are linked."""
    text = """
[C]: The conclusion.

<Arg>: Why C holds.

(1) [P]: A premise.
(2) Another premise.
--
Modus ponens {uses: [1, 2]}
--
(3) [C]
"""
    imported = import_argdown(text)
    amap = imported.map
    # every statement of the reconstruction is a node, as in Argdown's model ("Untitled 1"
    # is Argdown's name for the untitled premise)
    assert [(e.source, e.target) for e in amap.edges] == [("P", "Arg"), ("Untitled 1", "Arg"), ("Arg", "C")]
    assert amap.node("Untitled 1").label == "Another premise."
    assert amap.node("Arg").note == (
        "Argdown argument <Arg>; premise-conclusion structure: "
        "(1) A premise. (2) Another premise. -- Modus ponens -- (3) C"
    )
    assert [n.code for n in imported.notices] == ["argdown-pcs"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("* a list item\n* another\n\n[A]: a", "argdown-list"),
        ("[A]: a\n\n  + [B]: orphan", "argdown-orphan"),
        ("Just prose.\n\n[A]: a", "argdown-prose"),
        ("===\ntitle: [unclosed\n===\n\n[A]: a", "argdown-front-matter"),
    ],
    ids=["list", "orphan-relation", "prose", "bad-front-matter"],
)
def test_unsupported_constructs_are_reported(text: str, code: str) -> None:
    """Each construct argmap does not import gives a notice with its line."""
    imported = import_argdown(text)
    assert [n.code for n in imported.notices] == [code]
    assert imported.notices[0].line is not None


def test_two_roots_infer_the_thesis_with_a_notice() -> None:
    """Where two conclusions premise nothing, the root of the larger argument is the thesis
    and a notice says so (issue 12: the thesis is inferred, not demanded)."""
    imported = import_argdown("[A]: a\n  + [B]: b\n\n[C]: c\n  + [D]: d\n  + [E]: e")
    assert imported.map.thesis is not None and imported.map.thesis.id == "C"
    assert [n.code for n in imported.notices if n.code == "thesis-inferred"] == ["thesis-inferred"]
    assert import_argdown("[A]: a\n  + [B]: b\n\n[C]: c\n  + [D]: d", thesis="A").map.thesis.id == "A"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no statement or argument"),
        ("// only a comment", "no statement or argument"),
        ('[A]: a {"argmap": 1, "id": "A"}', "malformed argmap data block"),
    ],
    ids=["empty", "comment-only", "bad-own-data"],
)
def test_import_errors(text: str, message: str) -> None:
    """What cannot be imported at all is a LoadError with a clear message."""
    with pytest.raises(LoadError, match=message):
        import_argdown(text)


def test_comments_do_not_split_relation_trees() -> None:
    """A comment inside a relation tree is skipped, not taken for an empty line."""
    text = "[A]: a\n  + [B]: b\n  <!--\n  note\n  -->\n  - [C]: c\n"
    amap = from_argdown(text)
    assert [(e.source, e.target) for e in amap.edges] == [("B", "A"), ("C", "A")]


# --- the real files in ../shared/external/argdown ------------------------------------------------

EXTERNAL = [
    ("Populism-Core-Argument-Argdown-Example", None, "Power"),
    ("argdown-primer", "Statement 1", "Statement 1"),
    ("greenspan-schefczyk_hardwrap", None, "Against Preemption"),
    ("legalisation-softdrugs", None, "Legalisation of Soft Drugs"),
    ("semmelweis_betz", "Washing Helps", "Washing Helps"),
    ("state-censorship", None, "Censorship"),
]


@pytest.mark.parametrize(("name", "thesis", "expected"), EXTERNAL, ids=[e[0] for e in EXTERNAL])
def test_real_argdown_files_import_and_validate(
    shared: Path, tmp_path: Path, name: str, thesis: str | None, expected: str
) -> None:
    """Every Argdown example imports without --thesis (inferring it where ambiguous, with a
    notice), takes --thesis where given, and the YAML validates."""
    path = shared / "external" / "argdown" / f"{name}.argdown"
    if thesis is not None:
        inferred = import_argdown_file(path)
        assert inferred.map.thesis is not None
        assert "thesis-inferred" in {n.code for n in inferred.notices}
    imported = import_argdown_file(path, thesis=thesis)
    assert imported.map.thesis is not None
    assert imported.map.thesis.id == expected
    write_imported(imported, tmp_path / f"{name}.yaml")
    errors = [
        p for p in argmap.check(tmp_path / f"{name}.yaml") if p.severity is argmap.Severity.ERROR
    ]
    assert errors == []


def test_real_censorship_map_has_the_debate(shared: Path) -> None:
    """state-censorship.argdown gives the debate's statements, arguments and relations."""
    amap = read_argdown(shared / "external" / "argdown" / "state-censorship.argdown")
    assert amap.source.title == "Censorship from the State"
    assert amap.source.author == "Gregor Betz"
    assert len(amap.nodes) == 28 + 7  # Argdown's model: 28 statements, 7 arguments
    assert ("Argument from racial hatred", "Censorship", Relation.SUPPORTS) in [
        (e.source, e.target, e.relation) for e in amap.edges
    ]


# --- Argdown as Argdown reads it (tests/data/argdown; tests/test_argdown_model.py compares
# the same files with @argdown/core's own model where Node is installed) ------------------------

FIXTURES = HERE / "data" / "argdown"


def edges_of(name: str, thesis: str | None = None) -> tuple[argmap.ArgumentMap, list[tuple[str, str, str]]]:
    imported = import_argdown_file(FIXTURES / f"{name}.argdown", thesis=thesis)
    found = [(e.source, e.target, e.relation.value) for e in imported.map.edges]
    assert len(found) == len(set(found)), "one edge per relation"
    return imported.map, found


def test_a_relation_written_again_is_one_edge() -> None:
    """Written twice, from both sides of a contradiction, or repeated by the conclusion of a
    reconstructed argument: one edge each (../shared/cases/C02)."""
    amap, found = edges_of("repeated-relations", thesis="Rain")
    assert found.count(("Clouds", "Rain", "supports")) == 1
    assert found.count(("Rain", "Picnic", "attacks")) == 1
    assert ("Tea", "Coffee", "attacks") in found
    assert ("Coffee", "Tea", "attacks") not in found  # a contradiction is one edge, noted
    tea = next(e for e in amap.edges if e.source == "Tea")
    assert tea.note is not None and "contradiction" in tea.note
    # `<+ <Space>` under its own conclusion adds nothing to the reconstruction's link
    assert [e for e in found if e[0] == "Space"] == [("Space", "Zoo", "supports")]
    # a relation of a reconstructed argument is one of its conclusion, as in Argdown
    assert ("Faster", "Trade", "supports") in found
    assert ("Bridge", "Trade", "supports") not in found


def test_undercuts_of_inferences_are_kept_as_attacks_with_a_notice() -> None:
    """An undercut under an inference line, under a conclusion or at a reconstructed argument
    attacks the argument, noted, with a notice; no undercut vanishes (../shared/cases/C14)."""
    imported = import_argdown_file(FIXTURES / "undercuts.argdown", thesis="Walk")
    undercuts = {(e.source, e.target): e.note for e in imported.map.edges if e.note and "undercut" in e.note}
    assert set(undercuts) == {
        ("Traffic", "Walk"),
        ("Paper", "Litter"),
        ("Habit", "Roads"),
        ("Buses", "Roads"),
        ("Cheap", "Roads"),
        ("Buses", "Trams"),
        ("Hills", "Roads"),  # Argdown reads `<_` after a reconstruction as an undercut of its inference
    }
    assert all(e.relation is Relation.ATTACKS for e in imported.map.edges if e.note and "undercut" in e.note)
    assert undercuts[("Paper", "Litter")] == "Argdown undercut (<_) of the inference to (3) of <Litter>"
    notices = [n for n in imported.notices if n.code == "argdown-undercut"]
    assert len(notices) == 7
    assert notices[1].line == 12 and "[Paper] undercuts the inference of <Litter>" in notices[1].message


def test_indentation_is_resolved_as_argdowns_lexer_does() -> None:
    """A line indented to a level Argdown has not seen belongs to the level above; a tab is
    one character; comments and continued text do not end a relation tree."""
    amap, found = edges_of("indentation", thesis="A")
    assert set(found) == {
        ("B", "A", "supports"),
        ("C", "B", "attacks"),
        ("D", "A", "supports"),  # six spaces after eight: back to the children of A
        ("G", "F", "supports"),
        ("H", "G", "attacks"),  # two spaces after a tab: deeper
        ("J", "I", "supports"),
        ("K", "I", "attacks"),
        ("K", "L", "supports"),
        ("M", "I", "attacks"),
    }
    assert amap.node("I").label == "A statement whose text goes on in the next line."


def test_front_matter_is_read_as_yaml_1_2() -> None:
    """`010` and `on` keep their text (YAML 1.1 made them 8 and true); Argdown's settings are
    read as Argdown reads them: the text `off` is true to it, `no` as well."""
    amap, found = edges_of("front-matter-yaml12")
    assert (amap.source.title, amap.source.author) == ("010", "on")
    assert ("Faster", "Trade", "supports") in found
    assert ("Bridge", "Trade", "supports") not in found
    amap, found = edges_of("front-matter-explode", thesis="Doubt")
    assert [n.id for n in amap.nodes][:2] == ["Steps - 1", "Steps - 2"]
    assert ("Steps - 1", "C1", "supports") in found and ("C1", "Steps - 2", "supports") in found


def test_strict_mode_relations_are_noted() -> None:
    """Strict mode's entailment and contrariety become supports and attacks, noted; a
    contrariety written from both sides is one edge."""
    amap, found = edges_of("strict-mode", thesis="White")
    notes = {(e.source, e.target): e.note for e in amap.edges}
    assert "entailment" in (notes[("Seen", "White")] or "")
    assert "contrariety" in (notes[("Black", "White")] or "")
    assert "contradiction" in (notes[("Some", "White")] or "")
    assert ("White", "Black", "attacks") not in found


def test_premise_conclusion_structures_as_argdown_models_them() -> None:
    """Premises and intermediary conclusions support the argument, the argument its main
    conclusion; an attack on the argument that repeats one on its premise is one edge."""
    amap, found = edges_of("reconstructions", thesis="Tax")
    assert [e for e in found if "Carbon" in e[:2]] == [
        ("Prices", "Carbon", "supports"),
        ("Untitled 1", "Carbon", "supports"),
        ("Less", "Carbon", "supports"),
        ("Untitled 2", "Carbon", "supports"),
        ("Carbon", "Tax", "supports"),
    ]
    assert ("Inelastic", "Prices", "attacks") in found
    assert ("Untitled 3", "Cleaner", "supports") in found  # an untitled reconstruction
    assert amap.node("Untitled 3").label == "Argument reconstructed at line 22"


def test_markup_is_read_into_labels_notes_and_kinds() -> None:
    """Bold, italic, links, escapes and mentions give plain labels; tags and data go into the
    note (a tag naming a kind sets it); a second formulation is a further quote."""
    amap, _found = edges_of("markup", thesis="Reply")
    claim = amap.node("Claim")
    assert claim.label == "A claim with bold, italic and a link."
    assert claim.kind is Kind.EVIDENCE
    assert [q.text for q in claim.quotes] == [claim.label, "The same claim, said again."]
    support = amap.node("Support")
    assert support.label == "It cites Claim and escapes [brackets] and #hash."
    assert support.note == 'data: {source: "p. 4"}'
    assert amap.node("Objection").note == "Argdown argument <Objection>; tags: two words"


def test_nothing_is_left_out_without_a_counted_notice() -> None:
    """Untitled paragraphs and list items outside any relation, blocks Argdown cannot parse
    and backslashes that escape nothing: each gets a notice that counts and locates them."""
    imported = import_argdown_file(FIXTURES / "lists-and-headings.argdown")
    assert [n.id for n in imported.map.nodes] == ["Wind", "Turbines", "Solar", "Cheap", "Untitled 4"]
    assert imported.map.node("Cheap").section == "Costs"
    shown = [(n.code, n.line, n.message.split(" (")[0]) for n in imported.notices]
    assert shown == [
        ("argdown-prose", 5, "1 untitled paragraph(s) outside any relation left out"),
        ("argdown-list", 8, "2 untitled list item(s) outside any relation left out"),
    ]
    imported = import_argdown_file(FIXTURES / "errors-syntax.argdown", thesis="F")
    assert [n.id for n in imported.map.nodes] == ["A", "C", "D", "F", "G"]
    assert [(n.code, n.line) for n in imported.notices] == [("argdown-orphan", 5), ("argdown-syntax", 9)]
    assert "1 statement or argument title(s) and 1 relation(s)" in imported.notices[1].message
    imported = import_argdown("[A]: a\n  + [B]: b ends in a backslash \\")
    assert [n.code for n in imported.notices] == ["argdown-syntax"]


@pytest.mark.parametrize(("name", "thesis", "expected"), EXTERNAL, ids=[e[0] for e in EXTERNAL])
def test_real_argdown_files_have_one_edge_per_relation(
    shared: Path, name: str, thesis: str | None, expected: str
) -> None:
    """No relation of the real examples becomes two edges (the Populism example made 67
    edges of 60 relations before)."""
    imported = import_argdown_file(shared / "external" / "argdown" / f"{name}.argdown", thesis=expected)
    found = [(e.source, e.target, e.relation) for e in imported.map.edges]
    assert len(found) == len(set(found))


def test_nesting_deeper_than_the_limit_is_left_out_with_a_notice() -> None:
    """A relation tree or bold text nested past argmap's limit leaves its block out, with a
    notice, instead of exhausting the stack."""
    deep = "".join(" " * (2 * k) + f"+ [S{k}]: level {k}\n" for k in range(1, 160))
    imported = import_argdown(f"[Top]: the top\n  - [Other]: fine\n\n[Deep]: deep\n{deep}\n[Bold]: {'*a ' * 500}")
    assert [n.id for n in imported.map.nodes] == ["Top", "Other"]
    assert [n.code for n in imported.notices] == ["argdown-limit", "argdown-limit"]
    assert "159 relation(s)" in imported.notices[0].message
