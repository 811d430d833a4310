"""Issue 19, listed speech verbs no record read (PolNeAR train, session 17 counts): one short article
per frame, with exact content offsets, type, act, cue and source, in both profiles."""

from __future__ import annotations

from conftest import attribution_acts as found


def test_a_final_speech_clause_after_a_conjunct_opened_by_but(nlp):
    text = (
        "The mill is hanging on, but it is under intense pressure from Asian imports, "
        "said the company's chief executive, Tom Smith."
    )
    assert text[0:75] == "The mill is hanging on, but it is under intense pressure from Asian imports"
    want = [("indirect", "speech", "said", 0, 75, "the company's chief executive, Tom Smith")]
    assert found(nlp, text) == want
    assert found(nlp, text, "parc") == want


def test_a_final_speech_conjunct_whose_comma_the_parser_gave_it(nlp):
    text = "The mayor was traveling to Cairo to visit her daughter Esther, the city posted on Facebook."
    assert text[0:61] == "The mayor was traveling to Cairo to visit her daughter Esther"
    want = [("indirect", "speech", "posted", 0, 61, "the city")]
    assert found(nlp, text) == want
    assert found(nlp, text, "parc") == want


def test_a_passive_speech_verb_with_a_by_agent_reports_its_subject_in_the_parc_profile(nlp):
    text = "The merger was first reported by Reuters. Shares rose."
    assert (text[0:10], text[11:29]) == ("The merger", "was first reported")
    assert found(nlp, text, "parc") == [("indirect", "stance", "was first reported", 0, 10, "Reuters")]
    assert found(nlp, text) == []


def test_a_relative_clause_calling_its_antecedent_something_in_the_parc_profile(nlp):
    text = "The senator attacked the budget, which he called a disgrace, on Monday."
    assert text[49:59] == "a disgrace"
    assert found(nlp, text, "parc") == [
        ("indirect", "stance", "attacked", 21, 31, "The senator"),
        ("indirect", "stance", "called", 49, 59, "he"),
    ]
    assert found(nlp, text) == []



def test_a_gerund_with_a_clause_in_a_complex_preposition_speaks_for_the_main_subject(nlp):
    text = "In addition to stating that the tax was unfair, the mayor vowed to cut it."
    assert (text[23:46], text[64:73]) == ("that the tax was unfair", "to cut it")
    want = [
        ("indirect", "speech", "stating", 23, 46, "the mayor"),
        ("indirect", "speech", "vowed", 64, 73, "the mayor"),
    ]
    assert found(nlp, text) == want
    assert found(nlp, text, "parc") == want


def test_a_speech_verb_about_something_in_the_parc_profile(nlp):
    text = "The mayor gushed about the new stadium on Monday. Prices rose."
    assert text[23:38] == "the new stadium"
    assert found(nlp, text, "parc") == [("indirect", "stance", "gushed about", 23, 38, "The mayor")]
    assert found(nlp, text) == []
