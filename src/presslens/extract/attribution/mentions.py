"""Source mentions: the words of the noun phrase that names who speaks ("The country's health
minister, Amina Diallo", "Special Agent in Charge Marcus Whitfield"), and whether a head noun can
name a speaker at all."""

from __future__ import annotations

from spacy.symbols import ADP, PRON, PROPN, PUNCT, SPACE
from spacy.tokens import Span, Token

from presslens.extract import cues
from presslens.extract.attribution.context import DASHES, Context
from presslens.lexicon.speakers import GIVEN_NAMES
from presslens.nlp import is_english_word

# Right dependents that belong to a mention ("the mayor of Paris", "Smith and Jones").
_MENTION_RIGHT_DEPS = frozenset(
    {"compound", "amod", "nummod", "prep", "pobj", "poss", "case", "cc", "conj", "nmod"}
)


def mention(ctx: Context, head: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``head``, without relative clauses and appositions."""
    left = head.left_edge.i
    right = head.i
    doc = ctx.doc
    for child in head.rights:
        if child.text == "," and child.i == right + 1 and _fields_then_name(child):
            continue  # "Minister of Health" "," "Public Hygiene and … Aminata Koné-Diabaté"
        if child.dep_ in _MENTION_RIGHT_DEPS and (
            not (child.dep_ == "prep" and child.lower_ in ("in", "on", "at")) or _title_phrase(child)
        ):
            right = max(right, child.right_edge.i)
        elif child.dep_ == "appos" and child.pos == PROPN and child.left_edge.i == right + 1 != head.i + 1:
            right = child.right_edge.i  # "Lisa Chen of Patients First": the rest of a name, no comma between
        else:
            break
    if (name_end := _name_after_role(head, right)) is not None:
        right = name_end  # "… (SSB) head Haluk Demirtaş, who …": the role word parsed as a verb
    named = _named_apposition(head)
    if named is not None:
        right = max(right, named.right_edge.i)  # "The country's health minister, Amina Diallo, said"
    elif (name_end := _name_between_commas(head)) is not None:
        right = max(right, name_end.i)
    while (
        left >= 2
        and doc[left - 1].text == "-"
        and not doc[left - 1].whitespace_
        and not doc[left - 2].whitespace_
    ):
        left = doc[left - 2].left_edge.i  # "The co-worker" parsed as three subjects
    for k in range(head.i - 1, left, -1):
        if (
            doc[k].text in DASHES
            and k + 1 <= head.i
            and doc[k - 1].whitespace_
            and (doc[k - 1].text == ")" or doc[k - 1].is_upper)
        ):
            left = k + 1  # "BERLIN (Reuters) - German Chancellor Angela Merkel": drop the dateline
            break
    while left < head.i and ctx.para[left] != ctx.para[head.i]:
        left += 1  # "Related Stories" + "Sprinter's coach says …": a heading above is no part of it
    opener = doc[left]
    if opener.pos == ADP or (opener.tag_ in ("VBG", "VBN") and opener.dep_ == "advcl"):
        comma = next((k for k in range(head.i - 1, left, -1) if doc[k].text == ","), -1)
        if comma > left:
            left = comma + 1  # "Talking to APP, a senior official said": the adjunct is no part of it
    while left < head.i and (doc[left].pos in (PUNCT, SPACE)):
        left += 1
    while right > head.i and (doc[right].pos in (PUNCT, SPACE) or doc[right].dep_ == "cc"):
        right -= 1
    return doc[left].idx, ctx.tok_end(right)


def _name_after_role(head: Token, right: int) -> int | None:
    """Last token of a person's name right after role word ``head`` that the parser hung elsewhere
    ("Presidency of Defense Industries (SSB) head Haluk Demirtaş, who …": "head" taken for a verb)."""
    doc = head.doc
    if right != head.i or head.lemma_.lower() not in cues.PERSON_ROLE_NOUNS or head.i + 1 >= len(doc):
        return None
    first = doc[head.i + 1]
    if first.ent_type_ != "PERSON" or first.ent_iob_ != "B":
        return None
    end = first.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I" and doc[end + 1].ent_type_ == "PERSON":
        end += 1
    return end


def _fields_then_name(comma: Token) -> bool:
    """Whether a title's list of fields goes on after ``comma`` to the holder's name: a conjunct of
    capitalised words (the first an English word, "Public Hygiene and Universal Health Coverage Aminata
    Koné-Diabaté") joined to the same head."""
    after = comma.doc[comma.i + 1] if comma.i + 1 < len(comma.doc) else None
    conj = next((c for c in comma.head.rights if c.dep_ == "conj" and c.i > comma.i), None)
    if after is None or conj is None or conj.left_edge.i != after.i or not is_english_word(after.text):
        return False
    words = list(comma.doc[after.i : conj.right_edge.i + 1])
    # the holder's name may follow the last field after a comma ("…, Maritime Infrastructure and Ports, Cheikh Tidiane Sarr")
    return any(t.lower_ == "and" for t in words) and all(t.is_title or t.lower_ == "and" or t.text in ("-", ",") for t in words)


def _title_phrase(prep: Token) -> bool:
    """Whether a prepositional phrase is capitalised words ending in a person's name, the rest of a
    title before the name ("Special Agent in Charge Marcus Whitfield", "Consul General in Chongqing
    Gabor Nagy", a name the NER missed but whose given name is known)."""
    words = [t for t in prep.subtree if t.i != prep.i]
    return bool(words) and all(t.pos == PROPN for t in words) and (
        words[-1].ent_type_ == "PERSON" or (len(words) >= 2 and words[-2].lower_ in GIVEN_NAMES)
    )


def _named_apposition(head: Token) -> Token | None:
    """A person's name in apposition that closes the phrase of a role or description ``head``, after a
    comma: "Ontario's Minister of Economic Development, Job Creation and Trade, Rajiv Menon", "The UN
    Refugee Agency (UNHCR) representative in Jordan, Leila Haddad", or a full name the NER tags nowhere
    ("MSF's head of mission in Bangladesh, Ibrahim Diallo-Sow"). The mention runs to the name."""
    if head.ent_type_ == "PERSON" or head.pos == PRON:
        return None
    doc = head.doc
    last = head.right_edge.i
    while last > head.i and doc[last].pos in (PUNCT, SPACE):
        last -= 1
    for t in head.subtree:
        if (
            t.dep_ == "appos"
            and t.pos == PROPN
            and (t.ent_type_ == "PERSON" or _untagged_full_name(doc[t.left_edge.i : t.i + 1]))
            and t.right_edge.i == last
            and t.left_edge.i > head.i + 1
            and doc[t.left_edge.i - 1].text == ","
        ):
            return t
    return None


def _untagged_full_name(words: Span) -> bool:
    """Two to four capitalised proper nouns in no entity, the first a given name or one of them a word
    no English dictionary knows ("Ibrahim Diallo-Sow")."""
    names = [t for t in words if t.text not in DASHES]
    return 2 <= len(names) <= 4 and all(t.pos == PROPN and t.text[:1].isupper() and not t.ent_type_ for t in names) and (
        names[0].lower_ in GIVEN_NAMES or not all(is_english_word(t.text) for t in names)
    )


def _name_between_commas(role: Token) -> Token | None:
    """A person's name between commas right after a role noun, however the parser hung it ("According
    to the hospital's chief, Dr. Ferdinand Ilagan Santiago, about 40 …"): its last word."""
    doc = role.doc
    k = role.i + 1
    if role.lemma_.lower() not in cues.PERSON_ROLE_NOUNS or k + 1 >= len(doc) or doc[k].text != ",":
        return None
    k += 1
    while k < len(doc) and doc[k].lower_.rstrip(".") in cues.TITLES:
        k += 1  # "Dr."
    end = k
    while end < len(doc) and doc[end].ent_type_ == "PERSON" and (end == k or doc[end].ent_iob_ == "I"):
        end += 1
    closed = end == len(doc) or doc[end].text in (",", ")", ".")
    return doc[end - 1] if end > k and closed and doc[k].ent_iob_ == "B" else None


def names_a_speaker(head: Token) -> bool:
    """Whether a mention's head names someone who can make a statement: a name, or a person,
    organisation or group noun ("an FBI official", "some Democrats", "CNN")."""
    if head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    lemma = head.lemma_.lower()
    return lemma in cues.PERSON_ROLE_NOUNS or lemma in cues.ORG_ROLE_NOUNS or lemma in cues.GROUP_NOUNS
