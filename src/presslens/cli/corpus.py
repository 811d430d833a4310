"""Corpus commands: ``ingest``, ``db load``/``db info``, ``speakers``, ``quotes``, ``variants``, ``sql``.

Thin: each command parses options, calls ``presslens.ingest``, ``presslens.store``,
``presslens.queries`` or ``presslens.corpus``, and prints a table, CSV or JSON.
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import duckdb
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from presslens import queries
from presslens.cli import app, fail, stderr
from presslens.cli.options import (
    DEFAULT_DECOMPRESSED,
    DEFAULT_EXTRACT,
    DEFAULT_MAX_CHARS,
    DEFAULT_RECORD,
    DEFAULT_TIME_LIMIT,
    DEFAULT_TIME_LIMIT_MAX,
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
)
from presslens.store import StoreError, connect

db_app = typer.Typer(help="Manage a corpus database: load Parquet parts, show what it holds.", no_args_is_help=True)
app.add_typer(db_app, name="db")


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class VariantFormat(StrEnum):
    table = "table"
    json = "json"


class Engine(StrEnum):
    local = "local"
    dask = "dask"


DbOption = Annotated[Path, typer.Option("--db", envvar="PRESSLENS_DB", show_default=False,
                                        help="The corpus database (a DuckDB file); or set PRESSLENS_DB.")]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="table (readable), csv or json (an array of objects).")]


def _open(db: Path, *, external_access: bool = True) -> duckdb.DuckDBPyConnection:
    try:
        return connect(db, read_only=True, external_access=external_access)
    except StoreError as exc:
        raise fail(str(exc)) from None


# --------------------------------------------------------------------------- output


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def emit(columns: list[str], rows: list[tuple], fmt: Format, *, title: str | None = None) -> None:
    """Print rows as a rich table, CSV or a JSON array."""
    if fmt == Format.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([_cell(v) for v in row] for row in rows)
    elif fmt == Format.json:
        data = [{c: _plain(v) for c, v in zip(columns, row, strict=True)} for row in rows]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        table = Table(title=title, show_lines=False, highlight=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(escape(_cell(v)) for v in row))
        Console(highlight=False, width=None if sys.stdout.isatty() else 200).print(table)


def _emit_relation(rel: duckdb.DuckDBPyRelation, fmt: Format, title: str | None = None) -> None:
    emit(list(rel.columns), rel.fetchall(), fmt, title=title)


# --------------------------------------------------------------------------- ingest


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(show_default=False, help="Folders, files (.txt, .html, .jsonl[.gz], .warc[.gz]), quoted glob patterns, http(s) URLs, or - for stdin.")],
    db: Annotated[Path | None, typer.Option("--db", envvar="PRESSLENS_DB", help="The corpus database to create or add to (DuckDB file).")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (local engine) or LocalCluster workers (dask engine without --scheduler).")] = 1,
    engine: Annotated[Engine, typer.Option(help="local: processes on this machine; dask: a dask.distributed cluster.")] = Engine.local,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address, e.g. tcp://host:8786; default: a LocalCluster with --workers processes.")] = None,
    out: Annotated[Path | None, typer.Option(help="Dask engine: write Parquet parts to this directory (load them later with `presslens db load`).")] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles committed together in one transaction (or written as one Parquet part).")] = 64,
    extract: ExtractOption = DEFAULT_EXTRACT,
    time_limit: TimeLimitOption = DEFAULT_TIME_LIMIT,
    time_limit_max: TimeLimitMaxOption = DEFAULT_TIME_LIMIT_MAX,
    framing_model: FramingModelOption = None,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    max_record_mb: MaxRecordMbOption = DEFAULT_RECORD,
    max_decompressed_mb: MaxDecompressedMbOption = DEFAULT_DECOMPRESSED,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output, only the summary.")] = False,
    strict: Annotated[bool, typer.Option(help="Exit with status 1 when any document could not be analysed.")] = False,
) -> None:
    """Analyse articles and store them in a corpus database, skipping those already stored.

    Safe to interrupt and re-run: every committed batch is kept, and a re-run does the rest. Documents that cannot be read or analysed are recorded in the errors table (see `presslens db errors`) and never stop the run.
    """
    from presslens.ingest import LineReporter, NullReporter, RichReporter
    from presslens.ingest import ingest as run_ingest

    if db is None and out is None:
        raise fail("give --db PATH (or, with --engine dask, --out DIR)")
    if out is not None and engine != Engine.dask:
        raise fail("--out writes Parquet parts and needs --engine dask")
    if scheduler and engine != Engine.dask:
        raise fail("--scheduler needs --engine dask")
    options = analysis_options(extract, time_limit, time_limit_max, framing_model, max_chars)
    limits = read_limits(max_record_mb, max_decompressed_mb)
    reporter = NullReporter() if quiet else RichReporter(stderr) if stderr.is_terminal else LineReporter()
    try:
        stats = run_ingest(inputs, db=db, out=out, engine=engine.value, workers=workers, scheduler=scheduler,
                           options=options, batch_size=batch_size, reporter=reporter, limits=limits)
    except StoreError as exc:
        raise fail(str(exc)) from None
    except RuntimeError as exc:  # e.g. the spaCy model is missing
        raise fail(str(exc)) from None
    where = f"{db}" if db is not None else f"parts in {out}"
    stderr.print(
        f"ingested {stats.done} documents in {stats.seconds:.1f} s ({stats.docs_per_second:.1f} docs/s): "
        f"{stats.added} added, {stats.skipped} already stored, {stats.errors} errors → {escape(where)}"
        + (f"; {stats.speakers} speakers" if db is not None else "")
    )
    if strict and stats.errors:
        raise typer.Exit(1)


# --------------------------------------------------------------------------- db


@db_app.command("load")
def db_load(
    parts: Annotated[list[Path], typer.Argument(show_default=False, help="Parts directories written by `ingest --engine dask --out`, or single parts.")],
    db: DbOption,
) -> None:
    """Load Parquet parts into a corpus database; articles already stored are skipped.

    A part that cannot be read is reported and skipped; the others still load (exit status 1 if any failed).
    """
    from presslens.corpus import speakers_outdated, update_speakers
    from presslens.store import Store, iter_load_parts

    loaded = added = skipped = 0
    failed: list[str] = []
    try:
        with Store(db) as store:
            for _part, outcome in iter_load_parts(store, parts):
                if isinstance(outcome, StoreError):
                    failed.append(str(outcome))
                    stderr.print(f"[bold red]presslens: error:[/] {escape(str(outcome))}")
                    continue
                loaded += 1
                added += outcome.articles
                skipped += outcome.skipped
            speakers = update_speakers(store.con).speakers if speakers_outdated(store.con) else \
                store.counts()["speakers"]
    except StoreError as exc:
        raise fail(str(exc)) from None
    stderr.print(f"loaded {loaded} parts: {added} articles added, {skipped} already stored, "
                 f"{len(failed)} parts failed; {speakers} speakers")
    if failed:
        raise typer.Exit(1)


@db_app.command("info")
def db_info(db: DbOption, fmt: FormatOption = Format.table) -> None:
    """Show what a corpus holds: counts per table, dates covered, schema version."""
    con = _open(db)
    try:
        stats = queries.stats(con)
    finally:
        con.close()
    emit(["key", "value"], list(stats.items()), fmt, title=str(db))


@db_app.command("errors")
def db_errors(
    db: DbOption,
    limit: Annotated[int, typer.Option(min=0, help="Rows to show.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Rows to skip.")] = 0,
    fmt: FormatOption = Format.table,
) -> None:
    """List the documents that could not be read or analysed, with the reason."""
    con = _open(db)
    try:
        _emit_relation(queries.errors(con, limit=limit, offset=offset), fmt)
    finally:
        con.close()


# --------------------------------------------------------------------------- queries


@app.command()
def speakers(
    db: DbOption,
    top: Annotated[int, typer.Option(min=0, help="How many speakers to list (most quoted first).")] = 20,
    offset: Annotated[int, typer.Option(min=0, help="Speakers to skip (for paging).")] = 0,
    search: Annotated[str | None, typer.Option(help="Only speakers whose name or an alias contains this text.")] = None,
    kind: Annotated[str | None, typer.Option(help="Only this kind: person, organization, group, document, unknown.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """The most quoted speakers across the corpus, with their aliases."""
    con = _open(db)
    try:
        rel = queries.speakers(con, search=search, kind=kind, limit=top, offset=offset)
        if fmt == Format.table:
            rel = rel.select("speaker_id, name, kind, quotes, articles, outlets, first_said, last_said, "
                             "aliases[1:6] AS aliases")
        _emit_relation(rel, fmt, title="speakers")
    finally:
        con.close()


@app.command()
def quotes(
    db: DbOption,
    speaker: Annotated[str | None, typer.Option(help="Speaker id, or part of a speaker's name or alias (case-insensitive).")] = None,
    contains: Annotated[str | None, typer.Option(help="Only quotes whose content contains this text (case-insensitive).")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    since: Annotated[str | None, typer.Option(help="Said on or after this day (YYYY-MM-DD).", callback=iso_date)] = None,
    until: Annotated[str | None, typer.Option(help="Said on or before this day (YYYY-MM-DD).", callback=iso_date)] = None,
    type: Annotated[str | None, typer.Option("--type", help="direct, indirect or mixed.")] = None,
    limit: Annotated[int, typer.Option(min=0, help="Rows to show.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Rows to skip (for paging).")] = 0,
    fmt: FormatOption = Format.table,
) -> None:
    """Who said what: attributed statements, newest first."""
    if type is not None and type not in queries.ATTRIBUTION_TYPES:
        raise fail(f"--type must be one of {', '.join(queries.ATTRIBUTION_TYPES)}")
    con = _open(db)
    try:
        rel = queries.quotes(con, speaker=speaker, contains=contains, outlet=outlet, since=since, until=until,
                             type=type, limit=limit, offset=offset)
        if fmt == Format.table:
            rel = rel.select("speaker, type, quote, cue, said_on, outlet, title")
        _emit_relation(rel, fmt, title="quotes")
    finally:
        con.close()


@app.command()
def variants(
    db: DbOption,
    speaker: Annotated[str | None, typer.Option(help="Speaker id, or part of a speaker's name or alias.")] = None,
    contains: Annotated[str | None, typer.Option(help="Only quotes containing this text.")] = None,
    min_articles: Annotated[int, typer.Option(min=2, help="Only statements reported by at least this many articles.")] = 2,
    threshold: Annotated[float, typer.Option(min=50, max=100, help="Similarity (0-100) above which two wordings are the same statement.")] = 80.0,
    limit: Annotated[int, typer.Option(min=1, help="Groups to show (most widely reported first).")] = 20,
    fmt: Annotated[VariantFormat, typer.Option("--format", "-f", help="table (wordings with differences highlighted) or json.")] = VariantFormat.table,
) -> None:
    """The same statement as reported by several articles, with each wording's differences highlighted.

    Each wording is compared with the most common one (listed first): words it adds or changes are green, words it leaves out are struck through in red; without colours (piped output) they read {+added+} and [-left out-].
    """
    from presslens.corpus import VariantSettings, find_variants

    con = _open(db)
    try:
        groups = find_variants(con, speaker=speaker, contains=contains, min_articles=min_articles, limit=limit,
                               settings=VariantSettings(threshold=threshold))
    finally:
        con.close()
    if fmt == VariantFormat.json:
        sys.stdout.write(json.dumps([g.as_dict() for g in groups], ensure_ascii=False, indent=2) + "\n")
        return
    out = Console(highlight=False)
    if not groups:
        stderr.print("no statement is reported by several articles" + (f" for {escape(speaker)}" if speaker else ""))
    for number, group in enumerate(groups, start=1):
        out.rule(f"[bold]{number}. {escape(group.speaker)}[/] — {group.articles} articles, {group.outlets} outlets, "
                 f"{group.wordings} wordings")
        for v in group.variants:
            line = Text(f"{v.outlet or '?'} {_plain(v.said_on) or ''}: ", style="bold")
            line.append_text(render_diff(v.diff, marks=not out.is_terminal))
            out.print(line)


def render_diff(diff: list[tuple[str, str]], *, marks: bool = False) -> Text:
    """A wording with inserted words in green and left-out words struck through in red.

    With ``marks`` (output that is not a terminal, so has no colours) they read ``{+added+}`` and ``[-left out-]``.
    """
    text = Text()
    for op, words in diff:
        if text:
            text.append(" ")
        if marks and op != "equal":
            words = f"{{+{words}+}}" if op == "insert" else f"[-{words}-]"
        style = {"insert": "bold green", "delete": "red strike"}.get(op, "")
        text.append(words, style=style)
    return text


@app.command()
def sql(
    query: Annotated[str, typer.Argument(show_default=False, help="One SQL statement, e.g. \"SELECT outlet, count(*) FROM attributions GROUP BY 1\".")],
    db: DbOption,
    fmt: FormatOption = Format.table,
) -> None:
    """Run read-only SQL on the corpus.

    Tables: articles, attributions, speakers, entities, mentions, dates, claims, quantities, framing, errors, meta. Statements that would change the database or touch files are refused.
    """
    con = _open(db, external_access=False)
    try:
        rel = queries.run_sql(con, query)
        if rel is None:
            stderr.print("statement returned no rows")
            return
        _emit_relation(rel, fmt)
    except duckdb.Error as exc:
        raise fail(_sql_error(exc)) from None
    finally:
        con.close()


def _sql_error(exc: duckdb.Error) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "read-only mode" in text:
        return f"`presslens sql` is read-only; the statement would change the database ({text})"
    if isinstance(exc, duckdb.PermissionException):
        return f"`presslens sql` cannot read or write files ({text})"
    return text
