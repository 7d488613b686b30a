"""A writing loop: check maps (and redraw one) every time a file they depend on is saved.

:class:`Watcher` holds the state between saves: the files each map depends on (the map, its
source text, its vocabulary) and the problems last reported. :meth:`Watcher.update` handles
one batch of changed files: it checks again the maps that depend on them (:func:`argmap.check`,
which never raises for a user's mistake, so a half-written save is just a syntax error) and
says what was fixed and what is new. :func:`watch` runs it on file events from
`watchfiles <https://watchfiles.helpmanual.io/>`_ (which batches the several events of one
save) until Ctrl-C; tests drive :meth:`Watcher.update` directly, or give :func:`watch` the
events, so that nothing depends on timing.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import attrs

from argmap.concepts import Vocabulary
from argmap.errors import ArgmapError, LoadError, PathError, Problem, Severity
from argmap.quotes import source_path
from argmap.validation import check
from argmap.workspace import find_vocabulary, is_vocabulary_file, map_files
from argmap.yamlio import load, load_vocabulary

__all__ = ["WatchUpdate", "Watcher", "watch"]

_SHOWN = 10  # problems still there that an update lists one per line


def _key(p: Problem) -> tuple[str, str, str, str]:
    """What makes two problems the same one from one save to the next: not their line, which
    moves as lines are added above them."""
    return str(p.path), p.severity.value, p.code, p.message


def _count(problems: Iterable[Problem]) -> str:
    counts = Counter(p.severity for p in problems)
    errors, warnings = counts[Severity.ERROR], counts[Severity.WARNING]
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


@attrs.frozen
class WatchUpdate:
    """What one round of checks found: for each file checked again, the problems it has now,
    those fixed since the last round and those new; the drawing written, if any, and what
    went wrong drawing it."""

    checked: tuple[Path, ...]
    problems: tuple[Problem, ...]
    fixed: tuple[Problem, ...]
    new: tuple[Problem, ...]
    drawn: Path | None = None
    drawing_failed: str | None = None

    def to_text(self) -> str:
        """Lines for the terminal: per file a summary, then what was fixed, what is new, and
        (briefly) what is still there."""
        lines: list[str] = []
        for path in self.checked:
            now = [p for p in self.problems if p.path == path]
            fixed = [p for p in self.fixed if p.path == path]
            new = [p for p in self.new if p.path == path]
            change = f" ({len(fixed)} fixed, {len(new)} new)" if fixed or new else ""
            lines.append(f"{path}: {_count(now) if now else 'valid'}{change}")
            lines.extend(f"  fixed: {p.location}: {p.message}" for p in fixed)
            lines.extend("  new:   " + str(p).replace("\n", "\n  ") for p in new)
            still = [p for p in now if _key(p) not in {_key(n) for n in new}]
            lines.extend(f"  still: {p.location}: {p.severity.value}: {p.message}" for p in still[:_SHOWN])
            if len(still) > _SHOWN:
                lines.append(f"  still: ... and {len(still) - _SHOWN} more")
        if self.drawn is not None:
            lines.append(f"drew {self.drawn}")
        if self.drawing_failed:
            lines.append(self.drawing_failed)
        return "\n".join(lines)


class Watcher:
    """The state of a writing loop over map and vocabulary files (folders: every map in them).

    ``vocabulary`` is used for every map (else each map's own, as ``argmap validate`` finds
    it); with ``output`` (one map only), the map is drawn there after every round in which it
    has no error, with ``drawing`` options as :func:`argmap.render` takes them.
    """

    def __init__(self, paths: Iterable[str | Path], *, vocabulary: str | Path | None = None,
                 output: str | Path | None = None, drawing: dict[str, Any] | None = None) -> None:
        self.paths = [Path(p) for p in paths]
        self.vocabulary_path = Path(vocabulary) if vocabulary is not None else None
        self.output = Path(output) if output is not None else None
        self.drawing = dict(drawing or {})
        self.problems: dict[Path, list[Problem]] = {}
        self.depends: dict[Path, set[Path]] = {}

    def files(self) -> list[Path]:
        """The map and vocabulary files under the paths, as now on disk (a folder may have gained
        one). Raises :class:`~argmap.errors.PathError` where a path names nothing usable."""
        return map_files(self.paths, vocabularies=True)

    def watched(self) -> set[Path]:
        """Every file a change to which calls for a check: the maps, vocabularies and source
        texts (resolved), as far as the last round could tell."""
        out = {p.resolve() for deps in self.depends.values() for p in deps}
        return out | {p.resolve() for p in self.depends}

    def folders(self) -> set[Path]:
        """The folders to watch: those of every watched file, and the folders given."""
        return {p.parent for p in self.watched()} | {p.resolve() for p in self.paths if p.is_dir()}

    def _dependencies(self, path: Path) -> set[Path]:
        """The files a map's check reads besides the map: its source text and vocabulary."""
        if is_vocabulary_file(path):
            return set()
        try:
            amap = load(path, anchor=False)
        except LoadError:  # unreadable for now: keep what the last good version depended on
            return self.depends.get(path, set())
        out = {source_path(amap)}
        vocabulary = self.vocabulary_path or find_vocabulary(amap)
        if vocabulary is not None:
            out.add(Path(vocabulary))
        return out

    def update(self, changed: Iterable[str | Path] | None = None) -> WatchUpdate:
        """Check again every file that depends on one of ``changed`` (every file when None,
        as in the first round, and any file new under a folder given); the problems fixed and
        new since the last round, and the drawing made.

        Never raises for a user's mistake: a file that does not parse is a problem like any
        other. Raises :class:`~argmap.errors.PathError` where a path given names nothing
        usable (a folder with no map left in it), and :class:`~argmap.errors.LoadError` where
        the vocabulary given cannot be read.
        """
        files = self.files()
        for gone in set(self.problems) - set(files):
            self.problems.pop(gone, None)
            self.depends.pop(gone, None)
        if changed is None:
            todo = list(files)
        else:
            touched = {Path(p).resolve() for p in changed}
            todo = [f for f in files if f not in self.problems or f.resolve() in touched
                    or any(d.resolve() in touched for d in self.depends.get(f, ()))]
        vocabulary: Vocabulary | None = None
        extra: dict[Path, list[Problem]] = {}
        if self.vocabulary_path is not None:
            given = self.vocabulary_path
            try:
                vocabulary = load_vocabulary(given)
            except LoadError as exc:  # half-saved: its problems, and no map checked against it
                return self._round([given], {given: exc.problems})
            if self.problems.get(given):  # mended: say so, and check every map again
                extra, todo = {given: []}, list(files)
        found = extra | {f: check(f, vocabulary) for f in todo}
        for f in todo:
            self.depends[f] = self._dependencies(f)
        return self._round(list(found), found)

    def _round(self, todo: list[Path], found: dict[Path, list[Problem]]) -> WatchUpdate:
        fixed: list[Problem] = []
        new: list[Problem] = []
        for f in todo:
            before, now = self.problems.get(f, []), found[f]
            was, then = Counter(map(_key, before)), Counter(map(_key, now))
            fixed.extend(p for p in before if (was - then)[_key(p)] > 0)
            new.extend(p for p in now if (then - was)[_key(p)] > 0)
            self.problems[f] = now
        drawn, failed = self._draw(todo)
        return WatchUpdate(tuple(todo), tuple(p for f in todo for p in found[f]), tuple(fixed), tuple(new),
                      drawn, failed)

    def _draw(self, todo: list[Path]) -> tuple[Path | None, str | None]:
        """Draw the one map into ``output`` if it was checked this round and has no error."""
        maps = [f for f in todo if f in self.depends and not is_vocabulary_file(f)]
        if self.output is None or not maps:
            return None, None
        path = maps[0]
        if any(p.severity is Severity.ERROR for p in self.problems.get(path, [])):
            return None, f"not drawn: {path} has errors (the last drawing is kept)"
        from argmap.drawing.amap import render  # drawing modules load only when asked to draw
        from argmap.drawing.backend import write_rendering

        try:
            amap = load(path, anchor=False)
            found = self.vocabulary_path or find_vocabulary(amap)
            vocabulary = load_vocabulary(found) if found is not None else None
            graph = render(amap, vocabulary=vocabulary, **self.drawing)
            return write_rendering(graph.source, self.output, parents=True), None
        except (ArgmapError, OSError) as exc:
            return None, f"not drawn: {exc}"


