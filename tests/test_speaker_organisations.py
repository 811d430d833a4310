"""Organisations a later sentence describes by the noun of their own name ("the exchange" for the
Tokyo Stock Exchange), by their subject and kind ("Education ministry" for the Ministry of Education
and Training), or as the regulator or watchdog of their field ("Kenya's energy regulator"); an
organisation whose shares trade is a company. Each article is written for its test; the ``resolve``
fixture is in ``conftest.py``."""

from __future__ import annotations

import pytest

from conftest import source_rows
from presslens.extract.entities import find_entities
from presslens.extract.name_forms import name_head, rewords_name
from presslens.extract.speakers.features import class_words, org_classes


def test_the_noun_of_an_organisations_name_describes_it_when_no_list_has_the_noun(resolve):
    text = (
        "OSLO (AP) — Trading on the Oslo Metals Exchange stopped for three hours on Tuesday after a power cut.\n\n"
        "The exchange said trading would resume on Wednesday morning."
    )
    assert source_rows(resolve(text)) == [("The exchange", "Oslo Metals Exchange", "organization")]


def test_a_common_noun_that_ends_no_name_in_the_article_stays_generic(resolve):
    text = (
        "OSLO (AP) — Trading on the Oslo Metals Exchange stopped for three hours on Tuesday after a power cut.\n\n"
        "The broker said trading would resume on Wednesday morning."
    )
    assert source_rows(resolve(text)) == [("The broker", None, "unknown")]


def test_a_ministry_named_by_its_subject_is_the_ministry_the_article_names_in_full(resolve):
    text = (
        "NUKU'ALOFA — Allowances for teachers on the outer islands will rise in March, Tonga's Education ministry "
        "said on Monday.\n\n"
        "The Ministry of Education and Training said in a statement that it had hired 31 retired teachers."
    )
    assert source_rows(resolve(text)) == [
        ("Tonga's Education ministry", "Ministry of Education and Training", "organization"),
        ("The Ministry of Education and Training", "Ministry of Education and Training", "organization"),
    ]


def test_a_description_rewords_a_name_only_with_the_same_head_and_no_word_the_name_lacks():
    full = "Ministry of Education and Training"
    assert rewords_name("Tonga's Education ministry", full)
    assert not rewords_name("Higher Education ministry", full)
    assert not rewords_name("Education department", full)
    assert not rewords_name("Foreign Ministry", "Russian Foreign Ministry")
    assert not rewords_name("Tax Policy Center", "Center for Federal Tax Policy")
    assert name_head("Tokyo Stock Exchange") == "exchange" and name_head("NorthVault Digital Inc.") is None
    assert name_head("Directorate General of Health Services") == "directorate"


def test_public_bodies_named_by_a_field_and_the_country_or_province_keep_their_whole_name(resolve):
    for body in (
        "Immigration, Refugees and Citizenship Canada",
        "Crown-Indigenous Relations and Northern Affairs Canada",
        "Diabetes Canada",
        "Elections Québec",
    ):
        for text in (
            f"OTTAWA — The rules will change next year, {body} said on Tuesday.",
            f"OTTAWA — The rules will change next year.\n\n{body} said on Tuesday that the change was needed.",
        ):
            assert [a.source.name for a in resolve(text)] == [body], text


def test_two_companies_joined_by_and_stay_two(nlp):
    doc = nlp("MONTREAL — Bombardier and Air Canada said on Tuesday that the deal was off.")
    organisations = [e.name for e in find_entities(doc) if e.kind == "organization"]
    assert "Bombardier" in organisations and "Air Canada" in organisations


def test_a_french_bodys_name_the_ner_took_only_the_first_word_of_is_whole(resolve):
    text = (
        "MONTREAL — Farm workers on temporary permits will be able to change employers next year.\n\n"
        "The Union des producteurs agricoles, which represents Quebec farmers, said it welcomed the change. "
        "The Front d'action populaire en réaménagement urbain said the rules came too late."
    )
    assert [a.source.name for a in resolve(text)] == [
        "Union des producteurs agricoles", "Front d'action populaire en réaménagement urbain"
    ]


