"""Trials of ``benchmarks/faults.py`` for hostile inputs and a loaded machine (issue 16).

* **bomb**: a random compression bomb (a gigabyte JSONL line in .gz/.bz2/.xz, NUL bytes, a WARC
  payload or header line), 0.5–3 GB decompressed, between valid records, ingested by a real
  ``presslens ingest`` whose address space is capped at 2 GiB. It must exit 0, store the valid
  records and write an error row naming the limit. The child's peak RSS is reported.
* **hostile_jsonl**: a JSONL file mixing valid lines with lines nested 1,000–100,000 deep and
  lines holding integers of 4,301–50,000 digits; every valid text must be stored and every
  broken line must be one error row.
* **busy**: ``presslens ingest --workers 2`` of real articles (``../shared/data``) while other
  processes keep every core busy; no valid article may fail.
* **leftover**: ``presslens analyze --workers 2`` ended at a random moment (it finishes, its output
  pipe closes, SIGTERM, SIGKILL); no process of it may remain.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "presslens"]
MEMORY_CAP = 2 * 1024**3

_spec = importlib.util.spec_from_file_location("hostile_inputs", ROOT / "benchmarks" / "hostile_inputs.py")
hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hostile)


def _capped_run(args: list[str], timeout: float = 900) -> tuple[subprocess.CompletedProcess, int]:
    """Run ``args`` with a 2 GiB address-space cap; the result and the child's peak RSS in MB."""
    def cap() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(args, stdout=out, stderr=err, preexec_fn=cap)  # noqa: PLW1509
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                continue
            time.sleep(0.1)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        done = subprocess.CompletedProcess(args, proc.returncode, out.read(), err.read())
    return done, usage.ru_maxrss // 1024


BOMBS = {
    "jsonl.gz line": lambda folder, mb: hostile.jsonl_line_bomb(folder / "dump.jsonl.gz", mb),
    "jsonl.bz2 line": lambda folder, mb: hostile.jsonl_line_bomb(folder / "dump.jsonl.bz2", mb),
    "jsonl.xz line": lambda folder, mb: hostile.jsonl_line_bomb(folder / "dump.jsonl.xz", mb),
    "NUL bytes .gz": lambda folder, mb: hostile.nul_bomb(folder / "zeros.jsonl.gz", mb),
    "WARC payload": lambda folder, mb: hostile.warc_payload_bomb(folder / "crawl.warc.gz", mb),
    "WARC header": lambda folder, mb: hostile.warc_header_bomb(folder / "crawl.warc.gz", mb),
}


def bomb_trial(scratch: Path, rng: random.Random) -> dict[str, Any]:
    kind = rng.choice(sorted(BOMBS))
    megabytes = rng.randint(500, 3000)
    folder = Path(tempfile.mkdtemp(dir=scratch))
    path = BOMBS[kind](folder, megabytes)
    db = folder / "news.duckdb"
    started = time.monotonic()
    done, peak_mb = _capped_run([*CLI, "ingest", str(path), "--db", str(db), "-q"])
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr.decode()[-800:]
    with duckdb.connect(str(db), read_only=True) as con:
        texts = {r[0] for r in con.execute("SELECT text FROM articles").fetchall()}
        reasons = [r[0] for r in con.execute("SELECT reason FROM errors").fetchall()]
    assert hostile.GOOD_BEFORE["text"] in texts, f"{kind}: the record before the bomb was lost: {reasons}"
    if kind not in ("NUL bytes .gz", "WARC header"):
        assert hostile.GOOD_AFTER["text"] in texts, f"{kind}: the record after the bomb was lost: {reasons}"
    assert any("limit per document" in r and "--max-record-mb" in r for r in reasons), reasons
    return {"bomb": kind, "decompressed_mb": megabytes, "file_kb": path.stat().st_size // 1000,
            "seconds": round(elapsed, 1), "peak_rss_mb": peak_mb}


