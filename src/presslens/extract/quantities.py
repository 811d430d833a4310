"""Quantities: numbers with their comparator, unit and what they measure.

Method. A left-to-right reader over the tokens of a parsed ``Doc`` (no re-tokenising, no second
parse), in the spirit of the quantity normalisers used for numeric claim checking (e.g. Roy, Vieira &
Roth, "Reasoning about Quantities in Natural Language", TACL 2015; Ravichander et al., "EQUATE",
CoNLL 2019), reduced to a few rules:

1. a *number* is a run of digit tokens (``40,000``, ``1.5bn``) or number words (``two hundred and
   fifty thousand``, ``a dozen``, ``half a million``), multiplied by scale words and glued suffixes
   (``million``, ``bn``, ``m``, ``k``); vague plurals (``hundreds of``, ``tens of thousands of``) give
   comparator ``>`` and their base value;
2. a *range* joins two numbers with ``-``, ``to`` or ``between … and`` (``10-20 people``); a second
   number smaller than the first (``a 7-2 ruling``) is a score, not a range, and is skipped;
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
from dataclasses import dataclass

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
    ("close", "to"): "≈", ("circa",): "≈", ("approx.",): "≈", ("about", "a"): "≈",
    ("exactly",): "=", ("precisely",): "=",
}  # fmt: skip
_AFTER: dict[tuple[str, ...], str] = {
    ("or", "more"): ">=", ("or", "over"): ">=", ("-", "plus"): ">=", ("plus",): ">=",
    ("or", "fewer"): "<=", ("or", "less"): "<=", ("or", "so"): "≈",
}  # fmt: skip
_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "c$": "CAD", "a$": "AUD", "₹": "INR"}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "usd": "USD", "eur": "EUR", "gbp": "GBP",
    "sterling": "GBP", "rubles": "RUB", "roubles": "RUB", "pesos": "MXN",
}  # fmt: skip
_DOLLAR_KINDS = {"canadian": "CAD", "australian": "AUD", "hong": "HKD", "singapore": "SGD", "zealand": "NZD"}
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
_VERB_PREPS = {"to", "from", "by", "at", "of", "around", "near", "over", "under", "above", "below"}


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


def _is_number_token(tok: Token) -> bool:
    return _DIGITS.match(tok.text) is not None or _word_value(tok.text) is not None


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


def _skip_reason(doc: Doc, tok: Token, phones: list[tuple[int, int]]) -> bool:
    """Whether the number starting at ``tok`` is a year, date, time, ordinal, phone, rank or name."""
    text = tok.text
    if any(a <= tok.idx < b for a, b in phones):
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
        return True
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
    """A bare four-digit number with no grouping comma in a date context."""
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
    if low[:2] and low[0] in _DOLLAR_KINDS and low[-1:] and "dollars" in low[:3]:
        k = low.index("dollars")
        return j + k + 1, _DOLLAR_KINDS[low[0]]
    return j, None


def _noun_after(doc: Doc, j: int, stop: int) -> int | None:
    """Index of the counted noun after a number: the last noun of a short ADJ/NOUN run."""
    if j < stop and doc[j].lower_ == "of" and j + 1 < stop:
        j += 1
        while j < stop and doc[j].pos_ == "DET":
            j += 1
    found = None
    for k in range(j, min(j + 4, stop)):
        tok = doc[k]
        if tok.pos_ in ("NOUN", "PROPN") and tok.is_alpha:
            found = k
            if k + 1 >= stop or doc[k + 1].pos_ not in ("NOUN", "PROPN"):
                break
        elif tok.pos_ in ("ADJ",) or (tok.pos_ == "VERB" and tok.tag_ == "VBN" and tok.dep_ == "amod"):
            continue
        else:
            break
    return found


def _phrase(tok: Token, after: int = 0) -> str:
    """A noun with its left compound/adjective modifiers (from index ``after`` on), without determiners."""
    left = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod") and c.i >= max(tok.i - 3, after)]
    start = min([c.i for c in left] + [tok.i])
    return " ".join(t.text for t in tok.doc[start : tok.i + 1] if t.pos_ != "DET" and not t.like_num)


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
    if t.pos_ not in ("VERB", "AUX"):
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
        return f"{phrase} {part.text}" if part is not None else phrase
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


def _read_quantity(doc: Doc, i: int, lo: int, stop: int, phones: list[tuple[int, int]]) -> tuple[Quantity | None, int]:
    num = _read_number(doc, i, stop)
    if num is None:
        return None, i + 1
    if _skip_reason(doc, doc[num.i], phones) or _is_year_like(num, doc):
        return None, num.j
    start, currency = _currency_before(doc, num.i, lo)
    start, comparator = _comparator_before(doc, start, lo)
    between = start > lo and doc[start - 1].lower_ == "between"
    from_ = start > lo and doc[start - 1].lower_ == "from"
    if num.vague:
        comparator = ">"
    value_high: float | None = None
    end = num.j
    second = None if from_ else _second_number(doc, num, stop, between)
    if second is not None and num.value is not None and second.value is not None:
        low_value = num.value
        if num.scale is None and second.scale and low_value * second.scale <= second.value:
            low_value *= second.scale
        if second.value <= low_value:
            return None, second.j  # "7-2": a score or tally
        num.value, value_high, comparator, end = low_value, second.value, "range", second.j
        if between:
            start -= 1
    end, unit = _unit_after(doc, end, stop, doc[num.i].ent_type_ == "MONEY" or currency is not None)
    if currency and unit is None:
        unit = currency
    if comparator is None or comparator == "=":
        end, after = _comparator_after(doc, end, stop)
        comparator = after or comparator or "="
    if unit is None and doc[num.i].lower_ == "one" and doc[num.i].dep_ != "nummod":
        return None, num.j  # "one of the ...", "no one"
    unit_tok, unit_is_count = None, False
    if unit in ("percent", "percentage points") or (unit and unit.isupper()):
        unit_tok = doc[end - 1] if doc[end - 1].pos_ in ("NOUN", "PROPN") else None
    elif unit is None:
        k = _noun_after(doc, end, stop)
        if k is not None:
            unit, unit_tok, unit_is_count = doc[k].text, doc[k], True
            end = k + 1
    aged = num.i > lo and doc[num.i - 1].lower_ == "aged" and unit is None
    if aged:
        start, unit = num.i - 1, "years"
    if unit == "years" and comparator == "=" and (aged or doc[end - 1].lower_ == "old"):
        measured: str | None = "age"
    elif unit_is_count and _DURATION.fullmatch(unit or ""):
        measured = None  # "for three years": a duration measures nothing else
    else:
        measured = _measured(doc, num, unit_tok, unit_is_count)
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    text = doc[start:end].text
    q = Quantity(text=text, comparator=comparator, value=num.value, unit=unit, measured=measured, start=s, end=e)
    q.value_high = value_high
    return q, end


def find_quantities(doc: Doc, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Quantities whose numbers lie within the character range ``[start, end)`` of ``doc``."""
    if len(doc) == 0:
        return []
    doc_end = doc[-1].idx + len(doc[-1].text_with_ws)
    stop_char = doc_end if end is None else max(0, min(end, doc_end))
    span = doc.char_span(max(0, start), stop_char, alignment_mode="contract")
    if span is None or len(span) == 0:
        return []
    lo, stop = span.start, span.end
    phones = [(m.start() + span.start_char, m.end() + span.start_char) for m in _PHONE.finditer(span.text)]
    out: list[Quantity] = []
    i = lo
    while i < stop:
        tok = doc[i]
        if not (tok.like_num or tok.lower_ in ("a", "an", "half") or tok.lower_ in _VAGUE or _is_number_token(tok)):
            i += 1
            continue
        try:
            q, nxt = _read_quantity(doc, i, lo, stop, phones)
        except (ValueError, OverflowError, IndexError):
            q, nxt = None, i + 1
        if q is not None:
            out.append(q)
        i = max(nxt, i + 1)
    return out
