"""Organisations' names the NER cuts short or splits, made whole: a body's name with "and" or a list of
fields ("Department of Fisheries" "and Oceans", "Ministry of Environment, Forest and Climate Change"),
a French, Spanish or Italian name of which it took one end ("Union" + "des producteurs agricoles"), a
noun or field before a place ("Bank Indonesia", "Diabetes Canada"), a party's branch ("Scottish" +
"Labour") and a branch's number ("Local" "279"). Each takes an entity span and returns it mended,
or says whether two spans are one name; ``ner_spans.entity_spans`` applies them.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from presslens.extract import cues
from presslens.extract.name_forms import DETERMINERS, is_hyphen_joint, listed_fields
from presslens.lexicon import speakers as lexicon
from presslens.lexicon.names import (
    NUMBERED_BRANCHES,
    PLACE_ALIASES,
    ROMANCE_ELIDED_JOINTS,
    ROMANCE_NAME_JOINTS,
    ROMANCE_OF_WORDS,
)
from presslens.nlp import doc_text, is_english_word

__all__ = [
    "body_before_place",
    "body_of_or_to",
    "one_name_across_and",
    "party_branch",
    "with_body_before_of",
    "with_branch_number",
    "with_first_words",
    "with_joined_words",
    "with_name_after_joint",
    "with_romance_body_before",
    "with_romance_words_after",
]


def body_before_place(ent: SpacySpan) -> bool:
    """Whether a place follows a capitalised organisation noun or field of government that no entity
    claims, as in a body's name ("Bank Indonesia", "Police Scotland", "Statistics Canada", "Athletics Kenya")."""
    if ent.start == 0 or len(ent) > 2:
        return False
    before = ent.doc[ent.start - 1]
    word = before.lower_
    field = word in lexicon.GOVERNMENT_FIELDS or word in lexicon.SPORT_BODY_WORDS or (
        before.pos_ in ("NOUN", "PROPN") and is_english_word(before.text)
        and ent.text.lower() in lexicon.DEPARTMENT_COUNTRIES  # "Diabetes Canada"
    )
    return (
        before.is_title and before.is_alpha and not before.ent_type_
        and (word in cues.ORG_ROLE_NOUNS or field) and word not in lexicon.PLACE_NOUNS
    )


def party_branch(ent: SpacySpan, head: Token) -> bool:
    """Whether a nationality or place is the first word of a party's branch ("Scottish Labour", "The
    Scottish Conservatives", "Ontario Liberals"): a capitalised party word right after it."""
    return (
        ent.label_ in ("NORP", "GPE") and len(ent) == 1 and head.i == ent.end and head.is_title
        and head.lower_ in lexicon.PARTY_BRANCH_HEADS and ent.root.head.i == head.i
    )


def with_romance_body_before(ent: SpacySpan) -> SpacySpan:
    """A French, Spanish or Italian body's name the NER took only the end of ("Union des municipalités
    du" + "Québec", "Conseil du patronat du" + "Québec"): back from a joining word right before the
    entity, over joining and lower-case words (one at least no English word) to the capitalised word
    that opens the name. The name is an organisation's."""
    doc = ent.doc
    k = ent.start - 1
    if k < 1 or doc[k].lower_ not in ROMANCE_NAME_JOINTS:
        return ent
    while k >= 0 and ent.start - k <= 8 and (doc[k].lower_ in ROMANCE_NAME_JOINTS or (doc[k].is_lower and doc[k].is_alpha)):
        k -= 1
    opener = doc[k] if k >= 0 else None
    if opener is None or not (opener.is_title and opener.is_alpha and not opener.is_stop) or opener.lower_ in cues.TITLES:
        return ent
    lower = [t for t in doc[k + 1 : ent.start] if t.lower_ not in ROMANCE_NAME_JOINTS]
    of_words = sum(t.lower_ in ROMANCE_OF_WORDS for t in doc[k + 1 : ent.start])
    if lower and all(is_english_word(t.text) for t in lower) and of_words < 2:
        # "Coffee is served in the evenings at the Québec office": English words, not a name; but
        # "Association des stations de ski du Québec"
        return ent
    return SpacySpan(doc, k, ent.end, label="ORG")


