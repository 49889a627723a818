import json

import duckdb
import pytest

from polybius.errors import StoreError
from polybius.records import (Actor, Attribution, DocResult, Document, Event, Failure,
                              Fatalities, Place, Span, When)
from polybius.store.queries import EventFilter, get_document, query_events
from polybius.store.store import SCHEMA_VERSION, Store

TEXT = "Russian forces retook Sudzha on Tuesday. Talks are set for Friday."


def make_event(doc: Document, start: int, end: int, event_type: str = "ASSAULT",
               country: str | None = "RUS") -> Event:
    return Event(
        doc_id=doc.id, event_id=f"{doc.id}-{start}", event_type=event_type,
        acled_event_type="Battles", acled_sub_event_type="Government regains territory",
        status="occurred", actor1=Actor("Russian forces", 0, 14, "Military Forces of Russia "
                                                                "(2000-)", "RUS"),
        actor2=Actor(reason="no actor named"),
        location=Place("Sudzha", 22, 28, "Sudzha", "Kursk", country, 51.19, 35.27, 1),
        date=When("on Tuesday", 29, 39, "2025-03-11", "2025-03-11", 1),
        fatalities=Fatalities(reason="no figure"), attribution=Attribution(),
        evidence=Span.of(doc.text, start, end), confidence=0.9)


def test_migrate_sets_version_and_is_idempotent(tmp_path):
    path = tmp_path / "a.duckdb"
    Store(path).close()
    store = Store(path)
    assert store.schema_version() == SCHEMA_VERSION
    assert store.counts() == {"documents": 0, "events": 0, "rejected": 0}


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "b.duckdb"
    with Store(path) as store:
        store.conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer than this Polybius"):
        Store(path)


def test_write_twice_adds_nothing(store):
    doc = Document(id="d1", text=TEXT, published="2025-03-14")
    result = DocResult(document=doc, events=(make_event(doc, 0, 40),))
    failure = DocResult(document=None, failure=Failure(origin="x.bin", reason="binary"))
    store.write_results([result, failure])
    store.write_results([result, failure])
    assert store.counts() == {"documents": 1, "events": 1, "rejected": 1}
    record = query_events(store.conn)[0]
    assert record["location"]["admin1"] == "Kursk"
    assert TEXT[record["evidence"]["start"]:record["evidence"]["end"]] == TEXT[0:40]


def test_changed_document_replaces_its_events(store):
    doc = Document(id="d1", text=TEXT)
    store.write_results([DocResult(document=doc, events=(make_event(doc, 0, 40),
                                                         make_event(doc, 41, 66, "CONSULT")))])
    new = Document(id="d1", text=TEXT + " More.")
    store.write_results([DocResult(document=new, events=(make_event(new, 0, 40),))])
    assert store.counts()["events"] == 1
    assert get_document(store.conn, "d1")["content_hash"] == new.content_hash


def test_filters_bind_hostile_text(store):
    doc = Document(id="d'1", text=TEXT)
    store.write_results([DocResult(document=doc, events=(make_event(doc, 0, 40),))])
    hostile = "x'); DROP TABLE events; --"
    assert query_events(store.conn, EventFilter(text=hostile)) == []
    assert query_events(store.conn, EventFilter(doc_id="d'1"))[0]["doc_id"] == "d'1"
    assert query_events(store.conn, EventFilter(text="retook"))[0]["doc_id"] == "d'1"
    assert store.counts()["events"] == 1


def test_filters_narrow(store):
    doc = Document(id="d1", text=TEXT)
    other = Document(id="d2", text=TEXT + " Again.")
    store.write_results([DocResult(document=doc, events=(make_event(doc, 0, 40),)),
                         DocResult(document=other, events=(make_event(other, 0, 40,
                                                                      country="UKR"),))])
    assert [r["doc_id"] for r in query_events(store.conn, EventFilter(country="UKR"))] == ["d2"]
    assert len(query_events(store.conn, EventFilter(since="2025-03-11",
                                                    until="2025-03-11"))) == 2
    assert query_events(store.conn, EventFilter(since="2025-03-12")) == []
    assert len(query_events(store.conn, EventFilter(bbox=(35, 51, 36, 52)))) == 2
    page1 = query_events(store.conn, limit=1)
    page2 = query_events(store.conn, limit=1, after=page1[0]["event_id"])
    assert page1[0]["event_id"] < page2[0]["event_id"]


def test_store_accepts_open_connection():
    conn = duckdb.connect()
    store = Store(conn)
    assert store.counts()["documents"] == 0
    assert json.loads(json.dumps(store.counts()))["events"] == 0


def test_bulk_insert_keeps_the_last_row_of_a_key_like_row_by_row_upserts(store):
    from polybius.store.store import insert_rows

    rows = [("k1", "a", 1.5), ("k2", None, None), ("k1", "b", 2.0)]
    store.conn.execute("CREATE TABLE t (k VARCHAR PRIMARY KEY, v VARCHAR, x DOUBLE)")
    insert_rows(store.conn, "t", ("k", "v", "x"), rows)
    assert store.conn.execute("SELECT * FROM t ORDER BY k").fetchall() == \
        [("k1", "b", 2.0), ("k2", None, None)]
    insert_rows(store.conn, "t", ("k", "v", "x"), [("k2", "first", 0.0), ("k2", "c", 3.0)],
                conflict="IGNORE")  # a stored row stays
    assert store.conn.execute("SELECT v FROM t WHERE k = 'k2'").fetchone() == (None,)


def test_single_threaded_writes_restore_the_thread_count(store):
    def threads():
        return int(store.conn.execute("SELECT current_setting('threads')").fetchone()[0])

    before = threads()
    with store.single_threaded():
        assert threads() == 1
        store.write_results([DocResult(document=Document("a", "Shelling hit Kharkiv."))])
    assert threads() == before
    assert store.counts()["documents"] == 1
