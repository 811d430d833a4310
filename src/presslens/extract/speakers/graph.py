"""The document-level entity graph that speaker resolution chooses from.

Built once per article, from the NER entities of ``find_entities`` and from what the NER misses:
titled or given-name proper-noun runs ("Mr. McKinley", "Striker Marcus Rashford"), name parts
("Tedros", "McKinley") joined to the one person whose name they are part of, and the roles and
descriptions the article itself gives each entity (titles before names, appositions on either side
"X, the carrier's chief executive" / "The head of the WHO, Tedros", copulas "X is the mayor", ages).
Every node keeps all its mentions with the facts the resolver's features need: sentence, whether
the mention is a grammatical subject, the subject of a speech verb, inside quotation marks.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import DEP, LEMMA, LOWER, POS
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from presslens.extract import cues
from presslens.extract.acronyms import short_form_of
from presslens.extract.name_forms import (
    foreign_name_nouns,
    is_dateline,
    name_head,
    rewords_name,
    title_case_headline,
)
from presslens.extract.person_names import family_name_written_first, first_family_name_of, is_name_tail
from presslens.extract.speakers.gender import gender_from_pronouns, learn_gender
from presslens.extract.speakers.missed_names import (
    add_missed_bodies,
    add_missed_names,
    add_preposition_bodies,
)
from presslens.extract.speakers.roles import learn_roles, organisation_name, press_office_owner
from presslens.lexicon import labels
from presslens.lexicon import speakers as lexicon
from presslens.nlp import doc_text
from presslens.schema import Entity, Span

__all__ = ["EntityGraph", "Mention", "Node", "INVISIBLE"]

INVISIBLE = lexicon.INVISIBLE_CHARS
_SPEECH = cues.SPEECH_VERBS | cues.SPEECH_OBJECT_VERBS
_QUOTE_OR_BREAK = re.compile("[" + re.escape(cues.OPEN_DOUBLE + cues.CLOSE_DOUBLE) + '"\n]')
_LONGEST_MENTION = 300  # characters; how far back node_at looks for a mention that covers a position


@dataclass(slots=True)
class Mention:
    """One place an entity is mentioned, with the syntactic facts the resolver uses."""

    start: int
    end: int
    sent: int
    subject: bool
    speaker: bool  # subject of a speech verb ("Merkel said")
    quoted: bool
    head: int  # token index of the mention's head


@dataclass(slots=True)
class Node:
    """An entity of the article: its record, gender and number when known, roles, mentions."""

    entity: Entity
    gender: str | None = None  # "m", "f" or None
    plural: bool = False
    roles: set[str] = field(default_factory=set)
    # other words the article describes it with ("republican", "indiana", "presidential")
    descriptors: set[str] = field(default_factory=set)
    ages: set[int] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)  # sorted by start
    starts: list[int] = field(default_factory=list)  # the mentions' starts, for bisection
    first_speaker: int | None = None  # where it first spoke (subject of a speech verb)

    @property
    def kind(self) -> str:
        return self.entity.kind

    def rename(self, name: str) -> None:
        """Call the entity ``name`` (a fuller name found later), keeping the old one as an alias."""
        if name != self.entity.name:
            self.entity.aliases.append(self.entity.name)
            self.entity.name = name

    def add(self, mention: Mention) -> bool:
        """Insert a mention in order; False when one with the same offsets is there already."""
        k = bisect_left(self.starts, mention.start)
        while k < len(self.starts) and self.starts[k] == mention.start:
            if self.mentions[k].end == mention.end:
                return False
            k += 1
        self.starts.insert(k, mention.start)
        self.mentions.insert(k, mention)
        if mention.speaker and (self.first_speaker is None or mention.start < self.first_speaker):
            self.first_speaker = mention.start
        return True

    def count_before(self, position: int, since: int = 0) -> int:
        """How many mentions start in [since, position)."""
        return bisect_left(self.starts, position) - bisect_left(self.starts, since)

    def nearest_before(self, position: int) -> Mention | None:
        k = bisect_left(self.starts, position)
        return self.mentions[k - 1] if k else None

    def first_after(self, position: int) -> Mention | None:
        k = bisect_right(self.starts, position)
        return self.mentions[k] if k < len(self.mentions) else None


class EntityGraph:
    """Entities of one article with their mentions, roles and genders, plus quote and sentence maps."""

    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self.doc = doc
        self.entities = entities
        sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in sents]
        self.sent_tokens = [s.start for s in sents] + [len(doc)]
        self.text = doc_text(doc)  # joined once per document: spaCy rebuilds doc.text from every token
        self.headline_end, self.body_names = title_case_headline(doc)  # a Title Case first line
        self.quotes = _quote_spans(self.text)
        self.quote_starts = [a for a, _ in self.quotes]
        self.nodes: dict[str, Node] = {}
        self.indexed = False  # the mention indexes below exist (built once the graph is complete)
        for e in entities:
            self.nodes[e.id] = Node(e, plural=e.kind == "group" or self._is_family(e))
        for e in entities:
            for m in e.mentions:
                self.add_mention(self.nodes[e.id], m.start, m.end)
        # token attributes as arrays: the passes below touch a Token object only where they match
        columns = doc.to_array([POS, DEP, LEMMA, LOWER]) if len(doc) else np.zeros((0, 4), dtype=np.uint64)
        self._pos, self._dep, self._lemma, self._lower = columns.T
        self.unnamed_speakers = self._unnamed_speakers()
        self.unnamed_starts = [p for p, _ in self.unnamed_speakers]
        self._drop_datelines()
        add_missed_names(self, (self._pos == PROPN) | foreign_name_nouns(doc))  # "Dubé" tagged a common noun
        endings = np.isin(self._lower, [doc.vocab.strings[w] for w in lexicon.BODY_NAME_ENDINGS])
        add_missed_bodies(self, self._pos == PROPN, endings)  # "Comeau Tidal Energy"
        add_preposition_bodies(self)  # "Reporters Without Borders"
        self._merge_family_names_taken_for_organisations()
        self._add_organisation_descriptions()
        self.org_heads = self._learn_organisation_heads()
        # the role words the article gives people, listed or learned ("Coroner Mereana Tāwhai")
        self.person_roles = {r for n in self.nodes.values() if n.kind == "person" for r in n.roles}
        for node in self.nodes.values():
            learn_gender(self.doc, node)
        gender_from_pronouns(self, self._lower)
        # every mention in text order, for node_at and for candidates near a position
        self.index: list[tuple[int, int, str]] = sorted(
            (m.start, m.end, n.entity.id) for n in self.nodes.values() for m in n.mentions
        )
        self.index_starts = [i[0] for i in self.index]
        self.speaker_starts: list[tuple[int, str]] = sorted(
            (m.start, n.entity.id) for n in self.nodes.values() for m in n.mentions if m.speaker
        )
        self.indexed = True

    # ------------------------------------------------------------------ positions

    def sent_of(self, char: int) -> int:
        return max(bisect_right(self.sent_starts, char) - 1, 0)

    def sentence_end(self, sent: int) -> int:
        """Where sentence ``sent`` ends (the next one's start, or the end of the text)."""
        return self.sent_starts[sent + 1] if sent + 1 < len(self.sent_starts) else len(self.text)

    def sentence(self, sent: int) -> str:
        """The text of sentence ``sent``."""
        return self.text[self.sent_starts[sent] : self.sentence_end(sent)]

    def is_quoted(self, char: int) -> bool:
        k = bisect_right(self.quote_starts, char)
        return k > 0 and char < self.quotes[k - 1][1]

    def node_at(self, start: int, end: int) -> Node | None:
        """The node with a mention overlapping [start, end), preferring the longest."""
        best, best_len = None, 0
        k = bisect_left(self.index_starts, end)
        while k > 0:
            k -= 1
            m_start, m_end, node_id = self.index[k]
            if m_start < start - _LONGEST_MENTION:
                break
            if start < m_end and m_end - m_start > best_len and node_id in self.nodes:
                best, best_len = self.nodes[node_id], m_end - m_start
        return best

    def nodes_near(self, position: int, first_sentence: int) -> list[Node]:
        """Nodes mentioned from the start of ``first_sentence`` up to ``position``, nearest first."""
        since = self.sent_starts[max(first_sentence, 0)] if self.sent_starts else 0
        seen: dict[str, Node] = {}
        k = bisect_left(self.index_starts, position)
        while k > 0:
            k -= 1
            m_start, _, node_id = self.index[k]
            if m_start < since:
                break
            if node_id not in seen and node_id in self.nodes:
                seen[node_id] = self.nodes[node_id]
        return list(seen.values())

    def nodes_in_sentence_after(self, position: int, more_sentences: int = 0) -> list[Node]:
        """Nodes mentioned after ``position`` in the same sentence, or ``more_sentences`` beyond it (cataphora)."""
        end = self.sentence_end(self.sent_of(position) + more_sentences)
        k = bisect_right(self.index_starts, position)
        out: dict[str, Node] = {}
        while k < len(self.index) and self.index[k][0] < end:
            node_id = self.index[k][2]
            if node_id in self.nodes:
                out.setdefault(node_id, self.nodes[node_id])
            k += 1
        return list(out.values())

    def mention_facts(self, span: SpacySpan) -> Mention:
        root = span.root
        subject = root.dep_ in ("nsubj", "nsubjpass") or (
            root.dep_ in ("appos", "compound", "conj") and root.head.dep_ in ("nsubj", "nsubjpass")
            and not (root.dep_ == "appos" and labels.ENTITY_KINDS.get(root.ent_type_) == "place")  # "Perdue (R-Ga.) said"
            and not (root.dep_ == "compound" and root.head.pos_ == "NOUN")  # "Trump campaign strategists plan"
        )
        verb = root.head if root.dep_ in ("nsubj", "nsubjpass") else root.head.head
        quoted = self.is_quoted(span.start_char)
        # a speaker inside a quotation ('"Obama saying …" would do it') is not one the article reports
        speaker = subject and verb.lemma_.lower() in _SPEECH and not quoted
        return Mention(span.start_char, span.end_char, self.sent_of(span.start_char), subject, speaker, quoted, root.i)

    # ------------------------------------------------------------------ building

    def add_mention(self, node: Node, start: int, end: int) -> None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return
        mention = self.mention_facts(span)
        if not node.add(mention):
            return
        learn_roles(node, span)
        if self.indexed:  # a mention added after construction goes into the indexes too
            k = bisect_right(self.index_starts, mention.start)
            self.index.insert(k, (mention.start, mention.end, node.entity.id))
            self.index_starts.insert(k, mention.start)
            if mention.speaker:
                insort(self.speaker_starts, (mention.start, node.entity.id))

    def _is_family(self, entity: Entity) -> bool:
        """ "the Khans", "the Clintons": a family name in the plural after "the" is several people."""
        name = entity.name
        return (
            entity.kind == "person" and " " not in name and name.endswith("s")
            and any(self.text[max(m.start - 4, 0) : m.start].lower() == "the " for m in entity.mentions)
        )

    def add_source_mention(self, node: Node, mention: Span) -> None:
        """Record a resolved source mention, and its names inside ("the head …, Arkady Shestopalov, told") as speakers."""
        self.add_mention(node, mention.start, mention.end)
        for m in node.mentions:
            if mention.start <= m.start and m.end <= mention.end and not m.speaker and not m.quoted:
                m.subject = m.speaker = True
                insort(self.speaker_starts, (m.start, node.entity.id))

    def _merge_family_names_taken_for_organisations(self) -> None:
        """ "Okonkwo said", tagged an organisation, after "Amara Okonkwo, who …", a full name only this
        graph found: the one person with that family name; also a given name when every mention of it
        speaks ("Pimchanok said" after "Deputy Minister of Transport Pimchanok Srisawat-Ruangrit")."""
        by_family: dict[str, list[Node]] = {}
        by_given: dict[str, list[Node]] = {}
        for n in self.nodes.values():
            if n.kind == "person" and len(n.entity.name.split()) > 1:
                by_family.setdefault(n.entity.name.split()[-1], []).append(n)
                by_given.setdefault(n.entity.name.split()[0], []).append(n)
        for key, node in list(self.nodes.items()):
            owners = by_family.get(node.entity.name, [])
            if not owners and node.mentions and all(m.speaker for m in node.mentions):
                owners = by_given.get(node.entity.name, [])
            if node.kind == "organization" and len(owners) == 1 and not node.entity.name.isupper():
                for m in node.mentions:
                    self.add_mention(owners[0], m.start, m.end)
                del self.nodes[key]

    def _unnamed_speakers(self) -> list[tuple[int, str]]:
        """Where an unnamed person speaks ("A senior official said"): later pronouns may mean them.

        Only singular indefinite role nouns count: "the mayor said" is a description to resolve,
        "prosecutors said" a group that "he" cannot mean; and only in the article's own voice, not
        inside another speaker's report.
        """
        out = []
        nsubj = self.doc.vocab.strings["nsubj"]
        for i in ((self._pos == NOUN) & (self._dep == nsubj)).nonzero()[0]:
            token = self.doc[int(i)]
            verb = token.head
            if verb.lemma_.lower() not in _SPEECH or (verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _SPEECH):
                continue  # not "Ms Morgan said a nurse had told her": someone else's report
            if self.is_quoted(token.idx) or verb.dep_ in ("relcl", "acl"):
                # nor '"Now a judge has told us we were right," she said', a quoted speaker's words, nor
                # "two dogs, which a neighbour had promised to look after", a clause about something else
                continue
            lemma = token.lemma_.lower()
            indefinite = token.tag_ == "NN" and any(
                c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "one", "another") for c in token.children
            )
            if indefinite and lemma in cues.PERSON_ROLE_NOUNS and not token.ent_type_ and not any(
                c.dep_ in ("compound", "appos") and c.pos_ == "PROPN" for c in token.children
            ):
                out.append((token.idx, lemma))
        return out

    def unnamed_speaker_between(self, start: int, end: int, sentences: int | None = None) -> bool:
        """Whether an unnamed person spoke between two offsets (within ``sentences`` of ``end``)."""
        k = bisect_left(self.unnamed_starts, end)
        if k == 0 or self.unnamed_starts[k - 1] <= start:
            return False
        return sentences is None or self.sent_of(end) - self.sent_of(self.unnamed_starts[k - 1]) <= sentences

    def unnamed_speaker_called(self, lemma: str, end: int) -> bool:
        """Whether an unnamed speaker with this head noun spoke before ``end`` ("A senior official said")."""
        return any(p < end and noun == lemma for p, noun in self.unnamed_speakers)

    def last_speaker_before(self, position: int) -> Node | None:
        """The entity whose mention last spoke (subject of a speech verb) before ``position``."""
        found = self.last_speech_before(position)
        return found[1] if found is not None else None

    def last_speech_before(self, position: int) -> tuple[int, Node] | None:
        """Where the last speaker before ``position`` was mentioned speaking, and who it is."""
        k = bisect_left(self.speaker_starts, (position, ""))
        while k > 0:
            k -= 1
            node = self.nodes.get(self.speaker_starts[k][1])
            if node is not None:
                return self.speaker_starts[k][0], node
        return None

    def _common_noun(self, mention: Mention) -> bool:
        """An NER slip on common nouns ("Neighbours said" tagged as an organisation)."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or any(t.pos_ == "PROPN" or t.is_upper or t.ent_type_ == "PERSON" for t in span):
            return False
        if all(t.is_lower for t in span):
            return True
        return span[0].is_sent_start and (
            span[0].tag_ == "NNS" or re.search(rf"\b{re.escape(span[0].lower_)}\b", self.text) is not None
        )

    def _drop_datelines(self) -> None:
        """Forget datelines ("WASHINGTON (AP) —") and NER slips on common nouns: never speakers."""
        text = self.text
        for node_id in list(self.nodes):
            node = self.nodes[node_id]
            kept = [
                m for m in node.mentions if not is_dateline(text, m.start, m.end) and not self._common_noun(m)
            ]
            if not kept:
                del self.nodes[node_id]
            node.mentions, node.starts = kept, [m.start for m in kept]
            node.first_speaker = next((m.start for m in kept if m.speaker), None)

    def _add_organisation_descriptions(self) -> None:
        """ "the Clinton campaign", "Trump's campaign", "the Syrian government": organisations by description.

        They become nodes named by their modifier and noun ("Clinton campaign"), so "the campaign"
        and "it" later in the article can refer to them.
        """
        by_name = {n.entity.name.lower(): n for n in self.nodes.values()}
        org_lemmas = [self.doc.vocab.strings[w] for w in cues.ORG_ROLE_NOUNS]
        nouns = (self._pos == NOUN) | (self._pos == PROPN)  # "foreign ministry" is sometimes tagged PROPN
        # the lower-case form too: a noun opening a sentence keeps its capital in its lemma ("Police in …")
        for i in (nouns & (np.isin(self._lemma, org_lemmas) | np.isin(self._lower, org_lemmas))).nonzero()[0]:
            token = self.doc[int(i)]
            if (token.pos_ == "PROPN" and not token.is_lower) or press_office_owner(token) is not False:
                continue  # a capitalised "Ministry" is part of a name the NER has; a press office speaks for its body
            name = organisation_name(token)
            if name is None:
                continue
            existing = by_name.get(name.lower()) or self._outlet_described(token) or self._named_in_full(name)
            left = min((c.left_edge.i for c in token.lefts), default=token.i)
            start = self.doc[left].idx if self.doc[left].dep_ != "det" else self.doc[left + 1].idx
            if existing is None:
                entity = Entity(_new_id(self.entities), name, "organization", [], [])
                self.entities.append(entity)
                existing = by_name[name.lower()] = self.nodes[entity.id] = Node(entity)
            existing.roles.add(token.lemma_.lower())
            span = Span.of(self.text, start, token.idx + len(token.text))
            if existing.count_before(span.start + 1, span.start) == 0:
                existing.entity.mentions.append(span)
            self.add_mention(existing, span.start, span.end)

    def _named_in_full(self, description: str) -> Node | None:
        """The one organisation the article names in full that a description rewords ("Education
        ministry" for the "Ministry of Education and Training"; ``name_forms.rewords_name``)."""
        found = sorted(
            (n for n in self.nodes.values() if n.kind == "organization" and rewords_name(description, n.entity.name)),
            key=lambda n: len(n.entity.name),
        )
        if len(found) > 1 and all(n.entity.name.startswith(found[0].entity.name + " ") for n in found[1:]):
            return found[0]  # "Financial Consumer Agency of Canada", not its "… Act" the NER took for a body
        return found[0] if len(found) == 1 else None

    def _learn_organisation_heads(self) -> set[str]:
        """The nouns this article's organisations are named by ("exchange" of "Tokyo Stock Exchange",
        "commission" of "… Research Commission"): each is a role of its organisation, so "the exchange"
        is a description of it even when the noun is on no list."""
        heads = set()
        for node in self.nodes.values():
            head = name_head(node.entity.name) if node.kind == "organization" else None
            if head is not None:
                node.roles.add(head)
                heads.add(head)
        return heads

    def _outlet_described(self, noun: Token) -> Node | None:
        """The outlet a media noun right after its name describes ("the People's Daily newspaper")."""
        before = self.doc[noun.i - 1] if noun.i else None
        if before is None or before.ent_type_ != "ORG" or noun.lemma_.lower() not in lexicon.ORG_NOUN_CLASSES["media"]:
            return None
        outlets = (n for n in self.nodes.values() if n.kind == "organization")
        return next((n for n in outlets if any(m.start <= before.idx < m.end for m in n.mentions)), None)

    def find_name(self, name: str, before: int | None = None) -> Node | None:
        """The node called ``name`` (or with it as an alias), else the one person whose surname it is (of
        those named before ``before``: "Sharma said" before a second Sharma is named)."""
        lower = name.lower()
        for node in self.nodes.values():
            if node.entity.name.lower() == lower or lower in (a.lower() for a in node.entity.aliases):
                return node
        if " " not in name:
            hits = [n for n in self.nodes.values() if n.kind == "person" and n.entity.name.split()[-1].lower() == lower]
            # "Parra" of "Gustavo Adolfo Parra Mejía"
            hits = hits or [n for n in self.nodes.values() if n.kind == "person" and first_family_name_of(name, n.entity.name)]
            # or a family name written first ("Han" of "Han Ji-woo")
            hits = hits or [n for n in self.nodes.values() if n.kind == "person" and family_name_written_first(name, n.entity.name)]
            if len(hits) > 1 and before is not None:
                hits = [n for n in hits if n.mentions and n.mentions[0].start < before]
            if len(hits) == 1:
                return hits[0]
            orgs = [n for n in self.nodes.values() if n.kind == "organization" and short_form_of(name, n.entity.name)]
            # an acronym of a long name the NER took for a place ("IRISL": "the Islamic Republic of Iran Shipping Lines")
            orgs = orgs or [
                n for n in self.nodes.values()
                if n.kind == "place" and name.isupper() and len(name) > 3 and short_form_of(name, n.entity.name)
            ]
            if len(orgs) == 1:
                orgs[0].entity.kind = "organization"
                return orgs[0]
            return None
        # "Cabrera Quesada" of "Idalmis Cabrera Quesada": the one person whose name it ends
        tails = [n for n in self.nodes.values() if n.kind == "person" and is_name_tail(name, n.entity.name)]
        return tails[0] if len(tails) == 1 else None

    def named(self, name: str, kind: str, mention: Span) -> Node:
        """The node called ``name``, else a new one of ``kind`` first mentioned at ``mention``."""
        return self.find_name(name) or self.new_node(name, kind, mention)

    def new_node(self, name: str, kind: str, mention: Span) -> Node:
        """A node for a name the NER missed, with ``mention`` as its first mention."""
        entity = Entity(_new_id(self.entities), name, kind, [], [mention])  # type: ignore[arg-type]
        self.entities.append(entity)
        node = self.nodes[entity.id] = Node(entity, plural=kind == "group")
        self.add_mention(node, mention.start, mention.end)
        learn_gender(self.doc, node)
        return node

def _new_id(entities: list[Entity]) -> str:
    used = {e.id for e in entities}
    k = len(entities) + 1
    while f"e{k}" in used:
        k += 1
    return f"e{k}"


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch inside double quotation marks (curly or straight), in order.

    A quotation runs from an opening mark to the next closing mark; a straight mark closes an open
    one; a line break ends an unclosed one.
    """
    spans = []
    start = -1
    for m in _QUOTE_OR_BREAK.finditer(text):
        ch, i = m.group(), m.start()
        if ch == "\n":
            start = -1
        elif start < 0 and ch not in cues.CLOSE_DOUBLE:
            start = i
        elif start >= 0 and (ch in cues.CLOSE_DOUBLE or ch == '"'):
            spans.append((start, i + 1))
            start = -1
        elif ch in cues.OPEN_DOUBLE:
            start = i
    return spans

