"""Load test of ``presslens serve``: concurrent clients against a ~100k-attribution database.

    python benchmarks/serve_load.py                  # builds a synthetic database, 20 clients x 200 requests
    python benchmarks/serve_load.py --db news.duckdb --clients 10 --requests 100
    python benchmarks/serve_load.py --db news.duckdb --case analyze   # 40 concurrent analyses + GET p95
    python benchmarks/serve_load.py --db news.duckdb --case drip      # URL fetches of a slow-drip server
    python benchmarks/serve_load.py --db news.duckdb --case memory    # worker memory on paged lists

The ``analyze``, ``drip`` and ``memory`` cases are described in ``serve_cases.py``.

The server is the real CLI (``python -m presslens serve``) in a subprocess bound to 127.0.0.1; the
clients are httpx coroutines in this process. Traffic goes to loopback only. The run is bounded:
``clients x requests`` requests at most and ``--max-seconds`` of wall time, after which it stops by
itself and the server is shut down. Without ``--db`` a database is built in a temporary folder by
writing synthetic analyses (template articles, a pool of invented speakers and outlets) through
``presslens.store.Store`` and ``presslens.corpus.update_speakers``.

Reports p50/p95/p99/max latency for API calls and HTML pages, the error count (any non-2xx
answer or failed request) and throughput; exits 1 when there are errors or the API p95 is above
``--target-p95-ms``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx

FIRST = ("Jane Tom Amina Grace Peter Maria Chen Lena Omar Ruth Diego Hana Felix Nora Ivan Sofia Karl Mei Paul "
         "Zara Ahmed Clara Jonas Elif Marco").split()
LAST = ("Porter Alvarez Diallo Okafor Smith Keller Wei Novak Haddad Berg Ortega Sato Wagner Lund Petrov Rossi "
        "Brandt Lin Dubois Khan Moreau Silva Fischer Yilmaz Costa").split()
OUTLETS = ("Riverside Gazette", "Valley Herald", "Harbor Times", "Metro Daily", "The Ledger", "County Courier",
           "Northern Post", "Evening Star", "Capital Wire", "Coastal News", "Hill Review", "Plains Journal")
TOPICS = ("budget", "taxes", "library", "harbour", "buses", "schools", "housing", "water", "parks", "police")
SEARCHES = ("taxes", "budget", "will not", "\"the budget\"", "harbour", "schools open", "library", "nobody",
            "water prices", "housing plan")


# --------------------------------------------------------------------------- synthetic database

VERBS = ("cut", "raise", "review", "freeze", "double", "protect", "delay", "fund", "rebuild", "sell", "audit",
         "expand", "close", "reopen", "modernise", "halve", "defend", "rethink", "publish", "question")
ADJECTIVES = ("new", "old", "northern", "public", "emergency", "annual", "regional", "flagship", "temporary",
              "costly", "overdue", "popular", "controversial", "modest", "ambitious", "secret", "revised",
              "draft", "final", "joint")
NOUNS = ("plan", "contract", "fund", "programme", "survey", "scheme", "report", "deal", "tender", "levy",
         "subsidy", "strategy", "proposal", "reform", "project", "grant", "inquiry", "budget", "study", "charter")
MONTHS = ("January", "March", "May", "June", "September", "October", "December", "spring", "autumn", "summer")


def synthetic_quote(rng: random.Random, topic: str, speaker: str) -> str:
    """A varied statement; now and then one of the speaker's stock lines, slightly reworded (quote variants)."""
    if rng.random() < 0.15:
        stock = random.Random(speaker).choice(VERBS)
        ending = rng.choice(("whatever the pressure,", "whatever happens,", "no matter what,"))
        return f"We will not {stock} the {topic} budget this year, {ending}"
    return (f"We will {rng.choice(VERBS)} the {rng.choice(ADJECTIVES)} {topic} {rng.choice(NOUNS)} by "
            f"{rng.randrange(2, 60)} percent before {rng.choice(MONTHS)},")


