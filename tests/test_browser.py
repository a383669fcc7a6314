"""The HTML report in a real browser: Debian's chromium, driven by Playwright (pytest-playwright).

Checked for both editions: every figure decodes, the embedded CJK font reports loaded and covers
the page's Chinese, the console stays free of errors, and every internal link (an anchor on the
page, or a file of the repository) resolves. A screenshot of each edition is kept in
`.build/artifacts/` (CI prints where).

Without a chromium the tests skip with a message saying how to get one; under CI (the `CI`
variable, which `.ci/run` sets after installing chromium) a missing browser is a failure.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from compendium import exhibits, report, style
from compendium.report import tables
from compendium.paths import ROOT

# one worker runs this module, so its module fixture (the costly part) is set up once
pytestmark = pytest.mark.xdist_group("browser")

CHROMIUM = os.environ.get("COMPENDIUM_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / ".build" / "artifacts"
# As the machine notes advise for a closed network: no background connections, no sandbox as root.
CHROMIUM_ARGS = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch arguments, pointed at the system chromium (no browser download)."""
    if not Path(CHROMIUM).is_file():
        message = (f"no chromium at {CHROMIUM}: install Debian's package (`apt install chromium`) or set "
                   "COMPENDIUM_CHROMIUM to a Chromium executable to run the browser test")
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser test, not skip it: " + message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="module", params=report.EDITIONS, ids=lambda e: e.code)
def loaded(request, browser):
    """The edition's page, loaded once from disk, with the console errors seen while loading."""
    edition = request.param
    errors = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(edition.output(".html").as_uri(), wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    yield edition, page, errors
    page.close()


def test_every_figure_loads(loaded):
    edition, page, _ = loaded
    images = page.eval_on_selector_all("figure img", "imgs => imgs.map(i => [i.closest('figure').id, i.complete, i.naturalWidth])")
    shown = {figure_id for figure_id, complete, width in images if complete and width > 0}
    assert {e.figure_id for e in exhibits.EXHIBITS} <= shown, [i for i in images if i[0] not in shown]
    assert len(shown) == len(images)
    print(f"browser[{edition.code}]: {len(shown)} figures decoded")


def test_the_embedded_cjk_font_is_loaded_and_used(loaded):
    edition, page, _ = loaded
    faces = page.evaluate("Array.from(document.fonts).map(f => [f.family, f.status])")
    ours = [[family.strip('"'), status] for family, status in faces if family.strip('"') == "Compendium CJK"]
    assert ours == [["Compendium CJK", "loaded"]], faces
    # every Chinese character of the page is in the embedded face (none falls back to a system font)
    chinese = page.evaluate("Array.from(new Set(document.body.innerText.match(/[\\u4e00-\\u9fff]/g))).join('')")
    assert len(chinese) > 100
    assert page.evaluate("t => document.fonts.check('16px \"Compendium CJK\"', t)", chinese)


def test_no_console_errors(loaded):
    _, _, errors = loaded
    assert errors == []


def test_every_link_works_from_the_page_alone(loaded):
    """An anchor on the page or a web address: no link to a file of the repository, which breaks
    when the page is opened, mailed or saved on its own (each notebook link goes to the page's list
    of notebooks)."""
    edition, page, _ = loaded
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    ids = set(page.eval_on_selector_all("[id]", "nodes => nodes.map(n => n.id)"))
    internal = [h for h in hrefs if not urlsplit(h).scheme]
    assert internal, "the page links to no notebook"
    assert [h for h in internal if urlsplit(h).path] == []
    assert [h for h in internal if urlsplit(h).fragment not in ids] == []
    assert {urlsplit(h).scheme for h in hrefs} <= {"", "http", "https"}
    print(f"browser[{edition.code}]: {len(internal)} links within the page resolve")


def test_on_a_desktop_screen_the_page_is_no_wider_than_the_window(loaded):
    edition, page, _ = loaded
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280, edition.code


def test_a_click_enlarges_a_figure_and_a_second_click_restores_it(loaded):
    edition, page, _ = loaded
    image = page.locator("#B-fig03 img")
    before = image.bounding_box()["width"]
    image.click()
    enlarged = image.bounding_box()["width"]
    image.click()
    assert enlarged > before * 1.05 and image.bounding_box()["width"] == pytest.approx(before)


def test_screenshot_is_kept(loaded):
    edition, page, _ = loaded
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"report-{edition.code}.png"
    page.screenshot(path=str(shot))
    page.locator("#B-fig03").screenshot(path=str(ARTIFACTS / f"report-{edition.code}-B-fig03.png"))
    assert shot.stat().st_size > 10_000


@pytest.mark.parametrize("edition", report.EDITIONS, ids=lambda e: e.code)
def test_on_a_phone_the_page_is_no_wider_than_the_screen_and_every_figure_legible(browser, edition):
    """At 390 px (a phone) the page scrolls down, not sideways: wide tables and figures scroll in their
    own box, and the page declares its viewport (without which a phone lays it out 980 px wide).
    Each figure shows its smallest text at style.HTML_MIN_TEXT_PX or more: that text's size as drawn
    (the note save_figure writes into the SVG) times the width shown over the width drawn."""
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    page.goto(edition.output(".html").as_uri(), wait_until="load")
    width = page.evaluate("document.documentElement.scrollWidth")
    wide_boxes = page.evaluate("[...document.querySelectorAll('table, figure img')].filter("
                               "t => t.parentElement.closest('div').scrollWidth > t.parentElement.closest('div').clientWidth + 1"
                               " && getComputedStyle(t.parentElement.closest('div')).overflowX !== 'auto').length")
    shown = page.eval_on_selector_all("figure img", "imgs => imgs.map(i => [i.closest('figure').id, "
                                      "i.getBoundingClientRect().width])")
    page.close()
    assert width <= 390, f"{edition.code}: the page is {width} px wide on a 390 px screen"
    assert wide_boxes == 0
    smallest = {}
    for figure_id, shown_px in shown:
        svg = (ROOT / tables._figure_file(figure_id, edition)).read_text(encoding="utf-8")
        drawn_pt = float(re.search(r'<svg[^>]*\swidth="([\d.]+)pt"', svg).group(1))
        smallest[figure_id] = style.smallest_text_of_svg(svg) * shown_px / drawn_pt
    print(f"browser[{edition.code}] at 390 px: smallest figure text " + ", ".join(
        f"{k} {v:.1f}" for k, v in sorted(smallest.items())))
    assert len(smallest) == len(exhibits.EXHIBITS) + 8
    assert {k: round(v, 2) for k, v in smallest.items() if v < style.HTML_MIN_TEXT_PX - 0.01} == {}
