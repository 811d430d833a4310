"""Reading numbers from tokens: digits, number words, scale words and glued suffixes, vague plurals."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from presslens.lexicon.numbers import GLUED_SCALES, SCALES, SMALL_NUMBERS, VAGUE_PLURALS

# Digits, a glued scale ("1.5bn", "$1billion") and a hanging hyphen ("18- to 24-year-olds").
_DIGITS = re.compile(
    rf"^(?P<num>\d[\d,]*(?:\.\d+)?|\.\d+)(?P<suf>{'|'.join(sorted({*GLUED_SCALES, *SCALES}, key=len, reverse=True))})?-?$",
    re.I,
)
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


@dataclass(slots=True)
class _Number:
    """A number read from tokens ``[i, j)``: its value and the scale word it ended with, if any."""

    i: int
    j: int
    value: float | None
    scale: float | None = None
    vague: bool = False


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
    scale = (GLUED_SCALES.get(suf) or SCALES.get(suf)) if suf else None
    return _finite(value * (scale or 1.0)), scale


def _word_value(word: str) -> float | None:
    w = word.lower()
    if w in SMALL_NUMBERS:
        return float(SMALL_NUMBERS[w])
    parts = w.split("-")
    if len(parts) == 2 and parts[0] in SMALL_NUMBERS and parts[1] in SMALL_NUMBERS:
        return float(SMALL_NUMBERS[parts[0]] + SMALL_NUMBERS[parts[1]])
    return None


def _read_number(doc: Doc, i: int, stop: int) -> _Number | None:
    """Read one number starting at token ``i``; None when no number starts there."""
    tok = doc[i]
    low = tok.lower_
    nxt = doc[i + 1].lower_ if i + 1 < stop else ""
    if low in VAGUE_PLURALS and (nxt == "of" or _vague_alone(doc, i)):
        return _read_vague(doc, i, stop)
    if low in ("a", "an") and (nxt in SCALES or nxt == "dozen"):
        return _read_words(doc, i + 1, stop, start=i, first=1.0)
    if low == "half" and nxt == "a" and i + 2 < stop and doc[i + 2].lower_ in SCALES:
        return _read_words(doc, i + 2, stop, start=i, first=0.5)
    digits = _digit_value(tok.text)
    if digits is not None:
        value, scale = digits
        num = _Number(i, i + 1, value, scale)
        return _read_scales(doc, num, stop) if scale is None else num
    if _word_value(tok.text) is not None:
        return _read_words(doc, i, stop, start=i, first=None)
    return None


def _vague_alone(doc: Doc, i: int) -> bool:
    """``thousands`` standing alone as an amount ("thousands since January"), not "by the thousands"."""
    tok = doc[i]
    return tok.pos_ in ("NOUN", "NUM") and (i == 0 or doc[i - 1].pos_ not in ("DET", "ADJ", "NUM", "PRON", "ADP"))


def _read_vague(doc: Doc, i: int, stop: int) -> _Number:
    """``hundreds of``, ``tens of thousands of``: the smallest value the words allow."""
    value, j = VAGUE_PLURALS[doc[i].lower_], i + 1
    while j + 1 < stop and doc[j].lower_ == "of" and doc[j + 1].lower_ in VAGUE_PLURALS and doc[j + 1].lower_ != "tens":
        value *= VAGUE_PLURALS[doc[j + 1].lower_]
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
        elif low in SCALES:
            total, current, last_scale = total + (current or 1.0) * SCALES[low], None, SCALES[low]
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
        if low in SCALES or low == "dozen":
            scale = SCALES.get(low, 12.0)
        elif low in GLUED_SCALES and prev.whitespace_ == "":
            scale = GLUED_SCALES[low]
        else:
            break
        num.value, num.scale, j = _finite(num.value * scale), scale, j + 1
    num.j = j
    return num
