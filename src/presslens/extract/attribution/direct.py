"""Direct quotes tied to an adjacent speech clause, and the quote tests the other passes share.

The speech clause comes after the quote (``"…," he said``, ``"…," said Merkel``) or before it
(``Merkel said: "…"``, ``he told reporters, "…"``), in the spirit of textacy's direct-quotation triples
but checked in the dependency parse; ``"Part one," he said, "part two."`` gives two attributions that
share one cue. Quotes signed with a dash (``"…" ― Name``) and introduced by a ``Name:`` label count
too. Short, verbless quotes without a clause (scare quotes, titles, nicknames) are not attributions;
longer ones are left for ``continuations``.
"""

from __future__ import annotations

from spacy.symbols import AUX, NOUN, PROPN, PUNCT, SPACE, VERB
from spacy.tokens import Doc, Token

from presslens.extract.attribution.context import (
    BELIEF,
    DASHES,
    LABEL_VERBS,
    SPEECH,
    Candidate,
    Context,
    Rank,
)
from presslens.extract.attribution.headlines import quote_headline
from presslens.extract.attribution.mentions import mention
from presslens.extract.attribution.syntax import (
    NO_CONTENT_AFTER,
    clip_paragraph,
    cue_span,
    descends_from,
    np_head,
    opens_quote,
    past_dateline,
    subject,
    trim,
)
from presslens.lexicon import attribution as lexicon
from presslens.lexicon import pronouns

# Relative pronouns that open a clause about the words before them ("that" may open a reported clause).
_RELATIVE_PRONOUNS = pronouns.RELATIVE_PRONOUNS - {"that"}
# Punctuation that may stand between a quote and its speech clause.
_CLAUSE_PUNCT = frozenset({",", ":", "—", "–", "-", ";"})


def _is_cue_verb(t: Token) -> bool:
    """Whether ``t`` is a speech or belief verb heading a clause (not a modifier: "the reported deal")."""
    return (
        t.pos in (VERB, AUX)
        and (t.lemma in SPEECH or t.lemma in BELIEF)
        and t.dep_ not in ("amod", "compound")
    )


def _cue_after(ctx: Context, qi: int) -> tuple[Token | None, Token | None]:
    """A speech verb after quote ``qi`` (``"…," he said`` / ``"…," said the minister``).

    Returns the verb and, for parses that hang the speaker elsewhere, the head of the first noun
    phrase between the quote and the verb (a fallback subject).
    """
    q = ctx.quotes[qi]
    if q.close_mark < 0:
        return None, None
    doc = ctx.doc
    i = ctx.tok_at(q.close_mark) + 1
    n = len(doc)
    last = ctx.text[q.start : q.end].rstrip()[-1:]
    if last == "." or (last in "!?" and i < n and doc[i].text[:1].isupper() and doc[i].pos != PROPN):
        return None, None  # '"We won." He said …' starts a new sentence
    while i < n and doc[i].text in _CLAUSE_PUNCT:
        i += 1
    start = i
    relative = False
    while i < n and i - start < 40:
        t = doc[i]
        if (t.pos == SPACE and "\n" in t.text) or t.text in (".", "!", "?", ";", ":"):
            return None, None
        if i == start and (t.pos == PUNCT or ctx.inq[i] >= 0 or t.dep_ in ("cc", "mark", "prep", "advmod")):
            return None, None
        if _is_cue_verb(t) and t.tag_ != "VBG" and not (t.tag_ == "VBN" and t.dep_ == "acl"):
            # ('"grateful for the confidence" shown by the government': a participle, no speech clause)
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
                return None, None  # 'was "in no hurry" to conclude a deal': an infinitive is no speech clause
            if _reports_after(ctx, t) and not (last == "," and _opens_sentence(ctx, qi)):
                return None, None  # 'on Fox News's "Sunday Morning Futures," Issa said Clinton's …': a title
            if any(doc[j].dep_ == "cc" and doc[j].head.i != t.i and not _joins_relative(doc, j) for j in range(start, i)):
                # 'made a "fair" offer and urged the union to …': a second act, not the quote's speaker
                return None, None
            if all(descends_from(doc[j], t) for j in range(start, i)):
                # the words between are the speaker, unless the parser hung them inside the quote ('"…
                # planes," the organisation's director, Yohannes Gebremedhin, told …': no subject of "told")
                return t, np_head(doc, start, i) if start < i else None
            head = np_head(doc, start, i)
            return (t, head) if head is not None else (None, None)
        if t.tag_ in ("VBD", "VBZ", "VBP", "MD") and not relative and t.dep_ != "relcl":
            return None, None
        if t.lower_ in _RELATIVE_PRONOUNS:
            relative = True
        if t.dep_ == "mark" and last not in ",!?":
            return None, None  # 'had "sleepwalked into" the dispute, while the Conservatives called …'
        i += 1
    return None, None


