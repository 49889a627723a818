"""The gold annotation format (``docs/gold-format.md``): typed records and a strict loader.

``load_gold(path)`` reads JSON Lines, one annotated report per line, and checks every line:
required keys, enum values, ISO dates, and that each ``evidence_text`` and ``attribution`` is
an exact substring of the text occurring exactly once (so its span is well defined).
Any problem raises :class:`polybius.errors.InputError` naming the file, the line, the
document id and the event number.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

ACLED_SUB_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack",
                                   "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}

STATUSES: tuple[str, ...] = ("occurred", "ongoing", "planned", "hypothetical", "denied")

_EXTRA_COUNTRIES = {"XKX"}  # Kosovo, as ACLED writes it
_DOC_KEYS = {"id", "text", "published", "title", "source", "conflict", "url", "events", "notes"}
_EVENT_KEYS = {"evidence_text", "event_type", "acled_event_type", "acled_sub_event_type",
               "status", "actor1", "actor2", "location", "date", "fatalities", "attribution",
               "note"}
_ACTOR_KEYS = {"name", "country"}
_PLACE_KEYS = {"name", "admin1", "country", "lat", "lon", "geo_precision"}
_DATE_KEYS = {"start_date", "end_date", "time_precision"}


@dataclass(frozen=True, slots=True)
class GoldActor:
    name: str
    country: str | None = None


@dataclass(frozen=True, slots=True)
class GoldPlace:
    name: str
    admin1: str | None
    country: str
    lat: float
    lon: float
    geo_precision: int


@dataclass(frozen=True, slots=True)
class GoldDate:
    start_date: str
    end_date: str
    time_precision: int


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One annotated event; ``start``/``end`` locate ``evidence_text`` in the document."""

    evidence_text: str
    start: int
    end: int
    event_type: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    status: str
    actor1: GoldActor | None
    actor2: GoldActor | None
    location: GoldPlace | None
    date: GoldDate | None
    fatalities: int | None
    attribution: str | None
    attribution_start: int | None = None
    attribution_end: int | None = None


@dataclass(frozen=True, slots=True)
class GoldDocument:
    id: str
    text: str
    events: tuple[GoldEvent, ...]
    published: str | None = None
    title: str | None = None
    source: str | None = None
    conflict: str | None = None
    url: str | None = None
    line: int = 0


