"""Ingest throughput and memory: local 1 and 2 workers, and the Dask engine on a 2-worker LocalCluster.

    .venv/bin/python benchmarks/ingest.py --limit 200 [--repeat K] [--configs local1,local2,dask2] [--json out.json]

Reads the ``.txt`` articles of PolNeAR (train and dev texts) and the PTC articles under
../shared/data (exits 0 with a message when absent). ``--repeat K`` multiplies the corpus K times;
each copy gets a marker line so its content id differs. Every configuration ingests the same
files into a fresh database, timed end to end including model loading (as a user sees it), while
a sampler thread records the resident memory of this process and all its children (psutil):
the peak of the sum, the peak of the largest single process, and the median RSS of the largest
worker in the second and in the last quarter of the run (equal when memory stays flat). Prints a markdown table with
articles/s and words/s end to end, the steady rate (from the first committed batch to the last,
so model loading is left out), CPU seconds per article (parent and children; on a busy machine
this shows whether more workers would scale even when the wall clock cannot), the peak RSS
figures, database growth per 1,000 articles and the load average, then the ratios the targets are
stated in (2 workers ÷ 1 worker; Dask ÷ local 2 workers).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

from presslens.ingest import IngestStats, NullReporter, ingest
from presslens.pipeline import ALL_EXTRACTORS, Options
from presslens.store import Store

DATA = Path("/work/shared/data")
FOLDERS = ("polnear/train/text", "polnear/dev/text", "ptc/train-articles", "ptc/dev-articles", "ptc/test-articles")


def corpus_paths(data: Path, limit: int | None) -> list[Path]:
    """The benchmark articles, sorted, at most ``limit``."""
    paths = sorted(p for folder in FOLDERS for p in (data / folder).glob("*.txt"))
    return paths[:limit] if limit else paths


def materialise(paths: list[Path], repeat: int, into: Path) -> int:
    """Copy the articles ``repeat`` times into ``into`` (copies marked so their ids differ); return words."""
    into.mkdir(parents=True, exist_ok=True)
    words = 0
    for k in range(repeat):
        for path in paths:
            text = path.read_text(encoding="utf-8", errors="replace")
            if k:
                text = f"{text}\n\n[benchmark copy {k}]\n"
            (into / f"{k:03d}-{path.parent.parent.name}-{path.name}").write_text(text, encoding="utf-8")
            words += len(text.split())
    return words


class RssSampler(threading.Thread):
    """Samples the RSS of this process and its descendants every ``interval`` seconds."""

    def __init__(self, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.peak_total = 0
        self.peak_single = 0
        self.peak_children = 0
        self.samples: list[tuple[float, int]] = []  # (time, largest worker RSS)
        self._halt = threading.Event()

    def run(self) -> None:
        me = psutil.Process()
        while not self._halt.is_set():
            sizes = []
            for proc in [me, *me.children(recursive=True)]:
                try:
                    sizes.append(proc.memory_info().rss)
                except psutil.Error:
                    continue
            self.peak_total = max(self.peak_total, sum(sizes))
            self.peak_single = max(self.peak_single, max(sizes, default=0))
            self.peak_children = max(self.peak_children, max(sizes[1:], default=0))
            self.samples.append((time.perf_counter(), max(sizes[1:], default=sizes[0] if sizes else 0)))
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()

    def drift_mb(self, start: float, end: float) -> tuple[float, float]:
        """Median worker RSS (MB) in the second quarter of [start, end] and in the last quarter: flat means equal."""
        span = end - start

        def median(lo: float, hi: float) -> float:
            values = sorted(v for t, v in self.samples if start + lo * span <= t <= start + hi * span)
            return round(values[len(values) // 2] / 2**20) if values else 0.0

        return median(0.25, 0.5), median(0.75, 1.0)


class CommitTimes(NullReporter):
    """Remembers when each batch was committed, to separate start-up from steady throughput."""

    def __init__(self) -> None:
        self.commits: list[tuple[float, int]] = []

    def commit(self, stats: IngestStats) -> None:
        self.commits.append((time.perf_counter(), stats.done))


def cpu_seconds() -> float:
    """User + system CPU time of this process and of its finished (waited-for) children."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def empty_db_size(workdir: Path) -> int:
    path = workdir / "empty.duckdb"
    Store(path).close()
    return path.stat().st_size


@dataclass
class Result:
    config: str
    articles: int
    errors: int
    seconds: float
    articles_per_s: float
    words_per_s: float
    steady_articles_per_s: float
    cpu_s_per_article: float
    peak_rss_total_mb: float
    peak_rss_largest_process_mb: float
    peak_rss_largest_worker_mb: float
    worker_rss_q2_mb: float
    worker_rss_q4_mb: float
    db_mb_per_1000: float
    load_avg: float


