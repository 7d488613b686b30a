"""One exception hierarchy for everything a user can get wrong.

Every error is an :class:`ArgmapError`; each also subclasses the built-in exception that
describes it best, so ``except ValueError`` keeps working for callers who do not know argmap.
Errors about a file carry its path and, where known, the line and column (1-based).
"""

from __future__ import annotations

import enum
from pathlib import Path

import attrs

__all__ = [
    "ArgmapError",
    "DifferentTextError",
    "ExportError",
    "GraphvizNotFound",
    "LoadError",
    "MetricError",
    "PathError",
    "Problem",
    "QuoteError",
    "RenderError",
    "Severity",
    "ValidationError",
]


class Severity(enum.StrEnum):
    """How serious a problem is: errors make a map invalid, warnings ask for a look."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class Problem:
    """One thing wrong with a file, where it is, and how to fix it."""

    message: str
    path: Path | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    severity: Severity = Severity.ERROR
    code: str = "error"

    @property
    def location(self) -> str:
        """``path:line:col`` with whatever parts are known."""
        parts = [str(self.path) if self.path is not None else "<string>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity.value}: {self.message}"
        if self.hint:
            text += "".join(f"\n    {line}" for line in self.hint.splitlines())
        return text


class ArgmapError(Exception):
    """Root of every error argmap raises for a user's mistake."""


class LoadError(ArgmapError, ValueError):
    """A file could not be read as an argument map or vocabulary.

    ``problems`` lists every problem found (the loader collects them all before raising);
    ``path``, ``line`` and ``column`` are those of the first.
    """

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems: list[Problem] = [problems] if isinstance(problems, Problem) else problems
        if not self.problems:
            raise TypeError("LoadError needs at least one problem")
        first = self.problems[0]
        self.path: Path | None = first.path
        self.line: int | None = first.line
        self.column: int | None = first.column
        more = len(self.problems) - 1
        text = str(first) + (f"\n(and {more} more problem{'s' if more > 1 else ''})" if more else "")
        super().__init__(text)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class PathError(ArgmapError, FileNotFoundError):
    """A path given to argmap names nothing it can use: no such file or folder, or a folder
    with no map in it. The command line treats it as a usage error (exit code 2)."""


class QuoteError(LoadError):
    """A quote does not occur in the map's source text."""


class ValidationError(LoadError):
    """A map breaks a structural rule (see :func:`argmap.validate`)."""


class RenderError(ArgmapError, RuntimeError):
    """Rendering a map failed."""


class GraphvizNotFound(RenderError):
    """Graphviz's ``dot`` executable is not installed or not on ``PATH``."""


class ExportError(ArgmapError, ValueError):
    """A map cannot be written in the requested format."""


class DifferentTextError(ArgmapError, ValueError):
    """Two maps were to be aligned node by node (a student's map against a reference) but
    encode different source texts: their quote offsets cannot be compared."""


class MetricError(ArgmapError, ValueError):
    """A metric was given data it is not defined for (e.g. a strength above ``max_strength``)."""
