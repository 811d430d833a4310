"""Indirect and mixed speech around a reporting verb (``She insisted that …``, ``…, he added.``).

The content is the verb's complement: a clause (``that`` included, as PolNeAR marks it), an infinitive
(``vowed to fight``), an object (``endorsed Cruz``) or a prepositional object (``called for talks``),
cut before a trailing ``, adding …`` participle or a coordinated second speech act, which become
attributions of their own. A parenthetical or final speech clause (``…, he said, …``) takes the rest
of its sentence. ``indirect_candidates`` also dispatches the cues that are not verbs (``nonverbal``).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.symbols import ADJ, AUX, NOUN, PROPN, VERB
from spacy.tokens import Token

from presslens.extract.attribution.boundaries import (
    clause_end,
    clause_minus,
    cut_trailing_clause,
    cut_trailing_cue,
    pull_content_start,
    skip_time_adjunct,
)
from presslens.extract.attribution.complements import (
    as_phrase,
    complement,
    figure_at,
    quote_after,
    that_clause_after,
)
from presslens.extract.attribution.context import (
    ACCORD,
    AGENT_NOUN,
    AS_FRAME,
    BELIEF,
    CLAUSE_VERB,
    DASHES,
    FIGURE,
    HEAR,
    HEARING_BODY,
    INFERENCE,
    LABEL_VERBS,
    MAKE,
    NOUN_CUES,
    REPORTING_ADVERB,
    SEEM,
    SPEECH,
    SPEECH_LEXICON,
    Candidate,
    Context,
    CueLexicon,
    Rank,
)
from presslens.extract.attribution.headlines import (
    colon_source_candidate,
    shared_subject,
    title_case_cue,
    trailing_speech_clause,
    verb_read_as_noun,
)
from presslens.extract.attribution.learned_cues import unread_object
from presslens.extract.attribution.mentions import mention, names_a_speaker
from presslens.extract.attribution.nonverbal import (
    according_candidate,
    adjective_candidate,
    agent_noun_candidate,
    colon_label_candidate,
    learned_noun_candidate,
    noun_candidate,
    poll_candidate,
)
from presslens.extract.attribution.passive import (
    adverb_candidate,
    is_sourceless,
    passive_candidate,
    passive_object_candidate,
    puts_question,
    seem_candidate,
)
from presslens.extract.attribution.statements import (
    bare_speech_clause,
    inferred,
    not_a_caller,
    unstated,
)
from presslens.extract.attribution.syntax import (
    NO_CONTENT_AFTER,
    cue_span,
    paragraph_span,
    past_dateline,
    says_nothing,
    subject,
    trim,
)
from presslens.lexicon import attribution as lexicon
from presslens.schema import AttributionAct, AttributionType


def indirect_candidates(ctx: Context, used_cues: set[int]) -> list[Candidate]:
    """Candidates of every cue outside quotes whose token is not in ``used_cues`` (the direct quotes' cues)."""
    cands = []
    inq = ctx.inq
    lex = ctx.lex
    cue_model = ctx.cue_model
    for t in ctx.doc:
        if inq[t.i] >= 0 or t.i in used_cues:
            continue
        lemma = t.lemma
        cand = None
        if t.pos == VERB and (
            lemma in lex.verbs or (lemma in MAKE and _makes_clear(t)) or (lemma in FIGURE and figure_at(t))
        ):
            if t.dep_ in ("amod", "compound"):
                continue
            cand = _verb_candidate(ctx, t)
            if (
                cand is None
                and cue_model is not None
                and unread_object(t, lex.objects)
                and cue_model.is_cue(t)
            ):
                cand = _verb_candidate(
                    ctx, t, learned=True
                )  # "discussed the deal": the model reads the object
        elif lemma in HEAR and t.pos == VERB and _heard_by_a_body(t):
            cand = _verb_candidate(ctx, t)  # "…, the inquest heard Tuesday": a witness's statement
            cand = replace(cand, source=None) if cand is not None else None
        elif lex.parc and lemma in AS_FRAME and t.pos == VERB and as_phrase(t) is not None:
            cand = _verb_candidate(ctx, t)  # "sees Cruz as a uniter"
        elif lex.parc and lemma in SEEM and t.pos in (VERB, AUX):
            cand = seem_candidate(ctx, t)
        elif lex.parc and t.lower_ == "in" and t.dep_ == "prep":
            cand = poll_candidate(ctx, t)
        elif lex.parc and t.lower_ in REPORTING_ADVERB:
            cand = adverb_candidate(ctx, t)
        elif lemma in ACCORD and t.lower_ == "according":
            cand = according_candidate(ctx, t)
        elif t.pos == NOUN and (lemma in NOUN_CUES or lemma in lex.noun_prep):
            cand = noun_candidate(ctx, t)
        elif t.pos == NOUN and lemma in lex.verbs and lemma in CLAUSE_VERB:
            cand = verb_read_as_noun(ctx, t)  # "B.C. court rules province breached treaty duties"
        elif lex.parc and t.pos == NOUN and lemma in AGENT_NOUN:
            cand = agent_noun_candidate(ctx, t)
        elif t.pos == ADJ and lemma in lex.adjectives and t.dep_ == "acomp":
            cand = adjective_candidate(ctx, t)
        elif t.text == ":":
            if t.i < 12 or ctx.para[t.i - 1] != ctx.para[max(t.i - 8, 0)]:
                cand = colon_label_candidate(ctx, t)
            if cand is None:
                cand = colon_source_candidate(ctx, t)  # "…: spokesperson" closing a headline
        elif t.text in DASHES and t.whitespace_ and t.i > 0 and ctx.doc[t.i - 1].whitespace_:
            cand = colon_source_candidate(ctx, t)  # "… - election commission" (TASS, Kazinform)
        elif (
            t.pos == VERB
            and cue_model is not None
            and t.dep_ not in ("amod", "compound")
            and cue_model.is_cue(t)
        ):
            cand = _verb_candidate(ctx, t, learned=True)
        if cand is None and lex.parc and t.pos in (PROPN, NOUN):
            cand = title_case_cue(ctx, t)  # "Glenn Beck Blasts Drudge for Mocking His Fast"
        if cand is None and lex.parc and t.pos == VERB and (lemma in lex.objects or _by_agent(t, lex)):
            cand = passive_object_candidate(ctx, t)  # "Clinton was endorsed by the union"
        if cand is None and cue_model is not None and t.pos in (NOUN, ADJ):
            cand = learned_noun_candidate(ctx, t)  # "questions about …", "their support for …"
        if cand is not None:
            cands.append(cand)
    return cands


def _heard_by_a_body(v: Token) -> bool:
    """Whether the subject of "hear" is a body hearing testimony ("the coroner's inquest heard",
    "Inquiry hears …"), not someone who heard a sound or a rumour."""
    subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lemma in HEARING_BODY and v.tag_ in ("VBD", "VBZ")


def _imperative(v: Token) -> bool:
    """A bare verb without subject or auxiliary that opens its sentence ("Say what you will …")."""
    if v.tag_ != "VB" or any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in v.children):
        return False
    return v.i == v.sent.start


