"""People's names the NER cut short or padded, made whole (used by ``ner_spans.entity_spans``).

The small model leaves out a given name ("said Paloma Wu" → "Wu", "Nguyễn Văn Tâm" → "Văn Tâm"),
splits a hyphenated family name ("Sabine Hartwig" "-" "Nowak") or one with particles ("Liesbeth Van"
"den" "Broeck"), takes a role word for part of the name ("Filmmaker Nasrin Haidari") and tags titled
people as organisations ("Mayor Elena Vasquez"). Each helper reads one such slip off the parse.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from presslens.extract import cues
from presslens.extract.name_forms import (
    DETERMINERS,
    POSSESSIVE,
    foreign_name_after_role,
    is_foreign_name_word,
    is_hyphen_joint,
)
from presslens.lexicon import speakers as lexicon
from presslens.lexicon.corpus import PARTICLES
from presslens.lexicon.names import DEMONYMS, ROMANCE_OF_WORDS
from presslens.nlp import doc_text, is_english_word

__all__ = [
    "after_given_name", "family_name_after", "family_names_end", "given_name_start", "hyphenated_name_across", "is_given_and_lone_name",
    "is_hyphenated_person", "is_titled_person", "name_after_post", "names_split_in_two", "particles_between", "person_at_end",
    "with_hyphenated_part", "with_particles", "with_shared_surname", "without_role_word",
]


def is_given_and_lone_name(ent: SpacySpan, lone_words: set[str], titled: set[str] = frozenset()) -> bool:
    """Whether an entity is two proper nouns, a given name and a word the NER elsewhere takes alone
    for a person or a place, or the text writes alone: a person's name ("Sean Hannity" … "told
    Hannity", "Ingrid Thibodeau's workshop" tagged a building … "Thibodeau, 58,"). A family name
    written after a title elsewhere (``titled``: "Ms Obiora") may follow any foreign name word
    ("Nkechi Obiora's father" tagged an organisation). Three or four name words opening with a given
    name are a person's when the last is written elsewhere too."""
    tokens = [t for t in ent if t.lower_ not in DETERMINERS and t.text not in POSSESSIVE]
    family = {tokens[-1].text} if tokens else set()
    if len(tokens) == 4 and is_hyphen_joint(tokens[2]):  # "Chantal Lemieux-Roy" … "Lemieux"
        family, tokens = {tokens[1].text, "".join(t.text for t in tokens[1:])}, tokens[:2]
    if 3 <= len(tokens) <= 4 and tokens[0].lower_ in lexicon.GIVEN_NAMES and tokens[0].is_title and all(
        t.pos_ == "PROPN" and (is_foreign_name_word(t) or t.lower_ in lexicon.GIVEN_NAMES) for t in tokens[1:]
    ):  # "María Fernanda Ospina Restrepo" … "Ms. Ospina Restrepo said"
        last = tokens[-1].text
        return doc_text(ent.doc).count(last) > ent.text.count(last)
    return (
        len(tokens) == 2 and all(t.pos_ == "PROPN" and t.is_alpha for t in tokens)
        and (
            (tokens[0].lower_ in lexicon.GIVEN_NAMES and bool(family & (lone_words | titled)))
            or (is_foreign_name_word(tokens[0]) and bool(family & titled))
        )
    )


def is_hyphenated_person(ent: SpacySpan) -> bool:
    """Two names, one of them hyphenated, the first a given name ("Jean-Baptiste Moreau-Tessier",
    tagged an organisation): a person, unless a word is a body's noun or an English word ends it."""
    words = [t for t in ent if t.lower_ not in DETERMINERS]
    parts = " ".join(t.text_with_ws for t in words).replace(" - ", "-").replace(" -", "-").split()
    return (
        len(parts) == 2 and "-" in "".join(parts) and words[0].lower_ in lexicon.GIVEN_NAMES
        and all((t.is_title and t.is_alpha) or is_hyphen_joint(t) for t in words)
        and not any(t.lower_ in cues.ORG_ROLE_NOUNS for t in words) and not is_english_word(words[-1].text)
    )


