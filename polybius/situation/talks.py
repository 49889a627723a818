"""Talks: meetings and negotiations planned, held, postponed or cancelled.

``find_talks`` (pure) reads one report: each talks mention (a CONSULT event, or a sentence
about talks with a status word) gets its participants (``actors.find_actor_mentions``-style
dictionary matches: governments, organisations, leaders), status, date, venue and agenda
items; agenda phrases are looked for in the talks sentence, the rest of its paragraph and
any sentence of the report that speaks of an agenda ("will focus on", "the agenda
includes"). ``merge_talks`` groups mentions of the same talks across reports (shared
participants, compatible dates and venue): the latest report sets the status, so a later
"postponed" updates the talks instead of adding new ones.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Iterable

from ..dates import resolve_date
from ..records import Event, Span, When, stable_id
from .model import AgendaItem, DocInfo, SourceRef, TalksMention, TalksRecord
from .sentences import Sentence, sentence_at, split_sentences

TALKS_NOUN = re.compile(
    r"(?i)\b(?:talks|negotiations?|negotiators|summit|meeting|meet|met|discussions|"
    r"peace conference|consultations|round|delegations?)\b")
STATUS_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cancelled", re.compile(r"(?i)\b(?:cancel+ed|called off|scrapped|calling off|cancel+ing)\b")),
    ("postponed", re.compile(r"(?i)\b(?:postpone[ds]?|postponing|put off|delayed|pushed back|"
                             r"rescheduled|deferred|adjourned)\b")),
    ("held", re.compile(r"(?i)\b(?:held|met|began|begun|opened|wrapped up|concluded|ended|"
                        r"took place|started|finished|after (?:about )?\w+ hours of)\b")),
    ("planned", re.compile(r"(?i)\b(?:will|to hold|set to|scheduled|planned|expected|due to|"
                           r"upcoming|next week|to meet|to resume|would)\b")),
)
AGENDA_CUE = re.compile(
    r"(?i)\b(?:agenda|focus(?:ed|es)? on|discuss(?:ed|ing)?|on the table|address(?:ed)?|"
    r"talks (?:on|about|over)|negotiat\w* (?:on|over)|cover(?:ed)?|centre on|center on|"
    r"expected to (?:raise|tackle)|topics?|would be monitored|include[ds]?)\b")
TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ceasefire monitoring", re.compile(r"(?i)\b(?:monitor\w*|verif\w*)\b[^.;]{0,40}\b"
                                        r"(?:ceasefire|truce)|(?:ceasefire|truce)\b[^.;]{0,25}"
                                        r"\bmonitor\w*")),
    ("ceasefire", re.compile(r"(?i)\b(?:cease-?fire|truce|armistice|halt to (?:the )?fighting)")),
    ("energy infrastructure", re.compile(r"(?i)\b(?:energy (?:infrastructure|facilities|"
                                         r"sites)|strikes on (?:energy|power)|power plants?|"
                                         r"power grid)")),
    ("Black Sea navigation", re.compile(r"(?i)\b(?:(?:shipping|navigation) in the Black Sea|"
                                        r"Black Sea (?:shipping|navigation|corridor)|"
                                        r"maritime (?:truce|security|ceasefire))")),
    ("prisoner exchange", re.compile(r"(?i)\b(?:(?:exchanges?|swaps?) of (?:prisoners|"
                                     r"POWs|captives)|prisoners?(?: of war)? (?:exchange|swap)|"
                                     r"POW (?:exchange|swap)|release of prisoners)")),
    ("troop withdrawal", re.compile(r"(?i)\b(?:withdrawal of (?:\w+ )?(?:troops|forces)|"
                                    r"troop withdrawal|withdraw\w* (?:of )?(?:troops|forces)|"
                                    r"pull(?:ing)? back (?:troops|forces))")),
    ("territory", re.compile(r"(?i)\b(?:restoration of (?:the )?territor\w*|territorial "
                             r"(?:integrity|concessions|issues?|questions?)|return of "
                             r"(?:occupied )?territor\w*|borders?\b(?! region))")),
    ("humanitarian access", re.compile(r"(?i)\b(?:humanitarian (?:access|assistance|aid|"
                                       r"corridors?)|aid deliveries)")),
    ("intelligence sharing", re.compile(r"(?i)\bintelligence[- ]sharing|sharing of intelligence")),
    ("military aid", re.compile(r"(?i)\b(?:military aid|weapons deliveries|arms supplies)")),
    ("sanctions", re.compile(r"(?i)\bsanctions\b")),
    ("security guarantees", re.compile(r"(?i)\bsecurity guarantees?")),
    ("grain exports", re.compile(r"(?i)\bgrain (?:exports|deal|corridor|shipments)")),
    ("nuclear safety", re.compile(r"(?i)\bnuclear (?:power )?(?:plant|station|safety)")),
    ("political settlement", re.compile(r"(?i)\b(?:political (?:solutions?|settlement)|"
                                        r"peace (?:deal|plan|agreement|settlement))")),
)
FOLLOW_UP = re.compile(r"(?i)\b(?:follow-?up|next|another|second|third|new) (?:round|meeting|"
                       r"session)")
UNDATED_DAYS = 14
_REGIME = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")
PARTICIPANT_KINDS = frozenset({"government", "io", "country"})


def _status(text: str, event: Event | None) -> str:
    for status, pattern in STATUS_CUES[:2]:
        if pattern.search(text):
            return status
    if event is not None:
        return "planned" if event.status in ("planned", "hypothetical") else "held"
    for status, pattern in STATUS_CUES[2:]:
        if pattern.search(text):
            return status
    return "planned"


def find_participants(text: str, span: Span, actors: Any,
                      extra: Iterable[str | None] = ()) -> tuple[list[str], list[tuple[int, int]]]:
    """ACLED names of the governments, organisations and leaders named in ``span``, and
    the ``(start, end)`` offsets of their mentions in ``text``."""
    names: list[str] = [n for n in extra if n]
    refs: list[tuple[int, int]] = []
    for hit in actors.scan(text[span.start:span.end]):
        name, _country, kind, _reason = actors.resolve(hit, None)
        if name and (kind in PARTICIPANT_KINDS or name.startswith("Government of")):
            if name not in names:
                names.append(name)
            refs.append((span.start + hit.start, span.start + hit.end))
    for m in DELEGATIONS.finditer(text, span.start, span.end):
        for dem in re.finditer(r"[A-Z][\w.]+", m.group("dems")):
            name = _government(dem.group(), actors)
            if name and not _stems([name]) & _stems(names):
                names.append(name)
                refs.append((m.start("dems") + dem.start(), m.start("dems") + dem.end()))
    return names, refs


DELEGATIONS = re.compile(
    r"(?P<dems>[A-Z][\w.]+(?:(?:,\s*|\s+and\s+)[A-Z][\w.]+)*)\s+(?:delegations?|negotiators|"
    r"envoys|teams|sides|officials|diplomats|counterparts|leaders)\b")


def _government(demonym: str, actors: Any) -> str | None:
    """"American" -> "Government of the United States (...)", via the actor dictionary."""
    code = actors.country_code(demonym)
    if not code:
        return None
    for hit in actors.scan(actors.country_name(code)):
        name, _country, _kind, _reason = actors.resolve(hit, None)
        if name and name.startswith("Government of"):
            return name
    return None


_VENUE = re.compile(r"\b(?:in|at)\s+(?:the\s+(?:[A-Z]\w+\s+)?capital,?\s+)?"
                    r"(?P<place>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)")
_NOT_VENUES = frozenset({"January", "February", "March", "April", "May", "June", "July",
                         "August", "September", "October", "November", "December", "Monday",
                         "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
                         "The", "A", "An", "Washington's", "Moscow's"})


def _venue_in(text: str, actors: Any) -> str | None:
    """The city after "in"/"at" in a talks sentence, when it is no country, month or day."""
    for m in _VENUE.finditer(text):
        name = m.group("place")
        if name.split()[0] in _NOT_VENUES or actors.country_code(name):
            continue
        return name
    return None


def find_agenda(doc: DocInfo, sentences: Iterable[Sentence]) -> list[AgendaItem]:
    """Agenda topics named in ``sentences`` (each with the span of its phrase)."""
    items: list[AgendaItem] = []
    for sent in sentences:
        taken: list[tuple[int, int]] = []
        for topic, pattern in TOPICS:
            for m in pattern.finditer(sent.text):
                start, end = sent.start + m.start(), sent.start + m.end()
                if any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                items.append(AgendaItem(topic, SourceRef(doc.doc_id, start, end)))
    return sorted(items, key=lambda a: a.source.start)


def _candidates(doc: DocInfo, sentences: list[Sentence],
                events: list[Event]) -> list[tuple[Sentence, Event | None]]:
    found: dict[int, tuple[Sentence, Event | None]] = {}
    for event in events:
        if event.event_type != "CONSULT":
            continue
        sent = sentence_at(sentences, event.evidence.start)
        if sent is not None and sent.index not in found:
            found[sent.index] = (sent, event)
    for sent in sentences:
        if sent.index in found or not TALKS_NOUN.search(sent.text):
            continue
        if STATUS_CUES[0][1].search(sent.text) or STATUS_CUES[1][1].search(sent.text):
            found[sent.index] = (sent, None)
    return [found[i] for i in sorted(found)]


def find_talks(doc: DocInfo, events: Iterable[Event], actors: Any) -> list[TalksMention]:
    """The talks one report mentions, each with participants, status, date, venue, agenda.

    Mentions of one report that share participants are one talks (restatements).
    """
    sentences = split_sentences(doc.text)
    events = list(events)
    candidates = _candidates(doc, sentences, events)
    if not candidates:
        return []
    mentions: list[TalksMention] = []
    agenda_sents = {s.index for s in sentences if AGENDA_CUE.search(s.text)}
    venues = sorted({e.location.name for e in events if e.location.name},
                    key=lambda n: (-len(n), n))  # longest first, then by name
    for n, (sent, event) in enumerate(candidates):
        extra = [event.actor1.name, event.actor2.name] if event is not None else []
        names, refs = find_participants(doc.text, sent.span, actors, extra)
        if not names and n > 0:
            names = list(mentions[-1].participants) if mentions else []
        nxt = candidates[n + 1][0].index if n + 1 < len(candidates) else len(sentences)
        scope = [s for s in sentences if s.index == sent.index or (
            sent.index < s.index < nxt and (s.paragraph == sent.paragraph or
                                            s.index in agenda_sents))]
        status = _status(sent.text, event)
        when = event.date if event is not None and event.date.start_date else resolve_date(
            doc.text, sent.span, [], doc.published,
            status="planned" if status in ("planned", "postponed") else None)
        if when.text is None and (event is None or event.date.text is None):
            when = When(reason="no date phrase in the talks sentence")
        place = event.location.name if event is not None and event.location.name else \
            next((name for name in venues if re.search(rf"\b{re.escape(name)}\b", sent.text)),
                 None) or _venue_in(sent.text, actors)
        mentions.append(TalksMention(
            doc_id=doc.doc_id, participants=tuple(names), status=status,
            start_date=when.start_date, end_date=when.end_date, place=place,
            agenda=tuple(find_agenda(doc, scope)), published=doc.published,
            evidence=SourceRef(doc.doc_id, sent.start, sent.end),
            participant_spans=tuple(SourceRef(doc.doc_id, a, b) for a, b in refs),
            follow_up=bool(FOLLOW_UP.search(sent.text))))
    return mentions


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def same_talks(a: TalksMention | TalksRecord, b: TalksMention, window_days: int = 3) -> bool:
    """Whether ``b`` tells of the talks ``a`` (shared participant, close dates, same venue)."""
    if b.follow_up and a.status == "held":
        return False
    if a.status == "held" and b.status in ("planned", "postponed", "cancelled"):
        held, pub = _day(a.start_date), _day(b.published)
        if held and pub and pub > held and (
                _day(b.start_date) is None or _day(b.start_date) > held):
            return False  # talks already held cannot be postponed afterwards: a new round
    pa, pb = _stems(a.participants), _stems(b.participants)
    same_day = a.start_date is not None and a.start_date == b.start_date
    same_place = a.place is not None and b.place is not None and \
        a.place.casefold() == b.place.casefold()
    if pa and pb and not pa & pb and not (same_day and same_place):
        return False  # other parties, unless the same venue and day (a host, a mediator)
    if a.place and b.place and a.place.casefold() != b.place.casefold():
        return False
    da, db = _day(a.start_date), _day(b.start_date)
    if da and db and abs((da - db).days) > window_days:
        return False
    if not (da and db):  # undated: only within a fortnight of the latest report
        pub_a, pub_b = _day(a.published), _day(b.published)
        if pub_a and pub_b and abs((pub_a - pub_b).days) > UNDATED_DAYS:
            return False
    return bool(pa & pb) or same_place


def talks_id_for(mention: TalksMention) -> str:
    return "t" + stable_id("talks", mention.doc_id, mention.evidence.start, length=15)


def assign_talks(existing: list[tuple[str, TalksMention]], new: list[TalksMention],
                 window_days: int = 3) -> list[tuple[str, TalksMention]]:
    """``(talks_id, mention)`` for each new mention: the talks it updates, or a new id.

    A mention is compared with each talks as merged so far (so talks already held are not
    "postponed" by a report of a later round); dated mentions join the talks of the
    nearest date.
    """
    groups: dict[str, list[TalksMention]] = {}
    for tid, mention in existing:
        groups.setdefault(tid, []).append(mention)
    records = {tid: merge_talks(tid, mentions) for tid, mentions in groups.items()}
    out: list[tuple[str, TalksMention]] = []
    for mention in new:
        day = _day(mention.start_date)
        best: tuple[tuple[int, int], str] | None = None
        for tid, record in records.items():
            if not same_talks(record, mention, window_days) or not all(
                    _compatible_dates(m, mention, window_days) for m in groups[tid]):
                continue
            other = _day(record.start_date)
            rank = (abs((other - day).days) if day and other else window_days + 1,
                    -len(_stems(record.participants) & _stems(mention.participants)))
            if best is None or rank < best[0]:
                best = (rank, tid)
        tid = best[1] if best else talks_id_for(mention)
        groups.setdefault(tid, []).append(mention)
        records[tid] = merge_talks(tid, groups[tid])
        out.append((tid, mention))
    return out


def _compatible_dates(a: TalksMention, b: TalksMention, window_days: int) -> bool:
    da, db = _day(a.start_date), _day(b.start_date)
    return not (da and db) or abs((da - db).days) <= window_days


def _stems(names: Iterable[str]) -> set[str]:
    """Participant names without ACLED's regime years: the same government across terms."""
    return {_REGIME.sub("", n) for n in names}


