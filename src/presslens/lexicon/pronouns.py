"""Pronouns, lower case (compared with ``Token.lower_``)."""

from __future__ import annotations

from presslens.lexicon import words as _words

PERSON_PRONOUNS = _words("he she him her his hers himself herself")
PLURAL_PRONOUNS = _words("they them their theirs themselves")
FIRST_PERSON = _words("i me my we us our")
RELATIVE_PRONOUNS = _words("who whom whose which that")
PERSONAL_RELATIVES = _words("who whom whose")  # stand for people, never for a place
# The resolver's pronoun types ("he" never means an organisation; "it" never a person).
MALE_PRONOUNS = _words("he him his himself")
FEMALE_PRONOUNS = _words("she her hers herself")
IT_PRONOUNS = _words("it its itself")
THIRD_PERSON_POSSESSIVES = _words("his her its their")  # "her account": the owner of a document
# Determiners that make a description definite ("the governor", "this company").
DEFINITE_DETERMINERS = _words("the this that these those")