def run_config(config: str, folder: Path, words: int, workdir: Path, options: Options, batch_size: int) -> Result:
    engine = "dask" if config.startswith("dask") else "local"
    workers = int(config.removeprefix("dask").removeprefix("local") or 1)
    db = workdir / f"{config}.duckdb"
    sampler, commits = RssSampler(), CommitTimes()
    sampler.start()
    cpu, start = cpu_seconds(), time.perf_counter()
    try:
        stats = ingest([str(folder)], db=db, engine=engine, workers=workers, options=options, batch_size=batch_size,
                       reporter=commits)
    finally:
        sampler.stop()
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    steady = 0.0
    if len(commits.commits) > 1:
        (t0, n0), (t1, n1) = commits.commits[0], commits.commits[-1]
        steady = (n1 - n0) / (t1 - t0) if t1 > t0 else 0.0
    q2, q4 = sampler.drift_mb(start, start + seconds)
    grown = db.stat().st_size - empty_db_size(workdir)
    mb = 1024 * 1024
    return Result(config, stats.added, stats.errors, round(seconds, 1), round(stats.added / seconds, 2),
                  round(words / seconds), round(steady, 2), round(cpu / max(stats.added, 1), 3),
                  round(sampler.peak_total / mb), round(sampler.peak_single / mb), round(sampler.peak_children / mb),
                  q2, q4, round(grown / mb / max(stats.added, 1) * 1000, 1), round(os.getloadavg()[0], 1))


def print_table(results: list[Result], repeat: int, n: int) -> None:
    print(f"\n{n} articles (corpus x{repeat}); {os.cpu_count()} CPUs\n")
    print("| config | articles | errors | wall s | articles/s | words/s | steady articles/s | CPU s/article "
          "| peak RSS total MB | largest process MB | largest worker MB | worker RSS 2nd/4th quarter MB "
          "| DB MB / 1000 articles | load avg |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|")
    for r in results:
        print(f"| {r.config} | {r.articles} | {r.errors} | {r.seconds} | {r.articles_per_s} | {r.words_per_s} | "
              f"{r.steady_articles_per_s} | {r.cpu_s_per_article} | {r.peak_rss_total_mb} | "
              f"{r.peak_rss_largest_process_mb} | {r.peak_rss_largest_worker_mb} | "
              f"{r.worker_rss_q2_mb} / {r.worker_rss_q4_mb} | {r.db_mb_per_1000} | {r.load_avg} |")
    by = {r.config: r for r in results}
    for a, b, label, target in (("local2", "local1", "local 2 workers / 1 worker", ">= 1.7x"),
                                ("dask2", "local2", "dask 2 workers / local 2 workers", ">= 0.85x")):
        if a in by and b in by:
            print(f"\n{label}: {by[a].articles_per_s / by[b].articles_per_s:.2f}x end to end, "
                  f"{by[a].steady_articles_per_s / max(by[b].steady_articles_per_s, 1e-9):.2f}x steady "
                  f"(target {target})", end="")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="The shared data folder.")
    parser.add_argument("--limit", type=int, default=None, help="Use at most this many articles.")
    parser.add_argument("--repeat", type=int, default=1, help="Multiply the corpus this many times.")
    parser.add_argument("--configs", default="local1,local2,dask2",
                        help="Comma-separated: localN (N worker processes), daskN (LocalCluster with N workers).")
    parser.add_argument("--extract", default=",".join(ALL_EXTRACTORS), help="Extractors to run.")
    parser.add_argument("--batch-size", type=int, default=16,
                        help="Articles per committed batch (and per Dask task / Parquet part).")
    parser.add_argument("--json", type=Path, default=None, help="Also write the results here as JSON.")
    args = parser.parse_args(argv)
    paths = corpus_paths(args.data, args.limit)
    if not paths:
        print(f"skipped: no .txt articles under {args.data}", file=sys.stderr)
        return 0
    options = Options(extractors=tuple(x for x in args.extract.split(",") if x))
    workdir = Path(tempfile.mkdtemp(prefix="presslens-bench-"))
    try:
        words = materialise(paths, args.repeat, workdir / "articles")
        results = []
        for config in args.configs.split(","):
            print(f"running {config} ...", file=sys.stderr, flush=True)
            results.append(run_config(config, workdir / "articles", words, workdir, options, args.batch_size))
            print(f"  {asdict(results[-1])}", file=sys.stderr, flush=True)
        print_table(results, args.repeat, len(paths) * args.repeat)
        if args.json:
            args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
