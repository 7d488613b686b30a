"""Working in a notebook: short reprs, HTML tables for a comparison, a diff and an agreement
matrix, drawings scaled to the cell, tidy records and a DataFrame, and the tutorial notebook
run in a real kernel (docs/tutorial.ipynb, stored without outputs)."""

from __future__ import annotations

import json
import math
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap._jupyter import CELL_WIDTH, fit_svg, html, mimebundle, register
from argmap.records import COLUMNS, DIFF_COLUMNS
from conftest import MAPS, ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "compare" / "maps"
TUTORIAL = ROOT / "docs" / "tutorial.ipynb"
SEED_MAPS = sorted(MAPS.glob("[0-9][0-9][0-9]-*.yaml"))


@pytest.fixture(scope="module")
def maps() -> list[argmap.ArgumentMap]:
    """alpha, beta and gamma (see tests/test_compare.py for what they say)."""
    return [argmap.load(FIXTURES / f"{name}.yaml", anchor=False) for name in ("alpha", "beta", "gamma")]


# --- text/plain ---------------------------------------------------------------------------


@pytest.mark.skipif(len(SEED_MAPS) < 2, reason="fewer than two seed maps in maps/ yet")
def test_repr_of_the_seed_comparison_is_short() -> None:
    """`repr(argmap.compare("maps/"))` is one line, far under 2,000 characters (it was a
    314 KB dump); so are the reprs of what it holds."""
    c = argmap.compare(MAPS)
    text = repr(c)
    assert len(text) < 2000
    assert text == (f"<Comparison of {len(c.keys)} authors: {len(c.concepts)} concepts, {len(c.links)} causal "
                    f"links, {len(c.controversies)} controversies>")
    items: list[Any] = [*c.projections, *c.concepts, *c.links, *c.consensus, *c.controversies, *c.tensions,
                        c.matrix("jaccard"), c.pair(c.keys[0], c.keys[1])]
    for item in items:
        assert "\n" not in repr(item)
        assert len(repr(item)) < 600, repr(item)[:200]


def test_reprs_say_what_they_hold(maps: list[argmap.ArgumentMap]) -> None:
    """Each short repr names its object and counts what matters."""
    c = argmap.compare(maps)
    d = argmap.diff(maps[0], maps[1])
    assert repr(maps[0]) == f"<ArgumentMap alpha: {len(maps[0].nodes)} nodes, {len(maps[0].edges)} edges, from " \
                            f"{FIXTURES / 'alpha.yaml'}>"
    assert repr(c.projections[0]).startswith("<Projection alpha (Ann Alpha): ")
    assert repr(d).startswith("<MapDiff alpha vs beta: 6 shared concepts, ")
    assert repr(d.concept("relations-improving")) == \
        "<ConceptDiff relations-improving: conflict (A affirms, B denies)>"
    assert repr(d.link("india-factor", "relations")) == "<LinkDiff india-factor -> relations: conflict (A -, B +)>"
    assert repr(c.matrix("congruence", normalization="average")) == \
        "<AgreementMatrix congruence, average normalisation, 3 x 3: alpha, beta, gamma>"
    contested = next(x for x in c.controversies if isinstance(x.subject, argmap.ConceptRow))
    assert repr(contested) == "<Controversy relations-improving: affirms alpha; denies beta; mixed gamma>"


# --- records --------------------------------------------------------------------------------


