"""Map files read for a comparison as their projections, through a cache of projections.

A comparison reads a map only through its projection (:func:`argmap.projection.project`)
and a few facts for its warnings (:class:`~argmap.diffing.MapFacts`). For a corpus of
thousands of maps, rebuilding every map from the cache of loaded maps and projecting it was
most of a warm run, although a projection holds a third of a map (the nodes that link a
concept and the causal chains between them). So each projection is kept too, under
``projections-1/`` in the cache folder (:func:`argmap.cache.cache_folder`), and a warm
comparison of map files builds no map at all.

* *Key.* An entry is named by the SHA-256 of the map file's bytes, the entry format, argmap's
  version, the source code of the loading modules (as a map entry's name) and of the
  projecting ones (:data:`PROJECTION_MODULES`), the fields of the classes stored, the
  vocabulary's content (every concept and period, not its path) and the level. It records the
  SHA-256 of the source text the quotes were found in, checked on each read as a map entry's
  is, so an entry is never used stale.
* *Restore.* Projections are rebuilt through their constructors (they hold no validators),
  each value's type checked first; quotes and the source go through the map cache's decoder,
  which checks them as the model's validators do. Any mismatch makes the entry damaged: it
  is ignored and written again.
* *Cold.* A map not kept is loaded through the map cache (hit or parse), projected, and its
  projection written. From :data:`argmap.workspace.PARALLEL_FROM` such maps on, they are read
  in one process per core, each sending back the projection's entry: the main process builds
  no map for them either.

Off with the map cache (``--no-cache``, ``ARGMAP_NO_CACHE``, :func:`argmap.caching`).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from argmap._gc import gc_paused
from argmap._version import __version__
from argmap.cache import (
    _DAMAGED,
    _DIRECTION,
    _KIND,
    _MAX_ENTRY,
    _SIGN,
    _STANCE,
    MapCache,
    _code_hash,
    _Decoder,
    _deflated,
    _entry_of,
    _hex,
    _is_optional_text,
    _is_text,
    _members,
    _quote,
    _source,
    _sources_hash,
    _value,
)
from argmap.concepts import ConceptKind, Vocabulary
from argmap.diffing import MapFacts
from argmap.errors import LoadError, Problem
from argmap.files import read_bytes, read_if_present, write_bytes
from argmap.model import ArgumentMap
from argmap.projection import (
    CausalLink,
    CausalPath,
    ConceptUse,
    Level,
    Mention,
    Projection,
    _source_file,
    project,
)
from argmap.workspace import (
    _WORKER_DIED,
    PARALLEL_FROM,
    _Bar,
    _check_spawning,
    _maps_among,
    _read,
    find_vocabulary,
    vocabulary_for,
)

__all__ = ["FORMAT", "PROJECTION_MODULES", "Projected", "read_projected"]

#: The entry format; raised when the layout of an entry changes.
FORMAT = 1
_MAGIC = b"ARGMAPP1"
#: The modules that reading maps as projections imports beyond loading (whose modules the
#: map entry's name covers; a test checks the list): their source is part of every entry's name.
PROJECTION_MODULES = ("argmap.alignment", "argmap.diffing", "argmap.metrics", "argmap.periods", "argmap.projected",
                      "argmap.projection", "argmap.workspace")
_CHUNK = 16

_CONCEPT_KIND = _members(ConceptKind, optional=False)
_FIELDS = ";".join(f"{c.__name__}:{','.join(f.name for f in attrs.fields(c))}"
                   for c in (Projection, ConceptUse, Mention, CausalLink, CausalPath, MapFacts))
_code: list[bytes] = []


def _projection_code() -> bytes:
    """The SHA-256 of the projecting modules' source files, once per process."""
    if not _code:
        _code.append(_sources_hash(PROJECTION_MODULES))
    return _code[0]


_VOCABULARY_IDS: dict[int, tuple[Vocabulary, bytes]] = {}


