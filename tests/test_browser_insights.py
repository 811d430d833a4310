"""Browser tests of the claims, framing, framing × attribution, entities, home timeline and search pages:
Debian's Chromium via Playwright against the real server, at desktop size and on a 390×844 phone.

Each page must have no horizontal overflow, no console error, warning or CSP report, chart text of at
least 10 px as drawn, dates on one line, and a dark theme under ``prefers-color-scheme: dark``.
Screenshots go to tests/artifacts/; with PRESSLENS_DOCS_SCREENSHOTS=1 the claims, framing and
framing × attribution shots are also written to docs/ for the README.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from presslens.web import create_app
from web_corpus.insights import build_insight_db
from web_corpus.server import running_server

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
PAGES = {"claims": "/claims", "framing": "/framing", "framing-attribution": "/speakers/jane-porter/framing",
         "entities": "/entities", "entity": "/entities/person/Jane%20Porter", "home-timeline": "/",
         "search-facets": "/search?q=buses", "speakers": "/speakers", "speaker": "/speakers/jane-porter",
         "articles": "/articles", "outlets": "/outlets"}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def live(tmp_path_factory) -> Iterator[str]:
    db = build_insight_db(tmp_path_factory.mktemp("browser-insights") / "news.duckdb")
    with running_server(create_app(db)) as base:
        yield base


def watch(page) -> list[str]:  # noqa: ANN001
    """Collect every console error or warning, page error, dialog and failed answer of ``page``."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") or "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    return problems


def shot(page, name: str) -> Path:  # noqa: ANN001
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


SMALLEST_CHART_TEXT = """() => {
  let smallest = Infinity;
  for (const svg of document.querySelectorAll('svg.chart')) {
    const box = svg.viewBox.baseVal;
    const scale = svg.getBoundingClientRect().width / box.width;
    for (const t of svg.querySelectorAll('text')) {
      smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * scale);
    }
  }
  return smallest;
}"""

WRAPPED_DATES = """() => [...document.querySelectorAll('td.day, time')].filter(e => {
  const range = document.createRange();
  range.selectNodeContents(e);
  return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
}).map(e => e.textContent.trim())"""


@pytest.mark.parametrize("size", list(VIEWPORTS))
@pytest.mark.parametrize("name", list(PAGES))
def test_page_fits_the_screen_without_errors(browser, live, name, size):
    context = browser.new_context(viewport=VIEWPORTS[size])
    page = context.new_page()
    problems = watch(page)
    page.goto(live + PAGES[name])
    page.wait_for_load_state("load")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} at {size}: {overflow}px of horizontal scrolling"
    if page.locator("svg.chart").count():
        assert page.evaluate(SMALLEST_CHART_TEXT) >= 10 - 1e-6, f"chart text under 10 px on {name} at {size}"
    assert page.evaluate(WRAPPED_DATES) == []
    if size == "phone":
        button = page.locator("header form.search button").bounding_box()
        assert button is not None and button["x"] + button["width"] <= 390, "header search button clipped"
    shot(page, f"{name}-{size}")
    context.close()
    assert problems == []


def test_dark_mode_follows_the_system_setting(browser, live):
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport=VIEWPORTS["desktop"], color_scheme=scheme)
        page = context.new_page()
        problems = watch(page)
        page.goto(live + "/claims")
        colours[scheme] = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        if scheme == "dark":
            shot(page, "claims-dark")
        context.close()
        assert problems == []
    lightness = {k: sum(int(n) for n in re.findall(r"\d+", v)[:3]) for k, v in colours.items()}
    assert lightness["dark"] < 150 < lightness["light"]


def test_sorting_by_a_column_header_keeps_the_table_in_order(browser, live):
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    problems = watch(page)
    page.goto(live + "/claims")
    page.locator("th.sortable a", has_text="outlet").click()
    page.wait_for_url(re.compile(r"sort=outlet"))
    outlets = [t.strip() for t in page.locator("table.claims-table tbody tr td:nth-child(4)").all_inner_texts()]
    assert outlets == sorted(outlets) and len(outlets) == 6
    assert page.locator("th[aria-sort=ascending]").inner_text().startswith("outlet")
    page.locator("th.sortable a", has_text="outlet").click()
    page.wait_for_url(re.compile(r"sort=-outlet"))
    again = [t.strip() for t in page.locator("table.claims-table tbody tr td:nth-child(4)").all_inner_texts()]
    assert again == sorted(outlets, reverse=True)
    csv_link = page.locator("p.exports a.csv").get_attribute("href")
    assert csv_link.startswith("/api/claims.csv") and "sort=-outlet" in csv_link
    context.close()
    assert problems == []


def test_framing_by_attribution_shows_spans_around_statements(browser, live):
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    problems = watch(page)
    page.goto(live + "/framing")
    page.locator("ul.inline-list a", has_text="Jane Porter").click()
    page.wait_for_url(live + "/speakers/jane-porter/framing")
    around = page.locator(".outlet-column .frame-around").all_inner_texts()
    assert "fantasy budget" in around and "a total disaster" in around
    assert page.locator(".same-statement ins", has_text="every").count() >= 1
    assert page.locator("#wrap-rates tbody tr").count() == 3
    context.close()
    assert problems == []


def test_screenshots_for_the_readme(browser, tmp_path):
    """The claims, framing and framing × attribution pages, over the articles written for these tests
    (without the hostile one)."""
    db = build_insight_db(tmp_path / "showcase.duckdb", hostile=False)
    with running_server(create_app(db)) as live:
        written = _readme_shots(browser, live)
    assert all(p.stat().st_size > 10_000 for p in written.values())
    if os.environ.get("PRESSLENS_DOCS_SCREENSHOTS") == "1":
        for name, path in written.items():
            shutil.copyfile(path, ROOT / "docs" / f"{name}.png")


def _readme_shots(browser, live: str) -> dict[str, Path]:  # noqa: ANN001
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    written = {}
    for name, path in (("claims", "/claims"), ("framing", "/framing"),
                       ("framing-attribution", "/speakers/jane-porter/framing")):
        page.goto(live + path)
        if name == "claims":
            page.locator("details.reports").first.evaluate("d => d.open = true")
        target = ARTIFACTS / f"docs-{name}.png"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target), full_page=False)
        written[name] = target
    context.close()
    return written
