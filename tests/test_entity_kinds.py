"""The learned second opinion on an entity's kind (``entity_kinds``)."""

from __future__ import annotations

import numpy as np

from presslens import analyze
from presslens.extract.entities import find_entities
from presslens.extract.entity_kinds import KINDS, KindModel, relabel
from presslens.schema import Entity, Span

LAWYER = (
    "MONTREAL — A housing tribunal has ordered a landlord to repay 14 tenants.\n\n"
    "Philippe-Olivier Desrosiers, the landlord's lawyer, said his client would appeal. "
    "Jean-Sébastien Ouimet, a tenant, said he was relieved."
)


def test_a_person_the_ner_tags_an_organisation_becomes_a_person(nlp):
    doc = nlp(LAWYER)
    rules = {e.name: e.kind for e in find_entities(doc, learned_kinds=False)}
    learned = {e.name: e.kind for e in find_entities(doc)}
    assert rules["Philippe-Olivier Desrosiers"] == "organization"  # what the NER and the rules make of it
    assert learned["Philippe-Olivier Desrosiers"] == "person"
    assert learned["Jean-Sébastien Ouimet"] == "person"
    lawyer = next(a for a in analyze(LAWYER).attributions if "appeal" in a.content.text)
    assert (lawyer.source.name, lawyer.source.kind) == ("Philippe-Olivier Desrosiers", "person")
    assert lawyer.source.mention is not None
    start = LAWYER.index("Philippe-Olivier")
    assert (lawyer.source.mention.start, lawyer.source.mention.end) == (start, start + len("Philippe-Olivier Desrosiers"))


def _always(kind: str, threshold: float = 0.6) -> KindModel:
    """A model whose only feature, the rules' kind, always points to ``kind``."""
    features = {f"rule:{k}": i for i, k in enumerate(KINDS[:3])}
    weights = np.zeros((len(features), len(KINDS)), dtype=np.float32)
    weights[:, KINDS.index(kind)] = 5.0
    return KindModel(features, weights, np.zeros(len(KINDS), dtype=np.float32), threshold, {})


def test_relabel_leaves_one_word_names_and_unsure_answers_alone(nlp):
    text = "France said Maple Crest Foods would pay."
    doc = nlp(text)

    def entities() -> list[Entity]:
        return [
            Entity("e1", "France", "place", [], [Span.of(text, 0, 6)]),
            Entity("e2", "Maple Crest Foods", "organization", [], [Span.of(text, 12, 29)]),
        ]

    sure = entities()
    relabel(doc, sure, _always("person"))
    assert [e.kind for e in sure] == ["place", "person"]  # one word says too little
    unsure = entities()
    relabel(doc, unsure, _always("person", threshold=0.99))
    assert [e.kind for e in unsure] == ["place", "organization"]
