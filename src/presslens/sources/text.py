"""Plain-text articles: the file's content is analysed unchanged."""

from __future__ import annotations

from pathlib import Path

from presslens.schema import Article, InputError
from presslens.sources.decode import decode_utf8

MAX_BYTES = 50_000_000


def read_bytes(path: Path, origin: str) -> bytes:
    """Read a file, turning OS errors and oversized files into InputError."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(origin, f"file is {size / 1e6:.0f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(origin, f"cannot read file: {exc.strerror or exc}") from None


def article_from_text(data: bytes, origin: str, **meta: str | None) -> Article:
    """An Article whose text is ``data`` decoded as UTF-8, unchanged."""
    return Article(text=decode_utf8(data, origin), origin=origin, **meta)