def _vocabulary_id(vocabulary: Vocabulary | None) -> bytes:
    """What names a vocabulary's content in an entry's name: the SHA-256 of every concept's
    and period's field values (not its path), once per vocabulary object per process."""
    if vocabulary is None:
        return b"no vocabulary"
    kept = _VOCABULARY_IDS.get(id(vocabulary))
    if kept is None or kept[0] is not vocabulary:
        content = json.dumps([[list(attrs.astuple(c, recurse=False)) for c in vocabulary.concepts],
                              [list(attrs.astuple(p, recurse=False)) for p in vocabulary.periods]],
                             ensure_ascii=False, default=repr)
        if len(_VOCABULARY_IDS) >= 16:
            _VOCABULARY_IDS.clear()
        kept = _VOCABULARY_IDS[id(vocabulary)] = (vocabulary, hashlib.sha256(content.encode("utf-8",
                                                                                          "surrogatepass")).digest())
    return kept[1]


@attrs.frozen
class Projected:
    """One map file read for a comparison: its projection (keyed by source id) and the facts
    its warnings need."""

    projection: Projection
    facts: MapFacts


def _mention(m: Mention) -> list[Any]:
    return [m.node, m.kind.value, m.label, _value(m.stance), [_quote(q) for q in m.quotes], m.concept, m.period,
            _value(m.direction), m.implicit]


def _path(p: CausalPath) -> list[Any]:
    return [list(p.nodes), list(p.labels), p.sign.value, [_quote(q) for q in p.quotes], p.period,
            _value(p.chain_sign), [d.value for d in p.directions], p.implicit]


def _encode(p: Projection, facts: MapFacts) -> dict[str, Any]:
    return {"fields": _FIELDS, "source": _source(p.source),
            "concepts": [[u.concept, u.period, [_mention(m) for m in u.mentions]] for u in p.concepts],
            "links": [[k.cause, k.effect, k.period, [_path(x) for x in k.paths]] for k in p.links],
            "kinds": [[c, kind.value] for c, kind in p.kinds.items()],
            "causal": sorted(p.causal_concepts), "level": p.level,
            "quoted": p.quoted_nodes, "implicit": p.implicit_nodes,
            "facts": [facts.vocabulary, list(facts.concepts), list(facts.periods)]}


def _bad(what: str) -> ValueError:
    return ValueError(f"not a {what} record")


def _texts(values: Any, what: str) -> tuple[str, ...]:
    if type(values) is not list or not all(_is_text(v) for v in values):
        raise _bad(what)
    return tuple(values)


