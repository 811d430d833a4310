"""Names read off a source mention's own words: a proper name the NER missed, a person named after
their role ("The Minister for Disaster Management, Josaia Naivalu"), an organisation a short
description names ("the health board"), a branch in a country ("Amnesty International Kenya"), a
chamber's members of a party ("House Democrats") and a place's body ("the city of Phoenix")."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from presslens.extract import cues
from presslens.extract.name_forms import POSSESSIVE, is_hyphen_joint, repair_mojibake
from presslens.extract.speakers.features import class_words, in_headline, org_classes
from presslens.extract.speakers.graph import INVISIBLE, EntityGraph, Mention, Node
from presslens.lexicon import speakers as lexicon
from presslens.lexicon.corpus import PARTICLES
from presslens.lexicon.names import NUMBERED_BRANCHES, ORG_SUFFIXES, PLACE_ALIASES
from presslens.schema import Span

__all__ = [
    "body_of_place", "chamber_members", "clean", "looks_like_a_person", "name_after_long_title",
    "name_ending_role", "named_in", "national_branch", "next_speaker", "organisation_in_apposition",
    "proper_name", "sole_body_of_kind", "sole_company", "sole_force",
    "sole_role_holder", "sole_union", "titled_name_at_end", "whose_name_says",
]


def chamber_members(graph: EntityGraph, root: Token, party: Node) -> Node:
    """ "House Democrats", "Senate Republicans": a chamber's members of a party, a body of its own."""
    chamber = [c for c in root.lefts if c.dep_ in ("compound", "amod") and c.lower_ in lexicon.CHAMBER_WORDS]
    if len(chamber) != 1 or not chamber[0].text[:1].isupper():
        return party
    name = f"{chamber[0].text} {party.entity.name}"
    start, end = chamber[0].idx, root.idx + len(root.text)
    return graph.named(name, "group", Span.of(graph.text, start, end))

def name_ending_role(graph: EntityGraph, span: SpacySpan) -> Node | None:
    """The person named at the end of a role's mention: after a comma ("The Minister for Disaster
    Management, Josaia Naivalu", "The head of Communitech, the region's innovation hub, Fiona
    Caldwell"), or inside the role's "of" phrase ("Mali's Minister of Rural Development Aminata
    Traoré-Keita"), also with a relative clause after the name (", who coordinated …")."""
    relative = next((t.i for t in span[1:-1] if t.text == "," and t.nbor().lower_ in ("who", "whose")), None)
    if relative is not None:
        span = span.doc[span.start : relative]
    root, last = span.root, span[-1]
    start = last.i
    while start - 1 > span.start and (span.doc[start - 1].pos_ == "PROPN" or is_hyphen_joint(span.doc[start - 1])):
        start -= 1
    name = span.doc[start : last.i + 1]
    # a role before the comma, even where the parser made something else the head ("The UN Refugee
    # Agency (UNHCR) representative in Türkiye, Aïssatou Diallo")
    role = any(t.tag_ in ("NN", "NNP") and t.lemma_.lower() in cues.PERSON_ROLE_NOUNS for t in span.doc[span.start : start])
    if role and span.doc[start - 1].text == "," and 2 <= len(name.text.split()) <= 4 and name[0].is_title:
        node = graph.node_at(last.idx, last.idx + len(last.text)) or graph.find_name(clean(name.text))
        if node is None:
            return graph.new_node(clean(name.text), "person", Span.of(graph.text, name.start_char, name.end_char))
        if node.kind in ("place", "organization") and all(t.pos_ == "PROPN" or is_hyphen_joint(t) for t in name):
            node.entity.kind = "person"  # "…, Ravinesh Chand" tagged a place: the role says a person
        return node if node.kind == "person" else None
    if last.i == root.i or root.tag_ not in ("NN", "NNP") or root.lemma_.lower() not in cues.PERSON_ROLE_NOUNS:
        return None
    titled = titled_name_at_end(graph, span)
    if titled is not None and root.is_title and root.lower_ in cues.TITLES:
        return titled  # "Commander of the Baltic Fleet Admiral Viktor Sablin"
    # the name ends the "of"/"for" phrase of the role, after words of its own ("of Rural Development"):
    # not "the wife of John Smith", "a spokesman for Hillary Clinton", "advisers to Mr. Obama"
    # "to" only after a place or body of posting ("Ambassador to Zambia Zhou Lihong"), not "advisers to Mr. Obama"
    posted = last.head.lower_ == "to" and any(
        t.ent_type_ in ("GPE", "ORG") or getattr(graph.find_name(t.text), "kind", None) in ("place", "organization")
        for t in span.doc[last.left_edge.i : last.i]
    )
    body = last.head.head
    while body.i != root.i and body.dep_ == "pobj" and body.head.lower_ in ("of", "for") and span.start <= body.i:
        body = body.head.head  # "Deputy Head of the Russian Ministry of Natural Resources … Yelena Gritsenko"
    if not (
        last.pos_ == "PROPN" and last.dep_ == "pobj" and (last.head.lower_ in ("of", "for") or posted)
        and body.i == root.i
    ):
        return None
    node = graph.node_at(last.idx, last.idx + len(last.text))
    if node is None or node.kind != "person":
        return None
    between = span.doc[last.left_edge.i : last.i]
    if any(t.lemma_.lower() in cues.PERSON_ROLE_NOUNS for t in between):
        return None  # "a spokesman for presidential candidate Hillary Clinton": the name is the candidate's
    mention = next((m for m in node.mentions if m.start <= last.idx < m.end), None)
    first_word = node.entity.name.split()[0]
    named_from = graph.text.find(first_word, mention.start, mention.end) if mention is not None else last.idx
    return node if last.left_edge.idx < (named_from if named_from >= 0 else last.idx) else None


