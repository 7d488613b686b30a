"""Pairwise metrics for every pair of N authors, as author x author matrices.

:class:`PairwiseBits` encodes each author's concepts, stances and causal links as integer bit
sets, so that one metric for every pair costs a few ``int.bit_count`` calls per pair. From
:data:`VECTORISE_FROM` authors on, where numpy is installed (the ``fast`` extra), the same
counts come from numpy's population count over the bit sets packed into 64-bit words, row by
row: the same integers, divided in the same IEEE double arithmetic, so the values are equal
bit for bit (a property test checks both paths against :mod:`argmap.metrics` pair by pair).

A matrix is symmetric, so :class:`AgreementMatrix` keeps its diagonal and its upper triangle
(the pairs ``i < j`` row by row, the order of ``scipy.spatial.distance.squareform``), 8 bytes
a value: 1,000 authors take 4 MB, 10,000 authors 400 MB, each matrix made only when asked for.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import attrs

from argmap.model import Stance

if TYPE_CHECKING:
    from argmap.projection import Projection

__all__ = ["METRICS", "VECTORISE_FROM", "VECTORISE_IMPORTED", "AgreementMatrix", "Metric", "PairwiseBits", "Triangle",
           "pair_index"]

Metric: TypeAlias = Literal["jaccard", "distance_ratio", "congruence", "conflict"]
#: The pairwise metrics :meth:`argmap.Comparison.matrix` and :class:`argmap.MapDiff` provide.
METRICS: tuple[Metric, ...] = ("jaccard", "distance_ratio", "congruence", "conflict")

#: From this many authors on, matrices are computed with numpy where it is installed; below,
#: the pure-Python loop is quicker, numpy's import (~120 ms) included. Where numpy has been
#: imported already, from :data:`VECTORISE_IMPORTED` authors on (docs/performance.md).
VECTORISE_FROM = 600
VECTORISE_IMPORTED = 50
#: About how many 64-bit words one block of the numpy path counts at once (32 MB of them).
_BLOCK_WORDS = 1 << 22


def pair_index(i: int, j: int, n: int) -> int:
    """The place of the pair ``(i, j)``, ``i < j < n``, in an upper triangle stored row by row."""
    return i * (2 * n - i - 1) // 2 + (j - i - 1)


@attrs.frozen
class Triangle:
    """The values of a symmetric n x n matrix: its ``diagonal`` (n values) and its ``upper``
    triangle without the diagonal (n(n-1)/2 values, the pairs ``i < j`` row by row), each a
    sequence of floats (a packed ``array('d')``, or a numpy array of float64)."""

    n: int
    diagonal: Any = attrs.field(repr=False, eq=False)
    upper: Any = attrs.field(repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if len(self.diagonal) != self.n or len(self.upper) != self.n * (self.n - 1) // 2:
            raise ValueError(f"a triangle of {self.n} keys needs {self.n} diagonal and "
                             f"{self.n * (self.n - 1) // 2} upper values")

    @classmethod
    def from_square(cls, values: Sequence[float]) -> Triangle:
        """The triangle of a full matrix given row by row (n*n values; the upper half is read)."""
        n = round(len(values) ** 0.5)
        if n * n != len(values):
            raise ValueError(f"{len(values)} values are not a square matrix")
        upper = array("d", (values[i * n + j] for i in range(n) for j in range(i + 1, n)))
        return cls(n, array("d", (values[i * n + i] for i in range(n))), upper)

    def get(self, i: int, j: int) -> float:
        """The value at row ``i``, column ``j``."""
        if i == j:
            return float(self.diagonal[i])
        if i > j:
            i, j = j, i
        return float(self.upper[pair_index(i, j, self.n)])

    def row(self, i: int) -> list[float]:
        """Row ``i``, every column in order."""
        n, up = self.n, self.upper
        out = [float(up[pair_index(k, i, n)]) for k in range(i)]
        out.append(float(self.diagonal[i]))
        start = pair_index(i, i + 1, n) if i + 1 < n else 0
        out.extend(float(v) for v in up[start:start + n - i - 1])
        return out


def _unknown_author(key: str, keys: Sequence[str]) -> str:
    """The message for a key that names no author: the first keys, to show their form."""
    shown = ", ".join(keys[:5]) + (f", ... ({len(keys) - 5} more)" if len(keys) > 5 else "")
    return f"no author {key!r} among the {len(keys)} compared; the keys are sources[].id: {shown}"


@attrs.frozen
class AgreementMatrix:
    """An author x author matrix of one pairwise metric: ``matrix[a, b]`` compares the authors
    with keys ``a`` and ``b``; ``rows[i][j]`` compares ``keys[i]`` with ``keys[j]``.

    The values are kept as a :class:`Triangle` (the diagonal and the upper triangle, 8 bytes
    a value); ``values`` may also be given as a full matrix, n*n floats row by row.
    """

    metric: str
    normalization: str
    keys: tuple[str, ...]
    _values: Triangle | Sequence[float] = attrs.field(repr=False, hash=False, eq=False)
    _index: dict[str, int] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        values = self._values
        if not isinstance(values, Triangle):
            if len(values) != len(self.keys) ** 2:
                raise ValueError(f"{len(self.keys)} keys need {len(self.keys) ** 2} values, got {len(values)}")
            object.__setattr__(self, "_values", Triangle.from_square(values))
        elif values.n != len(self.keys):
            raise ValueError(f"{len(self.keys)} keys need a triangle of {len(self.keys)}, got {values.n}")
        object.__setattr__(self, "_index", {k: i for i, k in enumerate(self.keys)})

    def __repr__(self) -> str:
        keys = ", ".join(self.keys[:6]) + (f", ... ({len(self.keys) - 6} more)" if len(self.keys) > 6 else "")
        norm = f", {self.normalization} normalisation" if self.normalization != "none" else ""
        return f"<AgreementMatrix {self.metric}{norm}, {len(self.keys)} x {len(self.keys)}: {keys}>"

    def __getitem__(self, pair: tuple[str, str]) -> float:
        return self.triangle.get(self._at(pair[0]), self._at(pair[1]))

    def _at(self, key: str) -> int:
        try:
            return self._index[key]
        except KeyError:
            raise KeyError(_unknown_author(key, self.keys)) from None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AgreementMatrix):
            return NotImplemented
        return ((self.metric, self.normalization, self.keys) == (other.metric, other.normalization, other.keys)
                and self.rows == other.rows)

    def __hash__(self) -> int:
        return hash((self.metric, self.normalization, self.keys))

    def row(self, key: str) -> tuple[float, ...]:
        """One author's values against every author, in key order. ``KeyError`` for an
        unknown key."""
        return tuple(self.triangle.row(self._at(key)))

    @property
    def rows(self) -> tuple[tuple[float, ...], ...]:
        """The matrix as a tuple of rows, made anew at each use: N x N values, which a
        corpus cannot keep (10,000 authors: 100 million). In a loop, take one value with
        ``matrix[a, b]``, one author's with :meth:`row`, or read :attr:`triangle`."""
        return tuple(self.row(k) for k in self.keys)

    @property
    def triangle(self) -> Triangle:
        """The values as stored: the diagonal and the upper triangle (see :class:`Triangle`)."""
        assert isinstance(self._values, Triangle)  # made one in __attrs_post_init__
        return self._values

    def to_dict(self) -> dict[str, dict[str, float]]:
        """The matrix as ``{row key: {column key: value}}``."""
        return {k: dict(zip(self.keys, self.row(k), strict=True)) for k in self.keys}


