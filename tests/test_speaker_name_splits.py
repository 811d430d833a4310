"""Long names the small NER model splits in two or stops short of: several given names, then two
family names ("Andrés Felipe Quintero Salcedo"), or a Malay honorific and three names. Each article
is written for its test (``nlp`` in ``conftest.py``)."""

from __future__ import annotations

import pytest
from spacy.tokens import Span as SpacySpan

from presslens.extract.entities import find_entities


def people(doc) -> list[str]:
    return [e.name for e in find_entities(doc) if e.kind == "person"]


def test_two_people_tagged_side_by_side_are_one_name(nlp):
    doc = nlp(
        "BOGOTA, Colombia (AP) — The city's first metro line will open two years late.\n\n"
        "Mayor Andrés Felipe Quintero Salcedo said the line would open in 2028."
    )
    assert people(doc) == ["Andrés Felipe Quintero Salcedo"]


def test_a_name_word_the_ner_left_between_two_halves_joins_them(nlp):
    doc = nlp(
        "KOTA KINABALU, May 3 (Bernama) -- Repairs at 120 schools in Sabah will begin next month.\n\n"
        "Sabah Education Minister Datuk Rayner Gumbaru Sintai said 120 schools needed repairs."
    )
    assert "Rayner Gumbaru Sintai" in people(doc)


def test_family_names_after_given_names_the_ner_stopped_at_are_the_name(nlp):
    text = "Agriculture Undersecretary Maria Cristina Villanueva Ocampo said the curb would last a month."
    doc = nlp(text)
    start = [t.text for t in doc].index("Maria")
    # the small model tags only "Maria Cristina": set the tags that way
    doc.ents = [SpacySpan(doc, start, start + 2, label="PERSON")]
    assert people(doc) == ["Maria Cristina Villanueva Ocampo"]


def test_a_headline_verb_after_a_name_is_no_family_name(nlp):
    # a guard: "Clinton" is a given name too, and "Goes" no English word by the lemmatizer's list
    doc = nlp("Hillary Clinton Goes After Donald Trump As The New Mitt Romney\n\nShe spoke in Ohio on Monday.")
    assert "Hillary Clinton" in people(doc)


def test_a_ministrys_field_after_and_that_the_ner_took_for_a_person_is_part_of_its_name(nlp):
    text = (
        "NUKU'ALOFA, Tonga — Schools in Tonga have lost 60 teachers to Australia this year.\n\n"
        "The Ministry of Education and Training said in a statement it had recruited 31 retired teachers."
    )
    doc = nlp(text)
    start = [t.text for t in doc].index("Ministry")
    # the small model tags "Training" a person and the ministry not at all: set the tags that way
    doc.ents = [SpacySpan(doc, start, start + 3, label="ORG"), SpacySpan(doc, start + 4, start + 5, label="PERSON")]
    found = {e.name: e.kind for e in find_entities(doc)}
    assert found.get("Ministry of Education and Training") == "organization"
    assert "Training" not in found


def test_a_family_name_the_ner_tagged_an_organisation_after_the_given_names_joins_them(nlp):
    doc = nlp(
        "BOGOTA, Colombia (AP) — Commuters are tired of waiting for the metro.\n\n"
        '"They told my father it would be ready. Now they tell me," said Yeimy Carolina Torres Gómez, a '
        "34-year-old nurse who takes two buses to reach the hospital where she works."
    )
    assert people(doc) == ["Yeimy Carolina Torres Gómez"]


def test_the_first_of_two_family_names_is_the_person_with_two_given_names(resolve):
    text = (
        "BOGOTA, Colombia (AP) — The city's metro will open two years late, its comptroller said.\n\n"
        "Comptroller Gustavo Adolfo Parra Mejía said the company had paid for studies it never used.\n\n"
        "Parra said his office would send the audit to prosecutors."
    )
    names = [a.source.name for a in resolve(text)]
    assert names[-1] == "Gustavo Adolfo Parra Mejía"


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("Yasmany Ferrer Olivera", "Ferrer"),  # a given name on no list
        ("Yokasta Almonte de Peguero", "Almonte"),  # "de" before the second family name
        ("Francisco Javier Rosario Abreu", "Rosario"),  # a family name that is also a given name
    ],
)
def test_the_first_of_two_family_names_however_the_given_names_look(resolve, full, short):
    text = (
        "SANTO DOMINGO (AP) — The academy will lose its licence, the sports ministry said.\n\n"
        f"{full} said on Tuesday that the ministry had found forged birth certificates.\n\n"
        f"{short} said the players would be allowed to finish the season."
    )
    assert [a.source.name for a in resolve(text)][-1] == full


def test_santa_abbreviated_opens_a_place_name_not_a_sentence(nlp):
    doc = nlp("MANILA — The San Lazaro Hospital in Sta. Cruz, Manila, has opened a temporary ward.")
    kinds = {e.name: e.kind for e in find_entities(doc)}
    assert "Cruz" not in kinds and kinds.get("Sta. Cruz") == "place"


def test_a_title_and_a_given_name_before_a_name_tagged_an_organisation_make_one_person(nlp):
    doc = nlp(
        "SAO PAULO (AP) — Two founders of a crypto firm were convicted of fraud on Tuesday.\n\n"
        "Judge Ana Cristina Moura Bittencourt of the 2nd Federal Criminal Court sentenced them to 14 years."
    )
    assert "Ana Cristina Moura Bittencourt" in people(doc)


def test_a_four_word_name_after_a_title_with_its_field_is_whole(resolve):
    # the parser ends a sentence before "Nguyễn", and the NER misses the name
    text = (
        "HÀ NỘI (VNA) – Deputies on Thursday discussed the draft Law on Disease Prevention.\n\n"
        "Presenting the Government's report on the bill, Minister of Health Nguyễn Thị Thu Hà said the draft law "
        "would replace the 2007 law.\n\n"
        "She added that the State would cover the full cost of vaccines."
    )
    assert [a.source.name for a in resolve(text)] == ["Nguyễn Thị Thu Hà", "Nguyễn Thị Thu Hà"]


def test_a_given_name_tagged_a_nationality_opens_the_name_and_its_end_is_the_person(resolve):
    text = (
        "HAVANA (AP) — A tanker carrying diesel docked on Sunday.\n\n"
        "Cuban economist Idalmis Cabrera Quesada, who teaches at a university in Spain, said the island's power "
        "plants were more than 40 years old.\n\n"
        '"Even with all the fuel in the world, Cuba would still have blackouts," Cabrera Quesada said.'
    )
    assert [a.source.name for a in resolve(text)] == ["Idalmis Cabrera Quesada", "Idalmis Cabrera Quesada"]


def test_a_family_name_tagged_a_place_before_who_is_a_person_with_the_given_name(resolve):
    text = (
        "KIRUNA, Sweden — The iron ore railway will stay closed for five weeks.\n\n"
        "Seppo Niemi, who heads the rail workers' union branch in Kiruna, said the derailment was a warning.\n\n"
        "He said drivers had reported cracked sleepers for two years."
    )
    assert [a.source.name for a in resolve(text)] == ["Seppo Niemi", "Seppo Niemi"]
