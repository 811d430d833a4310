"""Check-worthy claims across the corpus: the ranked, filterable, sortable list and each claim's quantities.

A claim's corpus-wide speaker is the linked speaker of the attribution whose content overlaps the
claim most (the extractor stores the speaker's name only). That link (``CLAIM_SPEAKER_ROWS``) is
stored in the derived table ``claim_speakers`` with every speaker update (``queries.precomputed``),
so a page does not recompute it for every claim of the corpus, and the claims list reads each claim
with its speaker and article from the derived table ``claim_rows`` (``CLAIM_ROWS``); a database
from before those tables gets them as temporary views. Each claim's reports in other articles are
stored too (``claim_echoes``, ``CLAIM_ECHO_ROWS``). ``claim_quantities`` is the one place that
knows where a claim's quantities are stored.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import duckdb

from presslens.queries.common import DateLike, Relation, day_param, page_params, records, text_param

CLAIM_COLUMNS = (
    "article_id",
    "idx",
    "start_char",
    "end_char",
    "text",
    "checkworthy",
    "speaker",
    "speaker_id",
    "said",
    "outlet",
    "published",
    "title",
    "url",
)

# Sort keys of the claims list: a fixed ORDER BY text each (chosen by key, never built from input).
CLAIM_SORT_SQL: dict[str, str] = {
    "score": "checkworthy DESC, article_id, idx",
    "-score": "checkworthy ASC, article_id, idx",
    "date": "said DESC NULLS LAST, checkworthy DESC, article_id, idx",
    "-date": "said ASC NULLS LAST, checkworthy DESC, article_id, idx",
    "outlet": "outlet ASC NULLS LAST, checkworthy DESC, article_id, idx",
    "-outlet": "outlet DESC NULLS LAST, checkworthy DESC, article_id, idx",
    "speaker": "speaker ASC NULLS LAST, checkworthy DESC, article_id, idx",
    "-speaker": "speaker DESC NULLS LAST, checkworthy DESC, article_id, idx",
}

# Each claim's corpus speaker: the linked speaker of the attribution whose content overlaps the claim
# most (ties: the first attribution). Columns article_id, idx, speaker_id; claims without one are absent.
# ``claim_speakers`` holds these rows (``store.DERIVED_DDL``).
CLAIM_SPEAKER_ROWS = """
SELECT article_id, idx, speaker_id FROM (
    SELECT c.article_id, c.idx,
           (SELECT a.speaker_id FROM attributions a
            WHERE a.article_id = c.article_id AND a.speaker_id IS NOT NULL
              AND a.content_start < c.end_char AND c.start_char < a.content_end
            ORDER BY least(a.content_end, c.end_char) - greatest(a.content_start, c.start_char) DESC, a.idx
            LIMIT 1) AS speaker_id
    FROM claims c
) WHERE speaker_id IS NOT NULL
"""

# Each claim with its corpus speaker's name (else the name the extractor stored) and its article's
# date, outlet, title and URL: the rows of the claims list. The derived table ``claim_rows`` holds
# them, rewritten with the speakers (``store.DERIVED_DDL``), so a page reads one table instead of
# joining claims, articles, claim speakers and speakers; a database from before that table gets
# them as a temporary view (``queries.add_derived_views``).
CLAIM_ROWS = """
SELECT c.article_id, c.idx, c.start_char, c.end_char, c.text, c.checkworthy,
       coalesce(s.name, c.speaker) AS speaker, l.speaker_id, coalesce(c.said_on, ar.published) AS said,
       ar.outlet, ar.published, ar.title, ar.url
FROM claims c JOIN articles ar ON ar.id = c.article_id
LEFT JOIN claim_speakers l ON l.article_id = c.article_id AND l.idx = c.idx
LEFT JOIN speakers s ON s.speaker_id = l.speaker_id
"""

_CLAIMS_BASE = """
SELECT *, count(*) OVER () AS total FROM claim_rows r
WHERE r.checkworthy >= $min_score
  AND ($speaker_id IS NULL OR r.speaker_id = $speaker_id)
  AND ($contains IS NULL OR contains(lower(r.text), lower($contains)))
  AND ($outlet IS NULL OR lower(r.outlet) = lower($outlet))
  AND ($since IS NULL OR r.said >= CAST($since AS DATE))
  AND ($until IS NULL OR r.said <= CAST($until AS DATE))
  AND ($speaker IS NULL OR contains(lower(r.speaker), lower($speaker)))
