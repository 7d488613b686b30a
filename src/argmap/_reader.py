"""Reading composed YAML nodes into model values, every problem collected with its position.

:class:`Reader` is the shared machinery of the map and vocabulary loaders (:mod:`argmap.yamlio`)
and of argmap JSON (:mod:`argmap.formats.jsonio`, which composes JSON into the same nodes):
key checks with "did you mean", typed values, enums, quotes, and model constructors whose
invariant errors become located problems.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml

from argmap import _yaml
from argmap.concepts import suggest
from argmap.errors import Problem
from argmap.model import Position, Quote

__all__ = ["QUOTE_KEYS", "Reader", "position"]

#: The keys a quote written as a mapping accepts; (required, optional).
QUOTE_KEYS = (("text",), ("occurrence",))

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")


#: Characters that look like a plus or a minus sign but are not the keyboard's ``+`` and ``-``.
_LOOKALIKES = (dict.fromkeys("\u2212\u2010\u2011\u2012\u2013\u2014\u2015\ufe58\ufe63\uff0d", "-")
               | dict.fromkeys("\uff0b\ufe62\u2795", "+"))

#: The characters an id may not hold: C0 controls (line breaks among them) and DEL; one
#: search, not a Python loop over every character of every id.
_C0_OR_DEL = re.compile("[\x00-\x1f\x7f]")

#: What :meth:`Reader.scalar` returns for a value YAML cannot construct (already reported).
_UNREADABLE = object()


def position(node: yaml.Node) -> Position:
    """The 1-based line and column where a YAML node starts."""
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


class Reader:
    """Turns composed YAML nodes into model values, collecting problems as it goes."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.unreadable: set[int] = set()

    def error(self, node: yaml.Node, message: str, hint: str | None = None, code: str = "shape") -> None:
        if id(node) in self.unreadable:  # already reported as a value YAML cannot build
            return
        self.problems.append(_yaml.problem_at(self.path, node.start_mark, message, hint, code))

    def mapping(
        self, node: yaml.Node, where: str, keys: tuple[Sequence[str], Sequence[str]]
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """The entries of a mapping as ``{key: (key_node, value_node)}``, checking key names."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{where} must be a mapping (key: value pairs), found {_yaml.describe(node)}")
            return None
        required, optional = keys
        allowed = (*required, *optional)
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        suggested: set[str] = set()
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if not isinstance(name, str) or name not in allowed:
                close = suggest(str(name), allowed) if name is not None else None
                hint = f"did you mean `{close}`?" if close else f"allowed keys: {', '.join(allowed)}"
                self.error(key, f"unknown key {name!r} in {where}", hint, code="unknown-key")
                suggested.add(close or "")
                continue
            out[name] = (key, value)
        # A misspelt required key is reported once, as the misspelling.
        missing = [k for k in required if k not in out and k not in suggested]
        if missing:
            names = ", ".join(f"`{k}`" for k in missing)
            self.error(node, f"{where} is missing {names}", code="missing-key")
        return out

    def scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return node
        try:
            return _yaml.scalar_value(node)
        except ValueError as exc:  # e.g. 2024-02-30, or an integer of more than 4,300 digits
            if id(node) not in self.unreadable:
                shown = node.value if len(node.value) <= 40 else node.value[:39] + "…"
                self.error(node, f"cannot read the value {shown!r}: {exc}",
                           "put the value in quotes to make it a string", code="type")
                self.unreadable.add(id(node))
            return _UNREADABLE

    def text(self, node: yaml.Node, where: str, *, as_written: bool = False) -> str | None:
        """A string; with ``as_written`` (ids and references to ids), a plain number is taken
        as the text written (``010`` is ``"010"``), never converted and printed back."""
        if as_written and (written := _yaml.written_number(node)) is not None:
            return written
        value = self.scalar(node)
        if isinstance(value, str):
            if not value.strip():
                self.error(node, f"{where} must not be empty")
                return None
            return value
        kind = _yaml.describe(node)
        hint = "put the value in quotes to make it a string" if isinstance(node, yaml.ScalarNode) else None
        self.error(node, f"{where} must be a string, found {kind}", hint, code="type")
        return None

    def identifier(self, node: yaml.Node, where: str) -> str | None:
        value = self.text(node, where, as_written=True)
        if value is None:
            return None
        if value != value.strip():
            self.error(node, f"{where} {value!r} must not start or end with spaces")
            return None
        if _C0_OR_DEL.search(value):
            self.error(node, f"{where} {value!r} must not contain line breaks or control characters")
            return None
        return value

    def optional_text(self, node: yaml.Node, where: str) -> str | None:
        if isinstance(node, yaml.ScalarNode) and self.scalar(node) is None:
            return None
        return self.text(node, where)

    def year(self, node: yaml.Node, where: str) -> int | None:
        value = self.scalar(node)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self.error(node, f"{where} must be a whole number or null, found {_yaml.describe(node)}",
                   "write the year as digits, e.g. year: 2012, or year: null where the text does not say",
                   code="type")
        return None

    def choice(self, node: yaml.Node, where: str, enum_cls: type[E], hint: str = "") -> E | None:
        value = self.scalar(node)
        if isinstance(value, str):
            try:
                return enum_cls(value)
            except ValueError:
                pass
        options = [str(m.value) for m in enum_cls]
        close = suggest(str(value), options) if isinstance(value, str) else None
        like = _LOOKALIKES.get(value) if isinstance(value, str) else None
        if like is not None and like in options:
            hint = (f"{value!r} is {unicodedata.name(value, 'another character').lower()} "
                    f"(U+{ord(value):04X}), which only looks like {like!r}: type {like!r} on the keyboard, "
                    f'in quotes: "{like}"')
        message = f"{where} must be one of {', '.join(options)}; found {value!r}"
        self.error(node, message, hint or (f"did you mean `{close}`?" if close else None), code="choice")
        return None

    def sequence(self, node: yaml.Node, where: str) -> list[yaml.Node] | None:
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        if isinstance(node, yaml.ScalarNode) and self.scalar(node) is None:
            return []
        self.error(node, f"{where} must be a list (lines starting with '- '), found {_yaml.describe(node)}")
        return None

    def quotes(self, node: yaml.Node, where: str) -> tuple[Quote, ...] | None:
        single = isinstance(node, yaml.ScalarNode | yaml.MappingNode)
        items = [node] if single else self.sequence(node, where)
        if items is None:
            return None
        if not items:
            self.error(node, f"{where} must hold at least one quote")
            return None
        out = [q for q in (self.quote(item, where) for item in items) if q is not None]
        return tuple(out) if len(out) == len(items) else None

    def quote(self, node: yaml.Node, where: str) -> Quote | None:
        """A quote: its text, or ``{text: ..., occurrence: N}`` to choose one of several places."""
        if not isinstance(node, yaml.MappingNode):
            text = self.text(node, where)
            return Quote(text, position=position(node)) if text is not None else None
        entries = self.mapping(node, f"a quote of {where}", QUOTE_KEYS)
        if entries is None or "text" not in entries:
            return None
        text_node = entries["text"][1]
        text = self.text(text_node, where)
        occurrence = None
        if "occurrence" in entries:
            occurrence = self.whole(entries["occurrence"][1], "quote `occurrence`", minimum=1)
            if occurrence is None:
                return None
        if text is None:
            return None
        return self.build(node, Quote, text=text, position=position(text_node), occurrence=occurrence)

    def whole(self, node: yaml.Node, where: str, *, minimum: int | None = None) -> int | None:
        """A whole number (at least ``minimum``)."""
        value = self.scalar(node)
        if isinstance(value, int) and not isinstance(value, bool) and (minimum is None or value >= minimum):
            return value
        least = f" of at least {minimum}" if minimum is not None else ""
        self.error(node, f"{where} must be a whole number{least}, found {value!r}", code="type")
        return None

    def flag(self, node: yaml.Node, where: str) -> bool | None:
        """``true`` or ``false``."""
        value = self.scalar(node)
        if isinstance(value, bool):
            return value
        hint = ("YAML 1.2 reads yes, no, on and off as text: write true or false"
                if isinstance(value, str) and value.lower() in ("yes", "no", "on", "off", "y", "n") else None)
        self.error(node, f"{where} must be true or false, found {_yaml.describe(node)}", hint, code="type")
        return None

    def confidence(self, node: yaml.Node, where: str) -> float | None:
        """A number from 0 to 1."""
        value = self.scalar(node)
        if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1:
            return float(value)
        self.error(node, f"{where} must be a confidence from 0 to 1, found {value!r}",
                   "argmap draft writes it; delete the key once you have checked the element", code="type")
        return None

    def build(self, node: yaml.Node, factory: Callable[..., T], **kwargs: Any) -> T | None:
        """Call a model constructor, turning its invariant errors into located problems."""
        try:
            return factory(**kwargs)
        except (ValueError, TypeError) as exc:
            self.error(node, str(exc), code="invalid")
            return None
