"""HTML pages: the article body and metadata (title, author, date, site name) via trafilatura."""

from __future__ import annotations

import lxml.html
import trafilatura
from lxml.html import HtmlElement, HTMLParser

from presslens.schema import Article, InputError
from presslens.sources.decode import check_not_binary

MIN_BODY_CHARS = 40
HUGE_TEXT_CHARS = 10_000_000  # libxml2's limit on one text node, unless parsing with huge_tree


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
    doc = _extract(data, url, origin)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text) < MIN_BODY_CHARS and len(data) >= HUGE_TEXT_CHARS:
        # libxml2 drops a text node over 10 MB unless told the tree is huge: parse again, allowing it.
        doc = _extract(_huge_tree(data), url, origin)
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


def _extract(data: bytes | str | HtmlElement, url: str | None, origin: str):  # noqa: ANN202 (trafilatura Document)
    try:
        return trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False,
                                           include_tables=False)
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise InputError(origin, f"could not parse HTML: {type(exc).__name__}: {exc}") from None


def _huge_tree(data: bytes | str) -> HtmlElement | bytes:
    """``data`` parsed with libxml2's size limits lifted (only used for pages of 10 MB or more)."""
    raw = data.encode("utf-8", "replace") if isinstance(data, str) else data
    parser = HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True, collect_ids=False,
                        default_doctype=False)
    try:
        return lxml.html.fromstring(raw, parser=parser)
    except Exception:  # noqa: BLE001 (unparseable: let the normal path report it)
        return raw


def _iso_date(value: str | None) -> str | None:
    """Keep the YYYY-MM-DD part of a date string, if there is one."""
    if value and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return value[:10]
    return None
