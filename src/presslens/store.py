"""DuckDB storage for analysed articles, and Parquet parts with the same tables.

One DuckDB file holds a corpus. Articles are keyed by ``schema.content_id`` (a hash of the
analysed text), so writing the same article twice stores it once; an input's own identifier (a
JSONL ``id``) is kept in ``articles.source_id``, which need not be unique. Every batch of Analyses is
turned into one Arrow table per SQL table and written with one ``INSERT … SELECT`` per table
inside a single transaction: a batch is either fully committed or absent, which is what makes an
interrupted ingest resumable. Attribution rows repeat their article's outlet and publication date,
so the everyday questions ("quotes per outlet") need no join.

The Dask engine writes the same Arrow tables as Parquet "parts" (one directory per batch, one
file per table); ``load_parts`` brings them into a database with the same idempotence.

The schema carries a version in the ``meta`` table; a database written by another schema version
is refused with a message saying what to do. Indexes (``INDEX_DDL``: every child table by
``article_id``, attributions also by ``speaker_id``) are access paths, not layout: a database
without them answers the same queries, only slower, so they are not part of the version. The
writer creates them with the schema and adds any that are missing whenever it opens a database
read-write, so databases written before they existed gain them on their next ingest. The same goes
for the derived tables of ``DERIVED_DDL``, recomputed with the speakers.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from presslens.schema import Analysis, InputError

SCHEMA_VERSION = 1

# --------------------------------------------------------------------------- table layout

_STR = pa.string()
_INT = pa.int32()
_F64 = pa.float64()

ARROW_SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("id", _STR), ("url", _STR), ("outlet", _STR), ("title", _STR), ("author", _STR),
        ("published", pa.date32()), ("text", _STR), ("origin", _STR), ("warnings", pa.list_(_STR)),
        ("ingested_at", pa.timestamp("us")), ("source_id", _STR),
    ]),
    "attributions": pa.schema([
        ("article_id", _STR), ("idx", _INT), ("type", _STR),
        ("content_start", _INT), ("content_end", _INT), ("content_text", _STR),
        ("cue_start", _INT), ("cue_end", _INT), ("cue_text", _STR),
        ("source_name", _STR), ("source_kind", _STR),
        ("source_mention_start", _INT), ("source_mention_end", _INT), ("source_mention_text", _STR),
        ("entity_id", _STR), ("speaker_id", _STR), ("said_on", pa.date32()), ("said_on_from_text", pa.bool_()),
        ("outlet", _STR), ("published", pa.date32()), ("source_confidence", pa.float32()),
    ]),
    "entities": pa.schema([
        ("article_id", _STR), ("entity_id", _STR), ("name", _STR), ("kind", _STR), ("aliases", pa.list_(_STR)),
    ]),
    "mentions": pa.schema([
        ("article_id", _STR), ("entity_id", _STR), ("idx", _INT),
        ("start_char", _INT), ("end_char", _INT), ("text", _STR),
    ]),
    "dates": pa.schema([
        ("article_id", _STR), ("idx", _INT), ("start_char", _INT), ("end_char", _INT), ("text", _STR),
        ("value", _STR), ("grain", _STR),
    ]),
    "claims": pa.schema([
        ("article_id", _STR), ("idx", _INT), ("start_char", _INT), ("end_char", _INT), ("text", _STR),
        ("checkworthy", _F64), ("speaker", _STR), ("said_on", pa.date32()),
    ]),
    "quantities": pa.schema([
        ("article_id", _STR), ("claim_idx", _INT), ("idx", _INT), ("text", _STR), ("comparator", _STR),
        ("value", _F64), ("value_high", _F64), ("unit", _STR), ("measured", _STR),
        ("start_char", _INT), ("end_char", _INT),
    ]),
    "framing": pa.schema([
        ("article_id", _STR), ("idx", _INT), ("start_char", _INT), ("end_char", _INT), ("text", _STR),
        ("technique", _STR), ("score", _F64),
    ]),
    "errors": pa.schema([("origin", _STR), ("reason", _STR), ("failed_at", pa.timestamp("us"))]),
}
# Tables written per batch (and per Parquet part), in insert order.
BATCH_TABLES: tuple[str, ...] = tuple(ARROW_SCHEMAS)
# Tables whose rows belong to one article through ``article_id``.
CHILD_TABLES: tuple[str, ...] = tuple(t for t in BATCH_TABLES if t not in ("articles", "errors"))

DDL = """
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY, url VARCHAR, outlet VARCHAR, title VARCHAR, author VARCHAR,
    published DATE, text VARCHAR, origin VARCHAR, warnings VARCHAR[], ingested_at TIMESTAMP, source_id VARCHAR);
