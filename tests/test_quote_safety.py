"""Quotes that cannot silently go wrong (issue 13, item 4): a passage found several times is a
warning naming every place, a ``...`` that jumps too far is a warning, ``exclude`` applies
everywhere, a quote not found is told exactly where it parts from the source, and the signs
that only look right get a hint of their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import Severity, SourceText, audit
from argmap.coverage import _CueFilter
from argmap.quotes import MAX_GAP

FERRY = (
    "The ferry should run all year.\n"
    "Winter storms are rare here.\n"
    "Harbour News\n"
    "Tourists come even in January. Winter storms are rare here.\n"
    "Harbour News\n"
    "The harbour has a new breakwater. Winter storms are rare here.\n"
    "Harbour News\n"
)


def _map(tmp_path: Path, nodes: str, *, source: str = FERRY, extra: str = "") -> Path:
    (tmp_path / "s.txt").write_text(source)
    f = tmp_path / "m.yaml"
    f.write_text("source: {id: s, file: s.txt}\nnodes:\n" + nodes + extra)
    return f


def _problems(path: Path, code: str) -> list[argmap.Problem]:
    return [p for p in argmap.check(path) if p.code == code]


def test_a_passage_found_several_times_is_a_warning_naming_every_place(tmp_path: Path) -> None:
    """The first place is taken, and the warning lists each place and how to choose one."""
    f = _map(tmp_path, "  - {id: T, kind: thesis, label: x, quote: 'Winter storms are rare here'}\n")
    (warning,) = _problems(f, "quote-ambiguous")
    assert warning.severity is Severity.WARNING
    assert (warning.line, warning.column) == (3, 44)  # the quote's own place in the map
    assert "occurs 3 times" in warning.message
    assert "line 2:1, line 4:32, line 6:35" in warning.message
    assert "occurrence: N" in (warning.hint or "")
    m = argmap.load(f)  # a warning does not stop loading; the first place is taken
    assert m.nodes[0].quotes[0].spans[0].start == FERRY.index("Winter")


def test_occurrence_or_a_longer_quote_chooses_one_place(tmp_path: Path) -> None:
    """`occurrence: N` picks the N-th place and silences the warning; so does a longer quote."""
    f = _map(tmp_path, "  - {id: T, kind: thesis, label: x, quote: {text: 'Winter storms are rare', occurrence: 2}}\n"
                       "  - {id: a, kind: claim, label: y, quote: 'January. Winter storms are rare'}\n",
             extra="edges:\n  - {from: a, to: T, rel: supports}\n")
    assert argmap.check(f) == []
    m = argmap.load(f)
    second = FERRY.index("Winter", FERRY.index("January"))
    assert m.node("T").quotes[0].spans[0].start == second


def test_an_occurrence_beyond_the_places_is_an_error_that_counts_them(tmp_path: Path) -> None:
    """Asking for a place the passage does not have names how many there are."""
    f = _map(tmp_path, "  - {id: T, kind: thesis, label: x, quote: {text: 'rare here', occurrence: 4}}\n")
    (error,) = _problems(f, "quote-occurrence")
    assert "holds it 3 times" in error.message and error.severity is Severity.ERROR


@pytest.mark.parametrize(("filler", "warned"), [(45, False), (60, True)])
def test_a_long_jump_of_an_ellipsis_is_a_warning(tmp_path: Path, filler: int, warned: bool) -> None:
    """A `...` may skip up to MAX_GAP characters (whitespace not counted); more is a warning."""
    source = "Due to the hostile neighbourhood.\n\n" + "Filler sentence here. " * filler + "\n\noverwhelming threats.\n"
    skipped = len("".join(source[source.index(" hostile") : source.index("overwhelming")].split()))
    assert (skipped > MAX_GAP) is warned
    f = _map(tmp_path, "  - {id: T, kind: thesis, label: x, quote: 'Due to the ... overwhelming threats'}\n",
             source=source)
    gaps = _problems(f, "quote-gap")
    assert len(gaps) == warned
    if warned:
        assert f"skips {skipped:,} characters" in gaps[0].message
        assert gaps[0].severity is Severity.WARNING and gaps[0].line == 3


PHOTO = "(Photo: Harbour Office)"
CAPTIONED = (f"The ferry should run all year. {PHOTO} Winter storms are rare here.\n"
             f"Tourists come even in January. {PHOTO} The harbour has a new breakwater.\n")


def _marked(amap: argmap.ArgumentMap) -> list[tuple[int, int]]:
    return [(p.start, p.end) for p in audit(amap).excluded if "exclude" in p.reason]


def test_exclude_may_jump_any_distance_and_applies_everywhere(tmp_path: Path) -> None:
    """An `exclude` entry sets aside every place its text occurs, and is never a gap warning."""
    f = _map(tmp_path, "  - {id: T, kind: thesis, label: x, quote: 'The ferry should run all year'}\n",
             source=CAPTIONED + "Notes\n" + "A note that runs on. " * 80 + "\nEnd of notes.\n",
             extra=f"exclude:\n  - '{PHOTO}'\n  - 'Notes ... End of notes.'\n")
    assert argmap.check(f) == []  # neither the repeated caption nor the long jump is a warning
    marked = _marked(argmap.load(f))
    first = CAPTIONED.index(PHOTO)
    second = CAPTIONED.index(PHOTO, first + 1)
    assert (first, first + len(PHOTO)) in marked
    assert (second, second + len(PHOTO)) in marked  # every place, not only the first


def test_exclude_with_an_occurrence_sets_aside_that_place_only(tmp_path: Path) -> None:
    """`occurrence` on an exclude entry names the one place meant."""
    f = _map(tmp_path, "  - {id: T, kind: thesis, label: x, quote: 'The ferry should run all year'}\n",
             source=CAPTIONED, extra=f"exclude:\n  - {{text: '{PHOTO}', occurrence: 2}}\n")
    second = CAPTIONED.index(PHOTO, CAPTIONED.index(PHOTO) + 1)
    assert _marked(argmap.load(f)) == [(second, second + len(PHOTO))]


def test_coverage_leaves_out_every_excluded_place(tmp_path: Path) -> None:
    """The audit's argumentative characters shrink by both captions, not one."""
    node = "  - {id: T, kind: thesis, label: x, quote: 'The ferry should run all year'}\n"
    plain = audit(argmap.load(_map(tmp_path, node, source=CAPTIONED)))
    excluded = audit(argmap.load(_map(tmp_path, node, source=CAPTIONED, extra=f"exclude: '{PHOTO}'\n")))
    assert plain.argument_chars - excluded.argument_chars == 2 * len("".join(PHOTO.split()))