def load_gold(path: str | Path) -> list[GoldDocument]:
    """Read and validate a gold JSON Lines file.

    >>> docs = load_gold("tests/data/gold/dev.jsonl")  # doctest: +SKIP
    >>> docs[0].events[0].event_type  # doctest: +SKIP
    'ASSAULT'

    Raises InputError, e.g. ``dev.jsonl line 4 (ua-004) event 2: evidence_text occurs 2
    times in the text; make it longer so it is unique``.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read gold file {path}: {exc}") from exc
    docs: list[GoldDocument] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path.name} line {number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
        doc = parse_gold_document(raw, where=where, line=number)
        if doc.id in seen:
            raise InputError(f"{where}: duplicate document id {doc.id!r} "
                             f"(first on line {seen[doc.id]})")
        seen[doc.id] = number
        docs.append(doc)
    if not docs:
        raise InputError(f"gold file {path} holds no documents")
    return docs


def parse_gold_document(raw: Any, *, where: str = "gold", line: int = 0) -> GoldDocument:
    """Validate one decoded JSON object as a gold document (see :func:`load_gold`)."""
    if not isinstance(raw, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(raw).__name__}")
    doc_id = raw.get("id")
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise InputError(f"{where}: 'id' must be a non-empty string")
    where = f"{where} ({doc_id})"
    _no_unknown_keys(raw, _DOC_KEYS, where)
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: 'text' must be a non-empty string")
    for key in ("title", "source", "conflict", "url"):
        if raw.get(key) is not None and not isinstance(raw[key], str):
            raise InputError(f"{where}: {key!r} must be a string")
    published = raw.get("published")
    if published is not None:
        _check_iso(published, "published", where, allow_time=True)
    events_raw = raw.get("events")
    if not isinstance(events_raw, list):
        raise InputError(f"{where}: 'events' must be a list (use [] for no codable event)")
    events = tuple(_parse_event(ev, text, f"{where} event {i}")
                   for i, ev in enumerate(events_raw, start=1))
    seen: dict[tuple[Any, ...], int] = {}
    for i, ev in enumerate(events, start=1):
        key = (ev.start, ev.end, ev.event_type, ev.location.name if ev.location else None)
        if key in seen:
            raise InputError(f"{where} event {i}: same evidence_text, event_type and location "
                             f"as event {seen[key]}; one gold event per distinct event")
        seen[key] = i
    return GoldDocument(id=doc_id, text=text, events=events, published=published,
                        title=raw.get("title"), source=raw.get("source"),
                        conflict=raw.get("conflict"), url=raw.get("url"), line=line)


def _parse_event(raw: Any, text: str, where: str) -> GoldEvent:
    if not isinstance(raw, dict):
        raise InputError(f"{where}: expected a JSON object")
    _no_unknown_keys(raw, _EVENT_KEYS, where)
    for key in ("evidence_text", "event_type", "status"):
        if key not in raw:
            raise InputError(f"{where}: missing {key!r}")
    start, end = _unique_span(raw["evidence_text"], text, "evidence_text", where)
    event_type = raw["event_type"]
    if event_type not in PLOVER_TYPES:
        raise InputError(f"{where}: event_type {event_type!r} is not a PLOVER type "
                         f"({', '.join(PLOVER_TYPES)})")
    acled_type = raw.get("acled_event_type")
    acled_sub = raw.get("acled_sub_event_type")
    if acled_type is not None and acled_type not in ACLED_SUB_TYPES:
        raise InputError(f"{where}: acled_event_type {acled_type!r} is not an ACLED event type "
                         f"({', '.join(ACLED_SUB_TYPES)})")
    if acled_sub is not None:
        if acled_type is None:
            raise InputError(f"{where}: acled_sub_event_type {acled_sub!r} given without "
                             "acled_event_type")
        if acled_sub not in ACLED_SUB_TYPES[acled_type]:
            raise InputError(f"{where}: acled_sub_event_type {acled_sub!r} is not a sub-type of "
                             f"{acled_type!r} ({', '.join(ACLED_SUB_TYPES[acled_type])})")
    status = raw["status"]
    if status not in STATUSES:
        raise InputError(f"{where}: status {status!r} is not one of {', '.join(STATUSES)}")
    fatalities = raw.get("fatalities")
    if fatalities is not None and (isinstance(fatalities, bool)
                                   or not isinstance(fatalities, int) or fatalities < 0):
        raise InputError(f"{where}: fatalities must be a non-negative integer or null, "
                         f"got {fatalities!r}")
    attribution = raw.get("attribution")
    a_start = a_end = None
    if attribution is not None:
        a_start, a_end = _unique_span(attribution, text, "attribution", where)
    return GoldEvent(
        evidence_text=raw["evidence_text"], start=start, end=end, event_type=event_type,
        acled_event_type=acled_type, acled_sub_event_type=acled_sub, status=status,
        actor1=_parse_actor(raw.get("actor1"), f"{where} actor1"),
        actor2=_parse_actor(raw.get("actor2"), f"{where} actor2"),
        location=_parse_place(raw.get("location"), f"{where} location"),
        date=_parse_date(raw.get("date"), f"{where} date"),
        fatalities=fatalities, attribution=attribution,
        attribution_start=a_start, attribution_end=a_end)


def _unique_span(needle: Any, text: str, key: str, where: str) -> tuple[int, int]:
    if not isinstance(needle, str) or not needle.strip():
        raise InputError(f"{where}: {key} must be a non-empty string")
    count = text.count(needle)
    if count == 0:
        raise InputError(f"{where}: {key} is not an exact substring of the text: "
                         f"{_short(needle)!r}")
    if count > 1:
        raise InputError(f"{where}: {key} occurs {count} times in the text; make it longer "
                         f"so it is unique: {_short(needle)!r}")
    start = text.index(needle)
    return start, start + len(needle)


def _parse_actor(raw: Any, where: str) -> GoldActor | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise InputError(f"{where}: expected an object or null")
    _no_unknown_keys(raw, _ACTOR_KEYS, where)
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"{where}: 'name' must be a non-empty string")
    country = raw.get("country")
    if country is not None:
        _check_country(country, where)
    return GoldActor(name=name, country=country)


def _parse_place(raw: Any, where: str) -> GoldPlace | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise InputError(f"{where}: expected an object or null")
    _no_unknown_keys(raw, _PLACE_KEYS, where)
    missing = sorted(_PLACE_KEYS - {"admin1"} - raw.keys())
    if missing:
        raise InputError(f"{where}: missing {', '.join(missing)}")
    if not isinstance(raw["name"], str) or not raw["name"].strip():
        raise InputError(f"{where}: 'name' must be a non-empty string")
    if raw.get("admin1") is not None and not isinstance(raw["admin1"], str):
        raise InputError(f"{where}: 'admin1' must be a string or null")
    _check_country(raw["country"], where)
    lat, lon = raw["lat"], raw["lon"]
    if not _is_number(lat) or not -90 <= lat <= 90:
        raise InputError(f"{where}: lat must be a number in [-90, 90], got {lat!r}")
    if not _is_number(lon) or not -180 <= lon <= 180:
        raise InputError(f"{where}: lon must be a number in [-180, 180], got {lon!r}")
    if raw["geo_precision"] not in (1, 2, 3):
        raise InputError(f"{where}: geo_precision must be 1, 2 or 3, "
                         f"got {raw['geo_precision']!r}")
    return GoldPlace(name=raw["name"], admin1=raw.get("admin1"), country=raw["country"],
                     lat=float(lat), lon=float(lon), geo_precision=raw["geo_precision"])


def _parse_date(raw: Any, where: str) -> GoldDate | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise InputError(f"{where}: expected an object or null")
    _no_unknown_keys(raw, _DATE_KEYS, where)
    missing = sorted(_DATE_KEYS - raw.keys())
    if missing:
        raise InputError(f"{where}: missing {', '.join(missing)}")
    start = _check_iso(raw["start_date"], "start_date", where)
    end = _check_iso(raw["end_date"], "end_date", where)
    if end < start:
        raise InputError(f"{where}: end_date {raw['end_date']} is before start_date "
                         f"{raw['start_date']}")
    if raw["time_precision"] not in (1, 2, 3):
        raise InputError(f"{where}: time_precision must be 1, 2 or 3, "
                         f"got {raw['time_precision']!r}")
    return GoldDate(start_date=raw["start_date"], end_date=raw["end_date"],
                    time_precision=raw["time_precision"])


def _check_iso(value: Any, key: str, where: str, allow_time: bool = False) -> dt.date:
    if isinstance(value, str):
        try:
            if allow_time and len(value) > 10:
                return dt.datetime.fromisoformat(value).date()
            if len(value) == 10:
                return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InputError(f"{where}: {key} must be an ISO date YYYY-MM-DD, got {value!r}")


def _check_country(value: Any, where: str) -> None:
    import pycountry

    if not (isinstance(value, str) and len(value) == 3 and value.isascii()
            and value.isalpha() and value.isupper()):
        raise InputError(f"{where}: country must be an ISO 3166-1 alpha-3 code such as "
                         f"'UKR', got {value!r}")
    if value not in _EXTRA_COUNTRIES and pycountry.countries.get(alpha_3=value) is None:
        raise InputError(f"{where}: country {value!r} is not an ISO 3166-1 alpha-3 code")


def _no_unknown_keys(raw: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise InputError(f"{where}: unknown key(s) {', '.join(unknown)}; "
                         f"allowed: {', '.join(sorted(allowed))}")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
