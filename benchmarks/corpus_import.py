"""How a research corpus imports: every file of a folder, with its source text where it has one.

Run on demand: ``python benchmarks/corpus_import.py FOLDER [FOLDER ...]``. For each folder it
finds the corpus files by their names and imports each with its text:

* AIF JSON (``N.json``, ``N.aif.json``) with ``N.txt`` beside it (AIFdb nodesets, the AIF
  versions of the microtexts); OVA3/xAIF files carry their own text;
* arggraph XML (``N.xml``) with ``N.txt``;
* brat standoff (``N.ann``) with ``N.txt``;
* Kialo exports (``N.kialo.txt`` or any ``.txt`` starting ``Discussion Title:``), which have
  no source text.

Each written map is written to a scratch folder and checked with ``argmap.check`` (the
whole ``argmap validate`` pipeline: load, find every quote, validate). It prints, per folder
and format: files, files with a text, files imported, nodes anchored exactly / tolerantly /
implicit, maps that validate (no errors), and the median and slowest time per file
(import, write and check, in seconds), then every failure with its first message. Nothing
is passed as ``--thesis``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import argmap
from argmap.errors import ArgmapError
from argmap.formats import import_file, write_imported


@dataclass
class Tally:
    files: int = 0
    with_text: int = 0
    imported: int = 0
    valid: int = 0
    exact: int = 0
    tolerant: int = 0
    implicit: int = 0
    seconds: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def jobs(folder: Path) -> list[tuple[str, Path, Path | None]]:
    """(format, file, text) for every corpus file in a folder."""
    out: list[tuple[str, Path, Path | None]] = []
    for path in sorted(folder.iterdir()):
        name = path.name
        if name.endswith(".aif.json"):
            text = folder / (name.removesuffix(".aif.json") + ".txt")
            out.append(("aif", path, text if text.exists() else None))
        elif name.endswith(".json"):
            text = path.with_suffix(".txt")
            out.append(("aif", path, text if text.exists() else None))
        elif name.endswith(".xml"):
            text = path.with_suffix(".txt")
            out.append(("arggraph", path, text if text.exists() else None))
        elif name.endswith(".ann"):
            out.append(("brat", path, path.with_suffix(".txt")))
        elif name.endswith(".txt") and path.read_text("utf-8", "replace").lstrip().startswith("Discussion Title:"):
            out.append(("kialo", path, None))
    return out


def run(folder: Path, scratch: Path) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for fmt, path, text in jobs(folder):
        tally = tallies[fmt]
        tally.files += 1
        start = time.perf_counter()
        try:
            imported = import_file(path, fmt, text=text.resolve() if text is not None else None)
            target = scratch / f"{fmt}-{path.stem}.yaml"
            write_imported(imported, target)
            problems = [p for p in argmap.check(target) if p.severity is argmap.Severity.ERROR]
        except ArgmapError as exc:
            tally.failures.append(f"{path.name}: {str(exc).splitlines()[0]}")
            tally.seconds.append(time.perf_counter() - start)
            continue
        tally.seconds.append(time.perf_counter() - start)
        tally.imported += 1
        counts = imported.anchoring
        if counts is not None and (text is not None or imported.source_text is not None):
            tally.with_text += 1
            tally.exact += counts.exact
            tally.tolerant += counts.tolerant
            tally.implicit += counts.implicit
        if problems:
            tally.failures.append(f"{path.name}: {problems[0]}")
        else:
            tally.valid += 1
    return tallies


def _share(count: int, total: int) -> str:
    return f"{count} ({count / total:.0%})" if total else str(count)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    header = (f"{'folder':<28} {'format':<9} {'files':>5} {'text':>5} {'ok':>5} {'exact':>11} {'tolerant':>11} "
              f"{'implicit':>11} {'valid':>5} {'median s':>9} {'max s':>7}")
    print(header)
    print("-" * len(header))
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for arg in argv:
            folder = Path(arg)
            scratch = Path(tmp) / folder.name
            scratch.mkdir(parents=True, exist_ok=True)
            for fmt, t in sorted(run(folder, scratch).items()):
                nodes = t.exact + t.tolerant + t.implicit
                print(f"{folder.name[-28:]:<28} {fmt:<9} {t.files:>5} {t.with_text:>5} {t.imported:>5} "
                      f"{_share(t.exact, nodes):>11} {_share(t.tolerant, nodes):>11} {_share(t.implicit, nodes):>11} "
                      f"{t.valid:>5} "
                      f"{statistics.median(t.seconds):>9.3f} {max(t.seconds):>7.3f}")
                failures.extend(f"{folder.name}/{fmt}: {f}" for f in t.failures)
    for failure in failures:
        print("  " + failure)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
