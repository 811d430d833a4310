"""Statements about the database rather than its contents: which tables it has, how it runs."""

from __future__ import annotations

import duckdb

_MAIN_TABLES_SQL = "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'"
_SET_THREADS_SQL = "SET threads = $threads"
_SET_LATE_MATERIALIZATION_SQL = "SET late_materialization_max_rows = $rows"


def table_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The names of the database's own tables (schema ``main``)."""
    return {r[0] for r in con.execute(_MAIN_TABLES_SQL).fetchall()}


def set_threads(con: duckdb.DuckDBPyConnection, threads: int) -> None:
    """Let DuckDB use ``threads`` threads on this connection's database."""
    con.execute(_SET_THREADS_SQL, {"threads": threads})


def set_late_materialization(con: duckdb.DuckDBPyConnection, rows: int) -> None:
    """On this connection (a session setting), let DuckDB read a top-n query's other columns in a second
    pass over the table only when the LIMIT is at most ``rows`` (0: never; DuckDB's default is 50)."""
    con.execute(_SET_LATE_MATERIALIZATION_SQL, {"rows": rows})
