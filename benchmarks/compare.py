"""Benchmark: load 1,000 synthetic maps and compare them all.

Each map has 50 nodes (a thesis, an outcome, factors with and without concepts, claims on
propositions, evidence) over a 60-concept vocabulary, its own 60-sentence source text, and
about 60 edges. The script times, separately:

* loading every map with ``argmap.load`` (YAML parsing, model building, quote anchoring),
  and without anchoring;
* ``argmap.compare`` (projections, the concept x author matrix, consensus, controversies);
* every pairwise metric as an author x author matrix (Jaccard, distance ratio, congruence,
  conflict: 499,500 pairs each);
* for scale, the full diffs of the pairs among the first 100 maps;

and prints each figure with the peak resident memory. Target (issue 4): loading + compare +
all pairwise metrics under 3 s and 300 MB on a 2-core machine.

    python benchmarks/compare.py [--maps 1000] [--nodes 50] [--jobs 2] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import argmap
from argmap import METRICS

T = TypeVar("T")
WORDS = ["alliance", "border", "corridor", "treaty", "visit", "arms", "trade", "energy", "gas", "pipeline",
         "security", "terrorism", "summit", "envoy", "deal", "cooperation", "rivalry", "détente", "bloc",
         "neighbour", "ports"]
FACTORS, PROPOSITIONS = 50, 9


def vocabulary_yaml() -> str:
    lines = ["concepts:", "  - {id: outcome, kind: outcome, label: Relations}"]
    lines += [f"  - {{id: factor-{i}, kind: factor, label: Factor {i}}}" for i in range(FACTORS)]
    lines += [f"  - {{id: prop-{i}, kind: proposition, label: Proposition {i}}}" for i in range(PROPOSITIONS)]
    return "\n".join(lines) + "\n"


def source_text(rng: random.Random, n: int, sentences: int = 60) -> list[str]:
    return [f"Sentence {n}.{i}: " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))) + "."
            for i in range(sentences)]


def map_yaml(rng: random.Random, n: int, nodes: int, sentences: list[str]) -> str:
    """One synthetic map in the file format (flow mappings, one node or edge a line)."""
    quotes = rng.sample(range(len(sentences)), nodes)
    out = [f"source: {{id: map-{n:04d}, file: ../seeds/text-{n:04d}.txt, title: Synthetic text {n}}}",
           "nodes:"]
    n_factors = nodes * 2 // 5
    n_steps = nodes // 6
    n_claims = nodes // 5
    kinds: list[tuple[str, str]] = [("T", "thesis"), ("O", "outcome")]
    kinds += [(f"f{i}", "factor") for i in range(n_factors)]
    kinds += [(f"m{i}", "factor") for i in range(n_steps)]
    kinds += [(f"c{i}", "claim") for i in range(n_claims)]
    kinds += [(f"e{i}", "evidence") for i in range(nodes - len(kinds))]
    factor_concepts = rng.sample(range(FACTORS), n_factors)
    for (nid, kind), q in zip(kinds, quotes, strict=True):
        extra = ""
        if nid == "O":
            extra = ", concept: outcome"
        elif nid.startswith("f"):
            extra = f", concept: factor-{factor_concepts[int(nid[1:])]}"
        elif nid.startswith("c"):
            stance = rng.choice(["affirms", "denies", "qualifies"])
            extra = f", concept: prop-{rng.randrange(PROPOSITIONS)}, stance: {stance}"
        out.append(f'  - {{id: {nid}, kind: {kind}, label: "Node {nid}"{extra}, quote: "{sentences[q]}"}}')
    out.append("edges:")
    sign = lambda: rng.choice(['"+"', '"-"'])  # noqa: E731
    steps = [f"m{i}" for i in range(n_steps)]
    for i in range(n_factors):
        target = rng.choice(["O", "O", *steps, f"f{rng.randrange(n_factors)}"])
        if target != f"f{i}":
            out.append(f"  - {{from: f{i}, to: {target}, rel: causes, sign: {sign()}}}")
    for step in steps:
        out.append(f"  - {{from: {step}, to: {rng.choice(['O', *steps])}, rel: causes, sign: {sign()}}}")
    out.append("  - {from: O, to: T, rel: supports}")
    for nid, kind in kinds:
        if kind in ("claim", "evidence"):
            rel = rng.choice(["supports", "supports", "attacks"])
            target = "T" if kind == "claim" else f"c{rng.randrange(n_claims)}"
            out.append(f"  - {{from: {nid}, to: {target}, rel: {rel}}}")
    return "\n".join(out) + "\n"


def generate(folder: Path, count: int, nodes: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    (folder / "maps").mkdir()
    (folder / "seeds").mkdir()
    (folder / "maps" / "concepts.yaml").write_text(vocabulary_yaml(), encoding="utf-8")
    paths = []
    for n in range(count):
        sentences = source_text(rng, n)
        (folder / "seeds" / f"text-{n:04d}.txt").write_text(" ".join(sentences) + "\n", encoding="utf-8")
        path = folder / "maps" / f"map-{n:04d}.yaml"
        path.write_text(map_yaml(rng, n, nodes, sentences), encoding="utf-8")
        paths.append(path)
    return paths


def on_seed_and_synthetic_maps(
    run: Callable[[str, list[argmap.ArgumentMap], argmap.Vocabulary | None], None],
    *, description: str | None, authors: list[int], anchor: bool = True,
) -> None:
    """Command line shared by the output benchmarks: run on the seed maps, then on synthetic
    corpora of each size given with --authors."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--authors", type=int, nargs="*", default=authors)
    parser.add_argument("--nodes", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}")
    root = Path(__file__).resolve().parent.parent
    seeds = sorted(p for p in (root / "maps").glob("*.yaml") if p.name != "concepts.yaml")
    if seeds:
        run("seed maps", [argmap.load(p) for p in seeds], None)
    for count in args.authors:
        with tempfile.TemporaryDirectory() as tmp:
            paths = generate(Path(tmp), count, args.nodes, args.seed)
            vocabulary = argmap.load_vocabulary(Path(tmp) / "maps" / "concepts.yaml")
            run(f"synthetic maps of {args.nodes} nodes", [argmap.load(p, anchor=anchor) for p in paths], vocabulary)


