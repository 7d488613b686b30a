"""What to tell someone whose quote is not in the source: the closest passage and the first
character where quote and source part ways.

The passage is found in two steps: an n-gram vote picks the region of the source most like
the quote, then :class:`difflib.SequenceMatcher` aligns the quote with that region, so that the
passage starts where the quote starts even when the quote drops or adds characters. From
there quote and source are compared character by character (a hyphen that ends a line in
the source may be written or left out, as in matching) up to the first difference, which is
described exactly: a character the quote leaves out, one it adds, or one it changes. When
what the quote leaves out is a footnote number or whole lines (a running header, a page
number), the hint suggests skipping it with ``...``.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

import attrs

from argmap._canon import SOFT, Offsets, prepare, split_segments

if TYPE_CHECKING:
    from argmap.quotes import SourceText

__all__ = ["Hint", "closest"]

# What a footnote marker looks like once the whitespace around it is gone: a number of up to
# three digits, a superscript number, or asterisks and daggers, perhaps in brackets.
_FOOTNOTE = re.compile(r"[\[(]?(?:\d{1,3}|[\u00b9\u00b2\u00b3\u2070-\u2079]+|[*\u2020\u2021]+)[\])]?\.?")
_RESYNC = 8  # characters that must agree again after a difference for it to count as ended
_FAR = 2000  # how far (canonical characters) to look for the quote's continuation


@attrs.frozen
class Hint:
    """The passage of the source closest to a quote that was not found, and how they differ.

    ``line``/``column`` locate the passage; ``diff_line``/``diff_column`` the first character
    of the source where quote and source differ; ``quote_part``/``source_part`` show the words
    around that place (``caret``: the difference's position in ``source_part``); ``what``
    says in words what differs; ``suggestion`` is a quote fragment with ``...`` where the source
    has a footnote number or page furniture that the quote skips.
    """

    line: int
    column: int
    passage: str
    quote_part: str = ""
    source_part: str = ""
    diff_line: int | None = None
    diff_column: int | None = None
    what: str = ""
    caret: int | None = None
    suggestion: str | None = None

    def __str__(self) -> str:
        text = f"closest passage (source line {self.line}, column {self.column}):\n  {self.passage}"
        if self.diff_line is not None:
            text += (f"\nfirst difference (source line {self.diff_line}, column {self.diff_column}): "
                     f"{self.what}\n  quote:  {self.quote_part}\n  source: {self.source_part}")
            if self.caret is not None:
                text += "\n" + " " * (10 + self.caret) + "^"
        elif self.what:
            text += f"\n{self.what}"
        if self.suggestion:
            text += f"\nif that is a footnote number or page furniture, skip it with ...: {self.suggestion!r}"
        return text


def _around(text: str, at: int, width: int = 24) -> tuple[str, int]:
    """Whole words of ``text`` around offset ``at`` on one line, and where ``at`` falls in it."""
    a, b = max(0, at - width), min(len(text), at + width)
    for _ in range(40):  # finish the words cut at either end (a long word is cut anyway)
        if a > 0 and not text[a - 1].isspace():
            a -= 1
        if b < len(text) and not text[b].isspace():
            b += 1
    words = " ".join(text[a:at].split())
    left = words + (" " if words and text[at - 1].isspace() else "")
    return left + " ".join(text[at:b].split()), len(left)


def _walk(q: str, canon: str, i: int, s: int) -> tuple[int, int]:
    """Advance through quote ``q`` from ``i`` and canonical source ``canon`` from ``s`` while
    they agree (a line-end hyphen of the source matches a hyphen or nothing)."""
    while i < len(q) and s < len(canon):
        if canon[s] == SOFT:
            i += q[i] == "-"
            s += 1
        elif q[i] == canon[s]:
            i += 1
            s += 1
        else:
            break
    return i, s


def _difference(q: str, canon: str, i: int, s: int) -> tuple[str, int, int]:
    """How quote and source differ at ``q[i]`` / ``canon[s]``: ``("insert", 0, k)`` where the
    source has ``k`` characters the quote leaves out, ``("delete", k, 0)`` where the quote has
    ``k`` the source does not, ``("replace", k, k)`` where ``k`` differ; the nearest way to
    agree again wins."""

    def agree(qa: int, sa: int) -> bool:
        part = q[qa : qa + _RESYNC]
        return canon[sa : sa + len(part)] == part

    for k in range(1, 12):
        if agree(i + k, s + k):  # also true where the quote ends after the k that differ
            return "replace", min(k, len(q) - i), k
        if agree(i, s + k):
            return "insert", 0, k
        if i + k < len(q) and agree(i + k, s):
            return "delete", k, 0
    if len(q) - i >= 12:  # a longer stretch that the quote skips (page furniture, say)
        far = canon.find(q[i : i + 16], s + 1, s + _FAR)
        if far > 0:
            return "insert", 0, far - s
    return "replace", 1, 1


def _furniture(text: str, a: int, b: int) -> str | None:
    """Whether ``text[a:b]`` (what the quote leaves out) is a footnote marker or whole lines."""
    skipped = text[a:b]
    if _FOOTNOTE.fullmatch("".join(skipped.split())):
        return "a footnote number"
    before = text[max(0, a - 200) : a]
    after = text[b : b + 200]
    before = before[len(before.rstrip()) :]  # the whitespace just before and just after
    after = after[: len(after) - len(after.lstrip())]
    if b - a <= 3000 and ("\n" in skipped or ("\n" in before and "\n" in after)):
        return "whole lines"
    return None


def _suggestion(target: str, q_offsets: Offsets, i: int) -> str:
    """The quote around canonical position ``i`` with ``...`` inserted there, a few words each side."""
    left = target[: q_offsets[i - 1] + 1].split()[-4:]
    right = target[q_offsets[i] :].split()[:4]
    return " ".join(left) + " ... " + " ".join(right)


def _start(q: str, canon: str, around: int) -> tuple[int, int]:
    """Where in the canonical source the quote's first character belongs, near ``around``,
    and how many characters at the start of the quote the source does not have there."""
    from difflib import SequenceMatcher  # here, not at the top: only a quote not found needs it

    slack = max(40, len(q) // 2)
    lo = max(0, around - slack)
    window = canon[lo : around + len(q) + slack]
    blocks = [b for b in SequenceMatcher(None, q, window, autojunk=False).get_matching_blocks() if b.size]
    if not blocks:
        return max(0, around), 0
    first = next((b for b in blocks if b.size >= 4), max(blocks, key=lambda b: b.size))
    if first.a and first.b >= first.a:
        # Is the quote's unmatched beginning a changed version of what the source has just
        # before, or words the source does not have?
        head, before = q[: first.a], window[first.b - first.a : first.b]
        if SequenceMatcher(None, head, before, autojunk=False).ratio() < 0.5:
            return lo + first.b, first.a
    return max(0, min(len(canon) - 1, lo + first.b - first.a)), 0


def closest(source: SourceText, quote: str) -> Hint | None:
    """The passage of ``source`` most like ``quote`` (which was not found), or None where
    nothing in the source is like it."""
    segments = split_segments(quote)
    canon = source.canonical
    if not segments or not canon:
        return None
    # Hint for the first segment that fails on its own: that is where the typo is.
    target = next((s for s in segments if source.find(s) is None), None)
    in_order = target is None
    target = target if target is not None else segments[0]
    _folded, q, q_offsets = prepare(target)
    if not q:
        return None
    size = 6 if len(q) >= 12 else max(2, len(q) // 2)
    votes: Counter[int] = Counter()
    for qpos in range(0, max(1, len(q) - size + 1), 2):
        gram = q[qpos : qpos + size]
        start = canon.find(gram)
        hits = 0
        while start != -1 and hits < 50:
            votes[start - qpos] += 1
            hits += 1
            start = canon.find(gram, start + 1)
    if not votes:
        return None
    begin, lead = _start(q, canon, votes.most_common(1)[0][0])
    offsets, text = source.offsets, source.text
    prefix = q[:16]
    if len(prefix) == 16 and canon[begin : begin + 16] != prefix:
        # The vote follows the longer part of a quote; where its first words occur verbatim a
        # little before (or after), with page furniture in between, the quote starts there.
        h = canon.rfind(prefix, max(0, begin - _FAR), begin)
        h = h if h >= 0 else canon.find(prefix, begin + 1, begin + _FAR)
        if h >= 0:
            begin, lead = h, 0
    found: tuple[str, int, int] | None = None
    if lead:
        i, s, found = 0, begin, ("delete", lead, 0)
    else:
        i, s = _walk(q, canon, 0, begin)
    first = offsets[begin]
    last = offsets[min(begin + len(q), len(canon)) - 1] + 1
    while first > 0 and text[first - 1].isalnum() and offsets[begin] - first < 40:  # whole words
        first -= 1
    while last < len(text) and text[last].isalnum() and last - first < 400:
        last += 1
    line, column = source.line_column(first)
    passage = source.excerpt(first, last)
    if in_order and len(segments) > 1:
        return Hint(line, column, passage,
                    what="each part between `...` occurs in the source, but not in this order")
    if in_order or i >= len(q) or s >= len(canon):  # agrees to the end of the quote or the source
        return Hint(line, column, passage)
    kind, dq, ds = found if found is not None else _difference(q, canon, i, s)
    at = offsets[s]
    theirs = " ".join(text[at : offsets[s + ds - 1] + 1].split()) if ds else ""
    ours = " ".join(target[q_offsets[i] : q_offsets[i + dq - 1] + 1].split()) if dq else ""
    suggestion = None
    if kind == "insert":
        furniture = _furniture(text, at, offsets[s + ds - 1] + 1)
        shown = theirs if len(theirs) <= 60 else theirs[:59] + "…"
        if furniture is not None and i > 0:
            what = f"the source has {shown!r} here ({furniture}?), which the quote leaves out"
            suggestion = _suggestion(target, q_offsets, i)
        else:
            what = f"the source has {shown!r} here, which the quote leaves out"
    elif kind == "delete":
        what = f"the quote has {ours!r} here, which the source does not"
    else:
        what = f"the quote has {ours!r} where the source has {theirs!r}"
    quote_part, in_quote = _around(target, q_offsets[i])
    source_part, in_source = _around(text, at)
    caret = max(in_quote, in_source)  # both lines padded so that the difference is in one column
    quote_part = " " * (caret - in_quote) + quote_part
    source_part = " " * (caret - in_source) + source_part
    diff_line, diff_column = source.line_column(at)
    return Hint(line, column, passage, quote_part, source_part, diff_line, diff_column, what, caret, suggestion)
