"""A comparison that tells the truth (issue 11): periods, direction of change, the concept
hierarchy, stance semantics, display names, guarded same-text alignment, metric glosses and
implicit nodes.

Most rules are checked on small maps built in memory, each made so that the right answer is
known. The files in tests/fixtures/periods/ put the rules together: Qadir (1955-1990: bipolarity
hinders; 1991-2013: the end of the Cold War, a fall of bipolarity, helps, so bipolarity hinders
again; Moscow open early: affirms; arms trade, since 2014: affirms), The Pulse (Moscow open
early: denies; the rupture with the West helps since 2014; Afghanistan hinders in 1955-1990
and helps since 2014, a change over time; an implicit premise; arms trade: qualifies, undated)
and Mir (undated: great-power politics and Afghanistan hinder; arms trade: affirms).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import (
    CausalLink,
    ConceptUse,
    DifferentTextError,
    LinkSign,
    Status,
    compare,
    comparison_schema,
    comparison_to_dict,
    comparison_to_markdown,
    comparison_to_text,
    diff,
    diff_schema,
    diff_to_dict,
    diff_to_markdown,
    diff_to_text,
    display_name,
    metrics,
    project,
)
from argmap.cli import main
from argmap.concepts import Concept, Period, Vocabulary
from argmap.errors import MetricError
from argmap.model import ArgumentMap, Edge, Node, Quote, Sign, Source
from argmap.periods import Timeline
from conftest import Golden

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "periods"
MAPS = FIXTURES / "maps"
COMPARE_MAPS = Path(__file__).parent / "fixtures" / "compare" / "maps"

PERIODS = (Period("early", "Early years", 1947, 1954), Period("cold-war", "Cold War", 1955, 1990),
           Period("afghan-war", "Afghan war", 1979, 1989), Period("recent", "Recent years", 2014))
VOCABULARY = Vocabulary([
    Concept("out", "outcome", "Relations"),
    Concept("gpp", "factor", "Great-power politics"),
    Concept("bip", "factor", "Bipolarity", broader="gpp"),
    Concept("rup", "factor", "Rupture with the West", broader="gpp"),
    Concept("f1", "factor", "F1"),
    Concept("p1", "proposition", "P1"),
    Concept("p2", "proposition", "P2", broader="p1"),
], periods=PERIODS)


def _node(nid: str, concept: str | None = None, stance: str | None = None, kind: str = "factor", *,
          period: str | None = None, direction: str | None = None, implicit: bool = False) -> Node:
    quotes = () if implicit else (Quote(f"quote {nid}"),)
    return Node(nid, kind, f"label {nid}", quotes, concept=concept, stance=stance, period=period,
                direction=direction, implicit=implicit, note="reconstructed" if implicit else None)


def _causes(a: str, b: str, sign: str, period: str | None = None) -> Edge:
    return Edge(a, b, "causes", sign=sign, period=period)


def _map(nodes: list[Node], edges: list[Edge] = (), sid: str = "s", **source: str) -> ArgumentMap:  # type: ignore[assignment]
    return ArgumentMap(Source(sid, f"{sid}.txt", **source), nodes, list(edges))


def _fixture(*names: str) -> list[ArgumentMap]:
    return [argmap.load(MAPS / f"{n}.yaml") for n in names]


# --- the timeline ------------------------------------------------------------------------------


def test_periods_meet_where_they_overlap_and_undated_claims_meet_all() -> None:
    """Overlapping periods meet; an undated claim meets every period; an unknown period meets
    every period (nothing says it does not), so a disagreement is never hidden."""
    t = Timeline(VOCABULARY)
    assert t.meet("cold-war", "afghan-war") and t.meet("afghan-war", "cold-war")
    assert not t.meet("early", "cold-war")
    assert t.meet(None, "early") and t.meet("recent", None) and t.meet(None, None)
    assert t.meet("nowhere", "early")
    assert sorted(["recent", None, "afghan-war", "early", "cold-war"], key=t.order) == [
        None, "early", "cold-war", "afghan-war", "recent"]
    assert t.label("recent") == "Recent years (since 2014)" and t.label(None) == "no period stated"
    assert t.short("cold-war") == "1955-1990"


_periods_or_none = st.sampled_from([None, "early", "cold-war", "afghan-war", "recent", "nowhere"])


def _reference_compared(claims: dict[str, list[ConceptUse]], t: Timeline,
                        undated_authors: int) -> list[tuple[str | None, dict[str, ConceptUse], frozenset[Any]]]:
    """periods_compared as its docstring says it, with Timeline.meet and the constructors."""
    dated = sorted({x.period for items in claims.values() for x in items if x.period is not None}, key=t.order)
    undated = sum(1 for items in claims.values() if any(x.period is None for x in items))
    chosen = ([None] if undated and (not dated or undated >= undated_authors) else []) + dated
    out = []
    for period in chosen:
        members = {a: [x for x in items if (x.period is None if period is None else t.meet(x.period, period))]
                   for a, items in claims.items()}
        members = {a: xs for a, xs in members.items() if xs}
        views = {a: ConceptUse(xs[0].concept, tuple(m for x in xs for m in x.mentions), period)
                 for a, xs in members.items()}
        out.append((period, views, frozenset((a, x.period) for a, xs in members.items() for x in xs)))
    return out


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdef"), st.lists(
    st.tuples(_periods_or_none, st.sampled_from([None, "affirms", "denies"])), min_size=1, max_size=3,
    unique_by=lambda x: x[0]), min_size=1), st.integers(1, 3))
def test_periods_compared_pools_the_claims_that_meet_each_period(
        written: dict[str, list[tuple[str | None, str | None]]], undated_authors: int) -> None:
    """Each author's view in each period pools exactly the claims that meet it (unknown periods
    meet all), with the stances, stance and qualifiers of the claims pooled."""
    from argmap.model import Kind, Stance
    from argmap.periods import periods_compared
    from argmap.projection import Mention

    t = Timeline(VOCABULARY)
    claims = {a: [ConceptUse("c", (Mention(f"{a}{i}", Kind.CLAIM, "x", Stance(st_) if st_ else None, ()),), period)
                  for i, (period, st_) in enumerate(items)] for a, items in written.items()}
    got = periods_compared(claims, t, undated_authors=undated_authors)
    want = _reference_compared(claims, t, undated_authors)
    assert [(p, ids) for p, _, ids in got] == [(p, ids) for p, _, ids in want]
    for (_, views, _), (_, expected, _) in zip(got, want, strict=True):
        assert views == expected and list(views) == list(expected)  # the authors in their order
        for a, view in views.items():
            assert (view.period, view.stances, view.stance, view.qualifiers) == (
                expected[a].period, expected[a].stances, expected[a].stance, expected[a].qualifiers)


# --- periods in the projection -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edge_period", "cause_period", "middle_period", "effect_period", "expected"),
    [
        pytest.param("recent", "early", "cold-war", "early", "recent", id="edge-first"),
        pytest.param(None, "early", "cold-war", "recent", "early", id="then-cause"),
        pytest.param(None, None, "cold-war", "recent", "cold-war", id="then-the-chain"),
        pytest.param(None, None, None, "recent", "recent", id="then-effect"),
        pytest.param(None, None, None, None, None, id="undated"),
    ],
)
def test_a_links_period_comes_from_the_edge_then_the_nodes(
        edge_period: str | None, cause_period: str | None, middle_period: str | None,
        effect_period: str | None, expected: str | None) -> None:
    """A chain's period: its first dated edge, else its first dated node from the cause on
    (cause, then the nodes in between), else the effect's, else undated."""
    amap = _map([_node("x", "f1", period=cause_period), _node("m", period=middle_period),
                 _node("y", "out", kind="outcome", period=effect_period)],
                [_causes("x", "m", "+"), _causes("m", "y", "-", edge_period)])
    (link,) = project(amap, VOCABULARY).links
    assert (link.cause, link.effect, link.period, link.sign) == ("f1", "out", expected, LinkSign.HINDERS)
    assert link.paths[0].period == expected


