"""What the article itself says each entity is: titles before its name, appositions on either side
("X, the carrier's chief executive" / "The head of the WHO, X"), copulas ("X is the mayor"), ages;
and the name of an organisation described rather than named ("the Syrian government").

These fill a node's ``roles`` (role nouns: "governor", "spokesman"), ``descriptors`` (the other
describing words: "republican", "indiana") and ``ages``, which descriptions are matched against.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from presslens.extract import cues
from presslens.extract.name_forms import POSSESSIVE
from presslens.lexicon import speakers as lexicon
from presslens.lexicon.names import DEMONYMS
from presslens.nlp import doc_text, is_english_word

if TYPE_CHECKING:
    from presslens.extract.speakers.graph import Node

__all__ = ["learn_roles", "organisation_name", "press_office_owner"]

_AGE = re.compile(r"\b(\d{1,3})(?:-| )years?(?:-| )old\b")


def learn_roles(node: Node, span: SpacySpan) -> None:
    """Titles before the name, appositions on either side, copulas and ages."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and span.start - i <= 4:
        t = doc[i]
        word = t.lower_.rstrip(".")
        if (t.pos_ not in ("PROPN", "NOUN", "ADJ") and word not in cues.TITLES) or _couple_title(doc, i):
            break
        if word in cues.PERSON_ROLE_NOUNS or word in cues.ORG_ROLE_NOUNS or _title_of_name(node, t, span):
            node.roles.add(lexicon.TITLE_ABBREVIATIONS.get(word, word))
        node.descriptors.add(lexicon.DESCRIPTOR_SYNONYMS.get(word, word))
        if word in lexicon.HONORIFIC_GENDER and node.gender is None:
            node.gender = lexicon.HONORIFIC_GENDER[word]
        i -= 1
    if (title := _title_before_field(doc, i)) is not None:
        node.roles.add(title.lower_)  # "Minister of Rural Development Aminata Traoré-Keita", "… of the Economy Adebola Ogunleye"
        k = title.i - 1
        while k >= 0 and title.i - k <= 4 and doc[k].pos_ in ("PROPN", "NOUN", "ADJ") and doc[k].text[:1].isupper():
            word = doc[k].lower_  # "Iranian Deputy Foreign" of "… Minister for Political Affairs Mehdi Sharifnia"
            node.descriptors.add(lexicon.DESCRIPTOR_SYNONYMS.get(word, word))
            k -= 1
    root = span.root
    for t in span if node.kind == "person" else ():  # titles inside: "U.S. District Judge Anne Carter"
        word = t.lower_.rstrip(".")
        if t.i < root.i and (word in cues.PERSON_ROLE_NOUNS or word in cues.ORG_ROLE_NOUNS) and not _couple_title(doc, t.i):
            node.roles.add(lexicon.TITLE_ABBREVIATIONS.get(word, word))
            node.descriptors.update(
                lexicon.DESCRIPTOR_SYNONYMS.get(w.lower_, w.lower_) for w in span[: t.i - span.start] if w.is_alpha
            )
    for c in root.children:
        if c.dep_ == "appos" and not _in_brackets(c):  # "Trump (all times EDT)" is no role
            _learn_description(node, c)
        elif c.like_num and c.dep_ in ("appos", "npadvmod", "amod", "nummod") and c.i > root.i:
            _learn_age(node, c.text)
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        _learn_description(node, root.head)
    if node.kind == "organization" and _owns_stock(root):
        node.roles.add("company")  # "Shares of Han Entertainment fell", "Orthavia's stock"
    if root.dep_ in ("nsubj",) and root.head.lemma_ == "be":
        for c in root.head.children:
            if c.dep_ == "attr" and c.pos_ == "NOUN":
                _learn_description(node, c)
    j = span.end
    if j + 2 < len(doc) and doc[j].text == "," and doc[j + 1].like_num and doc[j + 2].text == ",":
        _learn_age(node, doc[j + 1].text)
    after = span[-1].whitespace_ + "".join(t.text_with_ws for t in doc[span.end : span.end + 8])  # doc.text is O(n)
    _learn_affiliation(node, after[:24])
    node.roles.update(lexicon.ROLE_IMPLIES[r] for r in list(node.roles) if r in lexicon.ROLE_IMPLIES)
    if {"chief", "executive"} <= node.roles:
        node.roles.add("ceo")  # "chief executive Ian Mwangi" is "the CEO"


def _owns_stock(root: Token) -> bool:
    """Whether a name is the owner of shares or stock: "shares of X", "X's stock", "X shareholders"."""
    head = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root.head
    return root.dep_ in ("pobj", "poss", "compound") and head.pos_ == "NOUN" and head.lemma_.lower() in lexicon.STOCK_NOUNS


