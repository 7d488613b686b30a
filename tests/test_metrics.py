"""Agreement metrics: published worked examples, properties, and clear errors."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.errors import ArgmapError, MetricError
from argmap.metrics import cohen_kappa, conflict, congruence, distance_ratio, jaccard, krippendorff_alpha

DATA = Path(__file__).parent / "data"

# --- Jaccard ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param({"x", "y"}, {"x", "y"}, 1.0, id="identical"),
        pytest.param({"x"}, {"y"}, 0.0, id="disjoint"),
        pytest.param({"x", "y", "z"}, {"y", "z", "w"}, 0.5, id="half"),
        pytest.param(set(), set(), 1.0, id="both-empty"),
        pytest.param({"x"}, set(), 0.0, id="one-empty"),
    ],
)
def test_jaccard(a: set[str], b: set[str], expected: float) -> None:
    """Jaccard similarity is |A ∩ B| / |A ∪ B|, two empty sets counting as identical."""
    assert jaccard(a, b) == expected


# --- distance ratio ----------------------------------------------------------------------------


def test_distance_ratio_reproduces_kumbure_2023() -> None:
    """The five published distance ratios of Kumbure et al. (2023), group 1, to 1e-12 (the maps
    and values in tests/data/kumbure2023-group1.json, whose note names the source)."""
    oracle = json.loads((DATA / "kumbure2023-group1.json").read_text(encoding="utf-8"))
    reference = oracle["reference"]
    ref_arcs = {(c, e): s for c, e, s in reference["arcs"]}
    assert len(oracle["maps"]) == 5
    for m in oracle["maps"]:
        arcs = {(c, e): s for c, e, s in m["arcs"]}
        value = distance_ratio(arcs, ref_arcs, concepts_a=m["concepts"], concepts_b=reference["concepts"],
                               max_strength=3)
        assert value == pytest.approx(m["expected_distance_to_reference"], abs=1e-12), m["name"]


def test_distance_ratio_by_hand() -> None:
    """A case computed by hand: one common cell differs by 2, one unique cell by sign."""
    a = {("x", "y"): 1.0, ("y", "z"): 1.0}
    b = {("x", "y"): -1.0}
    # concepts a = {x, y, z}, b = {x, y}: pc = 2, pa = 1, pb = 0
    # denominator = 2*4 + 2*2*1 + 1 - (2*2 + 1) = 8; numerator = |1 - -1| + |1 - 0| = 3
    assert distance_ratio(a, b) == pytest.approx(3 / 8)


def test_distance_ratio_ignores_the_diagonal() -> None:
    """Self-loops do not count in the numerator."""
    a = {("x", "y"): 1.0, ("x", "x"): 1.0}
    b = {("x", "y"): 1.0}
    assert distance_ratio(a, b) == 0.0


def test_distance_ratio_without_possible_arcs_is_zero() -> None:
    """Concept sets that allow no arc give 0, not a division by zero."""
    assert distance_ratio({}, {}, concepts_a=["x"], concepts_b=["x"]) == 0.0
    assert distance_ratio({}, {}) == 0.0


@pytest.mark.parametrize(
    ("arcs", "max_strength"),
    [
        pytest.param({("x", "y"): 2.0}, 1.0, id="above-max"),
        pytest.param({("x", "y"): math.nan}, 1.0, id="nan"),
        pytest.param({("x", "y"): 1.0}, 0.0, id="zero-max"),
    ],
)
def test_distance_ratio_rejects_bad_strengths(arcs: dict[tuple[str, str], float], max_strength: float) -> None:
    """Strengths outside [-m, m] and a non-positive m raise MetricError, a ValueError."""
    with pytest.raises(MetricError) as info:
        distance_ratio(arcs, {}, max_strength=max_strength)
    assert isinstance(info.value, ArgmapError)
    assert isinstance(info.value, ValueError)


concept_names = st.sampled_from(["a", "b", "c", "d", "e"])
arcs_strategy = st.dictionaries(
    st.tuples(concept_names, concept_names).filter(lambda cell: cell[0] != cell[1]),
    st.floats(min_value=-3, max_value=3, allow_nan=False).filter(lambda x: x != 0),
    max_size=12,
)


@given(arcs_strategy, arcs_strategy)
def test_distance_ratio_properties(a: dict[tuple[str, str], float], b: dict[tuple[str, str], float]) -> None:
    """d(a, a) = 0; d(a, b) = d(b, a) and lies in [0, 1]."""
    assert distance_ratio(a, a, max_strength=3) == 0.0
    d = distance_ratio(a, b, max_strength=3)
    assert d == pytest.approx(distance_ratio(b, a, max_strength=3))
    assert 0.0 <= d <= 1.0 + 1e-12


# --- congruence and conflict (DNA) ---------------------------------------------------------------

A = {"c1": {"affirms"}, "c2": {"denies"}, "c3": {"mentions"}, "c4": {"affirms", "denies"}}
B = {"c1": {"affirms"}, "c2": {"affirms"}, "c3": {"mentions"}, "c5": {"qualifies"}, "c4": {"affirms"}}


@pytest.mark.parametrize(
    ("normalization", "expected"),
    [
        pytest.param("none", 3.0, id="none"),  # c1 affirms, c3 mentions, c4 affirms
        pytest.param("average", 3 / ((5 + 5) / 2), id="average"),  # cells: a 5, b 5
        pytest.param("jaccard", 3 / 7, id="jaccard"),  # union of cells: 7
    ],
)
def test_congruence(normalization: str, expected: float) -> None:
    """Congruence counts shared (concept, stance) cells, normalised as DNA does."""
    assert congruence(A, B, normalization=normalization) == pytest.approx(expected)  # type: ignore[arg-type]


def test_conflict_counts_opposite_pairs() -> None:
    """Conflict counts opposing stances on shared concepts; by default any difference opposes."""
    opposites = {("affirms", "denies")}
    # c2: denies vs affirms; c4: a's denies vs b's affirms
    assert conflict(A, B, opposites=opposites) == 2.0
    assert conflict(A, B, opposites=opposites, normalization="jaccard") == pytest.approx(2 / 7)
    # DNA's binary definition: every pair of different qualifiers
    assert conflict({"c": {"affirms"}}, {"c": {"qualifies"}}) == 1.0
    assert conflict({"c": {"affirms"}}, {"c": {"qualifies"}}, opposites=opposites) == 0.0


def test_dna_metrics_reject_unknown_normalization() -> None:
    """An unknown normalisation is a MetricError naming the choices."""
    with pytest.raises(MetricError, match="none, average, jaccard"):
        congruence(A, B, normalization="cosine")  # type: ignore[arg-type]


def test_dna_metrics_with_nothing_used() -> None:
    """Actors with no statements: 0 whatever the normalisation, never a division by zero."""
    for normalization in ("none", "average", "jaccard"):
        assert congruence({}, {}, normalization=normalization) == 0.0  # type: ignore[arg-type]
        assert conflict({}, {}, normalization=normalization) == 0.0  # type: ignore[arg-type]


# --- Krippendorff's alpha and Cohen's kappa --------------------------------------------------------

# Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability". Annenberg School for
# Communication, University of Pennsylvania, departmental paper 43, section C: four observers,
# twelve units, missing values; nominal alpha = 0.743, ordinal 0.815, interval 0.849, ratio 0.797.
N = None
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]


@pytest.mark.parametrize(
    ("level", "published"),
    [
        pytest.param("nominal", 0.743, id="nominal"),
        pytest.param("ordinal", 0.815, id="ordinal"),
        pytest.param("interval", 0.849, id="interval"),
        pytest.param("ratio", 0.797, id="ratio"),
    ],
)
def test_krippendorff_alpha_reproduces_krippendorff_2011(level: str, published: float) -> None:
    """Krippendorff's (2011) worked example, to the three decimals published."""
    assert round(krippendorff_alpha(KRIPPENDORFF_2011, level), 3) == published  # type: ignore[arg-type]


