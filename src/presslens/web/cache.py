"""In-process caches of the web server, valid because the database is read-only while served.

DuckDB refuses any writer while the server holds the file (docs/web.md), so an answer computed
once stays true until the server stops. Two layers:

* ``LRU`` memoises the data behind a page (``presslens.web.data``), shared by a page and its
  JSON twin and by the pages built from the same parts (a speaker's profile and quote variants).
  It is bounded by the estimated memory of its entries (``approx_size``), not by their count:
  entries range from one integer to a list of 500 articles;
* ``ResponseCache`` keeps the finished bytes of successful ``GET`` answers, keyed by path and
  query string, so a repeated request skips routing, validation, the database, JSON encoding
  and template rendering alike. It is bounded by total size, not by entry count.
"""

from __future__ import annotations

import sys
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable, MutableMapping
from dataclasses import dataclass
from threading import BoundedSemaphore, Event, Lock, local
from typing import Any

DATA_CACHE_BYTES = 128 * 2**20
RESPONSE_CACHE_BYTES = 64 * 2**20
_ATOMS = (str, bytes, int, float, bool, type(None))


# A list or tuple longer than this is estimated from this many of its items, spread over it, scaled
# to its length: cached values are lists of rows of one shape, and walking every row of every
# entry cost about a fifth of a cold speaker page's CPU.
SAMPLED_ITEMS = 32
_GOLDEN = 0.6180339887498949


def approx_size(value: Any) -> int:
    """Estimated bytes held by ``value``: ``sys.getsizeof`` summed over nested dicts, lists, tuples and sets.

    Dict keys are not counted: they are column and field names, the same few string objects in
    every row. Other shared objects are counted once per reference (an overestimate, the safe side
    for a bound); objects of other types (dates, decimals) count their own size. A list or tuple of
    more than ``SAMPLED_ITEMS`` items counts ``SAMPLED_ITEMS`` of them, spread over it, scaled up.
    """
    size = sys.getsizeof
    total = 0.0
    stack: list[tuple[Any, float]] = [(value, 1.0)]
    while stack:
        item, weight = stack.pop()
        total += size(item) * weight
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list | tuple) and len(item) > SAMPLED_ITEMS:
            n = len(item)  # positions spread by the golden ratio: no stride to alias with a pattern
            children = [item[int(n * ((k * _GOLDEN) % 1.0))] for k in range(SAMPLED_ITEMS)]
            weight *= n / SAMPLED_ITEMS
        elif isinstance(item, list | tuple | set | frozenset):
            children = item
        else:
            continue
        for child in children:
            if isinstance(child, _ATOMS):
                total += size(child) * weight
            else:
                stack.append((child, weight))
    return int(total)


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class LRU:
    """A thread-safe memo of computed answers, at most ``max_bytes`` (estimated), most recently used kept.

    Misses are computed once per key even when many requests ask at the same time (the others
    wait for the first), and at most ``max_concurrent`` computations run at once, so a burst of
    cold requests queues instead of thrashing two cores with dozens of parallel DuckDB queries.
    Keys computed inside another computation (list totals, the parts of a speaker page) are never
    asked for at top level and compute nothing nested themselves, so waiting on them cannot deadlock.
    """

    def __init__(self, max_bytes: int = DATA_CACHE_BYTES, max_concurrent: int = 4) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._lock = Lock()
        self._inflight: dict[Hashable, Event] = {}
        self._gate = BoundedSemaphore(max_concurrent)
        self._local = local()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The value under ``key``, computed with ``compute()`` (once) when missing."""
        while True:
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
                    return self._items[key][0]
                waiting = self._inflight.get(key)
                if waiting is None:
                    done = self._inflight[key] = Event()
                    break
            waiting.wait()  # another thread computes it; then look again (it may have failed)
        try:
            value = self._compute(compute)
            size = approx_size(key) + approx_size(value)
            if size <= self.max_bytes // 8:  # one huge answer must not flush everything else
                with self._lock:
                    old = self._items.pop(key, None)
                    self.bytes += size - (old[1] if old else 0)
                    self._items[key] = (value, size)
                    while self.bytes > self.max_bytes:
                        _, (_, dropped) = self._items.popitem(last=False)
                        self.bytes -= dropped
            return value
        finally:
            with self._lock:
                del self._inflight[key]
            done.set()

    def __len__(self) -> int:
        return len(self._items)

    def _compute(self, compute: Callable[[], Any]) -> Any:
        if getattr(self._local, "inside", False):  # nested: the outer computation holds a slot
            return compute()
        with self._gate:
            self._local.inside = True
            try:
                return compute()
            finally:
                self._local.inside = False


@dataclass(frozen=True, slots=True)
class CachedResponse:
    """A finished answer: status, raw ASGI headers and body."""

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


class ResponseCache:
    """Finished answers by key, least recently used dropped first once ``max_bytes`` is exceeded."""

    def __init__(self, max_bytes: int = RESPONSE_CACHE_BYTES, max_item: int = 2 * 2**20) -> None:
        self.max_bytes = max_bytes
        self.max_item = max_item
        self._items: OrderedDict[Hashable, CachedResponse] = OrderedDict()
        self._bytes = 0
        self._lock = Lock()

    def get(self, key: Hashable) -> CachedResponse | None:
        """The answer stored under ``key``, or None."""
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
            return hit

    def put(self, key: Hashable, response: CachedResponse) -> None:
        """Keep ``response`` unless it is larger than ``max_item``."""
        if len(response.body) > self.max_item:
            return
        with self._lock:
            old = self._items.pop(key, None)
            self._bytes += len(response.body) - (len(old.body) if old else 0)
            self._items[key] = response
            while self._bytes > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped.body)

    def __len__(self) -> int:
        return len(self._items)


class ResponseCacheMiddleware:
    """Answer a repeated ``GET`` from ``cache``; store every 200 answer of a ``GET`` not under ``/static``.

    Answers depend only on the path and the query string (no page reads cookies or other
    headers), so those two are the key. Place it inside the Host check, so a refused Host never
    reaches the cache.
    """

    def __init__(self, app: ASGIApp, cache: ResponseCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        hit = self.cache.get(key)
        if hit is not None:
            await send({"type": "http.response.start", "status": hit.status, "headers": list(hit.headers)})
            await send({"type": "http.response.body", "body": hit.body})
            return
        await self.app(scope, receive, _Recorder(send, lambda answer: self.cache.put(key, answer)))


class _Recorder:
    """A ``send`` that passes every message on and hands a complete 200 answer to ``keep``."""

    def __init__(self, send: Send, keep: Callable[[CachedResponse], None]) -> None:
        self.send = send
        self.keep = keep
        self.start: Message | None = None
        self.chunks: list[bytes] = []

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.start = message
        elif (
            message["type"] == "http.response.body" and self.start is not None and self.start["status"] == 200
        ):
            self.chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                headers = tuple((bytes(k), bytes(v)) for k, v in self.start.get("headers", []))
                self.keep(CachedResponse(200, headers, b"".join(self.chunks)))
        await self.send(message)
