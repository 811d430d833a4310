"""Names after a post: after the place of a post ("Ambassador to Nigeria Liang Jianhua"), the place is
no part of the name, however the NER cuts it; after a title in apposition ("Minister of …, Benoît
Lévesque-Tremblay"), a name tagged an organisation is a person; a post's title ("Minister of Finance")
is no speaker, and its field may have "the" ("Minister of the Economy …") or run over a list of fields
before the name. Each article is written for its test (``nlp`` in ``conftest.py``)."""

from __future__ import annotations

from conftest import source_rows
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


def test_a_title_whose_field_has_the_gives_the_holder_the_title(resolve):
    # "Minister of Finance" (tagged an organisation) is the post, not a speaker; "Minister of the Economy
    # Kelechi Adeyemo" gives the name the role "minister" that the later "the minister" asks for
    text = (
        "ABUJA, May 12 (Xinhua) -- Nigeria and China renewed a currency agreement on Monday.\n\n"
        "Nigeria's Minister of Finance and Coordinating Minister of the Economy Kelechi Adeyemo welcomed the "
        "renewal, saying it showed trust between the two countries.\n\n"
        "The minister said the government would keep its reforms on course."
    )
    rows = [(a.source.mention.text, a.source.name) for a in resolve(text)]
    assert rows[-1] == ("The minister", "Kelechi Adeyemo")
    assert all(name == "Kelechi Adeyemo" for _, name in rows)


def test_a_name_after_a_titles_list_of_fields_closes_the_source_mention(resolve):
    # the parser hangs the name on the last field of the title, and the NER tags it an organisation
    text = (
        "DAKAR, Senegal\n\n"
        "At least 20 people died when a boat capsized off the coast on Tuesday.\n\n"
        "The Minister of Fisheries, Maritime Infrastructure and Ports, Cheikh Tidiane Sarr, who visited the "
        "wharf on Wednesday, said the government would strengthen surveillance of the coast.\n\n"
        '"We will not let our boats become coffins," the minister said.'
    )
    rows = [(a.source.mention.text, a.source.name, a.source.kind) for a in resolve(text)]
    assert rows == [
        ("The Minister of Fisheries, Maritime Infrastructure and Ports, Cheikh Tidiane Sarr", "Cheikh Tidiane Sarr", "person"),
        ("the minister", "Cheikh Tidiane Sarr", "person"),
    ]



def test_a_role_acronym_the_ner_tags_a_body_is_the_role_of_the_person_apposed(resolve):
    text = (
        "STORNOWAY — Births at the island's only maternity unit will be suspended from next month.\n\n"
        "The local MSP, Ruaraidh MacIver, said ministers had ignored every warning."
    )
    assert [(a.source.name, a.source.kind) for a in resolve(text)] == [("Ruaraidh MacIver", "person")]


def test_a_title_after_its_bodys_name_is_the_persons_named_after_it(resolve):
    # the parser makes "Federation" the head; "a spokesperson for … Minister X" stays the spokesperson's
    text = (
        "SASKATOON — A court has ordered a new election for chief.\n\n"
        "Federation of Sovereign Indigenous Nations Vice-Chief Corinne Sinclair-Badger said vote-buying was "
        '"a politics problem."\n\n'
        "A spokesperson for Indigenous Services Minister Gurpreet Sandhu said the department would review the ruling."
    )
    assert [a.source.name for a in resolve(text)] == ["Corinne Sinclair-Badger", None]


def test_an_undersecretary_of_a_ministry_is_the_person_named_after_the_ministry(resolve):
    text = (
        "JUBA, March 3 (Anadolu) - Oil exports through the pipeline have stopped.\n\n"
        "Undersecretary of the Ministry of Petroleum Garang Mayen Akol told Anadolu that pumping would resume "
        "next week.\n\n"
        "According to Akol, the two governments had agreed to share repair costs."
    )
    assert [a.source.name for a in resolve(text)][:2] == ["Garang Mayen Akol", "Garang Mayen Akol"]


def test_the_field_of_a_post_before_a_name_the_ner_missed_is_no_part_of_it(resolve):
    text = (
        "OTTAWA — A merger of two waste haulers was blocked on Tuesday.\n\n"
        "Commissioner of Competition Aurélie Fontaine called the ruling a win for consumers, saying prices "
        "would have risen.\n\n"
        '"Two bidders cannot become one," Ms. Fontaine said in an interview.'
    )
    found = resolve(text)
    assert source_rows(found) == [
        ("Commissioner of Competition Aurélie Fontaine", "Aurélie Fontaine", "person"),
        ("Commissioner of Competition Aurélie Fontaine", "Aurélie Fontaine", "person"),
        ("Ms. Fontaine", "Aurélie Fontaine", "person"),
    ]
    assert found[0].source.mention.start == text.index("Commissioner")


def test_a_name_in_apposition_after_the_place_of_a_post_is_the_speaker(resolve):
    # the parser hangs the name on the place ("Bangladesh"), and the NER tags none of it
    text = (
        "COX'S BAZAR — A fire swept through a refugee camp overnight.\n\n"
        '"Our teams are treating children with burns," MSF\'s head of mission in Bangladesh, '
        "Ibrahim Diallo-Sow, said in a statement."
    )
    (a,) = resolve(text)
    assert (a.source.mention.text, a.source.name, a.source.kind) == (
        "MSF's head of mission in Bangladesh, Ibrahim Diallo-Sow", "Ibrahim Diallo-Sow", "person"
    )


def test_the_last_of_a_titles_fields_is_no_part_of_the_name_after_it(resolve):
    text = (
        "MOMBASA — Kenya will plant 10 million mangrove seedlings along its coast by 2030.\n\n"
        "Cabinet Secretary for Environment, Climate Change and Forestry Wanjiku Kihara Ndung'u, who opened "
        "the nursery in Kilifi on Monday, said the seedlings would protect fishing villages from storms.\n\n"
        '"Every tree is a sea wall," Ndung\'u said.'
    )
    assert [a.source.name for a in resolve(text)] == ["Wanjiku Kihara Ndung'u", "Wanjiku Kihara Ndung'u"]


def test_a_short_family_name_after_the_field_of_a_post_stays_in_the_name(resolve):
    # "Le" is in the English word list, but a field word is never so short
    text = (
        "HANOI — Nearly 200 pupils fell ill after a school lunch in the north of the country this week.\n\n"
        "Vietnamese Deputy Minister of Health Le Quang Vinh on Friday called on provinces to step up "
        "inspections of school kitchens."
    )
    assert [(a.source.name, a.source.kind) for a in resolve(text)] == [("Le Quang Vinh", "person")]


def test_a_person_after_a_lower_case_post_ends_the_mention_the_parser_headed_by_the_body(resolve):
    # the parser makes "Council" the subject and hangs the post and the name under "of Texas"
    text = (
        "Electric Reliability Council of Texas chief executive Marisol Okafor-Reyes told reporters in Austin "
        "that power would be back by Friday."
    )
    assert source_rows(resolve(text)) == [
        ("Electric Reliability Council of Texas chief executive Marisol Okafor-Reyes", "Marisol Okafor-Reyes", "person")
    ]
