"""How a name is written: a mention cleaned into a name, mojibake repaired, which words of a Title
Case headline the article's body confirms as names, and datelines, which are place names but no
mentions.
"""

from __future__ import annotations

import unicodedata

import numpy as np
from spacy.attrs import ORTH
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from presslens.extract import cues
from presslens.lexicon import speakers as lexicon
from presslens.lexicon.names import ACRONYM_SKIP, CAPITALS, DEMONYMS, ORG_SUFFIXES
from presslens.nlp import doc_text, is_english_word
from presslens.schema import EntityKind

DETERMINERS = frozenset({"the", "a", "an"})
POSSESSIVE = ("'s", "’s", "'", "’")
BYLINE_SEPARATORS = frozenset({"·", "•", "|"})

_ADJECTIVES_OF_COUNTRIES = frozenset(DEMONYMS.values())


def clean_name(span: SpacySpan, kind: EntityKind) -> str:
    """An entity's name without leading determiners and titles or a trailing possessive.

    Also: invisible characters are dropped ("Ana\u00adbel" is "Anabel"); a person's name starts after
    the last title inside it ("Alwaght-Russian President Vladimir Putin" → "Vladimir Putin"); a
    headline's speech verb is not part of a name ("Obama Says" → "Obama"); photo credits
    ("RONALD / AFP / Getty Images") are not names at all (empty string).
    """
    tokens = [t for t in span if t.text.translate(lexicon.INVISIBLE_CHARS)]
    if any("/" in t.text for t in tokens):
        return ""
    separator = next((i for i, t in enumerate(tokens) if t.text in BYLINE_SEPARATORS), None)
    if separator is not None:  # "Nadia Whitecloud · CBC News": a byline's parts
        tokens = tokens[:separator]
    while tokens and tokens[0].lower_ in DETERMINERS:
        tokens.pop(0)
    bracket = next((i for i, t in enumerate(tokens) if i and t.text in ("(", "[")), None)
    if bracket is not None and (bracket + 1 == len(tokens) or tokens[bracket + 1].is_upper):
        tokens = tokens[:bracket]  # "Court of Arbitration for Sport (CAS)": the acronym is another form
    elif bracket is not None and not any(t.text in (")", "]") for t in tokens[bracket:]):
        tokens = tokens[:bracket]  # a bracket the entity leaves open, not "Huaxin Microelectronics (Vietnam) Co."
    comma = next((i for i, t in enumerate(tokens) if i and t.text == ","), None)
    if kind == "organization" and comma is not None and listed_fields(tokens[comma + 1 :]):
        comma = None  # "Department of Environment, Energy and Climate Action": one name lists its fields
    if kind in ("person", "organization") and comma is not None:
        tokens = tokens[:comma]  # "Politico, Democratic party insiders": a name ends at a comma
    if kind == "organization":
        while len(tokens) > 1 and tokens[0].is_lower and tokens[0].is_alpha and not tokens[1].is_lower:
            tokens.pop(0)  # "federal Securities and Exchange Commission"
        if len(tokens) > 1 and tokens[0].lower_ == "opposition" and tokens[1].is_title:
            tokens.pop(0)  # "the Opposition Progressive Conservatives": the party's place, not its name
        if len(tokens) >= 4 and tokens[1].text in POSSESSIVE and tokens[2].is_title and _is_place(tokens[0]):
            tokens = tokens[2:]  # "Türkiye's Competition Authority": the country owns it, the name follows
    verb = next(
        (i for i, t in enumerate(tokens) if i and t.pos_ == "VERB" and t.lemma_.lower() in cues.SPEECH_VERBS),
        None,
    )
    if verb is not None:  # a headline's "Obama Says Talks …" tagged as one name
        tokens = tokens[:verb]
    if len(tokens) > 1 and tokens[0].lower_ in lexicon.SENTENCE_OPENING_CUES and tokens[0].is_sent_start:
        tokens = tokens[1:]  # "Said Comey, …", "Say Mexico demanded"
    if kind == "person":
        titles = [
            i for i, t in enumerate(tokens[:-1])
            if (t.lower_.rstrip(".") in cues.TITLES and not is_hyphen_joint(tokens[i + 1]))  # not "Cardinal-Ladouceur"
            or (t.i and (t.doc[t.i - 1].lower_, t.lower_) in lexicon.TWO_WORD_HONORIFICS)
        ]
        if titles:
            tokens = tokens[titles[-1] + 1 :]
        if titles or _after_title(span):
            tokens = _without_body_word(tokens)  # "Deputy Commissioner Hunza Zainab Hussain"
        while len(tokens) > 1 and (
            tokens[0].lower_ in cues.TITLE_MODIFIERS or _ends_a_department(tokens[0])
            or (tokens[0].tag_ in ("NNS", "NNPS") and tokens[0].lower_ not in lexicon.GIVEN_NAMES and is_english_word(tokens[0].text))
        ):
            tokens.pop(0)  # "Minister for Prisons Chaudhry Naveed Akhtar": a department's words are no name ("Ines", "Gonçalves" are)
    while tokens and tokens[-1].text in POSSESSIVE:
        tokens.pop()
    words = [t.text.translate(lexicon.INVISIBLE_CHARS) for t in tokens]
    if words and words[-1].endswith(POSSESSIVE[:2]):
        words[-1] = words[-1][:-2]
    # keep the original spacing for names like "O'Neill" or "U.S." by re-reading the doc text
    text = " ".join(words)
    if tokens and not tokens[-1].text.endswith(POSSESSIVE[:2]):
        text = span.doc[tokens[0].i : tokens[-1].i + 1].text.translate(lexicon.INVISIBLE_CHARS)
        text = " ".join(text.split())
    return repair_mojibake(text.strip(" ,;:\"“”'’―—–"))


