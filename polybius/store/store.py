"""The embedded DuckDB store: migrations and idempotent, batched writes.

Only this package touches DuckDB. Every value is a bound parameter; identifiers come
from the fixed schema. One ``Store`` is the single writer of its process.
"""

from __future__ import annotations

import json
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import duckdb

from ..errors import StoreError
from ..records import DocResult, Event, Failure

SCHEMA_VERSION = 3  # 2: situation layer (situation.sql); 3: clusters.win_lo/win_hi

_EVENT_COLUMNS = (
    "event_id", "doc_id", "event_type", "acled_event_type", "acled_sub_event_type", "status",
    "actor1_name", "actor1_country", "actor2_name", "actor2_country", "location_name",
    "admin1", "country", "lat", "lon", "geo_precision", "start_date", "end_date",
    "time_precision", "fatalities", "evidence_start", "evidence_end", "confidence",
    "record", "run_id",
)
_DOCUMENT_COLUMNS = ("doc_id", "content_hash", "text", "published", "title", "url", "source",
                     "origin", "n_events", "run_id", "stored_at")
_REJECTED_COLUMNS = ("failure_id", "origin", "doc_id", "stage", "reason", "content_hash",
                     "run_id", "recorded_at")
_TYPES: dict[str, dict[str, str]] = {}  # table -> column -> DuckDB type (fixed schema)


