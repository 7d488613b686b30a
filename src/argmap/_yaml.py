"""A strict YAML front end: positions, no duplicate keys, no aliases, clear messages.

PyYAML accepts duplicate keys (the last wins) and expands aliases, which lets a small file
grow without bound ("billion laughs"). Map files never need either, so both are errors here.
We compose the document into nodes with the C parser where it is available (about six times
faster) and keep each node's line and column for error messages.

Plain scalars are resolved as YAML 1.2's core schema does, not as PyYAML's YAML 1.1 rules:
``yes``/``no``/``on``/``off``, ``12:30`` (base 60), ``1_000``, ``2024-05-01`` and ``=`` are
text, and only ``true``/``false`` (in three spellings) are booleans. A number written where
an id is expected keeps the text written (``010`` stays ``"010"``): see
:func:`written_number`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from argmap.errors import LoadError, Problem
from argmap.files import decode

__all__ = ["compose", "core_tag", "describe", "problem_at", "scalar_value", "written_number"]

_Base: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"

# The YAML 1.2 core schema (YAML 1.2.2, section 10.3.2), one pattern per tag.
_CORE = (
    (_NULL, re.compile(r"(?:null|Null|NULL|~)?")),
    (_BOOL, re.compile(r"true|True|TRUE|false|False|FALSE")),
    (_INT, re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")),
    (_FLOAT, re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")),
)
# Only a plain scalar starting with one of these can be anything but a string.
_SPECIAL = frozenset("0123456789+-.~nNtTfF")


#: The core schema's null and bool spellings, for plain scalars starting with a letter or ``~``
#: (no number does): a set look-up instead of four patterns for every "thesis" and "from".
_WORDS = {"null": _NULL, "Null": _NULL, "NULL": _NULL, "~": _NULL,
          "true": _BOOL, "True": _BOOL, "TRUE": _BOOL, "false": _BOOL, "False": _BOOL, "FALSE": _BOOL}


def core_tag(value: str) -> str:
    """The tag YAML 1.2's core schema gives a plain scalar: null, bool, int, float or str."""
    if value and value[0] not in _SPECIAL:
        return _STR
    if value and value[0] in "nNtTfF~":
        return _WORDS.get(value, _STR)
    for tag, pattern in _CORE:
        if pattern.fullmatch(value):
            return tag
    return _STR