CREATE TABLE attributions (
    article_id VARCHAR NOT NULL, idx INTEGER NOT NULL, type VARCHAR,
    content_start INTEGER, content_end INTEGER, content_text VARCHAR,
    cue_start INTEGER, cue_end INTEGER, cue_text VARCHAR,
    source_name VARCHAR, source_kind VARCHAR,
    source_mention_start INTEGER, source_mention_end INTEGER, source_mention_text VARCHAR,
    entity_id VARCHAR, speaker_id VARCHAR, said_on DATE, said_on_from_text BOOLEAN,
    outlet VARCHAR, published DATE, source_confidence REAL);
CREATE TABLE entities (
    article_id VARCHAR NOT NULL, entity_id VARCHAR NOT NULL, name VARCHAR, kind VARCHAR, aliases VARCHAR[]);
CREATE TABLE mentions (
    article_id VARCHAR NOT NULL, entity_id VARCHAR NOT NULL, idx INTEGER,
    start_char INTEGER, end_char INTEGER, text VARCHAR);
CREATE TABLE dates (
    article_id VARCHAR NOT NULL, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
    value VARCHAR, grain VARCHAR);
CREATE TABLE claims (
    article_id VARCHAR NOT NULL, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
    checkworthy DOUBLE, speaker VARCHAR, said_on DATE);
CREATE TABLE quantities (
    article_id VARCHAR NOT NULL, claim_idx INTEGER, idx INTEGER, text VARCHAR, comparator VARCHAR,
    value DOUBLE, value_high DOUBLE, unit VARCHAR, measured VARCHAR, start_char INTEGER, end_char INTEGER);
CREATE TABLE framing (
    article_id VARCHAR NOT NULL, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
    technique VARCHAR, score DOUBLE);
CREATE TABLE errors (origin VARCHAR, reason VARCHAR, failed_at TIMESTAMP);
CREATE TABLE speakers (
    speaker_id VARCHAR PRIMARY KEY, name VARCHAR, kind VARCHAR, aliases VARCHAR[],
    quotes INTEGER, articles INTEGER);
"""
# Derived tables, recomputed with the speakers (``corpus.update_speakers``) for the speaker pages
# of ``presslens serve``: each speaker's quotes stored together, newest first (a speaker's quotes
# are otherwise scattered over the whole attributions table), and each speaker's quote variants
# (JSON text). They were added after schema version 1 was released, so a version-1 database may
# lack them: the writer adds them on its next read-write open and marks the speakers outdated, so
# the next ingest fills them; a read-only server uses ``SPEAKER_QUOTE_ROWS_VIEW`` instead.
DERIVED_TABLES: tuple[str, ...] = ("quotes_by_speaker", "speaker_variants")
DERIVED_DDL = """
CREATE TABLE IF NOT EXISTS quotes_by_speaker (
    speaker_id VARCHAR, speaker VARCHAR, said DATE, article_id VARCHAR, idx INTEGER, type VARCHAR,
    cue_text VARCHAR, content_text VARCHAR, source_name VARCHAR, source_kind VARCHAR, said_on DATE,
    outlet VARCHAR, published DATE, title VARCHAR, url VARCHAR);
