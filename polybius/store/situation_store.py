"""DuckDB tables of the situation layer: writes (incremental, per batch) and reads.

``update_situation(conn, doc_ids)`` runs inside the transaction of ``Store.write_results``:
it replaces the facts of the written reports, clusters their events with the stored events
of nearby days, then recomputes only the clusters, places, talks and claims those reports
touch (before or after the write). ``rebuild_situation`` does it for every stored report
(the migration from schema version 1). Reads live in ``situation_queries``. Values are
always bound parameters.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterable, Sequence

import duckdb

from ..errors import StoreError
from ..records import Event, Place, stable_id
from ..situation.claims import cluster_claims, control_claims
from ..situation.claims_text import Statement, agreement_claims, statement_claims
from ..situation.control import control_state, fact_to_json
from ..situation.derive import Lexicons, derive_document
from ..situation.impacts import impact_to_json
from ..situation.merge import Clustered, assign_clusters, cluster_summary, place_score
from ..situation.model import (ClaimRecord, ClusterRecord, ControlFact, DocInfo, SourceRef,
                               TalksRecord, event_from_record)
from ..situation.talks import assign_talks, mention_from_json, mention_to_json, merge_talks
from .situation_queries import IDS, read_control_facts
from .store import insert_rows

SITUATION_TABLES = ("event_clusters", "clusters", "situation_facts", "talks_mentions", "talks",
                    "control_places", "claims")


@dataclass(frozen=True, slots=True)
class MergeOptions:
    """How far apart two reports of one event may place it (days, kilometres)."""

    window_days: int = 2
    max_km: float = 30.0
    min_score: float = 2.5
    talks_window_days: int = 3


@dataclass(slots=True)
class SituationUpdate:
    """What one update touched (for logs and tests)."""

    documents: int = 0
    clusters: int = 0
    places: int = 0
    talks: int = 0
    claims: int = 0

#: column names of each situation table, in DDL order (identifiers come only from here)
COLUMNS = {
    "situation_facts": ("fact_id", "doc_id", "kind", "key", "fact_date", "record"),
    "event_clusters": ("event_id", "cluster_id", "doc_id"),
    "clusters": ("cluster_id", "event_type", "location_name", "admin1", "country",
                 "start_date", "end_date", "n_events", "n_sources", "record", "win_lo", "win_hi"),
    "claims": ("claim_id", "scope", "topic", "contested", "record"),
    "control_places": ("place_key", "place", "admin1", "country", "controller", "change",
                       "as_of", "record"),
    "talks_mentions": ("fact_id", "talks_id", "doc_id"),
    "talks": ("talks_id", "status", "start_date", "end_date", "place", "record"),
}


def _insert(conn: duckdb.DuckDBPyConnection, table: str, rows: Sequence[tuple]) -> None:
    """Upsert ``rows`` in one statement (see :func:`polybius.store.store.insert_rows`)."""
    insert_rows(conn, table, COLUMNS[table], rows)


def _ids(rows: Iterable[tuple[Any, ...]]) -> set[str]:
    return {r[0] for r in rows if r[0] is not None}


def _load_docs(conn: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> dict[str, tuple]:
    rows = conn.execute("SELECT doc_id, text, published, title, source FROM documents "
                        f"WHERE doc_id IN {IDS}", [list(doc_ids)]).fetchall()
    return {r[0]: r for r in rows}


def _doc_info(row: tuple) -> DocInfo:
    published = str(row[2])[:10] if row[2] else None
    return DocInfo(doc_id=row[0], text=row[1], published=published, title=row[3])


def update_situation(conn: duckdb.DuckDBPyConnection, doc_ids: Sequence[str], *,
                     lexicons: Lexicons | None = None,
                     options: MergeOptions | None = None,
                     cache: EventCache | None = None) -> SituationUpdate:
    """Bring the situation tables up to date after the reports ``doc_ids`` were (re)written.

    Runs in the caller's transaction; ``cache`` keeps parsed events for the next batch.
    Raises :class:`StoreError` naming the report when a stored record cannot be read.
    """
    options = options or MergeOptions()
    lexicons = lexicons or Lexicons.load()
    ids = sorted(set(doc_ids))
    summary = SituationUpdate(documents=len(ids))
    if not ids:
        return summary
    old_clusters = _ids(conn.execute(
        f"SELECT DISTINCT cluster_id FROM event_clusters WHERE doc_id IN {IDS}", [ids]).fetchall())
    old_places = _ids(conn.execute(
        f"SELECT DISTINCT key FROM situation_facts WHERE kind = 'control' AND doc_id IN {IDS}",
        [ids]).fetchall())
    old_statements = _ids(conn.execute(
        f"SELECT DISTINCT key FROM situation_facts WHERE kind = 'claim' AND doc_id IN {IDS}",
        [ids]).fetchall())
    old_talks = _ids(conn.execute(
        f"SELECT DISTINCT talks_id FROM talks_mentions WHERE doc_id IN {IDS}", [ids]).fetchall())
    for table in ("event_clusters", "situation_facts", "talks_mentions"):
        conn.execute(f"DELETE FROM {table} WHERE doc_id IN {IDS}", [ids])
    docs = _load_docs(conn, ids)
    cache = cache if cache is not None else EventCache()
    events = _load_events(conn, f"e.doc_id IN {IDS}", [ids], docs, cache)
    new_places, new_mentions, new_statements = _write_facts(conn, docs, events, lexicons)
    new_clusters = _cluster(conn, events, old_clusters, options, cache)
    summary.clusters = _refresh_clusters(conn, old_clusters | new_clusters, cache)
    summary.places = _refresh_places(conn, old_places | new_places, options)
    summary.talks = _refresh_talks(conn, old_talks, new_mentions, options)
    _refresh_statements(conn, old_statements | new_statements)
    summary.claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    return summary


class EventCache:
    """Stored events already read back from JSON, by ``(event_id, hash of its record)``.

    Each batch scores its new events against whole stored clusters; without this the same
    candidate events were re-read and re-parsed for every batch. A rewritten event has
    another record hash, so a stale entry is never used. At most ``limit`` events are
    kept (least recently used dropped first; about 3.4 KB each, so 70 MB at most): memory
    follows the clusters a batch touches, not the store. ``Store`` keeps one per connection.
    """

    def __init__(self, limit: int = 20_000) -> None:
        self.limit = limit
        self._items: OrderedDict[tuple[str, int], Event] = OrderedDict()

    def get(self, key: tuple[str, int]) -> Event | None:
        event = self._items.get(key)
        if event is not None:
            self._items.move_to_end(key)
        return event

    def put(self, key: tuple[str, int], event: Event) -> None:
        self._items[key] = event
        if len(self._items) > self.limit:
            self._items.popitem(last=False)


def _load_events(conn: duckdb.DuckDBPyConnection, where: str, params: list[Any],
                 docs: dict[str, tuple] | None = None,
                 cache: EventCache | None = None) -> list[Clustered]:
    """The stored events ``where`` selects (aliases ``e`` events, ``d`` documents, ``c``
    event_clusters), with publication date and cluster. Records are parsed only for the
    events not in ``cache``; ``docs`` (rows of :func:`_load_docs`) spares reading their
    texts again."""
    rows = conn.execute(
        "SELECT e.event_id, hash(e.record), e.doc_id, d.published, c.cluster_id FROM events e "
        "JOIN documents d ON d.doc_id = e.doc_id LEFT JOIN event_clusters c ON c.event_id = "
        f"e.event_id WHERE {where} ORDER BY d.published NULLS LAST, e.doc_id, "
        "e.evidence_start, e.event_id", params).fetchall()  # one order on every run
    cache = cache if cache is not None else EventCache()
    found: dict[str, Event] = {}
    missing = []
    for row in rows:
        event = cache.get((row[0], row[1]))
        if event is None:
            missing.append(row)
        else:
            found[row[0]] = event
    if missing:
        found.update(_parse_events(conn, missing, docs or {}, cache))
    return [Clustered(found[event_id], str(published)[:10] if published else None, cluster_id)
            for event_id, _digest, _doc, published, cluster_id in rows]


def _parse_events(conn: duckdb.DuckDBPyConnection, rows: list[tuple], docs: dict[str, tuple],
                  cache: EventCache) -> dict[str, Event]:
    texts = {doc_id: row[1] for doc_id, row in docs.items()}
    need = sorted({r[2] for r in rows} - texts.keys())
    if need:
        texts.update(conn.execute(f"SELECT doc_id, text FROM documents WHERE doc_id IN {IDS}",
                                  [need]).fetchall())
    records = dict(conn.execute(
        f"SELECT event_id, record FROM events WHERE event_id IN {IDS}",
        [sorted({r[0] for r in rows})]).fetchall())
    out = {}
    for event_id, digest, doc_id, _published, _cluster in rows:
        data = json.loads(records[event_id])
        try:
            event = event_from_record(data, texts[doc_id])
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreError(f"stored event {data.get('event_id')} of document "
                             f"{data.get('doc_id')} cannot be read: {exc}; re-run "
                             "`polybius run` on that document") from exc
        cache.put((event_id, digest), event)
        out[event_id] = event
    return out


_NAME = re.compile(r"[A-Z][\w’'-]+(?:[ -][A-Z][\w’'-]+){0,2}")


def known_places(conn: duckdb.DuckDBPyConnection, texts: Iterable[str]) -> list[Place]:
    """Places stored events name that occur (capitalised) in ``texts``, most cited first."""
    names: set[str] = set()
    for text in texts:
        for m in _NAME.finditer(text):
            words = re.split(r"[ -]", m.group())
            names.update(" ".join(words[i:j]) for i in range(len(words))
                         for j in range(i + 1, len(words) + 1))
    if not names:
        return []
    rows = conn.execute(
        "SELECT location_name, admin1, country, geo_precision, min(lat), min(lon), "
        "count(*) AS n FROM events WHERE location_name IN (SELECT unnest(?::VARCHAR[])) "
        "GROUP BY location_name, admin1, country, geo_precision ORDER BY n DESC, "
        "location_name, admin1 NULLS LAST, country NULLS LAST, geo_precision NULLS LAST",
        [sorted(names)]).fetchall()
    seen: set[str] = set()
    out = []
    for name, admin1, country, precision, lat, lon, _ in rows:
        if name not in seen:
            seen.add(name)
            out.append(Place(text=name, name=name, admin1=admin1, country=country, lat=lat,
                             lon=lon, geo_precision=precision))
    return out


def _write_facts(conn: duckdb.DuckDBPyConnection, docs: dict[str, tuple],
                 events: list[Clustered], lexicons: Lexicons
                 ) -> tuple[set[str], list[tuple], set[str]]:
    by_doc: dict[str, list] = {}
    for item in events:
        by_doc.setdefault(item.event.doc_id, []).append(item.event)
    rows, places, mentions, keys = [], set(), [], set()
    known = known_places(conn, (row[1] for row in docs.values()))
    for doc_id, row in docs.items():
        facts = derive_document(_doc_info(row), by_doc.get(doc_id, []), lexicons, known)
        for n, fact in enumerate(facts.control):
            places.add(fact.place_key)
            rows.append((stable_id(doc_id, "control", n), doc_id, "control", fact.place_key,
                         fact.sort_date or None, json.dumps(fact_to_json(fact))))
        for n, mention in enumerate(facts.talks):
            fact_id = stable_id(doc_id, "talks", n)
            mentions.append((fact_id, mention))
            rows.append((fact_id, doc_id, "talks", None, mention.start_date or mention.published,
                         json.dumps(mention_to_json(mention))))
        for n, impact in enumerate(facts.impacts):
            rows.append((stable_id(doc_id, "impact", n), doc_id, "impact", impact.what,
                         impact.date, json.dumps(impact_to_json(impact))))
        for n, statement in enumerate(facts.statements):
            keys.add(statement.key)
            rows.append((stable_id(doc_id, "claim", n), doc_id, "claim", statement.key,
                         statement.published, json.dumps(statement.to_json())))
    _insert(conn, "situation_facts", rows)
    return places, mentions, keys


def _cluster(conn: duckdb.DuckDBPyConnection, new: list[Clustered], old_clusters: set[str],
             options: MergeOptions, cache: EventCache) -> set[str]:
    """Assign the new events to clusters. Candidates are whole stored clusters: those of
    the same type whose date bounds (``clusters.win_lo/win_hi``) fit a new event's window,
    those with an event at the same-named place (for undated new events), and the clusters
    the rewritten reports left (``old_clusters``: their stored bounds are stale)."""
    if not new:
        return set()
    slack = timedelta(days=options.window_days)
    dated = [(i.event.event_type, w[0] - slack, w[1] + slack) for i in new
             if (w := i.window)]
    # undated events of undated reports can only match on place: same-named places
    named = sorted({(i.event.event_type, i.event.location.name) for i in new
                    if i.event.location.name and i.window is None})
    ids = set(old_clusters)
    if dated:
        types, los, his = (list(x) for x in zip(*sorted(set(dated))))
        ids.update(r[0] for r in conn.execute(
            "SELECT DISTINCT c.cluster_id FROM clusters c JOIN (SELECT unnest(?::VARCHAR[]) "
            "AS t, unnest(?::DATE[]) AS lo, unnest(?::DATE[]) AS hi) w ON c.event_type = w.t "
            "WHERE c.win_lo IS NULL OR (w.lo <= c.win_hi AND c.win_lo <= w.hi)",
            [types, los, his]).fetchall())
    if named:
        ids.update(r[0] for r in conn.execute(
            "SELECT DISTINCT c.cluster_id FROM event_clusters c JOIN events e ON e.event_id "
            "= c.event_id JOIN (SELECT unnest(?::VARCHAR[]) AS t, unnest(?::VARCHAR[]) AS n) "
            "w ON e.event_type = w.t AND e.location_name = w.n",
            [[t for t, _ in named], [n for _, n in named]]).fetchall())
    existing = _load_events(conn, f"c.cluster_id IN {IDS}", [sorted(ids)],
                            cache=cache) if ids else []
    placed = assign_blocked(existing, new, options)
    if not placed:
        return set()
    _insert(conn, "event_clusters",
            [(p.event.event_id, p.cluster_id, p.event.doc_id) for p in placed])
    return {p.cluster_id for p in placed if p.cluster_id}


class _Block:
    """The clusters one new event can join, found without scoring the others: a cluster
    is a candidate only when it holds an event of the same type and every member's date
    window fits the event's (``merge.date_score`` is never None), as ``assign_clusters``
    requires. The bounds are the latest start and earliest end of its dated members."""

    __slots__ = ("members", "types", "lo", "hi")

    def __init__(self) -> None:
        self.members: list[Clustered] = []
        self.types: set[str] = set()
        self.lo: int | None = None  # max start ordinal of the dated members' windows
        self.hi: int | None = None  # min end ordinal

    def add(self, item: Clustered) -> None:
        self.members.append(item)
        self.types.add(item.event.event_type)
        window = item.window
        if window is not None:
            lo, hi = window[0].toordinal(), window[1].toordinal()
            self.lo = lo if self.lo is None else max(self.lo, lo)
            self.hi = hi if self.hi is None else min(self.hi, hi)


def assign_blocked(existing: list[Clustered], new: list[Clustered],
                   options: MergeOptions) -> list[Clustered]:
    """``merge.assign_clusters(existing, new)``, the same result, but each new event is
    scored only against the clusters it could join: those of :class:`_Block` with a member
    whose place can be its place (``merge.place_score``), so its cost follows the events of
    its own type, days and region, not every event loaded."""
    blocks: dict[str, _Block] = {}
    by_type: dict[str, list[str]] = {}

    def add(item: Clustered) -> None:
        block = blocks.get(item.cluster_id)
        if block is None:
            block = blocks[item.cluster_id] = _Block()
        if item.event.event_type not in block.types:
            by_type.setdefault(item.event.event_type, []).append(item.cluster_id)
        block.add(item)

    for item in existing:
        if item.cluster_id:
            add(item)
    slack = options.window_days
    out: list[Clustered] = []
    for item in new:
        window = item.window
        lo = hi = None
        if window is not None:
            lo, hi = window[0].toordinal() - slack, window[1].toordinal() + slack
        candidates = [m for cid in by_type.get(item.event.event_type, ())
                      if ((block := blocks[cid]).lo is None or lo is None
                          or (lo <= block.hi and block.lo <= hi))
                      and any(place_score(item.event, m.event, options.max_km) is not None
                              for m in block.members)
                      for m in block.members]
        placed = assign_clusters(candidates, [item], window_days=options.window_days,
                                 max_km=options.max_km, min_score=options.min_score)[0]
        add(placed)
        out.append(placed)
    return out


def _refresh_clusters(conn: duckdb.DuckDBPyConnection, cluster_ids: set[str],
                      cache: EventCache) -> int:
    ids = sorted(cluster_ids)
    if not ids:
        return 0
    conn.execute(f"DELETE FROM clusters WHERE cluster_id IN {IDS}", [ids])
    conn.execute(f"DELETE FROM claims WHERE scope IN {IDS}", [ids])
    members = _load_events(conn, f"c.cluster_id IN {IDS}", [ids], cache=cache)
    outlets = dict(conn.execute(
        "SELECT doc_id, coalesce(source, title) FROM documents WHERE doc_id IN "
        f"(SELECT DISTINCT doc_id FROM event_clusters WHERE cluster_id IN {IDS})",
        [ids]).fetchall())
    groups: dict[str, list[Clustered]] = {}
    for m in members:
        groups.setdefault(m.cluster_id, []).append(m)
    rows, claim_rows = [], []
    for cid, group in groups.items():
        summary = cluster_summary(group)
        record = ClusterRecord(cid, tuple(m.event.event_id for m in group),
                               tuple(SourceRef(m.event.doc_id, m.event.evidence.start,
                                               m.event.evidence.end) for m in group), summary)
        windows = [w for m in group if (w := m.window)]
        rows.append((cid, summary["event_type"], summary["location_name"], summary["admin1"],
                     summary["country"], summary["start_date"], summary["end_date"],
                     summary["n_events"], summary["n_sources"], json.dumps(record.to_json()),
                     max(w[0] for w in windows) if windows else None,
                     min(w[1] for w in windows) if windows else None))
        pairs = [(m.event, outlets.get(m.event.doc_id)) for m in group]
        claims = cluster_claims(cid, pairs) + agreement_claims(cid, pairs)
        claim_rows += [_claim_row(cid, c) for c in claims]
    _insert(conn, "clusters", rows)
    _insert_claims(conn, claim_rows)
    return len(rows)


def _claim_row(scope: str, claim: ClaimRecord) -> tuple:
    return (claim.claim_id, scope, claim.topic, claim.contested, json.dumps(claim.to_json()))


def _insert_claims(conn: duckdb.DuckDBPyConnection, rows: list[tuple]) -> None:
    _insert(conn, "claims", rows)


def _refresh_places(conn: duckdb.DuckDBPyConnection, keys: set[str],
                    options: MergeOptions) -> int:
    ids = sorted(keys)
    if not ids:
        return 0
    conn.execute(f"DELETE FROM control_places WHERE place_key IN {IDS}", [ids])
    conn.execute(f"DELETE FROM claims WHERE scope IN {IDS}", [ids])
    by_key: dict[str, list[ControlFact]] = {}
    for fact in read_control_facts(conn, keys=ids):
        by_key.setdefault(fact.place_key, []).append(fact)
    rows, claim_rows = [], []
    for key, facts in by_key.items():
        state = control_state(facts, window_days=options.window_days)
        if state is not None:
            rows.append((key, state.place, state.admin1, state.country, state.controller,
                         state.change, state.as_of, json.dumps(state.to_json())))
        claim_rows += [_claim_row(key, c) for c in control_claims(key, facts)]
    _insert(conn, "control_places", rows)
    _insert_claims(conn, claim_rows)
    return len(rows)


def _refresh_statements(conn: duckdb.DuckDBPyConnection, keys: set[str]) -> None:
    ids = sorted(keys)
    if not ids:
        return
    conn.execute(f"DELETE FROM claims WHERE scope IN {IDS}", [ids])
    groups: dict[str, list[Statement]] = {}
    for key, record in conn.execute(
            f"SELECT key, record FROM situation_facts WHERE kind = 'claim' AND key IN {IDS}",
            [ids]).fetchall():
        groups.setdefault(key, []).append(Statement.from_json(json.loads(record)))
    _insert_claims(conn, [_claim_row(key, c) for key, group in groups.items()
                          for c in statement_claims(key, group)])


TALKS_HORIZON_DAYS = 45  # talks mentions farther apart than this are never the same talks


def _talks_mentions(conn: duckdb.DuckDBPyConnection, where: str,
                    params: list[Any]) -> list[tuple[str, Any]]:
    return [(tid, mention_from_json(json.loads(rec))) for tid, rec in conn.execute(
        "SELECT m.talks_id, f.record FROM talks_mentions m JOIN situation_facts f "
        f"ON f.fact_id = m.fact_id WHERE {where} ORDER BY f.fact_date, m.fact_id",
        params).fetchall()]


def _refresh_talks(conn: duckdb.DuckDBPyConnection, old_talks: set[str],
                   new_mentions: list[tuple], options: MergeOptions) -> int:
    """Assign the new talks mentions (to talks with mentions of nearby dates), then
    recompute every talks they or the rewritten reports touch."""
    new_mentions = sorted(new_mentions, key=lambda x: (x[1].published or "", x[1].doc_id,
                                                       x[1].evidence.start))
    days = [d[:10] for _, m in new_mentions for d in (m.start_date, m.published) if d]
    if days:
        horizon = timedelta(days=TALKS_HORIZON_DAYS)
        lo = (date.fromisoformat(min(days)) - horizon).isoformat()
        hi = (date.fromisoformat(max(days)) + horizon).isoformat()
        candidates = _talks_mentions(conn, "f.fact_date IS NULL OR substr(f.fact_date, 1, 10) "
                                     "BETWEEN ? AND ?", [lo, hi])
    else:
        candidates = _talks_mentions(conn, "TRUE", []) if new_mentions else []
    placed = assign_talks(candidates, [m for _, m in new_mentions], options.talks_window_days)
    _insert(conn, "talks_mentions", [(fid, tid, m.doc_id) for (fid, _), (tid, m) in
                                     zip(new_mentions, placed)])
    touched = sorted(old_talks | {tid for tid, _ in placed})
    if not touched:
        return 0
    conn.execute(f"DELETE FROM talks WHERE talks_id IN {IDS}", [touched])
    groups: dict[str, list] = {}
    for tid, mention in _talks_mentions(conn, f"m.talks_id IN {IDS}", [touched]):
        groups.setdefault(tid, []).append(mention)
    rows = []
    for tid, mentions in groups.items():
        record = merge_talks(tid, mentions)
        rows.append((tid, record.status, record.start_date, record.end_date, record.place,
                     json.dumps(_talks_json(record))))
    _insert(conn, "talks", rows)
    return len(rows)


def _talks_json(record: TalksRecord) -> dict[str, Any]:
    out = record.to_json()
    out["_sources"] = [s.to_json() for s in record.sources]
    return out


def rebuild_situation(conn: duckdb.DuckDBPyConnection, *, lexicons: Lexicons | None = None,
                      options: MergeOptions | None = None, batch: int = 256) -> int:
    """Recompute every situation table from the stored reports (used by the migration)."""
    for table in SITUATION_TABLES:
        conn.execute(f"DELETE FROM {table}")
    ids = [r[0] for r in conn.execute(
        "SELECT doc_id FROM documents ORDER BY published NULLS LAST, doc_id").fetchall()]
    cache = EventCache()
    for start in range(0, len(ids), batch):
        update_situation(conn, ids[start:start + batch], lexicons=lexicons, options=options,
                         cache=cache)
    return len(ids)
