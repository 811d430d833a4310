"""What every pass of attribution extraction shares: candidates and their ranks, the cue lexicon
of each profile as string hashes, and the per-document ``Context`` (quotes, paragraphs, token offsets).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from enum import IntEnum

from spacy.strings import hash_string
from spacy.tokens import Doc

from presslens.extract import cues
from presslens.extract.attribution.learned_cues import CueModel
from presslens.extract.attribution.quotes import find_quotes
from presslens.lexicon import attribution as lexicon
from presslens.lexicon.cues import (
    AGENT_NOUNS,
    AS_FRAME_VERBS,
    BELIEF_ADJECTIVES,
    BELIEF_NOUNS,
    PARTICIPLE_LINKS,
    QUESTION_OPENERS,
    STANCE_NOUNS,
    WITHHOLDING_LEADERS,
)
from presslens.lexicon.quotes import DASHES  # in datelines ("MOSCOW (TASS) -") and bylines ('"…" ― Name')
from presslens.schema import AttributionAct, AttributionType


class Rank(IntEnum):
    """Which candidate wins when two overlap: the lower rank (then the longer content, then the earlier)."""

    #: a quote with its speech clause, dash byline or ``Name:`` label
    DIRECT_QUOTE = 0
    #: a cue verb's complement, ``according to X``, a stance adjective, a final ``…, he said``
    REPORTING_CLAUSE = 1
    #: a speech clause inside its content (``…, he said, …``) and ``Name: …`` lines
    MEDIAL_CLAUSE = 2
    #: ``his claim that …``, ``her call to …``
    CUE_NOUN = 3
    #: a quote standing alone after an attribution, taking over its speaker
    CONTINUATION = 4
    #: a verb outside the cue lexicon that the learned cue model chose: never wins an overlap
    LEARNED_CUE = 5


# How far back (in characters) ``Context.quotes_in`` looks for a quote that still covers a position.
QUOTE_LOOKBACK_CHARS = 20000

# Lemma hashes of the cue words that do not depend on the profile.
SPEECH = cues.hashes(cues.SPEECH_VERBS)
BELIEF = cues.hashes(cues.BELIEF_VERBS)
NOUN_CUES = cues.hashes(cues.NOUN_CUES)
LEADERS = cues.hashes(cues.CUE_LEADERS)
FRAME_NOUNS = cues.hashes(cues.CUE_FRAME_NOUNS)
SAY = cues.hashes(lexicon.SAY)
MAKE = cues.hashes(lexicon.MAKE)
SEEM = cues.hashes(lexicon.SEEM)
ACCORD = cues.hashes(lexicon.ACCORD)
SPEECH_PASSIVES = cues.hashes(lexicon.SPEECH_PASSIVES)
PASSIVE_REPORTS = cues.hashes(lexicon.PASSIVE_REPORTS | lexicon.SPEECH_PASSIVES)  # the parc profile's
QUOTED = cues.hashes(lexicon.QUOTED)
REPORTING_ADVERB = frozenset(lexicon.REPORTING_ADVERBS)  # compared with ``Token.lower_``
NEEDS_SPEECH_XCOMP = cues.hashes(lexicon.NEEDS_SPEECH_XCOMP)
LABEL_VERBS = cues.hashes(lexicon.LABEL_VERBS)
TELL = cues.hashes(lexicon.TELL)
INFERENCE = cues.hashes(lexicon.INFERENCE)
NP_STATEMENT = cues.hashes(lexicon.NP_STATEMENT)
BELIEF_NOUN = cues.hashes(BELIEF_NOUNS)
STANCE_NOUN = cues.hashes(STANCE_NOUNS)
BELIEF_ADJ = cues.hashes(BELIEF_ADJECTIVES)
WITHHOLDING = cues.hashes(WITHHOLDING_LEADERS)
AS_FRAME = cues.hashes(AS_FRAME_VERBS)
AGENT_NOUN = cues.hashes(AGENT_NOUNS)
FIGURE = cues.hashes(lexicon.FIGURE_VERBS)
HEAR = cues.hashes(lexicon.HEAR)
CLAUSE_VERB = cues.hashes(cues.CLAUSE_ONLY_VERBS | lexicon.SAY)  # verbs that report a clause
HEARING_BODY = cues.hashes(lexicon.HEARING_BODIES)
REQUEST = cues.hashes(cues.SPEECH_INFINITIVE_VERBS)  # their object is the addressee ("urged voters to …")
QUESTION_OPENER = frozenset(QUESTION_OPENERS)  # compared with ``Token.lower_``
PARTICIPLE_LINK = frozenset(PARTICIPLE_LINKS)  # compared with ``Token.lower_``


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """The cue words of one profile, as spaCy string hashes."""

    parc: bool
    verbs: frozenset[int]
    infinitive: frozenset[int]
    objects: frozenset[int]
    prep: dict[int, frozenset[str]]
    noun_infinitive: frozenset[int]
    noun_prep: dict[int, frozenset[str]]
    adjectives: dict[int, frozenset[str]]


def _build_lexicon(profile: str) -> CueLexicon:
    """The cue words that ``profile`` ("speech" or "parc") reads, hashed."""
    parc = profile == "parc"
    verbs = cues.SPEECH_VERBS | cues.BELIEF_VERBS if parc else cues.SPEECH_VERBS - cues.PARC_ONLY_VERBS
    infinitive = cues.INFINITIVE_CONTENT_VERBS | cues.BELIEF_VERBS if parc else cues.SPEECH_INFINITIVE_VERBS
    objects = cues.OBJECT_CONTENT_VERBS | cues.SPEECH_OBJECT_VERBS if parc else cues.SPEECH_OBJECT_VERBS
    objects = (objects | lexicon.SPEECH_OBJECT_EXTRA | lexicon.NP_STATEMENT) - cues.CLAUSE_ONLY_VERBS
    prep = {k: v for k, v in cues.PREP_CONTENT.items() if parc or k in cues.SPEECH_PREP_VERBS}
    noun_prep = {k: v for k, v in cues.NOUN_PREP_CONTENT.items() if parc or k in cues.SPEECH_NOUN_PREP}
    return CueLexicon(
        parc=parc,
        verbs=cues.hashes(verbs),
        infinitive=cues.hashes(infinitive),
        objects=cues.hashes(objects),
        prep={hash_string(k): v for k, v in prep.items()},
        noun_infinitive=cues.hashes(cues.NOUN_INFINITIVE_CUES),
        noun_prep={hash_string(k): v for k, v in noun_prep.items()},
        adjectives={hash_string(k): v for k, v in cues.ADJ_CUES.items()} if parc else {},
    )


@dataclass(slots=True, kw_only=True)
class Candidate:
    """A candidate attribution before overlap resolution (character offsets)."""

    start: int
    end: int
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    cue_tok: int  # token index of the cue word, -1 when there is none
    rank: Rank
    quote: int = -1  # index of the quote this came from, -1 when not a direct quote
    forced: AttributionType | None = None  # the type, when it is known without counting quoted words
    act: AttributionAct = "speech"  # what the cue reports (``Attribution.act``)
    relayed_by: tuple[int, int] | None = None  # the relaying source's mention (``Attribution.relayed_by``)


class Context:
    """Per-document state shared by the extraction passes."""

    _proper_words: frozenset[str] | None = None

    def proper_words(self) -> frozenset[str]:
        """Lower-cased words the document writes as capitalised proper nouns ("Pence", "Reuters")."""
        if self._proper_words is None:
            self._proper_words = frozenset(
                t.lower_ for t in self.doc if t.pos_ == "PROPN" and t.text[:1].isupper() and not t.is_upper
            )
        return self._proper_words

    def __init__(self, doc: Doc, lex: CueLexicon, cue_model: CueModel | None = None) -> None:
        self.doc = doc
        self.lex = lex
        self.cue_model = cue_model  # finds cue verbs outside the lexicon (parc profile)
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
        """Character offset just past token ``i`` (without its trailing space)."""
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
            if start - self.quotes[j + 1].start > QUOTE_LOOKBACK_CHARS:
                break
        j = lo
        while j < len(self.quotes) and self.quotes[j].start < end:
            out.append(j)
            j += 1
        return sorted(set(out))


# How many paragraphs from the top may open with a wire dateline (a headline or kicker may come first).
DATELINE_PARAGRAPHS = 3


def _dateline_end(doc: Doc) -> int:
    """Index of the first token after a wire dateline ("MOSCOW, March 3 (TASS) -"), else 0.

    The dateline opens one of the first ``DATELINE_PARAGRAPHS`` paragraphs: the first, or the one
    after a headline ("Storm knocks out power\n\nMIAMI (AP) — …").
    """
    i = 0
    n = len(doc)
    for _ in range(DATELINE_PARAGRAPHS):
        while i < n and doc[i].is_space:
            i += 1
        if i >= n:
            return 0
        end = _dateline_at(doc, i)
        if end:
            return end
        while i < n and "\n" not in doc[i].text_with_ws:
            i += 1  # on to the next paragraph
        i += 1
    return 0


def _dateline_at(doc: Doc, i: int) -> int:
    """End of a dateline opening at token ``i`` (an upper-case place, then a dash on the line), else 0."""
    if not (doc[i].is_upper and len(doc[i].text) > 1):
        return 0
    for k in range(i + 1, min(i + 25, len(doc))):
        t = doc[k]
        if "\n" in t.text:
            return 0
        if t.text in DASHES and (doc[k - 1].text == ")" or doc[k - 1].is_upper) and doc[k - 1].whitespace_:
            return k + 1
    return 0


LEXICONS = {p: _build_lexicon(p) for p in cues.PROFILES}
SPEECH_LEXICON = LEXICONS["speech"]


def noun_act(lemma: int, speech_prep: bool) -> AttributionAct:
    """``act`` of a cue noun (by lemma hash); ``speech_prep``: a prepositional content the speech profile reads."""
    if lemma in BELIEF_NOUN:
        return "belief"
    if lemma in STANCE_NOUN or not speech_prep:
        return "stance"
    return "speech"


def adjective_act(lemma: int) -> AttributionAct:
    """``act`` of a stance adjective (by lemma hash): "is confident that" a belief, "is critical of" a stance."""
    return "belief" if lemma in BELIEF_ADJ else "stance"
