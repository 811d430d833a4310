"""Pagination parameters shared by every list: ``limit`` is capped, ``offset`` is non-negative."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000


@dataclass(frozen=True, slots=True)
class Page:
    """The slice of a list a request asked for, after capping."""

    limit: int
    offset: int

    def envelope(self, total: int, items: list[Any], key: str) -> dict[str, Any]:
        """The standard list answer: the items under ``key`` plus total, limit, offset and next_offset."""
        following = self.offset + self.limit
        return {key: items, "total": total, "limit": self.limit, "offset": self.offset,
                "next_offset": following if following < total else None}


def paging(
    limit: Annotated[int, Query(description=f"Items per page; values above {MAX_LIMIT} are capped.")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(description="Items to skip.")] = 0,
) -> Page:
    """FastAPI dependency: the requested page, with limit clamped to 1..MAX_LIMIT and offset to >= 0."""
    return Page(limit=max(1, min(limit, MAX_LIMIT)), offset=max(0, min(offset, MAX_OFFSET)))
