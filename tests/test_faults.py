"""Crash safety of ``presslens ingest`` and ``presslens db load``: SIGKILL, a full disk, damaged parts.

* SIGKILL at random points of a real ``presslens ingest`` (a subprocess), then a re-run: the
  database ends with exactly the articles of an uninterrupted run, no duplicates, no partial rows.
* A disk that fills up mid-ingest (a small tmpfs with a ballast file; skipped when ``mount`` is not
  permitted): ingest fails with one clear line, the database stays consistent, and once there is
  room a re-run completes it.
* A damaged Parquet part for ``presslens db load``: that part is reported, the others load, a
  re-run is idempotent, and a repaired part loads.

``benchmarks/faults.py`` runs the same checks with many more trials. The articles are generated
here: short, distinct, each with a direct and an indirect quote.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from conftest import write_stories
from presslens.ingest import ingest
from presslens.pipeline import Options
from presslens.store import CHILD_TABLES

FAST = Options(extractors=("attributions",))
CLI = [sys.executable, "-m", "presslens"]
SPEAKERS = ("Mayor Ann Cole", "Senator Tim Brandt", "Judge Maria Okafor", "Chief Lee Park", "Dr. Omar Haddad")


def snapshot(db: Path) -> dict[str, int]:
    """Attributions per stored article, after checking the database has no partial or duplicate rows."""
    if not db.exists():
        return {}
    with duckdb.connect(str(db), read_only=True) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if not tables:  # killed before the schema's transaction committed: the next ingest creates it
            return {}
        assert {"articles", "meta", *CHILD_TABLES} <= tables, f"a half-created schema: {sorted(tables)}"
        total, distinct = con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
        assert total == distinct, "an article is stored twice"
        for table in CHILD_TABLES:
            orphans = con.execute(f"SELECT count(*) FROM {table} t "  # noqa: S608 (fixed table names)
                                  "WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.article_id)").fetchone()[0]
            assert orphans == 0, f"{orphans} {table} rows belong to no stored article"
        rows, keys = con.execute("SELECT count(*), count(DISTINCT (article_id, idx)) FROM attributions").fetchone()
        assert rows == keys, "an attribution is stored twice"
        errors, distinct_errors = con.execute(
            "SELECT count(*), count(DISTINCT (origin, reason)) FROM errors").fetchone()
        assert errors == distinct_errors, "an error is recorded twice"
        counts = con.execute("SELECT ar.id, count(a.idx) FROM articles ar LEFT JOIN attributions a "
                             "ON a.article_id = ar.id GROUP BY ar.id").fetchall()
    return dict(counts)


def speakers(db: Path) -> list[tuple]:
    """The corpus-level speakers table, sorted."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT speaker_id, name, quotes, articles FROM speakers ORDER BY speaker_id").fetchall()


def assert_partial_of(partial: dict[str, int], reference: dict[str, int]) -> None:
    """Every stored article is one of the reference's, complete (same number of attributions)."""
    assert set(partial) <= set(reference), "an article that an uninterrupted run does not store"
    assert {k: reference[k] for k in partial} == partial, "an article was stored without all its rows"


@pytest.fixture(scope="module")
def stories(tmp_path_factory) -> tuple[Path, dict[str, int], list[tuple]]:
    """A folder of stories, and the snapshot and speakers of one uninterrupted ingest of it."""
    root = tmp_path_factory.mktemp("faults")
    folder = root / "stories"
    write_stories(folder, 36, people=SPEAKERS)
    reference_db = root / "reference.duckdb"
    ingest([str(folder)], db=reference_db, options=FAST)
    reference = snapshot(reference_db)
    assert len(reference) == 36 and all(n >= 1 for n in reference.values())
    assert len(speakers(reference_db)) >= len(SPEAKERS)
    return folder, reference, speakers(reference_db)


def run_ingest(folder: Path, db: Path, *extra: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "ingest", str(folder), "--db", str(db), "--extract", "attributions", *extra],
                          capture_output=True, text=True, timeout=timeout)


def kill_ingest(folder: Path, db: Path, after_commits: int, jitter_s: float) -> int:
    """Start ``presslens ingest`` and SIGKILL it ``jitter_s`` after its ``after_commits``-th commit.

    With ``after_commits=0`` the kill comes ``jitter_s`` after the start. Returns the commits seen.
    """
    proc = subprocess.Popen([*CLI, "ingest", str(folder), "--db", str(db), "--extract", "attributions",
                             "--batch-size", "3"], stderr=subprocess.PIPE, text=True)
    seen = 0
    try:
        if after_commits == 0:
            time.sleep(jitter_s)
        else:
            deadline = time.monotonic() + 240
            while seen < after_commits and time.monotonic() < deadline:
                line = proc.stderr.readline()
                if not line:
                    break
                seen += line.startswith("committed batch")
            time.sleep(jitter_s)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
        proc.stderr.close()
    return seen


# --------------------------------------------------------------------------- SIGKILL


@pytest.mark.parametrize(("after_commits", "jitter_s"), [(0, 1.0), (2, 0.0), (7, 0.05)],
                         ids=["during-start-up", "right-after-a-commit", "mid-batch"])
