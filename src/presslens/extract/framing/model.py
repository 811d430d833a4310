"""The framing model files: the base model and the encoder heads, with their file I/O.

A model is ``<stem>.npz`` (arrays, no pickle) plus ``<stem>.json`` (settings and metadata). The
JSON's ``format`` says how to read the pair; :meth:`FramingModel.load` and :meth:`EncoderHead.load`
refuse any other format than the one their ``save`` writes. The metadata also holds a hash of the
word lists in :mod:`presslens.lexicon.framing` that the features read; loading warns when the
lists have changed since the model was trained.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from presslens.extract.framing.features import (
    LEX_COLUMNS,
    TokenTable,
    lexicon_values,
    stage2_features,
    standardise,
)
from presslens.lexicon.framing import WORD_LISTS

_log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parents[2] / "models"
MODEL_STEM = "framing"
ENCODER_STEM = "framing-encoder"
MPNET_STEM = "framing-mpnet"

BASE_FORMAT = 3  # the "format" that FramingModel.save writes (3: the word lexicon is stored)
HEAD_FORMAT = 1  # the "format" that EncoderHead.save writes
BASE_SCRIPT = "training/train_framing.py"
HEAD_SCRIPT = "training/train_framing_encoder.py"
WORD_LISTS_KEY = "word_lists_sha256"  # the metadata field holding word_lists_hash()
WORD_LISTS_FILE = "src/presslens/lexicon/framing.py"


class ModelFormatError(ValueError):
    """A model file written in another format than the one this code reads."""


def word_lists_hash() -> str:
    """SHA-256 of the framing word lists (:data:`presslens.lexicon.framing.WORD_LISTS`), order-free."""
    canonical = json.dumps({name: sorted(words) for name, words in WORD_LISTS.items()}, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def check_word_lists(meta: dict, path: Path, script: str) -> bool:
    """Whether the model whose metadata is ``meta`` was trained on the current word lists (else warn)."""
    stored = meta.get(WORD_LISTS_KEY)
    if stored == word_lists_hash():
        return True
    if stored is None:
        _log.warning("framing model %s records no hash of the framing word lists (%s), so it cannot be checked "
                     "against them; rerun %s to record one", path, WORD_LISTS_FILE, script)
    else:
        _log.warning("framing model %s was trained on other framing word lists than those in %s now; its weights "
                     "may no longer fit the features: rerun %s", path, WORD_LISTS_FILE, script)
    return False


def _write_settings(directory: Path, stem: str, settings: dict) -> None:
    """Write the JSON half of a model saved as ``<stem>.npz`` + ``<stem>.json``."""
    (directory / f"{stem}.json").write_text(json.dumps(settings, indent=1) + "\n", encoding="utf-8")


def _read_files(directory: Path, stem: str, expected: int, script: str) -> tuple[dict, dict[str, np.ndarray]]:
    """The settings and arrays of a model saved as ``<stem>.npz`` + ``<stem>.json`` (no pickle).

    Raises :class:`ModelFormatError` unless the JSON's ``format`` is ``expected``.
    """
    path = directory / f"{stem}.json"
    settings = json.loads(path.read_text(encoding="utf-8"))
    found = settings.get("format") if isinstance(settings, dict) else None
    if found != expected:
        raise ModelFormatError(f"{path} has format {found!r}, but this version of presslens reads format "
                               f"{expected}; rebuild the model with {script}")
    with np.load(directory / f"{stem}.npz", allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    check_word_lists(settings.get("meta") or {}, path, script)
    return settings, arrays


@dataclass(slots=True)
class FramingModel:
    """Weights of the SI tagger and the TC classifier, with the decoding thresholds.

    Stage 1 holds one row of hashed weights per token model (all techniques, then groups of
    techniques) and a last row for the sentence model, whose score is the mean over a
    sentence's tokens. Stage 2 is a logistic regression over standardised dense features.
    """

    si_bits: int
    si_w1: np.ndarray  # (k + 1, 2**si_bits): k token models and the sentence model
    si_b1: np.ndarray  # (k + 1,)
    si_w2: np.ndarray  # (d2,)
    si_b2: float
    si_mu2: np.ndarray  # (d2,) standardisation of stage-2 inputs
    si_sd2: np.ndarray
    high: float
    low: float
    gap: int  # decoding: kept runs of a sentence at most this many tokens apart are joined
    tc_bits: int
    tc_w: np.ndarray  # (classes, 2**tc_bits) weights of hashed span features
    tc_b: np.ndarray  # (classes,)
    techniques: tuple[str, ...]
    groups: tuple[str, ...]  # names of the stage-1 token models
    meta: dict
    # Word lexicon (see LEX_COLUMNS): sorted spaCy hashes of word forms and their values.
    # Empty for models built without it, which then use no lexicon features.
    lex_keys: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    lex_vals: np.ndarray = field(default_factory=lambda: np.zeros((0, len(LEX_COLUMNS)), dtype=np.float32))
    # Set when stage 2 also reads encoder vectors (the ``encoder`` extra, see EncoderHead).
    encoder: EncoderHead | None = None

    def lexicon(self, t: TokenTable) -> np.ndarray | None:
        """Lexicon columns of the tokens of ``t``, or ``None`` when the model has no lexicon."""
        return lexicon_values(t, self.lex_keys, self.lex_vals) if self.lex_keys.size else None

    def save(self, directory: Path, stem: str = MODEL_STEM) -> None:
        """Write ``<stem>.npz`` (weights, float16 for the hashed tables) and ``<stem>.json``."""
        directory.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            directory / f"{stem}.npz",
            si_w1=self.si_w1.astype(np.float16), si_b1=self.si_b1.astype(np.float32),
            si_w2=self.si_w2.astype(np.float32), si_mu2=self.si_mu2.astype(np.float32),
            si_sd2=self.si_sd2.astype(np.float32), tc_w=self.tc_w.astype(np.float16),
            tc_b=self.tc_b.astype(np.float32), lex_keys=self.lex_keys.astype(np.uint64),
            lex_vals=self.lex_vals.astype(np.float16),
        )
        settings = {
            "format": BASE_FORMAT, "si_bits": self.si_bits, "si_b2": self.si_b2, "high": self.high,
            "low": self.low, "gap": self.gap, "tc_bits": self.tc_bits, "techniques": list(self.techniques),
            "groups": list(self.groups), "meta": self.meta,
        }
        _write_settings(directory, stem, settings)

    @classmethod
    def load(cls, directory: Path = MODEL_DIR, stem: str = MODEL_STEM) -> FramingModel:
        """Read the two files written by :meth:`save` (no pickle involved); :class:`ModelFormatError` on another format."""
        settings, arr = _read_files(directory, stem, BASE_FORMAT, BASE_SCRIPT)
        return cls(
            si_bits=int(settings["si_bits"]), si_w1=arr["si_w1"].astype(np.float32),
            si_b1=arr["si_b1"].astype(np.float64), si_w2=arr["si_w2"].astype(np.float64),
            si_b2=float(settings["si_b2"]), si_mu2=arr["si_mu2"].astype(np.float64),
            si_sd2=arr["si_sd2"].astype(np.float64), high=float(settings["high"]),
            low=float(settings["low"]), gap=int(settings.get("gap", 0)), tc_bits=int(settings["tc_bits"]),
            tc_w=arr["tc_w"].astype(np.float32), tc_b=arr["tc_b"].astype(np.float64),
            techniques=tuple(settings["techniques"]),
            groups=tuple(settings["groups"]), meta=dict(settings.get("meta", {})),
            lex_keys=arr.get("lex_keys", np.zeros(0, dtype=np.uint64)).astype(np.uint64),
            lex_vals=arr.get("lex_vals", np.zeros((0, len(LEX_COLUMNS)))).astype(np.float32),
        )



_LAYER_KEY = "layer:"  # prefix of the fine-tuned encoder parameters in the head's .npz


@dataclass(slots=True)
class EncoderHead:
    """Stage 2 of an encoder variant: ``framing-mpnet.*`` (all-mpnet-base-v2, ``backbone="mpnet"``)
    or ``framing-encoder.*`` (all-MiniLM-L6-v2, the ``encoder`` extra).

    A token model (a linear function of the standardised encoder vector of each token) gives one
    more logit; stage 2 then reads the usual inputs, the context features of that logit
    (:func:`stage2_features`) and the vector itself, with its own weights and decoding settings.
    Stage 1 and technique classification are those of the base model. When ``layers`` holds
    fine-tuned parameters of the encoder's layers (see ``training/finetune_encoder.py``), the
    encoder runs with them and the token model is the fine-tuned tagger's head.
    """

    layer: int
    vocab: tuple[str, ...]  # WordPiece vocabulary of the encoder, in id order
    tok_w: np.ndarray  # (DIM,) token model
    tok_b: float
    tok_mu: np.ndarray  # (DIM,) standardisation of the vectors
    tok_sd: np.ndarray
    si_w2: np.ndarray  # stage 2 over [base inputs, token-model context, vector]
    si_b2: float
    si_mu2: np.ndarray
    si_sd2: np.ndarray
    high: float
    low: float
    gap: int
    meta: dict
    layers: dict[str, np.ndarray] = field(default_factory=dict, repr=False)  # fine-tuned encoder parameters
    backbone: str = "minilm"  # which encoder: "minilm" (ONNX) or "mpnet" (numpy; its vocabulary is its own)
    _runtime: object = field(default=None, repr=False, compare=False)

    def runtime(self):
        """The encoder, loaded on first use."""
        if self._runtime is None:
            if self.backbone == "mpnet":
                from presslens.extract.framing import mpnet

                self._runtime = mpnet.MPNet(self.layer)
            else:
                from presslens.extract.framing import encoder

                self._runtime = encoder.Encoder(self.vocab, self.layer, self.layers)
        return self._runtime

    def vectors(self, t: TokenTable, text: str) -> np.ndarray:
        """Encoder vector of every token of ``t``: shape (n, DIM)."""
        return table_vectors(self.runtime(), t, text)

    def inputs(self, vectors: np.ndarray, t: TokenTable) -> np.ndarray:
        """The columns this head adds to the base stage-2 inputs."""
        return encoder_inputs(standardise(vectors, self.tok_mu, self.tok_sd) @ self.tok_w + self.tok_b, vectors, t)

    def stage2_logits(self, base_inputs: np.ndarray, t: TokenTable, text: str) -> np.ndarray:
        """Stage-2 logit of every token, from the base stage-2 inputs and the encoder vectors."""
        x2 = np.hstack([base_inputs, self.inputs(self.vectors(t, text), t)])
        return standardise(x2, self.si_mu2, self.si_sd2) @ self.si_w2 + self.si_b2

    def save(self, directory: Path, stem: str = ENCODER_STEM) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            directory / f"{stem}.npz", vocab=np.array(self.vocab), tok_w=self.tok_w.astype(np.float32),
            tok_mu=self.tok_mu.astype(np.float32), tok_sd=self.tok_sd.astype(np.float32),
            si_w2=self.si_w2.astype(np.float32), si_mu2=self.si_mu2.astype(np.float32),
            si_sd2=self.si_sd2.astype(np.float32),
            **{_LAYER_KEY + k: v.astype(np.float16 if v.ndim == 2 else np.float32) for k, v in self.layers.items()},
        )
        settings = {"format": HEAD_FORMAT, "backbone": self.backbone, "layer": self.layer, "tok_b": self.tok_b,
                    "si_b2": self.si_b2, "high": self.high, "low": self.low, "gap": self.gap, "meta": self.meta}
        _write_settings(directory, stem, settings)

    @classmethod
    def load(cls, directory: Path = MODEL_DIR, stem: str = ENCODER_STEM) -> EncoderHead:
        settings, arr = _read_files(directory, stem, HEAD_FORMAT, HEAD_SCRIPT)
        return cls(
            layer=int(settings["layer"]), vocab=tuple(str(v) for v in arr["vocab"]),
            tok_w=arr["tok_w"].astype(np.float64), tok_b=float(settings["tok_b"]),
            tok_mu=arr["tok_mu"].astype(np.float64), tok_sd=arr["tok_sd"].astype(np.float64),
            si_w2=arr["si_w2"].astype(np.float64), si_b2=float(settings["si_b2"]),
            si_mu2=arr["si_mu2"].astype(np.float64), si_sd2=arr["si_sd2"].astype(np.float64),
            high=float(settings["high"]), low=float(settings["low"]), gap=int(settings["gap"]),
            meta=dict(settings.get("meta", {})),
            layers={k[len(_LAYER_KEY):]: v for k, v in arr.items() if k.startswith(_LAYER_KEY)},
            backbone=str(settings.get("backbone", "minilm")),
        )


def table_vectors(runtime, t: TokenTable, text: str) -> np.ndarray:
    """Vectors of the tokens of ``t`` from an ``encoder.Encoder``: shape (n, DIM)."""
    texts = [text[s:e] for s, e in zip(t.start.tolist(), t.end.tolist(), strict=True)]
    return runtime.vectors(texts, t.sent)


def encoder_inputs(logit: np.ndarray, vectors: np.ndarray, t: TokenTable) -> np.ndarray:
    """Stage-2 columns of the encoder head: context features of the token model's logit, then the vector."""
    return np.hstack([stage2_features(logit, t), vectors])


def with_encoder(model: FramingModel, head: EncoderHead) -> FramingModel:
    """``model`` whose span identification uses ``head`` (its own stage 2 stays as the fallback)."""
    return replace(model, encoder=head)

