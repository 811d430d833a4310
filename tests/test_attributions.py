"""Attribution extraction: one short article per pattern, checked to the character."""

from __future__ import annotations

import pytest

from presslens import nlp as presslens_nlp
from presslens.extract.attribution import find_attributions, find_quotes
from presslens.schema import Attribution


@pytest.fixture(scope="module")
def nlp():
    return presslens_nlp.load()


@pytest.fixture(scope="module")
def extract(nlp):
    def run(text: str) -> list[Attribution]:
        doc = nlp(text)
        found = find_attributions(doc)
        check_offsets(text, found)
        return found

    return run


def check_offsets(text: str, found: list[Attribution]) -> None:
    starts = [a.content.start for a in found]
    assert starts == sorted(starts)
    for a in found:
        for span in (a.content, a.cue, a.source.mention):
            if span is not None:
                assert 0 <= span.start < span.end <= len(text)
                assert text[span.start : span.end] == span.text
        assert a.source.name is None and a.source.entity is None
    for x, y in zip(found, found[1:], strict=False):
        assert x.content.end <= y.content.start, "contents overlap"


def one(found: list[Attribution]) -> Attribution:
    assert len(found) == 1, [(a.cue and a.cue.text, a.content.text) for a in found]
    return found[0]


def summary(a: Attribution) -> tuple[str, str | None, str | None, str]:
    return (
        a.type,
        a.source.mention.text if a.source.mention else None,
        a.cue.text if a.cue else None,
        a.content.text,
    )


# ----------------------------------------------------------------------------- direct quotes


def test_direct_speaker_after(extract):
    a = one(extract('"We will win this election," Merkel said on Monday.'))
    assert summary(a) == ("direct", "Merkel", "said", "We will win this election")


def test_direct_inverted_speaker(extract):
    a = one(extract("“It was a difficult night for us,” said the coach, who has been in charge since May."))
    assert summary(a) == ("direct", "the coach", "said", "It was a difficult night for us")


def test_direct_speaker_before_with_colon(extract):
    a = one(extract('The finance minister said: "The budget is balanced. We will not raise taxes."'))
    assert summary(a) == (
        "direct",
        "The finance minister",
        "said",
        "The budget is balanced. We will not raise taxes.",
    )


def test_split_quote_gives_two_attributions_with_one_cue(extract):
    text = '"Part one of the plan is ready," he said, "and part two follows next week."'
    found = extract(text)
    assert [summary(a) for a in found] == [
        ("direct", "he", "said", "Part one of the plan is ready"),
        ("direct", "he", "said", "and part two follows next week."),
    ]
    assert found[0].cue == found[1].cue


def test_short_split_quote(extract):
    found = extract('"Part one," he said, "part two."')
    assert [a.content.text for a in found] == ["Part one", "part two."]
    assert {a.cue.start for a in found} == {found[0].cue.start}


def test_multi_paragraph_quote_is_one_attribution(extract):
    text = (
        'The mayor said: "The first part of my plan is to fix the roads.\n\n'
        '"The second part is to open the schools on time.\n\n'
        '"And the last part is to balance the budget."\n\nCouncillors did not respond.'
    )
    a = one(extract(text))
    assert a.type == "direct"
    assert a.source.mention.text == "The mayor"
    assert a.content.text.startswith("The first part")
    assert a.content.text.endswith("balance the budget.")


def test_quote_paragraph_takes_previous_speaker(extract):
    text = (
        "Merkel said the coalition would survive the dispute.\n\n"
        "“We are confident about this,” she added.\n\n"
        "“Nobody should doubt our resolve.”"
    )
    found = extract(text)
    assert [summary(a) for a in found] == [
        ("indirect", "Merkel", "said", "the coalition would survive the dispute"),
        ("direct", "she", "added", "We are confident about this"),
        ("direct", "she", None, "Nobody should doubt our resolve."),
    ]


def test_next_quote_in_same_paragraph_repeats_the_cue(extract):
    found = extract("“It was a fair result,” the manager said. “We move on to the next game.”")
    assert [summary(a) for a in found] == [
        ("direct", "the manager", "said", "It was a fair result"),
        ("direct", "the manager", "said", "We move on to the next game."),
    ]


def test_scare_quotes_titles_and_nicknames_are_not_attributions(extract):
    text = (
        'The so-called "reform" passed the lower house. '
        'Critics watched the film "Jaws" at the festival. '
        'Dwayne "The Rock" Johnson arrived late.'
    )
    assert extract(text) == []


def test_single_curly_quotes_and_apostrophes(extract):
    text = "Don’t expect miracles, the report warned. ‘We are not there yet,’ the minister’s aide said."
    found = extract(text)
    aide = [a for a in found if a.type == "direct"]
    assert [summary(a) for a in aide] == [("direct", "the minister’s aide", "said", "We are not there yet")]


def test_two_straight_single_marks_act_as_double_quotes(extract):
    a = one(extract("''We need Chapter 9,'' said Ms. Acosta."))
    assert summary(a) == ("direct", "Ms. Acosta", "said", "We need Chapter 9")


def test_dash_signed_quote(extract):
    a = one(extract("“He has spread fear and nothing else.” ― Maria Lopez\n"))
    assert summary(a) == ("direct", "Maria Lopez", "―", "He has spread fear and nothing else.")


def test_statement_cue_before_colon_quote(extract):
    a = one(extract("In a statement, the Health Ministry said: “The situation is under control.”"))
    assert summary(a) == ("direct", "the Health Ministry", "said", "The situation is under control.")


def test_statement_cue_after_quote_leaves_out_the_date(extract):
    a = one(extract("“We will appeal this ruling,” the company said in a statement on Friday."))
    assert summary(a) == ("direct", "the company", "said in a statement", "We will appeal this ruling")


