"""Exports of stored events: ACLED-style CSV, PLOVER JSON, GeoJSON, Parquet.

>>> from polybius.store.store import Store
>>> import io
>>> buf = io.StringIO()
>>> export_events(Store(memory=True).conn, "geojson", buf)
0
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator, TextIO

import duckdb

from ..errors import InputError
from ..store.queries import EventFilter, ExportRow, iter_export_rows
from .acled_csv import iter_acled_csv, write_acled_csv
from .geojson import iter_geojson, write_geojson
from .parquet import write_parquet
from .plover_json import iter_plover_json, write_plover_json

FORMATS = ("acled", "plover", "geojson", "parquet")
MEDIA_TYPES = {"acled": "text/csv; charset=utf-8", "plover": "application/json",
               "geojson": "application/geo+json", "parquet": "application/vnd.apache.parquet"}
EXTENSIONS = {"acled": "csv", "plover": "json", "geojson": "geojson", "parquet": "parquet"}

_TEXT_WRITERS: dict[str, Callable[[Iterable[ExportRow], TextIO], int]] = {
    "acled": write_acled_csv, "plover": write_plover_json, "geojson": write_geojson}
_TEXT_ITERATORS: dict[str, Callable[[Iterable[ExportRow]], Iterator[str]]] = {
    "acled": iter_acled_csv, "plover": iter_plover_json, "geojson": iter_geojson}


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return fmt


def iter_export_text(conn: duckdb.DuckDBPyConnection, fmt: str,
                     flt: EventFilter | None = None) -> Iterator[str]:
    """Text chunks of a CSV/JSON/GeoJSON export, streamed from the store page by page."""
    if check_format(fmt) == "parquet":
        raise InputError("Parquet is binary: use export_events() with a file path")
    return _TEXT_ITERATORS[fmt](iter_export_rows(conn, flt))


def export_events(conn: duckdb.DuckDBPyConnection, fmt: str, out: TextIO | str | Path,
                  flt: EventFilter | None = None) -> int:
    """Export matching events in ``fmt`` to a text stream or a file path; returns the count.

    Parquet needs a path (DuckDB writes it directly).
    """
    check_format(fmt)
    if fmt == "parquet":
        if not isinstance(out, (str, Path)):
            raise InputError("Parquet export needs a file path, not a stream")
        return write_parquet(conn, out, flt)
    if isinstance(out, (str, Path)):
        try:
            with open(out, "w", encoding="utf-8", newline="") as handle:
                return _TEXT_WRITERS[fmt](iter_export_rows(conn, flt), handle)
        except OSError as exc:
            raise InputError(f"cannot write export file {out}: {exc}") from exc
    return _TEXT_WRITERS[fmt](iter_export_rows(conn, flt), out)