class _Loader(_Base):  # type: ignore[misc]
    """The safe loader resolving plain scalars by the YAML 1.2 core schema, with a fast path
    for the common scalar: text that only a string can be (PyYAML calls the resolver in
    Python for every scalar, even from its C parser)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode:
            return core_tag(value) if implicit[0] else _STR
        if kind is yaml.MappingNode:  # what the base class gives where no path resolver is added
            return self.DEFAULT_MAPPING_TAG
        if kind is yaml.SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return super().resolve(kind, value, implicit)

    # The composer tells the resolver each step into and out of a node, for path resolvers,
    # which argmap adds none of (checked below); the base class's methods do nothing then but
    # cost two Python calls a node. Builtins are called without ``self`` and return at once.
    descend_resolver = slice  # descend_resolver(parent, index): a throwaway slice object
    ascend_resolver = tuple  # ascend_resolver(): an empty tuple


if _Loader.yaml_path_resolvers:  # pragma: no cover - the no-ops above would skip them
    raise TypeError("the YAML loader has path resolvers, which descend_resolver must run")

_NAMES = {
    "tag:yaml.org,2002:str": "a string",
    "tag:yaml.org,2002:int": "an integer",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:null": "nothing (null)",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:seq": "a list",
    "tag:yaml.org,2002:map": "a mapping",
}


def describe(node: yaml.Node) -> str:
    """How a YAML node reads to a person: 'a string', 'a list', ..."""
    return _NAMES.get(node.tag, f"a value tagged {node.tag}")


def problem_at(
    path: Path | None,
    mark: Any,
    message: str,
    hint: str | None = None,
    code: str = "syntax",
) -> Problem:
    """A problem located at a PyYAML mark (0-based line and column)."""
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return Problem(message, path=path, line=line, column=column, hint=hint, code=code)


def _reader_problem(exc: yaml.reader.ReaderError, text: str, path: Path | None) -> Problem:
    """A character YAML does not allow, located (PyYAML gives only its offset)."""
    offset = max(0, min(exc.position, len(text)))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Problem(
        f"invalid YAML: the character U+{exc.character:04X} is not allowed in a YAML file",
        path=path, line=line, column=column,
        hint="remove it; inside a double-quoted string it may be written as an escape, "
             'e.g. "\\x07"',
        code="syntax")


def _syntax_problem(exc: yaml.YAMLError, text: str, path: Path | None) -> Problem:
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int):
        return _reader_problem(exc, text, path)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if _is_depth_limit(exc):
        return _too_deep(path, mark).problems[0]
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    hint = None
    opened = getattr(exc, "context_mark", None)
    if opened is not None and context in _UNCLOSED:
        if context == "while scanning a quoted scalar":
            # the file ended (or a document began) inside the quote: the fault is where it opened
            mark = opened
            hint = ("the quote that starts here is not closed: end it with the same quote mark, or write a "
                    "quote mark inside the value as \\\" (in double quotes) or '' (in single quotes)")
        else:
            what, bracket = _UNCLOSED[context]
            hint = (f"the {what} opened with {bracket} at line {opened.line + 1}, column {opened.column + 1} "
                    f"is not closed before this: add the missing comma or closing bracket, or put a value "
                    f"that starts with {bracket} in quotes")
    if hint is None:
        if "\t" in message or "'\\t'" in message or re.search(r"\btabs?\b", message):
            hint = "YAML does not allow tab characters for indentation: indent with spaces"
        elif mark is not None:
            lines = text.splitlines()
            if 0 <= mark.line < len(lines) and "\t" in lines[mark.line]:
                hint = "this line holds a tab character: YAML indents with spaces only"
    lines = text.splitlines()
    row = mark.line if mark is not None and 0 <= mark.line < len(lines) else None
    if hint is None and "mapping values are not allowed" in message:
        if row is not None and mark is not None and _KEY_ONLY.match(lines[row][: mark.column]):
            hint = _indentation_hint(lines, row)  # a key where a value goes on: misplaced, not unquoted
        else:
            hint = "a value containing ': ' must be quoted, e.g. label: \"Cause: effect\""
    if hint is None and row is not None and any(s in message for s in _INDENT_MESSAGES):
        hint = _indentation_hint(lines, row)
    if hint is None and "found character" in message and ("'@'" in message or "'`'" in message):
        hint = "values starting with @ or ` must be quoted"
    if hint is None and mark is not None:
        lines = text.splitlines()
        if 0 <= mark.line < len(lines) and _LONE_DASH.search(lines[mark.line]):
            hint = 'a "-" on its own starts a list in YAML: put it in quotes, e.g. sign: "-"'
    return problem_at(path, mark, message, hint=hint, code="syntax")


#: PyYAML's contexts for a collection or quote left open, and what each is called.
_UNCLOSED = {"while parsing a flow sequence": ("list", "`[`"), "while parsing a flow mapping": ("mapping", "`{`"),
             "while scanning a quoted scalar": ("quote", "a quote mark")}
_LONE_DASH = re.compile(r":[ \t]+-[ \t]*(?:[,}\]#]|$)")
#: What comes before the ``:`` of a line that is only a key (``label``, ``- id``).
_KEY_ONLY = re.compile(r"^ *(?:- +)?[\w.-]+ *$")
#: PyYAML's messages for a line indented unlike the block it should belong to.
_INDENT_MESSAGES = ("did not find expected key", "did not find expected '-' indicator", "expected <block end>")


def _indentation_hint(lines: list[str], row: int) -> str:
    """A hint comparing a line's indentation (0-based ``row``) with the key above it."""
    here = len(lines[row]) - len(lines[row].lstrip(" ")) + 1
    for above in reversed(lines[:row]):
        if above.strip() and not above.lstrip().startswith("#"):
            start = re.match(r" *(?:- +)?", above)
            column = (start.end() if start else 0) + 1
            if column != here:
                return (f"check the indentation: this line starts in column {here}, the key above it in "
                        f"column {column}; the keys of one node (or of one mapping) start in the same column, "
                        "indented with spaces")
            break
    return ("check the indentation of this line and the ones above it: the keys of one node (or of one "
            "mapping) start in the same column, indented with spaces")

#: Lists and mappings nested deeper than this are refused: a map nests four levels, and
#: PyYAML's C composer recurses once per level, so a few kilobytes of ``[[[[`` would
#: otherwise crash the interpreter.
MAX_DEPTH = 100


#: Below this many possible levels PyYAML's recursive composer is safe, so the (costly)
#: event pre-pass is skipped and :func:`_check_tree` enforces :data:`MAX_DEPTH` instead.
_SAFE_FOR_COMPOSER = 5000


def _may_nest_deeply(text: str) -> bool:
    """A cheap upper bound on nesting: every flow level needs a bracket, and every block
    level needs more indentation or another indicator on its line."""
    longest = max((len(line) for line in text.splitlines()), default=0)
    return text.count("[") + text.count("{") + 2 * longest + 2 > _SAFE_FOR_COMPOSER


def _is_depth_limit(exc: yaml.YAMLError) -> bool:
    """Whether PyYAML's parser stopped at its own nesting limit (libyaml 0.2.5 and later stop
    at 1,000 levels with "exceeded maximum nesting depth"): the same fault as ours."""
    return "maximum nesting depth" in str(getattr(exc, "problem", None) or exc)


