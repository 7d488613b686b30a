"""Build everything argmap exists for from the maps in maps/: the `make demo` driver.

Each step calls argmap's public API, so the demo doubles as an end-to-end example.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gallery import DIFFS  # scripts/ is on the path when this script runs

import argmap

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Validate and summarise every seed map, then draw them, their comparison and one
    diff into ``--out``/drawings; later steps write into ``--out`` too."""
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
        drawn = argmap.render_gallery(args.maps, args.out / "drawings", diffs=pairs[:1])
    except argmap.ArgmapError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"\n{len(drawn)} drawings in {args.out / 'drawings'}: {', '.join(p.name for p in drawn)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
