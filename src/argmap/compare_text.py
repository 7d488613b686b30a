"""Diffs and comparisons laid out for a terminal: headings, aligned columns, quotes wrapped
and indented, ANSI colour only when asked for (the command line asks on a terminal without
``NO_COLOR``). Also the small naming helpers the Markdown writer shares.
"""

from __future__ import annotations

import math
import os
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path

from argmap.alignment import SameTextComparison
from argmap.compare_json import relative_path, roots
from argmap.comparison import METRICS, Comparison, ConceptRow, LinkRow
from argmap.diffing import ConceptDiff, LinkDiff, MapDiff, Status
from argmap.model import Edge, Node, Source
from argmap.projection import AuthorStance, CausalLink, ConceptUse, LinkSign
from argmap.quotes import source_path

__all__ = ["comparison_to_text", "diff_to_text"]

def _consensus_stances(row: ConceptRow, numbers: Mapping[str, str]) -> str:
    """Who holds a consensus concept and how: 'mentioned by [1], [2]' or '[1] affirms, [3] qualifies'."""
    if all(u.stance is AuthorStance.MENTIONS for u in row.by_source.values()):
        return "mentioned by " + ", ".join(numbers[k] for k in row.by_source)
    return ", ".join(f"{numbers[k]} {u.stance.value}" for k, u in row.by_source.items())




_STYLES = {"bold": "1", "dim": "2", "green": "32", "red": "31", "yellow": "33", "cyan": "36",
           "magenta": "35"}
_STATUS_STYLE = {Status.AGREE: "green", Status.CONFLICT: "red", Status.PARTIAL: "yellow",
                 Status.ONLY_A: "cyan", Status.ONLY_B: "magenta"}
_MARK = {Status.AGREE: "✓", Status.CONFLICT: "✗", Status.PARTIAL: "~", Status.ONLY_A: "A",
         Status.ONLY_B: "B"}
_SYMBOL = {AuthorStance.AFFIRMS: "+", AuthorStance.DENIES: "−", AuthorStance.QUALIFIES: "~",
           AuthorStance.MENTIONS: "•", AuthorStance.MIXED: "±"}
_SIGN_TEXT = {LinkSign.HELPS: "+", LinkSign.HINDERS: "−", LinkSign.MIXED: "±"}


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


def _fmt(x: float, digits: int = 3) -> str:
    """A number for people: ``n/a`` for nan; ``digits=0`` for counts (decimals only if needed)."""
    if math.isnan(x):
        return "n/a"
    if digits == 0:
        return str(int(x)) if x == int(x) else f"{x:.3f}"
    return f"{x:.{digits}f}"


def _plural(x: float, noun: str) -> str:
    return f"{_fmt(x, 0)} {noun}{'' if x == 1 else 's'}"


def _describe_source(s: Source) -> str:
    parts = [s.author or "author not stated"]
    if s.year is not None:
        parts[0] += f" ({s.year})"
    if s.title:
        parts.append(s.title)
    return ", ".join(parts)


def _concept_title(c: ConceptDiff) -> str:
    return f"{c.label} [{c.concept}]" if c.label != c.concept else c.concept


def _link_title(k: LinkDiff | LinkRow, labels: dict[str, str]) -> str:
    return f"{labels.get(k.cause, k.cause)} → {labels.get(k.effect, k.effect)}"


def _use_lines(w: _Writer, side: str, use: ConceptUse | None, pad: int, *, silent: bool) -> None:
    if use is None:
        if silent:
            w.add(f"    {side}  {'silent':<{pad}}")
        return
    first = True
    for m in use.mentions:
        stance = m.stance.value if m.stance else "mentions"
        head = f"    {side}  {stance if first or use.stance is AuthorStance.MIXED else '':<{pad}}  "
        w.add(f"{head}{m.label} ({m.node})")
        for q in m.quotes:
            w.quote(q.text, len(f"    {side}  {'':<{pad}}  "))
        first = False


