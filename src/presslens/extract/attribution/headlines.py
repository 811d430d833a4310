"""Speech clauses the parser reads poorly because what they report has no verb or no subject,
mostly in headlines and decks.

- ``trailing_speech_clause``: "Situation under control after unrest at Sahiwal jail, says Punjab
  govt", "Emergency department to close overnight for the summer, health authority says": a final
  speech clause after a comma whose report the parser did not make its complement.
- ``shared_subject``: "Kenyan court strikes down levy, says parliament skipped consultation": a
  speech verb that shares the subject of the clause before it, which the parser hung on it.
- ``title_case_cue`` (parc profile): "Glenn Beck Blasts Drudge for Mocking His Fast": a Title Case
  headline's verb that the tagger read as a name or noun.
- ``colon_source_candidate``: the wire and state-media headline "China ready to resolve trade
  frictions through dialogue: spokesperson": a short speaker after a colon, no cue word.
- ``headline_object``: "China urges dialogue on Mekong water data", "Iran vows 'proportionate
  response' to new sanctions": a headline's speech verb in the present with a noun-phrase object,
  which a headline writes for what was said.
- ``verb_read_as_noun``: "B.C. court rules province breached treaty duties": a headline's speech
  verb in -s that the tagger read as a plural noun after its speaker.
- ``quote_headline``: the feature headline "'I almost quit': Skip Colette Arsenault on the long road
  back": a quotation opening the headline, closed by a colon; the speaker is the name after the
  colon when a topic ("on …") follows it, or the subject of the clause after it.
"""

from __future__ import annotations

from spacy.strings import hash_string
from spacy.symbols import ADJ, ADP, DET, NOUN, NUM, PRON, PROPN, SCONJ, SPACE, VERB
from spacy.tokens import Token

from presslens.extract.attribution.context import SPEECH_LEXICON, Candidate, Context, Rank
from presslens.extract.attribution.mentions import mention, names_a_speaker
from presslens.extract.attribution.nonverbal import headline_line
from presslens.extract.attribution.syntax import paragraph_span, trim

# Parts of speech of a bare speaker phrase.
_NOMINAL = frozenset({DET, ADJ, NOUN, PROPN, PRON, NUM})
# The most words a speaker phrase may have around a trailing speech verb or after a headline colon.
SPEAKER_WORDS = 5
# The fewest words a report before a trailing speech clause or a headline colon must have.
REPORT_WORDS = 3


def _plain_phrase(tokens: list[Token]) -> bool:
    """Whether ``tokens`` can be a bare speaker phrase: nominal words and modifiers only ("Punjab
    govt", "FM spokesperson", "shipping company"; not "but Chaffetz")."""
    return all(t.pos in _NOMINAL or t.tag_ == "POS" or t.dep_ in ("amod", "compound") for t in tokens)


def _speaker_phrase(head: Token) -> bool:
    """Whether the phrase of ``head`` can name a speaker: a pronoun, or a name or a person,
    organisation or group noun in it ("Punjab govt": the head is no known noun, its modifier a name)."""
    return head.pos == PRON or any(names_a_speaker(t) for t in head.subtree)


def trailing_speech_clause(ctx: Context, v: Token) -> Candidate | None:
    """``<report>, <speaker> says`` or ``<report>, says <speaker>`` closing a sentence, when the
    parser gave speech verb ``v`` no complement: the report is everything before the comma."""
    if v.tag_ not in ("VBZ", "VBD", "VBP") or ctx.inq[v.i] >= 0:
        return None
    doc = ctx.doc
    sent = v.sent
    last = next((k - 1 for k in range(v.i + 1, sent.end) if doc[k].text == ";"), sent.end - 1)
    while last > v.i and (doc[last].pos == SPACE or doc[last].text == "."):
        last -= 1
    after = list(doc[v.i + 1 : last + 1])
    if len(after) > SPEAKER_WORDS or not _plain_phrase(after):
        return None
    comma = next(
        (k for k in range(v.i - 1, max(sent.start, v.i - SPEAKER_WORDS - 2), -1) if doc[k].text == ","), -1
    )
    if comma <= sent.start or not _plain_phrase(list(doc[comma + 1 : v.i])) or ctx.inq[comma] >= 0:
        return None
    if bool(after) == (comma + 1 < v.i):
        return None  # the speaker stands on one side of the verb, not both or neither
    subj = next((c for c in v.children if c.dep_ == "nsubj" and c.i > comma and _speaker_phrase(c)), None)
    if subj is None and comma + 1 < v.i:
        last = doc[v.i - 1]  # "…, BMA says": the parser took the name for an adverb
        if last.head.i == v.i and last.pos in (NOUN, PROPN) and _speaker_phrase(last):
            subj = last
    first = sent.start
    while first < comma and doc[first].pos == SPACE:
        first += 1
    label = next((k for k in range(comma - 1, first, -1) if doc[k].text == ":"), -1)
    if label >= 0 and headline_line(ctx, first):
        first = label + 1  # "The Latest: Seized tanker's crew safe, shipping company says"
    opener = doc[first]
    if subj is None or comma - first < REPORT_WORDS or opener.pos in (ADP, SCONJ):
        return None  # "In the morning, the mayor said": an adjunct, not a report
    if opener.tag_ in ("VBN", "VBG") and opener.dep_ == "advcl" and opener.head.i == v.i:
        return None  # "Asked whether she would run, she laughed": a participle's clause, not a report
    span = paragraph_span(ctx, v.i, first, comma - 1)
    if span is None:
        return None
    source = mention(ctx, subj)
    if source is not None and source[0] <= doc[comma].idx:
        source = (doc[comma + 1].idx, source[1])  # the parse hung the report on the speaker's noun
    return Candidate(
        start=span[0],
        end=span[1],
        cue=(v.idx, ctx.tok_end(v.i)),
        source=source,
        cue_tok=v.i,
        rank=Rank.REPORTING_CLAUSE,
    )


