"""Analyze page: paste text or give a URL, see the article view; nothing is stored.

Text is limited to ``MAX_TEXT_BYTES`` (UTF-8). URLs go through ``presslens.web.fetch``, which
refuses non-HTTP(S) schemes and hosts resolving to non-public addresses before connecting.
The form is read as ``application/x-www-form-urlencoded`` with the standard library, so no
multipart parser is needed.

The work runs in the app's own bounded lanes (``presslens.web.jobs``), never in the thread pool
of ordinary requests: a URL is fetched in the fetch lane (a few at once, each within a total
deadline), the analysis runs in the analysis lane (one at a time per worker process, a few
waiting). A request that finds its lane full gets 503 with ``Retry-After``; a request whose
client disconnects is cancelled (dropped from the queue, or stopped while it runs).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from presslens.schema import Article, InputError
from presslens.web.fetch import Deadline, FetchRefused, fetch_public
from presslens.web.highlight import article_view
from presslens.web.jobs import JobDropped, Lane, LaneFull
from presslens.web.render import page

if TYPE_CHECKING:
    from presslens.pipeline import Pipeline

router = APIRouter()
log = logging.getLogger("presslens.web")

MAX_TEXT_BYTES = 200_000
_PIPELINE_LOCK = threading.Lock()
T = TypeVar("T")

Fetcher = Callable[[str, Deadline], tuple[str, bytes]]


def public_fetcher(url: str, deadline: Deadline) -> tuple[str, bytes]:
    """The default fetcher: public http(s) addresses only (``presslens.web.fetch``)."""
    return fetch_public(url, deadline=deadline)


@dataclass
class AnalyzeLanes:
    """Per-process limits of the analyze page: its lanes, fetcher and fetch deadline."""

    analysis: Lane = field(default_factory=lambda: Lane("analysis", workers=1, waiting=4))
    fetch: Lane = field(default_factory=lambda: Lane("fetch", workers=4, waiting=4))
    fetcher: Fetcher = public_fetcher
    fetch_deadline_s: float = 15.0


class AnalyzeRequest(BaseModel):
    """Body of ``POST /api/analyze``: ``text`` or ``url`` (one of them), optional metadata."""

    text: str | None = Field(None, description=f"Article text, at most {MAX_TEXT_BYTES // 1000} kB of UTF-8.")
    url: str | None = Field(None, description="A public http(s) URL to fetch and analyse instead of text.")
    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD.")


class AnalyzeError(ValueError):
    """The input cannot be analysed; carries the HTTP status and a one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def pipeline_analyzer(pipeline: Pipeline) -> Callable[[Article], dict[str, Any]]:
    """An analyzer for ``create_app``: ``pipeline`` analyses one article at a time, as a record dict."""
    lock = threading.Lock()  # a Pipeline (spaCy) is not meant to be used from two threads at once

    def analyzer(article: Article) -> dict[str, Any]:
        with lock:
            return pipeline.analyze(article).to_dict()

    return analyzer


def default_analyzer(article: Article) -> dict[str, Any]:
    """Analyse with the process-wide Pipeline (loaded on first use; one article at a time)."""
    from presslens.pipeline import default_pipeline

    with _PIPELINE_LOCK:
        return default_pipeline().analyze(article).to_dict()


