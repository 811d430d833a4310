"""The speaker page's act filter ("Reported as"): queries over ``quotes_by_speaker``, the page, its
JSON and CSV twins, OpenAPI, and databases whose ``quotes_by_speaker`` predates the act columns."""

from __future__ import annotations

import csv
import io
import shutil

import duckdb
import pytest
from fastapi.testclient import TestClient

from presslens import queries
from presslens.corpus import speakers_outdated, update_speakers
from presslens.store import DERIVED_COLUMNS, Store, connect, outdated_derived_tables
from presslens.web.app import create_app
from test_queries_act import corpus


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("speaker-acts") / "news.duckdb"
    with Store(path) as store:
        store.write(corpus(), [])
        # A row written before the act column existed: NULL, read as speech.
        store.con.execute(
            "UPDATE attributions SET act = NULL WHERE content_text = 'the harbour budget would double'"
        )
        update_speakers(store.con)
    return path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db)) as c:
        yield c


def _acts(con, speaker_id: str, **filters) -> list[tuple[str, str, str | None]]:
    rows = queries.records(queries.speaker_quotes(con, speaker_id, **filters))
    return [(r["quote"], r["act"], r["relayed_by"]) for r in rows]


def test_speaker_quotes_and_timeline_filter_by_act(db):
    con = connect(db, read_only=True)
    try:
        assert sorted(_acts(con, "ann-cole")) == [
            ("the harbour budget is too small", "belief", None),
            ("the harbour budget would double", "speech", None),  # NULL in the table
        ]
        assert _acts(con, "ann-cole", act="belief") == [("the harbour budget is too small", "belief", None)]
        assert _acts(con, "ann-cole", act="speech") == [("the harbour budget would double", "speech", None)]
        assert _acts(con, "ann-cole", act="stance") == []
        assert _acts(con, "dujarric") == [("the harbour talks would resume", "speech", "TASS")]
        assert queries.speaker_quote_count(con, "ann-cole", act="belief") == 1
        assert queries.speaker_quote_count(con, "ann-cole", act="speech", contains="double") == 1
        assert queries.speaker_quote_count(con, "ann-cole", act="belief", contains="double") == 0
        with pytest.raises(ValueError, match="act must be one of"):
            queries.speaker_quotes(con, "ann-cole", act="opinion")
    finally:
        con.close()


def test_speaker_api_csv_page_and_openapi_take_act(client):
    every = client.get("/api/speakers/ann-cole").json()
    assert every["total"] == 2 and every["filters"]["act"] is None
    assert sorted(q["act"] for q in every["quotes"]) == ["belief", "speech"]
    data = client.get("/api/speakers/ann-cole", params={"act": "belief"}).json()
    assert data["filters"]["act"] == "belief" and data["total"] == 1
    assert [(q["content"]["text"], q["act"]) for q in data["quotes"]] == [
        ("the harbour budget is too small", "belief")
    ]
    assert sum(sum(s.values()) for s in data["timeline"]["series"].values()) == 1, (
        "the timeline follows the filter"
    )
    relayed = client.get("/api/speakers/dujarric", params={"act": "speech"}).json()
    assert [q["relayed_by"] for q in relayed["quotes"]] == ["TASS"]
    assert client.get("/api/speakers/ann-cole", params={"act": "opinion"}).status_code == 422
    assert client.get("/api/speakers/ann-cole.csv", params={"act": "opinion"}).status_code == 422
    table = list(
        csv.DictReader(io.StringIO(client.get("/api/speakers/ann-cole.csv", params={"act": "speech"}).text))
    )
    assert [r["act"] for r in table] == ["speech"]
    page = client.get("/speakers/ann-cole", params={"act": "belief"}).text
    assert '<option value="belief" selected>beliefs</option>' in page
    assert "1 quote match the filters" in page and "the harbour budget would double" not in page
    assert "/api/speakers/ann-cole.csv?limit=50&amp;offset=0&amp;act=belief" in page
    assert "grain=week" in page and "act=belief" in page.split("weekly")[0].rsplit("<a", 1)[1]
    plain = client.get("/speakers/ann-cole").text
    assert (
        '<option value="" selected>anything</option>' in plain and '<span class="act">belief</span>' in plain
    )
    spec = client.get("/openapi.json").json()
    for route in ("/api/speakers/{speaker_id}", "/api/speakers/{speaker_id}.csv"):
        assert "act" in [p["name"] for p in spec["paths"][route]["get"]["parameters"]], route


def test_quotes_by_speaker_without_act_columns_is_served_then_rebuilt(db, client, tmp_path):
    older = shutil.copy(db, tmp_path / "older.duckdb")
    with duckdb.connect(str(older)) as con:
        for table, column in DERIVED_COLUMNS:
            if table == "quotes_by_speaker":
                con.execute(f"ALTER TABLE quotes_by_speaker DROP COLUMN {column}")
        assert outdated_derived_tables(con) == {"quotes_by_speaker"}
    with TestClient(create_app(older)) as c:  # read-only: the same rows through a temporary view
        for params in ({}, {"act": "belief"}, {"act": "speech"}):
            mine = c.get("/api/speakers/ann-cole", params=params).json()
            assert mine == client.get("/api/speakers/ann-cole", params=params).json(), params
    with Store(older) as store:  # read-write: dropped and created again, filled by the next update
        assert outdated_derived_tables(store.con) == set()
        assert store.con.execute("SELECT count(*) FROM quotes_by_speaker").fetchall() == [(0,)]
        assert speakers_outdated(store.con)
        update_speakers(store.con)
        assert _acts(store.con, "ann-cole", act="belief") == [
            ("the harbour budget is too small", "belief", None)
        ]


def test_speaker_outlet_counts_are_stored_and_an_older_database_reads_them_from_a_view(db, client, tmp_path):
    """``update_speakers`` stores each speaker's quotes per outlet; a database without that table
    gives the speaker pages the same outlets through a temporary view."""
    older = shutil.copy(db, tmp_path / "older.duckdb")
    with duckdb.connect(str(older)) as con:
        stored = sorted(con.execute("SELECT * FROM speaker_outlet_counts").fetchall())
        assert stored == sorted(con.execute(queries.SPEAKER_OUTLET_ROWS).fetchall())
        assert ("ann-cole", "Bay News", 2, 1) in [row[:4] for row in stored]
        con.execute("DROP TABLE speaker_outlet_counts")
    with TestClient(create_app(older)) as c:
        for sid in ("ann-cole", "dujarric", "tim-brandt"):
            assert c.get(f"/api/speakers/{sid}").json() == client.get(f"/api/speakers/{sid}").json(), sid
            assert c.get(f"/speakers/{sid}").text == client.get(f"/speakers/{sid}").text, sid
