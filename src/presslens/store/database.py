"""Opening a corpus database (created whole or not at all, schema checked) and the ``Store`` that writes batches.

Every batch of Analyses is turned into one Arrow table per SQL table and written with one
``INSERT … SELECT`` per table inside a single transaction: a batch is either fully committed or
absent, which is what makes an interrupted ingest resumable. A database written by another
schema version is refused with a message saying what to do.
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from presslens.schema import Analysis, InputError
from presslens.store.ddl import (
    ALL_TABLES,
    BATCH_TABLES,
    DERIVED_TABLES,
    SCHEMA_VERSION,
    add_columns,
    add_derived_tables,
    add_indexes,
    create_schema,
    missing_columns,
    missing_indexes,
    outdated_derived_tables,
    transaction,
)
from presslens.store.revise import (
    clear_errors,
    delete_articles,
    forget_errors,
    stored_metadata,
    superseded,
    update_metadata,
)
from presslens.store.rows import to_tables, without_articles

# One fixed statement per table; the Arrow batch is registered as the view ``_batch``.
_INSERT_SQL: dict[str, str] = {
    **{name: f"INSERT INTO {name} BY NAME SELECT * FROM _batch" for name in BATCH_TABLES},  # noqa: S608 (fixed names)
    # One row per input: the batch's origins were forgotten first (``revise.forget_errors``).
    "errors": (
        "INSERT INTO errors BY NAME SELECT origin, arg_max(reason, failed_at) AS reason, max(failed_at) AS failed_at "
        "FROM _batch GROUP BY origin"
    ),
}
_COUNT_SQL: dict[str, str] = {name: f"SELECT count(*) FROM {name}" for name in ALL_TABLES}  # noqa: S608 (fixed names)


class StoreError(Exception):
    """A database that cannot be used; the message is one clear line."""


class PartError(StoreError):
    """A Parquet part that cannot be read."""


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


def connect(
    path: str | os.PathLike, *, read_only: bool = False, external_access: bool = True, create: bool = True
) -> duckdb.DuckDBPyConnection:
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
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()
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
    if writable and missing_columns(con):
        add_columns(con)
    if writable and missing_indexes(con):
        add_indexes(con)
    if writable and (not names.issuperset(DERIVED_TABLES) or outdated_derived_tables(con)):
        add_derived_tables(con)


def _version_message(path: Path, found: int | None) -> str:
    if found is None:
        return f"{path} has no readable schema version; it was not written by presslens"
    if found > SCHEMA_VERSION:
        return (
            f"{path} uses corpus schema version {found}, newer than this presslens supports "
            f"({SCHEMA_VERSION}); upgrade presslens"
        )
    return (
        f"{path} uses corpus schema version {found}, older than this presslens ({SCHEMA_VERSION}); "
        "re-ingest the articles into a new database"
    )


@dataclass(slots=True)
class WriteResult:
    """What one committed batch added."""

    articles: int = 0
    skipped: int = 0
    errors: int = 0
    attributions: int = 0
    removed: int = 0  # stored articles replaced or superseded


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
        rows = self.con.execute(
            "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [wanted]
        ).fetchall()
        return {r[0] for r in rows}

    def write(
        self,
        analyses: Sequence[Analysis],
        errors: Sequence[InputError] = (),
        *,
        replace: Iterable[str] = (),
        supersede: bool = False,
        forget: Iterable[str] = (),
    ) -> WriteResult:
        """Store one batch of Analyses and errors in one transaction (options as ``write_tables``)."""
        return self.write_tables(
            to_tables(analyses, errors), replace=replace, supersede=supersede, forget=forget
        )

    def write_tables(
        self,
        tables: dict[str, pa.Table],
        *,
        replace: Iterable[str] = (),
        supersede: bool = False,
        forget: Iterable[str] = (),
    ) -> WriteResult:
        """Insert the batch tables in one transaction, leaving out articles already stored.

        ``replace``: ids of stored articles to remove first (they are stored again from this batch);
        ``supersede``: also remove stored articles read from the same origin as a new one but with
        other text (an edited file); ``forget``: inputs whose error rows go (the batch's own error
        rows replace those of the same input).
        """
        con = self.con
        try:
            with transaction(con):
                ids = tables["articles"]["id"].to_pylist()
                removed = delete_articles(con, replace)
                if supersede:
                    removed += delete_articles(
                        con, superseded(con, zip(tables["articles"]["origin"].to_pylist(), ids, strict=True))
                    )
                forget_errors(con, [*forget, *tables["errors"]["origin"].to_pylist()])
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
                raise StoreError(
                    f"could not write to {self.path}: {_first_line(exc)}; the batch was not "
                    "stored (committed batches are kept)"
                ) from exc
            raise
        return WriteResult(
            articles=fresh["articles"].num_rows,
            skipped=len(set(ids)) - fresh["articles"].num_rows,
            errors=tables["errors"].num_rows,
            attributions=fresh["attributions"].num_rows,
            removed=removed,
        )

    def stored_metadata(self, ids: Iterable[str]) -> dict[str, dict[str, str | None]]:
        """Title, outlet, published, author, url and origin of those of ``ids`` already stored."""
        return stored_metadata(self.con, ids)

    def update_metadata(self, updates: dict[str, dict[str, str]]) -> int:
        """Refresh title, outlet, author and url of stored articles, in one transaction."""
        with transaction(self.con):
            return update_metadata(self.con, updates)

    def forget_errors(self, origins: Iterable[str]) -> None:
        """Remove the error rows of these inputs (found stored by a later run)."""
        with transaction(self.con):
            forget_errors(self.con, origins)

    def clear_errors(self) -> int:
        """Empty the errors table; the number of rows removed."""
        with transaction(self.con):
            return clear_errors(self.con)

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {name: self.con.execute(_COUNT_SQL[name]).fetchall()[0][0] for name in ALL_TABLES}
