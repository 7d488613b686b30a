"""Diffs and comparisons as JSON data, terminal text and Markdown (pure string builders).

The JSON layout is a documented contract (``docs/compare-json.md``); :func:`comparison_schema`
and :func:`diff_schema` are its JSON Schemas, which the tests validate every output against.
Text is laid out for a terminal: headings, aligned columns, quotes wrapped and indented,
ANSI colour only when asked for (the CLI asks on a TTY without ``NO_COLOR``).
"""

from __future__ import annotations

import json
import math
import os
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from argmap.compare import (
    METRICS,
    AuthorStance,
    CausalLink,
    Comparison,
    ConceptDiff,
    ConceptRow,
    ConceptUse,
    LinkDiff,
    LinkRow,
    LinkSign,
    MapDiff,
    Projection,
    SameTextComparison,
    Status,
)
from argmap.model import Edge, Node, Quote, Source

__all__ = [
    "FORMAT_VERSION",
    "comparison_schema",
    "comparison_to_dict",
    "comparison_to_json",
    "comparison_to_markdown",
    "comparison_to_text",
    "diff_schema",
    "diff_to_dict",
    "diff_to_json",
    "diff_to_markdown",
    "diff_to_text",
]

#: Version of the JSON layout; raised on any change that could break a reader.
FORMAT_VERSION = 1

# --- JSON ----------------------------------------------------------------------------------


def _consensus_stances(row: ConceptRow, numbers: Mapping[str, str]) -> str:
    """Who holds a consensus concept and how: 'mentioned by [1], [2]' or '[1] affirms, [3] qualifies'."""
    if all(u.stance is AuthorStance.MENTIONS for u in row.by_source.values()):
        return "mentioned by " + ", ".join(numbers[k] for k in row.by_source)
    return ", ".join(f"{numbers[k]} {u.stance.value}" for k, u in row.by_source.items())


def _number(x: float) -> float | None:
    return None if math.isnan(x) else x


def _find_root(paths: Iterable[Path]) -> Path | None:
    """The project folder: the nearest ancestor of the first path holding ``.git`` or
    ``pyproject.toml``, else the deepest folder common to all the paths."""
    absolute = [p.absolute() for p in paths]
    if not absolute:
        return None
    for folder in absolute[0].parents:
        if (folder / ".git").exists() or (folder / "pyproject.toml").is_file():
            return folder
    try:
        return Path(os.path.commonpath([str(p.parent) for p in absolute]))
    except ValueError:  # paths on different drives
        return None


def _relative(path: Path | None, root: Path | None) -> str | None:
    if path is None:
        return None
    absolute = Path(os.path.normpath(path.absolute()))
    if root is not None:
        try:
            return absolute.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _roots(projections: Sequence[Projection], root: Path | None) -> Path | None:
    if root is not None:
        return root
    paths = [p for pr in projections for p in (pr.path, pr.source_file) if p is not None]
    return _find_root(paths)


def _source_entry(p: Projection, root: Path | None) -> dict[str, Any]:
    s = p.source
    return {"id": p.key, "file": _relative(p.source_file, root) or s.file, "title": s.title,
            "author": s.author, "year": s.year, "name": p.name, "map": _relative(p.path, root)}


def _quotes(quotes: Iterable[Quote]) -> list[str]:
    return [q.text for q in quotes]


def _use_entry(use: ConceptUse) -> dict[str, Any]:
    return {"stance": use.stance.value, "nodes": list(use.nodes), "quotes": _quotes(use.quotes)}


def _link_entry(link: CausalLink) -> dict[str, Any]:
    return {"sign": link.sign.value,
            "paths": [{"nodes": list(p.nodes), "labels": list(p.labels), "sign": p.sign.value,
                       "quotes": _quotes(p.quotes)} for p in link.paths]}


def _reason(item: ConceptDiff | LinkDiff) -> str:
    if isinstance(item, ConceptDiff):
        return "opposite-stance"
    return "opposite-sign" if item.status is Status.CONFLICT else "unmatched-link"


