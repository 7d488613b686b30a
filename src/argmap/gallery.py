"""The gallery: every map in a folder drawn, with the comparison map of them all and chosen diffs."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Unpack

from argmap.concepts import Vocabulary
from argmap.drawing.amap import RenderOptions, drawing_options, render
from argmap.drawing.backend import run_dot_many
from argmap.drawing.comparison import render_comparison, render_diff
from argmap.errors import PathError, RenderError
from argmap.files import write_text
from argmap.model import ArgumentMap
from argmap.workspace import find_vocabulary, is_vocabulary_file
from argmap.yamlio import load, load_vocabulary

__all__ = ["GALLERY_OPTIONS", "render_gallery"]

#: The options of the gallery images, which are also ``argmap render``'s defaults.
GALLERY_OPTIONS: RenderOptions = {"legend": True}


def render_gallery(maps_dir: str | os.PathLike[str], out_dir: str | os.PathLike[str], *,
                   comparison: bool = True, diffs: Iterable[tuple[str, str]] = (),
                   **options: Unpack[RenderOptions]) -> list[Path]:
    """Draw every map in ``maps_dir`` as ``out_dir/<map file name>.svg``, then the comparison
    map of them all as ``comparison.svg`` (where there are two maps or more and
    ``comparison`` is true) and each pair of ``diffs`` (map file names without ``.yaml``) as
    ``diff-<a>-<b>.svg``; return the files written.

    Vocabulary files are skipped; each map's vocabulary (``concepts.yaml`` beside it) names
    the concepts in the tooltips. ``options`` override :data:`GALLERY_OPTIONS`; the comparison
    and the diffs take those that apply to them (style, direction, legend, caption, wrap).
    The drawings are made several at a time (one ``dot`` per core).

    Raises :class:`~argmap.errors.PathError` where ``maps_dir`` is not a folder,
    :class:`~argmap.errors.RenderError` for a diff naming a map that is not there or
    a file that cannot be written, :class:`~argmap.errors.GraphvizNotFound` where ``dot`` is
    missing, :class:`~argmap.errors.LoadError` for a map or vocabulary that cannot be read,
    and as :func:`argmap.render` does for a map and ``options``
    (:class:`~argmap.errors.ValidationError`, ``ValueError``). A ``maps_dir`` with no
    ``.yaml`` file in it (or none at all) is not an error: nothing is drawn.
    """
    if not Path(maps_dir).is_dir():
        raise PathError(f"{maps_dir}: no such folder of maps")
    target = Path(out_dir)
    pairs = list(diffs)
    opts: RenderOptions = {**GALLERY_OPTIONS, **options}
    maps: dict[str, ArgumentMap] = {}
    for path in sorted(Path(maps_dir).glob("*.yaml")):
        if not is_vocabulary_file(path):
            maps[path.stem] = load(path, anchor=False)
    missing = sorted({name for pair in pairs for name in pair} - set(maps))
    if missing:
        raise RenderError(f"no map {', '.join(missing)} in {maps_dir} to draw a diff of "
                          f"(maps there: {', '.join(maps) or 'none'})")
    vocabularies: dict[Path, Vocabulary] = {}
    drawings: list[tuple[Path, str]] = []
    for stem, amap in maps.items():
        map_opts: RenderOptions = {**opts}
        found = find_vocabulary(amap)
        if found is not None and "vocabulary" not in options:
            if found not in vocabularies:
                vocabularies[found] = load_vocabulary(found)
            map_opts["vocabulary"] = vocabularies[found]
        drawings.append((target / f"{stem}.svg", render(amap, **map_opts).source))
    shared = drawing_options(opts)
    vocabulary = opts.get("vocabulary")
    if comparison and len(maps) > 1:
        graph = render_comparison(list(maps.values()), vocabulary=vocabulary, **shared)
        drawings.append((target / "comparison.svg", graph.source))
    for a, b in pairs:
        graph = render_diff(maps[a], maps[b], vocabulary=vocabulary, **shared)
        drawings.append((target / f"diff-{a}-{b}.svg", graph.source))
    svgs = run_dot_many([source for _path, source in drawings], "svg")
    written = []
    for (path, _source), svg in zip(drawings, svgs, strict=True):
        try:
            written.append(write_text(path, svg, parents=True))
        except OSError as exc:
            raise RenderError(f"cannot write {path}: {exc.strerror or exc}") from None
    return written
