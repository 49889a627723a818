"""ACLED mode of ``polybius eval``: accuracy per field against real ACLED rows.

Each ACLED row's ``notes`` paragraph is a document; the prediction for a row is the note's
lead event (:func:`lead_record`): ACLED notes tell their event first and add context after.
Every row counts: a row with no predicted event is wrong for every field.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Protocol, Sequence

from .evaluate_report import failure_lines
from .evaluate_score import COORD_TOLERANCE_KM, haversine_km, names_agree


class AcledRowLike(Protocol):
    """The attributes of ``polybius.acled.AcledRow`` that scoring reads."""

    event_id_cnty: str
    event_date: Any
    event_type: str
    sub_event_type: str
    actor1: str
    admin1: str
    location: str
    latitude: Any
    longitude: Any
    fatalities: Any


@dataclass(frozen=True, slots=True)
class AccuracyScore:
    field: str
    n_correct: int
    n_rows: int

    @property
    def accuracy(self) -> float:
        return self.n_correct / self.n_rows if self.n_rows else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"correct": self.n_correct, "rows": self.n_rows,
                "accuracy": round(self.accuracy, 4)}


@dataclass(frozen=True, slots=True)
class AcledBaseline:
    field: str
    majority: str | None
    score: AccuracyScore

    def to_json(self) -> dict[str, Any]:
        return {"majority": self.majority, **self.score.to_json()}


ACLED_LABELS: dict[str, str] = {
    "event_type": "event type", "sub_event_type": "sub-event type",
    "actor1": "actor1 name", "admin1": "admin1", "location": "location name",
    "coordinates_25km": "coordinates <=25 km", "date": "date exact",
    "fatalities": "fatalities exact",
}


@dataclass(frozen=True, slots=True)
class AcledReport:
    """What :func:`score_acled` returns; ``fields`` follow ``ACLED_LABELS`` order."""

    n_rows: int
    n_with_event: int
    fields: tuple[AccuracyScore, ...]
    baselines: tuple[AcledBaseline, ...]
    split: str | None = None
    n_failed: int = 0
    failure_reasons: tuple[str, ...] = ()

    def field(self, name: str) -> AccuracyScore:
        for item in self.fields:
            if item.field == name:
                return item
        raise KeyError(f"no field {name!r}; fields: {', '.join(f.field for f in self.fields)}")

    def to_json(self) -> dict[str, Any]:
        return {"rows": self.n_rows, "rows_with_event": self.n_with_event,
                "split": self.split, "failed_documents": self.n_failed,
                "failures": list(self.failure_reasons),
                "fields": {f.field: f.to_json() for f in self.fields},
                "baselines": {b.field: b.to_json() for b in self.baselines}}

    def to_table(self) -> str:
        lines = [f"{self.n_rows} ACLED rows" + (f" ({self.split} split)" if self.split else "")
                 + f", {self.n_with_event} with a predicted event"
                 + (f", {self.n_failed} notes failed" if self.n_failed else ""),
                 *failure_lines(self.failure_reasons), ""]
        head = f"{'field':<24}{'right':>7}{'rows':>7}{'accuracy':>10}"
        lines += [head, "-" * len(head)]
        for f in self.fields:
            lines.append(f"{ACLED_LABELS[f.field]:<24}{f.n_correct:>7}{f.n_rows:>7}"
                         f"{f.accuracy:>10.3f}")
        lines += ["", "Majority-class baseline (most frequent value on these rows)"]
        for b in self.baselines:
            lines.append(f"{ACLED_LABELS[b.field]:<24}{str(b.majority):<34}"
                         f"accuracy {b.score.accuracy:.3f}")
        return "\n".join(lines)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _float(value: Any) -> float | None:
    try:
        return None if value is None or value == "" else float(value)
    except (TypeError, ValueError):
        return None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, Mapping):
        value = value.get("value")
    try:
        return None if value is None or value == "" else int(float(value))
    except (TypeError, ValueError):
        return None


def _sub(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, Mapping) else None


def _same_name(pred: Any, gold: Any) -> bool:
    p, g = _text(pred), _text(gold)
    return p is not None and g is not None and names_agree(p, g)


def _coords_ok(pred: Mapping[str, Any], row: AcledRowLike) -> bool:
    loc = pred.get("location")
    lat, lon = _float(_sub(loc, "lat")), _float(_sub(loc, "lon"))
    glat, glon = _float(row.latitude), _float(row.longitude)
    if None in (lat, lon, glat, glon):
        return False
    return haversine_km(lat, lon, glat, glon) <= COORD_TOLERANCE_KM


def _date_ok(pred: Mapping[str, Any], row: AcledRowLike) -> bool:
    start = _text(_sub(pred.get("date"), "start_date"))
    gold = _text(row.event_date)
    return start is not None and gold is not None and start[:10] == gold[:10]


def _fatalities_ok(pred: Mapping[str, Any], row: AcledRowLike) -> bool:
    value = _int(pred.get("fatalities"))
    return (0 if value is None else value) == (_int(row.fatalities) or 0)


ACLED_RULES: tuple[tuple[str, Callable[[Mapping[str, Any], AcledRowLike], bool]], ...] = (
    ("event_type", lambda p, r: _text(p.get("acled_event_type")) == _text(r.event_type)
     and _text(r.event_type) is not None),
    ("sub_event_type", lambda p, r: _text(p.get("acled_sub_event_type"))
     == _text(r.sub_event_type) and _text(r.sub_event_type) is not None),
    ("actor1", lambda p, r: _same_name(_sub(p.get("actor1"), "name"), r.actor1)),
    ("admin1", lambda p, r: _same_name(_sub(p.get("location"), "admin1"), r.admin1)),
    ("location", lambda p, r: _same_name(_sub(p.get("location"), "name"), r.location)),
    ("coordinates_25km", _coords_ok),
    ("date", _date_ok),
    ("fatalities", _fatalities_ok),
)


HAPPENED = frozenset({"occurred", "ongoing"})


def lead_record(records: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The lead event of one document's records: among events ACLED codes (any event when
    none has an ACLED type) that happened (any when none did), those told in the earliest
    sentence, the most confident.

    >>> lead_record([{"acled_event_type": None, "evidence": {"start": 0}, "confidence": 0.9},
    ...              {"acled_event_type": "Protests", "evidence": {"start": 40},
    ...               "confidence": 0.5}])["acled_event_type"]
    'Protests'
    """
    if not records:
        return None
    pool = [r for r in records if r.get("acled_event_type")] or list(records)
    pool = [r for r in pool if r.get("status") in HAPPENED] or pool  # ACLED codes what happened
    first = min(_sub(r.get("evidence"), "start") or 0 for r in pool)
    return max((r for r in pool if (_sub(r.get("evidence"), "start") or 0) == first),
               key=lambda r: r.get("confidence") or 0.0)


