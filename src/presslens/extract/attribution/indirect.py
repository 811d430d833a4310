"""Indirect and mixed speech around a reporting verb (``She insisted that …``, ``…, he added.``).

The content is the verb's complement: a clause (``that`` included, as PolNeAR marks it), an infinitive
(``vowed to fight``), an object (``endorsed Cruz``) or a prepositional object (``called for talks``),
cut before a trailing ``, adding …`` participle or a coordinated second speech act, which become
attributions of their own. A parenthetical or final speech clause (``…, he said, …``) takes the rest
of its sentence. ``indirect_candidates`` also dispatches the cues that are not verbs (``nonverbal``).
"""

from __future__ import annotations

from spacy.symbols import ADJ, AUX, NOUN, VERB
from spacy.tokens import Token

from presslens.extract.attribution.boundaries import (
    clause_end,
    clause_minus,
    cut_trailing_clause,
    cut_trailing_cue,
    pull_content_start,
    skip_time_adjunct,
)
from presslens.extract.attribution.context import (
    ACCORD,
    AGENT_NOUN,
    AS_FRAME,
    BELIEF,
    INFERENCE,
    LABEL_VERBS,
    MAKE,
    NEEDS_SPEECH_XCOMP,
    NOUN_CUES,
    NP_STATEMENT,
    REPORTING_ADVERB,
    SEEM,
    SPEECH,
    SPEECH_LEXICON,
    TELL,
    Candidate,
    Context,
    CueLexicon,
    Rank,
)
from presslens.extract.attribution.headlines import (
    colon_source_candidate,
    shared_subject,
    trailing_speech_clause,
)
from presslens.extract.attribution.learned_cues import unread_object
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
    puts_question,
    seem_candidate,
)
from presslens.extract.attribution.statements import (
    across_semicolon,
    asks_anonymity,
    bare_speech_clause,
    carries_content,
    inferred,
    not_a_caller,
    unstated,
    verdict,
)
from presslens.extract.attribution.syntax import (
    NO_CONTENT_AFTER,
    cue_span,
    mention,
    opens_quote,
    paragraph_span,
    past_dateline,
    says_nothing,
    subject,
    that_clause_in_prep,
)
from presslens.lexicon import attribution as lexicon
from presslens.schema import AttributionAct, AttributionType

# The fewest words of a quoted label that make "which/what X called '…'" a statement.
LABEL_QUOTE_WORDS = 3


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
        if t.pos == VERB and (lemma in lex.verbs or (lemma in MAKE and _makes_clear(t))):
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
        elif lex.parc and lemma in AS_FRAME and t.pos == VERB and _as_phrase(t) is not None:
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
        elif lex.parc and t.pos == NOUN and lemma in AGENT_NOUN:
            cand = agent_noun_candidate(ctx, t)
        elif t.pos == ADJ and lemma in lex.adjectives and t.dep_ == "acomp":
            cand = adjective_candidate(ctx, t)
        elif t.text == ":":
            if t.i < 12 or ctx.para[t.i - 1] != ctx.para[max(t.i - 8, 0)]:
                cand = colon_label_candidate(ctx, t)
            if cand is None:
                cand = colon_source_candidate(ctx, t)  # "…: spokesperson" closing a headline
        elif (
            t.pos == VERB
            and cue_model is not None
            and t.dep_ not in ("amod", "compound")
            and cue_model.is_cue(t)
        ):
            cand = _verb_candidate(ctx, t, learned=True)
        if cand is None and cue_model is not None and t.pos in (NOUN, ADJ):
            cand = learned_noun_candidate(ctx, t)  # "questions about …", "their support for …"
        if cand is not None:
            cands.append(cand)
    return cands


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


def _final_conjunct(ctx: Context, v: Token) -> bool:
    """A speech clause the parser made a conjunct of the clause it reports, after a comma and no
    conjunction ("This includes a special force …, Defense Secretary Ash Carter told a Senate panel.")."""
    head = v.head
    if v.dep_ != "conj" or head.i >= v.i or v.left_edge.i == 0 or ctx.doc[v.left_edge.i - 1].text != ",":
        return False
    if not any(c.dep_ == "nsubj" for c in v.children):
        return False
    return not any(c.dep_ in ("cc", "preconj") and head.i < c.i < v.i for c in head.children)


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
    comp = _complement(ctx, v, learned)
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
        if lemma in LABEL_VERBS and a == v.i + 1 and _quote_after(ctx, v.i) >= 0:
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
    if _speakerless_participle(v):
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
    if not ctx.lex.parc and comp is not None and not_a_caller(v, subj, comp[2]):
        return None  # "the forecast calls for heavy rain": a prediction, not a call
    src = mention(ctx, subj) if subj is not None else None
    if rank == Rank.REPORTING_CLAUSE and src is not None and span[0] < src[1] and src[0] < span[1]:
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
        and (lemma in speech.verbs or (lemma in MAKE and _makes_clear(v)))
        and _complement(ctx, v, lex=speech) == comp
        and not (lemma in INFERENCE and inferred(v, subj))
        and not (comp is not None and unstated(ctx, v, comp))
        and not (comp is not None and comp[3] and says_nothing(ctx, v, comp[0], comp[1], comp[2] != v.i))
        and not (_speakerless_participle(v) and not puts_question(v))
    )
    if same:
        return "speech"
    return "belief" if lemma in BELIEF else "stance"