def name_after_long_title(graph: EntityGraph, span: SpacySpan) -> Node | None:
    """The person whose name ends a mention that holds a capitalised title before it, when the name
    follows the end of a department's or body's name rather than a title or a preposition ("Spanish
    Minister for the Ecological Transition and the Demographic Challenge Marta Echeverría Lozano",
    "Deputy Chairman responsible for agriculture Orhan Demirci"); not "a spokesman for Hillary Clinton"."""
    found = _person_ending(graph, span)
    if found is None or found[1].end_char != span.end_char:
        return None
    node, name = found
    doc = span.doc
    k = name.start - 1
    while k > span.start and (doc[k].lower_.rstrip(".") in cues.TITLES or is_hyphen_joint(doc[k]) or doc[k].lower_ == "vice"):
        k -= 1  # "… Indigenous Nations Vice-Chief Corinne Sinclair-Badger": the body's name, then a title
    before = doc[k]
    if not before.is_alpha or before.pos_ in ("ADP", "DET", "CCONJ") or before.lower_ in cues.TITLES:
        return None
    if k < name.start - 1 and not (before.is_title and before.pos_ == "PROPN" and span.root.pos_ == "PROPN"):
        return None  # "A spokesperson for Finance Minister Olena Hrytsenko"
    titled = any(t.is_title and t.lower_.rstrip(".") in cues.TITLES for t in doc[span.start : name.start])
    return node if titled else None


def name_ending_description(graph: EntityGraph, span: SpacySpan) -> Node | None:
    """The person whose name ends a description, after a comma ("The executive committee member
    responsible for housing, Nadia Joseph") or right after a noun with no preposition between the
    name and the start or last comma ("Former Test batter and commentator Dean Kowalski", "A
    spokesperson for the camp, graduate student Yasmine Ait-Ahmed"); not "a spokeswoman for Hillary Clinton"."""
    found = _person_ending(graph, span)
    if found is None or found[1].end_char != span.end_char:
        return None
    node, name = found
    before = span.doc[name.start - 1]
    if before.dep_ == "case" and before.head.ent_type_ in ("GPE", "NORP") and before.head.i > span.start:
        before = span.doc[before.head.left_edge.i - 1]  # ", South Africa's Nomvula Dlamini": her country
    commas = [t.i for t in span.doc[span.start : name.start] if t.text == ","]
    apposed = span.doc[(commas[-1] if commas else span.start) : name.start]
    if before.text == "," or (before.pos_ == "NOUN" and not any(t.pos_ == "ADP" for t in apposed)):
        return node
    in_phrase = any(t.dep_ == "pobj" for t in (name.root, *name.root.ancestors) if t.i >= span.start)
    if before.is_lower and before.lemma_.lower() in cues.PERSON_ROLE_NOUNS and not in_phrase:
        # "Presidency of Defense Industries (SSB) head Haluk Demirtaş": the role word right before, however
        # parsed; not "A spokesman for Democratic presidential candidate Hillary Clinton"
        return node
    return None


