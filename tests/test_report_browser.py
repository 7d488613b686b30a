"""The HTML report in a real browser: headless Chromium driven by Playwright.

Checks what only a browser can: no console errors and no request leaving the report's folder,
each map's drawing visible with its nodes, the links between pages followed, the filter
hiding and showing rows and columns (by mouse and by keyboard), the pages without JavaScript
and in print. Screenshots go to build/report-index.png, build/report-filter.png and
build/report-text.png for a person to look at.

Needs Debian's ``chromium`` (or ARGMAP_CHROMIUM=/path/to/chrome), the ``playwright`` Python
package (never ``playwright install``: the system's Chromium is used) and Graphviz's ``dot``;
skips with the reason where one is missing, or fails where ARGMAP_REQUIRE_BROWSER=1 (for CI,
which installs them).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import argmap
from argmap.report import page_names
from conftest import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.needs_dot]

TABLES = Path(__file__).parent / "fixtures" / "tables" / "maps"
HOSTILE = Path(__file__).parent / "fixtures" / "report" / "maps" / "hostile.yaml"
BUILD = ROOT / "build"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium() -> str | None:
    given = os.environ.get("ARGMAP_CHROMIUM")
    if given:
        return given
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


def _missing(reason: str) -> None:
    """Skip, or fail where ARGMAP_REQUIRE_BROWSER=1 says the browser must be there (CI)."""
    if os.environ.get("ARGMAP_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}; ARGMAP_REQUIRE_BROWSER=1 asks for the browser tests to run")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium, or a skip saying what to install."""
    try:
        from playwright import sync_api
    except ImportError:
        _missing("Playwright is not installed (pip install playwright; the system's Chromium is used, "
                 "so `playwright install` is not needed)")
    exe = _chromium()
    if exe is None or not Path(exe).is_file():
        _missing("Chromium is not installed (apt-get install chromium, or set ARGMAP_CHROMIUM)")
    assert exe is not None
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=exe, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def maps() -> list[argmap.ArgumentMap]:
    """Two ordinary maps and one whose every text is markup."""
    return [argmap.load(TABLES / "north.yaml"), argmap.load(TABLES / "south.yaml"), argmap.load(HOSTILE)]


