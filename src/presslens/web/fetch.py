"""Fetch a user-supplied URL for the analyze page without letting it reach private networks.

Rules: only ``http`` and ``https``; the host is resolved once and *every* address it resolves
to must be a public (global) address — private, loopback, link-local, multicast, reserved,
unspecified, shared (CGNAT) and IPv4-mapped private addresses are refused before any
connection is made. The connection then goes to one of the addresses that were checked (no
second lookup, so DNS rebinding cannot swap in an internal address); HTTPS still verifies
the certificate against the host name. Redirects are followed by hand, up to a few hops, and
each new location goes through the same checks. Bodies are capped in size.

The whole fetch, redirects included, has one total deadline (``DEADLINE_S``): a timer shuts the
open socket down when it passes, so a server that sends one byte every few seconds (which no
per-read timeout catches) is cut off then. ``Deadline.abort`` does the same at once, for a
request whose client went away. Name resolution is not covered (``getaddrinfo`` cannot be
interrupted); it is bounded by the system resolver's own timeouts.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

MAX_REDIRECTS = 4
MAX_BYTES = 5_000_000
TIMEOUT_S = 10.0  # per connect or read
DEADLINE_S = 15.0  # the whole fetch, redirects included
USER_AGENT = "presslens-web/0.1 (+news attribution analysis)"

Resolver = Callable[[str, int], list[str]]


class FetchRefused(ValueError):
    """The URL may not be fetched (bad scheme, non-public address, too large, …); message says why."""


class Deadline:
    """A total time limit for one fetch: past it (or on ``abort``) the open connection is shut down."""

    def __init__(self, seconds: float = DEADLINE_S) -> None:
        self.seconds = seconds
        self.at: float | None = None
        self.reason: str | None = None
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self.abort, kwargs={"reason": "deadline"})
        self._timer.daemon = True

    def start(self) -> None:
        """Start the clock (once; the fetch calls it when it begins, not while it waits its turn)."""
        with self._lock:
            if self.at is not None:
                return
            self.at = time.monotonic() + self.seconds
        self._timer.start()

    def remaining(self) -> float:
        """Seconds left; FetchRefused when none are (or the fetch was aborted)."""
        self.start()
        left = (self.at or 0.0) - time.monotonic()
        if self.reason is not None or left <= 0:
            raise self.refusal()
        return left

    def refusal(self) -> FetchRefused:
        """The error to report once the deadline passed or the fetch was aborted."""
        if self.reason in ("aborted", "closed"):
            return FetchRefused("the fetch was abandoned")
        return FetchRefused(f"the page did not arrive within {self.seconds:g} s")

    def attach(self, sock: socket.socket | None) -> None:
        """The connected socket to shut down on abort (None: the current one is finished).

        The socket itself, not the connection: ``http.client`` hands the socket over to the
        response (and sets the connection's to None) when the server will close it.
        """
        with self._lock:
            self._sock = sock
            aborted = self.reason is not None
        if aborted and sock is not None:
            _shutdown(sock)

    def abort(self, reason: str = "aborted") -> None:
        """Stop the fetch now: the blocked read or connect fails at once."""
        with self._lock:
            if self.reason is None:
                self.reason = reason
            sock = self._sock
        if sock is not None:
            _shutdown(sock)

    def close(self) -> None:
        """The fetch is over: stop the timer."""
        self._timer.cancel()
        self.abort("closed")


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


@dataclass(frozen=True, slots=True)
class Target:
    """A checked URL: scheme, host, port, path and the public addresses it resolved to."""

    url: str
    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[str, ...]


def system_resolver(host: str, port: int) -> list[str]:
    """All addresses ``host`` resolves to (IPv4 and IPv6)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchRefused(f"cannot resolve host {host!r}: {exc.strerror or exc}") from None
    return [str(info[4][0]) for info in infos]


def is_public_address(address: str) -> bool:
    """True only for globally routable unicast addresses."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        for embedded in (ip.ipv4_mapped, ip.sixtofour, ip.teredo[1] if ip.teredo else None):
            if embedded is not None and not is_public_address(str(embedded)):
                return False
    blocked = (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved
               or ip.is_unspecified or not ip.is_global)
    return not blocked


def check_url(url: str, resolver: Resolver = system_resolver,
              allow_address: Callable[[str], bool] = is_public_address) -> Target:
    """Validate scheme and host of ``url`` and resolve it; FetchRefused says why it is refused."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise FetchRefused("this is not a valid URL") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchRefused("only http:// and https:// URLs can be analysed")
    host = parts.hostname
    if not host:
        raise FetchRefused("the URL has no host name")
    if parts.username or parts.password:
        raise FetchRefused("URLs with a user name or password are not fetched")
    port = port or (443 if scheme == "https" else 80)
    addresses = resolver(host, port)
    if not addresses:
        raise FetchRefused(f"host {host!r} has no address")
    bad = [a for a in addresses if not allow_address(a)]
    if bad:
        raise FetchRefused(f"host {host!r} resolves to a private, loopback, link-local or reserved "
                           f"address ({bad[0]}); such addresses are never fetched")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(url=url.strip(), scheme=scheme, host=host, port=port, path=path, addresses=tuple(addresses))


def _pinned_connection(target: Target, timeout: float) -> http.client.HTTPConnection:
    """A connection that can only connect to the checked addresses of ``target``."""
    if target.scheme == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            target.host, target.port, timeout=timeout, context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(target.host, target.port, timeout=timeout)

    def connect_checked(_address: tuple[str, int], timeout: float | None = None,
                        source_address: tuple[str, int] | None = None) -> socket.socket:
        last: OSError | None = None
        for address in target.addresses:
            try:
                return socket.create_connection((address, target.port), timeout, source_address)
            except OSError as exc:
                last = exc
        raise last or OSError("no address to connect to")

    conn._create_connection = connect_checked  # type: ignore[attr-defined]
    return conn


def _get_once(target: Target, deadline: Deadline) -> tuple[int, str | None, bytes]:
    conn = _pinned_connection(target, min(TIMEOUT_S, deadline.remaining()))
    try:
        conn.connect()  # bounded by the timeout above, which is within the deadline
        deadline.attach(conn.sock)  # from here on the deadline (or abort) shuts the socket down
        conn.request("GET", target.path, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity",
                                                  "Accept": "text/html,text/plain;q=0.9,*/*;q=0.1"})
        response = conn.getresponse()
        location = response.getheader("Location")
        body = response.read(MAX_BYTES + 1) if response.status < 300 else b""
        return response.status, location, body
    finally:
        deadline.attach(None)
        conn.close()


