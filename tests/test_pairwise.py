"""The pairwise metric matrices: the numpy path equals the pure-Python path bit for bit, both
equal argmap.metrics pair by pair, and the triangle layout is what the JSON documents."""

from __future__ import annotations

import contextlib
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import metrics, pairwise
from argmap.model import ArgumentMap, Stance
from argmap.pairwise import AgreementMatrix, PairwiseBits, Triangle, pair_index
from argmap.projection import LinkSign
from test_compare import VOCABULARY, _map, generated_maps

pytest.importorskip("numpy")

NORMALIZATIONS = ("none", "average", "jaccard")
QUALIFIERS = ("affirms", "denies", "qualifies")


@st.composite
def projections(draw: st.DrawFn, concepts: int) -> Any:
    """A stand-in for a Projection with what PairwiseBits reads: concept uses (with stances),
    causal concepts and signed links, over ``concepts`` concept ids (more than 64: the bit
    sets span several words)."""
    ids = st.integers(0, concepts - 1).map(lambda i: f"c{i}")
    uses = []
    for cid in draw(st.lists(ids, unique=True, max_size=12)):
        stances = frozenset(draw(st.sets(st.sampled_from(list(Stance)), max_size=2)))
        uses.append(SimpleNamespace(concept=cid, stances=stances,
                                    qualifiers=frozenset(s.value for s in stances)))
    links = [SimpleNamespace(cause=a, effect=b, sign=sign) for a, b, sign in draw(st.lists(
        st.tuples(ids, ids, st.sampled_from([LinkSign.HELPS, LinkSign.HINDERS, LinkSign.MIXED])),
        max_size=10, unique_by=lambda t: (t[0], t[1])))]
    causal = frozenset(draw(st.lists(ids, max_size=8)))
    return fake_projection(uses, causal, links)


_STRENGTH = {LinkSign.HELPS: 1.0, LinkSign.HINDERS: -1.0, LinkSign.MIXED: 0.0}


def fake_projection(uses: list[Any], causal: frozenset[str], links: list[Any]) -> Any:
    """What PairwiseBits reads of a projection: each concept's qualifiers (``mentions`` where
    there is no stance, as Projection.qualifiers gives), the causal concepts, and each link's
    strength (Projection.arcs)."""
    qualifiers = {u.concept: u.qualifiers or frozenset({"mentions"}) for u in uses}
    arcs = {(k.cause, k.effect): _STRENGTH[k.sign] for k in links}
    return SimpleNamespace(concepts=uses, causal_concepts=causal, links=links,
                           qualifiers=lambda: qualifiers, arcs=lambda: arcs)


def both_paths(bits: PairwiseBits, metric: str, normalization: str) -> tuple[Triangle, Triangle]:
    return (bits.matrix(metric, normalization, vectorised=False),
            bits.matrix(metric, normalization, vectorised=True))


@settings(max_examples=120, deadline=None)
@given(st.integers(1, 200).flatmap(lambda k: st.lists(projections(k), min_size=1, max_size=12)))
def test_the_numpy_path_equals_the_pure_path_bit_for_bit(group: list[Any]) -> None:
    bits = PairwiseBits(group)
    for metric in argmap.METRICS:
        for normalization in NORMALIZATIONS:
            pure, fast = both_paths(bits, metric, normalization)
            assert list(pure.diagonal) == fast.diagonal.tolist()
            assert list(pure.upper) == fast.upper.tolist()  # ==, not approx: the same doubles


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 130).flatmap(lambda k: st.lists(projections(k), min_size=2, max_size=12)),
       st.integers(1, 40))
def test_the_numpy_path_in_small_blocks_equals_the_pure_path(group: list[Any], block_words: int) -> None:
    """Blocks of a few rows each (a corpus of thousands of authors is counted in many): every
    pair is counted once, at its place, whatever the block boundaries."""
    bits = PairwiseBits(group)
    saved = pairwise._BLOCK_WORDS
    pairwise._BLOCK_WORDS = block_words
    try:
        for metric in argmap.METRICS:
            pure, fast = both_paths(bits, metric, "jaccard")
            assert list(pure.upper) == fast.upper.tolist()
    finally:
        pairwise._BLOCK_WORDS = saved


