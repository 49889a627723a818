"""Read queries for the CLI, API, dashboard and exports. Values are always bound."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterator

import duckdb


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters on stored events; ``None`` means "any"."""

    doc_id: str | None = None
    event_type: str | None = None
    acled_event_type: str | None = None
    country: str | None = None
    admin1: str | None = None
    status: str | None = None
    actor: str | None = None  # substring of actor1 or actor2 name, case-insensitive
    since: str | None = None  # ISO date: events ending on or after
    until: str | None = None  # ISO date: events starting on or before
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    text: str | None = None  # substring of the evidence sentence
    min_confidence: float | None = None

    def where(self) -> tuple[str, list[Any]]:
        """The SQL ``WHERE`` clause (fixed column names) and its bound parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        for column in ("doc_id", "event_type", "acled_event_type", "country", "admin1",
                       "status"):
            value = getattr(self, column)
            if value is not None:
                clauses.append(f"e.{column} = ?")
                params.append(value)
        if self.actor:
            clauses.append("(e.actor1_name ILIKE ? OR e.actor2_name ILIKE ?)")
            params += [f"%{self.actor}%", f"%{self.actor}%"]
        if self.since:
            clauses.append("coalesce(e.end_date, e.start_date) >= CAST(? AS DATE)")
            params.append(self.since)
        if self.until:
            clauses.append("e.start_date <= CAST(? AS DATE)")
            params.append(self.until)
        if self.bbox:
            clauses.append("e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?")
            min_lon, min_lat, max_lon, max_lat = self.bbox
            params += [min_lon, max_lon, min_lat, max_lat]
        if self.text:
            clauses.append("e.event_id IN (SELECT e2.event_id FROM events e2 JOIN documents d "
                           "ON d.doc_id = e2.doc_id WHERE substr(d.text, e2.evidence_start + 1,"
                           " e2.evidence_end - e2.evidence_start) ILIKE ?)")
            params.append(f"%{self.text}%")
        if self.min_confidence is not None:
            clauses.append("e.confidence >= ?")
            params.append(self.min_confidence)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def query_events(conn: duckdb.DuckDBPyConnection, flt: EventFilter | None = None, *,
                 limit: int | None = 100, after: str | None = None) -> list[dict[str, Any]]:
    """Event records (EVENT-FORMAT.md dicts) ordered by event_id, keyset-paginated."""
    where, params = (flt or EventFilter()).where()
    if after is not None:
        where += (" AND " if where else " WHERE ") + "e.event_id > ?"
        params.append(after)
    sql = f"SELECT e.record FROM events e{where} ORDER BY e.event_id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [json.loads(row[0]) for row in conn.execute(sql, params).fetchall()]


def iter_event_records(conn: duckdb.DuckDBPyConnection, flt: EventFilter | None = None,
                       batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every matching event record, streamed in pages."""
    after = None
    while True:
        page = query_events(conn, flt, limit=batch, after=after)
        yield from page
        if len(page) < batch:
            return
        after = page[-1]["event_id"]


def get_document(conn: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT doc_id, content_hash, text, published, title, url, source, origin, n_events "
        "FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    if row is None:
        return None
    keys = ("doc_id", "content_hash", "text", "published", "title", "url", "source", "origin",
            "n_events")
    return dict(zip(keys, row))


def list_rejected(conn: duckdb.DuckDBPyConnection, limit: int = 1000) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT origin, doc_id, stage, reason FROM rejected ORDER BY recorded_at, origin "
        "LIMIT ?", [limit]).fetchall()
    return [dict(zip(("origin", "doc_id", "stage", "reason"), r)) for r in rows]


# -- API, dashboard and export queries (appended) -------------------------------------


