"""Word lists of the scorers (``presslens.eval``): the categories of their error breakdowns.

They sort gold items for reports (``benchmarks/eval_polnear.py``, ``benchmarks/eval_speakers.py``)
and are deliberately not the extractor's lists (``lexicon.cues``, ``lexicon.roles``): a scorer that
reused them would only count what the extractor already knows. Editing one changes the breakdown
lines of those reports, never a score. Lower case, compared with lemmas and lower-cased words.
"""

from __future__ import annotations

from presslens.lexicon import words as _words

# Cues whose content is a belief, thought, wish or expectation rather than something said.
BELIEF_CUES = _words(
    "think believe feel hope want fear expect know worry suspect wish assume doubt "
    "consider imagine understand see view regard reckon guess suppose realize realise "
    "remember forget wonder agree disagree like love hate prefer need"
)
# Cues that introduce polls, surveys, studies, reports and other documents.
DOCUMENT_CUES = _words(
    "poll polls survey surveys study studies report reports document documents memo data "
    "analysis research figures statistics filing filings record records show shows showed "
    "shown find finds found indicate indicates indicated suggest suggests suggested"
)
# Auxiliaries, adverbs and function words skipped when naming a multi-word cue by its main word.
CUE_FILLER = _words(
    "has have had having is are was were be been being am also not will would could can may might "
    "should must shall did do does didn doesn don t s just later then still now recently often even "
    "reportedly previously repeatedly publicly already once again the a an it in to for on that who "
    "which he she they we i you n never always"
)
# Speaker mentions that are pronouns (a speaker written as one of these is scored as a pronoun).
PRONOUN_MENTIONS = _words("he she him her his hers they them their it its i we you who which that")
