"""End-to-end extraction on real text: the seed report and the example corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polybius.pipeline import extract_document, run_pipeline
from polybius.records import Document


def _slices(text, event):
    assert text[event.evidence.start:event.evidence.end] == event.evidence.text
    for field in (event.actor1, event.actor2, event.location, event.date, event.attribution):
        if field.start is not None:
            assert text[field.start:field.end] == field.text


def test_kursk_retaking_and_planned_talks(kursk_text, resources, settings):
    events = extract_document(Document(id="kursk", text=kursk_text), resources, settings)
    for event in events:
        _slices(kursk_text, event)
    retake = [e for e in events if e.acled_sub_event_type == "Government regains territory"]
    assert len(retake) == 1, [e.to_json() for e in events]
    event = retake[0]
    assert event.actor1.name.startswith("Military Forces of Russia")
    assert event.actor1.country == "RUS"
    assert event.location.admin1 == "Kursk" and event.location.country == "RUS"
    assert event.location.geo_precision == 3
    assert "Kursk province" in event.location.text
    assert event.date.start_date is None and event.date.reason
    talks = [e for e in events if e.event_type == "CONSULT"]
    assert len(talks) == 1
    assert talks[0].status == "planned"
    names = {p["name"] for p in talks[0].extras["participants"]}
    assert any("United States" in n for n in names) and any("Russia" in n for n in names)
    assert talks[0].date.text == "this week" and talks[0].date.start_date is None


def test_relative_date_anchored_on_publication(resources, settings):
    text = ("Russian forces shelled the city of Kharkiv on Tuesday, killing three civilians, "
            "the regional governor said.")
    events = extract_document(Document(id="k", text=text, published="2025-03-14"),
                              resources, settings)
    assert len(events) == 1
    event = events[0]
    assert event.acled_event_type == "Explosions/Remote violence"
    assert event.date.start_date == "2025-03-11" and event.date.time_precision == 1
    assert event.location.name == "Kharkiv" and event.location.geo_precision == 1
    assert event.fatalities.value == 3
    assert event.attribution.text and "governor" in event.attribution.text
    _slices(text, event)


def test_event_ids_are_stable(kursk_text, resources, settings):
    doc = Document(id="kursk", text=kursk_text)
    first = [e.event_id for e in extract_document(doc, resources, settings)]
    assert first == [e.event_id for e in extract_document(doc, resources, settings)]


def test_text_without_events_gives_none(resources, settings):
    text = "The museum reopened its gallery of Flemish paintings after a long renovation."
    assert extract_document(Document(id="m", text=text), resources, settings) == []


def test_run_is_idempotent_and_keeps_failures(store, resources, settings, kursk_text):
    docs = [Document(id="kursk", text=kursk_text),
            Document(id="k2", text="Protesters marched peacefully in Buenos Aires on "
                                   "Wednesday against pension cuts.", published="2025-06-05")]
    from polybius.records import Failure

    items = docs + [Failure(origin="bad.bin", reason="binary content, not text")]
    first = run_pipeline(items, store, resources, settings)
    counts = store.counts()
    assert counts["documents"] == 2 and counts["rejected"] == 1 and counts["events"] >= 3
    second = run_pipeline(items, store, resources, settings)
    assert store.counts() == counts
    assert second.unchanged == 2 and second.events == 0 and first.events == counts["events"]
    row = store.conn.execute("SELECT record FROM events WHERE doc_id = 'k2'").fetchone()
    assert json.loads(row[0])["event_type"] == "PROTEST"


@pytest.mark.slow
def test_two_processes_store_the_same_events(tmp_path, resources, settings):
    from polybius.ingest import read_paths
    from polybius.store.store import Store

    EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

    snapshots = []
    for n_process in (1, 2):
        local = settings.with_(n_process=n_process, batch_size=4)
        store = Store(tmp_path / f"n{n_process}.duckdb")
        run_pipeline(read_paths([EXAMPLES], local), store, resources, local)
        snapshots.append(store.conn.execute(
            "SELECT event_id, record FROM events ORDER BY 1").fetchall())
        store.close()
    assert snapshots[0] and snapshots[0] == snapshots[1]
