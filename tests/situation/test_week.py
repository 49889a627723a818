"""The annotated week (tests/data/week) through the real pipeline: merge P/R, control.

Figures measured when written (extractor of the same day, scripts/eval_situation.py): merge
pairwise precision 0.97, recall 0.46 over the 40 of 50 gold members the extractor found;
control 3 of 4 gold rows right; talks 2/2, claims 4/4, impacts 7/7 found and right. The bounds below leave room for extractor changes.
"""

from pathlib import Path

import pytest

from polybius.situation.evaluate import load_week, score_week

WEEK = Path(__file__).resolve().parents[1] / "data" / "week"


@pytest.fixture(scope="module")
def week_results(resources, settings):
    from polybius.ingest import read_paths
    from polybius.pipeline import process_batch

    docs = [d for d in read_paths([str(WEEK / "reports.jsonl")], settings)]
    return process_batch(docs, resources, settings)


@pytest.mark.slow
def test_week_figures(week_results, store):
    store.write_results(week_results)
    scores = score_week(store.conn, load_week(WEEK))
    merge = scores["merge"]
    assert merge["precision"] >= 0.85, merge
    assert merge["recall"] >= 0.35, merge
    assert scores["control"]["right"] >= 2, scores["control"]
    assert scores["talks"]["found"] == 2 and scores["talks"]["right"] >= 1, scores["talks"]
    assert scores["claims"]["found"] >= 2, scores["claims"]
    assert scores["impacts"]["found"] >= 5, scores["impacts"]


@pytest.mark.slow
def test_week_one_report_at_a_time_matches_the_batch(week_results, tmp_path):
    from polybius.store.situation_queries import read_clusters
    from polybius.store.store import Store

    batch = Store(tmp_path / "batch.duckdb")
    batch.write_results(week_results)
    one_by_one = Store(tmp_path / "one.duckdb")
    for result in sorted(week_results, key=lambda r: (r.document.published or "",
                                                      r.document.id)):
        one_by_one.write_results([result])
    sizes = sorted(c["n_sources"] for c in read_clusters(batch.conn))
    assert sorted(c["n_sources"] for c in read_clusters(one_by_one.conn)) == sizes
    for table in ("talks", "control_places"):
        count = f"SELECT count(*) FROM {table}"
        assert one_by_one.conn.execute(count).fetchone() == batch.conn.execute(count).fetchone()
    one_by_one.write_results(week_results)  # re-running adds nothing
    assert sorted(c["n_sources"] for c in read_clusters(one_by_one.conn)) == sizes
    batch.close()
    one_by_one.close()
