"""Bodies a source mention names in full where the NER tagged only part of the name: the words before
it ("Elections" + "Quebec") or the place the body serves in after it ("Chinese Embassy" + "in
Thailand")."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from presslens.extract import cues
from presslens.extract.name_forms import in_heading_line
from presslens.extract.speakers.graph import EntityGraph, Node
from presslens.extract.speakers.naming import clean
from presslens.lexicon import speakers as lexicon
from presslens.lexicon.names import ROMANCE_NAME_JOINTS
from presslens.schema import Span

__all__ = ["body_named_in_full"]


def body_named_in_full(graph: EntityGraph, span: SpacySpan, node: Node) -> Node | None:
    """The body ``span`` names in full when ``node`` is only part of its name, else None."""
    return _named_before(graph, span, node) or _named_with_place(graph, span, node)


def _named_with_place(graph: EntityGraph, span: SpacySpan, node: Node) -> Node | None:
    """A body posted in a place, named with it ("The Chinese Embassy in Thailand said", "The Methodist
    Church in Fiji"): an organisation one of whose name's words is of ``lexicon.BODIES_NAMED_WITH_PLACE``,
    whose mention ends its source mention and is followed by "in" and a place (capitalised words, the
    first tagged a place) that ends the phrase. A new body, or the one already so named."""
    if node.kind != "organization" or not set(node.entity.name.lower().split()) & lexicon.BODIES_NAMED_WITH_PLACE:
        return None
    doc = span.doc
    inside = [m for m in node.mentions if span.start_char <= m.start and m.end == span.end_char]
    if not inside or span.end + 2 > len(doc) or doc[span.end].lower_ != "in" or doc[span.end].head.i != span.root.i:
        return None
    end = span.end + 1
    if doc[end].ent_type_ not in ("GPE", "LOC"):
        return None
    while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
        end += 1
    if end < len(doc) and (doc[end].pos_ in ("PROPN", "NOUN") or doc[end].tag_ == "POS"):
        return None  # "the embassy in Thailand's capital": the place is no end of the name
    if node.entity.name.endswith(" " + doc[span.end : end].text):
        return None  # named so already ("European Union delegation in Tbilisi")
    start = doc.char_span(inside[0].start, inside[0].end, alignment_mode="expand").start
    words = doc[start + (doc[start].lower_ == "the") : end]
    return graph.named(clean(words.text), "organization", Span.of(graph.text, words.start_char, words.end_char))


def _named_before(graph: EntityGraph, span: SpacySpan, node: Node) -> Node | None:
    """The body a mention names in full when ``node``, an organisation or place, is only the end of its
    name ("Sport Integrity Australia" with "Integrity Australia" tagged, "Elections Quebec" with
    "Quebec", "MTN Ghana" with "Ghana"): capitalised words, and joints like "of" inside, up to the
    mention's head, none a role, given name or standing ("Opposition"). ``node`` takes the name when
    it is never written otherwise; a place keeps its own."""
    doc, root = span.doc, span.root
    words = doc[span.start + (span[0].lower_ == "the") : root.i + 1]
    current = node.entity.name
    if node.kind not in ("organization", "place") or len(words) < 2 or in_heading_line(words[0], graph.text):
        return None
    name = clean(words.text)
    first = words[0].lower_.rstrip(".")
    if not name.endswith(" " + current) or first in cues.TITLES or first in lexicon.STANDING_WORDS or (
        current.split()[0].lower() in lexicon.GIVEN_NAMES  # "Administrators Fiona MacLeod" tagged ORG
    ):
        return None
    extra = doc[words.start : root.i + 1 - len(current.split())]
    if not extra or not extra[0].text[:1].isupper() or not root.text[:1].isupper() or not all(
        (t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN") and t.lemma_.lower() not in cues.PERSON_ROLE_NOUNS
         and t.lower_ not in lexicon.GIVEN_NAMES)
        or t.lower_ in ROMANCE_NAME_JOINTS or t.lower_ in ("of", "and", "for")
        for t in extra
    ):
        return None  # not "A Canadian commission", "Administrators Fiona MacLeod", "Even China"
    short = [m for m in node.mentions if m.end - m.start == len(current)]
    if node.kind == "organization" and all(graph.text[m.end - len(name) : m.end] == name for m in short):
        node.rename(name)
        return node
    return graph.named(name, "organization", Span.of(graph.text, words.start_char, words.end_char))
