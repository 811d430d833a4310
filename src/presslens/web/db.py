"""The server's read-only handle on a presslens DuckDB database.

One read-only connection is opened at start-up; each request works on its own cursor (a
DuckDB connection sharing the same database instance), which is safe across the threads
FastAPI runs synchronous endpoints in. While the server holds the file, DuckDB refuses any
read-write open of it from another process (``presslens ingest`` included): read-only
openers can share a file, a writer needs it alone.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from presslens.web.data import LRU


class DatabaseError(RuntimeError):
    """The database cannot be opened for serving; the message says why in one line."""


class Database:
    """A read-only DuckDB database shared by all requests."""

    def __init__(self, path: str | Path, *, threads: int = 2) -> None:
        from presslens.store import StoreError, connect

        self.path = Path(path)
        try:
            # external access off: SQL run by the server cannot read or write other files.
            self._con = connect(self.path, read_only=True, external_access=False)
        except StoreError as exc:
            raise DatabaseError(str(exc)) from None
        self._con.execute(f"SET threads = {int(threads)}")
        self.cache = LRU()
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._lock = threading.Lock()
        self._closed = False

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for the calling thread, reused by later requests on the same thread."""
        cur = getattr(self._local, "cursor", None)
        if cur is None:
            with self._lock:
                if self._closed:
                    raise DatabaseError(f"{self.path}: the database was closed")
                cur = self._con.cursor()
                self._cursors.append(cur)
            self._local.cursor = cur
        yield cur

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
