"""Argdown's block structure as argmap reads it: statements, arguments, relation trees,
headings, premise-conclusion structures, front matter."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import yaml

from argmap.formats._common import (
    Notices,
)
from argmap.formats.argdown.lexer import (
    _DEFINITION,
    _FRONT_MATTER_END,
    _HEADING,
    _INFERENCE,
    _LIST,
    _NOT_NEWLINE,
    _NUMBER,
    _RELATION,
    _data,
    _inline,
    _Scanner,
    _Text,
)
from argmap.model import Relation


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

