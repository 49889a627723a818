"""Schema versions 2 and 3: the situation tables, the migrations from versions 1 and 2,
incremental updates."""

import json

import duckdb

from polybius.records import DocResult
from polybius.store.situation_store import update_situation
from polybius.store.store import SCHEMA_VERSION, Store, event_row

from .reports import results

TABLES = ("event_clusters", "clusters", "situation_facts", "talks_mentions", "talks",
          "control_places", "claims")


def _snapshot(conn):
    return {t: sorted(map(repr, conn.execute(f"SELECT * FROM {t}").fetchall())) for t in TABLES}


def _make_v1(path, docs):
    """A database as Polybius schema version 1 wrote it: no situation tables."""
    from importlib import resources

    conn = duckdb.connect(str(path))
    ddl = resources.files("polybius.store").joinpath("schema.sql").read_text()
    for statement in ddl.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    for r in docs:
        d = r.document
        conn.execute("INSERT INTO documents (doc_id, content_hash, text, published, title, "
                     "source, n_events) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [d.id, d.content_hash, d.text, d.published, d.title, d.source,
                      len(r.events)])
        for e in r.events:
            row = event_row(e, None)
            conn.execute(f"INSERT INTO events VALUES ({', '.join('?' for _ in row)})", row)
    conn.close()


def test_schema_version_three():
    assert SCHEMA_VERSION == 3


def _make_v2(path, docs):
    """A database as Polybius schema version 2 wrote it: clusters without date bounds."""
    with Store(path) as store:
        store.write_results(docs)
        store.conn.execute("DROP INDEX clusters_type")  # new in version 3 too
        store.conn.execute("ALTER TABLE clusters DROP COLUMN win_lo")
        store.conn.execute("ALTER TABLE clusters DROP COLUMN win_hi")
        store.conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")


def test_migration_from_v2_fills_the_cluster_bounds(tmp_path):
    docs = results()
    _make_v2(tmp_path / "v2.duckdb", docs)
    with Store(tmp_path / "v2.duckdb") as store:
        assert store.schema_version() == 3
        migrated = _snapshot(store.conn)
        assert store.conn.execute("SELECT count(*) FROM clusters WHERE win_lo IS NULL"
                                  ).fetchone()[0] == 0
    with Store(tmp_path / "fresh.duckdb") as fresh:
        fresh.write_results(docs)
        assert migrated == _snapshot(fresh.conn)


def test_migration_from_v1_fills_the_situation_tables(tmp_path):
    path = tmp_path / "v1.duckdb"
    docs = results()
    _make_v1(path, docs)
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        migrated = _snapshot(store.conn)
    fresh = Store(tmp_path / "fresh.duckdb")
    fresh.write_results(docs)
    assert migrated == _snapshot(fresh.conn)
    assert len(migrated["clusters"]) == 6 and migrated["talks"]
    fresh.close()
    with Store(path) as again:  # migrating twice changes nothing
        assert _snapshot(again.conn) == migrated


def test_incremental_equals_all_at_once(tmp_path):
    whole = Store(tmp_path / "whole.duckdb")
    whole.write_results(results())
    parts = Store(tmp_path / "parts.duckdb")
    for doc_id in ("r1", "r4", "r6", "r2", "r9", "r7", "r5", "r3", "r8"):
        parts.write_results(results(doc_id))
    a, b = _snapshot(whole.conn), _snapshot(parts.conn)
    for table in ("clusters", "control_places", "claims", "talks"):
        assert len(a[table]) == len(b[table]), table
    assert a["situation_facts"] == b["situation_facts"]
    whole.close()
    parts.close()


def test_update_touches_only_what_the_batch_touches(store):
    store.write_results(results("r1", "r6", "r7"))
    kharkiv = store.conn.execute(
        "SELECT cluster_id, record FROM clusters WHERE location_name = 'Kharkiv'").fetchone()
    store.conn.execute("UPDATE clusters SET record = '{\"marker\": 1}' WHERE cluster_id = ?",
                       [kharkiv[0]])
    store.write_results(results("r2"))  # an Odesa report: Kharkiv is not recomputed
    assert json.loads(store.conn.execute(
        "SELECT record FROM clusters WHERE cluster_id = ?", [kharkiv[0]]).fetchone()[0]) == \
        {"marker": 1}
    store.write_results(results("r7"))  # a Kharkiv report: its cluster is recomputed
    assert json.loads(store.conn.execute(
        "SELECT record FROM clusters WHERE cluster_id = ?", [kharkiv[0]]).fetchone()[0]
        )["n_sources"] == 2


