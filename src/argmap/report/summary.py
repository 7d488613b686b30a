"""The summary that opens the overview: who agrees on what, where they partly agree, where they
split, each point a link to the evidence below; and the table of agreements that evidence
lives in (the controversies' evidence is the divergences table).

Built only on the public attributes of :class:`argmap.Comparison`: its consensus, partial
agreements, controversies and changes over time, each subject's authors and views, and the
period a finding is about (named by the comparison's timeline). A consensus is a shared view
(the same stance, or the same sign of a causal link); concepts authors merely mention together
(:attr:`argmap.Comparison.shared_concepts`) are not agreement and are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

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

_WORD = {"+": "helps", "-": "hinders", "affirms": "affirms", "denies": "denies", "qualifies": "qualifies",
         "mixed": "mixed"}
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


def _sided(sides: Mapping[str, tuple[str, ...]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((_WORD.get(s, s), keys) for s, keys in sides.items())


def findings(c: Comparison) -> list[Finding]:
    """The points of the summary, in the comparison's order: each consensus (one shared
    view), each partial agreement (anchors ``agreements-1`` … in that order), then each
    controversy (anchors ``divergences-1`` …, the divergences table's rows)."""
    out: list[Finding] = []
    n = 0
    for x in c.consensus:
        held = {w: tuple(k for k in keys if k in x.sources) for w, keys in _views(x.subject).items()}
        held = {w: keys for w, keys in held.items() if keys}
        if len(held) != 1:  # not one shared view: not an agreement, whatever else it is
            continue
        n += 1
        out.append(Finding("agree", x.subject, tuple(held.items()), x.subject.period, f"agreements-{n}"))
    for p in c.partial_agreements:
        n += 1
        out.append(Finding("partly", p.subject, _sided(p.views), p.subject.period, f"agreements-{n}"))
    for i, y in enumerate(c.controversies, 1):
        out.append(Finding("split", y.subject, _sided(y.views), y.subject.period, f"divergences-{i}"))
    return out


def _authors(f: Finding) -> set[str]:
    return {k for _, keys in f.sides for k in keys}


def _subject_key(f: Finding) -> tuple[str, ...]:
    s = f.subject
    return (s.concept,) if isinstance(s, ConceptRow) else (s.cause, s.effect)


def _ranked(items: Sequence[Finding], outcomes: frozenset[str]) -> list[Finding]:
    """Most authors first; then propositions and links into the outcome before the rest; each
    subject once (the period in which most authors hold the view; the table has the others)."""
    def key(item: tuple[int, Finding]) -> tuple[int, int, int]:
        i, f = item
        s = f.subject
        central = isinstance(s, ConceptRow) or s.effect in outcomes
        return (-len(_authors(f)), 0 if central else 1, i)
    seen: set[tuple[str, ...]] = set()
    out = []
    for _, f in sorted(enumerate(items), key=key):
        if _subject_key(f) not in seen:
            seen.add(_subject_key(f))
            out.append(f)
    return out


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


def _subject(c: Comparison, f: Finding) -> str:
    s = f.subject
    when = f' <span class="when">({esc(c.timeline.short(f.period))})</span>' if f.period else ""
    if isinstance(s, ConceptRow):
        return f"{esc(s.label)}{when}"
    if f.sort == "agree" and len(f.sides) == 1:
        word = f.sides[0][0]
        return (f"{esc(_label(c, s.cause))} <span class=\"argmap-{word}\">{MARKS.get(word, '')}\u00a0{word}</span> "
                f"{esc(_label(c, s.effect))}{when}")
    return f"{esc(_label(c, s.cause))} \u2192 {esc(_label(c, s.effect))}{when}"


def _point(c: Comparison, f: Finding, names: Mapping[str, str]) -> str:
    link = f'<a href="#{f.anchor}">{_subject(c, f)}</a>'
    if f.sort == "agree" and isinstance(f.subject, LinkRow):
        return f'<li>{link}: <span class="who">{_who(f.sides[0][1], names, c.keys)}</span></li>'
    sides = "; ".join(f'<span class="argmap-{word}">{MARKS.get(word, "")}\u00a0{word}</span> '
                      f"{_who(keys, names, c.keys)}" for word, keys in f.sides)
    return f'<li>{link}: <span class="who">{sides}</span></li>'


_COLUMNS = (("agree", "They agree", "agreements", "They share no view."),
            ("partly", "They partly agree", "agreements", "No partial agreement."),
            ("split", "They split", "divergences", "They never contradict one another."))


def _changes(c: Comparison, names: Mapping[str, str], link: Callable[[str, str], str | None]) -> str:
    """One line per change of view over time: the author, the subject, each period's view;
    ``link(key, node)`` gives the href of a node's row in its text's page (None: no link)."""
    items = []
    for ch in c.changes[:SHOWN]:
        first = ch.views[0]
        if isinstance(first, ConceptUse):
            what, node = _label(c, first.concept), first.mentions[0].node
        else:
            what, node = f"{_label(c, first.cause)} \u2192 {_label(c, first.effect)}", first.paths[0].nodes[0]
        steps = " \u2192 ".join(
            f"{esc(', '.join(sorted(_WORD.get(v, v) for v in _view_words(view))))} "
            f"({esc(c.timeline.short(view.period))})" for view in ch.views)
        href = link(ch.source, node)
        subject = f'<a href="{esc(href)}">{esc(what)}</a>' if href else esc(what)
        items.append(f"<li>{_name(ch.source, names)}: {subject}: {steps}</li>")
    more = f'<li class="more">and {len(c.changes) - SHOWN} more</li>' if len(c.changes) > SHOWN else ""
    return (f'<div class="summary-changes"><h3>Changes over time <span class="count">({len(c.changes)})</span></h3>'
            f"<ul>{''.join(items)}{more}</ul></div>\n") if items else ""


def _view_words(view: ConceptUse | CausalLink) -> list[str]:
    return [s.value for s in view.stances] if isinstance(view, ConceptUse) else [s.value for s in view.signs]


def summary_html(c: Comparison, names: Mapping[str, str], *,
                 link: Callable[[str, str], str | None] | None = None) -> str:
    """The summary section (``id="summary"``): three short lists, each point a link to its
    evidence row, with the authors on each side by display name (``names``) and the period
    where a finding has one; then any author's changes of view over time, each linked to the
    node's row on its text's page (``link(key, node id)``: its href, None for no link)."""
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
        points = "".join(_point(c, f, names) for f in shown)
        total = sum(1 for f in found if f.sort == sort)
        more = (f'<li class="more"><a href="#{table}">{total - len(shown)} more in the table below</a></li>'
                if total > len(shown) else "")
        body = f"<ul>{points}{more}</ul>" if items else f'<p class="summary-none">{none}</p>'
        blocks.append(f'<div class="summary-block summary-{sort}"><h3>{heading} '
                      f'<span class="count">({total})</span></h3>{body}</div>\n')
    warnings = "".join(f'<p class="summary-warning">Note: {esc(w)}</p>\n' for w in c.warnings)
    lede = f"{n} texts compared by the concepts they share. Each point links to the authors\u2019 own words below."
    return (f'<section id="summary" class="summary" aria-labelledby="summary-h">\n'
            f'<h2 id="summary-h">At a glance</h2>\n<p class="summary-lede">{lede}</p>\n'
            f'<div class="summary-grid">\n{"".join(blocks)}</div>\n'
            f"{_changes(c, names, link or (lambda _key, _node: None))}{warnings}</section>\n")


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


def agreements_table(c: Comparison, names: Mapping[str, str]) -> Table:
    """One row per agreement and partial agreement of the summary (id ``agreements-N``), each
    author's view with up to two quotes: the evidence the summary's first columns link to."""
    rows = []
    for f in findings(c):
        if f.sort == "split":
            continue
        s = f.subject
        head = s.label if isinstance(s, ConceptRow) else f"{_label(c, s.cause)} \u2192 {_label(c, s.effect)}"
        if f.period:
            head += f" ({c.timeline.label(f.period)})"
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
