"""Token-level helpers over the dependency parse: subjects, mentions, cue spans, trimmed ranges."""

from __future__ import annotations

from spacy.symbols import AUX, NOUN, PRON, PROPN, PUNCT, SPACE, VERB
from spacy.tokens import Doc, Token

from presslens.extract import cues
from presslens.extract.attribution.context import DASHES, FRAME_NOUNS, LEADERS, SAY, SPEECH, Context
from presslens.extract.attribution.mentions import names_a_speaker
from presslens.lexicon import attribution as lexicon
from presslens.lexicon.quotes import CLOSE_DOUBLE, OPEN_DOUBLE, STRAIGHT_DOUBLE

# Dependencies that attach a subject to its verb.
_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Dependencies through which a verb without a subject of its own takes the one of its head.
_INHERIT_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "acl", "relcl", "ccomp", "prep"})

# ``cue_span``'s content start when no content follows the cue: a token index past any document.
NO_CONTENT_AFTER = 10**9

# Multi-word cues ("went on to argue", "pointed out") by their first word.
_PHRASES: dict[str, list[tuple[str, ...]]] = {}
for _phrase in cues.CUE_PHRASES:
    _PHRASES.setdefault(_phrase[0], []).append(_phrase)


def past_dateline(ctx: Context, subj: Token | None, verb: Token) -> Token | None:
    """Replace a subject that the parser found inside the dateline with the one after it."""
    end = ctx.dateline_end
    if subj is None or not end or subj.i >= end or verb.i <= end:
        return subj
    return np_head(ctx.doc, end, verb.i) or ctx.doc[verb.i - 1]


def trim(ctx: Context, a: int, b: int) -> tuple[int, int] | None:
    """Trim token range [a, b] (inclusive) of edge punctuation and spaces; return char offsets.

    A range that runs over the end of the wire dateline starts after it: "MOSCOW (Reuters) - " is
    never part of what was said.
    """
    doc = ctx.doc
    if a < ctx.dateline_end <= b:
        a = ctx.dateline_end
    while a <= b and (doc[a].pos in (PUNCT, SPACE) or doc[a].dep_ == "cc") and not opens_quote(ctx, a):
        a += 1
    while a <= b and (doc[b].pos in (PUNCT, SPACE) or doc[b].dep_ == "cc") and not closes_quote(ctx, b):
        b -= 1
    if a > b:
        return None
    return doc[a].idx, ctx.tok_end(b)


def opens_quote(ctx: Context, i: int) -> bool:
    """Whether token ``i`` is the opening mark of a quote."""
    q = ctx.inq[i]
    return q >= 0 and ctx.quotes[q].open_mark == ctx.doc[i].idx


def closes_quote(ctx: Context, i: int) -> bool:
    """Whether token ``i`` is the closing mark of a quote."""
    q = ctx.inq[i]
    return q >= 0 and ctx.quotes[q].close_mark == ctx.doc[i].idx


def _quoted_title(t: Token) -> bool:
    """Whether the phrase of ``t`` opens right after an opening quotation mark (one with a space or
    the text's start before it and none after it)."""
    i = t.left_edge.i
    doc = t.doc
    if i == 0 or not doc[i - 1].is_quote or doc[i - 1].whitespace_:
        return False
    return i == 1 or bool(doc[i - 2].whitespace_)


_DOUBLE_MARKS = frozenset(OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT_DOUBLE) | {"''", "``"}


def _quoted(t: Token) -> bool:
    """Whether token ``t`` lies inside double quotation marks in its sentence (an odd number before it)."""
    sent = t.sent
    return sum(1 for k in range(sent.start, t.i) if t.doc[k].text in _DOUBLE_MARKS) % 2 == 1


def _object_of_relative(far: Token, near: Token) -> bool:
    """Whether subject ``near`` is the object the parser took from ``far``'s relative clause: the clause
    ends right before ``near``'s phrase and its verb has no object."""
    for r in far.rights:
        if r.dep_ == "relcl" and r.right_edge.i + 1 == near.left_edge.i and near.i > far.i:
            return not any(c.dep_ in ("dobj", "attr", "ccomp") for c in r.children)
    return False