def names_a_role(ent: SpacySpan) -> bool:
    """A name tagged an organisation in apposition to a person's role, after a name word the NER left
    out ("the city's general manager of transportation, Olumide Fashola-Grant,") or made of name words
    only ("Quebec's Minister of Natural Resources and Forests, Benoît Lévesque-Tremblay,"), also when
    parsed as the last field of the title: a person."""
    root, doc = ent.root, ent.doc
    if root.dep_ not in ("appos", "conj") or not ent.start or not all(t.is_title or is_hyphen_joint(t) for t in ent):
        return False
    before = doc[ent.start - 1]
    words = [t for t in ent if t.is_alpha]
    whole = bool(words) and all(
        t.is_title and len(t) > 1 and (is_foreign_name_word(t) or t.lower_ in lexicon.GIVEN_NAMES) for t in words
    )  # not "H&M"
    if any(t.lower_ in cues.ORG_ROLE_NOUNS for t in ent) or not (
        whole or is_foreign_name_word(before) or before.lower_ in lexicon.GIVEN_NAMES
    ):
        return False
    # the role may be a capitalised title when the name is whole ("Quebec's Minister of …, Benoît Lévesque-Tremblay")
    ancestors = list(root.ancestors)[:3]
    role = [a for a in ancestors if a.lemma_.lower() in cues.PERSON_ROLE_NOUNS or a.lower_ in cues.TITLES]
    if root.dep_ == "conj":  # parsed as the last field of the title ("The Minister of Fisheries, …, Cheikh Tidiane Sarr,")
        return whole and bool(role) and before.text == ","
    return any(a.pos_ == "NOUN" for a in role) or (whole and bool(role) and role[0].i == root.head.i)


def is_titled_person(ent: SpacySpan) -> bool:
    """A non-person mention that is a title and a name ("Mayor Elena Vasquez"), or a name right after
    a capitalised title ("Chancellor" + "Olaf Scholz" tagged ORG), or after it and a given name the NER
    left out ("Judge" "Ana" + "Cristina Moura Bittencourt"): a person."""
    before = ent.doc[ent.start - 1] if ent.start else None
    # "trust chair Halima Yusuf": a lower-case title will do when it qualifies the name, or when the
    # parser made both subjects of the verb ("health spokesperson Cerys Ifans said")
    qualifies = before is not None and (
        (before.dep_ == "compound" and ent.start <= before.head.i < ent.end)
        or (before.dep_ == ent.root.dep_ == "nsubj" and before.head.i == ent.root.head.i)
    )
    titled = before is not None and (before.text[:1].isupper() or qualifies) and before.lower_.rstrip(".") in cues.TITLES
    if before is not None and ent.start >= 2 and before.is_title and not before.ent_type_ and before.lower_ in lexicon.GIVEN_NAMES:
        title = ent.doc[ent.start - 2]  # "Judge" "Ana" + "Cristina Moura Bittencourt" tagged ORG
        titled = titled or (title.text[:1].isupper() and title.lower_.rstrip(".") in cues.TITLES)
    role = qualifies and before.is_lower and before.lemma_ in cues.PERSON_ROLE_NOUNS  # "winger Iosefa Leaupepe-Tuilagi"
    if titled or (role and before.lemma_ not in cues.ORG_ROLE_NOUNS):
        names = [t for t in ent if not is_hyphen_joint(t)]  # "Economist Anne-Sophie Tremblay"
        words = len(names) - (len(ent) - len(names))
        if 2 <= words <= 3 and all(t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() for t in names):
            return True
    tokens = [t for t in ent if t.lower_ not in DETERMINERS]
    if len(tokens) < 2 or len(tokens) > 4 or tokens[0].lower_.rstrip(".") not in cues.TITLES:
        return False
    names = tokens[1:]
    return tokens[0].text[:1].isupper() and all(
        t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha
        and t.lower_ not in cues.ORG_ROLE_NOUNS and t.lower_.rstrip(".") not in cues.TITLES
        for t in names
    )


