"""The corpus-scale parts of the comparison's JSON (version 2): every pair's metrics as
triangles, and which pairs get their full diff.

A corpus of N maps has N(N-1)/2 pairs, and a pair's full diff runs to kilobytes: the JSON
lists full diffs for small comparisons or for the pairs asked for, and gives every pair's
metrics compactly, each as a diagonal and an upper triangle (scipy's ``squareform`` order),
written in pieces so that millions of values never make one string (docs/compare-json.md).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import math
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeAlias

from argmap.comparison import Comparison
from argmap.errors import ExportError, MetricError
from argmap.files import read_chunks, remove, temporary_file, write_chunks
from argmap.pairwise import METRICS, PairwiseBits, pair_index
from argmap.workspace import _UNGUARDED, _check_spawning

__all__ = [
    "ALL_PAIRS_UP_TO",
    "METRICS_PROCESS_FROM",
    "METRIC_DECIMALS",
    "MetricsWriter",
    "PairChoice",
    "check_metrics",
    "choose_pairs",
    "is_corpus",
    "metrics_chunks",
    "metrics_entry",
    "metrics_schema",
    "nearest_authors",
]

#: A comparison of at most this many maps lists every pair's full diff by default.
ALL_PAIRS_UP_TO = 50
#: Decimal places of the values in ``metrics`` (Python's ``round``: the same on every path).
METRIC_DECIMALS = 6

PairChoice: TypeAlias = bool | Iterable[tuple[str, str]] | None


def is_corpus(c: Comparison) -> bool:
    """Whether a comparison is above :data:`ALL_PAIRS_UP_TO` maps: no pair listed in full by
    default, and the JSON's list items written one a line. Raises nothing."""
    return len(c.projections) > ALL_PAIRS_UP_TO


def choose_pairs(c: Comparison, pairs: PairChoice) -> tuple[list[tuple[str, str]], str]:
    """The pairs whose full diff to list, and how they were chosen (``"all"`` or
    ``"requested"``), for ``pairs`` as :func:`comparison_to_dict` takes it.

    A pair may name an author by key or by the path of its map file; each pair is listed
    once, in the order first named (``B,A`` after ``A,B`` is the same pair). Raises
    :class:`~argmap.errors.ExportError` for a name that is neither (the message lists the
    keys, or says the map file was left out as not loading) and for a pair of one author.
    """
    if pairs is None:
        pairs = not is_corpus(c)
    if pairs is True:
        return list(itertools.combinations(c.keys, 2)), "all"
    if pairs is False:
        return [], "requested"
    by_path = {os.path.normpath(p.path.absolute()): p.key for p in c.projections if p.path is not None}
    left_out = {os.path.normpath(Path(path).absolute()) for path, _problems in c.skipped}
    known = set(c.keys)

    def key(name: str) -> str:
        if name in known:
            return name
        where = os.path.normpath(Path(name).absolute())
        found = by_path.get(where)
        if found is None:
            if where in left_out:
                raise ExportError(f"the map file {name} was left out of the comparison because it does not load "
                                  "(it is among the files left out, with its problems): fix it, or name another pair")
            shown = ", ".join(list(c.keys)[:8]) + (", ..." if len(c.keys) > 8 else "")
            raise ExportError(f"no author {name!r} among the maps compared: name a pair by the keys of "
                              f"`sources[].id` ({shown}) or by map files")
        return found

    if isinstance(pairs, str):  # type: ignore[unreachable]  # a caller without type checks
        raise ExportError(f"pairs takes a list of pairs of authors, e.g. [(\"anna\", \"ben\")]; got the text {pairs!r}")
    chosen: dict[frozenset[str], tuple[str, str]] = {}
    for given in pairs:
        if isinstance(given, str) or len(given) != 2:
            raise ExportError(f"a pair is two authors, e.g. (\"anna\", \"ben\"); got {given!r}")
        a, b = given
        pair = key(a), key(b)
        if pair[0] == pair[1]:
            raise ExportError(f"the pair {a},{b} names one author twice ({pair[0]}): a pair is two authors")
        chosen.setdefault(frozenset(pair), pair)
    return list(chosen.values()), "requested"