TECHNIQUES = ("Loaded_Language", "Name_Calling,Labeling", "Exaggeration,Minimisation", "Doubt")


def insight_layers(rng: random.Random, spans: list) -> dict[str, list]:  # noqa: ANN001
    """Claims, framing and entities for one synthetic article, so the claims, framing and entity pages
    have data: the indirect statement as a claim, a framing span over the first two words of one quote,
    and each speaker as an entity (with their mentions, linked from their attributions)."""
    from presslens.schema import Claim, Entity, FramingSpan, Span

    indirect = spans[-1].content
    claims = [Claim(indirect.start, indirect.end, indirect.text, round(0.5 + rng.random() / 2, 3))]
    quoted = rng.choice(spans[:-1]).content
    words = quoted.text.split()[:2]
    piece = " ".join(words)
    framing = [FramingSpan(quoted.start, quoted.start + len(piece), piece, rng.choice(TECHNIQUES),
                           round(0.3 + rng.random() * 0.7, 3))] if rng.random() < 0.6 else []
    entities: dict[str, Entity] = {}
    for a in spans:
        name = a.source.name
        entity = entities.setdefault(name, Entity(id=f"e{len(entities)}", name=name, kind="person"))
        entity.mentions.append(Span(a.source.mention.start, a.source.mention.end, a.source.mention.text))
        a.source.entity = entity.id
    return {"claims": claims, "framing": framing, "entities": list(entities.values())}


def build_database(path: Path, attributions: int, seed: int = 7) -> Path:
    """Write synthetic articles (4 attributions each) until about ``attributions`` are stored."""
    from presslens.corpus import update_speakers
    from presslens.schema import Analysis, Article, Attribution, Source, Span
    from presslens.store import Store

    rng = random.Random(seed)
    speakers = [f"{f} {last}" for f in FIRST for last in LAST]
    rng.shuffle(speakers)
    speakers = speakers[:400]
    weights = [1 / (i + 1) for i in range(len(speakers))]  # a few speakers are quoted a lot
    articles = max(1, attributions // 4)
    started = time.perf_counter()
    with Store(path) as store:
        batch: list[Analysis] = []
        for n in range(articles):
            topic = rng.choice(TOPICS)
            who = rng.choices(speakers, weights, k=3)
            parts = [f"Article {n} about {topic}\n\n"]
            spans = []
            for i, name in enumerate(who):
                quote_text = synthetic_quote(rng, topic, name)
                start = sum(len(p) for p in parts) + 1
                parts.append(f"\"{quote_text}\" {name} said on day {i}. ")
                content = Span(start, start + len(quote_text), quote_text)
                mention_start = content.end + 2
                mention = Span(mention_start, mention_start + len(name), name)
                cue = Span(mention.end + 1, mention.end + 5, "said")
                spans.append(Attribution("direct", content, cue, Source(name, "person", mention)))
            tail_start = sum(len(p) for p in parts)
            indirect = f"the {topic} review would finish in spring"
            parts.append(f"{who[0]} said {indirect}.")
            text = "".join(parts)
            content_start = tail_start + len(who[0]) + 6
            spans.append(Attribution("indirect", Span(content_start, content_start + len(indirect), indirect),
                                     Span(tail_start + len(who[0]) + 1, tail_start + len(who[0]) + 5, "said"),
                                     Source(who[0], "person", Span(tail_start, tail_start + len(who[0]), who[0]))))
            day = 1 + rng.randrange(3 * 365)
            published = time.strftime("%Y-%m-%d", time.gmtime(1_600_000_000 + day * 86400))
            article = Article(text=text, title=f"{topic.title()} update {n}", outlet=rng.choice(OUTLETS),
                              published=published, origin=f"synthetic-{n}")
            batch.append(Analysis(article=article, attributions=spans, **insight_layers(rng, spans)))
            if len(batch) >= 2000:
                store.write(batch)
                batch = []
        if batch:
            store.write(batch)
        update_speakers(store.con)
        counts = store.counts()
    print(f"built {path}: {counts['articles']} articles, {counts['attributions']} attributions, "
          f"{counts['speakers']} speakers in {time.perf_counter() - started:.0f} s", flush=True)
    return path


# --------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, port: int, workers: int | None = None) -> subprocess.Popen:
    """``presslens serve`` on 127.0.0.1:port, in its own process(es) (``workers`` None: the server's default)."""
    command = [sys.executable, "-m", "presslens", "serve", "--db", str(db), "--host", "127.0.0.1",
               "--port", str(port), "--log-level", "warning"]
    if workers is not None:
        command += ["--workers", str(workers)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its descendants (Linux /proc), in seconds."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{current}/task").iterdir():
                pending.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError, IndexError):
            continue
    return total


