"""`project` against a plain reference written here: the concept-level causal links found by
the breadth-first search over (node, sign, period) states, and the uses, kinds and counts
gathered from the nodes, for maps with cycles, parallel and unsigned edges, edges to unknown
nodes, duplicate node ids, periods, falls and implicit nodes, at both levels."""

from __future__ import annotations

import itertools
import os
from collections import defaultdict, deque
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.concepts import Concept, Period, Vocabulary
from argmap.model import ArgumentMap, ChangeDirection, Edge, Node, Quote, Relation, Sign, Source
from argmap.projection import CausalLink, CausalPath, ConceptUse, Mention, project

PERIODS = (Period("early", "Early", 1947, 1954), Period("cold-war", "Cold War", 1955, 1990),
           Period("recent", "Recent", 2014))
VOCABULARY = Vocabulary([
    Concept("out", "outcome", "Relations"), Concept("gpp", "factor", "Great-power politics"),
    Concept("bip", "factor", "Bipolarity", broader="gpp"), Concept("rup", "factor", "Rupture", broader="gpp"),
    Concept("f1", "factor", "F1"), Concept("p1", "proposition", "P1"),
    Concept("p2", "proposition", "P2", broader="p1"),
], periods=PERIODS)
PROPOSITIONS = {"p1", "p2", "pz"}


# --- the reference: the search as first written, state by state ---------------------------------

def reference_links(amap: ArgumentMap, nodes: dict[str, Node], concept_of: dict[str, str]) -> tuple[CausalLink, ...]:
    out: dict[str, list[tuple[Edge, int]]] = defaultdict(list)
    for e in amap.edges:
        if (e.relation is Relation.CAUSES and e.sign is not None and e.source != e.target
                and e.source in nodes and e.target in nodes):
            out[e.source].append((e, 1 if e.sign is Sign.HELPS else -1))
    found: dict[tuple[str, str, str | None], list[CausalPath]] = {}
    for start in nodes.values():
        cause = concept_of.get(start.id)
        if cause is None or start.id not in out:
            continue
        origin = (start.id, 1, None, start.period)
        parent: dict[tuple, tuple | None] = {origin: None}  # type: ignore[type-arg]
        queue = deque([origin])
        while queue:
            state = queue.popleft()
            for edge, sign in out[state[0]]:
                target = nodes[edge.target]
                nxt = (edge.target, state[1] * sign, state[2] or edge.period, state[3] or target.period)
                if target.id in concept_of:
                    nxt = (*nxt[:3], state[3])
                if nxt in parent or on_path(edge.target, state, parent):
                    continue
                parent[nxt] = (state, edge)
                effect = concept_of.get(target.id)
                if effect is None:
                    queue.append(nxt)
                elif effect != cause:
                    path = reference_path(nxt, parent, nodes)
                    found.setdefault((cause, effect, path.period), []).append(path)
    return tuple(CausalLink(cause, effect, tuple(paths), period) for (cause, effect, period), paths in found.items())


def on_path(node: str, state: tuple, parent: dict) -> bool:  # type: ignore[type-arg]
    current = state
    while current is not None:
        if current[0] == node:
            return True
        step = parent[current]
        current = step[0] if step is not None else None
    return False


def reference_path(end: tuple, parent: dict, nodes: dict[str, Node]) -> CausalPath:  # type: ignore[type-arg]
    edges = []
    state = end
    while (step := parent[state]) is not None:
        state, edge = step
        edges.append(edge)
    edges.reverse()
    ids = (edges[0].source, *(e.target for e in edges))
    quotes: list[Quote] = []
    for edge in edges:
        quotes.extend(nodes[edge.source].quotes)
        if edge.quote is not None:
            quotes.append(edge.quote)
    drawn = Sign.HELPS if end[1] > 0 else Sign.HINDERS
    cause, effect = nodes[ids[0]], nodes[ids[-1]]
    directions = (cause.direction or ChangeDirection.INCREASE, effect.direction or ChangeDirection.INCREASE)
    flips = sum(d is ChangeDirection.DECREASE for d in directions)
    sign = drawn if flips % 2 == 0 else drawn * Sign.HINDERS
    period = end[2] or end[3] or effect.period
    implicit = not quotes and all(nodes[i].implicit for i in ids[:-1])
    return CausalPath(ids, tuple(nodes[i].label for i in ids), sign, tuple(quotes), period=period,
                      chain_sign=drawn, directions=directions, implicit=implicit)