def _link_lines(w: _Writer, side: str, link: CausalLink | None, *, silent: bool) -> None:
    if link is None:
        if silent:
            w.add(f"    {side}  silent")
        return
    for path in link.paths:
        sign = "+" if path.sign.value == "+" else "−"
        w.wrap(f"{side}  {sign}  " + " → ".join(path.labels), 4, hang=7)
        for q in path.quotes:
            w.quote(q.text, 11)


def _item_lines(w: _Writer, item: ConceptDiff | LinkDiff, labels: dict[str, str], note: str = "") -> None:
    status = Status.CONFLICT if isinstance(item, LinkDiff) and item.divergent else item.status
    mark = w.style(_MARK[status], _STATUS_STYLE[status])
    silent = item.status not in (Status.ONLY_A, Status.ONLY_B) or status is Status.CONFLICT
    if isinstance(item, ConceptDiff):
        w.title(mark, _concept_title(item), note)
        pad = max(len(m.stance.value if m.stance else "mentions")
                  for use in (item.a, item.b) if use is not None for m in use.mentions)
        pad = max(pad, len("silent") if silent else 0)
        _use_lines(w, "A", item.a, pad, silent=silent)
        _use_lines(w, "B", item.b, pad, silent=silent)
    else:
        w.title(mark, _link_title(item, labels), note)
        _link_lines(w, "A", item.a, silent=silent)
        _link_lines(w, "B", item.b, silent=silent)


def _summary_rows(d: MapDiff) -> list[tuple[str, str]]:
    def tally(items: Sequence[ConceptDiff] | Sequence[LinkDiff]) -> str:
        counts = {s: sum(1 for i in items if i.status is s) for s in Status}
        names = {Status.AGREE: "agree", Status.PARTIAL: "partly agree", Status.CONFLICT: "conflict",
                 Status.ONLY_A: "only A", Status.ONLY_B: "only B"}
        return " · ".join(f"{counts[s]} {names[s]}" for s in Status if counts[s]) or "none"

    return [
        ("concepts", f"{len(d.shared)} shared · {len(d.only_a)} only A · {len(d.only_b)} only B"),
        ("stances", tally(d.concepts)),
        ("causal links", tally(d.links)),
        ("Jaccard", f"{_fmt(d.jaccard)}  (shared concepts / all concepts used)"),
        ("distance ratio", f"{_fmt(d.distance_ratio)}  (causal maps; 0 identical, 1 nothing shared)"),
        ("congruence", _plural(d.congruence, "concept") + " with the same stance"),
        ("conflict", _plural(d.conflict, "concept") + " with opposite stances"),
    ]


def _node_line(w: _Writer, n: Node, indent: int = 4) -> None:
    concept = f", {n.concept}" if n.concept else ""
    w.wrap(f"{n.id}  {n.label}  ({n.kind.value}{concept})", indent, hang=4)
    for q in n.quotes:
        w.quote(q.text, indent + 4)


def _edge_text(e: Edge) -> str:
    sign = f" {e.sign.value}" if e.sign else ""
    return f"{e.source} → {e.target}  {e.relation.value}{sign}"


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


def _labels(d: MapDiff) -> dict[str, str]:
    return {c.concept: c.label for c in d.concepts}


def diff_to_text(d: MapDiff, *, color: bool = False, width: int = 88, root: Path | None = None) -> str:
    """A diff laid out for a terminal: summary, divergences, partial agreements, agreements,
    then what only one author says, each with both authors' quotes side by side.

    Never raises for a diff made by :func:`argmap.diff`: nothing is read, and a ``width``
    below 40 is taken as 40.
    """
    w = _Writer(color=color, width=width)
    name_a, name_b = d.names
    w.add(w.style(f"{name_a}  ⟷  {name_b}", "bold"))
    root = roots((d.a, d.b), root)
    for side, p in (("A", d.a), ("B", d.b)):
        where = relative_path(p.path, root)
        w.wrap(f"{side}  {p.key}: {_describe_source(p.source)}" + (f"  ({where})" if where else ""), 2, hang=3)
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
            _item_lines(w, item, labels, note)
    legend = "  ".join(f"{w.style(_MARK[s], _STATUS_STYLE[s])} {s.value}" for s in Status)
    w.heading("Legend")
    w.add(f"  {legend}")
    return w.text()


