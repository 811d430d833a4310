"""The named queries over a presslens database, shared by the CLI, the Python API and the web app.

Every function takes an open DuckDB connection (read-only is enough) and keyword filters, and
returns either a DuckDB relation (lazy; convert with ``.fetchall()``, ``.to_arrow_table()``,
``.df()``, ``.pl()``, or ``records(rel)`` for a list of dicts) or plain dicts. Each SQL text is a
fixed string; values travel only as parameters. A filter left at ``None`` does not filter.
Listings take ``limit`` (``None`` for no limit) and ``offset`` for pagination.

Dates (``since``/``until``) are ISO ``YYYY-MM-DD`` strings or ``datetime.date``; a quote's date is
the day it was said when the text gives one, else the publication date.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import duckdb

Relation = duckdb.DuckDBPyRelation
DateLike = str | date | None

ATTRIBUTION_TYPES = ("direct", "indirect", "mixed")

QUOTE_COLUMNS = ("article_id", "idx", "speaker_id", "speaker", "source_name", "source_kind", "type", "cue",
                 "quote", "said_on", "published", "outlet", "title", "url")

_QUOTES_SQL = """
SELECT a.article_id, a.idx, a.speaker_id, coalesce(s.name, a.source_name) AS speaker, a.source_name,
       a.source_kind, a.type, a.cue_text AS cue, a.content_text AS quote,
       a.said_on, ar.published, ar.outlet, ar.title, ar.url
FROM attributions a
JOIN articles ar ON ar.id = a.article_id
LEFT JOIN speakers s ON s.speaker_id = a.speaker_id
WHERE ($speaker IS NULL
       OR a.speaker_id IN (
           SELECT m.speaker_id FROM speakers m
           WHERE m.speaker_id = $speaker
              OR contains(lower(m.name), lower($speaker))
              OR contains(lower(array_to_string(m.aliases, chr(31))), lower($speaker)))
       OR (a.speaker_id IS NULL AND contains(lower(a.source_name), lower($speaker))))
  AND ($speaker_id IS NULL OR a.speaker_id = $speaker_id)
  AND ($contains IS NULL OR contains(lower(a.content_text), lower($contains)))
  AND ($outlet IS NULL OR lower(ar.outlet) = lower($outlet))
  AND ($since IS NULL OR coalesce(a.said_on, ar.published) >= CAST($since AS DATE))
  AND ($until IS NULL OR coalesce(a.said_on, ar.published) <= CAST($until AS DATE))
  AND ($type IS NULL OR a.type = $type)
  AND ($article_id IS NULL OR a.article_id = $article_id)
ORDER BY coalesce(a.said_on, ar.published) DESC NULLS LAST, a.article_id, a.idx
LIMIT $limit OFFSET $offset
"""

SPEAKER_COLUMNS = ("speaker_id", "name", "kind", "quotes", "articles", "outlets", "first_said", "last_said",
                   "aliases")

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
    ORDER BY s.quotes DESC, s.articles DESC, s.name, s.speaker_id
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
ORDER BY p.quotes DESC, p.articles DESC, p.name, p.speaker_id
"""

ARTICLE_COLUMNS = ("id", "published", "outlet", "title", "author", "url", "origin", "chars", "attributions")

