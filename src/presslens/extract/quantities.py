"""Quantities: numbers with their comparator, unit and what they measure.

Method. A left-to-right reader over the tokens of a parsed ``Doc`` (no re-tokenising, no second
parse), in the spirit of the quantity normalisers used for numeric claim checking (e.g. Roy, Vieira &
Roth, "Reasoning about Quantities in Natural Language", TACL 2015; Ravichander et al., "EQUATE",
CoNLL 2019), reduced to a few rules:

1. a *number* is a run of digit tokens (``40,000``, ``1.5bn``) or number words (``two hundred and
   fifty thousand``, ``a dozen``, ``half a million``), multiplied by scale words and glued suffixes
   (``million``, ``bn``, ``m``, ``k``); vague plurals (``hundreds of``, ``tens of thousands of``) give
   comparator ``>`` and their base value;
2. a *range* joins two numbers with ``-``, ``to`` or ``between … and`` (``10-20 people``); when the
   second number is not larger, ``47 percent to 44 percent`` gives two quantities and a hyphenated
   pair (``a 7-2 ruling``) is a score and is skipped; ``from 4 to 5 percent`` is two values;
3. the *comparator* is read from the words before the number (``more than`` → ``>``, ``at least``
   → ``>=``, ``up to`` → ``<=``, ``nearly``/``about`` → ``≈``…) or after it (``or more`` → ``>=``);
4. the *unit* is a currency (symbol or word: ``$`` → ``USD``, ``€`` → ``EUR``, ``£`` → ``GBP``), a
   percentage (``%``, ``percent``, ``per cent`` → ``percent``), an age (``45-year-old`` →
   ``years``) or else the counted noun (``2 million people`` → ``people``);
5. *measured* comes from the dependency parse: the ``of`` complement (``40 percent of voters``),
   the subject of the verb the number is attached to (``unemployment rose to 5 percent``), or the
   counted noun with its participle (``2 million people displaced`` → ``people displaced``).

Skipped: years, days of the month and other numbers inside spaCy ``DATE``/``TIME`` entities (except
durations and ages), clock times, ordinals, phone numbers, ranks (``No. 2``) and numbers that are
part of names (``Apollo 11``, ``F-35``). Malformed or overflowing numbers give ``value=None``; the
reader never raises.
"""

from __future__ import annotations