def _title_before_field(doc: Doc, i: int) -> Token | None:
    """The capitalised title whose field ends at token ``i`` before a name ("Minister" of "Minister of
    Finance and Coordinating Minister of the Economy"): the nearest title followed by "of"/"for", with
    only capitalised words, "of", "for", "the" and "and" between."""
    for k in range(i, max(i - 10, 0), -1):
        word = doc[k]
        if word.lower_ in ("of", "for") and doc[k - 1].lower_ in cues.TITLES and doc[k - 1].text[:1].isupper():
            return doc[k - 1]
        if not (word.is_title or word.lower_ in ("of", "for", "the", "and")):
            return None
    return None


def _title_of_name(node: Node, word: Token, name: SpacySpan) -> bool:
    """A capitalised English noun right before a person's name, on no role list: the title the article
    gives them ("Coroner Mereana Tāwhai", later "the coroner")."""
    return (
        node.kind == "person" and word.i == name.start - 1 and word.is_title and word.pos_ in ("NOUN", "PROPN")
        and word.lower_ not in lexicon.GIVEN_NAMES and word.ent_type_ not in ("PERSON", "GPE", "ORG")
        and is_english_word(word.text) and not word.is_sent_start
    )


def press_office_owner(office: Token) -> Token | None | bool:
    """For a body's press office ("the ministry's press service", "the press service of the Baltic
    Fleet"), the token that names its owner; True for a bare "the press service"; False for no press office."""
    if office.lemma_.lower() not in lexicon.PRESS_OFFICE_NOUNS or not any(
        c.dep_ in ("compound", "amod", "nmod") and c.lower_ in lexicon.PRESS_OFFICE_WORDS for c in office.lefts
    ):
        return False
    owner = next((c for c in office.children if c.dep_ == "poss"), None)
    owner = owner or next(
        (g for c in office.rights if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None
    )
    return owner if owner is not None else True


def _couple_title(doc: Doc, i: int) -> bool:
    """ "Mrs." in "Mr. and Mrs. Khan": a couple's title, neither person's own."""
    return i >= 2 and doc[i - 1].lower_ in ("and", "&") and doc[i - 2].lower_.rstrip(".") in lexicon.HONORIFIC_GENDER


def _learn_description(node: Node, head: Token) -> None:
    if head.pos_ in ("NOUN", "PROPN") and not head.ent_type_:
        node.roles.add(head.lemma_.lower())
        node.roles.add(head.lower_)
    for c in head.lefts:
        word = c.lower_.rstrip(".")
        if word in cues.PERSON_ROLE_NOUNS or word in cues.ORG_ROLE_NOUNS or c.pos_ == "NOUN":
            node.roles.add(word)
    node.descriptors.update(
        lexicon.DESCRIPTOR_SYNONYMS.get(t.lower_, t.lower_)
        for t in head.subtree
        if t.pos_ in ("ADJ", "NOUN", "PROPN") and t.i != head.i
    )
    m = _AGE.search(head.doc[head.left_edge.i : head.i + 1].text)
    if m:
        _learn_age(node, m.group(1))


_AFFILIATION = re.compile(r"\s*[(,]\s*([DRI])-([A-Z][A-Za-z.]*(?: [A-Z][a-z.]+)?)\s*[),]")


def _learn_affiliation(node: Node, after: str) -> None:
    """ "(I-Vt.)" or ", R-Wis.," right after a name: the party and the state describe the person."""
    m = _AFFILIATION.match(after)
    if m is None:
        return
    state = lexicon.US_STATE_ABBREVIATIONS.get(m.group(2).lower().rstrip("."))
    if state is None:
        return  # "(D-Newport News)": a district, not a state
    node.descriptors.update(lexicon.AFFILIATION_PARTIES[m.group(1).lower()])
    node.descriptors.update(state.split())


def _learn_age(node: Node, number: str) -> None:
    if number.isdigit() and 10 <= int(number) <= 110:
        node.ages.add(int(number))


def _in_brackets(token: Token) -> bool:
    """Whether the phrase ``token`` heads opens with a parenthesis."""
    first = token.left_edge.i
    return first > 0 and token.doc[first - 1].text == "("


def _capital_of_line_start(word: Token) -> bool:
    """ "Health" of a subhead "Health board says …": a word capitalised where its line (or bullet) starts that the
    article also writes in lower case ("the islands' health board"); not "Saskatchewan government says"."""
    k = word.i
    while k > 0 and word.doc[k - 1].text in ("-", "•", "*", "–", "—"):
        k -= 1  # a key point's bullet: "- Transport agency says …"
    line_start = k == 0 or "\n" in word.doc[k - 1].text_with_ws
    return line_start and not word.ent_type_ and re.search(rf"\b{re.escape(word.lower_)}\b", doc_text(word.doc)) is not None


def organisation_name(noun: Token) -> str | None:
    """ "Clinton" + "campaign" → "Clinton campaign" for a specific organisational description, else None.

    The noun must be made specific by a name: a proper-noun or nationality modifier ("the Syrian
    government", "Syrian state TV", "the Chinese foreign ministry") or a proper-noun possessor
    ("Hungary's foreign ministry", named "Hungarian foreign ministry"), or for the police the place
    they are in ("Police in Virudhunagar" → "Virudhunagar police"). A person is named by the head of
    their name, without other modifiers ("Donald Trump's presidential campaign" → "Trump campaign").
    """
    if noun.tag_ == "NNS" and noun.lower_ != noun.lemma_.lower() and noun.lemma_.lower() not in lexicon.PLURAL_BODIES:
        return None  # "Ontario's universities": a set of organisations, not one
    parts = []
    for c in noun.lefts:
        if c.dep_ in ("compound", "amod", "nmod") and (
            (c.pos_ == "PROPN" and not _capital_of_line_start(c)) or c.ent_type_ in ("NORP", "GPE", "ORG")
        ):
            parts.append(c)
        elif c.dep_ == "poss" and c.pos_ == "PROPN":
            parts.append(c)
    if not parts and noun.lower_ in lexicon.FORCE_NOUNS:
        place = next((
            g for c in noun.children if c.dep_ == "prep" and c.lower_ == "in"
            for g in c.children if g.dep_ == "pobj" and g.ent_type_ == "GPE"
        ), None)  # "Police in Virudhunagar" are the Virudhunagar police
        return f"{noun.doc[place.left_edge.i : place.i + 1].text} {noun.lower_}" if place is not None else None
    if not parts or any(p.ent_type_ == "PERSON" and p.dep_ == "compound" and len(list(p.lefts)) for p in parts):
        return None
    if noun.lemma_.lower() in lexicon.ORG_NOUN_CLASSES["company"] and all(
        p.ent_type_ in ("GPE", "LOC", "NORP") for p in parts
    ):
        return None  # "the German carmaker", "the Cupertino, California-based company": a company described
    first = min(p.left_edge.i for p in parts)
    first = max([first, *(t.i + 1 for t in noun.doc[first : noun.i] if t.is_space and "\n" in t.text)])
    parts = [p for p in parts if p.i >= first]  # not a page's line above ("Related Stories")
    if not parts:
        return None
    if any(p.ent_type_ == "PERSON" for p in parts):
        words = [p.text for p in sorted(parts, key=lambda t: t.i)]
    else:
        words = [
            t.text for t in noun.doc[first : noun.i]
            if t.dep_ not in ("det", "punct") and (t.dep_ != "case" or t.head.ent_type_ in ("GPE", "LOC"))
            and not _in_brackets(t)
        ]  # a place keeps its possessive ("Hungary's foreign ministry"), others do not ("Clinton campaign")
    head = noun.text if noun.text.isupper() and len(noun.text) > 1 else noun.lower_
    proper = [t for t in noun.doc[first : noun.i] if not (_in_brackets(t) or t.is_punct)]
    if (
        noun.lemma_.lower() not in lexicon.BODIES_NAMED_AFTER_PEOPLE
        and (len(proper) > 1 or (proper and proper[0].is_upper))
        and proper[0].lower_ not in lexicon.GIVEN_NAMES
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_type_ not in ("PERSON", "GPE", "NORP") for t in proper)
    ):
        head = ""  # "the FNV Havens union" is FNV Havens: a name, then the kind of body it is
    posted = next((
        g for c in noun.children if c.dep_ == "prep" and c.lower_ == "in" and noun.lemma_.lower() in lexicon.ENVOY_BODIES
        for g in c.children if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "ORG", "LOC")
    ), None)  # "the European Union's delegation in Tbilisi": where it is posted is in its name
    where = f"in {noun.doc[posted.left_edge.i : posted.i + 1].text}" if posted is not None else ""
    if head == noun.lower_ and not any(t.tag_ == "JJS" or t.lower_ == "top" for t in noun.lefts):
        words = _country_as_adjective(words)  # not "Canada's top court", "Nigeria's largest union"
    name = " ".join(w for w in [*words, head, where] if w).replace(" 's", "'s").replace(" ’s", "’s")
    return " ".join(name.translate(lexicon.INVISIBLE_CHARS).split()) or None


def _country_as_adjective(words: list[str]) -> list[str]:
    """ "Italy 's interior" → "Italian interior": a country owning a body described in lower case is
    written as its adjective, as writers name it ("Italian interior ministry"); a capitalised name after
    the possessive is left as it is."""
    owner = next((i for i, w in enumerate(words) if w in POSSESSIVE), None)
    if owner is None or not all(w.islower() for w in words[owner + 1 :]):
        return words
    adjective = DEMONYMS.get(" ".join(words[:owner]).lower())
    return [adjective, *words[owner + 1 :]] if adjective else words
