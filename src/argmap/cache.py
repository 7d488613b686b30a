"""A cache of loaded, anchored maps, so that a map read once is not parsed and anchored again.

Reading a map costs a YAML parse, the building of the model and finding every quote in the
source text; the seed pipeline (``validate``, ``compare``, ``render``, ``report``) did that
for every map in every command. Here a map that loaded and anchored without a problem is kept
in the user's cache folder and read back in a fraction of the time.

**Key.** An entry is named by the SHA-256 of the map file's bytes, argmap's version, the
entry format and the model's field names, and records the SHA-256 of the source text it was
anchored in: a change to the map, to argmap or to the model is a miss by name, a change to the
source text a miss by record. Loading a map needs no vocabulary, so none is part of the key.
Entries are content-addressed: the same map bytes at another path hit, and the map is given
the path it was read from.

**Entry.** ``ARGMAPC1`` followed by zlib-compressed JSON: a header (format, argmap's
version, the map's and the source's hashes, ``source.file``) and the map as nested lists of
its fields, positions (line and column, for messages) and quote spans included. JSON, not
pickle: an entry is data and never code, so a cache folder shared or tampered with cannot run
anything; the model is rebuilt through its constructors, whose validators check every value.
Only maps without problems are stored: a map with an error is parsed again each time, so its
messages are always those of the file as it is.

**Safety.** Entries are written atomically (:func:`argmap.files.write_bytes`: a new file,
then a rename), so two runs sharing the folder never read half an entry; the last writer
wins, and both wrote the same thing. An entry that is truncated, garbage, of another format
or another version is ignored and written again. A cache that cannot be written is no error:
the map is loaded as without one.

**Where.** ``$ARGMAP_CACHE_DIR``, else the platform's user cache folder (``~/.cache/argmap``
on Linux, as ``platformdirs`` gives it). ``ARGMAP_NO_CACHE=1`` (any value but empty or ``0``),
``argmap ... --no-cache`` or :func:`caching` turn it off. Removing the folder is always safe.

One :class:`SourceText` (the canonical form quotes are found in) is built per source text and
kept for the process (a few, least recently used dropped first), so that a thousand maps of
five texts canonicalise five texts, and the report reuses them.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import os
import zlib
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from argmap._version import __version__
from argmap.errors import LoadError, Problem
from argmap.files import read_bytes, read_if_present, write_bytes
from argmap.model import ArgumentMap, Edge, Node, Position, Quote, Source, Span
from argmap.quotes import SourceText, anchor, anchor_problems, read_source, source_path
from argmap.yamlio import load, loads

__all__ = [
    "ENV_DIR",
    "ENV_DISABLE",
    "FORMAT",
    "MapCache",
    "cache_folder",
    "caching",
    "source_text",
]

#: The entry format; raised when the layout of an entry changes.
FORMAT = 1
#: Names the folder of the cache (instead of the user cache folder).
ENV_DIR = "ARGMAP_CACHE_DIR"
#: Any value but empty or ``0`` turns the cache off.
ENV_DISABLE = "ARGMAP_NO_CACHE"
_MAGIC = b"ARGMAPC1"
#: Entries larger than this are not read (a map file may be 32 MiB; its entry is smaller).
_MAX_ENTRY = 64 * 1024 * 1024

_setting: contextvars.ContextVar[tuple[bool, Path | None] | None] = contextvars.ContextVar(
    "argmap_cache", default=None)


@contextlib.contextmanager
def caching(enabled: bool = True, *, folder: str | os.PathLike[str] | None = None) -> Iterator[None]:
    """Turn the map cache on or off (and, with ``folder``, put it there) for the code inside
    the ``with`` block: ``with argmap.caching(False): argmap.load_maps("maps/")``.

    ``ARGMAP_NO_CACHE`` still turns it off. Raises nothing.
    """
    token = _setting.set((enabled, Path(folder) if folder is not None else None))
    try:
        yield
    finally:
        _setting.reset(token)


def cache_folder() -> Path | None:
    """The folder the map cache uses, or None where caching is off (``ARGMAP_NO_CACHE``, or
    :func:`caching` with ``False``). The folder need not exist yet. Raises nothing."""
    if os.environ.get(ENV_DISABLE, "") not in ("", "0"):
        return None
    setting = _setting.get()
    if setting is not None:
        enabled, folder = setting
        if not enabled:
            return None
        if folder is not None:
            return folder
    named = os.environ.get(ENV_DIR)
    if named:
        return Path(named)
    import platformdirs  # imported here: only commands that read maps need it

    return Path(platformdirs.user_cache_dir("argmap", appauthor=False))


# --- source texts ------------------------------------------------------------------------------

_TEXTS: OrderedDict[bytes, SourceText] = OrderedDict()
#: How many source texts, and how many characters of them, are kept for the process.
_KEEP_TEXTS, _KEEP_CHARS = 32, 8_000_000


def _source_text(text: str) -> SourceText:
    """The prepared form of a text, built once per text for the process (by content)."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
    found = _TEXTS.get(digest)
    if found is not None:
        _TEXTS.move_to_end(digest)
        return found
    prepared = SourceText(text)
    _TEXTS[digest] = prepared
    while len(_TEXTS) > 1 and (len(_TEXTS) > _KEEP_TEXTS or sum(len(t.text) for t in _TEXTS.values()) > _KEEP_CHARS):
        _TEXTS.popitem(last=False)
    return prepared


