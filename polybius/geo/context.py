"""Where a document or a sentence is: the sense chosen for each place name it uses,
summed into weights of countries and admin1 regions. ``resolve`` scores a name's
readings by the support the other names give them ("Paris" in a Texas story)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .gazetteer import GeoCandidate

_NEAR_KM = 300.0


@dataclass(slots=True)
class PlaceContext:
    """Where a document (or sentence) is: the sense chosen for each place name it uses,
    summed into weights of countries and admin1 regions, and towns' coordinates."""

    senses: dict[str, tuple[GeoCandidate, float]] = field(default_factory=dict)
    countries: dict[str, float] = field(default_factory=dict)  # alpha2 -> weight
    admin1: dict[str, float] = field(default_factory=dict)  # "CC.XX" -> weight

    def add(self, key: str, cand: GeoCandidate, weight: float = 1.0) -> None:
        """Record that name ``key`` means ``cand`` (``weight``: how often it is used)."""
        old = self.senses.get(key)
        if old is not None:
            self._tally(old[0], -old[1])
            weight = min(old[1] + weight, 2.0)
        self.senses[key] = (cand, weight)
        self._tally(cand, weight)

    def _tally(self, cand: GeoCandidate, weight: float) -> None:
        cc = cand.country_code
        # a town or district names its country less surely than a region or the country
        share = 0.5 * weight if cand.kind in ("city", "admin2") else weight
        self.countries[cc] = self.countries.get(cc, 0.0) + share
        if cand.admin1_code:
            self.admin1[cand.admin1_code] = self.admin1.get(cand.admin1_code, 0.0) + weight

    def bonus(self, cand: GeoCandidate, scale: float = 1.0, exclude: str | None = None,
              ) -> float:
        """Support for ``cand`` from the other names (not ``exclude``, the name itself)."""
        own = self.senses.get(exclude) if exclude else None
        country = self.countries.get(cand.country_code, 0.0)
        region = self.admin1.get(cand.admin1_code, 0.0) if cand.admin1_code else 0.0
        if own is not None:
            oc, ow = own
            if oc.country_code == cand.country_code:
                country -= 0.5 * ow if oc.kind in ("city", "admin2") else ow
            if oc.admin1_code and oc.admin1_code == cand.admin1_code:
                region -= ow
        score = 1.5 * scale * min(max(country, 0.0), 2.0)
        if cand.kind != "admin1":
            score += 1.5 * scale * min(max(region, 0.0), 1.0)
        if cand.kind == "city" and cand.lat is not None:
            for key, (other, _) in self.senses.items():
                if key != exclude and other.kind == "city" and other.lat is not None \
                        and other.entity != cand.entity \
                        and distance_km(cand.lat, cand.lon, other.lat, other.lon) < _NEAR_KM:
                    score += 1.0 * scale
                    break
        return score


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