def titled_name_at_end(graph: EntityGraph, span: SpacySpan) -> Node | None:
    """The person whose name ends ``span`` right after a capitalised title ("… Admiral Viktor Sablin"),
    or after the place a title is held in or to ("Consul General in Chongqing Gabor Nagy")."""
    found = _person_ending(graph, span)
    if found is None:
        return None
    doc = span.doc
    title = doc[found[1].start - 1]
    if title.ent_type_ == "GPE":
        place = title
        while place.i > span.start and place.ent_iob_ == "I":
            place = doc[place.i - 1]
        if place.i - 2 >= span.start and doc[place.i - 1].lower_ in ("in", "to"):
            title = doc[place.i - 2]
    if title.is_lower and title.lemma_ in cues.PERSON_ROLE_NOUNS:
        return found[0]  # "Electric Reliability Council of Texas chief executive Marisol Okafor-Reyes"
    return found[0] if title.is_title and title.lower_.rstrip(".") in cues.TITLES else None


def _person_ending(graph: EntityGraph, span: SpacySpan) -> tuple[Node, SpacySpan] | None:
    """The person mentioned at the end of ``span`` and the tokens of that mention, when a word of
    ``span`` other than its first comes before them."""
    last = span[-1]
    node = graph.node_at(last.idx, last.idx + len(last.text))
    mention = next((m for m in node.mentions if m.start <= last.idx < m.end), None) if node is not None else None
    if mention is None and last.pos_ == "PROPN" and last.is_title:
        # a family name the NER missed here that names one person elsewhere ("Minister of Investment Al-Otaibi")
        start = last.i
        while start - 2 > span.start and is_hyphen_joint(span.doc[start - 1]):
            start -= 2
        known = graph.find_name(span.doc[start : last.i + 1].text)
        if known is not None and known.kind == "person" and start - 1 > span.start:
            return known, span.doc[start : last.i + 1]
    if mention is None or node.kind != "person":
        return None
    name = span.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return (node, name) if name is not None and name.start - 1 > span.start else None


def whose_name_says(graph: EntityGraph, span: SpacySpan, forward: int = 3, besides: Node | None = None) -> Node | None:
    """ "the health board", "Indonesia's central bank" for the one organisation (other than
    ``besides``) named before or in the next ``forward`` sentences whose name holds the description's
    nouns and names ("Betsi Cadwaladr University Health Board", "Bank Indonesia"; adjectives aside),
    and, for a lone noun, has it as its head ("the board", "the ministry" for "Ministry of Agriculture")."""
    root = span.root
    if root.tag_ == "NNS" and root.lemma_.lower() not in lexicon.PLURAL_BODIES:
        return None  # "Ontario's universities" are not the Council of Ontario Universities
    words = {root.lower_} | {t.lower_ for t in root.lefts if t.dep_ == "compound" and t.pos_ in ("NOUN", "PROPN")}
    owners = {t.lower_ for t in root.lefts if t.dep_ == "poss" and t.pos_ == "PROPN"}
    if len(words) == 1:
        words |= owners  # an owner is left out of a body described by several nouns ("Türkiye's disaster
        # management authority" is the Disaster and Emergency Management Authority), not of a lone noun's
    by = graph.sent_of(span.start_char) + forward  # named before, or in the next sentences ("Indonesia's
    # central bank raised rates … Bank Indonesia lifted its rate")
    places = {t.lower_ for t in root.lefts if t.ent_type_ in ("GPE", "LOC") and t.lower_ in words}
    for wanted in (words, words - places if places and len(words - places) == 1 else None):
        if not wanted:  # "B.C. court" is the one court named, whatever its name calls the province
            continue
        named = []
        for n in graph.nodes.values():
            name = [w.lower() for w in n.entity.name.split()]
            if n.kind == "organization" and n is not besides and n.mentions and n.mentions[0].sent <= by and wanted <= set(name):
                if wanted is not words and (n.entity.name.split()[-1][:1].islower() or not _placed(graph, n, places)):
                    continue  # without the place: a body the article names there ("High Court" after "Britain's")
                if len(wanted) > 1 or _head_word(name) == root.lower_:
                    named.append(n)
        if named:
            return named[0] if len(named) == 1 else None
    return None


