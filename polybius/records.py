"""Typed records passed between pipeline stages.

Every extracted value carries the ``[start, end)`` character span of the text it came
from (offsets into ``Document.text`` exactly as stored), or ``None`` plus a ``reason``.
``to_json()`` methods produce the field names fixed by ``shared/EVENT-FORMAT.md``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any


def content_hash(text: str) -> str:
    """SHA-256 hex digest of the UTF-8 text: the identity of a document's content.

    >>> content_hash("abc")[:12]
    'ba7816bf8f01'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stable_id(*parts: Any, length: int = 16) -> str:
    """A short hash of ``parts``: the same input always gives the same id."""
    raw = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class Document:
    """One report. ``text`` is untrusted and never modified once offsets exist."""

    id: str
    text: str
    published: str | None = None  # ISO 8601 date or datetime
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = None  # where it was read from: "path", "path:line", "stdin:3"
    content_hash: str = ""

    def __post_init__(self) -> None:
        if not self.content_hash:
            object.__setattr__(self, "content_hash", content_hash(self.text))


@dataclass(frozen=True, slots=True)
class Failure:
    """A document (or input unit) that could not be processed, and why."""

    origin: str
    reason: str
    doc_id: str | None = None
    stage: str = "ingest"  # ingest | extract
    content_hash: str | None = None

    @property
    def failure_id(self) -> str:
        return stable_id(self.origin, self.doc_id, self.stage, self.reason, self.content_hash)


@dataclass(frozen=True, slots=True)
class Span:
    """A ``[start, end)`` slice of a document's text."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, doc_text: str, start: int, end: int) -> "Span":
        return cls(start, end, doc_text[start:end])


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor mention resolved to ACLED naming. Unknown actor: text/name None + reason."""

    text: str | None = None
    start: int | None = None
    end: int | None = None
    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    kind: str | None = None  # state_forces, rebels, police, protesters, civilians, government, io, ...
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = {"text": self.text, "start": self.start, "end": self.end,
               "name": self.name, "country": self.country}
        if self.kind:
            out["kind"] = self.kind
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place. ``geo_precision``: 1 town, 2 near a town / part of region, 3 region."""

    text: str | None = None
    start: int | None = None
    end: int | None = None
    name: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    geonameid: int | None = None
    feature: str | None = None  # city | admin1 | country
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = {"text": self.text, "start": self.start, "end": self.end, "name": self.name,
               "admin1": self.admin1, "country": self.country, "lat": self.lat,
               "lon": self.lon, "geo_precision": self.geo_precision,
               "geonameid": self.geonameid}
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass(frozen=True, slots=True)
class When:
    """A date range. ``time_precision``: 1 day, 2 week / few days, 3 month or vaguer."""

    text: str | None = None
    start: int | None = None
    end: int | None = None
    start_date: str | None = None  # ISO date
    end_date: str | None = None
    time_precision: int | None = None
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = {"text": self.text, "start": self.start, "end": self.end,
               "start_date": self.start_date, "end_date": self.end_date,
               "time_precision": self.time_precision}
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass(frozen=True, slots=True)
class Fatalities:
    """A reported death toll. ``value`` None when the text gives no number."""

    value: int | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None
    low: int | None = None
    high: int | None = None
    qualifier: str | None = None  # "at least", "up to", "about", "range"
    attributed_to: str | None = None
    reason: str | None = None
    #: contested figures, each with its source ("Russia said 50 died; Ukraine said 10"),
    #: kept apart; ``value`` is the lowest (ACLED's rule). Empty when uncontested.
    claims: tuple["Fatalities", ...] = ()

    def to_json(self) -> dict[str, Any] | None:
        if self.value is None:
            return None
        out: dict[str, Any] = {"value": self.value, "text": self.text,
                               "start": self.start, "end": self.end}
        for key in ("low", "high", "qualifier", "attributed_to"):
            val = getattr(self, key)
            if val is not None:
                out[key] = val
        if self.claims:
            out["claims"] = [claim.to_json() for claim in self.claims]
        return out


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who says so: "according to the governor", "the ministry said"."""

    text: str | None = None
    start: int | None = None
    end: int | None = None
    source: str | None = None  # the attributed speaker, e.g. "the governor"

    def to_json(self) -> dict[str, Any] | None:
        if self.text is None:
            return None
        out: dict[str, Any] = {"text": self.text, "start": self.start, "end": self.end}
        if self.source:
            out["source"] = self.source
        return out


@dataclass(frozen=True, slots=True)
class EventMention:
    """A candidate event found in one sentence, before typing and argument resolution."""

    doc_id: str
    sentence: Span
    trigger: Span
    lemma: str  # trigger lemma or key phrase, e.g. "retake", "talks"
    sent_index: int = 0
    #: told as an event already known: "definite" ("the attack"), "toll" ("at least 100
    #: people were killed"); None for a new event
    refers_back: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A fully resolved event: the record ``polybius extract`` writes."""

    doc_id: str
    event_id: str
    event_type: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    status: str
    actor1: Actor
    actor2: Actor
    location: Place
    date: When
    fatalities: Fatalities
    attribution: Attribution
    evidence: Span
    confidence: float
    trigger: Span | None = None
    method: str = ""
    extras: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "doc_id": self.doc_id,
            "event_id": self.event_id,
            "event_type": self.event_type,
            "acled_event_type": self.acled_event_type,
            "acled_sub_event_type": self.acled_sub_event_type,
            "status": self.status,
            "actor1": self.actor1.to_json(),
            "actor2": self.actor2.to_json(),
            "location": self.location.to_json(),
            "date": self.date.to_json(),
            "fatalities": self.fatalities.to_json(),
            "attribution": self.attribution.to_json(),
            "evidence": {"start": self.evidence.start, "end": self.evidence.end},
            "confidence": round(self.confidence, 3),
        }
        if self.trigger is not None:
            out["trigger"] = {"text": self.trigger.text, "start": self.trigger.start,
                              "end": self.trigger.end}
        if self.method:
            out["method"] = self.method
        if self.extras:
            out.update(self.extras)
        return out


@dataclass(frozen=True, slots=True)
class DocResult:
    """What the pipeline yields per input document: its events, or a failure."""

    document: Document | None
    events: tuple[Event, ...] = ()
    failure: Failure | None = None
