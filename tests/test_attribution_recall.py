"""Issue 19, session 11: statements PolNeAR marks that the extractor missed or cut short — a quote
continued after a speech clause with a participle or a quoted show title, small contents, nouns and
adjectives as cues. One short article per shape, with exact content offsets, type, cue and source."""

from __future__ import annotations

from conftest import attribution_rows as found
from presslens.extract.attribution import find_attributions


def test_a_quote_after_an_adding_participle_continues_the_speech_clause(nlp):
    text = (
        '"The plan will work," Mayor Ana Ruiz said, adding that the council would vote next week. '
        '"We have waited long enough."'
    )
    assert text[90:117] == "We have waited long enough."
    assert found(nlp, text) == [
        ("direct", "said", 1, 19, "Mayor Ana Ruiz"),
        ("indirect", "adding", 50, 87, "Mayor Ana Ruiz"),
        ("direct", "said", 90, 117, "Mayor Ana Ruiz"),
    ]


def test_a_quoted_show_title_does_not_stop_a_continuation(nlp):
    text = (
        '"The tariffs are a mistake," Senator Dan Field said Sunday on CBC\'s "The House." '
        '"Families will pay for them."'
    )
    assert text[82:109] == "Families will pay for them."
    assert found(nlp, text) == [
        ("direct", "said", 1, 26, "Senator Dan Field"),
        ("direct", "said", 82, 109, "Senator Dan Field"),
    ]


def test_a_quoted_statement_in_between_still_stops_a_continuation(nlp):
    text = (
        '"The tariffs are a mistake," Senator Dan Field said, as protesters shouted "Cancel the deal now '
        'before it is too late." "Families will pay for them."'
    )
    rows = found(nlp, text)
    assert ("direct", "said", 1, 26, "Senator Dan Field") in rows
    assert not any(r[2] == text.index("Families") for r in rows if r[4] == "Senator Dan Field")


def test_parc_reads_a_pronoun_object_and_a_pro_form_as_small_contents(nlp):
    text = "The council proposed a new tax, but Mayor Ana Ruiz opposed it. Two of the judges said so in their ruling."
    assert (text[59:61], text[86:88]) == ("it", "so")
    parc = found(nlp, text, profile="parc")
    assert ("indirect", "opposed", 59, 61, "Mayor Ana Ruiz") in parc
    assert ("indirect", "said", 86, 88, "Two of the judges") in parc
    # the speech profile reports neither: a pronoun or "so" says nothing a reader can use
    assert found(nlp, text) == []


def test_an_asked_adjunct_is_a_question_put_by_someone_not_named(nlp):
    text = "Asked whether the plan would pass, Senator Dan Field said he was confident."
    assert (text[6:33], text[58:74]) == ("whether the plan would pass", "he was confident")
    assert found(nlp, text) == [
        ("indirect", "Asked", 6, 33, None),
        ("indirect", "said", 58, 74, "Senator Dan Field"),
    ]
    parc = find_attributions(nlp(text), profile="parc")
    assert [(a.cue.text, a.content.start, a.content.end, a.act, a.source.mention) for a in parc] == [
        ("Asked", 6, 33, "speech", None),
        ("said", 58, 74, "speech", parc[1].source.mention),
    ]
    # the parc records of act "speech" are the speech profile's records
    assert [a.content.start for a in parc if a.act == "speech"] == [6, 58]
    # "Asked about …" with a topic only stays parc-only
    parc = find_attributions(
        nlp("Asked about the plan, Senator Dan Field said he was confident."), profile="parc"
    )
    assert [(a.cue.text, a.act) for a in parc] == [("Asked about", "stance"), ("said", "speech")]


def test_parc_learned_nouns_report_their_prepositional_object(nlp):
    text = "The mayor raised questions about the budget on Monday. The union has doubts about the new pension plan."
    assert (text[33:43], text[82:102]) == ("the budget", "the new pension plan")
    parc = find_attributions(nlp(text), profile="parc")
    rows = [(a.cue.text, a.content.start, a.content.end, a.source.mention.text, a.act) for a in parc]
    assert rows == [
        ("questions about", 33, 43, "The mayor", "stance"),
        ("doubts about", 82, 102, "The union", "stance"),
    ]
    # the rules alone do not read them, and the speech profile never asks the model
    assert find_attributions(nlp(text), profile="parc", learned_cues=False) == []
    assert found(nlp, text) == []