def test_bad_stored_record_is_a_clear_store_error(store):
    import pytest

    from polybius.errors import StoreError

    store.write_results(results("r1"))
    store.conn.execute("UPDATE events SET record = '{\"doc_id\": \"r1\"}'")
    store.conn.execute("BEGIN TRANSACTION")
    with pytest.raises(StoreError, match="document r1 cannot be read"):
        update_situation(store.conn, ["r1"], lexicons=store.situation_lexicons())
    store.conn.execute("ROLLBACK")


def test_write_failure_rolls_back_everything(store):
    import pytest

    from polybius.errors import StoreError

    store.write_results(results("r1"))
    store.conn.execute("UPDATE events SET record = '{\"doc_id\": \"r1\"}'")
    before = _snapshot(store.conn)
    with pytest.raises(StoreError, match="document r1 cannot be read"):
        store.write_results(results("r2"))  # clustering r2 reads r1's broken record
    assert store.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert _snapshot(store.conn) == before


def test_report_losing_its_events_leaves_no_cluster(store):
    store.write_results(results("r1"))
    store.write_results([DocResult(document=results("r1")[0].document)])
    after = _snapshot(store.conn)
    assert not after["event_clusters"] and not after["clusters"] and not after["claims"]
    assert after["situation_facts"]  # the power cut is told in the text, event or not


def test_v1_database_read_only_says_how_to_upgrade(tmp_path):
    import pytest

    from polybius.errors import StoreError
    from polybius.situation.control import control_view

    path = tmp_path / "old.duckdb"
    _make_v1(path, results("r4"))
    with Store(path, read_only=True) as store:
        with pytest.raises(StoreError, match="no situation tables .* to upgrade it"):
            control_view(store.conn)


def test_cli_upgrades_a_v1_database(tmp_path):
    from click.testing import CliRunner

    from polybius.cli_situation import control

    path = tmp_path / "old.duckdb"
    _make_v1(path, results("r4", "r5"))
    out = CliRunner().invoke(control, ["--db", str(path), "--format", "jsonl"])
    assert out.exit_code == 0, out.output
    assert "Upgrading" in out.stderr
    assert json.loads(out.stdout.splitlines()[0])["place"] == "Udachne"


def test_blocked_assignment_equals_assign_clusters():
    """``assign_blocked`` scores only the clusters a new event could join: same result."""
    import random

    from polybius.situation.merge import Clustered, assign_clusters
    from polybius.store.situation_store import MergeOptions, assign_blocked

    items = [Clustered(e, r.document.published[:10]) for r in results() for e in r.events]
    assert len(items) >= 10
    options = MergeOptions()
    for seed in range(5):
        order = random.Random(seed).sample(items, len(items))
        expected = assign_clusters([], order, window_days=options.window_days,
                                   max_km=options.max_km, min_score=options.min_score)
        assert assign_blocked([], order, options) == expected
        half = len(order) // 2  # the first half stored, the rest new
        assert assign_blocked(expected[:half], order[half:], options) == \
            assign_clusters(expected[:half], order[half:], window_days=options.window_days,
                            max_km=options.max_km, min_score=options.min_score)
    assert len({p.cluster_id for p in expected}) < len(items)  # some reports merge


def test_rewritten_event_is_read_again_not_taken_from_the_cache(tmp_path):
    """The store keeps parsed events between batches (``EventCache``): an event rewritten
    under the same id with another record must be read again."""
    from dataclasses import replace

    from polybius.records import When

    moved = results("r7")[0]
    later = replace(moved.events[0], date=replace(moved.events[0].date,
                                                  start_date="2025-03-20",
                                                  end_date="2025-03-20"))
    assert isinstance(later.date, When) and later.event_id == moved.events[0].event_id
    moved = DocResult(document=moved.document, events=(later,))
    cached = Store(tmp_path / "cached.duckdb")
    cached.write_results(results("r6", "r7"))
    assert cached.conn.execute("SELECT count(*) FROM clusters").fetchone()[0] == 1
    cached.write_results([moved])  # r7 now tells the 20th: no longer r6's strike
    fresh = Store(tmp_path / "fresh.duckdb")
    fresh.write_results(results("r6"))
    fresh.write_results([moved])
    assert cached.conn.execute("SELECT count(*) FROM clusters").fetchone()[0] == 2
    assert _snapshot(cached.conn) == _snapshot(fresh.conn)
    cached.close()
    fresh.close()


def test_event_cache_is_bounded():
    from polybius.store.situation_store import EventCache

    cache = EventCache(limit=2)
    for n in range(3):
        cache.put((f"e{n}", n), f"event {n}")
    assert cache.get(("e0", 0)) is None and cache.get(("e2", 2)) == "event 2"


def test_loading_more_events_than_the_cache_holds(store):
    from polybius.store.situation_store import EventCache, _load_events

    store.write_results(results())
    loaded = _load_events(store.conn, "TRUE", [], cache=EventCache(limit=1))
    assert len(loaded) == store.counts()["events"] and all(c.event for c in loaded)
