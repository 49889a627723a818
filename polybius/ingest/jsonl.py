"""JSON Lines (``.jsonl``/``.ndjson``, standard input) and ``.json`` documents.

Each record has ``id`` and ``text`` (required) and ``published``, ``title``, ``url``,
``source`` (optional); other fields are ignored. JSON Lines are read one line at a time, so
files larger than memory work; a bad line is a :class:`Failure` naming ``file:line`` and
reading goes on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from ..errors import InputError
from ..records import Document, Failure
from ..settings import Settings
from .decode import decode_bytes, iter_text_lines, make_document, read_bounded
from .files import read_report_file

#: A ``.json`` file is read whole: it may be at most this many times ``max_bytes``.
JSON_FILE_FACTOR = 20
_USE_JSON_LINES = f"; a .json file may be {JSON_FILE_FACTOR} x max_bytes: use JSON Lines"
_META = ("title", "url", "source")


def document_from_record(record: Any, origin: str, settings: Settings,
                         fallback_id: str | None = None) -> Document | Failure:
    """A :class:`Document` from one decoded JSON value, or the :class:`Failure` saying why not.

    >>> document_from_record({"id": 7, "text": "Drones struck Odesa port overnight, the navy said."},
    ...                      "in.jsonl:1", Settings()).id
    '7'
    >>> document_from_record({"text": "x"}, "in.jsonl:2", Settings()).reason
    "missing 'id'"
    """
    if not isinstance(record, dict):
        return Failure(origin=origin, reason=f"expected a JSON object, got {_json_type(record)}")
    raw_id = record.get("id", fallback_id)
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        return Failure(origin=origin, reason="missing 'id'")
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
        return Failure(origin=origin, reason=f"'id' must be a string or an integer, "
                                             f"got {_json_type(raw_id)}")
    doc_id = str(raw_id).strip()
    text = record.get("text")
    if text is None:
        return Failure(origin=origin, reason="missing 'text'", doc_id=doc_id)
    if not isinstance(text, str):
        return Failure(origin=origin, reason=f"'text' must be a string, got {_json_type(text)}",
                       doc_id=doc_id)
    meta = {key: record[key] for key in _META if isinstance(record.get(key), (str, int, float))
            and not isinstance(record.get(key), bool)}
    return make_document(text, doc_id=doc_id, origin=origin, settings=settings,
                         published=record.get("published"), **meta)


def read_jsonl_stream(stream: BinaryIO, name: str,
                      settings: Settings) -> Iterator[Document | Failure]:
    """Yield one document (or failure) per non-blank line; origins are ``name:line``.

    >>> import io
    >>> data = b'{"id": "a", "text": "Shelling hit Kupiansk on Monday, officials said."}\\n{oops\\n'
    >>> [type(x).__name__ for x in read_jsonl_stream(io.BytesIO(data), "in.jsonl", Settings())]
    ['Document', 'Failure']
    """
    for number, line, problem in iter_text_lines(stream, settings.max_bytes):
        origin = f"{name}:{number}"
        if problem is not None:
            yield Failure(origin=origin, reason=problem)
            continue
        assert line is not None
        if not line.strip():
            continue  # blank lines separate nothing and hold no document
        record, invalid = _load_json(line.rstrip("\r\n"), with_line=False)
        if invalid is not None:
            yield Failure(origin=origin, reason=invalid)
        else:
            yield document_from_record(record, origin, settings)


def read_jsonl_file(path: Path, settings: Settings,
                    origin: str | None = None) -> Iterator[Document | Failure]:
    """Yield the documents of a JSON Lines file, streaming (see :func:`read_jsonl_stream`)."""
    name = origin or str(path)
    yield from read_report_file(path, name, lambda stream: read_jsonl_stream(stream, name, settings))


def read_json_stream(stream: BinaryIO, name: str, settings: Settings,
                     fallback_id: str | None = None) -> Iterator[Document | Failure]:
    """Yield the documents of one JSON value: an object, or a list of objects.

    A single object without ``id`` takes ``fallback_id``; list items are ``name:[i]``.
    """
    limit = settings.max_bytes * JSON_FILE_FACTOR
    try:
        text = decode_bytes(read_bounded(stream, limit, what="JSON file"))
    except InputError as exc:
        reason = str(exc)
        if "limit" in reason:
            reason += _USE_JSON_LINES
        yield Failure(origin=name, reason=reason)
        return
    value, invalid = _load_json(text, with_line=True)
    if invalid is not None:
        yield Failure(origin=name, reason=invalid)
        return
    if isinstance(value, list):
        for index, record in enumerate(value):
            yield document_from_record(record, f"{name}:[{index}]", settings)
    else:
        yield document_from_record(value, name, settings, fallback_id=fallback_id)


def read_json_file(path: Path, fallback_id: str, settings: Settings,
                   origin: str | None = None) -> Iterator[Document | Failure]:
    """Yield the documents of a ``.json`` file (see :func:`read_json_stream`)."""
    name = origin or str(path)
    yield from read_report_file(
        path, name, lambda stream: read_json_stream(stream, name, settings, fallback_id=fallback_id),
        limit=settings.max_bytes * JSON_FILE_FACTOR, what="JSON file", advice=_USE_JSON_LINES)


def _load_json(text: str, with_line: bool) -> tuple[Any, str | None]:
    """``(value, None)``, or ``(None, why the text is not valid JSON)``."""
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        return None, _json_error(exc, with_line)
    except RecursionError:
        return None, "invalid JSON: nested too deeply"


def _json_error(exc: json.JSONDecodeError, with_line: bool) -> str:
    """``invalid JSON: unterminated string starting at column 54`` (json's own words)."""
    where = f"line {exc.lineno} column {exc.colno}" if with_line else f"column {exc.colno}"
    message = exc.msg[:1].lower() + exc.msg[1:]
    return f"invalid JSON: {message}{'' if message.endswith(' at') else ' at'} {where}"


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
