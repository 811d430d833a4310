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
    field_of_post,
    in_heading_line,
    listed_fields,
    presented_as_person,
    title_case_headline,
)
from presslens.extract.ner_bodies import (
    body_before_place,
    body_of_or_to,
    one_name_across_and,
    party_branch,
    with_body_before_of,
    with_branch_number,
    with_first_words,
    with_joined_words,
    with_name_after_joint,
    with_romance_body_before,
    with_romance_words_after,
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
from presslens.lexicon.names import CAPITALS, CLUB_ABBREVIATIONS
from presslens.lexicon.quotes import DASHES
from presslens.nlp import doc_text, is_english_word
from presslens.schema import EntityKind

__all__ = ["entity_spans", "lone_proper_nouns", "organisation_first_words"]


def entity_spans(doc: Doc, titled: set[str] | None = None) -> Iterator[tuple[SpacySpan, EntityKind]]:
    """The NER's entities with their kinds, mended: headline words cut off, titled people made
    people, an owner's name split from a person's ("National Review’s Ian Tuttle", "Lehigh, Bruce
    Turry"), and names the NER cut short made whole (an organisation's "and …", a given or family
    name left out). ``titled``: ``titled_family_names(doc)``, when the caller has it already."""
    headline_end, body_names = title_case_headline(doc)
    text = doc_text(doc)
    ents = list(doc.ents)
    lone_people = {e.text for e in ents if e.label_ == "PERSON" and " " not in e.text and len(e.text) > 2}
    lone_people |= titled if titled is not None else titled_family_names(doc)  # "Ms Adeyemi"
    labels: dict[str, Counter[str]] = {}
    for e in ents:
        labels.setdefault(e.text, Counter())[e.label_] += 1
    joined = -1  # the index of an entity already joined to the one before it
    inside_romance_names = {  # "Union" of "Union des municipalités du" + "Québec"
        j for e in ents if e.label_ in ("ORG", "GPE") and (whole := with_romance_body_before(e)).start < e.start
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
            bracketed = doc[ent.end].text == "(" and ")" in after.text  # "Huaxin Microelectronics" "(" "Vietnam) Co., Ltd."
            if doc[ent.end].lower_ == "for" or one_name_across_and(ent, after) or body_of_or_to(ent, after) or bracketed:
                # "the U.S. Court of Appeals" "for" "the Sixth Circuit", "Dockworkers" "and" "Warehouse Union"
                ent, joined = SpacySpan(doc, ent.start, after.end, label=ent.label), k + 1
        elif after is not None and body_of_or_to(ent, after):
            # "The Human Rights Commission" "of" "Pakistan", "the Chinese Mission" "to" "the European Union"
            ent, joined = SpacySpan(doc, ent.start, after.end, label=ent.label), k + 1
        elif after is not None and ent.label_ == after.label_ == "ORG" and after.start == ent.end:
            if ent[-1].lower_ == "and" and len(after) <= 3:  # "The Department of Fisheries and" "Oceans"
                ent, joined = SpacySpan(doc, ent.start, after.end, label=ent.label), k + 1
        elif after is not None and after.start == ent.end and party_branch(ent, after[0]):
            ent, joined = SpacySpan(doc, ent.start, after.end, label="ORG"), k + 1  # "Scottish" "Labour"
        if joined != k + 1 and ent.end < len(doc) and party_branch(ent, doc[ent.end]) and not doc[ent.end].ent_type_:
            ent = SpacySpan(doc, ent.start, ent.end + 1, label="ORG")  # "Scottish" + "Conservatives" in no entity
        if ent.label_ in ("ORG", "GPE"):
            ent = with_romance_words_after(with_romance_body_before(ent))  # "Union des municipalités du" + "Québec"
        if ent.label_ in ("PERSON", "ORG") and joined != k + 1:
            ent = with_hyphenated_part(ent)  # "Chantal Lemieux" "-Roy"
        ent = _last_line(ent)  # "Related Stories" "\n" "Saskatchewan government"
        if ent.label_ == "ORG":
            ent = with_joined_words(with_name_after_joint(with_body_before_of(ent)))
            ent = with_branch_number(with_first_words(ent))
            if after is not None and after.start >= ent.start and after.end <= ent.end:
                joined = k + 1  # the place that ends the name: "The Mining Association of" "British Columbia"
        kind = ENTITY_KINDS.get(ent.label_)
        if ent.label_ == "WORK_OF_ART" and ent.root.is_title and ent.root.lower_ in cues.ORG_ROLE_NOUNS:
            kind = "organization"  # "The Elementary Teachers' Federation of Ontario" tagged a title
        if (kind == "place" or (kind == "organization" and len(ent) == 1)) and body_before_place(ent):
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
        if kind == "person" and len(ent) == 1 and (_is_place_of_preposition(ent.root) or ent.root.lower_ in CAPITALS):
            kind = "place"  # "in Málaga and Valencia", "Kyiv says" tagged people
        if kind == "person" and len(ent) == 2 and ent[-1].lower_ in lexicon.DEPARTMENT_COUNTRIES and (
            is_english_word(ent[0].text)
        ):
            kind = "organization"  # "Elections Québec" tagged a person
        if kind in ("person", "organization") and len(ent) == 1 and ent[0].lower_ in cues.PERSON_ROLE_NOUNS and (
            ent.text not in lone_people and in_heading_line(ent[0], text)
        ):
            continue  # "Coach says …" in a headline: a role standing for someone named later, no name
        if kind == "organization" and _is_post_title(ent):
            continue  # "Minister of Finance" tagged an organisation: the title of the name after it
        if kind == "person" and len(ent) == 1 and (named := _end_of_organisation_named(ent, labels)) is not None:
            ent, kind = named, "organization"  # "Rift Aviation" + "Fuels" tagged a person, "Rift Aviation Fuels" before
        if kind == "person" and ent.start and doc[ent.start - 1].lower_ in ("a", "an") and ent.root.dep_ == "appos":
            continue  # "Della Tourangeau, a Mikisew Cree Elder,": a description, no name
        if kind == "person" and not any(t.text[:1].isupper() for t in ent):
            continue  # "devalues naira" in a headline: no capital, no name
        if kind == "person":
            ent = without_role_word(ent)  # "Filmmaker Nasrin Haidari said"
            if len(ent) >= 3 and ent.start and doc[ent.start - 1].lower_ in ("to", "of", "in") and (
                labels.get(ent[0].text, Counter())["GPE"]
            ):
                ent = ent[1:]  # "Ambassador to" "Zambia Zhou Lihong": the place is not the name's
            elif len(ent) >= 3 and field_of_post(ent[0]):
                ent = ent[1:]  # "Commissioner of" "Competition Aurélie Fontaine": the field is the title's
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


def _end_of_organisation_named(ent: SpacySpan, labels: dict[str, Counter[str]]) -> SpacySpan | None:
    """The whole name of an organisation the NER tags elsewhere whose last word it took alone for a
    person here ("Rift Aviation" + "Fuels" after "Rift Aviation Fuels")."""
    doc = ent.doc
    for start in range(ent.start - 1, max(ent.start - 4, 0) - 1, -1):
        if not doc[start].is_title:
            return None
        whole = doc[start : ent.end]
        if labels.get(whole.text, Counter())["ORG"]:
            return whole
    return None


def _is_post_title(ent: SpacySpan) -> bool:
    """Whether an organisation is a person's post ("Minister of Finance", "the Secretary for Health"):
    a capitalised title of people, not of bodies, followed by "of" or "for"."""
    words = ent[1:] if ent[0].lower_ == "the" else ent
    return (
        len(words) >= 3 and words[0].is_title and words[1].lower_ in ("of", "for")
        and words[0].lower_ in cues.TITLES and words[0].lower_ not in cues.ORG_ROLE_NOUNS
    )


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


def _mostly_a_person(labels: Counter[str] | None) -> bool:
    """Whether the NER tags a word a person more often than anything else in the article."""
    return labels is not None and labels["PERSON"] > max((n for label, n in labels.items() if label != "PERSON"), default=0)


def _last_line(ent: SpacySpan) -> SpacySpan:
    """An entity that runs over a line break (a page's "Related Stories" line glued to the next
    line's name) cut to its part after the break; a person's name that opens with a given name on the
    first line keeps that line (a byline's "Liam O'Driscoll-Tan" + "Atlantic" of "Atlantic reporter")."""
    breaks = [t.i for t in ent if t.is_space and "\n" in t.text]
    if not breaks or breaks[-1] + 1 >= ent.end:
        return ent
    doc = ent.doc
    if ent.label_ == "PERSON" and breaks[0] - ent.start >= 2 and ent[0].lower_ in lexicon.GIVEN_NAMES and (
        doc[breaks[-1] + 1].lower_ not in lexicon.GIVEN_NAMES
    ):
        return SpacySpan(doc, ent.start, breaks[0], label=ent.label)
    return SpacySpan(doc, breaks[-1] + 1, ent.end, label=ent.label)


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


