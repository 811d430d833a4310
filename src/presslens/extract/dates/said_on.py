"""When statements were made: ``said_on`` from a day-grain date on the cue verb, else the publication date."""

from __future__ import annotations

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


def _attached(doc: Doc, dm: DateMention, verb: Token, content: tuple[int, int]) -> bool:
    """Whether the date modifies the cue verb itself (``said on Sunday``), not a verb in the content."""
    if content[0] < dm.end and dm.start < content[1]:
        return False
    sp = doc.char_span(dm.start, dm.end, alignment_mode="expand")
    if sp is None or not len(sp):
        return False
    root = sp.root
    t = root
    for _ in range(6):
        if t.i == verb.i:
            return True
        if t.i != root.i and (t.pos_ in ("VERB", "AUX") or content[0] <= t.idx < content[1]):
            return False
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def date_attributions(
    doc: Doc, attributions: list[Attribution], dates: list[DateMention], published: str | None
) -> None:
    """Set ``said_on`` on each attribution: a day-grain date on its cue verb, else the publication date."""
    pub = _parse_iso(published)
    days = [d for d in dates if d.grain == "day" and d.value and (pub is None or d.value <= pub.isoformat())]
    for att in attributions:
        att.said_on, att.said_on_from_text = (pub.isoformat() if pub else None), False
        try:
            verb = _cue_verb(doc, att)
        except (ValueError, IndexError):
            verb = None
        if verb is None:
            continue
        content = (att.content.start, att.content.end)
        for d in days:
            if _attached(doc, d, verb, content):
                att.said_on, att.said_on_from_text = d.value, True
                break
