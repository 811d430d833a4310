"""People, organisations, places and groups named in one article, with in-article alias merging.

Method. Mentions come from the spaCy NER of the parsed ``Doc`` (PERSON, ORG, GPE/LOC/FAC, NORP).
Names are cleaned of determiners, possessive endings and titles (``German Chancellor Angela Merkel``
→ ``Angela Merkel``). Mentions are then clustered inside the article with the string rules that
cross-document coreference systems use as their first, high-precision sieve (Lee et al. 2013,
"Deterministic coreference resolution based on entity-centric, precision-ranked rules"):
a person's surname or first name alone joins the full name it belongs to when that is unambiguous,
an organisation's acronym or shortened form joins its full name, and identical normalised strings
join. Entity ids ``e1``, ``e2``, … follow first mention; ``name`` is the fullest form used.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from presslens.extract import cues
from presslens.extract.acronyms import acronyms_of, is_last_word_of, name_spelled_before
from presslens.extract.entity_kinds import relabel
from presslens.extract.name_forms import (
    DETERMINERS,
    after_place_word,
    clean_name,
    company_first_word,
    described_as_organisation,
    plural_of_role,
    presented_as_person,
    rewords_name,
)
from presslens.extract.ner_people import given_name_start, is_given_and_lone_name, with_shared_surname
from presslens.extract.ner_spans import (
    entity_spans,
    lone_proper_nouns,
    organisation_first_words,
    titled_family_names,
)
from presslens.extract.person_names import (
    family_name_written_first,
    first_family_name_of,
    glued_before,
    is_name_tail,
    korean_given_name,
    opens_name,
    person_key_parts,
    second_family_name_of,
    surname_of,
    without_middle_initial,
)
from presslens.lexicon import speakers as lexicon
from presslens.lexicon.labels import ENTITY_KINDS
from presslens.lexicon.names import (
    FEMALE_NAMES,
    MALE_NAMES,
    ORG_SUFFIXES,
    PLACE_ALIASES,
)
from presslens.nlp import doc_text, is_english_word
from presslens.schema import Entity, EntityKind, Span

__all__ = ["find_entities", "ENTITY_KINDS"]


@dataclass(slots=True)
class _Cluster:
    kind: EntityKind
    forms: list[str] = field(default_factory=list)  # cleaned names, in order of appearance
    mentions: list[Span] = field(default_factory=list)
    first: int = 0
    titled: list[str] = field(default_factory=list)  # "Chancellor Merkel", "Finance Minister Scholz"
    gender: str | None = None  # "m" or "f" when a given name or an honorific says so
    last_subject: int = -1  # where it was last the subject of a clause
    # the name and the kind and forms it was chosen from: asked for tens of thousands of times per article
    _named: tuple[tuple[str, ...], str] = field(default=((), ""), repr=False, compare=False)

    @property
    def name(self) -> str:
        key = (self.kind, *self.forms)
        if self._named[0] != key:
            fullest = max(self.names, key=lambda f: (len(f.split()), len(f)))
            self._named = (key, without_middle_initial(fullest) if self.kind == "person" else fullest)
        return self._named[1]

    @property
    def names(self) -> list[str]:
        """The forms that are names: not a headline word glued before a person's full name ("Rip Donald
        Trump" in "Black Lawmakers Rip Donald Trump As …" when the article also writes "Donald Trump")."""
        if self.kind != "person":
            return self.forms
        return [f for f in self.forms if not any(glued_before(f, other) for other in self.forms)] or self.forms


def _titled_form(ent: SpacySpan) -> str | None:
    """The name with the capitalised title words written right before it ("Chancellor Merkel")."""
    doc = ent.doc
    i = ent.start
    while i > 0 and ent.start - i < 4:
        t = doc[i - 1]
        word = t.text.lower().rstrip(".")
        if not t.text[:1].isupper() or t.ent_type_ in ("PERSON", "GPE", "NORP", "ORG"):
            break
        if word in cues.TITLES or (
            t.dep_ == "compound" and ent.start <= t.head.i < ent.end + 1 and i < ent.start
        ):
            i -= 1
            continue
        if word in cues.TITLES or t.dep_ == "compound":
            i -= 1
            continue
        break
    if i == ent.start or not any(doc[j].text.lower().rstrip(".") in cues.TITLES for j in range(i, ent.start)):
        return None
    return doc[i : ent.end].text


