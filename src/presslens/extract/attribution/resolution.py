"""Overlap resolution and typing of the candidates.

Overlaps are resolved univocally, as in PolNeAR: the candidate of lower ``Rank`` wins, then the longer
content (the outer attribution), and a cue inside another attribution's content is dropped. The type is
``direct`` when all the words of the content are inside quote marks, ``mixed`` when some are and
``indirect`` otherwise.
"""

from __future__ import annotations

from dataclasses import replace

from presslens.extract.attribution.context import Candidate, Context, Rank
from presslens.extract.attribution.direct import is_label_quote, quote_content
from presslens.schema import Attribution, AttributionType, Source, Span


def extend_over_quotes(ctx: Context, c: Candidate) -> Candidate:
    """``c`` grown so that its content never cuts a quotation in two."""
    start, end = c.start, c.end
    for qi in ctx.quotes_in(c.start, c.end):
        q = ctx.quotes[qi]
        qa = q.open_mark
        qb = q.close_mark + 1 if q.close_mark >= 0 else q.end
        if qa < start < qb <= end + 1 and start - qa <= 2:
            start = qa
        if start <= qa < end < qb:
            end = qb
    return replace(c, start=start, end=end)


def resolve(cands: list[Candidate]) -> list[Candidate]:
    """Univocal overlap resolution: direct quotes first, then outer contents before inner ones."""
    outer = [c for c in cands if c.rank == Rank.REPORTING_CLAUSE and c.cue is not None]
    cands = [c for c in cands if not (c.rank == Rank.DIRECT_QUOTE and _nested_in(c, outer))]
    order = sorted(cands, key=lambda c: (c.rank, -(c.end - c.start), c.start))
    kept: list[Candidate] = []
    for c in order:
        if c.end <= c.start:
            continue
        clash = False
        for k in kept:
            if c.start < k.end and k.start < c.end:
                clash = True
                break
            if c.cue is not None and k.start <= c.cue[0] < k.end:
                clash = True
                break
        if not clash:
            kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


def _nested_in(c: Candidate, outer: list[Candidate]) -> bool:
    """Whether a quote attribution sits inside another attribution's content, cue and all."""
    if c.cue is None:
        return False
    for o in outer:
        if o.start <= c.start and c.end <= o.end and o.start <= c.cue[0] < o.end:
            if not (c.start <= o.cue[0] < c.end):
                return True
    return False


def classify(ctx: Context, c: Candidate) -> AttributionType:
    """direct / mixed / indirect from how much of the content is inside quote marks."""
    if c.forced is not None:
        return c.forced
    text = ctx.text
    inside = outside = 0
    pos = c.start
    for qi in ctx.quotes_in(c.start, c.end):
        q = ctx.quotes[qi]
        if is_label_quote(ctx, qi):
            continue
        a, b = max(q.start, c.start), min(q.end, c.end)
        if a >= b:
            continue
        outside += _alnum(text, pos, a)
        inside += _alnum(text, a, b)
        pos = max(pos, b)
    outside += _alnum(text, pos, c.end)
    if inside == 0:
        return "indirect"
    if outside == 0 or (outside <= 4 and text[c.start : c.start + 4].lower() == "that"):
        return "direct"
    return "mixed"


def _alnum(text: str, a: int, b: int) -> int:
    """Number of letters and digits in ``text[a:b]``."""
    return sum(1 for ch in text[a:b] if ch.isalnum()) if b > a else 0


def to_attributions(ctx: Context, kept: list[Candidate]) -> list[Attribution]:
    """The kept candidates as ``Attribution`` records, typed, sorted by content start."""
    text = ctx.text
    out = []
    for c in kept:
        kind = classify(ctx, c)
        start, end = c.start, c.end
        if kind == "direct" and c.quote < 0:
            qs = [qi for qi in ctx.quotes_in(start, end) if not is_label_quote(ctx, qi)]
            if len(qs) == 1:
                start, end = quote_content(ctx, qs[0])
        if end <= start:
            continue
        cue = Span.of(text, *c.cue) if c.cue else None
        mention = Span.of(text, *c.source) if c.source else None
        out.append(Attribution(kind, Span.of(text, start, end), cue, Source(None, "unknown", mention, None)))
    out.sort(key=lambda a: a.content.start)
    return out
