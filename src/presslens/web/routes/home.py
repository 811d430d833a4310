"""Home page (corpus overview with the most-quoted speakers) and quote search, each with its JSON twin."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from presslens.web import data, insights
from presslens.web.charts import Bar, bar_chart, timeline_chart
from presslens.web.export import csv_response
from presslens.web.highlight import speaker_url
from presslens.web.paging import Page, paging
from presslens.web.render import page, query
from presslens.web.routes.common import clean_act, clean_date, clean_text, clean_type, cursor

router = APIRouter()

Q = Annotated[str | None, Query(description='Search words; "quoted text" is one phrase. All must occur.')]
Outlet = Annotated[str | None, Query(description="Only this outlet (exact name, any case).")]
Since = Annotated[str | None, Query(description="Only quotes said on or after this day (YYYY-MM-DD).")]
Until = Annotated[str | None, Query(description="Only quotes said on or before this day (YYYY-MM-DD).")]
Type = Annotated[str | None, Query(description="direct, indirect or mixed.")]
Act = Annotated[
    str | None, Query(description="What the cue reports: speech (said or written), belief or stance.")
]


def _overview(request: Request) -> dict[str, Any]:
    with cursor(request) as (cur, db):
        return {**data.overview(cur, db.cache), "timeline": insights.corpus_timeline(cur, db.cache)}


@router.get("/api/overview", tags=["home"], summary="Corpus size, date range, outlets, most-quoted speakers")
def overview_api(request: Request) -> dict[str, Any]:
    """JSON twin of the home page."""
    return _overview(request)


@router.get("/", include_in_schema=False)
def home_page(request: Request) -> Response:
    """The home page."""
    result = _overview(request)
    bars = [
        Bar(s["name"] or s["speaker_id"], s["quotes"], speaker_url(s["speaker_id"]))
        for s in result["top_speakers"]
    ]
    chart = bar_chart(bars, title="Most-quoted speakers", value_label="quotes (attributions)")
    tl = result["timeline"]
    volume = timeline_chart(
        tl["periods"],
        tl["series"],
        title="Articles per " + tl["grain"] + ", by outlet",
        value_label="articles",
        period_label=tl["grain"],
        monthly=tl["grain"] == "month",
    )
    return page(
        request, "home.html", {**result, "chart": chart, "volume_chart": volume}, json_url="/api/overview"
    )


def _search(
    request: Request,
    q: str | None,
    outlet: str | None,
    since: str | None,
    until: str | None,
    type: str | None,
    pg: Page,
    act: str | None = None,
) -> dict[str, Any]:
    f = insights.Filters(
        outlet=clean_text(outlet),
        since=clean_date(since, "since"),
        until=clean_date(until, "until"),
        type=clean_type(type),
        act=clean_act(act),
    )
    with cursor(request) as (cur, db):
        return insights.search(cur, db.cache, clean_text(q), pg, f)


@router.get(
    "/api/search", tags=["search"], summary="Search quotes (with dates, type, act, timeline and facet counts)"
)
def search_api(
    request: Request,
    pg: Annotated[Page, Depends(paging)],
    q: Q = None,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    type: Type = None,
    act: Act = None,
) -> dict[str, Any]:
    """Quotes whose content has every search term at a word start, newest first; with the matches per period
    and outlet (``timeline``) and their counts by outlet, type, act and year (``facets``). ``act``: speech
    keeps what was said or written, leaving out beliefs ("believes") and stances ("praised")."""
    return _search(request, q, outlet, since, until, type, pg, act)


@router.get(
    "/api/search.csv",
    tags=["search"],
    summary="Search results as CSV",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def search_csv(
    request: Request,
    pg: Annotated[Page, Depends(paging)],
    q: Q = None,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    type: Type = None,
    act: Act = None,
) -> Response:
    """CSV twin of the search page: one row per quote of the JSON twin's ``quotes``."""
    return csv_response(_search(request, q, outlet, since, until, type, pg, act)["quotes"], "search.csv")


@router.get("/search", include_in_schema=False)
def search_page(
    request: Request,
    pg: Annotated[Page, Depends(paging)],
    q: Q = None,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    type: Type = None,
    act: Act = None,
) -> Response:
    """Search results page."""
    result = _search(request, q, outlet, since, until, type, pg, act)
    params = {"q": q, "outlet": outlet, "since": since, "until": until, "type": type, "act": act}
    twin = query("/api/search", limit=pg.limit, offset=pg.offset, **params)
    csv = query("/api/search.csv", limit=pg.limit, offset=pg.offset, **params)
    tl = result["timeline"]
    chart = (
        timeline_chart(
            tl["periods"],
            tl["series"],
            title="Matching quotes per " + tl["grain"] + ", by outlet",
            value_label="quotes",
            period_label=tl["grain"],
            monthly=tl["grain"] == "month",
        )
        if tl
        else None
    )
    return page(
        request,
        "search.html",
        {
            **result,
            "search_q": q or "",
            "outlet": outlet or "",
            "params": params,
            "chart": chart,
            "csv_url": csv,
        },
        json_url=twin,
    )