def _count(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise _bad("count")
    return value


class _Restorer:
    """Rebuilds projections from entries, checking each value's type first (``ValueError``,
    ``TypeError``, ``KeyError`` or ``IndexError`` for anything :func:`_encode` does not
    write)."""

    def __init__(self, level: Level) -> None:
        self.level = level
        self._decoder = _Decoder()

    def mention(self, record: Any) -> Mention:
        node, kind, label, stance, quotes, concept, period, direction, implicit = record
        self._decoder.identifier(node)
        if not (_is_text(label) and _is_optional_text(concept) and _is_optional_text(period)
                and type(implicit) is bool):
            raise _bad("mention")
        return Mention(node, _KIND[kind], label, _STANCE[stance], self._decoder.shared_quotes(quotes), concept=concept,
                       period=period, direction=_DIRECTION[direction], implicit=implicit)

    def path(self, record: Any) -> CausalPath:
        nodes, labels, sign, quotes, period, chain_sign, directions, implicit = record
        if not (_is_optional_text(period) and type(implicit) is bool and type(directions) is list
                and len(directions) == 2):
            raise _bad("causal path")
        for node in nodes:
            self._decoder.identifier(node)
        cause, effect = directions
        return CausalPath(tuple(nodes), _texts(labels, "causal path"), _SIGN[sign] or _no_sign(),
                          self._decoder.shared_quotes(quotes), period=period, chain_sign=_SIGN[chain_sign],
                          directions=(_DIRECTION[cause] or _no_sign(), _DIRECTION[effect] or _no_sign()),
                          implicit=implicit)

    def projection(self, data: dict[str, Any], path: Path) -> tuple[Projection, MapFacts]:
        if data["fields"] != _FIELDS or data["level"] != self.level:
            raise ValueError("the entry was written for other fields or another level")
        uses = []
        for concept, period, mentions in data["concepts"]:
            if not (_is_text(concept) and _is_optional_text(period)) or type(mentions) is not list or not mentions:
                raise _bad("concept use")
            uses.append(ConceptUse(concept, tuple([self.mention(m) for m in mentions]), period))
        links = []
        for cause, effect, period, paths in data["links"]:
            if not (_is_text(cause) and _is_text(effect) and _is_optional_text(period)) \
                    or type(paths) is not list or not paths:
                raise _bad("causal link")
            links.append(CausalLink(cause, effect, tuple([self.path(x) for x in paths]), period))
        kinds = {}
        for concept, kind in data["kinds"]:
            if not _is_text(concept):
                raise _bad("kind")
            kinds[concept] = _CONCEPT_KIND[kind]
        vocabulary, concepts, periods = data["facts"]
        if not _is_optional_text(vocabulary):
            raise _bad("facts")
        source = self._decoder.source(data["source"])
        projection = Projection(
            source, tuple(uses), tuple(links), kinds, frozenset(_texts(data["causal"], "concepts")), source.id,
            path=path, source_file=_source_file(os.path.dirname(path), path, source.file), level=self.level,
            quoted_nodes=_count(data["quoted"]), implicit_nodes=_count(data["implicit"]))
        return projection, MapFacts(path, vocabulary, _texts(concepts, "facts"), _texts(periods, "facts"))


def _no_sign() -> Any:
    raise ValueError("a causal path has a sign and two directions")


class _Store:
    """The projections of one run: one vocabulary and level, entries in the map cache's
    folder (none where caching is off)."""

    def __init__(self, cache: MapCache, vocabulary: Vocabulary | None, level: Level) -> None:
        self.cache = cache
        self.vocabulary = vocabulary
        self.level = level
        self._prefix = (f"argmap-projection\0{FORMAT}\0{__version__}\0{_FIELDS}\0{level}\0".encode()
                        + _code_hash() + _projection_code() + _vocabulary_id(vocabulary))
        self._restorer = _Restorer(level)
        self._hashes: dict[tuple[str, str], str | None] = {}
        self.hits = self.writes = 0

    def _entry_path(self, key: str) -> str:
        assert self.cache.folder is not None
        return f"{self.cache.folder}{os.sep}projections-{FORMAT}{os.sep}{key[:2]}{os.sep}{key[2:]}"

    def _source_hash(self, path: Path, file: str) -> str | None:
        """The hash of the source text ``file`` names beside the map at ``path``, looked up
        once per folder and file (the map cache hashes each text once a run)."""
        where = (os.path.dirname(path), file)
        found = self._hashes.get(where, False)
        if found is False:
            found = self._hashes[where] = self.cache.source_hash(path.parent / file)
        return found  # type: ignore[return-value]

    def key(self, data: bytes) -> str:
        """An entry's name for a map file's bytes."""
        return _hex(self._prefix + data)

    def lookup(self, path: Path) -> Projected | None:
        """The kept projection of a map file, or None (no cache, no entry, a damaged or stale
        one). Raises :class:`~argmap.errors.LoadError` where the file cannot be read."""
        if self.cache.folder is None:
            return None
        key = self.key(read_bytes(path))
        raw = read_if_present(self._entry_path(key), limit=_MAX_ENTRY)
        found = None if raw is None else self.restore(raw, key, path, check_source=True)
        if found is not None:
            self.hits += 1
        return found

    def restore(self, raw: bytes, key: str, path: Path, *, check_source: bool) -> Projected | None:
        """The projection of an entry, or None where it is damaged, foreign or stale."""
        try:
            entry = _entry_of(_MAGIC, FORMAT, raw, key,
                              (lambda file: self._source_hash(path, file)) if check_source else None)
            if entry is None:
                return None
            projection, facts = self._restorer.projection(entry["projection"], path)
            if projection.source.file != entry["source_file"]:
                return None
            return Projected(projection, facts)
        except _DAMAGED:
            return None

    def project(self, path: Path, amap: ArgumentMap, *, write: bool = True) -> tuple[Projected, bytes | None]:
        """A loaded (anchored) map's projection and facts, and its entry (written where there is a
        cache folder and ``write``; None where it cannot be made)."""
        projected = Projected(project(amap, self.vocabulary, level=self.level), MapFacts.of(amap))
        source_hash = self.cache.source_hash(path.parent / amap.source.file)
        if source_hash is None:  # the text went since the map was anchored: nothing to record
            return projected, None
        key = self.key(read_bytes(path))
        entry = {"format": FORMAT, "argmap": __version__, "key": key, "source_file": amap.source.file,
                 "source_sha256": source_hash, "projection": _encode(projected.projection, projected.facts)}
        try:
            raw = _deflated(_MAGIC, entry)
        except (TypeError, ValueError):  # pragma: no cover - every field is stored
            return projected, None
        if write and self.cache.folder is not None:
            try:
                write_bytes(self._entry_path(key), raw, parents=True, sync=False)
                self.writes += 1
            except OSError:
                pass  # a cache that cannot be written is no error
        return projected, raw


def _project_files(folder: str | None, vocabulary: Vocabulary | None, level: Level,
                   paths: list[str]) -> list[bytes | tuple[Problem, ...]]:
    """In a worker process: each map file loaded, anchored and projected, as the projection's
    entry (or the file's problems)."""
    store = _Store(MapCache(Path(folder) if folder is not None else None), vocabulary, level)
    out: list[bytes | tuple[Problem, ...]] = []
    with gc_paused():
        for name in paths:
            path = Path(name)
            try:
                _projected, raw = store.project(path, store.cache.load(path))
            except LoadError as exc:
                out.append(tuple(exc.problems))
                continue
            out.append(raw if raw is not None else ())
    return out


Result = Projected | tuple[Problem, ...] | None


def read_projected(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
                   vocabulary: Vocabulary | str | os.PathLike[str] | None = None, *, level: Level = "fine",
                   progress: bool = False, jobs: int = 1,
                   ) -> tuple[Vocabulary | None, list[Projected], list[tuple[Path, tuple[Problem, ...]]]]:
    """Every map among the paths (as :func:`argmap.load_corpus` finds and reads them) as its
    projection at ``level``, keeping going past files that do not load.

    Returns the vocabulary (``vocabulary`` where given, a file loaded; else the one the
    first map that names or finds one uses, as :func:`argmap.vocabulary_for` finds it; None
    where there is none), the projections in the order of the files (each keyed by its
    source id), and each file that did not load with its problems. ``progress`` and ``jobs``
    as for :func:`argmap.load_corpus`. Raises :class:`~argmap.errors.PathError` where the
    paths hold no map file, :class:`~argmap.errors.LoadError` where the vocabulary cannot be
    read, :class:`~argmap.errors.MetricError` for an unknown level.
    """
    from argmap.projection import check_level

    level = check_level(level)
    files = _maps_among(paths)
    cache = MapCache.default()
    results: list[Result] = [None] * len(files)
    bar = _Bar(len(files), progress)
    try:
        with gc_paused():
            loaded: dict[int, ArgumentMap] = {}
            if vocabulary is not None:
                found = vocabulary_for([], vocabulary)
            else:
                found = _find_vocabulary(files, cache, loaded, results, bar, jobs)
            store = _Store(cache, found, level)
            for i, path in enumerate(files):
                if results[i] is not None:
                    continue
                amap = loaded.pop(i, None)  # loaded to find the vocabulary
                try:
                    results[i] = store.lookup(path)
                    if results[i] is None and amap is not None:
                        results[i] = store.project(path, amap)[0]
                except LoadError as exc:
                    results[i] = tuple(exc.problems)
                if results[i] is not None:
                    bar.update()
            todo = [i for i, r in enumerate(results) if r is None]
            resolved_jobs = (os.cpu_count() or 1) if jobs == 0 else jobs
            if resolved_jobs > 1 and len(todo) >= PARALLEL_FROM:
                _in_processes(store, files, todo, results, resolved_jobs, bar)
            for i in todo:
                if results[i] is None:
                    try:
                        results[i] = store.project(files[i], cache.load(files[i]))[0]
                    except LoadError as exc:
                        results[i] = tuple(exc.problems)
                    bar.update()
    finally:
        bar.close()
    projected = [r for r in results if isinstance(r, Projected)]
    failed = [(p, r) for p, r in zip(files, results, strict=True) if isinstance(r, tuple)]
    return found, projected, failed


def _find_vocabulary(files: list[Path], cache: MapCache, loaded: dict[int, ArgumentMap], results: list[Result],
                     bar: _Bar, jobs: int) -> Vocabulary | None:
    """The vocabulary of the first map that loads and names or finds one, as
    :func:`argmap.vocabulary_for` finds it among loaded maps. The maps loaded on the way are
    left in ``loaded`` (by file index), the problems of those that do not load in ``results``.

    Usually the first map decides. Where it names no vocabulary and none lies beside it, the
    rest are loaded at once, in processes where there are many (``jobs``), as
    :func:`argmap.load_corpus` loads them: a corpus without a vocabulary is read as before."""
    for i, path in enumerate(files):
        try:
            loaded[i] = amap = cache.load(path)
        except LoadError as exc:
            results[i] = tuple(exc.problems)
            bar.update()
            continue
        if find_vocabulary(amap) is not None:
            return vocabulary_for([amap])
        rest = list(range(i + 1, len(files)))
        corpus = _read([files[k] for k in rest], anchor=True, progress=False, jobs=jobs)
        problems = dict(corpus.failed)
        maps = iter(corpus.maps)
        for k in rest:
            if files[k] in problems:
                results[k] = problems[files[k]]
                bar.update()
            else:
                loaded[k] = next(maps)
        ordered = [loaded[k] for k in sorted(loaded)]
        return vocabulary_for(ordered) if find_vocabulary(ordered) is not None else None
    return None


def _in_processes(store: _Store, files: list[Path], todo: list[int], results: list[Result], jobs: int,
                  bar: _Bar) -> None:
    """Load and project the maps at ``todo`` in ``jobs`` processes; each sends back the
    projection's entry, which this process restores without building the map."""
    import multiprocessing
    import warnings
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    _check_spawning()
    folder = str(store.cache.folder) if store.cache.folder is not None else None
    chunks = [todo[k:k + _CHUNK] for k in range(0, len(todo), _CHUNK)]
    # spawn, not fork: a fork copies whatever threads hold (a progress bar's monitor thread).
    try:
        with ProcessPoolExecutor(min(jobs, len(chunks)), mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = {pool.submit(_project_files, folder, store.vocabulary, store.level,
                                   [str(files[i]) for i in chunk]): chunk for chunk in chunks}
            for future in as_completed(futures):
                for i, made in zip(futures[future], future.result(), strict=True):
                    if isinstance(made, tuple):
                        results[i] = made or None  # () : made but not storable; read it here
                    else:
                        path = files[i]
                        try:
                            results[i] = store.restore(made, store.key(read_bytes(path)), path, check_source=False)
                        except LoadError:
                            results[i] = None  # the file went since: read it again here
                    if results[i] is not None:
                        bar.update()
    except BrokenProcessPool:
        # A worker died (killed, or out of memory): the maps not sent back yet are read in
        # this process by the caller, one by one.
        warnings.warn(_WORKER_DIED, RuntimeWarning, stacklevel=3)

