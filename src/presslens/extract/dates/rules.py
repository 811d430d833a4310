"""The cascade of patterns that find time expressions, and the dispatch that tries them."""

from __future__ import annotations

import re
from collections.abc import Callable

from presslens.extract.dates.calendar import _MONTHS, _WEEKDAYS
from presslens.extract.dates.context import _Ctx
from presslens.extract.dates.resolvers import (
    Resolved,
    _r_ago,
    _r_clock,
    _r_day_range,
    _r_decade,
    _r_holiday,
    _r_in_n,
    _r_iso,
    _r_month,
    _r_month_day,
    _r_month_year,
    _r_numeric,
    _r_part_month,
    _r_part_year,
    _r_rel_day,
    _r_rel_period,
    _r_weekday,
    _r_year,
)
from presslens.lexicon.calendar import MONTHS, WEEKDAYS
from presslens.lexicon.numbers import APPROXIMATORS, TEENS, TENS, UNITS, VAGUE_COUNTS

_S = r"[ \t\u00a0]+"
_MONTH_FULL = "|".join(name.capitalize() for name in MONTHS)
_WEEKDAY_FULL = "|".join(name.capitalize() for name in WEEKDAYS)
_MONTH_ANY = rf"{_MONTH_FULL}|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?"
_MON = rf"(?P<mon>{_MONTH_ANY})(?![\w])"
_MON_FULL = rf"(?P<mon>{_MONTH_FULL})(?![\w])"
_NUM_END = r"(?![\w%]|[.,:]\d)"
_DAY = rf"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?{_NUM_END}"
_YEAR = rf"(?P<year>(?:1\d|20|21)\d\d){_NUM_END}"
_COUNT = (
    r"\d{1,3}|(?:" + "|".join(TENS) + r")(?:[- ](?:" + "|".join(UNITS) + r"))?|"
    + "|".join(TEENS) + "|" + "|".join(UNITS) + "|" + "|".join(VAGUE_COUNTS) + "|a|an"
)
_APPROX = "|".join(APPROXIMATORS)


# The cascade. Each rule: the words its match can start with, its pattern, its resolver. The text
# is scanned once for words; a rule is tried (anchored) only where one of its first words stands,
# which keeps the cost to a few hundred anchored matches per article. Overlaps between matches are
# settled longest first, then by rule order.
_Resolver = Callable[[re.Match[str], _Ctx], Resolved | None]
_NUM = "#"  # the key for a run of digits
_MONTH_KEYS = set(MONTHS) | set(_MONTHS) | {"sept"}
_WEEKDAY_KEYS = set(_WEEKDAYS)
_COUNT_KEYS = {_NUM, "a", "an"} | {count.split()[0] for count in VAGUE_COUNTS} | set(UNITS) | set(TEENS) | set(TENS)
_APPROX_KEYS = {word.split()[0] for word in APPROXIMATORS}