def _ends_a_department(word: Token) -> bool:
    """An English word after "and" or "of" that opens a person's span: the end of a department's name
    ("Minister of Public Works and" "Transport Phonesavanh Keomanivong")."""
    doc, k = word.doc, word.i - 1
    if k > 0 and doc[k].lower_ == "the":
        k -= 1  # "Minister for the" "Environment Grant Hollingsworth"
    return (
        k >= 0 and doc[k].lower_ in ("and", "&", "of", "for") and is_english_word(word.text)
        and word.lower_ not in lexicon.GIVEN_NAMES
    )


def listed_fields(words: list[Token]) -> bool:
    """Capitalised words up to an "and" and a last capitalised word: the rest of a list of fields
    (a hyphenated one whole: "Seniors and Long-Term Care")."""
    joints = [t for t in words if t.lower_ in ("and", "&", ",")]
    return (
        len(words) >= 3 and words[-1].is_title and any(t.lower_ in ("and", "&") for t in joints)
        and all(t.is_title or t in joints or is_hyphen_joint(t) for t in words)
    )


def _after_title(span: SpacySpan) -> bool:
    """Whether a title, or a title's "of" / "for", comes right before ``span`` ("Head of" Rosrybolovstvo …)."""
    doc, i = span.doc, span.start - 1
    if i >= 1 and doc[i].lower_ in ("of", "for"):
        i -= 1
    return i >= 0 and doc[i].lower_.rstrip(".") in cues.TITLES | cues.PERSON_ROLE_NOUNS


def _without_body_word(tokens: list[Token]) -> list[Token]:
    """A three-word name after a title without its first word when that is no given name and the text
    uses it elsewhere as a place or a body's name: what the title is of ("Hunza Zainab Hussain" with "of
    Hunza" elsewhere, "Gilgit-Baltistan Haji Gulbar Baig", "Competition Aurélie Fontaine"); not a family
    name written first ("Ban Ki-moon" with "Ban said") nor a given name the text uses alone for the
    speaker ("Economist Bethlehem Tesfaye Alemu" … "Bethlehem said")."""
    end = 1
    while end + 1 < len(tokens) and is_hyphen_joint(tokens[end]):
        end += 2  # "Gilgit-Baltistan" is one word
    first = tokens[0]
    joints = sum(1 for t in tokens[end:] if is_hyphen_joint(t))
    if len(tokens) - end - 2 * joints < 2 or first.lower_ in lexicon.GIVEN_NAMES:
        return tokens  # two words ("Iosefa Leaupepe-Tuilagi"), or a given name first
    doc = first.doc
    for t in doc:
        if t.text != first.text or t.i == first.i or t.ent_type_ == "PERSON":
            continue
        if t.dep_ == "nsubj" and t.head.lemma_.lower() in cues.SPEECH_VERBS:
            return tokens  # "Bethlehem said": a given name used alone to name the speaker
        last = doc[t.i + end - 1] if t.i + end - 1 < len(doc) else t
        place = t.ent_type_ in ("GPE", "LOC", "ORG", "FAC", "NORP") or (t.i and doc[t.i - 1].lower_ in lexicon.WORDS_BEFORE_PLACES)
        if place or (last.dep_ in ("compound", "amod") and last.head.pos_ == "NOUN"):
            return tokens[end:]
    return tokens


