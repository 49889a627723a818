"""Polybius: conflict-event data from news reports, with provenance on every field.

Public API::

    import polybius
    events = polybius.extract("Russian forces retook Sudzha on Tuesday.", published="2025-03-12")
    store = polybius.open_store("events.duckdb")
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["extract", "open_store", "__version__"]


def extract(text: str, published: str | None = None, doc_id: str = "doc", *,
            title: str | None = None, resources=None, settings=None):
    """Extract events from one report; returns a list of :class:`polybius.records.Event`.

    >>> events = extract("Russian forces retook Sudzha in Kursk province on 12 March 2025.")
    >>> events[0].event_type
    'ASSAULT'
    """
    from .pipeline import extract_document
    from .records import Document

    return extract_document(Document(id=doc_id, text=text, published=published, title=title),
                            resources=resources, settings=settings)


def open_store(path_or_conn=None, *, memory: bool = False):
    """Open (and migrate) a Polybius DuckDB store: a path, an open connection or ``memory=True``."""
    from .store.store import Store

    return Store(path_or_conn, memory=memory)
