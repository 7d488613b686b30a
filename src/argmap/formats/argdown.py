"""Argdown, the Markdown-like syntax for argument maps (https://argdown.org).

**Export.** Each node becomes a titled Argdown statement, ``[id]: label``, tagged with its
kind and concept (``#claim #india-factor``); each edge a relation line under its source
(``+>`` for supports and helping causes, ``->`` for attacks and hindering causes). Special
characters are escaped with backslashes, so the Argdown CLI parses every export without
errors. What Argdown has no syntax for (quotes with offsets, stance, notes, the exact
relation and sign, the source) goes into data blocks (``{"argmap": 1, ...}``) on statements
and relations and an ``argmap:`` entry in the front matter; reading them back gives the
same map. Text edited in an Argdown editor wins over the data where they disagree.

**Import** reads the statement, argument and relation subset of Argdown: statement and
argument definitions and references, relation trees (``+ - +> -> <+ <- >< _> <_``),
headings (sections), tags and data. Premise-conclusion structures are kept as text in
the argument's note, their titled statements linked as premises and conclusion; lists and
untitled paragraphs outside any relation are left out with a notice each.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import yaml

from argmap import _yaml
from argmap.concepts import CONCEPT_ID
from argmap.errors import LoadError, Problem
from argmap.formats._common import (
    Imported,
    Notices,
    finish,
    mark_thesis,
    pick_thesis,
    quotable,
    quote_from_data,
    quote_to_data,
)
from argmap.model import ArgumentMap, Edge, Kind, Node, Quote, Relation, Sign, Source
from argmap.yamlio import write_text

__all__ = [
    "from_argdown",
    "import_argdown",
    "import_argdown_file",
    "read_argdown",
    "to_argdown",
    "write_argdown",
]

FORMAT_VERSION = 1

# --- export ----------------------------------------------------------------------------------

_ALWAYS = set("\\@#*_[]<>{}=")
# In data strings: braces and `=` would end a data block or open front matter; a `]` or `>`
# followed by `:` would let a title token run on from the reference before the block; the
# rest are characters JavaScript's YAML reader refuses or takes for line breaks.
_JSON_UNSAFE = re.compile("[][{}<>=\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_TITLE = re.compile(r"[^\W_](?:[\w.-]| (?! ))*", re.UNICODE)


def _escape(text: str) -> str:
    """Text as Argdown reads it back: markup characters escaped, line breaks as spaces."""
    text = re.sub(r"\r\n|\r|\n", " ", text)
    out = []
    for i, ch in enumerate(text):
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if (
            ch in _ALWAYS
            or (ch == "/" and nxt != "" and nxt in "/*")
            or (ch in ".:" and nxt and not nxt.isspace())
        ):
            out.append("\\")
        out.append(ch)
    return "".join(out)


def _flow(value: Any) -> str:
    """JSON that is also YAML flow syntax and that Argdown's lexer keeps in one data block.

    Inside strings, the characters listed at ``_JSON_UNSAFE`` are written as ``\\uXXXX``.
    """
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    text = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        text = _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


def _titles(amap: ArgumentMap) -> dict[str, str]:
    """A statement title per node: the id where Argdown can hold it, else ``node-N``."""
    titles: dict[str, str] = {}
    used: set[str] = set()
    for n in amap.nodes:
        if _TITLE.fullmatch(n.id) and n.id.casefold() not in used:
            titles[n.id] = n.id
            used.add(n.id.casefold())
    for i, n in enumerate(amap.nodes, 1):
        if n.id not in titles:
            k = i
            while f"node-{k}" in used:
                k += len(amap.nodes)
            titles[n.id] = f"node-{k}"
            used.add(f"node-{k}")
    return titles


def to_argdown(amap: ArgumentMap) -> str:
    """The map as an Argdown document; node data and exact relations kept in data blocks.

    Raises :class:`~argmap.errors.ExportError` where node ids repeat or an edge names an
    unknown node.
    """
    from argmap.formats.aif import _check_exportable

    _check_exportable(amap, "Argdown")
    titles = _titles(amap)
    s = amap.source
    front = ["==="]
    if s.title:
        front.append(f"title: {_flow(s.title)}")
    if s.author:
        front.append(f"author: {_flow(s.author)}")
    info: dict[str, Any] = {
        "argmap": FORMAT_VERSION,
        "source": {
            "id": s.id,
            "file": s.file,
            "title": s.title,
            "author": s.author,
            "venue": s.venue,
            "year": s.year,
        },
    }
    if amap.vocabulary is not None:
        info["vocabulary"] = amap.vocabulary
    if amap.excluded:
        info["exclude"] = [quote_to_data(q) for q in amap.excluded]
    front += [f"argmap: {_flow(info)}", "==="]
    blocks = ["\n".join(front)]
    section: str | None = None
    order = {id(e): i for i, e in enumerate(amap.edges)}
    for n in amap.nodes:
        if n.section is not None and n.section != section:
            blocks.append(f"# {_escape(n.section)}")
            section = n.section
        data: dict[str, Any] = {
            "argmap": FORMAT_VERSION,
            "id": n.id,
            "kind": n.kind.value,
            "label": n.label,
            "quotes": [quote_to_data(q) for q in n.quotes],
        }
        for key in ("concept", "stance", "section", "note"):
            value = getattr(n, key)
            if value is not None:
                data[key] = str(value)
        tags = f" #{n.kind.value}"
        if n.concept is not None and CONCEPT_ID.match(n.concept):
            tags += f" #{n.concept}"
        lines = [f"[{titles[n.id]}]: {_escape(n.label)}{tags} {_flow(data)}"]
        for e in amap.edges_from(n.id):
            attack = e.relation is Relation.ATTACKS or e.sign is Sign.HINDERS
            edge: dict[str, Any] = {
                "argmap": FORMAT_VERSION,
                "order": order[id(e)],
                "relation": e.relation.value,
            }
            if e.sign is not None:
                edge["sign"] = e.sign.value
            if e.quote is not None:
                edge["quote"] = quote_to_data(e.quote)
            if e.note is not None:
                edge["note"] = e.note
            lines.append(f"  {'->' if attack else '+>'} [{titles[e.target]}] {_flow(edge)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def write_argdown(amap: ArgumentMap, path: str | os.PathLike[str]) -> Path:
    """Write the map as an Argdown file, atomically."""
    return write_text(path, to_argdown(amap))


# --- import: lexical helpers -----------------------------------------------------------------

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


# --- import: structure -----------------------------------------------------------------------


@attrs.define(eq=False)
class _Element:
    """A statement or argument as it occurs in the document."""

    kind: str  # "statement" or "argument"
    title: str | None
    line: int
    column: int
    text: _Text = attrs.Factory(_Text)
    section: str | None = None
    definition: bool = False
    order: int = 0  # when it was first defined (or else first mentioned): the node order
    others: list[str] = attrs.Factory(list)  # further formulations (Argdown equivalence classes)
    pcs: list[str] = attrs.Factory(list)


@attrs.define
class _Link:
    source: _Element
    target: _Element
    relation: Relation
    note: str | None
    data: Any
    line: int
    column: int


@attrs.define
class _Line:
    number: int
    indent: int
    text: str


class _Parser:
    """Reads the supported subset of Argdown into elements and links, noting the rest."""

    def __init__(self, path: Path | None, notices: Notices) -> None:
        self.path = path
        self.notices = notices
        self.elements: list[_Element] = []
        self.statements: dict[str, _Element] = {}
        self.arguments: dict[str, _Element] = {}
        self.links: list[_Link] = []
        self.section: str | None = None
        self.prose: list[int] = []
        self.last_root: _Element | None = None
        self.events = 0

    # elements

    def count(self) -> int:
        """A number that grows with every element seen: the order nodes are imported in."""
        self.events += 1
        return self.events

    def element(self, kind: str, title: str | None, line: _Line, column: int) -> _Element:
        registry = self.statements if kind == "statement" else self.arguments
        if title is not None:
            title = " ".join(title.split())
            if title in registry:
                return registry[title]
        el = _Element(kind, title, line.number, column, section=self.section, order=self.count())
        if title is not None:
            registry[title] = el
        self.elements.append(el)
        return el

    def head(self, line: _Line, start: int) -> tuple[_Element | None, int]:
        """The element a line starts with at ``start``: defined, referenced or untitled."""
        text = line.text
        found = _DEFINITION.match(text, start)
        if (
            found is not None
            and not text.startswith("[-", start)
            and not text.startswith("<-", start)
            and _Scanner(text).link(start) is None
        ):
            kind = "statement" if found.group(2) is not None else "argument"
            title = found.group(2) if kind == "statement" else found.group(3)
            if title.strip():
                el = self.element(kind, title, line, start + 1)
                return el, found.end()
        return None, start

    def add_text(self, el: _Element, raw: str, definition: bool) -> None:
        parsed = _inline(raw)
        el.text.tags += parsed.tags
        el.text.data += parsed.data
        if parsed.text:
            if el.text.text and definition and not el.definition:
                el.others.append(el.text.text)
                el.text.text = parsed.text  # the first definition's text names the statement
            elif el.text.text and parsed.text != el.text.text:
                el.others.append(parsed.text)
            elif not el.text.text:
                el.text.text = parsed.text
        if definition and not el.definition:
            el.definition = True
            el.order = self.count()

    # blocks

    def paragraphs(self, lines: list[_Line]) -> Iterator[list[_Line]]:
        """Runs of non-empty lines: Argdown's paragraphs."""
        block: list[_Line] = []
        for ln in lines:
            if ln.text.strip():
                block.append(ln)
            elif block:
                yield block
                block = []
        if block:
            yield block

    def parse(self, lines: list[_Line]) -> None:
        """Read the document's lines (comments already blanked out)."""
        for block in self.paragraphs(lines):
            self.block(block)

    def block(self, block: list[_Line]) -> None:
        """One paragraph: headings, then a statement tree, a PCS, a list or prose."""
        skip = 0
        while skip < len(block):  # headings, each on its own line, set the section
            heading = _HEADING.match(block[skip].text)
            if heading is None:
                break
            self.section = _inline(block[skip].text[heading.end() :]).text or None
            skip += 1
        if skip:
            block = block[skip:]
            if not block:
                return
        first = block[0]
        body = first.text.lstrip()
        indent = len(first.text) - len(body)
        if _NUMBER.match(body):
            self.pcs(block)
            return
        if _LIST.match(body):
            self.notices.add(
                "lists are not imported (argmap reads statements, arguments and relations)",
                at=(first.number, indent + 1),
                code="argdown-list",
            )
            return
        if _RELATION.match(body) and not _INFERENCE.match(body):
            self.notices.add(
                "a relation with nothing above it to attach to: left out",
                at=(first.number, indent + 1),
                hint="Argdown relations follow the statement or argument they bear on, "
                "without an empty line",
                code="argdown-orphan",
            )
            return
        root, end = self.head(first, indent)
        tree = self.tree(block, root, end)
        if root is None:
            root = tree
        self.last_root = root

    def tree(self, block: list[_Line], root: _Element | None, end: int) -> _Element | None:
        """Read an element with its text and its relation tree; returns the root element."""
        first = block[0]
        text_lines = [first.text[end:]]
        i = 1
        while i < len(block) and not self.is_relation(block[i]):
            text_lines.append(block[i].text)
            i += 1
        raw = " ".join(text_lines)
        if root is None:
            if i == len(block):  # untitled text without relations: prose
                self.prose.append(first.number)
                return None
            root = self.element("statement", None, first, first.indent + 1)
        self.add_text(
            root,
            raw,
            definition=end > first.indent
            and raw.strip() != ""
            and ":" in first.text[first.indent : end],
        )
        self.relations(block[i:], root, first.indent)
        return root

    def is_relation(self, line: _Line) -> bool:
        """Whether a line starts with a relation symbol (and not an inference line)."""
        body = line.text[line.indent :]
        return bool(_RELATION.match(body)) and not _INFERENCE.match(body)

    def relations(self, lines: list[_Line], root: _Element, root_indent: int) -> None:
        stack: list[tuple[int, _Element]] = [(root_indent, root)]
        pending: tuple[_Element, list[str], bool] | None = None

        def flush() -> None:
            if pending is not None:
                self.add_text(pending[0], " ".join(pending[1]), definition=pending[2])

        for ln in lines:
            body = ln.text[ln.indent :]
            symbol = _RELATION.match(body) if not _INFERENCE.match(body) else None
            if symbol is None:
                if pending is not None:
                    pending[1].append(ln.text)
                continue
            flush()
            while len(stack) > 1 and stack[-1][0] >= ln.indent:
                stack.pop()
            parent = stack[-1][1]
            start = ln.indent + symbol.end()
            while start < len(ln.text) and ln.text[start] in " \t":
                start += 1
            child, end = self.head(ln, start)
            rest = ln.text[end:]
            if child is None:
                child = self.element("statement", None, ln, start + 1)
            parsed = _inline(rest)
            edge_data = [
                d for d in parsed.data if isinstance(_data(d), dict) and "order" in (_data(d) or {})
            ]
            if edge_data:
                rest = rest.replace(edge_data[0], " ", 1)
            pending = (
                child,
                [rest],
                (end > start and ":" in ln.text[start:end]) or child.title is None,
            )
            self.link(symbol.group(), parent, child, ln, _data(edge_data[0]) if edge_data else None)
            stack.append((ln.indent, child))
        flush()

    def link(self, symbol: str, parent: _Element, child: _Element, line: _Line, data: Any) -> None:
        at = (line.number, line.indent + 1)
        if symbol in ("+", "<+"):
            self.links.append(_Link(child, parent, Relation.SUPPORTS, None, data, *at))
        elif symbol in ("-", "<-"):
            self.links.append(_Link(child, parent, Relation.ATTACKS, None, data, *at))
        elif symbol == "+>":
            self.links.append(_Link(parent, child, Relation.SUPPORTS, None, data, *at))
        elif symbol == "->":
            self.links.append(_Link(parent, child, Relation.ATTACKS, None, data, *at))
        elif symbol == "><":
            note = "Argdown contradiction (><)"
            self.links.append(_Link(parent, child, Relation.ATTACKS, note, None, *at))
            self.links.append(_Link(child, parent, Relation.ATTACKS, note, None, *at))
        elif symbol == "_>":
            self.links.append(
                _Link(parent, child, Relation.ATTACKS, "Argdown undercut (_>)", None, *at)
            )
        else:
            self.links.append(
                _Link(child, parent, Relation.ATTACKS, "Argdown undercut (<_)", None, *at)
            )

    def pcs(self, block: list[_Line]) -> None:
        """A premise-conclusion structure: kept as text, titled statements linked."""
        owner = (
            self.last_root
            if self.last_root is not None and self.last_root.kind == "argument"
            else None
        )
        first = block[0]
        if owner is None:
            owner = self.element("argument", None, first, first.indent + 1)
            owner.text.text = f"Argument reconstructed at line {first.number}"
        steps: list[tuple[str, _Element | None, str]] = []  # (number or "--", statement, text)
        groups: list[list[_Line] | str] = []  # a numbered statement's lines, or an inference's rule
        j = 0
        while j < len(block):
            ln = block[j]
            body = ln.text[ln.indent :]
            if body.startswith("--"):
                rest, parts = body[2:], []
                close = _INFERENCE.search(rest)
                while close is None and j + 1 < len(block):
                    parts.append(rest)
                    j += 1
                    rest = block[j].text
                    close = _INFERENCE.search(rest)
                parts.append(rest[: close.start()] if close else rest)
                groups.append(" ".join(parts))
            elif _NUMBER.match(body) or not groups or isinstance(groups[-1], str):
                groups.append([ln])
            else:
                groups[-1].append(ln)
            j += 1
        for group in groups:
            if isinstance(group, str):
                steps.append(("--", None, _inline(group).text))
                continue
            ln = group[0]
            body = ln.text[ln.indent :]
            number = _NUMBER.match(body)
            if number is None:
                continue
            split = 1
            while split < len(group) and not self.is_relation(group[split]):
                split += 1
            start = ln.indent + number.end()
            while start < len(ln.text) and ln.text[start] in " \t":
                start += 1
            stmt, end = self.head(ln, start)
            raw = " ".join([ln.text[end:], *(g.text for g in group[1:split])])
            text = _inline(raw).text
            if stmt is not None and stmt.kind == "statement":
                self.add_text(stmt, raw, definition=":" in ln.text[start:end])
                text = text or stmt.title or ""
            else:
                stmt = None
            steps.append((number.group(1), stmt, text))
            if split < len(group):
                self.relations(group[split:], stmt or owner, ln.indent)
        final = max((k for k, step in enumerate(steps) if step[0] != "--"), default=-1)
        lines_out = []
        for k, (num, stmt, text) in enumerate(steps):
            if num == "--":
                lines_out.append(f"-- {text} --" if text else "--")
                continue
            lines_out.append(f"({num}) {text}")
            inferred = k > 0 and steps[k - 1][0] == "--"
            if stmt is None or (inferred and k != final):
                continue  # intermediary conclusions stay inside the argument
            if k == final:
                self.links.append(
                    _Link(
                        owner,
                        stmt,
                        Relation.SUPPORTS,
                        f"conclusion ({num}) of the argument",
                        None,
                        first.number,
                        first.indent + 1,
                    )
                )
            else:
                self.links.append(
                    _Link(
                        stmt,
                        owner,
                        Relation.SUPPORTS,
                        f"premise ({num}) of the argument",
                        None,
                        first.number,
                        first.indent + 1,
                    )
                )
        conclusion = next((t for n_, _s, t in reversed(steps) if n_ != "--"), "")
        if not owner.text.text and conclusion:
            owner.text.text = conclusion
        owner.pcs.append("premise-conclusion structure: " + " ".join(lines_out))
        self.notices.add(
            f"premise-conclusion structure of {self.name(owner)} kept as text in its note",
            at=(first.number, first.indent + 1),
            code="argdown-pcs",
        )

    def name(self, el: _Element) -> str:
        if el.title is None:
            return f"the untitled {el.kind} at line {el.line}"
        return f"[{el.title}]" if el.kind == "statement" else f"<{el.title}>"


