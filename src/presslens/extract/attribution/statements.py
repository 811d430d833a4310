"""Which cue clauses state a report at all.

A negated or declined verb with an indirect question ("did not say when …", "declined to say
whether …") and a cue inside an indirect question ("… when the government would respond to the
letter") state no statement (``unstated``; the speech profile drops them, the parc profile keeps
them as stances, as PolNeAR annotates them). A parenthetical or final speech clause ("…, the
minister said") opens with no subordinator and follows no semicolon (``bare_speech_clause``), and a
clause before a cue verb across a semicolon is not its content (``across_semicolon``). A verdict
("found Heppner guilty", ``verdict``), a conclusion ("the figures suggest …", ``inferred``), a
condition of the interview ("asked not to be named", ``asks_anonymity``) and a noun phrase that only
names a topic (``carries_content``) are no statement either.
"""

from __future__ import annotations

from spacy.symbols import AUX, VERB
from spacy.tokens import Token

from presslens.extract import cues
from presslens.extract.attribution.context import QUESTION_OPENER, SPEECH, WITHHOLDING, Context, CueLexicon
from presslens.lexicon import attribution as lexicon


def _withheld(ctx: Context, v: Token, a: int) -> bool:
    """Whether cue verb ``v`` says that something was not said: a negated or declined verb whose
    content is an indirect question ("did not say when the appeal would be filed", "declined to say
    whether …", "would not disclose how many …")."""
    if a < v.i or ctx.doc[a].lower_ not in QUESTION_OPENER:
        return False
    if any(c.dep_ == "neg" and c.i < v.i for c in v.children):
        return True
    h = v.head
    return v.dep_ == "xcomp" and h.lemma in WITHHOLDING and h.i < v.i


def _declines_to_say(v: Token) -> bool:
    """Whether ``v`` declines to answer a question: "declined to say whether it would appeal"."""
    if v.lemma not in WITHHOLDING:
        return False
    for x in v.rights:
        if x.dep_ == "xcomp" and x.lemma in SPEECH:
            if any(c.dep_ == "ccomp" and c.left_edge.lower_ in QUESTION_OPENER for c in x.rights):
                return True
    return False


def _declines_comment(v: Token) -> bool:
    """Whether ``v`` declines to comment at all: "declined to comment on the report", "refused to
    elaborate" (the outlets' annotators, unlike PolNeAR's, count no statement here)."""
    if v.dep_ == "xcomp" and v.head.lemma in WITHHOLDING and v.lemma_ in lexicon.NO_COMMENT:
        return True  # the cue "declined to comment on": "comment" heads it
    if v.lemma not in WITHHOLDING:
        return False
    return any(x.dep_ == "xcomp" and x.lemma_ in lexicon.NO_COMMENT for x in v.rights)


def _not_authorized(v: Token) -> bool:
    """Whether ``v`` is what someone may not do: "was not authorized to speak publicly about …"."""
    h = v.head
    return (
        v.dep_ == "xcomp"
        and h.lemma_ in lexicon.PERMISSION
        and any(c.dep_ == "neg" or c.lower_ in ("never", "not") for c in h.children)
    )


def unstated(ctx: Context, v: Token, comp: tuple[int, int, int, bool]) -> bool:
    """Whether cue verb ``v`` with complement ``comp`` reports no statement: it heads an indirect
    question, withholds one or declines to comment (``_asks``, ``_withheld``, ``_declines_comment``)."""
    return (
        _asks(v)
        or _declines_to_say(v)
        or _declines_comment(v)
        or _not_authorized(v)
        or (not comp[3] and _withheld(ctx, v, comp[0]))
    )


def _asks(v: Token) -> bool:
    """Whether cue verb ``v`` heads an indirect question, which states no act as made ("did not say
    when the government would respond to the letter", "asked whether she had told anyone")."""
    if v.dep_ not in ("ccomp", "xcomp"):
        return False
    return any(c.i < v.i and c.dep_ in ("advmod", "mark") and c.lower_ in QUESTION_OPENER for c in v.children)


