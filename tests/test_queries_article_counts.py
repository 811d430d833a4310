"""The article list read from ``article_counts`` (attributions, length, place in the default order)
gives what counting live gives, and the server reads it only while the speakers are current."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from presslens import queries
from presslens.corpus import speakers_outdated, update_speakers
from presslens.schema import Analysis, Article, Attribution, Source, Span
from presslens.store import Store, connect
from presslens.web.app import create_app
from presslens.web.db import Database

# (outlet, published, statements): ties on the day and undated articles test the order's tie-breaks.
ARTICLES = [
    ("Bay News", "2024-03-01", 2),
    ("Hill Post", "2024-03-01", 0),
    ("Sun Daily", None, 1),
    ("Bay News", "2024-03-04", 3),
    ("Hill Post", None, 0),
    ("Sun Daily", "2024-02-11", 1),
    ("Bay News", "2024-03-04", 1),
]


def _article(n: int, outlet: str, published: str | None, statements: int) -> Analysis:
    text, spans = f"Story number {n} about the harbour. ", []
    for k in range(statements):
        quote = f"The harbour plan {n}.{k} is ready"
        start = len(text) + 1
        text += f'"{quote}," Ann Cole said. '
        m = text.index("Ann Cole", start)
        spans.append(
            Attribution(
                "direct",
                Span.of(text, start, start + len(quote)),
                Span.of(text, m + 9, m + 13),
                Source("Ann Cole", "person", Span.of(text, m, m + 8)),
            )
        )
    return Analysis(Article(text=text, outlet=outlet, published=published, title=f"Story {n}"), spans)


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "news.duckdb"
    with Store(path) as store:
        store.write([_article(n, *row) for n, row in enumerate(ARTICLES)], [])
        update_speakers(store.con)
    return path


def test_stored_counts_give_the_live_list_for_every_sort_filter_and_page(db):
    con = connect(db, read_only=True)
    try:
        assert not speakers_outdated(con)
        assert sorted(
            n for _, n in con.execute("SELECT id, attributions FROM article_counts").fetchall()
        ) == sorted(row[2] for row in ARTICLES)
        for sort in queries.ARTICLE_SORT_SQL:
            for filters in ({}, {"outlet": "bay news"}, {"since": "2024-03-01"}, {"contains": "number 3"}):
                for limit, offset in ((50, 0), (2, 0), (2, 2), (3, 5), (2, 7), (None, 0)):
                    args = {"sort": sort, "limit": limit, "offset": offset, **filters}
                    live = queries.records(queries.articles(con, **args))
                    assert queries.records(queries.articles(con, stored=True, **args)) == live, args
        newest = queries.records(queries.articles(con, stored=True, limit=3))
        counts = [r["attributions"] for r in newest]
        assert sorted(counts[:2]) == [1, 3] and counts[2] == 2, (
            "the two of 2024-03-04, then 2024-03-01 (id order)"
        )
        undated = [r["published"] is None for r in queries.records(queries.articles(con, stored=True))]
        assert undated[-2:] == [True, True] and not any(undated[:-2]), "undated articles last"
    finally:
        con.close()


def test_the_server_counts_live_until_the_speakers_are_updated(db):
    with Store(db) as store:  # an article stored after the last speaker update
        store.write([_article(99, "Bay News", "2025-01-01", 2)], [])
        assert speakers_outdated(store.con)
    server = Database(db)
    try:
        assert server.derived_current is False
    finally:
        server.close()
    with TestClient(create_app(db)) as c:
        first = c.get("/api/articles", params={"limit": 1}).json()["articles"][0]
        assert (first["title"], first["attributions"], first["chars"]) == (
            "Story 99",
            2,
            len(_article(99, "Bay News", "2025-01-01", 2).article.text),
        )
    with Store(db) as store:
        update_speakers(store.con)
    server = Database(db)
    try:
        assert server.derived_current is True
    finally:
        server.close()
    with TestClient(create_app(db)) as c:
        assert c.get("/api/articles", params={"limit": 1}).json()["articles"][0] == first
