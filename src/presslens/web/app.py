"""The FastAPI application: middleware, error handling, static files and the page routers."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from presslens import settings
from presslens.schema import Article
from presslens.web.cache import LRU, ResponseCache, ResponseCacheMiddleware
from presslens.web.db import Database
from presslens.web.render import STATIC, error_response
from presslens.web.routes.analyze import AnalyzeLanes
from presslens.web.security import (
    DEFAULT_MAX_BODY,
    BodySizeLimitMiddleware,
    HeadAsGetMiddleware,
    RequestHeadLimitMiddleware,
    SecurityHeadersMiddleware,
)

log = logging.getLogger("presslens.web")

Analyzer = Callable[[Article], dict[str, Any]]

STATUS_TEXT = {400: "Bad request.", 403: "Forbidden.", 404: "Not found.", 405: "Method not allowed.",
               413: "Request body too large.", 422: "Invalid parameters."}


def create_app(db: str | Path | Database | None, *, analyzer: Analyzer | None = None,
               max_body: int = DEFAULT_MAX_BODY, allowed_hosts: list[str] | None = None,
               close_db: bool = False, server_headers: bool = False,
               analyze_lanes: AnalyzeLanes | None = None, cache_bytes: int | None = None) -> FastAPI:
    """Build the web application over the database at ``db`` (opened read-only).

    ``analyzer`` turns an Article into a record (the JSON contract) for the analyze page; by
    default the process-wide presslens Pipeline, loaded on first use. ``allowed_hosts`` limits
    the Host header (defence against DNS rebinding when serving on loopback). A database given as a
    path (or with ``close_db``) is closed when the app shuts down. ``server_headers``: the HTTP
    server adds the security headers itself (``presslens serve``), so the app must not add them
    again. ``analyze_lanes`` sets the analyze page's queue sizes, fetcher and fetch deadline.
    ``cache_bytes`` bounds the two caches together (two thirds for data, one third for finished
    answers; default 128 + 64 MB).
    """
    from presslens.web.routes import (
        analyze,
        articles,
        claims,
        docs,
        entities,
        framing,
        home,
        outlets,
        speakers,
    )

    owned = close_db or (not isinstance(db, Database) and db is not None)
    database = db if isinstance(db, Database) or db is None else Database(db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned and database is not None:
            database.close()

    app = FastAPI(title="presslens", version=_version(), docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Who said what in a presslens database. Every page has a JSON twin under /api; "
                              "lists take limit (capped) and offset.")
    app.state.db = database
    app.state.analyzer = analyzer
    app.state.analyze_lanes = analyze_lanes or AnalyzeLanes()
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    for module in (home, framing, speakers, articles, outlets, claims, entities, analyze, docs):
        app.include_router(module.router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        shown = exc.status_code < 500 or exc.status_code == 503  # our own 503 says what to do
        detail = exc.detail if isinstance(exc.detail, str) and shown else None
        response = error_response(request, exc.status_code, detail or STATUS_TEXT.get(exc.status_code, "Error."))
        response.headers.update(exc.headers or {})  # Retry-After of a 503, Allow of a 405
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        fields = sorted({".".join(str(p) for p in err.get("loc", ())[1:]) or "request" for err in exc.errors()})
        return error_response(request, 422, "Invalid value for: " + ", ".join(fields))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        response = error_response(request, 500, "Internal error; the server log has the details.")
        if not server_headers:  # this answer bypasses the middleware below
            for name, value in _security_headers().items():
                response.headers[name] = value
        return response

    # Innermost: the cache sees only requests that passed the Host check (the database is read-only
    # while served, so a stored answer stays true; see presslens.web.cache).
    if cache_bytes is not None and database is not None:
        database.cache = LRU(max_bytes=cache_bytes * 2 // 3)
    app.state.response_cache = ResponseCache(cache_bytes // 3) if cache_bytes is not None else ResponseCache()
    app.add_middleware(ResponseCacheMiddleware, cache=app.state.response_cache)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=max_body)
    app.add_middleware(HeadAsGetMiddleware)  # outside the cache: a HEAD is answered from a cached GET
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(RequestHeadLimitMiddleware)
    app.add_middleware(SecurityHeadersMiddleware, added_by_server=server_headers)
    return app


ENV_DB = settings.SERVE_DB
ENV_HOSTS = settings.SERVE_ALLOWED_HOSTS
ENV_THREADS = settings.SERVE_THREADS
ENV_SERVER_HEADERS = settings.SERVE_SERVER_HEADERS
ENV_CACHE_MB = settings.SERVE_CACHE_MB


def app_from_environment() -> FastAPI:
    """App factory for ``uvicorn --workers N``: each worker process opens the database read-only itself.

    Reads the database path, allowed Host values (comma-separated), DuckDB threads, whether
    the server adds the security headers and the cache size from ``PRESSLENS_SERVE_DB``,
    ``PRESSLENS_SERVE_ALLOWED_HOSTS``, ``PRESSLENS_SERVE_THREADS``, ``PRESSLENS_SERVE_SERVER_HEADERS``
    and ``PRESSLENS_SERVE_CACHE_MB`` (``presslens.settings``; ``presslens serve`` sets them).
    """
    path = settings.get(ENV_DB)
    if path is None:
        raise RuntimeError(f"{ENV_DB} is not set: start the server with `presslens serve --db FILE`")
    hosts = settings.get(ENV_HOSTS)
    database = Database(path, threads=settings.get(ENV_THREADS))
    cache_mb = settings.get(ENV_CACHE_MB)
    return create_app(database, allowed_hosts=hosts or None, close_db=True,
                      server_headers=settings.get(ENV_SERVER_HEADERS),
                      cache_bytes=int(cache_mb * 2**20) if cache_mb else None)


def _security_headers() -> dict[str, str]:
    from presslens.web.security import SECURITY_HEADERS

    return SECURITY_HEADERS


def _version() -> str:
    try:
        from presslens import __version__

        return __version__
    except ImportError:  # pragma: no cover
        return "0"
