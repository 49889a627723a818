"""Date phrase + report date -> ``When`` (a date range with ``time_precision``).

The stage is pure: it reads one sentence of a document, the date mentions spaCy found in
it (``DATE``/``TIME`` entities; may be empty) and the document's publication date, and
returns the event's date with the ``[start, end)`` span of the phrase it rests on.

Our own rules (``dates_rules``) read the phrases spaCy and dateparser get wrong or miss
("earlier this month", "months prior", "late last month", "between 3 and 5 March");
dateparser reads whatever else spaCy marked, one short phrase at a time. Relative phrases
are anchored on the publication date and never guessed without one. ``time_precision``
follows ACLED: 1 a day, 2 a week or a few days, 3 a month or vaguer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from .dates_rules import (DURATION_PHRASE, RELATIVE_RULES, Hit, NeedsAnchor, Range,
                          add_months, clip_past, month_end, month_part, need_anchor,
                          part_word, read_hit, scan_sentence, weekday_number, word_number,
                          year_part)
from .errors import InputError
from .records import Span, When

NO_DATE = "no date in text and no publication date"
PUBLISHED_USED = "no date in sentence; publication date used"
HISTORY_DAYS = 365  # a phrase ending this long before the report is background history

# What a spaCy DATE/TIME mention needs before dateparser is asked about it.
_DATE_SIGNAL = re.compile(
    r"(?i:\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:mon|tues|wednes|thurs|fri"
    r"|satur|sun)day|yesterday|today|tonight|tomorrow|ago|fortnight|weekend)\b"
    r"|\b(?:19|20)\d\d\b|\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b)")
_FULL_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_ORDINAL_DAY = re.compile(r"(?i:the\s+(\d{1,2})(?:st|nd|rd|th)(?:\s+of\s+(?:the|this)\s+month)?)")
_AHEAD = re.compile(r"(?i:\b(?:next|tomorrow|coming|later|upcoming)\b)")
_DAY_WORD = re.compile(
    r"(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d|"
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|satur|sun)day|\b(?:yesterday|today|tonight|"
    r"tomorrow)\b|\d{4}-\d\d-\d\d)")
# Two unrelated anchors: a phrase that reads the same against both is absolute.
_PROBE_ANCHORS = (date(2001, 6, 15), date(2013, 11, 20))


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    rng: Range | None  # None: relative phrase and no anchor


def parse_published(published: str | None) -> date | None:
    """The calendar date of an ISO 8601 publication date or datetime.

    Raises ``InputError`` when the value is not ISO 8601.

    >>> parse_published("2022-03-15T08:30:00Z"), parse_published(None)
    (datetime.date(2022, 3, 15), None)
    """
    if published is None or not published.strip():
        return None
    value = published.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass  # not a full datetime: try the leading date part next
    try:
        return date.fromisoformat(value[:10])
    except ValueError as exc:
        raise InputError(
            f"publication date {published!r} is not ISO 8601; give it as YYYY-MM-DD or "
            f"YYYY-MM-DDTHH:MM:SS (ingest normalises RFC 2822 feed dates)") from exc


def find_date_mentions(doc_text: str, sentence: Span) -> list[Span]:
    """Date phrases our rules find in ``sentence``, as spans of ``doc_text``.

    Durations ("for three days", "the past 24 hours") are not date mentions.

    >>> text = "On Tuesday, shelling resumed after a lull for two days."
    >>> [s.text for s in find_date_mentions(text, Span.of(text, 0, len(text)))]
    ['Tuesday']
    """
    hits, _ = scan_sentence(doc_text[sentence.start:sentence.end], sentence.start)
    return [Span.of(doc_text, h.start, h.end) for h in hits]


def resolve_date(doc_text: str, sentence: Span, mentions: list[Span], published: str | None,
                 *, status: str | None = None,
                 cache: dict[tuple[Any, ...], Any] | None = None) -> When:
    """The date of the event told in ``sentence``, with the span of the phrase it rests on.

    ``mentions`` are spaCy DATE/TIME spans in the sentence (may be empty: our rules scan
    the sentence anyway). ``published`` (ISO 8601 or None) anchors relative phrases.
    ``status="planned"`` reads "on Tuesday" and "in August" forward instead of back.
    ``cache`` (any dict, owned by the caller) memoises dateparser readings of phrases.

    >>> text = "Russian forces shelled the town on Tuesday, officials said."
    >>> when = resolve_date(text, Span.of(text, 0, len(text)), [], "2022-03-17")
    >>> when.start_date, when.time_precision, text[when.start:when.end]
    ('2022-03-15', 1, 'Tuesday')
    >>> resolve_date(text, Span.of(text, 0, len(text)), [], None).reason
    "relative date 'Tuesday' and no publication date"
    """
    anchor = parse_published(published)
    future = status == "planned"
    hits, durations = scan_sentence(doc_text[sentence.start:sentence.end], sentence.start)
    candidates = [c for c in (_read_rule(h, anchor, future) for h in hits) if c is not None]
    taken = [(h.start, h.end) for h in hits] + durations
    for mention in mentions:
        start, end = max(mention.start, sentence.start), min(mention.end, sentence.end)
        if start >= end or any(start < e and s < end for s, e in taken):
            continue
        found = _read_mention(doc_text, start, end, anchor, future, cache)
        if found is not None:
            candidates.append(found)
            taken.append((found.start, found.end))
    return _choose(doc_text, candidates, anchor)


def _read_rule(hit: Hit, anchor: date | None, future: bool) -> _Candidate | None:
    try:
        if hit.rule in RELATIVE_RULES:
            rng = _read_relative(hit.rule, hit.match.groupdict(), anchor, future)
        else:
            rng = read_hit(hit, anchor, future)
        return _Candidate(hit.start, hit.end, rng)
    except NeedsAnchor:
        return _Candidate(hit.start, hit.end, None)
    except ValueError:
        return None  # not a calendar date: "31 February"


def _read_mention(doc_text: str, start: int, end: int, anchor: date | None, future: bool,
                  cache: dict[tuple[Any, ...], Any] | None) -> _Candidate | None:
    """A spaCy mention our rules did not cover, read by dateparser (durations skipped)."""
    raw = doc_text[start:end]
    phrase = raw.strip(" \t\n,.;:()'\"")
    start += raw.index(phrase) if phrase else 0
    end = start + len(phrase)
    if not phrase or len(phrase) > 60 or not _DATE_SIGNAL.search(phrase):
        return None
    if DURATION_PHRASE.fullmatch(phrase):
        return None
    key = ("dateparser.v1", phrase, anchor, future)
    if cache is not None and key in cache:
        reading = cache[key]
    else:
        reading = _dateparser_reading(phrase, anchor, future)
        if cache is not None:
            cache[key] = reading
    if reading == "needs-anchor":
        return _Candidate(start, end, None)
    return None if reading is None else _Candidate(start, end, reading)


def _dateparser_reading(phrase: str, anchor: date | None, future: bool) -> Range | str | None:
    """dateparser's range for a phrase; "needs-anchor" when it depends on the anchor."""
    ordinal = _ORDINAL_DAY.fullmatch(phrase)
    if ordinal:  # "the 15th": dateparser reads "the 5th" as May
        if anchor is None:
            return "needs-anchor"
        return _day_of_month(int(ordinal.group(1)), anchor, future)
    if anchor is not None:
        return _dateparser_range(phrase, anchor, future)
    readings = {_dateparser_range(phrase, probe, future) for probe in _PROBE_ANCHORS}
    if readings == {None}:
        return None
    return readings.pop() if len(readings) == 1 else "needs-anchor"


