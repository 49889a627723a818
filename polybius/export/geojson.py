"""GeoJSON FeatureCollection (RFC 7946): one Point feature per event.

An event without coordinates keeps its feature with ``"geometry": null`` (an unlocated
feature, allowed by RFC 7946 §3.2), so the export still has every event.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, TextIO

from ..store.queries import ExportRow
from .json_array import iter_json_array, write_json_array


def geojson_feature(row: ExportRow) -> dict[str, Any]:
    """The GeoJSON Feature of one stored event; properties are the record's main fields."""
    rec = row.record
    loc, date = rec.get("location") or {}, rec.get("date") or {}
    actor1, actor2 = rec.get("actor1") or {}, rec.get("actor2") or {}
    fatalities = rec.get("fatalities") or {}
    geometry = None
    if loc.get("lat") is not None and loc.get("lon") is not None:
        geometry = {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]}
    return {
        "type": "Feature",
        "id": rec["event_id"],
        "geometry": geometry,
        "properties": {
            "event_id": rec["event_id"],
            "doc_id": rec.get("doc_id"),
            "event_type": rec.get("event_type"),
            "acled_event_type": rec.get("acled_event_type"),
            "acled_sub_event_type": rec.get("acled_sub_event_type"),
            "status": rec.get("status"),
            "actor1": actor1.get("name"),
            "actor2": actor2.get("name"),
            "location": loc.get("name"),
            "admin1": loc.get("admin1"),
            "country": loc.get("country"),
            "geo_precision": loc.get("geo_precision"),
            "start_date": date.get("start_date"),
            "end_date": date.get("end_date"),
            "time_precision": date.get("time_precision"),
            "fatalities": fatalities.get("value"),
            "confidence": rec.get("confidence"),
            "evidence": row.evidence_text,
            "source": row.source,
            "url": row.url,
        },
    }


def iter_geojson(rows: Iterable[ExportRow]) -> Iterator[str]:
    """The FeatureCollection text, one feature per chunk (streamed)."""
    return iter_json_array('{"type": "FeatureCollection", "features": [',
                           map(geojson_feature, rows), "\n]}\n")


def write_geojson(rows: Iterable[ExportRow], out: TextIO) -> int:
    """Write events as a GeoJSON FeatureCollection to ``out``; returns the number of events."""
    return write_json_array(iter_geojson(rows), out)
