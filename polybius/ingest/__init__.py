"""Reading reports from files, folders and streams: every input becomes a Document or a Failure.

Nothing is lost: a file, line, row or entry that cannot be read is a :class:`Failure` with
its origin and reason, and reading goes on. Formats are chosen by file extension:

==========================  ====================================================
``.txt`` ``.md``            one report per file; id = path relative to the folder
                            given, without extension (``kursk``, ``reports/goma``)
``.jsonl`` ``.ndjson``      one JSON object per line (``id``, ``text``, ``published``,
                            ``title``, ``url``, ``source``), streamed
``.json``                   one such object, or a list of them
``.csv``                    one row per report, columns from ``csv_*_column`` settings
``.html`` ``.htm``          a saved page: article text, title and date (trafilatura)
``.xml`` ``.rss`` ``.atom`` a feed: one report per entry (feedparser)
==========================  ====================================================

Folders are read recursively in sorted order; hidden files and folders (``.name``) and
``README``/``LICENSE`` files and scripts (.py, .sh) inside folders are skipped.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Callable, Iterable, Iterator

from ..errors import InputError
from ..records import Document, Failure
from ..settings import Settings
from .csvfile import read_csv_file, read_csv_stream
from .html import read_html_file, read_html_stream
from .jsonl import read_json_file, read_json_stream, read_jsonl_file, read_jsonl_stream
from .rss import read_feed_file, read_feed_stream
from .text import read_text_file, read_text_stream

__all__ = ["read_paths", "read_stream", "FORMATS", "STREAM_FORMATS"]

_FileReader = Callable[[Path, str, Settings], Iterator[Document | Failure]]

#: File extension -> reader(path, id, settings); ``id`` is the path-derived id or stem.
FORMATS: dict[str, _FileReader] = {
    ".txt": read_text_file,
    ".md": read_text_file,
    ".jsonl": lambda path, _id, settings: read_jsonl_file(path, settings),
    ".ndjson": lambda path, _id, settings: read_jsonl_file(path, settings),
    ".json": read_json_file,
    ".csv": read_csv_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".xml": read_feed_file,
    ".rss": read_feed_file,
    ".atom": read_feed_file,
}

#: ``fmt`` names accepted by :func:`read_stream`.
STREAM_FORMATS = ("jsonl", "ndjson", "json", "csv", "txt", "md", "html", "htm", "xml", "rss", "atom")
_SKIPPED_IN_FOLDERS = ("readme", "license", "licence", "copying")
_CODE_SUFFIXES = (".py", ".sh", ".ipynb")  # runnable example scripts beside the reports


def read_paths(paths: Iterable[str | Path], settings: Settings) -> Iterator[Document | Failure]:
    """Yield a :class:`Document` or :class:`Failure` for every report in files and folders.

    Paths are read in the order given; a folder's files in sorted order, recursively.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "kursk.txt").write_text("Russian forces retook Sudzha, officials said.")
    >>> _ = (folder / "notes.docx").write_bytes(b"PK")
    >>> [getattr(x, "id", None) or x.reason for x in read_paths([folder], Settings())]
    ['kursk', "unknown file type '.docx'; expected one of .atom, .csv, .htm, .html, .json, .jsonl, .md, .ndjson, .rss, .txt, .xml"]
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for item in _walk(path):
                if isinstance(item, Failure):
                    yield item
                else:
                    yield from _read_file(item[0], item[1], settings)
        elif path.exists():
            yield from _read_file(path, path.stem, settings)
        else:
            yield Failure(origin=str(path), reason="no such file or folder")


def read_stream(stream: BinaryIO, name: str = "stdin", fmt: str = "jsonl",
                settings: Settings | None = None) -> Iterator[Document | Failure]:
    """Yield the documents in a binary stream such as standard input (``sys.stdin.buffer``).

    ``fmt`` is one of :data:`STREAM_FORMATS`; ``"txt"`` reads the whole stream as one
    document whose id is ``name``. Raises :class:`InputError` for an unknown ``fmt``.

    >>> import io
    >>> line = b'{"id": "k1", "text": "Drones struck Kharkiv overnight, the mayor said."}\\n'
    >>> [d.origin for d in read_stream(io.BytesIO(line))]
    ['stdin:1']
    """
    fmt = fmt.lower().lstrip(".")
    if fmt not in STREAM_FORMATS:
        raise InputError(f"unknown input format {fmt!r}; choose one of {', '.join(STREAM_FORMATS)}")
    return _read_stream(stream, name, fmt, settings or Settings())


def _read_stream(stream: BinaryIO, name: str, fmt: str,
                 settings: Settings) -> Iterator[Document | Failure]:
    if fmt in ("jsonl", "ndjson"):
        yield from read_jsonl_stream(stream, name, settings)
    elif fmt == "json":
        yield from read_json_stream(stream, name, settings, fallback_id=name)
    elif fmt == "csv":
        yield from read_csv_stream(stream, name, name, settings)
    elif fmt in ("txt", "md"):
        yield from read_text_stream(stream, name, settings)
    elif fmt in ("html", "htm"):
        yield from read_html_stream(stream, name, name, settings)
    else:
        yield from read_feed_stream(stream, name, name, settings)


def _read_file(path: Path, doc_id: str, settings: Settings) -> Iterator[Document | Failure]:
    reader = FORMATS.get(path.suffix.lower())
    if reader is None:
        kind = f"file type {path.suffix.lower()!r}" if path.suffix else "file without extension"
        yield Failure(origin=str(path), reason=(
            f"unknown {kind}; expected one of {', '.join(sorted(FORMATS))}"))
        return
    yield from reader(path, doc_id, settings)


def _walk(root: Path) -> Iterator[tuple[Path, str] | Failure]:
    """Files under ``root`` in sorted order with their ids (relative path without extension),
    and a :class:`Failure` for each folder that cannot be listed."""
    errors: list[OSError] = []
    found: list[tuple[str, Path]] = []
    for folder, subfolders, files in os.walk(root, onerror=errors.append):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in files:
            if name.startswith(".") or name.lower().split(".")[0] in _SKIPPED_IN_FOLDERS \
                    or name.lower().endswith(_CODE_SUFFIXES):
                continue
            file = Path(folder) / name
            found.append((file.relative_to(root).as_posix(), file))
    for exc in errors:
        yield Failure(origin=str(exc.filename or root),
                      reason=f"cannot read folder: {exc.strerror or exc}")
    for relative, file in sorted(found):
        yield file, PurePosixPath(relative).with_suffix("").as_posix()
