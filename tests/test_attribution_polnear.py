"""Issue 19, PolNeAR shapes of the parc profile (session 16): one short article per shape, with
exact content offsets, type, act, cue and source. The speech profile reads none of them."""

from __future__ import annotations

from conftest import attribution_acts


def found(nlp, text: str, profile: str = "parc") -> list[tuple]:
    """(type, act, cue, content start, content end, source mention) of each attribution, parc by default."""
    return attribution_acts(nlp, text, profile)


def test_the_subject_of_a_passive_stance_verb_is_its_content(nlp):
    text = "The senator has been endorsed by the state teachers union."
    assert text[0:11] == "The senator"
    assert found(nlp, text) == [
        ("indirect", "stance", "has been endorsed", 0, 11, "the state teachers union")
    ]
    assert found(nlp, text, "speech") == []


def test_a_passive_stance_verb_without_an_agent_keeps_its_complement(nlp):
    text = "Officials met on Monday. The governor was criticized for his handling of the flood."
    assert text[25:82] == "The governor was criticized for his handling of the flood"
    assert found(nlp, text) == [("indirect", "stance", "was criticized", 25, 82, None)]
    assert found(nlp, text, "speech") == []


def test_a_time_phrase_after_a_passive_stance_verb_is_no_content(nlp):
    text = "The plan was rejected by the council on Tuesday."
    assert text[0:8] == "The plan"
    assert found(nlp, text) == [("indirect", "stance", "was rejected", 0, 8, "the council")]


def test_a_passive_verb_outside_the_object_verbs_is_no_stance(nlp):
    assert found(nlp, "The bill was signed by the governor on Tuesday.") == []


def test_a_title_case_headline_verb_read_as_a_name_is_a_cue(nlp):
    text = "Glenn Beck Blasts Drudge for Mocking His Fast\n\nThe radio host was angry on Monday."
    assert text[18:45] == "Drudge for Mocking His Fast"
    assert found(nlp, text) == [("indirect", "stance", "Blasts", 18, 45, "Glenn Beck")]
    assert found(nlp, text, "speech") == []


def test_a_title_case_headline_without_a_cue_word_has_no_statement(nlp):
    assert found(nlp, "Senate Passes Budget Bill After Long Night\n\nThe vote was close.") == []


def test_a_that_clause_hung_on_the_subject_is_the_posted_statement(nlp):
    text = (
        "Okafor, who was in the chamber for the vote but did not speak to reporters, later posted on X "
        "that the council would keep working for residents."
    )
    assert text[94:143] == "that the council would keep working for residents"
    expected = [("indirect", "speech", "posted", 94, 143, "Okafor")]
    assert found(nlp, text, "speech") == expected
    assert found(nlp, text) == expected


def test_a_relative_that_after_an_object_is_no_statement(nlp):
    text = "The senator, who chairs the committee, posted a photo that showed the flooded road."
    assert found(nlp, text, "speech") == []


def test_a_second_object_hung_on_the_verb_stays_in_the_content(nlp):
    text = (
        'Okafor thanked Ottawa and "all those who worked through the night" and said the shelter would '
        "close on Friday."
    )
    assert text[15:66] == 'Ottawa and "all those who worked through the night"'
    assert text[76:109] == "the shelter would close on Friday"
    assert found(nlp, text, "speech") == [
        ("mixed", "speech", "thanked", 15, 66, "Okafor"),
        ("indirect", "speech", "said", 76, 109, "Okafor"),
    ]
