"""The spaCy entity labels the extractors read, grouped by what they tell (upper case, as spaCy writes them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from presslens.schema import EntityKind

# Labels of names. A date word inside one is part of the name ("Theresa May", "Black Friday Deals Inc."),
# so ``extract.dates`` does not read it as a date.
NAME_LABELS = frozenset({"PERSON", "ORG", "FAC", "GPE", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "NORP", "LOC"})

# Labels whose numbers are not quantities (``extract.quantities``): the names above, and ordinals
# ("11th"). Dates use NAME_LABELS without ORDINAL: a day written as an ordinal ("9th April") can carry
# that label, and a date starting inside a name is dropped. Joining the two sets is a behaviour change.
NAME_OR_ORDINAL_LABELS = NAME_LABELS | {"ORDINAL"}

# The entity kind of each NER label that names an entity (``extract.entities``).
ENTITY_KINDS: dict[str, EntityKind] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
