"""The offline HTML report: an overview page of the comparison and one page per text.

:func:`write_report` writes ``DIR/index.html`` (the texts, the five teaching tables of
:mod:`argmap.tables`, the comparison map) and one page per text (its map drawn, its nodes
listed with their quotes and where each stands in the source, its coverage figure from
:mod:`argmap.audit`). The pages open from the file system with no network: the style sheet
and the little script (a filter of the tables by concept and by author, which the pages do
without) are inline, drawings are inline SVG, and a Content Security Policy forbids fetching
anything and running any script but the report's own.

The pages are built as strings by pure functions (:func:`index_html`, :func:`text_html`),
given the drawings and coverage figures that :func:`report_pages` gathers (it runs ``dot``
and reads the source texts); :func:`write_report` writes them into a fresh folder beside
``DIR`` and swaps it in, so a failure never leaves half a report. Every text from a map is
HTML-escaped.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TypeAlias

import attrs

from argmap.audit import Audit, audit
from argmap.compare import METRICS, Comparison, compare
from argmap.concepts import ConceptKind, Vocabulary
from argmap.errors import ExportError, MetricError, RenderError
from argmap.metrics import NORMALIZATIONS
from argmap.model import ArgumentMap, Edge, Kind, Node, Quote, Relation, Sign
from argmap.quotes import SourceText
from argmap.render import COLOUR
from argmap.tables import (
    agreement_table,
    divergences_table,
    factors_table,
    propositions_table,
    theses_table,
)

__all__ = [
    "TextFacts",
    "index_html",
    "inline_svg",
    "page_names",
    "report_pages",
    "text_html",
    "write_pages",
    "write_report",
]

Pages: TypeAlias = dict[str, str]

_GENERATOR = "argmap"
INDEX = "index.html"


# --- text helpers ------------------------------------------------------------------------------


def _e(text: str) -> str:
    """Text escaped for HTML content and quoted attribute values alike."""
    return html.escape(text, quote=True)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _quoted(text: str) -> str:
    return f"\u201c{_one_line(text)}\u201d"


def _number(n: int) -> str:
    return f"{n:,}"


def _share(x: float) -> str:
    return f"{x:.0%}" if x in (0.0, 1.0) else f"{x:.1%}"


def _author_names(c: Comparison) -> dict[str, str]:
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


# --- SVG ---------------------------------------------------------------------------------------

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
    names = (f'\n<title id="{prefix}-title">{_e(title)}</title>'
             f'\n<desc id="{prefix}-desc">{_e(description)}</desc>')
    return head + accessible + names + body[head_end:]


# --- style and script --------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --line: #d0d0d0; --link: #0b57a4;
  --focus: #0072b2; --paper: #fff; --band: #f4f6f8; }
* { box-sizing: border-box; }
html { background: var(--paper); }
body { margin: 0; color: var(--ink); background: var(--paper); line-height: 1.5;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--link); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: 0.5rem; top: -3rem; background: var(--paper); padding: 0.5rem 0.8rem;
  border: 2px solid var(--focus); z-index: 10; }
.skip:focus { top: 0.5rem; }
header.site { background: var(--band); border-bottom: 1px solid var(--line); padding: 0.6rem 1.5rem; }
header.site nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; }
header.site nav a { display: inline-block; padding: 0.15rem 0; }
main { padding: 1rem 1.5rem 3rem; max-width: 100rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0.6rem 0 0.4rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 0.4rem; padding-top: 0.6rem; border-top: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.3rem; }
.lede { font-size: 1.05rem; max-width: 60rem; margin: 0.2rem 0 0.8rem; }
.help { color: var(--muted); max-width: 60rem; }
.byline { color: var(--muted); margin: 0 0 0.6rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.6rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
code, .node-id { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85em; }
.node-id { color: var(--muted); display: block; font-weight: normal; }
blockquote { margin: 0.4rem 0 0.8rem; padding: 0.2rem 0 0.2rem 1rem; border-left: 4px solid #d55e00;
  font-style: italic; max-width: 60rem; }
.sections { margin: 0.3rem 0; padding-left: 1.2rem; }

/* the filter */
form.filter { position: sticky; top: 0; z-index: 5; display: flex; flex-wrap: wrap; align-items: end;
  gap: 0.5rem 1rem; background: var(--band); border: 1px solid var(--line); border-radius: 6px;
  padding: 0.6rem 0.9rem; margin: 1rem 0; }
form.filter[hidden] { display: none; }
form.filter .field { display: flex; flex-direction: column; }
form.filter label { font-weight: 600; font-size: 0.9rem; }
form.filter select, form.filter button { font: inherit; font-weight: normal; padding: 0.25rem 0.4rem;
  border: 1px solid #767676; border-radius: 4px; background: #fff; color: var(--ink); min-height: 2.2rem; }
form.filter select { max-width: 22rem; }
form.filter button { cursor: pointer; }
form.filter output { flex-basis: 100%; font-size: 0.9rem; color: var(--muted); }
.argmap-empty { color: var(--muted); font-style: italic; }

/* tables: the classes of argmap.tables (see docs/tables.md) */
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; margin: 0.6rem 0 1rem; font-size: 0.92rem; line-height: 1.4; }
caption { text-align: left; padding-bottom: 0.5rem; caption-side: top; }
.argmap-title { display: block; font-weight: 700; font-size: 1.02rem; }
.argmap-caption { display: block; color: var(--muted); max-width: 60rem; }
th, td { padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); }
thead th { border-bottom: 2px solid #333; background: var(--paper); }
tbody th { font-weight: 600; min-width: 9rem; }
tbody tr:hover { background: #fafafa; }
.argmap-number { text-align: right; font-variant-numeric: tabular-nums; }
.argmap-diagonal { color: #6b6b6b; }
.argmap-silent { color: #6b6b6b; font-style: italic; }
.argmap-affirms, .argmap-helps { color: #005a8c; }
.argmap-denies, .argmap-hinders { color: #a04000; }
.argmap-qualifies, .argmap-mixed { color: #6f5400; }
.argmap-quote { margin: 0.3rem 0 0; color: #222; font-style: italic; max-width: 30rem; }
.argmap-more { margin: 0.3rem 0 0; color: var(--muted); font-size: 0.88em; }
details summary { cursor: pointer; }
details.argmap-note p, details.note p { margin: 0.3rem 0 0; color: #222; font-style: italic; max-width: 26rem; }
.argmap-divergences td { min-width: 11rem; }
/* the section heading names the table: its title stays in the caption for screen readers */
section > .table-wrap > table > caption > .argmap-title { position: absolute; width: 1px; height: 1px;
  overflow: hidden; clip-path: inset(50%); white-space: nowrap; }

/* drawings */
figure.drawing { margin: 0.6rem 0 1rem; }
.drawing-frame { overflow: auto; max-height: 85vh; border: 1px solid var(--line); border-radius: 6px;
  background: #fff; }
.drawing-frame svg { display: block; max-width: 100%; height: auto; }
figure.drawing:has(.zoom:checked) svg { max-width: none; }
.zoom-label { display: inline-flex; gap: 0.4rem; align-items: center; margin: 0 0 0.4rem; font-size: 0.92rem; }
.zoom { width: 1.1rem; height: 1.1rem; }
figcaption { color: var(--muted); font-size: 0.92rem; margin-top: 0.4rem; max-width: 60rem; }
.missing { border: 1px dashed #767676; padding: 1rem; color: var(--muted); }

/* a text's page */
.coverage-bar { display: flex; align-items: center; gap: 0.8rem; margin: 0.3rem 0; }
meter { width: 16rem; height: 1.1rem; }
.kind { display: inline-block; padding: 0 0.45rem; border: 1.5px solid; border-radius: 4px;
  font-size: 0.85em; white-space: nowrap; }
.quote { margin: 0 0 0.15rem; font-style: italic; max-width: 34rem; }
.where { margin: 0 0 0.5rem; color: var(--muted); font-size: 0.85em; }
ul.links { margin: 0; padding-left: 1rem; font-size: 0.9em; }
ul.passages { padding-left: 1.2rem; max-width: 60rem; }
ul.passages li { margin-bottom: 0.3rem; }
.pager { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin: 2rem 0 0; padding-top: 0.8rem;
  border-top: 1px solid var(--line); }
:target { scroll-margin-top: 4.5rem; }
tr:target { background: #fff6d6; }

@media print {
  @page { margin: 1.5cm; }
  body { font-size: 10pt; }
  .skip, header.site, form.filter, .zoom-label, .pager, .no-print { display: none !important; }
  main { padding: 0; max-width: none; }
  h2 { break-after: avoid; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr, th, td, figure, blockquote { break-inside: avoid; }
  tr[hidden], th[hidden], td[hidden] { display: revert; }
  .table-wrap, .drawing-frame { overflow: visible; max-height: none; border: none; }
  /* a drawing on a page of its own, whole: as wide as the page or as tall as it allows */
  section#map, section#comparison-map { break-before: page; }
  .drawing-frame svg { width: auto !important; height: auto; max-width: 100% !important; max-height: 22cm; }
  a { color: inherit; }
  a[href]:not([href^="#"])::after { content: " (" attr(href) ")"; font-size: 0.85em; color: #444; }
  details > summary { list-style: none; }
}
"""

