"""RSS and Atom feeds (``.xml``/``.rss``/``.atom``): each entry is one document.

The feed is parsed from its bytes with feedparser (never from a URL). id = the entry's id or
link; text = its content (or summary) stripped of HTML; published = the entry's date in ISO 8601.
"""

from __future__ import annotations

import io
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from ..errors import InputError
from ..records import Document, Failure
from ..settings import Settings
from .decode import make_document, normalise_published, read_bounded
from .files import read_report_file
from .html import html_fragment_to_text

#: A feed file holds many entries: it may be at most this many times ``max_bytes``.
FEED_FILE_FACTOR = 20


def read_feed_stream(stream: BinaryIO, name: str, stem: str,
                     settings: Settings) -> Iterator[Document | Failure]:
    """Yield one document (or failure) per feed entry; origins are ``name:#<n>`` (from 1).

    An entry with neither id nor link gets the id ``"<stem>:<n>"``.
    """
    import feedparser  # imported when a feed is read, not at import

    limit = settings.max_bytes * FEED_FILE_FACTOR
    try:
        data = read_bounded(stream, limit, what="feed")
    except InputError as exc:
        yield Failure(origin=name, reason=str(exc))
        return
    if not data.strip():
        yield Failure(origin=name, reason="empty document")
        return
    feed = feedparser.parse(io.BytesIO(data))  # a stream, so it is never taken for a URL or path
    if not feed.entries:
        problem = feed.get("bozo_exception")
        reason = f"not a readable RSS/Atom feed: {problem}" if feed.get("bozo") and problem \
            else "feed has no entries"
        yield Failure(origin=name, reason=reason)
        return
    source = feed.feed.get("title") or None
    for number, entry in enumerate(feed.entries, start=1):
        yield _entry_document(entry, f"{name}:#{number}", f"{stem}:{number}", source, settings)


def _entry_document(entry: Any, origin: str, fallback_id: str, source: str | None,
                    settings: Settings) -> Document | Failure:
    doc_id = (entry.get("id") or entry.get("link") or "").strip() or fallback_id
    text = _entry_text(entry)
    if not text.strip():
        return Failure(origin=origin, reason="feed entry has no text (no content or summary)",
                       doc_id=doc_id)
    return make_document(text, doc_id=doc_id, origin=origin, settings=settings,
                         published=_entry_date(entry), title=entry.get("title"),
                         url=_entry_url(entry), source=source)


def _entry_url(entry: Any) -> str | None:
    """The entry's web address (never its id, which feedparser may copy into ``link``)."""
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    return None


def _entry_text(entry: Any) -> str:
    """The longest of the entry's content parts and its summary, as plain text."""
    parts = [(c.get("value") or "", c.get("type") or "text/html") for c in entry.get("content", [])]
    summary = entry.get("summary_detail") or {}
    if entry.get("summary"):
        parts.append((entry["summary"], summary.get("type") or "text/html"))
    texts = [value.strip() if kind == "text/plain" else html_fragment_to_text(value)
             for value, kind in parts]
    return max(texts, key=len, default="")


def _entry_date(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        iso = normalise_published(entry.get(key))
        if iso:
            return iso
        parsed: time.struct_time | None = entry.get(f"{key}_parsed")
        if parsed:
            return datetime(*parsed[:6], tzinfo=timezone.utc).isoformat()
    return None


def read_feed_file(path: Path, stem: str, settings: Settings,
                   origin: str | None = None) -> Iterator[Document | Failure]:
    """Yield the entries of a feed file (see :func:`read_feed_stream`)."""
    name = origin or str(path)
    yield from read_report_file(path, name, lambda stream: read_feed_stream(stream, name, stem, settings),
                                limit=settings.max_bytes * FEED_FILE_FACTOR, what="feed")
