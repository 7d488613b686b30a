"""Hostile and broken input: every reader returns a map or raises an ArgmapError with a position.

Round trips through every format are checked on generated maps; valid files are mutated
(lines deleted, duplicated or swapped, keys swapped, values of the wrong type, random bytes,
truncation) and read again; bombs and oversized files meet a clear error, and a failed write
leaves no partial file.
"""

from __future__ import annotations

import json
import os
import re
import tracemalloc
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap import files
from argmap.errors import ArgmapError, LoadError
from argmap.formats import (
    dumps_aif,
    from_aif,
    from_argdown,
    from_graphml,
    from_json,
    import_aif,
    import_aif_file,
    import_argdown,
    import_argdown_file,
    read_graphml,
    read_json,
    to_argdown,
    to_graphml,
    to_json,
    write_aif,
    write_argdown,
    write_graphml,
    write_imported,
    write_json,
)
from argmap.formats._common import quotable
from argmap.quotes import SourceText
from strategies import hostile_map, maps, texts

SMALL = Path(__file__).parent / "data" / "interchange" / "small.yaml"
# Generous deadlines: they guard against hangs, not slowness. ARGMAP_FUZZ_EXAMPLES=5000 fuzzes
# deeper than the suite's default (run it after changing a reader).
FUZZ = settings(
    max_examples=int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "80")),
    deadline=timedelta(seconds=20),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- round trips -------------------------------------------------------------------------------

ROUND_TRIPS: dict[
    str,
    tuple[
        Callable[[argmap.ArgumentMap], str],
        Callable[[str], argmap.ArgumentMap],
        st.SearchStrategy[argmap.ArgumentMap],
    ],
] = {
    "yaml": (argmap.dumps, argmap.loads, maps()),  # YAML files hold no offsets
    "json": (to_json, from_json, maps(anchored=True)),
    "aif": (dumps_aif, lambda text: from_aif(json.loads(text)), maps(anchored=True)),
    "argdown": (to_argdown, from_argdown, maps(anchored=True)),
    "graphml": (to_graphml, from_graphml, maps(anchored=True, xml=True)),
}


@pytest.mark.parametrize("fmt", list(ROUND_TRIPS))
def test_round_trip_is_lossless(fmt: str) -> None:
    """Any valid map written in a format and read back is the same map."""
    write, read, strategy = ROUND_TRIPS[fmt]

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(strategy)
    def check(amap: argmap.ArgumentMap) -> None:
        assert read(write(amap)) == amap

    check()


@pytest.mark.parametrize("fmt", list(ROUND_TRIPS))
def test_round_trip_of_the_hostile_map(fmt: str) -> None:
    """The map full of markup, quotes, bidi and zero-width characters survives every format."""
    write, read, _strategy = ROUND_TRIPS[fmt]
    amap = hostile_map(xml=fmt == "graphml")
    assert read(write(amap)) == amap


@settings(max_examples=200, deadline=None)
@given(texts(max_size=40) | texts(markup=True))
def test_quotable_agrees_with_the_quote_matcher(text: str) -> None:
    """quotable(t) holds exactly when t, as a paragraph of a source text, is found as a quote."""
    found = SourceText(f"before\n\n{text}\n\nafter\n").find(text) is not None
    assert quotable(text) == found


# --- mutated files -----------------------------------------------------------------------------