def wait_ready(base: str, server: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited: {server.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            if httpx.get(base + "/api/overview", timeout=30).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit("server did not become ready")


# --------------------------------------------------------------------------- load


@dataclass(slots=True)
class Sample:
    kind: str  # api | page
    path: str
    status: int
    ms: float


_ZIPF: dict[int, list[float]] = {}


def popular(rng: random.Random, items: list, uniform: bool):  # noqa: ANN201
    """An item drawn with Zipf popularity (weight 1/rank: the first items most often), or uniformly."""
    if uniform:
        return rng.choice(items)
    if len(items) not in _ZIPF:
        total, cumulative = 0.0, []
        for rank in range(1, len(items) + 1):
            total += 1 / rank
            cumulative.append(total)
        _ZIPF[len(items)] = cumulative
    return rng.choices(items, cum_weights=_ZIPF[len(items)])[0]


def request_plan(rng: random.Random, speakers: list[str], articles: list[str], outlets: list[str],
                 uniform: bool = False) -> tuple[str, str]:
    """One request of the mix: (kind, path). About two thirds API calls, one third pages.

    Speakers, articles and list offsets follow a popularity curve by default (people look at the
    prominent speakers and the first pages far more often); ``uniform`` makes every draw equally likely,
    a worst case for the server's cache.
    """
    sid = quote(popular(rng, speakers, uniform), safe="")
    aid = popular(rng, articles, uniform)
    q = quote(rng.choice(SEARCHES))
    outlet = quote(rng.choice(outlets))
    page = popular(rng, list(range(400)), uniform)
    choices = [
        ("api", "/api/overview"),
        ("api", f"/api/search?q={q}&limit=20"),
        ("api", f"/api/speakers?limit=50&offset={50 * (page % 8)}"),
        ("api", f"/api/speakers/{sid}?limit=50"),
        ("api", f"/api/speakers/{sid}?outlet={outlet}&limit=20&offset={20 * (page % 10)}"),
        ("api", f"/api/articles?limit=50&offset={50 * page}"),
        ("api", f"/api/articles/{aid}"),
        ("api", "/api/outlets"),
        ("page", "/"),
        ("page", f"/speakers/{sid}"),
        ("page", f"/articles/{aid}"),
        ("page", f"/search?q={q}"),
        ("page", "/outlets"),
        # the pages of issue 22: claims, framing, framing × attribution, entities, search facets, CSV
        ("api", f"/api/claims?limit=50&offset={50 * (page % 4)}"),
        ("api", f"/api/claims?speaker_id={sid}&limit=20"),
        ("api", "/api/framing?limit=20"),
        ("api", f"/api/speakers/{sid}/framing"),
        ("api", f"/api/entities?limit=50&offset={50 * (page % 4)}"),
        ("api", f"/api/search?q={q}&since=2021-01-01&limit=20"),
        ("api", "/api/claims.csv?limit=50"),
        ("page", "/claims"),
        ("page", "/framing"),
        ("page", f"/speakers/{sid}/framing"),
        ("page", "/entities"),
    ]
    weights = [6, 10, 6, 10, 8, 6, 10, 4, 5, 8, 8, 5, 4, 4, 3, 3, 5, 3, 2, 1, 3, 3, 4, 2]
    return rng.choices(choices, weights)[0]


async def client_loop(n: int, base: str, count: int, deadline: float, plan_args: tuple, out: list[Sample]) -> None:
    rng = random.Random(1000 + n)
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        for _ in range(count):
            if time.monotonic() > deadline:
                return
            kind, path = request_plan(rng, *plan_args)
            started = time.perf_counter()
            try:
                response = await client.get(path)
                status = response.status_code
            except httpx.HTTPError:
                status = 0
            out.append(Sample(kind, path, status, (time.perf_counter() - started) * 1000))


def route_of(path: str) -> str:
    """The route a path belongs to, with ids replaced by placeholders."""
    bare = path.split("?", 1)[0]
    bare = re.sub(r"^(/(?:api/)?speakers)/[^/]+(/framing)?$", r"\1/{id}\2", bare)
    bare = re.sub(r"^(/(?:api/)?articles)/[^/]+$", r"\1/{id}", bare)
    return bare + ("?outlet" if "outlet=" in path else "")


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def summarise(samples: list[Sample], seconds: float) -> dict:
    report: dict = {"requests": len(samples), "seconds": round(seconds, 1),
                    "requests_per_second": round(len(samples) / seconds, 1) if seconds else None,
                    "errors": sum(1 for s in samples if not 200 <= s.status < 300)}
    for kind in ("api", "page"):
        times = [s.ms for s in samples if s.kind == kind]
        report[kind] = {"requests": len(times), "p50_ms": round(percentile(times, 50), 1),
                        "p95_ms": round(percentile(times, 95), 1), "p99_ms": round(percentile(times, 99), 1),
                        "max_ms": round(max(times), 1) if times else None,
                        "mean_ms": round(statistics.fmean(times), 1) if times else None}
    routes: dict[str, list[float]] = {}
    for sample in samples:
        routes.setdefault(route_of(sample.path), []).append(sample.ms)
    report["by_route"] = {name: {"n": len(t), "p50_ms": round(percentile(t, 50), 1), "p95_ms": round(percentile(t, 95), 1)}
                          for name, t in sorted(routes.items())}
    failures = [f"{s.status} {s.path}" for s in samples if not 200 <= s.status < 300]
    report["first_errors"] = failures[:5]
    return report


def discover(base: str) -> tuple[list[str], list[str], list[str]]:
    """Speaker ids, article ids and outlets to request, read from the API itself."""
    with httpx.Client(base_url=base, timeout=60) as client:
        speakers = [s["speaker_id"] for s in client.get("/api/speakers", params={"limit": 500}).json()["speakers"]]
        articles: list[str] = []
        for offset in (0, 5000, 10000, 20000):
            page = client.get("/api/articles", params={"limit": 200, "offset": offset}).json()["articles"]
            articles.extend(a["id"] for a in page)
        outlets = [o["outlet"] for o in client.get("/api/outlets").json()["outlets"] if o["outlet"]]
    return speakers, articles, outlets


async def run_load(base: str, clients: int, requests: int, max_seconds: float, plan_args: tuple) -> tuple[list, float]:
    samples: list[Sample] = []
    started = time.monotonic()
    deadline = started + max_seconds
    await asyncio.gather(*(client_loop(n, base, requests, deadline, plan_args, samples) for n in range(clients)))
    return samples, time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an existing presslens database (default: build a synthetic one)")
    parser.add_argument("--attributions", type=int, default=100_000, help="size of the synthetic database")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (at most 100)")
    parser.add_argument("--requests", type=int, default=200, help="requests per client (at most 2000)")
    parser.add_argument("--max-seconds", type=float, default=600, help="stop sending after this long")
    parser.add_argument("--target-p95-ms", type=float, default=300, help="API p95 target")
    parser.add_argument("--workers", type=int, help="server processes (presslens serve --workers; default: its default)")
    parser.add_argument("--uniform", action="store_true",
                        help="draw speakers, articles and offsets uniformly (cache worst case)")
    parser.add_argument("--json", type=Path, help="also write the report here")
    parser.add_argument("--case", choices=("load", "analyze", "drip", "memory"), default="load",
                        help="load: the GET mix (default); analyze, drip, memory: see serve_cases.py")
    parser.add_argument("--seconds", type=float, default=40, help="length of the analyze case's polite phase")
    args = parser.parse_args(argv)
    if args.case != "load":
        return run_case(args)
    clients, requests = min(args.clients, 100), min(args.requests, 2000)

    with tempfile.TemporaryDirectory(prefix="presslens-load-") as tmp:
        db = args.db or build_database(Path(tmp) / "load.duckdb", args.attributions)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(db, port, args.workers)
        try:
            wait_ready(base, server)
            plan_args = (*discover(base), args.uniform)
            print(f"load: {clients} clients x {requests} requests against {base} "
                  f"({len(plan_args[0])} speakers, {len(plan_args[1])} article ids sampled)", flush=True)
            load_before, cpu_before = os.getloadavg()[0], cpu_seconds(server.pid)
            samples, seconds = asyncio.run(run_load(base, clients, requests, args.max_seconds, plan_args))
            load_after, cpu_used = os.getloadavg()[0], cpu_seconds(server.pid) - cpu_before
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    report = summarise(samples, seconds)
    report["server_cpu_seconds"] = round(cpu_used, 1)
    report["server_cpu_ms_per_request"] = round(1000 * cpu_used / max(1, len(samples)), 1)
    from presslens.cli.serve import default_workers

    report.update(workers=args.workers or default_workers(), mix="uniform" if args.uniform else "popularity", clients=clients, requests_per_client=requests, cpus=os.cpu_count(),
                  load_average_before=round(load_before, 1), load_average_after=round(load_after, 1),
                  database=str(args.db or "synthetic"))
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    ok = report["errors"] == 0 and report["api"]["p95_ms"] <= args.target_p95_ms
    print(f"{'OK' if ok else 'FAIL'}: {report['requests']} requests, {report['errors']} errors, "
          f"API p50 {report['api']['p50_ms']} ms / p95 {report['api']['p95_ms']} ms "
          f"(target {args.target_p95_ms:.0f} ms), pages p50 {report['page']['p50_ms']} ms / "
          f"p95 {report['page']['p95_ms']} ms")
    return 0 if ok else 1


def run_case(args: argparse.Namespace) -> int:
    """One of the resource cases of ``serve_cases.py`` against a fresh server; prints the report."""
    import serve_cases

    with tempfile.TemporaryDirectory(prefix="presslens-load-") as tmp:
        db = args.db or build_database(Path(tmp) / "load.duckdb", args.attributions)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        drip = serve_cases.DripServer() if args.case == "drip" else None
        if drip is not None:
            server = serve_cases.start_loopback_fetch_server(db, port)
        else:
            server = start_server(db, port, 1 if args.case == "memory" else args.workers)
        try:
            wait_ready(base, server)
            plan_args = (*discover(base), args.uniform)
            load_before = os.getloadavg()[0]
            if args.case == "analyze":
                report = serve_cases.analyze_case(base, server.pid, plan_args, args.seconds)
            elif drip is not None:
                report = serve_cases.drip_case(base, plan_args, drip)
            else:
                report = serve_cases.memory_case(base, server.pid)
            report.update(case=args.case, load_average_before=round(load_before, 1),
                          load_average_after=round(os.getloadavg()[0], 1), cpus=os.cpu_count())
        finally:
            if drip is not None:
                drip.close()
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
