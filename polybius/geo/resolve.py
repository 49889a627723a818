"""Place mentions of an event sentence -> the one Place where the event happened.

ACLED conventions: the most specific place wins (town > region > country); "Kursk
province/oblast/region" is the admin1 region (geo_precision 3, coordinates of its capital);
"near X", "outskirts of X", "X district" give X with geo_precision 2; a town gives 1.
Places named only as context ("Russia's army", "the border with Belarus", "troops from
X") lose to a real event location. Ambiguous names are settled by the other places the
document names (countries, regions, nearby towns): "Paris" in a Texas story is Paris, TX.
ACLED's notes say more: "(coded to Maracay, Aragua)" names the place coded, and the
parenthesis after a name lists the units it lies in ("Sindian (Sindian, Bignona)",
"Houston (Texas)"), which settle its country and region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..records import Place, Span
from .context import PlaceContext, distance_km
from .cues import MentionCue, read_mention
from .gazetteer import Gazetteer, GeoCandidate, prominence
from .mentions import PAREN_TAIL, PARTICLE, split_names, widen
from .names import fold
from .scan import (
    coded_names,
    extend_subarea,
    find_cued_names,
    name_runs,
    paren_range,
    settlement_cue,
)

SPECIFICITY = {"city": 3.0, "admin2": 2.5, "admin1": 2.0, "country": 1.0}
INNER_SPECIFICITY = 2.5  # a town named inside a facility ("Zaporizhzhia nuclear plant")
# The war's theatre: in a report that names one of these countries, a town of another
# ("Belgorod" in a report on Ukraine) is no foreign namesake. No prior of its own: a
# report on Poland that mentions the war is not about Poznan in Rivne oblast.
THEATRE = frozenset({"UA", "RU", "BY"})
# A town of a country that neither the document nor the sentence names loses to the
# places they do name, unless it is this big ("Paris" needs no "France").
FOREIGN_MAX_POP = 1_000_000
ROLE_RANK = {"event": 3.0, "plain": 2.0, "origin": 1.5, "actor": 1.0, "topic": 1.0,
             "aside": 0.0}


@dataclass(frozen=True, slots=True)
class _Reading:
    cue: MentionCue
    cands: tuple[GeoCandidate, ...]
    key: str = ""  # the mention's name key in a PlaceContext
    inner: bool = False  # a name found inside a longer mention
    local: bool = False  # a place no gazetteer lists, reported as written at cands[0]
    written: bool = False  # a longer form of the town's name: report it as written
    unit: bool = False  # an admin unit of ACLED's parenthesis: "(Sindian, Bignona)"


def _key(mention_text: str) -> str:
    return fold(mention_text).removeprefix("the ")


def resolve_location(doc_text: str, sentence: Span, mentions: list[Span],
                     doc_mentions: list[Span], gazetteer: Gazetteer,
                     context: PlaceContext | None = None) -> Place:
    """The place where the event of ``sentence`` happened, chosen among ``mentions``
    (place-like entity spans inside the sentence, offsets into ``doc_text``), with
    ``doc_mentions`` (all such spans in the document) as context for ambiguous names.
    ``context``: ``document_context(doc_text, doc_mentions, gazetteer)`` computed once
    per document when resolving many sentences (optional; computed when None).

    >>> gaz = Gazetteer.load()
    >>> text = "Russian forces have retaken much of the Kursk province."
    >>> place = resolve_location(text, Span.of(text, 0, len(text)),
    ...                          [Span.of(text, 40, 45)], [Span.of(text, 40, 45)], gaz)
    >>> text[place.start:place.end], place.admin1, place.geo_precision
    ('Kursk province', 'Kursk', 3)
    """
    runs = name_runs(doc_text, sentence)
    mentions = [extend_subarea(doc_text, widen(doc_text, m, runs, gazetteer))
                for m in split_names(doc_text, mentions)]
    scanned = find_cued_names(doc_text, sentence, mentions)
    mentions = sorted(mentions + [s for s, _ in scanned], key=lambda s: s.start)
    # "in Bolivar state (coded to Ciudad Bolivar, Bolivar)": the place ACLED coded
    coded = coded_names(doc_text, sentence)
    if not mentions and not coded:
        return Place(reason="no place named in the sentence")
    readings = [r for m in mentions if (r := _read(doc_text, m, gazetteer))]
    if coded and not _coded_later(readings, coded):
        mentions = sorted([m for m in mentions if not any(
            m.start < c.end and c.start < m.end for c in coded)] + coded, key=lambda s: s.start)
        readings = [r for m in mentions if (r := _read(doc_text, m, gazetteer))]
    else:
        coded = []
    found = [r for r in readings if r.cands]
    if not found:
        names = ", ".join(repr(doc_text[m.start:m.end]) for m in mentions)
        return _unlisted(doc_text, readings) or Place(reason=f"{names} not found in gazetteer")
    doc_ctx = context or document_context(doc_text, doc_mentions, gazetteer)
    tops = [max(r.cands, key=lambda c: _prior(c) + doc_ctx.bonus(c, exclude=r.key))
            for r in found]
    chosen: list[GeoCandidate | None] = []
    for i, r in enumerate(found):
        sent_ctx = PlaceContext()  # the sentence's other places: "Izium, Kharkiv oblast"
        for j, top in enumerate(tops):
            if j != i and found[j].key != r.key:
                sent_ctx.add(found[j].key, top, _weight(found[j]))
        chosen.append(_choose(r, doc_ctx, sent_ctx, gazetteer))
    for i, r in enumerate(found):
        unit = _paren_unit(doc_text, r, found, chosen)
        if unit is None or chosen[i] is None:
            continue
        # "Sindian (Sindian, Bignona)": the town of the parenthesis' country, if any;
        # "Freiburg (Elbe) (Stade, Niedersachsen)": of its region, when it has one there
        inside = [c for c in r.cands if c.country_code == unit.country_code]
        region = [c for c in inside if c.admin1_code and c.admin1_code == unit.admin1_code
                  and c.kind == chosen[i].kind]
        if chosen[i].country_code != unit.country_code or \
                region and chosen[i].admin1_code != unit.admin1_code:
            pool = region or inside
            chosen[i] = max(pool, key=lambda c: _prior(c) + doc_ctx.bonus(c, exclude=r.key)) \
                if pool else None
    # "Bara in Idleb governorate": a name with no sense in the region its sentence names
    # is a village no gazetteer lists, like one with no sense at all
    unplaced = [_Reading(r.cue, (), r.key) for r, c in zip(found, chosen)
                if c is None and r.cue.role in ("event", "plain")]
    # "Fadan Chawai (Kauru, Kaduna)": a village no gazetteer lists
    for r, uncued in [(r, False) for r in readings] + [(r, True) for r in unplaced]:
        if not r.cands and (anchor := _anchor(doc_text, r, found, chosen, uncued)) is not None:
            # the village takes its anchor's role: "Qujman town in Aleppo countryside"
            role = max((r.cue.role, anchor[0].cue.role), key=ROLE_RANK.__getitem__)
            cue = replace(r.cue, name=_SETTLEMENT_TAIL.sub("", r.cue.name), role=role)
            # "Tawileh town in Al Hasakeh countryside": the region's At Tawilah, written
            # as the report writes it
            town = gazetteer.spelled_like(cue.name, anchor[1].admin1_code) \
                if anchor[1].admin1_code and len(cue.name) >= 4 else None
            if town is not None and town.entity != anchor[1].entity:
                found.append(_Reading(cue, (town,), r.key, written=True))
                chosen.append(town)
                continue
            found.append(_Reading(cue, (anchor[1],), r.key, local=True))
            chosen.append(anchor[1])
    part_of = _quarters(doc_text, found, chosen)
    best: tuple | None = None
    for i, (r, cand) in enumerate(zip(found, chosen)):
        if cand is None or i in part_of:
            continue
        if _is_coded(r, coded):
            key = (True,)
            if best is None or key > best[0]:
                best = (key, r, cand)
            continue
        # "Mazyr, Belarus" / "Kakhovka, Kherson Oblast": a place takes the role of the
        # region or country named with it when that is better than its own; a town the
        # role of its quarters ("Roslindale in Boston")
        role = max([ROLE_RANK[r.cue.role]] + [
            ROLE_RANK[found[j].cue.role] for j, other in enumerate(chosen)
            if other is not None and j != i and (_contains(other, cand) or part_of.get(j) == i)])
        if role == ROLE_RANK["aside"]:
            continue
        spec = INNER_SPECIFICITY if r.inner and cand.kind == "city" else \
            SPECIFICITY["city" if r.local else cand.kind]
        # "between Graskop and Pilgrims Rest (Ehlanzeni, Mpumalanga)": the place ACLED's
        # parenthesis locates is the one coded
        located = _PAREN_AFTER_NAME.match(doc_text, r.cue.end) is not None or \
            _in_own_paren(doc_text, r, cand, found, chosen)
        key = (False, role > ROLE_RANK["actor"], spec, role, located, -r.cue.start)
        if best is None or key > best[0]:
            best = (key, r, cand)
    cue = next((r.cue for r in readings if _is_coded(r, coded)), None)
    if cue is not None and best is not None and not best[0][0] and best[2].kind != "country":
        # a coded name no gazetteer lists: as written, where the rest of the note places it
        return _place(doc_text, _Reading(cue, (best[2],), local=True), best[2], gazetteer)
    if best is None or best[2].kind == "country":
        unlisted = _unlisted(doc_text, readings, best[2] if best else None)
        if unlisted is not None:
            return unlisted
    if best is None:
        names = ", ".join(repr(doc_text[r.cue.start:r.cue.end]) for r in found)
        if all(c is None for c in chosen):
            return Place(reason=f"{names}: no sense in the countries the document names")
        return Place(reason=f"only context places named (border, attacker): {names}")
    return _place(doc_text, best[1], best[2], gazetteer)


def _coded_later(readings: list[_Reading], coded: list[Span]) -> bool:
    """True when the coding is said of a place listed after the event's first one:
    "in Haradh (coded to district level), southeast of Hayran (coded to Wadi al Mimlah)"
    codes Hayran, not the event at Haradh; "refugees from Ukraine arrived in the Czech
    Republic [coded to Prague]" codes the event."""
    before = [r for r in readings if r.cue.end <= coded[0].start]
    if not before:
        return False
    subject = max(before, key=lambda r: r.cue.start)  # what the coding is said of
    return any(r.cue.start < subject.cue.start and r.cue.role in ("event", "plain")
               and r.cands and r.cue.scope != "region" for r in before)