WRONG_TYPES = [b"[1, 2]", b'{"a": 1}', b"123", b"null", b"true", b'""', b"-", b"[]", b"{}", b"~"]
_KEY = re.compile(rb'"?([A-Za-z_]+)"?[ \t]*:')
_VALUE = re.compile(rb':[ \t]*("[^"\n]*"|[^\s,{}\[\]]+)')


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with one to three random edits of the kinds a broken file shows."""
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(
            st.sampled_from(
                [
                    "delete-line",
                    "duplicate-line",
                    "swap-lines",
                    "swap-keys",
                    "wrong-type",
                    "insert-bytes",
                    "replace-bytes",
                    "truncate",
                ]
            )
        )
        lines = data.split(b"\n")
        if kind in ("delete-line", "duplicate-line", "swap-lines") and lines:
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if kind == "delete-line":
                del lines[i]
            elif kind == "duplicate-line":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
        elif kind == "swap-keys":
            keys = list(_KEY.finditer(data))
            if len(keys) >= 2:
                a, b = sorted(
                    draw(st.lists(st.sampled_from(keys), min_size=2, max_size=2, unique=True)),
                    key=lambda m: m.start(),
                )
                data = (
                    data[: a.start(1)]
                    + b.group(1)
                    + data[a.end(1) : b.start(1)]
                    + a.group(1)
                    + data[b.end(1) :]
                )
        elif kind == "wrong-type":
            values = list(_VALUE.finditer(data))
            if values:
                v = draw(st.sampled_from(values))
                data = data[: v.start(1)] + draw(st.sampled_from(WRONG_TYPES)) + data[v.end(1) :]
        else:
            pos = draw(st.integers(0, len(data)))
            if kind == "truncate":
                data = data[:pos]
            else:
                noise = draw(st.binary(min_size=1, max_size=8))
                data = (
                    data[:pos]
                    + noise
                    + data[pos + (len(noise) if kind == "replace-bytes" else 0) :]
                )
    return data


def _yaml_seeds() -> list[bytes]:
    return [SMALL.read_bytes(), argmap.dumps(hostile_map()).encode()]


READERS: dict[str, tuple[Callable[[Path], object], Callable[[], list[bytes]]]] = {
    "yaml": (lambda p: argmap.load(p, anchor=False), _yaml_seeds),
    "json": (read_json, lambda: [to_json(m).encode() for m in (argmap.load(SMALL), hostile_map())]),
    "aif": (
        import_aif_file,
        lambda: (
            [dumps_aif(m).encode() for m in (argmap.load(SMALL), hostile_map())]
            + [
                Path(__file__)
                .parent.joinpath("data", "interchange", "foreign.aif.json")
                .read_bytes()
            ]
        ),
    ),
    "argdown": (
        import_argdown_file,
        lambda: (
            [to_argdown(m).encode() for m in (argmap.load(SMALL), hostile_map())]
            + [
                Path(__file__)
                .parent.joinpath("data", "interchange", "foreign.argdown")
                .read_bytes()
            ]
        ),
    ),
    "graphml": (
        read_graphml,
        lambda: [to_graphml(m).encode() for m in (argmap.load(SMALL), hostile_map(xml=True))],
    ),
}


def assert_located_or_loaded(read: Callable[[Path], object], path: Path) -> None:
    """Reading gives a result, or a LoadError whose every problem has a line."""
    try:
        read(path)
    except ArgmapError as exc:
        error: ArgmapError = exc
    else:
        return
    assert isinstance(error, LoadError), repr(error)
    for problem in error.problems:
        assert problem.line is not None, str(problem)


@pytest.mark.parametrize("fmt", list(READERS))
def test_mutated_files_load_or_fail_with_a_position(fmt: str, tmp_path: Path) -> None:
    """Broken files of every format give a map or located errors, never another exception."""
    read, seeds = READERS[fmt]
    valid = seeds()
    path = tmp_path / f"mutated.{fmt}"

    @FUZZ
    @given(st.sampled_from(valid).flatmap(mutated))
    def check(data: bytes) -> None:
        path.write_bytes(data)
        assert_located_or_loaded(read, path)

    check()


# --- values PyYAML resolves but cannot build ---------------------------------------------------

MAP_WITH = """\
source: {{id: a, file: a.txt, year: {year}}}
nodes:
  - {{id: t, kind: thesis, label: {label}, quote: q, stance: {stance}}}
