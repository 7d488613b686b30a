"""Comparing authors: projection, two-author diffs, N-author comparisons, same-text alignment.

The hand-made maps in tests/fixtures/compare/ are built so that the right answer is known:
alpha and beta agree on the US alliance (-), conflict on the India factor (- vs +) and on
whether relations are improving, partly agree on the rationality of alignment (denies vs
qualifies); alpha links the elite outlook to the US alliance, two concepts beta uses without
linking them; only beta invokes China. gamma both affirms and denies that relations are
improving and reaches the outcome from the US alliance by a + and a - path (mixed views).
alpha-student encodes alpha's own source text, as a student would.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import (
    AuthorStance,
    CausalLink,
    ConceptRow,
    ConceptUse,
    LinkRow,
    LinkSign,
    Status,
    compare,
    compare_same_text,
    diff,
    metrics,
    project,
    same_source,
)
from argmap.concepts import Concept, ConceptKind, Vocabulary
from argmap.errors import MetricError
from argmap.model import ArgumentMap, Edge, Node, Quote, Sign, Source, Stance
from argmap.projection import display_name

FIXTURES = Path(__file__).parent / "fixtures" / "compare"
MAPS = FIXTURES / "maps"
SEED_MAPS = Path(__file__).resolve().parent.parent / "maps"


@pytest.fixture(scope="module")
def maps() -> dict[str, ArgumentMap]:
    """The four hand-made maps, loaded and anchored."""
    return {name: argmap.load(MAPS / f"{name}.yaml") for name in ("alpha", "beta", "gamma", "alpha-student")}


def _node(nid: str, concept: str | None = None, stance: str | None = None, kind: str = "factor") -> Node:
    return Node(nid, kind, f"label {nid}", Quote(f"quote {nid}"), concept=concept, stance=stance)


def _causes(a: str, b: str, sign: str) -> Edge:
    return Edge(a, b, "causes", sign=sign)


def _map(nodes: list[Node], edges: list[Edge], sid: str = "s") -> ArgumentMap:
    return ArgumentMap(Source(sid, "s.txt"), nodes, edges)


# --- projection ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signs", "expected"),
    [
        pytest.param(["+", "+", "+"], Sign.HELPS, id="all-helps"),
        pytest.param(["+", "-", "+"], Sign.HINDERS, id="one-hinders"),
        pytest.param(["-", "-", "+"], Sign.HELPS, id="two-hinder"),
        pytest.param(["-", "-", "-"], Sign.HINDERS, id="three-hinder"),
    ],
)
def test_chain_through_concept_less_nodes_is_contracted(signs: list[str], expected: Sign) -> None:
    """A chain x -> m1 -> m2 -> y through nodes without a concept is one link, sign = product."""
    amap = _map([_node("x", "cx"), _node("m1"), _node("m2"), _node("y", "cy")],
                [_causes("x", "m1", signs[0]), _causes("m1", "m2", signs[1]), _causes("m2", "y", signs[2])])
    p = project(amap)
    assert [(k.cause, k.effect) for k in p.links] == [("cx", "cy")]
    link = p.links[0]
    assert link.paths[0].nodes == ("x", "m1", "m2", "y")
    assert link.paths[0].sign is expected
    assert [q.text for q in link.paths[0].quotes] == ["quote x", "quote m1", "quote m2"]


def test_chain_stops_at_the_first_node_with_a_concept() -> None:
    """x -> y -> z with concepts on all three gives x->y and y->z, never x->z."""
    amap = _map([_node("x", "cx"), _node("y", "cy"), _node("z", "cz")],
                [_causes("x", "y", "+"), _causes("y", "z", "-")])
    assert {(k.cause, k.effect) for k in project(amap).links} == {("cx", "cy"), ("cy", "cz")}


def test_links_from_a_concept_to_itself_are_dropped() -> None:
    """Two nodes of one concept joined by a chain make no link."""
    amap = _map([_node("x1", "cx"), _node("m"), _node("x2", "cx")],
                [_causes("x1", "m", "+"), _causes("m", "x2", "+")])
    assert project(amap).links == ()


@pytest.mark.parametrize("back", ["+", "-"], ids=["negative-loop", "positive-loop"])
def test_loops_among_concept_less_nodes_are_not_walked_around(back: str) -> None:
    """A loop m1 <-> m2 ends the search, and going round it never flips the link's sign."""
    amap = _map([_node("x", "cx"), _node("m1"), _node("m2"), _node("y", "cy")],
                [_causes("x", "m1", "+"), _causes("m1", "m2", "-"), _causes("m2", "m1", back),
                 _causes("m2", "y", "+")])
    link = project(amap).link("cx", "cy")
    assert link is not None
    assert [(p.nodes, p.sign) for p in link.paths] == [(("x", "m1", "m2", "y"), Sign.HINDERS)]