def _item_entry(item: ConceptDiff | LinkDiff, *, reason: bool = False) -> dict[str, Any]:
    if isinstance(item, ConceptDiff):
        entry: dict[str, Any] = {
            "type": "concept", "concept": item.concept,
            "a": item.a.stance.value if item.a else None, "b": item.b.stance.value if item.b else None}
    else:
        entry = {"type": "link", "from": item.cause, "to": item.effect,
                 "a": item.a.sign.value if item.a else None, "b": item.b.sign.value if item.b else None}
    if reason:
        entry["reason"] = _reason(item)
    return entry


def _pair_entry(d: MapDiff) -> dict[str, Any]:
    return {
        "a": d.a.key, "b": d.b.key,
        "shared": list(d.shared), "only_a": list(d.only_a), "only_b": list(d.only_b),
        "agree": [_item_entry(i) for i in d.agreements],
        "diverge": [_item_entry(i, reason=True) for i in d.divergences],
        "partial": [_item_entry(i) for i in d.partial],
        "jaccard": d.jaccard, "distance_ratio": d.distance_ratio,
        "congruence": d.congruence, "conflict": d.conflict,
    }


def _node_entry(n: Node) -> dict[str, Any]:
    return {"id": n.id, "kind": n.kind.value, "label": n.label, "concept": n.concept,
            "quotes": _quotes(n.quotes)}


def _edge_entry(e: Edge) -> dict[str, Any]:
    return {"from": e.source, "to": e.target, "rel": e.relation.value,
            "sign": e.sign.value if e.sign else None}


def _same_text_entry(s: SameTextComparison, root: Path | None) -> dict[str, Any]:
    from argmap.yamlio import source_path

    return {
        "how": s.how,
        "file": _relative(Path(os.path.normpath(source_path(s.map_b))), root),
        "node_precision": _number(s.node_precision), "node_recall": _number(s.node_recall),
        "edge_precision": _number(s.edge_precision), "edge_recall": _number(s.edge_recall),
        "kind_agreement": _number(s.kind_agreement), "kind_kappa": _number(s.kind_kappa),
        "concept_agreement": _number(s.concept_agreement),
        "concept_kappa": _number(s.concept_kappa),
        "matches": [{"a": m.a.id, "b": m.b.id, "overlap": m.overlap, "same_kind": m.same_kind,
                     "same_concept": m.same_concept} for m in s.matches],
        "missed": [_node_entry(n) for n in s.missed],
        "added": [_node_entry(n) for n in s.added],
        "matched_edges": [[_edge_entry(x), _edge_entry(y)] for x, y in s.matched_edges],
        "relabelled_edges": [[_edge_entry(x), _edge_entry(y)] for x, y in s.relabelled_edges],
        "missed_edges": [_edge_entry(e) for e in s.missed_edges],
        "added_edges": [_edge_entry(e) for e in s.added_edges],
    }


def diff_to_dict(d: MapDiff, *, root: Path | None = None) -> dict[str, Any]:
    """A diff as JSON-ready data (layout in ``docs/compare-json.md``).

    File paths are given relative to ``root``, by default the project folder of the maps
    (the nearest folder above them with ``.git`` or ``pyproject.toml``).
    """
    root = _roots((d.a, d.b), root)
    return {
        "format": "argmap-diff", "version": FORMAT_VERSION,
        "a": _source_entry(d.a, root), "b": _source_entry(d.b, root),
        "concepts": [{"id": c.concept, "kind": c.kind.value, "label": c.label, "status": c.status.value,
                      "a": _use_entry(c.a) if c.a else None, "b": _use_entry(c.b) if c.b else None}
                     for c in d.concepts],
        "links": [{"from": k.cause, "to": k.effect, "status": k.status.value, "divergent": k.divergent,
                   "a": _link_entry(k.a) if k.a else None, "b": _link_entry(k.b) if k.b else None}
                  for k in d.links],
        "summary": _pair_entry(d),
        "same_text": _same_text_entry(d.same_text, root) if d.same_text else None,
    }


def _side_entry(row: ConceptRow | LinkRow, key: str) -> dict[str, Any]:
    if isinstance(row, ConceptRow):
        use = row.by_source[key]
        return {"source": key, "nodes": list(use.nodes), "quotes": _quotes(use.quotes)}
    link = row.by_source[key]
    return {"source": key, "paths": [{"nodes": list(p.nodes), "sign": p.sign.value,
                                      "quotes": _quotes(p.quotes)} for p in link.paths]}


