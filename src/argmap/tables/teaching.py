"""The five teaching tables built from a comparison of authors: theses, factors, propositions,
agreement and divergences (:func:`build_table` picks one by name)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Literal, TypeAlias, cast

import attrs

from argmap._text import quoted, shorten
from argmap.comparison import METRICS, Comparison, ConceptRow, LinkRow, compare
from argmap.concepts import ConceptKind, Vocabulary
from argmap.errors import ExportError, MetricError
from argmap.metrics import Normalization
from argmap.model import ArgumentMap, Kind, Quote, Sign, Stance
from argmap.periods import Timeline
from argmap.projection import (
    AuthorStance,
    CausalLink,
    CausalPath,
    ConceptUse,
    Level,
    LinkSign,
    Projection,
    display_names,
)
from argmap.tables.effects import _SIGN_WORD, _effect_word, _effects, _link_quote
from argmap.tables.table import MARKS, Cell, Column, Row, Table

__all__ = [
    "KINDS",
    "TableKind",
    "agreement_table",
    "build_table",
    "divergences_table",
    "factors_table",
    "propositions_table",
    "theses_table",
]

TableKind: TypeAlias = Literal["theses", "factors", "propositions", "agreement", "divergences"]
#: The tables :func:`build_table` makes.
KINDS: tuple[TableKind, ...] = ("theses", "factors", "propositions", "agreement", "divergences")


_DEFAULT_NOTE = 200  # characters of a quote in a note
_DEFAULT_QUOTE = 320  # characters of a quote shown in full in a cell


def _comparison(source: Comparison | Iterable[ArgumentMap], vocabulary: Vocabulary | None,
                level: Level = "fine") -> Comparison:
    if isinstance(source, Comparison):
        return source
    return compare(list(source), vocabulary=vocabulary, level=level)


def _short_name(name: str, limit: int = 28) -> str:
    return shorten(name, limit)


def _author_names(c: Comparison) -> dict[str, str]:
    """Each author's display name, with the key added where two would read the same."""
    return display_names(c.projections)


def _dated(label: str, period: str | None, timeline: Timeline) -> str:
    """A row's label with the period its claims are about: ``Afghan war (1979-1989)``."""
    return f"{label} ({timeline.short(period)})" if period is not None else label


_IMPLICIT = "implicit: reconstructed, the text does not state it"


def _author_columns(c: Comparison, names: Mapping[str, str], width: float = 1.0) -> list[Column]:
    columns = []
    for key in c.keys:
        short = _short_name(names[key])
        columns.append(Column(names[key], short=short if short != names[key] else None, width=width,
                              attributes={"data-author": key}))
    return columns


def _silent(key: str) -> Cell:
    return Cell("silent", attributes={"class": "argmap-silent", "data-author": key})


def _first_quote(quotes: Iterable[Quote], limit: int) -> str | None:
    for q in quotes:
        return quoted(shorten(q.text, limit))
    return None


