"""Framing (persuasion technique spans) across the corpus: rates per outlet and over time, example spans,
and the framing around one speaker's statements (framing × attribution).

Words are the runs of text between whitespace (``str.split()``), the denominator of every rate
"per 1,000 words".
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from presslens.queries.common import DateLike, Relation, day_param, page_params, text_param

# Characters of article text read on each side of a statement, to find its sentence and the ones around it.
FRAMING_WINDOW = 400

_WORDS = r"len(regexp_split_to_array(trim(ar.text, ' ' || chr(9) || chr(10) || chr(13)), '\s+'))"
# Each article's words (columns id, words): splitting every text costs about 0.25 s on 25,000
# articles, so ``article_words`` (``store.DERIVED_DDL``) keeps them, written with every speaker
# update (``queries.precomputed``); a database from before that table gets it as a temporary view.
ARTICLE_WORD_ROWS = f"SELECT ar.id, {_WORDS} AS words FROM articles ar"  # noqa: S608 (fixed SQL fragments)

_OUTLET_WORDS_SQL = """
SELECT ar.outlet, count(*) AS articles, sum(w.words) AS words
FROM articles ar LEFT JOIN article_words w ON w.id = ar.id
WHERE ($since IS NULL OR ar.published >= CAST($since AS DATE))
  AND ($until IS NULL OR ar.published <= CAST($until AS DATE))
GROUP BY ar.outlet
ORDER BY words DESC, ar.outlet NULLS LAST
"""

_OUTLET_TECHNIQUES_SQL = """
SELECT ar.outlet, f.technique, count(*) AS spans, count(DISTINCT f.article_id) AS articles
FROM framing f JOIN articles ar ON ar.id = f.article_id
WHERE ($since IS NULL OR ar.published >= CAST($since AS DATE))
  AND ($until IS NULL OR ar.published <= CAST($until AS DATE))
  AND ($technique IS NULL OR f.technique = $technique)
GROUP BY ar.outlet, f.technique
ORDER BY ar.outlet NULLS LAST, spans DESC, f.technique
"""

_TIMELINE_SQL = """
WITH words AS (
    SELECT CAST(date_trunc($grain, ar.published) AS DATE) AS period, sum(w.words) AS words
    FROM articles ar LEFT JOIN article_words w ON w.id = ar.id
    WHERE ar.published IS NOT NULL AND ($outlet IS NULL OR lower(ar.outlet) = lower($outlet))
    GROUP BY 1
), spans AS (
    SELECT CAST(date_trunc($grain, ar.published) AS DATE) AS period, f.technique, count(*) AS spans
    FROM framing f JOIN articles ar ON ar.id = f.article_id
    WHERE ar.published IS NOT NULL AND ($outlet IS NULL OR lower(ar.outlet) = lower($outlet))
      AND ($technique IS NULL OR f.technique = $technique)
    GROUP BY 1, 2
)
SELECT w.period, s.technique, coalesce(s.spans, 0) AS spans, w.words
FROM words w LEFT JOIN spans s ON s.period = w.period
ORDER BY w.period, s.technique NULLS FIRST
"""

FRAMING_SORT_SQL: dict[str, str] = {
    "score": "f.score DESC, ar.published DESC NULLS LAST, f.article_id, f.idx",
    "-score": "f.score ASC, ar.published DESC NULLS LAST, f.article_id, f.idx",
    "date": "ar.published DESC NULLS LAST, f.article_id, f.idx",
    "-date": "ar.published ASC NULLS LAST, f.article_id, f.idx",
    "technique": "f.technique ASC, f.score DESC, f.article_id, f.idx",
    "-technique": "f.technique DESC, f.score DESC, f.article_id, f.idx",
    "outlet": "ar.outlet ASC NULLS LAST, f.score DESC, f.article_id, f.idx",
    "-outlet": "ar.outlet DESC NULLS LAST, f.score DESC, f.article_id, f.idx",
}

_EXAMPLES_BASE = """
SELECT f.article_id, f.idx, f.start_char, f.end_char, f.text, f.technique, f.score,
       ar.outlet, ar.published, ar.title, ar.url,
       substr(ar.text, greatest(f.start_char - $context, 0) + 1, f.start_char - greatest(f.start_char - $context, 0))
           AS before,
       substr(ar.text, f.end_char + 1, $context) AS after,
       count(*) OVER () AS total
FROM framing f JOIN articles ar ON ar.id = f.article_id
WHERE ($technique IS NULL OR f.technique = $technique)
  AND ($outlet IS NULL OR lower(ar.outlet) = lower($outlet))
  AND ($contains IS NULL OR contains(lower(f.text), lower($contains)))
  AND ($since IS NULL OR ar.published >= CAST($since AS DATE))
  AND ($until IS NULL OR ar.published <= CAST($until AS DATE))
