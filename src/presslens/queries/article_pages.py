"""Articles: the listing and one article with everything found in it."""

from __future__ import annotations

from typing import Any

import duckdb

from presslens.queries.common import DateLike, Relation, day_param, page_params, records, text_param

ARTICLE_COLUMNS = ("id", "published", "outlet", "title", "author", "url", "origin", "chars", "attributions")

# Sort keys of the article list: a fixed ORDER BY each over the page's columns (published, title,
# outlet, attributions, id). Newest first by default; text A–Z; "-" reverses.
ARTICLE_SORT_SQL: dict[str, str] = {
    "published": "published DESC NULLS LAST, id",
    "-published": "published ASC NULLS LAST, id",
    "title": "title ASC NULLS LAST, published DESC NULLS LAST, id",
    "-title": "title DESC NULLS LAST, published DESC NULLS LAST, id",
    "outlet": "outlet ASC NULLS LAST, published DESC NULLS LAST, id",
    "-outlet": "outlet DESC NULLS LAST, published DESC NULLS LAST, id",
    "attributions": "attributions DESC, published DESC NULLS LAST, id",
    "-attributions": "attributions ASC, published DESC NULLS LAST, id",
}

# Each article's number of attributions (articles without any count 0). The derived table
# ``article_counts`` holds these rows, rewritten with the speakers (``store.DERIVED_DDL``); a database
# from before that table gets them as a temporary view (``queries.add_derived_views``).
ARTICLE_COUNT_ROWS = """
SELECT ar.id, count(a.article_id) AS attributions
FROM articles ar LEFT JOIN attributions a ON a.article_id = ar.id
GROUP BY ar.id
"""

# The page of articles is chosen first; its attributions are then read from ``article_counts``
# (sorting by attributions reads them for every article that passes the filters first). An
# article stored since the last speaker update has no row there yet and shows 0.
_ARTICLES_SQL = """
WITH page AS (
    SELECT ar.id, ar.published, ar.title, ar.outlet{page_count}
    FROM articles ar{page_join}
    WHERE ($outlet IS NULL OR lower(ar.outlet) = lower($outlet))
      AND ($since IS NULL OR ar.published >= CAST($since AS DATE))
      AND ($until IS NULL OR ar.published <= CAST($until AS DATE))
      AND ($contains IS NULL OR contains(lower(ar.title), lower($contains))
           OR contains(lower(ar.text), lower($contains)))
      AND ($speaker_id IS NULL OR EXISTS (
            SELECT 1 FROM attributions a WHERE a.article_id = ar.id AND a.speaker_id = $speaker_id))
    ORDER BY {order}
    LIMIT $limit OFFSET $offset
)
SELECT * FROM (
    SELECT ar.id, ar.published, ar.outlet, ar.title, ar.author, ar.url, ar.origin,
           length(ar.text) AS chars, coalesce(n.attributions, 0) AS attributions
    FROM page p
    JOIN articles ar ON ar.id = p.id
    LEFT JOIN article_counts n ON n.id = p.id
)
ORDER BY {order}
"""
_COUNT_JOIN = "\n    LEFT JOIN article_counts n ON n.id = ar.id"
_ARTICLES_SQL_BY_SORT: dict[str, str] = {
    key: _ARTICLES_SQL.replace("{order}", order)
    .replace("{page_count}", ", coalesce(n.attributions, 0) AS attributions" if "attributions" in key else "")
    .replace("{page_join}", _COUNT_JOIN if "attributions" in key else "")
    for key, order in ARTICLE_SORT_SQL.items()
}

