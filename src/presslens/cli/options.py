"""Option parsing shared by the commands: dates, extractor lists, the analysis and the reading options."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from presslens import settings
from presslens.extract.checkworthy import MODEL_NAMES as CLAIMS_MODELS
from presslens.pipeline import ALL_EXTRACTORS, MAX_CHARS, TIME_LIMIT_MAX_S, Options
from presslens.sources.limits import ReadLimits


def iso_date(value: str | None) -> str | None:
    """Typer callback: a YYYY-MM-DD day, normalised, or a clear usage error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def parse_extractors(value: str) -> tuple[str, ...]:
    """The extractor names of a comma-separated list, refusing unknown ones."""
    names = tuple(x.strip() for x in value.split(",") if x.strip())
    unknown = [n for n in names if n not in ALL_EXTRACTORS]
    if unknown:
        raise typer.BadParameter(
            f"unknown extractor(s) {', '.join(unknown)}; choose from {', '.join(ALL_EXTRACTORS)}"
        )
    return names


class FramingModel(StrEnum):
    """The names of ``presslens.settings.FRAMING_MODELS``."""

    base = "base"
    minilm = "minilm"
    mpnet = "mpnet"


ClaimsModel = StrEnum("ClaimsModel", {name: name for name in CLAIMS_MODELS})  # base, minilm


ExtractOption = Annotated[str, typer.Option(help="Comma-separated extractors to run.")]
TimeLimitOption = Annotated[
    float,
    typer.Option(
        "--time-limit",
        min=0,
        metavar="SECONDS",
        help="CPU time allowed per document, plus 2 s per 10,000 characters (up to --time-limit-max); a "
        "document that needs more is reported as an error and the run goes on. Time spent waiting for "
        "a busy CPU does not count. 0 turns the limit off.",
    ),
]
TimeLimitMaxOption = Annotated[
    float,
    typer.Option(
        "--time-limit-max",
        min=0,
        metavar="SECONDS",
        help="Ceiling of the per-document time limit, whatever the document's length (0: no ceiling).",
    ),
]
FramingModelOption = Annotated[
    FramingModel | None,
    typer.Option(
        "--framing-model",
        envvar=settings.FRAMING_MODEL,
        show_default=settings.default(settings.FRAMING_MODEL),
        help="Framing span model: base (fast, the default), minilm (needs the encoder extra; about 2x the "
        "analysis time) or mpnet (needs the all-mpnet-base-v2 parts; about 5x). Installed encoders are "
        "used only when named here or in the variable.",
    ),
]
ClaimsModelOption = Annotated[
    ClaimsModel | None,
    typer.Option(
        "--claims-model",
        envvar=settings.CLAIMS_MODEL,
        show_default=settings.default(settings.CLAIMS_MODEL),
        help="Check-worthiness model: base (the default), or minilm (needs the encoder extra; slower: it "
        "encodes every candidate sentence). Installed encoders are used only when named here or in the "
        "variable.",
    ),
]
MaxCharsOption = Annotated[
    int,
    typer.Option(
        "--max-chars",
        min=0,
        metavar="N",
        help="Longest text analysed as one document, in characters (parsing takes about 0.8 MB of memory per "
        "1,000 characters); longer ones are reported as errors. 0: no limit.",
    ),
]
MaxRecordMbOption = Annotated[
    float,
    typer.Option(
        "--max-record-mb",
        min=0.001,
        metavar="MB",
        envvar=settings.MAX_RECORD_MB,
        help="Largest document read: a file, a JSONL line, a WARC payload or stdin, in MB after "
        "decompression. Larger ones are reported as errors and skipped while streaming.",
    ),
]
MaxDecompressedMbOption = Annotated[
    float,
    typer.Option(
        "--max-decompressed-mb",
        min=0.001,
        metavar="MB",
        envvar=settings.MAX_DECOMPRESSED_MB,
        help="Most bytes read from one compressed file or archive (.gz, .bz2, .xz, .warc) after "
        "decompression; the rest of the file is reported as an error.",
    ),
]
DEFAULT_EXTRACT = ",".join(ALL_EXTRACTORS)
DEFAULT_TIME_LIMIT = Options().time_limit_s or 0.0
DEFAULT_TIME_LIMIT_MAX = TIME_LIMIT_MAX_S
DEFAULT_MAX_CHARS = MAX_CHARS
DEFAULT_RECORD: float = settings.default(settings.MAX_RECORD_MB)
DEFAULT_DECOMPRESSED: float = settings.default(settings.MAX_DECOMPRESSED_MB)


def analysis_options(
    extract: str,
    time_limit: float,
    time_limit_max: float = TIME_LIMIT_MAX_S,
    framing_model: str | None = None,
    max_chars: int = MAX_CHARS,
    claims_model: str | None = None,
) -> Options:
    """The pipeline options of the command-line flags."""
    return Options(
        extractors=parse_extractors(extract),
        time_limit_s=time_limit or None,
        time_limit_max_s=time_limit_max or None,
        framing_model=str(framing_model) if framing_model is not None else None,
        max_chars=max_chars or None,
        claims_model=str(claims_model) if claims_model is not None else None,
    )


def settle_claims_model(options: Options) -> Options:
    """``options`` with the check-worthiness model named and checked (without loading it) before any work.

    A named model that cannot run raises ``presslens.extract.claims.ClaimsModelUnavailable`` here,
    once, rather than in each worker process.
    """
    if "claims" not in options.extractors:
        return options
    from presslens.extract import claims

    return replace(options, claims_model=claims.require_model(options.claims_model))


def read_limits(record_mb: float, decompressed_mb: float) -> ReadLimits:
    """The readers' limits of ``--max-record-mb`` and ``--max-decompressed-mb``."""
    return ReadLimits.from_mb(record_mb, decompressed_mb)
