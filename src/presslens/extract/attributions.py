"""Attribution relations (who said what) over one parsed spaCy ``Doc``.

Method. Attributions are read as PARC-style triples of source, cue and content (Pareti 2016,
"PARC 3.0: A corpus of attribution relations", LREC; Newell, Margolin & Ruths 2018, "An attribution
relations corpus for political news", LREC). The extractor works in three passes:

1. Quotation marks are paired in one scan of the text (curly marks by direction, straight marks by
   context, single marks only where they cannot be apostrophes). A quote left open at a paragraph end
   continues when the next paragraph opens with a quote mark (the news convention for quotes that run
   over several paragraphs) and is otherwise closed at the paragraph end. Unbalanced marks never raise.
2. Direct quotes are tied to an adjacent speech clause, after the quote (``"…," he said``, ``"…,"
   said Merkel``) or before it (``Merkel said: "…"``, ``he told reporters, "…"``), in the spirit of
   textacy's direct-quotation triples but with the speaker clause checked in the dependency parse.
   ``"Part one," he said, "part two."`` gives two attributions sharing one cue. A quote that stands
   alone as a sentence or paragraph takes the speaker of the preceding attribution: in the same
   paragraph it also repeats that cue, in a new paragraph its cue is ``None``. Quotes that are short,
   verbless and unattached (scare quotes, titles, nicknames) are not attributions.
3. Indirect and mixed speech come from reporting verbs in the cue lexicon (``cues.py``) whose clausal
   complement is the content (``She insisted that …``), from ``according to X``, from parenthetical
   and final speech clauses (``…, he added.``), from participles (``…, saying that …``) and from cue
   nouns with a that-clause (``his claim that …``). Multi-word cues (``went on to argue``, ``pointed
   out``, ``made clear``, ``told reporters``, ``said in a statement``) form one cue span. Quotes signed
   with a dash (``"…" ― Name``) and ``Name: …`` labels (headlines, transcripts) are attributions too.

Profiles. ``profile="speech"`` (default) keeps what people and organisations said or wrote, including
speech acts with a noun-phrase or infinitive content (``announced a ceasefire``, ``vowed to fight``,
``called for talks``, ``declined to comment``). ``profile="parc"`` adds what PARC and PolNeAR also
annotate: beliefs and expectations (``believes that …``, ``is expected to …``), stances with a
noun-phrase content (``endorsed Cruz``, ``criticized the plan``), stance adjectives (``is confident
that …``) and reports without a stated source (``seems to …``, ``Asked about …``).

Content spans: for direct quotes, the text inside the marks (a trailing comma dropped); for indirect
speech, the complement clause including ``that`` (PolNeAR's convention; it scores a little better than
leaving ``that`` out: F1 0.675 against 0.674 on PolNeAR train), up to the end of the speech clause but without a trailing ``, adding …``
participle or a coordinated second speech act, which become attributions of their own; final
punctuation is dropped. ``type`` is ``direct`` when all the words of the content are inside quote
marks, ``mixed`` when some are, and ``indirect`` otherwise. Overlaps are resolved univocally, as in
PolNeAR: the outer attribution wins and cues inside another attribution's content are dropped.

Sources are the mention as written (``She``, ``the chancellor``, ``who``); ``speakers.resolve_speakers``
links them to entities. The functions never call the pipeline again and walk the tokens a fixed
number of times, with lemma lookups done on precomputed hash sets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.strings import hash_string
from spacy.symbols import ADJ, AUX, NOUN, PRON, PROPN, PUNCT, SPACE, VERB
from spacy.tokens import Doc, Token

from presslens.extract import cues
from presslens.schema import Attribution, AttributionType, Source, Span

__all__ = ["Quote", "find_attributions", "find_quotes"]

# Two straight single marks ('') stand for a double mark in some wire and newspaper archives.
_QUOTE_SCAN = re.compile("''|[\n" + re.escape(cues.QUOTE_CHARS) + "]")
_OPENERS_BEFORE = set(" \t\r\n([{—–-/\u00a0")
_CLOSE_PUNCT = set(".,;:!?)]}—–-…\u00a0 \t\r\n")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """The cue words of one profile, as spaCy string hashes."""

    parc: bool
    verbs: frozenset[int]
    infinitive: frozenset[int]
    objects: frozenset[int]
    prep: dict[int, frozenset[str]]
    noun_infinitive: frozenset[int]
    noun_prep: dict[int, frozenset[str]]
    adjectives: dict[int, frozenset[str]]


def _build_lexicon(profile: str) -> _Lexicon:
    parc = profile == "parc"
    verbs = cues.SPEECH_VERBS | cues.BELIEF_VERBS if parc else cues.SPEECH_VERBS - cues.PARC_ONLY_VERBS
    infinitive = cues.INFINITIVE_CONTENT_VERBS | cues.BELIEF_VERBS if parc else cues.SPEECH_INFINITIVE_VERBS
    objects = cues.OBJECT_CONTENT_VERBS | cues.SPEECH_OBJECT_VERBS if parc else cues.SPEECH_OBJECT_VERBS
    objects = (objects | {"say", "write", "repeat", "tweet", "post", "ask"}) - cues.CLAUSE_ONLY_VERBS
    prep = {k: v for k, v in cues.PREP_CONTENT.items() if parc or k in cues.SPEECH_PREP_VERBS}
    noun_prep = {k: v for k, v in cues.NOUN_PREP_CONTENT.items() if parc or k in cues.SPEECH_NOUN_PREP}
    return _Lexicon(
        parc=parc,
        verbs=cues.hashes(verbs),
        infinitive=cues.hashes(infinitive),
        objects=cues.hashes(objects),
        prep={hash_string(k): v for k, v in prep.items()},
        noun_infinitive=cues.hashes(cues.NOUN_INFINITIVE_CUES),
        noun_prep={hash_string(k): v for k, v in noun_prep.items()},
        adjectives={hash_string(k): v for k, v in cues.ADJ_CUES.items()} if parc else {},
    )


_SPEECH = cues.hashes(cues.SPEECH_VERBS)
_BELIEF = cues.hashes(cues.BELIEF_VERBS)
_NOUN_CUES = cues.hashes(cues.NOUN_CUES)
_LEADERS = cues.hashes(cues.CUE_LEADERS)
_FRAME_NOUNS = cues.hashes(cues.CUE_FRAME_NOUNS)
_SAY = cues.hashes({"say", "tell", "add", "write", "state", "claim", "argue", "insist", "explain"})
_MAKE = cues.hashes({"make"})
_SEEM = cues.hashes({"seem", "appear"})
# PARC profile: passives reported without a source ("is expected to …", "was reported …").
_PASSIVE_REPORTS = cues.hashes(
    set(
        "expect believe report say think rumor rumour know consider estimate project predict ask announce "
        "reveal quote describe call allege suspect fear accuse".split()
    )
)
# "declined to comment" reports speech, "refused to concede" does not (speech profile).
_NEEDS_SPEECH_XCOMP = cues.hashes({"refuse", "decline", "agree", "offer"})
_LABEL_VERBS = cues.hashes({"call", "label", "dub", "brand", "term", "name"})
_EMPTY_OBJECTS = frozenset({"it", "so", "this", "that", "something", "anything", "nothing", "much", "little"})
_TELL = cues.hashes({"tell", "recount", "relate", "recite", "share"})
_TOLD_THINGS = frozenset(
    {"story", "stories", "tale", "tales", "joke", "anecdote", "truth", "lie", "lies", "account"}
)
_ACCORD = cues.hashes({"accord"})

_PHRASES: dict[str, list[tuple[str, ...]]] = {}
for _phrase in cues.CUE_PHRASES:
    _PHRASES.setdefault(_phrase[0], []).append(_phrase)

_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_INHERIT_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "acl", "relcl", "ccomp", "prep"})
_MENTION_RIGHT_DEPS = frozenset(
    {"compound", "amod", "nummod", "prep", "pobj", "poss", "case", "cc", "conj", "nmod"}
)
_SCARE_BEFORE = frozenset(
    "so-called called dubbed named titled entitled nicknamed known film movie book song album show "
    "series novel play headline slogan term word words phrase label".split()
)
# Prepositional objects that are circumstances, not what was said ("spoke on condition of anonymity").
_NOT_CONTENT = frozenset(
    {"condition", "behalf", "record", "background", "phone", "telephone", "camera", "air", "television"}
)
# Words that open a comma-led tail the reporter adds: ", while …", ", compared with …".
_TAIL_MARKERS = frozenset({"while", "whereas", "compared", "although", "though", "prompting", "sparking"})
_CLAUSE_PUNCT = frozenset({",", ":", "—", "–", "-", ";"})


@dataclass(slots=True)
class Quote:
    """A stretch of text inside quotation marks (possibly over several paragraphs)."""

    start: int  # first character inside the opening mark
    end: int  # end (exclusive) of the quoted text
    open_mark: int  # offset of the opening mark
    close_mark: int  # offset of the closing mark, -1 when the quote runs to a paragraph end
    double: bool = True


@dataclass(slots=True)
class _Cand:
    """A candidate attribution before overlap resolution (character offsets)."""

    start: int
    end: int
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    cue_tok: int
    rank: int  # lower wins when candidates overlap
    quote: int = -1  # index of the quote this came from, -1 when not a direct quote
    forced: AttributionType | None = None


# --------------------------------------------------------------------------- quotation marks


class _QuoteScanner:
    """One pass over the quotation marks of a text, pairing them into ``Quote`` records."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.quotes: list[Quote] = []
        self.open_at = -1  # pending double opening mark in this paragraph
        self.run: list[tuple[int, int, int]] = []  # (open mark, inner start, inner end) left open
        self.run_waiting = False
        self.para_start = 0
        self.single_at = -1
        self.width = 1  # length of the current mark
        self.open_width = 1

    def scan(self) -> list[Quote]:
        text = self.text
        n = len(text)
        for m in _QUOTE_SCAN.finditer(text):
            pos = m.start()
            ch = text[pos]
            if ch == "\n":
                self._newline(pos)
                continue
            width = m.end() - pos
            self.width = width
            prev = text[pos - 1] if pos else " "
            nxt = text[pos + width] if pos + width < n else " "
            if width == 2:
                ch = cues.STRAIGHT_DOUBLE
            if ch in cues.OPEN_SINGLE or ch in cues.CLOSE_SINGLE or ch == cues.STRAIGHT_SINGLE:
                self._single(pos, ch, prev, nxt)
            else:
                self._double(pos, ch, prev, nxt)
        if self.open_at >= 0:
            self.run.append((self.open_at, self.open_at + self.open_width, n))
            self.open_at = -1
        self._flush_run()
        self.quotes.sort(key=lambda q: q.start)
        return self.quotes

    def _newline(self, pos: int) -> None:
        if self.open_at >= 0:
            self.run.append((self.open_at, self.open_at + self.open_width, pos))
            self.open_at = -1
            self.run_waiting = True
        elif self.run and self.run_waiting and self.run[-1][2] < self.para_start:
            if self.text[self.para_start : pos].strip():
                self._flush_run()
        self.single_at = -1
        self.para_start = pos + 1

    def _flush_run(self) -> None:
        if self.run:
            first, last = self.run[0], self.run[-1]
            end = last[2]
            while end > first[1] and self.text[end - 1].isspace():
                end -= 1
            if end > first[1]:
                self.quotes.append(Quote(first[1], end, first[0], -1))
        self.run = []
        self.run_waiting = False

    def _at_paragraph_start(self, pos: int) -> bool:
        return not self.text[self.para_start : pos].strip()

    def _double(self, pos: int, ch: str, prev: str, nxt: str) -> None:
        looks_open = (prev in _OPENERS_BEFORE or prev in cues.QUOTE_CHARS) and not nxt.isspace()
        looks_close = not prev.isspace() and (nxt in _CLOSE_PUNCT or nxt in cues.QUOTE_CHARS)
        if ch in cues.OPEN_DOUBLE:
            is_open = not (self.open_at >= 0 and looks_close and not looks_open)
        elif ch in cues.CLOSE_DOUBLE:
            is_open = self.open_at < 0 and looks_open and not looks_close and not self.run_waiting
        elif self.open_at >= 0:
            is_open = looks_open and not looks_close
        else:
            if prev.isdigit() and not looks_open:  # 12" pipe, 5'10"
                return
            if looks_close and not looks_open:
                if not self.run_waiting:
                    return  # a stray closing mark
                is_open = False  # closes a quote carried over from the previous paragraph
            else:
                is_open = True
        if is_open:
            self._open(pos)
        else:
            self._close(pos)

    def _open(self, pos: int) -> None:
        if self.run_waiting:
            if self._at_paragraph_start(pos):
                self.run_waiting = False
            else:
                self._flush_run()
        self.open_at = pos
        self.open_width = self.width
        self.single_at = -1

    def _close(self, pos: int) -> None:
        if self.open_at >= 0:
            if self.run:
                first = self.run[0]
                self.quotes.append(Quote(first[1], pos, first[0], pos))
                self.run = []
                self.run_waiting = False
            elif pos > self.open_at + self.open_width:
                self.quotes.append(Quote(self.open_at + self.open_width, pos, self.open_at, pos))
            self.open_at = -1
        elif self.run and self.run_waiting:
            first = self.run[0]
            self.quotes.append(Quote(first[1], pos, first[0], pos))
            self.run = []
            self.run_waiting = False

    def _single(self, pos: int, ch: str, prev: str, nxt: str) -> None:
        if self.open_at >= 0:
            return  # nested quotes stay inside the outer quote
        can_open = ch != "’" and (prev in _OPENERS_BEFORE or pos == 0) and nxt.isalpha()
        if can_open and ch == "'" and self.text[pos + 1 : pos + 3].lower() in {"em", "ti", "n'", "n "}:
            can_open = False
        if can_open and (ch in cues.OPEN_SINGLE or self.single_at < 0):
            self.single_at = pos
            return
        if self.single_at >= 0 and ch != "‘" and not prev.isspace() and not nxt.isalnum():
            if pos - self.single_at <= 400 and pos > self.single_at + 1:
                self.quotes.append(Quote(self.single_at + 1, pos, self.single_at, pos, double=False))
            self.single_at = -1