import math
import re
import weakref
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.attrs import IDX, LIKE_NUM, LOWER, SHAPE
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from presslens.schema import Quantity

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_GLUED = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12}
_VAGUE = {"dozens": 12.0, "tens": 10.0, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
_DIGITS = re.compile(r"^(?P<num>\d[\d,]*(?:\.\d+)?|\.\d+)(?P<suf>k|m|mn|mln|bn|b|bln|tn|trn)?$", re.I)
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_PHONE = re.compile(r"(?<!\d)(?:\+?1[ .-]?)?\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?!\d)")

_BEFORE: dict[tuple[str, ...], str] = {
    ("more", "than"): ">", ("over",): ">", ("above",): ">", ("greater", "than"): ">",
    ("in", "excess", "of"): ">", ("upwards", "of"): ">", ("higher", "than"): ">", ("exceeding",): ">",
    ("north", "of"): ">", ("just", "over"): ">",
    ("at", "least"): ">=", ("no", "fewer", "than"): ">=", ("no", "less", "than"): ">=",
    ("not", "less", "than"): ">=", ("a", "minimum", "of"): ">=",
    ("fewer", "than"): "<", ("less", "than"): "<", ("under",): "<", ("below",): "<", ("lower", "than"): "<",
    ("just", "under"): "<",
    ("up", "to"): "<=", ("at", "most"): "<=", ("no", "more", "than"): "<=", ("not", "more", "than"): "<=",
    ("a", "maximum", "of"): "<=", ("as", "many", "as"): "<=", ("as", "much", "as"): "<=",
    ("nearly",): "≈", ("almost",): "≈", ("about",): "≈", ("around",): "≈", ("roughly",): "≈",
    ("approximately",): "≈", ("some",): "≈", ("an", "estimated"): "≈", ("estimated",): "≈",
    ("close", "to"): "≈", ("circa",): "≈", ("approx.",): "≈",
    ("exactly",): "=", ("precisely",): "=",
}  # fmt: skip
_AFTER: dict[tuple[str, ...], str] = {
    ("or", "more"): ">=", ("or", "over"): ">=", ("-", "plus"): ">=",
    ("or", "fewer"): "<=", ("or", "less"): "<=", ("or", "so"): "≈",
}  # fmt: skip
_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "c$": "CAD", "a$": "AUD", "₹": "INR"}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "usd": "USD", "eur": "EUR", "gbp": "GBP",
    "sterling": "GBP", "rubles": "RUB", "roubles": "RUB", "pesos": "MXN",
}  # fmt: skip
_DOLLAR_KINDS = {"canadian": "CAD", "australian": "AUD", "hong": "HKD", "singapore": "SGD", "zealand": "NZD"}
# Entity labels whose numbers are not quantities (names, and ordinals like "11th").
_NAME_LABELS = {"PERSON", "ORG", "PRODUCT", "LAW", "EVENT", "FAC", "WORK_OF_ART", "GPE", "NORP", "LOC", "ORDINAL"}
_DURATION = re.compile(
    r"\b(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centur(?:y|ies)|old)\b", re.I
)
_DATE_ANCHOR = re.compile(r"\b(?:ago|later|earlier|before|after)\b", re.I)
_DATE_WORDS = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    r"|\b(?:1\d|20)\d\d\b|\d0s\b|\b(?:today|tomorrow|yesterday|tonight)\b"
)
_CLOCK_AFTER = {"a.m.", "p.m.", "am", "pm", "o'clock", "o’clock", "a.m", "p.m"}
_RANK_BEFORE = {"no.", "#", "nos."}
_PERCENT_UNITS = {"percent", "percentage points"}
_UNIT_WORDS = {"%", "percent", "per", "pct", "percentage", *_SCALES, *_GLUED}
# Verbs whose subject is the thing a number measures: "unemployment rose to 5 percent".
_LEVEL_VERBS = {
    "be", "rise", "fall", "increase", "decrease", "drop", "climb", "grow", "jump", "surge", "decline",
    "reach", "hit", "stand", "remain", "total", "exceed", "top", "soar", "plunge", "dip", "slip", "edge",
    "double", "triple", "shrink", "average", "tumble", "slide", "sink", "swell", "approach", "near",
    "amount", "account", "cost", "lose", "gain", "hover", "stay", "range", "balloon",
}  # fmt: skip
_VERB_PREPS = {"to", "from", "by", "at", "of", "around", "near", "over", "under", "above", "below"}


def _ids(words: Iterable[str]) -> frozenset[int]:
    return frozenset(get_string_id(w) for w in words)


_START_IDS = _ids([*_VAGUE, *_SMALL])
_A_IDS = _ids(("a", "an", "half"))
_SCALE_IDS = _ids((*_SCALES, "dozen", "a"))
# Per-doc token index, so that calls per sentence do not redo whole-doc work; dies with the doc.
_INDEX: weakref.WeakKeyDictionary[Doc, tuple[list[int], list[bool]]] = weakref.WeakKeyDictionary()


def _suffix_shapes() -> list[str]:
    """spaCy word shapes of digits with a glued scale suffix: "1.5bn" -> "d.dxx", "40K" -> "ddX"."""
    ints = ["d" * n for n in range(1, 5)] + [f"{'d' * n},ddd" for n in range(1, 4)]
    ints += [f"{'d' * n},ddd,ddd" for n in range(1, 4)]
    decs = [""] + ["." + "d" * n for n in range(1, 5)]
    sufs = ["x", "xx", "xxx", "X", "XX", "XXX", "Xx", "Xxx"]
    return [i + d + s for i in ints for d in decs for s in sufs]


_SUFFIX_SHAPE_IDS = _ids(_suffix_shapes())


@dataclass(slots=True)
class _Number:
    """A number read from tokens ``[i, j)``: its value and the scale word it ended with, if any."""

    i: int
    j: int
    value: float | None
    scale: float | None = None
    vague: bool = False


# ---------------------------------------------------------------------------------------------
# Reading numbers
# ---------------------------------------------------------------------------------------------


def _finite(x: float | None) -> float | None:
    return x if x is not None and math.isfinite(x) else None


