"""The DuckDB store: schema, versioning, batch writes in one transaction, idempotence, Parquet parts."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import duckdb
import pyarrow as pa
import pytest

from presslens.schema import (
    Analysis,
    Article,
    Attribution,
    Claim,
    DateMention,
    Entity,
    FramingSpan,
    InputError,
    Quantity,
    Source,
    Span,
)
from presslens.store import (
    ALL_TABLES,
    ARROW_SCHEMAS,
    INDEX_NAMES,
    SCHEMA_VERSION,
    PartError,
    Store,
    StoreError,
    connect,
    find_parts,
    load_parts,
    missing_indexes,
    part_name,
    read_part,
    to_tables,
    write_part,
)


def analysis(
    speaker: str,
    quote: str,
    *,
    outlet: str = "Daily Planet",
    published: str | None = "2017-09-25",
    extra: str = "",
) -> Analysis:
    """One article quoting ``speaker`` once, with an entity, a date, a claim and a framing span."""
    text = f'"{quote}," {speaker} said on Sunday. {extra}More than 40 percent agreed.'
    q0 = 1
    m0 = text.index(speaker)
    c0 = text.index("said")
    d0 = text.index("Sunday")
    k0 = text.index("More than")
    article = Article(text=text, outlet=outlet, published=published, title=f"{speaker} speaks", origin="test")
    analysis = Analysis(
        article=article,
        attributions=[
            Attribution(
                type="direct",
                content=Span.of(text, q0, q0 + len(quote)),
                cue=Span.of(text, c0, c0 + 4),
                source=Source(speaker, "person", Span.of(text, m0, m0 + len(speaker)), "e1"),
                said_on="2017-09-24",
                said_on_from_text=True,
            )
        ],
        entities=[Entity("e1", speaker, "person", [speaker], [Span.of(text, m0, m0 + len(speaker))])],
        dates=[DateMention(d0, d0 + 6, "Sunday", "2017-09-24", "day")],
        claims=[Claim(k0, len(text), text[k0:], 0.9, [0])],
        framing=[FramingSpan(q0, q0 + len(quote), quote, "Loaded_Language", 0.7)],
    )
    analysis.quantities = [
        Quantity("More than 40 percent", ">", 40.0, "percent", start=k0, end=k0 + 20, claim=0)
    ]
    return analysis


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "news.duckdb") as s:
        yield s


def test_new_database_has_every_table_and_the_schema_version(store):
    assert set(store.counts()) == set(ALL_TABLES)
    assert all(n == 0 for name, n in store.counts().items() if name != "meta")
    version = store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    assert version == str(SCHEMA_VERSION)


def test_arrow_schemas_match_the_sql_tables(store):
    for name, schema in ARROW_SCHEMAS.items():
        columns = [
            r[0]
            for r in store.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [name],
            ).fetchall()
        ]
        assert columns == schema.names, name


def test_batch_is_written_to_every_table(store):
    a = analysis("Angela Merkel", "We will manage this")
    result = store.write([a], [InputError("bad.html", "HTML page has no article body")])
    assert (result.articles, result.skipped, result.errors, result.attributions) == (1, 0, 1, 1)
    counts = store.counts()
    for name in (
        "articles",
        "attributions",
        "entities",
        "mentions",
        "dates",
        "claims",
        "quantities",
        "framing",
        "errors",
    ):
        assert counts[name] == 1, name
    row = store.con.execute("SELECT id, outlet, published, text FROM articles").fetchone()
    assert row[0] == a.article.id and row[1] == "Daily Planet" and str(row[2]) == "2017-09-25"
    assert row[3] == a.article.text
    quote = store.con.execute(
        "SELECT content_text, cue_text, source_name, source_mention_text, entity_id, said_on, said_on_from_text "
        "FROM attributions"
    ).fetchone()
    assert quote[:5] == ("We will manage this", "said", "Angela Merkel", "Angela Merkel", "e1")
    assert str(quote[5]) == "2017-09-24" and quote[6] is True
    assert store.con.execute("SELECT value, unit, comparator FROM quantities").fetchone() == (
        40.0,
        "percent",
        ">",
    )
    assert store.con.execute("SELECT origin, reason FROM errors").fetchone() == (
        "bad.html",
        "HTML page has no article body",
    )


def test_offsets_survive_the_round_trip(store):
    a = analysis("Angela Merkel", "We will manage this")
    store.write([a])
    for start, end, text in store.con.execute(
        "SELECT content_start, content_end, content_text FROM attributions "
        "UNION ALL SELECT start_char, end_char, text FROM mentions "
        "UNION ALL SELECT start_char, end_char, text FROM dates"
    ).fetchall():
        assert a.article.text[start:end] == text


def test_writing_the_same_articles_again_adds_nothing(store):
    batch = [analysis("Angela Merkel", "We will manage this"), analysis("Olaf Scholz", "Whatever it takes")]
    store.write(batch, [InputError("x.txt", "empty document")])
    before = store.counts()
    again = store.write(batch, [InputError("x.txt", "empty document")])
    assert again.articles == 0 and again.skipped == 2
    assert store.counts() == before


def test_an_article_repeated_inside_one_batch_is_stored_once(store):
    a = analysis("Angela Merkel", "We will manage this")
    twin = analysis("Angela Merkel", "We will manage this", outlet="Other Paper")
    assert a.article.id == twin.article.id
    store.write([a, twin])
    assert store.counts()["articles"] == 1 and store.counts()["attributions"] == 1


def test_known_ids_uses_the_stored_articles(store):
    a, b = analysis("A Person", "one thing to say"), analysis("B Person", "another thing to say")
    store.write([a])
    assert store.known_ids([a.article.id, b.article.id, a.article.id]) == {a.article.id}
    assert store.known_ids([]) == set()


def test_a_failing_batch_leaves_nothing_behind(store):
    good = analysis("Angela Merkel", "We will manage this")
    tables = to_tables([good])
    broken = tables["framing"].set_column(0, "article_id", pa.array([None], type=pa.string()))
    tables["framing"] = broken  # violates NOT NULL, after articles and attributions were inserted
    with pytest.raises(duckdb.Error):
        store.write_tables(tables)
    assert store.counts()["articles"] == 0 and store.counts()["attributions"] == 0
    store.write([good])  # the connection is usable again
    assert store.counts()["articles"] == 1


def test_dates_that_are_not_dates_become_null(store):
    a = analysis("Angela Merkel", "We will manage this", published="sometime in spring")
    store.write([a])
    assert store.con.execute("SELECT published FROM articles").fetchone()[0] is None


@pytest.mark.parametrize(("version", "word"), [(SCHEMA_VERSION + 1, "newer"), (SCHEMA_VERSION - 1, "older")])
def test_other_schema_versions_are_refused(tmp_path, version, word):
    path = tmp_path / "news.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(version)])
    con.close()
    with pytest.raises(StoreError, match=word):
        Store(path)
    with pytest.raises(StoreError, match=f"schema version {version}"):
        connect(path, read_only=True)


def test_new_databases_have_the_lookup_indexes(store):
    rows = store.con.execute("SELECT index_name, table_name, expressions FROM duckdb_indexes()").fetchall()
    found = {name: (table, columns) for name, table, columns in rows}
    # the derived claim_echoes table has its own index (created with it, store.DERIVED_DDL)
    assert found.pop("claim_echoes_of_article") == ("claim_echoes", "[of_article]")
    assert set(found) == INDEX_NAMES
    assert found["attributions_speaker_id"] == ("attributions", "[speaker_id]")
    assert all(
        columns == "[article_id]" for name, (_, columns) in found.items() if name != "attributions_speaker_id"
    )


def test_a_database_written_before_the_indexes_opens_and_gains_them(tmp_path):
    path = tmp_path / "news.duckdb"
    with Store(path) as s:
        s.write([analysis("Angela Merkel", "We will manage this")])
    con = duckdb.connect(str(path))
    for name in INDEX_NAMES:  # what a database written by the previous release looks like
        con.execute(f"DROP INDEX {name}")
    con.close()
    reader = connect(path, read_only=True)  # the same schema version: readable as it is
    assert missing_indexes(reader) == INDEX_NAMES
    assert reader.execute("SELECT count(*) FROM attributions").fetchall() == [(1,)]
    reader.close()
    with Store(path) as s:  # a writer adds them
        assert missing_indexes(s.con) == set()
        assert s.counts()["attributions"] == 1
    reader = connect(path, read_only=True)
    assert missing_indexes(reader) == set()
    reader.close()


def test_foreign_files_are_refused_with_a_clear_message(tmp_path):
    with pytest.raises(StoreError, match="no database at"):
        connect(tmp_path / "missing.duckdb", read_only=True)
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t (x INT)")
    con.close()
    with pytest.raises(StoreError, match="not a presslens corpus"):
        Store(other)
    text = tmp_path / "notes.duckdb"
    text.write_text("just some notes, not a database\n" * 50)
    with pytest.raises(StoreError, match="not a DuckDB database"):
        Store(text)


def test_a_database_held_by_another_process_is_reported(tmp_path):
    path = tmp_path / "news.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(path)!r})
            print("ready", flush=True)
            time.sleep(30)
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match=r"database is in use by another process \(.*PID"):
            Store(path)
    finally:
        holder.kill()
        holder.wait()


# --------------------------------------------------------------------------- parts


def test_parts_round_trip_and_load_idempotently(tmp_path):
    first = to_tables(
        [analysis("Angela Merkel", "We will manage this")], [InputError("a.txt", "empty document")]
    )
    second = to_tables(
        [analysis("Olaf Scholz", "Whatever it takes"), analysis("Angela Merkel", "We will manage this")]
    )
    parts = tmp_path / "parts"
    p1, p2 = write_part(first, parts), write_part(second, parts)
    assert p1 != p2 and p1.name == part_name(first)
    assert find_parts([parts]) == sorted([p1, p2])
    back = read_part(p1)
    assert back["articles"].to_pylist()[0]["text"] == first["articles"].to_pylist()[0]["text"]
    with Store(tmp_path / "news.duckdb") as store:
        result = load_parts(store, [parts])
        assert (result.parts, result.articles, result.skipped, result.errors, result.failed) == (
            2,
            2,
            1,
            1,
            [],
        )
        before = store.counts()
        again = load_parts(store, [parts])
        assert again.articles == 0 and store.counts() == before


def test_rewriting_a_batch_replaces_its_part(tmp_path):
    tables = to_tables([analysis("Angela Merkel", "We will manage this")])
    write_part(tables, tmp_path)
    write_part(tables, tmp_path)
    assert len(find_parts([tmp_path])) == 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_corrupted_part_is_reported_and_the_others_load(tmp_path):
    parts = tmp_path / "parts"
    good = write_part(to_tables([analysis("Angela Merkel", "We will manage this")]), parts)
    bad = write_part(to_tables([analysis("Olaf Scholz", "Whatever it takes")]), parts)
    (bad / "attributions.parquet").write_bytes(b"PAR1 this is not parquet at all")
    with pytest.raises(PartError, match="attributions.parquet"):
        read_part(bad)
    with Store(tmp_path / "news.duckdb") as store:
        result = load_parts(store, [parts])
        assert result.parts == 1 and result.articles == 1
        assert len(result.failed) == 1 and result.failed[0][0] == str(bad)
        assert store.known_ids([good.name]) == set()
        assert store.counts()["articles"] == 1 and store.counts()["attributions"] == 1


def test_write_is_fast_enough_for_big_batches(store):
    batch = [analysis(f"Person {i}", f"statement number {i} about the budget") for i in range(500)]
    start = time.perf_counter()
    store.write(batch)
    assert store.counts()["articles"] == 500
    assert time.perf_counter() - start < 10


def test_source_id_is_stored_and_parts_written_before_it_still_load(tmp_path):
    import pyarrow.parquet as pq

    tagged = analysis("Angela Merkel", "We will manage this")
    tagged.article.source_id = "dpa-17"
    parts = tmp_path / "parts"
    new = write_part(to_tables([tagged]), parts)
    assert read_part(new)["articles"].to_pylist()[0]["source_id"] == "dpa-17"
    old = write_part(to_tables([analysis("Olaf Scholz", "Whatever it takes")]), parts)
    articles = pq.read_table(old / "articles.parquet").drop_columns(
        ["source_id"]
    )  # as an older release wrote it
    pq.write_table(articles, old / "articles.parquet", write_page_checksum=True)
    assert read_part(old)["articles"].to_pylist()[0]["source_id"] is None
    with Store(tmp_path / "news.duckdb") as store:
        assert load_parts(store, [parts]).articles == 2
        rows = store.con.execute("SELECT source_id FROM articles ORDER BY source_id NULLS LAST").fetchall()
    assert rows == [("dpa-17",), (None,)]


def test_a_kill_while_creating_a_database_leaves_it_whole_or_absent(tmp_path):
    """SIGKILL at random moments while a new database is created: the path is then absent or a valid corpus."""
    import random
    import signal

    code = (
        "import sys; from presslens.store import Store; print('ready', flush=True); "
        "Store(sys.argv[1]).close(); print('done', flush=True)"
    )
    def creation_seconds() -> float:  # how long one creation takes on this machine, loaded or not
        proc = subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "timed.duckdb")], stdout=subprocess.PIPE)
        assert proc.stdout.readline() == b"ready\n"
        start = time.perf_counter()
        assert proc.stdout.readline() == b"done\n"
        proc.wait()
        proc.stdout.close()
        return time.perf_counter() - start

    longest = 2 * max(creation_seconds(), 0.06)
    rng = random.Random(7)
    outcomes = set()
    for attempt in range(16):
        path = tmp_path / f"new{attempt}.duckdb"
        proc = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE)
        assert proc.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.0, longest))  # lands during the creation or after it
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        if path.exists():
            with Store(path, read_only=True) as store:  # raises on a half-written file
                assert store.known_ids(["x"]) == set()
            outcomes.add("whole")
        else:
            outcomes.add("absent")
    assert outcomes == {"whole", "absent"}, "kills landed both during and after the creation"
