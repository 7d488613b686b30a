"""What makes an imported graph a valid map: loops resolved and a thesis inferred.

Corpora hold structures argmap's rules refuse (``argmap validate`` reports them as errors):
rephrase (AIF MA) loops, mutual support, inferences whose premise is their own conclusion.
:func:`resolve_loops` turns them into a valid map, each change reported in a notice:

1. **rephrase loops** (nodes that rephrase one another in a cycle) are merged into one node:
   the first of them in file order, keeping every quote of the others and naming them in
   its note;
2. **self-loops** (an edge from a node to itself, after merging or as written) are left out;
3. **repeated edges** (same ends, relation and sign, after merging) are kept once;
4. **cycles of** ``supports`` **edges** are broken at the edge the file lists last: edges are
   taken in file order and one that would close a cycle is left out.

:func:`infer_thesis` chooses the thesis where the file does not tell: among the conclusions
that support or attack nothing further (else among all nodes), the root of the largest
argument, i.e. the one the most nodes reach through edges; ties go to the first in file order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Sequence

import attrs

from argmap.model import Edge, Kind, Node, Quote, Relation

TYPE_CHECKING = False
if TYPE_CHECKING:  # _common imports this module
    from argmap.formats._common import Notices

__all__ = ["infer_thesis", "resolve_loops"]

Where = Callable[[str], tuple[int | None, int | None]]


def _components(ids: Sequence[str], pairs: Collection[tuple[str, str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (iterative Tarjan), each in
    file order, in the order of their first node."""
    graph: dict[str, list[str]] = defaultdict(list)
    for a, b in pairs:
        graph[a].append(b)
    order = {n: i for i, n in enumerate(ids)}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in ids:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on.add(node)
            succ = graph.get(node, [])
            if i < len(succ):
                work.append((node, i + 1))
                nxt = succ[i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                part = []
                while True:
                    top = stack.pop()
                    on.discard(top)
                    part.append(top)
                    if top == node:
                        break
                if len(part) > 1:
                    found.append(sorted(part, key=order.__getitem__))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return sorted(found, key=lambda part: order[part[0]])


def _merge(group: list[Node]) -> Node:
    first = group[0]
    quotes: dict[str, Quote] = {}
    for n in group:
        for q in n.quotes:
            quotes.setdefault(q.text, q)
    others = ", ".join(repr(n.id) for n in group[1:])
    wordings = "; ".join(f"{n.id}: {' '.join(n.label.split())}" for n in group[1:])
    note = f"merged with its rephrasings {others} ({wordings})"
    kind = Kind.THESIS if any(n.kind is Kind.THESIS for n in group) else first.kind
    implicit = not quotes and all(n.implicit for n in group)
    return attrs.evolve(first, kind=kind, quotes=tuple(quotes.values()), implicit=implicit,
                        note=f"{first.note}; {note}" if first.note else note)


def resolve_loops(
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    notices: Notices,
    *,
    rephrases: Collection[tuple[str, str]] = (),
    where: Where | None = None,
) -> tuple[list[Node], list[Edge]]:
    """The nodes and edges with rephrase loops merged, self-loops and repeated edges left
    out and ``supports`` cycles broken (see the module), each change in a notice.

    ``rephrases`` are the (source, target) pairs of edges that stand for a rephrase (AIF
    MA-nodes); ``where`` gives a node's place in the imported file for the notices.
    """
    at = where or (lambda _node: (None, None))
    ids = [n.id for n in nodes]
    known = set(ids)
    rename: dict[str, str] = {}
    out_nodes = list(nodes)
    loops = _components(ids, [(a, b) for a, b in rephrases if a in known and b in known])
    if loops:
        by_id = {n.id: n for n in nodes}
        merged: dict[str, Node] = {}
        for part in loops:
            merged[part[0]] = _merge([by_id[x] for x in part])
            rename.update(dict.fromkeys(part[1:], part[0]))
            notices.add(f"rephrase loop of {', '.join(repr(x) for x in part)}: merged into one node "
                        f"{part[0]!r}, which keeps the texts of the others as quotes",
                        at=at(part[0]), code="import-rephrase-loop")
        out_nodes = [merged.get(n.id, n) for n in nodes if n.id not in rename]
    inner = {(a, b) for a, b in rephrases if rename.get(a, a) == rename.get(b, b) and (a in rename or b in rename)}
    out_edges: list[Edge] = []
    seen: set[tuple[str, str, Relation, object]] = set()
    repeated = 0
    support: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        if (e.source, e.target) in inner:
            continue  # part of a merged rephrase loop
        source, target = rename.get(e.source, e.source), rename.get(e.target, e.target)
        if source != e.source or target != e.target:
            e = attrs.evolve(e, source=source, target=target)
        if source == target:
            notices.add(f"{e.relation.value} edge from {source!r} to itself (an inference whose premise is its "
                        "own conclusion): left out", at=at(source), code="import-self-loop")
            continue
        key = (source, target, e.relation, e.sign)
        if key in seen:
            repeated += 1
            continue
        if e.relation is Relation.SUPPORTS and _reaches(support, target, source):
            notices.add(f"supports edge {source!r} -> {target!r} would close a cycle of supports edges "
                        f"({target!r} already leads to {source!r}): left out, breaking the cycle at the edge "
                        "the file lists last", at=at(source), code="import-support-cycle")
            continue
        seen.add(key)
        if e.relation is Relation.SUPPORTS:
            support[source].add(target)
        out_edges.append(e)
    if repeated:
        notices.add(f"{repeated} edge(s) repeated an edge with the same ends and relation: kept once",
                    code="import-repeated-edge")
    return out_nodes, out_edges


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    todo, seen = [start], {start}
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for nxt in graph.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def infer_thesis(ids: Sequence[str], edges: Sequence[Edge]) -> tuple[str, list[str], int]:
    """The root of the largest argument (see the module), the candidates it was chosen
    from (in file order) and how many other nodes reach it."""
    sources = {e.source for e in edges}
    rank = {n: i for i, n in enumerate(ids)}
    candidates = sorted({e.target for e in edges if e.target in rank} - sources, key=rank.__getitem__)
    pool = candidates or list(ids)
    incoming: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        incoming[e.target].add(e.source)

    def reach(node: str) -> int:
        seen = {node}
        todo = [node]
        while todo:
            for prev in incoming.get(todo.pop(), ()):
                if prev not in seen:
                    seen.add(prev)
                    todo.append(prev)
        return len(seen) - 1

    sizes = {n: reach(n) for n in pool}
    chosen = min(pool, key=lambda n: (-sizes[n], rank[n]))
    return chosen, candidates, sizes[chosen]
