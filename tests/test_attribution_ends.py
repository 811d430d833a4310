"""Issue 19: where an indirect content ends, decided by the cue model's part for content ends (the
parc profile only; ``learned_ends.py``). One short article per shape, with exact content offsets,
type, cue, source and act; the speech profile never asks the model."""

from __future__ import annotations

from dataclasses import replace

from presslens.extract.attribution import find_attributions
from presslens.extract.attribution.context import LEXICONS, Context
from presslens.extract.attribution.learned_cues import CueModel, load_cue_model
from presslens.extract.attribution.learned_ends import end_points


def _rows(doc, model=None) -> list[tuple[str, int, int, str | None, str, str]]:
    return [
        (
            a.cue.text,
            a.content.start,
            a.content.end,
            a.source.mention.text if a.source.mention else None,
            a.act,
            a.type,
        )
        for a in find_attributions(doc, profile="parc", cue_model=model)
        if a.cue is not None
    ]


def test_a_question_goes_on_over_its_topic(nlp):
    text = "The mayor asked Councillor Tim Ward about the delays at the new bus depot."
    assert text[16:73] == "Councillor Tim Ward about the delays at the new bus depot"
    doc = nlp(text)
    assert _rows(doc) == [("asked", 16, 73, "The mayor", "stance", "indirect")]
    # the rules alone end it at the object; the speech profile reports no statement here
    rules_only = replace(load_cue_model(), ends=None)
    assert _rows(doc, rules_only) == [("asked", 16, 35, "The mayor", "stance", "indirect")]
    assert find_attributions(doc) == []


def test_a_content_never_runs_into_the_next_attribution(nlp):
    text = (
        "The mayor asked Councillor Tim Ward about the delays at the depot, and Ward said the depot "
        "would open in May."
    )
    assert text[81:108] == "the depot would open in May"
    rows = _rows(nlp(text))
    assert rows[-1] == ("said", 81, 108, "Ward", "speech", "indirect")
    assert rows[0][0] == "asked" and rows[0][2] <= text.index(", and Ward")


def test_a_writers_apposition_after_the_clause_stays_out(nlp):
    text = "The chief said the force would hire 40 officers, a move that the union has long demanded."
    assert text[15:47] == "the force would hire 40 officers"
    assert _rows(nlp(text)) == [("said", 15, 47, "The chief", "speech", "indirect")]


def test_the_places_a_content_may_end(nlp):
    doc = nlp("The chief said the force would hire 40 officers, a move that the union has long demanded.")
    ctx = Context(doc, LEXICONS["parc"])
    # before the comma, before the relative clause, and at the sentence's end (never on the comma itself)
    assert [doc[j].text for j in end_points(ctx, 3, len(doc) - 1)] == ["officers", "move", "."]


def test_the_shipped_cue_model_has_a_part_for_content_ends_and_saves_it(nlp, tmp_path):
    model = load_cue_model()
    assert model is not None and model.ends is not None
    assert 0.0 < model.ends.threshold < 1.0
    model.save(tmp_path)
    again = CueModel.load(tmp_path)
    assert again.ends is not None and again.ends.names == model.ends.names
    names = ["bias", "rel=at", "next=END"]
    assert abs(again.ends.stop_probability(names) - model.ends.stop_probability(names)) < 1e-6
    # a feature the model never saw counts for nothing
    assert again.ends.stop_probability([*names, "no such feature"]) == again.ends.stop_probability(names)


def test_an_adjunct_of_the_criticism_stays_out(nlp):
    text = "Councillor Ward criticized the plan during a meeting on Tuesday in Halifax."
    assert text[27:35] == "the plan"
    assert _rows(nlp(text)) == [("criticized", 27, 35, "Councillor Ward", "stance", "indirect")]


def test_a_second_speaker_after_and_ends_the_content_however_it_is_parsed(nlp):
    # the parser hangs "Democrats" on "investigation" and "accused" on "said"
    text = (
        "Republicans said they're increasingly convinced the Justice Department mishandled the investigation "
        "and Democrats accused the GOP of stoking the issue."
    )
    assert text[17:99] == "they're increasingly convinced the Justice Department mishandled the investigation"
    for profile in ("parc", "speech"):
        rows = [(a.cue.text, a.content.start, a.content.end) for a in find_attributions(nlp(text), profile=profile)]
        assert rows[0] == ("said", 17, 99)
        assert rows[1][0] == "accused"
