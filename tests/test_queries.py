"""Named queries (presslens.queries) and the read-only query commands: speakers, quotes, variants, sql."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date

import duckdb
import pytest
from typer.testing import CliRunner

import presslens.cli.corpus  # noqa: F401, I001  (registers the commands)
from presslens import queries
from presslens.cli import app
from presslens.corpus import update_speakers
from presslens.queries.search import QUOTE_OFFSET_COLUMNS
from presslens.schema import (
    Analysis,
    Article,
    Attribution,
    Claim,
    Entity,
    FramingSpan,
    InputError,
    Quantity,
    Source,
    Span,
)
from presslens.store import Store, connect


def story(outlet: str, published: str, said: list[tuple[str, str, str]], *, title: str = "A story") -> Analysis:
    """An article with (speaker, statement, type) attributions, a claim and a framing span."""
    text, spans = "", []
    for name, quote, _ in said:
        start = len(text) + 1
        text += f'"{quote}," {name} said. '
        spans.append((start, start + len(quote)))
    tail = len(text)
    text += "Unemployment fell by more than 3 percent."
    names = sorted({n for n, _, _ in said})
    attributions = []
    for (name, _, kind), (start, end) in zip(said, spans, strict=True):
        m = text.index(name, end)
        source = Source(name, "person", Span.of(text, m, m + len(name)), f"e{names.index(name)}")
        attributions.append(Attribution(kind, Span.of(text, start, end),
                                        Span.of(text, m + len(name) + 1, m + len(name) + 5), source))
    entities = [Entity(f"e{i}", n, "person", [n], [Span.of(text, text.index(n), text.index(n) + len(n))])
                for i, n in enumerate(names)]
    claims = [Claim(tail, len(text), text[tail:], 0.8, [0])]
    k = text.index("more than", tail)
    framing = [FramingSpan(spans[0][0], spans[0][1], text[spans[0][0]:spans[0][1]], "Loaded_Language", 0.6)]
    article = Article(text=text, outlet=outlet, published=published, title=title, url=f"https://{outlet}.example/x")
    analysis = Analysis(article, attributions, entities, claims=claims, framing=framing)
    analysis.quantities = [Quantity("more than 3 percent", ">", 3.0, "percent", start=k, end=k + 19, claim=0)]
    return analysis


CORPUS = [
    story("spiegel", "2015-08-31", [("Angela Merkel", "We can do this, refugees are welcome", "direct")]),
    story("reuters", "2016-01-10", [("Merkel", "Refugees must be registered at the border", "indirect"),
                                    ("Horst Seehofer", "We need an upper limit for refugees", "direct")]),
    story("bbc", "2017-03-02", [("Chancellor Merkel", "Europe must share the burden", "direct")]),
    story("bbc", "2017-06-20", [("Angela Merkel", "The refugee deal with Turkey is working", "mixed")]),
    story("taz", "2018-02-01", [("Horst Seehofer", "Islam does not belong to Germany; 100% sure", "direct")]),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "news.duckdb"
    with Store(path) as store:
        store.write(CORPUS, [InputError("broken.html", "HTML page has no article body")])
        update_speakers(store.con)
    return path


@pytest.fixture()
def con(db):
    con = connect(db, read_only=True)
    yield con
    con.close()


def test_quotes_by_speaker_alias_and_text(con):
    rows = queries.records(queries.quotes(con, speaker="Merkel"))
    assert len(rows) == 4 and {r["speaker_id"] for r in rows} == {"angela-merkel"}
    assert list(rows[0]) == [*queries.QUOTE_COLUMNS, *QUOTE_OFFSET_COLUMNS]
    assert [r["published"] for r in rows] == sorted((r["published"] for r in rows), reverse=True)
    found = queries.records(queries.quotes(con, speaker="Merkel", contains="REFUGEE"))
    assert {r["quote"] for r in found} == {"We can do this, refugees are welcome",
                                           "Refugees must be registered at the border",
                                           "The refugee deal with Turkey is working"}
    assert queries.records(queries.quotes(con, speaker="angela-merkel", since="2017-01-01", until=date(2017, 3, 31))
                           )[0]["quote"] == "Europe must share the burden"


def test_quote_filters_combine(con):
    assert queries.count(queries.quotes(con, outlet="BBC", limit=None)) == 2
    assert queries.count(queries.quotes(con, type="mixed", limit=None)) == 1
    assert queries.count(queries.quotes(con, speaker="seehofer", contains="refugees", limit=None)) == 1
    article_id = CORPUS[1].article.id
    assert queries.count(queries.quotes(con, article_id=article_id, limit=None)) == 2
    with pytest.raises(ValueError, match="type"):
        queries.quotes(con, type="rumour")
    with pytest.raises(ValueError, match="since"):
        queries.quotes(con, since="last week")


def test_values_are_parameters_not_sql(con):
    assert queries.count(queries.quotes(con, speaker="x' OR '1'='1", limit=None)) == 0
    assert queries.count(queries.quotes(con, contains="W%e", limit=None)) == 0  # % is not a wildcard
    assert queries.count(queries.quotes(con, contains="100%", limit=None)) == 1
    assert queries.count(queries.quotes(con, contains="_", limit=None)) == 0


@pytest.mark.parametrize("search", [queries.search_quotes, queries.search_hits])
def test_search_terms_every_one_counts_in_a_slot_or_past_them(con, search):
    """Each term has a slot of its own (``queries.TERM_SLOTS``); terms past the slots still all count."""
    words = "we can do this refugees are welcome".split()
    many = [*words, "we", "CAN", "do", "refugees"]  # 11 terms, upper case too
    assert len(many) > queries.TERM_SLOTS
    found = queries.records(search(con, terms=many))
    assert [r["quote"] for r in found] == ["We can do this, refugees are welcome"]
    assert queries.records(search(con, terms=[*many, "border"])) == []  # the 12th term, past the slots
    assert queries.records(search(con, terms=["border", *many])) == []  # the same term in the first slot
    assert queries.count(search(con, terms=["refugee"], limit=None)) == 4  # a substring, any case
    assert queries.count(search(con, terms=[], limit=None)) == queries.count(queries.quotes(con, limit=None))


def test_claim_echoes_keep_the_earliest_reprints_of_the_same_text(con):
    """Every article repeats one claim; its reports elsewhere are the earliest ``per_claim`` other
    articles (said, else article id), each once, with the reason ``text``."""
    rows = con.execute("SELECT article_id, idx, said_on FROM claims").fetchall()
    assert len(rows) == len(CORPUS) and len({r[0] for r in rows}) == len(CORPUS)
    order = sorted(rows, key=lambda r: (r[2] is None, r[2] or date.min, r[0]))
    for per_claim in (1, 2, 10):
        for mine in rows:
            found = queries.records(queries.claim_echoes(con, [(mine[0], mine[1])], per_claim=per_claim))
            expected = [r[0] for r in order if r[0] != mine[0]][:per_claim]
            assert sorted(e["article_id"] for e in found) == sorted(expected)
            assert all("text" in e["reasons"] and (e["of_article"], e["of_idx"]) == mine[:2] for e in found)


@pytest.mark.parametrize(("terms", "filters"), [
    (["refugee"], {}), (["must"], {"type": "direct"}), ([], {}), (["refugees"], {"since": "2016-01-01"}),
    (["nothing like this"], {})])
def test_search_counts_add_up_to_the_facets_and_timelines(con, terms, filters):
    """The search page sums one grouped scan into its facets and timeline; they equal the queries that
    count each directly."""
    from presslens.web.search import search_facets, search_periods

    counts = queries.records(queries.search_counts(con, terms=terms, **filters))
    expected: dict[str, list[dict]] = {}
    for r in queries.records(queries.search_facets(con, terms=terms, **filters)):
        expected.setdefault(r["facet"], []).append({"value": r["value"] or None, "count": int(r["n"])})
    assert search_facets(counts) == expected
    for grain in ("month", "year"):
        direct = [{**r, "quotes": int(r["quotes"])}
                  for r in queries.records(queries.search_timeline(con, terms=terms, grain=grain, **filters))]
        assert search_periods(counts, grain) == direct
    with pytest.raises(ValueError, match="week"):
        search_periods(counts, "week")


def test_pagination_walks_every_row_once(con):
    everything = queries.records(queries.quotes(con, limit=None))
    pages = [queries.records(queries.quotes(con, limit=2, offset=o)) for o in (0, 2, 4)]
    assert [r for page in pages for r in page] == everything
    assert len(everything) == 6
    with pytest.raises(ValueError):
        queries.quotes(con, limit=-1)


def test_speakers_listing(con):
    rows = queries.records(queries.speakers(con))
    assert [r["speaker_id"] for r in rows] == ["angela-merkel", "horst-seehofer"]
    merkel = rows[0]
    assert list(merkel) == list(queries.SPEAKER_COLUMNS)
    assert (merkel["name"], merkel["quotes"], merkel["articles"], merkel["outlets"]) == ("Angela Merkel", 4, 4, 3)
    assert merkel["first_said"] == date(2015, 8, 31) and merkel["last_said"] == date(2017, 6, 20)
    assert "Chancellor Merkel" in merkel["aliases"]
    assert queries.records(queries.speakers(con, search="chancellor"))[0]["speaker_id"] == "angela-merkel"
    assert queries.speaker(con, "horst-seehofer")["quotes"] == 2
    assert queries.speaker(con, "nobody") is None
    assert len(queries.records(queries.speakers(con, limit=1, offset=1))) == 1


def test_article_detail_has_everything(con):
    doc = queries.article(con, CORPUS[1].article.id)
    assert doc["outlet"] == "reuters" and doc["text"] == CORPUS[1].article.text
    assert [a["speaker"] for a in doc["attributions"]] == ["Angela Merkel", "Horst Seehofer"]
    assert doc["entities"][0]["mentions"][0]["text"] in ("Merkel", "Horst Seehofer")
    assert doc["claims"][0]["quantities"] == [0]
    assert doc["quantities"][0]["value"] == 3.0 and doc["quantities"][0]["claim_idx"] == 0
    assert doc["framing"][0]["technique"] == "Loaded_Language"
    assert queries.article(con, "no-such-id") is None


def test_listings_and_stats(con):
    arts = queries.records(queries.articles(con, outlet="bbc"))
    assert [a["published"] for a in arts] == [date(2017, 6, 20), date(2017, 3, 2)]
    assert queries.count(queries.articles(con, speaker_id="horst-seehofer", limit=None)) == 2
    assert queries.count(queries.articles(con, contains="turkey", limit=None)) == 1
    outlets = {r["outlet"]: r for r in queries.records(queries.outlets(con))}
    assert outlets["bbc"]["articles"] == 2 and outlets["reuters"]["attributions"] == 2
    assert queries.records(queries.errors(con))[0]["origin"] == "broken.html"
    assert queries.count(queries.claims(con, min_score=0.5, limit=None)) == 5
    assert queries.records(queries.framing_techniques(con))[0]["spans"] == 5
    stats = queries.stats(con)
    assert (stats["articles"], stats["attributions"], stats["speakers"], stats["errors"]) == (5, 6, 2, 1)


def test_corpus_relations_convert_to_arrow_pandas_and_polars(db):
    import pandas
    import polars

    from presslens import Corpus

    with Corpus(db) as corpus:
        rel = corpus.quotes(speaker="Merkel", contains="refugee")
        table, frame, pl_frame = rel.to_arrow_table(), rel.df(), rel.pl()
    assert isinstance(frame, pandas.DataFrame) and isinstance(pl_frame, polars.DataFrame)
    assert table.num_rows == len(frame) == pl_frame.height == 3
    assert sorted(frame["outlet"]) == sorted(pl_frame["outlet"].to_list()) == ["bbc", "reuters", "spiegel"]


# --------------------------------------------------------------------------- commands

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_speakers_command_formats(db):
    result = invoke("speakers", "--db", str(db), "--top", "1", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data) == 1 and data[0]["speaker_id"] == "angela-merkel" and data[0]["first_said"] == "2015-08-31"
    table = invoke("speakers", "--db", str(db))
    assert "Angela Merkel" in table.stdout and "Horst Seehofer" in table.stdout


def test_quotes_command_csv(db):
    result = invoke("quotes", "--db", str(db), "--speaker", "Merkel", "--contains", "refugees",
                    "--since", "2015-01-01", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["quote"] for r in rows] == ["Refugees must be registered at the border",
                                          "We can do this, refugees are welcome"]
    assert rows[1]["outlet"] == "spiegel" and rows[1]["published"] == "2015-08-31"
    bad = invoke("quotes", "--db", str(db), "--since", "yesterday")
    assert bad.exit_code != 0


def test_sql_command_is_read_only(db):
    ok = invoke("sql", "--db", str(db), "--format", "csv", "SELECT outlet, count(*) FROM attributions GROUP BY 1")
    assert ok.exit_code == 0, ok.output
    assert sorted(ok.stdout.splitlines()) == sorted(["outlet,count_star()", "bbc,2", "reuters,2", "spiegel,1",
                                                     "taz,1"])
    as_json = invoke("sql", "--db", str(db), "--format", "json", "SELECT count(*) AS n FROM speakers")
    assert json.loads(as_json.stdout) == [{"n": 2}]
    for statement in ("DELETE FROM articles", "DROP TABLE speakers", "CREATE TABLE x (a INT)"):
        refused = invoke("sql", "--db", str(db), statement)
        assert refused.exit_code == 1
        assert "read-only" in refused.stderr
    copy = invoke("sql", "--db", str(db), f"COPY articles TO '{db.parent / 'leak.csv'}'")
    assert copy.exit_code == 1 and not (db.parent / "leak.csv").exists()
    typo = invoke("sql", "--db", str(db), "SELEKT 1")
    assert typo.exit_code == 1 and "syntax error" in typo.stderr.lower()
    with duckdb.connect(str(db), read_only=True) as check:
        assert check.execute("SELECT count(*) FROM articles").fetchall()[0][0] == 5


def test_variants_command(tmp_path):
    path = tmp_path / "v.duckdb"
    same = [story(o, "2015-08-31", [("Angela Merkel", w, "direct")]) for o, w in [
        ("spiegel", "We have achieved so much, we can do this"),
        ("reuters", "We have achieved so much and we can do this"),
        ("bbc", "We have achieved so much, we will manage this")]]
    with Store(path) as store:
        store.write(same)
        update_speakers(store.con)
    result = invoke("variants", "--db", str(path), "--speaker", "Merkel")
    assert result.exit_code == 0, result.output
    assert "3 articles, 3 outlets, 3 wordings" in result.stdout
    assert "{+will manage+}" in result.stdout or "[-will manage-]" in result.stdout  # piped: diff marks, no colour
    data = json.loads(invoke("variants", "--db", str(path), "--format", "json").stdout)
    assert data[0]["articles"] == 3 and data[0]["wordings"] == 3
    changes = [tuple(op) for v in data[0]["variants"] for op in v["diff"] if op[0] != "equal"]
    assert {("insert", "can do"), ("delete", "will manage")} <= set(changes) or \
        {("insert", "will manage"), ("delete", "can do")} <= set(changes)


def test_missing_database_is_one_clear_line(tmp_path):
    for command in ("speakers", "quotes", "variants"):
        result = invoke(command, "--db", str(tmp_path / "nope.duckdb"))
        assert result.exit_code == 1
        assert "no database at" in result.stderr and "Traceback" not in result.output


def test_real_process_exit_codes_and_lock_message(db, tmp_path):
    cmd = [sys.executable, "-c", "from presslens.cli import main; main()"]
    ok = subprocess.run([*cmd, "sql", "--db", str(db), "SELECT count(*) FROM articles"], capture_output=True,
                        text=True, timeout=120)
    assert ok.returncode == 0 and "5" in ok.stdout
    locked = tmp_path / "locked.duckdb"
    Store(locked).close()
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({str(locked)!r}); "
                               "print('ready', flush=True); time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        busy = subprocess.run([*cmd, "speakers", "--db", str(locked)], capture_output=True, text=True, timeout=120)
        assert busy.returncode == 1
        assert "database is in use by another process" in busy.stderr
        assert len(busy.stderr.strip().splitlines()) == 1
    finally:
        holder.kill()
        holder.wait()