def _is_coded(r: _Reading, coded: list[Span]) -> bool:
    return any(c.start <= r.cue.start < c.end for c in coded)


def document_context(doc_text: str, doc_mentions: list[Span], gazetteer: Gazetteer,
                     ) -> PlaceContext:
    """Countries, regions and towns a document names, each read at its most likely sense
    (two passes: a name's sense is re-chosen once the others are known)."""
    readings: dict[str, _Reading] = {}
    counts: dict[str, float] = {}
    for m in split_names(doc_text, doc_mentions):
        key = _key(doc_text[m.start:m.end])
        r = _read(doc_text, m, gazetteer, readings.get(key))
        if r is None or not r.cands:
            continue
        readings.setdefault(key, r)
        counts[key] = counts.get(key, 0.0) + _weight(r)
    first = PlaceContext()
    for key, r in readings.items():
        first.add(key, max(r.cands, key=_prior), counts[key])
    ctx = PlaceContext()
    for key, r in readings.items():
        sense = max(r.cands, key=lambda c: _prior(c) + first.bonus(c, 0.5, exclude=key))
        ctx.add(key, sense, counts[key])
    return ctx


_PAREN_AFTER_NAME = re.compile(r"\s*\([A-Z][^()\n]{1,80},[^()\n]{1,80}\)")
_QUALIFIER_WORDS = frozenset({"North", "South", "East", "West", "Upper", "Lower", "Middle",
                              "Central", "Old", "New"})  # "Dagon Myothit (South)"
