"""Rich displays in Jupyter and IPython: a map, a diff and a comparison shown as drawings.

The model and the comparison know nothing of display; this module registers display
functions for their types with IPython's formatters (``for_type_by_name``, so that nothing
is imported before an object is shown). ``import argmap`` calls :func:`register` when it
runs inside IPython. Where a drawing cannot be made (Graphviz missing, a broken map), the
display is a one-line summary and the reason.
"""

from __future__ import annotations

from typing import Any

from argmap.errors import ArgmapError

__all__ = ["mimebundle", "register", "summary"]

# (module, class name) of each type shown as a drawing.
_TYPES = (("argmap.model", "ArgumentMap"), ("argmap.diffing", "MapDiff"), ("argmap.comparison", "Comparison"))


def summary(obj: Any) -> str:
    """A one-line description of a map, diff or comparison."""
    name = type(obj).__name__
    if name == "ArgumentMap":
        return f"<ArgumentMap {obj.id}: {len(obj.nodes)} nodes, {len(obj.edges)} edges>"
    if name == "MapDiff":
        return (f"<MapDiff {obj.a.key} vs {obj.b.key}: {len(obj.shared)} shared concepts, "
                f"{len(obj.divergences)} divergences>")
    if name == "Comparison":
        return (f"<Comparison of {len(obj.projections)} authors: {len(obj.concepts)} concepts, "
                f"{len(obj.links)} causal links, {len(obj.controversies)} controversies>")
    return repr(obj)


def _svg(obj: Any) -> str:
    from argmap.drawing.backend import run_dot

    name = type(obj).__name__
    if name == "ArgumentMap":
        from argmap.drawing.amap import render

        graph = render(obj, legend=True)
    elif name == "MapDiff":
        from argmap.drawing.comparison import render_diff

        graph = render_diff(obj)
    else:
        from argmap.drawing.comparison import render_comparison

        graph = render_comparison(obj)
    return run_dot(graph.source).decode("utf-8")


def mimebundle(obj: Any, include: object = None, exclude: object = None) -> dict[str, str]:
    """A Jupyter display bundle for a map, diff or comparison: its drawing as SVG or, where it
    cannot be drawn, the :func:`summary` and the reason as text."""
    try:
        return {"image/svg+xml": _svg(obj)}
    except ArgmapError as exc:
        return {"text/plain": f"{summary(obj)}\n(not drawn: {exc})"}


def register(ipython: Any = None) -> bool:
    """Register the displays with an IPython shell (the running one by default); False where
    there is none."""
    if ipython is None:
        try:
            from IPython import get_ipython  # type: ignore[import-not-found]
        except ImportError:
            return False
        ipython = get_ipython()
    if ipython is None:
        return False
    formatter = ipython.display_formatter.mimebundle_formatter
    for module, name in _TYPES:
        formatter.for_type_by_name(module, name, mimebundle)
    return True