# The filter (shown only where this runs, so the page reads the same without it) and the
# notes opened for printing. Kept small; its hash is in each page's Content-Security-Policy.
_SCRIPT = r"""
(() => {
  const form = document.getElementById("filter");
  if (form) {
    const concept = form.elements.namedItem("concept");
    const author = form.elements.namedItem("author");
    const status = document.getElementById("filter-status");
    const tables = [...document.querySelectorAll("main table.argmap-table")];
    const empty = new Map(tables.map((t) => {
      const p = document.createElement("p");
      p.className = "argmap-empty";
      p.hidden = true;
      p.textContent = "No row of this table matches the filter.";
      (t.closest(".table-wrap") || t).after(p);
      return [t, p];
    }));
    const apply = () => {
      const c = concept.value, a = author.value;
      let shown = 0, total = 0;
      for (const t of tables) {
        const rows = [...t.tBodies].flatMap((b) => [...b.rows]);
        const byRow = rows.some((r) => r.dataset.author !== undefined);
        let left = 0;
        for (const r of rows) {
          let show = true;
          if (c && r.dataset.concept !== undefined) show = r.dataset.concept.split(" ").includes(c);
          if (a && byRow) show = show && r.dataset.author === a;
          r.hidden = !show;
          if (show) left += 1;
        }
        for (const cell of t.querySelectorAll("thead [data-author], tbody td[data-author]")) {
          cell.hidden = Boolean(a) && !byRow && cell.dataset.author !== a;
        }
        // Count the rows of the tables whose rows the filter chooses among, not the others.
        if ((!c && !a) || (c && rows.some((r) => r.dataset.concept !== undefined)) || (a && byRow)) {
          shown += left;
          total += rows.length;
        }
        empty.get(t).hidden = left > 0 || rows.length === 0;
      }
      const what = [];
      if (c) what.push("concept: " + concept.selectedOptions[0].text);
      if (a) what.push("author: " + author.selectedOptions[0].text);
      status.value = what.length
        ? `Showing ${shown} of ${total} rows in the tables the filter applies to (${what.join("; ")}).`
        : `Showing all ${total} rows.`;
    };
    form.addEventListener("change", apply);
    form.addEventListener("submit", (event) => { event.preventDefault(); apply(); });
    document.getElementById("filter-clear").addEventListener("click", () => {
      concept.value = "";
      author.value = "";
      apply();
      concept.focus();
    });
    form.hidden = false;
    apply();
  }
  let closed = [];
  addEventListener("beforeprint", () => {
    closed = [...document.querySelectorAll("details:not([open])")];
    closed.forEach((d) => { d.open = true; });
  });
  addEventListener("afterprint", () => { closed.forEach((d) => { d.open = false; }); });
})();
"""