_PAREN_OPEN = re.compile(r"[\w.'’]\s?\($")  # "Henderson (Nevada)": the parenthesis after a name
_INNER_PREP = re.compile(r"\s(?:in|at|near|of|outside)\s+(?:the\s+)?(?=[A-Z])")


# ----------------------------------------------------------------------------- helpers
def _paren_unit(doc_text: str, r: _Reading, found: list[_Reading],
                chosen: list[GeoCandidate | None]) -> GeoCandidate | None:
    """The last admin unit in ACLED's parenthesis right after the name (it says which
    country and region the name is in: "Sindian (Sindian, Bignona)", "Freiburg (Elbe)
    (Stade, Niedersachsen)"), or None."""
    end = r.cue.end
    qualifier = _QUALIFIER.match(doc_text, end)  # "Freiburg (Elbe)", "Buchen (Odenwald)"
    window = paren_range(doc_text, qualifier.end() if qualifier else end)
    if window is None:
        return None
    units = [(f.cue.start, c) for f, c in zip(found, chosen) if c is not None
             and f.cue.scope == "region" and c.kind in ("admin1", "admin2")
             and window[0] <= f.cue.start < window[1]]
    return max(units, key=lambda t: t[0])[1] if units else None


_QUALIFIER = re.compile(r" \([A-Z][a-z]+\)(?= \()")


