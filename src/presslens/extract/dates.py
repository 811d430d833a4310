"""Time expressions: find them in a parsed article and normalise them against its publication date.

Method. A compact rule-based tagger and normaliser in the spirit of HeidelTime (Strötgen & Gertz,
"HeidelTime: High quality rule-based extraction and normalization of temporal expressions",
SemEval-2010): a cascade of regular expressions over the article text finds

* explicit expressions, resolved without context: ``2017-09-25``, ``9/25/2017``, ``April 9, 2009``,
  ``9 April 2009`` (day); ``June 2014``, ``September 16-19`` (month); ``2014``, ``late 2014``,
  ``the summer of 2010`` (year);
* underspecified expressions, resolved with the publication date (the "document creation time") and
  the tense of the governing verb read off the dependency parse: ``on Sunday``, ``Monday night``,
  ``In November``, ``Nov. 8``, ``Christmas``, ``Election Day``. Past tense picks the occurrence on or
  before publication, future tense (``will``, ``going to``, ``expected to``, present progressive) the
  one on or after it; with no tense signal a weekday is taken as past (the news default) and a month
  or month-day as the nearer occurrence;
* relative expressions, resolved with the publication date only: ``today``, ``yesterday``,
  ``last night``, ``this week`` (ISO week ``2017-W39``), ``last year``, ``next month``,
  ``earlier this month``, ``two weeks ago``, ``last November``, ``next Sunday``, ``in two weeks``
  (only under a future verb; otherwise it is a duration and skipped).

spaCy ``DATE``/``TIME`` entities that no rule covers are kept with ``value=None`` when they name a
point in time (``that day``, ``two years later``, ``the 1990s``), and dropped when they are not dates
at all: durations (``three years``, ``recent weeks``), ages (``45-year-old``, ``age 16``),
frequencies (``every year``, ``annually``), compound modifiers (``four-year``, ``late-night``) and
stray numbers. Clock times (``3 a.m.``, ``noon``) are reported with ``value=None, grain=None``.
Decades (``the 1990s``) have no grain in the record contract, so they get ``value=None, grain=None``.

Spans cover the date words themselves: no leading preposition (``on Sunday`` gives ``Sunday``).
``grain`` says what the expression names even when ``value`` cannot be computed (no publication
date, an impossible date such as ``Feb. 30``); ``value`` is never a guess from partial information.
Numeric dates are read month first (US usage) unless the first number cannot be a month.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

import numpy as np
from spacy.tokens import Doc, Span, Token

from presslens.schema import Attribution, DateMention

Resolved = tuple[str | None, str | None]  # (value, grain)

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_UNITS_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
_TEENS_WORDS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NUMBER_WORDS = {"a": 1, "an": 1, "hundred": 100} | _UNITS_WORDS | _TEENS_WORDS | _TENS_WORDS
# Words before a bare month, year or holiday that make it a time expression.
_TEMPORAL_LEFT = {
    "in", "on", "since", "by", "until", "till", "before", "after", "from", "to", "through", "during",
    "of", "last", "next", "this", "early", "late", "mid", "around", "between", "and", "or", "circa",
    "throughout", "past", "coming", "that", "as", "for", "over",
}  # fmt: skip
# Capitalised words that turn a weekday into an event name ("Super Tuesday", "Black Friday").
_WEEKDAY_EVENTS = {"super", "black", "good", "bloody", "cyber", "ash", "palm", "holy", "maundy", "giving"}
# Verbs whose infinitive complement is about the future ("expected to vote on Monday").
_FUTURE_HEADS = {
    "expect", "schedule", "plan", "set", "due", "go", "hope", "intend", "aim", "prepare", "want",
    "vow", "promise", "pledge", "threaten", "seek", "will", "likely", "poise",
}  # fmt: skip
_DURATION_LEFT = {"the", "a", "every", "each", "per", "that", "whole", "entire"}
_NAME_LABELS = {"PERSON", "ORG", "FAC", "GPE", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "NORP", "LOC"}
_MODALS_FUTURE = {"will", "'ll", "shall", "wo", "would", "'d", "can", "could", "may", "might", "should", "must"}

_S = r"[ \t\u00a0]+"
_MONTH_FULL = r"January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ANY = rf"{_MONTH_FULL}|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?"
_MON = rf"(?P<mon>{_MONTH_ANY})(?![\w])"
_MON_FULL = rf"(?P<mon>{_MONTH_FULL})(?![\w])"
_NUM_END = r"(?![\w%]|[.,:]\d)"
_DAY = rf"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?{_NUM_END}"
_YEAR = rf"(?P<year>(?:1\d|20|21)\d\d){_NUM_END}"
_COUNT = (
    r"\d{1,3}|(?:" + "|".join(_TENS_WORDS) + r")(?:[- ](?:" + "|".join(_UNITS_WORDS) + r"))?|"
    + "|".join(_TEENS_WORDS) + "|" + "|".join(_UNITS_WORDS) + r"|a couple of|a few|several|many|some|a|an"
)
_APPROX = r"more than|over|less than|under|nearly|almost|about|around|roughly|some|at least|at most"


# ---------------------------------------------------------------------------------------------
# Calendar arithmetic (all total: invalid input gives None)
# ---------------------------------------------------------------------------------------------


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


_HOLIDAYS: dict[str, Callable[[int], date | None]] = {
    "christmas": lambda y: _day(y, 12, 25),
    "christmas day": lambda y: _day(y, 12, 25),
    "christmas eve": lambda y: _day(y, 12, 24),
    "new year's day": lambda y: _day(y, 1, 1),
    "new year's eve": lambda y: _day(y, 12, 31),
    "halloween": lambda y: _day(y, 10, 31),
    "valentine's day": lambda y: _day(y, 2, 14),
    "independence day": lambda y: _day(y, 7, 4),
    "fourth of july": lambda y: _day(y, 7, 4),
    "july fourth": lambda y: _day(y, 7, 4),
    "veterans day": lambda y: _day(y, 11, 11),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "election day": _election_day,
}


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
    if len(parts) == 2 and parts[0] in _TENS_WORDS and parts[1] in _UNITS_WORDS:
        return _TENS_WORDS[parts[0]] + _UNITS_WORDS[parts[1]]
    return _NUMBER_WORDS.get(w)


# ---------------------------------------------------------------------------------------------
# Context from the parse
# ---------------------------------------------------------------------------------------------


def _governing_verb(tok: Token) -> Token | None:
    t = tok
    for _ in range(10):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound"):
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _tense_of(verb: Token, direct: bool = True) -> str | None:
    """'past', 'future' or None (present or unknown) for a verb, from its tag and auxiliaries.

    A present progressive ("are holding a rally on Sunday") reads as future only when the date is
    an adverbial (``direct``), not a noun modifier: "is raising questions about Monday's debate"
    says nothing about when the debate was.
    """
    for _ in range(4):
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        words = {c.lower_ for c in auxes}
        if words & {"have", "has", "had", "'ve", "'s"} and verb.tag_ == "VBN":
            return "past"
        if words & _MODALS_FUTURE:
            return "future"
        is_infinitive = any(c.tag_ == "TO" for c in auxes) or verb.dep_ == "xcomp"
        if is_infinitive and verb.head.i != verb.i:
            head = verb.head
            if head.lemma_.lower() in _FUTURE_HEADS or head.lower_ in _FUTURE_HEADS:
                return "future"
            verb = head
            continue
        if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes):
            return "past"
        if verb.tag_ == "VBN":
            if verb.lemma_.lower() in _FUTURE_HEADS:
                return "future"
            return "past" if not auxes else None
        if verb.tag_ == "VBG" and words & {"is", "are", "am", "'re", "'m"}:
            return "future" if direct else None
        return None
    return None


@dataclass
class _Ctx:
    doc: Doc
    pub: date | None
    text: str

    @cached_property
    def starts(self) -> np.ndarray:
        return self.doc.to_array("IDX")

    def token_at(self, char: int) -> Token | None:
        i = int(np.searchsorted(self.starts, char, side="right")) - 1
        return self.doc[i] if 0 <= i < len(self.doc) else None

    def span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")

    def tense(self, start: int, end: int) -> str | None:
        sp = self.span(start, end)
        if sp is None or len(sp) == 0:
            return None
        root = sp.root
        verb = _governing_verb(root)
        if verb is None:
            return None
        direct = root.dep_ not in ("poss", "compound", "amod", "nmod", "nummod")
        return _tense_of(verb, direct)

    def previous_word(self, start: int) -> str:
        tok = self.token_at(start)
        if tok is None or tok.i == 0:
            return ""
        return self.doc[tok.i - 1].lower_

    def named(self, start: int) -> bool:
        """Whether the word at ``start`` belongs to a name ("Theresa May", "Black Friday Deals Inc.")."""
        tok = self.token_at(start)
        return tok is not None and tok.ent_type_ in _NAME_LABELS

    def modifies_noun(self, end: int) -> bool:
        """Whether the word ending at ``end`` is a noun modifier ("Christmas trees")."""
        tok = self.token_at(end - 1)
        return tok is not None and tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.idx >= end

    def title_inside_sentence(self, start: int) -> bool:
        """Whether a word is capitalised mid-sentence, as in a name ("USA Today", "the Today show")."""
        tok = self.token_at(start)
        if tok is None or tok.i == 0 or not tok.is_title or tok.is_sent_start:
            return False
        prev = self.doc[tok.i - 1]
        return not (prev.is_punct or prev.is_space or prev.is_quote)

    def temporal_context(self, start: int) -> bool:
        """A bare month, year or holiday counts when NER says DATE or a temporal word precedes it."""
        tok = self.token_at(start)
        if tok is None:
            return False
        if tok.ent_type_ in ("DATE", "TIME"):
            return True
        if tok.ent_type_ and tok.ent_type_ not in ("DATE", "TIME"):
            return False
        return self.previous_word(start) in _TEMPORAL_LEFT


# ---------------------------------------------------------------------------------------------
# Resolvers: one per pattern; each returns (value, grain), or None to reject the match.
# ---------------------------------------------------------------------------------------------


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
    if not rel and (c.previous_word(m.start()) in _WEEKDAY_EVENTS or c.named(m.start())):
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


_REL_DAY_SHIFT = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "last evening": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}  # fmt: skip


def _r_rel_day(m: re.Match[str], c: _Ctx) -> Resolved | None:
    shift = _REL_DAY_SHIFT.get(" ".join(m["w"].lower().split()))
    if shift is None or c.named(m.start()) or c.title_inside_sentence(m.start()):
        return None
    if c.pub is None:
        return None, "day"
    return _fmt_day(_add_days(c.pub, shift)), "day"


def _r_rel_period(m: re.Match[str], c: _Ctx) -> Resolved | None:
    rel = " ".join(m["rel"].lower().split())
    unit = m["unit"].lower()
    edge = m["edge"]
    if not edge and (rel == "the" or c.previous_word(m.start()) in _DURATION_LEFT):
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
    if m["t"].lower() in ("noon", "midnight") and c.previous_word(m.start()) not in _TEMPORAL_LEFT | {"at"}:
        return None
    return None, None


# The cascade. Each rule: the words its match can start with, its pattern, its resolver. The text
# is scanned once for words; a rule is tried (anchored) only where one of its first words stands,
# which keeps the cost to a few hundred anchored matches per article. Overlaps between matches are
# settled longest first, then by rule order.
# ---------------------------------------------------------------------------------------------

_Resolver = Callable[[re.Match[str], _Ctx], Resolved | None]
_NUM = "#"  # the key for a run of digits
_MONTH_KEYS = set(_MONTH_FULL.lower().split("|")) | set(_MONTHS) | {"sept"}
_WEEKDAY_KEYS = set(_WEEKDAYS)
_COUNT_KEYS = {_NUM, "a", "an", "several", "many", "some"} | set(_UNITS_WORDS) | set(_TEENS_WORDS) | set(_TENS_WORDS)
_APPROX_KEYS = {"more", "over", "less", "under", "nearly", "almost", "about", "around", "roughly", "some", "at"}

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
        + r")?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!\w)"
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


# ---------------------------------------------------------------------------------------------
# spaCy entities no rule covered
# ---------------------------------------------------------------------------------------------

_UNIT_GRAIN = {
    "day": "day", "night": "day", "morning": "day", "afternoon": "day", "evening": "day",
    "week": "week", "weekend": "week", "month": "month", "year": "year",
}  # fmt: skip
_PLURAL_UNITS = {"seconds", "minutes", "hours", "days", "nights", "weeks", "months", "years", "decades", "centuries"}
_ANCHORS = {"ago", "later", "earlier", "before", "after", "hence", "now", "previously"}
_FREQUENCY = {
    "every", "each", "daily", "weekly", "monthly", "yearly", "annually", "annual", "quarterly", "nightly",
    "hourly", "biweekly", "per", "weekday", "weekdays",
}  # fmt: skip
_QUANT_START = set(_NUMBER_WORDS) | {
    "half", "less", "more", "about", "nearly", "almost", "around", "over", "under", "all", "several",
    "few", "many", "some", "just", "only", "at", "up", "first", "as", "another", "whole", "entire",
}  # fmt: skip
_TIME_WORDS = (
    set(_UNIT_GRAIN) | _PLURAL_UNITS | set(_WEEKDAYS)
    | {"decade", "century", "quarter", "season", "spring", "summer", "fall", "autumn", "winter", "today",
       "tonight", "yesterday", "tomorrow", "midnight", "noon", "hour", "minute", "christmas", "easter"}
)  # fmt: skip
_AGE = re.compile(r"\bold\b|\bage[sd]?\b|\b\d0s\b|\bteens?\b", re.I)


def _entity_kept(words: list[str], text: str) -> bool:
    """Whether a spaCy DATE/TIME entity no rule matched names a point in time (kept, value None)."""
    if not words or not (set(words) & _TIME_WORDS) or _AGE.search(text):
        return False
    if set(words) & _FREQUENCY or ("-" in text and " " not in text.strip()):
        return False
    anchored = bool(set(words) & _ANCHORS)
    if set(words) & _PLURAL_UNITS and not anchored:
        return False  # "three years", "recent weeks": durations
    if (words[0] in _QUANT_START or words[0].isdigit()) and not anchored:
        return False  # "a day", "one year", "about a century"
    if len(words) == 1 and words[0] in _UNIT_GRAIN:
        return False  # a bare "night" or "morning"
    if len(words) > 1 and words[0] == "the" and words[1] in ("last", "past", "next", "coming", "recent"):
        return False  # "the last week": a stretch of time ending or starting now
    return True


def _from_entity(ent: Span, doc_text: str) -> DateMention | None:
    toks = list(ent)
    while toks and (toks[0].tag_ in ("IN", "TO", "WRB", "WP") or toks[0].is_punct):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].tag_ == "POS" or toks[-1].is_space):
        toks = toks[:-1]
    if not toks:
        return None
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    text = doc_text[start:end]
    words = [t.lower_ for t in toks if not t.is_punct]
    stray = any(t.pos_ in ("NOUN", "VERB") and t.lower_ not in _TIME_WORDS for t in toks) or (
        len(toks) == 1 and toks[0].dep_ == "compound" and toks[0].head.i > toks[0].i
    )
    if stray or not _entity_kept(words, text):
        return None
    grain = next((_UNIT_GRAIN[w] for w in reversed(words) if w in _UNIT_GRAIN), None)
    return DateMention(start=start, end=end, text=text, value=None, grain=grain)


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def _candidates(ctx: _Ctx) -> list[tuple[int, int, int, DateMention]]:
    """Every rule match, anchored at the words that can start it: (start, -length, order, mention)."""
    text = ctx.text
    found: list[tuple[int, int, int, DateMention]] = []
    for wm in _WORD.finditer(text):
        word = wm.group()
        key = _NUM if word[0].isdigit() else ("'" if word[0] in "'’" else word.lower())
        for order, pattern, resolve in _DISPATCH.get(key, ()):
            m = pattern.match(text, wm.start())
            if m is None:
                continue
            try:
                res = resolve(m, ctx)
            except (ValueError, OverflowError, KeyError, IndexError, TypeError):
                res = None
            if res is None:
                continue
            start, end = m.span("x") if "x" in pattern.groupindex else m.span()
            found.append((start, start - end, order, DateMention(start, end, text[start:end], *res)))
    return found


def _rule_matches(ctx: _Ctx) -> list[DateMention]:
    """Rule matches without overlaps, longest first."""
    taken: list[DateMention] = []
    for _, _, _, dm in sorted(_candidates(ctx), key=lambda f: (f[1], f[0], f[2])):
        if all(dm.end <= t.start or dm.start >= t.end for t in taken):
            taken.append(dm)
    return taken


def find_dates(doc: Doc, published: str | None) -> list[DateMention]:
    """Every date or time expression in ``doc``, normalised against ``published`` (ISO date or None)."""
    ctx = _Ctx(doc, _parse_iso(published), doc.text)
    mentions = _rule_matches(ctx)
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if any(ent.start_char < m.end and m.start < ent.end_char for m in mentions):
            continue
        dm = _from_entity(ent, ctx.text)
        if dm is not None:
            mentions.append(dm)
    mentions.sort(key=lambda d: d.start)
    return mentions


# ---------------------------------------------------------------------------------------------
# When statements were made
# ---------------------------------------------------------------------------------------------


def _cue_verb(doc: Doc, att: Attribution) -> Token | None:
    if att.cue is not None:
        sp = doc.char_span(att.cue.start, att.cue.end, alignment_mode="expand")
        if sp is not None and len(sp):
            verbs = [t for t in sp if t.pos_ in ("VERB", "AUX")]
            return verbs[0] if verbs else sp.root
    sp = doc.char_span(att.content.start, att.content.end, alignment_mode="expand")
    if sp is None or not len(sp):
        return None
    head = sp.root.head
    if head.pos_ in ("VERB", "AUX") and not (sp.start <= head.i < sp.end):
        return head
    return None


def _attached(doc: Doc, dm: DateMention, verb: Token, content: tuple[int, int]) -> bool:
    """Whether the date modifies the cue verb itself (``said on Sunday``), not a verb in the content."""
    if content[0] < dm.end and dm.start < content[1]:
        return False
    sp = doc.char_span(dm.start, dm.end, alignment_mode="expand")
    if sp is None or not len(sp):
        return False
    root = sp.root
    t = root
    for _ in range(6):
        if t.i == verb.i:
            return True
        if t.i != root.i and (t.pos_ in ("VERB", "AUX") or content[0] <= t.idx < content[1]):
            return False
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def date_attributions(
    doc: Doc, attributions: list[Attribution], dates: list[DateMention], published: str | None
) -> None:
    """Set ``said_on`` on each attribution: a day-grain date on its cue verb, else the publication date."""
    pub = _parse_iso(published)
    days = [d for d in dates if d.grain == "day" and d.value and (pub is None or d.value <= pub.isoformat())]
    for att in attributions:
        att.said_on, att.said_on_from_text = (pub.isoformat() if pub else None), False
        try:
            verb = _cue_verb(doc, att)
        except (ValueError, IndexError):
            verb = None
        if verb is None:
            continue
        content = (att.content.start, att.content.end)
        for d in days:
            if _attached(doc, d, verb, content):
                att.said_on, att.said_on_from_text = d.value, True
                break