def person_at_end(ent: SpacySpan, lone_people: set[str]) -> SpacySpan | None:
    """The person at the end of an organisation or place the NER made too long: its last word (a
    hyphenated one whole) is tagged a person on its own elsewhere, or written alone, with the
    capitalised proper noun before it as the given name ("Rural Development Aminata Traoré-Keita" …
    "Traoré-Keita said")."""
    doc = ent.doc
    start = ent.end - 1
    while start - 2 >= ent.start and is_hyphen_joint(doc[start - 1]):
        start -= 2
    family = doc[start : ent.end].text
    if start - 1 <= ent.start:
        return None
    titled = any(doc[k].lower_.rstrip(".") in cues.TITLES for k in range(max(ent.start - 3, 0), ent.start))
    given_name = doc[start - 1].lower_ in lexicon.GIVEN_NAMES
    # the last word is a person's elsewhere, or written alone and the entity has a title before it or a
    # given name: not "The New York Times" … "the Times said"
    if not (family in lone_people or ((titled or given_name) and _written_alone_elsewhere(ent, family))):
        # never written alone: foreign name words right after the body's name, with its holder's title
        # before ("Governor of the Murmansk Region Andrei Chistyakov told"), not a place after "of"
        # ("the Ministry of Foreign Affairs of Burkina Faso") nor a name that is the whole entity
        tail = foreign_name_after_role(ent, reach=16)
        if tail is None or tail.start <= ent.start or not doc[tail.start - 1].is_title:
            return None
        return None if _romance_body_name(doc[ent.start : tail.start]) else tail
    given = doc[start - 1]
    if _romance_body_name(doc[ent.start : start - 1]):
        return None
    names_of_bodies = cues.ORG_ROLE_NOUNS | cues.TITLES
    if not (given.pos_ == "PROPN" and given.is_title and given.is_alpha) or {given.lower_, family.lower()} & names_of_bodies:
        return None
    start -= 1
    if start - 2 >= ent.start and is_hyphen_joint(doc[start - 1]) and doc[start - 2].is_title:
        start -= 2  # "Jean-François Caron": a hyphenated given name is whole
    def part_of_name(word: Token) -> bool:
        given_name = word.lower_ in lexicon.GIVEN_NAMES and word.lower_ not in names_of_bodies
        return is_foreign_name_word(word) or (word.is_title and given_name)

    # a title right before the entity, or name words only, say the name starts there ("Dr" "Yakubu Tanko
    # Bello", "Grace Wambui Otieno")
    title_before = ent.start and doc[ent.start - 1].lower_.rstrip(".") in cues.TITLES
    # or commas around it: a name in apposition ("The association's general secretary, Pita Vake Hufanga,")
    set_off = ent.start and doc[ent.start - 1].text == "," and ent.end < len(doc) and doc[ent.end].text == ","

    def in_name(word: Token) -> bool:
        return part_of_name(word) or bool(set_off and word.pos_ == "PROPN" and word.is_title)

    first = ent.start if title_before or all(in_name(t) or is_hyphen_joint(t) for t in ent) else ent.start + 1
    while start - 1 >= first and start > ent.end - 4 and in_name(doc[start - 1]):
        start -= 1  # "People's Committee Phạm Thị Hồng Nhung", "Science and Technology Le Thi Thu Hang"
    return doc[start : ent.end]


def _romance_body_name(words: SpacySpan) -> bool:
    """Whether the words before a name-like end have a French, Spanish or Italian "of" ("Syndicat des
    employés de" + "Banque Côte-Nord"): a body's name that ends with a place, not a person."""
    return any(t.lower_ in ROMANCE_OF_WORDS for t in words)


def _written_alone_elsewhere(ent: SpacySpan, word: str) -> bool:
    """Whether the text writes ``word`` (at least two letters, hyphens allowed) outside ``ent``, not
    after the word that precedes it in ``ent``: a family name used on its own."""
    text = doc_text(ent.doc)
    given = ent.doc[ent.end - 1 - word.count("-") * 2 - 1].text
    at = text.find(word)
    while at >= 0:
        outside = not ent.start_char <= at < ent.end_char
        after = text[at + len(word) :].split(maxsplit=1)
        ends_name = not after or not after[0][:1].isupper() and after[0] not in ("of", "for", "and")
        if outside and not text[:at].rstrip().endswith(given) and ends_name and not text[at + len(word) : at + len(word) + 1].isalpha():
            return True
        at = text.find(word, at + 1)
    return False


def family_name_after(ent: SpacySpan) -> bool:
    """Whether a one-word person is a given name followed by a capitalised proper noun it is a
    compound of, which no entity claims, even a role word ("Patty Judge", "Darnell Nurse")."""
    doc = ent.doc
    if ent.end >= len(doc) or ent[0].lower_ not in lexicon.GIVEN_NAMES:
        return False
    after = doc[ent.end]
    return (
        after.pos_ == "PROPN" and after.is_title and after.is_alpha and not after.ent_type_
        and ent[0].head.i == after.i and ent[0].dep_ == "compound"
    )


