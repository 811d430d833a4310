"""The learned mention-ranking model: a small network over (mention, candidate) features, in numpy,
and the one case where its answer below the threshold stands (``ResolverModel.accepts``).

Weights live in ``presslens/models/speaker-resolver.npz`` with a JSON side file naming the features
they were trained on, the decision threshold and the training figures (model card:
``presslens/models/speaker-resolver.md``; rebuilt by ``training/train_speaker_resolver.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import ClassVar, Self

import numpy as np

from presslens.extract.speakers.features import FEATURES, Anaphor, candidates, gender_of, pair_features
from presslens.extract.speakers.graph import EntityGraph, Node

MODEL_DIR = Path(__file__).resolve().parents[2] / "models"
STEM = "speaker-resolver"
FORMAT = "presslens-speaker-resolver/1"
# The lowest probability at which a "he" or "she"'s one candidate of its gender is taken (below the
# fitted threshold; session 25, docs/speakers.md).
SOLE_FLOOR = 0.1


class ModelFormatError(ValueError):
    """The model file does not match this version of presslens."""


@dataclass(slots=True)
class ResolverModel:
    """A pair's probability: ``sigmoid(relu(x @ hidden + hidden_bias) @ weights + bias)``.

    With no hidden layer (``hidden`` is None) it is a plain logistic regression over the features.
    A candidate is taken at or above ``threshold``. A subclass with its own ``format``,
    ``feature_names``, ``stem`` and ``rebuild`` script is another model of the same kind
    (``unnamed.UnnamedModel``).
    """

    format: ClassVar[str] = FORMAT
    feature_names: ClassVar[tuple[str, ...]] = FEATURES
    stem: ClassVar[str] = STEM
    rebuild: ClassVar[str] = "training/train_speaker_resolver.py"

    weights: np.ndarray
    bias: float
    threshold: float
    meta: dict
    hidden: np.ndarray | None = None
    hidden_bias: np.ndarray | None = None

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        if x.shape[0] == 0:
            return np.zeros(0, dtype=np.float32)
        if self.hidden is not None:
            x = np.maximum(x @ self.hidden + self.hidden_bias, 0.0)
        z = x @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def best(self, graph: EntityGraph, *readings: Anaphor) -> tuple[Node | None, float]:
        """The candidate this model finds likeliest over one or more readings of a mention (``"The
        41-year-old"`` as "he" and as "she"), with its probability; (None, 0.0) when none has one."""
        node, p = None, 0.0
        for anaphor in readings:
            found = candidates(graph, anaphor)
            if found:
                probs = self.probabilities(pair_features(graph, anaphor, found))
                if probs.max() > p:
                    node, p = found[int(probs.argmax())][0], float(probs.max())
        return node, p

    def accepts(self, graph: EntityGraph, anaphor: Anaphor, node: Node, p: float) -> bool:
        """Whether ``node`` at probability ``p`` is the answer: at the threshold, or at ``SOLE_FLOOR`` when
        it is the one person of a "he" or "she"'s gender in reach (a parse the features read badly)."""
        return p >= self.threshold or (p >= SOLE_FLOOR and sole_of_gender(graph, anaphor, node))

    def save(self, directory: Path = MODEL_DIR, stem: str | None = None) -> None:
        stem = stem or self.stem
        arrays = {"weights": self.weights.astype(np.float32), "bias": np.float32(self.bias)}
        if self.hidden is not None and self.hidden_bias is not None:
            arrays |= {"hidden": self.hidden.astype(np.float32), "hidden_bias": self.hidden_bias.astype(np.float32)}
        np.savez(directory / f"{stem}.npz", **arrays)
        meta = {**self.meta, "format": self.format, "features": list(self.feature_names), "threshold": self.threshold}
        (directory / f"{stem}.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: Path = MODEL_DIR, stem: str | None = None) -> Self:
        stem = stem or cls.stem
        meta = json.loads((directory / f"{stem}.json").read_text(encoding="utf-8"))
        if meta.get("format") != cls.format:
            raise ModelFormatError(f"{stem}.json has format {meta.get('format')!r}, expected {cls.format!r}")
        if tuple(meta.get("features", ())) != cls.feature_names:
            raise ModelFormatError(f"{stem}.json was trained on other features; rebuild it with {cls.rebuild}")
        with np.load(directory / f"{stem}.npz") as data:
            weights = data["weights"].astype(np.float32)
            bias = float(data["bias"])
            hidden = data["hidden"].astype(np.float32) if "hidden" in data else None
            hidden_bias = data["hidden_bias"].astype(np.float32) if "hidden_bias" in data else None
        n = len(cls.feature_names)
        inputs = n if hidden is None else hidden.shape[1]
        if (hidden is not None and hidden.shape[0] != n) or weights.shape != (inputs,):
            raise ModelFormatError(f"{stem}.npz does not fit {n} features")
        return cls(weights, bias, float(meta["threshold"]), meta, hidden, hidden_bias)


@lru_cache(maxsize=1)
def load_model() -> ResolverModel:
    """The shipped model, loaded once per process."""
    return ResolverModel.load()


def sole_of_gender(graph: EntityGraph, anaphor: Anaphor, node: Node) -> bool:
    """Whether ``node`` is the one person among a "he" or "she"'s candidates known to be of its gender,
    and no candidate is a person of unknown gender."""
    gender = gender_of(anaphor)
    if anaphor.type not in ("he", "she") or node.gender != gender:
        return False
    people = [n for n, _, _ in candidates(graph, anaphor) if n.kind == "person" and n.gender in (None, gender)]
    return bool(people) and all(n is node for n in people)