def test_stances_and_links_are_kept_per_period() -> None:
    """One concept in two periods is two uses; the projection finds each by period."""
    amap = _map([_node("a1", "p1", "affirms", "claim", period="early"),
                 _node("a2", "p1", "denies", "claim", period="recent"),
                 _node("x1", "f1", period="early"), _node("x2", "f1", period="recent"),
                 _node("y", "out", kind="outcome")],
                [_causes("x1", "y", "+"), _causes("x2", "y", "-")])
    p = project(amap, VOCABULARY)
    assert [(u.concept, u.period, u.stance.value) for u in p.uses("p1")] == [
        ("p1", "early", "affirms"), ("p1", "recent", "denies")]
    assert p.concept("p1") is None and p.concept("p1", "early") is not None
    link = p.link("f1", "out", "recent")
    assert link is not None and link.sign is LinkSign.HINDERS
    assert [k.period for k in p.links_between("f1", "out")] == ["early", "recent"]
    # the metrics see the map as a whole: both signs pooled give no net direction
    assert p.arcs() == {("f1", "out"): 0.0}
    assert p.qualifiers()["p1"] == {"affirms", "denies"}


# --- direction of change -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cause", "effect", "drawn", "expected"),
    [
        pytest.param(None, None, "+", Sign.HELPS, id="rise-helps"),
        pytest.param("decrease", None, "+", Sign.HINDERS, id="fall-of-cause-helps"),
        pytest.param("decrease", None, "-", Sign.HELPS, id="fall-of-cause-hinders"),
        pytest.param(None, "decrease", "+", Sign.HINDERS, id="helps-a-fall"),
        pytest.param("decrease", "decrease", "+", Sign.HELPS, id="fall-helps-a-fall"),
        pytest.param("increase", None, "-", Sign.HINDERS, id="explicit-increase"),
    ],
)
def test_a_fall_of_a_concept_reverses_the_concept_level_sign(
        cause: str | None, effect: str | None, drawn: str, expected: Sign) -> None:
    """"The end of the Cold War (a fall of bipolarity) helps relations" is "bipolarity hinders
    relations"; a link into a fall reverses too, and two falls cancel."""
    amap = _map([_node("x", "bip", direction=cause), _node("y", "out", kind="outcome", direction=effect)],
                [_causes("x", "y", drawn)])
    (link,) = project(amap, VOCABULARY).links
    path = link.paths[0]
    assert path.sign is expected
    assert path.chain_sign is Sign(drawn)
    assert path.flipped is (expected is not Sign(drawn))


def test_direction_makes_two_encodings_of_one_view_agree() -> None:
    """A map that says the end of bipolarity helps agrees with one that says bipolarity hinders."""
    fall = _map([_node("x", "bip", direction="decrease"), _node("y", "out", kind="outcome")],
                [_causes("x", "y", "+")], sid="fall")
    rise = _map([_node("x", "bip"), _node("y", "out", kind="outcome")], [_causes("x", "y", "-")], sid="rise")
    link = diff(fall, rise, vocabulary=VOCABULARY, same_text=False).link("bip", "out")
    assert link is not None and link.status is Status.AGREE


# --- comparing in periods ------------------------------------------------------------------------