def _norm(name: str) -> str:
    words = [w for w in name.lower().replace("’", "'").split() if w not in ORG_SUFFIXES]
    return " ".join(words).strip(".,")


def _find_person(
    clusters: list[_Cluster], name: str, gender: str | None = None, title: str | None = None, text: str = ""
) -> int:
    """Index of the person cluster a (possibly partial) name belongs to, or -1.

    ``gender`` (from an honorific: "Mrs. Clinton") rules out people of the other gender; ``title``
    (the word before the mention: "Dr Nair") prefers the one of two namesakes written with it."""
    first, last = person_key_parts(name)
    n_words = len(name.split())
    exact = [
        i for i, c in enumerate(clusters)
        if c.kind == "person" and any(f == name for f in c.forms) and _gender_fits(c, gender)
    ]  # "Ms. Bigstone" is not "Mr. Bigstone", whose surname form came first
    word = name.lower().replace("’", "'")
    by_last = [
        i for i, c in enumerate(clusters)
        if c.kind == "person" and person_key_parts(c.name)[1] == word and _gender_fits(c, gender)
    ] if n_words == 1 else []
    titled = [i for i in by_last if title and any(title in f.lower().replace(".", "").split() for f in clusters[i].titled)]
    if len(titled) == 1:
        # "Dr Nair" after "Dr Lakshmi Nair" and "District Collector Arun Nair", even when his "Nair" came first
        return titled[0]
    written_first = [
        i for i, c in enumerate(clusters)
        if c.kind == "person" and family_name_written_first(name, c.name) and _gender_fits(c, gender)
    ]
    if exact and len(written_first) > 1:
        # "Wang said" after "Wang Jianguo" … "Wang Xue": a family name written first is the namesake named last
        return max(written_first, key=lambda i: clusters[i].mentions[-1].start)
    if exact:
        return exact[-1]
    if n_words == 1:
        if not by_last and len(written_first) == 1:
            return written_first[0]  # "Kim" of "Kim Seo-yeon", with a "KIM JI-WOO" in the byline
        if by_last:
            # the holder of the surname last seen as a subject ("Bill Clinton criticized … for his wife
            # Hillary Clinton. … Clinton said" is Bill), else the one mentioned last
            return max(by_last, key=lambda i: (clusters[i].last_subject, clusters[i].mentions[-1].start))
        by_first = [
            i for i, c in enumerate(clusters) if c.kind == "person" and person_key_parts(c.name)[0] == word
        ]
        if len(by_first) == 1:
            return by_first[0]
        # "Benavente" for "Lucía Benavente Ortiz": the first of two family names
        by_middle = [
            i for i, c in enumerate(clusters)
            if c.kind == "person" and first_family_name_of(name, c.name) and _gender_fits(c, gender)
        ]  # "Ms. López" of "Ana Lucía López Tzul", not of her brother "Marvin López Tzul"
        return by_middle[0] if len(by_middle) == 1 else -1
    tails = [i for i, c in enumerate(clusters) if c.kind == "person" and is_name_tail(name, c.name)]
    if len(tails) == 1:
        return tails[0]
    # "Amirul Hakim" for "Amirul Hakim Rosli": the first words of one person's longer name
    heads = [i for i, c in enumerate(clusters) if c.kind == "person" and c.name.split()[:n_words] == name.split() and len(c.name.split()) > n_words]
    if len(heads) == 1:
        return heads[0]
    # "Anil Kumar Sharma" after "Kumar Sharma": a fuller name that one person's name ends
    ends = [i for i, c in enumerate(clusters) if c.kind == "person" and is_name_tail(c.name, name)]
    if len(ends) == 1:
        return ends[0]
    # "Tavares Quintela" after "Marcelo Tavares", whose second family name the NER cut
    pairs = [i for i, c in enumerate(clusters) if c.kind == "person" and second_family_name_of(c.name, name, text)]
    if len(pairs) == 1:
        return pairs[0]
    # a fuller name joins an earlier surname-only cluster ("Merkel" … "Angela Merkel")
    for i, c in enumerate(clusters):
        if c.kind != "person":
            continue
        cf, cl = person_key_parts(c.name)
        if cl == last and _gender_fits(c, gender) and (
            len(c.name.split()) == 1 or cf == first or cf[:1] == first[:1]
        ):
            return i
    # or an earlier given-name-only one ("her sister Ooleepeeka" … "Ooleepeeka Akavak"): never titled ("Mr. Obama")
    # and no one's family name
    given = [
        i for i, c in enumerate(clusters)
        if c.kind == "person" and c.name == name.split()[0] and not c.titled and _gender_fits(c, gender)
    ]
    if len(given) == 1 and not korean_given_name(name.split()[-1]) and not any(
        c.kind == "person" and person_key_parts(c.name)[1] == first for c in clusters if " " in c.name
    ):
        return given[0]
    return -1


