"""Finding maps on disk: folders expanded into map files, many maps loaded at once with every
problem collected, the vocabulary a map uses, and whether two maps quote the same text.

Everything that turns "the paths a user named" into maps and vocabularies lives here, once:
the command line, the report, the gallery and :func:`argmap.compare` all go through it.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import attrs

from argmap.cache import MapCache
from argmap.concepts import Vocabulary
from argmap.errors import LoadError, PathError, Problem
from argmap.files import read_head, sha256
from argmap.model import ArgumentMap
from argmap.quotes import source_path
from argmap.yamlio import load_vocabulary

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
    "vocabulary_for",
]

#: The vocabulary a map uses where it names none: this file beside the map.
DEFAULT_VOCABULARY = "concepts.yaml"
#: The suffixes of map files looked for in a folder.
MAP_SUFFIXES = (".yaml", ".yml")

PathLike = str | os.PathLike[str]
#: ``concepts:`` at the start of a line (after any of the line ends ``bytes.splitlines`` knows).
_VOCABULARY_KEY = re.compile(rb"(?:\A|[\r\n])concepts:")


def is_vocabulary_file(path: PathLike) -> bool:
    """Whether a YAML file looks like a vocabulary (a top-level ``concepts:`` key in its
    first 64 KiB); False where it cannot be read."""
    return _VOCABULARY_KEY.search(read_head(Path(path))) is not None


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


def load_maps(paths: PathLike | Iterable[PathLike], *, anchor: bool = True) -> list[ArgumentMap]:
    """Every map among the paths (folders expanded as by :func:`map_files`), in order.

    Every file is read before anything is raised, so that one
    :class:`~argmap.errors.LoadError` lists the problems of all of them. ``anchor=False``
    skips finding the quotes in the source texts (where their places are not needed). Maps
    come through the cache of loaded maps (:mod:`argmap.cache`; :func:`argmap.caching`
    turns it off). Raises :class:`~argmap.errors.PathError` where the paths hold no map at all.
    """
    files = map_files(paths)
    if not files:
        raise PathError("no map files among the paths given")
    return read_maps(files, anchor=anchor)


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


def load_corpus(paths: PathLike | Iterable[PathLike], *, anchor: bool = True, progress: bool = False) -> Corpus:
    """Every map among the paths, as :func:`load_maps` reads them, but keeping going: a file
    that cannot be read is left out and listed with its problems in ``Corpus.failed``.

    With ``progress``, a progress bar goes to standard error where that is a terminal (for
    corpora of thousands of maps). Raises :class:`~argmap.errors.PathError` where the paths
    hold no map file at all.
    """
    files = map_files(paths)
    if not files:
        raise PathError("no map files among the paths given")
    return _read(files, anchor=anchor, progress=progress)


T = TypeVar("T")


def _with_progress(items: Sequence[T], show: bool) -> Iterator[T]:
    """The items, with a progress bar on standard error where ``show`` and that is a terminal."""
    if not show or len(items) < 2 or not sys.stderr.isatty():
        yield from items
        return
    from tqdm import tqdm  # imported only for a bar: it costs ~100 ms

    yield from tqdm(items, desc="reading maps", unit=" maps", leave=False, file=sys.stderr, mininterval=0.25)


def _read(files: Sequence[PathLike], *, anchor: bool, progress: bool) -> Corpus:
    cache = MapCache.default()
    maps: list[ArgumentMap] = []
    failed: list[tuple[Path, tuple[Problem, ...]]] = []
    for path in _with_progress(files, progress):
        try:
            maps.append(cache.load(path, anchor_quotes=anchor))
        except LoadError as exc:
            failed.append((Path(path), tuple(exc.problems)))
    return Corpus(tuple(maps), tuple(failed))


def find_vocabulary(maps: ArgumentMap | Iterable[ArgumentMap]) -> Path | None:
    """The vocabulary file a map uses: its ``vocabulary:`` key (relative to the map file),
    else ``concepts.yaml`` beside it where that exists; for several maps, that of the first
    which names or finds one. None where there is none.

    The one place argmap looks for vocabularies. Never raises for a loaded map: it reads no
    file, only checks whether ``concepts.yaml`` exists (the named file is not checked).
    """
    for amap in [maps] if isinstance(maps, ArgumentMap) else maps:
        base = amap.path.parent if amap.path is not None else Path()
        if amap.vocabulary is not None:
            return base / amap.vocabulary
        if amap.path is not None and (candidate := base / DEFAULT_VOCABULARY).is_file():
            return candidate
    return None


def vocabulary_for(maps: ArgumentMap | Sequence[ArgumentMap],
                   vocabulary: Vocabulary | PathLike | None = None) -> Vocabulary | None:
    """The vocabulary to use with these maps: ``vocabulary`` where given (a path is loaded),
    else the one :func:`find_vocabulary` finds, loaded; None where there is none.

    Raises :class:`~argmap.errors.LoadError` where the vocabulary file cannot be read.
    """
    if isinstance(vocabulary, Vocabulary):
        return vocabulary
    if vocabulary is not None:
        return load_vocabulary(vocabulary)
    found = find_vocabulary(maps)
    return load_vocabulary(found) if found is not None else None


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