def _kind_css() -> str:
    """Each kind's tag in the fill and outline of its box in the drawing."""
    return "".join(f".kind-{k.value} {{ background: {look.fillcolor}; border-color: {look.color}; }}\n"
                   for k, look in COLOUR.nodes.items())


def _csp() -> str:
    digest = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode("ascii")
    return ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'")


def _page(title: str, body: str, *, nav: str) -> str:
    """A whole page: head with the policy, style and generator mark, skip link, navigation,
    then ``body`` (the ``<main>`` element) and the script."""
    from argmap import __version__

    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_csp())}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{_GENERATOR} {_e(__version__)}">\n'
        '<link rel="icon" href="data:,">\n'
        f"<title>{_e(_one_line(title))}</title>\n"
        f"<style>{_CSS}{_kind_css()}</style>\n"
        "</head>\n<body>\n"
        '<a class="skip" href="#main">Skip to the content</a>\n'
        f'<header class="site">\n<nav aria-label="Report">\n{nav}</nav>\n</header>\n'
        f"{body}"
        f"<script>{_SCRIPT}</script>\n"
        "</body>\n</html>\n"
    )


def _nav(items: Sequence[tuple[str, str]]) -> str:
    return "<ul>\n" + "".join(f'<li><a href="{_e(href)}">{_e(text)}</a></li>\n' for href, text in items) + "</ul>\n"


def _figure(svg: str | None, *, prefix: str, title: str, description: str, caption: str, missing: str) -> str:
    """A drawing in a frame that scrolls (by keyboard too), a box to see it at full size, and
    ``caption`` (HTML of our own, not a map's text); ``missing`` where there is no drawing."""
    if svg is None:
        return f'<p class="missing">{_e(missing)}</p>\n'
    drawing = inline_svg(svg, title=title, description=description, prefix=prefix)
    return (
        '<figure class="drawing">\n'
        f'<label class="zoom-label" for="{prefix}-zoom"><input type="checkbox" class="zoom" id="{prefix}-zoom"> '
        "Show at full size (scroll to move around)</label>\n"
        f'<div class="drawing-frame" tabindex="0" role="group" aria-label="{_e(title)}, scrollable">\n'
        f"{drawing}\n</div>\n"
        f"<figcaption>{caption}</figcaption>\n"
        "</figure>\n"
    )


# --- the overview ------------------------------------------------------------------------------


@attrs.frozen
class TextFacts:
    """What a text's page shows beyond its map: the drawing (SVG text, None where not drawn),
    the coverage figures, and the source text (for line numbers), each None where missing."""

    svg: str | None = None
    audit: Audit | None = None
    source: SourceText | None = attrs.field(default=None, eq=False)


def _report_title(c: Comparison) -> str:
    outcomes = [r.label for r in c.concepts if r.kind is ConceptKind.OUTCOME]
    n = len(c.keys)
    texts = "one text" if n == 1 else f"{n} texts compared"
    return f"{outcomes[0]}: {texts}" if len(outcomes) == 1 else f"Comparing {n} text{'s' * (n != 1)}"


