"""YAML keeps what was written (issue 12, item 7): argmap files are read by the YAML 1.2 core
schema, and an id written as a number keeps its text; nothing is renamed without a word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import LoadError
from argmap.formats import to_json

FERRY = ("The ferry should run all year. Winter storms are rare here. Tourists come even in January. "
         "The harbour has a new breakwater.\n")

# Ids that YAML 1.1 (PyYAML's default) reads as numbers: 8, 750, 1000, 31.
INTS = """source: {id: ferry, file: ferry.txt}
nodes:
  - id: 010
    kind: thesis
    label: Year-round ferry
    quote: "The ferry should run all year"
  - id: 12:30
    kind: claim
    label: Storms are rare
    quote: "Winter storms are rare here"
  - id: 1_000
    kind: evidence
    label: January tourists
    quote: "Tourists come even in January"
  - id: 0x1F
    kind: evidence
    label: Breakwater
    quote: "The harbour has a new breakwater"
edges:
  - {from: 12:30, to: 010, rel: supports}
  - {from: 1_000, to: 12:30, rel: supports}
  - {from: 0x1F, to: 12:30, rel: supports}
"""


@pytest.fixture
def ferry(tmp_path: Path) -> Path:
    (tmp_path / "ferry.txt").write_text(FERRY)
    return tmp_path


def test_numeric_ids_keep_the_text_written(ferry: Path) -> None:
    """`010`, `12:30`, `1_000`, `0x1F` stay those ids, in the map and in every export
    (../shared/cases/C06-yaml11-integer-ids, with a fixture of our own)."""
    f = ferry / "ints.yaml"
    f.write_text(INTS)
    assert argmap.check(f) == []
    m = argmap.load(f)
    assert [n.id for n in m.nodes] == ["010", "12:30", "1_000", "0x1F"]
    assert [(e.source, e.target) for e in m.edges] == [("12:30", "010"), ("1_000", "12:30"), ("0x1F", "12:30")]
    assert '"id": "010"' in to_json(m) and '"id": "0x1F"' in to_json(m)
    assert argmap.loads(argmap.dumps(m), path=f) == argmap.load(f, anchor=False)


def test_yes_no_on_off_are_text_and_null_is_located(ferry: Path) -> None:
    """YAML 1.1 read `no` and `on` as booleans; YAML 1.2 reads them as the ids written; a
    missing label (`~`) is an error at its place."""
    text = INTS.replace("id: 12:30", "id: no").replace("from: 12:30", "from: no").replace("to: 12:30", "to: no")
    text = text.replace("id: 1_000", "id: on").replace("from: 1_000", "from: on")
    text = text.replace("label: Breakwater", "label: ~")
    with pytest.raises(LoadError) as info:
        argmap.loads(text, path=ferry / "m.yaml")
    (problem,) = info.value.problems
    assert (problem.line, problem.column, problem.code) == (17, 12, "type")
    m = argmap.loads(text.replace("label: ~", "label: Breakwater"), path=ferry / "m.yaml")
    assert [n.id for n in m.nodes] == ["010", "no", "on", "0x1F"]


def test_a_boolean_where_a_flag_is_expected_gets_a_hint() -> None:
    """`implicit: yes` is text under YAML 1.2: a located error that says to write true."""
    with pytest.raises(LoadError) as info:
        argmap.loads("source: {id: s, file: s.txt}\nnodes:\n"
                     "  - {id: a, kind: thesis, label: x, implicit: yes, note: n}\n")
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (3, 47)
    assert "write true or false" in (problem.hint or "")


def test_a_number_where_a_label_is_expected_is_still_an_error() -> None:
    """Only ids keep a number's text; a label that reads as a number is a located error."""
    with pytest.raises(LoadError, match="put the value in quotes") as info:
        argmap.loads("source: {id: s, file: s.txt}\nnodes:\n  - {id: a, kind: thesis, label: 1e3, quote: q}\n")
    assert (info.value.line, info.value.column) == (3, 34)


def test_what_yaml_11_read_as_a_date_is_text() -> None:
    """A plain date is the text written: a label keeps it; a year (a number) refuses it."""
    m = argmap.loads("source: {id: s, file: s.txt}\nnodes:\n"
                     "  - {id: 2024-05-01, kind: thesis, label: 2024-02-30, quote: q}\n")
    assert (m.nodes[0].id, m.nodes[0].label) == ("2024-05-01", "2024-02-30")
    with pytest.raises(LoadError, match="whole number") as info:
        argmap.loads("source: {id: s, file: s.txt, year: 2024-05-01}\nnodes: []\n")
    assert info.value.line == 1


def test_numeric_concept_and_period_ids_match_their_references() -> None:
    """A vocabulary's ids and a map's references to them are read alike."""
    vocabulary = argmap.loads_vocabulary("periods:\n  - {id: 1971, label: War, start: 1971}\n"
                                         "concepts:\n  - {id: 007, kind: factor, label: Spies}\n")
    assert vocabulary.get("007") is not None and vocabulary.period("1971") is not None
    m = argmap.loads("source: {id: s, file: s.txt}\nnodes:\n"
                     "  - {id: a, kind: thesis, label: x, quote: q, concept: 007, period: 1971}\n")
    assert argmap.validate(m, vocabulary) == []


