"""Tolerant anchoring (argmap.anchoring): statements re-cased, re-punctuated or lightly
edited are found as the source's own passage, which the strict quote matcher then finds."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import SourceText
from argmap.anchoring import MAX_EDITS, Aligner, Alignment, Miss, span_quote, spans_quote
from argmap.model import Span

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = st.lists(
    st.text("abcdefghijklmnopqrstuvwxyzé", min_size=2, max_size=9), min_size=4, max_size=40
)


def _sentence(words: list[str], draw: st.DrawFn) -> str:
    seps = draw(st.lists(st.sampled_from([" ", ", ", " - ", "; ", "\n", "  ", ". "]),
                         min_size=len(words) - 1, max_size=len(words) - 1))
    return words[0] + "".join(s + w for s, w in zip(seps, words[1:], strict=True)) + "."


@st.composite
def cut_spans(draw: st.DrawFn) -> tuple[str, int, int]:
    """A text and a passage of whole words cut from it."""
    words = draw(WORDS)
    text = _sentence(words, draw)
    starts = [i for i in range(len(text)) if text[i].isalnum() and (i == 0 or not text[i - 1].isalnum())]
    ends = [i + 1 for i in range(len(text)) if text[i].isalnum() and (i + 1 == len(text) or not text[i + 1].isalnum())]
    start = draw(st.sampled_from(starts[: max(1, len(starts) - 2)]))
    end = draw(st.sampled_from([e for e in ends if e > start + 10] or [ends[-1]]))
    return text, start, end


def _repunctuate(passage: str, draw: st.DrawFn) -> str:
    """The passage re-cased, with its punctuation and spacing changed."""
    out = []
    for ch in passage:
        if ch.isalnum():
            out.append(ch.upper() if draw(st.booleans()) else ch)
        else:
            out.append(draw(st.sampled_from([" ", "", ",", " ; ", "\n"])))
    return "".join(out)


@FAST
@given(st.data(), cut_spans())
def test_repunctuated_span_aligns_back_to_itself(data: st.DataObject, cut: tuple[str, int, int]) -> None:
    """A span cut from a text, re-punctuated and re-cased, aligns to that very span (or an
    earlier one with the same letters), and the quote recorded is verbatim source text that
    the strict matcher finds at the recorded offsets."""
    text, start, end = cut
    wording = _repunctuate(text[start:end], data.draw)
    if not any(c.isalnum() for c in wording):
        return
    result = Aligner(text).align(wording)
    assert isinstance(result, Alignment)
    quote = result.quote
    found = SourceText(text).find(quote.text, occurrence=quote.occurrence or 1)
    assert found is not None and found.spans == quote.spans
    letters = "".join(c for c in text[start:end] if c.isalnum()).casefold()
    got = "".join(c for s in quote.spans for c in text[s.start:s.end] if c.isalnum()).casefold()
    assert got == letters
    assert quote.spans[0].start <= start


@FAST
@given(st.data(), cut_spans())
def test_small_edits_align_near_the_span(data: st.DataObject, cut: tuple[str, int, int]) -> None:
    """A span with one letter changed (within the tolerance) aligns to a passage overlapping it."""
    text, start, end = cut
    passage = text[start:end]
    letters = [i for i, c in enumerate(passage) if c.isalpha()]
    if len(letters) < 30:
        return
    i = data.draw(st.sampled_from(letters))
    edited = passage[:i] + ("q" if passage[i] != "q" else "z") + passage[i + 1:]
    result = Aligner(text).align(edited)
    assert isinstance(result, Alignment), result
    assert result.how in ("normalised", "edited")
    assert result.quote.spans[0].start < end and result.quote.spans[-1].end > start
    found = SourceText(text).find(result.quote.text, occurrence=result.quote.occurrence or 1)
    assert found is not None and found.spans == result.quote.spans


def test_the_three_steps() -> None:
    """Exact as written; normalised (case, punctuation); edited within the tolerance; else a miss."""
    text = "Mr Holt, 59, entered the water voluntarily. The mystery surrounding his death remains."
    aligner = Aligner(text)
    exact = aligner.align("entered the water")
    assert isinstance(exact, Alignment) and exact.how == "exact" and not exact.tolerant
    normalised = aligner.align("mr holt 59 entered the water")
    assert isinstance(normalised, Alignment) and normalised.how == "normalised"
    assert normalised.quote.text == "Mr Holt, 59, entered the water"
    edited = aligner.align("There is a mystery surrounding his death")
    assert isinstance(edited, Alignment) and edited.how == "edited"
    assert edited.quote.text == "The mystery surrounding his death"
    assert 1 - MAX_EDITS <= edited.similarity < 1
    miss = aligner.align("Voters should elect the incumbent again")
    assert isinstance(miss, Miss)
    assert "reconstruction" in miss.reason


def test_edited_beyond_the_tolerance_says_so() -> None:
    """A passage that is alike but edited too much is a miss that says how alike it is."""
    miss = Aligner("European economies struggle to hold deficits below three percent.").align(
        "European countries struggle to keep their deficits under 3 percent")
    assert isinstance(miss, Miss)
    assert "edited beyond the tolerance" in miss.reason and "74% alike" in miss.reason


def test_matches_stop_at_word_boundaries() -> None:
    """'no' is not found inside 'nobody': the quote would start mid-word."""
    result = Aligner("Nobody came. No, really.").align("no")
    assert isinstance(result, Alignment)
    assert result.quote.spans[0].start == 13
    assert result.quote.occurrence == 2


def test_markup_is_skipped_and_quotes_join_segments() -> None:
    """In an HTML source, tags are ignored and a passage across them is quoted in segments."""
    text = ('Xel: <span class="highlighted" id="node13">Terror attack</span> '
            '<span class="highlighted" id="node18">hillary was secretary\n of state</span>.<br>')
    result = Aligner(text).align("Terror attack, Hillary was secretary of state")
    assert isinstance(result, Alignment)
    assert result.quote.text == "Terror attack ... hillary was secretary\n of state"
    assert "span" not in result.quote.text


def test_best_prefers_exact_then_normalised() -> None:
    """Of several wordings, an exact one wins; then a normalised one over an edited one."""
    aligner = Aligner("Xel : hillary was secretary of state")
    found = aligner.best(["Hillary Clinton was secretary of state", "hillary was secretary of state"])
    assert isinstance(found, Alignment) and found.how == "exact"
    assert found.quote.text == "hillary was secretary of state"


@pytest.mark.parametrize(("start", "end", "occurrence"), [(0, 3, None), (8, 11, 2)])
def test_span_quote_records_the_occurrence(start: int, end: int, occurrence: int | None) -> None:
    """A passage that occurs twice is quoted with the occurrence that finds it there."""
    source = SourceText("Yes. So Yes.")
    source_text = "Yes. So Yes."
    quote = span_quote(source, start, end)
    assert quote is not None and quote.text == source_text[start:end]
    assert quote.occurrence == occurrence
    assert quote.spans == (Span(start, end),)


def test_spans_quote_joins_discontinuous_passages() -> None:
    """Discontinuous brat spans make one quote joined by an ellipsis."""
    source = SourceText("Cats, in my view, are calm.")
    quote = spans_quote(source, [Span(0, 4), Span(18, 26)])
    assert quote is not None and quote.text == "Cats ... are calm"
    assert quote.spans == (Span(0, 4), Span(18, 26))
