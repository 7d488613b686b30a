"""How much argmap adds to Graphviz when drawing a large map, and a comparison of many.

Builds a synthetic 500-node map shaped like the seed maps (a thesis, claims with evidence,
causal chains into an outcome, recommendations and predictions; about 1.2 links per node;
labels of realistic length), then times argmap's full drawing (``render_svg``: DOT
construction plus ``dot``) against bare ``dot -Tsvg`` on the same DOT file, alternating the
two and keeping the best of each (the machine's noise only ever adds time). Target: at most
1.3 times bare dot.

Then the comparison map of ``--authors`` synthetic authors over a shared vocabulary of 30
concepts: the time to compare them, to build the DOT text, and dot's time to draw it.

    python benchmarks/render.py [--nodes 500] [--repeat 3] [--authors 20]
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import argmap
from argmap import ArgumentMap, Edge, Kind, Node, Quote, Source

WORDS = ("alliance", "treaty", "border", "visit", "pipeline", "arms", "trade", "elite",
         "doctrine", "rivalry", "sanctions", "corridor", "summit", "bailout", "coup", "pact",
         "delegation", "frontier", "oil", "steel", "exercise", "dialogue", "partnership",
         "mistrust", "balance", "neighbour", "patron", "sphere", "influence")


def synthetic_map(size: int, seed: int = 1) -> ArgumentMap:
    """A connected map of ``size`` nodes with every kind and relation."""
    rng = random.Random(seed)

    def label() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 11))).capitalize()

    def link(i: int, kinds: tuple[Kind, ...], window: int, relation: str) -> Edge:
        targets = [n.id for n in nodes[:-1] if n.kind in kinds][-window:] or ["n0"]
        sign = rng.choice("+-") if relation == "causes" else None
        return Edge(f"n{i}", rng.choice(targets), relation, sign=sign)

    def node(i: int, kind: Kind) -> Node:
        text = label()
        return Node(f"n{i}", kind, text, [Quote(f"{text.lower()} as the text says")])

    nodes = [node(0, Kind.THESIS), node(1, Kind.OUTCOME)]
    edges = [Edge("n1", "n0", "supports")]
    kinds = [Kind.CLAIM, Kind.EVIDENCE, Kind.FACTOR, Kind.FACTOR, Kind.EVIDENCE,
             Kind.RECOMMENDATION, Kind.PREDICTION]
    for i in range(2, size):
        kind = kinds[i % len(kinds)]
        nodes.append(node(i, kind))
        if kind is Kind.FACTOR:
            edges.append(link(i, (Kind.FACTOR, Kind.OUTCOME), 20, "causes"))
        elif kind is Kind.EVIDENCE:
            edges.append(link(i, (Kind.CLAIM, Kind.FACTOR), 30, "supports"))
        else:
            relation = "attacks" if rng.random() < 0.15 else "supports"
            edges.append(link(i, (Kind.THESIS, Kind.CLAIM), 10, relation))
        if rng.random() < 0.2:  # a second reason or cause, as in the seed maps
            edges.append(link(i, (Kind.CLAIM, Kind.FACTOR, Kind.OUTCOME), 40, "supports"))
    return ArgumentMap(Source("synthetic", "synthetic.txt", title="A synthetic map"), nodes, edges)


def synthetic_authors(count: int, concepts: int = 30, seed: int = 2) -> list[ArgumentMap]:
    """``count`` maps over one vocabulary: each links an outcome and some of ``concepts``
    factors and propositions, with causal links among them of either sign."""
    rng = random.Random(seed)
    factors = [f"factor-{i}" for i in range(concepts - 5)]
    propositions = [f"proposition-{i}" for i in range(5)]
    maps = []
    for a in range(count):
        nodes = [Node("o", Kind.OUTCOME, "relations", [Quote("q")], concept="outcome")]
        chosen = rng.sample(factors, rng.randint(6, 14))
        nodes += [Node(f"f{i}", Kind.FACTOR, c, [Quote("q")], concept=c) for i, c in enumerate(chosen)]
        nodes += [Node(f"p{i}", Kind.CLAIM, c, [Quote("q")], concept=c, stance=rng.choice(["affirms", "denies"]))
                  for i, c in enumerate(rng.sample(propositions, 3))]
        edges = [Edge(f"f{i}", "o" if rng.random() < 0.6 or i == 0 else f"f{rng.randrange(i)}", "causes",
                      sign=rng.choice("+-")) for i in range(len(chosen))]
        maps.append(ArgumentMap(Source(f"author-{a}", "a.txt"), nodes, edges))
    return maps


def seconds(work: Callable[[], object]) -> float:
    """How long one call of ``work`` takes."""
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Print the figures; exit 1 where the target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--authors", type=int, default=20)
    args = parser.parse_args(argv)
    dot = shutil.which("dot")
    if dot is None:
        from argmap.drawing.backend import INSTALL_HELP

        print(INSTALL_HELP, file=sys.stderr)
        return 1

    amap = synthetic_map(args.nodes)
    source = argmap.render(amap, legend=True).source
    with tempfile.TemporaryDirectory() as tmp:
        dot_file = Path(tmp) / "map.dot"
        dot_file.write_text(source, encoding="utf-8")
        out = Path(tmp) / "map.svg"
        bare = full = build = float("inf")
        for _ in range(args.repeat):
            bare = min(bare, seconds(lambda: subprocess.run(
                [dot, "-Tsvg", str(dot_file), "-o", str(out)], check=True)))
            full = min(full, seconds(lambda: argmap.render_svg(amap, legend=True)))
            build = min(build, seconds(lambda: argmap.render(amap, legend=True)))

    ratio = full / bare
    print(f"map: {len(amap.nodes)} nodes, {len(amap.edges)} links, best of {args.repeat}")
    print(f"bare dot -Tsvg on the DOT file:     {bare * 1000:8.1f} ms")
    print(f"argmap DOT construction alone:      {build * 1000:8.1f} ms")
    print(f"argmap render_svg (DOT + dot):      {full * 1000:8.1f} ms")
    print(f"ratio render_svg / bare dot:        {ratio:8.2f}x  (target <= 1.30x)")

    from argmap import render_comparison
    from argmap.drawing.backend import run_dot

    authors = synthetic_authors(args.authors)
    compared = argmap.compare(authors)
    dot_text = render_comparison(compared).source
    times = {"compare": float("inf"), "dot text": float("inf"), "dot": float("inf")}
    for _ in range(max(1, args.repeat // 3)):
        times["compare"] = min(times["compare"], seconds(lambda: argmap.compare(authors)))
        times["dot text"] = min(times["dot text"], seconds(lambda: render_comparison(compared)))
        times["dot"] = min(times["dot"], seconds(lambda: run_dot(dot_text)))
    print(f"comparison map: {len(authors)} authors, {len(compared.concepts)} concepts, "
          f"{len(compared.links)} causal links")
    print(f"compare the maps:                   {times['compare'] * 1000:8.1f} ms")
    print(f"argmap DOT construction alone:      {times['dot text'] * 1000:8.1f} ms")
    print(f"dot -Tsvg on it:                    {times['dot'] * 1000:8.1f} ms")
    return 0 if ratio <= 1.3 else 1


if __name__ == "__main__":
    sys.exit(main())