def timed(label: str, func: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - start
    print(f"  {label:<52} {seconds:7.3f} s")
    return result, seconds


def _load_chunk(paths: list[Path]) -> list[argmap.ArgumentMap]:
    return [argmap.load(p) for p in paths]


def load_parallel(paths: list[Path], jobs: int) -> list[argmap.ArgumentMap]:
    chunks = [paths[i::jobs] for i in range(jobs)]
    with ProcessPoolExecutor(jobs) as pool:
        parts = list(pool.map(_load_chunk, chunks))
    order = {p: i for i, p in enumerate(paths)}
    maps = [m for part in parts for m in part]
    return sorted(maps, key=lambda m: order[m.path])  # type: ignore[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--maps", type=int, default=1000)
    parser.add_argument("--nodes", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=2, help="processes for the parallel load (default 2)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(Path(tmp), args.maps, args.nodes, args.seed)
        vocabulary = argmap.load_vocabulary(Path(tmp) / "maps" / "concepts.yaml")
        print(f"{args.maps} maps of {args.nodes} nodes over a {len(vocabulary)}-concept vocabulary "
              f"(python {sys.version.split()[0]})")
        _, t_raw = timed("load without quote anchoring (1 process)",
                         lambda: len([argmap.load(p, anchor=False) for p in paths]))
        _, t_par = timed(f"load with quote anchoring ({args.jobs} processes)",
                         lambda: len(load_parallel(paths, args.jobs)))
        maps, t_load = timed("load with quote anchoring (1 process)", lambda: [argmap.load(p) for p in paths])
        comparison, t_compare = timed("compare(): projections, matrix, consensus, controversies",
                                      lambda: argmap.compare(maps, vocabulary=vocabulary))
        pairs = args.maps * (args.maps - 1) // 2
        t_metrics = 0.0
        for metric in METRICS:
            _, seconds = timed(f"pairwise {metric} ({pairs:,} pairs)", lambda m=metric: comparison.matrix(m))
            t_metrics += seconds
        _, t_norm = timed("congruence and conflict, average and jaccard normalised",
                          lambda: [comparison.matrix(m, normalization=n)  # type: ignore[arg-type]
                                   for m in ("congruence", "conflict") for n in ("average", "jaccard")])
        small = argmap.compare(maps[:100], vocabulary=vocabulary)
        _, t_diffs = timed("full MapDiff of every pair among the first 100 maps",
                           lambda: sum(1 for _ in small.pairs()))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  {'peak resident memory':<52} {peak:7.0f} MB")
        print(f"  {'consensus / controversies / mixed views':<52} {len(comparison.consensus)} / "
              f"{len(comparison.controversies)} / {len(comparison.tensions)}")
        print()
        print(f"  load (1 process) + compare + metrics: {t_load + t_compare + t_metrics:6.2f} s")
        print(f"  load ({args.jobs} processes) + compare + metrics: {t_par + t_compare + t_metrics:6.2f} s")
        print(f"  compare + metrics (maps in memory):  {t_compare + t_metrics:6.2f} s")
        print(f"  (unanchored load alone: {t_raw:.2f} s; normalised matrices: {t_norm:.2f} s; "
              f"4,950 full diffs: {t_diffs:.2f} s)")


if __name__ == "__main__":
    main()
