"""Speaker names the small NER model gets wrong, cuts short or misses: curly apostrophes, a given
name left out, a person glued to a place, an outlet followed by a media noun, one person's two roles
before the name, a relative named by a given name, names and issuers the NER does not see. The
``nlp`` and ``resolve`` fixtures are in ``conftest.py``."""

from __future__ import annotations

from presslens.schema import Attribution


def names(found: list[Attribution]) -> dict[str, str | None]:
    return {a.source.mention.text: a.source.name for a in found if a.source.mention}


def test_a_curly_apostrophe_inside_a_name_reads_like_a_straight_one(nlp, resolve):
    text = "Filmmaker Dinesh D’Souza made a prediction on Tuesday. D’Souza said the race would be close."
    doc = nlp(text)
    assert doc.text == text  # the text and every offset stay as written
    assert any(ent.label_ == "PERSON" and ent.text.endswith("D’Souza") for ent in doc.ents)
    assert names(resolve(text))["D’Souza"] == "Dinesh D’Souza"


def test_a_contraction_with_a_curly_apostrophe_is_no_place(nlp):
    doc = nlp("Mr. O’Malley didn’t answer the question, and his aides wouldn’t either.")
    assert not [ent.text for ent in doc.ents if ent.label_ in ("GPE", "LOC") and "’" in ent.text]
    assert [t.pos_ for t in doc if t.lower_ == "n’t"] == ["PART", "PART"]


def test_a_given_name_the_ner_left_out_is_part_of_the_speakers_name(resolve):
    text = '"Nobody will lose a job over this," said Paloma Wu, legal director for the group. Wu added that it would appeal.'
    found = names(resolve(text))
    assert found["Wu"] == "Paloma Wu"
    assert "Paloma Wu" in next(iter(found.values()))


def test_an_outlet_followed_by_a_media_noun_is_the_outlet(resolve):
    text = "China has watched closely. An editorial in the People's Daily newspaper warned that Moscow was overreaching."
    assert names(resolve(text))["An editorial"] == "People's Daily"


def test_one_persons_two_roles_before_the_name_give_the_name(resolve):
    text = (
        "Hillary Clinton won the primary. Clinton's chief pollster and strategist Joel Benenson said the race "
        "was over. Bernie Sanders disagreed."
    )
    assert names(resolve(text))["Clinton's chief pollster and strategist Joel Benenson"] == "Joel Benenson"


def test_a_person_the_ner_glued_to_a_place_after_a_comma_is_a_person_of_their_own(resolve):
    text = "''Freddy was different,'' said his best friend at Lehigh, Bruce Turry, who recalled the summers."
    found = resolve(text)
    assert names(found)["his best friend"] == "Bruce Turry"


def test_a_relative_named_by_a_given_name_has_the_family_name(resolve):
    text = "Curt Schilling was fired on Wednesday. Schilling's son, Grant, defended his father, saying that he was right."
    assert names(resolve(text))["Schilling's son"] == "Grant Schilling"
    text = 'Bill Clinton spoke first. His daughter, Chelsea, said she agreed.'
    assert names(resolve(text))["His daughter"] == "Chelsea Clinton"
    text = 'Anthony Weiner spoke first. His wife, Huma, said she agreed.'
    assert names(resolve(text))["His wife"] != "Huma Weiner"


def test_a_capitalised_name_the_ner_missed_is_no_description(resolve):
    text = "Gunmen killed 14 people in San Bernardino on Wednesday. The Islamic State said the two were its followers."
    assert names(resolve(text))["The Islamic State"] == "Islamic State"


def test_an_issuer_in_capitals_before_the_document_noun_issues_it(resolve):
    text = "The donors were linked to the group, a USA TODAY investigation found."
    found = resolve(text)
    assert [(a.source.name, a.source.kind) for a in found] == [("USA TODAY", "document")]
