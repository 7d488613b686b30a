"""Benchmark: build and write the HTML report.

Times, for the seed maps in maps/ (where present) and for synthetic maps made as in
benchmarks/compare.py (a class of 30 by default):

* the whole report without drawings (compare, coverage audits, the five tables, every page);
* the whole report with drawings (each map and the comparison map run through ``dot``, as
  many at a time as there are processors);
* writing the pages into a fresh folder and swapping it in;

and prints the pages' sizes. Drawing needs Graphviz's ``dot``; without it those lines say so.

    python benchmarks/report.py [--authors 30] [--nodes 50] [--seed 1]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare import on_seed_and_synthetic_maps  # the synthetic maps of benchmarks/compare.py

import argmap
from argmap.report import write_pages

T = TypeVar("T")


def timed(label: str, func: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = func()
    print(f"  {label:<40} {1000 * (time.perf_counter() - start):9.1f} ms")
    return result


def run(label: str, maps: list[argmap.ArgumentMap], vocabulary: argmap.Vocabulary | None) -> None:
    print(f"{label}: {len(maps)} maps, {sum(len(m.nodes) for m in maps)} nodes")
    pages = timed("report_pages, no drawings", lambda: argmap.report_pages(maps, vocabulary=vocabulary,
                                                                           drawings=False))
    if shutil.which("dot"):
        pages = timed("report_pages, with drawings", lambda: argmap.report_pages(maps, vocabulary=vocabulary))
    else:
        print("  (Graphviz's dot is not installed: no drawings timed)")
    with tempfile.TemporaryDirectory() as tmp:
        timed("write_pages (fresh folder, swapped in)", lambda: write_pages(pages, Path(tmp) / "report"))
        timed("write_pages over the earlier report", lambda: write_pages(pages, Path(tmp) / "report"))
    sizes = sorted(len(text.encode("utf-8")) for name, text in pages.items() if name != "index.html")
    print(f"  {len(pages)} pages, {sum(sizes) / 1024:.0f} KB in all: overview "
          f"{len(pages['index.html'].encode('utf-8')) / 1024:.0f} KB, text pages "
          f"{sizes[0] / 1024:.0f} to {sizes[-1] / 1024:.0f} KB")


def main() -> None:
    on_seed_and_synthetic_maps(run, description=__doc__, authors=[30])


if __name__ == "__main__":
    main()