# The page of articles is chosen first; attributions are then counted for those articles only.
_ARTICLES_SQL = """
WITH page AS (
    SELECT ar.id, ar.published
    FROM articles ar
    WHERE ($outlet IS NULL OR lower(ar.outlet) = lower($outlet))
      AND ($since IS NULL OR ar.published >= CAST($since AS DATE))
      AND ($until IS NULL OR ar.published <= CAST($until AS DATE))
      AND ($contains IS NULL OR contains(lower(ar.title), lower($contains))
           OR contains(lower(ar.text), lower($contains)))
      AND ($speaker_id IS NULL OR EXISTS (
            SELECT 1 FROM attributions a WHERE a.article_id = ar.id AND a.speaker_id = $speaker_id))
    ORDER BY ar.published DESC NULLS LAST, ar.id
    LIMIT $limit OFFSET $offset
), counted AS (
    SELECT a.article_id, count(*) AS attributions
    FROM attributions a
    WHERE a.article_id IN (SELECT id FROM page)
    GROUP BY a.article_id
)
SELECT ar.id, ar.published, ar.outlet, ar.title, ar.author, ar.url, ar.origin,
       length(ar.text) AS chars, coalesce(c.attributions, 0) AS attributions
FROM page p
JOIN articles ar ON ar.id = p.id
LEFT JOIN counted c ON c.article_id = p.id
ORDER BY p.published DESC NULLS LAST, p.id
"""

_ARTICLE_SQL = """
SELECT id, url, outlet, title, author, published, text, origin, warnings, ingested_at
FROM articles WHERE id = $id
"""
_ARTICLE_ATTRIBUTIONS_SQL = """
SELECT a.*, s.name AS speaker FROM attributions a LEFT JOIN speakers s ON s.speaker_id = a.speaker_id
WHERE a.article_id = $id ORDER BY a.idx
"""
_ARTICLE_ENTITIES_SQL = """
SELECT e.entity_id, e.name, e.kind, e.aliases,
       coalesce(list(struct_pack(start_char := m.start_char, end_char := m.end_char, text := m.text)
                     ORDER BY m.idx) FILTER (WHERE m.idx IS NOT NULL), []) AS mentions
FROM entities e
LEFT JOIN mentions m ON m.article_id = e.article_id AND m.entity_id = e.entity_id
WHERE e.article_id = $id
GROUP BY e.entity_id, e.name, e.kind, e.aliases
ORDER BY e.entity_id
"""
_ARTICLE_DATES_SQL = "SELECT idx, start_char, end_char, text, value, grain FROM dates WHERE article_id = $id ORDER BY idx"
_ARTICLE_CLAIMS_SQL = """
SELECT c.idx, c.start_char, c.end_char, c.text, c.checkworthy, c.speaker, c.said_on,
       coalesce(list(struct_pack(text := q.text, comparator := q.comparator, value := q.value,
                                 value_high := q.value_high, unit := q.unit, measured := q.measured,
                                 start_char := q.start_char, end_char := q.end_char) ORDER BY q.idx)
                FILTER (WHERE q.idx IS NOT NULL), []) AS quantities
FROM claims c
LEFT JOIN quantities q ON q.article_id = c.article_id AND q.claim_idx = c.idx
WHERE c.article_id = $id
GROUP BY ALL
ORDER BY c.idx
"""
_ARTICLE_FRAMING_SQL = (
    "SELECT idx, start_char, end_char, text, technique, score FROM framing WHERE article_id = $id ORDER BY idx"
)

_OUTLETS_SQL = """
SELECT ar.outlet, count(*) AS articles,
       sum((SELECT count(*) FROM attributions a WHERE a.article_id = ar.id)) AS attributions,
       min(ar.published) AS first_published, max(ar.published) AS last_published
FROM articles ar
GROUP BY ar.outlet
ORDER BY articles DESC, ar.outlet NULLS LAST
LIMIT $limit OFFSET $offset
"""

