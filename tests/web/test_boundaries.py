"""The committed boundary files: small enough, and Crimea shown per the documented policy."""

from __future__ import annotations

import json
from pathlib import Path

STATIC = Path(__file__).resolve().parents[2] / "polybius" / "web" / "static"


def _point_in_ring(ring, x, y):
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        (xi, yi), (xj, yj) = ring[i], ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _polygons(geometry):
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def test_admin1_file_is_small_and_has_crimea_under_ukraine():
    path = STATIC / "data" / "admin1.geojson"
    assert path.stat().st_size < 1_000_000
    data = json.loads(path.read_text(encoding="utf-8"))
    by_code = {f["properties"]["iso_3166_2"]: f for f in data["features"]}
    for code in ("UA-43", "UA-40"):
        props = by_code[code]["properties"]
        assert props["country"] == "UA" and props["country_a3"] == "UKR"
        assert props["disputed"] == "occupied by Russia since 2014"
    assert {f["properties"]["country"] for f in data["features"]} >= {"UA", "RU", "SD", "YE"}
    simferopol = (34.10, 44.95)
    containing = [f["properties"]["iso_3166_2"] for f in data["features"]
                  if any(_point_in_ring(p[0], *simferopol) for p in _polygons(f["geometry"]))]
    assert containing == ["UA-43"]


def test_country_topology_puts_crimea_in_ukraine():
    topo = json.loads((STATIC / "data" / "countries-50m.json").read_text(encoding="utf-8"))
    geoms = {g["properties"]["name"]: g for g in topo["objects"]["countries"]["geometries"]}
    assert "UN GA res. 68/262" in geoms["Ukraine"]["properties"]["disputed_note"]
    assert len(geoms["Russia"]["arcs"]) > 50  # the rest of Russia is untouched


def test_vendored_scripts_are_present_and_pinned():
    versions = (STATIC / "vendor" / "VERSIONS.txt").read_text(encoding="utf-8")
    assert "leaflet@1.9.4" in versions and "world-atlas@2.0.2" in versions
    for rel in ("vendor/leaflet/leaflet.js", "vendor/markercluster/leaflet.markercluster.js",
                "vendor/topojson-client/topojson-client.min.js"):
        assert (STATIC / rel).stat().st_size > 5000