def with_romance_words_after(ent: SpacySpan) -> SpacySpan:
    """A French, Spanish or Italian body's name the NER took only the first word of ("Union" + "des
    producteurs agricoles", "Front" + "d'action populaire en réaménagement urbain"): forward from a
    joining word right after a one-word entity, over joining, lower-case and capitalised words, to the
    last word before punctuation or an English verb; one of the lower-case words at least no English
    word. The name is an organisation's."""
    doc = ent.doc
    end = ent.end
    if len(ent) != 1 or not ent[0].is_title or end >= len(doc) or not (
        doc[end].lower_ in ROMANCE_NAME_JOINTS or doc[end].lower_.startswith(ROMANCE_ELIDED_JOINTS)  # "d'action"
        or _romance_adjective_then_joint(doc, end)  # "Tribunal" + "administratif du logement"
    ):
        return ent
    while end < len(doc) and end - ent.end < 10 and (
        doc[end].lower_ in ROMANCE_NAME_JOINTS or (doc[end].is_alpha and doc[end].pos_ != "VERB")
        or (doc[end].lower_.startswith(ROMANCE_ELIDED_JOINTS) and doc[end].text[2:].isalpha())
        or (is_hyphen_joint(doc[end]) and end + 1 < len(doc) and doc[end + 1].is_title)
    ) and not doc[end].is_sent_start:
        end += 1
    while end > ent.end and doc[end - 1].lower_ in ROMANCE_NAME_JOINTS:
        end -= 1  # a name never ends with a joint
    lower = [t for t in doc[ent.end : end] if t.is_lower and t.lower_ not in ROMANCE_NAME_JOINTS and "'" not in t.text]
    if end == ent.end or not lower or all(is_english_word(t.text) for t in lower):
        return ent  # "Union of …" in English, or "Front de" before an English clause
    return SpacySpan(doc, ent.start, end, label="ORG")


def _romance_adjective_then_joint(doc: Doc, i: int) -> bool:
    """Whether word ``i`` is a lower-case word no English dictionary knows followed by a joining word:
    the adjective of a French, Spanish or Italian body's name ("administratif" of "Tribunal
    administratif du logement", "scolaire" of "Commission scolaire de Montréal")."""
    return (
        i + 1 < len(doc) and doc[i].is_lower and doc[i].is_alpha and not is_english_word(doc[i].text)
        and doc[i + 1].lower_ in ROMANCE_NAME_JOINTS
    )


def body_of_or_to(first: SpacySpan, second: SpacySpan) -> bool:
    """Whether an organisation ending in a body's noun is followed by "of"/"to"/"in" and the place or
    organisation that completes its name ("Commission of Pakistan", "Mission to the European Union",
    "Russian Embassy in Vilnius")."""
    doc = first.doc
    the = second.start == first.end + 2 and doc[first.end + 1].lower_ == "the"  # "Commission of" "the" "Philippines"
    if first.label_ != "ORG" or second.label_ not in ("ORG", "GPE") or not (second.start == first.end + 1 or the):
        return False
    joint, head = doc[first.end].lower_, first[-1].lower_
    posted = joint in ("to", "in") and head in lexicon.ENVOY_BODIES and (joint == "to" or len(second) <= 2)
    return (joint == "of" and head in cues.ORG_ROLE_NOUNS) or posted


def one_name_across_and(first: SpacySpan, second: SpacySpan) -> bool:
    """ "The International Dockworkers" "and" "Warehouse Union": one organisation when the first part
    ends in a plural that is no organisation's noun and the second ends in one ("Union"); or one
    word and a field and country ("Fisheries" "and" "Oceans Canada")."""
    last = first[-1]
    if first.doc[first.end].lower_ != "and":
        return False
    if _lists_fields(first) and all(t.is_title for t in second):
        return True  # "The Ministry of Health, Public Hygiene" "and" "Universal Health Coverage"
    if (
        len(first) <= 4 and all(t.is_title or is_hyphen_joint(t) for t in first)
        and (last.tag_ == "NNPS" or last.lower_ in lexicon.GOVERNMENT_FIELDS)  # not "Bombardier and Air Canada"
        and len(second) <= 3 and second[-1].lower_ in lexicon.DEPARTMENT_COUNTRIES
    ):
        return True  # "Fisheries" "and" "Oceans Canada", "Crown-Indigenous Relations" "and" "Northern Affairs Canada"
    # "The U.S. Chemical Safety" "and" "Hazard Investigation Board": a field of a longer name, not a company
    field = last.tag_ == "NNP" and len(first) >= 3 and is_english_word(last.text)
    return (
        (last.tag_ == "NNPS" or field) and last.lower_ not in cues.ORG_ROLE_NOUNS
        and second[-1].lower_ in cues.ORG_ROLE_NOUNS
    )


