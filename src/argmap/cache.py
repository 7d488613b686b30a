"""A cache of loaded, anchored maps, so that a map read once is not parsed and anchored again.

Reading a map costs a YAML parse, the building of the model and finding every quote in the
source text; the seed pipeline (``validate``, ``compare``, ``render``, ``report``) did that
for every map in every command. Here a map that loaded and anchored without a problem is kept
in the user's cache folder and read back in a fraction of the time.

**Key.** An entry is named by the SHA-256 of the map file's bytes, argmap's version, the
source code of the modules loading runs (:data:`LOADING_MODULES`), the entry format and the
model's field names, and records the SHA-256 of the source text it was anchored in: a change
to the map, to argmap's loading code (also unreleased) or to the model is a miss by name, a
change to the source text a miss by record. Loading a map needs no vocabulary, so none is part of the key.
Entries are content-addressed: the same map bytes at another path hit, and the map is given
the path it was read from.

**Entry.** ``ARGMAPC1`` followed by zlib-compressed JSON: a header (format, argmap's
version, the map's and the source's hashes, ``source.file``) and the map as nested lists of
its fields, positions (line and column, for messages) and quote spans included. JSON, not
pickle: an entry is data and never code, so a cache folder shared or tampered with cannot run
anything. The model is rebuilt without its constructors (whose validators passed every value
when the entry was written), but every value's type is checked on the way in, so an entry
that decodes to anything but a well-formed map is treated as damaged (see :class:`_Decoder`).
Only maps that load and anchor without an error or a warning are stored: any other is parsed
again each time, so its messages are always those of the file as it is.

**Safety.** Entries are written atomically (:func:`argmap.files.write_bytes`: a new file,
then a rename), so two runs sharing the folder never read half an entry; the last writer
wins, and both wrote the same thing. An entry that is truncated, garbage, of another format
or another version is ignored and written again. A cache that cannot be written is no error:
the map is loaded as without one.

**Where.** ``$ARGMAP_CACHE_DIR``, else the platform's user cache folder (``~/.cache/argmap``
on Linux, as ``platformdirs`` gives it). ``ARGMAP_NO_CACHE=1`` (any value but empty, ``0``,
``false``, ``no`` or ``off``), ``argmap ... --no-cache`` or :func:`caching` turn it off.
Removing the folder is always safe.

One :class:`SourceText` (the canonical form quotes are found in) is built per source text and
kept for the process (a few, least recently used dropped first), so that a thousand maps of
five texts canonicalise five texts, and the report reuses them.

**Drawings.** :func:`drawn` keeps each SVG or PNG that Graphviz's ``dot`` made, under
``drawings-1/`` in the same folder, keyed by the DOT text, the format and the ``dot`` program,
so that a report run again draws only what changed.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import os
import sys
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from argmap._version import __version__
from argmap.concepts import Concept, Period, Vocabulary
from argmap.errors import LoadError, Problem, QuoteError, Severity
from argmap.files import read_bytes, read_if_present, write_bytes
from argmap.model import (
    _CONTROL,
    ArgumentMap,
    ChangeDirection,
    Edge,
    Kind,
    Node,
    Position,
    Quote,
    Relation,
    Sign,
    Source,
    Span,
    Stance,
)
from argmap.quotes import SourceText, anchor_problems, read_source, source_path

# argmap.yamlio (and PyYAML, about 25-30 ms to import) is imported where a file is parsed,
# not here: a command whose maps and vocabulary all come from the cache never needs it.

__all__ = [
    "DRAWING_FORMATS",
    "ENV_DIR",
    "ENV_DISABLE",
    "FORMAT",
    "LOADING_MODULES",
    "MapCache",
    "cache_folder",
    "caching",
    "drawn",
    "source_text",
    "vocabulary",
]

#: The entry format; raised when the layout of an entry changes.
FORMAT = 1
#: Names the folder of the cache (instead of the user cache folder).
ENV_DIR = "ARGMAP_CACHE_DIR"
#: Any value but empty, ``0``, ``false``, ``no`` or ``off`` (in any case) turns the cache off.
ENV_DISABLE = "ARGMAP_NO_CACHE"
_OFF_WORDS = frozenset({"", "0", "false", "no", "off"})  # ARGMAP_NO_CACHE=false keeps the cache on
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
    if os.environ.get(ENV_DISABLE, "").strip().lower() not in _OFF_WORDS:
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

def source_text(amap: ArgumentMap) -> SourceText:
    """The map's source text prepared for quote look-ups: one :class:`~argmap.SourceText` per
    text for the process, shared by every map that quotes it.

    Raises :class:`~argmap.errors.LoadError` where the source text cannot be read (as
    :func:`argmap.read_source`).
    """
    return SourceText(read_source(amap))  # equal texts share one instance (see SourceText)


_VOCABULARIES: OrderedDict[tuple[str, bytes], Vocabulary] = OrderedDict()
_VOCABULARY_MAGIC = b"ARGMAPV1"


def vocabulary(path: str | os.PathLike[str]) -> Vocabulary:
    """A vocabulary file, loaded once per content for the process and kept in the cache
    folder (where caching is on) for the next: every map of a folder names the same
    ``concepts.yaml``, ``argmap validate`` asked for it once a map, and every command of a
    lesson's pipeline reads it. The file is read each time (a changed file is loaded again);
    only its parse is kept.

    A kept vocabulary is rebuilt through the model's constructors, so its validators check
    every value again (a vocabulary is small: tens of concepts); an entry that is damaged or
    fails them is ignored and written again.

    Raises as :func:`argmap.load_vocabulary`: :class:`~argmap.errors.LoadError`.
    """
    p = Path(path)
    data = read_bytes(p)
    key = (os.path.normpath(p.absolute()), hashlib.sha256(data).digest())
    found = _VOCABULARIES.get(key)
    if found is None:
        found = _VOCABULARIES[key] = _kept_vocabulary(data, p)
        while len(_VOCABULARIES) > 16:
            _VOCABULARIES.popitem(last=False)
    return found


def _vocabulary_entry_path(folder: Path, data: bytes) -> Path:
    key = _hex(f"argmap-vocabulary\0{FORMAT}\0{__version__}\0{_VOCABULARY_FIELDS}\0".encode()
               + _code_hash() + data)
    return folder / f"vocabularies-{FORMAT}" / key[:2] / key[2:]


def _kept_vocabulary(data: bytes, path: Path) -> Vocabulary:
    """The vocabulary of a file's bytes: from the cache folder where an entry holds it, else
    parsed (and the entry written)."""
    folder = cache_folder()
    entry_path = _vocabulary_entry_path(folder, data) if folder is not None else None
    if entry_path is not None:
        raw = read_if_present(entry_path, limit=_MAX_ENTRY)
        if raw is not None:
            found = _vocabulary_from_entry(raw, path)
            if found is not None:
                return found
    from argmap.yamlio import loads_vocabulary

    parsed = loads_vocabulary(data, path=path)
    if entry_path is not None:
        entry = {"format": FORMAT, "argmap": __version__,
                 "concepts": [[c.id, c.kind.value, c.label, c.scope, list(c.cues), c.broader] for c in parsed],
                 "periods": [[q.id, q.label, q.start, q.end, q.scope] for q in parsed.periods]}
        raw = _deflated(_VOCABULARY_MAGIC, entry)
        with contextlib.suppress(OSError):  # a cache that cannot be written is no error
            write_bytes(entry_path, raw, parents=True, sync=False)
    return parsed


def _vocabulary_from_entry(raw: bytes, path: Path) -> Vocabulary | None:
    """The vocabulary of an entry, or None where it is damaged or foreign."""
    try:
        entry = _inflated(_VOCABULARY_MAGIC, raw)
        if entry is None or entry["format"] != FORMAT or entry["argmap"] != __version__:
            return None
        # The constructors' validators check ids, kinds, labels, broader concepts and years;
        # scope notes and cue terms, which they take as given, are checked here.
        concepts = [Concept(cid, kind, label, _string(scope), _strings(cues), broader=broader)
                    for cid, kind, label, scope, cues, broader in entry["concepts"]]
        periods = [Period(pid, label, start, end, _string(scope)) for pid, label, start, end, scope in entry["periods"]]
        return Vocabulary(concepts, path, periods=periods)
    except _DAMAGED:
        return None  # damaged or foreign: parse the file instead, and write the entry again


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("a text in a cache entry is a string")
    return value


def _strings(values: Any) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise TypeError("cue terms in a cache entry are strings")
    return values


# --- the entries -------------------------------------------------------------------------------


def _fingerprint() -> str:
    """The model's classes and field names: a change to them changes every key."""
    classes = (ArgumentMap, Source, Node, Edge, Quote, Span, Position)
    return ";".join(f"{c.__name__}:{','.join(f.name for f in attrs.fields(c))}" for c in classes)


