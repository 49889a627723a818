"""Territorial control over time, from control-change events and control statements."""

from polybius.records import Document
from polybius.situation.control import (classify_change, control_facts, control_state,
                                        control_view)
from polybius.situation.control_text import control_statements
from polybius.situation.model import DocInfo
from polybius.actors import ActorDictionary

from .build import RUS, UKR, event
from .reports import document, events_of, results


def _info(doc: Document) -> DocInfo:
    return DocInfo(doc.id, doc.text, doc.published[:10] if doc.published else None)


def test_capture_gives_a_gained_fact_with_its_evidence():
    doc = document("r4")
    (fact,) = control_facts(_info(doc), events_of(doc))
    assert (fact.place, fact.admin1, fact.controller, fact.change) == (
        "Udachne", "Donetsk", RUS, "gained")
    assert doc.text[fact.evidence.start:fact.evidence.end] == \
        "Russian troops have captured the village of Udachne"


def test_withdrawal_is_a_loss_unless_the_winner_is_named():
    doc = Document(id="w", text="Ukrainian troops withdrew from Udachne on Monday. "
                                "Russian forces withdrew from Pokrovsk before Ukrainian units.",
                   published="2025-03-11")
    lost = event(doc, "Ukrainian troops withdrew from Udachne", "withdrew",
                 event_type="RETREAT", actor1=("Ukrainian troops", UKR), place="Udachne")
    handed = event(doc, "Russian forces withdrew from Pokrovsk before Ukrainian units",
                   "withdrew", event_type="RETREAT", actor1=("Russian forces", RUS),
                   actor2=("Ukrainian units", UKR), place="Pokrovsk")
    assert classify_change(lost, _info(doc)) == "lost"
    facts = control_facts(_info(doc), [lost, handed])
    assert [(f.place, f.controller, f.change) for f in facts] == [
        ("Udachne", UKR, "lost"), ("Pokrovsk", UKR, "gained")]


def test_denied_and_planned_changes_are_not_control():
    doc = document("r8")
    assert control_facts(_info(doc), events_of(doc)) == []


def test_statement_remained_under_control():
    doc = document("r8")
    facts = control_statements(_info(doc), events_of(doc), ActorDictionary.load())
    assert [(f.place, f.controller, f.change) for f in facts] == [("Udachne", RUS, "gained")]
    assert doc.text[facts[0].evidence.start:facts[0].evidence.end] == "under Russian control"
    assert facts[0].attribution == "the ministry"


def _facts(*doc_ids):
    out = []
    for doc_id in doc_ids:
        doc = document(doc_id)
        out += control_facts(_info(doc), events_of(doc))
    return out


def test_as_of_answers_follow_the_changes():
    facts = _facts("r4", "r5")
    assert control_state(facts, as_of="2025-03-10") is None
    on_12th = control_state(facts, as_of="2025-03-12")
    assert (on_12th.controller, on_12th.change, on_12th.since) == (RUS, "gained", "2025-03-11")
    latest = control_state(facts)
    assert (latest.controller, latest.change, latest.since) == (UKR, "gained", "2025-03-14")
    assert [h["controller"] for h in latest.history] == [RUS, UKR]


def test_contradicting_report_makes_the_place_contested(store):
    store.write_results(results("r4", "r5", "r8"))
    (now,) = control_view(store.conn, place="Udachne")
    assert (now.controller, now.change, now.contested_by) == (UKR, "contested", (RUS,))
    (before,) = control_view(store.conn, place="Donetsk", as_of="2025-03-14")
    assert (before.controller, before.change) == (UKR, "gained")
    for source in now.sources:
        text = document(source.doc_id).text
        assert "Udachne" in text[source.start:source.end] or \
            "control" in text[source.start:source.end]


def test_control_table_is_kept_per_place(store):
    store.write_results(results("r4"))
    assert store.conn.execute("SELECT place, controller, change FROM control_places"
                              ).fetchall() == [("Udachne", RUS, "gained")]
    store.write_results(results("r5"))
    assert store.conn.execute("SELECT place, controller, change FROM control_places"
                              ).fetchall() == [("Udachne", UKR, "gained")]


def test_kursk_retaken_after_ukraine_gained_it(kursk_text, resources, store):
    """The seed report, through the real pipeline: Russia holds Kursk province again."""
    from polybius.pipeline import process_batch
    from polybius.settings import Settings

    doc = Document(id="kursk", text=kursk_text)
    store.write_results(process_batch([doc], resources, Settings()))
    records = control_view(store.conn, place="Kursk")
    assert records, "no control record for Kursk"
    kursk = records[0]
    assert kursk.admin1 == "Kursk" and kursk.country == "RUS"
    assert kursk.controller.startswith("Military Forces of Russia")
    assert kursk.change == "gained"
    controllers = [h["controller"] for h in kursk.history]
    assert any(c.startswith("Military Forces of Ukraine") for c in controllers), controllers
    for s in kursk.sources:
        assert "Kursk" in kursk_text[s.start:s.end] or "retak" in kursk_text[s.start:s.end]


def test_report_without_events_can_still_say_who_holds_a_known_place(store):
    from polybius.records import DocResult

    store.write_results(results("r4"))
    text = "Volunteer mappers said on Friday that Udachne is back under Ukrainian control."
    doc = Document(id="map", text=text, published="2025-03-14")
    store.write_results([DocResult(document=doc, events=())])
    (now,) = control_view(store.conn, place="Udachne")
    assert (now.controller, now.change) == (UKR, "gained")
    (src,) = [s for s in now.sources if s.doc_id == "map"]
    assert text[src.start:src.end] == "under Ukrainian control"


def test_a_statement_is_about_the_reports_own_place_whatever_the_store_knows():
    from polybius.records import Place

    doc = Document(id="u", text="Russian troops have captured the village of Udachne, southwest "
                                "of Pokrovsk, DeepState said, marking the village as fully "
                                "under Russian control.", published="2025-03-11")
    captured = event(doc, "Russian troops have captured the village of Udachne", "captured",
                     actor1=("Russian troops", RUS), place="Udachne")
    stored = Place("Pokrovsk", None, None, "Pokrovsk", "Donetsk", "UKR", 48.282, 37.176, 1)
    actors = ActorDictionary.load()
    alone = control_statements(_info(doc), [captured], actors)
    with_store = control_statements(_info(doc), [captured], actors, known_places=[stored])
    assert [f.place for f in alone] == [f.place for f in with_store] == ["Udachne"]