def test_a_french_bodys_name_that_ends_with_a_place_is_no_person(nlp):
    doc = nlp(
        "QUEBEC — Western Pacific Bank will buy Banque Côte-Nord for $4-billion.\n\n"
        "The Syndicat des employées et employés de Banque Côte-Nord, which represents 1,900 branch workers, "
        "said it had not been consulted."
    )
    kinds = {e.name: e.kind for e in find_entities(doc)}
    assert kinds.get("Syndicat des employées et employés de Banque Côte-Nord") == "organization"
    assert "person" not in kinds.values()


def test_an_acronym_in_brackets_after_the_name_is_the_same_body_whatever_its_language(nlp):
    doc = nlp(
        "HANOI, May 19 (Xinhua) -- Vietnam Electricity (EVN), the country's state-owned power utility, said on "
        "Monday that water levels had fallen. EVN said it would import power from Laos."
    )
    bodies = {e.name: e.aliases for e in find_entities(doc) if e.kind == "organization"}
    assert bodies.get("Vietnam Electricity") == ["EVN"]


def test_an_acronym_may_spell_the_of_and_the_and_of_a_name(resolve):
    text = (
        "BEIJING (Reuters) — The People's Bank of China cut a key rate on Monday.\n\n"
        "The PBOC said growth had slowed. The Canadian Parks and Wilderness Society (CPAWS) said the order "
        "was overdue."
    )
    assert [(a.source.mention.text, a.source.name) for a in resolve(text)] == [
        ("The PBOC", "People's Bank of China"),
        ("The Canadian Parks and Wilderness Society (CPAWS", "Canadian Parks and Wilderness Society"),
    ]


def test_a_role_written_as_an_acronym_is_no_organisation(resolve):
    # a guard for the acronym rule (``lexicon.ROLE_ACRONYMS``): "PM" is the prime minister
    text = (
        "PM directs relief for families hit by flood in Hunza\n\n"
        "ISLAMABAD, July 4 (APP) — Prime Minister Ali Raza Qureshi on Friday directed that no effort be spared "
        "in helping families hit by the flood, the PM Office said in a statement."
    )
    assert [(a.source.mention.text, a.source.name) for a in resolve(text)][0] == ("PM", "Ali Raza Qureshi")


def test_a_ministry_that_lists_its_fields_after_a_comma_is_one_name(nlp):
    for name in ("Ministry of Environment, Forest and Climate Change", "Ministry of Health, Public Hygiene and Social Care"):
        doc = nlp(f"NEW DELHI, Nov 4 (PTI) -- The {name} said on Tuesday that fines would rise.")
        assert [e.name for e in find_entities(doc) if e.kind != "place"][-1] == name


def test_people_listed_after_a_ministry_are_no_fields_of_its_name(nlp):
    doc = nlp("LONDON — The Ministry of Health, Sarah Jones and Tom Reid said on Tuesday that fines would rise.")
    assert [(e.name, e.kind) for e in find_entities(doc)][1:] == [
        ("Ministry of Health", "organization"), ("Sarah Jones", "person"), ("Tom Reid", "person")
    ]


def test_a_press_office_speaks_for_its_body(resolve):
    text = (
        "KALININGRAD, Dec 3 (TASS) - The Baltic Fleet began drills on Monday. The active phase of the drills will "
        "end on December 7, the press service of the Baltic Fleet said.\n\n"
        "MOSCOW - The Kurchatov Institute ran its reactor for 12 seconds, the institute's press service told TASS. "
        "The result was a record, the press service said."
    )
    assert [(a.source.mention.text, a.source.name) for a in resolve(text)] == [
        ("the press service of the Baltic Fleet", "Baltic Fleet"),
        ("the institute's press service", "Kurchatov Institute"),
        ("the press service", "Kurchatov Institute"),
    ]


def test_one_of_a_kind_of_body_in_apposition_to_a_name_is_that_body(resolve):
    text = (
        "ATHENS — Ferries stayed in port on Tuesday as seafarers went on strike.\n\n"
        "One of the largest operators, Aegean Blue Lines, said passengers could change their tickets for free."
    )
    assert [(a.source.mention.text, a.source.name) for a in resolve(text)] == [
        ("One of the largest operators", "Aegean Blue Lines")
    ]


