"""Structural rules for argument maps, collected as a list of problems.

:func:`validate` checks one loaded map against the rules of the format; :func:`check` runs the
whole pipeline on a file (load, find quotes, validate) and never raises for a user's mistake,
which is what ``argmap validate`` needs to report every problem in every file at once.
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

import attrs

from argmap.cache import MapCache
from argmap.cache import vocabulary as cached_vocabulary
from argmap.concepts import ConceptKind, Vocabulary, suggest
from argmap.errors import LoadError, Problem, Severity
from argmap.model import ArgumentMap, Edge, Kind, Node, Relation
from argmap.workspace import DEFAULT_VOCABULARY, find_vocabulary, is_vocabulary_file

__all__ = ["check", "validate"]


def _at(amap: ArgumentMap, item: Node | Edge | None, message: str, *, hint: str | None = None,
        code: str, severity: Severity = Severity.ERROR) -> Problem:
    pos = item.position if item is not None else None
    return Problem(message, path=amap.path, line=pos.line if pos else None,
                   column=pos.column if pos else None, hint=hint, severity=severity, code=code)


def _no_thesis(amap: ArgumentMap) -> Problem:
    """A map without a thesis, located at its first node (where `kind: thesis` could go), or
    at the start of the file where it has no node with a position."""
    first = next((n for n in amap.nodes if n.position is not None), None)
    where = "the first node is here" if first is not None else "the map has no nodes yet"
    problem = _at(amap, first, "a map needs exactly one thesis; found 0 (none)",
                  hint=f"mark the author's main point `kind: thesis` ({where})", code="thesis-count")
    if first is None:
        problem = attrs.evolve(problem, line=1, column=1)
    return problem


def _support_cycles(amap: ArgumentMap, ids: set[str]) -> list[list[str]]:
    """Elementary cycles of ``supports`` edges, each reported once (iterative DFS)."""
    graph: dict[str, list[str]] = defaultdict(list)
    for e in amap.edges:
        if e.relation is Relation.SUPPORTS and e.source in ids and e.target in ids:
            graph[e.source].append(e.target)
    colour: dict[str, int] = {}
    cycles: list[list[str]] = []
    for start in graph:
        if colour.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = []
        while stack:
            node, i = stack.pop()
            if i == 0:
                colour[node] = 1
                path.append(node)
            succ = graph.get(node, [])
            if i < len(succ):
                stack.append((node, i + 1))
                nxt = succ[i]
                if colour.get(nxt) == 1:
                    cycles.append([*path[path.index(nxt):], nxt])
                elif not colour.get(nxt):
                    stack.append((nxt, 0))
            else:
                colour[node] = 2
                path.pop()
    return cycles


def _new_field_problems(amap: ArgumentMap, vocabulary: Vocabulary | None) -> list[Problem]:
    """Implicit nodes say why; periods are the vocabulary's; a direction needs a concept;
    drafts are reviewed."""
    problems: list[Problem] = []
    for node in amap.nodes:
        if node.implicit and node.note is None:
            problems.append(_at(amap, node, f"implicit node {node.id!r} has no note saying why it is there",
                                hint="add `note:` (e.g. the unstated premise the argument needs, and where)",
                                code="implicit-without-note"))
        if node.direction is not None and node.concept is None:
            problems.append(_at(amap, node, f"node {node.id!r} has a direction but no concept",
                                hint="`direction` says whether the node raises or lowers its concept: add `concept:`",
                                code="direction-without-concept"))
    items: list[Node | Edge] = [*amap.nodes, *amap.edges]
    for item in items:
        what = f"node {item.id!r}" if isinstance(item, Node) else f"edge {item.source!r} -> {item.target!r}"
        if item.draft is not None:
            problems.append(_at(amap, item, f"{what} is a draft nobody has reviewed (confidence {item.draft:.2f})",
                                hint="check it against the text, then delete its `draft:` line",
                                code="unreviewed-draft", severity=Severity.WARNING))
        if item.period is not None and vocabulary is not None and vocabulary.period(item.period) is None:
            known = [p.id for p in vocabulary.periods]
            close = suggest(item.period, known)
            problems.append(_at(amap, item, f"{what} names an unknown period {item.period!r}",
                                hint=(f"did you mean {close!r}?" if close else
                                      f"the vocabulary's periods: {', '.join(known) or 'none'}"),
                                code="unknown-period"))
    return problems


def validate(amap: ArgumentMap, vocabulary: Vocabulary | None = None) -> list[Problem]:
    """Every structural problem of a map, errors and warnings, in file order.

    Errors: duplicate node ids, edges to unknown nodes or to themselves, not exactly one
    thesis, ``causes`` without a sign, a sign on another relation, cycles of ``supports``
    edges, unknown concepts, a stance on a concept that is not a proposition and a
    proposition without a stance (the last three need ``vocabulary``).
    Errors too: an implicit node without a note saying why, a direction on a node without a
    concept, and (with ``vocabulary``) a period the vocabulary does not list.
    Warnings: nodes not connected to the thesis, draft elements nobody has reviewed.
    Every problem is located: one about the map as a whole (no thesis) at its first node, or
    at line 1, column 1 of a map without nodes.

    Never raises for a broken map: every problem is returned as a :class:`Problem`.
    """
    problems: list[Problem] = []
    first: dict[str, Node] = {}
    for node in amap.nodes:
        if node.id in first:
            other = first[node.id].position
            where = f" (first on line {other.line})" if other else ""
            problems.append(_at(amap, node, f"duplicate node id {node.id!r}{where}",
                                hint="give every node its own id", code="duplicate-id"))
        else:
            first[node.id] = node
    ids = set(first)

    theses = amap.nodes_of(Kind.THESIS)
    if len(theses) > 1:
        found = ", ".join(repr(t.id) for t in theses)
        problems.append(_at(amap, theses[1], f"a map needs exactly one thesis; found {len(theses)} ({found})",
                            hint="mark the author's main point `kind: thesis`, the rest `claim`",
                            code="thesis-count"))
    elif not theses:
        problems.append(_no_thesis(amap))

    for edge in amap.edges:
        for end in (edge.source, edge.target):
            if end not in ids:
                close = suggest(end, ids)
                problems.append(_at(amap, edge, f"edge refers to unknown node {end!r}",
                                    hint=f"did you mean {close!r}?" if close else "add the node or fix the id",
                                    code="unknown-node"))
        if edge.source == edge.target:
            problems.append(_at(amap, edge, f"edge from {edge.source!r} to itself", code="self-loop"))
        if edge.relation is Relation.CAUSES and edge.sign is None:
            problems.append(_at(amap, edge, f"`causes` edge {edge.source!r} -> {edge.target!r} has no sign",
                                hint='add sign: "+" if the cause helps the effect, "-" if it hinders it',
                                code="missing-sign"))
        if edge.relation is not Relation.CAUSES and edge.sign is not None:
            problems.append(_at(amap, edge, f"sign on a `{edge.relation.value}` edge: only `causes` edges carry a sign",
                                hint="remove `sign`, or make the relation `causes`", code="stray-sign"))

    for cycle in _support_cycles(amap, ids):
        node = first[cycle[0]]
        problems.append(_at(amap, node, "cycle of `supports` edges: " + " -> ".join(cycle),
                            hint="a claim cannot (indirectly) support itself: remove one edge",
                            code="support-cycle"))

    problems.extend(_new_field_problems(amap, vocabulary))

    if vocabulary is not None:
        for node in amap.nodes:
            if node.concept is None:
                if node.stance is not None:
                    problems.append(_at(amap, node, f"node {node.id!r} has a stance but no concept",
                                        hint="a stance is taken on a proposition concept: add `concept:`",
                                        code="stance-without-concept"))
                continue
            concept = vocabulary.get(node.concept)
            if concept is None:
                close = vocabulary.suggest(node.concept)
                problems.append(_at(amap, node, f"unknown concept {node.concept!r}",
                                    hint=(f"did you mean {close!r}?" if close else
                                          "add it to the vocabulary or use a listed id"),
                                    code="unknown-concept"))
            elif concept.kind is ConceptKind.PROPOSITION and node.stance is None:
                problems.append(_at(amap, node, f"node {node.id!r} links proposition {concept.id!r} without a stance",
                                    hint="add stance: affirms, denies or qualifies", code="missing-stance"))
            elif concept.kind is not ConceptKind.PROPOSITION and node.stance is not None:
                kind = concept.kind.value
                problems.append(_at(amap, node,
                                    f"stance on {kind} concept {concept.id!r}: only propositions take a stance",
                                    hint="remove `stance`", code="stray-stance"))

    if len(theses) == 1:
        neighbours: dict[str, set[str]] = defaultdict(set)
        for e in amap.edges:
            neighbours[e.source].add(e.target)
            neighbours[e.target].add(e.source)
        reached = {theses[0].id}
        todo = [theses[0].id]
        while todo:
            for nxt in neighbours[todo.pop()] - reached:
                reached.add(nxt)
                todo.append(nxt)
        for node in amap.nodes:
            if node.id not in reached and first.get(node.id) is node:
                problems.append(_at(amap, node, f"node {node.id!r} is not connected to the thesis",
                                    hint="add an edge showing how it bears on the argument",
                                    code="unreachable", severity=Severity.WARNING))

    problems.sort(key=lambda p: (p.line is None, p.line or 0, p.column or 0))
    return problems


def check(path: str | os.PathLike[str], vocabulary: Vocabulary | None = None) -> list[Problem]:
    """Every problem in a map or vocabulary file: syntax, shape, quotes and structure.

    Never raises for a user's mistake; an empty list means the file is valid. Without
    ``vocabulary``, a map uses the one it names or ``concepts.yaml`` beside it (see
    :func:`argmap.find_vocabulary`).
    """
    p = Path(path)
    if is_vocabulary_file(p):
        try:
            cached_vocabulary(p)
        except LoadError as exc:
            return exc.problems
        return []
    try:  # through the cache of loaded maps: a map that checked clean before is not parsed again
        amap, problems = MapCache.default().load_checked(p)
    except LoadError as exc:
        return exc.problems
    if vocabulary is None:
        vocab_path = find_vocabulary(amap)
        if vocab_path is not None:
            try:
                vocabulary = cached_vocabulary(vocab_path)
            except LoadError as exc:
                problems.extend(exc.problems)
        elif amap.concepts:
            problems.append(Problem(
                "the map links concepts but no vocabulary was found",
                path=p, line=1, column=1,
                hint=f"put {DEFAULT_VOCABULARY} beside the map, add `vocabulary: PATH`, or pass --vocabulary",
                code="no-vocabulary"))
    problems.extend(validate(amap, vocabulary))
    problems.sort(key=lambda pr: (str(pr.path), pr.line is None, pr.line or 0, pr.column or 0))
    return problems