def test_edges_without_sign_or_with_unknown_ends_are_skipped() -> None:
    """Broken edges (which validate reports) do not crash the projection."""
    amap = _map([_node("x", "cx"), _node("y", "cy")],
                [Edge("x", "y", "causes"), _causes("x", "ghost", "+"), Edge("x", "y", "supports")])
    assert project(amap).links == ()


def test_mixed_views_are_kept_not_resolved() -> None:
    """Two stances on one proposition, or both signs on one link: mixed, with every quote."""
    amap = _map([_node("p1", "prop", "affirms", "claim"), _node("p2", "prop", "denies", "claim"),
                 _node("x", "cx"), _node("m"), _node("y", "cy")],
                [_causes("x", "y", "-"), _causes("x", "m", "+"), _causes("m", "y", "+")])
    p = project(amap)
    use = p.concept("prop")
    assert use is not None
    assert use.stance is AuthorStance.MIXED
    assert use.stances == {Stance.AFFIRMS, Stance.DENIES}
    assert [q.text for q in use.quotes] == ["quote p1", "quote p2"]
    link = p.link("cx", "cy")
    assert link is not None
    assert link.sign is LinkSign.MIXED
    assert link.strength == 0.0
    assert {path.sign for path in link.paths} == {Sign.HELPS, Sign.HINDERS}


def test_projection_of_a_fixture(maps: dict[str, ArgumentMap]) -> None:
    """alpha: stances, kinds from the vocabulary, links, and the concepts of its causal map."""
    vocabulary = argmap.load_vocabulary(MAPS / "concepts.yaml")
    p = project(maps["alpha"], vocabulary)
    assert p.key == "alpha"
    assert p.name == "Ann Alpha"
    stances = {u.concept: u.stance for u in p.concepts}
    assert stances == {
        "relations": AuthorStance.MENTIONS, "us-alliance": AuthorStance.MENTIONS,
        "india-factor": AuthorStance.MENTIONS, "elite-outlook": AuthorStance.MENTIONS,
        "relations-improving": AuthorStance.AFFIRMS, "alignment-was-rational": AuthorStance.DENIES,
    }
    assert {(k.cause, k.effect, k.sign) for k in p.links} == {
        ("us-alliance", "relations", LinkSign.HINDERS),
        ("india-factor", "relations", LinkSign.HINDERS),
        ("elite-outlook", "us-alliance", LinkSign.HELPS),
    }
    assert p.causal_concepts == {"relations", "us-alliance", "india-factor", "elite-outlook"}
    assert p.kinds["relations-improving"] is ConceptKind.PROPOSITION


def test_kinds_are_inferred_without_a_vocabulary() -> None:
    """Without a vocabulary: a stance makes a proposition, an outcome node an outcome."""
    amap = _map([_node("p", "prop", "affirms", "claim"), _node("o", "out", kind="outcome"), _node("f", "fac")], [])
    assert project(amap).kinds == {"prop": ConceptKind.PROPOSITION, "out": ConceptKind.OUTCOME,
                                   "fac": ConceptKind.FACTOR}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(Source("s", "f.txt", title="T", author="A. Author"), "A. Author", id="author"),
        pytest.param(Source("s", "f.txt", title="T"), "T", id="title"),
        pytest.param(Source("s", "f.txt"), "s", id="id"),
    ],
)
def test_display_name(source: Source, expected: str) -> None:
    """Authors are named by author, else title, else source id."""
    assert display_name(source) == expected


