"""Issue 15's goals, measured side by side in one run: this argmap against argmap as it was
before the issue (another checkout with its own environment), and against the Argdown CLI.

Every command runs as a fresh process; the variants of a case are interleaved round by round,
so that the machine's state touches them alike. For each variant the script prints the median
and the spread (fastest-slowest) of the wall-clock time and of the CPU time (user + system,
the process and everything it ran, e.g. ``dot``), the peak resident memory, and the ratio of
medians to the first variant. On a machine shared with other work the CPU time is the steadier
figure; both are printed.

Cases (``--cases``, default all but ``big``):

* ``pipeline``: ``validate``, ``compare --format json``, ``render --compare``, ``report`` on
  the seed maps, one after another: before; now with a cache emptied every round (validate
  fills it, the other three read it); now with a warm cache; now without the cache.
* ``corpus``: ``compare FOLDER --format json`` on ``--maps`` maps made by
  ``benchmarks/corpus.py`` (subsets of the seed maps quoting the seed texts): before
  (``--corpus-rounds``, it is slow), now with an empty cache, now with a warm cache.
* ``big``: ``compare FOLDER --format json --metrics jaccard,distance_ratio`` on ``--big``
  maps, now only, cold and then warm (the code before would take hours).
* ``render``: ``argmap render`` of the largest seed map (SVG) before and now (without the
  cache, so that the map is parsed and ``dot`` runs each time, as ``argdown`` parses and lays
  out each time; and with a warm cache, which keeps the drawing), and ``argdown map --format
  svg`` of the same map exported as Argdown.

    .venv/bin/python benchmarks/speed.py --before /tmp/argmap-before [--rounds 5]
        [--cases pipeline,corpus,render,big] [--maps 1000] [--corpus-rounds 1] [--big 10000]
        [--corpora ~/.cache/argmap-bench]

Run it with the project's own environment (``make setup`` makes ``.venv``): the argmap it
measures as "now" is the one beside the Python that runs the script. How long it takes, on a
2-core machine: ``pipeline`` and ``render`` about 20 s together at 5 rounds; ``corpus`` a few
seconds a round, plus minutes (and about 15 GB of memory) for each round of the code before
(``--corpus-rounds 0`` leaves it out); ``big`` a minute or two, plus some 7 minutes to write the
10,000 maps the first time. Each variant's cache is filled before its rounds where the variant
is "warm" (in the ``big`` case, by the cold run just before), so no round of a warm variant
is a cold one.

``--corpora DIR`` keeps the generated corpora in DIR for the next run (writing 10,000 maps
with PyYAML takes about 7 minutes), each under a name made of its size and a hash of what it
is made from: the generator's code and the ``--before`` seed maps and texts.

Every case reads the seed maps and texts of the ``--before`` checkout, so that both sides read
the same bytes (the code before cannot read the fields the maps gained since; the code now reads
the old maps). ``--before`` is a checkout of the code before the issue with an environment of
its own. From this checkout (``python3`` 3.11 or newer; pip needs the package index, or a
mirror, for the build tools), with this checkout's constraints, so that both sides run the
same versions of attrs, PyYAML and the rest (the code before had no lock of its own)::

    git worktree add /tmp/argmap-before 1e6288c
    python3 -m venv /tmp/argmap-before/.venv
    /tmp/argmap-before/.venv/bin/pip install -c requirements/constraints.txt -e /tmp/argmap-before
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402

NOW = Path(sys.executable).parent / "argmap"
#: The cases ``--cases`` may name.
CASES = ("pipeline", "corpus", "big", "render")
#: The processes of one round: each command line with its environment.
Commands = list[tuple[list[str], dict[str, str]]]


class Run:
    """One measured process: wall seconds, CPU seconds (with its children), peak RSS (KiB)."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path) -> None:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _pid, status, usage = os.wait4(proc.pid, 0)
        self.wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        if proc.returncode != 0:
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv)}\n{err}")
        self.cpu = usage.ru_utime + usage.ru_stime
        self.rss = usage.ru_maxrss


