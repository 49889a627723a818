"""Territorial control over time: who holds each place, since when, on which evidence.

``control_facts`` (pure) reads the control-change events of one report: ACLED's
"Government regains territory", "Non-state actor overtakes territory" and "Non-violent
transfer of territory", and events whose trigger is a control verb (captured, retook,
liberated, advanced into, withdrew, lost, encircled...). ``control_state`` folds the facts of
a place, oldest first, into who controls it as of a date. ``control_view`` is the store view
behind ``polybius control`` and ``GET /control``.

A record's ``controller`` is the side the change is about: ``gained`` (it took the place),
``lost`` (it gave the place up and nobody named took it), ``contested`` (reports disagree
or the place is encircled / fought over).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..records import Event
from .model import ControlFact, ControlRecord, DocInfo, SourceRef

CONTROL_SUBTYPES = frozenset({"Government regains territory",
                              "Non-state actor overtakes territory",
                              "Non-violent transfer of territory"})
GAIN = re.compile(
    r"(?i)\b(?:re)?(?:captur|seiz|tak|took|retak|retook|reclaim|regain|recaptur|liberat|"
    r"free|overr[au]n|occup|enter|advanc|push(?:ed)? into|gain|control|hoist|rais|"
    r"fell|fall|fallen|clear)\w*")
LOSS = re.compile(r"(?i)\b(?:withdr[ae]w|withdrawn|withdrawing|retreat|"
                  r"pull(?:ed|ing)? (?:out|back)|"
                  r"abandon|los[te]|losing|evacuat|ced)\w*")
CONTEST = re.compile(r"(?i)\b(?:encircl|surround|besieg|siege|contest|fight(?:ing)? for|"
                     r"battle for|struggl\w* for|in(?:to)? the outskirts)\w*")
EARLIER = re.compile(r"(?i)\b(?:had|previously|earlier|prior|ago|last (?:year|month|summer|"
                     r"autumn|winter|spring|week)|before)\b")
DENIAL = frozenset({"denied", "hypothetical", "planned"})


def _trigger_text(event: Event, doc: DocInfo) -> tuple[str, int]:
    if event.trigger is not None and event.trigger.end > event.trigger.start:
        return doc.text[event.trigger.start:event.trigger.end], event.trigger.start
    return doc.text[event.evidence.start:event.evidence.end], event.evidence.start


def classify_change(event: Event, doc: DocInfo) -> str | None:
    """``gained``, ``lost`` or ``contested`` for a control-change event, else None.

    The trigger decides (captured -> gained, withdrew -> lost, encircled -> contested);
    ACLED's territory sub-types count as gained when the trigger says nothing.
    """
    trigger, _ = _trigger_text(event, doc)
    if CONTEST.search(trigger):
        return "contested"
    if LOSS.search(trigger) or event.event_type == "RETREAT":
        return "lost"
    if event.acled_sub_event_type in CONTROL_SUBTYPES:
        return "gained"
    if event.trigger is not None and GAIN.fullmatch(trigger.strip().split()[0] if
                                                    trigger.strip() else ""):
        return "gained" if event.event_type in ("ASSAULT", "COERCE", "MOBILIZE") else None
    return None


def _narrative_order(event: Event, doc: DocInfo) -> int:
    """0 for a change told as earlier background ("had gained", "previously"), else 1."""
    _, pos = _trigger_text(event, doc)
    lo = max(event.evidence.start, pos - 60)
    hi = min(event.evidence.end, pos + 60)
    return 0 if EARLIER.search(doc.text[lo:hi]) else 1


def control_facts(doc: DocInfo, events: Iterable[Event]) -> list[ControlFact]:
    """The control changes one report states, one per event that names a place.

    Planned, hypothetical and denied changes are left out (denials feed ``claims``).
    """
    facts: list[ControlFact] = []
    for event in events:
        if event.status in DENIAL or event.location.name is None:
            continue
        change = classify_change(event, doc)
        if change is None:
            continue
        loc = event.location
        region = (loc.geo_precision or 0) >= 3 or loc.name == loc.admin1
        actor = event.actor1.name
        controller = actor
        if change == "lost" and event.actor2.name and event.actor2.name != actor:
            controller, change = event.actor2.name, "gained"  # withdrew before the enemy
        if controller is None:
            continue
        facts.append(ControlFact(
            doc_id=doc.doc_id, place=(loc.admin1 if region and loc.admin1 else loc.name),
            admin1=loc.admin1, country=loc.country, level="admin1" if region else "town",
            controller=controller, change=change, actor=actor,
            start_date=event.date.start_date, end_date=event.date.end_date,
            order=_narrative_order(event, doc) * 1_000_000 + event.evidence.start,
            published=doc.published, evidence=SourceRef(doc.doc_id, event.evidence.start,
                                                         event.evidence.end),
            event_id=event.event_id, attribution=event.attribution.source or
            event.attribution.text, status=event.status))
    return facts


def _sort_key(fact: ControlFact) -> tuple[str, str, int, str]:
    return (fact.sort_date, fact.published or "", fact.order, fact.doc_id)


def facts_as_of(facts: Iterable[ControlFact], as_of: str | None) -> list[ControlFact]:
    """The facts known to have taken effect on or before ``as_of``, oldest first.

    Undated facts in undated reports count only when no date is asked for.
    """
    kept = [f for f in facts if as_of is None or (f.sort_date and f.sort_date[:10] <= as_of)]
    return sorted(kept, key=_sort_key)


@dataclass(slots=True)
class Episode:
    """A period of one controller: the change that began it, the reports agreeing with it,
    and the reports of the next days that contradict it (a dispute, not a new change)."""

    current: ControlFact
    support: list[ControlFact] = field(default_factory=list)
    disputes: list[ControlFact] = field(default_factory=list)

    @property
    def facts(self) -> list[ControlFact]:
        return [self.current, *self.support, *self.disputes]


def _is_new_change(fact: ControlFact, current: ControlFact) -> bool:
    """A dated control-change event after the current one (captured, then retaken)."""
    if fact.doc_id == current.doc_id:
        return True  # one report's own narrative: earlier gains, then the latest change
    if fact.event_id is None or not fact.start_date:
        return False  # "remained under Russian control": a statement, not a change
    return not current.sort_date or fact.start_date[:10] > current.sort_date[:10]


def fold_control(ordered: list[ControlFact], window_days: int = 2) -> list[Episode]:
    """Episodes of control of one place from its facts, oldest first.

    A report naming another controller starts a new episode when it tells a later, dated
    change (or is the same report); otherwise, within ``window_days``, it disputes the
    current episode. "Neither side in control" statements always dispute.
    """
    episodes: list[Episode] = []
    for fact in ordered:
        if not episodes:
            episodes.append(Episode(fact))
            continue
        ep = episodes[-1]
        if fact.change == "contested":
            ep.disputes.append(fact)
        elif fact.controller == ep.current.controller and fact.change == ep.current.change:
            ep.support.append(fact)
        elif fact.change == "lost" and fact.controller != ep.current.controller:
            ep.support.append(fact)  # the other side lost it: agrees with the holder
        elif _is_new_change(fact, ep.current) or _days_apart(fact, ep.current) > window_days:
            episodes.append(Episode(fact))
        else:
            ep.disputes.append(fact)
    return episodes


def control_state(facts: Iterable[ControlFact], as_of: str | None = None,
                  window_days: int = 2) -> ControlRecord | None:
    """Who controls one place as of ``as_of`` (None: the latest), from its facts.

    The latest episode decides; reports of the same days that contradict it make the
    place ``contested`` (``contested_by`` names the other sides).
    """
    ordered = facts_as_of(facts, as_of)
    if not ordered:
        return None
    episode = fold_control(ordered, window_days)[-1]
    head = episode.current
    controller = head.controller or next(
        (f.controller for f in reversed(ordered) if f.controller), None)
    rivals = {f.controller for f in episode.disputes if f.controller} - {controller}
    change = "contested" if episode.disputes or head.change == "contested" else head.change
    history = tuple({"controller": f.controller, "change": f.change,
                     "date": f.end_date or f.start_date, "doc_id": f.doc_id,
                     "start": f.evidence.start, "end": f.evidence.end} for f in ordered)
    since = head.start_date or head.end_date or head.published
    return ControlRecord(
        place=head.place, admin1=head.admin1, country=head.country, level=head.level,
        controller=controller, change=change, as_of=as_of or _latest_date(ordered),
        since=since[:10] if since else None,
        sources=tuple(f.evidence for f in episode.facts), history=history,
        contested_by=tuple(sorted(x for x in rivals if x)))


def _days_apart(a: ControlFact, b: ControlFact) -> int:
    from datetime import date

    try:
        da, db = date.fromisoformat(a.sort_date[:10]), date.fromisoformat(b.sort_date[:10])
    except ValueError:
        return 0 if a.sort_date == b.sort_date else 99
    return abs((da - db).days)


def _latest_date(facts: list[ControlFact]) -> str | None:
    dates = [d[:10] for f in facts for d in (f.end_date, f.start_date, f.published) if d]
    return max(dates) if dates else None


def control_states(facts: Iterable[ControlFact], as_of: str | None = None,
                   place: str | None = None) -> list[ControlRecord]:
    """One :class:`ControlRecord` per place (optionally only places or admin1s named
    ``place``), ordered by country, admin1 and place."""
    by_place: dict[str, list[ControlFact]] = {}
    for fact in facts:
        if place and place.casefold() not in {fact.place.casefold(),
                                              (fact.admin1 or "").casefold()}:
            continue
        by_place.setdefault(fact.place_key, []).append(fact)
    records = [r for group in by_place.values() if (r := control_state(group, as_of))]
    return sorted(records, key=lambda r: (r.country or "", r.admin1 or "", r.level != "admin1",
                                          r.place))


def control_view(conn: Any, place: str | None = None,
                 as_of: str | None = None) -> list[ControlRecord]:
    """Who controls what (``polybius control``, ``GET /control``), from the store.

    >>> # control_view(store.conn, place="Kursk", as_of="2024-09-01")
    """
    from ..store.situation_queries import read_control_facts

    return control_states(read_control_facts(conn, place), as_of=as_of, place=place)


def fact_to_json(fact: ControlFact) -> dict[str, Any]:
    """A control fact as stored in ``situation_facts.record``."""
    from dataclasses import asdict

    return asdict(fact)


def fact_from_json(data: dict[str, Any]) -> ControlFact:
    values = dict(data)
    values["evidence"] = SourceRef.from_json(values["evidence"])
    return ControlFact(**values)
