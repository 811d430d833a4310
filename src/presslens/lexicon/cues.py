"""The cue lexicon: words and phrases that introduce reported speech (``presslens.extract.cues``).

The verb list follows the reporting-verb inventories used for attribution relations in PARC
(Pareti 2016) and PolNeAR (Newell, Margolin & Ruths 2018): speech acts (say, tell, add), written and
published statements (write, tweet, publish), stance and evaluation (argue, insist, deny, praise) and,
kept apart, verbs of belief and perception (think, believe, hope) that PolNeAR also annotates.
Everything is a lemma in lower case; the extractor compares lemma hashes, so lookups cost one set probe.
No trained model reads these lists: editing one changes attribution output and
``benchmarks/eval_polnear.py``.
"""

from __future__ import annotations

from presslens.lexicon import words as _words

# Verbs of saying and writing whose complement is what was said ("She insisted that …").
SPEECH_VERBS = _words(
    """
    say tell add ask answer reply respond retort counter rebut write report state declare announce
    proclaim pronounce claim argue assert insist maintain contend allege aver affirm reaffirm avow
    suggest note observe remark comment explain elaborate clarify specify detail outline summarize
    summarise point acknowledge admit concede confess confirm deny dispute reject dismiss refute
    warn caution predict forecast promise pledge vow guarantee swear threaten urge demand recommend
    propose advise estimate calculate conclude continue repeat reiterate stress emphasize emphasise
    underline underscore highlight mention recall recount describe characterize characterise
    tweet post blog testify plead complain lament protest object grumble boast brag joke quip
    shout yell scream cry whisper murmur mutter exclaim snap sigh laugh chant preach lecture
    question wonder speculate hint imply indicate signal reveal disclose divulge publish release
    inform notify assure reassure remind brief instruct order command teach read quote cite
    accuse charge blame criticize criticise condemn denounce attack slam blast lambaste praise
    hail welcome applaud commend thank congratulate apologize apologise agree disagree concur
    echo attest certify verify project anticipate reason theorize theorise posit hypothesize
    inquire enquire query request beg implore appeal invite challenge encourage press lobby
    campaign debate discuss talk speak chat tout trumpet vouch rule find
    advocate endorse support oppose back champion defend justify rationalize
    acclaim extol laud ridicule mock deride scoff sneer taunt tease chide scold rebuke reprimand
    berate castigate excoriate decry deplore bemoan bewail regret fret rail rant rave gush enthuse
    muse ponder reminisce confide retract recant correct amend dictate narrate
    relate recite broadcast air telegraph flag forewarn alert counsel
    exhort beseech entreat petition restate rephrase paraphrase
    interject interrupt intervene chime volunteer offer venture submit table file lodge contest
    bet wager guess figure surmise gather
    infer deduce judge reckon gauge assess evaluate rate rank label dub term call brand
    nickname portray paint depict cast frame position present pitch sell spin
    recognise recognize
    show express share name list refer remember voice assail credit convince persuade email
    sound reference nominate direct
    seek plan decline refuse intend aim vote
    """
)

# Verbs of belief, thought, feeling and perception: PolNeAR annotates them, many news readers do not.
# ("hop" is there because the small English lemmatiser turns "hoping" into it.)
BELIEF_VERBS = _words(
    """
    think believe feel hope hop fear expect know worry suspect wish want doubt assume presume
    imagine understand realize realise learn notice discover consider regard view
    deem suppose trust reckon figure sense anticipate envision envisage foresee dread prefer
    """
)

# Verbs whose object noun phrase is itself the reported content ("called the deal a disaster",
# "endorsed Cruz"); used only with a direct object and a subject.
OBJECT_CONTENT_VERBS = _words(
    """
    call describe accuse blame criticize criticise condemn denounce attack slam blast praise
    hail welcome applaud endorse support oppose back propose promise pledge announce predict
    defend dismiss reject deny confirm dispute question mock ridicule cite mention show
    express share name list
    demand urge recommend label dub brand characterize characterise portray recall reveal
    disclose acknowledge admit concede warn threaten tout champion decry deplore lambaste
    """
)

