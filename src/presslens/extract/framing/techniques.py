"""Technique classification (TC): named features of a span, and the classifier over them.

Each span is scored by one-vs-rest logistic regressions (softmaxed) over hashed features of its
words, its surroundings and cues such as recurring wording (Repetition), capitals (Slogans) or
question marks (Doubt). The cue words come from :mod:`presslens.lexicon.framing`, which the
trained model depends on.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IS_ALPHA, IS_STOP, LEMMA, SENT_START
from spacy.tokens import Doc

from presslens.extract.framing.loading import load_model
from presslens.extract.framing.model import FramingModel
from presslens.lexicon.framing import CAUSE_WORDS, DOUBT_WORDS, NATION_WORDS, SPAN_QUOTE_MARKS

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

_WORD_RE = re.compile(r"\w+|[^\w\s]")


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
    feats["quote"] = float(any(q in span_text for q in SPAN_QUOTE_MARKS))
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
    feats["nation"] = float(any(w in NATION_WORDS for w in words))
    feats["doubt"] = float(any(w in DOUBT_WORDS for w in words))
    feats["cause"] = float(any(w in CAUSE_WORDS for w in words))
    return feats


def _bucket_str(feature: str, bits: int) -> int:
    """Bucket of a string feature (CRC-32 is stable across processes, unlike ``hash``)."""
    return zlib.crc32(feature.encode("utf-8", "surrogatepass")) & ((1 << bits) - 1)


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