_FIELDS = _fingerprint()
_VOCABULARY_FIELDS = ";".join(f"{c.__name__}:{','.join(f.name for f in attrs.fields(c))}"
                              for c in (Vocabulary, Concept, Period))


#: The modules whose code decides what loading a map gives (this one's imports, checked by a
#: test): their source is part of every key, so that changed code, released or not, misses.
LOADING_MODULES = ("argmap._canon", "argmap._hints", "argmap._reader", "argmap._yaml", "argmap.cache",
                   "argmap.codec", "argmap.concepts", "argmap.errors", "argmap.files", "argmap.model",
                   "argmap.quotes", "argmap.yamlio")
_code: list[bytes] = []


def _code_hash() -> bytes:
    """The SHA-256 of the loading modules' source files, once per process (about 300 KB, a
    millisecond or two); argmap's version alone where a file cannot be read (a zip import)."""
    if not _code:
        _code.append(_sources_hash(LOADING_MODULES, __version__.encode()))
    return _code[0]


def _sources_hash(names: Sequence[str], seed: bytes = b"") -> bytes:
    """The SHA-256 of ``seed`` and each module's name and source file, the modules found, not
    imported (argmap.yamlio is imported on a miss only); ``?`` for a source that cannot be
    read (a zip import)."""
    digest = hashlib.sha256(seed)
    for name in names:
        module = sys.modules.get(name)
        where = getattr(module, "__file__", None) if module is not None else _module_file(name)
        source = read_if_present(Path(where)) if where else None
        digest.update(name.encode() + b"\0" + (source if source is not None else b"?") + b"\0")
    return digest.digest()