# --- diff --------------------------------------------------------------------------------------


def test_diff_of_two_authors_by_construction(maps: dict[str, ArgumentMap]) -> None:
    """alpha vs beta: every concept's and link's status is the one built into the fixtures."""
    d = diff(maps["alpha"], maps["beta"])
    assert {c.concept: c.status for c in d.concepts} == {
        "relations": Status.AGREE, "us-alliance": Status.AGREE, "india-factor": Status.AGREE,
        "elite-outlook": Status.AGREE, "china-factor": Status.ONLY_B,
        "relations-improving": Status.CONFLICT, "alignment-was-rational": Status.PARTIAL,
    }
    assert {(k.cause, k.effect): (k.status, k.divergent) for k in d.links} == {
        ("us-alliance", "relations"): (Status.AGREE, False),
        ("india-factor", "relations"): (Status.CONFLICT, True),
        ("elite-outlook", "us-alliance"): (Status.ONLY_A, True),  # beta uses both, links neither way
        ("china-factor", "relations"): (Status.ONLY_B, False),  # alpha never invokes China
    }
    assert d.shared == ("relations", "us-alliance", "india-factor", "elite-outlook",
                        "relations-improving", "alignment-was-rational")
    assert d.only_a == ()
    assert d.only_b == ("china-factor",)
    divergent = [getattr(i, "concept", None) or (i.cause, i.effect) for i in d.divergences]  # type: ignore[union-attr]
    assert divergent == ["relations-improving", ("india-factor", "relations"), ("elite-outlook", "us-alliance")]
    assert len(d.agreements) == 5
    assert len(d.partial) == 1
    assert d.same_text is None


def test_diff_metrics_by_hand(maps: dict[str, ArgumentMap]) -> None:
    """alpha vs beta: Jaccard 6/7; distance ratio 4/32; congruence 4; conflict 1."""
    d = diff(maps["alpha"], maps["beta"])
    assert d.jaccard == pytest.approx(6 / 7)
    # causal concepts: alpha 4, beta 5 (+ china): pc 4, pa 0, pb 1 -> denominator 32;
    # numerator: india |-1 - 1| = 2, elite->us 1, china->relations 1 -> 4
    assert d.distance_ratio == pytest.approx(4 / 32)
    assert d.congruence == 4.0  # the four factors/outcome both mention
    assert d.conflict == 1.0  # relations-improving


def test_diff_quotes_side_by_side(maps: dict[str, ArgumentMap]) -> None:
    """A divergence carries both authors' nodes and verbatim quotes."""
    d = diff(maps["alpha"], maps["beta"])
    item = d.concept("relations-improving")
    assert item is not None and item.a is not None and item.b is not None
    assert [q.text for q in item.a.quotes] == ["Today, however, relations are improving quickly."]
    assert [q.text for q in item.b.quotes] == ["Nothing suggests that relations are improving."]
    link = d.link("india-factor", "relations")
    assert link is not None and link.a is not None and link.b is not None
    assert link.a.paths[0].labels == ("Rivalry with India", "Distant relations")


def test_mixed_view_against_one_side_is_partial(maps: dict[str, ArgumentMap]) -> None:
    """gamma's mixed views are partial against alpha's one side, never a conflict or an agreement."""
    d = diff(maps["alpha"], maps["gamma"])
    concept = d.concept("relations-improving")
    link = d.link("us-alliance", "relations")
    assert concept is not None and concept.status is Status.PARTIAL
    assert link is not None and link.status is Status.PARTIAL and not link.divergent


