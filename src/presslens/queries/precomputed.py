"""The derived tables behind the pages of ``presslens serve`` (``store.DERIVED_DDL``).

``presslens.web.precompute`` fills them whenever the speakers are recomputed: ``quotes_by_speaker``
(each speaker's quotes together, newest first), ``speaker_outlet_counts`` (each speaker's quotes
per outlet), ``speaker_variants`` (each speaker's quote variants as JSON text), ``claim_speakers``
(each claim's corpus speaker, ``queries.CLAIM_SPEAKER_ROWS``), ``claim_rows`` (each claim with its
speaker and article, ``queries.CLAIM_ROWS``), ``speaker_framing`` (each speaker's framing ×
attribution summary as JSON text), ``article_words`` (each article's words, for the framing
rates), ``claim_echoes`` (each claim's reports in other articles, ``queries.claim_echoes``) and
``article_counts`` (each article's number of attributions, length and place in the default order). A database from before these tables
existed is served through temporary views instead (``add_derived_views``), its variants, framing
summaries and claim echoes computed on demand.
"""

from __future__ import annotations

import json
from typing import Any

import duckdb
import pyarrow as pa

from presslens.queries.article_pages import ARTICLE_COUNT_ROWS
from presslens.queries.claims import (
    CLAIM_ECHO_ROWS,
    CLAIM_ROWS,
    CLAIM_SPEAKER_ROWS,
    ECHO_PER_CLAIM,
    ECHO_WORDING,
)
from presslens.queries.framing import ARTICLE_WORD_ROWS
from presslens.queries.speaker_pages import SPEAKER_OUTLET_ROWS
from presslens.store import SPEAKER_QUOTE_ROWS_VIEW

_CLEAR_QUOTES_SQL = "DELETE FROM quotes_by_speaker"
_FILL_QUOTES_SQL = (
    "INSERT INTO quotes_by_speaker BY NAME SELECT * FROM speaker_quote_rows "
    "ORDER BY speaker_id, said DESC NULLS LAST, article_id, idx"
)
_QUOTES_VIEW_SQL = "CREATE OR REPLACE TEMP VIEW quotes_by_speaker AS SELECT * FROM speaker_quote_rows"

_RECENT_QUOTES_SQL = """
SELECT article_id, idx, speaker_id, speaker, content_text AS quote, said_on, published, outlet, title, url
FROM quotes_by_speaker
QUALIFY row_number() OVER (PARTITION BY speaker_id ORDER BY said DESC NULLS LAST, article_id, idx) <= $per_speaker
ORDER BY speaker_id, said DESC NULLS LAST, article_id, idx
"""
_CLEAR_VARIANTS_SQL = "DELETE FROM speaker_variants"
_INSERT_VARIANTS_SQL = "INSERT INTO speaker_variants BY NAME SELECT * FROM _page_variants"
_STORED_VARIANTS_SQL = "SELECT groups FROM speaker_variants WHERE speaker_id = $speaker_id"
_VARIANTS_SCHEMA = pa.schema([("speaker_id", pa.string()), ("groups", pa.string())])

_CLEAR_CLAIM_SPEAKERS_SQL = "DELETE FROM claim_speakers"
_FILL_CLAIM_SPEAKERS_SQL = f"""
INSERT INTO claim_speakers BY NAME SELECT * FROM ({CLAIM_SPEAKER_ROWS}) l ORDER BY speaker_id, article_id, idx
"""  # noqa: S608 (fixed SQL fragments, no values)
_CLAIM_SPEAKERS_VIEW_SQL = f"CREATE OR REPLACE TEMP VIEW claim_speakers AS {CLAIM_SPEAKER_ROWS}"
_CLEAR_CLAIM_ROWS_SQL = "DELETE FROM claim_rows"
_FILL_CLAIM_ROWS_SQL = f"""
INSERT INTO claim_rows BY NAME SELECT * FROM ({CLAIM_ROWS}) r ORDER BY checkworthy DESC, article_id, idx
"""  # noqa: S608 (fixed SQL fragments, no values)
_CLAIM_ROWS_VIEW_SQL = f"CREATE OR REPLACE TEMP VIEW claim_rows AS {CLAIM_ROWS}"

