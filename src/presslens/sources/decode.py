"""Turn raw bytes into text, refusing what is not text with a specific reason."""

from __future__ import annotations

import re

from presslens.schema import InputError

# Code points U+D800..U+DFFF: JSON's "\ud800" escapes decode to them, but they are not characters
# and cannot be encoded as UTF-8 (spaCy's tokenizer, Arrow and DuckDB all refuse them).
_SURROGATES = re.compile("[\ud800-\udfff]")

# Bytes other than tab, newline, carriage return and form feed below 0x20 mark binary data.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def check_not_binary(data: bytes, origin: str) -> None:
    """Raise InputError when ``data`` is empty or looks like a binary file."""
    if not data.strip():
        raise InputError(origin, "empty document")
    head = data[:8192]
    if b"\x00" in head:
        raise InputError(origin, "binary file (contains NUL bytes), not a text or HTML document")
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    if controls > max(8, len(head) // 50):
        raise InputError(origin, "binary file (too many control bytes), not a text or HTML document")


def decode_utf8(data: bytes, origin: str) -> str:
    """Decode UTF-8 (a BOM is dropped) or raise InputError naming the first bad byte."""
    check_not_binary(data, origin)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            origin, f"invalid UTF-8 at byte {exc.start} (0x{data[exc.start]:02x}); convert the file to UTF-8"
        ) from None
    if not text.strip():
        raise InputError(origin, "empty document")
    return text


def without_surrogates(text: str) -> str:
    """``text`` with each unpaired surrogate code point replaced by U+FFFD (offsets do not move)."""
    return _SURROGATES.sub("\ufffd", text)
