"""Build everything argmap exists for from the maps in maps/: the `make demo` driver.

Each step calls argmap's public API, so the demo doubles as an end-to-end example.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gallery import DIFFS  # scripts/ is on the path when this script runs

import argmap
from argmap.tables import FORMATS, KINDS

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {"md": "md", "html": "html", "latex": "tex", "csv": "csv"}


def main(argv: list[str] | None = None) -> int:
    """Summarise every seed map; draw them, their comparison and one diff into ``--out``/maps;
    write the five teaching tables in every format into ``--out``/tables and the HTML report
    into ``--out``/report (and as one file, ``--out``/report.html); print the page to open."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--maps", type=Path, default=ROOT / "maps")
    parser.add_argument("--out", type=Path, default=ROOT / "build")
    args = parser.parse_args(argv)

    paths = sorted(p for p in args.maps.glob("*.yaml") if p.name != "concepts.yaml")
    if not paths:
        print(f"no maps found in {args.maps}", file=sys.stderr)
        return 1
    try:
        maps = [argmap.load(p) for p in paths]
    except argmap.ArgmapError as exc:
        print(exc, file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)

    print(f"{'map':<30} {'nodes':>5} {'edges':>5} {'concepts':>8}  thesis")
    for m in maps:
        thesis = m.thesis.label if m.thesis else "(none)"
        print(f"{m.id:<30} {len(m.nodes):>5} {len(m.edges):>5} {len(m.concepts):>8}  {thesis}")

    # Drawings: every map, the comparison map of them all, and one diff (the gallery's pair
    # where both maps are there, else the first and the last map).
    stems = [p.stem for p in paths]
    pairs = [pair for pair in DIFFS if set(pair) <= set(stems)] or ([(stems[0], stems[-1])] if len(stems) > 1 else [])
    try:
        drawn = argmap.render_gallery(args.maps, args.out / "maps", diffs=pairs[:1])
        # Tables: each kind in each format, whole documents where a format has them (an HTML
        # page to open, a LaTeX file to compile) rather than fragments to paste.
        comparison = argmap.compare(maps)
        tables = []
        for kind in KINDS:
            table = argmap.build_table(kind, maps, comparison=comparison)
            for fmt in FORMATS:
                path = args.out / "tables" / f"{kind}.{SUFFIXES[fmt]}"
                path.parent.mkdir(parents=True, exist_ok=True)
                tables.append(argmap.write_table(table, path, fmt, standalone=fmt in ("html", "latex")))
        index = argmap.write_report(maps, args.out / "report")
        single = argmap.write_report(maps, args.out / "report.html", single_file=True)
    except argmap.ArgmapError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"\n{len(drawn)} drawings in {args.out / 'maps'}: {', '.join(p.name for p in drawn)}")
    print(f"{len(tables)} tables in {args.out / 'tables'}: {len(KINDS)} kinds x {', '.join(FORMATS)}")
    print(f"the report in {index.parent}: the overview and {len(maps)} text pages; "
          f"the same as one file to upload or e-mail: {single}")
    shown = index.resolve()
    if shown.is_relative_to(Path.cwd()):
        shown = shown.relative_to(Path.cwd())
    print(f"\nOpen {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