def bare_speech_clause(ctx: Context, v: Token) -> bool:
    """Whether verb ``v`` can be a parenthetical or final speech clause ("…, the minister said").

    It opens with no subordinator ("…, days after a consortium agreed to …" is an adverbial clause)
    and does not follow a semicolon ("…; the family refused" is a sentence of its own).
    """
    for c in v.lefts:
        dep = c.dep_
        if (dep == "punct" and c.text == ";") or (dep in ("mark", "npadvmod") and c.lower_ != "as"):
            return False  # "…, as police have said" is a speech clause
        if dep == "advmod" and c.lower_ in QUESTION_OPENER:
            return False
    i = v.left_edge.i - 1
    return i < 0 or ctx.doc[i].text != ";"


def across_semicolon(ctx: Context, clause: Token, v: Token) -> bool:
    """Whether a clause before cue verb ``v`` ends before a semicolon or colon that separates it from
    ``v`` ("The province offered to buy the land; the family refused.", "READ MORE: Premier says …"),
    or a clause after ``v`` opens after a semicolon ("…, government says; Moscow calls for restraint")."""
    doc = ctx.doc
    if clause.i > v.i:
        return any(doc[k].text == ";" and ctx.inq[k] < 0 for k in range(v.i + 1, clause.left_edge.i))
    return any(doc[k].text in (";", ":") and ctx.inq[k] < 0 for k in range(clause.right_edge.i, v.i))


def verdict(ccomp: Token, lemma: int, lex: CueLexicon) -> bool:
    """Whether ``ccomp`` is a verbless small clause ("found Heppner guilty", "finds Clinton more
    palatable") or one about the subject itself ("found himself embroiled in …") of a verb that reports
    only clauses: a verdict, an evaluation or a situation, not speech. The parc profile keeps it (act
    "stance"), as PolNeAR annotates it."""
    if lex.parc or (lemma in lex.objects and ccomp.pos_ != "ADJ"):
        return False
    if any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_.endswith(("self", "selves")) for c in ccomp.children
    ):
        return True  # "found himself embroiled in controversy": a situation, not a statement
    if ccomp.pos_ not in ("ADJ", "NOUN"):
        return False
    deps = {c.dep_ for c in ccomp.children}
    if "mark" in deps or "nsubj" not in deps:
        return False  # "declared that torture works" (a misparse of "works") is a clause
    # "finds man guilty of murdering …": a verb inside the adjective's own phrase does not make it a clause
    inner = [t for c in ccomp.children if not (ccomp.pos_ == "ADJ" and c.dep_ == "prep") for t in c.subtree]
    return not any(t.pos in (VERB, AUX) or t.is_quote for t in inner + [ccomp])


def not_a_caller(v: Token, subj: Token | None, cue_last: int) -> bool:
    """Whether "calls for" (or another cue ending in "for") has a subject that requires or predicts
    rather than speaks: "the forecast calls for heavy rain", "the plan calls for 500 job cuts"."""
    if v.doc[cue_last].lower_ != "for":
        return False
    subjects = [c for c in v.children if c.dep_ == "nsubj"] + ([subj] if subj is not None else [])
    return any(s.lower_ in lexicon.NOT_CALLERS for s in subjects)  # the parser may give two subjects


def inferred(v: Token, subj: Token | None) -> bool:
    """Whether an inference verb ("suggest", "indicate") reports a conclusion rather than a speaker's words:
    a participle without a subject of its own, or a subject that is no one (not a person, group,
    organisation or pronoun)."""
    if v.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
        return True
    if subj is None:
        return True
    if subj.pos_ == "PRON" or subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return False
    lemma = subj.lemma_.lower()
    return not (lemma in cues.PERSON_ROLE_NOUNS or lemma in cues.ORG_ROLE_NOUNS or lemma in cues.GROUP_NOUNS)


def asks_anonymity(xcomp: Token) -> bool:
    """A negated passive infinitive ("not to be named", "not to be identified")."""
    deps = {c.dep_ for c in xcomp.children}
    return "neg" in deps and "auxpass" in deps


def carries_content(ctx: Context, a: int, b: int) -> bool:
    """Whether tokens a..b say something rather than name a topic: a predicate or a quotation inside.

    "announced plans to cut 500 jobs", "accused him of lying", "denied reports that he had resigned"
    carry content; "denied the existence of such a link", "confirmed the wedding" name what was
    talked about. The speech profile keeps a noun-phrase object only in the first case (PARC and
    PolNeAR annotate both, so the parc profile keeps both).
    """
    doc = ctx.doc
    return any(doc[i].pos_ in ("VERB", "AUX") or ctx.inq[i] >= 0 for i in range(a, b + 1))
