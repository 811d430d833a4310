"""Issue 19, listed speech verbs no record read (PolNeAR train, session 17 counts): one short article
per frame, with exact content offsets, type, act, cue and source, in both profiles."""

from __future__ import annotations

from presslens.extract.attribution import find_attributions


def found(nlp, text: str, profile: str = "speech") -> list[tuple]:
    """(type, act, cue, content start, content end, source mention) of each attribution."""
    out = []
    for a in find_attributions(nlp(text), profile=profile):
        mention = a.source.mention.text if a.source.mention else None
        out.append((a.type, a.act, a.cue.text if a.cue else None, a.content.start, a.content.end, mention))
    return out


def test_a_final_speech_clause_after_a_conjunct_opened_by_but(nlp):
    text = (
        "The mill is hanging on, but it is under intense pressure from Asian imports, "
        "said the company's chief executive, Tom Smith."
    )
    assert text[0:75] == "The mill is hanging on, but it is under intense pressure from Asian imports"
    want = [("indirect", "speech", "said", 0, 75, "the company's chief executive, Tom Smith")]
    assert found(nlp, text) == want
    assert found(nlp, text, "parc") == want


def test_a_final_speech_conjunct_whose_comma_the_parser_gave_it(nlp):
    text = "The mayor was traveling to Cairo to visit her daughter Esther, the city posted on Facebook."
    assert text[0:61] == "The mayor was traveling to Cairo to visit her daughter Esther"
    want = [("indirect", "speech", "posted", 0, 61, "the city")]
    assert found(nlp, text) == want
    assert found(nlp, text, "parc") == want
