"""The extractor registry: one contract, declared needs and provides, a dependency order."""

from __future__ import annotations

import json

import pytest

from presslens.extract import registry
from presslens.extract.registry import Extractor, ExtractorError
from presslens.pipeline import ALL_EXTRACTORS, Options, Pipeline
from presslens.schema import Article

STORY = '"The bridge stays closed," Mayor Ann Cole said on Monday. Prices rose 4% last year.'


@pytest.fixture
def toy():
    """A toy extractor that counts the words of each attribution's content, registered for one test."""

    def count_words(doc, article, context):
        return {"word_counts": [len(a.content.text.split()) for a in context["attributions"]]}

    extractor = registry.register(Extractor("toy", count_words, provides=("word_counts",), needs=("attributions",)))
    yield extractor
    registry.unregister("toy")


def names(extractors):
    return [e.name for e in extractors]


def test_builtin_order_follows_the_declarations():
    assert ALL_EXTRACTORS == ("attributions", "dates", "quantities", "claims", "framing")
    assert names(registry.plan(ALL_EXTRACTORS)) == ["entities", "attributions", "dates", "quantities", "claims",
                                                     "framing"]
    # claims read the attributions that dates update (said_on), so they run after dates whatever the order asked.
    order = names(registry.plan(["claims", "dates"]))
    assert order.index("dates") < order.index("claims")
    dates = next(e for e in registry.plan(["dates"]) if e.name == "dates")
    assert "attributions" in dates.updates


def test_toy_extractor_records_flow_into_the_analysis(nlp, toy):
    options = Options(extractors=("attributions", "toy"))
    assert names(registry.plan(options.extractors)) == ["entities", "attributions", "toy"]
    analysis = Pipeline(nlp, options=options).analyze(Article(text=STORY))
    assert analysis.extra == {"word_counts": [len(a.content.text.split()) for a in analysis.attributions]}
    assert analysis.extra["word_counts"] == [4]
    assert json.loads(json.dumps(analysis.to_dict()))["word_counts"] == [4]
    without = Pipeline(nlp, options=Options(extractors=("attributions",))).analyze(Article(text=STORY))
    assert "word_counts" not in without.to_dict()


def test_a_need_nobody_provides_is_a_clear_error(nlp):
    registry.register(Extractor("needy", lambda doc, article, context: {"x": []}, provides=("x",),
                                needs=("sentiment",)))
    try:
        with pytest.raises(ExtractorError, match="'needy' needs 'sentiment', which no registered extractor provides"):
            Pipeline(nlp, options=Options(extractors=("needy",)))
    finally:
        registry.unregister("needy")


def test_unknown_names_clashes_and_cycles_are_refused(toy):
    with pytest.raises(ExtractorError, match="unknown extractor"):
        registry.plan(["attributions", "sentiment"])
    with pytest.raises(ExtractorError, match="already registered"):
        registry.register(toy)
    with pytest.raises(ExtractorError, match="both provide"):
        registry.register(Extractor("other", toy.run, provides=("word_counts",)))
    registry.register(Extractor("a", toy.run, provides=("ra",), needs=("rb",)))
    registry.register(Extractor("b", toy.run, provides=("rb",), needs=("ra",)))
    try:
        with pytest.raises(ExtractorError, match="wait on each other"):
            registry.plan(["a", "b"])
    finally:
        registry.unregister("a")
        registry.unregister("b")


def test_an_unchosen_provider_gives_an_empty_record(nlp):
    analysis = Pipeline(nlp, options=Options(extractors=("claims",))).analyze(Article(text=STORY))
    assert analysis.attributions == [] and analysis.dates == []
    assert analysis.claims and all(c.speaker is None for c in analysis.claims)
