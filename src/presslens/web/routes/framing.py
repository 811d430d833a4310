"""Framing pages: technique rates per outlet and over time with example spans, and framing × attribution
(how each outlet wraps one speaker's statements); JSON and CSV twins."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from presslens import queries
from presslens.web import insights, wrapping
from presslens.web.charts import Bar, bar_chart, line_chart
from presslens.web.export import csv_response
from presslens.web.highlight import speaker_url
from presslens.web.paging import Page, paging
from presslens.web.render import page, query
from presslens.web.routes.common import clean_date, clean_sort, clean_text, cursor

router = APIRouter()

Technique = Annotated[str | None, Query(description="Only this technique (exact name, e.g. Loaded_Language).")]
Outlet = Annotated[str | None, Query(description="Only this outlet (any case).")]
Text = Annotated[str | None, Query(description="Only spans containing this text (any case).")]
Since = Annotated[str | None, Query(description="Only articles published on or after this day (YYYY-MM-DD).")]
Until = Annotated[str | None, Query(description="Only articles published on or before this day (YYYY-MM-DD).")]
Sort = Annotated[str | None, Query(description="score (highest first; default), date (newest first), technique or outlet (A–Z); a leading - reverses.")]
Grain = Annotated[str | None, Query(description="Timeline periods: week, month or year (default: from the span).")]


def _filters(technique: str | None, outlet: str | None, text: str | None, since: str | None,
             until: str | None) -> insights.Filters:
    return insights.Filters(technique=clean_text(technique), outlet=clean_text(outlet), contains=clean_text(text),
                            since=clean_date(since, "since"), until=clean_date(until, "until"))


def _framing(request: Request, pg: Page, f: insights.Filters, sort: str | None, grain: str | None) -> dict[str, Any]:
    chosen = clean_sort(sort, queries.FRAMING_SORT_SQL, "score")
    if grain not in (None, "", *queries.GRAINS):
        raise HTTPException(422, "grain must be week, month or year")
    with cursor(request) as (cur, db):
        overview = insights.framing_overview(cur, db.cache, f, grain or None)
        return {**overview, **insights.framing_spans(cur, db.cache, pg, f, chosen)}


@router.get("/api/framing", tags=["framing"],
            summary="Framing: technique rates per outlet (per 1,000 words) and over time, example spans")
def framing_api(request: Request, pg: Annotated[Page, Depends(paging)], technique: Technique = None,
                outlet: Outlet = None, text: Text = None, since: Since = None, until: Until = None,
                sort: Sort = None, grain: Grain = None) -> dict[str, Any]:
    """JSON twin of the framing page."""
    return _framing(request, pg, _filters(technique, outlet, text, since, until), sort, grain)


@router.get("/api/framing.csv", tags=["framing"], summary="The framing page's example spans as CSV",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def framing_csv(request: Request, pg: Annotated[Page, Depends(paging)], technique: Technique = None,
                outlet: Outlet = None, text: Text = None, since: Since = None, until: Until = None,
                sort: Sort = None) -> Response:
    """CSV twin of the framing page: one row per span of the JSON twin's ``spans``."""
    result = _framing(request, pg, _filters(technique, outlet, text, since, until), sort, None)
    return csv_response(result["spans"], "framing.csv")


@router.get("/api/framing/outlets.csv", tags=["framing"], summary="Framing rates per outlet as CSV",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def framing_outlets_csv(request: Request, technique: Technique = None, since: Since = None,
                        until: Until = None) -> Response:
    """CSV of the JSON twin's ``outlets``: per outlet its words, spans and rate, and per technique."""
    f = _filters(technique, None, None, since, until)
    with cursor(request) as (cur, db):
        result = insights.framing_overview(cur, db.cache, f, None)
    return csv_response(result["outlets"], "framing-outlets.csv")


@router.get("/framing", include_in_schema=False)
def framing_page(request: Request, pg: Annotated[Page, Depends(paging)], technique: str | None = None,
                 outlet: str | None = None, text: str | None = None, since: str | None = None,
                 until: str | None = None, sort: str | None = None, grain: str | None = None) -> Response:
    """The framing page."""
    f = _filters(technique, outlet, text, since, until)
    result = _framing(request, pg, f, sort, grain)
    bars = [Bar(insights.outlet_label(o["outlet"]), o["per_1000_words"] or 0,
                query("/framing", outlet=o["outlet"], technique=technique)) for o in result["outlets"]]
    rate_chart = bar_chart(bars, title="Framing spans per 1,000 words, per outlet", value_label="spans per 1,000 words")
    tl = result["timeline"]
    time_chart = line_chart(tl["periods"], tl["series"], title="Framing spans per 1,000 words over time",
                            value_label="per 1,000 words", period_label=tl["grain"])
    params = {"technique": technique, "outlet": outlet, "text": text, "since": since, "until": until}
    twin = query("/api/framing", limit=pg.limit, offset=pg.offset, sort=sort, grain=grain, **params)
    csv = query("/api/framing.csv", limit=pg.limit, offset=pg.offset, sort=sort, **params)
    return page(request, "framing.html", {**result, "params": params, "base": "/framing", "csv_url": csv,
                                          "rate_chart": rate_chart, "time_chart": time_chart,
                                          "top_speakers": _top_speakers(request)}, json_url=twin)


def _top_speakers(request: Request) -> list[dict[str, Any]]:
    with cursor(request) as (cur, db):
        return db.cache.get(("framing-top-speakers",), lambda: [
            {"speaker_id": r["speaker_id"], "name": r["name"], "quotes": int(r["quotes"])}
            for r in queries.records(queries.speakers(cur, limit=12))])


def _speaker_framing(request: Request, speaker_id: str) -> dict[str, Any]:
    with cursor(request) as (cur, db):
        result = wrapping.speaker_framing(cur, db.cache, speaker_id)
    if result is None:
        raise HTTPException(404, "no such speaker in this database")
    return result


@router.get("/api/speakers/{speaker_id}/framing", tags=["framing"],
            summary="Framing × attribution: how each outlet wraps one speaker's statements in loaded language")
def speaker_framing_api(request: Request, speaker_id: str) -> dict[str, Any]:
    """JSON twin of the speaker's framing page."""
    return _speaker_framing(request, speaker_id)


@router.get("/api/speakers/{speaker_id}/framing.csv", tags=["framing"],
            summary="Framing × attribution per outlet as CSV",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def speaker_framing_csv(request: Request, speaker_id: str) -> Response:
    """CSV twin: one row per outlet of the JSON twin's ``outlets`` (examples left out)."""
    return csv_response(wrapping.framing_rows_csv(_speaker_framing(request, speaker_id)), "speaker-framing.csv")


@router.get("/speakers/{speaker_id}/framing", include_in_schema=False)
def speaker_framing_page(request: Request, speaker_id: str) -> Response:
    """The framing × attribution page of one speaker."""
    result = _speaker_framing(request, speaker_id)
    bars = [Bar(insights.outlet_label(o["outlet"]), round(100 * (o["wrapped_share"] or 0), 1))
            for o in result["outlets"]]
    chart = bar_chart(bars, title=f"Share of {result['speaker']['name']}'s statements wrapped in framing, per outlet",
                      value_label="% of statements with framing in or around their sentence")
    base = speaker_url(speaker_id)
    return page(request, "speaker_framing.html", {**result, "chart": chart, "base": base,
                                                  "csv_url": "/api" + base + "/framing.csv"},
                json_url="/api" + base + "/framing")