def _lines(text: str, comments: set[int]) -> list[_Line]:
    """The document's lines; lines holding nothing but comments are left out (not blank)."""
    out = []
    for number, raw in enumerate(text.split("\n"), 1):
        if number - 1 in comments and not raw.strip():
            continue
        raw = raw.replace("\t", "    ")
        body = raw.lstrip(" ")
        out.append(_Line(number, len(raw) - len(body), raw))
    return out


def _front_matter(text: str, notices: Notices) -> tuple[str, dict[str, Any]]:
    """Split off the front matter; its entries as a dict (``{}`` where there is none)."""
    head = text.lstrip()
    if not head.startswith("==="):
        return text, {}
    start = text.index("===")
    opening = len(text[start:]) - len(text[start:].lstrip("="))
    close = _FRONT_MATTER_END.search(text, start + opening)
    if close is None:
        notices.add(
            "front matter (===) is never closed: ignored", at=(1, 1), code="argdown-front-matter"
        )
        return text, {}
    block = text[start : close.end()]
    body = text[start : close.start()].lstrip("=")
    rest = _NOT_NEWLINE.sub(" ", block) + text[close.end() :]
    entries: dict[str, Any] = {}
    for raw_line in body.split("\n"):
        if raw_line.startswith("argmap:"):
            try:
                entries["argmap"] = json.loads(raw_line[len("argmap:") :])
            except ValueError:
                notices.add(
                    "the `argmap:` entry of the front matter is not JSON: ignored",
                    at=(1, 1),
                    code="argdown-front-matter",
                )
    try:
        loaded = yaml.safe_load(body)
    except (yaml.YAMLError, RecursionError, ValueError):
        loaded = None
        notices.add(
            "the front matter is not valid YAML: its title and author are ignored",
            at=(1, 1),
            code="argdown-front-matter",
        )
    if isinstance(loaded, dict):
        for key in ("title", "author"):
            if isinstance(loaded.get(key), str) and loaded[key].strip():
                entries[key] = loaded[key].strip()
    return text[:start] + rest, entries


