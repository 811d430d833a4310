"""Indirect attributions whose cue is not a verb: ``according to X``, cue nouns (``his claim that …``),
stance adjectives (``is confident that …``, PARC profile), polls (``in the latest poll``, PARC
profile) and ``Name: …`` lines (headlines, transcripts).
"""

from __future__ import annotations

from spacy.symbols import AUX, VERB
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from presslens.extract import cues
from presslens.extract.attribution.context import (
    SPEECH_LEXICON,
    Candidate,
    Context,
    Rank,
    adjective_act,
    noun_act,
)
from presslens.extract.attribution.learned_nouns import agent, possessor
from presslens.extract.attribution.learned_nouns import complement as noun_complement
from presslens.extract.attribution.mentions import mention
from presslens.extract.attribution.syntax import clip_paragraph, opens_quote, paragraph_span, subject, trim
from presslens.lexicon import attribution as lexicon
from presslens.lexicon.cues import HEADLINE_KICKERS, POLL_NOUNS
from presslens.nlp import is_english_word

# How many tokens a cue noun may lie after the verb whose object it is for the verb to join the cue
# ("rejected the suggestion", "made a false claim"; not "faced … a set of revelations … allegations").
MAX_CUE_VERB_GAP = 3


def according_candidate(ctx: Context, t: Token) -> Candidate | None:
    """``according to X`` — the rest of the clause is the content."""
    doc = ctx.doc
    if t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "to":
        return None
    to = doc[t.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lower_ in cues.RELATIVE_PRONOUNS:
        return None
    if not ctx.lex.parc and pobj.lower_ in lexicon.DATA_WORDS:
        return None  # "according to data from …": a figure, not a statement (PolNeAR marks it: parc keeps it)
    # "According to TASS, Dujarric said …": TASS's report of Dujarric's statement, which comes back
    # nested in this content with ``relayed_by`` TASS (``resolution.relayed``)
    src = mention(ctx, pobj)
    sent = t.sent
    a, b = clip_paragraph(ctx, t.i, sent.start, sent.end - 1)
    span = _clause_minus_sent(ctx, a, b, t.i, max(t.right_edge.i, to.right_edge.i))
    if span is None:
        return None
    cue = (t.idx, ctx.tok_end(to.i))
    return Candidate(start=span[0], end=span[1], cue=cue, source=src, cue_tok=t.i, rank=Rank.REPORTING_CLAUSE)


def agent_noun_candidate(ctx: Context, n: Token) -> Candidate | None:
    """PARC profile: a person named by the stance they take — ``X is a vocal supporter of Y``,
    ``She remains a Sanders supporter``: source X (the subject of the verb the noun is the predicate
    of), content Y, cue from that verb to the preposition. An apposition ("Adelson, a fierce critic
    of Y") is left out: PolNeAR marks 5 of 44 such on train.
    """
    if n.dep_ != "attr":
        return None
    subj = subject(n.head)
    first = n.head.i
    if (
        subj is None
        or subj.pos_ not in ("PROPN", "PRON", "NOUN")
        or subj.lower_ in ("it", "there", "who", "that")
    ):
        return None
    prep = next(
        (c for c in n.rights if c.dep_ == "prep" and c.lower_ in ("of", "for") and c.i == n.i + 1), None
    )
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if obj is not None:
        span, last = trim(ctx, obj.left_edge.i, obj.right_edge.i), prep.i
    else:
        named = [c for c in n.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if not named:
            return None
        span, last = trim(ctx, named[0].left_edge.i, named[-1].i), n.i  # "a Sanders supporter"
    if span is None:
        return None
    cue = (ctx.doc[first].idx, ctx.tok_end(last))
    if cue[0] < span[1] and span[0] < cue[1] and obj is not None:
        return None
    return Candidate(
        start=span[0],
        end=span[1],
        cue=cue,
        source=mention(ctx, subj),
        cue_tok=n.i,
        rank=Rank.CUE_NOUN,
        act="stance",
    )


def poll_candidate(ctx: Context, t: Token) -> Candidate | None:
    """PARC profile: ``In the latest poll, …`` — a poll opening its sentence reports the rest of it,
    as PolNeAR marks it ("In a CNN poll, Clinton held a 24-point lead").

    Ranked with the cue nouns, so a speech verb in the sentence ("In the poll, 40 percent said …")
    keeps its own attribution.
    """
    pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lower_ not in POLL_NOUNS:
        return None
    sent = t.sent
    a, b = clip_paragraph(ctx, t.i, sent.start, sent.end - 1)
    if t.i != a:
        return None  # only a frame opening its sentence ("… a decisive lead in the polls" is as often the writer's)
    span = _clause_minus_sent(ctx, a, b, t.i, t.right_edge.i)
    if span is None or not any(
        x.pos in (VERB, AUX) for x in ctx.doc[a : b + 1] if not t.i <= x.i <= t.right_edge.i
    ):
        return None
    cue = (t.idx, ctx.tok_end(t.i))
    return Candidate(
        start=span[0],
        end=span[1],
        cue=cue,
        source=mention(ctx, pobj),
        cue_tok=t.i,
        rank=Rank.CUE_NOUN,
        act="stance",
    )


def _clause_minus_sent(ctx: Context, a: int, b: int, cut_a: int, cut_b: int) -> tuple[int, int] | None:
    """Token range [a, b] with [cut_a, cut_b] (the cue phrase) taken out, as character offsets."""
    before = trim(ctx, a, cut_a - 1) if cut_a > a else None
    after = trim(ctx, cut_b + 1, b) if cut_b < b else None
    if before and after:
        return before[0], after[1]
    return before or after


def noun_candidate(ctx: Context, n: Token) -> Candidate | None:
    """A cue noun and what it reports.

    ``his claim that …`` (that-clause, source optional), ``her call to ban …`` (infinitive) and
    ``their criticism of …`` (prepositional object); the last two need a possessive source.
    """
    clause = None
    cue_end = n.i
    needs_source = False
    for c in n.rights:
        dep = c.dep_
        if dep in ("acl", "ccomp", "appos") and c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark":
            clause = c
            break
        if (
            dep == "acl"
            and n.lemma in ctx.lex.noun_infinitive
            and any(x.dep_ == "aux" and x.lower_ == "to" for x in c.lefts)
        ):
            clause, needs_source = c, True
            break
        if dep == "prep" and c.i == n.i + 1 and c.lower_ in ctx.lex.noun_prep.get(n.lemma, ()):
            obj = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                clause, needs_source, cue_end = obj, True, c.i
                break
    if clause is None:
        return None
    lo = clause.left_edge.i if cue_end == n.i else cue_end + 1
    span = trim(ctx, lo, clause.right_edge.i)
    if span is None:
        return None
    src = None
    for c in n.children:
        # "Trump's claim that …"; "But Trump claims that …" with the verb tagged as a noun
        if c.dep_ == "poss" or (c.dep_ == "nsubj" and n.dep_ == "ROOT" and c.i == n.i - 1):
            src = mention(ctx, c)
            break
        if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i < clause.i:
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None:
                src = mention(ctx, pobj)
                break
    cue_start = n.idx
    if src is None and n.dep_ == "dobj":
        subj = subject(n.head)
        if subj is not None:
            src = mention(ctx, subj)
            if n.head.i < n.i <= n.head.i + MAX_CUE_VERB_GAP:
                # "rejected the suggestion that …", "made the claim that …": the verb says how the
                # source stands to the statement, so it belongs to the cue
                cue_start = n.head.idx
    if src is None and needs_source:
        return None
    cue = (cue_start, ctx.tok_end(cue_end))
    act = noun_act(n.lemma, cue_end == n.i or n.lemma in SPEECH_LEXICON.noun_prep)
    return Candidate(
        start=span[0], end=span[1], cue=cue, source=src, cue_tok=n.i, rank=Rank.CUE_NOUN, act=act
    )


def adjective_candidate(ctx: Context, adj: Token) -> Candidate | None:
    """``X is confident that …``, ``Y was critical of …``: a stance adjective and its complement."""
    head = adj.head
    subj = subject(head)
    if subj is None or subj.lower_ in ("it", "there"):
        return None
    preps = ctx.lex.adjectives[adj.lemma]
    comp = None
    cue_end = adj.i
    for c in adj.rights:
        if c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "prep" and c.lower_ in preps and c.i == adj.i + 1):
            comp = c
            break
    if comp is None:
        for c in head.rights:
            if c.dep_ == "ccomp" and c.i > adj.i:
                comp = c
                break
    if comp is None:
        return None
    if comp.dep_ == "prep":
        cue_end = comp.i
        a = comp.i + 1
    else:
        a = comp.left_edge.i
    span = paragraph_span(ctx, adj.i, a, comp.right_edge.i)
    if span is None:
        return None
    return Candidate(
        start=span[0],
        end=span[1],
        cue=(head.idx if head.i < adj.i else adj.idx, ctx.tok_end(cue_end)),
        source=mention(ctx, subj),
        cue_tok=adj.i,
        rank=Rank.REPORTING_CLAUSE,
        act=adjective_act(adj.lemma),
    )


def learned_noun_candidate(ctx: Context, t: Token) -> Candidate | None:
    """A candidate around noun or adjective ``t`` when the cue model's noun part calls it a cue.

    The content is the complement (a prepositional object without its preposition, which joins the
    cue); the source is the possessor, a "by"/"from" object, the subject of the verb the word is the
    object or predicate of ("Trump voiced support for …", "She is willing to …"), else none.
    """
    model = ctx.cue_model
    if model is None or model.nouns is None or ctx.inq[t.i] >= 0 or t.dep_ == "compound":
        return None
    comp = noun_complement(t)
    if comp is None:
        return None
    c, kind = comp
    if not model.is_noun_cue(t, kind):
        return None
    if kind in ("that", "to", "clause"):
        a, cue_end = c.left_edge.i, t.i
    else:
        a, cue_end = c.i + 1, c.i
    span = paragraph_span(ctx, t.i, a, c.right_edge.i)
    if span is None:
        return None
    src_tok = possessor(t) or agent(t, c.i)
    if src_tok is None and t.dep_ in ("dobj", "attr", "acomp") and t.head.i != t.i:
        src_tok = subject(t.head)
    src = mention(ctx, src_tok) if src_tok is not None else None
    if src is not None and span[0] < src[1] and src[0] < span[1]:
        return None
    return Candidate(
        start=span[0],
        end=span[1],
        cue=(t.idx, ctx.tok_end(cue_end)),
        source=src,
        cue_tok=t.i,
        rank=Rank.LEARNED_CUE,
        act="stance",
    )


def colon_label_candidate(ctx: Context, colon: Token) -> Candidate | None:
    """``Name: what they said`` at the start of a paragraph (headlines, transcripts, Q&A).

    In the parc profile a headline line takes any label and a content without a verb (title case
    tags verbs as names); such a record has ``act`` "stance", since the speech profile does not read it.
    """
    doc = ctx.doc
    i = colon.i
    p = ctx.para[i]
    j = i - 1
    while j >= 0 and ctx.para[j] == p and not doc[j].is_space:
        j -= 1
    start = j + 1
    if start >= i or i - start > 6:
        return None
    label = doc[start:i]
    if any(t.pos in (VERB, AUX) and t.tag_ != "VBN" for t in label) or label[0].lower_ in lexicon.LABEL_STOP:
        return None
    # the parc profile reads any headline label ("Poll: Trump Ties Clinton …", "Newspaper: …"), as PolNeAR does
    headline = ctx.lex.parc and label[0].lower_ not in HEADLINE_KICKERS and headline_line(ctx, start)
    if not headline and (
        not any(t.ent_type_ in ("PERSON", "ORG") or _capitalised_name(ctx, t) for t in label) or _section_heading(label)
    ):
        return None  # "CURRENCIES: The dollar weakened …" is a section label, not a speaker
    if i + 1 < len(doc) and opens_quote(ctx, i + 1 if not doc[i + 1].is_space else min(i + 2, len(doc) - 1)):
        return None  # handled with the quote
    end = i + 1
    while end < len(doc) and ctx.para[end] == p:
        end += 1
    span = trim(ctx, i + 1, end - 1)
    if span is None or span[1] - span[0] < 8:
        return None
    verb = any(t.pos in (VERB, AUX) for t in doc[i + 1 : end])
    named = any(t.ent_type_ in ("PERSON", "ORG") or _capitalised_name(ctx, t) for t in label)
    if not headline and not verb:
        return None  # a headline in title case ("Poll: Trump Ties Clinton …") has its verbs tagged as names
    return Candidate(
        start=span[0],
        end=span[1],
        cue=(colon.idx, colon.idx + 1),
        source=(label[0].idx, ctx.tok_end(i - 1)),
        cue_tok=i,
        rank=Rank.MEDIAL_CLAUSE,
        act="speech" if verb and named else "stance",  # the speech profile reads only the former
    )


# How many paragraphs from the top count as headline lines, and how long a headline line may be (tokens).
HEADLINE_PARAGRAPHS = 2
HEADLINE_TOKENS = 30


def headline_line(ctx: Context, start: int) -> bool:
    """Whether the paragraph opening at token ``start`` is a headline line: one of the first
    ``HEADLINE_PARAGRAPHS`` paragraphs with text, short, with no sentence after the first."""
    doc = ctx.doc
    first = next((t.i for t in doc if not t.is_space), 0)
    p = ctx.para[start]
    if p - ctx.para[first] >= HEADLINE_PARAGRAPHS:
        return False
    end = start
    while end < len(doc) and ctx.para[end] == p:
        end += 1
    if end - start > HEADLINE_TOKENS:
        return False
    return not any(doc[k].is_sent_start and doc[k - 1].text == "." for k in range(start + 1, end))


# A heading before a colon has at least this many words ("Union Power Slows Reform Efforts: …").
SECTION_HEADING_WORDS = 3


def _section_heading(label: SpacySpan) -> bool:
    """Whether a label before a colon is a section heading in title case, every word of it an English
    word ("City Budget Deadline Tests Patience:"), not a speaker's name ("Sen. Tim Kaine:")."""
    words = [t for t in label if t.is_alpha]
    return (
        len(words) >= SECTION_HEADING_WORDS and not any(t.is_upper and len(t) > 1 for t in words)
        and all(t.ent_type_ != "PERSON" and is_english_word(t.text) for t in words)
    )


def _capitalised_name(ctx: Context, token: Token) -> bool:
    """An upper-case word the document also writes as a proper noun ("PENCE:" where "Pence" appears)."""
    return token.is_upper and len(token.text) > 1 and token.lower_ in ctx.proper_words()
