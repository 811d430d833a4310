"""Ingest articles into a corpus: read inputs → skip known articles → analyse → store in batches.

Inputs are streamed (``presslens.sources.iter_articles``); glob patterns are expanded here so a
quoted pattern works the same on a laptop and on a cluster. Articles whose content id is already
stored are skipped before any parsing (one query per chunk of ids). Results are written in
batches, each one transaction, so an interrupted ingest keeps every committed batch and a re-run
does only the rest. Documents that cannot be read or analysed become rows of the ``errors``
table; they never stop the run. After the last batch, corpus-level speakers are recomputed
(skipped when no article was stored since the last computation).

Engines: ``local`` (this process, or ``workers`` spawned processes) and ``dask`` (a
``dask.distributed`` cluster; with ``out`` the workers write Parquet parts instead of the database).
"""

from __future__ import annotations

import contextlib
import glob
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

import duckdb

from presslens.engines.progress import LineReporter, NullReporter, Reporter, RichReporter, RunStats
from presslens.pipeline import Options
from presslens.schema import Analysis, Article, InputError
from presslens.sources import JSONL_SUFFIXES, WARC_SUFFIXES, iter_articles
from presslens.sources.limits import ReadLimits
from presslens.sources.metadata import Metadata
from presslens.sources.text import headline
from presslens.sources.url import is_url
from presslens.store import Store, StoreError, load_parts, part_article_ids
from presslens.store.revise import METADATA_FIELDS

ENGINES = ("local", "dask")
Item = Article | InputError


IngestStats = RunStats  # the name of earlier releases


# --------------------------------------------------------------------------- inputs

