"""One event, many reports: group events of different reports that tell the same event.

Two events are the same when they have the same type, happened in the same place (the same
town, or a town and its region, or within ``max_km``), in overlapping date windows (widened
by ``window_days``; an undated event counts from a few days before its report's publication)
and their actors do not exclude each other. Wording is never compared: the extractor has
already reduced each report to typed fields.

``assign_clusters`` is the pure, incremental step: given the events already clustered and
the new ones, it says which cluster each new event joins. A cluster keeps the id it was
created with (a hash of its founding event), so re-running or adding reports never
duplicates or renames clusters. ``event_sources`` lists the reports of a merged event.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Iterable

from ..records import Event, stable_id

UNDATED_LOOKBACK_DAYS = 3  # an undated event happened at most this long before its report
REGION_PRECISION = 3
TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory",
                       "Non-violent transfer of territory"})


@dataclass(frozen=True, slots=True)
class Clustered:
    """An event with its report's publication date and (once known) its cluster.

    ``window`` is :func:`event_window` of the two, computed once (clustering compares every
    candidate pair's windows)."""

    event: Event
    published: str | None = None
    cluster_id: str | None = None
    window: tuple[date, date] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "window", event_window(self.event, self.published))


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def event_window(event: Event, published: str | None) -> tuple[date, date] | None:
    """The days the event may have happened: its date range, or the days before its report
    (also when the extractor gave the publication date for want of a date phrase).

    >>> from polybius.situation.model import event_from_record
    >>> e = event_from_record({"doc_id": "d", "event_id": "e", "evidence": {"start": 0, "end": 0}})
    >>> event_window(e, "2025-03-14")
    (datetime.date(2025, 3, 11), datetime.date(2025, 3, 14))
    """
    start, end = _day(event.date.start_date), _day(event.date.end_date)
    pub = _day(published)
    if start and (event.date.start is not None or pub is None):
        return start, end or start
    if pub is None:  # a date with no phrase behind it is the publication date: widen it
        return None
    if event.status == "planned":
        return pub, pub + timedelta(days=14)
    return pub - timedelta(days=UNDATED_LOOKBACK_DAYS), pub


