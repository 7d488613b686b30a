"""The comparison JSON of a corpus (one item a line) written from memoised pieces: the same
text, byte for byte, as json's encoder writes for the same data.

`compare_json._Lines` keeps each distinct concept use, causal path and side entry as text,
checked here against `json.dumps` of the data; `compare_metrics._texts` looks up each
distinct metric value once, checked against a dict lookup per value.
"""

from __future__ import annotations

import json
import math
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import compare
from argmap import compare_json as cj
from argmap import compare_metrics as cm
from argmap.comparison import ConceptRow, LinkRow
from argmap.concepts import Concept, ConceptKind, Period, Vocabulary
from argmap.model import ArgumentMap, ChangeDirection, Edge, Kind, Node, Quote, Sign, Source, Stance
from argmap.pairwise import METRICS
from argmap.projection import CausalLink, CausalPath, ConceptUse, Mention
from strategies import texts

# --- the one-line writer against json.dumps -----------------------------------------------------

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False), texts(max_size=12),
    st.sampled_from(["", "mentions", "a\u2028b", "\x00", "é"]))
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner),
                            st.dictionaries(st.one_of(texts(max_size=6), st.sampled_from(["", "a"])), inner,
                                            max_size=4)),
    max_leaves=25)


def one_line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def pre_encoded(value: Any, draw: st.DrawFn) -> Any:
    """``value`` with some lists and dicts (and strings) replaced by their JSON text as `_Raw`."""
    if isinstance(value, (list, tuple, dict, str)) and draw(st.integers(0, 3)) == 0:
        return cj._Raw(one_line(value))
    if isinstance(value, dict):
        return {k: pre_encoded(v, draw) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [pre_encoded(v, draw) for v in value]
    return value


@settings(max_examples=400, deadline=None)
@given(st.lists(_values, min_size=1, max_size=4), st.data())
def test_line_writes_what_json_dumps_writes(values: list[Any], data: st.DataObject) -> None:
    """Any JSON data, some of it as ready text, and one writer reused (its string memo) for
    several values: each written as json.dumps writes it."""
    lines = cj._Lines()
    for value in values:
        assert lines.line(value) == one_line(value)
        assert lines.line(pre_encoded(value, data.draw)) == one_line(value)


def test_line_refuses_what_json_refuses_and_keeps_other_keys() -> None:
    lines = cj._Lines()
    for bad in (math.nan, [1, math.inf], {"a": object()}):
        try:
            one_line(bad)
        except (ValueError, TypeError) as exc:
            expected: type[Exception] = type(exc)
        try:
            lines.line(bad)
        except expected:
            pass
        else:
            raise AssertionError(f"{bad!r} written")
    odd = {1: "a", None: [True], 2.5: {}, False: "x", "s": 0}
    assert lines.line(odd) == one_line(odd)


# --- the memo of uses, paths and sides against their entries ----------------------------------

_few = st.sampled_from
_mentions = st.builds(
    lambda node, stance, period, concept, implicit, quotes: Mention(
        node, Kind.FACTOR, "label", stance, () if implicit else quotes, concept=concept, period=period,
        implicit=implicit),
    _few(["n1", "n1", "n2"]), _few([None, Stance.AFFIRMS]), _few([None, "early"]),
    _few([None, "bip", "gpp"]), st.booleans(), _few([(Quote("q"),), (Quote("q"), Quote("r"))]))
_uses = st.builds(lambda concept, ms, period: ConceptUse(concept, tuple(ms), period),
                  _few(["gpp", "bip"]), st.lists(_mentions, min_size=1, max_size=2), _few([None, "early"]))
_paths = st.builds(
    lambda nodes, labels, sign, quotes, period, chain, directions, implicit: CausalPath(
        nodes, labels[:len(nodes)], sign, quotes, period=period, chain_sign=chain, directions=directions,
        implicit=implicit),
    _few([("a", "b"), ("a", "c", "b")]), _few([("A", "B", "C"), ("A", "X", "C")]), st.sampled_from(list(Sign)),
    _few([(), (Quote("q"),), (Quote("q"), Quote("r"))]), _few([None, "early", "recent"]),
    _few([None, Sign.HELPS, Sign.HINDERS]),
    _few([(ChangeDirection.INCREASE, ChangeDirection.INCREASE), (ChangeDirection.DECREASE, ChangeDirection.INCREASE),
          (ChangeDirection.INCREASE, ChangeDirection.DECREASE)]), st.booleans())
_links = st.builds(lambda paths, period: CausalLink("bip", "out", tuple(paths), period),
                   st.lists(_paths, min_size=1, max_size=3), _few([None, "early"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_uses, min_size=1, max_size=12), st.lists(_links, min_size=1, max_size=8))
def test_each_use_path_and_side_is_its_own_entry(uses: list[ConceptUse], links: list[CausalLink]) -> None:
    """Uses and paths from a few values each, so that many share all fields but one: one
    writer gives each its own entry's text, and each side entry its own."""
    lines = cj._Lines()
    for i, u in enumerate(uses):
        assert lines.use(u) == one_line(cj._use_entry(u))
        row = ConceptRow(u.concept, ConceptKind.FACTOR, "L", {f"k{i}": u, "k": u})
        for key in (f"k{i}", "k"):
            assert lines._side(row, key) == one_line(cj._side_entry(row, key))
    for i, link in enumerate(links):
        for p in link.paths:
            assert lines.path(p) == one_line(cj._path_entry(p))
        link_row = LinkRow("bip", "out", {f"k{i}": link})
        assert lines._side(link_row, f"k{i}") == one_line(cj._side_entry(link_row, f"k{i}"))
        assert lines.sides(link_row, {"+": [f"k{i}"], "-": []}) == one_line(cj._sides(link_row, {"+": [f"k{i}"],
                                                                                              "-": []}))


# --- the corpus layout against the data, over generated comparisons ----------------------------

PERIODS = (Period("early", "Early", 1947, 1954), Period("cold-war", "Cold War", 1955, 1990),
           Period("recent", "Recent", 2014))
VOCABULARY = Vocabulary([
    Concept("out", "outcome", "Relations"), Concept("gpp", "factor", "Great-power politics"),
    Concept("bip", "factor", "Bipolarity", broader="gpp"), Concept("f1", "factor", "F1"),
    Concept("p1", "proposition", "P1"), Concept("p2", "proposition", "P2", broader="p1"),
], periods=PERIODS)
PROPOSITIONS = {"p1", "p2"}
_periods = st.sampled_from([None, None, "early", "cold-war", "recent"])
_quote_texts = st.sampled_from(["q one", "q two", "q \"three\"", "q \u2028 four é", "q one "])
_labels = st.sampled_from(["L a", "L b", "L\tc"])


@st.composite
def seed_nodes(draw: st.DrawFn) -> list[Node]:
    """A seed map's nodes, over a few concepts, periods, quotes and labels."""
    nodes = []
    for i in range(draw(st.integers(1, 7))):
        nodes.append(draw(node(f"n{i}")))
    return nodes


_quotes = st.lists(_quote_texts, min_size=1, max_size=3).map(lambda ts: tuple(Quote(t) for t in ts))


@st.composite
def node(draw: st.DrawFn, nid: str) -> Node:
    concept = draw(st.sampled_from([None, None, "out", "gpp", "bip", "f1", "p1", "p1", "p2"]))
    implicit = draw(st.integers(0, 4)) == 0
    return Node(
        nid, draw(st.sampled_from(["factor", "outcome", "claim"])), draw(_labels),
        () if implicit else draw(_quotes), concept=concept,
        stance=draw(st.sampled_from(["affirms", "denies", "qualifies", None])) if concept in PROPOSITIONS else None,
        period=draw(_periods), direction=draw(st.sampled_from([None, "decrease"])) if concept else None,
        implicit=implicit, note="reconstructed" if implicit else None)


#: One field of a node redrawn: near copies of a seed's node differ in it alone.
_CHANGES = {
    "label": _labels, "quotes": _quotes, "period": _periods,
    "stance": st.sampled_from(["affirms", "denies", "qualifies", None]),
    "direction": st.sampled_from([None, "decrease"]), "kind": st.sampled_from(["factor", "outcome"]),
    "concept": st.sampled_from([None, "out", "gpp", "bip", "p1", "p2"]),
}


@st.composite
def changed(draw: st.DrawFn, x: Node) -> Node:
    field = draw(st.sampled_from(sorted(_CHANGES)))
    if field == "quotes" and x.implicit:  # an implicit node has no quote: make it explicit
        return attrs.evolve(x, implicit=False, note=None, quotes=draw(_quotes))
    return attrs.evolve(x, **{field: draw(_CHANGES[field])})


@st.composite
def corpora(draw: st.DrawFn) -> list[ArgumentMap]:
    """Authors drawn from one or two seed maps, as a corpus is: each keeps some of a seed's
    nodes and edges, a few nodes with one field changed (near copies) and a few signs turned."""
    seeds = []
    for _ in range(draw(st.integers(1, 2))):
        nodes = draw(seed_nodes())
        n = len(nodes)
        edges = [Edge(f"n{a}", f"n{b}", "causes", sign=s, period=p) for a, b, s, p in draw(st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.sampled_from(["+", "-"]), _periods),
            max_size=10)) if a != b]
        seeds.append((nodes, edges))
    maps = []
    for i in range(draw(st.integers(2, 8))):
        nodes, edges = seeds[draw(st.integers(0, len(seeds) - 1))]
        kept = [draw(changed(x)) if draw(st.integers(0, 3)) == 0 else x
                for x in nodes if draw(st.integers(0, 4)) > 0] or nodes[:1]
        ids = {x.id for x in kept}
        turned = [attrs.evolve(e, sign="-" if e.sign == "+" else "+") if draw(st.integers(0, 3)) == 0 else e
                  for e in edges if {e.source, e.target} <= ids]
        maps.append(ArgumentMap(Source(f"s{i}", "s.txt"), kept, turned))
    return maps


