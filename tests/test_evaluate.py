"""Tests for polybius.evaluate: the gold loader, matching, per-field P/R/F1, ACLED mode."""

from __future__ import annotations

import doctest
import json
from collections import Counter
from pathlib import Path

import pytest

from polybius import evaluate_score
from polybius.acled import AcledRow
from polybius.errors import InputError
from polybius.evaluate import (STATUSES, GoldDocument, haversine_km, load_gold, names_agree,
                               normalize_name, read_predictions, run_eval, score, score_acled)
from polybius.evaluate_gold import parse_gold_document
from polybius.evaluate_score import reliability_bins

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO / "tests" / "data" / "gold"
DEV = GOLD_DIR / "dev.jsonl"
SHARED_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"

TEXT = ("Russian forces recaptured the town of Sudzha in the Kursk region on Tuesday, "
        "the defence ministry said. Separately, protesters rallied in Kyiv on Wednesday.")
GOLD_EVENT = {
    "evidence_text": "Russian forces recaptured the town of Sudzha in the Kursk region on Tuesday",
    "event_type": "ASSAULT", "acled_event_type": "Battles",
    "acled_sub_event_type": "Government regains territory", "status": "occurred",
    "actor1": {"name": "Military Forces of Russia (2000-)", "country": "RUS"},
    "actor2": {"name": "Military Forces of Ukraine (2019-)", "country": "UKR"},
    "location": {"name": "Sudzha", "admin1": "Kursk", "country": "RUS", "lat": 51.19,
                 "lon": 35.27, "geo_precision": 1},
    "date": {"start_date": "2025-03-11", "end_date": "2025-03-11", "time_precision": 1},
    "fatalities": None, "attribution": "the defence ministry said",
}


def gold_doc(events=None, **changes) -> dict:
    doc = {"id": "t-1", "text": TEXT, "published": "2025-03-13", "conflict": "russia-ukraine",
           "events": [dict(GOLD_EVENT)] if events is None else events}
    doc.update(changes)
    return doc


def load_one(tmp_path: Path, *docs: dict) -> list[GoldDocument]:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return load_gold(path)


def as_prediction(doc: GoldDocument, index: int, confidence: float = 0.9) -> dict:
    """The EVENT-FORMAT record a perfect extractor would write for gold event ``index``."""
    ev = doc.events[index]

    def actor(a):
        return None if a is None else {"text": None, "start": None, "end": None,
                                       "name": a.name, "country": a.country}

    loc = ev.location
    return {
        "doc_id": doc.id, "event_id": f"{doc.id}-{index}", "event_type": ev.event_type,
        "acled_event_type": ev.acled_event_type,
        "acled_sub_event_type": ev.acled_sub_event_type, "status": ev.status,
        "actor1": actor(ev.actor1), "actor2": actor(ev.actor2),
        "location": None if loc is None else {
            "text": None, "start": None, "end": None, "name": loc.name, "admin1": loc.admin1,
            "country": loc.country, "lat": loc.lat, "lon": loc.lon,
            "geo_precision": loc.geo_precision, "geonameid": None},
        "date": None if ev.date is None else {
            "text": None, "start": None, "end": None, "start_date": ev.date.start_date,
            "end_date": ev.date.end_date, "time_precision": ev.date.time_precision},
        "fatalities": None if ev.fatalities is None else {
            "value": ev.fatalities, "text": str(ev.fatalities), "start": 0, "end": 0},
        "attribution": None if ev.attribution is None else {
            "text": ev.attribution, "start": ev.attribution_start, "end": ev.attribution_end},
        "evidence": {"start": ev.start, "end": ev.end},
        "confidence": confidence,
    }


# --- the gold files -------------------------------------------------------------------------

def test_dev_file_validates_and_covers_the_brief():
    docs = load_gold(DEV)
    events = [ev for d in docs for ev in d.events]
    assert len(docs) >= 36
    assert len({d.conflict for d in docs}) >= 8
    assert set(STATUSES) <= {ev.status for ev in events}
    assert sum(d.published is None for d in docs) >= 5
    assert sum(not d.events for d in docs) >= 2
    assert 3 <= len(events) / len(docs) <= 7
    assert all(150 <= len(d.text.split()) <= 450 for d in docs)


