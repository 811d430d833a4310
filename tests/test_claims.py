"""Check-worthy claims: model loading, scoring, offsets, speakers (texts written for these tests)."""

from __future__ import annotations

import time

import numpy as np
import pytest

from presslens.extract import claims as cl
from presslens.schema import Attribution, Claim, Source, Span

FACTS = [
    "Unemployment fell to 4.1 percent in March, the lowest rate since 2001.",
    "The city spent $45 million on road repairs last year, twice as much as in 2019.",
    "More than 3,000 people were admitted to hospital with influenza in January.",
    "Exports to China rose by 12 percent last year, to $540 billion.",
]
NOT_FACTS = [
    "Thank you very much, and good evening to everyone.",
    "I think we can do better, and I believe we will.",
    "What a wonderful day it is!",
    "Hello, welcome back to the show.",
]


def test_model_loads_fast_and_is_small() -> None:
    assert cl.MODEL_PATH.exists()
    assert cl.MODEL_PATH.stat().st_size < 20_000_000
    t0 = time.perf_counter()
    model = cl.CheckworthyModel.load()
    assert time.perf_counter() - t0 < 2.0
    assert len(model.word_vocab) > 1000 and len(model.char_vocab) > 1000
    assert len(model.word_coef) == len(model.word_vocab) == len(model.word_idf)
    assert len(model.hand_coef) == len(cl.HAND_FEATURES)


def test_facts_outscore_opinions_and_greetings() -> None:
    scores = cl.score_texts(FACTS + NOT_FACTS)
    facts, others = scores[: len(FACTS)], scores[len(FACTS) :]
    assert np.all((scores >= 0.0) & (scores <= 1.0))
    assert facts.min() > others.max(), (facts, others)
    assert np.all(facts >= 0.5) and np.all(others < 0.5)


def test_scoring_is_batch_independent_and_handles_odd_input() -> None:
    one = cl.score_texts([FACTS[0]])[0]
    batch = cl.score_texts(["", "   ", "!!!", "😀" * 50, FACTS[0], "x" * 10_000])
    assert batch[4] == pytest.approx(one, abs=1e-9)
    assert np.all(np.isfinite(batch)) and np.all((batch >= 0) & (batch <= 1))
    assert cl.score_texts([]).shape == (0,)


def test_featurisation_maps_digits_and_pads_words() -> None:
    norm = cl.normalise("GDP grew 4.5% in 2019 https://example.org/x @someone")
    assert norm == "gdp grew 0.0% in 0000 httpurl @user"
    assert "0 %" in cl.word_features(norm)
    assert cl.word_char_ngrams("in") == [" in", "in ", " in "]
    assert len(cl.hand_features("anything")) == len(cl.HAND_FEATURES)


def _attribution(text: str, content: str, speaker: str, mention: str, said_on: str) -> Attribution:
    s = text.index(content)
    m = text.index(mention)
    c = text.index(" said", s + len(content))
    return Attribution(
        type="direct",
        content=Span.of(text, s, s + len(content)),
        cue=Span.of(text, c + 1, c + 5),
        source=Source(name=speaker, kind="person", mention=Span.of(text, m, m + len(mention))),
        said_on=said_on,
    )


ARTICLE = (
    "Riverside council met on Tuesday.\n\n"
    '"We cut the deficit by $12 million, the largest reduction since 1998," Mayor Ann Lee said. '
    "It was a long evening. "
    "The city employs 2,400 people, up from 2,100 in 2015.\n"
    "Thank you all for coming, and have a lovely weekend!"
)


@pytest.fixture(scope="module")
def article_doc(nlp):
    return nlp(ARTICLE)