def reference_text(c: Any) -> str:
    """The corpus layout as json writes it: every item of a top-level list on one line, each
    metrics array on one line with its values as the data holds them, the rest indented."""
    data = cj.comparison_to_dict(c)
    out = []
    for name, value in data.items():
        if name == "metrics":
            text = '{\n    "decimals": ' + str(value["decimals"])
            for metric in METRICS:
                entry = value[metric]
                text += (f',\n    "{metric}": {{\n      "normalization": "{entry["normalization"]}",\n'
                         f'      "diagonal": {json.dumps(entry["diagonal"], separators=(",", ":"))},\n'
                         f'      "upper": {json.dumps(entry["upper"], separators=(",", ":"))}\n    }}')
            text += "\n  }"
        elif isinstance(value, list) and name not in ("periods", "warnings"):
            text = ("[\n    " + ",\n    ".join(one_line(item) for item in value) + "\n  ]") if value else "[]"
        else:
            text = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n  ")
        out.append(json.dumps(name) + ": " + text)
    return "{\n  " + ",\n  ".join(out) + "\n}\n"


@settings(max_examples=150, deadline=None)
@given(corpora(), st.sampled_from(["fine", "broad"]), st.integers(1, 3))
def test_corpus_json_is_the_data_as_json_writes_it(maps: list[ArgumentMap], level: str, k: int) -> None:
    """Authors that share whole uses and paths, or differ from each other in one field of a
    node: the memoised corpus text is still each item's own json.dumps."""
    c = compare(maps, vocabulary=VOCABULARY, min_authors=k, level=level)  # type: ignore[arg-type]
    with mock.patch.object(cm, "ALL_PAIRS_UP_TO", 1):
        assert cm.is_corpus(c)
        assert "".join(cj.comparison_json_chunks(c)) == reference_text(c)


