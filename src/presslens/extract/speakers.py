"""Resolve each attribution's source mention to a speaker inside one article.

Method. Source mentions are resolved with a small set of ordered, high-precision rules in the spirit
of the deterministic sieves of Lee et al. (2013) and of quote-attribution work that links pronoun and
nominal speakers to named characters (Muzny et al. 2017, "A two-stage sieve approach for quote
attribution", EACL):

1. a named mention (the head of the mention lies in an entity mention) takes that entity;
2. an apposition names the speaker (``a spokesman for the ministry, Anna Weber, said``);
3. a relative pronoun (``who said``) takes the noun it modifies;
4. a definite description (``the chancellor``, ``the 45-year-old``, ``the company``) takes the most
   recently mentioned entity that was given that title, role, age or kind of organisation earlier in
   the article (from titles before names, appositions and ages in commas);
5. a personal pronoun takes the nearest gender-compatible person before it, preferring grammatical
   subjects and looking back sentence by sentence (gender comes from honorifics, gendered role words
   and a short list of given names; unknown gender is compatible with both); ``it``/``they`` take the
   nearest organisation;
6. a bare surname or other alias matches the entity that uses it.

Unresolved sources keep their mention with ``name=None``; their ``kind`` still says person, group,
organisation or document when the head word tells. Resolved mentions are added to the entity's
mentions, and descriptions and surnames to its aliases.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from presslens.extract import cues
from presslens.schema import Article, Attribution, Entity, SourceKind, Span

__all__ = ["resolve_speakers"]

_AGE = re.compile(r"\b(\d{1,3})(?:-| )years?(?:-| )old\b")
_MAX_SENTENCES_BACK = 6
_GENERIC_ORG = frozenset(
    {"company", "firm", "group", "organization", "organisation", "corporation", "agency", "business", "giant"}
)


@dataclass(slots=True)
class _Info:
    """What the article says about one entity besides its name."""

    entity: Entity
    gender: str | None = None  # "m", "f" or None
    roles: set[str] = field(default_factory=set)
    ages: set[int] = field(default_factory=set)


@dataclass(slots=True)
class _Anchor:
    """A place where an entity is mentioned: candidates for pronouns and descriptions."""

    start: int
    sent: int
    entity: str
    subject: bool


class _Resolver:
    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self.doc = doc
        self.text = doc.text
        self.entities = {e.id: e for e in entities}
        self.info = {e.id: _Info(e) for e in entities}
        self.sent_starts = [s.start_char for s in doc.sents]
        spans = sorted((m.start, m.end, e.id) for e in entities for m in e.mentions)
        self.ment_starts = [s[0] for s in spans]
        self.ment = spans
        self.anchors: list[_Anchor] = []
        # (mention start, entity or None) of the person sources met so far, resolved or not
        self.speakers: list[tuple[int, str | None]] = []
        self._collect(entities)

    # ------------------------------------------------------------------ article facts

    def sent_of(self, char: int) -> int:
        return max(bisect_right(self.sent_starts, char) - 1, 0)

    def entity_at(self, start: int, end: int) -> str | None:
        """The entity with a mention overlapping [start, end)."""
        i = bisect_right(self.ment_starts, end - 1) - 1
        while i >= 0 and i >= bisect_left(self.ment_starts, start - 200):
            s, e, eid = self.ment[i]
            if s < end and start < e:
                return eid
            i -= 1
        return None

    def _collect(self, entities: list[Entity]) -> None:
        doc = self.doc
        for e in entities:
            info = self.info[e.id]
            if e.kind == "person":
                first = e.name.split()[0].lower() if e.name else ""
                if first in cues.MALE_NAMES:
                    info.gender = "m"
                elif first in cues.FEMALE_NAMES:
                    info.gender = "f"
            for m in e.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None or len(span) == 0:
                    continue
                root = span.root
                subject = root.dep_ in ("nsubj", "nsubjpass") or (
                    root.dep_ in ("appos", "compound") and root.head.dep_ in ("nsubj", "nsubjpass")
                )
                self.anchors.append(_Anchor(m.start, self.sent_of(m.start), e.id, subject))
                self._learn_roles(info, span)
        self.anchors.sort(key=lambda a: a.start)
        self.starts = [a.start for a in self.anchors]

    def _learn_roles(self, info: _Info, span) -> None:
        """Titles before the name, appositions and ages around it."""
        doc = self.doc
        i = span.start - 1
        while i >= 0 and span.start - i <= 4:
            t = doc[i]
            word = t.lower_.rstrip(".")
            if t.pos_ not in ("PROPN", "NOUN", "ADJ") and word not in cues.TITLES:
                break
            if word in cues.PERSON_ROLE_NOUNS or word in cues.ORG_ROLE_NOUNS:
                info.roles.add(word)
                self._gender_from_word(info, word)
            i -= 1
        root = span.root
        for c in root.children:
            if c.dep_ == "appos":
                self._learn_description(info, c)
            elif c.like_num and c.dep_ in ("appos", "npadvmod", "amod", "nummod") and c.i > root.i:
                self._learn_age(info, c.text)
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            self._learn_description(info, root.head)
        # "Merkel, 63," — a number between commas right after the name
        j = span.end
        if j + 2 < len(doc) and doc[j].text == "," and doc[j + 1].like_num and doc[j + 2].text == ",":
            self._learn_age(info, doc[j + 1].text)

    def _learn_description(self, info: _Info, head: Token) -> None:
        lemma = head.lemma_.lower()
        if head.pos_ in ("NOUN", "PROPN") and not head.ent_type_:
            info.roles.add(lemma)
            info.roles.add(head.lower_)
            self._gender_from_word(info, head.lower_)
        for c in head.lefts:
            w = c.lower_.rstrip(".")
            if w in cues.PERSON_ROLE_NOUNS or w in cues.ORG_ROLE_NOUNS:
                info.roles.add(w)
        m = _AGE.search(head.doc[head.left_edge.i : head.i + 1].text)
        if m:
            self._learn_age(info, m.group(1))

    @staticmethod
    def _learn_age(info: _Info, number: str) -> None:
        if number.isdigit() and 10 <= int(number) <= 110:
            info.ages.add(int(number))

    @staticmethod
    def _gender_from_word(info: _Info, word: str) -> None:
        if info.gender is None:
            if word in cues.MALE_WORDS:
                info.gender = "m"
            elif word in cues.FEMALE_WORDS:
                info.gender = "f"

    # ------------------------------------------------------------------ resolution

    def resolve(self, mention: Span) -> tuple[str | None, SourceKind]:
        """(entity id or None, kind) for one source mention."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None, "unknown"
        root = span.root
        return self._resolve_token(root, span, mention.start, depth=0)

    def _resolve_token(self, root: Token, span, position: int, depth: int) -> tuple[str | None, SourceKind]:
        lower = root.lower_
        # 1. a named mention
        eid = self.entity_at(root.idx, root.idx + len(root.text))
        if eid is not None:
            # a country or city that speaks is its government: an organisation
            return eid, _kind_of(self.entities[eid])
        # 2. apposition: "a spokesman for the ministry, Anna Weber,"
        for c in root.children:
            if c.dep_ == "appos":
                eid = self.entity_at(c.idx, c.idx + len(c.text))
                if eid is not None and self.entities[eid].kind == "person":
                    return eid, "person"
        if root.dep_ == "appos":
            eid = self.entity_at(root.head.idx, root.head.idx + len(root.head.text))
            if eid is not None and self.entities[eid].kind == "person":
                return eid, "person"
        # 3. relative pronoun
        if lower in cues.RELATIVE_PRONOUNS and depth < 2:
            verb = root.head
            if verb.dep_ in ("relcl", "acl") and verb.head.i != verb.i:
                head = verb.head
                return self._resolve_token(head, None, head.idx, depth + 1)
            return None, "unknown"
        # 5. pronouns
        if lower in cues.PERSON_PRONOUNS:
            gender = "f" if lower in ("she", "her", "hers", "herself") else "m"
            return self._pronoun(position, gender), "person"
        if lower in ("it", "its"):
            eid = self._nearest(position, ("organization",), max_back=3)
            return eid, "organization" if eid else "unknown"
        if lower in cues.PLURAL_PRONOUNS:
            eid = self._nearest(position, ("organization", "group"), max_back=2)
            if eid is not None:
                return eid, _kind_of(self.entities[eid])
            return None, "group"
        if lower in ("i", "me", "my"):
            return None, "person"
        if lower in ("we", "us", "our"):
            return None, "group"
        # 4. definite descriptions
        lemma = root.lemma_.lower()
        definite = _is_definite(root)
        age = (
            _AGE.search(span.text if span is not None else root.text)
            if root.pos_ in ("NOUN", "ADJ")
            else None
        )
        if age and definite:
            eid = self._by_age(position, int(age.group(1))) or self._recent_speaker(position, None)
            return eid, "person"
        plural = root.tag_ in ("NNS", "NNPS") and lower != lemma
        if plural and (
            lower in cues.GROUP_NOUNS or lemma in cues.PERSON_ROLE_NOUNS or lemma in cues.GROUP_NOUNS
        ):
            return None, "group"
        if (
            lower in cues.PERSON_ROLE_NOUNS
            or lemma in cues.PERSON_ROLE_NOUNS
            or (definite and root.ent_type_ == "NORP")
        ):
            eid = self._by_role(position, {lower, lemma}, "person") if definite else None
            if eid is None and definite:
                gender = "m" if lower in cues.MALE_WORDS else "f" if lower in cues.FEMALE_WORDS else None
                eid = self._recent_speaker(position, gender)
            return eid, "person"
        if lemma in cues.ORG_ROLE_NOUNS or lower in cues.ORG_ROLE_NOUNS:
            eid = self._by_role(position, {lower, lemma}, "organization") if definite else None
            if eid is None and definite and lemma in _GENERIC_ORG:
                eid = self._nearest(position, ("organization",), max_back=_MAX_SENTENCES_BACK, subject=True)
                eid = eid or self._nearest(position, ("organization",), max_back=_MAX_SENTENCES_BACK)
            return eid, "organization"
        if lemma in cues.DOCUMENT_WORDS or lower in cues.DOCUMENT_WORDS:
            return None, "document"
        if lower in cues.GROUP_NOUNS or lemma in cues.GROUP_NOUNS or root.tag_ in ("NNS", "NNPS"):
            return None, "group"
        # 6. a surname or alias written without an entity tag
        eid = self._by_alias(span.text if span is not None else root.text)
        if eid is not None:
            return eid, _kind_of(self.entities[eid])
        if root.pos_ == "PROPN":
            return None, "person" if root.ent_type_ in ("", "PERSON") else "organization"
        return None, "unknown"

    def _pronoun(self, position: int, gender: str) -> str | None:
        end = bisect_left(self._anchor_starts(), position)
        if end == 0:
            return None
        here = self.sent_of(position)
        best: tuple[int, int, int, int] | None = None  # (sentences back, gender unknown, not subject, -start)
        chosen = None
        for k in range(end - 1, -1, -1):
            a = self.anchors[k]
            dist = here - a.sent
            if dist > _MAX_SENTENCES_BACK:
                break
            info = self.info[a.entity]
            if info.entity.kind != "person" or (info.gender is not None and info.gender != gender):
                continue
            exact = 0 if info.gender == gender else 1
            key = (dist, exact, 0 if a.subject else 1, -a.start)
            if best is None or key < best:
                best, chosen = key, a.entity
        if chosen is not None and self._unnamed_speaker_since(-best[3], position):
            return None  # "A senior official said … He added …": the pronoun is the unnamed speaker
        return chosen

    def _unnamed_speaker_since(self, start: int, position: int) -> bool:
        """Whether an unresolved person spoke between ``start`` and ``position`` (in the last sentences)."""
        here = self.sent_of(position)
        for s, eid in reversed(self.speakers):
            if s >= position:
                continue
            if s <= start or here - self.sent_of(s) > 2:
                return False
            if eid is None:
                return True
        return False

    def _anchor_starts(self) -> list[int]:
        return self.starts

    def add_anchor(self, start: int, entity: str) -> None:
        """Record a resolved source mention so that later pronouns and descriptions can reach it."""
        k = bisect_left(self.starts, start)
        if k < len(self.starts) and self.starts[k] == start:
            return
        self.starts.insert(k, start)
        self.anchors.insert(k, _Anchor(start, self.sent_of(start), entity, True))

    def _nearest(
        self, position: int, kinds: tuple[str, ...], max_back: int, subject: bool = False
    ) -> str | None:
        end = bisect_left(self._anchor_starts(), position)
        here = self.sent_of(position)
        for k in range(end - 1, -1, -1):
            a = self.anchors[k]
            if here - a.sent > max_back:
                break
            if self.entities[a.entity].kind in kinds and (a.subject or not subject):
                return a.entity
        return None

    def _recent_speaker(self, position: int, gender: str | None) -> str | None:
        """The person who spoke last, within a few sentences: "the diplomat" after "Lavrov said"."""
        here = self.sent_of(position)
        for start, eid in reversed(self.speakers):
            if start >= position:
                continue
            if here - self.sent_of(start) > 3:
                break
            if eid is None:
                return None  # "A senior official said … The official added": someone unnamed spoke last
            info = self.info[eid]
            if info.entity.kind == "person" and (gender is None or info.gender in (None, gender)):
                return eid
        return None

    def _by_role(self, position: int, words: set[str], kind: str) -> str | None:
        best = None
        for a in self.anchors:
            if a.start >= position and best is not None:
                break
            info = self.info[a.entity]
            ent = info.entity
            if ent.kind != kind:
                continue
            name_words = {w.lower() for w in ent.name.split()}
            if words & info.roles or (kind == "organization" and words & name_words):
                if a.start < position or best is None:
                    best = a.entity
        return best

    def _by_age(self, position: int, age: int) -> str | None:
        best = None
        for a in self.anchors:
            info = self.info[a.entity]
            if age in info.ages and (a.start < position or best is None):
                best = a.entity
        return best

    def _by_alias(self, text: str) -> str | None:
        words = [
            w
            for w in text.replace("’s", "").replace("'s", "").split()
            if w.lower().rstrip(".") not in cues.TITLES
        ]
        if not words:
            return None
        probe = " ".join(words).lower()
        last = words[-1].lower()
        hit = None
        for e in self.entities.values():
            if e.kind not in ("person", "organization"):
                continue
            forms = [e.name, *e.aliases]
            if any(f.lower() == probe for f in forms):
                return e.id
            if e.kind == "person" and e.name.split()[-1].lower() == last and len(words) <= 2:
                hit = e.id
        return hit


