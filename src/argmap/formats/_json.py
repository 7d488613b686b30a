"""A JSON reader that keeps the line and column of every value.

Python's :mod:`json` reports positions only for syntax errors, but a user who gives a wrong
type three levels down needs to know where it is. This parser builds the same
position-carrying node tree as argmap's YAML front end (``yaml.ScalarNode``,
``MappingNode``, ``SequenceNode``), so that argmap's JSON goes through the very checks the
YAML loader applies. Strings are decoded by :mod:`json`'s C scanner. Duplicate keys, lone
surrogates (which UTF-8 cannot hold) and nesting deeper than :data:`MAX_DEPTH` are errors.
The parser is iterative: no input can exhaust the Python stack.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import re
from pathlib import Path
from typing import Any

import yaml

from argmap import _yaml
from argmap.errors import LoadError, Problem
from argmap.files import decode

__all__ = ["MAX_DEPTH", "parse", "to_python"]

#: Objects and arrays nested deeper than this are refused (no argmap or AIF file nests past 6).
MAX_DEPTH = 200

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LITERALS = {"true": (_BOOL, "true"), "false": (_BOOL, "false"), "null": (_NULL, "null")}
_MAX_NUMBER = 100  # digits; Python refuses to convert integers past 4,300 digits
_scanstring: Any = getattr(json.decoder, "scanstring")  # noqa: B009 - not in typeshed


class _Text:
    """The document with a fast offset -> (line, column) lookup."""

    def __init__(self, text: str, path: Path | None) -> None:
        self.text = text
        self.path = path
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def mark(self, offset: int) -> yaml.Mark:
        line = bisect.bisect_right(self.starts, offset) - 1
        column = offset - self.starts[line]
        return yaml.Mark(str(self.path or "<string>"), offset, line, column, "", 0)

    def error(
        self, offset: int, message: str, hint: str | None = None, code: str = "syntax"
    ) -> LoadError:
        return LoadError(_yaml.problem_at(self.path, self.mark(offset), message, hint, code))

    def found(self, offset: int) -> str:
        if offset >= len(self.text):
            return "the end of the file"
        return repr(self.text[offset])


class _Frame:
    """An object or array being parsed."""

    __slots__ = ("key", "keys", "node")

    def __init__(self, node: yaml.Node) -> None:
        self.node = node
        self.key: yaml.ScalarNode | None = None
        self.keys: dict[str, yaml.ScalarNode] = {}


def _string(doc: _Text, pos: int) -> tuple[yaml.ScalarNode, int]:
    try:
        value, end = _scanstring(doc.text, pos + 1, True)
    except json.JSONDecodeError as exc:
        raise doc.error(
            exc.pos,
            f"invalid JSON string: {exc.msg}",
            "control characters (line breaks, tabs) inside strings must be written "
            "as escapes such as \\n or \\t",
        ) from None
    bad = _SURROGATE.search(value)
    if bad is not None:
        raise doc.error(
            pos,
            f"invalid JSON string: lone surrogate \\u{ord(bad.group()):04x}",
            "characters outside the Basic Multilingual Plane are written as a pair "
            "of \\u escapes, high then low",
            code="encoding",
        )
    return yaml.ScalarNode(_STR, value, doc.mark(pos), doc.mark(end), style='"'), end


def _scalar(doc: _Text, pos: int) -> tuple[yaml.ScalarNode, int]:
    """A string, number, true, false or null starting at ``pos``."""
    text = doc.text
    if text.startswith('"', pos):
        return _string(doc, pos)
    for word, (tag, value) in _LITERALS.items():
        if text.startswith(word, pos):
            end = pos + len(word)
            return yaml.ScalarNode(tag, value, doc.mark(pos), doc.mark(end)), end
    number = _NUMBER.match(text, pos)
    if number is not None:
        if number.end() - pos > _MAX_NUMBER:
            raise doc.error(
                pos, f"JSON number longer than {_MAX_NUMBER} characters", code="too-large"
            )
        tag = _FLOAT if number.group(1) or number.group(2) else _INT
        return yaml.ScalarNode(
            tag, number.group(), doc.mark(pos), doc.mark(number.end())
        ), number.end()
    hint = None
    if text.startswith("'", pos):
        hint = "JSON strings take double quotes"
    elif text[pos : pos + 1] in (",", "]", "}"):
        hint = "remove the trailing comma" if text[pos] != "," else "a value is missing here"
    raise doc.error(pos, f"invalid JSON: expected a value, found {doc.found(pos)}", hint)


def parse(data: bytes | str, path: Path | None = None) -> yaml.Node:
    """Parse one JSON document into position-carrying nodes, or raise :class:`LoadError`."""
    doc = _Text(decode(data, path), path)
    text = doc.text
    n = len(text)
    pos = _WS.match(text, 0).end()  # type: ignore[union-attr]
    if pos == n:
        raise LoadError(Problem("the file is empty", path=path, line=1, column=1, code="empty"))
    stack: list[_Frame] = []
    duplicates: list[Problem] = []
    root: yaml.Node | None = None
    while True:
        # 1. read one value (or open a container) at pos
        char = text[pos] if pos < n else ""
        value: yaml.Node | None = None
        if char in "{[":
            if len(stack) >= MAX_DEPTH:
                raise doc.error(
                    pos,
                    f"JSON nested more than {MAX_DEPTH} levels deep",
                    "argmap and AIF files nest a few levels at most: check the file",
                    code="too-deep",
                )
            node: yaml.Node
            if char == "{":
                node = yaml.MappingNode(_MAP, [], doc.mark(pos), None, flow_style=True)
            else:
                node = yaml.SequenceNode(_SEQ, [], doc.mark(pos), None, flow_style=True)
            stack.append(_Frame(node))
            pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
            closing = "}" if char == "{" else "]"
            if text.startswith(closing, pos):
                node.end_mark = doc.mark(pos + 1)
                stack.pop()
                value = node
                pos += 1
            elif char == "{":
                if not text.startswith('"', pos):
                    raise doc.error(
                        pos,
                        f"invalid JSON: expected a key in double quotes, found {doc.found(pos)}",
                    )
                continue  # the key is read below as a value of the frame
            else:
                continue
        else:
            value, pos = _scalar(doc, pos)

        # 2. attach finished values to their parents, closing containers as they end
        while True:
            if not stack:
                root = value
                break
            frame = stack[-1]
            parent = frame.node
            pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
            if isinstance(parent, yaml.MappingNode):
                if frame.key is None:
                    if not (isinstance(value, yaml.ScalarNode) and value.tag == _STR):
                        raise doc.error(
                            value.start_mark.index, "invalid JSON: object keys must be strings"
                        )
                    frame.key = value
                    if not text.startswith(":", pos):
                        raise doc.error(
                            pos, f"invalid JSON: expected ':' after a key, found {doc.found(pos)}"
                        )
                    pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
                    break  # read the member's value
                key = frame.key
                first = frame.keys.get(key.value)
                if first is not None:
                    duplicates.append(
                        _yaml.problem_at(
                            doc.path,
                            key.start_mark,
                            f"duplicate key {key.value!r} "
                            f"(first given on line {first.start_mark.line + 1})",
                            hint="JSON readers keep only one of them: remove or rename one",
                            code="duplicate-key",
                        )
                    )
                else:
                    frame.keys[key.value] = key
                parent.value.append((key, value))
                frame.key = None
                closing = "}"
            else:
                parent.value.append(value)
                closing = "]"
            if text.startswith(",", pos):
                pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
                if closing == "}" and not text.startswith('"', pos):
                    raise doc.error(
                        pos,
                        f"invalid JSON: expected a key in double quotes, found {doc.found(pos)}",
                        "remove the trailing comma" if text.startswith("}", pos) else None,
                    )
                break  # read the next member or item
            if text.startswith(closing, pos):
                parent.end_mark = doc.mark(pos + 1)
                stack.pop()
                value = parent
                pos += 1
                continue
            what = "member" if closing == "}" else "item"
            raise doc.error(
                pos,
                f"invalid JSON: expected ',' or '{closing}' after an {what}, "
                f"found {doc.found(pos)}",
                "a comma is missing between two values"
                if pos < n
                else "the file ends too early: is it cut off?",
            )
        if root is not None:
            break
        pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
    pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
    if pos < n:
        raise doc.error(
            pos,
            f"invalid JSON: unexpected {doc.found(pos)} after the end of the document",
            "a JSON file holds exactly one value (here: one object)",
        )
    if duplicates:
        raise LoadError(duplicates)
    return root


def to_python(node: yaml.Node) -> Any:
    """Plain Python data (dicts, lists, str, int, float, bool, None) from a parsed tree."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:
            return node.value
        if node.tag == _INT:
            return int(node.value)
        if node.tag == _FLOAT:
            return float(node.value)
        if node.tag == _BOOL:
            return node.value == "true"
        return None
    if isinstance(node, yaml.SequenceNode):
        return [to_python(item) for item in node.value]
    return {key.value: to_python(value) for key, value in node.value}


def locate(root: yaml.Node, path: tuple[str | int, ...]) -> tuple[int, int] | None:
    """Line and column (1-based) of the value at ``path`` (keys and indices) in a parsed tree.

    Where the path leads past the tree, the deepest value found on the way is given.
    """
    node = root
    for step in path:
        nxt: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            nxt = next((v for k, v in node.value if k.value == step), None)
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(step, int)
            and 0 <= step < len(node.value)
        ):
            nxt = node.value[step]
        if nxt is None:
            break
        node = nxt
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else None