def _subject(row: ConceptRow | LinkRow) -> dict[str, Any]:
    if isinstance(row, ConceptRow):
        return {"type": "concept", "concept": row.concept, "label": row.label}
    return {"type": "link", "from": row.cause, "to": row.effect}


def comparison_to_dict(c: Comparison, *, root: Path | None = None, pairs: bool = True) -> dict[str, Any]:
    """A comparison as JSON-ready data (the contract in ``docs/compare-json.md``).

    ``pairs=False`` leaves out the pairwise diffs (their number grows with the square of
    the number of maps); ``root`` as in :func:`diff_to_dict`.
    """
    root = _roots(c.projections, root)
    consensus = []
    for item in c.consensus:
        entry = {**_subject(item.subject), "sources": list(item.sources)}
        if isinstance(item.subject, LinkRow):
            entry["sign"] = next(iter(item.subject.by_source.values())).sign.value
        else:
            entry["by_source"] = {k: u.stance.value for k, u in item.subject.by_source.items()}
        consensus.append(entry)
    tensions = []
    for t in c.tensions:
        if isinstance(t.subject, ConceptUse):
            tensions.append({"source": t.source, "type": "concept", "concept": t.subject.concept,
                             "stances": sorted(s.value for s in t.subject.stances),
                             "nodes": list(t.subject.nodes), "quotes": _quotes(t.subject.quotes)})
        else:
            tensions.append({"source": t.source, "type": "link", "from": t.subject.cause,
                             "to": t.subject.effect, **_link_entry(t.subject)})
    return {
        "format": "argmap-compare", "version": FORMAT_VERSION, "min_authors": c.min_authors,
        "sources": [_source_entry(p, root) for p in c.projections],
        "concepts": [{"id": r.concept, "kind": r.kind.value, "label": r.label,
                      "by_source": {k: _use_entry(u) for k, u in r.by_source.items()}}
                     for r in c.concepts],
        "links": [{"from": r.cause, "to": r.effect,
                   "by_source": {k: link.sign.value for k, link in r.by_source.items()}}
                  for r in c.links],
        "pairs": [_pair_entry(d) for d in c.pairs()] if pairs else [],
        "consensus": consensus,
        "controversies": [{**_subject(x.subject),
                           "sides": {side: [_side_entry(x.subject, k) for k in keys]
                                     for side, keys in x.sides.items()}}
                          for x in c.controversies],
        "tensions": tensions,
    }


def _dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def diff_to_json(d: MapDiff, *, root: Path | None = None) -> str:
    """A diff as JSON text (:func:`diff_to_dict`)."""
    return _dumps(diff_to_dict(d, root=root))


def comparison_to_json(c: Comparison, *, root: Path | None = None) -> str:
    """A comparison as JSON text (:func:`comparison_to_dict`)."""
    return _dumps(comparison_to_dict(c, root=root))


# --- JSON Schemas ---------------------------------------------------------------------------

_STR: dict[str, Any] = {"type": "string"}
_STRS: dict[str, Any] = {"type": "array", "items": _STR}
_OPT_STR: dict[str, Any] = {"type": ["string", "null"]}
_PROB: dict[str, Any] = {"type": ["number", "null"], "minimum": 0, "maximum": 1}
_STANCES = [s.value for s in AuthorStance]
_SIGNS = [s.value for s in LinkSign]


def _object(properties: dict[str, Any], required: Sequence[str] | None = None) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "properties": properties,
            "required": list(properties if required is None else required)}


