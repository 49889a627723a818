"""Scoring predicted event records (``EVENT-FORMAT.md`` JSON) against gold documents.

Matching: within a document, a predicted event and a gold event are candidates when the
predicted ``evidence`` span overlaps the gold evidence span (the unique position of
``evidence_text``). Pairs are taken greedily, largest overlap first, then those whose PLOVER
types agree, each gold and each predicted event used at most once.

Per field, over matched and unmatched events alike: a field counts as *predicted* when the
prediction gives a non-null value, as *gold* when the gold event has a non-null value, and as
*correct* when a matched pair has both and they agree. Precision = correct / predicted,
recall = correct / gold.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

from .errors import InputError
from .evaluate_gold import GoldDocument, GoldEvent
from .evaluate_report import Baseline, EvalReport, FieldScore, ReliabilityBin

COORD_TOLERANCE_KM = 25.0
CONFIDENCE_EDGES = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
_REGIME_SUFFIX = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)\s*$")
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc\u02bb`]")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres.

    >>> round(haversine_km(50.45, 30.52, 49.99, 36.23))  # Kyiv - Kharkiv
    409
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def normalize_name(name: str) -> str:
    """Case-, accent-, apostrophe-, hyphen- and space-insensitive form, without a trailing
    regime suffix such as ``(2000-)`` or ``(2017-2022)``.

    >>> normalize_name("Military Forces of Russia (2000-)")
    'military forces of russia'
    >>> normalize_name("  Bogotá "), normalize_name("Chornomors’k"), normalize_name("Port-au-Prince")
    ('bogota', 'chornomorsk', 'port au prince')
    """
    text = _REGIME_SUFFIX.sub("", name)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text).replace("-", " ")
    return " ".join(text.casefold().split())


def names_agree(a: str, b: str) -> bool:
    """True when two names are equal up to case, accents, spacing and a regime suffix.

    >>> names_agree("Military Forces of Ukraine (2019-)", "military forces of ukraine")
    True
    """
    return normalize_name(a) == normalize_name(b)


@dataclass(frozen=True, slots=True)
class Prediction:
    """The fields of one predicted event record that scoring reads."""

    doc_id: str
    start: int
    end: int
    values: Mapping[str, Any]
    confidence: float | None
    index: int


def _get(obj: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(obj, Mapping):
            return None
        obj = obj.get(key)
    return obj


def _coords(obj: Any) -> tuple[float, float] | None:
    lat, lon = _get(obj, "lat"), _get(obj, "lon")
    if lat is None or lon is None:
        return None
    try:
        return float(lat), float(lon)
    except (TypeError, ValueError):
        return None


def _pred_fatalities(value: Any) -> int | None:
    if isinstance(value, Mapping):
        value = value.get("value")
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _pred_attribution(value: Any, text: str) -> tuple[int, int] | None:
    """The attribution span: its offsets when they are valid, else its text found in ``text``."""
    if not isinstance(value, Mapping) or not value.get("text"):
        return None
    start, end, said = value.get("start"), value.get("end"), value["text"]
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        return start, end
    found = text.find(said)
    return (found, found + len(said)) if found >= 0 else (-1, -1)


def _date_pair(obj: Any) -> tuple[str, str] | None:
    start = _get(obj, "start_date")
    if start is None:
        return None
    return str(start)[:10], str(_get(obj, "end_date") or start)[:10]


def parse_prediction(record: Any, index: int, doc_text: str | None) -> Prediction:
    """Read the scored fields of one EVENT-FORMAT record; InputError names the record."""
    where = f"prediction {index}"
    if not isinstance(record, Mapping):
        raise InputError(f"{where}: expected a JSON object, got {type(record).__name__}")
    doc_id = record.get("doc_id")
    if not isinstance(doc_id, str):
        raise InputError(f"{where}: 'doc_id' must be a string")
    start, end = _get(record, "evidence", "start"), _get(record, "evidence", "end")
    if not isinstance(start, int) or not isinstance(end, int) or end < start:
        raise InputError(f"{where} (doc {doc_id}): 'evidence' must be "
                         "{\"start\": int, \"end\": int} with start <= end")
    confidence = record.get("confidence")
    if confidence is not None and not isinstance(confidence, (int, float)):
        raise InputError(f"{where} (doc {doc_id}): 'confidence' must be a number")
    loc = record.get("location")
    values = {
        "event_type": record.get("event_type"),
        "acled_event_type": record.get("acled_event_type"),
        "acled_sub_event_type": record.get("acled_sub_event_type"),
        "status": record.get("status"),
        "actor1_name": _get(record, "actor1", "name"),
        "actor1_country": _get(record, "actor1", "country"),
        "actor2_name": _get(record, "actor2", "name"),
        "actor2_country": _get(record, "actor2", "country"),
        "location_name": _get(loc, "name"),
        "admin1": _get(loc, "admin1"),
        "country": _get(loc, "country"),
        "coordinates_25km": _coords(loc),
        "date": _date_pair(record.get("date")),
        "time_precision": _get(record, "date", "time_precision"),
        "fatalities": _pred_fatalities(record.get("fatalities")),
        "attribution": _pred_attribution(record.get("attribution"), doc_text or ""),
    }
    return Prediction(doc_id=doc_id, start=start, end=end, values=values,
                      confidence=None if confidence is None else float(confidence), index=index)


def gold_values(ev: GoldEvent) -> dict[str, Any]:
    """The gold event's value for every scored field (``None`` when not annotated)."""
    loc = ev.location
    return {
        "event_type": ev.event_type,
        "acled_event_type": ev.acled_event_type,
        "acled_sub_event_type": ev.acled_sub_event_type,
        "status": ev.status,
        "actor1_name": ev.actor1.name if ev.actor1 else None,
        "actor1_country": ev.actor1.country if ev.actor1 else None,
        "actor2_name": ev.actor2.name if ev.actor2 else None,
        "actor2_country": ev.actor2.country if ev.actor2 else None,
        "location_name": loc.name if loc else None,
        "admin1": loc.admin1 if loc else None,
        "country": loc.country if loc else None,
        "coordinates_25km": (loc.lat, loc.lon) if loc else None,
        "date": (ev.date.start_date, ev.date.end_date) if ev.date else None,
        "time_precision": ev.date.time_precision if ev.date else None,
        "fatalities": ev.fatalities,
        "attribution": (None if ev.attribution_start is None
                        else (ev.attribution_start, ev.attribution_end)),
    }


