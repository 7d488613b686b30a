"""The report's overview page: the summary (who agrees, partly agrees, splits), the texts, the
teaching tables with the agreements beside the divergences, the comparison map, and a filter
of the tables by concept and author."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from argmap.comparison import Comparison
from argmap.concepts import ConceptKind
from argmap.model import ArgumentMap
from argmap.report.drawings import View, figure
from argmap.report.page import Parts, TextFacts, author_names, esc, page, section, share
from argmap.report.summary import agreements_table, summary_html
from argmap.tables import (
    Table,
    agreement_table,
    divergences_table,
    factors_table,
    propositions_table,
    theses_table,
)

__all__ = ["index_html", "index_parts", "report_title"]

def report_title(c: Comparison) -> str:
    outcomes = [r.label for r in c.concepts if r.kind is ConceptKind.OUTCOME]
    n = len(c.keys)
    texts = "one text" if n == 1 else f"{n} texts compared"
    return f"{outcomes[0]}: {texts}" if len(outcomes) == 1 else f"Comparing {n} text{'s' * (n != 1)}"


def _texts_table(maps: Sequence[ArgumentMap], c: Comparison, pages: Mapping[str, str],
                 facts: Mapping[str, TextFacts], names: Mapping[str, str]) -> str:
    rows = []
    for i, (amap, key) in enumerate(zip(maps, c.keys, strict=True), 1):
        s = amap.source
        a = facts.get(key, TextFacts()).audit
        coverage = share(a.coverage) if a is not None else "not measured"
        title = esc(s.title) if s.title else '<span class="argmap-silent">no title stated</span>'
        thesis = amap.thesis
        thesis_label = esc(thesis.label) if thesis is not None else '<span class="argmap-silent">none marked</span>'
        year = str(s.year) if s.year is not None else '<span class="argmap-silent">n.d.</span>'
        author = esc(s.author) if s.author else '<span class="argmap-silent">not named</span>'
        rows.append(
            f'<tr data-author="{esc(key)}"><td class="argmap-number">[{i}]</td>'
            f'<th scope="row"><a href="{esc(pages[key])}">{esc(names[key])}</a></th>'
            f"<td>{title}</td><td>{author}</td><td>{year}</td><td>{thesis_label}</td>"
            f'<td class="argmap-number">{len(amap.nodes)}</td><td class="argmap-number">{len(amap.edges)}</td>'
            f'<td class="argmap-number">{coverage}</td></tr>\n'
        )
    return (
        '<div class="table-wrap">\n<table class="argmap-table argmap-texts" data-table="texts">\n'
        '<caption><span class="argmap-title">The texts</span> <span class="argmap-caption">'
        "Open a text for its own page: its map, every node with its quotes, the whole text with what "
        "the map quotes marked, and how much of the text the map covers. Each text is named as the "
        "tables name it (its short name, else its author, title or map id); the numbers [1], [2] … "
        "name the authors in the comparison map."
        "</span></caption>\n"
        '<thead><tr><th scope="col" class="argmap-number">No.</th><th scope="col">Text</th>'
        '<th scope="col">Title</th><th scope="col">Author</th><th scope="col">Year</th><th scope="col">Thesis</th>'
        '<th scope="col" class="argmap-number">Nodes</th>'
        '<th scope="col" class="argmap-number">Links</th>'
        '<th scope="col" class="argmap-number" title="Share of the argumentative text in sentences that a quote '
        'touches">Coverage</th></tr></thead>\n'
        f"<tbody>\n{''.join(rows)}</tbody>\n</table>\n</div>\n"
    )


def _filter_form(c: Comparison, names: Mapping[str, str]) -> str:
    # one option per concept: its rows of every period share the id the filter follows
    groups: dict[ConceptKind, dict[str, str]] = {}
    for row in c.concepts:
        groups.setdefault(row.kind, {}).setdefault(row.concept, row.label)
    heading = {ConceptKind.OUTCOME: "Outcomes", ConceptKind.FACTOR: "Causal factors",
               ConceptKind.PROPOSITION: "Propositions"}
    options = ['<option value="">All concepts</option>']
    for kind in ConceptKind:
        if kind in groups:
            items = "".join(f'<option value="{esc(cid)}">{esc(label)}</option>' for cid, label in groups[kind].items())
            options.append(f'<optgroup label="{esc(heading.get(kind, kind.value))}">{items}</optgroup>')
    authors = ['<option value="">All authors</option>']
    authors += [f'<option value="{esc(key)}">[{i}] {esc(names[key])}</option>' for i, key in enumerate(c.keys, 1)]
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


def _wrapped(table_html: str) -> str:
    return f'<div class="table-wrap">\n{table_html}</div>\n'


def _with_row_ids(table: Table, prefix: str) -> Table:
    """The table with its rows numbered as ids (``divergences-1`` …), for links to them."""
    rows = [attrs.evolve(r, attributes=(*r.attributes, ("id", f"{prefix}-{i}"))) for i, r in enumerate(table.rows, 1)]
    return attrs.evolve(table, rows=rows)


def index_parts(
    maps: Sequence[ArgumentMap],
    comparison: Comparison,
    *,
    pages: Mapping[str, str],
    facts: Mapping[str, TextFacts] | None = None,
    comparison_svg: str | None = None,
    metric: str = "jaccard",
    normalization: str = "none",
    title: str | None = None,
) -> Parts:
    """The parts of the overview (see :func:`index_html`)."""
    facts = facts or {}
    c = comparison
    names = author_names(c)
    heading = title or report_title(c)
    rows = {key: {n.id: f"node-{i}" for i, n in enumerate(amap.nodes, 1)}
            for amap, key in zip(maps, c.keys, strict=True)}

    def node_link(key: str, node: str) -> str | None:
        row = rows.get(key, {}).get(node)
        return f"{pages[key]}#{row}" if row is not None and key in pages else None

    tables = {
        "theses": theses_table(maps, comparison=c),
        "factors": factors_table(c),
        "propositions": propositions_table(c),
        "agreements": agreements_table(c, names),
        "divergences": _with_row_ids(divergences_table(c), "divergences"),
        "agreement": agreement_table(c, metric, normalization=normalization),
    }
    n_links = len(c.links)
    counts = (f"{len(c.keys)} text{'s' * (len(c.keys) != 1)}, {len(c.concepts)} concepts of the vocabulary, "
              f"{n_links} causal link{'s' * (n_links != 1)} between them.")
    body = [
        f"<h1>{esc(heading)}</h1>\n",
        summary_html(c, names, link=node_link),
        '<p class="help no-print">Each author\u2019s own words are a click away: open a cell\u2019s note to read the '
        "quote, or a text\u2019s page for its whole map and text. Use the filter to follow one concept or one "
        f"author through every table. {esc(counts)} The report prints as a handout (the notes open, links are "
        "written out).</p>\n",
        _filter_form(c, names),
        section("texts", "The texts", _texts_table(maps, c, pages, facts, names)),
        section("theses", esc(tables["theses"].title), _wrapped(tables["theses"].to_html()),
                 "Start here: what each author argues, and what each expects."),
        section("factors", esc(tables["factors"].title), _wrapped(tables["factors"].to_html()),
                 "How the authors explain the outcome: which causes each invokes, and in which direction."),
        section("propositions", esc(tables["propositions"].title), _wrapped(tables["propositions"].to_html()),
                 "Where the authors take sides."),
        section("agreements", "Where they agree", _wrapped(tables["agreements"].to_html()),
                 "What the authors hold alike, or differently without contradicting one another, in their "
                 "own words."),
        section("divergences", esc(tables["divergences"].title), _wrapped(tables["divergences"].to_html()),
                 "Where the authors contradict one another, in their own words: material for a discussion."),
        section("agreement", esc(tables["agreement"].title), _wrapped(tables["agreement"].to_html()),
                 "Who is close to whom, by one published measure."),
    ]
    n = len(c.keys)
    description = (f"The concepts and causal links of {n} author{'s' * (n != 1)}, each labelled with the "
                   "authors who invoke it. The tables above give the same comparison as text.")
    views = [View("the comparison", comparison_svg, description)] if comparison_svg is not None else []
    body.append(section("comparison-map", "The comparison map", figure(
        views, prefix="comparison", title=f"Comparison map: {heading}",
        caption=("Every concept the authors share and every causal link between concepts, with the "
                 "numbers of the authors who assert it ([1] \u2026 as in the list of texts; + helps, "
                 "\u2212 hinders; the key is at the foot of the drawing). "
                 '<span class="no-print">Point at a concept or an arrow to read the authors\u2019 quotes.</span>'),
        missing="The comparison map was not drawn (make the report with drawings to see it).")))
    nav = (("#summary", "Summary"), ("#texts", "Texts"), ("#theses", "Theses"), ("#factors", "Factors"),
           ("#propositions", "Propositions"), ("#agreements", "Agreements"), ("#divergences", "Divergences"),
           ("#agreement", "Agreement matrix"), ("#comparison-map", "Comparison map"))
    return Parts(heading, nav, "".join(body))


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
    """The overview page: a summary first (who agrees on what, who partly agrees, who splits,
    each point linked to its evidence), the texts (each linked to its page, named by
    ``pages``: author key -> file name), a filter, the teaching tables with the agreements
    and divergences (``metric`` and ``normalization`` choose the agreement matrix) and the
    comparison map (``comparison_svg``, as Graphviz wrote it; None leaves it out with a
    note). A pure function of its arguments; raises :class:`~argmap.errors.RenderError` for
    a drawing that holds anything but shapes and text."""
    return page(index_parts(maps, comparison, pages=pages, facts=facts, comparison_svg=comparison_svg,
                            metric=metric, normalization=normalization, title=title))