def hostile_jsonl_trial(scratch: Path, rng: random.Random) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(dir=scratch))
    lines: list[bytes] = []
    good: list[str] = []
    broken = 0
    for i in range(rng.randint(5, 30)):
        roll = rng.random()
        text = f'"We will open line {i} in {rng.randint(2025, 2040)}," Mayor Ann Cole said on Monday.'
        if roll < 0.3:
            lines.append(hostile.nested_json(rng.randint(1000, 100_000)))
            broken += 1
        elif roll < 0.6:
            lines.append(hostile.huge_int_line(rng.randint(4301, 50_000), text))
            good.append(text)
        else:
            lines.append(json.dumps({"id": f"a{i}", "text": text}).encode() + b"\n")
            good.append(text)
    path = folder / "dump.jsonl"
    path.write_bytes(b"".join(lines))
    db = folder / "news.duckdb"
    done = subprocess.run([*CLI, "ingest", str(path), "--db", str(db), "-q", "--extract", "attributions"],
                          capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr.decode()[-800:]
    with duckdb.connect(str(db), read_only=True) as con:
        texts = {r[0] for r in con.execute("SELECT text FROM articles").fetchall()}
        errors = con.execute("SELECT count(*) FROM errors").fetchone()[0]
    assert texts == set(good), f"{len(set(good) - texts)} valid lines lost"
    assert errors == broken, f"{errors} error rows for {broken} broken lines"
    return {"lines": len(lines), "valid": len(good), "broken": broken}


def _spinners(count: int) -> list[subprocess.Popen]:
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]


def busy_trial(scratch: Path, articles: int, framing_model: str | None = None) -> dict[str, Any]:
    """Ingest real articles with two workers while other processes hold every core."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _corpus import article_paths

    folder = Path(tempfile.mkdtemp(dir=scratch))
    for index, path in enumerate(article_paths(articles)):
        (folder / f"{index:04d}-{path.name}").write_bytes(path.read_bytes())
    db = folder.with_suffix(".duckdb")  # beside the inputs, not among them
    env = {**os.environ}
    if framing_model:
        env["PRESSLENS_FRAMING_MODEL"] = framing_model
    spinners = _spinners(2 * (os.cpu_count() or 2))
    started = time.monotonic()
    try:
        done = subprocess.run([*CLI, "ingest", str(folder), "--db", str(db), "-q", "--workers", "2"],
                              capture_output=True, timeout=7200, env=env)
    finally:
        for spinner in spinners:
            spinner.kill()
        for spinner in spinners:
            spinner.wait()
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr.decode()[-800:]
    with duckdb.connect(str(db), read_only=True) as con:
        stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        errors = con.execute("SELECT origin, reason FROM errors").fetchall()
    time_limited = [e for e in errors if "time limit" in e[1]]
    assert not time_limited, f"{len(time_limited)} valid articles failed on a busy machine: {time_limited[:3]}"
    return {"articles": articles, "stored": stored, "errors": errors, "time_limited": 0,
            "spinners": len(spinners), "framing_model": framing_model or "default", "seconds": round(elapsed, 1)}


def _with_marker(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def leftover_trial(inputs: list[str], rng: random.Random) -> dict[str, Any]:
    """End ``analyze --workers 2`` at a random moment and count the processes it leaves."""
    ending = rng.choice(["finished", "pipe closed", "SIGTERM", "SIGKILL", "SIGINT"])
    delay = rng.uniform(0.5, 15)
    marker = uuid.uuid4().hex
    env = {**os.environ, "PRESSLENS_FAULTS_MARKER": marker}
    proc = subprocess.Popen([*CLI, "analyze", *inputs, "--workers", "2", "--format", "jsonl"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    time.sleep(delay)
    if ending == "finished":
        proc.stdout.read()
    elif ending == "pipe closed":
        proc.stdout.close()
    else:
        proc.send_signal({"SIGTERM": signal.SIGTERM, "SIGKILL": signal.SIGKILL, "SIGINT": signal.SIGINT}[ending])
    try:
        proc.wait(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    deadline = time.monotonic() + 15
    while (left := _with_marker(marker)) and time.monotonic() < deadline:
        time.sleep(0.2)
    for pid in left:  # do not leave them running for the next trials
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    assert not left, f"{len(left)} processes left after analyze ended ({ending} after {delay:.1f} s)"
    return {"ending": ending, "delay_s": round(delay, 1), "left": 0}
