"""Cue nouns and adjectives the lexicon does not read, found by a model (the parc profile).

PolNeAR marks many attributions whose cue is a noun or an adjective with a complement: "questions
about his path to the nomination", "their support for Cruz", "harsh words about immigrants", "an
attempt to insulate Melania", "is willing to …". The rules read a listed cue noun only in a few
shapes (``nonverbal.noun_candidate``); here a logistic regression over the word, its complement
(a that-clause, an infinitive, a content preposition), its possessor and its place in the sentence
decides whether such a noun or adjective is a cue. This module holds the examples' complements and
features; the weights are a second part of the cue model (``learned_cues.CueModel.nouns``, trained
by ``training/train_cue_model.py``) and the candidate is built by ``nonverbal.learned_noun_candidate``.
Only the parc profile asks it, and it never displaces a candidate the rules found (``Rank.LEARNED_CUE``).
"""

from __future__ import annotations

from spacy.symbols import ADJ, NOUN
from spacy.tokens import Token

from presslens.lexicon import attribution as lexicon

__all__ = ["NOUN_FEATURES", "complement", "noun_features", "possessor", "agent"]

_DEP_FEATURES = ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "ROOT", "conj", "appos", "acomp", "amod")
_POSS_ENT_FEATURES = ("PERSON", "ORG", "NORP", "GPE")
# The fixed columns of the noun part, before one column per known lemma.
NOUN_FEATURES: tuple[str, ...] = (
    "bias",
    "pos=NOUN",
    "pos=ADJ",
    "plural",
    "comp=that",
    "comp=to",
    "comp=clause",
    *(f"comp={p}" for p in sorted(lexicon.CONTENT_PREPOSITIONS)),
    *(f"dep={d}" for d in _DEP_FEATURES),
    "dep=other",
    "poss",
    "poss=PRON",
    "poss=PROPN",
    *(f"poss_ent={e}" for e in _POSS_ENT_FEATURES),
    "agent",
    "det=the",
    "det=a",
    "head=VERB",
    "head=AUX",
    "head_subject",
    "lemma=<other>",
)
_INDEX = {name: i for i, name in enumerate(NOUN_FEATURES)}


def complement(t: Token) -> tuple[Token, str] | None:
    """What noun or adjective ``t`` might report, and its kind: a that-clause ("that"), an infinitive
    ("to"), another clause ("clause", adjectives only) or a prepositional object (the preposition),
    taken from ``t``'s dependents right after it."""
    for c in t.rights:
        dep = c.dep_
        if c.i > t.i + 3:
            break
        if dep in ("acl", "ccomp", "appos") and c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark":
            return c, "that"
        if dep in ("acl", "xcomp") and any(x.dep_ == "aux" and x.lower_ == "to" for x in c.lefts):
            return c, "to"
        if dep == "ccomp" and t.pos == ADJ:
            return c, "clause"
        if dep == "prep" and c.lower_ in lexicon.CONTENT_PREPOSITIONS:
            obj = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
            if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):
                return c, c.lower_
            return None
    return None


def possessor(t: Token) -> Token | None:
    """The possessive dependent of ``t`` ("her support for …"), else None."""
    return next((c for c in t.children if c.dep_ == "poss"), None)


def agent(t: Token, before: int) -> Token | None:
    """The object of a "by"/"from" phrase of ``t`` before its complement ("criticism from Democrats of …")."""
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i < before:
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None


def noun_features(t: Token, kind: str, lemma_index: dict[str, int]) -> list[int]:
    """Column indexes that are on for noun or adjective ``t`` with a complement of ``kind``."""
    on = ["bias", "pos=NOUN" if t.pos == NOUN else "pos=ADJ", f"comp={kind}"]
    if t.tag_ in ("NNS", "NNPS"):
        on.append("plural")
    on.append(f"dep={t.dep_}" if t.dep_ in _DEP_FEATURES else "dep=other")
    poss = possessor(t)
    if poss is not None:
        on.append("poss")
        if poss.pos_ in ("PRON", "PROPN"):
            on.append(f"poss={poss.pos_}")
        if poss.ent_type_ in _POSS_ENT_FEATURES:
            on.append(f"poss_ent={poss.ent_type_}")
    if agent(t, len(t.doc)) is not None:
        on.append("agent")
    for c in t.lefts:
        if c.dep_ == "det" and c.lower_ in ("the", "a", "an"):
            on.append("det=the" if c.lower_ == "the" else "det=a")
    head = t.head
    if head.i != t.i and head.pos_ in ("VERB", "AUX"):
        on.append(f"head={head.pos_}")
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
            on.append("head_subject")
    cols = [_INDEX[name] for name in on if name in _INDEX]
    lemma = lemma_index.get(t.lemma_.lower())
    cols.append(len(NOUN_FEATURES) + lemma if lemma is not None else _INDEX["lemma=<other>"])
    return cols