def test_strings_that_read_as_something_else_are_written_in_quotes() -> None:
    """argmap writes every such string quoted, so YAML 1.1 and 1.2 readers both get it back."""
    import yaml

    weird = ["010", "yes", "No", "on", "1e3", ".5", "12:30", "1_000", "0o17", "0x1F", "true", "null", "~",
             "2024-05-01", ".inf", "-1"]
    node = "".join(f"  - {{id: '{w}', kind: claim, label: '{w}', quote: '{w}'}}\n" for w in weird)
    m = argmap.loads("source: {id: s, file: s.txt}\nnodes:\n" + node)
    written = argmap.dumps(m)
    assert argmap.loads(written) == m
    data = yaml.safe_load(written)  # a YAML 1.1 reader
    assert [n["label"] for n in data["nodes"]] == weird


# --- the property: no id is ever renamed ------------------------------------------------------

# Plain scalars that YAML 1.1 or YAML 1.2 reads as a number, a date or a boolean.
NUMBER_LIKE = st.one_of(
    st.from_regex(r"\A[-+]?(0|[1-9][0-9_]*)\Z"),
    st.from_regex(r"\A[-+]?0[0-7_]+\Z"),
    st.from_regex(r"\A[-+]?0x[0-9a-fA-F_]+\Z"),
    st.from_regex(r"\A0o[0-7]+\Z"),
    st.from_regex(r"\A[-+]?0b[01_]+\Z"),
    st.from_regex(r"\A[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?\Z"),
    st.from_regex(r"\A[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?\Z"),
    st.from_regex(r"\A[-+]?[0-9]+[eE][-+]?[0-9]+\Z"),
    st.from_regex(r"\A[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{2}:[0-9]{2})?\Z"),
    st.sampled_from(["yes", "Yes", "YES", "no", "No", "on", "On", "off", "OFF", "y", "n", "true", "False",
                     ".inf", "-.Inf", ".nan", ".NaN", "~", "null", "=", "<<"]),
)


@settings(max_examples=300, deadline=None)
@given(NUMBER_LIKE)
def test_an_id_written_plain_loads_as_written_or_as_a_located_error(written: str) -> None:
    """Property: any id written plain loads as exactly that string, or fails with a located
    error (booleans, null, what YAML cannot parse); it never becomes another value."""
    text = f"source: {{id: s, file: s.txt}}\nnodes:\n  - id: {written}\n    kind: thesis\n    label: x\n    quote: q\n"
    problems: list[argmap.Problem] = []
    try:
        m = argmap.loads(text)
    except LoadError as exc:
        problems = exc.problems
    if problems:
        assert all(p.line is not None for p in problems)
        assert all(p.line == 3 for p in problems if p.code != "syntax"), problems
        return
    assert m.nodes[0].id == written
    assert re.fullmatch(r"\S(.*\S)?", written)


@settings(max_examples=500)
@given(st.one_of(
    st.text(max_size=8),
    st.sampled_from(["null", "Null", "NULL", "~", "", "true", "True", "TRUE", "false", "FALSE", "nan", ".nan",
                     "-.inf", ".Inf", "tRUE", "nULL", "yes", "0o17", "0x1F", "1e3", "+12", "-0.5", "thesis",
                     "from", "factor", "n", "t", "f"]),
))
def test_core_tag_is_the_core_schema(value: str) -> None:
    """core_tag's short cuts (the first character, the word spellings) give what trying the
    YAML 1.2 core schema's patterns in order gives."""
    from argmap import _yaml

    expected = next((tag for tag, pattern in _yaml._CORE if pattern.fullmatch(value)), _yaml._STR)
    assert _yaml.core_tag(value) == expected


_PLAIN = st.sampled_from(["a", "thesis", "1", "-2.5", "yes", "null", "~", "true", "0x1F", "2024-01-01", "x y"])
_YAML_VALUE = st.recursive(_PLAIN, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["k", "id", "1", "on"]), inner, max_size=3)),
    max_leaves=12)


def _tags(node: object) -> object:
    """A composed node as its tag and its children's (what the resolver decided)."""
    value = getattr(node, "value")  # noqa: B009 - yaml nodes are untyped
    if isinstance(value, list):
        return (getattr(node, "tag"), [  # noqa: B009
            (_tags(k), _tags(v)) if isinstance(item, tuple) else _tags(item)
            for item in value for k, v in ([item] if isinstance(item, tuple) else [(None, None)])])
    return getattr(node, "tag")  # noqa: B009


@given(_YAML_VALUE, st.booleans())
def test_the_loader_tags_nodes_as_the_base_loader_with_the_core_schema(value: object, flow: bool) -> None:
    """argmap's loader, whose resolver skips the base class for mappings and sequences and
    whose path-resolver steps are no-ops, tags every node as PyYAML's own loader does with the
    same core-schema scalars."""
    import yaml

    from argmap import _yaml

    class Reference(_yaml._Base):  # type: ignore[misc,name-defined]
        def resolve(self, kind: object, text: object, implicit: tuple[bool, bool]) -> object:
            if kind is yaml.ScalarNode:
                return _yaml.core_tag(str(text)) if implicit[0] else _yaml._STR
            return super().resolve(kind, text, implicit)

    text = yaml.safe_dump(value, default_flow_style=flow)
    assert _tags(yaml.compose(text, Loader=_yaml._Loader)) == _tags(yaml.compose(text, Loader=Reference))
