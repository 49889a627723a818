"""Typed records of the situation layer: one event from many reports, control, talks,
impacts and claims. ``to_json()`` gives the fields ``shared/EVENT-FORMAT.md`` lists under
"Situation records"; every record carries ``sources`` (``doc_id``, ``start``, ``end``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..records import (Actor, Attribution, Event, Fatalities, Place, Span, When,
                       stable_id)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A ``[start, end)`` span of one stored document that a situation record rests on."""

    doc_id: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "start": self.start, "end": self.end}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "SourceRef":
        return cls(str(data["doc_id"]), int(data["start"]), int(data["end"]))


def sources_json(sources: tuple[SourceRef, ...]) -> list[dict[str, Any]]:
    """Sources as JSON, each span once, in document then offset order."""
    unique = sorted(set(sources), key=lambda s: (s.doc_id, s.start, s.end))
    return [s.to_json() for s in unique]


@dataclass(frozen=True, slots=True)
class DocInfo:
    """What the situation stages need to know of a stored document."""

    doc_id: str
    text: str
    published: str | None = None  # ISO date (first 10 characters of the stored value)
    title: str | None = None


@dataclass(frozen=True, slots=True)
class ControlFact:
    """One report's statement that control of a place changed (or is fought over)."""

    doc_id: str
    place: str  # town, or the admin1 itself for region-level statements
    admin1: str | None
    country: str | None
    level: str  # "town" | "admin1"
    controller: str | None  # ACLED actor name of the side that controls the place after
    change: str  # gained | lost | contested
    actor: str | None  # the actor whose action it was (the loser for "lost")
    start_date: str | None
    end_date: str | None
    order: int  # within the report: earlier-narrated events (pluperfect) rank lower
    published: str | None
    evidence: SourceRef
    event_id: str | None = None
    attribution: str | None = None
    status: str = "occurred"

    @property
    def place_key(self) -> str:
        return place_key(self.country, self.admin1, self.place, self.level)

    @property
    def sort_date(self) -> str:
        """The date the change took effect, for ordering ("" when unknown)."""
        return self.end_date or self.start_date or self.published or ""


def place_key(country: str | None, admin1: str | None, place: str, level: str) -> str:
    """The identity of a controlled place: ``RUS|Kursk|Sudzha|town``."""
    return "|".join([country or "", admin1 or "", place.casefold(), level])


@dataclass(frozen=True, slots=True)
class ControlRecord:
    """Who controls a place as of a date, since when, and on which evidence."""

    place: str
    admin1: str | None
    country: str | None
    level: str
    controller: str | None
    change: str
    as_of: str | None
    since: str | None
    sources: tuple[SourceRef, ...]
    history: tuple[dict[str, Any], ...] = ()
    contested_by: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"place": self.place, "admin1": self.admin1, "country": self.country,
                "level": self.level, "controller": self.controller, "change": self.change,
                "as_of": self.as_of, "since": self.since,
                "contested_by": list(self.contested_by),
                "history": list(self.history), "sources": sources_json(self.sources)}


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One agenda topic of talks and the span that names it."""

    topic: str
    source: SourceRef


@dataclass(frozen=True, slots=True)
class TalksMention:
    """One report's statement about a meeting or negotiations."""

    doc_id: str
    participants: tuple[str, ...]
    status: str  # planned | held | postponed | cancelled
    start_date: str | None
    end_date: str | None
    place: str | None
    agenda: tuple[AgendaItem, ...]
    published: str | None
    evidence: SourceRef
    participant_spans: tuple[SourceRef, ...] = ()
    follow_up: bool = False  # "a follow-up round", "the next meeting": not talks already held


@dataclass(frozen=True, slots=True)
class TalksRecord:
    """Talks told by one or more reports; the latest report sets the status."""

    talks_id: str
    participants: tuple[str, ...]
    status: str
    start_date: str | None
    end_date: str | None
    place: str | None
    agenda: tuple[AgendaItem, ...]
    sources: tuple[SourceRef, ...]
    status_history: tuple[dict[str, Any], ...] = ()
    published: str | None = None  # when the latest report of these talks came out

    def to_json(self) -> dict[str, Any]:
        topics: list[str] = []
        for item in self.agenda:
            if item.topic not in topics:
                topics.append(item.topic)
        return {"talks_id": self.talks_id, "participants": list(self.participants),
                "status": self.status, "start_date": self.start_date,
                "end_date": self.end_date, "place": self.place, "agenda": topics,
                "agenda_spans": [{"topic": a.topic, **a.source.to_json()}
                                 for a in self.agenda],
                "status_history": list(self.status_history), "published": self.published,
                "sources": sources_json(self.sources)}


@dataclass(frozen=True, slots=True)
class ImpactRecord:
    """A humanitarian or economic impact with its figure, as one report states it."""

    kind: str  # humanitarian | economic
    what: str  # displacement, civilian deaths, injuries, refugees, aid access, energy prices...
    figure: float | int | None
    unit: str | None
    place: str | None
    admin1: str | None
    country: str | None
    date: str | None
    text: str  # the figure phrase, or the impact phrase when there is no figure
    sources: tuple[SourceRef, ...]

    @property
    def impact_id(self) -> str:
        first = self.sources[0]
        return stable_id("impact", first.doc_id, first.start, first.end, self.what)

    def to_json(self) -> dict[str, Any]:
        return {"impact_id": self.impact_id, "kind": self.kind, "what": self.what,
                "figure": self.figure, "unit": self.unit, "place": self.place,
                "admin1": self.admin1, "country": self.country, "date": self.date,
                "text": self.text, "sources": sources_json(self.sources)}