_RULES: list[tuple[set[str], str, _Resolver]] = [
    ({_NUM}, r"(?<![\w/.-])(?P<year>\d{4})-(?P<m>\d\d)-(?P<day>\d\d)(?![\w-])", _r_iso),
    ({_NUM}, r"(?<![\w/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4}|\d{2})(?![\w/])", _r_numeric),
    (_MONTH_KEYS, rf"(?<!\w){_MON}{_S}{_DAY}(?:,?{_S}{_YEAR})?", _r_month_day),
    (
        _MONTH_KEYS,
        rf"(?<!\w){_MON}{_S}(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
        rf"(?:[ ]?[-–][ ]?|{_S}(?i:to|through|and|until){_S})"
        rf"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?{_NUM_END}(?:,?{_S}{_YEAR})?",
        _r_day_range,
    ),
    ({_NUM}, rf"(?<![\w.,]){_DAY}{_S}(?:of{_S})?{_MON}(?:,?{_S}{_YEAR})?", _r_month_day),
    (_MONTH_KEYS, rf"(?<!\w){_MON}(?:,|{_S}of)?{_S}{_YEAR}", _r_month_year),
    (
        {"early", "mid", "late", "the", "spring", "summer", "fall", "autumn", "winter"},
        r"(?<!\w)(?i:(?:early|mid|late)[- ]?|the (?:end|start|beginning|middle|first half|second half) of |"
        r"(?:the )?(?:spring|summer|fall|autumn|winter)(?: of)? )" + _YEAR,
        _r_part_year,
    ),
    (
        {"early", "mid", "late", "the"},
        r"(?<!\w)(?i:(?:early|mid|late)[- ]?|the (?:end|start|beginning|middle) of )" + _MON_FULL
        + rf"(?:,?{_S}{_YEAR})?",
        _r_part_month,
    ),
    (
        _MONTH_KEYS | {"last", "next", "this", "coming"},
        rf"(?<!\w)(?:(?P<rel>(?i:last|next|this past|this coming|this|coming)){_S})?{_MON_FULL}",
        _r_month,
    ),
    (
        _WEEKDAY_KEYS | {"last", "next", "this", "coming", "past", "early", "late", "earlier", "later"},
        r"(?<!\w)(?:(?P<rel>(?i:last|next|this past|this coming|this|coming|past|early|late|earlier|later))"
        + _S
        + r")?(?P<wd>" + _WEEKDAY_FULL + r")(?!\w)"
        r"(?:[ ](?i:morning|afternoon|evening|night)(?!\w))?"
        r"(?:,?[ ](?:of )?(?P<wk>(?i:last|next|this)) (?i:week)(?!\w))?",
        _r_weekday,
    ),
    (
        {"earlier", "later", "the", "today", "tonight", "yesterday", "tomorrow", "this", "last"},
        r"(?<!\w)(?:(?i:earlier|later)[ ])?(?P<w>(?i:the day before yesterday|the day after tomorrow|"
        r"today|tonight|yesterday|tomorrow|this morning|this afternoon|this evening|last night|"
        r"last evening))(?:[ ](?i:morning|afternoon|evening|night))?(?!\w)",
        _r_rel_day,
    ),
    (
        {"earlier", "later", "early", "late", "the", "this", "last", "next"},
        r"(?<!\w)(?:(?i:earlier|later|early|late)[ ]|(?P<edge>(?i:the (?:end|start|beginning|middle|rest) of)[ ]))?"
        r"(?P<rel>(?i:this past|this coming|this|last|next|the))[ ](?P<unit>(?i:week|weekend|month|year))(?!\w)",
        _r_rel_period,
    ),
    (
        _COUNT_KEYS | _APPROX_KEYS,
        rf"(?<![\w-])(?:(?P<approx>(?i:{_APPROX}))[ ])?(?P<n>(?i:{_COUNT}))[ ]"
        r"(?P<unit>(?i:day|week|month|year|decade))s?[ ](?P<dir>(?i:ago|from now|earlier|later))(?!\w)",
        _r_ago,
    ),
    (
        {"in", "within"},
        rf"(?<![\w-])(?i:in|within)[ ](?P<x>(?P<n>(?i:{_COUNT}))[ ](?P<unit>(?i:day|week|month|year))s?)(?!\w)",
        _r_in_n,
    ),
    (
        {"early", "mid", "late", _NUM, "'"},
        r"(?<![\w'’-])(?:(?i:early|mid|late)[- ]?)?(?P<dec>(?:1\d|20)\d0s|['’]\d0s)(?!\w)",
        _r_decade,
    ),
    (
        {"christmas", "new", "halloween", "thanksgiving", "independence", "fourth", "july", "labor", "memorial",
         "veterans", "election", "valentine"},
        r"(?<!\w)(?P<h>Christmas(?: Day| Eve)?|New Year['’]s(?: Day| Eve)|Halloween|Thanksgiving(?: Day)?|"
        r"Independence Day|Fourth of July|July Fourth|Labor Day|Memorial Day|Veterans Day|Election Day|"
        r"[Ee]lection [Dd]ay|Valentine['’]s Day)(?!\w)" + rf"(?:,?{_S}{_YEAR})?",
        _r_holiday,
    ),
    ({_NUM}, r"(?<![\w$£€#.,/:-])" + _YEAR.replace(_NUM_END, r"(?![\w%]|[.,:/-]?\d|['’]s)"), _r_year),
    (
        {_NUM, "noon", "midnight"},
        r"(?<![\w:.])(?P<t>[01]?\d(?::[0-5]\d)?[ ]?(?i:a\.m\.|p\.m\.|am|pm)(?!\w)|(?i:noon|midnight)(?!\w)|"
        r"[01]?\d(?::[0-5]\d)? o['’]clock(?!\w))(?:[ ](?:ET|EST|EDT|CT|CST|CDT|PT|PST|PDT|GMT|BST|UTC)(?!\w))?",
        _r_clock,
    ),
]  # fmt: skip

_WORD = re.compile(r"[A-Za-z]+|\d+|['’](?=\d)")
_DISPATCH: dict[str, list[tuple[int, re.Pattern[str], _Resolver]]] = {}
for _order, (_keys, _pattern, _resolve) in enumerate(_RULES):
    _compiled = re.compile(_pattern)
    for _key in _keys:
        _DISPATCH.setdefault(_key, []).append((_order, _compiled, _resolve))
