"""The Python API as a notebook user meets it: str or bytes in, JSON out, clear refusals."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import presslens
from conftest import ROOT

STORY = '"We have waited ten years," Mayor Ann Cole said on Tuesday.\n'


def test_bytes_are_decoded_as_the_readers_do(pipeline):
    from presslens.sources import article_from_bytes

    with_bom = "\ufeff".encode() + STORY.replace("waited", "attendu là").encode("utf-8")
    analysis = presslens.analyze(with_bom, published="2024-03-05")
    assert analysis.article.text == article_from_bytes(with_bom, "<bytes>").text
    assert analysis.article.text.startswith('"We have attendu là')  # the BOM is dropped, as from a file
    assert analysis.article.published == "2024-03-05"
    with pytest.raises(presslens.InputError, match="invalid UTF-8 at byte"):
        presslens.analyze(STORY.replace("waited", "attendu là").encode("cp1252"))
    html = ("<html><head><title>Harbour</title></head><body><article><p>" + STORY +
            " The council met for three hours and agreed to the plan in the end.</p></article></body></html>")
    from_html = presslens.analyze(html.encode("utf-8"))
    assert "<p>" not in from_html.article.text and from_html.article.title == "Harbour"
    assert [a.source.name for a in from_html.attributions] == [a.source.name for a in presslens.analyze(STORY).attributions]


@pytest.mark.parametrize("value,hint", [(Path("story.txt"), "read_bytes"), (["a", "b"], "analyze_many"),
                                        (42, "not int"), (None, "not NoneType")])
def test_other_inputs_are_refused_clearly(value, hint):
    with pytest.raises(TypeError, match=hint):
        presslens.analyze(value)


def test_unknown_metadata_keyword_is_refused_for_bytes():
    with pytest.raises(TypeError, match="publisher"):
        presslens.analyze(STORY.encode(), publisher="x")


def test_to_json_is_the_record_contract(pipeline):
    analysis = presslens.analyze(STORY, outlet="Example Times")
    text = presslens.to_json(analysis)
    record = json.loads(text)
    assert record == json.loads(json.dumps(analysis.to_dict()))
    assert record["outlet"] == "Example Times" and record["attributions"][0]["source"]["name"] == "Ann Cole"
    assert "\n" in presslens.to_json(analysis, indent=2)


def test_import_is_cheap_and_names_resolve_on_use():
    script = ("import sys, presslens; heavy = [m for m in ('duckdb', 'presslens.corpus', 'presslens.pipeline') "
              "if m in sys.modules]; print(heavy); presslens.Corpus; presslens.Options; print('ok')")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["[]", "ok"]
    with pytest.raises(AttributeError):
        presslens.no_such_name  # noqa: B018


def test_corpus_quotes_frame_has_article_ids_and_offsets(tmp_path):
    from presslens.ingest import ingest

    story = tmp_path / "a.txt"
    story.write_text("Harbour plan approved\n\n" + STORY, encoding="utf-8")
    ingest([str(story)], db=tmp_path / "c.duckdb", options=presslens.Options(extractors=("attributions",)))
    from presslens.queries.search import QUOTE_COLUMNS, QUOTE_OFFSET_COLUMNS

    with presslens.Corpus(tmp_path / "c.duckdb") as corpus:
        frame = corpus.quotes().df()
        assert list(frame.columns) == [*QUOTE_COLUMNS, *QUOTE_OFFSET_COLUMNS]
        row = frame.iloc[0]
        text = corpus.article(row["article_id"])["text"]
        assert text[row["content_start"]:row["content_end"]] == row["quote"]
        assert text[row["cue_start"]:row["cue_end"]] == row["cue"]
        assert "Ann Cole" in text[row["source_start"]:row["source_end"]]
