"""The REST API through an in-process client over a real DuckDB store of real records."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from web.sample_events import XSS_DOC_ID, fill_store


@pytest.fixture
def filled(store):
    results = fill_store(store)
    return store, results


@pytest.fixture
def client(filled):
    from polybius.api import create_app

    return TestClient(create_app(filled[0]))


def _events(results):
    return [e for r in results for e in r.events]


def test_health_counts(client, filled):
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["events"] == len(_events(filled[1]))
    assert body["documents"] == len(filled[1])
    assert body["situation"] in (True, False)


def test_cursor_pagination_visits_every_event_once(client, filled):
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 7} | ({"cursor": cursor} if cursor else {})
        page = client.get("/events", params=params).json()
        assert len(page["events"]) <= 7
        seen += [e["event_id"] for e in page["events"]]
        pages += 1
        cursor = page.get("next_cursor")
        if not cursor:
            break
    assert sorted(seen) == sorted(e.event_id for e in _events(filled[1]))
    assert len(seen) == len(set(seen))
    assert pages == -(-len(seen) // 7)


def test_filters_match_the_records(client, filled):
    events = _events(filled[1])
    for params, keep in [
        ({"country": "sdn"}, lambda e: e.location.country == "SDN"),
        ({"event_type": "PROTEST"}, lambda e: e.event_type == "PROTEST"),
        ({"status": "planned"}, lambda e: e.status == "planned"),
        ({"acled_event_type": "Battles"}, lambda e: e.acled_event_type == "Battles"),
        ({"admin1": "Donetsk"}, lambda e: e.location.admin1 == "Donetsk"),
        ({"actor": "rapid support"}, lambda e: "Rapid Support" in (e.actor1.name or "")),
        ({"since": "2025-03-01", "until": "2025-03-10"},
         lambda e: "2025-03-01" <= e.date.start_date <= "2025-03-10"),
        ({"bbox": "30,44,40,52"},
         lambda e: e.location.lat is not None and 30 <= e.location.lon <= 40
         and 44 <= e.location.lat <= 52),
        ({"q": "defence ministry"}, lambda e: e.doc_id == "sudzha-report"
         and e.event_type == "ASSAULT"),
    ]:
        got = {e["event_id"] for e in client.get("/events", params=params | {"limit": 500})
               .json()["events"]}
        want = {e.event_id for e in events if keep(e)}
        assert want and got == want, params


def test_event_detail_spans_slice_the_source_text(client, filled):
    result = next(r for r in filled[1] if r.document.id == XSS_DOC_ID)
    event = result.events[0]
    body = client.get(f"/events/{event.event_id}").json()
    assert body["event"]["event_id"] == event.event_id
    source = body["sources"][0]
    assert source["text"] == result.document.text
    spans = {s["field"]: s for s in source["spans"]}
    assert set(spans) >= {"evidence", "trigger", "actor1", "actor2", "location", "date",
                          "fatalities", "attribution"}
    for span in source["spans"]:
        assert source["text"][span["start"]:span["end"]] == span["text"]
    assert spans["evidence"]["text"] == result.document.text[event.evidence.start:
                                                             event.evidence.end]
    assert spans["fatalities"]["text"] == "2 drivers"


def test_merged_event_lists_every_source_document(client, filled):
    result = next(r for r in filled[1] if r.document.id == "sudzha-report")
    body = client.get(f"/events/{result.events[0].event_id}").json()
    assert [s["doc_id"] for s in body["sources"]] == ["sudzha-report", "sudzha-second"]
    second = body["sources"][1]
    ev = second["spans"][0]
    assert second["text"][ev["start"]:ev["end"]] == ev["text"]
    assert ev["text"].startswith("The governor said fighting")


def test_document_route(client, filled):
    result = next(r for r in filled[1] if r.document.id == "sudzha-report")
    body = client.get("/documents/sudzha-report").json()
    assert body["text"] == result.document.text
    assert sorted(body["event_ids"]) == sorted(e.event_id for e in result.events)


def test_timeline_and_facets_count_the_events(client, filled):
    events = _events(filled[1])
    tl = client.get("/timeline").json()
    assert tl["total"] == len(events) == sum(d["count"] for d in tl["days"])
    facets = client.get("/facets").json()
    countries = {f["value"]: f["count"] for f in facets["country"]}
    assert countries["UKR"] == sum(1 for e in events if e.location.country == "UKR")


def test_points_are_newest_first_and_capped(client, filled):
    body = client.get("/points", params={"limit": 5}).json()
    assert body["truncated"] is True and len(body["rows"]) == 5
    dates = [r[body["columns"].index("start_date")] for r in body["rows"]]
    assert dates == sorted(dates, reverse=True)


def test_export_route_streams_each_format(client, filled):
    n = len(_events(filled[1]))
    csv_text = client.get("/export", params={"format": "acled"}).text
    assert len(csv_text.strip().splitlines()) == n + 1
    geo = client.get("/export", params={"format": "geojson", "country": "SDN"}).json()
    assert len(geo["features"]) == sum(1 for e in _events(filled[1])
                                       if e.location.country == "SDN")
    parquet = client.get("/export", params={"format": "parquet"})
    assert parquet.content[:4] == b"PAR1"
    assert "attachment" in parquet.headers["content-disposition"]


def test_situation_routes_answer_501_or_records(client):
    import importlib.util

    for view in ("control", "talks", "impacts", "claims", "brief"):
        response = client.get(f"/{view}")
        if importlib.util.find_spec(f"polybius.situation.{view}") is None:
            assert response.status_code == 501
            assert response.json()["detail"].startswith("situation layer not available")
        else:
            assert response.status_code in (200, 501)


def test_dashboard_is_served_and_escapes_nothing_from_reports(client):
    html = client.get("/").text
    assert "<title>Polybius" in html and "/static/app.js" in html
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    assert client.get("/static/data/admin1.geojson").json()["type"] == "FeatureCollection"


def test_openapi_lists_the_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/health", "/events", "/events/{event_id}", "/documents/{doc_id}", "/export",
                 "/control"):
        assert path in paths


def test_dashboard_sends_a_content_security_policy(client):
    csp = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-eval" not in csp