def test_comparison_records_carry_source_concept_and_quote(maps: list[argmap.ArgumentMap]) -> None:
    """One row per quote with every column; each quote is one the author's node or link holds,
    and its offsets are those anchoring found."""
    c = argmap.compare([argmap.load(FIXTURES / f"{n}.yaml") for n in ("alpha", "beta", "gamma")])
    rows = c.to_records()
    assert rows
    assert all(tuple(r) == COLUMNS for r in rows)
    concepts = [r for r in rows if r["item"] == "concept"]
    links = [r for r in rows if r["item"] == "link"]
    assert {r["source"] for r in rows} == {"alpha", "beta", "gamma"}
    assert {r["concept"] for r in concepts} == {row.concept for row in c.concepts}
    assert {(r["cause"], r["effect"]) for r in links} == {(k.cause, k.effect) for k in c.links}
    assert {r["sign"] for r in links} <= {"+", "-"}
    improving = [r for r in concepts if r["concept"] == "relations-improving" and r["source"] == "gamma"]
    assert {r["stance"] for r in improving} == {"affirms", "denies"}
    by_key = {m.source.id: m for m in maps}
    for r in rows:
        node = by_key[r["source"]].node(r["node"])
        if r["item"] == "concept":
            assert r["quote"] in [q.text for q in node.quotes]
        assert r["name"] == c.projection(r["source"]).name
        assert (r["start"] is None) == (r["end"] is None)
        if r["start"] is not None:
            assert r["start"] < r["end"]


def test_diff_records_carry_side_and_status(maps: list[argmap.ArgumentMap]) -> None:
    """A diff's rows say which author (A, B) and the status of the concept or link."""
    d = argmap.diff(maps[0], maps[1])
    rows = d.to_records()
    assert all(tuple(r) == DIFF_COLUMNS for r in rows)
    assert {r["side"] for r in rows} == {"A", "B"}
    conflict = {(r["side"], r["sign"]) for r in rows if (r["cause"], r["effect"]) == ("india-factor", "relations")}
    assert conflict == {("A", "-"), ("B", "+")}
    assert {r["status"] for r in rows if r["concept"] == "relations-improving"} == {"conflict"}
    only_b = {r["side"] for r in rows if r["status"] == "only-b"}
    assert only_b == {"B"}


def test_implicit_nodes_have_a_row_without_a_quote() -> None:
    """An implicit node (no quote) still has its row, with no quote and no offsets."""
    m = argmap.loads("source: {id: s, file: s.txt}\nnodes:\n"
                     "  - {id: p, kind: claim, label: unstated, implicit: true, note: assumed, concept: c, "
                     "stance: affirms}\n")
    rows = argmap.compare([m]).to_records()
    assert [(r["node"], r["quote"], r["start"]) for r in rows] == [("p", None, None)]


def test_to_dataframe(maps: list[argmap.ArgumentMap]) -> None:
    """With pandas: a DataFrame of the records, columns in order."""
    pd = pytest.importorskip("pandas")
    c = argmap.compare(maps)
    df = c.to_dataframe()
    assert isinstance(df, pd.DataFrame)
    assert tuple(df.columns) == COLUMNS
    assert len(df) == len(c.to_records())
    assert tuple(argmap.diff(maps[0], maps[1]).to_dataframe().columns) == DIFF_COLUMNS


def test_to_dataframe_without_pandas(maps: list[argmap.ArgumentMap], monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pandas: ModuleNotFoundError naming the extra that installs it."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'argmap\[pandas\]'"):
        argmap.compare(maps).to_dataframe()


# --- rich displays ------------------------------------------------------------------------------


