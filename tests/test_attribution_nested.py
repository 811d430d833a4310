"""Issue 19: relayed (nested) statements, what each cue reports (``Attribution.act``) and passive reports
with no named speaker: one short article per shape, with exact content offsets, type, cue, source, act and relay."""

from __future__ import annotations

from presslens.extract.attribution import find_attributions

Row = tuple[str, str, str | None, tuple[int, int, str], str | None, str | None]


def found(nlp, text: str, profile: str = "speech") -> list[Row]:
    """(type, act, cue, (start, end, content), source mention, relayed_by) of each attribution."""
    out = []
    for a in find_attributions(nlp(text), profile=profile):
        for span in (a.content, a.cue, a.source.mention, a.relayed_by):
            assert span is None or text[span.start : span.end] == span.text
        out.append(
            (
                a.type,
                a.act,
                a.cue.text if a.cue else None,
                (a.content.start, a.content.end, a.content.text),
                a.source.mention.text if a.source.mention else None,
                a.relayed_by.text if a.relayed_by else None,
            )
        )
    return out


def at(text: str, part: str) -> tuple[int, int, str]:
    """Offsets of ``part``, which occurs once in ``text``."""
    assert text.count(part) == 1
    start = text.index(part)
    return start, start + len(part), part


def test_according_to_and_a_speaker_give_both_levels(nlp):
    text = "According to TASS, Dujarric said the talks would resume next week."
    assert found(nlp, text) == [
        (
            "indirect",
            "speech",
            "According to",
            at(text, "Dujarric said the talks would resume next week"),
            "TASS",
            None,
        ),
        ("indirect", "speech", "said", at(text, "the talks would resume next week"), "Dujarric", "TASS"),
    ]


def test_a_medial_according_to_relays_the_subject_statement(nlp):
    text = "The company, according to a filing, said profits fell by a third."
    # the outer content runs around its cue, as a medial speech clause's does ('"…," he said, "…"')
    assert found(nlp, text) == [
        ("indirect", "speech", "according to", at(text, text[:-1]), "a filing", None),
        ("indirect", "speech", "said", at(text, "profits fell by a third"), "The company", "a filing"),
    ]


def test_a_report_of_a_named_speaker_inside_a_report(nlp):
    text = "Officials said Trump told them the wall would be built."
    assert found(nlp, text) == [
        (
            "indirect",
            "speech",
            "said",
            at(text, "Trump told them the wall would be built"),
            "Officials",
            None,
        ),
        ("indirect", "speech", "told them", at(text, "the wall would be built"), "Trump", "Officials"),
    ]


def test_a_final_according_to_hung_on_the_content_relays_the_statement(nlp):
    # the parser hangs "according" on "ask", a verb of the spokesman's content, not on "said"
    text = (
        "Government spokesman Pen Dara said on Monday that Cambodia would ask the International Court of "
        "Justice to rule on the disputed area, according to the state news agency."
    )
    rows = found(nlp, text)
    assert rows[0][2:5] == ("according to", at(text, text[: text.index(", according")]), "the state news agency")
    assert (
        "said",
        at(text, "that Cambodia would ask the International Court of Justice to rule on the disputed area"),
        "Government spokesman Pen Dara",
        "the state news agency",
    ) in [(r[2], r[3], r[4], r[5]) for r in rows]


def test_a_relayed_quote_and_its_continuation(nlp):
    text = 'According to CNN, Sanders said, "I ask you not to protest." "It is important."'
    rows = found(nlp, text)
    assert rows[0] == (
        "mixed",
        "speech",
        "According to",
        at(text, 'Sanders said, "I ask you not to protest."'),
        "CNN",
        None,
    )
    assert rows[1] == ("direct", "speech", "said", at(text, "I ask you not to protest."), "Sanders", "CNN")
    # the quote after it continues Sanders, still relayed by CNN
    assert rows[2][0] == "direct" and rows[2][3] == at(text, "It is important.")
    assert rows[2][4:] == ("Sanders", "CNN")
    assert len(rows) == 3


