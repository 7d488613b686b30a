"""YAML as Argdown reads its front matter and data blocks: YAML 1.2, as js-yaml 4 resolves it.

Argdown parses both with js-yaml's default schema: YAML 1.2's core schema (``010`` is the
integer 10, ``on`` and ``yes`` are strings, ``0o10`` is octal, only ``true``/``false`` in
three spellings are booleans) plus dates and merge keys. PyYAML reads YAML 1.1 (``010`` is 8,
``on`` is true), so this module keeps PyYAML's parser and replaces its implicit resolvers and
number constructors with js-yaml's rules. As in js-yaml, a key given twice is an error.
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import yaml

__all__ = ["YamlError", "load", "scalar_texts"]


class YamlError(ValueError):
    """The text is not YAML that js-yaml would load."""


_INT = re.compile(r"[-+]?(?:0b[01]+|0x[0-9a-fA-F]+|0o[0-7]+|[0-9]+)\Z")
_FLOAT = re.compile(
    r"(?:[-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"
)
_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
    r"(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?\Z"
)
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"


_Base: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser where there is one


class _Loader(_Base):  # type: ignore[misc]
    """PyYAML's safe loader with js-yaml 4's implicit types (YAML 1.2 core schema)."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 (PyYAML's own attribute)


for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:null", re.compile(r"(?:~|null|Null|NULL|)\Z"), ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z"), list("tTfF")),
    (_INT_TAG, _INT, list("-+0123456789")),
    (_FLOAT_TAG, _FLOAT, list("-+0123456789.")),
    ("tag:yaml.org,2002:timestamp", _TIMESTAMP, list("0123456789")),
    ("tag:yaml.org,2002:merge", re.compile(r"<<\Z"), ["<"]),
):
    _Loader.add_implicit_resolver(_tag, _pattern, _first)


def _int(loader: _Loader, node: yaml.ScalarNode) -> int:
    value = str(loader.construct_scalar(node))
    sign = -1 if value.startswith("-") else 1
    digits = value.lstrip("+-")
    bases = {"0b": 2, "0x": 16, "0o": 8}
    base = bases.get(digits[:2], 10)
    return sign * int(digits[2:] if base != 10 else digits, base)


def _float(loader: _Loader, node: yaml.ScalarNode) -> float:
    value = str(loader.construct_scalar(node))
    if value.lstrip("+-").lower() == ".inf":
        return float("-inf") if value.startswith("-") else float("inf")
    if value.lower() == ".nan":
        return float("nan")
    return float(value)


def _date(loader: _Loader, node: yaml.ScalarNode) -> datetime.date | datetime.datetime:
    value: datetime.date | datetime.datetime = loader.construct_yaml_timestamp(node)
    return value


def _mapping(loader: _Loader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _value in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node, deep=True)
        try:
            duplicate = key in seen
            seen.add(key)
        except TypeError:
            continue
        if duplicate:
            mark = key_node.start_mark
            raise YamlError(f"duplicated mapping key {key!r} (line {mark.line + 1})")
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = loader.construct_mapping(node, deep=True)
    return mapping


_Loader.add_constructor(_INT_TAG, _int)
_Loader.add_constructor(_FLOAT_TAG, _float)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _date)
_Loader.add_constructor("tag:yaml.org,2002:map", _mapping)


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object; a key given twice is an error in js-yaml, so it is here (ValueError
    sends the text on to the YAML reader, which reports it)."""
    out = dict(pairs)
    if len(out) != len(pairs):
        raise ValueError("duplicated key")
    return out


def load(text: str) -> Any:
    """The value of a YAML document as js-yaml 4 reads it; raises :class:`YamlError`.

    JSON is YAML 1.2 and gives the same value, so a text that is JSON (as argmap's own data
    blocks are) is read by the json module first, which is much faster.
    """
    if text.lstrip().startswith(("{", "[")):
        try:
            return json.loads(text, object_pairs_hook=_unique)
        except (ValueError, RecursionError):
            pass
    try:
        return yaml.load(text, Loader=_Loader)
    except YamlError:
        raise
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as exc:
        raise YamlError(" ".join(str(exc).split())) from None


def scalar_texts(text: str) -> dict[str, str]:
    """The top-level entries of a YAML mapping whose values are scalars, as written.

    argmap keeps a title or an author as its text (``010`` stays "010") where YAML 1.2
    would make a number of it; quoted scalars give their value.
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return {}
    out: dict[str, str] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if (
                isinstance(key, yaml.ScalarNode)
                and isinstance(value, yaml.ScalarNode)
                and value.tag != "tag:yaml.org,2002:null"
            ):
                out.setdefault(str(key.value), str(value.value))
    return out
