"""The coverage audit on a small hand-made source, where every figure is known."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import argmap
from argmap import audit, coverage, segmentation
from argmap.cli import main

SOURCE = """A Study Of Ties

The first sentence argues something important. The second sentence is never quoted here.
The third sentence mentions the IMF and a coup.

Pak-Russia Relations

Another sentence that is quoted in part by the map.

References
Smith, J. (2001). A book nobody quotes. http://example.org/book
"""

MAP = """source: {id: s, file: source.txt}
nodes:
  - {id: T, kind: thesis, label: x, quote: "The first sentence argues something important."}
  - {id: a, kind: claim, label: y, quote: "quoted in part"}
  - {id: c, kind: factor, label: z, concept: domestic-instability, quote: "and a coup"}
edges:
  - {from: a, to: T, rel: supports}
  - {from: c, to: T, rel: supports}
"""

VOCAB = """concepts:
  - {id: imf-dependence, kind: factor, label: IMF, cues: [IMF]}
  - {id: domestic-instability, kind: factor, label: Instability, cues: [coup]}
  - {id: us-dependence, kind: factor, label: US, cues: [US]}
"""


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "source.txt").write_text(SOURCE)
    (tmp_path / "m.yaml").write_text(MAP)
    (tmp_path / "concepts.yaml").write_text(VOCAB)
    return tmp_path


def _chars(s: str) -> int:
    return sum(1 for c in s if not c.isspace())


def test_figures(files: Path) -> None:
    """Sentence counts, character shares and uncovered passages are exact on a known text."""
    m = argmap.load(files / "m.yaml")
    result = audit(m, argmap.load_vocabulary(files / "concepts.yaml"))
    s1 = "The first sentence argues something important."
    s2 = "The second sentence is never quoted here."
    s3 = "The third sentence mentions the IMF and a coup."
    s4 = "Another sentence that is quoted in part by the map."
    assert result.sentences == 4
    assert result.covered_sentences == 3
    assert result.argument_chars == sum(map(_chars, (s1, s2, s3, s4)))
    assert result.covered_chars == sum(map(_chars, (s1, s3, s4)))
    assert result.quoted_chars == _chars(s1) + _chars("quoted in part") + _chars("and a coup")
    (missing,) = result.uncovered
    assert missing.text == s2 and missing.line == 3
    assert result.coverage == pytest.approx(result.covered_chars / result.argument_chars)


def test_boilerplate_set_aside(files: Path) -> None:
    """Headings, the reference section and its URL are not counted as argument."""
    result = audit(argmap.load(files / "m.yaml"))
    reasons = {p.reason for p in result.excluded}
    assert "'References' section" in reasons
    assert "heading" in reasons
    assert all("nobody quotes" not in p.text for p in result.uncovered)


def test_unlinked_concepts_are_prompts(files: Path) -> None:
    """A concept whose cue occurs but is unlinked is listed; linked or absent ones are not."""
    result = audit(argmap.load(files / "m.yaml"), argmap.load_vocabulary(files / "concepts.yaml"))
    assert [(c.concept, c.count, c.line) for c in result.unlinked_concepts] == [("imf-dependence", 1, 4)]


def test_a_broader_concept_is_linked_through_a_narrower_one(files: Path) -> None:
    """The map links a narrower concept; its broader concept, whose cue also occurs, is not a
    prompt (it is invoked through the narrower one), while an unrelated concept still is."""
    vocab = VOCAB.replace("label: Instability, cues: [coup]}", "label: Instability, cues: [coup], broader: unrest}")
    (files / "concepts.yaml").write_text(vocab + "  - {id: unrest, kind: factor, label: Unrest, cues: [third]}\n")
    result = audit(argmap.load(files / "m.yaml"), argmap.load_vocabulary(files / "concepts.yaml"))
    assert [c.concept for c in result.unlinked_concepts] == ["imf-dependence"]


def test_exclude_marks_passages(files: Path) -> None:
    """Passages the map marks with `exclude` leave the denominator."""
    (files / "m.yaml").write_text(MAP.replace("nodes:", 'exclude: ["The second sentence ... quoted here."]\nnodes:'))
    result = audit(argmap.load(files / "m.yaml"))
    assert result.sentences == 3 and result.uncovered == ()
    assert result.coverage == 1.0


def test_cli_audit(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`argmap audit` prints the coverage; --min-coverage fails a thin map."""
    assert main(["audit", str(files / "m.yaml")]) == 0
    out = capsys.readouterr().out
    assert "coverage:" in out and "line 3: The second sentence" in out and "imf-dependence" in out
    assert main(["audit", "--min-coverage", "0.99", str(files / "m.yaml")]) == 1
    assert main(["audit", "--format", "json", str(files / "m.yaml")]) == 0
    assert '"covered_sentences": 3' in capsys.readouterr().out