def theses_table(
    maps: Sequence[ArgumentMap],
    *,
    comparison: Comparison | None = None,
    max_quote: int = _DEFAULT_QUOTE,
    max_note: int = _DEFAULT_NOTE,
) -> Table:
    """Per text: its display name, title and year, the thesis in a short label with its
    quote, and the outlook (the author's predictions, their quotes as notes).

    Authors are keyed as in :func:`argmap.compare` (pass ``comparison`` to reuse one) and
    named by :func:`argmap.display_name` (the source's short name, else author, else title,
    else id), as in every other table.

    Raises ``ValueError`` where ``comparison`` holds another number of authors than there are
    maps, and (without ``comparison``) :class:`~argmap.errors.LoadError` where the vocabulary
    file the maps name (or ``concepts.yaml`` beside them) cannot be read.
    """
    maps = list(maps)
    c = comparison if comparison is not None else compare(maps)
    keys = c.keys
    if len(keys) != len(maps):
        raise ValueError(f"the comparison has {len(keys)} authors for {len(maps)} maps")
    names = _author_names(c)
    rows = []
    for amap, key in zip(maps, keys, strict=True):
        s = amap.source
        theses = amap.nodes_of(Kind.THESIS)
        if theses:
            thesis = Cell("\n".join(n.label for n in theses),
                          quotes=[shorten(q.text, max_quote) for n in theses for q in n.quotes])
        else:
            thesis = Cell("no thesis marked", attributes={"class": "argmap-silent"})
        predictions = amap.nodes_of(Kind.PREDICTION)
        if len(predictions) == 1:
            outlook = Cell(predictions[0].label, note=_first_quote(predictions[0].quotes, max_note))
        elif predictions:  # numbered, so that each note finds its prediction
            notes = [f"{i}. {q}" for i, n in enumerate(predictions, 1)
                     if (q := _first_quote(n.quotes, max_note)) is not None]  # an implicit one has none
            outlook = Cell("\n".join(f"{i}. {n.label}" for i, n in enumerate(predictions, 1)),
                           note=" ".join(notes) or None)
        else:
            outlook = Cell("no prediction", attributes={"class": "argmap-silent"})
        rows.append(Row([
            Cell(names[key]),
            Cell(s.title or "untitled", attributes={} if s.title else {"class": "argmap-silent"}),
            Cell(str(s.year) if s.year is not None else "n.d.",
                 attributes={} if s.year is not None else {"class": "argmap-silent"}),
            thesis,
            outlook,
        ], attributes={"data-author": key}))
    columns = [Column("Author", width=1.2), Column("Title", width=1.5), Column("Year", width=0.5),
               Column("Thesis", width=3.3), Column("Outlook", width=2.0)]
    return Table(
        "theses", "Theses and outlook",
        "Each text’s main thesis, in a short label and in the author’s own words, and what the "
        "author expects to happen (quotes in the notes). Each text is named by its short name "
        "(else its author, title or map id), as in the other tables; n.d. = no date stated.",
        columns, rows,
    )


def _factor_cell(p: Projection, use: ConceptUse | None, factor: str, period: str | None, outcomes: Sequence[str],
                 labels: Mapping[str, str], max_note: int) -> Cell:
    effects = _effects(p, factor, outcomes, period)
    if not effects:
        if use is None:
            return _silent(p.key)
        note = _first_quote(use.quotes, max_note) or (_IMPLICIT if use.implicit else None)
        return Cell("mentions", note=note, attributes={"class": "argmap-mentions", "data-author": p.key})
    words, notes = [], []
    for e in effects:
        word = _effect_word(e.signs) + (" (indirect)" if e.via else "")
        words.append(word if len(outcomes) == 1 else f"{word}: {labels[e.outcome]}")
        via = "via " + " → ".join(labels.get(v, v) for v in e.via) + ": " if e.via else ""
        if len(e.signs) > 1 and not e.via:
            quotes = [f"{_SIGN_WORD[s]}: {q}" for s in (Sign.HELPS, Sign.HINDERS)
                      if (q := _link_quote(e.first, max_note, s)) is not None]
            notes.append(" / ".join(quotes))
        else:
            quote = _link_quote(e.first, max_note) or (_IMPLICIT if e.first.implicit else None)
            if quote or via:
                notes.append(via + (quote or ""))
    overall = _effect_word(frozenset(s for e in effects for s in e.signs))
    return Cell("\n".join(words), note=" ".join(n for n in notes if n) or None, mark=MARKS[overall],
                attributes={"class": f"argmap-{overall}", "data-author": p.key})


