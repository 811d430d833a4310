"""The NER's entities mended before they are clustered into people, organisations and places.

The small spaCy model cuts names short ("said Paloma Wu" → "Wu", "Patty Judge" → "Patty", "The
Society of Motor Manufacturers" without "and Traders"), glues an owner or a headline word to a name
("National Review's Ian Tuttle"), and takes a titled person for an organisation ("Mayor Elena
Vasquez"). ``entity_spans`` yields each entity with its kind, mended; the other helpers give the
facts about the whole document that ``entities.find_entities`` uses to correct kinds (words written
alone, first words of organisations' names).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from presslens.extract import cues
from presslens.extract.name_forms import (
    DETERMINERS,
    POSSESSIVE,
    attested_part,
    described_as_person,
    is_hyphen_joint,
    listed_fields,
    presented_as_person,
    title_case_headline,
)
from presslens.extract.ner_people import (
    after_given_name,
    family_name_after,
    family_names_end,
    given_name_start,
    hyphenated_name_across,
    is_hyphenated_person,
    is_titled_person,
    name_after_post,
    names_a_role,
    names_split_in_two,
    particles_between,
    person_at_end,
    with_hyphenated_part,
    with_particles,
    without_role_word,
)
from presslens.lexicon import speakers as lexicon
from presslens.lexicon.labels import ENTITY_KINDS
from presslens.lexicon.names import (
    CLUB_ABBREVIATIONS,
    NUMBERED_BRANCHES,
    PLACE_ALIASES,
    ROMANCE_ELIDED_JOINTS,
    ROMANCE_NAME_JOINTS,
    ROMANCE_OF_WORDS,
)
from presslens.lexicon.quotes import DASHES
from presslens.nlp import is_english_word
from presslens.schema import EntityKind

__all__ = ["entity_spans", "lone_proper_nouns", "organisation_first_words"]


def entity_spans(doc: Doc, titled: set[str] | None = None) -> Iterator[tuple[SpacySpan, EntityKind]]:
    """The NER's entities with their kinds, mended: headline words cut off, titled people made
    people, an owner's name split from a person's ("National Review’s Ian Tuttle", "Lehigh, Bruce
    Turry"), and names the NER cut short made whole (an organisation's "and …", a given or family
    name left out). ``titled``: ``titled_family_names(doc)``, when the caller has it already."""
    headline_end, body_names = title_case_headline(doc)
    ents = list(doc.ents)
    lone_people = {e.text for e in ents if e.label_ == "PERSON" and " " not in e.text and len(e.text) > 2}
    lone_people |= titled if titled is not None else titled_family_names(doc)  # "Ms Adeyemi"
    labels: dict[str, Counter[str]] = {}
    for e in ents:
        labels.setdefault(e.text, Counter())[e.label_] += 1
    joined = -1  # the index of an entity already joined to the one before it
    inside_romance_names = {  # "Union" of "Union des municipalités du" + "Québec"
        j for e in ents if e.label_ in ("ORG", "GPE") and (whole := _with_romance_body_before(e)).start < e.start
        for j, other in enumerate(ents) if whole.start <= other.start and other.end <= e.start
    }
    for k, ent in enumerate(ents):
        if k == joined or k in inside_romance_names:
            continue
        after = ents[k + 1] if k + 1 < len(ents) else None
        if after is not None and hyphenated_name_across(ent, after):
            # "Sabine Hartwig" "-" "Nowak", "Hartwig" (a place) "-" "Nowak"
            ent, joined = SpacySpan(doc, ent.start, after.end, label="PERSON"), k + 1
        elif after is not None and ent.label_ == after.label_ == "PERSON" and particles_between(ent, after):
            # "Liesbeth Van" "den" "Broeck"
            ent, joined = SpacySpan(doc, ent.start, after.end, label=ent.label), k + 1
        elif after is not None and ent.label_ == after.label_ == "PERSON" and _second_family_name(ent, after):
            ent, joined = SpacySpan(doc, ent.start, after.end, label=ent.label), k + 1  # "Carolina Vergara" "Saavedra"
        elif after is not None and names_split_in_two(ent, after):
            ent, joined = SpacySpan(doc, ent.start, after.end, label=ent.label), k + 1  # "Andrés Felipe" "Quintero Salcedo"
        elif after is not None and ent.label_ == after.label_ == "ORG" and after.start == ent.end + 1:
            if doc[ent.end].lower_ == "for" or _one_name_across_and(ent, after) or _body_of_or_to(ent, after):
                # "the U.S. Court of Appeals" "for" "the Sixth Circuit", "Dockworkers" "and" "Warehouse Union"
                ent, joined = SpacySpan(doc, ent.start, after.end, label=ent.label), k + 1
        elif after is not None and _body_of_or_to(ent, after):
            # "The Human Rights Commission" "of" "Pakistan", "the Chinese Mission" "to" "the European Union"
            ent, joined = SpacySpan(doc, ent.start, after.end, label=ent.label), k + 1
        elif after is not None and ent.label_ == after.label_ == "ORG" and after.start == ent.end:
            if ent[-1].lower_ == "and" and len(after) <= 3:  # "The Department of Fisheries and" "Oceans"
                ent, joined = SpacySpan(doc, ent.start, after.end, label=ent.label), k + 1
        elif after is not None and after.start == ent.end and _party_branch(ent, after[0]):
            ent, joined = SpacySpan(doc, ent.start, after.end, label="ORG"), k + 1  # "Scottish" "Labour"
        if joined != k + 1 and ent.end < len(doc) and _party_branch(ent, doc[ent.end]) and not doc[ent.end].ent_type_:
            ent = SpacySpan(doc, ent.start, ent.end + 1, label="ORG")  # "Scottish" + "Conservatives" in no entity
        if ent.label_ in ("ORG", "GPE"):
            ent = _with_romance_words_after(_with_romance_body_before(ent))  # "Union des municipalités du" + "Québec"
        if ent.label_ in ("PERSON", "ORG") and joined != k + 1:
            ent = with_hyphenated_part(ent)  # "Chantal Lemieux" "-Roy"
        ent = _last_line(ent)  # "Related Stories" "\n" "Saskatchewan government"
        if ent.label_ == "ORG":
            ent = _with_joined_words(_with_name_after_joint(_with_body_before_of(ent)))
            ent = _with_branch_number(_with_first_words(ent))
            if after is not None and after.start >= ent.start and after.end <= ent.end:
                joined = k + 1  # the place that ends the name: "The Mining Association of" "British Columbia"
        kind = ENTITY_KINDS.get(ent.label_)
        if ent.label_ == "WORK_OF_ART" and ent.root.is_title and ent.root.lower_ in cues.ORG_ROLE_NOUNS:
            kind = "organization"  # "The Elementary Teachers' Federation of Ontario" tagged a title
        if (kind == "place" or (kind == "organization" and len(ent) == 1)) and _body_before_place(ent):
            ent, kind = doc[ent.start - 1 : ent.end], "organization"  # "Bank Indonesia", "Health Canada"
        if ent.end <= headline_end:
            ent = attested_part(ent, body_names)
        dash = next((t.i for t in ent[1:-1] if t.text in DASHES and doc[t.i - 1].whitespace_), None)
        if dash is not None and kind in ("person", "organization"):
            ent = doc[ent.start : dash]  # "Deborah Jordan Reynolds - Santilli's girlfriend"
        owner = next((t.i for t in ent[1:-1] if t.text in POSSESSIVE[:2] or t.text == ","), None)
        if owner is not None and doc[owner].text == "," and listed_fields(list(doc[owner + 1 : ent.end])):
            owner = None  # "Ministry of Environment, Forest and Climate Change": "Forest" is no given name here
        if owner is not None and doc[owner + 1].lower_ in lexicon.GIVEN_NAMES:
            if kind in ("organization", "place"):
                yield doc[ent.start : owner], kind
            ent, kind = doc[owner + 1 : ent.end], "person"
        if kind in ("organization", "place") and (person := person_at_end(ent, lone_people)) is not None:
            ent, kind = person, "person"  # "Minister of Rural Development Aminata Traoré-Keita" tagged ORG
        elif kind in ("organization", "place") and (person := name_after_post(ent)) is not None:
            ent, kind = person, "person"  # "Ambassador to" + "Türkiye Abena Owusu-Sekyere" tagged ORG
        if kind in ("place", "organization") and " " not in ent.text and (
            _mostly_a_person(labels.get(ent.text)) or (ent.text in lone_people and given_name_start(ent) is not None)
        ):
            kind = "person"  # "Ji-woo Park" with "Park" tagged ORG here and PERSON elsewhere
        if kind == "person" and len(ent) == 1 and _is_place_of_preposition(ent.root):
            kind = "place"  # "in Málaga and Valencia" tagged people
        if kind == "person" and len(ent) == 2 and ent[-1].lower_ in lexicon.DEPARTMENT_COUNTRIES and (
            is_english_word(ent[0].text)
        ):
            kind = "organization"  # "Elections Québec" tagged a person
        if kind == "person" and not any(t.text[:1].isupper() for t in ent):
            continue  # "devalues naira" in a headline: no capital, no name
        if kind == "person":
            ent = without_role_word(ent)  # "Filmmaker Nasrin Haidari said"
            if len(ent) >= 3 and ent.start and doc[ent.start - 1].lower_ in ("to", "of", "in") and (
                labels.get(ent[0].text, Counter())["GPE"]
            ):
                ent = ent[1:]  # "Ambassador to" "Zambia Zhou Lihong": the place is not the name's
            if _after_organisation_noun(ent) or {ent[0].text.lower(), ent[-1].text.lower()} & CLUB_ABBREVIATIONS:
                kind = "organization"  # "supplier Kessler Antriebstechnik", "CF Montréal" tagged a person
        if kind != "person" and (is_titled_person(ent) or is_hyphenated_person(ent) or names_a_role(ent)):
            kind = "person"  # "Mayor Elena Vasquez" tagged ORG or even WORK_OF_ART, "Jean-Baptiste Moreau-Tessier"
        if kind in ("place", "organization") and len(ent) <= 3 and presented_as_person(ent, who=False):
            kind = "person"  # "Harjit Sandhu, 67," with "Sandhu" tagged a place
        elif kind == "organization" and 2 <= len(ent) <= 3 and all(t.pos_ == "PROPN" and t.is_alpha for t in ent) and (
            described_as_person(ent)
        ):
            kind = "person"  # "Nadia Baloch, a schoolteacher," tagged an organisation
        if kind == "organization" and after_given_name(ent):
            kind = "person"  # "Ana Muhate, a market trader," with "Muhate" tagged an organisation
        if kind == "person":
            ent = with_particles(ent)  # "Liesbeth Van den Broeck" tagged "Broeck"
        words = len(ent.text.split())  # "Abdul-Karim al-Saadi" is two words of six tokens
        given = given_name_start(ent) if kind == "person" and words <= 3 and ent.start > headline_end else None
        if given is not None:
            ent = doc[given : ent.end]  # "said Paloma Wu": the NER took only "Wu"
        elif kind == "person" and len(ent) == 1 and family_name_after(ent):
            ent = doc[ent.start : ent.end + 1]  # "Patty Judge": the NER took only "Patty"
        elif kind == "person" and joined != k + 1 and ent.start > headline_end:
            ent = doc[ent.start : family_names_end(ent)]  # "Maria Cristina" + "Villanueva Ocampo"
        if kind is not None:
            yield ent, kind


def _second_family_name(first: SpacySpan, second: SpacySpan) -> bool:
    """Whether a one-word person right after a person of two words is the second family name of one
    name ("Carolina Vergara" "Saavedra"), not a headline's pair of names."""
    return (
        second.start == first.end and len(first) == 2 and len(second) == 1 and first[-1].whitespace_ == " "
        and second[0].is_title and not second[0].is_sent_start
    )


