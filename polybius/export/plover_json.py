"""PLOVER/POLECAT-style JSON: one object per event, streamed as a JSON array.

Field names follow the PLOVER data-interchange conventions as used by POLECAT:
``event_type`` (PLOVER category), ``mode``, ``context``, ``quad_code``, ``actor`` /
``recipient`` with their countries, place fields after GeoNames, ``dead``,
``injured``, ``size``. Polybius provenance (doc id, spans, status, confidence) rides along.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, TextIO

from ..store.queries import ExportRow
from .json_array import iter_json_array, write_json_array

# PLOVER quad categories: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
# 4 material conflict. REQUEST (POLECAT's successor of DEMAND) is verbal conflict.
QUAD_CODES = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
    **dict.fromkeys(("REQUEST", "DEMAND", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
QUAD_NAMES = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict",
              4: "Material conflict"}


def plover_record(row: ExportRow) -> dict[str, Any]:
    """One PLOVER/POLECAT-style dict from a stored event."""
    rec = row.record
    actor, recipient = rec.get("actor1") or {}, rec.get("actor2") or {}
    loc, date = rec.get("location") or {}, rec.get("date") or {}
    fatalities = rec.get("fatalities") or {}
    evidence = rec.get("evidence") or {}
    quad = QUAD_CODES.get(rec.get("event_type") or "")
    return {
        "id": rec["event_id"],
        "date": date.get("start_date"),
        "date_end": date.get("end_date"),
        "date_precision": date.get("time_precision"),
        "event_type": rec.get("event_type"),
        "mode": rec.get("mode"),
        "context": rec.get("context") or [],
        "quad_code": quad,
        "quad": QUAD_NAMES.get(quad) if quad else None,
        "status": rec.get("status"),
        "actor": actor.get("name"),
        "actor_country": actor.get("country"),
        "actor_text": actor.get("text"),
        "recipient": recipient.get("name"),
        "recipient_country": recipient.get("country"),
        "recipient_text": recipient.get("text"),
        "placename": loc.get("name"),
        "admin1": loc.get("admin1"),
        "country": loc.get("country"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "geonameid": loc.get("geonameid"),
        "geo_precision": loc.get("geo_precision"),
        "dead": fatalities.get("value"),
        "injured": None,
        "size": None,
        "text": row.evidence_text,
        "acled_event_type": rec.get("acled_event_type"),
        "acled_sub_event_type": rec.get("acled_sub_event_type"),
        "confidence": rec.get("confidence"),
        "source": {"doc_id": rec.get("doc_id"), "outlet": row.source, "url": row.url,
                   "title": row.title, "publication_date": row.published,
                   "evidence": {"start": evidence.get("start"), "end": evidence.get("end")}},
    }


def iter_plover_json(rows: Iterable[ExportRow]) -> Iterator[str]:
    """A JSON array of PLOVER records, one element per chunk (streamed)."""
    return iter_json_array("[", map(plover_record, rows), "\n]\n")


def write_plover_json(rows: Iterable[ExportRow], out: TextIO) -> int:
    """Write events as a PLOVER-style JSON array to ``out``; returns the number of events."""
    return write_json_array(iter_plover_json(rows), out)