def family_names_end(ent: SpacySpan) -> int:
    """Where a person's name ends when the NER stopped after its given names and up to two foreign
    name words no entity claims follow ("Maria Cristina" + "Villanueva Ocampo", "Datuk Mohd" +
    "Firdaus Taib", "Councillor Harjit" + "Kaur Grewal"): the end of those words, else the entity's end."""
    doc = ent.doc
    link = doc[ent.end] if ent.end + 1 < len(doc) else None
    if link is not None and link.lower_ in lexicon.MALAY_NAME_LINKS and not link.ent_type_ and _name_word(doc[ent.end + 1]):
        return ent.end + 2  # "Khairul Anuar" + "Mohd Zain"
    titled_given = ent[0].lower_.rstrip(".") in cues.TITLES and is_foreign_name_word(ent[-1])  # "Councillor Harjit"
    if len(ent) < 2 or not (ent[-1].lower_ in lexicon.GIVEN_ONLY_NAMES or titled_given):  # not "Hillary Clinton" + "Goes"
        return ent.end
    end = ent.end
    while end < len(doc) and end - ent.end < 2 and not doc[end].is_sent_start and (
        _left_out_name_word(doc[end]) or _name_word_before_comma(doc[end])
    ):
        end += 1
    if end < len(doc) and end > ent.end and doc[end].pos_ == "PROPN" and doc[end].is_title:
        return ent.end  # a longer run of capitalised words: a body's name, not a family name
    return end


def _name_word_before_comma(word: Token) -> bool:
    """A foreign name word in no entity right before a comma ("Kaur Grewal" + ", who voted …")."""
    doc = word.doc
    return (
        is_foreign_name_word(word) and not word.ent_type_ and not word.whitespace_ and word.i + 1 < len(doc)
        and doc[word.i + 1].text == ","
    )


def names_split_in_two(first: SpacySpan, second: SpacySpan) -> bool:
    """Whether two people the NER tags side by side, or with one foreign name word between, are one
    person's name ("Andrés Felipe" "Quintero Salcedo", "Datuk Rayner"
    "Gumbaru" "Sintai"), the second maybe tagged otherwise: nothing else between, no punctuation."""
    if first.label_ != "PERSON" or (second.label_ != "PERSON" and not _family_name_tagged_otherwise(first, second)):
        return False
    gap = first.doc[first.end : second.start]
    if not first[-1].whitespace_ or len(gap) > 1 or not all(_name_word(t) for t in (first[0], first[-1], second[0], second[-1])):
        return False  # "Change" + "Anil Kumar Sharma", "Hillary Clinton" + "Goes" in a headline
    return not gap or (_left_out_name_word(gap[0]) and gap[0].pos_ == "PROPN")


def _family_name_tagged_otherwise(first: SpacySpan, second: SpacySpan) -> bool:
    """A one-word body or place, in no English dictionary, after a person ending with a given name
    ("Yeimy Carolina" "Torres" "Gómez" with "Gómez" tagged an organisation)."""
    return (
        len(second) == 1 and second.label_ in ("ORG", "GPE", "NORP") and first[-1].lower_ in lexicon.GIVEN_ONLY_NAMES
        and second[0].is_title and not is_english_word(second.text)
    )


def _name_word(word: Token) -> bool:
    """A given name, a word of Malay names ("Wan") or a capitalised word no English dictionary knows."""
    return word.lower_ in lexicon.GIVEN_NAMES or word.lower_ in lexicon.MALAY_NAME_LINKS or (
        word.is_title and not is_english_word(word.text)
    )


def given_name_start(ent: SpacySpan) -> int | None:
    """Where the given name the NER left out begins, if the words before a person of one to three
    words are a capitalised proper noun compounded with it (a hyphenated one whole: "Ji-woo Park")
    that no title, role or other entity claims ("said Paloma Wu", "Mehmet Ali Yücel")."""
    doc = ent.doc
    start = ent.start - 1
    if start < 0:
        return None
    before = doc[start]
    word = before.lower_.rstrip(".")
    if _left_out_name_word(before):  # "Nguyễn Văn Tâm" with "Nguyễn" left out, even opening the sentence
        while start > 0 and ent.start - start < 3 and not doc[start].is_sent_start and (
            _left_out_name_word(doc[start - 1]) or _given_name_part(doc[start - 1], start, ent.end)
        ):
            start -= 1
        return start
    if len(ent) > 1 and before.is_sent_start and word not in lexicon.GIVEN_NAMES:
        return None  # "Rival Hillary Clinton said": a capitalised first word of the sentence
    if len(ent) > 1 and ent[0].lower_ in lexicon.GIVEN_NAMES and is_english_word(before.text) and (
        before.lower_ not in lexicon.GIVEN_NAMES
    ):
        return None  # "Special Agent in Charge Marcus Whitfield": the name already starts with its given name
    hyphenated = start >= 2 and is_hyphen_joint(doc[start - 1]) and doc[start - 2].is_title  # "Ji-woo"
    if not _left_out_part(before, ent.start, ent.end, hyphenated):
        return None
    if hyphenated:
        return start - 2 if not doc[start - 2].ent_type_ else start
    while start >= 1 and ent.start - start < 2 and _given_name_part(doc[start - 1], start, ent.end):
        start -= 1  # "Adelaide Gonçalves Ferraz": two names the NER left out
    while start >= 1 and ent.start - start < 4 and _is_bare_initial(doc[start]) and _is_bare_initial(doc[start - 1]):
        start -= 1  # "T R Sreekumar": initials written without full stops
    return start


