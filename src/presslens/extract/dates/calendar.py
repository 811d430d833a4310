"""Calendar arithmetic for time expressions; every function is total (invalid input gives None)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from presslens.lexicon.calendar import FIXED_HOLIDAYS, MONTHS, WEEKDAY_HOLIDAYS, WEEKDAYS
from presslens.lexicon.numbers import TEENS, TENS, UNITS

_MONTHS = {name[:3]: number for number, name in enumerate(MONTHS, 1)}  # "jan": 1, ...
_WEEKDAYS = {name: number for number, name in enumerate(WEEKDAYS)}  # "monday": 0, ...
# Counts written as words ("two weeks ago", "a year ago").
_NUMBER_WORDS = {"a": 1, "an": 1, "hundred": 100} | UNITS | TEENS | TENS


def _parse_iso(published: str | None) -> date | None:
    if not published or not isinstance(published, str):
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def _day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except (ValueError, OverflowError):
        return None


def _add_days(d: date, n: int) -> date | None:
    try:
        return d + timedelta(days=n)
    except OverflowError:
        return None


def _shift_month(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _fmt_day(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _fmt_week(d: date | None) -> str | None:
    if d is None:
        return None
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _fmt_month(y: int, m: int) -> str | None:
    return f"{y:04d}-{m:02d}" if 1 <= y <= 9999 and 1 <= m <= 12 else None


def _fmt_year(y: int) -> str | None:
    return f"{y:04d}" if 1 <= y <= 9999 else None


def _pick(before: date | None, after: date | None, pub: date, mode: str) -> date | None:
    """Choose between the occurrence on/before and on/after publication."""
    if mode == "past":
        return before
    if mode == "future":
        return after
    if before is None or after is None:
        return before or after
    return before if (pub - before) <= (after - pub) else after


def _weekday_near(pub: date, wd: int, rel: str, tense: str | None) -> date | None:
    back = _add_days(pub, -((pub.weekday() - wd) % 7))
    ahead = _add_days(pub, (wd - pub.weekday()) % 7)
    if rel in ("last", "past", "this past"):
        return back if back != pub else _add_days(pub, -7)
    if rel in ("next", "coming", "this coming"):
        return ahead if ahead != pub else _add_days(pub, 7)
    if rel == "this":
        return back if tense == "past" else ahead
    return ahead if tense == "future" else back


def _yearly_near(pub: date, make: Callable[[int], date | None], mode: str) -> date | None:
    """The occurrence of a yearly date (month-day, holiday) nearest publication in ``mode``."""
    cands = [c for c in (make(pub.year - 1), make(pub.year), make(pub.year + 1)) if c is not None]
    before = max((c for c in cands if c <= pub), default=None)
    after = min((c for c in cands if c >= pub), default=None)
    return _pick(before, after, pub, mode)


def _month_near(pub: date, m: int, mode: str) -> tuple[int, int]:
    before = (pub.year if m <= pub.month else pub.year - 1, m)
    after = (pub.year if m >= pub.month else pub.year + 1, m)
    if mode == "last":
        return (pub.year if m < pub.month else pub.year - 1, m)
    if mode == "next":
        return (pub.year if m > pub.month else pub.year + 1, m)
    if mode == "this":
        return (pub.year, m)
    if mode == "past":
        return before
    if mode == "future":
        return after
    dist_b = (pub.year - before[0]) * 12 + pub.month - m
    dist_a = (after[0] - pub.year) * 12 + m - pub.month
    return before if dist_b <= dist_a else after


def _nth_weekday(y: int, m: int, wd: int, n: int) -> date | None:
    """The n-th weekday ``wd`` of a month; n = -1 is the last one."""
    if n > 0:
        first = _day(y, m, 1)
        if first is None:
            return None
        return _add_days(first, (wd - first.weekday()) % 7 + 7 * (n - 1))
    ny, nm = _shift_month(y, m, 1)
    nxt = _day(ny, nm, 1)
    if nxt is None:
        return None
    last = nxt - timedelta(days=1)
    return _add_days(last, -((last.weekday() - wd) % 7))


def _election_day(y: int) -> date | None:
    first_monday = _nth_weekday(y, 11, 0, 1)
    return _add_days(first_monday, 1) if first_monday else None


def _fixed(month: int, day: int) -> Callable[[int], date | None]:
    return lambda y: _day(y, month, day)


def _nth(month: int, weekday: int, n: int) -> Callable[[int], date | None]:
    return lambda y: _nth_weekday(y, month, weekday, n)


_HOLIDAYS: dict[str, Callable[[int], date | None]] = (
    {name: _fixed(*month_day) for name, month_day in FIXED_HOLIDAYS.items()}
    | {name: _nth(*spec) for name, spec in WEEKDAY_HOLIDAYS.items()}
    | {"election day": _election_day}
)


def _month_of(word: str) -> int | None:
    return _MONTHS.get(word.lower().rstrip(".")[:3])


def _count(word: str | None) -> int | None:
    """An exact small count from digits or a number word; None for vague counts ("a few")."""
    if not word:
        return None
    w = word.lower()
    if w.isdigit():
        return int(w) if len(w) <= 3 else None
    parts = re.split(r"[- ]", w)
    if len(parts) == 2 and parts[0] in TENS and parts[1] in UNITS:
        return TENS[parts[0]] + UNITS[parts[1]]
    return _NUMBER_WORDS.get(w)