def shared_subject(ctx: Context, v: Token) -> Token | None:
    """The subject of the clause right before speech verb ``v`` when ``v`` has none and the parser
    hung that clause on it ("Kenyan court strikes down levy, says parliament skipped …")."""
    doc = ctx.doc
    if v.i < 2 or doc[v.i - 1].text != "," or any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
        return None
    if not any(c.dep_ == "ccomp" and c.i > v.i for c in v.children):
        return None
    for c in v.children:
        if c.i > v.i or c.right_edge.i not in (v.i - 2, v.i - 1) or c.pos != VERB:  # (the comma may be its)
            continue
        subj = next((s for s in c.children if s.dep_ == "nsubj" and s.i < c.i), None)
        if subj is None:
            continue
        if c.dep_ in ("ccomp", "conj") and _speaker_phrase(subj):
            return subj
        if c.dep_ == "advcl" and c.tag_ == "VBN" and subj.pos in (NOUN, PROPN):
            return (
                subj  # "Internal briefing notes prepared for Mr. Gill …, warned that …": a reduced relative
            )
    return None


def _verb_lemmas(word: str) -> list[str]:
    """Lemmas a capitalised headline word may stand for as a verb ("Slams", "Praises", "Questioned")."""
    w = word.lower()
    out = [w]
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    if w.endswith("es"):
        out.append(w[:-2])
    if w.endswith("s"):
        out.append(w[:-1])
    if w.endswith("ed"):
        out += [w[:-2], w[:-1]]
    return out


def title_case_cue(ctx: Context, t: Token) -> Candidate | None:
    """PARC profile: a Title Case headline whose verb the tagger read as a name or noun ("Glenn
    Beck Blasts Drudge for Mocking His Fast", "Conservative Icon Endorses Ted Cruz"): a word of
    the cue lexicon in -s or -ed, inside the headline line, after a capitalised subject and before
    the rest of the line, which is the content; the words before it (after a kicker's colon) are the
    source."""
    doc = ctx.doc
    if t.pos not in (PROPN, NOUN) or not t.text[:1].isupper() or t.i == 0:
        return None
    lemma = next((w for w in _verb_lemmas(t.text) if hash_string(w) in ctx.lex.verbs), None)
    if lemma is None or lemma == t.lower_ and not t.is_upper:
        return None  # a bare form ("Support", "Address") is more often a noun
    p = ctx.para[t.i]
    a = t.i
    while a > 0 and ctx.para[a - 1] == p:
        a -= 1
    if not headline_line(ctx, a):
        return None
    b = t.i
    while b + 1 < len(doc) and ctx.para[b + 1] == p:
        b += 1
    words = [x for x in doc[a : b + 1] if x.is_alpha and len(x) > 3]
    if len(words) < 3 or sum(x.text[:1].isupper() for x in words) < 0.8 * len(words):
        return None
    colon = max((x.i for x in doc[a : t.i] if x.text == ":"), default=a - 1)
    src = trim(ctx, colon + 1, t.i - 1)
    span = trim(ctx, t.i + 1, b)
    if src is None or span is None or not doc[t.i - 1].text[:1].isupper():
        return None
    return Candidate(
        start=span[0],
        end=span[1],
        cue=(t.idx, ctx.tok_end(t.i)),
        source=src,
        cue_tok=t.i,
        rank=Rank.LEARNED_CUE,
        act="speech" if hash_string(lemma) in SPEECH_LEXICON.verbs else "stance",
    )


