"""Corpus-wide speaker identity (``presslens.corpus.speakers``): what it reads, and writing its result."""

from __future__ import annotations

import duckdb
import pyarrow as pa

# One row per (article, source name) with the entity it was linked to in its article.
_SOURCES_SQL = """
SELECT a.article_id, a.source_name, mode(a.source_kind) AS kind, count(*) AS n,
       any_value(e.name) AS entity_name, any_value(e.kind) AS entity_kind
FROM attributions a
LEFT JOIN entities e ON e.article_id = a.article_id AND e.entity_id = a.entity_id
WHERE a.source_name IS NOT NULL AND trim(a.source_name) <> ''
GROUP BY a.article_id, a.source_name
"""
_PERSONS_SQL = """
SELECT DISTINCT article_id, name FROM (
    SELECT article_id, name FROM entities WHERE kind = 'person'
    UNION ALL
    SELECT article_id, unnest(aliases) AS name FROM entities WHERE kind = 'person')
WHERE name IS NOT NULL
"""
_COENTITIES_SQL = """
SELECT article_id, list(DISTINCT name) AS names FROM entities
WHERE name IS NOT NULL AND article_id IN (SELECT unnest(?::VARCHAR[]))
GROUP BY article_id
"""

# The Arrow tables ``replace_speakers`` registers on the connection, by these names.
SPEAKER_VIEWS = ("_speakers", "_speaker_map")
_CLEAR_SPEAKERS_SQL = "DELETE FROM speakers"
_INSERT_SPEAKERS_SQL = "INSERT INTO speakers BY NAME SELECT * FROM _speakers"
_LINK_SPEAKERS_SQL = (
    "UPDATE attributions SET speaker_id = m.speaker_id FROM _speaker_map m "
    "WHERE attributions.article_id = m.article_id AND attributions.source_name = m.source_name "
    "AND attributions.speaker_id IS DISTINCT FROM m.speaker_id"
)
_UNLINK_NAMELESS_SQL = "UPDATE attributions SET speaker_id = NULL WHERE speaker_id IS NOT NULL AND source_name IS NULL"

# ``meta.speakers_articles`` holds the number of articles the speakers were computed over.
_MARK_SPEAKERS_SQL = "INSERT OR REPLACE INTO meta SELECT 'speakers_articles', CAST(count(*) AS VARCHAR) FROM articles"
_SPEAKERS_MARK_SQL = "SELECT value FROM meta WHERE key = 'speakers_articles'"
_ARTICLE_COUNT_SQL = "SELECT count(*) FROM articles"


def attribution_sources(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """Every (article, source name) that has attributions.

    Columns article_id, source_name, kind (the most frequent source kind), n (attributions),
    entity_name, entity_kind (the entity the source was linked to in its article, if any).
    """
    return con.sql(_SOURCES_SQL).to_arrow_table()


def person_names(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """Every distinct (article_id, name) of a person entity, its aliases included."""
    return con.sql(_PERSONS_SQL).to_arrow_table()


def entity_names(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> list[tuple[str, list[str]]]:
    """(article_id, distinct entity names) of each of ``article_ids`` that has named entities."""
    return con.execute(_COENTITIES_SQL, [article_ids]).fetchall()


def replace_speakers(con: duckdb.DuckDBPyConnection, speakers: pa.Table, mapping: pa.Table) -> None:
    """Replace the ``speakers`` table and relink ``attributions.speaker_id`` (run inside a transaction).

    ``mapping`` has article_id, source_name and speaker_id; an attribution without a source name
    loses its speaker. The tables stay registered under ``SPEAKER_VIEWS`` until the caller
    unregisters them (``common.unregister``).
    """
    con.execute(_CLEAR_SPEAKERS_SQL)
    con.register("_speakers", speakers)
    con.register("_speaker_map", mapping)
    con.execute(_INSERT_SPEAKERS_SQL)
    con.execute(_LINK_SPEAKERS_SQL)
    con.execute(_UNLINK_NAMELESS_SQL)


def mark_speakers_current(con: duckdb.DuckDBPyConnection) -> None:
    """Record that the speakers are computed over the articles now stored."""
    con.execute(_MARK_SPEAKERS_SQL)


def speakers_outdated(con: duckdb.DuckDBPyConnection) -> bool:
    """True when articles were stored since the speakers were last computed."""
    done = con.execute(_SPEAKERS_MARK_SQL).fetchall()
    articles = con.execute(_ARTICLE_COUNT_SQL).fetchall()[0][0]
    return not done or done[0][0] != str(articles)
