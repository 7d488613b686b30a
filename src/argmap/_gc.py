"""The cyclic garbage collector paused while argmap builds many objects at once.

Loading a corpus makes hundreds of thousands of small, acyclic objects (nodes, quotes, spans),
and the collector, which runs after every 700 new container objects by default, walks the
ever larger heap again and again: at 1,000 maps that was about a fifth of a warm
``argmap compare`` (8 full collections, 1.6 s of 7.5 s, counted with ``gc.callbacks``), and
with raised thresholds still 0.4-0.9 s. Reference counting frees these objects without the
collector; it is only needed for reference cycles, which argmap's data does not form: a whole
command leaves 1,300-3,200 objects in cycles (imports, caught exceptions), counted with
``gc.collect()`` at the end of ``compare`` on 1,000 maps, ``validate`` and ``report``. So a
one-shot command runs without the collector, and its memory is that of its live data.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["gc_paused"]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off inside the block, and set back as it was after
    (it stays off where it was off): ``with argmap.gc_paused(): result =
    argmap.compare("corpus/")``.

    For code that builds much acyclic data, such as reading and comparing thousands of maps,
    where the collector's repeated walks of the heap cost up to a fifth of the time.
    Reference counting still frees every object that is not in a reference cycle; objects in
    cycles made inside the block wait for the next collection after it. Every argmap command
    but ``argmap watch`` runs inside one; :func:`argmap.load_corpus` reads inside one.
    Raises nothing.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
