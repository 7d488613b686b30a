"""Argdown's tokens, cut as the lexer of @argdown/core 1.7.5 cuts them.

Argdown's lexer (Chevrotain) tries its token patterns in a fixed order at each position and
takes the first that matches; several patterns look at the token before (a relation only
starts a line) and keep state (the indentation stack that makes Indent and Dedent tokens, the
open bold and italic ranges). This module follows that order and that state rule for rule, so
that a document is cut into the same tokens, with three differences that change no parse:
runs of plain text (Argdown's Freestyle, UnusedControlChar, EscapedChar and SpecialChar
tokens) are merged into one TEXT token holding the text Argdown's model makes of them
(escapes resolved; Argdown's shortcodes such as ``.->.`` kept as written); comments and
spaces, which Argdown skips, make no token; and a character no pattern matches (a backslash
before a line break or at the end) is read as text and reported, where Argdown stops.

Patterns that would scan to the end of the text from every opening character (``[``, ``{``,
``<!--``, ``===``) use cached searches, so that the time stays linear in the text's length.
JavaScript's character classes are written out: its ``.`` excludes U+2028 and U+2029, its
``\\s`` differs from Python's, and Argdown's indentation class ``[' '\\t]`` holds the
apostrophe as well as space and tab.
"""

from __future__ import annotations

import bisect
import re

__all__ = ["tokenize"]

from argmap.formats.argdown.tokens import (
    ARGUMENT_DEFINITION,
    ARGUMENT_MENTION,
    ARGUMENT_REFERENCE,
    CONTRADICTION,
    DATA,
    DEDENT,
    EMPTYLINE,
    FRONT_MATTER,
    HEADING_START,
    INCOMING_ATTACK,
    INCOMING_SUPPORT,
    INCOMING_UNDERCUT,
    INDENT,
    INFERENCE_END,
    INFERENCE_START,
    LINK,
    LIST_DELIMITER,
    NEWLINE,
    ORDERED_LIST_ITEM,
    OUTGOING_ATTACK,
    OUTGOING_SUPPORT,
    OUTGOING_UNDERCUT,
    RANGES,
    STATEMENT_DEFINITION,
    STATEMENT_MENTION,
    STATEMENT_NUMBER,
    STATEMENT_REFERENCE,
    TAG,
    TEXT,
    UNORDERED_LIST_ITEM,
    Lexed,
    Token,
)

_WS = "\t\n\x0b\x0c\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"  # JS \s
_NOT_DOT = "\n\r\u2028\u2029"  # what JavaScript's `.` does not match
_INDENT_CHARS = "' \t"
_FREESTYLE = re.compile(r"[^\\@#*_\[\],.:;</>\-\r\n(){}]+")
_FREESTYLE_INFERENCE = _FREESTYLE
_CONTROL = re.compile(r"[@#*_\[\],.:;</>\-(){}][ \t]?")
_SPACES = re.compile(r"[ \t]+")
_NEWLINE = re.compile(r"[ \t]*(?:\r\n|\n|\r)")
_EMPTYLINE = re.compile(r"(?:[ \t]*(?:\r\n|\n)){2,}")
_ESCAPED = re.compile(rf"\\[^{_NOT_DOT}] *")
_INDENTATION = re.compile(r"[' \t]*")
_STATEMENT_NUMBER = re.compile(r"[' \t]*\([0-9]+\)")
_ORDERED_ITEM = re.compile(rf"([' \t]*)[0-9]+\.(?=[{_WS}])")
_UNORDERED_ITEM = re.compile(rf"([' \t]*)\*(?=[{_WS}])")
_HEADING = re.compile(r"#+ ")
_TAG_WORD = re.compile(r"#[a-zA-z0-9\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+[ \t]?")
_TRAILING_BLANKS = re.compile(r"[ \t]?")
_INFERENCE_END = re.compile(r"-{2,}")
_END_FOLLOW = re.compile(r"(?:[ \t]|(?=[\n\r)}_.,!?;:\-*]|\Z))")
_COMMENT_AFTER_EMPTYLINE = re.compile(r"(?:[ \t]*\r\n|\n|\r)*")
_COMMENT_AFTER_NEWLINE = re.compile(r"(?:[ \t]*(?:\r\n|\n|\r)(?![ \t]*(?:\r\n|\n|\r)))?")
_ANY_LINE_END = re.compile(f"[{_NOT_DOT}]")
_PARAGRAPH_SEPARATORS = re.compile("[\u2028\u2029]")
_CR_OR_SEPARATOR = re.compile("[\r\u2028\u2029]")
_JS_SPACE = re.compile(f"[{_WS}]")
_DATA_STOP = re.compile(f"[\r\u2028\u2029]|}}[{_WS}][^,}}]")
_VALID_DATA_END = re.compile(f"}}(?![{_WS}]*[,}}])")
_PLAIN_RUNS: dict[str, re.Pattern[str]] = {}
# Inside a line, these characters start nothing but text: control characters that only begin
# a token at the start of a line, and runs of Freestyle text (not starting with a blank,
# which Argdown skips, nor with "=", where front matter is tried).
_FREESTYLE_RUN = r"[^= \t\\@#*_\[\],.:;</>\-\r\n(){}][^\\@#*_\[\],.:;</>\-\r\n(){}]*"
_PLAIN_START = frozenset(",;)]}>-(.:")
_NOT_PLAIN = frozenset("= \t\\@#*_[],.:;</>-\r\n(){}")


