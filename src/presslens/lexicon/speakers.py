"""Word lists of speaker resolution (``presslens.extract.speakers``).

The speaker resolver's features read these lists (and ``pronouns``, ``roles``): editing one changes
what the shipped model sees, so retrain it (``training/train_speaker_resolver.py``).
"""

from __future__ import annotations

from presslens.lexicon import words as _words
from presslens.lexicon.names import FEMALE_NAMES, MALE_NAMES, SURNAMES_TOO, NameSet, with_plain_forms

# Given names, for telling a person's name from other proper nouns.
GIVEN_NAMES = NameSet(with_plain_forms(MALE_NAMES | FEMALE_NAMES))
# Given names that, written alone, are not a family name too ("Aaron", not "Clinton").
GIVEN_ONLY_NAMES = NameSet(GIVEN_NAMES - SURNAMES_TOO)

# Endings of nouns for people that no role list holds ("the self-described democratic socialist",
# "the comedian"); a definite description with another unknown noun is no person ("its summary").
PERSON_NOUN_SUFFIXES = ("ist", "ian")

# Kinship nouns that an apposition can name ("Scott's niece, Marcia Price, said").
KIN_NOUNS = _words("niece nephew son daughter wife husband mother father brother sister cousin widow")
# Spouses, who may keep their own family name ("his wife, Huma," is no "Huma Weiner").
SPOUSE_NOUNS = _words("wife husband")

# Words that describe the same affiliation ("the GOP nominee" is "Republican nominee Donald Trump").
DESCRIPTOR_SYNONYMS = {"gop": "republican", "dem": "democratic", "democrat": "democratic"}

# Zero-width and formatting characters (and the soft hyphen) that must never change who a name is.
INVISIBLE_CHARS = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)

# Speech verbs that can open a sentence before their speaker and get read into the speaker's name
# ("Said Comey, …", "Say Mexico demanded …"): never the first word of a name there.
SENTENCE_OPENING_CUES = _words("say says said state states stated add adds added write writes wrote ask asks asked")

# Honorifics that say a person's gender ("Mrs. Okafor" is "she").
# Two-word honorifics written before a name, whose second word alone may be a given name ("Tan Sri
# Lim Kok Wai", but "Sri Mulyani Indrawati"); one-word ones ("Datuk") are in ``roles.TITLES``.
# Words inside Malay names that are English words or on no given-name list ("Khairul Anuar Mohd Zain",
# "Wan Nurul Aina Wan Ismail", "Ahmad bin Hassan"): parts of the name, never its end.
MALAY_NAME_LINKS = frozenset({"mohd", "mohamad", "wan", "nik", "megat", "bin", "binti", "bte", "abdul"})
TWO_WORD_HONORIFICS = frozenset({("tan", "sri"), ("puan", "sri"), ("datuk", "seri"), ("dato", "sri"), ("dato'", "sri")})
HONORIFIC_GENDER = {
    "mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "lady": "f", "dame": "f", "alhaji": "m", "alhaja": "f", "hajia": "f",
    "ratu": "m", "sardar": "m", "shri": "m", "smt": "f", "madam": "f", "madame": "f",
}
# Titles that say nothing of a person's role ("Dr. Nadia Okonkwo" may be "the chief medical officer").
COURTESY_TITLES = frozenset({*HONORIFIC_GENDER, "dr", "prof", "mx"})

# Abbreviated titles and the role word each stands for ("Gov. Pence" makes him "the governor").
TITLE_ABBREVIATIONS = {
    "gov": "governor", "sen": "senator", "rep": "representative", "gen": "general", "lt": "lieutenant",
    "col": "colonel", "capt": "captain", "sgt": "sergeant", "dr": "doctor", "prof": "professor",
    "atty": "attorney", "adm": "admiral", "cmdr": "commander", "maj": "major", "cpl": "corporal",
    "det": "detective", "supt": "superintendent", "insp": "inspector", "pres": "president",
    "del": "delegate", "amb": "ambassador", "sec": "secretary", "coun": "councillor", "cllr": "councillor",
}

# Plural group names that designate a political body as a source ("Republicans said"); other group
# names, such as nationalities and faiths ("Mexicans often say"), are generic sources with no name.
POLITICAL_GROUPS = frozenset({
    "republicans", "democrats", "conservatives", "liberals", "tories", "socialists", "communists",
    "greens", "libertarians", "progressives", "nationalists", "separatists", "dems", "new democrats",
    "social democrats", "christian democrats", "free democrats", "liberal democrats",
})

