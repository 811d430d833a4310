"""Named entities across the corpus: people, organisations and places mentioned (not only speakers).

An entity across articles is its name (any case) and kind. Its mentions are the ``mentions`` rows
of each article's entity (an entity without mention rows counts once). Where the entity is the
source of attributions, ``speaker_id`` is the speaker most of them resolve to.
"""

from __future__ import annotations

import duckdb

from presslens.queries.common import DateLike, Relation, day_param, page_params, text_param

ENTITY_SORT_SQL: dict[str, str] = {
    "mentions": "mentions DESC, articles DESC, name, kind",
    "-mentions": "mentions ASC, articles ASC, name, kind",
    "articles": "articles DESC, mentions DESC, name, kind",
    "-articles": "articles ASC, mentions ASC, name, kind",
    "name": "name ASC, kind",
    "-name": "name DESC, kind",
    "kind": "kind ASC, mentions DESC, name",
    "-kind": "kind DESC, mentions DESC, name",
    "last": "last_seen DESC NULLS LAST, mentions DESC, name",
    "-last": "last_seen ASC NULLS LAST, mentions DESC, name",
}

_ENTITY_ROWS = """
WITH ent AS (
    SELECT e.article_id, e.entity_id, e.name, e.kind, lower(e.name) AS key, ar.outlet, ar.published
    FROM entities e JOIN articles ar ON ar.id = e.article_id
    WHERE e.name IS NOT NULL
      AND ($kind IS NULL OR e.kind = $kind)
      AND ($outlet IS NULL OR lower(ar.outlet) = lower($outlet))
      AND ($since IS NULL OR ar.published >= CAST($since AS DATE))
      AND ($until IS NULL OR ar.published <= CAST($until AS DATE))
), counted AS (
    SELECT ent.*, greatest(coalesce(m.n, 0), 1) AS mentions
    FROM ent LEFT JOIN (SELECT article_id, entity_id, count(*) AS n FROM mentions GROUP BY ALL) m
      ON m.article_id = ent.article_id AND m.entity_id = ent.entity_id
)
"""

_ENTITIES_SQL_BASE = _ENTITY_ROWS + """
, grouped AS (
    SELECT key, kind, mode(name) AS name, sum(mentions) AS mentions, count(DISTINCT article_id) AS articles,
           count(DISTINCT outlet) AS outlets, min(published) AS first_seen, max(published) AS last_seen
    FROM counted
    WHERE ($q IS NULL OR contains(key, lower($q)))
    GROUP BY key, kind
), page AS (
    SELECT *, count(*) OVER () AS total FROM grouped
    ORDER BY {order}
    LIMIT $limit OFFSET $offset
), linked AS (
    SELECT lower(e.name) AS key, e.kind, mode(a.speaker_id) AS speaker_id
    FROM entities e JOIN attributions a ON a.article_id = e.article_id AND a.entity_id = e.entity_id
    WHERE a.speaker_id IS NOT NULL AND lower(e.name) IN (SELECT key FROM page)
    GROUP BY 1, 2
)
SELECT * FROM (
    SELECT p.name, p.kind, p.mentions, p.articles, p.outlets, p.first_seen, p.last_seen, l.speaker_id, p.total
    FROM page p LEFT JOIN linked l ON l.key = p.key AND l.kind = p.kind
)
ORDER BY {order}
"""  # noqa: S608 (fixed SQL fragments, no values)
_ENTITIES_SQL: dict[str, str] = {k: _ENTITIES_SQL_BASE.replace("{order}", v) for k, v in ENTITY_SORT_SQL.items()}

_ENTITY_TIMELINE_SQL = _ENTITY_ROWS + """
SELECT CAST(date_trunc($grain, published) AS DATE) AS period, coalesce(outlet, '') AS outlet,
       sum(mentions) AS mentions, count(DISTINCT article_id) AS articles
FROM counted WHERE key = lower($name)
GROUP BY 1, 2 ORDER BY 1 NULLS LAST, 2
"""

_ENTITY_ARTICLES_SQL = _ENTITY_ROWS + """
SELECT c.article_id, c.mentions, ar.title, ar.outlet, ar.published, ar.url, count(*) OVER () AS total
FROM counted c JOIN articles ar ON ar.id = c.article_id
WHERE c.key = lower($name)
ORDER BY ar.published DESC NULLS LAST, c.article_id
LIMIT $limit OFFSET $offset
"""

_ENTITY_KINDS_SQL = "SELECT kind, count(*) AS n FROM entities GROUP BY kind ORDER BY n DESC, kind"


def _filters(kind: str | None, outlet: str | None, since: DateLike, until: DateLike) -> dict[str, object]:
    return {"kind": text_param(kind), "outlet": text_param(outlet), "since": day_param(since, "since"),
            "until": day_param(until, "until")}


def corpus_entities(
    con: duckdb.DuckDBPyConnection, *, q: str | None = None, kind: str | None = None, outlet: str | None = None,
    since: DateLike = None, until: DateLike = None, sort: str = "mentions", limit: int | None = 50, offset: int = 0,
) -> Relation:
    """Entities across articles, sorted by ``sort`` (a key of ``ENTITY_SORT_SQL``).

    Columns name (its most frequent spelling), kind, mentions, articles, outlets, first_seen,
    last_seen (publication days), speaker_id (None when never a linked source), total.
    """
    if sort not in _ENTITIES_SQL:
        raise ValueError(f"sort must be one of {', '.join(ENTITY_SORT_SQL)}, not {sort!r}")
    params = {**_filters(kind, outlet, since, until), "q": text_param(q), **page_params(limit, offset)}
    return con.sql(_ENTITIES_SQL[sort], params=params)


def entity_timeline(con: duckdb.DuckDBPyConnection, name: str, *, kind: str | None = None,
                    grain: str = "month") -> Relation:
    """Mentions of one entity (name, any case) per period of publication and outlet.

    Columns period (None: undated articles), outlet ('' for none), mentions, articles.
    """
    if grain not in ("week", "month", "year"):
        raise ValueError(f"grain must be week, month or year, not {grain!r}")
    params = {**_filters(kind, None, None, None), "name": name, "grain": grain}
    return con.sql(_ENTITY_TIMELINE_SQL, params=params)


def entity_articles(con: duckdb.DuckDBPyConnection, name: str, *, kind: str | None = None,
                    limit: int | None = 50, offset: int = 0) -> Relation:
    """Articles mentioning one entity, newest first; columns article_id, mentions, title, outlet, published,
    url, total."""
    params = {**_filters(kind, None, None, None), "name": name, **page_params(limit, offset)}
    return con.sql(_ENTITY_ARTICLES_SQL, params=params)


def entity_kinds(con: duckdb.DuckDBPyConnection) -> Relation:
    """Entity kinds with their number of per-article entities; columns kind, n."""
    return con.sql(_ENTITY_KINDS_SQL)
