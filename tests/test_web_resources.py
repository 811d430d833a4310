"""Bounded resources of the web app, in process: analyze lanes, fetch deadline, HEAD, cache size.

The lanes and the fetcher are the real ones (``presslens.web.jobs``, ``presslens.web.fetch``);
the slow servers are real sockets on 127.0.0.1. Tests of the real ``presslens serve`` process
(queue full under 12 concurrent analyses, cancellation, request heads, uvicorn's own answers,
memory) are in ``test_web_serve_limits.py``.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from presslens.web import create_app, fetch
from presslens.web.cache import LRU, approx_size
from presslens.web.jobs import Lane, LaneFull
from presslens.web.routes.analyze import AnalyzeLanes
from web_corpus.build import build_fixed_db
from web_corpus.server import app_routes, running_server


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_fixed_db(tmp_path_factory.mktemp("resources") / "news.duckdb", copies=3)


# --------------------------------------------------------------------------- lanes


def run_async(coroutine):  # noqa: ANN001, ANN201
    """``asyncio.run`` in a thread of its own (Playwright's sync API may hold a running loop in this one)."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coroutine)
        except BaseException as exc:  # noqa: BLE001 (re-raised in the test's thread)
            box["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(120)
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]


def test_a_full_lane_refuses_at_once_with_a_retry_time():
    lane = Lane("analysis", workers=1, waiting=2)
    release = threading.Event()

    async def scenario() -> list[object]:
        tasks = [asyncio.ensure_future(lane.run(release.wait)) for _ in range(5)]
        await asyncio.sleep(0.2)
        refused = [t for t in tasks if t.done()]
        assert len(refused) == 2 and all(isinstance(t.exception(), LaneFull) for t in refused)
        assert lane.admitted == 3
        release.set()
        return await asyncio.gather(*tasks, return_exceptions=True)

    outcomes = run_async(scenario())
    assert sum(o is True for o in outcomes) == 3
    (full, _) = [o for o in outcomes if isinstance(o, LaneFull)]
    assert full.retry_after >= 1
    assert lane.admitted == 0


def test_a_queued_job_whose_client_left_never_runs():
    lane = Lane("analysis", workers=1, waiting=4)
    release, ran = threading.Event(), []

    async def scenario() -> None:
        first = asyncio.ensure_future(lane.run(release.wait))
        second = asyncio.ensure_future(lane.run(lambda: ran.append("second")))
        await asyncio.sleep(0.1)
        assert lane.admitted == 2
        second.cancel()  # what the route does when the client disconnects
        await asyncio.sleep(0.1)
        assert lane.admitted == 1  # its place is free before the running job ends
        release.set()
        await first
        await lane.run(lambda: ran.append("third"))

    run_async(scenario())
    assert ran == ["third"]
    assert lane.stats["cancelled_queued"] == 1


def test_a_running_job_whose_client_left_is_stopped_and_the_lane_goes_on():
    lane = Lane("analysis", workers=1, waiting=4)
    progress = {"loops": 0, "finished": False, "stopped_at": 0.0}

    def endless() -> None:  # pure Python, like an extractor's loop
        started = time.monotonic()
        while time.monotonic() - started < 30:
            progress["loops"] += 1
        progress["finished"] = True

    async def scenario() -> str:
        task = asyncio.ensure_future(lane.run(endless))
        await asyncio.sleep(0.3)
        task.cancel()
        cancelled_at = time.monotonic()
        await asyncio.sleep(0)
        # the next job runs as soon as the stopped one has left the thread
        result = await asyncio.wait_for(lane.run(lambda: "next"), timeout=5)
        progress["stopped_at"] = time.monotonic() - cancelled_at
        return result

    assert run_async(scenario()) == "next"
    assert progress["loops"] > 0 and not progress["finished"]
    assert progress["stopped_at"] < 2.0
    assert lane.stats["cancelled_running"] == 1 and lane.admitted == 0


def test_lane_jobs_do_not_use_the_request_thread_pool():
    lane = Lane("analysis", workers=2, waiting=0)
    names: list[str] = []

    async def scenario() -> None:
        await lane.run(lambda: names.append(threading.current_thread().name))

    run_async(scenario())
    assert names and names[0].startswith("presslens-analysis-")


# --------------------------------------------------------------------------- fetch deadline


class SlowServer:
    """A real socket server on 127.0.0.1 that drips its answer (``phase``: in the header or the body)."""

    def __init__(self, interval: float, phase: str = "body") -> None:
        self.interval, self.phase = interval, phase
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.closed_by_peer = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    def _drip(self, conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(65536)
                head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                if self.phase == "body":
                    conn.sendall(head + b"\r\n<html><body><p>")
                else:
                    conn.sendall(head)
                while not self.stop.wait(self.interval):
                    conn.sendall(b"x" if self.phase == "body" else b"X-Slow: y\r\n")
            except OSError:
                self.closed_by_peer.set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/story"

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


@pytest.fixture
def slow_server(request) -> Iterator[SlowServer]:
    server = SlowServer(*getattr(request, "param", (0.5, "body")))
    yield server
    server.close()


def loopback(_address: str) -> bool:
    return True


@pytest.mark.parametrize("slow_server", [(0.5, "body"), (0.5, "header")], indirect=True)
def test_a_dripping_server_is_cut_off_at_the_total_deadline(slow_server):
    # each byte arrives well within the 10 s per-read timeout, so only a total deadline can end this
    started = time.monotonic()
    with pytest.raises(fetch.FetchRefused, match="did not arrive within 2 s"):
        fetch.fetch_public(slow_server.url, deadline=fetch.Deadline(2.0), allow_address=loopback)
    elapsed = time.monotonic() - started
    assert 1.9 <= elapsed < 3.5
    assert slow_server.closed_by_peer.wait(3), "the connection to the slow server was not closed"


def test_abort_stops_a_fetch_at_once(slow_server):
    deadline = fetch.Deadline(60)
    threading.Timer(0.5, deadline.abort).start()
    started = time.monotonic()
    with pytest.raises(fetch.FetchRefused, match="abandoned"):
        fetch.fetch_public(slow_server.url, deadline=deadline, allow_address=loopback)
    assert time.monotonic() - started < 2.0


def test_loopback_is_still_refused_by_default(slow_server):
    with pytest.raises(fetch.FetchRefused, match="private, loopback"):
        fetch.fetch_public(slow_server.url)


def test_analyze_by_url_answers_at_the_deadline_and_others_are_served(db, slow_server):
    def fetcher(url: str, deadline: fetch.Deadline) -> tuple[str, bytes]:
        return fetch.fetch_public(url, deadline=deadline, allow_address=loopback)

    lanes = AnalyzeLanes(fetcher=fetcher, fetch_deadline_s=2.0)
    with (
        running_server(create_app(db, analyze_lanes=lanes)) as base,
        httpx.Client(base_url=base, timeout=30) as c,
    ):
        results: list[tuple[int, str, float]] = []

        def one() -> None:
            started = time.monotonic()
            response = c.post("/api/analyze", json={"url": slow_server.url})
            results.append(
                (response.status_code, response.json()["error"]["message"], time.monotonic() - started)
            )

        threads = [threading.Thread(target=one) for _ in range(3)]
        for t in threads:
            t.start()
        time.sleep(0.3)
        get_started = time.monotonic()
        assert c.get("/api/overview").status_code == 200
        assert time.monotonic() - get_started < 1.0
        for t in threads:
            t.join(30)
    assert len(results) == 3
    for status, message, elapsed in results:
        assert status == 422 and "did not arrive within 2 s" in message
        assert elapsed < 4.0


# --------------------------------------------------------------------------- HEAD


def test_head_is_answered_for_every_get_route(db):
    app = create_app(db)
    with TestClient(app, raise_server_exceptions=False) as c:
        paths = sorted({r.path for r in app_routes(app) if "GET" in (getattr(r, "methods", None) or ())})
        assert len(paths) > 10
        for path in paths + ["/static/style.css", "/no-such-page"]:
            concrete = path.replace("{speaker_id}", "jane-porter").replace("{article_id}", "x")
            got, head = c.get(concrete), c.head(concrete)
            assert head.status_code == got.status_code != 405, concrete
            assert head.content == b"", concrete
            assert head.headers.get("content-type") == got.headers.get("content-type"), concrete
            assert head.headers.get("content-length") == got.headers.get("content-length"), concrete
            assert "content-security-policy" in head.headers
        assert c.head("/api/analyze").status_code == 405  # a POST-only route stays POST-only


# --------------------------------------------------------------------------- cache size


def test_the_data_cache_is_bounded_by_bytes_not_entries():
    cache = LRU(max_bytes=8_000_000)
    big = [{"id": f"{i:064x}", "title": "A title " * 8, "outlet": "Gazette", "quotes": i} for i in range(500)]
    assert approx_size(big) > 100_000
    for n in range(200):
        cache.get(("articles", n), lambda n=n: [dict(row, page=n) for row in big])
    assert cache.bytes <= cache.max_bytes
    assert 0 < len(cache) < 200
    for n in range(5000):  # many tiny entries fit
        cache.get(("total", n), lambda n=n: n)
    assert cache.bytes <= cache.max_bytes and len(cache) > 1000
    assert cache.get(("total", 4999), lambda: -1) == 4999  # the most recent stay


def test_a_long_list_is_sized_from_a_sample_of_its_rows():
    """Rows of one shape but sizes varying with a period: the sampled estimate is within a fifth of
    summing every row (the bound of the cache is an estimate), and a list ten times longer is
    estimated about ten times larger."""
    import sys

    rows = [
        {"id": f"{i:020x}", "text": "word " * (5 + i % 90), "n": i, "diff": [["equal", "x"]] * (i % 30)}
        for i in range(3000)
    ]

    def exhaustive(value):
        if isinstance(value, dict):
            return sys.getsizeof(value) + sum(exhaustive(v) for v in value.values())
        if isinstance(value, list | tuple):
            return sys.getsizeof(value) + sum(exhaustive(v) for v in value)
        return sys.getsizeof(value)

    assert abs(approx_size(rows) - exhaustive(rows)) < exhaustive(rows) / 5
    assert approx_size(rows[:30]) == exhaustive(rows[:30]), "short lists are summed in full"
    assert 9 < approx_size(rows * 10) / approx_size(rows) < 11


def test_one_huge_answer_does_not_flush_the_cache():
    cache = LRU(max_bytes=1_000_000)
    for n in range(20):
        cache.get(n, lambda n=n: n)
    value = cache.get("huge", lambda: ["x" * 1000] * 1000)
    assert len(value) == 1000 and len(cache) == 20  # returned, not kept


def test_a_full_queue_answers_503_with_retry_after_on_the_page_and_the_api(db, slow_server):
    def fetcher(url: str, deadline: fetch.Deadline) -> tuple[str, bytes]:
        return fetch.fetch_public(url, deadline=deadline, allow_address=loopback)

    lanes = AnalyzeLanes(fetch=Lane("fetch", workers=1, waiting=0), fetcher=fetcher, fetch_deadline_s=3.0)
    with (
        running_server(create_app(db, analyze_lanes=lanes)) as base,
        httpx.Client(base_url=base, timeout=30) as c,
    ):
        holder = threading.Thread(
            target=c.post, args=("/api/analyze",), kwargs={"json": {"url": slow_server.url}}
        )
        holder.start()
        time.sleep(0.5)  # the one fetch slot is taken
        api = c.post("/api/analyze", json={"url": slow_server.url})
        form = c.post("/analyze", data={"url": slow_server.url})
        holder.join(30)
        after = c.post("/api/analyze", json={"url": "http://127.0.0.1:1/"})  # the slot is free again
    assert api.status_code == 503 and int(api.headers["retry-after"]) >= 1
    assert api.json()["error"]["message"].startswith("the server is busy fetching other pages")
    assert form.status_code == 503 and int(form.headers["retry-after"]) >= 1
    assert "the server is busy fetching other pages" in form.text and 'name="url"' in form.text
    assert after.status_code == 422  # refused for its address, not for a full queue