def _too_deep(path: Path | None, mark: Any) -> LoadError:
    return LoadError(problem_at(
        path, mark, f"lists and mappings nested more than {MAX_DEPTH} levels deep",
        hint="a map file nests four levels: check that this is a map file", code="too-deep"))


def _check_depth(text: str, path: Path | None) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH`, reading events (which does not recurse).

    Syntax errors are left to :func:`compose`, which reports them with a hint; the parser's
    own nesting limit, where it has one below ours, is reported as ours.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(path, event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        if _is_depth_limit(exc):
            raise _too_deep(path, getattr(exc, "problem_mark", None)) from None
        return


def compose(data: bytes | str, path: Path | None = None) -> yaml.Node:
    """Parse one YAML document into position-carrying nodes, or raise :class:`LoadError`."""
    text = decode(data, path)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise LoadError(
            Problem(
                "the file is empty",
                path=path,
                line=1,
                column=1,
                hint="a map needs at least `source:` and `nodes:` (see docs/format.md)",
                code="empty",
            )
        )
    if _may_nest_deeply(text):
        _check_depth(text, path)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise LoadError(_syntax_problem(exc, text, path)) from None
    if node is None:  # pragma: no cover - covered by the emptiness test above
        raise LoadError(Problem("the file is empty", path=path, line=1, column=1, code="empty"))
    _check_tree(node, path, text)
    return node


def _first_alias(text: str) -> Any:
    """The mark of the first alias token (``*name``) in a text, for the error position."""
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.AliasToken):
                return token.start_mark
    except yaml.YAMLError:  # pragma: no cover - the text has already been composed
        pass
    return None


#: Where this finds nothing, the text holds no YAML anchor (``&name``), hence no alias either
#: (an alias to no anchor is a compose error), and :func:`_check_tree` need not track nodes.
_MAY_ANCHOR = re.compile(r"&\S")


def _check_tree(root: yaml.Node, path: Path | None, text: str) -> None:
    """Reject aliases, duplicate keys and deep nesting, collecting every duplicate before raising.

    An alias composes into the very node its anchor names, so a node met twice is an alias.
    Where the text holds no anchor, scalars (most nodes) are not visited at all."""
    problems: list[Problem] = []
    track = _MAY_ANCHOR.search(text) is not None
    seen: set[int] = set()
    scalar, mapping = yaml.ScalarNode, yaml.MappingNode
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if track:
            if id(node) in seen:
                raise LoadError(
                    problem_at(
                        path,
                        _first_alias(text) or node.start_mark,
                        "YAML anchors and aliases (&name / *name) are not supported in map files",
                        hint="write the value out in full where it is used",
                        code="alias",
                    )
                )
            seen.add(id(node))
        if isinstance(node, scalar):
            continue
        if depth >= MAX_DEPTH:  # the 101st collection
            raise _too_deep(path, node.start_mark)
        if isinstance(node, mapping):
            keys: dict[object, yaml.Node] = {}
            for key, value in node.value:
                if isinstance(key, scalar):
                    name = key.value
                    if name in keys:
                        first = keys[name].start_mark
                        problems.append(
                            problem_at(
                                path,
                                key.start_mark,
                                f"duplicate key {name!r} (first given on line {first.line + 1})",
                                hint="YAML keeps only the last value: remove or rename one",
                                code="duplicate-key",
                            )
                        )
                    else:
                        keys[name] = key
                    if track:
                        stack.append((key, depth + 1))
                else:
                    stack.append((key, depth + 1))
                if track or not isinstance(value, scalar):
                    stack.append((value, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value if track or not isinstance(item, scalar))
    if problems:
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise LoadError(problems)


_SPECIAL_FLOATS = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}


def scalar_value(node: yaml.ScalarNode) -> Any:
    """The Python value of a scalar node, as YAML 1.2's core schema reads it.

    Raises ``ValueError`` for a value its tag cannot hold (an integer of more than 4,300
    digits, a date that does not exist under an explicit ``!!timestamp``).
    """
    tag, value = node.tag, node.value
    if tag == _STR:
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() == "true"
    if tag == _INT:
        if value[:2] in ("0o", "0x"):
            return int(value[2:], 8 if value[1] == "o" else 16)
        return int(value)
    if tag == _FLOAT:
        special = _SPECIAL_FLOATS.get(value.lower())
        return special if special is not None else float(value)
    return yaml.constructor.SafeConstructor().construct_object(node, deep=True)


def written_number(node: yaml.Node) -> str | None:
    """The text of a plain (unquoted) scalar that reads as a number, as written; None for
    anything else. ``id: 010`` is the id ``"010"``, never ``"10"`` or ``"8"``."""
    if isinstance(node, yaml.ScalarNode) and not node.style and node.tag in (_INT, _FLOAT):
        return str(node.value)
    return None
