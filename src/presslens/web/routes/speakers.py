"""Speaker list and speaker page (quotes with filters, timeline by outlet, quote variants), with JSON twins."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from presslens import queries
from presslens.web import data
from presslens.web.charts import timeline_chart
from presslens.web.export import csv_response
from presslens.web.highlight import speaker_url
from presslens.web.paging import Page, paging
from presslens.web.render import page, query
from presslens.web.routes.common import clean_act, clean_date, clean_sort, clean_text, clean_type, cursor

router = APIRouter()

Text = Annotated[str | None, Query(description="Only quotes containing this text (any case).")]
Outlet = Annotated[str | None, Query(description="Only quotes published by this outlet.")]
Since = Annotated[str | None, Query(description="Only quotes said on or after this day (YYYY-MM-DD).")]
Until = Annotated[str | None, Query(description="Only quotes said on or before this day (YYYY-MM-DD).")]
Type = Annotated[str | None, Query(description="direct, indirect or mixed.")]
Act = Annotated[
    str | None, Query(description="What the cue reports: speech (said or written), belief or stance.")
]
Grain = Annotated[
    str | None, Query(description="Timeline periods: week or month (default: chosen from the span).")
]


Q = Annotated[str | None, Query(description="Part of a name or alias.")]
Kind = Annotated[str | None, Query(description="person, organization, group, …")]
Sort = Annotated[
    str | None, Query(description="quotes (most first; default), articles, name or kind (A–Z); - reverses.")
]


def _speakers(
    request: Request, pg: Page, q: str | None, kind: str | None, sort: str | None = None
) -> dict[str, Any]:
    chosen = clean_sort(sort, queries.SPEAKER_SORT_SQL, "quotes")
    with cursor(request) as (cur, db):
        return data.speakers_list(cur, db.cache, pg, q=clean_text(q), kind=clean_text(kind), sort=chosen)


@router.get("/api/speakers", tags=["speakers"], summary="Speakers by number of quotes")
def speakers_api(
    request: Request, pg: Annotated[Page, Depends(paging)], q: Q = None, kind: Kind = None, sort: Sort = None
) -> dict[str, Any]:
    """JSON twin of the speaker list."""
    return _speakers(request, pg, q, kind, sort)


@router.get(
    "/api/speakers.csv",
    tags=["speakers"],
    summary="The speaker list as CSV",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def speakers_csv(
    request: Request, pg: Annotated[Page, Depends(paging)], q: Q = None, kind: Kind = None, sort: Sort = None
) -> Response:
    """CSV twin of the speaker list: one row per speaker of the JSON twin's ``speakers``."""
    return csv_response(_speakers(request, pg, q, kind, sort)["speakers"], "speakers.csv")


@router.get("/speakers", include_in_schema=False)
def speakers_page(
    request: Request,
    pg: Annotated[Page, Depends(paging)],
    q: str | None = None,
    kind: str | None = None,
    sort: str | None = None,
) -> Response:
    """The speaker list."""
    result = _speakers(request, pg, q, kind, sort)
    twin = query("/api/speakers", q=q, kind=kind, sort=sort, limit=pg.limit, offset=pg.offset)
    csv = query("/api/speakers.csv", q=q, kind=kind, sort=sort, limit=pg.limit, offset=pg.offset)
    return page(
        request,
        "speakers.html",
        {**result, "params": {"q": q, "kind": kind}, "base": "/speakers", "csv_url": csv},
        json_url=twin,
    )


def _speaker(
    request: Request,
    speaker_id: str,
    pg: Page,
    text: str | None,
    outlet: str | None,
    since: str | None,
    until: str | None,
    type: str | None,
    act: str | None,
    grain: str | None,
) -> dict[str, Any]:
    filters = data.QuoteFilters(
        contains=clean_text(text),
        outlet=clean_text(outlet),
        since=clean_date(since, "since"),
        until=clean_date(until, "until"),
        type=clean_type(type),
        act=clean_act(act),
    )
    if grain not in (None, "", "week", "month"):
        raise HTTPException(422, "grain must be week or month")
    with cursor(request) as (cur, db):
        result = data.speaker_detail(cur, db.cache, speaker_id, filters, pg, grain or None)
    if result is None:
        raise HTTPException(404, "no such speaker in this database")
    return result


@router.get(
    "/api/speakers/{speaker_id}.csv",
    tags=["speakers"],
    summary="One speaker's filtered quotes as CSV",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def speaker_csv(
    request: Request,
    speaker_id: str,
    pg: Annotated[Page, Depends(paging)],
    text: Text = None,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    type: Type = None,
    act: Act = None,
) -> Response:
    """CSV twin of the speaker page's quote list: one row per quote of the JSON twin's ``quotes``."""
    result = _speaker(request, speaker_id, pg, text, outlet, since, until, type, act, None)
    return csv_response(result["quotes"], "quotes.csv")


@router.get(
    "/api/speakers/{speaker_id}",
    tags=["speakers"],
    summary="One speaker: filtered quotes, timeline by outlet, quote variants",
)
def speaker_api(
    request: Request,
    speaker_id: str,
    pg: Annotated[Page, Depends(paging)],
    text: Text = None,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    type: Type = None,
    act: Act = None,
    grain: Grain = None,
) -> dict[str, Any]:
    """JSON twin of the speaker page."""
    return _speaker(request, speaker_id, pg, text, outlet, since, until, type, act, grain)


@router.get("/speakers/{speaker_id}", include_in_schema=False)
def speaker_page(
    request: Request,
    speaker_id: str,
    pg: Annotated[Page, Depends(paging)],
    text: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    type: str | None = None,
    act: str | None = None,
    grain: str | None = None,
) -> Response:
    """The speaker page."""
    result = _speaker(request, speaker_id, pg, text, outlet, since, until, type, act, grain)
    tl = result["timeline"]
    chart = timeline_chart(
        tl["periods"],
        tl["series"],
        title=f"Quotes by {result['speaker']['name']} per {tl['grain']}",
        value_label="quotes",
        monthly=tl["grain"] == "month",
        period_label="month" if tl["grain"] == "month" else "week (starting Monday)",
    )
    params = {
        "text": text,
        "outlet": outlet,
        "since": since,
        "until": until,
        "type": type,
        "act": act,
        "grain": grain,
    }
    twin = query("/api" + speaker_url(speaker_id), limit=pg.limit, offset=pg.offset, **params)
    csv = query(
        "/api" + speaker_url(speaker_id) + ".csv",
        limit=pg.limit,
        offset=pg.offset,
        **{k: v for k, v in params.items() if k != "grain"},
    )
    return page(
        request,
        "speaker.html",
        {**result, "chart": chart, "params": params, "csv_url": csv, "base": speaker_url(speaker_id)},
        json_url=twin,
    )
