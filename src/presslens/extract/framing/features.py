"""Token features of span identification: what the stage-1 and stage-2 taggers read.

Every sparse feature is read straight from spaCy's token arrays of a ``Doc`` (no second parse)
and hashed; the word lexicon stored in the model file adds buckets of valence and subjectivity;
stage 2 reads dense context summaries of the stage-1 logits. The quote marks come from
:mod:`presslens.lexicon.framing`, which the trained model depends on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
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

from presslens.lexicon.framing import QUOTE_TOKENS

# Stage-2 inputs are clipped to this many standard deviations.
Z_CLIP = 5.0

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


# ---------------------------------------------------------------------------------------------
# Token table: the non-space tokens of a Doc as numpy columns.
# ---------------------------------------------------------------------------------------------
_ATTRS = [LOWER, LEMMA, POS, TAG, DEP, SHAPE, SUFFIX, ENT_TYPE, ENT_IOB, HEAD, SENT_START,
          IS_SPACE, IS_PUNCT, IS_STOP, IDX, LENGTH]
(_C_LOWER, _C_LEMMA, _C_POS, _C_TAG, _C_DEP, _C_SHAPE, _C_SUFFIX, _C_ENT, _C_IOB, _C_HEAD, _C_SS,
 _C_SPACE, _C_PUNCT, _C_STOP, _C_IDX, _C_LEN) = range(len(_ATTRS))


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


_QUOTE_HASHES = np.array([hash_string(q) for q in QUOTE_TOKENS], dtype=np.uint64)
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


# The stage-2 inputs that lexicon_dense takes from _lexicon_derived, in column order.
_LEX_DENSE_FEATURES = ("strength", "subj", "pol", "any", "zipf", "w_strength", "w_subj", "s_mean", "s_max",
                       "s_sum", "s_subj")


def lexicon_dense(lx: np.ndarray, t: TokenTable) -> np.ndarray:
    """Dense stage-2 inputs from the lexicon: shape (n, len(_LEX_DENSE_FEATURES))."""
    d = _lexicon_derived(lx, t)
    return np.stack([d[k] for k in _LEX_DENSE_FEATURES], axis=1)


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
# Stage-1 scores and stage-2 inputs.
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