def _past_dateline(subj: Token) -> Token:
    """The subject after a dateline the parser took for it: "SUVA, Fiji — The Minister for Disaster
    Management, Josaia Naivalu, said": an all-capitals place opening its line, a dash within a few
    words, then the noun the parser hung on the dateline as an apposition."""
    doc = subj.doc
    if not (subj.is_upper and subj.is_alpha and len(subj) >= 3) or (
        subj.i and "\n" not in doc[subj.i - 1].text_with_ws
    ):
        return subj
    dash = next((t.i for t in doc[subj.i + 1 : subj.i + 8] if t.text in DASHES), None)
    if dash is None:
        return subj
    hung = (t for t in doc[dash + 1 : dash + 12] if t.pos in (NOUN, PROPN) and t.dep_ in ("appos", "conj"))
    after = next((t for t in hung if t.head.i < dash), None)
    return after if after is not None else subj


def subject(v: Token, depth: int = 0) -> Token | None:
    """The subject of verb ``v``: its own, or inherited from the clause it depends on."""
    # A parse that gives a verb two subjects (a heading run into the sentence: "The Latest: Trump
    # urges …", "THE BORROWING Back then, Mr. McKinley said") has the real one next to the verb.
    # A quoted title after the verb ('… said on Fox News's "Fox and Friends."') is no subject.
    own = sorted(
        (c for c in v.children if c.dep_ in _SUBJ_DEPS and not (c.i > v.i and _quoted_title(c))),
        key=lambda c: abs(v.i - c.i),
    )
    if len(own) > 1 and _object_of_relative(own[1], own[0]):
        own = [own[1]]  # "The company that makes the drug says …": "drug" is the relative clause's object
    if own:
        c = _past_dateline(own[0])
        if c.dep_ == "csubj" and c.tag_ == "VBG":
            # "Talking to APP, a senior official … said": the participle's apposition is the speaker
            appos = next(
                (t for t in c.subtree if t.dep_ == "appos" and v.doc[t.left_edge.i - 1].text == ","), None
            )
            if appos is not None:
                return appos
        if c.dep_ == "nsubjpass" and c.lower_ == "it":
            return None
        if c.dep_ == "nsubjpass":
            for d in v.children:
                if d.dep_ == "agent":
                    for p in d.children:
                        if p.dep_ == "pobj":
                            return p
        return c
    fronted = _subject_in_fronted_adjunct(v)
    if fronted is not None:
        return fronted
    before = v.doc[v.i - 1] if v.i > 0 else v
    if before.head.i == v.i and before.dep_ in ("advmod", "npadvmod") and before.pos == PROPN:
        return before  # "MEF president Tan Sri Lim Kok Wai said": the name taken for an adverb
    for (
        c
    ) in v.children:  # "Jeffrey Salkin, a Florida rabbi helping …, said": the apposition parsed as a clause
        if (
            c.dep_ == "ccomp"
            and c.i < v.i
            and c.pos in (NOUN, VERB)
            and v.doc[c.right_edge.i + 1].text == ","
        ):
            named = next(
                (
                    g
                    for g in c.children
                    if g.dep_ == "nsubj" and g.pos == PROPN and v.doc[g.i + 1].text == ","
                ),
                None,
            )
            if named is not None:
                return named
    if depth >= 5 or v.head.i == v.i:
        return None
    carrier = _participle_carrier(v)
    if carrier is not None:
        return subject(carrier, depth + 1)
    h = v.head
    if v.dep_ == "conj" and _quoted(h) and not _quoted(v):
        # 'called the attack "a signal that Moscow is not interested in peace" and urged allies …': the
        # parser hung "urged" on the quoted clause; the speaker is the subject outside the quotation
        outer = h
        while _quoted(outer) and outer.head.i != outer.i:
            outer = outer.head
        if not _quoted(outer):
            return subject(outer, depth + 1)
    if v.dep_ == "conj" and h.pos in (VERB, AUX):
        # "shares rose after the company reported growth and said …": the speaker of the clause between
        above = subject(h, depth + 1)
        if above is not None and not names_a_speaker(above):
            between = [c for c in h.children if c.dep_ == "advcl" and h.i < c.i < v.i]
            found = [s for c in between for s in c.children if s.dep_ == "nsubj" and names_a_speaker(s)]
            if found:
                return found[-1]
            speaker = _reporting_ancestor(h) if above.pos != PRON else None
            if speaker is not None and speaker.i < v.i:
                # "She said … lakes, of which 33 were considered prone …, and called upon …": the
                # parser hung "called" on the relative clause inside what she said
                return subject(speaker, depth + 1)
    if v.dep_ == "acl" and v.tag_ == "VBG" and h.lemma_ in lexicon.SPEAKING_OCCASIONS and h.dep_ == "pobj":
        verb = h.head.head  # "she said at a news conference announcing …": the speaker of "said"
        if verb.pos in (VERB, AUX) and verb.i != h.i:
            return subject(verb, depth + 1)
    if v.dep_ in ("relcl", "acl") and h.pos in (NOUN, PROPN, PRON):
        return h
    if v.dep_ in _INHERIT_DEPS:
        if (
            v.dep_ in ("advcl", "conj")
            and h.dep_ == "ccomp"
            and h.head.lemma in SPEECH
            and h.head.i < h.i < v.i
        ):
            if v.tag_ == "VBG" or v.dep_ == "conj":
                return subject(h.head, depth + 1)  # "X said Y, adding …" / "said Y and called Z": X
        if h.pos in (VERB, AUX):
            return subject(h, depth + 1)
        if h.dep_ in ("prep", "acomp") and h.head.pos in (VERB, AUX):
            return subject(h.head, depth + 1)
        outer = h.head.head
        if (
            v.dep_ == "pcomp"
            and v.tag_ == "VBG"
            and h.dep_ == "prep"
            and h.head.dep_ == "pobj"
            and outer.dep_ == "prep"
            and outer.head.pos in (VERB, AUX)
            and any(c.dep_ in ("ccomp", "xcomp") for c in v.children)
        ):
            # a gerund with a clause in a complex preposition: "In addition to stating that …, Clinton …"
            return subject(outer.head, depth + 1)
    return None


