"""Published measures of how far two authors' maps agree, as pure functions on plain data.

Each function takes sets, mappings or sequences (never argmap objects), so that it can be
checked against the worked examples of the publication that defines it and reused outside
argmap. :mod:`argmap.diffing` and :mod:`argmap.comparison` feed them the concept-level projection of each map.

========================  ==============================================================
function                  reference
========================  ==============================================================
:func:`jaccard`           Jaccard (1912), *New Phytologist* 11(2): 37-50
:func:`distance_ratio`    Langfield-Smith & Wirth (1992), *J. of the Operational Research
                          Society* 43(12): 1135-1150, formula 12
:func:`congruence`,       Leifeld (2017), "Discourse network analysis", in *The Oxford
:func:`conflict`          Handbook of Political Networks*, 301-325; normalisations as in
                          the Discourse Network Analyzer (github.com/leifeld/dna)
:func:`krippendorff_alpha`  Krippendorff (2011), "Computing Krippendorff's
                          Alpha-Reliability", Annenberg School for Communication
:func:`cohen_kappa`       Cohen (1960), *Educational and Psychological Measurement*
                          20(1): 37-46
========================  ==============================================================

Undefined values (a reliability coefficient over data without any variation) are returned
as ``math.nan``; JSON output writes them as ``null``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from typing import Literal, TypeAlias, TypeVar

from argmap.errors import MetricError

__all__ = [
    "NORMALIZATIONS",
    "cohen_kappa",
    "conflict",
    "congruence",
    "distance_ratio",
    "jaccard",
    "krippendorff_alpha",
]

C = TypeVar("C", bound=Hashable)  # a concept
Q = TypeVar("Q", bound=Hashable)  # a qualifier (stance)
Normalization: TypeAlias = Literal["none", "average", "jaccard"]
Level: TypeAlias = Literal["nominal", "ordinal", "interval", "ratio"]

#: The normalisations :func:`congruence` and :func:`conflict` accept.
NORMALIZATIONS: tuple[Normalization, ...] = ("none", "average", "jaccard")
_LEVELS: tuple[Level, ...] = ("nominal", "ordinal", "interval", "ratio")


def jaccard(a: Iterable[Hashable], b: Iterable[Hashable]) -> float:
    """Jaccard similarity of two sets: ``|A ∩ B| / |A ∪ B|``.

    1.0 for identical sets, 0.0 for disjoint ones; two empty sets count as identical (1.0).
    Reference: Jaccard (1912), "The distribution of the flora in the alpine zone".
    """
    sa, sb = set(a), set(b)
    union = len(sa | sb)
    return len(sa & sb) / union if union else 1.0


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def distance_ratio(
    arcs_a: Mapping[tuple[C, C], float],
    arcs_b: Mapping[tuple[C, C], float],
    *,
    concepts_a: Collection[C] | None = None,
    concepts_b: Collection[C] | None = None,
    max_strength: float = 1.0,
) -> float:
    """Langfield-Smith & Wirth's distance ratio between two causal maps (their formula 12).

    Arcs map ``(cause, effect)`` to a signed strength in ``[-max_strength, max_strength]``;
    a missing arc is 0. Each map's concepts default to those its arcs use. With
    ``C = concepts_a ∩ concepts_b`` the *common* concepts, the numerator sums over every
    cell ``(i, j)``, ``i != j`` (the diagonal is excluded):

    * ``|a_ij - b_ij|`` where both ``i`` and ``j`` are in ``C`` (strengths compared);
    * ``|sgn(a_ij) - sgn(b_ij)|`` elsewhere (only the presence and sign of the arc count).

    The denominator is the largest numerator the two concept sets allow::

        2m·pc² + 2pc(pa + pb) + pa² + pb² - (2m·pc + pa + pb)

    with ``m = max_strength``, ``pc = |C|`` and ``pa``, ``pb`` the concepts unique to each
    map. The result is 0 for identical maps and at most 1 when every arc lies between the
    map's own concepts; it is 0.0 where the concepts allow no arc at all (denominator 0).

    Reference: Langfield-Smith, K. & Wirth, A. (1992), "Measuring differences between
    cognitive maps", *Journal of the Operational Research Society* 43(12): 1135-1150;
    as computed by Kumbure et al. (2023), whose published values the tests reproduce.
    """
    if not (math.isfinite(max_strength) and max_strength > 0):
        raise MetricError(f"max_strength must be a positive number, got {max_strength!r}")
    for name, arcs in (("arcs_a", arcs_a), ("arcs_b", arcs_b)):
        for cell, strength in arcs.items():
            if not math.isfinite(strength) or abs(strength) > max_strength:
                raise MetricError(
                    f"{name}: strength {strength!r} of arc {cell!r} lies outside "
                    f"[-{max_strength}, {max_strength}]"
                )
    ca = set(concepts_a) if concepts_a is not None else {c for cell in arcs_a for c in cell}
    cb = set(concepts_b) if concepts_b is not None else {c for cell in arcs_b for c in cell}
    common = ca & cb
    pc, pa, pb = len(common), len(ca - common), len(cb - common)
    m = max_strength
    denominator = 2 * m * pc**2 + 2 * pc * (pa + pb) + pa**2 + pb**2 - (2 * m * pc + pa + pb)
    numerator = 0.0
    for cell in arcs_a.keys() | arcs_b.keys():
        cause, effect = cell
        if cause == effect:
            continue
        x, y = arcs_a.get(cell, 0.0), arcs_b.get(cell, 0.0)
        if cause in common and effect in common:
            numerator += abs(x - y)
        else:
            numerator += abs(_sign(x) - _sign(y))
    if denominator <= 0:
        if numerator:
            raise MetricError("the arcs use concepts outside the given concept sets, "
                              "which allow no arc at all")
        return 0.0
    return numerator / denominator


def _check_normalization(normalization: str) -> None:
    if normalization not in NORMALIZATIONS:
        raise MetricError(f"normalization must be one of {', '.join(NORMALIZATIONS)}; "
                          f"got {normalization!r}")


def _cells(statements: Mapping[C, Collection[Q]]) -> set[tuple[C, Q]]:
    return {(concept, q) for concept, qualifiers in statements.items() for q in qualifiers}


def _normalize(count: int, a: set[tuple[C, Q]], b: set[tuple[C, Q]],
               normalization: Normalization) -> float:
    if normalization == "none":
        return float(count)
    norm = (len(a) + len(b)) / 2 if normalization == "average" else len(a | b)
    return count / norm if norm else 0.0


def congruence(
    a: Mapping[C, Collection[Q]],
    b: Mapping[C, Collection[Q]],
    *,
    normalization: Normalization = "none",
) -> float:
    """Discourse-network congruence: the concepts two actors use with the same qualifier.

    ``a`` and ``b`` map each concept an actor uses to the qualifiers (stances) it uses it
    with; an actor who both affirms and denies a concept has both. With ``A`` and ``B``
    the sets of ``(concept, qualifier)`` cells, the raw count is ``|A ∩ B|``, and

    * ``"average"`` divides by the actors' average activity ``(|A| + |B|) / 2``;
    * ``"jaccard"`` divides by ``|A ∪ B|`` (cells only ``a`` uses, only ``b``, and both).

    A zero denominator gives 0.0. This is DNA's one-mode congruence network with a
    qualifier and duplicates ignored. Reference: Leifeld (2017), "Discourse network
    analysis: policy debates as dynamic networks"; DNA's exporter for the normalisations.
    """
    _check_normalization(normalization)
    cells_a, cells_b = _cells(a), _cells(b)
    return _normalize(len(cells_a & cells_b), cells_a, cells_b, normalization)


def conflict(
    a: Mapping[C, Collection[Q]],
    b: Mapping[C, Collection[Q]],
    *,
    normalization: Normalization = "none",
    opposites: Collection[tuple[Q, Q]] | None = None,
) -> float:
    """Discourse-network conflict: the concepts two actors use with opposing qualifiers.

    Counts, over the concepts both use, the pairs of qualifiers ``(qa, qb)`` with ``qa``
    used by ``a``, ``qb`` by ``b`` and the two opposed. By default any two different
    qualifiers are opposed, as in DNA with a binary agree/disagree qualifier; ``opposites``
    narrows this to the listed pairs (in either order), e.g. ``{("affirms", "denies")}`` so
    that *qualifies* opposes neither. An actor who holds both of two opposed qualifiers
    conflicts with anyone holding either, themselves included, as in DNA. Normalisations as
    in :func:`congruence`.
    Reference: Leifeld (2017); DNA's exporter for the normalisations.
    """
    _check_normalization(normalization)
    pairs = None if opposites is None else {frozenset(p) for p in opposites}
    count = 0
    for concept in a.keys() & b.keys():
        for qa in set(a[concept]):
            for qb in set(b[concept]):
                if qa != qb and (pairs is None or frozenset((qa, qb)) in pairs):
                    count += 1
    return _normalize(count, _cells(a), _cells(b), normalization)


def _delta(level: Level, frequencies: Mapping[Hashable, float]) -> dict[tuple[Hashable, Hashable], float]:
    """Krippendorff's squared difference function δ² for every pair of values used."""
    values = list(frequencies)
    if level == "nominal":
        return {(c, k): float(c != k) for c in values for k in values}
    try:
        ordered = sorted(values)  # type: ignore[type-var]
    except TypeError:
        raise MetricError(f"{level} alpha needs values that can be ordered; "
                          f"got {', '.join(repr(v) for v in values)}") from None
    delta: dict[tuple[Hashable, Hashable], float] = {}
    if level == "ordinal":
        for i, c in enumerate(ordered):
            between = 0.0
            for k in ordered[i:]:
                between += frequencies[k]
                d = (between - (frequencies[c] + frequencies[k]) / 2) ** 2
                delta[c, k] = delta[k, c] = d
        return delta
    for c in ordered:
        if isinstance(c, bool) or not isinstance(c, int | float):
            raise MetricError(f"{level} alpha needs numbers; got {c!r}")
    for c in ordered:
        for k in ordered:
            x, y = float(c), float(k)  # type: ignore[arg-type]
            if level == "interval":
                delta[c, k] = (x - y) ** 2
            else:
                delta[c, k] = ((x - y) / (x + y)) ** 2 if x + y else 0.0
    return delta