def colon_source_candidate(ctx: Context, colon: Token) -> Candidate | None:
    """``<report>: <speaker>`` closing a headline line: the speaker phrase after the colon is short,
    has no verb and names someone who can speak ("UN", "FM spokesperson")."""
    if ctx.inq[colon.i] >= 0:
        return None
    doc = ctx.doc
    p = ctx.para[colon.i]
    end = colon.i + 1
    while end < len(doc) and ctx.para[end] == p:
        end += 1
    speaker = [t for t in doc[colon.i + 1 : end] if t.pos != SPACE]
    if not speaker or len(speaker) > SPEAKER_WORDS or not _plain_phrase(speaker):
        return None
    head = speaker[-1]
    if head.pos not in (NOUN, PROPN) or not names_a_speaker(head):
        return None
    first = colon.i
    while first > 0 and ctx.para[first - 1] == p:
        first -= 1
    if not headline_line(ctx, first):
        return None
    span = trim(ctx, first, colon.i - 1)
    if span is None or colon.i - first < REPORT_WORDS:
        return None
    return Candidate(
        start=span[0],
        end=span[1],
        cue=(colon.idx, colon.idx + 1),
        source=(speaker[0].idx, ctx.tok_end(head.i)),
        cue_tok=colon.i,
        rank=Rank.MEDIAL_CLAUSE,
    )


def quote_headline(ctx: Context, qi: int) -> tuple[int, tuple[int, int] | None] | None:
    """The colon and the speaker (or None) of quote ``qi`` when it opens a headline line and a colon
    follows its closing mark ("'I stopped listening to the noise': Leila Nakamura-Traoré on her first
    title"); None when the quote is no such headline."""
    q = ctx.quotes[qi]
    if q.close_mark < 0:
        return None
    doc = ctx.doc
    first = ctx.tok_at(q.open_mark)
    colon = ctx.tok_at(q.close_mark) + 1
    if colon >= len(doc) or doc[colon].text != ":" or ctx.para[colon] != ctx.para[first]:
        return None
    if first > 0 and doc[first - 1].pos != SPACE:
        return None
    if not headline_line(ctx, first):
        return None
    end = colon + 1
    while end < len(doc) and ctx.para[end] == ctx.para[colon] and doc[end].lower_ != "on":
        end += 1
    speaker = list(doc[colon + 1 : end])
    topic = end < len(doc) and doc[end].lower_ == "on"
    words = [t for t in speaker if t.tag_ != "HYPH"]  # "Nakamura-Traoré"
    if topic and words and len(words) <= SPEAKER_WORDS and _plain_phrase(words):
        return colon, (speaker[0].idx, ctx.tok_end(speaker[-1].i))
    # "'I play better when I'm scared': Montreal teen heads to …": the subject of the clause after it
    subj = next((t for t in speaker if t.dep_ == "nsubj" and t.head.pos == VERB), None)
    if subj is None or subj.left_edge.i != colon + 1 or subj.pos not in (NOUN, PROPN):
        return colon, None
    return colon, mention(ctx, subj)


def headline_object(ctx: Context, v: Token, dobj: Token) -> int:
    """Last token of the noun-phrase content of speech verb ``v`` in the present tense in a headline
    line, with the prepositional phrases that follow it up to a comma or a clause ("vows 'proportionate
    response' to new EU sanctions, …"); -1 when ``v`` is not such a headline verb."""
    if v.tag_ not in ("VBZ", "VBP") or dobj.i < v.i or ctx.inq[v.i] >= 0:
        return -1
    start = v.i
    while start > 0 and ctx.para[start - 1] == ctx.para[v.i]:
        start -= 1
    if not headline_line(ctx, start):
        return -1
    end = dobj.right_edge.i
    for c in v.rights:
        if c.i == end + 1 and c.dep_ == "prep":
            end = c.right_edge.i
    doc = ctx.doc
    for k in range(dobj.i + 1, end + 1):  # what follows a comma or "as" is the writer's
        if doc[k].dep_ == "mark" or (doc[k].text == "," and k < end and doc[k + 1].dep_ != "prep"):
            return k - 1  # (", including more aircraft" goes on)
    return end


def verb_read_as_noun(ctx: Context, t: Token) -> Candidate | None:
    """A speech verb in -s tagged a plural noun in a headline line, after a short speaker phrase that
    opens the line and before a report of at least ``REPORT_WORDS`` words ("Canada's top court rules
    prolonged solitary confinement unconstitutional")."""
    if t.tag_ != "NNS" or not t.text.endswith("s") or ctx.inq[t.i] >= 0:
        return None
    doc = ctx.doc
    start = t.i
    while start > 0 and ctx.para[start - 1] == ctx.para[t.i]:
        start -= 1
    end = t.i
    while end + 1 < len(doc) and ctx.para[end + 1] == ctx.para[t.i] and doc[end + 1].pos != SPACE:
        end += 1
    speaker = list(doc[start : t.i])
    if not speaker or len(speaker) > SPEAKER_WORDS or not _plain_phrase(speaker) or end - t.i < REPORT_WORDS:
        return None
    if speaker[-1].pos != NOUN or not names_a_speaker(speaker[-1]) or not headline_line(ctx, start):
        return None  # a common noun that can speak ("court"), not a name ("Senate rules committee")
    span = trim(ctx, t.i + 1, end)
    if span is None:
        return None
    return Candidate(
        start=span[0],
        end=span[1],
        cue=(t.idx, ctx.tok_end(t.i)),
        source=(speaker[0].idx, ctx.tok_end(speaker[-1].i)),
        cue_tok=t.i,
        rank=Rank.REPORTING_CLAUSE,
    )
