"""Issue 19: indirect-speech precision on national, regional, business and feature copy — clauses
that look like speech clauses but are not, statements withheld, and content boundaries. One short
article per shape, with exact content offsets, type, cue and source."""

from __future__ import annotations

import pytest

from conftest import attribution_rows as found
from presslens.extract.attribution import find_attributions


def test_an_adverbial_clause_after_the_speech_clause_is_not_one(nlp):
    text = (
        "The federal government will review its screening rules, Industry Minister Melanie Joly said "
        "Tuesday, days after a consortium agreed to buy a stake in a port terminal."
    )
    assert text[0:54] == "The federal government will review its screening rules"
    assert found(nlp, text) == [("indirect", "said", 0, 54, "Industry Minister Melanie Joly")]


def test_a_sentence_after_a_semicolon_is_not_a_speech_clause(nlp):
    text = "The province offered to buy the land; the family refused."
    assert found(nlp, text) == []


def test_a_statement_not_made_is_not_reported_speech(nlp):
    text = (
        "His office did not say when the appeal would be filed. "
        "The company declined to say whether it would appeal."
    )
    assert found(nlp, text) == []
    # PolNeAR annotates both, so the parc profile keeps them, but not as speech
    parc = find_attributions(nlp(text), profile="parc")
    assert [(a.cue.text, a.content.text, a.act) for a in parc] == [
        ("say", "when the appeal would be filed", "stance"),
        ("declined", "to say whether it would appeal", "stance"),
    ]


def test_a_cue_verb_inside_an_indirect_question_is_not_reported_speech(nlp):
    text = (
        "The premier said she would write to Ottawa. "
        "Her office did not say when the government would respond to the letter."
    )
    assert text[17:42] == "she would write to Ottawa"
    assert found(nlp, text) == [("indirect", "said", 17, 42, "The premier")]


def test_a_time_adjunct_after_the_cue_is_not_part_of_the_content(nlp):
    text = "Premier Danielle Smith said on Monday her government would not collect the levy."
    assert text[38:79] == "her government would not collect the levy"
    assert found(nlp, text) == [("indirect", "said", 38, 79, "Premier Danielle Smith")]


def test_a_speech_participle_after_while_is_a_statement_of_its_own(nlp):
    text = (
        "Macklem said the rate was at the right level, while cautioning that the bank would respond "
        "if the outlook changed."
    )
    assert (text[13:44], text[63:113]) == (
        "the rate was at the right level",
        "that the bank would respond if the outlook changed",
    )
    assert found(nlp, text) == [
        ("indirect", "said", 13, 44, "Macklem"),
        ("indirect", "cautioning", 63, 113, "Macklem"),
    ]


def test_a_coordinated_negated_speech_verb_ends_the_content(nlp):
    text = (
        "A spokesperson said the province remained committed to the site "
        "but did not say how much it would spend."
    )
    assert text[20:63] == "the province remained committed to the site"
    assert found(nlp, text) == [("indirect", "said", 20, 63, "A spokesperson")]


@pytest.mark.parametrize("profile", ["speech", "parc"])
def test_a_quote_inside_a_medial_speech_clause_belongs_to_its_speaker(nlp, profile):
    text = (
        "During his years in office, Mr. Obama said, a majority of Americans have come to believe "
        '"that climate change is real."'
    )
    # the quote is not the majority's statement: "believe" sits inside what Mr. Obama said
    assert found(nlp, text, profile) == [("mixed", "said", 0, 119, "Mr. Obama")]
    assert len(text) == 119


@pytest.mark.parametrize("profile", ["speech", "parc"])
def test_a_perfect_speech_clause_after_as_has_its_speaker(nlp, profile):
    text = "The video does not answer whether Scott had a gun, as police have said."
    assert text[0:49] == "The video does not answer whether Scott had a gun"
    assert found(nlp, text, profile)[0] == ("indirect", "said", 0, 49, "police")


def test_a_quoted_show_title_before_the_speech_clause_is_not_its_quote(nlp):
    text = (
        "On CBC’s “Rosemary Barton Live,” Finance Minister François-Philippe Champagne said "
        "the deficit would shrink next year."
    )
    assert text[83:117] == "the deficit would shrink next year"
    assert found(nlp, text) == [("indirect", "said", 83, 117, "Finance Minister François-Philippe Champagne")]