def test_a_partnership_or_incorporated_firm_is_the_firm_the_article_means(resolve):
    text = (
        "TORONTO — Abena Owusu-Darko joined Horváth Kessler LLP, a small forensic firm on Bay Street, in 2004.\n\n"
        "She traced the money through 40 accounts. The firm said it would not comment on the case."
    )
    assert [(a.source.mention.text, a.source.name) for a in resolve(text)][-1] == ("The firm", "Horváth Kessler LLP")


def test_a_name_tagged_a_person_in_apposition_to_a_company_is_the_company(nlp):
    doc = nlp(
        "SAO PAULO (AP) — Two siblings were convicted of fraud on Tuesday.\n\n"
        "The company they founded in 2019, NovaCripto Investimentos, told clients it could deliver 4% a month."
    )
    kinds = {e.name: e.kind for e in find_entities(doc)}
    assert kinds.get("NovaCripto Investimentos") == "organization"


def test_a_bare_description_is_the_one_body_of_its_kind_named_before(resolve):
    text = (
        "ABIDJAN, Oct 1 (Reuters) - Ivory Coast will pay its cocoa farmers a third more this season.\n\n"
        "The Coffee and Cocoa Council (CCC) had come under pressure from farmers' groups to pass on more of "
        "the windfall. \"The State has kept its word,\" one farmer said.\n\n"
        "Exporters are worried about smuggling. The regulator said it had sold forward about 1.3 million tonnes."
    )
    assert [(a.source.mention.text, a.source.name) for a in resolve(text)][-1] == (
        "The regulator", "Coffee and Cocoa Council"
    )


def test_police_in_a_place_are_that_places_police_even_opening_a_sentence(resolve):
    text = (
        "CHENNAI (AP) — Dalit residents entered a village temple on Sunday.\n\n"
        "Police in Virudhunagar said 40 officers were deployed."
    )
    assert [(a.source.mention.text, a.source.name) for a in resolve(text)] == [("Police", "Virudhunagar police")]



def test_an_organisation_whose_shares_trade_is_learned_to_be_a_company(nlp):
    # no company word in "Moonstar Entertainment": its shares say it is one, so "the company" can be it
    from presslens.extract.entities import find_entities
    from presslens.extract.speakers.graph import EntityGraph

    doc = nlp(
        "SEOUL (AP) — A court ruled on Wednesday that Moonstar Entertainment must release a pop group from "
        "its contracts.\n\n"
        "Shares of Moonstar Entertainment, which is listed on the KOSDAQ market, fell 14% on Wednesday."
    )
    graph = EntityGraph(doc, find_entities(doc))
    roles = {node.entity.name: node.roles for node in graph.nodes.values()}
    assert "company" in roles["Moonstar Entertainment"]
    assert "company" not in roles.get("KOSDAQ", set())


def test_a_regulator_described_by_its_field_is_the_body_named_in_full(resolve):
    text = (
        "NAIROBI, Kenya (AP) — Flights were delayed on Tuesday after contaminated jet fuel was found at the "
        "main airport.\n\n"
        "Kenya's energy regulator said it had ordered the supplier to quarantine four million litres of fuel.\n\n"
        "The Energy and Petroleum Regulatory Authority said tests were under way."
    )
    names = [a.source.name for a in resolve(text)]
    assert names == ["Energy and Petroleum Regulatory Authority", "Energy and Petroleum Regulatory Authority"]


def test_a_watchdog_is_the_agency_named_in_full_not_the_act_named_after_it(resolve):
    # the NER takes "Financial Consumer Agency of Canada Act" for an organisation too
    text = (
        "TORONTO — A bank was fined $1.2 million for overcharging customers who broke their mortgages early.\n\n"
        "Canada's financial consumer watchdog said the lender had overcharged about 2,000 customers.\n\n"
        "The Financial Consumer Agency of Canada Act lets the Financial Consumer Agency of Canada publish the "
        "names of banks it fines. The agency said it would review other lenders."
    )
    rows = [(a.source.mention.text, a.source.name) for a in resolve(text)]
    assert rows[0] == ("Canada's financial consumer watchdog", "Financial Consumer Agency of Canada")


