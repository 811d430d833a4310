"""One quantity at a token (range, unit, measured), and ``find_quantities`` over a character range."""

from __future__ import annotations

import weakref
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.attrs import IDX, LIKE_NUM, LOWER, SHAPE
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from presslens.extract.quantities.context import (
    _comparator_after,
    _comparator_before,
    _currency_before,
    _glued_unit,
    _measured,
    _noun_after,
    _phrase,
    _unit_after,
)
from presslens.extract.quantities.filters import _DURATION, _is_year_like, _not_a_quantity
from presslens.extract.quantities.numbers import _Number, _read_number
from presslens.extract.quantities.special import (
    is_age_apposition,
    proportion,
    read_special,
    single_duration,
)
from presslens.extract.quantities.units import count_unit, measure_unit, rate_after
from presslens.lexicon.numbers import (
    BOUND_VERBS,
    FRACTIONS,
    MULTIPLIERS,
    SCALES,
    SINGLE_DURATIONS,
    SMALL_NUMBERS,
    VAGUE_PLURALS,
)
from presslens.lexicon.units import (
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    MEASURE_UNITS,
    NOT_QUANTITY_GLUED,
    SUBUNITS,
)
from presslens.schema import Quantity

_PERCENT_UNITS = {"percent", "percentage points"}


def _ids(words: Iterable[str]) -> frozenset[int]:
    return frozenset(get_string_id(w) for w in words)


_START_IDS = _ids([*VAGUE_PLURALS, *SMALL_NUMBERS, *MULTIPLIERS, "half"])
_A_IDS = _ids(("a", "an", "half"))  # "one" is a number word already
_SCALE_IDS = _ids((*SCALES, *FRACTIONS, *SINGLE_DURATIONS, "dozen", "a"))
# A unit word after a number that a range's second number repeats ("59 cents to 61 cents").
_RANGE_UNITS = frozenset({"%", "percent", *SUBUNITS, *MEASURE_UNITS, *CURRENCY_WORDS})
# Per-doc token index, so that calls per sentence do not redo whole-doc work; dies with the doc.
_INDEX: weakref.WeakKeyDictionary[Doc, tuple[list[int], list[bool]]] = weakref.WeakKeyDictionary()


def _suffix_shapes() -> list[str]:
    """spaCy word shapes of digits with a glued scale suffix: "1.5bn" -> "d.dxx", "40K" -> "ddX"."""
    ints = ["d" * n for n in range(1, 5)] + [f"{'d' * n},ddd" for n in range(1, 4)]
    hanging = ["d" * n + "-" for n in range(1, 4)]  # "18- to 24-year-olds"
    ints += [f"{'d' * n},ddd,ddd" for n in range(1, 4)]
    decs = [""] + ["." + "d" * n for n in range(1, 5)]
    sufs = ["x", "xx", "xxx", "xxxx", "X", "XX", "XXX", "Xx", "Xxx", "Xxxx"]
    return [i + d + s for i in ints for d in decs for s in sufs] + hanging


_SUFFIX_SHAPE_IDS = _ids(_suffix_shapes())