def _is_definite(root: Token) -> bool:
    for c in root.lefts:
        if c.dep_ == "det" and c.lower_ in ("the", "this", "that"):
            return True
        if c.dep_ == "poss":
            return True
    return False


def _kind_of(entity: Entity) -> SourceKind:
    if entity.kind == "person":
        return "person"
    if entity.kind in ("organization", "place"):
        return "organization"
    if entity.kind == "group":
        return "group"
    return "unknown"


def _add_mention(entity: Entity, mention: Span) -> None:
    if not any(m.start == mention.start and m.end == mention.end for m in entity.mentions):
        entity.mentions.append(mention)
        entity.mentions.sort(key=lambda m: m.start)
    text = mention.text.strip()
    lower = text.lower()
    if (
        text
        and text != entity.name
        and text not in entity.aliases
        and lower not in cues.PERSON_PRONOUNS
        and lower not in cues.PLURAL_PRONOUNS
        and lower not in cues.RELATIVE_PRONOUNS
        and lower not in ("it", "its", "i", "we")
    ):
        entity.aliases.append(text)


def _new_person(resolver: _Resolver, entities: list[Entity], mention: Span) -> Entity | None:
    """An entity for a named person the NER missed ("Striker Marcus Rashford said …")."""
    span = resolver.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return None
    words = [t for t in span if t.pos_ == "PROPN" or t.lower_.rstrip(".") in cues.TITLES]
    names = [t.text for t in words if t.lower_.rstrip(".") not in cues.TITLES and t.text[:1].isupper()]
    titled = len(names) < len(words)
    if (
        not names
        or len(names) > 4
        or span.root.pos_ != "PROPN"
        or any(t.ent_type_ in ("ORG", "GPE") for t in span)
    ):
        return None
    if not (
        titled or names[0].lower() in cues.MALE_NAMES | cues.FEMALE_NAMES or span.root.ent_type_ == "PERSON"
    ):
        return None
    name = " ".join(names)
    for e in entities:
        if e.kind == "person" and (e.name == name or name in e.aliases):
            return e
    entity = Entity(f"e{len(entities) + 1}", name, "person", [], [])
    while any(e.id == entity.id for e in entities):
        entity.id = f"e{int(entity.id[1:]) + 1}"
    entities.append(entity)
    resolver.entities[entity.id] = entity
    info = _Info(entity)
    first = names[0].lower()
    info.gender = "m" if first in cues.MALE_NAMES else "f" if first in cues.FEMALE_NAMES else None
    for t in span:
        word = t.lower_.rstrip(".")
        if word in cues.PERSON_ROLE_NOUNS:
            info.roles.add(word)
    resolver.info[entity.id] = info
    return entity


