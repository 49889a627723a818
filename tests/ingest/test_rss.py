"""RSS and Atom feeds: one document per entry, HTML stripped, dates in ISO 8601."""

from __future__ import annotations

from pathlib import Path

from polybius.ingest import read_paths
from polybius.records import Document, Failure
from polybius.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


def test_rss_entries():
    path = DATA / "feed.rss"
    first, second, third = read_paths([path], Settings())
    assert isinstance(first, Document)
    assert (first.id, first.origin, first.published, first.title, first.url, first.source) == (
        "test-wire-tripoli", f"{path}:#1", "2025-01-15T18:00:00+02:00", "Clashes in Tripoli",
        "https://test.example.org/tripoli", "Test Wire")
    assert first.text == ("Armed groups clashed in the Libyan capital Tripoli overnight & "
                          "residents sheltered indoors.\nTwo people were killed, the health "
                          "ministry said.")
    assert (second.id, second.published) == ("https://test.example.org/link-only", None)
    assert isinstance(third, Failure)
    assert (third.origin, third.doc_id) == (f"{path}:#3", "feed:3")
    assert third.reason == "feed entry has no text (no content or summary)"


def test_atom_entry():
    [doc] = read_paths([DATA / "feed.atom"], Settings())
    assert (doc.id, doc.published, doc.title, doc.source, doc.url) == (
        "urn:test:atom:idlib", "2025-02-09T22:30:00+02:00", "Airstrike near Idlib",
        "Test Atom Wire", None)
    assert doc.text == "An airstrike hit a market near Idlib on Sunday evening, rescuers said."


def test_file_that_is_not_a_feed(tmp_path):
    path = tmp_path / "notes.xml"
    path.write_text("these are notes, not XML at all")
    [failure] = read_paths([path], Settings())
    assert failure.reason.startswith("not a readable RSS/Atom feed: ")


def test_feed_without_entries(tmp_path):
    path = tmp_path / "quiet.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title>'
                    "</channel></rss>")
    [failure] = read_paths([path], Settings())
    assert failure.reason == "feed has no entries"
