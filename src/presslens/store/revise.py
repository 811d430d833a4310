"""Changing what is stored: articles replaced or superseded, metadata refreshed, the errors table kept current.

Each function runs inside the caller's transaction. The ``errors`` table holds one row per input
(its resolved path, or URL): a new failure replaces that input's row, and the row goes as soon
as a later run stores (or finds already stored) that input. Whenever articles are changed the
speakers are marked out of date, so the next ingest recomputes them and the speaker pages.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from presslens.store.ddl import CHILD_TABLES

METADATA_FIELDS = ("title", "outlet", "published", "author", "url")

_DELETE_ROWS_SQL: dict[str, str] = {
    **{name: f"DELETE FROM {name} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))" for name in CHILD_TABLES},  # noqa: S608 (fixed names)
    "articles": "DELETE FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
}
_SUPERSEDED_SQL = """
SELECT ar.id FROM articles ar
JOIN (SELECT unnest(?::VARCHAR[]) AS origin, unnest(?::VARCHAR[]) AS id) n ON n.origin = ar.origin
WHERE ar.id <> n.id
"""
_STORED_METADATA_SQL = (
    "SELECT id, title, outlet, CAST(published AS VARCHAR), author, url, origin FROM articles "
    "WHERE id IN (SELECT unnest(?::VARCHAR[]))"
)
_UPDATE_ARTICLE_SQL = """
UPDATE articles SET title = coalesce(?, title), outlet = coalesce(?, outlet), author = coalesce(?, author),
                    url = coalesce(?, url)
WHERE id = ?
"""
_UPDATE_ATTRIBUTION_OUTLET_SQL = "UPDATE attributions SET outlet = ? WHERE article_id = ? AND outlet IS DISTINCT FROM ?"
_FORGET_ERRORS_SQL = "DELETE FROM errors WHERE origin IN (SELECT unnest(?::VARCHAR[]))"
_CLEAR_ERRORS_SQL = "DELETE FROM errors"
_SPEAKERS_OUTDATED_SQL = "DELETE FROM meta WHERE key = 'speakers_articles'"


def delete_articles(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> int:
    """Remove these articles and every row of theirs; the number of articles removed."""
    wanted = sorted(set(ids))
    if not wanted:
        return 0
    for name in CHILD_TABLES:
        con.execute(_DELETE_ROWS_SQL[name], [wanted])
    removed = con.execute(_DELETE_ROWS_SQL["articles"], [wanted]).fetchall()
    con.execute(_SPEAKERS_OUTDATED_SQL)
    return int(removed[0][0]) if removed else 0


def superseded(con: duckdb.DuckDBPyConnection, articles: Iterable[tuple[str, str]]) -> list[str]:
    """Ids of stored articles read from the same origin as one of ``(origin, id)`` but with other text."""
    pairs = [(o, i) for o, i in articles if o]
    if not pairs:
        return []
    rows = con.execute(_SUPERSEDED_SQL, [[o for o, _ in pairs], [i for _, i in pairs]]).fetchall()
    return sorted({r[0] for r in rows})


def stored_metadata(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> dict[str, dict[str, str | None]]:
    """The stored metadata (``METADATA_FIELDS`` and origin) of those of ``ids`` that are stored."""
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    rows = con.execute(_STORED_METADATA_SQL, [wanted]).fetchall()
    return {r[0]: dict(zip((*METADATA_FIELDS, "origin"), r[1:], strict=True)) for r in rows}


def update_metadata(con: duckdb.DuckDBPyConnection, updates: dict[str, dict[str, str]]) -> int:
    """Set the title, outlet, author and url given for each article id (published needs a new analysis)."""
    for article_id, values in updates.items():
        con.execute(_UPDATE_ARTICLE_SQL, [values.get("title"), values.get("outlet"), values.get("author"),
                                          values.get("url"), article_id])
        if values.get("outlet"):
            con.execute(_UPDATE_ATTRIBUTION_OUTLET_SQL, [values["outlet"], article_id, values["outlet"]])
    if updates:
        con.execute(_SPEAKERS_OUTDATED_SQL)
    return len(updates)


def forget_errors(con: duckdb.DuckDBPyConnection, origins: Iterable[str]) -> None:
    """Remove the error rows of these inputs (stored now, or about to get a fresh row)."""
    wanted = sorted({o for o in origins if o})
    if wanted:
        con.execute(_FORGET_ERRORS_SQL, [wanted])


def clear_errors(con: duckdb.DuckDBPyConnection) -> int:
    """Remove every error row; how many there were."""
    removed = con.execute(_CLEAR_ERRORS_SQL).fetchall()
    return int(removed[0][0]) if removed else 0
