"""Continuations: a quote that stands alone as a sentence or paragraph after an attribution.

News quotes often run on without a new speech clause: ``"We will win," she said. "Nobody doubts it."``
The second quote takes the speaker of the attribution before it; in the same paragraph it repeats that
cue, in a new paragraph its cue is ``None``.
"""

from __future__ import annotations

from bisect import bisect_left

from presslens.extract import cues
from presslens.extract.attribution.context import Candidate, Context, Rank
from presslens.extract.attribution.direct import quote_content, sentence_alone

# Characters skipped between an attribution and the next quote before measuring the gap.
_GAP_LEAD = ",.;:!?…)]— " + cues.QUOTE_CHARS
# Beyond this gap the reporter has moved on: the quote is too far from the attribution to share its speaker.
MAX_GAP_CHARS = 400
# Within one paragraph, a longer stretch of the reporter's words likely brings in another speaker.
MAX_SAME_PARAGRAPH_GAP_CHARS = 300
# For a quote opening the next paragraph, the previous paragraph may go on this long after the attribution.
MAX_PARAGRAPH_TAIL_CHARS = 200


def _has_quote_mark(s: str) -> bool:
    """Whether ``s`` holds a quotation mark other than an apostrophe-like single mark."""
    return any(ch in cues.QUOTE_CHARS and ch not in "'’" for ch in s)


def _starts_paragraph(text: str, pos: int) -> bool:
    """Whether only spaces stand between the start of the paragraph and ``pos``."""
    j = text.rfind("\n", 0, pos)
    return not text[j + 1 : pos].strip()


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
        if len(gap) > MAX_GAP_CHARS or _has_quote_mark(gap):
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
