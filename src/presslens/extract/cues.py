"""The cue lexicon as the extractors read it: the word lists of ``presslens.lexicon`` and their hashes.

The lists themselves live in ``presslens.lexicon`` (``cues``, ``roles``, ``names``, ``pronouns``,
``quotes``); this module re-exports each of them under its old name, so ``cues.TITLES`` and the
like keep working, and adds :func:`hashes` for comparing lists with spaCy lemma ids.
"""

from __future__ import annotations

from spacy.strings import hash_string

from presslens.lexicon.cues import (
    ADJ_CUES,
    BELIEF_VERBS,
    CLAUSE_ONLY_VERBS,
    CUE_FRAME_NOUNS,
    CUE_LEADERS,
    CUE_PHRASES,
    INFINITIVE_CONTENT_VERBS,
    NOUN_CUES,
    NOUN_INFINITIVE_CUES,
    NOUN_PREP_CONTENT,
    OBJECT_CONTENT_VERBS,
    PARC_ONLY_VERBS,
    PREP_CONTENT,
    PROFILES,
    SPEECH_INFINITIVE_VERBS,
    SPEECH_NOUN_PREP,
    SPEECH_OBJECT_VERBS,
    SPEECH_PREP_VERBS,
    SPEECH_VERBS,
)
from presslens.lexicon.names import FEMALE_NAMES, MALE_NAMES
from presslens.lexicon.pronouns import FIRST_PERSON, PERSON_PRONOUNS, PLURAL_PRONOUNS, RELATIVE_PRONOUNS
from presslens.lexicon.quotes import (
    CLOSE_DOUBLE,
    CLOSE_SINGLE,
    OPEN_DOUBLE,
    OPEN_SINGLE,
    QUOTE_CHARS,
    STRAIGHT_DOUBLE,
    STRAIGHT_SINGLE,
)
from presslens.lexicon.roles import (
    DOCUMENT_WORDS,
    FEMALE_WORDS,
    GROUP_NOUNS,
    MALE_WORDS,
    ORG_ROLE_NOUNS,
    PERSON_ROLE_NOUNS,
    TITLE_MODIFIERS,
    TITLES,
)

__all__ = [
    "ADJ_CUES", "BELIEF_VERBS", "CLAUSE_ONLY_VERBS", "CLOSE_DOUBLE", "CLOSE_SINGLE", "CUE_FRAME_NOUNS",
    "CUE_LEADERS", "CUE_PHRASES", "DOCUMENT_WORDS", "FEMALE_NAMES", "FEMALE_WORDS", "FIRST_PERSON",
    "GROUP_NOUNS", "INFINITIVE_CONTENT_VERBS", "MALE_NAMES", "MALE_WORDS", "NOUN_CUES", "NOUN_INFINITIVE_CUES",
    "NOUN_PREP_CONTENT", "OBJECT_CONTENT_VERBS", "OPEN_DOUBLE", "OPEN_SINGLE", "ORG_ROLE_NOUNS",
    "PARC_ONLY_VERBS", "PERSON_PRONOUNS", "PERSON_ROLE_NOUNS", "PLURAL_PRONOUNS", "PREP_CONTENT", "PROFILES",
    "QUOTE_CHARS", "RELATIVE_PRONOUNS", "SPEECH_INFINITIVE_VERBS", "SPEECH_NOUN_PREP", "SPEECH_OBJECT_VERBS",
    "SPEECH_PREP_VERBS", "SPEECH_VERBS", "STRAIGHT_DOUBLE", "STRAIGHT_SINGLE", "TITLE_MODIFIERS", "TITLES",
    "hashes",
]  # fmt: skip


def hashes(words: frozenset[str] | set[str]) -> frozenset[int]:
    """The spaCy string hashes of ``words``, for comparing against ``Token.lemma`` without decoding."""
    return frozenset(hash_string(w) for w in words)
