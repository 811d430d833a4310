"""Where an indirect content ends, decided by a model (the parc profile).

The rules end a content at the edge of the cue's complement, cut before what they take for the
writer's additions (``boundaries.py``). PolNeAR's annotators go further or stop sooner in shapes no
single rule separates: a ", but …" clause, a ", while …" contrast, a participle tail, an apposition,
an "as"/"when" clause or a prepositional phrase may or may not belong to what was reported. Here
the end is chosen by walking the places where a content can end (before a comma, dash, semicolon,
colon, conjunction or the start of a phrase attached to the left; the sentence's end) from the
content's start, and stopping at the first where a logistic regression says the content stops.
Its features are the place itself (the words and phrase after it, how they attach, whether the
next phrase has a subject of its own or lies in quotation marks), the content so far and, as one
of them, the rules' own end. The weights are the third part of the cue model
(``learned_cues.CueModel.ends``, trained by ``training/train_cue_model.py`` on PolNeAR train).
Only the parc profile asks it; it never moves a content into another attribution.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Token

from presslens.extract.attribution.context import BELIEF, SPEECH, Candidate, Context, Rank
from presslens.extract.attribution.learned_cues import EndCues
from presslens.extract.attribution.syntax import trim
from presslens.lexicon import attribution as lexicon

__all__ = ["adjustable", "end_points", "learned_ends", "next_start", "point_features", "walk"]

# Punctuation a content can end before.
_BREAK_PUNCT = frozenset({",", ";", ":", "—", "--", "–", "-", "(", ")"})
# Dependencies of a phrase, attached to a word before it, that a content can end before.
_BREAK_DEPS = frozenset(
    {"advcl", "relcl", "acl", "conj", "appos", "prep", "npadvmod", "ccomp", "xcomp", "parataxis", "agent"}
)
_LENGTHS = (3, 8, 15, 30)


def _bucket(n: int) -> int:
    return next((i for i, top in enumerate(_LENGTHS) if n <= top), len(_LENGTHS))


def _word(t: Token) -> str:
    if t.is_punct:
        return t.text if t.text in _BREAK_PUNCT else "PUNCT"
    if t.lower_ in lexicon.END_FEATURE_WORDS:
        return t.lower_
    return t.pos_


def _is_point(doc: Doc, j: int, end: int) -> bool:
    """Whether a content may end at token ``j`` (the next token opens a new piece); ``end``: the
    sentence's end (exclusive)."""
    if j + 1 >= end:
        return True
    n = doc[j + 1]
    if n.is_space:
        return True
    if n.text in _BREAK_PUNCT or n.dep_ == "cc":
        return True
    head = n
    while head.left_edge.i == n.i and head.head.i != head.i and head.head.left_edge.i == n.i:
        head = head.head  # the largest phrase that opens at n
    return head.left_edge.i == n.i and head.dep_ in _BREAK_DEPS and head.head.i < n.i


def end_points(ctx: Context, a: int, limit: int) -> list[int]:
    """Token indexes where a content starting at token ``a`` may end, up to token ``limit``."""
    doc = ctx.doc
    sent_end = doc[limit].sent.end
    end = min(sent_end, limit + 1)
    return [
        j
        for j in range(a, limit + 1)
        if not doc[j].is_space and doc[j].text not in _BREAK_PUNCT and _is_point(doc, j, end)
    ]


def _segment_head(doc: Doc, a: int, b: int) -> Token:
    """The first word of [a, b] (punctuation aside) whose head lies outside it."""
    for t in doc[a : b + 1]:
        if not t.is_punct and (not a <= t.head.i <= b or t.head.i == t.i):
            return t
    return doc[a]


