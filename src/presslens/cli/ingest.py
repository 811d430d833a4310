"""``presslens ingest``: analyse articles into a corpus database, with their metadata."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from presslens import settings
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
from presslens.store import StoreError

SHOWN_UNUSED = 5


class Engine(StrEnum):
    local = "local"
    dask = "dask"


@app.command()
def ingest(
    inputs: Annotated[
        list[str],
        typer.Argument(
            show_default=False,
            help="Folders, files (.txt, .html, .jsonl[.gz], .warc[.gz]), quoted glob patterns, http(s) URLs, or - for stdin.",
        ),
    ],
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", envvar=settings.DB, help="The corpus database to create or add to (DuckDB file)."
        ),
    ] = None,
    outlet: Annotated[
        str | None, typer.Option(help="Outlet of every article of this run (overrides the documents' own).")
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) of every article of this run.", callback=iso_date),
    ] = None,
    title: Annotated[str | None, typer.Option(help="Title of every article of this run.")] = None,
    metadata: Annotated[
        Path | None,
        typer.Option(
            "--metadata",
            metavar="FILE",
            help="Per-article metadata: a CSV file with a header row (a path or id column, then any of title, outlet, published, author, url) or JSONL with the same keys. Wins over --outlet/--published/--title.",
        ),
    ] = None,
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="For articles already stored: store the metadata read now (title, outlet, author, url in place; a new publication date re-analyses the article), and replace an article whose file now holds other text.",
        ),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Worker processes (local engine) or LocalCluster workers (dask engine without --scheduler).",
        ),
    ] = 1,
    engine: Annotated[
        Engine, typer.Option(help="local: processes on this machine; dask: a dask.distributed cluster.")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Dask scheduler address, e.g. tcp://host:8786; default: a LocalCluster with --workers processes."
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            help="Dask engine: write Parquet parts to this directory (load them later with `presslens db load`)."
        ),
    ] = None,
    batch_size: Annotated[
        int,
        typer.Option(
            min=1, help="Articles committed together in one transaction (or written as one Parquet part)."
        ),
    ] = 64,
    extract: ExtractOption = DEFAULT_EXTRACT,
    time_limit: TimeLimitOption = DEFAULT_TIME_LIMIT,
    time_limit_max: TimeLimitMaxOption = DEFAULT_TIME_LIMIT_MAX,
    framing_model: FramingModelOption = None,
    claims_model: ClaimsModelOption = None,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    max_record_mb: MaxRecordMbOption = DEFAULT_RECORD,
    max_decompressed_mb: MaxDecompressedMbOption = DEFAULT_DECOMPRESSED,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress output, only the summary.")
    ] = False,
    strict: Annotated[
        bool, typer.Option(help="Exit with status 1 when any document could not be analysed.")
    ] = False,
) -> None:
    """Analyse articles and store them in a corpus database, skipping those already stored.

    Safe to interrupt and re-run: every committed batch is kept, and a re-run does the rest. Documents that cannot be read or analysed are recorded in the errors table (see `presslens db errors`; one row per input, gone once a later run stores it) and never stop the run. A .txt file whose first line is a short headline (no final full stop, followed by the body) gets it as its title.
    """
    from presslens.ingest import LineReporter, NullReporter, RichReporter
    from presslens.ingest import ingest as run_ingest
    from presslens.sources.metadata import MetadataError, load_metadata

    if db is None and out is None:
        raise fail(f"give --db PATH or set {settings.DB} (or, with --engine dask, --out DIR)")
    if out is not None and engine != Engine.dask:
        raise fail("--out writes Parquet parts and needs --engine dask")
    if scheduler and engine != Engine.dask:
        raise fail("--scheduler needs --engine dask")
    if update and (db is None or out is not None):
        raise fail("--update changes a database: give --db, without --out")
    try:
        meta = load_metadata(metadata, outlet=outlet, published=published, title=title)
    except MetadataError as exc:
        raise fail(str(exc)) from None
    options = analysis_options(extract, time_limit, time_limit_max, framing_model, max_chars, claims_model)
    try:
        options = settle_claims_model(options)
    except (RuntimeError, ValueError) as exc:  # a named check-worthiness model without its extra
        raise fail(str(exc)) from None
    limits = read_limits(max_record_mb, max_decompressed_mb)
    reporter = NullReporter() if quiet else RichReporter(stderr) if stderr.is_terminal else LineReporter()
    try:
        stats = run_ingest(
            inputs,
            db=db,
            out=out,
            engine=engine.value,
            workers=workers,
            scheduler=scheduler,
            options=options,
            batch_size=batch_size,
            reporter=reporter,
            limits=limits,
            metadata=meta,
            update=update,
        )
    except StoreError as exc:
        raise fail(str(exc)) from None
    except RuntimeError as exc:  # e.g. the spaCy model is missing
        raise fail(str(exc)) from None
    where = f"{db}" if db is not None else f"parts in {out}"
    changed = "".join(
        f", {n} {what}"
        for n, what in ((stats.updated, "metadata updated"), (stats.replaced, "replaced"))
        if n
    )
    stderr.print(
        f"ingested {stats.done} documents in {stats.seconds:.1f} s ({stats.docs_per_second:.1f} docs/s): "
        f"{stats.added} added, {stats.skipped} already stored{changed}, {stats.errors} errors → {escape(where)}"
        + (f"; {stats.speakers} speakers" if db is not None else "")
    )
    if stats.stale:
        one = stats.stale == 1
        stderr.print(
            f"[yellow]presslens: note:[/] {stats.stale} article{'' if one else 's'} already stored "
            f"{'was' if one else 'were'} read with other metadata than is stored; add --update to store it"
        )
    unused = meta.unused()
    if unused:
        shown = ", ".join(escape(u) for u in unused[:SHOWN_UNUSED]) + (
            ", …" if len(unused) > SHOWN_UNUSED else ""
        )
        stderr.print(
            f"[yellow]presslens: warning:[/] {len(unused)} row(s) of {escape(str(metadata))} matched no "
            f"input: {shown}"
        )
    if strict and stats.errors:
        raise typer.Exit(1)
