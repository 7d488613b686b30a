"""Loading map files: shapes accepted, and every kind of bad input rejected with its position."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import Kind, LoadError, QuoteError, Relation, Sign, Stance

DATA = Path(__file__).parent / "data"

HEAD = "source: {id: s, file: source.txt}\n"


def test_load_valid_sample() -> None:
    """The sample map loads with every field typed and every quote anchored."""
    m = argmap.load(DATA / "valid.yaml")
    assert m.source.id == "sample"
    assert m.source.title == "Title Line"
    assert m.thesis is not None and m.thesis.id == "T"
    assert [n.kind for n in m.nodes] == [Kind.THESIS, Kind.OUTCOME, Kind.FACTOR, Kind.EVIDENCE, Kind.CLAIM]
    assert m.node("improving").stance is Stance.AFFIRMS
    assert len(m.node("improving").quotes) == 2
    assert m.edges[0].relation is Relation.CAUSES and m.edges[0].sign is Sign.HINDERS
    assert all(q.anchored for n in m.nodes for q in n.quotes)
    text = (DATA / "source.txt").read_text()
    seato = m.node("seato").quotes[0]
    assert text[seato.start : seato.end] == "Pakistan joined the Western alliance system in 1954."


def test_positions_recorded() -> None:
    """Nodes, edges and quotes remember their line and column for later messages."""
    m = argmap.load(DATA / "valid.yaml", anchor=False)
    assert m.nodes[0].position is not None and m.nodes[0].position.line == 9
    assert m.edges[0].position is not None and m.edges[0].position.line == 34
    q = m.nodes[0].quotes[0]
    assert q.position is not None and (q.position.line, q.position.column) == (12, 12)


def _error(text: str | bytes) -> LoadError:
    with pytest.raises(LoadError) as info:
        argmap.loads(text, path="bad.yaml")
    return info.value


CASES = [
    pytest.param(HEAD + "nodes:\n  - {id: a, kind: thesis, label: x, quote: q}\nnodes: []\n",
                 4, 1, "duplicate key 'nodes'", id="duplicate-key"),
    pytest.param(HEAD + "nodes:\n  - {id: a, kind: thesis, lable: x, quote: q}\n",
                 3, 27, "did you mean `label`", id="unknown-key-suggestion"),
    pytest.param(HEAD + "nodes:\n  - {id: a, kind: thesis, label: x, quote: q}\nedegs: []\n",
                 4, 1, "did you mean `edges`", id="unknown-top-level-key"),
    pytest.param(HEAD + "nodes:\n  - {id: a, kind: thesys, label: x, quote: q}\n",
                 3, 19, "did you mean `thesis`", id="bad-kind"),
    pytest.param(HEAD + "nodes:\n  - {id: a, kind: thesis, label: x, quote: q}\n"
                 "edges:\n  - {from: a, to: a, rel: causes, sign: 1}\n",
                 5, 41, 'sign: "+"', id="bad-sign"),
    pytest.param(HEAD + "nodes:\n  - {id: a, kind: thesis, label: 12, quote: q}\n",
                 3, 34, "put the value in quotes", id="wrong-type"),
    pytest.param(HEAD + "nodes:\n  - {id: a, kind: thesis, quote: q}\n",
                 3, 5, "missing `label`", id="missing-key"),
    pytest.param(HEAD + "nodes:\n  - {id: a, kind: thesis, label: x, quote: []}\n",
                 3, 44, "at least one quote", id="empty-quote-list"),
    pytest.param(HEAD + "nodes:\n\t- {id: a}\n", 3, 1, "tab", id="tab-indent"),
    pytest.param("- a\n- b\n", 1, 1, "must be a mapping", id="top-level-list"),
    pytest.param("", 1, 1, "empty", id="empty-file"),
    pytest.param("# only a comment\n\n", 1, 1, "empty", id="comment-only"),
    pytest.param(HEAD + "nodes: &n\n  - {id: a, kind: thesis, label: x, quote: q}\nedges: *n\n",
                 4, 8, "anchors and aliases", id="alias"),
    pytest.param(HEAD.replace("s,", "s, year: '2012',") + "nodes: []\n", 1, 23, "year", id="year-string"),
    # a quote, a list or a mapping left open: the quote is located where it opens (the parser
    # notices only at the end of the file); a bracket's hint names where it opened
    pytest.param(HEAD + "nodes:\n  - {id: a, kind: thesis, label: 'x: y\n", 3, 34, "the quote that starts here is "
                 "not closed", id="unclosed-quote"),
    pytest.param(HEAD + 'nodes:\n  - id: a\n    label: "x\n    kind: thesis\n  - id: b\n', 4, 12,
                 "the quote that starts here is not closed", id="unclosed-double-quote"),
    pytest.param(HEAD + "nodes:\n  - id: a\n    quote: [over the years\n    kind: thesis\n", 5, 9,
                 "the list opened with `[` at line 4, column 12 is not closed", id="unclosed-list"),
    pytest.param("source: {id: s, file: s.txt\nnodes: []\n", 2, 6,
                 "the mapping opened with `{` at line 1, column 9 is not closed", id="unclosed-mapping"),
]


@pytest.mark.parametrize(("text", "line", "column", "fragment"), CASES)
def test_bad_input_located(text: str, line: int, column: int | None, fragment: str) -> None:
    """Each kind of bad input names the file, the line (and column) and what to do."""
    err = _error(text)
    assert err.path == Path("bad.yaml")
    assert err.line == line
    if column is not None:
        assert err.column == column
    assert fragment in str(err)


def test_invalid_utf8_position() -> None:
    """Undecodable bytes are reported at their line and column, with a hint to re-save."""
    err = _error(HEAD.encode() + b"nodes:\n  - {id: caf\xe9}\n")
    assert (err.line, err.column) == (3, 13)
    assert "UTF-8" in str(err)


def test_billion_laughs_fails_fast() -> None:
    """A file of nested aliases is refused at the first alias instead of expanding."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    err = _error("\n".join(lines) + "\n")
    assert "aliases" in str(err)
    assert err.line == 2  # the first alias, not the anchor it refers to