def test_diff_finds_the_vocabulary_beside_the_maps(maps: dict[str, ArgumentMap]) -> None:
    """Labels and kinds come from concepts.yaml beside the maps."""
    d = diff(maps["alpha"], maps["beta"])
    china = d.concept("china-factor")
    assert china is not None and china.label == "China" and china.kind is ConceptKind.FACTOR


def test_diff_names_tell_the_same_author_apart(maps: dict[str, ArgumentMap]) -> None:
    """Two maps of one source get their file names in the display names."""
    d = diff(maps["alpha-student"], maps["alpha"])
    assert d.names == ("Ann Alpha (alpha-student.yaml)", "Ann Alpha (alpha.yaml)")


# --- hypothesis: properties of diffs over generated maps ------------------------------------------

CONCEPTS = {"f1": "factor", "f2": "factor", "f3": "factor", "out": "outcome", "p1": "proposition",
            "p2": "proposition"}
VOCABULARY = Vocabulary([Concept(cid, kind, cid.upper()) for cid, kind in CONCEPTS.items()])


@st.composite
def generated_maps(draw: st.DrawFn, sid: str = "s") -> ArgumentMap:
    """Random maps over a six-concept vocabulary: nodes with or without concepts (and stances
    on propositions), random signed causal edges, possibly cycles and parallel edges."""
    n = draw(st.integers(1, 9))
    nodes = []
    for i in range(n):
        concept = draw(st.sampled_from([None, *CONCEPTS]))
        stance = draw(st.sampled_from(list(Stance))) if concept and CONCEPTS[concept] == "proposition" else None
        nodes.append(_node(f"n{i}", concept, stance))
    edges = draw(st.lists(
        st.builds(lambda a, b, s: _causes(f"n{a}", f"n{b}", s),
                  st.integers(0, n - 1), st.integers(0, n - 1), st.sampled_from(["+", "-"])),
        max_size=14).map(lambda es: [e for e in es if e.source != e.target]))
    return _map(nodes, edges, sid)


@settings(max_examples=150, deadline=None)
@given(generated_maps())
def test_diff_with_itself_has_no_divergences(a: ArgumentMap) -> None:
    """diff(a, a): everything agrees, no divergence, Jaccard 1, distance ratio 0."""
    d = diff(a, a, vocabulary=VOCABULARY, same_text=False)
    assert d.divergences == ()
    assert d.partial == ()
    assert all(c.status is Status.AGREE for c in d.concepts)
    assert all(k.status is Status.AGREE for k in d.links)
    assert d.jaccard == 1.0
    assert d.distance_ratio == 0.0
    # as in DNA, an author who both affirms and denies a concept conflicts even with themselves
    torn = [u for u in d.a.concepts if {Stance.AFFIRMS, Stance.DENIES} <= u.stances]
    assert d.conflict == 2 * len(torn)


@settings(max_examples=150, deadline=None)
@given(generated_maps("a"), generated_maps("b"))
def test_diff_is_symmetric_up_to_swapping(a: ArgumentMap, b: ArgumentMap) -> None:
    """diff(b, a) is diff(a, b) with the authors exchanged; the metrics are symmetric."""
    ab = diff(a, b, vocabulary=VOCABULARY, same_text=False)
    ba = diff(b, a, vocabulary=VOCABULARY, same_text=False)
    assert ba == ab.swapped()
    assert ab.swapped().swapped() == ab
    assert 0.0 <= ab.distance_ratio <= 1.0
    assert 0.0 <= ab.jaccard <= 1.0