def test_the_shipped_cue_model_has_a_part_for_nouns(nlp):
    from presslens.extract.attribution.learned_cues import load_cue_model

    model = load_cue_model()
    assert model is not None and model.nouns is not None
    doc = nlp("The mayor raised questions about the budget.")
    assert model.is_noun_cue(doc[3], "about")
    assert not model.is_noun_cue(doc[6], "about")  # "budget" is not a cue


def test_a_quote_opening_its_sentence_is_the_statement_even_with_a_clause_after_the_verb(nlp):
    text = (
        'Voters were waiting. "Anyone claiming that the economy is in decline is peddling fiction," '
        "Premier Ana Ruiz told the legislature and thousands watching at home who could easily guess "
        "whom she meant."
    )
    assert text[22:88] == "Anyone claiming that the economy is in decline is peddling fiction"
    rows = found(nlp, text)
    assert (
        "direct",
        "told the legislature and thousands watching at home",
        22,
        88,
        "Premier Ana Ruiz",
    ) in rows
    assert not any(r[1] and r[1].startswith("told") and r[2] > 88 for r in rows)


def test_a_final_speech_clause_parsed_as_a_conjunct_reports_the_clause_before_it(nlp):
    text = (
        "The mission includes a medical unit to assist Kurdish Peshmerga, Defence Minister Anita Anand "
        "told a Commons panel Wednesday."
    )
    assert text[0:63] == "The mission includes a medical unit to assist Kurdish Peshmerga"
    assert found(nlp, text) == [("indirect", "told a Commons panel", 0, 63, "Defence Minister Anita Anand")]


def test_a_quoted_show_title_before_a_half_quoted_clause_is_not_the_statement(nlp):
    text = (
        'Asked why she had not endorsed the mayor during an appearance on "Power and Politics," '
        'Premier Ana Ruiz said she had not "heard him say the things that need to be said."'
    )
    assert text[109:169] == 'she had not "heard him say the things that need to be said."'
    rows = found(nlp, text)  # the question put to her comes first, with no source
    assert [r[1:] for r in rows] == [("Asked", 6, 86, None), ("said", 109, 169, "Premier Ana Ruiz")]
    assert rows[1][0] == "mixed"


def test_a_coordinated_that_clause_hung_on_the_verb_stays_in_the_content(nlp):
    text = "The union said the talks had stalled, but that a deal was still possible."
    assert text[15:72] == "the talks had stalled, but that a deal was still possible"
    assert found(nlp, text) == [("indirect", "said", 15, 72, "The union")]


def test_a_prepositional_content_ends_before_the_writers_apposition(nlp):
    text = "Ruiz voted for Daniel Park, a lawyer who has never held office."
    rows = found(nlp, text, profile="parc")
    assert text[15:26] == "Daniel Park"
    assert ("indirect", "voted for", 15, 26, "Ruiz") in rows


def test_the_verb_that_takes_a_cue_noun_as_its_object_is_part_of_the_cue(nlp):
    text = "The union, which represents 7,000 workers, rejected the suggestion that workers were to blame."
    assert text[67:93] == "that workers were to blame"
    # the union did not suggest it: the cue says how the source stands to the statement
    assert found(nlp, text) == [("indirect", "rejected the suggestion", 67, 93, "The union")]


def test_parc_reads_a_reportedly_clause_from_its_subject_on(nlp):
    text = (
        "In total, the hackers have reportedly infiltrated more than 100 party offices. "
        "The reporter, who allegedly took the files, has left."
    )
    assert text[10:77] == "the hackers have reportedly infiltrated more than 100 party offices"
    parc = find_attributions(nlp(text), profile="parc")
    assert [(a.cue.text, a.content.start, a.content.end, a.source.mention, a.act) for a in parc] == [
        ("reportedly", 10, 77, None, "stance")
    ]
    assert found(nlp, text) == []  # the speech profile does not read them


def test_a_for_to_clause_parsed_as_an_adverbial_is_what_was_called_for(nlp):
    text = "The mayor also called for all candidates to lay out the cost of their plans."
    assert text[26:75] == "all candidates to lay out the cost of their plans"
    assert found(nlp, text) == [("indirect", "called for", 26, 75, "The mayor")]


def test_parc_keeps_a_negated_verb_with_a_topic_as_a_stance(nlp):
    text = "Spokesmen for the ministry would not discuss the investigation."
    assert text[45:62] == "the investigation"
    parc = find_attributions(nlp(text), profile="parc")
    assert [(a.cue.text, a.content.start, a.content.end, a.source.mention.text, a.act) for a in parc] == [
        ("discuss", 45, 62, "Spokesmen for the ministry", "stance")
    ]
    assert found(nlp, text) == []  # nothing was said


