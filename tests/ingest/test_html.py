"""Saved web pages: the article text, title and date, without navigation or ads."""

from __future__ import annotations

import io
from pathlib import Path

from polybius.ingest import read_paths, read_stream
from polybius.ingest.html import html_fragment_to_text
from polybius.records import Document, Failure
from polybius.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


def test_article_text_title_date_and_site():
    path = DATA / "article.html"
    [doc] = read_paths([path], Settings())
    assert isinstance(doc, Document)
    assert (doc.id, doc.origin) == ("article", str(path))
    assert doc.title == "Drone attack halts Danube ferry near Izmail"
    assert doc.published == "2025-02-14"
    assert doc.source == "Test Gazette"
    sentence = "A Russian drone attack damaged the ferry terminal at Izmail on the Danube overnight"
    start = doc.text.index(sentence)
    assert doc.text[start:start + len(sentence)] == sentence
    for boilerplate in ("Cheap flights", "Weather", "Privacy", "Copyright"):
        assert boilerplate not in doc.text


def test_page_without_article_text(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text("<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a>"
                    "<a href='/news'>News</a></nav></body></html>")
    [failure] = read_paths([path], Settings())
    assert isinstance(failure, Failure)
    assert (failure.reason, failure.doc_id) == ("no article text found in HTML", "menu")


def test_empty_html_file(tmp_path):
    path = tmp_path / "blank.htm"
    path.write_text("\n\n")
    [failure] = read_paths([path], Settings())
    assert failure.reason == "empty document"


def test_html_from_a_stream():
    html = (DATA / "article.html").read_bytes()
    [doc] = read_stream(io.BytesIO(html), name="page", fmt="html", settings=Settings())
    assert doc.id == "page" and "Izmail" in doc.text


def test_fragment_to_text():
    fragment = ("<p>Armed groups clashed in <b>Tripoli</b> &amp; Misrata.</p>"
                "<script>var x = 1;</script><ul><li>Two killed</li><li>Five hurt</li></ul>")
    assert html_fragment_to_text(fragment) == \
        "Armed groups clashed in Tripoli & Misrata.\nTwo killed\nFive hurt"
