"""Fault injection for ``presslens ingest`` and ``presslens db load``: many trials, one JSON report.

    python benchmarks/faults.py                          # 24 SIGKILL trials, 10 disk-full trials, 30 damaged parts
    python benchmarks/faults.py --kills 40 --seed 7 --out benchmarks/out/faults.json
    python benchmarks/faults.py --only-inputs --bombs 20 --busy 100     # only the issue-16 trials

Trials (the checks are those of ``tests/test_faults.py``, whose helpers this script uses):

* **SIGKILL**: a real ``presslens ingest`` subprocess over generated stories (``--batch-size 3``)
  is killed at a random point: a quarter of the trials at a random time between start and the
  duration of a clean run (start-up, analysis, commits, the final speaker update), the others a
  random delay (up to 0.5 s) after a random number of committed batches. The killed database must hold only complete
  articles of the uninterrupted run with no duplicates or orphan rows and every committed batch;
  a re-run must then give exactly the uninterrupted run's articles and attributions.
* **Disk full**: the database lives on a 16 MB tmpfs; after a first small ingest a ballast file
  leaves a random few kB free, and a full ingest runs. It must either finish or fail with one
  ``presslens: error:`` line (no traceback); the database must be consistent; after the ballast is
  removed a re-run must complete it. Skipped when ``mount`` is not permitted.
* **Damaged parts**: one of four Parquet parts gets a random damage (truncation, a flipped byte,
  an altered letter inside stored text, garbage, a broken footer, a missing or empty file).
  ``db load`` must report that part only, load the other three, change nothing when run again,
  and never load altered rows.

Hostile inputs and a loaded machine (``benchmarks/input_faults.py``, issue 16): ``--bombs``
compression bombs under a 2 GiB memory cap, ``--hostile`` JSONL files with nested and huge-number
lines, ``--busy`` articles ingested while every core is held by other processes (0 may fail),
``--leftover`` ``analyze --workers 2`` runs ended at random (no process may remain).

Each trial is bounded (subprocess timeouts), the whole run by ``--max-minutes``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import input_faults  # noqa: E402 (benchmarks/, next to this file)
from test_faults import (  # noqa: E402 (tests/ is put on the path just above)
    FAST,
    assert_partial_of,
    fill,
    kill_ingest,
    run_ingest,
    snapshot,
    speakers,
    write_stories,
)

STORIES = 45
BATCH = 3
REFERENCE_SPEAKERS: list[tuple] = []


def clean_run(folder: Path, scratch: Path) -> tuple[dict[str, int], float]:
    """The reference snapshot and the wall time of an uninterrupted CLI ingest (its speakers in SPEAKERS)."""
    db = scratch / "reference.duckdb"
    started = time.monotonic()
    done = run_ingest(folder, db, "--batch-size", str(BATCH))
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"the clean ingest failed:\n{done.stderr}")
    REFERENCE_SPEAKERS.extend(speakers(db))
    return snapshot(db), elapsed


def kill_trial(folder: Path, db: Path, reference: dict[str, int], rng: random.Random, clean_s: float
               ) -> dict[str, Any]:
    """One SIGKILL trial and its re-run; raises AssertionError when a check fails."""
    if rng.random() < 0.25:
        commits, delay = 0, rng.uniform(0.0, clean_s)
    else:
        commits, delay = rng.randint(1, STORIES // BATCH - 1), rng.uniform(0.0, 0.5)
    seen = kill_ingest(folder, db, commits, delay)
    after_kill = snapshot(db)
    assert_partial_of(after_kill, reference)
    assert len(after_kill) >= BATCH * seen, "a committed batch was lost"
    rerun = run_ingest(folder, db)
    assert rerun.returncode == 0, rerun.stderr[-500:]
    assert f"{len(reference) - len(after_kill)} added, {len(after_kill)} already stored" in rerun.stderr
    assert snapshot(db) == reference, "the re-run did not end with the uninterrupted run's rows"
    assert speakers(db) == REFERENCE_SPEAKERS, "the re-run did not end with the uninterrupted run's speakers"
    return {"kill_after_commits": commits, "delay_s": round(delay, 2), "commits_seen": seen,
            "stored_after_kill": len(after_kill)}


def mount_small_disk(path: Path) -> str | None:
    """Mount a 16 MB tmpfs at ``path``; the reason when that is not possible."""
    path.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(path)], capture_output=True,
                              text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc)
    return None if done.returncode == 0 else done.stderr.strip() or "mount failed"


def disk_trial(folder: Path, disk: Path, reference: dict[str, int], rng: random.Random) -> dict[str, Any]:
    """One disk-full trial; raises AssertionError when a check fails."""
    for old in disk.iterdir():
        old.unlink()
    first = disk.parent / "first-stories"
    shutil.rmtree(first, ignore_errors=True)
    first.mkdir()
    for path in sorted(folder.iterdir())[: rng.randint(1, 9)]:
        shutil.copy(path, first)
    db = disk / "news.duckdb"
    assert run_ingest(first, db).returncode == 0
    leave_kb = rng.choice([0, 4, 8, 16, 24, 32, 48, 64, 128, 256])
    ballast = fill(disk, leave_kb)
    full = run_ingest(folder, db, "--batch-size", str(BATCH))
    assert "Traceback" not in full.stderr, full.stderr[-800:]
    errors = [line for line in full.stderr.splitlines() if line.startswith("presslens: error:")]
    if full.returncode != 0:
        assert full.returncode == 1 and len(errors) == 1, full.stderr[-800:]
    stored = snapshot(db)
    assert_partial_of(stored, reference)
    ballast.unlink()
    rerun = run_ingest(folder, db)
    assert rerun.returncode == 0, rerun.stderr[-500:]
    assert snapshot(db) == reference
    assert speakers(db) == REFERENCE_SPEAKERS
    return {"free_kb": leave_kb, "exit_code": full.returncode, "stored_when_full": len(stored),
            "message": errors[0][:200] if errors else None}


DAMAGES = ("truncated", "flipped-byte", "altered-text", "garbage", "footer", "empty", "missing", "zeroed-block")


def damage(path: Path, how: str, rng: random.Random) -> None:
    """Damage one Parquet file the way storage or a copy can."""
    if how == "missing":
        path.unlink()
        return
    data = bytearray(path.read_bytes())
    if how == "truncated":
        del data[rng.randint(0, len(data) - 1):]
    elif how == "flipped-byte":
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif how == "altered-text":
        at = data.find(b"repair")
        data[at if at >= 0 else rng.randrange(len(data))] ^= 0x20
    elif how == "garbage":
        data = bytearray(rng.randbytes(len(data)))
    elif how == "footer":
        data[-rng.randint(1, 8):] = b"\xff" * 8
    elif how == "empty":
        data = bytearray()
    elif how == "zeroed-block":
        at = rng.randrange(len(data))
        data[at : at + 64] = bytes(len(data[at : at + 64]))
    path.write_bytes(bytes(data))


def make_parts(folder: Path, out: Path) -> Path:
    """Four parts of 3 stories each, written as the Dask engine writes them."""
    from presslens.pipeline import Pipeline
    from presslens.schema import Article
    from presslens.store import to_tables, write_part

    pipeline = Pipeline(options=FAST)
    articles = [Article(text=p.read_text(encoding="utf-8"), origin=str(p)) for p in sorted(folder.iterdir())[:12]]
    analyses = list(pipeline.analyze_many(articles))
    for start in range(0, 12, 3):
        write_part(to_tables(analyses[start : start + 3]), out)
    return out


def part_trial(parts: Path, scratch: Path, rng: random.Random) -> dict[str, Any]:
    """Damage one part of a copy, load twice, compare with the undamaged parts; AssertionError on failure."""
    from presslens.store import PartError, Store, iter_load_parts, read_part

    copy = scratch / "parts"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(parts, copy)
    bad = rng.choice(sorted(copy.iterdir()))
    table = rng.choice(sorted(p.name for p in bad.iterdir()))
    how = rng.choice(DAMAGES)
    damage(bad / table, how, rng)
    db = scratch / "load.duckdb"
    for leftover in (db, db.with_name(db.name + ".wal")):
        leftover.unlink(missing_ok=True)
    outcome = "refused"
    with Store(db) as store:
        results = list(iter_load_parts(store, [copy]))
        failed = [p for p, r in results if isinstance(r, PartError)]
        loaded = [p for p, r in results if not isinstance(r, PartError)]
        if failed:
            assert failed == [bad], f"refused {failed}, damaged {bad}"
            assert len(loaded) == 3
        else:  # the damage left a readable part: it must then hold exactly the original rows
            original = read_part(parts / bad.name)
            damaged = read_part(bad)
            assert all(original[t].equals(damaged[t]) for t in original), "altered rows were accepted"
            outcome = "harmless"
        before = store.counts()
        again = list(iter_load_parts(store, [copy]))
        assert sum(r.articles for _, r in again if not isinstance(r, PartError)) == 0
        assert store.counts() == before, "a second load changed the database"
    snapshot(db)
    return {"damage": how, "table": table, "outcome": outcome}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=24, help="SIGKILL trials (at least 20 for the report).")
    parser.add_argument("--disk", type=int, default=10, help="Disk-full trials.")
    parser.add_argument("--parts", type=int, default=30, help="Damaged-part trials.")
    parser.add_argument("--bombs", type=int, default=12, help="Compression bombs under a 2 GiB memory cap.")
    parser.add_argument("--hostile", type=int, default=10, help="JSONL files with nested and huge-number lines.")
    parser.add_argument("--busy", type=int, default=100, help="Real articles ingested on a loaded machine (0: skip).")
    parser.add_argument("--busy-framing-model", default=None, help="Framing model of the busy trial.")
    parser.add_argument("--leftover", type=int, default=10, help="analyze --workers 2 runs ended at random.")
    parser.add_argument("--only-inputs", action="store_true", help="Run only the issue-16 trials above.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-minutes", type=float, default=20, help="Stop starting new trials after this.")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "faults.json")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    stop_at = time.monotonic() + args.max_minutes * 60
    scratch = Path(tempfile.mkdtemp(prefix="presslens-faults-"))
    folder = scratch / "stories"
    write_stories(folder, STORIES)
    reference, clean_s = clean_run(folder, scratch)
    report: dict[str, Any] = {"stories": STORIES, "batch_size": BATCH, "clean_run_s": round(clean_s, 1),
                              "seed": args.seed}

    def run(name: str, count: int, trial: Any) -> None:  # noqa: ANN401
        done: list[dict[str, Any]] = []
        failures: list[dict[str, Any]] = []
        for i in range(count):
            if time.monotonic() > stop_at:
                break
            try:
                done.append(trial(i))
                status = "ok"
            except Exception as exc:  # noqa: BLE001 (a failed check is a finding, not the end of the run)
                failures.append({"trial": i, "error": f"{type(exc).__name__}: {exc}"[:600],
                                 "trace": traceback.format_exc()[-800:]})
                status = "FAILED"
            print(f"{name} {i + 1}/{count}: {status}", file=sys.stderr, flush=True)
        report[name] = {"trials": len(done) + len(failures), "survived": len(done), "failed": len(failures),
                        "failures": failures, "details": done}

    run("bombs", args.bombs, lambda i: input_faults.bomb_trial(scratch, rng))
    run("hostile_jsonl", args.hostile, lambda i: input_faults.hostile_jsonl_trial(scratch, rng))
    stories = [str(p) for p in sorted(folder.iterdir())]
    run("leftover_workers", args.leftover, lambda i: input_faults.leftover_trial(stories, rng))
    if args.busy:
        run("busy_machine", 1, lambda i: input_faults.busy_trial(scratch, args.busy, args.busy_framing_model))
    if args.only_inputs:
        args.kills = args.disk = args.parts = 0
    run("sigkill", args.kills, lambda i: kill_trial(folder, scratch / f"killed-{i}.duckdb", reference, rng, clean_s))
    disk = scratch / "small-disk"
    problem = mount_small_disk(disk) if args.disk else "not requested"
    if problem is None:
        try:
            run("disk_full", args.disk, lambda i: disk_trial(folder, disk, reference, rng))
        finally:
            subprocess.run(["umount", "-l", str(disk)], capture_output=True, timeout=30)
    else:
        report["disk_full"] = {"skipped": problem}
    if args.parts:
        parts = make_parts(folder, scratch / "made-parts")
        run("damaged_parts", args.parts, lambda i: part_trial(parts, scratch, rng))
        report["damaged_parts"]["by_damage"] = dict(Counter(d["damage"] for d in report["damaged_parts"]["details"]))
    shutil.rmtree(scratch, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    summary = {k: (v["survived"], v["trials"]) if isinstance(v, dict) and "trials" in v else v
               for k, v in report.items() if k in ("sigkill", "disk_full", "damaged_parts", "bombs", "hostile_jsonl",
                                                   "leftover_workers", "busy_machine")}
    print(f"survived/trials: {summary} → {args.out}", file=sys.stderr)
    failed = sum(v.get("failed", 0) for v in report.values() if isinstance(v, dict))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
