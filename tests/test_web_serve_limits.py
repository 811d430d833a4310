"""Resource limits of the real ``presslens serve`` process (uvicorn, real pipeline, real DuckDB).

* the analyze queue: concurrent analyses beyond one running and four waiting get 503 with
  ``Retry-After`` while ordinary GETs stay fast; an analysis whose client disconnects is stopped;
* request heads over 16 kB get 431 before they are parsed, whether sent at once or dribbled;
* uvicorn's own answers (400 for a garbled request, 431, 503 past ``limit_concurrency``) carry
  the security headers;
* the caches of a worker stay within ``--cache-mb`` on paged lists with ever new offsets.

Traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from presslens.cli.serve import SERVER_LIMITS
from presslens.web.protocol import HAVE_HTTPTOOLS
from presslens.web.security import SECURITY_HEADERS
from web_corpus.build import build_fixed_db

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "\n\n".join((ROOT / "samples" / name).read_text() for name in ("council_budget.txt", "court_report.txt"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


class Served:
    """``presslens serve --workers 1`` on a free loopback port."""

    def __init__(self, db: Path, *extra: str) -> None:
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.proc = subprocess.Popen([sys.executable, "-m", "presslens", "serve", "--db", str(db), "--host", HOST,
                                      "--port", str(self.port), "--workers", "1", "--log-level", "warning", *extra],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(self.base + "/api/overview", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"presslens serve did not start: {self.proc.stderr.read() if self.proc.stderr else ''}")
            time.sleep(0.2)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stderr:
            self.proc.stderr.close()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_fixed_db(tmp_path_factory.mktemp("serve-limits") / "news.duckdb", copies=90)


@pytest.fixture(scope="module")
def server(db) -> Iterator[Served]:
    served = Served(db, "--cache-mb", "16")
    yield served
    served.stop()


def raw(port: int, payload: bytes, *, chunk: int | None = None, pause: float = 0.0) -> tuple[bytes, bool]:
    """Send ``payload`` (in ``chunk``-byte pieces) on a fresh connection; the answer and whether all was sent."""
    with socket.create_connection((HOST, port), timeout=10) as s:
        sent_all = True
        try:
            for start in range(0, len(payload), chunk or len(payload)):
                s.sendall(payload[start:start + (chunk or len(payload))])
                time.sleep(pause)
        except (BrokenPipeError, ConnectionResetError):
            sent_all = False
        answer = b""
        try:
            while part := s.recv(65536):
                answer += part
        except (TimeoutError, ConnectionResetError):
            pass
    return answer, sent_all


def status_and_headers(answer: bytes) -> tuple[int, dict[str, str]]:
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split(" ", 2)[1]) if head[0].startswith("HTTP/1.1 ") else 0
    headers: dict[str, str] = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), value.strip())
    return status, headers


def assert_security_headers(headers: dict[str, str]) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name.lower()) == value, name


# --------------------------------------------------------------------------- the analyze queue


def test_concurrent_analyses_beyond_the_queue_get_503_and_gets_stay_fast(server):
    text = "\n\n".join([SAMPLE] * 12)  # about 22 kB: each analysis takes long enough for the others to queue
    httpx.post(server.base + "/api/analyze", json={"text": SAMPLE}, timeout=120).raise_for_status()  # model loaded
    answers: list[httpx.Response] = []
    start = threading.Barrier(12)

    def analyse() -> None:
        start.wait()
        answers.append(httpx.post(server.base + "/api/analyze", json={"text": text}, timeout=300))

    threads = [threading.Thread(target=analyse) for _ in range(12)]
    for t in threads:
        t.start()
    times, failures = [], []
    paths = [f"/api/articles?limit=20&offset={i}" for i in range(40)]  # cold: each needs the database
    with httpx.Client(base_url=server.base, timeout=30) as client:
        time.sleep(0.3)
        for path in paths:
            started = time.monotonic()
            if client.get(path).status_code != 200:
                failures.append(path)
            times.append(time.monotonic() - started)
    for t in threads:
        t.join(300)
    statuses = sorted(r.status_code for r in answers)
    assert statuses.count(200) >= 5 and statuses.count(503) >= 4 and set(statuses) == {200, 503}, statuses
    for busy in (r for r in answers if r.status_code == 503):
        assert int(busy.headers["retry-after"]) >= 1
        assert "busy" in busy.json()["error"]["message"]
        assert busy.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]
    assert failures == []
    assert statistics.quantiles(times, n=20)[-1] < 1.0, f"GET p95 {statistics.quantiles(times, n=20)[-1]:.2f} s"


def test_an_analysis_whose_client_disconnects_is_stopped(server):
    big = {"text": "\n\n".join([SAMPLE] * 100)}  # about 180 kB, several seconds of analysis
    small = {"text": SAMPLE}
    started = time.monotonic()
    httpx.post(server.base + "/api/analyze", json=big, timeout=300).raise_for_status()
    full = time.monotonic() - started
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(server.base + "/api/analyze", json=big, timeout=httpx.Timeout(30, read=1.0))
    gone = time.monotonic()
    # one analysis runs at a time: the small one can only start once the abandoned one has stopped
    httpx.post(server.base + "/api/analyze", json=small, timeout=300).raise_for_status()
    waited = time.monotonic() - gone
    assert waited < 0.5 * full, f"the small analysis waited {waited:.1f} s; a full big analysis takes {full:.1f} s"


# --------------------------------------------------------------------------- request heads and uvicorn's answers


HEAD_100K = b"GET /api/overview HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n"


def check_large_heads(base_port: int) -> None:
    answer, _ = raw(base_port, HEAD_100K)  # at once: h11 used to parse this
    status, headers = status_and_headers(answer)
    assert status == 431 and b'"stats"' not in answer
    assert_security_headers(headers)
    answer, sent_all = raw(base_port, HEAD_100K, chunk=4096, pause=0.01)  # dribbled
    assert status_and_headers(answer)[0] in (400, 431)
    assert not sent_all, "the server read the whole 100 kB head instead of closing after the limit"
    line = b"GET /search?q=" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    assert status_and_headers(raw(base_port, line)[0])[0] in (400, 414, 431)
    ok = b"GET /api/overview HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Fine: " + b"a" * 8000 + b"\r\nConnection: close\r\n\r\n"
    assert status_and_headers(raw(base_port, ok)[0])[0] == 200


def test_large_request_heads_get_431_with_h11(server):
    check_large_heads(server.port)


def test_large_request_heads_get_431_with_httptools(db):
    if not HAVE_HTTPTOOLS:
        pytest.skip("httptools is not installed (it is optional; h11 is the default parser)")
    served = Served(db, "--http", "httptools")
    try:
        check_large_heads(served.port)
        answer, _ = raw(served.port, b"NOT HTTP AT ALL\r\n\r\n")
        assert status_and_headers(answer)[0] == 400
        assert_security_headers(status_and_headers(answer)[1])
    finally:
        served.stop()


def test_uvicorns_own_answers_carry_the_security_headers(server):
    answer, _ = raw(server.port, b"NOT HTTP AT ALL\r\n\r\n")
    status, headers = status_and_headers(answer)
    assert status == 400
    assert_security_headers(headers)
    ordinary = httpx.get(server.base + "/api/overview")
    for name in SECURITY_HEADERS:  # and every ordinary answer has each header exactly once
        assert len(ordinary.headers.get_list(name)) == 1, name
    idle = []
    try:
        for _ in range(SERVER_LIMITS["limit_concurrency"]):
            idle.append(socket.create_connection((HOST, server.port), timeout=10))
        time.sleep(0.5)
        answer, _ = raw(server.port, b"GET /api/overview HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    finally:
        for s in idle:
            s.close()
    status, headers = status_and_headers(answer)
    assert status == 503
    assert_security_headers(headers)
    time.sleep(0.5)
    assert httpx.get(server.base + "/api/overview", timeout=10).status_code == 200


def test_head_requests_over_http(server):
    got = httpx.get(server.base + "/speakers")
    head = httpx.head(server.base + "/speakers")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == got.headers["content-length"]
    assert_security_headers({k.lower(): v for k, v in head.headers.items()})


# --------------------------------------------------------------------------- memory


def test_a_worker_stays_within_its_cache_size_on_paged_lists(server):
    with httpx.Client(base_url=server.base, timeout=60) as client:
        for offset in range(20):  # warm up DuckDB and the allocator
            client.get("/api/articles", params={"limit": 500, "offset": offset})
        before = rss_mb(server.proc.pid)
        sizes = []
        for offset in range(20, 320):
            for limit in (500, 499):
                response = client.get("/api/articles", params={"limit": limit, "offset": offset})
                assert response.status_code == 200
                sizes.append(len(response.content))
        after = rss_mb(server.proc.pid)
    # 600 distinct pages of up to 500 articles: as JSON alone three times the 16 MB allowed, and the
    # dicts behind them take several times their JSON (the old 4,096-entry cache kept them all)
    assert sum(sizes) > 3 * 16 * 2**20
    assert after - before < 60, f"worker memory grew from {before:.0f} to {after:.0f} MB"
