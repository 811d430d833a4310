"""JSON Lines dumps (plain, .gz, .bz2 or .xz): one article per line with ``text`` or ``html``.

Every line is read with a bounded ``readline``, so an oversized line never sits in memory; any
failure of one line (malformed or too deeply nested JSON, wrong types, an oversized line)
becomes an ``InputError`` for that line and reading goes on. A JSONL ``id`` is kept as
``Article.source_id``: articles are keyed by their content, so two different texts under one
``id`` are both kept.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
from collections.abc import Iterator
from pathlib import Path

from presslens.schema import Article, InputError
from presslens.sources.decode import without_surrogates
from presslens.sources.html import article_from_html
from presslens.sources.limits import CHUNK, CountingReader, LimitExceeded, ReadLimits

META_FIELDS = ("url", "title", "published", "outlet", "author")
_OPENERS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
_MAX_INT_DIGITS = 4300  # Python refuses to convert longer digit strings to int


def _open(path: Path, limits: ReadLimits) -> io.BufferedIOBase:
    opener = _OPENERS.get(path.suffix.lower())
    if opener is None:
        return path.open("rb")
    return io.BufferedReader(CountingReader(opener(path, "rb"), limits.max_decompressed_bytes), CHUNK)


def iter_jsonl(path: Path, limits: ReadLimits | None = None) -> Iterator[Article | InputError]:
    """Stream the articles of a JSONL file; a bad line yields an InputError and reading goes on."""
    limits = limits or ReadLimits()
    number = 0
    try:
        with _open(path, limits) as handle:
            while True:
                raw = handle.readline(limits.max_record_bytes + 1)
                if not raw:
                    break
                number += 1
                origin = f"{path}:{number}"
                if len(raw) > limits.max_record_bytes and not raw.endswith(b"\n"):
                    _skip_line(handle)
                    yield InputError(origin, limits.record_message("line"))
                elif raw.strip():
                    yield parse_line(raw, origin)
    except LimitExceeded:
        yield InputError(str(path), limits.decompressed_message())
    except (OSError, EOFError, ValueError, lzma.LZMAError) as exc:
        where = f" after line {number}" if number else ""
        yield InputError(str(path), f"cannot read file{where}: {type(exc).__name__}: {exc}")


def _skip_line(handle: io.BufferedIOBase) -> None:
    """Read on, in bounded pieces, to the end of the current line."""
    while True:
        piece = handle.readline(CHUNK)
        if not piece or piece.endswith(b"\n"):
            return


def _int_or_digits(digits: str) -> int | str:
    # A number too long for int() (CPython's limit) in some field must not sink the article.
    return int(digits) if len(digits.lstrip("-")) <= _MAX_INT_DIGITS else digits


def parse_line(raw: bytes, origin: str) -> Article | InputError:
    """The Article of one JSONL line, or an InputError with the reason; never raises."""
    try:
        return _parse_line(raw, origin)
    except InputError as exc:
        return exc
    except RecursionError:
        return InputError(origin, "JSON nested too deeply to read")
    except Exception as exc:  # noqa: BLE001 (one odd line must never stop the file)
        return InputError(origin, f"cannot read this line: {type(exc).__name__}: {exc}")


def _parse_line(raw: bytes, origin: str) -> Article:
    try:
        record = json.loads(raw, parse_int=_int_or_digits)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(origin, f"malformed JSON: {exc}") from None
    if not isinstance(record, dict):
        raise InputError(origin, "each line must be a JSON object")
    # JSON may escape unpaired surrogates ("\ud800"), which no UTF-8 consumer accepts: replace them.
    meta = {k: without_surrogates(_scalar(record[k])) for k in META_FIELDS if record.get(k) not in (None, "")}
    source_id = record.get("id")
    if source_id not in (None, ""):
        meta["source_id"] = without_surrogates(_scalar(source_id))
    if isinstance(record.get("text"), str) and record["text"].strip():
        return Article(text=without_surrogates(record["text"]), origin=origin, **meta)
    if isinstance(record.get("html"), str):
        article = article_from_html(without_surrogates(record["html"]), origin=origin, url=meta.get("url"))
        for key, value in meta.items():
            setattr(article, key, value)
        return article
    raise InputError(origin, 'no "text" or "html" field with content')


def _scalar(value: object) -> str:
    """A metadata value as text (JSON-encoded when it is a number, a list or an object)."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