def _lists_fields(ent: SpacySpan) -> bool:
    """A body's name with "of" that goes on listing fields after a comma ("Ministry of Health, Public Hygiene")."""
    of = next((t.i for t in ent if t.lower_ == "of"), None)
    comma = next((t.i for t in ent if t.text == ","), None)
    return (
        of is not None and comma is not None and of < comma < ent.end - 1
        and all(t.is_title for t in ent.doc[comma + 1 : ent.end])
    )


def with_joined_words(ent: SpacySpan) -> SpacySpan:
    """An organisation's name the NER cut at "and" ("The Society of Motor Manufacturers" "and
    Traders", "Department of Fisheries" "and Oceans"), when the name already joins words with "of",
    or at "of" after a body's noun ("The Human Rights Commission" "of Pakistan"): the capitalised
    words after it that no other entity claims and that end the name belong to it."""
    doc = ent.doc
    if ent.end + 1 >= len(doc):
        return ent
    if doc[ent.end].text == "," and any(t.lower_ == "of" for t in ent[1:]):
        return _with_listed_fields(ent)
    of_place = doc[ent.end].lower_ == "of" and ent[-1].lower_ in cues.ORG_ROLE_NOUNS  # "Commission of Pakistan"
    if not of_place and (doc[ent.end].lower_ != "and" or not any(t.lower_ == "of" for t in ent[1:])):
        return ent
    end = ent.end + 1
    while end < len(doc) and end - ent.end <= 3 and doc[end].is_title and doc[end].is_alpha and (
        not doc[end].ent_type_ or (of_place and doc[end].ent_type_ == "GPE") or _english_word_tagged_person(doc[end])
    ):
        end += 1
    if end == ent.end + 1 or end - ent.end > 3:
        return ent
    return SpacySpan(doc, ent.start, end, label=ent.label)


def _with_listed_fields(ent: SpacySpan) -> SpacySpan:
    """A body's name the NER cut at the comma of its list of fields ("The Ministry of Environment" +
    ", Forest and Climate Change"): the capitalised English words, commas and "and" after it, when they
    list fields and no entity but a person's claims them ("Forest")."""
    doc = ent.doc
    end = ent.end
    while end < len(doc) and end - ent.end < 10 and (
        doc[end].text == "," or doc[end].lower_ in ("and", "&") or (doc[end].is_title and (
            not doc[end].ent_type_ or (doc[end].ent_type_ == "PERSON" and _alone_in_entity(doc[end]))
        ))
    ):
        end += 1
    tail = list(doc[ent.end + 1 : end])
    fields = all(is_english_word(t.text) for t in tail if t.is_title)  # not "Health, Sarah Jones and Tom Reid"
    return SpacySpan(doc, ent.start, end, label=ent.label) if tail and fields and listed_fields(tail) else ent


def _alone_in_entity(word: Token) -> bool:
    """Whether ``word`` is an entity of one word ("Forest" tagged a person, not "Sarah" of "Sarah Jones")."""
    after = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
    return word.ent_iob_ == "B" and (after is None or after.ent_iob_ != "I")


def _english_word_tagged_person(word: Token) -> bool:
    """A lone English word the NER took for a person ("Ministry of Education and" + "Training")."""
    return word.ent_type_ == "PERSON" and word.ent_iob_ == "B" and is_english_word(word.text) and (
        word.i + 1 == len(word.doc) or word.doc[word.i + 1].ent_iob_ != "I"
    )


