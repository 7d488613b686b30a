"""Drawings in the report: Graphviz's SVG made safe to inline, and the frame that shows it.

A drawing fits its frame's width; the report's script (``assets/report.js``) then lets the
reader zoom and pan it by mouse (wheel, drag), by keyboard (``+`` ``-`` ``0`` and the arrow
keys in the focused frame) and with visible buttons, by changing the SVG's ``viewBox``: no
library, nothing fetched. A figure may hold two views of one map (its causal skeleton, which
a large map opens on, and the whole map), switched by a pair of radio buttons that work
without the script too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import attrs

from argmap.errors import RenderError
from argmap.report.page import esc

__all__ = ["SKELETON_ABOVE", "View", "figure", "inline_svg"]

#: A map with more nodes than this opens on its causal skeleton (the thesis, factors and
#: outcomes), the whole map one click away.
SKELETON_ABOVE = 40

_SVG_START = re.compile(r"<svg\b")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# An id attribute and a url(#...) reference, each only inside a tag: what follows it up to the
# next angle bracket closes a tag (Graphviz escapes < and > in text and attribute values, so
# text that reads like one is followed by the next tag's "<"). Matched in C, no call a tag.
_ID = re.compile(r'id="(?<=\sid=")(?=[^"<>]*"[^<>]*>)')  # the literal first: found by a quick scan
_URL_REF = re.compile(r"url\(#(?=[^)<>]*\)[^<>]*>)")
_SVG_NS = "http://www.w3.org/2000/svg "  # expat's names: namespace, a space, local name
_XLINK_NS = "http://www.w3.org/1999/xlink "
# What Graphviz writes; anything else (script, foreignObject, an event handler, a link out)
# in a drawing would mean that some text escaped its escaping.
_SVG_TAGS = frozenset({"svg", "g", "title", "desc", "a", "path", "polygon", "polyline", "ellipse",
                       "circle", "line", "text", "tspan", "rect", "defs", "linearGradient",
                       "radialGradient", "stop"})


def _check_svg(svg: str) -> None:
    """Refuse a drawing that holds anything but shapes, text and tooltips (or is not
    well-formed XML). expat reports each element's name and attributes; the names are
    checked as sets, and attribute values only where a link could be among them."""
    from xml.parsers import expat  # only where a report is drawn

    tags: set[str] = set()
    attributes: list[list[str]] = []  # each element's [name, value, name, value, ...]

    def start(tag: str, pairs: list[str]) -> None:
        tags.add(tag)
        if pairs:
            attributes.append(pairs)

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.ordered_attributes = True
    parser.StartElementHandler = start
    try:
        parser.Parse(svg, True)
    except expat.ExpatError as exc:
        raise RenderError(f"the drawing is not well-formed SVG: {exc}") from None
    for tag in sorted(tags):
        local = tag.removeprefix(_SVG_NS)
        if local not in _SVG_TAGS:
            raise RenderError(f"the drawing holds a <{local}> element, which a report does not embed")
    names = {name.removeprefix(_XLINK_NS) for name in set().union(*(pairs[::2] for pairs in attributes))}
    for local in sorted(names):
        if local.lower().startswith("on"):
            raise RenderError(f"the drawing holds a {local}= attribute, which a report does not embed")
    if "href" in names:
        for pairs in attributes:
            for name, value in zip(pairs[::2], pairs[1::2], strict=True):
                if name.removeprefix(_XLINK_NS) == "href" and not value.startswith("#"):
                    raise RenderError("the drawing holds a href= attribute, which a report does not embed")


def inline_svg(svg: str, *, title: str, description: str, prefix: str) -> str:
    """Graphviz's SVG made ready to sit inside an HTML page: the XML prologue and comments
    dropped, every id prefixed with ``prefix`` (so that two drawings cannot clash), and an
    accessible name (``role="img"``, a ``<title>`` and a ``<desc>``) added.

    Raises :class:`~argmap.errors.RenderError` for SVG that holds scripts, event handlers,
    foreign objects, images or links out: a report embeds drawings, nothing that runs.
    """
    start = _SVG_START.search(svg)
    if start is None:
        raise RenderError("the drawing holds no <svg> element")
    body = _COMMENT.sub("", svg[start.start():]).strip()
    _check_svg(body)

    literal = prefix.replace("\\", "\\\\")  # a replacement template; no group is named in it
    body = _URL_REF.sub(f"url(#{literal}-", _ID.sub(f'id="{literal}-', body))
    head_end = body.index(">") + 1
    head = body[:head_end].removesuffix(">")
    accessible = (f' role="img" aria-labelledby="{prefix}-title {prefix}-desc" focusable="false"'
                  f' class="argmap-drawing">')
    names = (f'\n<title id="{prefix}-title">{esc(title)}</title>'
             f'\n<desc id="{prefix}-desc">{esc(description)}</desc>')
    return head + accessible + names + body[head_end:]


@attrs.frozen
class View:
    """One drawing a figure can show: the label of its switch, the SVG as Graphviz wrote it,
    a sentence for screen readers, the DOT name of the node the frame first shows (the
    thesis; None: the drawing's top), and the rows a click on a node leads to (DOT name ->
    the id of the node's row in the page)."""

    label: str
    svg: str
    description: str
    focus: str | None = None
    rows: Mapping[str, str] = attrs.field(factory=dict)


_TOOLS = (
    '<div class="zoom-tools" role="toolbar" aria-label="Zoom the drawing" hidden>'
    '<button type="button" data-zoom="in" aria-label="Zoom in" title="Zoom in (+)">+</button>'
    '<button type="button" data-zoom="out" aria-label="Zoom out" title="Zoom out (\u2212)">\u2212</button>'
    '<button type="button" data-zoom="fit" title="Fit the frame (0)">Fit</button>'
    '<output class="zoom-level" aria-live="polite"></output>'
    '<span class="zoom-help">Drag to move; in the frame, the wheel, + and \u2212 zoom, the arrow keys '
    "move, 0 fits.</span></div>\n"
)


def figure(views: Sequence[View], *, prefix: str, title: str, caption: str, missing: str) -> str:
    """A drawing in a frame that fits its width, with the zoom buttons (shown by the script)
    and, for two or more ``views``, a switch between them (the first shown first), then
    ``caption`` (HTML of our own, not a map's text); ``missing`` where there is no drawing.

    Raises :class:`~argmap.errors.RenderError` as :func:`inline_svg` does."""
    if not views:
        return f'<p class="missing">{esc(missing)}</p>\n'
    out = ['<figure class="drawing">\n']
    if len(views) > 1:
        out.append('<fieldset class="views"><legend>Show</legend>')
        for i, view in enumerate(views):
            checked = " checked" if i == 0 else ""
            out.append(f'<label><input type="radio" name="{prefix}-view" value="{i}"{checked}> '
                       f"{esc(view.label)}</label>")
        out.append("</fieldset>\n")
    out.append(_TOOLS)
    for i, view in enumerate(views):
        name = prefix if i == 0 else f"{prefix}-{i + 1}"
        drawing = inline_svg(view.svg, title=f"{title}: {view.label}" if len(views) > 1 else title,
                             description=view.description, prefix=name)
        focus = f' data-focus="{esc(view.focus)}"' if view.focus else ""
        if view.rows:  # names are plain (letters, digits, . _ -), so a space and a colon part them
            focus += f' data-rows="{esc(" ".join(f"{k}:{v}" for k, v in view.rows.items()))}"'
        hidden = " hidden" if i > 0 else ""
        out.append(
            f'<div class="drawing-view" data-view="{i}"{hidden}>\n'
            f'<div class="drawing-frame" tabindex="0" role="group"{focus} '
            f'aria-label="{esc(title)}: {esc(view.label)}; zoom with + and \u2212, move with the arrow keys">\n'
            f"{drawing}\n</div>\n</div>\n")
    out.append(f"<figcaption>{caption}</figcaption>\n</figure>\n")
    return "".join(out)