def _negated(v: Token) -> bool:
    """Whether verb ``v`` has a negation of its own ("did not respond to …")."""
    return any(c.dep_ == "neg" for c in v.children)


def _speakerless_participle(v: Token) -> bool:
    """A past participle adjunct without a speaker of its own ("Asked whether …, she said", "as
    reported …"): the speech profile reports none; the parc profile keeps "Asked …" (act "stance")."""
    return (
        v.tag_ == "VBN"
        and v.dep_ in ("advcl", "acl", "amod")
        and not any(c.dep_ in ("agent", "nsubj") for c in v.children)
    )


def _participle_agent(v: Token) -> Token | None:
    """The by-agent of a past participle adjunct ("Asked by a reporter whether …, he said"): who
    spoke, where the subject of the main clause only answered."""
    if v.tag_ != "VBN" or v.dep_ not in ("advcl", "acl") or any(c.dep_ == "nsubj" for c in v.children):
        return None
    agent = next((c for c in v.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _past_read_as_participle(v: Token) -> bool:
    """A past tense the parser read as a participle modifying the subject, which it made the root of
    a sentence without a verb: "The minister, Marek Zalewski, posted on X that he was travelling"."""
    head = v.head
    return (
        v.tag_ == "VBN"
        and v.dep_ == "acl"
        and head.dep_ == "ROOT"
        and head.pos in (NOUN, PROPN)
        and head.i < v.i
        and (any(c.dep_ == "ccomp" for c in v.children) or that_clause_after(v) is not None)
        and not any(c.dep_ in ("auxpass", "agent") for c in v.children)
    )


def _by_agent(v: Token, lex: CueLexicon) -> bool:
    """A speech verb of the lexicon in the passive with its speaker in a by-agent: what it reports is
    its subject ("The meeting was first reported by Politico", "it was never mentioned by the moderators")."""
    return v.lemma in lex.verbs and v.lemma in SPEECH and any(c.dep_ == "agent" for c in v.children)


def _after_comma(ctx: Context, v: Token) -> bool:
    """Whether the clause of ``v`` follows a comma, or opens with one the parser gave it."""
    first = v.left_edge
    return first.text == "," or (first.i > 0 and ctx.doc[first.i - 1].text == ",")


def _final_conjunct(ctx: Context, v: Token) -> bool:
    """A speech clause the parser made a conjunct of the clause it reports, after a comma and no
    conjunction ("This includes a special force …, Defense Secretary Ash Carter told a Senate panel.")."""
    head = v.head
    if v.dep_ != "conj" or head.i >= v.i or not _after_comma(ctx, v):
        return False
    if not any(c.dep_ == "nsubj" for c in v.children):
        return False
    # a conjunction between them stops it, unless it opens a conjunct of its own before the speech
    # verb ("… is hanging on, but it is under pressure …, said the chief executive")
    conjuncts = [c.i for c in head.children if c.dep_ == "conj" and c.i < v.i]
    return not any(
        c.dep_ in ("cc", "preconj") and head.i < c.i < v.i and not any(c.i < k for k in conjuncts)
        for c in head.children
    )


def _fronted_as_clause(ctx: Context, v: Token) -> bool:
    """A speech clause opened by "as" before the clause it reports, closed by a comma ("As TASS
    reported earlier, Russian biathletes have been barred …")."""
    first = v.left_edge
    end = v.right_edge.i
    return (
        v.dep_ == "advcl"
        and v.head.i > v.i
        and first.lower_ == "as"
        and first.dep_ == "mark"
        and end + 1 < len(ctx.doc)
        and ctx.doc[end + 1].text == ","
        and ctx.inq[v.i] < 0
    )


def _makes_clear(v: Token) -> bool:
    """Whether ``v`` (a form of "make") has "clear" or "plain" after it."""
    return any(c.lemma_ in lexicon.CLEAR for c in v.rights)


def _verb_candidate(ctx: Context, v: Token, learned: bool = False) -> Candidate | None:
    """An indirect (or mixed) attribution around cue verb ``v`` (``learned``: a verb the cue model chose)."""
    lemma = v.lemma
    if not ctx.lex.parc and _imperative(v):
        # "Say what you will about the process, …": no one says it ("Let's say …" stays: PolNeAR marks it)
        return None
    sourceless = is_sourceless(ctx, v)
    if sourceless and v.dep_ != "advcl":
        passive = passive_candidate(ctx, v)
        if passive is not None:
            return passive
    elif lemma in BELIEF and lemma not in SPEECH and any(c.dep_ == "auxpass" for c in v.children):
        return None  # "was supposed to …", "is understood to …" outside the passive reports: no one's belief
    comp = complement(ctx, v, learned)
    silent = comp is not None and comp[3] and says_nothing(ctx, v, comp[0], comp[1], comp[2] != v.i)
    if silent and not (ctx.lex.parc and _negated(v)):
        return None  # the parc profile keeps "would not discuss the investigation" (act "stance")
    if comp is not None and not ctx.lex.parc and unstated(ctx, v, comp):
        return None  # PolNeAR annotates these, so the parc profile keeps them (act "stance")
    rank = Rank.REPORTING_CLAUSE
    forced: AttributionType | None = None
    if comp is not None:
        a, b, cue_last, is_object = comp
        if a <= v.i <= b:
            if a > v.i - 1 or b - v.i > v.i - a:
                a = v.i + 1
            else:
                b = v.i - 1
        cue_a, cue_b, carrier = cue_span(ctx, v, a if a > v.i else NO_CONTENT_AFTER)
        if cue_last > v.i and cue_last < a:
            cue_b = max(cue_b, ctx.tok_end(cue_last))
        # do not let the content swallow the speech clause on either side
        cue_tok_a = ctx.tok_at(cue_a)
        if a < cue_tok_a <= b:
            b = cue_tok_a - 1
        if a > v.i:
            a = pull_content_start(ctx, ctx.tok_at(cue_b - 1) + 1, a)
            if cue_last == v.i and not is_object:
                b = max(b, clause_end(v, a))
                a = skip_time_adjunct(ctx, a, b)
            b = cut_trailing_cue(ctx, a, b)
            b = cut_trailing_clause(ctx, a, b)
        span = paragraph_span(ctx, v.i, a, b)
        if lemma in LABEL_VERBS and a == v.i + 1 and quote_after(ctx, v.i) >= 0:
            q = ctx.quotes[ctx.inq[a]]
            span, forced = (q.start, q.end), "direct"  # 'which she called "a crisis within the crisis"'
    else:
        if lemma in BELIEF and lemma not in SPEECH:
            return None  # a belief needs its complement
        head = v.head
        paren = v.tag_ != "VBG" and (
            v.dep_ == "parataxis"
            or (
                v.dep_ in ("ccomp", "advcl")
                and head.i < v.i
                and v.i > 0
                and ctx.doc[v.left_edge.i - 1].text == ","
            )
            or _final_conjunct(ctx, v)
            or _fronted_as_clause(ctx, v)
        )
        if not paren or head.i == v.i or not subject(v) or not bare_speech_clause(ctx, v):
            return trailing_speech_clause(ctx, v)  # "Situation under control, says Punjab govt"
        cue_a, cue_b, carrier = cue_span(ctx, v, NO_CONTENT_AFTER)
        span = clause_minus(ctx, head, v.left_edge.i, v.right_edge.i)
        # a final speech clause ("…, the source added.") is the outer attribution; a medial one ranks lower
        final = span is not None and span[1] <= v.left_edge.idx
        rank = Rank.REPORTING_CLAUSE if final else Rank.MEDIAL_CLAUSE
    if span is None:
        return None
    asker = _participle_agent(v)
    if asker is not None:
        subj = asker  # "Asked by a reporter whether …, he said": the reporter put the question
    elif _past_read_as_participle(v):
        subj = v.head  # "Poland's minister of industry, Marek Zalewski, posted on X that …"
    elif _speakerless_participle(v):
        if not sourceless:
            return None  # "when asked …", "as reported …": the subject is not the speaker
        subj = None
    else:
        subj = past_dateline(ctx, subject(carrier), v)
        if sourceless and subj is not None and subj.dep_ == "nsubjpass":
            subj = None  # "She was told that …": the subject heard it; who said it is not named
    if subj is None and not sourceless:
        subj = shared_subject(ctx, v)  # "Kenyan court strikes down levy, says parliament skipped …"
    if subj is None and v.dep_ != "acl" and not sourceless:
        return None
    if subj is not None and subj.lower_ == "that" and subj.i + 1 == v.i and _followed_by_comma(v):
        return None  # "That said, …"
    if not ctx.lex.parc and lemma in INFERENCE and inferred(v, subj):
        return None  # "…, suggesting the bank would cut rates", "the figures indicate …": no one said it
    if (
        not ctx.lex.parc
        and subj is not None
        and not names_a_speaker(subj)
        and any(c.lower_ == "no" for c in subj.lefts)
    ):
        return None  # "…, no deaths reported": a reduced passive, not a speaker
    if not ctx.lex.parc and comp is not None and not_a_caller(v, subj, comp[2]):
        return None  # "the forecast calls for heavy rain": a prediction, not a call
    src = mention(ctx, subj) if subj is not None else None
    if rank == Rank.REPORTING_CLAUSE and src is not None and span[0] < src[1] and src[0] < span[1]:
        span = _before_final_source(ctx, span, src)
        if span is None:
            return None
    if learned:
        rank = Rank.LEARNED_CUE
    act = _parc_act(ctx, v, comp, subj, learned) if ctx.lex.parc else "speech"
    return Candidate(
        start=span[0],
        end=span[1],
        cue=(cue_a, cue_b),
        source=src,
        cue_tok=v.i,
        rank=rank,
        act=act,
        forced=forced,
    )


def _before_final_source(ctx: Context, span: tuple[int, int], src: tuple[int, int]) -> tuple[int, int] | None:
    """A content the parser ran over the speaker of its final speech clause, cut before the comma
    that opens it ("The quake hit …, the Disaster and Emergency Management Authority (AFAD) said");
    None when the source sits elsewhere in it."""
    k = ctx.tok_at(src[0]) - 1
    while k > 0 and ctx.doc[k].pos_ == "DET":
        k -= 1  # the parse may leave "the" out of the mention
    if k <= ctx.tok_at(span[0]) or ctx.doc[k].text != ",":
        return None
    if any(t.pos in (VERB, AUX) for t in ctx.doc[k : ctx.tok_at(span[1] - 1) + 1]):
        return None  # a clause of its own after the source, not a speaker phrase closing the content
    return trim(ctx, ctx.tok_at(span[0]), k - 1)


def _parc_act(
    ctx: Context, v: Token, comp: tuple[int, int, int, bool] | None, subj: Token | None, learned: bool
) -> AttributionAct:
    """``act`` of a parc-profile verb candidate: "speech" when the speech profile reads the cue the same way.

    Otherwise "belief" for verbs of belief ("expects to …", "thinks about …") and "stance" for the
    rest ("endorsed Cruz", "refused to concede", "the figures suggest …", learned cue verbs).
    """
    speech = SPEECH_LEXICON
    lemma = v.lemma
    same = (
        not learned
        and (lemma in speech.verbs or (lemma in MAKE and _makes_clear(v)) or lemma in FIGURE or lemma in HEAR)
        and complement(ctx, v, lex=speech) == comp
        and not (lemma in INFERENCE and inferred(v, subj))
        and not (comp is not None and unstated(ctx, v, comp))
        and not (comp is not None and comp[3] and says_nothing(ctx, v, comp[0], comp[1], comp[2] != v.i))
        and not (_speakerless_participle(v) and not puts_question(v) and not _past_read_as_participle(v))
    )
    if same:
        return "speech"
    return "belief" if lemma in BELIEF else "stance"


def _followed_by_comma(t: Token) -> bool:
    """Whether a comma comes right after token ``t``."""
    return t.i + 1 < len(t.doc) and t.doc[t.i + 1].text == ","
