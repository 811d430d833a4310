"""Issue 19: what the outlet-style annotators count as no statement in the speech profile, though
PolNeAR annotates it (so the parc profile keeps it): declining to comment, "according to" data,
a forecast that "calls for" something, "asked about" a topic; and the reverse, "Asked whether …"
with no asker named, which they count. One short article per shape."""

from __future__ import annotations

from conftest import attribution_rows as found
from presslens.extract.attribution import find_attributions


def test_declining_to_comment_is_no_statement(nlp):
    text = (
        "The port authority declined to comment on whether it had received more bookings. "
        "A union official said the strike would go on."
    )
    assert text[103:125] == "the strike would go on"
    assert found(nlp, text) == [("indirect", "said", 103, 125, "A union official")]
    # PolNeAR annotates it, so the parc profile keeps it, but not as speech
    parc = find_attributions(nlp(text), profile="parc")
    assert [(a.content.text, a.act) for a in parc][0] == (
        "to comment on whether it had received more bookings",
        "stance",
    )


def test_refusing_to_elaborate_is_no_statement(nlp):
    assert found(nlp, "The minister refused to elaborate.") == []
    assert found(nlp, "He declined to say on what grounds. She declined to name them.") == []


def test_according_to_data_is_no_statement(nlp):
    text = (
        "Container rates have risen by about 8% since the start of the month, according to data from "
        "the freight platform Xeneta. Rates rose 3%, according to the shipping minister."
    )
    assert text[121:134] == "Rates rose 3%"
    assert found(nlp, text) == [("indirect", "according to", 121, 134, "the shipping minister")]
    # PolNeAR marks figures too: the parc profile keeps both
    assert len(find_attributions(nlp(text), profile="parc")) == 2


def test_a_forecast_that_calls_for_rain_is_no_statement(nlp):
    text = "The latest outlook from the climate centre calls for heavy rain. The mayor called for calm."
    assert text[86:90] == "calm"
    assert found(nlp, text) == [("indirect", "called for", 86, 90, "The mayor")]


def test_asked_about_a_topic_is_no_question(nlp):
    text = "The spokesperson was asked about the remarks. Gurung asked about the talks."
    assert found(nlp, text) == []


def test_a_question_put_by_someone_not_named_is_a_statement(nlp):
    # the reverse shape: "Asked whether …" has content, so it counts, with no source
    text = "Asked whether she would ask the mayor to resign, Coun. Lee said the decision was for voters."
    assert (text[6:47], text[64:91]) == (
        "whether she would ask the mayor to resign",
        "the decision was for voters",
    )
    assert found(nlp, text) == [
        ("indirect", "Asked", 6, 47, None),
        ("indirect", "said", 64, 91, "Coun. Lee"),
    ]


def test_who_may_not_speak_and_a_reduced_passive_are_no_statements(nlp):
    text = (
        "Magnitude 5.9 earthquake shakes western Turkey, no deaths reported\n\n"
        "An official, who was not authorized to speak publicly about the plan, said the cuts would be deep."
    )
    assert text[143:165] == "the cuts would be deep"
    assert found(nlp, text) == [("indirect", "said", 143, 165, "An official")]


def test_a_verdict_with_a_complement_is_no_statement(nlp):
    text = "Jury finds man guilty of murdering Logan mother\n\nThe jury found him guilty on Friday."
    assert found(nlp, text) == []


def test_a_label_before_a_colon_is_not_the_content_of_the_verb_after(nlp):
    text = "READ MORE: Premier says deal with teachers 'within reach'\n\nParents scrambled to find care."
    assert all(text[a:b] != "READ MORE" for _, _, a, b, _ in found(nlp, text))