def _two(a_period: str | None, b_period: str | None, a_sign: str = "+", b_sign: str = "-") -> argmap.MapDiff:
    a = _map([_node("x", "f1", period=a_period), _node("y", "out", kind="outcome")], [_causes("x", "y", a_sign)], "a")
    b = _map([_node("x", "f1", period=b_period), _node("y", "out", kind="outcome")], [_causes("x", "y", b_sign)], "b")
    return diff(a, b, vocabulary=VOCABULARY, same_text=False)


@pytest.mark.parametrize(
    ("a_period", "b_period", "expected"),
    [
        pytest.param("cold-war", "cold-war", [("cold-war", Status.CONFLICT)], id="same-period"),
        # compared in both periods with the same claims: reported once
        pytest.param("cold-war", "afghan-war", [("cold-war", Status.CONFLICT)], id="overlapping"),
        pytest.param("early", "recent", [("early", Status.ONLY_A), ("recent", Status.ONLY_B)], id="apart"),
        pytest.param(None, "recent", [("recent", Status.CONFLICT)], id="undated-meets-every-period"),
        pytest.param(None, None, [(None, Status.CONFLICT)], id="both-undated"),
    ],
)
def test_signs_conflict_only_in_overlapping_periods(a_period: str | None, b_period: str | None,
                                                    expected: list[tuple[str | None, Status]]) -> None:
    """+ against - is a conflict only where the claims' periods overlap (an undated claim
    overlaps every period); claims about periods apart are each only one author's."""
    d = _two(a_period, b_period)
    assert [(k.period, k.status) for k in d.links] == expected
    assert bool(d.divergences) is any(s is Status.CONFLICT for _, s in expected)


def test_comparison_controversy_only_between_overlapping_periods() -> None:
    """Three authors on one link: a controversy in the period where + meets -, a consensus
    where they agree, and none between periods apart (the issue's great-power politics)."""
    out = _node("y", "out", kind="outcome")
    cold = _map([_node("x", "gpp", period="cold-war"), out], [_causes("x", "y", "-")], "a")
    now = _map([_node("x", "gpp", period="recent"), out], [_causes("x", "y", "+")], "b")
    c = compare([cold, now], vocabulary=VOCABULARY)
    assert c.controversies == () and c.consensus == ()
    assert [(r.period, dict(r.by_source)) for r in c.links] == [
        ("cold-war", {"a": c.projection("a").link("gpp", "out", "cold-war")}),
        ("recent", {"b": c.projection("b").link("gpp", "out", "recent")})]
    always = _map([_node("x", "gpp"), _node("y", "out", kind="outcome")], [_causes("x", "y", "-")], "c")
    c = compare([cold, now, always], vocabulary=VOCABULARY)
    assert [(x.subject.period, dict(x.sides)) for x in c.controversies] == [("recent", {"+": ("b",), "-": ("c",)})]
    assert [(x.subject.period, x.sources) for x in c.consensus] == [("cold-war", ("a", "c"))]


def test_change_over_time_is_not_a_mixed_view() -> None:
    """One author: - in the Cold War, + since 2014 is a change over time; + and - about
    overlapping periods (an undated claim included) is a mixed view of one period."""
    changing = _map([_node("x1", "f1", period="cold-war"), _node("x2", "f1", period="recent"),
                     _node("y", "out", kind="outcome")], [_causes("x1", "y", "-"), _causes("x2", "y", "+")])
    c = compare([changing], vocabulary=VOCABULARY)
    assert c.tensions == ()
    (change,) = c.changes
    assert change.link == ("f1", "out") and [v.period for v in change.views] == ["cold-war", "recent"]
    assert [v.sign for v in change.views] == [LinkSign.HINDERS, LinkSign.HELPS]  # type: ignore[union-attr]
    torn = _map([_node("x1", "f1", period="cold-war"), _node("x2", "f1", period="afghan-war"),
                 _node("x3", "f1"), _node("y", "out", kind="outcome")],
                [_causes("x1", "y", "-"), _causes("x2", "y", "+"), _causes("x3", "y", "+")])
    c = compare([torn], vocabulary=VOCABULARY)
    assert c.changes == ()
    assert [(t.period, t.subject.sign) for t in c.tensions] == [("cold-war", LinkSign.MIXED)]  # type: ignore[union-attr]
    stances = _map([_node("p", "p1", "affirms", "claim", period="early"),
                    _node("q", "p1", "denies", "claim", period="recent")])
    c = compare([stances], vocabulary=VOCABULARY)
    assert c.tensions == () and [ch.concept for ch in c.changes] == ["p1"]


def test_an_undated_mixed_view_is_one_tension_not_one_per_period() -> None:
    """Both stances in undated nodes, plus a dated one: one tension (undated), not repeated
    for every period the undated nodes meet."""
    amap = _map([_node("a", "p1", "affirms", "claim"), _node("d", "p1", "denies", "claim"),
                 _node("e", "p1", "affirms", "claim", period="recent")])
    c = compare([amap], vocabulary=VOCABULARY)
    assert [(t.period, t.subject.nodes) for t in c.tensions] == [(None, ("a", "d"))]  # type: ignore[union-attr]


# --- stance semantics ----------------------------------------------------------------------------


def _stance_map(sid: str, stance: str | None, concept: str = "p1", kind: str = "claim") -> ArgumentMap:
    return _map([_node(f"n{sid}", concept, stance, kind)], sid=sid)