def _ambiguous_surname(clusters: list[_Cluster], name: str) -> bool:
    """A bare family name that two or more people of unknown gender share."""
    return " " not in name and sum(
        1 for c in clusters if c.kind == "person" and c.gender is None and person_key_parts(c.name)[1] == name.lower()
    ) > 1


def _gender_fits(cluster: _Cluster, gender: str | None) -> bool:
    """Whether a mention of ``gender`` (None: unknown) can be the person of ``cluster``."""
    return gender is None or cluster.gender in (None, gender)


def _mention_gender(ent: SpacySpan, name: str) -> str | None:
    """ "m"/"f" from an honorific in or right before the mention ("Mrs. Clinton") or a given name."""
    first = ent.start
    while first < ent.end and ent.doc[first].lower_ in DETERMINERS:
        first += 1
    for token in (ent.doc[first], ent.doc[ent.start - 1] if ent.start else None):
        if token is not None and token.lower_.rstrip(".") in lexicon.HONORIFIC_GENDER:
            return lexicon.HONORIFIC_GENDER[token.lower_.rstrip(".")]
    given = name.split()[0].lower() if len(name.split()) > 1 else ""
    if given in MALE_NAMES and given not in FEMALE_NAMES:
        return "m"
    if given in FEMALE_NAMES and given not in MALE_NAMES:
        return "f"
    return None


def _is_known_surname(clusters: list[_Cluster], word: str) -> bool:
    """Whether a word is the family name of a person named before, last or written first ("Wang" of
    "Wang Lei")."""
    return any(c.kind == "person" and word.lower() in c.name.lower() and surname_of(word, c.name) for c in clusters)


def _find_other(clusters: list[_Cluster], name: str, kind: EntityKind) -> int:
    key = _norm(name)
    if kind == "place":
        key = PLACE_ALIASES.get(key, key)
    acros = {a.lower() for a in acronyms_of(name)}
    for i, c in enumerate(clusters):
        if c.kind != kind:
            continue
        for f in c.forms:
            fk = _norm(f)
            if kind == "place":
                fk = PLACE_ALIASES.get(fk, fk)
            if fk == key:
                return i
            if kind == "organization":
                if len(key) >= 2 and key.replace(".", "") in {a.lower() for a in acronyms_of(f)}:
                    return i
                if fk.replace(".", "") in acros:
                    return i
                if len(key.split()) > 1 and len(fk.split()) > 1 and (
                    fk.startswith(f"{key} of ") or key.startswith(f"{fk} of ")
                ):
                    return i  # "the Kessler Museum" … "the Kessler Museum of Ethnology"
                if len(key.split()) == 1 and len(fk.split()) > 1 and fk.split()[0] == key and len(key) > 3:
                    return i  # "Siemens" joins "Siemens AG"
                if (
                    len(fk.split()) == 1 and len(key.split()) > 1 and key.split()[0] == fk and len(fk) > 3
                    and _legal_or_body_word(name.split()[1:])
                    and not any(len(_norm(g).split()) > 1 and not key.startswith(_norm(g)) for g in c.forms)
                ):
                    # "Ford" … "Ford Motor Co.", "Census" … "Census Bureau": written short first, then with its
                    # legal form or body noun; not "Lufthansa" … "Lufthansa Cargo" (a part of it), nor "Hamilton
                    # Police Service" into the "Hamilton" that joined "Hamilton Police Association"
                    return i
    if kind == "organization":
        # "the Times" after "The New York Times": the one organisation whose last word it is
        ends = [i for i, c in enumerate(clusters) if c.kind == kind and is_last_word_of(name, c.name)]
        if len(ends) == 1:
            return ends[0]
    return -1