def test_a_verb_far_before_its_cue_noun_stays_out_of_the_cue(nlp):
    text = "The union rejected the long-standing and often-repeated suggestion that workers were to blame."
    assert text[67:93] == "that workers were to blame"
    assert found(nlp, text) == [("indirect", "suggestion", 67, 93, "The union")]


def test_a_show_title_with_a_lowercase_word_does_not_stop_a_continuation(nlp):
    text = (
        '"The tariffs are a mistake," Senator Dan Field said on CBC\'s "Power and Politics." '
        '"Families will pay for them."'
    )
    assert text[84:111] == "Families will pay for them."
    assert ("direct", "said", 84, 111, "Senator Dan Field") in found(nlp, text)


def _parsed(nlp, words: list[str], spaces: list[bool], heads: list[int], deps: list[str]):
    """A Doc with the given parse (a misparse the pipeline makes only in a long sentence)."""
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps)


def test_a_quoted_show_title_after_the_verb_is_not_its_subject(nlp):
    from presslens.extract.attribution.syntax import subject

    # '… Flynn, a top surrogate, said Thursday on Fox News's "Fox and Friends."' with "Flynn" parsed as an
    # apposition elsewhere and the title as the verb's only subject
    words = ["Flynn", ",", "said", "on", "Fox", "News", "'s", "“", "Fox", "and", "Friends", ".", "”"]
    spaces = [False, True, True, True, True, False, True, False, True, True, False, False, False]
    heads = [2, 0, 2, 2, 5, 3, 2, 2, 2, 8, 8, 2, 2]
    deps = [
        "dep",
        "punct",
        "ROOT",
        "prep",
        "compound",
        "pobj",
        "punct",
        "punct",
        "nsubj",
        "cc",
        "conj",
        "punct",
        "punct",
    ]
    doc = _parsed(nlp, words, spaces, heads, deps)
    assert subject(doc[2]) is None
    # a quoted title before the verb is its subject ('"60 Minutes" reported …')
    words = ["“", "Sixty", "Minutes", "”", "reported", "it", "."]
    spaces = [False, True, False, True, True, False, False]
    heads = [2, 2, 4, 2, 4, 4, 4]
    deps = ["punct", "compound", "nsubj", "punct", "ROOT", "dobj", "punct"]
    doc = _parsed(nlp, words, spaces, heads, deps)
    assert subject(doc[4]).text == "Minutes"


def test_an_imperative_is_nobodys_statement(nlp):
    text = (
        "Say what you will about the process, the turnout was remarkable. "
        "Mayor Tom Reyes said a decision would come by the fall."
    )
    assert text[86:119] == "a decision would come by the fall"
    assert found(nlp, text) == [("indirect", "said", 86, 119, "Mayor Tom Reyes")]


def test_a_speech_verb_hung_on_a_quoted_clause_takes_the_speaker_outside_the_quote(nlp):
    text = (
        'Ukrainian President Volodymyr Zelenskiy called the attack "a clear signal that Moscow is not '
        'interested in peace" and urged allies to send more air defence systems.'
    )
    # the addressee with what it is urged to do
    assert text[124:163] == "allies to send more air defence systems"
    assert ("indirect", "urged", 124, 163, "Ukrainian President Volodymyr Zelenskiy") in found(nlp, text)


def test_a_relative_clause_object_parsed_as_a_second_subject_is_not_the_speaker(nlp):
    text = "The company that makes the popular weight-loss drug says demand has outstripped supply for a third straight quarter."
    assert text[57:115] == "demand has outstripped supply for a third straight quarter"
    assert found(nlp, text) == [("indirect", "says", 57, 115, "The company")]


def test_the_second_half_of_a_quote_split_by_a_long_speech_clause_shares_its_cue(nlp):
    text = (
        "“What I fundamentally believe — and what the premier believes,” former Education Minister "
        "Ana Ruiz told the Globe and Mail in 2012, “is that the only way to end poverty is through education.”"
    )
    assert text[133:190] == "is that the only way to end poverty is through education."
    assert found(nlp, text) == [
        ("direct", "told the Globe and Mail", 1, 61, "former Education Minister Ana Ruiz"),
        ("direct", "told the Globe and Mail", 133, 190, "former Education Minister Ana Ruiz"),
    ]
