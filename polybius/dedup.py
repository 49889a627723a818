"""Group one event's mentions: within a report (restatements) and, later, across reports."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Mapping

from .records import Actor, Event

LOOSE_TYPES = frozenset({"CONSULT", "AGREE"})  # "these talks" refers back to the same talks


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.lower() == b.lower()


def places_agree(a, b) -> bool:
    """Unknown, the same place, or one place inside the other (a town in the region or
    country that the other names)."""
    if a.name is None or b.name is None or a.name.lower() == b.name.lower():
        return True
    for wide, narrow in ((a, b), (b, a)):
        if wide.feature == "country" and wide.country and wide.country == narrow.country:
            return True
        if wide.feature == "admin1" and wide.admin1 and wide.admin1 == narrow.admin1 \
                and wide.country == narrow.country:
            return True
    return False


def same_event(a: Event, b: Event) -> bool:
    """Whether two events of one report are the same event told twice."""
    if a.event_type != b.event_type or a.acled_sub_event_type != b.acled_sub_event_type:
        return False
    if not places_agree(a.location, b.location):
        return False
    if not _compatible(a.date.start_date, b.date.start_date) and a.date.text and b.date.text:
        return False
    if a.event_type in LOOSE_TYPES:
        return True
    if a.status != b.status:
        return False
    if not _compatible(a.actor1.name, b.actor1.name):
        return False
    return a.location.name is not None or a.actor1.name is not None


FOLLOW_UP_SENTENCES = 600  # characters after an event where a bare restatement may follow


def is_follow_up(first: Event, later: Event) -> bool:
    """A later, bare statement about the same violence or protest ("At least 100 people
    were killed.", "Police fired tear gas to disperse them.") adds detail to the event
    just before it."""
    if first.event_type != later.event_type or first.event_type not in ("ASSAULT", "PROTEST"):
        return False
    if later.evidence.start - first.evidence.end > FOLLOW_UP_SENTENCES:
        return False
    if later.status != first.status and "planned" in (later.status, first.status):
        return False
    if later.actor1.name is not None and not _compatible(first.actor1.name, later.actor1.name):
        return False
    if later.location.name is not None and first.location.name is not None:
        return later.location.name == first.location.name and later.actor1.name is None
    return later.actor1.name is None


FORCE_KINDS = frozenset({"police", "state_forces"})
CROWD_KINDS = frozenset({"protesters", "rioters", "crowd"})
CROWD_WORDS = re.compile(r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies)|marchers|crowds?|"
                         r"gathering|sit-in|strikers|participants)\b", re.IGNORECASE)
FORCE_ON_PROTEST = frozenset({"Protest with intervention", "Excessive force against protesters"})
INTERVENTION_TYPES = frozenset({"Arrests", "Attack", "Excessive force against protesters",
                                "Protest with intervention", "Armed clash"})


def is_intervention(protest: Event, later: Event) -> bool:
    """Police or troops acting on the protest just told ("Police dispersed the
    demonstrators and arrested five.", "Security forces shot dead two protesters."): in
    ACLED's coding that is one event, a protest with intervention (or with excessive
    force), not a protest plus a separate arrest or attack."""
    if protest.event_type != "PROTEST" or protest.status != "occurred" \
            or later.status != "occurred":
        return False
    if later.evidence.start - protest.evidence.end > FOLLOW_UP_SENTENCES:
        return False
    by_force = later.actor1.kind in FORCE_KINDS and (
        later.acled_sub_event_type in INTERVENTION_TYPES or later.event_type == "PROTEST") \
        or later.acled_sub_event_type in FORCE_ON_PROTEST  # typed so: "Police arrested 3"
    # "Two persons were arrested." right after a protest: the arrested are protesters
    arrests = later.acled_sub_event_type == "Arrests" and (
        later.actor1.kind is None or later.actor1.kind in CROWD_KINDS)
    if not (by_force or arrests):
        return False
    if later.location.name is not None and protest.location.name is not None and \
            later.location.name != protest.location.name:
        return False
    return arrests or later.actor2.kind in CROWD_KINDS or \
        bool(CROWD_WORDS.search(later.evidence.text or ""))


def _with_intervention(protest: Event, force: Event) -> Event:
    deadly = (force.fatalities.value or 0) > 0 or \
        force.acled_sub_event_type == "Excessive force against protesters"
    sub = "Excessive force against protesters" if deadly else "Protest with intervention"
    if protest.acled_sub_event_type == "Excessive force against protesters" or \
            protest.acled_event_type == "Riots":
        sub = protest.acled_sub_event_type
    fatalities = protest.fatalities if protest.fatalities.value is not None \
        else force.fatalities
    actor2 = protest.actor2 if protest.actor2.name is not None else force.actor1
    return replace(protest, acled_event_type=protest.acled_event_type or "Protests",
                   acled_sub_event_type=sub, fatalities=fatalities, actor2=actor2)


def _richness(event: Event) -> int:
    return sum(x is not None for x in (event.actor1.name, event.actor2.name,
                                       event.location.name, event.date.text,
                                       event.fatalities.value, event.attribution.text))


def _within(start: int | None, span) -> bool:
    return start is not None and span.start <= start < span.end


def _antecedent(groups: list[list[Event]], event: Event, *,
                kind: str) -> list[Event] | None:
    """The latest group an event that refers back ("the attack", "13 people were
    wounded") can be about: violence or a protest for violence, the same type otherwise.
    A toll must also fit the group's place, actor and date; a definite noun ("Somalia
    welcomed the strikes") names the event itself, whatever else its sentence says."""
    kinds = ("ASSAULT", "PROTEST") if event.event_type in ("ASSAULT", "PROTEST") \
        else (event.event_type,)
    told = event.evidence  # what the sentence itself names, not defaults or context
    named = event.actor1.name if _within(event.actor1.start, told) and \
        event.actor1.kind not in CROWD_KINDS | {"civilians"} else None
    placed = _within(event.location.start, told)
    for group in reversed(groups):
        head = group[0]
        if head.event_type not in kinds or "planned" in (head.status, event.status):
            continue
        if kind == "claim" and head.actor1.name is not None and head.actor1.name != named:
            continue  # an actor's account joins that actor's event (or one with no agent)
        if kind == "definite":
            return group
        fits = (not placed or places_agree(head.location, event.location)) \
            and (kind == "toll" or _compatible(head.actor1.name, named)) \
            and (_compatible(head.date.start_date, event.date.start_date)
                 or not (head.date.text and event.date.text))
        if fits:
            return group
    return None


def merge_in_document(events: list[Event],
                      refers_back: Mapping[str, str] | None = None) -> list[Event]:
    """Collapse restatements of one event in one report into a single event.

    The richest statement (most resolved fields; the earliest on ties) stands for the group;
    the others are kept as ``mentions`` evidence spans. Events whose ids are in
    ``refers_back`` (event id -> "definite" for "the attack", "toll" for a bare toll,
    "claim" for an actor's own account) join the latest event they can be about and never
    stand for it.
    """
    refers_back = refers_back or {}
    groups: list[list[Event]] = []
    interventions: dict[int, Event] = {}  # group index -> the force used on that protest
    for event in events:
        if event.event_id in refers_back and (antecedent := _antecedent(
                groups, event, kind=refers_back[event.event_id])) is not None:
            antecedent.append(event)
            continue
        protest = next((i for i in range(len(groups) - 1, -1, -1)
                        if is_intervention(groups[i][0], event)), None)
        if protest is not None:
            interventions.setdefault(protest, event)
            groups[protest].append(event)
            continue
        if groups and len(groups[-1]) == 1 and \
                groups[-1][0].evidence.start == event.evidence.start and \
                is_intervention(event, groups[-1][0]):  # "Police fired tear gas at a rally"
            interventions[len(groups) - 1] = groups[-1][0]
            groups[-1].insert(0, event)
            continue
        for group in groups:
            if same_event(group[0], event):
                group.append(event)
                break
        else:
            if groups and is_follow_up(groups[-1][-1], event):
                groups[-1].append(event)
            else:
                groups.append([event])
    merged: list[Event] = []
    for index, group in enumerate(groups):
        force = interventions.get(index)
        members = [e for e in group if (force is None or e.event_type == "PROTEST")
                   and e.event_id not in refers_back] or group
        best = max(members, key=lambda e: (_richness(e), -e.evidence.start))
        if force is not None:
            best = _with_intervention(best, force)
        if best.actor1.name is None:  # another telling names who did it
            donor = next((e.actor1 for e in group if e.actor1.name is not None
                          and e.actor1.start is not None), None)
            if donor is not None:
                other = best.actor2 if best.actor2.name != donor.name else \
                    Actor(reason="the only actor named is the agent")
                best = replace(best, actor1=donor, actor2=other)
        if best.fatalities.value is None:
            toll = next((e.fatalities for e in group if e.fatalities.value is not None
                         and not _within(e.fatalities.start, best.evidence)), None)
            if toll is not None:
                best = replace(best, fatalities=toll)
        if best.date.start_date is None:  # "On 25 March, striking workers gathered"
            told = next((e.date for e in group if e.date.start_date is not None), None)
            if told is not None:
                best = replace(best, date=told)
        if best.event_type in LOOSE_TYPES:
            best = replace(best, status=group[0].status)
        if len(group) > 1:
            extras = dict(best.extras)
            extras["mentions"] = [{"start": e.evidence.start, "end": e.evidence.end}
                                  for e in group]
            best = replace(best, extras=extras,
                           confidence=min(1.0, best.confidence + 0.03 * (len(group) - 1)))
        merged.append(best)
    return sorted(merged, key=lambda e: e.evidence.start)
