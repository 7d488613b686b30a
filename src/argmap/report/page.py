"""The frame every report page shares: escaping, page names, the inline style sheet and script
(package data in ``argmap/report/assets``), the Content-Security-Policy, navigation, and
drawings made safe to inline.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from collections.abc import Sequence

import attrs

from argmap._text import escape_html, one_line, quoted
from argmap._version import __version__
from argmap.comparison import Comparison
from argmap.coverage import Audit
from argmap.drawing.style import COLOUR
from argmap.errors import RenderError
from argmap.files import read_resource
from argmap.quotes import SourceText

__all__ = [
    "CSS",
    "INDEX",
    "SCRIPT",
    "TextFacts",
    "author_names",
    "esc",
    "figure",
    "inline_svg",
    "nav_list",
    "number",
    "page",
    "page_names",
    "quoted",
    "section",
    "share",
]

GENERATOR = "argmap"
INDEX = "index.html"
#: The report's style sheet and script, inline in every page.
CSS = read_resource("argmap.report", "assets/report.css")
SCRIPT = read_resource("argmap.report", "assets/report.js")



def esc(text: str) -> str:
    """Text escaped for HTML content and quoted attribute values alike."""
    return escape_html(text)


def number(n: int) -> str:
    return f"{n:,}"


def share(x: float) -> str:
    return f"{x:.0%}" if x in (0.0, 1.0) else f"{x:.1%}"


def author_names(c: Comparison) -> dict[str, str]:
    """Each author's display name, with the key added where two would read the same (as the
    tables name them)."""
    names = {p.key: p.name for p in c.projections}
    counts = Counter(names.values())
    return {k: f"{n} ({k})" if counts[n] > 1 else n for k, n in names.items()}


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def page_names(keys: Sequence[str]) -> dict[str, str]:
    """A file name for each text's page, from its author key: safe on every file system
    (letters, digits, ``. _ -``), never ``index.html``, never two alike."""
    names: dict[str, str] = {}
    taken = {INDEX.lower()}
    for key in keys:
        base = _UNSAFE.sub("-", key).strip("-.")[:80] or "text"
        name, n = f"{base}.html", 1
        while name.lower() in taken:
            n += 1
            name = f"{base}-{n}.html"
        taken.add(name.lower())
        names[key] = name
    return names



_SVG_START = re.compile(r"<svg\b")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<[^<>]*>")  # Graphviz escapes < and > in text and attribute values
_ID = re.compile(r'(?<=\s)id="([^"]*)"')
_URL_REF = re.compile(r"url\(#([^)]*)\)")
_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK_NS = "{http://www.w3.org/1999/xlink}"
# What Graphviz writes; anything else (script, foreignObject, an event handler, a link out)
# in a drawing would mean that some text escaped its escaping.
_SVG_TAGS = frozenset({"svg", "g", "title", "desc", "a", "path", "polygon", "polyline", "ellipse",
                       "circle", "line", "text", "tspan", "rect", "defs", "linearGradient",
                       "radialGradient", "stop"})


def _check_svg(svg: str) -> None:
    """Refuse a drawing that holds anything but shapes, text and tooltips."""
    from xml.etree import ElementTree  # only where a report is drawn

    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError as exc:
        raise RenderError(f"the drawing is not well-formed SVG: {exc}") from None
    for element in root.iter():
        tag = element.tag.removeprefix(_SVG_NS)
        if tag not in _SVG_TAGS:
            raise RenderError(f"the drawing holds a <{tag}> element, which a report does not embed")
        for name, value in element.attrib.items():
            local = name.removeprefix(_XLINK_NS)
            if local.lower().startswith("on") or (local == "href" and not value.startswith("#")):
                raise RenderError(f"the drawing holds a {local}= attribute, which a report does not embed")


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

    def prefixed(tag: re.Match[str]) -> str:
        text = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', tag.group())
        return _URL_REF.sub(lambda m: f"url(#{prefix}-{m.group(1)})", text)

    body = _TAG.sub(prefixed, body)
    head_end = body.index(">") + 1
    head = body[:head_end].removesuffix(">")
    accessible = (f' role="img" aria-labelledby="{prefix}-title {prefix}-desc" focusable="false"'
                  f' class="argmap-drawing">')
    names = (f'\n<title id="{prefix}-title">{esc(title)}</title>'
             f'\n<desc id="{prefix}-desc">{esc(description)}</desc>')
    return head + accessible + names + body[head_end:]



def _kind_css() -> str:
    """Each kind's tag in the fill and outline of its box in the drawing."""
    return "".join(f".kind-{k.value} {{ background: {look.fillcolor}; border-color: {look.color}; }}\n"
                   for k, look in COLOUR.nodes.items())


def _csp() -> str:
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
    return ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'")


def page(title: str, body: str, *, nav: str) -> str:
    """A whole page: head with the policy, style and generator mark, skip link, navigation,
    then ``body`` (the ``<main>`` element) and the script."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(_csp())}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{GENERATOR} {esc(__version__)}">\n'
        '<link rel="icon" href="data:,">\n'
        f"<title>{esc(one_line(title))}</title>\n"
        f"<style>{CSS}{_kind_css()}</style>\n"
        "</head>\n<body>\n"
        '<a class="skip" href="#main">Skip to the content</a>\n'
        f'<header class="site">\n<nav aria-label="Report">\n{nav}</nav>\n</header>\n'
        f"{body}"
        f"<script>{SCRIPT}</script>\n"
        "</body>\n</html>\n"
    )


def nav_list(items: Sequence[tuple[str, str]]) -> str:
    return "<ul>\n" + "".join(f'<li><a href="{esc(href)}">{esc(text)}</a></li>\n' for href, text in items) + "</ul>\n"


def section(anchor: str, heading: str, body: str, intro: str = "") -> str:
    """A ``<section>`` with its heading and an optional line of help (HTML of our own)."""
    lead = f'<p class="help">{intro}</p>\n' if intro else ""
    return (f'<section id="{anchor}" aria-labelledby="{anchor}-h">\n'
            f'<h2 id="{anchor}-h">{heading}</h2>\n{lead}{body}</section>\n')


def figure(svg: str | None, *, prefix: str, title: str, description: str, caption: str, missing: str) -> str:
    """A drawing in a frame that scrolls (by keyboard too), a box to see it at full size, and
    ``caption`` (HTML of our own, not a map's text); ``missing`` where there is no drawing."""
    if svg is None:
        return f'<p class="missing">{esc(missing)}</p>\n'
    drawing = inline_svg(svg, title=title, description=description, prefix=prefix)
    return (
        '<figure class="drawing">\n'
        f'<label class="zoom-label" for="{prefix}-zoom"><input type="checkbox" class="zoom" id="{prefix}-zoom"> '
        "Show at full size (scroll to move around)</label>\n"
        f'<div class="drawing-frame" tabindex="0" role="group" aria-label="{esc(title)}, scrollable">\n'
        f"{drawing}\n</div>\n"
        f"<figcaption>{caption}</figcaption>\n"
        "</figure>\n"
    )



@attrs.frozen
class TextFacts:
    """What a text's page shows beyond its map: the drawing (SVG text, None where not drawn),
    the coverage figures, and the source text (for line numbers), each None where missing."""

    svg: str | None = None
    audit: Audit | None = None
    source: SourceText | None = attrs.field(default=None, eq=False)
