"""Benchmark: build the five teaching tables and write each in the four formats.

Times, for the seed maps in maps/ (where present) and for synthetic maps made as in
benchmarks/compare.py (a class of 30 students by default, and 200 authors for scale):

* ``argmap.compare`` once (the tables share it);
* each table built from the comparison;
* each table written as Markdown, HTML, LaTeX and CSV (the output size is printed too).

    python benchmarks/tables.py [--authors 30 200] [--nodes 50] [--seed 1]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare import generate  # the synthetic maps of benchmarks/compare.py

import argmap
from argmap import tables

ROOT = Path(__file__).resolve().parent.parent


def run(label: str, maps: list[argmap.ArgumentMap], vocabulary: argmap.Vocabulary | None) -> None:
    print(f"{label}: {len(maps)} authors")
    start = time.perf_counter()
    comparison = argmap.compare(maps, vocabulary=vocabulary)
    print(f"  {'compare()':<28} {1000 * (time.perf_counter() - start):9.1f} ms")
    total = 0.0
    for kind in tables.KINDS:
        start = time.perf_counter()
        table = tables.build_table(kind, maps, comparison=comparison)
        built = time.perf_counter() - start
        cells = [f"build {1000 * built:7.1f} ms"]
        total += built
        for fmt in tables.FORMATS:
            start = time.perf_counter()
            text = tables.format_table(table, fmt)
            seconds = time.perf_counter() - start
            total += seconds
            cells.append(f"{fmt} {1000 * seconds:6.1f} ms {len(text.encode()) / 1024:7.0f} KB")
        print(f"  {kind:<13} {len(table.rows):>4} rows  " + "  ".join(cells))
    print(f"  {'all tables, all formats':<28} {1000 * total:9.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--authors", type=int, nargs="*", default=[30, 200])
    parser.add_argument("--nodes", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}")
    seeds = sorted(p for p in (ROOT / "maps").glob("*.yaml") if p.name != "concepts.yaml")
    if seeds:
        run("seed maps", [argmap.load(p) for p in seeds], None)
    for count in args.authors:
        with tempfile.TemporaryDirectory() as tmp:
            paths = generate(Path(tmp), count, args.nodes, args.seed)
            vocabulary = argmap.load_vocabulary(Path(tmp) / "maps" / "concepts.yaml")
            run(f"synthetic maps of {args.nodes} nodes", [argmap.load(p, anchor=False) for p in paths], vocabulary)


if __name__ == "__main__":
    main()
