"""Argdown's token kinds (its token names) and the token and document classes the lexer makes."""

from __future__ import annotations

import bisect
import re

__all__ = ["Lexed", "Token"]

# Token kinds (Argdown's token names, shortened)
FRONT_MATTER = "FrontMatter"
DATA = "Data"
TEXT = "Text"
EMPTYLINE = "Emptyline"
NEWLINE = "Newline"
INDENT = "Indent"
DEDENT = "Dedent"
INFERENCE_START = "InferenceStart"
INFERENCE_END = "InferenceEnd"
LIST_DELIMITER = "ListDelimiter"
INCOMING_SUPPORT = "IncomingSupport"  # +>
INCOMING_ATTACK = "IncomingAttack"  # ->
OUTGOING_SUPPORT = "OutgoingSupport"  # + <+
OUTGOING_ATTACK = "OutgoingAttack"  # - <-
CONTRADICTION = "Contradiction"  # ><
INCOMING_UNDERCUT = "IncomingUndercut"  # _>
OUTGOING_UNDERCUT = "OutgoingUndercut"  # <_ _
HEADING_START = "HeadingStart"
STATEMENT_NUMBER = "StatementNumber"
ORDERED_LIST_ITEM = "OrderedListItem"
UNORDERED_LIST_ITEM = "UnorderedListItem"
LINK = "Link"
TAG = "Tag"
STATEMENT_DEFINITION = "StatementDefinition"
STATEMENT_REFERENCE = "StatementReference"
STATEMENT_MENTION = "StatementMention"
ARGUMENT_DEFINITION = "ArgumentDefinition"
ARGUMENT_REFERENCE = "ArgumentReference"
ARGUMENT_MENTION = "ArgumentMention"
# bold and italic ranges: (start kind, end kind) per range type
RANGES = {
    "AsteriskBold": ("AsteriskBoldStart", "AsteriskBoldEnd", "**"),
    "UnderscoreBold": ("UnderscoreBoldStart", "UnderscoreBoldEnd", "__"),
    "AsteriskItalic": ("AsteriskItalicStart", "AsteriskItalicEnd", "*"),
    "UnderscoreItalic": ("UnderscoreItalicStart", "UnderscoreItalicEnd", "_"),
}
RANGE_STARTS = {start: (name, end) for name, (start, end, _m) in RANGES.items()}
RANGE_ENDS = {end for _s, end, _m in RANGES.values()}
RELATIONS = (
    INCOMING_SUPPORT,
    INCOMING_ATTACK,
    OUTGOING_SUPPORT,
    OUTGOING_ATTACK,
    CONTRADICTION,
    INCOMING_UNDERCUT,
    OUTGOING_UNDERCUT,
)

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Token:
    """One token: its kind, the characters it covers, where it starts (a character offset)
    and, for TEXT, the text Argdown's model makes of it."""

    __slots__ = ("image", "kind", "start", "text")

    def __init__(self, kind: str, image: str, start: int, text: str | None = None) -> None:
        self.kind = kind
        self.image = image
        self.start = start
        self.text = image if text is None else text

    def __repr__(self) -> str:
        return f"Token({self.kind}, {self.image!r}, {self.start})"


class Lexed:
    """The tokens of a document, the offsets of characters no Argdown token matches, and
    line and column (1-based) of any offset."""

    def __init__(self, text: str, tokens: list[Token], unreadable: list[int]) -> None:
        self.text = text
        self.tokens = tokens
        self.unreadable = unreadable
        self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column (1-based) of a character offset."""
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1