def _matrix_cell_use(use: ConceptUse | None) -> str:
    return _SYMBOL[use.stance] if use is not None else "·"


def comparison_to_text(c: Comparison, *, width: int = 88, root: Path | None = None) -> str:
    """A comparison laid out for a terminal: the authors, the concept x author and link x
    author matrices, consensus, controversies with quotes, tensions and pairwise metrics.

    Never raises for a comparison made by :func:`argmap.compare`: nothing is read, and a
    ``width`` below 40 is taken as 40.
    """
    w = _Writer(color=False, width=width)
    n = len(c.projections)
    w.add(f"Comparing {n} author{'s' * (n != 1)}")
    root = roots(c.projections, root)
    numbers = {p.key: str(i + 1) for i, p in enumerate(c.projections)}
    for p in c.projections:
        where = relative_path(p.path, root)
        w.wrap(f"[{numbers[p.key]}] {p.key}: {_describe_source(p.source)}" + (f"  ({where})" if where else ""),
               2, hang=4)
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

    table("Concepts x authors", [(r.label, [_matrix_cell_use(r.by_source.get(k)) for k in c.keys])
                                 for r in c.concepts])
    w.add("  + affirms  − denies  ~ qualifies  • mentions  ± mixed  · silent")
    table("Causal links x authors",
          [(_link_title(r, labels), [_SIGN_TEXT[r.by_source[k].sign] if k in r.by_source else "·"
                                     for k in c.keys]) for r in c.links])
    w.add("  + helps  − hinders  ± both (mixed)  · silent")
    w.heading(f"Consensus (invoked by at least {c.min_authors} authors, none opposed) ({len(c.consensus)})")
    for item in c.consensus:
        subject = item.subject
        if isinstance(subject, ConceptRow):
            w.add(f"  {subject.label}: {_consensus_stances(subject, numbers)}")
        else:
            sign = next(iter(subject.by_source.values())).sign
            w.add(f"  {_link_title(subject, labels)} {_SIGN_TEXT[sign]}: "
                  + ", ".join(numbers[k] for k in item.sources))
    if not c.consensus:
        w.add("  none")
    w.heading(f"Controversies ({len(c.controversies)})")
    if not c.controversies:
        w.add("  none")
    for x in c.controversies:
        subject = x.subject
        title = subject.label if isinstance(subject, ConceptRow) else _link_title(subject, labels)
        w.add(w.style(f"  {title}", "bold"))
        for side, keys in x.sides.items():
            for key in keys:
                w.add(f"    {side:<9}  [{numbers[key]}] {key}")
                if isinstance(subject, ConceptRow):
                    for m in subject.by_source[key].mentions:
                        if m.stance is not None and m.stance.value == side:
                            for q in m.quotes:
                                w.quote(q.text, 17)
                else:
                    for path in subject.by_source[key].paths:
                        if path.sign.value == side:
                            w.wrap(" → ".join(path.labels), 17, hang=2)
                            for q in path.quotes:
                                w.quote(q.text, 17)
    w.heading(f"Mixed views within one author ({len(c.tensions)})")
    if not c.tensions:
        w.add("  none")
    for t in c.tensions:
        if isinstance(t.subject, ConceptUse):
            stances = " and ".join(sorted(s.value for s in t.subject.stances))
            w.add(f"  [{numbers[t.source]}] {labels.get(t.subject.concept, t.subject.concept)}: {stances}")
        else:
            w.add(f"  [{numbers[t.source]}] {labels.get(t.subject.cause, t.subject.cause)} → "
                  f"{labels.get(t.subject.effect, t.subject.effect)}: both + and −")
    w.heading("Pairwise metrics")
    if n < 2:
        w.add("  (one author: nothing to pair)")
        return w.text()
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
