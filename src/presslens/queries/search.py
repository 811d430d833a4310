"""Attributed statements across the corpus: the filtered listing and the web search."""

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

QUOTE_COLUMNS = (
    "article_id",
    "idx",
    "speaker_id",
    "speaker",
    "source_name",
    "source_kind",
    "type",
    "act",
    "cue",
    "quote",
    "relayed_by",
    "said_on",
    "published",
    "outlet",
    "title",
    "url",
)
# ``quotes`` also gives where each part sits in ``articles.text`` (code points, end exclusive).
QUOTE_OFFSET_COLUMNS = ("content_start", "content_end", "cue_start", "cue_end", "source_start", "source_end")

_QUOTES_SQL = """
SELECT a.article_id, a.idx, a.speaker_id, coalesce(s.name, a.source_name) AS speaker, a.source_name,
       a.source_kind, a.type, coalesce(a.act, 'speech') AS act, a.cue_text AS cue, a.content_text AS quote,
       a.relayed_by_text AS relayed_by, a.said_on, ar.published, ar.outlet, ar.title, ar.url,
       a.content_start, a.content_end, a.cue_start, a.cue_end,
       a.source_mention_start AS source_start, a.source_mention_end AS source_end
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
  AND ($act IS NULL OR coalesce(a.act, 'speech') = $act)
  AND ($article_id IS NULL OR a.article_id = $article_id)
ORDER BY coalesce(a.said_on, ar.published) DESC NULLS LAST, a.article_id, a.idx
LIMIT $limit OFFSET $offset
"""

MAX_SEARCH_PATTERNS = 8
# Search terms go in slots of their own ($t1 … $t8), a plain ``contains`` each; a lambda over a list
# of terms (as before) cost two to three times as much per row. Terms past the slots (only through
# the Python API) go through that list.
TERM_SLOTS = 8
TERM_CONDITIONS = "\n      AND ".join(
    [f"($t{i} IS NULL OR contains(lower(a.content_text), $t{i}))" for i in range(1, TERM_SLOTS + 1)]
    + [
        "($more_terms IS NULL OR len(list_filter($more_terms::VARCHAR[], "
        "lambda t: NOT contains(lower(a.content_text), t))) = 0)"
    ]
)


# Each RE2 pattern is its own parameter ($p1 … $p8), so DuckDB compiles it once per query, not per row.
PATTERN_CONDITIONS = "\n      AND ".join(
    f"($p{i} IS NULL OR regexp_matches(lower(a.content_text), $p{i}))"
    for i in range(1, MAX_SEARCH_PATTERNS + 1)
)


def pattern_params(patterns: list[str] | None) -> dict[str, object]:
    """The parameters of ``PATTERN_CONDITIONS``; more than ``MAX_SEARCH_PATTERNS`` patterns is a ValueError."""
    patterns = list(patterns or [])
    if len(patterns) > MAX_SEARCH_PATTERNS:
        raise ValueError(f"at most {MAX_SEARCH_PATTERNS} search patterns, not {len(patterns)}")
    return {f"p{i + 1}": (patterns[i] if i < len(patterns) else None) for i in range(MAX_SEARCH_PATTERNS)}


def term_params(terms: list[str]) -> dict[str, object]:
    """The parameters of ``TERM_CONDITIONS``: each lower-cased term in its slot, the rest as a list (or None)."""
    lowered = [t.lower() for t in terms]
    slots: dict[str, object] = {
        f"t{i + 1}": (lowered[i] if i < len(lowered) else None) for i in range(TERM_SLOTS)
    }
    return {**slots, "more_terms": lowered[TERM_SLOTS:] or None}


_SEARCH_QUOTES_SQL = """
WITH hits AS (
    SELECT a.article_id, a.idx, a.speaker_id, coalesce(s.name, a.source_name) AS speaker, a.source_name,
           a.source_kind, a.type, coalesce(a.act, 'speech') AS act, a.cue_text AS cue, a.content_text AS quote,
           a.relayed_by_text AS relayed_by, a.said_on, ar.published, ar.outlet, ar.title, ar.url
    FROM attributions a
    JOIN articles ar ON ar.id = a.article_id
    LEFT JOIN speakers s ON s.speaker_id = a.speaker_id
    WHERE {terms}
      AND {patterns}
      AND ($outlet IS NULL OR lower(ar.outlet) = lower($outlet))
      AND ($speaker_id IS NULL OR a.speaker_id = $speaker_id)
      AND ($act IS NULL OR coalesce(a.act, 'speech') = $act)
)
SELECT *, count(*) OVER () AS total FROM hits
ORDER BY coalesce(said_on, published) DESC NULLS LAST, article_id, idx
LIMIT $limit OFFSET $offset
""".replace("{terms}", TERM_CONDITIONS).replace("{patterns}", PATTERN_CONDITIONS)


def quotes(
    con: duckdb.DuckDBPyConnection,
    *,
    speaker: str | None = None,
    speaker_id: str | None = None,
    contains: str | None = None,
    outlet: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    type: str | None = None,
    act: str | None = None,
    article_id: str | None = None,
    limit: int | None = 100,
    offset: int = 0,
) -> Relation:
    """Attributed statements, newest first; columns ``QUOTE_COLUMNS`` then ``QUOTE_OFFSET_COLUMNS``.

    ``article_id`` and the offsets lead back to the source text: ``articles.text[content_start:content_end]``
    is the quote.

    ``speaker`` matches a speaker id exactly, or (case-insensitively) part of a speaker's name or an
    alias, or the source name of a quote not linked to a speaker; ``contains`` is a case-insensitive
    substring of the quoted content; ``type`` is direct, indirect or mixed; ``act`` is speech, belief
    or stance (what the cue reports; rows stored before the column existed count as speech).
    ``relayed_by`` is who passed the statement on ("According to TASS, Dujarric said …": TASS), else None.
    """
    type_param(type)
    params = {
        "speaker": text_param(speaker),
        "speaker_id": text_param(speaker_id),
        "contains": text_param(contains),
        "outlet": text_param(outlet),
        "since": day_param(since, "since"),
        "until": day_param(until, "until"),
        "type": type,
        "act": act_param(act),
        "article_id": text_param(article_id),
        **page_params(limit, offset),
    }
    return con.sql(_QUOTES_SQL, params=params)


def search_quotes(
    con: duckdb.DuckDBPyConnection,
    *,
    terms: list[str],
    patterns: list[str] | None = None,
    outlet: str | None = None,
    speaker_id: str | None = None,
    act: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> Relation:
    """Quotes whose content holds every term (case-insensitive) and matches every regex pattern.

    Columns ``QUOTE_COLUMNS`` plus ``total`` (the number of matches before limit/offset). Terms are
    lower-case substrings (a cheap pre-filter); ``patterns`` (at most ``MAX_SEARCH_PATTERNS``) are
    RE2 expressions over the lower-cased content, e.g. to anchor a term at a word start. Each
    pattern is its own parameter, so DuckDB compiles it once per query, not once per row.
    ``act`` is as in ``quotes``. Newest first.
    """
    params = {
        **term_params(terms),
        **pattern_params(patterns),
        "outlet": text_param(outlet),
        "speaker_id": text_param(speaker_id),
        "act": act_param(act),
        **page_params(limit, offset),
    }
    return con.sql(_SEARCH_QUOTES_SQL, params=params)
