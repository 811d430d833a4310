"""Words that are parts of names: given names with a conventional gender, name suffixes, name aliases.

Lower case; compared with lower-cased words of a name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

from presslens.lexicon import words as _words

# Given names with a conventional gender: they give a person's gender (speaker resolution) and, joined
# as ``lexicon.speakers.GIVEN_NAMES``, tell a person's name from other proper nouns.
MALE_NAMES = _words(
    """
    aaron adam alan albert alex alexander alexei ali andrew andy anthony antonio arnold barack ben
    benjamin bernie bill billy bob boris brad brian bruce carl carlos charles chris christopher chuck
    colin craig dan daniel darren david dennis dick dmitry donald doug douglas drew dwayne ed eddie
    edward emmanuel eric frank fred gary george gerhard glenn gordon graham greg gregory harry henry
    hugh ian jack jacob james jamie jason javier jean jeb jeff jeffrey jeremy jerry jim jimmy joe joel
    john johnny jon jonathan jose joseph josh juan justin keir keith ken kenneth kevin kim larry lee
    leo lewis liam luis marco mario mark martin matt matthew michael mike mitch mohammed muhammad
    nathan neil nick nicolas nigel noah olaf oliver paul pedro pete peter phil philip rahm ralph rand
    ray richard rick rishi rob robert roger ron ronald ross ryan sam samuel scott sean sergei
    sergey simon stephen steve steven stuart ted thomas tim timothy todd tom tony vladimir walter
    wayne william xavier yves zach
    """
)
FEMALE_NAMES = _words(
    """
    alexandria alice alicia amanda amy andrea angela angelina ann anna anne annalena barbara betsy
    beth betty brenda carly carol caroline catherine charlotte cheryl christine claire claudia
    condoleezza cynthia dana deborah debbie diana diane donna dorothy elena elisabeth elizabeth ella
    ellen emily emma erin eva frances gillian gina giorgia grace hannah heather helen hillary ilhan
    ivanka jacinda jane janet janice jennifer jessica jill joan joanna jodi joyce judith judy julia
    julie karen kamala kate katherine kathleen kathryn kathy katie kelly kellyanne kemi kirsten
    kristen laura lauren leslie linda lisa liz louise lucy lynn madeleine margaret maria marine
    marie marsha martha mary megan melania melissa michelle monica nancy natalie nicola nicole nikki
    olivia pamela patricia paula penny rachel rebecca rosa ruth samantha sandra sara sarah sharon
    sheila sophie stephanie susan suzanne tammy teresa theresa tiffany tulsi ursula valerie
    victoria virginia wendy yvonne zoe
    """
)



def _learned_given_names() -> dict[str, str]:
    """Given name → "m", "f" or "-", followed by "s" for a common family name too, from
    ``given_names.tsv`` (census, coreference data and faker's name lists of many countries; rebuilt by
    ``training/build_given_names.py``)."""
    table = Path(__file__).with_name("given_names.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in table.splitlines() if line and not line.startswith("#"))
    return {row[0]: "".join(row[1:]) for row in rows}


def _plain(word: str) -> str:
    """A word without its accents ("gábor" → "gabor")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def with_plain_forms(names: Iterable[str]) -> frozenset[str]:
    """Names and their forms without accents: a name the list writes with accents is a name written
    without ("Gabor" for "gábor"). For telling names from other words only: "árún" is a woman's name
    in Iceland, and "Arun" a man's in India."""
    return frozenset(names) | {_plain(n) for n in names}


class NameSet(frozenset):
    """Lower-case given names that also hold a name written with accents ("adrián", "lucía") or
    hyphenated ("jean-luc"), by its plain form or its first part."""

    def __contains__(self, word: object) -> bool:
        if frozenset.__contains__(self, word) or not isinstance(word, str):
            return frozenset.__contains__(self, word)
        plain = _plain(word)
        return frozenset.__contains__(self, plain) or ("-" in plain and plain.split("-")[0] in self)


_HAND = MALE_NAMES | FEMALE_NAMES
_LEARNED = {name: gender for name, gender in _learned_given_names().items() if name not in _HAND}
# The hand lists above, which decide for the names they hold, widened by the table; a name of either
# sex is in both lists, so it gives no gender.
MALE_NAMES = NameSet(MALE_NAMES | {n for n, g in _LEARNED.items() if g[0] in ("m", "-")})
FEMALE_NAMES = NameSet(FEMALE_NAMES | {n for n, g in _LEARNED.items() if g[0] in ("f", "-")})
# Learned given names that are also common family names ("Clinton", "Warren"): alone, a family name.
SURNAMES_TOO = frozenset(n for n, g in _LEARNED.items() if g.endswith("s"))

