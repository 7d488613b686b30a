"""A text's page in the report: its thesis, its coverage of the source, its map drawn, and every
node with its quotes and where each stands in the source."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from argmap._text import one_line
from argmap.concepts import Vocabulary
from argmap.coverage import Audit
from argmap.model import ArgumentMap, Edge, Kind, Node, Quote, Relation, Sign
from argmap.quotes import SourceText
from argmap.report.page import INDEX, TextFacts, esc, figure, nav_list, number, page, quoted, section, share

__all__ = ["text_html"]



def _where(quote: Quote, source: SourceText | None) -> str:
    if not quote.spans:
        return "not located in the source text"
    parts = []
    for span in quote.spans:
        place = f"characters {number(span.start)}\u2013{number(span.end)}"
        if source is not None:
            place = f"line {source.line_column(span.start)[0]}, {place}"
        parts.append(place)
    return "; ".join(parts)


def _quotes_cell(quotes: Sequence[Quote], source: SourceText | None) -> str:
    return "".join(f'<p class="quote">{esc(quoted(q.text))}</p><p class="where">{esc(_where(q, source))}</p>'
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
        label = esc(labels.get(node_id, node_id))
        return f'<a href="#{anchors[node_id]}">{label}</a>' if node_id in anchors else label

    items = [f"\u2192 {esc(_relation(e, _ACTIVE))} {target(e.target)}" for e in amap.edges_from(node.id)]
    items += [f"\u2190 {esc(_relation(e, _PASSIVE))} {target(e.source)}" for e in amap.edges_to(node.id)]
    if not items:
        return '<span class="argmap-silent">none</span>'
    return '<ul class="links">' + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _concept_cell(node: Node, vocabulary: Vocabulary | None) -> str:
    if node.concept is None:
        text = '<span class="argmap-silent">none</span>'
    else:
        concept = vocabulary.get(node.concept) if vocabulary is not None else None
        text = esc(concept.label) if concept is not None else ""
        text += f' <code>{esc(node.concept)}</code>' if text else f"<code>{esc(node.concept)}</code>"
    if node.stance is not None:
        text += f'<br><span class="argmap-{esc(node.stance.value)}">{esc(node.stance.value)}</span>'
    return text


def _nodes_table(amap: ArgumentMap, source: SourceText | None, vocabulary: Vocabulary | None,
                 anchors: Mapping[str, str]) -> str:
    rows = []
    for node in amap.nodes:
        note = (f'<details class="note"><summary>note from the map</summary><p>{esc(one_line(node.note))}</p>'
                "</details>" if node.note else "")
        section = f'<span class="node-id">section: {esc(node.section)}</span>' if node.section else ""
        rows.append(
            f'<tr id="{anchors[node.id]}" data-kind="{esc(node.kind.value)}"'
            f'{f" data-concept={chr(34)}{esc(node.concept)}{chr(34)}" if node.concept else ""}>'
            f'<th scope="row">{esc(node.label)}<span class="node-id">{esc(node.id)}</span>{section}{note}</th>'
            f'<td><span class="kind kind-{esc(node.kind.value)}">{esc(node.kind.value)}</span></td>'
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
    return (f"{number(a.total_chars - a.argument_chars)} of {number(a.total_chars)} characters were set aside "
            f"as not argument ({n} passage{'s' * (n != 1)}: headings, references, page furniture and what the "
            "map marks to exclude).")


def _coverage(a: Audit | None, vocabulary: Vocabulary | None, limit: int = 25) -> str:
    if a is None:
        return '<p class="missing">Coverage was not measured (the source text was not available).</p>\n'
    out = [
        '<div class="coverage-bar">'
        f'<meter min="0" max="1" value="{a.coverage:.4f}" aria-labelledby="coverage-h">{share(a.coverage)}</meter>'
        f"<strong>{share(a.coverage)}</strong></div>\n",
        f"<p>{share(a.coverage)} of the argumentative text lies in sentences that a quote of the map touches "
        f"({a.covered_sentences} of {a.sentences} sentences); {share(a.quoted)} is quoted word for word. "
        f"{_set_aside(a)}</p>\n",
    ]
    if a.uncovered:
        shown = a.uncovered[:limit]
        items = "".join(f"<li>line {p.line}: {esc(p.text)}</li>" for p in shown)
        more = (f"<li>\u2026 and {len(a.uncovered) - len(shown)} more "
                f"(<code>argmap audit --all</code> lists them)</li>" if len(shown) < len(a.uncovered) else "")
        out.append(f"<details><summary>Passages no quote touches ({len(a.uncovered)})</summary>"
                   f'<ul class="passages">{items}{more}</ul></details>\n')
    if a.unlinked_concepts:
        def name(cid: str) -> str:
            concept = vocabulary.get(cid) if vocabulary is not None else None
            return esc(concept.label) if concept is not None else f"<code>{esc(cid)}</code>"
        items = "".join(f"<li>{name(h.concept)}: {esc(', '.join(h.cues))} "
                        f"({h.count}\u00d7, first on line {h.line})</li>" for h in a.unlinked_concepts)
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
    byline = " \u00b7 ".join(esc(x) for x in (
        "" if s.title else "no title stated", s.author or "no author named", s.venue or "",
        str(s.year) if s.year is not None else "no date") if x)
    facts_list = [("Source text", f"<code>{esc(s.file)}</code>"), ("Map", f"<code>{esc(key)}</code>"),
                  ("Nodes", f"{len(amap.nodes)} ({', '.join(_kind_counts(amap))})"),
                  ("Links", str(len(amap.edges))), ("Concepts linked", str(len(amap.concepts)))]
    sections = list(dict.fromkeys(n.section for n in amap.nodes if n.section))
    body = [
        '<main id="main" tabindex="-1">\n',
        f"<h1>{esc(heading)}</h1>\n",
        f'<p class="byline">{byline}</p>\n',
        '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts_list) + "</dl>\n",
    ]
    theses = amap.nodes_of(Kind.THESIS)
    if theses:
        thesis = "".join(f"<p><strong>{esc(n.label)}</strong></p>"
                         + "".join(f"<blockquote>{esc(quoted(q.text))}</blockquote>" for q in n.quotes)
                         for n in theses)
    else:
        thesis = '<p class="argmap-silent">The map marks no thesis.</p>'
    if sections:
        thesis += ("<p>The map follows the text\u2019s sections:</p><ol class=\"sections\">"
                   + "".join(f"<li>{esc(x)}</li>" for x in sections) + "</ol>")
    body.append(section("thesis", "Thesis", thesis + "\n"))
    body.append(section("coverage", "Coverage", _coverage(facts.audit, vocabulary),
                         "How much of the text the map accounts for: a low share means arguments the map "
                         "leaves out, or a text with much narrative."))
    description = (f"The argument map of {display}: {len(amap.nodes)} nodes and {len(amap.edges)} links. "
                   "The table below lists every node and link as text.")
    body.append(section("map", "The map", figure(
        facts.svg, prefix="map", title=f"Argument map: {heading}", description=description,
        caption=("Each kind of node has its own shape and colour (the key is in the drawing); arrows show "
                 "support, attack and causes (+ helps, \u2212 hinders). "
                 '<span class="no-print">Point at a box or an arrow to read the author\u2019s words.</span> '
                 "The table below lists the same nodes as text."),
        missing="The map was not drawn (make the report with drawings to see it).")))
    body.append(section("nodes", "Nodes", _nodes_table(amap, facts.source, vocabulary, anchors)))
    pager = [f'<a href="{INDEX}">Overview</a>']
    if i > 0:
        pager.append(f'<a href="{esc(pages[keys[i - 1]])}" rel="prev">\u2190 Previous text</a>')
    if 0 <= i < len(keys) - 1:
        pager.append(f'<a href="{esc(pages[keys[i + 1]])}" rel="next">Next text \u2192</a>')
    body.append(f'<nav class="pager" aria-label="Texts">{" ".join(pager)}</nav>\n')
    body.append("</main>\n")
    nav = nav_list([(INDEX, f"\u2190 {report_title}"), ("#thesis", "Thesis"), ("#coverage", "Coverage"),
                ("#map", "Map"), ("#nodes", "Nodes")])
    return page(f"{heading} \u2014 {display}" if heading != display else heading, "".join(body), nav=nav)


_PLURAL = {Kind.THESIS: "theses", Kind.EVIDENCE: "pieces of evidence"}


def _kind_counts(amap: ArgumentMap) -> list[str]:
    counts = Counter(n.kind for n in amap.nodes)
    return [f"{counts[k]} {k.value if counts[k] == 1 else _PLURAL.get(k, k.value + 's')}" for k in Kind if counts[k]]
