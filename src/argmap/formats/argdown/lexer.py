"""Argdown's lexical layer as argmap reads it: braces, escapes, comments, inline markup, data."""

from __future__ import annotations

import json
import re
from typing import Any

import attrs
import yaml

_MAX_TITLE = 1000  # characters in a title, tag or link text: more is not Argdown, just noise
_BRACE = re.compile(r"\\.|[{}]", re.DOTALL)
_TAG_WORD = re.compile(r"[A-Za-z0-9\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+")
_COMMENT_SPECIAL = re.compile(r"[\\{\[</]")
_INLINE_SPECIAL = re.compile(r"[\\{#@\[*_]")
_NOT_NEWLINE = re.compile(r"[^\n]")
_FRONT_MATTER_END = re.compile(r"===+")
_RELATION = re.compile(r"(\+>|->|<\+|<-|><|_>|<_|\+|-|_(?=\s))")
# Tried once per line; bounded, so a long line of ``[`` costs little.
_DEFINITION = re.compile(r"(\[([^\]\n]{1,1000})\]|<([^>\n]{1,1000})>)(:?)")
_NUMBER = re.compile(r"\((\d+)\)")
_HEADING = re.compile(r"(#+) ")
_LIST = re.compile(r"(\*|\d+\.)\s")
_INFERENCE = re.compile(r"-{2,}")


def _braces(text: str) -> dict[int, int]:
    """For each ``{`` that opens a data block, the offset just after its matching ``}``.

    One pass with a stack, so that no input makes the importer slow; escaped braces are
    text, as in Argdown (argmap's exports escape braces inside data strings as ``\\u007b``).
    """
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for found in _BRACE.finditer(text):
        ch = found.group()
        if ch == "{":
            stack.append(found.start())
        elif ch == "}" and stack:
            pairs[stack.pop()] = found.end()
    return pairs


class _Scanner:
    """Finds links, mentions and parenthesised tags in a text in linear time overall.

    Each closing character's next offset is cached, so that a text made of thousands of
    ``[`` (or ``@[``, ``#(``) is read once, not once per opening character.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        # closing character -> (where the search started, the offset found or -1)
        self.next: dict[str, tuple[int, int]] = {}

    def find(self, ch: str, start: int) -> int:
        origin, found = self.next.get(ch, (len(self.text) + 1, -1))
        if origin <= start and (found == -1 or found >= start):
            return found
        found = self.text.find(ch, start)
        self.next[ch] = (start, found)
        return found

    def closed(self, start: int, close: str) -> int | None:
        """The offset of ``close`` ending the bracket that opens at ``start``, on its line."""
        end = self.find(close, start + 1)
        if end == -1 or not 1 < end - start <= _MAX_TITLE:
            return None
        newline = self.find("\n", start + 1)
        return end if newline == -1 or newline > end else None

    def link(self, start: int) -> tuple[str, int] | None:
        """``[text](url)`` at ``start``: its text and end."""
        end = self.closed(start, "]")
        if end is None or self.text[end + 1 : end + 2] != "(":
            return None
        stop = self.closed(end + 1, ")")
        return (self.text[start + 1 : end], stop + 1) if stop is not None else None

    def mention(self, start: int) -> tuple[str, int] | None:
        """``@[title]`` or ``@<title>`` at ``start``: the title and end."""
        opener = self.text[start + 1 : start + 2]
        if opener not in ("[", "<"):
            return None
        end = self.closed(start + 1, "]" if opener == "[" else ">")
        return (self.text[start + 2 : end], end + 1) if end is not None else None

    def tag(self, start: int) -> tuple[str, int] | None:
        """``#tag`` or ``#(tag text)`` at ``start``: the tag and end."""
        if self.text[start + 1 : start + 2] == "(":
            end = self.closed(start + 1, ")")
            return (self.text[start + 2 : end], end + 1) if end is not None else None
        word = _TAG_WORD.match(self.text, start + 1)
        return (word.group(), word.end()) if word is not None else None


