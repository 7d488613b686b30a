"""Pairwise metrics for every pair of N authors, as author x author matrices.

:class:`PairwiseBits` encodes each author's concepts, stances and causal links as integer bit
sets, so that one metric for every pair costs a few ``int.bit_count`` calls per pair;
:class:`AgreementMatrix` holds the result packed (8 bytes a value). The values equal those of
:mod:`argmap.metrics` computed pair by pair (a property test checks it).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, TypeAlias

import attrs

from argmap.model import Stance

if TYPE_CHECKING:
    from argmap.projection import Projection

__all__ = ["METRICS", "AgreementMatrix", "Metric", "PairwiseBits"]

Metric: TypeAlias = Literal["jaccard", "distance_ratio", "congruence", "conflict"]
#: The pairwise metrics :meth:`argmap.Comparison.matrix` and :class:`argmap.MapDiff` provide.
METRICS: tuple[Metric, ...] = ("jaccard", "distance_ratio", "congruence", "conflict")


@attrs.frozen
class AgreementMatrix:
    """An author x author matrix of one pairwise metric: ``matrix[a, b]`` compares the authors
    with keys ``a`` and ``b``; ``rows[i][j]`` compares ``keys[i]`` with ``keys[j]``.

    Values are stored as one packed array of floats (8 bytes each), so that a matrix of
    1,000 authors takes 8 MB, not the 40 MB of nested tuples.
    """

    metric: str
    normalization: str
    keys: tuple[str, ...]
    _values: array[float] = attrs.field(repr=False, hash=False)
    _index: dict[str, int] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if len(self._values) != len(self.keys) ** 2:
            raise ValueError(f"{len(self.keys)} keys need {len(self.keys) ** 2} values, got {len(self._values)}")
        object.__setattr__(self, "_index", {k: i for i, k in enumerate(self.keys)})

    def __repr__(self) -> str:
        keys = ", ".join(self.keys[:6]) + (f", ... ({len(self.keys) - 6} more)" if len(self.keys) > 6 else "")
        norm = f", {self.normalization} normalisation" if self.normalization != "none" else ""
        return f"<AgreementMatrix {self.metric}{norm}, {len(self.keys)} x {len(self.keys)}: {keys}>"

    def __getitem__(self, pair: tuple[str, str]) -> float:
        i, j = self._index[pair[0]], self._index[pair[1]]
        return self._values[i * len(self.keys) + j]

    def row(self, key: str) -> tuple[float, ...]:
        """One author's values against every author, in key order."""
        n = len(self.keys)
        start = self._index[key] * n
        return tuple(self._values[start:start + n])

    @property
    def rows(self) -> tuple[tuple[float, ...], ...]:
        """The matrix as a tuple of rows."""
        return tuple(self.row(k) for k in self.keys)

    def to_dict(self) -> dict[str, dict[str, float]]:
        """The matrix as ``{row key: {column key: value}}``."""
        return {k: dict(zip(self.keys, self.row(k), strict=True)) for k in self.keys}


class PairwiseBits:
    """Each projection's concepts, stances and links as integer bit sets, so that a metric
    for every pair of N authors costs a few ``int.bit_count`` calls per pair. Like the
    metrics, the bits see each map as a whole: stances and links of all periods pooled
    (:meth:`Projection.qualifiers`, :meth:`Projection.arcs`).

    Valid for the strengths projections use (+1, -1, 0), where the distance ratio's
    per-cell difference ``|a - b|`` equals ``|sgn a - sgn b|``: the numerator is then the
    number of links each author asserts, minus twice the links both assert with one sign.
    """

    def __init__(self, projections: Sequence[Projection]) -> None:
        concept_bit: dict[str, int] = {}
        cell_bit: dict[tuple[str, str], int] = {}

        def concept(key: str) -> int:
            return 1 << concept_bit.setdefault(key, len(concept_bit))

        def cell(key: tuple[str, str]) -> int:
            return 1 << cell_bit.setdefault(key, len(cell_bit))

        self.concepts: list[int] = []
        self.causal: list[int] = []
        self.stances: list[int] = []
        self.affirms: list[int] = []
        self.denies: list[int] = []
        self.helps: list[int] = []
        self.hinders: list[int] = []
        for p in projections:
            concepts = causal = stances = affirms = denies = helps = hinders = 0
            for cid, qualifiers in p.qualifiers().items():  # the periods pooled, as the metrics take them
                b = concept(cid)
                concepts |= b
                for q in qualifiers:
                    stances |= cell((cid, q))
                if Stance.AFFIRMS.value in qualifiers:
                    affirms |= b
                if Stance.DENIES.value in qualifiers:
                    denies |= b
            for cid in p.causal_concepts:
                causal |= concept(cid)
            for arc, strength in p.arcs().items():
                if strength > 0:
                    helps |= cell(arc)
                elif strength < 0:
                    hinders |= cell(arc)
            self.concepts.append(concepts)
            self.causal.append(causal)
            self.stances.append(stances)
            self.affirms.append(affirms)
            self.denies.append(denies)
            self.helps.append(helps)
            self.hinders.append(hinders)

    def matrix(self, metric: str, normalization: str) -> array[float]:
        """One metric for every pair, row-major (upper triangle computed, then mirrored)."""
        n = len(self.concepts)
        values = array("d", bytes(8 * n * n))
        if metric == "jaccard":
            sets = self.concepts
            for i in range(n):
                a, base = sets[i], i * n
                for j in range(i, n):
                    union = (a | sets[j]).bit_count()
                    values[base + j] = (a & sets[j]).bit_count() / union if union else 1.0
        elif metric == "distance_ratio":
            causal, helps, hinders = self.causal, self.helps, self.hinders
            sizes = [k.bit_count() for k in causal]
            linked = [(h | d).bit_count() for h, d in zip(helps, hinders, strict=True)]
            for i in range(n):
                ki, hi, di, si, li, base = causal[i], helps[i], hinders[i], sizes[i], linked[i], i * n
                for j in range(i, n):
                    pc = (ki & causal[j]).bit_count()
                    pa, pb = si - pc, sizes[j] - pc
                    denominator = 2 * pc * pc + 2 * pc * (pa + pb) + pa * pa + pb * pb - (2 * pc + pa + pb)
                    if denominator > 0:
                        same = (hi & helps[j]).bit_count() + (di & hinders[j]).bit_count()
                        values[base + j] = (li + linked[j] - 2 * same) / denominator
        else:
            cells, affirms, denies = self.stances, self.affirms, self.denies
            sizes = [c.bit_count() for c in cells]
            for i in range(n):
                ci, ai, di, si, base = cells[i], affirms[i], denies[i], sizes[i], i * n
                for j in range(i, n):
                    if metric == "congruence":
                        count = (ci & cells[j]).bit_count()
                    else:
                        count = (ai & denies[j]).bit_count() + (di & affirms[j]).bit_count()
                    if normalization == "none":
                        values[base + j] = count
                    else:
                        norm = (si + sizes[j]) / 2 if normalization == "average" else (ci | cells[j]).bit_count()
                        values[base + j] = count / norm if norm else 0.0
        for i in range(n):
            for j in range(i + 1, n):
                values[j * n + i] = values[i * n + j]
        return values
