"""Issue 19: statements in headlines and decks that the parser reads poorly — a speaker after a
colon with no cue word, a final speech clause whose report has no verb, a speech verb that shares
the subject of the clause before it, a quotation opening the headline before a colon, a speech
verb with a noun-phrase object ("China urges dialogue on …"). One short article per shape
(headline, empty line, body)."""

from __future__ import annotations

import pytest

from conftest import attribution_rows as found


def test_a_speaker_after_a_headline_colon(nlp):
    text = (
        "China ready to resolve trade frictions through dialogue: spokesperson\n\n"
        "BEIJING, May 9 (Xinhua) -- The talks went on for a second day."
    )
    assert text[0:55] == "China ready to resolve trade frictions through dialogue"
    assert found(nlp, text) == [("indirect", ":", 0, 55, "spokesperson")]


def test_a_colon_in_the_body_or_before_a_long_phrase_is_no_speaker(nlp):
    text = (
        "Rescue teams reach flooded valley: residents of three villages still trapped\n\n"
        "The teams reached the valley on Friday. Their task: clearing the roads."
    )
    assert found(nlp, text) == []


def test_a_final_speech_clause_after_a_verbless_report(nlp):
    text = (
        "Situation under control after unrest at Sahiwal jail, says Punjab govt\n\n"
        "Prisoners staged a riot late on Saturday night."
    )
    assert text[0:52] == "Situation under control after unrest at Sahiwal jail"
    assert found(nlp, text) == [("indirect", "says", 0, 52, "Punjab govt")]


def test_a_speech_verb_sharing_the_subject_of_the_clause_before(nlp):
    text = (
        "Kenyan court strikes down digital services levy, says parliament skipped public consultation\n\n"
        "The ruling is a blow to the government."
    )
    assert text[54:92] == "parliament skipped public consultation"
    assert found(nlp, text) == [("indirect", "says", 54, 92, "Kenyan court")]


def test_a_clause_after_but_is_no_trailing_speech_clause(nlp):
    text = "They noted his attorney offered to appear at a closed session, but Chaffetz declined."
    assert [r[1] for r in found(nlp, text)] == ["noted"]


def test_a_speaker_after_a_headline_dash(nlp):
    text = (
        "Incumbent wins mayoral election with 54% of vote - election commission\n\n"
        "NOVOSIBIRSK, September 15. /TASS/. The mayor has won the city's election."
    )
    assert text[0:48] == "Incumbent wins mayoral election with 54% of vote"
    assert found(nlp, text)[0] == ("indirect", "-", 0, 48, "election commission")


def test_a_quotation_opening_a_headline_before_a_colon(nlp):
    text = (
        "'I almost quit': Skip Colette Arsenault on the long road back to the national final\n\n"
        "'I play better when I'm scared': Montreal teen heads to world chess final\n\n"
        "By Jane Smith\n\n"
        "WINNIPEG — The skip said the season was over."
    )
    assert text[1:14] == "I almost quit"
    assert text[86:115] == "I play better when I'm scared"
    # the speaker is named only when a topic ("on …") follows the name
    assert found(nlp, text) == [
        ("direct", ":", 1, 14, "Skip Colette Arsenault"),
        ("direct", ":", 86, 115, None),
        ("indirect", "said", 200, 219, "The skip"),
    ]


def test_a_headline_speech_verb_with_a_noun_phrase_object(nlp):
    text = (
        "China urges dialogue on Mekong water data, welcomes Laos' role\n\n"
        "EU slaps tariffs on Chinese electric buses, Beijing vows response\n\n"
        "BEIJING, March 3 (Xinhua) -- China urges its neighbours to talk. The agency confirmed the meeting."
    )
    assert text[12:41] == "dialogue on Mekong water data"
    assert text[121:129] == "response"
    # in the body a topic-only object ("confirmed the meeting") stays no statement
    assert found(nlp, text) == [
        ("indirect", "urges", 12, 41, "China"),
        ("indirect", "vows", 121, 129, "Beijing"),
        ("indirect", "urges", 172, 194, "China"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser took the speaker's name for an adverb
        (
            "GPs in England to ballot over new contract, BMA says\n\nBy Priya Raghunathan, BBC News",
            [("indirect", "says", 0, 42, "BMA")],
        ),
        # a kicker before a colon is no part of the report; the speaker is the phrase after the comma
        (
            "The Latest: Seized tanker's crew safe, shipping company says\n\nBy The Associated Press",
            [("indirect", "says", 12, 37, "shipping company")],
        ),
        # the comma closing the first clause hangs on its verb
        (
            "China launches new ocean observation satellite, says data to be shared with developing "
            "countries\n\nJIUQUAN, March 3 (Xinhua) -- The launch went well.",
            [("indirect", "says", 53, 96, "China")],
        ),
        # a clause after a semicolon is no complement of the speech verb before it
        (
            "Coup attempt in Guinea-Bissau foiled, government says; Moscow calls for restraint\n\n"
            "MOSCOW, June 12. /TASS/. The army was on the streets.",
            [("indirect", "says", 0, 36, "government"), ("indirect", "calls for", 72, 81, "Moscow")],
        ),
    ],
)
def test_final_speech_clauses_of_headlines_the_parser_misreads(nlp, text, expected):
    assert found(nlp, text) == expected


def test_a_headline_quotation_is_said_by_the_subject_of_the_clause_after_its_colon(nlp):
    text = (
        "'They came to me with a bag of cash': Former spinner says he was approached three times\n\n"
        "By Jane Smith"
    )
    assert found(nlp, text) == [
        ("direct", ":", 1, 35, "Former spinner"),
        ("indirect", "says", 58, 87, "Former spinner"),
    ]


def test_a_headline_speech_verb_the_tagger_read_as_a_noun(nlp):
    text = (
        "B.C. court rules province breached treaty duties in Peace River land claim\n\n"
        "Senate rules committee meets on Monday\n\n"
        "VANCOUVER — The province will appeal, a spokesperson said."
    )
    assert text[17:74] == "province breached treaty duties in Peace River land claim"
    # after a name ("Senate") the noun reading stands
    assert found(nlp, text) == [
        ("indirect", "rules", 17, 74, "B.C. court"),
        ("indirect", "said", 128, 152, "a spokesperson"),
    ]