def _texts_table(maps: Sequence[ArgumentMap], c: Comparison, pages: Mapping[str, str],
                 facts: Mapping[str, TextFacts]) -> str:
    rows = []
    for i, (amap, key) in enumerate(zip(maps, c.keys, strict=True), 1):
        s = amap.source
        a = facts.get(key, TextFacts()).audit
        coverage = _share(a.coverage) if a is not None else "not measured"
        # A text without a title is named by its map id, as the tables name it.
        title = _e(s.title) if s.title else f"{_e(amap.id)}"
        untitled = "" if s.title else '<span class="node-id">no title stated</span>'
        thesis = amap.thesis
        thesis_label = _e(thesis.label) if thesis is not None else '<span class="argmap-silent">none marked</span>'
        year = str(s.year) if s.year is not None else '<span class="argmap-silent">n.d.</span>'
        author = _e(s.author) if s.author else '<span class="argmap-silent">not named</span>'
        rows.append(
            f'<tr data-author="{_e(key)}"><td class="argmap-number">[{i}]</td>'
            f'<th scope="row"><a href="{_e(pages[key])}">{title}</a>{untitled}</th>'
            f"<td>{author}</td><td>{year}</td><td>{thesis_label}</td>"
            f'<td class="argmap-number">{len(amap.nodes)}</td><td class="argmap-number">{len(amap.edges)}</td>'
            f'<td class="argmap-number">{coverage}</td></tr>\n'
        )
    return (
        '<div class="table-wrap">\n<table class="argmap-table argmap-texts" data-table="texts">\n'
        '<caption><span class="argmap-title">The texts</span> <span class="argmap-caption">'
        "Open a text for its own page: its map, every node with its quotes, and how much of the "
        "text the map covers. The numbers [1], [2] … name the authors in the comparison map; a text "
        "that states no title is named by its map id."
        "</span></caption>\n"
        '<thead><tr><th scope="col" class="argmap-number">No.</th><th scope="col">Title</th>'
        '<th scope="col">Author</th><th scope="col">Year</th><th scope="col">Thesis</th>'
        '<th scope="col" class="argmap-number">Nodes</th>'
        '<th scope="col" class="argmap-number">Links</th>'
        '<th scope="col" class="argmap-number" title="Share of the argumentative text in sentences that a quote '
        'touches">Coverage</th></tr></thead>\n'
        f"<tbody>\n{''.join(rows)}</tbody>\n</table>\n</div>\n"
    )


def _filter_form(c: Comparison, names: Mapping[str, str]) -> str:
    groups: dict[ConceptKind, list[tuple[str, str]]] = {}
    for row in c.concepts:
        groups.setdefault(row.kind, []).append((row.concept, row.label))
    heading = {ConceptKind.OUTCOME: "Outcomes", ConceptKind.FACTOR: "Causal factors",
               ConceptKind.PROPOSITION: "Propositions"}
    options = ['<option value="">All concepts</option>']
    for kind in ConceptKind:
        if kind in groups:
            items = "".join(f'<option value="{_e(cid)}">{_e(label)}</option>' for cid, label in groups[kind])
            options.append(f'<optgroup label="{_e(heading.get(kind, kind.value))}">{items}</optgroup>')
    authors = ['<option value="">All authors</option>']
    authors += [f'<option value="{_e(key)}">[{i}] {_e(names[key])}</option>' for i, key in enumerate(c.keys, 1)]
    return (
        '<form id="filter" class="filter" role="search" aria-label="Filter the tables" hidden>\n'
        '<div class="field"><label for="filter-concept">Concept</label>'
        f'<select id="filter-concept" name="concept">{"".join(options)}</select></div>\n'
        '<div class="field"><label for="filter-author">Author</label>'
        f'<select id="filter-author" name="author">{"".join(authors)}</select></div>\n'
        '<button type="button" id="filter-clear">Show everything</button>\n'
        '<output id="filter-status" for="filter-concept filter-author" aria-live="polite"></output>\n'
        "</form>\n"
    )


def _section(anchor: str, heading: str, body: str, intro: str = "") -> str:
    lead = f'<p class="help">{intro}</p>\n' if intro else ""
    return (f'<section id="{anchor}" aria-labelledby="{anchor}-h">\n'
            f'<h2 id="{anchor}-h">{heading}</h2>\n{lead}{body}</section>\n')


def _wrapped(table_html: str) -> str:
    return f'<div class="table-wrap">\n{table_html}</div>\n'