def _same(a: Any, b: Any) -> bool:
    return a == b


def _same_text(a: Any, b: Any) -> bool:
    return isinstance(a, str) and isinstance(b, str) and names_agree(a, b)


def _same_code(a: Any, b: Any) -> bool:
    return isinstance(a, str) and isinstance(b, str) and a.strip().upper() == b.strip().upper()


def _near(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return haversine_km(a[0], a[1], b[0], b[1]) <= COORD_TOLERANCE_KM


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


FIELD_RULES: tuple[tuple[str, Callable[[Any, Any], bool]], ...] = (
    ("event_type", _same), ("acled_event_type", _same), ("acled_sub_event_type", _same),
    ("status", _same), ("actor1_name", _same_text), ("actor1_country", _same_code),
    ("actor2_name", _same_text), ("actor2_country", _same_code),
    ("location_name", _same_text), ("admin1", _same_text), ("country", _same_code),
    ("coordinates_25km", _near), ("date", _same), ("time_precision", _same),
    ("fatalities", _same), ("attribution", _overlap),
)
TYPE_FIELDS = ("event_type", "acled_event_type", "acled_sub_event_type")


def match_events(gold: tuple[GoldEvent, ...],
                 predicted: list[Prediction]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs: greedy by overlap, then type
    agreement, then place agreement (one sentence may tell the same protest in three
    towns: each prediction pairs with its own town's gold event)."""
    candidates = []
    for gi, g in enumerate(gold):
        place = gold_values(g).get("location_name")
        for pi, p in enumerate(predicted):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                agree = p.values.get("event_type") == g.event_type
                here = place is not None and _same_text(p.values.get("location_name"), place)
                candidates.append((-overlap, not agree, not here, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for *_, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def score(gold: list[GoldDocument], predicted: Iterable[Mapping[str, Any]], *,
          n_failed: int = 0, failure_reasons: tuple[str, ...] = ()) -> EvalReport:
    """Score EVENT-FORMAT records against gold documents.

    >>> report = score(load_gold("tests/data/gold/dev.jsonl"), [])  # doctest: +SKIP
    >>> report.field("event").recall  # doctest: +SKIP
    0.0

    Predictions whose ``doc_id`` is not a gold document are counted in ``n_ignored``.
    """
    texts = {doc.id: doc.text for doc in gold}
    by_doc: dict[str, list[Prediction]] = {doc.id: [] for doc in gold}
    n_ignored = 0
    for index, record in enumerate(predicted, start=1):
        doc_id = record.get("doc_id") if isinstance(record, Mapping) else None
        pred = parse_prediction(record, index, texts.get(doc_id) if isinstance(doc_id, str)
                                else None)
        if pred.doc_id in by_doc:
            by_doc[pred.doc_id].append(pred)
        else:
            n_ignored += 1
    n_gold = n_pred = n_matched = 0
    counts = {name: [0, 0, 0] for name, _ in FIELD_RULES}  # gold, predicted, correct
    scored: list[tuple[float | None, bool]] = []
    for doc in gold:
        preds = by_doc[doc.id]
        pairs = match_events(doc.events, preds)
        matched_pred = {pi: gi for gi, pi in pairs}
        golds = [gold_values(ev) for ev in doc.events]
        n_gold += len(doc.events)
        n_pred += len(preds)
        n_matched += len(pairs)
        for g in golds:
            for name, _ in FIELD_RULES:
                counts[name][0] += g[name] is not None
        for pi, p in enumerate(preds):
            gi = matched_pred.get(pi)
            for name, agree in FIELD_RULES:
                value = p.values[name]
                if value is None:
                    continue
                counts[name][1] += 1
                if gi is not None and golds[gi][name] is not None and agree(value, golds[gi][name]):
                    counts[name][2] += 1
            right = gi is not None and p.values["event_type"] == doc.events[gi].event_type
            scored.append((p.confidence, right))
    fields = (FieldScore("event", n_gold, n_pred, n_matched),) + tuple(
        FieldScore(name, *counts[name]) for name, _ in FIELD_RULES)
    return EvalReport(n_documents=len(gold), n_gold=n_gold, n_predicted=n_pred,
                      n_matched=n_matched, fields=fields, reliability=reliability_bins(scored),
                      baselines=majority_baselines(gold), n_ignored=n_ignored,
                      n_failed=n_failed, failure_reasons=failure_reasons)


def reliability_bins(scored: Iterable[tuple[float | None, bool]],
                     edges: tuple[float, ...] = CONFIDENCE_EDGES) -> tuple[ReliabilityBin, ...]:
    """Per confidence bin: how many predictions, and how many matched with the right type."""
    n = len(edges) - 1
    totals, rights, sums = [0] * n, [0] * n, [0.0] * n
    for confidence, right in scored:
        if confidence is None:
            continue
        idx = 0
        while idx < n - 1 and confidence >= edges[idx + 1]:
            idx += 1
        totals[idx] += 1
        rights[idx] += right
        sums[idx] += confidence
    return tuple(ReliabilityBin(edges[i], edges[i + 1], totals[i], rights[i],
                                sums[i] / totals[i] if totals[i] else None) for i in range(n))


def majority_baselines(gold: list[GoldDocument]) -> tuple[Baseline, ...]:
    """Every gold event found (perfect detection) and given the most frequent gold value."""
    events = [ev for doc in gold for ev in doc.events]
    out = []
    for name in TYPE_FIELDS:
        values = Counter(getattr(ev, name) for ev in events if getattr(ev, name) is not None)
        if not values:
            out.append(Baseline(name, None, FieldScore(name, 0, 0, 0)))
            continue
        majority = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        out.append(Baseline(name, majority, FieldScore(
            name, sum(values.values()), len(events), values[majority])))
    return tuple(out)
