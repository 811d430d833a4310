"""Parquet parts: the batch tables of the Dask engine, one directory per batch, one file per table.

``load_parts`` brings them into a database with the same idempotence as ``Store.write``; a part
written before a column of ``ddl.ADDED`` existed reads with that column as nulls.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from presslens.store.database import PartError, Store, StoreError, WriteResult
from presslens.store.ddl import ADDED, ARROW_SCHEMAS, BATCH_TABLES

PART_PREFIX = "part-"


def part_name(tables: dict[str, pa.Table]) -> str:
    """A name derived from the batch content, so writing the same batch again replaces its part."""
    digest = hashlib.sha1(usedforsecurity=False)
    for value in sorted(tables["articles"]["id"].to_pylist()):
        digest.update(value.encode() + b"\0")
    for value in sorted(tables["errors"]["origin"].to_pylist()):
        digest.update(b"E" + (value or "").encode() + b"\0")
    return PART_PREFIX + digest.hexdigest()[:16]


def write_part(tables: dict[str, pa.Table], out_dir: str | os.PathLike) -> Path:
    """Write one batch as a part directory ``out_dir/part-…/<table>.parquet``, atomically (rename at the end)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    final = out / part_name(tables)
    tmp = out / f".{final.name}.{uuid.uuid4().hex[:8]}.tmp"
    tmp.mkdir()
    try:
        for name in BATCH_TABLES:
            # Page checksums let read_part refuse a part damaged in storage instead of loading altered rows.
            pq.write_table(tables.get(name, ARROW_SCHEMAS[name].empty_table()), tmp / f"{name}.parquet",
                           write_page_checksum=True)
        if final.exists():
            shutil.rmtree(final)
        os.replace(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final


def find_parts(roots: Iterable[str | os.PathLike]) -> list[Path]:
    """Part directories under each root (a root may itself be a part), sorted; temporary parts skipped."""
    found: list[Path] = []
    for root in map(Path, roots):
        if not root.exists():
            raise StoreError(f"no such directory: {root}")
        if (root / "articles.parquet").exists():
            found.append(root)
            continue
        found.extend(sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith(PART_PREFIX)))
    return found


def read_part(part: str | os.PathLike) -> dict[str, pa.Table]:
    """Read and check every table of one part; PartError naming the part and the problem."""
    part = Path(part)
    tables = {}
    for name in BATCH_TABLES:
        path = part / f"{name}.parquet"
        if not path.exists():
            raise PartError(f"{part}: missing {name}.parquet")
        try:
            table = _with_added_columns(name, pq.read_table(path, page_checksum_verification=True))
            tables[name] = table.select(ARROW_SCHEMAS[name].names).cast(ARROW_SCHEMAS[name])
        except (pa.ArrowException, OSError, KeyError, ValueError) as exc:
            raise PartError(f"{part}: {name}.parquet is unreadable or not a presslens part "
                            f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})") from None
    return tables


def _with_added_columns(name: str, table: pa.Table) -> pa.Table:
    """A part table written before a column of ``ADDED`` existed, with that column as nulls."""
    for table_name, column in ADDED:
        if table_name == name and column not in table.column_names:
            table = table.append_column(column, pa.nulls(table.num_rows, ARROW_SCHEMAS[name].field(column).type))
    return table


def part_article_ids(parts_dir: str | os.PathLike) -> set[str]:
    """Article ids already written as parts under ``parts_dir`` (unreadable parts are ignored)."""
    ids: set[str] = set()
    root = Path(parts_dir)
    if not root.is_dir():
        return ids
    for part in find_parts([root]):
        try:
            ids.update(pq.read_table(part / "articles.parquet", columns=["id"])["id"].to_pylist())
        except (pa.ArrowException, OSError):
            continue
    return ids


@dataclass(slots=True)
class LoadResult:
    """What ``load_parts`` did: parts loaded, articles added and skipped, and the parts it refused."""

    parts: int = 0
    articles: int = 0
    skipped: int = 0
    errors: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def load_parts(store: Store, roots: Iterable[str | os.PathLike]) -> LoadResult:
    """Load every part under ``roots``; each part is one transaction, a bad part is reported and skipped."""
    result = LoadResult()
    for part, outcome in iter_load_parts(store, roots):
        if isinstance(outcome, PartError):
            result.failed.append((str(part), str(outcome)))
            continue
        result.parts += 1
        result.articles += outcome.articles
        result.skipped += outcome.skipped
        result.errors += outcome.errors
    return result


def iter_load_parts(store: Store, roots: Iterable[str | os.PathLike]) -> Iterator[tuple[Path, WriteResult | PartError]]:
    """Load parts one by one, yielding each part with its WriteResult or the PartError that stopped it."""
    for part in find_parts(roots):
        try:
            tables = read_part(part)
        except PartError as exc:
            yield part, exc
            continue
        yield part, store.write_tables(tables)
