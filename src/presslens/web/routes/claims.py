"""Claims page: check-worthy claims across the corpus, ranked, filterable and sortable; JSON and CSV twins."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from presslens import queries
from presslens.web import insights
from presslens.web.export import csv_response
from presslens.web.paging import Page, paging
from presslens.web.render import page, query
from presslens.web.routes.common import clean_date, clean_score, clean_sort, clean_text, cursor

router = APIRouter()

Text = Annotated[str | None, Query(description="Only claims containing this text (any case).")]
Speaker = Annotated[str | None, Query(description="Only claims whose speaker's name contains this (any case).")]
SpeakerId = Annotated[str | None, Query(description="Only claims of this corpus speaker (speaker_id).")]
Outlet = Annotated[str | None, Query(description="Only claims published by this outlet (any case).")]
Since = Annotated[str | None, Query(description="Only claims made on or after this day (YYYY-MM-DD).")]
Until = Annotated[str | None, Query(description="Only claims made on or before this day (YYYY-MM-DD).")]
Sort = Annotated[str | None, Query(description="score (highest first; default), date (newest first), outlet or speaker (A–Z); a leading - reverses.")]
MinScore = Annotated[float | None, Query(description="Lowest check-worthiness shown, 0–1 (default 0.5).")]


def _claims(request: Request, pg: Page, text: str | None, speaker: str | None, speaker_id: str | None,
            outlet: str | None, since: str | None, until: str | None, sort: str | None,
            min_score: float | None) -> dict[str, Any]:
    f = insights.Filters(contains=clean_text(text), speaker=clean_text(speaker), speaker_id=clean_text(speaker_id),
                         outlet=clean_text(outlet), since=clean_date(since, "since"), until=clean_date(until, "until"))
    chosen = clean_sort(sort, queries.CLAIM_SORT_SQL, "score")
    with cursor(request) as (cur, db):
        return insights.claims(cur, db.cache, pg, f, chosen, clean_score(min_score))


@router.get("/api/claims", tags=["claims"],
            summary="Check-worthy claims, ranked, with quantities and the same claim in other articles")
def claims_api(request: Request, pg: Annotated[Page, Depends(paging)], text: Text = None, speaker: Speaker = None,
               speaker_id: SpeakerId = None, outlet: Outlet = None, since: Since = None, until: Until = None,
               sort: Sort = None, min_score: MinScore = None) -> dict[str, Any]:
    """JSON twin of the claims page."""
    return _claims(request, pg, text, speaker, speaker_id, outlet, since, until, sort, min_score)


@router.get("/api/claims.csv", tags=["claims"], summary="The claims list as CSV",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def claims_csv(request: Request, pg: Annotated[Page, Depends(paging)], text: Text = None, speaker: Speaker = None,
               speaker_id: SpeakerId = None, outlet: Outlet = None, since: Since = None, until: Until = None,
               sort: Sort = None, min_score: MinScore = None) -> Response:
    """CSV twin of the claims page: one row per claim of the JSON twin's ``claims``."""
    result = _claims(request, pg, text, speaker, speaker_id, outlet, since, until, sort, min_score)
    return csv_response(result["claims"], "claims.csv")


@router.get("/claims", include_in_schema=False)
def claims_page(request: Request, pg: Annotated[Page, Depends(paging)], text: str | None = None,
                speaker: str | None = None, speaker_id: str | None = None, outlet: str | None = None,
                since: str | None = None, until: str | None = None, sort: str | None = None,
                min_score: float | None = None) -> Response:
    """The claims page."""
    result = _claims(request, pg, text, speaker, speaker_id, outlet, since, until, sort, min_score)
    params = {"text": text, "speaker": speaker, "speaker_id": speaker_id, "outlet": outlet, "since": since,
              "until": until, "min_score": min_score}
    twin = query("/api/claims", limit=pg.limit, offset=pg.offset, sort=sort, **params)
    csv = query("/api/claims.csv", limit=pg.limit, offset=pg.offset, sort=sort, **params)
    return page(request, "claims.html", {**result, "params": params, "base": "/claims", "csv_url": csv},
                json_url=twin)
