"""The Ray engine stores exactly what the local engine stores, and re-runs add nothing.

Ray tests start a local Ray (2 CPUs) once for the module: ``pytest --run-ray``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


GOLD_DEV = REPO / "tests" / "data" / "gold" / "dev.jsonl"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    """examples/ and the dev gold texts, plus an empty report and a clashing duplicate id
    (one file for every run: failures record where they were read)."""
    extra = tmp_path_factory.mktemp("inputs") / "extra.jsonl"
    first_gold = json.loads(GOLD_DEV.open(encoding="utf-8").readline())
    extra.write_text(
        json.dumps({"id": "empty", "text": "   "}) + "\n"
        + json.dumps({"id": first_gold["id"],
                      "text": "Shelling hit the outskirts of Kharkiv on Monday, the "
                              "governor said."}) + "\n", encoding="utf-8")
    return [EXAMPLES, GOLD_DEV, extra]


def _snapshot(store) -> tuple[list, list, list]:
    """Every stored row but the run bookkeeping (run ids, timestamps)."""
    q = store.conn.execute
    docs = q("SELECT * EXCLUDE (run_id, stored_at) FROM documents ORDER BY doc_id").fetchall()
    events = q("SELECT * EXCLUDE (run_id) FROM events ORDER BY event_id").fetchall()
    rejected = q("SELECT * EXCLUDE (run_id, recorded_at) FROM rejected "
                 "ORDER BY failure_id").fetchall()
    return docs, events, rejected


@pytest.fixture(scope="module")
def ray_settings(settings):
    # several shards, so both workers get some; shards of 3 gathered into writes of 8
    return settings.with_(batch_size=8, ray_shard_size=3)


@pytest.fixture(scope="module")
def local_run(tmp_path_factory, inputs, resources, ray_settings):
    """The local engine's rows on the test input (the reference)."""
    from polybius.ingest import read_paths
    from polybius.pipeline import run_pipeline
    from polybius.store.store import Store

    tmp = tmp_path_factory.mktemp("local")
    with Store(tmp / "local.duckdb") as store:
        summary = run_pipeline(read_paths(inputs, ray_settings), store, resources,
                               ray_settings)
        return summary, _snapshot(store)


@pytest.fixture(scope="module")
def local_ray():
    ray = pytest.importorskip("ray")
    from polybius.ray_batch import connect_ray

    started = connect_ray(None, num_cpus=2)
    yield ray
    if started:
        ray.shutdown()


@pytest.mark.ray
def test_ray_engine_stores_the_same_rows_as_local(tmp_path, inputs, local_run, local_ray,
                                                  ray_settings):
    from polybius.cli_ray import run_with_ray
    from polybius.ingest import read_paths
    from polybius.store.store import Store

    local_summary, expected = local_run
    written: list[int] = []  # documents extracted per store write

    def on_batch(running) -> None:
        written.append(running.processed - sum(written))

    with Store(tmp_path / "ray.duckdb") as store:
        summary = run_with_ray(read_paths(inputs, ray_settings), store,
                               ray_settings, address=None, workers=2, on_batch=on_batch)
        got = _snapshot(store)
        components = json.loads(store.conn.execute(
            "SELECT components FROM runs WHERE run_id = ?", [summary.run_id]).fetchone()[0])
    docs, events, rejected = expected
    assert len(docs) > 60 and len(events) > 20
    reasons = sorted(r[4] for r in rejected)
    assert any("duplicate document id" in r for r in reasons)
    assert len(rejected) >= 2
    # byte for byte: the documents, every event row and its JSON record, the failures
    assert got[0] == docs
    assert [(e[0], e[-1]) for e in got[1]] == [(e[0], e[-1]) for e in events]
    assert got[1] == events
    assert got[2] == rejected
    assert (summary.read, summary.processed, summary.rejected, summary.events) == (
        local_summary.read, local_summary.processed, local_summary.rejected,
        local_summary.events)
    assert components["engine"].startswith("ray ")
    # 3-document shards come back one by one but are written 8 or more at a time
    extracted = [n for n in written if n]
    assert sum(extracted) == summary.processed
    assert all(8 <= n <= 10 for n in extracted[:-1]) and extracted[-1] <= 10


