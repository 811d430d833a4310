"""The corpus schema: DDL and Arrow schemas derived from ``schema.TABLES``, indexes, migrations.

The schema carries a version in the ``meta`` table (``SCHEMA_VERSION``). Indexes (``INDEX_DDL``:
every child table by ``article_id``, attributions also by ``speaker_id``) are access paths, not
layout: a database without them answers the same queries, only slower, so they are not part of
the version. The writer creates them with the schema and adds any that are missing whenever it
opens a database read-write, so databases written before they existed gain them on their next
ingest. The same goes for the derived tables of ``DERIVED_DDL``, recomputed with the speakers, and
for the columns of ``ADDED``.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from presslens.schema import TABLES, TABLES_BY_NAME, Table

SCHEMA_VERSION = 1

# DuckDB column type -> the Arrow type of the batch tables and Parquet parts.
ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "DOUBLE": pa.float64(),
    "REAL": pa.float32(),
    "DATE": pa.date32(),
    "BOOLEAN": pa.bool_(),
    "VARCHAR[]": pa.list_(pa.string()),
    "INTEGER[]": pa.list_(pa.int32()),
    "TIMESTAMP": pa.timestamp("us"),
}


def arrow_schema(table: Table) -> pa.Schema:
    """The Arrow schema of one declared table."""
    return pa.schema([(c.name, ARROW_TYPES[c.sql]) for c in table.columns])


def create_table(table: Table) -> str:
    """The ``CREATE TABLE`` statement of one declared table."""
    columns = ", ".join(
        f"{c.name} {c.sql}" + (f" {c.constraint}" if c.constraint else "") for c in table.columns
    )
    return f"CREATE TABLE {table.name} ({columns});"


ARROW_SCHEMAS: dict[str, pa.Schema] = {t.name: arrow_schema(t) for t in TABLES}
# Tables written per batch (and per Parquet part), in insert order.
BATCH_TABLES: tuple[str, ...] = tuple(ARROW_SCHEMAS)
# Tables whose rows belong to one article through ``article_id``.
CHILD_TABLES: tuple[str, ...] = tuple(t for t in BATCH_TABLES if t not in ("articles", "errors"))

DDL = "\n".join(
    [
        "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);",
        *(create_table(t) for t in TABLES),
        "CREATE TABLE speakers (speaker_id VARCHAR PRIMARY KEY, name VARCHAR, kind VARCHAR, aliases VARCHAR[], "
        "quotes INTEGER, articles INTEGER);",
    ]
)
# Derived tables, recomputed with the speakers (``corpus.update_speakers``) for the speaker pages
# of ``presslens serve``: each speaker's quotes stored together, newest first (a speaker's quotes
# are otherwise scattered over the whole attributions table), and each speaker's quote variants
# (JSON text); for the claims page each claim's corpus speaker (``queries.CLAIM_SPEAKER_ROWS``), and
# for the framing × attribution page each speaker's summary (JSON text), each article's words (the
# denominator of the framing rates), each claim's reports in other articles (``claim_echoes``, the
# claims page's "same claim elsewhere"), each article's number of attributions (``article_counts``,
# the article list), each speaker's quotes per outlet (``speaker_outlet_counts``, the speaker
# pages) and each claim with its speaker and article (``claim_rows``, the claims list). They were
# added after schema version 1 was released, so a version-1 database may lack them: the writer
# adds them on its
# next read-write open and marks the speakers outdated, so the next ingest fills them; a read-only
# server uses temporary views of the same rows instead (``queries.add_derived_views``), or computes
# the JSON on demand (or, for the claims' echoes, finds them per page). A derived table that lacks a
# column of ``DERIVED_COLUMNS`` (added later) is dropped and created again the same way. The two
# JSON columns are stored uncompressed: a page reads one row by its key, and a compressed column
# would decompress the whole block of large texts around it. ``claim_echoes`` is indexed by the
# claim asked about: a claims page joins its 50 claims, which DuckDB then reads through the index
# instead of scanning all the echoes (10 per claim).
DERIVED_TABLES: tuple[str, ...] = (
    "quotes_by_speaker",
    "speaker_variants",
    "claim_speakers",
    "speaker_framing",
    "article_words",
    "claim_echoes",
    "article_counts",
    "speaker_outlet_counts",
    "claim_rows",
)
DERIVED_DDL = """
CREATE TABLE IF NOT EXISTS quotes_by_speaker (
    speaker_id VARCHAR, speaker VARCHAR, said DATE, article_id VARCHAR, idx INTEGER, type VARCHAR,
    cue_text VARCHAR, content_text VARCHAR, source_name VARCHAR, source_kind VARCHAR, said_on DATE,
    outlet VARCHAR, published DATE, title VARCHAR, url VARCHAR, act VARCHAR, relayed_by_text VARCHAR);