# Company-form endings left out when organisation names are compared ("Siemens AG" is "Siemens").
ORG_SUFFIXES = frozenset(
    {"inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "limited", "plc", "llc", "llp", "ag", "sa", "gmbh"}
)

# Abbreviations that make a name a sports club's ("CF Montréal", "Toronto FC", "AC Milan").
# Abbreviations inside names whose full stop spaCy takes for a sentence's end ("Ste. Anne", "Ft.
# McMurray"); not provinces ("SUDBURY, Ont. — A jury …": a dateline's end), "Man." nor "No.".
PLACE_ABBREVIATIONS = frozenset({"ste", "sta", "sto", "ft", "pt", "dept", "univ"})
# Abbreviations of "number", one word with their full stop before a number ("Union No. 1", "Local No. 7").
NUMBER_ABBREVIATIONS = frozenset({"no", "nos"})  # written with a capital; not "he said no. 2 people …"
CLUB_ABBREVIATIONS = frozenset({"fc", "cf", "ac", "afc", "sc", "fk", "sk", "cd", "ud"})

# Words that join the parts of a French, Spanish or Italian body's name ("Conseil du patronat du
# Québec", "Caisse de dépôt et placement du Québec", "Instituto Nacional de Estadística").
ROMANCE_NAME_JOINTS = frozenset({
    "de", "du", "des", "d'", "d’", "l'", "l’", "la", "le", "les", "del", "della", "dei", "y", "et", "en", "pour",
    "sur", "à", "au", "aux",
})
# The joints among them that mean "of": two in a row of lower-case words make a French, Spanish or
# Italian name even when its nouns are English words too ("stations de ski du Québec").
ROMANCE_OF_WORDS = frozenset({"de", "du", "des", "d'", "d’", "del", "della", "dei"})
# Joints the tokenizer leaves glued to the next word ("d'action", "l'Ontario"): a token starting with one.
ROMANCE_ELIDED_JOINTS = ("d'", "d’", "l'", "l’")

# Words that give no letter to an organisation's acronym ("Bank of England" is "BE").
# The last word of a union's or society's branch that its number follows ("Amalgamated Transit Union Local 279",
# "AFSCME Council 13").
NUMBERED_BRANCHES = frozenset({"local", "lodge", "chapter", "branch", "division", "council"})
ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "&", "de", "du", "des", "la", "le", "on", "in"})

# Generation suffixes after a surname: the surname is the word before ("Martin Luther King Jr.").
GENERATION_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})

# National capitals of one word (lower case) that the small NER model sometimes tags a person ("Kyiv
# says …"): a place, whose government may speak by its name, never a "he" or "she". Capitals that are
# also given or family names ("Paris", "Sofia", "Lima", "Washington") are left out.
CAPITALS = _words(
    """
    abuja accra algiers amman amsterdam ankara antananarivo asmara astana asuncion athens baghdad baku
    bamako bangkok bangui banjul beijing beirut belgrade berlin bern bishkek bogota brasilia bratislava
    brazzaville brussels bucharest budapest bujumbura cairo canberra caracas chisinau colombo conakry
    copenhagen dakar damascus dhaka dili dodoma dushanbe freetown gaborone hanoi harare havana helsinki
    honiara islamabad jakarta jerusalem kabul kampala kathmandu khartoum kigali kinshasa kyiv kiev
    libreville lilongwe lisbon ljubljana lome luanda lusaka madrid malabo managua manama manila maputo
    maseru mbabane minsk mogadishu monrovia montevideo moroni moscow muscat nairobi naypyidaw ndjamena
    niamey nicosia nouakchott oslo ottawa ouagadougou paramaribo podgorica prague pretoria pristina
    pyongyang quito rabat reykjavik riga riyadh rome sanaa sarajevo seoul skopje stockholm suva taipei
    tallinn tashkent tbilisi tegucigalpa tehran thimphu tirana tokyo tripoli tunis ulaanbaatar vaduz
    valletta vienna vientiane vilnius warsaw wellington windhoek yaounde yerevan zagreb
    """
)