def _digit_value(text: str) -> tuple[float | None, float | None] | None:
    """(value, glued scale) of a digit token such as ``40,000``, ``1.5bn``; None if not one."""
    m = _DIGITS.match(text)
    if m is None:
        return None
    num, suf = m["num"], (m["suf"] or "").lower()
    if "," in num and not _GROUPED.match(num):
        return None, None  # "1,00,000", "3,5": grouping we cannot read safely
    try:
        value = float(num.replace(",", ""))
    except ValueError:
        return None, None
    scale = _GLUED.get(suf) if suf else None
    return _finite(value * (scale or 1.0)), scale


def _word_value(word: str) -> float | None:
    w = word.lower()
    if w in _SMALL:
        return float(_SMALL[w])
    parts = w.split("-")
    if len(parts) == 2 and parts[0] in _SMALL and parts[1] in _SMALL:
        return float(_SMALL[parts[0]] + _SMALL[parts[1]])
    return None


def _read_number(doc: Doc, i: int, stop: int) -> _Number | None:
    """Read one number starting at token ``i``; None when no number starts there."""
    tok = doc[i]
    low = tok.lower_
    nxt = doc[i + 1].lower_ if i + 1 < stop else ""
    if low in _VAGUE and nxt == "of":
        return _read_vague(doc, i, stop)
    if low in ("a", "an") and (nxt in _SCALES or nxt == "dozen"):
        return _read_words(doc, i + 1, stop, start=i, first=1.0)
    if low == "half" and nxt == "a" and i + 2 < stop and doc[i + 2].lower_ in _SCALES:
        return _read_words(doc, i + 2, stop, start=i, first=0.5)
    digits = _digit_value(tok.text)
    if digits is not None:
        value, scale = digits
        num = _Number(i, i + 1, value, scale)
        return _read_scales(doc, num, stop) if scale is None else num
    if _word_value(tok.text) is not None:
        return _read_words(doc, i, stop, start=i, first=None)
    return None


def _read_vague(doc: Doc, i: int, stop: int) -> _Number:
    """``hundreds of``, ``tens of thousands of``: the smallest value the words allow."""
    value, j = _VAGUE[doc[i].lower_], i + 1
    while j + 1 < stop and doc[j].lower_ == "of" and doc[j + 1].lower_ in _VAGUE and doc[j + 1].lower_ != "tens":
        value *= _VAGUE[doc[j + 1].lower_]
        j += 2
    return _Number(i, j, _finite(value), vague=True)


def _can_extend(current: float | None, small: float) -> bool:
    """Whether a number word may follow the words read so far ("twenty" + "five", not "five" + "five")."""
    if current is None or current % 100 == 0:
        return True
    return current % 10 == 0 and 20 <= current % 100 and small < 10


def _read_words(doc: Doc, i: int, stop: int, start: int, first: float | None) -> _Number:
    """Number words with scales: ``two hundred and fifty thousand``, ``a dozen``, ``half a million``."""
    total, current, j = 0.0, first, i
    last_scale: float | None = None
    while j < stop:
        low = doc[j].lower_
        small = _word_value(low)
        nxt = _word_value(doc[j + 1].lower_) if j + 1 < stop else None
        if small is not None and _can_extend(current, small):
            current = (current or 0.0) + small
        elif low == "dozen":
            current, last_scale = (current or 1.0) * 12, 12.0
        elif low == "hundred":
            current, last_scale = (current or 1.0) * 100, 100.0
        elif low in _SCALES:
            total, current, last_scale = total + (current or 1.0) * _SCALES[low], None, _SCALES[low]
        elif low in ("-", "and") and j > i and nxt is not None and _can_extend(current, nxt):
            if low == "and" and (current or 0) % 100 != 0 and total == 0:
                break  # "two and three" are two numbers
        else:
            break
        j += 1
    return _Number(start, j, _finite(total + (current or 0.0)), last_scale)


def _read_scales(doc: Doc, num: _Number, stop: int) -> _Number:
    """Digits followed by scale words or a glued suffix: ``2 million``, ``3.2m``."""
    j = num.j
    while j < stop and num.value is not None:
        tok, prev = doc[j], doc[j - 1]
        low = tok.lower_
        if low in _SCALES or low == "dozen":
            scale = _SCALES.get(low, 12.0)
        elif low in _GLUED and prev.whitespace_ == "":
            scale = _GLUED[low]
        else:
            break
        num.value, num.scale, j = _finite(num.value * scale), scale, j + 1
    num.j = j
    return num


