"""The check-worthiness model: its features, numpy scoring, file format and word-list check.

``presslens.extract.claims`` (which re-exports these names) describes the method; the model card is
``models/checkworthy.md``, the training script ``training/train_checkworthy.py``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

from presslens.lexicon import checkworthy as _lexicon
from presslens.lexicon.checkworthy import COMPARATIVE_WORDS, QUANTITY_WORDS

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "checkworthy.npz"
FORMAT_VERSION = 1
WORD_LISTS_KEY = "word_lists_sha256"  # the array of the .npz holding word_lists_hash() at training time
WORD_LISTS_FILE = "src/presslens/lexicon/checkworthy.py"
_log = logging.getLogger(__name__)


def word_lists_hash() -> str:
    """SHA-256 of the word lists the hand features read (``presslens.lexicon.checkworthy``), order-free."""
    lists = {
        name: sorted(value)
        for name, value in vars(_lexicon).items()
        if name.isupper() and isinstance(value, frozenset | set | tuple | list)
    }
    return hashlib.sha256(json.dumps(lists, sort_keys=True).encode("utf-8")).hexdigest()


def check_word_lists(arrays: dict[str, Any], path: Path | str) -> bool:
    """Whether a model was trained on the current word lists; a warning names the script to rerun if not."""
    stored = str(arrays[WORD_LISTS_KEY]) if WORD_LISTS_KEY in arrays else None
    if stored == word_lists_hash():
        return True
    if stored is None:
        _log.warning(
            "check-worthiness model %s records no hash of the word lists in %s, so it cannot be checked "
            "against them; rerun training/train_checkworthy.py to record one",
            path,
            WORD_LISTS_FILE,
        )
    else:
        _log.warning(
            "check-worthiness model %s was trained on other word lists than those in %s now; its weights "
            "may no longer fit the features: rerun training/train_checkworthy.py",
            path,
            WORD_LISTS_FILE,
        )
    return False


# ---------------------------------------------------------------------------------------------
# Featurisation (shared by training and inference: training/train_checkworthy.py imports these)
# ---------------------------------------------------------------------------------------------

_URL = re.compile(r"https?://\S+|www\.\S+")
_HANDLE = re.compile(r"@\w+")
_DIGIT = re.compile(r"\d")
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"[^\W_]+|[%$€£]")
CHAR_NGRAMS = (3, 5)
_CHAR_CACHE_WORDS = 50_000  # words whose n-gram ids are memoised (a few MB at most)

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# The word patterns run on lower-cased text (faster than re.IGNORECASE, same result for English).
_PERCENT = re.compile(r"%|\bper ?cent\b|\bpercentage\b")
_MONEY = re.compile(r"[$€£¥]|\b(?:dollars?|euros?|pounds?|cents?|usd|eur|gbp)\b")
_WORD_RUN = re.compile(r"\w+")
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)s?\b")
_CAPITAL = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")
_OPINION = re.compile(
    r"\b(?:i think|i believe|i feel|i hope|i want|i'm going to|we must|we need|we should|we will|"
    r"should|must|let me|let's|i would|in my opinion|i guess)\b"
)
_GREETING = re.compile(
    r"\b(?:thank you|thanks|hello|good evening|good morning|welcome|congratulations|applause|"
    r"ladies and gentlemen|god bless)\b"
)
WORDLIKE = re.compile(r"[^\W\d_]{2,}")  # a word of two letters or more

HAND_FEATURES = (
    "has_number",
    "log_numbers",
    "percent",
    "money",
    "quantity_word",
    "comparative",
    "year",
    "log_capitalised",
    "opinion",
    "question",
    "exclamation",
    "greeting",
    "log_length",
    "short",
)


def normalise(text: str) -> str:
    """Lower-case, map digits to 0, replace URLs and @handles by placeholders, squeeze spaces."""
    text = _URL.sub(" httpurl ", text)
    text = _HANDLE.sub(" @user ", text)
    text = _DIGIT.sub("0", text.lower())
    return _SPACE.sub(" ", text).strip()


def word_features(norm: str) -> list[str]:
    """Word unigrams and bigrams of a normalised text."""
    toks = _TOKEN.findall(norm)
    return toks + [f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)]


def word_char_ngrams(word: str) -> list[str]:
    """Character n-grams of one space-padded word (the ``char_wb`` scheme)."""
    padded = f" {word} "
    grams: list[str] = []
    lo, hi = CHAR_NGRAMS
    for n in range(lo, hi + 1):
        if len(padded) <= n:
            grams.append(padded)
            break
        grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


def char_features(norm: str) -> list[str]:
    """Character n-grams of every word of a normalised text."""
    grams: list[str] = []
    for word in norm.split(" "):
        if word:
            grams.extend(word_char_ngrams(word))
    return grams


def hand_features(text: str) -> list[float]:
    """The hand features named in ``HAND_FEATURES``, computed on the original text."""
    low = text.lower()
    numbers = len(_NUMBER.findall(text))
    words = len(WORDLIKE.findall(text))
    caps = len(_CAPITAL.findall(text.strip()))
    runs = _WORD_RUN.findall(low)
    quant = sum(1 for w in runs if w in QUANTITY_WORDS)
    comp = sum(1 for w in runs if w in COMPARATIVE_WORDS)
    return [
        float(numbers > 0),
        math.log1p(numbers),
        float(bool(_PERCENT.search(low))),
        float(bool(_MONEY.search(low))),
        min(quant, 3) / 3.0,
        min(comp, 3) / 3.0,
        float(bool(_YEAR.search(text))),
        math.log1p(caps),
        float(bool(_OPINION.search(low))),
        float("?" in text),
        float("!" in text),
        float(bool(_GREETING.search(low))),
        math.log1p(words) / 4.0,
        float(words < 6),
    ]


# ---------------------------------------------------------------------------------------------
# The exported model, scored with numpy
# ---------------------------------------------------------------------------------------------


class CheckworthyModel:
    """A linear check-worthiness scorer loaded from the compact ``.npz`` export."""

    def __init__(self, arrays: dict[str, Any]) -> None:
        self.word_vocab = _vocab(arrays["word_terms"])
        self.char_vocab = _vocab(arrays["char_terms"])
        self.word_idf = arrays["word_idf"].astype(np.float64)
        self.char_idf = arrays["char_idf"].astype(np.float64)
        self.word_coef = arrays["word_coef"].astype(np.float64)
        self.char_coef = arrays["char_coef"].astype(np.float64)
        self.hand_coef = arrays["hand_coef"].astype(np.float64)
        self.intercept = float(arrays["intercept"])
        self.platt_a, self.platt_b = (float(x) for x in arrays["platt"])
        # Optional context layer (neighbouring lines' scores), absent from older models.
        ctx = arrays.get("context_coef")
        self.context_coef = None if ctx is None else ctx.astype(np.float64)
        if self.context_coef is not None and len(self.context_coef) != len(CONTEXT_FEATURES):
            raise ValueError(
                f"context layer has {len(self.context_coef)} weights, expected {len(CONTEXT_FEATURES)}"
            )
        self.context_intercept = float(arrays.get("context_intercept", 0.0))
        self._char_cache: dict[str, tuple[int, ...]] = {}

    @classmethod
    def load(cls, path: Path | str = MODEL_PATH) -> CheckworthyModel:
        """Read a model written by ``training/train_checkworthy.py``."""
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
        version = int(arrays.get("format_version", 0))
        if version != FORMAT_VERSION:
            raise ValueError(f"{path}: model format {version}, expected {FORMAT_VERSION}")
        check_word_lists(arrays, path)
        return cls(arrays)

    def _word_ids(self, norm: str) -> list[int]:
        vocab = self.word_vocab
        return [i for i in map(vocab.get, word_features(norm)) if i is not None]

    def _char_ids(self, norm: str) -> list[int]:
        cache, vocab = self._char_cache, self.char_vocab
        ids: list[int] = []
        for word in norm.split(" "):
            hit = cache.get(word)
            if hit is None:
                hit = tuple(i for i in map(vocab.get, word_char_ngrams(word)) if i is not None)
                if len(cache) < _CHAR_CACHE_WORDS:
                    cache[word] = hit
            ids.extend(hit)
        return ids

    def decision(self, texts: Sequence[str]) -> np.ndarray:
        """Raw linear scores (before calibration), one per text."""
        n = len(texts)
        if n == 0:
            return np.zeros(0)
        norms = [normalise(t) for t in texts]
        word = _block_dot([self._word_ids(s) for s in norms], self.word_idf, self.word_coef)
        char = _block_dot([self._char_ids(s) for s in norms], self.char_idf, self.char_coef)
        hand = np.asarray([hand_features(t) for t in texts], dtype=np.float64) @ self.hand_coef
        return word + char + hand + self.intercept

    def score(self, texts: Sequence[str], runs: Sequence[int] | None = None) -> np.ndarray:
        """Calibrated check-worthiness probabilities in [0, 1], one per text.

        With ``runs`` (the document of each text, texts in reading order; see ``context_features``)
        a model with a context layer also weighs each text's neighbours; without, texts stand alone.
        """
        z = self.decision(texts)
        if self.context_coef is not None:
            z = context_features(z, runs) @ self.context_coef + self.context_intercept
        z = self.platt_a * z + self.platt_b
        return 1.0 / (1.0 + np.exp(-np.clip(z, -40.0, 40.0)))


CONTEXT_FEATURES = ("score", "prev", "no_prev", "next", "no_next", "max_near", "above_local", "alone")
_NEAR, _LOCAL = 2, 10  # neighbours on each side for max_near, lines on each side for the local mean


def context_features(z: np.ndarray, runs: Sequence[int] | np.ndarray | None = None) -> np.ndarray:
    """Features of each text's raw score beside its neighbours' (``CONTEXT_FEATURES``), one row per text.

    ``runs[i]`` names the document of text ``i``; texts of one document are consecutive and in
    reading order. Without ``runs`` every text stands alone (no neighbours).
    """
    z = np.asarray(z, dtype=np.float64)
    n = len(z)
    run = np.arange(n) if runs is None else np.asarray(runs)
    out = np.zeros((n, len(CONTEXT_FEATURES)))
    out[:, 0] = z
    if n == 0:
        return out
    pos = np.arange(n)

    def shifted(k: int) -> tuple[np.ndarray, np.ndarray]:
        j = np.clip(pos + k, 0, n - 1)
        ok = (pos + k >= 0) & (pos + k < n) & (run[j] == run)
        return np.where(ok, z[j], 0.0), ok

    out[:, 1], has_prev = shifted(-1)
    out[:, 3], has_next = shifted(1)
    out[:, 2], out[:, 4] = ~has_prev, ~has_next
    near = [shifted(k) for k in range(-_NEAR, _NEAR + 1) if k]
    stack = np.stack([np.where(ok, v, -np.inf) for v, ok in near])
    best = stack.max(axis=0)
    out[:, 5] = np.where(np.isfinite(best), best, 0.0)
    total, count = np.zeros(n), np.zeros(n)
    for k in range(-_LOCAL, _LOCAL + 1):
        v, ok = shifted(k)
        total += v
        count += ok
    out[:, 6] = z - total / np.maximum(count, 1)
    out[:, 7] = ~(has_prev | has_next)
    return out


def _vocab(terms: np.ndarray) -> dict[str, int]:
    """Terms are stored as one newline-joined string; a term never contains a newline."""
    joined = str(terms)
    return {t: i for i, t in enumerate(joined.split("\n"))} if joined else {}


def _block_dot(rows: list[list[int]], idf: np.ndarray, coef: np.ndarray) -> np.ndarray:
    """Sublinear TF-IDF with L2 normalisation per row, dotted with ``coef``, for all rows at once."""
    n = len(rows)
    lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=n)
    if lengths.sum() == 0:
        return np.zeros(n)
    flat = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=int(lengths.sum()))
    row_of = np.repeat(np.arange(n, dtype=np.int64), lengths)
    # Count each (row, term) pair: unique over a combined key.
    key = row_of * (len(idf) + 1) + flat
    uniq, counts = np.unique(key, return_counts=True)
    r, t = np.divmod(uniq, len(idf) + 1)
    x = (1.0 + np.log(counts)) * idf[t]
    sq = np.bincount(r, weights=x * x, minlength=n)
    dot = np.bincount(r, weights=x * coef[t], minlength=n)
    norm = np.sqrt(sq)
    return np.divide(dot, norm, out=np.zeros(n), where=norm > 0)


MODEL_NAMES = ("base", "minilm")  # "minilm": the opt-in encoder model (extract/checkworthy_encoder.py)


@lru_cache(maxsize=4)
def load_model(path: str | None = None, name: str | None = None) -> Any:
    """Load the shipped (or a given) model once per process.

    ``name`` chooses the model: ``"base"`` (or None) the linear one, ``"minilm"`` the encoder
    model, which needs the ``encoder`` extra and is never chosen because that is installed.
    Both have ``score(texts, runs)``.
    """
    if name not in (None, *MODEL_NAMES):
        raise ValueError(f"unknown check-worthiness model {name!r}; choose one of {', '.join(MODEL_NAMES)}")
    if name == "minilm":
        from presslens.extract.checkworthy_encoder import ENCODER_MODEL_PATH, EncoderCheckworthyModel

        return EncoderCheckworthyModel.load(path or ENCODER_MODEL_PATH)
    return CheckworthyModel.load(path or MODEL_PATH)


def score_texts(texts: Sequence[str], path: str | None = None, name: str | None = None) -> np.ndarray:
    """Check-worthiness in [0, 1] for each text, scored in one batch."""
    return load_model(path, name).score([t if isinstance(t, str) else "" for t in texts])


# ---------------------------------------------------------------------------------------------
# Claims in a parsed document
# ---------------------------------------------------------------------------------------------
