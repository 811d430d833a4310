"""Outlets page: per outlet its articles, most-quoted speakers and share of direct vs indirect quotes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from presslens.web import data, wrapping
from presslens.web.charts import share_chart
from presslens.web.export import csv_response
from presslens.web.highlight import outlet_url
from presslens.web.paging import Page, paging
from presslens.web.render import page, query
from presslens.web.routes.common import cursor

router = APIRouter()


def _outlets(request: Request, pg: Page) -> dict[str, Any]:
    with cursor(request) as (cur, db):
        return {**data.outlets_detail(cur, db.cache, pg), "same_statement": wrapping.outlet_comparison(cur, db.cache)}


@router.get("/api/outlets", tags=["outlets"],
            summary="Outlets: articles, attributions by type, most-quoted speakers, the same statement across outlets")
def outlets_api(request: Request, pg: Annotated[Page, Depends(paging)]) -> dict[str, Any]:
    """JSON twin of the outlets page."""
    return _outlets(request, pg)


@router.get("/api/outlets.csv", tags=["outlets"], summary="The outlets table as CSV",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def outlets_csv(request: Request, pg: Annotated[Page, Depends(paging)]) -> Response:
    """CSV twin of the outlets page: one row per outlet of the JSON twin's ``outlets``."""
    return csv_response(_outlets(request, pg)["outlets"], "outlets.csv")


@router.get("/outlets", include_in_schema=False)
def outlets_page(request: Request, pg: Annotated[Page, Depends(paging)]) -> Response:
    """The outlets page."""
    result = _outlets(request, pg)
    rows = [(o["outlet"] or data.NO_OUTLET, o["types"], outlet_url(o["outlet"]) if o["outlet"] else None)
            for o in result["outlets"]]
    chart = share_chart(rows, title="Direct, indirect and mixed quotes per outlet")
    return page(request, "outlets.html", {**result, "chart": chart,
                                          "csv_url": query("/api/outlets.csv", limit=pg.limit, offset=pg.offset)},
                json_url=query("/api/outlets", limit=pg.limit, offset=pg.offset))
