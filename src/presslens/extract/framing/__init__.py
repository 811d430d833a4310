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

The package: ``features`` (token features of SI), ``model`` (the model classes and their files),
``loading`` (which model runs), ``spans`` (SI scoring and decoding), ``techniques`` (TC features
and classifier), ``encoder`` and ``mpnet`` (the encoders of the optional heads). This module is
the public API and runs both subtasks (:func:`find_framing`). The cue words and quote marks the
features read live in :mod:`presslens.lexicon.framing`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from presslens.extract.framing.features import (
    LEX_COLUMNS,
    Z_CLIP,
    TokenTable,
    lexicon_dense,
    lexicon_templates,
    lexicon_values,
    si_features,
    stage1_logits,
    stage1_scores,
    stage2_features,
    stage2_inputs,
    standardise,
    token_table,
)
from presslens.extract.framing.loading import _HEAD_STEMS as _HEAD_STEMS
from presslens.extract.framing.loading import (
    FRAMING_MODEL_VAR,
    FRAMING_MODELS,
    FramingModelUnavailable,
    encoder_wanted,
    framing_model_name,
    load_model,
    require,
)
from presslens.extract.framing.loading import _heads as _heads
from presslens.extract.framing.model import (
    BASE_FORMAT,
    ENCODER_STEM,
    HEAD_FORMAT,
    MODEL_DIR,
    MODEL_STEM,
    MPNET_STEM,
    WORD_LISTS_KEY,
    EncoderHead,
    FramingModel,
    ModelFormatError,
    encoder_inputs,
    table_vectors,
    with_encoder,
    word_lists_hash,
)
from presslens.extract.framing.spans import _score_doc, decode_spans, token_probabilities
from presslens.extract.framing.techniques import (
    TECHNIQUES,
    DocContext,
    _classify,
    classify_span,
    classify_spans,
    doc_context,
    tc_features,
    tc_vector,
)
from presslens.extract.framing.techniques import _tc_probs as _tc_probs
from presslens.schema import FramingSpan

__all__ = [
    # Running the models.
    "TECHNIQUES",
    "FRAMING_MODELS",
    "FRAMING_MODEL_VAR",
    "FramingModelUnavailable",
    "classify_span",
    "classify_spans",
    "decode_spans",
    "encoder_wanted",
    "find_framing",
    "framing_model_name",
    "load_model",
    "require",
    "token_probabilities",
    # The model files.
    "BASE_FORMAT",
    "ENCODER_STEM",
    "HEAD_FORMAT",
    "MODEL_DIR",
    "MODEL_STEM",
    "MPNET_STEM",
    "WORD_LISTS_KEY",
    "EncoderHead",
    "FramingModel",
    "ModelFormatError",
    "with_encoder",
    "word_lists_hash",
    # Features, for the training scripts and tests.
    "LEX_COLUMNS",
    "Z_CLIP",
    "DocContext",
    "TokenTable",
    "doc_context",
    "encoder_inputs",
    "lexicon_dense",
    "lexicon_templates",
    "lexicon_values",
    "si_features",
    "stage1_logits",
    "stage1_scores",
    "stage2_features",
    "stage2_inputs",
    "standardise",
    "table_vectors",
    "tc_features",
    "tc_vector",
    "token_table",
]
# Also imported above for tests, not part of the API: _HEAD_STEMS and _heads (head stems and the
# installed ones), _tc_probs (the technique probabilities of one span).


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