def _mention_order(m: TalksMention) -> tuple[str, str, int]:
    return (m.published or "", m.doc_id, m.evidence.start)


def merge_talks(talks_id: str, mentions: list[TalksMention]) -> TalksRecord:
    """One talks record from its mentions; the latest-published mention sets the status.

    A "held" report is not undone by an older "planned" one; "postponed" or "cancelled"
    after "planned" replaces it.
    """
    ordered = sorted(mentions, key=_mention_order)
    status, history = "planned", []
    for m in ordered:
        status = m.status if not (status == "held" and m.status == "planned") else status
        history.append({"status": m.status, "doc_id": m.doc_id, "start": m.evidence.start,
                        "end": m.evidence.end, "published": m.published})
    counts: dict[str, int] = {}
    for m in ordered:
        for stem in _stems(m.participants):
            counts[stem] = counts.get(stem, 0) + 1
    quorum = max(1, -(-len(ordered) // 3))  # named by a third of the reports or more
    participants: list[str] = []
    for m in ordered:
        participants += [p for p in m.participants if _stems([p]) - _stems(participants)
                         and counts[_REGIME.sub("", p)] >= quorum]
    dated = [m for m in ordered if m.start_date]
    held = [m for m in dated if m.status == "held"]
    best = (held or dated or [None])[-1]
    places = [m.place for m in ordered if m.place]
    agenda: list[AgendaItem] = [a for m in ordered for a in m.agenda]
    sources = tuple(m.evidence for m in ordered) + tuple(a.source for a in agenda)
    return TalksRecord(
        talks_id=talks_id, participants=tuple(participants), status=status,
        start_date=best.start_date if best else None, end_date=best.end_date if best else None,
        place=places[-1] if places else None, agenda=tuple(agenda), sources=sources,
        status_history=tuple(history),
        published=max((m.published for m in ordered if m.published), default=None))


def talks_view(conn: Any, status: str | None = None) -> list[TalksRecord]:
    """Every talks record in the store (``polybius talks``, ``GET /talks``)."""
    from ..store.situation_queries import read_talks

    return [t for t in read_talks(conn) if status is None or t.status == status]


def mention_to_json(m: TalksMention) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(m)


def mention_from_json(data: dict[str, Any]) -> TalksMention:
    values = dict(data)
    values["participants"] = tuple(values["participants"])
    values["evidence"] = SourceRef.from_json(values["evidence"])
    values["agenda"] = tuple(AgendaItem(a["topic"], SourceRef.from_json(a["source"]))
                             for a in values["agenda"])
    values["participant_spans"] = tuple(SourceRef.from_json(s)
                                        for s in values.get("participant_spans", ()))
    return TalksMention(**values)

