"""Diffs and comparisons as JSON data: the documented contract.

The JSON layout is a contract (``docs/compare-json.md``): :func:`comparison_schema` and
:func:`diff_schema` (in :mod:`argmap.compare_schema`) are its JSON Schemas, which the tests
validate every output against.
Paths are written relative to a root folder (the project folder the maps sit in, found by
:func:`find_root`), so that the output does not depend on where the project was cloned.
"""

from __future__ import annotations

import itertools
import json
import math
import os
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeAlias

import attrs

from argmap.alignment import SameTextComparison
from argmap.compare_metrics import (
    METRICS_PROCESS_FROM,
    MetricsWriter,
    PairChoice,
    check_metrics,
    choose_pairs,
    is_corpus,
    metrics_chunks,
    metrics_entry,
)
from argmap.compare_schema import FORMAT_VERSION, comparison_schema, diff_schema
from argmap.comparison import Comparison, ConceptRow, LinkRow
from argmap.concepts import Period
from argmap.diffing import ConceptDiff, LinkDiff, MapDiff, Status
from argmap.errors import Problem
from argmap.model import Edge, Node, Quote
from argmap.pairwise import METRICS
from argmap.periods import Change, Tension, Timeline
from argmap.projection import CausalLink, CausalPath, ConceptUse, Projection
from argmap.quotes import source_path
from argmap.workspace import _Bar

__all__ = [
    "FORMAT_VERSION",
    "comparison_json_chunks",
    "comparison_schema",
    "comparison_to_dict",
    "comparison_to_json",
    "diff_schema",
    "diff_to_dict",
    "diff_to_json",
    "find_root",
    "relative_path",
]


def _number(x: float) -> float | None:
    return None if math.isnan(x) else x


def find_root(paths: Iterable[Path]) -> Path | None:
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


def relative_path(path: Path | None, root: Path | None) -> str | None:
    if path is None:
        return None
    absolute = Path(os.path.normpath(path.absolute()))
    if root is not None:
        try:
            return absolute.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _problem_text(problem: Problem, root: Path | None) -> str:
    """A problem as ``argmap validate`` prints it, its file named as ``skipped[].map`` names
    it (relative to the project folder), so that a JSON file says the same on any machine."""
    if problem.path is None:
        return str(problem)
    return str(attrs.evolve(problem, path=Path(relative_path(problem.path, root) or problem.path)))


def roots(projections: Sequence[Projection], root: Path | None) -> Path | None:
    if root is not None:
        return root
    paths = [p for pr in projections for p in (pr.path, pr.source_file) if p is not None]
    return find_root(paths)


def _source_entry(p: Projection, root: Path | None) -> dict[str, Any]:
    s = p.source
    return {"id": p.key, "file": relative_path(p.source_file, root) or s.file, "title": s.title,
            "author": s.author, "year": s.year, "name": p.name, "map": relative_path(p.path, root),
            "quoted_nodes": p.quoted_nodes, "implicit_nodes": p.implicit_nodes}


def _period_entry(period: Period) -> dict[str, Any]:
    return {"id": period.id, "label": period.label, "start": period.start, "end": period.end, "span": period.span}


def _quotes(quotes: Iterable[Quote]) -> list[str]:
    return [q.text for q in quotes]


def _use_entry(use: ConceptUse) -> dict[str, Any]:
    return {"stance": use.stance.value, "nodes": list(use.nodes), "quotes": _quotes(use.quotes),
            "periods": list(use.periods), "concepts": list(use.concepts), "implicit": use.implicit}


def _path_entry(p: CausalPath) -> dict[str, Any]:
    return {"nodes": list(p.nodes), "labels": list(p.labels), "sign": p.sign.value, "quotes": _quotes(p.quotes),
            "period": p.period, "chain_sign": (p.chain_sign or p.sign).value,
            "directions": [d.value for d in p.directions], "implicit": p.implicit}


#: How a causal path (or a concept use) goes into an entry: as data (:func:`_path_entry`), or as
#: its JSON text ready made (:meth:`_Lines.path`).
_PathEntry: TypeAlias = Callable[[CausalPath], Any]
_UseEntry: TypeAlias = Callable[[ConceptUse], Any]
_SidesEntry: TypeAlias = Callable[[ConceptRow | LinkRow, Mapping[str, Sequence[str]]], Any]