def krippendorff_alpha(
    data: Sequence[Sequence[Hashable | None]], level: Level = "nominal"
) -> float:
    """Krippendorff's alpha reliability of several coders' values for the same units.

    ``data`` has one row per coder and one column per unit; ``None`` marks a missing value.
    Units with fewer than two values cannot be paired and are left out. With ``o_ck`` the
    coincidences of values ``c`` and ``k`` within units (each pair weighted ``1/(m_u - 1)``,
    ``m_u`` the number of values in unit ``u``), ``n_c`` their marginals and ``n`` their sum::

        alpha = 1 - (n - 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck

    ``level`` chooses δ²: ``nominal`` (0 if equal, else 1), ``ordinal`` (from the
    frequencies of the ranks between ``c`` and ``k``), ``interval`` ``(c - k)²`` or
    ``ratio`` ``((c - k) / (c + k))²``. 1 is perfect agreement, 0 agreement at chance;
    ``nan`` where the data show no variation at all (alpha is undefined).
    Reference: Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability"; the
    tests reproduce its worked example (nominal 0.743, ordinal 0.815, interval 0.849).
    """
    if level not in _LEVELS:
        raise MetricError(f"level must be one of {', '.join(_LEVELS)}; got {level!r}")
    widths = {len(row) for row in data}
    if len(widths) > 1:
        raise MetricError("every coder's row must have one value per unit; "
                          f"found rows of lengths {sorted(widths)}")
    coincidences: defaultdict[tuple[Hashable, Hashable], float] = defaultdict(float)
    for unit in zip(*data, strict=True):
        values = [v for v in unit if v is not None]
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    coincidences[c, k] += 1 / (m - 1)
    frequencies: defaultdict[Hashable, float] = defaultdict(float)
    for (c, _k), count in coincidences.items():
        frequencies[c] += count
    n = sum(frequencies.values())
    delta = _delta(level, frequencies)
    observed = sum(count * delta[cell] for cell, count in coincidences.items())
    expected = sum(frequencies[c] * frequencies[k] * delta[c, k]
                   for c in frequencies for k in frequencies)
    if expected == 0:
        return math.nan
    return 1 - (n - 1) * observed / expected


def cohen_kappa(a: Sequence[Hashable | None], b: Sequence[Hashable | None]) -> float:
    """Cohen's kappa: agreement of two coders on the same units, corrected for chance.

    ``kappa = (p_o - p_e) / (1 - p_e)`` with ``p_o`` the share of units coded alike and
    ``p_e = Σ_c p_a(c) · p_b(c)`` the agreement expected from each coder's own
    frequencies. Units where either value is ``None`` are left out; ``nan`` where kappa is
    undefined (no units, or both coders used one and the same category throughout).
    Reference: Cohen (1960), "A coefficient of agreement for nominal scales".
    """
    if len(a) != len(b):
        raise MetricError(f"both coders must code the same units; got {len(a)} and {len(b)} values")
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    if not pairs:
        return math.nan
    n = len(pairs)
    observed = sum(x == y for x, y in pairs) / n
    count_a = Counter(x for x, _ in pairs)
    count_b = Counter(y for _, y in pairs)
    expected = sum(count_a[c] * count_b[c] for c in count_a) / (n * n)
    if expected == 1:
        return math.nan
    return (observed - expected) / (1 - expected)
