"""Web archives (WARC, WARC.gz): the HTML responses, streamed with warcio.

The file is decompressed here, through a counting stream, and warcio reads the plain records:
so the decompressed total of the file is bounded (``max_decompressed_bytes``), each HTML payload
is read with a bounded ``read`` (``max_record_bytes``), and so are a record's headers (the bytes
warcio reads, and keeps, between two records). The rest of every record is drained in small
pieces here, so that window starts at the next record.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from presslens.schema import Article, InputError
from presslens.sources.html import article_from_html
from presslens.sources.limits import (
    CHUNK,
    CountingReader,
    LimitExceeded,
    ReadLimits,
    WindowExceeded,
    read_bounded,
)


def _open(path: Path, limits: ReadLimits) -> CountingReader:
    with path.open("rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    raw = gzip.open(path, "rb") if gzipped else path.open("rb")
    return CountingReader(raw, limits.max_decompressed_bytes)


def iter_warc(path: Path, limits: ReadLimits | None = None) -> Iterator[Article | InputError]:
    """Yield an Article (or InputError) for each HTML response record of a WARC file."""
    limits = limits or ReadLimits()
    try:
        counter = _open(path, limits)
    except OSError as exc:
        yield InputError(str(path), f"not a readable WARC file: {exc}")
        return
    try:
        window = limits.max_record_bytes + 2 * CHUNK  # read-ahead of the buffers included
        with counter, io.BufferedReader(counter, CHUNK) as stream:
            counter.window = window
            for record in ArchiveIterator(stream):
                counter.window = None
                item = _read_record(record, path, limits)
                _drain(record)
                counter.mark()
                counter.window = window
                if item is not None:
                    yield item
    except LimitExceeded:
        yield InputError(str(path), limits.decompressed_message())
    except WindowExceeded:
        yield InputError(str(path), limits.record_message("a WARC record's header block") + "; the rest of the "
                                    "file was not read")
    except Exception as exc:  # noqa: BLE001 (warcio raises e.g. AttributeError on truncated headers)
        yield InputError(str(path), f"not a readable WARC file: {type(exc).__name__}: {exc}")


def _read_record(record, path: Path, limits: ReadLimits) -> Article | InputError | None:  # noqa: ANN001
    """The article of one HTML response record; None for other records. Never raises on the payload."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    ctype = record.http_headers.get_header("Content-Type") or ""
    if "html" not in ctype.lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    origin = f"{path}#{url}"
    try:
        body = read_bounded(record.content_stream(), limits.max_record_bytes)
    except LimitExceeded:
        raise
    except Exception as exc:  # noqa: BLE001 (truncated or badly compressed payload)
        return InputError(origin, f"unreadable WARC record: {type(exc).__name__}: {exc}")
    if body is None:
        return InputError(origin, limits.record_message("the HTML payload"))
    try:
        return article_from_html(body, origin=origin, url=url)
    except InputError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 (one odd page must never stop the archive)
        return InputError(origin, f"cannot read this page: {type(exc).__name__}: {exc}")


def _drain(record) -> None:  # noqa: ANN001
    """Read the rest of the record's payload in bounded pieces."""
    while record.raw_stream.read(CHUNK):
        pass
