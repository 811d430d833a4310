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
4. the *unit* is normalised: a currency code (``$`` → ``USD``, ``€`` → ``EUR``; ``55 cents`` → 0.55
   ``USD``), ``percent`` or ``percentage points`` (never merged), an SI or common symbol
   (``kilometres`` → ``km``, ``degrees Celsius`` → ``°C``, ``km/h``, ``MW``), an age (``45-year-old``,
   ``Thomas Brenner, 58,`` → ``years``) or else the counted noun in the plural (``one victim`` →
   ``victims``, ``a ten-point lead`` → ``points``); a rate adds ``per`` (``$3 a gallon`` → ``USD per
   gallon``, ``11,000 riders a day`` → ``riders per day``);
5. amounts without a plain number (``special``): fractions (``a third``, ``two-thirds``, ``half``,
   ``nine of 10 voters`` → unit ``fraction``), multipliers (``twice``, ``more than double`` →
   ``times``) and durations of one after a comparator (``less than a year``);
6. *measures* comes from the dependency parse: the ``of`` complement (``40 percent of voters``),
   the subject of the verb the number is attached to (``unemployment rose to 5 percent``), or the
   counted noun with its participle (``2 million people displaced`` → ``people displaced``); a verb
   that makes the number a bound sets the comparator (``rates topped 7 percent`` → ``>``).

Skipped: years, days of the month and other numbers inside spaCy ``DATE``/``TIME`` entities (except
durations and ages), clock times, ordinals, phone numbers, ranks (``No. 2``) and numbers that are
part of names (``Apollo 11``, ``F-35``). Malformed or overflowing numbers give ``value=None``; the
reader never raises.

Modules: ``numbers`` (reading a number), ``filters`` (numbers that are not quantities), ``context``
(currency, comparator, unit and what is measured), ``units`` (normalised units and rates),
``special`` (fractions, multipliers, proportions, ages), ``find`` (one quantity, and ``find_quantities``).
The word lists are in ``presslens.lexicon.numbers`` and ``presslens.lexicon.units``.
"""

from __future__ import annotations

from presslens.extract.quantities.find import find_quantities

__all__ = ["find_quantities"]
