"""Facts about the words of a source mention that the resolver's rules read: what a relative pronoun
stands for, kin with an owner, animate nouns, the kind of a generic source, a name parsed as a conjunct."""

from __future__ import annotations

from spacy.tokens import Token

from presslens.extract import cues
from presslens.lexicon import pronouns
from presslens.lexicon import speakers as lexicon
from presslens.schema import SourceKind

__all__ = [
    "after_one_of", "animate", "antecedent", "apposed_to_apposition", "comma_conjunct", "generic_kind", "is_possessed_kin",
]


def antecedent(noun: Token, pronoun: Token) -> Token:
    """The noun a relative pronoun stands for, from the noun its clause hangs on.

    A predicate noun stands for the subject ("Trump is a liar and birther who has pledged …"); a
    personal "who" skips the place or body its noun is from to the people ("Democrats on Capitol
    Hill, who have argued …", "a spokesman for the company, who said …").
    """
    top = noun
    while top.dep_ == "conj" and top.pos_ == "NOUN":
        top = top.head  # "a liar, xenophobe and birther who": the first of the predicate nouns
    if top.dep_ == "attr" and top.head.lemma_ == "be":
        subject = next((c for c in top.head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
    holder = noun.head.head
    if (
        pronoun.lower_ in pronouns.PERSONAL_RELATIVES
        and noun.dep_ == "pobj"
        and noun.ent_type_ != "PERSON"
        and (holder.ent_type_ in ("PERSON", "NORP") or holder.lemma_.lower() in cues.PERSON_ROLE_NOUNS | cues.GROUP_NOUNS)
    ):
        return holder
    return noun


def is_possessed_kin(root: Token) -> bool:
    """ "his mother", "the victim's son": a kin noun with an owner."""
    return root.lemma_.lower() in lexicon.KIN_NOUNS and any(c.dep_ == "poss" for c in root.children)


def animate(root: Token) -> bool:
    """A person or group noun ("a spokesman from the FBI" stays an unnamed source)."""
    lemma = root.lemma_.lower()
    return lemma in cues.PERSON_ROLE_NOUNS or lemma in cues.GROUP_NOUNS or root.ent_type_ in ("PERSON", "NORP")


def generic_kind(root: Token) -> SourceKind:
    lemma, lower = root.lemma_.lower(), root.lower_
    if lemma in cues.ORG_ROLE_NOUNS or lower in cues.ORG_ROLE_NOUNS:
        return "organization"
    if root.tag_ in ("NNS", "NNPS") or lemma in cues.GROUP_NOUNS or lower in cues.GROUP_NOUNS:
        return "group"
    if lemma in cues.PERSON_ROLE_NOUNS or lower in cues.PERSON_ROLE_NOUNS:
        return "person"
    return "unknown"


def comma_conjunct(root: Token, child: Token) -> bool:
    """A person's name the parser took for a conjunct of the role before it, with a comma and no "and"
    ("the Bayelsa Commissioner for Environment, Mrs Ebiere Alagoa, said")."""
    return (
        child.dep_ == "conj" and child.ent_type_ == "PERSON" and child.left_edge.i > 0
        and child.doc[child.left_edge.i - 1].text == "," and not any(c.dep_ == "cc" for c in root.children)
    )


def after_one_of(root: Token) -> Token:
    """The noun after "one of" ("operators" in "One of the largest operators"), else ``root``."""
    if root.lower_ != "one":
        return root
    return next((g for c in root.rights if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), root)


def apposed_to_apposition(root: Token) -> list[Token]:
    """Appositions of a role in apposition: "Its vice-president" parsed "vice" + "president", then
    ", Karin Dekker-Hall"."""
    return [g for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN" for g in c.children if g.dep_ == "appos"]
