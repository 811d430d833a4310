"""Word lists of the framing features (``presslens.extract.framing``).

The trained framing models depend on these lists: the base model (``models/framing.*``) reads
them in its span tagger and its technique classifier, and the encoder heads
(``models/framing-encoder.*``, ``models/framing-mpnet.*``) are trained on that tagger's scores.
Each model file stores a hash of the lists (``meta.word_lists_sha256``) and loading a model
warns when the lists no longer match it. After editing a list, retrain with
``training/train_framing.py``, then ``training/train_framing_encoder.py`` for each head.
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Quote marks as spaCy tokens: a token after an odd number of them in its paragraph is "inside
# quotes", and a sentence holding one is a quoting sentence (span identification).
QUOTE_TOKENS: tuple[str, ...] = ('"', "\u201c", "\u201d", "''", "``", "\u00ab", "\u00bb")

# Quote marks whose presence in a span's text is a technique feature.
SPAN_QUOTE_MARKS: tuple[str, ...] = ('"', "\u201c", "\u201d")

# Words of nation and belonging (a cue for Flag-Waving).
NATION_WORDS = _words("america american americans nation national patriot patriots patriotic country "
                      "flag homeland our we us people constitution freedom liberty")

# Words that cast doubt (a cue for Doubt).
DOUBT_WORDS = _words("whether really why doubt question questions questionable allegedly claim claims "
                     "supposedly so-called perhaps maybe")

# Words of cause and blame (a cue for Causal Oversimplification).
CAUSE_WORDS = _words("because cause caused causes therefore thus so result lead led blame blamed")

# Every list above by a stable name: the hash stored in the model files covers exactly these,
# so a new list that the features read belongs here too.
WORD_LISTS: dict[str, tuple[str, ...] | frozenset[str]] = {
    "quote_tokens": QUOTE_TOKENS,
    "span_quote_marks": SPAN_QUOTE_MARKS,
    "nation": NATION_WORDS,
    "doubt": DOUBT_WORDS,
    "cause": CAUSE_WORDS,
}