def _complement(
    ctx: Context, v: Token, learned: bool = False, lex: CueLexicon | None = None
) -> tuple[int, int, int, bool] | None:
    """Token range [a, b] of what a cue verb reports, the last token of the cue, and whether it is an object.

    In order: a clausal complement (``said that …``), ``make clear that …``, an infinitive or
    participial complement (``vowed to …``), an object for verbs of stance (``praised the plan``,
    ``called the deal a disaster``), a prepositional object (``called for …``, ``warned of …``).
    ``lex`` replaces the profile's lexicon (to ask how the speech profile reads a parc cue).
    """
    lemma = v.lemma
    ccomp = xcomp = dobj = intj = oprd = prt = None
    preps: list[Token] = []
    para = ctx.para[v.i]
    for c in v.children:
        dep = c.dep_
        if ctx.para[c.i] != para:
            continue
        if dep in ("acomp", "oprd", "ccomp") and c.lemma_ in lexicon.CLEAR:
            for d in c.children:
                if d.dep_ in ("ccomp", "advcl") and d.i > c.i:
                    return d.left_edge.i, d.right_edge.i, c.i, False
        elif dep == "ccomp" and (ccomp is None or ccomp.i < v.i) and not across_semicolon(ctx, c, v):
            ccomp = c
        elif dep == "xcomp" and xcomp is None:
            xcomp = c
        elif dep == "dobj" and dobj is None:
            dobj = c
        elif dep == "oprd":
            oprd = c
        elif dep == "prt":
            prt = c
        elif dep == "prep" and c.i > v.i:
            preps.append(c)
        elif dep == "intj" and c.i > v.i and c.lower_ in ("yes", "no"):
            intj = c
    lex = lex or ctx.lex
    if ccomp is not None and verdict(ccomp, lemma, lex):
        ccomp = None  # "the jury found Heppner guilty": a small clause of a clause-only verb is a verdict
    if ccomp is not None:
        return ccomp.left_edge.i, ccomp.right_edge.i, v.i, False
    clause = that_clause_in_prep(preps)
    if clause is not None:
        return clause[0], clause[1], v.i, False
    if xcomp is not None and xcomp.i > v.i and (learned or lemma in lex.infinitive or xcomp.tag_ != "VB"):
        if asks_anonymity(xcomp) and dobj is None:
            return None  # "who asked not to be named": a condition of the interview, not its content
        if lemma not in NEEDS_SPEECH_XCOMP or lex.parc or xcomp.lemma in SPEECH:
            return xcomp.left_edge.i, xcomp.right_edge.i, v.i, False
    if (
        lemma in LABEL_VERBS
        and dobj is None
        and oprd is not None
        and oprd.i > v.i
        and (oprd.left_edge.dep_ == "poss" or any(ctx.inq[t.i] >= 0 for t in oprd.subtree))
        and not any(c.dep_ == "auxpass" for c in v.children)
    ):
        # 'called her "third-rate"', 'called Trump a "pathological liar"': the object parsed inside
        return oprd.left_edge.i, oprd.right_edge.i, v.i, True
    if lemma in LABEL_VERBS and dobj is not None and dobj.i < v.i and dobj.tag_ in ("WDT", "WP"):
        # 'what she called "a team built …"'; a word or two ('what he calls "hell"') is a scare quote
        label = _quote_after(ctx, v.i)
        words = sum(1 for t in ctx.doc[v.i + 1 : label] if t.is_alpha) if label >= 0 else 0
        return (v.i + 1, label, v.i, True) if words >= LABEL_QUOTE_WORDS else None
    if dobj is not None and dobj.i > v.i:
        as_phrase = _as_phrase(v) if lex.parc and lemma not in lex.objects else None
        if as_phrase is not None:
            return (
                dobj.left_edge.i,
                as_phrase.right_edge.i,
                v.i,
                True,
            )  # "views Trump as a poisonous candidate"
        if lemma in LABEL_VERBS:
            if oprd is not None:
                return dobj.left_edge.i, oprd.right_edge.i, v.i, True
            quoted = _quoted_label_end(ctx, dobj)
            if quoted >= 0:
                return dobj.left_edge.i, quoted, v.i, True
            if prt is None:
                return None
        if lemma in TELL and dobj.lemma_ in lexicon.TOLD_THINGS:
            return dobj.left_edge.i, _np_end(dobj), v.i, True
        if (learned or lemma in lex.objects) and (
            dobj.lower_ not in lexicon.EMPTY_OBJECTS or oprd is not None or lex.parc
        ):
            end = max([_np_end(dobj)] + [x.right_edge.i for x in (oprd, xcomp) if x is not None])
            for p in preps:
                if p.i == end + 1 and p.lower_ in ("of", "for", "as", "with", "on") and not _is_time(p):
                    end = p.right_edge.i
            if not (
                lex.parc
                or oprd is not None
                or lemma in NP_STATEMENT
                or carries_content(ctx, dobj.left_edge.i, end)
            ):
                return None  # "denied the existence of such a link", "confirmed the wedding": a topic
            return dobj.left_edge.i, end, v.i, True
        return None
    allowed = lexicon.CONTENT_PREPOSITIONS if learned else lex.prep.get(lemma)
    if allowed and not any(c.dep_ == "auxpass" for c in v.children):
        for p in preps:
            if p.lower_ in allowed and p.i <= v.i + 3:
                obj = next((c for c in p.children if c.dep_ in ("pobj", "pcomp")), None)
                if (
                    obj is not None
                    and obj.ent_type_ not in ("DATE", "TIME")
                    and obj.lemma_ not in lexicon.NOT_CONTENT
                ):
                    end = _np_end(obj) if obj.dep_ == "pobj" else p.right_edge.i
                    if (
                        not lex.parc
                        and p.lower_ == "about"
                        and v.lemma_ in lexicon.ASK
                        and not carries_content(ctx, p.i + 1, end)
                    ):
                        return None  # "asked about the remarks": a topic, not a question put
                    return p.i + 1, max(end, obj.i), p.i, True  # "voted for Ben Carson, a neurosurgeon …
        if "for" in allowed:
            clause = _for_to_clause(v)
            if clause is not None:
                return clause.left_edge.i + 1, clause.right_edge.i, clause.left_edge.i, False
    if intj is not None:
        return intj.i, intj.i, v.i, True
    doc = v.doc
    so = doc[v.i + 1] if v.i + 1 < len(doc) else None
    if lex.parc and so is not None and so.lower_ == "so" and so.dep_ == "advmod" and so.head.i == v.i:
        return so.i, so.i, v.i, True  # "half said so", "thinks so": PolNeAR marks the pro-form
    # the parser hung the that-clause on an adjunct ("said during a news conference that …")
    for i in range(v.i + 1, min(v.right_edge.i, v.i + 15) + 1):
        t = doc[i]
        if t.dep_ == "mark" and t.lower_ == "that" and t.head.i > i and ctx.inq[i] < 0:
            return i, t.head.right_edge.i, v.i, False
        if t.text in (";", ":") or t.is_sent_start:
            break
    return None