def point_features(
    ctx: Context, cand: Candidate, a: int, j: int, nxt: int, last: int, rule_end: int, rank: int
) -> list[str]:
    """Feature names of ending the content [a, …] at token ``j``; ``nxt``: the next place (or -1),
    ``last``: the last place, ``rule_end``: the token the rules end at, ``rank``: how many places
    before or after it (0 there)."""
    doc = ctx.doc
    sent_end = doc[j].sent.end
    f = ["bias"]
    rel = "at" if rank == 0 else ("before" if rank < 0 else "after")
    f.append(f"rel={rel}")
    f.append(f"rel_n={max(min(rank, 3), -3)}")
    cue = doc[cand.cue_tok] if cand.cue_tok >= 0 else None
    kind = (
        "speech"
        if cue is not None and cue.lemma in SPEECH
        else "belief"
        if cue is not None and cue.lemma in BELIEF
        else "other"
    )
    f.append(f"cue={kind}")
    if cue is not None:
        f.append(f"lemma={cue.lemma_.lower()}")
    root = _segment_head(doc, a, rule_end)
    f.append(f"content={root.dep_}")
    f.append(f"act={cand.act}")
    f.append(f"rank={Rank(cand.rank).name}")
    f.append(f"len={_bucket(j - a + 1)}")
    if j + 1 >= sent_end or doc[j + 1].is_space:
        f += ["next=END", f"rel={rel}&next=END"]
        return f
    n = doc[j + 1]
    w = _word(n)
    f += [f"next={w}", f"rel={rel}&next={w}", f"next_dep={n.dep_}", f"content={root.dep_}&next={w}"]
    if n.is_punct and j + 2 < sent_end:
        n2 = doc[j + 2]
        w2 = _word(n2)
        f += [f"next2={w2}", f"next={w}&next2={w2}", f"next2_tag={n2.tag_}", f"rel={rel}&next2={w2}"]
    rest = doc[j + 1 : last + 1]  # all that a longer content could take
    verb = any(t.tag_.startswith("VB") and t.dep_ not in ("amod", "compound") for t in rest)
    f += [f"rest_len={_bucket(len(rest))}", f"rest_verb={verb}", f"rel={rel}&rest_verb={verb}"]
    if not verb and any(t.ent_type_ in ("DATE", "TIME") for t in rest):
        f += ["rest_time", f"rel={rel}&rest_time"]
    seg_end = nxt if nxt > j else min(sent_end - 1, j + 40)
    head = _segment_head(doc, j + 1, seg_end)
    f += [f"seg_dep={head.dep_}", f"seg_tag={head.tag_}", f"seg_len={_bucket(seg_end - j)}"]
    attach = head.head
    if attach.i == head.i:
        f.append("seg_on=root")
    elif attach.i == cand.cue_tok:
        f.append("seg_on=cue")
    elif a <= attach.i <= j:
        f.append("seg_on=content")
    elif attach.i > seg_end:
        f.append("seg_on=later")
    else:
        f.append("seg_on=before")
    f.append(f"seg_on={f[-1][7:]}&next={w}")
    if any(
        c.dep_ in ("nsubj", "nsubjpass")
        for t in doc[j + 1 : seg_end + 1]
        for c in t.children
        if t.pos_ in ("VERB", "AUX")
    ):
        f += ["seg_subject", f"seg_subject&next={w}"]
    if any(ctx.inq[i] >= 0 for i in range(j + 1, seg_end + 1)):
        f.append("seg_quoted")
    if ctx.inq[j] >= 0:
        f.append("end_quoted")
    return f


def adjustable(ctx: Context, c: Candidate) -> bool:
    """Whether the model may move ``c``'s end: the content of a cue verb after it, not a whole quote.

    A cue noun's clause ends where the noun phrase does ("Her fear that the talks would fail | proved
    right"): the parser often hangs the sentence's own predicate inside that phrase, so those stay.
    """
    if c.rank not in (Rank.REPORTING_CLAUSE, Rank.LEARNED_CUE) or c.cue is None or c.cue_tok < 0:
        return False
    if ctx.doc[c.cue_tok].pos not in (VERB, AUX) or c.cue[1] > c.start or c.quote >= 0:
        return False
    first = ctx.tok_at(c.start)
    # a pronoun or pro-form ("opposed it", "said so") is the whole content, as PolNeAR marks it
    return not (ctx.tok_at(c.end - 1) == first and ctx.doc[first].lower_ in lexicon.EMPTY_OBJECTS)


def walk(ctx: Context, c: Candidate, limit_char: int) -> Iterator[tuple[int, int, int, list[str]]]:
    """``(a, j, rule_end, features)`` for each place where ``c``'s content may end, in order, up to
    ``limit_char`` (the start of the next attribution, or the sentence's end), never over a word the
    cue depends on."""
    doc = ctx.doc
    a = ctx.tok_at(c.start)
    rule_end = ctx.tok_at(c.end - 1)
    last = doc[rule_end].sent.end - 1
    while last > rule_end and doc[last].idx >= limit_char:
        last -= 1
    # nor over the word the cue hangs on ("Her fear that the talks would fail | proved right")
    governors = [t.i for t in doc[c.cue_tok].ancestors if rule_end < t.i <= last] if c.cue_tok >= 0 else []
    if governors:
        last = min(governors) - 1
    last = max(last, rule_end)
    points = end_points(ctx, a, last)
    if rule_end not in points:
        points = sorted([*points, rule_end])
    at = points.index(rule_end)
    for k, j in enumerate(points):
        nxt = points[k + 1] if k + 1 < len(points) else -1
        yield a, j, rule_end, point_features(ctx, c, a, j, nxt, points[-1], rule_end, k - at)


def next_start(ctx: Context, c: Candidate, kept: list[Candidate]) -> int:
    """Where the next of the ``kept`` attributions after ``c``'s content begins (its content, cue or
    source), else the text's end: a longer content stops before it."""
    starts = (
        x for k in kept if k is not c for x in (k.start, *(k.cue or ()), *(k.source or ())) if x >= c.end
    )
    return min(starts, default=len(ctx.text))


def learned_ends(ctx: Context, kept: list[Candidate], ends: EndCues) -> list[Candidate]:
    """``kept`` with each adjustable content ended where the model stops, never past the sentence's
    end or into the next attribution (its content, cue or source)."""
    out = []
    for c in kept:
        if not adjustable(ctx, c):
            out.append(c)
            continue
        limit = next_start(ctx, c, kept)
        end = c.end
        for a, j, _, names in walk(ctx, c, limit):
            span = trim(ctx, a, j)
            if span is not None and ends.stop_probability(names) >= ends.threshold:
                end = span[1]
                break
        out.append(replace(c, end=end) if end > c.start else c)
    return out
