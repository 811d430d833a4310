"""Why a PolNeAR gold attribution was missed, by shape: its cue was found but the content is wrong,
it lies inside another record, or its cue was never read (a verb outside the lexicon, a listed verb
in a frame the rules do not read, a noun, …). Used by ``benchmarks/eval_polnear.py --shapes``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from presslens.eval.polnear import GoldAttribution, PredItem, charset, jaccard, match_items
from presslens.extract import cues
from presslens.lexicon import cues as cue_lexicon

__all__ = ["miss_shapes"]

_SPEECH = cues.SPEECH_VERBS | cues.SPEECH_OBJECT_VERBS | cues.SPEECH_PREP_VERBS | cues.SPEECH_INFINITIVE_VERBS
_STANCE = cues.OBJECT_CONTENT_VERBS | cues.PARC_ONLY_VERBS | cues.INFINITIVE_CONTENT_VERBS | cues.CLAUSE_ONLY_VERBS
_NOUNS = (
    cues.NOUN_CUES | set(cues.NOUN_PREP_CONTENT) | cues.NOUN_INFINITIVE_CUES
    | cue_lexicon.BELIEF_NOUNS | cue_lexicon.STANCE_NOUNS
)


def miss_shapes(
    text: str, doc: Doc, gold: Sequence[GoldAttribution], items: Sequence[PredItem], threshold: float = 0.5
) -> Counter[str]:
    """The shape of each gold attribution of one article that no prediction matches."""
    matched = match_items(text, [g.content for g in gold], items, threshold)
    found = {gi for gi, _ in matched}
    predicted = [charset(text, p.content) for p in items]
    shapes: Counter[str] = Counter()
    for gi, g in enumerate(gold):
        if gi not in found:
            shapes[_shape(text, doc, g, items, predicted)] += 1
    return shapes


def _shape(text: str, doc: Doc, g: GoldAttribution, items: Sequence[PredItem], predicted: list[set[int]]) -> str:
    content = charset(text, g.content)
    same_cue = [k for k, p in enumerate(items) if g.cue and p.cue and _overlap(g.cue, p.cue)]
    if same_cue:
        k = same_cue[0]
        mine = predicted[k]
        if len(items[k].content) > 1 and any(jaccard(content, charset(text, (f,))) >= 0.5 for f in items[k].content):
            return "cue found: two contents merged by the evaluator"
        if not content & mine:
            return "cue found: content elsewhere"
        if len(mine) < len(content):
            return "cue found: content too short"
        return "cue found: content too long" if content <= mine else "cue found: content shifted"
    overlapping = [k for k in range(len(items)) if content & predicted[k]]
    if overlapping:
        k = max(overlapping, key=lambda k: len(content & predicted[k]))
        cue = charset(text, g.cue) if g.cue else set()
        if cue and cue <= predicted[k]:
            return "inside another record (its cue in that content)"
        return "inside another record's content" if content <= predicted[k] else "overlaps another record's content"
    return "not found: " + _undetected(doc, g)


def _undetected(doc: Doc, g: GoldAttribution) -> str:
    cue_text = g.cue_text.strip().lower()
    if not cue_text:
        return "no cue"
    if cue_text in (":", "\u2014", "-", "--"):
        return "colon or dash"
    if cue_text.startswith("according"):
        return "according to"
    head = _cue_head(doc, g)
    if head is None:
        return "cue not aligned"
    lemma = head.lemma_.lower()
    if head.pos_ in ("VERB", "AUX"):
        passive = " (passive)" if any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children) else ""
        if lemma in _SPEECH:
            return "listed speech verb not read" + passive
        if lemma in cues.BELIEF_VERBS:
            return "belief verb not read"
        if lemma in _STANCE:
            return "listed stance verb not read"
        return "verb outside the lexicon"
    if head.pos_ == "NOUN":
        return "listed noun not read" if lemma in _NOUNS else "noun outside the lexicon"
    return "adjective cue" if head.pos_ == "ADJ" else f"other cue ({head.pos_})"


def _cue_head(doc: Doc, g: GoldAttribution) -> Token | None:
    span = doc.char_span(g.cue[0][0], g.cue[0][1], alignment_mode="expand") if g.cue else None
    if span is None or not len(span):
        return None
    for tags in (("VERB",), ("NOUN",), ("ADJ", "PROPN"), ("AUX",)):
        words = [t for t in span if t.pos_ in tags]
        if words:
            return words[0]
    return span[0]


def _overlap(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> bool:
    return any(s < f and t < e for s, e in a for t, f in b)
