"""Claims stated in the text rather than as events: "Ukrainian units in the region were
encircled" against "no threat of encirclement"; and figures of an agreement ("exchanged 175
prisoners of war each") compared across the reports of one merged event.

``find_statements`` (pure) reads one report; ``statement_claims`` groups the statements of
every report about the same point (same side, same region) into claims.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, Iterable

from ..fatalities import parse_number
from ..records import Event, Place
from .claims import make_claim
from .control_text import find_name, find_speaker
from .model import ClaimRecord, ClaimVersion, DocInfo, SourceRef
from .sentences import split_sentences

ENCIRCLED = re.compile(r"(?i)\b(?:encircled|encirclement|surrounded|in a cauldron|"
                       r"cut off from supplies)\b")
NEGATION = re.compile(r"(?i)\b(?:no threat of|not|never|no|denied|deny|denies|false|rejected|"
                      r"dismissed)\b[^.;]{0,30}$")
SIDE = re.compile(r"(?P<side>[A-Z][\w’'-]*)\s+(?:units|troops|forces|soldiers|servicemen|"
                  r"brigades?|garrison)")
PRISONERS = re.compile(
    r"(?i)\b(?P<n>\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|hundred)\s+(?:\w+\s+){0,2}?(?:prisoners|POWs|"
    r"servicemen|soldiers|captives|detainees|civilians)\b")
WINDOW_DAYS = 7


@dataclass(frozen=True, slots=True)
class Statement:
    """One report's version of a point, e.g. (encirclement, Ukrainian forces, Kursk)."""

    key: str
    claim: str
    value: str
    by: str | None
    published: str | None
    source: SourceRef

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Statement":
        values = dict(data)
        values["source"] = SourceRef.from_json(values["source"])
        return cls(**values)


def _side(text: str, actors: Any) -> tuple[str, str] | None:
    """(country name, the demonym as written) of the troops a sentence speaks of."""
    for m in SIDE.finditer(text):
        code = actors.country_code(m.group("side"))
        if code:
            return actors.country_name(code), m.group("side")
    return None


_REGION_WORD = re.compile(r"\s+(?:region|province|oblast|area)\b", re.I)
_NAME_GOES_ON = re.compile(r"\s+[A-Z]")


def _region(text: str, places: Iterable[Place]) -> str | None:
    """The region a sentence names: "the Kursk region" first; "Vladimir Putin" is no place."""
    best: tuple[int, str] | None = None
    for place in places:
        for name in {place.name, place.admin1} - {None}:
            for m in find_name(name, text, place):
                after = text[m.end():]
                rank = 0 if _REGION_WORD.match(after) else 2 if _NAME_GOES_ON.match(after) else 1
                if rank < 2 and (best is None or rank < best[0]):
                    best = (rank, place.admin1 or place.name)
    return best[1] if best else None


def find_statements(doc: DocInfo, events: list[Event], actors: Any,
                    known_places: Iterable[Place] = ()) -> list[Statement]:
    """Encirclement claims (and their denials) in one report."""
    places: list[Place] | None = None  # made at the first claim: most reports have none
    sentences = split_sentences(doc.text)
    out: list[Statement] = []
    for sent in sentences:
        m = ENCIRCLED.search(sent.text)
        if not m:
            continue
        if places is None:
            places = [e.location for e in events if e.location.name] + list(known_places)
        found = _side(sent.text, actors)
        region = _region(sent.text, places) or next(
            (_region(s.text, places) for s in reversed(sentences[:sent.index])
             if _region(s.text, places)), None)
        if found is None:
            continue
        side, written = found
        negated = bool(NEGATION.search(sent.text[:m.start()]))
        same = [e for e in events if e.evidence.start < sent.end and sent.start < e.evidence.end
                and e.attribution.text]
        by = (same[0].attribution.source or same[0].attribution.text) if same else \
            find_speaker(sent.text)
        where = f" in {region}" if region else ""
        out.append(Statement(
            key=f"encirclement|{side}|{region or ''}",
            claim=f"{written} troops{where} are encircled",
            value="not encircled" if negated else "encircled", by=by,
            published=doc.published,
            source=SourceRef(doc.doc_id, sent.start, sent.end)))
    return out


def statement_claims(key: str, statements: list[Statement]) -> list[ClaimRecord]:
    """One claim per point told by two reports or more (contested when values differ)."""
    if len({s.source.doc_id for s in statements}) < 2:
        return []
    ordered = sorted(statements, key=lambda s: (s.published or "", s.source.doc_id))
    versions = [ClaimVersion(s.by or s.source.doc_id, s.value, s.source.doc_id,
                             s.source.start, s.source.end) for s in ordered]
    return [make_claim(key, key.split("|")[0], ordered[0].claim, versions)]


def agreement_claims(cluster_id: str, members: list[tuple[Event, str | None]]
                     ) -> list[ClaimRecord]:
    """How many prisoners an exchange freed, as each report of it says."""
    if not members or members[0][0].event_type not in ("AGREE", "COOPERATE", "CONCEDE"):
        return []
    versions = []
    for event, outlet in members:
        m = PRISONERS.search(event.evidence.text)
        value = parse_number(m.group("n")) if m else None
        if value is None:
            continue
        by = event.attribution.source or event.attribution.text or outlet
        versions.append(ClaimVersion(by, value, event.doc_id, event.evidence.start,
                                     event.evidence.end))
    if len({v.doc_id for v in versions}) < 2:
        return []
    day = next((e.date.start_date for e, _ in members if e.date.start_date), None)
    when = f" on {day}" if day else ""
    return [make_claim(cluster_id, "figures", f"number of prisoners exchanged{when}", versions)]