@settings(max_examples=60, deadline=None)
@given(st.lists(generated_maps(), min_size=1, max_size=5))
def test_comparison_matrices_equal_the_metric_functions(group: list[ArgumentMap]) -> None:
    """The fast author x author matrices give exactly what argmap.metrics gives for each pair."""
    group = [_map(list(m.nodes), list(m.edges), f"s{i}") for i, m in enumerate(group)]
    c = compare(group, vocabulary=VOCABULARY)
    ps = c.projections
    for normalization in ("none", "average", "jaccard"):
        cong = c.matrix("congruence", normalization=normalization)
        conf = c.matrix("conflict", normalization=normalization)
        for a in ps:
            for b in ps:
                qa, qb = a.qualifiers(), b.qualifiers()
                assert cong[a.key, b.key] == pytest.approx(
                    metrics.congruence(qa, qb, normalization=normalization))  # type: ignore[arg-type]
                assert conf[a.key, b.key] == pytest.approx(metrics.conflict(
                    qa, qb, normalization=normalization, opposites={("affirms", "denies")}))  # type: ignore[arg-type]
    jac, dr = c.matrix("jaccard"), c.matrix("distance_ratio")
    for a in ps:
        for b in ps:
            assert jac[a.key, b.key] == pytest.approx(metrics.jaccard(a.concept_ids, b.concept_ids))
            assert dr[a.key, b.key] == pytest.approx(metrics.distance_ratio(
                a.arcs(), b.arcs(), concepts_a=a.causal_concepts, concepts_b=b.causal_concepts))
    for d in c.pairs():
        assert d.distance_ratio == pytest.approx(dr[d.a.key, d.b.key])
        assert d.congruence == cong_none(c, d.a.key, d.b.key)


def cong_none(c: argmap.Comparison, a: str, b: str) -> float:
    """The raw congruence from the comparison's matrix."""
    return c.matrix("congruence")[a, b]


# --- N authors -----------------------------------------------------------------------------------


def _subject(x: ConceptRow | LinkRow) -> str | tuple[str, str]:
    return x.concept if isinstance(x, ConceptRow) else (x.cause, x.effect)


def test_compare_three_authors(maps: dict[str, ArgumentMap]) -> None:
    """alpha, beta, gamma: the matrix, consensus, controversies and mixed views built in."""
    c = compare([maps["alpha"], maps["beta"], maps["gamma"]])
    assert c.keys == ("alpha", "beta", "gamma")
    row = next(r for r in c.concepts if r.concept == "relations-improving")
    assert {k: u.stance for k, u in row.by_source.items()} == {
        "alpha": AuthorStance.AFFIRMS, "beta": AuthorStance.DENIES, "gamma": AuthorStance.MIXED}
    china = next(r for r in c.concepts if r.concept == "china-factor")
    assert list(china.by_source) == ["beta"]  # silent authors have no key
    # co-mention is a shared concept, never a consensus (issue 11: the consensus list used to
    # hold the factors every author merely invokes, and denies against qualifies)
    assert [_subject(x.subject) for x in c.shared_concepts] == [
        "relations", "us-alliance", "india-factor", "elite-outlook"]
    assert c.consensus == ()
    partial = {_subject(x.subject): dict(x.sides) for x in c.partial_agreements}
    assert partial == {
        "alignment-was-rational": {"denies": ("alpha",), "qualifies": ("beta",)},
        # all three assert us-alliance -> relations, but gamma with both signs: a partial
        # agreement, not a consensus nor a controversy, and a mixed view of gamma's own
        ("us-alliance", "relations"): {"+": ("gamma",), "-": ("alpha", "beta", "gamma")},
    }
    controversies = {_subject(x.subject): dict(x.sides) for x in c.controversies}
    assert controversies == {
        "relations-improving": {"affirms": ("alpha", "gamma"), "denies": ("beta", "gamma")},
        ("india-factor", "relations"): {"+": ("beta",), "-": ("alpha",)},
    }
    assert [(t.source, type(t.subject)) for t in c.tensions] == [("gamma", ConceptUse), ("gamma", CausalLink)]
    assert c.changes == ()
    two = compare([maps["alpha"], maps["beta"]])
    assert [(_subject(x.subject), x.sources) for x in two.consensus] == [
        (("us-alliance", "relations"), ("alpha", "beta"))]


