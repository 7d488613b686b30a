"""Hypothesis strategies for argument maps, shared by the round-trip and hardening tests.

``maps()`` draws maps that ``argmap.validate`` accepts (one thesis, unique ids, edges between
known nodes, no cycle of supports, a sign on every causal edge and only there), with text
that is hostile on purpose: quotes and backslashes, markup of every output format,
right-to-left and zero-width characters, line breaks, characters outside the BMP.
"""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

from argmap import ArgumentMap, ChangeDirection, Edge, Kind, Node, Quote, Relation, Sign, Source, Span, Stance
from argmap.concepts import Concept, ConceptKind, Period, Vocabulary

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


#: Only markup, for texts dense in it (where an escaping bug needs two characters in a row).
MARKUP = "[]<>{}:@#*_\\/-+=().,;'\"! \n"


def texts(*, max_size: int = 24, xml: bool = False, markup: bool = False) -> st.SearchStrategy[str]:
    """Non-blank strings, heavy on characters that output formats must escape.

    With ``xml``, only characters XML 1.0 can hold; with ``markup``, nearly only markup.
    """
    alphabet = _xml_alphabet if xml else _alphabet
    if markup:
        alphabet = st.one_of(st.sampled_from(MARKUP), st.sampled_from("ab"))
    return st.text(alphabet, min_size=1, max_size=max_size).filter(lambda s: bool(s.strip()))


def identifiers(*, xml: bool = False, markup: bool = False) -> st.SearchStrategy[str]:
    """Node and source ids: no control characters, no surrounding whitespace."""
    return (
        texts(max_size=12, xml=xml, markup=markup)
        .map(lambda s: "".join(ch for ch in s if unicodedata.category(ch) != "Cc").strip())
        .filter(bool)
    )


@st.composite
def quotes(
    draw: st.DrawFn, *, anchored: bool = False, xml: bool = False, markup: bool = False
) -> Quote:
    """A quote, with made-up offsets where ``anchored``."""
    text = draw(texts(xml=xml, markup=markup))
    occurrence = draw(st.none() | st.none() | st.integers(1, 5))
    if not anchored or not draw(st.booleans()):
        return Quote(text, occurrence=occurrence)
    starts = draw(st.lists(st.integers(0, 10_000), min_size=1, max_size=3, unique=True))
    spans = [Span(s, s + draw(st.integers(1, 500))) for s in sorted(starts)]
    return Quote(text, spans=spans, occurrence=occurrence)


@st.composite
def sources(draw: st.DrawFn, *, xml: bool = False, markup: bool = False) -> Source:
    """A source with optional metadata."""
    optional = st.none() | texts(xml=xml, markup=markup)
    return Source(
        id=draw(identifiers(xml=xml, markup=markup)),
        file=draw(texts(xml=xml, markup=markup)),
        title=draw(optional),
        author=draw(optional),
        venue=draw(optional),
        year=draw(st.none() | st.integers(-3000, 3000)),
        name=draw(optional),
        note=draw(optional),
    )


#: Confidences of draft elements: a few values that every format writes exactly.
DRAFTS = st.none() | st.sampled_from([0.0, 0.25, 0.5, 0.62, 1.0])


@st.composite
def maps(
    draw: st.DrawFn,
    *,
    anchored: bool = False,
    xml: bool = False,
    markup: bool = False,
    max_nodes: int = 7,
) -> ArgumentMap:
    """A valid argument map; with ``anchored``, quotes carry offsets; with ``xml``, all text
    is text XML 1.0 can hold; with ``markup``, text is dense in markup characters."""
    kw = {"xml": xml, "markup": markup}
    ids = draw(st.lists(identifiers(**kw), min_size=1, max_size=max_nodes, unique=True))
    thesis = draw(st.sampled_from(ids))
    optional = st.none() | texts(**kw)
    nodes = []
    for i in ids:
        implicit = i != thesis and draw(st.integers(0, 5)) == 0
        nodes.append(Node(
            id=i,
            kind=Kind.THESIS
            if i == thesis
            else draw(st.sampled_from([k for k in Kind if k is not Kind.THESIS])),
            label=draw(texts(**kw)),
            quotes=() if implicit else draw(st.lists(quotes(anchored=anchored, **kw), min_size=1, max_size=3)),
            concept=(concept := draw(optional)),
            stance=draw(st.none() | st.sampled_from(list(Stance))),
            section=draw(optional),
            note=draw(texts(**kw)) if implicit else draw(optional),
            implicit=implicit,
            period=draw(st.none() | identifiers(**kw)),
            direction=draw(st.none() | st.sampled_from(list(ChangeDirection))) if concept else None,
            draft=draw(DRAFTS),
        ))

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
                    quote=draw(st.none() | quotes(anchored=anchored, **kw)),
                    note=draw(optional),
                    period=draw(st.none() | identifiers(**kw)),
                    draft=draw(DRAFTS),
                )
            )
    return ArgumentMap(
        draw(sources(**kw)),
        nodes,
        edges,
        excluded=draw(st.lists(quotes(anchored=anchored, **kw), max_size=2)),
        vocabulary=draw(optional),
    )


