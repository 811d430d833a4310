"""The data behind every page, as JSON-ready dicts: each page renders one of these, and its
JSON twin returns it unchanged. All SQL lives in ``presslens.queries``.

The database is read-only while served (DuckDB refuses writers while the server holds it), so
every answer is memoised per server in an ``LRU`` (``presslens.web.cache``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb

from presslens import queries
from presslens.web.cache import LRU
from presslens.web.paging import Page
from presslens.web.precompute import PAGE_VARIANT_QUOTES, page_variants
from presslens.web.records import article_record, iso, plain, quote
from presslens.web.search import parse_query

NO_OUTLET = "(no outlet)"
TOP_SPEAKERS = 15
LATEST_ARTICLES = 6
BLOCK_ROWS = 200  # rows of a paged list read at once (``block_rows``)


def _outlet_name(value: str | None) -> str:
    return value if value else NO_OUTLET


@dataclass(frozen=True, slots=True)
class QuoteFilters:
    """Filters of a speaker's quotes (all optional)."""

    contains: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    type: str | None = None
    act: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {
            "contains": self.contains,
            "outlet": self.outlet,
            "since": self.since,
            "until": self.until,
            "type": self.type,
            "act": self.act,
        }


def block_rows(
    cache: LRU, key: tuple, page: Page, fetch: Callable[[int, int], list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """The rows of ``page`` of a list, read ``BLOCK_ROWS`` at a time: ``fetch(limit, offset)`` reads a
    block once (cached under ``key`` and the block's first row) and the pages within it are slices.

    People page through a list, and a block is one query (the same scan and sort as one page) where
    its pages would be one query each. A page that does not fit in one block is read by itself.
    """
    start = page.offset - page.offset % BLOCK_ROWS
    if page.offset + page.limit > start + BLOCK_ROWS:
        return fetch(page.limit, page.offset)
    block = cache.get((*key, start), lambda: fetch(BLOCK_ROWS, start))
    return block[page.offset - start : page.offset - start + page.limit]


def overview(cur: duckdb.DuckDBPyConnection, cache: LRU) -> dict[str, Any]:
    """Home page: corpus totals, date range, outlets and the most-quoted speakers."""

    def compute() -> dict[str, Any]:
        stats = plain(queries.stats(cur))
        outlets = [plain(r) for r in queries.records(queries.outlets(cur, limit=100))]
        top = [plain(r) for r in queries.records(queries.speakers(cur, limit=TOP_SPEAKERS))]
        latest = [plain(r) for r in queries.records(queries.articles(cur, limit=LATEST_ARTICLES))]
        return {"stats": stats, "outlets": outlets, "top_speakers": top, "latest_articles": latest}

    return cache.get(("overview",), compute)


def search(
    cur: duckdb.DuckDBPyConnection, cache: LRU, q: str | None, page: Page, *, outlet: str | None = None
) -> dict[str, Any]:
    """Quotes matching a search (see ``presslens.web.search``), newest first."""
    parsed = parse_query(q)
    if not parsed:
        return {"q": q or "", "terms": [], **page.envelope(0, [], "quotes")}

    def compute() -> dict[str, Any]:
        rel = queries.search_quotes(
            cur,
            terms=list(parsed.terms),
            patterns=parsed.patterns,
            outlet=outlet,
            limit=page.limit,
            offset=page.offset,
        )
        rows = queries.records(rel)
        if rows:
            total = int(rows[0]["total"])
        else:
            total = queries.count(
                queries.search_quotes(
                    cur, terms=list(parsed.terms), patterns=parsed.patterns, outlet=outlet, limit=None
                )
            )
        return {"terms": list(parsed.terms), **page.envelope(total, [quote(r) for r in rows], "quotes")}

    return {"q": q or "", **cache.get(("search", parsed.terms, outlet, page), compute)}


def speakers_list(
    cur: duckdb.DuckDBPyConnection,
    cache: LRU,
    page: Page,
    *,
    q: str | None = None,
    kind: str | None = None,
    sort: str = "quotes",
) -> dict[str, Any]:
    """Speakers by number of quotes (or ``sort``), optionally searched by name or alias."""
    filters = {"search": q or None, "kind": kind or None}

    def compute() -> dict[str, Any]:
        rows = queries.records(
            queries.speakers(cur, limit=page.limit, offset=page.offset, sort=sort, **filters)
        )
        total = cache.get(
            ("speakers-total", q, kind), lambda: queries.count(queries.speakers(cur, limit=None, **filters))
        )
        return {
            "q": q or "",
            "kind": kind or None,
            "sort": sort,
            **page.envelope(total, [plain(r) for r in rows], "speakers"),
        }

    return cache.get(("speakers", q, kind, sort, page), compute)


def choose_grain(first: Any, last: Any) -> str:
    """Weeks for a speaker quoted over less than about half a year, months otherwise."""
    if isinstance(first, date) and isinstance(last, date) and last - first < timedelta(days=180):
        return "week"
    return "month"


def timeline_rows(
    cur: duckdb.DuckDBPyConnection, cache: LRU, speaker_id: str, filters: QuoteFilters, grain: str
) -> list[dict[str, Any]]:
    """``queries.speaker_timeline`` rows: quotes per period and outlet (period None: undated quotes).

    Filtered by outlet alone, they are the unfiltered rows of that outlet (the query matches outlets
    in any case), taken from the speaker's unfiltered timeline, which the speaker's page reads anyway:
    a speaker's pages for each outlet then need no timeline query of their own. Only for ASCII
    outlet names, where Python's and DuckDB's ``lower`` agree.
    """
    if filters.outlet and filters == QuoteFilters(outlet=filters.outlet) and filters.outlet.isascii():
        every = timeline_rows(cur, cache, speaker_id, QuoteFilters(), grain)
        if all(r["outlet"].isascii() for r in every):
            wanted = filters.outlet.lower()
            return [r for r in every if r["outlet"].lower() == wanted]
    return cache.get(
        ("timeline-rows", speaker_id, filters, grain),
        lambda: queries.records(queries.speaker_timeline(cur, speaker_id, grain=grain, **filters.as_dict())),
    )


def timeline(rows: list[dict[str, Any]], grain: str) -> dict[str, Any]:
    """Dated quotes per period and outlet: ``periods`` (ISO first days) and ``series`` {outlet: {period: n}}."""
    dated = [r for r in rows if r["period"] is not None]
    periods = fill_periods(sorted({r["period"] for r in dated}), grain)
    series: dict[str, dict[str, int]] = defaultdict(dict)
    totals: dict[str, int] = defaultdict(int)
    for r in dated:
        name = _outlet_name(r["outlet"])
        series[name][iso(r["period"])] = int(r["quotes"])
        totals[name] += int(r["quotes"])
    ordered = sorted(series, key=lambda name: (-totals[name], name))
    return {
        "grain": grain,
        "periods": [iso(p) for p in periods],
        "series": {name: series[name] for name in ordered},
    }


def fill_periods(periods: list[date], grain: str, limit: int = 520) -> list[date]:
    """Every period from the first to the last (so gaps show as gaps), at most ``limit`` of them."""
    if not periods:
        return []
    out: list[date] = [periods[0]]
    while out[-1] < periods[-1] and len(out) < limit:
        current = out[-1]
        if grain == "week":
            out.append(current + timedelta(days=7))
        elif grain == "year":
            out.append(date(current.year + 1, 1, 1))
        else:
            out.append(date(current.year + current.month // 12, current.month % 12 + 1, 1))
    return out


def variants(cur: duckdb.DuckDBPyConnection, cache: LRU, speaker_id: str) -> list[dict[str, Any]]:
    """The speaker's statements reported in several articles, grouped with their wordings.

    Read from the ``speaker_variants`` table that ``presslens ingest`` keeps (``precompute.page_variants``
    over the speaker's ``PAGE_VARIANT_QUOTES`` most recent quotes); a database written before that
    table existed gets the same grouping computed here, once per speaker.
    """

    def compute() -> list[dict[str, Any]]:
        stored = queries.stored_page_variants(cur, speaker_id)
        if stored is not None:
            return stored
        return page_variants(
            queries.records(queries.speaker_quotes(cur, speaker_id, limit=PAGE_VARIANT_QUOTES))
        )

    return cache.get(("variants", speaker_id), compute)


def speaker_profile(cur: duckdb.DuckDBPyConnection, cache: LRU, speaker_id: str) -> dict[str, Any] | None:
    """The speaker (``queries.SPEAKER_COLUMNS``) and the outlets quoting them, or None."""

    def compute() -> dict[str, Any] | None:
        row = queries.speaker_record(cur, speaker_id)
        if row is None:
            return None
        outlets = queries.records(queries.speaker_outlets(cur, speaker_id))
        firsts = [r["first_said"] for r in outlets if r["first_said"] is not None]
        lasts = [r["last_said"] for r in outlets if r["last_said"] is not None]
        speaker = {
            **plain(row),
            "outlets": sum(1 for r in outlets if r["outlet"]),
            "first_said": iso(min(firsts)) if firsts else None,
            "last_said": iso(max(lasts)) if lasts else None,
        }
        return {
            "speaker": speaker,
            "outlets": [
                {"outlet": r["outlet"] or None, "quotes": int(r["quotes"]), "articles": int(r["articles"])}
                for r in outlets
            ],
            "span": (min(firsts) if firsts else None, max(lasts) if lasts else None),
        }

    return cache.get(("speaker", speaker_id), compute)


def speaker_detail(
    cur: duckdb.DuckDBPyConnection,
    cache: LRU,
    speaker_id: str,
    filters: QuoteFilters,
    page: Page,
    grain: str | None = None,
) -> dict[str, Any] | None:
    """Speaker page: the speaker, their filtered quotes (paged), timeline, outlets and quote variants.

    Computed as one cache entry, so a cold page takes one of the cache's computation slots once;
    its parts (profile, timeline counts, which also give the total) are cached too and shared with
    other pages. The quote variants, the largest part and the same for every page of the speaker,
    are added on the way out rather than kept inside each page's entry, so the cache (bounded by
    bytes) holds them once per speaker, not once per filtered page.
    """

    def compute() -> dict[str, Any] | None:
        profile = speaker_profile(cur, cache, speaker_id)
        if profile is None:
            return None
        chosen = grain or choose_grain(*profile["span"])
        counts = timeline_rows(cur, cache, speaker_id, filters, chosen)
        total = sum(int(r["quotes"]) for r in counts)  # the timeline's rows count every matching quote
        rows: list[dict[str, Any]] = []
        if page.offset < total:  # a page past the end needs no query
            rows = block_rows(
                cache,
                ("speaker-quotes", speaker_id, filters),
                page,
                lambda limit, offset: queries.records(
                    queries.speaker_quotes(cur, speaker_id, limit=limit, offset=offset, **filters.as_dict())
                ),
            )
        return {
            "speaker": profile["speaker"],
            "filters": filters.as_dict(),
            "outlets": profile["outlets"],
            "timeline": timeline(counts, chosen),
            "variants": None,
            **page.envelope(total, [quote(r) for r in rows], "quotes"),
        }

    detail = cache.get(("speaker-detail", speaker_id, filters, page, grain), compute)
    if detail is None:
        return None
    return {**detail, "variants": variants(cur, cache, speaker_id)}  # same key order as before


def articles_list(
    cur: duckdb.DuckDBPyConnection,
    cache: LRU,
    page: Page,
    *,
    outlet: str | None = None,
    contains: str | None = None,
    since: str | None = None,
    until: str | None = None,
    speaker_id: str | None = None,
    sort: str = "published",
    stored: bool = False,
) -> dict[str, Any]:
    """Articles, newest first (or ``sort``, a key of ``queries.ARTICLE_SORT_SQL``), with filters;
    ``stored`` as in ``queries.articles``."""
    filters = {
        "outlet": outlet or None,
        "contains": contains or None,
        "since": since or None,
        "until": until or None,
        "speaker_id": speaker_id or None,
    }
    key = tuple(sorted(filters.items()))

    def compute() -> dict[str, Any]:
        rows = block_rows(
            cache,
            ("article-rows", key, sort),
            page,
            lambda limit, offset: queries.records(
                queries.articles(cur, limit=limit, offset=offset, sort=sort, stored=stored, **filters)
            ),
        )
        total = cache.get(
            ("articles-total", key), lambda: queries.count(queries.articles(cur, limit=None, **filters))
        )
        return {
            "filters": filters,
            "sort": sort,
            **page.envelope(total, [plain(r) for r in rows], "articles"),
        }

    return cache.get(("articles", key, sort, page), compute)


def article_detail(cur: duckdb.DuckDBPyConnection, cache: LRU, article_id: str) -> dict[str, Any] | None:
    """One article as the record contract, or None."""

    def compute() -> dict[str, Any] | None:
        row = queries.article(cur, article_id)
        return article_record(row) if row is not None else None

    return cache.get(("article", article_id), compute)


def outlets_detail(
    cur: duckdb.DuckDBPyConnection, cache: LRU, page: Page, *, per_outlet: int = 5
) -> dict[str, Any]:
    """Outlets page: per outlet its articles, attributions by type and most-quoted speakers."""

    def compute() -> dict[str, Any]:
        rows = [plain(r) for r in queries.records(queries.outlets(cur, limit=page.limit, offset=page.offset))]
        names = [r["outlet"] for r in rows if r["outlet"] is not None]
        types = {
            r["outlet"]: r for r in queries.records(queries.outlet_attribution_types(cur, outlets=names))
        }
        tops: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
        for r in queries.records(queries.outlet_top_speakers(cur, per_outlet=per_outlet, outlets=names)):
            tops[r["outlet"]].append(
                {"speaker_id": r["speaker_id"], "speaker": r["speaker"], "quotes": int(r["quotes"])}
            )
        if any(r["outlet"] is None for r in rows):
            for r in queries.records(queries.outlet_attribution_types(cur)):
                if r["outlet"] is None:
                    types[None] = r
        out = []
        for r in rows:
            counts = types.get(r["outlet"], {})
            by_type = {k: int(counts.get(k, 0) or 0) for k in queries.ATTRIBUTION_TYPES}
            total = sum(by_type.values())
            out.append(
                {
                    **r,
                    "types": by_type,
                    "direct_share": round(by_type["direct"] / total, 4) if total else None,
                    "top_speakers": tops.get(r["outlet"], []),
                }
            )
        total_outlets = queries.count(queries.outlets(cur, limit=None))
        return page.envelope(total_outlets, out, "outlets")

    return cache.get(("outlets", page.limit, page.offset, per_outlet), compute)
