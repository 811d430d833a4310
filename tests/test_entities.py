"""Entities: NER mentions merged by alias inside one article."""

from __future__ import annotations

import pytest

from presslens import nlp as presslens_nlp
from presslens.extract.entities import find_entities
from presslens.schema import Entity


@pytest.fixture(scope="module")
def nlp():
    return presslens_nlp.load()


@pytest.fixture(scope="module")
def entities_of(nlp):
    def run(text: str) -> list[Entity]:
        found = find_entities(nlp(text))
        for e in found:
            for m in e.mentions:
                assert text[m.start : m.end] == m.text
        return found

    return run


def by_name(found: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in found}


TEXT = (
    "German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on Monday. "
    "Merkel said the European Union must act together. The EU has 27 members. "
    "Chancellor Merkel added that Siemens AG would help, and Siemens confirmed it. "
    "Democrats and Republicans reacted in the U.S. on Tuesday. The United States will respond."
)


def test_ids_follow_first_mention(entities_of):
    found = entities_of(TEXT)
    assert [e.id for e in found] == [f"e{i}" for i in range(1, len(found) + 1)]
    firsts = [e.mentions[0].start for e in found]
    assert firsts == sorted(firsts)


def test_person_aliases_merge_and_titles_are_dropped(entities_of):
    people = by_name(entities_of(TEXT))
    merkel = people["Angela Merkel"]
    assert merkel.kind == "person"
    assert [m.text for m in merkel.mentions] == ["Angela Merkel", "Merkel", "Merkel"]
    assert "Merkel" in merkel.aliases and "Chancellor Merkel" in merkel.aliases
    assert "Emmanuel Macron" in people and "Macron" not in people


def test_organisation_acronym_and_short_form(entities_of):
    found = by_name(entities_of(TEXT))
    eu = found["European Union"]
    assert eu.kind == "organization"
    assert "EU" in eu.aliases
    siemens = found["Siemens AG"]
    assert [m.text for m in siemens.mentions] == ["Siemens AG", "Siemens"]


def test_places_and_groups(entities_of):
    found = by_name(entities_of(TEXT))
    assert found["Berlin"].kind == "place"
    assert found["United States"].kind == "place"
    assert "U.S." in found["United States"].aliases
    assert found["Democrats"].kind == "group"
    assert "German" not in found and "French" not in found  # adjectives are not groups


def test_shared_surname_goes_to_the_latest_holder(entities_of):
    found = entities_of("Bill Clinton and Hillary Clinton spoke in Iowa. Clinton said the race was close.")
    people = by_name(found)
    assert [m.text for m in people["Hillary Clinton"].mentions] == ["Hillary Clinton", "Clinton"]
    assert [m.text for m in people["Bill Clinton"].mentions] == ["Bill Clinton"]


def test_surname_first_then_full_name(entities_of):
    found = entities_of("Rashford scored twice. Marcus Rashford later said he was tired.")
    people = [e for e in found if e.kind == "person"]
    assert len(people) == 1
    assert people[0].name == "Marcus Rashford"


def test_empty_text(entities_of):
    assert entities_of("") == []


def test_title_and_name_tagged_as_an_organisation_is_a_person(nlp):
    from spacy.tokens import Span as SpacySpan

    text = ('"The bridge reopens in May," Mayor Elena Vasquez said. The Finance Ministry and Mayor Office agreed, '
            'and so did Judge Rotenberg Center.')
    doc = nlp(text)
    words = [t.text for t in doc]
    mayor, ministry, office = words.index("Mayor"), words.index("Finance"), words.index("Office") - 1
    judge = words.index("Judge")
    # the small model tags "Mayor Elena Vasquez" as ORG or WORK_OF_ART: set the tags that way
    doc.ents = [SpacySpan(doc, mayor, mayor + 3, label="WORK_OF_ART"), SpacySpan(doc, ministry, ministry + 2, label="ORG"),
                SpacySpan(doc, office, office + 2, label="ORG"), SpacySpan(doc, judge, judge + 3, label="ORG")]
    assert words[office:office + 2] == ["Mayor", "Office"]
    kinds = {e.name: e.kind for e in find_entities(doc)}
    assert kinds == {"Elena Vasquez": "person", "Finance Ministry": "organization", "Mayor Office": "organization",
                     "Judge Rotenberg Center": "organization"}


def test_a_name_ends_at_a_comma_and_starts_at_its_first_capital(entities_of):
    found = by_name(entities_of(
        "According to a new report by Politico, Democratic party insiders are trying to mobilize voters. "
        "The federal Securities and Exchange Commission sued the developer on Monday."
    ))
    assert found["Politico"].kind == "organization"
    assert found["Securities and Exchange Commission"].kind == "organization"
    assert not any("," in name or name.startswith("federal") for name in found)


