"""Issue 19: requests, estimates and descriptions on outlet-style copy — the addressee of a request
with what it is asked to do, coordinated infinitives, a request coordinated after a quoted fragment,
"directed … to" and "appealed to … to", "put the figure at …", "described X (as Y)", "thanked X for
'…'", "expressed concern over …". One short article per shape, with exact content offsets, type, cue
and source."""

from __future__ import annotations

from conftest import attribution_rows as found


def test_a_request_after_a_quoted_fragment_is_a_second_act_not_the_quotes_speech_clause(nlp):
    text = (
        'The union\'s spokesperson added that the board had made a "fair" offer and urged members to '
        "suspend the strike while talks continued."
    )
    assert text[31:69] == 'that the board had made a "fair" offer'
    assert text[80:131] == "members to suspend the strike while talks continued"
    assert found(nlp, text) == [
        ("mixed", "added", 31, 69, "The union's spokesperson"),
        ("indirect", "urged", 80, 131, "The union's spokesperson"),
    ]


def test_a_request_runs_from_its_addressee_over_coordinated_infinitives(nlp):
    text = (
        "Health officials asked residents of the two villages to keep their windows closed, stay "
        "indoors and call 911 if they smelled gas."
    )
    assert text[23:128].startswith("residents of the two villages to keep")
    assert text[23:128].endswith("call 911 if they smelled gas")
    assert found(nlp, text) == [("indirect", "asked", 23, 128, "Health officials")]


def test_directed_and_appealed_to_report_what_the_addressee_is_to_do(nlp):
    text = (
        "The premier directed the ministry to publish the report within a week. "
        "She also directed that the injured be given free care. "
        "The labour minister appealed to workers to return to their jobs."
    )
    assert text[21:69] == "the ministry to publish the report within a week"
    assert text[89:124] == "that the injured be given free care"
    assert text[158:189] == "workers to return to their jobs"
    assert found(nlp, text) == [
        ("indirect", "directed", 21, 69, "The premier"),
        ("indirect", "directed", 89, 124, "She"),
        ("indirect", "appealed to", 158, 189, "The labour minister"),
    ]


def test_directed_and_appealed_without_a_request_are_not_speech(nlp):
    text = "She directed the film in 2010. He appealed to the Supreme Court."
    assert found(nlp, text) == []


def test_put_a_figure_at_a_number_is_an_estimate(nlp):
    text = "Rescue chief Jan Nowak put the distance at 70 metres. She put the book at the end of the shelf."
    assert text[27:52] == "the distance at 70 metres"
    assert found(nlp, text) == [("indirect", "put", 27, 52, "Rescue chief Jan Nowak")]


def test_a_description_is_what_was_said_with_its_as_phrase(nlp):
    text = (
        "Residents who fled the fire described a chaotic morning. Economists at the bank described the "
        'budget as balanced. The report described the foreign state only as "a country with a large '
        'diaspora." The minister confirmed the wedding.'
    )
    assert text[38:55] == "a chaotic morning"
    assert text[90:112] == "the budget as balanced"
    assert text[135:195] == 'the foreign state only as "a country with a large diaspora."'
    assert found(nlp, text) == [
        ("indirect", "described", 38, 55, "Residents"),
        ("indirect", "described", 90, 112, "Economists"),
        ("mixed", "described", 135, 195, "The report"),
    ]


def test_thanks_and_concern_that_say_something_are_statements(nlp):
    text = (
        'The minister thanked both delegations for their "constructive approach." Western countries '
        "expressed concern over the growing scale of Russian drills. She thanked the crowd. He expressed "
        "his condolences."
    )
    assert text[21:72] == 'both delegations for their "constructive approach."'
    assert text[101:149] == "concern over the growing scale of Russian drills"
    # a bare object ("thanked the crowd", "expressed his condolences") names no statement
    assert found(nlp, text) == [
        ("mixed", "thanked", 21, 72, "The minister"),
        ("indirect", "expressed", 101, 149, "Western countries"),
    ]


def test_blame_is_a_claim_even_without_a_predicate(nlp):
    text = "The think tank blamed upstream dams for low water levels in the lower Mekong. She blamed the weather."
    assert text[22:76] == "upstream dams for low water levels in the lower Mekong"
    assert found(nlp, text) == [
        ("indirect", "blamed", 22, 76, "The think tank"),
        ("indirect", "blamed", 89, 100, "She"),
    ]


def test_a_call_for_something_runs_over_the_phrases_that_belong_to_it(nlp):
    text = (
        "Environmental groups called for stricter rules on the use of heavy fuel oil in Arctic waters. "
        "China called for calm as the two sides traded accusations."
    )
    assert text[32:92] == "stricter rules on the use of heavy fuel oil in Arctic waters"
    # "as …" gives the circumstances, not what was called for
    assert found(nlp, text) == [
        ("indirect", "called for", 32, 92, "Environmental groups"),
        ("indirect", "called for", 111, 115, "China"),
    ]
