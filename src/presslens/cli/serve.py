"""``presslens serve``: the web page and JSON API over a presslens database, read-only."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Annotated

import typer

from presslens import settings
from presslens.cli import app, fail, stderr

# uvicorn limits (docs/reliability.md): an idle keep-alive connection is closed after 5 s; a request
# line plus headers may take at most 16 kB (431 beyond, with either parser: presslens.web.protocol);
# at most 256 connections or requests at once, beyond which new requests get 503 instead of
# queueing without bound; on Ctrl+C open requests get at most 10 s to finish.
SERVER_LIMITS = {"timeout_keep_alive": 5, "h11_max_incomplete_event_size": 16 * 1024, "limit_concurrency": 256,
                 "timeout_graceful_shutdown": 10}


MAX_DEFAULT_WORKERS = 4


def default_workers() -> int:
    """One server process per CPU core this process may use, at most ``MAX_DEFAULT_WORKERS``.

    One process runs Python on one core at a time; a second one roughly halves the latency tail
    under concurrent load on a 2-core machine (docs/web.md).
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(MAX_DEFAULT_WORKERS, cores))


def allowed_hosts_for(host: str, extra: list[str]) -> list[str] | None:
    """Host headers to accept: on a loopback address only local names (defeats DNS rebinding); else any."""
    try:
        loopback = ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if extra:
        return ["127.0.0.1", "localhost", "::1", "[::1]", *extra] if loopback else extra
    return ["127.0.0.1", "localhost", "::1", "[::1]", host] if loopback else None


@app.command()
def serve(
    db: Annotated[Path, typer.Option("--db", help="The presslens database (DuckDB file) to serve; opened read-only.",
                                     show_default=False)],
    host: Annotated[str, typer.Option(help="Address to listen on. Keep 127.0.0.1 unless others must reach it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on (0 picks a free one).")] = 8000,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", help="Extra Host header value to accept (e.g. a proxy's name); repeatable.")] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, max=32, show_default=False,
                                                help="Server processes; each opens the database read-only and "
                                                     "keeps its own cache. Default: one per CPU core, at most "
                                                     f"{MAX_DEFAULT_WORKERS}.")] = None,
    threads: Annotated[int, typer.Option("--threads", min=1, max=64,
                                         help="DuckDB threads per process; 1 suits many small concurrent queries, "
                                              "more helps one user on a large corpus.")] = 1,
    log_level: Annotated[str, typer.Option(help="uvicorn log level: critical, error, warning, info, debug.")] = "info",
    cache_mb: Annotated[int, typer.Option(
        "--cache-mb", min=2, max=65536,
        help="Memory for the caches of each worker process, in MB (two thirds for the data behind the "
             "pages, one third for finished answers).")] = 192,
    http: Annotated[str, typer.Option(
        "--http", help="HTTP parser: h11, httptools (if installed) or auto (httptools when installed). "
                       "Both get the same request-head limit.")] = "auto",
) -> None:
    """Serve a web page and an HTTP API (JSON twin of every page under /api, reference at /docs).

    The database is opened read-only. While the server runs, DuckDB refuses `presslens ingest` into the same file (a writer needs the file alone): stop the server, ingest, and start it again.
    """
    import uvicorn

    from presslens.web import create_app
    from presslens.web.db import Database, DatabaseError
    from presslens.web.protocol import protocol_for
    from presslens.web.security import SECURITY_HEADERS

    if http not in ("auto", "h11", "httptools"):
        raise fail(f"--http must be auto, h11 or httptools, not {http!r}")
    try:
        protocol = protocol_for(http)
    except ValueError as exc:
        raise fail(str(exc)) from None
    try:
        database = Database(db, threads=threads)
    except DatabaseError as exc:
        raise fail(str(exc)) from None
    hosts = allowed_hosts_for(host, list(allow_host or []))
    shown = f"[{host}]" if ":" in host else host
    stderr.print(f"presslens: serving {db} (read-only) at http://{shown}:{port}/ with "
                 f"{workers or default_workers()} worker process(es) — Ctrl+C to stop")
    # uvicorn sends the security headers on every answer, its own 400/431/503 included; the app
    # then only removes copies of its own (create_app(server_headers=True)).
    options = {"host": host, "port": port, "log_level": log_level, "server_header": False, "proxy_headers": False,
               "access_log": log_level in ("info", "debug"), "http": protocol,
               "headers": list(SECURITY_HEADERS.items()), **SERVER_LIMITS}
    workers = workers or default_workers()
    try:
        if workers > 1:
            # Each worker process opens its own read-only connection; this one stays open meanwhile,
            # so no writer can take the file between the start and the workers' opening it.
            os.environ.update({settings.SERVE_DB: str(db.resolve()), settings.SERVE_ALLOWED_HOSTS: ",".join(hosts or []),
                               settings.SERVE_THREADS: str(threads), settings.SERVE_SERVER_HEADERS: "1",
                               settings.SERVE_CACHE_MB: str(cache_mb)})
            uvicorn.run("presslens.web.app:app_from_environment", factory=True, workers=workers, **options)
        else:
            uvicorn.run(create_app(database, allowed_hosts=hosts, server_headers=True,
                                   cache_bytes=cache_mb * 2**20), **options)
    finally:
        database.close()
