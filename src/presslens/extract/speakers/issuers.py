"""Who issued a document source ("the statement", "a report released by X", "the FBI's letter")."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from presslens.extract import cues
from presslens.extract.name_forms import name_phrase
from presslens.extract.speakers.graph import EntityGraph, Node
from presslens.extract.speakers.naming import whose_name_says
from presslens.lexicon import speakers as lexicon
from presslens.schema import Span

# How far back (in sentences) "the statement" looks for the statement it points to: a wire story
# mentions its one statement in the lead and quotes it again near the end.
DOCUMENT_LOOKBACK_SENTENCES = 25
# How far back an organisation that just spoke issues a bare "the report" ("X said … ¶ …, according to the report").
BODY_JUST_HEARD_SENTENCES = 3


def document_issuer(graph: EntityGraph, span: SpacySpan) -> Node | None:
    """Who issued a document: "the FBI's statement", "a statement from X", "X released a report"."""
    root = span.root
    lemma = root.lemma_.lower()
    first = graph.sent_of(span.start_char)
    since = span.doc.char_span(
        graph.sent_starts[max(first - DOCUMENT_LOOKBACK_SENTENCES, 0)], span.start_char, alignment_mode="expand"
    )
    same = {lemma}
    for kin in (lexicon.MEDIA_ITEM_NOUNS, lexicon.FINDINGS_NOUNS):
        same |= kin if lemma in kin else set()
    if lemma in lexicon.GENERIC_DOCUMENT_NOUNS:
        same = set(cues.DOCUMENT_WORDS)  # "The document" after "a commentary": that commentary
    earlier = [t for t in since if t.lemma_.lower() in same] if since is not None else []
    if root.tag_ == "NNS" or not any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in root.children
    ):
        earlier = []  # only "the statement" points back to one mentioned before, not "exit polls"
    for token in [root, *reversed(earlier)]:
        node = _issuer_of(graph, token)
        if node is not None:
            return node
    return _ruling_author(graph, span) or _capitals_before(graph, root) or _body_just_heard(graph, span)


def last_body_heard(graph: EntityGraph, before: int) -> tuple[int, Node] | None:
    """Where the last speaker before ``before`` spoke, and who, when that is an organisation: the issuer
    of a bare "the report" just after, and the body a bare "the press service" speaks for."""
    found = graph.last_speech_before(before)
    return found if found is not None and found[1].kind == "organization" else None


def _body_just_heard(graph: EntityGraph, span: SpacySpan) -> Node | None:
    """ "The AAIB said … ¶ '…,' the report said": a bare "the report" whose issuer the article never
    writes, right after an organisation spoke (at most ``BODY_JUST_HEARD_SENTENCES`` before)."""
    if [c.lower_ for c in span.root.children] != ["the"]:
        return None
    found = last_body_heard(graph, span.start_char)
    if found is None:
        return None
    return found[1] if graph.sent_of(span.start_char) - graph.sent_of(found[0]) <= BODY_JUST_HEARD_SENTENCES else None


def _ruling_author(graph: EntityGraph, span: SpacySpan) -> Node | None:
    """ "The decision", "the ruling" with no other words: the one judge named before it, else the one
    court ("Justice Sylvie Beauchemin-Tran" … "The decision said"; "the Competition Tribunal")."""
    root = span.root
    if root.lemma_.lower() not in lexicon.RULING_NOUNS or any(c.dep_ != "det" for c in root.children):
        return None
    before = [n for n in graph.nodes.values() if n.mentions and n.mentions[0].start < span.start_char]
    judges = [n for n in before if n.kind == "person" and "judge" in n.roles]
    courts = [n for n in before if n.kind == "organization" and set(n.entity.name.lower().split()) & lexicon.COURT_WORDS]
    for found in (judges, courts):
        if len(found) == 1:
            return found[0]
    return None


def _capitals_before(graph: EntityGraph, noun: Token) -> Node | None:
    """The issuer written in capitals right before the document noun, which the NER often misses
    ("a USA TODAY investigation", "FEC records"): a new organisation unless one has that name."""
    doc = graph.doc
    start = noun.i
    while start > noun.left_edge.i and doc[start - 1].is_upper and doc[start - 1].is_alpha and len(doc[start - 1]) >= 2:
        start -= 1
    words = doc[start : noun.i]
    if not words or noun.is_upper or words[-1].dep_ != "compound" or any(t.ent_type_ in ("PERSON", "NORP") for t in words):
        return None  # an all-capitals headline ("OFFICIAL REPORT SAYS …") names no issuer this way
    mention = Span.of(graph.text, words.start_char, words.end_char)
    return graph.named(words.text, "organization", mention)


def _issuer_of(graph: EntityGraph, noun: Token) -> Node | None:
    """The issuer named around one document noun, in order of how directly syntax says so."""
    probes = [c for c in noun.children if c.dep_ in ("poss", "compound", "nmod")]
    probes += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "on" for g in _owners_of_publishing_place(c)]
    # "a statement from X", "a report by X", and for what an outlet publishes, "an editorial in X"
    issued = ("from", "by", "of", "in") if noun.lemma_.lower() in lexicon.PUBLISHED_NOUNS else ("from", "by", "of")
    probes += [g for c in noun.children if c.dep_ == "prep" and c.lower_ in issued for g in c.children]
    # "a study released by X", "a study that appeared in X", "a speech X delivered"; not "a letter
    # obtained by The Globe and Mail"
    # the verb may hang on the noun's "of" phrase: "a notice of violation published on the FCAC's website"
    described = [noun, *(g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj")]
    for verb in (
        c for word in described for c in word.children
        if c.dep_ in ("acl", "relcl") and c.lemma_.lower() not in lexicon.HOLDER_VERBS
    ):
        for c in verb.children:
            if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in ("by", "in", "from")):
                probes += [g for g in c.children if g.dep_ == "pobj"]
            elif c.dep_ == "prep" and c.lower_ == "on":
                probes += _owners_of_publishing_place(c)  # "published on the FCAC's website"
            elif c.dep_ == "nsubj" and verb.dep_ == "relcl" and c.lower_ not in cues.RELATIVE_PRONOUNS:
                probes.append(c)
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
        probes += [c for c in head.children if c.dep_ in ("nsubj", "agent")]
        if head.dep_ == "xcomp" and not any(c.dep_ == "nsubj" for c in head.children):
            # "prompted his wife to make a comment": the object, else the subject, of the verb above
            above = [c for c in head.head.children if c.dep_ == "dobj"] or [
                c for c in head.head.children if c.dep_ == "nsubj"
            ]
            probes += above + [g for c in above for g in _appositions(c)]
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        probes += [c for c in head.head.children if c.dep_ == "nsubj"]
    elif noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.dep_ in ("nsubj", "appos"):
        # "The Police Command, in a statement by its spokesperson, said", the phrase hung on the
        # subject or its apposition; not a participle taken for the subject ("Reacting, X, in …")
        subject = head.head
        while subject.dep_ == "appos" and subject.head.i != subject.i:
            subject = subject.head
        probes += [t for t in (subject, *_appositions(subject)) if t.tag_ != "VBG"]
    # "The EFCC, in a statement by its Head of Media, Mr Tunde Afolabi-Sule, said": the statement is
    # the body's, its spokesperson only signs it; the spokesperson when the body is nowhere named
    probes.sort(key=_own_spokesperson)
    for t in probes:
        if t.dep_ == "agent":
            t = next((g for g in t.children if g.dep_ == "pobj"), t)
        node = graph.node_at(t.idx, t.idx + len(t.text))
        if node is not None and node.kind == "person":
            node = _body_spoken_for(graph, t) or node  # a statement its spokesperson makes or signs is the body's
        if node is None and t.lemma_.lower() in cues.PERSON_ROLE_NOUNS and t.right_edge.i > t.i:
            last = t.right_edge  # "released by retired justice Adaeze Okonjo-MacDonald": the name after the role
            named = graph.node_at(last.idx, last.idx + len(last.text))
            node = named if named is not None and named.kind == "person" else None
        if node is None and t.tag_ == "NNS" and t.lemma_.lower() in cues.PERSON_ROLE_NOUNS:
            node = _workplace(graph, t)  # "written by engineers at Hellenic Aerospace Industry": the body's
        if node is None and t.dep_ == "compound" and t.pos_ == "NOUN":
            node = _organisation_ending_in(graph, t.lower_)  # "a police statement" after "the National Police"
        if node is None and t.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
            node = whose_name_says(graph, t.doc[t.left_edge.i : t.i + 1])  # "issued by the department"
        if node is None and t.dep_ == "pobj" and (phrase := name_phrase(t.doc[t.left_edge.i : t.right_edge.i + 1])):
            mention = Span.of(graph.text, t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text))
            node = graph.named(phrase, "organization", mention)  # "figures from the Presidency of Migration Management"
        if node is not None and node.kind in ("person", "organization", "place"):
            return node
    return None


def _owners_of_publishing_place(on: Token) -> list[Token]:
    """The owner of a website or account after "on" ("on the FCAC's website", "on the ministry's X account")."""
    return [
        owner for place in on.children if place.dep_ == "pobj" and place.lemma_.lower() in lexicon.PUBLISHING_PLACE_NOUNS
        for owner in place.children if owner.dep_ == "poss"
    ]


def _workplace(graph: EntityGraph, people: Token) -> Node | None:
    """The organisation where unnamed people work, after "at" or "from" ("researchers at the GEOMAR
    Helmholtz Centre", "engineers from the utility")."""
    for prep in (c for c in people.children if c.dep_ == "prep" and c.lower_ in ("at", "from", "with")):
        for place in (g for g in prep.children if g.dep_ == "pobj"):
            node = graph.node_at(place.idx, place.idx + len(place.text))
            if node is not None and node.kind == "organization":
                return node
    return None


def _body_spoken_for(graph: EntityGraph, person: Token) -> Node | None:
    """The body whose spokesperson or press officer a named person is: by an apposition ("Mr X, Head of
    Public Affairs of the Ghana Civil Aviation Authority": its last organisation after "of"/"for"), or
    by the title before the name, which names it by the last word of its name ("force spokesperson
    Olumide Bakare" after "the Nigeria Police Force")."""
    for post in (c for c in person.children if c.dep_ == "appos"):
        if any(t.lower_ in lexicon.SPOKESPERSON_POST_WORDS for t in post.subtree):
            bodies = [t for t in post.subtree if t.dep_ == "pobj" and t.head.lower_ in ("of", "for") and t.ent_type_ == "ORG"]
            node = graph.node_at(bodies[-1].idx, bodies[-1].idx + len(bodies[-1].text)) if bodies else None
            if node is not None and node.kind == "organization":
                return node
    words = [c for c in person.children if c.dep_ == "compound" and c.i < person.i]
    posts = [c for c in words if c.lemma_.lower() in lexicon.SPOKESPERSON_POST_WORDS]
    bodies = [c for c in words if posts and c.i < posts[0].i and c.pos_ == "NOUN"]
    return _organisation_ending_in(graph, bodies[-1].lower_) if bodies else None


def _own_spokesperson(t: Token) -> bool:
    """Whether a probe is a role of a body that the phrase itself owns ("its spokesperson")."""
    return t.lemma_.lower() in cues.PERSON_ROLE_NOUNS and any(
        c.dep_ == "poss" and c.lower_ in ("its", "their") for c in t.children
    )


def _organisation_ending_in(graph: EntityGraph, word: str) -> Node | None:
    """The one organisation whose name ends in the common noun ``word``, a proper name ("National
    Police") before a description ("Spanish police")."""
    found = [n for n in graph.nodes.values() if n.kind == "organization" and n.entity.name.lower().split()[-1:] == [word]]
    named = [n for n in found if n.entity.name.split()[-1][:1].isupper()]
    for group in (named, found):
        if len(group) == 1:
            return group[0]
    return None


def _appositions(noun: Token) -> list[Token]:
    """The nouns in apposition or coordination with ``noun``, nested ("his wife, the senator, Mary Holt")."""
    found = [c for c in noun.children if c.dep_ in ("appos", "conj")]
    return found + [g for c in found for g in _appositions(c)]
