"""Plain-text articles: the file's content is analysed unchanged; a headline-like first line is the title."""

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


MAX_TITLE_CHARS = 200
_SENTENCE_END = (".", ":", ";", ",")


def headline(text: str) -> str | None:
    """The first line of ``text`` when it reads as a headline, else None.

    A headline is a non-empty first line of under ``MAX_TITLE_CHARS`` characters that does not end
    like a sentence (a full stop, colon, semicolon or comma; "?" and "!" are allowed), does not open
    with a quotation mark or a list or quote marker, and is followed by more text (after a blank line or directly).
    """
    first, newline, rest = text.lstrip("\ufeff").partition("\n")
    line = first.strip()
    if line.startswith("# "):  # a Markdown heading
        line = line[2:].strip()
    if not newline or not rest.strip() or not line or len(line) >= MAX_TITLE_CHARS:
        return None
    if line.endswith(_SENTENCE_END) or line[0] in "\"'\u201c\u2018\u00ab\u201e-*#>" or not any(c.isalpha() for c in line):
        return None
    return line


def article_from_text(data: bytes, origin: str, **meta: str | None) -> Article:
    """An Article whose text is ``data`` decoded as UTF-8, unchanged; its title the headline-like first line."""
    text = decode_utf8(data, origin)
    if meta.get("title") is None:
        meta["title"] = headline(text)
    return Article(text=text, origin=origin, **meta)
