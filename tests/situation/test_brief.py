"""The situation brief: every sentence cited; HTML escapes report text."""

import re

from polybius.records import DocResult, Document
from polybius.situation.brief import brief_view, build_brief, render_html, render_markdown

from .build import RUS, event
from .reports import results

EVIL = "<script>alert(1)</script>"


def test_every_line_has_sources_that_slice_real_text(store):
    store.write_results(results())
    result = build_brief(store.conn)
    titles = [s.title for s in result.sections]
    assert titles == ["What changed", "Who controls what", "Talks", "Impacts",
                      "Contested points"]
    texts = dict(store.conn.execute("SELECT doc_id, text FROM documents").fetchall())
    for section in result.sections:
        assert section.lines, section.title
        for line in section.lines:
            assert line.sources, line.text
    for c in result.citations:
        assert " ".join(texts[c.doc_id][c.start:c.end].split()) == c.quote


def test_region_and_since_filter(store):
    store.write_results(results())
    text = render_markdown(build_brief(store.conn, region="Kharkiv", since="2025-03-11"))
    changed = text.split("## What changed")[1].split("##")[0]
    assert "Kharkiv" in changed and "Odesa" not in changed


def test_html_escapes_report_text(store):
    text = f"Russian drones struck Odesa overnight. {EVIL} said the governor."
    doc = Document(id="evil", text=text, published="2025-03-10", title=EVIL, source=EVIL)
    ev = event(doc, "Russian drones struck Odesa overnight", "struck",
               actor1=("Russian drones", RUS), place="Odesa", acled="Explosions/Remote violence",
               sub="Air/drone strike", day=("2025-03-10", "2025-03-10"))
    store.write_results(results("r1") + [DocResult(document=doc, events=(ev,))])
    html = render_html(build_brief(store.conn))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert re.search(r'<a href="#note-\d+"', html)
    assert html.count("<li id=\"note-") == len(build_brief(store.conn).citations)


def test_api_view_returns_markdown(store):
    store.write_results(results("r6", "r7"))
    md = brief_view(store.conn)
    assert md.startswith("# Situation brief") and "Kharkiv" in md
