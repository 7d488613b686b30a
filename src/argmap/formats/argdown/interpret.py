"""Argdown's model of a document, built as @argdown/core 1.7.5 builds it from the syntax tree.

Argdown's DataPlugin reads front matter and data blocks; its ModelPlugin walks the tree with
listeners that keep state (the statement being read, the stack of relation parents, the last
inference) and then rewrites the relations: a relation of a reconstructed argument becomes a
relation of its conclusion, an undercut of such an argument a relation to its last inference,
in strict mode support between statements becomes ``entails`` and attack ``contrary``, and an
attack on an argument that repeats an attack on one of its premises is dropped. Relations are
kept once per source, target and type, however often they are written (a contradiction ``><``
once, whichever side writes it); each occurrence stays on the relation. With
``explodeArguments`` set, ExplodeArgumentsPlugin splits arguments into one per inference.
This module repeats those steps in their order, JavaScript quirks included (see ``_remove``),
so that statements, arguments and relations are Argdown's.

Where Argdown's model plugin stops with an error (a second premise-conclusion structure for
one argument, a data block that is not YAML), this model records a problem and goes on.
"""

from __future__ import annotations

import re
from typing import Any

from argmap.formats.argdown import yaml12
from argmap.formats.argdown.elements import (
    ATTACK,
    CONTRADICTORY,
    INTERMEDIARY,
    MAIN_CONCLUSION,
    PREMISE,
    SUPPORT,
    UNDERCUT,
    Argument,
    EquivalenceClass,
    Inference,
    Member,
    Model,
    Relation,
    Section,
    truthy,
)
from argmap.formats.argdown.parser import Rule
from argmap.formats.argdown.tokens import (
    ARGUMENT_DEFINITION,
    ARGUMENT_MENTION,
    ARGUMENT_REFERENCE,
    DATA,
    EMPTYLINE,
    FRONT_MATTER,
    LINK,
    NEWLINE,
    STATEMENT_DEFINITION,
    STATEMENT_MENTION,
    STATEMENT_REFERENCE,
    TAG,
    Token,
)
from argmap.formats.argdown.transforms import finish

__all__ = ["interpret"]


_DOT = "[^\n\r\u2028\u2029]"  # JavaScript's `.`
_STATEMENT_DEFINITION = re.compile(rf"\[({_DOT}+)\]:")
_STATEMENT_REFERENCE = re.compile(rf"\[({_DOT}+)\]")
_ARGUMENT_DEFINITION = re.compile(rf"<({_DOT}+)>:")
_ARGUMENT_REFERENCE = re.compile(rf"<({_DOT}+)>")
_MENTION = re.compile(rf"@[\[<]({_DOT}+)[\]>]")
_LINK = re.compile(rf"\[({_DOT}+)\]\(({_DOT}+)\)")
_TAG = re.compile(r"#(?:\(([^)]+)\)|([a-zA-z0-9\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+))")
_BLOCK_DATA = re.compile(r"\{[ \t]*(?:\n\r|\n)")
_BLOCK_DATA_END = re.compile(r"}\s*\Z")
_FRONT_START = re.compile(r"\A\s*={3,}")
_FRONT_END = re.compile(r"={3,}\s*\Z")
_TOKEN_LISTENERS = frozenset(
    {
        DATA,
        FRONT_MATTER,
        STATEMENT_DEFINITION,
        STATEMENT_REFERENCE,
        ARGUMENT_DEFINITION,
        ARGUMENT_REFERENCE,
        STATEMENT_MENTION,
        ARGUMENT_MENTION,
        LINK,
        TAG,
        NEWLINE,
    }
)
_RELATION_TYPES = {
    "incomingSupport": (SUPPORT, "from"),
    "incomingAttack": (ATTACK, "from"),
    "outgoingSupport": (SUPPORT, "to"),
    "outgoingAttack": (ATTACK, "to"),
    "contradiction": (CONTRADICTORY, "from"),
    "incomingUndercut": (UNDERCUT, "from"),
    "outgoingUndercut": (UNDERCUT, "to"),
}