@pytest.mark.parametrize(
    ("stances", "category"),
    [
        pytest.param(["affirms", "affirms"], "consensus", id="same-stance"),
        pytest.param(["affirms", "qualifies"], "partial", id="affirms-qualifies"),
        pytest.param(["denies", "qualifies"], "partial", id="denies-qualifies"),
        pytest.param(["affirms", "denies"], "controversy", id="opposed"),
        pytest.param(["affirms", "affirms", "qualifies"], "partial", id="one-qualifies"),
        pytest.param([None, None], "shared", id="co-mention"),
        pytest.param(["affirms", None], None, id="one-stance-one-mention"),
    ],
)
def test_agreement_needs_the_same_stance(stances: list[str | None], category: str | None) -> None:
    """Consensus only for identical stances; affirms against qualifies is a partial agreement;
    co-mention is a shared concept, never a consensus."""
    c = compare([_stance_map(f"s{i}", s) for i, s in enumerate(stances)], vocabulary=VOCABULARY)
    found = {"consensus": c.consensus, "partial": c.partial_agreements, "controversy": c.controversies,
             "shared": c.shared_concepts}
    assert {k for k, v in found.items() if v} == ({category} if category else set())


def test_consensus_lists_only_the_authors_who_take_the_stance() -> None:
    """An author who merely mentions a proposition is no part of its consensus."""
    c = compare([_stance_map("a", "affirms"), _stance_map("b", "affirms"), _stance_map("c", None)],
                vocabulary=VOCABULARY)
    (consensus,) = c.consensus
    assert consensus.sources == ("a", "b") and set(consensus.subject.by_source) == {"a", "b"}


def test_the_fixture_corpus(golden: Golden) -> None:
    """The fixture: the early-years controversy with both authors, the arms proposition a
    partial agreement (not consensus), Afghanistan a change over time, co-mention shared."""
    c = compare(_fixture("mir", "pulse", "qadir"))
    assert [(x.subject.concept if hasattr(x.subject, "concept") else (x.subject.cause, x.subject.effect),  # type: ignore[union-attr]
             x.subject.period, dict(x.sides)) for x in c.controversies] == [
        ("moscow-open-early", "early", {"affirms": ("qadir",), "denies": ("pulse",)}),
        (("afghanistan", "relations"), "recent", {"+": ("pulse",), "-": ("mir",)}),
    ]
    assert [(x.subject.concept, x.subject.period, dict(x.sides)) for x in c.partial_agreements] == [  # type: ignore[union-attr]
        ("arms-trade-should-expand", "recent", {"affirms": ("mir", "qadir"), "qualifies": ("pulse",)})]
    assert all(x.subject.concept != "arms-trade-should-expand" for x in c.consensus  # type: ignore[union-attr]
               if isinstance(x.subject, argmap.ConceptRow))
    assert next(x.subject.concept for x in c.shared_concepts) == "relations"
    assert [(ch.source, ch.link) for ch in c.changes] == [("pulse", ("afghanistan", "relations"))]
    assert [p.span for p in c.periods] == ["1947-1954", "1955-1990", "1991-2013", "since 2014"]
    golden.check("periods-compare.txt", comparison_to_text(c, width=100, root=ROOT))
    golden.check("periods-compare.md", comparison_to_markdown(c, root=ROOT))


# --- the concept hierarchy -----------------------------------------------------------------------


def test_rolling_up_merges_fine_concepts_and_never_invents_agreement() -> None:
    """At the broad level bipolarity and the rupture are great-power politics; an author who
    gives them opposite signs in one period holds a mixed view of it, not an agreement."""
    amap = _map([_node("b", "bip", period="recent"), _node("r", "rup", period="recent"),
                 _node("y", "out", kind="outcome")], [_causes("b", "y", "-"), _causes("r", "y", "+")])
    fine = project(amap, VOCABULARY)
    assert {(k.cause, k.sign) for k in fine.links} == {("bip", LinkSign.HINDERS), ("rup", LinkSign.HELPS)}
    broad = project(amap, VOCABULARY, level="broad")
    (link,) = broad.links
    assert (link.cause, link.sign, broad.level) == ("gpp", LinkSign.MIXED, "broad")
    (use,) = broad.uses("gpp")
    assert use.concepts == ("bip", "rup")
    c = compare([amap], vocabulary=VOCABULARY, level="broad")
    assert [type(t.subject) for t in c.tensions] == [CausalLink]


def test_broad_diff_shows_the_shared_top_concept() -> None:
    """Two authors who link different fine concepts under one top concept share it at the
    broad level, and only there."""
    a = _map([_node("b", "bip"), _node("y", "out", kind="outcome")], [_causes("b", "y", "-")], "a")
    b = _map([_node("r", "rup"), _node("y", "out", kind="outcome")], [_causes("r", "y", "-")], "b")
    fine = diff(a, b, vocabulary=VOCABULARY, same_text=False)
    assert "gpp" not in fine.shared and fine.only_a == ("bip",)
    broad = diff(a, b, vocabulary=VOCABULARY, same_text=False, level="broad")
    assert broad.level == "broad" and "gpp" in broad.shared
    link = broad.link("gpp", "out")
    assert link is not None and link.status is Status.AGREE
    # propositions roll up too: affirms p2 (narrower) against denies p1 is a conflict broadly
    x, y = _stance_map("x", "affirms", "p2"), _stance_map("y", "denies", "p1")
    assert diff(x, y, vocabulary=VOCABULARY, same_text=False, level="broad").divergences


def test_unknown_level_is_refused() -> None:
    with pytest.raises(MetricError, match="level"):
        compare([], vocabulary=VOCABULARY, level="coarse")  # type: ignore[arg-type]


TOPS = ("out", "gpp", "f1", "p1")
KINDS = {"out": "outcome", "gpp": "factor", "f1": "factor", "p1": "proposition", "bip": "factor",
         "rup": "factor", "p2": "proposition"}


