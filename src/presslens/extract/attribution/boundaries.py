"""Where an indirect content starts and ends around its cue verb.

The parse gives the complement's subtree; these helpers trim it to what was reported. The start
moves past adjuncts that date or place the saying ("said on Monday her government …", "told
reporters at the centre that …"); the end stops before what the writer adds: a trailing speech
participle that reports again (", adding …", ", while cautioning that …"), a coordinated second
speech act ("… but did not say …"), a comma-led clause with its own subject or a non-restrictive
relative clause. A speech clause inside its content (``…, he said, …``) is cut out by ``clause_minus``.
"""

from __future__ import annotations

from spacy.symbols import PUNCT, SPACE, VERB
from spacy.tokens import Doc, Token

from presslens.extract.attribution.context import PARTICIPLE_LINK, SPEECH_LEXICON, WITHHOLDING, Context
from presslens.extract.attribution.syntax import occasion_phrases_only, opens_own_subject, trim
from presslens.lexicon import attribution as lexicon


def clause_end(v: Token, a: int) -> int:
    """Last token of the clause of cue verb ``v`` after token ``a``, leaving out coordinated verbs."""
    end = a
    for c in v.rights:
        if c.i < a:
            continue
        if c.dep_ == "cc" and _that_clause_after(v, c.i):
            continue  # "believes there are no good options, but that …": the parser hung the clause on the verb
        if c.dep_ == "conj" and c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark":
            end = max(end, c.right_edge.i)
            continue
        if c.dep_ in ("conj", "cc") and _quoted_conjunct(_conj_verb(v, c.i - 1)):
            end = max(end, c.right_edge.i)  # 'say they are relieved but "nothing will bring her back"'
            continue
        if c.dep_ in ("conj", "cc") and _noun_conjunct(v, c.i - 1):
            end = max(end, c.right_edge.i)  # 'said the plan contained "good ideas" but no guarantee …'
            continue
        if c.dep_ in ("conj", "cc") and _infinitive_conjunct(_conj_verb(v, c.i - 1), a, v):
            end = max(end, c.right_edge.i)  # "asked localities to set up checkpoints, disinfect …"
            continue
        if v.tag_ == "VBD" and c.dep_ in ("conj", "cc") and _backshifted(_conj_verb(v, c.i - 1)):
            end = max(end, c.right_edge.i)  # "said it was sorry and had sent teams": still reported
            continue
        if c.dep_ in ("conj", "cc") or (c.dep_ == "punct" and c.text in (";", "--", "—")):
            break
        if c.dep_ == "ccomp" and c.lemma in WITHHOLDING and v.doc[c.left_edge.i - 1].dep_ == "cc":
            break  # "said Ottawa was supportive but declined to comment": the speaker's refusal
        if c.dep_ != "punct":
            end = max(end, c.right_edge.i)
    return end


def _that_clause_after(v: Token, i: int) -> bool:
    """Whether the first conjunct of ``v`` after token ``i`` opens with "that" (a second reported clause)."""
    conj = next((c for c in v.rights if c.dep_ == "conj" and c.i > i), None)
    return conj is not None and conj.left_edge.lower_ == "that" and conj.left_edge.dep_ == "mark"


def cut_trailing_cue(ctx: Context, a: int, b: int) -> int:
    """End the content before a trailing ``, adding …`` / ``, saying …`` participle (its own attribution)."""
    doc = ctx.doc
    for i in range(a + 2, b + 1):
        t = doc[i]
        if t.tag_ == "VBG" and t.lemma in ctx.lex.verbs and doc[i - 1].text == "," and ctx.inq[i] < 0:
            if t.right_edge.i >= b - 1:
                return i - 2
    return b