def _legal_or_body_word(words: list[str]) -> bool:
    """Whether the words after a company's first word hold its legal form ("Co.") or end in a body's
    noun ("Group", "Bureau")."""
    return any(w.lower() in ORG_SUFFIXES for w in words) or (bool(words) and words[-1].lower() in cues.ORG_ROLE_NOUNS)


def _merge_into_sole_owner(
    clusters: list[_Cluster], kind: EntityKind, owner_kind: EntityKind, belongs: Callable[[str, str], bool]
) -> list[_Cluster]:
    """Each cluster of ``kind`` every form of which ``belongs`` to the name of exactly one cluster of
    ``owner_kind``, merged into that one."""
    owners_of_kind = [c for c in clusters if c.kind == owner_kind]
    out = []
    for c in clusters:
        owners = [o for o in owners_of_kind if o is not c and all(belongs(f, o.name) for f in c.forms)] if c.kind == kind else []
        if len(owners) == 1:
            _absorb(owners[0], c)
            continue
        out.append(c)
    return out


def _absorb(owner: _Cluster, other: _Cluster) -> None:
    """Merge ``other``'s forms and mentions into ``owner``."""
    owner.forms.extend(f for f in other.forms if f not in owner.forms)
    owner.mentions = sorted([*owner.mentions, *other.mentions], key=lambda m: m.start)
    owner.first = min(owner.first, other.first)


def _spelled_out_acronyms(text: str, clusters: list[_Cluster]) -> list[_Cluster]:
    """An organisation's acronym in brackets after its name the NER missed or took for a place ("The
    Medicines and Healthcare products Regulatory Agency (MHRA)", "Médecins Sans Frontières (MSF)"): the
    name is the acronym's fullest form, one organisation with it."""
    out = list(clusters)
    for c in clusters:
        if c.kind != "organization" or not all(f.isupper() and len(f) >= 2 for f in c.forms):
            continue
        at = text.find(f"({c.forms[0]})")  # the bracket may be in no mention of it
        while at >= 0:
            name = name_spelled_before(text, at + 1, c.forms[0])
            owner = next((o for o in out if o is not c and o.kind in ("organization", "place") and name in o.forms), None)
            if name is None:
                # "Vietnam Electricity (EVN)": the organisation named right before the bracket, whatever the
                # language its acronym is in
                owner = next((o for o in out if o is not c and o.kind == "organization" and _ends_before(o, text, at)), None)
            if name is None and owner is None:
                at = text.find(f"({c.forms[0]})", at + 1)
                continue
            if owner is None:
                start = text.rfind(name, 0, at)
                c.forms.insert(0, name)
                c.mentions = sorted([*c.mentions, Span.of(text, start, start + len(name))], key=lambda m: m.start)
                c.first = min(c.first, start)
            else:
                owner.kind = "organization"
                _absorb(owner, c)
                out.remove(c)
            break
    return out