def test_an_adjunct_after_the_speech_clause_leaves_the_quote_to_it(nlp):
    text = (
        "“You should resign,” Warren told Stumpf, after he admitted he had not been held "
        "accountable for the actions of his employees."
    )
    assert (text[1:18], text[59:124]) == (
        "You should resign",
        "he had not been held accountable for the actions of his employees",
    )
    assert found(nlp, text) == [
        ("direct", "told Stumpf", 1, 18, "Warren"),
        ("indirect", "admitted", 59, 124, "he"),
    ]


def test_a_quoted_label_the_parser_missed_is_the_content(nlp):
    text = (
        "The mayor called her rival “a part-time councillor.” "
        "She called it “a crucial step forward for transit.”"
    )
    got = found(nlp, text)
    assert [(g[0], g[1], text[g[2] : g[3]], g[4]) for g in got] == [
        ("mixed", "called", "her rival “a part-time councillor.”", "The mayor"),
        ("mixed", "called", "it “a crucial step forward for transit.”", "She"),
    ]
    assert [(g[2], g[3]) for g in got] == [(17, 52), (64, 104)]


def test_the_writers_apposition_after_the_content_is_left_out(nlp):
    text = "The premier complained that the vote had been rigged against her, a charge that party officials strongly denied."
    assert text[23:64] == "that the vote had been rigged against her"
    assert found(nlp, text) == [("indirect", "complained", 23, 64, "The premier")]


def test_a_relative_clause_on_a_name_at_the_end_is_the_writers(nlp):
    text = "The analyst said the nomination would go to Trump, who has a large lead in delegates."
    assert text[17:49] == "the nomination would go to Trump"
    assert found(nlp, text) == [("indirect", "said", 17, 49, "The analyst")]


def test_a_second_that_clause_after_and_is_still_what_was_said(nlp):
    text = (
        "The minister said the audit had found no fraud, and that the program would resume in the spring. "
        "He said the plan would not raise taxes, and the council approved it on Monday."
    )
    first = "the audit had found no fraud, and that the program would resume in the spring"
    assert (text[18:95], text[105:135]) == (first, "the plan would not raise taxes")
    assert found(nlp, text) == [
        ("indirect", "said", 18, 95, "The minister"),
        ("indirect", "said", 105, 135, "He"),
    ]


def test_a_trailing_according_to_is_not_part_of_the_content(nlp):
    text = "The union said the strike would begin on Monday, according to an email obtained by CBC News."
    assert (text[0:47], text[15:47]) == (
        "The union said the strike would begin on Monday",
        "the strike would begin on Monday",
    )
    # the email relays the union's statement: both levels, and neither takes the other's cue
    assert found(nlp, text) == [
        ("indirect", "according to", 0, 47, "an email"),
        ("indirect", "said", 15, 47, "The union"),
    ]


def test_a_verdict_or_evaluation_in_a_small_clause_is_not_speech(nlp):
    text = "A Saskatoon jury found former nurse Carol Heppner guilty of manslaughter on Friday."
    assert found(nlp, text) == []
    # PolNeAR annotates such evaluations, so the parc profile keeps it as a stance
    parc = find_attributions(nlp(text), profile="parc")
    assert [(a.cue.text, a.content.text, a.act) for a in parc] == [
        ("found", "former nurse Carol Heppner guilty of manslaughter on Friday", "stance")
    ]


def test_a_quoted_title_before_said_and_a_colon_quote(nlp):
    text = (
        "Asked about the deal during an appearance on “Power & Politics,” Carney said: "
        "“We are not there yet.”"
    )
    assert text[79:100] == "We are not there yet."
    assert found(nlp, text) == [("direct", "said", 79, 100, "Carney")]


def test_an_adjunct_of_the_saying_before_that_is_not_content(nlp):
    text = "A spokesperson for the consortium said in an e-mail that the company had complied with all Canadian laws."
    assert text[52:104] == "that the company had complied with all Canadian laws"
    assert found(nlp, text) == [("indirect", "said", 52, 104, "A spokesperson for the consortium")]


def test_what_a_response_answers_is_not_what_was_said(nlp):
    text = "The premier responded to the criticism in a radio interview on Tuesday."
    assert found(nlp, text) == []
    # PolNeAR marks the topic of a response, so the parc profile keeps it as a stance
    parc = find_attributions(nlp(text), profile="parc")
    assert [(a.cue.text, a.act) for a in parc] == [("responded to", "stance")]


def test_finding_oneself_somewhere_is_not_speech(nlp):
    text = "The senator found himself embroiled in controversy. He said he would not resign."
    assert text[60:79] == "he would not resign"
    assert found(nlp, text) == [("indirect", "said", 60, 79, "He")]