GetOnce = Callable[[Target, Deadline], tuple[int, str | None, bytes]]


def fetch_public(url: str, *, resolver: Resolver = system_resolver, deadline: Deadline | None = None,
                 get_once: GetOnce = _get_once,
                 allow_address: Callable[[str], bool] = is_public_address) -> tuple[str, bytes]:
    """GET a public http(s) URL, following checked redirects, within ``deadline``; return (final URL, body).

    ``allow_address`` decides which resolved addresses may be contacted (only public ones by
    default; tests pass one that admits their loopback server).
    """
    own = deadline is None
    deadline = deadline or Deadline()
    try:
        return _fetch(url, resolver, deadline, get_once, allow_address)
    finally:
        if own:
            deadline.close()


def _fetch(url: str, resolver: Resolver, deadline: Deadline, get_once: GetOnce,
           allow_address: Callable[[str], bool]) -> tuple[str, bytes]:
    deadline.start()
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        target = check_url(current, resolver, allow_address)
        deadline.remaining()
        try:
            status, location, body = get_once(target, deadline)
        except FetchRefused:
            raise
        except (OSError, http.client.HTTPException, ValueError) as exc:
            if deadline.reason is not None:
                raise deadline.refusal() from None
            raise FetchRefused(f"could not fetch the URL: {type(exc).__name__}") from None
        if deadline.reason is not None:  # shut down mid-body: what was read is a truncated page
            raise deadline.refusal()
        if status in (301, 302, 303, 307, 308) and location:
            current = urljoin(target.url, location)
            continue
        if status >= 400:
            raise FetchRefused(f"the server answered HTTP {status}")
        if len(body) > MAX_BYTES:
            raise FetchRefused(f"the page is larger than {MAX_BYTES // 1_000_000} MB")
        return target.url, body
    raise FetchRefused(f"more than {MAX_REDIRECTS} redirects")
