"""A :class:`~argmap.tables.Table` as a LaTeX booktabs ``longtable`` (a fragment, or a whole
document), every character TeX treats specially escaped."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING

from argmap._text import one_line, quoted

if TYPE_CHECKING:
    from argmap.tables.table import Cell, Table

__all__ = ["to_latex"]


def _invisible(ch: str) -> bool:
    """Characters TeX cannot typeset: control and format characters (zero-width spaces,
    direction overrides, ...), surrogates and private-use characters."""
    return ch not in "\n\t" and unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co")


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")



_LATEX = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}", '"': r"\textquotedbl{}",
    "'": r"\textquotesingle{}", "`": r"\textasciigrave{}",
    # `\\` and the booktabs rules read a following [ or * as their own argument.
    "[": "{[}", "]": "{]}", "*": "{*}",
    # Symbols pdfLaTeX's UTF-8 input does not know, written as text commands that it does.
    "\u2192": r"\textrightarrow{}", "\u2190": r"\textleftarrow{}", "\u2212": r"\textminus{}",
    "\u00b1": r"\textpm{}", "\u00ad": r"\-", "\u00a0": "~",
}


def _latex_char(ch: str) -> str:
    if ch in _LATEX:
        return _LATEX[ch]
    if ch == "\t":
        return " "
    if _invisible(ch):
        return f"{{[}}U+{ord(ch):04X}{{]}}"
    return ch


# Pairs of these make ligatures that would change the text: -- and --- (dashes), `` and ''
# (curly quotes), ,, << >> (low quotes, guillemets), !` ?` (inverted marks). A kern breaks
# them in every engine; an empty group does not in LuaLaTeX and XeLaTeX.
_LIGATURE = frozenset("-,<>'`!?")
_NO_LIGATURE = r"{\kern0pt}"


@functools.cache
def _latex_specials() -> re.Pattern[str]:
    """The characters to escape, and the first of each ligature pair (compiled on first use:
    ~5 ms that ``import argmap`` need not pay)."""
    pairs = re.escape("".join(sorted(_LIGATURE)))
    return re.compile(f"(?P<pair>[{pairs}])(?=[{pairs}])|[" + re.escape("".join(_LATEX)) + "]")


def _latex_special(m: re.Match[str]) -> str:
    ch = m.group()
    return _LATEX.get(ch, ch) + (_NO_LIGATURE if m.group("pair") else "")


def _latex_line(line: str) -> str:
    if line.isprintable():  # the common case, no control or format character: one regex pass
        return _latex_specials().sub(_latex_special, line)
    out = []
    for i, ch in enumerate(line):
        out.append(_latex_char(ch))
        if ch in _LIGATURE and line[i + 1 : i + 2] in _LIGATURE:
            out.append(_NO_LIGATURE)
    return "".join(out)


def _latex(text: str) -> str:
    """Text safe in a LaTeX table cell: every special character escaped, ligatures that
    would change the text broken, control and invisible format characters shown as
    ``[U+XXXX]`` (TeX cannot typeset them), each line break a ``\\newline``. Other
    characters stay UTF-8."""
    return r"\newline ".join(_latex_line(line) for line in _lines(text))


def _latex_cell(cell: Cell, mark: int | None) -> str:
    text = _latex(cell.text)
    if cell.mark:
        text = rf"\textbf{{{_latex(cell.mark)}}} {text}"
    if mark is not None:
        text += rf"\textsuperscript{{{mark}}}"
    for side, quote in cell.labelled_quotes():
        said = rf" \textbf{{{_latex(side)}:}} " if side else ""
        text += r"\newline" + said + r"{\itshape " + _latex(quoted(one_line(quote))) + "}"
    return text


def _latex_columns(table: Table) -> str:
    total = sum(c.width for c in table.columns)
    specs = []
    for c in table.columns:
        align = r"\raggedleft" if c.numeric else r"\raggedright"
        specs.append(rf">{{{align}\arraybackslash}}p{{\dimexpr {c.width / total:.3f}\linewidth-2\tabcolsep\relax}}")
    return "@{}" + "".join(specs) + "@{}"


_LATEX_NOTE = (
    "% Needs \\usepackage{booktabs,longtable,array}. The text is UTF-8: compile with LuaLaTeX or\n"
    "% XeLaTeX (any script), or with pdfLaTeX and \\usepackage[T1]{fontenc} (Latin script only;\n"
    "% UTF-8 input is pdfLaTeX's default since 2018).\n"
)


def _latex_size(table: Table) -> str | None:
    """A smaller type for wide tables, smaller still where they quote at length."""
    if len(table.columns) <= 4:
        return None
    quoting = any(cell.quotes for row in table.rows for cell in row.cells)
    return r"\footnotesize" if quoting else r"\small"


def to_latex(table: Table, *, standalone: bool = False) -> str:
    """The table as a booktabs ``longtable`` (it breaks across pages, its header repeated),
    with its title and caption as the ``\\caption``, notes as numbered marks listed below.
    Every special character is escaped; text stays UTF-8 (see the comment at the top of
    the output for the engines). ``standalone`` makes a whole document that compiles with
    pdfLaTeX, LuaLaTeX or XeLaTeX (landscape for tables of more than five columns)."""
    out = [f"% argmap table: {table.kind}", _LATEX_NOTE.rstrip("\n"), r"\begingroup",
           r"\setlength{\LTcapwidth}{\linewidth}"]
    size = _latex_size(table)
    if size:
        out.append(size)
    caption = _latex(one_line(table.title))
    if table.caption.strip():
        stop = "" if table.title.rstrip()[-1:] in ".?!:" else "."
        caption = rf"\textbf{{{caption}{stop}}} {_latex(one_line(table.caption))}"
    short = _latex(one_line(table.title))
    head = " & ".join(_latex(one_line(c.label)) for c in table.columns) + r" \\"
    out += [
        rf"\begin{{longtable}}{{{_latex_columns(table)}}}",
        rf"\caption[{{{short}}}]{{{caption}}}\label{{tab:argmap-{table.kind}}}\\",
        r"\toprule", head, r"\midrule", r"\endfirsthead",
        r"\toprule", head, r"\midrule", r"\endhead",
        r"\bottomrule", r"\endlastfoot",
    ]
    # Rows of several lines read better with a little space between them.
    spaced = any(cell.quotes or "\n" in cell.text for row in table.rows for cell in row.cells)
    notes: list[str] = []
    for i, row in enumerate(table.rows):
        cells = []
        for cell in row.cells:
            mark = None
            if cell.note is not None:
                notes.append(cell.note)
                mark = len(notes)
            cells.append(_latex_cell(cell, mark))
        if spaced and i:
            out.append(r"\addlinespace")
        out.append(" & ".join(cells) + r" \\")
    out.append(r"\end{longtable}")
    if notes:
        out.append(r"\begin{flushleft}\footnotesize")
        items = [r"\textit{Notes}"]
        items += [rf"\textsuperscript{{{i}}}\,{_latex(one_line(n))}" for i, n in enumerate(notes, 1)]
        out.append(" \\\\\n".join(items))
        out.append(r"\end{flushleft}")
    out.append(r"\endgroup")
    fragment = "\n".join(out) + "\n"
    if not standalone:
        return fragment
    landscape = ",landscape" if len(table.columns) > 5 else ""
    return (
        "\\documentclass[a4paper,10pt]{article}\n"
        "\\usepackage{iftex}\n"
        "\\ifPDFTeX\\usepackage[T1]{fontenc}\\fi\n"
        f"\\usepackage[margin=2cm{landscape}]{{geometry}}\n"
        "\\usepackage{booktabs,longtable,array}\n"
        "\\begin{document}\n"
        f"{fragment}"
        "\\end{document}\n"
    )
