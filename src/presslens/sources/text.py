"""Plain-text articles: the file's content is analysed unchanged."""

from __future__ import annotations

from pathlib import Path

from presslens.schema import Article, InputError
from presslens.sources.decode import decode_utf8
from presslens.sources.limits import ReadLimits, read_bounded


def read_bytes(path: Path, origin: str, limits: ReadLimits | None = None) -> bytes:
    """Read a file with a bounded read, turning OS errors and oversized files into InputError."""
    limits = limits or ReadLimits()
    try:
        with path.open("rb") as handle:  # a bounded read also stops a FIFO or a device that never ends
            data = read_bounded(handle, limits.max_record_bytes)
    except OSError as exc:
        raise InputError(origin, f"cannot read file: {exc.strerror or exc}") from None
    if data is None:
        raise InputError(origin, limits.record_message("the file"))
    return data


def article_from_text(data: bytes, origin: str, **meta: str | None) -> Article:
    """An Article whose text is ``data`` decoded as UTF-8, unchanged."""
    return Article(text=decode_utf8(data, origin), origin=origin, **meta)
