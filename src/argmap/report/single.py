"""The report as one self-contained HTML file, for a learning platform or an e-mail.

Every page of the report becomes a section of one document (``page-index``, ``page-north``
…) with the style sheet, the script and the drawings inline, as in the folder report, and the
same Content Security Policy: nothing is fetched. The ids of a text's page are given its
page's prefix (``north--node-3``) so that pages cannot clash, and every link between pages
becomes a link within the document (``north.html#node-3`` -> ``#north--node-3``). The
script shows one page at a time, chosen by the address's fragment; without it every page
shows, one after another. A text page's headings move one level down, under the report's
one ``<h1>``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from argmap.report.page import INDEX, Parts, document, esc, nav_list

__all__ = ["single_file"]

_TAG = re.compile(r"<[^<>]*>")  # every text of a map is escaped: < and > occur only in tags
_ATTRIBUTE = re.compile(r'(\s)(id|for|href|xlink:href|aria-labelledby|aria-describedby|aria-controls|headers|name)'
                        r'="([^"]*)"')
_URL_REF = re.compile(r"url\(#([^)]*)\)")
_HEADING = re.compile(r"^<(/?)h([1-5])\b")
_TOKENS = frozenset({"for", "aria-labelledby", "aria-describedby", "aria-controls", "headers"})


def _stem(name: str) -> str:
    return name.removesuffix(".html")


def _rewrite(html: str, name: str, pages: Collection[str], *, demote: bool) -> str:
    """One page's HTML made to live in the single document: its ids prefixed (but the
    overview's), links between pages turned into links within it, headings one level down
    where ``demote``."""
    prefix = "" if name == INDEX else f"{_stem(name)}--"

    def ref(target: str, fragment: str) -> str:
        if not target:
            return f"#{prefix}{fragment}" if fragment else "#"
        if target not in pages:
            return f"{target}#{fragment}" if fragment else target
        if not fragment:
            return f"#page-{_stem(target)}"
        other = "" if target == INDEX else f"{_stem(target)}--"
        return f"#{other}{fragment}"

    def attribute(m: re.Match[str]) -> str:
        space, key, value = m.groups()
        if key in ("href", "xlink:href"):
            target, hashed, fragment = value.partition("#")
            if not hashed and target not in pages:
                return m.group()
            value = ref(target, fragment)
        elif key in _TOKENS:
            value = " ".join(f"{prefix}{v}" for v in value.split())
        else:  # id, and name (radio groups would otherwise span pages)
            value = f"{prefix}{value}"
        return f'{space}{key}="{value}"'

    def tag(m: re.Match[str]) -> str:
        text = m.group()
        if prefix:
            text = _ATTRIBUTE.sub(attribute, text)
            text = _URL_REF.sub(lambda u: f"url(#{prefix}{u.group(1)})", text)
        else:
            text = _ATTRIBUTE.sub(lambda a: attribute(a) if a.group(2) in ("href", "xlink:href") else a.group(), text)
        if demote:
            text = _HEADING.sub(lambda h: f"<{h.group(1)}h{int(h.group(2)) + 1}", text)
        return text

    return _TAG.sub(tag, html)


def single_file(parts: Mapping[str, Parts], *, names: Mapping[str, str] | None = None) -> str:
    """Every page of the report (``parts``: file name -> parts, the overview first) as one
    HTML document: a section per page, the overview's heading the document's, a navigation
    to every page (``names``: a text page's file name -> the text's display name), no link
    leaving the document. A pure function."""
    names = names or {}
    index = parts[INDEX]
    nav: list[tuple[str, str]] = [("#page-index", "Overview")]
    sections = []
    for name, part in parts.items():
        anchor = f"page-{_stem(name)}"
        if name != INDEX:
            nav.append((f"#{anchor}", names.get(name, part.title)))
        own = _rewrite(nav_list(part.nav), name, parts, demote=False)
        body = _rewrite(part.main, name, parts, demote=name != INDEX)
        label = "The overview" if name == INDEX else part.title
        sections.append(f'<section class="report-page" id="{anchor}" aria-label="{esc(label)}">\n'
                        f'<nav class="page-nav" aria-label="This page">\n{own}</nav>\n{body}</section>\n')
    body = f'<main id="main" tabindex="-1" class="single">\n{"".join(sections)}</main>\n'
    return document(index.title, body, nav=nav_list(nav))