def _is_bare_initial(word: Token) -> bool:
    return len(word.text) == 1 and word.is_upper and not word.ent_type_


def _given_name_part(before: Token, start: int, end: int) -> bool:
    """A further word the NER left out: a given name or no English word ("Adelaide", not the
    "Infrastructure" of "Minister of Transport and Infrastructure Mehmet Ali Karataş"), and no word
    after an article ("Member of the Senedd Rhodri Bevan-Achebe")."""
    return _left_out_part(before, start, end, False) and not _after_article(before) and (
        before.lower_ in lexicon.GIVEN_NAMES or (not before.is_sent_start and not is_english_word(before.text))
    )


def _left_out_part(before: Token, start: int, end: int, hyphenated: bool) -> bool:
    """A capitalised proper noun compounded with a word of ``start:end`` that no title, role or entity
    claims, and no place of a post ("Ambassador to Nigeria")."""
    word = before.lower_.rstrip(".")
    return (
        before.pos_ == "PROPN" and before.dep_ == "compound" and start <= before.head.i < end
        and (before.is_title or hyphenated) and before.is_alpha and (not before.ent_type_ or _name_tagged_nationality(before))
        and word not in cues.TITLES and word not in cues.PERSON_ROLE_NOUNS and not _after_post(before)
    )


def _name_tagged_nationality(word: Token) -> bool:
    """ "Idalmis" of "Cuban economist Idalmis Cabrera Quesada" tagged a nationality: no demonym, no English word."""
    return word.ent_type_ == "NORP" and word.text not in DEMONYMS.values() and not is_english_word(word.text)


def after_given_name(ent: SpacySpan) -> bool:
    """Whether a one-word entity no English dictionary knows comes right after a given name in no
    entity that is compounded with it ("Ana" "Muhate"); a hyphenated one ("Olumide" "Adebayo-Carr"), or
    one after a role ("spokesperson Olumide" "Bakare"), also after a name word the given-name lists lack."""
    words = [t for t in ent if not is_hyphen_joint(t)]
    if ent.start == 0 or " " in ent.text or any(is_english_word(t.text) for t in words):
        return False
    before = ent.doc[ent.start - 1]
    role_before = before.i > 0 and ent.doc[before.i - 1].lemma_.lower() in cues.PERSON_ROLE_NOUNS
    # a name word the lists lack after a role ("force spokesperson Olumide" "Bakare") is a given name too
    given = before.lower_ in lexicon.GIVEN_NAMES or ((len(words) > 1 or role_before) and is_foreign_name_word(before))
    return (
        given and before.is_title and not before.ent_type_
        and before.dep_ == "compound" and before.head.i == ent.root.i
    )


def particles_between(first: SpacySpan, second: SpacySpan) -> bool:
    """Whether only the particles of a family name ("den") part two people's entities, one of them
    ending in a particle too ("Liesbeth Van" "den" "Broeck")."""
    between = first.doc[first.end : second.start]
    return 1 <= len(between) <= 2 and first[-1].lower_ in PARTICLES and all(t.lower_ in PARTICLES for t in between)


def with_particles(ent: SpacySpan) -> SpacySpan:
    """A person the NER took without the particles of the family name and the given name before
    them ("Broeck" of "Liesbeth Van den Broeck", "Van den Broeck said")."""
    doc = ent.doc
    start = ent.start
    while start > 0 and doc[start - 1].lower_ in PARTICLES and doc[start - 1].lower_ != "st" and not doc[start - 1].ent_type_:
        start -= 1
    if start == ent.start or doc[start].is_lower:  # "the mayor of la" … : a particle alone opens no name
        return ent
    if start > 0 and doc[start - 1].is_title and not doc[start - 1].ent_type_ and (
        doc[start - 1].lower_ in lexicon.GIVEN_NAMES or is_foreign_name_word(doc[start - 1])
    ):
        start -= 1
    return SpacySpan(doc, start, ent.end, label=ent.label)


