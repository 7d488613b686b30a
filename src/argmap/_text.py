"""Text helpers every output shares: one line, shortening, curly quotes, invisible characters,
runs of author numbers, and the one Markdown escaper and the HTML escapers.

Format-specific quoting that only one writer needs (DOT strings, LaTeX, CSV, Argdown) lives
beside that writer; anything two outputs need lives here, written once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = [
    "escape_html",
    "escape_markdown",
    "html_lines",
    "one_line",
    "quoted",
    "runs",
    "shorten",
    "show_controls",
    "visible",
]


def runs(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """The distinct numbers as runs of consecutive ones, ``(first, last)`` in order:
    ``[1, 2, 3, 7]`` gives ``[(1, 3), (7, 7)]``. For lists of author numbers."""
    ordered = sorted(set(numbers))
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        out.append((ordered[i], ordered[j]))
        i = j + 1
    return out


def one_line(text: str) -> str:
    """``text`` with every run of white space (line breaks included) one space, trimmed."""
    return " ".join(text.split())


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters (0: no
    limit), `` …`` marking the cut."""
    text = one_line(text)
    if limit <= 0 or len(text) <= limit:
        return text
    cut = text[: max(1, limit - 2)]
    space = cut.rfind(" ")
    if text[len(cut)] != " " and space > limit // 2:  # not at the end of a word: back to the last one
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + " …"


def quoted(text: str) -> str:
    """``text`` on one line between curly double quotation marks."""
    return f"\u201c{one_line(text)}\u201d"


_INVISIBLE = frozenset("\u061c\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\ufffe\uffff")
_WHITESPACE = frozenset("\t\n\r")


def _invisible(ch: str) -> bool:
    return ch in _INVISIBLE or (ch not in _WHITESPACE and unicodedata.category(ch) in ("Cc", "Cf", "Cs"))


def visible(text: str) -> str:
    """``text`` with every invisible control or format character shown as ``[U+XXXX]``.

    Zero-width characters and right-to-left overrides can make a label read differently from
    what the file says, and control characters are not allowed in SVG; showing them keeps a
    drawing honest. Tabs and line breaks are kept.
    """
    if text.isprintable() or _without_breaks(text).isprintable():  # the common case, checked in C
        return text
    return "".join(f"[U+{ord(ch):04X}]" if _invisible(ch) else ch for ch in text)


def _without_breaks(text: str) -> str:
    """``text`` without tabs and line breaks, the only non-printable characters that
    :func:`visible` keeps as they are: where the rest is printable, nothing is invisible."""
    return text.replace("\n", "").replace("\t", "").replace("\r", "")


def show_controls(text: str) -> str:
    """Control characters other than tab and line break (which HTML forbids) shown as
    ``[U+XXXX]``; format characters (zero-width, direction marks) are kept as they are."""
    if text.isprintable():
        return text
    return "".join(f"[U+{ord(ch):04X}]" if ch not in "\t\n" and unicodedata.category(ch) == "Cc" else ch
                   for ch in text)


# --- Markdown ----------------------------------------------------------------------------------

# Backslash escapes work for every ASCII punctuation mark in CommonMark; these are the ones
# that can start emphasis, code, links, footnotes, strikethrough, math (GitHub) or headings,
# or end a table cell. `<` and `>` become entities so that no HTML gets through, and so does an
# `&` that would start an entity (a lone `&` is plain text and stays legible).
_MD = {c: f"\\{c}" for c in "\\`*_[]|#~$!"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_MD_SPECIAL = re.compile("[" + re.escape("".join(c for c in _MD if c != "&")) + "]|&(?=#?[A-Za-z0-9]+;)")
# Characters that would end or break a Markdown table row.
_MD_BREAKS = re.compile("[\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]")


def _md_edges(text: str) -> str:
    """White space other than plain spaces at either end written as character references,
    which Markdown does not trim (a no-break space that opens a cell stays)."""
    start, end = len(text) - len(text.lstrip()), len(text.rstrip())
    if text[:start].strip(" ") == "" and text[end:].strip(" ") == "":
        return text

    def refer(part: str) -> str:
        return "".join(ch if ch == " " else f"&#x{ord(ch):X};" for ch in part)

    return refer(text[:start]) + text[start:end] + refer(text[end:])


def escape_markdown(text: str) -> str:
    """Text that GitHub-flavoured Markdown shows exactly as written, also inside a table cell:
    every character that could start markup is escaped, ``< > &`` become entities where they
    could be read as HTML, each line break becomes ``<br>``. Other characters are kept."""
    text = show_controls(_MD_BREAKS.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n")))
    return _md_edges("<br>".join(_MD_SPECIAL.sub(lambda m: _MD[m.group()], line.replace("\t", " "))
                                 for line in text.split("\n")))


# --- HTML --------------------------------------------------------------------------------------


def escape_html(text: str, *, attribute: bool = True) -> str:
    """Text safe in HTML content and (by default) in a double-quoted attribute value:
    ``& < >`` and, for attributes, quotation marks escaped; line breaks kept as ``\\n``;
    control characters shown as ``[U+XXXX]``."""
    # What html.escape does, without importing the html package (and its table of entities).
    # Each replace only where its character occurs (most texts hold none): about a third
    # quicker over a report's 13,000 texts than every replace on every text, and the same.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isprintable():
        text = show_controls(text)
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if attribute:
        if '"' in text:
            text = text.replace('"', "&quot;")
        if "'" in text:
            text = text.replace("'", "&#x27;")
    return text


def html_lines(text: str) -> str:
    """Text escaped for HTML content with each line break a ``<br>``."""
    return "<br>".join(escape_html(line, attribute=False) for line in text.split("\n"))
