"""The attribution ``act`` filter and ``relayed_by`` (issue 19) in queries, ``presslens quotes`` and the web search."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import presslens.cli.corpus  # noqa: F401  (registers the commands)
from presslens import queries
from presslens.cli import app
from presslens.corpus import update_speakers
from presslens.schema import Analysis, Article, Attribution, InputError, Source, Span
from presslens.store import Store, connect

# (source, cue, content, act); the third one is relayed by TASS, the fourth is the outer level.
TEXT = (
    "Mayor Ann Cole said the harbour budget would double. "
    "Cole believes the harbour budget is too small. "
    "According to TASS, Dujarric said the harbour talks would resume. "
    "Senator Tim Brandt praised the harbour plan."
)


def _span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span.of(text, start, start + len(part))


def _attribution(
    kind: str,
    source: str,
    cue: str,
    content: str,
    act: str,
    *,
    after: int = 0,
    relayed_by: Span | None = None,
) -> Attribution:
    mention = _span(TEXT, source, after)
    return Attribution(
        kind,
        _span(TEXT, content, after),
        _span(TEXT, cue, after),
        Source(source, "person", mention),
        act=act,
        relayed_by=relayed_by,
    )


def corpus() -> list[Analysis]:
    second = TEXT.index("Cole believes")
    third = TEXT.index("According")
    attributions = [
        _attribution("indirect", "Mayor Ann Cole", "said", "the harbour budget would double", "speech"),
        _attribution(
            "indirect", "Cole", "believes", "the harbour budget is too small", "belief", after=second
        ),
        _attribution(
            "indirect",
            "Dujarric",
            "said",
            "the harbour talks would resume",
            "speech",
            after=third,
            relayed_by=_span(TEXT, "TASS"),
        ),
        _attribution(
            "indirect", "TASS", "According to", "Dujarric said the harbour talks would resume", "speech"
        ),
        _attribution("indirect", "Senator Tim Brandt", "praised", "the harbour plan", "stance"),
    ]
    article = Article(text=TEXT, outlet="Bay News", published="2024-03-08", title="Harbour")
    return [Analysis(article, attributions)]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("acts") / "news.duckdb"
    with Store(path) as store:
        store.write(corpus(), [InputError("x.html", "no body")])
        # A row written before the act column existed: NULL, read as speech.
        store.con.execute(
            "UPDATE attributions SET act = NULL WHERE content_text = 'the harbour budget would double'"
        )
        update_speakers(store.con)
    return path


@pytest.fixture()
def con(db):
    con = connect(db, read_only=True)
    yield con
    con.close()


def _quotes(con, **filters) -> list[tuple[str, str, str | None]]:
    return sorted(
        (r["quote"], r["act"], r["relayed_by"]) for r in queries.records(queries.quotes(con, **filters))
    )


def test_quotes_filter_by_act_null_is_speech_and_relayed_by(con):
    assert queries.ATTRIBUTION_ACTS == ("speech", "belief", "stance")
    assert _quotes(con, act="belief") == [("the harbour budget is too small", "belief", None)]
    assert _quotes(con, act="stance") == [("the harbour plan", "stance", None)]
    assert _quotes(con, act="speech") == [
        ("Dujarric said the harbour talks would resume", "speech", None),
        ("the harbour budget would double", "speech", None),  # NULL in the table
        ("the harbour talks would resume", "speech", "TASS"),
    ]
    assert len(_quotes(con)) == 5
    assert _quotes(con, act="belief", contains="budget", type="indirect") == _quotes(con, act="belief")
    assert _quotes(con, act="stance", contains="budget") == []
    with pytest.raises(ValueError, match="speech, belief, stance"):
        queries.quotes(con, act="opinion")


def test_search_quotes_and_hits_take_act(con):
    terms = ["harbour"]
    rows = queries.records(queries.search_quotes(con, terms=terms, act="belief"))
    assert [(r["quote"], r["act"], r["total"]) for r in rows] == [
        ("the harbour budget is too small", "belief", 1)
    ]
    hits = queries.records(queries.search_hits(con, terms=terms, act="speech"))
    assert {r["quote"] for r in hits} == {
        "the harbour budget would double",
        "the harbour talks would resume",
        "Dujarric said the harbour talks would resume",
    }
    assert {r["relayed_by"] for r in hits} == {None, "TASS"}
    counts = queries.records(queries.search_counts(con, terms=terms))
    by_act: dict[str, int] = {}
    for r in counts:
        by_act[r["act"]] = by_act.get(r["act"], 0) + int(r["n"])
    assert by_act == {"speech": 3, "belief": 1, "stance": 1}
    facets = {
        (r["facet"], r["value"]): r["n"] for r in queries.records(queries.search_facets(con, terms=terms))
    }
    assert facets[("act", "speech")] == 3 and facets[("act", "stance")] == 1
    with pytest.raises(ValueError, match="act must be one of"):
        queries.search_quotes(con, terms=terms, act="Speech")


def test_cli_quotes_act(db):
    runner = CliRunner()
    result = runner.invoke(app, ["quotes", "--db", str(db), "--act", "stance", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["quote"], r["act"]) for r in rows] == [("the harbour plan", "stance")]
    relayed = json.loads(
        runner.invoke(app, ["quotes", "--db", str(db), "--contains", "talks", "--format", "json"]).stdout
    )
    assert sorted(r["relayed_by"] or "" for r in relayed) == ["", "TASS"]
    bad = runner.invoke(app, ["quotes", "--db", str(db), "--act", "opinion"])
    assert bad.exit_code == 1 and "--act must be one of speech, belief, stance" in bad.output
    assert "--act" in runner.invoke(app, ["quotes", "--help"]).output


def test_web_search_act_filter_twins_and_openapi(db):
    from presslens.web.app import create_app

    with TestClient(create_app(db)) as client:
        data = client.get("/api/search", params={"q": "harbour", "act": "belief"}).json()
        assert data["filters"]["act"] == "belief" and data["total"] == 1
        assert [(q["content"]["text"], q["act"], q["relayed_by"]) for q in data["quotes"]] == [
            ("the harbour budget is too small", "belief", None)
        ]
        every = client.get("/api/search", params={"q": "harbour"}).json()
        assert {f["value"]: f["count"] for f in every["facets"]["act"]} == {
            "speech": 3,
            "belief": 1,
            "stance": 1,
        }
        assert {q["relayed_by"] for q in every["quotes"]} == {None, "TASS"}
        assert client.get("/api/search", params={"q": "harbour", "act": "opinion"}).status_code == 422
        table = list(
            csv.DictReader(
                io.StringIO(client.get("/api/search.csv", params={"q": "harbour", "act": "stance"}).text)
            )
        )
        assert len(table) == 1 and table[0]["act"] == "stance"
        page = client.get("/search", params={"q": "harbour", "act": "speech"}).text
        assert (
            '<select name="act">' in page and '<option value="speech" selected>speech only</option>' in page
        )
        assert "relayed by <bdi>TASS</bdi>" in page and "3 quotes" in page and "speech only" in page
        assert "/api/search.csv?limit=50&amp;offset=0&amp;q=harbour&amp;act=speech" in page
        assert "the harbour plan" not in page, "the stance is filtered out"
        shown = client.get("/search", params={"q": "harbour"}).text
        assert '<span class="act">stance</span>' in shown and '<span class="act">belief</span>' in shown
        assert "act=belief" in shown, "the facet links to the filter"
        article = client.get("/api/articles").json()["articles"][0]["id"]
        record = client.get(f"/api/articles/{article}").json()
        assert [(a["act"], a["relayed_by"]) for a in record["attributions"]] == [
            ("speech", None),
            ("belief", None),
            ("speech", {"start": 113, "end": 117, "text": "TASS"}),
            ("speech", None),
            ("stance", None),
        ]
        spec = client.get("/openapi.json").json()
        for route in ("/api/search", "/api/search.csv"):
            names = [p["name"] for p in spec["paths"][route]["get"]["parameters"]]
            assert "act" in names, route