def factors_table(
    source: Comparison | Iterable[ArgumentMap],
    *,
    vocabulary: Vocabulary | None = None,
    max_note: int = _DEFAULT_NOTE,
    level: Level = "fine",
) -> Table:
    """Causal factor x author: what each author says the factor does to the outcome the
    maps explain (helps, hinders, mixed; *indirect* where it runs through another factor;
    *mentions* where the author draws no effect; *silent* where the factor is not
    addressed), with a short quote in the notes. A factor the authors date gets a row per
    period (an undated claim has its own row).

    Given maps, ``level`` (``fine`` or ``broad``) is the level of the concept hierarchy the
    comparison is made at. Given maps without ``vocabulary``, raises
    :class:`~argmap.errors.LoadError` where the vocabulary file they name (or
    ``concepts.yaml`` beside them) cannot be read, and :class:`~argmap.errors.MetricError`
    for an unknown ``level``; otherwise raises nothing.
    """
    c = _comparison(source, vocabulary, level)
    names = _author_names(c)
    t = c.timeline
    labels = {r.concept: r.label for r in c.concepts}
    outcomes = list(dict.fromkeys(r.concept for r in c.concepts if r.kind is ConceptKind.OUTCOME))
    factors: dict[str, set[str | None]] = {}
    for r in c.concepts:
        if r.kind is ConceptKind.FACTOR:
            factors.setdefault(r.concept, set()).add(r.period)
    for k in c.links:
        if k.cause in factors:
            factors[k.cause].add(k.period)
    rows = []
    for factor, periods in factors.items():
        for period in sorted(periods, key=t.order):
            cells = [Cell(_dated(labels[factor], period, t))]
            for p in c.projections:
                cells.append(_factor_cell(p, p.concept(factor, period), factor, period, outcomes, labels, max_note))
            attributes = {"data-concept": factor}
            if period is not None:
                attributes["data-period"] = period
            rows.append(Row(cells, attributes=attributes))
    target = (labels[outcomes[0]] if len(outcomes) == 1
              else "the outcomes named in each cell" if outcomes else "the outcome")
    caption = (f"What each author says a factor does to {target}: helps, hinders, or mixed "
               "(both, in one period); indirect = through another factor; mentions = invoked without "
               "an effect on it; silent = not addressed. A row per period the authors date their claims "
               "to (years in brackets). The notes quote the author.")
    if not rows:
        caption += " No author invokes a causal factor."
    return Table("factors", "Causal factors by author", caption,
                 [Column("Factor", width=1.6), *_author_columns(c, names)], rows)


def _stance_note(use: ConceptUse, limit: int) -> str | None:
    if use.stance is AuthorStance.MIXED:
        parts = []
        for stance in Stance:
            quotes = [q for m in use.mentions if m.stance is stance for q in m.quotes]
            quote = _first_quote(quotes, limit)
            if quote:
                parts.append(f"{stance.value}: {quote}")
        return " / ".join(parts) or (_IMPLICIT if use.implicit else None)
    return _first_quote(use.quotes, limit) or (_IMPLICIT if use.implicit else None)


def propositions_table(
    source: Comparison | Iterable[ArgumentMap],
    *,
    vocabulary: Vocabulary | None = None,
    max_note: int = _DEFAULT_NOTE,
    level: Level = "fine",
) -> Table:
    """Contested proposition x author: affirms, denies, qualifies, mixed (the author takes
    more than one of these about one period), mentions (no stance) or silent, with a short
    quote in the notes. A proposition the authors date gets a row per period.

    Given maps, ``level`` (``fine`` or ``broad``) is the level of the concept hierarchy the
    comparison is made at. Given maps without ``vocabulary``, raises
    :class:`~argmap.errors.LoadError` where the vocabulary file they name (or
    ``concepts.yaml`` beside them) cannot be read, and :class:`~argmap.errors.MetricError`
    for an unknown ``level``; otherwise raises nothing.
    """
    c = _comparison(source, vocabulary, level)
    names = _author_names(c)
    t = c.timeline
    rows = []
    for r in c.concepts:
        if r.kind is not ConceptKind.PROPOSITION:
            continue
        cells = [Cell(_dated(r.label, r.period, t))]
        for p in c.projections:
            use = r.by_source.get(p.key)
            if use is None:
                cells.append(_silent(p.key))
            else:
                cells.append(Cell(use.stance.value, note=_stance_note(use, max_note), mark=MARKS.get(use.stance.value),
                                  attributes={"class": f"argmap-{use.stance.value}", "data-author": p.key}))
        attributes = {"data-concept": r.concept}
        if r.period is not None:
            attributes["data-period"] = r.period
        rows.append(Row(cells, attributes=attributes))
    caption = ("Each author’s stance on each proposition: affirms, denies, qualifies, mixed (more "
               "than one of these about one period), mentions (no stance), or silent (not addressed). "
               "A row per period the authors date their claims to (years in brackets). The notes quote "
               "the author.")
    if not rows:
        caption += " No author takes up a proposition."
    return Table("propositions", "Contested propositions by author", caption,
                 [Column("Proposition", width=1.6), *_author_columns(c, names)], rows)


