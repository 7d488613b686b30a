"""Two encodings of the same source text compared node by node: the teaching comparison.

A student's map and a reference map of one text share the text, so their nodes can be
aligned by the overlap of their quotes (character offsets), and their edges compared
between aligned nodes: precision, recall, and agreement on kinds and concepts.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from argmap import metrics
from argmap.errors import DifferentTextError, LoadError, MetricError, Problem
from argmap.files import sha256
from argmap.model import ArgumentMap, Edge, Node
from argmap.quotes import anchor, source_path

__all__ = ["NodeMatch", "SameTextComparison", "compare_same_text"]


def _intervals(node: Node) -> list[tuple[int, int]]:
    spans = sorted((s.start, s.end) for q in node.quotes for s in q.spans)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _overlap(x: list[tuple[int, int]], y: list[tuple[int, int]]) -> int:
    i = j = total = 0
    while i < len(x) and j < len(y):
        lo, hi = max(x[i][0], y[j][0]), min(x[i][1], y[j][1])
        if lo < hi:
            total += hi - lo
        if x[i][1] < y[j][1]:
            i += 1
        else:
            j += 1
    return total


@attrs.frozen
class NodeMatch:
    """A node of map a and the node of map b whose quotes cover the same passage.

    ``overlap`` is the shared characters over the length of the shorter of the two quoted
    passages (1.0: one lies wholly inside the other).
    """

    a: Node
    b: Node
    overlap: float

    @property
    def same_kind(self) -> bool:
        """Whether both nodes have the same kind."""
        return self.a.kind is self.b.kind

    @property
    def same_concept(self) -> bool:
        """Whether both nodes link the same concept (or both none)."""
        return self.a.concept == self.b.concept


def _nan_ratio(part: int, whole: int) -> float:
    return part / whole if whole else float("nan")


@attrs.frozen
class SameTextComparison:
    """Two encodings of one source text, node by node: the teaching comparison.

    Map ``b`` is the reference: precision is the share of ``a``'s nodes (edges) found in
    ``b``, recall the share of ``b``'s found in ``a``. Nodes are aligned one to one by the
    overlap of their quotes; an edge of ``a`` is found when ``b`` has an edge between the
    aligned nodes with the same relation and sign, and ``relabelled`` where ``b`` joins the
    same two nodes differently (another relation or sign, or the other direction).
    """

    how: str
    matches: tuple[NodeMatch, ...]
    missed: tuple[Node, ...]
    added: tuple[Node, ...]
    matched_edges: tuple[tuple[Edge, Edge], ...]
    relabelled_edges: tuple[tuple[Edge, Edge], ...]
    missed_edges: tuple[Edge, ...]
    added_edges: tuple[Edge, ...]
    map_a: ArgumentMap = attrs.field(eq=False, repr=False)
    map_b: ArgumentMap = attrs.field(eq=False, repr=False)

    def __repr__(self) -> str:
        return (f"<SameTextComparison {self.map_a.id} vs {self.map_b.id} by {self.how}: "
                f"{len(self.matches)} nodes matched, {len(self.missed)} missed, {len(self.added)} added>")

    @property
    def node_precision(self) -> float:
        """Share of a's nodes that have a counterpart in b (nan for no nodes)."""
        return _nan_ratio(len(self.matches), len(self.map_a.nodes))

    @property
    def node_recall(self) -> float:
        """Share of b's nodes that have a counterpart in a."""
        return _nan_ratio(len(self.matches), len(self.map_b.nodes))

    @property
    def edge_precision(self) -> float:
        """Share of a's edges found in b (nan where a has no edges)."""
        return _nan_ratio(len(self.matched_edges), len(self.map_a.edges))

    @property
    def edge_recall(self) -> float:
        """Share of b's edges found in a (nan where b has no edges)."""
        return _nan_ratio(len(self.matched_edges), len(self.map_b.edges))

    @property
    def kind_agreement(self) -> float:
        """Share of aligned nodes given the same kind."""
        return _nan_ratio(sum(m.same_kind for m in self.matches), len(self.matches))

    @property
    def concept_agreement(self) -> float:
        """Share of aligned nodes linked to the same concept (or both to none)."""
        return _nan_ratio(sum(m.same_concept for m in self.matches), len(self.matches))

    @property
    def kind_kappa(self) -> float:
        """Cohen's kappa of the kinds given to aligned nodes (nan where undefined)."""
        return metrics.cohen_kappa([m.a.kind.value for m in self.matches],
                                   [m.b.kind.value for m in self.matches])

    @property
    def concept_kappa(self) -> float:
        """Cohen's kappa of the concepts of aligned nodes, no concept counting as a category."""
        return metrics.cohen_kappa([m.a.concept or "" for m in self.matches],
                                   [m.b.concept or "" for m in self.matches])

    def swapped(self) -> SameTextComparison:
        """The comparison with a and b exchanged (b's view of a)."""
        return SameTextComparison(
            self.how, tuple(NodeMatch(m.b, m.a, m.overlap) for m in self.matches),
            self.added, self.missed, tuple((y, x) for x, y in self.matched_edges),
            tuple((y, x) for x, y in self.relabelled_edges), self.added_edges,
            self.missed_edges, self.map_b, self.map_a)


