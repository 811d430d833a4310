"""Quote search: how a query typed in the search box becomes parameters of ``queries.search_quotes``,
and how the matches are summed into facets and periods.

DuckDB's ``fts`` extension is not bundled with the Python package and would have to be
downloaded, which a server without network access cannot do; so search is built from what the
database has: every term must occur in the quote (case-insensitive ``contains`` as a cheap
pre-filter) *at the start of a word* (an RE2 pattern ``(?:^|[^\\pL\\pN])term``), so ``tax``
finds "taxes" and "Tax" but not "syntax". Text in double quotes is one phrase. No index is
needed and the result is the same on any database presslens wrote.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from presslens.queries import MAX_SEARCH_PATTERNS

MAX_QUERY_CHARS = 200
MAX_TERMS = MAX_SEARCH_PATTERNS
_PHRASE = re.compile(r'"([^"]+)"')
_WORD = re.compile(r"[\w'’%.+#&-]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """The terms (lower case) of a search and the word-start pattern of each."""

    terms: tuple[str, ...]

    @property
    def patterns(self) -> list[str]:
        return [r"(?:^|[^\pL\pN])" + re.escape(term) for term in self.terms]

    def __bool__(self) -> bool:
        return bool(self.terms)


def parse_query(text: str | None) -> ParsedQuery:
    """Split a search into phrases ("…") and words; punctuation at word edges is dropped."""
    text = (text or "")[:MAX_QUERY_CHARS].lower()
    terms: list[str] = []
    for phrase in _PHRASE.findall(text):
        cleaned = " ".join(phrase.split())
        if cleaned:
            terms.append(cleaned)
    rest = _PHRASE.sub(" ", text)
    for word in _WORD.findall(rest):
        word = word.strip("'’.-&")
        if word:
            terms.append(word)
    unique = list(dict.fromkeys(terms))
    return ParsedQuery(tuple(unique[:MAX_TERMS]))


def search_facets(counts: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Facet counts by outlet, type, act and year from ``queries.search_counts`` rows: each facet's values,
    most matches first (then by value), ``None`` for a missing value; facets without matches left out."""
    sums: dict[str, dict[str, int]] = {
        "outlet": defaultdict(int),
        "type": defaultdict(int),
        "act": defaultdict(int),
        "year": defaultdict(int),
    }
    for r in counts:
        n = int(r["n"])
        sums["outlet"][r["outlet"]] += n
        sums["type"][r["type"]] += n
        sums["act"][r["act"]] += n
        sums["year"][str(r["month"].year) if r["month"] is not None else ""] += n
    return {
        facet: [
            {"value": value or None, "count": n}
            for value, n in sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        for facet, values in sums.items()
        if values
    }


def search_periods(counts: list[dict[str, Any]], grain: str) -> list[dict[str, Any]]:
    """Matches per period (month or year; None: undated) and outlet from ``queries.search_counts`` rows,
    in period order: rows period, outlet, quotes."""
    if grain not in ("month", "year"):
        raise ValueError(f"search periods are months or years, not {grain!r}")
    sums: dict[tuple[date | None, str], int] = defaultdict(int)
    for r in counts:
        month = r["month"]
        period = month if month is None or grain == "month" else date(month.year, 1, 1)
        sums[(period, r["outlet"])] += int(r["n"])
    ordered = sorted(sums.items(), key=lambda kv: (kv[0][0] is None, kv[0][0] or date.min, kv[0][1]))
    return [{"period": period, "outlet": outlet, "quotes": n} for (period, outlet), n in ordered]