def import_argdown(
    text: str | bytes,
    *,
    thesis: str | None = None,
    source_text: str | None = None,
    source_file: str | None = None,
    source_id: str = "argdown-import",
    path: str | os.PathLike[str] | None = None,
) -> Imported:
    """Import an Argdown document, with notices about what was not carried over.

    ``thesis`` names the statement or argument (by title) to take as the thesis where the
    document does not tell; ``source_text`` is the text the statements quote, recorded as
    ``source_file``. Without it, a document argmap did not write gets a generated source
    text (see :class:`~argmap.formats.Imported`).
    """
    p = Path(path) if path is not None else None
    notices = Notices(p)
    document = _yaml.decode(text, p).replace("\r\n", "\n").replace("\r", "\n")
    document, front = _front_matter(document, notices)
    parser = _Parser(p, notices)
    parser.parse(_lines(*_strip_comments(document)))
    if parser.prose:
        shown = ", ".join(str(n) for n in parser.prose[:10]) + (
            " ..." if len(parser.prose) > 10 else ""
        )
        notices.add(
            f"{len(parser.prose)} untitled paragraph(s) outside any relation left out "
            f"(line {shown}): "
            "Argdown's map leaves them out as well",
            at=(parser.prose[0], 1),
            code="argdown-prose",
        )
    return _build(
        parser,
        front,
        thesis=thesis,
        source_text=source_text,
        source_file=source_file,
        source_id=source_id,
        path=p,
        notices=notices,
    )


