"""Check-worthy claims: sentences and quoted contents that state a checkable fact.

Method
------
Check-worthiness is scored per sentence, in the sense of ClaimBuster (Hassan, Li & Tremayne,
CIKM 2015; Arslan, Hassan, Li & Tremayne, ICWSM 2020): a *check-worthy factual sentence* states a
fact the public would want verified. The shipped model (``presslens/models/checkworthy.npz``,
built by ``training/train_checkworthy.py``, card in ``models/checkworthy.md``) is a linear
classifier over three feature blocks:

* word unigrams and bigrams, lower-cased with every digit mapped to ``0`` so that "4.5%" and
  "7.2%" share features; sublinear TF-IDF, L2-normalised;
* character 3-5-grams inside word boundaries (the ``char_wb`` scheme), sublinear TF-IDF,
  L2-normalised;
* a few hand features: numbers, units and quantity words, comparatives, years, name-like
  capitalisation, first-person opinion markers, questions, greetings, length (the word lists are
  ``presslens.lexicon.checkworthy``; the model was trained with them);

optionally (``train_checkworthy.py --context``; the shipped model has none, see its card) a small
context layer (``context_features``) reweighs each span's linear score with its neighbours'.

The logistic-regression score is Platt-calibrated, so ``checkworthy`` is a probability in [0, 1].
It was trained on ClaimBuster crowd labels, CLEF CheckThat! 2020 Task 5 debates and CLEF
CheckThat! 2022 Task 1A English tweets (Nakov et al., CLEF 2020 and 2022 overviews).

Scoring needs only numpy: the vocabulary, IDF weights and coefficients are stored in a
compressed ``.npz`` (no pickle), and a document's candidate spans are scored in one batch.

Candidates are the document's sentences (split again at line breaks), the content span of every
attribution, and the parts of sentences that fall inside attribution contents. A claim inside an
attribution content carries the attribution's speaker and ``said_on``. A relayed statement
("According to TASS, Dujarric said …") is the inner speaker's: on overlap the inner piece wins over
the outer level's, whatever their scores. Overlapping candidates
are resolved greedily by score, so claims never overlap.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from presslens import settings
from presslens.extract.checkworthy import (  # the model lives there; these names stay importable from here
    CHAR_NGRAMS,
    CONTEXT_FEATURES,
    FORMAT_VERSION,
    HAND_FEATURES,
    MODEL_NAMES,
    MODEL_PATH,
    WORD_LISTS_FILE,
    WORD_LISTS_KEY,
    WORDLIKE,
    CheckworthyModel,
    char_features,
    check_word_lists,
    context_features,
    hand_features,
    load_model,
    normalise,
    score_texts,
    word_char_ngrams,
    word_features,
    word_lists_hash,
)
from presslens.schema import Attribution, Claim, Quantity

__all__ = [
    "find_claims",
    "ClaimsModelUnavailable",
    "MODEL_NAMES",
    "claims_model",
    "claims_model_name",
    "require_model",
    "CHAR_NGRAMS",
    "CONTEXT_FEATURES",
    "CheckworthyModel",
    "FORMAT_VERSION",
    "HAND_FEATURES",
    "MODEL_PATH",
    "WORD_LISTS_FILE",
    "WORD_LISTS_KEY",
    "char_features",
    "check_word_lists",
    "context_features",
    "hand_features",
    "load_model",
    "normalise",
    "score_texts",
    "word_char_ngrams",
    "word_features",
    "word_lists_hash",
]


class ClaimsModelUnavailable(RuntimeError):
    """A check-worthiness model was named but its extra or its weights are missing."""


def claims_model_name(name: str | None = None) -> str:
    """The check-worthiness model to use: ``name``, else ``PRESSLENS_CLAIMS_MODEL``, else ``"base"``.

    Installing the encoder extra never selects ``minilm``: it runs only when named. An unknown
    name raises ValueError (:class:`presslens.settings.SettingError` for the variable).
    """
    if name is None:
        return settings.get(settings.CLAIMS_MODEL)
    if name not in MODEL_NAMES:
        raise ValueError(f"unknown check-worthiness model {name!r}; choose from {', '.join(MODEL_NAMES)}")
    return name


def require_model(name: str | None = None) -> str:
    """The selected model's name, after checking (without loading it) that it can run."""
    chosen = claims_model_name(name)
    if chosen != "base":
        from presslens.extract import checkworthy_encoder as enc

        if not enc.available():
            raise ClaimsModelUnavailable(
                f"check-worthiness model {chosen!r} needs the encoder extra, which is "
                f"not installed: {enc.INSTALL} (or use --claims-model base)"
            )
        if not enc.ENCODER_MODEL_PATH.exists():
            raise ClaimsModelUnavailable(
                f"check-worthiness model {chosen!r}: no weights {enc.ENCODER_MODEL_PATH}"
            )
    return chosen