@pytest.mark.needs_dot
def test_html_of_a_comparison(maps: list[argmap.ArgumentMap]) -> None:
    """A comparison shows its summary, the drawing scaled to the cell, and tables of stances
    and signs with their marks."""
    c = argmap.compare(maps)
    page = html(c)
    assert page.count("<svg") == 1
    assert re.search(r'<svg width="100%" style="max-width: \d+pt; height: auto"', page)
    assert 'data-table="notebook-concepts"' in page
    assert 'data-table="notebook-links"' in page
    assert '<span class="argmap-mark">\u00b1</span> mixed' in page
    assert escape(repr(c)) in page
    assert "<?xml" not in page


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_html_without_drawing(maps: list[argmap.ArgumentMap], tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Without Graphviz a diff's display keeps its tables and says why there is no drawing."""
    monkeypatch.setenv("PATH", str(tmp_path))
    bundle = mimebundle(argmap.diff(maps[0], maps[1]))
    assert "<svg" not in bundle["text/html"]
    assert "not drawn:" in bundle["text/html"]
    assert 'data-table="notebook-diff-links"' in bundle["text/html"]


def test_html_of_an_agreement_matrix(maps: list[argmap.ArgumentMap]) -> None:
    """An agreement matrix shows as a table of its values."""
    m = argmap.compare(maps).matrix("jaccard")
    bundle = mimebundle(m)
    assert bundle["text/plain"] == repr(m)
    page = bundle["text/html"]
    assert 'data-table="notebook-matrix"' in page
    for key in m.keys:
        for value in m.row(key):
            assert (f"{value:.3g}" if not math.isnan(value) else "n/a") in page


@pytest.mark.parametrize(("width", "scaled"), [(CELL_WIDTH + 1, True), (CELL_WIDTH, False)])
def test_fit_svg_scales_wide_drawings(width: int, scaled: bool) -> None:
    """A drawing wider than a cell gets width 100% and its viewBox kept; a narrower one keeps
    its size; inline, the prolog goes and a max-width keeps a small drawing small."""
    svg = (f'<?xml version="1.0"?>\n<!-- comment -->\n<svg width="{width}pt" height="50pt"\n'
           f' viewBox="0.00 0.00 {width}.00 50.00" xmlns="http://www.w3.org/2000/svg"></svg>\n')
    fitted = fit_svg(svg)
    assert ('<svg width="100%"\n' in fitted) is scaled
    assert ('height="50pt"' in fitted) is not scaled
    assert f'viewBox="0.00 0.00 {width}.00 50.00"' in fitted
    assert "comment" not in fitted
    inline = fit_svg(svg, inline=True)
    assert inline.startswith(f'<svg width="100%" style="max-width: {width}pt; height: auto"')
    ET.fromstring(inline)


class _Formatter:
    def __init__(self) -> None:
        self.types: list[tuple[str, str]] = []

    def for_type_by_name(self, module: str, name: str, _function: object) -> None:
        self.types.append((module, name))


def test_register_names_every_displayed_type() -> None:
    """register() hands IPython a display for maps, diffs, comparisons and matrices, by name
    (nothing imported until one is shown)."""
    formatter = _Formatter()
    shell = type("Shell", (), {"display_formatter": type("D", (), {"mimebundle_formatter": formatter})()})()
    assert register(shell)
    assert [name for _, name in formatter.types] == ["ArgumentMap", "MapDiff", "Comparison", "AgreementMatrix"]
    for module, name in formatter.types:
        assert getattr(__import__(module, fromlist=[name]), name)


# --- the tutorial notebook ----------------------------------------------------------------------


def test_tutorial_is_stored_without_outputs() -> None:
    """docs/tutorial.ipynb is kept in git with its outputs stripped."""
    notebook = json.loads(TUTORIAL.read_text(encoding="utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code
    assert all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)


#: The most a run of the tutorial may store, in characters of output: a map's drawing, a
#: diff's and a comparison's (with their tables) and a few tables. The drawings are SVG of
#: the re-encoded seed maps (the comparison alone is about 330,000 characters), each stored
#: once: the notebook the issue reported stored 830 KB for seven cells, most of it a 314 KB
#: text dump beside each drawing.
TUTORIAL_BUDGET = 750_000


@pytest.mark.skipif(len(SEED_MAPS) < 5, reason="the tutorial uses the five seed maps")
def test_tutorial_runs_with_small_outputs() -> None:
    """The tutorial runs in a real kernel without an error; every text/plain it stores is
    short and all its outputs together stay under TUTORIAL_BUDGET characters."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    notebook = nbformat.read(TUTORIAL, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(TUTORIAL.parent)}})
    client.execute()
    total = 0
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", "".join(output.get("traceback", []))
            data = output.get("data", {})
            if "text/plain" in data:
                assert len(data["text/plain"]) < 2000, data["text/plain"][:300]
            total += sum(len(v) if isinstance(v, str) else len(json.dumps(v)) for v in data.values())
            total += len(output.get("text", ""))
    assert total < TUTORIAL_BUDGET, f"the tutorial's outputs take {total:,} characters"
    shown = [cell for cell in notebook.cells if cell.cell_type == "code" and cell.outputs]
    assert any("text/html" in o.get("data", {}) for cell in shown for o in cell.outputs)