def resolve_speakers(
    doc: Doc, attributions: list[Attribution], entities: list[Entity], article: Article | None = None
) -> list[Attribution]:
    """Fill ``source.name``, ``source.kind`` and ``source.entity`` of each attribution, in place.

    ``entities`` (from ``find_entities``) gain the resolved source mentions and, for descriptions
    and surnames, aliases. Returns ``attributions``.
    """
    if not attributions:
        return attributions
    resolver = _Resolver(doc, entities)
    cache: dict[tuple[int, int], tuple[str | None, SourceKind]] = {}
    for a in attributions:
        m = a.source.mention
        if m is None:
            continue
        key = (m.start, m.end)
        if key not in cache:
            cache[key] = resolver.resolve(m)
            eid, kind = cache[key]
            if eid is None and kind in ("person", "unknown"):
                created = _new_person(resolver, entities, m)
                if created is not None:
                    eid = created.id
                    cache[key] = (eid, "person")
            if eid is not None:
                _add_mention(resolver.entities[eid], m)
                resolver.add_anchor(m.start, eid)
            if eid is not None or cache[key][1] == "person":
                resolver.speakers.append((m.start, eid))
        eid, kind = cache[key]
        a.source.entity = eid
        a.source.kind = kind
        a.source.name = resolver.entities[eid].name if eid is not None else None
    return attributions