def reference_parts(amap: ArgumentMap, level: str) -> tuple[tuple[ConceptUse, ...], tuple[CausalLink, ...], int]:
    """The uses, the links and the number of implicit nodes, pass by pass."""
    nodes: dict[str, Node] = {}
    for n in amap.nodes:
        nodes.setdefault(n.id, n)
    concept_of = {n.id: VOCABULARY.top(n.concept) if level == "broad" else n.concept
                  for n in nodes.values() if n.concept is not None}
    grouped: dict[tuple[str, str | None], list[Mention]] = {}
    for n in nodes.values():
        if n.id in concept_of:
            grouped.setdefault((concept_of[n.id], n.period), []).append(Mention(
                n.id, n.kind, n.label, n.stance, n.quotes, concept=n.concept, period=n.period,
                direction=n.direction, implicit=n.implicit))
    uses = tuple(ConceptUse(c, tuple(ms), period) for (c, period), ms in grouped.items())
    implicit = sum(1 for n in nodes.values() if n.implicit)
    return uses, reference_links(amap, nodes, concept_of), implicit


# --- generated maps --------------------------------------------------------------------------------

_periods = st.sampled_from([None, None, "early", "cold-war", "recent"])


@st.composite
def tangled_maps(draw: st.DrawFn) -> ArgumentMap:
    """Up to 9 nodes (ids may repeat), about half of them with a concept (one the vocabulary
    lacks); random walks among them made of signed causes, and up to 24 edges more among
    them and an unknown id: chains through concept-less nodes, loops, parallel edges, edges
    without a sign, supports."""
    n = draw(st.integers(2, 9))
    ids = [f"n{draw(st.integers(0, n))}" if draw(st.integers(0, 6)) == 0 else f"n{i}" for i in range(n)]
    nodes = []
    for i, nid in enumerate(ids):
        concepts = ["out", "gpp", "bip", "rup", "f1", "p1", "p2", "zz"]
        concept = draw(st.sampled_from(concepts if i < 2 else [None] * 6 + concepts))
        implicit = draw(st.integers(0, 3)) == 0
        nodes.append(Node(
            nid, draw(st.sampled_from(["factor", "outcome", "claim"])), f"label {nid}",
            () if implicit else (Quote(f"quote {nid}"),), concept=concept,
            stance=draw(st.sampled_from(["affirms", "denies", None])) if concept in PROPOSITIONS else None,
            period=draw(_periods), direction=draw(st.sampled_from([None, "decrease", "increase"])) if concept else None,
            implicit=implicit, note="reconstructed" if implicit else None))
    names = [*ids, *ids, "ghost"]
    walks = draw(st.lists(st.lists(st.sampled_from(ids), min_size=2, max_size=6), max_size=4))
    edges = [Edge(a, b, "causes", sign=draw(st.sampled_from(["+", "-"])), period=draw(_periods))
             for walk in walks for a, b in itertools.pairwise(walk)]
    edges += [Edge(a, b, rel, sign=sign if rel == "causes" else None, period=period,
                  quote=Quote(f"edge {a} {b}") if quoted else None)
             for a, b, rel, sign, period, quoted in draw(st.lists(st.tuples(
                 st.sampled_from(names), st.sampled_from(names), st.sampled_from(["causes"] * 8 + ["supports"]),
                 st.sampled_from(["+", "-"] * 4 + [None]), _periods, st.booleans()), max_size=24))]
    return ArgumentMap(Source("s", "texts/s.txt"), nodes, edges, path=Path("corpus/maps/s.yaml"))


@settings(max_examples=500, deadline=None)
@given(tangled_maps(), st.sampled_from(["fine", "broad"]))
def test_project_finds_what_the_reference_search_finds(amap: ArgumentMap, level: str) -> None:
    """The same uses, links (paths in the same order, each field equal) and counts as the
    reference, whatever the tangle."""
    p = project(amap, VOCABULARY, level=level)  # type: ignore[arg-type]
    uses, links, implicit = reference_parts(amap, level)
    assert p.concepts == uses
    assert p.links == links
    assert [k.paths for k in p.links] == [k.paths for k in links]
    assert (p.implicit_nodes, p.quoted_nodes) == (implicit, len({n.id for n in amap.nodes}) - implicit)
    assert p.source_file == Path(os.path.normpath(Path("corpus/maps") / "texts/s.txt"))


def test_the_source_file_is_beside_each_map() -> None:
    """Maps in different folders quoting one file name: each gets the file in its own folder."""
    for folder, file in [("a", "t.txt"), ("b", "t.txt"), ("a", "../t.txt"), ("", "t.txt"), ("/x/y", "/abs/t.txt"),
                         ("a", "t.txt")]:
        amap = ArgumentMap(Source("s", file), [Node("n", "factor", "l", (Quote("q"),))], [],
                           path=Path(folder) / "m.yaml")
        assert project(amap).source_file == Path(os.path.normpath(Path(folder) / file))
