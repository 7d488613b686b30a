"""Argdown's ``explodeArguments`` setting: one argument per inference step.

With ``model: {explodeArguments: true}`` (in the front matter or the settings), Argdown's
ExplodeArgumentsPlugin replaces an argument of several inference steps by arguments titled
``<title> - 1``, ``<title> - 2``, ..., each concluding one step; the last one takes the
argument's relations. A step's premises are the statements named by the ``uses`` (or
``from``) list of its inference's or its conclusion's data, or else the statements since the
previous conclusion.
"""

from __future__ import annotations

import copy
from typing import Any

from argmap.formats.argdown.elements import (
    INTERMEDIARY,
    MAIN_CONCLUSION,
    PREMISE,
    Argument,
    Member,
    Model,
    truthy,
)

__all__ = ["explode"]


def _uses(conclusion: Member) -> list[Any] | None:
    inference = conclusion.inference.data if conclusion.inference is not None else None
    own = conclusion.data
    for data, key in ((inference, "uses"), (own, "uses"), (inference, "from")):
        if isinstance(data, dict) and isinstance(data.get(key), list):
            return list(data[key])
    if isinstance(own, dict) and truthy(own.get("uses")) and isinstance(own.get("from"), list):
        return list(own["from"])
    return None


def _substitute(model: Model, old: Member, new: Member) -> None:
    members = model.statements[new.title or ""].members
    for k, member in enumerate(members):
        if member is old:
            del members[k]
            break
    members.append(new)


def _step(model: Model, argument: Argument, conclusion: Member, index: int) -> list[Member]:
    uses = _uses(conclusion)
    step: list[Member] = []
    if uses is not None:
        for number in uses:
            if not isinstance(number, int) or not 1 <= number <= len(argument.pcs):
                model.problems.append(
                    (
                        argument.start or 0,
                        f"the 'uses' list of <{argument.title}> names no statement {number!r}",
                        "argdown-model",
                    )
                )
                continue
            old = argument.pcs[number - 1]
            new = copy.copy(old)
            new.role = PREMISE
            _substitute(model, old, new)
            step.append(new)
    else:
        for old in reversed(argument.pcs[:index]):
            new = copy.copy(old)
            new.role = PREMISE
            step.append(new)
            _substitute(model, old, new)
            if old.role == INTERMEDIARY:
                break
        step.reverse()
    new_conclusion = copy.copy(conclusion)
    new_conclusion.role = MAIN_CONCLUSION
    _substitute(model, conclusion, new_conclusion)
    step.append(new_conclusion)
    return step


def explode(model: Model) -> None:
    """Split every argument of several inference steps, in place (see the module)."""
    for title in list(model.arguments):
        argument = model.arguments[title]
        steps = [
            _step(model, argument, s, k)
            for k, s in enumerate(argument.pcs)
            if s.role in (INTERMEDIARY, MAIN_CONCLUSION)
        ]
        if len(steps) <= 1:
            continue
        parts = []
        for k, step in enumerate(steps, 1):
            part = copy.copy(argument)
            part.title = f"{argument.title} - {k}"
            part.pcs = step
            part.relations = []
            for member in step:
                member.argument_title = part.title
            parts.append(part)
        last = parts[-1]
        for relation in argument.relations:
            if relation.source is argument:
                relation.source = last
            else:
                relation.target = last
            last.relations.append(relation)
        del model.arguments[title]
        for part in parts:
            if part.title in model.arguments:
                model.problems.append(
                    (
                        argument.start or 0,
                        f"splitting <{title}> makes <{part.title}>, which exists already",
                        "argdown-model",
                    )
                )
                continue
            model.arguments[part.title] = part