def _second_number(doc: Doc, num: _Number, stop: int, between: bool) -> _Number | None:
    """The upper end of a range after ``num``: ``-20``, ``to 20``, ``and 20`` (after between)."""
    j = num.j
    unit = doc[j].lower_ if j < stop and doc[j].lower_ in _RANGE_UNITS else None
    j += unit is not None  # "10% to 20%", "59 cents to 61 cents"
    if j + 1 >= stop:
        return None
    conn = doc[j]
    if not (conn.text in ("-", "–") or conn.lower_ in ("to", "through") or (between and conn.lower_ == "and")):
        return None
    k = j + 1
    if doc[k].lower_ in CURRENCY_SYMBOLS and k + 1 < stop:
        if unit is not None:
            return None  # "fell 8 percent to $3.2 billion": two amounts
        k += 1
    second = _read_number(doc, k, stop)
    if second is not None and unit is not None and not (second.j < stop and doc[second.j].lower_ in _RANGE_UNITS):
        return None  # "rose 5 percent to 300": a change and a level
    return second


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
    glued: bool = False


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
    """Percent, currency, age, hyphen-glued unit, measure or counted noun after the number, then a rate."""
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
        d.unit, d.glued, d.end = count_unit(doc[d.end + 1]), True, d.end + 2  # "a ten-point lead"
        k = _noun_after(doc, d.end, stop)
        d.unit_tok = doc[k] if k is not None else None
    elif d.unit is None:
        _apply_noun(doc, d, stop)
    if d.unit is None and d.num.i > lo and doc[d.num.i - 1].lower_ == "aged":
        d.start, d.unit = d.num.i - 1, "years"
    if d.unit is None and d.value_high is None and is_age_apposition(doc, d.num):
        d.unit, d.glued = "years", False  # "Thomas Brenner, 58,"
    if d.comparator == ">" and doc[d.start].lower_ == "over" and _DURATION.fullmatch(d.unit or ""):
        d.comparator, d.start = "=", d.start + 1  # "over 10 years" says during, not more than
    if d.unit is not None and d.unit not in _PERCENT_UNITS:
        rate = rate_after(doc, d.end, stop)
        if rate is not None:
            d.end, d.unit = rate[0], f"{d.unit} per {rate[1]}"  # "$3 a gallon", "11,000 riders a day"
    if d.comparator == "=":
        head = d.unit_tok if d.unit_tok is not None else doc[d.num.j - 1]
        definite = d.start > 0 and doc[d.start - 1].pos_ == "DET"  # "surpasses the $846.8 million": exact
        if head.dep_ == "dobj" and head.head.lemma_.lower() in BOUND_VERBS and not definite:
            d.comparator = BOUND_VERBS[head.head.lemma_.lower()]  # "mortgage rates topped 7 percent"


def _apply_noun(doc: Doc, d: _Draft, stop: int) -> None:
    """A measure ("30 kilograms", "46.7 degrees Celsius"), hundredths ("55 cents") or a counted noun."""
    k = d.end if d.end < stop and measure_unit(doc, d.end, stop) is not None else _noun_after(doc, d.end, stop)
    if k is None and d.end < stop and doc[d.end].is_alpha and doc[d.end].ent_type_ == "QUANTITY" == doc[d.num.i].ent_type_:
        k = d.end  # "173.8 bushels", the noun tagged as a verb inside the QUANTITY entity
    if k is None:
        d.unit = _shared_unit(doc, d, stop)
        return
    measure = measure_unit(doc, k, stop) if k == d.end else None
    low = doc[k].lower_
    if measure is not None:
        d.end, d.unit, _ = measure
        d.unit_tok = doc[k]
    elif k == d.end and low in SUBUNITS:
        d.unit, d.unit_tok, d.end = SUBUNITS[low], doc[k], k + 1
        d.num.value = None if d.num.value is None else round(d.num.value / 100, 10)
        d.value_high = None if d.value_high is None else round(d.value_high / 100, 10)
    else:
        d.unit, d.unit_tok, d.unit_is_count, d.end = count_unit(doc[k]), doc[k], True, k + 1


def _shared_unit(doc: Doc, d: _Draft, stop: int) -> str | None:
    """The counted noun of the next number, in "from 22 to 25 pupils" (the first one's span stays)."""
    j = d.end
    if d.value_high is not None or j + 1 >= stop or doc[j].lower_ not in ("to", "-", "–"):
        return None
    second = _read_number(doc, j + 1, stop)
    if second is None or second.j >= stop:
        return None
    noun = doc[second.j]
    return count_unit(noun) if noun.pos_ == "NOUN" and noun.is_alpha and measure_unit(doc, second.j, stop) is None \
        else None