def _placed(graph: EntityGraph, body: Node, places: set[str]) -> bool:
    """Whether an organisation is in one of ``places`` ("uk", "b.c."): its name holds the place's full
    name ("Supreme Court of British Columbia"), or the sentence first naming it names the place ("Britain's")."""
    name = body.entity.name.lower()
    for word in places:
        if PLACE_ALIASES.get(word, word) in name:
            return True
        place = graph.find_name(word)
        if place is not None and any(m.sent == body.mentions[0].sent for m in place.mentions):
            return True
    return False


def _head_word(name: list[str]) -> str:
    """The head noun of an organisation's lower-cased name: before its "of"/"for", else its last word."""
    joint = next((k for k, w in enumerate(name) if w in ("of", "for") and k), None)
    if joint is not None:
        return name[joint - 1]
    while len(name) > 1 and (name[-1].isdigit() or name[-1] in NUMBERED_BRANCHES):
        name = name[:-1]  # "Amalgamated Transit Union Local 279" is a union
    return name[-1]


def national_branch(graph: EntityGraph, place: Token) -> Node | None:
    """ "Amnesty International Kenya", "Reuters Canada": an organisation's branch in a place, named whole."""
    before = graph.doc[place.i - 1] if place.i else None
    if before is None or before.ent_type_ != "ORG" or not before.text[:1].isupper():
        return None
    org = graph.node_at(before.idx, before.idx + len(before.text))
    if org is None or org.kind != "organization":
        return None
    start = next((m.start for m in org.entity.mentions if m.start <= before.idx < m.end), None)
    if start is None:
        return None
    end = place.idx + len(place.text)
    name = clean(graph.text[start:end])
    return graph.named(name, "organization", Span.of(graph.text, start, end))

def body_of_place(graph: EntityGraph, span: SpacySpan) -> Node | None:
    """ "the city of Phoenix", "the government of Canada": a specific body, named by the words themselves."""
    root = span.root
    prep = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of" and c.i < span.end), None)
    place = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if place is None or place.ent_type_ not in ("GPE", "LOC", "ORG") or place.i >= span.end:
        return None
    name = clean(f"{root.lower_} of {graph.doc[place.left_edge.i : place.i + 1].text}")
    return graph.named(name, "organization", Span.of(graph.text, span.start_char, span.end_char))

def proper_name(span: SpacySpan) -> tuple[str, bool]:
    """The name in a mention and whether a title came with it.

    "Rep. Elijah E. Cummings (D-Md.)" → ("Elijah E. Cummings", True): the run of proper nouns that
    ends at the head, without titles, determiners, possessives or parentheses.
    """
    root, doc = span.root, span.doc
    i = root.i
    while i > span.start:
        if doc[i - 1].pos_ == "PROPN" and doc[i - 1].dep_ in ("compound", "flat", "nmod"):
            i -= 1
        elif i - 2 >= span.start and is_hyphen_joint(doc[i - 1]) and doc[i].lower_ not in cues.TITLES:
            i -= 2  # "Sethi-Morrow": one family name in three tokens, not "Secretary-Treasurer"
        elif (
            i - 2 >= span.start and doc[i - 1].text in POSSESSIVE and doc[i - 2].pos_ == "PROPN" and doc[i].is_title
            and doc[i - 2].ent_type_ not in ("GPE", "LOC")  # not "Britain's High Court": the place owns it
        ):
            i -= 2  # "Supporters' Trust", "Governor's Office": a possessive inside a name
        else:
            break
    while i > span.start and doc[i - 1].lower_ in PARTICLES and doc[i - 1].is_lower and i < root.i + 1:
        i -= 1  # "de Wit", "van der Berg": the particles open the family name
    words = [t for t in doc[i : root.i + 1]]
    # a title anywhere before the name in the mention ("Minister of Agriculture Yelena …") or right before it
    titled = any(t.lower_.rstrip(".") in cues.TITLES for t in doc[span.start : root.i + 1]) or (
        i > 0 and doc[i - 1].lower_.rstrip(".") in cues.TITLES
    )
    titles = [k for k, t in enumerate(words[:-1]) if t.lower_.rstrip(".") in cues.TITLES and words[k + 1].is_title]
    if titles and root.lemma_.lower() not in cues.ORG_ROLE_NOUNS:
        # "CPN-UML Deputy General Secretary Tek Narayan Pokharel": the name after the last title
        words = words[titles[-1] + 1 :]
    if words and words[-1].text in POSSESSIVE:
        words = words[:-1]
    text = "".join(t.text_with_ws for t in words)
    return clean(text), titled

