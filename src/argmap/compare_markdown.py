"""Diffs and comparisons as Markdown: summary tables, then each divergence and agreement with
both authors' quotes. Every piece of text from a map goes through the one Markdown escaper
(:func:`argmap._text.escape_markdown`), so a quote shows exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from argmap._text import escape_markdown, one_line
from argmap.compare_json import relative_path, roots
from argmap.compare_metrics import is_corpus, nearest_authors
from argmap.compare_words import (
    _LEVEL_NOTE,
    _PERIOD_ROWS,
    _SIDE,
    _SIGN_TEXT,
    _change_text,
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
from argmap.periods import Timeline
from argmap.projection import AuthorStance, CausalLink, CausalPath, ConceptUse, LinkSign, describe_source

__all__ = ["comparison_to_markdown", "diff_to_markdown"]


def _md(text: str) -> str:
    return escape_markdown(one_line(text))


def _md_use(side: str, name: str, use: ConceptUse | None, t: Timeline) -> list[str]:
    if use is None:
        return [f"- **{side}** ({_md(name)}): silent"]
    lines = [f"- **{side}** ({_md(name)}): {use.stance.value}"]
    for m in use.mentions:
        stance = f" — {m.stance.value}" if use.stance is AuthorStance.MIXED and m.stance else ""
        extra = _md(_own_period(t, m.period, use.period) + _mention_notes(m))
        lines.append(f"  - {_md(m.label)} (`{m.node}`){stance}{extra}")
        lines.extend(f"    > {_md(q.text)}" for q in m.quotes)
    return lines


def _md_link(side: str, name: str, link: CausalLink | None, t: Timeline) -> list[str]:
    if link is None:
        return [f"- **{side}** ({_md(name)}): silent"]
    lines = [f"- **{side}** ({_md(name)}): {_SIGN_TEXT[link.sign]}"]
    for path in link.paths:
        extra = _md(_own_period(t, path.period, link.period) + _path_notes(path))
        lines.append(f"  - {_SIGN_TEXT[LinkSign(path.sign.value)]} " + " → ".join(_md(x) for x in path.labels) + extra)
        lines.extend(f"    > {_md(q.text)}" for q in path.quotes)
    return lines


def _md_when(t: Timeline, period: str | None) -> str:
    """`` · Cold War alignment (1955-1990)``, escaped, or nothing for an undated period."""
    return f" · {_md(t.label(period))}" if period is not None else ""


#: A code span of a warning (a command, an option or a key, in argmap's own words).
_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def _md_prose(text: str) -> str:
    """argmap's own message as Markdown: its code spans (`` `argmap validate` ``) kept as code,
    the text around them (which may quote a map's values) escaped."""
    text = one_line(text)
    out, at = [], 0
    for span in _CODE_SPAN.finditer(text):
        out += [escape_markdown(text[at:span.start()]), span.group()]
        at = span.end()
    out.append(escape_markdown(text[at:]))
    return "".join(out)


def _md_warnings(warnings: Sequence[str]) -> list[str]:
    return ["", *(f"> **Warning:** {_md_prose(text)}" for text in warnings)] if warnings else []


def _md_join(lines: list[str]) -> str:
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n") + "\n"


def diff_to_markdown(d: MapDiff, *, root: Path | None = None) -> str:
    """A diff as Markdown: a summary table, then each divergence, partial agreement and
    agreement with both authors' quotes, then what only one author says.

    Never raises for a diff made by :func:`argmap.diff`: nothing is read.
    """
    name_a, name_b = d.names
    t = d.timeline
    root = roots((d.a, d.b), root)
    out = [f"# {_md(name_a)} and {_md(name_b)}", ""]
    for side, p in (("A", d.a), ("B", d.b)):
        where = relative_path(p.path, root)
        out.append(f"- **{side}**: {_md(describe_source(p.source))}" + (f" (`{where}`)" if where else ""))
    if d.level == "broad":
        out += ["", f"*{_md(_LEVEL_NOTE)}*"]
    out += _md_warnings(d.warnings)
    out += ["", "| measure | value |", "|---|---|"]
    out += [f"| {k} | {_md(v)} |" for k, v in _summary_rows(d)]
    if d.same_text is not None:
        s = d.same_text
        out += ["", f"## Same source text ({s.how})", "",
                "B is the reference: precision is the share of A's items found in B, recall the share "
                "of B's found in A.", "",
                "| | aligned | precision | recall | agreement | Cohen's kappa |", "|---|---|---|---|---|---|",
                f"| nodes | {len(s.matches)} | {_fmt(s.node_precision)} | {_fmt(s.node_recall)} | | |",
                f"| edges | {len(s.matched_edges)} | {_fmt(s.edge_precision)} | {_fmt(s.edge_recall)} | | |",
                f"| kinds | | | | {_fmt(s.kind_agreement)} | {_fmt(s.kind_kappa)} |",
                f"| concepts | | | | {_fmt(s.concept_agreement)} | {_fmt(s.concept_kappa)} |"]
        for title, nodes in (("Missed (in B, not in A)", s.missed), ("Added (in A, not in B)", s.added)):
            if nodes:
                out += ["", f"### {title}", ""]
                for n in nodes:
                    out.append(f"- `{n.id}` {_md(n.label)} ({n.kind.value}"
                               + (f", {n.concept}" if n.concept else "") + ")")
                    out.extend(f"  > {_md(q.text)}" for q in n.quotes)
        if s.relabelled_edges:
            out += ["", "### Edges drawn differently", ""]
            out += [f"- A `{_edge_text(x)}` vs B `{_edge_text(y)}`" for x, y in s.relabelled_edges]
    labels = _labels(d)
    sections: list[tuple[str, Sequence[ConceptDiff | LinkDiff]]] = [
        ("Divergences", d.divergences), ("Partly agree", d.partial), ("Agreements", d.agreements),
        ("Only in A", [*(c for c in d.concepts if c.status is Status.ONLY_A),
                       *(k for k in d.links if k.status is Status.ONLY_A and not k.divergent)]),
        ("Only in B", [*(c for c in d.concepts if c.status is Status.ONLY_B),
                       *(k for k in d.links if k.status is Status.ONLY_B and not k.divergent)]),
    ]
    for title, items in sections:
        out += ["", f"## {title} ({len(items)})", ""]
        if not items:
            out.append("None.")
        for item in items:
            when = _md_when(t, item.period)
            if isinstance(item, ConceptDiff):
                out += [f"### {_md(item.label)} (`{item.concept}`){when}: {item.status.value}", ""]
                out += _md_use("A", name_a, item.a, t) + _md_use("B", name_b, item.b, t) + [""]
            else:
                status = item.status.value
                if item.divergent and item.status is not Status.CONFLICT:
                    who = "B" if item.status is Status.ONLY_A else "A"
                    status = f"unmatched ({who} uses both concepts but does not link them)"
                out += [f"### {_md(_link_title(item, labels))}{when}: {status}", ""]
                out += _md_link("A", name_a, item.a, t) + _md_link("B", name_b, item.b, t) + [""]
    sides = {d.a.key: "A", d.b.key: "B"}
    if d.changes:
        out += ["", "## Changes over time within one author", ""]
        out += [f"- **{sides.get(ch.source, ch.source)}**: {_md(_change_text(ch, labels, t))}" for ch in d.changes]
    if d.tensions:
        out += ["", "## Mixed views within one author, in one period", ""]
        out += [f"- **{sides.get(x.source, x.source)}**: {_md(_tension_text(x, labels, t))}" for x in d.tensions]
    return _md_join(out)


def _md_side_quotes(subject: ConceptRow | LinkRow, key: str, side: str, t: Timeline) -> list[str]:
    out = []
    for x in _on_side(subject, key, side):
        if isinstance(x, CausalPath):
            out.append(f"  - {_md(' → '.join(x.labels) + _own_period(t, x.period, subject.period))}"
                       + _md(_path_notes(x)))
        elif x.period != subject.period or x.implicit:
            out.append(f"  - {_md(x.label + _own_period(t, x.period, subject.period) + _mention_notes(x))}")
        out.extend(f"  > {_md(q.text)}" for q in x.quotes)
    return out


def comparison_to_markdown(c: Comparison, *, root: Path | None = None) -> str:
    """A comparison as Markdown: authors, the concept x author and link x author tables (a
    row per period), consensus, partial agreements, shared concepts, controversies with
    quotes, mixed views, changes over time and the pairwise metrics.

    Never raises for a comparison made by :func:`argmap.compare`: nothing is read.
    """
    root = roots(c.projections, root)
    t = c.timeline
    corpus = is_corpus(c)
    labels = {r.concept: r.label for r in c.concepts}
    out = ["# Comparison of authors", ""]
    if c.level == "broad":
        out += [f"*{_md(_LEVEL_NOTE)}*", ""]
    out += ["| # | name | source | map |", "|---|---|---|---|"]
    numbers = {p.key: str(i + 1) for i, p in enumerate(c.projections)}
    for p in c.projections:
        where = relative_path(p.path, root)
        out.append(f"| {numbers[p.key]} | {_md(p.name)} | {_md(describe_source(p.source))} | "
                   + (f"`{where}`" if where else "") + " |")
    out += _md_warnings([*c.warnings, *_skipped_warnings(
        [(relative_path(path, root) or str(path), len(problems)) for path, problems in c.skipped])])
    if c.periods:
        out += ["", "## Periods", "", "| years | period |", "|---|---|"]
        out += [f"| {_md(x.span)} | {_md(x.label)} |" for x in c.periods]

    def dated(label: str, period: str | None) -> str:
        return _md(label) + (f" ({_md(t.short(period))})" if period is not None else "")

    n = len(c.projections)
    if corpus:  # a column an author would make lines of thousands of characters
        out += ["", f"## Concepts: how many of the {n:,} authors take each stance", "",
                "| concept | kind | " + " | ".join(s.value for s in AuthorStance) + " | silent |",
                "|---|---|" + "---:|" * (len(AuthorStance) + 1)]
        out += [f"| {dated(r.label, r.period)} | {r.kind.value} | "
                + " | ".join(f"{x:,}" for x in _stance_counts(r, n)) + " |" for r in c.concepts]
        out += ["", f"## Causal links: how many of the {n:,} authors give each sign", ""]
        if c.links:
            out += ["| link | helps (+) | hinders (−) | both (mixed) | silent |", "|---|---:|---:|---:|---:|"]
            out += [f"| {dated(_link_title(lr, labels), lr.period)} | "
                    + " | ".join(f"{x:,}" for x in _sign_counts(lr, n)) + " |" for lr in c.links]
        else:
            out.append("None.")
    else:
        head = "| concept | kind | " + " | ".join(numbers[k] for k in c.keys) + " |"
        rule = "|---|---|" + "---|" * len(c.keys)
        out += ["", "## Concepts x authors", "", head, rule]
        for r in c.concepts:
            cells = [r.by_source[k].stance.value if k in r.by_source else "silent" for k in c.keys]
            out.append(f"| {dated(r.label, r.period)} | {r.kind.value} | " + " | ".join(cells) + " |")
        out += ["", "## Causal links x authors", ""]
        if c.links:
            out += ["| link | " + " | ".join(numbers[k] for k in c.keys) + " |", "|---|" + "---|" * len(c.keys)]
            for lr in c.links:
                cells = [lr.by_source[k].sign.value if k in lr.by_source else "silent" for k in c.keys]
                out.append(f"| {dated(_link_title(lr, labels), lr.period)} | " + " | ".join(cells) + " |")
        else:
            out.append("None.")
    if any(r.period is not None for r in c.concepts) or any(k.period is not None for k in c.links):
        out += ["", _md(_PERIOD_ROWS)]
    out += ["", f"## Consensus (the same stance or sign, at least {c.min_authors} authors)", ""]
    for item in c.consensus:
        subject = item.subject
        who = _md(_who(subject, item.sources, numbers, t, grouped=corpus))
        if isinstance(subject, ConceptRow):
            stance = next(iter(subject.by_source.values())).stance.value
            out.append(f"- {_md(subject.label)}{_md_when(t, subject.period)}: {stance} by {who}")
        else:
            sign = next(iter(subject.by_source.values())).sign.value
            out.append(f"- {_md(_link_title(subject, labels))} ({sign}){_md_when(t, subject.period)}: {who}")
    if not c.consensus:
        out.append("None.")
    out += ["", "## Partial agreement (different stances, no two authors opposed)", ""]
    for pa in c.partial_agreements:
        subject = pa.subject
        title = subject.label if isinstance(subject, ConceptRow) else _link_title(subject, labels)
        sides = "; ".join(f"{_SIDE.get(side, side)} {_who(subject, keys, numbers, t, grouped=corpus)}"
                          for side, keys in pa.views.items())
        out.append(f"- {_md(title + _when(t, subject.period))}: {_md(sides)}")
    if not c.partial_agreements:
        out.append("None.")
    out += ["", "## Shared concepts (invoked without a stance: not an agreement)", ""]
    out += [f"- {_md(sc.subject.label + _when(t, sc.subject.period))}: "
            f"{_md(_who(sc.subject, sc.sources, numbers, t, grouped=corpus))}"
            for sc in c.shared_concepts] or ["None."]
    out += ["", "## Controversies", ""]
    if not c.controversies:
        out.append("None.")
    for x in c.controversies:
        subject = x.subject
        title = subject.label if isinstance(subject, ConceptRow) else _link_title(subject, labels)
        out += [f"### {_md(title + _when(t, subject.period))}", ""]
        mixed = set(x.views.get("mixed", ()))
        for side, keys in x.sides.items():
            if corpus:  # each quote once, with how many authors quote it
                count, _, who = _side_who(keys, mixed, numbers).partition(": ")
                out.append(f"- **{side}** ({count}): {who}")
                for text, quoting in _quotes_by_use(subject, keys, side, numbers):
                    out += [f"  - *{_quoted_by(quoting, len(keys))}:*", f"    > {_md(text)}"]
                continue
            for key in keys:
                also = " (mixed: on both sides)" if key in mixed else ""
                out.append(f"- **{side}**: {numbers[key]} {_md(c.projection(key).name)}{also}")
                out += _md_side_quotes(subject, key, side, t)
        out.append("")
    if c.tensions:
        out += ["", "## Mixed views within one author, in one period", ""]
        out += [f"- {numbers[x.source]} {_md(c.projection(x.source).name)}: {_md(_tension_text(x, labels, t))}"
                for x in c.tensions]
    if c.changes:
        out += ["", "## Changes over time within one author", ""]
        out += [f"- {numbers[ch.source]} {_md(c.projection(ch.source).name)}: {_md(_change_text(ch, labels, t))}"
                for ch in c.changes]
    if len(c.projections) > 1 and corpus:  # N(N-1)/2 rows would be most of the report
        # only the Jaccard matrix is made (to find the nearest); the other metrics pair by pair
        n = len(c.projections)
        out += ["", "## Pairwise metrics (each map as a whole, periods pooled)", "",
                f"{n * (n - 1) // 2:,} pairs: each author's most similar author by Jaccard, with that pair's "
                "metrics. Every pair's metrics: `--format json`; one pair in full: `argmap diff A B`.", "",
                "| author | most similar | Jaccard | distance ratio | congruence | conflict |",
                "|---|---|---|---|---|---|"]
        out += [f"| {numbers[a]} | {numbers[b]} | {_fmt(jaccard)} | {_fmt(c.metric('distance_ratio', a, b))} | "
                f"{_fmt(c.metric('congruence', a, b), 0)} | {_fmt(c.metric('conflict', a, b), 0)} |"
                for a, b, jaccard in nearest_authors(c)]
    elif len(c.projections) > 1:
        matrices = {m: c.matrix(m) for m in METRICS}
        out += ["", "## Pairwise metrics (each map as a whole, periods pooled)", "",
                "| pair | Jaccard | distance ratio | congruence | conflict |", "|---|---|---|---|---|"]
        for i, a in enumerate(c.keys):
            for b in c.keys[i + 1:]:
                out.append(f"| {numbers[a]}–{numbers[b]} | {_fmt(matrices['jaccard'][a, b])} | "
                           f"{_fmt(matrices['distance_ratio'][a, b])} | {_fmt(matrices['congruence'][a, b], 0)} | "
                           f"{_fmt(matrices['conflict'][a, b], 0)} |")
    return _md_join(out)
