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

# Each article's number of attributions (articles without any count 0), text length and place in
# the default order (newest first). The derived table ``article_counts`` holds these rows, rewritten
# with the speakers (``store.DERIVED_DDL``); it is read only when the speakers are current
# (``articles(stored=True)``: every article then has its row), else the list counts live.
ARTICLE_COUNT_ROWS = """
SELECT ar.id, coalesce(n.attributions, 0) AS attributions, length(ar.text) AS chars,
       row_number() OVER (ORDER BY ar.published DESC NULLS LAST, ar.id) AS published_rank
FROM articles ar
LEFT JOIN (SELECT article_id, count(*) AS attributions FROM attributions GROUP BY article_id) n ON n.article_id = ar.id
"""

# The page of articles is chosen first; its attributions and length are then read for those
# articles only (sorting by attributions reads them for every article that passes the filters).
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
){counted}
SELECT * FROM (
    SELECT ar.id, ar.published, ar.outlet, ar.title, ar.author, ar.url, ar.origin,
           {chars} AS chars, coalesce(c.attributions, 0) AS attributions
    FROM page p
    JOIN articles ar ON ar.id = p.id
    LEFT JOIN {counts} c ON c.{counts_id} = p.id
)
ORDER BY {order}
"""
# Counted live: the attributions of the page's articles (and of all of them to sort by them).
_LIVE = {
    "{counted}": """, counted AS (
    SELECT a.article_id, count(*) AS attributions
    FROM attributions a
    WHERE a.article_id IN (SELECT id FROM page)
    GROUP BY a.article_id
)""",
    "{chars}": "length(ar.text)",
    "{counts}": "counted",
    "{counts_id}": "article_id",
    "{page_join}": "\n    LEFT JOIN (SELECT article_id, count(*) AS n FROM attributions GROUP BY article_id) n"
    " ON n.article_id = ar.id",
    "{page_count}": ", coalesce(n.n, 0) AS attributions",
}
# Read from ``article_counts``, which also spares reading the page's texts for their length.
_STORED = {
    "{counted}": "",
    "{chars}": "c.chars",
    "{counts}": "article_counts",
    "{counts_id}": "id",
    "{page_join}": "\n    LEFT JOIN article_counts n ON n.id = ar.id",
    "{page_count}": ", coalesce(n.attributions, 0) AS attributions",
}


def _articles_sql(order_key: str, fragments: dict[str, str]) -> str:
    text = _ARTICLES_SQL.replace("{order}", ARTICLE_SORT_SQL[order_key])
    sorted_by_count = "attributions" in order_key
    for name, fragment in fragments.items():
        if name in ("{page_join}", "{page_count}") and not sorted_by_count:
            fragment = ""
        text = text.replace(name, fragment)
    return text


_ARTICLES_SQL_BY_SORT: dict[tuple[str, bool], str] = {
    (key, stored): _articles_sql(key, _STORED if stored else _LIVE)
    for key in ARTICLE_SORT_SQL
    for stored in (False, True)
}
# Unfiltered and newest first (the default list): the page is a range of ``published_rank``.
_RANKED_ARTICLES_SQL = f"""
SELECT * FROM (
    SELECT ar.id, ar.published, ar.outlet, ar.title, ar.author, ar.url, ar.origin, n.chars,
           n.attributions
    FROM article_counts n JOIN articles ar ON ar.id = n.id
    WHERE n.published_rank > $offset AND n.published_rank <= $offset + $limit
)
ORDER BY {ARTICLE_SORT_SQL["published"]}
"""  # noqa: S608 (a fixed ORDER BY)

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
    stored: bool = False,
) -> Relation:
    """Articles, newest first (or ``sort``, a key of ``ARTICLE_SORT_SQL``); columns ``ARTICLE_COLUMNS``
    (``chars`` is the text length).

    ``contains`` matches the title or text; ``speaker_id`` keeps articles quoting that speaker.
    ``stored``: read each article's attributions and length from ``article_counts`` (only when the
    speakers are current, ``speakers_outdated`` false: an article stored since has no row there).
    """
    if sort not in ARTICLE_SORT_SQL:
        raise ValueError(f"sort must be one of {', '.join(ARTICLE_SORT_SQL)}, not {sort!r}")
    params = {
        "outlet": text_param(outlet),
        "since": day_param(since, "since"),
        "until": day_param(until, "until"),
        "contains": text_param(contains),
        "speaker_id": text_param(speaker_id),
        **page_params(limit, offset),
    }
    unfiltered = all(params[name] is None for name in ("outlet", "since", "until", "contains", "speaker_id"))
    if stored and sort == "published" and unfiltered and params["limit"] is not None:
        return con.sql(_RANKED_ARTICLES_SQL, params={"limit": params["limit"], "offset": params["offset"]})
    return con.sql(_ARTICLES_SQL_BY_SORT[sort, stored], params=params)


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
