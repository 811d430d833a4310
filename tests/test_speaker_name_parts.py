"""Parts of names the NER leaves out or splits, and organisation names whose words are no role: each
article is written for its test (``resolve`` and ``nlp`` fixtures in ``conftest.py``)."""

from __future__ import annotations

from presslens.extract.entities import find_entities
from presslens.schema import Attribution


def names(found: list[Attribution]) -> dict[str, str | None]:
    return {a.source.mention.text: a.source.name for a in found if a.source.mention}


def test_two_given_names_the_ner_leaves_out_after_a_title_are_kept(resolve):
    text = (
        "LUANDA (Reuters) — Angola will cut fuel subsidies again in January.\n\n"
        "Minister of Finance Adelaide Gonçalves Ferraz said on state television on Monday that the subsidies "
        "had cost the treasury more than $2bn last year."
    )
    assert names(resolve(text))["Minister of Finance Adelaide Gonçalves Ferraz"] == "Adelaide Gonçalves Ferraz"


def test_a_second_family_name_the_ner_tags_apart_is_part_of_the_name(resolve):
    text = (
        "SANTIAGO, Chile (AP) — Chile will raise lithium royalties next year, the government said.\n\n"
        "Mining Minister Carolina Vergara Saavedra said on Monday that the new rates would apply to every "
        "contract.\n\nVergara said the change would bring in $400 million a year."
    )
    found = names(resolve(text))
    assert found["Mining Minister Carolina Vergara Saavedra"] == found["Vergara"] == "Carolina Vergara Saavedra"


def test_a_hyphenated_name_tagged_an_organisation_after_a_role_is_a_person(resolve):
    text = (
        "Toronto will remove the Bloor Street bike lane next spring.\n\n"
        "The city's general manager of transportation, Olumide Fashola-Grant, told council that staff "
        "would bring back a plan in November, but he cautioned that no route offered the same protection."
    )
    found = names(resolve(text))
    assert found["The city's general manager of transportation, Olumide Fashola-Grant"] == "Olumide Fashola-Grant"
    assert found["he"] == "Olumide Fashola-Grant"


def test_a_bracketed_acronym_of_a_hyphenated_limited_company_is_one_organisation(nlp):
    text = (
        "VIENTIANE, Dec. 3 (Xinhua) -- The first cold-chain train left Vientiane on Tuesday.\n\n"
        "The Laos-China Railway Company Limited (LCRC), the joint venture that runs the line, said in a "
        "statement that the train carried 430 tonnes of fruit. LCRC General Manager Wang Jianping said "
        "the service would run weekly."
    )
    company = [e for e in find_entities(nlp(text)) if "LCRC" in [e.name, *e.aliases]]
    assert [e.name for e in company] == ["Laos-China Railway Company Limited"]


def test_a_company_whose_name_opens_with_a_role_word_is_still_the_company(resolve):
    text = (
        "NORTH PLATTE, Neb. (AP) — A freight train derailed early Tuesday outside North Platte.\n\n"
        "The train, operated by Union Pacific, was traveling west at about 40 mph when it left the tracks, "
        "according to the sheriff. The company said crews had begun removing the damaged cars."
    )
    assert names(resolve(text))["The company"] == "Union Pacific"


def test_a_pronoun_after_a_long_quoted_stretch_still_finds_the_only_speaker(resolve):
    text = (
        "Winnipeg's transit chair has spent a year defending a fare increase.\n\n"
        'Ms. Manyfingers-Roy said the increase would raise $7-million. "I\'m not going to tell you that\'s a '
        'great plan," she said.\n\n'
        '"If you\'re on assistance, nothing changes for you. I fought for that in committee. I would fight '
        'for it again. The pass stays where it is. Children ride free. Seniors ride free on Sundays. '
        'Nobody on a fixed income pays more. That was the deal. It is still the deal."\n\n'
        "She said the city would add buses on its three busiest routes in the spring."
    )
    found = [a.source.name for a in resolve(text) if a.source.mention and a.source.mention.text == "She"]
    assert found == ["Manyfingers-Roy"]


def test_a_department_word_before_a_name_the_ner_cut_stays_out_of_it(resolve):
    text = (
        "ANKARA, Dec. 3 (Anadolu) -- The new rail line to the Black Sea opened on Tuesday.\n\n"
        "Turkish Minister of Transport and Infrastructure Mehmet Ali Karataş said the line would carry "
        "five million passengers a year."
    )
    found = names(resolve(text))
    assert found["Turkish Minister of Transport and Infrastructure Mehmet Ali Karataş"] == "Mehmet Ali Karataş"