def _in_own_paren(doc_text: str, r: _Reading, cand: GeoCandidate, found: list[_Reading],
                  chosen: list[GeoCandidate | None]) -> bool:
    """True when the parenthesis right after the name is the region ``cand`` lies in:
    "in Houston (Texas)", not "at Sunset Station hotel in Henderson (Nevada)"'s Sunset."""
    paren = _PAREN_ONE.match(doc_text, r.cue.end)
    if paren is None:
        return False
    return any(other is not None and other is not cand and _contains(other, cand)
               and paren.start(1) <= f.cue.start < paren.end(1)
               for f, other in zip(found, chosen))


_PAREN_ONE = re.compile(r"\s*\(([A-Z][^()\n,]{1,60})\)")


def _unlisted(doc_text: str, readings: list[_Reading], country: GeoCandidate | None = None,
              ) -> Place | None:
    """A settlement no gazetteer lists and nothing locates ("in the village of Doaligou
    (Diapangou, Gourma)" when no name there is known): its name, without coordinates."""
    for r in readings:
        cue = r.cue
        if r.cands or cue.role in ("aside", "actor", "topic") or len(cue.name) < 3 \
                or _FACILITY.search(cue.name) \
                or settlement_cue(doc_text, cue.end, cue.start) is None:
            continue
        return Place(text=doc_text[cue.start:cue.end], start=cue.start, end=cue.end,
                     name=_as_written(_SETTLEMENT_TAIL.sub("", cue.name)),
                     country=country.country if country else None, feature="locality",
                     reason="not in the gazetteer: no coordinates")
    return None


_FACILITY = re.compile(
    r"\b(?:Office|Assembly|Building|Hall|Court|Hospital|University|College|School|Embassy|"
    r"Consulate|Ministry|Parliament|Palace|Square|Station|Airport|Prison|Stadium|Park|"
    r"Street|Road|Avenue|Bridge|Market|Mosque|Church|Temple|Headquarters|Center|Centre|"
    r"Plaza|Factory|Plant|Company|Base|Government|Council|Committee|System|Range|"
    r"Cathedral|Theat(?:er|re)|Tower|Museum|Library|Terminal|Mall|Hotel|Memorial|Cemetery|"
    r"Corporation|Union|Association|Federation|Confederation|Agency|Bureau|Authority|"
    r"Commission|Institute|Academy|Foundation|Bank|Store|Supermarket|Clinic)s?$")
