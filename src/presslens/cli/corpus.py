"""Corpus commands (``ingest`` is in ``cli/ingest.py``): ``db load``/``db info``/``db errors``, ``speakers``, ``quotes``, ``variants``, ``sql``.

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

import presslens.cli.ingest  # noqa: F401  (registers `ingest` too, for whoever imports the corpus commands)
from presslens import queries, settings
from presslens.cli import app, fail, stderr
from presslens.cli.options import (
    iso_date,
)
from presslens.store import StoreError, connect

db_app = typer.Typer(
    help="Manage a corpus database: load Parquet parts, show what it holds.", no_args_is_help=True
)
app.add_typer(db_app, name="db")


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class VariantFormat(StrEnum):
    table = "table"
    json = "json"


DbOption = Annotated[
    Path,
    typer.Option(
        "--db",
        envvar=settings.DB,
        show_default=False,
        help=f"The corpus database (a DuckDB file); or set {settings.DB}.",
    ),
]
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="table (readable), csv or json (an array of objects).")
]


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


# --------------------------------------------------------------------------- db


@db_app.command("load")
def db_load(
    parts: Annotated[
        list[Path],
        typer.Argument(
            show_default=False,
            help="Parts directories written by `ingest --engine dask --out`, or single parts.",
        ),
    ],
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
            speakers = (
                update_speakers(store.con).speakers
                if speakers_outdated(store.con)
                else store.counts()["speakers"]
            )
    except StoreError as exc:
        raise fail(str(exc)) from None
    stderr.print(
        f"loaded {loaded} parts: {added} articles added, {skipped} already stored, "
        f"{len(failed)} parts failed; {speakers} speakers"
    )
    if failed:
        raise typer.Exit(1)


@db_app.command("info")
def db_info(db: DbOption, fmt: FormatOption = Format.table) -> None:
    """Show what a corpus holds: counts per table, dates covered, schema version (--format json: one object)."""
    con = _open(db)
    try:
        stats = queries.stats(con)
    finally:
        con.close()
    if fmt == Format.json:  # one object, as every other JSON tool would give it
        sys.stdout.write(
            json.dumps({k: _plain(v) for k, v in stats.items()}, ensure_ascii=False, indent=2) + "\n"
        )
        return
    emit(["key", "value"], list(stats.items()), fmt, title=str(db))


@db_app.command("errors")
def db_errors(
    db: DbOption,
    limit: Annotated[int, typer.Option(min=0, help="Rows to show.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Rows to skip.")] = 0,
    fmt: FormatOption = Format.table,
    clear: Annotated[
        bool, typer.Option("--clear", help="Remove every row of the errors table instead of listing them.")
    ] = False,
) -> None:
    """List the documents that could not be read or analysed, with the reason: one row per input.

    A row goes by itself once a later ingest stores that input; --clear removes them all.
    """
    if clear:
        from presslens.store import Store

        try:
            with Store(db, create=False) as store:
                removed = store.clear_errors()
        except StoreError as exc:
            raise fail(str(exc)) from None
        stderr.print(f"removed {removed} error row{'s' if removed != 1 else ''} from {escape(str(db))}")
        return
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
    search: Annotated[
        str | None, typer.Option(help="Only speakers whose name or an alias contains this text.")
    ] = None,
    kind: Annotated[
        str | None, typer.Option(help="Only this kind: person, organization, group, document, unknown.")
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """The most quoted speakers across the corpus, with their aliases."""
    con = _open(db)
    try:
        rel = queries.speakers(con, search=search, kind=kind, limit=top, offset=offset)
        if fmt == Format.table:
            rel = rel.select(
                "speaker_id, name, kind, quotes, articles, outlets, first_said, last_said, "
                "aliases[1:6] AS aliases"
            )
        _emit_relation(rel, fmt, title="speakers")
    finally:
        con.close()


@app.command()
def quotes(
    db: DbOption,
    speaker: Annotated[
        str | None, typer.Option(help="Speaker id, or part of a speaker's name or alias (case-insensitive).")
    ] = None,
    contains: Annotated[
        str | None, typer.Option(help="Only quotes whose content contains this text (case-insensitive).")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Said on or after this day (YYYY-MM-DD).", callback=iso_date)
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Said on or before this day (YYYY-MM-DD).", callback=iso_date)
    ] = None,
    type: Annotated[str | None, typer.Option("--type", help="direct, indirect or mixed.")] = None,
    act: Annotated[
        str | None,
        typer.Option("--act", help="What the cue reports: speech (said or written), belief or stance."),
    ] = None,
    limit: Annotated[int, typer.Option(min=0, help="Rows to show.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Rows to skip (for paging).")] = 0,
    fmt: FormatOption = Format.table,
) -> None:
    """Who said what: attributed statements, newest first."""
    if type is not None and type not in queries.ATTRIBUTION_TYPES:
        raise fail(f"--type must be one of {', '.join(queries.ATTRIBUTION_TYPES)}")
    if act is not None and act not in queries.ATTRIBUTION_ACTS:
        raise fail(f"--act must be one of {', '.join(queries.ATTRIBUTION_ACTS)}")
    con = _open(db)
    try:
        if speaker is not None and not queries.count(queries.quotes(con, speaker=speaker, limit=None)):
            raise fail(_unknown_speaker(con, speaker))
        filters = {"speaker": speaker, "contains": contains, "outlet": outlet, "type": type, "act": act}
        rel = queries.quotes(con, **filters, since=since, until=until, limit=limit, offset=offset)
        rows = rel.fetchall()
        total = queries.count(queries.quotes(con, **filters, since=since, until=until, limit=None))
        columns = list(rel.columns)
        if fmt == Format.table:
            shown = ("speaker", "type", "quote", "cue", "said_on", "outlet", "title")
            rows = [tuple(row[columns.index(c)] for c in shown) for row in rows]
            columns = list(shown)
        emit(columns, rows, fmt, title="quotes")
        stderr.print(_page_note(len(rows), total, offset, "quote"))
        if since or until:
            undated = queries.count(
                queries.quotes(con, **filters, limit=None).filter("said_on IS NULL AND published IS NULL")
            )
            if undated:
                stderr.print(
                    f"[yellow]presslens: note:[/] {undated:,} matching quote{'s' if undated != 1 else ''} "
                    "ha{} no date (neither said on a known day nor published) and {} left out by "
                    "--since/--until; give publication dates with `presslens ingest … --published DAY "
                    "--update` or --metadata FILE".format(*(("s", "is") if undated == 1 else ("ve", "are")))
                )
    finally:
        con.close()


def _page_note(shown: int, total: int, offset: int, noun: str) -> str:
    """``showing 1-50 of 1,234 quotes`` (or ``no quotes match``)."""
    plural = noun if total == 1 else f"{noun}s"
    if total == 0:
        return f"no {noun}s match"
    if shown == 0:
        return f"none shown of {total:,} {plural} (--offset {offset} is past the end)"
    return f"showing {offset + 1:,}-{offset + shown:,} of {total:,} {plural}"


def _unknown_speaker(con: duckdb.DuckDBPyConnection, speaker: str, limit: int = 5) -> str:
    """The message for a --speaker that matches nobody, with the closest known names."""
    from rapidfuzz import fuzz, process

    rows = queries.speakers(con, limit=None).select("name, aliases").fetchall()
    names: dict[str, str] = {}
    for name, aliases in rows:
        for candidate in (name, *(aliases or ())):
            if candidate:
                names.setdefault(candidate.casefold(), name)
    best = process.extract(
        speaker.casefold(), list(names), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=50
    )
    closest: list[str] = []
    for key, _score, _ in best:
        if names[key] not in closest:
            closest.append(names[key])
    hint = (
        f"; closest known: {', '.join(closest[:limit])}" if closest else "; `presslens speakers` lists them"
    )
    return f"no speaker or source matches {speaker!r}{hint}"


@app.command()
def variants(
    db: DbOption,
    speaker: Annotated[
        str | None, typer.Option(help="Speaker id, or part of a speaker's name or alias.")
    ] = None,
    contains: Annotated[str | None, typer.Option(help="Only quotes containing this text.")] = None,
    min_articles: Annotated[
        int, typer.Option(min=2, help="Only statements reported by at least this many articles.")
    ] = 2,
    threshold: Annotated[
        float,
        typer.Option(
            min=50, max=100, help="Similarity (0-100) above which two wordings are the same statement."
        ),
    ] = 80.0,
    limit: Annotated[int, typer.Option(min=1, help="Groups to show (most widely reported first).")] = 20,
    fmt: Annotated[
        VariantFormat,
        typer.Option("--format", "-f", help="table (wordings with differences highlighted) or json."),
    ] = VariantFormat.table,
) -> None:
    """The same statement as reported by several articles, with each wording's differences highlighted.

    Each wording is compared with the most common one (listed first): words it adds or changes are green, words it leaves out are struck through in red; without colours (piped output) they read {+added+} and [-left out-].
    """
    from presslens.corpus import VariantSettings, find_variants

    con = _open(db)
    try:
        groups = find_variants(
            con,
            speaker=speaker,
            contains=contains,
            min_articles=min_articles,
            limit=limit,
            settings=VariantSettings(threshold=threshold),
        )
    finally:
        con.close()
    if fmt == VariantFormat.json:
        sys.stdout.write(json.dumps([g.as_dict() for g in groups], ensure_ascii=False, indent=2) + "\n")
        return
    out = Console(highlight=False)
    if not groups:
        stderr.print(
            "no statement is reported by several articles" + (f" for {escape(speaker)}" if speaker else "")
        )
    for number, group in enumerate(groups, start=1):
        out.rule(
            f"[bold]{number}. {escape(group.speaker)}[/] — {group.articles} articles, {group.outlets} outlets, "
            f"{group.wordings} wordings"
        )
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
    query: Annotated[
        str,
        typer.Argument(
            show_default=False,
            help='One SQL statement, e.g. "SELECT outlet, count(*) FROM attributions GROUP BY 1".',
        ),
    ],
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
