"""The words diffs and comparisons are told in, shared by the terminal text
(:mod:`argmap.compare_text`) and Markdown (:mod:`argmap.compare_markdown`): periods, falls
and implicit nodes beside a node or chain, authors by number, the summary rows of a diff with
glosses that describe the values they stand beside, mixed views and changes over time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from argmap._text import runs
from argmap.comparison import ConceptRow, LinkRow
from argmap.diffing import ConceptDiff, LinkDiff, MapDiff, Status
from argmap.model import ChangeDirection, Edge
from argmap.periods import Change, Tension, Timeline
from argmap.projection import AuthorStance, CausalPath, ConceptUse, LinkSign, Mention

__all__: list[str] = []

_LEVEL_NOTE = "broad level: every concept rolled up to its top concept"


def _skipped_warnings(skipped: Sequence[tuple[str, int]]) -> list[str]:
    """A warning naming each map file a comparison left out (``keep_going``: its path as
    shown and its count of problems), so that a report passed on says who is missing, not
    only standard error at the time."""
    if not skipped:
        return []
    files = ", ".join(f"{path} ({n} problem{'s' * (n != 1)})" for path, n in skipped)
    return [f"left out {len(skipped)} map file{'s' * (len(skipped) != 1)} that did not load: {files}. "
            "`argmap validate` shows each problem."]


def _when(timeline: Timeline, period: str | None) -> str:
    """`` · Cold War alignment (1954-1971)`` for a dated period, nothing for an undated one."""
    return f" · {timeline.label(period)}" if period is not None else ""


def _own_period(timeline: Timeline, own: str | None, compared: str | None) -> str:
    """A mention's or path's own period where it differs from the period compared in."""
    return f" [{timeline.short(own)}]" if own != compared else ""


def _mention_notes(m: Mention) -> str:
    notes = []
    if m.direction is ChangeDirection.DECREASE:
        notes.append("a fall")
    if m.implicit:
        notes.append("implicit: no quote")
    return f" ({'; '.join(notes)})" if notes else ""


def _path_notes(path: CausalPath) -> str:
    notes = []
    if path.flipped:
        falls = [end for end, d in zip(("cause", "effect"), path.directions, strict=True)
                 if d is ChangeDirection.DECREASE]
        drawn = "+" if path.chain_sign is not None and path.chain_sign.value == "+" else "−"
        notes.append(f"drawn {drawn}; the {' and '.join(falls)} {'is a fall' if len(falls) == 1 else 'are falls'}")
    if path.implicit:
        notes.append("implicit: no quote")
    return f" ({'; '.join(notes)})" if notes else ""


def _consensus_stances(row: ConceptRow, numbers: Mapping[str, str]) -> str:
    """Who holds a view and how: '1, 2' (mentions) or '1 affirms, 3 qualifies'."""
    if all(u.stance is AuthorStance.MENTIONS for u in row.by_source.values()):
        return ", ".join(numbers[k] for k in row.by_source)
    return ", ".join(f"{numbers[k]} {u.stance.value}" for k, u in row.by_source.items())


def _who(row: ConceptRow | LinkRow, keys: Sequence[str], numbers: Mapping[str, str], timeline: Timeline,
         *, grouped: bool = False) -> str:
    """Authors by number, each with the periods of their claims where they differ from the row's.

    ``grouped`` (for a corpus): the count, then the numbers in runs, those whose claims are
    dated alike together (``212 authors: 1-3, 5; [undated] 4, 6-9``)."""
    tags = {k: "[" + ", ".join(timeline.short(p) for p in own) + "]" if (
        own := [p for p in row.by_source[k].periods if p != row.period]) else "" for k in keys}
    if not grouped:
        return ", ".join(numbers[k] + (f" {tags[k]}" if tags[k] else "") for k in keys)
    groups: dict[str, list[str]] = {}
    for k in keys:
        groups.setdefault(tags[k], []).append(numbers[k])
    parts = [f"{tag} {_number_ranges(nums)}" if tag else _number_ranges(nums)
             for tag, nums in sorted(groups.items(), key=lambda g: g[0] != "")]
    return f"{len(keys):,} author{'s' * (len(keys) != 1)}: " + "; ".join(parts)



_SIGN_TEXT = {LinkSign.HELPS: "+", LinkSign.HINDERS: "−", LinkSign.MIXED: "±"}
_SIDE = {"+": "+", "-": "−", "mixed": "± mixed"}


#: How the tables' period rows relate to the findings after them (said in text and Markdown).
_PERIOD_ROWS = ("A row per period the authors date their claims to: each claim counts in the row of its own "
                "period (undated claims in the row without one). The findings below compare an undated claim "
                "with every period too ([undated] or [1955-1990] after an author: the period of their claim, "
                "where it differs), so a finding may name more authors than its row counts.")


def _stance_counts(row: ConceptRow, n: int) -> list[int]:
    """How many of ``n`` authors take each stance on a concept, in :class:`AuthorStance`
    order, then how many are silent: a corpus's concept table in place of a column an author."""
    counts = dict.fromkeys(AuthorStance, 0)
    for use in row.by_source.values():
        counts[use.stance] += 1
    return [*counts.values(), n - len(row.by_source)]


