"""argmap._gc: the collector is paused or slowed only inside its blocks, and set back after."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from argmap import _gc
from argmap.cli import main
from conftest import MAPS


@pytest.fixture(autouse=True)
def restore() -> Iterator[None]:
    enabled, thresholds = gc.isenabled(), gc.get_threshold()
    yield
    gc.set_threshold(*thresholds)
    (gc.enable if enabled else gc.disable)()


def test_paused_turns_the_collector_off_and_back_on() -> None:
    gc.enable()
    with _gc.paused():
        assert not gc.isenabled()
        with _gc.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves it as it found it
    assert gc.isenabled()
    gc.disable()
    with _gc.paused():
        pass
    assert not gc.isenabled()  # off before, off after


def test_paused_sets_it_back_when_the_block_raises() -> None:
    gc.enable()
    with pytest.raises(KeyError), _gc.paused():
        raise KeyError("x")
    assert gc.isenabled()


def test_fewer_collections_raises_the_thresholds_only() -> None:
    gc.set_threshold(700, 10, 10)
    with _gc.fewer_collections():
        assert gc.get_threshold() == _gc.COMMAND_THRESHOLDS
    assert gc.get_threshold() == (700, 10, 10)
    gc.set_threshold(50_000, 30, 5)  # a caller's higher settings are kept
    with _gc.fewer_collections():
        assert gc.get_threshold() == (50_000, 30, 10)
    assert gc.get_threshold() == (50_000, 30, 5)


def test_a_command_leaves_the_collector_as_it_was(capsys: pytest.CaptureFixture[str]) -> None:
    gc.enable()
    gc.set_threshold(700, 10, 10)
    assert main(["validate", "-q", str(MAPS)]) == 0
    assert gc.isenabled() and gc.get_threshold() == (700, 10, 10)


def test_a_one_shot_command_runs_without_the_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap import commands

    seen: list[tuple[bool, tuple[int, int, int]]] = []

    def spy(_args: object) -> int:
        seen.append((gc.isenabled(), gc.get_threshold()))
        return 0

    monkeypatch.setattr(commands, "_cmd_validate", spy)
    monkeypatch.setattr(commands, "_cmd_watch", spy)
    gc.enable()
    gc.set_threshold(700, 10, 10)
    main(["validate", str(MAPS)])
    main(["watch", str(MAPS)])
    assert seen == [(False, (700, 10, 10)), (True, _gc.COMMAND_THRESHOLDS)]
    assert gc.isenabled() and gc.get_threshold() == (700, 10, 10)
