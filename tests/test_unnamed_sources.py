"""Issue 18: the learned second look at sources the rules leave unnamed (``speakers/unnamed.py``).
Each article is written for its test; the ``resolve`` fixture is in ``conftest.py``."""

from __future__ import annotations

import json

import numpy as np
import pytest

from presslens.extract.speakers.model import ModelFormatError
from presslens.extract.speakers.unnamed import UNNAMED_FEATURES, Option, UnnamedModel


def test_an_indefinite_description_takes_the_person_the_next_paragraph_names(resolve):
    text = (
        "Ransomware attack shuts city payment systems\n\n"
        "BALTIMORE — A ransomware attack has shut down the payment systems of the city for a third day.\n\n"
        "A city councilman said on Tuesday that the attack had already cost the city more than $1 million.\n\n"
        "Councilman Oren Falkowitz, who chairs the budget committee, said the city had refused to pay the ransom.\n\n"
        "Officials said the police were investigating."
    )
    rows = [(a.source.mention.text, a.source.mention.start, a.source.name, a.source.kind) for a in resolve(text)]
    assert rows == [
        ("A city councilman", text.index("A city councilman"), "Oren Falkowitz", "person"),
        ("Councilman Oren Falkowitz", text.index("Councilman Oren"), "Oren Falkowitz", "person"),
        # a plural generic source is nobody the article names
        ("Officials", text.index("Officials"), None, "group"),
    ]
    first = resolve(text)[0]
    assert 0.4 <= first.source.confidence <= 1.0  # the model's probability, not a rule's fixed prior


def _option(value: float) -> Option:
    row = np.zeros(len(UNNAMED_FEATURES), dtype=np.float32)
    row[0] = value
    return Option(node=object(), row=row)  # type: ignore[arg-type]


def test_the_best_option_is_named_only_at_or_above_the_threshold():
    weights = np.zeros(len(UNNAMED_FEATURES), dtype=np.float32)
    weights[0] = 4.0
    model = UnnamedModel(weights, -2.0, threshold=0.5, meta={})
    low, high = _option(0.0), _option(1.0)  # probabilities 0.12 and 0.88
    node, p = model.choose([low, high])
    assert node is high.node and p == pytest.approx(0.881, abs=0.001)
    node, p = model.choose([low])
    assert node is None and p == pytest.approx(0.119, abs=0.001)
    assert model.choose([]) == (None, 0.0)


def test_a_model_file_trained_on_other_features_is_refused(tmp_path):
    model = UnnamedModel(np.zeros(len(UNNAMED_FEATURES), dtype=np.float32), 0.0, 0.4, meta={})
    model.save(tmp_path)
    assert UnnamedModel.load(tmp_path).threshold == 0.4
    meta = json.loads((tmp_path / "unnamed-sources.json").read_text())
    meta["features"] = meta["features"][:-1]
    (tmp_path / "unnamed-sources.json").write_text(json.dumps(meta))
    with pytest.raises(ModelFormatError):
        UnnamedModel.load(tmp_path)
