"""A comparison or a diff as tidy rows, one per quote, for pandas and spreadsheets.

Each row says who (the author's key and display name) says what about which concept or
causal link (the node's stance, or the sign of the chain of links), about which period,
through which node, in which words (the quote and its character offsets in the source
text). :meth:`argmap.Comparison.to_records` and :meth:`argmap.MapDiff.to_records` return
them; their ``to_dataframe`` puts them in a ``pandas.DataFrame``, pandas being an optional
extra (``pip install 'argmap[pandas]'``) imported only then.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from argmap.model import Quote

if TYPE_CHECKING:
    from argmap.comparison import Comparison
    from argmap.diffing import MapDiff
    from argmap.projection import CausalLink, ConceptUse, Projection

__all__ = ["COLUMNS", "DIFF_COLUMNS", "Record", "comparison_records", "diff_records", "to_dataframe"]

#: One tidy row: the keys are :data:`COLUMNS` (:data:`DIFF_COLUMNS` for a diff).
Record = dict[str, Any]

#: The columns of a comparison's records, in order:
#:
#: - ``source``: the author's key (the source id, made unique); ``name``: the display name;
#: - ``item``: ``concept`` (a node that links a concept) or ``link`` (a causal chain between
#:   two concepts);
#: - ``concept``, ``label``, ``kind``: the concept, its label and kind (concept rows);
#:   ``cause``, ``effect``: the two concepts of a link, ``label`` ``Cause → Effect`` (link rows);
#: - ``stance``: the node's stance (``affirms``, ``denies``, ``qualifies``; None for a node
#:   without one); ``sign``: the chain's sign (``+`` or ``-``; link rows);
#: - ``period``: the period the node or link is about, where the map records one;
#: - ``node``: the node (for a link, the cause's node); ``via``: the nodes a chain runs
#:   through, joined by ``" > "`` (None for a direct link);
#: - ``quote``: the quote's text (None for an implicit node, which has none); ``start``,
#:   ``end``: its offsets in the source text, in characters (None where not anchored).
COLUMNS: tuple[str, ...] = ("source", "name", "item", "concept", "cause", "effect", "label", "kind", "stance",
                            "sign", "period", "node", "via", "quote", "start", "end")
#: A diff's columns: ``side`` (``A`` or ``B``) after the name, ``status`` (``agree``,
#: ``partial``, ``conflict``, ``only-a``, ``only-b``) at the end.
DIFF_COLUMNS: tuple[str, ...] = (*COLUMNS[:2], "side", *COLUMNS[2:], "status")


def _period(item: object) -> str | None:
    # Periods reach the projection with issue 11 (a period per node and per causal link);
    # until then no mention or path records one.
    value = getattr(item, "period", None)
    return value if isinstance(value, str) else None


def _quoted(base: Record, quotes: Iterable[Quote]) -> Iterator[Record]:
    """``base`` once per quote (once with no quote where there is none)."""
    found = False
    for q in quotes:
        found = True
        yield {**base, "quote": q.text, "start": q.start, "end": q.end}
    if not found:
        yield {**base, "quote": None, "start": None, "end": None}


def _use_rows(p: Projection, use: ConceptUse, label: str, kind: str) -> Iterator[Record]:
    for m in use.mentions:
        base = {"source": p.key, "name": p.name, "item": "concept", "concept": use.concept, "cause": None,
                "effect": None, "label": label, "kind": kind, "stance": m.stance.value if m.stance else None,
                "sign": None, "period": _period(m), "node": m.node, "via": None}
        yield from _quoted(base, m.quotes)


def _link_rows(p: Projection, link: CausalLink, labels: Mapping[str, str]) -> Iterator[Record]:
    label = f"{labels.get(link.cause, link.cause)} \u2192 {labels.get(link.effect, link.effect)}"
    for path in link.paths:
        base = {"source": p.key, "name": p.name, "item": "link", "concept": None, "cause": link.cause,
                "effect": link.effect, "label": label, "kind": None, "stance": None, "sign": path.sign.value,
                "period": _period(path) or _period(link), "node": path.nodes[0],
                "via": " > ".join(path.nodes[1:-1]) or None}
        yield from _quoted(base, path.quotes)


def comparison_records(c: Comparison) -> list[Record]:
    """Every author's every concept (one row per node and quote), then every causal link
    (one row per chain and quote), in the comparison's order; keys :data:`COLUMNS`."""
    rows: list[Record] = []
    labels = {r.concept: r.label for r in c.concepts}
    for r in c.concepts:
        for p in c.projections:
            use = r.by_source.get(p.key)
            if use is not None:
                rows.extend(_use_rows(p, use, r.label, r.kind.value))
    for k in c.links:
        for p in c.projections:
            link = k.by_source.get(p.key)
            if link is not None:
                rows.extend(_link_rows(p, link, labels))
    return rows


def diff_records(d: MapDiff) -> list[Record]:
    """A diff's concepts and links as :func:`comparison_records` gives them, each row with
    the side (A or B) and the status of its concept or link; keys :data:`DIFF_COLUMNS`."""
    rows: list[Record] = []
    labels = {c.concept: c.label for c in d.concepts}
    sides = (("A", d.a), ("B", d.b))
    for c in d.concepts:
        for (side, p), use in zip(sides, (c.a, c.b), strict=True):
            if use is not None:
                rows.extend({**r, "side": side, "status": c.status.value}
                            for r in _use_rows(p, use, c.label, c.kind.value))
    for k in d.links:
        for (side, p), link in zip(sides, (k.a, k.b), strict=True):
            if link is not None:
                rows.extend({**r, "side": side, "status": k.status.value} for r in _link_rows(p, link, labels))
    return [{name: r[name] for name in DIFF_COLUMNS} for r in rows]


def to_dataframe(records: list[Record], columns: tuple[str, ...]) -> Any:
    """The records as a ``pandas.DataFrame`` with these columns (in this order, present even
    where there are no rows).

    Raises ``ModuleNotFoundError`` with the command that installs pandas where it is missing.
    """
    try:
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]
    except ModuleNotFoundError:
        raise ModuleNotFoundError(
            "to_dataframe() needs pandas, an optional extra of argmap: pip install 'argmap[pandas]' "
            "(or use to_records(), a list of dicts)", name="pandas") from None
    return pd.DataFrame.from_records(records, columns=list(columns))