def test_dev_spans_slice_to_their_text():
    for doc in load_gold(DEV):
        for ev in doc.events:
            assert doc.text[ev.start:ev.end] == ev.evidence_text
            if ev.attribution is not None:
                assert doc.text[ev.attribution_start:ev.attribution_end] == ev.attribution


@pytest.mark.parametrize("path", sorted(GOLD_DIR.glob("*.jsonl")), ids=lambda p: p.name)
def test_every_gold_file_validates(path):
    assert load_gold(path)


def test_dev_relative_dates_need_published():
    """Undated reports carry dates only where the text spells out the year."""
    for doc in load_gold(DEV):
        if doc.published is None:
            for ev in doc.events:
                if ev.date is not None:
                    assert ev.date.start_date[:4] in doc.text, (doc.id, ev.evidence_text)


# --- loader errors ----------------------------------------------------------------------------

def bad_event(**changes) -> dict:
    ev = dict(GOLD_EVENT)
    ev.update(changes)
    return gold_doc(events=[ev])


@pytest.mark.parametrize("doc, message", [
    (bad_event(evidence_text="Ukrainian forces recaptured Sudzha"),
     "gold.jsonl line 1 (t-1) event 1: evidence_text is not an exact substring of the text: "
     "'Ukrainian forces recaptured Sudzha'"),
    (bad_event(evidence_text=" in "),
     "gold.jsonl line 1 (t-1) event 1: evidence_text occurs 2 times in the text; make it "
     "longer so it is unique: ' in '"),
    (bad_event(attribution="the ministry confirmed"),
     "gold.jsonl line 1 (t-1) event 1: attribution is not an exact substring of the text: "
     "'the ministry confirmed'"),
    (bad_event(event_type="ATTACK"),
     "gold.jsonl line 1 (t-1) event 1: event_type 'ATTACK' is not a PLOVER type (AGREE, "
     "CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, "
     "PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT)"),
    (bad_event(acled_sub_event_type="Air/drone strike"),
     "gold.jsonl line 1 (t-1) event 1: acled_sub_event_type 'Air/drone strike' is not a "
     "sub-type of 'Battles' (Armed clash, Government regains territory, Non-state actor "
     "overtakes territory)"),
    (bad_event(status="happened"),
     "gold.jsonl line 1 (t-1) event 1: status 'happened' is not one of occurred, ongoing, "
     "planned, hypothetical, denied"),
    (bad_event(fatalities="3"),
     "gold.jsonl line 1 (t-1) event 1: fatalities must be a non-negative integer or null, "
     "got '3'"),
    (bad_event(date={"start_date": "2025-03-12", "end_date": "2025-03-11",
                     "time_precision": 1}),
     "gold.jsonl line 1 (t-1) event 1 date: end_date 2025-03-11 is before start_date "
     "2025-03-12"),
    (bad_event(date={"start_date": "12 March 2025", "end_date": "2025-03-12",
                     "time_precision": 1}),
     "gold.jsonl line 1 (t-1) event 1 date: start_date must be an ISO date YYYY-MM-DD, "
     "got '12 March 2025'"),
    (bad_event(actor1={"name": "Military Forces of Russia (2000-)", "country": "RU"}),
     "gold.jsonl line 1 (t-1) event 1 actor1: country must be an ISO 3166-1 alpha-3 code "
     "such as 'UKR', got 'RU'"),
    (bad_event(location={**GOLD_EVENT["location"], "lat": 151.0}),
     "gold.jsonl line 1 (t-1) event 1 location: lat must be a number in [-90, 90], "
     "got 151.0"),
    (bad_event(actors="x"),
     "gold.jsonl line 1 (t-1) event 1: unknown key(s) actors; allowed: acled_event_type, "
     "acled_sub_event_type, actor1, actor2, attribution, date, event_type, evidence_text, "
     "fatalities, location, note, status"),
    (gold_doc(events=None, published="March 2025"),
     "gold.jsonl line 1 (t-1): published must be an ISO date YYYY-MM-DD, got 'March 2025'"),
    (gold_doc(events_=1),
     "gold.jsonl line 1 (t-1): unknown key(s) events_; allowed: conflict, events, id, notes, "
     "published, source, text, title, url"),
])
def test_loader_errors_name_the_line(tmp_path, doc, message):
    with pytest.raises(InputError) as info:
        load_one(tmp_path, doc)
    assert str(info.value) == message