class Variant:
    """A named way of running a case: the commands of one round, given a scratch folder."""

    def __init__(self, name: str, commands: Callable[[Path], Commands],
                 rounds: int | None = None) -> None:
        self.name, self.commands, self.rounds = name, commands, rounds
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.rss = 0

    def run(self, scratch: Path, cwd: Path) -> None:
        wall = cpu = 0.0
        for argv, env in self.commands(scratch):
            r = Run(argv, env, cwd)
            wall, cpu, self.rss = wall + r.wall, cpu + r.cpu, max(self.rss, r.rss)
        self.wall.append(wall)
        self.cpu.append(cpu)


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARGMAP_") and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def measure(title: str, variants: list[Variant], rounds: int, cwd: Path) -> None:
    print(f"\n{title}")
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(rounds):
            for v in variants:
                if v.rounds is None or r < v.rounds:
                    scratch = Path(tmp) / f"{v.name.replace(' ', '-')}-{r}"
                    scratch.mkdir()
                    v.run(scratch, cwd)
                    print(f"  round {r + 1}: {v.name:<34} {v.wall[-1]:8.2f} s wall {v.cpu[-1]:8.2f} s CPU",
                          file=sys.stderr)
    base = variants[0]
    print(f"  {'variant':<34} {'wall median':>11} {'spread':>17} {'CPU median':>11} {'spread':>17} "
          f"{'peak RSS':>9} {'wall x':>7} {'CPU x':>7}")
    for v in variants:
        wall, cpu = statistics.median(v.wall), statistics.median(v.cpu)
        print(f"  {v.name:<34} {wall:9.2f} s {min(v.wall):7.2f}-{max(v.wall):7.2f} s {cpu:9.2f} s "
              f"{min(v.cpu):7.2f}-{max(v.cpu):7.2f} s {v.rss / 1024:6.0f} MB "
              f"{wall / statistics.median(base.wall):7.3f} {cpu / statistics.median(base.cpu):7.3f}  (n={len(v.wall)})")


def pipeline_commands(argmap: Path, maps: Path, env: dict[str, str]) -> Callable[[Path], Commands]:
    def commands(out: Path) -> Commands:
        a = str(argmap)
        return [([a, "validate", str(maps), "-q"], env),
                ([a, "compare", str(maps), "--format", "json", "-o", str(out / "compare.json")], env),
                ([a, "render", "--compare", str(maps), "-o", str(out / "comparison.svg"), "-q"], env),
                ([a, "report", str(maps), "-o", str(out / "report"), "-q"], env)]
    return commands


def cold_cache(argmap: Path, build: Callable[[Path, dict[str, str]], Commands]
               ) -> Callable[[Path], Commands]:
    """Commands with a cache folder of their own, empty at the start of the round."""
    def commands(out: Path) -> Commands:
        return build(out, environment(ARGMAP_CACHE_DIR=str(out / "cache")))
    return commands


