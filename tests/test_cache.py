"""The cache of loaded maps (argmap.cache): hits, a miss on every change of what a map's
loading depends on, damaged entries rebuilt, runs sharing the cache, and turning it off."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import argmap
from argmap import cache
from argmap.cache import MapCache
from argmap.model import ArgumentMap
from conftest import MAPS, SEEDS
from strategies import maps, vocabularies

SEED_MAP = MAPS / "001-mutually-beneficial.yaml"
SEED_TEXT = SEEDS / "001_05876df297dd2348.txt"


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    """A cache folder of the test's own, used by argmap.load_maps and check() inside the test."""
    where = tmp_path / "cache"
    with argmap.caching(folder=where):
        yield where


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of one seed map and its text: maps/001.yaml quoting seeds/001.txt."""
    (tmp_path / "maps").mkdir()
    (tmp_path / "seeds").mkdir()
    shutil.copyfile(SEED_TEXT, tmp_path / "seeds" / SEED_TEXT.name)
    shutil.copyfile(MAPS / "concepts.yaml", tmp_path / "maps" / "concepts.yaml")
    shutil.copyfile(SEED_MAP, tmp_path / "maps" / "001.yaml")
    return tmp_path / "maps" / "001.yaml"


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def positions(amap: ArgumentMap) -> list[object]:
    """Every position a map keeps for messages (they take no part in equality)."""
    out: list[object] = [amap.source.position, amap.path]
    for n in amap.nodes:
        out += [n.position, *(q.position for q in n.quotes)]
    for e in amap.edges:
        out += [e.position, e.quote.position if e.quote else None]
    out += [q.position for q in amap.excluded]
    return out


def test_a_second_load_is_a_hit_equal_to_the_first_with_positions_and_spans(folder: Path) -> None:
    first = MapCache(folder)
    cold = first.load(SEED_MAP)
    assert (first.hits, first.misses, first.writes) == (0, 1, 1)
    second = MapCache(folder)
    warm = second.load(SEED_MAP)
    assert (second.hits, second.misses) == (1, 0)
    assert warm == cold == argmap.load(SEED_MAP)
    assert positions(warm) == positions(cold)
    assert all(q.anchored for n in warm.nodes for q in n.quotes)
    assert [q.spans for n in warm.nodes for q in n.quotes] == [q.spans for n in cold.nodes for q in n.quotes]


def test_every_seed_map_survives_the_cache_exactly(folder: Path) -> None:
    maps = sorted(p for p in MAPS.glob("0*.yaml"))
    cold = argmap.load_maps(maps)
    warm = argmap.load_maps(maps)
    assert len(entries(folder)) == len(maps)
    for a, b in zip(cold, warm, strict=True):
        assert a == b and positions(a) == positions(b)
        assert attrs.asdict(a, recurse=True) == attrs.asdict(b, recurse=True)


def test_the_same_bytes_elsewhere_hit_and_take_their_own_path(folder: Path, project: Path) -> None:
    MapCache(folder).load(SEED_MAP)
    copy = MapCache(folder)
    amap = copy.load(project)
    assert copy.hits == 1 and amap.path == project


def test_a_change_to_the_map_misses(folder: Path, project: Path) -> None:
    MapCache(folder).load(project)
    project.write_text(project.read_text(encoding="utf-8").replace("label:", "label: ", 1), encoding="utf-8")
    again = MapCache(folder)
    again.load(project)
    assert again.misses == 1 and again.hits == 0


def test_a_change_to_the_source_text_misses(folder: Path, project: Path) -> None:
    MapCache(folder).load(project)
    text = project.parent.parent / "seeds" / SEED_TEXT.name
    text.write_text(text.read_text(encoding="utf-8") + "\nA sentence added at the end.\n", encoding="utf-8")
    again = MapCache(folder)
    amap = again.load(project)
    assert (again.hits, again.misses) == (0, 1)
    # ... and a text changed where a quote stood is reported, not hidden by the cache.
    quote = amap.nodes[0].quotes[0].text
    text.write_text(text.read_text(encoding="utf-8").replace(quote[:40], "something else entirely"),
                    encoding="utf-8")
    with pytest.raises(argmap.QuoteError):
        MapCache(folder).load(project)


def test_another_argmap_version_misses(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    MapCache(folder).load(SEED_MAP)
    monkeypatch.setattr(cache, "__version__", "999.0")
    again = MapCache(folder)
    again.load(SEED_MAP)
    assert (again.hits, again.misses) == (0, 1)
    assert len(entries(folder)) == 2  # the old version's entry is left alone


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "magic", "json", "version", "fields",
                                    "id-number", "empty-label", "quoted-and-implicit", "implicit-string", "sign",
                                    "short-record", "span-backwards", "position", "year", "nodes",
                                    "span-float", "span-bool", "span-negative", "occurrence-zero", "draft-nan",
                                    "draft-seven", "id-spaces", "id-control", "blank-label", "other-source"])
def test_a_damaged_entry_is_ignored_and_written_again(folder: Path, damage: str) -> None:
    good = MapCache(folder).load(SEED_MAP)
    [entry] = entries(folder)
    raw = entry.read_bytes()

    def rewrite(change: object) -> bytes:
        data = json.loads(zlib.decompress(raw[8:]))
        change(data)  # type: ignore[operator]
        return raw[:8] + zlib.compress(json.dumps(data).encode())

    damaged = {
        "truncate": raw[: len(raw) // 2],
        "garbage": os.urandom(len(raw)),
        "empty": b"",
        "magic": b"XXXXXXXX" + raw[8:],
        "json": raw[:8] + zlib.compress(b"{not json"),
        "version": rewrite(lambda d: d.update(argmap="0.0.0")),
        "fields": rewrite(lambda d: d["map"]["nodes"][0].__setitem__(1, "no-such-kind")),  # kind
        # Entries that decode but hold values no map could have: each field's type is checked.
        "id-number": rewrite(lambda d: d["map"]["nodes"][0].__setitem__(0, 7)),
        "empty-label": rewrite(lambda d: d["map"]["nodes"][0].__setitem__(2, "")),
        "quoted-and-implicit": rewrite(lambda d: d["map"]["nodes"][0].__setitem__(9, True)),
        "implicit-string": rewrite(lambda d: d["map"]["nodes"][0].__setitem__(9, "false")),
        "sign": rewrite(lambda d: d["map"]["edges"][0].__setitem__(3, "?")),
        "short-record": rewrite(lambda d: d["map"]["edges"][0].pop()),
        "span-backwards": rewrite(lambda d: d["map"]["nodes"][0][3][0].__setitem__(1, [9, 3])),
        "position": rewrite(lambda d: d["map"]["nodes"][0].__setitem__(8, ["3", 1])),
        "year": rewrite(lambda d: d["map"]["source"].__setitem__(5, "2012")),
        "nodes": rewrite(lambda d: d["map"].__setitem__("nodes", {"a": 1})),
        "span-float": rewrite(lambda d: d["map"]["nodes"][0][3][0].__setitem__(1, [3.0, 9.0])),
        "span-bool": rewrite(lambda d: d["map"]["nodes"][0][3][0].__setitem__(1, [True, 9])),
        "span-negative": rewrite(lambda d: d["map"]["nodes"][0][3][0].__setitem__(1, [-4, 9])),
        "occurrence-zero": rewrite(lambda d: d["map"]["nodes"][0][3][0].__setitem__(3, 0)),
        "draft-nan": rewrite(lambda d: d["map"]["nodes"][0].__setitem__(12, float("nan"))),  # NaN in JSON
        "draft-seven": rewrite(lambda d: d["map"]["nodes"][0].__setitem__(12, 7)),
        "id-spaces": rewrite(lambda d: d["map"]["nodes"][0].__setitem__(0, " thesis")),
        "id-control": rewrite(lambda d: d["map"]["edges"][0].__setitem__(0, "a\x07b")),
        "blank-label": rewrite(lambda d: d["map"]["nodes"][0].__setitem__(2, "   ")),
        "other-source": rewrite(lambda d: d["map"]["source"].__setitem__(1, "../seeds/elsewhere.txt")),
    }[damage]
    entry.write_bytes(damaged)
    again = MapCache(folder)
    assert again.load(SEED_MAP) == good
    assert (again.hits, again.misses, again.writes) == (0, 1, 1)
    assert entry.read_bytes() == raw  # rebuilt
    assert MapCache(folder).load(SEED_MAP) == good


def _with_positions(amap: ArgumentMap) -> ArgumentMap:
    """The map with a made-up position on everything that keeps one (a loaded map's kind)."""
    line = iter(range(1, 10_000))

    def at(obj: Any) -> Any:
        return attrs.evolve(obj, position=argmap.Position(next(line), 3))

    def quoted(q: argmap.Quote | None) -> argmap.Quote | None:
        return None if q is None else at(q)

    return attrs.evolve(
        amap, source=at(amap.source),
        nodes=[attrs.evolve(at(n), quotes=[quoted(q) for q in n.quotes]) for n in amap.nodes],
        edges=[attrs.evolve(at(e), quote=quoted(e.quote)) for e in amap.edges],
        excluded=[quoted(q) for q in amap.excluded], path=Path("somewhere/map.yaml"))


def _objects(amap: ArgumentMap) -> list[Any]:
    out: list[Any] = [amap, amap.source, *amap.nodes, *amap.edges, *amap.excluded]
    out += [q for n in amap.nodes for q in n.quotes] + [e.quote for e in amap.edges if e.quote]
    return out


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(maps(anchored=True))
def test_an_entry_restores_the_map_exactly_without_its_constructors(amap: ArgumentMap) -> None:
    """The restore sets fields directly: the map it gives is equal to the one stored, with its
    positions and path, of the same types (enum members, tuples), and passes every validator
    of the model, as the constructors would have checked it."""
    amap = _with_positions(amap)
    record = json.loads(json.dumps(cache._encode(amap)))
    restored = cache._Decoder().map(record, amap.path)  # type: ignore[arg-type]
    assert restored == amap and positions(restored) == positions(amap) and restored.path == amap.path
    for old, new in zip(_objects(amap), _objects(restored), strict=True):
        assert type(new) is type(old)
        attrs.validate(new)
        for field in attrs.fields(type(old)):
            assert type(getattr(new, field.name)) is type(getattr(old, field.name)), field.name


def test_maps_with_problems_are_not_stored_and_keep_their_messages(folder: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SEED_MAP.read_text(encoding="utf-8").replace("source:", "source:\n  bogus: 1", 1),
                   encoding="utf-8")
    assert argmap.check(bad) == argmap.check(bad) != []
    assert entries(folder) == []


def test_validate_reports_the_same_positions_from_the_cache(folder: Path, project: Path) -> None:
    """A map that loads but breaks a structural rule is stored; its messages keep their lines."""
    text = project.read_text(encoding="utf-8")
    first_id = text.index("  - id: ")
    second = text.index("  - id: ", first_id + 1)
    line = text[second:].splitlines()[0]
    project.write_text(text.replace(line, text[first_id:].splitlines()[0], 1), encoding="utf-8")  # duplicate id
    cold = [str(p) for p in argmap.check(project)]
    assert any("duplicate" in p for p in cold)
    assert entries(folder)
    assert [str(p) for p in argmap.check(project)] == cold


def _load_many(args: tuple[str, list[str], int]) -> list[str]:
    folder, paths, rounds = args
    out = []
    with argmap.caching(folder=folder):
        for _ in range(rounds):
            maps = argmap.load_maps(paths)
            out.append(repr([(m.id, len(m.nodes), [q.spans for n in m.nodes for q in n.quotes]) for m in maps]))
    return out


def test_runs_sharing_the_cache_read_only_whole_entries(folder: Path) -> None:
    """Four processes load the seed maps at once, again and again, into one cache folder:
    every load gives the maps as read without a cache, and every entry left is whole."""
    paths = [str(p) for p in sorted(MAPS.glob("0*.yaml"))]
    with argmap.caching(False):
        expected = _load_many((str(folder), paths, 1))[0]
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        results = pool.map(_load_many, [(str(folder), paths, 6)] * 4)
    assert all(r == expected for run in results for r in run)
    for entry in entries(folder):
        raw = entry.read_bytes()
        assert raw.startswith(b"ARGMAPC1") and json.loads(zlib.decompress(raw[8:]))["format"] == cache.FORMAT
    again = MapCache(folder)
    for p in paths:
        again.load(p)
    assert again.hits == len(paths) and not list(folder.rglob(".*.tmp"))


def test_caching_false_and_the_environment_turn_it_off(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with argmap.caching(False):
        assert argmap.cache_folder() is None
        argmap.load_maps([SEED_MAP])
    assert entries(folder) == []
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    assert argmap.cache_folder() is None
    argmap.load_maps([SEED_MAP])
    assert entries(folder) == []
    monkeypatch.setenv("ARGMAP_NO_CACHE", "0")
    argmap.load_maps([SEED_MAP])
    assert len(entries(folder)) == 1


@pytest.mark.parametrize("value", ["", "0", "false", "False", "no", "OFF", " off "])
def test_a_no_cache_value_that_says_no_leaves_the_cache_on(value: str, monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    """ARGMAP_NO_CACHE=false (or no, off, 0, empty) does not turn the cache off."""
    monkeypatch.setenv("ARGMAP_NO_CACHE", value)
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path))
    assert argmap.cache_folder() == tmp_path


@pytest.mark.parametrize("value", ["1", "true", "yes", "on", "anything"])
def test_a_no_cache_value_that_says_yes_turns_it_off(value: str, monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    monkeypatch.setenv("ARGMAP_NO_CACHE", value)
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path))
    assert argmap.cache_folder() is None


