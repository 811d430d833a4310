"""Resolve each attribution's source mention to a speaker inside one article.

Method. An entity graph of the article (``graph.EntityGraph``: NER entities, names the NER missed,
name parts, roles learned from the article) gives the candidates. Each source mention is typed
(``features.classify``), then:

* a name takes the entity it names; an apposition or a relative pronoun ("who said") takes the noun
  it stands for (syntax, no choice to make);
* a pronoun or a definite description ("he", "the chancellor", "the company") is decided by the
  learned resolver (``model.ResolverModel``): every entity mentioned in the previous sentences (or
  later in the same one) is scored, and the best one is taken when its probability reaches the
  model's threshold, else the source stays unnamed;
* a specific organisational description is itself a name ("the Syrian government" → "Syrian
  government"); a document ("the statement") takes its issuer when the article says who issued it;
  a generic or indefinite source ("a spokesman", "officials") stays unnamed.

``source.confidence`` is the model's probability for learned decisions and a fixed prior for the
syntactic ones (see ``_CONFIDENCE``). Resolved mentions are added to the entity's mentions, and
descriptions and surnames to its aliases.
"""

from __future__ import annotations

from bisect import insort
from functools import cached_property

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from presslens.extract import cues
from presslens.extract.name_forms import attested_part, name_phrase, presented_as_person
from presslens.extract.speakers.body_names import body_named_in_full
from presslens.extract.speakers.completed_names import given_names_completed, person_completed
from presslens.extract.speakers.features import (
    HEADLINE_FORWARD,
    RESOLVABLE,
    Anaphor,
    classify,
    in_headline,
    readings,
)
from presslens.extract.speakers.graph import EntityGraph, Node
from presslens.extract.speakers.issuers import document_issuer, last_body_heard
from presslens.extract.speakers.lead import (
    LEAD_SENTENCES,
    headline_speaker,
    introduces_someone,
    named_next,
    tagline_writer,
    titled_later,
)
from presslens.extract.speakers.mention_words import (
    after_one_of,
    animate,
    antecedent,
    apposed_to_apposition,
    comma_conjunct,
    generic_kind,
    is_possessed_kin,
)
from presslens.extract.speakers.model import ResolverModel, load_model
from presslens.extract.speakers.naming import (
    body_of_place,
    chamber_members,
    clean,
    court_of_bench,
    looks_like_a_person,
    name_after_long_title,
    name_ending_description,
    name_ending_role,
    named_in,
    national_branch,
    next_speaker,
    organisation_in_apposition,
    proper_name,
    sole_body_of_kind,
    sole_company,
    sole_force,
    sole_role_holder,
    sole_union,
    titled_name_at_end,
    whose_name_says,
)
from presslens.extract.speakers.roles import press_office_owner
from presslens.extract.speakers.unnamed import UnnamedModel, load_unnamed_model, second_look
from presslens.lexicon import pronouns
from presslens.lexicon import speakers as lexicon
from presslens.schema import Article, Attribution, Entity, SourceKind, Span

__all__ = ["resolve_speakers"]

# Confidence of answers that syntax settles, by how they were reached.
_CONFIDENCE = {
    "named": 0.95, "appos": 0.9, "relative": 0.85, "org_description": 0.8, "role_holder": 0.8,
    "document": 0.7, "document_unnamed": 0.6, "generic": 0.85, "first_person": 0.5, "unknown": 0.3,
    "no_candidate": 0.4,  # "the official" with nobody in the article it could mean
    "proper": 0.85,  # a name the NER missed
    "introduced": 0.6,  # "A federal judge …", named later under that title
    "delayed_name": 0.5,  # "A former party chairman says …", the next new person who speaks
}
# Mentions that never become an entity's alias.
_NOT_ALIASES = cues.PERSON_PRONOUNS | cues.PLURAL_PRONOUNS | cues.RELATIVE_PRONOUNS | cues.FIRST_PERSON | {"it", "its"}
_Result = tuple[Node | None, SourceKind, str | None, float]  # node, kind, name without a node, confidence