CREATE TABLE IF NOT EXISTS speaker_variants (speaker_id VARCHAR PRIMARY KEY, groups VARCHAR);
"""
# The rows of ``quotes_by_speaker``, as a temporary view of the connection that runs it.
SPEAKER_QUOTE_ROWS_VIEW = """
CREATE OR REPLACE TEMP VIEW speaker_quote_rows AS
SELECT a.speaker_id, coalesce(s.name, a.source_name) AS speaker, coalesce(a.said_on, a.published) AS said,
       a.article_id, a.idx, a.type, a.cue_text, a.content_text, a.source_name, a.source_kind, a.said_on,
       ar.outlet, ar.published, ar.title, ar.url
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

# One fixed statement per table; the Arrow batch is registered as the view ``_batch``.
_INSERT_SQL: dict[str, str] = {
    "articles": "INSERT INTO articles BY NAME SELECT * FROM _batch",
    "attributions": "INSERT INTO attributions BY NAME SELECT * FROM _batch",
    "entities": "INSERT INTO entities BY NAME SELECT * FROM _batch",
    "mentions": "INSERT INTO mentions BY NAME SELECT * FROM _batch",
    "dates": "INSERT INTO dates BY NAME SELECT * FROM _batch",
    "claims": "INSERT INTO claims BY NAME SELECT * FROM _batch",
    "quantities": "INSERT INTO quantities BY NAME SELECT * FROM _batch",
    "framing": "INSERT INTO framing BY NAME SELECT * FROM _batch",
    # The same (origin, reason) is recorded once, however often the bad document is re-ingested.
    "errors": (
        "INSERT INTO errors BY NAME SELECT origin, reason, min(failed_at) AS failed_at FROM _batch b "
        "WHERE NOT EXISTS (SELECT 1 FROM errors e WHERE e.origin = b.origin AND e.reason = b.reason) "
        "GROUP BY origin, reason"
    ),
}
_COUNT_SQL: dict[str, str] = {name: f"SELECT count(*) FROM {name}" for name in ALL_TABLES}  # noqa: S608 (fixed names)


class StoreError(Exception):
    """A database that cannot be used; the message is one clear line."""


class PartError(StoreError):
    """A Parquet part that cannot be read."""


# --------------------------------------------------------------------------- Arrow conversion


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _span_cols(span) -> tuple[int | None, int | None, str | None]:  # noqa: ANN001
    return (span.start, span.end, span.text) if span is not None else (None, None, None)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _rows_for(analysis: Analysis, at: datetime) -> dict[str, list[dict]]:
    """The rows of every child table (and the article row) for one Analysis."""
    a = analysis.article
    aid = a.id
    rows: dict[str, list[dict]] = {name: [] for name in BATCH_TABLES}
    rows["articles"].append({
        "id": aid, "url": a.url, "outlet": a.outlet, "title": a.title, "author": a.author,
        "published": _date(a.published), "text": a.text, "origin": a.origin,
        "warnings": list(analysis.warnings) or None, "ingested_at": at, "source_id": a.source_id,
    })
    for i, q in enumerate(analysis.attributions):
        cs, ce, ct = _span_cols(q.content)
        us, ue, ut = _span_cols(q.cue)
        src = q.source
        ms, me, mt = _span_cols(src.mention if src is not None else None)
        rows["attributions"].append({
            "article_id": aid, "idx": i, "type": q.type, "content_start": cs, "content_end": ce,
            "content_text": ct, "cue_start": us, "cue_end": ue, "cue_text": ut,
            "source_name": src.name if src else None, "source_kind": src.kind if src else None,
            "source_mention_start": ms, "source_mention_end": me, "source_mention_text": mt,
            "entity_id": src.entity if src else None, "speaker_id": None,
            "said_on": _date(q.said_on), "said_on_from_text": bool(q.said_on_from_text),
            "outlet": a.outlet, "published": _date(a.published),
            "source_confidence": src.confidence if src else None,
        })
    for e in analysis.entities:
        rows["entities"].append({"article_id": aid, "entity_id": e.id, "name": e.name, "kind": e.kind,
                                 "aliases": list(e.aliases)})
        for j, m in enumerate(e.mentions):
            rows["mentions"].append({"article_id": aid, "entity_id": e.id, "idx": j,
                                     "start_char": m.start, "end_char": m.end, "text": m.text})
    for i, d in enumerate(analysis.dates):
        rows["dates"].append({"article_id": aid, "idx": i, "start_char": d.start, "end_char": d.end,
                              "text": d.text, "value": d.value, "grain": d.grain})
    for i, c in enumerate(analysis.claims):
        rows["claims"].append({"article_id": aid, "idx": i, "start_char": c.start, "end_char": c.end,
                               "text": c.text, "checkworthy": c.checkworthy, "speaker": c.speaker,
                               "said_on": _date(c.said_on)})
        for j, n in enumerate(c.quantities):
            rows["quantities"].append({
                "article_id": aid, "claim_idx": i, "idx": j, "text": n.text, "comparator": n.comparator,
                "value": n.value, "value_high": n.value_high, "unit": n.unit, "measured": n.measured,
                "start_char": n.start, "end_char": n.end,
            })
    for i, f in enumerate(analysis.framing):
        rows["framing"].append({"article_id": aid, "idx": i, "start_char": f.start, "end_char": f.end,
                                "text": f.text, "technique": f.technique, "score": f.score})
    return rows