"""


@pytest.mark.parametrize(
    "value",
    # Plain dates are text under the YAML 1.2 core schema argmap reads (test_yaml12.py); a
    # date tagged explicitly is still resolved, and one that does not exist cannot be built.
    ["!!timestamp 2024-13-45", "!!timestamp 2024-02-30", "1" * 5000],
    ids=["month-13", "february-30", "5000-digit-integer"],
)
def test_unconstructible_scalars_are_located_errors(value: str) -> None:
    """Values YAML resolves but cannot build (bad dates, huge integers) are located errors."""
    text = MAP_WITH.format(year=value, label=value, stance=value)
    with pytest.raises(LoadError) as info:
        argmap.loads(text)
    problems = info.value.problems
    assert [(p.line, p.code) for p in problems] == [(1, "type"), (3, "type"), (3, "type")]
    assert all("cannot read the value" in p.message for p in problems)


# --- bombs and limits --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000, "a: " + "{b: " * 100_000, "- " * 100_000 + "x", "[" * 5_000 + "]" * 5_000],
    ids=["flow-lists", "flow-mappings", "block-lists", "balanced"],
)
def test_deep_nesting_is_refused_not_a_crash(text: str) -> None:
    """Deeply nested YAML is a located error (PyYAML's C composer would overflow the stack)."""
    with pytest.raises(LoadError) as info:
        argmap.loads(text)
    assert info.value.problems[0].code == "too-deep"
    assert info.value.line == 1


@pytest.mark.parametrize("stage", ["pre-pass", "compose"])
def test_the_parsers_own_depth_limit_is_our_too_deep(stage: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where PyYAML's parser stops at its own nesting limit (libyaml 0.2.5 and later stop at
    1,000 levels, before argmap's check), the user gets the same located ``too-deep`` problem.
    The parser's error is simulated, so this runs whatever PyYAML is installed."""
    import yaml

    from argmap import _yaml

    mark = yaml.Mark("<unicode string>", 1000, 0, 1000, None, None)
    error = yaml.scanner.ScannerError("while increasing flow level", mark, "exceeded maximum nesting depth", mark)

    def refuse(*_args: object, **_kwargs: object) -> object:
        raise error

    monkeypatch.setattr(_yaml, "_may_nest_deeply", lambda _text: stage == "pre-pass")
    monkeypatch.setattr(_yaml.yaml, "parse" if stage == "pre-pass" else "compose", refuse)
    with pytest.raises(LoadError) as info:
        argmap.loads("x: [[1]]\n")
    problem = info.value.problems[0]
    assert (problem.code, problem.line, problem.column) == ("too-deep", 1, 1001)
    assert "nested more than 100 levels" in problem.message


def test_alias_bomb_is_refused_in_bounded_memory() -> None:
    """A billion-laughs file is refused at its first alias without expanding it."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(9))}]" for i in range(1, 10)]
    text = "\n".join(lines) + "\nsource: *a9\nnodes: []\n"
    tracemalloc.start()
    try:
        with pytest.raises(LoadError) as info:
            argmap.loads(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.problems[0].code == "alias"
    assert info.value.line is not None
    assert peak < 20 * 2**20


@pytest.mark.parametrize(
    "text",
    [
        "[" * 200_000,
        "[A]: x " + "{" * 200_000,
        "[A]: x " + "}" * 200_000,
        "[A]: " + "#(" * 100_000,
        "[A]: " + "@[" * 100_000,
        "[A]: " + "[x](" * 50_000,
        "/*" * 100_000,
        "<!--" * 50_000,
        "# h\n" * 50_000,
        "[A]: a\n" + "  + b\n" * 20_000,
        "[A]: a\n" + "".join(" " * i + "+ b\n" for i in range(1, 2000)),
        "<A>: a\n\n" + "(1) p\n" * 20_000,
        "===" + "=" * 100_000,
        "[A]: a {" + "a: [" * 20_000 + "}",
        "[A]: a " + '{"a": ' * 20_000 + "1" + "}" * 20_000,
        "[A]: " + "*_" * 100_000,
    ],
    ids=[
        "brackets",
        "open-braces",
        "close-braces",
        "tag-parens",
        "mentions",
        "links",
        "comments",
        "html-comments",
        "headings",
        "relations",
        "deep-indent",
        "pcs",
        "front-matter",
        "deep-yaml-data",
        "deep-json-data",
        "emphasis",
    ],
)
def test_pathological_argdown_imports_or_fails_cleanly(text: str) -> None:
    """Inputs built to make a parser slow or recurse are read in linear time, cleanly."""
    try:
        import_argdown(text)
    except LoadError as exc:
        error: LoadError = exc
    else:
        return
    assert error.line is not None


def test_aif_inference_with_millions_of_edges_is_refused() -> None:
    """An RA node joining 5,000 premises to 5,000 conclusions is refused, not expanded."""
    nodes = [{"nodeID": "ra", "type": "RA", "text": "RA"}]
    nodes += [{"nodeID": f"i{k}", "type": "I", "text": "x"} for k in range(10_000)]
    edges = [{"fromID": f"i{k}", "toID": "ra"} for k in range(5_000)]
    edges += [{"fromID": "ra", "toID": f"i{k}"} for k in range(5_000, 10_000)]
    with pytest.raises(LoadError, match="more than argmap can take"):
        import_aif({"nodes": nodes, "edges": edges})


@pytest.mark.parametrize(
    "read",
    [
        lambda p: argmap.load(p),
        read_json,
        import_aif_file,
        import_argdown_file,
        read_graphml,
        argmap.load_vocabulary,
    ],
    ids=["yaml", "json", "aif", "argdown", "graphml", "vocabulary"],
)
def test_files_over_the_limit_are_refused_unread(
    tmp_path: Path, read: Callable[[Path], Any]
) -> None:
    """A file larger than 32 MiB is refused from its size, before it is read."""
    path = tmp_path / "huge"
    with path.open("wb") as fh:
        fh.truncate(files.MAX_BYTES + 1)  # sparse: costs no disk space
    with pytest.raises(LoadError, match="larger than argmap's limit of 32 MiB") as info:
        read(path)
    assert info.value.problems[0].code == "too-large"


def _big_map(n: int, width: int = 1) -> argmap.ArgumentMap:
    nodes = [
        argmap.Node(
            f"n{i}",
            "thesis" if i == 0 else "claim",
            f"claim number {i}. " * width,
            argmap.Quote(f"what the author says in passage {i}. " * width),
        )
        for i in range(n)
    ]
    edges = [
        argmap.Edge(f"n{i}", f"n{(i - 1) // 2}", "supports" if i % 3 else "attacks")
        for i in range(1, n)
    ]
    return argmap.ArgumentMap(argmap.Source("big", "big.txt"), nodes, edges)


def test_a_ten_megabyte_map_loads() -> None:
    """A 10 MB map file (5,000 nodes with long texts) loads and validates."""
    text = argmap.dumps(_big_map(5000, width=34))
    assert len(text.encode()) > 10 * 10**6
    amap = argmap.loads(text)
    assert len(amap.nodes) == 5000
    assert argmap.validate(amap) == []


def test_a_five_thousand_node_map_goes_through_every_format() -> None:
    """A 5,000-node map validates and comes back unchanged from every format."""
    amap = _big_map(5000)
    assert argmap.validate(amap) == []
    for fmt, (write, read, _strategy) in ROUND_TRIPS.items():
        assert read(write(amap)) == amap, fmt


# --- failed writes -----------------------------------------------------------------------------

WRITERS: dict[str, Callable[[argmap.ArgumentMap, Path], object]] = {
    "yaml": lambda m, p: argmap.dump(m, p),
    "json": write_json,
    "aif": write_aif,
    "argdown": write_argdown,
    "graphml": write_graphml,
}


@pytest.mark.parametrize("fmt", list(WRITERS))
@pytest.mark.parametrize("failing", ["os.fsync", "os.replace"])
def test_failed_write_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, failing: str
) -> None:
    """A write that fails half-way keeps the old file and leaves no temporary file behind."""
    target = tmp_path / f"map.{fmt}"
    target.write_text("the old file", "utf-8")

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(failing, fail)
    with pytest.raises(OSError, match="No space left"):
        WRITERS[fmt](argmap.load(SMALL, anchor=False), target)
    monkeypatch.undo()
    assert target.read_text("utf-8") == "the old file"
    assert os.listdir(tmp_path) == [target.name]


@pytest.mark.parametrize("failing", ["os.write", "os.fsync", "os.replace"])
def test_write_bytes_makes_missing_folders_and_leaves_nothing_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """write_bytes writes whole files (also larger than one write takes), makes the folders on
    the way only with ``parents``, and a write that fails keeps the old file and no other."""
    from argmap.files import write_bytes

    data = bytes(range(256)) * 4096  # 1 MiB
    deep = tmp_path / "a" / "b" / "entry"
    with pytest.raises(FileNotFoundError):
        write_bytes(deep, data)
    assert write_bytes(deep, data, parents=True, sync=False) == deep and deep.read_bytes() == data
    assert write_bytes(deep, b"again") == deep and deep.read_bytes() == b"again"
    assert os.listdir(deep.parent) == ["entry"]

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(failing, fail)
    with pytest.raises(OSError, match="No space left"):
        write_bytes(deep, data)
    monkeypatch.undo()
    assert deep.read_bytes() == b"again" and os.listdir(deep.parent) == ["entry"]


def test_write_chunks_without_sync_and_a_temporary_file_read_back_in_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The metrics of a corpus go from one process to another through a temporary file:
    written in pieces without a flush to disk, read back in pieces of the size asked (a
    character never split), then removed; removing it twice is no error."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    path = files.temporary_file("argmap-test-", ".json")
    assert path.parent == tmp_path and path.name.startswith("argmap-test-") and path.read_bytes() == b""
    text = "é" * 5 + "x" * 7

    def no_sync(*_args: object) -> None:
        raise AssertionError("flushed to disk")

    monkeypatch.setattr("os.fsync", no_sync)
    files.write_chunks(path, ["é" * 5, "x" * 7], sync=False)
    monkeypatch.undo()
    assert list(files.read_chunks(path, 4)) == ["éééé", "éxxx", "xxxx"]
    assert "".join(files.read_chunks(path)) == text
    files.remove(path)
    files.remove(path)
    assert not path.exists()


def test_failed_import_write_leaves_whole_files_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If writing the imported map fails, the map is absent and the source text whole or absent."""
    imported = import_argdown("[T]: The thesis.\n  + [R]: A reason.\n")
    calls = []
    real_replace = os.replace

    def fail_second(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr("os.replace", fail_second)
    with pytest.raises(OSError, match="Input/output error"):
        write_imported(imported, tmp_path / "m.yaml")
    assert sorted(os.listdir(tmp_path)) == ["m.source.txt"]
    assert (tmp_path / "m.source.txt").read_text("utf-8") == imported.source_text


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [("\x00source: x", 1, 1), ("source:\n  id: a\x07b\n", 2, 8), ("a: 1\n#\x1b[31m\n", 2, 2)],
    ids=["nul-at-start", "bell-in-value", "escape-in-comment"],
)
def test_control_characters_are_located(text: str, line: int, column: int) -> None:
    """A raw control character is reported at its line and column, without a tab hint."""
    with pytest.raises(LoadError) as info:
        argmap.loads(text)
    assert (info.value.line, info.value.column) == (line, column)
    assert "is not allowed in a YAML file" in str(info.value)
    assert "tab" not in str(info.value)


# --- faults found by reading every public function's failure modes ---------------------------


def test_same_source_is_false_for_a_symlink_loop(tmp_path: Path) -> None:
    """A source file that is a symbolic link loop is 'not the same text', not a RuntimeError."""
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    a = argmap.loads("source: {id: a, file: loop.txt}\nnodes: []\n", path=tmp_path / "a.yaml")
    assert argmap.same_source(a, a) is False


def test_audit_with_a_shorter_text_clips_the_offsets() -> None:
    """Auditing a map against a text shorter than its quotes' offsets is no crash."""
    m = argmap.loads("source: {id: a, file: x.txt}\nnodes:\n  - {id: T, kind: thesis, label: t, quote: beta}\n")
    anchored = argmap.anchor(m, "alpha " * 50 + "beta")
    report = argmap.audit(anchored, text="alpha beta")
    assert report.quoted_chars == 0


def test_gallery_of_a_missing_folder_is_a_path_error(tmp_path: Path) -> None:
    with pytest.raises(argmap.PathError, match="no such folder"):
        argmap.render_gallery(tmp_path / "nowhere", tmp_path / "out")