def test_consensus_threshold(maps: dict[str, ArgumentMap]) -> None:
    """min_authors=3 keeps only what all three invoke without opposing one another."""
    c = compare([maps["alpha"], maps["beta"], maps["gamma"]], min_authors=3)
    assert [_subject(x.subject) for x in c.shared_concepts] == ["relations", "us-alliance"]
    assert [_subject(x.subject) for x in c.partial_agreements] == [("us-alliance", "relations")]
    one = compare([maps["alpha"], maps["beta"], maps["gamma"]], min_authors=1)
    assert "relations-improving" not in [_subject(x.subject) for x in one.consensus]
    assert ("elite-outlook", "us-alliance") in [_subject(x.subject) for x in one.consensus]
    with pytest.raises(MetricError):
        compare([maps["alpha"]], min_authors=0)


def test_same_source_maps_get_distinct_keys(maps: dict[str, ArgumentMap]) -> None:
    """Two maps of one source are keyed id/map-stem, so that nothing collides."""
    c = compare([maps["alpha"], maps["alpha-student"], maps["beta"]])
    assert c.keys == ("alpha/alpha", "alpha/alpha-student", "beta")


def test_matrix_and_pairs(maps: dict[str, ArgumentMap]) -> None:
    """The matrix is symmetric with a sensible diagonal, and pairs are diffs built on demand."""
    c = compare([maps["alpha"], maps["beta"], maps["gamma"]])
    m = c.matrix("distance_ratio")
    assert m.keys == c.keys
    assert m["alpha", "beta"] == m["beta", "alpha"] == pytest.approx(4 / 32)
    assert all(m[k, k] == 0.0 for k in c.keys)
    assert c.matrix("jaccard").to_dict()["alpha"]["alpha"] == 1.0
    assert [(d.a.key, d.b.key) for d in c.pairs()] == [("alpha", "beta"), ("alpha", "gamma"), ("beta", "gamma")]
    assert c.pair("beta", "alpha") == c.pair("alpha", "beta").swapped()
    with pytest.raises(MetricError, match="unknown metric"):
        c.matrix("cosine")  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        c.pair("alpha", "nobody")


def test_compare_of_one_map_and_of_none() -> None:
    """One author compares with nobody; no maps give an empty comparison."""
    one = compare([_map([_node("x", "f1")], [])], vocabulary=VOCABULARY)
    assert list(one.pairs()) == [] and one.matrix("jaccard").rows == ((1.0,),)
    empty = compare([], vocabulary=VOCABULARY)
    assert empty.concepts == () and empty.matrix("conflict").rows == ()


# --- same text -----------------------------------------------------------------------------------


def test_same_source_detection(maps: dict[str, ArgumentMap], tmp_path: Path) -> None:
    """The same file, or a copy with the same bytes, is the same source; another text is not."""
    assert same_source(maps["alpha"], maps["alpha-student"])
    assert not same_source(maps["alpha"], maps["beta"])
    (tmp_path / "copy.txt").write_bytes((FIXTURES / "seeds" / "alpha.txt").read_bytes())
    copy = ArgumentMap(Source("alpha", "copy.txt"), maps["alpha"].nodes, path=tmp_path / "m.yaml")
    assert same_source(maps["alpha"], copy)
    assert compare_same_text(copy, maps["alpha"]).how == "identical text"
    missing = ArgumentMap(Source("alpha", "nowhere.txt"), maps["alpha"].nodes, path=tmp_path / "m.yaml")
    assert not same_source(maps["alpha"], missing)