# ---------------------------------------------------------------------------------------------
# What is not a quantity
# ---------------------------------------------------------------------------------------------


def _is_phone(doc: Doc, tok: Token) -> bool:
    """Whether the digits at ``tok`` belong to a phone number like ``555-123-4567``."""
    a, b = max(0, tok.i - 5), min(len(doc), tok.i + 6)
    window = doc[a:b].text
    at = tok.idx - doc[a].idx
    return any(m.start() <= at < m.end() for m in _PHONE.finditer(window))


def _not_a_quantity(doc: Doc, tok: Token) -> bool:
    """Whether the number starting at ``tok`` is a year, date, time, ordinal, phone, rank or name."""
    text = tok.text
    if tok.is_digit and len(tok.text) in (3, 4) and _is_phone(doc, tok):
        return True
    if ":" in text or "/" in text or re.match(r"^\d+(?:st|nd|rd|th)$", text, re.I):
        return True
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if nxt is not None and nxt.lower_ in _CLOCK_AFTER:
        return True
    if prev is not None and (
        prev.lower_ in _RANK_BEFORE
        or prev.text in ("No", "Number")
        or (prev.text == "." and tok.i >= 2 and doc[tok.i - 2].text == "No")
    ):
        return True  # a rank: "No. 2", "#1"
    if tok.ent_type_ in _NAME_LABELS:
        # trust a name label unless a unit says otherwise ("Trump 47 percent" mislabelled ORG)
        unit_next = nxt is not None and (nxt.lower_ in _UNIT_WORDS or nxt.lower_ in _CURRENCY_WORDS)
        return not (unit_next or (prev is not None and prev.lower_ in _SYMBOLS))
    if tok.ent_type_ in ("DATE", "TIME") and not (prev is not None and prev.lower_ == "aged"):
        ent_text = _entity_text(doc, tok.i)
        if _DURATION.search(ent_text):
            return bool(_DATE_ANCHOR.search(ent_text))  # "22 years ago" is a date; "three years" is not
        return bool(_DATE_WORDS.search(ent_text))  # a DATE label on "between 10 and 20" is not trusted
    if prev is not None and prev.text in ("-", "–") and prev.whitespace_ == "" and tok.i >= 2:
        before = doc[tok.i - 2]
        if before.is_alpha and before.whitespace_ == "" and before.lower_ not in _SMALL:
            return True  # "F-35", "COVID-19"
    return _in_name(tok, prev)


def _entity_text(doc: Doc, i: int) -> str:
    """The text of the entity token ``i`` belongs to, found from IOB tags (``doc.ents`` is costly)."""
    a = i
    while a > 0 and doc[a].ent_iob_ == "I":
        a -= 1
    b = i + 1
    while b < len(doc) and doc[b].ent_iob_ == "I":
        b += 1
    return doc[a:b].text


def _in_name(tok: Token, prev: Token | None) -> bool:
    """A number right after a capitalised proper noun it belongs to: "Apollo 11", "Windows 10"."""
    if prev is None or prev.whitespace_ == "" or not prev.is_title or prev.pos_ != "PROPN":
        return False
    if prev.is_sent_start or prev.lower_ in _SYMBOLS:
        return False
    return tok.head.i == prev.i or prev.head.i == tok.i


def _is_year_like(num: _Number, doc: Doc) -> bool:
    """A bare four-digit number from 1500 to 2099 that NER did not call a count or an amount."""
    tok = doc[num.i]
    return bool(re.match(r"^(1[5-9]|20)\d\d$", tok.text)) and tok.ent_type_ not in ("CARDINAL", "MONEY", "QUANTITY")


# ---------------------------------------------------------------------------------------------
# Around the number: currency, comparator, range, unit, measured
# ---------------------------------------------------------------------------------------------


def _currency_before(doc: Doc, i: int, lo: int) -> tuple[int, str | None]:
    if i > lo and doc[i - 1].lower_ in _SYMBOLS:
        return i - 1, _SYMBOLS[doc[i - 1].lower_]
    return i, None


def _comparator_before(doc: Doc, i: int, lo: int) -> tuple[int, str | None]:
    for n in (3, 2, 1):
        if i - n < lo:
            continue
        key = tuple(t.lower_ for t in doc[i - n : i])
        if key in _BEFORE:
            return i - n, _BEFORE[key]
    return i, None


