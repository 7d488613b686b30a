"""argmap.gc_paused: the collector is off only inside its block, and set back after; every
command but watch runs inside one."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

import argmap
from argmap.cli import main
from conftest import MAPS


@pytest.fixture(autouse=True)
def restore() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    (gc.enable if enabled else gc.disable)()


def test_the_collector_is_off_inside_and_back_on_after() -> None:
    gc.enable()
    with argmap.gc_paused():
        assert not gc.isenabled()
        with argmap.gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves it as it found it
    assert gc.isenabled()
    gc.disable()
    with argmap.gc_paused():
        pass
    assert not gc.isenabled()  # off before, off after


def test_it_is_set_back_when_the_block_raises() -> None:
    gc.enable()
    with pytest.raises(KeyError), argmap.gc_paused():
        raise KeyError("x")
    assert gc.isenabled()


def test_a_one_shot_command_runs_without_the_collector_and_watch_with_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap import commands

    seen: list[bool] = []

    def spy(_args: object) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(commands, "_cmd_validate", spy)
    monkeypatch.setattr(commands, "_cmd_watch", spy)
    gc.enable()
    assert main(["validate", str(MAPS)]) == 0
    assert main(["watch", str(MAPS)]) == 0
    assert seen == [False, True] and gc.isenabled()


def test_a_command_leaves_the_collector_as_it_was(capsys: pytest.CaptureFixture[str]) -> None:
    gc.enable()
    assert main(["validate", "-q", str(MAPS)]) == 0
    assert gc.isenabled()
