"""Span identification (SI): token probabilities from the two stages, and spans decoded from them."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from presslens.extract.framing.features import (
    TokenTable,
    si_features,
    stage1_logits,
    stage1_scores,
    stage2_inputs,
    standardise,
    token_table,
)
from presslens.extract.framing.loading import load_model
from presslens.extract.framing.model import FramingModel

_log = logging.getLogger(__name__)

# Characters the organisers trimmed from span edges in PTC v2 (plus other whitespace).
_EDGE_CHARS = " \n\t\r.,:;"


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

