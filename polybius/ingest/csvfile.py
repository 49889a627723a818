"""CSV reports: one row per document, columns named by the ``csv_*_column`` settings.

Rows are read one at a time (never the whole file), so files larger than memory work. A
header without the text column is one :class:`Failure` for the file; a bad row is a
:class:`Failure` for that row and reading goes on.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import BinaryIO, Iterator

from ..errors import InputError
from ..records import Document, Failure
from ..settings import Settings
from .decode import decode_bytes, iter_text_lines, make_document
from .files import read_report_file


def read_csv_stream(stream: BinaryIO, name: str, stem: str,
                    settings: Settings) -> Iterator[Document | Failure]:
    """Yield one document (or failure) per data row; origins are ``name:line``.

    The id is the id column's value, or ``"<stem>:<row number>"`` (rows counted from 1
    after the header) when the column is absent or empty.

    >>> import io
    >>> data = b"title,text\\nKharkiv,Drones struck Kharkiv overnight; two people were hurt.\\n"
    >>> [d.id for d in read_csv_stream(io.BytesIO(data), "r.csv", "r", Settings())]
    ['r:1']
    """
    # csv's per-field limit is process-wide; raise it (never lower it) to our document limit.
    if csv.field_size_limit() < settings.max_bytes:
        csv.field_size_limit(settings.max_bytes)
    problems: dict[int, str] = {}
    reader = csv.reader(_feed_lines(iter_text_lines(stream, settings.max_bytes), problems))
    try:
        header = next(reader)
    except StopIteration:
        yield Failure(origin=name, reason="empty CSV file: no header row")
        return
    except csv.Error as exc:
        yield Failure(origin=name, reason=f"unreadable CSV header: {exc}")
        return
    columns = {column.strip(): i for i, column in reversed(list(enumerate(header)))}
    if settings.csv_text_column not in columns:
        found = ", ".join(repr(c.strip()) for c in header if c.strip()) or "no columns"
        yield Failure(origin=name, reason=(
            f"CSV header has no {settings.csv_text_column!r} column (found {found}); "
            f"name the text column with the csv_text_column setting"))
        return
    yield from _read_rows(reader, columns, problems, name, stem, settings)


def _read_rows(reader, columns: dict[str, int], problems: dict[int, str], name: str,
               stem: str, settings: Settings) -> Iterator[Document | Failure]:
    row_number = 0
    last_line = reader.line_num
    while True:
        first_line = last_line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            last_line = reader.line_num
            row_number += 1
            yield Failure(origin=f"{name}:{first_line}", reason=f"unreadable CSV row: {exc}")
            continue
        last_line = reader.line_num
        blank = not any(field.strip() for field in row)
        skipped = sorted(n for n in problems if n <= last_line)  # over-long lines, left out
        for line in skipped:
            yield Failure(origin=f"{name}:{line}", reason=problems.pop(line))
        if blank:
            continue  # a blank line is not a row
        row_number += 1
        if skipped:
            continue  # the row lost a line: its failure is the one just yielded
        yield _row_document(row, columns, row_number, f"{name}:{first_line}", stem, settings)
    for line in sorted(problems):
        yield Failure(origin=f"{name}:{line}", reason=problems[line])


def _row_document(row: list[str], columns: dict[str, int], row_number: int, origin: str,
                  stem: str, settings: Settings) -> Document | Failure:
    def cell(column: str) -> str | None:
        index = columns.get(column)
        return row[index] if index is not None and index < len(row) else None

    doc_id = (cell(settings.csv_id_column) or "").strip() or f"{stem}:{row_number}"
    try:
        fields = {key: _redecode(cell(column)) for key, column in (
            ("text", settings.csv_text_column), ("published", settings.csv_published_column),
            ("title", settings.csv_title_column), ("url", settings.csv_url_column),
            ("source", settings.csv_source_column))}
        doc_id = _redecode(doc_id) or doc_id
    except InputError as exc:
        return Failure(origin=origin, reason=str(exc), doc_id=None)
    text = fields.pop("text")
    if not text or not text.strip():
        return Failure(origin=origin, doc_id=doc_id, reason=(
            f"row {row_number} has no text (column {settings.csv_text_column!r} is empty)"))
    return make_document(text, doc_id=doc_id, origin=origin, settings=settings, **fields)


def _redecode(value: str | None) -> str | None:
    """A cell decoded with ``surrogateescape`` holds raw bytes: decode them properly or fail."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return decode_bytes(value.encode("utf-8", "surrogateescape"))
    return value


def _feed_lines(lines: Iterator[tuple[int, str | None, str | None]],
                problems: dict[int, str]) -> Iterator[str]:
    """Lines for ``csv.reader``; an over-long line becomes an empty line and a noted problem."""
    for number, text, problem in lines:
        if text is None:
            problems[number] = problem or "unreadable line"
            yield "\n"
            continue
        yield text


def read_csv_file(path: Path, stem: str, settings: Settings,
                  origin: str | None = None) -> Iterator[Document | Failure]:
    """Yield the documents of a CSV file, streaming (see :func:`read_csv_stream`)."""
    name = origin or str(path)
    yield from read_report_file(path, name,
                                lambda stream: read_csv_stream(stream, name, stem, settings))