def _draft_measured(doc: Doc, d: _Draft) -> str | None:
    unit = d.unit or ""
    if unit == "years" and d.comparator == "=" and doc[d.end - 1].lower_ in ("old", "aged"):
        return "age"
    if unit == "years" and doc[d.start].lower_ == "aged":
        return "age"
    if unit == "years" and is_age_apposition(doc, d.num):
        return "age"
    if d.glued and d.unit_tok is not None:
        return _phrase(d.unit_tok, after=d.end)  # what a hyphen-glued unit describes: "lead"
    if d.unit_is_count and _DURATION.fullmatch(unit):
        return None  # "for three years": a duration measures nothing else
    measured = _measured(doc, d.num, d.unit_tok, d.unit_is_count)
    return measured if measured and any(ch.isalpha() for ch in measured) else None


def _read_special(doc: Doc, i: int, lo: int, stop: int) -> _Draft | None:
    """A fraction, multiplier or duration of one at token ``i`` ("nearly a quarter", "less than a year")."""
    found = read_special(doc, i, stop)
    start, comparator = _comparator_before(doc, i, lo)
    if found is None and comparator is not None:
        found = single_duration(doc, i, stop)
    if found is None:
        return None
    num, unit = found
    d = _Draft(num, start, num.j, comparator or "=", unit=unit)
    d.end, after = _comparator_after(doc, d.end, stop)
    d.comparator = after if after and d.comparator == "=" else d.comparator
    if unit != "fraction":
        rate = rate_after(doc, d.end, stop)
        if rate is not None:
            d.end, d.unit = rate[0], f"{unit} per {rate[1]}"  # "twice a week"
    return d


def _read_proportion(doc: Doc, num: _Number, lo: int, stop: int) -> _Draft | None:
    """"Nearly eight of 10 voters": the share 0.8, unit ``fraction``, measuring the counted noun."""
    whole = proportion(doc, num, stop)
    if whole is None or num.value is None or whole.value is None:
        return None
    start, comparator = _comparator_before(doc, num.i, lo)
    d = _Draft(_Number(num.i, whole.j, round(num.value / whole.value, 4)), start, whole.j, comparator or "=",
               unit="fraction")
    k = _noun_after(doc, whole.j, stop)
    if k is not None and k == whole.j:
        d.unit_tok, d.unit_is_count, d.end = doc[k], True, k + 1
    return d


def _read_quantity(doc: Doc, i: int, lo: int, stop: int) -> tuple[Quantity | None, int]:
    """The quantity whose number starts at token ``i``, and the index to continue from."""
    special = _read_special(doc, i, lo, stop)
    if special is not None:
        return _quantity(doc, special), special.end
    num = _read_number(doc, i, stop)
    if num is None:
        return None, i + 1
    if _not_a_quantity(doc, doc[num.i]) or _is_year_like(num, doc):
        return None, num.j
    share = _read_proportion(doc, num, lo, stop)
    if share is not None:
        return _quantity(doc, share), share.end
    start, currency = _currency_before(doc, num.i, lo)
    start, comparator = _comparator_before(doc, start, lo)
    d = _Draft(num, start, num.j, ">" if num.vague else comparator)
    if not _apply_range(doc, d, lo, stop):
        return None, d.num.j + 2  # skip the score's second number too
    if d.end + 1 < stop and doc[d.end].text == "-" and doc[d.end + 1].lower_ in NOT_QUANTITY_GLUED:
        return None, d.end + 2  # "a four-way race"
    _apply_unit(doc, d, lo, stop, currency)
    counted = d.unit is None or not (d.unit in _PERCENT_UNITS or d.unit.isupper())
    if counted and d.value_high is None and doc[num.i].lower_ == "one" and doc[num.i].dep_ != "nummod":
        return None, num.j  # "one of the things", "no one", "one-sided"
    return _quantity(doc, d), d.end


def _quantity(doc: Doc, d: _Draft) -> Quantity:
    num = d.num
    first, last = doc[d.start], doc[d.end - 1]
    q = Quantity(
        text=doc[d.start : d.end].text,
        comparator=d.comparator,
        value=num.value,
        unit=d.unit,
        measures=_draft_measured(doc, d),
        start=first.idx,
        end=last.idx + len(last.text),
        value_high=d.value_high,
    )
    return q


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
