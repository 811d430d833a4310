"""Names after a post: after the place of a post ("Ambassador to Nigeria Liang Jianhua"), the place is
no part of the name, however the NER cuts it; after a title in apposition ("Minister of …, Benoît
Lévesque-Tremblay"), a name tagged an organisation is a person. Each article is written for its test
(``nlp`` in ``conftest.py``)."""

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


def test_a_name_tagged_an_organisation_in_apposition_to_a_title_is_the_person(nlp):
    doc = nlp(
        "QUEBEC — Ottawa imposed an emergency order to protect three caribou herds.\n\n"
        "Quebec's Minister of Natural Resources and Forests, Benoît Lévesque-Tremblay, called the decree an "
        "intrusion into provincial jurisdiction."
    )
    kinds = {e.name: e.kind for e in find_entities(doc)}
    assert kinds.get("Benoît Lévesque-Tremblay") == "person"


def test_a_company_named_after_a_retailer_a_spokesperson_speaks_for_stays_a_company(nlp):
    # a guard: "H&M" hangs on "retailer", under "A spokesperson for"
    doc = nlp(
        "DHAKA (AP) — Garment workers marched for higher wages on Sunday.\n\n"
        "A spokesperson for the Swedish retailer H&M, one of the largest buyers of Bangladeshi clothing, said "
        "the company supported a fair wage."
    )
    kinds = {e.name: e.kind for e in find_entities(doc)}
    assert kinds.get("H&M") == "organization"


def test_a_name_no_entity_claims_after_the_place_of_a_post_is_a_person(resolve):
    text = (
        "BUDAPEST, Nov. 8 (Xinhua) -- A Chinese battery maker opened its first European plant on Friday.\n\n"
        "Chinese Ambassador to Hungary Gong Yuxin said the project was an example of cooperation.\n\n"
        "Gong noted that Chinese companies were ready to grow with local communities."
    )
    assert [a.source.name for a in resolve(text)] == ["Gong Yuxin", "Gong Yuxin"]