def lone_proper_nouns(doc: Doc) -> set[str]:
    """Capitalised proper nouns written on their own, with no proper noun beside them ("Thibodeau,
    58, has repaired clocks"): the way a person's family name recurs."""
    out = set()
    for t in doc:
        if t.pos_ == "PROPN" and t.is_title and t.is_alpha:
            before = doc[t.i - 1] if t.i else None
            after = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if all(n is None or n.pos_ != "PROPN" for n in (before, after)):
                out.add(t.text)
    return out


def titled_family_names(doc: Doc) -> set[str]:
    """Capitalised proper nouns written alone after a title ("Ms Obiora said", "Dr. Mistry"): the
    way a person's family name recurs."""
    return {
        t.text for t in doc[1:]
        if t.pos_ == "PROPN" and t.is_title and t.is_alpha and doc[t.i - 1].lower_.rstrip(".") in cues.TITLES
        and (t.i + 1 == len(doc) or doc[t.i + 1].pos_ != "PROPN")
    }


def organisation_first_words(doc: Doc) -> set[str]:
    """The first words of the organisations the NER names with several words anywhere in ``doc``
    ("Cineplex" of "Cineplex Inc."), no given names: a lone one tagged a person is the organisation,
    before or after its full name."""
    out = set()
    for ent in doc.ents:
        words = [t for t in ent if t.lower_ not in DETERMINERS]
        if ent.label_ == "ORG" and len(words) > 1 and len(words[0]) > 3 and words[0].lower_ not in lexicon.GIVEN_NAMES:
            out.add(words[0].text)
    return out


