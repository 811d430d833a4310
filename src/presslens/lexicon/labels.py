"""The spaCy entity labels the extractors read, grouped by what they tell (upper case, as spaCy writes them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from presslens.schema import EntityKind

# Labels of names, read by two extractors. A date word inside a name is part of it ("Theresa May",
# "Black Friday Deals Inc."), so ``extract.dates`` does not read it as a date; a number inside a name
# ("Boeing 747") is not a quantity (``extract.quantities``).
#
# ORDINAL is not a name label, and the one difference between the two readers: ``extract.quantities``
# also skips numbers labelled ORDINAL ("the 11th time" counts nothing), while ``extract.dates`` must
# read them, as spaCy can label the day of "9th April" ORDINAL. Adding ORDINAL here would drop those
# dates; the quantities filter tests it itself, next to this set.
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "FAC", "GPE", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "NORP", "LOC"}
)
ORDINAL_LABEL = "ORDINAL"

# The entity kind of each NER label that names an entity (``extract.entities``).
ENTITY_KINDS: dict[str, EntityKind] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