def cut_trailing_clause(ctx: Context, a: int, b: int) -> int:
    """End the content before a comma-led clause that adds the reporter's own words.

    ``…, and three-quarters said …`` (a coordinated report with its own speaker) and
    ``…, which forced …`` (a non-restrictive relative clause at the end) are not part of what was said.
    """
    doc = ctx.doc
    for i in range(a + 3, b):
        t = doc[i]
        if _second_report(ctx, t):
            # '"We will not give up," noting that …', '…, while cautioning that …': it reports again
            return i - 2 if doc[i - 1].lower_ in PARTICIPLE_LINK else i - 1
        if t.dep_ == "cc" and t.lower_ in ("and", "but") and ctx.inq[i] < 0:
            nxt = _past_auxiliaries(doc, i + 1, b)
            if (
                nxt.dep_ == "conj"
                and not _backshifted(nxt)
                and not _infinitive_conjunct(nxt, a)
                and nxt.lemma in SPEECH_LEXICON.verbs
                and nxt.pos == VERB
                and not any(c.dep_ == "nsubj" for c in nxt.children)
            ):
                # "… and called the field 'unheard of'": a second speech act (in either profile: "… and
                # could seek repayment" goes on)
                return i - 1
            if _named_speaker_after(ctx, i, b):
                return i - 1  # "… mishandled the investigation and Democrats accused the GOP of …": another speaker
        if _writers_relative(ctx, t, b):
            return i - 1  # '…, which slowed to 4.9%, the weakest pace …', '"…," which at 2.8% remains …'
        if _writers_apposition(ctx, i, b):
            return i - 1  # "…, a charge that party leaders denied", '… "racist," an extraordinary indictment'
        if t.text != "," or ctx.inq[i] >= 0:
            continue
        nxt = doc[i + 1]
        if nxt.dep_ == "cc" and i + 2 <= b:
            verb = nxt.head
            if doc[i + 2].lower_ in lexicon.CORRECTION:
                continue  # "…, but rather that it would cut them": the same statement goes on
            conj = _conj_verb(verb, i)
            if (
                nxt.lower_ in ("and", "but")
                and conj is not None
                and any(c.dep_ in ("nsubj", "nsubjpass") and c.i > i for c in conj.children)
                and not _reported_too(ctx, conj, i)
                and not _backshifted(conj, own_subject=True)
            ):
                return i - 1  # "…, and three-quarters said …", "…, and the council approved it"
        elif nxt.lower_ in ("which", "whom", "who") and (
            nxt.head.right_edge.i >= b - 1 or _apposition_to_end(doc, nxt.head.right_edge.i + 1, b)
        ):
            return i - 1  # "…, which forced …"; "…, which slowed to 4.9%, the weakest pace in two years"
        elif nxt.dep_ == "mark" and _speech_clause(ctx, nxt.head):
            return i - 1  # "…, while the Welsh Conservatives called for …": a second speaker's report
        elif nxt.lower_ in lexicon.TAIL_MARKERS or _appositive_tail(nxt, b) or _according_to(doc, i + 1):
            return i - 1  # "…, according to an email obtained by …" is an attribution of its own
    return b


_APPOSITION_MARKS = frozenset({",", "—", "--", "–", "-"})


def _writers_relative(ctx: Context, t: Token, b: int) -> bool:
    """Whether relative pronoun ``t`` opens, right after a quotation closed by a comma, a
    non-restrictive relative clause that ends the content at ``b`` (or is followed only by a noun
    phrase in apposition): the writer's gloss on the quoted words ('"…about inflation," which at 2.8%
    remains within the target range'). After a plain comma ``cut_trailing_clause`` reads it itself."""
    doc = ctx.doc
    i = t.i
    if t.lower_ not in ("which", "who", "whom") or ctx.inq[i] >= 0 or t.head.dep_ != "relcl" or i < 2:
        return False
    before = doc[i - 1]
    if not (before.is_quote and ctx.inq[i - 1] >= 0 and doc[i - 2].text == ","):
        return False
    end = t.head.right_edge.i
    return end >= b - 1 or _apposition_to_end(doc, end + 1, b)


def _apposition_to_end(doc: Doc, k: int, b: int) -> bool:
    """Whether tokens ``k``..``b`` are a comma and a verbless noun phrase ("…, the weakest pace in two years")."""
    if k >= b or doc[k].text != "," or doc[k + 1].pos_ != "DET":
        return False
    return not any(x.pos_ in ("VERB", "AUX") for x in doc[k + 1 : b + 1])


def _writers_apposition(ctx: Context, i: int, b: int) -> bool:
    """Whether a comma or dash at token ``i`` (or a closing quotation mark right after a comma) opens an
    indefinite noun phrase that runs to the content's end ``b`` and is no subject: the writer's
    comment on the statement ("…, a charge that party leaders denied", "… — a proposal he has raised")."""
    doc = ctx.doc
    t = doc[i]
    if t.text in _APPOSITION_MARKS:
        if ctx.inq[i] >= 0:
            return False
    elif not (
        t.is_quote
        and doc[i - 1].text == ","
        and ctx.inq[i] >= 0
        and ctx.quotes[ctx.inq[i]].close_mark == t.idx
    ):
        return False
    det = doc[i + 1]
    if det.lower_ == "one" and i + 2 <= b and doc[i + 2].lower_ == "of":
        return (
            det.dep_ not in ("nsubj", "nsubjpass") and det.right_edge.i >= b - 1
        )  # "…, one of the jury's …"
    if det.lower_ not in ("a", "an") or det.dep_ != "det":
        return False
    head = det.head
    return (
        head.i > det.i
        and head.pos_ == "NOUN"
        and head.dep_ not in ("nsubj", "nsubjpass", "conj", "attr")
        and head.right_edge.i >= b - 1
    )


