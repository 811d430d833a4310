"""Turn rows of the named queries into the JSON record contract of ARCHITECTURE.md.

The records are rebuilt from the column declarations of ``schema.TABLES`` (``record_json``), in
the field order of the record dataclasses, so they match ``presslens analyze --format json``:
spans become ``{"start", "end", "text"}`` objects, dates ISO strings, a missing value the field's
default. Attributions get the corpus-wide ``speaker_id`` and ``speaker`` (display name) beside them.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from typing import Any

from presslens.schema import TABLES_BY_NAME, Column, Span, Table


def iso(value: Any) -> Any:
    """Dates and timestamps as ISO strings; anything else unchanged."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def span(start: Any, end: Any, text: Any) -> dict[str, Any] | None:
    """A span object, or None when the row has no such span."""
    if start is None or end is None:
        return None
    return {"start": int(start), "end": int(end), "text": text if text is not None else ""}


def from_sql(column: Column, value: Any) -> Any:
    """A stored value as the record holds it: dates as ISO strings, lists as lists, REAL rounded."""
    if column.sql == "DATE":
        return iso(value)
    if column.sql == "BOOLEAN":
        return bool(value)
    if column.sql.endswith("[]"):
        return list(value or [])
    if column.sql == "REAL" and value is not None:
        return round(float(value), 3)  # float32 noise removed: the records hold at most 3 decimals
    return value


def record_json(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """One row of ``table`` (child rows nested under the child table's name) as its JSON record."""
    declared = TABLES_BY_NAME[table]
    if declared.record is Span:
        return _span(row, _by_source(declared), "")  # type: ignore[return-value]
    return _fields(declared, declared.record, row, "")


def _fields(table: Table, cls: type, row: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    """The fields of ``cls`` (a record, or one nested in it at ``prefix``) from the row's columns."""
    columns = _by_source(table)
    hints = _hints(cls)
    out: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        path = prefix + f.name
        kind = hints[f.name]
        child = _child_table(table.name, f.name)
        if path in columns:
            value = from_sql(columns[path], row.get(columns[path].name))
            if path in _EXACT and row.get(_EXACT[path]) is not None:
                value = row[_EXACT[path]]  # "2017-12", not the first day the DATE column keeps
            out[f.name] = (
                f.default if value is None and f.default not in (None, dataclasses.MISSING) else value
            )
        elif child is not None:
            out[f.name] = [record_json(child, r) for r in row.get(child) or []]
        elif Span in _classes(kind):
            out[f.name] = _span(row, columns, path + ".")
        else:
            (nested,) = (c for c in _classes(kind) if dataclasses.is_dataclass(c))
            out[f.name] = _fields(table, nested, row, path + ".")
    return out


def _span(row: Mapping[str, Any], columns: dict[str, Column], prefix: str) -> dict[str, Any] | None:
    return span(*(row.get(columns[prefix + part].name) for part in ("start", "end", "text")))


@cache
def _by_source(table: Table) -> dict[str, Column]:
    """The column each record path is read from (the first declared, when two share a path)."""
    out: dict[str, Column] = {}
    for c in table.columns:
        if c.source and not c.source.startswith("$"):
            out.setdefault(c.source, c)
    return out


# Record paths with a second, exact column: a statement date may be a month, week or year, which the
# DATE column keeps as its first day (NULL in rows written before the exact column existed).
_EXACT = {"said_on": "said_on_value"}


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _classes(kind: Any) -> tuple[Any, ...]:
    return typing.get_args(kind) or (kind,)


def _child_table(table: str, field_name: str) -> str | None:
    child = TABLES_BY_NAME.get(field_name)
    return field_name if child is not None and child.within == table else None


def attribution(row: Mapping[str, Any]) -> dict[str, Any]:
    """One ``attributions`` row (optionally joined with ``speakers.name AS speaker``) as a contract record."""
    record = record_json("attributions", row)
    return {
        **record,
        "speaker_id": row.get("speaker_id"),
        "speaker": row.get("speaker") or record["source"]["name"],
    }


def article_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """The full article (``queries.article``) as the record contract."""
    children = {
        t.name: [record_json(t.name, r) for r in row.get(t.name) or []]
        for t in TABLES_BY_NAME.values()
        if t.within == "analysis"
    }
    children["attributions"] = [attribution(a) for a in row.get("attributions") or []]
    return {
        "id": row.get("id"),
        "url": row.get("url"),
        "outlet": row.get("outlet"),
        "title": row.get("title"),
        "author": row.get("author"),
        "published": iso(row.get("published")),
        "text": row.get("text") or "",
        **children,
        "warnings": list(row.get("warnings") or []),
        "origin": row.get("origin"),
    }


def quote(row: Mapping[str, Any]) -> dict[str, Any]:
    """One ``queries.quotes`` row: the attribution's content, cue and source plus its article.

    Rows that carry ``act`` (``queries.quotes``, the search) also give ``act`` and ``relayed_by`` (who
    passed the statement on, as written, else None).
    """
    return {
        "type": row.get("type"),
        **({"act": row["act"] or "speech", "relayed_by": row.get("relayed_by")} if "act" in row else {}),
        "content": {"text": row.get("quote")},
        "cue": {"text": row["cue"]} if row.get("cue") else None,
        "source": {"name": row.get("source_name"), "kind": row.get("source_kind") or "unknown"},
        "speaker_id": row.get("speaker_id"),
        "speaker": row.get("speaker") or row.get("source_name"),
        "said_on": iso(row.get("said_on")),
        "idx": row.get("idx"),
        "article": {
            "id": row.get("article_id"),
            "title": row.get("title"),
            "outlet": row.get("outlet"),
            "published": iso(row.get("published")),
            "url": row.get("url"),
        },
    }


def plain(row: Mapping[str, Any]) -> dict[str, Any]:
    """Any row with dates as ISO strings and lists copied."""
    return {k: (list(v) if isinstance(v, list | tuple) else iso(v)) for k, v in row.items()}
