"""Contested claims: where reports disagree, keep every version with who asserts it.

Points compared (pure functions over one merged event or one place):

- ``fatalities``: the death tolls the reports of one event give;
- ``perpetrator``: who carried out a strike or an attack on civilians, when reports name
  sides of different countries;
- ``occurrence``: one report says it happened, another that it was denied;
- ``control``: who holds a place, when reports of the same days name different sides.

A claim is ``contested`` when its versions carry different values. Agreeing death tolls
from two or more reports are kept as uncontested claims, so a reader sees they were checked.
"""

from __future__ import annotations

from typing import Any, Iterable

from ..records import Event, stable_id
from .control import facts_as_of, fold_control
from .model import ClaimRecord, ClaimVersion, ControlFact

OCCURRED = frozenset({"occurred", "ongoing"})
#: who carried out an attack is disputed; who "carried out" talks or a capture is not
#: (control claims cover captures)
STRIKES = frozenset({"Explosions/Remote violence", "Violence against civilians"})


def _who(event: Event, outlet: str | None) -> str | None:
    """Who asserts what ``event`` says: its attribution's speaker, else the outlet."""
    if event.attribution.source:
        return event.attribution.source
    if event.attribution.text:
        return event.attribution.text
    return outlet


def _version(event: Event, value: Any, outlet: str | None,
             span: tuple[int | None, int | None] | None = None) -> ClaimVersion:
    start, end = span if span and span[0] is not None and span[1] is not None else (
        event.evidence.start, event.evidence.end)
    return ClaimVersion(_who(event, outlet), value, event.doc_id, int(start), int(end))


def _describe(events: list[Event]) -> str:
    """"the air/drone strike in Odesa on 2025-03-10" (from the reports that it happened)."""
    told = [e for e in events if e.status in OCCURRED] or events
    best = min(told, key=lambda e: (e.location.name is None, e.date.start_date is None,
                                    e.date.start_date or ""))
    kind = (best.acled_sub_event_type or best.event_type or "event").lower()
    kind = {"government regains territory": "recapture",
            "non-state actor overtakes territory": "capture"}.get(kind, kind)
    where = f" in {best.location.name}" if best.location.name else ""
    when = f" on {best.date.start_date}" if best.date.start_date else ""
    return f"{kind}{where}{when}"


def _distinct(versions: Iterable[ClaimVersion]) -> int:
    return len({repr(v.value) for v in versions})


def cluster_claims(cluster_id: str, members: list[tuple[Event, str | None]]) -> list[ClaimRecord]:
    """Claims about one merged event; ``members`` are its events with their outlets.

    >>> cluster_claims("c1", [])
    []
    """
    if len({e.doc_id for e, _ in members}) < 2 and not any(
            e.status == "denied" for e, _ in members):
        return []
    events = [e for e, _ in members]
    what = _describe(events) if events else ""
    claims: list[ClaimRecord] = []
    tolls = [_version(e, e.fatalities.value, o)
             for e, o in members if e.fatalities.value is not None and e.status in OCCURRED]
    if len({v.doc_id for v in tolls}) >= 2:
        claims.append(make_claim(cluster_id, "fatalities", f"deaths in the {what}", tolls))
    sides = [(e, o) for e, o in members if e.actor1.name and e.status in OCCURRED
             and e.acled_event_type in STRIKES]
    countries = {e.actor1.country or e.actor1.name for e, _ in sides}
    if len(countries) >= 2:
        versions = [_version(e, e.actor1.name, o, (e.actor1.start, e.actor1.end))
                    for e, o in sides]
        claims.append(make_claim(cluster_id, "perpetrator", f"who carried out the {what}",
                             versions))
    statuses = {e.status for e in events}
    if "denied" in statuses and statuses & OCCURRED:
        versions = [_version(e, "denied" if e.status == "denied" else "occurred", o)
                    for e, o in members if e.status in OCCURRED | {"denied"}]
        claims.append(make_claim(cluster_id, "occurrence", f"whether the {what} happened",
                             versions))
    return claims


def make_claim(subject: str, topic: str, text: str, versions: list[ClaimVersion]) -> ClaimRecord:
    versions = sorted(versions, key=lambda v: (v.doc_id, v.start))
    return ClaimRecord(claim_id="k" + stable_id("claim", subject, topic, length=15),
                       claim=text, topic=topic, versions=tuple(versions),
                       contested=_distinct(versions) > 1, subject=subject)


def control_claims(place_key: str, facts: list[ControlFact],
                   window_days: int = 2) -> list[ClaimRecord]:
    """A claim for each period of control that reports of the next days contradict.

    A change later reversed by a dated event (captured on the 11th, retaken on the 14th) is
    history, not a dispute (see :func:`polybius.situation.control.fold_control`).
    """
    claims = []
    for episode in fold_control(facts_as_of(facts, None), window_days):
        if not episode.disputes:
            continue
        head = episode.current
        versions = [ClaimVersion(f.attribution or f.doc_id, _holder(f), f.doc_id,
                                 f.evidence.start, f.evidence.end) for f in episode.facts]
        day = (head.start_date or head.sort_date)[:10] or None
        after = f" after {day}" if day else ""
        claims.append(make_claim(f"{place_key}|{day or ''}", "control",
                             f"who controls {head.place}{after}", versions))
    return claims


def _holder(fact: ControlFact) -> str:
    if fact.change == "lost":
        return f"lost by {fact.controller}"
    if fact.change == "contested":
        return "contested"
    return f"held by {fact.controller}" if fact.controller else "unknown"


def claims_view(conn: Any, contested: bool | None = None) -> list[ClaimRecord]:
    """Claims in the store (``polybius claims``, ``GET /claims``); ``contested=True`` keeps
    only disputed points."""
    from ..store.situation_queries import read_claims

    return [c for c in read_claims(conn) if contested is None or c.contested == contested]


def claim_from_json(data: dict[str, Any]) -> ClaimRecord:
    versions = tuple(ClaimVersion(v["by"], v["value"], v["doc_id"], v["start"], v["end"])
                     for v in data["versions"])
    return ClaimRecord(data["claim_id"], data["claim"], data["topic"], versions,
                       bool(data["contested"]), data.get("subject", ""))