def _according_to(doc: Doc, i: int) -> bool:
    """Whether tokens ``i`` and ``i + 1`` read "according to"."""
    return i + 1 < len(doc) and doc[i].lower_ == "according" and doc[i + 1].lower_ == "to"


def _appositive_tail(t: Token, b: int) -> bool:
    """Whether a comma-led noun phrase starting at ``t`` and running to the content's end ``b`` is the
    writer's apposition to the clause before it ("…, a move that could trigger …", "…, a charge
    that party leaders denied")."""
    head = t.head
    return (
        t.dep_ == "det"
        and t.lower_ in ("a", "an")
        and head.dep_ == "appos"
        and head.head.i < t.i
        and head.right_edge.i >= b - 1
    )


def _second_report(ctx: Context, t: Token) -> bool:
    """A speech participle after a comma or a closing quote mark ("…," noting that …", "…, adding …")."""
    if (
        t.tag_ != "VBG"
        or t.lemma not in ctx.lex.verbs
        or ctx.inq[t.i] >= 0
        or t.dep_ not in ("advcl", "xcomp", "conj")
    ):
        return False
    before = ctx.doc[t.i - 1]
    if before.lower_ in PARTICIPLE_LINK and t.i >= 2 and ctx.doc[t.i - 2].text == ",":
        return True  # "…, while cautioning that …"
    return before.text == "," or (ctx.inq[t.i - 1] >= 0 and before.is_quote)


def _named_speaker_after(ctx: Context, i: int, b: int) -> bool:
    """Whether the conjunction at ``i`` opens a clause whose subject, a noun phrase, speaks in the past
    or present tense ("and Democrats accused …", "but the company said …"), however the parser hung it."""
    doc = ctx.doc
    k = i + 1
    while k < b and k - i <= 4 and doc[k].pos_ in ("DET", "ADJ", "PROPN", "NOUN") and ctx.inq[k] < 0:
        k += 1
    verb = doc[k] if k < b else None
    return (
        verb is not None and k > i + 1 and doc[k - 1].pos_ in ("PROPN", "NOUN") and verb.tag_ in ("VBD", "VBZ")
        and verb.lemma in SPEECH_LEXICON.verbs and ctx.inq[k] < 0
    )


def _speech_clause(ctx: Context, v: Token) -> bool:
    """Whether ``v`` is a speech verb with a subject of its own outside quotes (a statement of its own)."""
    return (
        v.pos == VERB
        and v.lemma in SPEECH_LEXICON.verbs
        and ctx.inq[v.i] < 0
        and any(c.dep_ == "nsubj" and c.i < v.i for c in v.children)
    )


def _past_auxiliaries(doc: Doc, i: int, b: int) -> Token:
    """Token ``i``, or the first token up to ``b`` after the auxiliaries, negation and adverbs it opens
    ("… but did not say …" gives "say")."""
    while i < b and doc[i].dep_ in ("aux", "neg", "advmod") and doc[i].head.i > i:
        i += 1
    return doc[i]


def skip_time_adjunct(ctx: Context, a: int, b: int) -> int:
    """Start the content after a date or time adjunct the parser put inside the complement.

    "said on Monday her government would not collect …": "on Monday" dates the saying. Only a
    prepositional phrase or noun of time right at the start of a clause without "that".
    """
    doc = ctx.doc
    t = doc[a]
    if t.dep_ not in ("prep", "npadvmod") or t.head.i <= t.i:
        return a
    end = t.right_edge.i
    if end >= b or any(
        x.ent_type_ not in ("DATE", "TIME") for x in t.subtree if x.i != t.i or t.dep_ != "prep"
    ):
        return a
    nxt = end + 1
    while nxt < b and doc[nxt].text == ",":
        nxt += 1
    return nxt


def _reported_too(ctx: Context, conj: Token, comma: int) -> bool:
    """Whether a clause coordinated after ``comma`` goes on with what was said: it opens with its own
    "that" ("…, and that at least one attempt succeeded") or holds a quotation ("…, and “we're going
    to get away from” it")."""
    a, b = comma + 1, conj.right_edge.i
    return any(
        (t.lower_ == "that" and t.dep_ == "mark" and t.head.i == conj.i) or ctx.inq[t.i] >= 0
        for t in ctx.doc[a : b + 1]
    )


def _quoted_conjunct(conj: Token | None) -> bool:
    """Whether a clause coordinated to the cue verb opens with a quotation mark and has a subject of
    its own: the speaker's words go on ('… relieved but "nothing will bring her back"')."""
    if conj is None or conj.dep_ != "conj":
        return False
    first = conj.left_edge
    return first.is_quote and any(c.dep_ in ("nsubj", "nsubjpass") and c.i < conj.i for c in conj.children)


