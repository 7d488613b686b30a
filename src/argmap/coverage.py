"""Coverage audit: how much of a source text a map's quotes account for.

The audit splits the source into sentences, sets aside what is not argument (passages the map
marks with ``exclude``, reference and notes sections, footnote apparatus, URLs, running page
headers, headings) and reports the sentences no quote touches, the share of argumentative
text covered, and vocabulary concepts whose cue terms occur in the text but that the map does
not link: prompts for the encoder to check, not errors.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from argmap.concepts import Vocabulary
from argmap.model import ArgumentMap
from argmap.quotes import SourceText, excluded_spans, read_source
from argmap.segmentation import boilerplate, cue_pattern, line_spans

__all__ = ["Audit", "CueHit", "Passage", "audit"]

#: A blank line: uncovered sentences are joined into one passage only within a paragraph.
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
_FLIP = bytes.maketrans(b"\x00\x01", b"\x01\x00")  # a 0/1 mask turned over
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"”’')\]]*|$)")


@attrs.frozen
class Passage:
    """A stretch of the source: offsets, its first line, a one-line excerpt, and why it is listed."""

    start: int
    end: int
    line: int
    text: str
    reason: str = ""


@attrs.frozen
class CueHit:
    """A concept the map does not link although its cue terms occur in the argument."""

    concept: str
    cues: tuple[str, ...]
    count: int
    line: int


@attrs.frozen
class Audit:
    """The coverage figures for one map against its source text."""

    map_id: str
    source_file: str
    total_chars: int
    argument_chars: int
    covered_chars: int
    quoted_chars: int
    sentences: int
    covered_sentences: int
    uncovered: tuple[Passage, ...]
    excluded: tuple[Passage, ...]
    unlinked_concepts: tuple[CueHit, ...]

    def __repr__(self) -> str:
        return (f"<Audit {self.map_id}: coverage {self.coverage:.1%}, quoted {self.quoted:.1%}, "
                f"{len(self.uncovered)} uncovered passages>")

    @property
    def coverage(self) -> float:
        """Share of argumentative text (by characters) in sentences that some quote touches."""
        return self.covered_chars / self.argument_chars if self.argument_chars else 1.0

    @property
    def quoted(self) -> float:
        """Share of argumentative characters lying inside a quote."""
        return self.quoted_chars / self.argument_chars if self.argument_chars else 1.0

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {
            "map": self.map_id, "source": self.source_file,
            "coverage": round(self.coverage, 4), "quoted": round(self.quoted, 4),
            "sentences": self.sentences, "covered_sentences": self.covered_sentences,
            "chars": {"total": self.total_chars, "argument": self.argument_chars,
                      "covered": self.covered_chars, "quoted": self.quoted_chars},
            "uncovered": [attrs.asdict(p) for p in self.uncovered],
            "excluded": [attrs.asdict(p) for p in self.excluded],
            "unlinked_concepts": [attrs.asdict(c) for c in self.unlinked_concepts],
        }

    def to_text(self, *, limit: int = 0) -> str:
        """A readable report; ``limit`` > 0 shortens the list of uncovered passages."""
        lines = [
            f"{self.map_id} ({self.source_file})",
            f"  coverage: {self.coverage:.1%} of argumentative text in sentences a quote touches "
            f"({self.covered_sentences}/{self.sentences} sentences); {self.quoted:.1%} quoted verbatim",
            f"  set aside as not argument: {self.total_chars - self.argument_chars} of "
            f"{self.total_chars} characters in {len(self.excluded)} passage{'s' * (len(self.excluded) != 1)}",
        ]
        shown = self.uncovered[:limit] if limit > 0 else self.uncovered
        if self.uncovered:
            lines.append(f"  passages no quote touches ({len(self.uncovered)}):")
            lines.extend(f"    line {p.line}: {p.text}" for p in shown)
            if len(shown) < len(self.uncovered):
                lines.append(f"    ... and {len(self.uncovered) - len(shown)} more (use --all)")
        if self.unlinked_concepts:
            lines.append("  concepts whose cue terms occur but that the map does not link (check):")
            lines.extend(f"    {c.concept}: {', '.join(c.cues)} ({c.count}x, first on line {c.line})"
                         for c in self.unlinked_concepts)
        return "\n".join(lines)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Each sentence's span, paragraph by paragraph: a sentence never runs across a blank line
    (a heading without a full stop would otherwise swallow the sentence after it)."""
    out: list[tuple[int, int]] = []
    start = 0
    for end in [m.start() for m in _PARAGRAPH_BREAK.finditer(text)] + [len(text)]:
        out += [m.span() for m in _SENTENCE.finditer(text, start, end) if m.end() > m.start()]
        start = end
    return out