_METRIC_TITLES = {"jaccard": "Jaccard similarity", "distance_ratio": "distance ratio",
                  "congruence": "congruence", "conflict": "conflict"}
_METRIC_CAPTIONS = {
    "jaccard": "Jaccard similarity of the concepts two authors invoke (Jaccard 1912): concepts "
               "both invoke over concepts either invokes; 1 = the same concepts, 0 = none in common.",
    "distance_ratio": "Distance ratio of two authors’ causal maps (Langfield-Smith & Wirth 1992): "
                      "how far their cause-and-effect claims differ; 0 = the same claims, higher = "
                      "further apart.",
    "congruence": "Congruence (Leifeld 2017): the concepts on which both authors take the same "
                  "stance, a factor both invoke counting as shared; higher = closer.",
    "conflict": "Conflict (Leifeld 2017): the propositions one author affirms and the other "
                "denies; 0 = no direct disagreement.",
}
_NORMALIZATION_CAPTIONS = {
    "none": "",
    "average": " Divided by the two authors’ average number of stances.",
    "jaccard": " Divided by the number of stances either author takes.",
}


def _metric_value(x: float, counts: bool, digits: int) -> str:
    if math.isnan(x):
        return "n/a"
    if counts and x == int(x):
        return str(int(x))
    return f"{x:.{digits}f}"


def agreement_table(
    source: Comparison | Iterable[ArgumentMap],
    metric: str = "jaccard",
    *,
    normalization: str = "none",
    vocabulary: Vocabulary | None = None,
    level: Level = "fine",
) -> Table:
    """Author x author matrix of one metric (``jaccard``, ``distance_ratio``, ``congruence``
    or ``conflict``, the last two with a ``normalization``: ``none``, ``average`` or
    ``jaccard``); values as :meth:`argmap.Comparison.matrix` gives them (each map as a
    whole, periods pooled), the diagonal comparing each author with themselves (greyed in
    HTML). Given maps, ``level`` is the level of the concept hierarchy.

    Raises :class:`~argmap.errors.MetricError` for an unknown ``metric``, ``normalization``
    or ``level``; given maps without ``vocabulary``, :class:`~argmap.errors.LoadError`
    where the vocabulary file they name (or ``concepts.yaml`` beside them) cannot be read.
    """
    metric = metric.replace("-", "_")
    if metric not in METRICS:
        raise MetricError(f"unknown metric {metric!r}; choose one of {', '.join(METRICS)}")
    c = _comparison(source, vocabulary, level)
    m = c.matrix(metric, normalization=cast(Normalization, normalization))  # matrix() checks both
    counts = metric in ("congruence", "conflict") and m.normalization == "none"
    digits = 3 if metric == "distance_ratio" else 2  # distance ratios of real maps differ in the 2nd decimal
    names = _author_names(c)
    rows = []
    for key in m.keys:
        cells = [Cell(names[key])]
        for other, value in zip(m.keys, m.row(key), strict=True):
            attributes = [("data-author", other)]
            if other == key:
                attributes.insert(0, ("class", "argmap-diagonal"))
            cells.append(Cell(_metric_value(value, counts, digits), attributes=attributes))
        rows.append(Row(cells, attributes={"data-author": key}))
    title = f"Agreement between authors: {_METRIC_TITLES[metric]}"
    if m.normalization != "none":
        title += f" ({m.normalization} normalisation)"
    caption = _METRIC_CAPTIONS[metric] + _NORMALIZATION_CAPTIONS[m.normalization]
    columns = [Column("Author", width=1.6),
               *(attrs.evolve(col, numeric=True) for col in _author_columns(c, names))]
    return Table("agreement", title, caption, columns, rows)


