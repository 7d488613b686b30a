"""The frame every report page shares: escaping, page names, the inline style sheet and script
(package data in ``argmap/report/assets``), the Content-Security-Policy, navigation, and
drawings made safe to inline.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence

import attrs

from argmap._text import escape_html, one_line, quoted
from argmap._version import __version__
from argmap.comparison import Comparison
from argmap.coverage import Audit
from argmap.drawing.style import COLOUR
from argmap.files import read_resource
from argmap.projection import display_names
from argmap.quotes import SourceText

__all__ = [
    "CSS",
    "INDEX",
    "SCRIPT",
    "Parts",
    "TextFacts",
    "author_names",
    "document",
    "esc",
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
    """Each author's display name (:func:`argmap.projection.display_names`: the source's short
    name, else author, title or id), with the key added where two would read the same, as the
    tables name them."""
    return display_names(c.projections)


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



def _kind_css() -> str:
    """Each kind's tag in the fill and outline of its box in the drawing."""
    return "".join(f".kind-{k.value} {{ background: {look.fillcolor}; border-color: {look.color}; }}\n"
                   for k, look in COLOUR.nodes.items())


def _csp() -> str:
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
    return ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'")


@attrs.frozen
class Parts:
    """One page of the report before it is framed: its ``<title>``, the links of its
    navigation (``(href, text)``), and the content of its ``<main>`` element (HTML of our own,
    every map text escaped). A page of the folder frames it alone (:func:`page`); the
    single-file report puts every page's parts in one document."""

    title: str
    nav: tuple[tuple[str, str], ...]
    main: str


def document(title: str, body: str, *, nav: str) -> str:
    """A whole HTML document: head with the policy, style and generator mark, skip link,
    navigation (``nav``: HTML), then ``body`` (holding the element ``#main``) and the script."""
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


def page(parts: Parts) -> str:
    """One page of the folder report: ``parts`` in the frame every page shares."""
    return document(parts.title, f'<main id="main" tabindex="-1">\n{parts.main}</main>\n', nav=nav_list(parts.nav))


def nav_list(items: Sequence[tuple[str, str]]) -> str:
    return "<ul>\n" + "".join(f'<li><a href="{esc(href)}">{esc(text)}</a></li>\n' for href, text in items) + "</ul>\n"


def section(anchor: str, heading: str, body: str, intro: str = "") -> str:
    """A ``<section>`` with its heading and an optional line of help (HTML of our own)."""
    lead = f'<p class="help">{intro}</p>\n' if intro else ""
    return (f'<section id="{anchor}" aria-labelledby="{anchor}-h">\n'
            f'<h2 id="{anchor}-h">{heading}</h2>\n{lead}{body}</section>\n')


@attrs.frozen
class TextFacts:
    """What a text's page shows beyond its map: the drawing (SVG text, None where not drawn)
    and, for a large map, the drawing of its causal skeleton (None: not drawn), the coverage
    figures, and the source text (for the source view and line numbers), each None where
    missing."""

    svg: str | None = None
    audit: Audit | None = None
    source: SourceText | None = attrs.field(default=None, eq=False)
    skeleton: str | None = None
