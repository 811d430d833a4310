"""Server limits of ``presslens serve``: sizes, timeouts, paging caps, read-only data, no stack traces, load.

Most tests run the real CLI (``python -m presslens serve``) on a free 127.0.0.1 port, so the
uvicorn settings of ``presslens.cli.serve.SERVER_LIMITS`` are the ones under test; traffic stays
on loopback. The load test is bounded: a few slow clients that send their request head one byte
at a time, a few clients that disconnect in the middle of a large response, and ordinary clients
whose requests must all succeed quickly meanwhile.
"""

from __future__ import annotations

import hashlib
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import httpx
import pytest
from fastapi.testclient import TestClient

from presslens.cli.serve import SERVER_LIMITS
from presslens.web import create_app
from presslens.web.paging import MAX_LIMIT
from web_corpus.build import build_fixed_db
from web_corpus.server import app_routes

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """About 1,000 articles: enough for a large list response."""
    return build_fixed_db(tmp_path_factory.mktemp("limits") / "news.duckdb", copies=90)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def server(db) -> Iterator[str]:
    """``presslens serve`` in a subprocess on a free loopback port; stopped after the module."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "presslens", "serve", "--db", str(db), "--host", HOST,
                             "--port", str(port), "--log-level", "warning"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://{HOST}:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(base + "/api/overview", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"presslens serve did not start: {proc.stderr.read() if proc.stderr else ''}")
        time.sleep(0.2)
    try:
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()


def raw(port_of: str, payload: bytes, *, read_timeout: float = 10) -> bytes:
    """Send raw bytes on a fresh connection and return everything the server answers before closing."""
    port = int(port_of.rsplit(":", 1)[1])
    with socket.create_connection((HOST, port), timeout=read_timeout) as s:
        try:
            s.sendall(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before reading everything
        chunks = []
        try:
            while chunk := s.recv(65536):
                chunks.append(chunk)
                if b"\r\n\r\n" in b"".join(chunks) and b"connection: close" not in b"".join(chunks).lower():
                    break
        except (TimeoutError, ConnectionResetError):
            pass
    return b"".join(chunks)


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1 ") else 0


# --------------------------------------------------------------------------- sizes


def test_request_bodies_over_the_limit_are_refused(server):
    big = b"{" + b" " * 2_000_000 + b"}"
    declared = httpx.post(server + "/api/analyze", content=big, headers={"content-type": "application/json"},
                          timeout=30)
    assert declared.status_code == 413 and declared.json()["error"]["status"] == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit must hold while streaming
        yield b'{"text": "'
        for _ in range(40):
            yield b"x" * 65536
        yield b'"}'

    streamed = httpx.post(server + "/api/analyze", content=chunks(), headers={"content-type": "application/json"},
                          timeout=30)
    assert streamed.status_code == 413
    assert httpx.get(server + "/api/overview", timeout=10).status_code == 200


def test_oversized_request_heads_are_refused(server):
    # h11 refuses a head still incomplete past the limit; a head that arrives whole in one socket read
    # (up to 256 kB) is parsed, so the test sends heads larger than one read.
    limit = SERVER_LIMITS["h11_max_incomplete_event_size"]
    header = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * (limit * 64) + b"\r\n\r\n"
    assert status_of(raw(server, header)) in (400, 431)
    long_url = b"GET /search?q=" + b"a" * (limit * 64) + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    assert status_of(raw(server, long_url)) in (400, 414, 431)
    assert status_of(raw(server, b"NOT HTTP AT ALL\r\n\r\n")) in (0, 400)
    assert httpx.get(server + "/api/overview", timeout=10).status_code == 200


# --------------------------------------------------------------------------- timeouts


def test_idle_keep_alive_connections_are_closed(server):
    port = int(server.rsplit(":", 1)[1])
    with socket.create_connection((HOST, port), timeout=30) as s:
        s.sendall(b"GET /api/overview HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        started = time.monotonic()
        answer = b""
        while True:  # read the response, then wait for the server to hang up
            chunk = s.recv(65536)
            if not chunk:
                break
            answer += chunk
        waited = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.1 200")
    assert SERVER_LIMITS["timeout_keep_alive"] - 1 <= waited <= SERVER_LIMITS["timeout_keep_alive"] + 10


# --------------------------------------------------------------------------- paging caps


@pytest.mark.parametrize("path", ["/api/articles", "/api/speakers", "/api/search?q=taxes&", "/api/outlets"])
def test_pagination_is_capped(server, path):
    sep = "&" if path.endswith("&") else "?"
    path = path.rstrip("&")
    huge = httpx.get(f"{server}{path}{sep}limit={10**12}&offset=0", timeout=30)
    assert huge.status_code == 200 and huge.json()["limit"] == MAX_LIMIT
    assert max(len(v) for v in huge.json().values() if isinstance(v, list)) <= MAX_LIMIT
    negative = httpx.get(f"{server}{path}{sep}limit=-7&offset=-100", timeout=30).json()
    assert negative["limit"] >= 1 and negative["offset"] == 0
    far = httpx.get(f"{server}{path}{sep}offset={10**15}", timeout=30)
    assert far.status_code == 200 and far.json()["next_offset"] is None
    assert httpx.get(f"{server}{path}{sep}limit=ten", timeout=30).status_code == 422


# --------------------------------------------------------------------------- read-only


def hostile_values(folder: Path) -> list[str]:
    """Filter values written as SQL that would change the database or write a file if ever executed."""
    return ["'; DROP TABLE articles; --", "x'); DELETE FROM attributions; --",
            f"1; ATTACH '{folder / 'attached.db'}' AS x", f"'; COPY articles TO '{folder / 'leak.csv'}'; --",
            "\"; UPDATE speakers SET name='pwned'; --", "%' OR 1=1 --", "\\'; CHECKPOINT; --"]


def test_no_route_can_write_to_the_database(db, tmp_path):
    before = digest(db)
    writes = hostile_values(tmp_path)
    app = create_app(db)
    with TestClient(app, raise_server_exceptions=False) as c:
        with app.state.db.cursor() as cur, pytest.raises(duckdb.Error):
            cur.execute("CREATE TABLE pwned (i INTEGER)")  # the server's own connection is read-only
        paths = sorted({r.path for r in app_routes(app) if getattr(r, "methods", None)})
        assert len(paths) > 10
        for path in paths:
            concrete = path.replace("{speaker_id}", "jane-porter").replace("{article_id}", "x").replace("{path}", "x")
            for method in ("POST", "PUT", "PATCH", "DELETE"):
                response = c.request(method, concrete, json={"text": writes[0], "sql": writes[0]})
                assert response.status_code < 500, (method, concrete)
            for value in writes:
                for key in ("q", "text", "outlet", "kind", "speaker_id", "since", "type", "grain"):
                    response = c.get(concrete, params={key: value})
                    assert response.status_code in (200, 404, 405, 415, 422), (concrete, key, value, response.text)
                    assert "Traceback" not in response.text
    assert digest(db) == before, "a request changed the database file"
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "a request wrote a file"


# --------------------------------------------------------------------------- errors


def test_forced_errors_never_reach_the_client_as_stack_traces(db, monkeypatch):
    from presslens.web import data

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("secret detail in /home/editor/private.key")

    monkeypatch.setattr(data, "overview", broken)
    monkeypatch.setattr(data, "articles_list", broken)
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        for path in ("/", "/api/overview", "/articles", "/api/articles"):
            response = c.get(path)
            assert response.status_code == 500, path
            for leak in ("secret", "private.key", "Traceback", "RuntimeError", 'File "', "presslens/web"):
                assert leak not in response.text, (path, leak)
            assert "content-security-policy" in response.headers
        malformed = c.post("/api/analyze", content=b"{not json", headers={"content-type": "application/json"})
        assert malformed.status_code == 422 and "Traceback" not in malformed.text


def test_server_errors_over_http_are_generic(server):
    answer = raw(server, b"GET /api/articles/%ff%fe%00 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    assert status_of(answer) in (404, 422)
    assert b"Traceback" not in answer and b'File "' not in answer


# --------------------------------------------------------------------------- load with slow and vanishing clients


def slow_client(port: int, stop: threading.Event, sent: list[int]) -> None:
    """Send a request head one byte at a time, never finishing it before ``stop``."""
    head = b"GET /api/overview HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"z" * 10_000
    try:
        with socket.create_connection((HOST, port), timeout=5) as s:
            for byte in head:
                if stop.is_set():
                    return
                s.send(bytes([byte]))
                sent[0] += 1
                time.sleep(0.05)
    except OSError:
        pass  # the server may close a slow connection: that is allowed


def vanishing_client(port: int, stop: threading.Event, dropped: list[int]) -> None:
    """Ask for a large response, read a little of it, then reset the connection; again and again."""
    request = b"GET /api/articles?limit=500 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    while not stop.is_set():
        try:
            s = socket.create_connection((HOST, port), timeout=5)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            s.sendall(request)
            s.recv(512)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            s.close()  # RST in the middle of the response
            dropped[0] += 1
        except OSError:
            pass
        time.sleep(0.05)


def test_slow_and_vanishing_clients_do_not_stop_the_others(server):
    port = int(server.rsplit(":", 1)[1])
    stop = threading.Event()
    sent, dropped = [0], [0]
    threads = [threading.Thread(target=slow_client, args=(port, stop, sent), daemon=True) for _ in range(12)]
    threads += [threading.Thread(target=vanishing_client, args=(port, stop, dropped), daemon=True) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    latencies: list[float] = []
    failures: list[str] = []
    paths = ["/api/overview", "/api/speakers", "/api/search?q=taxes", "/speakers/jane-porter", "/articles",
             "/api/articles?limit=100", "/outlets", "/"]
    try:
        with httpx.Client(base_url=server, timeout=20) as client:
            for i in range(80):
                started = time.monotonic()
                try:
                    response = client.get(paths[i % len(paths)])
                    if response.status_code != 200:
                        failures.append(f"{paths[i % len(paths)]}: {response.status_code}")
                except httpx.HTTPError as exc:
                    failures.append(f"{paths[i % len(paths)]}: {exc!r}")
                latencies.append(time.monotonic() - started)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=10)
    assert failures == []
    assert sent[0] > 100 and dropped[0] >= 4, "the slow and vanishing clients did not really run"
    p95 = statistics.quantiles(latencies, n=20)[-1]
    assert p95 < 3.0, f"p95 latency {p95:.2f} s while slow clients were connected"
    assert httpx.get(server + "/api/overview", timeout=10).status_code == 200