# Characters that UTF-8 text read as Latin-1 or Windows-1252 starts its multi-byte letters with.
_MOJIBAKE_MARKS = ("Ã", "Â", "Å", "Ä")


def name_head(name: str) -> str | None:
    """The noun that says what an organisation's name is, lowercase: the word before its first "of" or
    "for" ("Ministry of Education" → "ministry"), else its last word ("Tokyo Stock Exchange" →
    "exchange"; "directorate" of "Directorate General of …"). None for a one-word name, a legal suffix
    ("Inc.") or a word for people ("Doctors")."""
    words = name.replace("’", "'").split()
    cut = next((i for i, w in enumerate(words) if w in ("of", "for") and i > 0), len(words))
    if cut < 2 and cut == len(words):
        return None
    head = words[cut - 1].lower()
    if head == "general" and cut >= 2:
        head = words[cut - 2].lower()  # "Directorate General of Health Services", "Consulate General"
    if not head.isalpha() or head in ORG_SUFFIXES or head in cues.PERSON_ROLE_NOUNS or head in cues.GROUP_NOUNS:
        return None
    return head


def company_first_word(form: str, name: str) -> bool:
    """ "Orthavia" (tagged a place) of "Orthavia Medical Inc.": a one-word form no English dictionary,
    capital or country list knows that opens a company's name."""
    words = name.split()
    return (
        " " not in form and len(words) >= 2 and words[0] == form and not is_english_word(form)
        and form.lower() not in CAPITALS and form.lower() not in DEMONYMS
        and words[-1].lower().rstrip(".") in _COMPANY_ENDINGS
    )


_COMPANY_ENDINGS = lexicon.COMPANY_NAME_WORDS | {suffix.rstrip(".") for suffix in ORG_SUFFIXES}


def after_place_word(text: str, start: int) -> bool:
    """Whether a preposition of place comes right before ``start`` ("based in Qingdao")."""
    before = text[max(0, start - 12) : start].split()
    return bool(before) and before[-1].lower() in lexicon.PLACE_PREPOSITIONS


def rewords_name(short: str, name: str) -> bool:
    """Whether an organisation's ``short`` description is its ``name`` in other words: the same head
    noun (in lower case, or a government body's: "Sports Ministry"), no word the name lacks but a place's
    possessive before it, and not a run of the name's own words ("Tonga's Education ministry" for the "Ministry of Education and
    Training"; "Foreign Ministry" may be another country's than the "Russian Foreign Ministry")."""
    head = name_head(name)
    last = short.split()[-1] if short.split() else ""
    if last in lexicon.OVERSIGHT_NOUNS and head in lexicon.OVERSIGHT_NAME_HEADS:
        return _oversees_field_of(short.split()[:-1], name)
    if not last.islower() and last.lower() not in lexicon.ORG_NOUN_CLASSES["government"]:
        return False  # a capitalised name is another body's ("Tax Policy Center", "Center for Federal Tax Policy")
    words = short.lower().replace("’", "'").split()
    words = words[1:] if words and words[0].endswith("'s") else words  # "Tonga's"
    full = name.lower().replace("’", "'").split()
    if short == name or head is None or len(words) < 2 or words[-1] != head or not set(words) <= set(full):
        return False
    return not any(full[i : i + len(words)] == words for i in range(len(full)))


def _oversees_field_of(field: list[str], name: str) -> bool:
    """Whether a regulator's field ("energy", "Canadian financial consumer") is in its name ("Energy and
    Petroleum Regulatory Authority", "Financial Consumer Agency of Canada"); a country's adjective first
    may be left out of the name."""
    words = {w.lower() for w in name.replace("’", "'").split()}
    if field and field[0] in _ADJECTIVES_OF_COUNTRIES:
        field = field[1:]
    # a word may be the start of the name's ("transport" of "Transportation")
    return bool(field) and all(any(n == w.lower() or (len(w) >= 5 and n.startswith(w.lower())) for n in words) for w in field)


