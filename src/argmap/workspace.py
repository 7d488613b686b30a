"""Finding maps on disk: folders expanded into map files, many maps loaded at once with every
problem collected, the vocabulary a map uses, and whether two maps quote the same text.

Everything that turns "the paths a user named" into maps and vocabularies lives here, once:
the command line, the report, the gallery and :func:`argmap.compare` all go through it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from argmap._gc import gc_paused
from argmap.cache import MapCache
from argmap.cache import vocabulary as cached_vocabulary
from argmap.concepts import Vocabulary
from argmap.errors import LoadError, PathError, Problem
from argmap.files import read_head, sha256
from argmap.model import ArgumentMap
from argmap.quotes import source_path

__all__ = [
    "DEFAULT_VOCABULARY",
    "MAP_SUFFIXES",
    "Corpus",
    "find_vocabulary",
    "is_vocabulary_file",
    "load_corpus",
    "load_maps",
    "map_files",
    "read_maps",
    "same_source",
    "vocabulary_file",
    "vocabulary_for",
]

#: The vocabulary a map uses where it names none: this file beside the map.
DEFAULT_VOCABULARY = "concepts.yaml"
#: The suffixes of map files looked for in a folder.
MAP_SUFFIXES = (".yaml", ".yml")

PathLike = str | os.PathLike[str]


def is_vocabulary_file(path: PathLike) -> bool:
    """Whether a YAML file looks like a vocabulary (a top-level ``concepts:`` key in its
    first 64 KiB); False where it cannot be read."""
    head = read_head(Path(path))
    return head.startswith(b"concepts:") or b"\nconcepts:" in head or b"\rconcepts:" in head


def _yaml_files(paths: Iterable[PathLike]) -> list[Path]:
    files: list[Path] = []
    for name in paths:
        p = Path(name)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.suffix in MAP_SUFFIXES and q.is_file())
            if not found:
                raise PathError(f"{p}: no .yaml files in this directory")
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            raise PathError(f"{p}: no such file or directory")
    return files


def map_files(paths: PathLike | Iterable[PathLike], *, vocabularies: bool = False) -> list[Path]:
    """The files named, each folder replaced by the ``.yaml``/``.yml`` files under it (sorted).

    Vocabulary files (see :func:`is_vocabulary_file`) are left out unless ``vocabularies``.
    Raises :class:`~argmap.errors.PathError` for a path that does not exist or a folder
    with no YAML file in it.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    files = _yaml_files(paths)
    return files if vocabularies else [p for p in files if not is_vocabulary_file(p)]


def _maps_among(paths: PathLike | Iterable[PathLike]) -> list[Path]:
    """:func:`map_files`, or :class:`~argmap.errors.PathError` where they hold no map (naming
    the vocabulary files found, which are left out as holding concepts, not a map)."""
    files = map_files(paths, vocabularies=True)
    maps = [p for p in files if not is_vocabulary_file(p)]
    if not maps:
        found = sorted({p.name for p in files})
        detail = f": only the vocabulary file {', '.join(found)} (concepts, not a map)" if found else ""
        raise PathError("no map files among the paths given" + detail)
    return maps


def load_maps(paths: PathLike | Iterable[PathLike], *, anchor: bool = True) -> list[ArgumentMap]:
    """Every map among the paths (folders expanded as by :func:`map_files`), in order.

    Every file is read before anything is raised, so that one
    :class:`~argmap.errors.LoadError` lists the problems of all of them. ``anchor=False``
    skips finding the quotes in the source texts (where their places are not needed). Maps
    come through the cache of loaded maps (:mod:`argmap.cache`; :func:`argmap.caching`
    turns it off). Raises :class:`~argmap.errors.PathError` where the paths hold no map at all.
    """
    return read_maps(_maps_among(paths), anchor=anchor)


def read_maps(files: Iterable[PathLike], *, anchor: bool = True) -> list[ArgumentMap]:
    """The maps in these files, in order; every file is read before one
    :class:`~argmap.errors.LoadError` lists the problems of all of them (a missing file
    included)."""
    return list(_read(list(files), anchor=anchor, progress=False).maps_or_raise())


@attrs.frozen
class Corpus:
    """The maps that loaded, in the order of their files, and each file that did not with its
    problems (``failed``: ``(path, problems)`` pairs, in order)."""

    maps: tuple[ArgumentMap, ...]
    failed: tuple[tuple[Path, tuple[Problem, ...]], ...] = ()

    def maps_or_raise(self) -> tuple[ArgumentMap, ...]:
        """The maps, where every file loaded; else :class:`~argmap.errors.LoadError` listing
        the problems of every file that did not."""
        if self.failed:
            raise LoadError([p for _path, problems in self.failed for p in problems])
        return self.maps


