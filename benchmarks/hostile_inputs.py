"""Hostile input files for the reader tests and benchmarks: compression bombs, deep JSON, huge numbers.

The bombs are built from repeated compressed members (gzip, bzip2 and xz all read concatenated
members as one stream), so a file that decompresses to gigabytes is written in well under a
second. Used by ``tests/test_fuzz.py`` and ``benchmarks/faults.py``.
"""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
from collections.abc import Callable
from pathlib import Path

MB = 1_000_000
_COMPRESS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0),
    ".bz2": lambda data: bz2.compress(data, 9),
    ".xz": lambda data: lzma.compress(data, preset=1),
}

GOOD_BEFORE = {"id": "before", "text": '"The harbour stays open," Mayor Ann Cole said on Monday.'}
GOOD_AFTER = {"id": "after", "text": '"We reopen the bridge in May," Tim Brandt said on Tuesday.'}


def _members(path: Path, parts: list[tuple[bytes, int]]) -> Path:
    """Write ``path`` as compressed members: each (bytes, repeat) is compressed once, written ``repeat`` times."""
    compress = _COMPRESS[path.suffix]
    with path.open("wb") as out:
        for data, repeat in parts:
            member = compress(data)
            for _ in range(repeat):
                out.write(member)
    return path


def _line(record: dict) -> bytes:
    return json.dumps(record).encode() + b"\n"


def jsonl_line_bomb(path: Path, megabytes: int, fill: bytes = b"a", chunk_mb: int = 16) -> Path:
    """A JSONL file (.gz, .bz2 or .xz): a good line, one line of about ``megabytes`` MB, a good line."""
    repeat = max(1, megabytes // chunk_mb)
    return _members(path, [(_line(GOOD_BEFORE) + b'{"text": "', 1), (fill * (chunk_mb * MB), repeat),
                           (b'"}\n' + _line(GOOD_AFTER), 1)])


def nul_bomb(path: Path, megabytes: int, chunk_mb: int = 16) -> Path:
    """A compressed JSONL file: a good line, then nothing but NUL bytes (no newline at all)."""
    return _members(path, [(_line(GOOD_BEFORE), 1), (b"\x00" * (chunk_mb * MB), max(1, megabytes // chunk_mb))])


def _warc_record(uri: str, payload_len: int, record_id: int) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: 2024-01-01T00:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{record_id:012d}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http) + payload_len}\r\n\r\n").encode()
    return head + http


def _page(text: str) -> bytes:
    return (f"<html><head><title>Harbour</title></head><body><article><p>{text}</p>"
            f"<p>{text}</p></article></body></html>").encode()


def warc_payload_bomb(path: Path, megabytes: int, chunk_mb: int = 16) -> Path:
    """A .warc.gz: a good page, one HTML response of about ``megabytes`` MB, a good page."""
    good1, good2 = _page(GOOD_BEFORE["text"]), _page(GOOD_AFTER["text"])
    repeat = max(1, megabytes // chunk_mb)
    filler = b"<p>" + b"a" * (chunk_mb * MB - 7) + b"</p>\n"
    open_tag, close_tag = b"<html><body><article>", b"</article></body></html>"
    size = len(open_tag) + repeat * len(filler) + len(close_tag)
    return _members(path, [
        (_warc_record("https://news.example/1", len(good1), 1) + good1 + b"\r\n\r\n", 1),
        (_warc_record("https://news.example/bomb", size, 2) + open_tag, 1),
        (filler, repeat),
        (close_tag + b"\r\n\r\n", 1),
        (_warc_record("https://news.example/3", len(good2), 3) + good2 + b"\r\n\r\n", 1),
    ])


def warc_header_bomb(path: Path, megabytes: int, chunk_mb: int = 16) -> Path:
    """A .warc.gz whose second record has one header line of about ``megabytes`` MB."""
    good = _page(GOOD_BEFORE["text"])
    return _members(path, [
        (_warc_record("https://news.example/1", len(good), 1) + good + b"\r\n\r\n", 1),
        (b"WARC/1.0\r\nWARC-Type: response\r\nX-Filler: ", 1),
        (b"a" * (chunk_mb * MB), max(1, megabytes // chunk_mb)),
    ])


def nested_json(depth: int) -> bytes:
    """A JSONL line of ``depth`` nested arrays (about 2 bytes per level)."""
    return b"[" * depth + b"]" * depth + b"\n"


def huge_int_line(digits: int, text: str = GOOD_AFTER["text"]) -> bytes:
    """A JSONL line whose ``views`` field is an integer of ``digits`` digits, with a valid text."""
    return b'{"text": ' + json.dumps(text).encode() + b', "views": ' + b"7" * digits + b"}\n"


def hostile_jsonl(path: Path, depth: int = 1000, digits: int = 5000) -> Path:
    """Good lines around a deeply nested line and a line holding a huge integer (finding 1 of issue 16)."""
    path.write_bytes(_line(GOOD_BEFORE) + nested_json(depth) + huge_int_line(digits) + _line(
        {"id": "last", "text": '"It is done," Ann Cole said.'}))
    return path
