"""uvicorn's HTTP protocols with a request-head cap and the security headers on their own answers.

``presslens serve`` runs uvicorn with these classes (``--http h11|httptools``). Two changes:

* **Request heads are capped at ``MAX_HEAD_BYTES``, whatever the parser.** h11's own limit
  (``h11_max_incomplete_event_size``) only applies while a head is incomplete, so a 100 kB head
  arriving in one read was parsed; httptools has no limit at all. Here the bytes received
  before the end of the head (``CRLF CRLF``) are counted before they reach the parser; past the
  cap the server answers ``431 Request Header Fields Too Large`` and closes the connection, so
  the head is neither parsed further nor buffered. (``RequestHeadLimitMiddleware`` checks the
  parsed head too, for servers started without these classes.)
* **uvicorn's own error answers carry the server's default headers**, which ``presslens serve``
  sets to the security headers: h11's "Invalid HTTP request" 400 did not include them (the
  httptools one and the 503 of ``limit_concurrency`` already did).
"""

from __future__ import annotations

import importlib.util

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

MAX_HEAD_BYTES = 16 * 1024
_TOO_LARGE = b"Request header fields too large."


class _HeadCap:
    """Count the head bytes of the request being received; refuse with 431 past the cap."""

    _head_bytes = 0
    _tail = b""

    def _head_fits(self, data: bytes) -> bool:
        """Add the head part of ``data`` to the count; False (after answering 431) when over the cap."""
        joined = self._tail + data
        end = joined.find(b"\r\n\r\n")
        self._head_bytes += (end + 4 - len(self._tail)) if end >= 0 else len(data)
        self._tail = joined[-3:] if end < 0 else b""
        if self._head_bytes <= MAX_HEAD_BYTES:
            return True
        self._send_431()
        return False

    def _head_done(self) -> None:
        self._head_bytes, self._tail = 0, b""

    def _send_431(self) -> None:
        lines = [b"HTTP/1.1 431 Request Header Fields Too Large\r\n"]
        for name, value in self.server_state.default_headers:  # type: ignore[attr-defined]
            lines.append(name + b": " + value + b"\r\n")
        lines += [b"content-type: text/plain; charset=utf-8\r\n",
                  b"content-length: " + str(len(_TOO_LARGE)).encode() + b"\r\n",
                  b"connection: close\r\n\r\n", _TOO_LARGE]
        self.transport.write(b"".join(lines))  # type: ignore[attr-defined]
        self.transport.close()  # type: ignore[attr-defined]


class CappedH11Protocol(_HeadCap, H11Protocol):
    """uvicorn's h11 protocol with the head cap and security headers on its 400."""

    def data_received(self, data: bytes) -> None:
        if self.conn.their_state is h11.IDLE and not self._head_fits(data):
            return
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._head_done()

    def send_400_response(self, msg: str) -> None:
        body = msg.encode("ascii")
        lines = [b"HTTP/1.1 400 Bad Request\r\n"]
        for name, value in self.server_state.default_headers:
            lines.append(name + b": " + value + b"\r\n")
        lines += [b"content-type: text/plain; charset=utf-8\r\n",
                  b"content-length: " + str(len(body)).encode() + b"\r\n", b"connection: close\r\n\r\n", body]
        self.transport.write(b"".join(lines))
        self.transport.close()


HAVE_HTTPTOOLS = importlib.util.find_spec("httptools") is not None

if HAVE_HTTPTOOLS:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class CappedHttpToolsProtocol(_HeadCap, HttpToolsProtocol):
        """uvicorn's httptools protocol with the head cap (its 400 already has the default headers)."""

        _in_head = True

        def data_received(self, data: bytes) -> None:
            if self._in_head and not self._head_fits(data):
                return
            super().data_received(data)

        def on_headers_complete(self) -> None:
            self._in_head = False
            self._head_done()
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            super().on_message_complete()
            self._in_head = True


PROTOCOLS = {"h11": "presslens.web.protocol:CappedH11Protocol",
             "httptools": "presslens.web.protocol:CappedHttpToolsProtocol"}


def protocol_for(name: str) -> str:
    """The import path of the protocol class for ``--http NAME`` (auto: httptools when installed)."""
    if name == "auto":
        name = "httptools" if HAVE_HTTPTOOLS else "h11"
    if name == "httptools" and not HAVE_HTTPTOOLS:
        raise ValueError("httptools is not installed (pip install httptools)")
    return PROTOCOLS[name]
