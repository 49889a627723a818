import json

import pytest

from polybius.errors import ConfigError
from polybius.events.confidence import FEATURES, ConfidenceModel
from polybius.pipeline import extract_document
from polybius.records import Document


def test_bundled_model_is_fitted_and_bounded(resources, settings):
    model = ConfidenceModel.load()
    assert len(model.weights) == len(FEATURES)
    text = ("Russian forces shelled Kharkiv on Tuesday, killing three civilians, the governor "
            "said. Protesters marched in Kyiv on Wednesday.")
    events = extract_document(Document(id="c", text=text, published="2025-03-14"),
                              resources, settings)
    assert events
    for event in events:
        assert 0.0 < event.confidence < 1.0
        low, high = model.score(event, 0.1), model.score(event, 0.9)
        assert low < high  # more type certainty, more confidence


def test_model_fitted_on_other_features_is_refused(tmp_path):
    path = tmp_path / "conf.json"
    path.write_text(json.dumps({"features": ["raw"], "weights": [1.0], "bias": 0.0}))
    with pytest.raises(ConfigError, match="refit it with scripts/calibrate_confidence.py"):
        ConfidenceModel.load(path)


def test_untrained_model_is_the_identity(resources, settings):
    text = "Protesters marched peacefully in Buenos Aires on Wednesday."
    event = extract_document(Document(id="p", text=text), resources, settings)[0]
    assert ConfidenceModel().score(event, 0.42) == 0.42