def _limited(quotes: Iterable[tuple[str | None, Quote]], max_quotes: int,
             max_quote: int) -> list[tuple[str | None, str]]:
    """At most ``max_quotes`` distinct quotes (0: all), each cut to ``max_quote`` characters,
    with the side each is on; the first of each side comes first, so that a mixed view shows
    both sides."""
    seen: list[tuple[str | None, str]] = []
    for side, q in quotes:
        text = shorten(q.text, max_quote)
        if all(text != t for _, t in seen):
            seen.append((side, text))
    firsts: list[tuple[str | None, str]] = []
    for side, text in seen:
        if all(side != other for other, _ in firsts):
            firsts.append((side, text))
    ordered = firsts + [x for x in seen if x not in firsts]
    return ordered if max_quotes <= 0 else ordered[:max_quotes]


def divergences_table(
    source: Comparison | Iterable[ArgumentMap],
    *,
    vocabulary: Vocabulary | None = None,
    max_quotes: int = 2,
    max_quote: int = 240,
    level: Level = "fine",
) -> Table:
    """One row per controversy (a proposition some authors affirm and others deny, or a
    causal link they give opposite signs, in claims about overlapping periods) with the
    period and each author's stance and words side by side: at most ``max_quotes`` quotes
    per author (0: all), each cut to ``max_quote`` characters.

    Given maps, ``level`` (``fine`` or ``broad``) is the level of the concept hierarchy the
    comparison is made at. Given maps without ``vocabulary``, raises
    :class:`~argmap.errors.LoadError` where the vocabulary file they name (or
    ``concepts.yaml`` beside them) cannot be read, and :class:`~argmap.errors.MetricError`
    for an unknown ``level``; otherwise raises nothing.
    """
    c = _comparison(source, vocabulary, level)
    names = _author_names(c)
    t = c.timeline
    labels = {r.concept: r.label for r in c.concepts}
    rows = []
    for x in c.controversies:
        subject = x.subject
        if isinstance(subject, ConceptRow):
            head = Cell(_dated(subject.label, subject.period, t))
            row_attributes = {"data-concept": subject.concept, "data-kind": "proposition"}
        else:
            head = Cell(_dated(f"{labels.get(subject.cause, subject.cause)} → "
                               f"{labels.get(subject.effect, subject.effect)}", subject.period, t))
            row_attributes = {"data-concept": f"{subject.cause} {subject.effect}", "data-kind": "link"}
        if subject.period is not None:
            row_attributes["data-period"] = subject.period
        cells = [head]
        for p in c.projections:
            cells.append(_divergence_cell(subject, p.key, max_quotes, max_quote, t))
        rows.append(Row(cells, attributes=row_attributes))
    caption = ("Each row is a proposition some authors affirm and others deny, or a causal link "
               "they see working in opposite directions (helps against hinders), about the same period "
               "(years in brackets; a claim that names no period is compared with every period), with "
               "each author’s own words: the material for a discussion. Where an author holds both views, "
               "each quote says which side it is on.")
    if max_quotes > 0:
        caption += f" At most {max_quotes} quote{'s' * (max_quotes != 1)} per author; the map holds the rest."
    if not rows:
        caption += " The authors compared do not contradict one another."
    return Table("divergences", "Divergences: where the authors disagree", caption,
                 [Column("Controversy", width=1.3), *_author_columns(c, names, width=1.6)], rows)