@contextlib.contextmanager
def always_vectorised() -> Iterator[None]:
    saved = pairwise.VECTORISE_FROM, pairwise.VECTORISE_IMPORTED
    pairwise.VECTORISE_FROM = pairwise.VECTORISE_IMPORTED = 0
    try:
        yield
    finally:
        pairwise.VECTORISE_FROM, pairwise.VECTORISE_IMPORTED = saved


@settings(max_examples=60, deadline=None)
@given(st.lists(generated_maps(), min_size=1, max_size=6))
def test_vectorised_matrices_equal_the_metric_functions(group: list[ArgumentMap]) -> None:
    """With numpy forced on (any corpus size), Comparison.matrix still gives what
    argmap.metrics gives for each pair (as the pure path does, tests/test_compare.py)."""
    group = [_map(list(m.nodes), list(m.edges), f"s{i}") for i, m in enumerate(group)]
    with always_vectorised():
        c = argmap.compare(group, vocabulary=VOCABULARY)
        assert not isinstance(c.matrix("jaccard").triangle.upper, pairwise.array)
        ps = c.projections
        for normalization in NORMALIZATIONS:
            cong = c.matrix("congruence", normalization=normalization)  # type: ignore[arg-type]
            conf = c.matrix("conflict", normalization=normalization)  # type: ignore[arg-type]
            for a in ps:
                for b in ps:
                    qa, qb = a.qualifiers(), b.qualifiers()
                    assert cong[a.key, b.key] == pytest.approx(
                        metrics.congruence(qa, qb, normalization=normalization), abs=1e-12)  # type: ignore[arg-type]
                    assert conf[a.key, b.key] == pytest.approx(metrics.conflict(
                        qa, qb, normalization=normalization,  # type: ignore[arg-type]
                        opposites={("affirms", "denies")}), abs=1e-12)
        jac, dr = c.matrix("jaccard"), c.matrix("distance_ratio")
        for a in ps:
            for b in ps:
                assert jac[a.key, b.key] == pytest.approx(metrics.jaccard(a.concept_ids, b.concept_ids), abs=1e-12)
                assert dr[a.key, b.key] == pytest.approx(metrics.distance_ratio(
                    a.arcs(), b.arcs(), concepts_a=a.causal_concepts, concepts_b=b.causal_concepts), abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.lists(generated_maps(), min_size=1, max_size=7), st.booleans())
def test_each_authors_nearest_is_the_first_most_similar(group: list[ArgumentMap], vectorised: bool) -> None:
    """nearest_authors, on either path, gives each author the other author of highest
    Jaccard, the first in order among equals (a brute force over the matrix)."""
    from argmap.compare_metrics import nearest_authors

    group = [_map(list(m.nodes), list(m.edges), f"s{i}") for i, m in enumerate(group)]
    with always_vectorised() if vectorised else contextlib.nullcontext():
        c = argmap.compare(group, vocabulary=VOCABULARY)
        got = nearest_authors(c)
    jac, keys = c.matrix("jaccard"), list(c.keys)
    expected = []
    for a in keys if len(keys) > 1 else []:
        others = [b for b in keys if b != a]
        best = max(jac[a, b] for b in others)
        b = next(b for b in others if jac[a, b] == best)
        expected.append((a, b, best))
    assert got == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(generated_maps(), min_size=1, max_size=6), st.booleans())