def _module_file(name: str) -> str | None:
    import importlib.util

    spec = importlib.util.find_spec(name)
    return spec.origin if spec is not None and spec.has_location else None


def _key(data: bytes) -> str:
    """An entry's name: the SHA-256 of the entry format, argmap's version, the loading code,
    the model's fields and the map file's bytes."""
    return _hex(f"argmap-map-cache\0{FORMAT}\0{__version__}\0{_FIELDS}\0".encode() + _code_hash() + data)


_CLASSES = (Source, Node, Edge, Quote)
#: Each class's fields in order: an entry stores an instance as a list of its field values.
_NAMES = {cls: tuple(f.name for f in attrs.fields(cls)) for cls in _CLASSES}
_new = object.__new__
_set = object.__setattr__  # what attrs itself uses to set the fields of a frozen instance
_MAP_FIELDS = ("source", "nodes", "edges", "excluded", "vocabulary", "path")


# Each model object as the list of its field values, in the order of its attrs fields (the
# order _RESTORED below lists and checks at import); an enum member as its value. Written out
# per class, not found by name for each field: an entry is written once a parsed map, and in a
# cold corpus run that was about a tenth of the parse. A value JSON cannot hold (a new kind of
# field) makes json.dumps raise TypeError, and the map is not stored.


def _position(p: Position | None) -> list[int] | None:
    return None if p is None else [p.line, p.column]


def _quote(q: Quote) -> list[Any]:
    return [q.text, [x for span in q.spans for x in (span.start, span.end)], _position(q.position), q.occurrence]


def _value(member: Any) -> Any:
    return None if member is None else member.value


def _source(s: Source) -> list[Any]:
    return [s.id, s.file, s.title, s.author, s.venue, s.year, _position(s.position), s.name, s.note]


