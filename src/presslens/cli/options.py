"""Option parsing shared by the commands: dates, extractor lists and the analysis options."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from presslens.pipeline import ALL_EXTRACTORS, Options


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
        raise typer.BadParameter(f"unknown extractor(s) {', '.join(unknown)}; choose from {', '.join(ALL_EXTRACTORS)}")
    return names


ExtractOption = Annotated[str, typer.Option(help="Comma-separated extractors to run.")]
TimeLimitOption = Annotated[float, typer.Option(
    "--time-limit", min=0, metavar="SECONDS",
    help="Time allowed per document, plus 2 s per 10,000 characters; a document that takes longer is "
         "reported as an error and the run goes on. 0 turns the limit off.")]
DEFAULT_EXTRACT = ",".join(ALL_EXTRACTORS)
DEFAULT_TIME_LIMIT = Options().time_limit_s or 0.0


def analysis_options(extract: str, time_limit: float) -> Options:
    """The pipeline options of the command-line flags ``--extract`` and ``--time-limit``."""
    return Options(extractors=parse_extractors(extract), time_limit_s=time_limit or None)