def load_corpus(paths: PathLike | Iterable[PathLike], *, anchor: bool = True, progress: bool = False,
                jobs: int = 1) -> Corpus:
    """Every map among the paths, as :func:`load_maps` reads them, but keeping going: a file
    that cannot be read is left out and listed with its problems in ``Corpus.failed``.

    With ``progress``, a progress bar goes to standard error where that is a terminal (for
    corpora of thousands of maps). ``jobs`` > 1 (0: one per core) parses maps the cache does
    not hold in that many processes where there are at least :data:`PARALLEL_FROM` of them
    (each process imports argmap anew, so a script that calls this at its top level needs
    ``if __name__ == "__main__":``, as every user of ``multiprocessing`` does). Raises
    :class:`~argmap.errors.PathError` where the paths hold no map file at all.
    """
    return _read(_maps_among(paths), anchor=anchor, progress=progress, jobs=jobs)


#: A parallel load (``jobs`` > 1) starts processes from this many maps not in the cache on;
#: fewer are parsed at once in this process (starting a process costs about 0.3 s).
PARALLEL_FROM = 100
_CHUNK = 16


class _Bar:
    """A progress bar on standard error (tqdm) where asked for and that is a terminal; else
    nothing. ``total`` None counts without an end (``unit_scale``: 1.2M); ``status`` shows
    only the description and the time taken, for a step that cannot count its progress.
    Each is cleared from the terminal once closed."""

    def __init__(self, total: int | None, show: bool, desc: str = "reading maps", unit: str = " maps", *,
                 unit_scale: bool = False, status: bool = False) -> None:
        self._bar: Any = None
        if show and (total is None or total > 1) and sys.stderr.isatty():
            from tqdm import tqdm  # imported only for a bar: it costs ~100 ms

            self._bar = tqdm(total=total, desc=desc, unit=unit, unit_scale=unit_scale, leave=False,
                             file=sys.stderr, mininterval=0.25,
                             bar_format="{desc} ({elapsed})" if status else None)

    def update(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _prepare(folder: str | None, paths: list[str]) -> list[bytes | tuple[Problem, ...]]:
    """In a worker process: each map file loaded and anchored, as a cache entry (or its problems)."""
    cache = MapCache(Path(folder) if folder is not None else None)
    out: list[bytes | tuple[Problem, ...]] = []
    with gc_paused():  # parsing builds acyclic node trees: about 5% quicker without the collector
        for path in paths:
            try:
                out.append(cache.prepare(path))
            except LoadError as exc:
                out.append(tuple(exc.problems))
    return out


def _read(files: Sequence[PathLike], *, anchor: bool, progress: bool, jobs: int = 1) -> Corpus:
    cache = MapCache.default()
    paths = [Path(f) for f in files]
    jobs = (os.cpu_count() or 1) if jobs == 0 else jobs
    parallel = jobs > 1 and anchor and len(paths) >= PARALLEL_FROM
    results: list[ArgumentMap | tuple[Problem, ...] | None] = [None] * len(paths)
    bar = _Bar(len(paths), progress)
    # Maps are acyclic (reference counting frees them): no collector runs while they are read.
    try:
        with gc_paused():
            for i, path in enumerate(paths):
                try:
                    results[i] = cache.cached(path) if parallel else cache.load(path, anchor_quotes=anchor)
                except LoadError as exc:
                    results[i] = tuple(exc.problems)
                if results[i] is not None:
                    bar.update()
            todo = [i for i, r in enumerate(results) if r is None]
            if len(todo) >= PARALLEL_FROM:
                _read_in_processes(cache, paths, todo, results, jobs, bar)
            for i in todo:
                if results[i] is None:
                    try:
                        results[i] = cache.load(paths[i], anchor_quotes=anchor)
                    except LoadError as exc:
                        results[i] = tuple(exc.problems)
                    bar.update()
    finally:
        bar.close()
    maps = tuple(r for r in results if isinstance(r, ArgumentMap))
    failed = tuple((p, r) for p, r in zip(paths, results, strict=True) if isinstance(r, tuple))
    return Corpus(maps, failed)


def _read_in_processes(cache: MapCache, paths: list[Path], todo: list[int],
                       results: list[ArgumentMap | tuple[Problem, ...] | None], jobs: int, bar: _Bar) -> None:
    """Parse the maps at ``todo`` in ``jobs`` processes; each sends back a cache entry, which
    this process turns into the map in a fraction of the parse."""
    import multiprocessing
    import warnings
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    _check_spawning()
    folder = str(cache.folder) if cache.folder is not None else None
    chunks = [todo[k:k + _CHUNK] for k in range(0, len(todo), _CHUNK)]
    # spawn, not fork: a fork copies whatever threads hold (a progress bar's monitor thread).
    try:
        with ProcessPoolExecutor(min(jobs, len(chunks)), mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = {pool.submit(_prepare, folder, [str(paths[i]) for i in chunk]): chunk for chunk in chunks}
            for future in as_completed(futures):
                for i, prepared in zip(futures[future], future.result(), strict=True):
                    if isinstance(prepared, tuple):
                        results[i] = prepared
                    else:
                        try:
                            results[i] = cache.from_prepared(prepared, paths[i])
                        except (ValueError, LoadError):  # the file changed or went since: read it again
                            continue
                    bar.update()
    except BrokenProcessPool:
        # A worker died (killed, or out of memory): the maps not sent back yet are read in
        # this process by the caller, one by one.
        warnings.warn(_WORKER_DIED, RuntimeWarning, stacklevel=3)


#: What may have ended a worker process at once (said with each warning that one ended).
_UNGUARDED = ("in a script, workers end at once where the call with `jobs` runs at the script's top level: "
              "put it under `if __name__ == \"__main__\":`")
#: The warning where a worker process ends before its work is done.
_WORKER_DIED = f"a worker process ended abruptly; reading the remaining maps in this process ({_UNGUARDED})"


def _check_spawning() -> None:
    """Stop a process that was spawned as a worker and, while importing the script that
    started it, reached a call that would spawn workers again: the script calls argmap with
    ``jobs`` at its top level, without ``if __name__ == "__main__":``. Python would raise a
    ``RuntimeError`` in every such worker, each printing its traceback; this ends the worker
    quietly (``SystemExit``), and the process that started it reads its maps itself, with a
    warning naming the fix (:data:`_UNGUARDED`). Nothing happens in any other process."""
    import multiprocessing

    # The flag multiprocessing itself checks for the same fault (spawn._check_not_importing_main).
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise SystemExit(1)


def find_vocabulary(maps: ArgumentMap | Iterable[ArgumentMap]) -> Path | None:
    """The vocabulary file a map uses: its ``vocabulary:`` key (relative to the map file),
    else ``concepts.yaml`` beside it where that exists; for several maps, that of the first
    which names or finds one. None where there is none.

    The one place argmap looks for vocabularies. Never raises for a loaded map: it reads no
    file, only checks whether ``concepts.yaml`` exists (the named file is not checked).
    """
    for amap in [maps] if isinstance(maps, ArgumentMap) else maps:
        found = vocabulary_file(amap.path, amap.vocabulary)
        if found is not None:
            return found
    return None


def vocabulary_file(path: Path | None, named: str | None) -> Path | None:
    """The vocabulary file of the map read from ``path`` (None: not from a file) whose
    ``vocabulary:`` key is ``named``: that file, relative to the map's folder, else
    ``concepts.yaml`` beside the map where that exists; None where neither. What
    :func:`find_vocabulary` asks of each map. Never raises: it only checks whether
    ``concepts.yaml`` exists."""
    base = path.parent if path is not None else Path()
    if named is not None:
        return base / named
    if path is not None and (candidate := base / DEFAULT_VOCABULARY).is_file():
        return candidate
    return None


def vocabulary_for(maps: ArgumentMap | Sequence[ArgumentMap],
                   vocabulary: Vocabulary | PathLike | None = None) -> Vocabulary | None:
    """The vocabulary to use with these maps: ``vocabulary`` where given (a path is loaded),
    else the one :func:`find_vocabulary` finds, loaded; None where there is none. A file is
    loaded through the cache (:func:`argmap.cache.vocabulary`: parsed once per content, the
    parse kept in the cache folder where caching is on), as maps are by :func:`load_maps`;
    :func:`argmap.load_vocabulary` always parses.

    ``maps``: one map or a sequence of them (may be empty where ``vocabulary`` is given), e.g.
    ``vocabulary_for(argmap.load_maps("maps/"))`` or ``vocabulary_for([], "maps/concepts.yaml")``.
    Raises :class:`~argmap.errors.LoadError` where the vocabulary file cannot be read or is
    not a vocabulary, and ``TypeError`` where ``maps`` is a path rather than maps.
    """
    if isinstance(maps, str | os.PathLike):
        raise TypeError(f"vocabulary_for takes loaded maps, not the path {os.fspath(maps)!r}: load them first "
                        "(argmap.load_maps), or pass a vocabulary file as vocabulary=")
    if isinstance(vocabulary, Vocabulary):
        return vocabulary
    if vocabulary is not None:
        return cached_vocabulary(vocabulary)
    found = find_vocabulary(maps)
    return cached_vocabulary(found) if found is not None else None


def same_source(a: ArgumentMap, b: ArgumentMap) -> bool:
    """Whether two maps encode the same source text: the same file, or files with the same
    bytes (compared by SHA-256). False where either file cannot be read.

    Raises nothing for a missing or unreadable file; but on Python 3.11 and 3.12 a source
    file that is a symlink loop escapes from ``Path.resolve`` as ``RuntimeError``.
    """
    fa, fb = source_path(a), source_path(b)
    try:
        if fa.resolve() == fb.resolve() and fa.is_file():
            return True
        return sha256(fa) == sha256(fb)
    except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop, before Python 3.13
        return False
