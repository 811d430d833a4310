"""``presslens analyze``: who said what in one or more articles."""

from __future__ import annotations

import contextlib
import json
import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from presslens.cli import app, fail, stderr
from presslens.cli.options import (
    DEFAULT_DECOMPRESSED,
    DEFAULT_EXTRACT,
    DEFAULT_MAX_CHARS,
    DEFAULT_RECORD,
    DEFAULT_TIME_LIMIT,
    DEFAULT_TIME_LIMIT_MAX,
    ClaimsModelOption,
    ExtractOption,
    FramingModelOption,
    MaxCharsOption,
    MaxDecompressedMbOption,
    MaxRecordMbOption,
    TimeLimitMaxOption,
    TimeLimitOption,
    analysis_options,
    iso_date,
    read_limits,
    settle_claims_model,
)
from presslens.engines.local import run_local
from presslens.engines.progress import NullReporter, Reporter, RichReporter, RunStats
from presslens.report import render_report
from presslens.schema import Analysis, Article, InputError
from presslens.sources import iter_articles


class Format(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


@app.command()
def analyze(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files (.txt, .html, .jsonl, .warc), folders, http(s) URLs, or - for stdin.",
            show_default=False,
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD); overrides the page's own.", callback=iso_date),
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name; overrides the page's own.")] = None,
    title: Annotated[str | None, typer.Option(help="Title; overrides the page's own.")] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="text (readable report; default on a terminal), json (the record contract; an array for several inputs) or jsonl (one object per input; default when piped).",
        ),
    ] = None,
    extract: ExtractOption = DEFAULT_EXTRACT,
    time_limit: TimeLimitOption = DEFAULT_TIME_LIMIT,
    time_limit_max: TimeLimitMaxOption = DEFAULT_TIME_LIMIT_MAX,
    framing_model: FramingModelOption = None,
    claims_model: ClaimsModelOption = None,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    max_record_mb: MaxRecordMbOption = DEFAULT_RECORD,
    max_decompressed_mb: MaxDecompressedMbOption = DEFAULT_DECOMPRESSED,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes, each loading the model once.")] = 1,
) -> None:
    """Analyse articles: attributions with resolved speakers, entities, dates, claims and framing.

    Exits 1 when any input could not be analysed (one line on stderr per bad input); the rest are still reported.
    """
    options = analysis_options(extract, time_limit, time_limit_max, framing_model, max_chars, claims_model)
    try:
        options = settle_claims_model(options)
    except (RuntimeError, ValueError) as exc:  # a named check-worthiness model without its extra
        raise fail(str(exc)) from None
    limits = read_limits(max_record_mb, max_decompressed_mb)
    overrides = {k: v for k, v in {"published": published, "outlet": outlet, "title": title}.items() if v}
    fmt = fmt or (Format.text if sys.stdout.isatty() else Format.jsonl)
    items = (_override(item, overrides) for item in iter_articles(inputs, limits=limits))
    out = Console(highlight=False, soft_wrap=fmt != Format.text)
    stats = RunStats(total=_count(inputs))
    reporter = _reporter(stats)
    failures = 0
    collected: list[dict] = []
    reporter.start(stats)
    # closing(): whatever ends the loop (an error, Ctrl-C, a closed pipe), the worker processes end with it.
    try:
        with contextlib.closing(run_local(items, workers=workers, options=options)) as results:
            for result in results:
                stats.done += 1
                if isinstance(result, InputError):
                    failures += 1
                    stats.errors += 1
                    reporter.update(stats)
                    stderr.print(f"[bold red]presslens: error:[/] {escape(str(result))}")
                    continue
                stats.analysed += 1
                reporter.update(stats)
                for warning in result.warnings:
                    stderr.print(
                        f"[yellow]presslens: warning:[/] {escape(result.article.origin or '')}: "
                        f"{escape(warning)}"
                    )
                _emit(result, fmt, out, collected)
    except RuntimeError as exc:  # e.g. the spaCy model or a framing encoder is missing
        raise fail(str(exc)) from None
    finally:
        reporter.finish(stats)
    if fmt == Format.json:
        payload = collected[0] if len(collected) == 1 and len(inputs) == 1 else collected
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    if failures:
        raise typer.Exit(1)


def _count(inputs: list[str]) -> int | None:
    from presslens.ingest import count_documents

    try:
        return count_documents(inputs)
    except OSError:
        return None


def _reporter(stats: RunStats) -> Reporter:
    """A progress bar on stderr when it is a terminal and there is more than one document; else nothing."""
    if not stderr.is_terminal or stats.total == 1:
        return NullReporter()
    return RichReporter(stderr, label="analyze", transient=True, redirect_stdout=sys.stdout.isatty())


def record_of(result: Analysis) -> dict:
    """The JSON record of one result, with ``input`` first: the path, URL or ``-`` it was read from."""
    origin = result.article.origin
    return {"input": "-" if origin == "<stdin>" else origin, **result.to_dict()}


def _override(item: Article | InputError, overrides: dict[str, str]) -> Article | InputError:
    if isinstance(item, Article):
        for key, value in overrides.items():
            setattr(item, key, value)
    return item


def _emit(result: Analysis, fmt: Format, out: Console, collected: list[dict]) -> None:
    if fmt == Format.json:
        collected.append(record_of(result))
    elif fmt == Format.jsonl:
        sys.stdout.write(json.dumps(record_of(result), ensure_ascii=False) + "\n")
        sys.stdout.flush()
    else:
        render_report(result, out)
