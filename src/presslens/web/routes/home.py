"""Home page (corpus overview with the most-quoted speakers) and quote search, each with its JSON twin."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from presslens.web import data
from presslens.web.charts import Bar, bar_chart
from presslens.web.highlight import speaker_url
from presslens.web.paging import Page, paging
from presslens.web.render import page, query
from presslens.web.routes.common import clean_text, cursor

router = APIRouter()

Q = Annotated[str | None, Query(description="Search words; \"quoted text\" is one phrase. All must occur.")]
Outlet = Annotated[str | None, Query(description="Only this outlet (exact name, any case).")]


def _overview(request: Request) -> dict[str, Any]:
    with cursor(request) as (cur, db):
        return data.overview(cur, db.cache)


@router.get("/api/overview", tags=["home"], summary="Corpus size, date range, outlets, most-quoted speakers")
def overview_api(request: Request) -> dict[str, Any]:
    """JSON twin of the home page."""
    return _overview(request)


@router.get("/", include_in_schema=False)
def home_page(request: Request) -> Response:
    """The home page."""
    result = _overview(request)
    bars = [Bar(s["name"] or s["speaker_id"], s["quotes"], speaker_url(s["speaker_id"])) for s in result["top_speakers"]]
    chart = bar_chart(bars, title="Most-quoted speakers", value_label="quotes (attributions)")
    return page(request, "home.html", {**result, "chart": chart}, json_url="/api/overview")


def _search(request: Request, q: str | None, outlet: str | None, pg: Page) -> dict[str, Any]:
    with cursor(request) as (cur, db):
        return data.search(cur, db.cache, clean_text(q), pg, outlet=clean_text(outlet))


@router.get("/api/search", tags=["search"], summary="Search quotes")
def search_api(request: Request, pg: Annotated[Page, Depends(paging)], q: Q = None,
               outlet: Outlet = None) -> dict[str, Any]:
    """Quotes whose content has every search term at a word start, newest first."""
    return _search(request, q, outlet, pg)


@router.get("/search", include_in_schema=False)
def search_page(request: Request, pg: Annotated[Page, Depends(paging)], q: Q = None, outlet: Outlet = None) -> Response:
    """Search results page."""
    result = _search(request, q, outlet, pg)
    twin = query("/api/search", q=q, outlet=outlet, limit=pg.limit, offset=pg.offset)
    return page(request, "search.html", {**result, "search_q": q or "", "outlet": outlet or ""}, json_url=twin)
