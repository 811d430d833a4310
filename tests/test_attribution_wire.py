"""Issue 19: attribution on wire copy — datelines, participial adjuncts, relayed wishes, refusals
to comment and that-clauses the parser hangs on a place. One short article per shape, with exact
content offsets, type, cue and source."""

from __future__ import annotations

import pytest

from conftest import attribution_rows as found
from presslens.extract.attribution import find_attributions


@pytest.mark.parametrize("profile", ["speech", "parc"])
def test_the_dateline_is_not_part_of_the_content(nlp, profile):
    text = "OSLO (Reuters) - Norway will raise its fishing quotas next year, the fisheries minister said on Monday."
    assert text[17:63] == "Norway will raise its fishing quotas next year"
    assert found(nlp, text, profile) == [("indirect", "said", 17, 63, "the fisheries minister")]


def test_a_dateline_after_the_headline_is_not_part_of_the_content(nlp):
    text = (
        "Kremlin vows reply to new curbs\n\n"
        "MOSCOW (Reuters) - Russia will answer any new export curbs imposed by Japan, "
        "Kremlin spokesman Dmitry Peskov said on Tuesday."
    )
    assert text[52:108] == "Russia will answer any new export curbs imposed by Japan"
    # the headline's own statement is its verb's object ("vows reply to new curbs")
    assert found(nlp, text) == [
        ("indirect", "vows", 13, 31, "Kremlin"),
        ("indirect", "said", 52, 108, "Kremlin spokesman Dmitry Peskov"),
    ]


def test_a_participial_adjunct_with_a_place_is_not_an_attribution(nlp):
    text = (
        "OTTAWA — The minister says talks will resume.\n\n"
        "Speaking to reporters on Parliament Hill on Wednesday, Carney said the cabinet would meet again."
    )
    got = found(nlp, text)
    assert [g for g in got if g[1] != "says"] == [("indirect", "said", 114, 142, "Carney")]
    assert text[114:142] == "the cabinet would meet again"


def test_a_participial_adjunct_whose_object_is_the_statement_is_kept(nlp):
    text = "Lamenting the loss of local jobs, the workers said the plant should stay open."
    assert (text[10:32], text[51:77]) == ("the loss of local jobs", "the plant should stay open")
    assert found(nlp, text) == [
        ("indirect", "Lamenting", 10, 32, "the workers"),
        ("indirect", "said", 51, 77, "the workers"),
    ]


def test_a_participial_adjunct_about_a_topic_is_not_an_attribution(nlp):
    text = "Speaking of the strike, the mayor said the buses would run on Monday."
    # the prepositional object is a topic: only the main clause is reported speech
    assert text[39:68] == "the buses would run on Monday"
    assert found(nlp, text) == [("indirect", "said", 39, 68, "the mayor")]


@pytest.mark.parametrize("profile", ["speech", "parc"])
def test_a_wish_inside_a_statement_is_not_a_relayed_statement(nlp, profile):
    text = 'Smith said the union wanted "a contract that lasts five years."'
    assert text[11:63] == 'the union wanted "a contract that lasts five years."'
    got = found(nlp, text, profile)
    assert got[0] == ("mixed", "said", 11, 63, "Smith")
    if profile == "speech":
        assert got == [("mixed", "said", 11, 63, "Smith")]


def test_a_relayed_statement_is_still_reported(nlp):
    text = 'Officials said the ministry told them "the plant will stay open."'
    got = found(nlp, text)
    assert text[39:64] == "the plant will stay open."
    assert ("direct", "told them", 39, 64, "the ministry") in got


def test_no_response_to_a_request_for_comment_is_not_an_attribution(nlp):
    text = "A spokesman for the company did not respond to a request for comment."
    assert found(nlp, text) == []
    # PolNeAR marks it, so the parc profile keeps it, but as a stance: no speech is reported
    parc = find_attributions(nlp(text), profile="parc")
    assert [(a.cue.text, a.content.text, a.act) for a in parc] == [
        ("respond to", "a request for comment", "stance")
    ]


def test_a_negated_verb_with_a_clause_is_still_reported(nlp):
    text = "The company did not deny reports that it would close the plant."
    assert text[25:62] == "reports that it would close the plant"
    assert found(nlp, text) == [("indirect", "deny", 25, 62, "The company")]


def test_a_that_clause_hung_on_the_place_is_what_was_told(nlp):
    text = (
        "The premier told reporters at the provincial emergency operations centre "
        "that crews from four provinces were on their way."
    )
    assert text[73:121] == "that crews from four provinces were on their way"
    assert found(nlp, text) == [("indirect", "told reporters", 73, 121, "The premier")]
    text = "The mayor told residents at the community hall that the water was safe to drink."
    assert text[47:79] == "that the water was safe to drink"
    assert found(nlp, text) == [("indirect", "told residents", 47, 79, "The mayor")]
