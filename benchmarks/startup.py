"""How long ``argmap --help`` and ``import argmap`` take, side by side with a bare interpreter.

Each command runs as a fresh process, the commands interleaved round by round so that the
machine's state affects them alike; the script prints each one's median and spread
(fastest-slowest) and the ratio of medians to ``python -c pass``. Target: ``argmap --help``
at most 3 times bare Python. Byte-code caching is on, as for a user (the script removes
PYTHONDONTWRITEBYTECODE from the environment of the commands it runs).

    python benchmarks/startup.py [--rounds 21]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "import argmap": [sys.executable, "-c", "import argmap"],
    "argmap --help": [sys.executable, "-c", "import sys; from argmap.cli import main; sys.argv[0] = 'argmap'; "
                      "sys.exit(main(['--help']))"],
    "argmap validate --help": [sys.executable, "-c", "import sys; from argmap.cli import main; "
                               "sys.exit(main(['validate', '--help']))"],
    "import argmap; argmap.load": [sys.executable, "-c", "import argmap; argmap.load"],
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=21)
    args = parser.parse_args(argv)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for command in COMMANDS.values():  # warm the byte-code cache
        subprocess.run(command, stdout=subprocess.DEVNULL, env=env, check=True)
    for _ in range(args.rounds):
        for name, command in COMMANDS.items():
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, env=env, check=True)
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["python -c pass"])
    print(f"{'command':<30} {'median':>9} {'spread':>17} {'x bare':>7}")
    for name, values in times.items():
        median = statistics.median(values)
        spread = f"{min(values) * 1e3:.1f}-{max(values) * 1e3:.1f} ms"
        print(f"{name:<30} {median * 1e3:7.1f} ms {spread:>17} {median / base:7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
