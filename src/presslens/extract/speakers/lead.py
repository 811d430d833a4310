"""Where an article introduces people outside the story: leads and an op-ed's closing tagline.

"A federal judge on Thursday blocked …" (named later under that title) and the delayed
identification "A former party chairman says … '…,' said Don Fowler" are settled here, for a
description in the first ``LEAD_SENTENCES`` sentences only; so is the writer an op-ed names in its
last line, whom its first-person "I" stands for.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from presslens.extract import cues
from presslens.extract.speakers.features import titled_as
from presslens.extract.speakers.graph import EntityGraph, Node
from presslens.lexicon import speakers as lexicon

LEAD_SENTENCES = 2  # the lead (headline, dateline, first sentence), where someone is introduced by role
# The kind of speaker a headline's pronoun or description stands for.
_HEADLINE_KINDS = {"desc_person": "person", "he": "person", "she": "person", "desc_org": "organization"}


def introduces_someone(root: Token) -> bool:
    """ "A federal judge" as a subject, or a headline's bare "Judge rejects …": one person introduced
    by role, who may be named later."""
    if root.tag_ not in ("NN", "NNP") or root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if root.lemma_.lower() not in cues.PERSON_ROLE_NOUNS and root.lower_ not in cues.PERSON_ROLE_NOUNS:
        return False
    determiners = [c.lower_ for c in root.children if c.dep_ in ("det", "poss")]
    # a headline: "Judge rejects …" or "…, minister says" on the article's first line
    headline = not determiners and (root.is_sent_start and root.text[:1].isupper() or root.sent.start == 0)
    return determiners in (["a"], ["an"]) or headline


def titled_later(graph: EntityGraph, noun: Token, after: int) -> Node | None:
    """The one person mentioned after ``after`` under a title ending with ``noun`` ("Judge …")."""
    heads = {noun.lower_, noun.lemma_.lower()}
    # "A spokesperson for the Development Commission" is not "Foreign Ministry spokesperson Mao Ning":
    # a body the description names must be named in the later title's sentence too
    bodies = [
        o.text
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ in ("for", "of", "at", "from")
        for o in p.children
        if o.dep_ == "pobj" and o.pos_ == "PROPN"
    ]
    found = [
        node
        for node in graph.nodes.values()
        if node.kind == "person"
        and any(
            m.start >= after
            and titled_as(graph, m, heads)
            and all(b in graph.sentence(m.sent) for b in bodies)
            for m in node.mentions
        )
    ]
    return found[0] if len(found) == 1 else None


def named_next(graph: EntityGraph, span: SpacySpan) -> Node | None:
    """A delayed-identification lead: "A former party chairman says … '…,' said Don Fowler, who …".

    Only for a description in the headline or the first sentences that names a body or place
    ("DNC", "Democratic National Committee", "A lawmaker in the Philippines"); the person is the
    first one who speaks in the next two sentences, was not mentioned before, and has that body (its
    initials, or the stem of a place: "Philippine Star") in their sentence.
    """
    sent = graph.sent_of(span.start_char)
    names = [t.text for t in span if t.pos_ == "PROPN" and t.i < span.root.i]
    places = [  # the mention may stop before them: "A lawmaker | in the Philippines is calling …"
        o.text for p in span.root.children if p.dep_ == "prep" and p.lower_ in ("in", "from", "of", "for", "at")
        for o in p.children if o.dep_ == "pobj" and o.pos_ == "PROPN"
    ]
    if sent > LEAD_SENTENCES or not (names or places):
        return None
    bodies = {w[:6] for w in places if len(w) >= 6}
    if names:
        bodies |= {" ".join(names), "".join(w[0] for w in names if w[:1].isupper())}
    end = graph.sentence_end(sent + 2)
    best: tuple[int, Node] | None = None
    for node in graph.nodes.values():
        if node.kind != "person" or named_before(graph, node, span.start_char):
            continue
        spoke = next((m.start for m in node.mentions if m.speaker and span.end_char < m.start < end), None)
        if spoke is None or not any(b in graph.sentence(graph.sent_of(spoke)) for b in bodies):
            continue
        if best is None or spoke < best[0]:
            best = (spoke, node)
    return best[1] if best is not None else None


def named_before(graph: EntityGraph, node: Node, position: int) -> bool:
    """Whether a mention before ``position`` names the entity (not only a description of it)."""
    words = set(node.entity.name.split())
    return any(words & set(graph.text[m.start : m.end].split()) for m in node.mentions if m.start < position)


def tagline_writer(graph: EntityGraph) -> Node | None:
    """The person an op-ed's short closing line presents ("Rick Scott is the Republican governor of
    Florida."; "Glenn Harlan Reynolds, a law professor, is a member of …"): its writer."""
    text = graph.text.rstrip()
    start = text.rfind("\n") + 1
    if start == 0 or len(text) - start > 300:
        return None
    line = graph.doc.char_span(start, len(text), alignment_mode="expand")
    if line is None or len(list(line.sents)) != 1:
        return None
    root = line.root
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if root.lemma_ != "be" or subject is None or subject.left_edge.i != line.start:
        return None
    node = graph.node_at(subject.idx, subject.idx + len(subject.text))
    if node is None or node.kind not in ("person", "organization"):
        return None
    if node.kind == "organization":  # "Glenn Harlan Reynolds, a … professor, is …" tagged ORG
        if subject.left_edge.lower_ not in lexicon.GIVEN_NAMES:
            return None
        node.entity.kind = "person"
    return node


def headline_speaker(graph: EntityGraph, span: SpacySpan, mention_type: str) -> Node | None:
    """Whom a headline's or deck's description left unresolved stands for ("… - envoy", "Former
    spinner says …", "Teachers' union says …"): the first person or organisation, as the description
    says, who speaks in the body. Plural and determined nouns ("Residents say") stay generic."""
    root = span.root
    kind = _HEADLINE_KINDS.get(mention_type)
    if kind is None:
        lemma = root.lemma_.lower()
        bare = not any(c.dep_ in ("det", "nummod") or c.lower_ in lexicon.GROUP_QUANTIFIERS for c in root.children)
        if mention_type != "generic" or root.tag_ not in ("NN", "NNP") or not bare or lemma in cues.GROUP_NOUNS:
            return None
        kind = "person" if lemma in cues.PERSON_ROLE_NOUNS else "organization" if lemma in cues.ORG_ROLE_NOUNS else ""
    body = graph.text.find("\n", span.end_char)
    if body < 0:
        return None
    for _, key in graph.speaker_starts[bisect_left(graph.speaker_starts, (body, "")) :]:
        node = graph.nodes.get(key)
        if node is not None and (node.kind == kind or (not kind and node.kind in ("person", "organization"))):
            return node
    return None
