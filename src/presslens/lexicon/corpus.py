"""Word lists of the corpus layer (``presslens.corpus``): names matched across articles, quote variants."""

from __future__ import annotations

# Titles removed from a speaker's name before it is matched across articles. Narrower than
# ``roles.TITLES`` (88 words against 229; 11 only here: acting, assistant, ayatollah, congressmember,
# ex, former, prime, reps, then, vice, whip): the broader list would also strip words that begin
# names ("Crown", "Count", "Star"). Reconciling the two changes which names match; it is still open.
TITLES = frozenset("""
mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father rabbi imam sheikh pope
president vice chancellor premier minister prime secretary senator sen rep reps representative
congressman congresswoman congressmember gov governor lt lieutenant mayor gen general col colonel
maj major capt captain sgt sergeant adm admiral cmdr commander judge justice chief speaker leader
chairman chairwoman chair chairperson ceo director ambassador attorney commissioner sheriff
spokesman spokeswoman spokesperson candidate nominee queen king prince princess former ex then
acting deputy assistant whip emir sultan ayatollah
""".split())
MALE_TITLES = frozenset("mr sir lord father king prince congressman chairman spokesman".split())
FEMALE_TITLES = frozenset("mrs ms miss dame lady queen princess congresswoman chairwoman spokeswoman".split())
# Words ignored when deciding whether a title has been seen with a full name.
GENERIC_TITLES = frozenset("former ex then acting deputy assistant".split())
PARTICLES = frozenset("van von der den de da del della di du la le bin al el ibn st".split())
SUFFIXES = frozenset("jr sr ii iii iv".split())
PRONOUNS = frozenset("""
i me we us you he him she her they them it its his hers their theirs our who whom this that these those
one someone somebody anyone everyone nobody
""".split())
# Words that name groups, not people, even when capitalised ("Democrats", "Hill Republicans"). Shares
# 22 of its 49 words with ``roles.GROUP_NOUNS``; it also holds organisation words (party, senate) that
# the extractors keep apart as ``roles.ORG_ROLE_NOUNS``. Reconciling them is still open.
GROUP_WORDS = frozenset("""
democrats democrat republicans republican conservatives liberals progressives officials police voters
americans critics supporters aides advisers advisors analysts experts economists lawmakers legislators
senators representatives members leaders residents citizens protesters protestors activists campaign
administration government ministry department committee council party parties group organization
union unions agency office court congress senate house
""".split())
# Words left out when quotes are compared for variants (function words and speech verbs).
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours ourselves out over own same she should so
some such than that the their theirs them themselves then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your
yours yourself yourselves going get got said says say told tell people think know want thing things
""".split())
