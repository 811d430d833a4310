"""Around the number: currency, comparator, unit and what the quantity measures (read off the parse)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from presslens.extract.quantities.numbers import _Number
from presslens.lexicon.numbers import COMPARATORS_AFTER, COMPARATORS_BEFORE, LEVEL_PREPOSITIONS, LEVEL_VERBS
from presslens.lexicon.units import CURRENCY_SYMBOLS, CURRENCY_WORDS, DOLLAR_KINDS


def _currency_before(doc: Doc, i: int, lo: int) -> tuple[int, str | None]:
    if i > lo and doc[i - 1].lower_ in CURRENCY_SYMBOLS:
        return i - 1, CURRENCY_SYMBOLS[doc[i - 1].lower_]
    return i, None


def _comparator_before(doc: Doc, i: int, lo: int) -> tuple[int, str | None]:
    for n in (3, 2, 1):
        if i - n < lo:
            continue
        key = tuple(t.lower_ for t in doc[i - n : i])
        if key in COMPARATORS_BEFORE:
            return i - n, COMPARATORS_BEFORE[key]
    return i, None


def _comparator_after(doc: Doc, j: int, stop: int) -> tuple[int, str | None]:
    for n in (2, 1):
        if j + n > stop:
            continue
        key = tuple(t.lower_ for t in doc[j : j + n])
        if key in COMPARATORS_AFTER:
            return j + n, COMPARATORS_AFTER[key]
    return j, None


def _unit_after(doc: Doc, j: int, stop: int, in_money: bool) -> tuple[int, str | None]:
    """Percent, currency word or age right after the number: (next index, unit)."""
    low = [doc[k].lower_ for k in range(j, min(j + 4, stop))]
    if low[:1] == ["%"] or low[:1] == ["percent"] or low[:1] == ["pct"]:
        if low[1:3] == ["percentage", "points"] or low[1:3] == ["percentage", "point"]:
            return j + 3, "percentage points"
        return j + 1, "percent"
    if low[:2] == ["per", "cent"]:
        return j + 2, "percent"
    if low[:2] in (["percentage", "points"], ["percentage", "point"]):
        return j + 2, "percentage points"
    if low[:4] == ["-", "year", "-", "old"] or low[:2] in (["years", "old"], ["year", "old"]):
        return j + (4 if low[0] == "-" else 2), "years"
    if low[:1] and low[0] in CURRENCY_WORDS:
        return j + 1, CURRENCY_WORDS[low[0]]
    if low[:1] and low[0] in ("pound", "pounds") and in_money:
        return j + 1, "GBP"
    if low and low[0] in DOLLAR_KINDS and "dollars" in low[:3]:
        k = low.index("dollars")
        return j + k + 1, DOLLAR_KINDS[low[0]]
    return j, None


def _glued_unit(doc: Doc, j: int, stop: int) -> bool:
    """A unit glued to the number by a hyphen: ``ten-point``, ``30-second``, ``eight-year``."""
    if j + 1 >= stop or doc[j].text != "-" or doc[j - 1].whitespace_ or doc[j].whitespace_:
        return False
    unit = doc[j + 1]
    return unit.is_alpha and unit.lower_ not in ("plus", "odd") and unit.pos_ in ("NOUN", "ADJ", "PROPN")


def _noun_after(doc: Doc, j: int, stop: int) -> int | None:
    """Index of the counted noun after a number: the last noun of a short ADJ/NOUN run."""
    if j < stop and doc[j].lower_ == "of" and j + 1 < stop:
        j += 1
        while j < stop and doc[j].pos_ == "DET":
            j += 1
    found = None
    for k in range(j, min(j + 6, stop)):
        tok = doc[k]
        if (tok.ent_iob_ == "B" and tok.ent_type_ in ("DATE", "TIME")) or (tok.pos_ == "PROPN" and found is not None):
            break  # "one tweet Friday"
        if tok.pos_ in ("NOUN", "PROPN") and tok.is_alpha:
            found = k
            nxt = doc[k + 1] if k + 1 < stop else None
            if nxt is None or not (nxt.pos_ == "NOUN" or (nxt.text == "-" and not tok.whitespace_)):
                break
        elif tok.pos_ == "ADJ" or (tok.text == "-" and not tok.whitespace_) or (tok.tag_ == "VBN" and tok.dep_ == "amod"):
            continue
        else:
            break
    return found


def _phrase(tok: Token, after: int = 0) -> str:
    """A noun with its left compound/adjective modifiers (from index ``after`` on), without determiners."""
    floor = max(tok.i - 4, after)
    left = [c.left_edge.i for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod") and c.left_edge.i >= floor]
    start = min([*left, tok.i])
    doc = tok.doc
    while start < tok.i and (doc[start].pos_ in ("DET", "PUNCT", "NUM") or doc[start].like_num):
        start += 1
    return doc[start : tok.i + 1].text


def _of_complement(head: Token) -> str | None:
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return _phrase(pobj)
    return None


def _verb_subject(head: Token) -> str | None:
    """The subject of the verb a quantity hangs from: "unemployment rose to 5 percent"."""
    t = head
    if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ in LEVEL_PREPOSITIONS:
        t = t.head.head
    elif t.dep_ in ("attr", "dobj", "npadvmod", "acomp"):
        t = t.head
    else:
        return None
    if t.pos_ not in ("VERB", "AUX") or t.lemma_.lower() not in LEVEL_VERBS:
        return None
    subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.like_num or subj.pos_ == "PRON":
        return None
    return _phrase(subj)


def _measured(doc: Doc, num: _Number, unit_tok: Token | None, unit_is_count: bool) -> str | None:
    if unit_tok is not None and unit_is_count:
        of = _of_complement(unit_tok)
        if of:
            return of  # "5 pounds of flour"
        phrase = _phrase(unit_tok, after=num.j)
        part = next((c for c in unit_tok.rights if c.dep_ == "acl" and c.tag_ == "VBN"), None)
        if part is None and unit_tok.dep_ == "nsubjpass" and unit_tok.head.tag_ == "VBN":
            part = unit_tok.head
        return f"{phrase} {part.text}" if part is not None else phrase or None
    head = unit_tok if unit_tok is not None else doc[num.j - 1]
    of = _of_complement(head)
    if of:
        return of
    subject = _verb_subject(head)
    if subject:
        return subject
    if unit_tok is None and head.dep_ in ("nsubj", "nsubjpass") and head.head.pos_ == "VERB":
        return head.head.text  # "at least 40 were killed", "up to 3,000 fled"
    return None
