"""A relayed statement ("According to TASS, Dujarric said …") is a claim of the inner speaker, never of the relay."""

from __future__ import annotations

from rich.console import Console

from presslens.extract import claims as cl
from presslens.report import render_report
from presslens.schema import Analysis, Article, Attribution, Source, Span

TEXT = "According to TASS, Dujarric said the UN had delivered 4,000 tonnes of food aid to Gaza in March."


def _span(part: str) -> Span:
    start = TEXT.index(part)
    return Span.of(TEXT, start, start + len(part))


def _attributions(*, relayed: bool = True) -> list[Attribution]:
    outer = Attribution(
        "indirect",
        _span("Dujarric said the UN had delivered 4,000 tonnes of food aid to Gaza in March"),
        _span("According to"),
        Source("TASS", "organization", _span("TASS")),
    )
    inner = Attribution(
        "indirect",
        _span("the UN had delivered 4,000 tonnes of food aid to Gaza in March"),
        _span("said"),
        Source("Stéphane Dujarric", "person", _span("Dujarric")),
        relayed_by=_span("TASS") if relayed else None,
    )
    return [outer, inner]


def test_the_claim_is_the_inner_statement_with_the_inner_speaker(nlp):
    doc = nlp(TEXT)
    found = cl.find_claims(doc, _attributions())
    assert [(c.text, c.speaker) for c in found] == [
        ("the UN had delivered 4,000 tonnes of food aid to Gaza in March", "Stéphane Dujarric")
    ]
    # Without the relay link (as before relayed statements were marked) the outer level, which
    # scores higher, won: TASS's claim holding "Dujarric said".
    loose = cl.find_claims(doc, _attributions(relayed=False))
    assert [(c.text[:13], c.speaker) for c in loose] == [("Dujarric said", "TASS")]


def test_the_outer_level_is_the_claim_when_the_inner_piece_is_not_one(nlp):
    doc = nlp(TEXT)
    inner, outer = cl.find_claims(doc, _attributions()), cl.find_claims(doc, _attributions(relayed=False))
    assert inner[0].checkworthy < outer[0].checkworthy, "the outer level scores higher"
    # A threshold between the two scores: only the outer level passes, and it is kept.
    between = (inner[0].checkworthy + outer[0].checkworthy) / 2
    assert [(c.text[:13], c.speaker) for c in cl.find_claims(doc, _attributions(), threshold=between)] == [
        ("Dujarric said", "TASS")
    ]


def test_a_relay_mention_elsewhere_does_not_drop_an_unrelated_content(nlp):
    text = 'TASS said "the ruble fell 12 percent against the dollar in 2024." Dujarric said the UN spent $4 million.'

    def span(part: str) -> Span:
        return Span.of(text, text.index(part), text.index(part) + len(part))

    tass = Attribution(
        "direct",
        span("the ruble fell 12 percent against the dollar in 2024."),
        span("said"),
        Source("TASS", "organization", span("TASS")),
    )
    # Marked as relayed by TASS, but TASS's content does not hold it: TASS's statement stays a candidate.
    cue = text.index("said the UN")
    dujarric = Attribution(
        "indirect",
        span("the UN spent $4 million"),
        Span.of(text, cue, cue + 4),
        Source("Dujarric", "person", span("Dujarric")),
        relayed_by=span("TASS"),
    )
    speakers = {c.speaker for c in cl.find_claims(nlp(text), [tass, dujarric])}
    assert speakers == {"TASS", "Dujarric"}


def test_pipeline_claim_of_a_relayed_statement(pipeline):
    analysis = pipeline.analyze(
        Article(text="Officials said Trump told them the border wall would cost $25 billion by 2020.")
    )
    relayed = [a for a in analysis.attributions if a.relayed_by is not None]
    assert [(a.source.mention.text, a.relayed_by.text) for a in relayed] == [("Trump", "Officials")]
    assert [(c.text, c.speaker) for c in analysis.claims] == [
        ("the border wall would cost $25 billion by 2020", "Trump")
    ]


def test_report_shows_relay_and_act():
    attributions = _attributions()
    belief = Attribution(
        "indirect",
        _span("the UN had delivered 4,000 tonnes"),
        _span("said"),
        Source("Ann Cole", "person", None),
        act="belief",
    )
    analysis = Analysis(Article(text=TEXT), [*attributions, belief])
    out = Console(record=True, width=200, color_system=None)
    render_report(analysis, out)
    printed = out.export_text()
    inner_line = next(
        line
        for line in printed.splitlines()
        if "the UN had delivered 4,000 tonnes of food" in line and "Dujarric said" not in line
    )
    assert inner_line.endswith("(relayed by TASS, as “Dujarric”)")
    outer_line = next(line for line in printed.splitlines() if "Dujarric said the UN" in line)
    assert "relayed by" not in outer_line and "belief" not in outer_line
    belief_line = next(line for line in printed.splitlines() if "Ann Cole" not in line and "belief" in line)
    assert "indirect belief said:" in belief_line
