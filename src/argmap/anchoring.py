"""Tolerant anchoring: a statement another tool re-cased, re-punctuated or lightly edited,
found in its source text as the source's own verbatim passage.

Research corpora (AIFdb, OVA analyses) store propositions in the analyst's wording: the
author's "Mr Holt, 59, entered the water" becomes "Mr Holt 59 entered the water", "hillary
was secretary of state" becomes "Hillary Clinton was secretary of state", and some
propositions are reconstructed premises the text never states. :class:`Aligner` looks for a
statement in three steps and stops at the first that succeeds:

1. **exact**: the text occurs as written, by the rules of :mod:`argmap.quotes` (whitespace,
   line-end hyphens and typographic quotes forgiven);
2. **normalised**: it occurs once case, punctuation, whitespace and (in an HTML source)
   markup are ignored: only letters and digits are compared, case-folded;
3. **edited**: the closest passage (Levenshtein alignment, with rapidfuzz) differs from it
   by at most :data:`MAX_EDITS` of its letters and digits, for texts of at least
   :data:`MIN_CHARS` of them.

Steps 2 and 3 count as *tolerant*. Either way the quote recorded is the source's own text
over the passage found (whole words; segments between HTML tags joined by `` ... ``), with
the occurrence that makes :meth:`argmap.SourceText.find` return that very passage, so
``argmap validate`` finds it exactly. A statement no step finds is reported as a
:class:`Miss` saying how close the closest passage came.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

import attrs
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from argmap.model import Quote, Span
from argmap.quotes import SourceText

__all__ = ["MAX_EDITS", "MIN_CHARS", "Aligner", "Alignment", "Miss", "letters", "span_quote", "spans_quote"]

#: The largest share of a statement's letters and digits that may be inserted, deleted or
#: replaced for it to be anchored tolerantly (Levenshtein distance over its length).
MAX_EDITS = 0.2
#: Statements with fewer letters and digits than this are anchored exactly or after
#: normalisation only: a short text with a fifth of it edited matches too much by chance.
MIN_CHARS = 16
#: Below this similarity the closest passage is not the statement edited but something
#: else: the statement is reported as a reconstruction.
RECONSTRUCTED_BELOW = 0.6

#: How many places of a text are tried before giving up on finding one at word boundaries.
_TRIES = 200
_MARKUP = re.compile(r"<[A-Za-z/!?][^<>]{0,2000}>|&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,10});")
_LOOKS_HTML = re.compile(r"</[A-Za-z][A-Za-z0-9]*\s*>|<br\s*/?>|<p>", re.IGNORECASE)


def letters(text: str, *, markup: bool = False) -> tuple[str, list[int]]:
    """The letters and digits of a text, case-folded, and the offset each came from.

    With ``markup``, HTML tags and character references are skipped. Linear in the length.
    """
    skip: list[tuple[int, int]] = [m.span() for m in _MARKUP.finditer(text)] if markup else []
    chars: list[str] = []
    index: list[int] = []
    k = 0
    for i, ch in enumerate(text):
        while k < len(skip) and skip[k][1] <= i:
            k += 1
        if k < len(skip) and skip[k][0] <= i:
            continue
        if ch.isalnum():
            folded = ch.casefold()
            chars.append(folded)
            index.extend([i] * len(folded))
    return "".join(chars), index


@attrs.frozen
class Alignment:
    """Where a statement was found: ``quote`` is the source's verbatim passage, anchored.

    ``how`` is ``exact``, ``normalised`` or ``edited`` (see the module); ``similarity`` is
    1 for the first two and 1 minus the Levenshtein distance over the length otherwise.
    """

    quote: Quote
    how: Literal["exact", "normalised", "edited"]
    similarity: float = 1.0

    @property
    def tolerant(self) -> bool:
        """Whether the statement was found only after normalising or editing it."""
        return self.how != "exact"


@attrs.frozen
class Miss:
    """A statement not found: the closest passage's similarity (0 to 1) and where it is."""

    similarity: float
    line: int | None = None
    column: int | None = None
    too_short: bool = False

    @property
    def reason(self) -> str:
        """Why the statement was not found, in a phrase for a note."""
        where = f" (line {self.line}, column {self.column})" if self.line is not None else ""
        pct = f"{round(self.similarity * 100)}%"
        if self.too_short and self.similarity >= RECONSTRUCTED_BELOW:
            return (f"too short to anchor tolerantly (under {MIN_CHARS} letters and digits) and not in the "
                    f"text as written; the closest passage{where} is {pct} alike")
        if self.similarity >= RECONSTRUCTED_BELOW:
            return (f"edited beyond the tolerance of {round(MAX_EDITS * 100)}% of its characters: the closest "
                    f"passage{where} is {pct} alike")
        return f"a reconstruction (e.g. an unstated premise): no passage of the text is alike (best {pct})"


