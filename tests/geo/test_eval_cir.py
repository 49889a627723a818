"""Accuracy floor on real CIR monitor entries that name their town (needs ../shared/data)."""

import csv
import re

import pytest

from polybius.geo.names import fold
from polybius.geo.mentions import find_place_mentions
from polybius.geo.resolve import distance_km, resolve_location
from polybius.records import Span

LABELS = {"GPE", "LOC", "FAC"}


@pytest.mark.slow
def test_cir_entries_naming_their_town(shared_data, gazetteer, place_nlp):
    rows = []
    with open(shared_data / "cir_russia_ukraine_monitor_2022.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            title = re.sub(r"^\s*\d{1,2}/\d{1,2}/\d{2,4}\s*", "", r["title"] or "").strip()
            town = (r["town/city"] or "").strip()
            if town and title and fold(town) in fold(title) and r["lat"] and r["lon"]:
                rows.append((title, float(r["lat"]), float(r["lon"])))
            if len(rows) == 300:
                break
    assert len(rows) == 300
    near = 0
    for (text, lat, lon), doc in zip(rows, place_nlp.pipe(t for t, _, _ in rows)):
        ments = [Span(e.start_char, e.end_char, e.text) for e in doc.ents
                 if e.label_ in LABELS] or find_place_mentions(text, gazetteer)
        place = resolve_location(text, Span.of(text, 0, len(text)), ments, ments, gazetteer)
        if place.lat is not None:
            assert text[place.start:place.end] == place.text
            near += distance_km(place.lat, place.lon, lat, lon) <= 25
    assert near / len(rows) >= 0.75, near / len(rows)
