"""Resolvers: one per pattern of ``rules``; each returns (value, grain), or None to reject the match."""

from __future__ import annotations

import re
from datetime import date

from presslens.extract.dates.calendar import (
    _HOLIDAYS,
    _WEEKDAYS,
    _add_days,
    _count,
    _day,
    _fmt_day,
    _fmt_month,
    _fmt_week,
    _fmt_year,
    _month_near,
    _month_of,
    _shift_month,
    _weekday_near,
    _yearly_near,
)
from presslens.extract.dates.context import _Ctx
from presslens.lexicon.calendar import DURATION_LEFT, RELATIVE_DAYS, TEMPORAL_LEFT, WEEKDAY_EVENTS

Resolved = tuple[str | None, str | None]  # (value, grain)


def _r_iso(m: re.Match[str], c: _Ctx) -> Resolved:
    return _fmt_day(_day(int(m["year"]), int(m["m"]), int(m["day"]))), "day"


def _r_numeric(m: re.Match[str], c: _Ctx) -> Resolved:
    a, b, y = int(m["a"]), int(m["b"]), int(m["year"])
    if len(m["year"]) == 2:
        y += 2000 if y < 70 else 1900
    mon, d = (a, b) if a <= 12 else (b, a)
    return _fmt_day(_day(y, mon, d)), "day"


def _r_month_day(m: re.Match[str], c: _Ctx) -> Resolved | None:
    mon, d = _month_of(m["mon"]), int(m["day"])
    if mon is None or c.named(m.start()):
        return None
    if m["year"]:
        return _fmt_day(_day(int(m["year"]), mon, d)), "day"
    if _day(2000, mon, d) is None:  # 2000 is a leap year: rejects only impossible days
        return None, "day"
    rest = c.text[m.end() : m.end() + 24].lower()
    if c.pub is None or re.match(r"\W*(?:terror\w*\s+)?attacks?\b", rest):
        return None, "day"  # no anchor, or the 2001 attacks named by their date
    tense = c.tense(m.start(), m.end()) or "near"
    return _fmt_day(_yearly_near(c.pub, lambda y: _day(y, mon, d), tense)), "day"


def _r_day_range(m: re.Match[str], c: _Ctx) -> Resolved | None:
    mon, d1, d2 = _month_of(m["mon"]), int(m["day"]), int(m["day2"])
    if mon is None or not 1 <= d1 < d2 <= 31:
        return None
    return _month_of_match(m, c, mon)


def _month_of_match(m: re.Match[str], c: _Ctx, mon: int) -> Resolved:
    """The month ``mon`` of the match's year, else the one nearest publication in the verb's tense."""
    if m["year"]:
        return _fmt_month(int(m["year"]), mon), "month"
    if c.pub is None:
        return None, "month"
    return _fmt_month(*_month_near(c.pub, mon, c.tense(m.start(), m.end()) or "near")), "month"


def _r_month_year(m: re.Match[str], c: _Ctx) -> Resolved | None:
    mon = _month_of(m["mon"])
    if mon is None or c.named(m.start()):
        return None
    return _fmt_month(int(m["year"]), mon), "month"


def _r_part_year(m: re.Match[str], c: _Ctx) -> Resolved:
    return _fmt_year(int(m["year"])), "year"


def _r_part_month(m: re.Match[str], c: _Ctx) -> Resolved | None:
    mon = _month_of(m["mon"])
    return None if mon is None else _month_of_match(m, c, mon)


def _r_month(m: re.Match[str], c: _Ctx) -> Resolved | None:
    mon = _month_of(m["mon"])
    rel = " ".join((m["rel"] or "").lower().split())
    if mon is None or (not rel and (c.named(m.start()) or not c.temporal_context(m.start()))):
        return None
    if c.pub is None:
        return None, "month"
    if rel in ("last", "this past", "past"):
        mode = "last"
    elif rel in ("next", "this coming", "coming"):
        mode = "next"
    elif rel == "this":
        mode = "this"
    else:
        mode = c.tense(m.start(), m.end()) or "near"
    return _fmt_month(*_month_near(c.pub, mon, mode)), "month"


def _r_weekday(m: re.Match[str], c: _Ctx) -> Resolved | None:
    wd = _WEEKDAYS[m["wd"].lower()]
    rel = " ".join((m["rel"] or "").lower().split())
    if not rel and (c.previous_word(m.start()) in WEEKDAY_EVENTS or c.named(m.start())):
        return None, None
    if c.pub is None:
        return None, "day"
    if m["wk"]:
        shift = {"last": -7, "next": 7}.get(m["wk"].lower(), 0)
        anchor = _add_days(c.pub, shift)
        if anchor is None:
            return None, "day"
        return _fmt_day(_add_days(anchor, wd - anchor.weekday())), "day"
    if rel in ("early", "late", "earlier", "later"):
        rel = ""
    tense = c.tense(m.start(), m.end()) if rel in ("", "this") else None
    return _fmt_day(_weekday_near(c.pub, wd, rel, tense)), "day"


