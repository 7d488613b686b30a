"""Argdown's grammar, as the parser of @argdown/core 1.7.5 applies it to the tokens.

The rules, their names and the tokens each keeps in its children are Argdown's own (its
Chevrotain parser, src/parser.ts), so that the model built from the tree (see ``interpret``)
sees what Argdown's model plugin sees. Decisions take one token of lookahead where Argdown's
parser does, and two where it needs them (text after ``--`` on the next line is an inference
rule). Where Argdown's parser reports an error, this one reports it too, leaves out the
block (the lines up to the next empty line) and carries on with the next one; Argdown's
error recovery keeps parts of such blocks, which argmap does not try to imitate.
"""

from __future__ import annotations

from typing import Any

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
    INDENT,
    INFERENCE_END,
    INFERENCE_START,
    LINK,
    LIST_DELIMITER,
    NEWLINE,
    ORDERED_LIST_ITEM,
    OUTGOING_UNDERCUT,
    RANGE_STARTS,
    RELATIONS,
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

__all__ = ["MAX_DEPTH", "Rule", "Skipped", "parse"]

#: Statements, arguments, bold and italic ranges nested deeper than this are refused
#: (the block is left out with a notice), so that no document exhausts Python's stack.
MAX_DEPTH = 100

#: The rule each relation token starts (Argdown's rule names).
RELATION_RULES = {
    "IncomingSupport": "incomingSupport",
    "IncomingAttack": "incomingAttack",
    "OutgoingSupport": "outgoingSupport",
    "OutgoingAttack": "outgoingAttack",
    "Contradiction": "contradiction",
    "IncomingUndercut": "incomingUndercut",
    "OutgoingUndercut": "outgoingUndercut",
}
_CONTENT = frozenset(
    {TEXT, LINK, TAG, ARGUMENT_MENTION, STATEMENT_MENTION, NEWLINE, *RANGE_STARTS}
)
_SHOWN = {
    TEXT: "text",
    NEWLINE: "a line break",
    EMPTYLINE: "an empty line",
    INDENT: "an indented line",
    DEDENT: "a line indented less",
    DATA: "a data block {...}",
    FRONT_MATTER: "front matter (===)",
    INFERENCE_START: "an inference line (--)",
    INFERENCE_END: "the end of the inference line (--)",
    STATEMENT_NUMBER: "a numbered statement (1)",
}


class Rule:
    """A node of Argdown's syntax tree: a rule's name, its children (rules and tokens) and
    where it starts; the model fills in the other fields as Argdown's plugins do."""

    __slots__ = (
        "argument",
        "children",
        "data",
        "inference",
        "name",
        "raw_data",
        "relation",
        "start",
        "statement",
        "text",
    )

    def __init__(self, name: str, children: list[Rule | Token], start: int) -> None:
        self.name = name
        self.children = children
        self.start = start
        self.statement: Any = None
        self.argument: Any = None
        self.relation: Any = None
        self.inference: Any = None
        self.data: Any = None
        self.raw_data: str | None = None
        self.text = ""


class Skipped:
    """A block left out because Argdown's grammar does not allow it: where it runs (token
    offsets), what was expected and where (an offset), and the tokens it held."""

    def __init__(self, start: int, end: int, at: int, message: str, tokens: list[Token], limit: bool) -> None:
        self.start = start
        self.end = end
        self.at = at
        self.message = message
        self.tokens = tokens
        self.limit = limit  # argmap's nesting limit, not an error of Argdown's


class _Error(Exception):
    def __init__(self, index: int, message: str, limit: bool = False) -> None:
        super().__init__(message)
        self.index = index
        self.limit = limit


