"""A text's page in the report: its thesis, its coverage of the source, its map drawn (a large
map on its causal skeleton first), every node with its quotes and where each stands in the
source, the implicit nodes apart, and the whole source text with what the map quotes marked
(:mod:`argmap.report.source_view`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from argmap._text import one_line
from argmap.concepts import Vocabulary
from argmap.coverage import Audit
from argmap.drawing.amap import SKELETON_KINDS
from argmap.drawing.dot import PLAIN_ID
from argmap.model import ArgumentMap, Edge, Kind, Node, Quote, Relation, Sign
from argmap.projection import display_name
from argmap.quotes import SourceText
from argmap.report.drawings import View, figure
from argmap.report.page import INDEX, Parts, TextFacts, esc, number, page, quoted, section, share
from argmap.report.source_view import QuoteMark, quote_marks, source_html

__all__ = ["text_html", "text_parts"]



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


def _quotes_cell(quotes: Sequence[Quote], source: SourceText | None, marks: Sequence[QuoteMark]) -> str:
    """Each quote, then where it stands: a link to its place in the source text below."""
    keys = {m.key.rsplit("-", 1)[1]: m.key for m in marks}
    out = []
    for k, q in enumerate(quotes, 1):
        where = esc(_where(q, source))
        key = keys.get(str(k))
        if key is not None and source is not None:
            where = f'<a href="#{key}" class="to-source">{where}</a>'
        out.append(f'<p class="quote">{esc(quoted(q.text))}</p><p class="where">{where}</p>')
    return "".join(out)


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


class _MapLinks:
    """What the links column of every row needs from a map, gathered once for the map (a
    row used to gather it from all nodes and all edges): each node's label and whether it is
    implicit (the last node of an id, as a dict of all of them gives), and each node's links
    out and in, in the map's order (as ``edges_from`` and ``edges_to`` give them)."""

    def __init__(self, amap: ArgumentMap) -> None:
        self.labels = {n.id: n.label for n in amap.nodes}
        self.implicit = {n.id for n in amap.nodes if n.implicit}
        self.outgoing: dict[str, list[Edge]] = {}
        self.incoming: dict[str, list[Edge]] = {}
        for e in amap.edges:
            self.outgoing.setdefault(e.source, []).append(e)
            self.incoming.setdefault(e.target, []).append(e)


def _links_cell(node: Node, links: _MapLinks, anchors: Mapping[str, str]) -> str:
    labels, implicit = links.labels, links.implicit

    def target(node_id: str) -> str:
        label = esc(labels.get(node_id, node_id))
        mark = ' <span class="node-id-inline">(implicit)</span>' if node_id in implicit else ""
        return f'<a href="#{anchors[node_id]}">{label}</a>{mark}' if node_id in anchors else label

    items = [f"\u2192 {esc(_relation(e, _ACTIVE))} {target(e.target)}" for e in links.outgoing.get(node.id, ())]
    items += [f"\u2190 {esc(_relation(e, _PASSIVE))} {target(e.source)}" for e in links.incoming.get(node.id, ())]
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


def _node_rows(nodes: Sequence[Node], amap: ArgumentMap, source: SourceText | None, vocabulary: Vocabulary | None,
               anchors: Mapping[str, str], marks: Mapping[str, Sequence[QuoteMark]], *, quotes: bool) -> str:
    links = _MapLinks(amap)
    rows = []
    for node in nodes:
        note = (f'<details class="note"><summary>note from the map</summary><p>{esc(one_line(node.note))}</p>'
                "</details>" if node.note else "")
        if not quotes:  # an implicit node: the note is why it is there, so it is shown open
            note = f'<p class="implicit-note">{esc(one_line(node.note))}</p>' if node.note else ""
        section = f'<span class="node-id">section: {esc(node.section)}</span>' if node.section else ""
        cells = (f"<td>{_quotes_cell(node.quotes, source, marks.get(node.id, ()))}</td>" if quotes else "")
        rows.append(
            f'<tr id="{anchors[node.id]}" data-kind="{esc(node.kind.value)}"'
            f'{f" data-concept={chr(34)}{esc(node.concept)}{chr(34)}" if node.concept else ""}>'
            f'<th scope="row">{esc(node.label)}<span class="node-id">{esc(node.id)}</span>{section}{note}</th>'
            f'<td><span class="kind kind-{esc(node.kind.value)}">{esc(node.kind.value)}</span></td>'
            f"<td>{_concept_cell(node, vocabulary)}</td>"
            f"{cells}"
            f"<td>{_links_cell(node, links, anchors)}</td></tr>\n"
        )
    return "".join(rows)


