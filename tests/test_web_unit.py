"""Unit tests of the web helpers: highlighting, charts, search parsing, URL checks, paging, middleware."""

from __future__ import annotations

import re
import socket

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.requests import Request
from starlette.responses import PlainTextResponse

from presslens.web import charts, fetch
from presslens.web.highlight import article_view, highlight, speaker_href
from presslens.web.paging import MAX_LIMIT, paging
from presslens.web.search import parse_query
from presslens.web.security import BodySizeLimitMiddleware, SecurityHeadersMiddleware

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _record(text: str, **extra) -> dict:
    return {"id": "a1", "title": None, "outlet": None, "url": None, "published": None, "author": None,
            "text": text, "attributions": [], "entities": [], "dates": [], "claims": [], "framing": [], **extra}


def _attr(text: str, content: str, cue: str, mention: str, name: str | None, **extra) -> dict:
    def span(piece: str, after: int = 0) -> dict:
        start = text.index(piece, after)
        return {"start": start, "end": start + len(piece), "text": piece}

    return {"type": "direct", "content": span(content), "cue": span(cue), **extra,
            "source": {"name": name, "kind": "person", "mention": span(mention), "entity": None}}


def _visible_text(html: str) -> str:
    """The text a browser would show: tags dropped, entities decoded."""
    import html as html_mod

    return html_mod.unescape(re.sub(r"<[^>]+>", "", html))


# --------------------------------------------------------------------------- highlight


def test_highlight_escapes_every_piece_and_keeps_the_text():
    text = f'Intro {PAYLOAD} "We said {PAYLOAD} today," Ann <b>Lee</b> said.'
    record = _record(text, attributions=[_attr(text, f"We said {PAYLOAD} today,", "said.", "Ann <b>Lee</b>",
                                               "Ann <b>Lee</b>", speaker_id="ann-lee")])
    view = article_view(record)
    body = str(view.body)
    assert "<script" not in body and "<img" not in body and "<b>" not in body
    assert "&lt;script&gt;" in body
    assert _visible_text(body) == text  # nothing lost, nothing added
    assert view.speakers[0].label == "Ann <b>Lee</b>"
    assert 'href="/speakers/ann-lee"' in body


def test_highlight_layers_nest_properly_when_spans_overlap():
    text = "Alpha beta gamma delta epsilon"
    record = _record(text, attributions=[_attr(text, "beta gamma delta", "epsilon", "Alpha", "Alpha")],
                     claims=[{"start": 11, "end": 22, "text": text[11:22], "checkworthy": 0.9}],
                     framing=[{"start": 6, "end": 16, "text": text[6:16], "technique": "Loaded_Language", "score": 0.8}],
                     dates=[{"start": 17, "end": 30, "text": text[17:30], "value": None, "grain": None}])
    body = str(article_view(record).body)
    # well-formed: every opened element is closed in reverse order
    stack: list[str] = []
    for closing, tag in re.findall(r"<(/?)(\w+)", body):
        if closing:
            assert stack.pop() == tag
        else:
            stack.append(tag)
    assert not stack
    assert _visible_text(body) == text
    assert body.count('id="q0"') == 1
    assert 'class="claim"' in body and 'class="frame"' in body and 'class="date"' in body


def test_highlight_ignores_spans_outside_the_text():
    text = "Short text."
    marks_record = _record(text, claims=[{"start": 5, "end": 999, "text": "x", "checkworthy": 0.5},
                                          {"start": -4, "end": 2, "text": "x", "checkworthy": 0.5},
                                          {"start": 7, "end": 3, "text": "x", "checkworthy": 0.5},
                                          {"start": None, "end": 3, "text": "x", "checkworthy": 0.5}])
    body = str(article_view(marks_record).body)
    assert _visible_text(body) == text
    assert highlight("", []) == ""


def test_speakers_get_distinct_colours_and_links():
    text = '"One," Ann said. "Two," Bob said. "Three," Ann said.'
    attributions = [
        _attr(text, "One,", "said", "Ann", "Ann", speaker_id="ann"),
        _attr(text, "Two,", "said", "Bob", None),
        {**_attr(text, "Three,", "said", "Ann", "Ann", speaker_id="ann")},
    ]
    view = article_view(_record(text, attributions=attributions))
    assert [s.label for s in view.speakers] == ["Ann", "Bob (unresolved)"]
    assert [len(s.statements) for s in view.speakers] == [2, 1]
    assert view.speakers[0].colour != view.speakers[1].colour
    assert view.speakers[1].url is None
    assert speaker_href({"source": {"name": "Ann Lee"}}) == "/speakers?q=Ann+Lee"
    assert speaker_href({"speaker_id": "a/b", "source": {}}) == "/speakers/a%2Fb"