CREATE TABLE IF NOT EXISTS speaker_variants (
    speaker_id VARCHAR PRIMARY KEY, groups VARCHAR USING COMPRESSION uncompressed);
CREATE TABLE IF NOT EXISTS claim_speakers (article_id VARCHAR, idx INTEGER, speaker_id VARCHAR);
CREATE TABLE IF NOT EXISTS speaker_framing (
    speaker_id VARCHAR PRIMARY KEY, summary VARCHAR USING COMPRESSION uncompressed);
CREATE TABLE IF NOT EXISTS article_words (id VARCHAR, words INTEGER);
CREATE TABLE IF NOT EXISTS claim_echoes (
    of_article VARCHAR, of_idx INTEGER, reasons VARCHAR[], article_id VARCHAR, idx INTEGER, text VARCHAR,
    checkworthy DOUBLE, speaker VARCHAR, said DATE, outlet VARCHAR, published DATE, title VARCHAR, url VARCHAR);
CREATE INDEX IF NOT EXISTS claim_echoes_of_article ON claim_echoes (of_article);
CREATE TABLE IF NOT EXISTS article_counts (id VARCHAR, attributions INTEGER, chars INTEGER, published_rank INTEGER);
CREATE TABLE IF NOT EXISTS claim_rows (
    article_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR, checkworthy DOUBLE,
    speaker VARCHAR, speaker_id VARCHAR, said DATE, outlet VARCHAR, published DATE, title VARCHAR, url VARCHAR);
CREATE TABLE IF NOT EXISTS speaker_outlet_counts (
    speaker_id VARCHAR, outlet VARCHAR, quotes INTEGER, articles INTEGER, first_said DATE, last_said DATE);
"""
# Columns added to a derived table after it was released, as (table, column): an older table
# without them is dropped and created again (its rows are recomputed with the speakers anyway).
DERIVED_COLUMNS: tuple[tuple[str, str], ...] = (
    ("quotes_by_speaker", "act"),
    ("quotes_by_speaker", "relayed_by_text"),
    ("article_counts", "chars"),
    ("article_counts", "published_rank"),
)
_DROP_DERIVED_SQL: dict[str, str] = {name: f"DROP TABLE IF EXISTS {name}" for name in DERIVED_TABLES}
# The rows of ``quotes_by_speaker``, as a temporary view of the connection that runs it.
SPEAKER_QUOTE_ROWS_VIEW = """
CREATE OR REPLACE TEMP VIEW speaker_quote_rows AS
SELECT a.speaker_id, coalesce(s.name, a.source_name) AS speaker, coalesce(a.said_on, a.published) AS said,
       a.article_id, a.idx, a.type, a.cue_text, a.content_text, a.source_name, a.source_kind, a.said_on,
       ar.outlet, ar.published, ar.title, ar.url, a.act, a.relayed_by_text
