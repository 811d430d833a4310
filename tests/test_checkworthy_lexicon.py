"""Issue 17: the check-worthiness model records a hash of its word lists and checks it at load."""

from __future__ import annotations

import logging

import numpy as np

from presslens.extract import claims
from presslens.lexicon import checkworthy


def _arrays() -> dict:
    with np.load(claims.MODEL_PATH, allow_pickle=False) as data:
        return {k: data[k] for k in data.files}


def test_shipped_model_matches_the_current_word_lists(caplog):
    arrays = _arrays()
    assert str(arrays[claims.WORD_LISTS_KEY]) == claims.word_lists_hash()
    with caplog.at_level(logging.WARNING, logger="presslens.extract.claims"):
        claims.CheckworthyModel.load(claims.MODEL_PATH)
    assert not caplog.records


def test_an_edited_list_changes_the_hash_and_loading_warns(tmp_path, monkeypatch, caplog):
    before = claims.word_lists_hash()
    monkeypatch.setattr(checkworthy, "QUANTITY_WORDS", checkworthy.QUANTITY_WORDS | {"umpteen"})
    assert claims.word_lists_hash() != before
    path = tmp_path / "model.npz"
    np.savez_compressed(path, **_arrays())
    with caplog.at_level(logging.WARNING, logger="presslens.extract.claims"):
        model = claims.CheckworthyModel.load(path)
    assert "other word lists" in caplog.text and "train_checkworthy.py" in caplog.text
    assert model.score(["Unemployment fell to 3.5 percent in May."]).shape == (1,)


def test_a_model_without_a_hash_loads_with_a_warning(tmp_path, caplog):
    arrays = _arrays()
    arrays.pop(claims.WORD_LISTS_KEY)
    path = tmp_path / "old.npz"
    np.savez_compressed(path, **arrays)
    with caplog.at_level(logging.WARNING, logger="presslens.extract.claims"):
        claims.CheckworthyModel.load(path)
    assert "records no hash" in caplog.text

