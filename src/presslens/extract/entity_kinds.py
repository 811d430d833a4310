"""A learned second opinion on what kind of thing each entity of an article is.

The small NER model tags many people from outside the English-speaking world as organisations
("Philippe-Olivier Desrosiers, the firm's lawyer"). The rules of ``entities.py`` mend the shapes
they know; this model reads the whole entity at once (how the NER tagged each mention, the form of
the name, the words around every mention) and gives it probabilities of being a person, an
organisation, a place or no name at all. ``relabel`` changes the kind of a name of two or more
words only when the model is sure of another kind (``presslens/models/entity-kinds.md``; rebuilt
by ``training/train_entity_kinds.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from presslens.extract import cues
from presslens.extract.name_forms import POSSESSIVE, described_as_organisation, described_as_person
from presslens.lexicon import speakers as lexicon
from presslens.lexicon.labels import ENTITY_KINDS
from presslens.lexicon.names import FEMALE_NAMES, MALE_NAMES, ORG_SUFFIXES, ROMANCE_NAME_JOINTS, SURNAMES_TOO
from presslens.nlp import is_english_word
from presslens.schema import Entity

__all__ = ["KINDS", "KindModel", "chosen_kind", "entity_features", "feature_matrix", "load_kind_model", "relabel"]

MODEL_DIR = Path(__file__).resolve().parents[1] / "models"
STEM = "entity-kinds"
FORMAT = "presslens-entity-kinds/1"
KINDS = ("person", "organization", "place", "other")  # the model's classes, in column order


def _spans(doc: Doc, entity: Entity) -> list[SpacySpan]:
    out = []
    for m in entity.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append(span)
    return out


def _name_features(name: str) -> set[str]:
    words = [w for w in name.split() if w.lower() != "the"]
    if not words:
        return {"words:0"}
    lower = [w.lower().strip(".,") for w in words]
    out = {f"words:{min(len(words), 4)}"}
    first, last = lower[0], lower[-1]
    male, female = first in MALE_NAMES, first in FEMALE_NAMES
    if male or female:
        out.add("first:given" + ("" if male != female else ":either"))
    if first in SURNAMES_TOO:
        out.add("first:surname_too")
    if len(words) > 1 and (last in MALE_NAMES or last in FEMALE_NAMES):
        out.add("last:given")
    if last in lexicon.BODY_NAME_ENDINGS:
        out.add("last:body_ending")
    elif any(w in lexicon.BODY_NAME_ENDINGS for w in lower):
        out.add("any:body_ending")
    if last in lexicon.PLACE_NAME_ENDINGS:
        out.add("last:place_ending")
    if last in ORG_SUFFIXES:
        out.add("last:org_suffix")
    if any(w in ("of", "for", "and", "&") for w in lower):
        out.add("has:of_and")
    if any(w in ROMANCE_NAME_JOINTS for w in lower[1:-1]):
        out.add("has:romance_joint")
    letters = "".join(c for c in name if c.isalpha())
    if letters.isupper():
        out.add("caps:acronym" if len(words) == 1 and len(letters) <= 6 else "caps:all")
    if any("-" in w.strip("-") and w[:1].isupper() for w in words):
        out.add("hyphen")
    if any(c.isdigit() for c in name):
        out.add("digit")
    english = sum(is_english_word(w) for w in words)
    out.add("english:all" if english == len(words) else "english:none" if english == 0 else "english:some")
    if any(w in cues.PERSON_ROLE_NOUNS for w in lower):
        out.add("role_word:person")
    if any(w in cues.ORG_ROLE_NOUNS for w in lower):
        out.add("role_word:org")
    return out


def _context_features(span: SpacySpan) -> set[str]:
    doc, out = span.doc, set()
    label = span[-1].ent_type_ or span.root.ent_type_
    out.add(f"ner:{label}" if label in ENTITY_KINDS else "ner:none" if not label else "ner:other")
    before = doc[span.start - 1] if span.start else None
    if before is not None:
        word = before.lower_.rstrip(".")
        if word in lexicon.HONORIFIC_GENDER:
            out.add("prev:honorific")
        elif word in cues.TITLES or word in cues.PERSON_ROLE_NOUNS:
            out.add("prev:title")
        elif word == "the":
            out.add("prev:the")
        elif word in lexicon.PLACE_PREPOSITIONS:
            out.add("prev:place_preposition")
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None:
        if after.text in POSSESSIVE[:2]:  # "'s", not a bare apostrophe
            out.add("next:possessive")
        elif after.lemma_ in cues.SPEECH_VERBS or after.lemma_ == "say":
            out.add("next:speech_verb")
        elif after.text == "," and span.end + 1 < len(doc):
            word = doc[span.end + 1].lower_
            if word == "who":
                out.add("next:who")
            elif word in ("which", "that"):
                out.add("next:which")
            elif doc[span.end + 1].like_num:
                out.add("next:age")
    if described_as_person(span):
        out.add("appos:person")
    if described_as_organisation(span):
        out.add("appos:org")
    root = span.root
    # an apposition on either side: "Desrosiers, the firm's lawyer," / "the firm's lawyer, Desrosiers"
    nouns = [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
    if root.dep_ == "appos" and root.head.i < span.start:
        nouns.append(root.head)
    for noun in nouns:
        lemma = noun.lemma_.lower()
        if lemma in cues.PERSON_ROLE_NOUNS or lemma.endswith(lexicon.PERSON_NOUN_SUFFIXES):
            out.add("appos_noun:person")
        elif lemma in cues.ORG_ROLE_NOUNS:
            out.add("appos_noun:org")
    if root.dep_ in ("nsubj", "nsubjpass") and (root.head.lemma_ in cues.SPEECH_VERBS or root.head.lemma_ == "say"):
        out.add("subject_of_speech")
    if root.dep_ == "poss":
        out.add("dep:poss")
    elif root.dep_ == "pobj":
        out.add("dep:pobj")
    elif root.dep_ == "compound":
        out.add("dep:compound")
    return out


def entity_features(doc: Doc, entity: Entity, person_words: set[str]) -> dict[str, float]:
    """Features of one entity: its name's form, and over its mentions the share with each
    context feature. ``person_words`` are the words of the names the NER tags as people's."""
    spans = _spans(doc, entity)
    out: dict[str, float] = dict.fromkeys(_name_features(entity.name), 1.0)
    out[f"rule:{entity.kind}"] = 1.0
    out[f"mentions:{min(len(spans), 3)}"] = 1.0
    for span in spans:
        for f in _context_features(span):
            out[f] = out.get(f, 0.0) + 1.0 / len(spans)
    last = entity.name.split()[-1] if entity.name.split() else ""
    if len(entity.name.split()) > 1 and last in person_words:
        out["last_word:person_name"] = 1.0
    return out


