"""The HTML report in a real browser: headless Chromium driven by Playwright.

Checks what only a browser can: no console errors and no request leaving the report's folder,
each map's drawing visible with its nodes, the links between pages followed, the filter
hiding and showing rows and columns (by mouse and by keyboard), the pages without JavaScript
and in print; the summary in the first screen of a projector (1366x768), each drawing fitting
its frame and zooming by mouse and keyboard, a large map opening on its skeleton with the
thesis in sight, no page wider than a phone (390 px), the source text linked both ways, and
the single-file report loading with no request leaving it. Screenshots go to build/report-*.png
for a person to look at (the overview and a text page at 1366 and 390 px, the filter, the
source view, a zoomed drawing, a seed map's skeleton, the single file).

Needs Debian's ``chromium`` (or ARGMAP_CHROMIUM=/path/to/chrome), the ``playwright`` Python
package (never ``playwright install``: the system's Chromium is used) and Graphviz's ``dot``;
skips with the reason where one is missing, or fails where ARGMAP_REQUIRE_BROWSER=1 (for CI,
which installs them).
"""

from __future__ import annotations

import os
import re
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
EAST = Path(__file__).parent / "fixtures" / "report" / "maps" / "east.yaml"
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
    tab.locator("table.argmap-texts").get_by_role("link", name="Ada North").click()
    tab.wait_for_load_state("load")
    assert tab.url.endswith("/north.html")
    assert tab.get_by_role("heading", level=1).text_content() == "Ada North"
    tab.get_by_role("link", name=re.compile(r"^Next text: A cold peace.*\u2192$")).click()
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
    """The filter is reached with Tab after the summary's links (the summary comes first),
    shows where the focus is, and works with the arrow keys."""
    tab, _ = page
    _open(tab, site / "index.html")
    tab.locator("#summary a").last.focus()
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
    assert tab.locator(".zoom-tools").first.is_hidden()
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


# --- the summary, the drawings, the phone, the source view, the single file ---------------------


_READY = """() => [...document.querySelectorAll('.drawing-frame')]
    .filter((f) => f.offsetParent !== null).every((f) => f.dataset.zoom === 'ready')"""


def _ready(tab: Page) -> None:
    """Wait until every visible drawing has been fitted to its frame by the script."""
    tab.wait_for_function(_READY)


def _at(tab: Page, fragment: str) -> None:
    """Wait until the address ends in ``#fragment`` and the script has shown what it names."""
    tab.wait_for_function("f => document.documentElement.dataset.route === f", arg=f"#{fragment}")


def _view_box(frame: Any) -> list[float]:
    return [float(x) for x in str(frame.locator("svg").get_attribute("viewBox")).split()]


@pytest.fixture
def projector(browser: Browser) -> Iterator[tuple[Page, _Watch]]:
    """A fresh tab at a classroom projector's size, watched."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    tab = context.new_page()
    watch = _Watch(tab)
    yield tab, watch
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A fresh tab as wide as a phone."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def east_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of Ada North and Eastward (an implicit premise, a passage set aside, a
    sentence no quote touches), drawn."""
    maps = [argmap.load(TABLES / "north.yaml"), argmap.load(EAST)]
    return argmap.write_report(maps, tmp_path_factory.mktemp("east") / "report").parent


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the seed maps (43 to 83 nodes each), drawn; skips where there are none."""
    paths = sorted(p for p in (ROOT / "maps").glob("0*.yaml"))
    if not paths:
        pytest.skip("no seed maps in maps/ yet")
    return argmap.write_report([argmap.load(p) for p in paths], tmp_path_factory.mktemp("seeds") / "report").parent


def test_summary_in_the_first_screen(site: Path, projector: tuple[Page, _Watch]) -> None:
    """At 1366x768 the summary (agree, partly agree, split) is whole in the first screen, and
    each of its links leads to a row of evidence, shown and marked."""
    tab, watch = projector
    _open(tab, site / "index.html")
    box = tab.locator("#summary").bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 768, box
    headings = tab.locator("#summary h3").all_text_contents()
    assert [h.split(" (")[0] for h in headings] == ["They agree", "They partly agree", "They split"]
    tab.screenshot(path=str(_build("report-summary-1366.png")))
    links = tab.locator("#summary li:not(.more) a")
    assert links.count() > 0
    for i in range(links.count()):
        href = str(links.nth(i).get_attribute("href"))
        links.nth(i).click()
        row = tab.locator(href)
        assert row.is_visible() and row.evaluate("r => r.matches(':target') && r.tagName === 'TR'"), href
        box = row.bounding_box()
        assert box is not None and 0 <= box["y"] < 768, href
        tab.go_back()
    assert watch.errors == []


def test_seed_summary_in_the_first_screen(seed_site: Path, projector: tuple[Page, _Watch]) -> None:
    """The seed corpus's summary too is whole in the first screen at 1366x768."""
    tab, _ = projector
    _open(tab, seed_site / "index.html")
    box = tab.locator("#summary").bounding_box()
    assert box is not None and box["y"] + box["height"] <= 768, box
    tab.screenshot(path=str(_build("report-seeds-index-1366.png")))


