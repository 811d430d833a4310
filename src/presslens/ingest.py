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
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import islice
from pathlib import Path

import duckdb

from presslens.engines.progress import LineReporter, NullReporter, Reporter, RichReporter, RunStats
from presslens.pipeline import Options
from presslens.schema import Analysis, Article, InputError
from presslens.sources import JSONL_SUFFIXES, WARC_SUFFIXES, iter_articles
from presslens.sources.limits import ReadLimits
from presslens.sources.url import is_url
from presslens.store import Store, StoreError, load_parts, part_article_ids

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


def _skip_known(items: Iterable[Item], known: Callable[[list[str]], set[str]], pending: set[str],
                stats: IngestStats, reporter: Reporter, chunk: int = 256) -> Iterator[Item]:
    """Drop articles already stored (one lookup per chunk) or already on their way in this run."""
    stream = iter(items)
    while group := list(islice(stream, chunk)):
        stored = known([i.id for i in group if isinstance(i, Article)])
        for item in group:
            if isinstance(item, Article):
                if item.id in stored or item.id in pending:
                    stats.skipped += 1
                    stats.done += 1
                    reporter.update(stats)
                    continue
                pending.add(item.id)
            yield item


def _words(analyses: Iterable[Analysis]) -> int:
    return sum(len(a.article.text.split()) for a in analyses)


# --------------------------------------------------------------------------- the ingest


def ingest(
    inputs: Iterable[str], *, db: str | Path | None = None, out: str | Path | None = None,
    engine: str = "local", workers: int = 1, scheduler: str | None = None, options: Options | None = None,
    batch_size: int = 64, nlp_batch_size: int = 16, reporter: Reporter | None = None,
    limits: ReadLimits | None = None,
) -> IngestStats:
    """Analyse the inputs and store them in ``db`` (DuckDB) and/or ``out`` (Parquet parts, Dask engine).

    ``batch_size`` articles are committed together (one transaction, or one part); ``limits`` bounds
    what the readers take in (see ``presslens.sources.limits``). Returns the totals.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    if db is None and out is None:
        raise ValueError("give a database (db=) or, with the dask engine, a parts directory (out=)")
    if out is not None and engine != "dask":
        raise ValueError("writing Parquet parts (out=) needs the dask engine")
    reporter = reporter or NullReporter()
    options = options or Options()
    if "framing" in options.extractors:  # settle the framing model here: Dask workers may lack the variable
        from presslens.extract import framing

        options = replace(options, framing_model=framing.require(options.framing_model))
    expanded = expand_inputs(inputs)
    stats = IngestStats(total=count_documents(expanded))
    store = Store(db) if db is not None else None
    try:
        reporter.start(stats)
        items = iter_articles(expanded, limits=limits)
        if engine == "local":
            _ingest_local(items, store, stats, reporter, workers, options, batch_size, nlp_batch_size)
        else:
            _ingest_dask(items, store, out, stats, reporter, workers, scheduler, options, batch_size,
                         nlp_batch_size)
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


def _ingest_local(items: Iterable[Item], store: Store, stats: IngestStats, reporter: Reporter, workers: int,
                  options: Options, batch_size: int, nlp_batch_size: int) -> None:
    from presslens.engines.local import run_local

    pending: set[str] = set()
    fresh = _skip_known(items, store.known_ids, pending, stats, reporter)
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
            reporter.update(stats)
            if len(buffer) >= batch_size:
                _commit(store, buffer, pending, stats, reporter)
                buffer = []
    if buffer:
        _commit(store, buffer, pending, stats, reporter)


def _commit(store: Store, results: list[Analysis | InputError], pending: set[str], stats: IngestStats,
            reporter: Reporter) -> None:
    analyses = [r for r in results if isinstance(r, Analysis)]
    errors = [r for r in results if isinstance(r, InputError)]
    written = store.write(analyses, errors)
    pending.difference_update(a.article.id for a in analyses)
    stats.added += written.articles
    stats.skipped += written.skipped
    stats.words += _words(analyses)
    stats.batches += 1
    reporter.commit(stats)


def _ingest_dask(items: Iterable[Item], store: Store | None, out: str | Path | None, stats: IngestStats,
                 reporter: Reporter, workers: int, scheduler: str | None, options: Options, batch_size: int,
                 nlp_batch_size: int) -> None:
    from presslens.engines.dask import dask_client, run_dask

    pending: set[str] = set()
    in_parts = part_article_ids(out) if out is not None else set()

    def known(ids: list[str]) -> set[str]:
        found = {i for i in ids if i in in_parts}
        return found | (store.known_ids(ids) if store is not None else set())

    fresh = _skip_known(items, known, pending, stats, reporter)
    out_dir = str(out) if out is not None else None
    with dask_client(scheduler, n_workers=max(1, workers), options=options, batch_size=nlp_batch_size) as client:
        for outcome in run_dask(fresh, client, options=options, batch_size=batch_size,
                                nlp_batch_size=nlp_batch_size, out_dir=out_dir):
            stats.done += outcome.items
            stats.errors += len(outcome.errors)
            stats.analysed += outcome.items - len(outcome.errors)
            stats.words += outcome.words
            if outcome.tables is not None and store is not None:
                written = store.write_tables(outcome.tables)
                stats.added += written.articles
                stats.skipped += written.skipped
            else:
                stats.added += outcome.articles
            pending.difference_update(outcome.article_ids)
            stats.batches += 1
            reporter.commit(stats)
    if out is not None and store is not None:
        loaded = load_parts(store, [out])
        if loaded.failed:
            raise StoreError("; ".join(reason for _, reason in loaded.failed))


__all__ = ["ENGINES", "IngestStats", "LineReporter", "NullReporter", "Reporter", "RichReporter", "RunStats",
           "count_documents",
           "expand_inputs", "ingest"]
