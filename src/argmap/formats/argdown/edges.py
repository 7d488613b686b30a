"""Argdown's relations and premise-conclusion structures as edges.

One edge per relation of Argdown's model, however often the relation is written: support
(and strict mode's ``entails``) becomes ``supports``; attack, ``contrary``, a contradiction
(``><``, one edge in the direction it was first written, noted) and an undercut become
``attacks``. An undercut of an inference (written under the inference line, or at a
reconstructed argument) attacks the argument whose inference it is, noted, with a notice:
argmap's edges join nodes, not edges. A premise-conclusion structure adds an edge from each
premise (and intermediary conclusion) to the argument and one from the argument to its main
conclusion. Relations argmap wrote itself carry their exact relation, sign and fields in a data
block and come back one edge per written line, in their order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from argmap.codec import edge_options_from_data
from argmap.errors import Problem
from argmap.formats._common import Notices, quote_from_data
from argmap.formats.argdown.elements import (
    ATTACK,
    CONTRADICTORY,
    CONTRARY,
    ENTAILS,
    INTERMEDIARY,
    MAIN_CONCLUSION,
    SUPPORT,
    UNDERCUT,
    Argument,
    EquivalenceClass,
    Inference,
    Model,
)
from argmap.formats.argdown.elements import (
    Relation as ArgdownRelation,
)
from argmap.formats.argdown.nodes import own_data
from argmap.formats.argdown.parser import Rule
from argmap.formats.argdown.tokens import Lexed, Token
from argmap.model import Edge, Relation, Sign

__all__ = ["build_edges"]

#: Argdown's relation types and what argmap makes of them: the relation and the edge's note.
RELATION_TYPES: dict[str, tuple[Relation, str | None]] = {
    SUPPORT: (Relation.SUPPORTS, None),
    ATTACK: (Relation.ATTACKS, None),
    ENTAILS: (Relation.SUPPORTS, "Argdown entailment (strict mode: support between statements)"),
    CONTRARY: (Relation.ATTACKS, "Argdown contrariety (strict mode: attack between statements)"),
    CONTRADICTORY: (Relation.ATTACKS, "Argdown contradiction (><): the two statements exclude each other"),
    UNDERCUT: (Relation.ATTACKS, "Argdown undercut"),
}


def _argument_of(model: Model, inference: Inference) -> Argument | None:
    for argument in model.arguments.values():
        if any(m.inference is inference for m in argument.pcs):
            return argument
    return model.arguments.get(inference.argument_title or "")


def _name(obj: Any) -> str:
    return f"<{obj.title}>" if isinstance(obj, Argument) else f"[{obj.title}]"


def _symbol(occurrence: Rule) -> str:
    token = occurrence.children[0]
    return token.image.strip(" \t'") if isinstance(token, Token) else "?"


def _occurrence_data(occurrence: Rule) -> dict[str, Any] | None:
    member = occurrence.children[1]
    if not isinstance(member, Rule):
        return None
    data = own_data(member.raw_data, member.data)
    return data if data is not None and "order" in data else None


class _Edges:
    def __init__(self, model: Model, lexed: Lexed, ids: dict[int, str], notices: Notices, path: Path | None):
        self.model = model
        self.lexed = lexed
        self.ids = ids
        self.notices = notices
        self.path = path
        self.own: list[tuple[int, Edge]] = []
        self.foreign: list[tuple[int, Edge]] = []
        self.problems: list[Problem] = []

    def endpoint(self, obj: Any) -> tuple[str | None, Argument | None]:
        """The node id of a relation's end; for an inference, the argument's, and the argument."""
        if isinstance(obj, Inference):
            argument = _argument_of(self.model, obj)
            return (self.ids.get(id(argument)) if argument else None), argument
        return self.ids.get(id(obj)), None

    def relation(self, relation: ArgdownRelation) -> None:
        (source, _), (target, argument) = self.endpoint(relation.source), self.endpoint(relation.target)
        first = min(relation.occurrences, key=lambda o: o.start)
        at = self.lexed.position(first.start)
        if source is None or target is None:
            self.notices.add("a relation to an element argmap did not import: left out", at=at, code="argdown-model")
            return
        kind, note = RELATION_TYPES[relation.type]
        if relation.type == UNDERCUT:
            note = self.undercut(relation, first, argument, at)
        mine = [(o, d) for o in relation.occurrences if (d := _occurrence_data(o)) is not None]
        for occurrence, data in sorted(mine, key=lambda od: od[0].start):
            if not self.own_edge(occurrence, data, source, target, relation.type):
                self.foreign.append((occurrence.start, Edge(source, target, kind, note=note)))
        if not mine:
            self.foreign.append((first.start, Edge(source, target, kind, note=note)))

    def undercut(self, relation: ArgdownRelation, first: Rule, argument: Argument | None, at: tuple[int, int]) -> str:
        source = _name(relation.source)
        if argument is not None and isinstance(relation.target, Inference):
            inference = relation.target
            number = next(
                (m.number for m in argument.pcs if m.inference is inference), str(inference.conclusion_index + 1)
            )
            self.notices.add(
                f"{source} undercuts the inference of {_name(argument)} to its statement ({number}): "
                "imported as an attack on the argument (argmap's edges join nodes, not edges)",
                at=at,
                code="argdown-undercut",
            )
            return f"Argdown undercut ({_symbol(first)}) of the inference to ({number}) of {_name(argument)}"
        self.notices.add(
            f"{source} undercuts {_name(relation.target)}: imported as an attack, noted on the edge",
            at=at,
            code="argdown-undercut",
        )
        return f"Argdown undercut ({_symbol(first)})"

    def own_edge(self, occurrence: Rule, data: dict[str, Any], source: str, target: str, rel_type: str) -> bool:
        """An edge argmap wrote, from its data block; False where the line was edited."""
        at = self.lexed.position(occurrence.start)
        try:
            relation = Relation(data["relation"])
            options = edge_options_from_data(data)
            raw_sign = options.pop("sign")
            sign = Sign(raw_sign) if raw_sign is not None else None
            attack = relation is Relation.ATTACKS or sign is Sign.HINDERS
            if rel_type != (ATTACK if attack else SUPPORT):
                self.notices.add(
                    f"the relation at line {at[0]} was changed from {relation.value}: imported as written",
                    at=at,
                    code="argdown-edited",
                )
                return False
            order = data["order"]
            if type(order) is not int:
                raise TypeError(f"`order` must be a whole number, got {order!r:.40}")
            quote = quote_from_data(data["quote"]) if data.get("quote") is not None else None
            self.own.append((order, Edge(source, target, relation, sign=sign, quote=quote, **options)))
        except (KeyError, TypeError, ValueError) as exc:
            self.problems.append(
                Problem(
                    f"malformed argmap data block: {exc}",
                    path=self.path,
                    line=at[0],
                    column=at[1],
                    hint="argmap writes these blocks; remove the block to import the element as plain Argdown",
                    code="argdown-data",
                )
            )
        return True

    def structure(self, argument: Argument) -> None:
        """Premises (and intermediary conclusions) support the argument; it its conclusion."""
        node = self.ids.get(id(argument))
        if node is None or not argument.pcs:
            return
        for member in argument.pcs:
            statement = self.ids.get(id(self.model.statements.get(member.title or "")))
            if statement is None:
                continue
            if member.role == MAIN_CONCLUSION:
                edge = Edge(node, statement, Relation.SUPPORTS, note=f"conclusion ({member.number}) of the argument")
            elif member.role == INTERMEDIARY:
                edge = Edge(
                    statement,
                    node,
                    Relation.SUPPORTS,
                    note=f"intermediary conclusion ({member.number}) of the argument, a premise of its next step",
                )
            else:
                edge = Edge(statement, node, Relation.SUPPORTS, note=f"premise ({member.number}) of the argument")
            self.foreign.append((member.start, edge))
        self.notices.add(
            f"premise-conclusion structure of {_name(argument)}: its {len(argument.pcs)} statements "
            "imported as nodes linked to the argument, its inference steps kept as text in its note",
            at=self.lexed.position(argument.start or 0),
            code="argdown-pcs",
        )


def build_edges(
    model: Model, lexed: Lexed, ids: dict[int, str], notices: Notices, path: Path | None
) -> tuple[list[Edge], list[Problem]]:
    """The map's edges: argmap's own in their written order, then the others in document
    order, each (source, target, relation) once; and malformed data blocks."""
    edges = _Edges(model, lexed, ids, notices, path)
    for relation in model.relations:
        edges.relation(relation)
    for argument in model.arguments.values():
        if isinstance(argument, Argument) and not isinstance(argument, EquivalenceClass):
            edges.structure(argument)
    out = [e for _o, e in sorted(edges.own, key=lambda oe: oe[0])]
    seen = {(e.source, e.target, e.relation) for e in out}
    merged: dict[tuple[str, str, Relation], Edge] = {}
    for _start, edge in sorted(edges.foreign, key=lambda se: se[0]):
        key = (edge.source, edge.target, edge.relation)
        if key in seen:
            continue
        if key in merged:
            previous = merged[key]
            notes = [n for n in (previous.note, edge.note) if n]
            merged[key] = Edge(key[0], key[1], key[2], note="; ".join(dict.fromkeys(notes)) or None)
        else:
            merged[key] = edge
    return out + list(merged.values()), edges.problems