def _strip_comments(text: str) -> tuple[str, set[int]]:
    """The text with comments blanked out (line breaks kept, so lines keep their numbers),
    and the (0-based) numbers of the lines comments touch."""
    touched: set[int] = set()
    out: list[str] = []
    pairs = _braces(text)
    scan = _Scanner(text)
    line = 0
    i = 0
    n = len(text)
    while i < n:
        special = _COMMENT_SPECIAL.search(text, i)
        stop = special.start() if special is not None else n
        if stop > i:
            out.append(text[i:stop])
            line += text.count("\n", i, stop)
            i = stop
            if i >= n:
                break
        ch = text[i]
        end = -1
        if ch == "\\":
            out.append(text[i : i + 2])
            line += text.count("\n", i, i + 2)
            i += 2
            continue
        if ch == "{" and i in pairs:
            out.append(text[i : pairs[i]])
            line += text.count("\n", i, pairs[i])
            i = pairs[i]
            continue
        if ch == "[":
            link = scan.link(i)
            if link is not None:
                out.append(text[i : link[1]])
                i = link[1]
                continue
        elif text.startswith("<!--", i):
            found = text.find("-->", i + 4)
            end = n if found < 0 else found + 3
        elif text.startswith("/*", i):
            found = text.find("*/", i + 2)
            end = n if found < 0 else found + 2
        elif text.startswith("//", i):
            found = text.find("\n", i)
            end = n if found < 0 else found
        if end >= 0:
            breaks = text.count("\n", i, end)
            touched.update(range(line, line + breaks + 1))
            line += breaks
            out.append(_NOT_NEWLINE.sub(" ", text[i:end]))
            i = end
            continue
        out.append(ch)
        i += 1
    return "".join(out), touched


@attrs.define
class _Text:
    """The readable text of an element, with its tags, data blocks and mentions."""

    text: str = ""
    tags: list[str] = attrs.Factory(list)
    data: list[str] = attrs.Factory(list)


def _inline(source: str) -> _Text:
    """Split Argdown inline text into plain text, tags and data blocks; resolve escapes."""
    result = _Text()
    out: list[str] = []
    ranges: list[str] = []
    pairs = _braces(source)
    scan = _Scanner(source)
    i = 0
    n = len(source)
    while i < n:
        special = _INLINE_SPECIAL.search(source, i)
        stop = special.start() if special is not None else n
        if stop > i:
            out.append(source[i:stop])
            i = stop
            if i >= n:
                break
        ch = source[i]
        if ch == "\\" and i + 1 < n:
            out.append(source[i + 1])
            i += 2
            continue
        found: tuple[str, int] | None = None
        if ch == "{" and i in pairs:
            result.data.append(source[i : pairs[i]])
            i = pairs[i]
            continue
        if ch == "#":
            found = scan.tag(i)
            if found is not None:
                result.tags.append(found[0])
                i = found[1]
                continue
        elif ch == "@":
            found = scan.mention(i)
        elif ch == "[":
            found = scan.link(i)
        if found is not None:
            out.append(found[0])
            i = found[1]
            continue
        if ch in "*_":
            mark = source[i : i + 2] if source[i : i + 2] == ch * 2 else ch
            after = source[i + len(mark) : i + len(mark) + 1]
            before = source[i - 1] if i else " "
            if ranges and ranges[-1] == mark and not before.isspace():
                ranges.pop()
                i += len(mark)
                continue
            if after and not after.isspace():
                ranges.append(mark)
                i += len(mark)
                continue
        out.append(ch)
        i += 1
    result.text = " ".join("".join(out).split())
    return result


def _data(raw: str) -> Any:
    """A data block's value: JSON (as argmap writes it) or YAML flow syntax (as people do)."""
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        pass
    try:
        return yaml.safe_load(raw)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None