def index_html(
    maps: Sequence[ArgumentMap],
    comparison: Comparison,
    *,
    pages: Mapping[str, str],
    facts: Mapping[str, TextFacts] | None = None,
    comparison_svg: str | None = None,
    metric: str = "jaccard",
    normalization: str = "none",
    title: str | None = None,
) -> str:
    """The overview page: the texts (each linked to its page, named by ``pages``: author key
    -> file name), a filter, the five teaching tables (``metric`` and ``normalization``
    choose the agreement matrix) and the comparison map (``comparison_svg``, as Graphviz
    wrote it; None leaves it out with a note). A pure function of its arguments."""
    facts = facts or {}
    c = comparison
    names = _author_names(c)
    heading = title or _report_title(c)
    n_links = len(c.links)
    summary = (f"{len(c.keys)} text{'s' * (len(c.keys) != 1)}, {len(c.concepts)} concepts of the vocabulary, "
               f"{n_links} causal link{'s' * (n_links != 1)} between them, "
               f"{len(c.controversies)} controvers{'ies' if len(c.controversies) != 1 else 'y'}.")
    tables = {
        "theses": theses_table(maps, comparison=c),
        "factors": factors_table(c),
        "propositions": propositions_table(c),
        "agreement": agreement_table(c, metric, normalization=normalization),
        "divergences": divergences_table(c),
    }
    body = [
        '<main id="main" tabindex="-1">\n',
        f"<h1>{_e(heading)}</h1>\n",
        f'<p class="lede">{_e(summary)}</p>\n',
        '<p class="help no-print">Each author\u2019s own words are a click away: open a cell\u2019s note to read the '
        "quote, or a text\u2019s page for its whole map. Use the filter to follow one concept or one author "
        "through every table. The report prints as a handout (the notes open, links are written out).</p>\n",
        _filter_form(c, names),
        _section("texts", "The texts", _texts_table(maps, c, pages, facts)),
        _section("theses", _e(tables["theses"].title), _wrapped(tables["theses"].to_html()),
                 "Start here: what each author argues, and what each expects."),
        _section("factors", _e(tables["factors"].title), _wrapped(tables["factors"].to_html()),
                 "How the authors explain the outcome: which causes each invokes, and in which direction."),
        _section("propositions", _e(tables["propositions"].title), _wrapped(tables["propositions"].to_html()),
                 "Where the authors take sides."),
        _section("agreement", _e(tables["agreement"].title), _wrapped(tables["agreement"].to_html()),
                 "Who is close to whom, by one published measure."),
        _section("divergences", _e(tables["divergences"].title), _wrapped(tables["divergences"].to_html()),
                 "Where the authors contradict one another, in their own words: material for a discussion."),
    ]
    n = len(c.keys)
    description = (f"The concepts and causal links of {n} author{'s' * (n != 1)}, each labelled with the "
                   "authors who invoke it. The tables above give the same comparison as text.")
    body.append(_section("comparison-map", "The comparison map", _figure(
        comparison_svg, prefix="comparison", title=f"Comparison map: {heading}", description=description,
        caption=("Every concept the authors share and every causal link between concepts, with the "
                 "numbers of the authors who assert it ([1] … as in the list of texts; + helps, \u2212 hinders). "
                 '<span class="no-print">Point at a concept or an arrow to read the authors\u2019 quotes.</span>'),
        missing="The comparison map was not drawn (make the report with drawings to see it).")))
    body.append("</main>\n")
    nav = _nav([("#texts", "Texts"), ("#theses", "Theses"), ("#factors", "Factors"),
                ("#propositions", "Propositions"), ("#agreement", "Agreement"),
                ("#divergences", "Divergences"), ("#comparison-map", "Comparison map")])
    return _page(heading, "".join(body), nav=nav)


# --- a text's page -----------------------------------------------------------------------------


def _where(quote: Quote, source: SourceText | None) -> str:
    if not quote.spans:
        return "not located in the source text"
    parts = []
    for span in quote.spans:
        place = f"characters {_number(span.start)}\u2013{_number(span.end)}"
        if source is not None:
            place = f"line {source.line_column(span.start)[0]}, {place}"
        parts.append(place)
    return "; ".join(parts)


def _quotes_cell(quotes: Sequence[Quote], source: SourceText | None) -> str:
    return "".join(f'<p class="quote">{_e(_quoted(q.text))}</p><p class="where">{_e(_where(q, source))}</p>'
                   for q in quotes)


_ACTIVE = {(Relation.SUPPORTS, None): "supports", (Relation.ATTACKS, None): "attacks",
           (Relation.CAUSES, Sign.HELPS): "helps", (Relation.CAUSES, Sign.HINDERS): "hinders",
           (Relation.CAUSES, None): "causes"}
_PASSIVE = {(Relation.SUPPORTS, None): "supported by", (Relation.ATTACKS, None): "attacked by",
            (Relation.CAUSES, Sign.HELPS): "helped by", (Relation.CAUSES, Sign.HINDERS): "hindered by",
            (Relation.CAUSES, None): "caused by"}


def _relation(edge: Edge, words: Mapping[tuple[Relation, Sign | None], str]) -> str:
    """A link in words: a causal link by its sign (helps, hinders), as the tables say it."""
    sign = edge.sign if edge.relation is Relation.CAUSES else None
    return words.get((edge.relation, sign), edge.relation.value)


def _links_cell(node: Node, amap: ArgumentMap, anchors: Mapping[str, str]) -> str:
    labels = {n.id: n.label for n in amap.nodes}

    def target(node_id: str) -> str:
        label = _e(labels.get(node_id, node_id))
        return f'<a href="#{anchors[node_id]}">{label}</a>' if node_id in anchors else label

    items = [f"\u2192 {_e(_relation(e, _ACTIVE))} {target(e.target)}" for e in amap.edges_from(node.id)]
    items += [f"\u2190 {_e(_relation(e, _PASSIVE))} {target(e.source)}" for e in amap.edges_to(node.id)]
    if not items:
        return '<span class="argmap-silent">none</span>'
    return '<ul class="links">' + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _concept_cell(node: Node, vocabulary: Vocabulary | None) -> str:
    if node.concept is None:
        text = '<span class="argmap-silent">none</span>'
    else:
        concept = vocabulary.get(node.concept) if vocabulary is not None else None
        text = _e(concept.label) if concept is not None else ""
        text += f' <code>{_e(node.concept)}</code>' if text else f"<code>{_e(node.concept)}</code>"
    if node.stance is not None:
        text += f'<br><span class="argmap-{_e(node.stance.value)}">{_e(node.stance.value)}</span>'
    return text


