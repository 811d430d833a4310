"""One mapping between records and rows (schema.TABLES): DuckDB, Arrow and the web records agree with it."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from presslens import queries
from presslens.pipeline import Pipeline
from presslens.schema import TABLES, TABLES_BY_NAME, Analysis, Article
from presslens.store import ADDED, ADDED_COLUMNS, ARROW_SCHEMAS, DDL, Store, connect
from presslens.web.records import article_record

ROOT = Path(__file__).resolve().parent.parent


def _stored_paths(table_name: str, cls: type, prefix: str = "") -> set[str]:
    """The field paths of ``cls`` that no column or child table of ``table_name`` stores."""
    table = TABLES_BY_NAME[table_name]
    sources = {c.source for c in table.columns if c.source}
    missing = set()
    for f in dataclasses.fields(cls):
        path = prefix + f.name
        if path in sources or f.name in TABLES_BY_NAME and TABLES_BY_NAME[f.name].within == table_name:
            continue
        nested = {s for s in sources if s.startswith(path + ".")}
        if not nested:
            missing.add(path)
    return missing


@pytest.mark.parametrize(
    "table", [t for t in TABLES if dataclasses.is_dataclass(t.record)], ids=lambda t: t.name
)
def test_every_record_field_has_a_column(table):
    assert _stored_paths(table.name, table.record) == set()


def test_ddl_arrow_and_migrations_come_from_the_declaration():
    for table in TABLES:
        assert ARROW_SCHEMAS[table.name].names == list(table.column_names)
        assert f"CREATE TABLE {table.name} (" in DDL
    for key in ADDED:
        assert key in ADDED_COLUMNS and key[1] in TABLES_BY_NAME[key[0]].column_names
    assert ADDED_COLUMNS[("attributions", "source_confidence")] == (
        "ALTER TABLE attributions ADD COLUMN IF NOT EXISTS source_confidence REAL"
    )


@pytest.fixture(scope="module")
def stored(nlp, tmp_path_factory):
    """The samples analysed, written to a database and read back through the article page's query."""
    pipeline = Pipeline(nlp)
    analyses = [
        pipeline.analyze(Article(text=p.read_text(), published="2017-09-25", outlet="Sample", origin=p.name))
        for p in sorted((ROOT / "samples").glob("*.txt"))
    ]
    path = tmp_path_factory.mktemp("mapping") / "news.duckdb"
    with Store(path) as store:
        store.write(analyses)
    con = connect(path, read_only=True)
    yield analyses, {a.article.id: article_record(queries.article(con, a.article.id)) for a in analyses}
    con.close()


def _without(record: dict, *keys: str) -> dict:
    return {k: v for k, v in record.items() if k not in keys}


def test_web_records_read_back_what_analyze_prints(stored):
    analyses, web = stored
    for analysis in analyses:
        printed: dict = json.loads(json.dumps(analysis.to_dict()))
        read = web[analysis.article.id]
        assert read["attributions"], "the samples have attributions"
        assert [_without(a, "speaker_id", "speaker") for a in read["attributions"]] == printed["attributions"]
        assert sorted(read["entities"], key=lambda e: e["id"]) == sorted(
            printed["entities"], key=lambda e: e["id"]
        )
        for name in ("dates", "claims", "framing"):
            assert read[name] == printed[name], name
        assert _without(
            read, "attributions", "entities", "dates", "claims", "framing", "warnings", "origin"
        ) == _without(printed, "attributions", "entities", "dates", "claims", "framing", "warnings")


def test_an_empty_analysis_reads_back_empty(tmp_path):
    analysis = Analysis(article=Article(text="Nothing was said."))
    with Store(tmp_path / "x.duckdb") as store:
        store.write([analysis])
        record = article_record(queries.article(store.con, analysis.article.id))
    assert record == {**json.loads(json.dumps(analysis.to_dict())), "warnings": [], "origin": None}


def test_a_database_without_the_added_columns_opens_reads_and_gains_them(tmp_path, stored):
    analyses, _ = stored
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.write(analyses[:1])
        for (name,) in store.con.execute("SELECT index_name FROM duckdb_indexes()").fetchall():
            store.con.execute(f"DROP INDEX {name}")
        for table, column in ADDED:  # as a release before these columns wrote it
            store.con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    article_id = analyses[0].article.id
    con = connect(path, read_only=True)  # read-only: nothing is added, the records read with nulls
    record = article_record(queries.article(con, article_id))
    con.close()
    assert record["attributions"] and all(a["source"]["confidence"] is None for a in record["attributions"])
    with Store(path) as store:  # read-write: the columns are added in place
        columns = set(
            store.con.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall()
        )
        assert set(ADDED) <= columns
        store.write(analyses[1:2])
        assert store.counts()["articles"] == 2


def test_a_statement_month_is_kept_exact_and_sorts_by_its_first_day(tmp_path):
    from presslens.schema import Attribution, Source, Span

    text = "In December, the minister said the mission was over."
    article = Article(text=text, id="a-month", published="2018-06-01")
    attribution = Attribution(
        "indirect",
        Span.of(text, 31, 51),
        Span.of(text, 26, 30),
        Source(mention=Span.of(text, 13, 25), name=None, kind="person"),
        said_on="2017-12",
        said_on_from_text=True,
    )
    with Store(tmp_path / "month.duckdb") as store:
        store.write([Analysis(article=article, attributions=[attribution])])
        ((day, exact),) = store.con.execute("SELECT said_on, said_on_value FROM attributions").fetchall()
        record = article_record(queries.article(store.con, "a-month"))
    assert (str(day), exact) == ("2017-12-01", "2017-12")
    assert record["attributions"][0]["said_on"] == "2017-12"


def test_act_and_relay_are_stored_and_read_back(tmp_path):
    from presslens.component import analysis_from_dict
    from presslens.schema import Attribution, Source, Span

    text = "According to TASS, Dujarric said the talks would resume."
    article = Article(text=text, id="a-relay", published="2018-06-01")
    outer = Attribution(
        "indirect",
        Span.of(text, 19, 56),
        Span.of(text, 0, 12),
        Source(None, "unknown", Span.of(text, 13, 17)),
    )
    inner = Attribution(
        "indirect",
        Span.of(text, 33, 56),
        Span.of(text, 28, 32),
        Source(None, "unknown", Span.of(text, 19, 27)),
        act="belief",
        relayed_by=Span.of(text, 13, 17),
    )
    analysis = Analysis(article=article, attributions=[outer, inner])
    printed = json.loads(json.dumps(analysis.to_dict()))
    assert printed["attributions"][1]["relayed_by"] == {"start": 13, "end": 17, "text": "TASS"}
    with Store(tmp_path / "relay.duckdb") as store:
        store.write([analysis])
        rows = store.con.execute(
            "SELECT act, relayed_by_start, relayed_by_end, relayed_by_text FROM attributions ORDER BY idx"
        ).fetchall()
        # a row written before the act column (NULL) reads back as speech, the only act it could have
        store.con.execute("UPDATE attributions SET act = NULL WHERE idx = 0")
        record = article_record(queries.article(store.con, "a-relay"))
    assert rows == [("speech", None, None, None), ("belief", 13, 17, "TASS")]
    assert [_without(a, "speaker_id", "speaker") for a in record["attributions"]] == printed["attributions"]
    # the JSON record reads back into the same records (the component's path)
    assert analysis_from_dict(printed).attributions == [outer, inner]
