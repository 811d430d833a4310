"""A person's gender, for the pronouns that may refer to them: from a given name, an honorific
("Ms Morgan"), roles of one gender ("the congresswoman"), or the pronouns of the sentences where
they are the only person."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from spacy.tokens import Doc

from presslens.extract import cues
from presslens.lexicon import speakers as lexicon

if TYPE_CHECKING:
    from presslens.extract.speakers.graph import EntityGraph, Node

__all__ = ["gender_from_pronouns", "learn_gender"]


def gender_from_pronouns(graph: EntityGraph, lower: np.ndarray) -> None:
    """A person of unknown gender takes the pronouns of sentences where they are the only person.

    "Ham went on to explain how he believes …": counted over the sentence that mentions only
    them and the one after it (unless that one names another person), outside quotations, it needs at
    least two pronouns and a clear majority.
    """
    persons = [n for n in graph.nodes.values() if n.kind == "person"]
    by_sent: dict[int, set[str]] = {}
    for node in persons:
        for m in node.mentions:
            by_sent.setdefault(m.sent, set()).add(node.entity.id)
    strings = graph.doc.vocab.strings
    male = np.isin(lower, [strings[w] for w in ("he", "him", "his", "himself")])
    female = np.isin(lower, [strings[w] for w in ("she", "her", "hers", "herself")])
    for i in np.flatnonzero(male | female):
        if graph.is_quoted(graph.doc[int(i)].idx):  # a speaker's "his status" is someone else's
            male[i] = female[i] = False
    counts: dict[str, list[int]] = {}
    for k, ids in by_sent.items():
        if len(ids) != 1:
            continue
        tally = counts.setdefault(next(iter(ids)), [0, 0])
        # the next sentence too, unless it names someone else ("… Hrafnsson hf … Snorradottir said she")
        after = 2 if by_sent.get(k + 1, ids) <= ids else 1
        first, last = graph.sent_tokens[k], graph.sent_tokens[min(k + after, len(graph.sent_tokens) - 1)]
        tally[0] += int(male[first:last].sum())
        tally[1] += int(female[first:last].sum())
    for node in persons:
        male, female = counts.get(node.entity.id, (0, 0))
        if node.gender is None and male + female >= 2:
            if male >= 3 * female:
                node.gender = "m"
            elif female >= 3 * male:
                node.gender = "f"


def _honorific_gender(doc: Doc, node: Node) -> str | None:
    """The gender the honorifics before a person's mentions agree on ("Ms Morgan"), if any."""
    found = set()
    for m in node.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and span.start > 1 and doc[span.start - 2].lower_ in ("and", "&"):
            continue  # "Mr. and Mrs. Khan": a couple
        if span is not None and span.start > 0:
            found.add(lexicon.HONORIFIC_GENDER.get(doc[span.start - 1].lower_.rstrip(".")))
        if span is not None:
            found.add(lexicon.HONORIFIC_GENDER.get(span[0].lower_.rstrip(".")))
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def learn_gender(doc: Doc, node: Node) -> None:
    """A person's gender from a given name of one sex, the honorifics before their mentions, or
    roles of one gender."""
    if node.kind != "person" or node.gender is not None:
        return
    first = node.entity.name.split()[0].lower() if node.entity.name else ""
    male_name, female_name = first in cues.MALE_NAMES, first in cues.FEMALE_NAMES
    if male_name != female_name:  # a name of either sex ("Terry", "Leslie") gives no gender
        node.gender = "m" if male_name else "f"
    elif honorific := _honorific_gender(doc, node):  # "Ms Morgan said"
        node.gender = honorific
    else:  # roles of one gender only ("Mr. and Mrs. Khan" gives both: no gender), as the article
        # writes them: "representative" implies the role "congressman" but says nothing of gender
        implied = set(lexicon.ROLE_IMPLIES.values()) - node.descriptors
        male = any(role in cues.MALE_WORDS for role in node.roles - implied)
        female = any(role in cues.FEMALE_WORDS for role in node.roles - implied)
        if male != female:
            node.gender = "m" if male else "f"