def _joins_relative(doc: Doc, cc: int) -> bool:
    """Whether the conjunction at ``cc`` joins a relative clause to the speaker's description ('"…,"
    Marguerite Olsen-Baptiste, the director at the centre and who also appeared in the film, told …')."""
    return cc + 1 < len(doc) and doc[cc + 1].lower_ in _RELATIVE_PRONOUNS


def _opens_sentence(ctx: Context, qi: int) -> bool:
    """Whether quote ``qi`` opens its sentence or paragraph: '"…," Mr. Obama told the lawmakers and
    millions watching …' is the statement even when the parser gives the verb a clause of its own."""
    doc = ctx.doc
    i = ctx.tok_at(ctx.quotes[qi].open_mark) - 1
    while i >= 0 and doc[i].pos == PUNCT and doc[i].text not in (".", "!", "?", ":"):
        i -= 1
    return i < 0 or doc[i].pos == SPACE or doc[i].text in (".", "!", "?")


def _reports_after(ctx: Context, v: Token) -> bool:
    """Whether speech verb ``v`` has its own unquoted clause after it ("… Issa said Clinton's judgment
    is in question") or a colon and a quote ('on "CBS This Morning," Sanders said: "…"'), so a quote
    before it is not what it reports."""
    doc = ctx.doc
    end = max([v.i] + [c.right_edge.i for c in v.rights if c.dep_ in ("dative", "dobj", "npadvmod")])
    if end + 2 < len(doc) and doc[end + 1].text == ":" and opens_quote(ctx, end + 2):
        return True
    for c in v.rights:
        if c.dep_ == "ccomp" and ctx.inq[c.left_edge.i] < 0:
            first = c.left_edge.i
            if first > 0 and (ctx.doc[first - 1].is_quote or ctx.doc[first - 1].text == ","):
                continue  # '… told Stumpf, after he admitted …': an adjunct the parser took for a clause
            return True
    return False


# How long a speech clause between the two halves of a split quote may be (tokens).
SPLIT_CLAUSE_TOKENS = 20


def _splits_a_quote(ctx: Context, qi: int, punct_i: int) -> bool:
    """Whether quote ``qi`` goes on a sentence that a quote ending in a comma began just before the
    speech clause at ``punct_i``: it opens in lower case and the previous quote closes within
    ``SPLIT_CLAUSE_TOKENS`` tokens before."""
    q = ctx.quotes[qi]
    first = ctx.text[q.start : q.start + 1]
    if not first.islower() or qi == 0:
        return False
    before = ctx.quotes[qi - 1]
    if before.close_mark < 0 or not ctx.text[before.start : before.end].rstrip().endswith(","):
        return False
    return 0 < punct_i - ctx.tok_at(before.close_mark) <= SPLIT_CLAUSE_TOKENS


def _cue_before(ctx: Context, qi: int) -> tuple[Token | None, int]:
    """A speech verb (or a ``Name:`` label) right before quote ``qi``; returns (verb, colon token)."""
    q = ctx.quotes[qi]
    doc = ctx.doc
    i = ctx.tok_at(q.open_mark) - 1
    while i >= 0 and doc[i].pos == SPACE:
        i -= 1
    if i < 0:
        return None, -1
    prev = doc[i]
    if _is_cue_verb(prev):
        if prev.lemma in LABEL_VERBS or prev.dep_ in ("relcl", "acl", "pcomp", "amod"):
            return None, -1  # 'what she calls "real solutions"' is a label, not a quotation
        return prev, -1
    if prev.text not in (":", ","):
        if prev.lower_ == "that" and i > 0 and _is_cue_verb(doc[i - 1]):
            return doc[i - 1], -1
        return None, -1
    punct_i = i
    limit = 14 if prev.text == ":" else 6
    if prev.text == "," and _splits_a_quote(ctx, qi, punct_i):
        limit = SPLIT_CLAUSE_TOKENS  # '"What I believe," former Secretary Arne Duncan told the Times in 2012, "is that …"'

    j = i - 1
    while j >= 0 and punct_i - j <= limit:
        t = doc[j]
        if t.pos == SPACE and "\n" in t.text or ctx.inq[j] >= 0:
            break
        if t.text in (".", "!", "?", ";"):
            break
        if _is_cue_verb(t) and all(descends_from(doc[k], t) for k in range(j + 1, punct_i)):
            return t, -1
        j -= 1
    if prev.text == ":" and punct_i - j <= 7:
        # "Kerry: '…'" — a short noun phrase label before a colon
        head = doc[punct_i - 1]
        if head.pos in (PROPN, NOUN) and (j < 0 or doc[j].text in (".", "\n") or doc[j].pos == SPACE):
            return None, punct_i
    return None, -1