def _day_of_month(day: int, anchor: date, future: bool) -> Range | None:
    """Day ``day`` of the anchor's month, or of the month before (after, if planned)."""
    month = anchor.replace(day=1)
    if future and day < anchor.day:
        month = add_months(month, 1)
    elif not future and day > anchor.day + 2:
        month = add_months(month, -1)
    if day > month_end(month.year, month.month).day:
        return None
    found = month.replace(day=day)
    return found, found, 1


def _dateparser_range(phrase: str, anchor: date, future: bool) -> Range | None:
    from dateparser.date import DateDataParser  # heavy import: only when a phrase needs it

    settings = {"RELATIVE_BASE": datetime.combine(anchor, time()),
                "PREFER_DATES_FROM": "future" if future else "past",
                "PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": True}
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(phrase)
    except (ValueError, OverflowError):
        return None  # dateparser gave up on an odd phrase: no date
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if not _FULL_YEAR.search(phrase) and (abs(day.year - anchor.year) > 1 or (
            not future and day > anchor + timedelta(days=2) and not _AHEAD.search(phrase))):
        return None  # "the 99th" is not 1999; a past "the 15th" is not next week
    period = data.period or "day"
    if period == "time" and not _DAY_WORD.search(phrase):
        return None  # "3 a.m." says nothing about the day
    if period == "week":
        monday = day - timedelta(days=day.weekday())
        start, end, precision = monday, monday + timedelta(days=6), 2
    elif period == "month":
        start, end, precision = day.replace(day=1), month_end(day.year, day.month), 3
    elif period == "year":
        start, end, precision = date(day.year, 1, 1), date(day.year, 12, 31), 3
    else:
        return day, day, 1
    if not future and start <= anchor < end:
        end = anchor
    return start, end, precision