def test_the_folder_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "here"))
    assert argmap.cache_folder() == tmp_path / "here"
    monkeypatch.delenv("ARGMAP_CACHE_DIR")
    assert argmap.cache_folder() is not None and argmap.cache_folder().name == "argmap"  # type: ignore[union-attr]


def test_the_command_line_option_no_cache(tmp_path: Path) -> None:
    env = {**os.environ, "ARGMAP_CACHE_DIR": str(tmp_path / "cli-cache")}
    env.pop("ARGMAP_NO_CACHE", None)
    run = [sys.executable, "-m", "argmap", "validate", "-q", str(SEED_MAP)]
    assert subprocess.run([*run, "--no-cache"], env=env, check=False).returncode == 0
    assert not (tmp_path / "cli-cache").exists()
    assert subprocess.run(run, env=env, check=False).returncode == 0
    assert entries(tmp_path / "cli-cache")


def test_an_unwritable_cache_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("in the way", encoding="utf-8")
    with argmap.caching(folder=blocked / "cache"):
        assert argmap.load_maps([SEED_MAP]) == [argmap.load(SEED_MAP)]


def test_one_source_text_per_text(folder: Path) -> None:
    """Maps of one text share one prepared SourceText (built once per text per process)."""
    a = argmap.load(SEED_MAP, anchor=False)
    assert cache.source_text(a) is cache.source_text(argmap.load(SEED_MAP, anchor=False))