def test_an_airline_named_air_is_a_company_for_the_carrier():
    from presslens.extract.speakers.features import class_words, org_classes

    assert org_classes(class_words("Polaris Air")) == {"company"}
    assert org_classes({"carrier"}) == {"company"}


def test_a_regulators_field_may_be_the_start_of_a_word_of_its_name(resolve):
    text = (
        "TORONTO — An airline must refund 9,000 passengers.\n\n"
        "Canada's transport regulator said Polaris Air had failed to rebook travellers.\n\n"
        "The Canadian Transportation Agency said the carrier must pay within 30 days."
    )
    assert [a.source.name for a in resolve(text)] == ["Canadian Transportation Agency"] * 2


def test_a_name_with_a_numeral_is_no_person(resolve):
    # the small model tags a union local standing alone as a person
    text = (
        "HAMILTON — Paramedics will vote on a new contract next week.\n\n"
        "The paramedics' union, Local 418, said in a statement that the offer did not add staff."
    )
    assert [(a.source.name, a.source.kind) for a in resolve(text)] == [("Local 418", "organization")]


def test_a_noun_no_list_has_names_the_body_whose_name_holds_it(resolve):
    text = (
        "LISBON — Two red pandas born this spring will go on show in June, the Lisbon Zoo Aquarium said on "
        "Monday.\n\n"
        "Keeper Ana Moura said both cubs were feeding well.\n\n"
        "The zoo said the cubs would stay out of public view until then."
    )
    assert source_rows(resolve(text))[-1] == ("The zoo", "Lisbon Zoo Aquarium", "organization")


def test_a_noun_no_list_has_stays_unnamed_when_nobody_is_called_that(resolve):
    # a guard: "the announcer" is nobody the article named, not the candidate who spoke last
    text = (
        "Trump rallies supporters in Ohio\n\n"
        "Donald Trump told a crowd in Dayton that he would win the state.\n\n"
        "Before he took the stage, the announcer said the hall had reached capacity."
    )
    assert source_rows(resolve(text))[-1][1] is None


def test_a_subhead_capital_makes_no_organisation_name(resolve):
    # "Health" is capitalised only because the subhead starts with it; the article also writes "health board"
    text = (
        "Births suspended at island maternity unit\n\n"
        "Women on the islands will have to travel to give birth after the islands' health board suspended "
        "births at its only maternity unit.\n\n"
        "NHS Orkney Isles said it could no longer safely staff the unit.\n\n"
        "Health board says it cannot safely staff the unit\n\n"
        "The board said the change was temporary and would be reviewed in six months."
    )
    rows = source_rows(resolve(text))
    assert rows[-1] == ("The board", "NHS Orkney Isles", "organization")
    assert rows[1][1] != "Health board"


def test_a_key_points_bullet_capital_makes_no_organisation_name(resolve):
    text = (
        "Ore line to stay shut for five weeks\n\n"
        "Key points\n"
        "- Transport agency says repairs will take at least five weeks\n"
        "- Miners will stockpile pellets\n\n"
        "The line will stay closed after a derailment, the country's transport agency said.\n\n"
        "The Swedish Transport Administration said 2.4 kilometres of track had to be rebuilt."
    )
    assert {a.source.name for a in resolve(text)} == {"Swedish Transport Administration"}


def test_a_company_name_the_ner_missed_is_found_by_its_last_word(resolve):
    # "Comeau Tidal Energy" has no entity; "the company" is neither the headline's association nor nobody
    text = (
        "Fishermen's association says company has never shown its turbines are safe\n\n"
        "HALIFAX — A tidal power developer wants five more years in the Bay of Fundy.\n\n"
        "Comeau Tidal Energy, based in Meteghan, applied in May for a five-year extension of its permit.\n\n"
        "In its application, the company said its two turbines had produced power reliably for 18 months."
    )
    assert source_rows(resolve(text))[-1] == ("the company", "Comeau Tidal Energy", "organization")


@pytest.mark.parametrize(
    ("name", "kinds"),
    [
        ("Comeau Tidal Energy", {"company"}),  # a company's last word
        ("Department of Energy", {"government"}),  # not after "of"
        ("Clare Inshore Harvesters Association", {"association"}),  # "the company" is not it
    ],
)
def test_the_kind_of_organisation_a_name_says(name, kinds):
    assert org_classes(class_words(name)) == kinds