_ERRORS_SQL = """
SELECT origin, reason, failed_at FROM errors
WHERE ($contains IS NULL OR contains(lower(origin), lower($contains)) OR contains(lower(reason), lower($contains)))
ORDER BY failed_at DESC, origin
LIMIT $limit OFFSET $offset
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


def _page(limit: int | None, offset: int) -> dict[str, int | None]:
    if limit is not None and (not isinstance(limit, int) or limit < 0):
        raise ValueError(f"limit must be a non-negative integer or None, not {limit!r}")
    if not isinstance(offset, int) or offset < 0:
        raise ValueError(f"offset must be a non-negative integer, not {offset!r}")
    return {"limit": limit, "offset": offset}


def _day(value: DateLike, name: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValueError(f"{name} must be a date in YYYY-MM-DD form, not {value!r}") from None


def _text(value: str | None) -> str | None:
    return value if value else None


def records(rel: Relation) -> list[dict[str, Any]]:
    """The rows of a relation as a list of dicts (column name → value)."""
    columns = rel.columns
    return [dict(zip(columns, row, strict=True)) for row in rel.fetchall()]


def count(rel: Relation) -> int:
    """Number of rows of a relation (run one of the listing functions with ``limit=None``)."""
    return rel.aggregate("count(*)").fetchall()[0][0]


def quotes(
    con: duckdb.DuckDBPyConnection, *, speaker: str | None = None, speaker_id: str | None = None,
    contains: str | None = None, outlet: str | None = None, since: DateLike = None, until: DateLike = None,
    type: str | None = None, article_id: str | None = None, limit: int | None = 100, offset: int = 0,
) -> Relation:
    """Attributed statements, newest first; columns ``QUOTE_COLUMNS``.

    ``speaker`` matches a speaker id exactly, or (case-insensitively) part of a speaker's name or an
    alias, or the source name of a quote not linked to a speaker; ``contains`` is a case-insensitive
    substring of the quoted content; ``type`` is direct, indirect or mixed.
    """
    if type is not None and type not in ATTRIBUTION_TYPES:
        raise ValueError(f"type must be one of {', '.join(ATTRIBUTION_TYPES)}, not {type!r}")
    params = {"speaker": _text(speaker), "speaker_id": _text(speaker_id), "contains": _text(contains),
              "outlet": _text(outlet), "since": _day(since, "since"), "until": _day(until, "until"),
              "type": type, "article_id": _text(article_id), **_page(limit, offset)}
    return con.sql(_QUOTES_SQL, params=params)


def speakers(
    con: duckdb.DuckDBPyConnection, *, search: str | None = None, kind: str | None = None,
    speaker_id: str | None = None, limit: int | None = 50, offset: int = 0,
) -> Relation:
    """Speakers by number of quotes; columns ``SPEAKER_COLUMNS``.

    ``search`` matches an id, or part of the display name or an alias; ``kind`` is person,
    organization, group, document or unknown.
    """
    params = {"search": _text(search), "kind": _text(kind), "speaker_id": _text(speaker_id),
              **_page(limit, offset)}
    return con.sql(_SPEAKERS_SQL, params=params)


def speaker(con: duckdb.DuckDBPyConnection, speaker_id: str) -> dict[str, Any] | None:
    """One speaker (``SPEAKER_COLUMNS``) or None."""
    rows = records(speakers(con, speaker_id=speaker_id, limit=1))
    return rows[0] if rows else None


def articles(
    con: duckdb.DuckDBPyConnection, *, outlet: str | None = None, since: DateLike = None,
    until: DateLike = None, contains: str | None = None, speaker_id: str | None = None,
    limit: int | None = 50, offset: int = 0,
) -> Relation:
    """Articles, newest first; columns ``ARTICLE_COLUMNS`` (``chars`` is the text length).

    ``contains`` matches the title or text; ``speaker_id`` keeps articles quoting that speaker.
    """
    params = {"outlet": _text(outlet), "since": _day(since, "since"), "until": _day(until, "until"),
              "contains": _text(contains), "speaker_id": _text(speaker_id), **_page(limit, offset)}
    return con.sql(_ARTICLES_SQL, params=params)


def article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """One article with everything found in it, or None.

    Keys: the ``articles`` columns plus ``attributions``, ``entities`` (with ``mentions``),
    ``dates``, ``claims`` (with ``quantities``) and ``framing``, each a list of dicts.
    """
    params = {"id": article_id}
    rows = records(con.sql(_ARTICLE_SQL, params=params))
    if not rows:
        return None
    result = rows[0]
    result["attributions"] = records(con.sql(_ARTICLE_ATTRIBUTIONS_SQL, params=params))
    result["entities"] = records(con.sql(_ARTICLE_ENTITIES_SQL, params=params))
    result["dates"] = records(con.sql(_ARTICLE_DATES_SQL, params=params))
    result["claims"] = records(con.sql(_ARTICLE_CLAIMS_SQL, params=params))
    result["framing"] = records(con.sql(_ARTICLE_FRAMING_SQL, params=params))
    return result


def outlets(con: duckdb.DuckDBPyConnection, *, limit: int | None = 100, offset: int = 0) -> Relation:
    """Outlets by number of articles; columns outlet, articles, attributions, first_published, last_published."""
    return con.sql(_OUTLETS_SQL, params=_page(limit, offset))


def errors(
    con: duckdb.DuckDBPyConnection, *, contains: str | None = None, limit: int | None = 100, offset: int = 0
) -> Relation:
    """Documents that could not be analysed, newest first; columns origin, reason, failed_at."""
    return con.sql(_ERRORS_SQL, params={"contains": _text(contains), **_page(limit, offset)})


def claims(
    con: duckdb.DuckDBPyConnection, *, min_score: float = 0.5, contains: str | None = None,
    speaker: str | None = None, outlet: str | None = None, since: DateLike = None, until: DateLike = None,
    limit: int | None = 100, offset: int = 0,
) -> Relation:
    """Check-worthy claims, most check-worthy first.

    Columns: article_id, idx, text, checkworthy, speaker, said_on, published, outlet, title, url.
    """
    params = {"min_score": float(min_score), "contains": _text(contains), "speaker": _text(speaker),
              "outlet": _text(outlet), "since": _day(since, "since"), "until": _day(until, "until"),
              **_page(limit, offset)}
    return con.sql(_CLAIMS_SQL, params=params)


def framing_techniques(
    con: duckdb.DuckDBPyConnection, *, outlet: str | None = None, limit: int | None = 50, offset: int = 0
) -> Relation:
    """Framing techniques by number of spans; columns technique, spans, articles, mean_score."""
    return con.sql(_FRAMING_SQL, params={"outlet": _text(outlet), **_page(limit, offset)})


def stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Corpus totals: articles, attributions, speakers, outlets, entities, dates, claims, framing,
    errors, first_published, last_published, schema_version."""
    return records(con.sql(_STATS_SQL))[0]