def _nodes_table(amap: ArgumentMap, source: SourceText | None, vocabulary: Vocabulary | None,
                 anchors: Mapping[str, str]) -> str:
    rows = []
    for node in amap.nodes:
        note = (f'<details class="note"><summary>note from the map</summary><p>{_e(_one_line(node.note))}</p>'
                "</details>" if node.note else "")
        section = f'<span class="node-id">section: {_e(node.section)}</span>' if node.section else ""
        rows.append(
            f'<tr id="{anchors[node.id]}" data-kind="{_e(node.kind.value)}"'
            f'{f" data-concept={chr(34)}{_e(node.concept)}{chr(34)}" if node.concept else ""}>'
            f'<th scope="row">{_e(node.label)}<span class="node-id">{_e(node.id)}</span>{section}{note}</th>'
            f'<td><span class="kind kind-{_e(node.kind.value)}">{_e(node.kind.value)}</span></td>'
            f"<td>{_concept_cell(node, vocabulary)}</td>"
            f"<td>{_quotes_cell(node.quotes, source)}</td>"
            f"<td>{_links_cell(node, amap, anchors)}</td></tr>\n"
        )
    return (
        '<div class="table-wrap">\n<table class="nodes">\n'
        '<caption><span class="argmap-title">Every node of the map</span> <span class="argmap-caption">'
        "In the order of the map file: what the node says, its kind, the shared concept it stands for, "
        "the author\u2019s words and where they stand in the source text (line and character offsets, "
        "counted from 0), and its links to other nodes. This table holds everything the drawing shows."
        "</span></caption>\n"
        '<thead><tr><th scope="col">Node</th><th scope="col">Kind</th><th scope="col">Concept and stance</th>'
        '<th scope="col">Quotes and where they are</th><th scope="col">Links</th></tr></thead>\n'
        f"<tbody>\n{''.join(rows)}</tbody>\n</table>\n</div>\n"
    )


def _set_aside(a: Audit) -> str:
    if not a.excluded:
        return "Nothing was set aside as not argument."
    n = len(a.excluded)
    return (f"{_number(a.total_chars - a.argument_chars)} of {_number(a.total_chars)} characters were set aside "
            f"as not argument ({n} passage{'s' * (n != 1)}: headings, references, page furniture and what the "
            "map marks to exclude).")


def _coverage(a: Audit | None, vocabulary: Vocabulary | None, limit: int = 25) -> str:
    if a is None:
        return '<p class="missing">Coverage was not measured (the source text was not available).</p>\n'
    out = [
        '<div class="coverage-bar">'
        f'<meter min="0" max="1" value="{a.coverage:.4f}" aria-labelledby="coverage-h">{_share(a.coverage)}</meter>'
        f"<strong>{_share(a.coverage)}</strong></div>\n",
        f"<p>{_share(a.coverage)} of the argumentative text lies in sentences that a quote of the map touches "
        f"({a.covered_sentences} of {a.sentences} sentences); {_share(a.quoted)} is quoted word for word. "
        f"{_set_aside(a)}</p>\n",
    ]
    if a.uncovered:
        shown = a.uncovered[:limit]
        items = "".join(f"<li>line {p.line}: {_e(p.text)}</li>" for p in shown)
        more = (f"<li>\u2026 and {len(a.uncovered) - len(shown)} more "
                f"(<code>argmap audit --all</code> lists them)</li>" if len(shown) < len(a.uncovered) else "")
        out.append(f"<details><summary>Passages no quote touches ({len(a.uncovered)})</summary>"
                   f'<ul class="passages">{items}{more}</ul></details>\n')
    if a.unlinked_concepts:
        def name(cid: str) -> str:
            concept = vocabulary.get(cid) if vocabulary is not None else None
            return _e(concept.label) if concept is not None else f"<code>{_e(cid)}</code>"
        items = "".join(f"<li>{name(h.concept)}: {_e(', '.join(h.cues))} ({h.count}\u00d7, first on line {h.line})</li>"
                        for h in a.unlinked_concepts)
        out.append("<details><summary>Concepts whose cue words occur in the text but that the map does not link "
                   f'({len(a.unlinked_concepts)})</summary><ul class="passages">{items}</ul></details>\n')
    return "".join(out)


