"""Hostile article content in the web page: nothing executes, everything shows literally.

The corpus carries script, event-handler, ``javascript:`` URL, CSS and template-injection payloads
in article text, titles, outlets, authors, URLs and speaker names. The articles go through the
real ``presslens.ingest.ingest`` (readers, pipeline, store). The extractors rarely keep markup
inside a name, so a second set of analyses with whole payloads as speaker names is written with
``Store.write`` and ``corpus.update_speakers``, the calls ingest makes after analysis.

Two layers of checks on every page (home, lists, each article and speaker page, search, filters,
error pages and the analyze form):

* HTML (always run): the only ``<script>`` tags are the app's own ``/static`` files, no tag carries
  an ``on…`` handler, a ``javascript:`` link, an inline style or a ``<style>`` element from content,
  and template syntax is not evaluated (``{{7*7}}`` stays, ``49`` never appears in its place).
* Browser (Playwright with Debian's Chromium; skipped when /usr/bin/chromium is missing unless CI
  is set): no dialog, no console error or CSP report, ``window.__pwned`` never set, no injected
  element in the DOM, the page is not hidden by an injected style, and the payloads read literally.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import duckdb
import pytest
from fastapi.testclient import TestClient

from presslens.schema import Analysis, Article, Attribution, Source, Span
from presslens.web import create_app
from web_corpus.server import running_server

SCRIPT = "<script>window.__pwned=1;alert('script')</script>"
IMG = "<img src=x onerror=\"window.__pwned=1;alert('img')\">"
SVG = "<svg onload=window.__pwned=1><circle r=9></svg>"
JS_LINK = "<a href=\"javascript:window.__pwned=1\">click me</a>"
JS_URL = "javascript:window.__pwned=1;alert('url')//"
STYLE = "<style>body{display:none!important}</style>"
STYLE_ATTR = "<div style=\"position:fixed;inset:0;background:red\">covered</div>"
IFRAME = "<iframe src=\"javascript:window.__pwned=1\"></iframe>"
META = "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__pwned=1\">"
BREAKOUT = "\"'></textarea></title><script>window.__pwned=1</script>"
JINJA = "Budget {{7*7}} line"
JINJA_BLOCK = "{% if 1 %}PWNED{% endif %}"
DOLLAR = "Total ${7*7} cost"
RUBY = "Sum #{7*7} and <%= 7*7 %>"
EVALUATED = ("Budget 49 line", "Total 49 cost", "Sum 49")

PAYLOADS = [SCRIPT, IMG, SVG, JS_LINK, STYLE, STYLE_ATTR, IFRAME, META, BREAKOUT, JINJA, JINJA_BLOCK, DOLLAR, RUBY]

ARTICLES = [
    {"title": f"Harbour plan {SCRIPT}", "outlet": f"Evil {IMG} Post", "url": JS_URL, "author": STYLE,
     "published": "2024-03-04",
     "text": (f"Harbour plan {SCRIPT}\n\n"
              f'"We will rebuild the pier {IMG} before spring," Mayor Ann Cole said on Monday.\n\n'
              f'"{JINJA} stays as written," Cole told reporters. {JS_LINK} {SVG}\n\n'
              f"The council said that {DOLLAR} would be covered by {RUBY}.\n")},
    {"title": f"Council vote {JINJA} {JINJA_BLOCK}", "outlet": f"{STYLE}Gazette", "url": "https://news.example/a?x=<b>",
     "author": IFRAME, "published": "2024-03-05",
     "text": (f"Council vote {JINJA}\n\n"
              f'"Taxes stay {JINJA_BLOCK} low," Senator Tim Brandt said on Tuesday. {STYLE_ATTR}\n\n'
              f'"We will cut taxes," the {STYLE} ministry said. {IFRAME} {META}\n\n'
              f'"No comment {BREAKOUT}," said Judge Maria Okafor.\n')},
    {"title": BREAKOUT, "outlet": f"{DOLLAR} Times", "url": "https://news.example/b", "published": "2024-03-06",
     "text": (f'"Prices {DOLLAR} will fall," said Ann ${{7*7}} Cole.\n\n'
              f'"We agree," said Ann &lt;b&gt; Cole. {RUBY} {SCRIPT}\n')},
]

SPEAKER_NAMES = [f"Ann {SCRIPT} Cole", f"Mayor {IMG}", f"Tim {JINJA} Brandt", f"Maria {DOLLAR} Okafor",
                 f"{STYLE} Ministry", f"Omar {JS_LINK} Haddad"]


def hostile_analyses() -> list[Analysis]:
    """One article per hostile speaker name, each with a direct quote whose offsets are exact."""
    out = []
    for i, name in enumerate(SPEAKER_NAMES):
        quote_text = f"Statement {i} {JINJA} {SCRIPT}"
        text = f'"{quote_text}," {name} said on Friday.\n'
        start = 1
        mention_start = text.index(name)
        cue_start = text.index(" said") + 1
        out.append(Analysis(
            article=Article(text=text, title=f"Speaker story {i} {IMG}", outlet=f"Evil {IMG} Post",
                            published="2024-03-07", origin=f"hostile-speaker-{i}"),
            attributions=[Attribution("direct", Span.of(text, start, start + len(quote_text)),
                                      Span.of(text, cue_start, cue_start + 4),
                                      Source(name, "person", Span.of(text, mention_start, mention_start + len(name))))],
        ))
    return out


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    from presslens.corpus import update_speakers
    from presslens.ingest import ingest
    from presslens.store import Store

    root = tmp_path_factory.mktemp("hostile")
    dump = root / "hostile.jsonl"
    dump.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = root / "hostile.duckdb"
    stats = ingest([str(dump)], db=db)
    assert (stats.added, stats.errors) == (len(ARTICLES), 0)
    with Store(db) as store:
        store.write(hostile_analyses())
        update_speakers(store.con)
    return db


@pytest.fixture(scope="module")
def stored(hostile_db) -> dict[str, list]:
    """What the database holds, read before any app opens it (DuckDB wants one configuration per file)."""
    with duckdb.connect(str(hostile_db), read_only=True) as con:
        def column(sql: str) -> list:
            return [r[0] for r in con.execute(sql).fetchall()]

        return {"articles": column("SELECT id FROM articles ORDER BY id"),
                "speakers": column("SELECT speaker_id FROM speakers ORDER BY speaker_id"),
                "titles": column("SELECT title FROM articles"), "outlets": column("SELECT outlet FROM articles"),
                "urls": column("SELECT url FROM articles"), "names": column("SELECT name FROM speakers")}


@pytest.fixture(scope="module")
def ids(stored) -> dict[str, list[str]]:
    return {"articles": stored["articles"], "speakers": stored["speakers"]}


def page_urls(ids: dict[str, list[str]]) -> list[tuple[str, int]]:
    """Every page to check, with the status it should answer."""
    q = quote
    urls = [("/", 200), ("/articles", 200), ("/speakers", 200), ("/outlets", 200), ("/analyze", 200),
            (f"/search?q={q(SCRIPT)}", 200), (f"/search?q={q(JINJA)}", 200), (f"/search?q={q(IMG)}", 200),
            (f"/articles?text={q(JINJA)}", 200), (f"/articles?outlet={q(ARTICLES[0]['outlet'])}", 200),
            (f"/speakers?q={q(SCRIPT)}", 200), (f"/speakers/{q(SCRIPT, safe='')}", 404),
            (f"/articles/{q(JINJA, safe='')}", 404), (f"/speakers/x?since={q(SCRIPT)}", 422)]
    urls += [(f"/articles/{a}", 200) for a in ids["articles"]]
    urls += [(f"/speakers/{q(s, safe='')}", 200) for s in ids["speakers"]]
    return urls


# --------------------------------------------------------------------------- the stored corpus


def test_payloads_are_stored_literally(stored):
    assert {a["title"] for a in ARTICLES} <= set(stored["titles"])
    assert {a["outlet"] for a in ARTICLES} <= set(stored["outlets"])
    assert JS_URL in stored["urls"]
    assert sum(any(p in (n or "") for p in PAYLOADS) for n in stored["names"]) >= len(SPEAKER_NAMES)


# --------------------------------------------------------------------------- HTML, without a browser


class TagCollector(HTMLParser):
    """Every start tag of a page with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def check_markup(html: str, where: str) -> None:
    parser = TagCollector()
    parser.feed(html)
    for tag, attrs in parser.tags:
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/"), f"{where}: inline or foreign script {attrs}"
        assert tag not in ("iframe", "object", "embed", "style", "base", "frame"), f"{where}: <{tag}> from content"
        assert not (tag == "meta" and "http-equiv" in attrs), f"{where}: <meta http-equiv> from content"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{where}: event handler {name}= on <{tag}>"
            assert name != "style", f"{where}: inline style on <{tag}>"
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:text", "vbscript:")), \
                    f"{where}: {name}={value!r} on <{tag}>"
    for evaluated in EVALUATED:
        assert evaluated not in html, f"{where}: template syntax was evaluated ({evaluated!r})"