def _reporting_ancestor(t: Token) -> Token | None:
    """The speech verb whose reported clause holds ``t`` ("said" of "She said more lakes had formed,
    of which 33 were considered …"), or None."""
    below = t
    for above in t.ancestors:
        if above.lemma in SPEECH and above.pos in (VERB, AUX) and below.dep_ == "ccomp":
            return above
        below = above
    return None


def _subject_in_fronted_adjunct(v: Token) -> Token | None:
    """A subject the parser hung on a fronted adjunct, as an apposition or conjunct after a comma.

    "In a complaint filed in Superior Court, the Association argues …"; "In a panel discussion in
    Washington, Marc Morial, the chief executive of the League, forcefully told …".
    """
    doc = v.doc
    k = v.i - 1
    while k > 0 and doc[k].head.i == v.i and doc[k].dep_ in ("advmod", "punct"):
        k -= 1
    t, found = doc[k], None
    for _ in range(12):
        if t.i >= v.i or t.head.i == t.i or t.head.i > v.i:
            break
        comma = t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == ","
        if t.dep_ in ("appos", "conj") and comma and t.head.i < t.i and names_a_speaker(t):
            found = t
        t = t.head
    return found if found is not None and descends_from(found, v) else None


def _participle_carrier(v: Token) -> Token | None:
    """The verb whose subject speaks a comma-led participle hung deep in another clause.

    "told reporters the rate was right to keep inflation near 2 per cent, while cautioning that …":
    the reporting verb the clause is the content of ("told"); "signed a bill that bans phones,
    calling it a step …": the verb of the main clause, past the relative clause ("signed").
    """
    doc = v.doc
    before = doc[v.i - 1] if v.i else None
    if v.tag_ != "VBG" or before is None:
        return None
    if before.text != "," and not (
        before.lower_ in ("while", "before", "after") and before.i > 0 and doc[before.i - 1].text == ","
    ):
        return None
    node = v.head
    for _ in range(5):
        if any(c.dep_ == "nsubj" and c.lower_ in cues.RELATIVE_PRONOUNS for c in node.children):
            above = node.head if node.head.pos in (VERB, AUX) else node.head.head  # "a bill that bans …"
            return above if above.pos in (VERB, AUX) and above.i < v.i and above.i != node.i else None
        if node.dep_ == "ccomp" and node.head.lemma in SPEECH and node.head.i < v.i and node is not v.head:
            return node.head
        if node.dep_ == "relcl" and node.head.head.pos in (VERB, AUX) and node.head.head.i < v.i:
            return node.head.head
        if node.dep_ not in ("advcl", "xcomp", "conj") or node.head.i == node.i:
            return None
        node = node.head
    return None