def test_loader_rejects_duplicate_ids_and_bad_json(tmp_path):
    with pytest.raises(InputError) as info:
        load_one(tmp_path, gold_doc(), gold_doc())
    assert str(info.value) == "gold.jsonl line 2: duplicate document id 't-1' (first on line 1)"
    path = tmp_path / "broken.jsonl"
    path.write_text(json.dumps(gold_doc()) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_gold(path)
    assert str(info.value).startswith("broken.jsonl line 2: not valid JSON (")


def test_loader_rejects_the_same_event_twice(tmp_path):
    with pytest.raises(InputError) as info:
        load_one(tmp_path, gold_doc(events=[GOLD_EVENT, GOLD_EVENT]))
    assert str(info.value) == ("gold.jsonl line 1 (t-1) event 2: same evidence_text, event_type "
                               "and location as event 1; one gold event per distinct event")


def test_loader_accepts_one_clause_for_events_in_two_places():
    second = {**GOLD_EVENT, "location": {**GOLD_EVENT["location"], "name": "Kursk",
                                          "lat": 51.73, "lon": 36.19, "geo_precision": 3}}
    doc = parse_gold_document(gold_doc(events=[GOLD_EVENT, second]))
    assert [ev.location.name for ev in doc.events] == ["Sudzha", "Kursk"]
    assert doc.events[0].start == doc.events[1].start == 0


# --- scoring ----------------------------------------------------------------------------------

def test_one_right_prediction_and_one_spurious(tmp_path):
    gold = load_one(tmp_path, gold_doc())
    right = as_prediction(gold[0], 0)
    spurious = {"doc_id": "t-1", "event_type": "PROTEST", "evidence": {
        "start": TEXT.index("protesters"), "end": len(TEXT)}, "confidence": 0.3}
    report = score(gold, [right, spurious])
    event = report.field("event")
    assert (event.n_gold, event.n_predicted, event.n_correct) == (1, 2, 1)
    assert event.precision == 0.5 and event.recall == 1.0
    assert event.f1 == pytest.approx(2 / 3)
    plover = report.field("event_type")
    assert (plover.precision, plover.recall) == (0.5, 1.0)
    # the spurious record gives no actor, so actor fields stay perfect
    assert report.field("actor1_name").precision == 1.0
    assert report.field("attribution").f1 == 1.0
    # date is null in the spurious record: not counted as predicted
    assert report.field("date").n_predicted == 1


def test_no_predictions_gives_zero_recall(tmp_path):
    gold = load_one(tmp_path, gold_doc())
    report = score(gold, [])
    assert report.field("event").recall == 0.0
    assert report.field("event").precision == 0.0
    assert report.field("actor1_name").n_gold == 1
    assert report.field("fatalities").n_gold == 0


def test_wrong_values_count_as_predicted_but_not_correct(tmp_path):
    gold = load_one(tmp_path, gold_doc())
    pred = as_prediction(gold[0], 0)
    pred["actor1"]["name"] = "Military Forces of Ukraine (2019-)"
    pred["location"].update(lat=51.19, lon=35.70)  # about 30 km east of Sudzha
    pred["date"]["end_date"] = "2025-03-12"
    pred["fatalities"] = {"value": 4}
    report = score(gold, [pred])
    actor = report.field("actor1_name")
    assert (actor.n_predicted, actor.n_gold, actor.n_correct) == (1, 1, 0)
    assert report.field("coordinates_25km").n_correct == 0
    assert report.field("date").n_correct == 0
    fat = report.field("fatalities")
    assert (fat.n_predicted, fat.n_gold, fat.precision) == (1, 0, 0.0)
    assert report.field("location_name").f1 == 1.0


def test_names_are_compared_without_suffix_case_or_accents(tmp_path):
    gold = load_one(tmp_path, gold_doc())
    pred = as_prediction(gold[0], 0)
    pred["actor1"]["name"] = "military forces of RUSSIA"
    pred["actor2"]["name"] = "Military Forces of Ukraine (2014-2019)"
    pred["location"]["name"] = "SUDZHA"
    report = score(gold, [pred])
    assert report.field("actor1_name").f1 == 1.0
    assert report.field("actor2_name").f1 == 1.0
    assert report.field("location_name").f1 == 1.0


def test_attribution_matches_by_overlap_or_by_text(tmp_path):
    gold = load_one(tmp_path, gold_doc())
    start = TEXT.index("the defence ministry said")
    pred = as_prediction(gold[0], 0)
    pred["attribution"] = {"text": "ministry said", "start": start + 12, "end": start + 25}
    assert score(gold, [pred]).field("attribution").n_correct == 1
    pred["attribution"] = {"text": "the defence ministry", "start": 0, "end": 0}
    assert score(gold, [pred]).field("attribution").n_correct == 1
    pred["attribution"] = {"text": "Russian forces", "start": 0, "end": 14}
    assert score(gold, [pred]).field("attribution").n_correct == 0


def test_matching_is_one_to_one_and_prefers_type_agreement(tmp_path):
    clause = "Russian forces recaptured the town of Sudzha in the Kursk region on Tuesday"
    consult = {**GOLD_EVENT, "evidence_text": clause, "event_type": "CONSULT",
               "acled_event_type": None, "acled_sub_event_type": None, "location": None}
    gold = load_one(tmp_path, gold_doc(events=[GOLD_EVENT, consult]))
    span = {"start": 0, "end": len(clause)}
    preds = [{"doc_id": "t-1", "event_type": "CONSULT", "evidence": span},
             {"doc_id": "t-1", "event_type": "ASSAULT", "evidence": span},
             {"doc_id": "t-1", "event_type": "ASSAULT", "evidence": span}]
    report = score(gold, preds)
    assert report.field("event").n_correct == 2
    assert report.field("event_type").n_correct == 2
    assert report.field("event_type").precision == pytest.approx(2 / 3)


def test_larger_overlap_wins(tmp_path):
    gold = load_one(tmp_path, gold_doc())
    preds = [{"doc_id": "t-1", "event_type": "PROTEST", "evidence": {"start": 0, "end": 20}},
             {"doc_id": "t-1", "event_type": "PROTEST", "evidence": {"start": 0, "end": 60}}]
    report = score(gold, preds)
    assert report.n_matched == 1
    assert report.field("event").precision == 0.5


def test_perfect_predictions_score_one_on_dev():
    gold = load_gold(DEV)
    preds = [as_prediction(doc, i) for doc in gold for i in range(len(doc.events))]
    report = score(gold, preds)
    for field in report.fields:
        assert field.n_correct == field.n_gold == field.n_predicted, field.field
    assert report.reliability[-1].n_predicted == len(preds)
    assert report.reliability[-1].share_right == 1.0
    assert report.n_ignored == 0


def test_predictions_for_unknown_documents_are_ignored(tmp_path):
    gold = load_one(tmp_path, gold_doc())
    report = score(gold, [{"doc_id": "other", "evidence": {"start": 0, "end": 5}}])
    assert report.n_ignored == 1 and report.n_predicted == 0


def test_bad_prediction_names_the_record(tmp_path):
    gold = load_one(tmp_path, gold_doc())
    with pytest.raises(InputError) as info:
        score(gold, [{"doc_id": "t-1", "evidence": {"start": 5}}])
    assert str(info.value) == ('prediction 1 (doc t-1): \'evidence\' must be {"start": int, '
                               '"end": int} with start <= end')


def test_majority_baseline_on_dev():
    gold = load_gold(DEV)
    events = [ev for doc in gold for ev in doc.events]
    base = score(gold, []).baseline("event_type")
    top, count = Counter(ev.event_type for ev in events).most_common(1)[0]
    assert base.majority == top == "ASSAULT"
    assert base.score.recall == pytest.approx(count / len(events))
    sub = score(gold, []).baseline("acled_sub_event_type")
    assert sub.score.n_predicted == len(events)
    assert sub.score.n_gold == sum(ev.acled_sub_event_type is not None for ev in events)


def test_reliability_bins_edges():
    bins = reliability_bins([(0.0, True), (0.2, False), (0.6, True), (0.6, False), (1.0, True),
                             (None, True)])
    assert [b.n_predicted for b in bins] == [1, 1, 0, 2, 1]
    assert bins[3].share_right == 0.5
    assert bins[2].share_right is None


def test_report_table_and_json(tmp_path):
    gold = load_one(tmp_path, gold_doc())
    report = score(gold, [as_prediction(gold[0], 0, confidence=0.85)])
    table = report.to_table()
    assert "1 documents, 1 gold events, 1 predicted, 1 matched" in table
    assert "event detection" in table and "coordinates <=25 km" in table
    assert "0.8-1.0" in table
    data = report.to_json()
    assert data["fields"]["event"] == {"gold": 1, "predicted": 1, "correct": 1,
                                       "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert data["reliability"][4]["predicted"] == 1
    assert data["baselines"]["event_type"]["majority"] == "ASSAULT"
    json.dumps(data)


def test_run_eval_with_a_predictions_file(tmp_path):
    gold = load_gold(DEV)
    preds = [as_prediction(doc, 0) for doc in gold if doc.events]
    path = tmp_path / "predicted.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    report = run_eval(DEV, predictions_path=path)
    assert report.field("event").precision == 1.0
    assert report.field("event").n_correct == len(preds)


def test_read_predictions_names_the_bad_line(tmp_path):
    path = tmp_path / "predicted.jsonl"
    path.write_text('{"doc_id": "a"}\n\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_predictions(path)
    assert str(info.value) == "predicted.jsonl line 3: expected a JSON object"


# --- helpers ----------------------------------------------------------------------------------

def test_haversine():
    assert haversine_km(50.45, 30.52, 50.45, 30.52) == 0.0
    assert haversine_km(50.45, 30.52, 49.99, 36.23) == pytest.approx(409.4, abs=1.0)
    assert haversine_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.2, abs=0.1)
    assert haversine_km(51.19, 35.27, 51.19, 35.27 + 0.3) < 25 < haversine_km(
        51.19, 35.27, 51.19, 35.27 + 0.4)


@pytest.mark.parametrize("a, b, same", [
    ("Military Forces of Russia (2000-)", "Military Forces of Russia", True),
    ("Military Forces of Somalia (2017-2022)", "military forces of somalia (2022-)", True),
    ("Protesters (Argentina)", "Protesters", False),
    ("Police Forces of Ukraine (2019-)", "Military Forces of Ukraine (2019-)", False),
    ("Córdoba", "Cordoba", True),
    ("Chornomors’k", "Chornomorsk", True),
])
def test_names_agree(a, b, same):
    assert names_agree(a, b) is same
    assert (normalize_name(a) == normalize_name(b)) is same


def test_module_doctests():
    failures, tried = doctest.testmod(evaluate_score, optionflags=doctest.ELLIPSIS)
    assert tried >= 4 and failures == 0


# --- ACLED mode -------------------------------------------------------------------------------

def acled_row(event_id: str, event_type: str, sub_type: str, fatalities: int = 0,
              **changes) -> AcledRow:
    values = dict(event_id_cnty=event_id, event_date="2022-06-01", year=2022,
                  time_precision=1, event_type=event_type, sub_event_type=sub_type,
                  actor1="Protesters (Argentina)", actor2="", country="Argentina", iso=32,
                  admin1="Buenos Aires", admin2="", location="La Plata", latitude=-34.9213,
                  longitude=-57.9544, geo_precision=1, fatalities=fatalities,
                  notes="On 1 June 2022, pensioners protested in La Plata.", source="")
    values.update(changes)
    return AcledRow(**values)


def test_score_acled_counts_every_row():
    rows = [acled_row("ARG1", "Protests", "Peaceful protest"),
            acled_row("ARG2", "Protests", "Peaceful protest"),
            acled_row("ARG3", "Riots", "Violent demonstration", fatalities=2)]
    right = {"acled_event_type": "Protests", "acled_sub_event_type": "Peaceful protest",
             "actor1": {"name": "protesters (argentina)"},
             "location": {"name": "La Plata", "admin1": "Buenos Aires",
                          "lat": -34.95, "lon": -57.95},
             "date": {"start_date": "2022-06-01", "end_date": "2022-06-01"},
             "fatalities": None}
    wrong = {"acled_event_type": "Protests", "acled_sub_event_type": "Peaceful protest",
             "actor1": {"name": "Rioters (Argentina)"},
             "location": {"name": "Buenos Aires", "admin1": "Ciudad Autonoma de Buenos Aires",
                          "lat": -34.61, "lon": -58.38},
             "date": {"start_date": "2022-05-31"}, "fatalities": {"value": 2}}
    report = score_acled(rows, {"ARG1": right, "ARG3": wrong}, split="test")
    assert report.n_rows == 3 and report.n_with_event == 2
    assert report.field("event_type").n_correct == 1
    assert report.field("event_type").accuracy == pytest.approx(1 / 3)
    assert report.field("actor1").n_correct == 1
    assert report.field("coordinates_25km").n_correct == 1
    assert report.field("date").n_correct == 1
    # ARG1: null predicted = 0 = ACLED's 0; ARG3: 2 == 2; ARG2: no event, wrong
    assert report.field("fatalities").n_correct == 2
    base = {b.field: b for b in report.baselines}
    assert base["event_type"].majority == "Protests"
    assert base["event_type"].score.accuracy == pytest.approx(2 / 3)
    assert base["sub_event_type"].majority == "Peaceful protest"
    assert "3 ACLED rows (test split), 2 with a predicted event" in report.to_table()
    assert report.to_json()["fields"]["fatalities"]["correct"] == 2


# --- end to end with the real extractor (slow) ------------------------------------------------

@pytest.mark.slow
def test_run_eval_with_the_extractor(resources, settings):
    report = run_eval(DEV, resources=resources, settings=settings)
    assert report.n_documents == len(load_gold(DEV))
    assert report.n_predicted > 0
    assert 0.0 < report.field("event").recall <= 1.0


@pytest.mark.slow
def test_run_acled_eval_on_shared_data(resources, settings):
    csv_path = SHARED_DATA / "acled_argentina_2022-06.csv"
    if not csv_path.exists():
        pytest.skip(f"shared ACLED data not found at {csv_path}")
    from polybius.evaluate import run_acled_eval

    report = run_acled_eval(csv_path, split="all", limit=20, resources=resources,
                            settings=settings)
    assert report.n_rows == 20
    assert report.field("event_type").n_rows == 20


def test_acled_rows_are_scored_on_the_lead_event():
    from polybius.evaluate_acled import lead_record

    talks = {"acled_event_type": None, "evidence": {"start": 0}, "confidence": 0.95}
    protest = {"acled_event_type": "Protests", "evidence": {"start": 0}, "confidence": 0.6}
    later = {"acled_event_type": "Battles", "evidence": {"start": 80}, "confidence": 0.9}
    assert lead_record([talks, later, protest]) is protest
    assert lead_record([talks]) is talks
    assert lead_record([]) is None
    planned = {"acled_event_type": "Violence against civilians", "status": "planned",
               "evidence": {"start": 0}, "confidence": 0.9}
    held = {**protest, "status": "occurred"}
    assert lead_record([planned, held]) is held  # ACLED codes what happened
    assert lead_record([planned]) is planned


def test_predictions_of_one_sentence_pair_with_the_gold_event_of_their_place(tmp_path):
    second = {**GOLD_EVENT, "location": {**GOLD_EVENT["location"], "name": "Kursk",
                                          "lat": 51.73, "lon": 36.19, "geo_precision": 3}}
    gold = load_one(tmp_path, gold_doc(events=[GOLD_EVENT, second]))
    first_pred, second_pred = as_prediction(gold[0], 0), as_prediction(gold[0], 1)
    # predicted in the other order: pairing by place still finds both places right
    report = score(gold, [second_pred, first_pred])
    assert report.field("location_name").n_correct == 2
