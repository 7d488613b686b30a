"""Compare the running environment with the lock (what `pip freeze` shows against the pins).

    python scripts/check_lock.py requirements/constraints.txt [--extras]

Exit 0 when every pin whose environment marker holds here is installed at exactly that
version; exit 1 listing each one that is missing or at another version. Distributions that
the lock does not name (other than argmap itself) are reported, not counted as a mismatch;
with --extras the script only prints their names, one a line, for `pip uninstall`.
Run by scripts/bootstrap.sh with the virtual environment's Python.
"""

from __future__ import annotations

import argparse
import sys
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.utils import canonicalize_name

PROJECT = "argmap"


def read_pins(lock: Path) -> dict[str, str]:
    """The lock's ``name==version`` lines whose markers hold in this environment."""
    pins: dict[str, str] = {}
    for raw in lock.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        requirement, _, marker = line.partition(";")
        if marker.strip() and not Marker(marker.strip()).evaluate():
            continue
        name, sep, version = requirement.partition("==")
        if not sep:
            raise SystemExit(f"{lock}: not an exact pin: {raw!r}")
        pins[canonicalize_name(name.strip())] = version.strip()
    return pins


def installed() -> dict[str, str]:
    """Every distribution in this environment, by normalised name."""
    return {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("lock", type=Path)
    parser.add_argument("--extras", action="store_true", help="only print what is installed but not in the lock")
    args = parser.parse_args(argv)

    pins = read_pins(args.lock)
    have = installed()
    extras = sorted(set(have) - set(pins) - {PROJECT})
    if args.extras:
        print("\n".join(extras))
        return 0
    wrong = [f"  {name}: lock {want}, installed {have.get(name, 'nothing')}"
             for name, want in sorted(pins.items()) if have.get(name) != want]
    if wrong:
        print(f"{sys.prefix} does not match {args.lock}:", *wrong, sep="\n", file=sys.stderr)
        return 1
    note = f"; not in the lock: {', '.join(extras)}" if extras else ""
    print(f"{len(pins)} packages as pinned in {args.lock}{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