def run_sql(con: duckdb.DuckDBPyConnection, query: str) -> Relation | None:
    """Run a user's SQL text; open ``con`` read-only to make it safe. None when the statement returns no rows."""
    return con.sql(query)


# --------------------------------------------------------------------------- web app queries
# Added for the web page / HTTP API (presslens.web); same rules: fixed SQL text, values as parameters.

TIME_GRAINS = ("week", "month")
MAX_SEARCH_PATTERNS = 8

_SEARCH_QUOTES_SQL = """
WITH hits AS (
    SELECT a.article_id, a.idx, a.speaker_id, coalesce(s.name, a.source_name) AS speaker, a.source_name,
           a.source_kind, a.type, a.cue_text AS cue, a.content_text AS quote,
           a.said_on, ar.published, ar.outlet, ar.title, ar.url
    FROM attributions a
    JOIN articles ar ON ar.id = a.article_id
    LEFT JOIN speakers s ON s.speaker_id = a.speaker_id
    WHERE len(list_filter($terms::VARCHAR[], lambda t: NOT contains(lower(a.content_text), t))) = 0
      AND ($p1 IS NULL OR regexp_matches(lower(a.content_text), $p1))
      AND ($p2 IS NULL OR regexp_matches(lower(a.content_text), $p2))
      AND ($p3 IS NULL OR regexp_matches(lower(a.content_text), $p3))
      AND ($p4 IS NULL OR regexp_matches(lower(a.content_text), $p4))
      AND ($p5 IS NULL OR regexp_matches(lower(a.content_text), $p5))
      AND ($p6 IS NULL OR regexp_matches(lower(a.content_text), $p6))
      AND ($p7 IS NULL OR regexp_matches(lower(a.content_text), $p7))
      AND ($p8 IS NULL OR regexp_matches(lower(a.content_text), $p8))
      AND ($outlet IS NULL OR lower(ar.outlet) = lower($outlet))
      AND ($speaker_id IS NULL OR a.speaker_id = $speaker_id)
)
SELECT *, count(*) OVER () AS total FROM hits
ORDER BY coalesce(said_on, published) DESC NULLS LAST, article_id, idx
LIMIT $limit OFFSET $offset
"""

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
GROUP BY 1, 2
ORDER BY 1 NULLS LAST, 2
"""

_SPEAKER_OUTLETS_SQL = """
SELECT coalesce(q.outlet, '') AS outlet, count(*) AS quotes, count(DISTINCT q.article_id) AS articles,
       min(q.said) AS first_said, max(q.said) AS last_said
