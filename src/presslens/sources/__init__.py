"""Readers that turn inputs (files, folders, URLs, stdin) into Articles, streamed.

``iter_articles`` is the one entry point: it yields an ``Article`` per document, or an
``InputError`` naming the document and the reason it cannot be read, and never stops early:
whatever goes wrong with one document (or one line, one archive record) becomes an
``InputError`` for it. Sizes are bounded while streaming (``ReadLimits``, see
``presslens.sources.limits``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from presslens.schema import Article, InputError
from presslens.sources.html import article_from_html, looks_like_html
from presslens.sources.jsonl import iter_jsonl
from presslens.sources.limits import ReadLimits, read_bounded
from presslens.sources.text import article_from_text, read_bytes
from presslens.sources.url import article_from_url, is_url, scheme_message, unsupported_scheme
from presslens.sources.warc import iter_warc

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.bz2", ".jsonl.xz", ".ndjson", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")

__all__ = ["ReadLimits", "article_from_bytes", "article_from_html", "article_from_text", "article_from_url", "iter_articles",
           "read_one"]


def iter_articles(inputs: Iterable[str], *, stdin: bytes | None = None,
                  limits: ReadLimits | None = None) -> Iterator[Article | InputError]:
    """Yield the articles of each input in order: a path, a folder (recursive), a URL, or ``-`` for stdin."""
    limits = limits or ReadLimits()
    for item in inputs:
        try:
            if item == "-":
                data = stdin if stdin is not None else read_bounded(sys.stdin.buffer, limits.max_record_bytes)
                if data is None or len(data) > limits.max_record_bytes:
                    yield InputError("<stdin>", limits.record_message("standard input"))
                else:
                    yield _guarded("<stdin>", lambda d=data: article_from_bytes(d, "<stdin>"))
            elif is_url(item):
                yield _guarded(item, lambda u=item: article_from_url(u))
            else:
                yield from _read_local(item, limits)
        except Exception as exc:  # noqa: BLE001 (last resort: the other inputs are still read)
            yield InputError(item, f"cannot read: {type(exc).__name__}: {exc}")


def _read_local(item: str, limits: ReadLimits) -> Iterator[Article | InputError]:
    path = Path(item)
    if path.is_dir():
        try:
            children = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        except OSError as exc:
            yield InputError(item, f"cannot list folder: {exc.strerror or exc}")
            return
        for child in children:
            yield from read_path(child, limits)
    elif path.exists():
        yield from read_path(path, limits)
    elif scheme := unsupported_scheme(item):
        yield InputError(item, scheme_message(scheme))
    else:
        yield InputError(item, "no such file or directory")


def read_path(path: Path, limits: ReadLimits | None = None) -> Iterator[Article | InputError]:
    """Yield the article(s) in one file, chosen by extension, else by sniffing its first bytes."""
    limits = limits or ReadLimits()
    name = path.name.lower()
    origin = str(path)
    if name.endswith(JSONL_SUFFIXES):
        yield from iter_jsonl(path, limits)
    elif name.endswith(WARC_SUFFIXES):
        yield from iter_warc(path, limits)
    else:
        yield _guarded(origin, lambda: _from_file(path, origin, limits))


def read_one(item: str) -> Article:
    """Read exactly one article (path, URL or ``-``), raising InputError when it cannot be read."""
    results = list(iter_articles([item]))
    if len(results) != 1:
        raise InputError(item, f"expected one article, found {len(results)}")
    if isinstance(results[0], InputError):
        raise results[0]
    return results[0]


def _from_file(path: Path, origin: str, limits: ReadLimits) -> Article:
    data = read_bytes(path, origin, limits)
    name = path.name.lower()
    if name.endswith(HTML_SUFFIXES):
        return article_from_html(data, origin)
    if name.endswith(TEXT_SUFFIXES):
        return article_from_text(data, origin)
    return article_from_bytes(data, origin)


def article_from_bytes(data: bytes, origin: str) -> Article:
    """Sniff untyped bytes: HTML when it looks like markup (extracted), else text (decoded); InputError if unusable."""
    if looks_like_html(data):
        return article_from_html(data, origin)
    if data[:8].startswith(b"WARC/"):
        raise InputError(origin, "WARC data must be given as a .warc or .warc.gz file")
    return article_from_text(data, origin)


def _guarded(origin: str, read: Callable[[], Article]) -> Article | InputError:
    """``read()``, or the InputError it raised, or any other failure turned into one."""
    try:
        return read()
    except InputError as exc:
        return exc
    except RecursionError:
        return InputError(origin, "document nested too deeply to read")
    except Exception as exc:  # noqa: BLE001 (one odd document must never stop the run)
        return InputError(origin, f"cannot read: {type(exc).__name__}: {exc}")