# --------------------------------------------------------------------------- charts


def test_bar_chart_escapes_labels_and_has_axis_label():
    svg = str(charts.bar_chart([charts.Bar(PAYLOAD, 3, "/x?a=1&b=2"), charts.Bar("Bo", 1)],
                               title="T <x>", value_label="quotes"))
    assert "<script" not in svg and "<img" not in svg
    assert "&lt;script&gt;" in svg
    assert "&amp;b=2" in svg
    assert ">quotes</text>" in svg
    assert svg.startswith("<svg") and svg.endswith("</svg>")


def test_axis_ticks_are_whole_and_cover_the_maximum():
    for top in (1, 3, 5, 7, 12, 99, 100, 101, 2345):
        ticks = charts.axis_ticks(top)
        assert ticks[0] == 0 and ticks[-1] >= top
        assert all(float(t).is_integer() for t in ticks)
        assert 2 <= len(ticks) <= 12


def test_timeline_chart_has_legend_and_stacks():
    svg = str(charts.timeline_chart(["2024-01-01", "2024-02-01"], {"A <b>": {"2024-01-01": 2}, "B": {"2024-02-01": 1}},
                                    title="t", value_label="quotes", period_label="month", monthly=True))
    assert "A &lt;b&gt;" in svg and ">2024-01<" in svg and ">month<" in svg and ">quotes<" in svg
    assert svg.count("<rect") >= 4  # two bars and two legend swatches
    assert "No dated" in str(charts.timeline_chart([], {}, title="t", value_label="q", period_label="p"))


def test_share_chart_percentages():
    svg = str(charts.share_chart([("Out", {"direct": 3, "indirect": 1}, None)], title="t"))
    assert "75%" in svg and "25%" in svg and "share of attributions" in svg


# --------------------------------------------------------------------------- search


def test_parse_query_words_phrases_and_limits():
    assert parse_query('Tax "whatever happens" tax, cuts!').terms == ("whatever happens", "tax", "cuts")
    assert not parse_query("   ")
    assert not parse_query(None)
    assert len(parse_query(" ".join(f"w{i}" for i in range(50))).terms) == 8
    pattern = parse_query("c++").patterns[0]
    assert pattern.endswith(re.escape("c++"))


# --------------------------------------------------------------------------- URL checks


def _resolver(table: dict[str, list[str]]):
    def resolve(host: str, port: int) -> list[str]:
        return table[host]
    return resolve


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "172.16.0.5", "192.168.1.1", "169.254.169.254",
                                     "0.0.0.0", "100.64.0.1", "224.0.0.1", "240.0.0.1", "::1", "fe80::1", "fc00::1",
                                     "::ffff:127.0.0.1", "2002:7f00:1::1", "::"])
def test_non_public_addresses_are_refused(address):
    assert not fetch.is_public_address(address)
    with pytest.raises(fetch.FetchRefused, match="private, loopback"):
        fetch.check_url("http://news.example/a", resolver=_resolver({"news.example": [address]}))


def test_one_private_address_among_public_ones_is_enough_to_refuse():
    resolver = _resolver({"mixed.example": ["93.184.216.34", "10.0.0.1"]})
    with pytest.raises(fetch.FetchRefused):
        fetch.check_url("https://mixed.example/", resolver=resolver)
    ok = fetch.check_url("https://pub.example:8443/x?y=1", resolver=_resolver({"pub.example": ["93.184.216.34"]}))
    assert (ok.host, ok.port, ok.path, ok.scheme) == ("pub.example", 8443, "/x?y=1", "https")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x", "javascript:alert(1)",
                                 "http://", "http://user:pw@example.org/", "http://[::1", "//example.org"])
def test_bad_schemes_and_shapes_are_refused(url):
    with pytest.raises(fetch.FetchRefused):
        fetch.check_url(url, resolver=_resolver({"example.org": ["93.184.216.34"]}))


def test_real_resolver_refuses_loopback_names_without_connecting(monkeypatch):
    def no_connect(*args, **kwargs):
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(socket, "create_connection", no_connect)
    for url in ("http://localhost:8000/", "http://127.0.0.1/", "http://[::1]/", "http://2130706433/",
                "http://0x7f.0.0.1/", "http://169.254.169.254/latest/meta-data/"):
        with pytest.raises(fetch.FetchRefused):
            fetch.fetch_public(url)


def test_redirects_are_checked_again():
    calls: list[str] = []

    def fake_get(target: fetch.Target, deadline: fetch.Deadline):
        calls.append(target.url)
        return 302, "http://internal.example/secret", b""

    resolver = _resolver({"pub.example": ["93.184.216.34"], "internal.example": ["10.0.0.7"]})
    with pytest.raises(fetch.FetchRefused, match="private"):
        fetch.fetch_public("http://pub.example/start", resolver=resolver, get_once=fake_get)
    assert calls == ["http://pub.example/start"]


