"""Roles the article itself gives people, beyond the role lists: a title before a name ("Coroner
Mereana Tāwhai") makes a later "the coroner" that person. Each article is written for its test; the
``resolve`` fixture is in ``conftest.py``."""

from __future__ import annotations


def test_a_title_on_no_list_before_a_name_is_that_persons_role(resolve):
    text = (
        "Coroner finds deaths of two trampers were preventable\n\n"
        "WELLINGTON — The deaths of two teenagers on a school trip were preventable.\n\n"
        "In findings released on Friday, Coroner Mereana Tāwhai said a heavy rain watch had been issued.\n\n"
        "The coroner said the group's leader decided to cross because the students were cold."
    )
    assert [(a.source.mention.text, a.source.name) for a in resolve(text)] == [
        ("Coroner", "Mereana Tāwhai"),
        ("Coroner Mereana Tāwhai", "Mereana Tāwhai"),
        ("The coroner", "Mereana Tāwhai"),
    ]


def test_the_organisation_a_persons_role_names_stays_the_organisations(resolve):
    # a guard: "The trust's chief executive, Mairead Quinn" gives her the word "trust" too
    text = (
        "BELFAST — Ambulances waited outside the emergency department for up to 14 hours, inspectors found.\n\n"
        "The Northern Health and Social Care Trust, which runs the hospital, said it accepted the findings.\n\n"
        "The trust's chief executive, Mairead Quinn, said staff were doing their best.\n\n"
        "In a statement, the trust said it had opened 30 extra beds."
    )
    assert [(a.source.mention.text, a.source.name) for a in resolve(text)][-1] == (
        "the trust", "Northern Health and Social Care Trust"
    )


def test_sardar_is_an_honorific_not_a_given_name(resolve):
    text = (
        "LAHORE, Nov 5 (APP) -- Pilgrims crossed into Pakistan for the Guru's birth anniversary.\n\n"
        "Sardar Harmeet Singh Sodhi, who led the group, said the arrangements were excellent."
    )
    assert [a.source.name for a in resolve(text)] == ["Harmeet Singh Sodhi"]


def test_the_words_before_a_title_with_a_field_describe_the_holder(nlp):
    # "Iranian Deputy Foreign" comes before "Minister for Political Affairs": later "the Iranian deputy
    # foreign minister" can be matched by those words
    from presslens.extract.entities import find_entities
    from presslens.extract.speakers.graph import EntityGraph

    doc = nlp(
        "Tehran, IRNA -- Iranian Deputy Foreign Minister for Political Affairs Mehdi Sharifnia met his Japanese "
        "counterpart in Tehran on Saturday."
    )
    graph = EntityGraph(doc, find_entities(doc))
    holder = next(n for n in graph.nodes.values() if n.entity.name == "Mehdi Sharifnia")
    assert {"iranian", "deputy", "foreign"} <= holder.descriptors
    assert "minister" in holder.roles


def test_a_bare_age_nobody_is_given_reads_as_a_pronoun(resolve):
    # a profile's second reference: "The 52-year-old", two speakers after her, and no age given before
    text = (
        "Dispatcher keeps a rural ambulance line running\n\n"
        "Marisol Ortega Vidal answers the phone before it finishes its first ring. \"You learn to hear the "
        "address before they say it,\" the dispatcher said.\n\n"
        "County health officer Rupert Haines said the centre handled 9,000 calls last year. \"She is the reason "
        "people here trust the line,\" he said.\n\n"
        "The Valley Paramedics Association said in a statement that two more dispatchers were needed.\n\n"
        "Last spring, the county asked Ortega Vidal to train new staff. The 52-year-old said she agreed \"as "
        "long as nobody calls it retirement.\""
    )
    found = resolve(text)
    assert (found[-1].source.mention.text, found[-1].source.name) == ("The 52-year-old", "Marisol Ortega Vidal")
    assert found[-1].source.kind == "person"


def test_a_name_right_after_a_role_word_or_a_country_is_the_speaker(resolve):
    # the parser takes "head" for a verb, and "co-chair" apart; the name ends each description
    text = (
        "ANKARA — A drone maker signed its largest export deal on Tuesday.\n\n"
        "Presidency of Defense Industries (SSB) head Haluk Demirtas, who also attended the ceremony, said "
        "the deal was the largest of its kind.\n\n"
        "GENEVA — Talks on a shipping treaty ended without a deal.\n\n"
        "The co-chair of the negotiating body, South Africa's Nomvula Dlamini, told the BBC that the final "
        "hours had been tense.\n\n"
        "A spokesman for presidential candidate Anna Ferreira said the report was false."
    )
    rows = [(a.source.mention.text, a.source.mention.start, a.source.name, a.source.kind) for a in resolve(text)]
    head = "Presidency of Defense Industries (SSB) head Haluk Demirtas"
    chair = "The co-chair of the negotiating body, South Africa's Nomvula Dlamini"
    spokesman = "A spokesman for presidential candidate Anna Ferreira"
    assert rows == [
        (head, text.index(head), "Haluk Demirtas", "person"),
        (chair, text.index(chair), "Nomvula Dlamini", "person"),
        # the candidate is whom the spokesman speaks for, not the spokesman
        (spokesman, text.index(spokesman), None, "person"),
    ]


def test_a_quote_whose_speaker_the_parser_hung_inside_it_keeps_the_words_before_the_verb(resolve):
    text = (
        "ADDIS ABABA — Locust swarms have reached the Horn of Africa.\n\n"
        '"We have three planes for an area the size of western Europe," the organisation\'s director, '
        "Yohannes Gebremedhin, told Al Jazeera by phone."
    )
    (a,) = resolve(text)
    assert (a.type, a.source.mention.text, a.source.name, a.source.kind) == (
        "direct", "the organisation's director, Yohannes Gebremedhin", "Yohannes Gebremedhin", "person"
    )
    assert a.source.mention.start == text.index("the organisation's")
