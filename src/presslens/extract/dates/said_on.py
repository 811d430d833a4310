"""When statements were made: ``said_on`` from the time expression governing the cue verb, else the publication date."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

from presslens.extract.dates.calendar import _parse_iso
from presslens.schema import Attribution, DateMention


def _cue_verb(doc: Doc, att: Attribution) -> Token | None:
    if att.cue is not None:
        sp = doc.char_span(att.cue.start, att.cue.end, alignment_mode="expand")
        if sp is not None and len(sp):
            verbs = [t for t in sp if t.pos_ in ("VERB", "AUX")]
            return verbs[0] if verbs else sp.root
    sp = doc.char_span(att.content.start, att.content.end, alignment_mode="expand")
    if sp is None or not len(sp):
        return None
    head = sp.root.head
    if head.pos_ in ("VERB", "AUX") and not (sp.start <= head.i < sp.end):
        return head
    return None


# Links from a verb up to the verb whose clause it shares: "flew to Syria and declared" (conj),
# "went on to say" (xcomp). Dependency labels, not vocabulary.
_CLAUSE_DEPS = frozenset({"conj", "xcomp"})
_GRAIN_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def _clause_verbs(verb: Token) -> list[Token]:
    """The cue verb and the verbs it shares a clause with, nearest first (at most a few steps up)."""
    chain = [verb]
    t = verb
    for _ in range(4):
        if t.dep_ not in _CLAUSE_DEPS or t.head.i == t.i or t.head.pos_ not in ("VERB", "AUX"):
            break
        t = t.head
        chain.append(t)
    return chain


def _date_verb(doc: Doc, dm: DateMention, content: tuple[int, int]) -> Token | None:
    """The verb a date modifies (``said on Sunday``, ``In December, X declared``); None inside the content."""
    if content[0] < dm.end and dm.start < content[1]:
        return None
    sp = doc.char_span(dm.start, dm.end, alignment_mode="expand")
    if sp is None or not len(sp):
        return None
    t = sp.root
    for _ in range(6):
        if t.i != sp.root.i and t.pos_ in ("VERB", "AUX"):
            return None if content[0] <= t.idx < content[1] else t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _governing_date(doc: Doc, verb: Token, content: tuple[int, int], dates: list[DateMention]) -> DateMention | None:
    """The nearest date governing the cue verb's clause in its sentence: on the verb itself first."""
    sent = verb.sent
    lo, hi = sent.start_char, sent.end_char
    chain = {t.i: rank for rank, t in enumerate(_clause_verbs(verb))}
    best: tuple[int, int, int] | None = None
    found = None
    for d in dates:
        if d.end <= lo or d.start >= hi:
            continue
        head = _date_verb(doc, d, content)
        if head is None or head.i not in chain:
            continue
        key = (chain[head.i], _GRAIN_RANK.get(d.grain or "", 9), abs(d.start - verb.idx))
        if best is None or key < best:
            best, found = key, d
    return found


def _starts_by(value: str, pub: date) -> bool:
    """Whether the period ``value`` (``2017-09-24``, ``2017-W38``, ``2017-12``, ``2017``) starts on or before ``pub``."""
    try:
        if "-W" in value:
            year, week = value.split("-W")
            return date.fromisocalendar(int(year), int(week), 1) <= pub
        parts = [int(p) for p in value.split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1) <= pub
    except ValueError:
        return False


def date_attributions(
    doc: Doc, attributions: list[Attribution], dates: list[DateMention], published: str | None
) -> None:
    """Set ``said_on`` on each attribution from the time expression governing its cue verb, else the publication date.

    The expression may sit on the cue verb (``said on Sunday``), open the sentence (``On Sunday, she
    told …``) or govern a verb the cue shares its clause with (``In December, Putin flew to Syria and
    declared …``). Its normalised value is used whatever its grain (``2017-12`` for a month), as
    long as it is not after the publication date; ``said_on_from_text`` says the date came from the
    text.
    """
    pub = _parse_iso(published)
    known = [d for d in dates if d.value and d.grain and (pub is None or _starts_by(d.value, pub))]
    for att in attributions:
        att.said_on, att.said_on_from_text = (pub.isoformat() if pub else None), False
        try:
            verb = _cue_verb(doc, att)
            found = None if verb is None else _governing_date(doc, verb, (att.content.start, att.content.end), known)
        except (ValueError, IndexError):
            found = None
        if found is not None:
            att.said_on, att.said_on_from_text = found.value, True
