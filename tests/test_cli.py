"""The CLI as a user runs it: real commands, a real DuckDB file, real models."""

from __future__ import annotations

from pathlib import Path

import json
import subprocess
import sys

import duckdb
import pytest
from click.testing import CliRunner

from polybius.cli import main

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="module")
def example_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "ex.duckdb"
    result = CliRunner().invoke(main, ["run", str(EXAMPLES), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db, result


def test_run_examples_stores_every_report(example_db):
    db, result = example_db
    assert "Done: " in result.output and str(db) in result.output.replace("\n", "")
    conn = duckdb.connect(str(db), read_only=True)
    documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    rejected = conn.execute("SELECT count(*) FROM rejected").fetchone()[0]
    kursk = conn.execute("SELECT count(*) FROM events WHERE doc_id = 'kursk'").fetchone()[0]
    conn.close()
    assert documents >= 13 and rejected == 0 and kursk >= 2


def test_status_json_and_events_jsonl(example_db):
    db, _ = example_db
    runner = CliRunner()
    status = json.loads(runner.invoke(main, ["status", "--db", str(db), "--json"]).output)
    assert status["documents"] >= 13 and status["events"] > 0 and status["rejected"] == 0
    out = runner.invoke(main, ["events", "--db", str(db), "--format", "jsonl",
                               "--doc-id", "kursk", "--limit", "0"]).output
    records = [json.loads(line) for line in out.splitlines()]
    text = (EXAMPLES / "kursk.txt").read_text(encoding="utf-8")
    assert records and all(r["doc_id"] == "kursk" for r in records)
    for r in records:
        assert 0 <= r["evidence"]["start"] < r["evidence"]["end"] <= len(text)


def test_missing_database_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["status", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "does not exist; create it with `polybius run PATH" in result.output


def test_extract_contract_on_stdin():
    docs = [{"id": "a", "text": "Russian forces shelled Kharkiv on Tuesday, killing three "
                                "civilians, the governor said.", "published": "2025-03-14"},
            {"id": "empty", "text": "   "},
            "not json"]
    stdin = "\n".join(d if isinstance(d, str) else json.dumps(d) for d in docs) + "\n"
    proc = subprocess.run([sys.executable, "-m", "polybius.cli", "extract"], input=stdin,
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert proc.returncode == 0, proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert events and {e["doc_id"] for e in events} == {"a"}
    assert events[0]["date"]["start_date"] == "2025-03-11"
    errors = [line for line in proc.stderr.splitlines() if line.strip()]
    assert any(line.startswith("empty: ") for line in errors)
    assert any("stdin:3" in line for line in errors)