FROM quotes_by_speaker q
WHERE q.speaker_id = $speaker_id
GROUP BY 1
ORDER BY 2 DESC, 1
"""

_SPEAKER_RECORD_SQL = """
SELECT speaker_id, name, kind, quotes, articles, aliases FROM speakers WHERE speaker_id = $speaker_id
"""

_SPEAKER_QUOTES_SQL = """
SELECT q.article_id, q.idx, q.speaker_id, q.speaker, q.source_name, q.source_kind, q.type, q.cue_text AS cue,
       q.content_text AS quote, q.said_on, q.published, q.outlet, q.title, q.url
FROM quotes_by_speaker q
WHERE q.speaker_id = $speaker_id
  AND ($contains IS NULL OR contains(lower(q.content_text), lower($contains)))
  AND ($outlet IS NULL OR lower(q.outlet) = lower($outlet))
  AND ($since IS NULL OR q.said >= CAST($since AS DATE))
  AND ($until IS NULL OR q.said <= CAST($until AS DATE))
  AND ($type IS NULL OR q.type = $type)
ORDER BY q.said DESC NULLS LAST, q.article_id, q.idx
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


def search_quotes(
    con: duckdb.DuckDBPyConnection, *, terms: list[str], patterns: list[str] | None = None,
    outlet: str | None = None, speaker_id: str | None = None, limit: int | None = 50, offset: int = 0,
) -> Relation:
    """Quotes whose content holds every term (case-insensitive) and matches every regex pattern.

    Columns ``QUOTE_COLUMNS`` plus ``total`` (the number of matches before limit/offset). Terms are
    lower-case substrings (a cheap pre-filter); ``patterns`` (at most ``MAX_SEARCH_PATTERNS``) are
    RE2 expressions over the lower-cased content, e.g. to anchor a term at a word start. Each
    pattern is its own parameter, so DuckDB compiles it once per query, not once per row.
    Newest first.
    """
    patterns = list(patterns or [])
    if len(patterns) > MAX_SEARCH_PATTERNS:
        raise ValueError(f"at most {MAX_SEARCH_PATTERNS} search patterns, not {len(patterns)}")
    slots = {f"p{i + 1}": (patterns[i] if i < len(patterns) else None) for i in range(MAX_SEARCH_PATTERNS)}
    params = {"terms": [t.lower() for t in terms], **slots, "outlet": _text(outlet),
              "speaker_id": _text(speaker_id), **_page(limit, offset)}
    return con.sql(_SEARCH_QUOTES_SQL, params=params)