def _quote_runs_on(ctx: Context, qi: int) -> bool:
    """Whether the sentence goes on with more words right after the quote's closing mark."""
    q = ctx.quotes[qi]
    if q.close_mark < 0:
        return False
    doc = ctx.doc
    i = ctx.tok_at(q.close_mark) + 1
    if i >= len(doc):
        return False
    t = doc[i]
    return not (t.is_punct or t.is_space or t.is_sent_start or ctx.inq[i] >= 0)


def _dash_byline(ctx: Context, qi: int) -> tuple[Token, tuple[int, int]] | None:
    """``"…" ― Name``: a quote signed with a dash and a name (vox pops, epigraphs, social posts)."""
    q = ctx.quotes[qi]
    if q.close_mark < 0:
        return None
    doc = ctx.doc
    i = ctx.tok_at(q.close_mark) + 1
    while i < len(doc) and doc[i].is_space and "\n" not in doc[i].text:
        i += 1
    if i + 1 >= len(doc) or doc[i].text not in DASHES:
        return None
    dash = doc[i]
    j = i + 1
    while j < len(doc) and doc[j].is_space and "\n" not in doc[j].text:
        j += 1
    k = j
    while (
        k < len(doc)
        and (doc[k].pos == PROPN or (k > j and doc[k].text in (".", "-")))
        and "\n" not in doc[k].text
    ):
        k += 1
    while k > j and doc[k - 1].pos != PROPN:
        k -= 1
    if k == j or k - j > 6:
        return None
    return dash, (doc[j].idx, ctx.tok_end(k - 1))


def _quote_words(ctx: Context, qi: int) -> tuple[int, bool]:
    """Number of word tokens in a quote and whether it holds a verb."""
    q = ctx.quotes[qi]
    a, b = ctx.tok_at(q.start), ctx.tok_at(max(q.end - 1, q.start))
    n_words = 0
    verb = False
    for t in ctx.doc[a : b + 1]:
        if t.is_alpha or t.like_num:
            n_words += 1
        if t.pos in (VERB, AUX):
            verb = True
    return n_words, verb


def is_label_quote(ctx: Context, qi: int) -> bool:
    """Scare quotes, titles and nicknames: ``so-called "reform"``, ``Dwayne "The Rock" Johnson``."""
    q = ctx.quotes[qi]
    doc = ctx.doc
    a = ctx.tok_at(q.open_mark)
    b = ctx.tok_at(q.close_mark) if q.close_mark >= 0 else len(doc) - 1
    before = doc[a - 1] if a > 0 else None
    after = doc[b + 1] if b + 1 < len(doc) else None
    if before is not None and before.lower_ in lexicon.SCARE_BEFORE:
        return True
    return (
        before is not None
        and after is not None
        and before.pos == PROPN
        and after.pos == PROPN
        and before.sent == after.sent
    )


def quote_content(ctx: Context, qi: int) -> tuple[int, int]:
    """Character span of what quote ``qi`` says, without edge spaces and a trailing comma."""
    q = ctx.quotes[qi]
    a, b = q.start, q.end
    text = ctx.text
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
        b -= 1
    return a, b


def _fragment_start(ctx: Context, qi: int) -> int:
    """Where the reported clause starts when a quote is only its tail, else -1."""
    q = ctx.quotes[qi]
    doc = ctx.doc
    i = ctx.tok_at(q.open_mark)
    if i == 0:
        return -1
    prev = doc[i - 1]
    if prev.pos in (PUNCT, SPACE) or prev.is_sent_end or doc[i].is_sent_start or ctx.inq[i - 1] >= 0:
        return -1
    a = doc[i].sent.start
    a, _ = clip_paragraph(ctx, i, a, i)
    span = trim(ctx, a, i - 1)
    return span[0] if span else -1


def _quote_outer_end(ctx: Context, qi: int) -> int:
    """End of quote ``qi`` with its closing mark left out and a comma or space before the mark dropped."""
    q = ctx.quotes[qi]
    if q.close_mark < 0:
        return q.end
    end = q.close_mark
    while end > q.start and ctx.text[end - 1] in ", ":
        end -= 1
    return end


