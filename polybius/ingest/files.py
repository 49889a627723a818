"""Opening report files: the one place where a file that is too large or cannot be opened
becomes a :class:`Failure` (each format's reader then works on the open binary stream)."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from ..records import Document, Failure
from .decode import size_reason


def read_report_file(path: Path, origin: str,
                     read_stream: Callable[[BinaryIO], Iterable[Document | Failure]], *,
                     limit: int | None = None, what: str = "document", advice: str = "",
                     doc_id: str | None = None) -> Iterator[Document | Failure]:
    """Yield what ``read_stream`` yields for the opened file, or one :class:`Failure` when the
    file is over ``limit`` bytes (checked before reading; ``advice`` ends the reason) or cannot
    be opened. ``doc_id`` goes on those failures.

    ``read_stream`` is called while the file is open: a generator reads it lazily, and a
    reader that returns a list reads it there, with its ``OSError`` reported the same way.

    >>> import pathlib, tempfile
    >>> missing = pathlib.Path(tempfile.mkdtemp()) / "gone.txt"
    >>> next(read_report_file(missing, "gone.txt", lambda stream: [])).reason
    'cannot read file: No such file or directory'
    """
    with ExitStack() as open_files:
        try:
            if limit is not None:
                size = path.stat().st_size
                if size > limit:
                    yield Failure(origin=origin, reason=size_reason(size, limit, what=what) + advice,
                                  doc_id=doc_id)
                    return
            stream = open_files.enter_context(path.open("rb"))
            documents = read_stream(stream)
        except OSError as exc:
            yield Failure(origin=origin, reason=f"cannot read file: {exc.strerror or exc}",
                          doc_id=doc_id)
            return
        yield from documents