def test_redirect_loops_stop():
    def loop(target: fetch.Target, deadline: fetch.Deadline):
        return 301, "/again", b""

    with pytest.raises(fetch.FetchRefused, match="redirects"):
        fetch.fetch_public("http://pub.example/", resolver=_resolver({"pub.example": ["93.184.216.34"]}), get_once=loop)


def test_pinned_connection_only_uses_checked_addresses(monkeypatch):
    seen: list[tuple] = []

    def record(address, timeout=None, source_address=None):
        seen.append(address)
        raise OSError("refused in test")

    monkeypatch.setattr(socket, "create_connection", record)
    target = fetch.Target("http://pub.example/", "http", "pub.example", 80, "/", ("93.184.216.34",))
    with pytest.raises(fetch.FetchRefused, match="could not fetch"):
        fetch.fetch_public("http://pub.example/", resolver=_resolver({"pub.example": ["93.184.216.34"]}))
    assert seen == [("93.184.216.34", 80)]
    assert target.addresses == ("93.184.216.34",)


# --------------------------------------------------------------------------- paging and middleware


def test_paging_caps_limit_and_offset():
    assert paging(limit=10**9, offset=-5).limit == MAX_LIMIT
    assert paging(limit=0, offset=-5) == paging(limit=1, offset=0)
    page = paging(limit=10, offset=20)
    assert page.envelope(25, [1], "items") == {"items": [1], "total": 25, "limit": 10, "offset": 20, "next_offset": None}
    assert page.envelope(31, [], "items")["next_offset"] == 30


def _echo_app(max_bytes: int) -> TestClient:
    app = FastAPI()

    @app.post("/echo")
    async def echo(request: Request) -> PlainTextResponse:
        return PlainTextResponse(str(len(await request.body())))

    app.add_middleware(BodySizeLimitMiddleware, max_bytes=max_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    return TestClient(app)


def test_body_limit_by_header_and_by_stream():
    client = _echo_app(100)
    assert client.post("/echo", content=b"x" * 100).text == "100"
    too_big = client.post("/echo", content=b"x" * 101)
    assert too_big.status_code == 413
    assert too_big.headers["x-content-type-options"] == "nosniff"

    def chunks():
        for _ in range(10):
            yield b"y" * 50

    streamed = client.post("/echo", content=chunks())  # no Content-Length: counted while reading
    assert streamed.status_code == 413


def test_search_hits_are_marked_and_escaped():
    from presslens.web.render import mark_terms

    html = str(mark_terms(f"Taxes, syntax and {PAYLOAD} tax", ["tax"]))
    assert html.count('<mark class="hit">') == 2 and "syntax" in html
    assert "<script" not in html and "&lt;script&gt;" in html
    assert str(mark_terms("<b>x</b>", [])) == "&lt;b&gt;x&lt;/b&gt;"


# --------------------------------------------------------------------------- response cache


def _counting_app(cache) -> tuple[TestClient, list[str]]:
    from presslens.web.cache import ResponseCacheMiddleware

    app = FastAPI()
    calls: list[str] = []

    @app.get("/{name}")
    def answer(name: str, n: int = 0) -> PlainTextResponse:
        calls.append(f"{name}?{n}")
        return PlainTextResponse(name * 10, status_code=404 if name == "missing" else 200)

    app.add_middleware(ResponseCacheMiddleware, cache=cache)
    app.add_middleware(SecurityHeadersMiddleware)
    return TestClient(app), calls


def test_response_cache_answers_repeated_gets_from_memory():
    from presslens.web.cache import ResponseCache

    client, calls = _counting_app(ResponseCache())
    first, again = client.get("/abc?n=1"), client.get("/abc?n=1")
    assert first.text == again.text == "abc" * 10 and calls == ["abc?1"]
    assert again.headers["content-type"] == first.headers["content-type"]
    assert again.headers["x-frame-options"] == "DENY"  # outer middleware still runs on a hit
    client.get("/abc?n=2")
    client.get("/missing")
    client.get("/missing")
    assert calls == ["abc?1", "abc?2", "missing?0", "missing?0"]  # another query string is another key; errors are not kept


def test_response_cache_is_bounded_by_bytes():
    from presslens.web.cache import CachedResponse, ResponseCache

    cache = ResponseCache(max_bytes=25, max_item=12)
    for key in "abc":
        cache.put(key, CachedResponse(200, (), b"x" * 10))
    cache.put("huge", CachedResponse(200, (), b"x" * 13))
    assert len(cache) == 2 and cache.get("a") is None and cache.get("huge") is None
    assert cache.get("c").body == b"x" * 10