"""
_CLAIMS_SQL: dict[str, str] = {
    key: f"{_CLAIMS_BASE}ORDER BY {order}\nLIMIT $limit OFFSET $offset"
    for key, order in CLAIM_SORT_SQL.items()
}

# Where a claim's quantities are stored: the one sub-select to change when that moves. Quantities are
# a top-level layer (one row per quantity of the article); ``claim_idx`` is the claim holding one, the
# same link as ``claims.quantities`` (their indexes), and it is also there in databases written
# before that column existed, which a read-only server cannot migrate. Columns
# article_id, claim_idx, idx, text, comparator, value, value_high, unit, measured, start_char, end_char.
CLAIM_QUANTITY_ROWS = """
SELECT q.article_id, q.claim_idx, q.idx, q.text, q.comparator, q.value, q.value_high, q.unit, q.measured,
       q.start_char, q.end_char
FROM quantities q WHERE q.claim_idx IS NOT NULL
"""

_CLAIM_QUANTITIES_SQL = f"""
SELECT * FROM ({CLAIM_QUANTITY_ROWS}) q
WHERE list_contains($articles::VARCHAR[], q.article_id)
ORDER BY q.article_id, q.claim_idx, q.idx
"""  # noqa: S608 (fixed SQL fragments, no values)

# Reports elsewhere of the same claim, for the claims of one page: claims of other articles by the
# same speaker (name, any case), with the same text, or with a quantity of the same value and unit.
# The caller keeps those with near-identical wording or the same subject (``web.claims``).
_CLAIM_ECHOES_SQL = f"""
WITH page AS (
    SELECT unnest($articles::VARCHAR[]) AS article_id, unnest($idxs::INTEGER[]) AS idx
), mine AS (
    SELECT c.article_id, c.idx, lower(c.text) AS text, lower(c.speaker) AS speaker,
           list_distinct(string_split_regex(lower(c.text), '[^[:alnum:]]+')) AS words
    FROM claims c JOIN page p ON p.article_id = c.article_id AND p.idx = c.idx
), qty AS (SELECT * FROM ({CLAIM_QUANTITY_ROWS}) q WHERE q.value IS NOT NULL),
matches AS (
    SELECT m.article_id AS of_article, m.idx AS of_idx, c.article_id, c.idx, 'speaker' AS reason
    FROM mine m JOIN claims c ON lower(c.speaker) = m.speaker AND c.article_id <> m.article_id
    -- a rough word overlap first, so a prolific speaker's other claims are not all fetched and compared
    WHERE len(list_intersect(m.words, list_distinct(string_split_regex(lower(c.text), '[^[:alnum:]]+'))))
          >= $wording * len(list_distinct(list_concat(m.words, string_split_regex(lower(c.text), '[^[:alnum:]]+'))))
    UNION
    -- a text reprinted by many outlets (wire copy): only the earliest few go on (a top-n aggregate,
    -- cheaper than numbering every reprint)
    SELECT of_article, of_idx, r.article_id, r.idx, 'text' FROM (
        SELECT m.article_id AS of_article, m.idx AS of_idx,
               unnest(min_by(struct_pack(article_id := c.article_id, idx := c.idx),
                             (c.said_on IS NULL, c.said_on, c.article_id, c.idx), $per_claim)) AS r
        FROM mine m JOIN claims c ON lower(c.text) = m.text AND c.article_id <> m.article_id
        GROUP BY m.article_id, m.idx)
    UNION
    SELECT m.article_id, m.idx, o.article_id, o.claim_idx, 'quantity'
    FROM mine m JOIN qty q ON q.article_id = m.article_id AND q.claim_idx = m.idx
    JOIN qty o ON o.value = q.value AND coalesce(o.unit, '') = coalesce(q.unit, '') AND o.article_id <> m.article_id
    -- the same value about something sharing a word ("students", "of the budget"): common values
    -- such as 2 or 10 percent would otherwise match a large part of the corpus
    WHERE len(list_intersect(string_split_regex(lower(q.measured), '[^[:alnum:]]+'),
                             string_split_regex(lower(o.measured), '[^[:alnum:]]+'))) > 0
), grouped AS (
    SELECT x.of_article, x.of_idx, list(DISTINCT x.reason ORDER BY x.reason) AS reasons, x.article_id, x.idx
    FROM matches x GROUP BY ALL
)
SELECT x.of_article, x.of_idx, x.reasons, c.article_id, c.idx, c.text,
       c.checkworthy, c.speaker, coalesce(c.said_on, ar.published) AS said, ar.outlet, ar.published, ar.title, ar.url
FROM grouped x JOIN claims c ON c.article_id = x.article_id AND c.idx = x.idx
JOIN articles ar ON ar.id = c.article_id
QUALIFY row_number() OVER (PARTITION BY x.of_article, x.of_idx
                           ORDER BY said NULLS LAST, ar.outlet NULLS LAST, c.article_id, c.idx) <= $per_claim
