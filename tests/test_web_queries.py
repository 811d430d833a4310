"""The named queries behind the web pages (presslens.queries), checked against the general ``quotes`` query.

The web queries choose a page first and join afterwards, and read each attribution's own copy of
its article's outlet and date; these tests pin that they answer exactly what the general queries do.
"""

from __future__ import annotations

import pytest

from presslens import queries
from presslens.corpus import update_speakers
from presslens.store import Store, connect
from test_queries import CORPUS


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = tmp_path_factory.mktemp("webq") / "news.duckdb"
    with Store(path) as store:
        store.write(CORPUS)
        update_speakers(store.con)
    con = connect(path, read_only=True)
    yield con
    con.close()


def _keys(rows: list[dict]) -> list[tuple]:
    return [(r["article_id"], r["idx"], r["speaker"], r["outlet"], r["title"], r["quote"]) for r in rows]


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"outlet": "BBC"},
        {"type": "direct"},
        {"contains": "REFUGEE"},
        {"since": "2016-01-01", "until": "2017-12-31"},
        {"outlet": "nowhere"},
    ],
)
def test_speaker_quotes_pages_and_count_agree_with_quotes(con, filters):
    for sid in ("angela-merkel", "horst-seehofer"):
        everything = queries.records(queries.quotes(con, speaker_id=sid, limit=None, **filters))
        paged = [
            r
            for offset in range(0, 6, 2)
            for r in queries.records(queries.speaker_quotes(con, sid, limit=2, offset=offset, **filters))
        ]
        assert queries.speaker_quote_count(con, sid, **filters) == len(everything)
        assert _keys(paged) == _keys(everything)


def test_speaker_timeline_and_outlets_count_every_quote(con):
    timeline = queries.records(queries.speaker_timeline(con, "angela-merkel", grain="month"))
    outlets = queries.records(queries.speaker_outlets(con, "angela-merkel"))
    assert sum(r["quotes"] for r in timeline) == sum(r["quotes"] for r in outlets) == 4
    assert {r["outlet"]: r["quotes"] for r in outlets} == {"bbc": 2, "reuters": 1, "spiegel": 1}
    bbc = queries.records(queries.speaker_timeline(con, "angela-merkel", outlet="BBC"))
    assert [(str(r["period"]), r["outlet"]) for r in bbc] == [("2017-03-01", "bbc"), ("2017-06-01", "bbc")]


def test_listing_pages_carry_their_aggregates(con):
    merkel = queries.speaker(con, "angela-merkel")
    assert (merkel["quotes"], merkel["outlets"]) == (4, 3)
    assert (str(merkel["first_said"]), str(merkel["last_said"])) == ("2015-08-31", "2017-06-20")
    speakers = queries.records(queries.speakers(con, limit=None))
    assert [s["speaker_id"] for s in speakers] == ["angela-merkel", "horst-seehofer"]
    assert queries.records(queries.speakers(con, limit=1, offset=1))[0]["outlets"] == 2
    articles = queries.records(queries.articles(con, limit=None))
    assert [a["attributions"] for a in articles] == [1, 1, 1, 2, 1]  # newest first
    assert queries.records(queries.articles(con, limit=2, offset=2)) == articles[2:4]


@pytest.mark.parametrize("sort", list(queries.ARTICLE_SORT_SQL))
def test_article_sorts_order_every_article_and_page_the_same_way(con, sort):
    everything = queries.records(queries.articles(con, sort=sort, limit=None))
    key = sort.lstrip("-")
    present = [a[key] for a in everything if a[key] is not None]
    assert present == sorted(present, reverse=(key in ("published", "attributions")) != sort.startswith("-"))
    assert sorted(a["id"] for a in everything) == sorted(
        a["id"] for a in queries.records(queries.articles(con, limit=None))
    )
    paged = [
        a
        for offset in (0, 2, 4)
        for a in queries.records(queries.articles(con, sort=sort, limit=2, offset=offset))
    ]
    assert paged == everything
    with pytest.raises(ValueError, match="sort must be one of"):
        queries.articles(con, sort="chars")


@pytest.mark.parametrize("outlet", ["BBC", "bbc", "Spiegel", "nowhere", "BBÇ"])
@pytest.mark.parametrize("grain", ["week", "month"])
def test_a_speakers_timeline_for_one_outlet_is_the_query_for_that_outlet(con, outlet, grain):
    """The web layer takes an outlet's timeline from the speaker's unfiltered one (ASCII names only)."""
    from presslens.web.cache import LRU
    from presslens.web.data import QuoteFilters, timeline_rows

    found = 0
    for sid in ("angela-merkel", "horst-seehofer"):
        cache = LRU()
        derived = timeline_rows(con, cache, sid, QuoteFilters(outlet=outlet), grain)
        assert derived == queries.records(queries.speaker_timeline(con, sid, grain=grain, outlet=outlet))
        assert (("timeline-rows", sid, QuoteFilters(), grain) in cache._items) == outlet.isascii()
        found += len(derived)
    assert found > 0 or outlet in ("nowhere", "BBÇ")


def test_undated_quotes_count_in_the_total_but_not_on_the_timeline(tmp_path):
    from test_queries import story

    undated = story("wire", None, [("Horst Seehofer", "Nobody knows when this was said", "direct")])
    with Store(tmp_path / "news.duckdb") as store:
        store.write([*CORPUS, undated])
        update_speakers(store.con)
        rows = queries.records(queries.speaker_timeline(store.con, "horst-seehofer", grain="month"))
        assert [r["period"] for r in rows if r["outlet"] == "wire"] == [None]
        assert queries.speaker_quote_count(store.con, "horst-seehofer") == 3
        assert len(queries.records(queries.speaker_quotes(store.con, "horst-seehofer"))) == 3
        assert queries.speaker_quote_count(store.con, "horst-seehofer", since="2000-01-01") == 2
