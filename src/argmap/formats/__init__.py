"""Interchange formats: AIF, Argdown, GraphML and argmap's own JSON; brat standoff, arggraph
XML and Kialo exports in.

Each format has its own module with ``to_x``/``from_x`` on data or text and ``read_x``/
``write_x`` on paths (see ``docs/interchange.md`` for what each keeps and loses). This
package adds what the command line needs: :func:`export_text` and :func:`import_file`
dispatch on a format's name, and :func:`write_imported` writes an imported map with the
source text generated for it. Nothing here imports networkx until GraphML is used.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from argmap.formats._common import Anchoring, Imported, write_imported
from argmap.formats.aif import (
    dumps_aif,
    from_aif,
    import_aif,
    import_aif_file,
    read_aif,
    to_aif,
    write_aif,
)
from argmap.formats.argdown import (
    from_argdown,
    import_argdown,
    import_argdown_file,
    read_argdown,
    to_argdown,
    write_argdown,
)
from argmap.formats.arggraph import from_arggraph, import_arggraph, import_arggraph_file, read_arggraph
from argmap.formats.brat import from_brat, import_brat, import_brat_file, read_brat
from argmap.formats.jsonio import from_json, read_json, to_json, to_json_data, write_json
from argmap.formats.kialo import from_kialo, import_kialo, import_kialo_file, read_kialo
from argmap.model import ArgumentMap

__all__ = [
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "Anchoring",
    "Imported",
    "dumps_aif",
    "export_text",
    "from_aif",
    "from_argdown",
    "from_arggraph",
    "from_brat",
    "from_graphml",
    "from_json",
    "from_kialo",
    "import_aif",
    "import_aif_file",
    "import_argdown",
    "import_argdown_file",
    "import_arggraph",
    "import_arggraph_file",
    "import_brat",
    "import_brat_file",
    "import_file",
    "import_kialo",
    "import_kialo_file",
    "read_aif",
    "read_argdown",
    "read_arggraph",
    "read_brat",
    "read_graphml",
    "read_json",
    "read_kialo",
    "to_aif",
    "to_argdown",
    "to_graphml",
    "to_json",
    "to_json_data",
    "write_aif",
    "write_argdown",
    "write_graphml",
    "write_imported",
    "write_json",
]

ExportFormat = Literal["aif", "argdown", "graphml", "json"]
ImportFormat = Literal["aif", "argdown", "arggraph", "brat", "graphml", "json", "kialo"]

#: The formats ``argmap export --to`` writes, and ``argmap import --from`` reads.
EXPORT_FORMATS: tuple[str, ...] = ("aif", "argdown", "graphml", "json")
IMPORT_FORMATS: tuple[str, ...] = ("aif", "argdown", "arggraph", "brat", "graphml", "json", "kialo")


def to_graphml(amap: ArgumentMap) -> str:
    """The map as GraphML text (see :mod:`argmap.formats.graphml`).

    Raises :class:`~argmap.errors.ExportError` where node ids repeat, an edge names an
    unknown node, or a text holds a character XML 1.0 cannot hold (a control character other
    than tab and line breaks, a lone surrogate, U+FFFE or U+FFFF).
    """
    from argmap.formats import graphml

    return graphml.to_graphml(amap)


def from_graphml(text: str | bytes, *, path: str | os.PathLike[str] | None = None) -> ArgumentMap:
    """Read a map from GraphML text (see :mod:`argmap.formats.graphml`).

    Raises :class:`~argmap.errors.LoadError` where the XML is broken, declares a DOCTYPE or
    entities, is larger than argmap's limit, or lacks an attribute argmap needs (or has one
    of the wrong type).
    """
    from argmap.formats import graphml

    return graphml.from_graphml(text, path=path)


def read_graphml(path: str | os.PathLike[str]) -> ArgumentMap:
    """Read a GraphML file written by :func:`write_graphml`.

    Raises :class:`~argmap.errors.LoadError` where the file cannot be read, and as
    :func:`from_graphml` where it is not argmap's GraphML.
    """
    from argmap.formats import graphml

    return graphml.read_graphml(path)


def write_graphml(amap: ArgumentMap, path: str | os.PathLike[str]) -> Path:
    """Write the map as GraphML, atomically.

    Raises :class:`~argmap.errors.ExportError` as :func:`to_graphml` does (before anything
    is written), and ``OSError`` where the file cannot be written.
    """
    from argmap.formats import graphml

    return graphml.write_graphml(amap, path)


def export_text(amap: ArgumentMap, fmt: str) -> str:
    """The map written in one of :data:`EXPORT_FORMATS`, as text.

    Raises ``ValueError`` for any other ``fmt``, and :class:`~argmap.errors.ExportError`
    where the map cannot be written in it (AIF, Argdown and GraphML need unique node ids
    and edges between known nodes; GraphML refuses control characters). JSON takes any map.
    """
    if fmt == "aif":
        return dumps_aif(amap)
    if fmt == "argdown":
        return to_argdown(amap)
    if fmt == "graphml":
        return to_graphml(amap)
    if fmt == "json":
        return to_json(amap)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")


def import_file(
    path: str | os.PathLike[str],
    fmt: str,
    *,
    thesis: str | None = None,
    text: str | os.PathLike[str] | None = None,
    source_file: str | None = None,
) -> Imported:
    """Import a file in one of :data:`IMPORT_FORMATS`.

    ``thesis`` overrides the thesis the import infers or reads (AIF, Argdown, arggraph,
    brat, Kialo); ``text`` is the source text the imported statements quote, recorded in
    the map as ``source_file`` (default: ``text`` as given). AIF, arggraph, brat and Kialo
    statements are anchored in it tolerantly (``Imported.anchoring`` counts how; those not
    found become implicit nodes, with notices); brat reads the ``.txt`` beside the ``.ann``
    by default. argmap's own JSON and GraphML carry their source; with ``text``, their
    quotes are checked against it, as Argdown's are.

    Raises ``ValueError`` for an unknown ``fmt``, or a ``thesis`` given for JSON or GraphML;
    :class:`~argmap.errors.LoadError` where the file or ``text`` cannot be read, the file is
    not in that format, or ``thesis`` names no statement (Argdown also where the thesis
    cannot be told); and :class:`~argmap.errors.QuoteError` where a quote of an Argdown,
    JSON or GraphML map does not occur in ``text``.
    """
    readers = {"aif": import_aif_file, "argdown": import_argdown_file, "arggraph": import_arggraph_file,
               "brat": import_brat_file, "kialo": import_kialo_file}
    if fmt in readers:
        return readers[fmt](path, thesis=thesis, text=text, source_file=source_file)
    if fmt not in ("json", "graphml"):
        raise ValueError(
            f"unknown import format {fmt!r}; choose one of {', '.join(IMPORT_FORMATS)}"
        )
    if thesis is not None:
        raise ValueError(f"`thesis` applies to imports of other tools' formats only: a {fmt} map names its thesis")
    amap = read_json(path) if fmt == "json" else read_graphml(path)
    amap = _drop_path(amap)
    if text is None:
        return Imported(amap)
    import attrs

    from argmap.files import read_text
    from argmap.quotes import anchor

    source = read_text(Path(text))
    amap = attrs.evolve(amap, source=attrs.evolve(amap.source, file=source_file or str(text)))
    return Imported(anchor(amap, source))


def _drop_path(amap: ArgumentMap) -> ArgumentMap:
    import attrs

    return attrs.evolve(amap, path=None)