_GLOB_CHARS = set("*?[")


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Inputs with glob patterns expanded (sorted); a pattern matching nothing is kept to be reported."""
    out: list[str] = []
    for item in inputs:
        if item != "-" and not is_url(item) and _GLOB_CHARS & set(item) and not Path(item).exists():
            matches = sorted(glob.glob(item, recursive=True))
            out.extend(matches or [item])
        else:
            out.append(item)
    return out


def count_documents(inputs: Iterable[str]) -> int | None:
    """How many documents the inputs hold, or None when that needs reading them (JSONL, WARC)."""
    total = 0
    for item in inputs:
        if item == "-" or is_url(item):
            total += 1
            continue
        path = Path(item)
        files = (p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")) if path.is_dir() \
            else [path]
        for file in files:
            if file.name.lower().endswith(JSONL_SUFFIXES + WARC_SUFFIXES):
                return None
            total += 1
    return total


_LINE_SUFFIX = re.compile(r"^(.*?)(:\d+)$")


def origin_key(origin: str | None) -> str | None:
    """How the errors table names an input: a local path resolved (a JSONL line keeps its ``:N``); URLs as given."""
    if not origin or origin in ("-", "<stdin>") or "://" in origin:
        return origin
    match = _LINE_SUFFIX.match(origin)
    path, line = (match.group(1), match.group(2)) if match and not Path(origin).exists() else (origin, "")
    try:
        return str(Path(path).resolve()) + line
    except (OSError, RuntimeError):
        return origin


def _changed(article: Article, stored: dict[str, str | None]) -> dict[str, str]:
    """The metadata fields the article gives that differ from what is stored.

    A title guessed from a text's first line never replaces a stored one (given earlier, say, by a
    metadata file).
    """
    out = {}
    for name in METADATA_FIELDS:
        value = getattr(article, name)
        if value not in (None, "") and value != stored.get(name):
            out[name] = value
    if "title" in out and stored.get("title") and out["title"] == headline(article.text):
        del out["title"]
    return out


@dataclass
class _Gate:
    """Decides per article read: analyse it, skip it (stored, or already on its way), or refresh its metadata.

    With ``update``, a stored article whose title, outlet, author or url differ gets them in place;
    one whose publication date differs is analysed again (its dates depend on it) and replaces the
    stored one.
    """

    stored: Callable[[list[str]], dict[str, dict[str, str | None]]]
    stats: RunStats
    reporter: Reporter
    update: bool = False
    pending: set[str] = field(default_factory=set)
    replace: set[str] = field(default_factory=set)
    updates: dict[str, dict[str, str]] = field(default_factory=dict)
    found: list[str] = field(default_factory=list)  # inputs found stored: their error rows go

    def filter(self, items: Iterable[Item], chunk: int = 256) -> Iterator[Item]:
        """The items to analyse (errors pass through), one stored-metadata lookup per chunk."""
        stream = iter(items)
        while group := list(islice(stream, chunk)):
            stored = self.stored([i.id for i in group if isinstance(i, Article)])
            for item in group:
                if isinstance(item, Article) and not self._analyse(item, stored):
                    self.stats.done += 1
                    self.reporter.update(self.stats)
                    continue
                yield item

    def _analyse(self, article: Article, stored: dict[str, dict[str, str | None]]) -> bool:
        if article.id in self.pending:
            self.stats.skipped += 1
            return False
        if article.id in stored:
            changed = _changed(article, stored[article.id])
            if changed and self.update and "published" in changed:
                self.replace.add(article.id)
                for name, value in stored[article.id].items():  # keep what is stored and not given now
                    if name in METADATA_FIELDS and value is not None and name not in changed:
                        setattr(article, name, value)
            else:
                self.found.append(origin_key(article.origin) or "")
                if changed and self.update:
                    self.updates[article.id] = changed
                    self.stats.updated += 1
                else:
                    self.stats.skipped += 1
                    self.stats.stale += bool(changed)
                return False
        self.pending.add(article.id)
        return True

    def take(self, ids: Iterable[str]) -> tuple[set[str], list[str], dict[str, dict[str, str]]]:
        """What the next write does besides inserting: ids to replace, error rows to forget, metadata updates."""
        replace = self.replace & set(ids)
        self.replace -= replace
        found, updates = self.found, self.updates
        self.found, self.updates = [], {}
        return replace, found, updates


def _words(analyses: Iterable[Analysis]) -> int:
    return sum(len(a.article.text.split()) for a in analyses)


# --------------------------------------------------------------------------- the ingest


def ingest(
    inputs: Iterable[str], *, db: str | Path | None = None, out: str | Path | None = None,
    engine: str = "local", workers: int = 1, scheduler: str | None = None, options: Options | None = None,
    batch_size: int = 64, nlp_batch_size: int = 16, reporter: Reporter | None = None,
    limits: ReadLimits | None = None, metadata: Metadata | None = None, update: bool = False,
) -> IngestStats:
    """Analyse the inputs and store them in ``db`` (DuckDB) and/or ``out`` (Parquet parts, Dask engine).

    ``batch_size`` articles are committed together (one transaction, or one part); ``limits`` bounds
    what the readers take in (see ``presslens.sources.limits``); ``metadata`` sets titles, outlets,
    dates, authors and URLs as the articles are read (``presslens.sources.metadata``); ``update``
    refreshes the stored metadata of articles already stored and replaces an article whose file
    now holds other text. Returns the totals.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    if db is None and out is None:
        raise ValueError("give a database (db=) or, with the dask engine, a parts directory (out=)")
    if out is not None and engine != "dask":
        raise ValueError("writing Parquet parts (out=) needs the dask engine")
    if update and (db is None or out is not None):
        raise ValueError("update=True changes a database: give db= and no parts directory (out=)")
    reporter = reporter or NullReporter()
    options = options or Options()
    if "framing" in options.extractors:  # settle the framing model here: Dask workers may lack the variable
        from presslens.extract import framing

        options = replace(options, framing_model=framing.require(options.framing_model))
    if "claims" in options.extractors:  # and the check-worthiness model, for the same reason
        from presslens.extract import claims

        options = replace(options, claims_model=claims.require_model(options.claims_model))
    expanded = expand_inputs(inputs)
    stats = IngestStats(total=count_documents(expanded))
    store = Store(db) if db is not None else None
    try:
        reporter.start(stats)
        items = iter_articles(expanded, limits=limits)
        if metadata:
            items = metadata.apply_all(items)
        if engine == "local":
            gate = _Gate(store.stored_metadata, stats, reporter, update)
            _ingest_local(items, store, gate, workers, options, batch_size, nlp_batch_size)
        else:
            _ingest_dask(items, store, out, stats, reporter, workers, scheduler, options, batch_size,
                         nlp_batch_size, update)
        if store is not None:
            from presslens.corpus import speakers_outdated, update_speakers

            if speakers_outdated(store.con):
                try:
                    stats.speakers = update_speakers(store.con).speakers
                except (duckdb.IOException, duckdb.TransactionException) as exc:  # e.g. disk full
                    raise StoreError(f"could not update the speakers in {db}: "
                                     f"{str(exc).strip().splitlines()[0]}; the articles are stored, run the "
                                     "ingest again to update the speakers") from exc
            else:
                stats.speakers = store.counts()["speakers"]
        stats.finished = time.perf_counter()
        reporter.finish(stats)
    finally:
        if store is not None:
            store.close()
    return stats


