"""Place names that the entity recogniser missed, found by the words around them.

Reports name villages and neighbourhoods that no model tags and no gazetteer of towns
lists, but they mark them as places: "in Fadan Chawai (Kauru, Kaduna)", "shelled Fleifel
town in Idleb countryside", "in Daw Ta Mee village (Demoso township, Loikaw district)",
"in Baghdad - Adhamiya". ``find_cued_names`` finds such names in a sentence (pure string
work); ``settlement_cue`` says what marks a name as a settlement.
"""

from __future__ import annotations

import re

from ..records import Span

# A capitalised name of up to 5 words; particles (al, de, ...) may join its words.
_NAME = re.compile(
    r"(?<![\w'’\-])[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*"
    r"(?:\s(?:(?:al|el|ad|an|ar|as|ash|at-|de|del|della|di|da|do|dos|das|du|des|la|le|les|"
    r"van|von|wa|bin|ibn|ul|e|y|i|sur|upon|on)(?:\s(?:la|las|los|le|les|el))?\s)?[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*){0,4}")
# Words after a name that make it a settlement or a part of one.
SETTLEMENT_WORDS = (
    "village", "villages", "town", "towns", "city", "township", "neighbourhood",
    "neighborhood", "area", "camp", "locality", "ward", "quarter", "suburb", "hamlet",
    "settlement", "commune", "municipality", "corregimiento", "kebele", "woreda",
    "sub-district", "subdistrict", "district", "tehsil", "block", "county", "sector",
    "market", "colonia", "barangay", "sub-county", "parish", "island", "valley", "hills?",
)
# "Ku Le village of Mingin township" is the village; "the Jaghrafi neighbourhood of
# Fallujah" is Fallujah
_SETTLEMENT_AFTER = re.compile(r"^\s+(?:(?:village|town|hamlet|settlement)s?\b|(?:"
                               + "|".join(SETTLEMENT_WORDS) + r")\b(?!\s+of\b))")
_SETTLEMENT_BEFORE = re.compile(r"\b(?:village|town|hamlet|settlement|locality)\s+of\s+$",
                                re.IGNORECASE)
_PAREN_AFTER = re.compile(r"^\s*\(([^()]{2,120})\)")
_HYPHEN_AFTER = re.compile(r"^(?: City)? - ([A-Z][\w'’]*(?:[ \-](?:al |el |de |la )?[A-Z][\w'’]*){0,3})")
# What may stand just before a scanned name.
_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|outside|around|into|inside|of|from|to|and|between|towards?|"
    r"targeting|attacked|shelled|stormed|raided|entered|hit|captured|village\s+of|"
    r"town\s+of|city\s+of|area\s+of)\s+(?:the\s+)?|[(,]\s*)$", re.IGNORECASE)
_STRONG_BEFORE = re.compile(r"\b(?:in|at|near|outside|around|into|inside)\s+(?:the\s+)?$",
                            re.IGNORECASE)
# Lower-case words after a name that make it a facility or an organisation, not a place.
_NOT_PLACE_AFTER = re.compile(
    r"^\s+(?:park|street|road|avenue|square|hospital|school|university|college|mosque|"
    r"church|prison|station|airport|bridge|junction|stadium|court|office|hotel|bank|"
    r"company|party|movement|group|forces?|militia|brigade|battalion|tribe|clan|river|"
    r"highway|dam|plant|factory|base|checkpoint|headquarters|residents|members|people|"
    r"workers|students|activists)\b", re.IGNORECASE)
_MONTHS = frozenset("january february march april may june july august september october "
                    "november december monday tuesday wednesday thursday friday saturday "
                    "sunday".split())


def settlement_cue(doc_text: str, end: int, start: int | None = None) -> str | None:
    """What follows a name ending at ``end`` and marks it as a settlement: ``"paren"``
    (a parenthesis naming where it is: "Kpankpaga (Kompienga, Est)"), ``"word"``
    ("Fleifel town", "Daw Ta Mee village", and, given the name's ``start``, "the village
    of Kharkovskoe") or None.

    >>> text = "Militants attacked Fadan Chawai (Kauru, Kaduna)."
    >>> settlement_cue(text, text.index(" (")), settlement_cue(text, 8)
    ('paren', None)
    """
    after = doc_text[end:end + 130]
    m = _PAREN_AFTER.match(after)
    if m and m.group(1)[:1].isupper():
        return "paren"
    if _SETTLEMENT_AFTER.match(after):
        return "word"
    if start is not None and _SETTLEMENT_BEFORE.search(doc_text[max(0, start - 30):start]):
        return "word"
    return None


def paren_range(doc_text: str, end: int) -> tuple[int, int] | None:
    """The ``[start, end)`` of the parenthesis right after a name ending at ``end``."""
    m = _PAREN_AFTER.match(doc_text[end:end + 130])
    return (end + m.start(1), end + m.end(1)) if m else None


