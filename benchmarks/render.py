"""How much argmap adds to Graphviz when drawing a large map.

Builds a synthetic 500-node map shaped like the seed maps (a thesis, claims with evidence,
causal chains into an outcome, recommendations and predictions; about 1.2 links per node;
labels of realistic length), then times argmap's full drawing (``render_svg``: DOT
construction plus ``dot``) against bare ``dot -Tsvg`` on the same DOT file, alternating the
two and keeping the best of each (the machine's noise only ever adds time). Target: at most
1.3 times bare dot.

    python benchmarks/render.py [--nodes 500] [--repeat 3]
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
    args = parser.parse_args(argv)
    dot = shutil.which("dot")
    if dot is None:
        from argmap.render import INSTALL_HELP

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
    return 0 if ratio <= 1.3 else 1


if __name__ == "__main__":
    sys.exit(main())