# Speech acts whose object noun phrase is what was said ("announced a ceasefire", "called the deal a
# disaster", "denied the charge"); the rest of OBJECT_CONTENT_VERBS (support, praise, attack …)
# express a stance and count only in the PARC profile.
SPEECH_OBJECT_VERBS = _words(
    """
    say write tweet post repeat ask announce confirm deny predict promise pledge propose demand
    recommend reveal disclose acknowledge admit concede cite mention describe call label dub brand
    accuse blame warn threaten urge quote recount characterize characterise portray
    highlight stress emphasize emphasise underline underscore outline detail echo reiterate restate
    explain thank express
    """
)

# Verbs that the PARC profile treats as cues but that do not report speech by themselves.
PARC_ONLY_VERBS = _words(
    """
    support back endorse oppose champion favor favour show name list refer remember
    voice credit convince persuade nominate seek plan intend aim vote sound reference email assail
    tout trumpet vouch campaign lobby debate discuss chat hail welcome applaud commend
    congratulate embrace mock ridicule deride scoff sneer taunt tease attack slam blast
    lambaste praise acclaim extol laud defend justify rationalize dismiss reject question challenge
    cast frame position present pitch sell spin paint depict
    """
)

# Verbs whose ``to``-infinitive complement is the content ("vowed to fight", "declined to comment").
INFINITIVE_CONTENT_VERBS = _words(
    """
    promise pledge vow threaten refuse decline agree offer urge ask demand swear vote plan
    seek intend aim hesitate tell warn advise order instruct encourage invite beg implore
    remind direct press push call challenge dare expect want hope wish appeal
    """
)

# Infinitive complements that report a speech act ("vowed to fight", "urged voters to stay home").
SPEECH_INFINITIVE_VERBS = _words(
    """
    promise pledge vow threaten refuse decline agree offer urge ask demand swear tell warn advise
    order instruct encourage invite beg implore remind call direct appeal
    """
)

# Verbs that only report speech when they have a clausal complement or an adjacent quotation.
CLAUSE_ONLY_VERBS = _words(
    """
    add continue hold find rule determine decide reason read write post tweet laugh sigh cry
    joke quip snap shout yell scream whisper murmur mutter exclaim smile nod shrug grin offer
    submit table file lodge figure gather judge rate rank learn notice discover sense
    seek plan decline refuse intend aim vote
    cast frame position present pitch sell spin paint appeal press charge challenge direct
    """
)

# Head verbs that take a cue as complement and join it in one cue span ("went on to argue",
# "was quick to point out", "took to Twitter to say").
CUE_LEADERS = _words("go continue proceed be take rush hasten decline refuse seem appear begin start")

# Leaders that withhold what follows: "declined to say whether …" reports no statement, as "did not say" does.
WITHHOLDING_LEADERS = _words("decline refuse")

# Words that open an indirect question ("did not say when …", "would not disclose how many …").
QUESTION_OPENERS = _words("whether if when how what why where who whom which")

# Verbs outside the lexicon that report a view in the frame "X as Y" only ("sees Cruz as a uniter").
AS_FRAME_VERBS = _words("see perceive treat")

# Nouns for a person by the stance they take ("X is a vocal supporter of Y", "Adelson, a fierce critic of Y").
AGENT_NOUNS = _words(
    """
    supporter proponent opponent critic backer advocate champion defender foe fan ally admirer detractor
    """
)

# Nouns of polls and surveys that report their findings through "in" ("Trump leads in the latest poll").
POLL_NOUNS = _words("poll polls survey surveys polling")

# Headline kickers that name a genre, not a source ("Analysis: The race is tightening").
HEADLINE_KICKERS = _words(
    """
    analysis opinion commentary editorial column exclusive explainer factbox factcheck breaking live
    update review obituary recap preview photos video watch
    """
)

# Subordinators after which a speech participle still reports the speaker ("…, while cautioning that …").
PARTICIPLE_LINKS = _words("while before after")