def repair_mojibake(name: str) -> str:
    """ "FranÃ§ois" (UTF-8 read as Latin-1, once or twice, even decomposed) → "François"; else unchanged."""
    if not any(mark in unicodedata.normalize("NFC", name) for mark in _MOJIBAKE_MARKS):
        return name
    original, name = name, unicodedata.normalize("NFC", name)
    for _ in range(3):
        if not any(mark in name for mark in _MOJIBAKE_MARKS):
            break
        for codec in ("latin-1", "cp1252"):
            try:
                name = name.encode(codec).decode("utf-8")
                break
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
        else:
            break
    return name if not any(mark in name for mark in _MOJIBAKE_MARKS) else original


def title_case_headline(doc: Doc) -> tuple[int, set[str]]:
    """Where a Title Case first line ends (0: none) and which of its words the rest of the text also
    writes capitalised.

    In "Right After This Big-Name Senator Endorsed Trump, …" every word is capitalised, so the tagger
    and the NER take headline words for names; the body tells which of them are.
    """
    end = next((t.i for t in doc[:80] if "\n" in t.text), None)
    if not end:
        return 0, set()
    words = [t for t in doc[:end] if t.is_alpha and len(t) > 3]
    if len(words) < 4 or sum(t.text[:1].isupper() for t in words) < 0.9 * len(words):
        return 0, set()
    capitalised = {t.orth: t.text for t in doc[:end] if t.text[:1].isupper()}
    in_body = np.unique(doc.to_array(ORTH)[end:])  # token text ids: no Python loop over a long body
    return end, {capitalised[k] for k in np.intersect1d(in_body, np.fromiter(capitalised, np.uint64))}


def in_heading_line(word: Token, text: str) -> bool:
    """Whether ``word`` is in a short line with no full stop at its end and text after it: a headline,
    deck or related-story line. ``text`` is the document's text (``doc.text`` joins every token anew)."""
    start = text.rfind("\n", 0, word.idx) + 1
    end = text.find("\n", word.idx)
    return end >= 0 and end - start <= 160 and not text[start:end].rstrip().endswith(".") and bool(text[end:].strip())


def attested_part(ent: SpacySpan, body_names: set[str]) -> SpacySpan:
    """The part of a headline entity the body writes capitalised ("Endorsed Trump" → "Trump";
    "Trump Addresses Munich Attack" → "Trump"), given names included ("Hillary Clinton" when the body
    writes only "Clinton"); the whole entity when the body writes none of it."""
    attested = [t.is_punct or t.text in body_names or t.lower_ in lexicon.GIVEN_NAMES for t in ent]
    if not any(attested) or all(attested):
        return ent
    start = attested.index(True)
    end = start
    while end < len(ent) and attested[end]:
        end += 1
    return ent[start:end]


def is_dateline(text: str, start: int, end: int) -> bool:
    """An all-capitals place at the start of a line followed by a dash or "(AP)", or the agency in
    the brackets after it ("ALLENTOWN, Pa. (AP) —", "SANTIAGO, March 11 (Reuters) -")."""
    line_start = text.rfind("\n", 0, start) + 1
    word = text[start:end]
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
        opening = text[line_start : start - 1].split()
        return bool(opening) and opening[0].rstrip(",").isupper() and text[end + 1 : end + 5].strip()[:1] in ("—", "–", "-")
    if text[line_start:start].strip(" \t-–—") or not word.isupper() or len(word) < 3:
        return False
    after = text[end : end + 12].lstrip(" ,")
    return after[:1] in ("—", "–", "-", "(") or after.startswith("_")


def _is_place(word: Token) -> bool:
    """Whether the NER tags ``word`` a place here or anywhere in its document ("Türkiye's", not "Moody's")."""
    places = ("GPE", "LOC")
    return word.ent_type_ in places or any(e.label_ in places and e.text == word.text for e in word.doc.ents)


def plural_of_role(word: str) -> bool:
    """ "neighbours", "witnesses": the plural of a person or group noun, whatever the tagger says (the
    NER takes "Neighbours told …" for a person's name)."""
    roles = cues.PERSON_ROLE_NOUNS | cues.GROUP_NOUNS
    word = word.lower()
    plural = word in cues.GROUP_NOUNS and word not in lexicon.POLITICAL_GROUPS  # "observers", not "Democrats"
    return word.endswith("s") and (plural or word[:-1] in roles or (word.endswith("es") and word[:-2] in roles))