@pytest.fixture(scope="module")
def site(maps: list[argmap.ArgumentMap], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the three maps, drawn; returns its folder."""
    return argmap.write_report(maps, tmp_path_factory.mktemp("report") / "report").parent


class _Watch:
    """A page's console errors, uncaught exceptions and requests, as they happen."""

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        page.on("request", lambda r: self.requests.append(r.url))


@pytest.fixture
def page(browser: Browser) -> Iterator[tuple[Page, _Watch]]:
    """A fresh tab at a laptop's size, watched."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    watch = _Watch(tab)
    yield tab, watch
    context.close()


def _open(tab: Page, path: Path) -> None:
    tab.goto(path.as_uri())
    tab.wait_for_load_state("load")


def test_pages_load_cleanly(site: Path, page: tuple[Page, _Watch]) -> None:
    """Every page loads with no console error or warning (a blocked script or fetch would
    show as one), no uncaught exception, and no request outside the report's folder; the
    hostile map's scripts never ran."""
    tab, watch = page
    for path in sorted(site.glob("*.html")):
        _open(tab, path)
        assert tab.evaluate("window.__pwned") is None, path.name
    assert watch.errors == []
    assert watch.requests and all(url.startswith(site.as_uri() + "/") for url in watch.requests), watch.requests


def _drawn_nodes(tab: Page) -> list[str]:
    """The names of the visible nodes of the page's drawing, the key's left out."""
    svg = tab.locator("svg.argmap-drawing")
    assert svg.count() == 1 and svg.is_visible()
    names = []
    for node in svg.locator("g.node").all():
        name = node.locator("title").first.text_content() or ""
        box = node.bounding_box()
        if not name.startswith("legend"):
            assert box is not None and box["width"] > 0 and box["height"] > 0, name
            names.append(name)
    return names


def test_each_map_is_drawn_with_its_nodes(site: Path, maps: list[argmap.ArgumentMap],
                                          page: tuple[Page, _Watch]) -> None:
    """Each text's page shows its map with one visible box per node, each with its quote
    as tooltip; the overview shows the comparison map with a box per shared concept."""
    tab, _ = page
    pages = page_names([m.id for m in maps])
    for amap in maps:
        _open(tab, site / pages[amap.id])
        names = _drawn_nodes(tab)
        assert len(names) == len(amap.nodes)
        assert {n.id for n in amap.nodes if n.id.isidentifier()} <= set(names)
        tips = tab.locator("svg.argmap-drawing g.node a").evaluate_all(
            "links => links.map(a => a.getAttributeNS('http://www.w3.org/1999/xlink', 'title'))")
        for node in amap.nodes:
            assert any(tip.startswith(f"\u201c{node.quotes[0].text}") for tip in tips), node.id
    _open(tab, site / "index.html")
    comparison = argmap.compare(maps)
    assert len(_drawn_nodes(tab)) == len(comparison.concepts)
    assert tab.get_by_role("img", name="Comparison map").is_visible()


def test_links_between_pages(site: Path, maps: list[argmap.ArgumentMap], page: tuple[Page, _Watch]) -> None:
    """Following a text's link from the overview opens its page; its links lead on to the
    next text and back to the overview."""
    tab, _ = page
    _open(tab, site / "index.html")
    tab.locator("table.argmap-texts").get_by_role("link", name="Why ties warm").click()
    tab.wait_for_load_state("load")
    assert tab.url.endswith("/north.html")
    assert tab.get_by_role("heading", level=1).text_content() == "Why ties warm"
    tab.get_by_role("link", name="Next text \u2192").click()
    tab.wait_for_load_state("load")
    assert tab.url.endswith("/south.html")
    tab.get_by_role("navigation", name="Report").get_by_role("link").first.click()
    tab.wait_for_load_state("load")
    assert tab.url.endswith("/index.html")
    tab.screenshot(path=str(_build("report-index.png")), full_page=True)


def test_node_links_within_a_page(site: Path, page: tuple[Page, _Watch]) -> None:
    """A node's link to another node scrolls to that node's row."""
    tab, _ = page
    _open(tab, site / "north.html")
    row = tab.locator("table.nodes tbody tr").filter(has_text="Rivalry kept them apart")
    row.get_by_role("link", name="Warming ties").click()
    assert tab.url.endswith("#node-2")
    assert tab.locator("#node-2").is_visible()
    tab.screenshot(path=str(_build("report-text.png")), full_page=True)


def _build(name: str) -> Path:
    BUILD.mkdir(exist_ok=True)
    return BUILD / name


def _shown(tab: Page, selector: str) -> list[str]:
    return [str(x) for x in tab.locator(selector).evaluate_all(
        "rows => rows.filter(r => r.offsetParent !== null).map(r => r.dataset.concept || r.dataset.author || '')")]


def test_filter_by_concept_and_author(site: Path, page: tuple[Page, _Watch]) -> None:
    """Choosing a concept hides the rows about other concepts in every table that has such
    rows; choosing an author hides the other authors' columns (rows, where a table has a row
    per author); "Show everything" brings all back."""
    tab, _ = page
    _open(tab, site / "index.html")
    form = tab.get_by_role("search", name="Filter the tables")
    assert form.is_visible()
    all_factors = _shown(tab, "table.argmap-factors tbody tr")
    assert len(all_factors) > 1
    tab.get_by_label("Concept", exact=True).select_option("rivalry")
    assert _shown(tab, "table.argmap-factors tbody tr") == ["rivalry"]
    assert all("rivalry" in c.split() for c in _shown(tab, "table.argmap-divergences tbody tr"))
    assert _shown(tab, "table.argmap-propositions tbody tr") == []
    assert tab.locator("table.argmap-propositions + .argmap-empty, .table-wrap:has(.argmap-propositions) "
                       "+ .argmap-empty").is_visible()
    assert len(_shown(tab, "table.argmap-theses tbody tr")) == 3  # no concept rows: untouched
    assert "concept: Regional rivalry" in (tab.locator("#filter-status").text_content() or "")

    tab.get_by_label("Author", exact=True).select_option("north")
    headers = tab.locator("table.argmap-factors thead th").evaluate_all(
        "cells => cells.filter(c => c.offsetParent !== null).map(c => c.textContent)")
    assert headers == ["Factor", "Ada North"]
    assert _shown(tab, "table.argmap-theses tbody tr") == ["north"]
    assert _shown(tab, "table.argmap-agreement tbody tr") == ["north"]
    tab.screenshot(path=str(_build("report-filter.png")))

    tab.get_by_role("button", name="Show everything").click()
    assert _shown(tab, "table.argmap-factors tbody tr") == all_factors
    assert len(_shown(tab, "table.argmap-theses tbody tr")) == 3
    assert (tab.locator("#filter-status").text_content() or "").startswith("Showing all")


def test_filter_by_keyboard(site: Path, page: tuple[Page, _Watch]) -> None:
    """The filter is reached with Tab after the page's navigation, shows where the focus is,
    and works with the arrow keys."""
    tab, _ = page
    _open(tab, site / "index.html")
    tab.get_by_role("navigation", name="Report").get_by_role("link").last.focus()
    tab.keyboard.press("Tab")
    focused = tab.evaluate("document.activeElement.id")
    assert focused == "filter-concept"
    outline = tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("ArrowDown")
    chosen = tab.evaluate("document.activeElement.value")
    assert chosen
    assert set(_shown(tab, "table.argmap-factors tbody tr")) <= {chosen}


def test_skip_link(site: Path, page: tuple[Page, _Watch]) -> None:
    """The first Tab shows the skip link, and Enter moves to the main content."""
    tab, _ = page
    _open(tab, site / "north.html")
    tab.keyboard.press("Tab")
    skip = tab.get_by_role("link", name="Skip to the content")
    assert skip.is_visible() and tab.evaluate("document.activeElement.className") == "skip"
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "main"


def test_without_javascript(site: Path, browser: Browser) -> None:
    """With JavaScript off the pages still show every table row and the drawings; only the
    filter is missing."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        _open(tab, site / "index.html")
        assert tab.locator("#filter").is_hidden()
        rows = tab.locator("table.argmap-table tbody tr")
        assert rows.count() > 0 and all(r.is_visible() for r in rows.all())
        assert tab.locator("svg.argmap-drawing").is_visible()
        _open(tab, site / "north.html")
        assert tab.locator("svg.argmap-drawing").is_visible()
    finally:
        context.close()


def test_print(site: Path, page: tuple[Page, _Watch]) -> None:
    """In print the filter, navigation and zoom are gone, rows the filter hid are back, links
    are written out, and the notes open before printing."""
    tab, _ = page
    _open(tab, site / "index.html")
    tab.get_by_label("Concept", exact=True).select_option("rivalry")
    tab.evaluate("""() => { window.openAtPrint = -1;
        addEventListener('beforeprint', () => {
            window.openAtPrint = document.querySelectorAll('details:not([open])').length; }); }""")
    tab.emulate_media(media="print")
    assert tab.locator("#filter").is_hidden() and tab.locator("header.site").is_hidden()
    assert tab.locator(".zoom-label").first.is_hidden()
    assert all(r.is_visible() for r in tab.locator("table.argmap-factors tbody tr").all())
    after = tab.evaluate("getComputedStyle(document.querySelector('table.argmap-texts a'), '::after').content")
    assert "north.html" in after
    pdf: Any = tab.pdf()
    assert pdf[:4] == b"%PDF"
    assert tab.evaluate("window.openAtPrint") == 0


_CONTRAST = """() => {
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const low = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest("svg") || el.offsetParent === null) continue;
    const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join("").trim();
    if (!text) continue;
    const a = lum(rgb(getComputedStyle(el).color).slice(0, 3)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) low.push(`${el.tagName}.${el.className}: ${ratio.toFixed(2)} "${text.slice(0, 30)}"`);
  }
  return low;
}"""


@pytest.mark.parametrize("name", ["index.html", "north.html"])
def test_text_contrast(site: Path, page: tuple[Page, _Watch], name: str) -> None:
    """Every piece of text outside the drawings has a contrast of at least 4.5:1 with its
    background (WCAG 2 level AA for body text)."""
    tab, _ = page
    _open(tab, site / name)
    tab.locator("details").evaluate_all("ds => ds.forEach(d => { d.open = true; })")
    assert tab.evaluate(_CONTRAST) == []