# --- quotes not found -------------------------------------------------------------------------

FLOOD = ("The river rose quickly, and by morning the lower fields of the valley were entirely under "
         "water and the farmers had to move their animals to the hills.\n")


def test_a_dropped_comma_is_pointed_at_exactly() -> None:
    """The closest passage starts where the quote starts; the first difference is the comma
    (../shared/cases/C05-quote-hint-misaligned, with a fixture of our own)."""
    hint = SourceText(FLOOD).closest("The river rose quickly and by morning the lower fields of the valley")
    assert hint is not None
    assert (hint.line, hint.column) == (1, 1)
    assert hint.passage.startswith("The river rose quickly, and by morning")
    assert (hint.diff_line, hint.diff_column) == (1, FLOOD.index(",") + 1)
    assert "','" in hint.what and "leaves out" in hint.what
    assert hint.caret is not None and hint.source_part[hint.caret] == ","
    assert "quickly and" in hint.quote_part and "quickly, and" in hint.source_part
    shown = str(hint).splitlines()
    caret_line, source_line = shown[-1], shown[-2]
    assert source_line[caret_line.index("^")] == ","


def test_a_changed_letter_is_pointed_at_exactly() -> None:
    """A substitution names both characters and points at the source's."""
    hint = SourceText(FLOOD).closest("the farmers had to mave their animals")
    assert hint is not None
    assert hint.what == "the quote has 'a' where the source has 'o'"
    assert FLOOD[FLOOD.index("move") + 1] == "o"
    assert hint.diff_column == FLOOD.index("move") + 2
    assert hint.suggestion is None


PAGES = (
    "Security of the country became the utmost priority.\n6\n Due to the hostile neighbourhood,\n"
    "it looked abroad. The relations were tense and the\n"
    "Pakistan Horizon, Vol. 62\n"
    "border remained closed for years.\n"
)


