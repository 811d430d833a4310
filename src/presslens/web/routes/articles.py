"""Article list and article page (highlighted text with side lists), with JSON twins."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from presslens import queries
from presslens.web import data
from presslens.web.export import csv_response
from presslens.web.highlight import article_view
from presslens.web.paging import Page, paging
from presslens.web.render import page, query
from presslens.web.routes.common import clean_date, clean_sort, clean_text, cursor

router = APIRouter()

Outlet = Annotated[str | None, Query(description="Only this outlet.")]
Text = Annotated[str | None, Query(description="Title or text contains this (any case).")]
Since = Annotated[str | None, Query(description="Published on or after (YYYY-MM-DD).")]
Until = Annotated[str | None, Query(description="Published on or before (YYYY-MM-DD).")]
SpeakerId = Annotated[str | None, Query(description="Only articles quoting this speaker.")]
Sort = Annotated[
    str | None,
    Query(
        description="published (newest first; default), attributions (most first), "
        "title or outlet (A–Z); - reverses."
    ),
]


def _articles(
    request: Request,
    pg: Page,
    outlet: str | None,
    text: str | None,
    since: str | None,
    until: str | None,
    speaker_id: str | None,
    sort: str | None,
) -> dict[str, Any]:
    chosen = clean_sort(sort, queries.ARTICLE_SORT_SQL, "published")
    with cursor(request) as (cur, db):
        return data.articles_list(
            cur,
            db.cache,
            pg,
            outlet=clean_text(outlet),
            contains=clean_text(text),
            since=clean_date(since, "since"),
            until=clean_date(until, "until"),
            speaker_id=clean_text(speaker_id),
            sort=chosen,
            stored=db.derived_current,
        )


@router.get("/api/articles", tags=["articles"], summary="Articles, newest first")
def articles_api(
    request: Request,
    pg: Annotated[Page, Depends(paging)],
    outlet: Outlet = None,
    text: Text = None,
    since: Since = None,
    until: Until = None,
    speaker_id: SpeakerId = None,
    sort: Sort = None,
) -> dict[str, Any]:
    """JSON twin of the article list."""
    return _articles(request, pg, outlet, text, since, until, speaker_id, sort)


@router.get(
    "/api/articles.csv",
    tags=["articles"],
    summary="The article list as CSV",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def articles_csv(
    request: Request,
    pg: Annotated[Page, Depends(paging)],
    outlet: Outlet = None,
    text: Text = None,
    since: Since = None,
    until: Until = None,
    speaker_id: SpeakerId = None,
    sort: Sort = None,
) -> Response:
    """CSV twin of the article list: one row per article of the JSON twin's ``articles``."""
    result = _articles(request, pg, outlet, text, since, until, speaker_id, sort)
    return csv_response(result["articles"], "articles.csv")


@router.get("/articles", include_in_schema=False)
def articles_page(
    request: Request,
    pg: Annotated[Page, Depends(paging)],
    outlet: str | None = None,
    text: str | None = None,
    since: str | None = None,
    until: str | None = None,
    speaker_id: str | None = None,
    sort: str | None = None,
) -> Response:
    """The article list."""
    result = _articles(request, pg, outlet, text, since, until, speaker_id, sort)
    params = {"outlet": outlet, "text": text, "since": since, "until": until, "speaker_id": speaker_id}
    twin = query("/api/articles", limit=pg.limit, offset=pg.offset, sort=sort, **params)
    csv = query("/api/articles.csv", limit=pg.limit, offset=pg.offset, sort=sort, **params)
    return page(
        request,
        "articles.html",
        {**result, "params": params, "base": "/articles", "csv_url": csv},
        json_url=twin,
    )


def _article(request: Request, article_id: str) -> dict[str, Any]:
    with cursor(request) as (cur, db):
        record = data.article_detail(cur, db.cache, article_id)
    if record is None:
        raise HTTPException(404, "no such article in this database")
    return record


@router.get(
    "/api/articles/{article_id}",
    tags=["articles"],
    summary="One article as the record contract (text, attributions, entities, dates, claims, framing)",
)
def article_api(request: Request, article_id: str) -> dict[str, Any]:
    """JSON twin of the article page."""
    return _article(request, article_id)


@router.get("/articles/{article_id}", include_in_schema=False)
def article_page(request: Request, article_id: str) -> Response:
    """The article with every attribution highlighted."""
    record = _article(request, article_id)
    return page(
        request,
        "article.html",
        {"record": record, "view": article_view(record)},
        json_url="/api/articles/" + quote(article_id, safe=""),
    )
