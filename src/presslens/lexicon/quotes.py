"""Quotation marks. Straight marks are resolved by context; curly ones carry their direction."""

from __future__ import annotations

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
STRAIGHT_DOUBLE = '"'
OPEN_SINGLE = "‘‹"
CLOSE_SINGLE = "’›"
STRAIGHT_SINGLE = "'"
QUOTE_CHARS = OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT_DOUBLE + OPEN_SINGLE + CLOSE_SINGLE + STRAIGHT_SINGLE
