"""Resource cases of the ``presslens serve`` load test (``serve_load.py --case …``).

* ``analyze``: 40 clients post 3.7 kB articles to ``POST /api/analyze`` for ``--seconds`` while a
  few ordinary clients run the usual GET mix, whose latency must stay low (p95 < 1 s). Polite
  analyze clients wait ``Retry-After`` (at most 2 s) after a 503. Then the 40 clients keep
  posting but give up after 1 s each (a disconnect), and once they stop the server's CPU is
  sampled for 10 s: work left running for clients that are gone shows up there.
* ``drip``: a local server answers each request with a header and then one body byte every
  4 s, for ever; 6 clients ask the server to analyse its URL while the GET mix runs. Each answer's
  time shows whether the fetch has a total deadline. The server is started by this module with
  the same uvicorn settings as ``presslens serve`` but a fetcher allowed to reach 127.0.0.1 (the
  real one refuses loopback addresses).
* ``memory``: one worker; ``GET /api/articles?limit=500&offset=…`` with ever new offsets, the
  worker's resident memory sampled as it goes.

Every case talks to 127.0.0.1 only and is bounded in time.
"""

from __future__ import annotations

import asyncio
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [ROOT / "samples" / "council_budget.txt", ROOT / "samples" / "court_report.txt"]


def article_text() -> str:
    """About 3.7 kB of news text (the two bundled samples, twice)."""
    return "\n\n".join(p.read_text() for p in SAMPLES * 2)


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))], 1)


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (MB)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{current}/task").iterdir():
                pending.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return round(total / 1024, 1)


# --------------------------------------------------------------------------- GET clients


async def get_clients(base: str, plan_args: tuple, stop: asyncio.Event, clients: int = 4,
                      timeout: float = 30) -> dict[str, Any]:
    """Closed-loop clients running the ordinary GET mix until ``stop``; latency and failures."""
    import random

    from serve_load import request_plan

    times: list[float] = []
    failures: list[str] = []

    async def loop(n: int) -> None:
        rng = random.Random(500 + n)
        async with httpx.AsyncClient(base_url=base, timeout=timeout) as client:
            while not stop.is_set():
                _, path = request_plan(rng, *plan_args)
                started = time.perf_counter()
                try:
                    response = await client.get(path)
                    if response.status_code != 200:
                        failures.append(f"{response.status_code} {path}")
                except httpx.HTTPError as exc:
                    failures.append(f"{type(exc).__name__} {path}")
                times.append((time.perf_counter() - started) * 1000)

    await asyncio.gather(*(loop(n) for n in range(clients)))
    return {"requests": len(times), "failures": len(failures), "p50_ms": pct(times, 50), "p95_ms": pct(times, 95),
            "max_ms": round(max(times), 1) if times else None, "first_failures": failures[:3]}


# --------------------------------------------------------------------------- analyze case


async def analyze_clients(base: str, body: dict, seconds: float, clients: int, give_up_s: float | None) -> dict:
    """``clients`` loops posting ``body`` for ``seconds``; ``give_up_s``: disconnect after that long."""
    counts = {"ok": 0, "busy_503": 0, "busy_with_retry_after": 0, "gave_up": 0, "other": 0}
    ok_times: list[float] = []
    deadline = time.monotonic() + seconds

    async def loop() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=give_up_s or 120) as client:
            while time.monotonic() < deadline:
                started = time.perf_counter()
                try:
                    response = await client.post("/api/analyze", json=body)
                except httpx.TimeoutException:
                    counts["gave_up"] += 1
                    continue
                except httpx.HTTPError:
                    counts["other"] += 1
                    await asyncio.sleep(0.5)
                    continue
                if response.status_code == 200:
                    counts["ok"] += 1
                    ok_times.append((time.perf_counter() - started) * 1000)
                elif response.status_code == 503:
                    counts["busy_503"] += 1
                    retry = response.headers.get("retry-after")
                    counts["busy_with_retry_after"] += retry is not None
                    await asyncio.sleep(min(2.0, float(retry or 1)))
                else:
                    counts["other"] += 1
                    await asyncio.sleep(0.5)

    await asyncio.gather(*(loop() for _ in range(clients)))
    return {**counts, "ok_p50_ms": pct(ok_times, 50), "ok_p95_ms": pct(ok_times, 95)}


async def _with_gets(base: str, plan_args: tuple, work: Any) -> tuple[Any, dict]:
    stop = asyncio.Event()
    gets = asyncio.ensure_future(get_clients(base, plan_args, stop))
    try:
        result = await work
    finally:
        stop.set()
    return result, await gets


