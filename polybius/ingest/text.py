"""Plain-text and Markdown reports: one file (or one stream) is one document."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO, Iterator

from ..errors import InputError
from ..records import Document, Failure
from ..settings import Settings
from .decode import decode_document, read_bounded, size_reason


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
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            yield Failure(origin=origin, reason=size_reason(size, settings.max_bytes), doc_id=doc_id)
            return
        with path.open("rb") as stream:
            data = read_bounded(stream, settings.max_bytes)
    except InputError as exc:  # the file grew between stat() and read()
        yield Failure(origin=origin, reason=str(exc), doc_id=doc_id)
        return
    except OSError as exc:
        yield Failure(origin=origin, reason=f"cannot read file: {exc.strerror or exc}", doc_id=doc_id)
        return
    yield decode_document(data, doc_id=doc_id, origin=origin, settings=settings)


def read_text_stream(stream: BinaryIO, name: str, settings: Settings) -> Iterator[Document | Failure]:
    """Yield one document holding a whole binary stream (e.g. standard input); id = ``name``."""
    try:
        data = read_bounded(stream, settings.max_bytes)
    except InputError as exc:
        yield Failure(origin=name, reason=str(exc), doc_id=name)
        return
    yield decode_document(data, doc_id=name, origin=name, settings=settings)