_BUILDING = re.compile(_FACILITY.pattern, re.IGNORECASE)  # "the prefecture office (Naha, ...)"
# "Barangay San Vicente" is San Vicente (a Philippine village), as ACLED names it
_SETTLEMENT_HEAD = re.compile(r"^(?:Barangay|Brgy\.?|Barrio)\s+(?=[A-Z0-9])")
_CITY_TAIL = re.compile(r"\s+City$")
_SETTLEMENT_TAIL = re.compile(r"\s+(?:village|town|city|township|camp|area|neighbou?rhood)s?$",
                              re.IGNORECASE)


def _as_written(name: str) -> str:
    """A place name as the report writes it, without "Barangay" and extra spaces."""
    return " ".join(_SETTLEMENT_HEAD.sub("", name).split())


def _anchor(doc_text: str, r: _Reading, found: list[_Reading],
            chosen: list[GeoCandidate | None], uncued: bool = False,
            ) -> tuple[_Reading, GeoCandidate] | None:
    """Where an unlisted settlement lies: the most specific place named in the parenthesis
    after it ("Kpankpaga (Kompienga, Est)") or just after its settlement word ("Fleifel
    town in Idleb countryside"); None when nothing marks the name as a settlement
    (``uncued``: a name with no sense in the places named near it needs no such mark)."""
    cue = r.cue
    if cue.role == "aside" or len(cue.name) < 3 or not cue.name[:1].isupper() \
            or _FACILITY.search(cue.name):
        return None
    kind = settlement_cue(doc_text, cue.end, cue.start)
    if kind is None and not uncued:
        return None
    window = paren_range(doc_text, cue.end) if kind == "paren" else None
    spans = [window or (cue.end, cue.end + 80), (cue.start - 80, cue.start)]
    if kind is None:  # uncued: only the place right after "in": "Bara in Idleb governorate"
        after = _IN_PLACE.match(doc_text, cue.end)
        if after is None:
            return None
        spans = [(after.end(), after.end() + 1)]
    for lo, hi in spans:
        near = [(SPECIFICITY[c.kind], -f.cue.start, f, c) for f, c in zip(found, chosen)
                if c is not None and not f.local and lo <= f.cue.start < hi
                and c.kind != "country"]
        if near and window is not None:
            # "(Yamba, Gourma)": the units a parenthesis ends with say which country its
            # first names are in (not Yamba in Australia)
            last = max(near, key=lambda t: t[2].cue.start)[3]
            near = [t for t in near if t[3].country_code == last.country_code]
        if near:
            return max(near, key=lambda t: t[:2])[2:]
    return None


_IN_PLACE = re.compile(r"\s+in\s+(?:the\s+)?(?=[A-Z])")
_PART_OF = re.compile(r"^\s*(?:(neighbou?rhood|quarter|suburb|area|district|section|"
                      r"locality)\s+)?(?:in|of)\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?$",
                      re.IGNORECASE)
_QUARTER_WORDS = frozenset({"neighborhood", "neighbourhood", "quarter", "suburb"})
QUARTER_KM = 30.0


