"""Readers: each input kind becomes an Article, and each kind of bad input a specific InputError."""

from __future__ import annotations

import gzip
import io
import json

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from presslens.schema import Article, InputError, content_id
from presslens.sources import iter_articles, read_one

STORY = "Budget passes\n\n\"We did it,\" Mayor Ann Cole said on Tuesday.\r\nThe council agreed.  \n"
PAGE = """<html><head><title>Cole wins budget vote | Valley Post</title>
<meta property="og:site_name" content="Valley Post"><meta name="author" content="Jo Park">
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
<body><nav>Home | News</nav><article><h1>Cole wins budget vote</h1>
<p>"We did it," Mayor Ann Cole said on Tuesday after the council approved the plan by six votes to three.</p>
<p>She said the city would hire twelve new teachers next year.</p></article></body></html>"""


def test_txt_is_analysed_unchanged(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(STORY.encode("utf-8"))
    article = read_one(str(path))
    assert article.text == STORY
    assert article.origin == str(path)


def test_html_body_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    article = read_one(str(path))
    assert "Mayor Ann Cole said on Tuesday" in article.text
    assert "Home | News" not in article.text
    assert article.outlet == "Valley Post"
    assert article.author == "Jo Park"
    assert article.published == "2024-03-05"
    assert "Cole wins budget vote" in article.title


def test_bad_files_give_specific_errors(tmp_path):
    cases = {
        "empty.txt": (b"  \n", "empty document"),
        "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary file"),
        "latin1.txt": ("Café owner said the plan was fine.".encode("latin-1"), "invalid UTF-8 at byte 3"),
        "nobody.html": (b"<html><body><nav>Home</nav></body></html>", "no article body"),
    }
    for name, (data, _) in cases.items():
        (tmp_path / name).write_bytes(data)
    results = list(iter_articles([str(tmp_path / n) for n in cases] + [str(tmp_path / "missing.txt")]))
    assert all(isinstance(r, InputError) for r in results)
    for result, (_, expected) in zip(results, list(cases.values()) + [(None, "no such file")], strict=True):
        assert expected in result.reason, result.reason


def test_jsonl_streams_and_reports_bad_lines(tmp_path):
    lines = [
        json.dumps({"text": STORY, "outlet": "Wire", "published": "2024-03-05", "id": "a1"}),
        "{not json",
        json.dumps({"html": PAGE, "url": "https://valley.example/cole"}),
        json.dumps({"title": "no body"}),
    ]
    path = tmp_path / "dump.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    results = list(iter_articles([str(path)]))
    assert [type(r) for r in results] == [Article, InputError, Article, InputError]
    assert results[0].source_id == "a1" and results[0].id == content_id(STORY), "keyed by content, id kept"
    assert results[0].outlet == "Wire" and results[0].text == STORY
    assert results[1].origin.endswith(":2") and "malformed JSON" in results[1].reason
    assert results[2].url == "https://valley.example/cole" and "Ann Cole" in results[2].text
    assert 'no "text" or "html"' in results[3].reason


def _warc_bytes() -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for uri, ctype, body in [
        ("https://valley.example/cole", "text/html; charset=utf-8", PAGE.encode()),
        ("https://valley.example/logo.png", "image/png", b"\x89PNG\x00\x00"),
    ]:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return buffer.getvalue()


def test_warc_yields_html_responses_only(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc_bytes())
    results = list(iter_articles([str(path)]))
    assert len(results) == 1
    assert results[0].url == "https://valley.example/cole"
    assert "Ann Cole" in results[0].text


def test_folder_is_recursive_and_sniffs_untyped_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a" / "page").write_text(PAGE, encoding="utf-8")  # no extension: sniffed as HTML
    (tmp_path / "b.bin").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    results = list(iter_articles([str(tmp_path)]))
    articles = [r for r in results if isinstance(r, Article)]
    errors = [r for r in results if isinstance(r, InputError)]
    assert sorted(a.origin.rsplit("/", 1)[-1] for a in articles) == ["one.txt", "page"]
    assert [e.origin.rsplit("/", 1)[-1] for e in errors] == ["b.bin"]


def test_stdin_and_unreachable_url():
    (from_stdin,) = iter_articles(["-"], stdin=STORY.encode())
    assert from_stdin.text == STORY and from_stdin.origin == "<stdin>"
    (error,) = iter_articles(["http://127.0.0.1:9/story"])
    assert isinstance(error, InputError)
    assert "could not fetch" in error.reason