def _left_out_name_word(word: Token) -> bool:
    """A foreign name word in no entity, followed by a space and after no article: a name part the
    NER left out."""
    return is_foreign_name_word(word) and not word.ent_type_ and word.whitespace_ == " " and not _after_article(word)


def name_after_post(ent: SpacySpan) -> SpacySpan | None:
    """The person's name after the place of a post that the NER took into one entity with it
    ("Ambassador to" + "Türkiye Abena Owusu-Sekyere"): a given name right after the place's word."""
    if len(ent) < 3 or not _after_post(ent[0]) or ent[1].lower_ not in lexicon.GIVEN_NAMES or not ent[1].is_title:
        return None
    return ent[1:]


def _after_article(word: Token) -> bool:
    """Whether an article, or a title's "to"/"in", comes right before a word ("the Senedd", "Ambassador
    to Türkiye", "Consul General in Chongqing"): no part of a person's name."""
    return (word.i > 0 and word.doc[word.i - 1].lower_ in DETERMINERS) or _after_post(word)


def _after_post(word: Token) -> bool:
    """Whether a title's "to"/"in" comes right before a word: the place of a post ("Ambassador to Nigeria")."""
    doc, i = word.doc, word.i
    return i > 1 and doc[i - 1].lower_ in ("to", "in") and doc[i - 2].lower_.rstrip(".") in cues.TITLES


def _modifies_a_noun(word: Token) -> bool:
    """Whether a word modifies a common noun ("the Clinton-Trump debate")."""
    return word.dep_ in ("compound", "amod", "nmod") and word.head.pos_ == "NOUN" and word.head.i > word.i


def hyphenated_name_across(first: SpacySpan, second: SpacySpan) -> bool:
    """Whether two entities joined by a hyphen inside a word are one person's hyphenated family name
    ("Sabine Hartwig" "-" "Nowak"): one of them a person, the second one word, and the whole no
    modifier of a noun ("the Clinton-Trump debate" is two people)."""
    doc = first.doc
    return (
        second.start == first.end + 1 and is_hyphen_joint(doc[first.end]) and len(second) == 1
        and "PERSON" in (first.label_, second.label_) and "NORP" not in (first.label_, second.label_)
        and not _modifies_a_noun(second[0])
    )


def with_hyphenated_part(ent: SpacySpan) -> SpacySpan:
    """A person or organisation the NER ended before the hyphen of its last word ("Chantal Lemieux"
    "-Roy", "Coca" "-Cola"), made whole when the word after the hyphen is in no entity."""
    doc = ent.doc
    end = ent.end
    if end + 1 < len(doc) and is_hyphen_joint(doc[end]) and doc[end + 1].is_title and not doc[end + 1].ent_type_:
        if not _modifies_a_noun(doc[end + 1]):
            return SpacySpan(doc, ent.start, end + 2, label=ent.label)
    return ent


def without_role_word(ent: SpacySpan) -> SpacySpan:
    """A person's name of three or more words opening a sentence with a role noun the NER took in
    ("Filmmaker Nasrin Haidari"): the name without it."""
    first = ent[0]
    word = first.lower_
    role = word in cues.PERSON_ROLE_NOUNS or word.endswith(lexicon.PERSON_NOUN_SUFFIXES) or (
        word.endswith(("er", "or")) and is_english_word(word)
    )  # "Volcanologist Einar Magnússon"; given names ending so ("Christian") are excluded below
    if len(ent) >= 3 and first.is_sent_start and role and word not in lexicon.GIVEN_NAMES:
        return ent[1:]
    return ent


def with_shared_surname(ent: SpacySpan, name: str) -> str:
    """ "Khizr" in "Khizr and Ghazala Khan" is "Khizr Khan": a lone name coordinated with a full one."""
    doc = ent.doc
    if " " in name or ent.end + 2 >= len(doc) or doc[ent.end].lower_ != "and":
        return name
    given, family = doc[ent.end + 1], doc[ent.end + 2]  # the next entity, read off its tokens
    two_words = ent.end + 3 >= len(doc) or doc[ent.end + 3].ent_iob_ != "I"
    if not (given.ent_iob_ == "B" and given.ent_type_ == "PERSON" and family.ent_iob_ == "I" and two_words):
        return name
    return f"{name} {family.text}" if given.pos_ == family.pos_ == "PROPN" else name
