"""The summary that opens the overview: who agrees on what, where they partly agree, where they
split, each point a link to the evidence below; and the table of agreements that evidence
lives in (the controversies' evidence is the divergences table).

Built only on the public attributes of :class:`argmap.Comparison`: its consensus, partial
agreements and controversies, each subject's authors and views, and the period a finding is
about. A consensus is a shared view (the same stance, or the same sign of a causal link);
concepts authors merely mention together are not agreement and are left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from argmap._text import shorten
from argmap.comparison import Comparison, ConceptRow, LinkRow
from argmap.concepts import ConceptKind
from argmap.model import Quote
from argmap.projection import CausalLink, ConceptUse
from argmap.report.page import esc
from argmap.tables import Cell, Column, Row, Table
from argmap.tables.table import MARKS

__all__ = ["Finding", "agreements_table", "findings", "summary_html"]

_WORD = {"+": "helps", "-": "hinders", "affirms": "affirms", "denies": "denies", "qualifies": "qualifies"}
#: At most this many points per column of the summary; the rest are a link away.
SHOWN = 5


@attrs.frozen
class Finding:
    """One point of the summary: ``agree``, ``partly`` or ``split``; its subject (a concept
    or a causal link across authors); each view (``helps``, ``affirms`` …) with the authors
    who hold it; the period it is about (None: undated); the id of its evidence row."""

    sort: str
    subject: ConceptRow | LinkRow
    sides: tuple[tuple[str, tuple[str, ...]], ...]
    period: str | None
    anchor: str


def _views(subject: ConceptRow | LinkRow) -> dict[str, tuple[str, ...]]:
    """Each author's view of the subject: the stances (or signs) they take, in words."""
    out: dict[str, list[str]] = {}
    for key, item in subject.by_source.items():
        values = (sorted(s.value for s in item.stances) if isinstance(item, ConceptUse)
                  else sorted(s.value for s in item.signs))
        for v in values:
            out.setdefault(_WORD.get(v, v), []).append(key)
    return {word: tuple(keys) for word, keys in out.items()}


def _period(subject: ConceptRow | LinkRow) -> str | None:
    period = getattr(subject, "period", None)
    return period if isinstance(period, str) else None


def findings(c: Comparison) -> list[Finding]:
    """The points of the summary, most widely held first: consensus (shared views only),
    partial agreements, then controversies (whose anchors are the divergences table's rows,
    ``divergences-1`` …, in the comparison's order)."""
    out: list[Finding] = []
    n = 0
    for x in c.consensus:
        sides = _views(x.subject)
        held = {w: tuple(k for k in keys if k in x.sources) for w, keys in sides.items()}
        held = {w: keys for w, keys in held.items() if keys}
        if len(held) != 1:  # a concept the authors only mention together is not agreement
            continue
        n += 1
        out.append(Finding("agree", x.subject, tuple(held.items()), _period(x.subject), f"agreements-{n}"))
    for p in getattr(c, "partial_agreements", ()):
        n += 1
        out.append(Finding("partly", p.subject, tuple((_WORD.get(s, s), keys) for s, keys in p.sides.items()),
                           _period(p.subject), f"agreements-{n}"))
    for i, y in enumerate(c.controversies, 1):
        out.append(Finding("split", y.subject, tuple((_WORD.get(s, s), keys) for s, keys in y.sides.items()),
                           _period(y.subject), f"divergences-{i}"))
    return out


def _authors(f: Finding) -> set[str]:
    return {k for _, keys in f.sides for k in keys}


def _ranked(items: Sequence[Finding], outcomes: frozenset[str]) -> list[Finding]:
    """Most authors first; then links into the outcome and propositions before the rest."""
    def key(item: tuple[int, Finding]) -> tuple[int, int, int]:
        i, f = item
        s = f.subject
        central = isinstance(s, ConceptRow) or s.effect in outcomes
        return (-len(_authors(f)), 0 if central else 1, i)
    return [f for _, f in sorted(enumerate(items), key=key)]


def _label(c: Comparison, concept: str) -> str:
    return next((r.label for r in c.concepts if r.concept == concept), concept)


def _name(key: str, names: Mapping[str, str]) -> str:
    return esc(shorten(names.get(key, key), 28))


def _who(keys: Sequence[str], names: Mapping[str, str], everyone: Sequence[str]) -> str:
    """The authors on one side: by name, or "all 5", or "all but Hussain" where shorter."""
    total = len(everyone)
    if len(keys) == total and total > 2:
        return f"all {total}"
    if total > 3 and len(keys) == total - 1:
        left_out = next(k for k in everyone if k not in keys)
        return f"all but {_name(left_out, names)}"
    return ", ".join(_name(k, names) for k in keys)


def _subject(c: Comparison, f: Finding, period_label: Mapping[str, str]) -> str:
    s = f.subject
    when = f" ({esc(period_label.get(f.period, f.period))})" if f.period else ""
    if isinstance(s, ConceptRow):
        return f"{esc(s.label)}{when}"
    if f.sort == "agree" and len(f.sides) == 1:
        word = f.sides[0][0]
        return (f"{esc(_label(c, s.cause))} <span class=\"argmap-{word}\">{MARKS.get(word, '')}\u00a0{word}</span> "
                f"{esc(_label(c, s.effect))}{when}")
    return f"{esc(_label(c, s.cause))} \u2192 {esc(_label(c, s.effect))}{when}"


