"""``find_dates``: every rule match without overlaps, then the spaCy entities no rule covered."""

from __future__ import annotations

from spacy.tokens import Doc

from presslens.extract.dates.calendar import _parse_iso
from presslens.extract.dates.context import _Ctx
from presslens.extract.dates.entities import _from_entity
from presslens.extract.dates.rules import _DISPATCH, _NUM, _WORD
from presslens.schema import DateMention


def _candidates(ctx: _Ctx) -> list[tuple[int, int, int, DateMention]]:
    """Every rule match, anchored at the words that can start it: (start, -length, order, mention)."""
    text = ctx.text
    found: list[tuple[int, int, int, DateMention]] = []
    for wm in _WORD.finditer(text):
        word = wm.group()
        key = _NUM if word[0].isdigit() else ("'" if word[0] in "'’" else word.lower())
        for order, pattern, resolve in _DISPATCH.get(key, ()):
            m = pattern.match(text, wm.start())
            if m is None:
                continue
            try:
                res = resolve(m, ctx)
            except (ValueError, OverflowError, KeyError, IndexError, TypeError):
                res = None
            if res is None:
                continue
            start, end = m.span("x") if "x" in pattern.groupindex else m.span()
            found.append((start, start - end, order, DateMention(start, end, text[start:end], *res)))
    return found


def _rule_matches(ctx: _Ctx) -> list[DateMention]:
    """Rule matches without overlaps, longest first."""
    taken: list[DateMention] = []
    for _, _, _, dm in sorted(_candidates(ctx), key=lambda f: (f[1], f[0], f[2])):
        if all(dm.end <= t.start or dm.start >= t.end for t in taken):
            taken.append(dm)
    return taken


def find_dates(doc: Doc, published: str | None) -> list[DateMention]:
    """Every date or time expression in ``doc``, normalised against ``published`` (ISO date or None)."""
    ctx = _Ctx(doc, _parse_iso(published), doc.text)
    mentions = _rule_matches(ctx)
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if any(ent.start_char < m.end and m.start < ent.end_char for m in mentions):
            continue
        dm = _from_entity(ent, ctx.text)
        if dm is not None:
            mentions.append(dm)
    mentions.sort(key=lambda d: d.start)
    return mentions