def test_a_parallel_load_gives_the_maps_of_a_serial_one(folder: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """jobs=2 parses the maps the cache lacks in two processes; the maps, their order and the
    problems of a broken file are those of a serial load, and the entries are written."""
    from argmap import workspace

    bad = tmp_path / "broken.yaml"
    bad.write_text("source: [\n", encoding="utf-8")
    files = [*sorted(MAPS.glob("0*.yaml")), bad]
    monkeypatch.setattr(workspace, "PARALLEL_FROM", 2)
    monkeypatch.setattr(workspace, "_CHUNK", 2)
    parallel = argmap.load_corpus(files, jobs=2)
    with argmap.caching(False):
        serial = argmap.load_corpus(files)
    assert parallel.maps == serial.maps and [positions(m) for m in parallel.maps] == [positions(m) for m in serial.maps]
    assert [(p, [str(x) for x in problems]) for p, problems in parallel.failed] == \
        [(p, [str(x) for x in problems]) for p, problems in serial.failed] != []
    assert len(entries(folder)) == len(files) - 1
    with pytest.raises(argmap.LoadError):
        parallel.maps_or_raise()


# --- drawings ----------------------------------------------------------------------------------

DOT_TEXT = 'digraph { a -> b; a [label="one"]; }'


@pytest.fixture
def draws(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The DOT texts that really reach Graphviz (a stand-in drawing, so no dot is needed)."""
    from argmap.drawing import backend

    seen: list[str] = []

    def fake(exe: str, source: str, fmt: str) -> bytes:
        seen.append(source)
        return f"<{fmt} of {len(seen)}>".encode()

    monkeypatch.setattr(backend, "_run", fake)
    monkeypatch.setattr(backend.shutil, "which", lambda _name: sys.executable)  # some real program
    return seen


def test_a_drawing_is_made_once_and_then_read_back(folder: Path, draws: list[str]) -> None:
    from argmap.drawing.backend import run_dot, run_dot_many

    first = run_dot(DOT_TEXT)
    assert run_dot(DOT_TEXT) == first and draws == [DOT_TEXT]
    assert run_dot(DOT_TEXT + " ") != first  # another text is drawn
    assert run_dot(DOT_TEXT, "png") != first  # another format is drawn
    assert len(draws) == 3
    # Several at once, from threads: the same entries, and the caller's caching() holds there.
    assert run_dot_many([DOT_TEXT, DOT_TEXT + " "]) == [first, run_dot(DOT_TEXT + " ")]
    assert len(draws) == 3
    with argmap.caching(False):
        run_dot_many([DOT_TEXT, DOT_TEXT])
        assert run_dot(DOT_TEXT) == b"<svg of 6>"
    assert len(draws) == 6


@pytest.mark.parametrize("kept", [(), (0,), (1, 3), (0, 1, 2, 3, 4)])
def test_many_drawings_read_what_is_kept_and_draw_the_rest(folder: Path, draws: list[str],
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           kept: tuple[int, ...]) -> None:
    """run_dot_many reads the kept drawings first and draws only the others (on threads where
    two or more are missing, none where all are kept), results in the order given and equal
    to run_dot's, one at a time."""
    import concurrent.futures

    from argmap.drawing.backend import run_dot, run_dot_many

    texts = [f"{DOT_TEXT} // {i}" for i in range(5)]
    for i in kept:
        run_dot(texts[i])
    drawn_before = len(draws)
    pools: list[int] = []
    real_pool = concurrent.futures.ThreadPoolExecutor

    def counted_pool(*args: Any, **kwargs: Any) -> concurrent.futures.ThreadPoolExecutor:
        pools.append(1)
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ThreadPoolExecutor", counted_pool)
    many = run_dot_many(texts)
    missing = [t for i, t in enumerate(texts) if i not in kept]
    assert sorted(draws[drawn_before:]) == sorted(missing)  # each missing one drawn once, no other
    assert len(pools) == (1 if len(missing) >= 2 else 0)
    assert many == [run_dot(t) for t in texts]  # all kept now: read back, in order
    assert len(draws) == drawn_before + len(missing)
    with argmap.caching(False):  # no cache: every one is drawn
        assert len(run_dot_many(texts)) == 5
    assert len(draws) == drawn_before + len(missing) + 5


def test_a_pdf_is_always_drawn(folder: Path, draws: list[str]) -> None:
    from argmap.drawing.backend import run_dot

    run_dot(DOT_TEXT, "pdf")
    run_dot(DOT_TEXT, "pdf")
    assert len(draws) == 2 and not (folder / "drawings-1").exists()


def test_another_graphviz_draws_again(folder: Path, draws: list[str], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.drawing import backend

    program = tmp_path / "dot"
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    monkeypatch.setattr(backend.shutil, "which", lambda _name: str(program))
    backend.run_dot(DOT_TEXT)
    os.utime(program, ns=(0, 10**18))  # Graphviz upgraded in place: another modification time
    backend.run_dot(DOT_TEXT)
    assert len(draws) == 2


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "magic"])
def test_a_damaged_drawing_is_drawn_again(folder: Path, draws: list[str], damage: str) -> None:
    from argmap.drawing.backend import run_dot

    good = run_dot(DOT_TEXT)
    [entry] = entries(folder)
    raw = entry.read_bytes()
    entry.write_bytes({"truncate": raw[:-3], "flip": raw[:-1] + b"!", "empty": b"",
                       "magic": b"X" + raw[1:]}[damage])
    assert run_dot(DOT_TEXT) == b"<svg of 2>" != good
    assert run_dot(DOT_TEXT) == b"<svg of 2>" and len(draws) == 2  # kept again


def test_a_failed_drawing_is_not_kept(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.drawing import backend

    calls: list[int] = []

    def failing(exe: str, source: str, fmt: str) -> bytes:
        calls.append(1)
        raise argmap.RenderError("dot failed")

    monkeypatch.setattr(backend, "_run", failing)
    monkeypatch.setattr(backend.shutil, "which", lambda _name: sys.executable)
    for _ in range(2):
        with pytest.raises(argmap.RenderError):
            backend.run_dot(DOT_TEXT)
    assert len(calls) == 2 and entries(folder) == []


@pytest.mark.needs_dot
def test_a_kept_drawing_is_the_drawing_dot_makes(folder: Path) -> None:
    from argmap.drawing.backend import run_dot

    with argmap.caching(False):
        fresh = run_dot(DOT_TEXT)
    assert run_dot(DOT_TEXT) == fresh == run_dot(DOT_TEXT)
    assert len(entries(folder)) == 1


def test_an_entry_that_inflates_past_the_limit_is_ignored(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A small entry that decompresses to more than the limit (a "zip bomb") is not inflated."""
    good = MapCache(folder).load(SEED_MAP)
    [entry] = entries(folder)
    raw = entry.read_bytes()
    monkeypatch.setattr(cache, "_MAX_ENTRY", len(zlib.decompress(raw[8:])) - 1)
    again = MapCache(folder)
    assert again.load(SEED_MAP) == good and (again.hits, again.misses) == (0, 1)


def test_a_map_with_quote_warnings_is_not_stored_so_each_check_sees_them(folder: Path, tmp_path: Path) -> None:
    """A quote that occurs twice loads (with a warning); the map is not kept, so validate
    reports the warning however the map was read before."""
    (tmp_path / "t.txt").write_text("The same words. Then more. The same words.\n", encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_text("source: {id: s, file: t.txt}\nnodes:\n  - id: t\n    kind: thesis\n    label: T\n"
                    "    quote: The same words.\n", encoding="utf-8")
    cold = [str(p) for p in argmap.check(path)]
    assert any("occurs 2 times" in p for p in cold), cold
    assert argmap.load_maps([path])[0].nodes[0].quotes[0].anchored  # loads, anchored at the first
    assert entries(folder) == []
    assert [str(p) for p in argmap.check(path)] == cold


def test_changed_loading_code_misses(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key holds a hash of the loading modules' source: argmap's code changed without a new
    version number (a development checkout) does not read the old entries."""
    MapCache(folder).load(SEED_MAP)
    monkeypatch.setattr(cache, "_code", [b"other code"])
    again = MapCache(folder)
    again.load(SEED_MAP)
    assert (again.hits, again.misses) == (0, 1)


def test_the_loading_modules_are_what_the_cache_imports() -> None:
    """LOADING_MODULES, whose source is in every key, lists every argmap module that loading a
    map runs: all that `import argmap.cache` and a parse of a map and a vocabulary bring in
    (but the package and its version)."""
    code = ("import sys, argmap.cache\nwith argmap.cache.caching(False):\n"
            f"    argmap.cache.MapCache(None).load({str(SEED_MAP)!r})\n"
            f"    argmap.cache.vocabulary({str(SEED_MAP.parent / 'concepts.yaml')!r})\n"
            "print(sorted(m for m in sys.modules if m.startswith('argmap.') "
            "and m not in ('argmap._version', 'argmap.cache')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert sorted(set(cache.LOADING_MODULES) - {"argmap.cache"}) == json.loads(out.replace("'", '"'))


def test_a_command_reading_only_kept_maps_does_not_import_the_yaml_parser(folder: Path) -> None:
    """Where every map and the vocabulary come from the cache, PyYAML is not imported (about
    25-30 ms of every command); a first run, which parses, imports it."""
    code = ("import sys, argmap.cli\ntry:\n    argmap.cli.main(['validate', '-q', sys.argv[1]])\n"
            "except SystemExit:\n    pass\nprint('yaml' in sys.modules)")
    env = {**os.environ, "ARGMAP_CACHE_DIR": str(folder)}
    env.pop("ARGMAP_NO_CACHE", None)
    runs = [subprocess.run([sys.executable, "-c", code, str(SEED_MAP.parent)], capture_output=True, text=True,
                           check=True, env=env).stdout.split()[-1] for _ in range(2)]
    assert runs == ["True", "False"]


def test_a_parallel_load_reads_again_a_file_changed_meanwhile(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where a file changes between a worker's parse and the parent's use of it (the entry no
    longer matches), the map is read again in this process, not dropped or raised."""
    from argmap import workspace

    files = sorted(MAPS.glob("0*.yaml"))
    monkeypatch.setattr(workspace, "PARALLEL_FROM", 2)
    monkeypatch.setattr(workspace, "_CHUNK", 2)

    def changed(self: MapCache, entry: bytes, path: object) -> ArgumentMap:
        raise ValueError("not an entry for this file")

    monkeypatch.setattr(MapCache, "from_prepared", changed)
    corpus = argmap.load_corpus(files, jobs=2)
    with argmap.caching(False):
        assert corpus.maps == argmap.load_corpus(files).maps and not corpus.failed


# --- vocabularies ------------------------------------------------------------------------------


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The vocabulary files parsed (not read back from the cache), in order; the process's
    own memory of vocabularies is emptied first, so that each call looks in the folder."""
    from argmap import yamlio

    parsed: list[Path] = []
    real = yamlio.loads_vocabulary

    def counting(data: bytes | str, *, path: Any = None) -> argmap.Vocabulary:
        parsed.append(Path(path))
        return real(data, path=path)

    monkeypatch.setattr(yamlio, "loads_vocabulary", counting)
    monkeypatch.setattr(cache, "_VOCABULARIES", cache.OrderedDict())
    return parsed


def _fresh_process() -> None:
    cache._VOCABULARIES.clear()


def test_a_vocabulary_is_parsed_once_and_then_read_back(folder: Path, parses: list[Path]) -> None:
    """A second process (here: the memory emptied) reads the vocabulary from the folder,
    equal to the parse, with the path it was asked for."""
    path = MAPS / "concepts.yaml"
    first = cache.vocabulary(path)
    _fresh_process()
    second = cache.vocabulary(path)
    assert parses == [path] and second == first == argmap.load_vocabulary(path)
    assert second.periods == first.periods and second.path == path
    assert [c.broader for c in second] == [c.broader for c in first]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(vocabulary=vocabularies())
def test_any_vocabulary_survives_the_cache(vocabulary: argmap.Vocabulary, tmp_path: Path) -> None:
    """Whatever a vocabulary holds (texts that need escaping, periods still running, broader
    concepts), the kept one equals the parse, field by field."""
    path = tmp_path / "concepts.yaml"
    path.write_text(argmap.dumps_vocabulary(vocabulary), encoding="utf-8")
    with argmap.caching(folder=tmp_path / "cache"):
        _fresh_process()
        parsed = cache.vocabulary(path)
        _fresh_process()
        kept = cache.vocabulary(path)
    assert [attrs.astuple(c) for c in kept] == [attrs.astuple(c) for c in parsed] == [
        attrs.astuple(c) for c in vocabulary]
    assert kept.periods == parsed.periods == vocabulary.periods


def test_a_changed_vocabulary_is_parsed_again(folder: Path, parses: list[Path], tmp_path: Path) -> None:
    path = tmp_path / "concepts.yaml"
    shutil.copyfile(MAPS / "concepts.yaml", path)
    cache.vocabulary(path)
    path.write_text(path.read_text(encoding="utf-8").replace("label:", "label: Changed", 1), encoding="utf-8")
    _fresh_process()
    changed = cache.vocabulary(path)
    assert len(parses) == 2 and changed == argmap.load_vocabulary(path)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "not-a-vocabulary", "broken-validator", "wrong-types"])
def test_a_damaged_vocabulary_entry_is_parsed_again_and_rewritten(folder: Path, parses: list[Path],
                                                                  damage: str) -> None:
    path = MAPS / "concepts.yaml"
    good = cache.vocabulary(path)
    [entry] = [p for p in entries(folder) if "vocabularies-" in str(p)]
    raw = entry.read_bytes()
    body = json.loads(zlib.decompress(raw[len(cache._VOCABULARY_MAGIC):]))
    if damage == "truncated":
        entry.write_bytes(raw[:len(raw) // 2])
    elif damage == "garbage":
        entry.write_bytes(cache._VOCABULARY_MAGIC + b"\x00" * 40)
    else:
        if damage == "not-a-vocabulary":
            body["concepts"] = {"a": 1}
        elif damage == "broken-validator":
            body["concepts"][0][0] = "Not An Id"
        else:
            body["concepts"][0][4] = [1, 2]
        entry.write_bytes(cache._VOCABULARY_MAGIC + zlib.compress(json.dumps(body).encode()))
    _fresh_process()
    assert cache.vocabulary(path) == good and parses == [path, path]
    assert entry.read_bytes() == raw  # written again, as it was


def test_caching_false_keeps_no_vocabulary(folder: Path, parses: list[Path]) -> None:
    with argmap.caching(False):
        cache.vocabulary(MAPS / "concepts.yaml")
    assert not folder.exists() or not [p for p in entries(folder) if "vocabularies-" in str(p)]


def test_a_broken_vocabulary_file_is_still_an_error_with_its_line(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "concepts.yaml"
    path.write_text("concepts:\n  - id: Bad Id\n    kind: factor\n    label: X\n", encoding="utf-8")
    for _ in range(2):
        _fresh_process()
        with pytest.raises(argmap.LoadError, match=r"concepts.yaml:2:"):
            cache.vocabulary(path)
