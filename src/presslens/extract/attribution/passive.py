"""Reports without a stated source: agentless passives ("He is said to …", "She was told that …")
and, in the parc profile, evaluations with "seems to" / "appears to" and clauses marked
"reportedly" or "allegedly"."""

from __future__ import annotations

from spacy.tokens import Token

from presslens.extract import cues
from presslens.extract.attribution.context import (
    BELIEF,
    PASSIVE_REPORTS,
    QUESTION_OPENER,
    QUOTED,
    SPEECH,
    SPEECH_PASSIVES,
    Candidate,
    Context,
    Rank,
)
from presslens.extract.attribution.mentions import mention
from presslens.extract.attribution.syntax import paragraph_span


def seem_candidate(ctx: Context, v: Token) -> Candidate | None:
    """PARC profile: ``X seems to …`` / ``X appears to …`` — an evaluation without a stated source.

    The complement may also be a predicate ("seemed equally unperturbed", "seemed like …") or, after
    an empty "it", a clause ("it appears that Clinton had …"), which is then the whole content.
    """
    comp = next(
        (
            c
            for c in v.rights
            if c.dep_ in ("xcomp", "acomp", "attr", "oprd", "ccomp")
            or (c.dep_ == "prep" and c.lower_ == "like")
        ),
        None,
    )
    subj = next((c for c in v.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    if comp is None or subj is None or subj.lower_ in cues.FIRST_PERSON:
        return None
    if subj.lower_ == "it" and comp.dep_ == "ccomp":
        span = paragraph_span(ctx, v.i, comp.left_edge.i, comp.right_edge.i)  # "it appears that …"
    elif comp.dep_ == "ccomp":
        return None
    else:
        span = paragraph_span(ctx, v.i, subj.left_edge.i, comp.right_edge.i)
    if span is None:
        return None
    cue = (v.idx, ctx.tok_end(v.i))
    return Candidate(
        start=span[0],
        end=span[1],
        cue=cue,
        source=None,
        cue_tok=v.i,
        rank=Rank.REPORTING_CLAUSE,
        act="stance",
    )


def adverb_candidate(ctx: Context, adv: Token) -> Candidate | None:
    """PARC profile: ``X is reportedly planning …``, ``the hackers allegedly infiltrated …``: a report without a
    source, as ``is said to …``. The content is the clause the adverb modifies, its subject included
    (PolNeAR's span); a speech verb it modifies ("reportedly told aides that …") is its own cue."""
    head = adv.head
    if adv.dep_ != "advmod" or head.i == adv.i or head.pos_ not in ("VERB", "AUX") or head.lemma in SPEECH:
        return None
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ in cues.RELATIVE_PRONOUNS or subj.i > head.i:
        return None
    # from the subject on: a fronted adjunct ("In total, the hackers have reportedly …") is the writer's
    span = paragraph_span(ctx, adv.i, subj.left_edge.i, head.right_edge.i)
    if span is None:
        return None
    return Candidate(
        start=span[0],
        end=span[1],
        cue=(adv.idx, ctx.tok_end(adv.i)),
        source=None,
        cue_tok=adv.i,
        rank=Rank.CUE_NOUN,
        act="stance",  # parc only: PolNeAR marks about half of them; the speech profile does not read them
    )


def is_sourceless(ctx: Context, v: Token) -> bool:
    """A report without a stated source: a passive with no by-agent ("She was told that …", "He is
    said to …", "it was reported that …"); in the parc profile also beliefs ("is expected to …") and
    "Asked about …". The subject of "was quoted as saying" is the speaker."""
    parc = ctx.lex.parc
    if v.tag_ != "VBN" or v.lemma not in (PASSIVE_REPORTS if parc else SPEECH_PASSIVES):
        return False
    children = list(v.children)
    if any(c.dep_ == "agent" for c in children):
        return False
    if v.lemma in QUOTED and any(c.lower_ == "as" for c in children):
        return False
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in children):
        return True
    if any(c.dep_ == "nsubj" for c in children):
        return False  # "…, as police have said": a perfect with its own speaker
    return v.dep_ == "advcl" and (parc or puts_question(v))


def puts_question(v: Token) -> bool:
    """Whether participle ``v`` puts a question to someone not named: "Asked whether she would
    resign, she said no" (the question is a statement of its own; who asked it is not said)."""
    return v.lower_ == "asked" and any(
        c.dep_ == "ccomp" and c.i > v.i and c.left_edge.lower_ in QUESTION_OPENER for c in v.children
    )


def passive_object_candidate(ctx: Context, v: Token) -> Candidate | None:
    """PARC profile: ``Clinton was endorsed by the union``, ``He has been criticized for his
    policies``: a passive verb of the lexicon whose object is its content ("endorsed Clinton"), so
    the passive subject is what was endorsed or criticised. The content runs from the subject over
    the verb's first complement after it (not the ``by`` agent, which is the source, nor a time
    phrase), cue included, as ``passive_candidate`` does; lowest rank, as the subject may belong to
    another attribution."""
    if v.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in v.children):
        return None
    subj = next((c for c in v.lefts if c.dep_ == "nsubjpass"), None)
    if subj is None or subj.lower_ in ("it", "there") or subj.lower_ in cues.RELATIVE_PRONOUNS:
        return None
    end = subj.right_edge.i
    comp = next((c for c in v.rights if c.dep_ in ("prep", "oprd", "attr", "xcomp")), None)
    if comp is not None and not any(t.ent_type_ in ("DATE", "TIME") for t in comp.subtree):
        end = comp.right_edge.i
    span = paragraph_span(ctx, v.i, subj.left_edge.i, end)
    if span is None:
        return None
    agent = next((c for c in v.rights if c.dep_ == "agent"), None)
    by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    first = min((c.i for c in v.lefts if c.dep_ in ("aux", "auxpass") and c.i > subj.i), default=v.i)
    return Candidate(
        start=span[0],
        end=span[1],
        cue=(ctx.doc[first].idx, ctx.tok_end(v.i)),
        source=mention(ctx, by) if by is not None else None,
        cue_tok=v.i,
        rank=Rank.LEARNED_CUE,
        act="stance",
    )


def passive_candidate(ctx: Context, v: Token) -> Candidate | None:
    """``He is said to be furious``, ``The plan was described as a disaster``: a report whose speaker
    is not named. The passive subject belongs to what was said, so the content runs from it to the
    end of the complement (an infinitive or an ``as`` phrase), cue included, as PolNeAR's
    discontinuous content does without the cue; the cue is the passive verb with its auxiliaries."""
    subj = next((c for c in v.lefts if c.dep_ == "nsubjpass"), None)
    comp = next((c for c in v.rights if c.dep_ == "xcomp"), None)
    if comp is None:
        comp = next(
            (
                c
                for c in v.rights
                if c.dep_ == "prep"
                and c.lower_ == "as"
                and any(x.dep_ in ("pobj", "pcomp") for x in c.children)
            ),
            None,
        )
    if subj is None or comp is None or subj.lower_ in ("it", "there"):
        return None
    span = paragraph_span(ctx, v.i, subj.left_edge.i, comp.right_edge.i)
    if span is None:
        return None
    first = min((c.i for c in v.lefts if c.dep_ in ("aux", "auxpass") and c.i > subj.i), default=v.i)
    act = "belief" if v.lemma in BELIEF and v.lemma not in SPEECH else "speech"
    return Candidate(
        start=span[0],
        end=span[1],
        cue=(ctx.doc[first].idx, ctx.tok_end(v.i)),
        source=None,
        cue_tok=v.i,
        rank=Rank.REPORTING_CLAUSE,
        act=act,
    )
