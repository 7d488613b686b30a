"""The fast canonical form (issue 15) gives exactly what the straightforward one gave.

The reference implementations below are the code as it stood before canonicalisation was
made loop-free: a ``str.translate`` fold, a regex over runs of kept characters extended
into a per-character offset list, and the quote search built on that list. Each property
compares the new code with them on texts dense in what matters (whitespace of every kind,
invisible characters, hyphens at line ends, typographic quotes, the stand-in for a soft
hyphen itself).
"""

from __future__ import annotations

import bisect
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import SourceText, Span
from argmap._canon import canonical, split_segments
from argmap._text import _invisible, visible
from argmap.quotes import Match

# --- the reference implementation (the code before) -----------------------------------------

_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
                       "\u201c": '"', "\u201d": '"', "\u201f": '"', "\u2033": '"',
                       "\u00a0": " "})
_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
_SOFT = "\x00"
_KEPT = re.compile("[^\\s" + "".join(sorted(_INVISIBLE)) + "]+")
_LINE_END_HYPHEN = re.compile(r"-(?=[ \t\r]*\n)")


def reference_canonical(text: str, *, source: bool = False) -> tuple[str, list[int]]:
    folded = text.translate(_FOLD)
    if source:
        folded = _LINE_END_HYPHEN.sub(_SOFT, folded)
    parts: list[str] = []
    index: list[int] = []
    for run in _KEPT.finditer(folded):
        parts.append(run.group())
        index.extend(range(run.start(), run.end()))
    return "".join(parts), index


def reference_find(text: str, quote: str, start: int = 0) -> Match | None:
    canon, index = reference_canonical(text, source=True)
    kept = canon.replace(_SOFT, "-")
    keep = [i for i, ch in enumerate(canon) if ch != _SOFT]
    dropped = (canon.replace(_SOFT, ""), [index[i] for i in keep])
    segments = [reference_canonical(s)[0] for s in split_segments(quote)]
    if not segments or not all(segments):
        return None
    begin = bisect.bisect_left(index, start)
    for txt, idx in ((kept, index), dropped):
        spans, pos = [], bisect.bisect_left(idx, start)
        for seg in segments:
            at = txt.find(seg, pos)
            if at < 0:
                break
            spans.append(Span(idx[at], idx[at + len(seg) - 1] + 1))
            pos = at + len(seg)
        else:
            return Match(tuple(spans))
    soft = re.escape(_SOFT)
    patterns = ["(" + f"{soft}?".join(f"[-{soft}]" if ch == "-" else re.escape(ch) for ch in seg) + ")"
                for seg in segments]
    found = re.compile(".*?".join(patterns), flags=re.DOTALL).search(canon, begin)
    if found is None:
        return None
    return Match(tuple(Span(index[found.start(g)], index[found.end(g) - 1] + 1)
                       for g in range(1, len(segments) + 1)))


# --- strategies ----------------------------------------------------------------------------------

#: Whitespace of every kind Python knows, the invisible characters, curly quotes, hyphens.
LAYOUT = (" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000"
          "\u00ad\u200b\u200c\u200d\u2060\ufeff\u2018\u2019\u201b\u2032\u201c\u201d\u201f\u2033"
          "-\x00.…")
chars = st.one_of(st.sampled_from(LAYOUT), st.sampled_from("ab-"), st.characters(exclude_categories=("Cs",)))
layout_texts = st.text(chars, max_size=80)
hyphenated = st.lists(st.sampled_from(["ab", "a-", "-", "\n", " ", "b-\n", "-\n\n", "ba", "…", "..."]),
                      max_size=30).map("".join)


@settings(max_examples=400)
@given(st.one_of(layout_texts, hyphenated), st.booleans())
def test_canonical_form_is_the_reference(text: str, source: bool) -> None:
    """The canonical text and every offset are those of the per-character reference."""
    assert canonical(text, source=source) == reference_canonical(text, source=source)


@settings(max_examples=200)
@given(st.one_of(layout_texts, hyphenated))
def test_source_text_matches_the_reference(text: str) -> None:
    """A SourceText holds the reference's canonical form; its offsets index alike."""
    src = SourceText(text)
    canon, index = reference_canonical(text, source=True)
    assert src.canonical == canon
    assert src.index == index
    assert [src.offsets[i] for i in range(len(index))] == index
    for offset in range(len(text) + 1):
        assert src.offsets.at_or_after(offset) == bisect.bisect_left(index, offset)


@settings(max_examples=300)
@given(hyphenated, hyphenated, st.integers(0, 20))
def test_find_is_the_reference(text: str, quote: str, start: int) -> None:
    """Quote look-ups give the reference's spans, or miss where it misses."""
    assert SourceText(text).find(quote, start=start) == reference_find(text, quote, start)


@settings(max_examples=200)
@given(st.lists(st.sampled_from(["inborn-\n", "insecure", " ", "\n", "state", "-", "\u00ad"]), max_size=20),
       st.data())
def test_find_of_a_piece_of_the_text_is_the_reference(parts: list[str], data: st.DataObject) -> None:
    """Pieces of the text itself, with and without its hyphens, are found where the reference
    finds them."""
    text = "".join(parts)
    i = data.draw(st.integers(0, len(text)))
    j = data.draw(st.integers(i, len(text)))
    for quote in (text[i:j], text[i:j].replace("-", ""), text[i:j].replace("\n", " ")):
        assert SourceText(text).find(quote) == reference_find(text, quote)


def test_long_texts_share_one_source_text() -> None:
    """Equal long texts share one SourceText (one canonical form per text per run); short
    ones, such as a quote's segments, are made anew."""
    long_text = "word " * 1000
    assert SourceText(long_text) is SourceText("".join(["word "] * 1000))
    assert SourceText("short text") is not SourceText("short text")


def _reference_visible(text: str) -> str:
    return "".join(f"[U+{ord(ch):04X}]" if _invisible(ch) else ch for ch in text)


@settings(max_examples=400)
@given(st.one_of(layout_texts, st.text(st.sampled_from("ab \n\t\r\u200b\u202e\x07\u00a0"))))
def test_visible_is_the_character_by_character_form(text: str) -> None:
    """visible() keeps its fast path for text with line breaks, and gives the same text."""
    assert visible(text) == _reference_visible(text)


def test_a_source_text_survives_pickling() -> None:
    """SourceText is made from its text, so pickle and copy work (a cache of loaded maps may
    keep one)."""
    import copy
    import pickle

    long_text = "inborn-\ninsecure state " * 200
    for text in (long_text, "short one"):
        again = pickle.loads(pickle.dumps(SourceText(text)))
        assert (again.canonical, again.index) == reference_canonical(text, source=True)
        assert copy.deepcopy(SourceText(text)).find("inborninsecure") == SourceText(text).find("inborninsecure")
