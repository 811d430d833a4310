"""Entities page: people, organisations and places mentioned across the corpus, and one entity's mentions
over time; JSON and CSV twins."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from presslens import queries
from presslens.web import insights
from presslens.web.charts import timeline_chart
from presslens.web.export import csv_response
from presslens.web.paging import Page, paging
from presslens.web.render import page
from presslens.web.render import query as with_query
from presslens.web.routes.common import clean_date, clean_sort, clean_text, cursor

router = APIRouter()

Q = Annotated[str | None, Query(description="Part of the entity's name (any case).")]
Kind = Annotated[str | None, Query(description="person, organization, place, group, …")]
Outlet = Annotated[str | None, Query(description="Only mentions in this outlet's articles (any case).")]
Since = Annotated[str | None, Query(description="Only articles published on or after this day (YYYY-MM-DD).")]
Until = Annotated[str | None, Query(description="Only articles published on or before this day (YYYY-MM-DD).")]
Sort = Annotated[str | None, Query(description="mentions (most first; default), articles, name or kind (A–Z), last (latest first); - reverses.")]


def entity_url(kind: str, name: str) -> str:
    """The page of one entity."""
    return f"/entities/{quote(kind, safe='')}/{quote(name, safe='')}"


def _entities(request: Request, pg: Page, q: str | None, kind: str | None, outlet: str | None, since: str | None,
              until: str | None, sort: str | None) -> dict[str, Any]:
    f = insights.Filters(contains=clean_text(q), kind=clean_text(kind), outlet=clean_text(outlet),
                         since=clean_date(since, "since"), until=clean_date(until, "until"))
    chosen = clean_sort(sort, queries.ENTITY_SORT_SQL, "mentions")
    with cursor(request) as (cur, db):
        return insights.entities(cur, db.cache, pg, f, chosen)


@router.get("/api/entities", tags=["entities"], summary="People, organisations and places mentioned, by mentions")
def entities_api(request: Request, pg: Annotated[Page, Depends(paging)], q: Q = None, kind: Kind = None,
                 outlet: Outlet = None, since: Since = None, until: Until = None, sort: Sort = None) -> dict[str, Any]:
    """JSON twin of the entities page."""
    return _entities(request, pg, q, kind, outlet, since, until, sort)


@router.get("/api/entities.csv", tags=["entities"], summary="The entities list as CSV",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def entities_csv(request: Request, pg: Annotated[Page, Depends(paging)], q: Q = None, kind: Kind = None,
                 outlet: Outlet = None, since: Since = None, until: Until = None, sort: Sort = None) -> Response:
    """CSV twin of the entities page: one row per entity of the JSON twin's ``entities``."""
    return csv_response(_entities(request, pg, q, kind, outlet, since, until, sort)["entities"], "entities.csv")


@router.get("/entities", include_in_schema=False)
def entities_page(request: Request, pg: Annotated[Page, Depends(paging)], q: str | None = None,
                  kind: str | None = None, outlet: str | None = None, since: str | None = None,
                  until: str | None = None, sort: str | None = None) -> Response:
    """The entities page."""
    result = _entities(request, pg, q, kind, outlet, since, until, sort)
    params = {"q": q, "kind": kind, "outlet": outlet, "since": since, "until": until}
    twin = with_query("/api/entities", limit=pg.limit, offset=pg.offset, sort=sort, **params)
    csv = with_query("/api/entities.csv", limit=pg.limit, offset=pg.offset, sort=sort, **params)
    return page(request, "entities.html", {**result, "params": params, "base": "/entities", "csv_url": csv,
                                           "entity_url": entity_url}, json_url=twin)


def _entity(request: Request, kind: str, name: str, pg: Page) -> dict[str, Any]:
    with cursor(request) as (cur, db):
        result = insights.entity_detail(cur, db.cache, kind[:100], name[:300], pg)
    if result is None:
        raise HTTPException(404, "no such entity in this database")
    return result


@router.get("/api/entities/{kind}/{name:path}", tags=["entities"],
            summary="One entity: mentions over time by outlet, articles mentioning it")
def entity_api(request: Request, kind: str, name: str, pg: Annotated[Page, Depends(paging)]) -> dict[str, Any]:
    """JSON twin of an entity's page."""
    return _entity(request, kind, name, pg)


@router.get("/entities/{kind}/{name:path}", include_in_schema=False)
def entity_page(request: Request, kind: str, name: str, pg: Annotated[Page, Depends(paging)]) -> Response:
    """One entity's page."""
    result = _entity(request, kind, name, pg)
    tl = result["timeline"]
    chart = timeline_chart(tl["periods"], tl["series"], title=f"Mentions of {result['entity']['name']}",
                           value_label="mentions", period_label=tl["grain"], monthly=tl["grain"] == "month")
    base = entity_url(kind, name)
    return page(request, "entity.html", {**result, "chart": chart, "base": base},
                json_url=with_query("/api" + base, limit=pg.limit, offset=pg.offset))
