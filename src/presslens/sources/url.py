"""Articles fetched over HTTP(S), with a timeout and a size cap."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

from presslens.schema import Article, InputError
from presslens.sources.html import article_from_html

TIMEOUT_S = 20
MAX_BYTES = 20_000_000
USER_AGENT = "presslens/0.1 (+news attribution analysis)"


FETCHED_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*)://")


def is_url(value: str) -> bool:
    """True for http:// and https:// addresses."""
    return value.lower().startswith(("http://", "https://"))


def unsupported_scheme(value: str) -> str | None:
    """The scheme of ``value`` when it looks like a URL that cannot be fetched (``ftp://…``), else None."""
    match = _SCHEME.match(value)
    if match and match.group(1).lower() not in FETCHED_SCHEMES:
        return match.group(1)
    return None


def scheme_message(scheme: str) -> str:
    """The error reason for a URL with an unsupported scheme."""
    return f"unsupported URL scheme {scheme}://; only http:// and https:// URLs can be fetched"


def fetch(url: str, timeout: float = TIMEOUT_S) -> bytes:
    """GET ``url`` and return the body; InputError with the reason when it fails."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (scheme checked)
            body = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise InputError(url, f"could not fetch URL (offline or host unreachable): {exc.reason}") from None
    except TimeoutError:
        raise InputError(url, f"no answer within {timeout:.0f} s") from None
    except OSError as exc:
        raise InputError(url, f"could not fetch URL: {exc}") from None
    if len(body) > MAX_BYTES:
        raise InputError(url, f"page is larger than {MAX_BYTES / 1e6:.0f} MB")
    return body


def article_from_url(url: str) -> Article:
    """Fetch and extract one web article."""
    if not is_url(url):
        scheme = unsupported_scheme(url)
        raise InputError(url, scheme_message(scheme) if scheme else "only http:// and https:// URLs can be fetched")
    return article_from_html(fetch(url), origin=url, url=url)
