"""Issue 19, parc profile recall: headline lines "X: Y" with any label, and the objects of listed
verbs that only the learned cue model reads ("discussed the deal"). The speech profile reads neither.
One short article per shape, with exact content offsets, type, act, cue and source."""

from __future__ import annotations

from dataclasses import replace

from presslens.extract.attribution import find_attributions
from presslens.extract.attribution.context import LEXICONS
from presslens.extract.attribution.learned_cues import load_cue_model, unread_object


def found(nlp, text: str, profile: str = "speech", **kw) -> list[tuple]:
    """(type, act, cue, content start, content end, source mention) of each attribution."""
    out = []
    for a in find_attributions(nlp(text), profile=profile, **kw):
        mention = a.source.mention.text if a.source.mention else None
        out.append((a.type, a.act, a.cue.text if a.cue else None, a.content.start, a.content.end, mention))
    return out


def test_a_headline_label_is_a_source_in_the_parc_profile(nlp):
    text = "Poll: Trump Ties Clinton in Florida\n\nThe race is close."
    assert text[6:35] == "Trump Ties Clinton in Florida"
    assert found(nlp, text, "parc") == [("indirect", "stance", ":", 6, 35, "Poll")]
    assert found(nlp, text) == []


def test_a_headline_without_a_verb_after_a_name_is_a_statement_in_the_parc_profile(nlp):
    text = "Lynch: No outside influence on FBI probe\n\nThe attorney general spoke on Tuesday."
    assert text[7:40] == "No outside influence on FBI probe"
    assert found(nlp, text, "parc") == [("indirect", "stance", ":", 7, 40, "Lynch")]


def test_a_headline_kicker_is_no_source(nlp):
    assert found(nlp, "Analysis: The race is tightening\n\nThe race is close.", "parc") == []


def test_a_label_in_the_body_still_needs_a_name_and_a_verb(nlp):
    text = "The markets were calm.\n\nLater in the day, the euro fell.\n\nCURRENCIES: The dollar weakened."
    assert [r for r in found(nlp, text, "parc") if r[2] == ":"] == []


def test_a_section_heading_in_the_body_is_no_source_even_when_tagged_a_name(nlp):
    text = (
        "City Budget Stalls Again\n\nThe council met for six hours on Monday.\n\n"
        "Union Power Slows Reform Efforts: The council has missed its own deadline for the third year, "
        "and the new budget is still months away."
    )
    assert [r for r in found(nlp, text, "parc") if r[2] == ":"] == []


def test_the_model_reads_the_object_of_a_listed_verb(nlp):
    text = "The two leaders discussed the new trade agreement at length on Tuesday."
    assert text[26:49] == "the new trade agreement"
    # the verb part alone (the end part, learned_ends, runs this content on to the sentence's end: a
    # known error, see docs/attribution.md)
    verbs_only = replace(load_cue_model(), ends=None)
    assert found(nlp, text, "parc", cue_model=verbs_only) == [
        ("indirect", "stance", "discussed", 26, 49, "The two leaders")
    ]
    assert found(nlp, text, "parc", learned_cues=False) == []
    assert found(nlp, text) == []


def test_unread_object(nlp):
    objects = LEXICONS["parc"].objects
    doc = nlp("The leaders discussed the deal. She said that the deal was done. He praised the plan.")
    verbs = {t.text: unread_object(t, objects) for t in doc if t.pos_ == "VERB"}
    # "said" takes a clause and "praised" is an objects verb the rules read already
    assert verbs == {"discussed": True, "said": False, "done": False, "praised": False}


def test_a_view_of_the_object_as_something_is_a_stance(nlp):
    text = (
        "Many rural voters see the carbon tax as a burden on their families. He views the deal as a mistake."
    )
    assert (text[22:66], text[77:98]) == (
        "the carbon tax as a burden on their families",
        "the deal as a mistake",
    )
    assert found(nlp, text, "parc") == [
        ("indirect", "stance", "see", 22, 66, "Many rural voters"),
        ("indirect", "belief", "views", 77, 98, "He"),
    ]
    assert found(nlp, text) == []


def test_seems_with_a_predicate_or_a_clause_is_a_stance(nlp):
    text = "The premier seemed unusually relaxed. It appears that the talks have stalled."
    assert (text[0:36], text[49:76]) == (
        "The premier seemed unusually relaxed",
        "that the talks have stalled",
    )
    assert found(nlp, text, "parc") == [
        ("indirect", "stance", "seemed", 0, 36, None),
        ("indirect", "stance", "appears", 49, 76, None),
    ]
    assert found(nlp, text) == []


def test_a_poll_opening_its_sentence_reports_the_rest(nlp):
    text = "In a new Angus Reid poll, the Liberals hold a six-point lead. The Liberals lead in the polls."
    assert text[26:60] == "the Liberals hold a six-point lead"
    assert found(nlp, text, "parc") == [("indirect", "stance", "In", 26, 60, "a new Angus Reid poll")]
    assert found(nlp, text) == []


def test_a_person_named_by_their_stance_is_its_source(nlp):
    text = "Mr. Ryan is a vocal advocate of free trade. Adelson, a fierce critic of the deal, gave money."
    assert text[32:42] == "free trade"
    # an apposition is left out: PolNeAR rarely marks it
    assert found(nlp, text, "parc") == [("indirect", "stance", "is a vocal advocate of", 32, 42, "Mr. Ryan")]
    assert found(nlp, text) == []