def analyze_case(base: str, server_pid: int, plan_args: tuple, seconds: float, clients: int = 40) -> dict:
    """Polite analyze clients, then abandoning ones, with the GET mix alongside; CPU after they leave."""
    from serve_load import cpu_seconds

    body = {"text": article_text()}
    polite, polite_gets = asyncio.run(_with_gets(base, plan_args, analyze_clients(base, body, seconds, clients, None)))
    abandon, abandon_gets = asyncio.run(_with_gets(base, plan_args,
                                                   analyze_clients(base, body, seconds / 2, clients, 1.0)))
    cpu_before = cpu_seconds(server_pid)
    time.sleep(10)
    after = round(cpu_seconds(server_pid) - cpu_before, 1)
    started = time.perf_counter()
    try:
        status = httpx.post(base + "/api/analyze", json=body, timeout=120).status_code
    except httpx.HTTPError as exc:
        status = type(exc).__name__
    return {"clients": clients, "seconds": seconds, "text_bytes": len(body["text"].encode()),
            "polite": {"analyze": polite, "get": polite_gets},
            "abandoning": {"analyze": abandon, "get": abandon_gets},
            "server_cpu_s_in_10_s_after_clients_left": after,
            "next_analysis": {"status": status, "ms": round((time.perf_counter() - started) * 1000)}}


# --------------------------------------------------------------------------- drip case


class DripServer:
    """A TCP server on 127.0.0.1 answering with a 200 header, then one byte every ``interval`` s."""

    def __init__(self, interval: float = 4.0) -> None:
        self.interval = interval
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.open = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        self.sock.settimeout(0.5)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    def _drip(self, conn: socket.socket) -> None:
        self.open += 1
        try:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>")
            while not self.stop.wait(self.interval):
                conn.sendall(b"x")
        except OSError:
            pass
        finally:
            self.open -= 1
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


def drip_case(base: str, plan_args: tuple, drip: DripServer, clients: int = 6, timeout: float = 60) -> dict:
    """``clients`` URL analyses of the drip server at once, with the GET mix alongside."""
    url = f"http://127.0.0.1:{drip.port}/article"

    async def one(client: httpx.AsyncClient) -> tuple[str, float]:
        started = time.perf_counter()
        try:
            response = await client.post("/api/analyze", json={"url": url})
            outcome = f"{response.status_code} {response.json().get('error', {}).get('message', '')}"
        except httpx.HTTPError as exc:
            outcome = f"client gave up ({type(exc).__name__})"
        return outcome, round(time.perf_counter() - started, 1)

    async def all_of_them() -> list[tuple[str, float]]:
        async with httpx.AsyncClient(base_url=base, timeout=timeout) as client:
            return await asyncio.gather(*(one(client) for _ in range(clients)))

    answers, gets = asyncio.run(_with_gets(base, plan_args, all_of_them()))
    time.sleep(2 * drip.interval + 1)  # the drip server notices a closed connection at its next writes
    return {"clients": clients, "drip_interval_s": drip.interval, "client_timeout_s": timeout,
            "answers": sorted(answers), "seconds_to_answer_max": max(t for _, t in answers),
            "drip_connections_still_open_after_the_answers": drip.open, "get": gets}


def serve_with_loopback_fetch(db: str, port: int) -> None:
    """Run the app like ``presslens serve`` (one worker) but with a fetcher allowed to reach 127.0.0.1."""
    import uvicorn

    from presslens.cli import serve as cli
    from presslens.web import create_app, fetch
    from presslens.web.db import Database

    options: dict[str, Any] = {"host": "127.0.0.1", "port": port, "log_level": "warning", "server_header": False,
                               **cli.SERVER_LIMITS}
    try:  # this release: the same protocol, headers and lanes as `presslens serve`
        from presslens.web.protocol import protocol_for
        from presslens.web.routes.analyze import AnalyzeLanes
        from presslens.web.security import SECURITY_HEADERS

        def fetcher(url: str, deadline: fetch.Deadline) -> tuple[str, bytes]:
            return fetch.fetch_public(url, deadline=deadline, allow_address=lambda _a: True)

        options.update(http=protocol_for("auto"), headers=list(SECURITY_HEADERS.items()))
        app = create_app(Database(db), server_headers=True, analyze_lanes=AnalyzeLanes(fetcher=fetcher))
    except ImportError:  # the previous release: let its address check pass loopback
        fetch.is_public_address = lambda _a: True
        app = create_app(Database(db))
    uvicorn.run(app, **options)


def start_loopback_fetch_server(db: Path, port: int) -> subprocess.Popen:
    code = (f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import serve_cases; "
            f"serve_cases.serve_with_loopback_fetch({str(db)!r}, {port})")
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


# --------------------------------------------------------------------------- memory case


def memory_case(base: str, server_pid: int, requests: int = 2000, step: int = 7) -> dict:
    """Paged article lists with ever new offsets; the server's resident memory as they go."""
    samples = [(0, rss_mb(server_pid))]
    failures = 0
    times: list[float] = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for i in range(1, requests + 1):
            started = time.perf_counter()
            if client.get("/api/articles", params={"limit": 500, "offset": step * i}).status_code != 200:
                failures += 1
            times.append((time.perf_counter() - started) * 1000)
            if i % max(1, requests // 6) == 0:
                samples.append((i, rss_mb(server_pid)))
    return {"requests": requests, "failures": failures, "rss_mb_by_requests": samples,
            "growth_mb": round(samples[-1][1] - samples[0][1], 1), "p50_ms": pct(times, 50),
            "mean_ms": round(statistics.fmean(times), 1)}
