"""HTTP tests of the claims, framing, framing × attribution, entities, timeline and search-facet pages and
their JSON and CSV twins, over a hand-annotated corpus written with the real store API."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient

from presslens.web import create_app
from web_corpus.insights import INSIGHT_DOCS, PAYLOAD, PAYLOAD_OUTLET, build_insight_db, insight_analysis

PAGES = [
    "/",
    "/claims",
    "/framing",
    "/speakers/jane-porter/framing",
    "/entities",
    "/entities/person/Jane%20Porter",
    "/search?q=buses",
]
TWINS = {  # JSON twin -> (CSV twin, list key)
    "/api/claims": ("/api/claims.csv", "claims"),
    "/api/framing": ("/api/framing.csv", "spans"),
    "/api/entities": ("/api/entities.csv", "entities"),
    "/api/search?q=buses": ("/api/search.csv?q=buses", "quotes"),
    "/api/speakers": ("/api/speakers.csv", "speakers"),
    "/api/speakers/jane-porter": ("/api/speakers/jane-porter.csv", "quotes"),
    "/api/articles": ("/api/articles.csv", "articles"),
    "/api/outlets": ("/api/outlets.csv", "outlets"),
}


@pytest.fixture(scope="module")
def insight_db(tmp_path_factory):
    return build_insight_db(tmp_path_factory.mktemp("insights") / "news.duckdb")


@pytest.fixture(scope="module")
def client(insight_db):
    with TestClient(create_app(insight_db), raise_server_exceptions=False) as c:
        yield c


def rows_of(response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


# ---------------------------------------------------------------------------------------------- every page


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_without_inline_script(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.text
    html = response.text
    assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []
    assert " style=" not in html and "<style" not in html
    assert "<script>alert" not in html and "<img src=x" not in html


def test_every_new_twin_is_in_the_openapi_document(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/claims",
        "/api/claims.csv",
        "/api/framing",
        "/api/framing.csv",
        "/api/framing/outlets.csv",
        "/api/speakers/{speaker_id}/framing",
        "/api/speakers/{speaker_id}/framing.csv",
        "/api/entities",
        "/api/entities.csv",
        "/api/entities/{kind}/{name}",
        "/api/search.csv",
    ):
        assert path in paths, path
    assert {"since", "until", "type"} <= {p["name"] for p in paths["/api/search"]["get"]["parameters"]}


@pytest.mark.parametrize("twin", list(TWINS))
def test_csv_twins_have_the_json_rows(client, twin):
    csv_path, key = TWINS[twin]
    items = client.get(twin).json()[key]
    rows = rows_of(client.get(csv_path))
    assert len(rows) == len(items) > 0
    for item, row in zip(items, rows, strict=True):
        for name, value in item.items():
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                shown = row[name].removeprefix("'") if str(value)[:1] in "=+-@" else row[name]
                assert shown == str(value), (name, shown, value)


def test_csv_twin_follows_filters_sort_and_paging(client):
    params = {"sort": "outlet", "limit": 2, "offset": 1}
    items = client.get("/api/claims", params=params).json()["claims"]
    rows = rows_of(client.get("/api/claims.csv", params=params))
    assert [r["text"] for r in rows] == [c["text"] for c in items] and len(rows) == 2


def test_crawl_every_link_of_the_new_pages_answers(client):
    class Links(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []

        def handle_starttag(self, tag, attrs):  # noqa: ANN001
            href = dict(attrs).get("href") if tag in ("a", "link") else dict(attrs).get("src")
            if href:
                self.found.append(href)

    seen: set[str] = set()
    queue = list(PAGES)
    while queue and len(seen) < 400:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        if not response.headers["content-type"].startswith("text/html"):
            continue
        parser = Links()
        parser.feed(response.text)
        for href in parser.found:
            url = urlsplit(urljoin("http://testserver" + path, href))
            if url.netloc == "testserver" and not url.path.startswith("/docs"):
                queue.append(url.path + ("?" + url.query if url.query else ""))
    assert len(seen) > 40


# ---------------------------------------------------------------------------------------------- claims


def test_claims_ranked_with_quantities_speaker_and_place(client):
    result = client.get("/api/claims").json()
    claims = result["claims"]
    expected = sorted((c for d, _, _ in INSIGHT_DOCS for c in d.claims), key=lambda c: -c[1])
    assert [c["text"] for c in claims] == [t for t, _ in expected] and result["total"] == len(expected)
    top = claims[0]
    assert top["speaker_id"] == "jane-porter" and top["article"]["outlet"] == "Riverside Gazette"
    assert [q["text"] for q in top["quantities"]] == ["20 percent"] and top["quantities"][0][
        "unit"
    ] == "percent"
    html = client.get("/claims").text
    assert f"/articles/{top['article_id']}#c{top['idx']}" in html
    article = client.get(f"/articles/{top['article_id']}").text
    assert f'id="c{top["idx"]}"' in article
    side = article.split('<ul class="claims">', 1)[1].split("</ul>", 1)[0]
    assert "20 percent" in side  # the claim's quantity, resolved from its index


def test_the_same_claim_in_other_articles_is_grouped(client):
    claims = {(c["article"]["outlet"], c["text"]): c for c in client.get("/api/claims").json()["claims"]}
    fares = claims[("Riverside Gazette", "the city would cut bus fares by 20 percent")]
    assert [(r["outlet"], r["reasons"]) for r in fares["reports"]] == [
        ("Valley Herald", ["quantity", "text"])
    ]
    riders = claims[("Harbor Times", "Our buses will carry 10,000 more riders every day")]
    (report,) = riders["reports"]
    assert report["outlet"] == "Riverside Gazette" and "quantity" in report["reasons"]
    assert ["delete", "every"] in report["diff"] and ["insert", "a"] in report["diff"]
    delay = claims[("Harbor Times", "the disgraceful delay had cost the port 3 million dollars")]
    assert delay["reports"] == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"speaker": "porter"}, 4),
        ({"speaker_id": "amina-diallo"}, 1),
        ({"outlet": "harbor times"}, 2),
        ({"since": "2024-05-03", "until": "2024-06-30"}, 3),
        ({"text": "riders"}, 2),
        ({"min_score": 0.9}, 2),
    ],
)
def test_claim_filters(client, params, expected):
    result = client.get("/api/claims", params=params).json()
    assert result["total"] == len(result["claims"]) == expected


@pytest.mark.parametrize(
    ("sort", "key", "reverse"),
    [
        ("score", "checkworthy", True),
        ("-score", "checkworthy", False),
        ("date", "said", True),
        ("-date", "said", False),
        ("outlet", "outlet", False),
        ("-speaker", "speaker", True),
    ],
)
def test_claims_sort_server_side_and_paging_stays_right(client, sort, key, reverse):
    full = client.get("/api/claims", params={"sort": sort}).json()["claims"]
    values = [c[key] if key in c else c["article"][key] for c in full]
    assert values == sorted(values, reverse=reverse)
    paged = [
        c
        for offset in (0, 2, 4)
        for c in client.get("/api/claims", params={"sort": sort, "limit": 2, "offset": offset}).json()[
            "claims"
        ]
    ]
    assert [(c["article_id"], c["idx"]) for c in paged] == [(c["article_id"], c["idx"]) for c in full]


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("/api/claims", {"sort": "price"}, "sort must be one of"),
        ("/api/claims", {"since": "May"}, "YYYY-MM-DD"),
        ("/api/claims", {"min_score": 3}, "between 0 and 1"),
        ("/api/framing", {"grain": "day"}, "grain"),
        ("/api/entities", {"sort": "'; DROP TABLE x"}, "sort must be one of"),
        ("/api/search", {"q": "x", "type": "odd"}, "type must be"),
        ("/api/search", {"q": "x", "until": "2024-13-01"}, "YYYY-MM-DD"),
        ("/api/articles", {"sort": "length"}, "sort must be one of"),
        ("/api/articles.csv", {"sort": "id"}, "sort must be one of"),
    ],
)
def test_bad_parameters_are_422_with_a_message(client, path, params, message):
    response = client.get(path, params=params)
    assert response.status_code == 422 and message in response.json()["error"]["message"]


# ---------------------------------------------------------------------------------------------- framing


def test_framing_rates_per_outlet_are_spans_per_1000_words(client):
    result = client.get("/api/framing").json()
    words: dict[str, int] = {}
    spans: dict[str, int] = {}
    for doc, _, _ in INSIGHT_DOCS:
        words[doc.outlet] = words.get(doc.outlet, 0) + len(doc.text.split())
        spans[doc.outlet] = spans.get(doc.outlet, 0) + len(doc.framing)
    got = {o["outlet"]: o for o in result["outlets"]}
    assert set(got) == set(words)
    for outlet, o in got.items():
        assert o["words"] == words[outlet] and o["spans"] == spans[outlet]
        assert o["per_1000_words"] == pytest.approx(1000 * spans[outlet] / words[outlet], abs=1e-3)
    rates = [o["per_1000_words"] for o in result["outlets"]]
    assert rates == sorted(rates, reverse=True)
    assert result["timeline"]["series"]["Loaded_Language"]
    assert {s["technique"] for s in result["spans"]} == {"Loaded_Language", "Exaggeration,Minimisation"}


def test_framing_examples_link_into_articles_and_filter(client):
    spans = client.get("/api/framing", params={"technique": "Exaggeration,Minimisation"}).json()["spans"]
    assert [s["text"] for s in spans] == ["a total disaster"]
    assert spans[0]["before"].endswith("Critics called the plan ")
    html = client.get("/framing").text
    assert f"/articles/{spans[0]['article_id']}#f{spans[0]['idx']}" in html
    assert client.get("/api/framing", params={"outlet": "valley herald"}).json()["total"] == 0


def test_framing_by_attribution_per_outlet(client):
    result = client.get("/api/speakers/jane-porter/framing").json()
    outlets = {o["outlet"]: o for o in result["outlets"]}
    assert (outlets["Riverside Gazette"]["statements"], outlets["Riverside Gazette"]["wrapped"]) == (2, 2)
    assert (outlets["Riverside Gazette"]["spans_same"], outlets["Riverside Gazette"]["spans_around"]) == (
        1,
        1,
    )
    assert (outlets["Valley Herald"]["statements"], outlets["Valley Herald"]["wrapped"]) == (2, 0)
    harbor = outlets["Harbor Times"]
    assert (harbor["wrapped"], harbor["spans_around"], harbor["spans_same"]) == (1, 2, 0)
    assert harbor["techniques"] == {"Loaded_Language": 1, "Exaggeration,Minimisation": 1}
    assert [o["outlet"] for o in result["outlets"]][:2] == ["Riverside Gazette", "Harbor Times"]
    (example,) = harbor["examples"]
    assert "fantasy budget" in example["context"]["text"] and "a total disaster" in example["context"]["text"]


def test_loaded_words_inside_the_quote_are_the_speakers_own(client):
    result = client.get("/api/speakers/amina-diallo/framing").json()
    (outlet,) = result["outlets"]
    assert (outlet["wrapped"], outlet["spans_in_quote"], outlet["techniques"]) == (0, 1, {})


def test_same_statement_across_outlets_with_framing(client):
    groups = client.get("/api/speakers/jane-porter/framing").json()["same_statement"]
    assert sorted(g["outlets"] for g in groups) == [2, 3]  # bus fares (2 outlets), riders (3)
    (group,) = [g for g in groups if g["outlets"] == 3]
    reports = {r["outlet"]: r for r in group["reports"]}
    assert reports["Valley Herald"]["frames"] == [] and reports["Valley Herald"]["context"] is None
    assert {f["text"] for f in reports["Harbor Times"]["frames"]} == {"fantasy budget", "a total disaster"}
    assert ["insert", "every"] in reports["Harbor Times"]["diff"]
    html = client.get("/speakers/jane-porter/framing").text
    assert 'class="frame frame-around"' in html and "<ins>" in html


def test_speaker_framing_csv_and_unknown_speaker(client):
    rows = rows_of(client.get("/api/speakers/jane-porter/framing.csv"))
    outlets = client.get("/api/speakers/jane-porter/framing").json()["outlets"]
    assert [r["outlet"] for r in rows] == [o["outlet"] for o in outlets]
    assert [int(r["wrapped"]) for r in rows] == [o["wrapped"] for o in outlets]
    assert client.get("/api/speakers/nobody/framing").status_code == 404
    assert client.get("/speakers/nobody/framing").status_code == 404


# ---------------------------------------------------------------------------------------------- entities


def test_entities_count_mentions_and_link_speakers(client):
    entities = {(e["name"], e["kind"]): e for e in client.get("/api/entities").json()["entities"]}
    porter = entities[("Jane Porter", "person")]
    assert (porter["mentions"], porter["articles"], porter["outlets"], porter["speaker_id"]) == (
        5,
        3,
        3,
        "jane-porter",
    )
    transit = entities[("Valley Transit", "organization")]
    assert (transit["mentions"], transit["speaker_id"]) == (2, None)
    assert entities[("Riverside", "place")]["mentions"] == 1  # an entity without mention rows counts once
    assert "/speakers/jane-porter" in client.get("/entities").text


def test_entity_filters_sort_and_page(client):
    places = client.get("/api/entities", params={"kind": "place"}).json()
    assert [e["name"] for e in places["entities"]] == ["Riverside"]
    names = [e["name"] for e in client.get("/api/entities", params={"sort": "name"}).json()["entities"]]
    assert names == sorted(names)
    assert client.get("/api/entities", params={"q": "transit"}).json()["total"] == 1


def test_entity_page_timeline_and_articles(client):
    result = client.get("/api/entities/person/jane%20porter").json()
    assert result["entity"]["mentions"] == 5 and result["total"] == 3
    counts = sum(n for series in result["timeline"]["series"].values() for n in series.values())
    assert counts == 5
    assert client.get("/api/entities/person/Nobody").status_code == 404


# ---------------------------------------------------------------------------------------------- timeline, search


def test_home_timeline_counts_articles_by_outlet(client):
    tl = client.get("/api/overview").json()["timeline"]
    total = sum(n for series in tl["series"].values() for n in series.values())
    assert total == len(INSIGHT_DOCS)
    assert set(tl["series"]) == {d.outlet for d, _, _ in INSIGHT_DOCS}
    assert "Articles over time" in client.get("/").text


def test_search_dates_type_facets_and_timeline_agree(client):
    full = client.get("/api/search", params={"q": "buses"}).json()
    assert full["total"] == 3
    facets = full["facets"]
    for name in ("outlet", "type", "year"):
        assert sum(f["count"] for f in facets[name]) == full["total"], name
    assert {f["value"]: f["count"] for f in facets["outlet"]} == {
        "Riverside Gazette": 1,
        "Valley Herald": 1,
        "Harbor Times": 1,
    }
    assert sum(n for s in full["timeline"]["series"].values() for n in s.values()) == 3
    dated = client.get("/api/search", params={"q": "buses", "since": "2024-05-03"}).json()
    assert dated["total"] == 2 and all(q["article"]["published"] >= "2024-05-03" for q in dated["quotes"])
    indirect = client.get("/api/search", params={"q": "fares", "type": "indirect"}).json()
    assert indirect["total"] == 2 and {q["type"] for q in indirect["quotes"]} == {"indirect"}
    html = client.get("/search", params={"q": "buses"}).text
    assert 'aria-label="facets"' in html and "Valley Herald" in html


def test_hostile_text_is_escaped_everywhere(client):
    for path in ("/claims", "/framing", "/entities", "/speakers/tom-alvarez/framing", "/search?q=budget"):
        html = client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert "&lt;script&gt;" in html or "&lt;img" in html, path
    rows = rows_of(client.get("/api/claims.csv", params={"speaker": "alvarez"}))
    assert PAYLOAD in rows[0]["text"] and rows[0]["article.outlet"] == PAYLOAD_OUTLET


def test_csv_cells_that_look_like_formulas_are_defused():
    from presslens.web.export import to_csv

    text = to_csv([{"a": "=HYPERLINK(1)", "b": 3, "c": None, "d": {"e": ["x", "y"]}}])
    assert text.splitlines() == ["a,b,c,d.e", "'=HYPERLINK(1),3,,x; y"]


def test_sentence_bounds():
    from presslens.web.wrapping import sentence_bounds

    text = 'One. "Two is here," she said. Three! Four'
    lo = text.index("Two")
    hi = text.index("said") + 4
    prev, start, end, nxt = sentence_bounds(text, lo, hi)
    assert text[start:end].strip() == '"Two is here," she said.'
    assert text[prev:start].strip() == "One." and text[end:nxt].strip() == "Three!"


def test_docs_mention_every_new_page():
    docs = (Path(__file__).resolve().parents[1] / "docs" / "web.md").read_text(encoding="utf-8")
    for name in ("/claims", "/framing", "/speakers/{speaker_id}/framing", "/entities", ".csv"):
        assert name in docs, name


def test_search_without_matches_renders(client):
    response = client.get("/search", params={"q": "zebra", "since": "2024-01-01"})
    assert response.status_code == 200 and "0 quotes" in response.text
    result = client.get("/api/search", params={"q": "zebra"}).json()
    assert (result["total"], result["facets"], result["quotes"]) == (0, {}, [])


@pytest.mark.parametrize(
    ("sort", "key", "reverse"),
    [
        ("quotes", "quotes", True),
        ("-quotes", "quotes", False),
        ("name", "name", False),
        ("-articles", "articles", False),
    ],
)
def test_speaker_list_sorts_server_side(client, sort, key, reverse):
    speakers = client.get("/api/speakers", params={"sort": sort}).json()["speakers"]
    values = [s[key] for s in speakers]
    assert values == sorted(values, reverse=reverse) and len(values) == 3
    paged = [
        s["speaker_id"]
        for o in (0, 2)
        for s in client.get("/api/speakers", params={"sort": sort, "limit": 2, "offset": o}).json()[
            "speakers"
        ]
    ]
    assert paged == [s["speaker_id"] for s in speakers]
    assert "sort=-name" in client.get("/speakers", params={"sort": "name"}).text


ARTICLE_SORTS = [
    ("published", "published", True),
    ("-published", "published", False),
    ("title", "title", False),
    ("-title", "title", True),
    ("outlet", "outlet", False),
    ("-outlet", "outlet", True),
    ("attributions", "attributions", True),
    ("-attributions", "attributions", False),
]


@pytest.mark.parametrize(("sort", "key", "reverse"), ARTICLE_SORTS)
def test_article_list_sorts_server_side_and_its_twins_follow(client, sort, key, reverse):
    result = client.get("/api/articles", params={"sort": sort}).json()
    articles = result["articles"]
    values = [a[key] for a in articles]
    assert result["sort"] == sort and values == sorted(values, reverse=reverse) and len(values) == 5
    for before, after in zip(articles, articles[1:], strict=False):  # ties: newest first
        if before[key] == after[key]:
            assert before["published"] >= after["published"]
    paged = [
        a["id"]
        for o in (0, 2, 4)
        for a in client.get("/api/articles", params={"sort": sort, "limit": 2, "offset": o}).json()[
            "articles"
        ]
    ]
    assert paged == [a["id"] for a in articles]
    assert [r["id"] for r in rows_of(client.get("/api/articles.csv", params={"sort": sort}))] == paged
    html = client.get("/articles", params={"sort": sort, "limit": 2}).text
    flipped = sort[1:] if sort.startswith("-") else "-" + sort
    assert f"sort={flipped}" in html and "aria-sort" in html
    csv_link = re.search(r'class="csv" href="([^"]+)"', html).group(1)
    next_link = re.search(r'href="([^"]+)" rel="next"', html).group(1)
    assert (
        f"sort={sort}" in csv_link and f"sort={sort}" in next_link
    )  # the CSV and the next page keep the order


def test_article_sorts_change_the_order_and_the_default_is_newest_first(client):
    orders = {
        s: [a["id"] for a in client.get("/api/articles", params={"sort": s}).json()["articles"]]
        for s, _, _ in ARTICLE_SORTS
    }
    assert orders["published"] == [a["id"] for a in client.get("/api/articles").json()["articles"]]
    for sort in ("-published", "title", "-title", "outlet", "-outlet", "attributions"):
        assert orders[sort] != orders["published"], sort  # (-attributions happens to be newest first here)
    sort_param = next(
        p
        for p in client.get("/openapi.json").json()["paths"]["/api/articles.csv"]["get"]["parameters"]
        if p["name"] == "sort"
    )
    assert "attributions" in sort_param["description"]


PAGES_OF_LISTS = [(2, 0), (1, 1), (2, 1), (3, 0), (1, 3), (2, 4), (2, 6), (5, 0)]


def test_list_pages_read_in_blocks_are_the_pages_read_one_by_one(insight_db, monkeypatch):
    """Paged lists are read in blocks of ``data.BLOCK_ROWS`` rows and sliced; with blocks of two rows
    (pages inside a block, across two, larger than one, past the end) every page is what a query of
    that page alone gives."""
    from presslens.web import data

    def answers(block: int) -> list:
        monkeypatch.setattr(data, "BLOCK_ROWS", block)
        with TestClient(create_app(insight_db)) as fresh:
            return [
                fresh.get(path, params={"limit": limit, "offset": offset, **extra}).json()
                for path, extra in (
                    ("/api/articles", {}),
                    ("/api/articles", {"sort": "-attributions"}),
                    ("/api/speakers/jane-porter", {}),
                    ("/api/speakers/jane-porter", {"outlet": "Harbor Times"}),
                )
                for limit, offset in PAGES_OF_LISTS
            ]

    blocked, alone = answers(2), answers(1)  # blocks of one row: every page of more is read by itself
    assert blocked == alone
    assert sum(len(a.get("articles", a.get("quotes", []))) for a in alone) > 20


def test_outlets_page_compares_the_same_statement_across_outlets(client):
    groups = client.get("/api/outlets").json()["same_statement"]
    assert groups[0]["speaker_id"] == "jane-porter" and groups[0]["outlets"] == 3
    harbor = next(r for r in groups[0]["reports"] if r["outlet"] == "Harbor Times")
    assert {f["text"] for f in harbor["frames"]} == {"fantasy budget", "a total disaster"}
    html = client.get("/outlets").text
    assert "Same statement, different outlets" in html and 'class="frame frame-around"' in html
    assert "/speakers/jane-porter/framing" in html


# ---------------------------------------------------------------------------------------------- derived tables

OLDER_DB_PATHS = [
    "/api/claims",
    "/api/claims?min_score=0",
    "/api/claims.csv?min_score=0",
    "/claims",
    "/api/articles?sort=attributions",
    "/api/articles?sort=-attributions",
    "/api/articles.csv",
    "/articles?sort=attributions",
    "/api/claims?speaker_id=jane-porter",
    "/api/claims?speaker=porter",
    "/api/claims?sort=-speaker",
    "/api/claims?speaker_id=amina-diallo&outlet=harbor%20times",
    "/api/speakers/jane-porter/framing",
    "/api/speakers/amina-diallo/framing",
    "/api/outlets",
    "/api/framing",
    "/api/framing?outlet=harbor%20times&since=2024-05-03",
    "/api/framing/outlets.csv",
]


def test_claim_speakers_and_speaker_framing_tables_and_an_older_database_without_them(
    client, insight_db, tmp_path
):
    """``update_speakers`` stores each claim's corpus speaker, list row and reports elsewhere, each speaker's framing
    summary and each article's words and attributions; they equal what the pages would compute. A database from before those tables is served the same
    answers (a temporary view, a summary computed on demand), and gains them on its next read-write
    open with its speakers marked outdated, so the next ingest fills them."""
    import json
    import shutil

    import duckdb

    from presslens import queries
    from presslens.corpus import speakers_outdated, update_speakers
    from presslens.store import Store
    from presslens.web.wrapping import framing_summary

    older = shutil.copy(insight_db, tmp_path / "older.duckdb")  # the module's server holds insight_db
    with duckdb.connect(str(older)) as con:
        stored_links = sorted(
            con.execute("SELECT article_id, idx, speaker_id FROM claim_speakers").fetchall()
        )
        live_links = sorted(con.execute(queries.CLAIM_SPEAKER_ROWS).fetchall())
        assert stored_links == live_links and ("amina-diallo" in {s for _, _, s in live_links})
        ids = [r[0] for r in con.execute("SELECT speaker_id FROM speakers").fetchall()]
        stored = {sid: queries.stored_speaker_framing(con, sid) for sid in ids}
        for sid in ids:
            live = framing_summary(
                queries.records(queries.speaker_framing_rows(con, sid)),
                queries.stored_page_variants(con, sid),
            )
            assert stored[sid] == json.loads(json.dumps(live)), sid
        assert stored["jane-porter"]["wrapped"] == 3 and stored["jane-porter"]["same_statement"]
        assert queries.stored_speaker_framing(con, "nobody") == {}
        words = sorted(con.execute("SELECT id, words FROM article_words").fetchall())
        articles = [insight_analysis(*item).article for item in INSIGHT_DOCS]
        assert words == sorted((a.id, len(a.text.split())) for a in articles)
        keys = con.execute("SELECT article_id, idx FROM claims ORDER BY article_id, idx").fetchall()
        stored_echoes = queries.stored_claim_echoes(con, keys)
        assert {reason for r in stored_echoes for reason in r["reasons"]} == {"quantity", "text"}
        assert stored_echoes == queries.records(queries.claim_echoes(con, keys))
        assert all(
            queries.stored_claim_echoes(con, [k]) == queries.records(queries.claim_echoes(con, [k]))
            for k in keys
        )
        counts = sorted(
            con.execute("SELECT id, attributions, chars, published_rank FROM article_counts").fetchall()
        )
        assert counts == sorted(con.execute(queries.ARTICLE_COUNT_ROWS).fetchall())
        assert (
            len(counts) == len(INSIGHT_DOCS)
            and sum(row[1] for row in counts)
            == con.execute("SELECT count(*) FROM attributions").fetchall()[0][0]
        )
        assert sorted(row[3] for row in counts) == list(range(1, len(INSIGHT_DOCS) + 1))
        claim_rows = sorted(con.execute("SELECT * FROM claim_rows").fetchall())
        assert claim_rows == sorted(con.execute(queries.CLAIM_ROWS).fetchall()) and len(claim_rows) == len(
            keys
        )
        assert {r[7] for r in claim_rows} >= {"amina-diallo", "jane-porter"}, "the linked speakers"
        for table in (
            "claim_speakers",
            "speaker_framing",
            "article_words",
            "claim_echoes",
            "article_counts",
            "claim_rows",
        ):
            con.execute(f"DROP TABLE {table}")
        assert queries.stored_claim_echoes(con, keys) is None
        assert queries.stored_speaker_framing(con, "jane-porter") is None
    with TestClient(create_app(older)) as c:
        for path in OLDER_DB_PATHS:
            mine, theirs = c.get(path), client.get(path)
            assert mine.status_code == theirs.status_code == 200 and mine.text == theirs.text, path
        assert (
            c.get("/claims", params={"speaker_id": "jane-porter"}).text
            == client.get("/claims", params={"speaker_id": "jane-porter"}).text
        )
    with Store(older) as store:
        assert store.con.execute("SELECT count(*) FROM claim_speakers").fetchall() == [(0,)]
        assert speakers_outdated(store.con)
        update_speakers(store.con)  # what the next ingest does
        assert sorted(store.con.execute("SELECT * FROM claim_speakers").fetchall()) == stored_links
        assert sorted(store.con.execute("SELECT id, words FROM article_words").fetchall()) == words
        assert queries.stored_claim_echoes(store.con, keys) == stored_echoes
        assert sorted(store.con.execute("SELECT * FROM claim_rows").fetchall()) == claim_rows
        assert (
            sorted(
                store.con.execute(
                    "SELECT id, attributions, chars, published_rank FROM article_counts"
                ).fetchall()
            )
            == counts
        )
        assert all(queries.stored_speaker_framing(store.con, sid) == stored[sid] for sid in ids)
