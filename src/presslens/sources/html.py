"""HTML pages: the article body and metadata (title, author, date, site name) via trafilatura."""

from __future__ import annotations

import trafilatura

from presslens.schema import Article, InputError
from presslens.sources.decode import check_not_binary

MIN_BODY_CHARS = 40


def looks_like_html(data: bytes) -> bool:
    """True when the first bytes look like an HTML document."""
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head or b"<body" in head


def article_from_html(data: bytes | str, origin: str, url: str | None = None) -> Article:
    """Extract the main text and metadata of an HTML page; InputError when it has no article body."""
    if isinstance(data, bytes):
        check_not_binary(data, origin)
    elif not data.strip():
        raise InputError(origin, "empty document")
    try:
        doc = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise InputError(origin, f"could not parse HTML: {type(exc).__name__}: {exc}") from None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text) < MIN_BODY_CHARS:
        raise InputError(origin, "HTML page has no article body (nothing that reads as article text)")
    return Article(
        text=text,
        url=url or doc.url,
        outlet=doc.sitename or doc.hostname,
        title=doc.title,
        author=doc.author,
        published=_iso_date(doc.date),
        origin=origin,
    )


def _iso_date(value: str | None) -> str | None:
    """Keep the YYYY-MM-DD part of a date string, if there is one."""
    if value and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return value[:10]
    return None
