"""HTTP tests of the web app over a small database written with the real store API (TestClient)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from presslens.schema import Article
from presslens.web import create_app
from presslens.web.db import Database, DatabaseError
from presslens.web.paging import MAX_LIMIT
from presslens.web.routes.analyze import pipeline_analyzer
from web_corpus.build import (
    XSS_IMG_PAYLOAD,
    XSS_OUTLET,
    XSS_SPEAKER,
    XSS_TEXT_PAYLOAD,
    XSS_TITLE,
    build_fixed_db,
)

ROOT = Path(__file__).resolve().parents[1]
PAGES = [
    "/",
    "/search?q=taxes",
    "/speakers",
    "/speakers/jane-porter",
    "/articles",
    "/outlets",
    "/analyze",
    "/docs",
]
APIS = [
    "/api/overview",
    "/api/search?q=taxes",
    "/api/speakers",
    "/api/speakers/jane-porter",
    "/api/articles",
    "/api/outlets",
    "/openapi.json",
    "/api",
]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    return build_fixed_db(tmp_path_factory.mktemp("webdb") / "news.duckdb")


@pytest.fixture(scope="module")
def client(db_path, pipeline):
    app = create_app(db_path, analyzer=pipeline_analyzer(pipeline))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def xss_article_id(client) -> str:
    articles = client.get("/api/articles", params={"text": "harbour plan"}).json()["articles"]
    (match,) = [a for a in articles if a["title"] == XSS_TITLE]
    return match["id"]


# --------------------------------------------------------------------------- every page


@pytest.mark.parametrize("path", PAGES + APIS + ["/static/style.css", "/static/app.js", "/nope", "/api/nope"])
def test_security_headers_everywhere(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_html_without_inline_script_or_cdn(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "<script>" not in html  # only <script src="/static/...">
    for src in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not src.startswith(("http://", "https://", "//")), src
    assert " style=" not in html and " on" + "click=" not in html


@pytest.mark.parametrize("path", APIS)
def test_api_answers_json(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")


def test_docs_page_is_self_hosted(client):
    html = client.get("/docs").text
    assert '<script src="/static/docs.js"' in html and "/openapi.json" in html
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/overview",
        "/api/search",
        "/api/speakers/{speaker_id}",
        "/api/articles/{article_id}",
        "/api/outlets",
        "/api/analyze",
    ):
        assert path in spec["paths"]
    assert "/" not in spec["paths"]  # the HTML pages are not API endpoints
    assert client.get("/redoc").status_code == 404


# --------------------------------------------------------------------------- JSON twins


def test_overview(client):
    data = client.get("/api/overview").json()
    assert data["stats"]["articles"] == 7
    assert data["stats"]["attributions"] == 14
    assert data["stats"]["first_published"] == "2024-01-09"
    assert data["stats"]["last_published"] == "2024-03-22"
    assert data["top_speakers"][0]["speaker_id"] == "jane-porter"
    assert data["top_speakers"][0]["quotes"] == 5
    assert {o["outlet"] for o in data["outlets"]} == {
        "Riverside Gazette",
        "Valley Herald",
        "Harbor Times",
        XSS_OUTLET,
        None,
    }
    html = client.get("/").text
    assert "Jane Porter" in html and "<svg" in html and "quotes (attributions)" in html


def test_search_matches_words_at_word_start(client):
    found = client.get("/api/search", params={"q": "taxes"}).json()
    assert found["total"] == 3 and found["terms"] == ["taxes"]
    assert {q["speaker_id"] for q in found["quotes"]} == {"jane-porter"}
    assert client.get("/api/search", params={"q": "TAX"}).json()["total"] == 3  # prefix, any case
    assert client.get("/api/search", params={"q": "axes"}).json()["total"] == 0  # not inside a word
    assert client.get("/api/search", params={"q": '"whatever happens"'}).json()["total"] == 1
    assert client.get("/api/search", params={"q": "taxes pressure"}).json()["total"] == 2
    assert client.get("/api/search", params={"q": "taxes", "outlet": "valley herald"}).json()["total"] == 1
    assert client.get("/api/search", params={"q": "   "}).json()["total"] == 0
    page = client.get("/search", params={"q": "taxes"}).text
    assert "3 quotes with" in page


def test_search_handles_hostile_input(client):
    for q in ["'; DROP TABLE attributions; --", "%", "_", "(", "[a-z]+", "\\", "a" * 5000, "é", "\x00"]:
        response = client.get("/api/search", params={"q": q})
        assert response.status_code == 200, q
    assert client.get("/api/overview").json()["stats"]["attributions"] == 14


def test_speaker_page_data(client):
    data = client.get("/api/speakers/jane-porter").json()
    assert data["speaker"]["name"] == "Jane Porter"
    assert data["total"] == 5 and len(data["quotes"]) == 5
    quote = data["quotes"][0]
    assert set(quote) >= {"type", "content", "cue", "source", "speaker_id", "speaker", "said_on", "article"}
    assert set(quote["article"]) >= {"id", "title", "outlet", "published", "url"}
    timeline = data["timeline"]
    assert timeline["grain"] == "week"
    assert sum(sum(s.values()) for s in timeline["series"].values()) == 5
    assert timeline["periods"][0] == "2024-01-08" and timeline["periods"][-1] == "2024-03-18"
    assert list(timeline["series"])[0] == "Riverside Gazette"  # most quotes first
    monthly = client.get("/api/speakers/jane-porter", params={"grain": "month"}).json()["timeline"]
    assert monthly["periods"] == ["2024-01-01", "2024-02-01", "2024-03-01"]
    (group,) = data["variants"]
    assert group["articles"] == 3 and group["wordings"] == 2
    assert {v["outlet"] for v in group["variants"]} == {"Riverside Gazette", "Valley Herald"}
    outlets = {o["outlet"]: o["quotes"] for o in data["outlets"]}
    assert outlets == {"Riverside Gazette": 2, "Valley Herald": 2, "Harbor Times": 1}


def test_older_database_without_speaker_page_tables(client, db_path, tmp_path):
    """The speaker page reads the tables ``update_speakers`` derives (quotes by speaker, quote
    variants); a database from before they existed is served the same answers computed on the
    fly, and gains the tables on its next read-write open with its speakers marked outdated (so
    the next ingest fills them)."""
    import shutil

    import duckdb

    from presslens import queries
    from presslens.corpus import PAGE_VARIANT_QUOTES, page_variants, speakers_outdated, update_speakers
    from presslens.store import Store

    older = shutil.copy(db_path, tmp_path / "older.duckdb")  # the module's server holds db_path
    with duckdb.connect(str(older)) as con:
        stored = queries.stored_page_variants(con, "jane-porter")
        live = page_variants(
            queries.records(queries.speaker_quotes(con, "jane-porter", limit=PAGE_VARIANT_QUOTES))
        )
        assert queries.stored_page_variants(con, "nobody") == []
        assert stored and stored == live
        con.execute("DROP TABLE speaker_variants")
        con.execute("DROP TABLE quotes_by_speaker")
        assert queries.stored_page_variants(con, "jane-porter") is None
    with TestClient(create_app(older)) as c:
        for params in ({}, {"outlet": "Valley Herald"}, {"limit": 2, "offset": 1}):
            assert (
                c.get("/api/speakers/jane-porter", params=params).json()
                == client.get("/api/speakers/jane-porter", params=params).json()
            )
    with Store(older) as store:
        assert queries.stored_page_variants(store.con, "jane-porter") == []
        assert store.con.execute("SELECT count(*) FROM quotes_by_speaker").fetchall() == [(0,)]
        assert speakers_outdated(store.con)
        update_speakers(store.con)  # what the next ingest does
        assert queries.stored_page_variants(store.con, "jane-porter") == stored


@pytest.mark.parametrize(("limit", "offset"), [(2, 0), (2, 2), (2, 4), (50, 0), (3, 600)])
def test_unfiltered_speaker_pages_match_the_filtered_path(client, limit, offset):
    """Unfiltered pages are cut from the read behind the quote variants; a filter that keeps
    everything goes through the filtered query: both must show the same quotes."""
    plain = client.get("/api/speakers/jane-porter", params={"limit": limit, "offset": offset}).json()
    everything = client.get(
        "/api/speakers/jane-porter", params={"limit": limit, "offset": offset, "since": "1900-01-01"}
    ).json()
    assert plain["total"] == everything["total"] == 5
    assert plain["quotes"] == everything["quotes"]
    assert len(plain["quotes"]) == max(0, min(limit, 5 - offset))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"text": "library"}, 1),
        ({"outlet": "Valley Herald"}, 2),
        ({"outlet": "valley herald", "type": "direct"}, 1),
        ({"since": "2024-02-01"}, 2),
        ({"until": "2024-01-09"}, 1),
        ({"since": "2024-01-10", "until": "2024-01-10"}, 2),
        ({"type": "mixed"}, 1),
        ({"text": "no such words"}, 0),
    ],
)
def test_speaker_filters(client, params, expected):
    data = client.get("/api/speakers/jane-porter", params=params).json()
    assert data["total"] == expected
    assert len(data["quotes"]) == expected
    assert sum(sum(s.values()) for s in data["timeline"]["series"].values()) == expected
    assert client.get("/speakers/jane-porter", params=params).status_code == 200


@pytest.mark.parametrize(
    "params", [{"since": "yesterday"}, {"until": "2024-13-01"}, {"type": "loud"}, {"grain": "day"}]
)
def test_bad_filters_are_422_with_a_message(client, params):
    response = client.get("/api/speakers/jane-porter", params=params)
    assert response.status_code == 422
    assert response.json()["error"]["message"]
    page = client.get("/speakers/jane-porter", params=params)
    assert page.status_code == 422 and "<h1>422</h1>" in page.text


def test_unknown_things_are_404(client):
    assert client.get("/api/speakers/nobody").json() == {
        "error": {"status": 404, "message": "no such speaker in this database"}
    }
    assert client.get("/speakers/nobody").status_code == 404
    assert client.get("/api/articles/0000").status_code == 404
    assert "no such article" in client.get("/articles/0000").text


def test_pagination_is_capped(client):
    data = client.get("/api/speakers/jane-porter", params={"limit": 2, "offset": 1}).json()
    assert (data["limit"], data["offset"], data["next_offset"], len(data["quotes"])) == (2, 1, 3, 2)
    everything = client.get("/api/speakers/jane-porter", params={"limit": 10**12}).json()
    assert everything["limit"] == MAX_LIMIT and everything["next_offset"] is None
    assert client.get("/api/articles", params={"offset": -3}).json()["offset"] == 0
    assert client.get("/api/articles", params={"limit": "many"}).status_code == 422
    beyond = client.get("/api/search", params={"q": "taxes", "offset": 50}).json()
    assert beyond["total"] == 3 and beyond["quotes"] == []
    pages = client.get("/speakers/jane-porter", params={"limit": 2}).text
    assert "next →" in pages and "1–2 of 5" in pages


def test_article_json_follows_the_record_contract(client):
    listing = client.get("/api/articles").json()
    assert listing["total"] == 7
    first = next(a for a in listing["articles"] if a["title"] == "Council passes budget without tax rise")
    record = client.get(f"/api/articles/{first['id']}").json()
    assert set(record) >= {
        "id",
        "url",
        "outlet",
        "title",
        "published",
        "text",
        "attributions",
        "entities",
        "dates",
        "claims",
        "framing",
    }
    text = record["text"]
    assert len(record["attributions"]) == 3
    for attribution in record["attributions"]:
        assert attribution["type"] in ("direct", "indirect", "mixed")
        assert set(attribution["source"]) == {"name", "kind", "mention", "entity", "confidence"}
        for span in (attribution["content"], attribution["cue"], attribution["source"]["mention"]):
            assert text[span["start"] : span["end"]] == span["text"]
    for item in record["dates"] + record["claims"] + record["framing"]:
        assert text[item["start"] : item["end"]] == item["text"]
    assert record["dates"][0]["value"] == "2024-01-08"
    assert record["claims"][0]["checkworthy"] == pytest.approx(0.91)
    html = client.get(f"/articles/{first['id']}").text
    assert 'id="q0"' in html and 'class="cue"' in html and 'href="/speakers/tom-alvarez"' in html
    assert 'class="claim"' in html and 'class="date"' in html


def test_article_list_filters(client):
    assert client.get("/api/articles", params={"outlet": "Valley Herald"}).json()["total"] == 2
    assert client.get("/api/articles", params={"speaker_id": "amina-diallo"}).json()["total"] == 1
    assert client.get("/api/articles", params={"since": "2024-03-01"}).json()["total"] == 2
    assert client.get("/api/articles", params={"since": "March"}).status_code == 422


def test_outlets(client):
    data = client.get("/api/outlets").json()
    by_name = {o["outlet"]: o for o in data["outlets"]}
    gazette = by_name["Riverside Gazette"]
    assert gazette["articles"] == 2
    assert gazette["types"] == {"direct": 3, "indirect": 2, "mixed": 0}
    assert gazette["direct_share"] == pytest.approx(0.6)
    assert [s["speaker_id"] for s in gazette["top_speakers"]][:2] == ["jane-porter", "tom-alvarez"]
    assert by_name[None]["articles"] == 1
    assert data["total"] == 5
    assert "share of attributions" in client.get("/outlets").text


# --------------------------------------------------------------------------- security


def test_payloads_in_title_outlet_speaker_and_text_render_as_text(client):
    article_id = xss_article_id(client)
    pages = [
        f"/articles/{article_id}",
        "/",
        "/outlets",
        "/speakers",
        "/articles",
        "/search?q=rumours",
        f"/speakers/{client.get('/api/speakers', params={'q': 'Smith'}).json()['speakers'][0]['speaker_id']}",
    ]
    for path in pages:
        html = client.get(path).text
        for raw in (XSS_TEXT_PAYLOAD, XSS_IMG_PAYLOAD, "<img src=x", "<b>plan</b>", "<script>alert"):
            assert raw not in html, (path, raw)
    article = client.get(f"/articles/{article_id}").text
    assert "&lt;script&gt;alert(&#34;text&#34;)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert(&#39;img&#39;)&gt;" in article
    record = client.get(f"/api/articles/{article_id}").json()
    assert record["title"] == XSS_TITLE and record["outlet"] == XSS_OUTLET
    assert record["attributions"][0]["speaker"] == XSS_SPEAKER  # JSON keeps the real value


def test_analyze_with_text(client):
    response = client.post(
        "/analyze",
        data={"text": 'Intro. "We are ready," Ann said.', "title": "<i>T</i>", "published": "2024-02-03"},
    )
    assert response.status_code == 200
    assert "not stored" in response.text and 'class="q s0 q-direct"' in response.text
    assert "&lt;i&gt;T&lt;/i&gt;" in response.text
    text = '"Yes, we are ready," Maria Keller said.'
    record = client.post("/api/analyze", json={"text": text, "outlet": "X"}).json()
    (quote,) = record["attributions"]
    assert quote["type"] == "direct" and quote["content"]["text"] == "Yes, we are ready"
    assert quote["cue"]["text"] == "said" and quote["source"]["name"] == "Maria Keller"
    for span in (quote["content"], quote["cue"], quote["source"]["mention"]):
        assert text[span["start"] : span["end"]] == span["text"]
    assert record["outlet"] == "X" and record["text"] == text
    assert client.get("/api/overview").json()["stats"]["articles"] == 7  # nothing stored


@pytest.mark.parametrize(
    ("form", "status", "message"),
    [
        ({"text": "   "}, 422, "paste an article"),
        ({"text": "x", "url": "https://example.org/"}, 422, "either text or a URL"),
        ({"text": "x", "published": "soon"}, 422, "YYYY-MM-DD"),
        ({"url": "file:///etc/passwd"}, 422, "only http"),
        ({"url": "http://127.0.0.1:8000/api/overview"}, 422, "private, loopback"),
        ({"url": "http://localhost/"}, 422, "private, loopback"),
        ({"url": "http://169.254.169.254/latest/"}, 422, "private, loopback"),
        ({"url": "http://[::1]/"}, 422, "private, loopback"),
        ({"text": "é" * 120_000}, 413, "at most 200 kB"),
    ],
)
def test_analyze_refusals(client, form, status, message):
    page = client.post("/analyze", data=form)
    assert page.status_code == status
    assert message in page.text and 'role="alert"' in page.text
    api = client.post("/api/analyze", json=form)
    assert api.status_code == status
    assert message in api.json()["error"]["message"]


def test_analyze_form_needs_urlencoding(client):
    response = client.post("/analyze", content=b"text=x", headers={"content-type": "text/plain"})
    assert response.status_code == 415


def test_request_body_limit(client):
    response = client.post(
        "/api/analyze", content=b"{" + b" " * 2_000_000 + b"}", headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["error"]["status"] == 413


def test_errors_never_leak_details(db_path):
    def broken(article: Article) -> dict:
        raise RuntimeError("secret internal detail /etc/shadow")

    with TestClient(create_app(db_path, analyzer=broken), raise_server_exceptions=False) as c:
        page = c.post("/analyze", data={"text": "hello"})
        api = c.post("/api/analyze", json={"text": "hello"})
    assert page.status_code == api.status_code == 500
    for body in (page.text, api.text):
        assert "secret" not in body and "Traceback" not in body and "RuntimeError" not in body
    assert api.json() == {
        "error": {"status": 500, "message": "Internal error; the server log has the details."}
    }
    assert "content-security-policy" in page.headers


def test_host_header_is_checked_when_configured(db_path):
    app = create_app(db_path, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://localhost") as c:
        assert c.get("/api/overview").status_code == 200
    with TestClient(app, base_url="http://rebind.example") as c:
        assert c.get("/api/overview").status_code == 400


def test_serve_cli_host_rules():
    from presslens.cli.serve import allowed_hosts_for

    assert "localhost" in allowed_hosts_for("127.0.0.1", [])
    assert allowed_hosts_for("0.0.0.0", []) is None
    assert allowed_hosts_for("0.0.0.0", ["news.example"]) == ["news.example"]


def test_serve_defaults_to_one_worker_per_core(monkeypatch):
    import os

    from presslens.cli import serve

    for cores, expected in ((1, 1), (2, 2), (16, serve.MAX_DEFAULT_WORKERS)):
        monkeypatch.setattr(os, "sched_getaffinity", lambda _pid, n=cores: set(range(n)))
        assert serve.default_workers() == expected


# --------------------------------------------------------------------------- read-only database


def test_database_is_opened_read_only(db_path):
    db = Database(db_path)
    try:
        with db.cursor() as cur:
            with pytest.raises(Exception, match="(?i)read.only"):
                cur.execute("DELETE FROM articles")
            with pytest.raises(Exception):  # noqa: B017 (external access is off)
                cur.execute("SELECT * FROM read_text('/etc/hostname')").fetchall()
    finally:
        db.close()


def test_request_cursors_read_a_page_of_a_speakers_quotes_in_one_scan(db_path):
    """The server's cursors turn DuckDB's late materialization off: with it, a page of a speaker's
    quotes scans ``quotes_by_speaker`` a second time to fetch its columns by row id."""
    from presslens import queries
    from presslens.store import connect

    db = Database(db_path)
    try:
        with db.cursor() as cur:
            setting = cur.execute("SELECT current_setting('late_materialization_max_rows')").fetchall()[0][0]
            sid = cur.execute("SELECT speaker_id FROM quotes_by_speaker LIMIT 1").fetchall()[0][0]
            first_page = queries.records(queries.speaker_quotes(cur, sid, limit=2))
    finally:
        db.close()
    assert setting == 0
    con = connect(db_path, read_only=True, external_access=False)  # as the server opens it
    try:
        scans = {}
        for rows in (50, 0):
            queries.set_late_materialization(con, rows)
            plan = queries.speaker_quotes(con, sid, limit=2).explain()
            scans[rows] = plan.count("quotes_by_speaker")
            assert queries.records(queries.speaker_quotes(con, sid, limit=2)) == first_page
    finally:
        con.close()
    assert scans == {50: 2, 0: 1}


def test_ingest_while_serving_fails_with_a_clear_message(tmp_path):
    """DuckDB: a read-only holder blocks any read-write open from another process (and vice versa)."""
    path = build_fixed_db(tmp_path / "busy.duckdb")
    db = Database(path)
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "presslens",
                "ingest",
                str(ROOT / "samples" / "council_budget.txt"),
                "--db",
                str(path),
                "--quiet",
            ],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=ROOT,
        )
        assert result.returncode != 0
        assert "in use by another process" in result.stderr
        assert "Traceback" not in result.stderr
        reader = Database(path)  # other read-only servers may share the file
        reader.close()
    finally:
        db.close()
    # once the server is gone, writing works again
    from presslens.store import Store

    with Store(path) as store:
        assert store.counts()["articles"] == 7


def test_database_errors_are_one_line(tmp_path):
    with pytest.raises(DatabaseError, match="no database"):
        Database(tmp_path / "missing.duckdb")
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DatabaseError):
        Database(junk)


# --------------------------------------------------------------------------- a corpus from the real ingest


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    from web_corpus.build import ingest_articles

    path = ingest_articles(tmp_path_factory.mktemp("ingested") / "news.duckdb")
    with TestClient(create_app(path), raise_server_exceptions=False) as c:
        yield c


def test_ingested_corpus_serves_every_page(ingested):
    overview = ingested.get("/api/overview").json()
    assert overview["stats"]["articles"] == 4
    assert overview["stats"]["attributions"] >= 4
    assert overview["top_speakers"], "the pipeline found no speaker in the test articles"
    for speaker in overview["top_speakers"]:
        assert ingested.get(f"/api/speakers/{speaker['speaker_id']}").status_code == 200
        assert ingested.get(f"/speakers/{speaker['speaker_id']}").status_code == 200
    for page in ("/", "/outlets", "/speakers", "/articles", "/search?q=libraries"):
        assert ingested.get(page).status_code == 200, page
    assert ingested.get("/api/search", params={"q": "libraries"}).json()["total"] >= 1


def test_ingested_articles_keep_offsets_and_escape_payloads(ingested):
    listing = ingested.get("/api/articles").json()["articles"]
    assert len(listing) == 4
    for item in listing:
        record = ingested.get(f"/api/articles/{item['id']}").json()
        text = record["text"]
        for attribution in record["attributions"]:
            spans = [attribution["content"], attribution["cue"], (attribution["source"] or {}).get("mention")]
            for span in filter(None, spans):
                assert text[span["start"] : span["end"]] == span["text"]
        html = ingested.get(f"/articles/{item['id']}").text
        assert "<script>alert" not in html and "<img src=x" not in html
        if "<script>" in text:
            assert "&lt;script&gt;alert(&#34;text&#34;)&lt;/script&gt;" in html


def test_without_a_database_only_analyze_works(pipeline):
    with TestClient(create_app(None, analyzer=pipeline_analyzer(pipeline))) as c:
        response = c.get("/api/overview")
        assert response.status_code == 503
        assert "presslens serve --db" in response.json()["error"]["message"]
        record = c.post("/api/analyze", json={"text": '"We are ready," Ann Porter said.'}).json()
        assert [a["source"]["name"] for a in record["attributions"]] == ["Ann Porter"]