def _defs() -> dict[str, Any]:
    item_props = {"type": {"enum": ["concept", "link"]}, "concept": _STR, "from": _STR, "to": _STR,
                  "a": _OPT_STR, "b": _OPT_STR}
    return {
        "source": _object({
            "id": {**_STR, "description": "The author's key: the source id, or id/map-stem where "
                                          "several maps encode one source."},
            "file": {**_STR, "description": "Path of the source text, relative to the project."},
            "title": _OPT_STR, "author": _OPT_STR, "year": {"type": ["integer", "null"]},
            "name": {**_STR, "description": "Display name: author, else title, else id."},
            "map": {**_OPT_STR, "description": "Path of the map file, relative to the project."},
        }),
        "use": _object({"stance": {"enum": _STANCES}, "nodes": _STRS, "quotes": _STRS}),
        "path": _object({"nodes": _STRS, "labels": _STRS, "sign": {"enum": ["+", "-"]},
                         "quotes": _STRS}),
        "link": _object({"sign": {"enum": _SIGNS},
                         "paths": {"type": "array", "items": {"$ref": "#/$defs/path"}}}),
        "item": _object(item_props, ["type", "a", "b"]),
        "divergence": _object({**item_props, "reason": {
            "enum": ["opposite-stance", "opposite-sign", "unmatched-link"]}}, ["type", "a", "b", "reason"]),
        "pair": _object({
            "a": _STR, "b": _STR, "shared": _STRS, "only_a": _STRS, "only_b": _STRS,
            "agree": {"type": "array", "items": {"$ref": "#/$defs/item"}},
            "diverge": {"type": "array", "items": {"$ref": "#/$defs/divergence"}},
            "partial": {"type": "array", "items": {"$ref": "#/$defs/item"}},
            "jaccard": {"type": "number", "minimum": 0, "maximum": 1},
            "distance_ratio": {"type": "number", "minimum": 0},
            "congruence": {"type": "number", "minimum": 0},
            "conflict": {"type": "number", "minimum": 0},
        }),
    }


def comparison_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``argmap compare --format json``."""
    side_entry = _object({"source": _STR, "nodes": _STRS, "quotes": _STRS,
                          "paths": {"type": "array", "items": _object(
                              {"nodes": _STRS, "sign": {"enum": ["+", "-"]}, "quotes": _STRS})}},
                         ["source"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://argmap.readthedocs.io/schema/compare.json",
        "title": "argmap comparison of several authors",
        "type": "object", "additionalProperties": False,
        "required": ["format", "version", "min_authors", "sources", "concepts", "links", "pairs",
                     "consensus", "controversies", "tensions"],
        "properties": {
            "format": {"const": "argmap-compare"},
            "version": {"const": FORMAT_VERSION},
            "min_authors": {"type": "integer", "minimum": 1},
            "sources": {"type": "array", "items": {"$ref": "#/$defs/source"}},
            "concepts": {"type": "array", "items": _object({
                "id": _STR, "kind": {"enum": ["outcome", "factor", "proposition"]}, "label": _STR,
                "by_source": {"type": "object", "additionalProperties": {"$ref": "#/$defs/use"}},
            })},
            "links": {"type": "array", "items": _object({
                "from": _STR, "to": _STR,
                "by_source": {"type": "object", "additionalProperties": {"enum": _SIGNS}},
            })},
            "pairs": {"type": "array", "items": {"$ref": "#/$defs/pair"}},
            "consensus": {"type": "array", "items": _object({
                "type": {"enum": ["concept", "link"]}, "concept": _STR, "label": _STR,
                "from": _STR, "to": _STR, "sources": _STRS, "sign": {"enum": ["+", "-"]},
                "by_source": {"type": "object", "additionalProperties": {"enum": _STANCES}},
            }, ["type", "sources"])},
            "controversies": {"type": "array", "items": _object({
                "type": {"enum": ["concept", "link"]}, "concept": _STR, "label": _STR,
                "from": _STR, "to": _STR,
                "sides": {"type": "object", "propertyNames": {"enum": ["affirms", "denies", "qualifies", "+", "-"]},
                          "additionalProperties": {"type": "array", "items": side_entry}},
            }, ["type", "sides"])},
            "tensions": {"type": "array", "items": _object({
                "source": _STR, "type": {"enum": ["concept", "link"]}, "concept": _STR,
                "stances": _STRS, "nodes": _STRS, "quotes": _STRS, "from": _STR, "to": _STR,
                "sign": {"const": "mixed"}, "paths": {"type": "array", "items": {"$ref": "#/$defs/path"}},
            }, ["source", "type"])},
        },
        "$defs": _defs(),
    }


def diff_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``argmap diff --format json``."""
    node = _object({"id": _STR, "kind": _STR, "label": _STR, "concept": _OPT_STR, "quotes": _STRS})
    edge = _object({"from": _STR, "to": _STR, "rel": _STR, "sign": {"enum": ["+", "-", None]}})
    edges = {"type": "array", "items": edge}
    edge_pairs = {"type": "array", "items": {"type": "array", "prefixItems": [edge, edge],
                                            "minItems": 2, "maxItems": 2}}
    same_text = _object({
        "how": {"enum": ["same file", "identical text"]}, "file": _OPT_STR,
        "node_precision": _PROB, "node_recall": _PROB, "edge_precision": _PROB, "edge_recall": _PROB,
        "kind_agreement": _PROB, "kind_kappa": {"type": ["number", "null"]},
        "concept_agreement": _PROB, "concept_kappa": {"type": ["number", "null"]},
        "matches": {"type": "array", "items": _object({
            "a": _STR, "b": _STR, "overlap": {"type": "number"}, "same_kind": {"type": "boolean"},
            "same_concept": {"type": "boolean"}})},
        "missed": {"type": "array", "items": node}, "added": {"type": "array", "items": node},
        "matched_edges": edge_pairs, "relabelled_edges": edge_pairs,
        "missed_edges": edges, "added_edges": edges,
    })
    status = {"enum": [s.value for s in Status]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://argmap.readthedocs.io/schema/diff.json",
        "title": "argmap diff of two authors",
        "type": "object", "additionalProperties": False,
        "required": ["format", "version", "a", "b", "concepts", "links", "summary", "same_text"],
        "properties": {
            "format": {"const": "argmap-diff"},
            "version": {"const": FORMAT_VERSION},
            "a": {"$ref": "#/$defs/source"}, "b": {"$ref": "#/$defs/source"},
            "concepts": {"type": "array", "items": _object({
                "id": _STR, "kind": {"enum": ["outcome", "factor", "proposition"]}, "label": _STR,
                "status": status,
                "a": {"oneOf": [{"$ref": "#/$defs/use"}, {"type": "null"}]},
                "b": {"oneOf": [{"$ref": "#/$defs/use"}, {"type": "null"}]},
            })},
            "links": {"type": "array", "items": _object({
                "from": _STR, "to": _STR, "status": status, "divergent": {"type": "boolean"},
                "a": {"oneOf": [{"$ref": "#/$defs/link"}, {"type": "null"}]},
                "b": {"oneOf": [{"$ref": "#/$defs/link"}, {"type": "null"}]},
            })},
            "summary": {"$ref": "#/$defs/pair"},
            "same_text": {"oneOf": [same_text, {"type": "null"}]},
        },
        "$defs": _defs(),
    }


