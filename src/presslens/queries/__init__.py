"""The named queries over a presslens database, shared by the CLI, the Python API and the web app.

Every function takes an open DuckDB connection (read-only is enough, except for the writes of
``identity`` and ``pages``) and keyword filters, and returns either a DuckDB relation (lazy;
convert with ``.fetchall()``, ``.to_arrow_table()``, ``.df()``, ``.pl()``, or ``records(rel)`` for
a list of dicts) or plain dicts. Each SQL text is a fixed string; values travel only as
parameters. A filter left at ``None`` does not filter. Listings take ``limit`` (``None`` for no
limit) and ``offset`` for pagination.

Dates (``since``/``until``) are ISO ``YYYY-MM-DD`` strings or ``datetime.date``; a quote's date is
the day it was said when the text gives one, else the publication date.

All SQL of presslens lives here, by what it serves, and in ``presslens.store`` (the schema and
the batch writes):

- ``search``: attributed statements, listed and searched;
- ``speaker_pages``: the speakers listing and the speaker pages;
- ``article_pages``: the articles listing and one article in full;
- ``overview``: corpus totals, outlets, claims, framing techniques, failed documents;
- ``claims``: the ranked claims page, each claim's quantities, the same claim in other articles;
- ``framing``: framing rates per outlet and over time, example spans, framing around a speaker's statements;
- ``entities``: named entities across articles, their mentions over time and articles;
- ``timeline``: volume over time, and quote search with dates, type, timeline and facets;
- ``identity``: reads and writes of corpus-wide speaker identity (``presslens.corpus.speakers``);
- ``variants``: the quotes grouped into variants (``presslens.corpus.variants``);
- ``precomputed``: the derived tables behind the speaker and claims pages (``presslens.web.precompute``);
- ``database``: the database's tables and settings;
- ``common``: parameter checks and reading rows, shared by all.
"""

from presslens.queries.article_pages import (
    ARTICLE_COLUMNS,
    ARTICLE_COUNT_ROWS,
    ARTICLE_SORT_SQL,
    article,
    articles,
)
from presslens.queries.claims import (
    CLAIM_COLUMNS,
    CLAIM_ECHO_ROWS,
    CLAIM_QUANTITY_ROWS,
    CLAIM_ROWS,
    CLAIM_SORT_SQL,
    CLAIM_SPEAKER_ROWS,
    ECHO_PER_CLAIM,
    claim_echoes,
    claim_quantities,
    ranked_claims,
    stored_claim_echoes,
)
from presslens.queries.common import (
    ATTRIBUTION_ACTS,
    ATTRIBUTION_TYPES,
    DateLike,
    Relation,
    count,
    records,
    run_sql,
    unregister,
)
from presslens.queries.database import set_late_materialization, set_threads, table_names
from presslens.queries.entities import (
    ENTITY_SORT_SQL,
    corpus_entities,
    entity_articles,
    entity_kinds,
    entity_timeline,
)
from presslens.queries.framing import (
    FRAMING_SORT_SQL,
    FRAMING_WINDOW,
    all_speaker_framing_rows,
    framing_examples,
    framing_technique_names,
    framing_timeline,
    outlet_techniques,
    outlet_words,
    speaker_framing_rows,
)
from presslens.queries.identity import (
    SPEAKER_VIEWS,
    attribution_sources,
    entity_names,
    mark_speakers_current,
    person_names,
    replace_speakers,
    speakers_outdated,
)
from presslens.queries.overview import (
    claims,
    errors,
    framing_techniques,
    outlet_attribution_types,
    outlet_top_speakers,
    outlets,
    stats,
)
from presslens.queries.precomputed import (
    PAGE_VIEWS,
    add_derived_views,
    add_quotes_by_speaker_view,
    recent_speaker_quotes,
    refill_article_counts,
    refill_article_words,
    refill_claim_echoes,
    refill_claim_speakers,
    refill_quotes_by_speaker,
    replace_page_variants,
    replace_speaker_framing,
    stored_page_variants,
    stored_speaker_framing,
)
from presslens.queries.search import MAX_SEARCH_PATTERNS, QUOTE_COLUMNS, TERM_SLOTS, quotes, search_quotes
from presslens.queries.speaker_pages import (
    SPEAKER_COLUMNS,
    SPEAKER_OUTLET_ROWS,
    SPEAKER_SORT_SQL,
    TIME_GRAINS,
    speaker,
    speaker_outlets,
    speaker_quote_count,
    speaker_quotes,
    speaker_record,
    speaker_timeline,
    speakers,
)
from presslens.queries.timeline import (
    GRAINS,
    corpus_timeline,
    search_counts,
    search_facets,
    search_hits,
    search_timeline,
)
from presslens.queries.variants import variant_rows

__all__ = [
    "ARTICLE_COLUMNS",
    "ARTICLE_COUNT_ROWS",
    "ARTICLE_SORT_SQL",
    "ATTRIBUTION_ACTS",
    "ATTRIBUTION_TYPES",
    "MAX_SEARCH_PATTERNS",
    "PAGE_VIEWS",
    "QUOTE_COLUMNS",
    "TERM_SLOTS",
    "SPEAKER_COLUMNS",
    "SPEAKER_VIEWS",
    "TIME_GRAINS",
    "DateLike",
    "Relation",
    "add_derived_views",
    "add_quotes_by_speaker_view",
    "all_speaker_framing_rows",
    "article",
    "articles",
    "attribution_sources",
    "claims",
    "count",
    "entity_names",
    "errors",
    "framing_techniques",
    "mark_speakers_current",
    "outlet_attribution_types",
    "outlet_top_speakers",
    "outlets",
    "person_names",
    "quotes",
    "recent_speaker_quotes",
    "records",
    "refill_article_counts",
    "refill_article_words",
    "refill_claim_echoes",
    "refill_claim_speakers",
    "refill_quotes_by_speaker",
    "replace_page_variants",
    "replace_speaker_framing",
    "replace_speakers",
    "run_sql",
    "search_quotes",
    "set_late_materialization",
    "set_threads",
    "speaker",
    "speaker_outlets",
    "speaker_quote_count",
    "speaker_quotes",
    "speaker_record",
    "speaker_timeline",
    "speakers",
    "speakers_outdated",
    "stats",
    "stored_claim_echoes",
    "stored_page_variants",
    "stored_speaker_framing",
    "table_names",
    "unregister",
    "variant_rows",
    # claims, framing, entities, timeline
    "CLAIM_COLUMNS",
    "CLAIM_ECHO_ROWS",
    "CLAIM_QUANTITY_ROWS",
    "CLAIM_ROWS",
    "CLAIM_SPEAKER_ROWS",
    "CLAIM_SORT_SQL",
    "ECHO_PER_CLAIM",
    "ENTITY_SORT_SQL",
    "FRAMING_SORT_SQL",
    "FRAMING_WINDOW",
    "GRAINS",
    "SPEAKER_OUTLET_ROWS",
    "SPEAKER_SORT_SQL",
    "claim_echoes",
    "claim_quantities",
    "corpus_entities",
    "corpus_timeline",
    "entity_articles",
    "entity_kinds",
    "entity_timeline",
    "framing_examples",
    "framing_technique_names",
    "framing_timeline",
    "outlet_techniques",
    "outlet_words",
    "ranked_claims",
    "search_counts",
    "search_facets",
    "search_hits",
    "search_timeline",
    "speaker_framing_rows",
]
