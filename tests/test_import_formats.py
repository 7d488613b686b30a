"""Imports of research corpora (issue 12): what an import writes always validates, the
thesis is inferred, OVA3/xAIF wrappers, arggraph XML, brat standoff and Kialo exports, each
on our own fixtures and, where ../shared/external holds them, on real corpus files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap import Relation, Severity
from argmap.errors import LoadError
from argmap.formats import (
    import_aif,
    import_aif_file,
    import_arggraph,
    import_arggraph_file,
    import_brat,
    import_brat_file,
    import_kialo,
    import_kialo_file,
    write_imported,
)

DATA = Path(__file__).parent / "data" / "interchange"
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def errors(amap: argmap.ArgumentMap) -> list[argmap.Problem]:
    return [p for p in argmap.validate(amap) if p.severity is Severity.ERROR]


def aif(nodes: list[tuple[Any, str, str]], edges: list[tuple[Any, Any]]) -> dict[str, Any]:
    return {"nodes": [{"nodeID": i, "type": t, "text": x} for i, t, x in nodes],
            "edges": [{"edgeID": k, "fromID": a, "toID": b} for k, (a, b) in enumerate(edges)],
            "locutions": []}


# --- what an import writes validates ------------------------------------------------------------

WORDS = ["exercise keeps people fit", "fit people are happier", "cars pollute", "x", "", "the library",
         "Exercise keeps people fit!", "students study at night"]


@st.composite
def aif_graphs(draw: st.DrawFn) -> dict[str, Any]:
    """Any AIF graph: I-nodes (texts repeated, empty, re-cased), scheme nodes of every type
    joined to I-nodes and to one another at random (loops, self-support, undercuts, schemes
    with no premise), locutions asserting some I-nodes."""
    n_i = draw(st.integers(1, 7))
    n_s = draw(st.integers(0, 7))
    nodes: list[tuple[Any, str, str]] = []
    for k in range(n_i):
        nodes.append((k if draw(st.booleans()) else f"i{k}", "I", draw(st.sampled_from(WORDS))))
    schemes = []
    for k in range(n_s):
        kind = draw(st.sampled_from(["RA", "CA", "MA", "PA", "RA"]))
        text = draw(st.sampled_from(["Default Inference", "Cause To Effect", "Default Rephrase", kind]))
        schemes.append((f"s{k}", kind, text))
    ids = [n[0] for n in nodes]
    edges: list[tuple[Any, Any]] = []
    for sid, _kind, _text in schemes:
        for _ in range(draw(st.integers(0, 3))):
            edges.append((draw(st.sampled_from(ids)), sid))
        for _ in range(draw(st.integers(0, 2))):
            edges.append((sid, draw(st.sampled_from(ids + [s[0] for s in schemes]))))
    for k, target in enumerate(draw(st.lists(st.sampled_from(ids), max_size=3))):
        nodes.append((f"l{k}", "L", f"Speaker : {draw(st.sampled_from(WORDS))}"))
        nodes.append((f"y{k}", "YA", "Asserting"))
        edges.extend([(f"l{k}", f"y{k}"), (f"y{k}", target)])
    return aif(nodes + schemes, edges)


@FAST
@given(aif_graphs(), st.sampled_from([None, "Exercise keeps people fit, and fit people are happier.", "Nothing."]))
def test_any_aif_graph_imports_to_a_valid_map(doc: dict[str, Any], text: str | None) -> None:
    """Whatever AIF graph, with or without a source text: validate finds no error."""
    imported = import_aif(doc, text=text, source_file="s.txt")
    assert errors(imported.map) == []
    if text is not None:
        counts = imported.anchoring
        assert counts is not None
        assert counts.exact + counts.tolerant + counts.implicit == len(imported.map.nodes)


def test_rephrase_loop_is_merged_with_a_notice() -> None:
    """Two I-nodes that rephrase each other become one node keeping both texts (C03)."""
    doc = aif([("1", "I", "Walking daily keeps you healthy"), ("2", "I", "Daily walks keep one healthy"),
               ("3", "MA", "Default Rephrase"), ("4", "MA", "Default Rephrase"),
               ("5", "RA", "Default Inference"), ("6", "I", "Doctors recommend walking")],
              [("1", "3"), ("3", "2"), ("2", "4"), ("4", "1"), ("6", "5"), ("5", "1")])
    imported = import_aif(doc)
    amap = imported.map
    assert [n.id for n in amap.nodes] == ["1", "6"]
    assert [q.text for q in amap.node("1").quotes] == ["Walking daily keeps you healthy",
                                                       "Daily walks keep one healthy"]
    assert [(e.source, e.target) for e in amap.edges] == [("6", "1")]
    assert [p.code for p in imported.notices] == ["import-rephrase-loop"]
    assert "merged into one node '1'" in imported.notices[0].message
    assert errors(amap) == []


def test_self_support_is_left_out_with_a_notice() -> None:
    """An inference whose premise is its own conclusion is dropped, with a notice (C03)."""
    doc = aif([("20", "I", "The pool should open earlier"), ("21", "I", "Swimmers arrive before work"),
               ("22", "RA", "Default Inference"), ("23", "RA", "Default Inference")],
              [("21", "22"), ("22", "20"), ("21", "23"), ("23", "21")])
    imported = import_aif(doc)
    assert [(e.source, e.target) for e in imported.map.edges] == [("21", "20")]
    assert [p.code for p in imported.notices] == ["import-self-loop"]
    assert errors(imported.map) == []


def test_mutual_support_is_broken_at_the_later_edge() -> None:
    """Mutual support: the edge the file lists last is left out, with a notice saying so."""
    doc = aif([("1", "I", "Reading widens the mind"), ("2", "I", "Wide minds read more"),
               ("8", "RA", "RA"), ("9", "RA", "RA")],
              [("1", "8"), ("8", "2"), ("2", "9"), ("9", "1")])
    imported = import_aif(doc)
    assert [(e.source, e.target) for e in imported.map.edges] == [("1", "2")]
    [notice] = imported.notices
    assert notice.code == "import-support-cycle" and "the file lists last" in notice.message
    assert imported.map.thesis.id == "2"  # type: ignore[union-attr]
    assert errors(imported.map) == []


def test_thesis_is_the_root_of_the_largest_argument() -> None:
    """Of two root conclusions, the one more nodes reach is the thesis; --thesis overrides."""
    doc = aif([("1", "I", "Small point"), ("2", "I", "Big point"), ("3", "I", "Reason a"),
               ("4", "I", "Reason b"), ("5", "I", "Reason c"),
               ("r1", "RA", "RA"), ("r2", "RA", "RA"), ("r3", "RA", "RA")],
              [("3", "r1"), ("r1", "1"), ("4", "r2"), ("r2", "2"), ("5", "r3"), ("r3", "4")])
    imported = import_aif(doc)
    assert imported.map.thesis.id == "2"  # type: ignore[union-attr]
    assert "2 of 5 I-nodes reach it" in imported.notices[0].message
    assert import_aif(doc, thesis="1").map.thesis.id == "1"  # type: ignore[union-attr]


# --- AIF with its text ----------------------------------------------------------------------------

def test_aif_nodes_anchor_tolerantly_and_unstated_premises_stay_implicit() -> None:
    """Re-punctuated I-nodes are quoted as the source has them; a reconstruction is implicit."""
    text = "Mr Holt, 59, entered the water voluntarily. It was likely bravado that claimed his life."
    doc = aif([("1", "I", "It was likely bravado that claimed his life"),
               ("2", "I", "Mr Holt 59 entered the water voluntarily"),
               ("3", "I", "Swimmers who enter the water voluntarily accept its risks"),
               ("9", "RA", "RA")], [("2", "9"), ("3", "9"), ("9", "1")])
    imported = import_aif(doc, text=text, source_file="holt.txt")
    amap = imported.map
    assert amap.node("2").label == "Mr Holt 59 entered the water voluntarily"
    assert amap.node("2").quotes[0].text == "Mr Holt, 59, entered the water voluntarily"
    assert amap.node("3").implicit and "reconstruction" in (amap.node("3").note or "")
    assert imported.anchoring == argmap.Anchoring(exact=1, tolerant=1, implicit=1)
    assert errors(amap) == []
    assert argmap.anchor(amap, text) == amap  # every quote found exactly where recorded


def test_aif_locutions_offer_the_spoken_words() -> None:
    """An I-node reworded by the analyst is found through the locution that asserts it."""
    text = "Ann: <span>hillary was secretary of state</span> then"
    doc = aif([("1", "I", "Hillary Clinton was secretary of state"),
               ("2", "L", "Ann : hillary was secretary of state"), ("3", "YA", "Asserting")],
              [("2", "3"), ("3", "1")])
    imported = import_aif(doc, text=text, source_file="t.txt")
    node = imported.map.node("1")
    assert node.label == "Hillary Clinton was secretary of state"
    assert node.quotes[0].text == "hillary was secretary of state"
    assert imported.anchoring == argmap.Anchoring(exact=1)


def test_ova3_wrapper_with_integer_ids_and_its_text(tmp_path: Path) -> None:
    """OVA3/xAIF: graph under "AIF", integer ids, the analysed text used as the source (C01)."""
    doc = {"AIF": {"nodes": [{"nodeID": 0, "text": "Ann : Dogs should be allowed in parks", "type": "L"},
                             {"nodeID": 1, "text": "Ann : they rarely bother anyone", "type": "L"},
                             {"nodeID": 2, "text": "Dogs should be allowed in parks", "type": "I"},
                             {"nodeID": 3, "text": "dogs rarely bother anyone", "type": "I"},
                             {"nodeID": 4, "text": "Default Inference", "type": "RA"},
                             {"nodeID": 5, "text": "Default Illocuting", "type": "YA"},
                             {"nodeID": 6, "text": "Default Illocuting", "type": "YA"}],
                   "edges": [{"edgeID": 0, "fromID": 0, "toID": 5}, {"edgeID": 1, "fromID": 5, "toID": 2},
                             {"edgeID": 2, "fromID": 1, "toID": 6}, {"edgeID": 3, "fromID": 6, "toID": 3},
                             {"edgeID": 4, "fromID": 3, "toID": 4}, {"edgeID": 5, "fromID": 4, "toID": 2}],
                   "locutions": [{"nodeID": 0, "personID": 0}, {"nodeID": 1, "personID": 0}],
                   "participants": [{"participantID": 0, "firstname": "Ann", "surname": "B"}]},
           "OVA": {"nodes": [], "edges": []},
           "text": {"txt": "Ann: Dogs should be allowed in parks; they rarely bother anyone."}}
    path = tmp_path / "analysis.json"
    path.write_text(json.dumps(doc), "utf-8")
    imported = import_aif_file(path)
    amap = imported.map
    assert amap.thesis.id == "2"  # type: ignore[union-attr]
    assert [(e.source, e.target, e.relation) for e in amap.edges] == [("3", "2", Relation.SUPPORTS)]
    assert imported.source_text == doc["text"]["txt"]  # type: ignore[index]
    assert imported.anchoring == argmap.Anchoring(exact=2)
    write_imported(imported, tmp_path / "out.yaml")
    assert argmap.check(tmp_path / "out.yaml") == []


def test_a_text_that_is_not_utf8_is_converted_and_written(tmp_path: Path) -> None:
    """A Windows-1252 source text is read as such, with a notice, and written beside the map."""
    (tmp_path / "t.txt").write_bytes("Prices rose \u2013 sharply.".encode("cp1252"))
    (tmp_path / "a.json").write_text(json.dumps(aif([("1", "I", "Prices rose sharply")], [])), "utf-8")
    imported = import_aif_file(tmp_path / "a.json", text=tmp_path / "t.txt")
    assert imported.notices[0].code == "source-converted"
    assert imported.source_text == "Prices rose \u2013 sharply."
    write_imported(imported, tmp_path / "m.yaml")
    assert argmap.check(tmp_path / "m.yaml") == []


# --- arggraph -------------------------------------------------------------------------------------

ARGGRAPH = DATA / "arggraph" / "night_library.xml"


def test_arggraph_fixture_anchors_exactly_and_keeps_the_undercut() -> None:
    """ADUs quote their EDUs exactly; the undercut attacks the premise of the rebuttal it undercuts."""
    imported = import_arggraph_file(ARGGRAPH, text=ARGGRAPH.with_suffix(".txt"))
    amap = imported.map
    assert imported.anchoring == argmap.Anchoring(exact=4)
    assert amap.thesis.id == "a4"  # type: ignore[union-attr]
    assert [q.text for q in amap.node("a2").quotes] == ["But the money is small",
                                                        "and volunteers would staff the late hours."]
    undercut = next(e for e in amap.edges if e.source == "a2")
    assert (undercut.target, undercut.relation) == ("a1", Relation.ATTACKS)
    assert "undercuts the inference c7" in (undercut.note or "")
    assert {p.code for p in imported.notices} == {"arggraph-undercut", "arggraph-edu"}
    assert errors(amap) == []
    # the topic is the prompt, shared by several texts: kept in the note, not as the title
    assert amap.source.title is None and amap.source.note == "arggraph topic: library_hours"


def test_arggraph_additional_premise_joins_the_edge() -> None:
    """`add` gives the edge it joins a second, linked premise."""
    xml = ('<arggraph id="g"><edu id="e1">A.</edu><edu id="e2">B.</edu><edu id="e3">C.</edu>'
           '<adu id="a1" type="pro"/><adu id="a2" type="pro"/><adu id="a3" type="pro"/>'
           '<edge id="s1" src="e1" trg="a1" type="seg"/><edge id="s2" src="e2" trg="a2" type="seg"/>'
           '<edge id="s3" src="e3" trg="a3" type="seg"/>'
           '<edge id="c1" src="a2" trg="a1" type="sup"/><edge id="c2" src="a3" trg="c1" type="add"/></arggraph>')
    amap = import_arggraph(xml).map
    assert [(e.source, e.target, e.relation) for e in amap.edges] == [
        ("a2", "a1", Relation.SUPPORTS), ("a3", "a1", Relation.SUPPORTS)]
    assert "linked premise" in (amap.edges[1].note or "")


@pytest.mark.parametrize(("xml", "message"), [
    ("<arggraph", "not readable as XML"),
    ("<graph/>", "not an arggraph"),
    ('<!DOCTYPE a [<!ENTITY x "y">]><arggraph id="a"/>', "entity declarations"),
    ('<arggraph id="a"><edu id="e1">A</edu></arggraph>', "no ADU"),
])
def test_arggraph_errors_are_located(xml: str, message: str) -> None:
    with pytest.raises(LoadError, match=message) as info:
        import_arggraph(xml, path="x.xml")
    assert info.value.problems[0].line is not None


def test_microtexts_anchor_exactly_and_validate(shared: Path) -> None:
    """The 20 microtexts (arggraph and AIF) import with their text; arggraph anchors exactly."""
    folder = shared / "external" / "microtexts"
    files = sorted(folder.glob("*.xml"))
    if not files:
        pytest.skip("../shared/external/microtexts is absent")
    for xml in files:
        imported = import_arggraph_file(xml, text=xml.with_suffix(".txt"))
        counts = imported.anchoring
        assert counts is not None and counts.tolerant == counts.implicit == 0, xml.name
        assert errors(imported.map) == [], xml.name
        from_aif = import_aif_file(xml.with_suffix(".aif.json"), text=xml.with_suffix(".txt"))
        assert errors(from_aif.map) == [], xml.name
        assert from_aif.anchoring is not None and from_aif.anchoring.implicit == 0, xml.name


def test_both_encodings_of_a_microtext_give_the_same_argument(shared: Path) -> None:
    """The arggraph XML and the AIF of one microtext annotate the same argument, so their
    imports agree edge for edge (undercuts recorded on the premise in both; on the conclusion,
    9 of 20 AIF imports had a proponent attacking their own thesis)."""
    folder = shared / "external" / "microtexts"
    files = sorted(folder.glob("*.xml"))
    if not files:
        pytest.skip("../shared/external/microtexts is absent")
    for xml in files:
        text = xml.with_suffix(".txt")
        a = import_arggraph_file(xml, text=text).map
        b = import_aif_file(xml.with_suffix(".aif.json"), text=text).map
        d = argmap.diff(a, b, same_text=True)
        assert d.same_text is not None, xml.name
        assert d.same_text.edge_precision == d.same_text.edge_recall == 1.0, xml.name


# --- brat -----------------------------------------------------------------------------------------

ESSAY = DATA / "brat" / "essay01.ann"


def test_brat_essay_anchors_exactly(tmp_path: Path) -> None:
    """Major claims merge into the thesis; stances link claims to it; relations between premises."""
    imported = import_brat_file(ESSAY)
    amap = imported.map
    assert imported.anchoring == argmap.Anchoring(exact=7)
    assert amap.thesis.id == "T1"  # type: ignore[union-attr]
    assert len(amap.thesis.quotes) == 2  # type: ignore[union-attr]
    assert ("T5", "T1", Relation.ATTACKS) in [(e.source, e.target, e.relation) for e in amap.edges]
    assert "A concession answered" in (amap.node("T6").note or "")
    text = ESSAY.with_suffix(".txt").read_text("utf-8")
    assert argmap.anchor(amap, text) == amap
    write_imported(imported, tmp_path / "essay.yaml")
    assert argmap.load(tmp_path / "essay.yaml", anchor=False).source.file.endswith("essay01.txt")


def test_brat_repeated_passage_keeps_its_place() -> None:
    """A passage annotated at its second occurrence is quoted with `occurrence: 2`."""
    text = "Cats are calm. Dogs bark. Cats are calm."
    ann = "T1\tMajorClaim 15 24\tDogs bark\nT2\tPremise 26 39\tCats are calm\nR1\tsupports Arg1:T2 Arg2:T1\n"
    amap = import_brat(ann, text).map
    quote = amap.node("T2").quotes[0]
    assert (quote.occurrence, quote.spans[0].start) == (2, 26)


@pytest.mark.parametrize(("ann", "message"), [
    ("T1\tClaim 0 99\tx\n", "outside the text"),
    ("T1\tClaim 0 4\tDogs\n", "the annotation says"),
    ("Q1 nonsense\n", "not a brat standoff line"),
    ("", "no text-bound annotation"),
])
def test_brat_errors_are_located(ann: str, message: str) -> None:
    with pytest.raises(LoadError, match=message):
        import_brat(ann, "Cats are calm.")


def test_brat_left_out_lines_are_counted() -> None:
    ann = ("T1\tClaim 0 4\tCats\nE1\tEvent:T1\nR1\tcauses Arg1:T1 Arg2:T1\nA1\tStance T1 For\n")
    imported = import_brat(ann, "Cats are calm.")
    assert [p.code for p in imported.notices] == ["brat-unsupported", "brat-relation", "brat-attribute"]


# --- Kialo ----------------------------------------------------------------------------------------

KIALO = DATA / "kialo" / "libraries.txt"


def test_kialo_export_imports_pro_con_and_links(tmp_path: Path) -> None:
    """Pro supports, Con attacks its parent; a link adds an edge; the root is the thesis."""
    imported = import_kialo_file(KIALO)
    amap = imported.map
    assert amap.thesis.id == "1"  # type: ignore[union-attr]
    assert amap.source.title == "Should towns keep their libraries open at night?"
    rels = [(e.source, e.target, e.relation) for e in amap.edges]
    assert ("1.2", "1", Relation.ATTACKS) in rels and ("1.1", "1.2.1", Relation.SUPPORTS) in rels
    assert amap.node("1.1.1.1").label == "Shared flats are noisy, see this survey."
    assert amap.node("1.3").label == "Evening readers include shift workers."
    write_imported(imported, tmp_path / "k.yaml")
    assert argmap.check(tmp_path / "k.yaml") == []


def test_kialo_multi_thesis_and_broken_links() -> None:
    """Several theses under a question: the largest argument wins; a dangling link is a notice."""
    text = ("1. Which pet?\n1.1. Thesis: Cats.\n1.1.1. Pro: Calm.\n1.1.2. Pro: Clean.\n"
            "1.2. Thesis: Dogs.\n1.2.1. Con: -> See 9.9.\n")
    imported = import_kialo(text)
    assert imported.map.thesis.id == "1.1"  # type: ignore[union-attr]
    assert {"kialo-link", "thesis-inferred"} <= {p.code for p in imported.notices}
    assert errors(imported.map) == []
    with pytest.raises(LoadError, match="no Kialo claim"):
        import_kialo("just prose\n")


# --- real corpora ---------------------------------------------------------------------------------

@pytest.mark.parametrize("corpus", ["araucaria", "us-2016"])
def test_aifdb_nodesets_import_with_their_text_and_validate(shared: Path, corpus: str) -> None:
    """Every AIFdb nodeset with a text imports with it, no --thesis, and validates."""
    folder = shared / "external" / "aifdb" / corpus
    files = sorted(folder.glob("*.json"))
    if not files:
        pytest.skip(f"../shared/external/aifdb/{corpus} is absent")
    for path in files:
        text = path.with_suffix(".txt")
        imported = import_aif_file(path, text=text if text.exists() else None)
        assert errors(imported.map) == [], path.name
        assert imported.map.thesis is not None
        if text.exists():
            assert imported.anchoring is not None
            assert all(n.quotes or n.implicit for n in imported.map.nodes)


def test_mutual_support_in_argdown_is_repaired() -> None:
    """Argdown imports go through the same repair: a cycle of supports is broken (C03)."""
    text = "[Fit]: Regular swimming keeps people fit.\n  + [Mood]: Fit people sleep better.\n\n[Mood]\n  + [Fit]\n"
    imported = argmap.formats.import_argdown(text, thesis="Fit")
    assert errors(imported.map) == []
    assert "import-support-cycle" in [p.code for p in imported.notices]


def test_argdown_thesis_is_chosen_after_the_repair() -> None:
    """The cycle is broken before the thesis is inferred, so the root of what remains is the
    thesis and no notice claims the graph holds only cycles."""
    text = "[Fit]: Regular swimming keeps people fit.\n  + [Mood]: Fit people sleep better.\n\n[Mood]\n  + [Fit]\n"
    imported = argmap.formats.import_argdown(text)
    assert imported.map.thesis is not None and imported.map.thesis.id == "Fit"
    codes = [p.code for p in imported.notices]
    assert codes.count("import-support-cycle") == 1
    assert not any("only cycles" in p.message for p in imported.notices)


def test_a_quote_not_found_beside_others_is_counted() -> None:
    """A merged node keeps the quotes that are found; the one left out gets a notice."""
    doc = aif([("1", "I", "Walking daily keeps you healthy"), ("2", "I", "Completely different words here"),
               ("3", "MA", "Default Rephrase"), ("4", "MA", "Default Rephrase")],
              [("1", "3"), ("3", "2"), ("2", "4"), ("4", "1")])
    imported = import_aif(doc, text="Walking daily keeps you healthy, they say.", source_file="t.txt")
    assert [q.text for q in imported.map.node("1").quotes] == ["Walking daily keeps you healthy"]
    assert "import-quote-left-out" in [p.code for p in imported.notices]
    assert errors(imported.map) == []


@st.composite
def brat_documents(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """A text of repeated words and annotated passages of whole words in it."""
    words = draw(st.lists(st.sampled_from(["cats", "are", "calm", "dogs", "bark", "Cats", "rain"]), min_size=3,
                          max_size=30))
    text = " ".join(w + draw(st.sampled_from(["", ",", "."])) for w in words)
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == " "]
    picked = sorted(draw(st.sets(st.sampled_from(starts), min_size=1, max_size=min(6, len(starts)))))
    spans = []
    for k, a in enumerate(picked):
        limit = picked[k + 1] - 1 if k + 1 < len(picked) else len(text)
        end = text.find(" ", a)
        end = limit if end < 0 or end > limit else end
        end = draw(st.sampled_from([e for e in range(end, limit + 1) if e == limit or text[e] == " "]))
        while end > a and not text[end - 1].isalnum():
            end -= 1
        spans.append((a, end))
    return text, spans


@FAST
@given(brat_documents())
def test_brat_quotes_anchor_exactly_at_their_offsets(doc: tuple[str, list[tuple[int, int]]]) -> None:
    """Whatever passages are annotated, however often their words recur, each quote is found
    exactly at its offsets (its occurrence chosen), and the map validates."""
    text, spans = doc
    ann = "".join(f"T{k + 1}\t{'MajorClaim' if k == 0 else 'Premise'} {a} {b}\t{text[a:b]}\n"
                  for k, (a, b) in enumerate(spans))
    ann += "".join(f"R{k}\tsupports Arg1:T{k + 1} Arg2:T1\n" for k in range(1, len(spans)))
    imported = import_brat(ann, text)
    amap = imported.map
    for k, (a, b) in enumerate(spans):
        quote = amap.node(f"T{k + 1}").quotes[0]
        assert (quote.spans[0].start, quote.spans[-1].end) == (a, b)
    assert argmap.anchor(amap, text) == amap
    assert imported.anchoring == argmap.Anchoring(exact=len(spans))
    assert errors(amap) == []


def test_a_text_that_matches_nothing_is_questioned() -> None:
    """Given the wrong text, every statement becomes implicit: the import says so and asks
    whether the text is the right one, instead of only counting."""
    doc = aif([("1", "I", "Walking daily keeps you healthy"), ("2", "I", "Doctors recommend it"),
               ("3", "RA", "Default Inference")], [("2", "3"), ("3", "1")])
    imported = import_aif(doc, text="A completely unrelated story about ships and harbours.", source_file="t.txt")
    assert imported.anchoring is not None and imported.anchoring.exact + imported.anchoring.tolerant == 0
    (notice,) = [p for p in imported.notices if p.code == "import-text-unmatched"]
    assert "--text" in (notice.hint or "")
    right = import_aif(doc, text="Doctors recommend it. Walking daily keeps you healthy.", source_file="t.txt")
    assert "import-text-unmatched" not in [p.code for p in right.notices]


def test_a_statement_inside_another_is_anchored_in_its_own_paragraph(tmp_path: Path) -> None:
    """In a generated source text, a statement whose words also occur inside an earlier
    statement names its own paragraph with `occurrence`, so validate neither warns that it is
    ambiguous nor anchors it in the other statement."""
    doc = "[Long]: Cats are calm animals, most of the time.\n  + [Short]: Cats are calm animals\n"
    imported = argmap.formats.import_argdown(doc)
    write_imported(imported, tmp_path / "m.yaml")
    amap = argmap.load(tmp_path / "m.yaml")
    short = amap.node("Short").quotes[0]
    assert short.occurrence == 2
    source = (tmp_path / "m.source.txt").read_text("utf-8")
    assert source[short.spans[0].start:short.spans[-1].end] == "Cats are calm animals"
    assert source.rfind("\n\n", 0, short.spans[0].start) > 0  # not in the first paragraph
    assert argmap.check(tmp_path / "m.yaml") == []