def speaker_timeline(
    con: duckdb.DuckDBPyConnection, speaker_id: str, *, grain: str = "month", contains: str | None = None,
    outlet: str | None = None, since: DateLike = None, until: DateLike = None, type: str | None = None,
) -> Relation:
    """Quotes of one speaker per period and outlet; columns period (first day), outlet ('' if none), quotes.

    Quotes with no date (neither said on nor published) count in rows whose period is NULL, so
    the quotes of all rows add up to the number of quotes the filters match.
    """
    if grain not in TIME_GRAINS:
        raise ValueError(f"grain must be one of {', '.join(TIME_GRAINS)}, not {grain!r}")
    params = {"grain": grain, **_speaker_filters(speaker_id, contains, outlet, since, until, type)}
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


def stored_page_variants(con: duckdb.DuckDBPyConnection, speaker_id: str) -> list[dict[str, Any]] | None:
    """The speaker page's quote variants as ``update_speakers`` stored them (``corpus.page_variants``).

    An empty list when the speaker has none; None when the database predates the
    ``speaker_variants`` table (the caller then groups the quotes itself).
    """
    try:
        rows = con.execute("SELECT groups FROM speaker_variants WHERE speaker_id = $speaker_id",
                           {"speaker_id": speaker_id}).fetchall()
    except duckdb.CatalogException:
        return None
    return json.loads(rows[0][0]) if rows else []


def speaker_quotes(
    con: duckdb.DuckDBPyConnection, speaker_id: str, *, contains: str | None = None, outlet: str | None = None,
    since: DateLike = None, until: DateLike = None, type: str | None = None, limit: int | None = 50,
    offset: int = 0,
) -> Relation:
    """One speaker's quotes by exact ``speaker_id``, newest first; columns ``QUOTE_COLUMNS``.

    The filters mean what they mean in ``quotes``. Reads ``quotes_by_speaker``, where the
    speaker's quotes lie together in this order. ``speaker_quote_count`` gives the total.
    """
    params = {**_speaker_filters(speaker_id, contains, outlet, since, until, type), **_page(limit, offset)}
    return con.sql(_SPEAKER_QUOTES_SQL, params=params)


def speaker_quote_count(
    con: duckdb.DuckDBPyConnection, speaker_id: str, *, contains: str | None = None, outlet: str | None = None,
    since: DateLike = None, until: DateLike = None, type: str | None = None,
) -> int:
    """How many quotes ``speaker_quotes`` finds with the same filters, ignoring limit and offset."""
    rows = speaker_timeline(con, speaker_id, contains=contains, outlet=outlet, since=since, until=until,
                            type=type).fetchall()
    return sum(int(r[2]) for r in rows)


def _speaker_filters(speaker_id: str, contains: str | None, outlet: str | None, since: DateLike,
                     until: DateLike, type: str | None) -> dict[str, Any]:
    """The checked parameters of ``speaker_quotes`` and ``speaker_timeline``."""
    if type is not None and type not in ATTRIBUTION_TYPES:
        raise ValueError(f"type must be one of {', '.join(ATTRIBUTION_TYPES)}, not {type!r}")
    return {"speaker_id": speaker_id, "contains": _text(contains), "outlet": _text(outlet),
            "since": _day(since, "since"), "until": _day(until, "until"), "type": type}


def outlet_attribution_types(con: duckdb.DuckDBPyConnection, *, outlets: list[str] | None = None) -> Relation:
    """Per outlet, attributions by type; columns outlet, direct, indirect, mixed, attributions."""
    return con.sql(_OUTLET_TYPES_SQL, params={"outlets": outlets})


def outlet_top_speakers(
    con: duckdb.DuckDBPyConnection, *, per_outlet: int = 5, outlets: list[str] | None = None
) -> Relation:
    """The ``per_outlet`` most-quoted speakers of each outlet; columns outlet, speaker_id, speaker, quotes."""
    return con.sql(_OUTLET_TOP_SPEAKERS_SQL, params={"per_outlet": int(per_outlet), "outlets": outlets})