def to_tables(
    analyses: Iterable[Analysis], errors: Iterable[InputError] = (), *, at: datetime | None = None
) -> dict[str, pa.Table]:
    """One Arrow table per batch table for these Analyses and errors; an article seen twice is kept once."""
    at = at or _now()
    rows: dict[str, list[dict]] = {name: [] for name in BATCH_TABLES}
    seen: set[str] = set()
    for analysis in analyses:
        if analysis.article.id in seen:
            continue
        seen.add(analysis.article.id)
        for name, new in _rows_for(analysis, at).items():
            rows[name].extend(new)
    rows["errors"] = [{"origin": e.origin, "reason": e.reason, "failed_at": at} for e in errors]
    return {name: pa.Table.from_pylist(rows[name], schema=ARROW_SCHEMAS[name]) for name in BATCH_TABLES}


def empty_tables() -> dict[str, pa.Table]:
    """Empty Arrow tables with the batch schemas."""
    return {name: ARROW_SCHEMAS[name].empty_table() for name in BATCH_TABLES}


def without_articles(tables: dict[str, pa.Table], ids: set[str]) -> dict[str, pa.Table]:
    """The same tables minus every row of the articles in ``ids`` (errors are kept)."""
    if not ids:
        return tables
    drop = pa.array(sorted(ids), type=_STR)
    out = {}
    for name, table in tables.items():
        column = {"articles": "id", "errors": None}.get(name, "article_id")
        out[name] = table if column is None else table.filter(pc.invert(pc.is_in(table[column], drop)))
    return out


# --------------------------------------------------------------------------- connections

_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (.+?)(?:\.\s+See also|$)", re.S)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _friendly(exc: duckdb.Error, path: Path) -> StoreError:
    """Turn DuckDB's connection errors into one clear line."""
    text = str(exc)
    if "Could not set lock" in text or "Conflicting lock" in text:
        holder = _LOCK_HOLDER.search(text)
        who = holder.group(1).strip() if holder else "another process"
        return StoreError(f"database is in use by another process ({who}): {path}")
    if "not a valid DuckDB database" in text or "Unrecognized" in text or "file is not" in text.lower():
        return StoreError(f"{path} is not a DuckDB database")
    return StoreError(f"cannot open database {path}: {text.splitlines()[0]}")