def _sign_counts(row: LinkRow, n: int) -> list[int]:
    """How many of ``n`` authors give a link each sign, in :class:`LinkSign` order, then how
    many are silent."""
    counts = dict.fromkeys(LinkSign, 0)
    for link in row.by_source.values():
        counts[link.sign] += 1
    return [*counts.values(), n - len(row.by_source)]


def _on_side(subject: ConceptRow | LinkRow, key: str, side: str) -> list[Mention] | list[CausalPath]:
    """What puts one author on one side of a finding: the mentions with that stance, or the
    causal chains with that sign."""
    if isinstance(subject, ConceptRow):
        return [m for m in subject.by_source[key].mentions if m.stance is not None and m.stance.value == side]
    return [path for path in subject.by_source[key].paths if path.sign.value == side]


def _side_quote_texts(subject: ConceptRow | LinkRow, key: str, side: str) -> list[str]:
    """The quotes with which one author takes one side of a controversy."""
    return [q.text for x in _on_side(subject, key, side) for q in x.quotes]


def _side_who(keys: Sequence[str], mixed: set[str], numbers: Mapping[str, str]) -> str:
    """A corpus controversy's side: how many authors, how many of them mixed, their numbers."""
    both = sum(1 for k in keys if k in mixed)
    also = f", {both:,} of them mixed (on both sides)" if both else ""
    return f"{len(keys):,} author{'s' * (len(keys) != 1)}{also}: {_number_ranges([numbers[k] for k in keys])}"


def _quotes_by_use(subject: ConceptRow | LinkRow, keys: Sequence[str], side: str,
                   numbers: Mapping[str, str]) -> list[tuple[str, list[str]]]:
    """Each distinct quote of one side of a controversy once, with the authors (by number)
    who quote it, the most quoted first (then in order of first use): a class's maps of
    one text quote the same passages, which a corpus report would otherwise repeat for
    every student."""
    found: dict[str, list[str]] = {}
    for key in keys:
        for text in dict.fromkeys(" ".join(q.split()) for q in _side_quote_texts(subject, key, side)):
            found.setdefault(text, []).append(numbers[key])
    return sorted(found.items(), key=lambda item: -len(item[1]))


def _quoted_by(quoting: Sequence[str], side: int) -> str:
    """Who quotes a passage, of the ``side`` authors taking that side of a controversy."""
    if len(quoting) == side:
        return f"quoted by all {side:,}" if side > 1 else "quoted by this author"
    return f"quoted by {len(quoting):,}: {_number_ranges(quoting)}"


def _number_ranges(numbers: Sequence[str]) -> str:
    """Author numbers as runs: ``1-3, 7, 9-10``."""
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs(int(x) for x in numbers))


def _fmt(x: float, digits: int = 3) -> str:
    """A number for people: ``n/a`` for nan; ``digits=0`` for counts (decimals only if needed)."""
    if math.isnan(x):
        return "n/a"
    if digits == 0:
        return str(int(x)) if x == int(x) else f"{x:.3f}"
    return f"{x:.{digits}f}"


def _plural(x: float, noun: str) -> str:
    return f"{_fmt(x, 0)} {noun}{'' if x == 1 else 's'}"