def name_phrase(span: SpacySpan) -> str | None:
    """A name of capitalised words joined by "of", "and", "for" … that the NER missed, whole ("The
    Port of Vancouver", "The International Longshore and Warehouse Union"), or None."""
    words = list(span)
    while words and words[0].lower_ in DETERMINERS:
        words = words[1:]
    if words and words[-1].text in POSSESSIVE:
        words = words[:-1]
    joins = ACRONYM_SKIP | {"to"}  # "The Chinese Mission to the European Union"
    if len(words) < 3 or not any(t.lower_ in joins for t in words[1:-1]):
        return None
    for k, t in enumerate(words):
        joining = 0 < k < len(words) - 1 and t.lower_ in joins
        if not (joining or (t.is_alpha and t.text[:1].isupper() and t.lower_ not in ACRONYM_SKIP)):
            return None
    head = next(t for t in words if t.lower_ in joins).i - 1  # the word before the first joining one
    if any(t.ent_type_ == "PERSON" for t in words) or span.doc[head].lower_ in cues.PERSON_ROLE_NOUNS:
        return None  # "Chief Executive of Acme", "Minister of Finance": a person's role
    return span.doc[words[0].i : words[-1].i + 1].text


def is_hyphen_joint(token: Token) -> bool:
    """A hyphen inside a name, with no space on either side ("Sethi-Morrow" parsed as three tokens)."""
    doc = token.doc
    return (
        token.text in ("-", "‐") and 0 < token.i < len(doc) - 1 and not doc[token.i - 1].whitespace_
        and not token.whitespace_ and doc[token.i - 1].is_alpha and doc[token.i + 1].is_alpha
    )


def presented_as_person(span: SpacySpan, who: bool = True) -> bool:
    """Whether the text presents a name as a person's: an age after it ("Harjit Sandhu, 67, from
    Rhyl") or, with ``who``, a relative "who" ("Amara Okonkwo, who works nights …")."""
    doc, end = span.doc, span.end
    if end + 2 >= len(doc) or doc[end].text != ",":
        return False
    return (who and doc[end + 1].lower_ == "who") or (doc[end + 1].like_num and doc[end + 2].text == ",")


def described_as_person(span: SpacySpan) -> bool:
    """Whether an apposition after a name describes a person: "Amara Osei, a 31-year-old nurse,",
    "Nadia Baloch, a schoolteacher." (a role noun, a word ending like one, or an age), "Abdelkader
    Ouhammou, general secretary of …" (a role noun with no article)."""
    doc, end = span.doc, span.end
    if end + 2 >= len(doc) or doc[end].text != ",":
        return False
    if doc[end + 1].lower_ not in ("a", "an"):
        role = next((t for t in doc[end + 1 : end + 4] if t.lower_ in ("of", "for", "at", "with") or t.is_punct), None)
        return role is not None and role.lower_ in ("of", "for", "at", "with") and role.i > end + 1 and (
            doc[role.i - 1].lemma_.lower() in cues.PERSON_ROLE_NOUNS and doc[role.i - 1].pos_ == "NOUN"
            and all(t.is_lower for t in doc[end + 1 : role.i])
        )
    for t in doc[end + 2 : end + 8]:
        if t.is_punct and t.text not in ("-", "‐"):
            return False
        word = t.lower_
        if t.lemma_.lower() in cues.PERSON_ROLE_NOUNS or word.endswith(("teacher", "worker", *lexicon.PERSON_NOUN_SUFFIXES)):
            return t.pos_ == "NOUN"
        if word == "old" and t.i >= 2 and doc[t.i - 2].lower_ == "year":
            return True
    return False


def described_as_organisation(span: SpacySpan) -> bool:
    """Whether an apposition right after a one-word name says it is an organisation's ("Rahla, a
    Casablanca-based app with 12,000 drivers,", "Kessler, the family-owned supplier,"); a longer
    name is a person's whatever the noun ("Ji-woo Park, a software developer,"), unless the name is in
    apposition to a company noun before it ("The company they founded, NovaCripto Investimentos,")."""
    doc, end = span.doc, span.end
    root = span.root
    if (
        root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.lemma_.lower() in lexicon.ORG_NOUN_CLASSES["company"]
        and span[0].lower_ not in lexicon.GIVEN_NAMES and span.start and doc[span.start - 1].text == ","
    ):
        return True  # "The company they founded in 2019, NovaCripto Investimentos," tagged a person
    if end + 2 >= len(doc) or doc[end].text != "," or len(span) != 1 or span[0].lower_ in lexicon.GIVEN_NAMES:
        return False
    return any(
        t.dep_ == "appos" and t.head.i == span.root.i and t.pos_ == "NOUN" and t.lemma_.lower() in cues.ORG_ROLE_NOUNS
        and t.left_edge.i == end + 1 and t.left_edge.lower_ in ("a", "an", "the")
        for t in span.root.rights
    )