def _comparator_after(doc: Doc, j: int, stop: int) -> tuple[int, str | None]:
    for n in (2, 1):
        if j + n > stop:
            continue
        key = tuple(t.lower_ for t in doc[j : j + n])
        if key in _AFTER:
            return j + n, _AFTER[key]
    return j, None


def _unit_after(doc: Doc, j: int, stop: int, in_money: bool) -> tuple[int, str | None]:
    """Percent, currency word or age right after the number: (next index, unit)."""
    low = [doc[k].lower_ for k in range(j, min(j + 4, stop))]
    if low[:1] == ["%"] or low[:1] == ["percent"] or low[:1] == ["pct"]:
        if low[1:3] == ["percentage", "points"] or low[1:3] == ["percentage", "point"]:
            return j + 3, "percentage points"
        return j + 1, "percent"
    if low[:2] == ["per", "cent"]:
        return j + 2, "percent"
    if low[:2] in (["percentage", "points"], ["percentage", "point"]):
        return j + 2, "percentage points"
    if low[:4] == ["-", "year", "-", "old"] or low[:2] in (["years", "old"], ["year", "old"]):
        return j + (4 if low[0] == "-" else 2), "years"
    if low[:1] and low[0] in _CURRENCY_WORDS:
        return j + 1, _CURRENCY_WORDS[low[0]]
    if low[:1] and low[0] in ("pound", "pounds") and in_money:
        return j + 1, "GBP"
    if low and low[0] in _DOLLAR_KINDS and "dollars" in low[:3]:
        k = low.index("dollars")
        return j + k + 1, _DOLLAR_KINDS[low[0]]
    return j, None


def _glued_unit(doc: Doc, j: int, stop: int) -> bool:
    """A unit glued to the number by a hyphen: ``ten-point``, ``30-second``, ``eight-year``."""
    if j + 1 >= stop or doc[j].text != "-" or doc[j - 1].whitespace_ or doc[j].whitespace_:
        return False
    unit = doc[j + 1]
    return unit.is_alpha and unit.lower_ not in ("plus", "odd") and unit.pos_ in ("NOUN", "ADJ", "PROPN")


def _noun_after(doc: Doc, j: int, stop: int) -> int | None:
    """Index of the counted noun after a number: the last noun of a short ADJ/NOUN run."""
    if j < stop and doc[j].lower_ == "of" and j + 1 < stop:
        j += 1
        while j < stop and doc[j].pos_ == "DET":
            j += 1
    found = None
    for k in range(j, min(j + 6, stop)):
        tok = doc[k]
        if (tok.ent_iob_ == "B" and tok.ent_type_ in ("DATE", "TIME")) or (tok.pos_ == "PROPN" and found is not None):
            break  # "one tweet Friday"
        if tok.pos_ in ("NOUN", "PROPN") and tok.is_alpha:
            found = k
            nxt = doc[k + 1] if k + 1 < stop else None
            if nxt is None or not (nxt.pos_ == "NOUN" or (nxt.text == "-" and not tok.whitespace_)):
                break
        elif tok.pos_ == "ADJ" or (tok.text == "-" and not tok.whitespace_) or (tok.tag_ == "VBN" and tok.dep_ == "amod"):
            continue
        else:
            break
    return found


