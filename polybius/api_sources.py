"""An event's source documents with the spans to highlight in each (for ``/events/{id}``)."""

from __future__ import annotations

from typing import Any

import duckdb

from .api_models import HighlightSpan, SourceDocument
from .store.queries import get_documents

SPAN_FIELDS = ("trigger", "actor1", "actor2", "location", "date", "fatalities", "attribution")


def _span(field: str, value: Any, text: str) -> HighlightSpan | None:
    if not isinstance(value, dict):
        return None
    start, end = value.get("start"), value.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    if not 0 <= start < end <= len(text):
        return None
    return HighlightSpan(field=field, start=start, end=end, text=text[start:end])


def event_sources(conn: duckdb.DuckDBPyConnection,
                  record: dict[str, Any]) -> list[SourceDocument]:
    """Each document the event rests on, its text, and the spans inside it.

    The event's own document comes first with the evidence and every field span; documents
    merged in from other reports (``sources``) carry their evidence span.
    """
    refs: list[tuple[str, dict[str, Any] | None]] = [(record["doc_id"], record.get("evidence"))]
    for ref in record.get("sources") or []:
        if isinstance(ref, dict) and ref.get("doc_id") and ref["doc_id"] != record["doc_id"]:
            refs.append((ref["doc_id"], ref.get("evidence") or
                         {"start": ref.get("start"), "end": ref.get("end")}))
    docs = get_documents(conn, [doc_id for doc_id, _ in refs])
    out: list[SourceDocument] = []
    for i, (doc_id, evidence) in enumerate(refs):
        doc = docs.get(doc_id)
        if doc is None:
            continue
        text = doc["text"]
        spans = [s for s in [_span("evidence", evidence, text)] if s is not None]
        if i == 0:
            spans += [s for f in SPAN_FIELDS if (s := _span(f, record.get(f), text)) is not None]
        out.append(SourceDocument(doc_id=doc_id, title=doc["title"], url=doc["url"],
                                  source=doc["source"], published=doc["published"], text=text,
                                  spans=spans))
    return out