# --- the metric values' texts against a lookup per value ---------------------------------------

def rounded_texts(values: list[float]) -> str:
    """A JSON array of the values rounded to 6 places, each distinct value's text the one
    made for the first equal value met (as a dict memo gives it)."""
    memo: dict[float, str] = {}
    out = []
    for v in values:
        if v not in memo:
            memo[v] = repr(round(v, 6)) if math.isfinite(v) else "null"
        out.append(memo[v])
    return "[" + ",".join(out) + "]"


_metric_values = st.one_of(st.sampled_from([0.0, 1.0, 0.5, 1 / 3, 2 / 3, 0.1234565, 3.0, 7.0, 1e-7]),
                           st.floats(0, 1), st.sampled_from([math.nan, math.inf, -0.0, -0.25]))


def test_a_negative_zero_keeps_the_text_of_the_first_zero_met() -> None:
    """Among thousands of values, numpy's sort may put -0.0 before 0.0 (or after) whatever
    their order; the text of a zero is that of the first zero met."""
    np = pytest.importorskip("numpy")
    rng = np.random.default_rng(7)
    for n in (50, 1000, 20000):
        for _ in range(10):
            values = rng.choice([0.0, -0.0, 0.5, 1.0], size=n)
            expected = rounded_texts(values.tolist())
            assert "".join(cm._number_chunks(values, cm._Rounded())) == expected