@pytest.mark.parametrize(
    ("quote", "furniture", "suggestion"),
    [
        ("the utmost priority. Due to the hostile", "a footnote number", "the utmost priority. ... Due to the hostile"),
        ("were tense and the border remained closed", "whole lines", "were tense and the ... border remained closed"),
    ],
    ids=["footnote-number", "running-header"],
)
def test_skipping_a_footnote_or_a_header_suggests_an_ellipsis(quote: str, furniture: str, suggestion: str) -> None:
    """Where the quote leaves out a footnote number or whole lines, the hint shows the `...`."""
    hint = SourceText(PAGES).closest(quote)
    assert hint is not None
    assert furniture in hint.what
    assert hint.suggestion == suggestion
    assert SourceText(PAGES).find(suggestion) is not None  # the suggestion is a quote that works
    assert "skip it with ..." in str(hint)


def test_a_dropped_comma_suggests_no_ellipsis() -> None:
    """Punctuation the quote leaves out is a typo to fix, not furniture to skip."""
    hint = SourceText(FLOOD).closest("The river rose quickly and by morning")
    assert hint is not None and hint.suggestion is None


def test_the_message_of_a_quote_not_found_shows_the_difference(tmp_path: Path) -> None:
    """`argmap validate` prints the passage, the located difference and the caret."""
    f = _map(tmp_path, "  - {id: T, kind: thesis, label: x, quote: 'The river rose quickly and by morning'}\n",
             source=FLOOD)
    (problem,) = _problems(f, "quote-not-found")
    text = str(problem)
    assert "closest passage (source line 1, column 1)" in text
    assert "first difference (source line 1, column 23)" in text
    assert text.rstrip().endswith("^")


# --- signs that only look right ----------------------------------------------------------------

EDGE_MAP = """source: {{id: s, file: s.txt}}
nodes:
  - {{id: a, kind: thesis, label: x, quote: q}}
  - {{id: b, kind: factor, label: y, quote: q}}
edges:
{edge}"""


@pytest.mark.parametrize(
    ("edge", "line", "column"),
    [("  - from: b\n    to: a\n    rel: causes\n    sign: -\n", 9, 11),
     ("  - {from: b, to: a, rel: causes, sign: - }\n", 6, 41)],
    ids=["block", "flow"],
)
def test_an_unquoted_minus_gets_a_hint(edge: str, line: int, column: int) -> None:
    """`sign: -` unquoted is a YAML list marker: the error says to quote it."""
    with pytest.raises(argmap.LoadError) as info:
        argmap.loads(EDGE_MAP.format(edge=edge), path="m.yaml")
    problem = info.value.problems[0]
    assert (problem.line, problem.column) == (line, column)
    assert 'sign: "-"' in (problem.hint or "")


@pytest.mark.parametrize(
    ("sign", "name"),
    [("\u2212", "minus sign"), ("\u2013", "en dash"), ("\u2014", "em dash"), ("\uff0b", "fullwidth plus sign")],
)
def test_a_sign_that_only_looks_like_plus_or_minus_is_named(sign: str, name: str) -> None:
    """A Unicode minus or a dash looks like `-`: the hint names the character and its code."""
    edge = f'  - {{from: b, to: a, rel: causes, sign: "{sign}"}}\n'
    with pytest.raises(argmap.LoadError) as info:
        argmap.loads(EDGE_MAP.format(edge=edge), path="m.yaml")
    (problem,) = info.value.problems
    assert name in (problem.hint or "") and f"U+{ord(sign):04X}" in (problem.hint or "")
    assert (problem.line, problem.column) == (6, 41)


# --- the cue pre-check of the audit ---------------------------------------------------------------

CUE_WORDS = ["India", "INDIA", "\u0130ndia", "\u0131ndia", "Ru\u017fsia", "\u212aashmir", "kashmir", "US", "us",
             "trade", "Trade-off", "TRADE", "sanctions", "caf\u00e9", "CAF\u00c9", "\u00df", "SS", " ", ".", "\n"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(CUE_WORDS), min_size=1, max_size=30),
       st.lists(st.sampled_from(["india", "Russia", "Kashmir", "US", "trade", "caf\u00e9", "ss", "\u00df"]),
                min_size=1, max_size=4, unique=True))
