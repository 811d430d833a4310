"""Browser test of the search page's act filter ("Reported as"): Debian's Chromium via Playwright, desktop and phone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from presslens.corpus import update_speakers
from presslens.store import Store
from presslens.web import create_app
from test_queries_act import corpus
from web_corpus.server import running_server

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SIZES = [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]  # desktop and phone


@contextmanager
def _site(tmp_path: Path) -> Iterator[str]:
    """A server over a database of the act test corpus, with its speakers; yields its base URL."""
    db = tmp_path / "news.duckdb"
    with Store(db) as store:
        store.write(corpus(), [])
        update_speakers(store.con)
    with running_server(create_app(db)) as base:
        yield base


def _open(browser, size: dict[str, int]):
    """A new browser context of ``size``, its page, and the list its console errors and warnings fill."""
    context = browser.new_context(viewport=size)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    return context, page, problems


@pytest.mark.parametrize("size", SIZES)
def test_choosing_beliefs_narrows_the_search(browser, tmp_path, size):
    with _site(tmp_path) as base:
        context, page, problems = _open(browser, size)
        page.goto(f"{base}/search?q=harbour")
        assert page.locator("ol.quotes > li").count() == 5
        assert page.locator("ol.quotes .relayed").inner_text() == "relayed by TASS"
        page.select_option("select[name=act]", "belief")
        page.click("form.filters button[type=submit]")
        page.wait_for_url("**act=belief**")
        assert page.locator("ol.quotes > li").count() == 1
        assert page.locator("ol.quotes .act").inner_text().lower() == "belief"
        assert "beliefs" in page.locator("#result-count").inner_text()
        assert page.locator("select[name=act]").input_value() == "belief", (
            "the menu shows the filter in force"
        )
        wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 0, f"the page is {wide} px wider than the screen"
        page.click("text=clear filters")
        assert page.locator("ol.quotes > li").count() == 5
        assert problems == []
        context.close()


@pytest.mark.parametrize("size", SIZES)
def test_choosing_beliefs_narrows_a_speakers_quotes(browser, tmp_path, size):
    with _site(tmp_path) as base:
        context, page, problems = _open(browser, size)
        page.goto(f"{base}/speakers/ann-cole")
        assert page.locator("ol.quotes > li").count() == 2
        page.select_option("select[name=act]", "belief")
        page.click("form.filters button[type=submit]")
        page.wait_for_url("**act=belief**")
        assert page.locator("ol.quotes > li").count() == 1
        assert page.locator("ol.quotes .act").inner_text().lower() == "belief"
        assert page.locator("#quote-count").inner_text() == "1 quote match the filters"
        assert page.locator("select[name=act]").input_value() == "belief", (
            "the menu shows the filter in force"
        )
        wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 0, f"the page is {wide} px wider than the screen"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"speaker-act-{size['width']}.png"), full_page=True)
        page.click("form.filters >> text=clear")
        page.wait_for_url(f"{base}/speakers/ann-cole")
        assert page.locator("ol.quotes > li").count() == 2
        page.goto(f"{base}/speakers/dujarric?act=speech")
        assert page.locator("ol.quotes .relayed").inner_text() == "relayed by TASS"
        assert problems == []
        context.close()