def hostile_map(*, xml: bool = False) -> ArgumentMap:
    """A fixed map whose ids, labels, quotes, notes and sections hold every hostile character.

    With ``xml``, only characters XML 1.0 can hold (for GraphML).
    """
    chars = "".join(ch for ch in HOSTILE if not (xml and ch in NOT_XML))
    samples = [
        "He said \"no\" \\ she said 'yes'",
        "<script>alert('x')</script> & {} | % $ # _ ^ ~",
        "line one\nline two\r\nline three",
        "right-to-left \u202eevil\u202c and \u05d0\u05d1\u05d2 "
        "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
        "zero\u200bwidth\u200d joiners\ufeff and soft\u00adhyphen",
        "[not a title]: <not an argument> @[mention] #tag {data: 1} // comment /* c */ <!-- c -->",
        "=== front matter === -- inference -- ** bold ** __bold__ *it* _it_ :heart: .->.",
        "\\begin{document} 100% $x^2$ ~ & _ #",
        'a,b;c\tTAB "quoted,""cell"',
        chars,
    ]
    ids = ['id "1" <b>', "id & {2} | %", "id #3 _ $", "\u202eid 4\u200b", "[id 5]: <x>", "id\\6/7"]
    nodes = [
        Node(
            id=ids[i],
            kind=Kind.THESIS if i == 0 else list(Kind)[1 + i % 6],
            label=samples[i % len(samples)],
            quotes=[Quote(samples[(i + 1) % len(samples)]), Quote(samples[(i + 5) % len(samples)])],
            concept="india-factor" if i == 1 else (samples[i] if i == 2 else None),
            stance=Stance.AFFIRMS if i == 1 else None,
            section=samples[(i + 2) % len(samples)] if i % 2 else None,
            note=samples[(i + 3) % len(samples)],
        )
        for i in range(len(ids))
    ]
    edges = [
        Edge(ids[1], ids[0], Relation.SUPPORTS, note=samples[4], quote=Quote(samples[5])),
        Edge(ids[2], ids[0], Relation.ATTACKS, note=samples[6]),
        Edge(ids[3], ids[0], Relation.CAUSES, sign=Sign.HELPS, quote=Quote(samples[7])),
        Edge(ids[4], ids[2], Relation.CAUSES, sign=Sign.HINDERS),
        Edge(ids[5], ids[1], Relation.SUPPORTS, note=samples[9]),
        Edge(ids[5], ids[1], Relation.SUPPORTS),
    ]
    source = Source(
        id="hostile <&> \u202e",
        file="hostile.txt",
        title=samples[0],
        author=samples[1],
        venue=samples[3],
        year=2024,
    )
    return ArgumentMap(
        source, nodes, edges, excluded=[Quote(samples[8])], vocabulary="concepts.yaml"
    )


@st.composite
def vocabularies(draw: st.DrawFn) -> Vocabulary:
    """Vocabularies with concepts (some narrowing an earlier one, so no circle), cue terms,
    scope notes and periods (some still running)."""
    ids = draw(st.lists(st.from_regex(r"[a-z]{1,6}(-[a-z]{1,4})?", fullmatch=True), min_size=1, max_size=6,
                        unique=True))
    concepts = []
    for i, cid in enumerate(ids):
        broader = draw(st.sampled_from([None, *ids[:i]]))
        concepts.append(Concept(cid, draw(st.sampled_from(list(ConceptKind))), draw(texts()),
                                draw(st.one_of(st.just(""), texts())), draw(st.lists(texts(), max_size=3)),
                                broader=broader))
    period_ids = draw(st.lists(st.from_regex(r"[a-z]{1,6}", fullmatch=True), max_size=3, unique=True))
    periods = []
    for pid in period_ids:
        start = draw(st.integers(1900, 2030))
        end = draw(st.one_of(st.none(), st.integers(start, 2040)))
        periods.append(Period(pid, draw(texts()), start, end, draw(st.one_of(st.just(""), texts()))))
    return Vocabulary(concepts, periods=periods)