"""
_EXAMPLES_SQL: dict[str, str] = {key: f"{_EXAMPLES_BASE}ORDER BY {order}\nLIMIT $limit OFFSET $offset"
                                 for key, order in FRAMING_SORT_SQL.items()}

# One speaker's statements; for those in an article with framing, the text around the statement and
# the framing spans in it (offsets are Python string offsets, as stored).
_SPEAKER_FRAMING_SQL = """
WITH st AS (
    SELECT a.speaker_id, a.article_id, a.idx, a.type, a.content_text, a.cue_text,
           least(a.content_start, coalesce(a.cue_start, a.content_start),
                 coalesce(a.source_mention_start, a.content_start)) AS lo,
           greatest(a.content_end, coalesce(a.cue_end, a.content_end),
                    coalesce(a.source_mention_end, a.content_end)) AS hi
    FROM attributions a
    WHERE {speakers} AND a.content_start IS NOT NULL
), framed AS (
    SELECT st.article_id, st.idx,
           list({'start': f.start_char, 'end': f.end_char, 'text': f.text, 'technique': f.technique,
                 'score': f.score} ORDER BY f.start_char, f.idx) AS frames
    FROM st JOIN framing f ON f.article_id = st.article_id
     AND f.end_char > st.lo - $window AND f.start_char < st.hi + $window
    GROUP BY st.article_id, st.idx
)
SELECT st.speaker_id, st.article_id, st.idx, st.type, st.content_text, st.cue_text, st.lo, st.hi,
       ar.outlet, ar.published, ar.title, ar.url,
       greatest(st.lo - $window, 0) AS window_start,
       CASE WHEN fr.frames IS NULL THEN NULL
            ELSE substr(ar.text, greatest(st.lo - $window, 0) + 1, st.hi + $window - greatest(st.lo - $window, 0))
       END AS window,
       fr.frames
FROM st JOIN articles ar ON ar.id = st.article_id
LEFT JOIN framed fr ON fr.article_id = st.article_id AND fr.idx = st.idx
ORDER BY st.speaker_id, ar.outlet NULLS LAST, ar.published DESC NULLS LAST, st.article_id, st.idx
"""
_ONE_SPEAKER_FRAMING_SQL = _SPEAKER_FRAMING_SQL.replace("{speakers}", "a.speaker_id = $speaker_id")
_ALL_SPEAKERS_FRAMING_SQL = _SPEAKER_FRAMING_SQL.replace("{speakers}", "a.speaker_id IS NOT NULL")

_TECHNIQUES_SQL = "SELECT DISTINCT technique FROM framing ORDER BY technique"


def outlet_words(con: duckdb.DuckDBPyConnection, *, since: DateLike = None, until: DateLike = None) -> Relation:
    """Per outlet its articles and words (published within the dates); columns outlet, articles, words."""
    return con.sql(_OUTLET_WORDS_SQL, params={"since": day_param(since, "since"), "until": day_param(until, "until")})


def outlet_techniques(con: duckdb.DuckDBPyConnection, *, technique: str | None = None, since: DateLike = None,
                      until: DateLike = None) -> Relation:
    """Framing spans per outlet and technique; columns outlet, technique, spans, articles."""
    params = {"technique": text_param(technique), "since": day_param(since, "since"),
              "until": day_param(until, "until")}
    return con.sql(_OUTLET_TECHNIQUES_SQL, params=params)


def framing_timeline(con: duckdb.DuckDBPyConnection, *, grain: str = "month", outlet: str | None = None,
                     technique: str | None = None) -> Relation:
    """Framing spans per period (of publication) and technique, with the period's words.

    Columns period, technique (None for a period without spans), spans, words (repeated per technique).
    """
    if grain not in ("week", "month", "year"):
        raise ValueError(f"grain must be week, month or year, not {grain!r}")
    params = {"grain": grain, "outlet": text_param(outlet), "technique": text_param(technique)}
    return con.sql(_TIMELINE_SQL, params=params)


def framing_examples(
    con: duckdb.DuckDBPyConnection, *, technique: str | None = None, outlet: str | None = None,
    contains: str | None = None, since: DateLike = None, until: DateLike = None, sort: str = "score",
    context: int = 80, limit: int | None = 50, offset: int = 0,
) -> Relation:
    """Framing spans with ``context`` characters of text before and after, sorted by ``sort`` (``FRAMING_SORT_SQL``).

    Columns article_id, idx, start_char, end_char, text, technique, score, outlet, published, title,
    url, before, after, total (matching spans, on every row).
    """
    if sort not in _EXAMPLES_SQL:
        raise ValueError(f"sort must be one of {', '.join(FRAMING_SORT_SQL)}, not {sort!r}")
    params = {"technique": text_param(technique), "outlet": text_param(outlet), "contains": text_param(contains),
              "since": day_param(since, "since"), "until": day_param(until, "until"), "context": int(context),
              **page_params(limit, offset)}
    return con.sql(_EXAMPLES_SQL[sort], params=params)


def speaker_framing_rows(con: duckdb.DuckDBPyConnection, speaker_id: str, *,
                         window: int = FRAMING_WINDOW) -> Relation:
    """Every statement of one speaker with, where framing lies within ``window`` characters, the text around it.

    Columns speaker_id, article_id, idx, type, content_text, cue_text, lo and hi (the statement's
    extent: content, cue and source mention), outlet, published, title, url, window_start, window
    (the text from window_start; None without framing nearby), frames (list of start, end, text,
    technique, score; None without framing nearby).
    """
    return con.sql(_ONE_SPEAKER_FRAMING_SQL, params={"speaker_id": speaker_id, "window": int(window)})


def all_speaker_framing_rows(con: duckdb.DuckDBPyConnection, *, window: int = FRAMING_WINDOW,
                             batch: int = 50_000) -> pa.RecordBatchReader:
    """``speaker_framing_rows`` for every linked speaker at once, one speaker's rows together (sorted by
    speaker_id, then as for one speaker), in batches of ``batch`` rows."""
    return con.sql(_ALL_SPEAKERS_FRAMING_SQL, params={"window": int(window)}).to_arrow_reader(batch)


def framing_technique_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The techniques present in the corpus, sorted."""
    return [r[0] for r in con.sql(_TECHNIQUES_SQL).fetchall()]