def test_one_pairs_metric_is_the_matrix_value_without_making_the_matrix(group: list[ArgumentMap],
                                                                        vectorised: bool) -> None:
    """Comparison.metric gives the matrix's value bit for bit (either path of the matrix),
    before any matrix is made and after, and makes no matrix itself."""
    group = [_map(list(m.nodes), list(m.edges), f"s{i}") for i, m in enumerate(group)]
    with always_vectorised() if vectorised else contextlib.nullcontext():
        fresh = argmap.compare(group, vocabulary=VOCABULARY)
        made = argmap.compare(group, vocabulary=VOCABULARY)
        for metric in pairwise.METRICS:
            for normalization in NORMALIZATIONS:
                pairs = list(itertools.product(fresh.keys, repeat=2))
                alone = [fresh.metric(metric, a, b, normalization=normalization)  # type: ignore[arg-type]
                         for a, b in pairs]
                assert not fresh._matrices  # nothing made for a few values
                matrix = made.matrix(metric, normalization=normalization)  # type: ignore[arg-type]
                assert alone == [matrix[a, b] for a, b in pairs]
                assert [made.metric(metric, a, b, normalization=normalization)  # type: ignore[arg-type]
                        for a, b in pairs] == alone


def test_one_pairs_metric_names_what_is_wrong() -> None:
    c = argmap.compare([_map([], [], "s0"), _map([], [], "s1")], vocabulary=VOCABULARY)
    with pytest.raises(KeyError, match="s2"):
        c.metric("jaccard", "s0", "s2")
    with pytest.raises(argmap.MetricError, match="unknown metric 'overlap'"):
        c.metric("overlap", "s0", "s1")  # type: ignore[arg-type]
    with pytest.raises(argmap.MetricError, match="normalization must be one of"):
        c.metric("congruence", "s0", "s1", normalization="max")  # type: ignore[arg-type]
    assert c.metric("distance_ratio", "s0", "s1", normalization="average") == c.matrix("distance_ratio")["s0", "s1"]


def test_the_path_is_chosen_by_corpus_size(monkeypatch: pytest.MonkeyPatch) -> None:
    bits = PairwiseBits([fake_projection([], frozenset(), [])] * 3)
    assert isinstance(bits.matrix("jaccard", "none").upper, pairwise.array)  # small: pure
    monkeypatch.setattr(pairwise, "VECTORISE_IMPORTED", 3)
    assert not isinstance(bits.matrix("jaccard", "none").upper, pairwise.array)
    assert bits.matrix("jaccard", "none", vectorised=False).upper.tolist() == [1.0, 1.0, 1.0]


def test_the_triangle_layout() -> None:
    """upper holds (0,1), (0,2), ..., (1,2), ... row by row (scipy's squareform order)."""
    n = 5
    order = list(itertools.combinations(range(n), 2))
    assert [pair_index(i, j, n) for i, j in order] == list(range(len(order)))
    square = [float(10 * i + j if i <= j else 10 * j + i) for i in range(n) for j in range(n)]
    tri = Triangle.from_square(square)
    assert list(tri.upper) == [float(10 * i + j) for i, j in order]
    keys = tuple("abcde")
    m = AgreementMatrix("jaccard", "none", keys, square)
    assert m.rows == tuple(tuple(square[i * n:(i + 1) * n]) for i in range(n))
    assert m["b", "d"] == m["d", "b"] == 13.0 and m["c", "c"] == 22.0
    assert m == AgreementMatrix("jaccard", "none", keys, tri) and hash(m) == hash(AgreementMatrix(
        "jaccard", "none", keys, tri))
    with pytest.raises(ValueError, match="need"):
        AgreementMatrix("jaccard", "none", keys, square[:-1])


def test_the_json_metrics_are_the_matrix_rounded() -> None:
    c = argmap.compare(Path(__file__).resolve().parent.parent / "maps")
    data = json.loads(argmap.comparison_to_json(c))
    n = len(c.keys)
    for metric in argmap.METRICS:
        m = c.matrix(metric)  # type: ignore[arg-type]
        entry = data["metrics"][metric]
        assert entry["diagonal"] == [round(m[k, k], 6) for k in c.keys]
        assert entry["upper"] == [round(m[c.keys[i], c.keys[j]], 6) for i, j in itertools.combinations(range(n), 2)]
    for pair in data["pairs"]:
        i, j = c.keys.index(pair["a"]), c.keys.index(pair["b"])
        assert data["metrics"]["jaccard"]["upper"][pair_index(i, j, n)] == round(pair["jaccard"], 6)
