"""Every environment variable presslens reads (or sets), in one table: name, type, default, help.

A command-line option, where there is one, wins over its variable; the variable wins over the
default. Read a value with ``get``::

    >>> from presslens import settings
    >>> settings.get(settings.MAX_RECORD_MB)
    10.0

An empty or unset variable means the default; a value that does not parse raises
``SettingError`` (a ``ValueError``) naming the variable. ``SETTINGS`` lists them all, in the
order ``presslens settings`` shows them (docs/settings.md has the same table).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["SETTINGS", "Setting", "SettingError", "current", "default", "get", "setting"]

FRAMING_MODEL = "PRESSLENS_FRAMING_MODEL"
CLAIMS_MODEL = "PRESSLENS_CLAIMS_MODEL"
ENCODER_THREADS = "PRESSLENS_ENCODER_THREADS"
CACHE = "PRESSLENS_CACHE"
MAX_RECORD_MB = "PRESSLENS_MAX_RECORD_MB"
MAX_DECOMPRESSED_MB = "PRESSLENS_MAX_DECOMPRESSED_MB"
DB = "PRESSLENS_DB"
SERVE_DB = "PRESSLENS_SERVE_DB"
SERVE_ALLOWED_HOSTS = "PRESSLENS_SERVE_ALLOWED_HOSTS"
SERVE_THREADS = "PRESSLENS_SERVE_THREADS"
SERVE_SERVER_HEADERS = "PRESSLENS_SERVE_SERVER_HEADERS"
SERVE_CACHE_MB = "PRESSLENS_SERVE_CACHE_MB"
NUMERIC_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")

FRAMING_MODELS = ("base", "minilm", "mpnet")
DEFAULT_RECORD_MB = 10.0
DEFAULT_DECOMPRESSED_MB = 20_000.0


class SettingError(ValueError):
    """An environment variable holds a value its setting cannot take."""


Parser = Callable[[str, str], Any]  # (variable name, stripped raw value) -> typed value


@dataclass(frozen=True, slots=True)
class Setting:
    """One environment variable: its type, default (a value or a function of none), help and CLI option."""

    name: str
    type: str
    default: Any
    help: str
    parse: Parser
    option: str | None = None  # the command-line option that overrides it
    shown_default: str | None = None  # how the default is shown when it is computed
    internal: bool = False  # set by presslens itself for its own worker processes

    def default_value(self) -> Any:
        """The default, computed now when it is a function."""
        return self.default() if callable(self.default) else self.default

    def default_text(self) -> str:
        """The default as shown to people."""
        if self.shown_default is not None:
            return self.shown_default
        return _show(self.default_value())


def _text(_name: str, raw: str) -> str:
    return raw


def _path(_name: str, raw: str) -> Path:
    return Path(raw)


def _framing_model(name: str, raw: str) -> str:
    chosen = raw.lower()
    if chosen not in FRAMING_MODELS:
        raise SettingError(f"unknown {name} {chosen!r}; choose from {', '.join(FRAMING_MODELS)}")
    return chosen


def _claims_model(name: str, raw: str) -> str:
    from presslens.extract.checkworthy import MODEL_NAMES

    chosen = raw.lower()
    if chosen not in MODEL_NAMES:
        raise SettingError(f"unknown {name} {chosen!r}; choose from {', '.join(MODEL_NAMES)}")
    return chosen


def _positive_int(name: str, raw: str) -> int:
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    raise SettingError(f"{name}={raw!r} is not a positive whole number")


def _megabytes(name: str, raw: str) -> float:
    try:
        mb = float(raw)
    except ValueError:
        raise SettingError(f"{name}={raw!r} is not a number of megabytes") from None
    if mb <= 0:
        raise SettingError(f"{name}={raw!r} must be more than 0")
    return mb


def _flag(name: str, raw: str) -> bool:
    if raw.lower() in ("1", "true", "yes"):
        return True
    if raw.lower() in ("0", "false", "no"):
        return False
    raise SettingError(f"{name}={raw!r} is not 1 or 0")


def _host_list(_name: str, raw: str) -> list[str]:
    return [host for host in raw.split(",") if host]


def _cache_root() -> Path:
    return Path.home() / ".cache" / "presslens"


SETTINGS: tuple[Setting, ...] = (
    Setting(
        FRAMING_MODEL,
        "choice",
        "base",
        "Framing span model: base, minilm (needs the encoder extra) or "
        "mpnet (needs the all-mpnet-base-v2 parts). Installed encoders run only when named.",
        _framing_model,
        option="--framing-model",
    ),
    Setting(
        CLAIMS_MODEL,
        "choice",
        "base",
        "Check-worthiness model: base, or minilm (needs the encoder extra; "
        "slower: it encodes every candidate sentence). Installed encoders run only when named.",
        _claims_model,
        option="--claims-model",
    ),
    Setting(
        ENCODER_THREADS,
        "int",
        None,
        "Threads of the framing encoder's ONNX session in each process.",
        _positive_int,
        shown_default="1 in a worker process, else one per core up to 4",
    ),
    Setting(
        CACHE,
        "path",
        _cache_root,
        "Folder where downloaded or unpacked model files are kept (all-mpnet-base-v2 is unpacked under it).",
        _path,
        shown_default="~/.cache/presslens",
    ),
    Setting(
        MAX_RECORD_MB,
        "float",
        DEFAULT_RECORD_MB,
        "Largest document read (a file, a JSONL line, a WARC payload, stdin), in MB after decompression.",
        _megabytes,
        option="--max-record-mb",
    ),
    Setting(
        MAX_DECOMPRESSED_MB,
        "float",
        DEFAULT_DECOMPRESSED_MB,
        "Most bytes read from one compressed file or archive after decompression, in MB.",
        _megabytes,
        option="--max-decompressed-mb",
    ),
    Setting(
        DB,
        "path",
        None,
        "The corpus database of ingest, speakers, quotes and the other corpus commands.",
        _path,
        option="--db",
    ),
    Setting(
        SERVE_DB, "path", None, "Database each `presslens serve` worker process opens.", _path, internal=True
    ),
    Setting(
        SERVE_ALLOWED_HOSTS,
        "list",
        [],
        "Host header values the served app accepts, comma-separated (empty: any).",
        _host_list,
        internal=True,
    ),
    Setting(
        SERVE_THREADS,
        "int",
        1,
        "DuckDB threads of each `presslens serve` worker process.",
        _positive_int,
        option="--threads",
        internal=True,
    ),
    Setting(
        SERVE_SERVER_HEADERS,
        "bool",
        False,
        "1 when the HTTP server adds the security headers itself.",
        _flag,
        internal=True,
    ),
    Setting(
        SERVE_CACHE_MB,
        "float",
        None,
        "Cache memory of each `presslens serve` worker process, in MB.",
        _megabytes,
        option="--cache-mb",
        internal=True,
        shown_default="128 + 64 MB",
    ),
    *(
        Setting(
            var,
            "int",
            1,
            "Threads of a numeric library per process; presslens sets 1 when unset, so "
            "worker processes scale.",
            _positive_int,
        )
        for var in NUMERIC_THREAD_VARS
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def setting(name: str) -> Setting:
    """The Setting called ``name``; KeyError for a name presslens does not know."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"no setting {name!r}; see presslens.settings.SETTINGS") from None


def default(name: str) -> Any:
    """The default value of setting ``name``."""
    return setting(name).default_value()


def get(name: str, environ: Mapping[str, str] | None = None) -> Any:
    """The typed value of ``name`` from ``environ`` (default: ``os.environ``), else its default.

    Raises SettingError when the variable holds a value that does not parse.
    """
    entry = setting(name)
    raw = (os.environ if environ is None else environ).get(name, "").strip()
    return entry.parse(name, raw) if raw else entry.default_value()


def current(environ: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Every setting with its current value, where it comes from and any error, for ``presslens settings``."""
    env = os.environ if environ is None else environ
    rows = []
    for entry in SETTINGS:
        row: dict[str, Any] = {
            "name": entry.name,
            "type": entry.type,
            "default": entry.default_text(),
            "option": entry.option,
            "internal": entry.internal,
            "help": entry.help,
            "source": "environment" if env.get(entry.name, "").strip() else "default",
            "error": None,
        }
        try:
            row["value"] = _show(get(entry.name, env))
        except SettingError as exc:
            row["value"] = env.get(entry.name, "")
            row["error"] = str(exc)
        rows.append(row)
    return rows


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list):
        return ",".join(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