def test_whole_numbers_and_fractions_read_as_a_lookup_would() -> None:
    """Counts (whole numbers, as the unnormalised stance metrics give), counts with a few
    fractions or a NaN among them, and fractions: the text a dict lookup per value writes."""
    np = pytest.importorskip("numpy")
    rng = np.random.default_rng(11)
    for n in (1, 7, 1000, 70000):
        counts = rng.integers(0, 12, size=n).astype(np.float64)
        mixed = counts.copy()
        mixed[:: max(1, n // 3)] = 2 / 3
        fractions = rng.integers(0, 7, size=n) / 7
        odd = counts.copy()
        odd[-1] = math.nan
        for values in (counts, mixed, fractions, odd, counts * 100_000):
            assert "".join(cm._number_chunks(values, cm._Rounded(), 4096)) == rounded_texts(values.tolist())


@settings(max_examples=300, deadline=None)
@given(st.lists(_metric_values, max_size=60), st.integers(1, 16), st.booleans())
def test_metric_arrays_read_each_value_as_a_lookup_would(values: list[float], size: int, as_array: bool) -> None:
    """numpy arrays (looked up per distinct value) and plain lists, cut in pieces, with NaN,
    infinities and negative zeros among them: the text a dict lookup per value writes."""
    np = pytest.importorskip("numpy")
    data: Any = np.array(values, dtype=np.float64) if as_array else values
    assert "".join(cm._number_chunks(data, cm._Rounded(), size)) == rounded_texts(values)


def test_values_that_share_a_bucket_or_lie_past_the_table_read_as_a_lookup_would() -> None:
    """The table by bucket takes a piece only where each value has a bucket of its own: values
    closer than a bucket (one piece, or pieces apart) and values past its range are sorted
    instead, with the same texts."""
    np = pytest.importorskip("numpy")
    close = [0.1234564, 0.1234566, 1 / 3, 0.1234565, 0.1234564]  # one bucket, three texts
    pieces = [np.array([1 / 7, 0.5, 2 / 7] * 40), np.array(close * 30), np.array([0.25, 17.5, 1 / 3, 40 / 3] * 20)]
    for order in (pieces, pieces[::-1], pieces[1:] + pieces[:1]):
        values = np.concatenate(order)
        for size in (1, 3, 64, 4096):
            assert "".join(cm._number_chunks(values, cm._Rounded(), size)) == rounded_texts(values.tolist())


def test_fractions_are_read_by_bucket_without_a_sort() -> None:
    """A corpus's fractions (ratios of small counts) each get a bucket of their own."""
    np = pytest.importorskip("numpy")
    rng = np.random.default_rng(3)
    numerators = rng.integers(0, 200, size=5000)
    values = numerators / (numerators + rng.integers(1, 200, size=5000))
    rounded = cm._Rounded()
    found = rounded.texts_of(np, values)
    assert found is not None
    assert "[" + ",".join(found) + "]" == rounded_texts(values.tolist())
