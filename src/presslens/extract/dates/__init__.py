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

Modules: ``calendar`` (date arithmetic, holidays), ``context`` (tense and names read off the parse),
``resolvers`` (one per pattern), ``rules`` (the patterns and their dispatch), ``entities`` (spaCy
entities no rule covered), ``find`` (``find_dates``), ``said_on`` (``date_attributions``). The word
lists are in ``presslens.lexicon.calendar`` and ``presslens.lexicon.numbers``.
"""

from __future__ import annotations

from presslens.extract.dates.find import find_dates
from presslens.extract.dates.said_on import date_attributions

__all__ = ["date_attributions", "find_dates"]
