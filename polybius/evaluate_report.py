"""Result records of ``polybius eval``: per-field scores, reliability bins, baselines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FIELD_LABELS: dict[str, str] = {
    "event": "event detection",
    "event_type": "PLOVER type",
    "acled_event_type": "ACLED type",
    "acled_sub_event_type": "ACLED sub-type",
    "status": "status",
    "actor1_name": "actor1 name",
    "actor1_country": "actor1 country",
    "actor2_name": "actor2 name",
    "actor2_country": "actor2 country",
    "location_name": "location name",
    "admin1": "admin1",
    "country": "country",
    "coordinates_25km": "coordinates <=25 km",
    "date": "date (start and end)",
    "time_precision": "time_precision",
    "fatalities": "fatalities",
    "attribution": "attribution (overlap)",
}


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def failure_lines(reasons: tuple[str, ...], limit: int = 5) -> list[str]:
    """Up to ``limit`` failure reasons for a table, then how many more there were."""
    lines = [f"  failed {reason}" for reason in reasons[:limit]]
    if len(reasons) > limit:
        lines.append(f"  ... and {len(reasons) - limit} more failed documents")
    return lines


def _fmt(value: float | None) -> str:
    return "   -" if value is None else f"{value:.3f}"


@dataclass(frozen=True, slots=True)
class FieldScore:
    """Counts for one field; precision/recall/F1 are 0.0 when their denominator is 0."""

    field: str
    n_gold: int
    n_predicted: int
    n_correct: int

    @property
    def precision(self) -> float:
        return _ratio(self.n_correct, self.n_predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.n_correct, self.n_gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"gold": self.n_gold, "predicted": self.n_predicted, "correct": self.n_correct,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass(frozen=True, slots=True)
class ReliabilityBin:
    """Predicted events with confidence in ``[low, high)`` (the last bin includes 1.0)."""

    low: float
    high: float
    n_predicted: int
    n_right: int  # matched a gold event with the same PLOVER type
    mean_confidence: float | None

    @property
    def share_right(self) -> float | None:
        return self.n_right / self.n_predicted if self.n_predicted else None

    def to_json(self) -> dict[str, Any]:
        share = self.share_right
        return {"low": self.low, "high": self.high, "predicted": self.n_predicted,
                "right": self.n_right,
                "share_right": None if share is None else round(share, 4),
                "mean_confidence": (None if self.mean_confidence is None
                                    else round(self.mean_confidence, 4))}


@dataclass(frozen=True, slots=True)
class Baseline:
    """Majority-class baseline for one type field: ``majority`` predicted for every gold event."""

    field: str
    majority: str | None
    score: FieldScore

    def to_json(self) -> dict[str, Any]:
        return {"majority": self.majority, **self.score.to_json()}


@dataclass(frozen=True, slots=True)
class EvalReport:
    """What :func:`polybius.evaluate.score` returns."""

    n_documents: int
    n_gold: int
    n_predicted: int
    n_matched: int
    fields: tuple[FieldScore, ...]
    reliability: tuple[ReliabilityBin, ...]
    baselines: tuple[Baseline, ...]
    n_ignored: int = 0  # predicted events whose doc_id is not a gold document
    n_failed: int = 0  # gold documents the extractor reported as failures
    failure_reasons: tuple[str, ...] = ()  # "doc_id: reason", one per failed document

    def field(self, name: str) -> FieldScore:
        """The score of one field by key, e.g. ``"event"``, ``"actor1_name"``."""
        for item in self.fields:
            if item.field == name:
                return item
        raise KeyError(f"no field {name!r}; fields: {', '.join(f.field for f in self.fields)}")

    def baseline(self, name: str) -> Baseline:
        for item in self.baselines:
            if item.field == name:
                return item
        raise KeyError(f"no baseline for {name!r}")

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.n_documents, "gold_events": self.n_gold,
            "predicted_events": self.n_predicted, "matched": self.n_matched,
            "ignored_predictions": self.n_ignored, "failed_documents": self.n_failed,
            "failures": list(self.failure_reasons),
            "fields": {f.field: f.to_json() for f in self.fields},
            "reliability": [b.to_json() for b in self.reliability],
            "baselines": {b.field: b.to_json() for b in self.baselines},
        }

    def to_table(self) -> str:
        lines = [f"{self.n_documents} documents, {self.n_gold} gold events, "
                 f"{self.n_predicted} predicted, {self.n_matched} matched"
                 + (f", {self.n_failed} documents failed" if self.n_failed else "")
                 + (f", {self.n_ignored} predictions for unknown documents ignored"
                    if self.n_ignored else ""), *failure_lines(self.failure_reasons), ""]
        head = f"{'field':<24}{'gold':>6}{'pred':>6}{'right':>7}{'P':>8}{'R':>8}{'F1':>8}"
        lines += [head, "-" * len(head)]
        for f in self.fields:
            lines.append(f"{FIELD_LABELS.get(f.field, f.field):<24}{f.n_gold:>6}"
                         f"{f.n_predicted:>6}{f.n_correct:>7}{f.precision:>8.3f}"
                         f"{f.recall:>8.3f}{f.f1:>8.3f}")
        lines += ["", "Majority-class baseline (every gold event found, most frequent value)"]
        for b in self.baselines:
            s = b.score
            lines.append(f"{FIELD_LABELS[b.field]:<24}{str(b.majority):<34}P {s.precision:.3f}"
                         f"  R {s.recall:.3f}  F1 {s.f1:.3f}")
        lines += ["", "Reliability: share of predicted events matching a gold event of the "
                  "same PLOVER type", f"{'confidence':<14}{'pred':>6}{'right':>7}"
                  f"{'share':>8}{'mean conf':>11}"]
        for b in self.reliability:
            lines.append(f"{b.low:.1f}-{b.high:.1f}{'':<7}{b.n_predicted:>6}{b.n_right:>7}"
                         f"{_fmt(b.share_right):>8}{_fmt(b.mean_confidence):>11}")
        return "\n".join(lines)