def _mask(length: int, spans: list[tuple[int, int]]) -> bytearray:
    mask = bytearray(length)
    for a, b in spans:  # offsets past the end (a map anchored in another text) are clipped
        a, b = max(0, min(a, length)), max(0, min(b, length))
        mask[a:b] = b"\x01" * max(0, b - a)
    return mask


@attrs.frozen
class _Tally:
    """The counts behind an :class:`Audit`, in characters that are not whitespace, and the
    uncovered passages as (start, end) offsets: consecutive uncovered sentences of one
    paragraph with nothing argumentative between them make one passage."""

    total_chars: int
    argument_chars: int
    covered_chars: int
    quoted_chars: int
    sentences: int
    covered_sentences: int
    uncovered: list[tuple[int, int]]


def _tally(text: str, set_aside: list[tuple[int, int]], quote_spans: list[tuple[int, int]]) -> _Tally:
    """Count ``text``'s sentences and characters against the passages set aside as not
    argument and the quotes' spans (offsets past the end are clipped). Sentences of fewer than
    15 argumentative characters are fragments and not counted.

    Each count comes from byte masks (1: the character counts) counted in C over a sentence's
    slice (``bytearray.count``, ``.find``): no loop over characters in Python (the one mask
    that needs each character, whitespace, is ``map(str.isspace, ...)``, a loop in C)."""
    n = len(text)
    zeros = memoryview(bytes(n))
    non_space = bytes(map(str.isspace, text)).translate(_FLIP)
    is_arg = bytearray(non_space)
    for a, b in set_aside:
        a, b = max(0, min(a, n)), max(0, min(b, n))
        is_arg[a:b] = zeros[:max(0, b - a)]
    quoted_mask = _mask(n, quote_spans)
    quoted_arg = (int.from_bytes(is_arg) & int.from_bytes(quoted_mask)).to_bytes(n)

    sentences = covered_sentences = arg_total = covered = quoted = 0
    uncovered: list[tuple[int, int]] = []
    for a, b in _sentence_spans(text):
        size = is_arg.count(1, a, b)
        if size < 15:  # fragments: stray numbers, initials, leftovers of set-aside lines
            continue
        sentences += 1
        arg_total += size
        quoted += quoted_arg.count(1, a, b)
        if quoted_mask.find(1, a, b) >= 0:
            covered_sentences += 1
            covered += size
            continue
        start = is_arg.find(1, a, b)
        if (uncovered and is_arg.find(1, uncovered[-1][1], start) < 0  # nothing argumentative between
                and _PARAGRAPH_BREAK.search(text, uncovered[-1][1], start) is None):  # and in one paragraph
            uncovered[-1] = (uncovered[-1][0], b)
        else:
            uncovered.append((start, b))
    return _Tally(non_space.count(1), arg_total, covered, quoted, sentences, covered_sentences, uncovered)


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for a, b, why in sorted(spans):
        if out and a <= out[-1][1]:
            pa, pb, pwhy = out[-1]
            out[-1] = (pa, max(pb, b), pwhy if pb - pa >= b - a else why)
        else:
            out.append((a, b, why))
    return out


# The characters outside ASCII that a case-insensitive ``re`` matches to an ASCII letter:
# dotted and dotless i (U+0130, U+0131), the long s (U+017F), the Kelvin sign (U+212A).
_ASCII_LOOKALIKES = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}


