"""Word lists as data, one module per concern, each list defined once (the pattern of spaCy's ``lang/en``).

``cues`` (reporting verbs, nouns and adjectives), ``roles`` (titles, roles, groups, documents),
``names`` (given names, name parts), ``pronouns``, ``quotes`` (quotation marks), ``numbers``
(number words, comparators), ``units`` (currencies, percent), ``calendar`` (months, weekdays,
holidays, time words), ``labels`` (spaCy entity labels), ``checkworthy`` (the claim model's word
features), ``evaluation`` (the PolNeAR scorer's categories), ``speakers``, ``attribution`` and
``framing`` (each read by its own extractor), and ``corpus`` (cross-article name matching, derived
from ``roles``). Lists are lower case wherever the code compares
lower-cased text or lemmas; ``tests/test_lexicon.py`` checks that and that no list repeats a word.
"""

from __future__ import annotations


def words(block: str) -> frozenset[str]:
    """The whitespace-separated words of ``block``, as a set."""
    return frozenset(block.split())