def _phrase(tok: Token, after: int = 0) -> str:
    """A noun with its left compound/adjective modifiers (from index ``after`` on), without determiners."""
    floor = max(tok.i - 4, after)
    left = [c.left_edge.i for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod") and c.left_edge.i >= floor]
    start = min([*left, tok.i])
    doc = tok.doc
    while start < tok.i and (doc[start].pos_ in ("DET", "PUNCT", "NUM") or doc[start].like_num):
        start += 1
    return doc[start : tok.i + 1].text


def _of_complement(head: Token) -> str | None:
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return _phrase(pobj)
    return None


def _verb_subject(head: Token) -> str | None:
    """The subject of the verb a quantity hangs from: "unemployment rose to 5 percent"."""
    t = head
    if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ in _VERB_PREPS:
        t = t.head.head
    elif t.dep_ in ("attr", "dobj", "npadvmod", "acomp"):
        t = t.head
    else:
        return None
    if t.pos_ not in ("VERB", "AUX") or t.lemma_.lower() not in _LEVEL_VERBS:
        return None
    subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.like_num or subj.pos_ == "PRON":
        return None
    return _phrase(subj)


def _measured(doc: Doc, num: _Number, unit_tok: Token | None, unit_is_count: bool) -> str | None:
    if unit_tok is not None and unit_is_count:
        of = _of_complement(unit_tok)
        if of:
            return of  # "5 pounds of flour"
        phrase = _phrase(unit_tok, after=num.j)
        part = next((c for c in unit_tok.rights if c.dep_ == "acl" and c.tag_ == "VBN"), None)
        if part is None and unit_tok.dep_ == "nsubjpass" and unit_tok.head.tag_ == "VBN":
            part = unit_tok.head
        return f"{phrase} {part.text}" if part is not None else phrase or None
    head = unit_tok if unit_tok is not None else doc[num.j - 1]
    of = _of_complement(head)
    if of:
        return of
    subject = _verb_subject(head)
    if subject:
        return subject
    if unit_tok is None and head.dep_ in ("nsubj", "nsubjpass") and head.head.pos_ == "VERB":
        return head.head.text  # "at least 40 were killed", "up to 3,000 fled"
    return None


# ---------------------------------------------------------------------------------------------
# One quantity
# ---------------------------------------------------------------------------------------------


def _second_number(doc: Doc, num: _Number, stop: int, between: bool) -> _Number | None:
    """The upper end of a range after ``num``: ``-20``, ``to 20``, ``and 20`` (after between)."""
    j = num.j
    if j < stop and doc[j].lower_ in ("%", "percent"):
        j += 1  # "10% to 20%"
    if j + 1 >= stop:
        return None
    conn = doc[j]
    if not (conn.text in ("-", "–") or conn.lower_ in ("to", "through") or (between and conn.lower_ == "and")):
        return None
    k = j + 1
    if doc[k].lower_ in _SYMBOLS and k + 1 < stop:
        k += 1
    return _read_number(doc, k, stop)


@dataclass(slots=True)
class _Draft:
    """A quantity being assembled over tokens ``[start, end)``."""

    num: _Number
    start: int
    end: int
    comparator: str | None = None
    unit: str | None = None
    unit_tok: Token | None = None
    unit_is_count: bool = False
    value_high: float | None = None


def _apply_range(doc: Doc, d: _Draft, lo: int, stop: int) -> bool:
    """Extend ``d`` over a range's upper end; False when the pair is a score ("a 7-2 ruling")."""
    before = doc[d.start - 1].lower_ if d.start > lo else ""
    if before == "from":
        return True  # "rose from 4 to 5 percent": two values
    num = d.num
    second = _second_number(doc, num, stop, before == "between")
    if second is None or num.value is None or second.value is None:
        return True
    low_value = num.value
    if num.scale is None and second.scale and low_value * second.scale <= second.value:
        low_value *= second.scale  # "2 to 3 million"
    if second.value > low_value:
        num.value, d.value_high, d.comparator, d.end = low_value, second.value, "range", second.j
        d.start -= before == "between"
        return True
    return doc[num.j].text not in ("-", "–")


def _apply_unit(doc: Doc, d: _Draft, lo: int, stop: int, currency: str | None) -> None:
    """Percent, currency, age, hyphen-glued unit or counted noun after the number."""
    in_money = doc[d.num.i].ent_type_ == "MONEY" or currency is not None
    d.end, d.unit = _unit_after(doc, d.end, stop, in_money)
    d.unit = d.unit or currency
    if d.comparator is None or d.comparator == "=":
        d.end, after = _comparator_after(doc, d.end, stop)
        d.comparator = after or d.comparator or "="
    if d.unit in _PERCENT_UNITS or (d.unit and d.unit.isupper()):
        last = doc[d.end - 1]
        d.unit_tok = last if last.pos_ in ("NOUN", "PROPN") else None
    elif d.unit is None and _glued_unit(doc, d.end, stop):
        d.unit, d.end = doc[d.end + 1].text, d.end + 2  # "a ten-point lead", "a 30-second spot"
        k = _noun_after(doc, d.end, stop)
        d.unit_tok = doc[k] if k is not None else None
    elif d.unit is None:
        k = _noun_after(doc, d.end, stop)
        if k is not None:
            d.unit, d.unit_tok, d.unit_is_count, d.end = doc[k].text, doc[k], True, k + 1
    if d.unit is None and d.num.i > lo and doc[d.num.i - 1].lower_ == "aged":
        d.start, d.unit = d.num.i - 1, "years"
    if d.comparator == ">" and doc[d.start].lower_ == "over" and _DURATION.fullmatch(d.unit or ""):
        d.comparator, d.start = "=", d.start + 1  # "over 10 years" says during, not more than


def _draft_measured(doc: Doc, d: _Draft) -> str | None:
    unit = d.unit or ""
    if unit == "years" and d.comparator == "=" and doc[d.end - 1].lower_ in ("old", "aged"):
        return "age"
    if unit == "years" and doc[d.start].lower_ == "aged":
        return "age"
    if d.unit_tok is not None and not d.unit_is_count and unit.islower() and unit not in _PERCENT_UNITS:
        return _phrase(d.unit_tok, after=d.end)  # what a hyphen-glued unit describes: "lead"
    if d.unit_is_count and _DURATION.fullmatch(unit):
        return None  # "for three years": a duration measures nothing else
    measured = _measured(doc, d.num, d.unit_tok, d.unit_is_count)
    return measured if measured and any(ch.isalpha() for ch in measured) else None


def _read_quantity(doc: Doc, i: int, lo: int, stop: int) -> tuple[Quantity | None, int]:
    """The quantity whose number starts at token ``i``, and the index to continue from."""
    num = _read_number(doc, i, stop)
    if num is None:
        return None, i + 1
    if _not_a_quantity(doc, doc[num.i]) or _is_year_like(num, doc):
        return None, num.j
    start, currency = _currency_before(doc, num.i, lo)
    start, comparator = _comparator_before(doc, start, lo)
    d = _Draft(num, start, num.j, ">" if num.vague else comparator)
    if not _apply_range(doc, d, lo, stop):
        return None, d.num.j + 2  # skip the score's second number too
    _apply_unit(doc, d, lo, stop, currency)
    counted = d.unit is None or not (d.unit in _PERCENT_UNITS or d.unit.isupper())
    if counted and d.value_high is None and doc[num.i].lower_ == "one" and doc[num.i].dep_ != "nummod":
        return None, num.j  # "one of the things", "no one", "one-sided"
    first, last = doc[d.start], doc[d.end - 1]
    q = Quantity(
        text=doc[d.start : d.end].text,
        comparator=d.comparator,
        value=num.value,
        unit=d.unit,
        measured=_draft_measured(doc, d),
        start=first.idx,
        end=last.idx + len(last.text),
        value_high=d.value_high,
    )
    return q, d.end


def _index(doc: Doc) -> tuple[list[int], list[bool]]:
    """Token start offsets and "a number may start here" flags, computed once per doc."""
    cached = _INDEX.get(doc)
    if cached is not None and len(cached[0]) == len(doc):
        return cached
    arr = doc.to_array([LIKE_NUM, LOWER, SHAPE, IDX]).tolist()
    flags = []
    for k, (like, lower, shape, _) in enumerate(arr):
        nxt = arr[k + 1][1] if k + 1 < len(arr) else 0
        flags.append(
            bool(like)
            or lower in _START_IDS
            or shape in _SUFFIX_SHAPE_IDS
            or (lower in _A_IDS and nxt in _SCALE_IDS)
        )
    result = ([row[3] for row in arr], flags)
    try:
        _INDEX[doc] = result
    except TypeError:  # a Doc subclass without weak references: just do not cache
        pass
    return result


def find_quantities(doc: Doc, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Quantities whose numbers lie within the character range ``[start, end)`` of ``doc``."""
    if len(doc) == 0:
        return []
    idx, flags = _index(doc)
    doc_end = idx[-1] + len(doc[-1].text_with_ws)
    stop_char = doc_end if end is None else max(0, min(end, doc_end))
    lo = bisect_left(idx, max(0, start))
    stop = bisect_left(idx, stop_char)
    while stop > lo and idx[stop - 1] + len(doc[stop - 1]) > stop_char:
        stop -= 1  # keep only tokens wholly inside the range
    out: list[Quantity] = []
    nxt = lo
    for i in range(lo, stop):
        if i < nxt or not flags[i]:
            continue
        try:
            q, nxt = _read_quantity(doc, i, lo, stop)
        except (ValueError, OverflowError, IndexError):
            q, nxt = None, i + 1
        if q is not None:
            out.append(q)
        nxt = max(nxt, i + 1)
    return out
