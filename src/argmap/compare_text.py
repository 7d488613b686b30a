"""Diffs and comparisons laid out for a terminal: headings, aligned columns, quotes wrapped
and indented, ANSI colour only when asked for (the command line asks on a terminal without
``NO_COLOR``). The words both this and the Markdown writer use are in
:mod:`argmap.compare_words`.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path

from argmap.alignment import SameTextComparison
from argmap.compare_json import relative_path, roots
from argmap.compare_metrics import is_corpus, nearest_authors
from argmap.compare_words import (
    _LEVEL_NOTE,
    _PERIOD_ROWS,
    _SIDE,
    _SIGN_TEXT,
    _change_text,
    _concept_title,
    _edge_text,
    _fmt,
    _labels,
    _link_title,
    _mention_notes,
    _on_side,
    _own_period,
    _path_notes,
    _quoted_by,
    _quotes_by_use,
    _side_who,
    _sign_counts,
    _skipped_warnings,
    _stance_counts,
    _summary_rows,
    _tension_text,
    _when,
    _who,
)
from argmap.comparison import METRICS, Comparison, ConceptRow, LinkRow
from argmap.diffing import ConceptDiff, LinkDiff, MapDiff, Status
from argmap.model import Node
from argmap.periods import Timeline
from argmap.projection import AuthorStance, CausalLink, CausalPath, ConceptUse, describe_source
from argmap.quotes import source_path

__all__ = ["comparison_to_text", "diff_to_text"]

_STYLES = {"bold": "1", "dim": "2", "green": "32", "red": "31", "yellow": "33", "cyan": "36",
           "magenta": "35"}
_STATUS_STYLE = {Status.AGREE: "green", Status.CONFLICT: "red", Status.PARTIAL: "yellow",
                 Status.ONLY_A: "cyan", Status.ONLY_B: "magenta"}
_MARK = {Status.AGREE: "✓", Status.CONFLICT: "✗", Status.PARTIAL: "~", Status.ONLY_A: "A",
         Status.ONLY_B: "B"}
_SYMBOL = {AuthorStance.AFFIRMS: "+", AuthorStance.DENIES: "−", AuthorStance.QUALIFIES: "~",
           AuthorStance.MENTIONS: "•", AuthorStance.MIXED: "±"}
class _Writer:
    """Lines of terminal text, with optional ANSI styles and wrapped, indented quotes."""

    def __init__(self, *, color: bool, width: int) -> None:
        self.color = color
        self.width = max(40, width)
        self.lines: list[str] = []

    def style(self, text: str, *names: str) -> str:
        if not self.color or not names:
            return text
        codes = ";".join(_STYLES[n] for n in names)
        return f"\x1b[{codes}m{text}\x1b[0m"

    def add(self, line: str = "") -> None:
        self.lines.append(line.rstrip())

    def heading(self, text: str) -> None:
        if self.lines and self.lines[-1]:
            self.add()
        indent = len(text) - len(text.lstrip())
        for line in textwrap.wrap(text.strip(), width=self.width - indent, break_long_words=False) or [""]:
            self.add(" " * indent + self.style(line, "bold"))

    def wrap(self, text: str, indent: int, hang: int = 0) -> None:
        lines = textwrap.wrap(text, width=self.width - indent,
                              subsequent_indent=" " * hang, break_on_hyphens=False,
                              break_long_words=False) or [""]
        for line in lines:
            self.add(" " * indent + line)

    def title(self, mark: str, title: str, note: str = "") -> None:
        """An item's heading: its status mark, then its title in bold, wrapped."""
        lines = textwrap.wrap(title + note, width=self.width - 4, break_on_hyphens=False) or [""]
        first = lines[0]
        bold = first[: len(title)] if len(first) >= len(title) else first
        self.add(f"  {mark} {self.style(bold, 'bold')}{first[len(bold):]}")
        for line in lines[1:]:
            self.add("    " + line)

    def quote(self, text: str, indent: int) -> None:
        body = " ".join(text.split())
        wrapped = textwrap.wrap(f"“{body}”", width=self.width - indent, break_on_hyphens=False) or [""]
        for line in wrapped:
            self.add(" " * indent + line)

    def text(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n"


def _use_lines(w: _Writer, side: str, use: ConceptUse | None, pad: int, *, silent: bool, t: Timeline) -> None:
    if use is None:
        if silent:
            w.add(f"    {side}  {'silent':<{pad}}")
        return
    first = True
    for m in use.mentions:
        stance = m.stance.value if m.stance else "mentions"
        head = f"    {side}  {stance if first or use.stance is AuthorStance.MIXED else '':<{pad}}  "
        w.wrap(f"{head}{m.label} ({m.node}){_own_period(t, m.period, use.period)}{_mention_notes(m)}", 0,
               hang=len(head) + 2)
        for q in m.quotes:
            w.quote(q.text, len(f"    {side}  {'':<{pad}}  "))
        first = False


def _link_lines(w: _Writer, side: str, link: CausalLink | None, *, silent: bool, t: Timeline) -> None:
    if link is None:
        if silent:
            w.add(f"    {side}  silent")
        return
    for path in link.paths:
        sign = "+" if path.sign.value == "+" else "−"
        w.wrap(f"{side}  {sign}  " + " → ".join(path.labels) + _own_period(t, path.period, link.period)
               + _path_notes(path), 4, hang=7)
        for q in path.quotes:
            w.quote(q.text, 11)


def _item_lines(w: _Writer, item: ConceptDiff | LinkDiff, labels: Mapping[str, str], t: Timeline,
                note: str = "") -> None:
    status = Status.CONFLICT if isinstance(item, LinkDiff) and item.divergent else item.status
    mark = w.style(_MARK[status], _STATUS_STYLE[status])
    silent = item.status not in (Status.ONLY_A, Status.ONLY_B) or status is Status.CONFLICT
    if isinstance(item, ConceptDiff):
        w.title(mark, _concept_title(item), _when(t, item.period) + note)
        pad = max(len(m.stance.value if m.stance else "mentions")
                  for use in (item.a, item.b) if use is not None for m in use.mentions)
        pad = max(pad, len("silent") if silent else 0)
        _use_lines(w, "A", item.a, pad, silent=silent, t=t)
        _use_lines(w, "B", item.b, pad, silent=silent, t=t)
    else:
        w.title(mark, _link_title(item, labels), _when(t, item.period) + note)
        _link_lines(w, "A", item.a, silent=silent, t=t)
        _link_lines(w, "B", item.b, silent=silent, t=t)


def _node_line(w: _Writer, n: Node, indent: int = 4) -> None:
    concept = f", {n.concept}" if n.concept else ""
    w.wrap(f"{n.id}  {n.label}  ({n.kind.value}{concept})", indent, hang=4)
    for q in n.quotes:
        w.quote(q.text, indent + 4)


def _same_text_lines(w: _Writer, s: SameTextComparison, file: str | None) -> None:
    w.heading(f"Same source text ({s.how}{': ' + file if file else ''})")
    w.wrap("B is taken as the reference: precision = share of A's items found in B, "
           "recall = share of B's found in A.", 2)
    na, nb = len(s.map_a.nodes), len(s.map_b.nodes)
    ea, eb = len(s.map_a.edges), len(s.map_b.edges)
    rows = [
        ("nodes", f"{len(s.matches)} aligned · precision {_fmt(s.node_precision)} ({len(s.matches)}/{na})"
                  f" · recall {_fmt(s.node_recall)} ({len(s.matches)}/{nb})"),
        ("edges", f"{len(s.matched_edges)} found · precision {_fmt(s.edge_precision)} "
                  f"({len(s.matched_edges)}/{ea}) · recall {_fmt(s.edge_recall)} ({len(s.matched_edges)}/{eb})"
                  f" · {len(s.relabelled_edges)} relabelled"),
        ("kinds", f"{sum(m.same_kind for m in s.matches)}/{len(s.matches)} aligned nodes agree"
                  f" · Cohen's kappa {_fmt(s.kind_kappa)}"),
        ("concepts", f"{sum(m.same_concept for m in s.matches)}/{len(s.matches)} aligned nodes agree"
                     f" · Cohen's kappa {_fmt(s.concept_kappa)}"),
    ]
    pad = max(len(k) for k, _ in rows)
    for key, value in rows:
        w.wrap(f"{key:<{pad}}  {value}", 2, hang=pad + 2)
    differ = [m for m in s.matches if not (m.same_kind and m.same_concept)]
    if differ:
        w.heading(f"  Aligned nodes coded differently ({len(differ)})")
        for m in differ:
            w.wrap(f"A {m.a.id} ({m.a.kind.value}, {m.a.concept or 'no concept'})  ~  "
                   f"B {m.b.id} ({m.b.kind.value}, {m.b.concept or 'no concept'})", 4, hang=2)
    for title, nodes in (("Missed: in B, not in A", s.missed), ("Added: in A, not in B", s.added)):
        if nodes:
            w.heading(f"  {title} ({len(nodes)})")
            for n in nodes:
                _node_line(w, n)
    if s.relabelled_edges:
        w.heading(f"  Edges drawn differently ({len(s.relabelled_edges)})")
        for x, y in s.relabelled_edges:
            w.wrap(f"A {_edge_text(x)}   vs   B {_edge_text(y)}", 4, hang=2)
    for title, edges in (("Edges missed", s.missed_edges), ("Edges added", s.added_edges)):
        if edges:
            w.heading(f"  {title} ({len(edges)})")
            for e in edges:
                w.add(f"    {_edge_text(e)}")


def _warning_lines(w: _Writer, warnings: Sequence[str]) -> None:
    if warnings:
        w.heading(w.style("Warnings", "red"))
        for text in warnings:
            w.wrap(f"! {text}", 2, hang=2)


def diff_to_text(d: MapDiff, *, color: bool = False, width: int = 88, root: Path | None = None) -> str:
    """A diff laid out for a terminal: warnings, summary, divergences, partial agreements,
    agreements, what only one author says, each with both authors' quotes side by side and
    the period compared in, then each author's changes over time and mixed views.

    Never raises for a diff made by :func:`argmap.diff`: nothing is read, and a ``width``
    below 40 is taken as 40.
    """
    w = _Writer(color=color, width=width)
    t = d.timeline
    name_a, name_b = d.names
    w.add(w.style(f"{name_a}  ⟷  {name_b}", "bold"))
    root = roots((d.a, d.b), root)
    for side, p in (("A", d.a), ("B", d.b)):
        where = relative_path(p.path, root)
        w.wrap(f"{side}  {describe_source(p.source)}" + (f"  ({where})" if where else ""), 2, hang=3)
    if d.level == "broad":
        w.wrap(f"({_LEVEL_NOTE})", 2)
    _warning_lines(w, d.warnings)
    if d.same_text is not None:
        _same_text_lines(w, d.same_text, relative_path(Path(os.path.normpath(source_path(d.same_text.map_b))), root))
    w.heading("Summary")
    rows = _summary_rows(d)
    pad = max(len(k) for k, _ in rows)
    for key, value in rows:
        w.wrap(f"{key:<{pad}}  {value}", 2, hang=pad + 2)
    labels = _labels(d)
    sections: list[tuple[str, Sequence[ConceptDiff | LinkDiff]]] = [
        ("Divergences", d.divergences),
        ("Partly agree", d.partial),
        ("Agreements", d.agreements),
        ("Only in A", [*(c for c in d.concepts if c.status is Status.ONLY_A),
                       *(k for k in d.links if k.status is Status.ONLY_A and not k.divergent)]),
        ("Only in B", [*(c for c in d.concepts if c.status is Status.ONLY_B),
                       *(k for k in d.links if k.status is Status.ONLY_B and not k.divergent)]),
    ]
    for title, items in sections:
        w.heading(f"{title} ({len(items)})")
        if not items:
            w.add("  none")
        for item in items:
            note = ""
            if isinstance(item, LinkDiff) and item.divergent and item.status is not Status.CONFLICT:
                who = "B" if item.status is Status.ONLY_A else "A"
                note = f"  ({who} uses both concepts but does not link them)"
            _item_lines(w, item, labels, t, note)
    sides = {d.a.key: "A", d.b.key: "B"}
    if d.changes:
        w.heading(f"Changes over time within one author ({len(d.changes)})")
        for ch in d.changes:
            w.wrap(f"{sides.get(ch.source, ch.source)}  {_change_text(ch, labels, t)}", 2, hang=5)
    if d.tensions:
        w.heading(f"Mixed views within one author, in one period ({len(d.tensions)})")
        for tension in d.tensions:
            w.wrap(f"{sides.get(tension.source, tension.source)}  {_tension_text(tension, labels, t)}", 2, hang=5)
    legend = "  ".join(f"{w.style(_MARK[s], _STATUS_STYLE[s])} {s.value}" for s in Status)
    w.heading("Legend")
    w.add(f"  {legend}")
    if any(c.period is not None for c in d.concepts) or any(k.period is not None for k in d.links):
        w.wrap("  [1955-1990] or [undated] after a node or chain: the period it is about, where it differs "
               "from the period compared in (an undated claim is compared with every period)", 0, hang=2)
    return w.text()


def _matrix_cell_use(use: ConceptUse | None) -> str:
    return _SYMBOL[use.stance] if use is not None else "·"


def _side_quotes(w: _Writer, subject: ConceptRow | LinkRow, key: str, side: str, t: Timeline) -> None:
    for x in _on_side(subject, key, side):
        if isinstance(x, CausalPath):
            w.wrap(" → ".join(x.labels) + _own_period(t, x.period, subject.period) + _path_notes(x), 17, hang=2)
        elif x.period != subject.period or x.implicit:
            w.wrap(f"{x.label}{_own_period(t, x.period, subject.period)}{_mention_notes(x)}", 17, hang=2)
        for q in x.quotes:
            w.quote(q.text, 17)


def comparison_to_text(c: Comparison, *, width: int = 88, root: Path | None = None) -> str:
    """A comparison laid out for a terminal: the authors, the concept x author and link x
    author matrices (a row per period), consensus, partial agreements, shared concepts,
    controversies with quotes, mixed views, changes over time and pairwise metrics.

    Never raises for a comparison made by :func:`argmap.compare`: nothing is read, and a
    ``width`` below 40 is taken as 40.
    """
    w = _Writer(color=False, width=width)
    t = c.timeline
    corpus = is_corpus(c)
    n = len(c.projections)
    w.add(f"Comparing {n} author{'s' * (n != 1)}" + (f" ({_LEVEL_NOTE})" if c.level == "broad" else ""))
    root = roots(c.projections, root)
    numbers = {p.key: str(i + 1) for i, p in enumerate(c.projections)}
    for p in c.projections:
        where = relative_path(p.path, root)
        w.wrap(f"[{numbers[p.key]}] {describe_source(p.source)}" + (f"  ({where})" if where else ""), 2, hang=4)
    _warning_lines(w, [*c.warnings, *_skipped_warnings(
        [(relative_path(path, root) or str(path), len(problems)) for path, problems in c.skipped])])
    if c.periods:
        w.heading("Periods")
        for period in c.periods:
            w.wrap(f"{period.span:<12} {period.label}", 2, hang=15)
    labels = {r.concept: r.label for r in c.concepts}
    col = max(3, *(len(x) + 2 for x in numbers.values()))

    def table(title: str, rows: list[tuple[str, list[str]]]) -> None:
        w.heading(title)
        if not rows:
            w.add("  none")
            return
        pad = max(24, min(max(len(r[0]) for r in rows), w.width - 2 - col * len(c.keys)))
        w.add("  " + " " * pad + "".join(f"{numbers[k]:>{col}}" for k in c.keys))
        for name, cells in rows:
            short = name if len(name) <= pad else name[: pad - 1] + "…"
            w.add(f"  {short:<{pad}}" + "".join(f"{x:>{col}}" for x in cells))

    def dated(label: str, period: str | None) -> str:
        return f"{label} · {t.short(period)}" if period is not None else label

    def tally(title: str, heads: list[str], rows: list[tuple[str, list[int]]]) -> None:
        """A corpus's table: how many authors in each column, not a column an author."""
        w.heading(title)
        if not rows:
            w.add("  none")
            return
        cols = max(*(len(h) + 1 for h in heads), len(f"{n:,}") + 2)
        pad = max(24, min(max(len(r[0]) for r in rows), w.width - 2 - cols * len(heads)))
        w.add("  " + " " * pad + "".join(f"{h:>{cols}}" for h in heads))
        for name, counts in rows:
            cells = "".join(f"{x:>{cols},}" for x in counts)
            if len(name) > pad:  # the whole name on its own lines, the counts below it
                w.wrap(name, 2, hang=2)
                name = ""
            w.add(f"  {name:<{pad}}{cells}")

    if corpus:  # a column an author would run to thousands of characters a line
        tally(f"Concepts: how many of the {n:,} authors take each stance",
              ["affirm", "deny", "qualify", "mention", "mixed", "silent"],  # AuthorStance's order
              [(dated(r.label, r.period), _stance_counts(r, n)) for r in c.concepts])
        tally(f"Causal links: how many of the {n:,} authors give each sign",
              ["helps", "hinders", "both", "silent"],
              [(dated(_link_title(r, labels), r.period), _sign_counts(r, n)) for r in c.links])
    else:
        table("Concepts x authors",
              [(dated(r.label, r.period), [_matrix_cell_use(r.by_source.get(k)) for k in c.keys])
               for r in c.concepts])
        w.add("  + affirms  − denies  ~ qualifies  • mentions  ± mixed  · silent")
        table("Causal links x authors",
              [(dated(_link_title(r, labels), r.period),
                [_SIGN_TEXT[r.by_source[k].sign] if k in r.by_source else "·" for k in c.keys]) for r in c.links])
        w.add("  + helps  − hinders  ± both (mixed)  · silent")
    if any(r.period is not None for r in c.concepts) or any(k.period is not None for k in c.links):
        w.wrap(_PERIOD_ROWS, 2)
    w.heading(f"Consensus: the same stance or sign, held by at least {c.min_authors} authors ({len(c.consensus)})")
    for item in c.consensus:
        subject = item.subject
        if isinstance(subject, ConceptRow):
            stance = next(iter(subject.by_source.values())).stance.value
            w.wrap(f"{subject.label}{_when(t, subject.period)}: {stance} by "
                   f"{_who(subject, item.sources, numbers, t, grouped=corpus)}", 2, hang=4)
        else:
            sign = next(iter(subject.by_source.values())).sign
            w.wrap(f"{_link_title(subject, labels)} {_SIGN_TEXT[sign]}{_when(t, subject.period)}: "
                   + _who(subject, item.sources, numbers, t, grouped=corpus), 2, hang=4)
    if not c.consensus:
        w.add("  none")
    w.heading(f"Partial agreement: different stances, no two authors opposed ({len(c.partial_agreements)})")
    for pa in c.partial_agreements:
        subject = pa.subject
        title = subject.label if isinstance(subject, ConceptRow) else _link_title(subject, labels)
        sides = "; ".join(f"{_SIDE.get(side, side)} {_who(subject, keys, numbers, t, grouped=corpus)}"
                          for side, keys in pa.views.items())
        w.wrap(f"{title}{_when(t, subject.period)}: {sides}", 2, hang=4)
    if not c.partial_agreements:
        w.add("  none")
    w.heading(f"Shared concepts: invoked without a stance, not an agreement ({len(c.shared_concepts)})")
    for sc in c.shared_concepts:
        w.wrap(f"{sc.subject.label}{_when(t, sc.subject.period)}: "
               f"{_who(sc.subject, sc.sources, numbers, t, grouped=corpus)}", 2, hang=4)
    if not c.shared_concepts:
        w.add("  none")
    w.heading(f"Controversies ({len(c.controversies)})")
    if not c.controversies:
        w.add("  none")
    for x in c.controversies:
        subject = x.subject
        title = subject.label if isinstance(subject, ConceptRow) else _link_title(subject, labels)
        w.wrap(w.style(f"{title}{_when(t, subject.period)}", "bold"), 2, hang=2)
        mixed = set(x.views.get("mixed", ()))
        for side, keys in x.sides.items():
            if corpus:  # each quote once, with how many authors quote it
                w.wrap(f"{side:<9}  {_side_who(keys, mixed, numbers)}", 4, hang=15)
                for text, quoting in _quotes_by_use(subject, keys, side, numbers):
                    w.quote(text, 17)
                    w.wrap(_quoted_by(quoting, len(keys)), 19, hang=2)
                continue
            for key in keys:
                also = " (mixed: on both sides)" if key in mixed else ""
                w.add(f"    {side:<9}  [{numbers[key]}] {c.projection(key).name}{also}")
                _side_quotes(w, subject, key, side, t)
    w.heading(f"Mixed views within one author, in one period ({len(c.tensions)})")
    if not c.tensions:
        w.add("  none")
    for tension in c.tensions:
        w.wrap(f"[{numbers[tension.source]}] {_tension_text(tension, labels, t)}", 2, hang=4)
    w.heading(f"Changes over time within one author ({len(c.changes)})")
    if not c.changes:
        w.add("  none")
    for ch in c.changes:
        w.wrap(f"[{numbers[ch.source]}] {_change_text(ch, labels, t)}", 2, hang=4)
    w.heading("Pairwise metrics (each map as a whole, periods pooled)")
    if n < 2:
        w.add("  (one author: nothing to pair)")
        return w.text()
    if corpus:  # N(N-1)/2 rows would be most of the report: each author's nearest instead
        w.wrap(f"{n * (n - 1) // 2:,} pairs: each author's most similar author by Jaccard, with that pair's "
               "metrics. Every pair's metrics: --format json; one pair in full: argmap diff A B.", 2)
        heads: tuple[str, ...] = ("author", "most similar", "Jaccard", "distance ratio", "congruence", "conflict")
        # only the Jaccard matrix is made (to find the nearest); the other metrics pair by pair
        rows: list[tuple[str, ...]] = [(numbers[a], numbers[b], _fmt(jaccard), _fmt(c.metric("distance_ratio", a, b)),
                 _fmt(c.metric("congruence", a, b), 0), _fmt(c.metric("conflict", a, b), 0))
                for a, b, jaccard in nearest_authors(c)]
    else:
        matrices = {m: c.matrix(m) for m in METRICS}
        heads = ("pair", "Jaccard", "distance ratio", "congruence", "conflict")
        rows = [(f"{numbers[a]}–{numbers[b]}", _fmt(matrices['jaccard'][a, b]),
                 _fmt(matrices['distance_ratio'][a, b]), _fmt(matrices['congruence'][a, b], 0),
                 _fmt(matrices['conflict'][a, b], 0))
                for i, a in enumerate(c.keys) for b in c.keys[i + 1:]]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(heads)]
    w.add("  " + "  ".join(h.ljust(widths[0]) if i == 0 else h.rjust(widths[i]) for i, h in enumerate(heads)))
    for r in rows:
        w.add("  " + "  ".join(v.ljust(widths[0]) if i == 0 else v.rjust(widths[i]) for i, v in enumerate(r)))
    return w.text()
