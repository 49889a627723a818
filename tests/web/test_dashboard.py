"""The dashboard in a real headless chromium against the real app (run with --run-browser)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sample_events import XSS_DOC_ID, XSS_PAYLOAD

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def _events(results):
    return [e for r in results for e in r.events]


def test_page_loads_with_every_event_listed_and_mapped(page, live_server):
    _, results = live_server
    rows = page.locator(".event-row")
    assert rows.count() == len(_events(results))
    assert page.locator("#count").inner_text() == str(len(_events(results)))
    # clusters or single markers were drawn on the map, and the boundary layers loaded
    page.wait_for_function("document.querySelectorAll('.cluster').length > 0")
    page.wait_for_function("window.Poly.mapStats().boundaryLayers === 2")
    stats = page.evaluate("window.Poly.mapStats()")
    assert stats["markers"] == sum(1 for e in _events(results) if e.location.lat is not None)
    assert page.locator("#timeline rect.tl-bar").count() > 10


def test_country_filter_narrows_the_list(page, live_server):
    _, results = live_server
    expected = [e for e in _events(results) if e.location.country == "SDN"]
    page.select_option("#f-country", "SDN")
    page.wait_for_function(f"document.querySelectorAll('.event-row').length === {len(expected)}")
    places = page.locator(".event-row .row-place").all_inner_texts()
    assert places and all(p.endswith("SDN") for p in places)
    assert "country=SDN" in page.locator(".export a[data-format=acled]").get_attribute("href")


def test_text_filter_narrows_the_list(page, live_server):
    _, results = live_server
    page.fill("#f-q", "Tbilisi")
    page.wait_for_function("document.querySelectorAll('.event-row').length === 1")
    assert "Tbilisi" in page.locator(".event-row").first.inner_text()


def test_clicking_an_event_highlights_its_evidence_at_the_exact_span(page, live_server):
    _, results = live_server
    result = next(r for r in results if r.document and r.document.id == "sudzha-report")
    event = result.events[0]
    page.locator(f".event-row[data-event-id='{event.event_id}']").click()
    mark = page.locator(".source-text mark.evidence").first
    mark.wait_for()
    text = result.document.text
    assert mark.inner_text() == text[event.evidence.start:event.evidence.end]
    assert mark.get_attribute("data-start") == str(event.evidence.start)
    # the whole source text is shown unchanged around the mark
    shown = page.locator(".source-text").first.evaluate("n => n.textContent")
    assert shown == text
    # field spans inside the evidence are marked too
    assert page.locator(".source-text .hl-actor1").first.inner_text() == "Russian forces"
    # the merged second report is listed with its own evidence
    assert page.locator(".source").count() == 2
    page.screenshot(path=str(ARTIFACTS / "dashboard-detail.png"))


def test_script_in_a_report_does_not_run_and_is_shown_as_text(page, live_server):
    _, results = live_server
    result = next(r for r in results if r.document and r.document.id == XSS_DOC_ID)
    event = result.events[0]
    page.locator(f".event-row[data-event-id='{event.event_id}']").click()
    mark = page.locator(".source-text mark.evidence").first
    mark.wait_for()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert XSS_PAYLOAD in mark.inner_text()
    assert mark.inner_text() == result.document.text[event.evidence.start:event.evidence.end]
    assert page.locator(".source-text script, .source-text img, .detail b").count() == 0
    assert page.locator(".source-title").first.inner_text() == "<b>Convoy</b> attacked"


def test_timeline_brush_selects_a_period(page, live_server):
    box = page.locator("#timeline").bounding_box()
    before = page.locator(".event-row").count()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.30, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.55, y, steps=5)
    page.mouse.up()
    page.wait_for_function(f"document.querySelectorAll('.event-row').length < {before}")
    assert page.locator("#period").inner_text() != "all dates"
    assert page.locator("#clear-period").is_visible()


def test_screenshot(page, live_server):
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"))
    assert (ARTIFACTS / "dashboard.png").stat().st_size > 10_000


def test_dashboard_runs_under_its_content_security_policy(browser, live_server):
    base_url, results = live_server
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda exc: problems.append(str(exc)))
    pg.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    pg.goto(base_url + "/")
    pg.wait_for_selector("body[data-ready=yes]", timeout=20000)
    assert pg.locator(".event-row").count() == len(_events(results))
    context.close()
    assert not problems, problems
