"""Interchange and hardening figures: time and memory to write and read each format.

Run on demand: ``python benchmarks/interchange.py``. Prints, for a map of
5,000 nodes, the time to write and read each format and the size written; then the time and
peak memory to load a 10 MB YAML map, and the time argmap takes to refuse or read hostile
input (an alias bomb, deep nesting, 2 MB of Argdown markup).
"""

from __future__ import annotations

import json
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import argmap
from argmap.formats import (
    dumps_aif,
    from_aif,
    from_argdown,
    from_graphml,
    from_json,
    import_argdown,
    to_argdown,
    to_graphml,
    to_json,
)


def big_map(n: int, width: int = 1) -> argmap.ArgumentMap:
    """A map of ``n`` nodes in a binary tree, texts ``width`` sentences long."""
    nodes = [argmap.Node(f"n{i}", "thesis" if i == 0 else "claim", f"claim number {i}. " * width,
                         argmap.Quote(f"what the author says in passage {i}. " * width))
             for i in range(n)]
    edges = [argmap.Edge(f"n{i}", f"n{(i - 1) // 2}", "supports" if i % 3 else "attacks")
             for i in range(1, n)]
    return argmap.ArgumentMap(argmap.Source("big", "big.txt"), nodes, edges)


def timed(func: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """The best wall time of ``repeat`` runs, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def peak_memory(func: Callable[[], Any]) -> float:
    """Peak memory (MiB) Python allocates while ``func`` runs."""
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def refuse(func: Callable[[], Any]) -> str:
    try:
        func()
    except argmap.ArgmapError as exc:
        return f"refused: {str(exc).splitlines()[0][:70]}"
    return "read"


def main() -> None:
    amap = big_map(5000)
    formats: dict[str, tuple[Callable[[argmap.ArgumentMap], str], Callable[[str], Any]]] = {
        "yaml": (argmap.dumps, argmap.loads),
        "json": (to_json, from_json),
        "aif": (dumps_aif, lambda t: from_aif(json.loads(t))),
        "argdown": (to_argdown, from_argdown),
        "graphml": (to_graphml, from_graphml),
    }
    print("5,000-node map (4,999 edges)")
    print(f"  {'format':8} {'write':>8} {'read':>8} {'size':>9}  same map")
    for name, (write, read) in formats.items():
        t_write, text = timed(lambda write=write: write(amap))
        t_read, back = timed(lambda read=read, text=text: read(text))
        size = len(text.encode()) / 1e6
        print(f"  {name:8} {t_write:7.2f}s {t_read:7.2f}s {size:6.2f} MB  {back == amap}")

    text = argmap.dumps(big_map(5000, width=34))
    t_load, _ = timed(lambda: argmap.loads(text))
    peak = peak_memory(lambda: argmap.loads(text))
    print(f"\n10 MB YAML map ({len(text.encode()) / 1e6:.1f} MB): load {t_load:.2f}s, "
          f"peak Python memory {peak:.0f} MiB")
    t_json, _ = timed(lambda: from_json(to_json(big_map(5000, width=34))))
    print(f"the same as argmap JSON: write and read {t_json:.2f}s")

    bomb = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    bomb += [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(9))}]" for i in range(1, 10)]
    hostile = {
        "YAML alias bomb (10^9 'lol's)": lambda: argmap.loads("\n".join(bomb) + "\nsource: *a9\n"),
        "YAML nested 1,000,000 deep": lambda: argmap.loads("[" * 1_000_000),
        "JSON nested 1,000,000 deep": lambda: from_json("[" * 1_000_000),
        "Argdown, 2 MB of '['": lambda: import_argdown("[" * 2_000_000),
        "Argdown, 2 MB of '{'": lambda: import_argdown("[A]: x " + "{" * 2_000_000),
        "Argdown, 2 MB of '@['": lambda: import_argdown("[A]: " + "@[" * 1_000_000),
        "Argdown, 100,000 relations": lambda: import_argdown("[A]: a\n" + "  + b\n" * 100_000),
    }
    print("\nhostile input")
    for label, func in hostile.items():
        seconds, outcome = timed(lambda func=func: refuse(func))
        print(f"  {label:34} {seconds:6.2f}s  {outcome}")


if __name__ == "__main__":
    main()