def test_the_writers_comment_after_the_statement_is_not_part_of_it(nlp):
    text = (
        'Mayor Ana Ruiz complained that the vote had been "rigged" against her, a charge that council '
        "leaders strongly denied."
    )
    assert text[26:69] == 'that the vote had been "rigged" against her'
    assert found(nlp, text) == [("mixed", "complained", 26, 69, "Mayor Ana Ruiz")]


def test_the_writers_comment_after_a_quoted_label_is_not_part_of_it(nlp):
    text = (
        'Councillor Tim Ward called the budget "reckless," an unusual rebuke from a member of the '
        "mayor's own caucus."
    )
    assert text[27:49] == 'the budget "reckless,"'
    assert found(nlp, text) == [("mixed", "called", 27, 49, "Councillor Tim Ward")]


def test_a_backshifted_coordinated_verb_is_still_reported(nlp):
    text = (
        'The company said it was "deeply sorry for the disruption" and had sent crews to the town. '
        'Mr. Gill told reporters that he had received the letter and would answer it "in good faith."'
    )
    assert text[17:88] == 'it was "deeply sorry for the disruption" and had sent crews to the town'
    assert text[114:182] == 'that he had received the letter and would answer it "in good faith."'
    assert found(nlp, text) == [
        ("mixed", "said", 17, 88, "The company"),
        ("mixed", "told reporters", 114, 182, "Mr. Gill"),
    ]


def test_what_someone_called_a_quoted_phrase_is_their_statement(nlp):
    text = (
        "The premier moved her finance minister to foreign affairs, in what she called "
        '"a team built for the next two years." The mood was what one aide called "chaos."'
    )
    assert text[79:115] == "a team built for the next two years."
    # the content is the quotation (marks included), a direct statement; a one-word label is a scare quote
    assert found(nlp, text) == [("direct", "called", 78, 116, "she")]


def test_the_writers_relative_clause_after_the_content_is_left_out(nlp):
    text = (
        'Tan said the move was "more about the currency than about inflation," which at 2.8% remains '
        "within the target range. Analysts warned that higher costs could weigh on growth, which slowed "
        "to 4.9% in the second quarter, the weakest pace in two years."
    )
    assert text[9:69] == 'the move was "more about the currency than about inflation,"'
    assert text[133:172] == "that higher costs could weigh on growth"
    assert found(nlp, text) == [("mixed", "said", 9, 69, "Tan"), ("indirect", "warned", 133, 172, "Analysts")]


def test_a_second_speaker_after_while_is_not_the_quote_fragments_speaker(nlp):
    text = (
        'Cerys Ifans said ministers had "sleepwalked into" the dispute, while the Welsh Conservatives '
        "called for the government to publish its assessment."
    )
    assert text[17:61] == 'ministers had "sleepwalked into" the dispute'
    assert text[104:144] == "the government to publish its assessment"
    assert found(nlp, text) == [
        ("mixed", "said", 17, 61, "Cerys Ifans"),
        ("indirect", "called for", 104, 144, "the Welsh Conservatives"),
    ]


def test_a_request_runs_to_what_the_addressee_is_to_do(nlp):
    text = (
        "The minister called on the festival to explain its decision in detail. "
        "The college asked for extra funding to cover the cost of the clinics."
    )
    assert text[23:69] == "the festival to explain its decision in detail"
    assert text[93:139] == "extra funding to cover the cost of the clinics"
    rows = found(nlp, text)
    assert [(r[1], r[2], r[3]) for r in rows] == [("called on", 23, 69), ("asked for", 93, 139)]


def test_one_of_after_the_content_is_the_writers_apposition(nlp):
    text = (
        "The union called on the province to fund air conditioning in every room, "
        "one of the jury's recommendations."
    )
    rows = found(nlp, text)
    assert len(rows) == 1 and text[rows[0][3] - 4 : rows[0][3]] == "room"


def test_a_coordinated_verb_sharing_the_reported_modal_is_still_reported(nlp):
    text = "The ministry said it would review the recommendations and respond within six months."
    assert text[18:83] == "it would review the recommendations and respond within six months"
    assert found(nlp, text) == [("indirect", "said", 18, 83, "The ministry")]


def test_a_long_subject_taken_for_the_objects_of_said_is_content_not_cue(nlp):
    text = (
        "Consultant Ingrid Solberg said fares on the routes where the two carriers compete, such as "
        "Lima-Cusco, could rise."
    )
    assert text[31:113] == (
        "fares on the routes where the two carriers compete, such as Lima-Cusco, could rise"
    )
    assert found(nlp, text) == [("indirect", "said", 31, 113, "Consultant Ingrid Solberg")]


