"""Every API error is an RFC 9457 problem document: type, title, status, detail."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


@pytest.fixture
def client(store):
    from polybius.api import create_app

    return TestClient(create_app(store), raise_server_exceptions=False)


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert set(body) >= {"type", "title", "status", "detail"}
    assert body["status"] == status
    assert isinstance(body["title"], str) and body["title"]
    assert isinstance(body["detail"], str) and body["detail"]
    return body


@pytest.mark.parametrize("url, status", [
    ("/events/does-not-exist", 404),
    ("/documents/does-not-exist", 404),
    ("/no/such/route", 404),
    ("/events?limit=0", 422),
    ("/events?limit=100000", 422),
    ("/events?since=2025-02-30", 422),
    ("/events?since=2025-03-10&until=2025-03-01", 422),
    ("/events?bbox=1,2,3", 422),
    ("/events?bbox=10,10,0,0", 422),
    ("/events?bbox=a,b,c,d", 422),
    ("/events?bbox=nan,0,1,1", 422),
    ("/events?status=rumoured", 422),
    ("/events?country=Ukraine", 422),
    ("/events?event_type=assault;drop", 422),
    ("/events?cursor=***", 422),
    ("/export?format=xlsx", 422),
    ("/timeline?until=yesterday", 422),
])
def test_bad_requests_get_problem_documents(client, url, status):
    assert_problem(client.get(url), status)


def test_exact_messages(client):
    assert assert_problem(client.get("/events/nope"), 404)["detail"] == "no event with id 'nope'"
    body = assert_problem(client.get("/events?bbox=1,2,3"), 422)
    assert body["detail"] == ("bbox must be min_lon,min_lat,max_lon,max_lat (4 numbers), "
                              "got '1,2,3'")
    body = assert_problem(client.get("/events?limit=0"), 422)
    assert body["errors"][0]["loc"] == ["query", "limit"]


def test_request_too_large_is_413(client):
    body = assert_problem(client.post("/events", content=b"x" * 2_000_000), 413)
    assert "limit is 1000000" in body["detail"]


def test_url_too_long_is_414(client):
    assert_problem(client.get("/events?q=" + "x" * 9000), 414)


def test_wrong_method_is_405_problem(client):
    assert_problem(client.delete("/events"), 405)


def test_situation_not_available_is_501(client):
    import importlib.util

    if importlib.util.find_spec("polybius.situation.brief") is not None:
        pytest.skip("the situation layer provides brief")
    body = assert_problem(client.get("/brief"), 501)
    assert body["detail"].startswith("situation layer not available")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(["since", "until", "bbox", "limit", "cursor", "country", "status",
                            "event_type", "q", "actor", "admin1", "acled_event_type"]),
       value=st.text(max_size=60))
def test_any_parameter_value_never_gives_500(client, key, value):
    response = client.get("/events", params={key: value})
    assert response.status_code in (200, 422), (key, value, response.text)
    if response.status_code == 422:
        assert_problem(response, 422)