# Verbs whose prepositional object is the content ("called for a recount", "warned of a crisis").
PREP_CONTENT: dict[str, frozenset[str]] = {
    k: _words(v)
    for k, v in {
        "call": "for on",
        "push": "for",
        "press": "for",
        "refer": "to",
        "point": "to",
        "focus": "on",
        "speak": "about of on",
        "talk": "about of",
        "warn": "of about against",
        "caution": "against about",
        "complain": "about of",
        "comment": "on",
        "rail": "against",
        "argue": "for against over about",
        "remind": "of",
        "advocate": "for",
        "vote": "for against",
        "ask": "for about",
        "apologize": "for",
        "apologise": "for",
        "respond": "to",
        "reply": "to",
        "react": "to",
        "testify": "about",
        "boast": "about of",
        "brag": "about",
        "joke": "about",
        "write": "about of",
        "tweet": "about",
        "campaign": "for against on",
        "lobby": "for against",
        "insist": "on",
        "agree": "on to",
        "hint": "at",
        "object": "to",
        "think": "about of",
        "worry": "about",
        "hope": "for",
        "pray": "for",
        "plead": "for",
        "appeal": "for",
        "demand": "of",
        "express": "about",
        "weigh": "on",
        "criticize": "for",
        "criticise": "for",
        "blame": "for on",
        "praise": "for",
        "accuse": "of",
        "mention": "in",
        "remark": "on upon",
        "reflect": "on upon",
        "elaborate": "on",
        "expand": "on upon",
        "touch": "on upon",
        "muse": "about on",
        "rave": "about",
        "rant": "about",
        "fret": "about over",
        "lash": "at",
        "hit": "at",
        "fire": "at",
        "take": "aim",
    }.items()
}

# The prepositional contents that report speech ("called for", "warned of"); others are PARC-only.
SPEECH_PREP_VERBS = _words(
    """
    call warn caution complain comment rail argue advocate ask apologize apologise
    testify boast brag joke write tweet insist plead appeal speak talk hint object accuse blame
    point remind
    """
)

# Multi-word cues written as phrases, matched on the lower-cased tokens from the cue verb (or the verb
# that leads it) onwards; the parse already finds most of them, the list makes the span exact.
CUE_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in (
        "according to",
        "went on to say",
        "went on to argue",
        "went on to add",
        "went on to explain",
        "went on to note",
        "made clear",
        "made it clear",
        "made it plain",
        "pointed out",
        "points out",
        "point out",
        "told reporters",
        "told journalists",
        "told the press",
        "said in a statement",
        "said in an interview",
        "said in a speech",
        "in a statement",
        "in an interview",
        "in a speech",
        "in a tweet",
        "in a post",
        "in a letter",
        "in a memo",
        "in an email",
        "in a filing",
        "in a press release",
        "in a news release",
        "in remarks",
        "quoted as saying",
        "was quoted as saying",
        "is quoted as saying",
        "spoke of",
        "spoke about",
        "spelled out",
        "weighed in",
        "took to twitter",
        "as saying",
        "in the words of",
        "as put by",
        "on behalf of",
    )
)

# Prepositional phrases that extend a verb cue when they follow it directly ("said in a statement").
CUE_FRAME_NOUNS = _words(
    """
    statement interview speech tweet post letter memo email e-mail filing release remarks
    briefing conference call appearance address testimony broadcast video op-ed column blog
    message note affidavit complaint motion ruling opinion judgment judgement verdict order
    """
)

# Nouns that introduce a that-clause as content ("his claim that …", "the ministry's statement that …").
NOUN_CUES = _words(
    """
    statement claim claims assertion allegation argument contention insistence suggestion
    warning promise pledge vow threat prediction announcement admission acknowledgment
    acknowledgement denial complaint accusation charge belief view opinion conviction fear hope
    concern worry expectation assurance remark comment comments remarks testimony confession
    insinuation implication message notion reminder declaration proclamation
    explanation observation conclusion finding findings estimate forecast projection
    report reports reporting speculation rumor rumour suspicion guess sense feeling position
    stance demand request appeal plea call order ruling verdict decision
    """
)