def _own(value: Any) -> dict[str, Any] | None:
    return value if isinstance(value, dict) and value.get("argmap") == FORMAT_VERSION else None


def _opt(info: dict[str, Any], key: str) -> Any:
    value = info.get(key)
    if value is not None and not isinstance(value, str):
        raise TypeError(f"`{key}` must be a string, got {value!r:.40}")
    return value


def _build(
    parser: _Parser,
    front: dict[str, Any],
    *,
    thesis: str | None,
    source_text: str | None,
    source_file: str | None,
    source_id: str,
    path: Path | None,
    notices: Notices,
) -> Imported:
    problems: list[Problem] = []

    def bad(el_line: int, column: int, exc: Exception) -> None:
        problems.append(
            Problem(
                f"malformed argmap data block: {exc}",
                path=path,
                line=el_line,
                column=column,
                hint="argmap writes these blocks; remove the block to import the element as "
                "plain Argdown",
                code="argdown-data",
            )
        )

    ids: dict[int, str] = {}
    located: dict[str, tuple[int | None, int | None]] = {}
    nodes: list[Node] = []
    taken: set[str] = set()
    untitled = 0
    for el in sorted(parser.elements, key=lambda e: e.order):
        own = next((d for d in map(_data, el.text.data) if _own(d) and "id" in d), None)
        try:
            if own is not None:
                label = own["label"]
                if el.text.text and " ".join(str(label).split()) != el.text.text:
                    label = el.text.text  # edited in an Argdown editor: the edit wins
                node = Node(
                    id=own["id"],
                    kind=own["kind"],
                    label=label,
                    quotes=[quote_from_data(q) for q in own["quotes"]],
                    concept=_opt(own, "concept"),
                    stance=_opt(own, "stance"),
                    section=_opt(own, "section"),
                    note=_opt(own, "note"),
                )
            else:
                if el.title is None:
                    untitled += 1
                    base = f"{el.kind} {untitled}"
                else:
                    base = (
                        el.title
                        if el.kind == "statement" or el.title not in parser.statements
                        else f"{el.title} (argument)"
                    )
                node_id = base
                while node_id in taken:
                    node_id += "'"
                label = next(
                    (t for t in (el.text.text, el.title) if t and quotable(t)),
                    f"[{el.kind} at line {el.line} without text]",
                )
                kinds = [t for t in el.text.tags if t in {k.value for k in Kind}]
                extra = [t for t in el.text.tags if t not in kinds]
                parts = []
                if el.kind == "argument":
                    parts.append(
                        f"Argdown argument <{el.title}>" if el.title else "Argdown argument"
                    )
                if extra:
                    parts.append("tags: " + ", ".join(dict.fromkeys(extra)))
                for d in el.text.data:
                    if _own(_data(d)) is None:
                        parts.append(f"data: {' '.join(d.split())}")
                parts += el.pcs
                quotes = [Quote(t) for t in dict.fromkeys([label, *filter(quotable, el.others)])]
                node = Node(
                    id=node_id,
                    kind=Kind(kinds[0]) if kinds else Kind.CLAIM,
                    label=label,
                    quotes=quotes,
                    section=el.section,
                    note="; ".join(parts) or None,
                )
        except (KeyError, TypeError, ValueError) as exc:
            bad(el.line, el.column, exc)
            continue
        if node.id in taken:
            problems.append(
                Problem(
                    f"two statements map to node id {node.id!r}",
                    path=path,
                    line=el.line,
                    column=el.column,
                    code="argdown-duplicate",
                )
            )
            continue
        taken.add(node.id)
        ids[id(el)] = node.id
        located[node.id] = (el.line, el.column)
        nodes.append(node)
    own_edges: list[tuple[int, Edge]] = []
    edges: list[Edge] = []
    for link in parser.links:
        a, b = ids.get(id(link.source)), ids.get(id(link.target))
        if a is None or b is None:
            continue
        data = _own(link.data)
        try:
            if data is not None:
                relation = Relation(data["relation"])
                sign = Sign(data["sign"]) if data.get("sign") is not None else None
                shown = (
                    Relation.ATTACKS
                    if relation is Relation.ATTACKS or sign is Sign.HINDERS
                    else Relation.SUPPORTS
                )
                if shown is link.relation:
                    order = data["order"]
                    if type(order) is not int:
                        raise TypeError(f"`order` must be a whole number, got {order!r:.40}")
                    quote = (
                        quote_from_data(data["quote"]) if data.get("quote") is not None else None
                    )
                    own_edges.append(
                        (
                            order,
                            Edge(a, b, relation, sign=sign, quote=quote, note=_opt(data, "note")),
                        )
                    )
                    continue
                notices.add(
                    f"the relation at line {link.line} was changed from {relation.value}: "
                    "imported as written",
                    at=(link.line, link.column),
                    code="argdown-edited",
                )
            edges.append(Edge(a, b, link.relation, note=link.note))
        except (KeyError, TypeError, ValueError) as exc:
            bad(link.line, link.column, exc)
    if problems:
        raise LoadError(problems)
    all_edges = [e for _o, e in sorted(own_edges, key=lambda oe: oe[0])] + edges
    if not nodes:
        raise LoadError(
            Problem(
                "no statement or argument to import",
                path=path,
                line=1,
                column=1,
                hint="argmap imports titled statements ([Title]: text), arguments "
                "(<Title>: text) and their relations",
                code="argdown-empty",
            )
        )

    info = _own(front.get("argmap"))
    vocabulary = None
    excluded: tuple[Quote, ...] = ()
    try:
        if info is not None:
            s = info["source"]
            source = Source(
                id=s["id"],
                file=s["file"],
                title=_opt(s, "title"),
                author=_opt(s, "author"),
                venue=_opt(s, "venue"),
                year=s.get("year"),
            )
            vocabulary = _opt(info, "vocabulary")
            excluded = tuple(quote_from_data(q) for q in info.get("exclude", []))
        else:
            source = Source(
                id=source_id,
                file=source_file or f"{source_id}.source.txt",
                title=front.get("title"),
                author=front.get("author"),
            )
    except (KeyError, TypeError, ValueError) as exc:
        raise LoadError(
            Problem(
                f"malformed `argmap:` entry in the front matter: {exc}",
                path=path,
                line=1,
                column=1,
                code="argdown-data",
            )
        ) from None
    node_ids = [n.id for n in nodes]
    if thesis is not None or not any(n.kind is Kind.THESIS for n in nodes):
        sources_of = {e.source for e in all_edges}
        candidates = sorted(
            (n for n in dict.fromkeys(e.target for e in all_edges) if n not in sources_of),
            key={node_id: k for k, node_id in enumerate(node_ids)}.__getitem__,
        )
        chosen = pick_thesis(
            candidates,
            node_ids,
            thesis,
            path=path,
            what="statement or argument",
            option="--thesis TITLE",
            located=located,
        )
        nodes = mark_thesis(nodes, chosen)
    amap = ArgumentMap(source, nodes, all_edges, excluded=excluded, vocabulary=vocabulary)
    header = (
        f"[Generated by argmap from the Argdown file {path.name if path else '(text)'}: the texts "
        "of its statements and arguments, one per paragraph, so that every quote is verbatim.]"
    )
    return finish(
        amap,
        text=source_text,
        source_file=source_file,
        header=header,
        generate=info is None,
        notices=notices,
    )