def claims_model(name: str | None = None) -> Any:
    """The loaded model (cached per process) of :func:`claims_model_name`; ClaimsModelUnavailable when it cannot run."""
    chosen = claims_model_name(name)
    try:
        return load_model() if chosen == "base" else load_model(None, chosen)
    except ImportError as exc:
        raise ClaimsModelUnavailable(str(exc)) from None


_STRIP = ' \t\r\n\u00a0"“”„«»,;:–—-'
_MIN_WORDS = 3


@dataclass(slots=True)
class _Unit:
    """A candidate span; ``attr`` indexes the attribution whose content holds it, if any."""

    start: int
    end: int
    attr: int | None
    whole_content: bool = False


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding spaces, quote marks and clause punctuation."""
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return start, end


def _sentence_spans(doc: Any, text: str) -> list[tuple[int, int]]:
    """Sentence character spans, split again at line breaks (headlines, bylines, list items)."""
    try:
        bounds = [(s.start_char, s.end_char) for s in doc.sents]
    except (ValueError, AttributeError):  # no sentence boundaries set
        bounds = [(0, len(text))]
    spans: list[tuple[int, int]] = []
    for s, e in bounds:
        pos = s
        for m in re.finditer(r"\n+", text[s:e]):
            spans.append((pos, s + m.start()))
            pos = s + m.end()
        spans.append((pos, e))
    return spans


def _content_spans(attributions: Sequence[Attribution], n: int) -> list[tuple[int, int, int]]:
    """Valid ``(start, end, index)`` of attribution contents inside a text of length ``n``."""
    out = []
    for i, a in enumerate(attributions or ()):
        c = getattr(a, "content", None)
        s, e = getattr(c, "start", None), getattr(c, "end", None)
        if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= n:
            out.append((s, e, i))
    return out


def _relaying(attributions: Sequence[Attribution]) -> set[int]:
    """Indexes of the outer levels of relayed statements, whose content holds another's statement.

    "According to TASS, Dujarric said the talks would resume" has TASS's content "Dujarric said the
    talks would resume" and, inside it, Dujarric's "the talks would resume" (``relayed_by`` TASS's
    mention). Where both pass the threshold the claim is Dujarric's piece (``_select``); the outer
    level is a claim only when the inner piece is not one ("Earnest said Obama has long called for
    tax fairness": the inner content is a noun phrase, the claim is Earnest's).
    """
    by_mention: dict[tuple[int, int], list[int]] = {}
    for i, a in enumerate(attributions):
        m = getattr(getattr(a, "source", None), "mention", None)
        if m is not None and isinstance(m.start, int) and isinstance(m.end, int):
            by_mention.setdefault((m.start, m.end), []).append(i)
    outer: set[int] = set()
    for a in attributions:
        relay, inner = getattr(a, "relayed_by", None), getattr(a, "content", None)
        if relay is None or inner is None:
            continue
        for i in by_mention.get((relay.start, relay.end), ()):
            held = getattr(attributions[i], "content", None)
            if (
                attributions[i] is not a
                and held is not None
                and held.start <= inner.start
                and inner.end <= held.end
            ):
                outer.add(i)
    return outer


def _cue_spans(attributions: Sequence[Attribution]) -> list[tuple[int, int]]:
    """Character spans of the attribution cues (``said``, ``according to``)."""
    out = []
    for a in attributions or ():
        cue = getattr(a, "cue", None)
        s, e = getattr(cue, "start", None), getattr(cue, "end", None)
        if isinstance(s, int) and isinstance(e, int) and s < e:
            out.append((s, e))
    return out


def _candidates(
    text: str,
    sentences: list[tuple[int, int]],
    contents: list[tuple[int, int, int]],
    cues: list[tuple[int, int]] | None = None,
) -> list[_Unit]:
    """Sentence pieces inside and outside attribution contents, plus whole multi-sentence contents.

    A piece outside every content that holds a cue (``Hale, the lone vote, called``) is the
    attribution's frame, not a claim, and is left out.
    """
    units: list[_Unit] = []
    for s, e in sentences:
        inside = [(max(s, cs), min(e, ce), i) for cs, ce, i in contents if cs < e and ce > s]
        units.extend(_Unit(a, b, i) for a, b, i in inside)
        pos = s
        for a, b, _ in sorted(inside):
            if a > pos:
                units.append(_Unit(pos, a, None))
            pos = max(pos, b)
        if pos < e:
            units.append(_Unit(pos, e, None))
    for cs, ce, i in contents:
        units.append(_Unit(cs, ce, i, whole_content=True))
    seen: set[tuple[int, int]] = set()
    kept: list[_Unit] = []
    for u in units:
        u.start, u.end = _trim(text, u.start, u.end)
        if u.attr is not None and text[u.start : u.start + 5].lower() == "that ":
            u.start += 5  # indirect-speech content keeps its complementiser; the claim does not
        key = (u.start, u.end)
        if key in seen or len(WORDLIKE.findall(text[u.start : u.end])) < _MIN_WORDS:
            continue
        if u.attr is None and any(u.start < ce and cs < u.end for cs, ce in cues or ()):
            continue
        seen.add(key)
        kept.append(u)
    return kept


def _select(
    units: list[_Unit],
    scores: np.ndarray,
    threshold: float,
    relaying: set[int] | frozenset[int] = frozenset(),
) -> list[tuple[_Unit, float]]:
    """Units at or above threshold; overlaps resolved by preferring sentence pieces, then pieces not of
    an outer level of a relayed statement (attribution indexes ``relaying``), then score."""
    chosen = [(u, float(p)) for u, p in zip(units, scores, strict=True) if p >= threshold]
    chosen.sort(key=lambda up: (up[0].whole_content, up[0].attr in relaying, -up[1], up[0].start))
    taken: list[tuple[int, int]] = []
    out: list[tuple[_Unit, float]] = []
    for u, p in chosen:
        if any(u.start < b and a < u.end for a, b in taken):
            continue
        taken.append((u.start, u.end))
        out.append((u, p))
    out.sort(key=lambda up: up[0].start)
    return out


def _link_quantities(claims: list[Claim], quantities: Sequence[Quantity] | None) -> None:
    """Give each claim the indexes of the quantities inside it, and each such quantity its claim's index."""
    if not quantities:
        return
    starts = [q.start if isinstance(q.start, int) else -1 for q in quantities]
    for ci, claim in enumerate(claims):
        for qi in range(bisect_left(starts, claim.start), len(quantities)):
            q = quantities[qi]
            if starts[qi] >= claim.end:
                break
            if isinstance(q.end, int) and q.end <= claim.end:
                claim.quantities.append(qi)
                q.claim = ci


def _speaker(a: Attribution) -> str | None:
    """The source's canonical name, else the mention as written."""
    src = getattr(a, "source", None)
    name = getattr(src, "name", None)
    if isinstance(name, str) and name:
        return name
    mention = getattr(getattr(src, "mention", None), "text", None)
    return mention if isinstance(mention, str) and mention else None


def find_claims(
    doc: Any,
    attributions: list[Attribution] | None = None,
    threshold: float = 0.5,
    quantities: Sequence[Quantity] | None = None,
    model: Any = None,
) -> list[Claim]:
    """Check-worthy claims of a parsed document, in text order.

    ``doc`` is a spaCy ``Doc`` (its ``text`` and sentence boundaries are read, nothing is re-parsed).
    Each sentence, and each attribution content, is scored for check-worthiness; spans scoring at
    least ``threshold`` become :class:`Claim` records with offsets into ``doc.text``. Claims that
    sit inside an attribution content carry its speaker and ``said_on``. ``quantities`` (the
    article's, in text order) are linked to the claims that hold them: ``Claim.quantities`` gets
    their indexes and ``Quantity.claim`` the claim's. ``model`` scores the spans (anything with
    ``score(texts, runs)``, such as :func:`claims_model`'s); None is the shipped base model.
    Never raises on odd input.
    """
    text = getattr(doc, "text", None)
    if not isinstance(text, str) or not text.strip():
        return []
    attributions = list(attributions or [])
    contents = _content_spans(attributions, len(text))
    units = _candidates(text, _sentence_spans(doc, text), contents, _cue_spans(attributions))
    if not units:
        return []
    try:
        # Sentence pieces in reading order are one document (each sees its neighbours); a whole
        # multi-sentence content, which overlaps them, stands alone after them.
        units.sort(key=lambda u: (u.whole_content, u.start, u.end))
        runs = [-1 - k if u.whole_content else 0 for k, u in enumerate(units)]
        scores = (model or load_model()).score([text[u.start : u.end] for u in units], runs)
    except (OSError, ValueError, KeyError):
        return []
    claims: list[Claim] = []
    for u, p in _select(units, scores, threshold, _relaying(attributions)):
        attr = attributions[u.attr] if u.attr is not None else None
        claims.append(
            Claim(
                start=u.start,
                end=u.end,
                text=text[u.start : u.end],
                checkworthy=round(min(max(p, 0.0), 1.0), 4),
                speaker=_speaker(attr) if attr is not None else None,
                said_on=getattr(attr, "said_on", None) if attr is not None else None,
            )
        )
    _link_quantities(claims, quantities)
    return claims
