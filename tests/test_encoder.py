"""The encoder extra: WordPiece splitting, window packing, vectors, and the framing head built on them."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import numpy as np
import pytest

from conftest import require
from presslens.extract import framing
from presslens.extract.framing import encoder

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "src" / "presslens" / "models"
HEAD_FILES = [MODELS / f"{framing.ENCODER_STEM}.npz", MODELS / f"{framing.ENCODER_STEM}.json"]

# A toy vocabulary written for these tests (ids are positions).
VOCAB = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##believ", "##able", "!", "cafe", "o", "'", "brien",
         "-", "mail", "e")


def _needs_extra():
    """Skip without the extra, except under CI, which installs it."""
    require(encoder.available(), "the encoder extra is not installed (pip install -e '.[dev,encoder]')")


def _dequantised():
    """``dequantised`` of ``training/encoder_layers.py`` (fine-tuning lives with the training scripts)."""
    spec = importlib.util.spec_from_file_location("encoder_layers", ROOT / "training" / "encoder_layers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.dequantised


def test_wordpiece_splits_like_bert_uncased() -> None:
    wp = encoder.WordPiece(VOCAB)
    assert wp.token("Unbelievable!") == (4, 5, 6, 7)
    assert wp.token("Café") == (8,), "lower case, accents stripped"
    assert wp.token("O'Brien") == (9, 10, 11)
    assert wp.token("e-mail") == (14, 12, 13)
    assert wp.token("zebra") == (1,), "a word with no full split is [UNK]"
    assert wp.token("un" * 60) == (1,), "very long words are [UNK]"
    assert wp.token("\u200b") == (), "nothing to read"


def test_pack_windows_covers_every_token_once_and_keeps_sentences_whole() -> None:
    rng = np.random.default_rng(0)
    counts = rng.integers(1, 4, size=500)
    sent = np.repeat(np.arange(50), 10)
    ranges = encoder.pack_windows(counts, sent, window=40)
    assert ranges[0][0] == 0 and ranges[-1][1] == 500
    assert all(a < b for a, b in ranges)
    assert all(b == c for (_, b), (c, _) in zip(ranges, ranges[1:], strict=False))
    for a, b in ranges:
        assert counts[a:b].sum() <= 40
        assert a == 0 or sent[a] != sent[a - 1], "cuts fall on sentence starts while sentences fit"


def test_pack_windows_splits_a_sentence_longer_than_a_window() -> None:
    counts = np.ones(100, dtype=np.int64)
    ranges = encoder.pack_windows(counts, np.zeros(100, dtype=np.int64), window=30)
    assert [b - a for a, b in ranges] == [30, 30, 30, 10]


def test_encoder_threads_follow_the_process_and_the_environment(monkeypatch, caplog) -> None:
    from concurrent.futures import ProcessPoolExecutor

    monkeypatch.delenv(encoder.THREADS_VAR, raising=False)
    cores = len(os.sched_getaffinity(0))
    assert encoder.default_threads() == max(1, min(cores, 4)), "a single process uses the idle cores"
    with ProcessPoolExecutor(1) as pool:
        assert pool.submit(encoder.default_threads).result() == 1, "a worker process keeps to one thread"
    monkeypatch.setenv(encoder.THREADS_VAR, "3")
    assert encoder.default_threads() == 3
    monkeypatch.setenv(encoder.THREADS_VAR, "many")
    assert encoder.default_threads() == max(1, min(cores, 4))
    assert "PRESSLENS_ENCODER_THREADS='many'" in caplog.text


@pytest.fixture(scope="module")
def head() -> framing.EncoderHead:
    _needs_extra()
    if not all(p.is_file() for p in HEAD_FILES):
        pytest.fail("the encoder head files are missing; run training/train_framing_encoder.py")
    return framing.EncoderHead.load(MODELS)


def test_vectors_depend_on_context(head, nlp) -> None:
    doc = nlp("The bank raised rates. They sat on the bank of the river.")
    t = framing.token_table(doc)
    v = head.vectors(t, doc.text)
    assert v.shape == (t.n, encoder.DIM)
    assert np.isfinite(v).all() and (np.abs(v).sum(axis=1) > 0).all()
    first, second = [i for i in range(t.n) if doc.text[t.start[i]:t.end[i]] == "bank"]
    cos = v[first] @ v[second] / np.linalg.norm(v[first]) / np.linalg.norm(v[second])
    assert 0.3 < cos < 0.99, "the same word in two senses gets related but different vectors"
    again = head.vectors(t, doc.text)
    np.testing.assert_array_equal(v, again)


def test_long_text_is_encoded_in_windows(head, nlp) -> None:
    doc = nlp(" ".join(["The committee approved the plan after a long debate."] * 80))
    t = framing.token_table(doc)
    v = head.vectors(t, doc.text)
    assert v.shape[0] == t.n > 2 * encoder.WINDOW
    assert (np.abs(v).sum(axis=1) > 0).all()


def test_encoder_head_is_used_when_asked_and_finds_loaded_language(head, nlp) -> None:
    from test_framing import INSULT, INSULT_WORDS, NEUTRAL

    base = framing.load_model(use_encoder=False)
    with_head = framing.with_encoder(base, head)
    assert with_head.encoder is not None and base.encoder is None
    assert with_head.encoder.si_w2.shape[0] == base.si_w2.shape[0] + 17 + encoder.DIM
    doc = nlp(INSULT)
    spans = framing.find_framing(doc, model=with_head)
    found = " ".join(s.text.lower() for s in spans)
    assert sum(w in found for w in INSULT_WORDS) >= 3
    assert len(framing.find_framing(nlp(NEUTRAL), model=with_head)) <= 1


def test_a_failing_encoder_falls_back_to_the_base_model(head, nlp, caplog) -> None:
    from test_framing import LOADED

    class Broken:
        def vectors(self, texts, sent):
            raise RuntimeError("onnxruntime session lost")

    broken = framing.with_encoder(framing.load_model(use_encoder=False), framing.EncoderHead.load(MODELS))
    broken.encoder._runtime = Broken()
    doc = nlp(LOADED)
    spans = framing.find_framing(doc, model=broken)
    assert spans, "the base stage 2 still finds the loaded language"
    assert spans == framing.find_framing(doc, model=framing.load_model(use_encoder=False))
    assert "encoder failed" in caplog.text


def test_an_installed_encoder_is_used_only_when_asked_for(head, monkeypatch) -> None:
    monkeypatch.delenv(framing.FRAMING_MODEL_VAR, raising=False)
    monkeypatch.delenv("PRESSLENS_ENCODER", raising=False)
    assert framing.load_model().encoder is None, "installed is not asked for: the default is the base model"
    assert framing.load_model(name="minilm").encoder.backbone == "minilm"
    monkeypatch.setenv(framing.FRAMING_MODEL_VAR, "minilm")
    assert framing.load_model().encoder.backbone == "minilm"
    assert framing.load_model(name="base").encoder is None, "the parameter wins over the variable"
    monkeypatch.setenv(framing.FRAMING_MODEL_VAR, "huge")
    with pytest.raises(ValueError, match="PRESSLENS_FRAMING_MODEL"):
        framing.load_model()


def test_the_pipeline_runs_the_framing_model_it_is_given(head, nlp) -> None:
    from presslens.pipeline import Options, Pipeline
    from presslens.schema import Article
    from test_framing import LOADED

    results = {}
    for name in ("base", "minilm"):
        pipeline = Pipeline(nlp, options=Options(extractors=("framing",), framing_model=name))
        results[name] = pipeline.analyze(Article(text=LOADED)).framing
    expected = framing.find_framing(nlp(LOADED), model=framing.load_model(name="minilm"))
    assert [(s.start, s.end) for s in results["minilm"]] == [(s.start, s.end) for s in expected]
    assert results["base"] == framing.find_framing(nlp(LOADED), model=framing.load_model(use_encoder=False))


def test_encoder_head_round_trip_and_size(head, tmp_path: Path) -> None:
    for p in HEAD_FILES:
        assert p.stat().st_size < 20 * 1024 * 1024
    with np.load(HEAD_FILES[0], allow_pickle=False) as z:
        assert all(z[k].dtype != object for k in z.files)
    head.save(tmp_path)
    again = framing.EncoderHead.load(tmp_path)
    assert again.vocab == head.vocab and again.layer == head.layer
    np.testing.assert_allclose(again.si_w2, head.si_w2, rtol=1e-6)
    assert again.layers.keys() == head.layers.keys()
    for name, value in head.layers.items():
        np.testing.assert_array_equal(again.layers[name], value)


def test_every_parameter_of_the_layers_is_found_in_the_graph() -> None:
    _needs_extra()
    graph = encoder.load_graph()
    names = encoder.layer_tensors(graph.graph)
    assert len(names) == 6 * 16, "six layers of four matrices, two feed-forward ones, their biases, two norms"
    values = _dequantised()(graph, {k: v for k, v in names.items() if k.startswith("encoder.layer.0.")})
    assert values["encoder.layer.0.attention.self.query.weight"].shape == (encoder.DIM, encoder.DIM)
    assert values["encoder.layer.0.intermediate.dense.weight"].shape == (encoder.DIM, 4 * encoder.DIM)
    assert values["encoder.layer.0.output.dense.weight"].shape == (4 * encoder.DIM, encoder.DIM)
    assert values["encoder.layer.0.output.LayerNorm.weight"].shape == (encoder.DIM,)


def test_fine_tuned_layers_replace_the_shipped_ones(head) -> None:
    graph = encoder.load_graph()
    names = {k: v for k, v in encoder.layer_tensors(graph.graph).items() if k.startswith("encoder.layer.1.")}
    original = _dequantised()(graph, names)
    ids = np.array([2, 1996, 14583, 8733, 2409, 2153, 1012, 3], dtype=np.int64)  # [CLS] … [SEP]
    plain = encoder.Encoder(head.vocab, layer=2).hidden(ids)
    same = encoder.Encoder(head.vocab, layer=2, layers=original).hidden(ids)
    np.testing.assert_allclose(same, plain, atol=2e-2, err_msg="the same values, stored as float16")
    changed = dict(original)
    changed["encoder.layer.1.output.LayerNorm.bias"] = original["encoder.layer.1.output.LayerNorm.bias"] + 1.0
    moved = encoder.Encoder(head.vocab, layer=2, layers=changed).hidden(ids)
    np.testing.assert_allclose(moved, plain + 1.0, atol=2e-2, err_msg="the last bias of layer 2 shifts its output")

