"""The Dask engine on a real two-process LocalCluster: Parquet parts, ``db load``, idempotence, bad parts."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

import presslens.cli.corpus  # noqa: F401  (registers the commands)
from conftest import write_stories
from presslens.cli import app
from presslens.ingest import ingest
from presslens.pipeline import Options
from presslens.store import find_parts, read_part

FAST = Options(extractors=("attributions",))


def per_article(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(con.execute("SELECT ar.id, count(a.idx) FROM articles ar LEFT JOIN attributions a "
                                "ON a.article_id = ar.id GROUP BY ar.id").fetchall())


def count(db: Path, table: str) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]  # noqa: S608 (fixed names)


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=40) as local:
        yield local


@pytest.fixture(scope="module")
def stories(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dask") / "stories"
    write_stories(folder, 10)
    (folder / "empty.txt").write_text("\n")
    return folder


@pytest.fixture(scope="module")
def reference(stories, tmp_path_factory):
    db = tmp_path_factory.mktemp("ref") / "local.duckdb"
    ingest([str(stories)], db=db, options=FAST)
    return per_article(db)


def test_workers_write_parts_that_load_like_a_local_ingest(cluster, stories, reference, tmp_path):
    parts = tmp_path / "parts"
    stats = ingest([str(stories)], out=parts, engine="dask", scheduler=cluster.scheduler_address, options=FAST,
                   batch_size=3)
    assert (stats.added, stats.errors, stats.done) == (10, 1, 11)
    assert len(find_parts([parts])) == 4  # 11 documents in batches of 3
    db = tmp_path / "news.duckdb"
    runner = CliRunner()
    loaded = runner.invoke(app, ["db", "load", str(parts), "--db", str(db)])
    assert loaded.exit_code == 0, loaded.output
    assert "loaded 4 parts: 10 articles added" in loaded.stderr
    assert per_article(db) == reference
    assert count(db, "errors") == 1 and count(db, "speakers") > 0
    again = runner.invoke(app, ["db", "load", str(parts), "--db", str(db)])
    assert again.exit_code == 0 and "0 articles added, 10 already stored" in again.stderr
    assert per_article(db) == reference


def test_each_worker_loads_the_pipeline_once(cluster, stories, tmp_path):
    from distributed import Client

    ingest([str(stories)], out=tmp_path / "p", engine="dask", scheduler=cluster.scheduler_address, options=FAST,
           batch_size=2)
    with Client(cluster.scheduler_address) as client:
        loaded = client.run(_pipelines_loaded)
    assert len(loaded) == 2 and all(n == 1 for n in loaded.values()), loaded


def _pipelines_loaded() -> int:
    from presslens.engines.dask import _PIPELINES

    return len(_PIPELINES)


def test_rerun_skips_articles_already_in_parts(cluster, stories, tmp_path):
    parts = tmp_path / "parts"
    ingest([str(stories)], out=parts, engine="dask", scheduler=cluster.scheduler_address, options=FAST)
    before = sorted(p.name for p in find_parts([parts]))
    again = ingest([str(stories)], out=parts, engine="dask", scheduler=cluster.scheduler_address, options=FAST)
    assert again.added == 0 and again.skipped == 10
    after = find_parts([parts])
    assert set(before) <= {p.name for p in after}
    for part in after:  # a new part may only hold the bad document's error row again, never an article
        if part.name not in before:
            assert read_part(part)["articles"].num_rows == 0


def test_a_corrupted_part_fails_alone(cluster, stories, tmp_path):
    parts = tmp_path / "parts"
    ingest([str(stories)], out=parts, engine="dask", scheduler=cluster.scheduler_address, options=FAST,
           batch_size=3)
    found = find_parts([parts])
    broken = next(p for p in found if (p / "articles.parquet").stat().st_size > 0)
    lost = duckdb.sql(f"SELECT count(*) FROM read_parquet('{broken / 'articles.parquet'}')").fetchall()[0][0]  # noqa: S608
    (broken / "articles.parquet").write_bytes(b"not parquet")
    db = tmp_path / "news.duckdb"
    result = CliRunner().invoke(app, ["db", "load", str(parts), "--db", str(db)])
    assert result.exit_code == 1
    assert str(broken) in result.stderr and "articles.parquet" in result.stderr
    assert f"loaded {len(found) - 1} parts" in result.stderr
    assert count(db, "articles") == 10 - lost


def test_dask_can_write_the_database_directly(cluster, stories, reference, tmp_path):
    db = tmp_path / "direct.duckdb"
    stats = ingest([str(stories)], db=db, engine="dask", scheduler=cluster.scheduler_address, options=FAST,
                   batch_size=4)
    assert stats.added == 10 and stats.errors == 1
    assert per_article(db) == reference


def test_default_local_cluster_from_the_cli(stories, tmp_path):
    db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(stories), "--engine", "dask", "--workers", "1", "--db", str(db),
                                      "--extract", "attributions", "-q"])
    assert result.exit_code == 0, result.output
    assert "10 added" in result.stderr and count(db, "articles") == 10