@st.composite
def dated_maps(draw: st.DrawFn, sid: str = "s", concepts: tuple[str, ...] = tuple(KINDS)) -> ArgumentMap:
    """Random maps with periods (on nodes and edges), falls, implicit nodes, cycles and
    parallel edges, over the test vocabulary."""
    n = draw(st.integers(1, 8))
    periods = st.sampled_from([None, None, *(p.id for p in PERIODS)])
    nodes = []
    for i in range(n):
        concept = draw(st.sampled_from([None, *concepts]))
        stance = (draw(st.sampled_from(["affirms", "denies", "qualifies", None]))
                  if concept and KINDS[concept] == "proposition" else None)
        direction = draw(st.sampled_from([None, "decrease"])) if concept else None
        nodes.append(_node(f"n{i}", concept, stance, period=draw(periods), direction=direction,
                           implicit=draw(st.booleans())))
    edges = draw(st.lists(
        st.builds(lambda a, b, s, p: _causes(f"n{a}", f"n{b}", s, p),
                  st.integers(0, n - 1), st.integers(0, n - 1), st.sampled_from(["+", "-"]), periods),
        max_size=12).map(lambda es: [e for e in es if e.source != e.target]))
    return _map(nodes, edges, sid)


@settings(max_examples=120, deadline=None)
@given(dated_maps(concepts=TOPS))
def test_rolling_up_a_map_of_top_concepts_changes_nothing(amap: ArgumentMap) -> None:
    """A map that links only top concepts projects the same at both levels."""
    fine, broad = project(amap, VOCABULARY), project(amap, VOCABULARY, level="broad")
    assert attrs_equal(fine, broad)


def attrs_equal(a: argmap.Projection, b: argmap.Projection) -> bool:
    """Projections equal but for their level."""
    return (a.concepts, a.links, dict(a.kinds), a.causal_concepts) == (b.concepts, b.links, dict(b.kinds),
                                                                        b.causal_concepts)


@settings(max_examples=150, deadline=None)
@given(dated_maps("a"), dated_maps("b"), st.sampled_from(["fine", "broad"]))
def test_dated_diff_is_symmetric_up_to_swapping(a: ArgumentMap, b: ArgumentMap, level: str) -> None:
    """diff(b, a) is diff(a, b) with the authors exchanged, with periods and at both levels;
    every item's period is one the claims name."""
    ab = diff(a, b, vocabulary=VOCABULARY, same_text=False, level=level)  # type: ignore[arg-type]
    ba = diff(b, a, vocabulary=VOCABULARY, same_text=False, level=level)  # type: ignore[arg-type]
    assert ba == ab.swapped()
    assert 0.0 <= ab.distance_ratio <= 1.0
    named = {p.id for p in PERIODS} | {None}
    assert all(item.period in named for item in (*ab.concepts, *ab.links))


@settings(max_examples=150, deadline=None)
@given(dated_maps())
def test_dated_diff_with_itself_agrees_everywhere(a: ArgumentMap) -> None:
    """An author agrees with themselves in every period, mixed views included."""
    d = diff(a, a, vocabulary=VOCABULARY, same_text=False)
    assert d.divergences == () and d.partial == ()
    assert all(i.status is Status.AGREE for i in (*d.concepts, *d.links))


@settings(max_examples=60, deadline=None)
@given(st.lists(dated_maps(), min_size=1, max_size=4), st.sampled_from(["fine", "broad"]))
def test_dated_matrices_equal_the_metric_functions(group: list[ArgumentMap], level: str) -> None:
    """The fast matrices still equal argmap.metrics on each map as a whole (periods pooled),
    and the findings never put one author on both sides of a consensus."""
    group = [_map(list(m.nodes), list(m.edges), f"s{i}") for i, m in enumerate(group)]
    c = compare(group, vocabulary=VOCABULARY, level=level)  # type: ignore[arg-type]
    dr, conf = c.matrix("distance_ratio"), c.matrix("conflict")
    for a in c.projections:
        for b in c.projections:
            assert dr[a.key, b.key] == pytest.approx(metrics.distance_ratio(
                a.arcs(), b.arcs(), concepts_a=a.causal_concepts, concepts_b=b.causal_concepts))
            assert conf[a.key, b.key] == pytest.approx(metrics.conflict(
                a.qualifiers(), b.qualifiers(), opposites={("affirms", "denies")}))
    for x in c.consensus:
        views = {frozenset(s.value for s in u.stances) if isinstance(u, ConceptUse) else frozenset(u.signs)
                 for u in x.subject.by_source.values()}
        assert len(views) == 1 and len(next(iter(views))) == 1


# --- implicit nodes ------------------------------------------------------------------------------


def test_implicit_nodes_are_marked_and_counted_apart() -> None:
    """A use or chain that rests only on implicit nodes is marked; one with a quote is not."""
    amap = _map([_node("i", "f1", implicit=True), _node("q", "gpp"), _node("m", implicit=True),
                 _node("y", "out", kind="outcome")],
                [_causes("i", "y", "+"), _causes("q", "m", "+"), _causes("m", "y", "+")])
    p = project(amap, VOCABULARY)
    assert (p.quoted_nodes, p.implicit_nodes) == (2, 2)
    assert p.uses("f1")[0].implicit and not p.uses("gpp")[0].implicit
    assert p.link("f1", "out").implicit  # type: ignore[union-attr]
    assert not p.link("gpp", "out").implicit  # type: ignore[union-attr]


def test_implicit_nodes_in_the_outputs() -> None:
    """JSON says `implicit`, text says there is no quote, and the source counts them."""
    d = diff(*_fixture("qadir", "pulse"))
    data = diff_to_dict(d, root=ROOT)
    assert data["b"]["implicit_nodes"] == 1 and data["b"]["quoted_nodes"] == 7
    need = next(c for c in data["concepts"] if c["id"] == "russia-needs-partners")
    assert need["b"]["implicit"] is True and need["b"]["quotes"] == []
    link = next(k for k in data["links"] if k["from"] == "russia-needs-partners")
    assert link["b"]["implicit"] is True
    assert "Russia needs new partners (need) (implicit: no quote)" in diff_to_text(d, width=120)