def check_metrics(names: Sequence[str]) -> list[str]:
    """The metric names (``distance-ratio`` spelt either way), each once, in order. Raises
    :class:`~argmap.errors.MetricError` for an unknown one, and for one name given as the
    whole list (``"jaccard"`` for ``["jaccard"]``)."""
    if isinstance(names, str):
        raise MetricError(f"metrics takes a list of names, e.g. [{names!r}]; got the text {names!r}")
    chosen = [n.replace("-", "_") for n in names]
    unknown = [n for n in chosen if n not in METRICS]
    if unknown:
        raise MetricError(f"unknown metric {unknown[0]!r}; choose from {', '.join(METRICS)}")
    return list(dict.fromkeys(chosen))


#: Buckets per unit of the table of texts by value (:meth:`_Rounded.texts_of`): two distinct
#: fractions of a corpus's metrics (denominators up to a few hundred) differ by far more than
#: 2^-20, so each has a bucket of its own; a value that would share one is never taken for
#: another (the bucket's value is compared), and the piece is then looked up by sorting.
_BUCKETS = 1 << 20
#: Values from this many units on are looked up by sorting (the table would be too large).
_BUCKETS_UP_TO = 16


class _Rounded(dict[float, str]):
    """Each value's JSON text, rounded to :data:`METRIC_DECIMALS` places, made once per
    distinct value (a corpus has few distinct fractions, and millions of pairs). For numpy
    arrays it also keeps, for the values met so far, a table by bucket (``value * 2^20``
    rounded): the value in each bucket (NaN where none) and its text."""

    values: Any = None
    texts: Any = None

    def __missing__(self, value: float) -> str:
        text = repr(round(value, METRIC_DECIMALS)) if math.isfinite(value) else "null"
        self[value] = text
        return text

    def texts_of(self, np: Any, part: Any) -> list[str] | None:
        """The texts of a piece of finite, non-negative float64 values by their buckets, without
        a sort; None where a value lies past the table's range or two distinct values share a
        bucket (the caller then sorts). Values not met before are added to the table first."""
        if part.max() >= _BUCKETS_UP_TO:
            return None
        buckets = np.rint(part * _BUCKETS).astype(np.int64)
        size = int(buckets.max()) + 1
        if self.values is None or len(self.values) < size:
            values = np.full(size, np.nan)
            texts = np.empty(size, dtype=object)
            if self.values is not None:
                values[:len(self.values)] = self.values
                texts[:len(self.texts)] = self.texts
            self.values, self.texts = values, texts
        missing = self.values[buckets] != part  # NaN (an empty bucket) equals nothing
        if missing.any():
            new = np.unique(part[missing])
            at = np.rint(new * _BUCKETS).astype(np.int64)
            if len(np.unique(at)) < len(new) or not np.isnan(self.values[at]).all():
                return None  # two distinct values in one bucket
            self.values[at] = new
            self.texts[at] = [self[v] for v in new.tolist()]
        found: list[str] = self.texts[buckets].tolist()
        return found


def _values(values: Any) -> list[float]:
    return values.tolist() if hasattr(values, "tolist") else list(values)


def _texts(part: Any, rounded: _Rounded) -> list[str]:
    """Each value's text, in order. A numpy array (of the vectorised path) is looked up once
    per distinct value: whole numbers index a table directly, other values by their bucket in
    a table of the values met so far (:meth:`_Rounded.texts_of`), or else ``numpy.unique``
    gives the distinct values and where each value stands among them; the texts are taken
    by those places in C, instead of a dict lookup per value in Python. Only for values
    without a sign bit: ``unique`` takes -0.0 for 0.0, which :class:`_Rounded` would write
    as the first of the two it met."""
    np = sys.modules.get("numpy")
    if np is not None and isinstance(part, np.ndarray) and part.ndim == 1 and part.dtype == np.float64 \
            and not np.signbit(part).any():
        finite = len(part) > 0 and bool(np.isfinite(part).all())
        counts = part.astype(np.int64) if finite else None
        if counts is not None and (counts == part).all() and counts.max() < 1 << 16:
            # whole numbers (the unnormalised counts): each one's text at its own place in a
            # table, no sort needed; only the numbers present are looked up
            table = np.empty(int(counts.max()) + 1, dtype=object)
            present = np.flatnonzero(np.bincount(counts))
            table[present] = [rounded[float(v)] for v in present.tolist()]
            whole: list[str] = table[counts].tolist()
            return whole
        found = rounded.texts_of(np, part) if finite else None
        if found is not None:
            return found
        distinct, where = np.unique(part, return_inverse=True)
        texts = np.array([rounded[v] for v in distinct.tolist()], dtype=object)
        result: list[str] = texts[where.reshape(-1)].tolist()
        return result
    return list(map(rounded.__getitem__, _values(part)))


