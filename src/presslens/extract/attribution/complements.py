"""What a reporting verb reports: its complement (``complement``), as a token range.

A clausal complement (``said that …``), ``make clear that …``, an infinitive (``vowed to …``), a
label verb's object and quoted predicate (``called the deal "a disaster"``, ``what she called "…"``),
an object for verbs whose object says something (``announced plans to cut 500 jobs``) and a
prepositional object (``called for talks``). Split from ``indirect`` (which builds the candidates).
"""

from __future__ import annotations

from spacy.tokens import Token

from presslens.extract.attribution.context import (
    FIGURE,
    FRAME_NOUNS,
    LABEL_VERBS,
    NEEDS_SPEECH_XCOMP,
    NP_STATEMENT,
    REQUEST,
    SAY,
    SPEECH,
    TELL,
    Context,
    CueLexicon,
)
from presslens.extract.attribution.headlines import headline_object
from presslens.extract.attribution.statements import (
    across_semicolon,
    asks_anonymity,
    carries_content,
    verdict,
)
from presslens.extract.attribution.syntax import (
    FINITE_TAGS,
    WH_TAGS,
    occasion_phrases_only,
    opens_quote,
    that_clause_in_prep,
)
from presslens.lexicon import attribution as lexicon

# The fewest words of a quoted label that make "which/what X called '…'" a statement.
LABEL_QUOTE_WORDS = 3