# --- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(Source("s", "f.txt", title="T", author="A. Author", name="Author"), "Author", id="name"),
        pytest.param(Source("s", "f.txt", title="T", author="A. Author"), "A. Author", id="author"),
        pytest.param(Source("s", "f.txt", title="T"), "T", id="title"),
        pytest.param(Source("s", "f.txt"), "s", id="id"),
    ],
)
def test_display_name_prefers_the_short_name(source: Source, expected: str) -> None:
    assert display_name(source) == expected


def test_display_names_are_used_everywhere() -> None:
    """Text, Markdown, JSON, tables and drawings name the texts by their short names."""
    maps = _fixture("mir", "pulse", "qadir")
    c = compare(maps)
    text, md = comparison_to_text(c, root=ROOT), comparison_to_markdown(c, root=ROOT)
    data = comparison_to_dict(c, root=ROOT)
    assert [s["name"] for s in data["sources"]] == ["Mir", "The Pulse", "Qadir"]
    for shown in (text, md):
        assert "Qadir: Hassan Qadir (2015), Distance by design" in shown and "The Pulse" in shown
    for kind in ("factors", "propositions", "agreement", "divergences"):
        table = argmap.build_table(kind, maps, comparison=c)
        assert [col.header for col in table.columns[1:4]] == ["Mir", "The Pulse", "Qadir"]
    theses = argmap.build_table("theses", maps, comparison=c)
    assert [row.cells[0].text for row in theses.rows] == ["Mir", "The Pulse", "Qadir"]
    dot = argmap.render_comparison(c).source
    assert "Qadir: Hassan Qadir<BR/>(2015)" in dot and "[2] The Pulse" in dot


# --- guarded comparison --------------------------------------------------------------------------


def test_same_text_alignment_of_different_texts_is_refused() -> None:
    """Forcing node-by-node alignment on maps of two different texts is an error, not 1.0."""
    a, b = _fixture("qadir", "pulse")
    with pytest.raises(DifferentTextError, match="different texts"):
        diff(a, b, same_text=True)
    with pytest.raises(DifferentTextError):
        argmap.compare_same_text(a, b)
    assert isinstance(DifferentTextError("x"), argmap.ArgmapError)
    assert diff(a, b).same_text is None


def test_maps_naming_different_vocabularies_are_flagged(tmp_path: Path) -> None:
    """Two maps with different vocabulary files: text, Markdown and JSON say so."""
    for name in ("one", "two"):
        (tmp_path / name / "maps").mkdir(parents=True)
        shutil.copytree(FIXTURES / "seeds", tmp_path / name / "seeds")
    shutil.copy(MAPS / "qadir.yaml", tmp_path / "one" / "maps")
    shutil.copy(MAPS / "concepts.yaml", tmp_path / "one" / "maps")
    shutil.copy(MAPS / "mir.yaml", tmp_path / "two" / "maps")
    (tmp_path / "two" / "maps" / "concepts.yaml").write_text(
        "concepts:\n  - {id: relations, kind: outcome, label: Relations}\n", encoding="utf-8")
    d = diff(tmp_path / "one" / "maps" / "qadir.yaml", tmp_path / "two" / "maps" / "mir.yaml")
    assert any("different vocabularies" in w for w in d.warnings)
    assert "different vocabularies" in diff_to_text(d, width=200)
    assert "**Warning:** the maps name different vocabularies" in diff_to_markdown(d)
    assert any("different vocabularies" in w for w in diff_to_dict(d)["warnings"])


def test_a_vocabulary_that_lacks_concepts_is_flagged() -> None:
    """A vocabulary given that lacks concepts the maps use: the warning names them."""
    small = Vocabulary([Concept("relations", "outcome", "Relations")])
    d = diff(*_fixture("qadir", "mir"), vocabulary=small)
    (concepts, periods) = d.warnings
    assert "lacks 5 concepts" in concepts and "bipolarity (Qadir)" in concepts
    assert "great-power-politics (Mir)" in concepts
    assert "lacks 4 periods" in periods and "cold-war (Qadir)" in periods
    c = compare(_fixture("qadir", "mir"), vocabulary=small)
    assert "bipolarity (qadir)" in c.warnings[0]
    assert compare(_fixture("qadir", "mir")).warnings == ()


def test_glosses_describe_the_values_they_stand_beside() -> None:
    """Nothing shared: the Jaccard gloss says 0 of N shared, the distance ratio's that every
    link differs and the maps share no causal concept, never 'nothing shared = 1'."""
    a = _map([_node("x", "f1"), _node("y", "out", kind="outcome")], [_causes("x", "y", "+")], "a")
    b = _map([_node("x", "bip"), _node("z", "rup")], [_causes("x", "z", "-")], "b")
    text = diff_to_text(diff(a, b, vocabulary=VOCABULARY, same_text=False), width=200)
    jaccard = re.search(r"Jaccard +(.*)", text)
    ratio = re.search(r"distance ratio +(.*)", text)
    assert jaccard is not None and ratio is not None
    assert jaccard.group(1) == "0.000  (0 of the 4 concepts either author uses are shared)"
    assert ratio.group(1).startswith(("0.", "1."))
    assert "2 of 2 causal links differ; the causal maps share no concept" in ratio.group(1)
    assert "1 nothing shared" not in text
    same = diff(a, a, vocabulary=VOCABULARY, same_text=False)
    assert "0.000  (the same causal links with the same signs)" in diff_to_text(same, width=200)


# --- the JSON contract and the command line ------------------------------------------------------