def text_html(
    amap: ArgumentMap,
    *,
    key: str,
    pages: Mapping[str, str],
    facts: TextFacts | None = None,
    vocabulary: Vocabulary | None = None,
    names: Mapping[str, str] | None = None,
    report_title: str = "Overview",
) -> str:
    """The page of one text: its details and thesis, its coverage figure, its map drawn
    (``facts.svg``; None leaves it out with a note) and every node listed with kind, label,
    concept, quotes and their places in the source. ``pages`` (author key -> file name, in
    report order) gives the links to the neighbouring texts; ``names`` the authors' display
    names. A pure function of its arguments."""
    facts = facts or TextFacts()
    s = amap.source
    display = (names or {}).get(key) or s.author or s.title or s.id
    heading = s.title or display
    anchors = {n.id: f"node-{i}" for i, n in enumerate(amap.nodes, 1)}
    keys = list(pages)
    i = keys.index(key) if key in keys else -1
    byline = " \u00b7 ".join(_e(x) for x in (
        "" if s.title else "no title stated", s.author or "no author named", s.venue or "",
        str(s.year) if s.year is not None else "no date") if x)
    facts_list = [("Source text", f"<code>{_e(s.file)}</code>"), ("Map", f"<code>{_e(key)}</code>"),
                  ("Nodes", f"{len(amap.nodes)} ({', '.join(_kind_counts(amap))})"),
                  ("Links", str(len(amap.edges))), ("Concepts linked", str(len(amap.concepts)))]
    sections = list(dict.fromkeys(n.section for n in amap.nodes if n.section))
    body = [
        '<main id="main" tabindex="-1">\n',
        f"<h1>{_e(heading)}</h1>\n",
        f'<p class="byline">{byline}</p>\n',
        '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts_list) + "</dl>\n",
    ]
    theses = amap.nodes_of(Kind.THESIS)
    if theses:
        thesis = "".join(f"<p><strong>{_e(n.label)}</strong></p>"
                         + "".join(f"<blockquote>{_e(_quoted(q.text))}</blockquote>" for q in n.quotes)
                         for n in theses)
    else:
        thesis = '<p class="argmap-silent">The map marks no thesis.</p>'
    if sections:
        thesis += ("<p>The map follows the text\u2019s sections:</p><ol class=\"sections\">"
                   + "".join(f"<li>{_e(x)}</li>" for x in sections) + "</ol>")
    body.append(_section("thesis", "Thesis", thesis + "\n"))
    body.append(_section("coverage", "Coverage", _coverage(facts.audit, vocabulary),
                         "How much of the text the map accounts for: a low share means arguments the map "
                         "leaves out, or a text with much narrative."))
    description = (f"The argument map of {display}: {len(amap.nodes)} nodes and {len(amap.edges)} links. "
                   "The table below lists every node and link as text.")
    body.append(_section("map", "The map", _figure(
        facts.svg, prefix="map", title=f"Argument map: {heading}", description=description,
        caption=("Each kind of node has its own shape and colour (the key is in the drawing); arrows show "
                 "support, attack and causes (+ helps, \u2212 hinders). "
                 '<span class="no-print">Point at a box or an arrow to read the author\u2019s words.</span> '
                 "The table below lists the same nodes as text."),
        missing="The map was not drawn (make the report with drawings to see it).")))
    body.append(_section("nodes", "Nodes", _nodes_table(amap, facts.source, vocabulary, anchors)))
    pager = [f'<a href="{INDEX}">Overview</a>']
    if i > 0:
        pager.append(f'<a href="{_e(pages[keys[i - 1]])}" rel="prev">\u2190 Previous text</a>')
    if 0 <= i < len(keys) - 1:
        pager.append(f'<a href="{_e(pages[keys[i + 1]])}" rel="next">Next text \u2192</a>')
    body.append(f'<nav class="pager" aria-label="Texts">{" ".join(pager)}</nav>\n')
    body.append("</main>\n")
    nav = _nav([(INDEX, f"\u2190 {report_title}"), ("#thesis", "Thesis"), ("#coverage", "Coverage"),
                ("#map", "Map"), ("#nodes", "Nodes")])
    return _page(f"{heading} \u2014 {display}" if heading != display else heading, "".join(body), nav=nav)


_PLURAL = {Kind.THESIS: "theses", Kind.EVIDENCE: "pieces of evidence"}


def _kind_counts(amap: ArgumentMap) -> list[str]:
    counts = Counter(n.kind for n in amap.nodes)
    return [f"{counts[k]} {k.value if counts[k] == 1 else _PLURAL.get(k, k.value + 's')}" for k in Kind if counts[k]]


# --- gathering and writing ---------------------------------------------------------------------


def _check_choice(metric: str, normalization: str) -> str:
    metric = metric.replace("-", "_")
    if metric not in METRICS:
        raise MetricError(f"unknown metric {metric!r}; choose one of {', '.join(METRICS)}")
    if normalization not in NORMALIZATIONS:
        raise MetricError(f"unknown normalization {normalization!r}; choose one of {', '.join(NORMALIZATIONS)}")
    return metric


def _with_source(amap: ArgumentMap) -> tuple[ArgumentMap, str, SourceText]:
    """The map with its quotes anchored (where that was not done), and its source text."""
    from argmap.quotes import anchor
    from argmap.yamlio import read_source

    text = read_source(amap)
    source = SourceText(text)
    if not all(q.anchored for n in amap.nodes for q in n.quotes):
        amap = anchor(amap, source)
    return amap, text, source


def _draw(dot_sources: Sequence[str]) -> list[str]:
    """Each DOT text drawn as SVG, several ``dot`` processes at a time."""
    from concurrent.futures import ThreadPoolExecutor

    from argmap.render import run_dot

    def draw(source: str) -> str:
        return run_dot(source).decode("utf-8")

    with ThreadPoolExecutor(max_workers=max(1, min(len(dot_sources), os.cpu_count() or 1))) as pool:
        return list(pool.map(draw, dot_sources))