@pytest.fixture(scope="module")
def client(hostile_db, stored) -> Iterator[TestClient]:
    with TestClient(create_app(hostile_db)) as c:
        yield c


def test_every_page_escapes_the_payloads(client, ids):
    for url, status in page_urls(ids):
        response = client.get(url)
        assert response.status_code == status, url
        assert response.headers["content-type"].startswith("text/html"), url
        check_markup(response.text, url)


def test_article_pages_show_template_syntax_unevaluated(client, ids):
    pages = "".join(client.get(f"/articles/{a}").text for a in ids["articles"])
    for literal in ("Budget {{7*7}} line", "{% if 1 %}PWNED{% endif %}", "Total ${7*7} cost", "Sum #{7*7}",
                    "&lt;%= 7*7 %&gt;", "&lt;script&gt;window.__pwned=1"):
        assert literal in pages, literal


def test_javascript_urls_are_never_links(client, ids):
    for article in ids["articles"]:
        record = client.get(f"/api/articles/{article}").json()
        html = client.get(f"/articles/{article}").text
        if record["url"] == JS_URL:
            assert 'href="javascript' not in html.lower()
            assert record["url"] == JS_URL  # the JSON twin keeps the value, as data


def test_analyze_form_with_payloads(client):
    text = ARTICLES[1]["text"]
    response = client.post("/analyze", data={"text": text, "title": BREAKOUT, "outlet": STYLE})
    assert response.status_code == 200
    check_markup(response.text, "POST /analyze")
    assert JINJA_BLOCK in response.text


