"""Word lists of the corpus layer (``presslens.corpus``): names matched across articles, quote variants."""

from __future__ import annotations

from presslens.lexicon import names, roles
from presslens.lexicon import words as _words

# Name matching reads the extractors' lists (``roles``, ``names``), so that the two cannot disagree; what
# it leaves out or adds is named below, with the reason. ``tests/test_lexicon.py`` checks the derivation.

# Title and modifier words of ``roles`` that are also common name words. A title word followed by more
# of a name is stripped from it, with everything before it ("Republican strategist David Axelrod" is
# David Axelrod), so these would cut names: "Rep. Earl Blumenauer" would become a bare "Blumenauer",
# "Sen. Chuck Schumer of New York" a "York", "Baron Hill", "Duke Cunningham" and "Junior Seau" bare
# surnames. Title words that rarely begin a name stay ("Star Norbert Leo Butz" is Norbert Butz, "Crown
# Prince Mohammed bin Salman" Mohammed bin Salman); the PolNeAR speaker table is the same with them.
NAME_WORD_TITLES = _words("earl duke baron junior new")

# Titles removed from a speaker's name before it is matched across articles: every title and title
# modifier of ``roles`` except the name words above.
TITLES = (roles.TITLES | roles.TITLE_MODIFIERS) - NAME_WORD_TITLES
# Modifiers that are not titles themselves ("former", "vice", "acting"): stripped, but not counted as a
# title the name was seen with when two people share a surname.
GENERIC_TITLES = (roles.TITLE_MODIFIERS - roles.TITLES) & TITLES
# Titles that give a gender: "Mr" and "Mrs" never name the same person.
MALE_TITLES = roles.MALE_WORDS & TITLES
FEMALE_TITLES = roles.FEMALE_WORDS & TITLES
PARTICLES = _words("van von der den de da del della di du la le bin al el ibn st")
# Generation suffixes, without their full stop (names are compared with full stops removed).
SUFFIXES = frozenset(s.rstrip(".") for s in names.GENERATION_SUFFIXES)
PRONOUNS = _words("""
i me we us you he him she her they them it its his hers their theirs our who whom this that these those
one someone somebody anyone everyone nobody
""")
# Group words not in ``roles``: plurals that ``roles.GROUP_NOUNS`` lacks (adding them there would change
# what the extractors take for a group source), singular party words ("Senate Republican" is no one's
# name) and plural organisation nouns.
EXTRA_GROUP_WORDS = _words("""
americans citizens democrat republican progressives protestors representatives senators parties unions
""")
# Words that end the name of a group or an organisation, never a person's ("Hill Republicans", "Heritage
# Foundation", "Quinnipiac University"): a name ending in one is not matched as a person. The
# extractors' group and organisation nouns, and the words above. A few are also surnames ("Court",
# "House", "Carrier"); a person of that name keys as a group.
GROUP_WORDS = roles.GROUP_NOUNS | roles.ORG_ROLE_NOUNS | EXTRA_GROUP_WORDS
# Words left out when quotes are compared for variants (function words and speech verbs).
STOPWORDS = _words("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours ourselves out over own same she should so
some such than that the their theirs them themselves then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your
yours yourself yourselves going get got said says say told tell people think know want thing things
""")