def test_tweeted_with_colon(extract):
    a = one(extract("Prime Minister Narendra Modi tweeted: “Congratulations to our athletes!”"))
    assert summary(a) == (
        "direct",
        "Prime Minister Narendra Modi",
        "tweeted",
        "Congratulations to our athletes!",
    )


def test_wire_dateline_is_not_the_speaker(extract):
    a = one(
        extract(
            "MOSCOW, March 3 (TASS) - Foreign Minister Sergey Lavrov said on Friday that talks were possible."
        )
    )
    assert a.source.mention.text == "Foreign Minister Sergey Lavrov"
    assert a.content.text == "that talks were possible"


# ----------------------------------------------------------------------------- indirect speech


def test_indirect_that_clause(extract):
    a = one(extract("She insisted that the talks had failed because of the other side."))
    assert summary(a) == (
        "indirect",
        "She",
        "insisted",
        "that the talks had failed because of the other side",
    )


def test_multi_word_cue_went_on_to_argue(extract):
    a = one(extract("The finance minister went on to argue that taxes must rise next year."))
    assert summary(a) == (
        "indirect",
        "The finance minister",
        "went on to argue",
        "that taxes must rise next year",
    )


def test_pointed_out_and_made_clear(extract):
    found = extract(
        "The senator pointed out that the bill had failed twice. The governor made it clear that he would veto it."
    )
    assert [(a.cue.text, a.content.text) for a in found] == [
        ("pointed out", "that the bill had failed twice"),
        ("made it clear", "that he would veto it"),
    ]


def test_according_to(extract):
    a = one(extract("According to the ministry, 40 people were arrested overnight."))
    assert summary(a) == ("indirect", "the ministry", "According to", "40 people were arrested overnight")


def test_according_to_at_the_end(extract):
    # ("according to government figures" is a figure, no statement: test_attribution_not_statements)
    a = one(extract("Unemployment fell to 4 percent in March, according to the labour ministry."))
    assert summary(a) == (
        "indirect",
        "the labour ministry",
        "according to",
        "Unemployment fell to 4 percent in March",
    )


def test_told_reporters(extract):
    a = one(extract("Smith told reporters on Tuesday that he would resign."))
    assert a.cue.text == "told reporters"
    assert a.source.mention.text == "Smith"
    assert a.content.text.endswith("that he would resign")


def test_said_in_a_statement_by_an_organisation(extract):
    a = one(extract("The company said in a statement that quarterly sales fell by 8 percent."))
    assert summary(a) == (
        "indirect",
        "The company",
        "said in a statement",
        "that quarterly sales fell by 8 percent",
    )


def test_participle_saying(extract):
    a = one(extract("The union rejected the offer on Friday, saying that it was far too low."))
    assert summary(a) == ("indirect", "The union", "saying", "that it was far too low")


def test_final_speech_clause(extract):
    a = one(extract("The economy is slowing faster than expected, he added."))
    assert summary(a) == ("indirect", "he", "added", "The economy is slowing faster than expected")


def test_parenthetical_speech_clause(extract):
    a = one(extract("The plan, the spokesman said, would be announced within weeks."))
    assert a.cue.text == "said" and a.source.mention.text == "the spokesman"
    assert a.content.text.startswith("The plan") and a.content.text.endswith("within weeks")


def test_relative_clause_speaker(extract):
    a = one(extract("Jones, who said the vote was rigged, left the hall early."))
    assert summary(a)[:3] == ("indirect", "who", "said")
    assert a.content.text == "the vote was rigged"


# ----------------------------------------------------------------------------- mixed


def test_mixed_quote_inside_reported_speech(extract):
    a = one(extract('She said the plan was "dead on arrival".'))
    assert summary(a) == ("mixed", "She", "said", 'the plan was "dead on arrival"')


def test_quoted_fragment_before_the_speaker(extract):
    a = one(extract("The bill's failure was “heartbreaking,” the senator said."))
    assert a.type == "mixed"
    assert a.content.text.startswith("The bill's failure was “heartbreaking")
    assert a.source.mention.text == "the senator"


# ----------------------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "text",
    [
        "",
        '"',
        "“",
        '" " " "',
        "He said “ and then nothing",
        "A stray close” appears, she said.",
        "“Opened\n\nnever closed, and a new paragraph without marks.",
        'The 12" pipe and the 5\'10" player, he said.',
        "'90s rock 'n' roll was great, the critic said.",
        "““Double opening marks,” he said.",
    ],
)
def test_unbalanced_marks_never_raise(extract, text):
    extract(text)  # offsets are checked inside


def test_find_quotes_pairs_curly_and_straight_marks():
    text = 'He said "yes" and she said “no”.'
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["yes", "no"]


def test_find_quotes_skips_apostrophes():
    text = "It’s the people’s choice, and they don’t care about the ‘elite’ view."
    assert [text[q.start : q.end] for q in find_quotes(text)] == ["elite"]


# ----------------------------------------------------------------------------- profiles


def test_speech_profile_ignores_beliefs_and_stances(extract):
    text = "The governor endorsed Senator Cruz on Monday. Voters believe that the economy is weak."
    assert extract(text) == []


def test_parc_profile_adds_beliefs_and_stances(nlp):
    text = "The governor endorsed Senator Cruz on Monday. Voters believe that the economy is weak."
    found = find_attributions(nlp(text), profile="parc")
    check_offsets(text, found)
    assert [summary(a) for a in found] == [
        ("indirect", "The governor", "endorsed", "Senator Cruz"),
        ("indirect", "Voters", "believe", "that the economy is weak"),
    ]


def test_unknown_profile_is_rejected(nlp):
    with pytest.raises(ValueError):
        find_attributions(nlp("He said so."), profile="everything")