def _bracketed_acronyms(text: str, clusters: list[_Cluster]) -> list[_Cluster]:
    """An acronym in brackets the NER tagged nowhere, after the name it spells ("The Canadian Parks and
    Wilderness Society (CPAWS)"): a form of the organisation of that name, a new one when no cluster
    has it, so that "CPAWS said" later is that organisation."""
    known = {f for c in clusters for f in c.forms}
    for m in _BRACKETED.finditer(text):
        acronym = m.group(1)
        name = name_spelled_before(text, m.start() + 1, acronym) if acronym not in known else None
        if name is None:
            continue
        known.add(acronym)
        start = text.rfind(name, 0, m.start())
        mention = Span.of(text, start, m.end())
        owner = next((c for c in clusters if c.kind == "organization" and name in c.forms), None)
        if owner is None:
            clusters.append(_Cluster("organization", [name, acronym], [mention], start))
        else:
            owner.forms.append(acronym)
    return clusters


_BRACKETED = re.compile(r"\(([A-Z]{2,8})\)")


def _ends_before(cluster: _Cluster, text: str, at: int) -> bool:
    """Whether a mention of ``cluster`` ends right before position ``at`` (spaces between at most)."""
    return any(m.end <= at and not text[m.end : at].strip() for m in cluster.mentions)


def _people_named_as_organisations(clusters: list[_Cluster]) -> list[_Cluster]:
    """A person cluster with the name of an organisation cluster and no given name ("Halvorsen Pharma",
    "Xinhua", "Banque Côte-Nord", each tagged a person in some sentences): merged into the organisation."""
    organisations = {c.name: c for c in clusters if c.kind == "organization"}
    out = []
    for c in clusters:
        owner = organisations.get(c.name) if c.kind == "person" else None
        if owner is None or c.name.split()[0].lower() in lexicon.GIVEN_NAMES:
            out.append(c)
            continue
        _absorb(owner, c)
    return out


