"""Talks: participants, status, dates, venue and agenda, updated by later reports."""

import pytest

from polybius.actors import ActorDictionary
from polybius.records import Document
from polybius.situation.model import DocInfo
from polybius.situation.talks import find_agenda, find_talks, talks_view
from polybius.situation.sentences import split_sentences

from .build import UA_GOV, US_GOV
from .reports import document, events_of, results


@pytest.fixture(scope="module")
def actors():
    return ActorDictionary.load()


def _info(doc):
    return DocInfo(doc.id, doc.text, doc.published[:10] if doc.published else None)


def test_planned_talks_with_agenda_from_the_next_sentence(actors):
    doc = document("r4")
    (talks,) = find_talks(_info(doc), events_of(doc), actors)
    assert talks.status == "planned" and talks.place == "Riyadh"
    assert (talks.start_date, talks.end_date) == ("2025-03-12", "2025-03-12")
    assert set(talks.participants) >= {US_GOV, UA_GOV}
    assert [a.topic for a in talks.agenda] == ["ceasefire", "prisoner exchange"]
    assert [doc.text[a.source.start:a.source.end] for a in talks.agenda] == [
        "ceasefire", "exchange of prisoners"]


def test_postponed_round_found_without_an_event(actors):
    doc = document("r5")
    (talks,) = find_talks(_info(doc), events_of(doc), actors)
    assert talks.status == "postponed" and talks.follow_up
    assert talks.place == "Riyadh" and talks.start_date is None
    assert doc.text[talks.evidence.start:talks.evidence.end].startswith("A follow-up round")


def test_kursk_agenda_phrases(kursk_text):
    doc = DocInfo("kursk", kursk_text)
    items = find_agenda(doc, split_sentences(kursk_text))
    topics = {a.topic: kursk_text[a.source.start:a.source.end] for a in items}
    assert topics["ceasefire"] == "ceasefire"
    assert topics["troop withdrawal"] == "withdrawal of troops"
    assert topics["territory"] == "restoration of territories"


def test_kursk_talks_through_the_pipeline(kursk_text, resources, store):
    from polybius.pipeline import process_batch
    from polybius.settings import Settings

    store.write_results(process_batch([Document(id="kursk", text=kursk_text)], resources,
                                      Settings()))
    records = talks_view(store.conn)
    assert records, "the planned talks of the seed report were not found"
    topics = {t for r in records for t in r.to_json()["agenda"]}
    assert {"ceasefire", "troop withdrawal"} <= topics
    assert any(r.status == "planned" for r in records)
    names = {p for r in records for p in r.participants}
    assert any("Russia" in n for n in names) and any("United States" in n for n in names)


def test_later_report_updates_status_and_new_round_is_separate(store):
    store.write_results(results("r4"))
    (planned,) = talks_view(store.conn)
    assert planned.status == "planned"
    store.write_results(results("r9"))
    (held,) = talks_view(store.conn)
    assert held.talks_id == planned.talks_id and held.status == "held"
    assert [h["status"] for h in held.status_history] == ["planned", "held"]
    assert {"ceasefire", "prisoner exchange", "energy infrastructure"} <= set(
        held.to_json()["agenda"])
    store.write_results(results("r5"))
    by_status = {t.status: t for t in talks_view(store.conn)}
    assert set(by_status) == {"held", "postponed"}
    assert by_status["held"].talks_id == planned.talks_id
    store.write_results(results("r4", "r5", "r9"))  # re-running adds nothing
    assert len(talks_view(store.conn)) == 2
