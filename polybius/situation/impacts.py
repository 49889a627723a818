"""Impacts: humanitarian (killed, injured, displaced, refugees, aid access, power cuts) and
economic (energy prices, food supply, trade, sanctions, pipeline and port stoppages).

``find_impacts`` (pure) reads one report sentence by sentence with phrase patterns; each
impact keeps its figure (``None`` when the text gives none: "millions", "disruptions"),
unit, place and date (from the event told in the same sentence or paragraph, else the
sentence's own date phrase, else the publication date) and the span it rests on.
``merge_impacts`` joins the same figure for the same place and days told by several reports.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Iterable

from ..dates import resolve_date
from ..fatalities import parse_number
from ..records import Event
from .model import DocInfo, ImpactRecord, SourceRef
from .sentences import Sentence, split_sentences

_NUM = (r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:\s?(?:million|m|bn|billion))?|"
        r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
        r"thirty|forty|fifty|hundred)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|"
        r"dozens|hundreds|thousands|tens of thousands|millions|a dozen)")
_QUAL = (r"(?:(?:more than|over|at least|about|around|nearly|almost|some|up to|an estimated|"
         r"roughly|only)\s+)?")
FIG = rf"(?P<fig>{_QUAL}{_NUM})(?![\d,.]\d)\b"
#: "killing up to 30 servicemen" is a military toll, not a humanitarian impact
_NOT_MILITARY = (r"(?!\s+(?:\w+\s+)?(?:servicemen|soldiers|troops|fighters|militants|"
                 r"mercenaries|personnel|combatants|gunmen|rebels|insurgents)\b)")
_PEOPLE = r"(?:people|civilians|residents|persons|children|families|inhabitants|villagers)"

#: (kind, what, unit, pattern, needs); the pattern's ``fig`` group, when present, is the
#: figure. ``needs`` lists words (``|``) the pattern cannot match without one of: a report
#: or a sentence with none of them (case aside) is not scanned with the pattern; a
#: substring test is much cheaper than trying a pattern at every position.
_RAW: tuple[tuple[str, ...], ...] = (
    ("humanitarian", "displacement", "people",
     rf"\b{FIG}\s+(?:\w+\s+){{0,2}}{_PEOPLE}\s+(?:\w+\s+){{0,3}}(?:displaced|evacuated|fled|"
     rf"forced (?:from|to flee|out)|uprooted|left their homes)",
     r"displaced|evacuated|fled|forced|uprooted|left their homes"),
    ("humanitarian", "displacement", "people",
     rf"\b(?:displac\w+|evacuat\w+|uproot\w+)\s+(?:of\s+)?{FIG}\s+(?:of\s+)?(?:\w+\s+)?{_PEOPLE}",
     r"displac|evacuat|uproot"),
    ("humanitarian", "evacuation order", "villages",
     rf"\bevacuat\w+[^.;]{{0,80}}?\bfrom\s+{FIG}\s+(?:more\s+)?(?:villages|settlements|"
     rf"towns|communities)", r"evacuat"),
    ("humanitarian", "refugees", "people", rf"\b{FIG}\s+(?:\w+\s+){{0,2}}refugees", "refugees"),
    ("humanitarian", "refugees", "people",
     rf"\brefugees\s+(?:\w+\s+){{0,4}}(?:reached|numbered|total(?:led)?)\s+{FIG}", "refugees"),
    ("humanitarian", "civilian deaths", "people killed",
     rf"\b(?:killing|killed)\s+{FIG}(?:\s+(?:\w+\s+)?{_PEOPLE})?{_NOT_MILITARY}", "killing|killed"),
    ("humanitarian", "civilian deaths", "people killed",
     rf"\b{FIG}\s+(?:\w+\s+)?{_PEOPLE}\s+(?:were\s+|had been\s+|have been\s+)?killed",
     "killed"),
    ("humanitarian", "civilian deaths", "people killed",
     rf"\bdeath toll\s+(?:\w+\s+){{0,3}}(?:to|at|of)\s+{FIG}", "death toll"),
    ("humanitarian", "civilian deaths", "people killed", rf"\b(?:has|had)\s+risen\s+to\s+{FIG}",
     "risen"),
    ("humanitarian", "injuries", "people injured",
     rf"\b(?:injuring|wounding|injured|wounded)\s+{FIG}(?:\s+(?:other\s+)?{_PEOPLE})?"
     rf"{_NOT_MILITARY}", "injuring|wounding|injured|wounded"),
    ("humanitarian", "injuries", "people injured",
     rf"\b{FIG}\s+(?:\w+\s+)?{_PEOPLE}\s+(?:were\s+)?(?:injured|wounded|hurt)",
     "injured|wounded|hurt"),
    ("humanitarian", "power outage", "households",
     rf"\b{FIG}\s+(?:households|homes|consumers|customers)\b[^.;]{{0,60}}?\bwithout\s+"
     rf"(?:electricity|power|heating|water)", "without"),
    ("humanitarian", "civilians remaining", "people",
     rf"\b{FIG}\s+{_PEOPLE}\s+(?:still\s+)?remain", "remain"),
    ("humanitarian", "aid access", None,
     r"\b(?:aid|humanitarian)\s+(?:convoys?|deliveries|access|supplies|workers)\b[^.;]{0,60}?"
     r"\b(?:blocked|suspended|halted|denied|cut off|restricted|could not|unable)",
     "aid|humanitarian"),
    ("humanitarian", "displacement", "people",
     rf"\b(?:displaced|displacing)\s+{FIG}\s+of\s+(?:\w+\s+)?{_PEOPLE}", "displac"),
    ("economic", "energy prices", "percent",
     rf"\b(?:energy|gas|oil|electricity|fuel|power)\s+prices\b(?:[^.;]{{0,40}}?\bby\s+"
     rf"(?P<pct>{_NUM})\s?(?:%|percent|per cent))?", "prices"),
    ("economic", "food supply", None,
     r"\b(?:food (?:supplies|supply|prices|shortages|insecurity)|disruptions? in food|"
     r"grain (?:exports|shipments|deliveries)\b[^.;]{0,40}?\b(?:halted|suspended|"
     r"disrupted|fell|blocked))", "food|grain"),
    ("economic", "oil pipeline flows suspended", None,
     r"\b(?:oil|gas) (?:flows?|supplies|deliveries)\b[^.;]{0,60}?\b(?:suspended|halted|"
     r"stopped|cut|interrupted)", "oil|gas"),
    ("economic", "trade disruption", None,
     r"\b(?:trade|exports|imports|shipping)\b[^.;]{0,30}?\b(?:halted|suspended|disrupted|"
     r"blocked|fell|collapsed)", "trade|exports|imports|shipping"),
    ("economic", "sanctions", None,
     r"\b(?:new|fresh|imposed|impose|tougher|further)\s+sanctions\b|\bsanctions\s+"
     r"(?:on|against)\b", "sanctions"),
)
PATTERNS: tuple[tuple[str, str, str | None, re.Pattern[str], tuple[str, ...]], ...] = \
    tuple((k, w, u, re.compile(p, re.I), tuple(n.split("|"))) for k, w, u, p, n in _RAW)


def _figure(m: re.Match[str]) -> tuple[float | int | None, str]:
    groups = m.groupdict()
    raw = next((groups[k] for k in ("fig", "pct") if groups.get(k)), None)
    if raw is None:
        return None, m.group(0)
    words = re.sub(r"(?i)^(?:more than|over|at least|about|around|nearly|almost|some|up to|"
                   r"an estimated|roughly|only)\s+", "", raw.strip())
    if re.search(r"(?i)^(?:dozens|hundreds|thousands|tens of thousands|millions)$", words):
        return None, raw
    scale = re.search(r"(?i)\s?(million|m|bn|billion)$", words)
    if scale and re.match(r"[\d.,]+", words):
        base = float(re.match(r"[\d.,]+", words).group().replace(",", ""))
        factor = 1e9 if scale.group(1).lower() in ("bn", "billion") else 1e6
        return int(base * factor), raw
    if re.fullmatch(r"\d+\.\d+", words):
        return float(words), raw
    return parse_number(words), raw


def _event_for(sent: Sentence, sentences: list[Sentence],
               events: list[Event]) -> Event | None:
    same = [e for e in events if e.evidence.start < sent.end and sent.start < e.evidence.end]
    if same:
        return same[0]
    para = {s.index for s in sentences if s.paragraph == sent.paragraph}
    near = [e for e in events if e.location.name and any(
        s.start <= e.evidence.start < s.end for s in sentences if s.index in para)]
    return min(near, key=lambda e: abs(e.evidence.start - sent.start)) if near else None


def find_impacts(doc: DocInfo, events: Iterable[Event]) -> list[ImpactRecord]:
    """Humanitarian and economic impacts stated in one report, in text order."""
    events = [e for e in events if e.status not in ("hypothetical", "denied")]
    sentences = split_sentences(doc.text)
    located = [e for e in events if e.location.name]
    fallback = max(located, key=lambda e: sum(
        x.location.name == e.location.name for x in located)) if located else None
    lowered = doc.text.lower()
    patterns = [p for p in PATTERNS if any(word in lowered for word in p[4])]
    out: list[ImpactRecord] = []
    for sent in sentences if patterns else ():
        taken: list[tuple[int, int]] = []
        sent_lowered = sent.text.lower()
        for kind, what, unit, pattern, needs in patterns:
            if not any(word in sent_lowered for word in needs):
                continue
            for m in pattern.finditer(sent.text):
                start, end = sent.start + m.start(), sent.start + m.end()
                if any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                figure, text = _figure(m)
                event = _event_for(sent, sentences, events) or fallback
                place = event.location if event is not None else None
                when = event.date.end_date or event.date.start_date if event else None
                if not when or not _same_sentence(event, sent):
                    own = resolve_date(doc.text, sent.span, [], doc.published)
                    when = own.end_date or own.start_date or when
                out.append(ImpactRecord(
                    kind=kind, what=what, figure=figure, unit=unit if figure is not None
                    else (unit if unit and what != "energy prices" else None),
                    place=place.name if place else None,
                    admin1=place.admin1 if place else None,
                    country=place.country if place else None,
                    date=when or (doc.published[:10] if doc.published else None),
                    text=text, sources=(SourceRef(doc.doc_id, start, end),)))
    return out


def _same_sentence(event: Event | None, sent: Sentence) -> bool:
    return event is not None and event.evidence.start < sent.end and \
        sent.start < event.evidence.end


def _close(a: str | None, b: str | None, days: int) -> bool:
    if not a or not b:
        return a == b
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) <= days
    except ValueError:
        return a == b


def merge_impacts(impacts: Iterable[ImpactRecord], window_days: int = 2) -> list[ImpactRecord]:
    """Impacts with the same what, figure and place on close days become one, with every
    source; figureless ones merge only within one report."""
    merged: list[ImpactRecord] = []
    for item in sorted(impacts, key=lambda i: (i.date or "", i.sources[0].doc_id,
                                               i.sources[0].start)):
        for n, prev in enumerate(merged):
            same_doc = prev.sources[0].doc_id == item.sources[0].doc_id
            if prev.what == item.what and prev.place == item.place and \
                    prev.figure == item.figure and (item.figure is not None or same_doc) and \
                    _close(prev.date, item.date, window_days):
                merged[n] = ImpactRecord(prev.kind, prev.what, prev.figure, prev.unit,
                                         prev.place, prev.admin1, prev.country, prev.date,
                                         prev.text, prev.sources + item.sources)
                break
        else:
            merged.append(item)
    return merged


def impacts_view(conn: Any, kind: str | None = None, since: str | None = None,
                 place: str | None = None) -> list[ImpactRecord]:
    """Impacts in the store, merged across reports (``polybius impacts``, ``GET /impacts``)."""
    from ..store.situation_queries import read_impacts

    items = [i for i in read_impacts(conn)
             if (kind is None or i.kind == kind) and (since is None or (i.date or "") >= since)
             and (place is None or place.casefold() in {(i.place or "").casefold(),
                                                        (i.admin1 or "").casefold()})]
    return merge_impacts(items)


def impact_to_json(item: ImpactRecord) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(item)


def impact_from_json(data: dict[str, Any]) -> ImpactRecord:
    values = dict(data)
    values["sources"] = tuple(SourceRef.from_json(s) for s in values["sources"])
    return ImpactRecord(**values)