def report_pages(
    maps: Sequence[ArgumentMap],
    *,
    vocabulary: Vocabulary | None = None,
    metric: str = "jaccard",
    normalization: str = "none",
    title: str | None = None,
    drawings: bool = True,
) -> Pages:
    """Every page of the report as text, by file name: ``index.html`` and one page per map.

    Reads each map's source text (for offsets and coverage) and, with ``drawings``, runs
    Graphviz's ``dot`` to draw each map and the comparison map. ``vocabulary`` defaults to
    the one the maps name (as for :func:`argmap.compare`); ``metric`` (``jaccard``,
    ``distance-ratio``, ``congruence``, ``conflict``) and ``normalization`` choose the
    agreement matrix; ``title`` heads the overview (default: from the outcome concept).
    Raises :class:`~argmap.errors.LoadError` where a source text cannot be read,
    :class:`~argmap.errors.GraphvizNotFound` where ``dot`` is missing and ``drawings`` is on.
    """
    maps = list(maps)
    if not maps:
        raise ExportError("a report needs at least one map")
    metric = _check_choice(metric, normalization)
    c = compare(maps, vocabulary=vocabulary)
    vocab = c.vocabulary
    prepared = [_with_source(amap) for amap in maps]
    anchored = [amap for amap, _, _ in prepared]
    svgs: list[str | None] = [None] * (len(maps) + 1)
    if drawings:
        from argmap.render import render
        from argmap.render_compare import render_comparison

        dots = [render(amap, legend=True, vocabulary=vocab).source for amap in anchored]
        svgs = list(_draw([*dots, render_comparison(c).source]))
    facts = {key: TextFacts(svg, audit(amap, vocab, text), source)
             for key, (amap, text, source), svg in zip(c.keys, prepared, svgs, strict=False)}
    comparison_svg = svgs[-1]
    pages = page_names(c.keys)
    names = _author_names(c)
    heading = title or _report_title(c)
    out: Pages = {INDEX: index_html(anchored, c, pages=pages, facts=facts, comparison_svg=comparison_svg,
                                    metric=metric, normalization=normalization, title=title)}
    for amap, key in zip(anchored, c.keys, strict=True):
        out[pages[key]] = text_html(amap, key=key, pages=pages, facts=facts[key], vocabulary=vocab,
                                    names=names, report_title=heading)
    return out


def _is_report(folder: Path) -> bool:
    """Whether ``folder`` holds nothing but an earlier report (or nothing at all): only such
    a folder may be replaced."""
    entries = list(folder.iterdir())
    if not entries:
        return True
    if any(not p.is_file() or p.suffix != ".html" for p in entries):
        return False
    index = folder / INDEX
    try:
        head = index.read_text(encoding="utf-8", errors="replace")[:4000]
    except OSError:
        return False
    return f'<meta name="generator" content="{_GENERATOR} ' in head


def write_pages(pages: Mapping[str, str], out_dir: str | os.PathLike[str]) -> Path:
    """Write ``pages`` (file name -> text) as the folder ``out_dir``, all at once: into a
    new folder beside it, then swapped in, so that a failure leaves the old report (or none),
    never half of one. ``out_dir`` must be new, empty, or an earlier report."""
    target = Path(out_dir)
    if target.exists() and not target.is_dir():
        raise ExportError(f"{target} is a file, not a folder: choose a folder for the report")
    if target.is_dir() and not _is_report(target):
        raise ExportError(f"{target} holds files that are not an argmap report; choose a new or empty folder "
                          "(the report replaces the whole folder)")
    for name in pages:
        if Path(name).name != name or not name.endswith(".html"):
            raise ExportError(f"a report page must be a plain .html file name, got {name!r}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    except OSError as exc:
        raise ExportError(f"cannot create the report folder beside {target}: {exc.strerror or exc}") from None
    old: Path | None = None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes it private; give it a plain mkdir's mode
        for name, text in pages.items():
            (tmp / name).write_text(text, encoding="utf-8", newline="\n")
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
            old.rmdir()
            os.replace(target, old)
        try:
            os.replace(tmp, target)
        except BaseException:
            if old is not None:
                os.replace(old, target)
                old = None
            raise
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ExportError(f"cannot write the report into {target}: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return target


def write_report(
    maps: Sequence[ArgumentMap],
    out_dir: str | os.PathLike[str],
    *,
    vocabulary: Vocabulary | None = None,
    metric: str = "jaccard",
    normalization: str = "none",
    title: str | None = None,
    drawings: bool = True,
) -> Path:
    """Write the HTML report of ``maps`` into the folder ``out_dir`` and return the path of
    its ``index.html``, the page to open.

    The options are those of :func:`report_pages`. ``out_dir`` is replaced as a whole (it
    must be new, empty, or an earlier report, so that nothing else is lost); a failure
    leaves the earlier report in place. Raises :class:`~argmap.errors.ExportError` where the
    folder cannot be written.
    """
    pages = report_pages(maps, vocabulary=vocabulary, metric=metric, normalization=normalization,
                         title=title, drawings=drawings)
    return write_pages(pages, out_dir) / INDEX
