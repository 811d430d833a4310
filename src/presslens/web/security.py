"""Security headers and a request body size limit, as plain ASGI middleware.

The policy forbids inline script and inline style (``script-src 'self'``, ``style-src 'self'``),
framing (``frame-ancestors 'none'``) and every origin but the server's own, so nothing is
loaded from a CDN and an injected ``<script>`` or ``onerror=`` would not run even if it ever
escaped the templates.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
DEFAULT_MAX_BODY = 1_048_576


def header_pairs() -> list[tuple[bytes, bytes]]:
    """The security headers as raw ASGI header pairs."""
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]


class SecurityHeadersMiddleware:
    """Add the security headers to every HTTP response (replacing any the app set).

    With ``added_by_server`` (``presslens serve``, which gives uvicorn the headers as its default
    headers, so that uvicorn's own 400/431/503 answers carry them too) it only removes the app's
    copies, so no header is sent twice.
    """

    def __init__(self, app: ASGIApp, added_by_server: bool = False) -> None:
        self.app = app
        self._pairs = [] if added_by_server else header_pairs()
        self._names = {name for name, _ in header_pairs()}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in self._names]
                message["headers"] = headers + self._pairs
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(Exception):
    """The request body went past the configured limit."""


class BodySizeLimitMiddleware:
    """Refuse request bodies larger than ``max_bytes`` with 413, by header and while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int = DEFAULT_MAX_BODY) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0 or declared > self.max_bytes:
                    await self._refuse(scope, send)
                    return
        received = 0
        response_started = False
        too_large = False

        async def limited_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    too_large = True
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if too_large:
                # The app caught BodyTooLarge itself (FastAPI turns any error while reading a JSON body
                # into 400 "error parsing the body"): answer 413 instead of the app's response.
                if message["type"] == "http.response.start" and not response_started:
                    response_started = True
                    await self._refuse(scope, send)
                return
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not response_started:
                await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        limit_kb = self.max_bytes // 1024
        if scope.get("path", "").startswith("/api/"):
            message = f"request body larger than {limit_kb} kB"
            body = json.dumps({"error": {"status": 413, "message": message}}).encode()
            ctype = b"application/json"
        else:
            body = f"Request body larger than {limit_kb} kB.".encode()
            ctype = b"text/plain; charset=utf-8"
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


MAX_HEAD_BYTES = 16 * 1024


def head_size(scope: Scope) -> int:
    """Bytes of the request line and headers as parsed (method, target, ``name: value`` lines)."""
    target = len(scope.get("raw_path") or scope.get("path", "").encode()) + len(scope.get("query_string", b""))
    return len(scope.get("method", "")) + target + sum(len(k) + len(v) + 4 for k, v in scope.get("headers", []))


class RequestHeadLimitMiddleware:
    """Answer 431 without running the app when the request head is larger than ``max_bytes``.

    Works after any HTTP parser; ``presslens.web.protocol`` also stops such heads before parsing.
    """

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_HEAD_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and head_size(scope) > self.max_bytes:
            body = f"Request header fields larger than {self.max_bytes // 1024} kB.".encode()
            await send({"type": "http.response.start", "status": 431,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                    (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


class HeadAsGetMiddleware:
    """Answer ``HEAD`` for every ``GET`` route: run it as ``GET`` and send the headers without the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {"type": "http.response.body", "body": b"", "more_body": message.get("more_body", False)}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
