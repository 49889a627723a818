"""Calibrated event confidence: a small logistic model over what the extractor knows.

The raw score (type probability discounted for missing arguments) is not a probability
of being right. ``ConfidenceModel`` maps it, with the event's other evidence, to the share
of such events that match a gold event of the same type: fitted on the development gold
set only (``scripts/calibrate_confidence.py``), never on the test set.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources as importlib_resources
from pathlib import Path

from ..errors import ConfigError
from ..records import Event

FEATURES = ("raw", "actor1", "actor2", "location", "date_text", "fatalities", "attribution",
            "mentions", "status_occurred", "status_planned", "assault", "consult", "protest",
            "rule", "first_paragraph")
DEFAULT_FILE = "confidence.v1.json"


def event_features(event: Event, raw: float) -> list[float]:
    """The calibration features of one event (same order as ``FEATURES``)."""
    return [
        raw,
        float(event.actor1.name is not None),
        float(event.actor2.name is not None),
        float(event.location.name is not None),
        float(event.date.text is not None),
        float(event.fatalities.value is not None),
        float(event.attribution.text is not None),
        math.log1p(len(event.extras.get("mentions", ())) or 1),
        float(event.status == "occurred"),
        float(event.status == "planned"),
        float(event.event_type == "ASSAULT"),
        float(event.event_type == "CONSULT"),
        float(event.event_type == "PROTEST"),
        float("rule" in event.method),
        float(event.evidence.start < 600),
    ]


@dataclass(frozen=True, slots=True)
class ConfidenceModel:
    """``sigmoid(bias + weights · features)``; the identity on ``raw`` when untrained."""

    weights: tuple[float, ...] = ()
    bias: float = 0.0

    @classmethod
    def load(cls, path: str | Path | None = None) -> "ConfidenceModel":
        if path is None:
            ref = importlib_resources.files("polybius.data").joinpath(DEFAULT_FILE)
            if not ref.is_file():
                return cls()
            text = ref.read_text()
        else:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError as exc:
                raise ConfigError(f"cannot read confidence model {path}: {exc}") from exc
        data = json.loads(text)
        if tuple(data["features"]) != FEATURES:
            raise ConfigError(f"confidence model {path or DEFAULT_FILE} was fitted on other "
                              f"features; refit it with scripts/calibrate_confidence.py")
        return cls(tuple(data["weights"]), float(data["bias"]))

    def score(self, event: Event, raw: float) -> float:
        if not self.weights:
            return raw
        z = self.bias + sum(w * x for w, x in zip(self.weights, event_features(event, raw)))
        return 1.0 / (1.0 + math.exp(-z))

    def to_json(self) -> dict:
        return {"features": list(FEATURES), "weights": list(self.weights), "bias": self.bias}
