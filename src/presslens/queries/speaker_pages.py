"""Speakers: the listing over the ``speakers`` table and the queries behind a speaker page."""

from __future__ import annotations

from typing import Any

import duckdb

from presslens.queries.common import (
    DateLike,
    Relation,
    act_param,
    day_param,
    page_params,
    records,
    text_param,
    type_param,
)

SPEAKER_COLUMNS = (
    "speaker_id",
    "name",
    "kind",
    "quotes",
    "articles",
    "outlets",
    "first_said",
    "last_said",
    "aliases",
)

# The page of speakers is chosen first; outlets and first/last dates are then counted for those
# speakers only, from the outlet and date each attribution row repeats from its article.
_SPEAKERS_SQL = """
WITH page AS (
    SELECT s.speaker_id, s.name, s.kind, s.quotes, s.articles, s.aliases
    FROM speakers s
    WHERE ($search IS NULL
           OR s.speaker_id = $search
           OR contains(lower(s.name), lower($search))
           OR contains(lower(array_to_string(s.aliases, chr(31))), lower($search)))
      AND ($kind IS NULL OR s.kind = $kind)
      AND ($speaker_id IS NULL OR s.speaker_id = $speaker_id)
      AND EXISTS (SELECT 1 FROM attributions a WHERE a.speaker_id = s.speaker_id)
    ORDER BY {order}
    LIMIT $limit OFFSET $offset
), spread AS (
    SELECT a.speaker_id, count(DISTINCT a.outlet) AS outlets,
           min(coalesce(a.said_on, a.published)) AS first_said,
           max(coalesce(a.said_on, a.published)) AS last_said
    FROM attributions a
    WHERE a.speaker_id IN (SELECT speaker_id FROM page)
    GROUP BY a.speaker_id
)
SELECT p.speaker_id, p.name, p.kind, p.quotes, p.articles, d.outlets, d.first_said, d.last_said, p.aliases
FROM page p JOIN spread d ON d.speaker_id = p.speaker_id
ORDER BY {order}
"""

# Sort keys of the speaker list: a fixed ORDER BY each (over columns of ``speakers``, alias s or p).
SPEAKER_SORT_SQL: dict[str, str] = {
    "quotes": "quotes DESC, articles DESC, name, speaker_id",
    "-quotes": "quotes ASC, articles ASC, name, speaker_id",
    "articles": "articles DESC, quotes DESC, name, speaker_id",
    "-articles": "articles ASC, quotes ASC, name, speaker_id",
    "name": "name ASC NULLS LAST, speaker_id",
    "-name": "name DESC NULLS LAST, speaker_id",
    "kind": "kind ASC NULLS LAST, quotes DESC, name, speaker_id",
    "-kind": "kind DESC NULLS LAST, quotes DESC, name, speaker_id",
}
_SPEAKERS_SQL_BY_SORT: dict[str, str] = {
    key: _SPEAKERS_SQL.replace("{order}", order) for key, order in SPEAKER_SORT_SQL.items()
}

TIME_GRAINS = ("week", "month")

# The speaker-page queries read ``quotes_by_speaker`` (``store.DERIVED_DDL``): one speaker's quotes
# stored together, newest first, with their article's outlet, date, title and URL. A database from
# before that table existed lacks it until its next ingest; the web server then gives each cursor
# a temporary view of the same rows (``presslens.web.db``).
_SPEAKER_TIMELINE_SQL = """
SELECT CAST(date_trunc($grain, q.said) AS DATE) AS period, coalesce(q.outlet, '') AS outlet, count(*) AS quotes
FROM quotes_by_speaker q
WHERE q.speaker_id = $speaker_id
  AND ($contains IS NULL OR contains(lower(q.content_text), lower($contains)))
  AND ($outlet IS NULL OR lower(q.outlet) = lower($outlet))
  AND ($since IS NULL OR q.said >= CAST($since AS DATE))
  AND ($until IS NULL OR q.said <= CAST($until AS DATE))
  AND ($type IS NULL OR q.type = $type)
  AND ($act IS NULL OR coalesce(q.act, 'speech') = $act)
GROUP BY 1, 2
ORDER BY 1 NULLS LAST, 2
"""

# Each speaker's quotes per outlet. The derived table ``speaker_outlet_counts`` holds these rows,
# rewritten with the speakers (``store.DERIVED_DDL``); a database from before that table gets them
# as a temporary view (``queries.add_derived_views``).
SPEAKER_OUTLET_ROWS = """
SELECT q.speaker_id, coalesce(q.outlet, '') AS outlet, count(*) AS quotes, count(DISTINCT q.article_id) AS articles,
       min(q.said) AS first_said, max(q.said) AS last_said
FROM quotes_by_speaker q
GROUP BY 1, 2
"""

_SPEAKER_OUTLETS_SQL = """
SELECT outlet, quotes, articles, first_said, last_said
FROM speaker_outlet_counts
WHERE speaker_id = $speaker_id
ORDER BY quotes DESC, outlet
"""

_SPEAKER_RECORD_SQL = """
SELECT speaker_id, name, kind, quotes, articles, aliases FROM speakers WHERE speaker_id = $speaker_id
"""

