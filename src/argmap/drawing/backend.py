"""The one place argmap runs Graphviz's ``dot``, and writes drawings to files.

Everything else builds DOT text; this module turns it into SVG, PNG or PDF (several drawings
at once on several cores) and writes files atomically through :mod:`argmap.files`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from argmap.cache import drawn
from argmap.errors import ExportError, GraphvizNotFound, RenderError
from argmap.files import write_text

__all__ = ["FORMATS", "INSTALL_HELP", "output_format", "run_dot", "run_dot_many", "write_rendering"]

#: Output formats, named by file suffix; ``dot`` (also ``.gv``) is the DOT text itself.
FORMATS = ("svg", "png", "pdf", "dot")

INSTALL_HELP = (
    "Graphviz's `dot` program draws the maps, and it was not found on PATH. Install it:\n"
    "  Debian/Ubuntu: sudo apt-get install graphviz\n"
    "  macOS:         brew install graphviz\n"
    "  conda:         conda install -c conda-forge graphviz\n"
    "(A .dot file needs no Graphviz: write one and draw it elsewhere.)"
)


def run_dot(source: str, fmt: str = "svg") -> bytes:
    """Run Graphviz's ``dot`` on DOT text; return its output in ``fmt`` (svg, png, pdf).

    The one place argmap runs an executable. An SVG or PNG drawn before from the same DOT
    text by the same Graphviz comes from the map cache instead (:func:`argmap.cache.drawn`;
    off with ``--no-cache`` or ``ARGMAP_NO_CACHE``). Raises :class:`~argmap.errors.GraphvizNotFound`
    with install instructions where ``dot`` is missing, :class:`~argmap.errors.RenderError`
    with dot's message where it fails.
    """
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizNotFound(INSTALL_HELP)
    return drawn(exe, fmt, source, lambda: _run(exe, source, fmt))


def _run(exe: str, source: str, fmt: str) -> bytes:
    import subprocess  # here, not at the top: a drawing read back from the cache runs nothing

    try:
        done = subprocess.run([exe, f"-T{fmt}"], input=source.encode("utf-8"),
                              capture_output=True, check=False)
    except OSError as exc:
        raise GraphvizNotFound(f"cannot run {exe}: {exc.strerror or exc}\n{INSTALL_HELP}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip() or "no message"
        raise RenderError(f"Graphviz's dot failed (exit code {done.returncode}): {message}")
    return done.stdout


def output_format(path: str | os.PathLike[str]) -> str:
    """The format a file name asks for, by its suffix: svg, png, pdf or dot (also ``.gv``).

    Raises :class:`~argmap.errors.ExportError` for any other suffix.
    """
    suffix = Path(path).suffix.lower()
    fmt = "dot" if suffix == ".gv" else suffix.lstrip(".")
    if fmt not in FORMATS:
        raise ExportError(f"{path}: cannot tell the drawing's format from the suffix "
                          f"{suffix or '(none)'!r}: use .svg, .png, .pdf or .dot")
    return fmt


def write_rendering(source: str, path: str | os.PathLike[str], *, parents: bool = False) -> Path:
    """Draw DOT text into ``path`` in the format its suffix names, atomically.

    A ``.dot`` file gets the DOT text itself and needs no Graphviz. With ``parents``,
    missing folders on the way are created; a failed drawing leaves the old file (or no file) in place. Returns the
    path written. Raises :class:`~argmap.errors.ExportError` for a suffix that names no
    format, and :class:`~argmap.errors.RenderError` where ``dot`` fails or the file cannot
    be written (:class:`~argmap.errors.GraphvizNotFound` where ``dot`` is missing).
    """
    fmt = output_format(path)
    data = source if fmt == "dot" else run_dot(source, fmt)
    try:
        return write_text(path, data, parents=parents)
    except OSError as exc:
        raise RenderError(f"cannot write {path}: {exc.strerror or exc}") from None


def run_dot_many(sources: Sequence[str], fmt: str = "svg") -> list[bytes]:
    """Each DOT text drawn by :func:`run_dot`, several ``dot`` processes at a time (one per
    core), results in the order given. Raises as :func:`run_dot` does for the first failure.

    The drawings the cache holds are read first, in turn; only the others are drawn on
    threads, so that a report whose drawings are all kept starts no thread (nor imports the
    thread pool, which imports ``logging``)."""
    if len(sources) < 2:
        return [run_dot(s, fmt) for s in sources]
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizNotFound(INSTALL_HELP)
    found = [_kept(exe, s, fmt) for s in sources]
    missing = [i for i, data in enumerate(found) if data is None]
    if len(missing) == 1:
        found[missing[0]] = run_dot(sources[missing[0]], fmt)
    elif missing:
        import contextvars
        from concurrent.futures import ThreadPoolExecutor

        # Each thread runs in a copy of the caller's context, so that argmap.caching() holds there.
        context = contextvars.copy_context()
        with ThreadPoolExecutor(max_workers=max(1, min(len(missing), os.cpu_count() or 1))) as pool:
            drawings = list(pool.map(lambda i: context.copy().run(run_dot, sources[i], fmt), missing))
        for i, data in zip(missing, drawings, strict=True):
            found[i] = data
    return [data for data in found if data is not None]


class _NotKept(Exception):
    """Raised in place of drawing: the cache does not hold the drawing asked for."""


def _not_kept() -> bytes:
    raise _NotKept


def _kept(exe: str, source: str, fmt: str) -> bytes | None:
    """The drawing of ``source`` as the cache holds it (:func:`argmap.cache.drawn`), or None
    where it holds none (or is off): nothing is drawn and nothing is written."""
    try:
        return drawn(exe, fmt, source, _not_kept)
    except _NotKept:
        return None