def test_find_claims_offsets_speaker_and_scores(article_doc) -> None:
    quote = "We cut the deficit by $12 million, the largest reduction since 1998,"
    attr = _attribution(ARTICLE, quote, "Ann Lee", "Mayor Ann Lee", "2026-03-03")
    claims = cl.find_claims(article_doc, [attr])
    assert claims and all(isinstance(c, Claim) for c in claims)
    for c in claims:
        assert ARTICLE[c.start : c.end] == c.text
        assert 0.5 <= c.checkworthy <= 1.0
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    assert all(a.end <= b.start for a, b in zip(claims, claims[1:], strict=False))

    quoted = [c for c in claims if "deficit" in c.text]
    assert len(quoted) == 1
    assert quoted[0].speaker == "Ann Lee" and quoted[0].said_on == "2026-03-03"
    assert attr.content.start <= quoted[0].start and quoted[0].end <= attr.content.end
    assert "Mayor Ann Lee said" not in quoted[0].text
    assert attr.cue is not None
    assert not any(c.start < attr.cue.end and attr.cue.start < c.end for c in claims)  # the frame is no claim

    plain = [c for c in claims if "2,400" in c.text]
    assert len(plain) == 1 and plain[0].speaker is None and plain[0].said_on is None
    assert not any("Thank you" in c.text or "long evening" in c.text for c in claims)


def test_speaker_falls_back_to_mention_and_threshold_filters(article_doc) -> None:
    quote = "We cut the deficit by $12 million, the largest reduction since 1998,"
    attr = _attribution(ARTICLE, quote, "x", "Mayor Ann Lee", "2026-03-03")
    attr.source.name = None
    claims = cl.find_claims(article_doc, [attr])
    assert [c.speaker for c in claims if "deficit" in c.text] == ["Mayor Ann Lee"]
    everything = cl.find_claims(article_doc, [attr], threshold=0.0)
    assert len(everything) > len(claims)
    assert cl.find_claims(article_doc, [attr], threshold=1.01) == []


def test_find_claims_never_raises_on_odd_input(nlp) -> None:
    doc = nlp('He said: "Unbalanced quote 42 percent')
    bad = Attribution(type="direct", content=Span(500, 900, "nowhere"), cue=None, source=Source(name=None))
    assert isinstance(cl.find_claims(doc, [bad]), list)
    assert cl.find_claims(nlp(""), []) == []
    assert cl.find_claims(nlp("\n\n \n"), None) == []
    assert cl.find_claims(object(), []) == []


def test_claims_reference_the_quantities_inside_them_by_index(article_doc) -> None:
    from presslens.extract.quantities import find_quantities

    quantities = find_quantities(article_doc)
    claims = cl.find_claims(article_doc, [], quantities=quantities)
    numeric = [c for c in claims if "2,400" in c.text]
    assert numeric and numeric[0].quantities
    for ci, claim in enumerate(claims):
        for qi in claim.quantities:
            q = quantities[qi]
            assert claim.start <= q.start < q.end <= claim.end
            assert q.claim == ci
    held = {qi for c in claims for qi in c.quantities}
    outside = [q for i, q in enumerate(quantities) if i not in held]
    assert all(q.claim is None for q in outside)
    assert any(quantities[qi].value == 2400 for qi in numeric[0].quantities)


def test_claims_without_quantities_reference_none(article_doc) -> None:
    assert all(c.quantities == [] for c in cl.find_claims(article_doc, []))


def test_claim_step_is_cheap_next_to_parsing(nlp) -> None:
    text = " ".join([ARTICLE.replace("\n", " ")] * 12)
    t0 = time.perf_counter()
    doc = nlp(text)
    parse = time.perf_counter() - t0
    cl.find_claims(doc, [])  # warm the model and caches
    t0 = time.perf_counter()
    cl.find_claims(doc, [])
    claim = time.perf_counter() - t0
    assert claim < max(0.25 * parse, 0.005), (claim, parse)


def test_attribution_frame_is_not_a_claim(nlp) -> None:
    text = 'Senator Mark Diaz, who has chaired the budget committee since 2019, called the plan "a quiet robbery".'
    s = text.index("a quiet")
    cue = text.index("called")
    attr = Attribution(
        type="mixed",
        content=Span.of(text, s, text.index('"', s)),
        cue=Span.of(text, cue, cue + len("called")),
        source=Source(name="Mark Diaz", kind="person"),
    )
    doc = nlp(text)
    assert any("since 2019" in c.text for c in cl.find_claims(doc, []))  # scored as a plain sentence
    assert not any("called" in c.text for c in cl.find_claims(doc, [attr]))
