"""People's names the NER cut, completed from the words of a source mention: a family name it left out
("Tek Narayan" of "Deputy General Secretary Tek Narayan Pokharel") or given names it left out
("Defender Tyrese Campbell-Hughes" with "Campbell-Hughes" tagged an organisation)."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from presslens.extract import cues
from presslens.extract.speakers.graph import EntityGraph, Node
from presslens.extract.speakers.naming import proper_name
from presslens.lexicon import speakers as lexicon
from presslens.nlp import is_english_word

__all__ = ["given_names_completed", "person_completed"]


def person_completed(graph: EntityGraph, span: SpacySpan, name: str) -> Node | None:
    """The person whose name the NER cut inside ``span`` and ``name`` completes ("Tek Narayan" in
    "Deputy General Secretary Tek Narayan Pokharel"), renamed to the full name."""
    words = name.split()
    for token in span:
        node = graph.node_at(token.idx, token.idx + len(token.text))
        have = node.entity.name.split() if node is not None and node.kind == "person" else []
        if 2 <= len(have) < len(words) and words[: len(have)] == have:
            node.rename(name)
            return node
    return None


def given_names_completed(span: SpacySpan, node: Node) -> None:
    """Rename ``node``, known by a family name alone, to the fuller name its mention writes when the NER
    left out the one or two given names before it, the first a known one ("Defender Tyrese" +
    "Campbell-Hughes", "President Dorota" + "Wisniewska"); a body or place so named becomes a person."""
    written, _ = proper_name(span)
    current = node.entity.name
    if " " in current or node.kind not in ("person", "organization", "place") or not written.endswith(" " + current):
        return
    given: list[str] = []
    for word in reversed(written[: -len(current)].split()):
        lower = word.lower().rstrip(".")
        if len(given) == 2 or not word[:1].isupper() or lower in cues.TITLES or lower in cues.PERSON_ROLE_NOUNS:
            break
        if lower not in lexicon.GIVEN_NAMES and (is_english_word(word) or not word.isalpha()):
            break
        given.insert(0, word)
    while given and given[0].lower() not in lexicon.GIVEN_NAMES:
        given.pop(0)  # "Datuk Seri", "Volcanologist", a district's name: no given name opens the name
    if not given:
        return
    node.entity.kind = "person"
    node.rename(" ".join([*given, current]))