# --- text ------------------------------------------------------------------------------------

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
    then what only one author says, each with both authors' quotes side by side."""
    w = _Writer(color=color, width=width)
    name_a, name_b = d.names
    w.add(w.style(f"{name_a}  ⟷  {name_b}", "bold"))
    root = _roots((d.a, d.b), root)
    for side, p in (("A", d.a), ("B", d.b)):
        where = _relative(p.path, root)
        w.wrap(f"{side}  {p.key}: {_describe_source(p.source)}" + (f"  ({where})" if where else ""), 2, hang=3)
    if d.same_text is not None:
        from argmap.yamlio import source_path

        _same_text_lines(w, d.same_text, _relative(Path(os.path.normpath(source_path(d.same_text.map_b))), root))
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
    author matrices, consensus, controversies with quotes, tensions and pairwise metrics."""
    w = _Writer(color=False, width=width)
    n = len(c.projections)
    w.add(f"Comparing {n} author{'s' * (n != 1)}")
    root = _roots(c.projections, root)
    numbers = {p.key: str(i + 1) for i, p in enumerate(c.projections)}
    for p in c.projections:
        where = _relative(p.path, root)
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


# --- Markdown ----------------------------------------------------------------------------------

_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|#"})


def _md(text: str) -> str:
    return " ".join(text.split()).translate(_MD_SPECIAL)


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
    agreement with both authors' quotes, then what only one author says."""
    name_a, name_b = d.names
    root = _roots((d.a, d.b), root)
    out = [f"# {_md(name_a)} and {_md(name_b)}", ""]
    for side, p in (("A", d.a), ("B", d.b)):
        where = _relative(p.path, root)
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
    consensus, controversies with quotes, tensions and the pairwise metrics."""
    root = _roots(c.projections, root)
    labels = {r.concept: r.label for r in c.concepts}
    out = ["# Comparison of authors", "", "| # | key | source | map |", "|---|---|---|---|"]
    numbers = {p.key: str(i + 1) for i, p in enumerate(c.projections)}
    for p in c.projections:
        where = _relative(p.path, root)
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