_ARTICLE_SQL = """
SELECT id, url, outlet, title, author, published, text, origin, warnings, ingested_at
FROM articles WHERE id = $id
"""
_ARTICLE_ATTRIBUTIONS_SQL = """
SELECT a.*, s.name AS speaker FROM attributions a LEFT JOIN speakers s ON s.speaker_id = a.speaker_id
WHERE a.article_id = $id ORDER BY a.idx
"""
# The mentions are filtered on ``$id`` themselves, so they are read through their article_id index
# (a join on ``e.article_id`` scanned every mention).
_ARTICLE_ENTITIES_SQL = """
SELECT e.entity_id, e.name, e.kind, e.aliases,
       coalesce(list(struct_pack(start_char := m.start_char, end_char := m.end_char, text := m.text)
                     ORDER BY m.idx) FILTER (WHERE m.idx IS NOT NULL), []) AS mentions
FROM entities e
LEFT JOIN (SELECT * FROM mentions WHERE article_id = $id) m ON m.entity_id = e.entity_id
WHERE e.article_id = $id
GROUP BY e.entity_id, e.name, e.kind, e.aliases
ORDER BY e.entity_id
"""
_ARTICLE_DATES_SQL = (
    "SELECT idx, start_char, end_char, text, value, grain FROM dates WHERE article_id = $id ORDER BY idx"
)
# ``c.*``: a database written before ``claims.quantities`` existed still reads (the column is
# then missing and the record says no quantities). Quantities of such a database were stored per
# claim, numbered within their claim; ordering by offset keeps them in text order.
_ARTICLE_CLAIMS_SQL = "SELECT c.* FROM claims c WHERE c.article_id = $id ORDER BY c.idx"
_ARTICLE_QUANTITIES_SQL = """
SELECT claim_idx, idx, text, comparator, value, value_high, unit, measured, start_char, end_char
FROM quantities WHERE article_id = $id ORDER BY start_char NULLS LAST, idx
"""
_ARTICLE_FRAMING_SQL = "SELECT idx, start_char, end_char, text, technique, score FROM framing WHERE article_id = $id ORDER BY idx"


def articles(
    con: duckdb.DuckDBPyConnection,
    *,
    outlet: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    contains: str | None = None,
    speaker_id: str | None = None,
    sort: str = "published",
    limit: int | None = 50,
    offset: int = 0,
) -> Relation:
    """Articles, newest first (or ``sort``, a key of ``ARTICLE_SORT_SQL``); columns ``ARTICLE_COLUMNS``
    (``chars`` is the text length).

    ``contains`` matches the title or text; ``speaker_id`` keeps articles quoting that speaker.
    """
    if sort not in _ARTICLES_SQL_BY_SORT:
        raise ValueError(f"sort must be one of {', '.join(ARTICLE_SORT_SQL)}, not {sort!r}")
    params = {
        "outlet": text_param(outlet),
        "since": day_param(since, "since"),
        "until": day_param(until, "until"),
        "contains": text_param(contains),
        "speaker_id": text_param(speaker_id),
        **page_params(limit, offset),
    }
    return con.sql(_ARTICLES_SQL_BY_SORT[sort], params=params)


def article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """One article with everything found in it, or None.

    Keys: the ``articles`` columns plus ``attributions``, ``entities`` (with ``mentions``),
    ``dates``, ``quantities``, ``claims`` (each with the indexes of its quantities) and ``framing``,
    each a list of dicts.
    """
    params = {"id": article_id}
    rows = records(con.sql(_ARTICLE_SQL, params=params))
    if not rows:
        return None
    result = rows[0]
    result["attributions"] = records(con.sql(_ARTICLE_ATTRIBUTIONS_SQL, params=params))
    result["entities"] = records(con.sql(_ARTICLE_ENTITIES_SQL, params=params))
    result["dates"] = records(con.sql(_ARTICLE_DATES_SQL, params=params))
    result["quantities"] = records(con.sql(_ARTICLE_QUANTITIES_SQL, params=params))
    result["claims"] = records(con.sql(_ARTICLE_CLAIMS_SQL, params=params))
    result["framing"] = records(con.sql(_ARTICLE_FRAMING_SQL, params=params))
    return result
