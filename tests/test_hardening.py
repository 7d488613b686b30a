"""Hostile and broken input: every reader returns a map or raises an ArgmapError with a position."""

from __future__ import annotations

import pytest

import argmap
from argmap.errors import LoadError

MAP_WITH = """\
source: {{id: a, file: a.txt, year: {year}}}
nodes:
  - {{id: t, kind: thesis, label: {label}, quote: q, stance: {stance}}}
"""


@pytest.mark.parametrize(
    "value",
    ["2024-13-45", "2024-02-30", "1" * 5000],
    ids=["month-13", "february-30", "5000-digit-integer"],
)
def test_unconstructible_scalars_are_located_errors(value: str) -> None:
    """Values YAML resolves but cannot build (bad dates, huge integers) are located errors."""
    text = MAP_WITH.format(year=value, label=value, stance=value)
    with pytest.raises(LoadError) as info:
        argmap.loads(text)
    problems = info.value.problems
    assert [(p.line, p.code) for p in problems] == [(1, "type"), (3, "type"), (3, "type")]
    assert all("cannot read the value" in p.message for p in problems)


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000, "a: " + "{b: " * 100_000, "- " * 100_000 + "x", "[" * 5_000 + "]" * 5_000],
    ids=["flow-lists", "flow-mappings", "block-lists", "balanced"],
)
def test_deep_nesting_is_refused_not_a_crash(text: str) -> None:
    """Deeply nested YAML is a located error (PyYAML's C composer would overflow the stack)."""
    with pytest.raises(LoadError) as info:
        argmap.loads(text)
    assert info.value.problems[0].code == "too-deep"
    assert info.value.line == 1