def test_passages_stop_at_paragraphs_and_a_title_question_is_set_aside(tmp_path: Path) -> None:
    """A title-cased question heading the text is not argument (a sentence-cased question is);
    uncovered sentences are joined into one passage only within a paragraph; one passage set
    aside is "1 passage"."""
    text = ("Should Cities Ban Cars from Their Centres?\n\nCities are loud every night. Streets are full of cars.\n\n"
            "Should we wait for cleaner cars?\n\nBuses must improve first.\n")
    (tmp_path / "t.txt").write_text(text)
    (tmp_path / "m.yaml").write_text('source: {id: t, file: t.txt}\nnodes:\n'
                                     '  - {id: T, kind: thesis, label: x, quote: "Buses must improve first."}\n'
                                     'edges: []\n')
    result = audit(argmap.load(tmp_path / "m.yaml"))
    assert [p.reason for p in result.excluded] == ["heading"]
    assert [p.text for p in result.uncovered] == ["Cities are loud every night. Streets are full of cars.",
                                                  "Should we wait for cleaner cars?"]
    assert "characters in 1 passage\n" in result.to_text()


def test_headings_stack_but_list_items_do_not() -> None:
    """A short capitalised line in a paragraph of its own below a heading paragraph is a
    heading too (a site name, a column, a title); lines of a list inside one paragraph,
    after a heading, are not all headings."""
    from argmap.segmentation import boilerplate

    text = ("The Daily Site\n\nRecent Features\n\nThe Column | Diplomacy | Asia\n\n"
            "The visit changed the tone of the relationship.\n\nReasons\nCheap energy\nNew routes\n")
    headings = [text[a:b].strip() for a, b, why in boilerplate(text) if why == "heading"]
    assert headings == ["The Daily Site", "Recent Features", "The Column | Diplomacy | Asia", "Reasons"]


# --- the counts against a reading character by character -----------------------------------------


_Counts = tuple[int, int, int, int, int, int, list[tuple[int, int]]]


def _tally_by_character(text: str, set_aside: list[tuple[int, int]], quote_spans: list[tuple[int, int]]) -> _Counts:
    """The reference for the audit's counts: every character looked at in turn."""
    n = len(text)

    def inside(spans: list[tuple[int, int]], i: int) -> bool:
        return any(max(0, min(a, n)) <= i < max(0, min(b, n)) for a, b in spans)

    is_arg = [not ch.isspace() and not inside(set_aside, i) for i, ch in enumerate(text)]
    quoted = [inside(quote_spans, i) for i in range(n)]
    sentences = covered_sentences = arg_total = covered = quoted_total = 0
    uncovered: list[tuple[int, int]] = []
    for a, b in coverage._sentence_spans(text):
        size = sum(is_arg[a:b])
        if size < 15:
            continue
        sentences += 1
        arg_total += size
        quoted_total += sum(1 for i in range(a, b) if is_arg[i] and quoted[i])
        if any(quoted[a:b]):
            covered_sentences += 1
            covered += size
            continue
        start = next(i for i in range(a, b) if is_arg[i])
        if (uncovered and not any(is_arg[uncovered[-1][1]:start])
                and re.search(r"\n[^\S\n]*\n", text[uncovered[-1][1]:start]) is None):
            uncovered[-1] = (uncovered[-1][0], b)
        else:
            uncovered.append((start, b))
    total = sum(1 for ch in text if not ch.isspace())
    return total, arg_total, covered, quoted_total, sentences, covered_sentences, uncovered


_SPAN = st.tuples(st.integers(-3, 210), st.integers(-3, 210))
_WORDS = st.lists(st.text(alphabet="abcd", min_size=1, max_size=7), min_size=1, max_size=6)
_SENTENCE = st.builds(lambda words, spaces, end: "".join(w + s for w, s in zip(words, spaces, strict=False)) + end,
                      _WORDS,
                      st.lists(st.sampled_from([" ", " ", "\u00a0", "\u2003", "\t", "\n"]), min_size=6, max_size=6),
                      st.sampled_from([".", "!", "?", ".\u201d", "", "..."]))