def _pages(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.html"))


@pytest.mark.parametrize("which", ["site", "east_site", "seed_site"])
def test_no_overflow_on_a_phone(which: str, request: pytest.FixtureRequest, phone: Page) -> None:
    """At 390 px no page scrolls sideways: long paths and words wrap, wide tables and drawings
    scroll or zoom inside their own box."""
    folder: Path = request.getfixturevalue(which)
    for path in _pages(folder):
        _open(phone, path)
        wider = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert wider <= 0, (path.name, wider)
    if which == "seed_site":
        _open(phone, folder / "index.html")
        phone.screenshot(path=str(_build("report-index-390.png")))
        _open(phone, folder / "002-lost-opportunities.html")
        phone.screenshot(path=str(_build("report-text-390.png")))
        phone.locator("#text").scroll_into_view_if_needed()
        phone.screenshot(path=str(_build("report-source-390.png")))


def _fits(tab: Page) -> None:
    """Each visible drawing is no wider than its frame and shows the drawing's whole width."""
    for frame in tab.locator(".drawing-frame").all():
        if not frame.is_visible():
            continue
        outer = frame.bounding_box()
        svg = frame.locator("svg").bounding_box()
        assert outer is not None and svg is not None
        assert svg["width"] <= outer["width"] + 0.5 and svg["x"] >= outer["x"] - 0.5
        x, _, width, _ = _view_box(frame)
        natural = frame.locator("svg g.graph").evaluate("g => g.getBBox().width")
        assert width >= natural - 1 and x <= 1, (x, width, natural)


def test_drawings_fit_their_frame(site: Path, projector: tuple[Page, _Watch]) -> None:
    """At 1366x768 each drawing fits its frame's width, and the comparison map's key (at its
    foot) is in sight inside the frame."""
    tab, watch = projector
    for path in _pages(site):
        _open(tab, path)
        _ready(tab)
        _fits(tab)
    _open(tab, site / "index.html")
    _ready(tab)
    frame = tab.locator("#comparison-map .drawing-frame")
    outer = frame.bounding_box()
    assert outer is not None
    for key in frame.locator("g.node").all():
        if (key.locator("title").first.text_content() or "").startswith("legend"):
            box = key.bounding_box()
            assert box is not None
            assert outer["y"] - 1 <= box["y"] and box["y"] + box["height"] <= outer["y"] + outer["height"] + 1
    assert watch.errors == []


def test_large_map_opens_on_its_skeleton(seed_site: Path, projector: tuple[Page, _Watch]) -> None:
    """A seed map (over 40 nodes) opens on its causal skeleton with the thesis in sight in the
    frame; the whole map is one click away, and fits the frame too."""
    tab, watch = projector
    amap = argmap.load(ROOT / "maps" / "002-lost-opportunities.yaml")
    _open(tab, seed_site / "002-lost-opportunities.html")
    _ready(tab)
    _fits(tab)
    frame = tab.locator(".drawing-frame").first
    frame.scroll_into_view_if_needed()
    thesis = amap.thesis
    assert thesis is not None
    drawn = [n for n in frame.locator("g.node title").all_text_contents() if not n.startswith("legend")]
    assert thesis.id in drawn and len(drawn) < len(amap.nodes)
    node = frame.locator("g.node").filter(has=tab.locator(f"title:text-is('{thesis.id}')"))
    outer, box = frame.bounding_box(), node.bounding_box()
    assert outer is not None and box is not None
    assert outer["x"] <= box["x"] and box["x"] + box["width"] <= outer["x"] + outer["width"]
    assert outer["y"] <= box["y"] and box["y"] + box["height"] <= outer["y"] + outer["height"]
    tab.screenshot(path=str(_build("report-skeleton.png")))
    tab.get_by_role("radio", name=re.compile(r"^The whole map")).check()
    _ready(tab)
    whole = tab.locator(".drawing-frame").nth(1)
    assert whole.is_visible() and not frame.is_visible()
    names = [n for n in whole.locator("g.node title").all_text_contents() if not n.startswith("legend")]
    assert len(names) == len(amap.nodes)
    _fits(tab)
    assert watch.errors == []


def test_zoom_by_mouse_and_keyboard(site: Path, projector: tuple[Page, _Watch]) -> None:
    """The wheel zooms where the pointer is (once the frame has the focus, or with Ctrl), a drag
    pans, + and - zoom, the arrow keys pan, 0 fits again, and the buttons do the same."""
    tab, watch = projector
    _open(tab, site / "north.html")
    _ready(tab)
    frame = tab.locator(".drawing-frame").first
    frame.scroll_into_view_if_needed()
    fitted = _view_box(frame)
    box = frame.bounding_box()
    assert box is not None
    middle = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.mouse.move(*middle)
    tab.mouse.wheel(0, -300)  # no focus, no Ctrl: the page scrolls, the drawing stays
    assert _view_box(frame) == fitted
    frame.click(position={"x": 5, "y": 5})
    assert tab.evaluate("document.activeElement.classList.contains('drawing-frame')")
    box = frame.bounding_box()
    assert box is not None
    tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    before = frame.locator("svg").get_attribute("viewBox")
    tab.mouse.wheel(0, -300)
    tab.wait_for_function("([svg, v]) => svg.getAttribute('viewBox') !== v",
                          arg=[frame.locator("svg").element_handle(), before])
    zoomed = _view_box(frame)
    assert zoomed[2] < fitted[2] and zoomed[3] < fitted[3]
    assert int((tab.locator(".zoom-level").first.text_content() or "0").rstrip("%")) > 100
    tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.mouse.down()
    before = frame.locator("svg").get_attribute("viewBox")
    tab.mouse.move(box["x"] + box["width"] / 2 - 80, box["y"] + box["height"] / 2 - 40, steps=4)
    tab.mouse.up()
    tab.wait_for_function("([svg, v]) => svg.getAttribute('viewBox') !== v",
                          arg=[frame.locator("svg").element_handle(), before])
    dragged = _view_box(frame)
    assert dragged[0] > zoomed[0] and dragged[2] == pytest.approx(zoomed[2])
    tab.screenshot(path=str(_build("report-zoomed.png")))
    tab.keyboard.press("0")
    assert _view_box(frame) == pytest.approx(fitted)
    tab.keyboard.press("+")
    tab.keyboard.press("+")
    plus = _view_box(frame)
    assert plus[2] < fitted[2]
    tab.keyboard.press("ArrowRight")
    tab.keyboard.press("ArrowDown")
    moved = _view_box(frame)
    assert moved[0] > plus[0] and moved[1] > plus[1]
    tab.keyboard.press("-")
    assert _view_box(frame)[2] > moved[2]
    tab.get_by_role("button", name="Fit").first.click()
    assert _view_box(frame) == pytest.approx(fitted)
    tab.get_by_role("button", name="Zoom in").first.click()
    assert _view_box(frame)[2] < fitted[2]
    assert tab.locator(".zoom-level").first.text_content() == "125%"
    tab.get_by_role("button", name="Zoom out").first.click()
    assert _view_box(frame) == pytest.approx(fitted)
    tab.locator("h1").click()  # the frame loses the focus: only Ctrl with the wheel zooms now
    box = frame.bounding_box()
    assert box is not None
    tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    before = frame.locator("svg").get_attribute("viewBox")
    tab.keyboard.down("Control")
    tab.mouse.wheel(0, -200)
    tab.keyboard.up("Control")
    tab.wait_for_function("([svg, v]) => svg.getAttribute('viewBox') !== v",
                          arg=[frame.locator("svg").element_handle(), before])
    assert _view_box(frame)[2] < fitted[2]
    assert watch.errors == []


def test_source_view_links_both_ways(site: Path, projector: tuple[Page, _Watch]) -> None:
    """A node's quote leads to its words in the source text, outlined (every span of it); the
    words lead back to the node's row, and so does the node's box in the drawing; by mouse
    and by keyboard."""
    tab, watch = projector
    _open(tab, site / "north.html")
    row = tab.locator("#node-3")
    row.locator("a.to-source").click()
    _at(tab, "src-3-1")
    words = tab.locator("a.q.current")
    assert words.count() == 1 and words.first.text_content() == "Regional rivalry pushed them apart for decades."
    box = words.first.bounding_box()
    assert box is not None and 0 <= box["y"] < 768
    tab.screenshot(path=str(_build("report-source.png")))
    words.first.focus()
    tab.keyboard.press("Enter")
    _at(tab, "node-3")
    assert row.is_visible()
    box = row.bounding_box()
    assert box is not None and 0 <= box["y"] < 768
    # A quote that runs over a line break is outlined whole; words several nodes quote name the others.
    tab.goto((site / "north.html").as_uri() + "#src-e5")
    _at(tab, "src-e5")
    assert tab.locator("a.q.current").count() == 2
    also = tab.locator("#L3 sup.also a")
    assert also.count() == 2
    also.first.click()
    _at(tab, "node-1")
    # A click on a box of the drawing (not a drag) leads to the node's row too.
    _ready(tab)
    drawn = tab.locator(".drawing-frame g.node").filter(has=tab.locator("title:text-is('riv')"))
    drawn.scroll_into_view_if_needed()
    drawn.click()
    _at(tab, "node-3")
    assert row.is_visible()
    assert watch.errors == []


def test_implicit_nodes_shown_apart(east_site: Path, projector: tuple[Page, _Watch]) -> None:
    """A text with an implicit premise lists it under its own heading, with the note; the text
    marks set-aside and untouched passages."""
    tab, watch = projector
    _open(tab, east_site / "east.html")
    assert tab.get_by_role("heading", name="Implicit nodes (1)").is_visible()
    assert tab.locator("table.implicit").get_by_text("Trading partners do not quarrel").is_visible()
    assert tab.locator(".source-text .set-aside").first.is_visible()
    assert tab.locator(".source-text .untouched").first.is_visible()
    assert watch.errors == []


@pytest.mark.parametrize("name", ["index.html", "east.html"])
def test_east_contrast(east_site: Path, page: tuple[Page, _Watch], name: str) -> None:
    """The summary, the source view's marks and the implicit nodes keep 4.5:1 contrast."""
    tab, _ = page
    _open(tab, east_site / name)
    tab.locator("details").evaluate_all("ds => ds.forEach(d => { d.open = true; })")
    assert tab.evaluate(_CONTRAST) == []


def test_single_file_loads_offline(maps: list[argmap.ArgumentMap], tmp_path: Path,
                                   projector: tuple[Page, _Watch]) -> None:
    """The single-file report loads with no request but the file itself and no console error,
    shows one page at a time, follows its links between pages, and zooms its drawings."""
    tab, watch = projector
    out = argmap.write_report(maps, tmp_path / "report.html", single_file=True)
    _open(tab, out)
    assert tab.evaluate("window.__pwned") is None
    shown = tab.locator("section.report-page:visible")
    assert shown.count() == 1 and shown.first.get_attribute("id") == "page-index"
    assert tab.locator("#summary").is_visible()
    tab.screenshot(path=str(_build("report-single.png")))
    tab.locator("table.argmap-texts").get_by_role("link", name="Ada North").click()
    _at(tab, "page-north")
    shown = tab.locator("section.report-page:visible")
    assert shown.count() == 1 and shown.first.get_attribute("id") == "page-north"
    _ready(tab)
    frame = shown.locator(".drawing-frame").first
    fitted = _view_box(frame)
    frame.focus()
    tab.keyboard.press("+")
    assert _view_box(frame)[2] < fitted[2]
    tab.keyboard.press("0")
    shown.locator(".drawing-frame g.node").filter(has=tab.locator("title:text-is('riv')")).click()
    _at(tab, "north--node-3")
    shown.locator("#north--node-3 a.to-source").click()
    _at(tab, "north--src-3-1")
    assert tab.locator("a.q.current").count() == 1
    shown.get_by_role("link", name=re.compile(r"^Next text")).click()
    _at(tab, "page-south")
    assert tab.locator("section.report-page:visible").first.get_attribute("id") == "page-south"
    tab.get_by_role("navigation", name="Report").get_by_role("link", name="Overview").click()
    _at(tab, "page-index")
    assert tab.locator("section.report-page:visible").first.get_attribute("id") == "page-index"
    assert watch.errors == []
    assert watch.requests == [out.as_uri()], watch.requests
