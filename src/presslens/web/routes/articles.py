"""Article list and article page (highlighted text with side lists), with JSON twins."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from presslens.web import data
from presslens.web.export import csv_response
from presslens.web.highlight import article_view
from presslens.web.paging import Page, paging
from presslens.web.render import page, query
from presslens.web.routes.common import clean_date, clean_text, cursor

router = APIRouter()


def _articles(request: Request, pg: Page, outlet: str | None, text: str | None, since: str | None,
              until: str | None, speaker_id: str | None) -> dict[str, Any]:
    with cursor(request) as (cur, db):
        return data.articles_list(cur, db.cache, pg, outlet=clean_text(outlet), contains=clean_text(text),
                                  since=clean_date(since, "since"), until=clean_date(until, "until"),
                                  speaker_id=clean_text(speaker_id))


@router.get("/api/articles", tags=["articles"], summary="Articles, newest first")
def articles_api(request: Request, pg: Annotated[Page, Depends(paging)],
                 outlet: Annotated[str | None, Query(description="Only this outlet.")] = None,
                 text: Annotated[str | None, Query(description="Title or text contains this (any case).")] = None,
                 since: Annotated[str | None, Query(description="Published on or after (YYYY-MM-DD).")] = None,
                 until: Annotated[str | None, Query(description="Published on or before (YYYY-MM-DD).")] = None,
                 speaker_id: Annotated[str | None, Query(description="Only articles quoting this speaker.")] = None,
                 ) -> dict[str, Any]:
    """JSON twin of the article list."""
    return _articles(request, pg, outlet, text, since, until, speaker_id)


@router.get("/api/articles.csv", tags=["articles"], summary="The article list as CSV",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def articles_csv(request: Request, pg: Annotated[Page, Depends(paging)],
                 outlet: Annotated[str | None, Query(description="Only this outlet.")] = None,
                 text: Annotated[str | None, Query(description="Title or text contains this (any case).")] = None,
                 since: Annotated[str | None, Query(description="Published on or after (YYYY-MM-DD).")] = None,
                 until: Annotated[str | None, Query(description="Published on or before (YYYY-MM-DD).")] = None,
                 speaker_id: Annotated[str | None, Query(description="Only articles quoting this speaker.")] = None,
                 ) -> Response:
    """CSV twin of the article list: one row per article of the JSON twin's ``articles``."""
    return csv_response(_articles(request, pg, outlet, text, since, until, speaker_id)["articles"], "articles.csv")


@router.get("/articles", include_in_schema=False)
def articles_page(request: Request, pg: Annotated[Page, Depends(paging)], outlet: str | None = None,
                  text: str | None = None, since: str | None = None, until: str | None = None,
                  speaker_id: str | None = None) -> Response:
    """The article list."""
    result = _articles(request, pg, outlet, text, since, until, speaker_id)
    params = {"outlet": outlet, "text": text, "since": since, "until": until, "speaker_id": speaker_id}
    twin = query("/api/articles", limit=pg.limit, offset=pg.offset, **params)
    csv = query("/api/articles.csv", limit=pg.limit, offset=pg.offset, **params)
    return page(request, "articles.html", {**result, "params": params, "csv_url": csv}, json_url=twin)


def _article(request: Request, article_id: str) -> dict[str, Any]:
    with cursor(request) as (cur, db):
        record = data.article_detail(cur, db.cache, article_id)
    if record is None:
        raise HTTPException(404, "no such article in this database")
    return record


@router.get("/api/articles/{article_id}", tags=["articles"],
            summary="One article as the record contract (text, attributions, entities, dates, claims, framing)")
def article_api(request: Request, article_id: str) -> dict[str, Any]:
    """JSON twin of the article page."""
    return _article(request, article_id)


@router.get("/articles/{article_id}", include_in_schema=False)
def article_page(request: Request, article_id: str) -> Response:
    """The article with every attribution highlighted."""
    record = _article(request, article_id)
    return page(request, "article.html", {"record": record, "view": article_view(record)},
                json_url="/api/articles/" + quote(article_id, safe=""))