def _quarters(doc_text: str, found: list[_Reading], chosen: list[GeoCandidate | None],
              ) -> dict[int, int]:
    """Readings ``i`` that name a quarter of the bigger town ``j`` named right after them:
    "Roslindale in Boston", "the Sankore quarter in the town of Timbuktu", "Cayyolu
    neighborhood of Cankaya". ACLED codes such events to the town."""
    out: dict[int, int] = {}
    for i, (r, c) in enumerate(zip(found, chosen)):
        if c is None or c.kind != "city" or c.lat is None:
            continue
        for j, (t, d) in enumerate(zip(found, chosen)):
            if d is None or d.kind != "city" or d.lat is None or t.cue.start < r.cue.end \
                    or d.entity == c.entity or d.population <= c.population:
                continue
            # "near Oktyabr district in Bishkek city", "the Liberty City neighborhood of
            # Miami": a quarter the gazetteer lacks, not its namesake far away
            part = _PART_OF.match(doc_text[r.cue.end:t.cue.start])
            if part and (distance_km(c.lat, c.lon, d.lat, d.lon) <= QUARTER_KM
                         or c.country_code != d.country_code and t.cue.scope == "place"
                         or (part.group(1) or "").lower() in _QUARTER_WORDS):
                out[i] = j
                break
    return out


def _weight(r: _Reading) -> float:
    """How much a mention says where the text is: "in Ukraine" more than "from Ukraine"."""
    return 1.0 if r.cue.role in ("event", "plain") else 0.4


def _read(doc_text: str, mention: Span, gazetteer: Gazetteer,
          known: _Reading | None = None) -> _Reading | None:
    cue = read_mention(doc_text, mention.start, mention.end)
    if cue is None or cue.name[:1].isdigit():  # "28 May" is a date, not the Azeri town
        return None
    if known is not None and known.cue.name == cue.name and known.cue.scope == cue.scope:
        return _Reading(cue, known.cands, known.key, known.inner, unit=known.unit)  # no lookup
    key = _key(doc_text[mention.start:mention.end])
    cands = _candidates(cue.name, cue.scope, gazetteer, doc_text[cue.start:cue.end])
    # "in San Jose, San Jose": a name repeated after a comma is the region of the town
    # named first (its own key: the region supports the town)
    again = doc_text[max(0, cue.start - len(cue.name) - 2):cue.start] == cue.name + ", "
    if again:
        key += " (region)"
    # "Henderson (Nevada)", "Sitrah (Capital)": a parenthesis of one name after a town is
    # its region; after a building it is the town ("the KFEM Office (Seoul)")
    opening = _PAREN_OPEN.search(doc_text, max(0, cue.start - 4), cue.start)
    # but "Rabat (Rabat)" repeats the town's own name, and "Wadi al Jufrah (North)
    # (Majzar, Marib)" ends the name
    building = opening is not None and _BUILDING.search(
        doc_text, max(0, opening.start() - 40), opening.start() + 1) is not None
    alone = not again and opening is not None and doc_text.startswith(")", cue.end) and \
        cue.name not in _QUALIFIER_WORDS and not doc_text.startswith(" (", cue.end + 1) and \
        not doc_text[:opening.start() + 1].endswith(cue.name) and not building
    # "Enugu (Enugu North, Enugu)": the parenthesis' first name is a unit too, if it names
    # one; after a building it is the town ("the prefecture office (Naha, Okinawa)")
    first = opening is not None and doc_text.startswith(",", cue.end) and not building
    if again or alone or first or \
            PAREN_TAIL.search(doc_text, max(0, cue.start - 100), cue.start):
        # "(Seytenga, Seno)", "(Ouo, Comoe)": after the first name, ACLED's parenthesis
        # lists the admin units the place lies in, not towns of that name elsewhere
        units = [c for c in cands if c.kind in ("admin1", "admin2")]
        units += [c for c in gazetteer.districts(cue.name) if c not in units]
        if alone:
            units = [c for c in units if c.kind == "admin1"]
        if units:  # the region itself, not its capital: "(Hulugho, Garissa)"; it lends
            # no event role to a town of it named elsewhere ("the Homa Bay women Rep seat")
            role = "plain" if cue.role == "event" else cue.role
            cue = replace(cue, scope="region", role=role)
            return _Reading(cue, tuple(units), key, unit=True)
    if cands:
        return _Reading(cue, tuple(cands), key)
    bare = _SETTLEMENT_TAIL.sub("", cue.name)  # "Khorramdasht city"
    if bare != cue.name and (cands := [c for c in gazetteer.lookup(bare) if c.kind == "city"]):
        return _Reading(replace(cue, name=bare), tuple(cands), key)
    long = PARTICLE.search(cue.name)  # "Oaxaca de Juarez": Oaxaca, as written
    if long and (cands := [c for c in gazetteer.lookup(cue.name[:long.start()])
                           if c.kind == "city" and c.match < 2]):
        return _Reading(cue, tuple(cands), key, written=True)
    town, dash, _ = cue.name.partition(" - ")
    town = town.removesuffix(" City")  # "Seoul City - Jongno"
    if dash and (cands := [c for c in gazetteer.lookup(town) if c.kind == "city"]):
        return _Reading(cue, tuple(cands), key, local=True)  # "Baghdad - Adhamiya"
    if settlement_cue(doc_text, cue.end, cue.start):  # "Tall Tawil town" is not Tall
        return _Reading(cue, (), key)
    words = cue.name.split()
    known = gazetteer.ruler_names()
    parts = []
    after = _INNER_PREP.search(cue.name)  # "Gagarin Stadium in Chernihiv"
    if after:
        tail = cue.name[after.end():].split()
        parts += [" ".join(tail[:n]) for n in range(len(tail), 0, -1)]
    for n in range(len(words) - 1, 0, -1):  # "Zaporizhzhia nuclear power plant"
        parts += [" ".join(words[:n]), " ".join(words[-n:])]
    for part in parts:
        if part in known and (cands := _candidates(part, "place", gazetteer)):
            offset = doc_text.find(part, cue.start, cue.end)
            if offset < 0:
                continue
            after_prep = bool(after) and offset >= cue.start + after.end()
            inner = MentionCue(part, offset, offset + len(part), "place", not after_prep,
                               cue.role, cue.capital_of)
            return _Reading(inner, tuple(cands), key, inner=not after_prep)
    return _Reading(cue, (), key)


