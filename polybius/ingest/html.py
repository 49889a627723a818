"""Saved HTML pages (main text, title and date via trafilatura, offline) and HTML fragments."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO, Iterator

from ..errors import InputError
from ..records import Document, Failure
from ..settings import Settings
from .decode import decode_bytes, make_document, read_bounded
from .files import read_report_file

NO_ARTICLE = "no article text found in HTML"
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                         "blockquote", "tr", "table", "section", "article", "figure",
                         "figcaption", "pre", "hr", "dd", "dt"})
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def extract_html(html: str, doc_id: str, origin: str, settings: Settings) -> Document | Failure:
    """The article in a saved page as a :class:`Document` (text, title, date, url, site name).

    trafilatura works on the given string only (no network); the date comes from the page's
    metadata, never guessed from its text.
    """
    import trafilatura  # heavy: imported when a page is read, not at import

    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True})
    text = getattr(result, "text", None) if result is not None else None
    if not text or sum(not char.isspace() for char in text) < settings.min_chars:
        # nothing, or only menu crumbs ("Home News") that trafilatura's fallback kept
        return Failure(origin=origin, reason=NO_ARTICLE, doc_id=doc_id)
    return make_document(text, doc_id=doc_id, origin=origin, settings=settings,
                         published=getattr(result, "date", None),
                         title=getattr(result, "title", None), url=getattr(result, "url", None),
                         source=getattr(result, "sitename", None))


def read_html_stream(stream: BinaryIO, doc_id: str, origin: str,
                     settings: Settings) -> Iterator[Document | Failure]:
    """Yield the one document a saved HTML page holds."""
    try:
        html = decode_bytes(read_bounded(stream, settings.max_bytes))
    except InputError as exc:
        yield Failure(origin=origin, reason=str(exc), doc_id=doc_id)
        return
    if not html.strip():
        yield Failure(origin=origin, reason="empty document", doc_id=doc_id)
        return
    yield extract_html(html, doc_id, origin, settings)


def read_html_file(path: Path, doc_id: str, settings: Settings,
                   origin: str | None = None) -> Iterator[Document | Failure]:
    """Yield the one document of a ``.html``/``.htm`` file (its size is checked before reading)."""
    origin = origin or str(path)
    yield from read_report_file(path, origin,
                                lambda stream: read_html_stream(stream, doc_id, origin, settings),
                                limit=settings.max_bytes, doc_id=doc_id)


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed summary): tags dropped, entities decoded,
    one line per block element, runs of spaces collapsed.

    >>> html_fragment_to_text("<p>Drones hit <b>Odesa</b> &amp; Izmail.</p><p>Two hurt.</p>")
    'Drones hit Odesa & Izmail.\\nTwo hurt.'
    """
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:  # type: ignore[override]
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data.replace("\n", " "))
