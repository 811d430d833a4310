"""Issue 20, item 3: statement dates from the time expression governing the cue, one sentence per pattern."""

from __future__ import annotations

import pytest

from presslens.extract.dates import date_attributions, find_dates
from presslens.schema import Attribution, Source, Span

PUB = "2018-06-20"  # a Wednesday


def said_on(nlp, text: str, content: str, cue: str, published: str | None = PUB) -> tuple[str | None, bool]:
    doc = nlp(text)
    c = text.index(content)
    q = text.index(cue)
    att = Attribution("indirect", Span.of(text, c, c + len(content)), Span.of(text, q, q + len(cue)), Source(None))
    date_attributions(doc, [att], find_dates(doc, published), published)
    return att.said_on, att.said_on_from_text


@pytest.mark.parametrize(
    ("text", "content", "cue", "expected"),
    [
        # a fronted month governing a verb the cue is conjoined with, resolved to the past
        ("In December, the president flew to the base and declared the mission accomplished.",
         "the mission accomplished", "declared", "2017-12"),
        # a fronted weekday on the cue verb itself
        ("On Sunday, the coach told reporters that the season was over.", "that the season was over", "told", "2018-06-17"),
        # a weekday right after the cue verb
        ("The governor said Monday that the roads would reopen.", "that the roads would reopen", "said", "2018-06-18"),
        # a relative year opening the sentence
        ("Last year the mayor promised that the bridge would open.", "that the bridge would open", "promised", "2017"),
        # a month after the cue verb
        ("Officials said in March that the fund was empty.", "that the fund was empty", "said", "2018-03"),
        # an explicit day
        ("On May 3, 2018, the ministry announced that fares would rise.", "that fares would rise", "announced",
         "2018-05-03"),
        # an xcomp chain: the date governs "went on", the cue is "to say"
        ("On Friday the chief went on to say that no one was hurt.", "that no one was hurt", "say", "2018-06-15"),
    ],
)
def test_statement_date_from_the_governing_expression(nlp, text, content, cue, expected):
    assert said_on(nlp, text, content, cue) == (expected, True)


def test_a_date_inside_the_content_is_not_used(nlp):
    assert said_on(nlp, "The clerk said the vote would be held on Friday.", "the vote would be held on Friday",
                   "said") == (PUB, False)


def test_a_date_after_publication_is_not_used(nlp):
    assert said_on(nlp, "She said next month that prices would fall.", "that prices would fall", "said") == (PUB, False)


def test_a_date_in_another_sentence_is_not_used(nlp):
    text = "Prices rose in May. The analyst said that the rise would last."
    assert said_on(nlp, text, "that the rise would last", "said") == (PUB, False)


def test_a_date_on_another_clause_is_not_used(nlp):
    text = "The firm, which was founded in 2009, said that profits fell."
    assert said_on(nlp, text, "that profits fell", "said") == (PUB, False)


def test_no_date_and_no_publication_date(nlp):
    assert said_on(nlp, "The analyst said that the rise would last.", "that the rise would last", "said",
                   None) == (None, False)