def _body_before_place(ent: SpacySpan) -> bool:
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


def _party_branch(ent: SpacySpan, head: Token) -> bool:
    """Whether a nationality or place is the first word of a party's branch ("Scottish Labour", "The
    Scottish Conservatives", "Ontario Liberals"): a capitalised party word right after it."""
    return (
        ent.label_ in ("NORP", "GPE") and len(ent) == 1 and head.i == ent.end and head.is_title
        and head.lower_ in lexicon.PARTY_BRANCH_HEADS and ent.root.head.i == head.i
    )


def _with_romance_body_before(ent: SpacySpan) -> SpacySpan:
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


def _with_romance_words_after(ent: SpacySpan) -> SpacySpan:
    """A French, Spanish or Italian body's name the NER took only the first word of ("Union" + "des
    producteurs agricoles", "Front" + "d'action populaire en réaménagement urbain"): forward from a
    joining word right after a one-word entity, over joining, lower-case and capitalised words, to the
    last word before punctuation or an English verb; one of the lower-case words at least no English
    word. The name is an organisation's."""
    doc = ent.doc
    end = ent.end
    if len(ent) != 1 or not ent[0].is_title or end >= len(doc) or not (
        doc[end].lower_ in ROMANCE_NAME_JOINTS or doc[end].lower_.startswith(ROMANCE_ELIDED_JOINTS)  # "d'action"
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


def _is_place_of_preposition(word: Token) -> bool:
    """A word governed (directly or as a conjunct) by a preposition of place ("in Málaga"), with no
    initial or organisation in its phrase ("in the Kerala Legislative Assembly T R Sreekumar" parsed
    as one phrase is no place)."""
    while word.dep_ == "conj" and word.head.i != word.i:
        word = word.head
    phrase = word.doc[word.left_edge.i : word.i]
    return (
        word.dep_ == "pobj" and word.head.lower_ in lexicon.PLACE_PREPOSITIONS
        and not any(t.ent_type_ == "ORG" or (len(t.text) <= 2 and t.is_upper) for t in phrase)
    )


def _body_of_or_to(first: SpacySpan, second: SpacySpan) -> bool:
    """Whether an organisation ending in a body's noun is followed by "of"/"to"/"in" and the place or
    organisation that completes its name ("Commission of Pakistan", "Mission to the European Union",
    "Russian Embassy in Vilnius")."""
    doc = first.doc
    if first.label_ != "ORG" or second.label_ not in ("ORG", "GPE") or second.start != first.end + 1:
        return False
    joint, head = doc[first.end].lower_, first[-1].lower_
    posted = joint in ("to", "in") and head in lexicon.ENVOY_BODIES and (joint == "to" or len(second) <= 2)
    return (joint == "of" and head in cues.ORG_ROLE_NOUNS) or posted


def _one_name_across_and(first: SpacySpan, second: SpacySpan) -> bool:
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


def _with_joined_words(ent: SpacySpan) -> SpacySpan:
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


def _mostly_a_person(labels: Counter[str] | None) -> bool:
    """Whether the NER tags a word a person more often than anything else in the article."""
    return labels is not None and labels["PERSON"] > max((n for label, n in labels.items() if label != "PERSON"), default=0)


def _last_line(ent: SpacySpan) -> SpacySpan:
    """An entity that runs over a line break (a page's "Related Stories" line glued to the next
    line's name) cut to its part after the break."""
    breaks = [t.i for t in ent if t.is_space and "\n" in t.text]
    if not breaks or breaks[-1] + 1 >= ent.end:
        return ent
    return SpacySpan(ent.doc, breaks[-1] + 1, ent.end, label=ent.label)


def _with_first_words(ent: SpacySpan) -> SpacySpan:
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
    if _free_capitalised(before) and before.is_sent_start and doc.text.count(f"{before.text} {ent[0].text}") >= 2:
        return SpacySpan(doc, ent.start - 1, ent.end, label=ent.label)
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


def _with_branch_number(ent: SpacySpan) -> SpacySpan:
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


def _with_body_before_of(ent: SpacySpan) -> SpacySpan:
    """An organisation the NER began after "of" when a capitalised body's noun in no entity comes
    before it ("the Presidency of" "Migration Management"): the name starts at that noun."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].lower_ != "of":
        return ent
    body = doc[ent.start - 2]
    if body.is_title and not body.ent_type_ and body.lower_ in cues.ORG_ROLE_NOUNS and body.lower_ not in lexicon.PLACE_NOUNS:
        return SpacySpan(doc, ent.start - 2, ent.end, label=ent.label)
    return ent


def _with_name_after_joint(ent: SpacySpan) -> SpacySpan:
    """An organisation the NER cut right after "of" or "for" ("The Mining Association of" "British
    Columbia"): the capitalised words after it (at most four, a place among them) belong to it."""
    doc = ent.doc
    if len(ent) < 3 or ent[-1].lower_ not in ("of", "for"):
        return ent
    end = ent.end
    while end < len(doc) and end - ent.end < 4 and doc[end].is_title and doc[end].ent_type_ in ("", "GPE", "ORG"):
        end += 1
    return SpacySpan(doc, ent.start, end, label=ent.label) if end > ent.end else ent


def _after_organisation_noun(ent: SpacySpan) -> bool:
    """Whether a lower-case organisation noun qualifies the name as its title ("Danish company
    Halvorsen Biologics", "supplier Kessler Antriebstechnik") or has it in apposition ("Exams regulator
    Ofqual"): the name is an organisation's, unless a given name opens it ("crane operator Mehmet Kaya")."""
    if ent.start == 0 or (len(ent) > 1 and ent[0].lower_ in lexicon.GIVEN_ONLY_NAMES):
        return False
    before = ent.doc[ent.start - 1]
    return (
        before.is_lower and before.lower_ in cues.ORG_ROLE_NOUNS and before.lower_ not in lexicon.PLACE_NOUNS
        and (
            (before.dep_ == "compound" and ent.start <= before.head.i < ent.end)
            or (ent.root.dep_ == "appos" and ent.root.head.i == before.i)
        )
    )


