"""The cache of projections (argmap.projected): a restored projection is the one project()
makes, a comparison of map files is the same warm, cold, without the cache and from loaded
maps, an entry misses on every change of what a projection depends on, damaged entries are
rebuilt, and files that do not load are listed (keep_going) or raised."""

from __future__ import annotations

import json
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
from hypothesis import strategies as st

import argmap
from argmap import projected
from argmap.cache import MapCache
from argmap.comparison import Comparison
from argmap.diffing import MapFacts
from argmap.model import ArgumentMap
from argmap.projection import Projection, project
from conftest import MAPS, SEEDS
from strategies import maps, vocabularies


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    where = tmp_path / "cache"
    with argmap.caching(folder=where):
        yield where


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the seed maps, their vocabulary and texts: corpus/maps/*.yaml quoting corpus/seeds/."""
    root = tmp_path / "corpus"
    shutil.copytree(MAPS, root / "maps", ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(SEEDS, root / "seeds")
    return root / "maps"


def kept(folder: Path) -> list[Path]:
    return sorted(p for p in (folder / f"projections-{projected.FORMAT}").rglob("*") if p.is_file())


def as_json(c: Comparison) -> str:
    """Everything a comparison says of its maps, as the JSON document (every finding, metric
    and quote; the files left out are checked on their own)."""
    return argmap.comparison_to_json(c, pairs=True, skipped=())


def spans(c: Comparison) -> list[object]:
    """Where each quote of each projection was found (the JSON gives quotes without offsets)."""
    return [q.spans for p in c.projections for u in p.concepts for q in u.quotes]


def uncached(paths: Any, **kw: Any) -> Comparison:
    """The comparison from maps loaded and projected here, with no cache: the reference."""
    with argmap.caching(False):
        return argmap.compare(argmap.load_maps(paths), **kw)


# --- a restored projection is project()'s ------------------------------------------------------


def _objects(p: Projection) -> list[Any]:
    """Every object of a projection, in a fixed order, for a comparison of types and positions."""
    out: list[Any] = [p, p.source]
    for use in p.concepts:
        out += [use, *use.mentions, *(q for m in use.mentions for q in m.quotes)]
    for link in p.links:
        out += [link, *link.paths, *(q for x in link.paths for q in x.quotes)]
    return out


@st.composite
def maps_and_vocabularies(draw: st.DrawFn) -> tuple[ArgumentMap, argmap.Vocabulary | None]:
    """A map whose nodes link concepts of a vocabulary (some not in it), with positions."""
    vocabulary = draw(st.none() | vocabularies())
    amap = draw(maps(anchored=True))
    if vocabulary is not None:
        ids = [c.id for c in vocabulary.concepts]
        amap = attrs.evolve(amap, nodes=[
            attrs.evolve(n, concept=draw(st.sampled_from(ids)) if n.concept is not None and draw(st.booleans())
                         else n.concept) for n in amap.nodes])
    line = iter(range(1, 100_000))
    at = lambda obj: attrs.evolve(obj, position=argmap.Position(next(line), 2))  # noqa: E731
    amap = attrs.evolve(amap, source=at(amap.source), path=Path("somewhere/maps/a.yaml"),
                        nodes=[attrs.evolve(at(n), quotes=[at(q) for q in n.quotes]) for n in amap.nodes],
                        edges=[attrs.evolve(e, quote=None if e.quote is None else at(e.quote)) for e in amap.edges])
    return amap, vocabulary


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(maps_and_vocabularies(), st.sampled_from(["fine", "broad"]))
def test_an_entry_restores_the_projection_project_makes(made: tuple[ArgumentMap, Any], level: str) -> None:
    """Encoded and restored, a projection equals project()'s, with its path, its source file
    and every quote's position, of the same types (enum members, tuples, frozensets); the
    facts equal MapFacts.of(map)."""
    amap, vocabulary = made
    assert amap.path is not None
    want = project(amap, vocabulary, level=level)  # type: ignore[arg-type]
    record = json.loads(json.dumps(projected._encode(want, MapFacts.of(amap))))
    got, facts = projected._Restorer(level).projection(record, amap.path)  # type: ignore[arg-type]
    assert got == want and (got.path, got.source_file) == (want.path, want.source_file)
    assert facts == MapFacts.of(amap)
    for old, new in zip(_objects(want), _objects(got), strict=True):
        assert type(new) is type(old) and old == new
        assert getattr(old, "position", None) == getattr(new, "position", None)
        for field in attrs.fields(type(old)):
            assert type(getattr(new, field.name)) is type(getattr(old, field.name)), field.name
    assert list(got.kinds) == list(want.kinds) and got.causal_concepts == want.causal_concepts


# --- the same comparison every way ---------------------------------------------------------------


@pytest.mark.parametrize("level", ["fine", "broad"])
def test_a_comparison_of_files_is_the_same_cold_warm_and_from_loaded_maps(folder: Path, corpus: Path,
                                                                          level: str) -> None:
    want = as_json(uncached(corpus, level=level))
    cold = argmap.compare(corpus, level=level)
    assert len(kept(folder)) == 5
    warm = argmap.compare(corpus, level=level)
    assert as_json(cold) == as_json(warm) == want
    assert [p.path for p in warm.projections] == [p.path for p in cold.projections] == sorted(corpus.glob("0*.yaml"))
    with argmap.caching(False):
        assert as_json(argmap.compare(corpus, level=level)) == want


def test_a_warm_comparison_builds_no_map(folder: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Warm, nothing is projected; a map is loaded only to find the vocabulary (the first map
    names it), and none where the vocabulary is given."""
    argmap.compare(corpus)
    loads: list[Path] = []
    real_load = MapCache.load

    def counted(self: MapCache, path: Any, **kw: Any) -> ArgumentMap:
        loads.append(Path(path))
        return real_load(self, path, **kw)

    def no_projection(*_args: Any, **_kw: Any) -> None:
        raise AssertionError("a map was projected")

    monkeypatch.setattr(MapCache, "load", counted)
    monkeypatch.setattr(projected, "project", no_projection)
    argmap.compare(corpus)
    assert loads == sorted(corpus.glob("0*.yaml"))[:1]
    argmap.compare(corpus, vocabulary=corpus / "concepts.yaml")
    assert len(loads) == 1


def test_several_maps_of_one_text_keep_their_keys(folder: Path, corpus: Path) -> None:
    """Two maps of one source are keyed by id/stem, as when the maps are given loaded."""
    shutil.copyfile(corpus / "001-mutually-beneficial.yaml", corpus / "001-again.yaml")
    want = uncached(corpus)
    for _ in range(2):
        got = argmap.compare(corpus)
        assert got.keys == want.keys and as_json(got) == as_json(want)
    source_id = argmap.load(corpus / "001-again.yaml").source.id
    assert {f"{source_id}/001-again", f"{source_id}/001-mutually-beneficial"} <= set(got.keys)


# --- never stale ---------------------------------------------------------------------------------


def test_a_change_to_a_map_misses(folder: Path, corpus: Path) -> None:
    argmap.compare(corpus)
    path = corpus / "002-lost-opportunities.yaml"
    text = path.read_text(encoding="utf-8")
    assert "stance: affirms" in text
    path.write_text(text.replace("stance: affirms", "stance: denies", 1), encoding="utf-8")
    assert as_json(argmap.compare(corpus)) == as_json(uncached(corpus))
    assert len(kept(folder)) == 6


def test_a_change_to_a_source_text_misses(folder: Path, corpus: Path) -> None:
    """Text put before every quote moves every offset: the kept projection (same map bytes)
    is stale by the text's hash and is made again."""
    before = argmap.compare(corpus)
    text = corpus.parent / "seeds" / "001_05876df297dd2348.txt"
    text.write_text("A new first line.\n" + text.read_text(encoding="utf-8"), encoding="utf-8")
    after = argmap.compare(corpus)
    assert spans(after) == spans(uncached(corpus)) != spans(before)
    assert as_json(after) == as_json(uncached(corpus))


def test_a_change_to_the_vocabulary_misses(folder: Path, corpus: Path) -> None:
    argmap.compare(corpus)
    vocabulary = corpus / "concepts.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    assert "kind: factor" in text
    vocabulary.write_text(text.replace("kind: factor", "kind: outcome", 1), encoding="utf-8")
    assert as_json(argmap.compare(corpus)) == as_json(uncached(corpus))
    assert len(kept(folder)) == 10


def test_equal_vocabularies_share_entries_and_another_misses(folder: Path, corpus: Path) -> None:
    """A vocabulary is named in the key by its content, also where it is given as an object."""
    vocabulary = argmap.load_vocabulary(corpus / "concepts.yaml")
    argmap.compare(corpus, vocabulary=vocabulary)
    argmap.compare(corpus, vocabulary=argmap.load_vocabulary(corpus / "concepts.yaml"))
    argmap.compare(corpus)
    assert len(kept(folder)) == 5
    fewer = argmap.Vocabulary(vocabulary.concepts[1:], periods=vocabulary.periods)
    assert as_json(argmap.compare(corpus, vocabulary=fewer)) == as_json(uncached(corpus, vocabulary=fewer))
    assert len(kept(folder)) == 10


def test_each_level_has_its_own_entries(folder: Path, corpus: Path) -> None:
    argmap.compare(corpus, level="fine")
    argmap.compare(corpus, level="broad")
    assert len(kept(folder)) == 10


def test_changed_projecting_code_misses(folder: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    argmap.compare(corpus)
    monkeypatch.setattr(projected, "_code", [b"other code"])
    argmap.compare(corpus)
    assert len(kept(folder)) == 10


def test_the_projecting_modules_are_what_a_comparison_of_files_runs() -> None:
    """PROJECTION_MODULES (with the map cache's LOADING_MODULES, also in every name) lists
    every argmap module that reading a comparison's maps as projections runs."""
    code = ("import sys, argmap.projected\nwith argmap.caching(False):\n"
            f"    argmap.projected.read_projected({str(MAPS)!r})\n"
            "print(sorted(m for m in sys.modules if m.startswith('argmap.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    ran = set(json.loads(out.replace("'", '"'))) - {"argmap._version", "argmap._gc"}
    from argmap.cache import LOADING_MODULES

    assert ran <= set(LOADING_MODULES) | set(projected.PROJECTION_MODULES), \
        ran - set(LOADING_MODULES) - set(projected.PROJECTION_MODULES)
    assert set(projected.PROJECTION_MODULES) <= ran


# --- damaged entries -----------------------------------------------------------------------------


def _rewrite_entry(raw: bytes, change: Any) -> bytes:
    data = json.loads(zlib.decompress(raw[8:]))
    change(data)
    return raw[:8] + zlib.compress(json.dumps(data).encode())


def _rewrite(raw: bytes, change: Any) -> bytes:
    """The entry with its projection record changed."""
    return _rewrite_entry(raw, lambda data: change(data["projection"]))


DAMAGE = {
    "truncate": lambda raw: raw[: len(raw) // 2],
    "garbage": lambda raw: os.urandom(len(raw)),
    "magic": lambda raw: b"XXXXXXXX" + raw[8:],
    "json": lambda raw: raw[:8] + zlib.compress(b"{not json"),
    "level": lambda raw: _rewrite(raw, lambda d: d.__setitem__("level", "broad")),
    "kind": lambda raw: _rewrite(raw, lambda d: d["concepts"][0][2][0].__setitem__(1, "no-such-kind")),
    "stance": lambda raw: _rewrite(raw, lambda d: d["concepts"][0][2][0].__setitem__(3, "maybe")),
    "node-id": lambda raw: _rewrite(raw, lambda d: d["concepts"][0][2][0].__setitem__(0, " x")),
    "no-mentions": lambda raw: _rewrite(raw, lambda d: d["concepts"][0].__setitem__(2, [])),
    "sign": lambda raw: _rewrite(raw, lambda d: d["links"][0][3][0].__setitem__(2, None)),
    "directions": lambda raw: _rewrite(raw, lambda d: d["links"][0][3][0].__setitem__(6, ["increase"])),
    "span": lambda raw: _rewrite(raw, lambda d: d["concepts"][0][2][0][4][0].__setitem__(1, [9, 3])),
    "concept-kind": lambda raw: _rewrite(raw, lambda d: d["kinds"][0].__setitem__(1, "idea")),
    "count": lambda raw: _rewrite(raw, lambda d: d.__setitem__("quoted", -1)),
    "facts": lambda raw: _rewrite(raw, lambda d: d["facts"].__setitem__(1, [7])),
    "other-source": lambda raw: _rewrite(raw, lambda d: d["source"].__setitem__(1, "../seeds/elsewhere.txt")),
    "key": lambda raw: _rewrite_entry(raw, lambda d: d.__setitem__("key", "0" * 64)),
    "source-hash": lambda raw: _rewrite_entry(raw, lambda d: d.__setitem__("source_sha256", "0" * 64)),
    "version": lambda raw: _rewrite_entry(raw, lambda d: d.__setitem__("argmap", "0.0.0")),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_entry_is_ignored_and_written_again(folder: Path, corpus: Path, damage: str) -> None:
    want = as_json(argmap.compare(corpus))
    entry = next(p for p in kept(folder) if b'"links":[[' in zlib.decompress(p.read_bytes()[8:]))
    raw = entry.read_bytes()
    entry.write_bytes(DAMAGE[damage](raw))
    assert as_json(argmap.compare(corpus)) == want
    assert entry.read_bytes() == raw


# --- files that do not load, and processes -------------------------------------------------------


def test_a_broken_file_is_raised_or_with_keep_going_left_out_and_listed(folder: Path, corpus: Path) -> None:
    broken = corpus / "000-broken.yaml"
    broken.write_text("source: [\n", encoding="utf-8")
    with pytest.raises(argmap.LoadError) as raised:
        argmap.compare(corpus)
    assert str(broken) in str(raised.value)
    got = argmap.compare(corpus, keep_going=True)
    assert [p for p, _problems in got.skipped] == [broken] and got.skipped[0][1]
    broken.unlink()
    assert as_json(got) == as_json(uncached(corpus))


def test_with_keep_going_and_no_map_that_loads_it_raises(folder: Path, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("source: [\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("nodes: 3\n", encoding="utf-8")
    with pytest.raises(argmap.LoadError) as raised:
        argmap.compare(tmp_path, keep_going=True)
    assert "a.yaml" in str(raised.value) and "b.yaml" in str(raised.value)


def test_the_vocabulary_comes_from_the_first_map_that_loads(folder: Path, corpus: Path) -> None:
    """As vocabulary_for finds it among the maps that loaded: a broken first file is passed by."""
    (corpus / "000-broken.yaml").write_text("source: [\n", encoding="utf-8")
    got = argmap.compare(corpus, keep_going=True)
    assert got.vocabulary is not None and got.vocabulary.path == corpus / "concepts.yaml"


@pytest.mark.parametrize("cached", [True, False])
def test_a_parallel_read_gives_the_comparison_of_a_serial_one(folder: Path, corpus: Path, cached: bool,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """jobs=2 reads the maps the cache lacks in two processes, which send back projection
    entries (also with the cache off, where the entry is only the way back); the result and
    the problems of a broken file are those of a serial read."""
    broken = corpus / "009-broken.yaml"
    broken.write_text("source: [\n", encoding="utf-8")
    monkeypatch.setattr(projected, "PARALLEL_FROM", 2)
    monkeypatch.setattr(projected, "_CHUNK", 2)
    with argmap.caching(cached, folder=folder):
        parallel = argmap.compare(corpus, keep_going=True, jobs=2)
    serial = uncached(sorted(set(corpus.glob("0*.yaml")) - {broken}))
    assert as_json(parallel) == as_json(serial)
    assert [(p, [str(x) for x in problems]) for p, problems in parallel.skipped] == \
        [(broken, [str(x) for x in argmap.load_corpus([broken]).failed[0][1]])]
    assert len(kept(folder) if folder.exists() and cached else []) == (5 if cached else 0)


class _PoolThatBreaks:
    """A process pool whose first chunk is read (in this process) and whose other chunks fail
    as when a worker is killed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.submitted = 0

    def __enter__(self) -> _PoolThatBreaks:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def submit(self, fn: Any, *args: Any) -> Any:
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        future: Future[Any] = Future()
        self.submitted += 1
        if self.submitted == 1:
            future.set_result(fn(*args))
        else:
            future.set_exception(BrokenProcessPool("a process in the pool was terminated abruptly"))
        return future


@pytest.mark.parametrize("reader", ["compare", "load_corpus"])
def test_a_worker_that_dies_leaves_its_maps_to_this_process(folder: Path, corpus: Path, reader: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed mid-read (out of memory, a signal) is no traceback: the maps it did not
    send back are read here, with a warning, and the result is that of a serial read."""
    import concurrent.futures

    from argmap import workspace

    for module in (projected, workspace):
        monkeypatch.setattr(module, "PARALLEL_FROM", 2)
        monkeypatch.setattr(module, "_CHUNK", 2)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _PoolThatBreaks)
    def read() -> Any:
        if reader == "compare":
            return as_json(argmap.compare(corpus, jobs=2))
        return [m.source.id for m in argmap.load_corpus(corpus, jobs=2).maps]

    with argmap.caching(False), pytest.warns(RuntimeWarning, match="worker process ended abruptly"):
        got = read()
    if reader == "compare":
        assert got == as_json(uncached(corpus))
    else:
        assert got == [m.source.id for m in argmap.load_maps(corpus)]


def test_maps_given_loaded_or_mixed_with_paths_compare_alike(folder: Path, corpus: Path) -> None:
    files = sorted(corpus.glob("0*.yaml"))
    loaded = argmap.load_maps(files[:2])
    assert as_json(argmap.compare([*loaded, *files[2:]])) == as_json(argmap.compare(corpus))


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(maps(anchored=True), min_size=1, max_size=3))
def test_shared_quotes_are_the_quotes_each_record_gives(amaps: list[ArgumentMap]) -> None:
    """The quote memo of a restore gives, for each record, the quote the record makes on its
    own (positions included), one object for equal records; a damaged record is still refused."""
    from argmap import cache

    records = [cache._quote(q) for m in amaps for n in m.nodes for q in n.quotes]
    records = json.loads(json.dumps(records + records[: len(records) // 2]))
    decoder = cache._Decoder()
    shared = decoder.shared_quotes(records)
    alone = [cache._Decoder().quotes([r])[0] for r in records]
    assert list(shared) == alone and [q.position for q in shared] == [q.position for q in alone]
    for i, record in enumerate(records):
        first = records.index(record)
        assert (shared[i] is shared[first]) or record != records[first]
    if records:
        with pytest.raises(ValueError, match="spans"):
            decoder.shared_quotes([[records[0][0], [5, 2], None, None]])


@given(maps_and_vocabularies(), st.text(min_size=1, max_size=8))
def test_a_projection_with_another_key_is_the_one_project_makes_with_it(made: tuple[ArgumentMap, Any],
                                                                        key: str) -> None:
    amap, vocabulary = made
    got = project(amap, vocabulary).with_key(key)
    want = project(amap, vocabulary, key=key)
    assert got == want and got.key == key
    assert all(getattr(got, f.name) == getattr(want, f.name) for f in attrs.fields(Projection))


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_corpus_without_a_vocabulary_is_read_whole_and_compared_alike(folder: Path, corpus: Path, jobs: int,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the first map names no vocabulary and none lies beside it, the rest are loaded at
    once (in processes with jobs=2), a later map naming one decides, and the result is the
    comparison of loaded maps; a broken file among them is listed."""
    from argmap import workspace

    (corpus / "concepts.yaml").rename(corpus.parent / "vocabulary.yaml")
    last = sorted(corpus.glob("0*.yaml"))[-1]
    last.write_text("vocabulary: ../vocabulary.yaml\n" + last.read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "002-broken.yaml").write_text("source: [\n", encoding="utf-8")
    monkeypatch.setattr(workspace, "PARALLEL_FROM", 2)
    for _ in range(2):  # cold, then warm
        got = argmap.compare(corpus, keep_going=True, jobs=jobs)
        assert got.vocabulary is not None and got.vocabulary.path == corpus / ".." / "vocabulary.yaml"
        assert [p.name for p, _problems in got.skipped] == ["002-broken.yaml"]
        assert as_json(got) == as_json(uncached(sorted(set(corpus.glob("0*.yaml")) - {corpus / "002-broken.yaml"})))
    (corpus / "002-broken.yaml").unlink()
    last.write_text(last.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    got = argmap.compare(corpus)
    assert got.vocabulary is None and as_json(got) == as_json(uncached(corpus))


def test_a_comparison_warns_of_claims_that_break_the_vocabularys_stance_rules(folder: Path, corpus: Path) -> None:
    """A vocabulary edited so that a proposition the maps take stances on becomes a factor
    (validate then reports every such node): the comparison says so, naming the concept and
    the authors, warm as cold and as from loaded maps; the seed maps break no rule."""
    assert not any("stance rules" in w for w in argmap.compare(corpus).warnings)
    vocabulary = corpus / "concepts.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    block = text[text.index("- id: relations-structurally-determined"):]
    edited = block.replace("kind: proposition", "kind: factor", 1)
    assert edited != block
    vocabulary.write_text(text.replace(block, edited), encoding="utf-8")
    for got in (argmap.compare(corpus), argmap.compare(corpus), uncached(corpus)):
        [warning] = [w for w in got.warnings if "stance rules" in w]
        assert "relations-structurally-determined (factor): " in warning
        assert "a stance on a concept that is not a proposition" in warning
    assert "stance on factor concept 'relations-structurally-determined'" in "\n".join(
        str(p) for path in sorted(corpus.glob("0*.yaml")) for p in argmap.check(path))


def test_a_proposition_without_a_stance_is_warned_of_and_long_lists_are_cut(folder: Path, corpus: Path) -> None:
    first = sorted(corpus.glob("0*.yaml"))[0]
    text = first.read_text(encoding="utf-8")
    for n in range(7):  # seven authors who link a proposition without a stance
        (corpus / f"1{n}-copy.yaml").write_text(text.replace("    stance: affirms\n", "", 1), encoding="utf-8")
    [warning] = [w for w in argmap.compare(corpus).warnings if "stance rules" in w]
    assert warning.startswith("7 maps break the vocabulary's stance rules: a proposition linked without a stance (")
    assert "and 2 more), compared as a mention." in warning


@pytest.mark.parametrize("fmt", ["md", "text"])
def test_text_and_markdown_name_the_maps_left_out(folder: Path, corpus: Path, fmt: str) -> None:
    """A report passed on says who is missing: the text and Markdown of a comparison made with
    keep_going name each file left out among the warnings."""
    (corpus / "000-broken.yaml").write_text("source: [\n", encoding="utf-8")
    got = argmap.compare(corpus, keep_going=True)
    text = argmap.comparison_to_markdown(got) if fmt == "md" else argmap.comparison_to_text(got, width=200)
    assert "left out 1 map file that did not load: maps/000-broken.yaml (1 problem)" in text
    assert "left out" not in (argmap.comparison_to_markdown(uncached(sorted(corpus.glob("0*.yaml"))[1:]))
                              if fmt == "md" else argmap.comparison_to_text(uncached(corpus.glob("00[1-9]*.yaml"))))


@pytest.mark.parametrize("reader", ["compare", "load_corpus"])
def test_a_script_without_the_main_guard_gets_one_warning_naming_it(corpus: Path, tmp_path: Path,
                                                                     reader: str) -> None:
    """A script that calls argmap with ``jobs`` at its top level (no ``if __name__ ==
    "__main__":``) starts workers that import it again: each would raise Python's
    bootstrapping RuntimeError with a traceback. Each ends quietly instead, the maps are read
    in the script's process, and one warning names the fix."""
    call = "argmap.compare(folder, jobs=2).keys" if reader == "compare" else \
        "[m.source.id for m in argmap.load_corpus(folder, jobs=2).maps]"
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import sys\nimport argmap\nfrom argmap import projected, workspace\n"
        "projected.PARALLEL_FROM = workspace.PARALLEL_FROM = 2\n"
        f"folder = {str(corpus)!r}\nprint(len({call}))\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "ARGMAP_NO_CACHE": "1"}, cwd=tmp_path, check=False)
    assert done.returncode == 0 and done.stdout.strip() == "5"
    assert "Traceback" not in done.stderr and "bootstrapping" not in done.stderr
    assert 'put it under `if __name__ == "__main__":`' in done.stderr