ORDER BY x.of_article, x.of_idx, said NULLS LAST, ar.outlet NULLS LAST, c.article_id, c.idx
LIMIT $limit
"""  # noqa: S608 (fixed SQL fragments, no values)

# Defaults of ``claim_echoes``: the stored echoes (``claim_echoes`` table) are computed with these.
ECHO_PER_CLAIM = 10
ECHO_WORDING = 0.4

# ``_CLAIM_ECHOES_SQL`` for every claim of the corpus at once (the rows of the derived table
# ``claim_echoes``, ``store.DERIVED_DDL``), without LIMIT: each claim's words are split once, not
# once per pair, and the same text is looked for among its earliest reprints only. Parameters
# $wording and $per_claim.
CLAIM_ECHO_ROWS = f"""
WITH w AS (
    SELECT c.article_id, c.idx, lower(c.text) AS text, lower(c.speaker) AS speaker, c.said_on,
           list_distinct(string_split_regex(lower(c.text), '[^[:alnum:]]+')) AS words
    FROM claims c
), most AS (
    SELECT text, max(n) AS most FROM (SELECT text, article_id, count(*) AS n FROM w GROUP BY 1, 2) GROUP BY 1
), earliest AS (
    -- the earliest reprints of each text: a claim's earliest $per_claim in other articles are among
    -- the text's earliest $per_claim + (its claims in one article, at most), so a text reprinted by
    -- thousands of articles is not paired with every other reprint
    SELECT w.* FROM w JOIN most USING (text)
    QUALIFY row_number() OVER (PARTITION BY w.text ORDER BY w.said_on IS NULL, w.said_on, w.article_id, w.idx)
            <= $per_claim + most.most
), qty AS (SELECT * FROM ({CLAIM_QUANTITY_ROWS}) q WHERE q.value IS NOT NULL),
matches AS (
    SELECT m.article_id AS of_article, m.idx AS of_idx, c.article_id, c.idx, 'speaker' AS reason
    FROM w m JOIN w c ON c.speaker = m.speaker AND c.article_id <> m.article_id
    WHERE len(list_intersect(m.words, c.words))
          >= $wording * len(list_distinct(list_concat(m.words, c.words)))
    UNION
    SELECT of_article, of_idx, r.article_id, r.idx, 'text' FROM (
        SELECT m.article_id AS of_article, m.idx AS of_idx,
               unnest(min_by(struct_pack(article_id := c.article_id, idx := c.idx),
                             (c.said_on IS NULL, c.said_on, c.article_id, c.idx), $per_claim)) AS r
        FROM w m JOIN earliest c ON c.text = m.text AND c.article_id <> m.article_id
        GROUP BY m.article_id, m.idx)
    UNION
    SELECT q.article_id, q.claim_idx, o.article_id, o.claim_idx, 'quantity'
    FROM qty q JOIN qty o ON o.value = q.value AND coalesce(o.unit, '') = coalesce(q.unit, '')
                         AND o.article_id <> q.article_id
    WHERE len(list_intersect(string_split_regex(lower(q.measured), '[^[:alnum:]]+'),
                             string_split_regex(lower(o.measured), '[^[:alnum:]]+'))) > 0
), grouped AS (
    SELECT x.of_article, x.of_idx, list(DISTINCT x.reason ORDER BY x.reason) AS reasons, x.article_id, x.idx
    FROM matches x GROUP BY ALL
)
SELECT x.of_article, x.of_idx, x.reasons, c.article_id, c.idx, c.text,
       c.checkworthy, c.speaker, coalesce(c.said_on, ar.published) AS said, ar.outlet, ar.published, ar.title, ar.url
FROM grouped x JOIN claims c ON c.article_id = x.article_id AND c.idx = x.idx
JOIN articles ar ON ar.id = c.article_id
QUALIFY row_number() OVER (PARTITION BY x.of_article, x.of_idx
                           ORDER BY said NULLS LAST, ar.outlet NULLS LAST, c.article_id, c.idx) <= $per_claim
"""  # noqa: S608 (fixed SQL fragments, no values)

# The stored echoes of the claims of one page, in ``claim_echoes``'s order. The rows of the page's
# articles are read first, on their own (a constant list: DuckDB reads them through the table's
# index; joined to the page directly, it scanned the whole table).
_STORED_ECHOES_SQL = """
WITH page AS (
    SELECT unnest($articles::VARCHAR[]) AS of_article, unnest($idxs::INTEGER[]) AS of_idx
), e AS MATERIALIZED (
    SELECT * FROM claim_echoes WHERE list_contains($articles::VARCHAR[], of_article)
)
SELECT e.of_article, e.of_idx, e.reasons, e.article_id, e.idx, e.text, e.checkworthy, e.speaker, e.said,
       e.outlet, e.published, e.title, e.url
