"""Quantities: values, comparators, units, ranges, what is measured, and offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presslens.extract.quantities import find_quantities
from presslens.nlp import load
from presslens.schema import Quantity


@pytest.fixture(scope="module")
def nlp():
    return load()


def quantities(nlp, text: str) -> list[Quantity]:
    doc = nlp(text)
    found = find_quantities(doc)
    for q in found:
        assert q.start is not None and q.end is not None
        assert doc.text[q.start : q.end] == q.text
    return found


def one(nlp, text: str) -> Quantity:
    found = quantities(nlp, text)
    assert len(found) == 1, found
    return found[0]


def test_contract_example(nlp):
    q = one(nlp, "Officials said more than 40 percent of voters stayed home.")
    assert (q.text, q.comparator, q.value, q.unit, q.measures) == ("more than 40 percent", ">", 40, "percent", "voters")
    assert q.start == len("Officials said ")


def test_approximate_count_with_measured_participle(nlp):
    q = one(nlp, "Nearly 2 million people were displaced by the floods.")
    assert (q.comparator, q.value, q.unit, q.measures) == ("≈", 2_000_000, "people", "people displaced")
    assert q.text == "Nearly 2 million people"


def test_measured_from_the_verb_subject(nlp):
    q = quantities(nlp, "Unemployment rose to 5 percent, up from 4.2%.")[0]
    assert (q.text, q.value, q.unit, q.measures) == ("5 percent", 5, "percent", "Unemployment")


@pytest.mark.parametrize(
    ("text", "comparator", "value"),
    [
        ("At least 40 were killed.", ">=", 40),
        ("Fewer than 300 troops remain.", "<", 300),
        ("Up to 3,000 people fled.", "<=", 3000),
        ("Almost 9,000 people voted.", "≈", 9000),
        ("About 12 people came.", "≈", 12),
        ("Some 3,000 people came.", "≈", 3000),
        ("Exactly 12 people came.", "=", 12),
        ("Twelve people came.", "=", 12),
        ("Forty or more people came.", ">=", 40),
        ("Hundreds of thousands of refugees arrived.", ">", 100_000),
    ],
)
def test_comparators(nlp, text, comparator, value):
    q = one(nlp, text)
    assert (q.comparator, q.value) == (comparator, value)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The deal is worth $5 billion.", 5e9, "USD"),
        ("The firm lost €3.2m last year.", 3.2e6, "EUR"),
        ("He paid £40,000 for it.", 40_000, "GBP"),
        ("They spent 1.5bn dollars on it.", 1.5e9, "USD"),
        ("It cost 200 euros.", 200, "EUR"),
        ("Turnout was 40% in the city.", 40, "percent"),
        ("Turnout was 40 per cent in the city.", 40, "percent"),
        ("Support fell by four percentage points.", 4, "percentage points"),
    ],
)
def test_currencies_and_percentages(nlp, text, value, unit):
    q = one(nlp, text)
    assert (q.value, q.unit, q.comparator) == (pytest.approx(value), unit, "=")


def test_number_words(nlp):
    found = quantities(nlp, "Twenty-five people and a dozen eggs and two hundred and fifty thousand dollars.")
    assert [(q.text, q.value, q.unit) for q in found] == [
        ("Twenty-five people", 25, "people"),
        ("a dozen eggs", 12, "eggs"),
        ("two hundred and fifty thousand dollars", 250_000, "USD"),
    ]


def test_ranges(nlp):
    found = quantities(nlp, "Between 10 and 20 people died, and 10-20 people were hurt.")
    assert [(q.text, q.comparator, q.value, q.value_high, q.unit) for q in found] == [
        ("Between 10 and 20 people", "range", 10, 20, "people"),
        ("10-20 people", "range", 10, 20, "people"),
    ]


def test_range_shares_the_scale(nlp):
    q = one(nlp, "The project will cost $5-10 billion.")
    assert (q.comparator, q.value, q.value_high, q.unit) == ("range", 5e9, 10e9, "USD")


def test_score_is_not_a_range(nlp):
    assert quantities(nlp, "The court issued a 7-2 ruling.") == []


def test_from_to_gives_two_values(nlp):
    found = quantities(nlp, "Clinton led Trump 47 percent to 44 percent.")
    assert [(q.value, q.unit, q.comparator) for q in found] == [(47, "percent", "="), (44, "percent", "=")]


def test_ages_are_years(nlp):
    found = quantities(nlp, "A 45-year-old man and his wife, aged 43, were hurt.")
    assert [(q.text, q.value, q.unit, q.measures) for q in found] == [
        ("45-year-old", 45, "years", "age"),
        ("aged 43", 43, "years", "age"),
    ]


def test_skips_dates_times_ordinals_names_and_phones(nlp):
    text = (
        "In 2014, on Sept. 11 at 3 p.m., for the 11th time, Apollo 11 flew, "
        "and the No. 2 official said to call 555-123-4567."
    )
    assert quantities(nlp, text) == []


def test_durations_are_kept(nlp):
    q = one(nlp, "He was imprisoned for three years.")
    assert (q.value, q.unit, q.measures) == (3, "years", None)


def test_char_range_limits_the_search(nlp):
    doc = nlp("First 10 people came. Then 20 people left.")
    second = doc.text.index("Then")
    found = find_quantities(doc, second)
    assert [(q.text, q.value) for q in found] == [("20 people", 20)]
    assert find_quantities(doc, 0, second) == find_quantities(doc)[:1]


def test_odd_input_never_raises(nlp):
    doc = nlp("They counted 1,00,000 votes and 1" + "0" * 400 + " stars.")
    found = find_quantities(doc)
    assert [q.value for q in found] == [None, None]
    assert find_quantities(nlp(""), 0, 10) == []
    assert find_quantities(doc, 50, 10) == []
    assert find_quantities(doc, -5, 10_000) == found


def test_one_as_a_pronoun_is_not_a_quantity(nlp):
    assert quantities(nlp, "It is one of the things voters care about.") == []
    assert [q.value for q in quantities(nlp, "One person died.")] == [1]


def test_hyphen_glued_unit(nlp):
    q = one(nlp, "Romney had a ten-point lead among them.")
    assert (q.text, q.value, q.unit, q.measures) == ("ten-point", 10, "points", "lead")


def test_over_before_a_duration_is_not_a_comparator(nlp):
    found = quantities(nlp, "It would cost $374 billion over 10 years.")
    assert [(q.text, q.comparator, q.unit) for q in found] == [("$374 billion", "=", "USD"), ("10 years", "=", "years")]


TOKENS = ["1,000", "2.5bn", "$", "€", "%", "percent", "more", "than", "between", "and", "to", "-", "a", "dozen",
          "million", "of", "people", "Apollo", "11", "in", "2014", "1,00", "9" * 30, "half", "hundreds", "aged", "one"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=12))
def test_any_sequence_of_number_words_is_read_without_error(nlp, words):
    doc = nlp(" ".join(words))
    for q in find_quantities(doc):
        assert doc.text[q.start : q.end] == q.text
        assert q.value is None or q.value == q.value  # never NaN