def _anchored(amap: ArgumentMap) -> ArgumentMap:
    if all(q.anchored for n in amap.nodes for q in n.quotes):
        return amap
    return anchor(amap)


def compare_same_text(a: ArgumentMap, b: ArgumentMap, *, min_overlap: float = 0.5) -> SameTextComparison:
    """Align two maps of the same source node by node, taking ``b`` as the reference.

    Two nodes are candidates when their quoted passages share at least ``min_overlap`` of
    the shorter one; candidates are paired greedily, largest overlap first (ties in file
    order), each node at most once. Quotes not yet anchored are looked up in the source
    text first (:class:`~argmap.errors.QuoteError` where one is not there).

    Both maps must quote the same text: the same file, or files with the same content
    (SHA-256). Raises :class:`~argmap.errors.DifferentTextError` where they do not (and
    :class:`~argmap.errors.LoadError` where a source text cannot be read to tell);
    :class:`~argmap.errors.MetricError` for ``min_overlap`` outside (0, 1]; and, where
    quotes must be looked up, :class:`~argmap.errors.LoadError` where the source text cannot
    be read and :class:`~argmap.errors.QuoteError` where a quote is not in it.
    """
    if not 0 < min_overlap <= 1:
        raise MetricError(f"min_overlap must lie in (0, 1], got {min_overlap!r}")
    fa, fb = source_path(a), source_path(b)
    try:
        how = "same file" if fa.resolve() == fb.resolve() else "identical text"
    except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop, before Python 3.13
        how = "identical text"
    if how != "same file":
        try:
            same = sha256(fa) == sha256(fb)
        except OSError as exc:
            raise LoadError(Problem(f"cannot read the source text to tell whether the two maps quote the "
                                    f"same text: {exc.strerror or exc}", path=Path(exc.filename or fa))) from None
        if not same:
            raise DifferentTextError(
                f"{fa} and {fb} are different texts (their contents differ), so the two maps cannot be "
                "aligned node by node; compare them by their concepts instead (diff without same_text=True)")
    a, b = _anchored(a), _anchored(b)
    spans_b = [(n, _intervals(n)) for n in b.nodes]
    candidates: list[tuple[float, int, int]] = []
    for i, na in enumerate(a.nodes):
        xa = _intervals(na)
        if not xa:
            continue
        length_a = sum(e - s for s, e in xa)
        for j, (_nb, xb) in enumerate(spans_b):
            if not xb or xb[0][0] >= xa[-1][1] or xa[0][0] >= xb[-1][1]:
                continue
            shared = _overlap(xa, xb)
            if shared:
                ratio = shared / min(length_a, sum(e - s for s, e in xb))
                if ratio >= min_overlap:
                    candidates.append((-ratio, i, j))
    candidates.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[NodeMatch] = []
    for neg_ratio, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append(NodeMatch(a.nodes[i], b.nodes[j], -neg_ratio))
    pairs.sort(key=lambda m: a.nodes.index(m.a))
    to_b = {m.a.id: m.b.id for m in pairs}
    remaining = list(b.edges)
    matched: list[tuple[Edge, Edge]] = []
    unmatched_a: list[Edge] = []
    for edge in a.edges:
        ends = (to_b.get(edge.source), to_b.get(edge.target))
        hit = next((e for e in remaining if (e.source, e.target) == ends
                    and e.relation is edge.relation and e.sign == edge.sign), None)
        if hit is None:
            unmatched_a.append(edge)
        else:
            remaining.remove(hit)
            matched.append((edge, hit))
    relabelled: list[tuple[Edge, Edge]] = []
    added: list[Edge] = []
    for edge in unmatched_a:
        pair = {to_b.get(edge.source), to_b.get(edge.target)}
        hit = next((e for e in remaining if None not in pair and {e.source, e.target} == pair), None)
        if hit is None:
            added.append(edge)
        else:
            remaining.remove(hit)
            relabelled.append((edge, hit))
    return SameTextComparison(
        how, tuple(pairs),
        tuple(n for j, n in enumerate(b.nodes) if j not in used_b),
        tuple(n for i, n in enumerate(a.nodes) if i not in used_a),
        tuple(matched), tuple(relabelled), tuple(remaining), tuple(added), a, b,
    )