def _candidates(name: str, scope: str, gazetteer: Gazetteer,
                full: str = "") -> list[GeoCandidate]:
    if scope == "region":
        exact = [c for c in gazetteer.lookup(full) if c.kind == "admin1"] if full else []
        regions = exact or gazetteer.regions(name)
        if regions:  # only the best-matching spellings: "Kyiv region" is not "Kyiv City"
            return [c for c in regions if c.match == regions[0].match]
    found = gazetteer.lookup(name)
    # "(Kantchari, Tapoa)": a district (GeoNames admin2) is a reading too, unless a region
    # of that name is one already
    if not any(c.kind == "admin1" for c in found):
        found += gazetteer.districts(name)
    return found


def _prior(cand: GeoCandidate) -> float:
    return prominence(cand)


def _contains(outer: GeoCandidate, inner: GeoCandidate) -> bool:
    """True when ``outer`` is the country or admin1 region ``inner`` lies in."""
    if outer.kind == "country":
        return inner.kind != "country" and inner.country_code == outer.country_code
    if outer.kind == "admin1":
        return inner.kind == "city" and inner.admin1_code == outer.admin1_code
    return False


def _choose(r: _Reading, doc_ctx: PlaceContext, sent_ctx: PlaceContext,
            gazetteer: Gazetteer) -> GeoCandidate | None:
    def score(c: GeoCandidate) -> float:
        return _prior(c) + doc_ctx.bonus(c, exclude=r.key) + sent_ctx.bonus(c, 1.5)

    cands = list(r.cands)
    named = {cc for ctx, ex in ((doc_ctx, r.key), (sent_ctx, None))
             for cc, w in ctx.countries.items() if w - _own(ctx, ex, cc) >= 0.99}
    if named:
        # "Kamma town (... Magway region)" is not Kamma in Sicily
        cands = [c for c in cands if c.country_code in named or c.kind == "country"
                 or c.population >= FOREIGN_MAX_POP
                 or c.country_code in THEATRE and named & THEATRE] or \
                [c for c in cands if c.population >= FOREIGN_MAX_POP]
        if not cands and r.cue.role == "event":
            # "a rally in Chrzanow against the war in Ukraine": a town with no sense in
            # the countries named is still where the event happened; but "Bara in Idleb
            # governorate" is a village the gazetteer lacks, not Bara in Nigeria: a town
            # must lie in the country of the regions its sentence names, if it names any
            cands = [c for c in r.cands if c.kind == "city" and c.match < 2]
            regions = {code[:2] for code, w in sent_ctx.admin1.items() if w >= 0.99}
            if regions:
                cands = [c for c in cands if c.country_code in regions]
        if not cands and r.unit:
            # "(Sindian, Bignona)": ACLED's own admin units are never a foreign namesake
            cands = list(r.cands)
        if not cands:
            return None
    best = max(cands, key=score)
    if r.cue.scope != "region" and not r.inner:
        for c in cands:  # "Russia" is the country, not Russia, Ohio
            if c.kind == "country" and c.match < 2:
                return c
    if best.kind == "admin1" and r.cue.scope != "region":
        # a bare "Mykolaiv" / "Donetsk" is the town, not the oblast named after it
        capital = gazetteer.capital(best)
        for c in cands:
            if c.kind == "city" and (c.entity == (capital.entity if capital else -2)
                                     or fold(c.name) == fold(best.name)):
                return c
    return best