class _CueFilter:
    """Where each cue occurs as :func:`argmap.segmentation.cue_pattern` finds it, for one text.

    An ASCII cue (the common case) is looked for with ``str.find`` instead of a regular
    expression, which spares compiling a pattern for each of a vocabulary's cues and scanning
    the text with it: an acronym (``cue.isupper()``) as it is written, any other cue in the
    lower-cased text with the look-alike letters above folded in (for such a cue, a character
    matches a letter of it case-insensitively exactly where this text has that letter; every
    fold keeps each character one character, so offsets stay those of the text). A start is
    kept where no word character (``str.isalnum`` or ``_``, as ``re``'s ``\\w``) stands just
    before it or just after the cue, and the next is looked for after it, as ``finditer``
    does. Other cues go to their regular expression. tests/test_audit.py checks both against
    ``cue_pattern`` on generated texts and every character."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lower: str | None = None

    def _folded(self) -> str:
        if self._lower is None:
            folded = self.text
            for odd, letter in _ASCII_LOOKALIKES.items():
                folded = folded.replace(odd, letter)
            self._lower = folded.lower()
        return self._lower

    def starts(self, cue: str) -> list[int]:
        """The offsets where ``cue_pattern(cue).finditer`` finds ``cue`` in the text."""
        if cue.isupper():
            haystack, needle = self.text, cue
        elif cue.isascii() and cue:
            haystack, needle = self._folded(), cue.lower()
        else:
            return [m.start() for m in cue_pattern(cue).finditer(self.text)]
        text, size, end = self.text, len(needle), len(self.text)
        found: list[int] = []
        at = haystack.find(needle)
        while at >= 0:
            after = at + size
            if ((at == 0 or not _is_word(text[at - 1])) and (after == end or not _is_word(text[after]))):
                found.append(at)
                at = haystack.find(needle, after)
            else:
                at = haystack.find(needle, at + 1)
        return found


def _is_word(ch: str) -> bool:
    """Whether ``re`` counts the character as a word character (``\\w`` in a str pattern)."""
    return ch.isalnum() or ch == "_"


def audit(amap: ArgumentMap, vocabulary: Vocabulary | None = None, text: str | SourceText | None = None) -> Audit:
    """Coverage of ``amap``'s source by its quotes (quotes must be anchored, see ``argmap.load``).

    ``text`` defaults to the map's source file (a :class:`~argmap.SourceText` already made
    for it is reused, not built again); ``vocabulary`` enables the cue-term check.
    Raises :class:`~argmap.errors.LoadError` where the source text cannot be read, and a bare
    ``ValueError`` where ``text`` is shorter than the quotes' offsets (not the text they
    were anchored in).
    """
    if text is None:
        text = read_source(amap)
    src = text if isinstance(text, SourceText) else SourceText(text)
    text = src.text
    lines = line_spans(text)

    def line_of(offset: int) -> int:
        return src.line_column(offset)[0]

    def excerpt(a: int, b: int) -> str:
        return src.excerpt(a, b, limit=160)

    marked = [(a, b, "marked `exclude` in the map") for a, b in excluded_spans(amap, src)]
    set_aside = _merge(marked + boilerplate(text, lines))
    not_argument = _mask(len(text), [(a, b) for a, b, _ in set_aside])

    quote_spans = [(s.start, s.end) for n in amap.nodes for q in n.quotes for s in q.spans]
    quote_spans += [(s.start, s.end) for e in amap.edges if e.quote for s in e.quote.spans]

    tally = _tally(text, [(a, b) for a, b, _ in set_aside], quote_spans)
    uncovered = [Passage(a, b, line_of(a), excerpt(a, b), "no quote") for a, b in tally.uncovered]

    unlinked: list[CueHit] = []
    if vocabulary is not None:
        # a broader concept counts as linked where a narrower one is (SKOS: it is invoked through it)
        linked = set(amap.concepts)
        linked |= {a for cid in list(linked) for a in vocabulary.ancestors(cid)}
        cue_filter = _CueFilter(text)
        for concept in vocabulary:
            if concept.id in linked or not concept.cues:
                continue
            hits: list[tuple[int, str]] = []
            for cue in concept.cues:
                hits.extend((start, cue) for start in cue_filter.starts(cue) if not not_argument[start])
            if hits:
                hits.sort()
                cues = tuple(dict.fromkeys(cue for _, cue in hits))
                unlinked.append(CueHit(concept.id, cues, len(hits), line_of(hits[0][0])))

    return Audit(
        map_id=amap.id, source_file=amap.source.file, total_chars=tally.total_chars,
        argument_chars=tally.argument_chars, covered_chars=tally.covered_chars, quoted_chars=tally.quoted_chars,
        sentences=tally.sentences, covered_sentences=tally.covered_sentences, uncovered=tuple(uncovered),
        excluded=tuple(Passage(a, b, line_of(a), excerpt(a, b), why) for a, b, why in set_aside),
        unlinked_concepts=tuple(unlinked),
    )