def test_json_twins_carry_payloads_as_plain_strings(client, ids):
    listing = client.get("/api/articles?limit=500").json()
    assert {a["title"] for a in ARTICLES} <= {a["title"] for a in listing["articles"]}
    speakers = client.get("/api/speakers?limit=500").json()
    assert any(SCRIPT in (s["name"] or "") for s in speakers["speakers"])
    response = client.get(f"/api/search?q={quote(SCRIPT)}")
    assert response.headers["content-type"].startswith("application/json")


# --------------------------------------------------------------------------- in a real browser


@pytest.fixture(scope="module")
def live(hostile_db, stored) -> Iterator[str]:
    with running_server(create_app(hostile_db)) as base:
        yield base


# Run in the page: anything a payload could have planted.
DOM_PROBE = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(el.tagName + ' ' + attr.name);
      if (attr.name === 'style') found.push(el.tagName + ' style');
      if (/^\\s*javascript:/i.test(attr.value) && ['href', 'src', 'action'].includes(attr.name))
        found.push(el.tagName + ' ' + attr.name + '=' + attr.value);
    }
  }
  for (const sel of ['iframe', 'object', 'embed', 'base', 'meta[http-equiv]', 'body style', 'script:not([src])'])
    for (const el of document.querySelectorAll(sel)) found.push('element ' + sel);
  return {pwned: window.__pwned === undefined ? null : String(window.__pwned), found,
          hidden: getComputedStyle(document.body).display === 'none', text: document.body.innerText};
}"""


def test_nothing_executes_in_the_browser(browser, live, ids):
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    problems: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
    try:
        texts = {}
        for url, status in page_urls(ids):
            response = page.goto(live + url)
            assert response is not None and response.status == status, url
            probe = page.evaluate(DOM_PROBE)
            assert probe["pwned"] is None, f"{url}: window.__pwned was set"
            assert probe["found"] == [], f"{url}: {probe['found']}"
            assert not probe["hidden"], f"{url}: an injected style hid the page"
            texts[url] = probe["text"]
            for evaluated in EVALUATED:
                assert evaluated not in probe["text"], f"{url}: {evaluated!r} shown"
        articles = "\n".join(texts[f"/articles/{a}"] for a in ids["articles"])
        for payload in (SCRIPT, IMG, SVG, JS_LINK, STYLE, STYLE_ATTR, IFRAME, META, JINJA, JINJA_BLOCK, DOLLAR, RUBY):
            assert payload in articles, f"payload not shown literally: {payload!r}"
        assert BREAKOUT.strip() in articles
        speakers = "\n".join(texts[f"/speakers/{quote(s, safe='')}"] for s in ids["speakers"])
        assert any(name in speakers for name in SPEAKER_NAMES)
        assert ARTICLES[0]["outlet"] in texts["/outlets"]
        assert JINJA in re.sub(r"\s+", " ", texts[f"/articles?text={quote(JINJA)}"])
        assert dialogs == [], dialogs
        assert problems == [], problems
    finally:
        context.close()


def test_analyze_page_in_the_browser(browser, live):
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(live + "/analyze")
        page.locator("textarea[name=text]").fill(ARTICLES[0]["text"])
        page.locator("input[name=title]").fill(BREAKOUT)
        page.locator("form.analyze button").click()
        page.wait_for_selector("section.result", timeout=120_000)
        probe = page.evaluate(DOM_PROBE)
        assert probe["pwned"] is None and probe["found"] == [] and not probe["hidden"]
        shown = page.locator("section.result").inner_text()
        assert SCRIPT in shown and JINJA in shown and IMG in shown
        assert page.locator("section.result h1").inner_text() == BREAKOUT.strip()
        assert dialogs == []
    finally:
        context.close()
