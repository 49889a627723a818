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
