"""Death tolls in a sentence: "at least 12 people were killed", "killing three", "1 fatality".

Only deaths count: injured, wounded, arrested, abducted or displaced figures, dates, ages and
quantities of things ("15 drones", "the 93rd brigade", "a dozen cattle") are left out. Vague
amounts follow the ACLED codebook, which codes the lowest number they imply: "several" and
"many" 10, "a dozen" and "dozens" 12, "scores" 20, "hundreds" 100, "thousands" 1000; "a few"
is coded 3 here. Ranges keep both ends ("between 10 and 15": value 10, low 10, high 15);
reports of no deaths ("no fatalities", "no one was killed") give 0. Coordinated tolls are
added up ("six soldiers and three militants were killed": 9).

>>> import spacy; nlp = spacy.blank("en"); doc = nlp("At least 12 people were killed.")
>>> f = extract_fatalities(doc.text, doc[:]); (f.value, f.text, f.qualifier)
(12, 'At least 12', 'at least')
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from .attribution import find_attribution, find_attributions
from .records import Attribution, Fatalities

if TYPE_CHECKING:
    from spacy.tokens import Span

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19, "a": 1, "an": 1, "a single": 1, "he": 1, "she": 1, "him": 1,
          "her": 1, "both": 2}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
VAGUE = {"several": 10, "many": 10, "a dozen": 12, "dozen": 12, "dozens": 12, "scores": 20,
         "hundreds": 100, "thousands": 1000, "a few": 3, "a handful": 3}
_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
           r"|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_WORDNUM = (r"(?:(?:" + "|".join(_TENS) + r")(?:[- ](?:" + "|".join(list(_UNITS)[:9]) +
            r"))?|" + "|".join(list(_UNITS)[:19]) + ")")
_DIGITS = (rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?![\d.,]\d)(?!\s*(?:-|\s)(?:year|month|day|week)s?"
           rf"[- ]old)(?!\s+(?:{_MONTHS})\b)(?!(?:st|nd|rd|th)\b)")
_NUM = (rf"(?:{_DIGITS}|(?:a|one|two|three|four|five|several)\s+hundred|{_WORDNUM}"
        r"|a dozen|dozens|several|many|scores|hundreds|thousands|a few|a handful|a single|an?)")
_QUAL = (r"(?:at least|up to|as many as|more than|over|nearly|almost|about|around|roughly"
         r"|approximately|some|an estimated|a total of|at most|close to|fewer than|less than)")
_RANGE = (rf"(?:between\s+(?P<lo>{_NUM})\s+and\s+(?P<hi>{_NUM})|(?P<a>\d+|{_NUM}(?=\s))"
          rf"(?:\s*[-–]\s*(?<=\d[-–])|\s+(?:to|or)\s+)(?P<b>{_NUM})(?!\d))")
_FIG = rf"(?P<fig>(?:(?P<q>{_QUAL})\s+)?(?:{_RANGE}|(?P<n>{_NUM})))"
# after a verb of killing, what may follow when the figure before it is its victims
_AFTER = (r"(?=\s*(?:[,.;:()\[]|$|\s(?:in|at|on|during|when|after|by|while|near|and|as|"
          r"including|since|following|across|from|with|inside|outside|along|over|between|or|"
          r"but|yesterday|overnight|instantly|immediately|later|earlier|last|this|early|late|"
          r"reportedly|allegedly)\b))")
_DEATH = (rf"(?:(?:(?:shot|stabbed|beaten|tortured|hacked|burned|burnt|strangled)"
          rf"(?: and killed| to death| to dead)|killed|slain|executed|beheaded|murdered"
          rf"|massacred|shot dead|lynched){_AFTER}"
          r"|dead|died|die|lost their lives|lost (?:his|her) life|perished|fatalit(?:y|ies)"
          r"|deaths|bodies|lives|were found dead|succumbed)")
_BLOCK = (r"\d|injured|wounded|hurt|arrested|detained|abducted|kidnapped|displaced|missing"
          r"|rescued|evacuated|captured|and|or|but|while|drones?|missiles?|rockets?|shells?"
          r"|strikes?|airstrikes?|attacks?|bombs?|mines?|vehicles?|tanks?|houses?|homes?"
          r"|buildings?|times|percent|km|kilometres?|kilometers?|miles?|hours?|days?|weeks?"
          rf"|months?|years?|which|that|who|{_MONTHS}")
_GAP = rf"(?:(?!(?:{_BLOCK})\b)[\w'’-]+,?\s+){{0,7}}?"
_AUX = (r"(?:(?:were|was|are|is|have been|has been|had been|been|got|being|reportedly"
        r"|allegedly|also|all|later|subsequently|confirmed)\s+){0,3}")
_PATTERNS = (
    # "12 people were killed", "two soldiers died", "1 fatality", "3 dead", "7 lives"
    re.compile(rf"\b{_FIG}\s+{_GAP}{_AUX}(?P<death>{_DEATH})\b", re.I),
    # "killing three", "killed at least 12 people", "shot dead two"
    re.compile(rf"\b(?P<death>kill(?:ed|ing|s)?|shot dead|shooting dead|massacred|executed"
               rf"|murdered|lynched)\s+(?:(?:a\s+total\s+of)\s+)?{_FIG}(?=\s|[,.;:]|$)"
               r"(?!\s+(?:of\s+them\s+)?(?:injured|wounded))", re.I),
    # "leading to the killing of 1 gendarme", "the death of at least 23"
    re.compile(rf"\b(?P<death>killings?|deaths?)\s+(?:by\s+\w+\s+)?of\s+(?:a\s+total\s+of\s+)?"
               rf"{_FIG}(?=\s|[,.;:]|$)(?!\s+(?:of\s+them\s+)?(?:injured|wounded))", re.I),
    # "the death toll rose to 40", "fatalities coded as 10"
    re.compile(rf"\b(?P<death>death toll|toll|fatalities)\s+(?:[\w-]+\s+){{0,4}}?(?:to|of|at|is"
               rf"|was|as|reached|hit|stands at|stood at)\s+{_FIG}\b", re.I),
    # "he was killed", "killing him", "killing both"
    re.compile(r"\b(?P<fig>(?P<n>he|she))\s+(?:was|had been)\s+(?:\w+\s+)?(?P<death>killed|shot"
               r" dead|murdered|executed|beheaded|lynched)\b", re.I),
    re.compile(r"\b(?P<death>kill(?:ed|ing)|shot dead|murdered|executed|lynched)\s+(?P<fig>"
               r"(?P<n>him|her|both))\b", re.I),
)
_ZERO = re.compile(r"\b(?:no (?:reported )?(?:fatalities|deaths|one (?:was|were) (?:killed|hurt"
                   r"|injured|harmed)|casualties|lives were lost)|nobody was (?:killed|hurt)"
                   r"|without (?:any )?casualties|no one died|no-one (?:was killed|died))\b", re.I)
#: animals a death figure may count ("killing a dozen of their livestock"): not people
_MASS_ANIMALS = ("livestock", "cattle", "sheep")
_ANIMALS_ONE = ("cow", "goat", "camel", "animal", "donkey", "horse", "chicken", "dog")
_NOT_PEOPLE = re.compile(r"\s+(?:of\s+(?:their|the|his|her)\s+)?(?:"
                         + "|".join(_MASS_ANIMALS + tuple(a + "s" for a in _ANIMALS_ONE))
                         + r")\b", re.I)
_ONE_ONLY = re.compile(r"\s+(?:\w+s|number|lot|total|couple|series|few|unspecified|unknown"
                       r"|undisclosed|estimated)\b", re.I)
_CHAIN = rf"(?P<fig>{_NUM})\s+(?:[\w-]+\s+){{0,2}}?(?:and|,)\s+"
_CHAIN_AFTER = re.compile(rf"\s+(?:[\w-]+\s+){{1,2}}?(?:and|,)\s+(?P<fig>{_NUM})\s+"
                          r"(?!injur|wound|hurt|missing|arrest|detain|abduct)[\w-]+"
                          r"(?!\s+(?:were\s+)?(?:injured|wounded|hurt))", re.I)
_TOLL_BEFORE = re.compile(r"(?i)(?:toll|coded\s+as|fatalities\s+(?:\w+\s+)?(?:as|at|of|to)|"
                          r"(?:rose|risen|climbed|reached)\s+to)\s+(?:\w+\s+){0,2}$")


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
    parts = re.split(r"[- ]", p)
    if parts[0] in _TENS:
        return _TENS[parts[0]] + (_UNITS.get(parts[1], 0) if len(parts) > 1 else 0)
    return _UNITS.get(p)


def _figure(m: re.Match, base: int, doc_text: str) -> Fatalities | None:
    q = (m.groupdict().get("q") or "").lower() or None
    lo_txt, hi_txt = m.groupdict().get("lo") or m.groupdict().get("a"), \
        m.groupdict().get("hi") or m.groupdict().get("b")
    low = high = None
    if lo_txt and hi_txt:
        low, high = parse_number(lo_txt), parse_number(hi_txt)
        if low is None or high is None or high < low:
            return None
        value, qualifier = low, q or "range"
    else:
        raw = m.group("n")
        value = parse_number(raw)
        if value is None or re.fullmatch(r"(?:19|20)\d\d", raw):  # no number, or a year
            return None
        qualifier = q or ("vague" if raw.lower() in VAGUE else None)
        if q in ("up to", "as many as", "at most", "fewer than", "less than"):
            high = value
        elif q in ("at least", "more than", "over"):
            low = value
    start, end = base + m.start("fig"), base + m.end("fig")
    return Fatalities(value=value, text=doc_text[start:end], start=start, end=end, low=low,
                      high=high, qualifier=qualifier)


def _add_chain(fig: Fatalities, text: str, base: int, doc_text: str,
               forward: bool = False) -> Fatalities:
    """Coordinated tolls add up: "six soldiers and three militants were killed" (9),
    "killing 3 soldiers and 2 civilians" (5); the span covers both figures."""
    pos, end = (fig.start or 0) - base, (fig.end or 0) - base
    if forward:
        m = _CHAIN_AFTER.match(text, end)
        start, stop = fig.start or 0, base + m.end("fig") if m else 0
    else:
        m = re.search(rf"\b{_CHAIN}$", text[max(0, pos - 60):pos], re.I)
        start, stop = (base + max(0, pos - 60) + m.start("fig") if m else 0), fig.end or 0
    if m is None or fig.low is not None or fig.high is not None:
        return fig
    other = parse_number(m.group("fig"))
    if other is None or re.match(r"(?:19|20)\d\d$", m.group("fig")):
        return fig
    return Fatalities(value=other + (fig.value or 0), text=doc_text[start:stop], start=start,
                      end=stop, qualifier="sum")


def extract_fatality_claims(doc_text: str, sentence: "Span") -> list[Fatalities]:
    """Every death figure in ``sentence`` with who gives it (``attributed_to``), in text order.

    Two sources with two figures ("Russia said 50 died; Ukraine said 10") give two claims.
    """
    text, base = sentence.text, sentence.start_char
    found: list[Fatalities] = []
    taken: list[tuple[int, int]] = []
    for k, pattern in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            start, end = base + m.start("fig"), base + m.end("fig")
            if any(s < end and start < e for s, e in taken) or _NOT_PEOPLE.match(text, m.end()):
                continue
            raw = (m.groupdict().get("n") or "").lower()
            if raw in ("a", "an", "a single") and (k == 3 or _ONE_ONLY.match(text, m.end("fig"))):
                continue  # "a" is one only before a singular noun: "killing a farmer"
            fig = _figure(m, base, doc_text)
            if fig is None:
                continue
            if k == 0 and m.group("death").lower().startswith(("killed", "died", "dead")):
                fig = _add_chain(fig, text, base, doc_text)
            elif k in (1, 2):
                fig = _add_chain(fig, text, base, doc_text, forward=True)
            found.append(fig)
            taken.append((fig.start or start, fig.end or end))
    if not found:
        found.extend(_parsed_victims(sentence, doc_text))
    for m in _ZERO.finditer(text):
        start, end = base + m.start(), base + m.end()
        if not any(s < end and start < e for s, e in taken):
            found.append(Fatalities(value=0, text=doc_text[start:end], start=start, end=end))
    found.sort(key=lambda f: f.start or 0)
    attributions = find_attributions(sentence) if len(found) > 1 else []
    return [_attach(f, attributions, text, base) for f in found]


_ANIMALS = re.compile(r"(?i)\b(?:" + "|".join(_MASS_ANIMALS + tuple(a + "s?" for a in
                                                                     _ANIMALS_ONE)) + r")\b")
KILL_LEMMAS = frozenset({"kill", "murder", "execute", "lynch", "behead", "assassinate",
                         "strangle"})
COLLECTIVE = frozenset({"family", "group", "crowd", "population", "community", "village",
                        "team", "unit", "convoy", "household"})


def _victim_count(noun) -> int | None:
    """Victims one noun phrase names: its number ("three children"), one for a singular
    person ("the mayor", "his wife"), None when it does not say ("civilians")."""
    for child in noun.children:
        if child.dep_ == "nummod":
            return parse_number(child.text)
    if noun.tag_ in ("NN", "NNP") and noun.lemma_.lower() not in COLLECTIVE | {"dozen"}:
        return 1
    return None


def _parsed_victims(sentence: "Span", doc_text: str) -> list[Fatalities]:
    """Deaths the figures miss, read from the parse: "the VDP was killed", "shot and killed
    the mayor", "killing his wife and three children" (4)."""
    out = []
    for token in sentence:
        if token.lemma_.lower() not in KILL_LEMMAS or token.pos_ != "VERB":
            continue
        deps = ("nsubjpass",) if any(c.dep_ == "auxpass" for c in token.children) else ("dobj",)
        heads = [c for c in token.children if c.dep_ in deps]
        if not heads and token.dep_ == "conj" and token.head.lemma_.lower() in (
                "shoot", "stab", "beat", "attack", "ambush"):
            heads = [c for c in token.head.children if c.dep_ in deps]  # "shot and killed X"
        for head in heads:
            if _ANIMALS.search(" ".join(t.text for t in head.subtree)):
                continue
            nouns = [head] + [c for c in head.subtree if c.dep_ == "conj" and c.head.i in
                              {head.i} | {t.i for t in head.subtree if t.dep_ == "conj"}]
            counts = [_victim_count(n) for n in nouns if n.pos_ in ("NOUN", "PROPN")]
            if not counts or any(c is None for c in counts):
                continue
            start, end = head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)
            out.append(Fatalities(value=sum(counts), text=doc_text[start:end], start=start,
                                  end=end, qualifier="parsed"))
    return out