def from_argdown(
    text: str | bytes,
    *,
    thesis: str | None = None,
    source_text: str | None = None,
    source_file: str | None = None,
    source_id: str = "argdown-import",
) -> ArgumentMap:
    """The map in an Argdown document; see :func:`import_argdown` for notices and texts."""
    return import_argdown(
        text, thesis=thesis, source_text=source_text, source_file=source_file, source_id=source_id
    ).map


def import_argdown_file(
    path: str | os.PathLike[str],
    *,
    thesis: str | None = None,
    text: str | os.PathLike[str] | None = None,
    source_file: str | None = None,
) -> Imported:
    """Import an Argdown file; ``text`` is the path of the source text its statements quote."""
    p = Path(path)
    source_text = None
    if text is not None:
        source_text = _yaml.decode(_yaml.read_bytes(Path(text)), Path(text))
        source_file = source_file or str(text)
    stem = " ".join(p.stem.split()) or "argdown-import"
    stem = "".join(ch for ch in stem if unicodedata.category(ch) != "Cc") or "argdown-import"
    return import_argdown(
        _yaml.read_bytes(p),
        thesis=thesis,
        source_text=source_text,
        source_file=source_file,
        source_id=stem,
        path=p,
    )


def read_argdown(
    path: str | os.PathLike[str],
    *,
    thesis: str | None = None,
    text: str | os.PathLike[str] | None = None,
) -> ArgumentMap:
    """The map in an Argdown file; see :func:`import_argdown_file`."""
    return import_argdown_file(path, thesis=thesis, text=text).map
