"""Reporting verbs the cue lexicon does not list, found by a model (the parc profile).

PolNeAR annotates attributions around hundreds of verbs that no fixed list holds ("rated", "likened",
"questioning", "talked about", "sings"), and it annotates the object of many listed verbs that the
rules read only with a clause ("discussed the deal", "offered a plan"). A logistic regression over a verb's lemma and its syntax
(what complements it takes, what its subject is, its tense and place in the sentence) decides
whether a verb outside the lexicon, or a listed verb with such an object (``unread_object``), is
a cue; the candidate is then built as for listed verbs. The
model (``models/reported-cues.*``, card ``reported-cues.md``) is trained by
``training/train_cue_model.py`` on PolNeAR train. Only the parc profile uses it: PolNeAR's
attributions include stances and evaluations that the speech profile leaves out. The model file
also holds the parts for nouns and adjectives (``learned_nouns``) and for content ends
(``learned_ends``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Token

from presslens.extract.attribution.learned_nouns import NOUN_FEATURES, noun_features
from presslens.lexicon import attribution as lexicon

__all__ = [
    "CueModel",
    "EndCues",
    "NounCues",
    "load_cue_model",
    "token_features",
    "unread_object",
    "STRUCTURE_FEATURES",
    "MODEL_DIR",
]

MODEL_DIR = Path(__file__).resolve().parents[2] / "models"
MODEL_NAME = "reported-cues"
FORMAT = 3  # 2: with the part for nouns and adjectives (``learned_nouns``); 3: and for content ends (``learned_ends``)

_TAG_FEATURES = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")
_DEP_FEATURES = ("ROOT", "ccomp", "advcl", "conj", "xcomp", "relcl", "acl", "pcomp", "parataxis")
_SUBJECT_FEATURES = ("PRON", "PROPN", "NOUN")
_SUBJECT_ENT_FEATURES = ("PERSON", "ORG", "NORP", "GPE")
# The fixed columns, before one column per known lemma.
STRUCTURE_FEATURES: tuple[str, ...] = (
    "bias",
    *(f"tag={t}" for t in _TAG_FEATURES),
    *(f"dep={d}" for d in _DEP_FEATURES),
    "dep=other",
    "ccomp",
    "ccomp_that",
    "xcomp",
    "xcomp_to",
    "dobj",
    "dobj_then_prep",
    *(f"prep={p}" for p in sorted(lexicon.CONTENT_PREPOSITIONS)),
    "no_subject",
    *(f"subject={s}" for s in _SUBJECT_FEATURES),
    *(f"subject_ent={e}" for e in _SUBJECT_ENT_FEATURES),
    "negated",
    "passive",
    "lemma=<other>",
)


def token_features(t: Token, lemma_index: dict[str, int]) -> list[int]:
    """Column indexes that are on for verb ``t`` (columns: ``STRUCTURE_FEATURES``, then the lemmas)."""
    on = ["bias", f"tag={t.tag_}"]
    on.append(f"dep={t.dep_}" if t.dep_ in _DEP_FEATURES else "dep=other")
    subject = None
    for c in t.children:
        dep = c.dep_
        if dep == "ccomp" and c.i > t.i:
            on.append("ccomp")
            if any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
                on.append("ccomp_that")
        elif dep == "xcomp" and c.i > t.i:
            on.append("xcomp")
            if any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                on.append("xcomp_to")
        elif dep == "dobj" and c.i > t.i:
            on.append("dobj")
            if any(p.dep_ == "prep" and p.i > c.i for p in t.children):
                on.append("dobj_then_prep")
        elif dep == "prep" and c.i > t.i and c.lower_ in lexicon.CONTENT_PREPOSITIONS:
            on.append(f"prep={c.lower_}")
        elif dep in ("nsubj", "nsubjpass") and subject is None:
            subject = c
        elif dep == "neg":
            on.append("negated")
        elif dep == "auxpass":
            on.append("passive")
    if subject is None:
        on.append("no_subject")
    else:
        if subject.pos_ in _SUBJECT_FEATURES:
            on.append(f"subject={subject.pos_}")
        if subject.ent_type_ in _SUBJECT_ENT_FEATURES:
            on.append(f"subject_ent={subject.ent_type_}")
    index = _STRUCTURE_INDEX
    cols = [index[name] for name in on if name in index]
    lemma = lemma_index.get(t.lemma_.lower())
    cols.append(len(STRUCTURE_FEATURES) + lemma if lemma is not None else index["lemma=<other>"])
    return cols


_STRUCTURE_INDEX = {name: i for i, name in enumerate(STRUCTURE_FEATURES)}


def unread_object(t: Token, objects: frozenset[int]) -> bool:
    """Whether listed cue verb ``t`` has an object that the rules never read as content.

    Its lemma is not among the profile's ``objects`` verbs and it takes an object but no clause or
    infinitive ("discussed the deal", "offered a plan", "released a statement"). The model decides
    these too: PolNeAR annotates about one in four of them as attributions with the object as content.
    """
    if t.lemma in objects:
        return False
    has_object = False
    for c in t.children:
        if c.dep_ in ("ccomp", "xcomp"):
            return False
        if c.dep_ == "dobj" and c.i > t.i:
            has_object = True
    return has_object


@dataclass(slots=True)
class NounCues:
    """The part for nouns and adjectives: weights over ``NOUN_FEATURES`` + one column per lemma."""

    lemmas: tuple[str, ...]
    weights: np.ndarray
    threshold: float
    lemma_index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.lemma_index = {lemma: i for i, lemma in enumerate(self.lemmas)}

    def probability(self, t: Token, kind: str) -> float:
        z = float(self.weights[noun_features(t, kind, self.lemma_index)].sum())
        return 1.0 / (1.0 + np.exp(-z))


@dataclass(slots=True)
class EndCues:
    """The part that ends contents: weights over ``names`` (feature names) and the threshold to stop."""

    names: tuple[str, ...]
    weights: np.ndarray
    threshold: float
    index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.index = {name: i for i, name in enumerate(self.names)}

    def stop_probability(self, names: list[str]) -> float:
        cols = [self.index[n] for n in names if n in self.index]
        z = float(self.weights[cols].sum()) if cols else 0.0
        return 1.0 / (1.0 + np.exp(-z))


@dataclass(slots=True)
class CueModel:
    """Weights over ``STRUCTURE_FEATURES`` + one column per lemma, the threshold for calling a verb a
    cue, the part for nouns and adjectives (``nouns``) and the one for content ends (``ends``; each
    None when absent)."""

    lemmas: tuple[str, ...]
    weights: np.ndarray
    threshold: float
    meta: dict = field(default_factory=dict)
    lemma_index: dict[str, int] = field(default_factory=dict)
    nouns: NounCues | None = None
    ends: EndCues | None = None

    def __post_init__(self) -> None:
        self.lemma_index = {lemma: i for i, lemma in enumerate(self.lemmas)}

    def probability(self, t: Token) -> float:
        z = float(self.weights[token_features(t, self.lemma_index)].sum())
        return 1.0 / (1.0 + np.exp(-z))

    def is_cue(self, t: Token) -> bool:
        return self.probability(t) >= self.threshold

    def is_noun_cue(self, t: Token, kind: str) -> bool:
        """Whether noun or adjective ``t`` with a complement of ``kind`` (``learned_nouns.complement``) is a cue."""
        return self.nouns is not None and self.nouns.probability(t, kind) >= self.nouns.threshold

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        arrays = {"weights": self.weights.astype(np.float32)}
        meta = {
            "format": FORMAT,
            "threshold": self.threshold,
            "structure": list(STRUCTURE_FEATURES),
            "lemmas": list(self.lemmas),
        }
        if self.nouns is not None:
            arrays["noun_weights"] = self.nouns.weights.astype(np.float32)
            meta |= {
                "noun_threshold": self.nouns.threshold,
                "noun_structure": list(NOUN_FEATURES),
                "noun_lemmas": list(self.nouns.lemmas),
            }
        if self.ends is not None:
            arrays["end_weights"] = self.ends.weights.astype(np.float32)
            meta |= {"end_threshold": self.ends.threshold, "end_features": list(self.ends.names)}
        np.savez(folder / f"{MODEL_NAME}.npz", **arrays)
        meta |= self.meta
        (folder / f"{MODEL_NAME}.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> CueModel:
        meta = json.loads((folder / f"{MODEL_NAME}.json").read_text(encoding="utf-8"))
        if (
            meta.get("format") not in (1, 2, FORMAT)
            or tuple(meta.get("structure", ())) != STRUCTURE_FEATURES
            or tuple(meta.get("noun_structure", NOUN_FEATURES)) != NOUN_FEATURES
        ):
            raise ValueError(
                f"{folder / MODEL_NAME}.json does not match this code's features (format {meta.get('format')!r}): "
                "rebuild it with training/train_cue_model.py"
            )
        arrays = np.load(folder / f"{MODEL_NAME}.npz")
        weights = arrays["weights"].astype(np.float32)
        nouns = None
        if "noun_weights" in arrays:
            nouns = NounCues(
                tuple(meta["noun_lemmas"]),
                arrays["noun_weights"].astype(np.float32),
                float(meta["noun_threshold"]),
            )
        ends = None
        if "end_weights" in arrays:
            ends = EndCues(
                tuple(meta["end_features"]),
                arrays["end_weights"].astype(np.float32),
                float(meta["end_threshold"]),
            )
        known = (
            "format",
            "threshold",
            "structure",
            "lemmas",
            "noun_threshold",
            "noun_structure",
            "noun_lemmas",
            "end_threshold",
            "end_features",
        )
        extra = {k: v for k, v in meta.items() if k not in known}
        return cls(tuple(meta["lemmas"]), weights, float(meta["threshold"]), extra, nouns=nouns, ends=ends)


@lru_cache(maxsize=1)
def load_cue_model() -> CueModel | None:
    """The shipped model, or None when its files are absent (then only listed verbs are cues)."""
    if not (MODEL_DIR / f"{MODEL_NAME}.json").exists():
        return None
    return CueModel.load(MODEL_DIR)
