"""The layout-tolerant canonical form of a text, in which quotes are looked up.

A text's canonical form leaves out whitespace and invisible characters (soft hyphens,
zero-width spaces, byte-order marks) and folds typographic quotation marks to plain ones; in
a source text, a hyphen that ends a line becomes :data:`SOFT`, which a quote may match with a
hyphen or with nothing. Each kept character remembers its offset in the original text.

Everything here runs in C-level string and ``re`` operations, never a Python loop over the
characters: the offsets are kept per run of kept characters (one entry per word, not per
character) and a per-character list is made only on request.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate, chain, compress
from operator import add

__all__ = ["INVISIBLE", "SOFT", "Offsets", "canonical", "canonical_text", "fold", "prepare", "split_segments",
           "without"]

# One character for one, so that offsets stay valid; none of the replacements is itself folded.
_FOLDS = (("\u2018", "'"), ("\u2019", "'"), ("\u201b", "'"), ("\u2032", "'"),
          ("\u201c", '"'), ("\u201d", '"'), ("\u201f", '"'), ("\u2033", '"'),
          ("\u00a0", " "))
#: Characters left out of the canonical form although they are not whitespace.
INVISIBLE = frozenset({"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"})
#: Stands for a hyphen that ended a line in the source.
SOFT = "\x00"

_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*")
_LINE_END_HYPHEN = re.compile(r"-(?=[ \t\r]*\n)")
#: Whitespace (as ``str.split`` and ``re``'s ``\s`` know it) other than the space.
_OTHER_WHITESPACE = tuple(ch for ch in "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003"
                          "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def split_segments(quote: str) -> list[str]:
    """The parts of a quote between ellipses (``...`` or ``…``), without empty ones."""
    return [s for s in _ELLIPSIS.split(quote) if s.strip()]


def fold(text: str) -> str:
    """Typographic quotation marks and apostrophes as plain ones, a no-break space as a space
    (one character for one: offsets stay valid)."""
    for typographic, plain in _FOLDS:
        if typographic in text:
            text = text.replace(typographic, plain)
    return text


class Offsets:
    """The offset in the original text of each character of its canonical form.

    Stored per run of kept characters (``origin[k]`` where run ``k`` starts in the original,
    ``end[k]`` where it ends, ``first[k]`` where it starts in the canonical form), so that
    building it costs one entry per word; indexing (``offsets[i]``) and
    :meth:`at_or_after` are binary searches over the runs.
    """

    __slots__ = ("end", "first", "origin")

    def __init__(self, text: str) -> None:
        """The runs of non-whitespace characters of ``text`` (a text whose left-out
        characters have been made spaces)."""
        for ch in _OTHER_WHITESPACE:  # every whitespace character a space, one for one
            if ch in text:
                text = text.replace(ch, " ")
        lengths = list(map(len, text.split(" ")))  # runs, and an empty one per extra space
        starts = accumulate(map((1).__add__, lengths), initial=0)
        self.origin: list[int] = list(compress(starts, lengths))
        runs = list(filter(None, lengths))
        self.end: list[int] = list(map(add, self.origin, runs))
        self.first: list[int] = list(accumulate(runs, initial=0))

    def __len__(self) -> int:
        return self.first[-1]

    def __getitem__(self, i: int) -> int:
        """The original offset of canonical character ``i`` (negative counts from the end)."""
        if i < 0:
            i += self.first[-1]
        if not 0 <= i < self.first[-1]:
            raise IndexError("canonical offset out of range")
        k = bisect.bisect_right(self.first, i) - 1
        return self.origin[k] + i - self.first[k]

    def at_or_after(self, offset: int) -> int:
        """The canonical index of the first kept character at or after an original offset
        (``len(self)`` where there is none)."""
        k = bisect.bisect_right(self.origin, offset) - 1
        if k < 0:
            return 0
        if offset < self.end[k]:
            return self.first[k] + offset - self.origin[k]
        return self.first[k + 1]

    def tolist(self) -> list[int]:
        """Every canonical character's original offset, as one list."""
        return list(chain.from_iterable(map(range, self.origin, self.end)))


def _blanked(text: str) -> str:
    """``text`` with every invisible character a space (one for one)."""
    for ch in INVISIBLE:
        if ch in text:
            text = text.replace(ch, " ")
    return text


def prepare(text: str, *, source: bool = False) -> tuple[str, str, Offsets]:
    """The folded text (line-end hyphens as :data:`SOFT` in a ``source``), its canonical form
    and the canonical characters' original offsets."""
    folded = fold(text)
    if source and "\n" in folded and "-" in folded:
        folded = _LINE_END_HYPHEN.sub(SOFT, folded)
    blanked = _blanked(folded)
    return folded, "".join(blanked.split()), Offsets(blanked)


def without(folded: str, left_out: str) -> tuple[str, Offsets]:
    """The canonical form of a prepared source text with the characters of ``left_out`` left
    out too (:data:`SOFT`, say), and its offsets."""
    blanked = _blanked(folded)
    for ch in left_out:
        blanked = blanked.replace(ch, " ")
    return "".join(blanked.split()), Offsets(blanked)


def canonical_text(text: str) -> str:
    """The canonical form of a quote (no line-end hyphens to mark), without its offsets."""
    return "".join(_blanked(fold(text)).split())


def canonical(text: str, *, source: bool = False) -> tuple[str, list[int]]:
    """Text without whitespace, and each kept character's original offset.

    In a source (``source=True``) a hyphen that ends a line becomes :data:`SOFT`, which a
    quote may match with a hyphen or with nothing.
    """
    _folded, canon, offsets = prepare(text, source=source)
    return canon, offsets.tolist()