def test_student_against_reference(maps: dict[str, ArgumentMap]) -> None:
    """The student's map is aligned node by node with the reference, by quote offsets."""
    d = diff(maps["alpha-student"], maps["alpha"])
    s = d.same_text
    assert s is not None
    assert s.how == "same file"
    assert [(m.a.id, m.b.id) for m in s.matches] == [("main", "T"), ("ties", "rel"), ("wash", "us"), ("up", "imp")]
    assert [n.id for n in s.missed] == ["camp", "india", "elite", "rat"]
    assert [n.id for n in s.added] == ["head"]
    assert s.node_precision == pytest.approx(4 / 5)
    assert s.node_recall == pytest.approx(4 / 8)
    assert [(x.source, y.source) for x, y in s.matched_edges] == [("ties", "rel")]
    # the student says `up` supports the thesis, the reference that `imp` attacks it
    assert [(x.relation.value, y.relation.value) for x, y in s.relabelled_edges] == [("supports", "attacks")]
    assert [(e.source, e.target) for e in s.added_edges] == [("wash", "ties"), ("head", "main")]
    assert len(s.missed_edges) == 5
    assert s.edge_precision == pytest.approx(1 / 4)
    assert s.edge_recall == pytest.approx(1 / 7)
    assert s.kind_agreement == pytest.approx(3 / 4)  # claim where the reference has a prediction
    assert s.concept_agreement == 1.0
    assert s.concept_kappa == 1.0
    assert s.kind_kappa == pytest.approx(metrics.cohen_kappa(
        ["thesis", "outcome", "factor", "claim"], ["thesis", "outcome", "factor", "prediction"]))
    swapped = s.swapped()
    assert swapped.node_precision == pytest.approx(s.node_recall)
    assert [n.id for n in swapped.missed] == ["head"]


def test_same_text_can_be_skipped_or_forced(maps: dict[str, ArgumentMap]) -> None:
    """same_text=False skips the alignment; min_overlap must be a share."""
    assert diff(maps["alpha-student"], maps["alpha"], same_text=False).same_text is None
    with pytest.raises(MetricError):
        compare_same_text(maps["alpha"], maps["alpha"], min_overlap=0)


def test_same_text_of_identical_maps_is_perfect(maps: dict[str, ArgumentMap]) -> None:
    """A map against itself: every node and edge found, kappa 1."""
    s = compare_same_text(maps["alpha"], maps["alpha"])
    assert (s.node_precision, s.node_recall, s.edge_precision, s.edge_recall) == (1.0, 1.0, 1.0, 1.0)
    assert s.kind_kappa == 1.0
    assert not (s.missed or s.added or s.missed_edges or s.added_edges or s.relabelled_edges)


def test_same_text_anchors_unanchored_quotes(maps: dict[str, ArgumentMap]) -> None:
    """Maps loaded without anchoring are anchored first, with the same result."""
    raw = argmap.load(MAPS / "alpha-student.yaml", anchor=False)
    s = compare_same_text(raw, maps["alpha"])
    assert len(s.matches) == 4
    assert math.isclose(s.node_recall, 0.5)


# --- the seed corpus (skips until the maps exist) ---------------------------------------------------


def test_seed_corpus_compares() -> None:
    """The seed maps compare without error, one author each, every distance ratio in [0, 1]."""
    files = sorted(SEED_MAPS.glob("00*.yaml"))
    if not files:
        pytest.skip("no seed maps in maps/ yet")
    c = compare([argmap.load(f) for f in files])
    assert len(c.keys) == len(files)
    assert c.concepts
    for d in c.pairs():
        assert 0.0 <= d.distance_ratio <= 1.0


def test_maps_without_concepts_are_warned_about() -> None:
    """Maps that link no concept compare as two empty sets (Jaccard 1): the comparison says
    there is nothing to compare instead of looking like perfect agreement; where only some
    maps link none, it names them."""
    def bare(sid: str, concept: str | None = None) -> ArgumentMap:
        return ArgumentMap(Source(sid, f"{sid}.txt"),
                           [Node("T", "thesis", "A thesis", Quote("a thesis"), concept=concept)], [])

    vocabulary = Vocabulary([Concept("p", "proposition", "P")])
    none = argmap.compare([bare("a"), bare("b")], vocabulary=vocabulary)
    assert any("no map links a concept" in w for w in none.warnings)
    some = argmap.compare([bare("a", "p"), bare("b"), bare("c", "p")], vocabulary=vocabulary)
    unlinked = [w for w in some.warnings if "links no concept" in w]
    assert unlinked == ["1 map links no concept and takes part in no finding: b."]
    both = argmap.compare([bare("a", "p"), bare("c", "p")], vocabulary=vocabulary)
    assert not any("no concept" in w for w in both.warnings)
