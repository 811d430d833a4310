"""Ingest end to end: real readers, the real pipeline, the DuckDB store; errors, idempotence, SIGKILL + resume."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from rich.console import Console

from conftest import write_stories
from presslens.ingest import LineReporter, RichReporter, count_documents, expand_inputs, ingest
from presslens.pipeline import Options

FAST = Options(extractors=("attributions",))
CLI = [sys.executable, "-c", "from presslens.cli import main; main()"]


def write_bad_documents(folder: Path) -> dict[str, str]:
    """Documents that cannot become articles, with a word their reason must contain."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_text("   \n")
    (folder / "image.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (folder / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (folder / "latin1.txt").write_bytes("Caf\xe9 owners said prices rose.".encode("latin-1"))
    return {"empty.txt": "empty", "image.bin": "binary", "nav.html": "no article body", "latin1.txt": "UTF-8"}


def write_dump(path: Path) -> None:
    lines = [
        json.dumps({"text": '"Taxes will not rise," Senator Tim Brandt said on Monday.', "outlet": "Wire",
                    "published": "2019-04-01", "url": "https://wire.example/1"}),
        '{"text": "unterminated',
        json.dumps({"title": "no body here"}),
    ]
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def write_warc(path: Path) -> None:
    """A web archive with one article page and one image response (which is not an article)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = ("<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>"
            "<p>\u201cThe harbour will reopen for fishing boats on Monday,\u201d Mayor Ann Cole said on Friday, "
            "after three weeks of repairs to the old pier and the breakwater.</p>"
            "<p>Cole said the council had paid for the work from its reserve fund.</p></article></body></html>")
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, ctype, body in (("https://news.example/harbour", "text/html; charset=utf-8", page.encode()),
                                 ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n")):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def table_counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]  # noqa: S608 (fixed names)
                for t in ("articles", "attributions", "errors", "speakers")}


def per_article(db: Path) -> dict[str, int]:
    """Attributions per stored article (0 for articles with none)."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT ar.id, count(a.idx) FROM articles ar LEFT JOIN attributions a "
                           "ON a.article_id = ar.id GROUP BY ar.id").fetchall()
    return dict(rows)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A folder of stories and bad documents, a gzipped JSONL dump, and one ingest of them."""
    root = tmp_path_factory.mktemp("ingest")
    stories = write_stories(root / "articles", 12)
    bad = write_bad_documents(root / "articles")
    write_dump(root / "dump.jsonl.gz")
    write_warc(root / "crawl.warc.gz")
    db = root / "news.duckdb"
    inputs = [str(root / "articles"), str(root / "dump.jsonl.gz"), str(root / "crawl.warc.gz"),
              str(root / "missing.txt")]
    stats = ingest(inputs, db=db, options=FAST, batch_size=4)
    return {"root": root, "db": db, "inputs": inputs, "stats": stats, "stories": stories, "bad": bad}


def test_articles_and_errors_are_stored(corpus):
    stats, db = corpus["stats"], corpus["db"]
    assert stats.added == 14  # 12 stories, the good JSONL line, the WARC page
    assert stats.errors == 4 + 2 + 1  # bad files, two bad JSONL lines, the missing path
    assert stats.done == stats.added + stats.errors and stats.skipped == 0
    counts = table_counts(db)
    assert counts["articles"] == 14 and counts["errors"] == 7
    with duckdb.connect(str(db), read_only=True) as con:
        errors = dict(con.execute("SELECT origin, reason FROM errors").fetchall())
        wire = con.execute("SELECT outlet, published, url FROM articles WHERE outlet = 'Wire'").fetchall()
        page = con.execute("SELECT url, title, text FROM articles WHERE url LIKE '%harbour'").fetchall()
    for name, word in corpus["bad"].items():
        origin = str(corpus["root"] / "articles" / name)
        assert word.lower() in errors[origin].lower(), (name, errors[origin])
    assert any("malformed JSON" in reason for origin, reason in errors.items() if origin.endswith(":2"))
    assert any("no such file" in reason for origin, reason in errors.items() if origin.endswith("missing.txt"))
    assert str(wire[0][1]) == "2019-04-01"
    assert page[0][1] == "Harbour reopens" and "reserve fund" in page[0][2]


def test_speakers_are_linked_after_ingest(corpus):
    with duckdb.connect(str(corpus["db"]), read_only=True) as con:
        dangling = con.execute("SELECT count(*) FROM attributions a WHERE speaker_id IS NOT NULL AND NOT EXISTS "
                               "(SELECT 1 FROM speakers s WHERE s.speaker_id = a.speaker_id)").fetchall()[0][0]
        linked = con.execute("SELECT count(*) FROM attributions WHERE speaker_id IS NOT NULL").fetchall()[0][0]
        total = con.execute("SELECT sum(quotes) FROM speakers").fetchall()[0][0]
    assert dangling == 0
    assert linked > 0 and total == linked


def test_running_again_adds_nothing(corpus):
    before = table_counts(corpus["db"])
    before_rows = per_article(corpus["db"])
    again = ingest(corpus["inputs"], db=corpus["db"], options=FAST, batch_size=4)
    assert again.added == 0 and again.skipped == 14
    assert table_counts(corpus["db"]) == before
    assert per_article(corpus["db"]) == before_rows


def test_new_files_are_added_to_an_existing_corpus(corpus, tmp_path):
    db = tmp_path / "copy.duckdb"
    ingest([str(corpus["root"] / "articles")], db=db, options=FAST)
    extra = write_stories(tmp_path / "more", 3, start=100)
    stats = ingest([str(corpus["root"] / "articles"), *map(str, extra)], db=db, options=FAST)
    assert stats.added == 3 and stats.skipped == 12
    assert table_counts(db)["articles"] == 15


def test_two_workers_store_the_same_rows(corpus, tmp_path):
    db = tmp_path / "two.duckdb"
    stats = ingest(corpus["inputs"], db=db, workers=2, options=FAST, batch_size=4)
    assert (stats.added, stats.errors) == (14, 7)
    assert per_article(db) == per_article(corpus["db"])


def test_duplicates_inside_one_run_are_stored_once(tmp_path):
    stories = write_stories(tmp_path / "a", 3)
    copy = tmp_path / "b" / "same.txt"
    copy.parent.mkdir()
    copy.write_bytes(stories[0].read_bytes())
    stats = ingest([str(tmp_path / "a"), str(copy)], db=tmp_path / "n.duckdb", options=FAST)
    assert stats.added == 3 and stats.skipped == 1


def test_counting_globbing_and_progress(corpus, tmp_path):
    articles = corpus["root"] / "articles"
    assert count_documents([str(articles)]) == 16
    assert count_documents([str(articles), "https://example.org/a"]) == 17
    assert count_documents([str(corpus["root"] / "dump.jsonl.gz")]) is None
    pattern = str(articles / "story000*.txt")
    assert expand_inputs([pattern]) == [str(p) for p in sorted(articles.glob("story000*.txt"))]
    assert expand_inputs(["-", "https://x.example/*"]) == ["-", "https://x.example/*"]
    lines = io.StringIO()
    ingest([pattern], db=tmp_path / "p.duckdb", options=FAST, batch_size=5, reporter=LineReporter(lines))
    assert lines.getvalue().splitlines()[0].startswith("committed batch 1: 5/10 docs, 5 added")
    screen = io.StringIO()
    reporter = RichReporter(Console(file=screen, force_terminal=True, width=160))
    ingest([str(articles)], db=tmp_path / "p.duckdb", options=FAST, reporter=reporter)
    shown = screen.getvalue()
    assert "docs/s" in shown and "4 errors" in shown and "16 docs" in shown


def test_cli_summary_strict_and_errors(corpus, tmp_path):
    from typer.testing import CliRunner

    import presslens.cli.corpus  # noqa: F401  (registers the commands)
    from presslens.cli import app

    runner = CliRunner()
    db = tmp_path / "cli.duckdb"
    stories = [str(p) for p in corpus["stories"][:3]]
    bad = str(corpus["root"] / "articles" / "empty.txt")
    ok = runner.invoke(app, ["ingest", *stories, bad, "--db", str(db), "--extract", "attributions"])
    assert ok.exit_code == 0, ok.output
    assert "committed batch 1: 4/4 docs" in ok.stderr
    assert "3 added" in ok.stderr and "1 errors" in ok.stderr
    strict = runner.invoke(app, ["ingest", *stories, bad, "--db", str(db), "--strict", "-q",
                                 "--extract", "attributions"])
    assert strict.exit_code == 1 and "3 already stored" in strict.stderr
    assert "committed batch" not in strict.stderr
    no_db = runner.invoke(app, ["ingest", *stories])
    assert no_db.exit_code == 1 and "--db" in no_db.stderr
    bad_extractor = runner.invoke(app, ["ingest", *stories, "--db", str(db), "--extract", "gossip"])
    assert bad_extractor.exit_code == 2


def test_sigkill_mid_ingest_loses_nothing_and_resumes(tmp_path):
    folder = tmp_path / "many"
    write_stories(folder, 160)
    db = tmp_path / "killed.duckdb"
    proc = subprocess.Popen([*CLI, "ingest", str(folder), "--db", str(db), "--batch-size", "5",
                             "--extract", "attributions"], stderr=subprocess.PIPE, text=True)
    committed = 0
    deadline = time.monotonic() + 240
    try:
        while committed < 20 and time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:
                break
            if line.startswith("committed batch"):
                committed = int(line.split(": ")[1].split("/")[0])
        assert committed >= 20, "ingest never committed a batch"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    after_kill = per_article(db)
    assert committed <= len(after_kill) < 160, "the kill should land mid-ingest"
    reference_db = tmp_path / "reference.duckdb"
    ingest([str(folder)], db=reference_db, options=FAST)
    reference = per_article(reference_db)
    # Every stored article is complete: the same attributions as in an uninterrupted run.
    assert {k: reference[k] for k in after_kill} == after_kill
    rerun = subprocess.run([*CLI, "ingest", str(folder), "--db", str(db), "--extract", "attributions"],
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{160 - len(after_kill)} added, {len(after_kill)} already stored" in rerun.stderr
    assert per_article(db) == reference
    with duckdb.connect(str(db), read_only=True) as con:
        ids = con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchall()[0]
        keys = con.execute("SELECT count(*), count(DISTINCT (article_id, idx)) FROM attributions").fetchall()[0]
    assert ids == (160, 160) and keys[0] == keys[1]


def test_a_repeated_source_id_never_hides_a_different_article(tmp_path):
    """Finding 3 of issue 16: articles are keyed by content; a JSONL id is kept as source_id, not as the key."""
    first = '"The bridge stays shut," Mayor Ann Cole said on Monday.'
    other = '"Taxes will not rise," Senator Tim Brandt said on Tuesday.'
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(json.dumps(r) for r in [
        {"id": "story-1", "text": first}, {"id": "story-1", "text": other}, {"id": "story-2", "text": first},
    ]) + "\n", encoding="utf-8")
    db = tmp_path / "news.duckdb"
    stats = ingest([str(dump)], db=db, options=FAST)
    assert (stats.added, stats.skipped, stats.errors) == (2, 1, 0), "the same text twice is stored once"
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT source_id, text FROM articles ORDER BY text").fetchall()
        by_source = con.execute("SELECT source_id, count(*) FROM articles GROUP BY 1").fetchall()
    assert sorted(rows) == sorted([("story-1", first), ("story-1", other)])
    assert by_source == [("story-1", 2)], "a repeated id is easy to find"
    again = ingest([str(dump)], db=db, options=FAST)
    assert (again.added, again.skipped) == (0, 3)


def test_an_older_database_gains_the_source_id_column(tmp_path):
    from presslens.store import Store

    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        store.con.execute("ALTER TABLE articles DROP COLUMN source_id")
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"id": "x9", "text": '"We reopen on Monday," Tim Brandt said.'}) + "\n")
    assert ingest([str(dump)], db=db, options=FAST).added == 1
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT source_id FROM articles").fetchall() == [("x9",)]