def clean(name: str) -> str:
    return repair_mojibake(" ".join(name.translate(INVISIBLE).split()))

def looks_like_a_person(name: Token) -> bool:
    """A two- or three-word proper name with no organisation word in it ("Candace Laing", not
    "Berkshire Hathaway Inc." or "Acme Group")."""
    words = list(name.doc[name.left_edge.i : name.i + 1])
    return 2 <= len(words) <= 3 and all(
        t.pos_ == "PROPN" and t.is_alpha and t.lower_ not in ORG_SUFFIXES and t.lower_ not in cues.ORG_ROLE_NOUNS
        for t in words
    )


def court_of_bench(graph: EntityGraph, span: SpacySpan) -> Node | None:
    """ "Judges", "the majority", "the panel" with no other words: the court named before that last
    spoke, else the court named last ("The Court of Appeal for Ontario ruled … Judges said"); in a
    headline, the court the story names first."""
    root = span.root
    if root.lower_ not in lexicon.BENCH_WORDS or any(c.dep_ != "det" for c in root.children):
        return None
    courts = [
        n for n in graph.nodes.values()
        if n.kind == "organization" and set(n.entity.name.lower().split()) & lexicon.COURT_WORDS
    ]

    def last(node: Node, spoke: bool) -> int:
        return max((m.start for m in node.mentions if m.start < span.start_char and (m.speaker or not spoke)), default=-1)

    for spoke in (True, False):
        found = max(courts, key=lambda n: last(n, spoke), default=None)
        if found is not None and last(found, spoke) >= 0:
            return found
    if in_headline(root, graph.text) and courts:  # "Judges say …" above the story: the court it names first
        return min(courts, key=lambda n: n.mentions[0].start if n.mentions else len(graph.text))
    return None


def sole_force(graph: EntityGraph, span: SpacySpan) -> Node | None:
    """ "Police said", "the police" with no other words: the force the article names ("Durham Regional
    Police"), the first named of several ("Eastern Police District" before "Police Security Service")
    unless two are first named together, a name before a description ("Portuguese police"), else None."""
    root = span.root
    if root.lower_ not in lexicon.FORCE_NOUNS or any(c.dep_ != "det" for c in root.children):
        return None
    forces = [
        n for n in graph.nodes.values()
        if n.kind == "organization" and root.lower_ in n.entity.name.lower().split() and len(n.entity.name.split()) > 1
    ]
    named = [n for n in forces if root.lower_.title() in n.entity.name.split()]  # not "Portuguese police"
    forces = sorted(named or forces, key=lambda n: n.mentions[0].start if n.mentions else len(graph.text))
    if not forces:  # a name the NER missed: capitalised words before the capitalised noun ("Durham Regional Police")
        doc, runs = graph.doc, {}
        for t in doc:
            if t.lower_ != root.lower_ or not t.is_title:
                continue
            start = t.i
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
                start -= 1
            if start < t.i:
                runs.setdefault(doc[start : t.i + 1].text, doc[start : t.i + 1])
        if len(runs) == 1:
            name, run = next(iter(runs.items()))
            return graph.named(name, "organization", Span.of(graph.text, run.start_char, run.end_char))
    if len(forces) > 1 and forces[0].mentions and forces[1].mentions and forces[0].mentions[0].sent == forces[1].mentions[0].sent:
        return None  # "The Ontario Provincial Police and the RCMP searched the farm. Police said": either
    return forces[0] if forces else None


def sole_union(graph: EntityGraph, span: SpacySpan) -> Node | None:
    """ "The union", "their union" with no other words: the one organisation whose name says it is a
    trade union ("Fédération de la santé et des services sociaux", "CUPE Local 2348"), else None."""
    root = span.root
    if root.lemma_.lower() != "union" or not _bare(root):
        return None  # not "Quebec nurses' union", a union the article may never name
    unions = [
        n for n in graph.nodes.values()
        if n.kind == "organization"
        and {w.lower() for w in n.entity.name.split() if w[:1].isupper()} & lexicon.UNION_NAME_WORDS
    ]  # capitalised: not "Scotland's local authorities"
    return unions[0] if len(unions) == 1 else None


def _bare(noun: Token) -> bool:
    """A noun with nothing before it but a determiner or a possessive pronoun ("the union", "their union")."""
    return all(c.dep_ == "det" or (c.dep_ == "poss" and c.pos_ == "PRON") for c in noun.children)