def _concept_title(c: ConceptDiff) -> str:
    return f"{c.label} [{c.concept}]" if c.label != c.concept else c.concept


def _link_title(k: LinkDiff | LinkRow, labels: Mapping[str, str]) -> str:
    return f"{labels.get(k.cause, k.cause)} → {labels.get(k.effect, k.effect)}"


def _distance_gloss(d: MapDiff) -> str:
    """The distance ratio in words that match its value: how many causal links differ."""
    arcs_a, arcs_b = d.a.arcs(), d.b.arcs()
    cells = set(arcs_a) | set(arcs_b)
    differ = sum(1 for c in cells if arcs_a.get(c) != arcs_b.get(c))
    if math.isnan(d.distance_ratio):
        return "n/a"
    if not cells:
        return f"{_fmt(d.distance_ratio)}  (neither author draws a causal link)"
    if differ == 0:
        return f"{_fmt(d.distance_ratio)}  (the same causal links with the same signs)"
    apart = "; the causal maps share no concept" if not d.a.causal_concepts & d.b.causal_concepts else ""
    return (f"{_fmt(d.distance_ratio)}  ({differ} of {len(cells)} causal links differ{apart}; 0 = the same "
            "causal claims, 1 = as far apart as maps with these concepts can be)")


def _summary_rows(d: MapDiff) -> list[tuple[str, str]]:
    def tally(items: Sequence[ConceptDiff] | Sequence[LinkDiff]) -> str:
        counts = {s: sum(1 for i in items if i.status is s) for s in Status}
        names = {Status.AGREE: "agree", Status.PARTIAL: "partly agree", Status.CONFLICT: "conflict",
                 Status.ONLY_A: "only A", Status.ONLY_B: "only B"}
        return " · ".join(f"{counts[s]} {names[s]}" for s in Status if counts[s]) or "none"

    shared, used = len(d.shared), len(d.shared) + len(d.only_a) + len(d.only_b)
    jaccard = (f"{_fmt(d.jaccard)}  (neither author links a concept)" if not used else
               f"{_fmt(d.jaccard)}  ({shared} of the {used} concepts either author uses "
               f"{'is' if shared == 1 else 'are'} shared)")
    return [
        ("concepts", f"{shared} shared · {len(d.only_a)} only A · {len(d.only_b)} only B"),
        ("stances", tally(d.concepts)),
        ("causal links", tally(d.links)),
        ("Jaccard", jaccard),
        ("distance ratio", _distance_gloss(d)),
        ("congruence", _plural(d.congruence, "concept") + " on which both take the same stance (both "
                       "mentioning one counts; periods pooled)"),
        ("conflict", _plural(d.conflict, "opposed pair") + " of stances: one affirms what the other denies "
                     "(in any period)"),
    ]


def _edge_text(e: Edge) -> str:
    sign = f" {e.sign.value}" if e.sign else ""
    return f"{e.source} → {e.target}  {e.relation.value}{sign}"


def _labels(d: MapDiff) -> dict[str, str]:
    return {c.concept: c.label for c in d.concepts}


def _tension_text(t: Tension, labels: Mapping[str, str], timeline: Timeline) -> str:
    if isinstance(t.subject, ConceptUse):
        stances = " and ".join(sorted(s.value for s in t.subject.stances))
        return f"{labels.get(t.subject.concept, t.subject.concept)}{_when(timeline, t.period)}: {stances}"
    return (f"{labels.get(t.subject.cause, t.subject.cause)} → {labels.get(t.subject.effect, t.subject.effect)}"
            f"{_when(timeline, t.period)}: both + and −")


def _change_text(ch: Change, labels: Mapping[str, str], timeline: Timeline) -> str:
    views = []
    for v in ch.views:
        view = v.stance.value if isinstance(v, ConceptUse) else _SIGN_TEXT[v.sign]
        views.append(f"{view} ({timeline.short(v.period)})")
    first = ch.views[0]
    subject = (labels.get(first.concept, first.concept) if isinstance(first, ConceptUse)
               else f"{labels.get(first.cause, first.cause)} → {labels.get(first.effect, first.effect)}")
    return f"{subject}: " + ", then ".join(views)
