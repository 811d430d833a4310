"""Amounts that are not plain numbers with a unit: fractions ("a third", "two-thirds", "half"),
multipliers ("twice", "more than double"), durations of one ("less than a year"), proportions
("eight of 10 voters") and ages in appositions ("Thomas Brenner, 58,")."""

from __future__ import annotations

from spacy.tokens import Doc

from presslens.extract.quantities.numbers import _Number, _read_number
from presslens.lexicon.numbers import (
    FRACTIONS,
    MULTIPLIERS,
    NOT_FRACTION_BEFORE,
    PREDETERMINER_MULTIPLIERS,
    PROPORTION_FILLERS,
    SCALES,
    SINGLE_DURATIONS,
    SMALL_NUMBERS,
)
from presslens.lexicon.units import CURRENCY_SYMBOLS, CURRENCY_WORDS, PERCENT_WORDS

_CONTENT_POS_TYPES = frozenset({"NOUN", "ADJ", "PROPN", "NUM"})
_AGE_ENDS = frozenset({",", ")", ".", ";"})
MAX_AGE = 120


def _fraction_ends(doc: Doc, k: int, stop: int) -> bool:
    """Whether a fraction word ends before token ``k``: "a third of", "by a fifth." (not "a third term")."""
    return k >= stop or doc[k].lower_ == "of" or doc[k].pos_ not in _CONTENT_POS_TYPES


def read_special(doc: Doc, i: int, stop: int) -> tuple[_Number, str] | None:
    """A fraction or multiplier starting at token ``i``: (number, unit), else None."""
    tok = doc[i]
    low = tok.lower_
    nxt = doc[i + 1] if i + 1 < stop else None
    prev = doc[i - 1] if i > 0 else None
    if nxt is None and low not in FRACTIONS and low not in MULTIPLIERS:
        return None
    if low in SMALL_NUMBERS and low not in ("zero", "one") and nxt is not None:
        k = i + 1 + (nxt.text == "-" and not tok.whitespace_)
        word = doc[k].lower_ if k < stop else ""
        if word in FRACTIONS and word.endswith("s") and _fraction_ends(doc, k + 1, stop):
            return _Number(i, k + 1, SMALL_NUMBERS[low] * FRACTIONS[word]), "fraction"  # "two-thirds"
        return None
    if low in ("a", "an", "one") and nxt is not None:
        word = nxt.lower_
        if word in FRACTIONS and word != "half" and not word.endswith("s") and _fraction_ends(doc, i + 2, stop):
            return _Number(i, i + 2, FRACTIONS[word]), "fraction"
        return None
    if low == "half":
        return _half(doc, i, stop)
    if low in MULTIPLIERS:
        if low in PREDETERMINER_MULTIPLIERS and tok.pos_ == "VERB":
            return None  # "plans to double the fleet"
        if low in PREDETERMINER_MULTIPLIERS and not (
            (nxt is not None and nxt.pos_ in ("DET", "PRON")) or (prev is not None and prev.lower_ == "than")
        ):
            return None  # "a double room", "triple-digit"
        return _Number(i, i + 1, MULTIPLIERS[low]), "times"
    return None


def _half(doc: Doc, i: int, stop: int) -> tuple[_Number, str] | None:
    prev = doc[i - 1] if i > 0 else None
    nxt = doc[i + 1] if i + 1 < stop else None
    if prev is not None and prev.lower_ in NOT_FRACTION_BEFORE:
        return None  # "the second half", "one and a half"
    if nxt is not None and nxt.lower_ in ("a", "an") and i + 2 < stop:
        after = [t.lower_ for t in doc[i + 2 : min(i + 4, stop)]]
        if after[0] in SCALES or after[0] == "dozen":
            return None  # "half a million": a number
        if after[:2] in (["percentage", "point"], ["percentage", "points"]):
            return _Number(i, i + 4, 0.5), "percentage points"
        if after[0] == "percent":
            return _Number(i, i + 3, 0.5), "percent"
        if after[0] in SINGLE_DURATIONS:
            return _Number(i, i + 3, 0.5), SINGLE_DURATIONS[after[0]]
        return None
    if nxt is not None and (nxt.text == "-" or (nxt.pos_ in ("NOUN", "ADJ", "PROPN") and nxt.lower_ != "of")):
        return None  # "half-time", "half brother"
    return _Number(i, i + 1, 0.5), "fraction"


def single_duration(doc: Doc, i: int, stop: int) -> tuple[_Number, str] | None:
    """``a year`` (after a comparator the caller checked): 1 of that unit; None before "ago" or a hyphen."""
    if i + 1 >= stop or doc[i].lower_ not in ("a", "an") or doc[i + 1].lower_ not in SINGLE_DURATIONS:
        return None
    if i + 2 < stop and (doc[i + 2].lower_ == "ago" or doc[i + 2].text == "-"):
        return None
    return _Number(i, i + 2, 1.0), SINGLE_DURATIONS[doc[i + 1].lower_]


def proportion(doc: Doc, num: _Number, stop: int) -> _Number | None:
    """The whole of a proportion after ``num``: "eight of 10", "one in five", "three of their past four"."""
    j = num.j
    if num.value is None or num.scale is not None or num.vague or j >= stop or doc[j].lower_ not in ("of", "in"):
        return None
    k = j + 1
    fillers = []
    while k < stop and doc[k].lower_ in PROPORTION_FILLERS:
        fillers.append(doc[k].lower_)
        k += 1
    if k >= stop or not (doc[k].like_num or doc[k].lower_ in SMALL_NUMBERS):
        return None
    whole = _read_number(doc, k, stop)
    if whole is None or whole.value is None or whole.scale is not None or whole.vague:
        return None
    if not (0 < num.value < whole.value) or whole.value >= 1000 or num.value != int(num.value):
        return None
    after = doc[whole.j] if whole.j < stop else None
    if after is not None and (after.lower_ in PERCENT_WORDS or after.lower_ in CURRENCY_WORDS
                              or after.lower_ in CURRENCY_SYMBOLS):
        return None
    if after is not None and "the" in fillers and after.tag_ in ("JJS", "RBS"):
        return None  # "one of the 10 biggest banks": a rank among them
    return whole


def is_age_apposition(doc: Doc, num: _Number) -> bool:
    """A bare number between commas after a name: "Thomas Brenner, 58, said"."""
    i, j = num.i, num.j
    if j - i != 1 or num.value is None or not doc[i].is_digit or not 1 <= num.value <= MAX_AGE or i < 2:
        return False
    if doc[i - 1].text != "," or j >= len(doc) or doc[j].text not in _AGE_ENDS:
        return False
    before = doc[i - 2]
    return before.pos_ == "PROPN" or before.ent_type_ == "PERSON"