FROM e JOIN page p ON p.of_article = e.of_article AND p.of_idx = e.of_idx
ORDER BY e.of_article, e.of_idx, e.said NULLS LAST, e.outlet NULLS LAST, e.article_id, e.idx
LIMIT $limit
"""


def ranked_claims(
    con: duckdb.DuckDBPyConnection,
    *,
    min_score: float = 0.5,
    contains: str | None = None,
    speaker: str | None = None,
    speaker_id: str | None = None,
    outlet: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    sort: str = "score",
    limit: int | None = 50,
    offset: int = 0,
) -> Relation:
    """Check-worthy claims with their corpus speaker, sorted by ``sort`` (a key of ``CLAIM_SORT_SQL``).

    Columns ``CLAIM_COLUMNS`` plus ``total`` (the number of matching claims, on every row).
    ``speaker`` matches part of the speaker's name; ``speaker_id`` the linked corpus speaker.
    """
    if sort not in _CLAIMS_SQL:
        raise ValueError(f"sort must be one of {', '.join(CLAIM_SORT_SQL)}, not {sort!r}")
    params = {
        "min_score": float(min_score),
        "contains": text_param(contains),
        "speaker": text_param(speaker),
        "speaker_id": text_param(speaker_id),
        "outlet": text_param(outlet),
        "since": day_param(since, "since"),
        "until": day_param(until, "until"),
        **page_params(limit, offset),
    }
    return con.sql(_CLAIMS_SQL[sort], params=params)


def claim_quantities(
    con: duckdb.DuckDBPyConnection, keys: list[tuple[str, int]]
) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """The quantities of each claim ``(article_id, claim idx)``: text, comparator, value, value_high, unit,
    measured, start, end; claims without quantities are absent."""
    if not keys:
        return {}
    wanted = set(keys)
    out: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    rows = records(con.sql(_CLAIM_QUANTITIES_SQL, params={"articles": sorted({a for a, _ in wanted})}))
    for r in rows:
        key = (r["article_id"], r["claim_idx"])
        if key in wanted:
            out[key].append(
                {
                    "text": r["text"],
                    "comparator": r["comparator"],
                    "value": r["value"],
                    "value_high": r["value_high"],
                    "unit": r["unit"],
                    "measured": r["measured"],
                    "start": r["start_char"],
                    "end": r["end_char"],
                }
            )
    return dict(out)


def claim_echoes(
    con: duckdb.DuckDBPyConnection,
    keys: list[tuple[str, int]],
    *,
    limit: int = 5000,
    per_claim: int = ECHO_PER_CLAIM,
    wording: float = ECHO_WORDING,
) -> Relation:
    """Candidate reports in other articles of each claim ``(article_id, idx)`` in ``keys``.

    Columns of_article, of_idx (the claim asked about), reasons (``speaker``, ``text``, ``quantity``:
    why it is a candidate), article_id, idx, text, checkworthy, speaker, said, outlet, published,
    title, url. A claim of the same speaker is a candidate when at least ``wording`` of the words of
    both are shared (a rough pre-filter; the caller decides). At most ``per_claim`` rows per claim
    (the earliest) and ``limit`` in all. ``stored_claim_echoes`` reads the same rows, computed in advance.
    """
    params = {
        "articles": [a for a, _ in keys],
        "idxs": [int(i) for _, i in keys],
        "limit": int(limit),
        "per_claim": int(per_claim),
        "wording": float(wording),
    }
    return con.sql(_CLAIM_ECHOES_SQL, params=params)


def stored_claim_echoes(
    con: duckdb.DuckDBPyConnection, keys: list[tuple[str, int]], *, limit: int = 5000
) -> list[dict[str, Any]] | None:
    """``claim_echoes`` with its default ``per_claim`` and ``wording``, as ``update_speakers`` stored them
    (the ``claim_echoes`` table); None when the database predates that table (the caller then asks
    ``claim_echoes``)."""
    params = {"articles": [a for a, _ in keys], "idxs": [int(i) for _, i in keys], "limit": int(limit)}
    try:
        result = con.execute(_STORED_ECHOES_SQL, params)
    # Without the table, DuckDB's Python replacement scan finds this module's ``claim_echoes``
    # function instead, and says it cannot scan it (a connection without external access says
    # the table is missing).
    except (duckdb.CatalogException, duckdb.InvalidInputException):
        return None
    columns = [d[0] for d in result.description]
    return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]