# Words naming a chamber's members of a political group, a body of its own ("House Democrats",
# "Senate Republicans", "Congressional Republicans").
CHAMBER_WORDS = _words("house senate congressional assembly")

# Determiners that make a political group's name a part of it ("many Democrats", "some Republicans"):
# a generic source, not the party (as is any adjective: "nervous Democrats", "top Republicans").
GROUP_QUANTIFIERS = _words("many some several few most other numerous various certain")

# Words before a source's head noun that make it indefinite ("a spokesman", "one official", "two
# residents"): a shape feature of the second look at unnamed sources (``speakers/unnamed.py``).
INDEFINITE_DETERMINERS = _words("a an some one several many two three other another")

# Roles that imply another role word a later description may use ("Justice Frank Nervo" … "the judge").
ROLE_IMPLIES = {
    "justice": "judge", "magistrate": "judge", "congressman": "representative",
    "congresswoman": "representative", "representative": "congressman", "chairwoman": "chair",
    "chairman": "chair", "spokeswoman": "spokesperson", "spokesman": "spokesperson",
}

# Words for one broadcast item: "the ad" or "the clip" may take up "a web video by X" said just before.
MEDIA_ITEM_NOUNS = frozenset({"ad", "advert", "advertisement", "video", "clip", "spot", "commercial"})

# Nouns that name any document, so "the document" points back to the last one of any kind.
GENERIC_DOCUMENT_NOUNS = frozenset({"document", "text"})

# Documents of findings that news copy names by one another ("a 96-page audit released by X … the
# report said"): "the report" points back to the last of any of them.
FINDINGS_NOUNS = frozenset({"report", "review", "audit", "inquiry", "investigation", "study", "assessment", "evaluation"})

# Verbs that say who has or asked for a document, not who wrote it ("a letter obtained by The Globe and
# Mail", "a review commissioned by the trust").
HOLDER_VERBS = frozenset({"obtain", "see", "receive", "commission", "request", "review", "read", "cite", "quote", "leak"})

# Documents that appear in an outlet, whose issuer "in" names ("an editorial in The Des Moines Register").
PUBLISHED_NOUNS = frozenset({"article", "editorial", "story", "column", "op-ed", "piece", "report", "interview"})

# Document words that, as a source, are the outlet itself ("The newspaper reported" = the paper).
OUTLET_NOUNS = frozenset({"newspaper"})

# Kinds of organisation, by the nouns that name or describe them ("the agency" can mean the Federal
# Aviation Administration, "the newspaper" the Washington Post).
# What a description calls a body that oversees a field ("Kenya's energy regulator", "the financial
# consumer watchdog"), and the heads of the names such bodies have ("… Regulatory Authority", "… Agency of Canada").
OVERSIGHT_NOUNS = _words("regulator watchdog")
OVERSIGHT_NAME_HEADS = _words("authority agency commission board office directorate council regulator")

# Where a body publishes: "a notice published on the FCAC's website", "a post on the ministry's X account".
PUBLISHING_PLACE_NOUNS = _words("website site page account feed channel portal")

# Nouns of an organisation's stock: "shares of Han Entertainment", "Orthavia's stock" say it is a company.
STOCK_NOUNS = _words("share stock shareholder stockholder")

ORG_NOUN_CLASSES: dict[str, frozenset[str]] = {
    "government": _words(
        "agency administration department ministry bureau commission authority regulator government "
        "office service council cabinet embassy state city county province"
    ),
    "company": _words(
        "company firm corporation corp inc co ltd plc llc group bank lender retailer carrier airline "
        "insurer manufacturer automaker maker giant operator provider developer business fund supplier chain air airways airlines "
        "grocer carmaker drugmaker brewer utility railway railroad startup conglomerate producer miner "
        "exporter importer"
    ),
    "media": _words(
        "newspaper paper outlet network channel broadcaster station magazine journal times post news "
        "tribune herald gazette tv television radio agency"
    ),
    "court": _words("court tribunal panel jury"),
    "party": _words("party campaign committee movement coalition alliance union"),
    "school": _words("university college school institute"),
    "association": _words("association federation chamber society guild"),
}