class _Resolver:
    def __init__(
        self, doc: Doc, entities: list[Entity], article: Article | None, model: ResolverModel, review: UnnamedModel | None
    ) -> None:
        self.doc = doc
        self.review = review
        self.graph = EntityGraph(doc, entities)
        self.model = model
        self.article = article
        self.said: tuple[int, int] | None = None
        self.bodies: dict[str, Node] = {}  # an organisation described first → the one named so (_named_body)
        self.press_body: Node | None = None  # the body a press office last spoke for (_press_office)

    @cached_property
    def writer(self) -> Node | None:
        """The writer an op-ed's closing line presents, looked up once per article."""
        return tagline_writer(self.graph)

    def resolve(self, mention: Span, said: Span | None = None) -> _Result:
        """The source ``mention`` resolved; ``said`` is the content of its statement."""
        self.said = (said.start, said.end) if said is not None else None
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None, "unknown", None, _CONFIDENCE["unknown"]
        node, kind, name, confidence = self._resolve_span(span, 0)
        if node is None and name is None and kind != "document" and in_headline(span.root, self.graph.text):
            node = headline_speaker(self.graph, span, classify(span, self.graph).type)  # "Envoy says"
            if node is not None:
                return node, _kind_of(node), None, _CONFIDENCE["delayed_name"]
        if node is None and name is None and self.review is not None:  # a learned second look (unnamed.py)
            node, p = second_look(self.graph, span, self.model, self.review)
            if node is not None:
                return self._named_body(node), kind if kind == "document" else _kind_of(node), None, round(p, 3)
        return self._named_body(node), kind, name, confidence

    def _named_body(self, node: Node | None) -> Node | None:
        """An organisation the article first describes ("Ontario's highest court", "Türkiye's disaster
        management authority") as the one organisation it names with those words ("the Court of Appeal
        for Ontario", "the Disaster and Emergency Management Authority"), else ``node``."""
        if node is None or node.kind != "organization" or not node.mentions or not node.entity.name.split()[-1][:1].islower():
            return node  # only a node the graph made of a description is named by its lower-case noun
        if node.entity.id not in self.bodies:
            first = node.mentions[0]
            span = self.doc.char_span(first.start, first.end, alignment_mode="expand")
            named = None
            if span is not None and len(span) and span.root.is_lower:
                forward = HEADLINE_FORWARD if in_headline(span.root, self.graph.text) else 3  # a headline's "Kenyan court"
                named = organisation_in_apposition(self.graph, span.root) or whose_name_says(self.graph, span, forward, node)
            if named is not None and named.entity.name.split()[-1][:1].islower():
                named = None  # "his campaign" is not the "Clinton campaign" described before
            self.bodies[node.entity.id] = named or node
        return self.bodies[node.entity.id]

    def _resolve_span(self, span: SpacySpan, depth: int) -> _Result:
        anaphor = classify(span, self.graph)
        root = span.root
        if depth < 2 and (owner := press_office_owner(root)) is not False:
            return self._press_office(span, owner, depth)
        if anaphor.type != "named" and (
            named := name_after_long_title(self.graph, span) or name_ending_description(self.graph, span)
        ) is not None:
            return named, "person", None, _CONFIDENCE["appos"]  # "… Minister for the Demographic Challenge Marta …"
        if anaphor.type == "named" and (named := name_ending_role(self.graph, span)) is not None:
            return named, "person", None, _CONFIDENCE["appos"]  # "The UN agency's representative, Aïssatou Diallo"
        if anaphor.type == "named":
            node = self.graph.node_at(root.idx, root.idx + len(root.text))
            if node is None or node.kind != "person":  # "Education and … Minister Lise Beauchemin-Okafor"
                node = titled_name_at_end(self.graph, span) or node
            if node is not None and node.kind == "group" and (
                node.entity.name.lower() not in lexicon.POLITICAL_GROUPS
                or any(c.lower_ in lexicon.GROUP_QUANTIFIERS or c.like_num or c.dep_ == "amod" for c in root.lefts)
            ):
                # "Mexicans often say", "many Democrats said": a generic source
                return None, "group", None, _CONFIDENCE["generic"]
            if node is not None and node.kind == "group":
                node = chamber_members(self.graph, root, node)
            if node is not None and node.kind == "place":
                node = national_branch(self.graph, root) or node
            if node is not None:
                node = body_named_in_full(self.graph, span, node) or node  # "Elections Quebec", "Quebec" tagged
                given_names_completed(span, node)  # "Defender Tyrese Campbell-Hughes" with "Tyrese" left out
            return node, _kind_of(node), None, _CONFIDENCE["named"]
        appos = self._apposition(root) or name_ending_role(self.graph, span)
        if appos is not None:
            return appos, _kind_of(appos), None, _CONFIDENCE["appos"]
        if root.dep_ == "appos" and root.pos_ == "NOUN":
            # "Marc Morial, the chief executive of the National Urban League, who said …": the name it describes
            named = self.graph.node_at(root.head.idx, root.head.idx + len(root.head.text))
            if named is not None and named.kind == "person":
                return named, "person", None, _CONFIDENCE["appos"]
        if anaphor.type == "relative":
            verb = root.head
            if depth < 2 and verb.dep_ in ("relcl", "acl") and verb.head.i != verb.i:
                head = antecedent(verb.head, root)
                node, kind, name, conf = self._resolve_span(self.doc[head.left_edge.i : head.i + 1], depth + 1)
                return node, kind, name, min(conf, _CONFIDENCE["relative"])
            return None, "unknown", None, _CONFIDENCE["unknown"]
        if anaphor.type == "desc_org" and depth < 2:
            owned = self._owned_organisation(span, depth)
            if owned is not None:
                return owned
            forward = HEADLINE_FORWARD if in_headline(root, self.graph.text) else 3  # "…, union says"
            described = body_of_place(self.graph, span) or whose_name_says(self.graph, span, forward)
            if described is not None:
                return described, "organization", None, _CONFIDENCE["org_description"]
        lead = self.graph.sent_of(span.start_char) <= LEAD_SENTENCES
        if anaphor.type in ("generic", "desc_person") and lead and introduces_someone(root):
            # "A federal judge on Thursday blocked … U.S. District Judge Robert Pitman wrote": the lead's
            # indefinite description of the one person the article later names under that title
            named = titled_later(self.graph, root, span.end_char)
            if named is not None:
                return named, "person", None, _CONFIDENCE["introduced"]
            named = named_next(self.graph, span)
            if named is not None:
                return named, "person", None, _CONFIDENCE["delayed_name"]
        if anaphor.type == "desc_person" and is_possessed_kin(root):
            # "His mother said": a relative of someone, never a person the article has not called that
            kin = [n for n in self.graph.nodes.values() if n.kind == "person" and root.lemma_.lower() in n.roles]
            if len(kin) == 1:
                return kin[0], "person", None, _CONFIDENCE["appos"]
            return None, "person", None, _CONFIDENCE["generic"]
        if anaphor.type == "desc_person" and (holder := sole_role_holder(self.graph, span)):
            return holder, "person", None, _CONFIDENCE["role_holder"]
        if (body := court_of_bench(self.graph, span) or sole_force(self.graph, span) or sole_union(self.graph, span)):
            return body, "organization", None, _CONFIDENCE["role_holder"]  # "Judges said", "Police said"
        if anaphor.type in RESOLVABLE:
            result = self._learned(anaphor)
            early = anaphor.sent <= LEAD_SENTENCES + 3  # the lead, after a headline, deck and dateline
            if result[0] is None and anaphor.type in ("desc_org", "desc_person") and early:
                kind = "organization" if anaphor.type == "desc_org" else "person"
                later = next_speaker(self.graph, span, kind)
                if later is not None:
                    return later, kind, None, _CONFIDENCE["delayed_name"]
            if result[0] is None and (company := sole_company(self.graph, span) or sole_body_of_kind(self.graph, span)):
                return company, "organization", None, _CONFIDENCE["role_holder"]
            return result
        if anaphor.type == "document":
            issuer = document_issuer(self.graph, span)
            if issuer is not None:
                return issuer, "document", None, _CONFIDENCE["document"]
            owner = self._possessor(root, depth)
            if owner is not None:  # "her account", "his statement": whoever the pronoun stands for
                return owner[0], "document", None, min(owner[1], _CONFIDENCE["document"])
            return None, "document", None, _CONFIDENCE["document_unnamed"]
        if anaphor.type == "first_person":
            author = self.article.author if self.article is not None else None
            if not anaphor.quoted and root.lower_ in ("i", "me", "my"):
                if author:
                    return None, "person", author, _CONFIDENCE["first_person"]
                if self.writer is not None:  # an op-ed's closing "X is a law professor."
                    return self.writer, "person", None, _CONFIDENCE["first_person"]
            return None, "group" if root.lower_ in ("we", "us", "our") else "person", None, _CONFIDENCE["unknown"]
        if anaphor.type == "proper":
            return self._proper(span)
        if anaphor.type == "generic" and not animate(root):
            # "A lesson from Loretta Lynch: …", "word from the palace": the named source of a thing said
            source = named_in(self.graph, root, ("from", "by"))
            if source is not None:
                return source, _kind_of(source), None, _CONFIDENCE["document"]
        if anaphor.type == "generic" and (other := readings(self.graph, anaphor)):
            # "the zoo", "the expert": a noun no list has, taken only for someone the article calls that
            node, p = self.model.best(self.graph, *other)
            if node is not None and p >= self.model.threshold and root.lemma_.lower() in node.roles | set(
                node.entity.name.lower().split()
            ):
                return node, _kind_of(node), None, round(p, 3)
        return None, generic_kind(root), None, _CONFIDENCE["generic"]

    def _press_office(self, span: SpacySpan, owner: Token | bool, depth: int) -> _Result:
        """A press office speaks for its body: the owner it names ("the ministry's press service", "the
        press service of the Baltic Fleet"), else the body a press office last spoke for, else the
        organisation that spoke last."""
        node = None
        if isinstance(owner, Token) and owner.is_lower and owner.lemma_ not in cues.ORG_ROLE_NOUNS:
            words = [t for t in self.doc[owner.left_edge.i : owner.i + 1] if t.dep_ not in ("det", "case")]
            phrase = " ".join(t.text for t in words)  # "the city hall's press service": the city hall
            node = self.graph.find_name(phrase) or self.graph.named(
                phrase, "organization", Span.of(self.graph.text, words[0].idx, owner.idx + len(owner.text))
            )
        elif isinstance(owner, Token):
            node, _, _, _ = self._resolve_span(self.doc[owner.left_edge.i : owner.i + 1], depth + 1)
            node = node if node is not None and node.kind in ("organization", "place") else None
        else:
            heard = last_body_heard(self.graph, span.start_char)
            node = self.press_body or (heard[1] if heard is not None else None)
        if node is None:
            return None, "organization", None, _CONFIDENCE["generic"]
        self.press_body = node
        return node, "organization", None, _CONFIDENCE["org_description"]

    def _possessor(self, noun: Token, depth: int) -> tuple[Node, float] | None:
        """The entity a possessive pronoun before ``noun`` stands for ("her account"), with its confidence."""
        owner = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ in pronouns.THIRD_PERSON_POSSESSIVES), None)
        if owner is None or depth >= 2:
            return None
        node, _, _, confidence = self._resolve_span(self.doc[owner.i : owner.i + 1], depth + 1)
        return (node, confidence) if node is not None else None

    def _owned_organisation(self, span: SpacySpan, depth: int) -> _Result | None:
        """ "her campaign": the possessive pronoun resolved to a person, the organisation named after them."""
        root = span.root
        owner = self._possessor(root, depth)
        if owner is None or owner[0].kind != "person":
            return None
        person, confidence = owner
        name = f"{person.entity.name.split()[-1]} {root.lower_}"
        node = self.graph.named(name, "organization", Span.of(self.graph.text, span.start_char, span.end_char))
        return node, "organization", None, confidence

    def _proper(self, span: SpacySpan) -> _Result:
        """A name the NER missed: an existing entity by name or surname, else a new one."""
        if span.end <= self.graph.headline_end:  # "Trump Addresses Munich Attack: …" is Trump
            span = attested_part(span, self.graph.body_names)
        name, titled = proper_name(span)
        if not name:
            return None, "unknown", None, _CONFIDENCE["unknown"]
        node = self.graph.find_name(name, before=span.start_char)
        if node is not None and (full := body_named_in_full(self.graph, span, node)) is not None:
            return full, "organization", None, _CONFIDENCE["proper"]  # "Elections Quebec", "Quebec" known
        phrase = name_phrase(span)
        if phrase is not None and (node is None or node.kind != "person"):
            name, node = clean(phrase), self.graph.find_name(clean(phrase))  # "The Port of Vancouver"
        if node is None and (node := person_completed(self.graph, span, name)) is not None:
            return node, "person", None, _CONFIDENCE["proper"]
        if node is None:
            root = span.root
            person = (
                titled or root.ent_type_ == "PERSON" or name.split()[0].lower() in lexicon.GIVEN_NAMES
                or any(c.dep_ == "appos" and c.lemma_.lower() in cues.PERSON_ROLE_NOUNS for c in root.children)
                or presented_as_person(span)
            )  # "Thandiwe Nkosi, a researcher with …", "Aissatou Ndiaye, who said …": a name the NER missed
            body = phrase is not None or root.lemma_.lower() in cues.ORG_ROLE_NOUNS  # "the Governor's Office"
            kind = "organization" if body else "person" if person else "organization"
            node = self.graph.new_node(name, kind, Span.of(self.graph.text, span.start_char, span.end_char))
        return node, _kind_of(node), None, _CONFIDENCE["proper"]

    def _learned(self, anaphor: Anaphor) -> _Result:
        anaphor.said = self.said
        kind: SourceKind = "person" if anaphor.type in ("he", "she", "desc_person") else (
            "organization" if anaphor.type in ("it", "desc_org") else "group"
        )
        node, p = self.model.best(self.graph, anaphor)
        if p < self.model.threshold:  # "The 41-year-old": see features.readings
            node, p = self.model.best(self.graph, anaphor, *readings(self.graph, anaphor))
        if node is None:
            return None, kind, None, _CONFIDENCE["no_candidate"]
        if not self.model.accepts(self.graph, anaphor, node, p):
            return None, kind, None, round(1.0 - p, 3)
        return node, _kind_of(node), None, round(p, 3)

    def _relative_named(self, kin: Token, given: Token) -> Node | None:
        """ "Schilling's son, Grant,", "his daughter, Chelsea,": a relative named by a given name alone
        has the family name of the person whose relative they are."""
        if kin.lemma_.lower() not in lexicon.KIN_NOUNS - lexicon.SPOUSE_NOUNS or given.pos_ != "PROPN" or not given.is_title:
            return None
        known = self.graph.node_at(given.idx, given.idx + len(given.text))
        if known is not None and known.kind == "person" and " " in known.entity.name:
            return None  # "his wife, Hillary," after "Hillary Clinton"
        owner = next((c for c in kin.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
        family = self.graph.node_at(owner.idx, owner.idx + len(owner.text)) if owner is not None else None
        if owner is None:  # "His daughter, Chelsea,": whom the pronoun stands for
            family = (self._possessor(kin, 1) or (None, 0.0))[0]
        if family is None or family.kind != "person" or len(family.entity.name.split()) < 2 or list(given.lefts):
            return None
        name = f"{given.text} {family.entity.name.split()[-1]}"
        mention = Span.of(self.graph.text, given.idx, given.idx + len(given.text))
        return self.graph.named(name, "person", mention)

    def _apposition(self, root: Token) -> Node | None:
        """The person an apposition names ("a spokesman, Anna Weber,"), even one the NER missed, or the
        organisation ("the manufacturer, Danish company Halvorsen Biologics,"; "One of the largest operators,
        Aegean Blue Lines,", whose kind the noun after "one of" says)."""
        noun = after_one_of(root).lemma_.lower()
        for c in [*root.children, *apposed_to_apposition(root)]:
            if c.dep_ == "appos" or comma_conjunct(root, c):
                kin = self._relative_named(root, c)
                if kin is not None:
                    return kin
                node = self.graph.node_at(c.idx, c.idx + len(c.text))
                if node is not None and node.kind == "person":
                    return node
                if node is not None and node.kind == "organization" and noun in cues.ORG_ROLE_NOUNS:
                    return node  # "The manufacturer, Danish company Halvorsen Biologics,"
                role = noun in cues.PERSON_ROLE_NOUNS | lexicon.KIN_NOUNS | lexicon.PERSON_NOUNS_IN_APPOSITION
                if node is not None and role and node.kind == "organization" and looks_like_a_person(c):
                    node.entity.kind = "person"  # "the chamber's president, Candace Laing," tagged ORG
                    return node
                body = noun in cues.ORG_ROLE_NOUNS  # "The company …, Tasman Ridge Aquaculture,"
                if node is None and c.pos_ == "PROPN" and (role or body):
                    name, _ = proper_name(self.doc[c.left_edge.i : c.i + 1])
                    if len(name.split()) >= 2 and (role or all(w[:1].isupper() for w in name.split())):
                        span = Span.of(self.graph.text, c.left_edge.idx, c.idx + len(c.text))
                        return self.graph.named(name, "person" if role else "organization", span)
        if root.dep_ == "appos":
            head = root.head
            node = self.graph.node_at(head.idx, head.idx + len(head.text))
            if node is not None and node.kind == "person":
                return node
        if root.tag_ == "NN" and root.lemma_.lower() in cues.PERSON_ROLE_NOUNS:
            # "Clinton's chief pollster and strategist Joel Benenson": one person's two roles, then the
            # name, which the parser takes for a conjunct of the first role or an object of the second
            doc, k = self.doc, root.i + 1
            if k < len(doc) and doc[k].lower_ == "and":
                k += 1
                while k < len(doc) and doc[k].lower_ in cues.PERSON_ROLE_NOUNS:
                    k += 1
                if k > root.i + 2 and k < len(doc) and doc[k].ent_iob_ == "B" and doc[k].ent_type_ == "PERSON":
                    node = self.graph.node_at(doc[k].idx, doc[k].idx + len(doc[k].text))
                    if node is not None and node.kind == "person":
                        return node
        if root.pos_ == "NOUN" and not root.ent_type_:
            # "His former business partner at Lenox, Lawrence Cummings,": the parser hangs the name on
            # the last noun of the role's prepositional phrase
            for prep in (c for c in root.children if c.dep_ == "prep"):
                for obj in (g for g in prep.children if g.dep_ == "pobj"):
                    for appos in (g for g in obj.children if g.dep_ == "appos" and g.pos_ == "PROPN"):
                        node = self.graph.node_at(appos.idx, appos.idx + len(appos.text))
                        if node is not None and node.kind == "person":
                            return node
        return None


def _kind_of(node: Node | None) -> SourceKind:
    if node is None:
        return "unknown"
    kind = node.entity.kind
    if kind == "person":
        return "person"
    if kind in ("organization", "place"):
        return "organization"
    return "group" if kind == "group" else "unknown"


def _in_headline_at(doc: Doc, start: int, text: str) -> bool:
    token = doc.char_span(start, start + 1, alignment_mode="expand") if start < len(text) else None
    return token is not None and len(token) > 0 and in_headline(token[0], text)


def _add_mention(entity: Entity, mention: Span, known: set[tuple[str, int, int]]) -> None:
    """Give ``entity`` a resolved mention (``known`` holds the (entity, start, end) already there)."""
    key = (entity.id, mention.start, mention.end)
    if key not in known and mention not in entity.mentions:  # a node made for it has it already
        known.add(key)
        insort(entity.mentions, mention, key=lambda m: m.start)
    text = mention.text.strip()
    lower = text.lower()
    if text and text != entity.name and text not in entity.aliases and lower not in _NOT_ALIASES:
        entity.aliases.append(text)


def resolve_speakers(
    doc: Doc,
    attributions: list[Attribution],
    entities: list[Entity],
    article: Article | None = None,
    model: ResolverModel | None = None,
    review: UnnamedModel | None = None,
) -> list[Attribution]:
    """Fill ``source.name``, ``kind``, ``entity`` and ``confidence`` of each attribution, in place.

    ``entities`` (from ``find_entities``) gain the resolved source mentions and, for descriptions
    and surnames, aliases; names the NER missed become new entities. ``article`` gives the byline
    for a first-person writer; ``model`` replaces the shipped resolver and ``review`` the shipped
    second look at unnamed sources (for evaluation and training). Returns ``attributions``.
    """
    if not attributions:
        return attributions
    resolver = _Resolver(doc, entities, article, model or load_model(), review or load_unnamed_model())
    known = {(e.id, m.start, m.end) for e in entities for m in e.mentions}
    cache: dict[tuple[int, int], _Result] = {}

    def order(a: Attribution) -> tuple[bool, int]:  # a headline's statements after the body that names them
        m = a.source.mention
        return (m is not None and _in_headline_at(doc, m.start, resolver.graph.text), m.start if m else -1)

    for a in sorted(attributions, key=order):
        m = a.source.mention
        if m is None:  # a question put by someone unnamed, an order with no one giving it
            if a.source.confidence is None:
                a.source.confidence = _CONFIDENCE["unknown"]
            continue
        key = (m.start, m.end)
        if key not in cache:
            cache[key] = resolver.resolve(m, a.content)
            node = cache[key][0]
            if node is not None:
                _add_mention(node.entity, m, known)
                resolver.graph.add_source_mention(node, m)
        node, kind, name, confidence = cache[key]
        a.source.entity = node.entity.id if node is not None else None
        a.source.kind = kind
        a.source.name = clean(node.entity.name) if node is not None else name
        a.source.confidence = confidence
    return attributions