def _own(ctx: PlaceContext, key: str | None, cc: str) -> float:
    """The weight name ``key`` itself gives country ``cc`` in ``ctx``."""
    own = ctx.senses.get(key) if key else None
    if own is None or own[0].country_code != cc:
        return 0.0
    return 0.5 * own[1] if own[0].kind in ("city", "admin2") else own[1]


def _place(doc_text: str, r: _Reading, cand: GeoCandidate, gazetteer: Gazetteer) -> Place:
    cue = r.cue
    # ACLED names a town as local reports spell it ("Napoli", "Jarablus"); in Ukraine it
    # uses the official names that GeoNames has (Kharkiv, not Kharkov)
    written = r.local or r.written or cand.kind == "city" and cand.match > 0 and \
        cand.country_code != "UA" and any(c.entity == cand.entity for c in r.cands)
    if cue.capital_of and cand.kind in ("country", "admin1"):
        capital = gazetteer.capital(cand)
        if capital is not None:
            cand = capital
    name = cand.name
    if r.local:  # a village or quarter at its anchor's coordinates
        precision = 2
        name = _as_written(cue.name)
    elif cand.kind == "admin2":  # a district, at its seat: part of a region, as written
        precision = 2               # ("Chamkar Mon", not GeoNames' "Khan Chamkar Mon")
        name = _as_written(_SETTLEMENT_TAIL.sub("", cue.name))
    elif cand.kind == "city":
        precision = 2 if cue.near else 1
        if written:  # ACLED names a town as the report spells it: "Napoli", "Jarablus"
            name = _as_written(cue.name)
            bare = _CITY_TAIL.sub("", name)
            # "Butuan City" is Butuan; but Quebec City and Davao City keep the word that
            # tells them from the region of that name
            if bare != name and not fold(cand.name).endswith(" city") and not any(
                    c.kind == "admin1" for c in gazetteer.lookup(bare)) \
                    and not gazetteer.districts(bare):
                name = bare
    else:
        precision = 3
    return Place(
        text=doc_text[cue.start:cue.end], start=cue.start, end=cue.end, name=name,
        admin1=cand.admin1 if cand.kind != "country" else None, country=cand.country,
        lat=None if cand.lat is None else round(cand.lat, 5),
        lon=None if cand.lon is None else round(cand.lon, 5),
        geo_precision=precision, geonameid=None if r.local else cand.geonameid,
        feature="locality" if r.local else cand.kind)