def numpy_or_none() -> Any:
    """numpy where it is installed (the ``fast`` extra), else None."""
    if "numpy" in sys.modules:
        return sys.modules["numpy"]
    try:
        import numpy
    except ImportError:
        return None
    return numpy


class PairwiseBits:
    """Each projection's concepts, stances and links as integer bit sets, so that a metric
    for every pair of N authors costs a few ``int.bit_count`` calls per pair (or a numpy
    population count over packed words, from :data:`VECTORISE_FROM` authors on). Like the
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
        self._widths = {"concepts": len(concept_bit), "cells": len(cell_bit)}
        self._words: dict[str, Any] = {}
        self._functions: dict[tuple[str, str], Callable[[int, int], float]] = {}

    def __len__(self) -> int:
        return len(self.concepts)

    def matrix(self, metric: str, normalization: str, *, vectorised: bool | None = None) -> Triangle:
        """One metric for every pair. ``vectorised`` chooses the numpy path (True; it needs
        numpy), the pure one (False), or the quicker for this many authors (None)."""
        n = len(self)
        np = numpy_or_none() if vectorised else None
        if vectorised and np is None:
            raise ModuleNotFoundError("the vectorised metrics need numpy: pip install 'argmap[fast]'")
        threshold = VECTORISE_IMPORTED if "numpy" in sys.modules else VECTORISE_FROM
        if vectorised or (vectorised is None and n >= threshold and (np := numpy_or_none()) is not None):
            return self._vectorised(np, metric, normalization)
        return self._pure(metric, normalization)

    def _pure(self, metric: str, normalization: str) -> Triangle:
        """The pure-Python loop: the same arithmetic as :meth:`pair_function`, inlined."""
        n = len(self)
        upper = array("d", bytes(8 * (n * (n - 1) // 2)))
        pair = self.pair_function(metric, normalization)
        diagonal = array("d", (pair(i, i) for i in range(n)))
        k = 0
        if metric == "jaccard":
            sets = self.concepts
            for i in range(n):
                a = sets[i]
                for j in range(i + 1, n):
                    union = (a | sets[j]).bit_count()
                    upper[k] = (a & sets[j]).bit_count() / union if union else 1.0
                    k += 1
        elif metric == "distance_ratio":
            causal, helps, hinders = self.causal, self.helps, self.hinders
            sizes = [c.bit_count() for c in causal]
            linked = [(h | d).bit_count() for h, d in zip(helps, hinders, strict=True)]
            for i in range(n):
                ki, hi, di, si, li = causal[i], helps[i], hinders[i], sizes[i], linked[i]
                for j in range(i + 1, n):
                    pc = (ki & causal[j]).bit_count()
                    pa, pb = si - pc, sizes[j] - pc
                    denominator = 2 * pc * pc + 2 * pc * (pa + pb) + pa * pa + pb * pb - (2 * pc + pa + pb)
                    if denominator > 0:
                        same = (hi & helps[j]).bit_count() + (di & hinders[j]).bit_count()
                        upper[k] = (li + linked[j] - 2 * same) / denominator
                    k += 1
        else:
            cells, affirms, denies = self.stances, self.affirms, self.denies
            sizes = [c.bit_count() for c in cells]
            for i in range(n):
                ci, ai, di, si = cells[i], affirms[i], denies[i], sizes[i]
                for j in range(i + 1, n):
                    if metric == "congruence":
                        count = (ci & cells[j]).bit_count()
                    else:
                        count = (ai & denies[j]).bit_count() + (di & affirms[j]).bit_count()
                    if normalization == "none":
                        upper[k] = count
                    else:
                        norm = (si + sizes[j]) / 2 if normalization == "average" else (ci | cells[j]).bit_count()
                        upper[k] = count / norm if norm else 0.0
                    k += 1
        return Triangle(n, diagonal, upper)

    def pair_function(self, metric: str, normalization: str) -> Callable[[int, int], float]:
        """The metric as a function of one pair of author indexes ``(i, j)``, from the bit sets:
        the reference the matrices' loops and the numpy path equal bit for bit, and the way to
        a few pairs' values without a matrix (made once per metric and normalization: it holds
        each author's set sizes). Raises nothing itself; the function raises ``IndexError`` for
        an index out of range."""
        made = self._functions.get((metric, normalization))
        if made is None:
            made = self._functions[metric, normalization] = self._make_pair_function(metric, normalization)
        return made

    def _make_pair_function(self, metric: str, normalization: str) -> Callable[[int, int], float]:
        if metric == "jaccard":
            sets = self.concepts

            def jaccard(i: int, j: int) -> float:
                union = (sets[i] | sets[j]).bit_count()
                return (sets[i] & sets[j]).bit_count() / union if union else 1.0

            return jaccard
        if metric == "distance_ratio":
            causal, helps, hinders = self.causal, self.helps, self.hinders
            sizes = [k.bit_count() for k in causal]
            linked = [(h | d).bit_count() for h, d in zip(helps, hinders, strict=True)]

            def distance_ratio(i: int, j: int) -> float:
                pc = (causal[i] & causal[j]).bit_count()
                pa, pb = sizes[i] - pc, sizes[j] - pc
                denominator = 2 * pc * pc + 2 * pc * (pa + pb) + pa * pa + pb * pb - (2 * pc + pa + pb)
                if denominator <= 0:
                    return 0.0
                same = (helps[i] & helps[j]).bit_count() + (hinders[i] & hinders[j]).bit_count()
                return (linked[i] + linked[j] - 2 * same) / denominator

            return distance_ratio
        cells, affirms, denies = self.stances, self.affirms, self.denies
        cell_sizes = [c.bit_count() for c in cells]
        congruent = metric == "congruence"

        def stance_metric(i: int, j: int) -> float:
            if congruent:
                count = (cells[i] & cells[j]).bit_count()
            else:
                count = (affirms[i] & denies[j]).bit_count() + (denies[i] & affirms[j]).bit_count()
            if normalization == "none":
                return float(count)
            norm = ((cell_sizes[i] + cell_sizes[j]) / 2 if normalization == "average"
                    else (cells[i] | cells[j]).bit_count())
            return count / norm if norm else 0.0

        return stance_metric

    # --- numpy ------------------------------------------------------------------------------

    def _packed(self, np: Any, name: str) -> Any:
        """One family of bit sets as an n x words array of little-endian 64-bit words; for
        ``"links"``, the causal links that help and those that hinder side by side (one row
        holds both halves, so that one count gives the links two authors sign alike)."""
        if name not in self._words:
            if name == "links":
                self._words[name] = np.hstack([self._packed(np, "helps"), self._packed(np, "hinders")])
                return self._words[name]
            sets: list[int] = getattr(self, name)
            space = "concepts" if name in ("concepts", "causal", "affirms", "denies") else "cells"
            words = max(1, (self._widths[space] + 63) // 64)  # one width per space: families combine
            data = b"".join(s.to_bytes(8 * words, "little") for s in sets)
            self._words[name] = np.frombuffer(data, dtype="<u8").reshape(len(sets), words)
        return self._words[name]

    def _sizes(self, np: Any, name: str) -> Any:
        return np.bitwise_count(self._packed(np, name)).sum(axis=1, dtype=np.int64)

    def _shared(self, np: Any, rows: slice, cols: slice, first: str, second: str | None = None) -> Any:
        """``|first_i & second_j|`` for the rows ``i`` and the columns ``j`` given, as int64."""
        a = self._packed(np, first)
        b = a if second is None else self._packed(np, second)
        return np.bitwise_count(a[rows, None, :] & b[None, cols, :]).sum(axis=2, dtype=np.int64)

    def _vectorised(self, np: Any, metric: str, normalization: str) -> Triangle:
        """The numpy path: counts for a block of rows against the columns from the block's
        first row on (a block holds about 4 million words; the pairs left of the diagonal are
        never counted), each row's part right of the diagonal kept."""
        n = len(self)
        upper = np.empty(n * (n - 1) // 2, dtype=np.float64)
        pair = self.pair_function(metric, normalization)
        diagonal = np.array([pair(i, i) for i in range(n)], dtype=np.float64)
        words = max(self._packed(np, "concepts").shape[1], 2 * self._packed(np, "stances").shape[1])
        start = 0
        while start < n - 1:
            # the columns shrink as the rows go down: each block takes as many rows as fit
            block = max(1, _BLOCK_WORDS // max(1, (n - start) * words))
            rows = slice(start, min(n - 1, start + block))
            values = self._block(np, metric, normalization, rows, slice(start, n))
            for r, i in enumerate(range(rows.start, rows.stop)):
                at = pair_index(i, i + 1, n)
                upper[at:at + n - i - 1] = values[r, i + 1 - start:]
            start = rows.stop
        return Triangle(n, diagonal, upper)

    def _block(self, np: Any, metric: str, normalization: str, rows: slice, cols: slice) -> Any:
        """The metric for the rows against the columns given (the same arithmetic as
        :meth:`pair_function`: integer counts, then one IEEE division)."""
        if metric == "jaccard":
            sizes = self._sizes(np, "concepts")
            shared = self._shared(np, rows, cols, "concepts")
            union = sizes[rows, None] + sizes[None, cols] - shared
            out = np.ones(union.shape, dtype=np.float64)
            return np.divide(shared, union, out=out, where=union > 0)
        if metric == "distance_ratio":
            sizes = self._sizes(np, "causal")
            linked = np.bitwise_count(self._packed(np, "helps") | self._packed(np, "hinders")).sum(
                axis=1, dtype=np.int64)
            # The denominator of pair_function, 2pc^2 + 2pc(pa + pb) + pa^2 + pb^2 - (2pc + pa + pb)
            # with pa = a - pc and pb = b - pc (a, b the two sizes), is a^2 + b^2 - (a + b): the
            # same integer, from each author's size alone, without the shared count.
            own = sizes * (sizes - 1)
            denominator = own[rows, None] + own[None, cols]
            same = self._shared(np, rows, cols, "links")  # helps in common plus hinders in common
            numerator = linked[rows, None] + linked[None, cols] - 2 * same
            out = np.zeros(denominator.shape, dtype=np.float64)
            return np.divide(numerator, denominator, out=out, where=denominator > 0)
        if metric == "congruence":
            count = self._shared(np, rows, cols, "stances")
        else:
            count = (self._shared(np, rows, cols, "affirms", "denies")
                     + self._shared(np, rows, cols, "denies", "affirms"))
        if normalization == "none":
            return count.astype(np.float64)
        sizes = self._sizes(np, "stances")
        if normalization == "average":
            norm = (sizes[rows, None] + sizes[None, cols]) / 2
        else:
            norm = sizes[rows, None] + sizes[None, cols] - self._shared(np, rows, cols, "stances")
        out = np.zeros(norm.shape, dtype=np.float64)
        return np.divide(count, norm, out=out, where=norm != 0)
