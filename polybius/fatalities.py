"""Death tolls in a sentence: "at least 12 people were killed", "killing three", "1 fatality".

Only deaths count: injured, wounded, arrested, abducted or displaced figures, years, ages and
quantities of things ("15 drones", "the 93rd brigade") are left out. Vague amounts follow the
ACLED codebook, which codes the lowest number they imply: "several" and "many" 10, "a dozen"
and "dozens" 12, "scores" 20, "hundreds" 100, "thousands" 1000; "a few" is coded 3 here.
Ranges keep their ends ("between 10 and 15": value 10, low 10, high 15); reports of no deaths
("no fatalities", "no one was killed") give 0.

>>> import spacy; nlp = spacy.blank("en"); doc = nlp("At least 12 people were killed.")
>>> f = extract_fatalities(doc.text, doc[:]); (f.value, f.text, f.qualifier)
(12, 'At least 12', 'at least')
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .attribution import find_attributions
from .records import Attribution, Fatalities

if TYPE_CHECKING:
    from spacy.tokens import Span

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19, "a": 1, "an": 1, "single": 1}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
VAGUE = {"several": 10, "many": 10, "a dozen": 12, "dozen": 12, "dozens": 12, "scores": 20,
         "hundreds": 100, "thousands": 1000, "a few": 3, "a handful": 3}
_WORDNUM = (r"(?:(?:" + "|".join(_TENS) + r")(?:[- ](?:" + "|".join(list(_UNITS)[:9]) + r"))?"
            r"|" + "|".join(k for k in _UNITS if k not in ("a", "an", "single")) + ")")
_NUM = (r"(?:\d{1,3}(?:,\d{3})+|\d+(?!\s*(?:-|\s)(?:year|month|day|week)s?[- ]old)"
        r"|(?:a|one|two|three|four|five|several)\s+hundred|" + _WORDNUM +
        r"|a dozen|dozens|several|many|scores|hundreds|thousands|a few|a handful|a single|an?)")
_QUAL = (r"(?:at least|up to|as many as|more than|over|nearly|almost|about|around|roughly"
         r"|approximately|some|an estimated|a total of|at most|close to|fewer than|less than)")
_RANGE = (rf"(?:between\s+(?P<lo>{_NUM})\s+and\s+(?P<hi>{_NUM})|(?P<a>\d+|{_NUM}(?=\s))"
          rf"(?:\s*[-–]\s*(?<=\d[-–])|\s+(?:to|or)\s+)(?P<b>{_NUM})(?!\d))")
_FIG = rf"(?P<fig>(?:(?P<q>{_QUAL})\s+)?(?:{_RANGE}|(?P<n>{_NUM})))"
_DEATH = (r"(?:killed|dead|died|die|slain|shot dead|executed|beheaded|murdered|massacred"
          r"|lost their lives|lost his life|lost her life|perished|fatalit(?:y|ies)|deaths"
          r"|bodies|lives were lost|were found dead|succumbed)")
_BLOCK = (r"injured|wounded|hurt|arrested|detained|abducted|kidnapped|displaced|missing"
          r"|rescued|evacuated|captured|and|or|but|while|drones?|missiles?|rockets?|shells?"
          r"|strikes?|airstrikes?|attacks?|bombs?|mines?|vehicles?|tanks?|houses?|homes?"
          r"|buildings?|times|percent|km|kilometres?|kilometers?|miles?|hours?|days?|weeks?"
          r"|months?|years?|gunm[ae]n|attackers?|assailants|militants|men|which|that|who")
_GAP = rf"(?:(?!(?:{_BLOCK})\b)[\w'’-]+,?\s+){{0,5}}?"
_AUX = r"(?:(?:were|was|are|is|have been|has been|had been|been|got|being|reportedly|allegedly|also|all|later|subsequently|confirmed)\s+){0,3}"
_PATTERNS = (
    # "12 people were killed", "two soldiers died", "1 fatality", "3 dead"
    re.compile(rf"\b{_FIG}\s+{_GAP}{_AUX}(?P<death>{_DEATH})\b(?!\s+(?:the|a|an|his|her|their|\d+)\b)", re.I),
    # "killing three", "killed at least 12 people", "claimed 7 lives"
    re.compile(rf"\b(?P<death>kill(?:ed|ing|s)?|shot dead|shooting dead|massacred|executed|murdered|claim(?:ed|ing)|took|taking)\s+(?:(?:the\s+lives\s+of|a\s+total\s+of)\s+)?{_FIG}(?=\s|[,.;:]|$)(?!\s+(?:of\s+them\s+)?(?:injured|wounded))", re.I),
    # "the death toll rose to 40", "fatalities coded as 10"
    re.compile(rf"\b(?P<death>death toll|toll|fatalities|casualties)\s+(?:[\w-]+\s+){{0,4}}?(?:to|of|at|is|was|as|reached|hit|stands at|stood at)\s+{_FIG}\b", re.I),
)
_ZERO = re.compile(r"\b(?:no (?:reported )?(?:fatalities|deaths|one (?:was|were) (?:killed|hurt|injured|harmed)|casualties|lives were lost)"
                   r"|nobody was (?:killed|hurt)|without (?:any )?casualties|no one died|no-one (?:was killed|died))\b", re.I)


def parse_number(phrase: str) -> int | None:
    """Integer value of "12", "1,200", "twenty-five", "two hundred", "dozens" (12).

    >>> [parse_number(p) for p in ("1,200", "twenty-five", "two hundred", "several", "ten")]
    [1200, 25, 200, 10, 10]
    """
    p = re.sub(r"\s+", " ", phrase.strip().lower())
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", p):
        return int(p.replace(",", ""))
    if p in VAGUE:
        return VAGUE[p]
    m = re.fullmatch(r"(\w+) hundred", p)
    if m:
        base = _UNITS.get(m.group(1)) or (10 if m.group(1) == "several" else None)
        return base * 100 if base else None
    if p in ("a single",):
        return 1
    parts = re.split(r"[- ]", p)
    if parts[0] in _TENS:
        return _TENS[parts[0]] + (_UNITS.get(parts[1], 0) if len(parts) > 1 else 0)
    return _UNITS.get(p)


def _figure(m: re.Match, base: int, doc_text: str) -> Fatalities | None:
    q = (m.group("q") or "").lower() or None
    lo_txt = m.group("lo") or m.group("a")
    hi_txt = m.group("hi") or m.group("b")
    if lo_txt and hi_txt:
        low, high = parse_number(lo_txt), parse_number(hi_txt)
        if low is None or high is None or high < low:
            return None
        value, qualifier = low, q or "range"
    else:
        raw = m.group("n")
        value = parse_number(raw)
        if value is None:
            return None
        if re.fullmatch(r"(?:19|20)\d\d", raw):  # a year
            return None
        low = high = None
        qualifier = q or ("vague" if raw.lower() in VAGUE else None)
        if q in ("up to", "as many as", "at most", "fewer than", "less than"):
            high = value
        elif q in ("at least", "more than", "over"):
            low = value
    start, end = base + m.start("fig"), base + m.end("fig")
    return Fatalities(value=value, text=doc_text[start:end], start=start, end=end, low=low,
                      high=high, qualifier=qualifier)


def extract_fatality_claims(doc_text: str, sentence: "Span") -> list[Fatalities]:
    """Every death figure in ``sentence`` with who gives it (``attributed_to``), in text order.

    Two sources with two figures ("Russia said 50 died; Ukraine said 10") give two claims.
    """
    text, base = sentence.text, sentence.start_char
    found: list[Fatalities] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            fig_span = (base + m.start("fig"), base + m.end("fig"))
            if any(s < fig_span[1] and fig_span[0] < e for s, e in taken):
                continue
            if m.group("n") and m.group("n").lower() in ("a", "an", "a single") and (
                    pattern is _PATTERNS[2] or re.match(
                        r"\s+(?:\w+s|number|lot|total|couple|series|few)\b", text[m.end():])):
                continue  # "a" counts one only before a singular noun: "killing a farmer"
            fig = _figure(m, base, doc_text)
            if fig is not None:
                found.append(fig)
                taken.append(fig_span)
    for m in _ZERO.finditer(text):
        start, end = base + m.start(), base + m.end()
        if not any(s < end and start < e for s, e in taken):
            found.append(Fatalities(value=0, text=doc_text[start:end], start=start, end=end))
    found.sort(key=lambda f: f.start or 0)
    attributions = find_attributions(sentence) if len(found) > 1 else []
    return [_attach(f, attributions, text, base) for f in found]


def _attach(fig: Fatalities, attributions: list[Attribution], text: str, base: int) -> Fatalities:
    """Give a figure the source of the attribution in its own clause, if any."""
    if not attributions:
        return fig
    bounds = [0] + [m.end() for m in re.finditer(r";|,?\s(?:while|whereas|but)\s", text)] + [len(text)]
    pos = (fig.start or 0) - base
    lo = max(b for b in bounds if b <= pos)
    hi = min(b for b in bounds if b > pos)
    same = [a for a in attributions if a.start is not None and lo <= a.start - base < hi]
    if not same:
        return fig
    return Fatalities(fig.value, fig.text, fig.start, fig.end, fig.low, fig.high, fig.qualifier,
                      same[0].source or same[0].text, fig.reason)


def extract_fatalities(doc_text: str, sentence: "Span") -> Fatalities:
    """The death toll in ``sentence``; contested figures give the lowest (ACLED's rule).

    Several figures from one source: the first, unless a total ("death toll") is given.
    """
    claims = extract_fatality_claims(doc_text, sentence)
    if not claims:
        return Fatalities(reason="no fatality figure in sentence")
    sources = {c.attributed_to for c in claims}
    if len(sources) > 1 and None not in sources:
        return min(claims, key=lambda c: c.value or 0)
    toll = [c for c in claims if re.search(r"(?i)toll|coded|fatalities\s+(?:\w+\s+)?(?:as|at|of|to)\b",
                                           doc_text[max(0, (c.start or 0) - 40):c.start or 0])]
    return toll[-1] if toll else claims[0]
