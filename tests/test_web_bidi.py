"""Bidi controls in user text cannot reorder the page around it (``presslens.web.bidi``).

A title, outlet, speaker name and quote each carry U+202E RIGHT-TO-LEFT OVERRIDE (and a stray
U+2069 that tries to close an isolate early). Checked two ways:

* HTML, every page: each text node holding an override sits inside a ``<bdi>`` element (the
  article body excepted: it is its own block, see ``presslens.web.bidi``); ``<title>``,
  ``<option>`` and tooltips carry the text without controls, between FSI and PDI;
* Chromium: on the home page the date after a spoofing outlet is laid out in reading order
  (without isolation Chromium shows "Evening‮ Star · 2024-05-06 · 1 quote" as "… etouq 1 ·
  60-50-4202 · ratS", a different date), and on a quote's line the title, outlet and date stay
  in that order.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from presslens.web import create_app
from web_corpus.build import DOCS, Doc, Q, build_fixed_db
from web_corpus.server import running_server

RLO, PDI, FSI = "\u202e", "\u2069", "\u2068"
TITLE = f"Harbour{RLO} plan{PDI}{RLO} approved"
OUTLET = f"Evening{RLO} Star"
SPEAKER = f"Ann{RLO} Cole"
CONTENT = f"We are ready{RLO} to build,"
SPOOF = Doc(TITLE, OUTLET, "2024-05-06",
            f'Harbour news\n\n"{CONTENT}" {SPEAKER} said on Monday.\n\nThe council met again.',
            [Q(SPEAKER, SPEAKER, "said", CONTENT)])
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_fixed_db(tmp_path_factory.mktemp("bidi") / "news.duckdb", docs=[SPOOF, *DOCS[:2]])


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


def speaker_id(client) -> str:
    """The speaker of the spoofing quote (speaker resolution drops the controls from the canonical name)."""
    speaker = next(s for s in client.get("/api/speakers").json()["speakers"] if s["name"] == "Ann Cole")
    return quote(speaker["speaker_id"], safe="")


def pages(client) -> list[str]:
    article = next(a for a in client.get("/api/articles").json()["articles"] if a["outlet"] == OUTLET)
    sid = speaker_id(client)
    return ["/", "/articles", f"/articles/{article['id']}", "/speakers", f"/speakers/{sid}",
            f"/speakers/{sid}?outlet={quote(OUTLET)}", "/outlets", "/search?q=ready", f"/search?q={quote(RLO)}ready",
            f"/articles?outlet={quote(OUTLET)}"]


class Checker(HTMLParser):
    """Record each text node and attribute holding U+202E with the elements around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.problems: list[str] = []
        self.isolated = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and RLO in value and not (tag in ("input", "option") and name == "value"):  # not rendered
                self.problems.append(f"<{tag} {name}> holds U+202E")
            if value and FSI in value and name == "title":
                self.isolated += 1
        if tag not in VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        tags = [t for t, _ in self.stack]
        if self.stack and self.stack[-1][0] in ("title", "option") and FSI in data:
            self.isolated += 1
        if RLO not in data:
            return
        if "bdi" in tags or "textarea" in tags or any(a.get("id") == "article-text" for _, a in self.stack):
            return
        self.problems.append(f"{'>'.join(tags[-4:])}: {data.strip()[:40]!r}")


def test_every_override_is_inside_bdi(client):
    isolated = 0
    for path in pages(client):
        response = client.get(path)
        assert response.status_code == 200, path
        checker = Checker()
        checker.feed(response.text)
        assert checker.problems == [], path
        isolated += checker.isolated
    assert isolated >= 3  # page titles, the outlet <option>, tooltips: FSI … PDI without controls


def test_titles_and_options_carry_no_controls(client):
    for path in pages(client):
        html = client.get(path).text
        title = html.split("<title>", 1)[1].split("</title>", 1)[0]
        assert RLO not in title and title.count(PDI) == title.count(FSI), path
    html = client.get(f"/speakers/{speaker_id(client)}").text
    assert f"<title>{FSI}Ann Cole{PDI} · presslens</title>" in html
    assert f">{FSI}Evening Star{PDI} (1)</option>" in html


def test_the_json_keeps_the_text_exactly(client):
    article = next(a for a in client.get("/api/articles").json()["articles"] if a["outlet"] == OUTLET)
    assert article["title"] == TITLE


@pytest.fixture(scope="module")
def live(db):
    with running_server(create_app(db)) as base:
        yield base


LEFT_OF = """([needle, first, second]) => {
  // x of characters ``first`` and ``second`` of ``needle`` as laid out (reading order: first is left)
  const walk = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    const i = node.data.indexOf(needle);
    if (i < 0) continue;
    const x = (k) => {
      const range = document.createRange();
      range.setStart(node, i + k);
      range.setEnd(node, i + k + 1);
      return range.getBoundingClientRect().left;
    };
    return [x(first), x(second)];
  }
  return null;
}"""


def test_an_override_does_not_reorder_the_text_after_it_in_the_browser(browser, live):
    # home, latest articles: "<outlet> · 2024-05-06 · 1 quote" in one line; the outlet's override
    # used to show the rest reversed ("60-50-4202 · ratS"), a different date
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(live + "/")
        line = "2024-05-06 · 1 quote"
        for first, second in ((0, 9), (9, 13), (0, len(line) - 1)):
            xs = page.evaluate(LEFT_OF, [line, first, second])
            assert xs is not None and xs[0] < xs[1], f"{line[first]!r} shown right of {line[second]!r}"
        page.goto(live + "/search?q=ready")
        meta = page.locator("ol.quotes li", has_text="Evening").locator("p.meta")
        title, outlet, when = (meta.locator(s).bounding_box() for s in ("a.sep", "span.outlet", "time"))
        assert title and outlet and when and title["x"] < outlet["x"] < when["x"]
    finally:
        page.close()