def _number_chunks(values: Any, rounded: _Rounded, size: int = 1 << 16) -> Iterator[str]:
    """A JSON array of the values on one line, in pieces of ``size`` values."""
    yield "["
    for start in range(0, len(values), size):
        yield ("," if start else "") + ",".join(_texts(values[start:start + size], rounded))
    yield "]"


def metrics_entry(c: Comparison, metrics: Sequence[str] = METRICS) -> dict[str, Any]:
    """Every pair's metrics as data: ``{"decimals": 6, metric: {"normalization": "none",
    "diagonal": [...], "upper": [...]}}``, ``upper`` holding the pairs ``(i, j)``, ``i < j``, of
    the authors in ``sources`` order, row by row (scipy's ``squareform`` order), rounded to
    :data:`METRIC_DECIMALS` places. Raises :class:`~argmap.errors.MetricError` for an
    unknown metric."""
    rounded = _Rounded()
    out: dict[str, Any] = {"decimals": METRIC_DECIMALS}
    for name in check_metrics(metrics):
        tri = c.matrix(name).triangle  # type: ignore[arg-type]
        out[name] = {"normalization": "none",
                     "diagonal": [json.loads(rounded[v]) for v in _values(tri.diagonal)],
                     "upper": [json.loads(rounded[v]) for v in _values(tri.upper)]}
    return out


def metrics_chunks(c: Comparison, metrics: Sequence[str], indent: str) -> Iterator[str]:
    """The ``metrics`` entry as JSON text in pieces, nested ``indent`` deep (each array on one
    line). Above :data:`ALL_PAIRS_UP_TO` maps each triangle is made for the writing and
    dropped after it (not kept in the comparison), so that only one is in memory at a time:
    400 MB for 10,000 maps. Raises :class:`~argmap.errors.MetricError` for an unknown metric."""
    names = check_metrics(metrics)
    if is_corpus(c) and names:
        bits = PairwiseBits(c.projections)
        return _triangle_chunks(lambda name: bits.matrix(name, "none"), names, indent)
    return _triangle_chunks(lambda name: c.matrix(name).triangle, names, indent)


def _triangle_chunks(triangle: Any, names: Sequence[str], indent: str) -> Iterator[str]:
    """The ``metrics`` entry's text, each metric's triangle got from ``triangle(name)`` when
    its turn comes and dropped after it."""
    rounded = _Rounded()
    yield f"{{\n{indent}  \"decimals\": {METRIC_DECIMALS}"
    for name in names:
        tri = triangle(name)
        yield f",\n{indent}  \"{name}\": {{\n{indent}    \"normalization\": \"none\",\n{indent}    \"diagonal\": "
        yield from _number_chunks(tri.diagonal, rounded)
        yield f",\n{indent}    \"upper\": "
        yield from _number_chunks(tri.upper, rounded)
        yield f"\n{indent}  }}"
        del tri
    yield f"\n{indent}}}"


#: From this many maps on, :class:`MetricsWriter` pays: Jaccard and the distance ratio of
#: 4,000 maps are about 135 MB of text and some 1.5 s to make (a sixth of 10,000 maps'),
#: against about 0.35 s to start a process and import numpy.
METRICS_PROCESS_FROM = 4000
#: Characters read at a time from the file a :class:`MetricsWriter` wrote.
_READ_SIZE = 1 << 20


#: The exit code of a :class:`MetricsWriter` process that could not write its file.
_CANNOT_WRITE = 3


def _write_metrics(bits: PairwiseBits, names: list[str], indent: str, path: str) -> None:
    """In a spawned process: the ``metrics`` entry's text (as :func:`metrics_chunks` makes
    it) written to ``path``; exit code :data:`_CANNOT_WRITE` where it cannot be (a full
    disk is no traceback: the main process makes the text instead)."""
    try:
        write_chunks(path, _triangle_chunks(lambda name: bits.matrix(name, "none"), names, indent), sync=False)
    except OSError:
        raise SystemExit(_CANNOT_WRITE) from None