# A US politician's affiliation after the name ("Sen. Bernie Sanders (I-Vt.)", "Paul Ryan, R-Wis.,"):
# the party letter and the state, as the describing words a later description may use ("the Vermont
# senator", "the Wisconsin Republican").
AFFILIATION_PARTIES = {"d": ("democratic",), "r": ("republican",), "i": ("independent",)}
US_STATE_ABBREVIATIONS = {
    "ala": "alabama", "al": "alabama", "alaska": "alaska", "ak": "alaska", "ariz": "arizona", "az": "arizona",
    "ark": "arkansas", "ar": "arkansas", "calif": "california", "ca": "california", "colo": "colorado",
    "co": "colorado", "conn": "connecticut", "ct": "connecticut", "del": "delaware", "de": "delaware",
    "fla": "florida", "fl": "florida", "ga": "georgia", "hawaii": "hawaii", "hi": "hawaii", "idaho": "idaho",
    "id": "idaho", "ill": "illinois", "il": "illinois", "ind": "indiana", "in": "indiana", "iowa": "iowa",
    "ia": "iowa", "kan": "kansas", "ks": "kansas", "ky": "kentucky", "la": "louisiana", "maine": "maine",
    "me": "maine", "md": "maryland", "mass": "massachusetts", "ma": "massachusetts", "mich": "michigan",
    "mi": "michigan", "minn": "minnesota", "mn": "minnesota", "miss": "mississippi", "ms": "mississippi",
    "mo": "missouri", "mont": "montana", "mt": "montana", "neb": "nebraska", "ne": "nebraska", "nev": "nevada",
    "nv": "nevada", "n.h": "new hampshire", "nh": "new hampshire", "n.j": "new jersey", "nj": "new jersey",
    "n.m": "new mexico", "nm": "new mexico", "n.y": "new york", "ny": "new york", "n.c": "north carolina",
    "nc": "north carolina", "n.d": "north dakota", "nd": "north dakota", "ohio": "ohio", "oh": "ohio",
    "okla": "oklahoma", "ok": "oklahoma", "ore": "oregon", "or": "oregon", "pa": "pennsylvania",
    "r.i": "rhode island", "ri": "rhode island", "s.c": "south carolina", "sc": "south carolina",
    "s.d": "south dakota", "sd": "south dakota", "tenn": "tennessee", "tn": "tennessee", "texas": "texas",
    "tx": "texas", "utah": "utah", "ut": "utah", "vt": "vermont", "va": "virginia", "wash": "washington",
    "wa": "washington", "w.va": "west virginia", "wv": "west virginia", "wis": "wisconsin", "wi": "wisconsin",
    "wyo": "wyoming", "wy": "wyoming",
}  # fmt: skip

# Prepositions after which a one-word name is a place, even one the NER takes for a person ("in Málaga").
PLACE_PREPOSITIONS = _words("in near outside across throughout")

# Nouns for a person that name no role of its own ("the member said" stays unnamed), but whose
# apposition names the person: "Another member, Harpreet Dhaliwal, said".
PERSON_NOUNS_IN_APPOSITION = _words("member rider passenger customer shopper commuter patient client caller")

# A body's press office speaks for the body ("the ministry's press service", "the press service of the
# Baltic Fleet"): the office nouns, and the words before them that make them a press office.
PRESS_OFFICE_NOUNS = frozenset({"service", "office", "centre", "center", "department", "secretariat", "bureau"})
PRESS_OFFICE_WORDS = frozenset({"press", "media", "information", "communications"})
# Words of a post that speaks for a body ("Head of Public Affairs of the GCAA", "spokesperson for the
# ministry"): a statement its holder signs is the body's.
SPOKESPERSON_POST_WORDS = PRESS_OFFICE_WORDS | _words("public affairs relations spokesperson spokesman spokeswoman")

# Roles written as acronyms ("PM says", "the MP said"): a description, never an organisation's acronym.
ROLE_ACRONYMS = frozenset({"pm", "mp", "mpp", "mla", "mep", "msp", "ceo", "cfo", "coo", "cto", "vp", "gm", "md"})

# Countries and provinces whose public bodies are named "<field> <place>" ("Fisheries and Oceans
# Canada", "Sport Integrity Australia", "Elections Québec").
DEPARTMENT_COUNTRIES = frozenset({"canada", "australia", "québec", "quebec"})

# Organisation nouns that name a place, not a body: "Bank Indonesia" is a bank, "State Ohio" no body.
PLACE_NOUNS = _words("state province city county country region republic kingdom nation")

# Bodies named after a person, whose noun stays in the name ("the Trump campaign" is "Trump campaign",
# while "the FNV Havens union" is "FNV Havens").
BODIES_NAMED_AFTER_PEOPLE = _words("campaign administration government camp team family estate foundation")

