"""Names after the place of a post ("Ambassador to Nigeria Liang Jianhua"): the place is no part of
the name, however the NER cuts it. Each article is written for its test (``nlp`` in ``conftest.py``)."""

from __future__ import annotations

from presslens.extract.entities import find_entities


def test_the_place_of_an_ambassadors_post_is_no_given_name_the_ner_left_out(nlp):
    doc = nlp(
        "ABUJA, Jan. 9 (Xinhua) -- China and Nigeria renewed a currency swap line on Thursday.\n\n"
        "Chinese Ambassador to Nigeria Liang Jianhua said the agreement would make trade cheaper for "
        "businesses in both countries."
    )
    people = [e.name for e in find_entities(doc) if e.kind == "person"]
    assert people == ["Liang Jianhua"]


def test_a_place_and_name_tagged_one_organisation_after_a_post_is_the_person(nlp):
    doc = nlp(
        "ANKARA, March 4 (AA) - Türkiye and Ghana signed a deal on drones on Tuesday.\n\n"
        "Speaking at the ceremony, Ghana's Ambassador to Türkiye Abena Owusu-Sekyere said the deal would "
        "strengthen ties between the two countries."
    )
    kinds = {e.name: e.kind for e in find_entities(doc)}
    assert kinds.get("Abena Owusu-Sekyere") == "person"
    assert not any("Türkiye Abena" in name for name in kinds)
