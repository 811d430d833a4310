"""The server's read-only handle on a presslens DuckDB database.

One read-only connection is opened at start-up; each request works on its own cursor (a
DuckDB connection sharing the same database instance), which is safe across the threads
FastAPI runs synchronous endpoints in. While the server holds the file, DuckDB refuses any
read-write open of it from another process (``presslens ingest`` included): read-only
openers can share a file, a writer needs it alone.

The named queries (``presslens.queries``) return lazy DuckDB relations, which the web layer
reads at once with ``queries.records``. Building a relation parses and binds the statement
before it runs (about 2 ms a query on the development machine, a tenth of the server's
work), so requests get an ``EagerCursor``: the same statements and parameters, run with
``execute`` when read.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from presslens import queries
from presslens.web.cache import LRU

log = logging.getLogger("presslens.web")


class _Statement:
    """One statement of a named query, run with ``execute`` the first time its rows or columns are read.

    Offers what ``queries.records`` and ``queries.count`` use: ``columns``, ``fetchall()`` and
    (through a real relation, for the rare list totals) ``aggregate()``.
    """

    def __init__(self, cur: duckdb.DuckDBPyConnection, text: str, params: object) -> None:
        self._cur, self._text, self._params = cur, text, params
        self._columns: list[str] | None = None
        self._rows: list[tuple] = []

    def _run(self) -> None:
        if self._columns is None:
            result = self._cur.execute(self._text, self._params)
            rows = result.fetchall()
            self._columns = [d[0] for d in result.description]
            self._rows = rows

    @property
    def columns(self) -> list[str]:
        self._run()
        return self._columns or []

    def fetchall(self) -> list[tuple]:
        self._run()
        return self._rows

    def aggregate(self, expression: str) -> duckdb.DuckDBPyRelation:
        return self._cur.sql(self._text, params=self._params).aggregate(expression)


class EagerCursor:
    """A cursor whose ``sql(text, params=…)`` gives a ``_Statement``; everything else is the cursor's."""

    def __init__(self, cur: duckdb.DuckDBPyConnection) -> None:
        self._cur = cur

    def sql(self, text: str, params: object = None) -> _Statement:
        return _Statement(self._cur, text, params)

    def __getattr__(self, name: str) -> object:
        return getattr(self._cur, name)


def _missing_derived_tables(con: duckdb.DuckDBPyConnection, path: Path) -> frozenset[str]:
    """The derived tables (``store.DERIVED_TABLES``) the database predates, or has without a column
    added later (``store.DERIVED_COLUMNS``), logged once; warn about missing indexes too.

    Such a database is served all the same, only slower: each cursor then reads the speakers'
    quotes and the claims' speakers through temporary views (``queries.add_derived_views``), and
    quote variants and framing summaries are computed on demand.
    """
    from presslens.store import DERIVED_TABLES, missing_indexes, outdated_derived_tables

    missing = missing_indexes(con)
    names = queries.table_names(con) - outdated_derived_tables(con)
    tables = [t for t in DERIVED_TABLES if t not in names]
    if missing or tables:
        log.warning(
            "%s predates %s; pages work but are slower. The next `presslens ingest` into it adds them.",
            path,
            ", ".join(sorted(missing) + tables),
        )
    return frozenset(tables)


class DatabaseError(RuntimeError):
    """The database cannot be opened for serving; the message says why in one line."""


class Database:
    """A read-only DuckDB database shared by all requests."""

    def __init__(self, path: str | Path, *, threads: int = 1) -> None:
        from presslens.store import StoreError, connect

        self.path = Path(path)
        try:
            # external access off: SQL run by the server cannot read or write other files.
            self._con = connect(self.path, read_only=True, external_access=False)
        except StoreError as exc:
            raise DatabaseError(str(exc)) from None
        queries.set_threads(self._con, int(threads))
        self._missing = _missing_derived_tables(self._con, self.path)
        # Every derived table present and written after the last stored article: the pages may read
        # what only the derived tables hold (``queries.articles(stored=True)``).
        self.derived_current = not self._missing and not queries.speakers_outdated(self._con)
        self.cache = LRU()
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._lock = threading.Lock()
        self._closed = False

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor (an ``EagerCursor``) for the calling thread, reused by later requests on the same thread."""
        cur = getattr(self._local, "cursor", None)
        if cur is None:
            with self._lock:
                if self._closed:
                    raise DatabaseError(f"{self.path}: the database was closed")
                raw = self._con.cursor()
                self._cursors.append(raw)
            # A page of a speaker's quotes is a top-n over ``quotes_by_speaker``; DuckDB's late
            # materialization adds a second scan of the whole table, joined on row ids, to fetch the
            # other columns of the page: without it the speaker's rows are read once, columns and all.
            queries.set_late_materialization(raw, 0)
            if self._missing:
                queries.add_derived_views(raw, self._missing)
            cur = self._local.cursor = EagerCursor(raw)
        yield cur  # type: ignore[misc]  # quacks like the cursor for the named queries

    def close(self) -> None:
        """Release the file (and its lock)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            for cur in self._cursors:
                cur.close()
            self._cursors.clear()
            self._con.close()
