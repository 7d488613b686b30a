"""Where the vectorised pairwise metrics start to pay: the pure-Python loop against numpy, for
corpora of growing size, numpy's import counted once (as a command pays it).

The authors are projections of a synthetic class corpus (``benchmarks/corpus.py``: subsets of
the seed maps). For each size the script times all four metrics on both paths, interleaved,
best of ``--repeat``, and prints them with numpy's import time (measured in fresh
interpreters) so that the crossover with and without the import can be read off; argmap
switches at :data:`argmap.pairwise.VECTORISE_FROM` authors (and at ``VECTORISE_IMPORTED``
where numpy is imported already).

    python benchmarks/pairwise.py [--sizes 50 100 200 300 500 1000 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate

import argmap
from argmap.pairwise import VECTORISE_FROM, VECTORISE_IMPORTED, PairwiseBits


def numpy_import_seconds(rounds: int = 7) -> float:
    """The median CPU time of ``import numpy`` in a fresh interpreter, less a bare start."""
    def run(code: str) -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-c", code], check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    bare = statistics.median(run("pass") for _ in range(rounds))
    return statistics.median(run("import numpy") for _ in range(rounds)) - bare


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200, 300, 500, 1000, 2000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), max(args.sizes))
        with argmap.caching(folder=Path(tmp) / "cache"):
            maps = argmap.load_maps(Path(tmp) / "maps")
        comparison = argmap.compare(maps)
    load = numpy_import_seconds()
    print(f"numpy import: {load * 1e3:.0f} ms; argmap vectorises from {VECTORISE_FROM} authors "
          f"({VECTORISE_IMPORTED} with numpy imported)")
    print(f"{'authors':>8} {'pure, 4 metrics':>16} {'numpy, 4 metrics':>17} {'numpy + import':>15} {'faster':>8}")
    for n in args.sizes:
        best = {False: float("inf"), True: float("inf")}
        for _ in range(args.repeat):
            for vectorised in (False, True):
                bits = PairwiseBits(comparison.projections[:n])
                start = time.process_time()  # CPU time: steadier than the clock on a shared machine
                for metric in argmap.METRICS:
                    bits.matrix(metric, "none", vectorised=vectorised)
                best[vectorised] = min(best[vectorised], time.process_time() - start)
        faster = "numpy" if best[True] + load < best[False] else "pure"
        print(f"{n:8d} {best[False] * 1e3:13.1f} ms {best[True] * 1e3:14.1f} ms {(best[True] + load) * 1e3:12.1f} ms "
              f"{faster:>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