FROM attributions a
JOIN articles ar ON ar.id = a.article_id
LEFT JOIN speakers s ON s.speaker_id = a.speaker_id
WHERE a.speaker_id IS NOT NULL
"""
ALL_TABLES: tuple[str, ...] = (*BATCH_TABLES, "speakers", "meta")

# Lookups by article (the article page, the per-article counts) and by speaker (speaker pages).
INDEX_DDL = """
CREATE INDEX IF NOT EXISTS attributions_article_id ON attributions (article_id);
CREATE INDEX IF NOT EXISTS attributions_speaker_id ON attributions (speaker_id);
CREATE INDEX IF NOT EXISTS entities_article_id ON entities (article_id);
CREATE INDEX IF NOT EXISTS mentions_article_id ON mentions (article_id);
CREATE INDEX IF NOT EXISTS dates_article_id ON dates (article_id);
CREATE INDEX IF NOT EXISTS claims_article_id ON claims (article_id);
CREATE INDEX IF NOT EXISTS quantities_article_id ON quantities (article_id);
CREATE INDEX IF NOT EXISTS framing_article_id ON framing (article_id);
"""
INDEX_NAMES: frozenset[str] = frozenset(re.findall(r"EXISTS (\w+) ON", INDEX_DDL))

# The migration list: columns added after a schema version was released, as (table, column). They
# are nullable and added in place to older databases (like the indexes) instead of a new version
# that would refuse them; their type comes from ``schema.TABLES``.
ADDED: tuple[tuple[str, str], ...] = (
    ("articles", "source_id"),
    ("attributions", "source_confidence"),
    ("claims", "quantities"),
    ("attributions", "said_on_value"),
    ("claims", "said_on_value"),
    ("attributions", "act"),
    ("attributions", "relayed_by_start"),
    ("attributions", "relayed_by_end"),
    ("attributions", "relayed_by_text"),
)


def _add_column(table: str, column: str) -> str:
    sql = next(c.sql for c in TABLES_BY_NAME[table].columns if c.name == column)
    return f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {sql}"


ADDED_COLUMNS: dict[tuple[str, str], str] = {key: _add_column(*key) for key in ADDED}


def now() -> datetime:
    """The current UTC time without a zone, as stored."""
    return datetime.now(UTC).replace(tzinfo=None)


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """``BEGIN`` … ``COMMIT``; on any error ``ROLLBACK`` and re-raise (a failed ``COMMIT``, e.g. on a
    full disk, has already ended the transaction, so its ``ROLLBACK`` error is ignored)."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table and index and record the schema version, in one transaction."""
    with transaction(con):
        con.execute(DDL)
        con.execute(DERIVED_DDL)
        con.execute(INDEX_DDL)
        con.execute(
            "INSERT INTO meta VALUES ('schema_version', ?), ('created_at', ?)",
            [str(SCHEMA_VERSION), now().isoformat(timespec="seconds")],
        )


def missing_columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """The columns of ``ADDED`` the database lacks."""
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'"
    ).fetchall()
    present = {(t, c) for t, c in rows}
    return [key for key in ADDED_COLUMNS if key not in present]


def add_columns(con: duckdb.DuckDBPyConnection) -> None:
    """Add the columns of ``ADDED_COLUMNS`` that an older database lacks, in one transaction."""
    with transaction(con):
        for key in missing_columns(con):
            con.execute(ADDED_COLUMNS[key])


def missing_indexes(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The names of ``INDEX_DDL``'s indexes the database lacks (older databases; read-only is enough)."""
    rows = con.execute("SELECT index_name FROM duckdb_indexes() WHERE schema_name = 'main'").fetchall()
    return set(INDEX_NAMES) - {r[0] for r in rows}


def add_indexes(con: duckdb.DuckDBPyConnection) -> None:
    """Create the missing indexes of ``INDEX_DDL``, in one transaction (needs a writable connection)."""
    with transaction(con):
        con.execute(INDEX_DDL)


def outdated_derived_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The derived tables present but lacking a column of ``DERIVED_COLUMNS`` (read-only is enough)."""
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'"
    ).fetchall()
    present = {(t, c) for t, c in rows}
    tables = {t for t, _ in present}
    return {t for t, c in DERIVED_COLUMNS if t in tables and (t, c) not in present}


def add_derived_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the missing ``DERIVED_DDL`` tables (dropping first those lacking a ``DERIVED_COLUMNS`` column)
    and mark the speakers outdated, so the next ingest fills them."""
    with transaction(con):
        for name in sorted(outdated_derived_tables(con)):
            con.execute(_DROP_DERIVED_SQL[name])
        con.execute(DERIVED_DDL)
        con.execute("DELETE FROM meta WHERE key = 'speakers_articles'")
