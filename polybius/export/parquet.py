"""Parquet export through DuckDB ``COPY``: DuckDB streams the rows, Python holds none."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ..errors import StoreError
from ..store.queries import EventFilter, copy_events_parquet


def write_parquet(conn: duckdb.DuckDBPyConnection, path: str | Path,
                  flt: EventFilter | None = None) -> int:
    """Write matching events to ``path`` as Parquet; returns the number of events written.

    Columns: the flat event columns, ``evidence_text``, the document's ``source``/``url``/
    ``published`` and the full ``record`` as JSON text.
    """
    try:
        copy_events_parquet(conn, str(path), flt)
        row = conn.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()
    except duckdb.Error as exc:
        raise StoreError(f"cannot write Parquet file {path}: {exc}") from exc
    return int(row[0])