def connect(path: str | os.PathLike, *, read_only: bool = False, external_access: bool = True,
            create: bool = True) -> duckdb.DuckDBPyConnection:
    """Open (and when writable and new, create) a presslens database; StoreError with one clear line if not."""
    path = Path(path)
    if not path.exists() and (read_only or not create):
        raise StoreError(f"no database at {path}; create one with `presslens ingest … --db {path}`")
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file")
    config = {} if external_access else {"enable_external_access": False}
    if not read_only and not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create {path.parent}: {exc.strerror or exc}") from None
        _create_whole(path, config)
    try:
        con = duckdb.connect(str(path), read_only=read_only, config=config)
    except duckdb.Error as exc:
        raise _friendly(exc, path) from None
    try:
        con.execute("SET enable_progress_bar = false")  # DuckDB would draw its own bar on long queries
        _check_schema(con, path, writable=not read_only)
    except BaseException:
        con.close()
        raise
    return con


def _create_whole(path: Path, config: dict[str, bool]) -> None:
    """Create a new database beside ``path`` and rename it into place once its schema is committed.

    A run killed while DuckDB is still writing a new file would otherwise leave a file that is
    not a valid database where the re-run looks for it; this way the file is whole or absent.
    """
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.creating")
    try:
        try:
            con = duckdb.connect(str(temp), config=config)
        except duckdb.Error as exc:
            raise _friendly(exc, path) from None
        try:
            create_schema(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        if not path.exists():
            os.replace(temp, path)
    finally:
        for leftover in (temp, temp.with_name(temp.name + ".wal")):
            leftover.unlink(missing_ok=True)


def _table_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()
    return {r[0] for r in rows}


def _check_schema(con: duckdb.DuckDBPyConnection, path: Path, *, writable: bool) -> None:
    names = _table_names(con)
    if not names:
        if not writable:
            raise StoreError(f"{path} is an empty database, not a presslens corpus")
        create_schema(con)
        return
    if "meta" not in names:
        raise StoreError(f"{path} is a DuckDB database but not a presslens corpus (no meta table)")
    rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    row = rows[0] if rows else None
    found = int(row[0]) if row and str(row[0]).isdigit() else None
    if found != SCHEMA_VERSION:
        raise StoreError(_version_message(path, found))
    if writable and _missing_columns(con):
        add_columns(con)
    if writable and missing_indexes(con):
        add_indexes(con)
    if writable and not names.issuperset(DERIVED_TABLES):
        add_derived_tables(con)


# Columns added after a schema version was released: nullable, added in place to older databases
# (like the indexes) instead of a new version that would refuse them.
ADDED_COLUMNS: dict[tuple[str, str], str] = {
    ("articles", "source_id"): "ALTER TABLE articles ADD COLUMN IF NOT EXISTS source_id VARCHAR",
    ("attributions", "source_confidence"): "ALTER TABLE attributions ADD COLUMN IF NOT EXISTS source_confidence REAL",
}


def _missing_columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    rows = con.execute("SELECT table_name, column_name FROM information_schema.columns "
                       "WHERE table_schema = 'main'").fetchall()
    present = {(t, c) for t, c in rows}
    return [key for key in ADDED_COLUMNS if key not in present]


def add_columns(con: duckdb.DuckDBPyConnection) -> None:
    """Add the columns of ``ADDED_COLUMNS`` that an older database lacks, in one transaction."""
    with transaction(con):
        for key in _missing_columns(con):
            con.execute(ADDED_COLUMNS[key])


def _version_message(path: Path, found: int | None) -> str:
    if found is None:
        return f"{path} has no readable schema version; it was not written by presslens"
    if found > SCHEMA_VERSION:
        return (f"{path} uses corpus schema version {found}, newer than this presslens supports "
                f"({SCHEMA_VERSION}); upgrade presslens")
    return (f"{path} uses corpus schema version {found}, older than this presslens ({SCHEMA_VERSION}); "
            "re-ingest the articles into a new database")


def missing_indexes(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The names of ``INDEX_DDL``'s indexes the database lacks (older databases; read-only is enough)."""
    rows = con.execute("SELECT index_name FROM duckdb_indexes() WHERE schema_name = 'main'").fetchall()
    return set(INDEX_NAMES) - {r[0] for r in rows}


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


def add_indexes(con: duckdb.DuckDBPyConnection) -> None:
    """Create the missing indexes of ``INDEX_DDL``, in one transaction (needs a writable connection)."""
    with transaction(con):
        con.execute(INDEX_DDL)


def add_derived_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the missing ``DERIVED_DDL`` tables and mark the speakers outdated, so the next ingest fills them."""
    with transaction(con):
        con.execute(DERIVED_DDL)
        con.execute("DELETE FROM meta WHERE key = 'speakers_articles'")


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table and index and record the schema version, in one transaction."""
    with transaction(con):
        con.execute(DDL)
        con.execute(DERIVED_DDL)
        con.execute(INDEX_DDL)
        con.execute("INSERT INTO meta VALUES ('schema_version', ?), ('created_at', ?)",
                    [str(SCHEMA_VERSION), _now().isoformat(timespec="seconds")])


# --------------------------------------------------------------------------- the store


@dataclass(slots=True)
class WriteResult:
    """What one committed batch added."""

    articles: int = 0
    skipped: int = 0
    errors: int = 0
    attributions: int = 0


class Store:
    """A writable (or read-only) presslens database."""

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False, create: bool = True) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.con = connect(self.path, read_only=read_only, create=create)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (committed batches are already durable)."""
        self.con.close()

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """The ids among ``ids`` already stored, with one query."""
        wanted = sorted({i for i in ids if i})
        if not wanted:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                                [wanted]).fetchall()
        return {r[0] for r in rows}

    def write(self, analyses: Sequence[Analysis], errors: Sequence[InputError] = ()) -> WriteResult:
        """Store one batch of Analyses and errors in one transaction."""
        return self.write_tables(to_tables(analyses, errors))

    def write_tables(self, tables: dict[str, pa.Table]) -> WriteResult:
        """Insert the batch tables in one transaction, leaving out articles already stored."""
        con = self.con
        try:
            with transaction(con):
                ids = tables["articles"]["id"].to_pylist()
                known = self.known_ids(ids)
                fresh = without_articles(tables, known)
                for name in BATCH_TABLES:
                    table = fresh.get(name)
                    if table is None or table.num_rows == 0:
                        continue
                    con.register("_batch", table)
                    try:
                        con.execute(_INSERT_SQL[name])
                    finally:
                        with contextlib.suppress(duckdb.Error):  # fails inside an aborted transaction
                            con.unregister("_batch")
        except BaseException as exc:
            with contextlib.suppress(duckdb.Error):
                con.unregister("_batch")
            if isinstance(exc, duckdb.IOException | duckdb.TransactionException):  # e.g. disk full
                raise StoreError(f"could not write to {self.path}: {_first_line(exc)}; the batch was not "
                                 "stored (committed batches are kept)") from exc
            raise
        return WriteResult(articles=fresh["articles"].num_rows, skipped=len(set(ids)) - fresh["articles"].num_rows,
                           errors=tables["errors"].num_rows, attributions=fresh["attributions"].num_rows)

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {name: self.con.execute(_COUNT_SQL[name]).fetchall()[0][0] for name in ALL_TABLES}


# --------------------------------------------------------------------------- Parquet parts

PART_PREFIX = "part-"


def part_name(tables: dict[str, pa.Table]) -> str:
    """A name derived from the batch content, so writing the same batch again replaces its part."""
    digest = hashlib.sha1(usedforsecurity=False)
    for value in sorted(tables["articles"]["id"].to_pylist()):
        digest.update(value.encode() + b"\0")
    for value in sorted(tables["errors"]["origin"].to_pylist()):
        digest.update(b"E" + (value or "").encode() + b"\0")
    return PART_PREFIX + digest.hexdigest()[:16]


def write_part(tables: dict[str, pa.Table], out_dir: str | os.PathLike) -> Path:
    """Write one batch as a part directory ``out_dir/part-…/<table>.parquet``, atomically (rename at the end)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    final = out / part_name(tables)
    tmp = out / f".{final.name}.{uuid.uuid4().hex[:8]}.tmp"
    tmp.mkdir()
    try:
        for name in BATCH_TABLES:
            # Page checksums let read_part refuse a part damaged in storage instead of loading altered rows.
            pq.write_table(tables.get(name, ARROW_SCHEMAS[name].empty_table()), tmp / f"{name}.parquet",
                           write_page_checksum=True)
        if final.exists():
            shutil.rmtree(final)
        os.replace(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final


def find_parts(roots: Iterable[str | os.PathLike]) -> list[Path]:
    """Part directories under each root (a root may itself be a part), sorted; temporary parts skipped."""
    found: list[Path] = []
    for root in map(Path, roots):
        if not root.exists():
            raise StoreError(f"no such directory: {root}")
        if (root / "articles.parquet").exists():
            found.append(root)
            continue
        found.extend(sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith(PART_PREFIX)))
    return found


def read_part(part: str | os.PathLike) -> dict[str, pa.Table]:
    """Read and check every table of one part; PartError naming the part and the problem."""
    part = Path(part)
    tables = {}
    for name in BATCH_TABLES:
        path = part / f"{name}.parquet"
        if not path.exists():
            raise PartError(f"{part}: missing {name}.parquet")
        try:
            table = _with_added_columns(name, pq.read_table(path, page_checksum_verification=True))
            tables[name] = table.select(ARROW_SCHEMAS[name].names).cast(ARROW_SCHEMAS[name])
        except (pa.ArrowException, OSError, KeyError, ValueError) as exc:
            raise PartError(f"{part}: {name}.parquet is unreadable or not a presslens part "
                            f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})") from None
    return tables