# Other names of a place, by the name they stand for.
PLACE_ALIASES = {
    "us": "united states",
    "u.s.": "united states",
    "u.s": "united states",
    "usa": "united states",
    "u.s.a.": "united states",
    "america": "united states",
    "the united states": "united states",
    "uk": "united kingdom",
    "u.k.": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    # Canadian provinces as the Canadian Press writes them
    "b.c.": "british columbia", "alta.": "alberta", "sask.": "saskatchewan", "man.": "manitoba", "ont.": "ontario",
    "que.": "quebec", "n.b.": "new brunswick", "n.s.": "nova scotia", "p.e.i.": "prince edward island",
    "n.l.": "newfoundland and labrador",
}

# The adjective of a country, by its name (lower case): writers name "Italy's interior ministry" the
# "Italian interior ministry". Only countries whose adjective is unambiguous and in common use.
DEMONYMS = {
    "afghanistan": "Afghan", "albania": "Albanian", "algeria": "Algerian", "argentina": "Argentine",
    "armenia": "Armenian", "australia": "Australian", "austria": "Austrian", "azerbaijan": "Azerbaijani",
    "bangladesh": "Bangladeshi", "belarus": "Belarusian", "belgium": "Belgian", "bolivia": "Bolivian",
    "bosnia": "Bosnian", "brazil": "Brazilian", "britain": "British", "bulgaria": "Bulgarian",
    "cambodia": "Cambodian", "cameroon": "Cameroonian", "canada": "Canadian", "chile": "Chilean",
    "china": "Chinese", "colombia": "Colombian", "croatia": "Croatian", "cuba": "Cuban", "cyprus": "Cypriot",
    "denmark": "Danish", "ecuador": "Ecuadorian", "egypt": "Egyptian", "estonia": "Estonian",
    "ethiopia": "Ethiopian", "finland": "Finnish", "france": "French", "georgia": "Georgian",
    "germany": "German", "ghana": "Ghanaian", "greece": "Greek", "hungary": "Hungarian", "iceland": "Icelandic",
    "india": "Indian", "indonesia": "Indonesian", "iran": "Iranian", "iraq": "Iraqi", "ireland": "Irish",
    "israel": "Israeli", "italy": "Italian", "japan": "Japanese", "jordan": "Jordanian",
    "kazakhstan": "Kazakh", "kenya": "Kenyan", "kuwait": "Kuwaiti", "latvia": "Latvian", "lebanon": "Lebanese",
    "libya": "Libyan", "lithuania": "Lithuanian", "malaysia": "Malaysian", "mali": "Malian", "mexico": "Mexican",
    "moldova": "Moldovan", "mongolia": "Mongolian", "morocco": "Moroccan", "mozambique": "Mozambican",
    "myanmar": "Myanmar", "nepal": "Nepali", "nigeria": "Nigerian", "norway": "Norwegian", "oman": "Omani",
    "pakistan": "Pakistani", "peru": "Peruvian", "poland": "Polish", "portugal": "Portuguese", "qatar": "Qatari",
    "romania": "Romanian", "russia": "Russian", "rwanda": "Rwandan", "saudi arabia": "Saudi",
    "senegal": "Senegalese", "serbia": "Serbian", "singapore": "Singaporean", "slovakia": "Slovak",
    "slovenia": "Slovenian", "somalia": "Somali", "south africa": "South African", "south korea": "South Korean",
    "spain": "Spanish", "sri lanka": "Sri Lankan", "sudan": "Sudanese", "sweden": "Swedish",
    "switzerland": "Swiss", "syria": "Syrian", "taiwan": "Taiwanese", "tanzania": "Tanzanian",
    "thailand": "Thai", "tunisia": "Tunisian", "turkey": "Turkish", "türkiye": "Turkish", "uganda": "Ugandan",
    "ukraine": "Ukrainian", "uruguay": "Uruguayan", "uzbekistan": "Uzbek", "venezuela": "Venezuelan",
    "vietnam": "Vietnamese", "yemen": "Yemeni", "zambia": "Zambian", "zimbabwe": "Zimbabwean",
}

# People known by a name with a middle initial (lower case): the initial stays in their canonical name, which
# otherwise drops it ("Loretta E. Lynch" is "Loretta Lynch"; "George W. Bush" is not his father).
INITIAL_IN_NAME = frozenset({
    "george w. bush", "mary j. blige", "michael j. fox", "samuel l. jackson", "john f. kennedy",
    "robert f. kennedy", "franklin d. roosevelt", "lyndon b. johnson", "harry s. truman",
    "ulysses s. grant", "dwight d. eisenhower", "philip k. dick", "cuba m. gooding",
})
