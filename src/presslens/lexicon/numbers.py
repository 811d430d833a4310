"""Number words, scale words and the words that qualify a number (lower case, compared with ``Token.lower_``).

Read by ``extract.quantities`` (amounts in claims) and ``extract.dates`` (counts in "two weeks ago").
"""

from __future__ import annotations

# Number words and their values.
UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
# Every number word below a hundred that is written as one word.
SMALL_NUMBERS = {"zero": 0} | UNITS | TEENS | TENS

# Scale words ("two million") and scale suffixes glued to digits ("1.5bn", "40k").
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
GLUED_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12}
# Vague plurals before "of" ("hundreds of", "tens of thousands of"): the smallest value they allow.
VAGUE_PLURALS = {"dozens": 12.0, "tens": 10.0, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9}

# Comparators read from the words right before a number ("more than 40") ...
COMPARATORS_BEFORE: dict[tuple[str, ...], str] = {
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
    ("close", "to"): "≈", ("circa",): "≈", ("approx.",): "≈",
    ("exactly",): "=", ("precisely",): "=",
    ("as", "small", "as"): "<=", ("as", "high", "as"): "<=", ("as", "large", "as"): "<=",
}  # fmt: skip
# ... and right after it ("40 or more").
COMPARATORS_AFTER: dict[tuple[str, ...], str] = {
    ("or", "more"): ">=", ("or", "over"): ">=", ("-", "plus"): ">=",
    ("or", "fewer"): "<=", ("or", "less"): "<=", ("or", "so"): "≈",
}  # fmt: skip

# Vague counts before a time unit ("a few weeks ago"): a date with a grain but no exact value.
VAGUE_COUNTS = ("a couple of", "a few", "several", "many", "some")
# Words before a count that make it approximate ("about two weeks ago"): no exact value either.
APPROXIMATORS = (
    "more than", "over", "less than", "under", "nearly", "almost", "about", "around", "roughly", "some",
    "at least", "at most",
)  # fmt: skip
# Words (besides number words) that open an amount: a time entity starting with one is a duration
# ("about a year", "half a century"), not a point in time.
AMOUNT_OPENERS = frozenset(
    {
        "half", "less", "more", "about", "nearly", "almost", "around", "over", "under", "all", "several",
        "few", "many", "some", "just", "only", "at", "up", "first", "as", "another", "whole", "entire",
    }
)  # fmt: skip

# Verbs whose subject is the thing a number measures: "unemployment rose to 5 percent".
LEVEL_VERBS = frozenset(
    {
        "be", "rise", "fall", "increase", "decrease", "drop", "climb", "grow", "jump", "surge", "decline",
        "reach", "hit", "stand", "remain", "total", "exceed", "top", "soar", "plunge", "dip", "slip", "edge",
        "double", "triple", "shrink", "average", "tumble", "slide", "sink", "swell", "approach", "near",
        "amount", "account", "cost", "lose", "gain", "hover", "stay", "range", "balloon",
    }
)  # fmt: skip
# Prepositions that join such a verb to its number ("rose to 5 percent", "fell by 3").
LEVEL_PREPOSITIONS = frozenset({"to", "from", "by", "at", "of", "around", "near", "over", "under", "above", "below"})

# Verbs whose object is a bound the amount passed ("mortgage rates topped 7 percent": ``>``).
BOUND_VERBS = {"top": ">", "exceed": ">", "surpass": ">", "pass": ">", "eclipse": ">", "cross": ">"}

# Fraction words and their values ("a third", "two-thirds", "half").
FRACTIONS = {
    "half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25,
    "fifth": 0.2, "fifths": 0.2, "sixth": 1 / 6, "sixths": 1 / 6, "eighth": 0.125, "eighths": 0.125,
    "tenth": 0.1, "tenths": 0.1,
}  # fmt: skip
# Words before "half" that make it a part of something else ("the second half", "one and a half").
NOT_FRACTION_BEFORE = frozenset({"the", "a", "first", "second", "other", "and", "latter", "former", "this", "that"})
# Multipliers ("twice the price", "more than double the rate"), in ``times``.
MULTIPLIERS = {"twice": 2.0, "thrice": 3.0, "double": 2.0, "triple": 3.0, "quadruple": 4.0}
# Multipliers that are one only before a determiner or after a comparator ("double the rate", not "a double room").
PREDETERMINER_MULTIPLIERS = frozenset({"double", "triple", "quadruple"})
# Words between the two numbers of a proportion ("one of every nine voters", "three of their past four").
PROPORTION_FILLERS = frozenset({"every", "the", "their", "its", "his", "her", "our", "past", "last", "next", "those"})
# Time units that, after "a" and a comparator, are a duration of one ("less than a year").
SINGLE_DURATIONS = {
    "second": "seconds", "minute": "minutes", "hour": "hours", "day": "days", "week": "weeks", "month": "months",
    "year": "years", "decade": "decades", "century": "centuries",
}  # fmt: skip