def find_quotes(text: str) -> list[Quote]:
    """Pair the quotation marks of ``text`` into quotes, sorted by start; never raises."""
    return _QuoteScanner(text).scan()


# --------------------------------------------------------------------------- helpers


class _Ctx:
    """Per-document state shared by the extraction passes."""

    def __init__(self, doc: Doc, lex: _Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.text = doc.text
        self.quotes = find_quotes(self.text)
        self.tok_starts = [t.idx for t in doc]
        self.qstarts = [q.start for q in self.quotes]
        self.para = [0] * len(doc)  # paragraph number of each token
        p = 0
        for t in doc:
            self.para[t.i] = p
            if "\n" in t.text_with_ws:
                p += 1
        self.dateline_end = _dateline_end(doc)
        self.inq = [-1] * len(doc)  # index of the quote a token lies in (its marks included)
        for qi, q in enumerate(self.quotes):
            a = self.tok_at(q.open_mark)
            b = self.tok_at(q.close_mark if q.close_mark >= 0 else q.end - 1)
            for i in range(max(a, 0), b + 1):
                if self.inq[i] < 0:
                    self.inq[i] = qi

    def tok_at(self, char: int) -> int:
        """Index of the token containing character ``char``."""
        return max(bisect_right(self.tok_starts, char) - 1, 0)

    def tok_end(self, i: int) -> int:
        t = self.doc[i]
        return t.idx + len(t.text)

    def quotes_in(self, start: int, end: int) -> list[int]:
        """Indices of quotes overlapping the character range [start, end)."""
        lo = bisect_left(self.qstarts, start)
        out = []
        j = lo - 1
        while j >= 0 and self.quotes[j].end > start:
            out.append(j)
            j -= 1
            if start - self.quotes[j + 1].start > 20000:
                break
        j = lo
        while j < len(self.quotes) and self.quotes[j].start < end:
            out.append(j)
            j += 1
        return sorted(set(out))


def _dateline_end(doc: Doc) -> int:
    """Index of the first token after a wire dateline ("MOSCOW, March 3 (TASS) -"), else 0."""
    i = 0
    while i < len(doc) and doc[i].is_space:
        i += 1
    if i >= len(doc) or not (doc[i].is_upper and len(doc[i].text) > 1):
        return 0
    for k in range(i + 1, min(i + 25, len(doc))):
        t = doc[k]
        if "\n" in t.text:
            return 0
        if t.text in _DASHES and (doc[k - 1].text == ")" or doc[k - 1].is_upper) and doc[k - 1].whitespace_:
            return k + 1
    return 0


def _past_dateline(ctx: _Ctx, subj: Token | None, verb: Token) -> Token | None:
    """Replace a subject that the parser found inside the dateline with the one after it."""
    end = ctx.dateline_end
    if subj is None or not end or subj.i >= end or verb.i <= end:
        return subj
    return _np_head(ctx.doc, end, verb.i) or ctx.doc[verb.i - 1]


def _trim(ctx: _Ctx, a: int, b: int) -> tuple[int, int] | None:
    """Trim token range [a, b] (inclusive) of edge punctuation and spaces; return char offsets."""
    doc = ctx.doc
    while a <= b and (doc[a].pos in (PUNCT, SPACE) or doc[a].dep_ == "cc") and not _opens_quote(ctx, a):
        a += 1
    while a <= b and (doc[b].pos in (PUNCT, SPACE) or doc[b].dep_ == "cc") and not _closes_quote(ctx, b):
        b -= 1
    if a > b:
        return None
    return doc[a].idx, ctx.tok_end(b)


def _opens_quote(ctx: _Ctx, i: int) -> bool:
    q = ctx.inq[i]
    return q >= 0 and ctx.quotes[q].open_mark == ctx.doc[i].idx


def _closes_quote(ctx: _Ctx, i: int) -> bool:
    q = ctx.inq[i]
    return q >= 0 and ctx.quotes[q].close_mark == ctx.doc[i].idx


def _mention(ctx: _Ctx, head: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``head``, without relative clauses and appositions."""
    left = head.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ in _MENTION_RIGHT_DEPS and not (
            child.dep_ == "prep" and child.lower_ in ("in", "on", "at")
        ):
            right = max(right, child.right_edge.i)
        else:
            break
    doc = ctx.doc
    for k in range(head.i - 1, left, -1):
        if (
            doc[k].text in _DASHES
            and k + 1 <= head.i
            and doc[k - 1].whitespace_
            and (doc[k - 1].text == ")" or doc[k - 1].is_upper)
        ):
            left = k + 1  # "BERLIN (Reuters) - German Chancellor Angela Merkel": drop the dateline
            break
    while left < head.i and (doc[left].pos in (PUNCT, SPACE)):
        left += 1
    while right > head.i and (doc[right].pos in (PUNCT, SPACE) or doc[right].dep_ == "cc"):
        right -= 1
    return doc[left].idx, ctx.tok_end(right)


def _subject(v: Token, depth: int = 0) -> Token | None:
    """The subject of verb ``v``: its own, or inherited from the clause it depends on."""
    for c in v.children:
        if c.dep_ in _SUBJ_DEPS:
            if c.dep_ == "nsubjpass" and c.lower_ == "it":
                return None
            if c.dep_ == "nsubjpass":
                for d in v.children:
                    if d.dep_ == "agent":
                        for p in d.children:
                            if p.dep_ == "pobj":
                                return p
            return c
    if depth >= 3 or v.head.i == v.i:
        return None
    h = v.head
    if v.dep_ in ("relcl", "acl") and h.pos in (NOUN, PROPN, PRON):
        return h
    if v.dep_ in _INHERIT_DEPS:
        if (
            v.dep_ in ("advcl", "conj")
            and h.dep_ == "ccomp"
            and h.head.lemma in _SPEECH
            and h.head.i < h.i < v.i
        ):
            if v.tag_ == "VBG" or v.dep_ == "conj":
                return _subject(h.head, depth + 1)  # "X said Y, adding …" / "said Y and called Z": X
        if h.pos in (VERB, AUX):
            return _subject(h, depth + 1)
        if h.dep_ in ("prep", "acomp") and h.head.pos in (VERB, AUX):
            return _subject(h.head, depth + 1)
    return None


def _cue_span(ctx: _Ctx, v: Token, content_start_tok: int) -> tuple[int, int, Token]:
    """Character span of the cue around verb ``v`` and the token that carries the subject."""
    a = b = v.i
    carrier = v
    h = v.head
    # "went on to argue", "continued to insist", "declined to say"
    if v.dep_ in ("xcomp", "advcl") and h.i < v.i and h.lemma in _LEADERS and v.i - h.i <= 4:
        a = h.i
        carrier = h
    for c in v.rights:
        if c.i >= content_start_tok:
            break
        lemma = c.lemma_
        if c.dep_ == "prt" or (c.dep_ in ("acomp", "oprd", "ccomp") and lemma in ("clear", "plain")):
            b = max(b, c.i)
        elif c.dep_ in ("dative", "dobj") and v.lemma in _SAY and c.left_edge.i == b + 1 and c.i - b <= 4:
            b = max(b, c.right_edge.i)  # "told reporters", "told the BBC"
        elif c.dep_ == "prep" and c.i == b + 1 and c.lower_ in ("in", "during", "on", "via", "through"):
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma in _FRAME_NOUNS:
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


# --------------------------------------------------------------------------- direct quotes


def _is_cue_verb(t: Token) -> bool:
    return (
        t.pos in (VERB, AUX)
        and (t.lemma in _SPEECH or t.lemma in _BELIEF)
        and t.dep_ not in ("amod", "compound")
    )


def _cue_after(ctx: _Ctx, qi: int) -> tuple[Token | None, Token | None]:
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
        if _is_cue_verb(t) and t.tag_ != "VBG":
            if all(_descends_from(doc[j], t) for j in range(start, i)):
                return t, None
            head = _np_head(doc, start, i)
            return (t, head) if head is not None else (None, None)
        if t.tag_ in ("VBD", "VBZ", "VBP", "MD") and not relative and t.dep_ != "relcl":
            return None, None
        if t.lower_ in ("who", "which", "whose", "whom"):
            relative = True
        i += 1
    return None, None


def _np_head(doc: Doc, a: int, b: int) -> Token | None:
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


def _descends_from(t: Token, v: Token) -> bool:
    for _ in range(8):
        if t.i == v.i:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _cue_before(ctx: _Ctx, qi: int) -> tuple[Token | None, int]:
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
        if prev.lemma in _LABEL_VERBS or prev.dep_ in ("relcl", "acl", "pcomp", "amod"):
            return None, -1  # 'what she calls "real solutions"' is a label, not a quotation
        return prev, -1
    if prev.text not in (":", ","):
        if prev.lower_ == "that" and i > 0 and _is_cue_verb(doc[i - 1]):
            return doc[i - 1], -1
        return None, -1
    punct_i = i
    limit = 14 if prev.text == ":" else 6
    j = i - 1
    while j >= 0 and punct_i - j <= limit:
        t = doc[j]
        if t.pos == SPACE and "\n" in t.text or ctx.inq[j] >= 0:
            break
        if t.text in (".", "!", "?", ";"):
            break
        if _is_cue_verb(t) and all(_descends_from(doc[k], t) for k in range(j + 1, punct_i)):
            return t, -1
        j -= 1
    if prev.text == ":" and punct_i - j <= 7:
        # "Kerry: '…'" — a short noun phrase label before a colon
        head = doc[punct_i - 1]
        if head.pos in (PROPN, NOUN) and (j < 0 or doc[j].text in (".", "\n") or doc[j].pos == SPACE):
            return None, punct_i
    return None, -1


def _quote_runs_on(ctx: _Ctx, qi: int) -> bool:
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


_DASHES = frozenset({"―", "—", "–", "-", "--", "~"})


def _dash_byline(ctx: _Ctx, qi: int) -> tuple[Token, tuple[int, int]] | None:
    """``"…" ― Name``: a quote signed with a dash and a name (vox pops, epigraphs, social posts)."""
    q = ctx.quotes[qi]
    if q.close_mark < 0:
        return None
    doc = ctx.doc
    i = ctx.tok_at(q.close_mark) + 1
    while i < len(doc) and doc[i].is_space and "\n" not in doc[i].text:
        i += 1
    if i + 1 >= len(doc) or doc[i].text not in _DASHES:
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


def _quote_words(ctx: _Ctx, qi: int) -> tuple[int, bool]:
    """Number of word tokens in a quote and whether it holds a verb."""
    q = ctx.quotes[qi]
    a, b = ctx.tok_at(q.start), ctx.tok_at(max(q.end - 1, q.start))
    words = 0
    verb = False
    for t in ctx.doc[a : b + 1]:
        if t.is_alpha or t.like_num:
            words += 1
        if t.pos in (VERB, AUX):
            verb = True
    return words, verb


def _is_label_quote(ctx: _Ctx, qi: int) -> bool:
    """Scare quotes, titles and nicknames: ``so-called "reform"``, ``Dwayne "The Rock" Johnson``."""
    q = ctx.quotes[qi]
    doc = ctx.doc
    a = ctx.tok_at(q.open_mark)
    b = ctx.tok_at(q.close_mark) if q.close_mark >= 0 else len(doc) - 1
    before = doc[a - 1] if a > 0 else None
    after = doc[b + 1] if b + 1 < len(doc) else None
    if before is not None and before.lower_ in _SCARE_BEFORE:
        return True
    return (
        before is not None
        and after is not None
        and before.pos == PROPN
        and after.pos == PROPN
        and before.sent == after.sent
    )


def _quote_content(ctx: _Ctx, qi: int) -> tuple[int, int]:
    q = ctx.quotes[qi]
    a, b = q.start, q.end
    text = ctx.text
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
        b -= 1
    return a, b


def _fragment_start(ctx: _Ctx, qi: int) -> int:
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
    a, _ = _clip_paragraph(ctx, i, a, i)
    span = _trim(ctx, a, i - 1)
    return span[0] if span else -1


def _quote_outer_end(ctx: _Ctx, qi: int) -> int:
    q = ctx.quotes[qi]
    if q.close_mark < 0:
        return q.end
    end = q.close_mark
    while end > q.start and ctx.text[end - 1] in ", ":
        end -= 1
    return end


def _sentence_alone(ctx: _Ctx, qi: int) -> bool:
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


def _direct_candidates(ctx: _Ctx) -> tuple[list[_Cand], list[int]]:
    """Quotes tied to an adjacent speech clause; also returns the quotes left without one."""
    cands: list[_Cand] = []
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
            byline = _dash_byline(ctx, qi)
            if byline is not None:
                dash, src = byline
                a, b = _quote_content(ctx, qi)
                cands.append(_Cand(a, b, (dash.idx, ctx.tok_end(dash.i)), src, dash.i, 0, qi, "direct"))
                continue
        words, has_verb = _quote_words(ctx, qi)
        label = _is_label_quote(ctx, qi)
        if verb is None and colon < 0:
            if (words >= 2 or has_verb) and not label:
                loose.append(qi)
            continue
        if label or (
            words < 3
            and not has_verb
            and not before
            and colon < 0
            and not tail_cue
            and not _sentence_alone(ctx, qi)
        ):
            continue
        a, b = _quote_content(ctx, qi)
        if b <= a:
            continue
        if verb is not None:
            content_tok = ctx.tok_at(q.open_mark) if q.open_mark > verb.idx else -1
            ca, cb, carrier = _cue_span(ctx, verb, content_tok if content_tok > verb.i else 10**9)
            subj = _past_dateline(ctx, _subject(carrier) or fallback, verb)
            src = _mention(ctx, subj) if subj is not None else None
            frag = _fragment_start(ctx, qi) if verb.idx > q.open_mark else -1
            if frag >= 0:
                # 'The failure was "heartbreaking," she said.' — the quote is part of a reported clause
                cands.append(_Cand(frag, _quote_outer_end(ctx, qi), (ca, cb), src, verb.i, 0, -1, None))
            else:
                cands.append(_Cand(a, b, (ca, cb), src, verb.i, 0, qi, "direct"))
        else:
            colon_tok = ctx.doc[colon]
            head = ctx.doc[colon - 1]
            for _ in range(5):
                up = head.head
                if up.i == head.i or up.i >= colon or up.i < colon - 8:
                    break
                head = up
            src = _mention(ctx, head)
            cands.append(_Cand(a, b, (colon_tok.idx, colon_tok.idx + 1), src, colon, 0, qi, "direct"))
    return cands, loose


# --------------------------------------------------------------------------- indirect speech


def _complement(ctx: _Ctx, v: Token) -> tuple[int, int, int, bool] | None:
    """Token range [a, b] of what a cue verb reports, the last token of the cue, and whether it is an object.

    In order: a clausal complement (``said that …``), ``make clear that …``, an infinitive or
    participial complement (``vowed to …``), an object for verbs of stance (``praised the plan``,
    ``called the deal a disaster``), a prepositional object (``called for …``, ``warned of …``).
    """
    lemma = v.lemma
    ccomp = xcomp = dobj = intj = oprd = prt = None
    preps: list[Token] = []
    para = ctx.para[v.i]
    for c in v.children:
        dep = c.dep_
        if ctx.para[c.i] != para:
            continue
        if dep in ("acomp", "oprd", "ccomp") and c.lemma_ in ("clear", "plain"):
            for d in c.children:
                if d.dep_ in ("ccomp", "advcl") and d.i > c.i:
                    return d.left_edge.i, d.right_edge.i, c.i, False
        elif dep == "ccomp" and (ccomp is None or ccomp.i < v.i):
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
    if ccomp is not None:
        return ccomp.left_edge.i, ccomp.right_edge.i, v.i, False
    lex = ctx.lex
    if xcomp is not None and xcomp.i > v.i and (lemma in lex.infinitive or xcomp.tag_ != "VB"):
        if lemma not in _NEEDS_SPEECH_XCOMP or lex.parc or xcomp.lemma in _SPEECH:
            return xcomp.left_edge.i, xcomp.right_edge.i, v.i, False
    if dobj is not None and dobj.i > v.i:
        if lemma in _LABEL_VERBS:
            if oprd is not None:
                return dobj.left_edge.i, oprd.right_edge.i, v.i, True
            if prt is None:
                return None
        if lemma in _TELL and dobj.lemma_ in _TOLD_THINGS:
            return dobj.left_edge.i, _np_end(dobj), v.i, True
        if lemma in lex.objects and (dobj.lower_ not in _EMPTY_OBJECTS or oprd is not None):
            end = max([_np_end(dobj)] + [x.right_edge.i for x in (oprd, xcomp) if x is not None])
            for p in preps:
                if p.i == end + 1 and p.lower_ in ("of", "for", "as", "with", "on") and not _is_time(p):
                    end = p.right_edge.i
            return dobj.left_edge.i, end, v.i, True
        return None
    allowed = lex.prep.get(lemma)
    if allowed and not any(c.dep_ == "auxpass" for c in v.children):
        for p in preps:
            if p.lower_ in allowed and p.i <= v.i + 3:
                obj = next((c for c in p.children if c.dep_ in ("pobj", "pcomp")), None)
                if (
                    obj is not None
                    and obj.ent_type_ not in ("DATE", "TIME")
                    and obj.lemma_ not in _NOT_CONTENT
                ):
                    return p.i + 1, p.right_edge.i, p.i, True
    if intj is not None:
        return intj.i, intj.i, v.i, True
    # the parser hung the that-clause on an adjunct ("said during a news conference that …")
    doc = v.doc
    for i in range(v.i + 1, min(v.right_edge.i, v.i + 15) + 1):
        t = doc[i]
        if t.dep_ == "mark" and t.lower_ == "that" and t.head.i > i and ctx.inq[i] < 0:
            return i, t.head.right_edge.i, v.i, False
        if t.text in (";", ":") or t.is_sent_start:
            break
    return None


def _is_time(prep: Token) -> bool:
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


def _clause_end(v: Token, a: int) -> int:
    """Last token of the clause of cue verb ``v`` after token ``a``, leaving out coordinated verbs."""
    end = a
    for c in v.rights:
        if c.i < a:
            continue
        if c.dep_ in ("conj", "cc") or (c.dep_ == "punct" and c.text in (";", "--", "—")):
            break
        if c.dep_ != "punct":
            end = max(end, c.right_edge.i)
    return end


def _cut_trailing_cue(ctx: _Ctx, a: int, b: int) -> int:
    """End the content before a trailing ``, adding …`` / ``, saying …`` participle (its own attribution)."""
    doc = ctx.doc
    for i in range(a + 2, b + 1):
        t = doc[i]
        if t.tag_ == "VBG" and t.lemma in ctx.lex.verbs and doc[i - 1].text == "," and ctx.inq[i] < 0:
            if t.right_edge.i >= b - 1:
                return i - 2
    return b


def _cut_trailing_clause(ctx: _Ctx, a: int, b: int) -> int:
    """End the content before a comma-led clause that adds the reporter's own words.

    ``…, and three-quarters said …`` (a coordinated clause with its own subject) and
    ``…, which forced …`` (a non-restrictive relative clause at the end) are not part of what was said.
    """
    doc = ctx.doc
    for i in range(a + 3, b):
        t = doc[i]
        if t.dep_ == "cc" and t.lower_ in ("and", "but") and ctx.inq[i] < 0:
            nxt = doc[i + 1]
            if (
                nxt.dep_ == "conj"
                and nxt.lemma in ctx.lex.verbs
                and nxt.pos == VERB
                and not any(c.dep_ == "nsubj" for c in nxt.children)
            ):
                return i - 1  # "… and called the field 'unheard of'": a second speech act
        if t.text != "," or ctx.inq[i] >= 0:
            continue
        nxt = doc[i + 1]
        if nxt.dep_ == "cc" and i + 2 <= b:
            verb = nxt.head
            if nxt.lower_ in ("and", "but") and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.i > i for c in _conj_of(verb, i)
            ):
                return i - 1
        elif nxt.lower_ in ("which", "whom") and nxt.head.right_edge.i >= b - 1:
            return i - 1
        elif nxt.lower_ in _TAIL_MARKERS:
            return i - 1
    return b


def _conj_of(head: Token, after: int) -> list[Token]:
    """Children of the clause coordinated to ``head`` after token ``after``."""
    for c in head.rights:
        if c.dep_ == "conj" and c.i > after:
            return list(c.children)
    return []


def _clip_paragraph(ctx: _Ctx, anchor: int, a: int, b: int) -> tuple[int, int]:
    """Clip token range [a, b] to the paragraph of token ``anchor`` (parses can run across them)."""
    para = ctx.para
    p = para[anchor]
    while a <= b and para[a] != p:
        a += 1
    while b >= a and para[b] != p:
        b -= 1
    return a, b


def _pull_content_start(ctx: _Ctx, first: int, a: int) -> int:
    """Start the content right after the cue unless only adjuncts (dates, adverbs) come between.

    Guards against parses that hang the subject of the complement on the cue verb
    ("said about half of the adjustment reflected …").
    """
    doc = ctx.doc
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


def _clause_minus(ctx: _Ctx, clause: Token, cut_a: int, cut_b: int) -> tuple[int, int] | None:
    """Content of ``clause`` with the token range [cut_a, cut_b] (the speech clause) taken out."""
    a, b = clause.left_edge.i, clause.right_edge.i
    sent = clause.sent
    a, b = max(a, sent.start), min(b, sent.end - 1)
    before = _trim(ctx, a, cut_a - 1) if cut_a > a else None
    after = _trim(ctx, cut_b + 1, b) if cut_b < b else None
    if before and after:
        return before[0], after[1]
    return before or after


def _verb_candidate(ctx: _Ctx, v: Token) -> _Cand | None:
    """An indirect (or mixed) attribution around cue verb ``v``."""
    lemma = v.lemma
    comp = _complement(ctx, v)
    rank = 1
    if comp is not None:
        a, b, cue_last, is_object = comp
        if a <= v.i <= b:
            if a > v.i - 1 or b - v.i > v.i - a:
                a = v.i + 1
            else:
                b = v.i - 1
        cue_a, cue_b, carrier = _cue_span(ctx, v, a if a > v.i else 10**9)
        if cue_last > v.i and cue_last < a:
            cue_b = max(cue_b, ctx.tok_end(cue_last))
        # do not let the content swallow the speech clause on either side
        cue_tok_a = ctx.tok_at(cue_a)
        if a < cue_tok_a <= b:
            b = cue_tok_a - 1
        if a > v.i:
            a = _pull_content_start(ctx, ctx.tok_at(cue_b - 1) + 1, a)
            if cue_last == v.i and not is_object:
                b = max(b, _clause_end(v, a))
            b = _cut_trailing_cue(ctx, a, b)
            b = _cut_trailing_clause(ctx, a, b)
        a, b = _clip_paragraph(ctx, v.i, a, b)
        span = _trim(ctx, a, b) if a <= b else None
    else:
        if lemma in _BELIEF and lemma not in _SPEECH:
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
        )
        if not paren or head.i == v.i or not _subject(v):
            return None
        cue_a, cue_b, carrier = _cue_span(ctx, v, 10**9)
        span = _clause_minus(ctx, head, v.left_edge.i, v.right_edge.i)
        # a final speech clause ("…, the source added.") is the outer attribution; a medial one ranks lower
        rank = 1 if span is not None and span[1] <= v.left_edge.idx else 2
    if span is None:
        return None
    sourceless = ctx.lex.parc and _sourceless(v)
    if (
        v.tag_ == "VBN"
        and v.dep_ in ("advcl", "acl", "amod")
        and not any(c.dep_ == "agent" for c in v.children)
    ):
        if not sourceless:
            return None  # "when asked …", "as reported …": the subject is not the speaker
        subj = None
    else:
        subj = _past_dateline(ctx, _subject(carrier), v)
        if sourceless and subj is not None and subj.dep_ == "nsubjpass":
            subj = None  # "Growth is expected to slow": the subject is part of what is expected
    if subj is None and v.dep_ != "acl" and not sourceless:
        return None
    if subj is not None and subj.lower_ == "that" and subj.i + 1 == v.i and _followed_by_comma(v):
        return None  # "That said, …"
    src = _mention(ctx, subj) if subj is not None else None
    if rank == 1 and src is not None and span[0] < src[1] and src[0] < span[1]:
        return None
    return _Cand(span[0], span[1], (cue_a, cue_b), src, v.i, rank)


def _seem_candidate(ctx: _Ctx, v: Token) -> _Cand | None:
    """PARC profile: ``X seems to …`` / ``X appears to …`` — an evaluation without a stated source."""
    xcomp = next((c for c in v.rights if c.dep_ == "xcomp"), None)
    subj = next((c for c in v.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    if xcomp is None or subj is None or subj.lower_ in cues.FIRST_PERSON:
        return None
    a, b = _clip_paragraph(ctx, v.i, subj.left_edge.i, xcomp.right_edge.i)
    span = _trim(ctx, a, b) if a <= b else None
    if span is None:
        return None
    return _Cand(span[0], span[1], (v.idx, ctx.tok_end(v.i)), None, v.i, 1)


def _followed_by_comma(t: Token) -> bool:
    return t.i + 1 < len(t.doc) and t.doc[t.i + 1].text == ","


def _sourceless(v: Token) -> bool:
    """PARC profile: reports without a stated source ("is expected to …", "Asked about …", "it was said")."""
    if v.lemma not in _PASSIVE_REPORTS:
        return False
    if v.tag_ == "VBN" and (any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children) or v.dep_ == "advcl"):
        return True
    return False


def _according_candidate(ctx: _Ctx, t: Token) -> _Cand | None:
    """``according to X`` — the rest of the clause is the content."""
    doc = ctx.doc
    if t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "to":
        return None
    to = doc[t.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lower_ in cues.RELATIVE_PRONOUNS:
        return None
    src = _mention(ctx, pobj)
    sent = t.sent
    a, b = _clip_paragraph(ctx, t.i, sent.start, sent.end - 1)
    span = _clause_minus_sent(ctx, a, b, t.i, max(t.right_edge.i, to.right_edge.i))
    if span is None:
        return None
    return _Cand(span[0], span[1], (t.idx, ctx.tok_end(to.i)), src, t.i, 1)


def _clause_minus_sent(ctx: _Ctx, a: int, b: int, cut_a: int, cut_b: int) -> tuple[int, int] | None:
    before = _trim(ctx, a, cut_a - 1) if cut_a > a else None
    after = _trim(ctx, cut_b + 1, b) if cut_b < b else None
    if before and after:
        return before[0], after[1]
    return before or after


def _noun_candidate(ctx: _Ctx, n: Token) -> _Cand | None:
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
    span = _trim(ctx, lo, clause.right_edge.i)
    if span is None:
        return None
    src = None
    for c in n.children:
        if c.dep_ == "poss":
            src = _mention(ctx, c)
            break
        if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i < clause.i:
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None:
                src = _mention(ctx, pobj)
                break
    if src is None and n.dep_ == "dobj":
        subj = _subject(n.head)
        if subj is not None:
            src = _mention(ctx, subj)
    if src is None and needs_source:
        return None
    return _Cand(span[0], span[1], (n.idx, ctx.tok_end(cue_end)), src, n.i, 3)


def _adjective_candidate(ctx: _Ctx, adj: Token) -> _Cand | None:
    """``X is confident that …``, ``Y was critical of …``: a stance adjective and its complement."""
    head = adj.head
    subj = _subject(head)
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
    a, b = _clip_paragraph(ctx, adj.i, a, comp.right_edge.i)
    span = _trim(ctx, a, b) if a <= b else None
    if span is None:
        return None
    return _Cand(
        span[0],
        span[1],
        (head.idx if head.i < adj.i else adj.idx, ctx.tok_end(cue_end)),
        _mention(ctx, subj),
        adj.i,
        1,
    )


_LABEL_STOP = frozenset(
    "update updated note editor editors related read watch photo photos video videos source sources "
    "correction clarification disclosure image images credit credits caption advertisement listen "
    "tags tag topics subscribe follow share email contact transcript q a more also see".split()
)


def _colon_label_candidate(ctx: _Ctx, colon: Token) -> _Cand | None:
    """``Name: what they said`` at the start of a paragraph (headlines, transcripts, Q&A)."""
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
    if any(t.pos in (VERB, AUX) and t.tag_ != "VBN" for t in label) or label[0].lower_ in _LABEL_STOP:
        return None
    if not any(t.ent_type_ in ("PERSON", "ORG") or (t.is_upper and len(t.text) > 1) for t in label):
        return None
    if i + 1 < len(doc) and _opens_quote(ctx, i + 1 if not doc[i + 1].is_space else min(i + 2, len(doc) - 1)):
        return None  # handled with the quote
    end = i + 1
    while end < len(doc) and ctx.para[end] == p:
        end += 1
    span = _trim(ctx, i + 1, end - 1)
    if span is None or span[1] - span[0] < 8 or not any(t.pos in (VERB, AUX) for t in doc[i + 1 : end]):
        return None
    return _Cand(span[0], span[1], (colon.idx, colon.idx + 1), (label[0].idx, ctx.tok_end(i - 1)), i, 2)


def _makes_clear(v: Token) -> bool:
    return any(c.lemma_ in ("clear", "plain") for c in v.rights)


def _indirect_candidates(ctx: _Ctx, used_cues: set[int]) -> list[_Cand]:
    cands = []
    inq = ctx.inq
    lex = ctx.lex
    for t in ctx.doc:
        if inq[t.i] >= 0 or t.i in used_cues:
            continue
        lemma = t.lemma
        cand = None
        if t.pos == VERB and (lemma in lex.verbs or (lemma in _MAKE and _makes_clear(t))):
            if t.dep_ in ("amod", "compound"):
                continue
            cand = _verb_candidate(ctx, t)
        elif lex.parc and lemma in _SEEM and t.pos in (VERB, AUX):
            cand = _seem_candidate(ctx, t)
        elif lemma in _ACCORD and t.lower_ == "according":
            cand = _according_candidate(ctx, t)
        elif t.pos == NOUN and (lemma in _NOUN_CUES or lemma in lex.noun_prep):
            cand = _noun_candidate(ctx, t)
        elif t.pos == ADJ and lemma in lex.adjectives and t.dep_ == "acomp":
            cand = _adjective_candidate(ctx, t)
        elif t.text == ":" and t.i < 12:
            cand = _colon_label_candidate(ctx, t)
        elif t.text == ":" and ctx.para[t.i - 1] != ctx.para[max(t.i - 8, 0)]:
            cand = _colon_label_candidate(ctx, t)
        if cand is not None:
            cands.append(cand)
    return cands


# --------------------------------------------------------------------------- assembly


def _extend_over_quotes(ctx: _Ctx, c: _Cand) -> None:
    """Grow an indirect content so that it never cuts a quotation in two."""
    for qi in ctx.quotes_in(c.start, c.end):
        q = ctx.quotes[qi]
        qa = q.open_mark
        qb = q.close_mark + 1 if q.close_mark >= 0 else q.end
        if qa < c.start < qb <= c.end + 1 and c.start - qa <= 2:
            c.start = qa
        if c.start <= qa < c.end < qb:
            c.end = qb


def _classify(ctx: _Ctx, c: _Cand) -> AttributionType:
    """direct / mixed / indirect from how much of the content is inside quote marks."""
    if c.forced is not None:
        return c.forced
    text = ctx.text
    inside = outside = 0
    pos = c.start
    for qi in ctx.quotes_in(c.start, c.end):
        q = ctx.quotes[qi]
        if _is_label_quote(ctx, qi):
            continue
        a, b = max(q.start, c.start), min(q.end, c.end)
        if a >= b:
            continue
        outside += _alnum(text, pos, a)
        inside += _alnum(text, a, b)
        pos = max(pos, b)
    outside += _alnum(text, pos, c.end)
    if inside == 0:
        return "indirect"
    if outside == 0 or (outside <= 4 and text[c.start : c.start + 4].lower() == "that"):
        return "direct"
    return "mixed"


def _alnum(text: str, a: int, b: int) -> int:
    return sum(1 for ch in text[a:b] if ch.isalnum()) if b > a else 0


def _nested_in(c: _Cand, outer: list[_Cand]) -> bool:
    """Whether a quote attribution sits inside another attribution's content, cue and all."""
    if c.cue is None:
        return False
    for o in outer:
        if o.start <= c.start and c.end <= o.end and o.start <= c.cue[0] < o.end:
            if not (c.start <= o.cue[0] < c.end):
                return True
    return False


def _resolve(cands: list[_Cand]) -> list[_Cand]:
    """Univocal overlap resolution: direct quotes first, then outer contents before inner ones."""
    outer = [c for c in cands if c.rank == 1 and c.cue is not None]
    cands = [c for c in cands if not (c.rank == 0 and _nested_in(c, outer))]
    order = sorted(cands, key=lambda c: (c.rank, -(c.end - c.start), c.start))
    kept: list[_Cand] = []
    starts: list[int] = []
    for c in order:
        if c.end <= c.start:
            continue
        clash = False
        for k in kept:
            if c.start < k.end and k.start < c.end:
                clash = True
                break
            if c.cue is not None and k.start <= c.cue[0] < k.end:
                clash = True
                break
        if not clash:
            kept.append(c)
            starts.append(c.start)
    kept.sort(key=lambda c: c.start)
    return kept


_GAP_LEAD = ",.;:!?…)]— " + cues.QUOTE_CHARS


def _has_quote_mark(s: str) -> bool:
    return any(ch in cues.QUOTE_CHARS and ch not in "'’" for ch in s)


def _starts_paragraph(text: str, pos: int) -> bool:
    j = text.rfind("\n", 0, pos)
    return not text[j + 1 : pos].strip()


def _continuations(ctx: _Ctx, kept: list[_Cand], loose: list[int]) -> list[_Cand]:
    """Quotes standing alone after an attribution take its speaker (same paragraph: its cue too)."""
    out: list[_Cand] = []
    if not loose:
        return out
    starts = [k.start for k in kept]
    text = ctx.text
    for qi in loose:
        q = ctx.quotes[qi]
        a, b = _quote_content(ctx, qi)
        if b <= a:
            continue
        i = bisect_left(starts, a) - 1
        if i >= 0 and kept[i].end > a:
            continue  # already inside an attribution
        if i + 1 < len(kept) and kept[i + 1].start < b:
            continue
        if i < 0 or not _sentence_alone(ctx, qi):
            continue
        prev = kept[i]
        gap = text[prev.end : q.open_mark].lstrip(_GAP_LEAD)
        if len(gap) > 400 or _has_quote_mark(gap):
            continue
        same_para = "\n" not in gap
        if same_para:
            if len(gap) > 300:
                continue
        else:
            # a new paragraph made of the quote, right after the paragraph of the previous attribution
            if gap.strip().count("\n") > 0 or not _starts_paragraph(text, q.open_mark):
                continue
            tail = gap[: gap.index("\n")]
            if len(tail) > 200:
                continue
        cue = prev.cue if same_para else None
        cand = _Cand(a, b, cue, prev.source, prev.cue_tok if same_para else -1, 4, qi, "direct")
        out.append(cand)
        kept.insert(i + 1, cand)
        starts.insert(i + 1, a)
    return out


_LEXICONS = {p: _build_lexicon(p) for p in cues.PROFILES}


def find_attributions(doc: Doc, *, profile: str = "speech") -> list[Attribution]:
    """Direct, indirect and mixed attributions in ``doc``, sorted by content start.

    ``profile="speech"`` (the default) reports what people and organisations said or wrote;
    ``profile="parc"`` also reports beliefs (``thinks that …``), stances with a noun-phrase content
    (``endorsed Cruz``, ``criticized the plan``) and stance adjectives, as PARC and PolNeAR annotate.
    Sources carry the mention as written (``source.name`` and ``source.entity`` are ``None``);
    ``presslens.extract.speakers.resolve_speakers`` resolves them.
    """
    if profile not in _LEXICONS:
        raise ValueError(f"unknown profile {profile!r}; expected one of {sorted(_LEXICONS)}")
    if len(doc) == 0:
        return []
    ctx = _Ctx(doc, _LEXICONS[profile])
    direct, loose = _direct_candidates(ctx)
    used = {c.cue_tok for c in direct}
    indirect = _indirect_candidates(ctx, used)
    for c in indirect:
        _extend_over_quotes(ctx, c)
    kept = _resolve(direct + indirect)
    _continuations(ctx, kept, loose)
    text = ctx.text
    out = []
    for c in kept:
        kind = _classify(ctx, c)
        start, end = c.start, c.end
        if kind == "direct" and c.quote < 0:
            qs = [qi for qi in ctx.quotes_in(start, end) if not _is_label_quote(ctx, qi)]
            if len(qs) == 1:
                start, end = _quote_content(ctx, qs[0])
        if end <= start:
            continue
        cue = Span.of(text, *c.cue) if c.cue else None
        mention = Span.of(text, *c.source) if c.source else None
        out.append(Attribution(kind, Span.of(text, start, end), cue, Source(None, "unknown", mention, None)))
    out.sort(key=lambda a: a.content.start)
    return out