def _backshifted(conj: Token | None, own_subject: bool = False) -> bool:
    """Whether a coordinated verb (without a subject of its own unless ``own_subject``) is in the past
    perfect or a past modal ("… and had sent teams", "…, and the police had recovered phones"): the
    tenses of reported speech."""
    if conj is None or conj.dep_ != "conj":
        return False
    if not own_subject and any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
        return False
    if any(c.dep_ == "aux" and c.lower_ in ("had", "would", "could") and c.i < conj.i for c in conj.children):
        return True
    # "would review the recommendations and respond within six months": the modal is shared
    return (
        not own_subject
        and conj.tag_ == "VB"
        and any(c.dep_ == "aux" and c.tag_ == "MD" and c.i < conj.head.i for c in conj.head.children)
    )


def _noun_conjunct(v: Token, after: int) -> bool:
    """Whether the next conjunct of verb ``v`` after token ``after`` is a noun: no act of the speaker
    but the parser's misreading of a noun coordinated inside the content ("said the plan contained
    'good ideas' but no guarantee they would be carried out")."""
    conj = _conj_verb(v, after)
    return conj is not None and conj.pos_ in ("NOUN", "PROPN") and conj.i > v.i


def _infinitive_conjunct(conj: Token | None, a: int, cue: Token | None = None) -> bool:
    """Whether a bare verb coordinated after the content's start ``a`` goes on with an infinitive
    content: its head is an infinitive inside the content ("to keep windows closed and to call 911"),
    or, when the parser hung it on the ``cue`` verb, the content opens an infinitive and the cue is
    no bare verb itself ("asked localities to set up checkpoints, disinfect areas and …")."""
    if conj is None or conj.dep_ != "conj" or conj.tag_ not in ("VB", "VBP"):
        return False  # (the tagger often reads a bare verb after "and" as VBP)
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
        return False
    head = conj.head
    if cue is not None:
        return head.i == cue.i and cue.tag_ != "VB" and _opens_infinitive(conj.doc, a, conj.i)
    while head.dep_ == "conj" and head.tag_ in ("VB", "VBP"):
        head = head.head  # "to keep windows closed, stay indoors and call 911"
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
    return head.i >= a and head.tag_ == "VB" and to


def _opens_infinitive(doc: Doc, a: int, b: int) -> bool:
    """Whether an infinitive's "to" comes between tokens ``a`` and ``b`` (its verb's addressee may come first)."""
    return any(t.lower_ == "to" and t.dep_ == "aux" and t.head.tag_ == "VB" for t in doc[a:b])


def _conj_verb(head: Token, after: int) -> Token | None:
    """The clause coordinated to ``head`` after token ``after``."""
    for c in head.rights:
        if c.dep_ == "conj" and c.i > after:
            return c
    return None


def pull_content_start(ctx: Context, first: int, a: int) -> int:
    """Start the content right after the cue unless only adjuncts (dates, adverbs) come between.

    Guards against parses that hang the subject of the complement on the cue verb
    ("said about half of the adjustment reflected …").
    """
    doc = ctx.doc
    if doc[a].lower_ in ("that", "whether") and doc[a].head.i > a:
        # "told reporters at the centre that crews …", "said in an e-mail that the company …" (even when
        # the parser took "that" for an object), "was asked at a news conference whether …": the
        # clause opens with its own "that" or "whether"
        return a
    if opens_own_subject(doc, a) and occasion_phrases_only(doc, first, a):
        return a  # "said during the hearing the company had …": the clause opens with a subject of its own
    i = first
    while i < a:
        t = doc[i]
        if t.pos in (PUNCT, SPACE) or t.dep_ in ("advmod", "neg", "prt", "mark"):
            i += 1
            continue
        if t.dep_ in ("prep", "npadvmod", "dative", "dobj") or t.head.dep_ in ("prep", "npadvmod"):
            sub = t.subtree
            if any(
                x.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC", "ORG", "PERSON", "NORP") for x in sub
            ):
                i = t.right_edge.i + 1
                continue
            if t.dep_ in ("dative", "dobj"):
                i = t.right_edge.i + 1
                continue
        return i if i < a else a
    return a


def clause_minus(ctx: Context, clause: Token, cut_a: int, cut_b: int) -> tuple[int, int] | None:
    """Content of ``clause`` with the token range [cut_a, cut_b] (the speech clause) taken out."""
    a, b = clause.left_edge.i, clause.right_edge.i
    sent = clause.sent
    a, b = max(a, sent.start), min(b, sent.end - 1)
    before = trim(ctx, a, cut_a - 1) if cut_a > a else None
    after = trim(ctx, cut_b + 1, b) if cut_b < b else None
    if before and after:
        return before[0], after[1]
    return before or after
