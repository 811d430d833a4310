"""Browser tests: Playwright drives Debian's Chromium against the real server (uvicorn on 127.0.0.1).

Skipped when /usr/bin/chromium is missing on a developer machine; with the CI environment variable
set they fail instead, so CI really runs them. Screenshots go to tests/artifacts/; with
PRESSLENS_DOCS_SCREENSHOTS=1 the home and article shots are also written to docs/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from presslens.schema import Article
from presslens.web import create_app
from presslens.web.routes.analyze import pipeline_analyzer
from web_corpus.build import (
    DOCS,
    SHOWCASE_EXTRA,
    XSS_IMG_PAYLOAD,
    XSS_SPEAKER,
    XSS_TEXT_PAYLOAD,
    XSS_TITLE,
    build_fixed_db,
)
from web_corpus.server import running_server

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def live(tmp_path_factory, pipeline) -> Iterator[tuple[str, object]]:
    db = build_fixed_db(tmp_path_factory.mktemp("browserdb") / "news.duckdb")
    app = create_app(db, analyzer=pipeline_analyzer(pipeline))
    with running_server(app) as base:
        yield base, app


class Watched:
    """A page plus every dialog, console error, CSP report and page error it produced."""

    def __init__(self, page) -> None:  # noqa: ANN001
        self.page = page
        self.dialogs: list[str] = []
        self.problems: list[str] = []
        self.expected_statuses: set[int] = set()
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"pageerror: {exc}"))
        page.on("response", self._response)

    def _dialog(self, dialog) -> None:  # noqa: ANN001
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _response(self, response) -> None:  # noqa: ANN001
        if response.status >= 400 and response.status not in self.expected_statuses:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _console(self, message) -> None:  # noqa: ANN001
        if message.text.startswith("Failed to load resource") and any(
            f"status of {code} " in message.text for code in self.expected_statuses
        ):
            return  # an expected error answer, already checked by the test
        if message.type in ("error", "warning") or "Content Security Policy" in message.text:
            self.problems.append(f"console {message.type}: {message.text}")

    def clean(self) -> None:
        assert self.dialogs == [], f"a dialog fired: {self.dialogs}"
        assert self.problems == [], self.problems


@pytest.fixture
def page(browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = Watched(context.new_page())
    yield watched
    context.close()


def shot(page, name: str) -> Path:  # noqa: ANN001
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def test_home_search_speaker_article_and_back(live, page):
    base, _ = live
    p = page.page
    p.goto(base + "/")
    assert p.locator("h1").inner_text() == "Who said what"
    chart = p.locator("section.panel svg.chart").first
    assert "Jane Porter" in chart.text_content() and "quotes (attributions)" in chart.text_content()
    assert p.locator(".card .n").first.inner_text() == "7"
    shot(p, "home")

    p.locator("form.search-big input[name=q]").fill("taxes")
    p.keyboard.press("Enter")
    p.wait_for_url(re.compile(r"/search\?q=taxes"))
    assert p.locator("#result-count").inner_text().startswith("3 quotes")
    assert p.locator("li.quote").count() == 3
    shot(p, "search")

    p.locator("li.quote a.who").first.click()
    p.wait_for_url(base + "/speakers/jane-porter")
    assert p.locator("h1").inner_text().startswith("Jane Porter")
    timeline = p.locator("svg.chart").first.text_content()
    assert "Riverside Gazette" in timeline and "quotes" in timeline
    assert p.locator(".variants li").first.inner_text().startswith("“We will not raise property taxes")
    shot(p, "speaker")

    p.locator("form.filters select[name=outlet]").select_option("Valley Herald")  # submits by itself (app.js)
    p.wait_for_url(re.compile(r"outlet=Valley\+Herald"))
    assert p.locator("#quote-count").inner_text() == "2 quotes match the filters"

    p.locator("li.quote .meta a").first.click()
    p.wait_for_url(re.compile(r"/articles/\w+#q\d+$"))
    anchor = p.url.rsplit("#", 1)[1]
    target = p.locator(f"mark#{anchor}")
    assert target.is_visible() and "q" in (target.get_attribute("class") or "")
    assert p.locator("#article-text mark.q").count() >= 1
    assert p.locator("aside.side li.speaker").count() >= 1
    article_url = p.url

    p.locator("#article-text a.mention").first.click()
    p.wait_for_url(re.compile(r"/speakers/[\w-]+$"))
    assert p.locator("h1").is_visible()
    p.go_back()
    p.wait_for_url(article_url)
    assert p.locator("#article-text").is_visible()
    p.go_back()
    p.wait_for_url(re.compile(r"/speakers/jane-porter\?"))
    page.clean()


def test_speaker_hover_brings_out_their_quotes(live, page):
    base, _ = live
    p = page.page
    p.goto(base + "/speakers/tom-alvarez")
    p.locator("li.quote .meta a").last.click()
    p.wait_for_url(re.compile(r"/articles/"))
    first = p.locator("aside li.speaker").first
    colour = first.get_attribute("data-speaker")
    first.hover()
    hot = p.locator(f"#article-text mark.q.s{colour}.hot")
    assert hot.count() >= 1
    others = p.locator(f"#article-text mark.q:not(.s{colour})")
    assert others.count() >= 1  # the article quotes two speakers
    background = others.first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background == "rgba(0, 0, 0, 0)"  # the other speaker's quotes fade out
    p.mouse.move(1, 1)
    assert p.locator("#article-text mark.hot").count() == 0
    page.clean()


def test_article_list_sorts_by_a_column_header(live, page):
    base, _ = live
    p = page.page
    p.goto(base + "/articles")
    p.locator("th.sortable a", has_text="attributions").click()
    p.wait_for_url(re.compile(r"sort=attributions"))
    counts = [int(t) for t in p.locator("table tr td:nth-child(4)").all_inner_texts()]
    assert counts == sorted(counts, reverse=True) and len(set(counts)) > 1
    assert p.locator("th[aria-sort=descending]").inner_text().startswith("attributions")
    p.locator("th.sortable a", has_text="attributions").click()
    p.wait_for_url(re.compile(r"sort=-attributions"))
    assert [int(t) for t in p.locator("table tr td:nth-child(4)").all_inner_texts()] == sorted(counts)
    csv_link = p.locator("p.exports a.csv").get_attribute("href")
    assert csv_link.startswith("/api/articles.csv") and "sort=-attributions" in csv_link
    p.locator("th.sortable a", has_text="title").click()
    p.wait_for_url(re.compile(r"sort=title"))
    titles = p.locator("table tr td:nth-child(2)").all_inner_texts()
    assert titles == sorted(titles) and len(titles) > 1
    page.clean()


def test_payloads_render_as_literal_text(live, page):
    base, _ = live
    p = page.page
    p.goto(base + "/api/articles?text=harbour%20plan")
    article_id = next(
        a["id"] for a in json.loads(p.locator("body").inner_text())["articles"] if a["title"] == XSS_TITLE
    )
    p.goto(f"{base}/articles/{article_id}")
    text = p.locator("#article-text").inner_text()
    assert XSS_TEXT_PAYLOAD in text and XSS_IMG_PAYLOAD in text and XSS_SPEAKER in text
    assert p.locator("h1").inner_text() == XSS_TITLE
    assert p.locator("main img, main script, main b").count() == 0
    shot(p, "xss-article")
    for path in ("/", "/outlets", "/speakers", "/articles", "/search?q=rumours"):
        p.goto(base + path)
        assert p.locator("main img, main script").count() == 0, path
        assert p.locator("script:not([src])").count() == 0, path
    assert XSS_IMG_PAYLOAD.split(">")[0] in p.locator("main").inner_text()
    p.goto(base + "/outlets")
    assert "<img src=x onerror=alert('outlet')>Post" in p.locator("table").inner_text()
    page.clean()


def test_analyze_page_shows_the_article_view(live, page):
    base, _ = live
    p = page.page
    p.goto(base + "/analyze")
    p.locator("textarea[name=text]").fill(
        'Opening line.\n\n"We start <b>today</b>," Ann Porter said. "It is done," said Tom Novak.'
    )
    assert "kB of 200 kB" in p.locator("#text-size").inner_text()
    p.locator("input[name=title]").fill("Pasted <i>story</i>")
    p.locator("form.analyze button").click()
    p.wait_for_selector("section.result")
    assert p.locator("section.result h1").inner_text() == "Pasted <i>story</i>"
    assert p.locator("#article-text mark.q[id]").count() == 2  # one anchored mark per quote
    assert "<b>today</b>" in p.locator("#article-text").inner_text()
    assert [t.strip() for t in p.locator("aside li.speaker h3 a").all_inner_texts()] == [
        "Ann Porter",
        "Tom Novak",
    ]
    shot(p, "analyze")

    page.expected_statuses.add(422)
    p.goto(base + "/analyze")
    p.locator("input[name=url]").fill("http://127.0.0.1:9/secret")
    p.locator("form.analyze button").click()
    p.wait_for_selector("p.error")
    assert "private, loopback" in p.locator("p.error").inner_text()
    page.clean()


def test_analyze_refuses_oversized_text_before_sending(live, page):
    base, _ = live
    p = page.page
    p.goto(base + "/analyze")
    p.locator("textarea[name=text]").fill("x" * 200_001)
    assert "over" in (p.locator("#text-size").get_attribute("class") or "")
    p.locator("form.analyze button").click()
    assert "Too long" in p.locator("#text-size").inner_text()
    assert p.locator("section.result").count() == 0
    page.clean()


def test_api_docs_page_renders_openapi_without_cdn(live, page):
    base, _ = live
    p = page.page
    external: list[str] = []
    p.on("request", lambda r: external.append(r.url) if not r.url.startswith(base) else None)
    p.goto(base + "/docs")
    p.wait_for_selector("#api-docs .endpoint")
    titles = p.locator("#api-docs .endpoint h3").all_inner_texts()
    assert any("/api/speakers/{speaker_id}" in t for t in titles)
    assert any(t.startswith("POST") and "/api/analyze" in t for t in titles)
    assert external == []
    page.clean()


def test_analyze_a_sample_article(live, page, pipeline):
    base, _ = live
    text = (ROOT / "samples" / "council_budget.txt").read_text(encoding="utf-8")
    found = pipeline.analyze(Article(text=text)).to_dict()
    assert found["attributions"], "the sample article has quotes"
    p = page.page
    p.goto(base + "/analyze")
    p.locator("textarea[name=text]").fill(text)
    p.locator("form.analyze button").click()
    p.wait_for_selector("section.result", timeout=120_000)
    assert p.locator("#article-text mark.q[id]").count() == sum(
        1 for a in found["attributions"] if a["content"]
    )
    assert p.locator("#article-text").inner_text().strip() == text.strip()
    shot(p, "analyze-real")
    page.clean()


def test_screenshots_for_the_docs(browser, tmp_path):
    """Home and article page over the hand-written corpus (without the hostile article)."""
    showcase = [d for d in DOCS if "<" not in d.title] + SHOWCASE_EXTRA
    db = build_fixed_db(tmp_path / "showcase.duckdb", showcase)
    with running_server(create_app(db)) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 860}, device_scale_factor=1)
        p = context.new_page()
        p.goto(base + "/")
        home = ARTIFACTS / "docs-home.png"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        p.screenshot(path=str(home), full_page=False)
        p.goto(base + "/api/articles")
        target = next(
            a["id"]
            for a in json.loads(p.locator("body").inner_text())["articles"]
            if a["title"] == "Port overrun: who pays?"
        )
        p.goto(f"{base}/articles/{target}")
        article = ARTIFACTS / "docs-article.png"
        p.screenshot(path=str(article), full_page=False)
        context.close()
    assert home.stat().st_size > 10_000 and article.stat().st_size > 10_000
    if os.environ.get("PRESSLENS_DOCS_SCREENSHOTS") == "1":
        shutil.copyfile(home, ROOT / "docs" / "home.png")
        shutil.copyfile(article, ROOT / "docs" / "article.png")
