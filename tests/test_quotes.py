"""Finding quotes in source texts: layout-tolerant, exact on words, helpful on a miss."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
import strategies
from argmap import SourceText, Span
from argmap.quotes import split_segments

TEXT = (
    "Cognisant of this \u2018objective reality,\u2019 Pakistan became an inborn-\n\n"
    "insecure state, striving to strengthen its defence. Security of the country \n\n"
    "became the utmost priority.\n6\n Due to the hostile neigh-\nbourhood, it looked abroad.\n"
)


@pytest.mark.parametrize(
    "quote",
    [
        pytest.param("striving to strengthen its defence", id="plain"),
        pytest.param("Security of the country became the utmost priority", id="across-line-break"),
        pytest.param("Security   of the\n country    became", id="extra-whitespace"),
        pytest.param("an inborn-insecure state", id="line-end-hyphen-kept"),
        pytest.param("an inborninsecure state", id="line-end-hyphen-dropped"),
        pytest.param("the hostile neighbourhood", id="word-split-by-hyphen"),
        pytest.param("this 'objective reality,' Pakistan", id="straight-for-curly-quotes"),
        pytest.param("became the utmost priority. ... Due to the hostile", id="ellipsis-skips-footnote"),
        pytest.param("Cognisant of this … it looked abroad.", id="unicode-ellipsis"),
    ],
)
def test_found(quote: str) -> None:
    """Quotes match despite re-wrapping, hyphenation, quote styles and ellipses."""
    assert SourceText(TEXT).find(quote) is not None


@pytest.mark.parametrize(
    "quote",
    [
        pytest.param("striving to strengthen its defense", id="spelling-changed"),
        pytest.param("Security of the nation", id="word-changed"),
        pytest.param("it looked abroad ... Cognisant of this", id="ellipsis-out-of-order"),
        pytest.param("insecure-state", id="hyphen-not-in-source-is-optional-only-at-line-ends"),
    ],
)
def test_not_found(quote: str) -> None:
    """Changed words or out-of-order segments are misses."""
    assert SourceText(TEXT).find(quote) is None


def test_spans_are_original_offsets() -> None:
    """Each segment's span gives the original characters, line breaks included."""
    src = SourceText(TEXT)
    match = src.find("Security of the country became ... the hostile neigh-bourhood")
    assert match is not None
    first, second = match.spans
    assert TEXT[first.start : first.end] == "Security of the country \n\nbecame"
    assert TEXT[second.start : second.end] == "the hostile neigh-\nbourhood"
    assert first.end <= second.start


def test_hint_points_at_the_typo() -> None:
    """A miss yields the closest passage, its line, and the first differing words."""
    src = SourceText(TEXT)
    hint = src.closest("striving to strenghten its defence")
    assert hint is not None
    assert hint.line == 3
    assert "striving to strengthen its defence" in hint.passage
    assert "strenghten" in hint.quote_part
    assert "strengthen" in hint.source_part


def test_hint_for_unrelated_text_is_none() -> None:
    """A quote sharing nothing with the source gets no misleading hint."""
    assert SourceText(TEXT).closest("zzzz qqqq xxxx") is None


def test_segments() -> None:
    """Ellipses split a quote; empty parts are dropped."""
    assert split_segments("a b ... c …d") == ["a b", "c", "d"]
    assert split_segments("...") == []


def test_line_column() -> None:
    """Offsets map to 1-based lines and columns."""
    src = SourceText("ab\ncd\n")
    assert src.line_column(0) == (1, 1)
    assert src.line_column(4) == (2, 2)


words = st.text(alphabet="abcdefghij", min_size=1, max_size=8)


@given(st.lists(words, min_size=3, max_size=30), st.data())
def test_any_substring_of_words_is_found(ws: list[str], data: st.DataObject) -> None:
    """Property: any run of words from a text is found, however the text is wrapped."""
    seps = data.draw(st.lists(st.sampled_from([" ", "\n", "  \n\n "]), min_size=len(ws), max_size=len(ws)))
    text = "".join(w + s for w, s in zip(ws, seps, strict=True))
    i = data.draw(st.integers(0, len(ws) - 1))
    j = data.draw(st.integers(i + 1, len(ws)))
    quote = " ".join(ws[i:j])
    match = SourceText(text).find(quote)
    assert match is not None
    found = text[match.spans[0].start : match.spans[-1].end]
    assert "".join(found.split()) == "".join(quote.split()) or len(found) >= len("".join(ws[i:j]))


def test_span_validation() -> None:
    """A span must have positive length."""
    with pytest.raises(ValueError, match="after its start"):
        Span(5, 5)


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.maps(anchored=True))
def test_a_replaced_copy_is_what_evolve_makes(amap: argmap.ArgumentMap) -> None:
    """Anchoring copies nodes and quotes without their constructors (model._replaced): each
    copy equals attrs.evolve's, keeps its type and position, and passes every validator."""
    import attrs

    from argmap.model import _replaced

    for node in amap.nodes:
        quotes = tuple(reversed(node.quotes))
        copy = _replaced(node, quotes=quotes)
        assert copy == attrs.evolve(node, quotes=quotes) and type(copy) is type(node)
        assert copy.position == node.position and copy.quotes == quotes
        attrs.validate(copy)
    again = _replaced(amap, nodes=amap.nodes[::-1])
    assert again == attrs.evolve(amap, nodes=amap.nodes[::-1]) and again.path == amap.path
    with pytest.raises(AttributeError, match="no field 'spam'"):
        _replaced(amap, spam=1)


_LOOKUPS = st.lists(st.tuples(st.sampled_from(["find", "occurrences"]),
                              st.sampled_from(["the", "hostile", "inborn-insecure", "Security ... priority",
                                               "utmost", "absent words", "e", "it"]),
                              st.integers(0, 60), st.integers(1, 3)), max_size=25)


@given(_LOOKUPS)
def test_a_remembered_answer_is_the_answer(lookups: list[tuple[str, str, int, int]]) -> None:
    """Property: a source text that remembers its look-ups answers each as a text that has
    made none does, in any order of asking, and a caller's change to a list it was given
    does not change the next answer."""
    shared = SourceText._build(TEXT)
    for verb, quote, start, n in lookups:
        fresh = SourceText._build(TEXT)
        if verb == "find":
            assert shared.find(quote, start=start, occurrence=n) == fresh.find(quote, start=start, occurrence=n)
        else:
            got = shared.occurrences(quote, limit=n)
            assert got == fresh.occurrences(quote, limit=n)
            got.clear()
            assert shared.occurrences(quote, limit=n) == fresh.occurrences(quote, limit=n)


def test_a_source_text_remembers_a_bounded_number_of_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the bound, answers are still right but no more are kept."""
    monkeypatch.setattr(argmap.quotes, "_FOUND_MAX", 3)
    source = SourceText._build(TEXT)
    quotes = ["the", "hostile", "utmost", "Security", "abroad"]
    answers = [source.find(q) for q in quotes]
    assert len(source._found) == 3
    assert answers == [SourceText._build(TEXT).find(q) for q in quotes]