def _encode(amap: ArgumentMap) -> dict[str, Any]:
    return {"fields": {cls.__name__: list(names) for cls, names in _NAMES.items()},
            "source": _source(amap.source),
            "nodes": [[n.id, n.kind.value, n.label, [_quote(q) for q in n.quotes], n.concept, _value(n.stance),
                       n.section, n.note, _position(n.position), n.implicit, n.period, _value(n.direction), n.draft]
                      for n in amap.nodes],
            "edges": [[e.source, e.target, e.relation.value, _value(e.sign),
                       None if e.quote is None else _quote(e.quote), e.note, _position(e.position), e.period, e.draft]
                      for e in amap.edges],
            "excluded": [_quote(q) for q in amap.excluded],
            "vocabulary": amap.vocabulary}


def _bad(what: str) -> ValueError:
    return ValueError(f"not a {what} record")


def _is_text(value: Any) -> bool:
    return type(value) is str and not value.isspace() and value != ""


def _is_optional_text(value: Any) -> bool:
    return value is None or _is_text(value)


def _is_identifier(value: Any) -> bool:
    return _is_text(value) and value == value.strip() and _CONTROL.search(value) is None


def _is_confidence(value: Any) -> bool:
    return value is None or (type(value) in (int, float) and 0 <= value <= 1)


def _is_occurrence(value: Any) -> bool:
    return value is None or (type(value) is int and value >= 1)


def _members(enum_type: type[Any], *, optional: bool) -> dict[Any, Any]:
    """An enum's members by value (None to None where ``optional``): a look-up that raises
    ``KeyError`` for any other value, quicker than calling the enum."""
    members: dict[Any, Any] = {m.value: m for m in enum_type}
    if optional:
        members[None] = None
    return members


_KIND, _STANCE = _members(Kind, optional=False), _members(Stance, optional=True)
_DIRECTION = _members(ChangeDirection, optional=True)
_RELATION, _SIGN = _members(Relation, optional=False), _members(Sign, optional=True)
#: The fields each restorer below sets, in record order; a model change that these do not
#: know stops the import (and a test), instead of losing a field in the cache.
_RESTORED = {
    Quote: ("text", "spans", "position", "occurrence"),
    Source: ("id", "file", "title", "author", "venue", "year", "position", "name", "note"),
    Node: ("id", "kind", "label", "quotes", "concept", "stance", "section", "note", "position", "implicit",
           "period", "direction", "draft"),
    Edge: ("source", "target", "relation", "sign", "quote", "note", "position", "period", "draft"),
}
if _RESTORED != _NAMES or tuple(f.name for f in attrs.fields(ArgumentMap)) != _MAP_FIELDS:  # pragma: no cover
    raise TypeError("argmap.cache does not know every field of the model: teach _Decoder the new ones")


