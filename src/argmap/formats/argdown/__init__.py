"""Argdown, the Markdown-like syntax for argument maps (https://argdown.org).

**Export.** Each node becomes a titled Argdown statement, ``[id]: label``, tagged with its
kind and concept (``#claim #india-factor``); each edge a relation line under its source
(``+>`` for supports and helping causes, ``->`` for attacks and hindering causes). Special
characters are escaped with backslashes, so the Argdown CLI parses every export without
errors. What Argdown has no syntax for (quotes with offsets, stance, notes, the exact
relation and sign, the source) goes into data blocks (``{"argmap": 1, ...}``) on statements
and relations and an ``argmap:`` entry in the front matter; reading them back gives the
same map. Text edited in an Argdown editor wins over the data where they disagree.

**Import** reads Argdown as Argdown itself reads it (@argdown/core 1.7.5): ``lexer``
cuts the tokens as Argdown's lexer does (indentation, bold and italic state included),
``parser`` applies Argdown's grammar, ``interpret`` builds Argdown's model as its DataPlugin
and ModelPlugin do (``transforms`` and ``explode`` for the steps after the walk, ``elements``
for the parts, ``yaml12`` for front matter and data blocks read as YAML 1.2), and ``nodes``
and ``edges`` turn that model into a map: every statement and argument a node, one edge per
relation however often it is written, premise-conclusion structures as edges to and from the
argument, undercuts of inferences as attacks on the argument (with a notice). What is left
out (untitled prose and list items, blocks Argdown cannot parse) is counted in a notice.
docs/interchange.md has the mapping; tests/test_argdown_model.py checks it against
@argdown/core side by side.
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
