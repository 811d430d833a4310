"""Overlap resolution and typing of the candidates.

Overlaps are resolved univocally, as in PolNeAR: the candidate of lower ``Rank`` wins, then the longer
content (the outer attribution), and a cue inside another attribution's content is dropped from that
level. A statement nested whole inside a kept content, with its own cue and speaker, comes back as
a second level, ``relayed_by`` the outer source ("According to TASS, Dujarric said …"). The type is
``direct`` when all the words of the content are inside quote marks, ``mixed`` when some are and
``indirect`` otherwise.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.symbols import AUX, VERB

from presslens.extract.attribution.context import MAKE, Candidate, Context, Rank
from presslens.extract.attribution.direct import is_label_quote, quote_content
from presslens.extract.attribution.mentions import names_a_speaker
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


def resolve(ctx: Context, cands: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """Univocal overlap resolution, then the statements the kept ones relay.

    The first list is univocal, as PolNeAR annotates: direct quotes first, then outer contents
    before inner ones. The second holds the attributions nested in a kept content ("According to
    TASS, Dujarric said …", "Officials said Trump told them …"), each with ``relayed_by`` set to the
    outer source (see ``relayed``).
    """
    outer = [c for c in cands if c.rank in (Rank.REPORTING_CLAUSE, Rank.MEDIAL_CLAUSE) and c.cue is not None]
    top = [c for c in cands if not (c.rank == Rank.DIRECT_QUOTE and _nested_in(c, outer))]
    kept = _univocal(top)
    chosen = {id(c) for c in kept}
    return kept, relayed(ctx, kept, [c for c in cands if id(c) not in chosen])


# Ranks of the candidates that can be relayed: a quote or a reporting clause with a speaker of its own.
RELAYABLE = (Rank.DIRECT_QUOTE, Rank.REPORTING_CLAUSE, Rank.MEDIAL_CLAUSE)


def relayed(ctx: Context, kept: list[Candidate], rest: list[Candidate]) -> list[Candidate]:
    """The candidates of ``rest`` that the kept ones report, each with ``relayed_by`` = the outer source.

    One level only, and only a statement that the outer content reports as made. The nested cue
    verb heads the outer content: the clause of ``according to``, or the complement of the outer
    verb. A coordinated verb is more often a misparsed statement of its own. The verb is a cue verb
    of the profile (a quote after "the government wanted" is not relayed speech), neither
    negated nor modal (not "he cannot comment", "she would say"). It has a speaker of its own
    inside the outer content: a name or a person, organisation or group noun, not a lone pronoun.
    "According to TASS, Dujarric said …" and "Officials said Trump told them …" qualify; "Sanders
    said he wants …" is his own statement. Relative and adverbial clauses ("anyone who complains
    about …", "if the Chinese pledged …") are not relayed statements. Nested candidates of one
    outer are resolved among themselves as the top level is.
    """
    found: list[Candidate] = []
    for k in kept:
        if k.source is None or k.cue is None or k.cue_tok < 0:
            continue
        inside = [
            replace(c, relayed_by=k.source)
            for c in rest
            if c.rank in RELAYABLE
            and c.cue is not None
            and c.source is not None
            and c.cue_tok >= 0
            and k.start <= min(c.start, c.cue[0], c.source[0])
            and max(c.end, c.cue[1], c.source[1]) <= k.end
            and _reported_by(ctx, c, k)
        ]
        found.extend(_univocal(inside))
    return found


def _reported_by(ctx: Context, inner: Candidate, outer: Candidate) -> bool:
    """Whether ``inner``'s cue verb heads ``outer``'s content and states a statement as made."""
    doc = ctx.doc
    v = doc[inner.cue_tok]
    if v.pos in (VERB, AUX) and v.lemma not in ctx.lex.verbs and v.lemma not in MAKE:
        return False  # 'said the government wanted "a deal …"': a wish is not a statement relayed
    if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.tag_ == "MD") for c in v.children):
        return False
    a, b = ctx.tok_at(inner.source[0]), ctx.tok_at(inner.source[1] - 1)
    if a == b and doc[a].pos_ == "PRON":
        return False  # "Sanders said he wants …": his own statement; "she says it underscores …"
    if not names_a_speaker(doc[a : b + 1].root):
        return False  # "… said the attacks highlight the threat": a reading of events, not a statement
    o = doc[outer.cue_tok]
    if o.lower_ == "according":
        # "X said …, according to the agency": the parser may hang "according" on a verb of X's content
        head = o.head
        while head.i != v.i and head.dep_ in ("ccomp", "xcomp", "conj") and head.head.i != head.i:
            head = head.head
        return head.i == v.i
    return v.dep_ in ("ccomp", "parataxis") and v.head.i == o.i


def _univocal(cands: list[Candidate]) -> list[Candidate]:
    """The candidates that win overlaps: the lower rank, then the longer content, then the earlier."""
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
        relay = Span.of(text, *c.relayed_by) if c.relayed_by else None
        source = Source(None, "unknown", mention, None)
        out.append(Attribution(kind, Span.of(text, start, end), cue, source, act=c.act, relayed_by=relay))
    out.sort(key=lambda a: a.content.start)
    return out
