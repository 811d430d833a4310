"""Missed PolNeAR gold attributions counted by shape (``benchmarks/eval_polnear.py --shapes``), on a
short text written for the test with hand-made gold and predictions."""

from __future__ import annotations

from presslens.eval.miss_shapes import miss_shapes
from presslens.eval.polnear import GoldAttribution, PredItem

TEXT = (
    "The mayor said the bridge would reopen in May. "
    "Residents marveled that the repairs had taken so long. "
    "The council said its engineers had found cracks."
)


def _at(word: str, start: int = 0) -> tuple[int, int]:
    i = TEXT.index(word, start)
    return (i, i + len(word))


def test_misses_are_counted_by_shape(nlp):
    doc = nlp(TEXT)
    said, council_said = _at("said"), _at("said", 60)
    gold = [
        GoldAttribution((_at("the bridge would reopen"),), (said,), (), "said"),
        GoldAttribution((_at("the repairs had taken so long"),), (_at("marveled"),), (), "marveled"),
        GoldAttribution((_at("its engineers had found cracks"),), (council_said,), (), "said"),
    ]
    predicted = [
        # the mayor's statement found with a content that runs into the next sentence
        PredItem(((_at("the bridge")[0], _at("the repairs had taken so long")[1]),), (said,), (), "said"),
        PredItem((_at("its engineers had found cracks"),), (council_said,), (), "said"),
    ]
    shapes = miss_shapes(TEXT, doc, gold, predicted)
    assert shapes == {"cue found: content too long": 1, "inside another record (its cue in that content)": 1}


def test_a_cue_never_read_is_named_by_its_part_of_speech(nlp):
    doc = nlp(TEXT)
    gold = [GoldAttribution((_at("the repairs had taken so long"),), (_at("marveled"),), (), "marveled")]
    assert miss_shapes(TEXT, doc, gold, []) == {"not found: verb outside the lexicon": 1}
