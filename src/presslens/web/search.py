"""Quote search: how a query typed in the search box becomes parameters of ``queries.search_quotes``.

DuckDB's ``fts`` extension is not bundled with the Python package and would have to be
downloaded, which a server without network access cannot do; so search is built from what the
database has: every term must occur in the quote (case-insensitive ``contains`` as a cheap
pre-filter) *at the start of a word* (an RE2 pattern ``(?:^|[^\\pL\\pN])term``), so ``tax``
finds "taxes" and "Tax" but not "syntax". Text in double quotes is one phrase. No index is
needed and the result is the same on any database presslens wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
