"""Pydantic response models of the REST API (the OpenAPI schema is generated from them)."""

from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class SpanOut(_Open):
    text: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None


class ActorOut(SpanOut):
    name: Optional[str] = None
    country: Optional[str] = Field(None, description="ISO 3166-1 alpha-3")
    reason: Optional[str] = None


class PlaceOut(SpanOut):
    name: Optional[str] = None
    admin1: Optional[str] = None
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    geo_precision: Optional[int] = None
    geonameid: Optional[int] = None
    reason: Optional[str] = None


class DateOut(SpanOut):
    start_date: Optional[str] = None
    end_date: Optional[str] = None
    time_precision: Optional[int] = None
    reason: Optional[str] = None


class FatalitiesOut(SpanOut):
    value: Optional[int] = None


class EvidenceOut(BaseModel):
    start: int
    end: int


class SourceRef(_Open):
    doc_id: str
    evidence: Optional[EvidenceOut] = None


class EventOut(_Open):
    """An event in the EVENT-FORMAT.md record shape (extra fields pass through)."""

    doc_id: str
    event_id: str
    event_type: str
    acled_event_type: Optional[str] = None
    acled_sub_event_type: Optional[str] = None
    status: Optional[str] = None
    actor1: Optional[ActorOut] = None
    actor2: Optional[ActorOut] = None
    location: Optional[PlaceOut] = None
    date: Optional[DateOut] = None
    fatalities: Optional[FatalitiesOut] = None
    attribution: Optional[SpanOut] = None
    evidence: EvidenceOut
    confidence: Optional[float] = None
    sources: Optional[list[SourceRef]] = None


class EventPage(BaseModel):
    events: list[EventOut]
    next_cursor: Optional[str] = Field(
        None, description="Pass as `cursor` to get the next page; null on the last page.")
    limit: int


class HighlightSpan(BaseModel):
    field: str = Field(description="evidence, trigger, actor1, actor2, location, date, "
                                   "fatalities or attribution")
    start: int
    end: int
    text: str = Field(description="the document text at [start, end)")


class SourceDocument(BaseModel):
    doc_id: str
    title: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    published: Optional[str] = None
    text: str
    spans: list[HighlightSpan]


class EventDetail(BaseModel):
    event: EventOut
    sources: list[SourceDocument]


class DocumentOut(BaseModel):
    doc_id: str
    content_hash: str
    title: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    published: Optional[str] = None
    origin: Optional[str] = None
    n_events: Optional[int] = None
    text: str
    event_ids: list[str]


class DayCount(BaseModel):
    date: str
    count: int


class Timeline(BaseModel):
    days: list[DayCount]
    total: int


class FacetValue(BaseModel):
    value: str
    count: int


class Facets(BaseModel):
    event_type: list[FacetValue]
    acled_event_type: list[FacetValue]
    country: list[FacetValue]
    status: list[FacetValue]


class Points(BaseModel):
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = Field(description="true when more events matched than were returned")


class Health(BaseModel):
    status: str
    documents: int
    events: int
    rejected: int
    schema_version: int
    situation: bool
    basemap: bool


class SituationList(BaseModel):
    view: str
    records: list[dict[str, Any]]


class Problem(BaseModel):
    """RFC 9457 problem details: every error response has this shape."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
