"""Issue 20, item 4: the check-worthiness model's context layer (neighbouring lines) and its use in claims."""

from __future__ import annotations

import numpy as np
import pytest

from presslens.extract import claims as cl
from presslens.schema import Attribution, Source, Span


def _arrays() -> dict:
    with np.load(cl.MODEL_PATH, allow_pickle=False) as data:
        return {k: data[k] for k in data.files}


def _col(name: str) -> int:
    return cl.CONTEXT_FEATURES.index(name)


def test_context_features_keep_documents_apart() -> None:
    z = np.array([1.0, 2.0, 3.0, -4.0, 5.0])
    f = cl.context_features(z, [7, 7, 7, 8, 8])
    assert f.shape == (5, len(cl.CONTEXT_FEATURES))
    assert list(f[:, _col("score")]) == list(z)
    assert list(f[:, _col("prev")]) == [0.0, 1.0, 2.0, 0.0, -4.0]  # line 3 starts a new document
    assert list(f[:, _col("no_next")]) == [0.0, 0.0, 1.0, 0.0, 1.0]
    assert f[3, _col("max_near")] == 5.0 and f[2, _col("max_near")] == 2.0
    assert f[0, _col("above_local")] == pytest.approx(1.0 - 2.0)  # mean of 1, 2, 3
    assert not f[:, _col("alone")].any()


def test_without_runs_every_text_stands_alone() -> None:
    f = cl.context_features(np.array([0.5, -1.0]))
    assert f[:, _col("alone")].all() and f[:, _col("no_prev")].all()
    assert not f[:, _col("above_local")].any() and not f[:, _col("max_near")].any()
    assert cl.context_features(np.zeros(0)).shape == (0, len(cl.CONTEXT_FEATURES))


def test_a_context_layer_rewards_check_worthy_neighbours(tmp_path) -> None:
    arrays = _arrays()
    coef = np.zeros(len(cl.CONTEXT_FEATURES))
    coef[_col("score")], coef[_col("max_near")] = 1.0, 0.5
    arrays["context_coef"], arrays["context_intercept"] = coef, np.float64(0.0)
    path = tmp_path / "ctx.npz"
    np.savez_compressed(path, **arrays)
    model = cl.CheckworthyModel.load(path)
    middle = "That is the part of the plan that matters for families."
    strong = "Unemployment fell to 4.1 percent in March, the lowest rate since 2001."
    weak = "Thank you so much, it is great to be here tonight."
    beside_facts = model.score([strong, middle, strong], [0, 0, 0])[1]
    beside_greetings = model.score([weak, middle, weak], [0, 0, 0])[1]
    assert beside_facts > beside_greetings, (beside_facts, beside_greetings)
    # Separate documents: the same texts no longer lift each other.
    apart = model.score([strong, middle, strong], [0, 1, 2])[1]
    assert apart == pytest.approx(model.score([middle])[0])


def test_number_and_named_speaker_rank_above_a_greeting_in_an_article(nlp) -> None:
    text = ("Good evening and welcome, everyone, it is lovely to see you all.\n"
            '"Crime fell by 18 percent last year, to 3,200 offences," Chief Constable Maria Okafor said.\n'
            "Thanks again for coming out tonight.")
    quote = "Crime fell by 18 percent last year, to 3,200 offences,"
    s, cue = text.index(quote), text.index("said")
    attr = Attribution(type="direct", content=Span.of(text, s, s + len(quote)), cue=Span.of(text, cue, cue + 4),
                       source=Source(name="Maria Okafor", kind="person"))
    every = cl.find_claims(nlp(text), [attr], threshold=0.0)
    crime = [c for c in every if "Crime fell" in c.text]
    greetings = [c for c in every if "Good evening" in c.text or "Thanks again" in c.text]
    assert crime and greetings
    assert crime[0].speaker == "Maria Okafor"
    assert crime[0].checkworthy >= 0.5 > max(g.checkworthy for g in greetings)
    assert [c.text for c in cl.find_claims(nlp(text), [attr])] == [crime[0].text]


def test_a_model_without_context_layer_scores_texts_on_their_own() -> None:
    model = cl.CheckworthyModel.load()  # the shipped model has no context layer (see its card)
    assert model.context_coef is None
    one = model.score(["Exports rose by 12 percent last year."])
    assert one.shape == (1,) and 0.0 <= one[0] <= 1.0
    # Without a context layer neighbours change nothing.
    both = model.score(["Exports rose by 12 percent last year.", "Hello there, friends."], [0, 0])
    assert both[0] == pytest.approx(one[0])


def test_a_context_layer_of_the_wrong_size_is_a_clear_error(tmp_path) -> None:
    arrays = _arrays()
    arrays["context_coef"] = np.zeros(3)
    path = tmp_path / "bad.npz"
    np.savez_compressed(path, **arrays)
    with pytest.raises(ValueError, match="context layer"):
        cl.CheckworthyModel.load(path)
