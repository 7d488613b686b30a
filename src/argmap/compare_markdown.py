"""Diffs and comparisons as Markdown: summary tables, then each divergence and agreement with
both authors' quotes. Every piece of text from a map goes through the one Markdown escaper
(:func:`argmap._text.escape_markdown`), so a quote shows exactly as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from argmap._text import escape_markdown, one_line
from argmap.compare_json import relative_path, roots
from argmap.compare_text import (
    _SIGN_TEXT,
    _consensus_stances,
    _describe_source,
    _edge_text,
    _fmt,
    _labels,
    _link_title,
    _summary_rows,
)
from argmap.comparison import METRICS, Comparison, ConceptRow
from argmap.diffing import ConceptDiff, LinkDiff, MapDiff, Status
from argmap.projection import AuthorStance, CausalLink, ConceptUse, LinkSign

__all__ = ["comparison_to_markdown", "diff_to_markdown"]


def _md(text: str) -> str:
    return escape_markdown(one_line(text))


def _md_use(side: str, name: str, use: ConceptUse | None) -> list[str]:
    if use is None:
        return [f"- **{side}** ({_md(name)}): silent"]
    lines = [f"- **{side}** ({_md(name)}): {use.stance.value}"]
    for m in use.mentions:
        stance = f" — {m.stance.value}" if use.stance is AuthorStance.MIXED and m.stance else ""
        lines.append(f"  - {_md(m.label)} (`{m.node}`){stance}")
        lines.extend(f"    > {_md(q.text)}" for q in m.quotes)
    return lines


def _md_link(side: str, name: str, link: CausalLink | None) -> list[str]:
    if link is None:
        return [f"- **{side}** ({_md(name)}): silent"]
    lines = [f"- **{side}** ({_md(name)}): {_SIGN_TEXT[link.sign]}"]
    for path in link.paths:
        lines.append(f"  - {_SIGN_TEXT[LinkSign(path.sign.value)]} " + " → ".join(_md(x) for x in path.labels))
        lines.extend(f"    > {_md(q.text)}" for q in path.quotes)
    return lines


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
    root = roots((d.a, d.b), root)
    out = [f"# {_md(name_a)} and {_md(name_b)}", ""]
    for side, p in (("A", d.a), ("B", d.b)):
        where = relative_path(p.path, root)
        out.append(f"- **{side}** `{p.key}`: {_md(_describe_source(p.source))}"
                   + (f" (`{where}`)" if where else ""))
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
            if isinstance(item, ConceptDiff):
                out += [f"### {_md(item.label)} (`{item.concept}`): {item.status.value}", ""]
                out += _md_use("A", name_a, item.a) + _md_use("B", name_b, item.b) + [""]
            else:
                status = item.status.value
                if item.divergent and item.status is not Status.CONFLICT:
                    who = "B" if item.status is Status.ONLY_A else "A"
                    status = f"unmatched ({who} uses both concepts but does not link them)"
                out += [f"### {_md(_link_title(item, labels))}: {status}", ""]
                out += _md_link("A", name_a, item.a) + _md_link("B", name_b, item.b) + [""]
    return _md_join(out)


def comparison_to_markdown(c: Comparison, *, root: Path | None = None) -> str:
    """A comparison as Markdown: authors, the concept x author and link x author tables,
    consensus, controversies with quotes, tensions and the pairwise metrics.

    Never raises for a comparison made by :func:`argmap.compare`: nothing is read.
    """
    root = roots(c.projections, root)
    labels = {r.concept: r.label for r in c.concepts}
    out = ["# Comparison of authors", "", "| # | key | source | map |", "|---|---|---|---|"]
    numbers = {p.key: str(i + 1) for i, p in enumerate(c.projections)}
    for p in c.projections:
        where = relative_path(p.path, root)
        out.append(f"| {numbers[p.key]} | `{p.key}` | {_md(_describe_source(p.source))} | "
                   + (f"`{where}`" if where else "") + " |")
    head = "| concept | kind | " + " | ".join(numbers[k] for k in c.keys) + " |"
    rule = "|---|---|" + "---|" * len(c.keys)
    out += ["", "## Concepts x authors", "", head, rule]
    for r in c.concepts:
        cells = [r.by_source[k].stance.value if k in r.by_source else "silent" for k in c.keys]
        out.append(f"| {_md(r.label)} | {r.kind.value} | " + " | ".join(cells) + " |")
    out += ["", "## Causal links x authors", ""]
    if c.links:
        out += ["| link | " + " | ".join(numbers[k] for k in c.keys) + " |", "|---|" + "---|" * len(c.keys)]
        for lr in c.links:
            cells = [lr.by_source[k].sign.value if k in lr.by_source else "silent" for k in c.keys]
            out.append(f"| {_md(_link_title(lr, labels))} | " + " | ".join(cells) + " |")
    else:
        out.append("None.")
    out += ["", f"## Consensus (at least {c.min_authors} authors, none opposed)", ""]
    for item in c.consensus:
        subject = item.subject
        if isinstance(subject, ConceptRow):
            out.append(f"- {_md(subject.label)}: {_consensus_stances(subject, numbers)}")
        else:
            sign = next(iter(subject.by_source.values())).sign.value
            out.append(f"- {_md(_link_title(subject, labels))} ({sign}): "
                       + ", ".join(numbers[k] for k in item.sources))
    if not c.consensus:
        out.append("None.")
    out += ["", "## Controversies", ""]
    if not c.controversies:
        out.append("None.")
    for x in c.controversies:
        subject = x.subject
        title = subject.label if isinstance(subject, ConceptRow) else _link_title(subject, labels)
        out += [f"### {_md(title)}", ""]
        for side, keys in x.sides.items():
            for key in keys:
                out.append(f"- **{side}**: {numbers[key]} `{key}`")
                if isinstance(subject, ConceptRow):
                    quotes = [q for m in subject.by_source[key].mentions
                              if m.stance is not None and m.stance.value == side for q in m.quotes]
                else:
                    quotes = [q for p in subject.by_source[key].paths if p.sign.value == side for q in p.quotes]
                out.extend(f"  > {_md(q.text)}" for q in quotes)
        out.append("")
    if c.tensions:
        out += ["", "## Mixed views within one author", ""]
        for t in c.tensions:
            if isinstance(t.subject, ConceptUse):
                label = labels.get(t.subject.concept, t.subject.concept)
                out.append(f"- {numbers[t.source]} `{t.source}`: {_md(label)} — "
                           + " and ".join(sorted(s.value for s in t.subject.stances)))
            else:
                out.append(f"- {numbers[t.source]} `{t.source}`: "
                           f"{_md(labels.get(t.subject.cause, t.subject.cause))} → "
                           f"{_md(labels.get(t.subject.effect, t.subject.effect))} — both + and −")
    if len(c.projections) > 1:
        matrices = {m: c.matrix(m) for m in METRICS}
        out += ["", "## Pairwise metrics", "", "| pair | Jaccard | distance ratio | congruence | conflict |",
                "|---|---|---|---|---|"]
        for i, a in enumerate(c.keys):
            for b in c.keys[i + 1:]:
                out.append(f"| {numbers[a]}–{numbers[b]} | {_fmt(matrices['jaccard'][a, b])} | "
                           f"{_fmt(matrices['distance_ratio'][a, b])} | {_fmt(matrices['congruence'][a, b], 0)} | "
                           f"{_fmt(matrices['conflict'][a, b], 0)} |")
    return _md_join(out)
