"""What every named query shares: the parameter checks and reading a relation's rows."""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from typing import Any, get_args

import duckdb

from presslens.schema import AttributionAct

Relation = duckdb.DuckDBPyRelation
DateLike = str | date | None

ATTRIBUTION_TYPES = ("direct", "indirect", "mixed")
ATTRIBUTION_ACTS: tuple[str, ...] = get_args(AttributionAct)  # speech, belief, stance


def page_params(limit: int | None, offset: int) -> dict[str, int | None]:
    """The checked ``limit``/``offset`` parameters of a listing."""
    if limit is not None and (not isinstance(limit, int) or limit < 0):
        raise ValueError(f"limit must be a non-negative integer or None, not {limit!r}")
    if not isinstance(offset, int) or offset < 0:
        raise ValueError(f"offset must be a non-negative integer, not {offset!r}")
    return {"limit": limit, "offset": offset}


def day_param(value: DateLike, name: str) -> str | None:
    """A date filter as an ISO day, or None for no filter."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValueError(f"{name} must be a date in YYYY-MM-DD form, not {value!r}") from None


def text_param(value: str | None) -> str | None:
    """A text filter, None when empty (no filter)."""
    return value if value else None


def type_param(type: str | None) -> str | None:
    """An attribution type filter, checked against ``ATTRIBUTION_TYPES``."""
    if type is not None and type not in ATTRIBUTION_TYPES:
        raise ValueError(f"type must be one of {', '.join(ATTRIBUTION_TYPES)}, not {type!r}")
    return type


def act_param(act: str | None) -> str | None:
    """An attribution act filter (what the cue reports), checked against ``ATTRIBUTION_ACTS``."""
    if act is not None and act not in ATTRIBUTION_ACTS:
        raise ValueError(f"act must be one of {', '.join(ATTRIBUTION_ACTS)}, not {act!r}")
    return act


def records(rel: Relation) -> list[dict[str, Any]]:
    """The rows of a relation as a list of dicts (column name → value)."""
    columns = rel.columns
    return [dict(zip(columns, row, strict=True)) for row in rel.fetchall()]


def count(rel: Relation) -> int:
    """Number of rows of a relation (run one of the listing functions with ``limit=None``)."""
    return rel.aggregate("count(*)").fetchall()[0][0]


def run_sql(con: duckdb.DuckDBPyConnection, query: str) -> Relation | None:
    """Run a user's SQL text; open ``con`` read-only to make it safe. None when the statement returns no rows."""
    return con.sql(query)


def unregister(con: duckdb.DuckDBPyConnection, names: tuple[str, ...]) -> None:
    """Drop Arrow tables registered on ``con`` under ``names``; names not registered are skipped."""
    for name in names:
        with suppress(duckdb.Error):
            con.unregister(name)