def says_nothing(ctx: Context, v: Token, a: int, b: int, prep: bool) -> bool:
    """Whether cue verb ``v`` with the noun-phrase content tokens a..b reports no statement.

    A negated verb ("did not respond to a request for comment") or a participial adjunct before its
    clause with a prepositional content (``prep``: "Speaking to reporters on Parliament Hill,
    Carney said …") says nothing unless the content holds a clause or a quotation; a predicate
    ("did not call it a disaster") counts, and so does an adjunct's object ("Lamenting their luck, …").
    """
    children = list(v.children)
    if any(c.dep_ == "oprd" for c in children):
        return False
    negated = any(c.dep_ == "neg" for c in children)
    adjunct = (
        prep
        and v.tag_ == "VBG"
        and v.dep_ == "advcl"
        and v.i < v.head.i
        and not any(c.dep_ in _SUBJ_DEPS for c in children)
    )
    if not (negated or adjunct):
        return False
    doc = ctx.doc
    return not any(doc[i].pos in (VERB, AUX) or ctx.inq[i] >= 0 for i in range(a, b + 1))


def that_clause_in_prep(v: Token) -> tuple[int, int] | None:
    """Token range of a that-clause the parser hung on a noun after cue verb ``v``.

    "told reporters at the emergency centre that crews were on their way", "said at a briefing that
    Moscow had sent a note": the clause is parsed as a relative clause of "centre" or "briefing", but
    "that" is its complementiser (the parser may even make it the clause's object) and the clause has
    a subject of its own, so it is what was said.
    """
    for c in v.rights:
        if c.dep_ != "prep":
            continue
        for r in c.subtree:
            first = r.left_edge
            if (
                r.dep_ == "relcl"
                and first.lower_ == "that"
                and first.head.i == r.i
                and (
                    first.dep_ == "mark"
                    or first.tag_ == "IN"
                    or (first.dep_ == "dobj" and (_other_object(r, first) or _frame(r.head)))
                )
                and any(s.dep_ in _SUBJ_DEPS and s.i > first.i for s in r.children)
            ):
                return first.i, r.right_edge.i
    return None


def _frame(noun: Token) -> bool:
    """Whether ``noun`` is the object of a preposition and names a medium of speech ("in a news
    release", "at a briefing"): a "that" after it opens what was said there."""
    return noun.lemma in FRAME_NOUNS and noun.dep_ == "pobj"


def _other_object(verb: Token, that: Token) -> bool:
    """Whether ``verb`` has an object or complement besides ``that``: then "that" cannot be its
    relative object ("… a briefing that Moscow had sent a note", not "… a briefing that Moscow held")."""
    return any(
        c.i != that.i and c.dep_ in ("dobj", "attr", "acomp", "oprd", "ccomp", "xcomp", "auxpass")
        for c in verb.children
    )


def np_head(doc: Doc, a: int, b: int) -> Token | None:
    """Head of the noun phrase starting at token ``a`` (not going past token ``b``)."""
    t = doc[a]
    if t.pos not in (PROPN, NOUN, PRON) and not (
        t.pos == AUX or t.dep_ in ("det", "compound", "amod", "poss")
    ):
        return None
    for _ in range(6):
        h = t.head
        if h.i == t.i or h.i >= b or h.i < a or h.pos not in (PROPN, NOUN, PRON):
            break
        t = h
    return t if t.pos in (PROPN, NOUN, PRON) else None


