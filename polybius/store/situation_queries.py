"""Read queries of the situation layer, for the CLI, the API, the brief and exports.

Values are always bound parameters. ``event_sources`` gives the reports of a merged event
(``polybius events --format jsonl`` adds them as ``sources``).
"""

from __future__ import annotations

import json
from typing import Any, Sequence

import duckdb

from ..errors import StoreError
from ..situation.claims import claim_from_json
from ..situation.control import fact_from_json
from ..situation.impacts import impact_from_json
from ..situation.model import (AgendaItem, ClaimRecord, ControlFact, ImpactRecord, SourceRef,
                               TalksRecord)

IDS = "(SELECT unnest(?::VARCHAR[]))"


def _query(conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
           ) -> duckdb.DuckDBPyConnection:
    try:
        return conn.execute(sql, params or [])
    except duckdb.CatalogException as exc:
        raise StoreError(
            "this database has no situation tables (schema version 1); open it once for "
            "writing to upgrade it, e.g. `polybius control --db FILE` or `polybius run`"
        ) from exc


def read_control_facts(conn: duckdb.DuckDBPyConnection, place: str | None = None,
                       keys: Sequence[str] | None = None) -> list[ControlFact]:
    """Control facts (every report), optionally of one place or admin1, or of some keys."""
    sql, params = "SELECT record FROM situation_facts WHERE kind = 'control'", []
    if keys is not None:
        sql += f" AND key IN {IDS}"
        params.append(list(keys))
    if place:
        sql += (" AND (lower(record->>'place') = lower(?) OR lower(record->>'admin1') = "
                "lower(?))")
        params += [place, place]
    return [fact_from_json(json.loads(r[0])) for r in _query(conn, sql, params).fetchall()]


def event_sources(conn: duckdb.DuckDBPyConnection, event_id: str) -> list[dict[str, Any]]:
    """The reports of a merged event: ``[{"doc_id", "evidence": {"start", "end"}}]``.

    Empty when ``event_id`` is told by one report only (or unknown). Each report appears
    once with the evidence of its own event, ordered by document id.
    """
    return event_sources_many(conn, [event_id]).get(event_id, [])


def event_sources_many(conn: duckdb.DuckDBPyConnection,
                       event_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """:func:`event_sources` for many events in one query (for exports)."""
    if not event_ids:
        return {}
    rows = _query(conn, 
        "SELECT c.event_id, e.doc_id, e.evidence_start, e.evidence_end FROM event_clusters c "
        "JOIN event_clusters m ON m.cluster_id = c.cluster_id JOIN events e ON "
        f"e.event_id = m.event_id WHERE c.event_id IN {IDS} "
        "ORDER BY c.event_id, e.doc_id, e.evidence_start", [list(event_ids)]).fetchall()
    out: dict[str, list[dict[str, Any]]] = {}
    for event_id, doc_id, start, end in rows:
        out.setdefault(event_id, []).append(
            {"doc_id": doc_id, "evidence": {"start": start, "end": end}})
    return {k: v for k, v in out.items() if len({s["doc_id"] for s in v}) > 1}


def read_clusters(conn: duckdb.DuckDBPyConnection, *, min_sources: int = 1,
                  since: str | None = None) -> list[dict[str, Any]]:
    """Merged events (``clusters.record``), most reported first."""
    sql = "SELECT record FROM clusters WHERE n_sources >= ?"
    params: list[Any] = [min_sources]
    if since:
        sql += " AND coalesce(end_date, start_date) >= CAST(? AS DATE)"
        params.append(since)
    sql += " ORDER BY n_sources DESC, start_date NULLS LAST, cluster_id"
    return [json.loads(r[0]) for r in _query(conn, sql, params).fetchall()]


def read_talks(conn: duckdb.DuckDBPyConnection) -> list[TalksRecord]:
    """Every talks record, by start date."""
    out = []
    for (record,) in _query(conn, 
            "SELECT record FROM talks ORDER BY start_date NULLS LAST, talks_id").fetchall():
        d = json.loads(record)
        out.append(TalksRecord(
            d["talks_id"], tuple(d["participants"]), d["status"], d["start_date"],
            d["end_date"], d["place"],
            tuple(AgendaItem(a["topic"], SourceRef.from_json(a)) for a in d["agenda_spans"]),
            tuple(SourceRef.from_json(s) for s in d["_sources"]),
            tuple(d["status_history"]), d.get("published")))
    return out


def read_impacts(conn: duckdb.DuckDBPyConnection) -> list[ImpactRecord]:
    """Every impact as each report states it."""
    return [impact_from_json(json.loads(r[0])) for r in _query(conn, 
        "SELECT record FROM situation_facts WHERE kind = 'impact' "
        "ORDER BY fact_date NULLS LAST, doc_id, fact_id").fetchall()]


def read_claims(conn: duckdb.DuckDBPyConnection) -> list[ClaimRecord]:
    """Every claim, contested ones first."""
    return [claim_from_json(json.loads(r[0])) for r in _query(conn, 
        "SELECT record FROM claims ORDER BY contested DESC, topic, claim_id").fetchall()]



def read_documents(conn: duckdb.DuckDBPyConnection,
                   doc_ids: Sequence[str]) -> dict[str, tuple[str, str | None, str | None,
                                                            str | None]]:
    """``{doc_id: (text, title, source, published)}`` of some stored reports."""
    rows = _query(conn, "SELECT doc_id, text, title, source, published FROM documents "
                        f"WHERE doc_id IN {IDS}", [sorted(set(doc_ids))]).fetchall()
    return {r[0]: (r[1], r[2], r[3], str(r[4]) if r[4] is not None else None) for r in rows}


def read_clustered_events(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, str, int, int,
                                                                         str]]:
    """``(event_id, doc_id, evidence_start, evidence_end, cluster_id)`` of every event."""
    return _query(conn, "SELECT e.event_id, e.doc_id, e.evidence_start, e.evidence_end, "
                        "c.cluster_id FROM events e JOIN event_clusters c "
                        "ON c.event_id = e.event_id ORDER BY e.event_id").fetchall()