def with_first_words(ent: SpacySpan) -> SpacySpan:
    """An organisation the NER began one word late: the capitalised word opening the sentence when
    the text writes it before the name elsewhere too ("Prairie" of "Prairie Shield Credit Union" …
    "asked Prairie Shield"), or a capitalised word and "and" after "the" or opening the sentence
    ("The Financial and" "Consumer Affairs Authority of Saskatchewan")."""
    doc = ent.doc
    if ent.start == 0:
        return ent
    before = doc[ent.start - 1]
    if ent.start >= 3 and before.is_title and is_hyphen_joint(doc[ent.start - 2]) and doc[ent.start - 3].is_title:
        return SpacySpan(doc, ent.start - 3, ent.end, label=ent.label)  # "Ottawa-Carleton" "District School Board"
    if _free_capitalised(before) and before.is_sent_start and doc_text(doc).count(f"{before.text} {ent[0].text}") >= 2:
        return SpacySpan(doc, ent.start - 1, ent.end, label=ent.label)
    if _free_capitalised(before) and ent.start >= 2 and doc[ent.start - 2].lower_ == "the" and len(ent) >= 2:
        return SpacySpan(doc, ent.start - 1, ent.end, label=ent.label)  # "the Desert" "Locust Control Organization"
    if ent[-1].lower_ in lexicon.DEPARTMENT_COUNTRIES and any(t.lower_ == "and" for t in ent) and before.text == ",":
        first = ent[0]
        while first.i >= 2 and doc[first.i - 1].text == "," and _free_capitalised(doc[first.i - 2]):
            first = doc[first.i - 2]  # "Innovation," + "Science and Economic Development Canada"
        return SpacySpan(doc, first.i, ent.end, label=ent.label)
    if before.lower_ == "and" and ent.start >= 2 and _free_capitalised(first := doc[ent.start - 2]):
        department = len(ent) <= 3 and ent[-1].lower_ in lexicon.DEPARTMENT_COUNTRIES  # "Fisheries and" "Oceans Canada"
        while first.i > 0 and ent.start - first.i < 5 and (
            _free_capitalised(doc[first.i - 1]) or doc[first.i - 1].lower_ in PLACE_ALIASES
        ):
            first = doc[first.i - 1]  # "The U.S. Chemical Safety and" "Hazard Investigation Board"
        while department and first.i >= 2 and doc[first.i - 2].is_title and (
            (doc[first.i - 1].text == "," and _free_capitalised(doc[first.i - 2])) or is_hyphen_joint(doc[first.i - 1])
        ):
            first = doc[first.i - 2]  # "Immigration, Refugees and" …, "Crown-Indigenous Relations and" … "Canada"
        if first.is_sent_start or department or (first.i > 0 and doc[first.i - 1].lower_ == "the"):
            return SpacySpan(doc, first.i, ent.end, label=ent.label)
    return ent


def with_branch_number(ent: SpacySpan) -> SpacySpan:
    """A branch's number after its name ("Amalgamated Transit Union Local" "279"), and the place
    after "of" that a numbered body's name ends with ("Union No. 1" "of Cerro Alto")."""
    doc = ent.doc
    if ent.end < len(doc) and ent[-1].lower_ in NUMBERED_BRANCHES and ent[-1].is_title and doc[ent.end].like_num:
        ent = SpacySpan(doc, ent.start, ent.end + 1, label=ent.label)
    if ent[-1].like_num and ent.end + 1 < len(doc) and doc[ent.end].lower_ == "of":
        end = ent.end + 1
        while end < len(doc) and end - ent.end <= 3 and doc[end].pos_ == "PROPN" and doc[end].is_title:
            end += 1
        if end > ent.end + 1:
            return SpacySpan(doc, ent.start, end, label=ent.label)
    return ent


def _free_capitalised(word: Token) -> bool:
    """A capitalised word of letters in no entity, no determiner or title."""
    return (
        word.is_title and word.is_alpha and not word.ent_type_ and word.lower_ not in DETERMINERS
        and word.lower_ not in cues.TITLES
    )


def with_body_before_of(ent: SpacySpan) -> SpacySpan:
    """An organisation the NER began after "of" when a capitalised body's noun in no entity comes
    before it ("the Presidency of" "Migration Management"): the name starts at that noun."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].lower_ != "of":
        return ent
    body = doc[ent.start - 2]
    if body.is_title and not body.ent_type_ and body.lower_ in cues.ORG_ROLE_NOUNS and body.lower_ not in lexicon.PLACE_NOUNS:
        return SpacySpan(doc, ent.start - 2, ent.end, label=ent.label)
    return ent


def with_name_after_joint(ent: SpacySpan) -> SpacySpan:
    """An organisation the NER cut right after "of" or "for" ("The Mining Association of" "British
    Columbia"): the capitalised words after it (at most four, a place among them) belong to it."""
    doc = ent.doc
    if len(ent) < 3 or ent[-1].lower_ not in ("of", "for"):
        return ent
    end = ent.end
    while end < len(doc) and end - ent.end < 4 and doc[end].is_title and doc[end].ent_type_ in ("", "GPE", "ORG"):
        end += 1
    return SpacySpan(doc, ent.start, end, label=ent.label) if end > ent.end else ent
