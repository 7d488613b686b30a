"""Which of Argdown's statements and arguments become nodes, and what each node holds.

Every statement (equivalence class) and every argument of Argdown's model becomes a node,
except untitled statements that take part in no relation and no premise-conclusion structure
(paragraphs of prose, untitled list items: Argdown's map leaves them out too), which are
counted in a notice. A node's id is the Argdown title (``Untitled 3`` where Argdown made the
title up; ``Title (argument)`` for an argument titled like a statement); its label the text
of its first formulation, the others its further quotes. Nodes that argmap wrote itself carry
their exact fields in a data block, which wins unless the text was edited.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from argmap.codec import node_options_from_data
from argmap.errors import Problem
from argmap.formats._common import Notices, clean_id, quotable, quote_from_data
from argmap.formats.argdown.elements import (
    INTERMEDIARY,
    MAIN_CONCLUSION,
    Argument,
    EquivalenceClass,
    Member,
    Model,
)
from argmap.formats.argdown.tokens import Lexed
from argmap.formats.argdown.writer import FORMAT_VERSION
from argmap.model import Kind, Node, Quote

__all__ = ["Owner", "build_nodes", "own", "own_data", "select"]

_KINDS = {k.value for k in Kind}


@attrs.define(eq=False)
class Owner:
    """A statement or argument to import: Argdown's object, its node id, where it is."""

    obj: EquivalenceClass | Argument
    id: str
    start: int


def own(value: Any) -> dict[str, Any] | None:
    """``value`` where it is one of argmap's own data blocks, else None."""
    return value if isinstance(value, dict) and value.get("argmap") == FORMAT_VERSION else None


def own_data(raw: str | None, value: Any) -> dict[str, Any] | None:
    """argmap's data in a data block (its text and its value as read, JSON being YAML)."""
    return own(value) if raw is not None else None


def _members(obj: EquivalenceClass | Argument) -> list[Member]:
    return sorted(obj.members, key=lambda m: m.start)


def _text(member: Member) -> str:
    return " ".join(member.label.split())


def _start(obj: EquivalenceClass | Argument) -> int:
    """Where a node comes in the map: its first formulation with text, else its first
    mention (or its premise-conclusion structure)."""
    members = _members(obj)
    written = [m.start for m in members if _text(m)]
    starts = [m.start for m in members]
    if isinstance(obj, Argument) and obj.start is not None:
        starts.append(obj.start)
    return min(written or starts or [0])


def select(model: Model, lexed: Lexed, notices: Notices) -> list[Owner]:
    """The statements and arguments to import, in document order, with their node ids."""
    in_structure = {m.title for a in model.arguments.values() for m in a.pcs}
    related = {id(n) for r in model.relations for n in (r.source, r.target)}
    chosen: list[tuple[int, EquivalenceClass | Argument]] = []
    prose: list[Member] = []
    items: list[Member] = []
    for ec in model.statements.values():
        untitled = all(m.generated for m in ec.members)
        if untitled and id(ec) not in related and ec.title not in in_structure:
            (items if all(m.in_list for m in ec.members) else prose).extend(ec.members)
            continue
        chosen.append((_start(ec), ec))
    chosen += [(_start(a), a) for a in model.arguments.values()]
    for members, what, code in (
        (prose, "untitled paragraph(s) outside any relation", "argdown-prose"),
        (items, "untitled list item(s) outside any relation", "argdown-list"),
    ):
        if members:
            lines = sorted({lexed.position(m.start)[0] for m in members})
            shown = ", ".join(map(str, lines[:10])) + (" ..." if len(lines) > 10 else "")
            notices.add(
                f"{len(members)} {what} left out (line {shown}): Argdown's map leaves them out as well",
                at=lexed.position(min(m.start for m in members)),
                code=code,
            )
    owners: list[Owner] = []
    taken: set[str] = set()
    for start, obj in sorted(chosen, key=lambda so: so[0]):
        base = clean_id(obj.title) or ("statement" if isinstance(obj, EquivalenceClass) else "argument")
        if isinstance(obj, Argument) and obj.title in model.statements:
            base = f"{base} (argument)"
        node_id = base
        while node_id in taken:
            node_id += "'"
        taken.add(node_id)
        owners.append(Owner(obj, node_id, start))
    return owners


