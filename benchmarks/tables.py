"""Benchmark: build the five teaching tables and write each in the four formats.

Times, for the seed maps in maps/ (where present) and for synthetic maps made as in
benchmarks/compare.py (a class of 30 students by default, and 200 authors for scale):

* ``argmap.compare`` once (the tables share it);
* each table built from the comparison;
* each table written as Markdown, HTML, LaTeX and CSV (the output size is printed too).

    python benchmarks/tables.py [--authors 30 200] [--nodes 50] [--seed 1]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare import on_seed_and_synthetic_maps  # the synthetic maps of benchmarks/compare.py

import argmap
from argmap import tables


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
    on_seed_and_synthetic_maps(run, description=__doc__, authors=[30, 200], anchor=False)


if __name__ == "__main__":
    main()