# Fields of government that, written before a country's name, make a body's name ("Health Canada",
# "Statistics Canada"), as organisation nouns do ("Bank Indonesia", "Police Scotland").
# Head words of a party's regional branch written after its nation or province ("Scottish Labour",
# "Welsh Conservatives", "Ontario Liberals").
PARTY_BRANCH_HEADS = POLITICAL_GROUPS | {"labour", "labor", "greens", "party"}

# Sources that are a court's judges as a body ("Judges said", "the majority wrote", "the panel found").
BENCH_WORDS = _words("judges justices majority minority panel bench")
# Words written before a place's or body's name, not before a person's ("in upper Hunza", "of
# Rosrybolovstvo"): a word after a title that the text also writes after one of these is no name part.
WORDS_BEFORE_PLACES = _words("the of in to from at across upper lower northern southern")
# Bodies a bare noun stands for when the article names one of them ("Police said" after "Durham
# Regional Police": the writers name that force 6 times in 6).
FORCE_NOUNS = _words("police")
# Words that end the name of a court ("Court of Appeal for Ontario", "Employment Tribunal").
COURT_WORDS = _words("court tribunal")
# Words in a trade union's name that say it is one when "union" is not ("Fédération de la santé …",
# "United Nurses of Alberta", "CUPE Local 2348"): "the union" is the one organisation so named.
UNION_NAME_WORDS = _words(
    "union unions federation fédération confederation confédération guild brotherhood syndicate syndicat local "
    "workers employees nurses teachers drivers pilots"
)
# Words in a company's name that say it is one ("Friesen Bus Lines", "Gulfline Logistics", "Han
# Entertainment"): "the company" is the one organisation so named when the resolver finds none.
COMPANY_NAME_WORDS = _words(
    "company corporation corp inc ltd limited plc llc llp holdings lines logistics entertainment aquaculture "
    "airways airlines motors pharma pharmaceuticals foods industries technologies systems mining"
)
# Last words of a company's name that the NER tags a person ("Halvorsen Marine"): not a person's.
COMPANY_NAME_ENDINGS = COMPANY_NAME_WORDS | _words(
    "marine group energy networks media shipping capital partners resources solutions ventures enterprises telecom"
)
# Last words of any body's name that the NER tags a person ("Waitangi Tribunal"): not a person's.
BODY_NAME_ENDINGS = COMPANY_NAME_ENDINGS | _words(
    "tribunal commission ministry authority agency committee council directorate institute association federation"
)
# Prepositions written capitalised inside a body's name ("Reporters Without Borders", "Mothers Against
# Drunk Driving"), which the NER tends to miss whole.
NAME_INNER_PREPOSITIONS = _words("without against sans")
# Capitalised words that describe a body's standing before its name and are no part of it ("The
# Opposition Progressive Conservatives", "the Ruling Party").
STANDING_WORDS = _words("opposition ruling governing incumbent former")
# Last words of a place's name that the NER tags a person ("Kaskawulsh Glacier"): a place, never "she".
PLACE_NAME_ENDINGS = _words(
    "glacier river lake mountain mountains valley bay island islands peninsula creek canyon falls reservoir "
    "strait delta basin plateau desert fjord lagoon gulf"
)
# What a judge or court issues: "The decision said" is the one judge's, else the one court's.
RULING_NOUNS = _words("decision ruling judgment judgement verdict")

GOVERNMENT_FIELDS = _words(
    """
    health statistics environment transport finance fisheries justice heritage immigration employment
    agriculture elections revenue defence defense energy infrastructure housing labour labor trade
    """
)

# Sports whose national governing body is named by the sport and the country ("Athletics Kenya",
# "Swimming Canada", "Cricket Australia").
SPORT_BODY_WORDS = _words(
    """
    athletics swimming cycling rowing canoe hockey tennis golf skate gymnastics rugby cricket football
    netball basketball volleyball triathlon judo boxing wrestling curling sailing
    """
)

# Organisation nouns whose plural still names one body ("Syrian forces", "Chinese authorities").
PLURAL_BODIES = _words("force authority service")

# Bodies sent to another ("the Chinese Mission to the European Union", "the Russian Embassy in Vilnius"):
# "to" or "in" and its object are in the name.
ENVOY_BODIES = _words("mission delegation embassy representation consulate")
# Words of the names of bodies posted in a place, whose names a source mention followed by "in" and the
# place completes ("Chinese Embassy in Thailand", "Methodist Church in Fiji"): envoys and a few more.
BODIES_NAMED_WITH_PLACE = ENVOY_BODIES | _words("office chamber church college")
