"""Draw every map in maps/ as docs/img/<map>.svg, the comparison map of them all and one
diff, the images docs/gallery.md shows.

Run it after changing a map or the renderer; tests/test_render.py checks that the committed
images equal a fresh drawing (for the same Graphviz version).

    python scripts/gallery.py [--maps maps] [--out docs/img]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import argmap

ROOT = Path(__file__).resolve().parent.parent

#: The diff the gallery shows: 002 and 004 tell the same history and disagree on whether
#: joining the Western bloc was rational, so their overlay teaches the most.
DIFFS = (("002-lost-opportunities", "004-pragmatic-partnership"),)


def main(argv: list[str] | None = None) -> int:
    """Draw the gallery; exit 1 with the reason where a map cannot be drawn."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--maps", type=Path, default=ROOT / "maps", help="folder of map files")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img", help="where the SVGs go")
    args = parser.parse_args(argv)
    try:
        diffs = [pair for pair in DIFFS if all((args.maps / f"{name}.yaml").is_file() for name in pair)]
        written = argmap.render_gallery(args.maps, args.out, diffs=diffs)
    except argmap.ArgmapError as exc:
        print(exc, file=sys.stderr)
        return 1
    for path in written:
        print(path)
    if not written:
        print(f"no maps in {args.maps}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
