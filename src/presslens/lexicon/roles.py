"""Words that say what a source is: titles and roles of people, organisation and group nouns, documents.

Lower case; the extractors compare them with lower-cased tokens (``Token.lower_``, often without a
trailing full stop) or lemmas. Speaker resolution (``presslens.extract.speakers``) reads them too,
so editing one can change what its trained model sees: retrain with
``training/train_speaker_resolver.py``. Cross-article name matching derives its titles and group
words from these lists as well (``lexicon.corpus``).
"""

from __future__ import annotations

from presslens.lexicon import words as _words

# Words that mark a source as a document, poll or publication rather than a person.
DOCUMENT_WORDS = _words(
    """
    poll polls survey surveys study studies report reports document documents memo memos data
    analysis research figures statistics filing filings record records letter letters email emails
    statement statements release article articles editorial editorials story stories paper
    account accounts summary summaries agreement response responses answer answers reply replies
    tally average investigation
    newspaper book books website site tweet tweets post posts video videos ad ads advert clip clips
    commercial commercials spot
    indictment complaint lawsuit suit ruling decision opinion verdict judgment judgement order motion brief
    transcript transcripts audit review assessment estimate estimates forecast projections
    census index headline headlines bill law guidelines guidance plan proposal draft text
    speech speeches remarks comment comments testimony announcement commentary communique communiqué
    handout handouts bulletin bulletins circular dispatch notice notices
    """
)

# Titles, ranks and roles: stripped from canonical names and used to resolve descriptions.
TITLES = _words(
    """
    mr mrs ms miss madam madame mx dr prof sir dame lord lady rev reverend fr father sister brother rabbi imam
    pres atty supt insp amb coun cllr datuk datin dato dato' tun haji hajji alhaji alhaja hajia malam mallam ratu
    sardar shri smt
    pastor bishop archbishop cardinal pope sheikh sheik ayatollah
    president vice-president premier chancellor minister secretary undersecretary under-secretary senator sen
    rep reps representative
    congressman congresswoman congressmember assemblyman assemblywoman governor gov lt mayor deputy councillor
    councilman councilwoman councilor alderman commissioner ambassador envoy diplomat consul collector
    speaker leader whip chairman chairwoman chair chairperson chief ceo cfo coo cto director
    executive head boss founder co-founder owner president-elect king queen prince princess
    emperor empress sultan emir crown duke duchess earl baron baroness count countess
    general gen colonel col lieutenant major maj captain capt sergeant sgt corporal cpl private
    admiral adm commander cmdr marshal brigadier
    judge justice magistrate prosecutor attorney lawyer barrister solicitor counsel
    sheriff detective det inspector superintendent constable officer trooper agent
    spokesman spokeswoman spokesperson spokespeople aide adviser advisor
    strategist pollster analyst economist researcher scientist professor lecturer doctor physician
    surgeon nurse coach manager striker midfielder defender goalkeeper keeper forward quarterback
    pitcher catcher outfielder shortstop guard winger fullback skipper
    referee umpire player teammate champion
    candidate nominee challenger incumbent hopeful frontrunner front-runner contender
    lawmaker legislator politician official mp mep mla msp td
    activist campaigner protester organizer organiser author writer columnist editor
    reporter correspondent journalist host anchor presenter commentator critic historian
    actor actress singer star comedian artist musician rapper producer
    businessman businesswoman billionaire tycoon mogul entrepreneur investor banker trader
    treasurer auditor comptroller registrar clerk
    """
)

# Modifiers that can precede a title ("former", "acting", "German", "finance").
TITLE_MODIFIERS = _words(
    """
    former ex acting interim deputy assistant associate senior junior chief vice co then prime
    outgoing incoming new current longtime long-time veteran top lead head principal
    """
)

# Role nouns that describe a person ("the chancellor", "the 45-year-old", "the striker").
PERSON_ROLE_NOUNS = TITLES | _words(
    """
    man woman boy girl mother father son daughter wife husband widow widower sister brother
    grandmother grandfather uncle aunt nephew niece cousin parent resident neighbour neighbor
    witness victim suspect defendant plaintiff accused survivor veteran student teacher worker
    farmer driver pilot soldier officer tenant landlord voter supporter opponent critic fan
    father-of-two mother-of-two mother-of-three father-of-three youngster teenager teen
    businessman owner employee engineer scientist defenceman defenseman goaltender netminder filmmaker
    """
)

# Nouns that describe an organisation ("the company", "the ministry", "the club").
ORG_ROLE_NOUNS = _words(
    """
    company firm corporation group ministry department agency government administration
    police party campaign union club team side league federation association committee
    commission council court board bank university college school hospital network newspaper
    paper outlet channel broadcaster station tv television radio journal magazine tabloid embassy office authority authorities military
    army navy force forces service bureau institute foundation charity organization
    organisation movement coalition alliance regime cabinet parliament congress senate house
    assembly legislature republic state kingdom country nation city county province region
    retailer carrier airline insurer manufacturer automaker maker giant operator provider
    developer lender regulator watchdog tribunal panel jury prosecution defence defense
    fund white-house kremlin pentagon chain grocer carmaker drugmaker brewer supplier utility port railway
    railroad startup conglomerate presidency directorate secretariat inspectorate coastguard gendarmerie centre center delegation mission consulate
    app platform
    """
)

# Plural nouns naming a group of people as a source ("officials said", "analysts say").
GROUP_NOUNS = _words(
    """
    officials sources analysts experts critics supporters opponents residents witnesses
    observers economists investors lawmakers legislators politicians republicans democrats
    conservatives liberals voters people police protesters activists officers doctors
    scientists researchers authorities leaders members executives insiders diplomats
    prosecutors investigators lawyers attorneys aides advisers advisors organizers organisers
    campaigners fans players parents teachers students workers farmers rebels militants
    """
)

# Role and kin words with a conventional gender: they give the gender of a described person, for
# choosing between he and she antecedents (speaker resolution).
MALE_WORDS = _words(
    """
    mr mister sir lord king prince duke earl baron emperor sultan father brother son husband uncle
    nephew grandfather boy man men gentleman spokesman chairman congressman assemblyman councilman
    alderman businessman sportsman countryman policeman fireman cameraman anchorman
    """
)
FEMALE_WORDS = _words(
    """
    mrs ms miss madam dame lady queen princess duchess countess baroness empress mother sister
    daughter wife aunt niece grandmother girl woman women spokeswoman chairwoman congresswoman
    assemblywoman councilwoman businesswoman sportswoman countrywoman policewoman actress
    """
)
