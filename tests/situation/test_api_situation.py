"""The REST routes of the API engineer find our views by name and serve them."""

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from .reports import results  # noqa: E402


@pytest.fixture
def client(store):
    from polybius.api import create_app

    store.write_results(results())
    return TestClient(create_app(store))


@pytest.mark.parametrize("view,field", [("control", "controller"), ("talks", "agenda"),
                                        ("impacts", "figure"), ("claims", "versions")])
def test_situation_routes(client, view, field):
    response = client.get(f"/{view}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["view"] == view
    items = body["records"]
    assert items and all(field in item and item["sources"] for item in items)


def test_brief_route(client):
    response = client.get("/brief")
    assert response.status_code == 200
    assert "Situation brief" in response.text