def _events(watcher: Watcher, stop: Any) -> Iterator[set[Path]]:
    """Batches of changed paths from watchfiles, watching the folders the watcher needs (and
    starting again where they change, as when a map names another source text)."""
    try:
        from watchfiles import watch as watch_files
    except ImportError:
        raise ArgmapError("argmap watch needs the watchfiles package: pip install 'argmap[watch]'") from None
    while stop is None or not stop.is_set():
        folders = {f for f in watcher.folders() if f.is_dir()}
        for batch in watch_files(*sorted(folders), stop_event=stop, recursive=False, debounce=800):
            yield {Path(p) for _change, p in batch}
            if {f for f in watcher.folders() if f.is_dir()} != folders:
                break
        else:
            return


def watch(paths: Iterable[str | Path], *, vocabulary: str | Path | None = None, output: str | Path | None = None,
          drawing: dict[str, Any] | None = None, out: TextIO | None = None,
          events: Iterable[Iterable[str | Path]] | None = None, stop: Any = None) -> int:
    """Check maps now and again after every save, printing what was fixed and what is new;
    with ``output`` (one map), redraw it after every save that leaves it without errors.

    ``events`` (batches of changed paths) replaces the file watcher, for tests and other
    sources of changes; ``stop`` (a ``threading.Event``) ends the loop when set, as Ctrl-C
    does. Returns 0 when stopped. Raises :class:`~argmap.errors.PathError` where a path names
    nothing usable, :class:`~argmap.errors.LoadError` where the vocabulary given cannot be
    read at the start, and :class:`~argmap.errors.ArgmapError` where ``watchfiles`` is not
    installed (``pip install 'argmap[watch]'``) or ``output`` is given for more than one map.
    """
    out = out if out is not None else sys.stdout
    watcher = Watcher(paths, vocabulary=vocabulary, output=output, drawing=drawing)
    if output is not None and len(watcher.files()) != 1:
        raise ArgmapError("drawing (-o FILE) needs exactly one map to watch")
    if vocabulary is not None:
        load_vocabulary(vocabulary)  # a vocabulary that cannot be read is a usage problem at the start

    def say(text: str) -> None:
        print(text, file=out, flush=True)

    say(watcher.update().to_text())
    say(f"watching {len(watcher.watched())} files; Ctrl-C stops")
    try:
        for batch in events if events is not None else _events(watcher, stop):
            touched = {Path(p).resolve() for p in batch}
            if not touched & (watcher.watched() | _new_files(watcher)):
                continue
            try:
                update = watcher.update(touched)
            except PathError as exc:  # every map of a folder deleted, say: wait for the next save
                say(f"{exc}")
                continue
            if update.checked or update.drawing_failed:
                say(update.to_text())
    except KeyboardInterrupt:
        pass
    say("stopped watching")
    return 0


def _new_files(watcher: Watcher) -> set[Path]:
    """Map files that appeared under a folder given since the last round."""
    try:
        return {f.resolve() for f in watcher.files()} - {f.resolve() for f in watcher.problems}
    except PathError:
        return set()
