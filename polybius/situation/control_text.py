"""Control stated without a control-change event: "the village remained under Russian
control", "no longer shows Sudzha under Ukrainian control", "with neither side in full
control", "where both sides claim to hold positions".

``control_statements`` (pure) turns such sentences into :class:`ControlFact` records. The
place is a place the report's events name that occurs in the sentence, or, for "the
village" / "the town", the nearest place named before it in the same paragraph.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Iterable

from ..records import Event, Place
from .model import ControlFact, DocInfo, SourceRef
from .sentences import Sentence, split_sentences

_WHO = r"(?P<who>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})"
UNDER = re.compile(
    rf"(?P<neg>\bno longer\b[^.;]{{0,60}}?)?\b(?:under|in)\s+(?:full\s+|firm\s+)?{_WHO}\s+"
    r"(?:military\s+)?control\b")
HELD = re.compile(rf"\b(?:held|controlled|occupied)\s+by\s+{_WHO}\s+(?:forces|troops)")
CONTESTED = re.compile(
    r"(?i)\b(?:neither side (?:is |was )?in (?:full )?control|both sides (?:claim|say)\w*"
    r"(?: to)? (?:hold|control)|contested (?:town|village|city|area)|fighting for control of|"
    r"changed hands (?:several|multiple|many) times)")
ANAPHOR = re.compile(r"(?i)\b(?:the|this) (?:village|town|city|settlement|district|area|"
                     r"region|province|oblast)\b")


def _controller(who: str, actors: Any) -> str | None:
    """The armed forces of the side named by a demonym or name ("Russian", "Ukraine's")."""
    who = re.sub(r"[’']s$", "", who.strip())
    for hit in actors.scan(f"{who} forces"):
        name, _country, kind, _reason = actors.resolve(hit, None, "agent", "violent")
        if name and kind in ("state_forces", "rebels", "armed_group", "militia", "military"):
            return name
    return None


def _places(events: list[Event], known: Iterable[Place] = ()) -> dict[str, Place]:
    """Place names to look for: the report's event places, then places the store knows."""
    names: dict[str, Place] = {}
    for loc in [e.location for e in events] + list(known):
        for name in (loc.name, loc.text):
            if loc.name and name and len(name) > 2:
                names.setdefault(name, loc)
    return names


REGION_WORD = r"\s+(?:region|province|oblast|governorate|state)\b"


def find_name(name: str, text: str, place: Place | None = None) -> Iterable[re.Match[str]]:
    """Whole-word matches of ``name``; a lexicon region ("Kursk", feature admin1, no
    coordinates) only where the text says "Kursk region" / "province" / "oblast"."""
    if name not in text:  # most names of a large lexicon: skip the regex entirely
        return iter(())
    tail = REGION_WORD if place is not None and place.feature == "admin1" and \
        place.lat is None else ""
    return _name_pattern(name, tail).finditer(text)


@functools.lru_cache(maxsize=8192)
def _name_pattern(name: str, tail: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)(?={tail})" if tail else
                      rf"(?<!\w){re.escape(name)}(?!\w)")


def _place_in(sent: Sentence, sentences: list[Sentence], places: dict[str, Place],
              doc: DocInfo, own: frozenset[str] = frozenset()) -> Place | None:
    # the report's own event places first: what else the store knows must not change
    # which place a report's statement is about
    for name, place in sorted(places.items(), key=lambda x: (x[0] not in own, -len(x[0]))):
        if any(True for _ in find_name(name, sent.text, place)):
            return place
    if not ANAPHOR.search(sent.text):
        return None
    before = [s for s in sentences if s.paragraph == sent.paragraph and s.index <= sent.index]
    for prior in reversed(before):
        text = doc.text[prior.start:sent.start] if prior.index == sent.index else prior.text
        hits = [(m.start(), place) for name, place in places.items()
                for m in find_name(name, text, place)]
        if hits:
            return max(hits, key=lambda h: h[0])[1]
    return None


def control_statements(doc: DocInfo, events: list[Event], actors: Any,
                       known_places: Iterable[Place] = ()) -> list[ControlFact]:
    """Control facts from statements of who holds a place, one per sentence at most.

    The place is one the report's events name or one of ``known_places`` (places the
    store has seen) found in the sentence, or the nearest before "the village". A place
    said to be contested without a named holder is presumed held by its country's forces.
    """
    sentences = split_sentences(doc.text)
    places: dict[str, Place] | None = None  # made at the first statement: most have none
    out: list[ControlFact] = []
    for sent in sentences:
        found = _statement(sent, actors)
        if found is None:
            continue
        if places is None:
            places = _places(events, known_places)
            if not places:
                return []
            own = frozenset(_places(events))
        change, controller, (start, end) = found
        loc = _place_in(sent, sentences, places, doc, own)
        if loc is None:
            continue
        if controller is None and loc.country:
            controller = _controller(actors.country_name(loc.country), actors)
        region = (loc.geo_precision or 0) >= 3 or loc.name == loc.admin1
        same = [e for e in events if e.evidence.start < sent.end and sent.start < e.evidence.end]
        attribution = next((e.attribution.source or e.attribution.text for e in same
                            if e.attribution.text), None) or find_speaker(sent.text)
        out.append(ControlFact(
            doc_id=doc.doc_id, place=loc.admin1 if region and loc.admin1 else loc.name,
            admin1=loc.admin1, country=loc.country, level="admin1" if region else "town",
            controller=controller, change=change, actor=controller if change != "contested"
            else None, start_date=None, end_date=None, order=1_000_000 + sent.start,
            published=doc.published, evidence=SourceRef(doc.doc_id, start, end),
            event_id=None, attribution=attribution, status="occurred"))
    return out


def _statement(sent: Sentence, actors: Any) -> tuple[str, str | None, tuple[int, int]] | None:
    m = CONTESTED.search(sent.text)
    if m:
        return "contested", None, (sent.start + m.start(), sent.start + m.end())
    for pattern in (UNDER, HELD):
        m = pattern.search(sent.text)
        if not m:
            continue
        controller = _controller(m.group("who"), actors)
        if controller is None:
            continue
        negated = pattern is UNDER and m.group("neg") is not None
        return ("lost" if negated else "gained", controller,
                (sent.start + m.start(), sent.start + m.end()))
    return None


_BY = r"(?:the\s+|a\s+)?[\w’'.-]+(?:\s+[\w’'.-]+){0,5}?"
_SAYS = r"(?:said|says|claimed|claims|reported|told|insisted|added|wrote|announced)\b"
SPEAKERS = (
    re.compile(rf"^(?P<by>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){{0,5}})\s+{_SAYS}"),
    re.compile(rf",\s+(?P<by>{_BY})\s+{_SAYS}"),
    re.compile(rf"\baccording to\s+(?P<by>(?:the\s+)?[\w’'.-]+(?:\s+[\w’'.-]+){{0,4}})"),
)


def find_speaker(text: str) -> str | None:
    """Who a sentence cites: "..., the ministry said" -> "the ministry"; a speaker that
    opens the sentence ("Commander Syrskyi said ...") comes first."""
    for pattern in SPEAKERS:
        m = pattern.search(text)
        if m and not m.group("by").split()[0].endswith("ing"):
            return m.group("by")
    return None
