"""Streaming a JSON array of records, one record per chunk and per line (GeoJSON, PLOVER)."""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator, TextIO


def iter_json_array(opening: str, records: Iterable[dict[str, Any]], closing: str) -> Iterator[str]:
    """``opening``, then each record as one JSON chunk on a line of its own, then ``closing``.

    >>> "".join(iter_json_array("[", [{"id": 1}, {"id": 2}], "\\n]\\n"))
    '[\\n{"id": 1},\\n{"id": 2}\\n]\\n'
    """
    yield opening
    first = True
    for record in records:
        yield ("\n" if first else ",\n") + json.dumps(record, ensure_ascii=False)
        first = False
    yield closing


def write_json_array(chunks: Iterable[str], out: TextIO) -> int:
    """Write the chunks of :func:`iter_json_array` to ``out``; returns how many records they hold."""
    count = 0
    for chunk in chunks:
        count += chunk.startswith(("\n{", ",\n"))
        out.write(chunk)
    return count
