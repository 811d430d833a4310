"""Helpers shared by the page modules: the database cursor of a request and filter validation."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date

import duckdb
from fastapi import HTTPException, Request

from presslens.web.db import Database

TYPES = ("direct", "indirect", "mixed")
ACTS = ("speech", "belief", "stance")  # what the cue reports (queries.ATTRIBUTION_ACTS)


def database(request: Request) -> Database:
    """The app's database, or 503 when the server was started without one."""
    db = request.app.state.db
    if db is None:
        raise HTTPException(503, "this server has no database; start it with `presslens serve --db FILE`")
    return db


@contextmanager
def cursor(request: Request) -> Iterator[tuple[duckdb.DuckDBPyConnection, Database]]:
    """The request's cursor and database; a bad filter value (ValueError from a query) becomes 422."""
    db = database(request)
    with db.cursor() as cur:
        try:
            yield cur, db
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None


def clean_text(value: str | None, limit: int = 200) -> str | None:
    """A trimmed, length-capped free-text filter; None when empty."""
    value = (value or "").strip()[:limit]
    return value or None


def clean_date(value: str | None, name: str) -> str | None:
    """An ISO date filter; 422 when it is not YYYY-MM-DD."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(422, f"{name} must be a date in YYYY-MM-DD form") from None


def clean_type(value: str | None) -> str | None:
    """An attribution type filter; 422 when unknown."""
    value = (value or "").strip().lower()
    if not value:
        return None
    if value not in TYPES:
        raise HTTPException(422, f"type must be one of {', '.join(TYPES)}")
    return value


def clean_act(value: str | None) -> str | None:
    """An attribution act filter (speech, belief or stance); 422 when unknown."""
    value = (value or "").strip().lower()
    if not value:
        return None
    if value not in ACTS:
        raise HTTPException(422, f"act must be one of {', '.join(ACTS)}")
    return value


def clean_sort(value: str | None, allowed: Iterable[str], default: str) -> str:
    """A sort key (``-`` first for the reverse order); 422 when unknown."""
    value = (value or "").strip() or default
    keys = list(allowed)
    if value not in keys:
        raise HTTPException(422, f"sort must be one of {', '.join(keys)}")
    return value


def clean_score(value: float | None, default: float = 0.5) -> float:
    """A minimum score between 0 and 1; 422 outside."""
    if value is None:
        return default
    if not 0.0 <= value <= 1.0:
        raise HTTPException(422, "min_score must be between 0 and 1")
    return float(value)
