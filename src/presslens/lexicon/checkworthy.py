"""Word features of the check-worthiness model (``presslens.extract.claims``).

The shipped model (``models/checkworthy.npz``) was trained with these lists: its hand features count
the words of each list in a sentence. Editing a list changes what the model reads, so retrain it
with ``training/train_checkworthy.py`` and report ``benchmarks/eval_checkworthy.py``. Lower case:
they are compared with the words of the lower-cased text.
"""

from __future__ import annotations

from presslens.lexicon import words as _words

# Words of amount and proportion.
QUANTITY_WORDS = _words(
    "thousand thousands million millions billion billions trillion trillions hundred hundreds dozen "
    "dozens half third quarter twice double doubled doubles triple tripled times majority average rate "
    "percent number amount total"
)
# Comparatives, superlatives and words of change.
COMPARATIVE_WORDS = _words(
    "more less fewer than most least highest lowest largest biggest smallest greatest increase increased "
    "decrease decreased rose risen fell fallen grew grown dropped doubled cut record higher lower larger "
    "bigger smaller worse better best worst only every since"
)
