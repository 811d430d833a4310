"""Calendar words (months, weekdays, seasons, holidays, time units) and the words around a time expression.

Lower case; ``extract.dates`` lower-cases the text it compares with them. Its patterns write the
month and weekday names capitalised, built from the lists here.
"""

from __future__ import annotations

MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Holidays on a fixed day: (month, day).
FIXED_HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
    "independence day": (7, 4),
    "fourth of july": (7, 4),
    "july fourth": (7, 4),
    "veterans day": (11, 11),
}
# Holidays on the n-th weekday of a month: (month, weekday with Monday 0, n; -1 is the last one).
# Election Day (the Tuesday after the first Monday of November) is computed in ``extract.dates``.
WEEKDAY_HOLIDAYS = {
    "thanksgiving": (11, 3, 4),
    "thanksgiving day": (11, 3, 4),
    "labor day": (9, 0, 1),
    "memorial day": (5, 0, -1),
}

# Days named relative to publication, with their offset in days.
RELATIVE_DAYS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "last evening": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}  # fmt: skip

# Time units and the grain of the date they name ("that night" is a day).
UNIT_GRAINS = {
    "day": "day", "night": "day", "morning": "day", "afternoon": "day", "evening": "day",
    "week": "week", "weekend": "week", "month": "month", "year": "year",
}  # fmt: skip
PLURAL_TIME_UNITS = frozenset(
    {"seconds", "minutes", "hours", "days", "nights", "weeks", "months", "years", "decades", "centuries"}
)
# Other words that make a spaCy DATE/TIME entity about time (with the units and weekdays above).
TIME_NOUNS = frozenset(
    {
        "decade", "century", "quarter", "season", "spring", "summer", "fall", "autumn", "winter", "today",
        "tonight", "yesterday", "tomorrow", "midnight", "noon", "hour", "minute", "christmas", "easter",
    }
)  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Words around a time expression
# ---------------------------------------------------------------------------------------------

# Words before a bare month, year or holiday that make it a time expression.
TEMPORAL_LEFT = frozenset(
    {
        "in", "on", "since", "by", "until", "till", "before", "after", "from", "to", "through", "during",
        "of", "last", "next", "this", "early", "late", "mid", "around", "between", "and", "or", "circa",
        "throughout", "past", "coming", "that", "as", "for", "over",
    }
)  # fmt: skip
# Capitalised words that turn a weekday into an event name ("Super Tuesday", "Black Friday").
WEEKDAY_EVENTS = frozenset({"super", "black", "good", "bloody", "cyber", "ash", "palm", "holy", "maundy", "giving"})
# Words before "last week", "this year" that make it a stretch of time ("the last week"), not a date.
DURATION_LEFT = frozenset({"the", "a", "every", "each", "per", "that", "whole", "entire"})
# Words that anchor a duration in time ("two years ago", "a week later").
TIME_ANCHORS = frozenset({"ago", "later", "earlier", "before", "after", "hence", "now", "previously"})
# Words of repetition: "every year", "annually" name no point in time.
FREQUENCY_WORDS = frozenset(
    {
        "every", "each", "daily", "weekly", "monthly", "yearly", "annually", "annual", "quarterly", "nightly",
        "hourly", "biweekly", "per", "weekday", "weekdays",
    }
)  # fmt: skip

# Verbs (lemmas or words) whose infinitive complement is about the future ("expected to vote on Monday").
FUTURE_HEADS = frozenset(
    {
        "expect", "schedule", "plan", "set", "due", "go", "hope", "intend", "aim", "prepare", "want",
        "vow", "promise", "pledge", "threaten", "seek", "will", "likely", "poise",
    }
)  # fmt: skip
# Verbs of decision: what they decide takes effect later, at a date that may be before or after
# publication ("voted on Monday to raise the fare from March 1"), so the nearest occurrence is taken.
DECISION_HEADS = frozenset({"vote", "agree", "decide", "approve", "order", "rule", "move"})
# Words before a time expression that put it in the past: "since January 1st", "than in May".
PAST_LEFT = frozenset({"since", "than"})
# Auxiliaries that put a verb in the future or a mood about it ("will vote on Monday").
FUTURE_MODALS = frozenset({"will", "'ll", "shall", "wo", "would", "'d", "can", "could", "may", "might", "should", "must"})
