"""Continuations: a quote that stands alone as a sentence or paragraph after an attribution.

News quotes often run on without a new speech clause: ``"We will win," she said. "Nobody doubts it."``
The second quote takes the speaker of the attribution before it; in the same paragraph it repeats that
cue, in a new paragraph its cue is ``None``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from presslens.extract import cues
from presslens.extract.attribution.context import Candidate, Context, Rank
from presslens.extract.attribution.direct import quote_content, sentence_alone
from presslens.extract.attribution.mentions import mention
from presslens.extract.attribution.quotes import Quote
from presslens.extract.attribution.syntax import subject

# Characters skipped between an attribution and the next quote before measuring the gap.
_GAP_LEAD = ",.;:!?…)]— " + cues.QUOTE_CHARS
# Beyond this gap the reporter has moved on: the quote is too far from the attribution to share its speaker.
MAX_GAP_CHARS = 400
# Within one paragraph, a longer stretch of the reporter's words likely brings in another speaker.
MAX_SAME_PARAGRAPH_GAP_CHARS = 300
# For a quote opening the next paragraph, the previous paragraph may go on this long after the attribution.
MAX_PARAGRAPH_TAIL_CHARS = 200
# A quoted title between an attribution and the next quote ("on NBC's "Meet the Press"") has at most
# this many words, the first and the last capitalised.
MAX_TITLE_WORDS = 6
# A quoted crosshead ("'The skills go with it'" on a line of its own) has at most this many words.
MAX_CROSSHEAD_WORDS = 8


def _has_quote_mark(s: str) -> bool:
    """Whether ``s`` holds a quotation mark other than an apostrophe-like single mark."""
    return any(ch in cues.QUOTE_CHARS and ch not in "'’" for ch in s)


def _quotes_a_statement(ctx: Context, start: int, end: int) -> bool:
    """Whether text[start:end] holds a quotation mark other than those of a short title in title case
    ('said Sunday on NBC's "Meet the Press."'): a quoted statement in between may bring in another speaker."""
    text = ctx.text
    rest = text[start:end]
    if not _has_quote_mark(rest):
        return False
    for j in ctx.quotes_in(start, end):
        q = ctx.quotes[j]
        words = text[q.start : q.end].split()
        if q.open_mark < start or q.close_mark < 0 or q.close_mark >= end:
            continue
        if 0 < len(words) <= MAX_TITLE_WORDS and words[0][:1].isupper() and words[-1][:1].isupper():
            a, b = q.open_mark - start, q.close_mark + 1 - start
            rest = rest[:a] + " " * (b - a) + rest[b:]
    return _has_quote_mark(rest)


def _starts_paragraph(text: str, pos: int) -> bool:
    """Whether only spaces stand between the start of the paragraph and ``pos``."""
    j = text.rfind("\n", 0, pos)
    return not text[j + 1 : pos].strip()


def _quoting_owner(ctx: Context, chain: list[Candidate], i: int) -> Candidate:
    """``chain[i]``, or the quote it hangs on: in '"…," she said, adding that …. "…"' the second quote
    goes on with the first one's speech clause (as PolNeAR marks it), not with the participle's report."""
    prev = chain[i]
    if prev.quote >= 0 or prev.cue_tok < 0 or i == 0:
        return prev
    before = chain[i - 1]
    if (
        before.quote >= 0
        and before.cue_tok >= 0
        and before.source == prev.source
        and ctx.doc[before.cue_tok].sent.start == ctx.doc[prev.cue_tok].sent.start
    ):
        return before
    return prev


def _answerer(ctx: Context, prev: Candidate) -> Candidate:
    """``prev``, or for a question put to someone ("Asked whether she expects to win, she laughed.")
    the answer's clause: a quote after it is the answerer's, not the asker's."""
    if prev.cue_tok < 0:
        return prev
    asked = ctx.doc[prev.cue_tok]
    if asked.lower_ != "asked" or asked.tag_ != "VBN" or asked.dep_ != "advcl":
        return prev
    verb = asked.head
    subj = subject(verb)
    if subj is None or subj.i < asked.i:
        return prev
    return replace(prev, cue=(verb.idx, ctx.tok_end(verb.i)), source=mention(ctx, subj), cue_tok=verb.i)


def continuations(ctx: Context, kept: list[Candidate], loose: list[int]) -> list[Candidate]:
    """New candidates for the ``loose`` quotes that stand alone after an attribution of ``kept``.

    Such a quote takes the speaker of the attribution before it, and in the same paragraph its cue too.
    A continuation can itself be followed by one. ``kept`` (sorted by start) is left as it is.
    """
    found: list[Candidate] = []
    if not loose:
        return found
    chain = list(kept)  # ``kept`` with the continuations found so far, in order
    starts = [k.start for k in chain]
    text = ctx.text
    for qi in loose:
        q = ctx.quotes[qi]
        a, b = quote_content(ctx, qi)
        if b <= a:
            continue
        i = bisect_left(starts, a) - 1
        if i >= 0 and chain[i].end > a:
            continue  # already inside an attribution
        if i + 1 < len(chain) and chain[i + 1].start < b:
            continue
        if i < 0 or not sentence_alone(ctx, qi):
            continue
        prev = chain[i]
        gap = text[prev.end : q.open_mark].lstrip(_GAP_LEAD)
        if len(gap) > MAX_GAP_CHARS or _quotes_a_statement(ctx, q.open_mark - len(gap), q.open_mark):
            continue
        same_para = "\n" not in gap
        if same_para:
            if len(gap) > MAX_SAME_PARAGRAPH_GAP_CHARS:
                continue
        else:
            # a new paragraph made of the quote, right after the paragraph of the previous attribution
            if gap.strip().count("\n") > 0 or not _starts_paragraph(text, q.open_mark):
                continue
            tail = gap[: gap.index("\n")]
            if len(tail) > MAX_PARAGRAPH_TAIL_CHARS:
                continue
        prev = _answerer(ctx, _quoting_owner(ctx, chain, i))
        if _is_crosshead(text, q, a, b):  # the words of whoever says them below, not of the last speaker
            prev = _crosshead_speaker(text, kept, a, b) or prev
        cue = prev.cue if same_para else None
        cand = Candidate(
            start=a,
            end=b,
            cue=cue,
            source=prev.source,
            cue_tok=prev.cue_tok if same_para else -1,
            rank=Rank.CONTINUATION,
            quote=qi,
            forced="direct",
            relayed_by=prev.relayed_by,
        )
        found.append(cand)
        chain.insert(i + 1, cand)
        starts.insert(i + 1, a)
    return found


def _is_crosshead(text: str, q: Quote, a: int, b: int) -> bool:
    """Whether a quote is a crosshead: a line of its own, short, with no full stop ("'Nobody listened'")."""
    line_start = text.rfind("\n", 0, q.open_mark) + 1
    line_end = text.find("\n", b)
    line = text[line_start : len(text) if line_end < 0 else line_end].strip()
    words = text[a:b].split()
    return (
        q.close_mark >= 0 and line == text[q.open_mark : q.close_mark + 1] and 0 < len(words) <= MAX_CROSSHEAD_WORDS
        and text[a:b].rstrip()[-1:] not in ".!?,"
    )


def _crosshead_speaker(text: str, kept: list[Candidate], a: int, b: int) -> Candidate | None:
    """The attribution below a crosshead whose content repeats its words, else the first one below."""
    words = " ".join(text[a:b].lower().split())
    below = [k for k in kept if k.start > b and k.source is not None]
    return next((k for k in below if words in " ".join(text[k.start : k.end].lower().split())), None) or (
        below[0] if below else None
    )