COMMEMORATION = re.compile(r"(?i)\b(?:tribute|memory|memorial|anniversary|commemorat\w*|"
                           r"mourn\w*|victims? of|justice for|honou?r\w*|vigil|against|"
                           r"denounc\w*|repudiat\w*|condemn\w*|over|following|after)\b")


_NOMINAL = re.compile(r"(?i)(?:killings?|deaths?)\s+(?:by\s+\w+\s+)?of\s+(?:the\s+)?$")


def commemorates(doc_text: str, sentence: "Span", fig: Fatalities) -> bool:
    """Whether a death figure is what a protest is about ("a vigil for two men killed in
    Sligo", "against the killing of a teenager"), not deaths at the protest."""
    if fig.start is None:
        return False
    before = doc_text[max(sentence.start_char, fig.start - 45):fig.start]
    return COMMEMORATION.search(before) is not None or _NOMINAL.search(before) is not None \
        or fig.qualifier == "parsed"


def _attach(fig: Fatalities, attributions: list[Attribution], text: str, base: int) -> Fatalities:
    """Give a figure the source of the attribution in its own clause, if any."""
    if not attributions:
        return fig
    bounds = [0, len(text)] + [m.end() for m in re.finditer(r";|,?\s(?:while|whereas|but)\s",
                                                            text)]
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

    Several figures from one source: the total ("the death toll rose to 40") if one is
    given, else the first. ``extract_fatality_claims`` keeps every figure.
    """
    claims = extract_fatality_claims(doc_text, sentence)
    if not claims:
        return Fatalities(reason="no fatality figure in sentence")
    sources = {c.attributed_to for c in claims}
    if len(sources) > 1 and None not in sources:
        return replace(min(claims, key=lambda c: c.value or 0), claims=tuple(claims))
    toll = [c for c in claims if _TOLL_BEFORE.search(doc_text[max(0, (c.start or 0) - 60):
                                                              c.start or 0])]
    return toll[-1] if toll else claims[0]


_PART_OF = re.compile(r"(?i)\b(?:including|among (?:them|the dead|those|the victims)|of whom"
                      r"|of them|of the dead)\b")


#: a later figure someone claims is a contested figure, not more deaths
_CLAIMED = re.compile(r"(?i)\b(?:said|says|claimed|claims|according to|reported|alleged)\b")
_SOURCED = re.compile(r"(?i)\b(?:put|puts|gave|gives|raised|raises|revised|estimated"
                      r"|estimates|counted|counts)\b")
_TOTAL_AFTER = re.compile(r"(?i)\s*(?:fatalities|deaths|dead\b|people (?:were )?killed in total)")


def _source_of(sentence: "Span") -> str | None:
    """Who gives a figure: the attribution ("the ministry said"), else the subject of the
    verb that gives it ("the health ministry later gave a toll of 90")."""
    source = find_attribution(sentence).source
    if source:
        return source
    for token in sentence:
        if _SOURCED.fullmatch(token.text):
            for child in token.children:
                if child.dep_ == "nsubj":
                    return " ".join(t.text for t in child.subtree)
    return None


def event_toll(doc_text: str, sentences: "list[Span]") -> Fatalities:
    """The toll of an event told over several sentences: the deaths each sentence adds
    ("6 soldiers were killed. Nine militants were killed.": 15, as ACLED adds every side),
    a new total when one is given ("the toll rose to 40"), no double counting of a
    breakdown ("including 4 children") or of another source's figure ("The ministry later
    gave a toll of more than 90": a contested claim, which ``extract_fatality_claims``
    keeps)."""
    total = extract_fatalities(doc_text, sentences[0])
    contested: list[Fatalities] = []
    for sentence in sentences[1:]:
        later = extract_fatalities(doc_text, sentence)
        if later.value is None:
            continue
        if total.value is None or total.value == 0:
            total = later
        elif _PART_OF.search(sentence.text):
            continue  # a breakdown: "including 4 children"
        elif (claimed := _CLAIMED.search(sentence.text)) or _SOURCED.search(sentence.text):
            # another source's figure ("the ministry later put the toll at 90"): contested
            if later.value != total.value:
                contested.append(later if later.attributed_to else replace(
                    later, attributed_to=_source_of(sentence)))
            if not claimed:
                total = min(total, later, key=lambda f: f.value or 0)  # ACLED: the lowest
        elif _TOLL_BEFORE.search(doc_text[max(0, (later.start or 0) - 60):later.start or 0]) \
                or _TOTAL_AFTER.match(doc_text, later.end or 0):
            total = later  # "the toll rose to 40", "4 fatalities."
        elif later.value and later.value != total.value:
            total = Fatalities(value=total.value + later.value, text=total.text,
                               start=total.start, end=total.end, qualifier="sum",
                               attributed_to=total.attributed_to)
    if contested and total.value is not None:
        first = list(total.claims) or [total]
        total = replace(total, claims=tuple(first + contested))
    return total