class MetricsWriter:
    """The ``metrics`` entry of a corpus's JSON made in a second process while this one makes
    the rest: for 10,000 maps the two triangles are 850 MB of text and about half the time
    the JSON takes. The text goes to a temporary file (in :func:`tempfile.gettempdir`),
    read back by :meth:`chunks` and removed by :meth:`close`.

    A process that fails (killed, out of memory, the disk full) costs time, not the output:
    :meth:`chunks` then makes the text in this process, with a ``RuntimeWarning``. The
    process is spawned, so a script that uses this at its top level needs
    ``if __name__ == "__main__":``.
    """

    def __init__(self, c: Comparison, metrics: Sequence[str], indent: str) -> None:
        import multiprocessing

        _check_spawning()
        self._comparison, self._names, self._indent = c, check_metrics(metrics), indent
        self._path = temporary_file("argmap-metrics-", ".json")
        try:
            bits = PairwiseBits(c.projections)
            self._process = multiprocessing.get_context("spawn").Process(
                target=_write_metrics, args=(bits, self._names, indent, str(self._path)), daemon=True)
            self._process.start()
        except BaseException:
            remove(self._path)
            raise

    def chunks(self) -> Iterator[str]:
        """The entry's text in pieces, once the process is done (made here where it failed)."""
        self._process.join()
        if self._process.exitcode == 0:
            yield from read_chunks(self._path, _READ_SIZE)
            return
        import warnings

        code = self._process.exitcode
        why = (f"could not write its temporary file in {self._path.parent}" if code == _CANNOT_WRITE
               else f"was stopped by signal {-code}" if code is not None and code < 0
               else f"ended with exit code {code} ({_UNGUARDED})")
        warnings.warn(f"the process making the metrics {why}; making them in this process",
                      RuntimeWarning, stacklevel=2)
        yield from metrics_chunks(self._comparison, self._names, self._indent)

    def close(self) -> None:
        """Stop the process where it still runs and remove its file. Raises nothing."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        with contextlib.suppress(OSError):  # a temporary file that cannot be removed is left
            remove(self._path)


def metrics_schema() -> dict[str, Any]:
    """The JSON Schema of the ``metrics`` entry. Never raises."""
    numbers = {"type": "array", "items": {"type": ["number", "null"]}}
    properties = {"normalization": {"enum": ["none", "average", "jaccard"]},
                  "diagonal": {**numbers, "description": "Each author against themselves, in `sources` order."},
                  "upper": {**numbers, "description": "The pairs (i, j), i < j, of the authors in `sources` "
                                                      "order, row by row: (0,1), (0,2), ..., (1,2), ..."}}
    triangle = {"type": "object", "additionalProperties": False, "properties": properties,
                "required": list(properties)}
    return {"type": "object", "additionalProperties": False, "required": ["decimals"],
            "description": f"Every pair's metrics, rounded to `decimals` places ({METRIC_DECIMALS}).",
            "properties": {"decimals": {"type": "integer", "minimum": 0},
                           **dict.fromkeys(METRICS, triangle)}}


def nearest_authors(c: Comparison) -> list[tuple[str, str, float]]:
    """Each author's most similar other author by Jaccard similarity of the concepts used
    (the first in ``c.keys`` order where several are as similar), with that similarity:
    ``[(author, nearest, jaccard), ...]`` in ``c.keys`` order, empty for one author.

    What the text and Markdown reports give for a corpus in place of every pair (a corpus of
    N maps has N(N-1)/2 pairs; the JSON holds them all). Each row is one pass over the
    triangle (numpy's where the matrix was made with it), so N authors cost N^2 values read.
    Never raises for a comparison made by :func:`argmap.compare`.
    """
    tri = c.matrix("jaccard").triangle
    n, keys = tri.n, list(c.keys)
    np: Any = sys.modules.get("numpy")
    vectorised = np is not None and isinstance(tri.upper, np.ndarray)
    out: list[tuple[str, str, float]] = []
    for i in range(n if n > 1 else 0):
        if vectorised:
            k = np.arange(i)
            start = pair_index(i, i + 1, n) if i + 1 < n else 0
            row = np.concatenate([tri.upper[pair_index(k, i, n)],  # (k, i) for k < i, then (i, j)
                                  tri.upper[start:start + n - i - 1]])  # every column but i, in order
            at = int(np.argmax(row))  # the first of the largest
            j = at if at < i else at + 1
        else:
            values = tri.row(i)
            j = max((x for x in range(n) if x != i), key=values.__getitem__)  # the first of the largest
        out.append((keys[i], keys[j], tri.get(i, j)))
    return out
