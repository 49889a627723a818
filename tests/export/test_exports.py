"""Each export read back by a real reader and checked field by field against the events."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest
from click.testing import CliRunner

from polybius.export import FORMATS, export_events
from polybius.export.acled_csv import ACLED_COLUMNS
from polybius.store.queries import EventFilter
from web.sample_events import XSS_PAYLOAD, fill_store


@pytest.fixture
def filled(store):
    results = fill_store(store)
    events = {e.event_id: (e, r.document) for r in results for e in r.events}
    return store, events


def _evidence(event, doc):
    return doc.text[event.evidence.start:event.evidence.end]


def test_acled_csv_round_trip(filled, tmp_path):
    store, events = filled
    path = tmp_path / "events.csv"
    assert export_events(store.conn, "acled", path) == len(events)
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == ACLED_COLUMNS
        rows = list(reader)
    assert len(rows) == len(events)
    for row in rows:
        event, doc = events[row["event_id_cnty"]]
        assert row["event_date"] == (event.date.start_date or "")
        assert row["year"] == event.date.start_date[:4]
        assert row["time_precision"] == str(event.date.time_precision)
        assert row["event_type"] == (event.acled_event_type or "")
        assert row["sub_event_type"] == (event.acled_sub_event_type or "")
        assert row["actor1"] == (event.actor1.name or "")
        assert row["actor2"] == (event.actor2.name or "")
        assert row["admin1"] == (event.location.admin1 or "")
        assert row["location"] == (event.location.name or "")
        assert float(row["latitude"]) == event.location.lat
        assert float(row["longitude"]) == event.location.lon
        assert row["geo_precision"] == str(event.location.geo_precision)
        assert row["fatalities"] == ("" if event.fatalities.value is None
                                     else str(event.fatalities.value))
        assert row["notes"] == _evidence(event, doc)
        assert row["source"] == doc.source
    sudan = next(r for r in rows if events[r["event_id_cnty"]][0].location.country == "SDN")
    assert (sudan["country"], sudan["iso"], sudan["region"]) == ("Sudan", "729",
                                                                 "Northern Africa")
    protest = next(r for r in rows if r["event_type"] == "Protests")
    assert protest["disorder_type"] == "Demonstrations"
    assert protest["inter1"] == "Protesters"
    xss = next(r for r in rows if XSS_PAYLOAD in r["notes"])
    assert xss["civilian_targeting"] == "Civilian targeting"


def test_plover_json_round_trip(filled):
    store, events = filled
    buffer = io.StringIO()
    assert export_events(store.conn, "plover", buffer) == len(events)
    records = json.loads(buffer.getvalue())
    assert len(records) == len(events)
    for rec in records:
        event, doc = events[rec["id"]]
        assert rec["event_type"] == event.event_type
        assert rec["date"] == event.date.start_date
        assert rec["actor"] == event.actor1.name
        assert rec["actor_country"] == event.actor1.country
        assert rec["recipient"] == event.actor2.name
        assert rec["placename"] == event.location.name
        assert rec["country"] == event.location.country
        assert (rec["lat"], rec["lon"]) == (event.location.lat, event.location.lon)
        assert rec["dead"] == event.fatalities.value
        assert rec["status"] == event.status
        assert rec["text"] == _evidence(event, doc)
        assert rec["source"]["doc_id"] == event.doc_id
        assert rec["source"]["evidence"] == {"start": event.evidence.start,
                                             "end": event.evidence.end}
        assert rec["quad_code"] == {"ASSAULT": 4, "PROTEST": 4, "CONSULT": 1}[event.event_type]


def test_geojson_round_trip(filled):
    store, events = filled
    buffer = io.StringIO()
    export_events(store.conn, "geojson", buffer)
    collection = json.loads(buffer.getvalue())
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == len(events)
    for feature in collection["features"]:
        event, doc = events[feature["id"]]
        assert feature["geometry"] == {"type": "Point",
                                       "coordinates": [event.location.lon, event.location.lat]}
        props = feature["properties"]
        assert props["event_type"] == event.event_type
        assert props["acled_event_type"] == event.acled_event_type
        assert props["actor1"] == event.actor1.name
        assert props["start_date"] == event.date.start_date
        assert props["fatalities"] == event.fatalities.value
        assert props["evidence"] == _evidence(event, doc)


def test_parquet_round_trip(filled, tmp_path):
    store, events = filled
    path = tmp_path / "events.parquet"
    assert export_events(store.conn, "parquet", path) == len(events)
    reader = duckdb.connect()
    rows = reader.execute("SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
    columns = [d[0] for d in reader.description]
    assert len(rows) == len(events)
    for values in rows:
        row = dict(zip(columns, values))
        event, doc = events[row["event_id"]]
        assert row["event_type"] == event.event_type
        assert row["actor1_name"] == event.actor1.name
        assert row["country"] == event.location.country
        assert (row["lat"], row["lon"]) == (event.location.lat, event.location.lon)
        assert row["start_date"].isoformat() == event.date.start_date
        assert row["fatalities"] == event.fatalities.value
        assert row["evidence_text"] == _evidence(event, doc)
        assert json.loads(row["record"]) == json.loads(json.dumps(event.to_json()))


def test_filtered_export_keeps_only_matching_events(filled):
    store, events = filled
    buffer = io.StringIO()
    n = export_events(store.conn, "acled", buffer, EventFilter(country="RUS"))
    assert n == sum(1 for e, _ in events.values() if e.location.country == "RUS") > 0


def test_export_streams_in_pages(filled):
    """More events than one page: the keyset pages join up without gaps or repeats."""
    from polybius.store import queries

    store, events = filled
    rows = list(queries.iter_export_rows(store.conn, batch=7))
    assert sorted(r.record["event_id"] for r in rows) == sorted(events)


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_export_writes_the_file(filled, tmp_path, fmt):
    from polybius.cli_interfaces import export

    store, events = filled
    db = store.path
    store.close()
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(export, ["--db", str(db), "--format", fmt, "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert f"exported {len(events)} events as {fmt}" in result.output
    assert out.stat().st_size > 100


def test_cli_export_errors_say_how_to_fix(tmp_path):
    from polybius.cli_interfaces import export

    result = CliRunner().invoke(export, ["--db", str(tmp_path / "missing.duckdb"), "--format",
                                         "acled", "--output", "-"])
    assert result.exit_code == 1
    assert "does not exist; create it with `polybius run PATH --db" in result.output
    result = CliRunner().invoke(export, ["--db", str(tmp_path / "x.duckdb"), "--format",
                                         "parquet", "--output", "-"])
    assert result.exit_code == 2 and "Parquet cannot go to standard output" in result.output
