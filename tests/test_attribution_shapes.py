"""Issue 19: one short article per shape of over- and under-detected reported speech, and of wrong
content boundaries, with exact offsets, type, cue and source."""

from __future__ import annotations

import pytest

from presslens import nlp as presslens_nlp
from presslens.extract.attribution import find_attributions


@pytest.fixture(scope="module")
def nlp():
    return presslens_nlp.load()


def found(nlp, text: str, profile: str = "speech") -> list[tuple[str, str | None, str, str | None]]:
    """(type, cue, content, source mention) of each attribution, with offsets checked against the text."""
    out = []
    for a in find_attributions(nlp(text), profile=profile):
        for span in (a.content, a.cue, a.source.mention):
            assert span is None or text[span.start : span.end] == span.text
        out.append(
            (
                a.type,
                a.cue.text if a.cue else None,
                a.content.text,
                a.source.mention.text if a.source.mention else None,
            )
        )
    return out


def test_a_topic_object_is_not_reported_speech_but_a_predicate_in_it_is(nlp):
    text = "Huawei has denied the existence of such a link. The palace had confirmed the wedding on Monday."
    assert found(nlp, text) == []
    # PARC and PolNeAR annotate noun-phrase contents: the parc profile keeps them
    assert [c for _, c, _, _ in found(nlp, text, "parc")] == ["denied", "confirmed"]
    text = "The carmaker announced plans to cut 500 jobs at its plant in Leeds."
    assert found(nlp, text) == [
        ("indirect", "announced", "plans to cut 500 jobs at its plant in Leeds", "The carmaker")
    ]


def test_a_complaint_object_is_what_was_said(nlp):
    text = "The editor lamented the loss of local newspapers across the region."
    assert found(nlp, text) == [
        ("indirect", "lamented", "the loss of local newspapers across the region", "The editor")
    ]


def test_the_writers_inference_is_not_a_report(nlp):
    text = "Analysts said the move was overdue, suggesting the bank would cut rates again."
    assert found(nlp, text) == [("indirect", "said", "the move was overdue", "Analysts")]
    text = "The rise in prices indicates that demand has recovered."
    assert found(nlp, text) == []
    text = "The governor suggested that the tax would be dropped."
    assert found(nlp, text) == [("indirect", "suggested", "that the tax would be dropped", "The governor")]


def test_asking_for_anonymity_is_not_content(nlp):
    text = "The official, who asked not to be named, said talks with the union had stalled."
    assert found(nlp, text) == [("indirect", "said", "talks with the union had stalled", "The official")]


def test_a_section_label_is_not_a_speaker_but_a_transcript_name_is(nlp):
    text = "CURRENCIES: The dollar weakened against the yen on Tuesday after the data."
    assert found(nlp, text) == []
    text = (
        "Mike Pence spoke to the host on Sunday.\n\n"
        "PENCE: We are going to win this state and we are going to win it big."
    )
    assert (
        "indirect",
        ":",
        "We are going to win this state and we are going to win it big",
        "PENCE",
    ) in found(nlp, text)


def test_sharing_news_reports_it(nlp):
    text = "The coach shared that he had been ill for months."
    assert found(nlp, text) == [("indirect", "shared", "that he had been ill for months", "The coach")]
    assert found(nlp, "The coach shared a photo of the team.") == []


def test_a_title_abbreviation_does_not_end_the_sentence(nlp):
    text = "Officials said Cpl. Anna Berg had been injured in the attack on the base."
    assert found(nlp, text) == [
        ("indirect", "said", "Cpl. Anna Berg had been injured in the attack on the base", "Officials")
    ]


def test_a_contrast_and_a_correction_stay_in_the_statement(nlp):
    text = "She said prices had risen sharply, while wages had stagnated for a decade."
    assert found(nlp, text) == [
        ("indirect", "said", "prices had risen sharply, while wages had stagnated for a decade", "She")
    ]
    text = "He said the plan would not raise taxes, but rather that it would cut them for most families."
    assert found(nlp, text) == [
        (
            "indirect",
            "said",
            "the plan would not raise taxes, but rather that it would cut them for most families",
            "He",
        )
    ]
    # a coordinated clause with its own subject is the reporter's, as before
    text = "He said the plan would not raise taxes, and the council approved it on Monday."
    assert found(nlp, text) == [("indirect", "said", "the plan would not raise taxes", "He")]


def test_a_relayed_statement_keeps_its_speaker(nlp):
    # the relay is an attribution of its own; the statement it relays keeps its speaker
    # (``relayed_by`` and the offsets: tests/test_attribution_nested.py)
    text = "According to TASS, Dujarric said the talks would resume next week."
    assert found(nlp, text) == [
        ("indirect", "According to", "Dujarric said the talks would resume next week", "TASS"),
        ("indirect", "said", "the talks would resume next week", "Dujarric"),
    ]
    text = "The company, according to a filing, said profits fell by a third."
    assert found(nlp, text)[1] == ("indirect", "said", "profits fell by a third", "The company")
    text = "According to police, the man was arrested on Friday."
    assert found(nlp, text) == [("indirect", "According to", "the man was arrested on Friday", "police")]


def test_a_quote_and_a_second_report_stay_apart(nlp):
    text = 'The minister added, "We will not give up," noting that the talks had lasted for weeks.'
    assert found(nlp, text) == [
        ("direct", "added", "We will not give up", "The minister"),
        ("indirect", "noting", "that the talks had lasted for weeks", "The minister"),
    ]


def test_the_parc_profile_learns_cue_verbs_the_lexicon_lacks(nlp):
    text = "She sings about heartbreak and small towns."
    assert found(nlp, text, "parc") == [("indirect", "sings about", "heartbreak and small towns", "She")]
    assert found(nlp, text) == []  # the speech profile never asks the model
    doc = nlp(text)
    assert find_attributions(doc, profile="parc", learned_cues=False) == []


def test_an_occasion_of_speaking_is_not_the_speaker(nlp):
    text = (
        '"We will get there together," she said at a recent news conference announcing that her '
        "department was suing the state."
    )
    assert found(nlp, text) == [
        ("direct", "said", "We will get there together", "she"),
        ("indirect", "announcing", "that her department was suing the state", "she"),
    ]