def test_a_dash_before_a_signature_is_not_part_of_the_name(nlp):
    from spacy.tokens import Span as SpacySpan

    from presslens.extract.name_forms import clean_name

    doc = nlp("“We are hard-working people.” ― Carla Sanchez, Phoenix")
    start = next(t.i for t in doc if t.text.endswith("―"))
    assert clean_name(SpacySpan(doc, start, start + 3, label="PERSON"), "person") == "Carla Sanchez"


def test_a_title_case_headline_word_glued_to_a_name_is_not_part_of_it(entities_of):
    text = (
        "Moments After This Senator Endorsed Trump, His Party Did Something Strange\n"
        "Alabama Sen. Jeff Sessions endorsed Donald Trump on Sunday. Trump thanked him at a rally."
    )
    found = by_name(entities_of(text))
    assert "Endorsed Trump" not in found
    assert found["Donald Trump"].kind == "person"
    assert text.index("Trump,") in [m.start for m in found["Donald Trump"].mentions]  # the headline's "Trump"


def test_a_given_name_in_a_title_case_headline_stays_when_the_body_writes_only_the_surname(entities_of):
    text = (
        "Hillary Clinton Goes After Donald Trump In First Debate\n"
        "The Democratic nominee attacked Trump on Monday. Clinton said his plans would hurt workers."
    )
    found = by_name(entities_of(text))
    assert set(found) >= {"Hillary Clinton", "Donald Trump"}
    assert "Clinton" in found["Hillary Clinton"].aliases


def test_an_owner_before_a_possessive_is_split_from_the_persons_name(entities_of):
    text = "An article by National Review’s Ian Tuttle criticised the senator. Tuttle wrote that the party had lost."
    found = by_name(entities_of(text))
    assert found["Ian Tuttle"].kind == "person"
    assert "National Review’s Ian Tuttle" not in found


def test_a_lone_given_name_coordinated_with_a_full_name_shares_its_surname(entities_of):
    text = "Khizr and Ghazala Khan spoke at the convention in July. Khizr Khan said they felt compelled to speak."
    found = by_name(entities_of(text))
    assert {"Khizr Khan", "Ghazala Khan"} <= set(found)
    assert "Khizr" not in found


def test_an_organisation_for_another_is_one_name(entities_of):
    text = "A panel of the U.S. Court of Appeals for the Sixth Circuit ruled on Friday. IBM for Canada agreed."
    names = set(by_name(entities_of(text)))
    assert "U.S. Court of Appeals for the Sixth Circuit" in names
    assert "U.S. Court of Appeals" not in names and "Sixth Circuit" not in names


def test_the_first_word_of_a_companys_name_stays_the_company_when_tagged_a_person(entities_of):
    text = "Kestrel Motor Works recalled 40,000 trucks. Kestrel said the fault was rare. Critics said Kestrel knew."
    found = entities_of(text)
    assert [(e.name, e.kind) for e in found if e.kind != "place"] == [("Kestrel Motor Works", "organization")]
    assert len(found[0].mentions) == 3


def test_a_speech_verb_opening_the_sentence_is_no_part_of_the_speakers_name(entities_of):
    text = 'Stated Stone in an interview: "I never met him." Roger Stone has long advised the campaign.'
    found = by_name(entities_of(text))
    assert set(found) == {"Roger Stone"}
    assert len(found["Roger Stone"].mentions) == 2


def test_a_given_name_and_a_word_the_ner_elsewhere_takes_alone_for_a_person_is_a_person(entities_of):
    text = (
        "During an interview with Sean Hannity that aired Wednesday night, Donald Trump discussed the wall. "
        '"It could be higher," he told Hannity.'
    )
    found = by_name(entities_of(text))
    assert found["Sean Hannity"].kind == "person"
    assert "Hannity" in found["Sean Hannity"].aliases


def test_a_spaced_dash_ends_a_name(entities_of):
    text = (
        "Deborah Jordan Reynolds - Santilli's girlfriend and co-host on his channel - spoke on Friday. "
        "Reynolds said the show would go on."
    )
    found = by_name(entities_of(text))
    assert "Deborah Jordan Reynolds" in found
    assert not [name for name in found if "Santilli" in name and "Reynolds" in name]


def test_a_french_body_name_with_an_adjective_before_its_joint(entities_of):
    # "Tribunal" alone is what the NER tags; the adjective no English dictionary knows and the joint
    # after it continue the name ("Commission scolaire de Montréal" likewise)
    text = (
        "MONTREAL — A landlord must repay 14 tenants.\n\n"
        "In its decision, the Tribunal administratif du logement said the renovations were a pretext. "
        "The Commission scolaire de Montréal said classes would resume."
    )
    found = by_name(entities_of(text))
    tribunal = found["Tribunal administratif du logement"]
    assert tribunal.kind == "organization"
    start = text.index("Tribunal")
    assert [(m.start, m.end) for m in tribunal.mentions] == [(start, start + len("Tribunal administratif du logement"))]
    assert found["Commission scolaire de Montréal"].kind == "organization"
    assert by_name(entities_of("The Tribunal ruled on Monday."))["Tribunal"].kind == "organization"
