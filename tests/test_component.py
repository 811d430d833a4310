"""The spaCy component as a spaCy user meets it: entry point, doc.spans, DocBin, displaCy."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from spacy import displacy
from spacy.tokens import Doc, DocBin

from conftest import ROOT
from presslens.nlp import MODEL_NAME

TEXT = ('"We will repair the harbour bridge," Mayor Ann Cole said on Tuesday.\n\n'
        "The council said it would vote on the plan in May.\n")


@pytest.fixture(scope="module")
def component_nlp(nlp):
    import spacy

    custom = spacy.load(MODEL_NAME)
    custom.add_pipe("presslens", config={"extractors": ["attributions", "dates"]})
    return custom


def test_entry_point_registers_the_factory_without_importing_presslens():
    # A fresh interpreter that imports spaCy only: the factory must come from the entry point.
    script = textwrap.dedent(f"""
        import json, sys
        import spacy
        from spacy.tokens import DocBin
        before = "presslens" in sys.modules
        nlp = spacy.load({MODEL_NAME!r})
        nlp.add_pipe("presslens")
        doc = nlp({TEXT!r})
        data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
        back = list(DocBin().from_bytes(data).get_docs(spacy.blank("en").vocab))[0]
        print(json.dumps({{
            "imported_before_load": before,
            "spans": {{k: [(s.text, s.label_) for s in back.spans[k]] for k in back.spans}},
            "speakers": [a.source.name for a in back._.attributions],
            "same": json.dumps(back._.presslens_record) == json.dumps(doc._.presslens_record),
        }}))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["imported_before_load"] is False
    assert found["same"] is True
    assert ["We will repair the harbour bridge", "direct"] in found["spans"]["presslens_content"]
    assert ["said", "direct"] in found["spans"]["presslens_cue"]
    assert [label for _, label in found["spans"]["presslens_source"]][0] == "Ann Cole"
    assert found["speakers"][0] == "Ann Cole"


def test_spans_match_the_records(component_nlp):
    doc = component_nlp(TEXT)
    attributions = doc._.attributions
    assert attributions, "the test text has attributions"
    contents = doc.spans["presslens_content"]
    assert len(contents) == len(attributions)
    for span, record in zip(contents, attributions, strict=True):
        assert span.label_ == record.type
        # whole tokens covering the record's characters
        assert span.start_char <= record.content.start and span.end_char >= record.content.end
        assert record.content.text in span.text
    cues = doc.spans["presslens_cue"]
    assert [c.text for c in cues] == [a.cue.text for a in attributions if a.cue]
    sources = doc.spans["presslens_source"]
    assert {s.label_ for s in sources} >= {"Ann Cole"}


def test_docbin_round_trip_keeps_records_and_spans(component_nlp):
    doc = component_nlp(TEXT)
    doc._.published = "2024-03-05"
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (back,) = DocBin().from_bytes(data).get_docs(component_nlp.vocab)
    # msgpack gives arrays back as tuples; the data is the same
    assert json.dumps(back._.presslens_record) == json.dumps(doc._.presslens_record)
    assert back._.attributions == doc._.attributions
    assert back._.presslens.attributions == back._.attributions
    assert back._.published == "2024-03-05"
    for key in ("presslens_content", "presslens_cue", "presslens_source"):
        assert [(s.start, s.end, s.label_) for s in back.spans[key]] == \
               [(s.start, s.end, s.label_) for s in doc.spans[key]]
    # Doc.to_bytes takes the same path
    again = Doc(component_nlp.vocab).from_bytes(doc.to_bytes())
    assert again._.entities == doc._.entities


def test_records_are_plain_json_data(component_nlp):
    doc = component_nlp(TEXT)
    record = doc._.presslens_record
    assert json.loads(json.dumps(record)) == record
    assert "text" not in record  # the Doc holds the text
    assert record["attributions"][0]["source"]["name"] == "Ann Cole"


def test_displacy_span_style_shows_the_quotes(component_nlp):
    doc = component_nlp(TEXT)
    html = displacy.render(doc, style="span", options={"spans_key": "presslens_content"})
    assert "direct" in html and "indirect" in html
    for word in ("harbour", "bridge", "vote"):
        assert word in html


def test_a_doc_not_run_through_the_component_has_no_records(nlp):
    doc = nlp("Nothing here.")
    assert doc._.attributions is None and doc._.presslens is None
    assert "presslens_content" not in doc.spans


def test_quantities_and_claims_round_trip(component_nlp):
    import spacy

    full = spacy.load(MODEL_NAME)
    full.add_pipe("presslens", config={"extractors": ["attributions", "quantities", "claims"]})
    doc = full("The city spent 40 million dollars on the bridge last year, the mayor said. "
               "Unemployment rose to 7 percent in March, up from 5 percent.")
    (back,) = DocBin().from_bytes(DocBin(store_user_data=True, docs=[doc]).to_bytes()).get_docs(full.vocab)
    assert back._.presslens.quantities == doc._.presslens.quantities
    assert back._.claims == doc._.claims
    assert any(q.value == 40_000_000 or q.value == 40 for q in doc._.quantities)
