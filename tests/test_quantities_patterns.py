"""Issue 20, item 2: one sentence per pattern, each checked for value, comparator and normalised unit."""

from __future__ import annotations

import pytest

from presslens.extract.quantities import find_quantities
from presslens.extract.quantities.units import plural


def found(nlp, text: str) -> list[tuple]:
    doc = nlp(text)
    out = []
    for q in find_quantities(doc):
        assert doc.text[q.start : q.end] == q.text
        out.append((q.text, q.comparator, q.value, q.value_high, q.unit))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # cents are hundredths of a dollar; "a share" makes a rate
        ("The bakery chain earned 42 cents a share in the spring.", ("42 cents a share", "=", 0.42, None, "USD per share")),
        # "a year" after an amount is a rate, after a comparator a duration of one
        ("The levy adds about $85 a year to a typical bill.", ("about $85 a year", "≈", 85, None, "USD per year")),
        ("Engineers said the repairs would take less than a year.", ("less than a year", "<", 1, None, "years")),
        # spelled-out numbers and scale words
        ("Forty-two protesters were detained outside the depot.", ("Forty-two protesters", "=", 42, None, "protesters")),
        ("The rock layer formed nine million years before the flood.", ("nine million years", "=", 9e6, None, "years")),
        ("The museum raised $2.5 million from donors.", ("$2.5 million", "=", 2.5e6, None, "USD")),
        ("The sponsor pledged $1billion over a decade.", ("$1billion", "=", 1e9, None, "USD")),
        # ranges
        ("Analysts expect 38 cents to 41 cents a share.", ("38 cents to 41 cents a share", "range", 0.38, 0.41, "USD per share")),
        ("Tickets cost between $4.50 and $4.75 at the gate.", ("between $4.50 and $4.75", "range", 4.5, 4.75, "USD")),
        ("Clinics for 18- to 24-year-olds opened in the valley.", ("18- to 24-year", "range", 18, 24, "years")),
        # approximations
        ("Police towed around 200 cars from the square.", ("around 200 cars", "≈", 200, None, "cars")),
        ("Some 300 volunteers cleaned the beach.", ("Some 300 volunteers", "≈", 300, None, "volunteers")),
        ("The fire destroyed nearly 40 homes.", ("nearly 40 homes", "≈", 40, None, "homes")),
        # per-unit rates
        ("Diesel sold for $3 a gallon at the border.", ("$3 a gallon", "=", 3, None, "USD per gallon")),
        ("The ferry carries 9,000 passengers a day in summer.", ("9,000 passengers a day", "=", 9000, None, "passengers per day")),
        ("Seed costs rose to roughly $30 per acre.", ("roughly $30 per acre", "≈", 30, None, "USD per acre")),
        # percent and percentage points are kept apart
        ("Support climbed 3 percentage points among retirees.", ("3 percentage points", "=", 3, None, "percentage points")),
        ("Support among retirees reached 41 percent.", ("41 percent", "=", 41, None, "percent")),
        # ages in appositions are years
        ("Thomas Brenner, 58, told the court he was innocent.", ("58", "=", 58, None, "years")),
        # SI and common measures are symbols
        ("The river town recorded 46.7 degrees Celsius on Sunday.", ("46.7 degrees Celsius", "=", 46.7, None, "°C")),
        ("Gusts reached up to 80 km/h overnight.", ("up to 80 km/h", "<=", 80, None, "km/h")),
        ("The turtle weighed roughly 30 kilograms.", ("roughly 30 kilograms", "≈", 30, None, "kg")),
        ("The grid needed 10,400 megawatts at the peak.", ("10,400 megawatts", "=", 10400, None, "MW")),
        ("The new chips have features as small as 3 nanometres.", ("as small as 3 nanometres", "<=", 3, None, "nm")),
        # counted nouns are plural whatever the number
        ("Only one witness came forward.", ("one witness", "=", 1, None, "witnesses")),
        # fractions, multipliers and proportions
        ("The drought cut the harvest by about a quarter.", ("about a quarter", "≈", 0.25, None, "fraction")),
        ("Two-thirds of the members voted yes.", ("Two-thirds", "=", 2 / 3, None, "fraction")),
        ("Less than half the money was spent.", ("Less than half", "<", 0.5, None, "fraction")),
        ("Rents are now twice the level of 2015.", ("twice", "=", 2, None, "times")),
        ("Prices are more than double the rate a year ago.", ("more than double", ">", 2, None, "times")),
        ("Nine of 10 dentists agreed.", ("Nine of 10 dentists", "=", 0.9, None, "fraction")),
        # a verb that says the number is a bound
        ("Mortgage rates topped 7 percent this month.", ("7 percent", ">", 7, None, "percent")),
        # vague plurals
        ("Thousands marched through the capital.", ("Thousands", ">", 1000, None, None)),
    ],
)
def test_pattern(nlp, text, expected):
    got = found(nlp, text)
    span, comparator, value, high, unit = expected
    assert any(
        (g[0], g[1], g[4]) == (span, comparator, unit) and g[2] == pytest.approx(value)
        and (g[3] is None if high is None else g[3] == pytest.approx(high))
        for g in got
    ), got


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("She won a third term in November.", "third"),           # an ordinal, not a fraction
        ("The Hawks won their fifth straight game.", "fifth"),     # an ordinal
        ("It is a four-way race for the seat.", "four"),           # "four-way" counts nothing
        ("Scoring picked up in the second half of the game.", "half"),  # part of a game, not a share
        ("In 1998 the club had 1,998 members.", "1998"),            # a year is not a count
        ("Revenue fell 8 percent to $3.2 billion.", "8 percent to"),   # a change and a level, not a range
        ("The city plans to double the fleet.", "double"),         # a verb, not a multiplier
    ],
)
def test_not_a_quantity(nlp, text, absent):
    assert all(absent not in g[0] for g in found(nlp, text)), found(nlp, text)


def test_change_and_level_are_two_amounts(nlp):
    got = found(nlp, "Revenue fell 8 percent to $3.2 billion.")
    assert [(g[0], g[4]) for g in got] == [("8 percent", "percent"), ("$3.2 billion", "USD")]


def test_ages_in_appositions_measure_age(nlp):
    doc = nlp("Thomas Brenner, 58, and Ana Ruiz, 31, were charged.")
    assert [(q.text, q.unit, q.measures) for q in find_quantities(doc)] == [("58", "years", "age"), ("31", "years", "age")]


def test_a_year_before_earlier_is_not_a_rate(nlp):
    got = found(nlp, "Profit was $41 million a year earlier.")
    assert got[0][0] == "$41 million" and got[0][4] == "USD"


def test_shared_unit_of_a_from_to_pair(nlp):
    got = found(nlp, "Class sizes will rise from 22 to 25 pupils.")
    assert [(g[0], g[2], g[4]) for g in got] == [("22", 22, "pupils"), ("25 pupils", 25, "pupils")]


@pytest.mark.parametrize(("word", "expected"), [("victim", "victims"), ("city", "cities"), ("bus", "buses"),
                                                 ("day", "days"), ("child", "children"), ("person", "people")])
def test_plural(word, expected):
    assert plural(word) == expected