def descends_from(t: Token, v: Token) -> bool:
    """Whether ``t`` is ``v`` or lies below it in the parse (up to eight steps up)."""
    for _ in range(8):
        if t.i == v.i:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def clip_paragraph(ctx: Context, anchor: int, a: int, b: int) -> tuple[int, int]:
    """Clip token range [a, b] to the paragraph of token ``anchor`` (parses can run across them)."""
    para = ctx.para
    p = para[anchor]
    while a <= b and para[a] != p:
        a += 1
    while b >= a and para[b] != p:
        b -= 1
    return a, b


def paragraph_span(ctx: Context, anchor: int, a: int, b: int) -> tuple[int, int] | None:
    """The character span of token range [a, b] clipped to ``anchor``'s paragraph and trimmed, or None."""
    a, b = clip_paragraph(ctx, anchor, a, b)
    return trim(ctx, a, b) if a <= b else None


def cue_span(ctx: Context, v: Token, content_start_tok: int) -> tuple[int, int, Token]:
    """Character span of the cue around verb ``v`` and the token that carries the subject."""
    a = b = v.i
    carrier = v
    h = v.head
    # "went on to argue", "continued to insist", "declined to say"
    if v.dep_ in ("xcomp", "advcl") and h.i < v.i and h.lemma in LEADERS and v.i - h.i <= 4:
        a = h.i
        carrier = h
    for c in v.rights:
        if c.i >= content_start_tok:
            break
        lemma = c.lemma_
        if c.dep_ == "prt" or (c.dep_ in ("acomp", "oprd", "ccomp") and lemma in lexicon.CLEAR):
            b = max(b, c.i)
        elif c.dep_ in ("dative", "dobj") and v.lemma in SAY and c.left_edge.i == b + 1 and c.i - b <= 4:
            b = max(b, c.right_edge.i)  # "told reporters", "told the BBC"
        elif c.dep_ == "prep" and c.i == b + 1 and c.lower_ in ("in", "during", "on", "via", "through"):
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma in FRAME_NOUNS:
                b = max(b, pobj.i)  # "said in a statement" (not "… on Friday")
    b = max(b, _phrase_end(ctx.doc, a))
    b = min(b, content_start_tok - 1) if content_start_tok > v.i else b
    b = max(b, v.i)
    return ctx.doc[a].idx, ctx.tok_end(b), carrier


def _phrase_end(doc: Doc, a: int) -> int:
    """Last token of the longest multi-word cue of the lexicon that starts at token ``a``, else ``a``."""
    best = a
    for phrase in _PHRASES.get(doc[a].lower_, ()):
        end = a + len(phrase) - 1
        if end < len(doc) and all(doc[a + k].lower_ == w for k, w in enumerate(phrase)):
            best = max(best, end)
    return best


def occasion_phrases_only(doc: Doc, lo: int, hi: int, addressee: bool = False) -> bool:
    """Whether tokens ``lo`` … ``hi - 1`` are only phrases of time, place or occasion and commas ("after
    the vote", "on Tuesday", "earlier"), and an addressee's object when ``addressee`` ("told reporters")."""
    i = lo
    while i < hi:
        t = doc[i]
        whole = t.right_edge.i < hi and t.left_edge.i >= lo
        if t.pos in (PUNCT, SPACE):
            i += 1
        elif whole and (
            (t.dep_ == "prep" and t.lower_ in lexicon.OCCASION_PREPOSITIONS)
            or (t.dep_ in ("npadvmod", "advmod") and t.tag_ not in WH_TAGS)
            or (addressee and t.dep_ in ("dobj", "dative"))
        ):
            i = t.right_edge.i + 1
        else:
            return False
    return True


def opens_own_subject(doc: Doc, a: int) -> bool:
    """Whether token ``a`` starts the subject of a later verb, a subject that is no question word."""
    return any(
        s.dep_ in ("nsubj", "nsubjpass") and s.left_edge.i == a and s.head.i > s.i and s.tag_ not in WH_TAGS
        for s in doc[a : a + 8]
    )


WH_TAGS = frozenset({"WRB", "WDT", "WP", "WP$"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})  # a finite verb or modal