def test_what_is_not_a_relayed_statement(nlp):
    # modal: no statement was made yet
    text = "He said the union would call for a strike."
    assert found(nlp, text) == [
        ("indirect", "speech", "said", at(text, "the union would call for a strike"), "He", None)
    ]
    # a relative clause describes someone; it reports nothing
    text = "Aides said that anyone who complains about the rules will be fired."
    assert [r[5] for r in found(nlp, text)] == [None]
    # events that "highlight" something make no statement
    text = "The paper argued that the attacks highlight the threat the group poses."
    assert [r[5] for r in found(nlp, text)] == [None]
    # a pronoun subject is (almost always) the outer speaker: his own statement, not a relayed one
    text = "Sanders said he wants to cut taxes."
    assert found(nlp, text, "parc") == [
        ("indirect", "speech", "said", at(text, "he wants to cut taxes"), "Sanders", None)
    ]
    # "according to" with no speaker of its own inside is one level
    text = "According to police, the man was arrested on Friday."
    assert found(nlp, text) == [
        ("indirect", "speech", "According to", at(text, "the man was arrested on Friday"), "police", None)
    ]


ARTICLE = (
    "The senator believes that the bill will pass, but she hopes to avoid a fight. The governor endorsed "
    "Cruz, and aides said the economy was slowing. Critics were critical of the plan, though the minister "
    "is confident that the deal will hold. Her fear that the talks would fail proved right; his claim "
    "that the vote was rigged did not."
)


def test_the_parc_profile_tells_beliefs_and_stances_from_speech(nlp):
    text = ARTICLE
    assert found(nlp, text, "parc") == [
        ("indirect", "belief", "believes", at(text, "that the bill will pass"), "The senator", None),
        ("indirect", "belief", "hopes", at(text, "to avoid a fight"), "she", None),
        ("indirect", "stance", "endorsed", at(text, "Cruz"), "The governor", None),
        ("indirect", "speech", "said", at(text, "the economy was slowing"), "aides", None),
        ("indirect", "stance", "were critical of", at(text, "the plan"), "Critics", None),
        ("indirect", "belief", "is confident", at(text, "that the deal will hold"), "the minister", None),
        ("indirect", "belief", "fear", at(text, "that the talks would fail"), "Her", None),
        ("indirect", "speech", "claim", at(text, "that the vote was rigged"), "his", None),
    ]


def test_the_speech_profile_is_the_parc_speech_and_flags_belief_nouns(nlp):
    speech = found(nlp, ARTICLE)
    parc = found(nlp, ARTICLE, "parc")
    # a speech-only reader who filters the parc profile by act sees what the speech profile reports
    assert [r for r in parc if r[1] == "speech"] == [r for r in speech if r[1] == "speech"]
    # the cue nouns of belief are in both profiles; their act says what they are
    assert [r for r in speech if r[1] != "speech"] == [
        ("indirect", "belief", "fear", at(ARTICLE, "that the talks would fail"), "Her", None)
    ]


def test_a_stance_verb_with_a_speech_reading_is_speech_only_with_it(nlp):
    # "seems to": an evaluation without a source; "the figures suggest": an inference, not a speaker
    text = "The economy seems to be slowing. The figures suggest that prices will rise."
    assert [(r[1], r[2]) for r in found(nlp, text, "parc")] == [("stance", "seems"), ("stance", "suggest")]
    assert found(nlp, text) == []
    text = "The bank suggested that rates would rise."
    assert [(r[1], r[2]) for r in found(nlp, text, "parc")] == [("speech", "suggested")]


def test_a_passive_report_names_no_speaker(nlp):
    # PolNeAR annotates these with no source; the passive subject is part of what was said
    text = "He is said to be furious about the leak."
    assert found(nlp, text) == [("indirect", "speech", "is said", at(text, text[:-1]), None, None)]
    text = "The plan was described as a disaster."
    assert found(nlp, text) == [("indirect", "speech", "was described", at(text, text[:-1]), None, None)]
    # the one told is not the speaker
    text = "She was told that the job was hers."
    assert found(nlp, text) == [("indirect", "speech", "told", at(text, "that the job was hers"), None, None)]
    # ... but the one quoted is
    text = "The minister was quoted as saying that the talks had failed."
    assert found(nlp, text) == [
        (
            "indirect",
            "speech",
            "quoted as saying",
            at(text, "that the talks had failed"),
            "The minister",
            None,
        )
    ]
    # an expectation is a belief: the parc profile only
    text = "Growth is expected to slow next year."
    assert found(nlp, text, "parc") == [
        ("indirect", "belief", "is expected", at(text, text[:-1]), None, None)
    ]
    assert found(nlp, text) == []
    # an obligation, not a belief: "supposed" is no passive report
    assert found(nlp, "The mayor was supposed to be escorted by police.", "parc") == []
