"""The public API as a user meets it: every name in ``argmap.__all__``.

Each public function's docstring says what it raises for a user's mistake or an environment
problem (or that it raises nothing), so that a caller knows what to catch.
"""

from __future__ import annotations

import inspect

import argmap


def _public_functions() -> dict[str, object]:
    return {name: getattr(argmap, name) for name in argmap.__all__ if inspect.isfunction(getattr(argmap, name))}


def test_public_functions_are_found() -> None:
    # Guards the test below against passing vacuously (e.g. were the lazy imports to change).
    functions = _public_functions()
    assert len(functions) > 50
    assert {"load", "compare", "render_svg", "write_table"} <= functions.keys()


def test_every_public_function_says_what_it_raises() -> None:
    offenders = [
        f"{name} ({getattr(function, '__module__', '?')})"
        for name, function in sorted(_public_functions().items())
        if "raise" not in (inspect.getdoc(function) or "").lower()
    ]
    assert not offenders, (
        f"{len(offenders)} public function(s) do not say in their docstring what they raise "
        "(add a sentence such as 'Raises :class:`~argmap.errors.LoadError` where ...' or "
        "'Never raises for ...'):\n  " + "\n  ".join(offenders)
    )


def test_vocabulary_for_names_a_path_given_for_maps() -> None:
    """A path where loaded maps belong is a clear TypeError, not a walk over its characters."""
    import pytest

    from conftest import MAPS

    for wrong in (str(MAPS), MAPS, MAPS / "concepts.yaml"):
        with pytest.raises(TypeError, match="takes loaded maps, not the path"):
            argmap.vocabulary_for(wrong)  # type: ignore[arg-type]
    assert argmap.vocabulary_for(argmap.load_maps([MAPS])) == argmap.vocabulary_for([], MAPS / "concepts.yaml")