def find_entities(doc: Doc, learned_kinds: bool = True) -> list[Entity]:
    """People, organisations, places and groups in ``doc``, merged by alias, ids in first-mention order;
    with ``learned_kinds``, a kind the learned model is sure of replaces the rules' (``entity_kinds``)."""
    text = doc_text(doc)
    clusters: list[_Cluster] = []
    surnames = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
    lone_words = {ent.text for ent in doc.ents if len(ent) == 1 and ent.label_ in ("PERSON", "GPE")}
    lone_words |= lone_proper_nouns(doc)
    titled_names = titled_family_names(doc)
    organisation_starts = organisation_first_words(doc)
    places = {e.text for e in doc.ents if e.label_ == "GPE" and len(e) == 1 and e.text.lower() not in lexicon.GIVEN_NAMES}
    # and a place that names a body with common nouns ("Winnipeg city council")
    places |= {e[0].text for e in doc.ents if e.label_ == "ORG" and len(e) > 1 and all(t.is_lower for t in e[1:])}
    for ent, kind in entity_spans(doc, titled_names):
        name = clean_name(ent, kind)
        if not name or not any(ch.isalpha() for ch in name):
            continue
        if kind == "person" and name not in titled_names:  # "Mr. Obama" … "Obama and Bill Clinton": no "Obama Clinton"
            name = with_shared_surname(ent, name)
        if kind == "person" and name.lower() in cues.PERSON_PRONOUNS | cues.PLURAL_PRONOUNS:
            continue
        if name.lower() in lexicon.ROLE_ACRONYMS:
            continue  # "The local MSP, Ruaraidh MacIver": a role, whatever the NER made of it
        if len(ent) == 1 and ent[0].is_sent_start and plural_of_role(name):
            continue  # "Neighbours told the paper …": people, no name
        if kind == "group" and (
            ent.root.tag_ not in ("NNS", "NNPS") or ent.root.dep_ in ("amod", "compound")
        ):
            continue  # "German" as a modifier or "the Spaniard" (one person) is not a group
        if kind in ("organization", "place") and is_given_and_lone_name(ent, lone_words, titled_names):
            kind = "person"  # "an interview with Sean Hannity" tagged ORG, "told Hannity" tagged GPE
        elif kind in ("organization", "place") and presented_as_person(ent) and (given := given_name_start(ent)) is not None:
            kind, ent = "person", doc[given : ent.end]  # "Seppo Niemi, who heads …" with "Niemi" tagged a place
            name = clean_name(ent, kind)
        if kind != "person" and " " not in name and _is_known_surname(clusters, name):
            kind = "person"  # a surname the NER took for a place or company ("Hale" after "Robert Hale")
            given = given_name_start(ent)
            if given is not None:  # "Anil Kumar" + "Sharma" tagged a place: the whole name
                ent = doc[given : ent.end]
                name = clean_name(ent, kind)
        elif kind == "person" and len(ent) == 1 and name not in surnames and name in organisation_starts:
            kind = "organization"  # "Valeant" after "Valeant Pharmaceuticals International", tagged PERSON
        elif kind == "person" and len(name.split()) == 2 and name.split()[0] in places and is_english_word(name.split()[1]):
            kind = "organization"  # "Winnipeg Transit", "Manitoba Hydro" tagged PERSON: a place's body
        elif kind == "person" and len(name.split()) >= 2 and name.split()[-1].lower().rstrip(".") in lexicon.BODY_NAME_ENDINGS:
            kind = "organization"  # "Halvorsen Marine", "Gulfline Logistics" tagged PERSON
        elif kind == "person" and len(name.split()) >= 2 and name.split()[-1].lower() in lexicon.PLACE_NAME_ENDINGS:
            kind = "place"  # "Kaskawulsh Glacier" tagged PERSON
        elif kind == "person" and any(ch.isdigit() for ch in name):
            kind = "organization"  # "Local 418" tagged PERSON: no person's name holds a numeral
        elif kind == "person" and described_as_organisation(ent):
            kind = "organization"  # "Rahla, a Casablanca-based app," tagged PERSON
        gender = _mention_gender(ent, name) if kind == "person" else None
        before = doc[ent.start - 1].lower_.rstrip(".") if ent.start else ""
        title = before if kind == "person" and before in cues.TITLES else None
        idx = _find_person(clusters, name, gender, title, text) if kind == "person" else _find_other(clusters, name, kind)
        mention = Span.of(text, ent.start_char, ent.end_char)
        if idx < 0:
            clusters.append(_Cluster(kind, [name], [mention], ent.start_char))
            c = clusters[-1]
        else:
            c = clusters[idx]
            if second_family_name_of(c.name, name, text):
                name = f"{c.name.split()[0]} {name}"  # both family names with the given name
            if name not in c.forms:
                c.forms.append(name)
            c.mentions.append(mention)
        if not _ambiguous_surname(clusters, name):  # "Mrs. Khan" after Khizr and Ghazala Khan: which one?
            c.gender = c.gender or gender
        root = ent.root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head  # "Bill Clinton and Hillary Clinton spoke": both subjects
        if root.dep_ in ("nsubj", "nsubjpass"):
            c.last_subject = ent.start_char
        titled = _titled_form(ent) if kind == "person" else None
        if titled and titled not in c.titled:
            c.titled.append(titled)
    clusters = _spelled_out_acronyms(text, _bracketed_acronyms(text, clusters))
    clusters = _people_named_as_organisations(clusters)
    clusters = _merge_into_sole_owner(clusters, "organization", "person", surname_of)
    clusters = _merge_into_sole_owner(clusters, "person", "organization", opens_name)
    clusters = _merge_into_sole_owner(clusters, "organization", "organization", rewords_name)
    located = {c.name for c in clusters if c.kind == "place" and any(after_place_word(text, m.start) for m in c.mentions)}
    clusters = _merge_into_sole_owner(
        clusters, "place", "organization", lambda form, name: form not in located and company_first_word(form, name)
    )
    clusters.sort(key=lambda c: c.first)
    out = []
    for n, c in enumerate(clusters, 1):
        name = c.name
        aliases = []
        for f in c.names:
            if f != name and f not in aliases:
                aliases.append(f)
        for f in c.titled:
            if f != name and f not in aliases:
                aliases.append(f)
        out.append(Entity(f"e{n}", name, c.kind, aliases, c.mentions))
    if learned_kinds:
        relabel(doc, out)
    return out
