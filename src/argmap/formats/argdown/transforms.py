"""The steps Argdown's model plugin takes after reading the tree (ModelPlugin.run).

Relations of a reconstructed argument become relations of its main conclusion, and an undercut
of it a relation to its last inference; in strict mode support between two statements becomes
``entails`` and attack ``contrary`` (once for both directions); an attack on an argument that
repeats an attack on one of its premises is dropped. A relation that ends up repeating
another adds its occurrences to it.
"""

from __future__ import annotations

from argmap.formats.argdown.elements import (
    ATTACK,
    CONTRADICTORY,
    CONTRARY,
    ENTAILS,
    PREMISE,
    SUPPORT,
    UNDERCUT,
    Argument,
    EquivalenceClass,
    Model,
    other,
    remove,
    truthy,
)

__all__ = ["finish"]


def finish(model: Model) -> Model:
    """Argdown's model steps after the walk, in its order, on ``model`` in place."""
    owners: list[EquivalenceClass | Argument] = [*model.statements.values(), *model.arguments.values()]
    for owner in owners:
        if owner.section is None and owner.members:
            owner.section = owner.members[0].section
    if truthy(model.settings.get("transformArgumentRelations")):
        _transform_argument_relations(model)
    if model.settings.get("mode") == "strict":
        _transform_statement_relations(model)
    _remove_redundant_attacks(model)
    if truthy(model.settings.get("explodeArguments")):
        from argmap.formats.argdown.explode import explode

        explode(model)
    return model


def _transform_argument_relations(model: Model) -> None:
    kept = []
    for relation in model.relations:
        add = True
        source, target = relation.source, relation.target
        if isinstance(source, Argument) and source.pcs:
            remove(source.relations, relation)
            ec = model.statements[source.pcs[-1].title or ""]
            relation.source = ec
            existing = next(
                (r for r in ec.relations if relation.target is r.target and relation.type == r.type), None
            )
            if existing is None:
                ec.relations.append(relation)
            else:
                existing.occurrences += relation.occurrences
                assert relation.target is not None
                remove(relation.target.relations, relation)
                add = False
        if isinstance(target, Argument) and target.pcs and relation.type == UNDERCUT:
            inference = target.pcs[-1].inference
            assert inference is not None
            relation.target = inference
            remove(inference.relations, relation)
            existing = next(
                (r for r in inference.relations if relation.source is r.source and relation.type == r.type), None
            )
            if existing is None:
                inference.relations.append(relation)
            else:
                existing.occurrences += relation.occurrences
                assert relation.source is not None
                remove(relation.source.relations, relation)
                add = False
        if add:
            kept.append(relation)
    model.relations = kept


def _transform_statement_relations(model: Model) -> None:
    kept = []
    for relation in model.relations:
        source, target = relation.source, relation.target
        if isinstance(source, EquivalenceClass) and isinstance(target, EquivalenceClass):
            if relation.type == SUPPORT:
                relation.type = ENTAILS
            elif relation.type == ATTACK:
                if any(
                    r.type == CONTRARY
                    and ((r.source is source and r.target is target) or (r.source is target and r.target is source))
                    for r in source.relations
                ):
                    remove(source.relations, relation)
                    remove(target.relations, relation)
                    continue
                relation.type = CONTRARY
        kept.append(relation)
    model.relations = kept


def _remove_redundant_attacks(model: Model) -> None:
    kept = []
    for relation in model.relations:
        ec, argument = relation.source, relation.target
        if not (isinstance(ec, EquivalenceClass) and relation.type == ATTACK and isinstance(argument, Argument)):
            kept.append(relation)
            continue
        premises = {s.title for s in argument.pcs if s.role == PREMISE}
        repeated = next(
            (
                r
                for r in ec.relations
                if isinstance(partner := other(r, ec), EquivalenceClass)
                and ((r.type == ATTACK and r.source is ec) or r.type in (CONTRADICTORY, CONTRARY))
                and partner.title in premises
            ),
            None,
        )
        if repeated is None:
            kept.append(relation)
            continue
        remove(ec.relations, relation)
        remove(argument.relations, relation)
        repeated.occurrences += relation.occurrences
    model.relations = kept