_CLEAR_WORDS_SQL = "DELETE FROM article_words"
_FILL_WORDS_SQL = f"INSERT INTO article_words BY NAME {ARTICLE_WORD_ROWS}"
_WORDS_VIEW_SQL = f"CREATE OR REPLACE TEMP VIEW article_words AS {ARTICLE_WORD_ROWS}"

_CLEAR_ECHOES_SQL = "DELETE FROM claim_echoes"
_FILL_ECHOES_SQL = f"""
INSERT INTO claim_echoes BY NAME SELECT * FROM ({CLAIM_ECHO_ROWS}) e
ORDER BY of_article, of_idx, said NULLS LAST, outlet NULLS LAST, article_id, idx
"""  # noqa: S608 (fixed SQL fragments, no values)

_CLEAR_OUTLET_COUNTS_SQL = "DELETE FROM speaker_outlet_counts"
_FILL_OUTLET_COUNTS_SQL = f"INSERT INTO speaker_outlet_counts BY NAME {SPEAKER_OUTLET_ROWS}"
_OUTLET_COUNTS_VIEW_SQL = f"CREATE OR REPLACE TEMP VIEW speaker_outlet_counts AS {SPEAKER_OUTLET_ROWS}"

_CLEAR_COUNTS_SQL = "DELETE FROM article_counts"
_FILL_COUNTS_SQL = f"""
INSERT INTO article_counts BY NAME SELECT * FROM ({ARTICLE_COUNT_ROWS}) n ORDER BY published_rank
"""  # noqa: S608 (fixed SQL fragments, no values)

_CLEAR_FRAMING_SQL = "DELETE FROM speaker_framing"
_INSERT_FRAMING_SQL = "INSERT INTO speaker_framing BY NAME SELECT * FROM _speaker_framing"
_STORED_FRAMING_SQL = "SELECT summary FROM speaker_framing WHERE speaker_id = $speaker_id"
_FRAMING_SCHEMA = pa.schema([("speaker_id", pa.string()), ("summary", pa.string())])

# The Arrow tables ``replace_page_variants`` and ``replace_speaker_framing`` register on the
# connection, by these names.
PAGE_VIEWS = ("_page_variants", "_speaker_framing")