class Aligner:
    """A source text prepared for tolerant look-ups (build once, align every statement)."""

    def __init__(self, text: str | SourceText, *, max_edits: float = MAX_EDITS, min_chars: int = MIN_CHARS) -> None:
        self.source = text if isinstance(text, SourceText) else SourceText(text)
        self.markup = bool(_LOOKS_HTML.search(self.source.text))
        self.flat, self.index = letters(self.source.text, markup=self.markup)
        self.max_edits = max_edits
        self.min_chars = min_chars
        self._skip = [m.span() for m in _MARKUP.finditer(self.source.text)] if self.markup else []

    def align(self, statement: str) -> Alignment | Miss:
        """The passage of the source a statement stands for, or how close it came."""
        if statement.strip():
            for k, match in enumerate(self.source.occurrences(statement, limit=_TRIES), start=1):
                if self._bounded(match.spans[0].start, match.spans[-1].end):
                    return Alignment(Quote(statement, match.spans, occurrence=k if k > 1 else None), "exact")
        q, _ = letters(statement, markup=self.markup)
        if not q or not self.flat:
            return Miss(0.0)
        at = self.flat.find(q)
        for _ in range(_TRIES):
            if at < 0:
                break
            start, end = self.index[at], self.index[at + len(q) - 1] + 1
            if self._bounded(start, end):
                quote = self._quote(start, end)
                if quote is not None:
                    return Alignment(quote, "normalised")
            at = self.flat.find(q, at + 1)
        return self._edited(q)

    def confirms(self, quote: Quote) -> bool:
        """Whether a quote that carries offsets is found there (its chosen occurrence)."""
        found = self.source.find(quote.text, occurrence=quote.occurrence or 1)
        return found is not None and found.spans == quote.spans

    def best(self, statements: Sequence[str]) -> Alignment | Miss:
        """The best alignment of several wordings of one statement (exact before tolerant,
        then the most similar; ties go to the earlier wording), or the closest miss."""
        found: list[Alignment] = []
        misses: list[Miss] = []
        for s in dict.fromkeys(statements):
            result = self.align(s)
            if isinstance(result, Alignment):
                if result.how == "exact":
                    return result
                found.append(result)
            else:
                misses.append(result)
        if found:
            return max(found, key=lambda a: (a.how == "normalised", a.similarity))
        return max(misses, key=lambda m: m.similarity) if misses else Miss(0.0)

    # --- helpers -------------------------------------------------------------------------------

    def _edited(self, q: str) -> Alignment | Miss:
        n = self.flat
        if len(q) > len(n):
            return Miss(fuzz.ratio(q, n) / 100, 1, 1)
        rough = fuzz.partial_ratio_alignment(q, n)
        if rough is None:
            return Miss(0.0)
        line, column = self.source.line_column(self.index[min(rough.dest_start, len(self.index) - 1)])
        if len(q) < self.min_chars:
            return Miss(rough.score / 100, line, column, too_short=True)
        pad = max(8, len(q) // 3)
        starts = self._word_starts(max(0, rough.dest_start - pad), min(len(n), rough.dest_start + pad))
        ends = self._word_ends(max(0, rough.dest_end - pad), min(len(n), rough.dest_end + pad))
        best: tuple[int, int, int] | None = None  # distance, start, end
        for a in starts:
            for b in ends:
                if b - a < len(q) // 2:
                    continue
                d = Levenshtein.distance(q, n[a:b], score_cutoff=best[0] if best else None)
                if best is None or d < best[0]:
                    best = (d, a, b)
        if best is None:
            return Miss(rough.score / 100, line, column)
        distance, start, end = best
        similarity = 1 - distance / len(q)
        if similarity < 1 - self.max_edits:
            return Miss(max(similarity, 0.0), line, column)
        quote = self._quote(*self._whole_words(self.index[start], self.index[end - 1] + 1))
        if quote is None:
            return Miss(max(similarity, 0.0), line, column)
        return Alignment(quote, "edited", similarity)

    def _word_starts(self, lo: int, hi: int, limit: int = 40) -> list[int]:
        """Positions in the flat text, from ``lo`` to ``hi``, where a word of the source begins."""
        text, index = self.source.text, self.index
        out = [j for j in range(lo, min(hi, len(index)))
               if j == 0 or (index[j] != index[j - 1] and not text[index[j] - 1].isalnum())]
        return out[:limit] or [lo]

    def _word_ends(self, lo: int, hi: int, limit: int = 40) -> list[int]:
        """Positions in the flat text, from ``lo`` to ``hi``, just after a word of the source."""
        text, index = self.source.text, self.index
        out = [j for j in range(max(lo, 1), min(hi, len(index)) + 1)
               if j == len(index) or (index[j] != index[j - 1] and not text[index[j - 1] + 1].isalnum())]
        return out[-limit:] or [hi]

    def _bounded(self, start: int, end: int) -> bool:
        """Whether a passage starts and ends at word boundaries (not inside a word)."""
        text = self.source.text
        return (start == 0 or not (text[start - 1].isalnum() and text[start].isalnum())) and (
            end >= len(text) or not (text[end].isalnum() and text[end - 1].isalnum()))

    def _whole_words(self, start: int, end: int) -> tuple[int, int]:
        text = self.source.text
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
        return start, end

    def _segments(self, start: int, end: int) -> list[tuple[int, int]]:
        """The parts of ``[start, end)`` outside markup, each trimmed to what it quotes."""
        cuts = [(a, b) for a, b in self._skip if a < end and b > start]
        parts: list[tuple[int, int]] = []
        pos = start
        for a, b in [*cuts, (end, end)]:
            if a > pos:
                parts.append((pos, min(a, end)))
            pos = max(pos, b)
        text = self.source.text
        out = []
        for a, b in parts:
            while a < b and not text[a].isalnum():
                a += 1
            while b > a and not text[b - 1].isalnum():
                b -= 1
            if a < b:
                out.append((a, b))
        return out

    def _quote(self, start: int, end: int) -> Quote | None:
        """A verbatim quote that :meth:`SourceText.find` places at ``[start, end)``."""
        text = self.source.text
        segments = self._segments(start, end)
        if not segments:
            return None
        candidates = [" ... ".join(text[a:b] for a, b in segments)]
        if len(segments) > 1:
            candidates.append(text[segments[0][0]:segments[-1][1]])
        for candidate in candidates:
            for k, match in enumerate(self.source.occurrences(candidate), start=1):
                if match.spans[0].start == segments[0][0] and match.spans[-1].end == segments[-1][1]:
                    return Quote(candidate, match.spans, occurrence=k if k > 1 else None)
                if match.spans[0].start > segments[0][0]:
                    break
        return None


def span_quote(source: SourceText, start: int, end: int) -> Quote | None:
    """The source's text over ``[start, end)`` as a quote that :meth:`SourceText.find`
    places there (with its occurrence where an earlier place holds the same text), or None
    where the passage has nothing the quote matcher sees or cannot be told apart."""
    text = source.text[start:end]
    if not text.strip():
        return None
    for k, match in enumerate(source.occurrences(text, limit=10_000), start=1):
        if match.spans[0].start >= start and match.spans[-1].end <= end:
            return Quote(text, match.spans, occurrence=k if k > 1 else None)
        if match.spans[0].start > start:
            break
    return None


def spans_quote(source: SourceText, spans: Sequence[Span]) -> Quote | None:
    """Several passages, in order, as one quote joined by `` ... `` (see :func:`span_quote`)."""
    if len(spans) == 1:
        return span_quote(source, spans[0].start, spans[0].end)
    parts = [source.text[s.start:s.end].strip() for s in spans]
    if not all(parts):
        return None
    text = " ... ".join(parts)
    for k, match in enumerate(source.occurrences(text, limit=10_000), start=1):
        if match.spans[0].start >= spans[0].start and match.spans[-1].end <= spans[-1].end:
            return Quote(text, match.spans, occurrence=k if k > 1 else None)
        if match.spans[0].start > spans[0].start:
            break
    return None