def _choose(doc_text: str, candidates: list[_Candidate], anchor: date | None) -> When:
    resolved = [c for c in candidates if c.rng is not None]
    pending = [c for c in candidates if c.rng is None]
    if resolved:
        best = min(resolved, key=lambda c: _rank(c, anchor))
        if not (anchor is None and pending and _width(best.rng) == 2):
            return _when(doc_text, best, anchor)
    if pending:
        first = pending[0]
        text = doc_text[first.start:first.end]
        return When(text=text, start=first.start, end=first.end,
                    reason=f"relative date '{text}' and no publication date")
    if anchor is None:
        return When(reason=NO_DATE)
    return When(start_date=anchor.isoformat(), end_date=anchor.isoformat(), time_precision=2,
                reason=PUBLISHED_USED)


def _rank(cand: _Candidate, anchor: date | None) -> tuple[bool, bool, int, int]:
    """Recent before background history, closed before open ranges, narrower, then first."""
    start, end, _ = cand.rng
    history = anchor is not None and (end or start) < anchor - timedelta(days=HISTORY_DAYS)
    return history, end is None, _width(cand.rng), cand.start


def _width(rng: Range) -> int:
    """0 for one day ("around 7 June" too), 1 for up to two weeks, 2 for longer."""
    start, end, _ = rng
    days = (end - start).days if end is not None else 999
    return 0 if days == 0 else 1 if days <= 14 else 2


def _when(doc_text: str, cand: _Candidate, anchor: date | None) -> When:
    start, end, precision = cand.rng
    text = doc_text[cand.start:cand.end]
    reason = None
    if end is None:
        reason = (f"open-ended date '{text}' and no publication date" if anchor is None else
                  f"open-ended date '{text}' starts after the publication date")
    return When(text=text, start=cand.start, end=cand.end, start_date=start.isoformat(),
                end_date=end.isoformat() if end else None, time_precision=precision,
                reason=reason)


_VAGUE = {"a couple of": (2, 3), "a few": (2, 5), "few": (2, 5), "several": (2, 6),
          "many": (2, 10)}


def _read_relative(rule: str, groups: dict[str, str | None], anchor: date | None,
                  future: bool) -> Range:
    """Ranges of phrases that only make sense against the anchor date."""
    day = need_anchor(anchor)
    if rule == "weekday":
        q = " ".join((groups["q"] or "").lower().split())
        return _weekday(weekday_number(groups["wd"]), q, day, future)
    if rule == "rel_day":
        key = " ".join((groups["k"] or "").lower().split())
        if key == "overnight":
            return (day, day + timedelta(days=1), 2) if future else (
                day - timedelta(days=1), day, 2)
        shift = {"the day before yesterday": -2, "yesterday": -1, "tomorrow": 1}.get(
            key, -1 if "last" in key else 0)
        return day + timedelta(days=shift), day + timedelta(days=shift), 1
    if rule == "weekend":
        return _weekend(day, "", future)
    if rule in ("rel_period", "rel_in_the"):
        q = " ".join((groups.get("q") or "this").lower().split())
        q = {"this past": "last", "the coming": "next"}.get(q, q)
        unit = groups["unit"].lower()
        if unit == "weekend":
            return _weekend(day, q, future)
        return _period(unit, q, part_word(groups.get("part")), day, future)
    if rule in ("ago", "prior"):
        return _ago(groups.get("n"), groups["unit"].lower(), day, rule == "prior")
    raise ValueError(f"unknown date rule {rule!r}")


def _weekday(wd: int, q: str, anchor: date, future: bool) -> Range:
    back = (anchor.weekday() - wd) % 7
    ahead = (wd - anchor.weekday()) % 7
    if q in ("last", "this past"):
        day = anchor - timedelta(days=back or 7)
    elif q in ("next", "the coming"):
        day = anchor + timedelta(days=ahead or 7)
    elif q == "this":  # the one in the anchor's own week, Monday to Sunday
        day = anchor + timedelta(days=wd - anchor.weekday())
    else:
        day = anchor + timedelta(days=ahead) if future else anchor - timedelta(days=back)
    return day, day, 1


