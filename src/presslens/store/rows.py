"""Analyses as Arrow tables, one per batch table, with the columns ``schema.TABLES`` declares.

Each column's value is read from the record by its declared ``source`` and converted by its
DuckDB type (ISO strings to dates, lists copied); attribution rows repeat their article's outlet
and publication date, so the everyday questions ("quotes per outlet") need no join.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from presslens.schema import TABLES, Analysis, Column, InputError, Table
from presslens.store.ddl import ARROW_SCHEMAS, BATCH_TABLES, now

Getter = Callable[[Any, dict[str, Any]], Any]  # (record, writer's values) -> column value


def _date(value: str | None) -> date | None:
    """The day a date value starts on: "2017-12" → 2017-12-01, "2017-W38" → that Monday, "2017" → 1 January.

    Statement dates may be a month, week or year; the DATE column keeps the first day (for ordering
    and date filters) and ``said_on_value`` the value itself.
    """
    if not value:
        return None
    try:
        if len(value) == 4 and value.isdigit():
            return date(int(value), 1, 1)
        if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
            return date(int(value[:4]), int(value[5:]), 1)
        if len(value) == 8 and value[4:6] == "-W" and value[6:].isdigit():
            return date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _follow(value: Any, names: list[str]) -> Any:
    for name in names:
        if value is None:
            return None
        value = getattr(value, name)
    return value


def _getter(column: Column) -> Getter:
    """A function reading ``column``'s value from a record and the writer's values, converted for storage."""
    if column.source is None:
        return lambda record, given: None
    names = column.source.removeprefix("$").split(".")
    if column.source.startswith("$"):
        root, rest = names[0], names[1:]
        read: Getter = lambda record, given: _follow(given[root], rest)  # noqa: E731
    else:
        read = lambda record, given: _follow(record, names)  # noqa: E731
    if column.sql == "DATE":
        return lambda record, given: _date(read(record, given))
    if column.sql == "BOOLEAN":
        return lambda record, given: bool(read(record, given))
    if column.sql.endswith("[]"):
        if column.empty_as_null:
            return lambda record, given: list(read(record, given) or ()) or None
        return lambda record, given: _list(read(record, given))
    return read


def _list(value: Any) -> list | None:
    return None if value is None else list(value)


_GETTERS: dict[str, list[tuple[str, Getter]]] = {t.name: [(c.name, _getter(c)) for c in t.columns] for t in TABLES}
_TOP: tuple[Table, ...] = tuple(t for t in TABLES if t.within == "analysis")
_CHILDREN: dict[str, tuple[Table, ...]] = {t.name: tuple(c for c in TABLES if c.within == t.name) for t in TABLES}


def _row(table: str, record: Any, given: dict[str, Any]) -> dict[str, Any]:
    return {name: get(record, given) for name, get in _GETTERS[table]}


def rows_for(analysis: Analysis, at: datetime) -> dict[str, list[dict]]:
    """The rows of every child table (and the article row) for one Analysis."""
    article = analysis.article
    given: dict[str, Any] = {"article": article, "analysis": analysis, "now": at}
    rows: dict[str, list[dict]] = {name: [] for name in BATCH_TABLES}
    rows["articles"].append(_row("articles", article, given))
    for table in _TOP:
        for i, record in enumerate(getattr(analysis, table.name)):
            rows[table.name].append(_row(table.name, record, {**given, "index": i}))
            for child in _CHILDREN[table.name]:
                for j, item in enumerate(getattr(record, child.name)):
                    rows[child.name].append(_row(child.name, item, {**given, "parent": record, "parent_index": i,
                                                                     "index": j}))
    return rows


def to_tables(
    analyses: Iterable[Analysis], errors: Iterable[InputError] = (), *, at: datetime | None = None
) -> dict[str, pa.Table]:
    """One Arrow table per batch table for these Analyses and errors; an article seen twice is kept once."""
    at = at or now()
    rows: dict[str, list[dict]] = {name: [] for name in BATCH_TABLES}
    seen: set[str] = set()
    for analysis in analyses:
        if analysis.article.id in seen:
            continue
        seen.add(analysis.article.id)
        for name, new in rows_for(analysis, at).items():
            rows[name].extend(new)
    rows["errors"] = [_row("errors", e, {"now": at}) for e in errors]
    return {name: pa.Table.from_pylist(rows[name], schema=ARROW_SCHEMAS[name]) for name in BATCH_TABLES}


def empty_tables() -> dict[str, pa.Table]:
    """Empty Arrow tables with the batch schemas."""
    return {name: ARROW_SCHEMAS[name].empty_table() for name in BATCH_TABLES}


def without_articles(tables: dict[str, pa.Table], ids: set[str]) -> dict[str, pa.Table]:
    """The same tables minus every row of the articles in ``ids`` (errors are kept)."""
    if not ids:
        return tables
    drop = pa.array(sorted(ids), type=pa.string())
    out = {}
    for name, table in tables.items():
        column = {"articles": "id", "errors": None}.get(name, "article_id")
        out[name] = table if column is None else table.filter(pc.invert(pc.is_in(table[column], drop)))
    return out