class _Interpreter:
    def __init__(self, settings: dict[str, Any] | None) -> None:
        self.model = Model()
        self.model.settings = {"mode": "loose", "removeTagsFromText": False, "transformArgumentRelations": True}
        self.model.settings.update(settings or {})
        self.data_settings: dict[str, Any] = {"switchToBlockFormatIfMultiline": True}
        self.untitled = 0
        self.statement: Member | None = None
        self.relation_parent: Any = None
        self.argument: Argument | None = None
        self.pcs: Argument | None = None
        self.inference: Inference | None = None
        self.parents: list[Any] = []
        self.relation: Relation | None = None
        self.heading: Member | None = None
        self.section: Section | None = None
        self._listeners: dict[str, tuple[Any, Any]] = {}

    # --- helpers (getUniqueTitle, getEquivalenceClass, getArgument, getRelationMember) -----

    def unique_title(self) -> str:
        self.untitled += 1
        return f"Untitled {self.untitled}"

    def statement_class(self, title: str) -> EquivalenceClass:
        ec = self.model.statements.get(title)
        if ec is None:
            ec = self.model.statements[title] = EquivalenceClass(title)
        return ec

    def get_argument(self, title: str | None = None) -> Argument:
        found = self.model.arguments.get(title) if title else None
        if found is None:
            found = Argument(title or self.unique_title())
            found.generated = not title
            self.model.arguments[found.title] = found
        self.argument = found
        self.relation_parent = found
        return found

    def relation_member(self, parent: Any) -> Any:
        if isinstance(parent, Member):
            if not parent.title:
                parent.title = self.unique_title()
                parent.generated = True
            if parent.role == "argument-description":
                return self.get_argument(parent.title)
            return self.statement_class(parent.title)
        return parent

    def target(self) -> Member | None:
        return self.heading or self.statement

    def problem(self, at: int, message: str, code: str = "argdown-model") -> None:
        self.model.problems.append((at, message, code))

    # --- the walk ---------------------------------------------------------------------------

    def listeners(self, name: str) -> tuple[Any, Any]:
        """The entry and exit listeners of a rule (Argdown's ModelPlugin ruleListeners)."""
        found = self._listeners.get(name)
        if found is None:
            if name in _RELATION_TYPES:
                found = (lambda n, _p, _i: self.enter_relation(n), lambda n, _p, _i: self.exit_relation(n))
            else:
                found = (getattr(self, f"enter_{name}", None), getattr(self, f"exit_{name}", None))
            self._listeners[name] = found
        return found

    def visit(self, node: Rule | Token, parent: Rule | None, index: int) -> None:
        if isinstance(node, Token):
            if parent is not None and node.kind in _TOKEN_LISTENERS:
                self.token(node, parent, index)
            return
        entry, leave = self.listeners(node.name)
        if entry is not None:
            entry(node, parent, index)
        for k, child in enumerate(node.children):
            self.visit(child, node, k)
        if leave is not None:
            leave(node, parent, index)

    def token(self, token: Token, parent: Rule, index: int) -> None:
        kind = token.kind
        if kind == DATA:
            self.read_data(token, parent)
        elif kind == FRONT_MATTER:
            self.read_front_matter(token)
        elif kind in (STATEMENT_DEFINITION, STATEMENT_REFERENCE, ARGUMENT_DEFINITION, ARGUMENT_REFERENCE):
            pattern = {
                STATEMENT_DEFINITION: _STATEMENT_DEFINITION,
                STATEMENT_REFERENCE: _STATEMENT_REFERENCE,
                ARGUMENT_DEFINITION: _ARGUMENT_DEFINITION,
                ARGUMENT_REFERENCE: _ARGUMENT_REFERENCE,
            }[kind]
            found = pattern.search(token.image)
            if found is not None and self.statement is not None:
                self.statement.title = found.group(1)
                if kind in (STATEMENT_REFERENCE, ARGUMENT_REFERENCE):
                    self.statement.is_reference = True
                if kind in (STATEMENT_DEFINITION, STATEMENT_REFERENCE):
                    parent.statement = self.statement
        elif kind in (STATEMENT_MENTION, ARGUMENT_MENTION):
            found = _MENTION.search(token.image)
            target = self.target()
            if found is not None and target is not None:
                target.text += token.image
                target.label += found.group(1) + token.image[found.end() :]
        elif kind == LINK:
            self.read_link(token)
        elif kind == TAG:
            self.read_tag(token)
        elif kind == NEWLINE:
            target = self.target()
            if target is not None and index != len(parent.children) - 1:
                if not target.text.endswith(" "):
                    target.text += " "
                if not target.label.endswith(" "):
                    target.label += " "

    def read_link(self, token: Token) -> None:
        target = self.target()
        if target is None:
            return
        found = _LINK.search(token.image)
        if found is None:  # Argdown's model stops here ("invalid-link")
            self.problem(token.start, "a link whose text or address spans lines: read as text")
            target.text += token.image
            target.label += token.image
            return
        shown = found.group(1) + (" " if token.image.endswith(" ") else "")
        target.text += shown
        target.label += shown

    def read_tag(self, token: Token) -> None:
        target = self.target()
        found = _TAG.search(token.image)
        if target is None or found is None:
            return
        tag = found.group(1) or found.group(2)
        if not truthy(self.model.settings.get("removeTagsFromText")):
            target.text += token.image
        if tag not in target.tags:
            target.tags.append(tag)

    def read_data(self, token: Token, parent: Rule) -> None:
        text = token.image
        if truthy(self.data_settings.get("switchToBlockFormatIfMultiline")):
            block = _BLOCK_DATA.match(text)
            if block is not None:
                text = _BLOCK_DATA_END.sub("", text[block.end() :])
        try:
            value = yaml12.load(text)
        except yaml12.YamlError as exc:
            self.problem(token.start, f"a data block that is not YAML ({exc}): kept as text", "argdown-data")
            value = None
        parent.data = value
        parent.raw_data = token.image

    def read_front_matter(self, token: Token) -> None:
        text = _FRONT_END.sub("", _FRONT_START.sub("", token.image))
        self.model.front_matter_text = text
        try:
            value = yaml12.load(text)
        except yaml12.YamlError as exc:
            self.problem(token.start, f"the front matter is not YAML ({exc}): ignored", "argdown-front-matter")
            return
        self.model.front_matter = value
        if isinstance(value, dict):  # Argdown merges the front matter into its settings
            for key, settings in (("model", self.model.settings), ("data", self.data_settings)):
                if key not in value:
                    continue
                if isinstance(value[key], dict):
                    settings.update(value[key])
                else:
                    settings.clear()

    # --- headings -----------------------------------------------------------------------------

    def enter_heading(self, node: Rule, parent: Rule | None, index: int) -> None:
        self.heading = Member(node.start)

    def exit_heading(self, node: Rule, parent: Rule | None, index: int) -> None:
        heading = self.heading
        assert heading is not None
        start = node.children[0]
        level = len(start.image) - 1 if isinstance(start, Token) else 1
        section = Section(level, heading.text.strip(), " ".join(heading.label.split()), node.start)
        previous = self.section
        while previous is not None and previous.level >= level:
            previous = previous.parent
        section.parent = previous
        self.section = section
        self.heading = None

    # --- statements and arguments ---------------------------------------------------------------

    def enter_statement(self, node: Rule, parent: Rule | None, index: int) -> None:
        self.statement = Member(node.start)
        if parent is not None and parent.name == "argdown":
            self.statement.role = "top-level-statement"
        elif self.relation is not None:
            self.statement.role = "relation-statement"
        self.statement.in_list = parent is not None and parent.name.endswith("ListItem")
        self.relation_parent = self.statement
        node.statement = self.statement

    def exit_statement(self, node: Rule, parent: Rule | None, index: int) -> None:
        statement: Member | None = node.statement
        if statement is None:
            return
        statement.data, statement.raw_data = node.data, node.raw_data
        if not statement.title:
            statement.title = self.unique_title()
            statement.generated = True
        ec = self.statement_class(statement.title)
        ec.tags += [t for t in statement.tags if t not in ec.tags]
        statement.section = self.section
        ec.members.append(statement)
        self.take_section(ec, statement)
        self.statement = None

    def take_section(self, owner: EquivalenceClass | Argument, member: Member) -> None:
        in_group = member.data.get("isInGroup") if isinstance(member.data, dict) else None
        if in_group is True or (not member.is_reference and in_group is None and owner.section is None):
            owner.section = member.section

    def enter_argument(self, node: Rule, parent: Rule | None, index: int) -> None:
        self.statement = Member(node.start, "argument-description")
        self.statement.section = self.section
        self.relation_parent = self.statement
        node.statement = self.statement

    def exit_argument(self, node: Rule, parent: Rule | None, index: int) -> None:
        desc: Member = node.statement
        desc.data, desc.raw_data = node.data, node.raw_data
        if not desc.title:
            desc.title = self.unique_title()
            desc.generated = True
        argument = self.get_argument(desc.title)
        node.argument = argument
        argument.tags += [t for t in desc.tags if t not in argument.tags]
        desc.section = self.section
        argument.members.append(desc)
        self.take_section(argument, desc)
        self.statement = None
        self.argument = None

    # --- premise-conclusion structures ------------------------------------------------------

    def enter_pcs(self, node: Rule, parent: Rule | None, index: int) -> None:
        argument = None
        if parent is not None and index > 0:
            sibling = parent.children[index - 1]
            if isinstance(sibling, Token) and sibling.kind == EMPTYLINE and index > 1:
                sibling = parent.children[index - 2]
            if isinstance(sibling, Rule) and sibling.name == "argument":
                argument = sibling.argument
        if argument is None:
            argument = self.get_argument()
        if self.section is not None:
            argument.section = self.section
        if argument.pcs:  # Argdown stops here ("multiple-pcs-assignments")
            self.problem(
                node.start,
                f"a second premise-conclusion structure for <{argument.title}>, which Argdown "
                "refuses: read as an untitled argument",
            )
            argument = self.get_argument()
        argument.pcs = []
        argument.start = node.start
        node.argument = argument
        self.pcs = argument

    def exit_pcs(self, node: Rule, parent: Rule | None, index: int) -> None:
        argument: Argument = node.argument
        last = argument.pcs[-1]
        if last.role == INTERMEDIARY:
            last.role = MAIN_CONCLUSION
        self.statement = None
        self.argument = None
        self.pcs = None

    def exit_pcsStatement(self, node: Rule, parent: Rule | None, index: int) -> None:
        statement: Member = node.children[1].statement  # type: ignore[union-attr]
        assert self.pcs is not None and statement is not None and statement.title is not None
        self.statement_class(statement.title)
        number = node.children[0]
        statement.number = number.image.strip(" \t'()") if isinstance(number, Token) else None
        statement.role = PREMISE
        statement.argument_title = self.pcs.title
        if parent is not None and index > 0:
            sibling = parent.children[index - 1]
            if isinstance(sibling, Rule) and sibling.name == "inference":
                statement.role = INTERMEDIARY
                statement.inference = sibling.inference
                sibling.inference.conclusion_index = len(self.pcs.pcs)
                sibling.inference.argument_title = self.pcs.title
        self.pcs.pcs.append(statement)

    def enter_inference(self, node: Rule, parent: Rule | None, index: int) -> None:
        self.inference = Inference(node.start)
        node.inference = self.inference
        self.relation_parent = self.inference
        self.parents.append(self.inference)

    def exit_inference(self, node: Rule, parent: Rule | None, index: int) -> None:
        if self.inference is not None:
            self.inference.data, self.inference.raw_data = node.data, node.raw_data

    def exit_inferenceRules(self, node: Rule, parent: Rule | None, index: int) -> None:
        if self.inference is not None:
            self.inference.rules += [c.text.strip() for c in node.children if isinstance(c, Rule)]

    def enter_freestyleText(self, node: Rule, parent: Rule | None, index: int) -> None:
        node.text = "".join(c.text for c in node.children if isinstance(c, Token))
        target = self.target()
        if target is not None:
            target.text += node.text
            target.label += node.text

    def exit_bold(self, node: Rule, parent: Rule | None, index: int) -> None:
        end = node.children[-1]
        target = self.target()
        if target is not None and isinstance(end, Token) and end.image.endswith(" "):
            target.text += " "
            target.label += " "

    exit_italic = exit_bold

    # --- relations ----------------------------------------------------------------------------

    def enter_relation(self, node: Rule) -> None:
        rel_type, side = _RELATION_TYPES[node.name]
        parent = self.parents[-1] if self.parents else None
        relation = Relation(rel_type, node)
        if side == "from":
            relation.source = parent
        elif node.name == "outgoingUndercut" and isinstance(parent, EquivalenceClass) and self.inference:
            relation.target = self.inference
        else:
            relation.target = parent
        self.relation = relation
        node.relation = relation

    def exit_relation(self, node: Rule) -> None:
        relation: Relation = node.relation
        content = node.children[1]
        assert isinstance(content, Rule)
        member = self.relation_member(content.argument or content.statement)
        if relation.source is not None:
            relation.target = member
        else:
            relation.source = member
        source = relation.source
        if source is None or relation.target is None:
            self.problem(node.start, "a relation without a statement or argument on one side: left out")
            return
        for existing in source.relations:
            if (existing.target is relation.target and existing.type == relation.type) or (
                relation.type == CONTRADICTORY == existing.type
                and relation.source is existing.target
                and relation.target is existing.source
            ):
                existing.occurrences += relation.occurrences
                return
        self.model.relations.append(relation)
        source.relations.append(relation)
        relation.target.relations.append(relation)

    def enter_relations(self, node: Rule, parent: Rule | None, index: int) -> None:
        self.parents.append(self.relation_member(self.relation_parent))

    def exit_relations(self, node: Rule, parent: Rule | None, index: int) -> None:
        self.relation = None
        self.parents.pop()

    # --- after the walk (ModelPlugin.run) --------------------------------------------------------

    def finish(self) -> Model:
        return finish(self.model)


def interpret(tree: Rule, settings: dict[str, Any] | None = None) -> Model:
    """Argdown's model of a syntax tree (see the module); ``settings`` are Argdown's model
    settings (``mode``, ``removeTagsFromText``, ...) before the front matter's."""
    interpreter = _Interpreter(settings)
    interpreter.visit(tree, None, 0)
    return interpreter.finish()