def _doc_schemas() -> list[dict[str, object]]:
    doc = (ROOT / "docs" / "compare-json.md").read_text(encoding="utf-8")
    return [json.loads(x) for x in re.findall(r"```json schema\n(.*?)```", doc, flags=re.DOTALL)]


@pytest.mark.parametrize("level", ["fine", "broad"])
def test_json_with_periods_validates(level: str) -> None:
    """Compare and diff JSON of the dated fixture validate against the documented schemas."""
    compare_doc, diff_doc = _doc_schemas()
    data = comparison_to_dict(compare(_fixture("mir", "pulse", "qadir"), level=level), root=ROOT)  # type: ignore[arg-type]
    jsonschema.validate(data, comparison_schema(), cls=jsonschema.Draft202012Validator)
    jsonschema.validate(data, compare_doc, cls=jsonschema.Draft202012Validator)
    assert data["level"] == level and data["version"] == 2
    assert [p["id"] for p in data["periods"]] == ["early", "cold-war", "post-cold-war", "recent"]
    d = diff_to_dict(diff(*_fixture("qadir", "pulse"), level=level), root=ROOT)  # type: ignore[arg-type]
    jsonschema.validate(d, diff_schema(), cls=jsonschema.Draft202012Validator)
    jsonschema.validate(d, diff_doc, cls=jsonschema.Draft202012Validator)


