"""Web archives (WARC, WARC.gz): the HTML responses, streamed with warcio."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from presslens.schema import Article, InputError
from presslens.sources.html import article_from_html


def iter_warc(path: Path) -> Iterator[Article | InputError]:
    """Yield an Article (or InputError) for each HTML response record of a WARC file."""
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = record.http_headers.get_header("Content-Type") or ""
                if "html" not in ctype.lower():
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                origin = f"{path}#{url}"
                try:
                    body = record.content_stream().read()
                except Exception as exc:  # noqa: BLE001 (truncated or badly compressed payload)
                    yield InputError(origin, f"unreadable WARC record: {type(exc).__name__}: {exc}")
                    continue
                try:
                    yield article_from_html(body, origin=origin, url=url)
                except InputError as exc:
                    yield exc
    except (ArchiveLoadFailed, OSError, ValueError) as exc:
        yield InputError(str(path), f"not a readable WARC file: {exc}")
    except Exception as exc:  # noqa: BLE001 (warcio raises e.g. AttributeError on truncated headers)
        yield InputError(str(path), f"not a readable WARC file: {type(exc).__name__}: {exc}")
