"""What kind of mention a source is, which entities it could refer to, and the features of each pair.

The same code builds the resolver's training examples (``training/train_speaker_resolver.py``, on
the coreference corpora) and scores candidates at run time, so the model sees identical features.
Changing a feature, its order or the word lists it reads invalidates the shipped weights: the model
file stores ``FEATURES`` and the loader refuses a file whose names differ.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

import numpy as np
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from presslens.extract import cues
from presslens.extract.name_forms import in_heading_line, name_phrase, plural_of_role
from presslens.extract.speakers.graph import EntityGraph, Mention, Node
from presslens.lexicon import pronouns
from presslens.lexicon import speakers as lexicon
from presslens.nlp import doc_text

__all__ = [
    "Anaphor", "FEATURES", "HEADLINE_FORWARD", "RESOLVABLE", "candidates", "classify", "gender_of", "in_headline",
    "pair_features", "readings", "titled_as",
]

# Mention types the learned resolver decides; the others are settled by syntax or are unnamed.
RESOLVABLE = ("he", "she", "it", "they", "desc_person", "desc_org")
KINDS = ("person", "organization", "place", "group", "other")
_AGE = re.compile(r"\b(\d{1,3}) ?-? ?years? ?-? ?old\b")
_WINDOW = 8  # sentences back a pronoun's candidate may be mentioned
_FAR_WINDOW = 20  # … or, when nobody is mentioned that close, this many
_DESCRIPTION_WINDOW = 25  # and a description's ("the governor" may name someone met long before)
_FORWARD_SENTENCES = 2  # sentences after its own where a description may find the name it stands for
HEADLINE_FORWARD = 10  # and from the headline ("…, union says"), over the dateline and lead
# Which entity kinds each mention type can refer to at all ("he" never means a country).
_ALLOWED_KINDS = {
    "he": ("person",), "she": ("person",), "desc_person": ("person",),
    "it": ("organization", "place"), "desc_org": ("organization", "place"),
    "they": ("organization", "group", "place", "person"),
}


@dataclass(slots=True)
class Anaphor:
    """A mention to resolve: its type, head token and position."""

    type: str
    head: Token
    start: int
    end: int
    sent: int
    quoted: bool
    words: frozenset[str]  # lower-cased words of the mention, for role and name overlap
    text: str
    said: tuple[int, int] | None = None  # the content of the statement it is the source of, when known


def classify(span: SpacySpan, graph: EntityGraph) -> Anaphor:
    """Type a source mention: named, a pronoun, a definite description, a document, or generic."""
    root = span.root
    lower, lemma = root.lower_, root.lemma_.lower()
    words = frozenset(t.lower_.rstrip(".") for t in span)
    kind = "unknown"
    if graph.node_at(root.idx, root.idx + len(root.text)) is not None:
        kind = "named"
    elif lower in cues.RELATIVE_PRONOUNS:
        kind = "proper" if root.is_upper else "relative"  # "WHO said" is the organisation
    elif lower in pronouns.MALE_PRONOUNS:
        kind = "he"
    elif lower in pronouns.FEMALE_PRONOUNS:
        kind = "she"
    elif lower in pronouns.IT_PRONOUNS:
        kind = "it"
    elif lower in cues.PLURAL_PRONOUNS:
        kind = "they"
    elif lower in cues.FIRST_PERSON:
        kind = "first_person"
    elif (lemma in cues.DOCUMENT_WORDS or lower in cues.DOCUMENT_WORDS) and lemma not in lexicon.OUTLET_NOUNS:
        kind = "document"
    elif len(span) == 1 and root.is_sent_start and plural_of_role(lower):
        kind = "generic"  # "Neighbours said", whatever the tagger made of it
    elif len(span) == 1 and root.text[:1].isupper() and _names_someone(root, graph):
        kind = "proper"  # "The Latest: Trump urges …", "Trump later said" with "Trump" tagged as a common noun
    elif _acronym(root):
        kind = "proper"  # "The PBOC said", the acronym tagged as a common noun
    elif root.pos_ in ("NOUN", "ADJ", "PROPN"):
        definite = _is_definite(root, graph.text)
        plural = root.tag_ in ("NNS", "NNPS") and lower != lemma
        person = (
            lemma in cues.PERSON_ROLE_NOUNS or lower in cues.PERSON_ROLE_NOUNS
            or _hyphenated(root) in cues.PERSON_ROLE_NOUNS or lower.endswith(lexicon.PERSON_NOUN_SUFFIXES)
            or (
                (root.pos_ == "NOUN" or in_headline(root, graph.text)) and lemma in graph.person_roles
                and lemma not in cues.ORG_ROLE_NOUNS and lemma not in graph.org_heads  # "Trust chief executive X"
            )  # a title the article gives a person ("Coroner Mereana Tāwhai" … "the coroner")
        )
        org = lemma in cues.ORG_ROLE_NOUNS or lower in cues.ORG_ROLE_NOUNS or (
            lemma in graph.org_heads and root.pos_ == "NOUN" and not person  # "the exchange": see EntityGraph.org_heads
        )
        nationality = root.ent_type_ == "NORP" and not plural
        # "Neighbours said": a capitalised plural at the start of a sentence is a common noun
        if root.pos_ == "PROPN" and len(span) == 1 and root.is_sent_start and root.tag_ == "NNPS" and not root.ent_type_:
            plural, definite = True, False
            return Anaphor("generic", root, span.start_char, span.end_char, graph.sent_of(span.start_char),
                           graph.is_quoted(span.start_char), words, span.text)
        if lower in cues.TITLES and root.text[:1].isupper() and not plural:
            definite = True  # "Senator from Texas said", "Retired General said": a title standing for a name
        if root.pos_ == "PROPN" and not (person or org or nationality) and not (plural and lemma in cues.GROUP_NOUNS):
            kind = "proper"
        elif org and (_capitalised_name(root) or name_phrase(span)):
            kind = "proper"  # "The Islamic State said", missed by the NER: a name, not "the state"
        elif not definite or (plural and lemma in cues.GROUP_NOUNS | cues.PERSON_ROLE_NOUNS):
            kind = "generic"
        elif org and plural and lemma not in lexicon.PLURAL_BODIES:
            kind = "generic"  # "Ontario's universities": a set of organisations
        elif person or nationality or _AGE.search(span.text):
            kind = "desc_person"
        elif org:
            kind = "desc_org"
        elif root.pos_ == "PROPN":
            kind = "proper"
        else:
            kind = "generic"
    sent = graph.sent_of(span.start_char)
    return Anaphor(kind, root, span.start_char, span.end_char, sent, graph.is_quoted(span.start_char), words, span.text)


def _acronym(word: Token) -> bool:
    """An acronym in capitals, not a role ("the CEO") nor a headline in capitals."""
    return (
        word.is_upper and word.is_alpha and len(word.text) >= 2 and word.lower_ not in cues.PERSON_ROLE_NOUNS
        and word.lower_ not in cues.TITLES and word.lower_ not in lexicon.ROLE_ACRONYMS and not (word.i + 1 < len(word.doc) and word.doc[word.i + 1].is_upper)
        and not (word.i > 0 and word.doc[word.i - 1].is_upper)
    )


def _capitalised_name(root: Token) -> bool:
    """A capitalised proper noun inside its sentence with a capitalised proper noun before it that no
    entity claims ("The Islamic State", "the Manisa Governor's Office"): a name, whatever its head word."""
    return (
        root.pos_ == "PROPN" and root.is_title and not root.is_sent_start
        and any(c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" and c.is_title and not c.ent_type_ for c in root.lefts)
    )


def _hyphenated(word: Token) -> str:
    """The whole hyphenated word ``word`` ends ("front-runner" for the token "runner")."""
    i = word.i
    while i >= 2 and word.doc[i - 1].text == "-" and not word.doc[i - 2].whitespace_:
        i -= 2
    return word.doc[i : word.i + 1].text.lower()


def _names_someone(word: Token, graph: EntityGraph) -> bool:
    """A capitalised word the parser took for a common noun that is a name the article uses.

    At the start of a sentence only a person's name part counts, and no role or group word unless
    it is the family name of a person named in full ("Trump later said", "Nurse declined" after
    "Darnell Nurse", not "Police said" after "Capitol Police").
    """
    node = graph.find_name(word.text, before=word.idx)
    if node is None or not word.is_sent_start:
        return node is not None
    if node.kind != "person":
        return False
    names = node.entity.name.split()
    common = cues.PERSON_ROLE_NOUNS | cues.GROUP_NOUNS | cues.ORG_ROLE_NOUNS
    surname = len(names) > 1 and names[-1] == word.text
    return surname or (word.lower_ not in common and word.lemma_.lower() not in common)


def readings(graph: EntityGraph, anaphor: Anaphor) -> list[Anaphor]:
    """Other ways to resolve ``anaphor`` when it names nobody as itself: a definite noun no list has
    ("the zoo") reads as a description of a person and of an organisation, and a bare age nobody in the
    article is given ("The 41-year-old said", a profile's second reference) as "he" and as "she"."""
    head = anaphor.head
    if anaphor.type == "generic" and head.pos_ == "NOUN" and head.tag_ == "NN" and any(
        c.dep_ == "det" and c.lower_ == "the" for c in head.lefts
    ):
        return [replace(anaphor, type="desc_person"), replace(anaphor, type="desc_org")]
    ages = _ages(anaphor.text)
    if anaphor.type != "desc_person" or head.lower_ != "old" or not ages:
        return []
    if any(ages & node.ages for node in graph.nodes.values()):
        return []
    return [replace(anaphor, type="he"), replace(anaphor, type="she")]


def _ages(text: str) -> set[int]:
    return {int(m.group(1)) for m in _AGE.finditer(text)}


def _is_definite(root: Token, text: str) -> bool:
    if root.tag_ in ("NN", "NNP") and not any(c.dep_ == "det" for c in root.lefts) and in_headline(root, text):
        return True  # "Dockworkers strike, union says": a headline drops its articles
    for c in root.lefts:
        if c.dep_ == "det" and c.lower_ in pronouns.DEFINITE_DETERMINERS:
            return True
        if c.dep_ == "poss":
            return True
    return False


def in_headline(word: Token, text: str | None = None) -> bool:
    """Whether ``word`` is in a headline or deck: one of the article's first three lines, short, with
    no full stop at its end and text after it. ``text`` is the document's text when the caller has it
    (``doc.text`` joins every token anew)."""
    text = doc_text(word.doc) if text is None else text
    if not in_heading_line(word, text):
        return False
    return sum(1 for line in text[: text.rfind("\n", 0, word.idx) + 1].split("\n") if line.strip()) <= 2


def candidates(graph: EntityGraph, anaphor: Anaphor) -> list[tuple[Node, Mention, bool]]:
    """Entities mentioned a few sentences before the anaphor (more for descriptions), or later in its sentence.

    Each comes with the mention features are read from (the nearest one before, else the first one
    after in the same sentence) and whether that is a cataphor ("Before he spoke, Merkel …"). A
    pronoun with nobody in its window looks further back (a profile's long quotes between two "she said").
    """
    pronoun = anaphor.type in ("he", "she", "it", "they")
    found = _candidates(graph, anaphor, _WINDOW if pronoun else _DESCRIPTION_WINDOW)
    return found if found or not pronoun else _candidates(graph, anaphor, _FAR_WINDOW)


def _candidates(graph: EntityGraph, anaphor: Anaphor, window: int) -> list[tuple[Node, Mention, bool]]:
    allowed = _ALLOWED_KINDS.get(anaphor.type, KINDS)
    gender = gender_of(anaphor)
    lemma = anaphor.head.lemma_.lower()
    if anaphor.type == "desc_person" and graph.unnamed_speaker_called(lemma, anaphor.start):
        return []  # "A senior official said … The official added": the unnamed official again

    def admissible(node: Node) -> bool:
        if anaphor.type == "they" and node.kind == "person" and not node.plural:
            return False  # "they" is never one named person in news copy
        if anaphor.type in ("he", "she") and node.plural:
            return False  # nor "he" a family ("the Khans")
        return node.kind in allowed and (gender is None or node.gender in (None, gender))

    out = []
    near = set()  # ids of the nodes mentioned within the window: never cataphors
    for node in graph.nodes_near(anaphor.start, anaphor.sent - window):
        near.add(id(node))
        before = node.nearest_before(anaphor.start)
        if not admissible(node) or before is None or before.end > anaphor.start:
            continue
        # "A senior official said … He added": an unnamed speaker since then takes the pronoun
        if anaphor.type in ("he", "she") and graph.unnamed_speaker_between(before.end, anaphor.start, 2):
            continue
        out.append((node, before, False))
    describes = anaphor.type in ("desc_person", "desc_org")
    forward = (HEADLINE_FORWARD if in_headline(anaphor.head, graph.text) else _FORWARD_SENTENCES) if describes else 0
    for node in graph.nodes_in_sentence_after(anaphor.end - 1, forward):
        after = node.first_after(anaphor.end - 1)
        if id(node) in near or not admissible(node) or after is None:
            continue
        # beyond its own sentence, a description only looks ahead for someone the article gives its role:
        # "The state attorney general is confirming … Attorney General Eric Schneiderman isn't saying"
        if after.sent == anaphor.sent or titled_as(graph, after, _head_words(anaphor)):
            out.append((node, after, True))
    if describes:
        # a description whose role word the article gave someone can only mean those who have it,
        # its head noun first ("the state attorney general" is the one called "general", not "state")
        named = [c for c in out if _head_words(anaphor) & c[0].roles] or [c for c in out if anaphor.words & c[0].roles]
        if not named and _named_possessor(anaphor):
            return []  # "Gary Johnson's doctor", "the ad's narrator": someone the article never names
        # … and among those, the ones the article describes the same way ("the Democratic nominee")
        described = [c for c in named if descriptors(anaphor) & c[0].descriptors]
        return described or named or out
    return out


def titled_as(graph: EntityGraph, mention: Mention, heads: set[str]) -> bool:
    """Whether the title written right before a name ends with one of ``heads`` ("Attorney General
    Eric Schneiderman" for "the attorney general"; not "its chief executive, Jenny Harries" for "the
    chief"), or the name qualifies such a noun ("the FNV Havens union")."""
    doc = graph.doc
    first = doc[mention.head]
    body = first.head if first.dep_ == "compound" and first.head.i > first.i else first
    if body.lemma_.lower() in heads and body.lemma_.lower() in cues.ORG_ROLE_NOUNS:
        return True  # "the FNV Havens union" for "union", "the Clinton campaign" for "the campaign"
    while first.i > 0 and doc[first.i - 1].pos_ == "PROPN" and not _is_title(doc[first.i - 1]):
        first = doc[first.i - 1]
    if first.i == 0:
        return False
    title = doc[first.i - 1].lower_.rstrip(".")
    title = lexicon.TITLE_ABBREVIATIONS.get(title, title)
    return title in heads or lexicon.ROLE_IMPLIES.get(title) in heads


def _is_title(token: Token) -> bool:
    word = token.lower_.rstrip(".")
    return word in cues.TITLES or word in cues.PERSON_ROLE_NOUNS or word in lexicon.TITLE_ABBREVIATIONS


def _named_possessor(anaphor: Anaphor) -> bool:
    """A possessor that is a name or a document ("Gary Johnson's doctor", "the ad's narrator")."""
    return any(
        c.dep_ == "poss" and (c.pos_ == "PROPN" or c.lemma_.lower() in cues.DOCUMENT_WORDS)
        for c in anaphor.head.children
    )


def _head_words(anaphor: Anaphor) -> set[str]:
    return {anaphor.head.lower_, anaphor.head.lemma_.lower()}


def descriptors(anaphor: Anaphor) -> set[str]:
    """The describing words of a mention ("democratic", "presidential" in "the Democratic presidential
    nominee"), with synonyms mapped as the entity graph maps them."""
    words = {t.lower_ for t in anaphor.head.lefts if t.pos_ in ("ADJ", "NOUN", "PROPN") and not t.like_num}
    if anaphor.head.ent_type_ == "NORP":
        words.add(anaphor.head.lower_)
    return {lexicon.DESCRIPTOR_SYNONYMS.get(w, w) for w in words}


def gender_of(anaphor: Anaphor) -> str | None:
    """ "m" or "f" when the mention says ("he", "the grandmother"), else None."""
    if anaphor.type == "he":
        return "m"
    if anaphor.type == "she":
        return "f"
    if anaphor.type == "desc_person":
        if anaphor.words & cues.MALE_WORDS:
            return "m"
        if anaphor.words & cues.FEMALE_WORDS:
            return "f"
    return None


def _bucket(value: int, edges: tuple[int, ...]) -> list[float]:
    """One-hot of the first edge ``value`` is ≤ (the last slot when above every edge)."""
    out = [0.0] * (len(edges) + 1)
    for i, edge in enumerate(edges):
        if value <= edge:
            out[i] = 1.0
            return out
    out[-1] = 1.0
    return out


_PRONOUN_FORMS = pronouns.PERSON_PRONOUNS | pronouns.PLURAL_PRONOUNS | pronouns.FIRST_PERSON | pronouns.IT_PRONOUNS
_TYPE_GROUP = {"he": "person", "she": "person", "desc_person": "person", "it": "org", "desc_org": "org", "they": "they"}

FEATURES: tuple[str, ...] = (
    *(f"type={t}" for t in RESOLVABLE),
    *(f"sent_dist<={d}" for d in (0, 1, 2, 3, 5, 10)), "sent_dist>10",
    "cataphor",
    *(f"rank<={r}" for r in (0, 1, 2)), "rank>2",
    *(f"compatible_rank<={r}" for r in (0, 1)), "compatible_rank>1",
    "subject", "speaker", "ever_speaker", "last_speaker", "unnamed_speaker_between",
    "gender_match", "gender_clash", "gender_unknown",
    *(f"{g}x{k}" for g in ("person", "org", "they") for k in KINDS),
    "role_match", "descriptor_match", "name_word_in_mention", "age_match", "org_class_match", "org_class_clash",
    "log_mentions", "first_person_entity", "in_first_sentence",
    "anaphor_quoted", "candidate_quoted", "same_quote_state",
    "log_recent_mentions",
    "same_sentence_subject_dominates", "coargument",
    "log_char_distance",
    "plural_candidate",
    "only_class_match",
    "named_in_content",
    "uncontested_last_speaker",
)
_INDEX = {name: i for i, name in enumerate(FEATURES)}


def pair_features(
    graph: EntityGraph, anaphor: Anaphor, found: list[tuple[Node, Mention, bool]]
) -> np.ndarray:
    """A feature matrix, one row per candidate in ``found`` (columns: ``FEATURES``)."""
    x = np.zeros((len(found), len(FEATURES)), dtype=np.float32)
    if not found:
        return x
    gender = gender_of(anaphor)
    group = _TYPE_GROUP.get(anaphor.type, "person")
    order = sorted(range(len(found)), key=lambda i: -found[i][1].start if not found[i][2] else 10**9)
    rank = {i: r for r, i in enumerate(order)}
    compatible = [i for i in order if _compatible(found[i][0], group, gender)]
    compatible_rank = {i: r for r, i in enumerate(compatible)}
    first_person = min(
        (n for n in graph.nodes.values() if n.kind == "person" and n.mentions),
        key=lambda n: n.mentions[0].start,
        default=None,
    )
    last_speech = graph.last_speech_before(anaphor.start)
    last_speaker = last_speech[1] if last_speech is not None else None
    # "…, said James Henson. '…,' he said": nobody of the pronoun's kind named since the last speaker
    contested = last_speech is not None and any(
        node is not last_speaker and not mention.quoted and mention.start > last_speech[0]
        and _compatible(node, group, gender)
        for node, mention, cataphor in found if not cataphor
    )
    recent_start = graph.sent_starts[max(anaphor.sent - 3, 0)] if graph.sent_starts else 0
    modifiers = descriptors(anaphor)
    anaphor_classes = org_classes({anaphor.head.lemma_.lower()}) if anaphor.type == "desc_org" else set()
    for row, (node, mention, cataphor) in enumerate(found):
        f = x[row]
        f[_INDEX[f"type={anaphor.type}"]] = 1.0 if anaphor.type in RESOLVABLE else 0.0
        dist = abs(anaphor.sent - mention.sent)
        for name, value in zip(
            [*(f"sent_dist<={d}" for d in (0, 1, 2, 3, 5, 10)), "sent_dist>10"],
            _bucket(dist, (0, 1, 2, 3, 5, 10)), strict=True,
        ):
            f[_INDEX[name]] = value
        f[_INDEX["cataphor"]] = float(cataphor)
        for name, value in zip(("rank<=0", "rank<=1", "rank<=2", "rank>2"), _bucket(rank[row], (0, 1, 2)), strict=True):
            f[_INDEX[name]] = value
        if row in compatible_rank:
            for name, value in zip(
                ("compatible_rank<=0", "compatible_rank<=1", "compatible_rank>1"),
                _bucket(compatible_rank[row], (0, 1)), strict=True,
            ):
                f[_INDEX[name]] = value
        f[_INDEX["subject"]] = float(mention.subject)
        f[_INDEX["speaker"]] = float(mention.speaker)
        f[_INDEX["last_speaker"]] = float(node is last_speaker)
        f[_INDEX["uncontested_last_speaker"]] = float(node is last_speaker and not contested)
        f[_INDEX["unnamed_speaker_between"]] = float(
            not cataphor and graph.unnamed_speaker_between(mention.end, anaphor.start)
        )
        f[_INDEX["ever_speaker"]] = float(node.first_speaker is not None and node.first_speaker < anaphor.start)
        if gender is not None and node.kind == "person":
            if node.gender is None:
                f[_INDEX["gender_unknown"]] = 1.0
            elif node.gender == gender:
                f[_INDEX["gender_match"]] = 1.0
            else:
                f[_INDEX["gender_clash"]] = 1.0
        kind = node.kind if node.kind in KINDS else "other"
        f[_INDEX[f"{group}x{kind}"]] = 1.0
        f[_INDEX["role_match"]] = float(bool(anaphor.words & node.roles))
        # the share of the description's words the entity is described by ("Wisconsin Republican": both)
        f[_INDEX["descriptor_match"]] = len(modifiers & node.descriptors) / len(modifiers) if modifiers else 0.0
        name_words = {w.lower() for w in node.entity.name.split()}
        f[_INDEX["name_word_in_mention"]] = float(bool(anaphor.words & name_words))
        if anaphor_classes and node.kind in ("organization", "place"):
            node_classes = org_classes(class_words(node.entity.name) | node.roles)
            f[_INDEX["org_class_match"]] = float(bool(anaphor_classes & node_classes))
            f[_INDEX["org_class_clash"]] = float(bool(node_classes) and not anaphor_classes & node_classes)
        f[_INDEX["age_match"]] = float(bool(node.ages) and bool(_ages(anaphor.text) & node.ages))
        f[_INDEX["log_mentions"]] = math.log1p(node.count_before(anaphor.start))
        f[_INDEX["first_person_entity"]] = float(node is first_person)
        f[_INDEX["in_first_sentence"]] = float(bool(node.mentions) and node.mentions[0].sent == 0)
        f[_INDEX["anaphor_quoted"]] = float(anaphor.quoted)
        f[_INDEX["candidate_quoted"]] = float(mention.quoted)
        f[_INDEX["same_quote_state"]] = float(anaphor.quoted == mention.quoted)
        f[_INDEX["log_recent_mentions"]] = math.log1p(node.count_before(anaphor.start, recent_start))
        if mention.sent == anaphor.sent and not cataphor:
            cand = graph.doc[mention.head]
            f[_INDEX["same_sentence_subject_dominates"]] = float(
                mention.subject and anaphor.head in cand.head.subtree
            )
            f[_INDEX["coargument"]] = float(cand.head.i == anaphor.head.head.i)
        f[_INDEX["log_char_distance"]] = math.log1p(abs(anaphor.start - mention.start)) / 10
        f[_INDEX["plural_candidate"]] = float(node.plural)
        if anaphor.said is not None:  # '"… go vote for Hillary …," she said' is not Hillary
            f[_INDEX["named_in_content"]] = float(_named_between(graph, node, *anaphor.said))
    matches = x[:, _INDEX["org_class_match"]]
    if matches.sum() == 1:  # "The newspaper" after one newspaper: the only entity of its kind
        x[:, _INDEX["only_class_match"]] = matches
    return x


def _named_between(graph: EntityGraph, node: Node, start: int, end: int) -> bool:
    """Whether the entity is mentioned by name (not by a pronoun) between two offsets."""
    return any(
        start <= m.start < end and graph.text[m.start : m.end].lower() not in _PRONOUN_FORMS for m in node.mentions
    )


def org_classes(words: set[str]) -> set[str]:
    """The kinds of organisation (``lexicon.ORG_NOUN_CLASSES``) that these words name."""
    return {kind for kind, nouns in lexicon.ORG_NOUN_CLASSES.items() if words & nouns}


def class_words(name: str) -> set[str]:
    """The words of an organisation's name that may say what kind it is: not a leading modifier
    ("Union Pacific" is no union), but the head before "of" ("Bank of Canada"), and "company" for a name
    that ends like a company's ("Comeau Tidal Energy", not "Department of Energy")."""
    words = [w.lower() for w in name.split()]
    if len(words) < 2:
        return set(words)
    of = {words[i - 1] for i in range(1, len(words)) if words[i] in ("of", "for")}
    company = {"company"} if words[-1] in lexicon.COMPANY_NAME_ENDINGS and not of else set()
    return set(words[1:]) | of | company


def _compatible(node: Node, group: str, gender: str | None) -> bool:
    if group == "person":
        return node.kind == "person" and (gender is None or node.gender in (None, gender))
    if group == "org":
        return node.kind in ("organization", "place")
    return node.kind in ("organization", "group", "place") or node.plural
