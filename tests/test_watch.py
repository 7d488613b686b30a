"""The writing loop (issue 13, item 6): each batch of saved files is handled directly, so no
test waits on the clock; one test runs the real file watcher with a generous deadline."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import argmap
from argmap import Severity, Watcher
from argmap.cli import main

SOURCE = "The ferry should run all year. Winter storms are rare here. Tourists come even in January.\n"
GOOD = """source: {id: ferry, file: ferry.txt}
nodes:
  - {id: T, kind: thesis, label: Year-round ferry, quote: "The ferry should run all year"}
  - {id: a, kind: claim, label: Mild winters, quote: "Winter storms are rare here"}
edges:
  - {from: a, to: T, rel: supports}
"""
TYPO = GOOD.replace("rare here", "rare there")
HALF_SAVED = GOOD[: GOOD.index("edges:")] + "edges:\n  - {from: a, to: T, rel: sup"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "ferry.txt").write_text(SOURCE)
    (tmp_path / "m.yaml").write_text(GOOD)
    return tmp_path


def test_a_fix_and_a_new_problem_are_told_apart(folder: Path) -> None:
    """A save that breaks a quote reports it new; the save that mends it reports it fixed."""
    m = folder / "m.yaml"
    watcher = Watcher([m])
    first = watcher.update()
    assert first.checked == (m,) and first.problems == () and "valid" in first.to_text()
    m.write_text(TYPO)
    broken = watcher.update([m])
    assert [p.code for p in broken.new] == ["quote-not-found"] and broken.fixed == ()
    assert "1 error, 0 warnings (0 fixed, 1 new)" in broken.to_text()
    m.write_text(GOOD)
    mended = watcher.update([m])
    assert [p.code for p in mended.fixed] == ["quote-not-found"] and mended.new == ()
    assert "fixed:" in mended.to_text() and "valid (1 fixed, 0 new)" in mended.to_text()


def test_a_half_written_save_is_a_problem_not_a_crash(folder: Path) -> None:
    """An invalid intermediate save is a syntax error, replaced by the next save's state."""
    m = folder / "m.yaml"
    watcher = Watcher([m])
    watcher.update()
    m.write_text(HALF_SAVED)
    update = watcher.update([m])
    assert [p.code for p in update.new] == ["syntax"]
    m.write_text(GOOD)
    assert [p.code for p in watcher.update([m]).fixed] == ["syntax"]


def test_a_problem_that_moves_down_a_line_is_neither_fixed_nor_new(folder: Path) -> None:
    """Lines added above a problem move it; it is still the same problem."""
    m = folder / "m.yaml"
    m.write_text(TYPO)
    watcher = Watcher([m])
    watcher.update()
    m.write_text("# a comment\n" + TYPO)
    update = watcher.update([m])
    assert update.fixed == () and update.new == ()
    assert "still: " in update.to_text() and f"{m}:5:" in update.to_text()


def test_a_save_of_the_source_text_checks_its_maps_again(folder: Path) -> None:
    """The source text and the vocabulary are watched too; an unrelated file is not."""
    m = folder / "m.yaml"
    watcher = Watcher([m])
    watcher.update()
    assert (folder / "ferry.txt").resolve() in watcher.watched()
    assert watcher.update([folder / "notes.txt"]).checked == ()
    (folder / "ferry.txt").write_text(SOURCE.replace("Winter", "Summer"))
    update = watcher.update([folder / "ferry.txt"])
    assert update.checked == (m,) and [p.code for p in update.new] == ["quote-not-found"]


def test_a_new_map_in_a_watched_folder_is_checked(folder: Path) -> None:
    """A folder given is looked at again: a map saved into it for the first time is checked."""
    watcher = Watcher([folder])
    watcher.update()
    (folder / "n.yaml").write_text(TYPO.replace("id: ferry", "id: other"))
    update = watcher.update([folder / "n.yaml"])
    assert update.checked == (folder / "n.yaml",)
    assert update.problems[0].severity is Severity.ERROR


def test_the_map_is_redrawn_after_each_valid_save_only(folder: Path) -> None:
    """With an output, a valid save redraws the map; a save with errors keeps the last drawing."""
    m, dot = folder / "m.yaml", folder / "out" / "m.dot"
    watcher = Watcher([m], output=dot)
    assert watcher.update().drawn == dot
    drawn = dot.read_text()
    assert "Year-round ferry" in drawn
    m.write_text(TYPO.replace("Year-round ferry", "All-year ferry"))
    update = watcher.update([m])
    assert update.drawn is None and "not drawn" in (update.drawing_failed or "")
    assert dot.read_text() == drawn
    m.write_text(GOOD.replace("Year-round ferry", "All-year ferry"))
    assert watcher.update([m]).drawn == dot
    assert "All-year ferry" in dot.read_text()


def test_the_loop_prints_changes_and_stops_cleanly(folder: Path) -> None:
    """watch() prints the first check, then each change as it comes, and ends with the events."""
    m = folder / "m.yaml"

    def saves() -> Iterator[set[Path]]:
        m.write_text(HALF_SAVED)
        yield {m}
        yield {folder / "unrelated.txt"}  # ignored: nothing depends on it
        m.write_text(GOOD)
        yield {m}
        raise KeyboardInterrupt  # Ctrl-C

    out = io.StringIO()
    assert argmap.watch([m], out=out, events=saves()) == 0
    text = out.getvalue()
    assert text.count(f"{m}: valid") == 2
    assert "new:   " in text and "invalid YAML" in text and "fixed: " in text
    assert text.rstrip().endswith("stopped watching")


def test_drawing_needs_one_map(folder: Path) -> None:
    """-o with several maps is a usage error; without watchfiles the error says what to install."""
    (folder / "n.yaml").write_text(GOOD.replace("id: ferry", "id: other"))
    with pytest.raises(argmap.ArgmapError, match="exactly one map"):
        argmap.watch([folder], output=folder / "x.svg", events=[])
    assert main(["watch", str(folder), "-o", str(folder / "x.svg")]) == 2
    assert main(["watch", str(folder / "m.yaml"), "-o", str(folder / "x.txt")]) == 2


def test_the_real_file_watcher_sees_a_save(folder: Path) -> None:
    """End to end with watchfiles: a save is reported. The deadline is generous (60 s) and the
    loop is stopped whatever happens, so a slow machine makes it slower, never wrong."""
    pytest.importorskip("watchfiles")
    m = folder / "m.yaml"
    out = io.StringIO()
    stop = threading.Event()
    thread = threading.Thread(target=argmap.watch, args=([m],), kwargs={"out": out, "stop": stop}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while "Ctrl-C stops" not in out.getvalue() and time.monotonic() < deadline:
            time.sleep(0.05)
        saved = 0.0
        while "not found" not in out.getvalue() and time.monotonic() < deadline:
            if time.monotonic() - saved > 5:  # (again, where the watcher was not yet listening)
                m.write_text(TYPO)
                saved = time.monotonic()
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert "not found in the source text" in out.getvalue()
    assert not thread.is_alive()