@pytest.mark.ray
def test_ray_engine_resumes_and_reruns_add_nothing(tmp_path, inputs, local_run, local_ray,
                                                   resources, ray_settings):
    from polybius.cli_ray import run_with_ray
    from polybius.ingest import read_paths
    from polybius.pipeline import run_pipeline
    from polybius.store.store import Store

    _, expected = local_run
    with Store(tmp_path / "resume.duckdb") as store:
        # a run that stopped after the examples: the gold texts are still to do
        first = run_pipeline(read_paths([EXAMPLES], ray_settings), store, resources,
                             ray_settings)
        assert 0 < first.processed < len(expected[0])
        resumed = run_with_ray(read_paths(inputs, ray_settings), store,
                               ray_settings, address=None, workers=2)
        assert resumed.unchanged >= first.processed
        assert resumed.processed == len(expected[0]) - first.processed
        assert _snapshot(store) == expected
        again = run_with_ray(read_paths(inputs, ray_settings), store,
                             ray_settings, address=None, workers=1)
        assert (again.processed, again.events) == (0, 0)
        assert again.unchanged == again.read - again.rejected
        assert again.rejected == len(expected[2])  # failures are reported again, not added
        assert _snapshot(store) == expected




@pytest.mark.ray
def test_cli_run_engine_ray_stores_the_same_rows(tmp_path, inputs, local_run, local_ray):
    """`polybius run --engine ray` in its own process, with its own local Ray."""
    from polybius.store.store import Store

    db = tmp_path / "cli.duckdb"
    proc = subprocess.run(
        [sys.executable, "-m", "polybius.cli", "run", *map(str, inputs), "--db", str(db),
         "--batch-size", "8", "--engine", "ray", "--workers", "1", "--quiet"],
        capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    summary = local_run[0]
    assert (f"{summary.read} documents read, {summary.processed} processed, 0 unchanged"
            in " ".join(proc.stderr.split()))
    with Store(db, read_only=True) as store:
        assert _snapshot(store) == local_run[1]

@pytest.mark.ray
def test_worker_that_cannot_load_the_model_is_a_clear_error(tmp_path, inputs, local_ray,
                                                            ray_settings):
    from polybius.cli_ray import run_with_ray
    from polybius.ingest import read_paths
    from polybius.ray_batch import RayEngineError
    from polybius.store.store import Store

    bad = ray_settings.with_(spacy_model="no_such_model_xx")
    with Store(tmp_path / "bad.duckdb") as store:
        with pytest.raises(RayEngineError) as info:
            run_with_ray(read_paths(inputs, bad), store, bad, address=None, workers=1)
        assert store.counts()["documents"] == 0
    message = str(info.value)
    assert message.startswith("a Ray extraction worker could not start: ")
    assert "'no_such_model_xx' is not installed" in message
    assert message.endswith("Install polybius[ray] and the spaCy model on every node "
                            "(see README, 'Ray')")

def test_default_install_path_never_imports_ray():
    code = ("import sys, polybius, polybius.cli, polybius.cli_ray, polybius.pipeline; "
            "print(sorted(m for m in sys.modules if m == 'ray' or m.startswith('ray.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=REPO, check=True).stdout
    assert out.strip() == "[]"


def test_shards_round_trip_documents_unchanged():
    pytest.importorskip("ray")
    from polybius.ray_batch import decode_documents, encode_documents
    from polybius.records import Document

    docs = [Document("k1", "Drones struck Kharkiv overnight.", published="2024-05-01",
                     origin="in.jsonl:1"), Document("k2", "Кадр \u2014 Sudzha retaken.")]
    back = decode_documents(encode_documents(docs))
    assert back == docs
    assert [d.content_hash for d in back] == [d.content_hash for d in docs]
