"""The parts of Argdown's model (the names are Argdown's: an equivalence class is a statement
with all its formulations) and the small JavaScript behaviours its model steps rely on."""

from __future__ import annotations

from typing import Any

from argmap.formats.argdown.parser import Rule

__all__ = [
    "ATTACK",
    "CONTRADICTORY",
    "CONTRARY",
    "ENTAILS",
    "INTERMEDIARY",
    "MAIN_CONCLUSION",
    "PREMISE",
    "SUPPORT",
    "UNDERCUT",
    "Argument",
    "EquivalenceClass",
    "Inference",
    "Member",
    "Model",
    "Relation",
    "Section",
    "other",
    "remove",
    "truthy",
]

SUPPORT, ATTACK, UNDERCUT = "support", "attack", "undercut"
CONTRADICTORY, ENTAILS, CONTRARY = "contradictory", "entails", "contrary"
PREMISE, INTERMEDIARY, MAIN_CONCLUSION = "premise", "intermediary-conclusion", "main-conclusion"


class Section:
    """A heading: its level, its text (argmap's reading: tags left out) and its parent."""

    def __init__(self, level: int, title: str, label: str, start: int) -> None:
        self.level = level
        self.title = title
        self.label = label
        self.start = start
        self.parent: Section | None = None


class Member:
    """One occurrence of a statement (or an argument's description) in the document."""

    def __init__(self, start: int, role: str | None = None) -> None:
        self.start = start
        self.role = role
        self.title: str | None = None
        self.text = ""  # as Argdown's model has it (tags and mentions as written)
        self.label = ""  # as argmap reads it (tags left out, mentions by their title)
        self.tags: list[str] = []
        self.data: Any = None
        self.raw_data: str | None = None
        self.is_reference = False
        self.section: Section | None = None
        self.inference: Inference | None = None
        self.argument_title: str | None = None
        self.number: str | None = None  # the "(n)" of a statement in a reconstruction
        self.generated = False  # its title is one Argdown made up ("Untitled 3")
        self.in_list = False  # an item of a list


class EquivalenceClass:
    """A statement: every member with the same title."""

    kind = "equivalence-class"

    def __init__(self, title: str) -> None:
        self.title = title
        self.members: list[Member] = []
        self.relations: list[Relation] = []
        self.tags: list[str] = []
        self.section: Section | None = None


class Inference:
    """The inference line before a conclusion of a premise-conclusion structure."""

    kind = "inference"

    def __init__(self, start: int) -> None:
        self.start = start
        self.relations: list[Relation] = []
        self.rules: list[str] = []
        self.data: Any = None
        self.raw_data: str | None = None
        self.conclusion_index = 0
        self.argument_title: str | None = None


class Argument:
    """An argument: its descriptions and its premise-conclusion structure, if any."""

    kind = "argument"

    def __init__(self, title: str) -> None:
        self.title = title
        self.members: list[Member] = []
        self.relations: list[Relation] = []
        self.pcs: list[Member] = []
        self.tags: list[str] = []
        self.section: Section | None = None
        self.start: int | None = None  # where its premise-conclusion structure starts
        self.generated = False  # its title is one Argdown made up ("Untitled 3")


Node = EquivalenceClass | Argument | Inference


class Relation:
    """A relation between two nodes, with every place it is written (its relation rules)."""

    def __init__(self, rel_type: str, occurrence: Rule) -> None:
        self.type = rel_type
        self.source: Node | None = None
        self.target: Node | None = None
        self.occurrences: list[Rule] = [occurrence]


class Model:
    """What Argdown's model holds after its model steps, and the problems met on the way
    (character offsets and messages) where Argdown itself would have stopped."""

    def __init__(self) -> None:
        self.statements: dict[str, EquivalenceClass] = {}
        self.arguments: dict[str, Argument] = {}
        self.relations: list[Relation] = []
        self.front_matter: Any = None
        self.front_matter_text: str | None = None
        self.settings: dict[str, Any] = {}
        self.problems: list[tuple[int, str, str]] = []


def truthy(value: Any) -> bool:
    """JavaScript's truthiness (an empty list or object is true there)."""
    if isinstance(value, (list, dict)):
        return True
    return bool(value) and value == value  # NaN is false


def remove(items: list[Relation], item: Relation) -> None:
    """``items.splice(items.indexOf(item), 1)``: where ``item`` is absent, JavaScript's
    splice(-1, 1) removes the last element; Argdown's model steps rely on that."""
    for k, other in enumerate(items):
        if other is item:
            del items[k]
            return
    if items:
        items.pop()


def other(relation: Relation, node: Node) -> Node | None:
    return relation.target if relation.source is node else relation.source