def sentence_alone(ctx: Context, qi: int) -> bool:
    """Whether a quote forms a sentence or paragraph on its own (nothing but punctuation around it)."""
    q = ctx.quotes[qi]
    doc = ctx.doc
    a = ctx.tok_at(q.open_mark)
    b = ctx.tok_at(q.close_mark) if q.close_mark >= 0 else ctx.tok_at(max(q.end - 1, 0))
    i = a - 1
    while i >= 0 and doc[i].pos == PUNCT and doc[i].text not in (".", "!", "?", ":"):
        i -= 1
    if i >= 0 and doc[i].pos != SPACE and doc[i].text not in (".", "!", "?", ":") and ctx.inq[i] < 0:
        return False
    j = b + 1
    while j < len(doc) and doc[j].pos == PUNCT and doc[j].text not in (".", "!", "?"):
        j += 1
    return j >= len(doc) or doc[j].pos == SPACE or doc[j].text in (".", "!", "?") or doc[j].is_sent_start


def direct_candidates(ctx: Context) -> tuple[list[Candidate], list[int]]:
    """Quotes tied to an adjacent speech clause; also returns the quotes left without one."""
    cands: list[Candidate] = []
    loose: list[int] = []
    for qi, q in enumerate(ctx.quotes):
        if q.end - q.start < 2:
            continue
        verb = None
        colon = -1
        inner = ctx.text[q.start : q.end].rstrip()
        tail_cue = inner[-1:] in (",", "?", "!", "—", "-") if inner else False
        fallback = None
        if tail_cue or not _cue_before(ctx, qi)[0]:
            verb, fallback = _cue_after(ctx, qi)
        before = False
        if verb is None:
            verb, colon = _cue_before(ctx, qi)
            before = verb is not None
            if before and _quote_runs_on(ctx, qi):
                continue  # 'said that "we need more" about …': the indirect pass makes it mixed
        if verb is None and colon < 0:
            headline = quote_headline(ctx, qi)
            if headline is not None:
                mark = ctx.doc[headline[0]]
                cands.append(_quote_candidate(ctx, qi, (mark.idx, mark.idx + 1), headline[1], mark.i))
                continue
            byline = _dash_byline(ctx, qi)
            if byline is not None:
                dash, src = byline
                cands.append(_quote_candidate(ctx, qi, (dash.idx, ctx.tok_end(dash.i)), src, dash.i))
                continue
        n_words, has_verb = _quote_words(ctx, qi)
        label = is_label_quote(ctx, qi)
        if verb is None and colon < 0:
            if (n_words >= 2 or has_verb) and not label:
                loose.append(qi)
            continue
        if label or (
            n_words < 3
            and not has_verb
            and not before
            and colon < 0
            and not tail_cue
            and not sentence_alone(ctx, qi)
        ):
            continue
        a, b = quote_content(ctx, qi)
        if b <= a:
            continue
        if verb is not None:
            content_tok = ctx.tok_at(q.open_mark) if q.open_mark > verb.idx else -1
            ca, cb, carrier = cue_span(ctx, verb, content_tok if content_tok > verb.i else NO_CONTENT_AFTER)
            subj = past_dateline(ctx, subject(carrier) or fallback, verb)
            src = mention(ctx, subj) if subj is not None else None
            frag = _fragment_start(ctx, qi) if verb.idx > q.open_mark else -1
            if frag >= 0:
                # 'The failure was "heartbreaking," she said.' — the quote is part of a reported clause
                end = _quote_outer_end(ctx, qi)
                cands.append(
                    Candidate(
                        start=frag, end=end, cue=(ca, cb), source=src, cue_tok=verb.i, rank=Rank.DIRECT_QUOTE
                    )
                )
            else:
                cands.append(_quote_candidate(ctx, qi, (ca, cb), src, verb.i))
        else:
            colon_tok = ctx.doc[colon]
            head = ctx.doc[colon - 1]
            for _ in range(5):
                up = head.head
                if up.i == head.i or up.i >= colon or up.i < colon - 8:
                    break
                head = up
            src = mention(ctx, head)
            cands.append(_quote_candidate(ctx, qi, (colon_tok.idx, colon_tok.idx + 1), src, colon))
    return cands, loose


def _quote_candidate(
    ctx: Context, qi: int, cue: tuple[int, int], source: tuple[int, int] | None, cue_tok: int
) -> Candidate:
    """A direct attribution whose content is exactly quote ``qi``."""
    a, b = quote_content(ctx, qi)
    return Candidate(
        start=a,
        end=b,
        cue=cue,
        source=source,
        cue_tok=cue_tok,
        rank=Rank.DIRECT_QUOTE,
        quote=qi,
        forced="direct",
    )
