"""Time expressions: spans, ISO values and grains, resolved against a publication date."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presslens.extract.dates import date_attributions, find_dates
from presslens.nlp import load
from presslens.schema import Attribution, DateMention, Source, Span

PUB = "2017-09-25"  # a Monday, ISO week 39


@pytest.fixture(scope="module")
def nlp():
    return load()


def dates(nlp, text: str, published: str | None = PUB) -> list[DateMention]:
    doc = nlp(text)
    found = find_dates(doc, published)
    for d in found:
        assert doc.text[d.start : d.end] == d.text
    return found


def by_text(found: list[DateMention]) -> dict[str, tuple[str | None, str | None]]:
    return {d.text: (d.value, d.grain) for d in found}


def test_contract_example_sunday_before_publication(nlp):
    found = dates(nlp, "Merkel said on Sunday that the talks had failed.")
    assert [(d.text, d.value, d.grain) for d in found] == [("Sunday", "2017-09-24", "day")]
    assert found[0].start == len("Merkel said on ")


def test_weekday_follows_tense(nlp):
    assert by_text(dates(nlp, "She will travel to Paris on Sunday."))["Sunday"] == ("2017-10-01", "day")
    assert by_text(dates(nlp, "They are holding a rally on Sunday."))["Sunday"] == ("2017-10-01", "day")
    assert by_text(dates(nlp, "The vote is expected to take place on Friday."))["Friday"] == ("2017-09-29", "day")
    assert by_text(dates(nlp, "He met them on Friday."))["Friday"] == ("2017-09-22", "day")


def test_weekday_on_publication_day_is_that_day(nlp):
    assert by_text(dates(nlp, "The minister resigned on Sunday.", "2017-09-24"))["Sunday"] == ("2017-09-24", "day")


def test_next_last_and_this_past_weekday(nlp):
    found = by_text(dates(nlp, "He left last Monday and returns next Sunday; this past Friday he rested."))
    assert found["last Monday"] == ("2017-09-18", "day")
    assert found["next Sunday"] == ("2017-10-01", "day")
    assert found["this past Friday"] == ("2017-09-22", "day")


def test_month_follows_tense(nlp):
    assert by_text(dates(nlp, "In November, turnout fell."))["November"] == ("2016-11", "month")
    assert by_text(dates(nlp, "In November, voters will choose a mayor."))["November"] == ("2017-11", "month")


def test_absolute_dates(nlp):
    found = by_text(dates(nlp, "The plant opened in June 2014, was sold on April 9, 2009 or 9 April 2009, and grew in 2014."))
    assert found == {
        "June 2014": ("2014-06", "month"),
        "April 9, 2009": ("2009-04-09", "day"),
        "9 April 2009": ("2009-04-09", "day"),
        "2014": ("2014", "year"),
    }


def test_numeric_and_iso_dates(nlp):
    found = by_text(dates(nlp, "Filed on 2017-09-12 and amended 9/14/2017, then again on 14/9/2017."))
    assert found["2017-09-12"] == ("2017-09-12", "day")
    assert found["9/14/2017"] == ("2017-09-14", "day")
    assert found["14/9/2017"] == ("2017-09-14", "day")


def test_relative_expressions(nlp):
    text = (
        "Last year prices rose. Two weeks ago she resigned. Next month they will talk again. "
        "Yesterday it rained and today it is sunny. This week matters. Last November he lost. "
        "Earlier this month and Monday night the talks stalled."
    )
    found = by_text(dates(nlp, text))
    assert found["Last year"] == ("2016", "year")
    assert found["Two weeks ago"] == ("2017-W37", "week")
    assert found["Next month"] == ("2017-10", "month")
    assert found["Yesterday"] == ("2017-09-24", "day")
    assert found["today"] == ("2017-09-25", "day")
    assert found["This week"] == ("2017-W39", "week")
    assert found["Last November"] == ("2016-11", "month")
    assert found["Earlier this month"] == ("2017-09", "month")
    assert found["Monday night"] == ("2017-09-25", "day")


def test_more_relative_expressions(nlp):
    text = "Seventy-four years ago the war ended; 22 years ago a law passed; he said so last night and this weekend."
    assert by_text(dates(nlp, "They will meet this weekend."))["this weekend"] == ("2017-W39", "week")
    found = by_text(dates(nlp, text))
    assert found["Seventy-four years ago"] == ("1943", "year")
    assert found["22 years ago"] == ("1995", "year")
    assert found["last night"] == ("2017-09-24", "day")
    assert found["this weekend"] == ("2017-W38", "week")  # past tense: the weekend just gone


def test_in_n_weeks_is_a_date_only_in_the_future(nlp):
    assert by_text(dates(nlp, "The court will rule in two weeks."))["two weeks"] == ("2017-W41", "week")
    assert all(d.value is None for d in dates(nlp, "They built it in two weeks."))


def test_without_publication_date_relative_values_are_null(nlp):
    found = by_text(dates(nlp, "Yesterday she said that in June 2014 she met him on Sunday.", None))
    assert found["Yesterday"] == (None, "day")
    assert found["Sunday"] == (None, "day")
    assert found["June 2014"] == ("2014-06", "month")


def test_malformed_publication_date_behaves_like_none(nlp):
    assert by_text(dates(nlp, "He resigned yesterday.", "2017-13-45"))["yesterday"] == (None, "day")


def test_not_dates_get_no_value(nlp):
    found = dates(nlp, "The 45-year-old served for three years, every year since the 1990s.")
    assert [(d.text, d.value, d.grain) for d in found] == [("1990s", None, None)]


def test_impossible_day_gives_null_value(nlp):
    found = by_text(dates(nlp, "The deadline was Feb. 30, the office said."))
    assert found["Feb. 30"] == (None, "day")


def test_ranges_and_parts(nlp):
    text = "The poll ran September 16-19. In late 2014 and mid-2015, and at the end of August, sales fell."
    found = by_text(dates(nlp, text))
    assert found["September 16-19"] == ("2017-09", "month")
    assert found["late 2014"] == ("2014", "year")
    assert found["mid-2015"] == ("2015", "year")
    assert found["the end of August"] == ("2017-08", "month")


def test_holidays(nlp):
    found = by_text(dates(nlp, "Voters will go to the polls on Election Day.", "2016-09-28"))
    assert found["Election Day"] == ("2016-11-08", "day")
    found = by_text(dates(nlp, "The store will close on Christmas Day 2018."))
    assert found["Christmas Day 2018"] == ("2018-12-25", "day")


def test_clock_times_have_no_value(nlp):
    found = by_text(dates(nlp, "The blast came at 3 a.m. on Sunday."))
    assert found["3 a.m."] == (None, None)
    assert found["Sunday"] == ("2017-09-24", "day")


def test_names_are_not_dates(nlp):
    found = dates(nlp, "A reporter for USA Today asked about Super Tuesday results, Theresa May said.")
    assert all(d.value is None for d in found)


def test_the_last_week_is_a_duration(nlp):
    assert all(d.value is None for d in dates(nlp, "The last week was hard for the team."))


def test_empty_and_odd_input(nlp):
    assert dates(nlp, "") == []
    assert dates(nlp, "   \n\n ") == []
    assert dates(nlp, "On 31/31/2017 and 99/99/99 nothing happened in year 99999.") is not None


# ---------------------------------------------------------------------------------------------
# said_on
# ---------------------------------------------------------------------------------------------


def attribution(text: str, content: str, cue: str | None) -> Attribution:
    cs = text.index(content)
    cue_span = None
    if cue is not None:
        qs = text.index(cue)
        cue_span = Span.of(text, qs, qs + len(cue))
    return Attribution("indirect", Span.of(text, cs, cs + len(content)), cue_span, Source(None))


def said_on(nlp, text: str, content: str, cue: str | None, published: str | None = PUB) -> tuple[str | None, bool]:
    doc = nlp(text)
    att = attribution(text, content, cue)
    date_attributions(doc, [att], find_dates(doc, published), published)
    return att.said_on, att.said_on_from_text


@pytest.mark.parametrize(
    ("text", "content", "cue", "expected"),
    [
        ("Merkel said on Sunday that the deal was dead.", "the deal was dead", "said", "2017-09-24"),
        ("The minister told reporters Tuesday that talks would resume.", "talks would resume", "told", "2017-09-19"),
        ("He said in a statement Friday that the plan failed.", "the plan failed", "said", "2017-09-22"),
        ("On Saturday, Trump said he would win.", "he would win", "said", "2017-09-23"),
    ],
)
def test_said_on_from_text(nlp, text, content, cue, expected):
    assert said_on(nlp, text, content, cue) == (expected, True)


def test_said_on_with_quote_and_no_cue(nlp):
    assert said_on(nlp, '"We will win," Trump said Friday.', "We will win,", None) == ("2017-09-22", True)


def test_date_inside_content_is_not_the_statement_date(nlp):
    assert said_on(nlp, "She said the vote took place on Sunday.", "the vote took place on Sunday", "said") == (
        PUB,
        False,
    )


def test_week_grain_is_a_statement_date(nlp):
    # issue 20, item 3: any grain with a value (a week here) beats the publication date
    assert said_on(nlp, "He said last week that prices would fall.", "prices would fall", "said") == ("2017-W38", True)


def test_said_on_without_any_date(nlp):
    assert said_on(nlp, "He said prices would fall.", "prices would fall", "said", None) == (None, False)


PIECES = ["on", "Sunday", "Feb.", "30", "31/31/2017", "2017-02-30", "last", "next", "week", "ago", "99999",
          "two", "years", "in", "November", "Christmas", "9/11", "the", "1990s", "'90s", "3", "a.m.", "mid-", "2015"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12), st.sampled_from([PUB, None, "", "0001-01-01", "9999-12-31"]))
def test_any_sequence_of_date_words_is_read_without_error(nlp, words, published):
    for d in dates(nlp, " ".join(words), published):
        assert d.grain in (None, "day", "week", "month", "year")
        assert d.value is None or d.value[:1].isdigit()


def test_words_and_clauses_that_place_a_date_before_or_near_publication(nlp):
    # published Monday 2017-09-25
    assert by_text(dates(nlp, "There have been thousands of shootings since January 1st."))["January 1st"] == (
        "2017-01-01", "day"
    )
    assert by_text(dates(nlp, "Output will grow 1.6 percent, less than forecast in November."))["November"] == (
        "2016-11", "month"
    )
    assert by_text(dates(nlp, "The council voted on Monday to raise the fare from November 1."))["November 1"] == (
        "2017-11-01", "day"
    )
    assert by_text(dates(nlp, "Their next game is Friday against the Bears."))["Friday"] == ("2017-09-29", "day")
    headline = (
        "Drought cuts wheat harvest by a fifth\n\nFarmers in the plains states will harvest about 1.1 billion "
        "bushels of wheat this year, 21% less than last year, the Agriculture Department forecast on Friday."
    )
    assert by_text(dates(nlp, headline))["Friday"] == ("2017-09-22", "day")


def test_today_in_a_capitalised_name_is_not_a_date(nlp):
    found = by_text(dates(nlp, "Donations hit $1.1 billion, a USA TODAY analysis shows. Voters went to the polls today."))
    assert "TODAY" not in found
    assert found["today"] == ("2017-09-25", "day")
