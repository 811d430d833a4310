"""The framing model files: the format check at load and the hash of the word lists they were trained on."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from presslens.extract import framing
from presslens.extract.framing import model as framing_model

MODELS = Path(__file__).resolve().parent.parent / "src" / "presslens" / "models"
STEMS = (framing.MODEL_STEM, framing.ENCODER_STEM, framing.MPNET_STEM)

needs_model = pytest.mark.skipif(framing.load_model() is None, reason="framing model files not built")


def _copy(stem: str, folder: Path) -> Path:
    """Copy the shipped ``stem`` files into ``folder``; return the JSON's path."""
    for suffix in (".npz", ".json"):
        shutil.copy(MODELS / f"{stem}{suffix}", folder / f"{stem}{suffix}")
    return folder / f"{stem}.json"


def _edit(path: Path, change) -> None:
    settings = json.loads(path.read_text(encoding="utf-8"))
    change(settings)
    path.write_text(json.dumps(settings, indent=1) + "\n", encoding="utf-8")


@needs_model
@pytest.mark.parametrize("stem", STEMS)
def test_shipped_models_were_trained_on_the_current_word_lists(stem: str, caplog) -> None:
    meta = json.loads((MODELS / f"{stem}.json").read_text(encoding="utf-8"))["meta"]
    assert meta[framing.WORD_LISTS_KEY] == framing.word_lists_hash()
    with caplog.at_level(logging.WARNING):
        load = framing.FramingModel.load if stem == framing.MODEL_STEM else framing.EncoderHead.load
        load(MODELS, stem)
    assert "word lists" not in caplog.text


def test_the_hash_covers_every_list_and_ignores_order(monkeypatch) -> None:
    shipped = framing.word_lists_hash()
    lists = dict(framing_model.WORD_LISTS)
    monkeypatch.setattr(framing_model, "WORD_LISTS", {name: tuple(reversed(sorted(words))) for name, words in lists.items()})
    assert framing.word_lists_hash() == shipped, "a set has no order"
    for name, words in lists.items():
        monkeypatch.setattr(framing_model, "WORD_LISTS", {**lists, name: frozenset(words) | {"zzz"}})
        assert framing.word_lists_hash() != shipped, name


@needs_model
def test_another_base_format_is_refused_with_the_script_to_rerun(tmp_path: Path, caplog) -> None:
    path = _copy(framing.MODEL_STEM, tmp_path)
    _edit(path, lambda s: s.update(format=framing.BASE_FORMAT - 1))
    with pytest.raises(framing.ModelFormatError, match=r"format 2, but .* reads format 3; rebuild .*train_framing\.py"):
        framing.FramingModel.load(tmp_path)
    with caplog.at_level(logging.WARNING):
        assert framing.load_model(tmp_path) is None, "load_model still answers None for unusable files"
    assert "train_framing.py" in caplog.text


@needs_model
def test_another_head_format_is_refused(tmp_path: Path) -> None:
    path = _copy(framing.ENCODER_STEM, tmp_path)
    _edit(path, lambda s: s.pop("format"))
    with pytest.raises(framing.ModelFormatError, match=r"format None.*train_framing_encoder\.py"):
        framing.EncoderHead.load(tmp_path, framing.ENCODER_STEM)


@needs_model
def test_changed_word_lists_warn_with_the_list_file_and_the_script(tmp_path: Path, caplog) -> None:
    path = _copy(framing.MODEL_STEM, tmp_path)
    _edit(path, lambda s: s["meta"].update({framing.WORD_LISTS_KEY: "0" * 64}))
    with caplog.at_level(logging.WARNING):
        model = framing.FramingModel.load(tmp_path)
    assert model.techniques == framing.TECHNIQUES, "the model still loads"
    assert "src/presslens/lexicon/framing.py" in caplog.text and "training/train_framing.py" in caplog.text


@needs_model
def test_a_model_without_the_hash_warns(tmp_path: Path, caplog) -> None:
    path = _copy(framing.MPNET_STEM, tmp_path)
    _edit(path, lambda s: s["meta"].pop(framing.WORD_LISTS_KEY))
    with caplog.at_level(logging.WARNING):
        framing.EncoderHead.load(tmp_path, framing.MPNET_STEM)
    assert "records no hash" in caplog.text and "train_framing_encoder.py" in caplog.text


@needs_model
def test_save_writes_the_format_that_load_reads(tmp_path: Path) -> None:
    framing.load_model(use_encoder=False).save(tmp_path)
    framing.EncoderHead.load(MODELS).save(tmp_path)
    base = json.loads((tmp_path / f"{framing.MODEL_STEM}.json").read_text(encoding="utf-8"))
    head = json.loads((tmp_path / f"{framing.ENCODER_STEM}.json").read_text(encoding="utf-8"))
    assert (base["format"], head["format"]) == (framing.BASE_FORMAT, framing.HEAD_FORMAT)
    assert framing.load_model(tmp_path, use_encoder=True).encoder is not None
