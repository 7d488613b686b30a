"""Make a synthetic class corpus: many maps of the five seed texts, each a subset of a seed map.

A class's worth of maps of the same texts is what argmap meets at scale: each student encodes
one of a few texts, and their maps share the texts, the vocabulary and most concepts. This
script writes such a corpus from the seed maps alone, so that it is the same for every version
of argmap that reads the seed format:

* ``OUT/seeds/``: the seed texts, copied byte for byte;
* ``OUT/maps/concepts.yaml``: the seed vocabulary;
* ``OUT/maps/NNNNN.yaml``: map *n* takes seed map ``n % 5`` and keeps its thesis, its outcome
  nodes and a random subset of its other nodes (about ``--nodes`` of them, at most all), with
  the edges between kept nodes and the ``exclude`` list. Every quote is the seed map's own, so
  every map anchors in its text. A first comment line names the student, so that no two
  files are the same bytes (a map that keeps every node of its seed would otherwise repeat).

The file is written with PyYAML, not argmap, so that the benchmark of an older argmap reads
exactly the same bytes. Same ``--seed``, same corpus.

    python benchmarks/corpus.py OUT [--maps 1000] [--nodes 50] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


def seed_maps(root: Path = ROOT) -> list[tuple[str, dict[str, Any]]]:
    """The seed maps as plain data, by file name, in name order."""
    out = []
    for path in sorted((root / "maps").glob("0*.yaml")):
        out.append((path.name, yaml.safe_load(path.read_text(encoding="utf-8"))))
    return out


def subset(data: dict[str, Any], rng: random.Random, nodes: int) -> dict[str, Any]:
    """A seed map cut down to about ``nodes`` nodes: thesis and outcomes always, the rest drawn."""
    fixed = [n for n in data["nodes"] if n["kind"] in ("thesis", "outcome")]
    others = [n for n in data["nodes"] if n["kind"] not in ("thesis", "outcome")]
    want = max(0, min(len(others), nodes - len(fixed) + rng.randint(-5, 5)))
    chosen = {id(n) for n in rng.sample(others, want)}
    kept = [n for n in data["nodes"] if n["kind"] in ("thesis", "outcome") or id(n) in chosen]
    ids = {n["id"] for n in kept}
    out = {"source": dict(data["source"]), "nodes": kept,
           "edges": [e for e in data.get("edges") or [] if e["from"] in ids and e["to"] in ids]}
    if data.get("exclude"):
        out["exclude"] = data["exclude"]
    return out


def generate(out: Path, count: int, *, nodes: int = 50, seed: int = 1, root: Path = ROOT) -> list[Path]:
    """Write the corpus into ``out`` (which must not hold one already); the map files, in order."""
    rng = random.Random(seed)
    (out / "maps").mkdir(parents=True)
    shutil.copytree(root / "seeds", out / "seeds")
    shutil.copyfile(root / "maps" / "concepts.yaml", out / "maps" / "concepts.yaml")
    seeds = seed_maps(root)
    width = max(4, len(str(count - 1)))
    paths = []
    for n in range(count):
        name, data = seeds[n % len(seeds)]
        path = out / "maps" / f"{n:0{width}d}.yaml"
        # The comment makes every file distinct, as a class's maps are: without it a subset that
        # keeps every node (a seed map of fewer than --nodes nodes) repeats byte for byte, and a
        # cache keyed by content would read the repeats once.
        body = yaml.safe_dump(subset(data, rng, nodes), sort_keys=False, allow_unicode=True, width=100)
        path.write_text(f"# student {n}: a subset of {name}\n{body}", encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the folder to write (must not exist)")
    parser.add_argument("--maps", type=int, default=1000, help="how many maps (default 1000)")
    parser.add_argument("--nodes", type=int, default=50, help="about this many nodes a map (default 50)")
    parser.add_argument("--seed", type=int, default=1, help="random seed: the same seed, the same corpus (default 1)")
    args = parser.parse_args(argv)
    if args.out.exists():
        parser.error(f"{args.out} exists; choose a new folder")
    paths = generate(args.out, args.maps, nodes=args.nodes, seed=args.seed)
    print(f"wrote {len(paths)} maps into {args.out / 'maps'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