# Cue nouns (of ``NOUN_CUES`` and ``NOUN_PREP_CONTENT``) that report a belief, thought or feeling
# rather than speech ("her fear that …", "his view of …"): their attributions get ``act`` "belief".
BELIEF_NOUNS = _words(
    """
    belief beliefs view views opinion opinions conviction fear fears hope hopes concern concerns worry
    worries expectation expectations suspicion guess sense feeling notion assessment preference
    """
)

# Cue nouns that report a position or evaluation rather than speech ("their support for …", "her
# criticism of …", "his plan to …"): their attributions get ``act`` "stance".
STANCE_NOUNS = _words(
    """
    position stance support praise criticism endorsement defense defence rejection condemnation
    embrace attack attacks take plan decision bid push willingness refusal commitment
    """
)

# Cue nouns whose to-infinitive is the content ("his call to ban …", "her pledge to cut …").
NOUN_INFINITIVE_CUES = _words(
    """
    call pledge promise vow threat plan demand appeal plea request proposal decision bid push
    refusal willingness offer invitation order instruction warning urging commitment
    """
)

# Cue nouns whose prepositional object is the content ("her criticism of …", "his call for …").
NOUN_PREP_CONTENT: dict[str, frozenset[str]] = {
    k: _words(v)
    for k, v in {
        "criticism": "of",
        "call": "for",
        "calls": "for",
        "support": "for of",
        "praise": "for of",
        "attack": "on",
        "attacks": "on",
        "endorsement": "of",
        "view": "of on",
        "views": "on of",
        "assessment": "of",
        "description": "of",
        "characterization": "of",
        "warning": "of about",
        "demand": "for",
        "request": "for",
        "appeal": "for",
        "plea": "for",
        "response": "to",
        "reaction": "to",
        "answer": "to",
        "reply": "to",
        "comments": "on about",
        "remarks": "on about",
        "concern": "about over",
        "concerns": "about over",
        "fear": "of about over",
        "fears": "of about over",
        "hope": "for of",
        "hopes": "for of",
        "defense": "of",
        "defence": "of",
        "denial": "of",
        "rejection": "of",
        "condemnation": "of",
        "embrace": "of",
        "push": "for",
        "preference": "for",
        "take": "on",
    }.items()
}

# Adjectives of stance whose clause or prepositional object is the content ("is confident that …",
# "was critical of …"); the prepositions allowed follow each word.
ADJ_CUES: dict[str, frozenset[str]] = {
    k: _words(v)
    for k, v in {
        "confident": "of about in",
        "worried": "about by over",
        "concerned": "about by over",
        "skeptical": "of about",
        "sceptical": "of about",
        "hopeful": "of about for",
        "optimistic": "about",
        "pessimistic": "about",
        "aware": "of",
        "sure": "of about",
        "certain": "of about",
        "convinced": "of",
        "critical": "of",
        "supportive": "of",
        "adamant": "about",
        "clear": "about",
        "eager": "for",
        "willing": "",
        "unwilling": "",
        "reluctant": "",
        "determined": "",
        "quick": "",
        "keen": "on",
        "open": "to",
        "opposed": "to",
        "satisfied": "with",
        "unhappy": "with about",
        "happy": "with about",
        "angry": "about at over with",
        "upset": "about at over with",
        "frustrated": "with by about",
        "disappointed": "in with by",
        "afraid": "of",
        "fearful": "of",
        "proud": "of",
        "grateful": "for",
        "wary": "of",
        "dismissive": "of",
        "enthusiastic": "about",
        "doubtful": "about of",
    }.items()
}

# Stance adjectives that report a belief or feeling ("is confident that …", "was worried about …");
# the other ``ADJ_CUES`` report a stance ("was critical of …") and get ``act`` "stance".
BELIEF_ADJECTIVES = _words(
    """
    confident worried concerned skeptical sceptical hopeful optimistic pessimistic aware sure certain
    convinced afraid fearful doubtful
    """
)

# Cue nouns with a prepositional content that report speech ("her call for …").
SPEECH_NOUN_PREP = _words("call calls demand request appeal plea warning")

# The attribution profiles: "speech" reports what was said; "parc" adds stance, belief and PARC-only cues.
PROFILES = ("speech", "parc")