def _divergence_cell(subject: ConceptRow | LinkRow, key: str, max_quotes: int, max_quote: int,
                     timeline: Timeline) -> Cell:
    """An author's side of a controversy: the stance (or sign) with its mark, the periods of
    the author's claims where they differ from the row's, and quotes, each labelled with its
    side where the author holds more than one; a note where the view rests on implicit nodes."""
    if isinstance(subject, ConceptRow):
        use = subject.by_source.get(key)
        if use is None:
            return _silent(key)
        word = use.stance.value
        sided = [(m.stance.value if m.stance is not None else None, q) for m in use.mentions for q in m.quotes]
        periods, implicit = use.periods, use.implicit
    else:
        link = subject.by_source.get(key)
        if link is None:
            return _silent(key)
        word = {LinkSign.HELPS: "helps", LinkSign.HINDERS: "hinders"}.get(link.sign, "mixed")
        sided = [(_SIGN_WORD[path.sign], q) for path, q in _link_quotes(link)]
        periods, implicit = link.periods, link.implicit
    shown = _limited(sided, max_quotes, max_quote)
    labelled = word == "mixed" and all(side is not None for side, _ in shown)
    own = [p for p in periods if p != subject.period]
    text = word + (f" ({', '.join(timeline.short(p) for p in own)})" if own else "")
    return Cell(text, note=_IMPLICIT if implicit else None, quotes=[t for _, t in shown], mark=MARKS.get(word),
                quote_labels=[side for side, _ in shown if side is not None] if labelled else (),
                attributes={"class": f"argmap-{word}", "data-author": key})


def _link_quotes(link: CausalLink) -> Iterator[tuple[CausalPath, Quote]]:
    """A link's quotes with the path each belongs to, the first of each path first, so that a
    mixed link shows both sides."""
    for path in link.paths:
        yield from ((path, q) for q in path.quotes[:1])
    for path in link.paths:
        yield from ((path, q) for q in path.quotes[1:])


def build_table(
    kind: str,
    maps: Sequence[ArgumentMap],
    *,
    comparison: Comparison | None = None,
    vocabulary: Vocabulary | None = None,
    metric: str = "jaccard",
    normalization: str = "none",
    level: Level = "fine",
) -> Table:
    """One of the teaching tables (:data:`KINDS`) for these maps; ``comparison`` reuses a
    comparison of the same maps, ``metric`` and ``normalization`` choose the agreement
    matrix, ``level`` (``fine`` or ``broad``) the level of the concept hierarchy where no
    ``comparison`` is given.

    Raises :class:`~argmap.errors.ExportError` for an unknown ``kind``,
    :class:`~argmap.errors.MetricError` for an unknown ``metric``, ``normalization`` (of
    the agreement table) or ``level``, ``ValueError`` where ``comparison`` holds another
    number of authors than there are maps (theses table), and (without ``comparison`` or
    ``vocabulary``) :class:`~argmap.errors.LoadError` where the vocabulary file the maps
    name (or ``concepts.yaml`` beside them) cannot be read.
    """
    if kind not in KINDS:
        raise ExportError(f"unknown table kind {kind!r}; choose one of {', '.join(KINDS)}")
    c = comparison if comparison is not None else compare(list(maps), vocabulary=vocabulary, level=level)
    if kind == "theses":
        return theses_table(maps, comparison=c)
    if kind == "factors":
        return factors_table(c)
    if kind == "propositions":
        return propositions_table(c)
    if kind == "agreement":
        return agreement_table(c, metric, normalization=normalization)
    return divergences_table(c)