def test_the_speakers_refusal_after_but_ends_the_content(nlp):
    text = (
        'A spokesperson said Ottawa was "supportive" of the return but declined to comment on '
        "whether it would help fund the centre."
    )
    assert text[20:57] == 'Ottawa was "supportive" of the return'
    assert found(nlp, text) == [("mixed", "said", 20, 57, "A spokesperson")]


def test_a_quoted_clause_coordinated_to_the_speech_verb_goes_on_with_the_words(nlp):
    text = 'Ms Ngata\'s family say they are relieved but "nothing will bring her back".'
    assert text[22:73] == 'they are relieved but "nothing will bring her back"'
    assert found(nlp, text) == [("mixed", "say", 22, 73, "Ms Ngata's family")]


def test_an_infinitive_after_a_quoted_fragment_is_no_speech_clause(nlp):
    text = (
        '"Our position is clear," he said, adding that the party was "in no hurry" to conclude a deal '
        "that would not last."
    )
    rows = found(nlp, text)
    assert [(r[0], r[1], text[r[2] : r[3]]) for r in rows] == [
        ("direct", "said", "Our position is clear"),
        ("mixed", "adding", 'that the party was "in no hurry" to conclude a deal that would not last'),
    ]


def test_a_that_clause_parsed_as_a_relative_clause_of_the_occasion_is_what_was_said(nlp):
    text = (
        "Foreign Ministry spokeswoman Olga Vinnikova said at a briefing that Moscow had sent a note of "
        "protest. The federation said in a news release that small employers were already coping with "
        "higher taxes. She told reporters outside the courthouse that the group would not leave. He spoke "
        "at a meeting that officials held on Monday."
    )
    assert text[63:101] == "that Moscow had sent a note of protest"
    assert text[141:199] == "that small employers were already coping with higher taxes"
    assert text[243:273] == "that the group would not leave"
    # "a meeting that officials held": a relative clause (its verb has no object besides "that")
    assert found(nlp, text) == [
        ("indirect", "said", 63, 101, "Foreign Ministry spokeswoman Olga Vinnikova"),
        ("indirect", "said in a news release", 141, 199, "The federation"),
        ("indirect", "told reporters", 243, 273, "She"),
    ]


def test_a_past_tense_read_as_a_participle_and_an_anonymity_request(nlp):
    text = (
        "Poland's minister of industry, Marek Zalewski, posted on X that he was travelling to the mine. "
        "One victim, who asked that her name not be published, said she lost $9,000. "
        "She asked that the report be published."
    )
    assert text[59:93] == "that he was travelling to the mine"
    # "asked that her name not be published" is the interview's condition, not a statement
    assert found(nlp, text) == [
        ("indirect", "posted", 59, 93, "Poland's minister of industry"),
        ("indirect", "said", 154, 169, "One victim"),
        ("indirect", "asked", 181, 209, "She"),
    ]


def test_a_noun_the_parser_coordinated_with_the_speech_verb_stays_in_the_content(nlp):
    text = 'Opposition leader Marc Leblanc said the plan contained "good ideas" but no guarantee they would be carried out.'
    assert text[36:110] == 'the plan contained "good ideas" but no guarantee they would be carried out'
    assert found(nlp, text) == [("mixed", "said", 36, 110, "Opposition leader Marc Leblanc")]


def test_a_participle_after_a_quoted_fragment_is_no_speech_clause(nlp):
    text = (
        'In a statement, the company said it was "grateful for the confidence" shown by the government '
        "and expected to begin construction next summer."
    )
    assert text[33:140].endswith("and expected to begin construction next summer")
    assert found(nlp, text) == [("mixed", "said", 33, 140, "the company")]


def test_a_clause_after_a_phrase_of_the_speech_verb_starts_at_its_own_subject(nlp):
    text = (
        "The mayor said after the vote she would not seek another term. Kovacs said during the hearing "
        "the company had not kept any records. The coach told reporters on the team bus the club would "
        "appeal."
    )
    assert text[30:61] == "she would not seek another term"
    assert text[94:130] == "the company had not kept any records"
    assert text[173:194] == "the club would appeal"
    # the parser makes the first clause adverbial and hangs the other two phrases on the clause
    assert found(nlp, text) == [
        ("indirect", "said", 30, 61, "The mayor"),
        ("indirect", "said", 94, 130, "Kovacs"),
        ("indirect", "told reporters", 173, 194, "The coach"),
    ]
