"""Scoring items (``presslens.eval.polnear.to_pred_items``): a quote continued in a new paragraph is
merged into its speaker's item for PolNeAR, and kept apart for our own gold."""

from __future__ import annotations

from presslens.eval.polnear import to_pred_items
from presslens.extract.attributions import find_attributions

TEXT = (
    "Ferry service resumes\n\n"
    '"We have checked every hull twice and the crossings are safe again," the operator\'s chief '
    "engineer, Maren Holt, told reporters.\n\n"
    '"The winter timetable starts next week, and we expect no further cancellations."\n'
)


def test_a_continued_quote_is_merged_or_kept_apart(nlp):
    found = find_attributions(nlp(TEXT))
    continued = TEXT.index("The winter timetable")
    assert any(a.content.start == continued and a.cue is None for a in found)
    merged = to_pred_items(found)
    apart = to_pred_items(found, merge_continuations=False)
    assert len(apart) == len(merged) + 1
    assert any(len(item.content) == 2 and item.content[1][0] == continued for item in merged)
    assert any(item.content == ((continued, continued + len(TEXT[continued:].split('"')[0])),) for item in apart)