def insert_rows(conn: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str],
                rows: Sequence[tuple], *, conflict: str = "REPLACE") -> None:
    """Insert ``rows`` in ONE statement: one typed list parameter per column, unnested.

    DuckDB's ``executemany`` runs one statement per row (~100x slower). With
    ``conflict="REPLACE"`` a key given twice keeps its last row, as row-by-row upserts
    would; with ``"IGNORE"`` its first row (and a row already stored stays).
    ``table`` and ``columns`` come from the fixed schema, never from input.
    """
    if not rows:
        return
    unique: dict[Any, tuple] = {}
    for row in rows:
        if conflict == "IGNORE":
            unique.setdefault(row[0], row)
        else:
            unique[row[0]] = row
    if table not in _TYPES:
        _TYPES[table] = dict(conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = ?", [table]).fetchall())
    types = _TYPES[table]
    lists = [list(col) for col in zip(*unique.values())]
    select = ", ".join(f"unnest(?::{types[c]}[])" for c in columns)
    conn.execute(f"INSERT OR {conflict} INTO {table} ({', '.join(columns)}) SELECT {select}",
                 lists)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def event_row(event: Event, run_id: str | None) -> tuple[Any, ...]:
    """The flat ``events`` row of one event (the full record rides along as JSON)."""
    return (
        event.event_id, event.doc_id, event.event_type, event.acled_event_type,
        event.acled_sub_event_type, event.status, event.actor1.name, event.actor1.country,
        event.actor2.name, event.actor2.country, event.location.name, event.location.admin1,
        event.location.country, event.location.lat, event.location.lon,
        event.location.geo_precision, event.date.start_date, event.date.end_date,
        event.date.time_precision, event.fatalities.value, event.evidence.start,
        event.evidence.end, event.confidence, json.dumps(event.to_json(), ensure_ascii=False),
        run_id,
    )


class Store:
    """A Polybius database: a file path, an open DuckDB connection, or ``memory=True``.

    >>> store = Store(memory=True)
    >>> store.counts()
    {'documents': 0, 'events': 0, 'rejected': 0}
    """

    def __init__(self, path_or_conn: str | Path | duckdb.DuckDBPyConnection | None = None,
                 *, memory: bool = False, read_only: bool = False) -> None:
        self._lexicons = None
        self._events = None  # situation_store.EventCache, made on the first write
        if isinstance(path_or_conn, duckdb.DuckDBPyConnection):
            self.conn = path_or_conn
            self.path = None
        else:
            target = ":memory:" if memory or path_or_conn is None else str(path_or_conn)
            self.path = None if target == ":memory:" else Path(target)
            try:
                self.conn = duckdb.connect(target, read_only=read_only)
            except duckdb.Error as exc:
                raise StoreError(f"cannot open database {target}: {exc}") from exc
        if not read_only:
            self.migrate()
        else:
            self._check_version()

    # -- schema ---------------------------------------------------------------------
    def schema_version(self) -> int:
        try:
            row = self.conn.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except duckdb.CatalogException:
            return 0
        return int(row[0]) if row else 0

    def _check_version(self) -> int:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"database schema version {version} is newer than this Polybius "
                f"({SCHEMA_VERSION}); upgrade polybius to open it")
        return version

    def migrate(self) -> None:
        """Create or upgrade the schema to ``SCHEMA_VERSION`` (idempotent).

        Version 1 -> 2 adds the situation tables and fills them from the stored reports;
        2 -> 3 adds the date bounds of each cluster (recomputed the same way).
        """
        previous = self._check_version()
        files = importlib_resources.files("polybius.store")
        ddl = files.joinpath("schema.sql").read_text() + ";" + \
            files.joinpath("situation.sql").read_text()
        try:
            self.conn.execute("BEGIN TRANSACTION")
            for statement in ddl.split(";"):
                if statement.strip():
                    self.conn.execute(statement)
            if 0 < previous < 3:
                from .situation_store import rebuild_situation

                rebuild_situation(self.conn, lexicons=self.situation_lexicons())
            self.conn.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
            self.conn.execute("COMMIT")
        except (duckdb.Error, StoreError) as exc:
            self.conn.execute("ROLLBACK")
            raise StoreError(f"cannot migrate database: {exc}") from exc

    def situation_lexicons(self):
        """The actor dictionary and region names of the situation layer (loaded once)."""
        if self._lexicons is None:
            from ..situation.derive import Lexicons

            self._lexicons = Lexicons.load()
        return self._lexicons

    def update_situation(self, doc_ids: Sequence[str]) -> None:
        """Update the situation tables (clusters, control, talks, impacts, claims) for the
        reports ``doc_ids``, in the current transaction. ``write_results`` calls it."""
        from .situation_store import EventCache, update_situation

        if self._events is None:
            self._events = EventCache()
        update_situation(self.conn, doc_ids, lexicons=self.situation_lexicons(),
                         cache=self._events)

    @contextmanager
    def single_threaded(self) -> Iterator["Store"]:
        """DuckDB on one thread inside the block (the thread count is restored after).

        For a writer that shares the cores with extraction workers (the Ray driver): its
        statements are small, and with DuckDB's thread pool the batch writes took about
        15 % more CPU than on one thread (``benchmarks/bench_driver.py``).
        """
        threads = self.conn.execute("SELECT current_setting('threads')").fetchone()[0]
        self.conn.execute("SET threads = 1")
        try:
            yield self
        finally:
            self.conn.execute(f"SET threads = {int(threads)}")

    # -- runs -----------------------------------------------------------------------
    def start_run(self, command: str, settings: dict[str, Any],
                  components: dict[str, str]) -> str:
        run_id = uuid.uuid4().hex[:16]
        self.conn.execute(
            "INSERT INTO runs (run_id, started_at, command, settings, components) "
            "VALUES (?, ?, ?, ?, ?)",
            [run_id, _now(), command, json.dumps(settings, default=str), json.dumps(components)])
        return run_id

    def finish_run(self, run_id: str, *, documents: int, rejected: int, events: int,
                   seconds: float) -> None:
        self.conn.execute(
            "UPDATE runs SET finished_at = ?, documents = ?, rejected = ?, events = ?, "
            "seconds = ? WHERE run_id = ?",
            [_now(), documents, rejected, events, seconds, run_id])

    # -- writes ---------------------------------------------------------------------
    def stored_hashes(self, doc_ids: Sequence[str], *,
                      extracted_only: bool = True) -> dict[str, str]:
        """``{doc_id: content_hash}`` for the ids already stored (to skip unchanged ones).

        With ``extracted_only``, documents ingested but never extracted are left out.
        """
        if not doc_ids:
            return {}
        extra = " AND n_events IS NOT NULL" if extracted_only else ""
        rows = self.conn.execute(
            "SELECT doc_id, content_hash FROM documents WHERE doc_id IN "
            f"(SELECT unnest(?::VARCHAR[])){extra}", [list(doc_ids)]).fetchall()
        return dict(rows)

    def write_results(self, results: Iterable[DocResult], run_id: str | None = None, *,
                      extracted: bool = True) -> None:
        """Store one batch in one transaction: documents, their events, failures.

        A document already stored under the same id is replaced with its events, so
        writing the same results twice leaves the same rows.
        """
        results = list(results)
        docs = [r for r in results if r.document is not None and r.failure is None]
        failures = [r.failure for r in results if r.failure is not None]
        now = _now()
        try:
            self.conn.execute("BEGIN TRANSACTION")
            if docs:
                ids = [r.document.id for r in docs]
                self.conn.execute("DELETE FROM events WHERE doc_id IN "
                                  "(SELECT unnest(?::VARCHAR[]))", [ids])
                insert_rows(self.conn, "documents", _DOCUMENT_COLUMNS, [
                    (d.id, d.content_hash, d.text, d.published, d.title, d.url, d.source,
                      d.origin, len(r.events) if extracted else None, run_id, now)
                     for r in docs for d in [r.document]])
                insert_rows(self.conn, "events", _EVENT_COLUMNS,
                            [event_row(e, run_id) for r in docs for e in r.events])
                self.update_situation(ids)
            if failures:
                self._write_failures(failures, run_id, now)
            self.conn.execute("COMMIT")
        except (duckdb.Error, StoreError) as exc:
            self.conn.execute("ROLLBACK")
            raise StoreError(f"cannot write batch: {exc}") from exc

    def _write_failures(self, failures: Sequence[Failure], run_id: str | None,
                        now: datetime) -> None:
        insert_rows(self.conn, "rejected", _REJECTED_COLUMNS,
                    [(f.failure_id, f.origin, f.doc_id, f.stage, f.reason, f.content_hash,
                      run_id, now) for f in failures], conflict="IGNORE")

    # -- reads ----------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        row = self.conn.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events), "
            "(SELECT count(*) FROM rejected)").fetchone()
        return {"documents": row[0], "events": row[1], "rejected": row[2]}

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