class _Decoder:
    """Rebuilds model objects from records without running their constructors.

    An entry is written from a map that loaded without a problem, so every value in it passed
    the model's validators then; running the constructors again on each read cost about
    2.8 ms a map of 50 nodes, most of a warm corpus run. Here each object is made with
    ``object.__new__`` and its fields are set as attrs' own ``__init__`` sets them, after a
    check of each value's type (text, whole number, enum value, nesting) that keeps a damaged
    or foreign entry from becoming a malformed map: any mismatch raises ``ValueError``,
    ``TypeError`` or ``KeyError``, and the entry is ignored and rebuilt. zlib's Adler-32
    check has already caught corrupted bytes by then. Positions and spans are immutable and
    repeat across the maps of a corpus (line 12, column 5 is in every file), so each is built
    once per run, through its constructor, and shared.
    """

    def __init__(self) -> None:
        self._positions: dict[tuple[int, int], Position] = {}
        self._spans: dict[tuple[int, int], Span] = {}
        self._one_span: dict[tuple[int, int], tuple[Span]] = {}  # most quotes have one span
        self._ids: set[str] = set()  # ids already checked (an edge names its nodes' ids again)
        self._quotes: dict[tuple[Any, ...], Quote] = {}  # for shared_quotes

    def identifier(self, value: Any) -> None:
        """Raise ``ValueError`` for anything but an id (text without surrounding space or a
        control character); an id seen before in this run passes at once."""
        if value not in self._ids:
            if not _is_identifier(value):
                raise _bad("id")
            self._ids.add(value)

    def position(self, value: Any) -> Position | None:
        if value is None:
            return None
        line, column = value
        if type(line) is not int or type(column) is not int:
            raise _bad("position")
        found = self._positions.get((line, column))
        if found is None:
            found = self._positions[line, column] = Position(line, column)
        return found

    def spans(self, flat: Any) -> tuple[Span, ...]:
        if type(flat) is not list or len(flat) % 2:
            raise _bad("spans")
        if len(flat) == 2:  # one span: the tuple itself is shared
            start, end = flat
            if type(start) is not int or type(end) is not int or not 0 <= start < end:
                raise _bad("spans")
            one = self._one_span.get((start, end))
            if one is None:
                one = self._one_span[start, end] = (self._span(start, end),)
            return one
        out = []
        for key in zip(flat[::2], flat[1::2], strict=True):
            start, end = key
            # Whole numbers (a float or a bool would also equal an int key below), as Span checks.
            if type(start) is not int or type(end) is not int or not 0 <= start < end:
                raise _bad("spans")
            out.append(self._span(start, end))
        return tuple(out)

    def _span(self, start: int, end: int) -> Span:
        found = self._spans.get((start, end))
        if found is None:
            found = self._spans[start, end] = Span(start, end)
        return found

    def quote(self, record: Any) -> Quote:
        text, spans, position, occurrence = record
        if (type(text) is not str or not text or text.isspace()  # as _is_text, without the calls
                or (occurrence is not None and (type(occurrence) is not int or occurrence < 1))):
            raise _bad("quote")
        quote = _new(Quote)
        _set(quote, "text", text)
        _set(quote, "spans", self.spans(spans))
        _set(quote, "position", self.position(position))
        _set(quote, "occurrence", occurrence)
        return quote

    def quotes(self, records: Any) -> tuple[Quote, ...]:
        if type(records) is not list:
            raise _bad("quotes")
        return tuple([self.quote(q) for q in records])

    def shared_quotes(self, records: Any) -> tuple[Quote, ...]:
        """As :meth:`quotes`, but a record equal to one restored before in this run gives the
        same (immutable) quote, unchecked: the maps of a class corpus quote the same passages
        of a few texts, and a projection repeats its nodes' quotes in its causal paths.
        Records are compared as Python compares values (a damaged ``true`` where ``1`` was
        written meets the quote of ``1``)."""
        if type(records) is not list:
            raise _bad("quotes")
        out = []
        shared = self._quotes
        for record in records:
            text, spans, position, occurrence = record
            key = (text, tuple(spans), None if position is None else tuple(position), occurrence)
            quote = shared.get(key)
            if quote is None:
                quote = shared[key] = self.quote(record)
            out.append(quote)
        return tuple(out)

    def source(self, record: Any) -> Source:
        id_, file, title, author, venue, year, position, name, note = record
        if not (_is_identifier(id_) and _is_text(file) and _is_optional_text(title) and _is_optional_text(author)
                and _is_optional_text(venue) and (year is None or type(year) is int)
                and _is_optional_text(name) and _is_optional_text(note)):
            raise _bad("source")
        source = _new(Source)
        for field, value in (("id", id_), ("file", file), ("title", title), ("author", author),
                             ("venue", venue), ("year", year), ("position", self.position(position)),
                             ("name", name), ("note", note)):
            _set(source, field, value)
        return source

    def node(self, record: Any) -> Node:
        id_, kind, label, quotes, concept, stance, section, note, position, implicit, period, direction, draft = record
        self.identifier(id_)
        if type(label) is not str or not label or label.isspace() or type(implicit) is not bool:
            raise _bad("node")
        for value in (concept, section, note, period):  # optional texts, checked as _is_optional_text does
            if value is not None and (type(value) is not str or not value or value.isspace()):
                raise _bad("node")
        if draft is not None and not _is_confidence(draft):
            raise _bad("node")
        if (not quotes) is not implicit:  # the one rule across fields: quoted, or implicit
            raise _bad("node")
        node = _new(Node)
        _set(node, "id", id_)
        _set(node, "kind", _KIND[kind])
        _set(node, "label", label)
        _set(node, "quotes", self.quotes(quotes))
        _set(node, "concept", concept)
        _set(node, "stance", _STANCE[stance])
        _set(node, "section", section)
        _set(node, "note", note)
        _set(node, "position", self.position(position))
        _set(node, "implicit", implicit)
        _set(node, "period", period)
        _set(node, "direction", _DIRECTION[direction])
        _set(node, "draft", draft)
        return node

    def edge(self, record: Any) -> Edge:
        source, target, relation, sign, quote, note, position, period, draft = record
        self.identifier(source)
        self.identifier(target)
        for value in (note, period):
            if value is not None and (type(value) is not str or not value or value.isspace()):
                raise _bad("edge")
        if draft is not None and not _is_confidence(draft):
            raise _bad("edge")
        edge = _new(Edge)
        _set(edge, "source", source)
        _set(edge, "target", target)
        _set(edge, "relation", _RELATION[relation])
        _set(edge, "sign", _SIGN[sign])
        _set(edge, "quote", None if quote is None else self.quote(quote))
        _set(edge, "note", note)
        _set(edge, "position", self.position(position))
        _set(edge, "period", period)
        _set(edge, "draft", draft)
        return edge

    def map(self, data: dict[str, Any], path: Path) -> ArgumentMap:
        """The map of an entry; ``TypeError``, ``ValueError``, ``KeyError`` or ``IndexError``
        where the entry is not what :func:`_encode` writes."""
        if data["fields"] != {cls.__name__: list(names) for cls, names in _NAMES.items()}:
            raise ValueError("the entry was written for other fields")
        nodes, edges, vocabulary = data["nodes"], data["edges"], data["vocabulary"]
        if type(nodes) is not list or type(edges) is not list or not _is_optional_text(vocabulary):
            raise _bad("map")
        amap = _new(ArgumentMap)
        _set(amap, "source", self.source(data["source"]))
        _set(amap, "nodes", tuple([self.node(n) for n in nodes]))
        _set(amap, "edges", tuple([self.edge(e) for e in edges]))
        _set(amap, "excluded", self.quotes(data["excluded"]))
        _set(amap, "vocabulary", vocabulary)
        _set(amap, "path", path)
        return amap


