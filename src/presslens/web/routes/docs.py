"""A self-hosted API reference page that renders ``/openapi.json`` with a small static script."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

from presslens.web.paging import MAX_LIMIT
from presslens.web.render import STATIC, page

router = APIRouter()


@router.get("/docs", include_in_schema=False)
def api_docs(request: Request) -> Response:
    """The API reference (no CDN: the list is drawn by /static/docs.js from /openapi.json)."""
    return page(request, "docs.html", {"max_limit": MAX_LIMIT}, json_url="/openapi.json")


@router.get("/api", tags=["api"], summary="List of the API endpoints")
def api_index(request: Request) -> dict[str, Any]:
    """Every JSON endpoint with its method and summary, plus where the full description lives."""
    spec = request.app.openapi()
    endpoints = [{"method": method.upper(), "path": path, "summary": op.get("summary")}
                 for path, ops in spec["paths"].items() for method, op in ops.items()]
    return {"endpoints": endpoints, "openapi": "/openapi.json", "docs": "/docs"}


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> FileResponse:
    """Browsers ask for /favicon.ico on pages without an icon link (the JSON twins)."""
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")