def _r_rel_day(m: re.Match[str], c: _Ctx) -> Resolved | None:
    shift = RELATIVE_DAYS.get(" ".join(m["w"].lower().split()))
    if shift is None or c.named(m.start()) or c.title_inside_sentence(m.start()) or c.in_capitals_name(m.start()):
        return None
    if c.pub is None:
        return None, "day"
    return _fmt_day(_add_days(c.pub, shift)), "day"


def _r_rel_period(m: re.Match[str], c: _Ctx) -> Resolved | None:
    rel = " ".join(m["rel"].lower().split())
    unit = m["unit"].lower()
    edge = m["edge"]
    if not edge and (rel == "the" or c.previous_word(m.start()) in DURATION_LEFT):
        return None  # "the last week" is a duration, not last week
    grain = "week" if unit == "weekend" else unit
    if rel == "this past" and unit == "week":
        return None, "week"  # the week just ended or the current one: undecidable
    if c.pub is None:
        return None, grain
    step = {"last": -1, "this past": -1, "next": 1, "this coming": 1}.get(rel, 0)
    pub = c.pub
    if unit == "week":
        return _fmt_week(_add_days(pub, 7 * step)), "week"
    if unit == "weekend":
        return _fmt_week(_weekend(pub, step, c.tense(m.start(), m.end()))), "week"
    if unit == "month":
        return _fmt_month(*_shift_month(pub.year, pub.month, step)), "month"
    return _fmt_year(pub.year + step), "year"


def _weekend(pub: date, step: int, tense: str | None) -> date | None:
    """The Saturday of the weekend meant by last (-1), this (0) or next (+1) weekend."""
    if step < 0:
        base = _add_days(pub, -2)
        return _add_days(base, -((base.weekday() - 5) % 7)) if base else None
    if step > 0:
        return _add_days(pub, (5 - pub.weekday()) % 7 or 7)
    if tense == "past" or pub.weekday() == 6:
        return _add_days(pub, -((pub.weekday() - 5) % 7))
    return _add_days(pub, (5 - pub.weekday()) % 7)


def _r_ago(m: re.Match[str], c: _Ctx) -> Resolved:
    unit = m["unit"].lower()
    grain = {"decade": "year"}.get(unit, unit)
    n = _count(m["n"])
    direction = " ".join(m["dir"].lower().split())
    if n is None or m["approx"] or direction not in ("ago", "from now") or c.pub is None or unit == "decade":
        return None, grain
    sign = -1 if direction == "ago" else 1
    return _offset(c.pub, unit, sign * n), grain


def _offset(pub: date, unit: str, n: int) -> str | None:
    if unit == "day":
        return _fmt_day(_add_days(pub, n))
    if unit == "week":
        return _fmt_week(_add_days(pub, 7 * n))
    if unit == "month":
        return _fmt_month(*_shift_month(pub.year, pub.month, n))
    return _fmt_year(pub.year + n)


def _r_in_n(m: re.Match[str], c: _Ctx) -> Resolved | None:
    n = _count(m["n"])
    if n is None or c.tense(m.start(), m.end()) != "future":
        return None  # "in two weeks" under a past verb is a duration
    unit = m["unit"].lower()
    if c.pub is None:
        return None, unit
    return _offset(c.pub, unit, n), unit


def _r_decade(m: re.Match[str], c: _Ctx) -> Resolved:
    return None, None


def _r_holiday(m: re.Match[str], c: _Ctx) -> Resolved | None:
    name = re.sub(r"\s+", " ", m["h"].lower().replace("’", "'"))
    make = _HOLIDAYS.get(name)
    if make is None:
        return None
    if m["year"]:
        return _fmt_day(make(int(m["year"]))), "day"
    if not c.temporal_context(m.start()) or (name in ("christmas", "halloween") and c.modifies_noun(m.end())):
        return None  # "Christmas trees"
    if c.pub is None:
        return None, "day"
    return _fmt_day(_yearly_near(c.pub, make, c.tense(m.start(), m.end()) or "near")), "day"


def _r_year(m: re.Match[str], c: _Ctx) -> Resolved | None:
    tok = c.token_at(m.start())
    if tok is None:
        return None
    if tok.ent_type_ == "DATE":
        return _fmt_year(int(m["year"])), "year"
    if tok.ent_type_ or not c.temporal_context(m.start()) or tok.dep_ == "nummod":
        return None
    return _fmt_year(int(m["year"])), "year"


def _r_clock(m: re.Match[str], c: _Ctx) -> Resolved | None:
    if m["t"].lower() in ("noon", "midnight") and c.previous_word(m.start()) not in TEMPORAL_LEFT | {"at"}:
        return None
    return None, None
