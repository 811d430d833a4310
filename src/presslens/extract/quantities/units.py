"""Units as the record gives them: SI symbols, plural count nouns, hundredths of a currency, per-unit rates."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from presslens.lexicon.units import (
    IRREGULAR_PLURALS,
    MEASURE_UNITS,
    NOT_RATE_FOLLOWERS,
    PER_TIME_SYMBOLS,
    RATE_WORDS,
    TEMPERATURE_SCALES,
)

_VOWELS = frozenset("aeiou")


def plural(word: str) -> str:
    """The plural of a lower-case English noun ("victim" -> "victims", "city" -> "cities")."""
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def count_unit(tok: Token) -> str:
    """The unit of a counted noun or a hyphen-glued unit: its SI symbol, else its plural in lower case."""
    low = tok.lower_
    if low in MEASURE_UNITS:
        return MEASURE_UNITS[low]
    if tok.tag_ in ("NNS", "NNPS") or low in IRREGULAR_PLURALS.values() or low.endswith(("men", "people")):
        return low
    lemma = tok.lemma_.lower() if tok.lemma_ and tok.lemma_.isalpha() else low
    return plural(lemma)


def measure_unit(doc: Doc, k: int, stop: int) -> tuple[int, str, bool] | None:
    """A unit of measure at token ``k``: (end index, symbol, whether a scale word was read), or None.

    ``46.7 degrees Celsius`` -> ``°C``; ``80 km/h`` -> ``km/h``; ``30 kilograms`` -> ``kg``.
    """
    low = doc[k].lower_
    if low in ("degree", "degrees"):
        if k + 1 < stop and doc[k + 1].lower_ in TEMPERATURE_SCALES:
            return k + 2, TEMPERATURE_SCALES[doc[k + 1].lower_], True
        return None
    if low not in MEASURE_UNITS:
        return None
    symbol = MEASURE_UNITS[low]
    if k + 2 < stop and doc[k + 1].text == "/" and doc[k + 2].lower_ in PER_TIME_SYMBOLS and "/" not in symbol:
        return k + 3, f"{symbol}/{PER_TIME_SYMBOLS[doc[k + 2].lower_]}", False
    return k + 1, symbol, False


def rate_after(doc: Doc, j: int, stop: int) -> tuple[int, str] | None:
    """The unit an amount is counted per, right after it: ``a gallon``, ``per acre`` -> (end, "gallon")."""
    if j + 1 >= stop or doc[j].lower_ not in RATE_WORDS:
        return None
    noun = doc[j + 1]
    if not noun.is_alpha or noun.pos_ != "NOUN" or noun.tag_ != "NN":
        return None
    if j + 2 < stop and (doc[j + 2].lower_ in NOT_RATE_FOLLOWERS or doc[j + 2].text == "-"):
        return None  # "$41 million a year earlier": a point in time
    return j + 2, (noun.lemma_ or noun.text).lower()
