"""ACLED-style CSV: ACLED's column names and order; unknown values are left empty."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator, TextIO

from ..store.queries import ExportRow
from .countries import acled_region, country_name, country_numeric

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)

# ACLED's actor types ("inter" codes, as named in ACLED's current exports) by actor kind.
_INTER = {
    "state_forces": "State forces", "military": "State forces", "police": "State forces",
    "government": "State forces", "rebels": "Rebel group", "rebel": "Rebel group",
    "militia": "Political militia", "political_militia": "Political militia",
    "identity_militia": "Identity militia", "rioters": "Rioters", "protesters": "Protesters",
    "civilians": "Civilians", "external": "External/Other forces",
    "io": "External/Other forces", "other": "External/Other forces",
}

_DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Riots": "Political violence",
    "Protests": "Demonstrations", "Strategic developments": "Strategic developments",
}


def _inter(actor: dict[str, Any] | None) -> str | None:
    if not actor or not actor.get("name"):
        return None
    return _INTER.get((actor.get("kind") or "").lower())


def acled_row(row: ExportRow) -> dict[str, Any]:
    """One ACLED-style row (column -> value, ``None`` for unknown) from a stored event.

    ``notes`` is the evidence sentence; ``event_id_cnty`` is our stable event id.
    """
    rec = row.record
    actor1, actor2 = rec.get("actor1") or {}, rec.get("actor2") or {}
    loc, date = rec.get("location") or {}, rec.get("date") or {}
    fatalities = rec.get("fatalities") or {}
    start = date.get("start_date")
    inter1, inter2 = _inter(actor1), _inter(actor2)
    acled_type = rec.get("acled_event_type")
    civilian = (acled_type == "Violence against civilians" or inter2 == "Civilians")
    stamp = row.stored_at
    if isinstance(stamp, datetime):
        stamp = int(stamp.replace(tzinfo=timezone.utc).timestamp())
    return {
        "event_id_cnty": rec["event_id"],
        "event_date": start,
        "year": int(start[:4]) if start else None,
        "time_precision": date.get("time_precision"),
        "disorder_type": _DISORDER.get(acled_type or ""),
        "event_type": acled_type,
        "sub_event_type": rec.get("acled_sub_event_type"),
        "actor1": actor1.get("name"),
        "assoc_actor_1": None,
        "inter1": inter1,
        "actor2": actor2.get("name"),
        "assoc_actor_2": None,
        "inter2": inter2,
        "interaction": f"{inter1}-{inter2}" if inter1 and inter2 else inter1,
        "civilian_targeting": "Civilian targeting" if civilian else None,
        "iso": country_numeric(loc.get("country")),
        "region": acled_region(loc.get("country")),
        "country": country_name(loc.get("country")),
        "admin1": loc.get("admin1"),
        "admin2": None,
        "admin3": None,
        "location": loc.get("name"),
        "latitude": loc.get("lat"),
        "longitude": loc.get("lon"),
        "geo_precision": loc.get("geo_precision"),
        "source": row.source or row.title,
        "source_scale": None,
        "notes": row.evidence_text,
        "fatalities": fatalities.get("value"),
        "tags": f"status={rec.get('status')}; confidence={rec.get('confidence')}",
        "timestamp": stamp,
    }


def iter_acled_csv(rows: Iterable[ExportRow]) -> Iterator[str]:
    """The CSV text in chunks: the header, then one chunk per 500 events."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for i, row in enumerate(rows, 1):
        writer.writerow({k: ("" if v is None else v) for k, v in acled_row(row).items()})
        if i % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_acled_csv(rows: Iterable[ExportRow], out: TextIO) -> int:
    """Write events as ACLED-style CSV to ``out``; returns the number of events.

    >>> import io
    >>> buf = io.StringIO()
    >>> write_acled_csv([], buf)
    0
    >>> buf.getvalue().split(",")[:2]
    ['event_id_cnty', 'event_date']
    """
    count = 0

    def counted() -> Iterator[ExportRow]:
        nonlocal count
        for row in rows:
            count += 1
            yield row

    for chunk in iter_acled_csv(counted()):
        out.write(chunk)
    return count