def source_text(amap: ArgumentMap) -> SourceText:
    """The map's source text prepared for quote look-ups: one :class:`~argmap.SourceText` per
    text for the process, shared by every map that quotes it.

    Raises :class:`~argmap.errors.LoadError` where the source text cannot be read (as
    :func:`argmap.read_source`).
    """
    return _source_text(read_source(amap))


# --- the entries -------------------------------------------------------------------------------


def _fingerprint() -> str:
    """The model's classes and field names: a change to them changes every key."""
    classes = (ArgumentMap, Source, Node, Edge, Quote, Span, Position)
    return ";".join(f"{c.__name__}:{','.join(f.name for f in attrs.fields(c))}" for c in classes)


_FIELDS = _fingerprint()


def _key(data: bytes) -> str:
    """An entry's name: the SHA-256 of the entry format, argmap's version, the model's fields
    and the map file's bytes."""
    return _hex(f"argmap-map-cache\0{FORMAT}\0{__version__}\0{_FIELDS}\0".encode() + data)


def _pos(p: Position | None) -> list[int] | None:
    return None if p is None else [p.line, p.column]


def _quote(q: Quote) -> dict[str, Any]:
    return _plain(q, {"spans": [[s.start, s.end] for s in q.spans], "position": _pos(q.position)})


def _plain(obj: Any, nested: dict[str, Any]) -> dict[str, Any]:
    """An attrs instance's fields as JSON values: ``nested`` gives those holding model objects;
    the others must be plain (enums become their values)."""
    out: dict[str, Any] = {}
    for f in attrs.fields(type(obj)):
        if f.name in nested:
            out[f.name] = nested[f.name]
            continue
        value = getattr(obj, f.name)
        value = getattr(value, "value", value)  # an enum member: its value
        if value is not None and not isinstance(value, str | int | float | bool):
            raise TypeError(f"the cache cannot store {type(obj).__name__}.{f.name}")
        out[f.name] = value
    return out


def _encode(amap: ArgumentMap) -> dict[str, Any]:
    return {
        "source": _plain(amap.source, {"position": _pos(amap.source.position)}),
        "nodes": [_plain(n, {"quotes": [_quote(q) for q in n.quotes], "position": _pos(n.position)})
                  for n in amap.nodes],
        "edges": [_plain(e, {"quote": _quote(e.quote) if e.quote is not None else None,
                             "position": _pos(e.position)}) for e in amap.edges],
        "excluded": [_quote(q) for q in amap.excluded],
        "vocabulary": amap.vocabulary,
    }


def _position(value: list[int] | None) -> Position | None:
    return None if value is None else Position(value[0], value[1])


def _decode_quote(value: dict[str, Any]) -> Quote:
    fields = dict(value)
    fields["spans"] = tuple(Span(a, b) for a, b in fields["spans"])
    fields["position"] = _position(fields["position"])
    return Quote(**fields)


def _decode(data: dict[str, Any], path: Path) -> ArgumentMap:
    """The map of an entry; ``TypeError``, ``ValueError``, ``KeyError`` or ``IndexError``
    where the entry is not what :func:`_encode` writes (the model's validators check values)."""
    source = Source(**{**data["source"], "position": _position(data["source"]["position"])})
    nodes = []
    for n in data["nodes"]:
        n = dict(n)
        n["quotes"] = tuple(_decode_quote(q) for q in n["quotes"])
        n["position"] = _position(n["position"])
        nodes.append(Node(**n))
    edges = []
    for e in data["edges"]:
        e = dict(e)
        e["quote"] = _decode_quote(e["quote"]) if e["quote"] is not None else None
        e["position"] = _position(e["position"])
        edges.append(Edge(**e))
    return ArgumentMap(source, nodes, edges, tuple(_decode_quote(q) for q in data["excluded"]),
                       data["vocabulary"], path)