class _Finder:
    """The next occurrence of a string or pattern at or after a position, cached per needle,
    so that searches from rising positions take linear time overall."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cache: dict[object, tuple[int, int]] = {}

    def find(self, needle: str | re.Pattern[str], start: int) -> int:
        origin, found = self.cache.get(needle, (len(self.text) + 1, -1))
        if origin <= start and (found == -1 or found >= start):
            return found
        if isinstance(needle, str):
            found = self.text.find(needle, start)
        else:
            match = needle.search(self.text, start)
            found = match.start() if match is not None else -1
        self.cache[needle] = (start, found)
        return found


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.tokens: list[Token] = []
        self.indents = [0]
        self.ranges: list[str] = []
        self.inference = False
        self.unreadable: list[int] = []
        self.find = _Finder(text).find
        self._data_ends: list[int] | None = None
        self._images: list[str] = []  # the pieces of the TEXT token being extended
        self._texts: list[str] = []
        self.dead = ""  # characters that can start no markup token from here on

    # --- state shared by the patterns ---------------------------------------------------

    def last(self) -> str | None:
        return self.tokens[-1].kind if self.tokens else None

    def push(self, kind: str, image: str, start: int, text: str | None = None) -> None:
        if kind == TEXT and self._images:  # runs of text make one token (joined in flush)
            self._images.append(image)
            self._texts.append(image if text is None else text)
            return
        self.add(Token(kind, image, start, text))
        if kind == TEXT:
            self._images, self._texts = [image], [image if text is None else text]

    def add(self, token: Token) -> None:
        self.flush()
        self.tokens.append(token)

    def flush(self) -> None:
        if self._images:
            self.tokens[-1].image = "".join(self._images)
            self.tokens[-1].text = "".join(self._texts)
            self._images, self._texts = [], []

    def dedent_all(self, at: int) -> None:
        while len(self.indents) > 1:
            self.add(Token(DEDENT, "", at))
            self.indents.pop()

    def indent_to(self, width: int, at: int) -> None:
        """Argdown's emitIndentOrDedent: one Indent, or Dedents down to the level below."""
        last = self.indents[-1]
        if width > last:
            self.indents.append(width)
            self.add(Token(INDENT, "", at))
        elif width < last:
            while len(self.indents) > 1 and width < last:
                self.indents.pop()
                last = self.indents[-1]
                self.add(Token(DEDENT, "", at))

    # --- the patterns, each returning the end of its match or None ----------------------

    def comment(self, i: int) -> int | None:
        text = self.text
        if text.startswith("<!--", i):
            end = self.find("-->", i + 4)
            if end == -1 or -1 < self.find(_PARAGRAPH_SEPARATORS, i + 4) < end:
                return None
            end += 3
        elif text.startswith("/*", i):
            end = self.find("*/", i + 2)
            if end == -1 or -1 < self.find(_PARAGRAPH_SEPARATORS, i + 2) < end:
                return None
            end += 2
        elif text.startswith("//", i):
            end = self.find(_ANY_LINE_END, i + 2)
            if end == -1 or text[end] in "\u2028\u2029":
                return None
        else:
            return None
        last = self.last()
        if last == EMPTYLINE:
            found = _COMMENT_AFTER_EMPTYLINE.match(text, end)
            end = found.end() if found else end
        elif last == NEWLINE:
            found = _COMMENT_AFTER_NEWLINE.match(text, end)
            end = found.end() if found else end
        return end

    def front_matter(self, i: int) -> int | None:
        text = self.text
        if not text.startswith("===", i):
            return None
        run = self._run(i, "=")
        close = self.find("===", i + run)
        if close != -1:
            return close + self._run(close, "=")
        return i + run if run >= 6 else None

    def _run(self, i: int, ch: str) -> int:
        j = i
        while j < self.n and self.text[j] == ch:
            j += 1
        return j - i

    def data(self, i: int) -> int | None:
        """``{((?!}\\s[^,}])(.|\\n))*}(?!\\s*(,|}))``, without scanning from every brace."""
        stop = self.find(_DATA_STOP, i + 1)
        limit = self.n - 1 if stop == -1 else stop
        if self._data_ends is None:
            self._data_ends = [m.start() for m in _VALID_DATA_END.finditer(self.text)]
        k = bisect.bisect_right(self._data_ends, limit) - 1
        if k >= 0 and self._data_ends[k] >= i + 1:
            return self._data_ends[k] + 1
        return None

    def special_char(self, i: int) -> int | None:
        """``.name.`` or ``:name:`` (Argdown's shortcodes), no whitespace inside."""
        mark = self.text[i]
        close = self.find(mark, i + 2)
        if close == -1:
            return None
        space = self.find(_JS_SPACE, i + 1)
        if space != -1 and space < close:
            return None
        return _TRAILING_BLANKS.match(self.text, close + 1).end()  # type: ignore[union-attr]

    def bracketed(self, i: int, opener: int, close: str, min_inner: int, first_not: str = "") -> int | None:
        """The end of ``close`` after a title starting at ``opener`` on one line (JS ``.+?``
        or ``[^-].*?``), or None."""
        text = self.text
        if first_not:  # `[^-].*?`: one character that is not "-" (a line break may be it)
            if opener >= self.n or text[opener] == first_not:
                return None
            end = self.find(close, opener + 1)
            line_end = self.find(_ANY_LINE_END, opener + 1)
        else:
            end = self.find(close, opener + min_inner)
            line_end = self.find(_ANY_LINE_END, opener)
        if end == -1 or (line_end != -1 and line_end < end):
            return None
        return end + len(close)

    def link(self, i: int) -> int | None:
        """``[text](url)`` with an optional trailing blank; text and url may span lines."""
        close = self.find("]", i + 1)
        if close < i + 2 or not self.text.startswith("(", close + 1):
            return None
        end = self.find(")", close + 2)
        if end < close + 3:
            return None
        return _TRAILING_BLANKS.match(self.text, end + 1).end()  # type: ignore[union-attr]

    def tag(self, i: int) -> int | None:
        if self.text.startswith("#(", i):
            end = self.find(")", i + 2)
            if end < i + 3:
                return None
            return _TRAILING_BLANKS.match(self.text, end + 1).end()  # type: ignore[union-attr]
        found = _TAG_WORD.match(self.text, i)
        return found.end() if found else None

    def mention(self, i: int) -> int | None:
        close = {"[": "]", "<": ">"}.get(self.text[i + 1 : i + 2])
        if close is None:
            return None
        end = self.bracketed(i, i + 2, close, 1)
        if end is None:
            return None
        return _TRAILING_BLANKS.match(self.text, end).end()  # type: ignore[union-attr]

    def range_end(self, i: int, ch: str) -> tuple[str, int] | None:
        if not self.ranges or not self.tokens:
            return None
        for name in ("AsteriskBold", "UnderscoreBold", "AsteriskItalic", "UnderscoreItalic"):
            _start, end_kind, mark = RANGES[name]
            if mark[0] != ch or self.ranges[-1] != name or not self.text.startswith(mark, i):
                continue
            follow = _END_FOLLOW.match(self.text, i + len(mark))
            if follow is not None:
                self.ranges.pop()
                return end_kind, follow.end()
        return None

    def range_start(self, i: int, ch: str) -> tuple[str, int] | None:
        for name in ("AsteriskBold", "UnderscoreBold", "AsteriskItalic", "UnderscoreItalic"):
            start_kind, _end, mark = RANGES[name]
            if mark[0] != ch or not self.text.startswith(mark, i):
                continue
            after = self.text[i + len(mark) : i + len(mark) + 1]
            if after and _JS_SPACE.match(after):
                continue
            self.ranges.append(name)
            return start_kind, i + len(mark)
        return None

    def line_start(self, i: int) -> bool:
        """The tokens that begin a line are tried: the first token, or one after a line break
        (InferenceStart only after a single line break)."""
        last = self.last()
        text = self.text
        indent = _INDENTATION.match(text, i).end()  # type: ignore[union-attr]
        rest = text[indent : indent + 2]
        width = indent - i
        if (last is None or last == NEWLINE) and rest == "--":
            self.dedent_all(i)
            self.add(Token(INFERENCE_START, text[i : indent + 2], i))
            self.inference = True
            return True
        if last is not None and last not in (NEWLINE, EMPTYLINE):
            return False
        kind, size = None, 0
        if rest == "+>":
            kind, size = INCOMING_SUPPORT, 2
        elif rest == "->":
            kind, size = INCOMING_ATTACK, 2
        elif rest == "<+" or rest[:1] == "+":
            kind, size = OUTGOING_SUPPORT, 2 if rest == "<+" else 1
        elif rest == "<-" or rest[:1] == "-":
            kind, size = OUTGOING_ATTACK, 2 if rest == "<-" else 1
        elif rest == "><":
            kind, size = CONTRADICTION, 2
        elif rest == "_>":
            kind, size = INCOMING_UNDERCUT, 2
        elif rest == "<_":
            kind, size = OUTGOING_UNDERCUT, 2
        elif rest[:1] == "_" and _JS_SPACE.match(text, indent + 1):
            kind, size = OUTGOING_UNDERCUT, 1
        if kind is not None:
            self.indent_to(width, i)
            self.add(Token(kind, text[i : indent + size], i))
            return True
        if i == indent and (found := _HEADING.match(text, i)) is not None:
            self.add(Token(HEADING_START, found.group(), i))
            return True
        if (found := _STATEMENT_NUMBER.match(text, i)) is not None:
            self.dedent_all(i)
            self.add(Token(STATEMENT_NUMBER, found.group(), i))
            return True
        for pattern, kind in ((_ORDERED_ITEM, ORDERED_LIST_ITEM), (_UNORDERED_ITEM, UNORDERED_LIST_ITEM)):
            if (found := pattern.match(text, i)) is not None:
                self.indent_to(len(found.group(1)) + 1, i)
                self.add(Token(kind, found.group(), i))
                return True
        return False

    def dead_run(self, i: int, ch: str) -> int | None:
        """The end of a run of characters that can start no markup token any more (no
        closing bracket or data block follows), read at once: Argdown reads each as text, and
        this keeps a megabyte of ``[`` from costing a megabyte of failed searches."""
        if ch not in self.dead:
            if ch == "[":
                dead = self.find("]", i + 1) == -1
            elif ch == "@":
                dead = self.find("]", i + 1) == -1 and self.find(">", i + 1) == -1
            elif ch == "<":  # no ">": no title, and no "-->" to close a comment either
                dead = self.find(">", i + 1) == -1
            elif ch == "{":
                self.data(i)
                dead = not self._data_ends or self._data_ends[-1] <= i
            else:
                return None
            if not dead:
                return None
            self.dead += ch
        if not self.tokens or self.last() in (NEWLINE, EMPTYLINE):
            return None  # at the start of a line, "<" may start a relation
        found = self.plain_run().match(self.text, i)
        return found.end() if found is not None else None

    def plain_run(self) -> re.Pattern[str]:
        """Inside a line: control characters that start a token only at the start of a line,
        ``.`` and ``:`` before a blank (no shortcode can start there), characters that can
        open no bracket any more (``self.dead``), and Freestyle text not starting with a blank
        (which Argdown skips) or ``=`` (where front matter is tried): all read as text."""
        pattern = _PLAIN_RUNS.get(self.dead)
        if pattern is None:
            control = re.escape(",;)]}>-(" + self.dead)
            pattern = re.compile(
                rf"(?:[{control}][ \t]?|[.:](?=[{_WS}]|\Z)[ \t]?|{_FREESTYLE_RUN})+"
            )
            _PLAIN_RUNS[self.dead] = pattern
        return pattern

    # --- the loop -------------------------------------------------------------------------

    def run(self) -> list[Token]:
        text, n = self.text, self.n
        i = 0
        while i < n:
            ch = text[i]
            if (
                not self.inference
                and (ch in _PLAIN_START or ch in self.dead or ch not in _NOT_PLAIN)
                and self.tokens
                and self.tokens[-1].kind not in (NEWLINE, EMPTYLINE)
                and (found := self.plain_run().match(text, i)) is not None
            ):
                self.push(TEXT, found.group(), i)
                i = found.end()
                continue
            if ch in "[@<{" and not self.inference and (end := self.dead_run(i, ch)) is not None:
                self.push(TEXT, text[i:end], i)
                i = end
                continue
            end = self.comment(i) if ch in "</" else None
            if end is not None:
                i = end
                continue
            if self.inference:
                i = self.inference_token(i, ch)
                continue
            if ch == "=" and (end := self.front_matter(i)) is not None:
                self.push(FRONT_MATTER, text[i:end], i)
            elif ch == "{" and (end := self.data(i)) is not None:
                self.push(DATA, text[i:end], i)
            elif ch == "\\" and (found := _ESCAPED.match(text, i)) is not None:
                end = found.end()
                self.push(TEXT, text[i:end], i, text[i + 1 : end])
            elif ch in ".:" and (end := self.special_char(i)) is not None:
                self.push(TEXT, text[i:end], i)
            elif ch in " \t\r\n" and self.last() != EMPTYLINE and (found := _EMPTYLINE.match(text, i)):
                end = found.end()
                if end < n:
                    self.dedent_all(i)
                self.push(EMPTYLINE, found.group(), i)
            elif ch in " \t\r\n" and (found := _NEWLINE.match(text, i)) is not None:
                end = found.end()
                self.push(NEWLINE, found.group(), i)
            elif (
                ch in "' \t+-<>_#(*0123456789"
                and (not self.tokens or self.last() in (NEWLINE, EMPTYLINE))
                and self.line_start(i)
            ):
                end = i + len(self.tokens[-1].image)
            elif ch in "*_" and (found_range := self.range_end(i, ch) or self.range_start(i, ch)):
                kind, end = found_range
                self.push(kind, text[i:end], i)
            elif ch in "[#@<" and (found_kind := self.markup(i, ch)) is not None:
                kind, end = found_kind
                self.push(kind, text[i:end], i)
            elif ch in " \t" and (found := _SPACES.match(text, i)) is not None:
                end = found.end()
            elif (found := _FREESTYLE.match(text, i)) is not None or (found := _CONTROL.match(text, i)) is not None:
                end = found.end()
                self.push(TEXT, found.group(), i)
            else:  # a backslash with nothing it could escape: Argdown's lexer stops here
                self.unreadable.append(i)
                end = i + 1
                self.push(TEXT, ch, i)
            i = end
        self.flush()
        if self.tokens and self.tokens[-1].kind == EMPTYLINE:
            self.tokens.pop()
        self.dedent_all(n)
        return self.tokens

    def markup(self, i: int, ch: str) -> tuple[str, int] | None:
        """Links, tags, titles and mentions, in Argdown's order."""
        end: int | None
        if ch == "[":
            if (end := self.link(i)) is not None:
                return LINK, end
            if (end := self.bracketed(i, i + 1, "]:", 1)) is not None:
                return STATEMENT_DEFINITION, end
            if (end := self.bracketed(i, i + 1, "]", 0, "-")) is not None:
                return STATEMENT_REFERENCE, end
        elif ch == "#":
            if (end := self.tag(i)) is not None:
                return TAG, end
        elif ch == "@":
            if (end := self.mention(i)) is not None:
                return (STATEMENT_MENTION if self.text[i + 1] == "[" else ARGUMENT_MENTION), end
        elif ch == "<":
            if (end := self.bracketed(i, i + 1, ">:", 1)) is not None:
                return ARGUMENT_DEFINITION, end
            if (end := self.bracketed(i, i + 1, ">", 0, "-")) is not None:
                return ARGUMENT_REFERENCE, end
        return None

    def inference_token(self, i: int, ch: str) -> int:
        """One token in the inference line between ``--`` and ``--``."""
        text = self.text
        if ch in " \t\r\n" and (found := _NEWLINE.match(text, i)) is not None:
            self.push(NEWLINE, found.group(), i)
            return found.end()
        if ch == "\\" and (found := _ESCAPED.match(text, i)) is not None:
            self.push(TEXT, found.group(), i, found.group()[1:])
            return found.end()
        if ch in ".:" and (end := self.special_char(i)) is not None:
            self.push(TEXT, text[i:end], i)
            return end
        if ch == "-" and (found := _INFERENCE_END.match(text, i)) is not None:
            self.push(INFERENCE_END, found.group(), i)
            self.inference = False
            return found.end()
        if ch == "{" and (end := self.data(i)) is not None:
            self.push(DATA, text[i:end], i)
            return end
        if ch == ",":
            self.push(LIST_DELIMITER, ",", i)
            return i + 1
        if ch in " \t" and (found := _SPACES.match(text, i)) is not None:
            return found.end()
        if (found := _FREESTYLE_INFERENCE.match(text, i)) is not None or (
            found := _CONTROL.match(text, i)
        ) is not None:
            self.push(TEXT, found.group(), i)
            return found.end()
        self.unreadable.append(i)
        self.push(TEXT, ch, i)
        return i + 1


def tokenize(text: str) -> Lexed:
    """Cut an Argdown document into tokens as Argdown 1.7.5's lexer does (see the module)."""
    lexer = _Lexer(text)
    return Lexed(text, lexer.run(), lexer.unreadable)
