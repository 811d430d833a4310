"""Jinja2 environment (autoescape always on), page rendering and JSON/HTML error responses."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from markupsafe import Markup, escape

from presslens.web.bidi import bdi, isolated
from presslens.web.highlight import outlet_url, speaker_url
from presslens.web.marks import mark_spans

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


def query(base: str, **params: Any) -> str:
    """``base`` with the non-empty ``params`` as a query string."""
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return base + ("?" + urlencode(kept) if kept else "")


def http_url(value: Any) -> str | None:
    """``value`` when it is an http(s) URL, else None (never a javascript: or data: link)."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def mark_terms(text: Any, terms: list[str] | tuple[str, ...] | None) -> Markup:
    """``text`` escaped, with each search term found at a word start wrapped in ``<mark class="hit">``."""
    text = "" if text is None else str(text)
    if not terms:
        return Markup(escape(text))
    pattern = re.compile("|".join(r"(?<!\w)" + re.escape(t) for t in sorted(terms, key=len, reverse=True)),
                         re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(str(escape(text[last:match.start()])))
        out.append(f'<mark class="hit">{escape(match.group())}</mark>')
        last = match.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))  # every piece above was escaped


def _fmt_score(value: Any) -> str:
    return f"{value:.2f}" if isinstance(value, int | float) else ""


def make_environment() -> jinja2.Environment:
    """The template environment: autoescape for every template, undefined names are errors."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(speaker_url=speaker_url, outlet_url=outlet_url, query=query, http_url=http_url)
    env.filters["score"] = _fmt_score
    env.filters["mark_terms"] = mark_terms
    env.filters["bdi"] = bdi  # every user-supplied value shown inline (docs: presslens.web.bidi)
    env.filters["combine_sort"] = lambda params, sort: {**params, "sort": sort}
    env.globals["mark_spans"] = mark_spans
    env.filters["isolated"] = isolated  # the same where no element may appear (<title>, <option>)
    return env


ENV = make_environment()


def page(request: Request, template: str, context: dict[str, Any], *, status: int = 200,
         json_url: str | None = None) -> HTMLResponse:
    """Render ``template`` with ``context``; ``json_url`` is the page's JSON twin, linked in the header."""
    body = ENV.get_template(template).render(request=request, json_url=json_url, **context)
    return HTMLResponse(body, status_code=status)


def wants_json(request: Request) -> bool:
    """JSON for the API (and the OpenAPI document); HTML pages everywhere else."""
    path = request.url.path
    return path.startswith("/api/") or path == "/api" or path.endswith(".json")


def error_response(request: Request, status: int, message: str) -> Response:
    """A short error in the form the client asked for; never a stack trace."""
    if wants_json(request):
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
    body = ENV.get_template("error.html").render(request=request, json_url=None, status=status, message=message)
    return HTMLResponse(body, status_code=status)