def _weekend(anchor: date, q: str, future: bool) -> Range:
    """Saturday-Sunday: the one just past or under way; the coming one if planned."""
    sat = anchor + timedelta(days=5 - anchor.weekday())  # this week's Saturday
    if q == "last" or (q != "next" and not future and anchor < sat):
        sat -= timedelta(days=7)
    elif q == "next" and anchor >= sat:
        sat += timedelta(days=7)
    return clip_past((sat, sat + timedelta(days=1), 2), anchor, future)


def _period(unit: str, q: str, part: str, anchor: date, future: bool) -> Range:
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday())
        monday += timedelta(days={"last": -7, "next": 7}.get(q, 0))
        first, last, precision = monday, monday + timedelta(days=6), 2
        thirds = {"early": (0, 2), "start": (0, 2), "beginning": (0, 2), "mid": (1, 3),
                  "middle": (1, 3), "late": (3, 6), "end": (3, 6)}
        if part in thirds:
            lo, hi = thirds[part]
            first, last = monday + timedelta(days=lo), monday + timedelta(days=hi)
    elif unit == "month":
        base = add_months(anchor.replace(day=1), {"last": -1, "next": 1}.get(q, 0))
        first, last, precision = month_part(base.year, base.month, part)
    else:
        year = anchor.year + {"last": -1, "next": 1}.get(q, 0)
        first, last, precision = year_part(year, part)
    if q == "this" and part == "earlier":
        return first, max(first, min(last, anchor - timedelta(days=1))), precision
    if q == "this" and part == "later":
        return max(first, anchor), last, precision
    return clip_past((first, last, precision), anchor, future)


def _ago(amount: str | None, unit: str, anchor: date, prior: bool) -> Range:
    unit = unit.rstrip("s")
    key = " ".join((amount or "").lower().split())
    count = None if prior or amount is None or key in _VAGUE else word_number(amount)
    if unit == "fortnight":
        unit, count = "week", None if count is None else 2 * count
    if unit == "decade":
        unit, count = "year", None if count is None else 10 * count
    lo, hi = _VAGUE.get(key, (2, 10))
    if unit == "day":
        if count is not None:
            day = anchor - timedelta(days=count)
            return day, day, 1
        return anchor - timedelta(days=hi), anchor - timedelta(days=lo), 2
    if unit == "week":
        if count is not None:
            point = anchor - timedelta(weeks=count)
            monday = point - timedelta(days=point.weekday())
            return monday, monday + timedelta(days=6), 2
        return anchor - timedelta(weeks=hi), anchor - timedelta(weeks=lo), 3
    if unit == "month":
        if count is not None:
            point = add_months(anchor, -count)
            return point.replace(day=1), month_end(point.year, point.month), 3
        return add_months(anchor, -12 if key == "" else -hi), add_months(anchor, -lo), 3
    if count is not None:
        return date(anchor.year - count, 1, 1), date(anchor.year - count, 12, 31), 3
    return date(anchor.year - hi, 1, 1), date(anchor.year - lo, 12, 31), 3


#: a yearless "5 January" in an undated report lies within half a year of the report's
#: latest full date, on either side
YEARLESS_WINDOW_DAYS = 180
_CALENDAR_DAY = ("dmy", "mdy")


def document_anchor(doc_text: str) -> str | None:
    """For a report without a publication date: the latest full date it writes ("4 January
    2025"), shifted half a year on, as the anchor that gives "5 January" its year. None when
    the report writes no full date."""
    hits, _ = scan_sentence(doc_text, 0)
    days = []
    for hit in hits:
        if hit.rule in _CALENDAR_DAY and hit.match.group("y") and \
                not hit.match.groupdict().get("since"):
            try:
                days.append(read_hit(hit, None, False)[0])
            except (ValueError, NeedsAnchor):
                continue
    if not days:
        return None
    return (max(days) + timedelta(days=YEARLESS_WINDOW_DAYS)).isoformat()


def is_yearless_day(phrase: str) -> bool:
    """"5 January", "March 7": a calendar day without its year."""
    text = phrase.strip()
    hits, _ = scan_sentence(text, 0)
    return len(hits) == 1 and hits[0].rule in _CALENDAR_DAY and \
        (hits[0].start, hits[0].end) == (0, len(text)) and not hits[0].match.group("y")


__all__ = ["find_date_mentions", "parse_published", "resolve_date"]