def _structure_text(argument: Argument) -> str:
    """A premise-conclusion structure as one line: ``(1) ... (2) ... -- rule -- (3) ...``."""
    parts = []
    for member in argument.pcs:
        if member.role in (INTERMEDIARY, MAIN_CONCLUSION) and member.inference is not None:
            rules = ", ".join(r for r in member.inference.rules if r)
            parts.append(f"-- {rules} --" if rules else "--")
        parts.append(f"({member.number}) {_text(member) or member.title}")
    return "premise-conclusion structure: " + " ".join(parts)


def _label(owner: Owner, model: Model, lexed: Lexed) -> tuple[str, list[str]]:
    """A node's label and its other formulations."""
    obj = owner.obj
    texts = [t for t in map(_text, _members(obj)) if t]
    if not texts and isinstance(obj, Argument):
        if obj.generated and obj.start is not None:
            texts = [f"Argument reconstructed at line {lexed.position(obj.start)[0]}"]
        elif obj.pcs:
            conclusion = model.statements.get(obj.pcs[-1].title or "")
            texts = [t for t in map(_text, _members(conclusion)) if t][:1] if conclusion else []
    label = next(
        (t for t in (*texts[:1], None if getattr(obj, "generated", False) else obj.title) if t and quotable(t)),
        f"[{'argument' if isinstance(obj, Argument) else 'statement'} at line "
        f"{lexed.position(owner.start)[0]} without text]",
    )
    return label, [t for t in texts[1:] if quotable(t)]


def _note(obj: EquivalenceClass | Argument, extra_tags: list[str]) -> str | None:
    parts = []
    if isinstance(obj, Argument):
        parts.append("Argdown argument" if obj.generated else f"Argdown argument <{obj.title}>")
    if extra_tags:
        parts.append("tags: " + ", ".join(dict.fromkeys(extra_tags)))
    for member in _members(obj):
        if member.raw_data is not None and own_data(member.raw_data, member.data) is None:
            parts.append(f"data: {' '.join(member.raw_data.split())}")
    if isinstance(obj, Argument) and obj.pcs:
        parts.append(_structure_text(obj))
    return "; ".join(dict.fromkeys(parts)) or None


def _from_own(data: dict[str, Any], label: str | None) -> Node:
    written = data["label"]
    if label and " ".join(str(written).split()) != label:
        written = label  # edited in an Argdown editor: the edit wins
    return Node(
        id=data["id"],
        kind=data["kind"],
        label=written,
        quotes=[quote_from_data(q) for q in data["quotes"]],
        **node_options_from_data(data),
    )


def build_nodes(
    owners: list[Owner], model: Model, lexed: Lexed, path: Path | None
) -> tuple[list[Node], dict[int, str], list[Problem]]:
    """The nodes, the node id of each Argdown object (by ``id()``), and malformed data."""
    nodes: list[Node] = []
    ids: dict[int, str] = {}
    problems: list[Problem] = []
    taken: set[str] = set()
    for owner in owners:
        obj = owner.obj
        members = _members(obj)
        mine = next((d for m in members if (d := own_data(m.raw_data, m.data)) and "id" in d), None)
        line, column = lexed.position(owner.start)
        try:
            if mine is not None:
                node = _from_own(mine, next((t for t in map(_text, members) if t), None))
            else:
                label, others = _label(owner, model, lexed)
                kinds = [t for t in obj.tags if t in _KINDS]
                section = obj.section.label if obj.section is not None else None
                node = Node(
                    id=owner.id,
                    kind=Kind(kinds[0]) if kinds else Kind.CLAIM,
                    label=label,
                    quotes=[Quote(t) for t in dict.fromkeys([label, *others])],
                    section=section or None,
                    note=_note(obj, [t for t in obj.tags if t not in kinds]),
                )
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(
                Problem(
                    f"malformed argmap data block: {exc}",
                    path=path,
                    line=line,
                    column=column,
                    hint="argmap writes these blocks; remove the block to import the element as plain Argdown",
                    code="argdown-data",
                )
            )
            continue
        if node.id in taken:
            problems.append(
                Problem(
                    f"two statements map to node id {node.id!r}",
                    path=path,
                    line=line,
                    column=column,
                    code="argdown-duplicate",
                )
            )
            continue
        taken.add(node.id)
        ids[id(obj)] = node.id
        nodes.append(node)
    return nodes, ids, problems