def _with_added_columns(name: str, table: pa.Table) -> pa.Table:
    """A part table written before a column of ``ADDED_COLUMNS`` existed, with that column as nulls."""
    for table_name, column in ADDED_COLUMNS:
        if table_name == name and column not in table.column_names:
            table = table.append_column(column, pa.nulls(table.num_rows, ARROW_SCHEMAS[name].field(column).type))
    return table


def part_article_ids(parts_dir: str | os.PathLike) -> set[str]:
    """Article ids already written as parts under ``parts_dir`` (unreadable parts are ignored)."""
    ids: set[str] = set()
    root = Path(parts_dir)
    if not root.is_dir():
        return ids
    for part in find_parts([root]):
        try:
            ids.update(pq.read_table(part / "articles.parquet", columns=["id"])["id"].to_pylist())
        except (pa.ArrowException, OSError):
            continue
    return ids


@dataclass(slots=True)
class LoadResult:
    """What ``load_parts`` did: parts loaded, articles added and skipped, and the parts it refused."""

    parts: int = 0
    articles: int = 0
    skipped: int = 0
    errors: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def load_parts(store: Store, roots: Iterable[str | os.PathLike]) -> LoadResult:
    """Load every part under ``roots``; each part is one transaction, a bad part is reported and skipped."""
    result = LoadResult()
    for part, outcome in iter_load_parts(store, roots):
        if isinstance(outcome, PartError):
            result.failed.append((str(part), str(outcome)))
            continue
        result.parts += 1
        result.articles += outcome.articles
        result.skipped += outcome.skipped
        result.errors += outcome.errors
    return result


def iter_load_parts(store: Store, roots: Iterable[str | os.PathLike]) -> Iterator[tuple[Path, WriteResult | PartError]]:
    """Load parts one by one, yielding each part with its WriteResult or the PartError that stopped it."""
    for part in find_parts(roots):
        try:
            tables = read_part(part)
        except PartError as exc:
            yield part, exc
            continue
        yield part, store.write_tables(tables)