def test_sigkill_then_rerun_gives_exactly_the_uninterrupted_result(stories, tmp_path, after_commits, jitter_s):
    folder, reference, reference_speakers = stories
    db = tmp_path / "killed.duckdb"
    seen = kill_ingest(folder, db, after_commits, jitter_s + random.Random(after_commits).uniform(0, 0.05))
    assert seen == after_commits
    after_kill = snapshot(db)
    assert_partial_of(after_kill, reference)
    assert len(after_kill) < len(reference), "the kill should land before the end"
    if after_commits:
        assert len(after_kill) >= 3 * after_commits, "a committed batch was lost"
    rerun = run_ingest(folder, db)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(reference) - len(after_kill)} added, {len(after_kill)} already stored" in rerun.stderr
    assert snapshot(db) == reference
    assert speakers(db) == reference_speakers
    again = run_ingest(folder, db)
    assert again.returncode == 0 and f"0 added, {len(reference)} already stored" in again.stderr
    assert snapshot(db) == reference


# --------------------------------------------------------------------------- disk full


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path]:
    """A 16 MB tmpfs mounted for this test; skipped when mounting is not permitted."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount_point)],
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"cannot run mount: {exc}")
    if done.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True, timeout=30)


def fill(disk: Path, leave_kb: int) -> Path:
    """Write a ballast file that leaves about ``leave_kb`` kB free on ``disk``."""
    ballast = disk / "ballast"
    free = shutil.disk_usage(disk).free
    with ballast.open("wb") as handle:
        handle.truncate(0)
        chunk = b"\0" * 65536
        remaining = max(0, free - leave_kb * 1024)
        while remaining > 0:
            remaining -= handle.write(chunk[: min(len(chunk), remaining)])
    return ballast


def test_disk_full_fails_clearly_keeps_the_database_consistent_and_resumes(stories, small_disk, tmp_path):
    folder, reference, reference_speakers = stories
    first = tmp_path / "first"
    first.mkdir()
    for path in sorted(folder.iterdir())[:6]:
        shutil.copy(path, first)
    db = small_disk / "news.duckdb"
    assert run_ingest(first, db).returncode == 0
    ballast = fill(small_disk, leave_kb=24)
    full = run_ingest(folder, db, "--batch-size", "3")
    assert full.returncode == 1, full.stderr
    assert "Traceback" not in full.stderr
    errors = [line for line in full.stderr.splitlines() if line.startswith("presslens: error:")]
    assert len(errors) == 1 and "No space left on device" in errors[0], full.stderr
    stored = snapshot(db)
    assert_partial_of(stored, reference)
    assert 6 <= len(stored) < len(reference)
    ballast.unlink()
    rerun = run_ingest(folder, db)
    assert rerun.returncode == 0, rerun.stderr
    assert snapshot(db) == reference
    assert speakers(db) == reference_speakers


# --------------------------------------------------------------------------- damaged Parquet parts


@pytest.fixture(scope="module")
def parts(stories, tmp_path_factory, pipeline) -> tuple[Path, dict[str, int]]:
    """Four Parquet parts of the stories (as the Dask engine writes them) and the full snapshot."""
    from presslens.schema import Article
    from presslens.store import to_tables, write_part

    folder = stories[0]
    root = tmp_path_factory.mktemp("parts")
    articles = [Article(text=p.read_text(encoding="utf-8"), origin=str(p)) for p in sorted(folder.iterdir())[:12]]
    analyses = list(pipeline.analyze_many(articles))
    for start in range(0, 12, 3):
        write_part(to_tables(analyses[start : start + 3]), root / "parts")
    full_db = root / "full.duckdb"
    done = subprocess.run([*CLI, "db", "load", str(root / "parts"), "--db", str(full_db)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    full = snapshot(full_db)
    assert len(full) == 12
    return root / "parts", full


def damage(path: Path, how: str, rng: random.Random) -> None:
    data = bytearray(path.read_bytes())
    if how == "truncated":
        del data[len(data) // 2 :]
    elif how == "garbage":
        data = bytearray(rng.randbytes(len(data)))
    elif how == "footer":
        data[-4:] = b"XXXX"
    elif how == "altered-text":  # still valid Parquet with other words: only page checksums catch it
        at = data.find(b"repair")
        assert at > 0, "the quote text should be stored as plain bytes"
        data[at] = ord("R")
    elif how == "missing":
        path.unlink()
        return
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["truncated", "altered-text", "missing"])
def test_a_damaged_part_is_reported_the_others_load_and_reruns_are_idempotent(parts, tmp_path, how):
    source, full = parts
    copy = tmp_path / "parts"
    shutil.copytree(source, copy)
    bad = sorted(copy.iterdir())[1]
    damage(bad / "attributions.parquet", how, random.Random(how))
    db = tmp_path / f"{uuid.uuid4().hex[:6]}.duckdb"

    def load() -> subprocess.CompletedProcess:
        return subprocess.run([*CLI, "db", "load", str(copy), "--db", str(db)], capture_output=True, text=True,
                              timeout=300)

    first = load()
    assert first.returncode == 1 and "Traceback" not in first.stderr
    errors = [line for line in first.stderr.splitlines() if line.startswith("presslens: error:")]
    assert len(errors) == 1 and bad.name in errors[0] and "attributions.parquet" in errors[0], first.stderr
    assert "loaded 3 parts: 9 articles added" in first.stderr and "1 parts failed" in first.stderr
    stored = snapshot(db)
    assert len(stored) == 9
    assert_partial_of(stored, full)
    second = load()
    assert second.returncode == 1 and "loaded 3 parts: 0 articles added, 9 already stored" in second.stderr
    assert snapshot(db) == stored
    shutil.rmtree(bad)
    shutil.copytree(source / bad.name, bad)  # the part, written again
    third = load()
    assert third.returncode == 0, third.stderr
    assert snapshot(db) == full
