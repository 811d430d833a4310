"""A small hand-annotated corpus for the claims, framing, framing × attribution, entities and timeline pages.

Written through the real store API (``presslens.store.Store.write`` then ``corpus.update_speakers``),
like ``build.build_fixed_db``, with claims carrying quantities, framing spans placed in, around and
inside quoted statements, entities with mentions, and the same statement reported by three outlets.
The articles are invented for these tests and for the documentation screenshots.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from presslens.schema import Analysis, Entity, Quantity, Span
from web_corpus.build import Doc, Q, analysis_of

PAYLOAD = '<script>alert("claim")</script>'
PAYLOAD_OUTLET = "<img src=x onerror=alert('o')>Courier"

# (doc, quantities per claim text: [(quantity text, value, unit, measured)], entities: [(name, kind, [mention texts])])
INSIGHT_DOCS: list[tuple[Doc, dict[str, list[tuple[str, float, str | None, str | None]]],
                         list[tuple[str, str, list[str]]]]] = [
    (Doc("Porter promises cheaper buses", "Riverside Gazette", "2024-05-02",
         "Porter promises cheaper buses\n\n"
         "In yet another reckless stunt, Mayor Jane Porter said the city would cut bus fares by 20 percent. "
         "\"Our buses will carry 10,000 more riders a day,\" Porter said. "
         "Valley Transit did not comment.",
         [Q("Jane Porter", "Mayor Jane Porter", "said", "the city would cut bus fares by 20 percent", type="indirect"),
          Q("Jane Porter", "Porter", "said", "Our buses will carry 10,000 more riders a day,")],
         claims=[("the city would cut bus fares by 20 percent", 0.93),
                 ("Our buses will carry 10,000 more riders a day", 0.84)],
         framing=[("reckless stunt", "Loaded_Language")]),
     {"the city would cut bus fares by 20 percent": [("20 percent", 20.0, "percent", "bus fares")],
      "Our buses will carry 10,000 more riders a day": [("10,000", 10000.0, None, "riders")]},
     [("Jane Porter", "person", ["Jane Porter", "Porter"]), ("Valley Transit", "organization",
                                                                          ["Valley Transit"])]),
    (Doc("Bus fares to fall by a fifth", "Valley Herald", "2024-05-03",
         "Bus fares to fall by a fifth\n\n"
         "Mayor Jane Porter said the city would cut bus fares by 20 percent. "
         "\"Our buses will carry 10,000 more riders a day,\" Porter told reporters at the depot.",
         [Q("Jane Porter", "Mayor Jane Porter", "said", "the city would cut bus fares by 20 percent", type="indirect"),
          Q("Jane Porter", "Porter", "told", "Our buses will carry 10,000 more riders a day,")],
         claims=[("the city would cut bus fares by 20 percent", 0.91)]),
     {"the city would cut bus fares by 20 percent": [("20 percent", 20.0, "percent", "bus fares")]},
     [("Jane Porter", "person", ["Jane Porter", "Porter"])]),
    (Doc("The fare fantasy returns", "Harbor Times", "2024-05-04",
         "The fare fantasy returns\n\n"
         "The mayor's fantasy budget is back. "
         "\"Our buses will carry 10,000 more riders every day,\" Mayor Jane Porter claimed. "
         "Critics called the plan a total disaster. Valley Transit declined to say more.",
         [Q("Jane Porter", "Mayor Jane Porter", "claimed", "Our buses will carry 10,000 more riders every day,")],
         claims=[("Our buses will carry 10,000 more riders every day", 0.82)],
         framing=[("fantasy budget", "Loaded_Language"), ("a total disaster", "Exaggeration,Minimisation")]),
     {"Our buses will carry 10,000 more riders every day": [("10,000", 10000.0, None, "riders")]},
     [("Jane Porter", "person", ["Jane Porter"]), ("Valley Transit", "organization", ["Valley Transit"])]),
    (Doc("Dredging delay costs millions", "Harbor Times", "2024-06-10",
         "Dredging delay costs millions\n\n"
         "Port director Amina Diallo said the disgraceful delay had cost the port 3 million dollars. "
         "The harbour reopens in July.",
         [Q("Amina Diallo", "Port director Amina Diallo", "said",
            "the disgraceful delay had cost the port 3 million dollars", type="indirect")],
         claims=[("the disgraceful delay had cost the port 3 million dollars", 0.88)],
         framing=[("disgraceful", "Loaded_Language")]),
     {"the disgraceful delay had cost the port 3 million dollars": [("3 million dollars", 3e6, "USD", "delay")]},
     [("Amina Diallo", "person", ["Amina Diallo"]), ("Riverside", "place", [])]),
    (Doc("Harbour " + PAYLOAD, PAYLOAD_OUTLET, "2024-07-01",
         "Harbour " + PAYLOAD + "\n\n"
         "Councillor Tom Alvarez said the " + PAYLOAD + " budget was a shameful betrayal of 40 families. "
         "Nothing else happened.",
         [Q("Tom Alvarez", "Councillor Tom Alvarez", "said",
            "the " + PAYLOAD + " budget was a shameful betrayal of 40 families", type="indirect")],
         claims=[("the " + PAYLOAD + " budget was a shameful betrayal of 40 families", 0.7)],
         framing=[("shameful betrayal", "Loaded_Language")]),
     {"the " + PAYLOAD + " budget was a shameful betrayal of 40 families": [("40 families", 40.0, None, "families")]},
     [(PAYLOAD + " Group", "organization", []), ("Tom Alvarez", "person", ["Tom Alvarez"])]),
]


def insight_analysis(doc: Doc, amounts: dict[str, list[tuple[str, float, str | None, str | None]]],
                     entities: list[tuple[str, str, list[str]]]) -> Analysis:
    """The Analysis of one article with its quantities and entities added (offsets found in the text)."""
    analysis = analysis_of(doc)
    text = doc.text
    new_style = "claim" in {f.name for f in dataclasses.fields(Quantity)}  # quantities as their own layer
    everything: list[Quantity] = []
    for i, claim in enumerate(analysis.claims):
        found = []
        for piece, value, unit, measured in amounts.get(claim.text, []):
            start = text.index(piece, claim.start)
            fields = {"text": piece, "comparator": "=", "value": value, "unit": unit, "start": start,
                      "end": start + len(piece), ("measures" if new_style else "measured"): measured}
            if new_style:
                fields["claim"] = i
            found.append(Quantity(**fields))
        if new_style:
            claim.quantities = list(range(len(everything), len(everything) + len(found)))
            everything.extend(found)
        else:
            claim.quantities = found
    if new_style:
        analysis.quantities = everything
    for n, (name, kind, mentions) in enumerate(entities):
        spans, pos = [], 0
        for m in mentions:  # each mention after the previous one
            start = text.index(m, pos)
            spans.append(Span(start, start + len(m), m))
            pos = start + len(m)
        entity = Entity(id=f"e{n}", name=name, kind=kind, mentions=spans)  # type: ignore[arg-type]
        analysis.entities.append(entity)
        for a in analysis.attributions:
            if a.source.name == name:
                a.source.entity = entity.id
    return analysis


def build_insight_db(path: Path, *, hostile: bool = True) -> Path:
    """Write the articles above (without the hostile one when ``hostile`` is False) and resolve speakers,
    as ``presslens ingest`` does after analysis."""
    from presslens.corpus import update_speakers
    from presslens.store import Store

    with Store(path) as store:
        store.write([insight_analysis(*item) for item in INSIGHT_DOCS if hostile or "<" not in item[0].title])
        update_speakers(store.con)
    return path