_TEXT = st.lists(st.tuples(_SENTENCE, st.sampled_from([" ", "  ", "\n", "\n\n", "\n \n"])), max_size=8).map(
    lambda parts: "".join(sentence + gap for sentence, gap in parts))


@given(text=_TEXT,
       set_aside=st.lists(_SPAN, max_size=3), quote_spans=st.lists(_SPAN, max_size=4))
def test_tally_equals_a_reading_by_character(text: str, set_aside: list[tuple[int, int]],
                                              quote_spans: list[tuple[int, int]]) -> None:
    """The audit's counts, made from byte masks counted in C, equal those of a reading that
    looks at each character: sentences, characters that are argument, covered and quoted, and
    the uncovered passages merged within a paragraph."""
    t = coverage._tally(text, set_aside, quote_spans)
    got = (t.total_chars, t.argument_chars, t.covered_chars, t.quoted_chars, t.sentences,
           t.covered_sentences, t.uncovered)
    assert got == _tally_by_character(text, set_aside, quote_spans)


_CUE_ALPHABET = "abAB1 -.\u0130\u0131\u017f\u212aKsS\u00e9\u00c9_\n"


# Text for the cue search: letters re folds to ASCII (dotted and dotless i, long s, Kelvin
# sign), a sigma that lower-cases by context, letters and digits beyond ASCII (word
# characters), marks and spaces that are not, and the underscore.
_FIND_ALPHABET = "abiksAIKS1_ -.'\n\u0130\u0131\u017f\u212a\u00e9\u00c9\u00df\u03a3\u03c3\u0663\u00b2\u0301\u00a0"


@given(cue=st.text(alphabet=_FIND_ALPHABET, max_size=5)
       | st.sampled_from(["US", "U.S.", "Kiss", "ai", "\u00c9T\u00c9", "_a"]),
       pieces=st.lists(st.text(alphabet=_FIND_ALPHABET, max_size=6), max_size=8))
@example(cue="a a", pieces=["", " a"])  # "a a a": the second "a a" overlaps the first, which finditer skips
@example(cue="US", pieces=["us ", " _US"])
@settings(max_examples=300)
def test_the_audit_finds_each_cue_where_its_pattern_does(cue: str, pieces: list[str]) -> None:
    """The audit looks for an ASCII cue with str.find in the folded, lower-cased text, and
    finds it at exactly the offsets cue_pattern's finditer gives (acronyms in capitals, any
    other cue in any case, whole words, one after another); other cues take the pattern."""
    text = cue.join(pieces) if len(pieces) > 1 else "".join(pieces) + cue
    assert coverage._CueFilter(text).starts(cue) == [m.start() for m in segmentation.cue_pattern(cue).finditer(text)]


def test_cue_search_folds_every_character_as_re_does() -> None:
    """Over every character: lower-casing with the look-alike letters folded keeps each
    character one character, and gives an ASCII character exactly where a case-insensitive
    ``re`` matches that character; the word characters are those of ``re``'s ``\\w``."""
    import sys

    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    lowered = coverage._CueFilter(everything)._folded()
    assert len(lowered) == len(everything)
    for ascii_char in map(chr, range(32, 127)):
        by_re = [m.start() for m in re.finditer(re.escape(ascii_char), everything, re.IGNORECASE | re.DOTALL)]
        found, at = [], lowered.find(ascii_char.lower())
        while at >= 0:
            found.append(at)
            at = lowered.find(ascii_char.lower(), at + 1)
        assert found == by_re, ascii_char
    words = [m.start() for m in re.finditer(r"\w", everything)]
    assert words == [i for i, ch in enumerate(everything) if coverage._is_word(ch)]


@given(cue=st.text(alphabet=_CUE_ALPHABET, min_size=1, max_size=5),
       pieces=st.lists(st.text(alphabet=_CUE_ALPHABET, max_size=4), max_size=6))
def test_a_cue_is_found_where_a_whole_word_match_finds_it(cue: str, pieces: list[str]) -> None:
    """The cue pattern (the cue first, the check for a letter before it after) finds the
    spans a pattern starting with that check finds: whole words only, acronyms in capitals
    only, any case otherwise, letters re folds to ASCII included."""
    text = cue.join(pieces) if len(pieces) > 1 else "".join(pieces) + cue
    flags = 0 if cue.isupper() else re.IGNORECASE
    reference = re.compile(rf"(?<!\w){re.escape(cue)}(?!\w)", flags)
    assert [m.span() for m in segmentation.cue_pattern(cue).finditer(text)] == [
        m.span() for m in reference.finditer(text)]
