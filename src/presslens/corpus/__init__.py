"""Cross-article work over a presslens database, and the Python API to query it (``Corpus``).

- ``names``: person and group names normalised for matching across articles;
- ``speakers``: corpus-wide speaker identity (``update_speakers``);
- ``variants``: the same statement reported in several articles (``find_variants``, ``word_diff``).

The speaker pages' precomputed tables live with the web code (``presslens.web.precompute``); all
SQL is in ``presslens.queries``.
"""

from __future__ import annotations

import os
from typing import Any

import duckdb

from presslens import queries
from presslens.corpus.names import (
    FEMALE_TITLES,
    GROUP_WORDS,
    MALE_TITLES,
    PARTICLES,
    PRONOUNS,
    SUFFIXES,
    TITLES,
    PersonName,
    fold,
    group_key,
    parse_person,
    slug,
)
from presslens.corpus.speakers import SpeakerResolver, SpeakerUpdate, speakers_outdated, update_speakers
from presslens.corpus.variants import (
    STOPWORDS,
    Variant,
    VariantGroup,
    VariantSettings,
    find_variants,
    group_quotes,
    iter_variant_groups,
    normalise_quote,
    word_diff,
)
from presslens.store import connect

__all__ = [
    "FEMALE_TITLES", "GROUP_WORDS", "MALE_TITLES", "PARTICLES", "PRONOUNS", "STOPWORDS", "SUFFIXES", "TITLES",
    "Corpus", "PersonName", "SpeakerResolver", "SpeakerUpdate", "Variant", "VariantGroup", "VariantSettings",
    "find_variants", "fold", "group_key", "group_quotes", "iter_variant_groups", "normalise_quote",
    "parse_person", "slug", "speakers_outdated", "update_speakers", "word_diff",
]

# Moved to ``presslens.web.precompute``; importable from here for one more release. Resolved on
# first use, so that importing presslens does not load the web application.
_MOVED_TO_WEB = ("PAGE_VARIANT_QUOTES", "PAGE_VARIANT_GROUPS", "PAGE_VARIANTS_SHOWN", "PAGE_VARIANT_SETTINGS",
                 "page_variants")


def __getattr__(name: str) -> Any:
    if name in _MOVED_TO_WEB:
        from presslens.web import precompute

        return getattr(precompute, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Corpus:
    """A presslens database opened for querying (read-only by default).

        corpus = presslens.Corpus("news.duckdb")
        corpus.quotes(speaker="Merkel", contains="refugees").df()
    """

    def __init__(self, path: str | os.PathLike, *, read_only: bool = True) -> None:
        self.path = path
        self.con = connect(path, read_only=read_only)

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Corpus({str(self.path)!r})"

    def close(self) -> None:
        """Close the database."""
        self.con.close()

    def quotes(self, **filters: Any) -> duckdb.DuckDBPyRelation:
        """Attributed statements; see ``presslens.queries.quotes`` for the filters and columns."""
        return queries.quotes(self.con, **filters)

    def speakers(self, **filters: Any) -> duckdb.DuckDBPyRelation:
        """Speakers by number of quotes; see ``presslens.queries.speakers``."""
        return queries.speakers(self.con, **filters)

    def articles(self, **filters: Any) -> duckdb.DuckDBPyRelation:
        """Articles, newest first; see ``presslens.queries.articles``."""
        return queries.articles(self.con, **filters)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with everything found in it."""
        return queries.article(self.con, article_id)

    def claims(self, **filters: Any) -> duckdb.DuckDBPyRelation:
        """Check-worthy claims; see ``presslens.queries.claims``."""
        return queries.claims(self.con, **filters)

    def stats(self) -> dict[str, Any]:
        """Corpus totals."""
        return queries.stats(self.con)

    def variants(self, **options: Any) -> list[VariantGroup]:
        """Statements reported in several articles with different wordings; see ``find_variants``."""
        return find_variants(self.con, **options)

    def sql(self, query: str) -> duckdb.DuckDBPyRelation | None:
        """Run SQL on the corpus (read-only unless opened with ``read_only=False``)."""
        return queries.run_sql(self.con, query)

    def update_speakers(self) -> SpeakerUpdate:
        """Recompute corpus-level speakers (needs ``read_only=False``)."""
        return update_speakers(self.con)
