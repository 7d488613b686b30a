"""Finding verbatim quotes in source texts.

Matching is exact on the characters of the text but forgiving about layout, because sources
come hard-wrapped, with words hyphenated across lines, and quotes get re-flowed in YAML:

* whitespace and line breaks are ignored on both sides;
* a hyphen at the end of a line in the source may be written or left out in the quote
  ("inborn-\\ninsecure" matches "inborn-insecure" and "inborninsecure");
* typographic quotation marks and apostrophes match their plain forms;
* ``...`` or ``…`` in a quote joins segments that occur in this order in the source.

A quote that cannot be found gets a hint (:mod:`argmap._hints`): the closest passage in the
source, its line and column, and the first character where quote and source part ways.
Quotes that are found can still need a look, and :func:`anchor_problems` says so in a
warning: a passage that occurs more than once (``occurrence: N`` or a longer quote chooses
one), and a ``...`` that skips more than :data:`MAX_GAP` characters.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property, lru_cache
from pathlib import Path

import attrs

from argmap import _hints
from argmap._canon import SOFT as _SOFT
from argmap._canon import Offsets, canonical, canonical_text, prepare, split_segments, without
from argmap.errors import LoadError, Problem, QuoteError, Severity
from argmap.files import decode, read_bytes
from argmap.model import ArgumentMap, Quote, Span, _replaced

__all__ = [
    "MAX_GAP",
    "Match",
    "SourceText",
    "anchor",
    "anchor_problems",
    "excluded_spans",
    "read_source",
    "source_path",
    "split_segments",
]

#: The most characters (whitespace not counted) a ``...`` in a node's or an edge's quote may
#: skip before :func:`anchor_problems` warns: about a long paragraph, or a page's footnotes
#: (the seed maps skip at most 751). ``exclude`` entries may skip any length.
MAX_GAP = 1000

#: Source texts at least this long are shared: one canonical form per text per run.
_SHARE_MIN = 2048
#: The most quote look-ups a source text remembers (each about half a kilobyte).
_FOUND_MAX = 20_000

_canonical = canonical  # the names earlier code used
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
                       "\u201c": '"', "\u201d": '"', "\u201f": '"', "\u2033": '"', "\u00a0": " "})
Hint = _hints.Hint


@attrs.frozen
class Match:
    """Where a quote was found: one span per segment."""

    spans: tuple[Span, ...]


class SourceText:
    """A source text prepared for quote look-ups (build once per text, reuse for every quote).

    ``SourceText(text)`` for a text of at least 2,048 characters returns the one instance
    already made for an equal text where there is one (the last 16 are kept, keyed by the
    text itself): anchoring, the audit and the report then share one canonical form per
    source text per run, however many maps quote it.
    """

    text: str
    folded: str
    canonical: str
    offsets: Offsets
    _found: dict[tuple[str, int, int], Match | tuple[Match, ...] | None]

    def __new__(cls, text: str) -> SourceText:
        if cls is SourceText and len(text) >= _SHARE_MIN:
            return _shared(text)
        return cls._build(text)

    def __getnewargs__(self) -> tuple[str]:  # pickle and copy make it again from its text
        return (self.text,)

    @classmethod
    def _build(cls, text: str) -> SourceText:
        self = object.__new__(cls)
        self.text = text
        self.folded, self.canonical, self.offsets = prepare(text, source=True)
        self._found = {}
        return self

    @cached_property
    def index(self) -> list[int]:
        """Each canonical character's offset in the original text (made on first use)."""
        return self.offsets.tolist()

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *map(re.Match.end, re.finditer("\n", self.text))]

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset in the original text."""
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    @cached_property
    def _kept(self) -> str:
        """The canonical text with every line-end hyphen written as a hyphen."""
        return self.canonical.replace(_SOFT, "-")

    @cached_property
    def _dropped(self) -> tuple[str, Offsets]:
        """The canonical text with line-end hyphens left out, and its offsets."""
        if _SOFT not in self.canonical:
            return self.canonical, self.offsets
        return without(self.folded, _SOFT)

    @cached_property
    def _variants(self) -> tuple[tuple[str, Offsets], ...]:
        """The texts a quote is looked for in by plain search: with every line-end hyphen
        written, and without them; one where the text has none (the two would be equal)."""
        kept = (self._kept, self.offsets)
        return (kept,) if self._dropped[0] == self._kept else (kept, self._dropped)

    @cached_property
    def _bare(self) -> tuple[str, Offsets]:
        """The canonical text without any hyphen, written or ending a line, and its offsets."""
        return without(self.folded, "-" + _SOFT)

    def find(self, quote: str, *, start: int = 0, occurrence: int = 1) -> Match | None:
        """The spans of a quote in the text, or None where it does not occur.

        ``start`` (a character offset of the text) skips matches that begin before it;
        ``occurrence`` takes the n-th place the quote occurs (1 for the first), None where it
        occurs fewer times.
        """
        key = (quote, start, occurrence)
        if key in self._found:
            return self._found[key]  # type: ignore[return-value]
        segments = _segments(quote)
        found = self._find(segments, start)
        for _ in range(occurrence - 1):
            if found is None:
                break
            found = self._find(segments, found.spans[0].start + 1)
        self._remember(key, found)
        return found

    def occurrences(self, quote: str, limit: int = 100) -> list[Match]:
        """Every place a quote occurs (each starting after the previous one begins), up to
        ``limit`` of them."""
        key = (quote, -1, limit)
        if key in self._found:
            return list(self._found[key])  # type: ignore[arg-type]
        segments = _segments(quote)
        out: list[Match] = []
        found = self._find(segments, 0)
        while found is not None and len(out) < limit:
            out.append(found)
            found = self._find(segments, found.spans[0].start + 1) if len(out) < limit else None
        self._remember(key, tuple(out))
        return out

    def _remember(self, key: tuple[str, int, int], found: Match | tuple[Match, ...] | None) -> None:
        """Keep a look-up's answer: maps of one text (a class's, or the versions of one map)
        quote the same passages, and a text shared by them all (see the class) answers each
        passage once. At most :data:`_FOUND_MAX` answers are kept; past that, none more."""
        if len(self._found) < _FOUND_MAX:
            self._found[key] = found

    def _find(self, segments: tuple[str, ...], start: int) -> Match | None:
        if not segments or not all(segments):
            return None
        # Fast paths: plain substring search where every line-end hyphen is written, or
        # where none is. Leftmost placement of each segment in turn is optimal for order.
        for text, offsets in self._variants:
            spans, pos = [], offsets.at_or_after(start)
            for seg in segments:
                at = text.find(seg, pos)
                if at < 0:
                    break
                spans.append(Span(offsets[at], offsets[at + len(seg) - 1] + 1))
                pos = at + len(seg)
            else:
                return Match(tuple(spans))
        # A quote without hyphens can only leave line-end hyphens out, which the second
        # search covers; so can any quote in a text without them.
        if _SOFT not in self.canonical or not any("-" in seg or _SOFT in seg for seg in segments):
            return None
        # What the regex below matches is, hyphens left out on both sides, the quote in the
        # text: where that cheap search fails (as it does past the last place a quote
        # occurs), so does the regex.
        bare, bare_offsets = self._bare
        pos = bare_offsets.at_or_after(start)
        for seg in segments:
            part = seg.replace("-", "").replace(_SOFT, "")
            at = bare.find(part, pos)
            if at < 0:
                return None
            pos = at + len(part)
        # Mixed use of line-end hyphens: a regex where each may be written or not.
        soft = re.escape(_SOFT)
        patterns = ["(" + f"{soft}?".join(f"[-{soft}]" if ch == "-" else re.escape(ch) for ch in seg) + ")"
                    for seg in segments]
        found = re.compile(".*?".join(patterns), flags=re.DOTALL).search(
            self.canonical, self.offsets.at_or_after(start))
        if found is None:
            return None
        return Match(tuple(Span(self.offsets[found.start(g)], self.offsets[found.end(g) - 1] + 1)
                           for g in range(1, len(segments) + 1)))

    def excerpt(self, start: int, end: int, limit: int = 240) -> str:
        """The original text between two offsets, on one line, shortened to ``limit``."""
        passage = " ".join(self.text[start:end].split())
        return passage if len(passage) <= limit else passage[: limit - 1] + "…"

    def kept_between(self, start: int, end: int) -> int:
        """How many characters other than whitespace (and invisible ones) lie between two
        offsets of the original text."""
        return max(0, self.offsets.at_or_after(end) - self.offsets.at_or_after(start))

    def closest(self, quote: str) -> Hint | None:
        """The passage most like a quote that was not found, and where they first differ."""
        return _hints.closest(self, quote)


@lru_cache(maxsize=16)
def _shared(text: str) -> SourceText:
    return SourceText._build(text)


@lru_cache(maxsize=4096)
def _segments(quote: str) -> tuple[str, ...]:
    """The canonical form of each segment of a quote."""
    return tuple(canonical_text(s) for s in split_segments(quote))


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


def _places(source: SourceText, matches: list[Match], limit: int = 8) -> str:
    """``line 12:5, line 40:1, ...`` for the first ``limit`` matches."""
    shown = ", ".join("line {}:{}".format(*source.line_column(m.spans[0].start)) for m in matches[:limit])
    return shown + (f" and {len(matches) - limit} more" if len(matches) > limit else "")


def anchor_problems(
    amap: ArgumentMap, text: str | SourceText | None = None
) -> tuple[ArgumentMap, list[Problem]]:
    """Find every quote of a map in its source; the anchored map and the problems found.

    ``text`` defaults to the file named by ``source.file``, relative to the map's path.
    Errors: a quote not found (with the closest passage as a hint), an ``occurrence`` beyond
    the places the quote occurs. Warnings (the quote is anchored all the same): a node's or
    an edge's quote that occurs more than once without ``occurrence`` (the first is taken;
    the warning lists every place), and a ``...`` that skips more than :data:`MAX_GAP`
    characters. ``exclude`` entries apply to every place they occur (see
    :func:`excluded_spans`), so they get neither warning.

    Problems are returned, not raised; raises :class:`~argmap.errors.LoadError` only where
    ``text`` is not given and the source text cannot be read (see :func:`read_source`).
    """
    if text is None:
        text = read_source(amap)
    source = text if isinstance(text, SourceText) else SourceText(text)
    problems: list[Problem] = []
    cache: dict[tuple[str, int], Match | None] = {}
    counted: dict[str, list[Match]] = {}
    second: dict[str, bool] = {}  # whether a quote occurs again after its first place

    def problem(q: Quote, message: str, hint: str, code: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem(message, path=amap.path, line=q.position.line if q.position else None,
                                column=q.position.column if q.position else None, hint=hint,
                                severity=severity, code=code))

    def occurrences(q: Quote) -> list[Match]:
        if q.text not in counted:
            counted[q.text] = source.occurrences(q.text)
        return counted[q.text]

    def another(q: Quote, match: Match) -> bool:
        """Whether the quote occurs again after the first place (known where ``fix`` looked
        for two places; else one more look-up past the first)."""
        if q.text not in second:
            second[q.text] = source.find(q.text, start=match.spans[0].start + 1) is not None
        return second[q.text]

    def check(where: str, q: Quote, match: Match) -> None:
        """Warnings for a quote that was found."""
        if q.occurrence is None and another(q, match) and len(places := occurrences(q)) > 1:
            problem(q, f"quote of {where} occurs {len(places)} times in the source text "
                       f"{amap.source.file!r} ({_places(source, places)}); the first is taken",
                    "to choose another, write it as `{text: \"...\", occurrence: N}` (N = 2 for the second), "
                    "or quote more words so that it occurs once", "quote-ambiguous", Severity.WARNING)
        for before, after in zip(match.spans, match.spans[1:], strict=False):
            skipped = source.kept_between(before.end, after.start)
            if skipped > MAX_GAP:
                first, last = source.line_column(before.end)[0], source.line_column(after.start)[0]
                problem(q, f"quote of {where}: a `...` skips {skipped:,} characters of the source "
                           f"(lines {first}-{last}), more than the {MAX_GAP:,} a gap may span",
                        "check that the parts belong together: passages far apart are separate quotes "
                        "(a list under `quote:`)", "quote-gap", Severity.WARNING)

    def fix(where: str, q: Quote, *, excluded: bool = False) -> Quote:
        key = (q.text, q.occurrence or 1)
        if key not in cache:
            if q.occurrence is None and not excluded:  # the first place, and whether there is a second
                two = source.occurrences(q.text, limit=2)
                cache[key] = two[0] if two else None
                second[q.text] = len(two) > 1
                if len(two) < 2:
                    counted[q.text] = two
            else:
                cache[key] = source.find(q.text, occurrence=q.occurrence or 1)
        match = cache[key]
        if match is not None:
            if not excluded:
                check(where, q, match)
            return _replaced(q, spans=match.spans)
        if q.occurrence is not None and q.occurrence > 1 and (places := occurrences(q)):
            problem(q, f"quote of {where} asks for occurrence {q.occurrence}, but the source text "
                       f"{amap.source.file!r} holds it {len(places)} time{'s' * (len(places) != 1)} "
                       f"({_places(source, places)})",
                    f"use an occurrence from 1 to {len(places)}", "quote-occurrence")
            return q
        hint = source.closest(q.text)
        shown = q.text if len(q.text) <= 80 else q.text[:79] + "…"
        problem(q, f"quote of {where} not found in the source text {amap.source.file!r}: {shown!r}",
                str(hint) if hint else "no similar passage found: is this the right source file?",
                "quote-not-found")
        return q

    # The spans found are valid by construction: copies without a second run of the validators.
    nodes = tuple(_replaced(n, quotes=tuple(fix(f"node {n.id!r}", q) for q in n.quotes))
                  for n in amap.nodes)
    edges = tuple(
        _replaced(e, quote=fix(f"edge {e.source!r} -> {e.target!r}", e.quote))
        if e.quote is not None else e
        for e in amap.edges
    )
    excluded = tuple(fix("`exclude`", q, excluded=True) for q in amap.excluded)
    return _replaced(amap, nodes=nodes, edges=edges, excluded=excluded), problems


def anchor(amap: ArgumentMap, text: str | SourceText | None = None) -> ArgumentMap:
    """The map with every quote's offsets recorded; :class:`QuoteError` lists any not found.

    Warnings of :func:`anchor_problems` (a passage that occurs several times, a long
    ``...``) do not stop it. Raises :class:`~argmap.errors.QuoteError` listing every quote
    not found in the source (or asking for an occurrence it does not have), and
    :class:`~argmap.errors.LoadError` where ``text`` is not given and the source text cannot
    be read (see :func:`read_source`).
    """
    anchored, problems = anchor_problems(amap, text)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise QuoteError(errors)
    return anchored


def excluded_spans(amap: ArgumentMap, text: str | SourceText) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of every passage the map's ``exclude`` entries set aside.

    An entry applies to every place its text occurs (a running header repeated on each page
    is excluded everywhere), unless it names one with ``occurrence``; an entry ``"A ... B"``
    sets aside everything from the start of ``A`` to the end of ``B``. Entries that are not
    anchored are left out. Raises nothing.
    """
    source = text if isinstance(text, SourceText) else SourceText(text)
    out: list[tuple[int, int]] = []
    for q in amap.excluded:
        if not q.spans:
            continue
        places = [] if q.occurrence is not None else source.occurrences(q.text, limit=10_000)
        if not places:
            out.append((q.spans[0].start, q.spans[-1].end))
        out.extend((m.spans[0].start, m.spans[-1].end) for m in places)
    return out