_SPEAKER_QUOTES_SQL = """
SELECT q.article_id, q.idx, q.speaker_id, q.speaker, q.source_name, q.source_kind, q.type,
       coalesce(q.act, 'speech') AS act, q.cue_text AS cue, q.content_text AS quote,
       q.relayed_by_text AS relayed_by, q.said_on, q.published, q.outlet, q.title, q.url
FROM quotes_by_speaker q
WHERE q.speaker_id = $speaker_id
  AND ($contains IS NULL OR contains(lower(q.content_text), lower($contains)))
  AND ($outlet IS NULL OR lower(q.outlet) = lower($outlet))
  AND ($since IS NULL OR q.said >= CAST($since AS DATE))
  AND ($until IS NULL OR q.said <= CAST($until AS DATE))
  AND ($type IS NULL OR q.type = $type)
  AND ($act IS NULL OR coalesce(q.act, 'speech') = $act)
ORDER BY q.said DESC NULLS LAST, q.article_id, q.idx
LIMIT $limit OFFSET $offset
"""


def speakers(
    con: duckdb.DuckDBPyConnection,
    *,
    search: str | None = None,
    kind: str | None = None,
    speaker_id: str | None = None,
    sort: str = "quotes",
    limit: int | None = 50,
    offset: int = 0,
) -> Relation:
    """Speakers by number of quotes (or ``sort``, a key of ``SPEAKER_SORT_SQL``); columns ``SPEAKER_COLUMNS``.

    ``search`` matches an id, or part of the display name or an alias; ``kind`` is person,
    organization, group, document or unknown.
    """
    if sort not in _SPEAKERS_SQL_BY_SORT:
        raise ValueError(f"sort must be one of {', '.join(SPEAKER_SORT_SQL)}, not {sort!r}")
    params = {
        "search": text_param(search),
        "kind": text_param(kind),
        "speaker_id": text_param(speaker_id),
        **page_params(limit, offset),
    }
    return con.sql(_SPEAKERS_SQL_BY_SORT[sort], params=params)


def speaker(con: duckdb.DuckDBPyConnection, speaker_id: str) -> dict[str, Any] | None:
    """One speaker (``SPEAKER_COLUMNS``) or None."""
    rows = records(speakers(con, speaker_id=speaker_id, limit=1))
    return rows[0] if rows else None


def speaker_timeline(
    con: duckdb.DuckDBPyConnection,
    speaker_id: str,
    *,
    grain: str = "month",
    contains: str | None = None,
    outlet: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    type: str | None = None,
    act: str | None = None,
) -> Relation:
    """Quotes of one speaker per period and outlet; columns period (first day), outlet ('' if none), quotes.

    Quotes with no date (neither said on nor published) count in rows whose period is NULL, so
    the quotes of all rows add up to the number of quotes the filters match.
    """
    if grain not in TIME_GRAINS:
        raise ValueError(f"grain must be one of {', '.join(TIME_GRAINS)}, not {grain!r}")
    params = {"grain": grain, **_speaker_filters(speaker_id, contains, outlet, since, until, type, act)}
    return con.sql(_SPEAKER_TIMELINE_SQL, params=params)


def speaker_outlets(con: duckdb.DuckDBPyConnection, speaker_id: str) -> Relation:
    """Outlets quoting one speaker, most quotes first.

    Columns outlet ('' if none), quotes, articles, first_said, last_said.
    """
    return con.sql(_SPEAKER_OUTLETS_SQL, params={"speaker_id": speaker_id})


def speaker_record(con: duckdb.DuckDBPyConnection, speaker_id: str) -> dict[str, Any] | None:
    """The ``speakers`` row of one speaker (speaker_id, name, kind, quotes, articles, aliases), or None."""
    rows = records(con.sql(_SPEAKER_RECORD_SQL, params={"speaker_id": speaker_id}))
    return rows[0] if rows else None


def speaker_quotes(
    con: duckdb.DuckDBPyConnection,
    speaker_id: str,
    *,
    contains: str | None = None,
    outlet: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    type: str | None = None,
    act: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> Relation:
    """One speaker's quotes by exact ``speaker_id``, newest first; columns ``QUOTE_COLUMNS``.

    The filters mean what they mean in ``quotes``. Reads ``quotes_by_speaker``, where the
    speaker's quotes lie together in this order. ``speaker_quote_count`` gives the total.
    """
    params = {
        **_speaker_filters(speaker_id, contains, outlet, since, until, type, act),
        **page_params(limit, offset),
    }
    return con.sql(_SPEAKER_QUOTES_SQL, params=params)


def speaker_quote_count(
    con: duckdb.DuckDBPyConnection,
    speaker_id: str,
    *,
    contains: str | None = None,
    outlet: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    type: str | None = None,
    act: str | None = None,
) -> int:
    """How many quotes ``speaker_quotes`` finds with the same filters, ignoring limit and offset."""
    rows = speaker_timeline(
        con, speaker_id, contains=contains, outlet=outlet, since=since, until=until, type=type, act=act
    ).fetchall()
    return sum(int(r[2]) for r in rows)


def _speaker_filters(
    speaker_id: str,
    contains: str | None,
    outlet: str | None,
    since: DateLike,
    until: DateLike,
    type: str | None,
    act: str | None,
) -> dict[str, Any]:
    """The checked parameters of ``speaker_quotes`` and ``speaker_timeline``."""
    type_param(type)
    return {
        "speaker_id": speaker_id,
        "contains": text_param(contains),
        "outlet": text_param(outlet),
        "since": day_param(since, "since"),
        "until": day_param(until, "until"),
        "type": type,
        "act": act_param(act),
    }