def _clean_date(value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise AnalyzeError(422, f"published date {value.strip()[:40]!r} is not in YYYY-MM-DD form") from None


def headline(text: str) -> str | None:
    """The first line of pasted text when it reads as a headline (short, followed by a blank line)."""
    first, _, rest = text.strip().partition("\n")
    if 0 < len(first.strip()) <= 160 and rest.startswith(("\n", "\r\n")) and not first.rstrip().endswith((".", ":")):
        return first.strip()
    return None


def check_form(form: AnalyzeRequest) -> str | None:
    """The URL to fetch (None for pasted text); AnalyzeError when the form cannot be analysed."""
    url = (form.url or "").strip()
    _clean_date(form.published)
    if (form.text or "").strip() and url:
        raise AnalyzeError(422, "give either text or a URL, not both")
    if not url and not (form.text or "").strip("\ufeff").strip():
        raise AnalyzeError(422, "paste an article's text or give its URL")
    _check_size(form.text or "")
    return url or None


def _check_size(text: str) -> None:
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_TEXT_BYTES:
        raise AnalyzeError(413, f"the text is {size // 1000} kB; the analyze page takes at most "
                                f"{MAX_TEXT_BYTES // 1000} kB — split the article or use `presslens analyze`")


def fetch_page(url: str, fetcher: Fetcher, deadline: Deadline) -> tuple[str, bytes]:
    """Fetch ``url`` within ``deadline``; AnalyzeError when refused or failed."""
    try:
        return fetcher(url, deadline)
    except FetchRefused as exc:
        raise AnalyzeError(422, f"URL refused: {exc}") from None
    finally:
        deadline.close()


def build_article(form: AnalyzeRequest, fetched: tuple[str, bytes] | None = None) -> Article:
    """The Article to analyse from pasted text or a fetched page (final URL, body); AnalyzeError when refused."""
    # browsers send textarea line breaks as CRLF; analyse (and show) the text with plain newlines
    text = (form.text or "").strip("\ufeff").replace("\r\n", "\n")
    url = (form.url or "").strip()
    published = _clean_date(form.published)
    meta = {"title": (form.title or "").strip() or None, "outlet": (form.outlet or "").strip() or None}
    if text.strip() and url:
        raise AnalyzeError(422, "give either text or a URL, not both")
    if url:
        if fetched is None:
            raise AnalyzeError(422, "the URL was not fetched")
        final_url, body = fetched
        from presslens.sources.html import article_from_html

        try:
            article = article_from_html(body, origin=final_url, url=final_url)
        except InputError as exc:
            raise AnalyzeError(422, f"could not read the page: {exc.reason}") from None
        if meta["title"]:
            article.title = meta["title"]
        if meta["outlet"]:
            article.outlet = meta["outlet"]
    elif text.strip():
        meta["title"] = meta["title"] or headline(text)
        article = Article(text=text, origin="<pasted>", **meta)
    else:
        raise AnalyzeError(422, "paste an article's text or give its URL")
    if published:
        article.published = published
    _check_size(article.text)
    return article


def run_analysis(analyzer: Callable[[Article], dict[str, Any]], form: AnalyzeRequest,
                 fetched: tuple[str, bytes] | None) -> dict[str, Any]:
    """Build the article and analyse it; runs in the analysis lane."""
    article = build_article(form, fetched)
    try:
        return analyzer(article)
    except InputError as exc:
        raise AnalyzeError(422, f"cannot analyse this text: {exc.reason}") from None


class ClientGone(Exception):
    """The client disconnected before its answer was ready."""


async def _disconnected(request: Request) -> None:
    """Return when the client closes the connection (call only after the body has been read)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


async def unless_disconnected(request: Request, work: Awaitable[T]) -> T:
    """Await ``work``, cancelling it as soon as the client disconnects (then ClientGone)."""
    task = asyncio.ensure_future(work)
    watch = asyncio.ensure_future(_disconnected(request))
    try:
        done, _ = await asyncio.wait({task, watch}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        watch.cancel()
    if task in done:
        return task.result()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await task
    raise ClientGone


async def analyze_record(request: Request, form: AnalyzeRequest) -> dict[str, Any]:
    """Fetch (when a URL is given) and analyse in the app's lanes, cancelled if the client goes away.

    AnalyzeError for input that cannot be analysed, HTTPException 503 (with Retry-After) when a lane
    is full, ClientGone when the client disconnected.
    """
    lanes: AnalyzeLanes = request.app.state.analyze_lanes
    analyzer = request.app.state.analyzer or default_analyzer
    url = check_form(form)

    async def work() -> dict[str, Any]:
        fetched = None
        if url is not None:
            deadline = Deadline(lanes.fetch_deadline_s)
            fetched = await lanes.fetch.run(lambda: fetch_page(url, lanes.fetcher, deadline), cancel=deadline.abort)
        return await lanes.analysis.run(lambda: run_analysis(analyzer, form, fetched))

    try:
        return await unless_disconnected(request, work())
    except LaneFull as exc:
        what = "fetching other pages" if exc.lane == "fetch" else "analysing other articles"
        raise HTTPException(503, f"the server is busy {what}; try again in {exc.retry_after} s",
                            headers={"Retry-After": str(exc.retry_after)}) from None
    except JobDropped:  # cancelled while running; only reached if the client is gone anyway
        raise ClientGone from None


async def _read_form(request: Request) -> AnalyzeRequest:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/x-www-form-urlencoded":
        raise HTTPException(415, "send the form as application/x-www-form-urlencoded")
    raw = await request.body()
    try:
        fields = parse_qs(raw.decode("utf-8"), keep_blank_values=True, max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(400, "the form could not be decoded") from None
    values = {k: v[0] for k, v in fields.items() if k in AnalyzeRequest.model_fields and v}
    return AnalyzeRequest(**values)


@router.get("/analyze", include_in_schema=False)
def analyze_form(request: Request) -> Response:
    """The empty analyze form."""
    return page(request, "analyze.html", {"form": AnalyzeRequest(), "error": None, "view": None, "record": None,
                                          "max_kb": MAX_TEXT_BYTES // 1000}, json_url=None)


@router.post("/analyze", include_in_schema=False)
async def analyze_page(request: Request) -> Response:
    """Analyse the submitted form and show the article view (or the form with the reason it failed)."""
    form = await _read_form(request)
    context: dict[str, Any] = {"form": form, "error": None, "view": None, "record": None,
                               "max_kb": MAX_TEXT_BYTES // 1000}
    try:
        record = await analyze_record(request, form)
    except AnalyzeError as exc:
        context["error"] = exc.message
        return page(request, "analyze.html", context, status=exc.status)
    except HTTPException as exc:  # busy: the form again, with the reason and Retry-After
        context["error"] = exc.detail
        response = page(request, "analyze.html", context, status=exc.status_code)
        response.headers.update(exc.headers or {})
        return response
    except ClientGone:
        return Response(status_code=499)  # nobody reads it; the work was cancelled
    context.update(record=record, view=article_view(record))
    return page(request, "analyze.html", context)


@router.post("/api/analyze", tags=["analyze"], summary="Analyse text or a URL without storing it")
async def analyze_api(body: AnalyzeRequest, request: Request) -> dict[str, Any]:
    """Return the record (the JSON contract: attributions, entities, dates, claims, framing)."""
    try:
        return await analyze_record(request, body)
    except AnalyzeError as exc:
        raise HTTPException(exc.status, exc.message) from None
    except ClientGone:
        return Response(status_code=499)  # type: ignore[return-value]  # nobody reads it