def extend_subarea(doc_text: str, mention: Span) -> Span:
    """ "Baghdad - Adhamiya", "Chicago - Southwest Side": a town and its quarter, one name.

    >>> text = "Protest in Baghdad - Adhamiya today."
    >>> extend_subarea(text, Span.of(text, 11, 18)).text
    'Baghdad - Adhamiya'
    """
    m = _HYPHEN_AFTER.match(doc_text[mention.end:mention.end + 60])
    if not m:
        return mention
    return Span.of(doc_text, mention.start, mention.end + m.end())


def find_cued_names(doc_text: str, sentence: Span, taken: list[Span],
                    known: frozenset[str] | set[str] = frozenset()) -> list[tuple[Span, bool]]:
    """Capitalised names of ``sentence`` outside the ``taken`` spans that the words around
    them mark as places; each with True when a settlement cue follows it (so it is a place
    even when no gazetteer lists it) and False when only a preposition ("in X") does
    (``known``: folded names to exclude, e.g. stoplisted words).

    >>> text = "Gunmen attacked Fadan Chawai (Kauru, Kaduna) and Koro village."
    >>> [(s.text, cue) for s, cue in find_cued_names(text, Span.of(text, 0, len(text)), [])]
    [('Fadan Chawai', True), ('Kauru', False), ('Kaduna', False), ('Koro', True)]
    """
    out: list[tuple[Span, bool]] = []
    text = doc_text[sentence.start:sentence.end]
    for m in _NAME.finditer(text):
        start, end = sentence.start + m.start(), sentence.start + m.end()
        if any(s.start < end and start < s.end for s in taken):
            continue
        name = m.group(0)
        if name.lower() in _MONTHS or name.lower() in known or start == sentence.start:
            continue
        before = doc_text[max(sentence.start, start - 30):start]
        if not _BEFORE.search(before):
            continue
        if _NOT_PLACE_AFTER.match(doc_text[end:end + 30]):
            continue
        cued = settlement_cue(doc_text, end) is not None or bool(
            _SETTLEMENT_BEFORE.search(before))
        head = doc_text[sentence.start:start]
        in_paren = head.rfind("(") > head.rfind(")")
        if cued or _STRONG_BEFORE.search(before) or in_paren:
            out.append((Span.of(doc_text, start, end), cued))
    return out


def name_runs(doc_text: str, sentence: Span) -> list[Span]:
    """Every capitalised name of up to 5 words in ``sentence`` ("Prata di Pordenone")."""
    text = doc_text[sentence.start:sentence.end]
    return [Span.of(doc_text, sentence.start + m.start(), sentence.start + m.end())
            for m in _NAME.finditer(text)]


def coded_names(doc_text: str, sentence: Span) -> list[Span]:
    """The place ACLED says it coded an event to, when its note says so ("in Bolivar state
    (coded to Ciudad Bolivar, Bolivar)", "Unknown location coded as Al Arish"): searched
    in the sentence, else in the whole text when it says so once.

    >>> text = "On 8 March, in Aragua state (coded to Maracay, Aragua), people protested."
    >>> [s.text for s in coded_names(text, Span.of(text, 0, len(text)))]
    ['Maracay']
    """
    def placed(m: re.Match) -> bool:
        # "coded as" also names actors ("unidentified militants (coded as Kashmir
        # Rebels)"): a place only after a settlement or area word
        return m.group("verb") != "as" or \
            _PLACE_BEFORE.search(doc_text, max(0, m.start() - 30), m.start()) is not None

    found = [m for m in _CODED.finditer(doc_text, sentence.start, sentence.end) if placed(m)]
    if not found:
        found = [m for m in _CODED.finditer(doc_text) if placed(m)]
        if len(found) != 1:
            return []
    return [Span.of(doc_text, m.start("name"), m.end("name")) for m in found[:1]]


# the capital words are dropped: "coded to capital Zacatecas", "coded at zonal capital, Jinka"
_CODED = re.compile(
    r"\bcoded\s+(?P<verb>to|as|at)\s+(?:the\s+)?(?:(?:(?:zonal|district|regional|provincial|"
    r"state|municipal)\s+)?capital,?\s+|admin(?:istrative)?\s+cent(?:er|re),?\s+)?"
    r"(?P<name>[A-Z][\w'’.\-]*(?:(?:\s+-\s+|\s+|-)(?:(?:al|el|de|del|la|of|y|ad|an|as|ar|wa)\s+)?"
    r"[A-Z][\w'’.\-]*){0,5})")
_PLACE_BEFORE = re.compile(r"\b(?:villages?|towns?|location|locations|area|areas|township|kebele|"
                           r"woreda|district|municipality|city|region|state|province|county|"
                           r"LGA|camp|neighbou?rhood)\b[\s\w,]{0,12}[(\[,]?\s*(?:location\s+)?$")
