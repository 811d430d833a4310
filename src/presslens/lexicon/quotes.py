"""Quotation marks and dashes. Straight marks are resolved by context; curly ones carry their direction."""

from __future__ import annotations

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
STRAIGHT_DOUBLE = '"'
OPEN_SINGLE = "‘‹"
CLOSE_SINGLE = "’›"
STRAIGHT_SINGLE = "'"
QUOTE_CHARS = OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT_DOUBLE + OPEN_SINGLE + CLOSE_SINGLE + STRAIGHT_SINGLE

# Dashes that set off a speaker, a tagline or an aside ("— Robert Hale", "Deborah Jordan Reynolds -
# Santilli's girlfriend -").
DASHES = frozenset({"―", "—", "–", "-", "--", "~"})