def _hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class MapCache:
    """Maps loaded through the cache in ``folder`` (None: no cache), for one run.

    Within a run, each source file is hashed once (the run assumes files do not change while
    it reads them; a new :class:`MapCache` looks again).
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._source_hashes: dict[str, str | None] = {}
        self.hits = self.misses = self.writes = 0

    @classmethod
    def default(cls) -> MapCache:
        """A cache in :func:`cache_folder` (off where that is None)."""
        return cls(cache_folder())

    def _entry_path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / f"maps-{FORMAT}" / key[:2] / key[2:]

    def _source_hash(self, file: Path) -> str | None:
        """The SHA-256 of a source text as decoded (what anchoring depends on), None where it
        cannot be read; once per file per run."""
        name = os.path.normpath(file.absolute())
        if name not in self._source_hashes:
            data = read_if_present(file)
            try:
                text = data.decode("utf-8-sig") if data is not None else None
            except UnicodeDecodeError:
                text = None
            self._source_hashes[name] = _hex(text.encode("utf-8")) if text is not None else None
        return self._source_hashes[name]

    def _lookup(self, key: str, path: Path) -> ArgumentMap | None:
        raw = read_if_present(self._entry_path(key), limit=_MAX_ENTRY)
        if raw is None or not raw.startswith(_MAGIC):
            return None
        try:
            entry = json.loads(zlib.decompress(raw[len(_MAGIC):]))
            if (entry["format"] != FORMAT or entry["argmap"] != __version__ or entry["key"] != key
                    or not isinstance(entry["source_file"], str)):
                return None
            wanted = self._source_hash(path.parent / entry["source_file"])
            if wanted is None or wanted != entry["source_sha256"]:
                return None
            return _decode(entry["map"], path)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, zlib.error, RecursionError):
            return None  # damaged or foreign: read the map file instead, and write the entry again

    def _store(self, key: str, amap: ArgumentMap, source_hash: str) -> None:
        try:
            entry = {"format": FORMAT, "argmap": __version__, "key": key, "source_file": amap.source.file,
                     "source_sha256": source_hash, "map": _encode(amap)}
            data = _MAGIC + zlib.compress(json.dumps(entry, ensure_ascii=False, separators=(",", ":"),
                                                     allow_nan=False).encode("utf-8", "surrogatepass"), 1)
            write_bytes(self._entry_path(key), data, parents=True, sync=False)
            self.writes += 1
        except (OSError, TypeError, ValueError):
            pass  # a cache that cannot be written is no error: the map was loaded

    def load(self, path: str | os.PathLike[str], *, anchor_quotes: bool = True) -> ArgumentMap:
        """A map file, anchored in its source text (with ``anchor_quotes``, as
        :func:`argmap.load` does), through the cache.

        Without ``anchor_quotes`` a cached map is still returned anchored; a map not in the
        cache is then parsed only (and not stored). Raises as :func:`argmap.load`:
        :class:`~argmap.errors.LoadError`, and :class:`~argmap.errors.QuoteError` for quotes
        not in the source text.
        """
        amap, _problems = self._load(Path(path), anchor_quotes, raise_quotes=True)
        return amap

    def load_checked(self, path: str | os.PathLike[str]) -> tuple[ArgumentMap, list[Problem]]:
        """A map file and the problems of anchoring its quotes (quotes not found, a source text
        that cannot be read), for a check that reports every problem: the map is anchored
        where there were none. Raises :class:`~argmap.errors.LoadError` where the file
        cannot be read or is not a map."""
        return self._load(Path(path), True, raise_quotes=False)

    def _load(self, p: Path, anchor_quotes: bool, *, raise_quotes: bool) -> tuple[ArgumentMap, list[Problem]]:
        if p.is_dir():
            load(p)  # raises the error a folder gets
        data = read_bytes(p)
        key = _key(data) if self.folder is not None else ""
        if self.folder is not None:
            found = self._lookup(key, p)
            if found is not None:
                self.hits += 1
                return found, []
            self.misses += 1
        amap = loads(data, path=p)
        if not anchor_quotes:
            return amap, []
        try:
            text = read_source(amap)
        except LoadError as exc:
            if raise_quotes:
                raise
            return amap, list(exc.problems)
        if raise_quotes:
            anchored = anchor(amap, _source_text(text))
        else:
            anchored, problems = anchor_problems(amap, _source_text(text))
            if problems:
                return amap, problems
        if self.folder is not None:
            # The hash of the text the quotes were found in (not of the file read again).
            source_hash = _hex(text.encode("utf-8"))
            self._source_hashes[os.path.normpath(source_path(amap).absolute())] = source_hash
            self._store(key, anchored, source_hash)
        return anchored, []