def test_json_content_with_periods() -> None:
    """Periods on rows, items and paths; falls on paths; changes, partial agreements, shared concepts."""
    data = comparison_to_dict(compare(_fixture("mir", "pulse", "qadir")), root=ROOT)
    rows = [(k["from"], k["to"], k["period"]) for k in data["links"] if k["from"] == "bipolarity"]
    assert rows == [("bipolarity", "relations", "cold-war"), ("bipolarity", "relations", "post-cold-war")]
    (early,) = [x for x in data["controversies"] if x.get("concept") == "moscow-open-early"]
    assert early["period"] == "early"
    assert early["sides"]["denies"] == [{
        "source": "pulse", "periods": ["early"], "nodes": ["no-open"],
        "quotes": ["The Soviet Union did not respond to Pakistan's needs after independence."], "implicit": False}]
    (arms,) = data["partial_agreements"]
    assert (arms["concept"], arms["period"], sorted(arms["sides"])) == ("arms-trade-should-expand", "recent",
                                                                         ["affirms", "qualifies"])
    assert arms["sides"]["qualifies"][0]["periods"] == [None]
    (change,) = data["changes"]
    assert (change["source"], change["type"], change["from"], change["to"]) == (
        "pulse", "link", "afghanistan", "relations")
    assert [(v["period"], v["sign"]) for v in change["views"]] == [("cold-war", "-"), ("recent", "+")]
    assert next(x["concept"] for x in data["shared_concepts"]) == "relations"
    d = diff_to_dict(diff(*_fixture("qadir", "pulse")), root=ROOT)
    (fall,) = [k["a"]["paths"][0] for k in d["links"] if k["period"] == "post-cold-war"]
    assert (fall["sign"], fall["chain_sign"], fall["directions"]) == ("-", "+", ["decrease", "increase"])


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        pytest.param(["compare", "--level", "broad", str(MAPS)], "Great-power politics → Bilateral relations · "
                     "Since the Crimea crisis (since 2014)", id="compare"),
        pytest.param(["diff", "--level", "broad", str(MAPS / "qadir.yaml"), str(MAPS / "mir.yaml")],
                     "broad level: every concept rolled up", id="diff"),
        pytest.param(["table", "--kind", "factors", "--level", "broad", str(MAPS)],
                     "Great-power politics (1955-1990)", id="table"),
        pytest.param(["compare", str(MAPS)], "Cold War bipolarity → Bilateral relations · 1955-1990", id="fine"),
    ],
)
def test_cli_level(argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`--level broad` rolls the concepts up in compare, diff and table; fine is the default."""
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert expected in out


def test_cli_rejects_an_unknown_level(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "--level", "coarse", str(MAPS)]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_diff_golden_with_periods(golden: Golden) -> None:
    """The dated diff of Qadir and The Pulse at the broad level, as text."""
    d = diff(*_fixture("qadir", "pulse"), level="broad")
    golden.check("periods-diff-broad.txt", diff_to_text(d, width=100, root=ROOT))


def test_drawings_label_the_period() -> None:
    """Comparison drawings write the years on dated links and beside dated stances."""
    c = compare(_fixture("mir", "pulse", "qadir"))
    dot = argmap.render_comparison(c).source
    assert '<FONT POINT-SIZE="9">1955-1990</FONT>' in dot
    assert "affirms (1947-1954) [3]" in dot
    diff_dot = argmap.render_diff(diff(*_fixture("qadir", "pulse"))).source
    assert "(1947-1954)" in diff_dot


# --- each author once: mixed views shown apart ---------------------------------------------------


@given(st.dictionaries(st.sampled_from(["affirms", "denies", "qualifies"]),
                       st.lists(st.sampled_from("abcde"), min_size=1, max_size=5, unique=True), min_size=1))
def test_views_name_each_author_once(sides: dict[str, list[str]]) -> None:
    """``views`` keeps every author of ``sides`` exactly once: those on one side stay there,
    those on several sides are ``mixed``, and no side is left empty."""
    from argmap.comparison import ConceptRow, PartialAgreement
    from argmap.concepts import ConceptKind

    row = ConceptRow("c", ConceptKind.PROPOSITION, "C", {}, None)
    finding = PartialAgreement(row, {s: tuple(k) for s, k in sides.items()})
    views = finding.views
    shown = [k for keys in views.values() for k in keys]
    assert len(shown) == len(set(shown)) and set(shown) == {k for keys in sides.values() for k in keys}
    on_several = {k for k in shown if sum(k in keys for keys in sides.values()) > 1}
    assert set(views.get("mixed", ())) == on_several
    assert all(views.values())
    assert all(set(keys) <= set(sides[s]) for s, keys in views.items() if s != "mixed")


def test_an_author_on_both_sides_is_shown_as_mixed() -> None:
    """An author who affirms and denies a proposition that others deny appears once, as
    mixed, in the text, in Markdown and in the report's summary, never under both stances."""
    mixed = _map([_node("y", "p1", kind="claim", stance="affirms"),
                  _node("n", "p1", kind="claim", stance="denies")], [], "mixed")
    others = [_map([_node("n", "p1", kind="claim", stance="denies")], [], key) for key in ("one", "two")]
    c = compare([mixed, *others], vocabulary=VOCABULARY)
    (partial,) = c.partial_agreements
    assert partial.views == {"denies": ("one", "two"), "mixed": ("mixed",)}
    from argmap.compare_markdown import comparison_to_markdown
    from argmap.compare_text import comparison_to_text

    assert "denies 2, 3; ± mixed 1" in comparison_to_text(c)
    assert "denies 2, 3; ± mixed 1" in comparison_to_markdown(c)
    from argmap.report.summary import summary_html

    summary = summary_html(c, {"mixed": "Mixed", "one": "One", "two": "Two"})
    partly = summary.split("They partly agree", 1)[1].split("They split", 1)[0]
    assert "\u00b1\u00a0mixed</span> Mixed" in partly and "denies</span> One, Two" in partly
    assert "affirms" not in partly


def test_a_mixed_author_in_a_controversy_is_marked_on_each_side() -> None:
    """In a controversy each side lists its authors with their quotes; an author on both sides
    says so on each line, so a reader does not take it for two authors or a slip."""
    from argmap.compare_markdown import comparison_to_markdown
    from argmap.compare_text import comparison_to_text

    mixed = _map([_node("y", "p1", kind="claim", stance="affirms"),
                  _node("n", "p1", kind="claim", stance="denies")], [], "mixed")
    yes = _map([_node("y", "p1", kind="claim", stance="affirms")], [], "yes")
    no = _map([_node("n", "p1", kind="claim", stance="denies")], [], "no")
    c = compare([mixed, yes, no], vocabulary=VOCABULARY)
    (controversy,) = c.controversies
    assert controversy.views == {"affirms": ("yes",), "denies": ("no",), "mixed": ("mixed",)}
    for text in (comparison_to_text(c), comparison_to_markdown(c)):
        assert text.count("mixed (mixed: on both sides)") == 2
        assert "yes (mixed" not in text and "no (mixed" not in text


def test_broad_level_opposite_signs_on_different_narrower_concepts_are_not_a_controversy() -> None:
    """Rolled up to great-power politics, one author's "bipolarity hinders" and another's
    "the rupture helps" are different aspects (a partial agreement, in a diff a partial
    status), not a controversy; a claim about the broad concept itself does conflict with a
    claim about a narrower one of opposite sign (SKOS broader)."""
    def author(sid: str, cause: str, sign: str) -> ArgumentMap:
        return _map([_node("c", cause, period="recent"), _node("y", "out", kind="outcome")],
                    [_causes("c", "y", sign)], sid)

    bip, rup, gpp = author("a", "bip", "-"), author("b", "rup", "+"), author("c", "gpp", "+")
    c = compare([bip, rup], vocabulary=VOCABULARY, level="broad")
    assert c.controversies == ()
    assert [type(x.subject) for x in c.partial_agreements] == [argmap.LinkRow]
    (link,) = argmap.diff(bip, rup, vocabulary=VOCABULARY, level="broad").links
    assert link.status is argmap.Status.PARTIAL
    c = compare([bip, gpp], vocabulary=VOCABULARY, level="broad")
    assert [x.views for x in c.controversies] == [{"-": ("a",), "+": ("c",)}]
    (link,) = argmap.diff(bip, gpp, vocabulary=VOCABULARY, level="broad").links
    assert link.status is argmap.Status.CONFLICT
    same = compare([bip, author("d", "bip", "+")], vocabulary=VOCABULARY, level="broad")
    assert len(same.controversies) == 1  # the same narrower concept, opposite signs


def test_a_corpus_names_the_authors_of_a_finding_in_runs_grouped_by_their_claims_periods() -> None:
    """At corpus size a finding's authors come as a count, then runs of numbers, those whose
    claims are dated alike together: the same authors with the same period tags as the
    list of one author at a time."""
    from argmap.compare_words import _who

    c = compare(_fixture("mir", "pulse", "qadir"))
    numbers = {k: str(i + 1) for i, k in enumerate(c.keys)}
    items = [(x.subject, x.sources) for x in (*c.consensus, *c.shared_concepts)]
    items += [(x.subject, keys) for x in (*c.partial_agreements, *c.controversies) for keys in x.sides.values()]
    assert any("[" in _who(s, keys, numbers, c.timeline) for s, keys in items)  # some claim dated apart
    for subject, keys in items:
        one_by_one = _who(subject, keys, numbers, c.timeline)
        grouped = _who(subject, keys, numbers, c.timeline, grouped=True)
        count, _, groups = grouped.partition(": ")
        assert count == f"{len(keys)} author{'s' * (len(keys) != 1)}"
        tagged: dict[str, str] = {}
        for group in groups.split("; "):
            tag, _, runs = group.rpartition("] ")
            for run in runs.split(", "):
                first, _, last = run.partition("-")
                for n in range(int(first), int(last or first) + 1):
                    tagged[str(n)] = f"{tag}]" if tag else ""
        assert ", ".join(n + (f" {tagged[n]}" if tagged[n] else "") for n in (numbers[k] for k in keys)) == one_by_one
