"""Plain-text and Markdown reports: one file (or one stream) is one document."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO, Iterator

from ..errors import InputError
from ..records import Document, Failure
from ..settings import Settings
from .decode import decode_document, read_bounded
from .files import read_report_file


def read_text_file(path: Path, doc_id: str, settings: Settings,
                   origin: str | None = None) -> Iterator[Document | Failure]:
    """Yield the one document a ``.txt``/``.md`` file holds (its size is checked before reading).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "kursk.txt"
    >>> _ = p.write_text("Russian forces retook Sudzha on Tuesday, officials said.")
    >>> next(read_text_file(p, "kursk", Settings())).id
    'kursk'
    """
    origin = origin or str(path)
    # the whole file is read inside read_report_file, so a read error is its Failure too
    yield from read_report_file(
        path, origin, lambda stream: [_read_whole_document(stream, doc_id, origin, settings)],
        limit=settings.max_bytes, doc_id=doc_id)


def read_text_stream(stream: BinaryIO, name: str, settings: Settings) -> Iterator[Document | Failure]:
    """Yield one document holding a whole binary stream (e.g. standard input); id = ``name``."""
    yield _read_whole_document(stream, name, name, settings)


def _read_whole_document(stream: BinaryIO, doc_id: str, origin: str,
                         settings: Settings) -> Document | Failure:
    try:
        data = read_bounded(stream, settings.max_bytes)
    except InputError as exc:  # over max_bytes (a file that grew after its size was checked)
        return Failure(origin=origin, reason=str(exc), doc_id=doc_id)
    return decode_document(data, doc_id=doc_id, origin=origin, settings=settings)
