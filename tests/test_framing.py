"""Framing spans (SemEval-2020 Task 11 techniques): record validity, robustness, model files, metric."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import numpy as np
import pytest
import spacy

from presslens import nlp as presslens_nlp
from presslens.extract import framing
from presslens.schema import FramingSpan

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "src" / "presslens" / "models"

LOADED = (
    "Corrupt, lying elites and their treasonous puppets are destroying our great nation!\n"
    "This disgraceful witch hunt is the most outrageous scandal in history, a total disaster "
    "pushed by radical extremists who hate America.\n"
    "These thugs will stop at nothing to crush your freedom. Wake up, patriots!\n"
    "The so-called experts are nothing but shameless propagandists spreading hysterical lies."
)
NEUTRAL = (
    "The city council met on Tuesday to discuss the annual budget.\n"
    "The meeting lasted two hours, and members approved the plan by a vote of seven to two.\n"
    "Officials said the final report would be published next month.\n"
    "The budget includes funding for road repairs and two new libraries."
)

# Written for these tests: plain insults and emotive adjectives aimed at a group.
INSULT = ("Those corrupt, cowardly traitors in Washington are a disgusting pack of liars and crooks "
          "who despise ordinary Americans.")
INSULT_WORDS = ("corrupt", "cowardly", "traitors", "disgusting", "liars", "crooks", "despise")

needs_model = pytest.mark.skipif(framing.load_model() is None, reason="framing model files not built")


@pytest.fixture(scope="module")
def nlp():
    return presslens_nlp.load()


def _check_spans(doc, spans: list[FramingSpan]) -> None:
    for s in spans:
        assert isinstance(s, FramingSpan)
        assert 0 <= s.start < s.end <= len(doc.text)
        assert s.text == doc.text[s.start:s.end]
        assert s.text == s.text.strip(" \n.,:;"), "edges are trimmed like the organisers' spans"
        assert s.technique in framing.TECHNIQUES
        assert 0.0 <= s.score <= 1.0


@needs_model
def test_technique_names_are_the_task_names() -> None:
    assert len(framing.TECHNIQUES) == 14
    assert len(set(framing.TECHNIQUES)) == 14
    for name in ("Loaded_Language", "Name_Calling,Labeling", "Exaggeration,Minimisation",
                 "Whataboutism,Straw_Men,Red_Herring", "Bandwagon,Reductio_ad_hitlerum",
                 "Appeal_to_fear-prejudice", "Thought-terminating_Cliches"):
        assert name in framing.TECHNIQUES
    assert framing.load_model().techniques == framing.TECHNIQUES


@needs_model
def test_loaded_text_yields_valid_spans(nlp) -> None:
    doc = nlp(LOADED)
    spans = framing.find_framing(doc)
    assert spans, "strongly loaded wording should produce framing spans"
    _check_spans(doc, spans)


@needs_model
def test_insults_get_a_loaded_language_or_name_calling_span(nlp) -> None:
    doc = nlp(INSULT)
    spans = framing.find_framing(doc)
    _check_spans(doc, spans)
    hits = [s for s in spans if s.technique in ("Loaded_Language", "Name_Calling,Labeling")]
    assert hits, spans
    assert any(w in s.text.lower() for s in hits for w in INSULT_WORDS)


def test_decoding_keeps_runs_with_a_confident_token_and_joins_close_ones() -> None:
    doc = spacy.blank("en")("one two three four five six seven")
    t = framing.token_table(doc)
    prob = np.array([0.9, 0.6, 0.1, 0.9, 0.1, 0.1, 0.45])

    def texts(gap: int) -> list[str]:
        return [doc.text[s:e] for s, e, _ in framing.decode_spans(t, prob, 0.5, 0.4, doc.text, gap)]

    assert texts(0) == ["one two", "four"]  # "seven" is above low but never above high
    assert texts(1) == ["one two three four"]
    assert framing.decode_spans(t, np.zeros(t.n), 0.5, 0.4, doc.text) == []


@needs_model
def test_neutral_wire_copy_yields_fewer_spans_than_loaded_text(nlp) -> None:
    loaded, neutral = nlp(LOADED), nlp(NEUTRAL)
    n_loaded, n_neutral = len(framing.find_framing(loaded)), len(framing.find_framing(neutral))
    assert n_neutral < n_loaded
    _, p_loaded = framing.token_probabilities(loaded)
    _, p_neutral = framing.token_probabilities(neutral)
    assert p_neutral.mean() < p_loaded.mean()
    assert ((p_loaded >= 0) & (p_loaded <= 1)).all()


@needs_model
def test_thresholds_trade_spans_for_confidence(nlp) -> None:
    doc = nlp(LOADED)
    loose = framing.find_framing(doc, high=0.05, low=0.05)
    strict = framing.find_framing(doc, high=0.99, low=0.99)
    assert len(strict) <= len(loose)
    assert strict == [] or all(s.score <= 1.0 for s in strict)


@needs_model
def test_classify_span_returns_a_technique_and_probability(nlp) -> None:
    doc = nlp(LOADED)
    start = LOADED.index("treasonous puppets")
    tech, score = framing.classify_span(doc, start, start + len("treasonous puppets"))
    assert tech in framing.TECHNIQUES
    assert 0.0 < score <= 1.0
    # Out-of-range and empty spans do not raise.
    assert framing.classify_span(doc, -5, 10_000)[0] in framing.TECHNIQUES
    assert framing.classify_span(doc, 3, 3)[0] in framing.TECHNIQUES


@needs_model
def test_repeated_span_gets_distinct_techniques(nlp) -> None:
    doc = nlp(LOADED)
    start = LOADED.index("witch hunt")
    labels = framing.classify_spans(doc, [(start, start + 10), (start, start + 10)])
    assert len(labels) == 2
    assert labels[0][0] != labels[1][0]
    assert labels[0][1] >= labels[1][1]


@needs_model
def test_repetition_cue_changes_the_technique_scores(nlp) -> None:
    once = nlp("They promised to drain the swamp. The vote was held on Monday.")
    many = nlp("Drain the swamp. They said it again: drain the swamp. Drain the swamp, drain the swamp!")
    model = framing.load_model()
    rep = model.techniques.index("Repetition")

    def repetition_prob(doc, start: int) -> float:
        ctx = framing.doc_context(doc)
        idx, val = framing.tc_vector(framing.tc_features(doc, start, start + 15, ctx), model.tc_bits)
        return float(framing._tc_probs(model, idx, val)[rep])

    assert repetition_prob(many, many.text.lower().rindex("drain the swamp")) > repetition_prob(
        once, once.text.index("drain the swamp"))


@needs_model
@pytest.mark.parametrize("text", ["", "   \n\n  ", "!!!", "\"", "He said \"this is", "a" * 3, "\u201cUnbalanced"])
def test_odd_input_never_raises(nlp, text: str) -> None:
    doc = nlp(text)
    spans = framing.find_framing(doc)
    _check_spans(doc, spans)


@needs_model
def test_unparsed_doc_does_not_raise() -> None:
    doc = spacy.blank("en")("Crooked politicians lie! Everyone knows it.")
    spans = framing.find_framing(doc)
    _check_spans(doc, spans)


def test_missing_model_directory_gives_none(tmp_path: Path) -> None:
    assert framing.load_model(tmp_path) is None


@needs_model
def test_model_files_are_small_pickle_free_and_fast_to_load() -> None:
    files = sorted(MODELS.glob("framing*.*"))
    assert {p.suffix for p in files} >= {".npz", ".json", ".md"}
    for p in files:
        assert p.stat().st_size < 20 * 1024 * 1024, p
    with np.load(MODELS / "framing.npz", allow_pickle=False) as z:
        assert all(z[k].dtype != object for k in z.files)
    t0 = time.perf_counter()
    framing.FramingModel.load(MODELS)
    assert time.perf_counter() - t0 < 2.0


@needs_model
def test_model_round_trip(tmp_path: Path, nlp) -> None:
    model = framing.load_model(use_encoder=False)
    model.save(tmp_path)
    again = framing.load_model(tmp_path)
    doc = nlp(LOADED)
    assert framing.find_framing(doc, model=again) == framing.find_framing(doc, model=model)


@needs_model
def test_a_named_head_without_its_files_is_a_clear_error(tmp_path: Path) -> None:
    framing.load_model(use_encoder=False).save(tmp_path)
    assert framing.load_model(tmp_path, name="base").encoder is None
    for name in ("minilm", "mpnet"):
        if framing._HEAD_STEMS[name] not in framing._heads():
            continue  # its encoder is not installed: the error names the install command instead
        with pytest.raises(framing.FramingModelUnavailable, match=f"framing model '{name}'"):
            framing.load_model(tmp_path, name=name)
    with pytest.raises(ValueError, match="choose from base, minilm, mpnet"):
        framing.load_model(tmp_path, name="large")


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_framing", ROOT / "benchmarks" / "eval_framing.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_si_metric_gives_partial_credit_by_character_overlap() -> None:
    ev = _eval_module()
    gold = {"a": [(0, 10)]}
    assert ev.si_score({"a": [(0, 10)]}, gold) == (1.0, 1.0, 1.0)
    p, r, f1 = ev.si_score({"a": [(0, 5)]}, gold)
    assert (p, r) == (1.0, 0.5)
    assert abs(f1 - 2 / 3) < 1e-9
    # Overlapping predictions are merged first: [0,8) and [4,12) become [0,12).
    p, r, _ = ev.si_score({"a": [(0, 8), (4, 12)]}, gold)
    assert abs(p - 10 / 12) < 1e-9 and r == 1.0
    assert ev.si_score({"a": []}, gold) == (0.0, 0.0, 0.0)
    assert ev.tc_micro_f1(["x", "y", "x"], ["x", "x", "x"]) == pytest.approx(2 / 3)
