"""`argmap compare` at corpus scale: which pairs the JSON lists in full, the metrics of every
pair, --keep-going and what it left out, and the JSON streamed in pieces."""

from __future__ import annotations

import io
import itertools
import json
import re
import shutil
import sys
from pathlib import Path
from typing import ClassVar
from unittest import mock

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap import compare_metrics
from argmap.cli import main
from conftest import MAPS, SEEDS

KEYS = ["000-strategic-coherence", "001-mutually-beneficial", "002-lost-opportunities", "003-shifting-sands",
        "004-pragmatic-partnership"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_small_comparisons_list_every_pair(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", str(MAPS), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["version"] == 2 and data["pairs_listed"] == "all" and len(data["pairs"]) == 10
    assert sorted(data["metrics"]) == ["conflict", "congruence", "decimals", "distance_ratio", "jaccard"]
    assert len(data["metrics"]["jaccard"]["upper"]) == 10 and data["skipped"] == []
    jsonschema.validate(data, argmap.comparison_schema(), cls=jsonschema.Draft202012Validator)


def test_pairs_named_by_key_or_map_file_and_metrics_chosen(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", str(MAPS), "--format", "json", "--metrics", "jaccard,distance-ratio",
                       "--pairs", f"{KEYS[0]},{MAPS / '003-shifting-sands.yaml'}", f"{KEYS[4]},{KEYS[1]}")
    data = json.loads(out)
    assert code == 0 and data["pairs_listed"] == "requested"
    assert [(p["a"], p["b"]) for p in data["pairs"]] == [(KEYS[0], KEYS[3]), (KEYS[4], KEYS[1])]
    assert sorted(data["metrics"]) == ["decimals", "distance_ratio", "jaccard"]
    jsonschema.validate(data, argmap.comparison_schema(), cls=jsonschema.Draft202012Validator)


def test_above_the_limit_no_pair_is_listed_unless_asked(capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare_metrics, "ALL_PAIRS_UP_TO", 3)
    data = json.loads(run(capsys, "compare", str(MAPS), "--format", "json")[1])
    assert data["pairs_listed"] == "requested" and data["pairs"] == []
    assert len(data["metrics"]["conflict"]["upper"]) == 10
    every = json.loads(run(capsys, "compare", str(MAPS), "--format", "json", "--all-pairs")[1])
    assert every["pairs_listed"] == "all" and len(every["pairs"]) == 10
    small = argmap.compare(MAPS)
    assert json.loads(argmap.comparison_to_json(small)) == argmap.comparison_to_dict(small)


@pytest.mark.parametrize("args", [
    ["--pairs", "a,b"],                                              # json only
    ["--format", "json", "--pairs", "a"],                            # not a pair
    ["--format", "json", "--metrics", "cosine"],                     # unknown metric
    ["--format", "json", "--pairs", "a,b", "--all-pairs"],           # one or the other
])
def test_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, _, err = run(capsys, "compare", str(MAPS), *args)
    assert code == 2 and "argmap compare" in err


def test_maps_given_after_pairs_are_named_as_paths(capsys: pytest.CaptureFixture[str]) -> None:
    """--pairs takes every word after it, so a folder given after the pairs would read as a
    pair: the error says it is a path and where to put it."""
    code, out, err = run(capsys, "compare", "--format", "json", "--pairs", f"{KEYS[0]},{KEYS[1]}", str(MAPS))
    assert code == 2 and out == ""
    assert f"{str(MAPS)!r} is a path, not a pair: give the maps before --pairs" in err


def test_an_unknown_author_in_a_pair_names_the_keys(capsys: pytest.CaptureFixture[str]) -> None:
    """A usage error (exit 2), found once the maps are read and before anything is written."""
    code, out, err = run(capsys, "compare", str(MAPS), "--format", "json", "--pairs", f"nobody,{KEYS[0]}")
    assert code == 2 and out == "" and err.startswith("argmap compare: --pairs: no author 'nobody'")
    assert KEYS[0] in err


@pytest.fixture
def folder_with_a_broken_map(tmp_path: Path) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(MAPS, tmp_path / "maps")
    (tmp_path / "maps" / "zz-broken.yaml").write_text("source: {id: broken, file: x.txt}\nnodes: [\n",
                                                      encoding="utf-8")
    return tmp_path / "maps"


def test_keep_going_leaves_out_and_lists_what_did_not_load(capsys: pytest.CaptureFixture[str],
                                                           folder_with_a_broken_map: Path, tmp_path: Path) -> None:
    code, _, err = run(capsys, "compare", str(folder_with_a_broken_map), "--format", "json")
    assert code == 1 and "zz-broken.yaml" in err
    out = tmp_path / "out.json"
    code, _, err = run(capsys, "compare", str(folder_with_a_broken_map), "--format", "json", "--keep-going",
                       "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert code == 0 and "left out 1 map file that did not load" in err and "zz-broken.yaml" in err
    assert [s["map"] for s in data["skipped"]] == ["maps/zz-broken.yaml"] and data["skipped"][0]["problems"]
    # the maps were named by an absolute path; the problems name the file as `map` does
    assert all(p.startswith("maps/zz-broken.yaml:") for p in data["skipped"][0]["problems"])
    assert len(data["sources"]) == 5
    jsonschema.validate(data, argmap.comparison_schema(), cls=jsonschema.Draft202012Validator)
    code, out_text, _ = run(capsys, "compare", str(folder_with_a_broken_map), "--keep-going")
    assert code == 0 and out_text


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_text_and_markdown_of_a_corpus_give_each_authors_nearest_not_every_pair(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    """Above the corpus size the pairwise table has one row an author (its most similar
    author and that pair's metrics) and says where every pair is; below it, every pair."""
    code, small, _ = run(capsys, "compare", str(MAPS), "--format", fmt)
    assert code == 0 and "most similar" not in small and ("1–2" in small)
    monkeypatch.setattr(compare_metrics, "ALL_PAIRS_UP_TO", 3)
    code, out, _ = run(capsys, "compare", str(MAPS), "--format", fmt)
    table = out[out.index("Pairwise metrics"):]
    assert code == 0 and "10 pairs: each author's most similar author by Jaccard" in table
    assert "1–2" not in table and "--format json" in table
    c = argmap.compare(MAPS)
    nearest = compare_metrics.nearest_authors(c)
    numbers = {k: str(i + 1) for i, k in enumerate(c.keys)}
    row = re.compile(r"\| (\d+) \| (\d+) \| ([\d.]+) \|" if fmt == "md" else r" +(\d+) +(\d+) +([\d.]+) ")
    rows = [m.groups() for m in map(row.match, table.splitlines()) if m]
    assert rows == [(numbers[a], numbers[b], f"{jaccard:.3f}") for a, b, jaccard in nearest]


def test_a_pair_is_listed_once_and_is_two_authors(capsys: pytest.CaptureFixture[str]) -> None:
    """B,A after A,B is the same pair (listed once, as first named); A,A is no pair."""
    code, out, _ = run(capsys, "compare", str(MAPS), "--format", "json", "--pairs", f"{KEYS[0]},{KEYS[1]}",
                       f"{KEYS[1]},{KEYS[0]}", f"{KEYS[2]},{MAPS / '000-strategic-coherence.yaml'}")
    assert code == 0
    assert [(p["a"], p["b"]) for p in json.loads(out)["pairs"]] == [(KEYS[0], KEYS[1]), (KEYS[2], KEYS[0])]
    code, out, err = run(capsys, "compare", str(MAPS), "--format", "json", "--pairs",
                         f"{KEYS[0]},{MAPS / '000-strategic-coherence.yaml'}")
    assert code == 2 and out == "" and f"names one author twice ({KEYS[0]})" in err


def test_a_pair_naming_a_map_left_out_says_so(folder_with_a_broken_map: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    broken = folder_with_a_broken_map / "zz-broken.yaml"
    code, out, err = run(capsys, "compare", str(folder_with_a_broken_map), "--format", "json", "--keep-going",
                         "--pairs", f"{broken},{KEYS[0]}")
    assert code == 2 and out == ""
    assert f"the map file {broken} was left out of the comparison because it does not load" in err


def test_the_json_streams_in_pieces_and_a_failed_write_leaves_nothing(tmp_path: Path) -> None:
    c = argmap.compare(MAPS)
    pieces = list(argmap.comparison_json_chunks(c))
    assert len(pieces) > 20 and "".join(pieces) == argmap.comparison_to_json(c)

    def broken() -> object:
        yield "{"
        raise RuntimeError("stopped half way")

    target = tmp_path / "out.json"
    with pytest.raises(RuntimeError):
        argmap.write_chunks(target, broken())  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_shows_each_step_and_changes_no_output(monkeypatch: pytest.MonkeyPatch,
                                                                     capsys: pytest.CaptureFixture[str],
                                                                     tmp_path: Path) -> None:
    """On a terminal a corpus comparison shows the maps read, a line while the authors are
    compared and the characters of JSON written, each cleared when done; the output is the
    same, and where standard error is not a terminal nothing is shown."""
    monkeypatch.setattr(compare_metrics, "ALL_PAIRS_UP_TO", 3)  # the five seed maps as a corpus
    c = argmap.compare(MAPS)
    plain = "".join(argmap.comparison_json_chunks(c))
    err = _Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    shown = argmap.compare(MAPS, progress=True)
    assert "reading maps" in err.getvalue() and "comparing 5 authors" in err.getvalue()
    assert "".join(argmap.comparison_json_chunks(shown, progress=True)) == plain
    assert re.search(r"writing JSON: [\d.]+k? characters", err.getvalue())
    chunks = argmap.comparison_json_chunks(c, progress=True)
    next(chunks)
    chunks.close()  # a stream closed early closes its bar
    quiet = io.StringIO()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert "".join(argmap.comparison_json_chunks(argmap.compare(MAPS, progress=True), progress=True)) == plain
    assert quiet.getvalue() == ""
    monkeypatch.undo()
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)  # the command: bars on a terminal, JSON to the file
    monkeypatch.setattr(compare_metrics, "ALL_PAIRS_UP_TO", 3)
    code, out, err_text = run(capsys, "compare", str(MAPS), "--format", "json", "-o", str(tmp_path / "c.json"))
    assert code == 0 and out == "" and "writing JSON" in err_text
    assert (tmp_path / "c.json").read_text(encoding="utf-8") == plain


class _Spy(compare_metrics.MetricsWriter):
    made: ClassVar[list[_Spy]] = []

    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        _Spy.made.append(self)


@pytest.fixture
def metrics_in_process(monkeypatch: pytest.MonkeyPatch) -> type[_Spy]:
    """The seed maps as a corpus whose metrics a second process makes (the spy lists each
    writer made)."""
    from argmap import compare_json

    monkeypatch.setattr(compare_metrics, "ALL_PAIRS_UP_TO", 3)
    monkeypatch.setattr(compare_json, "METRICS_PROCESS_FROM", 2)
    monkeypatch.setattr(compare_json, "MetricsWriter", _Spy)
    _Spy.made = []
    return _Spy


def test_metrics_made_in_a_second_process_are_the_same_text(metrics_in_process: type[_Spy]) -> None:
    c = argmap.compare(MAPS)
    here = "".join(argmap.comparison_json_chunks(c))
    assert metrics_in_process.made == []
    there = "".join(argmap.comparison_json_chunks(c, jobs=2))
    assert len(metrics_in_process.made) == 1 and there == here
    assert not metrics_in_process.made[0]._path.exists()  # its file removed
    assert json.loads(there)["metrics"]["jaccard"]["upper"]


class _DeadProcess:
    """A process that was killed before it wrote anything."""

    exitcode = -9

    def __init__(self, **_: object) -> None:
        pass

    def start(self) -> None:
        pass

    def join(self) -> None:
        pass

    def is_alive(self) -> bool:
        return False


def test_a_metrics_process_that_dies_costs_time_not_the_output(metrics_in_process: type[_Spy],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    c = argmap.compare(MAPS)
    here = "".join(argmap.comparison_json_chunks(c))
    context = multiprocessing.get_context("spawn")
    monkeypatch.setattr(multiprocessing, "get_context", lambda *_: mock.Mock(wraps=context, Process=_DeadProcess))
    with pytest.warns(RuntimeWarning, match="was stopped by signal 9; making them in this process"):
        there = "".join(argmap.comparison_json_chunks(c, jobs=2))
    assert there == here and len(metrics_in_process.made) == 1


def test_a_json_stream_closed_early_stops_the_metrics_process(metrics_in_process: type[_Spy]) -> None:
    chunks = argmap.comparison_json_chunks(argmap.compare(MAPS), jobs=2)
    next(chunks)
    (writer,) = metrics_in_process.made
    chunks.close()
    assert not writer._process.is_alive() and not writer._path.exists()


def test_a_metrics_process_that_cannot_write_its_file_says_so(metrics_in_process: type[_Spy],
                                                              monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A temporary folder that cannot take the file (full, or gone): the process exits
    without a traceback, and the main process makes the metrics after a warning naming the
    folder."""
    gone = tmp_path / "gone"
    monkeypatch.setattr(compare_metrics, "temporary_file", lambda *_: gone / "metrics.json")
    c = argmap.compare(MAPS)
    here = "".join(argmap.comparison_json_chunks(c))
    with pytest.warns(RuntimeWarning, match=f"could not write its temporary file in {re.escape(str(gone))}"):
        there = "".join(argmap.comparison_json_chunks(c, jobs=2))
    assert there == here


def test_markdown_warnings_keep_their_code_spans_and_escape_the_rest() -> None:
    """A warning's own code spans (`argmap validate`) stay code in Markdown; what lies around
    them, which may quote a map's values, is escaped."""
    from argmap.compare_markdown import _md_warnings

    (_, line) = _md_warnings(["map *a_b* links no concept; `argmap validate` shows each node; a lone ` stays"])
    assert line == (r"> **Warning:** map \*a\_b\* links no concept; `argmap validate` shows each node; "
                    r"a lone \` stays")


def test_json_from_python_lists_what_keep_going_left_out(folder_with_a_broken_map: Path) -> None:
    """The JSON made in Python lists the maps the comparison left out, as the command's does,
    without passing them again."""
    c = argmap.compare(folder_with_a_broken_map, keep_going=True)
    data = json.loads(argmap.comparison_to_json(c))
    assert [s["map"] for s in data["skipped"]] == ["maps/zz-broken.yaml"]
    assert argmap.comparison_to_dict(c)["skipped"] == data["skipped"]
    assert json.loads(argmap.comparison_to_json(c, skipped=()))["skipped"] == []  # left out on request


def test_python_mistakes_get_messages_that_say_what_to_write() -> None:
    """Names given in the wrong shape, and keys that name no author, are told apart from
    unknown names: the message shows the shape expected or some of the keys."""
    c = argmap.compare(MAPS)
    with pytest.raises(argmap.MetricError, match=r"metrics takes a list of names, e.g. \['jaccard'\]"):
        argmap.comparison_to_json(c, metrics="jaccard")
    with pytest.raises(argmap.ExportError, match="pairs takes a list of pairs of authors"):
        argmap.comparison_to_json(c, pairs="nobody,x")  # type: ignore[arg-type]
    with pytest.raises(argmap.ExportError, match=r"a pair is two authors.*got \('a', 'b', 'c'\)"):
        argmap.comparison_to_json(c, pairs=[("a", "b", "c")])  # type: ignore[list-item]
    for lookup in (lambda: c.pair("nobody", KEYS[0]), lambda: c.matrix("jaccard")["nobody", KEYS[0]],
                   lambda: c.matrix("jaccard").row("nobody")):
        with pytest.raises(KeyError, match=f"no author 'nobody' among the 5 compared; the keys are sources.*{KEYS[0]}"):
            lookup()


def test_a_folder_holding_only_a_vocabulary_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(MAPS / "concepts.yaml", tmp_path / "concepts.yaml")
    expected = "no map files among the paths given: only the vocabulary file concepts.yaml (concepts, not a map)"
    for read in (argmap.compare, argmap.load_corpus, argmap.load_maps):
        with pytest.raises(argmap.PathError, match=re.escape(expected)):
            read(tmp_path)
    code, _, err = run(capsys, "compare", str(tmp_path))
    assert code == 2 and err.strip() == f"argmap compare: {expected}"


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_a_corpus_gets_a_count_of_authors_for_each_stance_not_a_column_an_author(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    """Above the corpus size the concept and link tables count the authors taking each stance
    or sign (and the silent ones), so that a line does not grow with the class; below it, a
    column an author."""
    code, small, _ = run(capsys, "compare", str(MAPS), "--format", fmt)
    assert code == 0 and "Concepts x authors" in small and "how many of the" not in small
    monkeypatch.setattr(compare_metrics, "ALL_PAIRS_UP_TO", 3)
    code, out, _ = run(capsys, "compare", str(MAPS), "--format", fmt)
    assert code == 0 and "Concepts x authors" not in out and "Causal links x authors" not in out
    assert "how many of the 5 authors take each stance" in out and "how many of the 5 authors give each sign" in out
    tables = out[out.index("how many of the 5 authors take each stance"):out.index("Consensus")]
    assert "…" not in tables  # a long name is given whole, its counts on the line below
    c = argmap.compare(MAPS)
    cell = r"\s+(\d+)" if fmt == "text" else r" \| (\d+)"
    for row in c.concepts:
        stances = [u.stance for u in row.by_source.values()]
        want = [stances.count(s) for s in argmap.AuthorStance] + [5 - len(stances)]
        label = row.label + (f" · {c.timeline.short(row.period)}" if fmt == "text" else
                             f" ({c.timeline.short(row.period)})") if row.period else row.label
        lead = re.escape(label) + ("" if fmt == "text" else r" \| " + row.kind.value)
        found = re.search(("^  " if fmt == "text" else r"^\| ") + lead + cell * 6 + r"\s*\|?$", out, re.MULTILINE)
        assert found is not None, label
        assert [int(x) for x in found.groups()] == want


@given(st.sets(st.integers(1, 400), max_size=60))
def test_author_numbers_as_runs_give_back_the_numbers(numbers: set[int]) -> None:
    """Property: the runs name each number once and nothing else, in order, and no two runs
    could be one."""
    from argmap.compare_words import _number_ranges

    text = _number_ranges([str(x) for x in numbers])
    runs = [tuple(map(int, r.split("-"))) if "-" in r else (int(r), int(r)) for r in text.split(", ")] if text else []
    assert [x for a, b in runs for x in range(a, b + 1)] == sorted(numbers)
    assert all(b1 + 1 < a2 for (_, b1), (a2, _) in itertools.pairwise(runs))


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_a_corpus_gives_each_quote_of_a_controversy_once_with_who_quotes_it(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    """Above the corpus size each side of a controversy names its authors by number and
    gives each distinct quote once, with who quotes it; below it, an author at a time."""
    from argmap.compare_words import _number_ranges

    monkeypatch.setattr(compare_metrics, "ALL_PAIRS_UP_TO", 3)
    code, out, _ = run(capsys, "compare", str(MAPS), "--format", fmt)
    c = argmap.compare(MAPS)
    assert code == 0 and c.controversies
    numbers = {k: str(i + 1) for i, k in enumerate(c.keys)}
    section = " ".join(out[out.index("Controversies"):out.index("Mixed views")].split())
    distinct = 0
    for x in c.controversies:
        for side, keys in x.sides.items():
            who = _number_ranges([numbers[k] for k in keys])
            assert f"{len(keys)} author{'s' * (len(keys) != 1)}" in section and who in section
            distinct += len({" ".join(q.split()) for k in keys for q in _side_quotes(x.subject, k, side)})
    assert section.count("quoted by") == distinct  # each distinct quote of a side once
    assert "[1]" not in section and "mixed: on both sides)" not in section.replace("of them mixed", "")


def _side_quotes(subject: object, key: str, side: str) -> list[str]:
    from argmap.compare_words import _side_quote_texts

    return _side_quote_texts(subject, key, side)  # type: ignore[arg-type]