@dataclass(frozen=True, slots=True)
class ClaimVersion:
    """One source's version of a disputed point."""

    by: str | None  # who asserts it ("Russia's Defence Ministry", or the outlet)
    value: Any
    doc_id: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"by": self.by, "value": self.value, "doc_id": self.doc_id,
                "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """A point sources state, with every version; ``contested`` when versions differ."""

    claim_id: str
    claim: str
    topic: str  # fatalities | perpetrator | occurrence | control
    versions: tuple[ClaimVersion, ...]
    contested: bool
    subject: str = ""  # the cluster id or place key the claim is about

    @property
    def sources(self) -> tuple[SourceRef, ...]:
        return tuple(SourceRef(v.doc_id, v.start, v.end) for v in self.versions)

    @property
    def by(self) -> list[str]:
        names: list[str] = []
        for v in self.versions:
            if v.by and v.by not in names:
                names.append(v.by)
        return names

    def to_json(self) -> dict[str, Any]:
        return {"claim_id": self.claim_id, "claim": self.claim, "topic": self.topic,
                "by": self.by, "contested": self.contested,
                "versions": [v.to_json() for v in self.versions], "subject": self.subject,
                "sources": sources_json(self.sources)}


@dataclass(frozen=True, slots=True)
class ClusterRecord:
    """One event merged from several reports: every source document and span."""

    cluster_id: str
    event_ids: tuple[str, ...]
    sources: tuple[SourceRef, ...]
    summary: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"cluster_id": self.cluster_id, "event_ids": list(self.event_ids),
                "n_sources": len({s.doc_id for s in self.sources}), **self.summary,
                "sources": sources_json(self.sources)}


# -- stored event records back to typed events ----------------------------------------------

def _span_fields(data: dict[str, Any] | None) -> dict[str, Any]:
    data = data or {}
    return {"text": data.get("text"), "start": data.get("start"), "end": data.get("end")}


def event_from_record(record: dict[str, Any], doc_text: str = "") -> Event:
    """The typed :class:`Event` of a stored EVENT-FORMAT record (``events.record``).

    >>> rec = {"doc_id": "d", "event_id": "e", "event_type": "ASSAULT", "status": "occurred",
    ...        "evidence": {"start": 0, "end": 4}, "confidence": 0.5}
    >>> event_from_record(rec, "Boom.").evidence.text
    'Boom'
    """
    a1, a2 = record.get("actor1") or {}, record.get("actor2") or {}
    loc, when = record.get("location") or {}, record.get("date") or {}
    fat, attr = record.get("fatalities") or {}, record.get("attribution") or {}
    ev = record.get("evidence") or {"start": 0, "end": 0}
    trig = record.get("trigger")
    known = {"doc_id", "event_id", "event_type", "acled_event_type", "acled_sub_event_type",
             "status", "actor1", "actor2", "location", "date", "fatalities", "attribution",
             "evidence", "confidence", "trigger", "method"}
    return Event(
        doc_id=record["doc_id"], event_id=record["event_id"],
        event_type=record.get("event_type") or "", status=record.get("status") or "occurred",
        acled_event_type=record.get("acled_event_type"),
        acled_sub_event_type=record.get("acled_sub_event_type"),
        actor1=Actor(**_span_fields(a1), name=a1.get("name"), country=a1.get("country"),
                     kind=a1.get("kind"), reason=a1.get("reason")),
        actor2=Actor(**_span_fields(a2), name=a2.get("name"), country=a2.get("country"),
                     kind=a2.get("kind"), reason=a2.get("reason")),
        location=Place(**_span_fields(loc), name=loc.get("name"), admin1=loc.get("admin1"),
                       country=loc.get("country"), lat=loc.get("lat"), lon=loc.get("lon"),
                       geo_precision=loc.get("geo_precision"), geonameid=loc.get("geonameid"),
                       reason=loc.get("reason")),
        date=When(**_span_fields(when), start_date=when.get("start_date"),
                  end_date=when.get("end_date"), time_precision=when.get("time_precision"),
                  reason=when.get("reason")),
        fatalities=Fatalities(value=fat.get("value"), text=fat.get("text"),
                              start=fat.get("start"), end=fat.get("end"), low=fat.get("low"),
                              high=fat.get("high"), qualifier=fat.get("qualifier"),
                              attributed_to=fat.get("attributed_to")),
        attribution=Attribution(**_span_fields(attr), source=attr.get("source")),
        evidence=Span.of(doc_text, ev["start"], ev["end"]) if doc_text
        else Span(ev["start"], ev["end"], ""),
        confidence=float(record.get("confidence") or 0.0),
        trigger=Span(trig["start"], trig["end"], trig.get("text") or "") if trig else None,
        method=record.get("method") or "",
        extras={k: v for k, v in record.items() if k not in known})
