"""The report in a real browser: headless Chromium (Debian's `chromium`) driven by Playwright.

It checks the rendered page, not the markup: the highlighted figures and discrepancy markers are
shown, clicking a figure lights up its partner and brings it into view, the page asks for nothing
over the network, and the markup planted in the hostile paper never runs. Playwright is never let
download a browser of its own. Without /usr/bin/chromium the test skips, unless
WHITEPAPER_BROWSER_TESTS=required (as .ci/run sets), where a missing browser fails it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import re

from extractor.report import write_report
from report_cases import hostile, seed

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOT = Path(tempfile.gettempdir()) / "whitepaper-report.png"
"""Outside the repository: look at it after a run (`bench/`-style, nothing checks how it looks)."""

if not CHROMIUM.exists() and os.environ.get("WHITEPAPER_BROWSER_TESTS") != "required":
    pytest.skip(f"{CHROMIUM} is missing (set WHITEPAPER_BROWSER_TESTS=required to fail instead)",
                allow_module_level=True)

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402  (after the skip: needs the browser)


class Watched:
    """A loaded page and everything it did that it should not: dialogs, console errors, requests."""

    def __init__(self, page: Page, url: str) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", lambda request: self.requests.append(request.url))
        page.goto(url)
        page.wait_for_load_state("load")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _open(browser: Browser, folder: Path, result: Any, viewport: dict[str, int]) -> Watched:
    path = write_report(folder, result)
    return Watched(browser.new_page(viewport=viewport), path.as_uri())


@pytest.fixture(scope="module")
def seed_page(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Watched]:
    watched = _open(browser, tmp_path_factory.mktemp("seed"), seed(), {"width": 1400, "height": 1000})
    yield watched
    watched.page.close()


@pytest.fixture(scope="module")
def hostile_page(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Watched]:
    watched = _open(browser, tmp_path_factory.mktemp("hostile"), hostile(), {"width": 1400, "height": 1000})
    yield watched
    watched.page.close()


def test_every_figure_is_highlighted_and_every_discrepancy_marked_on_screen(seed_page: Watched) -> None:
    page = seed_page.page
    assert page.locator("mark.fig").count() == len(seed().claims)
    painted = page.evaluate("""() => [...document.querySelectorAll('mark.fig')]
        .filter(m => getComputedStyle(m).backgroundColor !== getComputedStyle(m.parentElement).backgroundColor)
        .length""")
    assert painted == len(seed().claims)
    notes = page.locator("#text .note")
    assert notes.count() == len(seed().discrepancies)
    assert all(notes.nth(i).is_visible() for i in range(notes.count()))
    for discrepancy in seed().discrepancies:
        assert discrepancy.message in page.locator(f'#text .note[data-discrepancy="{discrepancy.id}"]').inner_text()


def test_clicking_a_chinese_figure_lights_up_its_english_partner_and_scrolls_to_it(browser: Browser,
                                                                                  tmp_path: Path) -> None:
    result = seed()
    claims = {c.id: c for c in result.claims}
    starts = {(s.lang, s.number): s.start for s in result.document.sections}

    def depth(claim_id: str) -> int:
        """How far into its section a figure is: a Chinese figure near the top, its partner far down."""
        claim = claims[claim_id]
        return claim.start - starts[claim.lang, claim.section]

    pair = max(result.pairs, key=lambda p: depth(p.en) - depth(p.zh))
    watched = _open(browser, tmp_path, result, {"width": 1000, "height": 400})
    page = watched.page
    zh, en = page.locator(f"#{pair.zh}"), page.locator(f"#{pair.en}")
    zh.scroll_into_view_if_needed()
    on_screen = f"""() => {{ const box = document.getElementById('{pair.en}').getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight; }}"""
    assert not page.evaluate(on_screen), "the partner should start off screen"
    zh.click()
    assert "partner" in en.get_attribute("class").split()
    assert "selected" in zh.get_attribute("class").split()
    assert page.evaluate(on_screen)
    zh.click()
    assert "partner" not in en.get_attribute("class").split()
    page.close()


def test_hovering_or_focusing_a_figure_lights_up_its_partners(seed_page: Watched) -> None:
    page = seed_page.page
    merged = next(en for en in {p.en for p in seed().pairs} if sum(p.en == en for p in seed().pairs) == 2)
    partners = sorted(p.zh for p in seed().pairs if p.en == merged)
    page.hover(f"#{merged}")
    assert page.eval_on_selector_all(".hover-partner", "marks => marks.map(m => m.id).sort()") == partners
    page.mouse.move(0, 0)
    page.focus(f"#{partners[0]}")
    assert page.eval_on_selector_all(".hover-partner", "marks => marks.map(m => m.id)") == [merged]
    page.locator(f"#{partners[0]}").blur()


def test_a_table_figure_jumps_to_the_figure_in_place(seed_page: Watched) -> None:
    page = seed_page.page
    link = page.locator("#discrepancies a.ref").first
    target = link.get_attribute("data-ref")
    link.click()
    assert page.evaluate("location.hash") == f"#{target}"
    expect(page.locator(f"mark#{target}")).to_have_class(re.compile(r"\bselected\b"))  # hashchange comes after the click
    assert page.locator(f"mark#{target}").is_visible()


def test_the_page_needs_no_network_and_logs_no_error(seed_page: Watched) -> None:
    assert seed_page.requests == [seed_page.page.url.split("#")[0]]
    assert seed_page.errors == []
    assert seed_page.dialogs == []


def test_planted_markup_shows_as_text_and_never_runs(hostile_page: Watched) -> None:
    page = hostile_page.page
    page.locator("#text mark.fig").first.click()
    page.hover("#text p >> nth=1")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert hostile_page.dialogs == []
    assert hostile_page.errors == []
    assert hostile_page.requests == [page.url.split("#")[0]]
    assert page.locator("#text img, #text svg, #text textarea, #text iframe").count() == 0
    assert page.locator("script").count() == 1
    assert "<script>window.__pwned='script-zh'</script>" in page.locator("#text").inner_text()
    assert page.evaluate("document.baseURI") == page.url.split("#")[0]


def test_screenshot_for_a_reader(seed_page: Watched) -> None:
    page = seed_page.page
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000
