"""The data behind the claims, framing, entities and timeline pages, as JSON-ready dicts (cached per server).

Each page renders one of these and its JSON (and CSV) twin returns it; all SQL is in
``presslens.queries``. Framing around a speaker's statements is in ``presslens.web.wrapping``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb

from presslens import queries
from presslens.corpus.variants import normalise_quote, word_diff
from presslens.web.cache import LRU
from presslens.web.data import NO_OUTLET, fill_periods, timeline
from presslens.web.paging import Page
from presslens.web.records import iso, plain, quote
from presslens.web.search import parse_query, search_facets, search_periods

ECHO_WORDING = 0.6  # word overlap (Jaccard) for "near-identical wording" of the same speaker's claim
ECHO_SUBJECT = 0.25  # word overlap for "the same subject" of a claim with the same quantity
_WORD = re.compile(r"\w{4,}")


@dataclass(frozen=True, slots=True)
class Filters:
    """Filters shared by the corpus pages (all optional)."""

    contains: str | None = None
    speaker: str | None = None
    speaker_id: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    technique: str | None = None
    kind: str | None = None
    type: str | None = None
    act: str | None = None


def shown(f: Filters, *names: str) -> dict[str, Any]:
    """The filters a page takes, by name, as its JSON shows them."""
    return {name: getattr(f, name) for name in names}


def choose_grain(first: Any, last: Any) -> str:
    """Weeks under about half a year, months under about eight years, years beyond."""
    if isinstance(first, date) and isinstance(last, date):
        if last - first < timedelta(days=180):
            return "week"
        if last - first > timedelta(days=365 * 8):
            return "year"
    return "month"


def _series(rows: list[dict[str, Any]], value: str, grain: str) -> dict[str, Any]:
    """``data.timeline`` over rows with ``period``, ``outlet`` and a count column ``value``."""
    return timeline([{"period": r["period"], "outlet": r["outlet"], "quotes": r[value]} for r in rows], grain)


# ---- claims ---------------------------------------------------------------------------------------


def claims(
    cur: duckdb.DuckDBPyConnection, cache: LRU, page: Page, f: Filters, sort: str, min_score: float
) -> dict[str, Any]:
    """Check-worthy claims, ranked, each with its quantities and its reports in other articles."""
    filters = {
        "min_score": min_score,
        "contains": f.contains,
        "speaker": f.speaker,
        "speaker_id": f.speaker_id,
        "outlet": f.outlet,
        "since": f.since,
        "until": f.until,
    }

    def compute() -> dict[str, Any]:
        rows = queries.records(
            queries.ranked_claims(cur, **filters, sort=sort, limit=page.limit, offset=page.offset)
        )
        total = (
            int(rows[0]["total"])
            if rows
            else queries.count(queries.ranked_claims(cur, **filters, limit=None))
        )
        keys = [(r["article_id"], int(r["idx"])) for r in rows]
        amounts = queries.claim_quantities(cur, keys)
        reports = claim_reports(cur, rows, amounts)
        items = [
            claim_item(r, amounts.get(k, []), reports.get(k, [])) for r, k in zip(rows, keys, strict=True)
        ]
        return page.envelope(total, items, "claims")

    return {
        "filters": shown(f, "contains", "speaker", "speaker_id", "outlet", "since", "until")
        | {"min_score": min_score},
        "sort": sort,
        **cache.get(("claims", f, sort, min_score, page), compute),
    }


def claim_item(
    r: dict[str, Any], amounts: list[dict[str, Any]], reports: list[dict[str, Any]]
) -> dict[str, Any]:
    """One claim as the page and its twins show it."""
    return {
        "article_id": r["article_id"],
        "idx": int(r["idx"]),
        "text": r["text"],
        "checkworthy": round(float(r["checkworthy"]), 3),
        "speaker": r["speaker"],
        "speaker_id": r["speaker_id"],
        "said": iso(r["said"]),
        "start": r["start_char"],
        "end": r["end_char"],
        "article": {
            "id": r["article_id"],
            "title": r["title"],
            "outlet": r["outlet"],
            "published": iso(r["published"]),
            "url": r["url"],
        },
        "quantities": amounts,
        "reports": reports,
        "outlets": sorted({o for o in [r["outlet"], *(x["outlet"] for x in reports)] if o}),
    }


def _words(text: str | None) -> set[str]:
    return set(normalise_quote(text or "").split())


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _subject(text: str | None, amounts: list[dict[str, Any]]) -> set[str]:
    measured = " ".join(q["measured"] for q in amounts if q.get("measured"))
    return {w.lower() for w in _WORD.findall(measured or text or "")}


def claim_reports(
    cur: duckdb.DuckDBPyConnection,
    rows: list[dict[str, Any]],
    amounts: dict[tuple[str, int], list[dict[str, Any]]],
) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """Reports of each claim in other articles: the same text, the same speaker with near-identical
    wording, or a quantity of the same value and unit about the same subject; with word differences."""
    keys = [(r["article_id"], int(r["idx"])) for r in rows]
    if not keys:
        return {}
    texts = {k: r["text"] for k, r in zip(keys, rows, strict=True)}
    echoes = queries.stored_claim_echoes(cur, keys)
    if echoes is None:  # a database from before the claim_echoes table
        echoes = queries.records(queries.claim_echoes(cur, keys))
    echo_amounts = queries.claim_quantities(cur, [(e["article_id"], int(e["idx"])) for e in echoes])
    out: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for e in echoes:
        key = (e["of_article"], int(e["of_idx"]))
        mine = texts.get(key)
        if mine is None:
            continue
        reasons = set(e["reasons"])
        same = "text" in reasons or (
            "speaker" in reasons and _jaccard(_words(mine), _words(e["text"])) >= ECHO_WORDING
        )
        if not same and "quantity" in reasons:
            theirs = echo_amounts.get((e["article_id"], int(e["idx"])), [])
            same = _jaccard(_subject(mine, amounts.get(key, [])), _subject(e["text"], theirs)) >= ECHO_SUBJECT
        if same:
            out[key].append(
                {
                    "article_id": e["article_id"],
                    "idx": int(e["idx"]),
                    "text": e["text"],
                    "speaker": e["speaker"],
                    "outlet": e["outlet"],
                    "said": iso(e["said"]),
                    "title": e["title"],
                    "url": e["url"],
                    "checkworthy": round(float(e["checkworthy"]), 3),
                    "reasons": sorted(reasons),
                    "diff": [list(op) for op in word_diff(mine, e["text"])],
                }
            )
    return dict(out)


# ---- framing --------------------------------------------------------------------------------------


def _per_1000(spans: int, words: int) -> float | None:
    return round(1000 * spans / words, 3) if words else None


def framing_overview(
    cur: duckdb.DuckDBPyConnection, cache: LRU, f: Filters, grain: str | None
) -> dict[str, Any]:
    """Technique rates (spans per 1,000 words) per outlet, and over time."""

    def compute() -> dict[str, Any]:
        words = queries.records(queries.outlet_words(cur, since=f.since, until=f.until))
        spans = queries.records(
            queries.outlet_techniques(cur, technique=f.technique, since=f.since, until=f.until)
        )
        techniques = queries.framing_technique_names(cur)
        by_outlet: dict[str | None, dict[str, int]] = defaultdict(dict)
        for r in spans:
            by_outlet[r["outlet"]][r["technique"]] = int(r["spans"])
        outlets = []
        for w in words:
            n_words = int(w["words"] or 0)
            counts = by_outlet.get(w["outlet"], {})
            total = sum(counts.values())
            outlets.append(
                {
                    "outlet": w["outlet"],
                    "articles": int(w["articles"]),
                    "words": n_words,
                    "spans": total,
                    "per_1000_words": _per_1000(total, n_words),
                    "techniques": {
                        t: {"spans": n, "per_1000_words": _per_1000(n, n_words)}
                        for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
                    },
                }
            )
        outlets.sort(key=lambda o: (-(o["per_1000_words"] or 0), o["outlet"] or ""))
        stats = queries.stats(cur)
        chosen = grain or choose_grain(stats["first_published"], stats["last_published"])
        rows = queries.records(
            queries.framing_timeline(cur, grain=chosen, outlet=f.outlet, technique=f.technique)
        )
        return {"techniques": techniques, "outlets": outlets, "timeline": _framing_timeline(rows, chosen)}

    return {
        "filters": shown(f, "technique", "outlet", "contains", "since", "until"),
        **cache.get(("framing-overview", f, grain), compute),
    }


def _framing_timeline(rows: list[dict[str, Any]], grain: str) -> dict[str, Any]:
    """Spans per 1,000 words per period and technique: periods, series {technique: {period: rate}}, words."""
    words: dict[str, int] = {}
    series: dict[str, dict[str, float]] = defaultdict(dict)
    totals: dict[str, int] = defaultdict(int)
    for r in rows:
        period = iso(r["period"])
        words[period] = int(r["words"] or 0)
        if r["technique"] is not None:
            series[r["technique"]][period] = _per_1000(int(r["spans"]), words[period]) or 0.0
            totals[r["technique"]] += int(r["spans"])
    ordered = sorted(series, key=lambda t: (-totals[t], t))
    periods = [
        iso(p) for p in fill_periods(sorted({r["period"] for r in rows if r["period"] is not None}), grain)
    ]
    return {
        "grain": grain,
        "periods": periods,
        "words": {p: words.get(p, 0) for p in periods},
        "series": {t: series[t] for t in ordered},
    }


def framing_spans(
    cur: duckdb.DuckDBPyConnection, cache: LRU, page: Page, f: Filters, sort: str
) -> dict[str, Any]:
    """Example framing spans with their context, paged and sorted."""

    filters = {
        "technique": f.technique,
        "outlet": f.outlet,
        "contains": f.contains,
        "since": f.since,
        "until": f.until,
    }

    def compute() -> dict[str, Any]:
        rows = queries.records(
            queries.framing_examples(cur, **filters, sort=sort, limit=page.limit, offset=page.offset)
        )
        total = (
            int(rows[0]["total"])
            if rows
            else queries.count(queries.framing_examples(cur, **filters, limit=None))
        )
        items = [
            {
                "article_id": r["article_id"],
                "idx": int(r["idx"]),
                "start": r["start_char"],
                "end": r["end_char"],
                "text": r["text"],
                "technique": r["technique"],
                "score": round(float(r["score"]), 3),
                "before": r["before"],
                "after": r["after"],
                "article": {
                    "id": r["article_id"],
                    "title": r["title"],
                    "outlet": r["outlet"],
                    "published": iso(r["published"]),
                    "url": r["url"],
                },
            }
            for r in rows
        ]
        return page.envelope(total, items, "spans")

    return {"sort": sort, **cache.get(("framing-spans", f, sort, page), compute)}


# ---- entities -------------------------------------------------------------------------------------


def entities(cur: duckdb.DuckDBPyConnection, cache: LRU, page: Page, f: Filters, sort: str) -> dict[str, Any]:
    """Entities across the corpus, paged and sorted, with the kinds to filter by."""

    filters = {"q": f.contains, "kind": f.kind, "outlet": f.outlet, "since": f.since, "until": f.until}

    def compute() -> dict[str, Any]:
        rows = queries.records(
            queries.corpus_entities(cur, **filters, sort=sort, limit=page.limit, offset=page.offset)
        )
        total = (
            int(rows[0]["total"])
            if rows
            else queries.count(queries.corpus_entities(cur, **filters, limit=None))
        )
        items = [
            {k: v for k, v in plain(r).items() if k != "total"} | {"mentions": int(r["mentions"])}
            for r in rows
        ]
        kinds = [plain(r) for r in queries.records(queries.entity_kinds(cur))]
        return {"kinds": kinds, **page.envelope(total, items, "entities")}

    return {
        "filters": shown(f, "contains", "kind", "outlet", "since", "until"),
        "sort": sort,
        **cache.get(("entities", f, sort, page), compute),
    }


def entity_detail(
    cur: duckdb.DuckDBPyConnection, cache: LRU, kind: str, name: str, page: Page
) -> dict[str, Any] | None:
    """One entity: totals, mentions over time by outlet, the articles mentioning it; None when unknown."""

    def compute() -> dict[str, Any] | None:
        found = queries.records(queries.corpus_entities(cur, q=name, kind=kind, limit=None))
        match = next((r for r in found if r["name"].lower() == name.lower()), None)
        if match is None:
            return None
        chosen = choose_grain(match["first_seen"], match["last_seen"])
        rows = queries.records(queries.entity_timeline(cur, name, kind=kind, grain=chosen))
        arts = queries.records(
            queries.entity_articles(cur, name, kind=kind, limit=page.limit, offset=page.offset)
        )
        total = int(arts[0]["total"]) if arts else int(match["articles"])
        entity = {k: v for k, v in plain(match).items() if k != "total"} | {
            "mentions": int(match["mentions"])
        }
        items = [{k: v for k, v in plain(a).items() if k != "total"} for a in arts]
        return {
            "entity": entity,
            "timeline": _series(rows, "mentions", chosen),
            **page.envelope(total, items, "articles"),
        }

    return cache.get(("entity", kind, name.lower(), page), compute)


# ---- corpus timeline and search ---------------------------------------------------------------------


def corpus_timeline(cur: duckdb.DuckDBPyConnection, cache: LRU) -> dict[str, Any]:
    """Articles per period by outlet over the whole corpus (the home page's chart)."""

    def compute() -> dict[str, Any]:
        stats = queries.stats(cur)
        chosen = choose_grain(stats["first_published"], stats["last_published"])
        return _series(queries.records(queries.corpus_timeline(cur, grain=chosen)), "articles", chosen)

    return cache.get(("corpus-timeline",), compute)


def search(
    cur: duckdb.DuckDBPyConnection, cache: LRU, q: str | None, page: Page, f: Filters
) -> dict[str, Any]:
    """Quotes matching a search within dates, type and act, newest first, with a timeline and facet counts."""
    parsed = parse_query(q)
    base = {
        "q": q or "",
        "filters": {"outlet": f.outlet, "since": f.since, "until": f.until, "type": f.type, "act": f.act},
    }
    if not parsed:
        return {**base, "terms": [], "timeline": None, "facets": {}, **page.envelope(0, [], "quotes")}
    args = {
        "terms": list(parsed.terms),
        "patterns": parsed.patterns,
        "outlet": f.outlet,
        "since": f.since,
        "until": f.until,
        "type": f.type,
        "act": f.act,
    }

    def compute() -> dict[str, Any]:
        rows = queries.records(queries.search_hits(cur, **args, limit=page.limit, offset=page.offset))
        counts = cache.get(
            ("search-counts", parsed.terms, f), lambda: queries.records(queries.search_counts(cur, **args))
        )
        facets = search_facets(counts)
        total = sum(x["count"] for x in facets.get("type", []))
        years = [int(x["value"]) for x in facets.get("year", []) if x["value"]]
        # the span is whole years, so never under half a year: months, or years past eight of them
        chosen = choose_grain(date(min(years), 1, 1), date(max(years), 12, 31)) if years else "month"
        if years and max(years) == min(years):
            chosen = "month"
        return {
            "terms": list(parsed.terms),
            "timeline": _series(search_periods(counts, chosen), "quotes", chosen),
            "facets": facets,
            **page.envelope(total, [quote(r) for r in rows], "quotes"),
        }

    return {**base, **cache.get(("search2", parsed.terms, f, page), compute)}


def outlet_label(value: str | None) -> str:
    """An outlet as shown (``(no outlet)`` for none)."""
    return value or NO_OUTLET
