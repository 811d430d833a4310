"""Word lists of attribution extraction (``presslens.extract.attribution``).

Plain words, lower case (lemmas where the code compares lemmas); the extractor turns the lemma lists
into spaCy string hashes itself. The cue lexicon proper (speech, belief and stance verbs, cue nouns,
multi-word cues) is ``cues``. The learned cue model (``models/reported-cues.*``) has a feature per
word of ``CONTENT_PREPOSITIONS``, so editing that list means retraining it; editing any other list
changes the extractor's output and the figures of ``benchmarks/eval_polnear.py``, nothing else.
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Speech verbs whose indirect object or short object belongs to the cue ("told reporters", "said to me").
SAY = _words("say tell add write state claim argue insist explain")

# "make": a cue only in "make clear / make plain that …".
MAKE = _words("make")

# The adjectives of "make it clear", "made plain that …".
CLEAR = _words("clear plain")

# PARC profile: "X seems to …", "appears to …" (an evaluation without a stated source).
SEEM = _words("seem appear")

# "according to X": the lemma spaCy gives "according".
ACCORD = _words("accord")

# Verbs that report speech with a plain noun-phrase object in both profiles ("repeated the claim").
SPEECH_OBJECT_EXTRA = _words("say write repeat tweet post ask")

# PARC profile: passives reported without a source ("is expected to …", "was reported …").
PASSIVE_REPORTS = _words(
    """
    expect believe report say think rumor rumour know consider estimate project predict ask announce
    reveal quote describe call allege suspect fear accuse
    """
)

# Speech profile: passives that report speech without naming the speaker ("She was told that …",
# "He is said to be furious", "The plan was described as …"); the parc profile reads PASSIVE_REPORTS.
SPEECH_PASSIVES = _words("say tell report describe allege rumor rumour ask")

# Adverbs that report their clause without a source ("The FBI is reportedly making arrangements …").
REPORTING_ADVERBS = _words("reportedly allegedly purportedly reputedly")

# Verbs whose passive subject is the speaker ("was quoted as saying").
QUOTED = _words("quote")

# Speech profile: these verbs report speech only with a speech verb after them
# ("declined to comment" does, "refused to concede" does not).
NEEDS_SPEECH_XCOMP = _words("refuse decline agree offer")

# Speech profile: what a declining or refusing speaker would not do ("declined to comment on …",
# "refused to elaborate"): no statement, though PolNeAR annotates it (the parc profile keeps it).
NO_COMMENT = _words("comment respond elaborate speculate discuss answer say name identify")

# Speech profile: a speech verb under one of these, negated, says who may not speak ("who was not
# authorized to speak publicly about the talks"): the condition of an anonymous source, no statement.
PERMISSION = _words("authorize authorise allow permit entitle")

# Speech profile: verbs of asking whose "about" object is a question only with a predicate in it
# ("asked about the remarks" names a topic).
ASK = _words("ask inquire enquire")

# Speech profile: "according to" these is a figure, not a statement ("according to data from …",
# "according to AFAD data"); compared with the word as written, so "a senior figure" stays a source.
DATA_WORDS = _words("data figures statistics numbers")

# Speech profile: subjects of "calls for" that require or predict rather than speak ("the forecast
# calls for heavy rain", "the plan calls for 500 job cuts").
NOT_CALLERS = _words(
    """
    forecast forecasts outlook projection projections prediction model plan plans budget proposal
    bill law agreement deal scenario schedule timetable rule rules regulation contract treaty recipe
    """
)

# Prepositions that open the circumstances of a statement, not its content ("called for calm as
# the two sides traded accusations", "after the vote", "amid protests").
CIRCUMSTANCE_PREPOSITIONS = _words("as after before amid amidst despite since until during following like")

# Prepositions of a phrase that tells when, where or on what occasion something was said, when it stands
# between the speech verb and the subject of what was said ("said after the vote she would …", "told
# reporters in Ottawa the plan was …"); "despite", "as" and "like" open part of the statement instead.
OCCASION_PREPOSITIONS = _words("after at before during following in on over since throughout within amid amidst")

# Prepositions that bring in the addressee of a request before its infinitive ("called on the festival
# to explain …", "appealed to workers to return …", "pleaded with voters to …").
ADDRESSEE_PREPOSITIONS = _words("on to with")

# Verbs that put a figure on something ("put the death toll at 70", "placed the cost at $2 billion"):
# an estimate when their object is followed by "at" and a number.
FIGURE_VERBS = _words("put place")

# Bodies that hear testimony: "…, the inquest heard Tuesday", "Inquiry hears officer fired …" report
# what witnesses said; the body is the hearer, so the statement has no source of its own.
HEARING_BODIES = _words("inquiry inquest commission court jury tribunal hearing committee trial panel")
HEAR = _words("hear")

# Verbs that name or label something ('what she calls "real solutions"'), not report speech.
LABEL_VERBS = _words("call label dub brand term name")

# Objects that stand for what was said without saying it ("said so", "told him nothing").
EMPTY_OBJECTS = _words("it so this that something anything nothing much little")

# Verbs that tell a story, and the stories they tell ("recounted the tale of …").
TELL = _words("tell recount relate recite share")
TOLD_THINGS = _words("story stories tale tales joke anecdote truth lie lies account")

# Words right before a quote that make it a label, title or scare quote, not a quotation.
SCARE_BEFORE = _words(
    """
    so-called called dubbed named titled entitled nicknamed known film movie book song album show
    series novel play headline slogan term word words phrase label
    """
)

# Prepositional objects that are circumstances, not what was said ("spoke on condition of anonymity").
NOT_CONTENT = _words("condition behalf record background phone telephone camera air television")

# Words that open a comma-led tail the reporter adds: ", compared with …", ", although …". (A
# ", while …" contrast stays part of what was said: "prices rose, while wages stagnated".)
TAIL_MARKERS = _words("compared although though prompting sparking")

# First words of a "Label: …" line that is page furniture, not a speaker ("Update: …", "Read more: …").
LABEL_STOP = _words(
    """
    update updated note editor editors related read watch photo photos video videos source sources
    correction clarification disclosure image images credit credits caption advertisement listen
    tags tag topics subscribe follow share email contact transcript q a more also see
    """
)

# Verbs that state a conclusion as often as a speaker's words ("suggesting …", "the data indicate …");
# the speech profile keeps them only with a speaker as subject.
INFERENCE = _words("suggest indicate imply signal")

# Verbs whose noun-phrase object is itself what was said ("lamented the loss of …", "decried the
# cuts", "described a chaotic morning", "blamed upstream dams for …"): the speech profile keeps such
# an object even without a predicate in it.
NP_STATEMENT = _words("lament bemoan decry deplore describe blame")

# Words after ", but" that correct the same statement rather than add another ("…, but rather …").
CORRECTION = _words("rather instead")

# Prepositions that introduce what a verb outside the cue lexicon reports ("talked about …",
# "likened it to …"): the learned cue model's features and the contents it may take.
CONTENT_PREPOSITIONS = _words("about of on for against over as with to")

# Occasions of speaking: "she said at a news conference announcing that …" is her announcement.
SPEAKING_OCCASIONS = _words(
    "conference briefing interview speech statement hearing rally appearance address event"
)

# Words the learned content-end model (``learned_ends``) names as themselves in its features ("…,
# while …", "…, according to …"); any other word counts by its part of speech. The model's weights
# are keyed by these names, so editing the list means retraining it (``training/train_cue_model.py``).
END_FEATURE_WORDS = _words(
    """
    which who whom whose that while as after before when because if since although though including
    according with without by in on at for to from until despite amid but and or nor so yet not
    saying adding noting calling arguing telling then even especially particularly than rather
    instead where whether what how why during over against among under about like unlike plus
    """
)
