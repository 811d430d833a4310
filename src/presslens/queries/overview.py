"""Corpus-wide summaries: totals, outlets, check-worthy claims, framing techniques, failed documents."""

from __future__ import annotations

from typing import Any

import duckdb

from presslens.queries.common import DateLike, Relation, day_param, page_params, records, text_param

_STATS_SQL = """
SELECT (SELECT count(*) FROM articles) AS articles,
       (SELECT count(*) FROM attributions) AS attributions,
       (SELECT count(*) FROM speakers) AS speakers,
       (SELECT count(DISTINCT outlet) FROM articles) AS outlets,
       (SELECT count(*) FROM entities) AS entities,
       (SELECT count(*) FROM dates) AS dates,
       (SELECT count(*) FROM claims) AS claims,
       (SELECT count(*) FROM framing) AS framing,
       (SELECT count(*) FROM errors) AS errors,
       (SELECT min(published) FROM articles) AS first_published,
       (SELECT max(published) FROM articles) AS last_published,
       (SELECT value FROM meta WHERE key = 'schema_version') AS schema_version
"""

_OUTLETS_SQL = """
SELECT ar.outlet, count(*) AS articles,
       sum((SELECT count(*) FROM attributions a WHERE a.article_id = ar.id)) AS attributions,
       min(ar.published) AS first_published, max(ar.published) AS last_published
FROM articles ar
GROUP BY ar.outlet
ORDER BY articles DESC, ar.outlet NULLS LAST
LIMIT $limit OFFSET $offset
"""

_OUTLET_TYPES_SQL = """
SELECT ar.outlet,
       count(*) FILTER (WHERE a.type = 'direct') AS direct,
       count(*) FILTER (WHERE a.type = 'indirect') AS indirect,
       count(*) FILTER (WHERE a.type = 'mixed') AS mixed,
       count(*) AS attributions
FROM attributions a JOIN articles ar ON ar.id = a.article_id
WHERE ($outlets IS NULL OR list_contains($outlets::VARCHAR[], ar.outlet))
GROUP BY ar.outlet
ORDER BY attributions DESC, ar.outlet NULLS LAST
"""

_OUTLET_TOP_SPEAKERS_SQL = """
SELECT outlet, speaker_id, speaker, quotes FROM (
    SELECT ar.outlet, a.speaker_id, coalesce(s.name, a.source_name) AS speaker, count(*) AS quotes,
           row_number() OVER (PARTITION BY ar.outlet
                              ORDER BY count(*) DESC, coalesce(s.name, a.source_name)) AS rank
    FROM attributions a
    JOIN articles ar ON ar.id = a.article_id
    LEFT JOIN speakers s ON s.speaker_id = a.speaker_id
    WHERE coalesce(s.name, a.source_name) IS NOT NULL
      AND ($outlets IS NULL OR list_contains($outlets::VARCHAR[], ar.outlet))
    GROUP BY ar.outlet, a.speaker_id, coalesce(s.name, a.source_name)
)
WHERE rank <= $per_outlet
ORDER BY outlet NULLS LAST, rank
"""

_CLAIMS_SQL = """
SELECT c.article_id, c.idx, c.text, c.checkworthy, c.speaker, coalesce(c.said_on, ar.published) AS said_on,
       ar.published, ar.outlet, ar.title, ar.url
FROM claims c JOIN articles ar ON ar.id = c.article_id
WHERE c.checkworthy >= $min_score
  AND ($contains IS NULL OR contains(lower(c.text), lower($contains)))
  AND ($speaker IS NULL OR contains(lower(c.speaker), lower($speaker)))
  AND ($outlet IS NULL OR lower(ar.outlet) = lower($outlet))
  AND ($since IS NULL OR coalesce(c.said_on, ar.published) >= CAST($since AS DATE))
  AND ($until IS NULL OR coalesce(c.said_on, ar.published) <= CAST($until AS DATE))
ORDER BY c.checkworthy DESC, c.article_id, c.idx
LIMIT $limit OFFSET $offset
"""

_FRAMING_SQL = """
SELECT f.technique, count(*) AS spans, count(DISTINCT f.article_id) AS articles, avg(f.score) AS mean_score
FROM framing f JOIN articles ar ON ar.id = f.article_id
WHERE ($outlet IS NULL OR lower(ar.outlet) = lower($outlet))
GROUP BY f.technique
ORDER BY spans DESC, f.technique
LIMIT $limit OFFSET $offset
"""

_ERRORS_SQL = """
SELECT origin, reason, failed_at FROM errors
WHERE ($contains IS NULL OR contains(lower(origin), lower($contains)) OR contains(lower(reason), lower($contains)))
ORDER BY failed_at DESC, origin
LIMIT $limit OFFSET $offset
"""


def stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Corpus totals: articles, attributions, speakers, outlets, entities, dates, claims, framing,
    errors, first_published, last_published, schema_version."""
    return records(con.sql(_STATS_SQL))[0]


def outlets(con: duckdb.DuckDBPyConnection, *, limit: int | None = 100, offset: int = 0) -> Relation:
    """Outlets by number of articles; columns outlet, articles, attributions, first_published, last_published."""
    return con.sql(_OUTLETS_SQL, params=page_params(limit, offset))


def outlet_attribution_types(con: duckdb.DuckDBPyConnection, *, outlets: list[str] | None = None) -> Relation:
    """Per outlet, attributions by type; columns outlet, direct, indirect, mixed, attributions."""
    return con.sql(_OUTLET_TYPES_SQL, params={"outlets": outlets})


def outlet_top_speakers(
    con: duckdb.DuckDBPyConnection, *, per_outlet: int = 5, outlets: list[str] | None = None
) -> Relation:
    """The ``per_outlet`` most-quoted speakers of each outlet; columns outlet, speaker_id, speaker, quotes."""
    return con.sql(_OUTLET_TOP_SPEAKERS_SQL, params={"per_outlet": int(per_outlet), "outlets": outlets})


def claims(
    con: duckdb.DuckDBPyConnection, *, min_score: float = 0.5, contains: str | None = None,
    speaker: str | None = None, outlet: str | None = None, since: DateLike = None, until: DateLike = None,
    limit: int | None = 100, offset: int = 0,
) -> Relation:
    """Check-worthy claims, most check-worthy first.

    Columns: article_id, idx, text, checkworthy, speaker, said_on, published, outlet, title, url.
    """
    params = {"min_score": float(min_score), "contains": text_param(contains),
              "speaker": text_param(speaker), "outlet": text_param(outlet),
              "since": day_param(since, "since"), "until": day_param(until, "until"),
              **page_params(limit, offset)}
    return con.sql(_CLAIMS_SQL, params=params)


def framing_techniques(
    con: duckdb.DuckDBPyConnection, *, outlet: str | None = None, limit: int | None = 50, offset: int = 0
) -> Relation:
    """Framing techniques by number of spans; columns technique, spans, articles, mean_score."""
    return con.sql(_FRAMING_SQL, params={"outlet": text_param(outlet), **page_params(limit, offset)})


def errors(
    con: duckdb.DuckDBPyConnection, *, contains: str | None = None, limit: int | None = 100, offset: int = 0
) -> Relation:
    """Documents that could not be analysed, newest first; columns origin, reason, failed_at."""
    return con.sql(_ERRORS_SQL, params={"contains": text_param(contains), **page_params(limit, offset)})