def person_name_words(doc: Doc) -> set[str]:
    """The words of the spans the NER tags PERSON."""
    return {t.text for ent in doc.ents if ent.label_ == "PERSON" for t in ent}


def feature_matrix(rows: list[dict[str, float]], features: dict[str, int]) -> np.ndarray:
    """Feature rows as a dense matrix with a column per known feature (others are left out)."""
    x = np.zeros((len(rows), len(features)), dtype=np.float32)
    for i, row in enumerate(rows):
        for name, value in row.items():
            j = features.get(name)
            if j is not None:
                x[i, j] = value
    return x


@dataclass(slots=True)
class KindModel:
    """A multinomial logistic regression over named features: ``softmax(x @ weights + bias)``."""

    features: dict[str, int]
    weights: np.ndarray  # (features, kinds)
    bias: np.ndarray  # (kinds,)
    threshold: float  # probability another kind needs before it replaces the rules' kind
    meta: dict

    def probabilities(self, rows: list[dict[str, float]]) -> np.ndarray:
        z = feature_matrix(rows, self.features) @ self.weights + self.bias
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def save(self, directory: Path = MODEL_DIR, stem: str = STEM) -> None:
        np.savez(directory / f"{stem}.npz", weights=self.weights.astype(np.float32), bias=self.bias.astype(np.float32))
        names = sorted(self.features, key=self.features.__getitem__)
        meta = {**self.meta, "format": FORMAT, "kinds": list(KINDS), "features": names, "threshold": self.threshold}
        (directory / f"{stem}.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: Path = MODEL_DIR, stem: str = STEM) -> KindModel:
        meta = json.loads((directory / f"{stem}.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT or tuple(meta.get("kinds", ())) != KINDS:
            raise ValueError(f"{stem}.json has format {meta.get('format')!r}, expected {FORMAT!r}")
        with np.load(directory / f"{stem}.npz") as data:
            weights, bias = data["weights"].astype(np.float32), data["bias"].astype(np.float32)
        features = {name: i for i, name in enumerate(meta["features"])}
        if weights.shape != (len(features), len(KINDS)):
            raise ValueError(f"{stem}.npz does not fit {len(features)} features")
        return cls(features, weights, bias, float(meta["threshold"]), meta)


@lru_cache(maxsize=1)
def load_kind_model() -> KindModel:
    """The shipped model, loaded once per process."""
    return KindModel.load()


def chosen_kind(kind: str, name: str, p: np.ndarray, threshold: float) -> str:
    """The kind an entity named ``name`` ends with: the rules' ``kind``, or the person, organisation or
    place the model's probabilities ``p`` are sure of. A one-word name keeps the rules' kind: alone,
    "France" or "Kyiv" says too little of what it names. The model's "no name" keeps it too:
    dropping an entity would lose its statements."""
    best = int(p[:3].argmax())
    if kind not in KINDS[:3] or len(name.split()) < 2 or KINDS[best] == kind or p[best] < threshold:
        return kind
    return KINDS[best]


def relabel(doc: Doc, entities: list[Entity], model: KindModel | None = None) -> None:
    """Give each person, organisation or place the kind ``chosen_kind`` picks ("Philippe-Olivier
    Desrosiers" tagged an organisation becomes a person)."""
    candidates = [e for e in entities if e.kind in KINDS[:3] and len(e.name.split()) > 1]
    if not candidates:
        return
    model = model or load_kind_model()
    words = person_name_words(doc)
    probs = model.probabilities([entity_features(doc, e, words) for e in candidates])
    for entity, p in zip(candidates, probs, strict=True):
        entity.kind = chosen_kind(entity.kind, entity.name, p, model.threshold)