def complement(
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
    if ccomp is not None and ccomp.i < v.i and dobj is not None and lemma not in SAY:
        end = _headline_object(ctx, v, dobj, lex)
        if end >= 0:
            return dobj.left_edge.i, end, v.i, True  # "EU slaps tariffs on buses, Beijing vows response"
    if ccomp is not None and ccomp.i > v.i and v.lower_ == "asked" and asks_anonymity(ccomp):
        return None  # "who asked that her name not be published": a condition, not a statement
    if ccomp is not None and verdict(ccomp, lemma, lex):
        ccomp = None  # "the jury found Heppner guilty": a small clause of a clause-only verb is a verdict
    if ccomp is not None and ccomp.i > v.i and (after := clause_after_phrase(v, ccomp)) is not None:
        return after, ccomp.right_edge.i, v.i, False  # "said during the hearing the company had …"
    if ccomp is not None:
        start = ccomp.left_edge.i
        if (
            dobj is not None
            and v.i < dobj.i < start
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in ccomp.children)
            and ccomp.tag_ in ("VB", "VBD", "VBZ", "VBP")
            and ccomp.left_edge.dep_ != "mark"
        ):
            start = dobj.left_edge.i  # "said fares on the routes …, could rise": the object is its subject
        return start, ccomp.right_edge.i, v.i, False
    clause = that_clause_in_prep(v) or that_clause_after(v)
    if clause is None and (dobj is None or lemma in TELL):
        clause = clause_taken_for_adverbial(v)
    if clause is not None:
        return clause[0], clause[1], v.i, False
    if xcomp is not None and xcomp.i > v.i and (learned or lemma in lex.infinitive or xcomp.tag_ != "VB"):
        if asks_anonymity(xcomp) and dobj is None:
            return None  # "who asked not to be named": a condition of the interview, not its content
        if lemma not in NEEDS_SPEECH_XCOMP or lex.parc or xcomp.lemma in SPEECH:
            first = xcomp.left_edge.i
            for p in preps:  # "called on the festival to explain …": the addressee, then what they are to do
                if (
                    p.i == v.i + 1
                    and p.right_edge.i == first - 1
                    and (p.lower_ in lex.prep.get(lemma, ()) or p.lower_ in lexicon.ADDRESSEE_PREPOSITIONS)
                ):
                    return p.i + 1, xcomp.right_edge.i, p.i, False
            if dobj is not None and v.i < dobj.i < first and lemma in REQUEST:
                # "urged people with heart conditions to stay indoors": the addressee, then the request
                first = dobj.left_edge.i
            return first, xcomp.right_edge.i, v.i, False
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
    predicate = _relative_object_predicate(ctx, v, lex, dobj, oprd)
    if predicate is not None:
        return predicate[0], predicate[1], v.i, True
    if lemma in LABEL_VERBS and dobj is not None and dobj.i < v.i and dobj.tag_ in ("WDT", "WP"):
        # 'what she called "a team built …"'; a word or two ('what he calls "hell"') is a scare quote
        label = quote_after(ctx, v.i)
        words = sum(1 for t in ctx.doc[v.i + 1 : label] if t.is_alpha) if label >= 0 else 0
        return (v.i + 1, label, v.i, True) if words >= LABEL_QUOTE_WORDS else None
    if lemma in FIGURE and dobj is not None:
        at = figure_at(v)
        return (dobj.left_edge.i, at.right_edge.i, v.i, True) if at is not None else None
    if dobj is not None and dobj.i > v.i and lemma in SAY:
        clause = _clause_taken_for_relative(v)
        if clause is not None:
            return clause.left_edge.i, clause.right_edge.i, v.i, False
    if dobj is not None and dobj.i > v.i:
        as_obj = as_phrase(v) if lex.parc and lemma not in lex.objects else None
        if as_obj is not None:
            return (
                dobj.left_edge.i,
                as_obj.right_edge.i,
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
        end = _headline_object(ctx, v, dobj, lex)
        if end >= 0:
            return dobj.left_edge.i, end, v.i, True  # "China urges dialogue on Mekong water data"
        if (learned or lemma in lex.objects) and (
            dobj.lower_ not in lexicon.EMPTY_OBJECTS or oprd is not None or lex.parc
        ):
            end = max([_np_end(dobj)] + [x.right_edge.i for x in (oprd, xcomp) if x is not None])
            for d in v.rights:  # 'thanked Qatar and "all those who …"': a second object the parser hung on v
                if (
                    d.dep_ == "dobj"
                    and d.i > end
                    and all(t.dep_ in ("cc", "punct") for t in ctx.doc[end + 1 : d.left_edge.i])
                ):
                    end = _np_end(d)
            for p in preps:
                if p.i == end + 1 and p.lower_ in ("of", "for", "as", "with", "on") and not _is_time(p):
                    end = p.right_edge.i
            end = _as_phrase_end(v, end)
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
    if lex.parc and not learned and lemma in SPEECH:
        allowed = (*(allowed or ()), "about")  # parc: "gushed about the new stadium" (act "stance")
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
                    end = _infinitive_after(v, end)  # "called on the festival to explain …"
                    end = _preps_after(v, end)  # "called for stricter rules on the use of heavy fuel oil"
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


def _relative_object_predicate(
    ctx: Context, v: Token, lex: CueLexicon, dobj: Token | None, oprd: Token | None
) -> tuple[int, int] | None:
    """Parc profile: what a relative clause's speech verb says of its antecedent, the relative word
    being its object: the predicate after the verb ("the budget, which he called a disgrace"; PolNeAR's
    content is the relative word and that phrase). A quoted label is left to the quotation; an ``as``
    phrase ("which he describes as his second home") was measured and left out (train +12 matched,
    dev -1), as was the speech profile (train: one more false record, none found)."""
    if not lex.parc or v.dep_ != "relcl" or oprd is None or oprd.i < v.i:
        return None
    if dobj is None or dobj.i > v.i or dobj.lower_ not in ("which", "whom", "who", "that"):
        return None
    if any(ctx.inq[t.i] >= 0 or t.is_quote for t in v.doc[v.i + 1 : oprd.right_edge.i + 1]):
        return None
    return oprd.left_edge.i, oprd.right_edge.i


def figure_at(v: Token) -> Token | None:
    """The "at" phrase with a number after verb ``v``'s object ("put the death toll at 70", "puts her
    approval at 49.5 percent"): ``v`` states an estimate."""
    dobj = next((c for c in v.rights if c.dep_ == "dobj"), None)
    if dobj is None:
        return None
    for c in v.rights:
        if c.dep_ == "prep" and c.lower_ == "at" and c.i > dobj.i:
            numbers = ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")
            return c if any(t.like_num or t.ent_type_ in numbers for t in c.subtree) else None
    return None


def _headline_object(ctx: Context, v: Token, dobj: Token, lex: CueLexicon) -> int:
    """Last token of a headline verb's noun-phrase content (``headlines.headline_object``) for verbs
    whose object or infinitive is what they report, else -1."""
    lemma = v.lemma
    if lemma in lex.objects or (lemma in lex.infinitive and lemma not in NEEDS_SPEECH_XCOMP):
        end = headline_object(ctx, v, dobj)
        return end if end >= dobj.i else -1
    return -1


def _clause_taken_for_relative(v: Token) -> Token | None:
    """A reported clause the parser made a relative clause of the noun before it: "told reporters he
    had spoken with the governor", "told reporters before the budget speech that the province
    expected …". The clause has a subject of its own and opens with it or with "that"."""
    doc = v.doc
    for i in range(v.i + 2, min(v.i + 10, len(doc))):
        r = doc[i]
        if r.dep_ != "relcl" or not v.i < r.head.i < r.left_edge.i or r.head.head.i == r.head.i:
            continue
        if r.head.pos_ not in ("NOUN", "PROPN") or r.head.lower_ in lexicon.EMPTY_OBJECTS:
            return None  # "wouldn't tell the I.R.S. anything it doesn't already know": a relative clause
        subj = next((c for c in r.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < r.i), None)
        first = r.left_edge
        if subj is None or subj.tag_ in ("WDT", "WP", "WP$") or r.head.ent_type_ in ("DATE", "TIME"):
            return None
        if first.i == subj.left_edge.i or (first.lower_ == "that" and first.i + 1 == subj.left_edge.i):
            return r
        return None
    return None


def _infinitive_after(v: Token, end: int) -> int:
    """``end``, or the end of a to-infinitive of verb ``v`` that follows token ``end`` at once: what the
    addressee of a request is to do ("called on the festival to explain its decision", "asked for
    extra funding to cover the cost")."""
    for c in v.rights:
        if (
            c.dep_ in ("advcl", "xcomp")
            and c.left_edge.i == end + 1
            and any(x.dep_ == "aux" and x.lower_ == "to" for x in c.lefts)
        ):
            return c.right_edge.i
    return end


def _preps_after(v: Token, end: int) -> int:
    """``end``, or the end of the prepositional phrases of verb ``v`` that follow token ``end`` at
    once and belong to the content ("called for stricter rules on the use of heavy fuel oil in Arctic
    waters"), not a time or a medium of speech ("on Monday", "in a statement")."""
    for c in v.rights:
        if c.i <= end:
            continue
        if (
            c.i != end + 1
            or c.dep_ != "prep"
            or c.lower_ in lexicon.CIRCUMSTANCE_PREPOSITIONS
            or _is_time(c)
            or any(x.dep_ == "pobj" and x.lemma in FRAME_NOUNS for x in c.children)
        ):
            break
        end = c.right_edge.i
    return end


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


def as_phrase(v: Token) -> Token | None:
    """The ``as`` phrase after verb ``v``'s object ("sees Cruz as a uniter", "cast himself as an
    outsider"): in the parc profile a view or portrayal of the object."""
    dobj = None
    for c in v.rights:
        if c.dep_ == "dobj" and dobj is None:
            dobj = c
        elif c.dep_ == "prep" and c.lower_ == "as" and dobj is not None and c.i > dobj.i:
            return c if any(p.dep_ == "pobj" for p in c.children) else None
    return None


def quote_after(ctx: Context, i: int) -> int:
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
    return quote_after(ctx, b)


def _as_phrase_end(v: Token, end: int) -> int:
    """``end``, or the end of an "as" phrase of verb ``v`` that follows token ``end`` with at most an
    adverb between ("described the budget as balanced", "described the state only as 'a country …'")."""
    doc = v.doc
    for c in v.rights:
        if c.i <= end or c.dep_ not in ("prep", "advcl"):
            continue
        word = c if c.lower_ == "as" else c.left_edge  # "as balanced": an adjective clause opened by "as"
        if word.lower_ == "as" and all(doc[k].dep_ == "advmod" for k in range(end + 1, word.i)):
            return c.right_edge.i
    return end


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


def that_clause_after(v: Token) -> tuple[int, int] | None:
    """Token range of a that-clause right after cue verb ``v``'s phrase that the parser hung on a word
    before ``v`` ("Lavoie, who …, later posted on X that the government would …": the clause parsed
    as a relative clause of "Lavoie"); the clause has a subject of its own."""
    doc = v.doc
    k = v.right_edge.i + 1
    if k >= len(doc) or doc[k].lower_ != "that" or doc[k].dep_ != "mark":
        return None
    r = doc[k].head
    if r.left_edge.i != k or r.head.i >= v.i or r.pos_ not in ("VERB", "AUX"):
        return None
    if not any(s.dep_ in ("nsubj", "nsubjpass") and s.i > k for s in r.children):
        return None
    return k, r.right_edge.i


def clause_taken_for_adverbial(v: Token) -> tuple[int, int] | None:
    """Token range of a reported clause the parser made an adverbial clause of cue verb ``v`` after a
    phrase of the verb's ("said after the convention he would not accept …", "tweeted in the early
    morning hours that Machado was …"), as ``clause_after_phrase`` reads it."""
    for c in v.rights:
        if c.dep_ != "advcl" or c.pos_ not in ("VERB", "AUX"):
            continue
        finite = c.tag_ in FINITE_TAGS or any(x.dep_ in ("aux", "auxpass") and x.tag_ in FINITE_TAGS for x in c.children)
        if not finite:
            return None  # "said nothing, the crowd cheering": an absolute phrase, not a statement
        start = clause_after_phrase(v, c)
        return None if start is None else (start, c.right_edge.i)
    return None


def clause_after_phrase(v: Token, clause: Token) -> int | None:
    """Where ``clause`` starts when a phrase of time, place or occasion lies between cue verb ``v`` and
    the clause's own subject ("said during the hearing the company had …"): at the subject, or at a
    "that" right before it; None when the clause has no subject, a subordinating word other than
    "that", or anything but such phrases, commas and the addressee of "tell" before its subject
    (``syntax.occasion_phrases_only``)."""
    doc = v.doc
    subj = next((x for x in clause.children if x.dep_ in ("nsubj", "nsubjpass", "expl") and x.i < clause.i), None)
    if subj is None or subj.tag_ in WH_TAGS:
        return None
    if any(x.dep_ == "mark" and x.lower_ != "that" for x in clause.children):
        return None
    start = subj.left_edge.i
    if doc[start - 1].lower_ == "that" and doc[start - 1].head.i == clause.i:
        start -= 1
    if start <= v.i + 1 or not occasion_phrases_only(doc, v.i + 1, start, addressee=v.lemma in TELL):
        return None
    return start
