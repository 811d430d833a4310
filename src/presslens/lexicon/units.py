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

# Unit words of measures and the symbols they normalise to (SI and common news units).
MEASURE_UNITS = {
    "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km", "km": "km",
    "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "centimetre": "cm", "centimetres": "cm", "centimeter": "cm", "centimeters": "cm", "cm": "cm",
    "millimetre": "mm", "millimetres": "mm", "millimeter": "mm", "millimeters": "mm", "mm": "mm",
    "micrometre": "µm", "micrometres": "µm", "micron": "µm", "microns": "µm",
    "nanometre": "nm", "nanometres": "nm", "nanometer": "nm", "nanometers": "nm", "nm": "nm",
    "kilogram": "kg", "kilograms": "kg", "kilo": "kg", "kilos": "kg", "kg": "kg",
    "gram": "g", "grams": "g", "milligram": "mg", "milligrams": "mg", "mg": "mg",
    "litre": "L", "litres": "L", "liter": "L", "liters": "L", "millilitre": "mL", "millilitres": "mL",
    "watt": "W", "watts": "W", "kilowatt": "kW", "kilowatts": "kW", "kw": "kW",
    "megawatt": "MW", "megawatts": "MW", "mw": "MW", "gigawatt": "GW", "gigawatts": "GW", "gw": "GW",
    "kwh": "kWh", "mwh": "MWh", "gwh": "GWh", "hectare": "ha", "hectares": "ha",
    "kph": "km/h", "mph": "mph", "ghz": "GHz", "mhz": "MHz",
}  # fmt: skip
# Temperature scales after "degrees" ("46.7 degrees Celsius").
TEMPERATURE_SCALES = {"celsius": "°C", "centigrade": "°C", "fahrenheit": "°F", "c": "°C", "f": "°F"}
# Time units after a symbol and a slash ("80 km/h").
PER_TIME_SYMBOLS = {"h": "h", "hr": "h", "s": "s"}
# Hundredths of a currency, with the currency they belong to ("55 cents" is 0.55 USD).
SUBUNITS = {"cent": "USD", "cents": "USD", "pence": "GBP", "penny": "GBP", "kopecks": "RUB"}
# Words between an amount and the unit it is counted per ("$3 a gallon", "30 per acre").
RATE_WORDS = frozenset({"a", "an", "per", "each"})
# Words after "a year" and the like that make it a point in time, not a rate ("$41 million a year earlier").
NOT_RATE_FOLLOWERS = frozenset({"earlier", "later", "ago", "before", "after", "prior", "from", "since"})
# Plurals that do not add "s" (count units are plural nouns: "one victim" counts "victims").
IRREGULAR_PLURALS = {
    "person": "people", "child": "children", "man": "men", "woman": "women", "foot": "feet",
    "tooth": "teeth", "mouse": "mice", "goose": "geese", "ox": "oxen", "series": "series", "sheep": "sheep",
    "fish": "fish", "deer": "deer", "aircraft": "aircraft", "species": "species",
}  # fmt: skip
# Words glued to a number by a hyphen that make it no quantity at all ("a four-way race").
NOT_QUANTITY_GLUED = frozenset({"way", "ways", "ish"})
