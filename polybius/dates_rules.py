"""Regular-expression rules for date phrases, and how each one is anchored.

``scan_sentence`` finds date phrases (``Hit``) and durations ("for three days", "the past 24
hours", "two years of war") in one sentence. ``read_hit`` turns a calendar hit ("15 March",
"late May 2022", "since 2014") into a date range given the anchor (the publication date)
and the direction (past, or future for planned events); it raises ``NeedsAnchor`` when a
year-less date has no anchor. Hits in ``RELATIVE_RULES`` ("last week", "on Tuesday") are
read by ``polybius.dates``.

The compiled patterns below are constants: nothing is loaded or cached at import.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
          r"|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?"
          r"|Dec(?:ember|\.)?)(?![a-z])")
_MONTH_FULL = (r"(?:January|February|March|April|May|June|July|August|Sept(?:ember)?"
               r"|October|November|December)(?![\w-])")
_DAY = r"(?<![\d.,:])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:%])"
_YEAR = r"(?:19|20)\d\d(?![\ds%])"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![a-z])"
_NUM = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
        r"|thirty|forty|fifty|\d{1,4}(?:[.,]\d+)?)")
_UNIT = (r"(?:hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies))"
         r"(?![\w-])")
_PART = r"(?:early|mid|late|(?:the\s+)?(?:start|beginning|middle|end)\s+of)"
_TO = r"\s*(?:-|–|—|\s(?:to|and|until|till|through)\s)\s*"
_QUAL = r"(?:\s*\((?P<qual>as\s+reported|week\s+of|month\s+of)\))?"
_SINCE = r"(?:(?P<since>since)\s+)"
_APPROX = r"(?:(?P<approx>around|approximately|on\s+or\s+about|circa)\s+)"

_WORDNUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
            "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
            "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


# Cheap tests run once per sentence; a rule runs only when all of its gates are present.
GATES: dict[str, re.Pattern[str]] = {
    "digit": re.compile(r"\d"),
    "month": re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"),
    "weekday": re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"),
    "day": re.compile(r"(?i:yesterday|today|tonight|tomorrow|night|evening|morning|afternoon)"),
    "period": re.compile(r"(?i:week|month|year)"),
    "ago": re.compile(r"(?i:\bago\b)"),
    "prior": re.compile(r"(?i:prior|earlier|before)"),
    "unit": re.compile(r"(?i:hour|day|night|week|fortnight|month|year|decade|centur)"),
}


def _rule(name: str, gates: str, pattern: str) -> tuple[str, tuple[str, ...], re.Pattern[str]]:
    return name, tuple(gates.split()), re.compile(pattern)


# Case-insensitive only where marked (?i:...): month and weekday names must be capitalised
# ("may", "march"), keywords may not be ("Last week", "last week"). The group "p" is the
# phrase; a preposition outside it ("in August") is matched but not part of the span.
DATE_RULES: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = (
    _rule("iso", "digit", r"(?<![\d-])(?P<p>(?P<y>(?:19|20)\d\d)-(?P<mo>0[1-9]|1[0-2])"
          r"-(?P<d>0[1-9]|[12]\d|3[01]))(?!\d)"),
    _rule("numeric", "digit", r"(?<![\d/.])(?P<p>(?P<a>0?[1-9]|[12]\d|3[01])(?P<sep>[/.])"
          r"(?P<b>0?[1-9]|[12]\d|3[01])(?P=sep)(?P<y>(?:19|20)\d\d))(?![\d/]|\.\d)"),
    _rule("range_dm", "digit month",
          rf"(?P<p>(?:(?i:between|from)\s+)?(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH})"
          rf"(?:,?\s+(?P<y1>{_YEAR}))?)?(?i:{_TO})(?P<d2>{_DAY})\s+(?:of\s+)?"
          rf"(?P<m2>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?)"),
    _rule("range_md", "digit month",
          rf"(?P<p>(?:(?i:between|from)\s+)?(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?i:{_TO})"
          rf"(?:(?P<m2>{_MONTH})\s+)?(?P<d2>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?)"),
    _rule("range_month", "month",
          rf"(?P<p>(?i:between|from)\s+(?P<m1>{_MONTH_FULL})(?:\s+(?P<y1>{_YEAR}))?"
          rf"(?i:{_TO})(?P<m2>{_MONTH_FULL})(?:,?\s+(?P<y>{_YEAR}))?)"),
    _rule("dmy", "digit month",
          rf"(?P<p>(?i:{_SINCE}|{_APPROX})?(?:{_WEEKDAY},?\s+(?:the\s+)?)?(?P<d>{_DAY})"
          rf"\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?(?i:{_QUAL}))"),
    _rule("mdy", "digit month",
          rf"(?P<p>(?i:{_SINCE}|{_APPROX})?(?:{_WEEKDAY},?\s+)?(?P<m>{_MONTH})\s+"
          rf"(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?(?i:{_QUAL}))"),
    _rule("my", "digit month",
          rf"(?P<p>(?i:{_SINCE}|(?P<part>{_PART})[\s-]+)?(?P<m>{_MONTH}),?\s+"
          rf"(?:of\s+)?(?P<y>{_YEAR}))"),
    _rule("month_year_q", "month period",
          rf"(?P<p>(?i:{_SINCE}|(?P<part>{_PART})[\s-]+)?(?P<m>{_MONTH_FULL})"
          rf",?\s+(?i:of\s+)?(?P<yq>(?i:last|this|next))\s+(?i:year))"),
    _rule("month_q", "month",
          rf"(?P<p>(?i:{_SINCE}|(?P<part>{_PART})[\s-]+|(?P<q>last|this|next)\s+)"
          rf"(?P<m>{_MONTH_FULL}))(?!,?\s*\d)"),
    _rule("month_in", "month", rf"(?<![\w-])(?i:in|during|throughout|of|by|until|till)\s+"
          rf"(?P<p>(?P<m>{_MONTH_FULL}))(?!,?\s*\d)"),
    _rule("year_q", "digit",
          rf"(?P<p>(?i:{_SINCE}|(?P<part>{_PART})[\s-]+)(?P<y>{_YEAR}))(?![-/]\d)"),
    _rule("year_in", "digit", rf"(?<![\w-])(?i:in|during|throughout|by|until|till)\s+"
          rf"(?:the\s+year\s+)?(?P<p>(?P<y>{_YEAR}))(?![-/]\d)"),
    _rule("weekday", "weekday",
          rf"(?P<p>(?:(?P<q>(?i:last|this|next|this\s+past|the\s+coming))\s+)?"
          rf"(?P<wd>{_WEEKDAY})(?:\s+(?i:morning|afternoon|evening|night))?)"),
    _rule("rel_day", "day",
          r"(?<![\w-])(?P<p>(?i:(?P<k>the\s+day\s+before\s+yesterday|yesterday|today|tonight"
          r"|tomorrow|(?:earlier|later)\s+today|this\s+(?:morning|afternoon|evening)"
          r"|(?:late\s+|early\s+)?last\s+(?:night|evening)|overnight)))(?![\w-])"),
    _rule("rel_period", "period",
          r"(?<![\w-])(?P<p>(?i:(?:(?P<part>earlier|later|early|mid|late|(?:the\s+)?"
          r"(?:start|beginning|middle|end)\s+of)[\s-]+(?:in\s+)?)?"
          r"(?P<q>this\s+past|this|last|next|the\s+coming)\s+"
          r"(?P<unit>week|weekend|month|year)))(?![\w-])"),
    _rule("rel_in_the", "period", r"(?<![\w-])(?P<p>(?i:(?P<part>earlier|later)\s+in\s+the\s+"
          r"(?P<unit>week|month|year)))(?![\w-])"),
    _rule("weekend", "period", r"(?<![\w-])(?P<p>(?i:the\s+weekend))(?![\w-])"),
    _rule("ago", "ago",
          rf"(?<![\w-])(?P<p>(?i:(?:(?P<n>a\s+couple\s+of|a\s+few|several|few|many|a|an"
          rf"|{_NUM})[\s-]+)?(?P<unit>days?|weeks?|fortnights?|months?|years?|decades?)"
          rf"\s+ago))(?![\w-])"),
    _rule("prior", "prior", r"(?<![\w-])(?P<p>(?i:(?:(?P<n>a\s+few|several|many)\s+)?"
          r"(?P<unit>days|weeks|months|years|decades)\s+(?:prior|earlier|before)))"
          r"(?=\s*(?:[,.;:)]|$))"),
)

DURATION_RULES: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?<![\w-])(?i:(?:the\s+)?(?:past|previous|last|next|coming|following|first"
               rf"|final)\s+(?:few|several|couple\s+of|many|{_NUM})[\s-]+{_UNIT})"),
    re.compile(r"(?<![\w-])(?i:the\s+(?:past|previous|last|first|following|next|same)\s+"
               r"(?:hour|day|night|week|fortnight|month|year|decade)(?![\w-]))"),
    re.compile(rf"(?<![\w-])(?i:(?:for|within|over)\s+(?:(?:more\s+than|over|nearly|almost"
               rf"|about|around|at\s+least|some|another|just|only|the\s+(?:past|last|next))\s+)?"
               rf"(?:(?:a|an|a\s+few|several|many|a\s+couple\s+of|{_NUM})[\s-]+)?{_UNIT})"),
    re.compile(rf"(?<![\w-])(?i:(?:a|an|a\s+few|several|many|{_NUM})[\s-]+{_UNIT}\s+"
               rf"(?:of|long|old|later|after|on|into|in)(?![\w-]))"),
    re.compile(rf"(?<![\w-])(?i:(?:a|an|{_NUM})-(?:hour|day|night|week|month|year|decade)"
               rf"(?![\w]))"),
    re.compile(r"(?<![\w-])(?i:(?:hours|days|weeks|months|years|decades)\s+of(?![\w-]))"),
)

DURATION_PHRASE = re.compile(
    rf"(?i:(?:(?:the|past|last|next|previous|first|coming|following|few|several|many|more|than"
    rf"|over|nearly|almost|about|around|at|least|some|another|a|an|couple|of|{_NUM})[\s-]+)*"
    rf"{_UNIT}(?:\s+(?:later|earlier|before|after|prior|long|old|of\s+\w+))?)")


RELATIVE_RULES = frozenset({"weekday", "rel_day", "rel_period", "rel_in_the", "weekend", "ago",
                            "prior"})


class NeedsAnchor(Exception):
    """A relative phrase ("this week", "15 March") was found but there is no anchor date."""


@dataclass(frozen=True, slots=True)
class Hit:
    """A date phrase matched by rule ``rule``; ``start``/``end`` are document offsets."""

    rule: str
    start: int
    end: int
    match: re.Match[str]


# A date range: (start, end or None when open-ended, time_precision).
Range = tuple[date, date | None, int]


def scan_sentence(text: str, offset: int) -> tuple[list[Hit], list[tuple[int, int]]]:
    """Date hits (longest first wins, no overlaps, not inside a duration) and durations.

    ``text`` is the sentence; ``offset`` its start in the document.
    """
    present = {name for name, gate in GATES.items() if gate.search(text)}
    durations = [] if "unit" not in present else [
        (offset + m.start(), offset + m.end())
        for rx in DURATION_RULES for m in rx.finditer(text)]
    found = [Hit(name, offset + m.start("p"), offset + m.end("p"), m)
             for name, gates, rx in DATE_RULES if present.issuperset(gates)
             for m in rx.finditer(text)]
    found.sort(key=lambda h: (h.start - h.end, h.start))
    kept: list[Hit] = []
    for hit in found:
        if any(hit.start < k.end and k.start < hit.end for k in kept):
            continue
        if any(hit.start < e and s < hit.end and e - s > hit.end - hit.start
               for s, e in durations):
            continue
        kept.append(hit)
    kept.sort(key=lambda h: h.start)
    return kept, durations


def month_number(name: str) -> int:
    return _MONTHS.index(name[:3].lower()) + 1


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def need_anchor(anchor: date | None) -> date:
    if anchor is None:
        raise NeedsAnchor
    return anchor


def clip_past(rng: Range, anchor: date | None, future: bool) -> Range:
    """Past events cannot end after the anchor."""
    start, end, precision = rng
    if anchor is not None and not future and end is not None and start <= anchor < end:
        end = anchor
    return start, end, precision


def _yearless(month: int, day: int, anchor: date | None, future: bool) -> date:
    """The occurrence of day/month nearest the anchor in the right direction."""
    anchor = need_anchor(anchor)
    for year in ((anchor.year, anchor.year + 1, anchor.year + 2) if future
                 else (anchor.year, anchor.year - 1, anchor.year - 2, anchor.year - 3)):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue  # 29 February in a common year
        if future and candidate >= anchor - timedelta(days=2):
            return candidate
        if not future and candidate <= anchor + timedelta(days=2):
            return candidate
    raise ValueError(f"no year has {day}/{month}")


def _full_date(year: str | None, month: int, day: int, anchor: date | None,
               future: bool) -> date:
    return date(int(year), month, day) if year else _yearless(month, day, anchor, future)


def _month_year(month: int, anchor: date | None, future: bool, qualifier: str | None) -> int:
    anchor = need_anchor(anchor)
    q = (qualifier or "").lower()
    if q == "this":
        return anchor.year
    if q == "last":
        return anchor.year if month < anchor.month else anchor.year - 1
    if q == "next" or future:
        return anchor.year if month > anchor.month or (
            q != "next" and month == anchor.month) else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def part_word(part: str | None) -> str:
    """ "the end of" -> "end", "mid" -> "mid", None -> "". """
    words = [w for w in (part or "").lower().split() if w not in ("the", "of", "in")]
    return words[0] if words else ""


def month_part(year: int, month: int, part: str | None) -> Range:
    word = part_word(part)
    if word in ("early", "start", "beginning"):
        return date(year, month, 1), date(year, month, 10), 2
    if word in ("mid", "middle"):
        return date(year, month, 11), date(year, month, 20), 2
    if word in ("late", "end"):
        return date(year, month, 21), month_end(year, month), 2
    return date(year, month, 1), month_end(year, month), 3


def year_part(year: int, part: str | None) -> Range:
    word = part_word(part)
    if word in ("early", "start", "beginning"):
        return date(year, 1, 1), date(year, 4, 30), 3
    if word in ("mid", "middle"):
        return date(year, 5, 1), date(year, 8, 31), 3
    if word in ("late", "end"):
        return date(year, 9, 1), date(year, 12, 31), 3
    return date(year, 1, 1), date(year, 12, 31), 3


def _since(rng: Range, anchor: date | None) -> Range:
    """From the start of ``rng`` to the anchor; open-ended when the anchor is unknown."""
    return rng[0], anchor if anchor is not None and anchor >= rng[0] else None, 3


def read_hit(hit: Hit, anchor: date | None, future: bool) -> Range:
    """The date range a hit stands for. Raises ``NeedsAnchor`` or ``ValueError``."""
    groups = hit.match.groupdict()
    if groups.get("since"):
        future = False  # "since March" looks back, whatever the event's status
    if hit.rule == "iso":
        day = date(int(groups["y"]), int(groups["mo"]), int(groups["d"]))
        return day, day, 1
    if hit.rule == "numeric":  # day first unless impossible: 24/02/2022, 24.02.2022, 2/24/2022
        a, b, year = int(groups["a"]), int(groups["b"]), int(groups["y"])
        day = date(year, a, b) if b > 12 and groups["sep"] == "/" else date(year, b, a)
        return day, day, 1
    if hit.rule in ("range_dm", "range_md"):
        return _read_range(groups, anchor, future)
    if hit.rule == "range_month":
        m1, m2 = month_number(groups["m1"]), month_number(groups["m2"])
        y2 = int(groups["y"]) if groups["y"] else _month_year(m2, anchor, future, None)
        y1 = int(groups["y1"]) if groups["y1"] else (y2 if m1 <= m2 else y2 - 1)
        return clip_past((date(y1, m1, 1), month_end(y2, m2), 3), anchor, future)
    if hit.rule in ("dmy", "mdy"):
        day = _full_date(groups["y"], month_number(groups["m"]), _day_number(groups["d"]),
                         anchor, future)
        if groups["since"]:
            return _since((day, day, 1), anchor)
        qual = (groups["qual"] or "").lower()
        precision = (3 if qual.startswith("month") else
                     2 if groups["approx"] or qual.startswith("week") else 1)
        return day, day, precision
    if hit.rule in ("my", "month_q", "month_in", "month_year_q"):
        month = month_number(groups["m"])
        if groups.get("y"):
            year = int(groups["y"])
        elif groups.get("yq"):
            shift = {"last": -1, "next": 1}.get(groups["yq"].lower(), 0)
            year = need_anchor(anchor).year + shift
        else:
            year = _month_year(month, anchor, future, groups.get("q"))
            rng = month_part(year, month, groups.get("part"))
            if not groups.get("q") and (rng[0] > anchor if not future else rng[1] < anchor):
                year += 1 if future else -1  # "mid-March" read on 1 March: last year's
        rng = month_part(year, month, groups.get("part"))
        return _since(rng, anchor) if groups.get("since") else clip_past(rng, anchor, future)
    if hit.rule in ("year_q", "year_in"):
        rng = year_part(int(groups["y"]), groups.get("part"))
        return _since(rng, anchor) if groups.get("since") else clip_past(rng, anchor, future)
    raise ValueError(f"rule {hit.rule!r} is relative: read it with read_relative")


def _read_range(groups: dict[str, str | None], anchor: date | None, future: bool) -> Range:
    m2 = month_number(groups["m2"]) if groups["m2"] else month_number(groups["m1"])
    m1 = month_number(groups["m1"]) if groups["m1"] else m2
    d1, d2 = _day_number(groups["d1"]), _day_number(groups["d2"])
    end = _full_date(groups["y"], m2, d2, anchor, future)
    y1 = groups.get("y1")
    start = date(int(y1), m1, d1) if y1 else date(end.year, m1, d1)
    if start > end:
        start = date(end.year - 1, m1, d1)
    return start, end, 2 if (end - start).days <= 14 else 3


def weekday_number(name: str) -> int:
    return _WEEKDAYS.index(name.lower())


def word_number(text: str | None) -> int | None:
    """1 for "a", 2 for "two" or "2"; None for vague amounts ("a few", "several")."""
    if text is None:
        return 1
    key = " ".join(text.lower().split())
    if key in _WORDNUM:
        return _WORDNUM[key]
    if re.fullmatch(r"\d+", key):
        return int(key)
    return None
