"""Old import path of the drawing functions, now in the :mod:`argmap.drawing` package, kept so
that existing code keeps working.

``argmap.render`` is the function :func:`argmap.render`; importing this module does not
change that.
"""

from argmap._text import visible
from argmap.drawing.amap import RenderOptions, render, render_file, render_svg
from argmap.drawing.backend import FORMATS, INSTALL_HELP, output_format, run_dot, write_rendering
from argmap.drawing.dot import dot_edge, dot_id, dot_node, escape_html, escape_plain, wrap_lines
from argmap.drawing.parts import AUTO_WIDTH, DIRECTIONS, DrawingOptions, add_legend, base_graph, caption, caption_label
from argmap.drawing.style import (
    COLOUR,
    GREYSCALE,
    OKABE_ITO,
    EdgeLook,
    NodeLook,
    Style,
    edge_look,
    get_style,
    tint,
)
from argmap.gallery import GALLERY_OPTIONS, render_gallery

__all__ = [
    "AUTO_WIDTH",
    "COLOUR",
    "DIRECTIONS",
    "FORMATS",
    "GALLERY_OPTIONS",
    "GREYSCALE",
    "INSTALL_HELP",
    "OKABE_ITO",
    "DrawingOptions",
    "EdgeLook",
    "NodeLook",
    "RenderOptions",
    "Style",
    "add_legend",
    "base_graph",
    "caption",
    "caption_label",
    "dot_edge",
    "dot_id",
    "dot_node",
    "edge_look",
    "escape_html",
    "escape_plain",
    "get_style",
    "output_format",
    "render",
    "render_file",
    "render_gallery",
    "render_svg",
    "run_dot",
    "tint",
    "visible",
    "wrap_lines",
    "write_rendering",
]
