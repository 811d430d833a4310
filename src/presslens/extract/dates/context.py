"""What the parse says around a time expression: the tense of its verb, names, capitalisation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np
from spacy.tokens import Doc, Span, Token

from presslens.lexicon.calendar import DECISION_HEADS, FUTURE_HEADS, FUTURE_MODALS, PAST_LEFT, TEMPORAL_LEFT
from presslens.lexicon.labels import NAME_LABELS


def _governing_verb(tok: Token) -> Token | None:
    """The verb whose tense dates ``tok``: the nearest verb above it, or a clause head the tagger took
    for a noun ("the department forecast on Friday": "forecast" with a subject), which has no tense."""
    t = tok
    for _ in range(10):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound"):
            return t
        if t.i != tok.i and t.pos_ == "NOUN" and any(c.dep_ == "nsubj" for c in t.children):
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _tense_of(verb: Token, direct: bool = True) -> str | None:
    """'past', 'future' or None (present or unknown) for a verb, from its tag and auxiliaries.

    A present progressive ("are holding a rally on Sunday") reads as future only when the date is
    an adverbial (``direct``), not a noun modifier: "is raising questions about Monday's debate"
    says nothing about when the debate was.
    """
    for _ in range(4):
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        words = {c.lower_ for c in auxes}
        if words & {"have", "has", "had", "'ve", "'s"} and verb.tag_ == "VBN":
            return "past"
        if words & FUTURE_MODALS:
            return "future"
        is_infinitive = any(c.tag_ == "TO" for c in auxes) or verb.dep_ == "xcomp"
        if is_infinitive and verb.head.i != verb.i:
            head = verb.head
            if head.lemma_.lower() in FUTURE_HEADS or head.lower_ in FUTURE_HEADS:
                return "future"
            if head.lemma_.lower() in DECISION_HEADS:
                return None
            verb = head
            continue
        if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes):
            return "past"
        if verb.tag_ == "VBN":
            if verb.lemma_.lower() in FUTURE_HEADS:
                return "future"
            return "past" if not auxes else None
        if verb.tag_ == "VBG" and words & {"is", "are", "am", "'re", "'m"}:
            return "future" if direct else None
        if verb.lemma_ == "be" and verb.tag_ in ("VBZ", "VBP") and not auxes and direct:
            return "future"  # "Their next game is Friday"
        return None
    return None


@dataclass
class _Ctx:
    doc: Doc
    pub: date | None
    text: str

    @cached_property
    def starts(self) -> np.ndarray:
        return self.doc.to_array("IDX")

    def token_at(self, char: int) -> Token | None:
        i = int(np.searchsorted(self.starts, char, side="right")) - 1
        return self.doc[i] if 0 <= i < len(self.doc) else None

    def span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")

    def tense(self, start: int, end: int) -> str | None:
        sp = self.span(start, end)
        if sp is None or len(sp) == 0:
            return None
        before = self.doc[max(sp.start - 3, 0) : sp.start]
        if any(t.lower_ in PAST_LEFT for t in before):
            return "past"  # "since January 1st", "less than forecast in July"
        root = sp.root
        verb = _governing_verb(root)
        if verb is None:
            return None
        direct = root.dep_ not in ("poss", "compound", "amod", "nmod", "nummod")
        return _tense_of(verb, direct)

    def previous_word(self, start: int) -> str:
        tok = self.token_at(start)
        if tok is None or tok.i == 0:
            return ""
        return self.doc[tok.i - 1].lower_

    def in_capitals_name(self, start: int) -> bool:
        """Whether the word at ``start`` is written in capitals after a capitalised proper noun
        ("USA TODAY"): part of a name, not a time."""
        tok = self.token_at(start)
        if tok is None or tok.i == 0 or not tok.text.isupper():
            return False
        before = self.doc[tok.i - 1]
        return before.pos_ == "PROPN" and before.text.isupper() and len(before.text) > 1

    def named(self, start: int) -> bool:
        """Whether the word at ``start`` belongs to a name ("Theresa May", "Black Friday Deals Inc.")."""
        tok = self.token_at(start)
        return tok is not None and tok.ent_type_ in NAME_LABELS

    def modifies_noun(self, end: int) -> bool:
        """Whether the word ending at ``end`` is a noun modifier ("Christmas trees")."""
        tok = self.token_at(end - 1)
        return tok is not None and tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.idx >= end

    def title_inside_sentence(self, start: int) -> bool:
        """Whether a word is capitalised mid-sentence, as in a name ("USA Today", "the Today show")."""
        tok = self.token_at(start)
        if tok is None or tok.i == 0 or not tok.is_title or tok.is_sent_start:
            return False
        prev = self.doc[tok.i - 1]
        return not (prev.is_punct or prev.is_space or prev.is_quote)

    def temporal_context(self, start: int) -> bool:
        """A bare month, year or holiday counts when NER says DATE or a temporal word precedes it."""
        tok = self.token_at(start)
        if tok is None:
            return False
        if tok.ent_type_ in ("DATE", "TIME"):
            return True
        if tok.ent_type_ and tok.ent_type_ not in ("DATE", "TIME"):
            return False
        return self.previous_word(start) in TEMPORAL_LEFT