def _nodes_table(amap: ArgumentMap, source: SourceText | None, vocabulary: Vocabulary | None,
                 anchors: Mapping[str, str], marks: Mapping[str, Sequence[QuoteMark]]) -> str:
    """The quoted nodes, then (apart) the implicit ones: unstated premises and reconstructions."""
    quoted_nodes = [n for n in amap.nodes if not n.implicit]
    implicit = [n for n in amap.nodes if n.implicit]
    head = ('<thead><tr><th scope="col">Node</th><th scope="col">Kind</th><th scope="col">Concept and stance</th>'
            '<th scope="col">Quotes and where they are</th><th scope="col">Links</th></tr></thead>\n')
    out = [
        '<div class="table-wrap">\n<table class="nodes">\n'
        '<caption><span class="argmap-title">Every quoted node of the map</span> <span class="argmap-caption">'
        "In the order of the map file: what the node says, its kind, the shared concept it stands for, "
        "the author\u2019s words and where they stand in the source text (line and character offsets, "
        "counted from 0: follow the link to see the words in the text), and its links to other nodes. "
        + ("With the implicit nodes below, this table holds " if implicit else "This table holds ")
        + "everything the drawing shows.</span></caption>\n" + head
        + f"<tbody>\n{_node_rows(quoted_nodes, amap, source, vocabulary, anchors, marks, quotes=True)}"
        "</tbody>\n</table>\n</div>\n"
    ]
    if implicit:
        n = len(implicit)
        out.append(
            f'<h3 id="implicit-h">Implicit nodes ({n})</h3>\n'
            '<div class="table-wrap">\n<table class="nodes implicit">\n'
            '<caption><span class="argmap-title">Implicit nodes</span> <span class="argmap-caption">'
            "Unstated premises and reconstructions: the map\u2019s own wording, quoting nothing (the author "
            "does not say this in so many words); the note says why the map adds it. The drawing shows "
            "them with a dashed outline.</span></caption>\n"
            '<thead><tr><th scope="col">Node and why it is there</th><th scope="col">Kind</th>'
            '<th scope="col">Concept and stance</th><th scope="col">Links</th></tr></thead>\n'
            f"<tbody>\n{_node_rows(implicit, amap, source, vocabulary, anchors, marks, quotes=False)}"
            "</tbody>\n</table>\n</div>\n")
    return "".join(out)


def _set_aside(a: Audit) -> str:
    if not a.excluded:
        return "Nothing was set aside as not argument."
    n = len(a.excluded)
    return (f"{number(a.total_chars - a.argument_chars)} of {number(a.total_chars)} characters were set aside "
            f"as not argument ({n} passage{'s' * (n != 1)}: headings, references, page furniture and what the "
            "map marks to exclude).")


def _coverage(a: Audit | None, vocabulary: Vocabulary | None, limit: int = 25, *, linked: bool = False) -> str:
    """The coverage figure in a meter and in words, the passages no quote touches (each a link
    to its line in the source text where ``linked``), and the concepts whose cues occur."""
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

        def line(n: int) -> str:
            return f'<a href="#L{n}">line {n}</a>' if linked else f"line {n}"

        items = "".join(f"<li>{line(p.line)}: {esc(p.text)}</li>" for p in shown)
        more = (f"<li>\u2026 and {len(a.uncovered) - len(shown)} more "
                + ("(marked in the text below)" if linked else "(<code>argmap audit --all</code> lists them)")
                + "</li>" if len(shown) < len(a.uncovered) else "")
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


def _focus(amap: ArgumentMap) -> str | None:
    """The name the drawing gives the thesis (its id, where the id is plain), for the frame
    to open on; None leaves the frame at the drawing's top."""
    thesis = amap.thesis
    return thesis.id if thesis is not None and _plain(thesis.id) else None


def _plain(node_id: str) -> bool:
    """Whether the drawing names the node by its id (a plain id; others get stand-ins)."""
    return PLAIN_ID.fullmatch(node_id) is not None and not node_id.startswith("legend")


def _views(amap: ArgumentMap, facts: TextFacts, display: str, anchors: Mapping[str, str]) -> list[View]:
    if facts.svg is None:
        return []
    n, links = len(amap.nodes), len(amap.edges)
    rows = {i: row for i, row in anchors.items() if _plain(i)}
    whole = View(f"The whole map ({n} nodes)", facts.svg,
                 f"The argument map of {display}: {n} nodes and {links} links. The table below lists every "
                 "node and link as text.", _focus(amap), rows)
    if facts.skeleton is None:
        return [whole]
    shown = sum(1 for node in amap.nodes if node.kind in SKELETON_KINDS)
    skeleton = View(f"The causal skeleton ({shown} of {n} nodes)", facts.skeleton,
                    f"The causal skeleton of the map of {display}: the thesis, the factors and the outcomes, "
                    f"{shown} of its {n} nodes. The table below lists every node and link as text.", _focus(amap),
                    rows)
    return [skeleton, whole]