def _link_entry(link: CausalLink, path: _PathEntry = _path_entry) -> dict[str, Any]:
    return {"sign": link.sign.value, "paths": [path(p) for p in link.paths], "implicit": link.implicit}


def _reason(item: ConceptDiff | LinkDiff) -> str:
    if isinstance(item, ConceptDiff):
        return "opposite-stance"
    return "opposite-sign" if item.status is Status.CONFLICT else "unmatched-link"


def _item_entry(item: ConceptDiff | LinkDiff, *, reason: bool = False) -> dict[str, Any]:
    if isinstance(item, ConceptDiff):
        entry: dict[str, Any] = {
            "type": "concept", "concept": item.concept, "period": item.period,
            "a": item.a.stance.value if item.a else None, "b": item.b.stance.value if item.b else None}
    else:
        entry = {"type": "link", "from": item.cause, "to": item.effect, "period": item.period,
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


def _tension_entry(t: Tension, path: _PathEntry = _path_entry) -> dict[str, Any]:
    if isinstance(t.subject, ConceptUse):
        return {"source": t.source, "type": "concept", "concept": t.subject.concept, "period": t.period,
                "stances": sorted(s.value for s in t.subject.stances),
                "nodes": list(t.subject.nodes), "quotes": _quotes(t.subject.quotes)}
    return {"source": t.source, "type": "link", "from": t.subject.cause, "to": t.subject.effect,
            "period": t.period, **_link_entry(t.subject, path)}


def _change_entry(ch: Change, path: _PathEntry = _path_entry) -> dict[str, Any]:
    views: list[dict[str, Any]] = []
    for v in ch.views:
        if isinstance(v, ConceptUse):
            views.append({"period": v.period, "stance": v.stance.value, "nodes": list(v.nodes),
                          "quotes": _quotes(v.quotes)})
        else:
            views.append({"period": v.period, **_link_entry(v, path)})
    head: dict[str, Any] = ({"type": "concept", "concept": ch.concept} if ch.concept is not None
                            else {"type": "link", "from": ch.views[0].cause, "to": ch.views[0].effect})  # type: ignore[union-attr]
    return {"source": ch.source, **head, "views": views}


def _periods(timeline: Timeline, ids: Iterable[str | None]) -> list[dict[str, Any]]:
    return [_period_entry(p) for p in timeline.used(ids)]


def _node_entry(n: Node) -> dict[str, Any]:
    return {"id": n.id, "kind": n.kind.value, "label": n.label, "concept": n.concept,
            "quotes": _quotes(n.quotes)}


def _edge_entry(e: Edge) -> dict[str, Any]:
    return {"from": e.source, "to": e.target, "rel": e.relation.value,
            "sign": e.sign.value if e.sign else None}


def _same_text_entry(s: SameTextComparison, root: Path | None) -> dict[str, Any]:
    return {
        "how": s.how,
        "file": relative_path(Path(os.path.normpath(source_path(s.map_b))), root),
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


def _diff_periods(d: MapDiff) -> list[dict[str, Any]]:
    ids = [*(u.period for p in (d.a, d.b) for u in p.concepts), *(k.period for p in (d.a, d.b) for k in p.links)]
    return _periods(d.timeline, ids)


def diff_to_dict(d: MapDiff, *, root: Path | None = None) -> dict[str, Any]:
    """A diff as JSON-ready data (layout in ``docs/compare-json.md``).

    File paths are given relative to ``root``, by default the project folder of the maps
    (the nearest folder above them with ``.git`` or ``pyproject.toml``). Never raises for a
    diff made by :func:`argmap.diff`: the files are not read, their paths only made relative.
    """
    root = roots((d.a, d.b), root)
    return {
        "format": "argmap-diff", "version": FORMAT_VERSION, "level": d.level,
        "periods": _diff_periods(d), "warnings": list(d.warnings),
        "a": _source_entry(d.a, root), "b": _source_entry(d.b, root),
        "concepts": [{"id": c.concept, "period": c.period, "kind": c.kind.value, "label": c.label,
                      "status": c.status.value,
                      "a": _use_entry(c.a) if c.a else None, "b": _use_entry(c.b) if c.b else None}
                     for c in d.concepts],
        "links": [{"from": k.cause, "to": k.effect, "period": k.period, "status": k.status.value,
                   "divergent": k.divergent,
                   "a": _link_entry(k.a) if k.a else None, "b": _link_entry(k.b) if k.b else None}
                  for k in d.links],
        "summary": _pair_entry(d),
        "tensions": [_tension_entry(t) for t in d.tensions],
        "changes": [_change_entry(ch) for ch in d.changes],
        "same_text": _same_text_entry(d.same_text, root) if d.same_text else None,
    }


def _side_entry(row: ConceptRow | LinkRow, key: str, path: _PathEntry = _path_entry) -> dict[str, Any]:
    if isinstance(row, ConceptRow):
        use = row.by_source[key]
        return {"source": key, "periods": list(use.periods), "nodes": list(use.nodes),
                "quotes": _quotes(use.quotes), "implicit": use.implicit}
    link = row.by_source[key]
    return {"source": key, "periods": list(link.periods), "paths": [path(p) for p in link.paths],
            "implicit": link.implicit}


def _subject(row: ConceptRow | LinkRow) -> dict[str, Any]:
    if isinstance(row, ConceptRow):
        return {"type": "concept", "concept": row.concept, "label": row.label, "period": row.period}
    return {"type": "link", "from": row.cause, "to": row.effect, "period": row.period}


def _claim_periods(row: ConceptRow | LinkRow) -> dict[str, list[str | None]]:
    return {k: list(x.periods) for k, x in row.by_source.items()}


def _sides(row: ConceptRow | LinkRow, sides: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    return {side: [_side_entry(row, k) for k in keys] for side, keys in sides.items()}


def _consensus_entries(c: Comparison) -> list[dict[str, Any]]:
    consensus = []
    for item in c.consensus:
        entry = {**_subject(item.subject), "sources": list(item.sources)}
        if isinstance(item.subject, LinkRow):
            entry["sign"] = next(iter(item.subject.by_source.values())).sign.value
        else:
            entry["by_source"] = {k: u.stance.value for k, u in item.subject.by_source.items()}
        entry["claim_periods"] = _claim_periods(item.subject)
        consensus.append(entry)
    return consensus


def comparison_to_dict(c: Comparison, *, root: Path | None = None, pairs: PairChoice = None,
                       metrics: Sequence[str] = METRICS,
                       skipped: Sequence[tuple[Path, Sequence[Problem]]] | None = None) -> dict[str, Any]:
    """A comparison as JSON-ready data (the contract in ``docs/compare-json.md``).

    ``pairs`` chooses the pairs whose full diff is listed (their number grows with the square
    of the number of maps): every pair (True), none (False), the pairs of authors given (by
    key or map file), or by default every pair for at most :data:`ALL_PAIRS_UP_TO` maps and
    none above. The ``metrics`` named are given for every pair, as triangles (see
    :func:`metrics_entry`). ``skipped`` lists map files left out, with their problems: by
    default those the comparison left out (:attr:`Comparison.skipped`, with ``keep_going``).
    ``root`` as in :func:`diff_to_dict`. Raises :class:`~argmap.errors.ExportError` for a
    pair naming an unknown author and :class:`~argmap.errors.MetricError` for an unknown
    metric; otherwise never for a comparison made by :func:`argmap.compare` (the files are
    not read, their paths only made relative).
    """
    out: dict[str, Any] = {}
    for name, value in _comparison_parts(c, root=root, pairs=pairs, metrics=metrics, skipped=skipped):
        if value is _METRICS:
            value = metrics_entry(c, metrics)
        elif isinstance(value, Iterator):
            value = list(value)
        out[name] = value
    return out


#: Stands for the ``metrics`` entry in :func:`_comparison_parts` (written by its own writer).
_METRICS = object()


def _comparison_parts(c: Comparison, *, root: Path | None, pairs: PairChoice, metrics: Sequence[str],
                      skipped: Sequence[tuple[Path, Sequence[Problem]]] | None,
                      lines: _Lines | None = None) -> Iterator[tuple[str, Any]]:
    """The top-level entries in order; the long lists as iterators, each item made when read.
    The choices are checked before the first entry. With ``lines``, the concept uses and
    causal paths inside the items come as their JSON text, for :meth:`_Lines.line`."""
    root = roots(c.projections, root)
    use: _UseEntry = _use_entry if lines is None else lines.use
    path: _PathEntry = _path_entry if lines is None else lines.path
    sides: _SidesEntry = _sides if lines is None else lines.sides
    chosen, listed = choose_pairs(c, pairs)
    check_metrics(metrics)
    yield "format", "argmap-compare"
    yield "version", FORMAT_VERSION
    yield "level", c.level
    yield "min_authors", c.min_authors
    yield "periods", [_period_entry(p) for p in c.periods]
    yield "warnings", list(c.warnings)
    yield "sources", (_source_entry(p, root) for p in c.projections)
    yield "concepts", ({"id": r.concept, "period": r.period, "kind": r.kind.value, "label": r.label,
                        "by_source": {k: use(u) for k, u in r.by_source.items()}}
                       for r in c.concepts)
    yield "links", ({"from": r.cause, "to": r.effect, "period": r.period,
                     "by_source": {k: link.sign.value for k, link in r.by_source.items()}}
                    for r in c.links)
    yield "pairs_listed", listed
    yield "pairs", (_pair_entry(c.pair(a, b)) for a, b in chosen)
    yield "metrics", _METRICS
    yield "consensus", iter(_consensus_entries(c))
    yield "partial_agreements", ({**_subject(x.subject), "sides": sides(x.subject, x.sides)}
                                 for x in c.partial_agreements)
    yield "shared_concepts", ({"concept": x.subject.concept, "label": x.subject.label, "period": x.subject.period,
                               "sources": list(x.sources), "claim_periods": _claim_periods(x.subject)}
                              for x in c.shared_concepts)
    yield "controversies", ({**_subject(x.subject), "sides": sides(x.subject, x.sides)}
                            for x in c.controversies)
    yield "tensions", (_tension_entry(t, path) for t in c.tensions)
    yield "changes", (_change_entry(ch, path) for ch in c.changes)
    yield "skipped", ({"map": relative_path(path, root), "problems": [_problem_text(p, root) for p in problems]}
                      for path, problems in (c.skipped if skipped is None else skipped))


def _dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def diff_to_json(d: MapDiff, *, root: Path | None = None) -> str:
    """A diff as JSON text (:func:`diff_to_dict`).

    Never raises for a diff made by :func:`argmap.diff` (metrics without a value are null).
    """
    return _dumps(diff_to_dict(d, root=root))


def comparison_to_json(c: Comparison, *, root: Path | None = None, pairs: PairChoice = None,
                       metrics: Sequence[str] = METRICS,
                       skipped: Sequence[tuple[Path, Sequence[Problem]]] | None = None) -> str:
    """A comparison as JSON text (:func:`comparison_to_dict`; the text of
    :func:`comparison_json_chunks` joined).

    Raises as :func:`comparison_to_dict`.
    """
    return "".join(comparison_json_chunks(c, root=root, pairs=pairs, metrics=metrics, skipped=skipped))


def _one_line(value: Any, _indent: str) -> str:
    """``value`` on one line (json's C encoder, which ``indent`` turns off)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def _indented(value: Any, indent: str) -> str:
    """``value`` as ``json.dumps(indent=2)`` writes it, nested ``indent`` deep."""
    return json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False).replace("\n", "\n" + indent)


#: The top-level lists whose items hold ready-made text in the one-line layout (the rest go
#: to json's C encoder whole).
_WITH_TEXT = frozenset({"concepts", "partial_agreements", "controversies", "tensions", "changes"})


class _Raw(str):
    """JSON text made already, which :meth:`_Lines.line` puts in as it is."""

    __slots__ = ()


class _Lines:
    """Writes JSON data on one line as ``json.dumps(value, ensure_ascii=False, allow_nan=False,
    separators=(", ", ": "))`` does (:func:`_one_line`), for the items of a corpus's lists.

    A corpus of maps drawn from a few texts repeats the same concept uses and causal paths
    across hundreds of authors, each a separate object. :meth:`use` and :meth:`path` give
    their text as a :class:`_Raw`, made once for each distinct content (a key of the fields
    the entry is made of), and each distinct string is encoded once; :meth:`line` then joins
    the pieces. One instance serves one output: its memo grows with the distinct contents.
    """

    def __init__(self) -> None:
        self._strings: dict[str, str] = {}
        self._uses: dict[tuple[Any, ...], _Raw] = {}
        self._paths: dict[tuple[Any, ...], _Raw] = {}
        self._sides: dict[tuple[Any, ...], str] = {}

    def line(self, value: Any) -> str:
        """``value`` as :func:`_one_line` writes it, :class:`_Raw` pieces copied as they are.
        Raises as :func:`_one_line` (``ValueError`` for a NaN, ``TypeError`` for what JSON
        cannot hold)."""
        kind = type(value)
        if kind is _Raw:
            return value  # type: ignore[no-any-return]
        if kind is str:
            text = self._strings.get(value)
            if text is None:
                text = self._strings[value] = json.dumps(value, ensure_ascii=False)
            return text
        if kind is dict:
            if not all(type(k) is str for k in value):
                # json writes other keys (numbers, None, booleans) as strings: leave those to it
                return "{" + ", ".join([_one_line({k: None}, "")[1:-7] + ": " + self.line(v)
                                        for k, v in value.items()]) + "}"
            return "{" + ", ".join([self.line(k) + ": " + self.line(v) for k, v in value.items()]) + "}"
        if kind is list or kind is tuple:
            return "[" + ", ".join([self.line(v) for v in value]) + "]"
        if value is None:
            return "null"
        if value is True:
            return "true"
        if value is False:
            return "false"
        if kind is int:
            return int.__repr__(value)
        return _one_line(value, "")  # floats (NaN refused), str and int subclasses, the rest

    def _use_key(self, use: ConceptUse) -> tuple[Any, ...]:
        # everything _use_entry and _side_entry read of a use: its concept and, for each
        # mention, node, stance, period, concept, implicitness and quotes
        return (use.concept, tuple([(m.node, m.stance, m.period, m.concept, m.implicit,
                                     tuple([q.text for q in m.quotes])) for m in use.mentions]))

    def use(self, use: ConceptUse) -> _Raw:
        """:func:`_use_entry` as JSON text, made once for each distinct content."""
        key = self._use_key(use)
        text = self._uses.get(key)
        if text is None:
            text = self._uses[key] = _Raw(self.line(_use_entry(use)))
        return text

    def path(self, p: CausalPath) -> _Raw:
        """:func:`_path_entry` as JSON text, made once for each distinct content."""
        key = (p.nodes, p.labels, p.sign, p.period, p.chain_sign, p.directions, p.implicit,
               tuple([q.text for q in p.quotes]))
        text = self._paths.get(key)
        if text is None:
            text = self._paths[key] = _Raw(self.line(_path_entry(p)))
        return text

    def _side(self, row: ConceptRow | LinkRow, key: str) -> str:
        """:func:`_side_entry` as JSON text: the source, then the rest, made once for each
        distinct use (of a concept row) or list of paths (of a link row)."""
        rest_key: tuple[Any, ...]
        if isinstance(row, ConceptRow):
            use = row.by_source[key]
            rest_key = ("use", self._use_key(use))
        else:
            link = row.by_source[key]
            rest_key = ("paths", *[self.path(p) for p in link.paths])
        rest = self._sides.get(rest_key)
        if rest is None:
            # the entry with "source" first; its text after the source's value is the rest
            head = '{"source": ' + self.line(key)
            rest = self._sides[rest_key] = self.line(_side_entry(row, key, self.path))[len(head):]
        return '{"source": ' + self.line(key) + rest

    def sides(self, row: ConceptRow | LinkRow, sides: Mapping[str, Sequence[str]]) -> _Raw:
        """:func:`_sides` as JSON text."""
        return _Raw("{" + ", ".join([self.line(side) + ": [" + ", ".join([self._side(row, k) for k in keys]) + "]"
                                     for side, keys in sides.items()]) + "}")


def comparison_json_chunks(c: Comparison, *, root: Path | None = None, pairs: PairChoice = None,
                           metrics: Sequence[str] = METRICS,
                           skipped: Sequence[tuple[Path, Sequence[Problem]]] | None = None,
                           jobs: int = 1, progress: bool = False) -> Iterator[str]:
    """The JSON text of :func:`comparison_to_json` in pieces, each list item made as it is
    written, so that a comparison of thousands of maps streams to a file without one huge
    string. The layout is that of ``json.dumps(indent=2)``, but each ``metrics`` array on
    one line; above :data:`ALL_PAIRS_UP_TO` maps, each item of a top-level list on one line
    too (quicker to write, and to read with line tools). Raises as :func:`comparison_to_dict`
    (before the first piece).

    ``jobs`` other than 1 (0: one per core) lets a corpus of
    :data:`~argmap.compare_metrics.METRICS_PROCESS_FROM` maps or more have its ``metrics``
    made in a second process (:class:`~argmap.compare_metrics.MetricsWriter`) while this
    one makes the rest; the text is the same. That process is spawned: a script that
    passes ``jobs`` at its top level needs ``if __name__ == "__main__":``.

    ``progress`` counts the characters written on standard error where that is a terminal,
    for a corpus (over 50 maps): a JSON document of 10,000 maps is about a billion of them.
    """
    pieces = _json_chunks(c, root=root, pairs=pairs, metrics=metrics, skipped=skipped, jobs=jobs)
    if not progress or not is_corpus(c):
        return pieces
    return _counted(pieces)


def _counted(pieces: Generator[str, None, None]) -> Iterator[str]:
    """The pieces, counted on a progress bar from the first (so that the choices are checked
    before a bar is shown)."""
    first = next(pieces)
    bar = _Bar(None, True, "writing JSON", " characters", unit_scale=True)
    try:
        bar.update(len(first))
        yield first
        for piece in pieces:
            bar.update(len(piece))
            yield piece
    finally:
        bar.close()
        pieces.close()


def _json_chunks(c: Comparison, *, root: Path | None, pairs: PairChoice, metrics: Sequence[str],
                 skipped: Sequence[tuple[Path, Sequence[Problem]]] | None, jobs: int) -> Generator[str, None, None]:
    """What :func:`comparison_json_chunks` yields, without a progress bar."""
    lines = _Lines() if is_corpus(c) else None
    parts = enumerate(_comparison_parts(c, root=root, pairs=pairs, metrics=metrics, skipped=skipped, lines=lines))
    first = next(parts)  # the choices checked before any process starts
    resolved = (os.cpu_count() or 1) if jobs == 0 else jobs
    writer = (MetricsWriter(c, metrics, "  ")
              if resolved > 1 and metrics and len(c.projections) >= METRICS_PROCESS_FROM else None)
    try:
        for i, (name, value) in itertools.chain([first], parts):
            if value is _METRICS and writer is not None:
                # what follows the metrics made while the other process makes them
                rest = [chunk for part in parts for chunk in _part_chunks(*part, lines)]
                yield from _part_head(i, name)
                yield from writer.chunks()
                yield from rest
                break
            yield from _part_head(i, name)
            if value is _METRICS:
                yield from metrics_chunks(c, metrics, "  ")
            else:
                yield from _value_chunks(name, value, lines)
        yield "\n}\n"
    finally:
        if writer is not None:
            writer.close()


def _part_head(i: int, name: str) -> Iterator[str]:
    yield ("{\n  " if i == 0 else ",\n  ") + json.dumps(name) + ": "


def _part_chunks(i: int, part: tuple[str, Any], lines: _Lines | None) -> Iterator[str]:
    """One top-level entry's text (not the metrics), its name first."""
    yield from _part_head(i, part[0])
    yield from _value_chunks(*part, lines)


def _value_chunks(name: str, value: Any, lines: _Lines | None) -> Iterator[str]:
    """A top-level entry's value as text: each item of a long list made as it is written."""
    item_text: Callable[[Any, str], str] = (
        _indented if lines is None else _one_line if name not in _WITH_TEXT else lambda item, _: lines.line(item))
    if isinstance(value, Iterator):
        empty = True
        for item in value:
            yield ("[\n    " if empty else ",\n    ") + item_text(item, "    ")
            empty = False
        yield "[]" if empty else "\n  ]"
    else:
        yield _indented(value, "  ")
