"""What is not a quantity: years, dates, clock times, ordinals, phone numbers, ranks and names."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from presslens.extract.quantities.numbers import _Number
from presslens.lexicon.labels import NAME_LABELS, ORDINAL_LABEL
from presslens.lexicon.numbers import GLUED_SCALES, SCALES, SMALL_NUMBERS
from presslens.lexicon.units import (
    CLOCK_SUFFIXES,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    PERCENT_WORDS,
    RANK_MARKERS,
)

_PHONE = re.compile(r"(?<!\d)(?:\+?1[ .-]?)?\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?!\d)")
_DURATION = re.compile(
    r"\b(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centur(?:y|ies)|old)\b", re.I
)
_DATE_ANCHOR = re.compile(r"\b(?:ago|later|earlier|before|after)\b", re.I)
_DATE_WORDS = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    r"|\b(?:1\d|20)\d\d\b|\d0s\b|\b(?:today|tomorrow|yesterday|tonight)\b"
)
_UNIT_WORDS = PERCENT_WORDS | set(SCALES) | set(GLUED_SCALES)


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
    if nxt is not None and nxt.lower_ in CLOCK_SUFFIXES:
        return True
    if prev is not None and (
        prev.lower_ in RANK_MARKERS
        or prev.text in ("No", "Number")
        or (prev.text == "." and tok.i >= 2 and doc[tok.i - 2].text == "No")
    ):
        return True  # a rank: "No. 2", "#1"
    if tok.ent_type_ in NAME_LABELS or tok.ent_type_ == ORDINAL_LABEL:
        # a name, or an ordinal ("the 11th time"; only here: dates read ordinals, see lexicon.labels).
        # Trust the label unless a unit says otherwise ("Trump 47 percent" mislabelled ORG).
        unit_next = nxt is not None and (nxt.lower_ in _UNIT_WORDS or nxt.lower_ in CURRENCY_WORDS)
        return not (unit_next or (prev is not None and prev.lower_ in CURRENCY_SYMBOLS))
    if tok.ent_type_ in ("DATE", "TIME") and not (prev is not None and prev.lower_ == "aged"):
        ent_text = _entity_text(doc, tok.i)
        if _DURATION.search(ent_text):
            return bool(_DATE_ANCHOR.search(ent_text))  # "22 years ago" is a date; "three years" is not
        return bool(_DATE_WORDS.search(ent_text))  # a DATE label on "between 10 and 20" is not trusted
    if prev is not None and prev.text in ("-", "–") and prev.whitespace_ == "" and tok.i >= 2:
        before = doc[tok.i - 2]
        if before.is_alpha and before.whitespace_ == "" and before.lower_ not in SMALL_NUMBERS:
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
    if prev.is_sent_start or prev.lower_ in CURRENCY_SYMBOLS:
        return False
    return tok.head.i == prev.i or prev.head.i == tok.i


def _is_year_like(num: _Number, doc: Doc) -> bool:
    """A bare four-digit number from 1500 to 2099 that NER did not call a count or an amount."""
    tok = doc[num.i]
    return bool(re.match(r"^(1[5-9]|20)\d\d$", tok.text)) and tok.ent_type_ not in (
        "CARDINAL",
        "MONEY",
        "QUANTITY",
    )