def _no_constant(name: str) -> Any:
    """json's hook for NaN and Infinity, which no entry holds (JSON itself has neither)."""
    raise ValueError(f"{name} in a cache entry")


#: What reading an entry raises for damaged or foreign content (the entry is then ignored).
_DAMAGED = (ValueError, TypeError, KeyError, IndexError, AttributeError, zlib.error, RecursionError)


def _deflated(magic: bytes, entry: Any) -> bytes:
    """An entry as written: ``magic``, then its JSON compressed with zlib (level 1). Raises
    ``TypeError`` or ``ValueError`` for a value JSON cannot hold."""
    return magic + zlib.compress(json.dumps(entry, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
                                 .encode("utf-8", "surrogatepass"), 1)


def _inflated(magic: bytes, raw: bytes) -> Any:
    """The JSON value of an entry :func:`_deflated` wrote, or None where ``raw`` does not start
    with ``magic``, is cut short or would inflate past 64 MiB. Raises one of :data:`_DAMAGED`
    for damaged bytes (zlib's Adler-32 check) or JSON."""
    if not raw.startswith(magic):
        return None
    inflate = zlib.decompressobj()
    body = inflate.decompress(raw[len(magic):], _MAX_ENTRY)
    if not inflate.eof or inflate.unconsumed_tail:  # cut short, or inflates past the limit
        return None
    return json.loads(body, parse_constant=_no_constant)


def _entry_of(magic: bytes, fmt: int, raw: bytes, key: str, source_hash: Callable[[str], str | None] | None) -> Any:
    """The JSON of an entry named ``key`` in format ``fmt`` of this argmap version, recording
    the source text its quotes were found in; None where it is another's or, with
    ``source_hash`` (the hash of that text now, given the ``source_file`` the entry records),
    stale. Raises one of :data:`_DAMAGED` for damaged content."""
    entry = _inflated(magic, raw)
    if (entry is None or entry["format"] != fmt or entry["argmap"] != __version__ or entry["key"] != key
            or not isinstance(entry["source_file"], str)):
        return None
    if source_hash is not None:
        wanted = source_hash(entry["source_file"])
        if wanted is None or wanted != entry["source_sha256"]:
            return None
    return entry


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
        self._decoder = _Decoder()
        self.hits = self.misses = self.writes = 0

    @classmethod
    def default(cls) -> MapCache:
        """A cache in :func:`cache_folder` (off where that is None)."""
        return cls(cache_folder())

    def _entry_path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / f"maps-{FORMAT}" / key[:2] / key[2:]

    def source_hash(self, file: Path) -> str | None:
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
        return None if raw is None else self._from_entry(raw, key, path, check_source=True)

    def _from_entry(self, raw: bytes, key: str, path: Path, *, check_source: bool) -> ArgumentMap | None:
        """The map of an entry, or None where it is damaged, foreign or stale."""
        try:
            entry = _entry_of(_MAGIC, FORMAT, raw, key,
                              (lambda file: self.source_hash(path.parent / file)) if check_source else None)
            if entry is None:
                return None
            amap = self._decoder.map(entry["map"], path)
            # The source text checked above must be the one the map names.
            return amap if amap.source.file == entry["source_file"] else None
        except _DAMAGED:
            return None  # damaged or foreign: read the map file instead, and write the entry again

    @staticmethod
    def _entry(key: str, amap: ArgumentMap, source_hash: str) -> bytes:
        """An anchored map as an entry (``TypeError`` for a field the cache cannot store)."""
        entry = {"format": FORMAT, "argmap": __version__, "key": key, "source_file": amap.source.file,
                 "source_sha256": source_hash, "map": _encode(amap)}
        return _deflated(_MAGIC, entry)

    def _store(self, key: str, amap: ArgumentMap, source_hash: str, *, write: bool = True) -> bytes | None:
        try:
            data = self._entry(key, amap, source_hash)
        except (TypeError, ValueError):
            return None
        if self.folder is not None and write:
            try:
                write_bytes(self._entry_path(key), data, parents=True, sync=False)
                self.writes += 1
            except OSError:
                pass  # a cache that cannot be written is no error: the map was loaded
        return data

    def cached(self, path: str | os.PathLike[str]) -> ArgumentMap | None:
        """The map of a file where the cache holds it (anchored), else None. Raises
        :class:`~argmap.errors.LoadError` where the file cannot be read."""
        p = Path(path)
        if self.folder is None or p.is_dir():
            return None
        found = self._lookup(_key(read_bytes(p)), p)
        if found is not None:
            self.hits += 1
        return found

    def prepare(self, path: str | os.PathLike[str]) -> bytes:
        """Load and anchor a map file and return its entry (written to the cache where there
        is one): the work a process of a parallel load does, whose parent then builds the map
        with :meth:`from_prepared`, much quicker than parsing it. Raises as :meth:`load`."""
        from argmap.yamlio import load, loads

        p = Path(path)
        if p.is_dir():
            load(p)  # raises the error a folder gets
        data = read_bytes(p)
        key = _key(data)
        amap = loads(data, path=p)
        text = read_source(amap)
        anchored, problems = anchor_problems(amap, SourceText(text))
        errors = [x for x in problems if x.severity is Severity.ERROR]
        if errors:
            raise QuoteError(errors)
        # A map with quote warnings goes back to the parent but not into the cache.
        entry = self._store(key, anchored, _hex(text.encode("utf-8")), write=not problems)
        if entry is None:  # pragma: no cover - every field of the model is stored
            raise TypeError("the cache cannot store this map")
        return entry

    def from_prepared(self, entry: bytes, path: str | os.PathLike[str]) -> ArgumentMap:
        """The map of an entry :meth:`prepare` made for ``path`` in this run. Raises
        ``ValueError`` where the entry is not one."""
        p = Path(path)
        found = self._from_entry(entry, _key(read_bytes(p)), p, check_source=False)
        if found is None:
            raise ValueError(f"not an entry for {p}")
        return found

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
            from argmap.yamlio import load

            load(p)  # raises the error a folder gets
        data = read_bytes(p)
        key = _key(data) if self.folder is not None else ""
        if self.folder is not None:
            found = self._lookup(key, p)
            if found is not None:
                self.hits += 1
                return found, []
            self.misses += 1
        from argmap.yamlio import loads  # a miss: the file is parsed

        amap = loads(data, path=p)
        if not anchor_quotes:
            return amap, []
        try:
            text = read_source(amap)
        except LoadError as exc:
            if raise_quotes:
                raise
            return amap, list(exc.problems)
        anchored, problems = anchor_problems(amap, SourceText(text))
        if raise_quotes:
            errors = [x for x in problems if x.severity is Severity.ERROR]
            if errors:
                raise QuoteError(errors)
            if problems:  # warnings: the map loads, but is not stored, so that each check sees them
                return anchored, []
        elif problems:
            return amap, problems
        if self.folder is not None:
            # The hash of the text the quotes were found in (not of the file read again).
            source_hash = _hex(text.encode("utf-8"))
            self._source_hashes[os.path.normpath(source_path(amap).absolute())] = source_hash
            self._store(key, anchored, source_hash)
        return anchored, []


# --- drawings ----------------------------------------------------------------------------------

_DRAWING_MAGIC = b"ARGMAPD1"
#: The formats whose drawings are kept: Graphviz writes a PDF with the time it was made, which
#: a kept copy would misstate; SVG and PNG depend on the DOT text and the Graphviz installed
#: (the key sees the ``dot`` program, not fonts or plugins changed without it).
DRAWING_FORMATS = frozenset({"svg", "png"})


def _program_identity(program: str) -> str | None:
    """The installed program as a key: its real path, size and modification time (an upgrade
    of Graphviz changes them); None where it cannot be looked at."""
    try:
        real = os.path.realpath(program)
        st = os.stat(real)
    except OSError:
        return None
    return f"{real}\0{st.st_size}\0{st.st_mtime_ns}"


def drawn(program: str, fmt: str, source: str, draw: Callable[[], bytes]) -> bytes:
    """The drawing of DOT text ``source`` in ``fmt`` by Graphviz at ``program``: from the cache
    where it holds one, else ``draw()``'s result, kept for next time.

    ``dot`` makes the same bytes from the same DOT text, so a report run again on maps that did
    not change, or ``argmap watch`` after an edit to one map, draws only what changed. The key
    is the SHA-256 of the DOT text, the format and the program (its real path, size and
    modification time); the entry records the SHA-256 of the drawing, checked on each read,
    so a damaged entry is drawn again. Only :data:`DRAWING_FORMATS`, and only where the cache
    is on (:func:`cache_folder`). Raises what ``draw`` raises; a failed drawing is not kept.
    """
    folder = cache_folder() if fmt in DRAWING_FORMATS else None
    identity = _program_identity(program) if folder is not None else None
    if folder is None or identity is None:
        return draw()
    key = _hex(f"argmap-drawing\0{identity}\0{fmt}\0".encode() + source.encode("utf-8", "surrogatepass"))
    entry = folder / f"drawings-{FORMAT}" / key[:2] / key[2:]
    raw = read_if_present(entry, limit=_MAX_ENTRY)
    if raw is not None and raw.startswith(_DRAWING_MAGIC):
        digest, data = raw[len(_DRAWING_MAGIC):len(_DRAWING_MAGIC) + 32], raw[len(_DRAWING_MAGIC) + 32:]
        if hashlib.sha256(data).digest() == digest:
            return data
    data = draw()
    with contextlib.suppress(OSError):  # a cache that cannot be written is no error
        write_bytes(entry, _DRAWING_MAGIC + hashlib.sha256(data).digest() + data, parents=True, sync=False)
    return data