def _ingest_local(items: Iterable[Item], store: Store, gate: _Gate, workers: int, options: Options,
                  batch_size: int, nlp_batch_size: int) -> None:
    from presslens.engines.local import run_local

    stats = gate.stats
    fresh = gate.filter(items)
    buffer: list[Analysis | InputError] = []
    # closing(): a failed commit (disk full) or Ctrl-C ends the worker processes with the loop.
    with contextlib.closing(run_local(fresh, workers=workers, options=options, batch_size=nlp_batch_size)) as results:
        for result in results:
            buffer.append(result)
            stats.done += 1
            if isinstance(result, InputError):
                stats.errors += 1
            else:
                stats.analysed += 1
            gate.reporter.update(stats)
            if len(buffer) >= batch_size:
                _commit(store, buffer, gate)
                buffer = []
    if buffer or gate.found or gate.updates:
        _commit(store, buffer, gate)


def _commit(store: Store, results: list[Analysis | InputError], gate: _Gate) -> None:
    stats = gate.stats
    analyses = [r for r in results if isinstance(r, Analysis)]
    errors = [InputError(origin_key(r.origin) or r.origin, r.reason) for r in results if isinstance(r, InputError)]
    ids = [a.article.id for a in analyses]
    replace_ids, found, updates = gate.take(ids)
    forget = [*found, *(origin_key(a.article.origin) or "" for a in analyses)]
    written = store.write(analyses, errors, replace=replace_ids, supersede=gate.update, forget=forget)
    if updates:
        store.update_metadata(updates)
    gate.pending.difference_update(ids)
    stats.added += written.articles
    stats.skipped += written.skipped
    stats.replaced += written.removed
    stats.words += _words(analyses)
    stats.batches += 1
    gate.reporter.commit(stats)


def _ingest_dask(items: Iterable[Item], store: Store | None, out: str | Path | None, stats: IngestStats,
                 reporter: Reporter, workers: int, scheduler: str | None, options: Options, batch_size: int,
                 nlp_batch_size: int, update: bool) -> None:
    from presslens.engines.dask import dask_client, run_dask

    in_parts = part_article_ids(out) if out is not None else set()

    def stored(ids: list[str]) -> dict[str, dict[str, str | None]]:
        found: dict[str, dict[str, str | None]] = {i: {} for i in ids if i in in_parts}
        return {**found, **(store.stored_metadata(ids) if store is not None else {})}

    gate = _Gate(stored, stats, reporter, update)
    fresh = gate.filter(items)
    out_dir = str(out) if out is not None else None
    with dask_client(scheduler, n_workers=max(1, workers), options=options, batch_size=nlp_batch_size) as client:
        for outcome in run_dask(fresh, client, options=options, batch_size=batch_size,
                                nlp_batch_size=nlp_batch_size, out_dir=out_dir):
            stats.done += outcome.items
            stats.errors += len(outcome.errors)
            stats.analysed += outcome.items - len(outcome.errors)
            stats.words += outcome.words
            replace_ids, found, updates = gate.take(outcome.article_ids)
            if outcome.tables is not None and store is not None:
                tables = _resolved_errors(outcome.tables)
                origins = [origin_key(o) or "" for o in tables["articles"]["origin"].to_pylist()]
                written = store.write_tables(tables, replace=replace_ids, supersede=update, forget=[*found, *origins])
                stats.added += written.articles
                stats.skipped += written.skipped
                stats.replaced += written.removed
            else:
                stats.added += outcome.articles
            if updates and store is not None:
                store.update_metadata(updates)
            gate.pending.difference_update(outcome.article_ids)
            stats.batches += 1
            reporter.commit(stats)
    if store is not None and (gate.found or gate.updates):
        _, found, updates = gate.take(())
        store.forget_errors(found)
        store.update_metadata(updates)
    if out is not None and store is not None:
        loaded = load_parts(store, [out])
        if loaded.failed:
            raise StoreError("; ".join(reason for _, reason in loaded.failed))


def _resolved_errors(tables: dict) -> dict:
    """The batch tables with the errors' origins as ``origin_key`` gives them."""
    errors = tables["errors"]
    if errors.num_rows == 0:
        return tables
    import pyarrow as pa

    origins = pa.array([origin_key(o) for o in errors["origin"].to_pylist()], type=pa.string())
    return {**tables, "errors": errors.set_column(errors.schema.get_field_index("origin"), "origin", origins)}


__all__ = ["ENGINES", "IngestStats", "LineReporter", "NullReporter", "Reporter", "RichReporter", "RunStats",
           "count_documents", "expand_inputs", "ingest", "origin_key"]