def _shown(token: Token | None) -> str:
    if token is None:
        return "the end of the document"
    if token.kind in _SHOWN:
        return _SHOWN[token.kind]
    return repr(" ".join(token.image.split())[:40])


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0
        self.depth = 0

    # --- tokens ---------------------------------------------------------------------------

    def peek(self, ahead: int = 0) -> str | None:
        k = self.i + ahead
        return self.tokens[k].kind if k < len(self.tokens) else None

    def take(self, kind: str, what: str | None = None) -> Token:
        if self.peek() != kind:
            found = self.tokens[self.i] if self.i < len(self.tokens) else None
            raise _Error(self.i, f"expected {what or _SHOWN.get(kind, kind)}, found {_shown(found)}")
        token = self.tokens[self.i]
        self.i += 1
        return token

    def fail(self, what: str) -> _Error:
        found = self.tokens[self.i] if self.i < len(self.tokens) else None
        return _Error(self.i, f"expected {what}, found {_shown(found)}")

    def here(self) -> int:
        if self.i < len(self.tokens):
            return self.tokens[self.i].start
        return self.tokens[-1].start if self.tokens else 0

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Error(self.i, f"nested more than {MAX_DEPTH} levels deep", limit=True)

    # --- rules ----------------------------------------------------------------------------

    def document(self) -> tuple[Rule, list[Skipped]]:
        children: list[Rule | Token] = []
        skipped: list[Skipped] = []
        start = self.here()
        if self.peek() == NEWLINE:
            self.i += 1
        if self.peek() == EMPTYLINE:
            self.i += 1
        if self.peek() == FRONT_MATTER:
            children.append(self.take(FRONT_MATTER))
            if self.peek() == NEWLINE:
                self.i += 1
            if self.peek() == EMPTYLINE:
                children.append(self.take(EMPTYLINE))
            elif self.peek() is not None:
                skipped.append(self.skip(self.i, self.fail("an empty line after the front matter")))
        while self.peek() is not None:
            begin = self.i
            try:
                children.append(self.block())
            except _Error as error:  # the whole block is left out
                skipped.append(self.skip(begin, error))
            if self.peek() not in (None, EMPTYLINE):  # the block is kept, what follows it not
                skipped.append(self.skip(self.i, self.fail("an empty line before a new paragraph")))
            if self.peek() == EMPTYLINE:
                self.i += 1
        return Rule("argdown", children, start), skipped

    def skip(self, begin: int, error: _Error) -> Skipped:
        """Leave out the tokens from ``begin`` to the next empty line."""
        self.depth = 0
        end = error.index
        while end < len(self.tokens) and self.tokens[end].kind != EMPTYLINE:
            end += 1
        self.i = end
        at = self.tokens[min(error.index, len(self.tokens) - 1)].start if self.tokens else 0
        last = self.tokens[end - 1] if end > begin else self.tokens[begin]
        return Skipped(
            self.tokens[begin].start,
            last.start + len(last.image),
            at,
            str(error),
            self.tokens[begin:end],
            error.limit,
        )

    def block(self) -> Rule:
        kind = self.peek()
        if kind == HEADING_START:
            return self.heading()
        if kind == STATEMENT_NUMBER:
            return self.pcs()
        if kind in (ARGUMENT_DEFINITION, ARGUMENT_REFERENCE):
            return self.argument()
        if kind == INDENT and self.peek(1) in (ORDERED_LIST_ITEM, UNORDERED_LIST_ITEM):
            return self.list_(self.peek(1) == ORDERED_LIST_ITEM)
        if kind in (STATEMENT_DEFINITION, STATEMENT_REFERENCE) or kind in _CONTENT:
            return self.statement()
        if kind in RELATIONS:
            raise self.fail("a statement, argument, heading or list above the relation (it follows an empty line)")
        raise self.fail("a statement, argument, heading, list or numbered statement")

    def heading(self) -> Rule:
        start = self.here()
        children: list[Rule | Token] = [self.take(HEADING_START)]
        children.append(self.content())
        if self.peek() == DATA or (self.peek() == NEWLINE and self.peek(1) == DATA):
            if self.peek() == NEWLINE:
                children.append(self.take(NEWLINE))
            children.append(self.take(DATA))
            if self.peek() == NEWLINE:
                children.append(self.take(NEWLINE))
        return Rule("heading", children, start)

    def content(self) -> Rule:
        """statementContent: text, links, ranges, tags, mentions and line breaks."""
        start = self.here()
        children: list[Rule | Token] = []
        while (kind := self.peek()) in _CONTENT:
            if kind == TEXT:
                children.append(Rule("freestyleText", [self.take(TEXT)], self.here()))
            elif kind in RANGE_STARTS:
                children.append(self.range_(kind))
            else:
                children.append(self.take(kind))
        if not children:
            raise self.fail("the text of a statement or argument")
        return Rule("statementContent", children, start)

    def range_(self, kind: str) -> Rule:
        self.enter()
        start = self.here()
        name, end = RANGE_STARTS[kind]
        children: list[Rule | Token] = [self.take(kind)]
        if self.peek() in _CONTENT:
            children.append(self.content())
        children.append(self.take(end, f"the end of the {'bold' if 'Bold' in name else 'italic'} text"))
        self.depth -= 1
        return Rule("bold" if "Bold" in name else "italic", children, start)

    def tags_and_newline(self, children: list[Rule | Token]) -> None:
        while self.peek() == TAG:
            children.append(self.take(TAG))
        if self.peek() == NEWLINE:
            children.append(self.take(NEWLINE))

    def data_and_relations(self, children: list[Rule | Token]) -> None:
        if self.peek() == DATA:
            children.append(self.take(DATA))
            if self.peek() == NEWLINE:
                children.append(self.take(NEWLINE))
        if self.peek() == INDENT:
            children.append(self.relations())

    def statement(self) -> Rule:
        self.enter()
        start = self.here()
        children: list[Rule | Token] = []
        kind = self.peek()
        if kind == STATEMENT_DEFINITION:
            definition: list[Rule | Token] = [self.take(STATEMENT_DEFINITION), self.content()]
            children.append(Rule("statementDefinition", definition, start))
        elif kind == STATEMENT_REFERENCE:
            children.append(self.take(STATEMENT_REFERENCE))
            self.tags_and_newline(children)
        elif kind in _CONTENT:
            children.append(self.content())
        else:
            raise self.fail("a statement")
        self.data_and_relations(children)
        self.depth -= 1
        return Rule("statement", children, start)

    def argument(self) -> Rule:
        self.enter()
        start = self.here()
        children: list[Rule | Token] = []
        if self.peek() == ARGUMENT_DEFINITION:
            children.append(self.take(ARGUMENT_DEFINITION))
            children.append(self.content())
        elif self.peek() == ARGUMENT_REFERENCE:
            children.append(self.take(ARGUMENT_REFERENCE))
            self.tags_and_newline(children)
        else:
            raise self.fail("an argument")
        self.data_and_relations(children)
        self.depth -= 1
        return Rule("argument", children, start)

    def member(self) -> Rule:
        if self.peek() in (ARGUMENT_DEFINITION, ARGUMENT_REFERENCE):
            return self.argument()
        return self.statement()

    def relations(self) -> Rule:
        start = self.here()
        children: list[Rule | Token] = [self.take(INDENT)]
        if self.peek() not in RELATIONS:
            raise self.fail("a relation (+, -, <+, <-, +>, ->, ><, _>, <_)")
        while (kind := self.peek()) in RELATIONS:
            here = self.here()
            token = self.take(kind)
            member = self.statement() if kind == CONTRADICTION else self.member()
            children.append(Rule(RELATION_RULES[token.kind], [token, member], here))
        self.take(DEDENT, "a relation or the end of the relation tree")
        return Rule("relations", children, start)

    def list_(self, ordered: bool) -> Rule:
        start = self.here()
        item = ORDERED_LIST_ITEM if ordered else UNORDERED_LIST_ITEM
        children: list[Rule | Token] = [self.take(INDENT)]
        while self.peek() == item:
            here = self.here()
            marker = self.take(item)
            children.append(Rule(f"{'ordered' if ordered else 'unordered'}ListItem", [marker, self.member()], here))
        self.take(DEDENT, "a list item or the end of the list")
        return Rule("orderedList" if ordered else "unorderedList", children, start)

    def pcs(self) -> Rule:
        start = self.here()
        children: list[Rule | Token] = [self.pcs_statement()]
        while self.peek() in (STATEMENT_NUMBER, INFERENCE_START):
            here = self.here()
            tail: list[Rule | Token] = []
            while self.peek() == STATEMENT_NUMBER:
                tail.append(self.pcs_statement())
            tail.append(self.inference())
            tail.append(self.pcs_statement())
            children.append(Rule("pcsTail", tail, here))
        if len(children) == 1:
            raise self.fail("an inference line (-- or ----) and a conclusion")
        return Rule("pcs", children, start)

    def pcs_statement(self) -> Rule:
        start = self.here()
        number = self.take(STATEMENT_NUMBER)
        return Rule("pcsStatement", [number, self.statement()], start)

    def inference(self) -> Rule:
        start = self.here()
        children: list[Rule | Token] = [self.take(INFERENCE_START)]
        if self.peek() == TEXT or (self.peek() == NEWLINE and self.peek(1) == TEXT):
            if self.peek() == NEWLINE:
                children.append(self.take(NEWLINE))
            children.append(self.inference_rules())
        if self.peek() == NEWLINE:
            children.append(self.take(NEWLINE))
        if self.peek() == DATA:
            children.append(self.take(DATA))
            if self.peek() == NEWLINE:
                children.append(self.take(NEWLINE))
        children.append(self.take(INFERENCE_END))
        children.append(self.take(NEWLINE))
        if self.peek() == INDENT:
            relations: list[Rule | Token] = [self.take(INDENT)]
            if self.peek() != OUTGOING_UNDERCUT:
                raise self.fail("an undercut (<_) under the inference line")
            while self.peek() == OUTGOING_UNDERCUT:
                here = self.here()
                token = self.take(OUTGOING_UNDERCUT)
                relations.append(Rule("outgoingUndercut", [token, self.member()], here))
            self.take(DEDENT, "an undercut or the end of the relation tree")
            children.append(Rule("relations", relations, start))
        return Rule("inference", children, start)

    def inference_rules(self) -> Rule:
        start = self.here()
        children: list[Rule | Token] = [Rule("freestyleText", [self.take(TEXT, "an inference rule")], start)]
        while self.peek() == LIST_DELIMITER:
            self.i += 1
            here = self.here()
            children.append(Rule("freestyleText", [self.take(TEXT, "an inference rule")], here))
        return Rule("inferenceRules", children, start)


def parse(lexed: Lexed) -> tuple[Rule, list[Skipped]]:
    """The syntax tree of a tokenized document, and the blocks left out for errors."""
    return _Parser(lexed.tokens).document()