def refill_quotes_by_speaker(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrite ``quotes_by_speaker`` from the attributions, in page order, and ``speaker_outlet_counts``
    (each speaker's quotes per outlet) from it (run inside a transaction)."""
    con.execute(SPEAKER_QUOTE_ROWS_VIEW)
    con.execute(_CLEAR_QUOTES_SQL)
    con.execute(_FILL_QUOTES_SQL)
    con.execute(_CLEAR_OUTLET_COUNTS_SQL)
    con.execute(_FILL_OUTLET_COUNTS_SQL)


def recent_speaker_quotes(con: duckdb.DuckDBPyConnection, per_speaker: int) -> pa.RecordBatchReader:
    """Each speaker's ``per_speaker`` most recent quotes, one speaker's together, in batches of 50,000 rows.

    Columns article_id, idx, speaker_id, speaker, quote, said_on, published, outlet, title, url.
    """
    return con.sql(_RECENT_QUOTES_SQL, params={"per_speaker": per_speaker}).to_arrow_reader(50_000)


def replace_page_variants(con: duckdb.DuckDBPyConnection, rows: list[dict[str, str]]) -> None:
    """Replace ``speaker_variants`` with ``rows`` (speaker_id, groups as JSON text).

    The rows stay registered under ``PAGE_VIEWS`` until the caller unregisters them.
    """
    con.execute(_CLEAR_VARIANTS_SQL)
    con.register(PAGE_VIEWS[0], pa.Table.from_pylist(rows, schema=_VARIANTS_SCHEMA))
    con.execute(_INSERT_VARIANTS_SQL)


def stored_page_variants(con: duckdb.DuckDBPyConnection, speaker_id: str) -> list[dict[str, Any]] | None:
    """The speaker page's quote variants as ``update_speakers`` stored them (``web.precompute.page_variants``).

    An empty list when the speaker has none; None when the database predates the
    ``speaker_variants`` table (the caller then groups the quotes itself).
    """
    try:
        rows = con.execute(_STORED_VARIANTS_SQL, {"speaker_id": speaker_id}).fetchall()
    except duckdb.CatalogException:
        return None
    return json.loads(rows[0][0]) if rows else []


def refill_claim_speakers(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrite ``claim_speakers`` (each claim's corpus speaker) from the claims and the linked attributions,
    then ``claim_rows`` (each claim with its speaker and article, the claims list) from them."""
    con.execute(_CLEAR_CLAIM_SPEAKERS_SQL)
    con.execute(_FILL_CLAIM_SPEAKERS_SQL)
    con.execute(_CLEAR_CLAIM_ROWS_SQL)
    con.execute(_FILL_CLAIM_ROWS_SQL)


def refill_article_words(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrite ``article_words`` (each article's words, the denominator of the framing rates)."""
    con.execute(_CLEAR_WORDS_SQL)
    con.execute(_FILL_WORDS_SQL)


def refill_claim_echoes(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrite ``claim_echoes`` (each claim's candidate reports in other articles, ``queries.claim_echoes``
    with its defaults) from the claims."""
    con.execute(_CLEAR_ECHOES_SQL)
    con.execute(_FILL_ECHOES_SQL, {"wording": ECHO_WORDING, "per_claim": ECHO_PER_CLAIM})


def refill_article_counts(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrite ``article_counts`` (each article's number of attributions, for the article list)."""
    con.execute(_CLEAR_COUNTS_SQL)
    con.execute(_FILL_COUNTS_SQL)


def replace_speaker_framing(con: duckdb.DuckDBPyConnection, rows: list[dict[str, str]]) -> None:
    """Replace ``speaker_framing`` with ``rows`` (speaker_id, summary as JSON text).

    The rows stay registered under ``PAGE_VIEWS`` until the caller unregisters them.
    """
    con.execute(_CLEAR_FRAMING_SQL)
    con.register(PAGE_VIEWS[1], pa.Table.from_pylist(rows, schema=_FRAMING_SCHEMA))
    con.execute(_INSERT_FRAMING_SQL)


def stored_speaker_framing(con: duckdb.DuckDBPyConnection, speaker_id: str) -> dict[str, Any] | None:
    """The framing × attribution summary of one speaker as ``update_speakers`` stored it
    (``web.wrapping.framing_summary``): an empty dict when there is no row (a speaker without
    statements or variants), None when the database predates the ``speaker_framing`` table."""
    try:
        rows = con.execute(_STORED_FRAMING_SQL, {"speaker_id": speaker_id}).fetchall()
    except duckdb.CatalogException:
        return None
    return json.loads(rows[0][0]) if rows else {}


def add_quotes_by_speaker_view(con: duckdb.DuckDBPyConnection) -> None:
    """Give a connection to an older database ``quotes_by_speaker`` as a temporary view (same rows, unsorted)."""
    con.execute(SPEAKER_QUOTE_ROWS_VIEW)
    con.execute(_QUOTES_VIEW_SQL)


def add_derived_views(con: duckdb.DuckDBPyConnection, missing: set[str] | frozenset[str]) -> None:
    """Give a connection to an older database the derived tables it lacks that have a view form
    (``quotes_by_speaker``, ``speaker_outlet_counts``, ``claim_speakers``, ``claim_rows``, ``article_words``)
    as temporary views of the same rows. ``article_counts`` has none: the article list counts live
    instead (``queries.articles(stored=False)``)."""
    if "quotes_by_speaker" in missing:
        add_quotes_by_speaker_view(con)
    if "claim_speakers" in missing:
        con.execute(_CLAIM_SPEAKERS_VIEW_SQL)
    if "claim_rows" in missing or "claim_speakers" in missing:
        con.execute(_CLAIM_ROWS_VIEW_SQL)
    if "article_words" in missing:
        con.execute(_WORDS_VIEW_SQL)
    if "speaker_outlet_counts" in missing or "quotes_by_speaker" in missing:
        con.execute(_OUTLET_COUNTS_VIEW_SQL)
