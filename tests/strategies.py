"""Hypothesis strategies for argument maps, shared by the round-trip and hardening tests.

``maps()`` draws maps that ``argmap.validate`` accepts (one thesis, unique ids, edges between
known nodes, no cycle of supports, a sign on every causal edge and only there), with text
that is hostile on purpose: quotes and backslashes, markup of every output format,
right-to-left and zero-width characters, line breaks, characters outside the BMP.
"""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

from argmap import ArgumentMap, Edge, Kind, Node, Quote, Relation, Sign, Source, Span, Stance

#: Characters that mean something in YAML, JSON, XML, Argdown, DOT, HTML, Markdown, LaTeX or CSV.
HOSTILE = (
    "\"'\\<>&{}[]|%$#_^~*`:;,.=+-/@!?()\n\t"
    "\u202e\u202d\u200f\u200e\u061c"  # right-to-left and left-to-right marks and overrides
    "\u200b\u200c\u200d\ufeff\u2060\u00ad"  # zero-width characters, soft hyphen
    "\u00a0\u2028\u2029\u0085"  # no-break space, line and paragraph separators, NEL
    "\u05d0\u0627\U0001f600é"  # Hebrew, Arabic, an emoji, a Latin accent
)

#: Every character that a UTF-8 file can hold (no surrogates).
CHARACTERS = st.characters(exclude_categories=("Cs",))

#: Characters XML 1.0 cannot hold, not even as character references (GraphML refuses them).
NOT_XML = "".join(chr(c) for c in (*range(9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF))

_alphabet = st.one_of(
    st.sampled_from(HOSTILE), st.characters(min_codepoint=32, max_codepoint=126), CHARACTERS
)
_xml_alphabet = st.one_of(
    st.sampled_from(HOSTILE),
    st.characters(min_codepoint=32, max_codepoint=126),
    st.characters(exclude_categories=("Cs",), exclude_characters=NOT_XML),
)


def texts(*, max_size: int = 24, xml: bool = False) -> st.SearchStrategy[str]:
    """Non-blank strings, heavy on characters that output formats must escape.

    With ``xml``, only characters XML 1.0 can hold.
    """
    alphabet = _xml_alphabet if xml else _alphabet
    return st.text(alphabet, min_size=1, max_size=max_size).filter(lambda s: bool(s.strip()))


def identifiers(*, xml: bool = False) -> st.SearchStrategy[str]:
    """Node and source ids: no control characters, no surrounding whitespace."""
    return (
        texts(max_size=12, xml=xml)
        .map(lambda s: "".join(ch for ch in s if unicodedata.category(ch) != "Cc").strip())
        .filter(bool)
    )


@st.composite
def quotes(draw: st.DrawFn, *, anchored: bool = False, xml: bool = False) -> Quote:
    """A quote, with made-up offsets where ``anchored``."""
    text = draw(texts(xml=xml))
    if not anchored or not draw(st.booleans()):
        return Quote(text)
    starts = draw(st.lists(st.integers(0, 10_000), min_size=1, max_size=3, unique=True))
    spans = [Span(s, s + draw(st.integers(1, 500))) for s in sorted(starts)]
    return Quote(text, spans=spans)


@st.composite
def sources(draw: st.DrawFn, *, xml: bool = False) -> Source:
    """A source with optional metadata."""
    optional = st.none() | texts(xml=xml)
    return Source(
        id=draw(identifiers(xml=xml)),
        file=draw(texts(xml=xml)),
        title=draw(optional),
        author=draw(optional),
        venue=draw(optional),
        year=draw(st.none() | st.integers(-3000, 3000)),
    )


@st.composite
def maps(
    draw: st.DrawFn, *, anchored: bool = False, xml: bool = False, max_nodes: int = 7
) -> ArgumentMap:
    """A valid argument map; with ``anchored``, quotes carry offsets; with ``xml``, all text
    is text XML 1.0 can hold."""
    ids = draw(st.lists(identifiers(xml=xml), min_size=1, max_size=max_nodes, unique=True))
    thesis = draw(st.sampled_from(ids))
    optional = st.none() | texts(xml=xml)
    nodes = [
        Node(
            id=i,
            kind=Kind.THESIS
            if i == thesis
            else draw(st.sampled_from([k for k in Kind if k is not Kind.THESIS])),
            label=draw(texts(xml=xml)),
            quotes=draw(st.lists(quotes(anchored=anchored, xml=xml), min_size=1, max_size=3)),
            concept=draw(optional),
            stance=draw(st.none() | st.sampled_from(list(Stance))),
            section=draw(optional),
            note=draw(optional),
        )
        for i in ids
    ]
    edges = []
    if len(ids) > 1:
        pairs = st.tuples(st.integers(0, len(ids) - 1), st.integers(0, len(ids) - 1)).filter(
            lambda p: p[0] != p[1]
        )
        for a, b in draw(st.lists(pairs, max_size=2 * len(ids))):
            relation = draw(st.sampled_from(list(Relation)))
            if relation is Relation.SUPPORTS and a < b:
                a, b = b, a  # supports only run from later to earlier nodes: never a cycle
            edges.append(
                Edge(
                    ids[a],
                    ids[b],
                    relation,
                    sign=draw(st.sampled_from(list(Sign))) if relation is Relation.CAUSES else None,
                    quote=draw(st.none() | quotes(anchored=anchored, xml=xml)),
                    note=draw(optional),
                )
            )
    return ArgumentMap(
        draw(sources(xml=xml)),
        nodes,
        edges,
        excluded=draw(st.lists(quotes(anchored=anchored, xml=xml), max_size=2)),
        vocabulary=draw(optional),
    )
