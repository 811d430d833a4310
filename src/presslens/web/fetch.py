"""Fetch a user-supplied URL for the analyze page without letting it reach private networks.

Rules: only ``http`` and ``https``; the host is resolved once and *every* address it resolves
to must be a public (global) address — private, loopback, link-local, multicast, reserved,
unspecified, shared (CGNAT) and IPv4-mapped private addresses are refused before any
connection is made. The connection then goes to one of the addresses that were checked (no
second lookup, so DNS rebinding cannot swap in an internal address); HTTPS still verifies
the certificate against the host name. Redirects are followed by hand, up to a few hops, and
each new location goes through the same checks. Bodies are capped in size.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

MAX_REDIRECTS = 4
MAX_BYTES = 5_000_000
TIMEOUT_S = 10.0
USER_AGENT = "presslens-web/0.1 (+news attribution analysis)"

Resolver = Callable[[str, int], list[str]]


class FetchRefused(ValueError):
    """The URL may not be fetched (bad scheme, non-public address, too large, …); message says why."""


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


def check_url(url: str, resolver: Resolver = system_resolver) -> Target:
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
    bad = [a for a in addresses if not is_public_address(a)]
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


def _get_once(target: Target, timeout: float) -> tuple[int, str | None, bytes]:
    conn = _pinned_connection(target, timeout)
    try:
        conn.request("GET", target.path, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity",
                                                  "Accept": "text/html,text/plain;q=0.9,*/*;q=0.1"})
        response = conn.getresponse()
        location = response.getheader("Location")
        body = response.read(MAX_BYTES + 1) if response.status < 300 else b""
        return response.status, location, body
    finally:
        conn.close()


def fetch_public(url: str, *, resolver: Resolver = system_resolver, timeout: float = TIMEOUT_S,
                 get_once: Callable[[Target, float], tuple[int, str | None, bytes]] = _get_once) -> tuple[str, bytes]:
    """GET a public http(s) URL, following checked redirects; return (final URL, body)."""
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        target = check_url(current, resolver)
        try:
            status, location, body = get_once(target, timeout)
        except (OSError, http.client.HTTPException) as exc:
            raise FetchRefused(f"could not fetch the URL: {type(exc).__name__}") from None
        if status in (301, 302, 303, 307, 308) and location:
            current = urljoin(target.url, location)
            continue
        if status >= 400:
            raise FetchRefused(f"the server answered HTTP {status}")
        if len(body) > MAX_BYTES:
            raise FetchRefused(f"the page is larger than {MAX_BYTES // 1_000_000} MB")
        return target.url, body
    raise FetchRefused(f"more than {MAX_REDIRECTS} redirects")
