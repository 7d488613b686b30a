"""Reading untrusted AIF data: located problems for malformed shapes, and the ``argmap``
members an argmap export carries (nodes, relations, the source)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from argmap.codec import edge_options_from_data, node_options_from_data, quote_from_data, source_from_data
from argmap.errors import LoadError, Problem
from argmap.formats._common import quotable
from argmap.model import Node, Quote, Relation, Sign, Source

__all__ = ["CAUSAL", "DIALOGUE", "MAX_LINKS", "S_TYPES", "AifReader", "Locate", "own_node", "own_source",
           "relation_info", "short"]

T = TypeVar("T")

S_TYPES = {"RA", "CA", "MA", "PA"}
#: Premises times conclusions of one scheme node (or speakers times targets of a YA node)
#: past which a file is refused: a real inference has a handful, a hostile one could ask
#: for billions of edges.
MAX_LINKS = 10_000
DIALOGUE = {"L", "YA", "TA"}
CAUSAL = re.compile(r"cause\s*to\s*effect|causal", re.IGNORECASE)
Locate = Callable[[tuple[str | int, ...]], tuple[int, int] | None]


def short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


class AifReader:
    """Checks the shape of untrusted AIF data, collecting located problems."""

    def __init__(self, path: Path | None, locate: Locate | None) -> None:
        self.path = path
        self.locate = locate
        self.problems: list[Problem] = []

    def at(self, where: tuple[str | int, ...]) -> tuple[int | None, int | None]:
        found = self.locate(where) if self.locate is not None else None
        return found if found is not None else (None, None)

    def error(self, where: tuple[str | int, ...], message: str, hint: str | None = None) -> None:
        line, column = self.at(where)
        self.problems.append(
            Problem(message, path=self.path, line=line, column=column, hint=hint, code="aif")
        )

    def raise_if_any(self) -> None:
        if self.problems:
            raise LoadError(self.problems)

    def items(self, data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
        value = data.get(key)
        if not isinstance(value, list):
            found = "nothing" if value is None else type(value).__name__
            self.error(
                (key,) if key in data else (),
                f"an AIF file needs `{key}`: a list; found {found}",
                "is this an AIF JSON file (from AIFdb or OVA)?",
            )
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append((i, item))
            else:
                self.error(
                    (key, i), f"`{key}` item {i + 1} must be an object, found {type(item).__name__}"
                )
        return out

    def ident(self, item: dict[str, Any], where: tuple[str | int, ...], key: str) -> str | None:
        value = item.get(key)
        if (isinstance(value, str) and value) or (
            isinstance(value, int) and not isinstance(value, bool)
        ):
            return str(value)
        self.error(
            (*where, key) if key in item else where,
            f"`{key}` must be a non-empty string or a number, found {value!r:.40}",
        )
        return None

    def info(self, where: tuple[str | int, ...], build: Callable[..., T], *args: Any) -> T | None:
        """Build a value from an ``argmap`` member, turning malformed data into a problem."""
        try:
            return build(*args)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            self.error(
                (*where, "argmap"),
                f"malformed `argmap` member: {exc}",
                "argmap writes this member; remove it to import the node as plain AIF",
            )
            return None


def _opt(info: dict[str, Any], key: str) -> Any:
    value = info.get(key)
    if value is not None and not isinstance(value, str):
        raise TypeError(f"`{key}` must be a string, got {value!r:.40}")
    return value


def own_node(info: Any, text: str) -> Node:
    if not isinstance(info, dict):
        raise TypeError("expected an object")
    quotes = info["quotes"]
    if not isinstance(quotes, list):
        raise TypeError("`quotes` must be a list")
    label = info["label"]
    if (
        isinstance(label, str)
        and " ".join(text.split()) != " ".join(label.split())
        and quotable(text)
    ):
        label = text  # the I-node's text was edited in another tool: the edit wins
    return Node(id=info["id"], kind=info["kind"], label=label, quotes=[quote_from_data(q) for q in quotes],
                **node_options_from_data(info))


def own_source(info: Any) -> tuple[Source, str | None, tuple[Quote, ...]]:
    if not isinstance(info, dict) or not isinstance(info.get("source"), dict):
        raise TypeError("expected an object with `source`")
    source = source_from_data(info["source"])
    exclude = info.get("exclude", [])
    if not isinstance(exclude, list):
        raise TypeError("`exclude` must be a list")
    return source, _opt(info, "vocabulary"), tuple(quote_from_data(q) for q in exclude)


def relation_info(info: Any) -> tuple[int, Relation, Quote | None, dict[str, Any]]:
    """The order, relation, quote and other fields (as :class:`~argmap.Edge` keywords) of an
    edge argmap wrote into a scheme node."""
    if not isinstance(info, dict):
        raise TypeError("expected an object")
    order = info["order"]
    if type(order) is not int:
        raise TypeError(f"`order` must be a whole number, got {order!r:.40}")
    quote = info.get("quote")
    options = edge_options_from_data(info)
    options["sign"] = Sign(options["sign"]) if options["sign"] is not None else None
    return order, Relation(info["relation"]), quote_from_data(quote) if quote is not None else None, options
