"""Size limits of the readers, enforced while streaming so memory stays bounded whatever the input.

Two limits, both in bytes after decompression:

* ``max_record_bytes``: one document — a plain file, one JSONL line, one WARC payload, stdin.
  A larger record becomes an ``InputError`` naming the limit; the reader skips it (reading on in
  small pieces) and goes on with the next record.
* ``max_decompressed_bytes``: everything read from one compressed or archive file (.gz, .bz2,
  .xz, .warc). Past it the rest of that file is reported as one ``InputError`` and not read;
  the records already read are kept.

Set in Python with ``ReadLimits``, on the command line with ``--max-record-mb`` and
``--max-decompressed-mb``, or with the ``PRESSLENS_MAX_RECORD_MB`` and
``PRESSLENS_MAX_DECOMPRESSED_MB`` environment variables (``presslens.settings``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from presslens import settings
from presslens.settings import DEFAULT_DECOMPRESSED_MB, DEFAULT_RECORD_MB

MB = 1_000_000
RECORD_VAR = settings.MAX_RECORD_MB
DECOMPRESSED_VAR = settings.MAX_DECOMPRESSED_MB
CHUNK = 1 << 20  # bytes read at a time when skipping the rest of an oversized record


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Byte limits on one record and on the decompressed content of one file."""

    max_record_bytes: int = int(DEFAULT_RECORD_MB * MB)
    max_decompressed_bytes: int = int(DEFAULT_DECOMPRESSED_MB * MB)

    @classmethod
    def from_mb(cls, record_mb: float | None = None, decompressed_mb: float | None = None) -> ReadLimits:
        """Limits in megabytes (10^6 bytes); None takes the environment variable, else the default."""
        record = record_mb if record_mb is not None else settings.get(RECORD_VAR)
        total = decompressed_mb if decompressed_mb is not None else settings.get(DECOMPRESSED_VAR)
        return cls(max_record_bytes=int(record * MB), max_decompressed_bytes=int(total * MB))

    def record_message(self, what: str) -> str:
        """The reason given for an oversized record."""
        return (f"{what} is larger than the {_mb(self.max_record_bytes)} MB limit per document "
                f"(--max-record-mb or {RECORD_VAR} changes it)")

    def decompressed_message(self) -> str:
        """The reason given for a file whose decompressed content passed the limit."""
        return (f"decompressed content passed the {_mb(self.max_decompressed_bytes)} MB limit per file; the "
                f"rest of the file was not read (--max-decompressed-mb or {DECOMPRESSED_VAR} changes it)")


def _mb(n: int) -> str:
    return f"{n / MB:,.0f}" if n >= 10 * MB else f"{n / MB:.3g}"


class LimitExceeded(Exception):  # noqa: N818 (a condition the readers report, not a bug)
    """The decompressed content of a file passed ``max_decompressed_bytes``."""


class WindowExceeded(Exception):  # noqa: N818
    """More than ``window`` bytes were read since the last ``mark()``."""


class CountingReader(io.RawIOBase):
    """A read-only stream that counts the bytes it passes on and raises LimitExceeded past ``limit``.

    While ``window`` is set, more than ``window`` bytes since the last ``mark()`` raise
    WindowExceeded (a bound on what a parser may read, and keep, for one record's headers).
    """

    def __init__(self, stream: io.BufferedIOBase, limit: int) -> None:
        super().__init__()
        self._stream = stream
        self.limit = limit
        self.total = 0
        self._mark = 0
        self.window: int | None = None

    def close(self) -> None:
        """Close the wrapped stream too."""
        self._stream.close()
        super().close()

    def readable(self) -> bool:
        """Always readable."""
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        """Read into ``buffer`` from the wrapped stream, counting."""
        data = self._stream.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.total += n
        if self.total > self.limit:
            raise LimitExceeded
        if self.window is not None and self.total - self._mark > self.window:
            raise WindowExceeded
        return n

    def mark(self) -> None:
        """Start a new window for ``since_mark``."""
        self._mark = self.total


def read_bounded(stream: io.BufferedIOBase, limit: int) -> bytes | None:
    """All of ``stream`` when it holds at most ``limit`` bytes, else None (having read ``limit + 1``)."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data
