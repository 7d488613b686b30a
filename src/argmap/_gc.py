"""Fewer runs of Python's cyclic garbage collector while argmap builds many objects at once.

Loading a corpus makes hundreds of thousands of small, acyclic objects (nodes, quotes, spans),
and the collector, which runs after every 700 new container objects by default, walks the
ever larger heap again and again: at 1,000 maps that was about a quarter of a warm
``argmap compare`` (8 full collections, 1.6 s of 7.5 s, counted with ``gc.callbacks``), and
with raised thresholds still 0.4-0.9 s. Reference counting frees these objects without the
collector; it is only needed for reference cycles, which argmap's data does not form: a whole
command leaves 1,300-3,200 objects in cycles (imports, caught exceptions), counted with
``gc.collect()`` at the end of ``compare`` on 1,000 maps, ``validate`` and ``report``. So a
one-shot command runs without the collector, and its memory is that of its live data.
Every helper restores the previous setting on leaving.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["fewer_collections", "for_command", "paused"]

#: The collector's thresholds for a command-line run (CPython's defaults are 700, 10, 10).
COMMAND_THRESHOLDS = (10_000, 10, 10)


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection inside the block (the collector stays off where it was off);
    for code that only builds acyclic data, such as reading a corpus of maps."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def fewer_collections(thresholds: tuple[int, int, int] = COMMAND_THRESHOLDS) -> Iterator[None]:
    """Collect less often inside the block: one run of a command, which keeps its maps to the
    end. Cycles are still collected, so memory stays bounded in long runs (``argmap watch``)."""
    before = gc.get_threshold()
    gc.set_threshold(*(max(a, b) for a, b in zip(before, thresholds, strict=True)))
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextlib.contextmanager
def for_command(long_running: bool) -> Iterator[None]:
    """The collector's setting for one command-line run: off for a command that ends when its
    work is done (its few cyclic objects are freed with the process), fewer collections for
    one that runs until stopped (``argmap watch``), whose cycles must still be collected."""
    with fewer_collections() if long_running else paused():
        yield