def corpus(work: Path, count: int, before: Path, keep: Path | None) -> Path:
    """A corpus of ``count`` maps made by benchmarks/corpus.py from the ``before`` seed maps:
    made in ``work``, or kept in ``keep`` (made there once, under a name that changes with
    what it is made from, and marked complete only once written whole)."""
    if keep is None:
        folder = work / f"corpus-{count}"
        generate(folder, count, root=before)
        return folder
    digest = hashlib.sha256((Path(__file__).parent / "corpus.py").read_bytes())
    for path in sorted([*(before / "maps").glob("*.yaml"), *(before / "seeds").glob("*")]):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    folder = keep / f"{count}-maps-{digest.hexdigest()[:12]}"
    if not (folder / "complete").exists():
        shutil.rmtree(folder, ignore_errors=True)  # a run stopped while writing it
        print(f"(writing a corpus of {count} maps into {folder}, kept for the next run)")
        generate(folder, count, root=before)
        (folder / "complete").write_text("written whole\n", encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, default=Path("/tmp/argmap-before"),
                        help="checkout of the code before issue 15, with .venv (default /tmp/argmap-before)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of each variant (default 5)")
    parser.add_argument("--cases", default="pipeline,corpus,render",
                        help=f"comma-separated, of {', '.join(CASES)} (default pipeline,corpus,render)")
    parser.add_argument("--maps", type=int, default=1000, help="maps in the corpus case")
    parser.add_argument("--corpus-rounds", type=int, default=1,
                        help="rounds of the code before in the corpus case (default 1; 0: leave it out; "
                             "a round takes minutes and about 15 GB of memory at 1,000 maps)")
    parser.add_argument("--big", type=int, default=10000, help="maps in the big case")
    parser.add_argument("--corpora", type=Path, default=None,
                        help="keep the generated corpora in this folder for the next run (default: made each run)")
    args = parser.parse_args(argv)
    before = args.before / ".venv" / "bin" / "argmap"
    cases = {c.strip() for c in args.cases.split(",") if c.strip()}
    unknown = sorted(cases - set(CASES))
    if unknown or not cases:
        parser.error(f"unknown case {', '.join(unknown) or '(none given)'}; choose among {', '.join(CASES)}")
    if args.rounds < 1 or args.corpus_rounds < 0:
        parser.error("--rounds must be at least 1 and --corpus-rounds at least 0")
    if not NOW.exists():
        parser.error(f"no argmap beside this Python ({NOW}): run the script with the project's environment, "
                     "e.g. .venv/bin/python benchmarks/speed.py (make setup makes .venv)")
    if not before.exists() or not (args.before / "maps").is_dir() or not (args.before / "seeds").is_dir():
        parser.error(f"--before {args.before} is not a checkout of the code before issue 15 with its own .venv "
                     f"(it needs {before}, maps/ and seeds/); the module's docstring says how to make one")
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; "
          f"load average before the run: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"now: {NOW}\nbefore: {before}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # Both sides read the same bytes: the seed maps and texts as they stood before the issue
        # (the code before cannot read the fields added since; the code now reads those maps).
        maps = args.before / "maps"
        warm = environment(ARGMAP_CACHE_DIR=str(work / "warm-cache"))
        if "pipeline" in cases or "render" in cases:
            # fills the warm cache (maps, vocabulary, projections, drawings) before any round
            for argv, env in pipeline_commands(NOW, maps, warm)(work):
                Run(argv, env, ROOT)
        if "pipeline" in cases:
            measure("seed pipeline: validate, compare --format json, render --compare, report (4 processes)", [
                Variant("before", pipeline_commands(before, maps, environment())),
                Variant("now, cache emptied each round", cold_cache(
                    NOW, lambda out, env: pipeline_commands(NOW, maps, env)(out))),
                Variant("now, warm cache", pipeline_commands(NOW, maps, warm)),
                Variant("now, --no-cache (ARGMAP_NO_CACHE=1)", pipeline_commands(
                    NOW, maps, environment(ARGMAP_NO_CACHE="1"))),
            ], args.rounds, ROOT)
        if "corpus" in cases:
            folder = corpus(work, args.maps, args.before, args.corpora)

            def compare(program: Path) -> Callable[[Path, dict[str, str]], Commands]:
                return lambda out, env: [([str(program), "compare", str(folder / "maps"), "--format", "json",
                                           "-o", str(out / "compare.json")], env)]

            corpus_warm = environment(ARGMAP_CACHE_DIR=str(work / "corpus-cache"))
            # fills the warm cache: map entries, vocabulary and projections
            Run(compare(NOW)(work, corpus_warm)[0][0], corpus_warm, ROOT)
            corpus_variants = [
                Variant("before", lambda out: compare(before)(out, environment()), rounds=args.corpus_rounds),
                Variant("now, empty cache", cold_cache(NOW, compare(NOW))),
                Variant("now, warm cache", lambda out: compare(NOW)(out, corpus_warm)),
            ]
            if args.corpus_rounds == 0:
                print("\n(--corpus-rounds 0: the code before is not run on the corpus; ratios are to the empty cache)")
                corpus_variants = corpus_variants[1:]
            measure(f"corpus: compare FOLDER --format json, {args.maps} maps of the seed texts", corpus_variants,
                    max(args.rounds, args.corpus_rounds), ROOT)
        if "big" in cases:
            folder = corpus(work, args.big, args.before, args.corpora)
            big_cache = environment(ARGMAP_CACHE_DIR=str(work / "big-cache"))  # empty until the first variant

            def big(out: Path) -> Commands:
                return [([str(NOW), "compare", str(folder / "maps"), "--format", "json", "--metrics",
                          "jaccard,distance_ratio", "-o", str(out / "compare.json")], big_cache)]

            measure(f"big corpus: compare FOLDER --format json --metrics jaccard,distance_ratio, {args.big} maps", [
                Variant("now, empty cache", big),
                Variant("now, warm cache (the run after)", big),
            ], 1, ROOT)
        if "render" in cases:
            largest = max((p for p in maps.glob("0*.yaml")), key=lambda p: p.stat().st_size)
            exported = work / "largest.argdown"
            Run([str(NOW), "export", str(largest), "--to", "argdown", "-o", str(exported)], environment(), ROOT)
            argdown = ROOT / "tools" / "node" / "node_modules" / ".bin" / "argdown"
            variants = [
                Variant("argdown map --format svg", lambda out: [(
                    [str(argdown), "map", str(exported), str(out), "--format", "svg"], environment())]),
                Variant("argmap render, before", lambda out: [(
                    [str(before), "render", str(largest), "-o", str(out / "map.svg"), "-q"], environment())]),
                # Without the cache: the map parsed and dot run every time, as argdown does.
                Variant("argmap render, now, no cache", lambda out: [(
                    [str(NOW), "render", str(largest), "-o", str(out / "map.svg"), "-q"],
                    environment(ARGMAP_NO_CACHE="1"))]),
                # With a warm cache: the map read back and the drawing kept from the first run.
                Variant("argmap render, now, warm cache", lambda out: [(
                    [str(NOW), "render", str(largest), "-o", str(out / "map.svg"), "-q"], warm)]),
            ]
            # the largest map's drawing into the warm cache (its map entry came with the pipeline)
            Run([str(NOW), "render", str(largest), "-o", str(work / "map.svg"), "-q"], warm, ROOT)
            if not argdown.exists():
                print("(the Argdown CLI is not installed: make setup installs it into tools/node)")
                variants = variants[1:]
            measure(f"render the largest seed map ({largest.name}) as SVG", variants, args.rounds, ROOT)
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