def _point(c: Comparison, f: Finding, names: Mapping[str, str], period_label: Mapping[str, str]) -> str:
    link = f'<a href="#{f.anchor}">{_subject(c, f, period_label)}</a>'
    if f.sort == "agree" and isinstance(f.subject, LinkRow):
        return f'<li>{link}: <span class="who">{_who(f.sides[0][1], names, c.keys)}</span></li>'
    sides = "; ".join(f'<span class="argmap-{word}">{MARKS.get(word, "")}\u00a0{word}</span> '
                      f"{_who(keys, names, c.keys)}" for word, keys in f.sides)
    return f'<li>{link}: <span class="who">{sides}</span></li>'


_COLUMNS = (("agree", "They agree", "agreements", "They share no view."),
            ("partly", "They partly agree", "agreements", "No partial agreement."),
            ("split", "They split", "divergences", "They never contradict one another."))


def summary_html(c: Comparison, names: Mapping[str, str], *, period_labels: Mapping[str, str] | None = None) -> str:
    """The summary section (``id="summary"``): three short lists, each point a link to its
    evidence row, with the authors on each side by display name (``names``) and the period
    where a finding has one (``period_labels``: period id -> words)."""
    labels = period_labels or {}
    n = len(c.keys)
    if n < 2:
        body = '<p class="summary-none">One text: there is nothing to compare it with.</p>\n'
        return (f'<section id="summary" class="summary" aria-labelledby="summary-h">\n'
                f'<h2 id="summary-h">At a glance</h2>\n{body}</section>\n')
    outcomes = frozenset(r.concept for r in c.concepts if r.kind is ConceptKind.OUTCOME)
    found = findings(c)
    blocks = []
    for sort, heading, table, none in _COLUMNS:
        items = _ranked([f for f in found if f.sort == sort], outcomes)
        shown = items[:SHOWN]
        points = "".join(_point(c, f, names, labels) for f in shown)
        more = (f'<li class="more"><a href="#{table}">{len(items) - len(shown)} more in the table below</a></li>'
                if len(items) > len(shown) else "")
        body = f"<ul>{points}{more}</ul>" if items else f'<p class="summary-none">{none}</p>'
        blocks.append(f'<div class="summary-block summary-{sort}"><h3>{heading} '
                      f'<span class="count">({len(items)})</span></h3>{body}</div>\n')
    lede = f"{n} texts compared by the concepts they share. Each point links to the authors\u2019 own words below."
    return (f'<section id="summary" class="summary" aria-labelledby="summary-h">\n'
            f'<h2 id="summary-h">At a glance</h2>\n<p class="summary-lede">{lede}</p>\n'
            f'<div class="summary-grid">\n{"".join(blocks)}</div>\n</section>\n')


def _quotes(item: ConceptUse | CausalLink, limit: int) -> list[str]:
    found: list[Quote] = (list(item.quotes) if isinstance(item, ConceptUse)
                          else [q for path in item.paths for q in path.quotes[:1]])
    texts = list(dict.fromkeys(shorten(q.text, 200) for q in found))
    return texts[:limit]


def _cell(subject: ConceptRow | LinkRow, key: str) -> Cell:
    item = subject.by_source.get(key)
    if item is None:
        return Cell("silent", attributes={"class": "argmap-silent", "data-author": key})
    word = item.stance.value if isinstance(item, ConceptUse) else _WORD.get(item.sign.value, item.sign.value)
    return Cell(word, quotes=_quotes(item, 2), mark=MARKS.get(word),
                attributes={"class": f"argmap-{word}", "data-author": key})


def agreements_table(c: Comparison, names: Mapping[str, str],
                     period_labels: Mapping[str, str] | None = None) -> Table:
    """One row per agreement and partial agreement of the summary (id ``agreements-N``), each
    author's view with up to two quotes: the evidence the summary's first columns link to."""
    labels = period_labels or {}
    rows = []
    for f in findings(c):
        if f.sort == "split":
            continue
        s = f.subject
        head = s.label if isinstance(s, ConceptRow) else f"{_label(c, s.cause)} \u2192 {_label(c, s.effect)}"
        if f.period:
            head += f" ({labels.get(f.period, f.period)})"
        concept = s.concept if isinstance(s, ConceptRow) else f"{s.cause} {s.effect}"
        if f.sort == "partly":
            head += " (in part)"
        cells = [Cell(head)]
        cells += [_cell(s, key) for key in c.keys]
        rows.append(Row(cells, attributes={"id": f.anchor, "data-concept": concept}))
    caption = ("Each row is a view that authors share (the same stance, or the same direction of a causal "
               "link), or take differently without contradicting one another (one affirms, another "
               "qualifies), with each author\u2019s own words. Concepts authors merely mention together are "
               "not counted as agreement.")
    if not rows:
        caption += " The authors compared share no view."
    columns = [Column("Agreement", width=1.3)]
    columns += [Column(names.get(k, k), attributes={"data-author": k}, width=1.6) for k in c.keys]
    return Table("agreements", "Agreements: where the authors agree, fully or in part", caption, columns, rows)
