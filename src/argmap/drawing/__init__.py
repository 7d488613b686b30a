"""Drawings of maps and comparisons, built as DOT text and drawn by Graphviz's ``dot``.

One module a concern: :mod:`~argmap.drawing.dot` escapes and writes DOT statements,
:mod:`~argmap.drawing.style` holds the looks, :mod:`~argmap.drawing.parts` the caption, key
and empty graph every drawing shares, :mod:`~argmap.drawing.amap` draws one map,
:mod:`~argmap.drawing.concept_map` and :mod:`~argmap.drawing.comparison` draw diffs and
comparisons, and :mod:`~argmap.drawing.backend` is the only place that runs ``dot``. The
public functions are re-exported by :mod:`argmap` (``argmap.render``, ``argmap.render_svg``,
``argmap.render_diff``, ...); this package imports nothing itself, so that loading one of
its modules does not load the others.
"""
