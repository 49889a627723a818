"""Group one event's mentions: within a report (restatements) and, later, across reports."""

from __future__ import annotations

from dataclasses import replace

from .records import Event

LOOSE_TYPES = frozenset({"CONSULT", "AGREE"})  # "these talks" refers back to the same talks


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.lower() == b.lower()


def same_event(a: Event, b: Event) -> bool:
    """Whether two events of one report are the same event told twice."""
    if a.event_type != b.event_type or a.acled_sub_event_type != b.acled_sub_event_type:
        return False
    if not _compatible(a.location.name, b.location.name):
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


def _richness(event: Event) -> int:
    return sum(x is not None for x in (event.actor1.name, event.actor2.name,
                                       event.location.name, event.date.text,
                                       event.fatalities.value, event.attribution.text))


def merge_in_document(events: list[Event]) -> list[Event]:
    """Collapse restatements of one event in one report into a single event.

    The richest statement (most resolved fields; the earliest on ties) stands for the group;
    the others are kept as ``mentions`` evidence spans.
    """
    groups: list[list[Event]] = []
    for event in events:
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
    for group in groups:
        best = max(group, key=lambda e: (_richness(e), -e.evidence.start))
        if best.fatalities.value is None:
            toll = next((e.fatalities for e in group if e.fatalities.value is not None), None)
            if toll is not None:
                best = replace(best, fatalities=toll)
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
