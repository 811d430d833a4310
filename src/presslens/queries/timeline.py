"""Volume over time across the corpus, and quote search with date and type filters, a timeline and facets.

The search conditions are those of ``queries.search_quotes`` (every term a lower-case substring,
every RE2 pattern matching the lower-cased content) plus ``since``/``until`` (the day a quote was
said, else its article's publication day), ``type`` and ``act``; the hits list, its timeline and its facet
counts share one definition (``_HITS``), so they always agree.
"""

from __future__ import annotations

import duckdb

from presslens.queries.common import (
    DateLike,
    Relation,
    act_param,
    day_param,
    page_params,
    text_param,
    type_param,
)
from presslens.queries.search import PATTERN_CONDITIONS, TERM_CONDITIONS, pattern_params, term_params

GRAINS = ("week", "month", "year")

_CORPUS_TIMELINE_SQL = """
SELECT CAST(date_trunc($grain, ar.published) AS DATE) AS period, coalesce(ar.outlet, '') AS outlet,
       count(*) AS articles
FROM articles ar
WHERE ar.published IS NOT NULL
  AND ($outlet IS NULL OR lower(ar.outlet) = lower($outlet))
  AND ($since IS NULL OR ar.published >= CAST($since AS DATE))
  AND ($until IS NULL OR ar.published <= CAST($until AS DATE))
GROUP BY 1, 2
ORDER BY 1, 2
"""

_HITS = """
WITH hits AS (
    SELECT a.article_id, a.idx, a.speaker_id, coalesce(s.name, a.source_name) AS speaker, a.source_name,
           a.source_kind, a.type, coalesce(a.act, 'speech') AS act, a.cue_text AS cue, a.content_text AS quote,
           a.relayed_by_text AS relayed_by, a.said_on, ar.published, ar.outlet, ar.title, ar.url,
           coalesce(a.said_on, ar.published) AS said
    FROM attributions a
    JOIN articles ar ON ar.id = a.article_id
    LEFT JOIN speakers s ON s.speaker_id = a.speaker_id
    WHERE {terms}
      AND {patterns}
      AND ($outlet IS NULL OR lower(ar.outlet) = lower($outlet))
      AND ($since IS NULL OR coalesce(a.said_on, ar.published) >= CAST($since AS DATE))
      AND ($until IS NULL OR coalesce(a.said_on, ar.published) <= CAST($until AS DATE))
      AND ($type IS NULL OR a.type = $type)
      AND ($act IS NULL OR coalesce(a.act, 'speech') = $act)
)
""".replace("{terms}", TERM_CONDITIONS).replace("{patterns}", PATTERN_CONDITIONS)

_SEARCH_HITS_SQL = (
    _HITS
    + """
SELECT * EXCLUDE (said), count(*) OVER () AS total FROM hits
ORDER BY said DESC NULLS LAST, article_id, idx
LIMIT $limit OFFSET $offset
"""
)

_SEARCH_TIMELINE_SQL = (
    _HITS
    + """
SELECT CAST(date_trunc($grain, said) AS DATE) AS period, coalesce(outlet, '') AS outlet, count(*) AS quotes
FROM hits GROUP BY 1, 2 ORDER BY 1 NULLS LAST, 2
"""
)

_SEARCH_FACETS_SQL = (
    _HITS
    + """
SELECT 'outlet' AS facet, coalesce(outlet, '') AS value, count(*) AS n FROM hits GROUP BY 2
UNION ALL
SELECT 'type', coalesce(type, ''), count(*) FROM hits GROUP BY 2
UNION ALL
SELECT 'act', act, count(*) FROM hits GROUP BY 2
UNION ALL
SELECT 'year', coalesce(CAST(year(said) AS VARCHAR), ''), count(*) FROM hits GROUP BY 2
ORDER BY facet, n DESC, value
"""
)

# Facets and timeline in one scan: matches per outlet, type, act and month ('' for no outlet or type,
# month None for undated); the caller sums them into the facet counts and the timeline.
_SEARCH_COUNTS_SQL = (
    _HITS
    + """
SELECT coalesce(outlet, '') AS outlet, coalesce(type, '') AS type, act,
       CAST(date_trunc('month', said) AS DATE) AS month, count(*) AS n
FROM hits GROUP BY ALL ORDER BY 4 NULLS LAST, 1, 2, 3
"""
)


def corpus_timeline(
    con: duckdb.DuckDBPyConnection,
    *,
    grain: str = "month",
    outlet: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
) -> Relation:
    """Articles per period of publication and outlet; columns period, outlet ('' for none), articles."""
    params = {
        "grain": _grain(grain),
        "outlet": text_param(outlet),
        "since": day_param(since, "since"),
        "until": day_param(until, "until"),
    }
    return con.sql(_CORPUS_TIMELINE_SQL, params=params)


def _search_params(
    terms: list[str],
    patterns: list[str] | None,
    outlet: str | None,
    since: DateLike,
    until: DateLike,
    type: str | None,
    act: str | None = None,
) -> dict[str, object]:
    return {
        **term_params(terms),
        **pattern_params(patterns),
        "outlet": text_param(outlet),
        "since": day_param(since, "since"),
        "until": day_param(until, "until"),
        "type": type_param(type),
        "act": act_param(act),
    }


def search_hits(
    con: duckdb.DuckDBPyConnection,
    *,
    terms: list[str],
    patterns: list[str] | None = None,
    outlet: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    type: str | None = None,
    act: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> Relation:
    """Quotes matching a search (as ``search_quotes``) within dates, of one type and act, newest first.

    Columns ``QUOTE_COLUMNS`` plus ``total`` (matches before limit/offset).
    """
    params = {
        **_search_params(terms, patterns, outlet, since, until, type, act),
        **page_params(limit, offset),
    }
    return con.sql(_SEARCH_HITS_SQL, params=params)


def search_timeline(
    con: duckdb.DuckDBPyConnection,
    *,
    terms: list[str],
    patterns: list[str] | None = None,
    grain: str = "month",
    outlet: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    type: str | None = None,
    act: str | None = None,
) -> Relation:
    """Matching quotes per period and outlet; columns period (None: undated), outlet, quotes."""
    params = {**_search_params(terms, patterns, outlet, since, until, type, act), "grain": _grain(grain)}
    return con.sql(_SEARCH_TIMELINE_SQL, params=params)


def search_facets(
    con: duckdb.DuckDBPyConnection,
    *,
    terms: list[str],
    patterns: list[str] | None = None,
    outlet: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    type: str | None = None,
    act: str | None = None,
) -> Relation:
    """Counts of the matching quotes by outlet, type, act and year; columns facet, value ('' for none), n."""
    return con.sql(
        _SEARCH_FACETS_SQL, params=_search_params(terms, patterns, outlet, since, until, type, act)
    )


def search_counts(
    con: duckdb.DuckDBPyConnection,
    *,
    terms: list[str],
    patterns: list[str] | None = None,
    outlet: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    type: str | None = None,
    act: str | None = None,
) -> Relation:
    """Matching quotes per outlet, type, act and month, in one scan (``search_facets`` and ``search_timeline``
    add these up); columns outlet ('' for none), type ('' for none), act, month (first day; None: undated), n."""
    return con.sql(
        _SEARCH_COUNTS_SQL, params=_search_params(terms, patterns, outlet, since, until, type, act)
    )


def _grain(grain: str) -> str:
    if grain not in GRAINS:
        raise ValueError(f"grain must be one of {', '.join(GRAINS)}, not {grain!r}")
    return grain
