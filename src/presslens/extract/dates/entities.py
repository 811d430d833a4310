"""spaCy DATE/TIME entities that no rule covered: kept with ``value=None`` when they name a point in time."""

from __future__ import annotations

import re

from spacy.tokens import Span

from presslens.extract.dates.calendar import _NUMBER_WORDS, _WEEKDAYS
from presslens.lexicon.calendar import (
    FREQUENCY_WORDS,
    PLURAL_TIME_UNITS,
    TIME_ANCHORS,
    TIME_NOUNS,
    UNIT_GRAINS,
)
from presslens.lexicon.numbers import AMOUNT_OPENERS
from presslens.schema import DateMention

_QUANT_START = set(_NUMBER_WORDS) | AMOUNT_OPENERS
_TIME_WORDS = set(UNIT_GRAINS) | PLURAL_TIME_UNITS | set(_WEEKDAYS) | TIME_NOUNS
_AGE = re.compile(r"\bold\b|\bage[sd]?\b|\b\d0s\b|\bteens?\b", re.I)


def _entity_kept(words: list[str], text: str) -> bool:
    """Whether a spaCy DATE/TIME entity no rule matched names a point in time (kept, value None)."""
    if not words or not (set(words) & _TIME_WORDS) or _AGE.search(text):
        return False
    if set(words) & FREQUENCY_WORDS or ("-" in text and " " not in text.strip()):
        return False
    anchored = bool(set(words) & TIME_ANCHORS)
    if set(words) & PLURAL_TIME_UNITS and not anchored:
        return False  # "three years", "recent weeks": durations
    if (words[0] in _QUANT_START or words[0].isdigit()) and not anchored:
        return False  # "a day", "one year", "about a century"
    if len(words) == 1 and words[0] in UNIT_GRAINS:
        return False  # a bare "night" or "morning"
    if len(words) > 1 and words[0] == "the" and words[1] in ("last", "past", "next", "coming", "recent"):
        return False  # "the last week": a stretch of time ending or starting now
    return True


def _from_entity(ent: Span, doc_text: str) -> DateMention | None:
    toks = list(ent)
    while toks and (toks[0].tag_ in ("IN", "TO", "WRB", "WP") or toks[0].is_punct):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].tag_ == "POS" or toks[-1].is_space):
        toks = toks[:-1]
    if not toks:
        return None
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    text = doc_text[start:end]
    words = [t.lower_ for t in toks if not t.is_punct]
    stray = any(t.pos_ in ("NOUN", "VERB") and t.lower_ not in _TIME_WORDS for t in toks) or (
        len(toks) == 1 and toks[0].dep_ == "compound" and toks[0].head.i > toks[0].i
    )
    if stray or not _entity_kept(words, text):
        return None
    grain = next((UNIT_GRAINS[w] for w in reversed(words) if w in UNIT_GRAINS), None)
    return DateMention(start=start, end=end, text=text, value=None, grain=grain)