def field_of_post(word: Token, after_field: bool = False) -> bool:
    """Whether a capitalised dictionary word, no given name nor the first part of a hyphenated one,
    follows a title's "of" or "for" (or, ``after_field``, another such word): the field of a post the
    NER took into the person's name ("Commissioner of" "Competition Aurélie Fontaine")."""
    doc, i = word.doc, word.i
    return (
        (after_field or _in_fields_of_title(doc, i)) and word.is_title and is_english_word(word.text)
        and word.lower_ not in lexicon.GIVEN_NAMES and not (i + 1 < len(doc) and is_hyphen_joint(doc[i + 1]))
    )


def _in_fields_of_title(doc: Doc, i: int) -> bool:
    """Whether token ``i`` follows a title's "of" or "for", directly or as the first word after "and" or a
    comma in a list of capitalised fields ("Cabinet Secretary for Environment, Climate Change and" + "Forestry")."""
    k = i - 1
    while k > 1 and i - k <= 12 and (doc[k].is_title or doc[k].text == "," or doc[k].lower_ in ("and", "&")):
        k -= 1
    return k > 0 and doc[k].lower_ in ("of", "for") and doc[k - 1].lower_ in cues.TITLES and (
        k == i - 1 or doc[i - 1].lower_ in ("and", "&", ",")  # not the second word of "Minister of Electricity Sabah …"
    )


def is_foreign_name_word(word: Token) -> bool:
    """A capitalised word that no English dictionary knows and that is no function word ("When"), role
    or title: a part of a name ("Nguyễn", "Thị", "Zhakupova")."""
    return (
        word.is_title and word.is_alpha and not word.is_stop and word.lower_ not in cues.PERSON_ROLE_NOUNS
        and not is_english_word(word.text)
    )


def foreign_name_after_role(run: SpacySpan, reach: int = 8) -> SpacySpan | None:
    """The last two to four words of a capitalised run when they are foreign name words and a title
    comes at most ``reach`` words before them in the sentence: a name after its role ("Chairman of the
    regional Public Chamber Valery Demidov", "Deputy Chairperson of the CEC Saule Zhakupova",
    "Minister of Health Nguyễn Thị Thu Hà")."""
    doc = run.doc
    start = run.end
    while start > run.start:
        if is_foreign_name_word(doc[start - 1]):
            start -= 1
        elif start - 2 > run.start and is_hyphen_joint(doc[start - 1]) and is_foreign_name_word(doc[start - 2]):
            start -= 2  # "Wanjiru Kamau-Otieno": a hyphenated family name is one word
        else:
            break
    if not 2 <= len(doc[start : run.end].text.split()) <= 4:
        return None
    window = doc[max(run[0].sent.start, start - reach) : start]  # the parser may end a sentence in the run
    return doc[start : run.end] if any(t.lower_.rstrip(".") in cues.TITLES for t in window) else None


def is_foreign_full_name(run: SpacySpan) -> bool:
    """Whether two or three capitalised words no English dictionary knows (the first may be a known
    given name) make a person's name: the last is also written alone elsewhere ("Rahul Deshmukh
    says …" … "Deshmukh said")."""
    words = [t for t in run if not is_hyphen_joint(t)]
    if not 2 <= len(run.text.split()) <= 3 or not all(
        is_foreign_name_word(t) or (t.i == run.start and t.lower_ in lexicon.GIVEN_NAMES) for t in words
    ):
        return False
    last = run.text.split()[-1]  # a hyphenated family name whole ("Dubé-Sokolenko")
    return doc_text(run.doc).count(last) > run.text.count(last)


def foreign_name_nouns(doc: Doc) -> np.ndarray:
    """For each token, whether it is a capitalised common noun that is a foreign name word: the
    tagger's way with names it does not know ("Kateryna Dubé-Sokolenko" with "Dubé" a noun)."""
    out = np.zeros(len(doc), dtype=bool)
    for t in doc:
        if t.pos_ == "NOUN" and t.is_title and is_foreign_name_word(t):
            out[t.i] = True
    return out
