"""Argdown, the Markdown-like syntax for argument maps (https://argdown.org).

**Export.** Each node becomes a titled Argdown statement, ``[id]: label``, tagged with its
kind and concept (``#claim #india-factor``); each edge a relation line under its source
(``+>`` for supports and helping causes, ``->`` for attacks and hindering causes). Special
characters are escaped with backslashes, so the Argdown CLI parses every export without
errors. What Argdown has no syntax for (quotes with offsets, stance, notes, the exact
relation and sign, the source) goes into data blocks (``{"argmap": 1, ...}``) on statements
and relations and an ``argmap:`` entry in the front matter; reading them back gives the
same map. Text edited in an Argdown editor wins over the data where they disagree.

**Import** reads the statement, argument and relation subset of Argdown: statement and
argument definitions and references, relation trees (``+ - +> -> <+ <- >< _> <_``),
headings (sections), tags and data. Premise-conclusion structures are kept as text in
the argument's note, their titled statements linked as premises and conclusion; lists and
untitled paragraphs outside any relation are left out with a notice each.
"""

from argmap.formats.argdown.builder import from_argdown, import_argdown, import_argdown_file, read_argdown
from argmap.formats.argdown.writer import FORMAT_VERSION, to_argdown, write_argdown

__all__ = [
    "FORMAT_VERSION",
    "from_argdown",
    "import_argdown",
    "import_argdown_file",
    "read_argdown",
    "to_argdown",
    "write_argdown",
]
