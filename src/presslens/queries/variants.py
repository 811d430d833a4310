"""Quotes for grouping into variants (``presslens.corpus.variants``)."""

from __future__ import annotations

import duckdb
import pyarrow as pa

_VARIANT_ROWS_SQL = """
SELECT a.speaker_id, coalesce(s.name, a.speaker_id) AS speaker, a.article_id, a.idx, a.content_text,
       ar.outlet, coalesce(a.said_on, ar.published) AS said_on, ar.published, ar.title, ar.url
FROM attributions a
JOIN articles ar ON ar.id = a.article_id
LEFT JOIN speakers s ON s.speaker_id = a.speaker_id
WHERE a.speaker_id IS NOT NULL AND a.content_text IS NOT NULL
  AND ($speaker IS NULL OR a.speaker_id IN (
        SELECT m.speaker_id FROM speakers m
        WHERE m.speaker_id = $speaker OR contains(lower(m.name), lower($speaker))
           OR contains(lower(array_to_string(m.aliases, chr(31))), lower($speaker))))
  AND ($contains IS NULL OR contains(lower(a.content_text), lower($contains)))
ORDER BY a.speaker_id, a.article_id, a.idx
"""


def variant_rows(
    con: duckdb.DuckDBPyConnection, *, speaker: str | None = None, contains: str | None = None
) -> pa.RecordBatchReader:
    """The quotes of linked speakers, one speaker's together, in batches of 50,000 rows.

    Columns speaker_id, speaker, article_id, idx, content_text, outlet, said_on (else published),
    published, title, url. ``speaker`` and ``contains`` filter as in ``quotes``.
    """
    params = {"speaker": speaker or None, "contains": contains or None}
    return con.sql(_VARIANT_ROWS_SQL, params=params).to_arrow_reader(batch_size=50_000)