def test_the_cue_pre_check_never_hides_a_match(words: list[str], cues: list[str]) -> None:
    """The audit finds the same unlinked concepts with its search for cues (str.find where
    it can) as by each cue's regular expression alone."""
    from argmap.segmentation import cue_pattern

    text = " ".join(words) + " filler sentence for the audit to count."
    vocabulary = argmap.Vocabulary([argmap.Concept(f"c{i}", "factor", f"C{i}", cues=(cue,))
                                    for i, cue in enumerate(cues)])
    amap = argmap.ArgumentMap(argmap.Source("s", "s.txt"), [])
    with_check = audit(amap, vocabulary, text=text).unlinked_concepts
    original = _CueFilter.starts
    try:
        _CueFilter.starts = lambda self, cue: [  # type: ignore[method-assign]
            m.start() for m in cue_pattern(cue).finditer(self.text)]
        without = audit(amap, vocabulary, text=text).unlinked_concepts
    finally:
        _CueFilter.starts = original  # type: ignore[method-assign]
    assert with_check == without


def test_every_furniture_ellipsis_of_the_seed_maps_is_suggested_back() -> None:
    """Take each `...` of the seed maps that skips a footnote number or lines of page furniture
    out of its quote: the hint for the quote without it suggests a `...` that is found again."""
    from argmap.quotes import read_source

    checked = 0
    for path in sorted(Path(__file__).resolve().parent.parent.glob("maps/0*.yaml")):
        amap = argmap.load(path)
        source = SourceText(read_source(amap))
        for node in amap.nodes:
            for q in node.quotes:
                if len(q.spans) != 2:
                    continue
                skipped = source.text[q.spans[0].end : q.spans[1].start]
                if not skipped.strip() or ("\n" not in skipped.strip(" ") and not skipped.strip().isdigit()):
                    continue  # only a paragraph break, or an elision in running text
                hint = source.closest(q.text.replace("...", " ").replace("…", " "))
                assert hint is not None and hint.suggestion is not None, (node.id, str(hint))
                assert source.find(hint.suggestion) is not None, (node.id, hint.suggestion)
                checked += 1
    assert checked >= 8


NODE_LINES = "source:\n  id: s\n  file: s.txt\nnodes:\n  - id: a\n    kind: thesis\n{line}\n"


@pytest.mark.parametrize(
    ("line", "hint"),
    [("      label: over indented", "starts in column 7, the key above it in column 5"),
     ("   label: under indented", "starts in column 4, the key above it in column 5"),
     ("  label: under indented", "starts in column 3, the key above it in column 5"),
     ("    label: Cause: effect", "must be quoted")],
    ids=["over", "under", "under-more", "colon"],
)
def test_a_misindented_key_gets_an_indentation_hint(line: str, hint: str) -> None:
    """A key indented unlike the keys above it is told so (with both columns), not told to
    quote a value; a ': ' inside a value still gets the quoting hint."""
    with pytest.raises(argmap.LoadError) as info:
        argmap.loads(NODE_LINES.format(line=line), path="m.yaml")
    problem = info.value.problems[0]
    assert problem.line == 7 and hint in (problem.hint or "")


@given(st.sampled_from(["move", "moved", "mover"]), st.sampled_from(["mave", "moove", "mov"]),
       st.integers(min_value=0, max_value=40))
def test_the_caret_points_at_the_difference_in_both_lines(word: str, typo: str, lead: int) -> None:
    """The quote and source lines of a hint are padded so that the caret marks the first
    difference in each, wherever the shown context starts."""
    from argmap._hints import closest

    source = SourceText(f"{'x ' * lead}and the farmers had to {word} their animals to the hills before dawn.")
    hint = closest(source, f"the farmers had to {typo} their animals to the hills")
    assert hint is not None and hint.caret is not None
    column = hint.caret

    def squeezed(part: str) -> str:  # matching ignores spaces, and so does the caret
        return part.replace(" ", "")

    before_q, before_s = squeezed(hint.quote_part[:column]), squeezed(hint.source_part[:column])
    assert before_q and (before_s.endswith(before_q) or before_q.endswith(before_s))
    assert squeezed(hint.quote_part[column:])[:1] != squeezed(hint.source_part[column:])[:1]