def score_acled(rows: Sequence[AcledRowLike],
                predicted_by_row: Mapping[str, Mapping[str, Any] | None], *,
                split: str | None = None, n_failed: int = 0,
                failure_reasons: tuple[str, ...] = ()) -> AcledReport:
    """Accuracy per field over every row; ``predicted_by_row`` maps ``event_id_cnty`` to the
    row's one predicted EVENT-FORMAT record (or None).

    >>> report = score_acled(rows, {"ARG1": {"acled_event_type": "Protests", ...}})  # doctest: +SKIP
    >>> report.field("event_type").accuracy  # doctest: +SKIP
    1.0
    """
    correct = {name: 0 for name, _ in ACLED_RULES}
    with_event = 0
    for row in rows:
        pred = predicted_by_row.get(row.event_id_cnty)
        if not isinstance(pred, Mapping):
            continue
        with_event += 1
        for name, rule in ACLED_RULES:
            correct[name] += bool(rule(pred, row))
    n = len(rows)
    fields = tuple(AccuracyScore(name, correct[name], n) for name, _ in ACLED_RULES)
    baselines = []
    for name, attr in (("event_type", "event_type"), ("sub_event_type", "sub_event_type")):
        values = Counter(_text(getattr(row, attr)) for row in rows)
        values.pop(None, None)
        if not values:
            baselines.append(AcledBaseline(name, None, AccuracyScore(name, 0, n)))
            continue
        majority, count = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        baselines.append(AcledBaseline(name, majority, AccuracyScore(name, count, n)))
    return AcledReport(n_rows=n, n_with_event=with_event, fields=fields,
                       baselines=tuple(baselines), split=split, n_failed=n_failed,
                       failure_reasons=failure_reasons)