def text_parts(
    amap: ArgumentMap,
    *,
    key: str,
    pages: Mapping[str, str],
    facts: TextFacts | None = None,
    vocabulary: Vocabulary | None = None,
    names: Mapping[str, str] | None = None,
    report_title: str = "Overview",
) -> Parts:
    """The parts of one text's page (see :func:`text_html`)."""
    facts = facts or TextFacts()
    s = amap.source
    names = names or {}
    display = names.get(key) or display_name(s)
    anchors = {n.id: f"node-{i}" for i, n in enumerate(amap.nodes, 1)}
    marks = quote_marks(amap, anchors) if facts.source is not None else {}
    keys = list(pages)
    i = keys.index(key) if key in keys else -1
    byline = " \u00b7 ".join(esc(x) for x in (
        s.title if s.title and s.title != display else "" if s.title else "no title stated",
        s.author if s.author and s.author != display else "" if s.author else "no author named",
        s.venue or "", str(s.year) if s.year is not None else "no date") if x)
    implicit = sum(1 for n in amap.nodes if n.implicit)
    nodes = f"{len(amap.nodes)} ({', '.join(_kind_counts(amap))})"
    if implicit:
        nodes += f"; {implicit} of them implicit (no quote)"
    facts_list = [("Source text", f"<code>{esc(s.file)}</code>"), ("Map", f"<code>{esc(key)}</code>"),
                  ("Nodes", nodes), ("Links", str(len(amap.edges))), ("Concepts linked", str(len(amap.concepts)))]
    sections = list(dict.fromkeys(n.section for n in amap.nodes if n.section))
    body = [
        f"<h1>{esc(display)}</h1>\n",
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
        thesis += ('<p class="sections">The map follows the text\u2019s sections: '
                   + " \u00b7 ".join(esc(x) for x in sections) + "</p>")
    body.append(section("thesis", "Thesis", thesis + "\n"))
    views = _views(amap, facts, display, anchors)
    opening = ("A large map opens on its causal skeleton (the thesis, factors and outcomes); the whole map "
               "is one click away. " if len(views) > 1 else "")
    body.append(section("map", "The map", figure(
        views, prefix="map", title=f"Argument map: {display}",
        caption=(opening + "Each kind of node has its own shape and colour (the key is in the drawing); arrows "
                 "show support, attack and causes (solid + helps, dashed \u2212 hinders); a dashed box is "
                 "an implicit node. "
                 '<span class="no-print">Point at a box or an arrow to read the author\u2019s words; click a box '
                 "for its row in the table below.</span> "
                 "The table below lists the same nodes as text."),
        missing="The map was not drawn (make the report with drawings to see it).")))
    body.append(section("coverage", "Coverage", _coverage(facts.audit, vocabulary, linked=facts.source is not None),
                         "How much of the text the map accounts for: a low share means arguments the map "
                         "leaves out, or a text with much narrative."))
    body.append(section("nodes", "Nodes", _nodes_table(amap, facts.source, vocabulary, anchors, marks)))
    if facts.source is not None:
        body.append(section("text", "The text", source_html(facts.source.text, marks, facts.audit),
                            "The whole source text. A highlighted passage is quoted by a node: follow it to "
                            "the node; each node\u2019s quote links back here. Passages no quote touches are "
                            "marked; what was set aside as not argument is dimmed."))
    pager = [f'<a href="{INDEX}">Overview</a>']
    if i > 0:
        prev = keys[i - 1]
        pager.append(f'<a href="{esc(pages[prev])}" rel="prev">\u2190 Previous text: {esc(names.get(prev, prev))}</a>')
    if 0 <= i < len(keys) - 1:
        nxt = keys[i + 1]
        pager.append(f'<a href="{esc(pages[nxt])}" rel="next">Next text: {esc(names.get(nxt, nxt))} \u2192</a>')
    body.append(f'<nav class="pager" aria-label="Texts">{" ".join(pager)}</nav>\n')
    nav = [(INDEX, f"\u2190 {report_title}"), ("#thesis", "Thesis"), ("#map", "Map"), ("#coverage", "Coverage"),
           ("#nodes", "Nodes")]
    if facts.source is not None:
        nav.append(("#text", "Text"))
    title = display if not s.title or s.title == display else f"{display}: {s.title}"
    return Parts(title, tuple(nav), "".join(body))


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
    """The page of one text, named by its display name: its details and thesis, its
    coverage figure, its map drawn (``facts.svg``, and a large map's causal skeleton
    ``facts.skeleton`` first; None leaves it out with a note), every node listed with kind,
    label, concept, quotes and their places in the source (the implicit nodes apart), and
    the whole source text with the quotes marked (``facts.source``). ``pages`` (author key
    -> file name, in report order) gives the links to the neighbouring texts; ``names`` the
    authors' display names. A pure function of its arguments; raises
    :class:`~argmap.errors.RenderError` for a drawing that holds anything but shapes and text."""
    return page(text_parts(amap, key=key, pages=pages, facts=facts, vocabulary=vocabulary, names=names,
                           report_title=report_title))


_PLURAL = {Kind.THESIS: "theses", Kind.EVIDENCE: "pieces of evidence"}


def _kind_counts(amap: ArgumentMap) -> list[str]:
    counts = Counter(n.kind for n in amap.nodes)
    return [f"{counts[k]} {k.value if counts[k] == 1 else _PLURAL.get(k, k.value + 's')}" for k in Kind if counts[k]]
