"""A run killed with SIGKILL and started again ends exactly like one clean run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


pytestmark = pytest.mark.slow


def _corpus(tmp_path: Path) -> Path:
    """The example reports plus the dev gold texts, as one JSON Lines file."""
    corpus = tmp_path / "corpus.jsonl"
    gold = REPO / "tests" / "data" / "gold" / "dev.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for line in gold.open(encoding="utf-8"):
            doc = json.loads(line)
            out.write(json.dumps({k: doc[k] for k in ("id", "text", "published")
                                  if k in doc}) + "\n")
        out.write(json.dumps({"id": "bad", "text": ""}) + "\n")
        out.write(json.dumps({"id": "kursk", "text": (EXAMPLES / "kursk.txt").read_text()})
                  + "\n")
    return corpus


def _command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "polybius.cli", "run", str(corpus), "--db", str(db),
            "--batch-size", "3", "--quiet"]


def _snapshot(db: Path) -> tuple:
    conn = duckdb.connect(str(db), read_only=True)
    docs = conn.execute("SELECT doc_id, content_hash FROM documents ORDER BY 1").fetchall()
    events = conn.execute("SELECT event_id, record FROM events ORDER BY 1").fetchall()
    rejected = conn.execute("SELECT origin, reason FROM rejected ORDER BY 1").fetchall()
    conn.close()
    return docs, [(e, json.loads(r)) for e, r in events], rejected


def test_sigkill_then_resume_equals_clean_run(tmp_path):
    corpus = _corpus(tmp_path)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    clean_db = tmp_path / "clean.duckdb"
    started = time.perf_counter()
    subprocess.run(_command(corpus, clean_db), check=True, env=env, cwd=tmp_path)
    clean_seconds = time.perf_counter() - started
    clean = _snapshot(clean_db)
    assert clean[0] and clean[1] and clean[2]

    db = tmp_path / "killed.duckdb"
    kills = partial = 0
    for fraction in (0.55, 0.6, 0.65, 0.7, 0.75):
        proc = subprocess.Popen(_command(corpus, db), env=env, cwd=tmp_path,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            proc.wait(timeout=clean_seconds * fraction)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            kills += 1
            if db.exists() and 0 < len(_snapshot(db)[0]) < len(clean[0]):
                partial += 1
    assert kills >= 2, "the runs finished before they could be killed"
    assert partial >= 1, "no run was killed in the middle of writing"
    subprocess.run(_command(corpus, db), check=True, env=env, cwd=tmp_path)
    assert _snapshot(db) == clean
    # and once more: a re-run adds nothing
    subprocess.run(_command(corpus, db), check=True, env=env, cwd=tmp_path)
    assert _snapshot(db) == clean
