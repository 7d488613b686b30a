"""Finding verbatim quotes in source texts.

Matching is exact on the characters of the text but forgiving about layout, because sources
come hard-wrapped, with words hyphenated across lines, and quotes get re-flowed in YAML:

* whitespace and line breaks are ignored on both sides;
* a hyphen at the end of a line in the source may be written or left out in the quote
  ("inborn-\\ninsecure" matches "inborn-insecure" and "inborninsecure");
* typographic quotation marks and apostrophes match their plain forms;
* ``...`` or ``…`` in a quote joins segments that occur in this order in the source.

A quote that cannot be found gets a hint: the closest passage in the source, its line and
column, and the first place where quote and source part ways.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import cached_property
from pathlib import Path

import attrs

from argmap.errors import LoadError, Problem, QuoteError
from argmap.files import decode, read_bytes
from argmap.model import ArgumentMap, Quote, Span

__all__ = ["Match", "SourceText", "anchor", "anchor_problems", "read_source", "source_path", "split_segments"]

_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
                       "\u201c": '"', "\u201d": '"', "\u201f": '"', "\u2033": '"',
                       "\u00a0": " "})
_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*")


def split_segments(quote: str) -> list[str]:
    """The parts of a quote between ellipses, without empty ones."""
    return [s for s in _ELLIPSIS.split(quote) if s.strip()]


_SOFT = "\x00"  # stands for a hyphen that ended a line in the source


_KEPT = re.compile("[^\\s" + "".join(sorted(_INVISIBLE)) + "]+")
_LINE_END_HYPHEN = re.compile(r"-(?=[ \t\r]*\n)")


def _canonical(text: str, *, source: bool = False) -> tuple[str, list[int]]:
    """Text without whitespace, and each kept character's original offset.

    In a source (``source=True``) a hyphen that ends a line becomes ``_SOFT``, which a quote
    may match with a hyphen or with nothing.
    """
    folded = text.translate(_FOLD)  # one character for one: offsets stay valid
    if source:
        folded = _LINE_END_HYPHEN.sub(_SOFT, folded)
    parts: list[str] = []
    index: list[int] = []
    for run in _KEPT.finditer(folded):
        parts.append(run.group())
        index.extend(range(run.start(), run.end()))
    return "".join(parts), index


@attrs.frozen
class Match:
    """Where a quote was found: one span per segment."""

    spans: tuple[Span, ...]


@attrs.frozen
class Hint:
    """The passage of the source closest to a quote that was not found."""

    line: int
    column: int
    passage: str
    quote_part: str
    source_part: str

    def __str__(self) -> str:
        text = f"closest passage (source line {self.line}, column {self.column}):\n  {self.passage}"
        if self.quote_part or self.source_part:
            text += (f"\nfirst difference: the quote has {self.quote_part!r} "
                     f"where the source has {self.source_part!r}")
        return text


class SourceText:
    """A source text prepared for quote look-ups (build once per text, reuse for every quote)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.canonical, self.index = _canonical(text, source=True)

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(m.end() for m in re.finditer("\n", self.text))
        return starts

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset in the original text."""
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    @cached_property
    def _kept(self) -> str:
        """The canonical text with every line-end hyphen written as a hyphen."""
        return self.canonical.replace(_SOFT, "-")

    @cached_property
    def _dropped(self) -> tuple[str, list[int]]:
        """The canonical text with line-end hyphens left out, and its offsets."""
        if _SOFT not in self.canonical:
            return self.canonical, self.index
        keep = [i for i, ch in enumerate(self.canonical) if ch != _SOFT]
        return self.canonical.replace(_SOFT, ""), [self.index[i] for i in keep]

    def find(self, quote: str, *, start: int = 0, occurrence: int = 1) -> Match | None:
        """The spans of a quote in the text, or None where it does not occur.

        ``start`` (a character offset of the text) skips matches that begin before it;
        ``occurrence`` takes the n-th place the quote occurs (1 for the first), None where it
        occurs fewer times.
        """
        found = self._find(quote, start)
        for _ in range(occurrence - 1):
            if found is None:
                return None
            found = self._find(quote, found.spans[0].start + 1)
        return found

    def occurrences(self, quote: str, limit: int = 100) -> list[Match]:
        """Every place a quote occurs (each starting after the previous one begins), up to
        ``limit`` of them."""
        out: list[Match] = []
        found = self._find(quote, 0)
        while found is not None and len(out) < limit:
            out.append(found)
            found = self._find(quote, found.spans[0].start + 1)
        return out

    def _find(self, quote: str, start: int) -> Match | None:
        segments = [_canonical(s)[0] for s in split_segments(quote)]
        if not segments or not all(segments):
            return None
        begin = bisect.bisect_left(self.index, start)  # the first kept character at or after start
        # Fast paths: plain substring search where every line-end hyphen is written, or
        # where none is. Leftmost placement of each segment in turn is optimal for order.
        for text, index in ((self._kept, self.index), self._dropped):
            spans, pos = [], bisect.bisect_left(index, start) if index is not self.index else begin
            for seg in segments:
                at = text.find(seg, pos)
                if at < 0:
                    break
                spans.append(Span(index[at], index[at + len(seg) - 1] + 1))
                pos = at + len(seg)
            else:
                return Match(tuple(spans))
        # Mixed use of line-end hyphens: a regex where each may be written or not.
        soft = re.escape(_SOFT)
        patterns = ["(" + f"{soft}?".join(f"[-{soft}]" if ch == "-" else re.escape(ch) for ch in seg) + ")"
                    for seg in segments]
        found = re.compile(".*?".join(patterns), flags=re.DOTALL).search(self.canonical, begin)
        if found is None:
            return None
        return Match(tuple(Span(self.index[found.start(g)], self.index[found.end(g) - 1] + 1)
                           for g in range(1, len(segments) + 1)))

    def excerpt(self, start: int, end: int, limit: int = 240) -> str:
        """The original text between two offsets, on one line, shortened to ``limit``."""
        passage = " ".join(self.text[start:end].split())
        return passage if len(passage) <= limit else passage[: limit - 1] + "…"

    def closest(self, quote: str) -> Hint | None:
        """The passage most like a quote that was not found (an n-gram vote on alignment)."""
        segments = split_segments(quote)
        if not segments or not self.canonical:
            return None
        # Hint for the first segment that fails on its own: that is where the typo is.
        target = next((s for s in segments if self.find(s) is None), segments[0])
        q, q_index = _canonical(target)
        if not q:
            return None
        size = 6 if len(q) >= 12 else max(2, len(q) // 2)
        votes: Counter[int] = Counter()
        for qpos in range(0, max(1, len(q) - size + 1), 2):
            gram = q[qpos : qpos + size]
            start = self.canonical.find(gram)
            hits = 0
            while start != -1 and hits < 50:
                votes[start - qpos] += 1
                hits += 1
                start = self.canonical.find(gram, start + 1)
        if not votes:
            return None
        offset = max(0, min(votes.most_common(1)[0][0], len(self.canonical) - 1))
        window = self.canonical[offset : offset + len(q)]
        diff = next((i for i, (a, b) in enumerate(zip(q, window, strict=False)) if a != b),
                    min(len(q), len(window)))
        first = self.index[offset]
        last = self.index[min(offset + len(q), len(self.index)) - 1] + 1
        while last < len(self.text) and self.text[last].isalnum():  # finish the last word
            last += 1
        line, column = self.line_column(first)

        def around(text: str, index: list[int], at: int) -> str:
            if not index:
                return ""
            lo = index[max(0, min(at, len(index) - 1) - 10)]
            hi = index[min(len(index) - 1, at + 10)] + 1
            return " ".join(text[lo:hi].split())

        quote_part = around(target.translate(_FOLD), q_index, diff)
        source_part = around(self.text, self.index, offset + diff)
        return Hint(line, column, self.excerpt(first, last), quote_part, source_part)


def source_path(amap: ArgumentMap) -> Path:
    """Where the map's source text lives: ``source.file`` relative to the map file's folder
    (to the working folder for a map not read from a file).

    Never raises: the path is computed, not looked up (see :func:`read_source`).
    """
    base = amap.path.parent if amap.path is not None else Path()
    return base / amap.source.file


def read_source(amap: ArgumentMap) -> str:
    """The map's source text, decoded as UTF-8.

    Raises :class:`~argmap.errors.LoadError` (code ``source-missing``) located at the map's
    ``source`` block where the file cannot be read, or at the bad byte where it is not UTF-8.
    """
    p = source_path(amap)
    pos = amap.source.position
    try:
        data = read_bytes(p)
    except LoadError as exc:
        raise LoadError(Problem(
            f"cannot read the source text {str(p)!r}: {exc.problems[0].message}",
            path=amap.path, line=pos.line if pos else None, column=pos.column if pos else None,
            hint="`source.file` is resolved relative to the map file's folder",
            code="source-missing",
        )) from None
    return decode(data, p)


def anchor_problems(
    amap: ArgumentMap, text: str | SourceText | None = None
) -> tuple[ArgumentMap, list[Problem]]:
    """Find every quote of a map in its source; the anchored map and the quotes not found.

    ``text`` defaults to the file named by ``source.file``, relative to the map's path.

    Quotes not found are returned, not raised; raises :class:`~argmap.errors.LoadError` only
    where ``text`` is not given and the source text cannot be read (see :func:`read_source`).
    """
    if text is None:
        text = read_source(amap)
    source = text if isinstance(text, SourceText) else SourceText(text)
    problems: list[Problem] = []
    cache: dict[tuple[str, int], Match | None] = {}

    def fix(where: str, q: Quote) -> Quote:
        key = (q.text, q.occurrence or 1)
        if key not in cache:
            cache[key] = source.find(q.text, occurrence=q.occurrence or 1)
        match = cache[key]
        if match is not None:
            return attrs.evolve(q, spans=match.spans)
        if q.occurrence is not None and q.occurrence > 1 and (places := source.occurrences(q.text)):
            where_found = ", ".join("line {}:{}".format(*source.line_column(m.spans[0].start)) for m in places)
            problems.append(Problem(
                f"quote of {where} asks for occurrence {q.occurrence}, but the source text "
                f"{amap.source.file!r} holds it {len(places)} time{'s' * (len(places) != 1)} ({where_found})",
                path=amap.path, line=q.position.line if q.position else None,
                column=q.position.column if q.position else None,
                hint=f"use an occurrence from 1 to {len(places)}", code="quote-occurrence"))
            return q
        hint = source.closest(q.text)
        shown = q.text if len(q.text) <= 80 else q.text[:79] + "…"
        problems.append(Problem(
            f"quote of {where} not found in the source text {amap.source.file!r}: {shown!r}",
            path=amap.path,
            line=q.position.line if q.position else None,
            column=q.position.column if q.position else None,
            hint=(str(hint) if hint else "no similar passage found: is this the right source file?"),
            code="quote-not-found",
        ))
        return q

    nodes = tuple(attrs.evolve(n, quotes=tuple(fix(f"node {n.id!r}", q) for q in n.quotes))
                  for n in amap.nodes)
    edges = tuple(
        attrs.evolve(e, quote=fix(f"edge {e.source!r} -> {e.target!r}", e.quote))
        if e.quote is not None else e
        for e in amap.edges
    )
    excluded = tuple(fix("`exclude`", q) for q in amap.excluded)
    return attrs.evolve(amap, nodes=nodes, edges=edges, excluded=excluded), problems


def anchor(amap: ArgumentMap, text: str | SourceText | None = None) -> ArgumentMap:
    """The map with every quote's offsets recorded; :class:`QuoteError` lists any not found.

    Raises :class:`~argmap.errors.QuoteError` listing every quote not found in the source,
    and :class:`~argmap.errors.LoadError` where ``text`` is not given and the source text
    cannot be read (see :func:`read_source`).
    """
    anchored, problems = anchor_problems(amap, text)
    if problems:
        raise QuoteError(problems)
    return anchored
