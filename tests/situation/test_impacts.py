"""Humanitarian and economic impacts with figure, unit, place, date and span."""

from polybius.situation.impacts import find_impacts, impacts_view
from polybius.situation.model import DocInfo

from .reports import document, events_of, results


def _impacts(doc_id):
    doc = document(doc_id)
    info = DocInfo(doc.id, doc.text, doc.published[:10])
    return doc, find_impacts(info, events_of(doc))


def test_figures_units_places_and_spans():
    doc, items = _impacts("r1")
    got = {(i.what, i.figure, i.unit, i.place, i.date) for i in items}
    assert ("power outage", 1200, "households", "Odesa", "2025-03-10") in got
    assert ("injuries", 2, "people injured", "Odesa", "2025-03-10") in got
    outage = next(i for i in items if i.what == "power outage")
    s = outage.sources[0]
    assert doc.text[s.start:s.end] == "More than 1,200 households were left without electricity"


def test_displacement_and_energy_prices():
    _, items = _impacts("r6")
    assert ("displacement", 3500) in {(i.what, i.figure) for i in items}
    _, items = _impacts("r3")
    prices = next(i for i in items if i.what == "energy prices")
    assert (prices.kind, prices.figure, prices.unit, prices.date) == (
        "economic", 12, "percent", "2025-03-14")


def test_kursk_impacts_without_figures(kursk_text):
    items = find_impacts(DocInfo("kursk", kursk_text), [])
    got = {(i.kind, i.what): i for i in items}
    displaced = got[("humanitarian", "displacement")]
    assert displaced.figure is None
    s = displaced.sources[0]
    assert kursk_text[s.start:s.end] == "displaced millions of civilians"
    assert ("economic", "energy prices") in got and ("economic", "food supply") in got


def test_same_figure_from_two_reports_is_one_impact(store):
    from polybius.records import DocResult, Document

    from .build import RUS, event

    text = ("Russian shelling hit Kharkiv again on Wednesday. About 3,500 people have been "
            "displaced in the region since March, officials said.")
    doc = Document(id="r6b", text=text, published="2025-03-12")
    ev = event(doc, "Russian shelling hit Kharkiv again on Wednesday", "hit",
               actor1=("Russian", RUS), place="Kharkiv", day=("2025-03-12", "2025-03-12"),
               date_phrase="Wednesday", acled="Explosions/Remote violence",
               sub="Shelling/artillery/missile attack")
    store.write_results(results("r6") + [DocResult(document=doc, events=(ev,))])
    (displaced,) = [i for i in impacts_view(store.conn) if i.what == "displacement"]
    assert sorted(s.doc_id for s in displaced.sources) == ["r6", "r6b"]
    assert (displaced.figure, displaced.place) == (3500, "Kharkiv")
