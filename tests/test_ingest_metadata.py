"""Ingest metadata, the errors table and the corpus commands' hints, on real files and a real DuckDB."""

from __future__ import annotations

import io
import json

import duckdb
import pytest

from conftest import run_cli
from presslens.engines.progress import LineReporter, RunStats, clock
from presslens.ingest import ingest, origin_key
from presslens.pipeline import Options
from presslens.sources.metadata import MetadataError, load_metadata
from presslens.sources.text import headline

FAST = Options(extractors=("attributions", "dates"))


def _story(folder, name: str, number: int, headline_line: str | None = None):
    head = f"{headline_line}\n\n" if headline_line else ""
    path = folder / name
    path.write_text(f'{head}"We will open {number + 2} bridges," Mayor Ann Cole said on Tuesday.\n', encoding="utf-8")
    return path


def _rows(db, sql: str, params=()):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("text,expected", [
    ("Harbour plan approved\n\nBody text.", "Harbour plan approved"),
    ("Is the harbour safe?\nBody text.", "Is the harbour safe?"),
    ("# Markdown heading\n\nBody.", "Markdown heading"),
    ("The mayor spoke at length.\n\nBody.", None),
    ('"We will win," she said\n\nBody.', None),
    ("Only one line", None),
    ("x" * 200 + "\n\nBody.", None),
    ("2024-03-05\n\nBody.", None),
])
def test_headline_rule(text, expected):
    assert headline(text) == expected


def test_sidecar_csv_sets_titles_outlets_dates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    texts = tmp_path / "texts"
    texts.mkdir()
    _story(texts, "a.txt", 1, "Harbour plan approved")
    _story(texts, "b.txt", 2)
    _story(texts, "c.txt", 3, "Council meets again")
    (tmp_path / "meta.csv").write_text(
        "path,title,outlet,published,author\n"
        "texts/a.txt,,Harbour Gazette,2024-03-05,Jo Reed\n"
        f"{(texts / 'b.txt').resolve()},Bridges for all,Bay News,2024-03-07T10:00:00,\n"
        "texts/gone.txt,Never read,,,\n", encoding="utf-8")
    result = run_cli("ingest", str(texts), "--db", str(tmp_path / "c.duckdb"), "--metadata",
                     str(tmp_path / "meta.csv"), "--outlet", "Wire", "--extract", "attributions,dates")
    assert result.returncode == 0, result.stderr.decode()
    err = result.stderr.decode()
    assert "3 added" in err and "1 row(s)" in err and "texts/gone.txt" in err
    rows = _rows(tmp_path / "c.duckdb", "SELECT origin, title, outlet, CAST(published AS VARCHAR), author "
                 "FROM articles ORDER BY origin")
    assert rows == [
        (str(texts / "a.txt"), "Harbour plan approved", "Harbour Gazette", "2024-03-05", "Jo Reed"),
        (str(texts / "b.txt"), "Bridges for all", "Bay News", "2024-03-07", None),
        (str(texts / "c.txt"), "Council meets again", "Wire", None, None),
    ]
    # said_on follows the date given: Tuesday before 2024-03-05 (a Tuesday itself) and 2024-03-07
    said = _rows(tmp_path / "c.duckdb", "SELECT CAST(a.said_on AS VARCHAR), a.outlet FROM attributions a "
                 "JOIN articles ar ON ar.id = a.article_id ORDER BY ar.origin")
    assert said[0] == ("2024-03-05", "Harbour Gazette") and said[1] == ("2024-03-05", "Bay News")
    sql = run_cli("sql", "SELECT count(*) AS n FROM articles WHERE outlet IS NOT NULL", "--db",
                  str(tmp_path / "c.duckdb"), "-f", "json")
    assert json.loads(sql.stdout) == [{"n": 3}]


def test_sidecar_jsonl_by_id_and_bad_sidecars(tmp_path):
    story = _story(tmp_path, "a.txt", 1)
    from presslens.sources import read_one

    article_id = read_one(str(story)).id
    meta = tmp_path / "meta.jsonl"
    meta.write_text(json.dumps({"id": article_id, "outlet": "Bay News", "published": "2024-02-01"}) + "\n",
                    encoding="utf-8")
    stats = ingest([str(story)], db=tmp_path / "j.duckdb", options=FAST, metadata=load_metadata(meta))
    assert stats.added == 1
    assert _rows(tmp_path / "j.duckdb", "SELECT outlet, CAST(published AS VARCHAR) FROM articles") == \
        [("Bay News", "2024-02-01")]
    for content, message in [("path,colour\na.txt,red\n", r"unknown column\(s\) colour"),
                             ("title,outlet\nx,y\n", "no path or id column"),
                             ("path,published\na.txt,5 March\n", "is not a date in YYYY-MM-DD form"),
                             ("path,title\na.txt,x\na.txt,y\n", "named twice"),
                             ("", "empty metadata file")]:
        bad = tmp_path / "bad.csv"
        bad.write_text(content, encoding="utf-8")
        with pytest.raises(MetadataError, match=message):
            load_metadata(bad)
    result = run_cli("ingest", str(story), "--db", str(tmp_path / "x.duckdb"), "--metadata", str(bad))
    assert result.returncode == 1 and "empty metadata file" in result.stderr.decode()
    assert not (tmp_path / "x.duckdb").exists()


