"""One event from many reports: pure matching, and clusters kept in the store."""

from polybius.situation.merge import Clustered, assign_clusters, match_score
from polybius.store.situation_queries import event_sources, read_clusters

from .reports import document, events_of, result, results


def _clustered(doc_id):
    doc = document(doc_id)
    return [Clustered(e, doc.published[:10]) for e in events_of(doc)]


def test_same_raid_told_twice_matches():
    (a,), (b,) = _clustered("r1"), _clustered("r2")
    assert match_score(a, b) >= 2.5


def test_same_city_other_day_does_not_match():
    (a,), (c,) = _clustered("r1"), _clustered("r3")
    assert match_score(a, c) is None


def test_other_type_or_place_does_not_match():
    (strike,), (kharkiv,) = _clustered("r1"), _clustered("r6")
    assert match_score(strike, kharkiv) is None  # Odesa and Kharkiv
    capture, talks = _clustered("r4")
    assert match_score(capture, talks) is None  # same report


def test_assign_keeps_existing_cluster_ids():
    first = assign_clusters([], _clustered("r1"))
    second = assign_clusters(first, _clustered("r2") + _clustered("r3"))
    assert second[0].cluster_id == first[0].cluster_id
    assert second[1].cluster_id != first[0].cluster_id
    assert assign_clusters([], _clustered("r1"))[0].cluster_id == first[0].cluster_id


def test_store_merges_reports_and_lists_sources(store):
    store.write_results(results("r1", "r2", "r3"))
    merged = [c for c in read_clusters(store.conn) if c["n_sources"] == 2]
    assert len(merged) == 1 and merged[0]["location_name"] == "Odesa"
    r1_event = events_of(document("r1"))[0]
    sources = event_sources(store.conn, r1_event.event_id)
    assert [s["doc_id"] for s in sources] == ["r1", "r2"]
    for s in sources:
        text = document(s["doc_id"]).text
        assert "Odesa" in text[s["evidence"]["start"]:s["evidence"]["end"]]
    r3_event = events_of(document("r3"))[0]
    assert event_sources(store.conn, r3_event.event_id) == []


def test_rewriting_and_adding_reports_never_duplicates(store):
    store.write_results(results("r1", "r3"))
    before = store.conn.execute("SELECT cluster_id, event_id FROM event_clusters "
                                "ORDER BY event_id").fetchall()
    store.write_results(results("r1", "r3"))
    assert store.conn.execute("SELECT cluster_id, event_id FROM event_clusters "
                              "ORDER BY event_id").fetchall() == before
    store.write_results([result("r2")])
    rows = store.conn.execute("SELECT cluster_id, count(*) FROM event_clusters "
                              "GROUP BY cluster_id ORDER BY 2 DESC").fetchall()
    assert [n for _, n in rows] == [2, 1]
    assert rows[0][0] in {cid for cid, _ in before}  # the Odesa raid kept its id
    assert store.conn.execute("SELECT count(*) FROM clusters").fetchone()[0] == 2


def test_removing_a_report_shrinks_its_cluster(store):
    store.write_results(results("r1", "r2"))
    doc = document("r2")
    from polybius.records import DocResult

    store.write_results([DocResult(document=doc, events=())])  # re-extracted: no event left
    assert store.conn.execute("SELECT n_sources FROM clusters").fetchall() == [(1,)]


def test_daily_strikes_on_one_city_do_not_chain(store):
    from polybius.records import DocResult, Document

    from .build import RUS, event

    out = []
    for n, (day, word) in enumerate((("2025-03-10", "Monday"), ("2025-03-12", "Wednesday"),
                                     ("2025-03-14", "Friday"))):
        text = f"Russian drones struck Odesa on {word}, the governor said."
        doc = Document(id=f"d{n}", text=text, published=day)
        out.append(DocResult(document=doc, events=(event(
            doc, f"Russian drones struck Odesa on {word}", "struck",
            actor1=("Russian drones", RUS), place="Odesa", day=(day, day), date_phrase=word,
            acled="Explosions/Remote violence", sub="Air/drone strike"),)))
    store.write_results(out)
    sizes = sorted(c["n_sources"] for c in read_clusters(store.conn))
    assert sizes == [1, 2]  # the 12th may join the 10th or the 14th, never both