def test_krippendorff_alpha_exact_nominal_value() -> None:
    """The nominal value beyond the three published decimals, so that no drift goes unnoticed."""
    assert krippendorff_alpha(KRIPPENDORFF_2011) == pytest.approx(0.743421052631579, abs=1e-12)


def test_krippendorff_alpha_edge_cases() -> None:
    """Perfect agreement is 1; no variation at all is undefined (nan); unpaired units are ignored."""
    assert krippendorff_alpha([["a", "b", "a"], ["a", "b", "a"]]) == 1.0
    assert math.isnan(krippendorff_alpha([["a", "a"], ["a", "a"]]))
    assert krippendorff_alpha([["a", "b", "x"], ["a", "b", None]]) == 1.0


@pytest.mark.parametrize(
    ("data", "level", "message"),
    [
        pytest.param([[1, 2], [1]], "nominal", "one value per unit", id="ragged"),
        pytest.param([[1, 2], [1, 2]], "cardinal", "level must be", id="level"),
        pytest.param([["a", "b"], ["b", "a"]], "interval", "needs numbers", id="not-numbers"),
        pytest.param([["a", 1], [1, "a"]], "ordinal", "can be ordered", id="not-ordered"),
    ],
)
def test_krippendorff_alpha_errors(data: list[list[object]], level: str, message: str) -> None:
    """Malformed data is a MetricError that says what is wrong."""
    with pytest.raises(MetricError, match=message):
        krippendorff_alpha(data, level)  # type: ignore[arg-type]


def test_cohen_kappa_worked_example() -> None:
    """The textbook example (e.g. Wikipedia, "Cohen's kappa"): 50 proposals, 20 yes/yes, 5 yes/no,
    10 no/yes, 15 no/no; p_o = 0.7, p_e = 0.5, kappa = 0.4."""
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_cohen_kappa_edge_cases() -> None:
    """Missing values are left out; one shared category throughout is undefined; lengths must match."""
    assert cohen_kappa(["x", "y", None], ["x", "y", "z"]) == 1.0
    assert math.isnan(cohen_kappa(["x", "x"], ["x", "x"]))
    assert math.isnan(cohen_kappa([], []))
    with pytest.raises(MetricError, match="same units"):
        cohen_kappa(["x"], ["x", "y"])


@given(st.lists(st.lists(st.sampled_from([1, 2, 3, None]), min_size=6, max_size=6), min_size=2, max_size=4))
def test_krippendorff_alpha_at_most_one(data: list[list[int | None]]) -> None:
    """Alpha never exceeds 1 (it may be nan where the data do not vary)."""
    for level in ("nominal", "ordinal", "interval"):
        value = krippendorff_alpha(data, level)  # type: ignore[arg-type]
        assert math.isnan(value) or value <= 1.0 + 1e-12