def test_all_problems_collected() -> None:
    """The loader reports every shape problem at once, in file order."""
    text = HEAD + ("nodes:\n  - {id: a, kind: thesis, lable: x, quote: q}\n"
                   "  - {id: b, kind: clam, label: y, quote: q}\n")
    err = _error(text)
    lines = [p.line for p in err.problems]
    assert lines == sorted(lines)
    assert {3, 4} <= set(lines)


def test_missing_source_file_is_a_load_error(tmp_path: Path) -> None:
    """A map whose source text is missing fails with the position of `source`."""
    f = tmp_path / "m.yaml"
    f.write_text(HEAD + "nodes:\n  - {id: a, kind: thesis, label: x, quote: q}\n")
    with pytest.raises(LoadError, match="cannot read the source text") as info:
        argmap.load(f)
    assert info.value.line == 1


def test_quote_error_lists_every_miss(tmp_path: Path) -> None:
    """QuoteError lists each quote not found with the closest passage as a hint."""
    (tmp_path / "source.txt").write_text((DATA / "source.txt").read_text())
    f = tmp_path / "m.yaml"
    f.write_text(HEAD + "nodes:\n"
                 "  - {id: a, kind: thesis, label: x, quote: 'The choise was driven by fear of India'}\n"
                 "  - {id: b, kind: claim, label: y, quote: 'Relations cooled after 1974'}\n")
    with pytest.raises(QuoteError) as info:
        argmap.load(f)
    assert [p.line for p in info.value.problems] == [3, 4]
    first = str(info.value.problems[0])
    assert "The choice was driven by fear of India" in first
    assert "line 3" in first


def test_vocabulary_loads_and_rejects_duplicates() -> None:
    """A vocabulary loads with kinds and cues; a duplicate id is located."""
    v = argmap.load_vocabulary(DATA / "concepts.yaml")
    assert "india-factor" in v and v["india-factor"].cues == ("India",)
    with pytest.raises(LoadError, match="duplicate concept id") as info:
        argmap.loads_vocabulary("concepts:\n  - {id: a, kind: factor, label: A}\n"
                                "  - {id: a, kind: factor, label: B}\n")
    assert info.value.line == 3


def test_too_large_file_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files over the size limit are refused before parsing, with the limit named."""
    from argmap import files

    monkeypatch.setattr(files, "MAX_BYTES", 100)
    f = tmp_path / "big.yaml"
    f.write_text("x: " + "a" * 200)
    with pytest.raises(LoadError, match="limit"):
        argmap.load(f)


@pytest.mark.parametrize("pre_pass", [False, True], ids=["tree-walk", "event-pre-pass"])
def test_nesting_limit_is_the_same_on_both_paths(pre_pass: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """100 nested lists load; 101 are refused at the innermost, whichever check runs."""
    from argmap import _yaml

    monkeypatch.setattr(_yaml, "_may_nest_deeply", lambda _text: pre_pass)
    ok = "x: " + "[" * 99 + "]" * 99 + "\n"  # the top-level mapping plus 99 lists
    _yaml.compose(ok)
    deep = "x: " + "[" * 100 + "]" * 100 + "\n"
    with pytest.raises(LoadError, match="nested more than 100") as info:
        _yaml.compose(deep)
    assert (info.value.line, info.value.column) == (1, 103)


_KEYS = st.sampled_from(["a", "b", "c", "id", "R&D", "x y"])
_TREES = st.recursive(
    st.text(max_size=8) | st.integers() | st.none(),
    lambda children: st.lists(children, max_size=4)
    | st.lists(st.tuples(_KEYS, children), max_size=4),  # pairs: a key may repeat
    max_leaves=25,
)


def _to_yaml(tree: object, indent: str = "") -> str:
    """Block YAML for a tree whose mappings are lists of (key, value) pairs, repeats kept."""
    if isinstance(tree, list) and tree and all(isinstance(x, tuple) for x in tree):
        return "".join(f"{indent}{json.dumps(k)}:\n{_to_yaml(v, indent + '  ')}" for k, v in tree)
    if isinstance(tree, list):
        return "".join(f"{indent}-\n{_to_yaml(v, indent + '  ')}" for v in tree) or f"{indent}[]\n"
    return f"{indent}{json.dumps(tree)}\n"


@settings(max_examples=200)
@given(_TREES)
def test_the_tree_check_gives_the_same_answer_with_and_without_tracking_nodes(tree: object) -> None:
    """Where the text holds no anchor, the check skips scalars: it must find the same
    duplicate keys (same lines and columns) as the full walk that tracks every node."""
    from argmap import _yaml

    text = "root:\n" + _to_yaml(tree, "  ")

    def outcome() -> object:
        try:
            _yaml.compose(text, None)
        except LoadError as exc:
            return [(p.code, p.line, p.column, p.message) for p in exc.problems]
        return "ok"

    quick = outcome()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_yaml, "_MAY_ANCHOR", re.compile(""))  # finds "" everywhere: always track
        assert outcome() == quick
