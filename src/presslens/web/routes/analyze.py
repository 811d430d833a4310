"""Analyze page: paste text or give a URL, see the article view; nothing is stored.

Text is limited to ``MAX_TEXT_BYTES`` (UTF-8). URLs go through ``presslens.web.fetch``, which
refuses non-HTTP(S) schemes and hosts resolving to non-public addresses before connecting.
The form is read as ``application/x-www-form-urlencoded`` with the standard library, so no
multipart parser is needed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, Field

from presslens.schema import Article, InputError
from presslens.web.fetch import FetchRefused, fetch_public
from presslens.web.highlight import article_view
from presslens.web.render import page

if TYPE_CHECKING:
    from presslens.pipeline import Pipeline

router = APIRouter()

MAX_TEXT_BYTES = 200_000
_PIPELINE_LOCK = threading.Lock()


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


def build_article(form: AnalyzeRequest) -> Article:
    """The Article to analyse from pasted text or a fetched URL; AnalyzeError when refused."""
    # browsers send textarea line breaks as CRLF; analyse (and show) the text with plain newlines
    text = (form.text or "").strip("\ufeff").replace("\r\n", "\n")
    url = (form.url or "").strip()
    published = _clean_date(form.published)
    meta = {"title": (form.title or "").strip() or None, "outlet": (form.outlet or "").strip() or None}
    if text.strip() and url:
        raise AnalyzeError(422, "give either text or a URL, not both")
    if url:
        try:
            final_url, body = fetch_public(url)
        except FetchRefused as exc:
            raise AnalyzeError(422, f"URL refused: {exc}") from None
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
    size = len(article.text.encode("utf-8", "surrogatepass"))
    if size > MAX_TEXT_BYTES:
        raise AnalyzeError(413, f"the text is {size // 1000} kB; the analyze page takes at most "
                                f"{MAX_TEXT_BYTES // 1000} kB — split the article or use `presslens analyze`")
    return article


def run_analysis(request: Request, form: AnalyzeRequest) -> dict[str, Any]:
    """Fetch/build and analyse; runs in a worker thread."""
    article = build_article(form)
    analyzer = request.app.state.analyzer or default_analyzer
    try:
        return analyzer(article)
    except InputError as exc:
        raise AnalyzeError(422, f"cannot analyse this text: {exc.reason}") from None


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
        record = await run_in_threadpool(run_analysis, request, form)
    except AnalyzeError as exc:
        context["error"] = exc.message
        return page(request, "analyze.html", context, status=exc.status)
    context.update(record=record, view=article_view(record))
    return page(request, "analyze.html", context)


@router.post("/api/analyze", tags=["analyze"], summary="Analyse text or a URL without storing it")
async def analyze_api(body: AnalyzeRequest, request: Request) -> dict[str, Any]:
    """Return the record (the JSON contract: attributions, entities, dates, claims, framing)."""
    try:
        return await run_in_threadpool(run_analysis, request, body)
    except AnalyzeError as exc:
        raise HTTPException(exc.status, exc.message) from None