_COMPANY_WORDS = lexicon.COMPANY_NAME_WORDS | {w.rstrip(".") for w in ORG_SUFFIXES}  # "Cedarline Exchange Inc."


def _organisations_named_before(graph: EntityGraph, position: int) -> list[Node]:
    """The organisations first mentioned before ``position``."""
    return [n for n in graph.nodes.values() if n.kind == "organization" and n.mentions and n.mentions[0].start < position]


def sole_company(graph: EntityGraph, span: SpacySpan) -> Node | None:
    """ "The company" with no other words, which the resolver left unnamed: the one organisation named
    before it whose capitalised name says it is a company ("Friesen Bus Lines"), else None."""
    root = span.root
    if root.lemma_.lower() not in ("company", "firm") or not _bare(root):
        return None
    companies = [
        n for n in _organisations_named_before(graph, span.start_char)
        if {w.lower().rstrip(".,") for w in n.entity.name.split() if w[:1].isupper()} & _COMPANY_WORDS
    ]
    return companies[0] if len(companies) == 1 else None


def sole_body_of_kind(graph: EntityGraph, span: SpacySpan) -> Node | None:
    """ "The regulator", "the agency" with no other words, which the resolver left unnamed: the one
    organisation named before it whose name or roles say it is of that kind (``lexicon.ORG_NOUN_CLASSES``:
    the "Coffee and Cocoa Council" for "the regulator"), else None."""
    root = span.root
    kinds = org_classes({root.lemma_.lower()})
    if not kinds or not _bare(root):
        return None
    found = [
        n for n in _organisations_named_before(graph, span.start_char)
        if (" " in n.entity.name or n.roles)  # not a lone "State" of a quotation
        and org_classes(class_words(n.entity.name) | n.roles) & kinds
    ]
    return found[0] if len(found) == 1 else None


def sole_role_holder(graph: EntityGraph, span: SpacySpan) -> Node | None:
    """The one person named before the mention whom the article gives the role of its head ("the
    minister" when one minister has been named; for a headline, in the whole article), if only one.
    Not a description that says whose it is ("Tousignant's lawyer")."""
    noun = span.root
    if any(c.dep_ == "poss" for c in noun.children):
        return None
    before = len(graph.text) if in_headline(noun, graph.text) else span.start_char  # a headline: anyone in the article
    role = noun.lemma_.lower()
    holders = [
        n for n in graph.nodes.values()
        if n.kind == "person" and role in n.roles and n.mentions and n.mentions[0].start < before
    ]
    return holders[0] if len(holders) == 1 else None


def next_speaker(graph: EntityGraph, span: SpacySpan, kind: str) -> Node | None:
    """A delayed name in the lead: "…, the operator said" before "Bokamoso Platinum said in a
    statement", "…, the Turkish interior minister said" before "… Mehmet Ali Yücel said", in one of
    the next two sentences; the first entity of ``kind`` that speaks there, not under another title
    ("The official said … Mayor Julia Ferreira said")."""
    sent = graph.sent_of(span.start_char)
    end = graph.sentence_end(sent + 2)
    role = {span.root.lower_, span.root.lemma_.lower()}

    def other_title(m: Mention) -> bool:
        words = graph.text[max(0, m.start - 30) : m.start].split()
        title = words[-1].lower().rstrip(".") if words else ""
        return title in cues.TITLES and title not in role and title not in lexicon.COURTESY_TITLES

    spoken = [
        (m.start, n) for n in graph.nodes.values() if n.kind == kind
        for m in n.mentions if m.speaker and span.end_char < m.start < end and not other_title(m)
    ]
    return min(spoken, key=lambda pair: pair[0])[1] if spoken else None


def organisation_in_apposition(graph: EntityGraph, noun: Token) -> Node | None:
    """The organisation named in apposition to a description ("Ecuador's prison agency, SNAI")."""
    for c in (c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN"):
        node = graph.node_at(c.idx, c.idx + len(c.text))
        if node is not None and node.kind == "organization":
            return node
    return None


def named_in(graph: EntityGraph, noun: Token, prepositions: tuple[str, ...]) -> Node | None:
    """The entity a preposition after ``noun`` names ("a lesson from X")."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in prepositions):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            node = graph.node_at(obj.idx, obj.idx + len(obj.text))
            if node is not None and node.kind in ("person", "organization", "place"):
                return node
    return None