def test_a_body_whose_name_has_a_capitalised_preposition_is_named_though_the_ner_misses_it(resolve):
    text = (
        "MINSK — A reporter was detained while covering a protest, her employer said.\n\n"
        "Reporters Without Borders (RSF) said the arrest was part of a campaign against independent media.\n\n"
        "The country ranks low on an index compiled by Lawyers Without Borders, which says reporters are "
        "regularly arrested."
    )
    found = resolve(text)
    assert [(a.source.name, a.source.kind) for a in found][1:] == [
        ("Reporters Without Borders", "organization"),
        ("Lawyers Without Borders", "organization"),
    ]
    assert found[1].source.mention.start == text.index("Reporters")


def test_a_companys_first_word_tagged_a_place_is_the_company(nlp, resolve):
    text = (
        "MONTREAL — A class action over a hip implant may proceed, a judge ruled.\n\n"
        "The implant was made by Orthavia Medical Inc., which recalled it in 2021.\n\n"
        "Orthavia said it respects the court's decision and would defend itself.\n\n"
        "A lawyer for the patients said they were relieved. The plant is based in Sherbrooke."
    )
    assert source_rows(resolve(text))[1] == ("Orthavia", "Orthavia Medical Inc.", "organization")
    kinds = {e.name: (e.kind, e.aliases) for e in find_entities(nlp(text))}
    assert kinds["Orthavia Medical Inc."] == ("organization", ["Orthavia"])


def test_a_mention_that_names_a_body_in_full_is_that_body_not_the_end_the_ner_tagged(nlp):
    # the NER often tags only the end of such names ("Quebec" of "Elections Quebec"); here the graph's
    # nodes for the ends are taken as given, one a place written alone too, one a body written only so
    from presslens.extract.speakers.body_names import body_named_in_full
    from presslens.extract.speakers.graph import EntityGraph
    from presslens.schema import Span

    text = (
        "QUEBEC CITY — Quebec voters will go to the polls on Oct. 6.\n\n"
        "Elections Quebec said advance polls would open on Sept. 27.\n\n"
        "Sport Integrity Australia confirmed it had been told of the result.\n\n"
        "The Opposition Liberal Democrats said the date was too early."
    )
    doc = nlp(text)
    graph = EntityGraph(doc, find_entities(doc))

    def mention(words: str):
        start = text.index(words)
        return doc.char_span(start, start + len(words))

    quebec = graph.named("Quebec", "place", Span.of(text, text.index("Quebec voters"), text.index(" voters")))
    at = text.index("Integrity Australia")
    integrity = graph.named("Integrity Australia", "organization", Span.of(text, at, at + len("Integrity Australia")))
    body = body_named_in_full(graph, mention("Elections Quebec"), quebec)
    assert (body.entity.name, body.kind, quebec.entity.name) == ("Elections Quebec", "organization", "Quebec")
    assert body_named_in_full(graph, mention("Sport Integrity Australia"), integrity) is integrity
    assert integrity.entity.name == "Sport Integrity Australia"
    at = text.index("Liberal")
    democrats = graph.named("Liberal Democrats", "organization", Span.of(text, at, at + len("Liberal Democrats")))
    assert body_named_in_full(graph, mention("The Opposition Liberal Democrats"), democrats) is None


def test_a_body_posted_in_a_place_is_named_with_the_place(resolve):
    text = (
        "BANGKOK — A section of the high-speed railway linking Bangkok and Nong Khai opened on Monday.\n\n"
        "The Chinese Embassy in Thailand said in a press release that the line was a flagship of cooperation.\n\n"
        "The Methodist Church in Fiji said it welcomed the new curriculum.\n\n"
        "The Methodist Church in Fiji's capital said it would hold a service."
    )
    found = resolve(text)
    assert [(a.source.mention.text, a.source.name, a.source.kind) for a in found][:2] == [
        ("The Chinese Embassy", "Chinese Embassy in Thailand", "organization"),
        ("The Methodist Church", "Methodist Church in Fiji", "organization"),
    ]
    assert found[-1].source.name != "Methodist Church in Fiji"  # a place's possessive goes on to a noun
