"""DOT text: escaping for Graphviz labels and tooltips, wrapping, and node and edge statements.

Pure string building with no knowledge of maps or looks; every drawing argmap makes writes
its DOT through these functions, so escaping is decided in one place.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from argmap._text import visible

if TYPE_CHECKING:  # graphviz is imported lazily: it costs ~70 ms
    import graphviz

__all__ = [
    "PLAIN_ID",
    "dot_edge",
    "dot_id",
    "dot_node",
    "escape_html",
    "escape_plain",
    "html_lines",
    "quoted",
    "wrap_lines",
]

#: Ids that can be used as they are: as DOT node names, or as a graph's name.
PLAIN_ID = re.compile(r"[A-Za-z0-9_.-]+")


def _greedy(words: Sequence[str], width: int) -> list[str]:
    """Words filled into lines of at most ``width`` characters; longer words are cut."""
    lines: list[str] = []
    line = ""
    for word in words:
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line = f"{line} {word}"
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def wrap_lines(text: str, width: int) -> list[str]:
    """``text`` with its whitespace collapsed, wrapped into balanced lines of at most
    ``width`` characters (a word is cut only where it alone is wider).

    Balanced: as few lines as wrapping at ``width`` gives, each as short as it can be, so
    that a label does not end in one stray word.
    """
    words = visible(text).split()
    width = max(width, 1)
    lines = _greedy(words, width)
    if len(lines) < 2:
        return lines or [""]
    longest = max(len(w) for w in words)
    fewest = -(-len(" ".join(words)) // len(lines))  # no narrower width fits in as many lines
    start = max(fewest, longest if longest <= width else 1)
    for narrower in range(start, width):
        tried = _greedy(words, narrower)
        if len(tried) <= len(lines):
            return tried
    return lines


#: What escape_html puts for each special character (tests/test_render.py checks it against a
#: substitution by this table).
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\\": "\\\\",
         "\n": " ", "\r": " ", "\t": " "}


def escape_html(text: str) -> str:
    """``text`` made safe as one line inside a Graphviz HTML-like label (``<...>``).

    Besides the markup characters, backslashes are doubled: Graphviz reads ``\\N`` as the
    node's name even there (and decodes entities first). Line breaks become spaces; put
    ``<BR/>`` between lines.
    """
    return _replace_each(visible(text), _HTML)


# Graphviz unescapes a tooltip twice (2.43: "\\\\" shows as one backslash) and decodes
# entities before that, so a backslash takes four; tests/test_render.py checks the result.
_PLAIN = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\\": "\\" * 4,
          "\n": "&#10;", "\r": "", "\t": " "}


def escape_plain(text: str) -> str:
    """``text`` made safe as a plain DOT string such as a tooltip, its newlines kept.

    Graphviz reads ``&...;`` as entities and backslashes as escapes (``\\N`` is the node's
    name): markup characters and newlines become entities, backslashes are escaped.
    """
    return _replace_each(visible(text), _PLAIN)


def _replace_each(text: str, table: dict[str, str]) -> str:
    """``text`` with each character of ``table`` replaced by its entry, as a substitution by
    the table would: one ``str.replace`` a character that occurs, in the table's order, "&"
    first (the entities hold "&", and no entry holds a character replaced after it). About 40%
    quicker on a report's labels than a regular expression calling back for each match."""
    for special, replacement in table.items():
        if special in text:
            text = text.replace(special, replacement)
    return text


def html_lines(lines: Iterable[str]) -> str:
    """Lines escaped for an HTML-like label, joined by ``<BR/>``."""
    return "<BR/>".join(escape_html(line) for line in lines)


def quoted(text: str) -> str:
    """``text`` on one line between curly quotation marks."""
    return f"\u201c{' '.join(text.split())}\u201d"




_DOT_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|-?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)")
_DOT_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})


@functools.lru_cache(maxsize=2048)  # colours, shapes and styles recur on every node
def dot_id(value: str) -> str:
    """``value`` as a DOT id: bare where it may be, an HTML-like label (``<...>``) as it is,
    anything else in double quotes."""
    if value.startswith("<") and value.endswith(">"):
        return value
    if _DOT_ID.fullmatch(value) and value.lower() not in _DOT_KEYWORDS:
        return value
    return '"' + value.replace('"', '\\"') + '"'


@functools.lru_cache(maxsize=256)
def _key_order(keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(keys, key=lambda k: (k != "label", k)))


def _attributes(attributes: Mapping[str, str]) -> str:
    return " ".join(f"{k}={dot_id(attributes[k])}" for k in _key_order(tuple(attributes)))


def dot_node(graph: graphviz.Digraph, name: str, **attributes: str) -> None:
    """Add a node statement to ``graph`` (or a subgraph): label first, then attributes
    sorted by name, so that the DOT text depends on nothing but the values.

    Statements are written straight into ``graph.body``: the ``graphviz`` package's own
    quoting costs more than the rest of a drawing. Values must already be escaped (see
    :func:`escape_html`, :func:`escape_plain`).
    """
    graph.body.append(f"\t{dot_id(name)} [{_attributes(attributes)}]\n")


def dot_edge(graph: graphviz.Digraph, tail: str, head: str, **attributes: str) -> None:
    """Add an edge statement to ``graph``, like :func:`dot_node`."""
    graph.body.append(f"\t{dot_id(tail)} -> {dot_id(head)} [{_attributes(attributes)}]\n")
