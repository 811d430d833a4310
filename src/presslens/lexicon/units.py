"""Units after or before a number, and the marks that make a number something other than a quantity.

Lower case (compared with ``Token.lower_``); the values are ISO 4217 currency codes. Read by
``extract.quantities``.
"""

from __future__ import annotations

# Currency symbols written before the amount.
CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "c$": "CAD", "a$": "AUD", "₹": "INR"}
# Currency words written after it ("40 euros"). "pound" is a currency only inside a money amount.
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "usd": "USD", "eur": "EUR", "gbp": "GBP",
    "sterling": "GBP", "rubles": "RUB", "roubles": "RUB", "pesos": "MXN",
}  # fmt: skip
# The word before "dollars" that names another country's dollar ("Canadian dollars").
DOLLAR_KINDS = {"canadian": "CAD", "australian": "AUD", "hong": "HKD", "singapore": "SGD", "zealand": "NZD"}
# Words right after a number that make it a percentage ("per" as in "per cent").
PERCENT_WORDS = frozenset({"%", "percent", "per", "pct", "percentage"})

# Words after a number that make it a clock time ("3 p.m."), and before it that make it a rank ("No. 2").
CLOCK_SUFFIXES = frozenset({"a.m.", "p.m.", "am", "pm", "o'clock", "o’clock", "a.m", "p.m"})
RANK_MARKERS = frozenset({"no.", "#", "nos."})
