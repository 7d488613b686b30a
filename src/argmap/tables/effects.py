"""What one author says a factor does to an outcome, in one period, for the factors table:
a direct causal link, else the shortest chains of links through other concepts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from argmap._text import quoted, shorten
from argmap.model import Sign
from argmap.projection import CausalLink, Projection

__all__: list[str] = []

_SIGN_WORD = {Sign.HELPS: "helps", Sign.HINDERS: "hinders"}


def _effect_word(signs: Iterable[Sign]) -> str:
    found = frozenset(signs)
    return _SIGN_WORD[next(iter(found))] if len(found) == 1 else "mixed"


@attrs.frozen
class _Effect:
    """What an author says one factor does to one outcome: the signs, and the concepts the
    effect runs through (empty for a direct link), with the links that make it up."""

    outcome: str
    signs: frozenset[Sign]
    via: tuple[str, ...]
    first: CausalLink


def _effects(p: Projection, factor: str, outcomes: Sequence[str], period: str | None = None) -> list[_Effect]:
    """The factor's effect on each outcome in the author's causal map, in one period (None:
    the undated links): a direct link if the author draws one, else the shortest chains of
    links through other concepts, each one's sign the product of the signs along it (a
    mixed link passes on both signs). A chain starts with a link of the period and may go on
    through undated links."""
    effects = []
    out: dict[str, list[CausalLink]] = {}
    for link in p.links:
        if link.period == period or (link.period is None and link.cause != factor):
            out.setdefault(link.cause, []).append(link)
    for outcome in outcomes:
        direct = p.link(factor, outcome, period)
        if direct is not None:
            effects.append(_Effect(outcome, direct.signs, (), direct))
            continue
        # Breadth first, one chain length at a time, over (concept, sign so far); stop at the
        # first length that reaches the outcome, so that a longer detour cannot add a sign.
        start = (factor, 1)
        parent: dict[tuple[str, int], tuple[tuple[str, int], CausalLink] | None] = {start: None}
        level = [start]
        reached: list[tuple[str, int]] = []
        while level and not reached:
            following = []
            for state in level:
                for link in out.get(state[0], ()):
                    for sign in link.signs:
                        nxt = (link.effect, state[1] * (1 if sign is Sign.HELPS else -1))
                        if nxt in parent or link.effect == factor:
                            continue
                        parent[nxt] = (state, link)
                        if link.effect == outcome:
                            reached.append(nxt)
                        elif link.effect not in outcomes:
                            following.append(nxt)
            level = following
        if reached:
            chain: list[CausalLink] = []
            state = reached[0]
            while (step := parent[state]) is not None:
                state, link = step
                chain.append(link)
            chain.reverse()
            signs = frozenset(Sign.HELPS if s > 0 else Sign.HINDERS for _, s in reached)
            effects.append(_Effect(outcome, signs, tuple(k.effect for k in chain[:-1]), chain[0]))
    return effects


def _link_quote(link: CausalLink, limit: int, sign: Sign | None = None) -> str | None:
    """The first quote of the link's paths (of one sign), preferring one that the paths of
    the other sign do not share, so that a mixed link quotes each side in its own words."""
    mine = [q.text for p in link.paths if sign is None or p.sign is sign for q in p.quotes]
    theirs = {q.text for p in link.paths if sign is not None and p.sign is not sign for q in p.quotes}
    own = [t for t in mine if t not in theirs] or mine
    return quoted(shorten(own[0], limit)) if own else None