def get_event_record(conn: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """The stored record (EVENT-FORMAT dict) of one event, or ``None``."""
    row = conn.execute("SELECT record FROM events WHERE event_id = ?", [event_id]).fetchone()
    return None if row is None else json.loads(row[0])


def get_documents(conn: duckdb.DuckDBPyConnection,
                  doc_ids: list[str]) -> dict[str, dict[str, Any]]:
    """``{doc_id: document dict}`` for the ids that exist (see :func:`get_document`)."""
    if not doc_ids:
        return {}
    keys = ("doc_id", "content_hash", "text", "published", "title", "url", "source", "origin",
            "n_events")
    rows = conn.execute(
        f"SELECT {', '.join(keys)} FROM documents WHERE doc_id IN "
        "(SELECT unnest(?::VARCHAR[]))", [list(doc_ids)]).fetchall()
    return {row[0]: dict(zip(keys, row)) for row in rows}


def count_events_by_day(conn: duckdb.DuckDBPyConnection,
                        flt: EventFilter | None = None) -> list[tuple[str, int]]:
    """``[(ISO day, count)]`` of matching events by start date, oldest first (undated left out)."""
    where, params = (flt or EventFilter()).where()
    where += (" AND " if where else " WHERE ") + "e.start_date IS NOT NULL"
    rows = conn.execute(
        f"SELECT e.start_date, count(*) FROM events e{where} GROUP BY 1 ORDER BY 1",
        params).fetchall()
    return [(day.isoformat(), n) for day, n in rows]


_FACET_COLUMNS = ("event_type", "acled_event_type", "country", "status")


def event_facets(conn: duckdb.DuckDBPyConnection, flt: EventFilter | None = None,
                 limit: int = 50) -> dict[str, list[tuple[str, int]]]:
    """Most frequent values of the filterable columns among matching events."""
    where, params = (flt or EventFilter()).where()
    out: dict[str, list[tuple[str, int]]] = {}
    for column in _FACET_COLUMNS:  # identifiers from a fixed allow-list
        cond = (" AND " if where else " WHERE ") + f"e.{column} IS NOT NULL"
        rows = conn.execute(
            f"SELECT e.{column}, count(*) AS n FROM events e{where}{cond} "
            "GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?", params + [limit]).fetchall()
        out[column] = [(value, n) for value, n in rows]
    return out


@dataclass(frozen=True, slots=True)
class EventPoint:
    """The few columns the dashboard map and list need for one event."""

    event_id: str
    lat: float | None
    lon: float | None
    event_type: str
    acled_event_type: str | None
    status: str | None
    start_date: str | None
    location_name: str | None
    country: str | None
    actor1_name: str | None
    actor2_name: str | None
    fatalities: int | None
    confidence: float | None


def query_event_points(conn: duckdb.DuckDBPyConnection, flt: EventFilter | None = None,
                       limit: int = 20000) -> list[EventPoint]:
    """Compact rows of matching events, newest first, at most ``limit``."""
    where, params = (flt or EventFilter()).where()
    rows = conn.execute(
        "SELECT e.event_id, e.lat, e.lon, e.event_type, e.acled_event_type, e.status, "
        "e.start_date, e.location_name, e.country, e.actor1_name, e.actor2_name, "
        f"e.fatalities, e.confidence FROM events e{where} "
        "ORDER BY e.start_date DESC NULLS LAST, e.event_id LIMIT ?", params + [limit]).fetchall()
    return [EventPoint(r[0], r[1], r[2], r[3], r[4], r[5],
                       r[6].isoformat() if r[6] is not None else None, *r[7:]) for r in rows]


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One stored event with what exports add from its document."""

    record: dict[str, Any]
    evidence_text: str | None
    source: str | None
    url: str | None
    title: str | None
    published: str | None
    stored_at: Any


def iter_export_rows(conn: duckdb.DuckDBPyConnection, flt: EventFilter | None = None,
                     batch: int = 1000) -> Iterator[ExportRow]:
    """Every matching event joined with its document, streamed in keyset pages of ``batch``."""
    base_where, base_params = (flt or EventFilter()).where()
    after: str | None = None
    while True:
        where, params = base_where, list(base_params)
        if after is not None:
            where += (" AND " if where else " WHERE ") + "e.event_id > ?"
            params.append(after)
        rows = conn.execute(
            "SELECT e.event_id, e.record, substr(d.text, e.evidence_start + 1, "
            "e.evidence_end - e.evidence_start), d.source, d.url, d.title, d.published, "
            f"d.stored_at FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id{where} "
            "ORDER BY e.event_id LIMIT ?", params + [batch]).fetchall()
        for row in rows:
            yield ExportRow(json.loads(row[1]), *row[2:])
        if len(rows) < batch:
            return
        after = rows[-1][0]


EXPORT_PARQUET_SQL = (
    "SELECT e.event_id, e.doc_id, e.event_type, e.acled_event_type, e.acled_sub_event_type, "
    "e.status, e.actor1_name, e.actor1_country, e.actor2_name, e.actor2_country, "
    "e.location_name, e.admin1, e.country, e.lat, e.lon, e.geo_precision, e.start_date, "
    "e.end_date, e.time_precision, e.fatalities, e.evidence_start, e.evidence_end, "
    "substr(d.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS evidence_text, "
    "e.confidence, d.source, d.url, d.published, CAST(e.record AS VARCHAR) AS record "
    "FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id")


def copy_events_parquet(conn: duckdb.DuckDBPyConnection, path: str,
                        flt: EventFilter | None = None) -> None:
    """Write matching events to a Parquet file with DuckDB ``COPY`` (streamed by DuckDB)."""
    where, params = (flt or EventFilter()).where()
    target = str(path).replace("'", "''")  # COPY takes no bound file name
    conn.execute(f"COPY ({EXPORT_PARQUET_SQL}{where} ORDER BY e.event_id) TO '{target}' "
                 "(FORMAT parquet, COMPRESSION zstd)", params)


def query_event_page(conn: duckdb.DuckDBPyConnection, flt: EventFilter | None = None, *,
                     limit: int = 100, after: str | None = None) -> list[dict[str, Any]]:
    """Like :func:`query_events` (ordered by event_id, keyset after ``after``), but fast on
    large stores: it finds the page's ids on the narrow columns first, then reads only those
    records (the wide JSON column is never sorted). Measured by benchmarks/bench_queries.py.
    """
    where, params = (flt or EventFilter()).where()
    if after is not None:
        where += (" AND " if where else " WHERE ") + "e.event_id > ?"
        params.append(after)
    ids = [row[0] for row in conn.execute(
        f"SELECT e.event_id FROM events e{where} ORDER BY e.event_id LIMIT ?",
        params + [limit]).fetchall()]
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)  # a literal IN list lets DuckDB prune by event_id
    rows = conn.execute(f"SELECT record FROM events WHERE event_id IN ({marks}) "
                        "ORDER BY event_id", ids).fetchall()
    return [json.loads(row[0]) for row in rows]


def run_event_records(conn: duckdb.DuckDBPyConnection, run_id: str,
                      limit: int = 80) -> list[dict[str, Any]]:
    """Event records of the documents a run stored, in document and text order."""
    rows = conn.execute(
        "SELECT e.record FROM events e JOIN documents d ON d.doc_id = e.doc_id "
        "WHERE d.run_id = ? ORDER BY e.doc_id, e.evidence_start, e.event_id LIMIT ?",
        [run_id, limit]).fetchall()
    return [json.loads(r[0]) for r in rows]