def _for_to_clause(v: Token) -> Token | None:
    """A "for … to …" clause right after verb ``v`` that the parser made an adverbial clause ("called
    for all candidates to lay out their plans"): the object of "for" with its infinitive."""
    for c in v.rights:
        first = c.left_edge
        if (
            c.dep_ == "advcl"
            and first.lower_ == "for"
            and first.dep_ == "mark"
            and first.i <= v.i + 3
            and any(x.dep_ == "aux" and x.lower_ == "to" for x in c.lefts)
        ):
            return c
    return None


def _as_phrase(v: Token) -> Token | None:
    """The ``as`` phrase after verb ``v``'s object ("sees Cruz as a uniter", "cast himself as an
    outsider"): in the parc profile a view or portrayal of the object."""
    dobj = None
    for c in v.rights:
        if c.dep_ == "dobj" and dobj is None:
            dobj = c
        elif c.dep_ == "prep" and c.lower_ == "as" and dobj is not None and c.i > dobj.i:
            return c if any(p.dep_ == "pobj" for p in c.children) else None
    return None


def _quote_after(ctx: Context, i: int) -> int:
    """Last token of a closed quotation opening at token ``i + 1``, else -1."""
    if i + 1 < len(ctx.doc) and opens_quote(ctx, i + 1):
        q = ctx.quotes[ctx.inq[i + 1]]
        if q.close_mark >= 0:
            return ctx.tok_at(q.close_mark)
    return -1


def _quoted_label_end(ctx: Context, dobj: Token) -> int:
    """Last token of a label verb's quoted predicate the parser did not mark as one, else -1.

    'calls her "an extremely intelligent woman"' (the quote inside the object) and 'called it "a
    crucial step forward"' (the quote right after it) say what the speaker called it.
    """
    a, b = dobj.left_edge.i, dobj.right_edge.i
    if any(ctx.inq[i] >= 0 for i in range(a, b + 1)):
        return b
    return _quote_after(ctx, b)


def _is_time(prep: Token) -> bool:
    """Whether a prepositional phrase holds a date or time ("on Friday", "in March")."""
    return any(t.ent_type_ in ("DATE", "TIME") for t in prep.subtree)


def _np_end(head: Token) -> int:
    """Last token of a noun phrase, stopping before a comma-led relative clause or apposition."""
    end = head.i
    for c in head.rights:
        if c.dep_ in ("relcl", "appos", "acl") and c.left_edge.i > 0 and c.doc[c.left_edge.i - 1].text == ",":
            break
        if (
            c.dep_ == "punct"
            and c.text == ","
            and not any(x.dep_ == "conj" and x.i > c.i for x in head.rights)
        ):
            break
        end = max(end, c.right_edge.i)
    return end


def _followed_by_comma(t: Token) -> bool:
    """Whether a comma comes right after token ``t``."""
    return t.i + 1 < len(t.doc) and t.doc[t.i + 1].text == ","