def _km(a: Event, b: Event) -> float | None:
    la, lb = a.location, b.location
    if None in (la.lat, la.lon, lb.lat, lb.lon):
        return None
    p1, p2 = math.radians(la.lat), math.radians(lb.lat)
    dp, dl = p2 - p1, math.radians(lb.lon - la.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _is_region(event: Event) -> bool:
    loc = event.location
    return (loc.geo_precision or 0) >= REGION_PRECISION or (
        loc.name is not None and loc.admin1 is not None and loc.name == loc.admin1)


def place_score(a: Event, b: Event, max_km: float) -> float | None:
    """How well two events' places agree; ``None`` when they cannot be the same place."""
    la, lb = a.location, b.location
    if la.name is None or lb.name is None:
        return 0.0
    if la.country and lb.country and la.country != lb.country:
        return None
    if la.name.casefold() == lb.name.casefold():
        return 2.0
    km = _km(a, b)
    if km is not None and km <= max_km and not (_is_region(a) or _is_region(b)):
        return 1.5
    if la.admin1 and lb.admin1 and la.admin1.casefold() != lb.admin1.casefold():
        return None
    if _is_region(a) != _is_region(b) and la.admin1 and la.admin1 == lb.admin1:
        return 1.0  # a town and its region
    if _is_region(a) and _is_region(b):
        return 1.0
    return None  # two different towns


def date_score(a: Clustered, b: Clustered, window_days: int) -> float | None:
    """1 for overlapping (widened) windows, 0 when either is unknown, None when apart."""
    wa, wb = a.window, b.window
    if wa is None or wb is None:
        return 0.0
    slack = timedelta(days=window_days)
    if wa[0] - slack <= wb[1] and wb[0] - slack <= wa[1]:
        exact = a.event.date.start_date is not None and \
            a.event.date.start_date == b.event.date.start_date
        return 1.0 if exact else 0.5
    return None


def _names(actor_names: Iterable[str | None]) -> set[str]:
    return {n for n in actor_names if n}


def actor_score(a: Event, b: Event) -> float:
    """+1 same perpetrator, +0.5 shared actor, 0 unknown, -0.5 different perpetrators."""
    a1, b1 = a.actor1.name, b.actor1.name
    if a1 and b1 and a1 == b1:
        return 1.0
    shared = _names((a1, a.actor2.name)) & _names((b1, b.actor2.name))
    if shared:
        return 0.5
    if a1 and b1:
        return -0.5
    return 0.0


def match_score(a: Clustered, b: Clustered, *, window_days: int = 2,
                max_km: float = 30.0) -> float | None:
    """A score when ``a`` and ``b`` may be the same event told by two reports, else None.

    Same type is required; place and date must not conflict. The score adds place (2 for the
    same place), date (1 same day, 0.5 overlapping), actors and ACLED sub-type agreement.
    """
    ea, eb = a.event, b.event
    if ea.doc_id == eb.doc_id or ea.event_type != eb.event_type:
        return None
    if ea.acled_sub_event_type in TERRITORY and eb.acled_sub_event_type in TERRITORY and \
            ea.actor1.name and eb.actor1.name and ea.actor1.name != eb.actor1.name:
        return None  # one side took the place, the other took it back: two events
    place = place_score(ea, eb, max_km)
    if place is None:
        return None
    when = date_score(a, b, window_days)
    if when is None:
        return None
    score = place + when + actor_score(ea, eb)
    ta, tb = ea.acled_event_type, eb.acled_event_type
    sa, sb = ea.acled_sub_event_type, eb.acled_sub_event_type
    if ta and tb and ta != tb:
        score -= 1.0  # a riot and an air strike in one city on one day are two events
    elif sa and sb:
        score += 0.5 if sa == sb else -0.5
    return score


def cluster_id_for(event_id: str) -> str:
    """The id a cluster gets from the event that founded it."""
    return "c" + stable_id("cluster", event_id, length=15)


def assign_clusters(existing: list[Clustered], new: list[Clustered], *,
                    window_days: int = 2, max_km: float = 30.0,
                    min_score: float = 2.5) -> list[Clustered]:
    """The new events with their cluster ids, joining existing clusters where they match.

    Each new event joins the cluster holding its best-scoring match (at least
    ``min_score``; ties go to the cluster it matches best on average) that holds no other
    event of its own report and whose every member's dates fit its own (so daily strikes on
    one city do not chain into one event); otherwise it founds a cluster. New events are
    taken in order, so a later one may join a cluster founded by an earlier one.

    >>> assign_clusters([], [])
    []
    """
    members: dict[str, list[Clustered]] = {}
    for item in existing:
        if item.cluster_id:
            members.setdefault(item.cluster_id, []).append(item)
    out: list[Clustered] = []
    for item in new:
        best_id, best = None, (min_score, float("-inf"))
        for cid, group in members.items():
            if any(m.event.doc_id == item.event.doc_id for m in group):
                continue
            if any(date_score(item, m, window_days) is None for m in group):
                continue  # every report of one event must fit its days: no chaining
            scores = [match_score(item, m, window_days=window_days, max_km=max_km)
                      for m in group]
            known = [x for x in scores if x is not None]
            if not known:
                continue
            # the best link decides; the mean over all members breaks ties
            rank = (max(known), sum(x if x is not None else 0.0 for x in scores) / len(scores))
            if rank[0] < min_score:
                continue
            if best_id is None or rank > best or (rank == best and cid < best_id):
                best_id, best = cid, rank
        cid = best_id or cluster_id_for(item.event.event_id)
        placed = Clustered(item.event, item.published, cid)
        members.setdefault(cid, []).append(placed)
        out.append(placed)
    return out


def cluster_summary(members: list[Clustered]) -> dict[str, Any]:
    """The fields a merged event shows: type, place, date range, actors, source counts."""
    events = [m.event for m in members]
    best = max(events, key=lambda e: (e.location.name is not None, e.actor1.name is not None,
                                      e.date.start_date is not None, e.confidence))
    starts = sorted(e.date.start_date for e in events if e.date.start_date)
    ends = sorted(e.date.end_date or e.date.start_date for e in events if e.date.start_date)
    return {
        "event_type": best.event_type, "acled_event_type": best.acled_event_type,
        "acled_sub_event_type": best.acled_sub_event_type,
        "location_name": best.location.name, "admin1": best.location.admin1,
        "country": best.location.country, "actor1_name": best.actor1.name,
        "actor2_name": best.actor2.name,
        "start_date": starts[0] if starts else None, "end_date": ends[-1] if ends else None,
        "n_events": len(events), "n_sources": len({e.doc_id for e in events}),
        "statuses": sorted({e.status for e in events}),
    }


def event_sources(conn: Any, event_id: str) -> list[dict[str, Any]]:
    """Every report of the merged event ``event_id``: ``[{"doc_id", "evidence": {...}}]``.

    One entry per clustered event (the event itself included), ordered by document id; an
    empty list when the event is unknown. Reads the store, so it lives in
    ``polybius.store.situation_store`` and is re-exported here.
    """
    from ..store.situation_queries import event_sources as _event_sources

    return _event_sources(conn, event_id)