def test_update_refreshes_metadata_and_replaces_edited_files(tmp_path):
    db = tmp_path / "u.duckdb"
    a = _story(tmp_path, "a.txt", 1, "Harbour plan approved")
    b = _story(tmp_path, "b.txt", 2)
    first = load_metadata(None, outlet="Harbour Gazette")
    assert ingest([str(a), str(b)], db=db, options=FAST, metadata=first).added == 2
    (tmp_path / "m.csv").write_text(f"path,outlet,published\n{a},Bay News,\n{b},,2024-04-01\n", encoding="utf-8")
    # without --update: nothing changes, the run says so
    plain = ingest([str(a), str(b)], db=db, options=FAST, metadata=load_metadata(tmp_path / "m.csv"))
    assert (plain.added, plain.skipped, plain.stale, plain.updated) == (0, 2, 2, 0)
    assert _rows(db, "SELECT DISTINCT outlet FROM articles") == [("Harbour Gazette",)]
    # with --update: the outlet in place, the new date through a new analysis; the rest kept
    ids_before = dict(_rows(db, "SELECT origin, id FROM articles"))
    stats = ingest([str(a), str(b)], db=db, options=FAST, metadata=load_metadata(tmp_path / "m.csv"), update=True)
    assert (stats.updated, stats.added, stats.replaced) == (1, 1, 1)
    rows = dict((r[0], r[1:]) for r in _rows(db, "SELECT origin, outlet, CAST(published AS VARCHAR), title, id "
                                                  "FROM articles"))
    assert rows[str(a)] == ("Bay News", None, "Harbour plan approved", ids_before[str(a)])
    assert rows[str(b)][:2] == ("Harbour Gazette", "2024-04-01")
    assert _rows(db, "SELECT CAST(said_on AS VARCHAR), outlet FROM attributions WHERE article_id = ?",
                 [rows[str(b)][3]]) == [("2024-03-26", "Harbour Gazette")]
    assert _rows(db, "SELECT count(*) FROM articles")[0][0] == 2
    # an edited file replaces its article; no orphan rows are left
    _story(tmp_path, "a.txt", 9, "Harbour plan approved")
    edited = ingest([str(a)], db=db, options=FAST, update=True)
    assert (edited.added, edited.replaced) == (1, 1)
    assert _rows(db, "SELECT count(*) FROM articles")[0][0] == 2
    assert _rows(db, "SELECT count(*) FROM attributions WHERE article_id NOT IN (SELECT id FROM articles)")[0][0] == 0
    # a headline guessed again never overwrites a stored title
    a.write_text("Another first line\n\n" + a.read_text().split("\n\n", 1)[1], encoding="utf-8")


def test_errors_table_one_row_per_input_and_cleared_when_stored(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "e.duckdb"
    bad = tmp_path / "bad.txt"
    bad.write_text("", encoding="utf-8")
    for given in ("bad.txt", str(bad), "./bad.txt"):
        ingest([given], db=db, options=FAST)
    assert _rows(db, "SELECT origin FROM errors") == [(str(bad),)]
    assert origin_key("x.jsonl:7") == str(tmp_path / "x.jsonl") + ":7"
    assert origin_key("https://example.org/a") == "https://example.org/a"
    _story(tmp_path, "bad.txt", 4)
    ingest(["bad.txt"], db=db, options=FAST)
    assert _rows(db, "SELECT count(*) FROM errors")[0][0] == 0
    # an input found already stored also clears its row; --clear empties the table
    bad.write_text("", encoding="utf-8")
    ingest([str(bad)], db=db, options=FAST)
    assert _rows(db, "SELECT count(*) FROM errors")[0][0] == 1
    cleared = run_cli("db", "errors", "--db", str(db), "--clear")
    assert cleared.returncode == 0 and "removed 1 error row" in cleared.stderr.decode()
    assert _rows(db, "SELECT count(*) FROM errors")[0][0] == 0
    info = run_cli("db", "info", "--db", str(db), "--format", "json")
    data = json.loads(info.stdout)
    assert isinstance(data, dict) and data["articles"] == 1 and data["errors"] == 0


def test_progress_counts_and_eta():
    stats = RunStats(total=100, done=30, skipped=20, analysed=10)
    stats.started -= 10.0  # 10 documents analysed in 10 s: 70 left take 70 s
    assert stats.docs_per_second == pytest.approx(1.0, rel=0.05)
    assert stats.eta_seconds == pytest.approx(70, rel=0.05)
    assert clock(4000) == "1:06:40" and clock(None) == "-:--:--"
    assert RunStats(total=10, done=5, skipped=5).eta_seconds is None  # nothing analysed yet
    lines = io.StringIO()
    stats.batches, stats.added = 1, 10
    LineReporter(lines).commit(stats)
    assert "30/100 docs, 10 added, 20 skipped" in lines.getvalue() and "ETA 0:01:1" in lines.getvalue()


def test_quotes_counts_hints_and_unknown_speakers(tmp_path):
    db = tmp_path / "q.duckdb"
    dated = _story(tmp_path, "dated.txt", 1)
    undated = _story(tmp_path, "undated.txt", 2)
    ingest([str(dated)], db=db, options=FAST, metadata=load_metadata(None, published="2024-03-05"))
    ingest([str(undated)], db=db, options=FAST)
    listed = run_cli("quotes", "--db", str(db), "--limit", "1", "-f", "json")
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 1
    assert "showing 1-1 of 2 quotes" in listed.stderr.decode()
    since = run_cli("quotes", "--db", str(db), "--since", "2024-01-01", "-f", "csv")
    assert since.returncode == 0 and "1 matching quote has no date" in since.stderr.decode()
    unknown = run_cli("quotes", "--db", str(db), "--speaker", "Anne Kole")
    assert unknown.returncode == 1
    assert "no speaker or source matches 'Anne Kole'" in unknown.stderr.decode()
    assert "closest known: Ann Cole" in unknown.stderr.decode()
    known = run_cli("quotes", "--db", str(db), "--speaker", "cole", "-f", "json")
    assert known.returncode == 0 and len(json.loads(known.stdout)) == 2
